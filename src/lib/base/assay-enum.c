/* assay-enum.c — stable ids of registered enums, by their nicks
 *
 * Copyright 2026 The Assay authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "assay-enum.h"

/* Enum classes of static types are never finalized: the first caller
 * takes a reference that is never dropped, later ones only peek. */
static GEnumClass *
enum_class (GType type)
{
  gpointer klass = g_type_class_peek (type);

  return klass != NULL ? klass : g_type_class_ref (type);
}

const char *
assay_enum_get_nick (GType type,
                     int   value)
{
  GEnumValue *v;

  g_return_val_if_fail (G_TYPE_IS_ENUM (type), NULL);

  v = g_enum_get_value (enum_class (type), value);
  return v != NULL ? v->value_nick : NULL;
}

gboolean
assay_enum_from_nick (GType       type,
                      const char *nick,
                      int        *out_value)
{
  GEnumValue *v;

  g_return_val_if_fail (G_TYPE_IS_ENUM (type), FALSE);
  g_return_val_if_fail (nick != NULL, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  v = g_enum_get_value_by_nick (enum_class (type), nick);
  if (v == NULL)
    return FALSE;
  *out_value = v->value;
  return TRUE;
}

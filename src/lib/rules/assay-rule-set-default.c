/* assay-rule-set-default.c — where the rule set in force by default is
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

#include "assay-rule-set-default.h"

char *
assay_rule_set_get_default_path (void)
{
  const char *dir = g_getenv ("ASSAY_DATADIR");

  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, "rules", "pilot.json", NULL);
  return g_build_filename (PKGDATADIR, "rules", "pilot.json", NULL);
}

AssayRuleSet *
assay_rule_set_new_default (GError **error)
{
  g_autofree char *path = assay_rule_set_get_default_path ();

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return assay_rule_set_new_from_file (path, error);
}

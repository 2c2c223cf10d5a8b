/* assay-secret.c — a passphrase kept in locked memory while a worker uses it
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

#include <sodium.h>
#include <string.h>

#include "assay-secret.h"

char *
assay_secret_dup (const char *text,
                  gsize       len)
{
  char *copy;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (sodium_init () < 0 || (copy = sodium_malloc (MAX (len, 1))) == NULL)
    g_error ("sodium_malloc failed");
  memcpy (copy, text, len);
  return copy;
}

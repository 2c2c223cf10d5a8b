/* fuzz-rule-set.c — libFuzzer target: the rule set loader on any bytes
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

#include "assay-rule-set.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Any input either loads as a whole, type-checked set or is refused with
 * an error; nothing else (a crash, a leak, an error without a message, a
 * set without rules) is allowed. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayRuleSet) set = assay_rule_set_new_from_bytes (bytes, &error);

  if (set == NULL)
    g_assert (error != NULL && error->message != NULL && error->message[0] != '\0');
  else
    g_assert (error == NULL && assay_rule_set_get_n_rules (set) >= 1 &&
              assay_rule_set_get_sha256 (set) != NULL);
  return 0;
}

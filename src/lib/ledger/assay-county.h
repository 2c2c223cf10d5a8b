/* assay-county.h — GB/T 2260 county codes: validity, provinces, names
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

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A county code is six digits of GB/T 2260: a province-level prefix (the
 * first two digits), a prefecture, and a county whose last two digits are
 * not 00.  One table knows the province prefixes, and the names of the
 * counties the pilot covers. */

typedef enum
{
  ASSAY_COUNTY_VALID,
  ASSAY_COUNTY_MALFORMED,         /* not six digits */
  ASSAY_COUNTY_UNKNOWN_PROVINCE,  /* the first two digits are no province */
  ASSAY_COUNTY_NOT_A_COUNTY,      /* the last two digits are 00 */
} AssayCountyCheck;

/* `len` -1: `code` is nul-terminated. */
AssayCountyCheck  assay_county_check              (const char *code,
                                                   gssize      len);
gboolean          assay_county_is_valid           (const char *code);
/* Whether `prefix` (0–99) is a GB/T 2260 province-level code. */
gboolean          assay_county_is_province_prefix (guint       prefix);

/* The translated name of a county the pilot covers ("Qingpu" / "青浦区"),
 * or NULL for a code we have no name for. */
const char       *assay_county_get_name           (const char *code);
/* "Qingpu (310118)", or the bare code when the name is unknown. */
char             *assay_county_format             (const char *code);

/* The translated name of a province-level division ("Shanghai" /
 * "上海市") by its two-digit prefix, or NULL. */
const char       *assay_province_get_name         (guint       prefix);
/* "Shanghai (31)" for the prefix "31", or the text itself when it names
 * no province. */
char             *assay_province_format           (const char *prefix);

G_END_DECLS

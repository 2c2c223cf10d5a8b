/* assay-county.c — GB/T 2260 county codes: validity, provinces, names
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

#include "assay-county.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

typedef struct
{
  guint32     code;  /* a province's two-digit prefix, or a county's six digits */
  const char *name;  /* its name, untranslated */
} Division;

/* The province-level divisions of GB/T 2260 and, each under its province,
 * the counties the pilot dataset uses (see assay-generator.c), in code
 * order. */
static const Division divisions[] = {
  { 11, N_("Beijing") },
  { 12, N_("Tianjin") },
  { 13, N_("Hebei") },
  { 14, N_("Shanxi") },
  { 15, N_("Inner Mongolia") },
  { 21, N_("Liaoning") },
  { 22, N_("Jilin") },
  { 23, N_("Heilongjiang") },
  { 31, N_("Shanghai") },
  { 310115, N_("Pudong") },
  { 310118, N_("Qingpu") },
  { 32, N_("Jiangsu") },
  { 320509, N_("Wujiang") },
  { 320583, N_("Kunshan") },
  { 33, N_("Zhejiang") },
  { 330421, N_("Jiashan") },
  { 330483, N_("Tongxiang") },
  { 34, N_("Anhui") },
  { 340104, N_("Shushan") },
  { 35, N_("Fujian") },
  { 36, N_("Jiangxi") },
  { 37, N_("Shandong") },
  { 41, N_("Henan") },
  { 42, N_("Hubei") },
  { 43, N_("Hunan") },
  { 44, N_("Guangdong") },
  { 440304, N_("Futian") },
  { 440305, N_("Nanshan") },
  { 45, N_("Guangxi") },
  { 46, N_("Hainan") },
  { 50, N_("Chongqing") },
  { 51, N_("Sichuan") },
  { 52, N_("Guizhou") },
  { 53, N_("Yunnan") },
  { 54, N_("Tibet") },
  { 61, N_("Shaanxi") },
  { 62, N_("Gansu") },
  { 63, N_("Qinghai") },
  { 64, N_("Ningxia") },
  { 65, N_("Xinjiang") },
  { 71, N_("Taiwan") },
  { 81, N_("Hong Kong") },
  { 82, N_("Macao") },
};

/* Entry validation checks every body's county: the province prefixes are
 * read into a flat array once, from the table. */
static const guint8 *
province_prefixes (void)
{
  static guint8 prefixes[100];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (divisions); i++)
        if (divisions[i].code < 100)
          prefixes[divisions[i].code] = TRUE;
      g_once_init_leave (&initialized, 1);
    }
  return prefixes;
}

/* The six digits as a number, or -1 if @code is not six digits. */
static inline gint32
code_number (const char *code,
             gsize       len)
{
  gint32 number = 0;

  if (len != 6)
    return -1;
  for (guint i = 0; i < 6; i++)
    {
      guint digit = (guint) (code[i] - '0');

      if (digit > 9)
        return -1;
      number = number * 10 + digit;
    }
  return number;
}

AssayCountyCheck
assay_county_check (const char *code,
                    gssize      len)
{
  gint32 number;

  g_return_val_if_fail (code != NULL, ASSAY_COUNTY_MALFORMED);

  number = code_number (code, len < 0 ? strlen (code) : (gsize) len);
  if (number < 0)
    return ASSAY_COUNTY_MALFORMED;
  if (!province_prefixes ()[number / 10000])
    return ASSAY_COUNTY_UNKNOWN_PROVINCE;
  if (number % 100 == 0)
    return ASSAY_COUNTY_NOT_A_COUNTY;
  return ASSAY_COUNTY_VALID;
}

gboolean
assay_county_is_valid (const char *code)
{
  return assay_county_check (code, -1) == ASSAY_COUNTY_VALID;
}

gboolean
assay_county_is_province_prefix (guint prefix)
{
  return prefix < 100 && province_prefixes ()[prefix];
}

const char *
assay_county_get_name (const char *code)
{
  gint32 number;

  g_return_val_if_fail (code != NULL, NULL);

  number = code_number (code, strlen (code));
  if (number < 100)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (divisions); i++)
    if (divisions[i].code == (guint32) number)
      return _(divisions[i].name);
  return NULL;
}

const char *
assay_province_get_name (guint prefix)
{
  for (guint i = 0; i < G_N_ELEMENTS (divisions); i++)
    if (divisions[i].code == prefix && prefix < 100)
      return _(divisions[i].name);
  return NULL;
}

char *
assay_province_format (const char *prefix)
{
  const char *name;

  g_return_val_if_fail (prefix != NULL, NULL);

  name = strlen (prefix) == 2 && g_ascii_isdigit (prefix[0]) && g_ascii_isdigit (prefix[1])
         ? assay_province_get_name ((guint) atoi (prefix)) : NULL;
  if (name == NULL)
    return g_strdup (prefix);
  /* Translators: a province's name and its GB/T 2260 prefix, "Shanghai (31)". */
  return g_strdup_printf (_("%s (%s)"), name, prefix);
}

char *
assay_county_format (const char *code)
{
  const char *name;

  g_return_val_if_fail (code != NULL, NULL);

  name = assay_county_get_name (code);
  if (name == NULL)
    return g_strdup (code);
  /* Translators: a county's name and its GB/T 2260 code, "Qingpu (310118)". */
  return g_strdup_printf (_("%s (%s)"), name, code);
}

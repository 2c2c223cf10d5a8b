/* assay-day.c — day arithmetic: strict dates, Julian days, quarters, weeks
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

#include "assay-day.h"

#include <string.h>

/* Entry parsing reads two dates per body, so the parse is plain
 * arithmetic without a GDate or a call into GLib; the tests check it
 * against GDate for every day from 0001-01-01 to 9999-12-31. */
static inline gboolean
is_digit (char c)
{
  return (guint) (c - '0') <= 9;
}

static inline gboolean
scan (const char *s,
      gsize       len,
      guint      *year,
      guint      *month,
      guint      *day)
{
  if (len != 10 || s[4] != '-' || s[7] != '-' ||
      !is_digit (s[0]) || !is_digit (s[1]) || !is_digit (s[2]) || !is_digit (s[3]) ||
      !is_digit (s[5]) || !is_digit (s[6]) || !is_digit (s[8]) || !is_digit (s[9]))
    return FALSE;
  *year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  *month = (s[5] - '0') * 10 + (s[6] - '0');
  *day = (s[8] - '0') * 10 + (s[9] - '0');
  return TRUE;
}

static inline gboolean
is_leap_year (guint year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static inline gboolean
from_ymd (guint    year,
          guint    month,
          guint    day,
          guint32 *out)
{
  static const guint8 days_in_month[2][13] = {
    { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 },
    { 0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 },
  };
  static const guint16 days_before[13] = {
    0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334,
  };
  gboolean leap;
  guint y;

  if (year < 1 || year > 9999 || month < 1 || month > 12)
    return FALSE;
  leap = is_leap_year (year);
  if (day < 1 || day > days_in_month[leap][month])
    return FALSE;
  y = year - 1;
  *out = 365 * y + y / 4 - y / 100 + y / 400 + days_before[month] + day + (month > 2 && leap);
  return TRUE;
}

gboolean
assay_day_parse (const char *text,
                 gssize      len,
                 guint32    *out_day)
{
  guint year, month, day;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_day != NULL, FALSE);

  return scan (text, len < 0 ? strlen (text) : (gsize) len, &year, &month, &day) &&
         from_ymd (year, month, day, out_day);
}

gboolean
assay_day_is_well_formed (const char *text,
                          gssize      len)
{
  guint year, month, day;

  g_return_val_if_fail (text != NULL, FALSE);

  return scan (text, len < 0 ? strlen (text) : (gsize) len, &year, &month, &day);
}

gboolean
assay_day_from_ymd (guint    year,
                    guint    month,
                    guint    day,
                    guint32 *out_day)
{
  g_return_val_if_fail (out_day != NULL, FALSE);

  return from_ymd (year, month, day, out_day);
}

void
assay_day_to_ymd (guint32  day,
                  guint   *out_year,
                  guint   *out_month,
                  guint   *out_day_of_month)
{
  GDate date;

  if (out_year != NULL)
    *out_year = 0;
  if (out_month != NULL)
    *out_month = 0;
  if (out_day_of_month != NULL)
    *out_day_of_month = 0;
  g_return_if_fail (day != 0);

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  if (out_year != NULL)
    *out_year = g_date_get_year (&date);
  if (out_month != NULL)
    *out_month = g_date_get_month (&date);
  if (out_day_of_month != NULL)
    *out_day_of_month = g_date_get_day (&date);
}

char *
assay_day_format (guint32 day)
{
  guint year, month, dom;

  if (day == 0)
    return NULL;
  assay_day_to_ymd (day, &year, &month, &dom);
  return g_strdup_printf ("%04u-%02u-%02u", year, month, dom);
}

guint32
assay_day_quarter (guint32 day)
{
  guint year, month;

  g_return_val_if_fail (day != 0, 0);

  assay_day_to_ymd (day, &year, &month, NULL);
  return year * 10 + (month - 1) / 3 + 1;
}

guint32
assay_day_week_start (guint32 day)
{
  g_return_val_if_fail (day >= ASSAY_DAY_MIN, 0);

  /* Day 1 is a Monday (GDate's weekday is (day - 1) % 7 + G_DATE_MONDAY). */
  return day - (day - 1) % 7;
}

guint32
assay_day_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint32 day = 0;

  if (!from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                 g_date_time_get_day_of_month (now), &day))
    g_assert_not_reached ();
  return day;
}

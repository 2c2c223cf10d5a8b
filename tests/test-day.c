/* test-day.c — day arithmetic: strict dates, Julian days, quarters, weeks
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

#include <glib.h>

#include "assay-day.h"

static guint32
gdate_julian (guint year,
              guint month,
              guint day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

static void
test_parse_accepts (void)
{
  struct { const char *text; guint year, month, day; } cases[] = {
    { "0001-01-01", 1, 1, 1 },
    { "9999-12-31", 9999, 12, 31 },
    { "2026-03-01", 2026, 3, 1 },
    { "2024-02-29", 2024, 2, 29 },  /* divisible by 4 */
    { "2000-02-29", 2000, 2, 29 },  /* divisible by 400 */
    { "1600-02-29", 1600, 2, 29 },
    { "0004-02-29", 4, 2, 29 },
    { "2026-12-31", 2026, 12, 31 },
    { "2026-04-30", 2026, 4, 30 },
    { "1582-10-10", 1582, 10, 10 }, /* proleptic: no Julian-calendar gap */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint32 day = 0, from_ymd = 0;

      g_assert_true (assay_day_parse (cases[i].text, -1, &day));
      g_assert_cmpuint (day, ==, gdate_julian (cases[i].year, cases[i].month, cases[i].day));
      g_assert_true (assay_day_from_ymd (cases[i].year, cases[i].month, cases[i].day, &from_ymd));
      g_assert_cmpuint (from_ymd, ==, day);
      g_assert_true (assay_day_is_well_formed (cases[i].text, -1));
    }

  {
    guint32 day = 0;

    g_assert_true (assay_day_parse ("0001-01-01", -1, &day));
    g_assert_cmpuint (day, ==, 1);
    g_assert_cmpuint (day, ==, ASSAY_DAY_MIN);
    g_assert_true (assay_day_parse ("9999-12-31", -1, &day));
    g_assert_cmpuint (day, ==, ASSAY_DAY_MAX);
    /* A length: the text need not end there. */
    g_assert_true (assay_day_parse ("2026-03-01T12:00", 10, &day));
    g_assert_cmpuint (day, ==, gdate_julian (2026, 3, 1));
  }
}

static void
test_parse_refuses (void)
{
  /* Not a date written YYYY-MM-DD. */
  static const char * const malformed[] = {
    "", "2026", "2026-3-01", "2026-03-1", "26-03-01", "2026-03-01 ", " 2026-03-01",
    "2026/03/01", "2026.03.01", "20260301", "2026-03-01Z", "+026-03-01", "-026-03-01",
    "2026-0a-01", "2026--3-01", "2026-03--1", "２０２６-03-01", "2026-03-0\xd9\xa1",
    "10000-01-01",
  };
  /* Well formed, but no day of the calendar. */
  static const char * const not_a_day[] = {
    "0000-01-01", "0000-12-31", "2026-00-10", "2026-13-01", "2026-99-01", "2026-01-00",
    "2026-01-32", "2026-02-29", "1900-02-29", "2100-02-29", "2023-02-29", "2026-04-31",
    "2026-06-31", "2026-09-31", "2026-11-31", "2024-02-30", "9999-12-32",
  };

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      guint32 day = 12345;

      g_test_message ("%s", malformed[i]);
      g_assert_false (assay_day_parse (malformed[i], -1, &day));
      g_assert_cmpuint (day, ==, 12345);
      g_assert_false (assay_day_is_well_formed (malformed[i], -1));
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_a_day); i++)
    {
      guint32 day = 12345;

      g_test_message ("%s", not_a_day[i]);
      g_assert_false (assay_day_parse (not_a_day[i], -1, &day));
      g_assert_cmpuint (day, ==, 12345);
      g_assert_true (assay_day_is_well_formed (not_a_day[i], -1));
    }

  /* A nul inside the given length is not a digit. */
  {
    guint32 day;

    g_assert_false (assay_day_parse ("2026-03-0\0", 10, &day));
    g_assert_false (assay_day_parse ("2026-03-01", 9, &day));
  }
}

static void
test_from_ymd_refuses (void)
{
  guint32 day = 7;

  g_assert_false (assay_day_from_ymd (0, 1, 1, &day));
  g_assert_false (assay_day_from_ymd (10000, 1, 1, &day));
  g_assert_false (assay_day_from_ymd (2026, 0, 1, &day));
  g_assert_false (assay_day_from_ymd (2026, 13, 1, &day));
  g_assert_false (assay_day_from_ymd (2026, 2, 0, &day));
  g_assert_false (assay_day_from_ymd (2026, 2, 29, &day));
  g_assert_cmpuint (day, ==, 7);
}

/* Every day from 0001-01-01 to 9999-12-31, against GDate. */
static void
test_every_day (void)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, 1);
  for (guint32 julian = ASSAY_DAY_MIN; julian <= ASSAY_DAY_MAX; julian++)
    {
      guint year = g_date_get_year (&date), month = g_date_get_month (&date);
      guint dom = g_date_get_day (&date);
      guint y, m, d;
      guint32 day = 0;

      g_assert_cmpuint (g_date_get_julian (&date), ==, julian);
      if (!assay_day_from_ymd (year, month, dom, &day) || day != julian)
        g_error ("%04u-%02u-%02u: %u, GDate %u", year, month, dom, day, julian);
      assay_day_to_ymd (julian, &y, &m, &d);
      g_assert_true (y == year && m == month && d == dom);
      g_assert_cmpuint (assay_day_quarter (julian), ==, year * 10 + (month - 1) / 3 + 1);
      g_assert_cmpuint (assay_day_week_start (julian), ==,
                        julian - (g_date_get_weekday (&date) - G_DATE_MONDAY));
      if (julian % 997 == 0 || julian == ASSAY_DAY_MAX)
        {
          g_autofree char *text = assay_day_format (julian);
          char expected[16];
          guint32 parsed = 0;

          g_date_strftime (expected, sizeof expected, "%Y-%m-%d", &date);
          if (year < 1000)
            g_snprintf (expected, sizeof expected, "%04u-%02u-%02u", year, month, dom);
          g_assert_cmpstr (text, ==, expected);
          g_assert_true (assay_day_parse (text, -1, &parsed));
          g_assert_cmpuint (parsed, ==, julian);
        }
      g_date_add_days (&date, 1);
    }
}

static void
test_format (void)
{
  g_autofree char *first = assay_day_format (ASSAY_DAY_MIN);
  g_autofree char *last = assay_day_format (ASSAY_DAY_MAX);
  g_autofree char *leap = assay_day_format (gdate_julian (2024, 2, 29));

  g_assert_null (assay_day_format (0));
  g_assert_cmpstr (first, ==, "0001-01-01");
  g_assert_cmpstr (last, ==, "9999-12-31");
  g_assert_cmpstr (leap, ==, "2024-02-29");
}

static void
test_quarters (void)
{
  struct { guint year, month, day; guint32 quarter; } cases[] = {
    { 2025, 1, 1, 20251 }, { 2025, 3, 31, 20251 }, { 2025, 4, 1, 20252 },
    { 2025, 6, 30, 20252 }, { 2025, 7, 1, 20253 }, { 2025, 9, 30, 20253 },
    { 2025, 10, 1, 20254 }, { 2025, 12, 31, 20254 }, { 2024, 2, 29, 20241 },
    { 1, 1, 1, 11 }, { 9999, 12, 31, 99994 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (assay_day_quarter (gdate_julian (cases[i].year, cases[i].month, cases[i].day)),
                      ==, cases[i].quarter);
}

static void
test_week_starts (void)
{
  /* 2026-03-02 is a Monday; 0001-01-01 was one too. */
  guint32 monday = gdate_julian (2026, 3, 2);

  for (guint i = 0; i < 7; i++)
    g_assert_cmpuint (assay_day_week_start (monday + i), ==, monday);
  g_assert_cmpuint (assay_day_week_start (monday - 1), ==, monday - 7);
  g_assert_cmpuint (assay_day_week_start (monday + 7), ==, monday + 7);
  g_assert_cmpuint (assay_day_week_start (1), ==, 1);
  g_assert_cmpuint (assay_day_week_start (7), ==, 1);
  g_assert_cmpuint (assay_day_week_start (8), ==, 8);
  /* 9999-12-31 is a Friday. */
  g_assert_cmpuint (assay_day_week_start (ASSAY_DAY_MAX), ==, ASSAY_DAY_MAX - 4);
  /* Across a leap day and a year's end. */
  g_assert_cmpuint (assay_day_week_start (gdate_julian (2024, 3, 1)), ==, gdate_julian (2024, 2, 26));
  g_assert_cmpuint (assay_day_week_start (gdate_julian (2027, 1, 1)), ==, gdate_julian (2026, 12, 28));
}

static void
test_today (void)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  guint32 today = assay_day_today ();
  g_autoptr(GDateTime) after = g_date_time_new_now_local ();
  guint32 first = gdate_julian (g_date_time_get_year (before), g_date_time_get_month (before),
                                g_date_time_get_day_of_month (before));
  guint32 last = gdate_julian (g_date_time_get_year (after), g_date_time_get_month (after),
                               g_date_time_get_day_of_month (after));

  g_assert_cmpuint (today, >=, first);
  g_assert_cmpuint (today, <=, last);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assay/day/parse-accepts", test_parse_accepts);
  g_test_add_func ("/assay/day/parse-refuses", test_parse_refuses);
  g_test_add_func ("/assay/day/from-ymd-refuses", test_from_ymd_refuses);
  g_test_add_func ("/assay/day/every-day", test_every_day);
  g_test_add_func ("/assay/day/format", test_format);
  g_test_add_func ("/assay/day/quarters", test_quarters);
  g_test_add_func ("/assay/day/week-starts", test_week_starts);
  g_test_add_func ("/assay/day/today", test_today);

  return g_test_run ();
}

/* assay-day.h — day arithmetic: strict dates, Julian days, quarters, weeks
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

/* Days are GDate Julian day numbers of the proleptic Gregorian calendar:
 * 1 is 0001-01-01 (a Monday), 0 is no day.  Dates are written strictly
 * YYYY-MM-DD, years 0001 to 9999.  Quarters are encoded as
 * year * 10 + quarter (20253 is the third quarter of 2025); weeks start on
 * Monday. */

#define ASSAY_DAY_MIN 1        /* 0001-01-01 */
#define ASSAY_DAY_MAX 3652059  /* 9999-12-31 */

/* Exactly ten characters YYYY-MM-DD naming a real day of the calendar
 * (`len` -1: `text` is nul-terminated).  FALSE, and `out_day` untouched,
 * for anything else. */
gboolean  assay_day_parse           (const char *text,
                                     gssize      len,
                                     guint32    *out_day);
/* Whether `text` has the shape YYYY-MM-DD (ten characters, digits and two
 * dashes), whether or not it names a real day: tells "not written as a
 * date" from "not a day of the calendar" after assay_day_parse() failed. */
gboolean  assay_day_is_well_formed  (const char *text,
                                     gssize      len);
/* The day of a year (1–9999), month (1–12) and day of the month; FALSE if
 * there is no such day. */
gboolean  assay_day_from_ymd        (guint       year,
                                     guint       month,
                                     guint       day,
                                     guint32    *out_day);
/* The year, month and day of the month of a day (not 0). */
void      assay_day_to_ymd          (guint32     day,
                                     guint      *out_year,
                                     guint      *out_month,
                                     guint      *out_day_of_month);
/* "YYYY-MM-DD", or NULL for 0 (no day). */
char     *assay_day_format          (guint32     day);
/* year * 10 + quarter (1–4). */
guint32   assay_day_quarter         (guint32     day);
/* The Monday of the day's week. */
guint32   assay_day_week_start      (guint32     day);
/* Today in the local time zone. */
guint32   assay_day_today           (void);

G_END_DECLS

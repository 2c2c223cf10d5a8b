/* assay-format.h — how the app writes numbers, dates and ages
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

/* 1234567 → "1,234,567" (grouped as the locale groups digits). */
char *assay_format_count      (gint64  value);
/* A value with at most one decimal: 0.5 → "0.5", 12 → "12", grouped. */
char *assay_format_number     (double  value);
/* A contribution value with two decimals, grouped: 7919.754 → "7,919.75",
 * −3.5 → "−3.50". */
char *assay_format_value      (double  value);
/* A fraction as a percentage: 0.253 → "25.3 %". */
char *assay_format_percent    (double  fraction);
/* "just now", "5 minutes ago", "3 hours ago", "2 days ago"; relative to
 * `now` (unix time). */
char *assay_format_age        (gint64  unix_time,
                               gint64  now);
/* Local date and time, "2026-03-02 14:05". */
char *assay_format_date_time  (gint64  unix_time);
/* A Julian day as "2026-03-02"; "" for 0. */
char *assay_format_day        (guint32 julian_day);
/* A short day label for chart axes: "Mar 2" / "3月2日". */
char *assay_format_day_short  (guint32 julian_day);
/* The year of a day, "2026" ("2026年" in Chinese); "" for no day. */
char *assay_format_year       (guint32 julian_day);
/* 250000 entries per second → "250,000/s". */
char *assay_format_rate       (double  per_second);

G_END_DECLS

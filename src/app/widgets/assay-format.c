/* assay-format.c — how the app writes numbers, dates and ages
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

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "assay-format.h"

#include "assay-day.h"

/* The locale's thousands separator; a comma where the locale has none
 * (C, POSIX), since long counts are unreadable without one. */
static const char *
thousands_separator (void)
{
  const char *sep = localeconv ()->thousands_sep;

  return sep != NULL && sep[0] != '\0' ? sep : ",";
}

char *
assay_format_count (gint64 value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                             value < 0 ? -(guint64) value : (guint64) value);
  const char *sep = thousands_separator ();
  gsize n = strlen (digits);
  GString *text = g_string_new (value < 0 ? "−" : NULL);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (text, sep);
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

char *
assay_format_number (double value)
{
  if (fabs (value - round (value)) < 0.05 || fabs (value) >= 1000)
    return assay_format_count ((gint64) round (value));
  return g_strdup_printf ("%.1f", value);
}

char *
assay_format_value (double value)
{
  double cents = round (fabs (value) * 100);
  g_autofree char *whole = assay_format_count ((gint64) floor (cents / 100));
  g_autofree char *fraction = g_strdup_printf ("%.2f", fmod (cents, 100) / 100);
  const char *decimals = strchr (fraction, '.') != NULL ? strchr (fraction, '.') : strchr (fraction, ',');

  return g_strdup_printf ("%s%s%s", value < 0 && cents > 0 ? "−" : "", whole, decimals != NULL ? decimals : "");
}

/* One decimal always, so that "31.0 %" and "11.4 %" line up and a reader
 * sees the same precision everywhere; the decimal mark is the locale's. */
char *
assay_format_percent (double fraction)
{
  /* Translators: a percentage with one decimal, "11.4 %"; keep %.1f, and
   * the space before the sign if your language writes one. */
  return g_strdup_printf (_("%.1f %%"), fraction * 100);
}

char *
assay_format_age (gint64 unix_time,
                  gint64 now)
{
  gint64 seconds = MAX (now - unix_time, 0);
  gint64 n;

  if (seconds < 60)
    return g_strdup (_("just now"));
  if (seconds < 3600)
    {
      n = seconds / 60;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", n), (int) n);
    }
  if (seconds < 86400)
    {
      n = seconds / 3600;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", n), (int) n);
    }
  n = seconds / 86400;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", n), (int) n);
}

char *
assay_format_date_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);

  if (time == NULL)
    return g_strdup ("");
  return g_date_time_format (time, "%Y-%m-%d %H:%M");
}

char *
assay_format_day (guint32 julian_day)
{
  char *text = assay_day_format (julian_day);

  return text != NULL ? text : g_strdup ("");
}

char *
assay_format_day_short (guint32 julian_day)
{
  char buf[64];
  GDate date;

  if (julian_day == 0 || !g_date_valid_julian (julian_day))
    return g_strdup ("");
  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian_day);
  /* Translators: a strftime format for a short day on a chart axis, e.g.
   * "Mar 2"; in Chinese "%-m月%-d日". */
  if (g_date_strftime (buf, sizeof buf, _("%b %-d"), &date) == 0)
    return assay_format_day (julian_day);
  return g_strdup (buf);
}

char *
assay_format_year (guint32 julian_day)
{
  char buf[32];
  GDate date;

  if (julian_day == 0 || !g_date_valid_julian (julian_day))
    return g_strdup ("");
  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian_day);
  /* Translators: a strftime format for a year under a chart's day labels,
   * "2026"; in Chinese "%Y年". */
  if (g_date_strftime (buf, sizeof buf, _("%Y"), &date) == 0)
    return g_strdup_printf ("%d", (int) g_date_get_year (&date));
  return g_strdup (buf);
}

char *
assay_format_rate (double per_second)
{
  g_autofree char *count = assay_format_count ((gint64) round (per_second));

  /* Translators: a rate, "54,321/s" entries per second. */
  return g_strdup_printf (_("%s/s"), count);
}

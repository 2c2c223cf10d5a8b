/* assay-generator-calendar.c — the generator's days: dates, quarters, weekly and seasonal rhythm
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

#include "assay-generator-private.h"

/* 春节 (the first day of the lunar year), 2020–2036. */
static const struct { guint8 month, day; } spring_festival[] = {
  { 1, 25 }, { 2, 12 }, { 2, 1 }, { 1, 22 }, { 2, 10 }, { 1, 29 }, { 2, 17 }, { 2, 6 },
  { 1, 26 }, { 2, 13 }, { 2, 3 }, { 1, 23 }, { 2, 11 }, { 1, 31 }, { 2, 19 }, { 2, 8 },
  { 1, 28 },
};
#define SPRING_FESTIVAL_FIRST_YEAR 2020

static guint32
day_julian (AssayGenerator *self,
            gint32          day)
{
  return self->start_julian + (guint32) day;
}

static int
spring_festival_offset (GDate *date)
{
  int year = g_date_get_year (date);
  int index = year - SPRING_FESTIVAL_FIRST_YEAR;
  GDate festival;

  if (index < 0 || index >= (int) G_N_ELEMENTS (spring_festival))
    return G_MAXINT;
  g_date_clear (&festival, 1);
  g_date_set_dmy (&festival, spring_festival[index].day, spring_festival[index].month, year);
  return (int) g_date_get_julian (date) - (int) g_date_get_julian (&festival);
}

static float
day_activity (GDate *date,
              int    weekday)
{
  static const float month_factor[12] = {
    0.95f, 0.90f, 1.00f, 1.00f, 1.05f, 1.10f, 1.15f, 1.10f, 1.00f, 0.95f, 1.00f, 1.05f,
  };
  int month = g_date_get_month (date);
  int dom = g_date_get_day (date);
  int sf = spring_festival_offset (date);
  float f = weekday == 6 ? 0.62f : weekday == 7 ? 0.50f : 1.0f;

  f *= month_factor[month - 1];
  if (ABS (sf) <= 7)
    f *= 0.35f;                 /* the Spring Festival holiday */
  else if ((sf >= -14 && sf < -7) || (sf > 7 && sf <= 15))
    f *= 0.75f;                 /* travel before and after it */
  if (month == 10 && dom <= 7)
    f *= 0.55f;                 /* National Day golden week */
  else if (month == 5 && dom <= 5)
    f *= 0.80f;                 /* Labour Day */
  return f;
}

static float
day_redemption (GDate *date,
                int    weekday)
{
  int month = g_date_get_month (date);
  int sf = spring_festival_offset (date);
  float f = weekday == 6 ? 0.55f : weekday == 7 ? 0.45f : 1.0f;

  if (sf >= -14 && sf <= -2)
    f *= 1.25f;                 /* redeeming before the festival */
  else if (sf >= -1 && sf <= 6)
    f *= 0.50f;
  if (month == 10 && g_date_get_day (date) <= 7)
    f *= 0.80f;
  return f;
}

static void
day_dimension_mods (Day *d,
                    int  month)
{
  for (guint i = 0; i < N_DIMS; i++)
    d->dim_mod[i] = 1.0f;
  if (d->weekend)
    {
      d->dim_mod[ASSAY_DIMENSION_PROFESSIONAL] = 0.5f;
      d->dim_mod[ASSAY_DIMENSION_COMMUNITY] = 1.6f;
      d->dim_mod[ASSAY_DIMENSION_ECOLOGICAL] = 1.5f;
      d->dim_mod[ASSAY_DIMENSION_DATA] = 0.5f;
      d->dim_mod[ASSAY_DIMENSION_MARKET_ORDER] = 0.6f;
    }
  if (month >= 6 && month <= 8)
    d->dim_mod[ASSAY_DIMENSION_ECOLOGICAL] *= 1.7f;     /* summer ecological peak */
  else if (month == 12 || month <= 2)
    d->dim_mod[ASSAY_DIMENSION_ECOLOGICAL] *= 0.7f;
  if (month == 12)
    d->dim_mod[ASSAY_DIMENSION_PROFESSIONAL] *= 1.3f;   /* year-end projects */
}

static void
setup_quarters (AssayGenerator *self)
{
  GArray *quarters = g_array_new (FALSE, TRUE, sizeof (Quarter));
  int current = -1;

  for (guint i = 0; i < self->n_days; i++)
    {
      GDate date;
      int key;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, day_julian (self, (gint32) i));
      key = g_date_get_year (&date) * 4 + (g_date_get_month (&date) - 1) / 3;
      if (key != current)
        {
          Quarter q = { { 0 } };

          g_snprintf (q.id, sizeof q.id, "%04dQ%d", key / 4, key % 4 + 1);
          q.first = i;
          g_array_append_val (quarters, q);
          current = key;
        }
      g_array_index (quarters, Quarter, quarters->len - 1).last = i;
      self->days[i].quarter = (guint16) (quarters->len - 1);
    }
  self->n_quarters = quarters->len;
  self->quarters = (Quarter *) (void *) g_array_free (quarters, FALSE);
}

void
_assay_generator_setup_calendar (AssayGenerator *self)
{
  GDate date;
  double sum = 0;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, self->params.start_day);
  g_date_add_months (&date, self->params.n_months);
  self->start_julian = self->params.start_day;
  self->n_days = g_date_get_julian (&date) - self->start_julian;
  self->days = g_new0 (Day, self->n_days + 31);

  for (guint i = 0; i < self->n_days + 31; i++)
    {
      Day *d = &self->days[i];
      int month;

      g_date_set_julian (&date, day_julian (self, (gint32) i));
      month = g_date_get_month (&date);
      g_snprintf (d->date, sizeof d->date, "%04d-%02d-%02d",
                  g_date_get_year (&date), month, g_date_get_day (&date));
      g_snprintf (d->compact, sizeof d->compact, "%04d%02d%02d",
                  g_date_get_year (&date), month, g_date_get_day (&date));
      d->weekday = g_date_get_weekday (&date);
      d->weekend = d->weekday >= 6;
      d->activity = day_activity (&date, d->weekday);
      d->redemption = day_redemption (&date, d->weekday);
      day_dimension_mods (d, month);
      if (i < self->n_days)
        sum += d->activity;
    }

  /* Yearly rates then hold on average over the range. */
  for (guint i = 0; i < self->n_days; i++)
    self->days[i].activity /= (float) (sum / self->n_days);

  setup_quarters (self);
}

/* assay-generator-cohort.c — the cohort file with a planted fairness gap
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

/* The cohort an auditor would import for the Article W audit (issue 12):
 * one row per individual account, with gender, age band, county, SES and
 * one extra attribute, settlement.  SES is what "predicts" an account's
 * contribution: the decile (1 … 10) of its activity rate, with some noise
 * so that the prediction is not exact.  One group is planted: the women
 * aged 70 and over are given an SES three deciles above their activity
 * (capped at 10), so that their outcome lies clearly below what their
 * SES predicts.  Every other attribute is drawn independently of the
 * activity, so no other group has a gap of its own.
 *
 * Everything is drawn after the events, from a random stream of its own,
 * so the ledger is the same with or without a cohort. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "assay-generator-private.h"

/* Decided here, written in the truth; the README repeats them. */
#define SES_SHIFT  3
#define SES_NOISE  0.35    /* sd of the noise added to log(rate) */

static const char *const genders[] = { "female", "male" };
static const double gender_shares[] = { 0.5, 0.5 };
static const char *const age_bands[] = { "18-29", "30-39", "40-49", "50-59", "60-69", "70+" };
static const double age_shares[] = { 0.2, 0.2, 0.2, 0.18, 0.14, 0.08 };
static const char *const settlements[] = { "urban", "rural" };
static const double settlement_shares[] = { 0.6, 0.4 };

#define PLANTED_GENDER 0    /* female */
#define PLANTED_AGE    5    /* 70+ */

typedef struct
{
  guint  account;
  double score;
} Score;

static int
compare_scores (gconstpointer a,
                gconstpointer b)
{
  double x = ((const Score *) a)->score, y = ((const Score *) b)->score;

  if (x != y)
    return x < y ? -1 : 1;
  return (((const Score *) a)->account > ((const Score *) b)->account) -
         (((const Score *) a)->account < ((const Score *) b)->account);
}

static gboolean
is_planted (const CohortRow *row)
{
  return row->gender == PLANTED_GENDER && row->age_band == PLANTED_AGE;
}

/* Each individual's SES decile from its rate and noise, by rank. */
static void
draw_ses (AssayGenerator *self,
          Rng            *rng)
{
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (Score));

  for (guint i = 0; i < self->n_accounts; i++)
    if (self->cohort[i].in_cohort)
      {
        Score s = { i, log (self->accounts[i].rate) + SES_NOISE * rng_normal (rng) };

        g_array_append_val (scores, s);
      }
  g_array_sort (scores, compare_scores);
  for (guint k = 0; k < scores->len; k++)
    {
      CohortRow *row = &self->cohort[g_array_index (scores, Score, k).account];

      row->ses = 1 + (guint8) ((guint64) k * 10 / scores->len);
      if (is_planted (row))
        {
          row->ses = MIN (10, row->ses + SES_SHIFT);
          self->n_cohort_planted++;
        }
    }
}

void
_assay_generator_draw_cohort (AssayGenerator *self)
{
  Rng rng;

  rng_seed (&rng, self->params.seed ^ 0xc0407a5eedULL);
  self->cohort = g_new0 (CohortRow, self->n_accounts);
  for (guint i = 0; i < self->n_accounts; i++)
    {
      CohortRow *row = &self->cohort[i];

      /* People have a gender and an age; enterprises and organisations
       * are not in the cohort. */
      if (self->accounts[i].kind != ASSAY_ACCOUNT_INDIVIDUAL)
        continue;
      row->in_cohort = TRUE;
      row->gender = (guint8) rng_pick (&rng, gender_shares, G_N_ELEMENTS (genders));
      row->age_band = (guint8) rng_pick (&rng, age_shares, G_N_ELEMENTS (age_bands));
      row->settlement = (guint8) rng_pick (&rng, settlement_shares, G_N_ELEMENTS (settlements));
    }
  draw_ses (self, &rng);
}

void
_assay_generator_truth_cohort (AssayGenerator *self,
                               JsonBuilder    *b)
{
  json_builder_set_member_name (b, "cohort");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ses");
  json_builder_add_string_value (b, "decile 1-10 of log(activity rate) + N(0, 0.35^2) noise "
                                    "among the individual accounts");
  json_builder_set_member_name (b, "planted_gap");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "attributes");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "gender");
  json_builder_add_string_value (b, genders[PLANTED_GENDER]);
  json_builder_set_member_name (b, "age_band");
  json_builder_add_string_value (b, age_bands[PLANTED_AGE]);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "direction");
  json_builder_add_string_value (b, "under");
  json_builder_set_member_name (b, "ses_shift");
  json_builder_add_int_value (b, SES_SHIFT);
  json_builder_set_member_name (b, "accounts");
  json_builder_add_int_value (b, self->n_cohort_planted);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

gboolean
assay_generator_write_cohort (AssayGenerator  *self,
                              GOutputStream   *out,
                              GError         **error)
{
  g_autoptr(GString) csv = g_string_new ("account,gender,age_band,county,ses,settlement\n");

  g_return_val_if_fail (ASSAY_IS_GENERATOR (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (self->cohort != NULL, FALSE);

  for (guint i = 0; i < self->n_accounts; i++)
    {
      const CohortRow *row = &self->cohort[i];

      if (!row->in_cohort)
        continue;
      g_string_append_printf (csv, "%s,%s,%s,%s,%u,%s\n", self->accounts[i].name,
                              genders[row->gender], age_bands[row->age_band],
                              _assay_generator_counties[self->accounts[i].county].code,
                              row->ses, settlements[row->settlement]);
      if (csv->len >= FLUSH_SIZE)
        {
          if (!g_output_stream_write_all (out, csv->str, csv->len, NULL, NULL, error))
            return FALSE;
          g_string_truncate (csv, 0);
        }
    }
  return g_output_stream_write_all (out, csv->str, csv->len, NULL, NULL, error);
}

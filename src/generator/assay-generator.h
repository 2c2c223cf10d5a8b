/* assay-generator.h — the deterministic pilot dataset generator
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

#include <gio/gio.h>

#include "assay-types.h"

G_BEGIN_DECLS

/* A synthetic pilot ledger (event and redemption bodies, README.md "Ledger
 * format", and filings, "Filings") with planted misconduct and filings
 * that break the plan's limits, and the exact ground truth about them.
 * The format of the truth document is described at the top of
 * assay-generator.c and in README.md "Pilot dataset". */

#define ASSAY_GENERATOR_DEFAULT_ACCOUNTS 10000
#define ASSAY_GENERATOR_DEFAULT_MONTHS   12
#define ASSAY_GENERATOR_DEFAULT_SEED     1
#define ASSAY_GENERATOR_DEFAULT_START    "2026-01-01"
/* Article Z: the points each of three calendar years must reach before
 * failure insurance pays (the truth's insurance_ineligible). */
#define ASSAY_GENERATOR_DEFAULT_INSURANCE_LEVEL 1000

#define ASSAY_GENERATOR_MIN_ACCOUNTS     100
#define ASSAY_GENERATOR_MAX_ACCOUNTS     1000000
#define ASSAY_GENERATOR_MIN_MONTHS       6
#define ASSAY_GENERATOR_MAX_MONTHS       60
/* The calendar (Spring Festival dates) covers these start years. */
#define ASSAY_GENERATOR_MIN_START_YEAR   2020
#define ASSAY_GENERATOR_MAX_START_YEAR   2030

typedef struct
{
  guint   n_accounts;
  guint   n_months;
  guint64 seed;
  guint32 start_day;     /* GDate Julian day number */
  gint64  insurance_level;
} AssayGeneratorParams;

#define ASSAY_TYPE_GENERATOR (assay_generator_get_type ())

G_DECLARE_FINAL_TYPE (AssayGenerator, assay_generator, ASSAY, GENERATOR, GObject)

void            assay_generator_params_init_default (AssayGeneratorParams       *params);
gboolean        assay_generator_params_validate     (const AssayGeneratorParams *params,
                                                     GError                    **error);

AssayGenerator *assay_generator_new                 (const AssayGeneratorParams *params,
                                                     GError                    **error);

/* Writes the JSON Lines (one body per line, ordered by event_date, a
 * filing's being `filed`) to @out.  Memory stays proportional to the
 * number of accounts; with filings, the lines pass through a temporary
 * file.  Runs once. */
gboolean        assay_generator_run                 (AssayGenerator             *self,
                                                     GOutputStream              *out,
                                                     GCancellable               *cancellable,
                                                     GError                    **error);

guint64         assay_generator_get_n_lines         (AssayGenerator             *self);

/* Before the run: also draw a cohort file for the Article W fairness
 * audit, with a planted gap that the truth's `cohort` member names.  The
 * ledger is the same with or without it. */
void            assay_generator_set_cohort          (AssayGenerator             *self,
                                                     gboolean                    with_cohort);

/* Before the run: whether to write filings (the default).  The event and
 * redemption lines are the same either way. */
void            assay_generator_set_filings         (AssayGenerator             *self,
                                                     gboolean                    with_filings);

/* After a successful run with a cohort: writes the cohort CSV
 * (account,gender,age_band,county,ses,settlement; individuals only). */
gboolean        assay_generator_write_cohort        (AssayGenerator             *self,
                                                     GOutputStream              *out,
                                                     GError                    **error);

/* After a successful run: the truth document (pretty-printed JSON). */
char           *assay_generator_dup_truth           (AssayGenerator             *self);

/* After a successful run: how many planted cases do not break their rule
 * and how many decoys do break one.  0 for every sane parameter set; the
 * truth document marks them "verified": false either way. */
guint           assay_generator_get_n_unverified    (AssayGenerator             *self);

G_END_DECLS

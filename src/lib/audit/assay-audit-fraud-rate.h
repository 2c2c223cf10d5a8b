/* assay-audit-fraud-rate.h — the fraud rate of a 6.2 audit and the two readings of Article T
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

#include "assay-audit-enums.h"
#include "assay-audit-types.h"
#include "assay-replica-audit.h"

G_BEGIN_DECLS

typedef struct
{
  double confidence;   /* of the intervals and bounds; default 0.95 */
  double alpha;        /* of the test of excess; default 0.05 */
  double threshold;    /* Article T: 0.05 */
} AssayFraudRateOptions;

void assay_fraud_rate_options_init (AssayFraudRateOptions *options);

/* The fraud rate of k fraud findings among n reviewed records (README,
 * "Fraud rate"). */
typedef struct
{
  guint                  n;
  guint                  fraud;
  guint64                population;        /* 0: unknown (no finite bound) */
  double                 rate;              /* k / n; NaN for n = 0 */
  double                 clopper_pearson[2];/* two-sided, at the confidence */
  double                 wilson[2];         /* two-sided, at the confidence */
  double                 upper;             /* one-sided Clopper–Pearson upper bound */
  gint64                 hyper_upper;       /* largest D of the finite bound, −1 without population */
  double                 hyper_upper_rate;  /* D / N, NaN without population */
  double                 p_excess;          /* P(Bin(n, threshold) ≥ k) */
  AssayExcessVerdict     excess;
  double                 assurance_bound;   /* D / N with a population, else `upper` */
  AssayAssuranceVerdict  assurance;
} AssayFraudRate;

/* FALSE with ASSAY_ERROR_INVALID_ARGUMENT for k > n, n > population (when
 * known) or options out of (0, 1). */
gboolean assay_fraud_rate_compute (guint                        n,
                                   guint                        fraud,
                                   guint64                      population,
                                   const AssayFraudRateOptions *options,
                                   AssayFraudRate              *out,
                                   GError                     **error);

/* The fraud-rate panel of stored findings: one row per sample (year,
 * province, checkpoint size, rate) and, if no province has more than one
 * sample among them, one pooled over them all (`overall` NULL otherwise). */
typedef struct
{
  int             year;
  char            province[3];
  guint64         checkpoint_size;
  char           *rate;
  guint64         sample_size;
  guint           n_correct;
  guint           n_error;
  AssayFraudRate  fraud;
} AssayFraudPanelRow;

typedef struct
{
  GPtrArray          *rows;      /* AssayFraudPanelRow* */
  AssayFraudPanelRow *overall;   /* province "", or NULL */
} AssayFraudPanel;

void assay_fraud_panel_free (AssayFraudPanel *panel);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayFraudPanel, assay_fraud_panel_free)

/* From AssayAuditFindingRow*, sorted as the replica lists them. */
AssayFraudPanel *assay_fraud_panel_new (GPtrArray                   *findings,
                                        const AssayFraudRateOptions *options,
                                        GError                     **error);

const char *assay_excess_verdict_get_label    (AssayExcessVerdict    verdict);
const char *assay_assurance_verdict_get_label (AssayAssuranceVerdict verdict);
/* How the panel is computed, in words (translated). */
char       *assay_fraud_rate_describe_method  (const AssayFraudRateOptions *options);

G_END_DECLS

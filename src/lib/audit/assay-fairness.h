/* assay-fairness.h — the Article W fairness test over arrays
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

#include "assay-audit-types.h"
#include "assay-audit-enums.h"

G_BEGIN_DECLS

typedef struct
{
  double                  alpha;        /* 0.01: adjusted p must be below it */
  guint                   min_n;        /* 30: fewer testable accounts → insufficient */
  guint                   min_cell_n;   /* 30: fewer reference accounts in a cell → that
                                           account has no prediction */
  double                  ratio_low;    /* 0.8: "under" needs observed/predicted below it */
  double                  ratio_high;   /* 1.25: "over" needs it above this */
  AssayFairnessSes        ses;          /* AUTO: discrete when ≤ 20 distinct values */
  AssayFairnessCorrection correction;   /* HOLM */
  AssayFairnessOutcome    outcome;      /* POINTS; only the feed from the replica
                                           (assay-audit-cohort.h) reads it */
  guint                   threads;      /* 0: one per processor, at most 4; each holds
                                           about 44 bytes per account of buffers */
} AssayFairnessOptions;

/* The defaults above. */
void assay_fairness_options_init (AssayFairnessOptions *options);

/* The deepest combination of attributes that a group may be defined by. */
#define ASSAY_FAIRNESS_MAX_DEPTH 3

/* One grouping attribute as a factor: each account's level, and the
 * levels' values (in any order; groups come out in the byte order of
 * their values). */
typedef struct
{
  const char         *name;       /* "gender", "province", an extra column */
  const guint        *code;       /* account → level, < n_levels */
  const char * const *levels;     /* level → value */
  guint               n_levels;
} AssayFairnessAttribute;

typedef struct
{
  char                 *value;             /* the values joined by " / " */
  char                **names;             /* the attributes defining the group */
  char                **values;            /* their values, in the same order */
  guint                 n;                 /* accounts in the group */
  guint                 n_tested;          /* of them, with a prediction */
  guint                 n_nonzero;         /* non-zero residuals (sign test n) */
  guint                 n_positive;        /* positive residuals (S) */
  double                observed_median;   /* NaN when n_tested = 0 */
  double                predicted_median;
  double                residual_median;
  double                residual_ci[2];    /* distribution-free, level 1 − alpha */
  double                ratio;             /* observed / predicted; NaN if predicted ≤ 0 */
  double                p_below;           /* NaN when insufficient */
  double                p_above;
  double                p_below_adjusted;
  double                p_above_adjusted;
  AssayFairnessVerdict  verdict;
} AssayFairnessGroup;

void assay_fairness_group_free (AssayFairnessGroup *group);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayFairnessGroup, assay_fairness_group_free)

typedef struct
{
  AssayFairnessSes  ses;         /* DISCRETE or CONTINUOUS, as used */
  guint             n_tests;     /* groups tested × 2 directions */
  GPtrArray        *groups;      /* AssayFairnessGroup*, by value */
} AssayFairnessResult;

void assay_fairness_result_free (AssayFairnessResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayFairnessResult, assay_fairness_result_free)

/* Tests every group of the n accounts with outcomes `y` and SES `ses`:
 * every value of each attribute and every combination of values of up to
 * `depth` (1 … ASSAY_FAIRNESS_MAX_DEPTH) attributes, leaving out the
 * combinations that hold an attribute determined by another one in them
 * (province by county), whose groups would repeat a smaller
 * combination's.  Groups come by combination (single attributes in the
 * given order, then pairs, then triples), then in the byte order of
 * their values.  All tested groups' p values are adjusted together.
 * README, "Article W fairness audit", states the method.  NULL
 * (ASSAY_ERROR_INVALID_ARGUMENT) on bad options or attributes, a NaN, or
 * a median regression that cannot be fitted. */
AssayFairnessResult *assay_fairness_run_attributes (const double                 *y,
                                                    const double                 *ses,
                                                    gsize                         n,
                                                    const AssayFairnessAttribute *attributes,
                                                    guint                         n_attributes,
                                                    guint                         depth,
                                                    const AssayFairnessOptions   *options,
                                                    GError                      **error);

/* The same with one attribute given as each account's value (named
 * "group"). */
AssayFairnessResult *assay_fairness_run  (const double               *y,
                                          const double               *ses,
                                          const char * const         *group_of,
                                          gsize                       n,
                                          const AssayFairnessOptions *options,
                                          GError                    **error);

/* The method in words, translated, for the output. */
char *assay_fairness_describe_method (const AssayFairnessOptions *options,
                                      AssayFairnessSes            ses_used);

/* The groups in words, translated, for the output: the attributes
 * `names` (joined by ", ") and the depth. */
char *assay_fairness_describe_groups (const char * const *names,
                                      guint               depth);

/* A group by its attributes and values, "gender=f, age_band=70+": the
 * names make a value unambiguous. */
char *assay_fairness_group_label (const char * const *names,
                                  const char * const *values);

/* A translated label for a verdict ("below its SES prediction"). */
const char *assay_fairness_verdict_get_label (AssayFairnessVerdict verdict);

G_END_DECLS

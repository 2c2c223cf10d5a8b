/* assay-rule-quarter-columns.c — account-quarter rules evaluated block-wise over the compact columns
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

#include <math.h>
#include <string.h>

#include "assay-entry.h"
#include "assay-replica-quarter-columns.h"
#include "assay-rule-condition.h"
#include "assay-rule-quarter-columns.h"

typedef enum
{
  FEATURE_TOTAL,
  FEATURE_MAX_SHARE,
  FEATURE_SHARE,
  FEATURE_MAX_DIMENSION,
} FeatureKind;

/* One column the condition reads, and how to compute it from the sums. */
typedef struct
{
  FeatureKind   kind;
  gboolean      previous;
  int           dimension;     /* FEATURE_SHARE */
  double       *numbers;
  const char  **strings;
} Feature;

static gboolean
parse_feature (const char *name,
               Feature    *out)
{
  const char *rest;
  AssayDimension d;

  memset (out, 0, sizeof *out);
  if (!g_str_has_prefix (name, "quarter."))
    return FALSE;
  rest = name + strlen ("quarter.");
  if (g_str_has_prefix (rest, "previous."))
    {
      out->previous = TRUE;
      rest += strlen ("previous.");
    }
  if (strcmp (rest, "total") == 0)
    out->kind = FEATURE_TOTAL;
  else if (strcmp (rest, "max_share") == 0)
    out->kind = FEATURE_MAX_SHARE;
  else if (strcmp (rest, "max_dimension") == 0)
    out->kind = FEATURE_MAX_DIMENSION;
  else if (g_str_has_prefix (rest, "share.") && assay_dimension_from_id (rest + strlen ("share."), &d))
    out->kind = FEATURE_SHARE, out->dimension = d;
  else
    return FALSE;
  return TRUE;
}

gboolean
assay_rule_quarter_columns_supports (const AssayRule *rule)
{
  const AssayRuleCondition *cond;

  g_return_val_if_fail (rule != NULL, FALSE);

  cond = assay_rule_get_condition (rule);
  for (guint k = 0; k < assay_rule_condition_get_n_features (cond); k++)
    {
      Feature f;

      if (!parse_feature (assay_rule_condition_get_feature (cond, k), &f))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const AssayRuleCondition *cond;
  guint             n_features;
  Feature          *features;
  AssayRuleColumn  *columns;
  double           *totals;      /* scratch: Σ max(Q_d, 0) */
  guint8           *hit;
  GArray           *hits;
  AssayRuleQuarterHitFunc hit_func;
  gpointer          user_data;
} Evaluation;

/* The same arithmetic as assay_replica_quarter_features (): T = Σ_d
 * max(Q_d, 0); share_d = max(Q_d, 0) / T; the largest share, ties to the
 * first dimension; missing (NaN, NULL) when T = 0 or, for a previous
 * feature, when the account has no rows in the quarter before. */
static void
compute (const Feature          *f,
         const AssayQuarterSums *s,
         double                 *totals)
{
  const gint64 *const *points = f->previous ? s->previous_points : s->points;

  for (gsize i = 0; i < s->n; i++)
    {
      gint64 t = 0;

      for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
        t += MAX (points[d][i], 0);
      totals[i] = f->previous && !s->has_previous[i] ? NAN : (double) t;
    }
  switch (f->kind)
    {
    case FEATURE_TOTAL:
      memcpy (f->numbers, totals, s->n * sizeof (double));
      break;
    case FEATURE_SHARE:
      for (gsize i = 0; i < s->n; i++)
        f->numbers[i] = totals[i] > 0 ? (double) MAX (points[f->dimension][i], 0) / totals[i] : NAN;
      break;
    case FEATURE_MAX_SHARE:
    case FEATURE_MAX_DIMENSION:
      for (gsize i = 0; i < s->n; i++)
        {
          gint64 best = -1;
          int best_d = 0;

          for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
            if (MAX (points[d][i], 0) > best)
              best = MAX (points[d][i], 0), best_d = d;
          if (f->kind == FEATURE_MAX_SHARE)
            f->numbers[i] = totals[i] > 0 ? (double) best / totals[i] : NAN;
          else
            f->strings[i] = totals[i] > 0 ? assay_dimension_to_id (best_d) : NULL;
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
chunk_cb (const AssayQuarterSums *s,
          gpointer                user_data,
          GError                **error)
{
  Evaluation *e = user_data;

  for (guint k = 0; k < e->n_features; k++)
    compute (&e->features[k], s, e->totals);
  assay_rule_condition_evaluate (e->cond, e->columns, s->n, e->hit, NULL);
  for (gsize i = 0; i < s->n; i++)
    if (e->hit[i])
      {
        g_array_append_val (e->hits, s->account_id[i]);
        if (e->hit_func != NULL)
          e->hit_func (s->account_id[i], e->columns, i, e->user_data);
      }
  return TRUE;
}

GArray *
assay_rule_quarter_columns_evaluate (const AssayRule *rule,
                                     AssayReplica    *replica,
                                     guint32          quarter,
                                     const guint64   *accounts,
                                     gsize            n_accounts,
                                     guint64         *out_checkpoint_size,
                                     GError         **error)
{
  return assay_rule_quarter_columns_evaluate_full (rule, replica, quarter, accounts, n_accounts,
                                                   NULL, NULL, out_checkpoint_size, error);
}

GArray *
assay_rule_quarter_columns_evaluate_full (const AssayRule         *rule,
                                          AssayReplica            *replica,
                                          guint32                  quarter,
                                          const guint64           *accounts,
                                          gsize                    n_accounts,
                                          AssayRuleQuarterHitFunc  hit_func,
                                          gpointer                 user_data,
                                          guint64                 *out_checkpoint_size,
                                          GError                 **error)
{
  Evaluation e = { 0 };
  gboolean with_previous = FALSE, ok;
  gsize chunk = ASSAY_RULE_QUARTER_CHUNK;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (assay_rule_get_subject (rule) == ASSAY_RULE_SUBJECT_ACCOUNT_QUARTER, NULL);
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (assay_rule_quarter_columns_supports (rule), NULL);

  e.hit_func = hit_func;
  e.user_data = user_data;
  e.cond = assay_rule_get_condition (rule);
  e.n_features = assay_rule_condition_get_n_features (e.cond);
  e.features = g_new0 (Feature, MAX (e.n_features, 1));
  e.columns = g_new0 (AssayRuleColumn, MAX (e.n_features, 1));
  for (guint k = 0; k < e.n_features; k++)
    {
      Feature *f = &e.features[k];

      parse_feature (assay_rule_condition_get_feature (e.cond, k), f);
      with_previous |= f->previous;
      if (f->kind == FEATURE_MAX_DIMENSION)
        {
          f->strings = g_new (const char *, chunk);
          e.columns[k].type = ASSAY_RULE_TYPE_STRING;
          e.columns[k].strings = f->strings;
        }
      else
        {
          f->numbers = g_new (double, chunk);
          e.columns[k].type = ASSAY_RULE_TYPE_NUMBER;
          e.columns[k].numbers = f->numbers;
        }
    }
  e.totals = g_new (double, chunk);
  e.hit = g_new (guint8, chunk);
  e.hits = g_array_new (FALSE, FALSE, sizeof (guint64));

  ok = assay_replica_quarter_sums_foreach (replica, quarter, with_previous, accounts, n_accounts, chunk,
                                           chunk_cb, &e, out_checkpoint_size, NULL, error);

  for (guint k = 0; k < e.n_features; k++)
    {
      g_free (e.features[k].numbers);
      g_free (e.features[k].strings);
    }
  g_free (e.features);
  g_free (e.columns);
  g_free (e.totals);
  g_free (e.hit);
  if (!ok)
    g_clear_pointer (&e.hits, g_array_unref);
  return e.hits;
}

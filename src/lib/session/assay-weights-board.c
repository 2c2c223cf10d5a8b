/* assay-weights-board.c — the weights page's model: versions, notice countdown, quarters to propose, calibration
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

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "assay-day.h"
#include "assay-decision-job.h"
#include "assay-dsse.h"
#include "assay-replica-cases.h"
#include "assay-replica-features.h"
#include "assay-redraft-sign.h"
#include "assay-replica-values.h"
#include "assay-stats-median.h"
#include "assay-weights-board.h"

/* ---- the versions ------------------------------------------------------------------ */

static AssayLoggedWeights *
logged_weights (GPtrArray *stored)
{
  AssayLoggedWeights *logged = g_new0 (AssayLoggedWeights, stored->len + 1);

  for (guint i = 0; i < stored->len; i++)
    {
      const AssayStoredWeights *w = g_ptr_array_index (stored, i);

      logged[i].index = w->index;
      logged[i].logged_day = w->logged_day;
      logged[i].proposed_effective = w->effective_day;
      for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
        logged[i].basis_points[d] = (gint32) w->basis_points[d];
    }
  return logged;
}

AssayWeightsBoard *
assay_weights_board_new (AssayReplica  *replica,
                         AssayRuleSet  *rule_set,
                         guint32        today,
                         GError       **error)
{
  g_autoptr(AssayWeightsBoard) board = g_new0 (AssayWeightsBoard, 1);
  g_autofree AssayLoggedWeights *logged = NULL;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (ASSAY_IS_RULE_SET (rule_set), NULL);

  board->today = today;
  if (!assay_score_options_from_rule_set (rule_set, &board->options, error) ||
      (board->stored = assay_replica_list_weights_versions (replica, error)) == NULL)
    return NULL;
  logged = logged_weights (board->stored);
  board->schedule = assay_weights_schedule_new (&board->options, logged, board->stored->len, today, error);
  if (board->schedule == NULL)
    return NULL;
  return g_steal_pointer (&board);
}

void
assay_weights_board_free (AssayWeightsBoard *board)
{
  if (board == NULL)
    return;
  g_clear_pointer (&board->schedule, assay_weights_schedule_free);
  g_clear_pointer (&board->stored, g_ptr_array_unref);
  g_free (board);
}

guint
assay_weights_board_get_n_versions (const AssayWeightsBoard *board)
{
  g_return_val_if_fail (board != NULL, 0);

  return board->schedule->versions->len;
}

const AssayWeightsVersion *
assay_weights_board_get_version (const AssayWeightsBoard *board,
                                 guint                    i)
{
  g_return_val_if_fail (board != NULL && i < board->schedule->versions->len, NULL);

  return &g_array_index (board->schedule->versions, AssayWeightsVersion, i);
}

const AssayStoredWeights *
assay_weights_board_get_stored (const AssayWeightsBoard *board,
                                guint                    i)
{
  g_return_val_if_fail (board != NULL && i < board->schedule->versions->len, NULL);

  return i == 0 ? NULL : g_ptr_array_index (board->stored, i - 1);
}

const AssayWeightsVersion *
assay_weights_board_in_force (const AssayWeightsBoard *board)
{
  g_return_val_if_fail (board != NULL, NULL);

  return assay_weights_schedule_on (board->schedule, board->today);
}

const char *
assay_weights_status_label (AssayWeightsStatus status)
{
  switch (status)
    {
    case ASSAY_WEIGHTS_IN_NOTICE:
      return _("In public notice");
    case ASSAY_WEIGHTS_SCHEDULED:
      return _("Scheduled");
    case ASSAY_WEIGHTS_IN_FORCE:
      return _("In force");
    case ASSAY_WEIGHTS_PAST:
      return _("Past");
    case ASSAY_WEIGHTS_REPLACED:
      return _("Replaced by a later version for the same quarter");
    case ASSAY_WEIGHTS_VOID:
      return _("Void: it would take effect inside the equal-weight period");
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
assay_weights_notice_text (const AssayWeightsVersion *v,
                           guint32                    today)
{
  g_autofree char *last_notice_day = NULL;
  g_autofree char *effective = NULL;
  gint64 left;

  g_return_val_if_fail (v != NULL, NULL);

  if (v->status != ASSAY_WEIGHTS_IN_NOTICE && v->status != ASSAY_WEIGHTS_SCHEDULED)
    return NULL;
  /* notice_end is the first day after the notice: its last day is the one before. */
  last_notice_day = assay_day_format (v->notice_end - 1);
  effective = assay_day_format (v->effective);
  if (v->status == ASSAY_WEIGHTS_IN_NOTICE)
    {
      left = (gint64) v->notice_end - today;
      /* Translators: the notice's last day, the days left, the day the weights take effect. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Public notice until %1$s (%2$" PRIi64 " day left); takes effect %3$s",
                                           "Public notice until %1$s (%2$" PRIi64 " days left); takes effect %3$s",
                                           left),
                              last_notice_day, left, effective);
    }
  left = (gint64) v->effective - today;
  /* Translators: the notice's last day, the day the weights take effect, the days until then. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Public notice ended %1$s; takes effect %2$s (in %3$" PRIi64 " day)",
                                       "Public notice ended %1$s; takes effect %2$s (in %3$" PRIi64 " days)",
                                       left),
                          last_notice_day, effective, left);
}

gboolean
assay_weights_board_in_equal_period (const AssayWeightsBoard *board)
{
  g_return_val_if_fail (board != NULL, FALSE);

  return board->today < board->options.equal_weight_end;
}

GArray *
assay_weights_board_quarters (const AssayWeightsBoard *board,
                              guint                    n)
{
  GArray *quarters = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 day;

  g_return_val_if_fail (board != NULL, quarters);

  /* A version taking effect before equal_weight_end would be void. */
  day = assay_weights_first_quarter_start (MAX (board->today + board->options.notice_days,
                                                board->options.equal_weight_end));
  while (quarters->len < n && day < ASSAY_DAY_MAX)
    {
      g_array_append_val (quarters, day);
      day = assay_weights_first_quarter_start (day + 1);
    }
  return quarters;
}

/* ---- calibration ------------------------------------------------------------------- */

guint32
assay_weights_calibration_quarter (AssayReplica  *replica,
                                   guint32        today,
                                   GError       **error)
{
  GError *local = NULL;
  guint32 last = assay_replica_last_entry_day (replica, &local);

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return 0;
    }
  if (last == 0)
    return 0;
  return assay_quarter_previous (assay_day_quarter (MIN (today, last + 1)));
}

typedef struct
{
  gint64   points[ASSAY_N_DIMENSIONS];
  guint64  n_accounts;
  GArray  *active[ASSAY_N_DIMENSIONS];   /* double: the positive sums */
} QuarterTotals;

static gboolean
add_sums_cb (const AssayQuarterSums *sums,
             gpointer                user_data,
             GError                **error)
{
  QuarterTotals *totals = user_data;

  totals->n_accounts += sums->n;
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    for (gsize i = 0; i < sums->n; i++)
      {
        gint64 p = sums->points[d][i];

        totals->points[d] += p;
        if (p > 0 && totals->active[d] != NULL)
          {
            double v = (double) p;

            g_array_append_val (totals->active[d], v);
          }
      }
  return TRUE;
}

static gboolean
read_quarter (AssayReplica   *replica,
              guint32         quarter,
              QuarterTotals  *totals,
              guint64        *out_checkpoint_size,
              GError        **error)
{
  return assay_replica_quarter_sums_foreach (replica, quarter, FALSE, NULL, 0, 4096, add_sums_cb, totals,
                                             out_checkpoint_size, NULL, error);
}

/* The dimension an Article X flag names: the quarter's largest one. */
static gboolean
flag_dimension (const AssayStoredFlag *flag,
                AssayDimension        *out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *features;
  const char *id;

  if (!json_parser_load_from_data (parser, flag->json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  if ((features = json_object_get_object_member (root, "features")) == NULL ||
      !json_object_has_member (features, "quarter.max_dimension") ||
      (id = json_object_get_string_member (features, "quarter.max_dimension")) == NULL)
    return FALSE;
  return assay_dimension_from_id (id, out);
}

static gboolean
count_flags (AssayReplica             *replica,
             guint32                   quarter,
             AssayWeightsCalibration  *out,
             GError                  **error)
{
  g_autoptr(GPtrArray) flags = assay_replica_list_flags (replica, error);
  guint32 first, last;

  if (flags == NULL)
    return FALSE;
  assay_quarter_get_days (quarter, &first, &last);
  for (guint i = 0; i < flags->len; i++)
    {
      const AssayStoredFlag *flag = g_ptr_array_index (flags, i);
      AssayDimension d;

      if (g_strcmp0 (flag->article, "X") == 0 && flag->from >= first && flag->to <= last &&
          flag_dimension (flag, &d))
        out->dimensions[d].n_flags++;
    }
  return TRUE;
}

static void
totals_clear (QuarterTotals *totals)
{
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    g_clear_pointer (&totals->active[d], g_array_unref);
}

static void
fill_dimensions (AssayWeightsCalibration *out,
                 const QuarterTotals     *now,
                 const QuarterTotals     *before)
{
  gint64 total = 0;

  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    total += now->points[d];
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      AssayDimensionCalibration *c = &out->dimensions[d];
      GArray *active = now->active[d];

      c->points = now->points[d];
      c->previous_points = before->points[d];
      c->share = total > 0 ? (double) c->points / (double) total : NAN;
      c->growth = c->previous_points > 0 ? (double) c->points / (double) c->previous_points - 1.0 : NAN;
      c->n_active = active->len;
      c->median_points = assay_stats_median ((const double *) active->data, active->len);
    }
}

gboolean
assay_weights_calibration_compute (AssayReplica             *replica,
                                   guint32                   quarter,
                                   AssayWeightsCalibration  *out,
                                   GError                  **error)
{
  QuarterTotals now = { { 0 } }, before = { { 0 } };
  gboolean ok;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->quarter = quarter;
  if (quarter == 0)
    return TRUE;
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    now.active[d] = g_array_new (FALSE, FALSE, sizeof (double));
  ok = read_quarter (replica, quarter, &now, &out->checkpoint_size, error) &&
       read_quarter (replica, assay_quarter_previous (quarter), &before, NULL, error) &&
       count_flags (replica, quarter, out, error);
  if (ok)
    {
      out->n_accounts = now.n_accounts;
      fill_dimensions (out, &now, &before);
    }
  totals_clear (&now);
  return ok;
}

static void
calibration_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *path = task_data;
  guint32 today = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "assay-today"));
  g_autoptr(AssayReplica) replica = NULL;
  g_autofree AssayWeightsCalibration *out = g_new0 (AssayWeightsCalibration, 1);
  GError *error = NULL;
  guint32 quarter;

  if ((replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error)) == NULL ||
      ((quarter = assay_weights_calibration_quarter (replica, today, &error)) == 0 && error != NULL) ||
      !assay_weights_calibration_compute (replica, quarter, out, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&out), g_free);
}

void
assay_weights_calibration_async (const char          *replica_path,
                                 guint32              today,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (replica_path != NULL);

  g_task_set_task_data (task, g_strdup (replica_path), g_free);
  g_object_set_data (G_OBJECT (task), "assay-today", GUINT_TO_POINTER (today));
  g_task_run_in_thread (task, calibration_thread);
}

AssayWeightsCalibration *
assay_weights_calibration_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- rendering a proposal ---------------------------------------------------------- */

static void
add_field (GPtrArray  *fields,
           const char *id,
           const char *label,
           char       *value)
{
  AssayDecisionField *field = g_new0 (AssayDecisionField, 1);

  field->id = id;
  field->label = g_strdup (label);
  field->value = value;
  g_ptr_array_add (fields, field);
}

GPtrArray *
assay_weights_proposal_render (GBytes     *payload,
                               guint       notice_days,
                               const char *signer_name)
{
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(GPtrArray) generic = NULL;
  g_autofree char *effective = NULL;
  GPtrArray *fields;
  AssayWeights w;

  g_return_val_if_fail (payload != NULL, NULL);

  envelope = assay_dsse_envelope_new (ASSAY_DECISION_PAYLOAD_TYPE, payload);
  if ((d = assay_decision_new_from_envelope (envelope, NULL)) == NULL ||
      !assay_weights_from_params (d->params, &w, NULL))
    return NULL;
  fields = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_decision_field_free);
  effective = assay_day_format (w.effective_day);
  add_field (fields, "weights", _("Weights"), assay_weights_format (&w));
  add_field (fields, "effective", _("Proposed effective date"), g_strdup (effective));
  add_field (fields, "notice", _("Public notice"),
             /* Translators: the notice's length in days, the proposed effective date. */
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%1$u day from the day the log takes it; the weights take effect on %2$s, "
                                           "or on the first quarter start after the notice if that is later",
                                           "%1$u days from the day the log takes it; the weights take effect on %2$s, "
                                           "or on the first quarter start after the notice if that is later",
                                           notice_days),
                              notice_days, effective));
  add_field (fields, "rationale", _("Rationale"), g_strdup (d->rationale));
  generic = assay_decision_render (d, signer_name, TRUE);
  for (guint i = 0; i < generic->len; i++)
    {
      AssayDecisionField *field = g_ptr_array_index (generic, i);

      if (g_strcmp0 (field->id, "kind") == 0 || g_strcmp0 (field->id, "params") == 0 ||
          g_strcmp0 (field->id, "rationale") == 0)
        continue;
      g_ptr_array_add (fields, g_ptr_array_steal_index (generic, i--));
    }
  return fields;
}

/* ---- signing a proposal ------------------------------------------------------------ */

/* What the proposal was drafted from. */
typedef struct
{
  AssayWeights  weights;
  char         *rationale;
} Proposal;

static void
proposal_free (gpointer data)
{
  Proposal *p = data;

  g_free (p->rationale);
  g_free (p);
}

static AssayDecision *
draft_proposal (AssayReplica  *replica,
                const char    *author,
                gint64         created_at,
                gpointer       data,
                GError       **error)
{
  Proposal *p = data;

  return assay_decision_draft_for_weights (replica, &p->weights, p->rationale, author, created_at, error);
}

void
assay_weights_proposal_sign_async (const char          *replica_path,
                                   const AssayWeights  *weights,
                                   const char          *rationale,
                                   const char          *key_path,
                                   const char          *passphrase,
                                   gsize                passphrase_len,
                                   GBytes              *expected,
                                   const char          *decision_id,
                                   gint64               created_at,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Proposal *p;

  g_return_if_fail (weights != NULL);

  p = g_new0 (Proposal, 1);
  p->weights = *weights;
  p->rationale = g_strdup (rationale);
  assay_redraft_sign_async (replica_path, key_path, passphrase, passphrase_len, expected, decision_id, created_at,
                            draft_proposal, p, proposal_free,
                            _("The replica changed while the dialog was open: the proposal has been drafted "
                              "again. Check it, then sign."),
                            cancellable, callback, user_data);
}

char *
assay_weights_proposal_sign_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return assay_redraft_sign_finish (result, error);
}

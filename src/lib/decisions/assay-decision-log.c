/* assay-decision-log.c — the log's rosters and decisions, verified into the replica
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
#include <string.h>

#include "assay-decision-log.h"
#include "assay-decision-verify.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-filing-facts.h"
#include "assay-weights.h"

#define DAY_SECONDS 86400
/* GDate's Julian day of 1970-01-01. */
#define UNIX_EPOCH_DAY 719163

/* The last second of a logged day: an entry carries only its date. */
static gint64
end_of_day (guint32 day)
{
  return ((gint64) day - UNIX_EPOCH_DAY + 1) * DAY_SECONDS - 1;
}

/* ---- effects ---------------------------------------------------------------------- */

/* A day given as "YYYY-MM-DD" in the params, or 0. */
static guint32
param_day (const AssayDecision *decision,
           const char          *member)
{
  const char *text;
  GDate date;

  if (decision->params == NULL || !json_object_has_member (decision->params, member))
    return 0;
  text = json_object_get_string_member_with_default (decision->params, member, "");
  g_date_clear (&date, 1);
  g_date_set_parse (&date, text);
  return g_date_valid (&date) && strlen (text) == 10 ? g_date_get_julian (&date) : 0;
}

static gboolean
down_weight_effect (const AssayDecision  *decision,
                    guint32               logged_day,
                    AssayDecisionEffect  *effect,
                    GError              **error)
{
  const char *dimension = NULL;
  int value;

  if (decision->params != NULL)
    dimension = json_object_get_string_member_with_default (decision->params, "dimension", NULL);
  if (dimension == NULL || !assay_enum_from_nick (ASSAY_TYPE_DIMENSION, dimension, &value))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("A down-weight names its dimension in params.dimension (one of the six ids)."));
      return FALSE;
    }
  effect->down_weight_dimension = value;
  /* Article X: one year, from the day after the decision unless the
   * committee dated it (the day after the second flagged quarter). */
  effect->down_weight_from = param_day (decision, "from");
  if (effect->down_weight_from == 0)
    effect->down_weight_from = logged_day + 1;
  effect->down_weight_to = param_day (decision, "to");
  if (effect->down_weight_to == 0)
    effect->down_weight_to = effect->down_weight_from + 364;
  if (effect->down_weight_to < effect->down_weight_from)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("A down-weight ends before it starts (params.from, params.to)."));
      return FALSE;
    }
  return TRUE;
}

/* The reader has checked the weights already; read them again here so that
 * what is stored is what was verified, whoever built the decision. */
static gboolean
weights_effect (const AssayDecision  *decision,
                AssayDecisionEffect  *effect,
                GError              **error)
{
  AssayWeights weights;

  if (decision->params == NULL)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                           _("A weights decision carries its weights in params.weights."));
      return FALSE;
    }
  if (!assay_weights_from_params (decision->params, &weights, error))
    return FALSE;
  effect->weights = TRUE;
  memcpy (effect->weights_basis_points, weights.basis_points, sizeof weights.basis_points);
  effect->weights_effective_day = weights.effective_day;
  return TRUE;
}

gboolean
assay_decision_effect (const AssayDecision  *decision,
                       guint32               logged_day,
                       AssayDecisionEffect  *out_effect,
                       GError              **error)
{
  AssayDecisionEffect effect = { .state = -1, .down_weight_dimension = -1 };
  gboolean on_account = decision->subject_kind == ASSAY_SUBJECT_ACCOUNT;

  if (on_account)
    effect.account = decision->subject_id;
  /* The committee's outcomes close the case on their subject, as every
   * decision on a filing closes the filing's; weights and audit findings
   * act elsewhere. */
  effect.decides_case = decision->kind <= ASSAY_DECISION_KIND_ZERO || decision->subject_kind == ASSAY_SUBJECT_FILING;
  if (decision->subject_kind == ASSAY_SUBJECT_FILING)
    {
      effect.on_filing = TRUE;
      effect.filing = g_ascii_strtoull (decision->subject_id, NULL, 10);
      effect.amount = assay_filing_decision_amount (decision);
      effect.has_amount = effect.amount != 0;
    }
  switch (decision->outcome)
    {
    case ASSAY_DECISION_KIND_FREEZE:
      effect.state = on_account ? ASSAY_ACCOUNT_FROZEN : -1;
      break;
    case ASSAY_DECISION_KIND_ZERO:
      effect.state = on_account ? ASSAY_ACCOUNT_ZEROED : -1;
      break;
    case ASSAY_DECISION_KIND_RESTORE:
      effect.state = on_account ? ASSAY_ACCOUNT_ACTIVE : -1;
      break;
    case ASSAY_DECISION_KIND_DOWN_WEIGHT:
      if (on_account && !down_weight_effect (decision, logged_day, &effect, error))
        return FALSE;
      break;
    case ASSAY_DECISION_KIND_WEIGHTS:
      if (!weights_effect (decision, &effect, error))
        return FALSE;
      break;
    default:
      break;
    }
  *out_effect = effect;
  return TRUE;
}

/* ---- the walk --------------------------------------------------------------------- */

AssayRosterChain *
assay_decision_log_load_chain (AssayReplica  *replica,
                               GError       **error)
{
  g_autoptr(AssayRosterChain) chain = assay_roster_chain_new ();
  g_autoptr(GPtrArray) rosters = assay_replica_list_rosters (replica, error);

  if (rosters == NULL)
    return NULL;
  for (guint i = 0; i < rosters->len; i++)
    {
      AssayStoredRoster *r = g_ptr_array_index (rosters, i);

      if (!assay_roster_chain_append (chain, r->envelope, -1, end_of_day (r->logged_day), error))
        return NULL;
    }
  return g_steal_pointer (&chain);
}

static gboolean
alert (AssayReplica           *replica,
       const AssaySignedEntry *entry,
       const GError           *reason,
       GError                **error)
{
  JsonObject *evidence = json_object_new ();
  g_autofree char *message = NULL;

  json_object_set_int_member (evidence, "index", entry->index);
  json_object_set_string_member (evidence, "kind", assay_entry_kind_to_id (entry->kind));
  json_object_set_string_member (evidence, "envelope", entry->envelope);
  json_object_set_string_member (evidence, "reason", reason->message);
  message = g_strdup_printf (entry->kind == ASSAY_ENTRY_ROSTER
                             ? _("The roster at log index %" PRIu64 " does not verify: %s")
                             : _("The decision at log index %" PRIu64 " does not verify: %s"),
                             entry->index, reason->message);
  return assay_replica_raise_decision_alert (replica, message, evidence, error);
}

static gboolean
apply_roster (AssayReplica           *replica,
              AssayRosterChain       *chain,
              const AssaySignedEntry *entry,
              GError                **error)
{
  AssayStoredRoster stored = { 0 };
  AssayRoster *roster;

  if (!assay_roster_chain_append (chain, entry->envelope, -1, end_of_day (entry->logged_day), error))
    return FALSE;
  roster = assay_roster_chain_get_current (chain);
  stored.version = roster->version;
  stored.index = entry->index;
  stored.logged_day = entry->logged_day;
  stored.sha256 = roster->sha256;
  stored.expires = roster->expires;
  stored.envelope = entry->envelope;
  return assay_replica_store_roster (replica, &stored, error);
}

/* The last decision on the decision's subject, for its sequence check. */
static gboolean
check_sequence (AssayReplica   *replica,
                AssayDecision  *decision,
                GError        **error)
{
  const char *kind = assay_enum_get_nick (ASSAY_TYPE_SUBJECT_KIND, decision->subject_kind);
  g_autoptr(GPtrArray) earlier = assay_replica_list_decisions (replica, kind, decision->subject_id, error);
  AssayLoggedDecision *last;

  if (earlier == NULL)
    return FALSE;
  last = earlier->len > 0 ? g_ptr_array_index (earlier, earlier->len - 1) : NULL;
  return assay_decision_check_sequence (decision, last != NULL ? last->hash : NULL,
                                        last != NULL ? last->subject_seq : 0, error);
}

/* A decision on a filing must fit the filing as this replica holds it,
 * as the service checked before logging it. */
static gboolean
check_filing (AssayReplica   *replica,
              AssayDecision  *decision,
              GError        **error)
{
  AssayFilingFacts facts;
  gboolean ok;

  if (decision->subject_kind != ASSAY_SUBJECT_FILING)
    return TRUE;
  if (!assay_filing_facts_for_decision (replica, decision, &facts, error))
    return FALSE;
  ok = assay_filing_decision_check (decision, &facts, error);
  assay_filing_facts_clear (&facts);
  return ok;
}

static char *
holders_json (GPtrArray *holders)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < holders->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (holders, i));
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static AssayLoggedDecision *
logged_decision (const AssaySignedEntry    *entry,
                 const AssayDecisionResult *result,
                 GBytes                    *payload)
{
  AssayDecision *d = result->decision;
  AssayLoggedDecision *logged = g_new0 (AssayLoggedDecision, 1);
  gsize len;
  const char *data = g_bytes_get_data (payload, &len);

  logged->index = entry->index;
  g_strlcpy (logged->hash, result->sha256, sizeof logged->hash);
  logged->decision_id = g_strdup (d->decision_id);
  logged->kind = g_strdup (assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, d->kind));
  logged->outcome = g_strdup (assay_decision_get_outcome_id (d));
  logged->role = g_strdup (assay_enum_get_nick (ASSAY_TYPE_ROLE, d->role));
  logged->subject_kind = g_strdup (assay_enum_get_nick (ASSAY_TYPE_SUBJECT_KIND, d->subject_kind));
  logged->subject_id = g_strdup (d->subject_id);
  logged->subject_seq = d->subject_seq;
  logged->signers = holders_json (result->holders);
  logged->rationale = g_strdup (d->rationale);
  logged->created_at = d->created_at;
  logged->logged_day = entry->logged_day;
  logged->payload = g_strndup (data, len);
  return logged;
}

static gboolean
apply_decision (AssayReplica           *replica,
                AssayRosterChain       *chain,
                const AssaySignedEntry *entry,
                GError                **error)
{
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autoptr(AssayDecisionResult) result = NULL;
  g_autoptr(AssayLoggedDecision) logged = NULL;
  AssayDecisionEffect effect;
  AssayRoster *first = assay_roster_chain_get_version (chain, 1);

  if (first == NULL)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                           _("the log holds a decision before any roster."));
      return FALSE;
    }
  envelope = assay_dsse_envelope_new_from_json (entry->envelope, -1, error);
  if (envelope == NULL ||
      !assay_decision_verify (envelope, chain, first->deployment, end_of_day (entry->logged_day), &result, error))
    return FALSE;
  if (!result->complete)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                   _("it was logged with %u of the %u signatures its kind needs."),
                   result->holders->len, result->threshold);
      return FALSE;
    }
  if (!check_sequence (replica, result->decision, error) ||
      !check_filing (replica, result->decision, error) ||
      !assay_decision_effect (result->decision, entry->logged_day, &effect, error))
    return FALSE;
  logged = logged_decision (entry, result, envelope->payload);
  return assay_replica_store_decision (replica, logged, &effect, error);
}

gboolean
assay_decision_log_apply (AssayReplica           *replica,
                          AssayDecisionLogReport *report,
                          GError                **error)
{
  g_autoptr(AssayRosterChain) chain = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  AssayDecisionLogReport counts = { 0, 0 };
  guint64 size;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);

  size = assay_replica_get_size (replica);
  if ((chain = assay_decision_log_load_chain (replica, error)) == NULL ||
      (entries = assay_replica_list_signed_entries (replica, assay_replica_get_decisions_size (replica),
                                                    error)) == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      AssaySignedEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GError) reason = NULL;
      gboolean ok = entry->kind == ASSAY_ENTRY_ROSTER ? apply_roster (replica, chain, entry, &reason)
                                                      : apply_decision (replica, chain, entry, &reason);

      if (!ok && g_error_matches (reason, ASSAY_ERROR, ASSAY_ERROR_IO))
        {
          g_propagate_error (error, g_steal_pointer (&reason));
          return FALSE;
        }
      if (!ok)
        {
          /* Keep what verified: the cursor stops before the bad entry. */
          assay_replica_set_decisions_size (replica, entry->index, NULL);
          return alert (replica, entry, reason, error);
        }
      if (entry->kind == ASSAY_ENTRY_ROSTER)
        counts.n_rosters++;
      else
        counts.n_decisions++;
    }
  if (!assay_replica_set_decisions_size (replica, size, error))
    return FALSE;
  if (report != NULL)
    *report = counts;
  return TRUE;
}

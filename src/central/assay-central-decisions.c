/* assay-central-decisions.c — POST /decisions and co-signing: verify, hold or log, answer
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
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "assay-central-breakers.h"
#include "assay-central-decisions-private.h"
#include "assay-central-filings.h"
#include "assay-central-held.h"
#include "assay-central-history.h"
#include "assay-central-notices.h"
#include "assay-central-proposals.h"
#include "assay-central-store.h"
#include "assay-decision-verify.h"
#include "assay-error.h"
#include "assay-note.h"

/* What a decision entry's body adds around its envelope:
 * {"kind":"decision","envelope":…,"logged":"YYYY-MM-DD"}. */
#define BODY_OVERHEAD 64

/* ---- checks the service adds to assay_decision_verify () ------------------------------ */

/* The data checkpoint the decision names must be one of this log's trees:
 * its origin, a size the tree has reached, and the root the tree had at
 * that size.  Anything else is forged, forked, or from a tree that this
 * service never had. */
static gboolean
check_checkpoint (AssayCentralStore  *store,
                  AssayDecision      *d,
                  GError            **error)
{
  guint8 root[ASSAY_HASH_SIZE];

  if (strcmp (d->checkpoint_origin, assay_central_store_get_origin (store)) != 0)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                 _("the decision was made against the log “%s”, not this one (“%s”)"),
                 d->checkpoint_origin, assay_central_store_get_origin (store));
  else if ((guint64) d->checkpoint_size > assay_central_store_get_size (store))
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                 _("the decision names a checkpoint of %" PRId64 " entries, but this log has only"
                   " %" PRIu64 ": the checkpoint is not this log's"),
                 d->checkpoint_size, assay_central_store_get_size (store));
  else if (!assay_central_store_get_root (store, d->checkpoint_size, root, error))
    return FALSE;
  else if (memcmp (root, d->checkpoint_root, sizeof root) != 0)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                 _("the checkpoint the decision names (size %" PRId64 ") has another root than this"
                   " log had at that size: it is forged or from a fork"),
                 d->checkpoint_size);
  else
    return TRUE;
  return FALSE;
}

/* One decision_id, one payload: among logged decisions and proposals. */
static gboolean
check_id (AssayCentralDesk   *desk,
          AssayCentralStore  *store,
          AssayDecisionResult *result,
          GError            **error)
{
  const char *id = result->decision->decision_id;
  g_autofree char *pending = NULL;

  if (!assay_decision_check_id (result->sha256, assay_central_history_find_id (desk->history, id), error))
    return FALSE;
  pending = assay_central_proposals_find_id (store, id);
  return assay_decision_check_id (result->sha256, pending, error);
}

/* Verified now, by the real clock, and at the end of the day it will be
 * logged, when every replica judges it: a decision that expires before
 * then would raise an alert on every workstation. */
static AssayDecisionResult *
verify (AssayCentralDesk   *desk,
        AssayDsseEnvelope  *env,
        GError            **error)
{
  AssayRosterChain *chain = assay_central_history_get_chain (desk->history);
  const char *deployment = assay_central_history_get_deployment (desk->history);
  gint64 end_of_day = assay_central_end_of_day (assay_central_today_utc ());
  g_autoptr(AssayDecisionResult) result = NULL;
  g_autoptr(AssayDecisionResult) later = NULL;
  g_autoptr(GError) local = NULL;

  if (deployment == NULL)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                           _("this service has no roster yet, so it accepts no decision"));
      return NULL;
    }
  if (!assay_decision_verify (env, chain, deployment, g_get_real_time () / G_USEC_PER_SEC, &result, error))
    return NULL;
  if (!assay_decision_verify (env, chain, deployment, end_of_day, &later, &local))
    {
      g_set_error (error, local->domain, local->code,
                   _("replicas judge a decision at the end of the day (UTC) it is logged, and then %s"),
                   local->message);
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* ---- logging and holding ----------------------------------------------------------- */

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

static AssayCentralAnswer *
hold (AssayCentralStore   *store,
      AssayDecisionResult *result,
      const char          *envelope)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *holders = holders_json (result->holders);
  AssayCentralProposal p = {
    result->sha256, result->decision->decision_id, (char *) envelope, result->holders->len,
    result->threshold, holders, result->decision->not_after,
  };

  if (!assay_central_proposals_prepare (store, &error)
      || !assay_central_proposals_put (store, &p, &error))
    return _assay_central_answer_error (error);
  return _assay_central_answer_pending (&p);
}

/* After an erasure has committed, as `assay-central erase` does: no byte
 * of the erased bodies stays in the database or the service's replicas.
 * The decision is logged whatever happens here, so a failure is only
 * reported in the service's log, and the next erasure or import catches up. */
static void
after_erasure (AssayCentralStore *store)
{
  g_autoptr(GError) error = NULL;

  if (!assay_central_store_purge (store, &error)
      || !assay_central_breakers_catch_up (store, &error)
      || !assay_central_notices_catch_up (store, &error))
    g_warning ("After forgetting: %s", error->message);
}

/* Article V: the approval of a forget request erases the account's
 * records of the silence period in the same transaction.  An erasure
 * rewrites the committed body bundles, so it comes before anything is
 * appended: its tombstone precedes the approval in the log. */
static gboolean
forget (AssayCentralStore       *store,
        const AssayFilingFacts  *facts,
        guint64                 *out_erased,
        guint64                 *out_pending,
        GError                 **error)
{
  return assay_central_store_erase (store, facts->account, facts->silence_from, facts->silence_to, TRUE,
                                    assay_central_today_utc (), out_erased, out_pending, error);
}

/* Appends the decision and signs the checkpoint that serves it, in one
 * transaction that also drops its proposal (and, for an approved forget
 * request, erases what it forgets). */
static AssayCentralAnswer *
log_decision (AssayCentralDesk        *desk,
              AssayCentralStore       *store,
              AssayDecisionResult     *result,
              const char              *envelope,
              const AssayFilingFacts  *facts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayCentralAnswer) answer = NULL;
  gboolean forgets = assay_central_filing_forgets (result->decision, facts);
  guint64 index = 0, erased = 0, pending = 0;
  guint n_logged = 0, n_refused = 0;

  if (!assay_central_store_begin (store, &error))
    return _assay_central_answer_error (error);
  if (forgets && !forget (store, facts, &erased, &pending, &error))
    {
      assay_central_store_rollback (store);
      return _assay_central_answer_error (error);
    }
  /* A restore logs the redemptions its pause held, a zero refuses them:
   * in the same write as the decision, so neither is seen without the other. */
  if (!assay_central_store_append_signed (store, ASSAY_ENTRY_DECISION, envelope, strlen (envelope),
                                          assay_central_today_utc (), &index, &error)
      || !assay_central_proposals_remove (store, result->sha256, &error)
      || !assay_central_held_settle (store, desk->history, result->decision, index,
                                     &n_logged, &n_refused, &error))
    {
      assay_central_store_rollback (store);
      return _assay_central_answer_error (error);
    }
  if (!assay_central_store_commit (store, &error)
      || !assay_central_history_update (desk->history, store, &error))
    return _assay_central_answer_error (error);
  g_message ("Logged decision %s at index %" PRIu64, result->sha256, index);
  if (n_logged + n_refused > 0)
    g_message ("Held redemptions settled by it: %u logged, %u refused", n_logged, n_refused);
  if (erased + pending > 0)
    {
      g_message ("Forgotten by it: %" PRIu64 " logged and %" PRIu64 " waiting entries", erased, pending);
      after_erasure (store);
    }
  answer = _assay_central_answer_logged (store, index, result->sha256);
  if (forgets)
    _assay_central_answer_add_erasure (answer, facts->account, facts->silence_from, facts->silence_to,
                                       erased, pending);
  return g_steal_pointer (&answer);
}

/* The signatures of @stored followed by those of @env that it lacks. */
static AssayDsseEnvelope *
merge (AssayDsseEnvelope *stored,
       AssayDsseEnvelope *env)
{
  AssayDsseEnvelope *merged = assay_dsse_envelope_new (stored->payload_type, stored->payload);

  for (guint pass = 0; pass < 2; pass++)
    {
      AssayDsseEnvelope *from = pass == 0 ? stored : env;

      for (guint i = 0; i < from->signatures->len; i++)
        {
          AssayDsseSignature *sig = g_ptr_array_index (from->signatures, i);
          gboolean seen = FALSE;

          for (guint j = 0; j < merged->signatures->len && !seen; j++)
            {
              AssayDsseSignature *other = g_ptr_array_index (merged->signatures, j);

              seen = g_strcmp0 (sig->keyid, other->keyid) == 0 && g_bytes_equal (sig->sig, other->sig);
            }
          if (!seen)
            {
              AssayDsseSignature *copy = g_new0 (AssayDsseSignature, 1);

              copy->keyid = g_strdup (sig->keyid);
              copy->sig = g_bytes_ref (sig->sig);
              g_ptr_array_add (merged->signatures, copy);
            }
        }
    }
  return merged;
}

/* With a proposal of the same payload pending, the signatures join it. */
static AssayDsseEnvelope *
with_pending (AssayCentralStore  *store,
              AssayDsseEnvelope  *env,
              const char         *hash,
              GError            **error)
{
  g_autoptr(AssayCentralProposal) pending = assay_central_proposals_get (store, hash, error);
  g_autoptr(AssayDsseEnvelope) stored = NULL;

  if (pending == NULL)
    return NULL;
  stored = assay_dsse_envelope_new_from_json (pending->envelope, -1, error);
  return stored != NULL ? merge (stored, env) : NULL;
}

static gboolean
check_fits (const char  *envelope,
            GError     **error)
{
  if (strlen (envelope) + BODY_OVERHEAD <= ASSAY_ENTRY_MAX_BODY)
    return TRUE;
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
               _("the envelope is %zu bytes long; a log entry holds an envelope of at most %d bytes"),
               strlen (envelope), ASSAY_ENTRY_MAX_BODY - BODY_OVERHEAD);
  return FALSE;
}

/* Everything after parsing, with the lock held and the history current. */
AssayCentralAnswer *
_assay_central_desk_submit (AssayCentralDesk  *desk,
        AssayCentralStore *store,
        AssayDsseEnvelope *env,
        const char        *text)
{
  g_autofree char *hash = assay_decision_hash (env->payload);
  g_autoptr(AssayDsseEnvelope) merged = NULL;
  g_autoptr(AssayDecisionResult) result = NULL;
  g_autofree char *merged_text = NULL;
  g_autoptr(GError) error = NULL;
  AssayFilingFacts facts = { 0 };
  AssayCentralAnswer *answer;
  gint64 index = assay_central_history_find (desk->history, hash);

  /* The same decision again: its receipt, whatever signatures came along. */
  if (index >= 0)
    {
      /* Logged by another path (append-envelope) while it was pending. */
      assay_central_proposals_remove (store, hash, NULL);
      return _assay_central_answer_logged (store, index, hash);
    }
  merged = with_pending (store, env, hash, &error);
  if (error != NULL)
    return _assay_central_answer_error (error);
  if (merged != NULL)
    text = merged_text = assay_dsse_envelope_to_json (merged);
  if (!check_fits (text, &error))
    return _assay_central_answer_refused (413, error->message);
  if ((result = verify (desk, merged != NULL ? merged : env, &error)) == NULL
      || !check_checkpoint (store, result->decision, &error)
      || !assay_central_filing_check (store, result->decision, &facts, &error)
      || !check_id (desk, store, result, &error)
      || !_assay_central_desk_check_objectors (store, hash, result->holders, &error)
      || !assay_central_history_check_sequence (desk->history, result->decision, &error))
    answer = _assay_central_answer_error (error);
  else if (!result->complete)
    answer = hold (store, result, text);
  else
    answer = log_decision (desk, store, result, text, &facts);
  assay_filing_facts_clear (&facts);
  return answer;
}

/* Opens the data directory for writing (the lock) with the history current. */
AssayCentralStore *
_assay_central_desk_open_store (AssayCentralDesk  *desk,
            GError           **error)
{
  g_autoptr(AssayCentralStore) store = assay_central_store_open (desk->dir, ASSAY_CENTRAL_OPEN_WRITE, error);

  if (store == NULL
      || !assay_central_proposals_prune (store, g_get_real_time () / G_USEC_PER_SEC, error)
      || !assay_central_history_update (desk->history, store, error))
    return NULL;
  return g_steal_pointer (&store);
}

AssayDsseEnvelope *
_assay_central_desk_parse_envelope (const char  *body,
                                    gsize        len,
                                    guint       *out_status,
                                    GError     **error)
{
  g_autoptr(AssayDsseEnvelope) env = NULL;

  *out_status = 413;
  if (len > ASSAY_DSSE_MAX_ENVELOPE_SIZE)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("the envelope is %zu bytes long; the service takes at most %d KiB"),
                   len, ASSAY_DSSE_MAX_ENVELOPE_SIZE / 1024);
      return NULL;
    }
  *out_status = 400;
  if ((env = assay_dsse_envelope_new_from_json (body, len, error)) == NULL)
    return NULL;
  *out_status = 413;
  if (env->signatures->len > ASSAY_DSSE_MAX_SIGNATURES)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("the envelope carries %u signatures; at most %d are taken"),
                   env->signatures->len, ASSAY_DSSE_MAX_SIGNATURES);
      return NULL;
    }
  return g_steal_pointer (&env);
}

/* ---- public API -------------------------------------------------------------------- */

AssayCentralDesk *
assay_central_desk_new (const char  *data_dir,
                        GError     **error)
{
  AssayCentralDesk *desk = g_new0 (AssayCentralDesk, 1);

  /* Serving alone changes nothing in the data directory: the history is
   * read, under the lock, by the first request that may write. */
  desk->dir = g_strdup (data_dir);
  desk->history = assay_central_history_new ();
  return desk;
}

void
assay_central_desk_free (AssayCentralDesk *desk)
{
  if (desk == NULL)
    return;
  assay_central_history_free (desk->history);
  g_free (desk->dir);
  g_free (desk);
}

AssayCentralAnswer *
assay_central_desk_post (AssayCentralDesk *desk,
                         const char       *body,
                         gsize             len)
{
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autoptr(AssayCentralStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint status;

  g_return_val_if_fail (desk != NULL, NULL);
  if ((env = _assay_central_desk_parse_envelope (body, len, &status, &error)) == NULL)
    return _assay_central_answer_refused (status, error->message);
  if ((store = _assay_central_desk_open_store (desk, &error)) == NULL)
    return _assay_central_answer_error (error);
  text = g_strndup (body, len);
  return _assay_central_desk_submit (desk, store, env, text);
}


/* assay-decision-draft.c — a decision on a case, drafted from the replica, signed and queued
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

#include "assay-hex.h"
#include "assay-decision-draft.h"
#include "assay-entry.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-filing-facts.h"
#include "assay-merkle.h"
#include "assay-replica-cases.h"
#include "assay-replica-decisions.h"
#include "assay-replica-outbox.h"
#include "assay-roster.h"

/* ---- the roster ------------------------------------------------------------------- */

/* The roster in force: the last version the replica verified. */
static AssayRoster *
current_roster (AssayReplica  *replica,
                GError       **error)
{
  g_autoptr(GPtrArray) rosters = assay_replica_list_rosters (replica, error);
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  AssayStoredRoster *last;

  if (rosters == NULL)
    return NULL;
  if (rosters->len == 0)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                           _("The replica holds no roster yet: sync a log whose service has logged one."));
      return NULL;
    }
  last = g_ptr_array_index (rosters, rosters->len - 1);
  envelope = assay_dsse_envelope_new_from_json (last->envelope, -1, error);
  return envelope != NULL ? assay_roster_new_from_payload (envelope->payload, error) : NULL;
}

static gboolean
check_author (AssayRoster    *roster,
              AssayDecision  *d,
              GError        **error)
{
  const AssayRosterKind *rule = &roster->kinds[d->kind];

  if (!rule->present)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Roster version %" PRIi64 " has no rule for “%s” decisions."),
                   roster->version, assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, d->kind));
      return FALSE;
    }
  d->role = rule->role;
  if (!assay_roster_role_has_key (roster, rule->role, d->author))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Your key %.16s… is not one of the roster’s %s keys, so it cannot sign this decision."),
                   d->author, assay_enum_get_nick (ASSAY_TYPE_ROLE, rule->role));
      return FALSE;
    }
  return TRUE;
}

/* ---- the subject ------------------------------------------------------------------ */

static gboolean
subject_kind_from_case (const AssayCase   *c,
                        AssaySubjectKind  *out,
                        GError           **error)
{
  int value;

  if (!assay_enum_from_nick (ASSAY_TYPE_SUBJECT_KIND, c->subject_kind, &value))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("A decision cannot name a subject of kind “%s”."), c->subject_kind);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/* The next number on the subject, after the last logged decision, unless
 * one still waits in the outbox (its number is not known to be taken
 * until it is logged). */
static gboolean
set_sequence (AssayReplica   *replica,
              AssayDecision  *d,
              const char     *subject,
              GError        **error)
{
  const char *kind = assay_enum_get_nick (ASSAY_TYPE_SUBJECT_KIND, d->subject_kind);
  g_autoptr(GPtrArray) logged = assay_replica_list_decisions (replica, kind, d->subject_id, error);
  g_autoptr(GPtrArray) outbox = NULL;

  if (logged == NULL || (outbox = assay_replica_outbox_list (replica, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < outbox->len; i++)
    {
      AssayOutboxRow *row = g_ptr_array_index (outbox, i);

      if (g_str_equal (row->subject, subject) &&
          (row->state == ASSAY_OUTBOX_QUEUED || row->state == ASSAY_OUTBOX_PENDING))
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                       _("Decision %.12s… on %s is still waiting in the outbox: push it (or let it be "
                         "refused) before deciding on the same subject again."), row->hash, subject);
          return FALSE;
        }
    }
  if (logged->len == 0)
    {
      d->subject_seq = 1;
      return TRUE;
    }
  d->subject_seq = ((AssayLoggedDecision *) g_ptr_array_index (logged, logged->len - 1))->subject_seq + 1;
  d->supersedes = g_strdup (((AssayLoggedDecision *) g_ptr_array_index (logged, logged->len - 1))->hash);
  return TRUE;
}

/* ---- the inputs ------------------------------------------------------------------- */

static JsonObject *
flag_json (const AssayStoredFlag *flag)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (flag->json == NULL || !json_parser_load_from_data (parser, flag->json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static int
compare_indices (gconstpointer a,
                 gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

/* The flags' entries, sorted and unique. */
static GArray *
flag_entries (GPtrArray *flags)
{
  GArray *indices = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint kept = 0;

  for (guint i = 0; i < flags->len; i++)
    {
      JsonObject *o = g_ptr_array_index (flags, i);
      JsonArray *entries = json_object_get_array_member (o, "entries");

      for (guint k = 0; entries != NULL && k < json_array_get_length (entries); k++)
        {
          guint64 index = json_array_get_int_element (entries, k);

          g_array_append_val (indices, index);
        }
    }
  g_array_sort (indices, compare_indices);
  for (guint i = 0; i < indices->len; i++)
    if (kept == 0 || g_array_index (indices, guint64, kept - 1) != g_array_index (indices, guint64, i))
      g_array_index (indices, guint64, kept++) = g_array_index (indices, guint64, i);
  g_array_set_size (indices, kept);
  return indices;
}

/* Each entry with its leaf hash.  Only the audit's findings are capped
 * here: their notes name the entries one by one, so they cannot be named
 * by a digest; any other decision too large to list its entries names
 * them by their digest (check_size). */
static gboolean
add_entries (AssayReplica   *replica,
             AssayDecision  *d,
             GArray         *indices,
             GError        **error)
{
  if (indices->len > ASSAY_DECISION_MAX_INPUTS && d->kind == ASSAY_DECISION_KIND_AUDIT_FINDINGS)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The sample’s errors and frauds are %u records, more than the %u a decision can name."),
                   indices->len, ASSAY_DECISION_MAX_INPUTS);
      return FALSE;
    }
  for (guint i = 0; i < indices->len; i++)
    {
      guint64 index = g_array_index (indices, guint64, i);
      g_autoptr(AssayReplicaEntry) entry = assay_replica_get_entry (replica, index, error);
      guint8 leaf[ASSAY_HASH_SIZE];
      g_autofree char *hex = NULL;

      if (entry == NULL)
        return FALSE;
      assay_merkle_leaf_hash (entry->commitment, ASSAY_HASH_SIZE, leaf);
      hex = assay_hex_encode (leaf, sizeof leaf);
      assay_decision_add_entry (d, index, hex);
    }
  return TRUE;
}

/* The case's flags (their JSON), its flag ids into the decision, and the
 * Article X effect of a down-weight flag into `effect` if there is one. */
static GPtrArray *
case_flags (AssayReplica     *replica,
            const AssayCase  *c,
            AssayDecision    *d,
            GError          **error)
{
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < c->flag_ids->len; i++)
    {
      const char *id = g_ptr_array_index (c->flag_ids, i);
      g_autoptr(AssayStoredFlag) flag = assay_replica_get_flag (replica, id, error);
      JsonObject *o;

      if (flag == NULL)
        return NULL;
      assay_decision_add_flag (d, id);
      if ((o = flag_json (flag)) != NULL)
        g_ptr_array_add (flags, o);
    }
  return g_steal_pointer (&flags);
}

/* A down-weight's params: the dimension asked for, or the case's Article X
 * flag's effect (dimension, from, to). */
static gboolean
set_down_weight (AssayDecision  *d,
                 GPtrArray      *flags,
                 const char     *dimension,
                 GError        **error)
{
  d->params = json_object_new ();
  for (guint i = 0; dimension == NULL && i < flags->len; i++)
    {
      JsonObject *flag = g_ptr_array_index (flags, i);
      JsonNode *node = json_object_get_member (flag, "effect");
      JsonObject *effect = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      /* Only an Article X down-weight flag has an effect. */
      if (effect == NULL)
        continue;
      json_object_set_string_member (d->params, "dimension", json_object_get_string_member (effect, "dimension"));
      json_object_set_string_member (d->params, "from", json_object_get_string_member (effect, "from"));
      json_object_set_string_member (d->params, "to", json_object_get_string_member (effect, "to"));
      return TRUE;
    }
  if (dimension == NULL)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                           _("The case has no Article X down-weight flag: name the dimension to down-weight."));
      return FALSE;
    }
  json_object_set_string_member (d->params, "dimension", dimension);
  return TRUE;
}

/* ---- the size --------------------------------------------------------------------- */

/* What a log entry around the envelope takes besides it ({"kind":
 * "decision","envelope":…,"logged":"YYYY-MM-DD"}), and what one DSSE
 * signature adds to the envelope ({"keyid":64 hex,"sig":88 base64}). */
#define ENTRY_OVERHEAD     64
#define SIGNATURE_SIZE     170
#define ENVELOPE_OVERHEAD  100

/* The size of the envelope once every signature the kind needs is on it,
 * or 0 on error. */
static gsize
signed_size (AssayDecision  *d,
             guint           threshold,
             GError        **error)
{
  g_autoptr(GBytes) payload = assay_decision_to_payload (d, error);

  if (payload == NULL)
    return 0;
  return 4 * ((g_bytes_get_size (payload) + 2) / 3) + ENVELOPE_OVERHEAD + threshold * SIGNATURE_SIZE;
}

static gboolean
fits_entry (gsize size)
{
  return size + ENTRY_OVERHEAD <= ASSAY_ENTRY_MAX_BODY;
}

/* Whether the envelope, once every signature the kind needs is on it,
 * fits in one log entry; the service would refuse it otherwise (413).
 * Entries that do not fit listed one by one are named by their digest
 * (README "Decisions"), except an audit's findings, whose notes
 * name them; what still does not fit is refused. */
static gboolean
check_size (AssayDecision  *d,
            guint           threshold,
            GError        **error)
{
  guint n_entries = d->entries->len;
  gsize size;

  /* More entries than a payload may list never fit in 16 KiB: no need to
   * write the list to know it. */
  if (n_entries > ASSAY_DECISION_MAX_INPUTS && d->kind != ASSAY_DECISION_KIND_AUDIT_FINDINGS)
    assay_decision_digest_entries (d);
  if ((size = signed_size (d, threshold, error)) == 0)
    return FALSE;
  if (fits_entry (size))
    return TRUE;
  if (d->kind == ASSAY_DECISION_KIND_AUDIT_FINDINGS)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The sample’s %u errors and frauds with their notes and leaves would make a decision of about "
                     "%u bytes signed, more than the %u bytes a log entry holds. Shorten the notes; signing so "
                     "many findings at once is not possible yet."),
                   d->entries->len, (guint) size, (guint) (ASSAY_ENTRY_MAX_BODY - ENTRY_OVERHEAD));
      return FALSE;
    }
  if (assay_decision_digest_entries (d))
    {
      if ((size = signed_size (d, threshold, error)) == 0)
        return FALSE;
      if (fits_entry (size))
        return TRUE;
    }
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
               _("A decision naming the case’s %u flags (and its %u entries by one digest) with this rationale "
                 "would be about %u bytes signed, more than the %u bytes a log entry holds. Shorten the "
                 "rationale; a case with so many flags cannot be decided yet."),
               d->flags->len, n_entries, (guint) size, (guint) (ASSAY_ENTRY_MAX_BODY - ENTRY_OVERHEAD));
  return FALSE;
}

/* ---- the draft -------------------------------------------------------------------- */

static gboolean
set_context (AssayReplica   *replica,
             AssayDecision  *d,
             GError        **error)
{
  g_autoptr(AssayReplicaStatus) status = assay_replica_get_status (replica, error);
  g_autoptr(AssayFlagRun) run = NULL;
  g_autoptr(GError) local = NULL;

  if (status == NULL)
    return FALSE;
  if ((run = assay_replica_get_flag_run (replica, &local)) == NULL && local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* No run is no error for the replica, but a decision names its rule set:
   * a weights proposal can come before anyone has looked at flags. */
  if (run == NULL)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                           _("The replica has not run the rule set yet, and a decision names the rule set in "
                             "force: sync it (or refresh its flags) first."));
      return FALSE;
    }
  d->checkpoint_origin = g_strdup (status->origin);
  d->checkpoint_size = status->size;
  memcpy (d->checkpoint_root, status->root, sizeof d->checkpoint_root);
  d->rule_set_name = g_strdup (run->rule_set_name);
  d->rule_set_version = run->rule_set_version;
  d->rule_set_sha256 = g_strdup (run->rule_set_sha256);
  return TRUE;
}

/* The start of every draft: the rationale, the roster and the author. */
static AssayDecision *
begin_draft (AssayReplica       *replica,
             AssayDecisionKind   kind,
             AssaySubjectKind    subject_kind,
             const char         *subject_id,
             const char         *rationale,
             const char         *author,
             gint64              now,
             AssayRoster       **out_roster,
             GError            **error)
{
  g_autoptr(AssayDecision) d = assay_decision_new ();
  g_autoptr(AssayRoster) roster = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (rationale != NULL ? rationale : ""));

  if (*stripped == '\0')
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                           _("Every decision needs a rationale: say why, in words the subject and the auditors can read."));
      return NULL;
    }
  if ((roster = current_roster (replica, error)) == NULL)
    return NULL;
  d->kind = d->outcome = kind;
  d->subject_kind = subject_kind;
  d->deployment = g_strdup (roster->deployment);
  d->subject_id = g_strdup (subject_id);
  d->rationale = g_strdup (rationale);
  d->author = g_strdup (author);
  d->roster_version = roster->version;
  d->roster_sha256 = g_strdup (roster->sha256);
  d->created_at = now;
  d->not_after = now + ASSAY_DECISION_VALIDITY;
  subject = g_strdup_printf ("%s:%s", assay_enum_get_nick (ASSAY_TYPE_SUBJECT_KIND, subject_kind), subject_id);
  if (!check_author (roster, d, error) || !set_sequence (replica, d, subject, error) ||
      !set_context (replica, d, error))
    return NULL;
  *out_roster = g_steal_pointer (&roster);
  return g_steal_pointer (&d);
}

AssayDecision *
assay_decision_draft_for_case (AssayReplica       *replica,
                               gint64              case_id,
                               AssayDecisionKind   outcome,
                               const char         *rationale,
                               const char         *dimension,
                               const char         *author,
                               gint64              now,
                               GError            **error)
{
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(AssayCase) c = NULL;
  g_autoptr(AssayRoster) roster = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GArray) indices = NULL;
  AssaySubjectKind subject_kind;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (author != NULL, NULL);

  if ((c = assay_replica_get_case (replica, case_id, error)) == NULL ||
      !subject_kind_from_case (c, &subject_kind, error) ||
      (d = begin_draft (replica, outcome, subject_kind, c->subject_id, rationale, author, now,
                        &roster, error)) == NULL ||
      (flags = case_flags (replica, c, d, error)) == NULL)
    return NULL;
  indices = flag_entries (flags);
  if (!add_entries (replica, d, indices, error) ||
      (outcome == ASSAY_DECISION_KIND_DOWN_WEIGHT && !set_down_weight (d, flags, dimension, error)) ||
      !check_size (d, roster->kinds[outcome].threshold, error))
    return NULL;
  return g_steal_pointer (&d);
}

/* ---- a filing's decision ----------------------------------------------------------- */

static void
set_refused (GError    **error,
             const char *message)
{
  g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT, message);
}

/* The filing case's filing: its facts as the replica holds them. */
static gboolean
filing_of_case (AssayReplica      *replica,
                const AssayCase   *c,
                AssayFilingFacts  *out,
                GError           **error)
{
  g_autoptr(GError) local = NULL;
  guint64 index;

  if (g_strcmp0 (c->subject_kind, "filing") != 0
      || !g_ascii_string_to_unsigned (c->subject_id, 10, 0, G_MAXUINT64, &index, NULL))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Case %" PRIi64 " is not about a filing: decide it with one of the committee’s outcomes."),
                   c->id);
      return FALSE;
    }
  if (assay_filing_facts_from_replica (replica, index, out, &local) && !out->erased)
    return TRUE;
  if (local == NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Filing %" PRIu64 " was erased: nothing is left to decide."), index);
      return FALSE;
    }
  if (!g_error_matches (local, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
               _("Case %" PRIi64 "’s filing cannot be decided: %s. Sync the replica again."), c->id, local->message);
  return FALSE;
}

static gboolean
check_route (const AssayFilingVerdict  *v,
             const AssayFilingFacts    *facts,
             GError                   **error)
{
  AssayRole route = assay_filing_route (facts->kind, facts->target_kind);

  if (assay_filing_route_takes (route, v->kind))
    return TRUE;
  if (route == ASSAY_ROLE_ARBITRATION)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                 _("Filing %" PRIu64 " (%s) goes to the arbitration panel: it is decided by a ruling (uphold, "
                   "overturn or adjust), not by the committee."),
                 facts->index, assay_entry_kind_to_id (facts->kind));
  else
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                 _("Filing %" PRIu64 " (%s) goes to the committee: approve or deny it; the arbitration panel "
                   "rules only on disputes and appeals against decisions."),
                 facts->index, assay_entry_kind_to_id (facts->kind));
  return FALSE;
}

static gboolean
check_ruling (const AssayFilingVerdict  *v,
              GError                   **error)
{
  gboolean adjust = v->ruling == ASSAY_RULING_ADJUST;

  if (adjust && (v->amount == 0 || v->amount < -ASSAY_FILING_MAX_POINTS || v->amount > ASSAY_FILING_MAX_POINTS))
    set_refused (error, _("An adjusting ruling names the points it adds or takes away: a whole number, not 0, "
                          "from −1,000,000 to 1,000,000."));
  else if (!adjust && v->amount != 0)
    set_refused (error, _("Only an adjusting ruling names points: choose adjust, or leave the points out."));
  else
    return TRUE;
  return FALSE;
}

static gboolean
check_approval (const AssayFilingVerdict  *v,
                const AssayFilingFacts    *facts,
                GError                   **error)
{
  gint64 cap = assay_filing_award_cap (facts->comparable_value, facts->points);

  if (facts->kind != ASSAY_ENTRY_FAILURE_CLAIM && v->kind == ASSAY_DECISION_KIND_APPROVE && v->amount != 0)
    set_refused (error, _("Only an approved failure claim carries an award: leave the award out."));
  else if (v->kind == ASSAY_DECISION_KIND_DENY && v->amount != 0)
    set_refused (error, _("A denial carries no award: leave it out."));
  else if (facts->kind != ASSAY_ENTRY_FAILURE_CLAIM || v->kind != ASSAY_DECISION_KIND_APPROVE)
    return TRUE;
  else if (cap < 1)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                 _("Article U allows no award for filing %" PRIu64 ": 30 %% of the comparable success’s %" PRIi64
                   " points is less than one point. Deny it."),
                 facts->index, facts->comparable_value);
  else if (v->amount < 1 || v->amount > cap)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                 _("The award for filing %" PRIu64 " must be 1 to %" PRIi64 " points: Article U allows at most "
                   "30 %% of the comparable success’s %" PRIi64 " points, and the claim asks %" PRIi64 "."),
                 facts->index, cap, facts->comparable_value, facts->points);
  else
    return TRUE;
  return FALSE;
}

static gboolean
check_verdict (const AssayFilingVerdict  *v,
               const AssayFilingFacts    *facts,
               GError                   **error)
{
  if (!check_route (v, facts, error))
    return FALSE;
  if (v->kind == ASSAY_DECISION_KIND_RULING)
    return check_ruling (v, error);
  if (!check_approval (v, facts, error))
    return FALSE;
  if (v->kind == ASSAY_DECISION_KIND_APPROVE && facts->kind == ASSAY_ENTRY_FORGET_REQUEST
      && !assay_filing_facts_has_silence (facts))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Forget request %" PRIu64 " names no silence of its own account that the log still holds: "
                     "there is no period to forget, so deny it."), facts->index);
      return FALSE;
    }
  return TRUE;
}

static JsonObject *
verdict_params (const AssayFilingVerdict *v)
{
  JsonObject *params = json_object_new ();

  if (v->amount != 0)
    json_object_set_int_member (params, v->kind == ASSAY_DECISION_KIND_RULING ? "points" : "award", v->amount);
  return params;
}

static void
append_index (GArray  *indices,
              guint64  index)
{
  g_array_append_val (indices, index);
}

/* The filing's leaf and those it names, sorted and unique. */
static GArray *
filing_leaves (AssayReplica            *replica,
               const AssayFilingFacts  *facts,
               GError                 **error)
{
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(AssayReplicaEntry) entry = assay_replica_get_entry (replica, facts->index, error);
  guint kept = 0;

  if (entry == NULL)
    return NULL;
  append_index (indices, facts->index);
  if (entry->parsed != NULL && (entry->parsed->kind == ASSAY_ENTRY_APPEAL
                                || entry->parsed->kind == ASSAY_ENTRY_FORGET_REQUEST))
    append_index (indices, entry->parsed->target);
  for (gsize i = 0; entry->parsed != NULL && i < entry->parsed->n_disputed; i++)
    append_index (indices, entry->parsed->disputed[i]);
  g_array_sort (indices, compare_indices);
  for (guint i = 0; i < indices->len; i++)
    if (kept == 0 || g_array_index (indices, guint64, kept - 1) != g_array_index (indices, guint64, i))
      g_array_index (indices, guint64, kept++) = g_array_index (indices, guint64, i);
  g_array_set_size (indices, kept);
  return g_steal_pointer (&indices);
}

AssayDecision *
assay_decision_draft_for_filing (AssayReplica              *replica,
                                 gint64                     case_id,
                                 const AssayFilingVerdict  *verdict,
                                 const char                *rationale,
                                 const char                *author,
                                 gint64                     now,
                                 GError                   **error)
{
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(AssayCase) c = NULL;
  g_autoptr(AssayRoster) roster = NULL;
  g_autoptr(GArray) indices = NULL;
  AssayFilingFacts facts = { 0 };
  gboolean ok;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (verdict != NULL && author != NULL, NULL);

  if ((c = assay_replica_get_case (replica, case_id, error)) == NULL || !filing_of_case (replica, c, &facts, error))
    return NULL;
  ok = check_verdict (verdict, &facts, error)
       && (d = begin_draft (replica, verdict->kind, ASSAY_SUBJECT_FILING, c->subject_id, rationale, author, now,
                            &roster, error)) != NULL
       && (indices = filing_leaves (replica, &facts, error)) != NULL;
  assay_filing_facts_clear (&facts);
  if (!ok)
    return NULL;
  d->ruling = verdict->ruling;
  d->params = verdict_params (verdict);
  for (guint i = 0; i < c->flag_ids->len; i++)
    assay_decision_add_flag (d, g_ptr_array_index (c->flag_ids, i));
  if (!add_entries (replica, d, indices, error) || !check_size (d, roster->kinds[verdict->kind].threshold, error))
    return NULL;
  return g_steal_pointer (&d);
}

AssayDecision *
assay_decision_draft_for_audit (AssayReplica  *replica,
                                const char    *subject_id,
                                JsonObject    *params,
                                const guint64 *indices,
                                guint          n_indices,
                                guint64        checkpoint_size,
                                const guint8   checkpoint_root[32],
                                const char    *rationale,
                                const char    *author,
                                gint64         now,
                                GError       **error)
{
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(AssayRoster) roster = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (guint64));

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (subject_id != NULL && params != NULL && author != NULL, NULL);
  g_return_val_if_fail (indices != NULL || n_indices == 0, NULL);

  d = begin_draft (replica, ASSAY_DECISION_KIND_AUDIT_FINDINGS, ASSAY_SUBJECT_AUDIT, subject_id,
                   rationale, author, now, &roster, error);
  if (d == NULL)
    return NULL;
  /* The checkpoint the sample was drawn at, not the latest: the seed and
   * the population come from it. */
  d->checkpoint_size = checkpoint_size;
  memcpy (d->checkpoint_root, checkpoint_root, sizeof d->checkpoint_root);
  d->params = json_object_ref (params);
  g_array_append_vals (entries, indices, n_indices);
  if (!add_entries (replica, d, entries, error) ||
      !check_size (d, roster->kinds[ASSAY_DECISION_KIND_AUDIT_FINDINGS].threshold, error))
    return NULL;
  return g_steal_pointer (&d);
}

AssayDecision *
assay_decision_draft_for_weights (AssayReplica        *replica,
                                  const AssayWeights  *weights,
                                  const char          *rationale,
                                  const char          *author,
                                  gint64               now,
                                  GError             **error)
{
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(AssayRoster) roster = NULL;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (weights != NULL && author != NULL, NULL);

  /* The weights first: no roster or replica question matters for a set
   * the plan does not allow. */
  if (!assay_weights_check (weights, error))
    return NULL;
  d = begin_draft (replica, ASSAY_DECISION_KIND_WEIGHTS, ASSAY_SUBJECT_WEIGHTS, ASSAY_WEIGHTS_SUBJECT_ID,
                   rationale, author, now, &roster, error);
  if (d == NULL)
    return NULL;
  d->params = json_object_new ();
  json_object_set_object_member (d->params, "weights", assay_weights_to_json (weights));
  if (!check_size (d, roster->kinds[ASSAY_DECISION_KIND_WEIGHTS].threshold, error))
    return NULL;
  return g_steal_pointer (&d);
}

gboolean
assay_decision_sign_and_queue (AssayReplica   *replica,
                               AssayDecision  *decision,
                               AssayKeyFile   *key,
                               gint64          case_id,
                               const char     *author_name,
                               gint64          now,
                               char          **out_hash,
                               GError        **error)
{
  g_autoptr(GBytes) payload = assay_decision_to_payload (decision, error);
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autofree char *json = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *subject = NULL;

  if (payload == NULL)
    return FALSE;
  envelope = assay_dsse_envelope_new (ASSAY_DECISION_PAYLOAD_TYPE, payload);
  assay_dsse_envelope_sign (envelope, key);
  json = assay_dsse_envelope_to_json (envelope);
  hash = assay_decision_hash (payload);
  subject = g_strdup_printf ("%s:%s", assay_enum_get_nick (ASSAY_TYPE_SUBJECT_KIND, decision->subject_kind),
                             decision->subject_id);
  if (!assay_replica_outbox_queue (replica, hash, assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, decision->kind),
                                   subject, case_id, json, author_name, now, NULL, error))
    return FALSE;
  if (out_hash != NULL)
    *out_hash = g_steal_pointer (&hash);
  return TRUE;
}

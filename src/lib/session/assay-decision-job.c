/* assay-decision-job.c — a decision on a case: drafted, shown as it will be signed, signed and queued
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
#include <sodium.h>
#include <string.h>

#include "assay-decision-draft.h"
#include "assay-decision-job.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-filing-facts.h"
#include "assay-key-file.h"
#include "assay-replica-cases.h"
#include "assay-replica-decisions.h"
#include "assay-roster.h"
#include "assay-secret.h"

/* The draft's rationale while the user has written none: the draft
 * refuses an empty one, and the job replaces it before any payload. */
#define PLACEHOLDER_RATIONALE "-"

struct _AssayDecisionJob
{
  GObject            parent_instance;

  AssayReplica      *replica;
  gint64             case_id;
  AssayDecisionKind  outcome;
  char              *key_path;
  char              *rationale;
  char              *dimension;    /* a down-weight's, or NULL: the case's Article X flag's */
  gboolean           signing;

  /* A decision on a filing's case: the verdict (its amount as typed) and
   * the filing's numbers that bound an award. */
  gboolean           for_filing;
  AssayFilingVerdict verdict;
  gboolean           needs_amount;
  gint64             award_cap;        /* an approved failure claim's; else 0 */
  gint64             comparable_value;
  gint64             points_asked;
  GError            *amount_error;

  AssayDecision     *draft;        /* or NULL, with draft_error */
  GError            *draft_error;
  GError            *rationale_error;
  GBytes            *payload;      /* of draft with the rationale, or NULL */
  GPtrArray         *fields;       /* AssayDecisionField */
  guint              threshold;
  char              *signer_name;
};

G_DEFINE_FINAL_TYPE (AssayDecisionJob, assay_decision_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY_PATH,
  PROP_RATIONALE,
  PROP_SIGNING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What the worker thread gets: copies, never the main thread's draft. */
typedef struct
{
  char              *replica_path;
  char              *key_path;
  char              *passphrase;   /* sodium_malloc () memory */
  gsize              passphrase_len;
  gint64             case_id;
  AssayDecisionKind  outcome;
  char              *rationale;
  char              *dimension;
  gboolean           for_filing;
  AssayFilingVerdict verdict;
  char              *author;
  char              *author_name;
  char              *decision_id;
  gint64             created_at;
  GBytes            *payload;      /* as shown */
} SignData;

static void
sign_data_free (SignData *data)
{
  if (data->passphrase != NULL)
    sodium_free (data->passphrase);   /* wipes it */
  g_free (data->replica_path);
  g_free (data->key_path);
  g_free (data->rationale);
  g_free (data->dimension);
  g_free (data->author);
  g_free (data->author_name);
  g_free (data->decision_id);
  g_clear_pointer (&data->payload, g_bytes_unref);
  g_free (data);
}

/* ---- rendering ---------------------------------------------------------------------- */

void
assay_decision_field_free (AssayDecisionField *field)
{
  if (field == NULL)
    return;
  g_free (field->label);
  g_free (field->value);
  g_free (field);
}

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

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup_printf ("%" PRIi64, t);
}

static const char *
ruling_label (AssayRulingOutcome ruling)
{
  switch (ruling)
    {
    case ASSAY_RULING_UPHOLD:
      return _("Ruling: uphold what the filing contests");
    case ASSAY_RULING_OVERTURN:
      return _("Ruling: overturn what the filing contests");
    case ASSAY_RULING_ADJUST:
      return _("Ruling: adjust the account’s points");
    default:
      return "";
    }
}

static const char *
outcome_label (const AssayDecision *d)
{
  switch (d->outcome)
    {
    case ASSAY_DECISION_KIND_APPROVE:
      return _("Approve the request");
    case ASSAY_DECISION_KIND_DENY:
      return _("Deny the request");
    case ASSAY_DECISION_KIND_RULING:
      return ruling_label (d->ruling);
    case ASSAY_DECISION_KIND_DISMISS:
      return _("Dismiss: the flags call for no action");
    case ASSAY_DECISION_KIND_CONFIRM:
      return _("Confirm: the flags are upheld, with no change to the account");
    case ASSAY_DECISION_KIND_DOWN_WEIGHT:
      return _("Down-weight one dimension of the account");
    case ASSAY_DECISION_KIND_FREEZE:
      return _("Freeze the account");
    case ASSAY_DECISION_KIND_RESTORE:
      return _("Restore the account to active");
    case ASSAY_DECISION_KIND_ZERO:
      return _("Zero the account");
    default:
      return "";
    }
}

static char *
describe_sequence (const AssayDecision *d)
{
  if (d->supersedes == NULL)
    return g_strdup_printf (_("%" PRIi64 ", the first decision on this subject"), d->subject_seq);
  return g_strdup_printf (_("%" PRIi64 ", superseding decision %s"), d->subject_seq, d->supersedes);
}

/* A filing decision's award or points, with the label to show them under. */
static char *
describe_amount (const AssayDecision  *d,
                 const char          **label)
{
  gint64 n;

  if (d->params != NULL && json_object_has_member (d->params, "award"))
    {
      n = json_object_get_int_member (d->params, "award");
      *label = _("Award");
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRIi64 " point", "%" PRIi64 " points", (gulong) n), n);
    }
  if (d->params != NULL && json_object_has_member (d->params, "points"))
    {
      n = json_object_get_int_member (d->params, "points");
      *label = _("Adjustment");
      return n > 0 ? g_strdup_printf (_("%" PRIi64 " points added to the account"), n)
                   : g_strdup_printf (_("%" PRIi64 " points taken from the account"), -n);
    }
  return NULL;
}

static char *
describe_params (const AssayDecision *d)
{
  const char *dimension, *from, *to;

  if (d->params == NULL || !json_object_has_member (d->params, "dimension"))
    return NULL;
  dimension = json_object_get_string_member (d->params, "dimension");
  from = json_object_get_string_member_with_default (d->params, "from", NULL);
  to = json_object_get_string_member_with_default (d->params, "to", NULL);
  if (from != NULL && to != NULL)
    return g_strdup_printf (_("%s, from %s to %s"), dimension, from, to);
  return g_strdup_printf (_("%s, from the day after it is logged, for 365 days"), dimension);
}

static char *
describe_signer (const char          *signer_name,
                 const AssayDecision *d)
{
  if (signer_name == NULL)
    return g_strdup (d->author);
  /* Translators: the signer's name in the roster and key id: "dana, key 1a2b…". */
  return g_strdup_printf (_("%s, key %s"), signer_name, d->author);
}

/* The flags and entries as the payload names them: each entry with its
 * leaf hash, or all of them by their count and digest. */
static char *
describe_inputs (const AssayDecision *d)
{
  if (d->entries_sha256 == NULL)
    return g_strdup_printf (_("%u flags and %u ledger entries, each named with its leaf hash"),
                            d->flags->len, d->entries->len);
  /* Translators: the last %s is a SHA-256 in hex. */
  return g_strdup_printf (_("%u flags and %" PRIi64 " ledger entries, named together by their digest "
                            "(SHA-256 over each entry’s index and leaf hash, in index order) %s"),
                          d->flags->len, d->entries_count, d->entries_sha256);
}

GPtrArray *
assay_decision_render (const AssayDecision *d,
                       const char          *signer_name,
                       gboolean             has_rationale)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_decision_field_free);
  g_autofree char *root = g_base64_encode (d->checkpoint_root, sizeof d->checkpoint_root);
  g_autofree char *created = format_time (d->created_at);
  g_autofree char *until = format_time (d->not_after);
  const char *amount_label = NULL;
  char *params = describe_params (d);
  char *amount = describe_amount (d, &amount_label);

  add_field (fields, "kind", _("Decision"),
             g_strdup_printf ("%s (%s)", outcome_label (d), assay_decision_get_outcome_id (d)));
  add_field (fields, "subject", _("Subject"),
             g_strdup_printf ("%s %s", assay_enum_get_nick (ASSAY_TYPE_SUBJECT_KIND, d->subject_kind),
                              d->subject_id));
  add_field (fields, "sequence", _("Sequence"), describe_sequence (d));
  if (params != NULL)
    add_field (fields, "params", _("Down-weight"), params);
  if (amount != NULL)
    add_field (fields, "params", amount_label, amount);
  add_field (fields, "rationale", _("Rationale"),
             g_strdup (has_rationale ? d->rationale : _("(not written yet)")));
  add_field (fields, "rule_set", _("Rule set"),
             g_strdup_printf (_("%s version %" PRIi64 ", SHA-256 %s"), d->rule_set_name, d->rule_set_version,
                              d->rule_set_sha256));
  add_field (fields, "inputs", _("Relies on"), describe_inputs (d));
  add_field (fields, "checkpoint", _("Checkpoint"),
             g_strdup_printf (_("%s, size %" PRIi64 ", root %s"), d->checkpoint_origin, d->checkpoint_size, root));
  add_field (fields, "roster", _("Roster"),
             g_strdup_printf (_("version %" PRIi64 ", SHA-256 %s"), d->roster_version, d->roster_sha256));
  add_field (fields, "role", _("Role"), g_strdup (assay_enum_get_nick (ASSAY_TYPE_ROLE, d->role)));
  add_field (fields, "author", _("Signer"), describe_signer (signer_name, d));
  add_field (fields, "created", _("Created"), g_steal_pointer (&created));
  add_field (fields, "not_after", _("Valid until"), g_steal_pointer (&until));
  add_field (fields, "deployment", _("Deployment"), g_strdup (d->deployment));
  add_field (fields, "decision_id", _("Decision id"), g_strdup (d->decision_id != NULL ? d->decision_id : "—"));
  return fields;
}

/* ---- the draft ---------------------------------------------------------------------- */

static char *
strip_rationale (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static gboolean
check_rationale (const char  *rationale,
                 GError     **error)
{
  gsize len = strlen (rationale);

  if (len == 0)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                           _("Write the rationale first: every decision needs one, in words the subject "
                             "and the auditors can read."));
      return FALSE;
    }
  if (len > ASSAY_DECISION_MAX_RATIONALE)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The rationale is %u bytes long; a decision’s can be at most %d."),
                   (guint) len, ASSAY_DECISION_MAX_RATIONALE);
      return FALSE;
    }
  return TRUE;
}

/* The payload bytes read back into a decision, for display. */
static AssayDecision *
read_back (GBytes *payload)
{
  g_autoptr(AssayDsseEnvelope) envelope = assay_dsse_envelope_new (ASSAY_DECISION_PAYLOAD_TYPE, payload);

  return assay_decision_new_from_envelope (envelope, NULL);
}

/* The payload with the rationale as typed, and the fields from it. */
static void
update_payload (AssayDecisionJob *self)
{
  g_autofree char *stripped = strip_rationale (self->rationale);
  g_autoptr(AssayDecision) shown = NULL;

  g_clear_pointer (&self->payload, g_bytes_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_error (&self->rationale_error);
  if (self->draft == NULL)
    {
      self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_decision_field_free);
      return;
    }
  g_free (self->draft->rationale);
  self->draft->rationale = g_strdup (stripped);
  if (check_rationale (stripped, &self->rationale_error) && self->amount_error == NULL)
    self->payload = assay_decision_to_payload (self->draft, &self->rationale_error);
  if (self->payload != NULL && (shown = read_back (self->payload)) != NULL)
    self->fields = assay_decision_render (shown, self->signer_name, TRUE);
  else
    self->fields = assay_decision_render (self->draft, self->signer_name, FALSE);
}

static AssayRoster *
last_roster (AssayReplica *replica)
{
  g_autoptr(GPtrArray) rosters = assay_replica_list_rosters (replica, NULL);
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  AssayStoredRoster *last;

  if (rosters == NULL || rosters->len == 0)
    return NULL;
  last = g_ptr_array_index (rosters, rosters->len - 1);
  envelope = assay_dsse_envelope_new_from_json (last->envelope, -1, NULL);
  return envelope != NULL ? assay_roster_new_from_payload (envelope->payload, NULL) : NULL;
}

/* The roster's threshold for the kind and the signer's name in it. */
static void
read_roster (AssayDecisionJob *self)
{
  g_autoptr(AssayRoster) roster = last_roster (self->replica);
  AssayRosterKey *key;

  self->threshold = 0;
  g_clear_pointer (&self->signer_name, g_free);
  if (roster == NULL || self->draft == NULL)
    return;
  self->threshold = roster->kinds[self->outcome].threshold;
  key = g_hash_table_lookup (roster->keys, self->draft->author);
  if (key != NULL)
    self->signer_name = g_strdup (key->holder);
}

static char *
author_of (const char  *key_path,
           GError     **error)
{
  guint8 pk[ASSAY_KEY_PUBLIC_KEY_SIZE];

  if (key_path == NULL || key_path[0] == '\0')
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                           _("Choose your signing key file: the key the roster names for you."));
      return NULL;
    }
  return assay_key_file_read_public_key (key_path, pk, error) ? assay_key_id (pk) : NULL;
}

/* The decision on a case, or the verdict on a filing's case: the one
 * drafting the dialog shows and the signing thread repeats. */
static AssayDecision *
draft_decision (AssayReplica              *replica,
                gint64                     case_id,
                AssayDecisionKind          outcome,
                const char                *dimension,
                const AssayFilingVerdict  *verdict,
                const char                *rationale,
                const char                *author,
                gint64                     now,
                GError                   **error)
{
  if (verdict != NULL)
    return assay_decision_draft_for_filing (replica, case_id, verdict, rationale, author, now, error);
  return assay_decision_draft_for_case (replica, case_id, outcome, rationale, dimension, author, now, error);
}

/* An amount the draft refuses is the amount's refusal, shown as the
 * rationale's is, when the same verdict with an amount it takes (the cap,
 * or one point) drafts: the rest of the decision still shows, with the
 * amount as typed, and nothing can be signed until it is changed. */
static void
draft_amount_refused (AssayDecisionJob *self,
                      const char       *author,
                      gint64            now)
{
  AssayFilingVerdict fallback = self->verdict;
  GError *error = NULL;
  AssayDecision *d;

  fallback.amount = self->award_cap > 0 ? self->award_cap : 1;
  if (fallback.amount == self->verdict.amount)
    return;
  d = draft_decision (self->replica, self->case_id, self->outcome, NULL, &fallback, PLACEHOLDER_RATIONALE, author,
                      now, &error);
  /* Refused whatever the amount (a key outside the role, …): that is
   * what to fix first. */
  if (d == NULL)
    {
      g_clear_error (&self->draft_error);
      self->draft_error = error;
      return;
    }
  json_object_set_int_member (d->params, self->verdict.kind == ASSAY_DECISION_KIND_RULING ? "points" : "award",
                              self->verdict.amount);
  self->draft = d;
  self->amount_error = g_steal_pointer (&self->draft_error);
}

static void
draft (AssayDecisionJob *self)
{
  g_autofree char *author = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_clear_pointer (&self->draft, assay_decision_free);
  g_clear_error (&self->draft_error);
  g_clear_error (&self->amount_error);
  author = author_of (self->key_path, &self->draft_error);
  if (author != NULL)
    self->draft = draft_decision (self->replica, self->case_id, self->outcome, self->dimension,
                                  self->for_filing ? &self->verdict : NULL, PLACEHOLDER_RATIONALE, author, now,
                                  &self->draft_error);
  if (self->draft == NULL && author != NULL && self->needs_amount)
    draft_amount_refused (self, author, now);
  read_roster (self);
  update_payload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- signing ------------------------------------------------------------------------ */

static AssayKeyFile *
open_key (SignData  *data,
          GError   **error)
{
  AssayKeyFile *key = assay_key_file_open (data->key_path, data->passphrase, data->passphrase_len, error);

  sodium_memzero (data->passphrase, data->passphrase_len);
  if (key == NULL && error != NULL && g_error_matches (*error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION))
    {
      g_clear_error (error);
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                           _("Wrong passphrase or damaged file: type the passphrase again. If it is right, "
                             "the key file is damaged."));
    }
  return key;
}

/* The decision drafted again on this connection must give the bytes the
 * signer saw; anything else means the replica changed meanwhile. */
static AssayDecision *
redraft (AssayReplica  *replica,
         SignData      *data,
         GError       **error)
{
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(GBytes) payload = NULL;

  d = draft_decision (replica, data->case_id, data->outcome, data->dimension,
                      data->for_filing ? &data->verdict : NULL, data->rationale, data->author, data->created_at,
                      error);
  if (d == NULL)
    return NULL;
  d->decision_id = g_strdup (data->decision_id);
  if ((payload = assay_decision_to_payload (d, error)) == NULL)
    return NULL;
  if (!g_bytes_equal (payload, data->payload))
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS,
                           _("The replica changed while the dialog was open (a sync or another decision): "
                             "the decision has been drafted again. Check it, then sign."));
      return NULL;
    }
  return g_steal_pointer (&d);
}

static void
sign_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SignData *data = task_data;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayKeyFile) key = NULL;
  g_autoptr(AssayDecision) d = NULL;
  g_autofree char *keyid = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *expected = assay_decision_hash (data->payload);
  GError *error = NULL;

  /* A connection of its own: the session's belongs to the main thread. */
  if ((replica = assay_replica_open (data->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error)) == NULL ||
      (key = open_key (data, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  keyid = assay_key_id (assay_key_file_get_public_key (key));
  if (!g_str_equal (keyid, data->author))
    g_set_error_literal (&error, ASSAY_ERROR, ASSAY_ERROR_EXISTS,
                         _("The key file changed since it was chosen: choose it again."));
  else if ((d = redraft (replica, data, &error)) != NULL)
    assay_decision_sign_and_queue (replica, d, key, data->case_id, data->author_name,
                                   g_get_real_time () / G_USEC_PER_SEC, &hash, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else if (!g_str_equal (hash, expected))
    g_task_return_new_error (task, ASSAY_ERROR, ASSAY_ERROR_FAILED, "signed payload %s is not the one shown", hash);
  else
    g_task_return_pointer (task, g_steal_pointer (&hash), g_free);
}

static void
set_signing (AssayDecisionJob *self,
             gboolean          signing)
{
  if (self->signing == signing)
    return;
  self->signing = signing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNING]);
}

static SignData *
sign_data_new (AssayDecisionJob *self,
               const char       *passphrase,
               gsize             passphrase_len,
               const char       *author_name)
{
  SignData *data = g_new0 (SignData, 1);

  data->passphrase = assay_secret_dup (passphrase, passphrase_len);
  data->passphrase_len = passphrase_len;
  data->replica_path = g_strdup (assay_replica_get_path (self->replica));
  data->key_path = g_strdup (self->key_path);
  data->case_id = self->case_id;
  data->outcome = self->outcome;
  data->rationale = g_strdup (self->draft->rationale);
  data->dimension = g_strdup (self->dimension);
  data->for_filing = self->for_filing;
  data->verdict = self->verdict;
  data->author = g_strdup (self->draft->author);
  data->author_name = g_strdup (author_name);
  data->decision_id = g_strdup (self->draft->decision_id);
  data->created_at = self->draft->created_at;
  data->payload = g_bytes_ref (self->payload);
  return data;
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
assay_decision_job_finalize (GObject *object)
{
  AssayDecisionJob *self = ASSAY_DECISION_JOB (object);

  g_clear_object (&self->replica);
  g_free (self->key_path);
  g_free (self->rationale);
  g_free (self->dimension);
  g_clear_pointer (&self->draft, assay_decision_free);
  g_clear_error (&self->draft_error);
  g_clear_error (&self->rationale_error);
  g_clear_error (&self->amount_error);
  g_clear_pointer (&self->payload, g_bytes_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_free (self->signer_name);

  G_OBJECT_CLASS (assay_decision_job_parent_class)->finalize (object);
}

static void
assay_decision_job_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AssayDecisionJob *self = ASSAY_DECISION_JOB (object);

  switch (prop_id)
    {
    case PROP_KEY_PATH:
      g_value_set_string (value, self->key_path);
      break;
    case PROP_RATIONALE:
      g_value_set_string (value, self->rationale);
      break;
    case PROP_SIGNING:
      g_value_set_boolean (value, self->signing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_decision_job_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AssayDecisionJob *self = ASSAY_DECISION_JOB (object);

  switch (prop_id)
    {
    case PROP_KEY_PATH:
      assay_decision_job_set_key_path (self, g_value_get_string (value));
      break;
    case PROP_RATIONALE:
      assay_decision_job_set_rationale (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_decision_job_class_init (AssayDecisionJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = assay_decision_job_finalize;
  object_class->get_property = assay_decision_job_get_property;
  object_class->set_property = assay_decision_job_set_property;

  properties[PROP_KEY_PATH] =
    g_param_spec_string ("key-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RATIONALE] =
    g_param_spec_string ("rationale", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNING] =
    g_param_spec_boolean ("signing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
assay_decision_job_init (AssayDecisionJob *self)
{
  self->rationale = g_strdup ("");
}

/* ---- public API --------------------------------------------------------------------- */

AssayDecisionJob *
assay_decision_job_new (AssayReplica      *replica,
                        gint64             case_id,
                        AssayDecisionKind  outcome)
{
  AssayDecisionJob *self;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (outcome <= ASSAY_DECISION_KIND_ZERO, NULL);

  self = g_object_new (ASSAY_TYPE_DECISION_JOB, NULL);
  self->replica = g_object_ref (replica);
  self->case_id = case_id;
  self->outcome = outcome;
  draft (self);
  return self;
}

/* The filing's numbers an award is bounded by, and whether the verdict
 * names an amount; an approved failure claim's award is the cap until
 * one is chosen. */
static void
read_filing (AssayDecisionJob *self)
{
  g_autoptr(AssayCase) c = assay_replica_get_case (self->replica, self->case_id, NULL);
  AssayFilingFacts facts = { 0 };
  gboolean failure_claim = FALSE;

  if (c != NULL && c->is_filing
      && assay_filing_facts_from_replica (self->replica, g_ascii_strtoull (c->subject_id, NULL, 10), &facts, NULL))
    {
      failure_claim = facts.kind == ASSAY_ENTRY_FAILURE_CLAIM;
      self->comparable_value = facts.comparable_value;
      self->points_asked = facts.points;
      assay_filing_facts_clear (&facts);
    }
  if (failure_claim && self->verdict.kind == ASSAY_DECISION_KIND_APPROVE)
    {
      self->needs_amount = TRUE;
      self->award_cap = assay_filing_award_cap (self->comparable_value, self->points_asked);
      if (self->verdict.amount == 0)
        self->verdict.amount = self->award_cap;
    }
  else if (self->verdict.kind == ASSAY_DECISION_KIND_RULING && self->verdict.ruling == ASSAY_RULING_ADJUST)
    self->needs_amount = TRUE;
}

AssayDecisionJob *
assay_decision_job_new_for_filing (AssayReplica             *replica,
                                   gint64                    case_id,
                                   const AssayFilingVerdict *verdict)
{
  AssayDecisionJob *self;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (verdict != NULL, NULL);

  self = g_object_new (ASSAY_TYPE_DECISION_JOB, NULL);
  self->replica = g_object_ref (replica);
  self->case_id = case_id;
  self->outcome = verdict->kind;
  self->for_filing = TRUE;
  self->verdict = *verdict;
  read_filing (self);
  draft (self);
  return self;
}

gboolean
assay_decision_job_is_for_filing (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), FALSE);
  return self->for_filing;
}

const AssayFilingVerdict *
assay_decision_job_get_verdict (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), NULL);
  return self->for_filing ? &self->verdict : NULL;
}

gboolean
assay_decision_job_get_needs_amount (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), FALSE);
  return self->needs_amount;
}

gint64
assay_decision_job_get_amount (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), 0);
  return self->verdict.amount;
}

void
assay_decision_job_set_amount (AssayDecisionJob *self,
                               gint64            amount)
{
  g_return_if_fail (ASSAY_IS_DECISION_JOB (self));
  g_return_if_fail (self->needs_amount);

  if (self->verdict.amount == amount)
    return;
  self->verdict.amount = amount;
  draft (self);
}

gint64
assay_decision_job_get_award_cap (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), 0);
  return self->award_cap;
}

gint64
assay_decision_job_get_comparable_value (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), 0);
  return self->comparable_value;
}

gint64
assay_decision_job_get_points_asked (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), 0);
  return self->points_asked;
}

const GError *
assay_decision_job_get_amount_error (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), NULL);
  return self->amount_error;
}

gint64
assay_decision_job_get_case_id (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), 0);
  return self->case_id;
}

AssayDecisionKind
assay_decision_job_get_outcome (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), ASSAY_DECISION_KIND_DISMISS);
  return self->outcome;
}

const char *
assay_decision_job_get_key_path (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), NULL);
  return self->key_path;
}

void
assay_decision_job_set_key_path (AssayDecisionJob *self,
                                 const char       *key_path)
{
  g_return_if_fail (ASSAY_IS_DECISION_JOB (self));

  if (key_path != NULL && key_path[0] == '\0')
    key_path = NULL;
  if (g_strcmp0 (self->key_path, key_path) == 0)
    return;
  g_free (self->key_path);
  self->key_path = g_strdup (key_path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY_PATH]);
  if (self->replica != NULL)
    draft (self);
}

const char *
assay_decision_job_get_rationale (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), NULL);
  return self->rationale;
}

void
assay_decision_job_set_rationale (AssayDecisionJob *self,
                                  const char       *rationale)
{
  g_return_if_fail (ASSAY_IS_DECISION_JOB (self));

  if (rationale == NULL)
    rationale = "";
  if (g_strcmp0 (self->rationale, rationale) == 0)
    return;
  g_free (self->rationale);
  self->rationale = g_strdup (rationale);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATIONALE]);
  if (self->replica != NULL)
    {
      update_payload (self);
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

const char *
assay_decision_job_get_dimension (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), NULL);
  return self->dimension;
}

void
assay_decision_job_set_dimension (AssayDecisionJob *self,
                                  const char       *dimension)
{
  g_return_if_fail (ASSAY_IS_DECISION_JOB (self));

  if (g_strcmp0 (self->dimension, dimension) == 0)
    return;
  g_free (self->dimension);
  self->dimension = g_strdup (dimension);
  draft (self);
}

void
assay_decision_job_redraft (AssayDecisionJob *self)
{
  g_return_if_fail (ASSAY_IS_DECISION_JOB (self));
  draft (self);
}

const GError *
assay_decision_job_get_draft_error (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), NULL);
  return self->draft_error;
}

const GError *
assay_decision_job_get_rationale_error (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), NULL);
  return self->rationale_error;
}

GBytes *
assay_decision_job_get_payload (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), NULL);
  return self->payload;
}

GPtrArray *
assay_decision_job_get_fields (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), NULL);
  return self->fields;
}

const char *
assay_decision_job_get_field (AssayDecisionJob *self,
                              const char       *id)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), NULL);

  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      AssayDecisionField *field = g_ptr_array_index (self->fields, i);

      if (g_str_equal (field->id, id))
        return field->value;
    }
  return NULL;
}

guint
assay_decision_job_get_threshold (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), 0);
  return self->threshold;
}

const char *
assay_decision_job_get_signer_name (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), NULL);
  return self->signer_name;
}

gboolean
assay_decision_job_get_signing (AssayDecisionJob *self)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), FALSE);
  return self->signing;
}

static void
sign_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AssayDecisionJob *self = ASSAY_DECISION_JOB (source);
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;
  char *hash = g_task_propagate_pointer (G_TASK (result), &error);

  set_signing (self, FALSE);
  if (hash == NULL && g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS))
    draft (self);
  if (hash == NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, hash, g_free);
}

void
assay_decision_job_sign_async (AssayDecisionJob    *self,
                               const char          *passphrase,
                               gsize                passphrase_len,
                               const char          *author_name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ASSAY_IS_DECISION_JOB (self));
  g_return_if_fail (passphrase != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, assay_decision_job_sign_async);
  if (self->signing)
    {
      g_task_return_new_error (outer, ASSAY_ERROR, ASSAY_ERROR_FAILED, _("The decision is being signed already."));
      return;
    }
  if (self->draft_error != NULL || self->amount_error != NULL || self->rationale_error != NULL)
    {
      g_task_return_error (outer, g_error_copy (self->draft_error != NULL ? self->draft_error
                                                : self->amount_error != NULL ? self->amount_error
                                                : self->rationale_error));
      return;
    }
  /* Once started, the signing is reported whatever happens to the
   * cancellable: a decision that was queued must not look cancelled. */
  g_task_set_check_cancellable (outer, FALSE);
  task = g_task_new (self, NULL, sign_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (task, sign_data_new (self, passphrase, passphrase_len, author_name),
                        (GDestroyNotify) sign_data_free);
  set_signing (self, TRUE);
  g_task_run_in_thread (task, sign_thread);
}

char *
assay_decision_job_sign_finish (AssayDecisionJob  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (ASSAY_IS_DECISION_JOB (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* assayctl-outbox.c — decide on a case (sign and queue), and the outbox
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

#include "assay-decision-log.h"
#include "assay-cli-options.h"
#include "assay-decision-draft.h"
#include "assay-outbox-push.h"
#include "assay-proposals.h"
#include "assay-enum.h"
#include "assay-filing-vote.h"
#include "assay-replica-cases.h"
#include "assay-error.h"
#include "assay-replica-enums.h"
#include "assay-replica-outbox.h"
#include "assayctl-commands.h"
#include "assayctl-replica-util.h"

/* ---- decide ----------------------------------------------------------------- */

int
assayctl_cmd_decide (const AssayctlGlobals *globals,
                     int                    argc,
                     char                 **argv)
{
  g_autofree char *key_path = NULL, *outcome = NULL, *rationale = NULL, *dimension = NULL;
  g_autofree char *passphrase_file = NULL;
  gint64 case_id = 0, award = 0;
  const GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path, N_("Your signing key file"), N_("FILE") },
    { "case", 0, 0, G_OPTION_ARG_INT64, &case_id, N_("The case decided"), N_("ID") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome,
      N_("dismiss, confirm, down_weight, freeze, restore or zero; for a participant's request, approve or deny"),
      N_("OUTCOME") },
    { "award", 0, 0, G_OPTION_ARG_INT64, &award,
      /* xgettext:no-c-format */
      N_("Approving a failure claim: the points awarded, at most 30% of the comparable success"), N_("POINTS") },
    { "rationale", 0, 0, G_OPTION_ARG_STRING, &rationale, N_("Why, in words (required)"), N_("TEXT") },
    { "dimension", 0, 0, G_OPTION_ARG_STRING, &dimension,
      N_("For a down-weight without an Article X flag: the dimension"), N_("DIMENSION") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the key's passphrase from FILE"), N_("FILE") },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayKeyFile) key = NULL;
  g_autoptr(AssayDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *author = NULL;
  g_autofree char *hash = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int kind, status, value;

  if (!assayctl_parse_options ("decide", NULL, entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 1 || key_path == NULL || case_id <= 0 || outcome == NULL || rationale == NULL)
    return assay_cli_usage_error ("assayctl decide", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give --key FILE, --case ID, --outcome OUTCOME and --rationale TEXT."));
  if (!assay_enum_from_nick (ASSAY_TYPE_DECISION_KIND, outcome, &kind) ||
      (kind > ASSAY_DECISION_KIND_ZERO && kind != ASSAY_DECISION_KIND_APPROVE && kind != ASSAY_DECISION_KIND_DENY))
    return assay_cli_usage_error ("assayctl decide", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("the outcomes of a case are dismiss, confirm, down_weight, freeze, restore "
                                    "and zero, and of a participant's request approve and deny, not “%s” "
                                    "(the panel rules with “assayctl vote”)."), outcome);
  if (dimension != NULL && !assay_enum_from_nick (ASSAY_TYPE_DIMENSION, dimension, &value))
    return assay_cli_usage_error ("assayctl decide", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("unknown dimension “%s”."), dimension);
  replica = assayctl_open_replica (globals, "decide", ASSAY_REPLICA_OPEN_DEFAULT, &status);
  if (replica == NULL)
    return status;
  /* Draft before the passphrase: a decision that cannot be taken is
   * refused without asking for it. */
  {
    guint8 pk[ASSAY_KEY_PUBLIC_KEY_SIZE];

    if (!assay_key_file_read_public_key (key_path, pk, &error))
      return assayctl_fail (error);
    author = assay_key_id (pk);
  }
  if (kind == ASSAY_DECISION_KIND_APPROVE || kind == ASSAY_DECISION_KIND_DENY)
    {
      AssayFilingVerdict verdict = { kind, ASSAY_RULING_UPHOLD, award };

      decision = assay_decision_draft_for_filing (replica, case_id, &verdict, rationale, author, now, &error);
    }
  else
    decision = assay_decision_draft_for_case (replica, case_id, kind, rationale, dimension, author, now, &error);
  if (decision == NULL && g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT))
    return assay_cli_usage_error ("assayctl decide", ASSAY_CLI_HELP_FOR_ITS_OPTIONS, "%s", error->message);
  if (decision == NULL)
    return assayctl_fail (error);
  key = assayctl_open_key ("assayctl decide", key_path, passphrase_file, &status);
  if (key == NULL)
    return status;
  if (!assay_decision_sign_and_queue (replica, decision, key, case_id, g_get_user_name (), now, &hash, &error))
    return assayctl_fail (error);
  g_print (_("Signed and queued decision %s (%s on %s:%s, sequence %" PRIi64 "); "
             "push it to the central service with “assayctl push”.\n"),
           hash, outcome, assay_enum_get_nick (ASSAY_TYPE_SUBJECT_KIND, decision->subject_kind),
           decision->subject_id, decision->subject_seq);
  return ASSAYCTL_EXIT_OK;
}

/* ---- outbox ----------------------------------------------------------------- */

static void
add_row (JsonBuilder          *b,
         const AssayOutboxRow *row)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, row->id);
  json_builder_set_member_name (b, "hash");
  json_builder_add_string_value (b, row->hash);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, row->kind);
  json_builder_set_member_name (b, "subject");
  json_builder_add_string_value (b, row->subject);
  json_builder_set_member_name (b, "case");
  if (row->case_id > 0)
    json_builder_add_int_value (b, row->case_id);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, assay_enum_get_nick (ASSAY_TYPE_OUTBOX_STATE, row->state));
  json_builder_set_member_name (b, "attempts");
  json_builder_add_int_value (b, row->attempts);
  json_builder_set_member_name (b, "answer");
  json_builder_add_string_value (b, row->answer);
  json_builder_set_member_name (b, "log_index");
  if (row->log_index >= 0)
    json_builder_add_int_value (b, row->log_index);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "receipt");
  json_builder_add_string_value (b, row->receipt);
  /* The envelope itself, so that anyone can re-post or inspect it. */
  json_builder_set_member_name (b, "envelope");
  if (json_parser_load_from_data (parser, row->envelope, -1, NULL))
    json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_string_value (b, row->envelope);
  json_builder_end_object (b);
}

static const char *
state_label (AssayOutboxState state)
{
  switch (state)
    {
    case ASSAY_OUTBOX_QUEUED:
      return _("queued");
    case ASSAY_OUTBOX_PENDING:
      return _("waiting for signatures");
    case ASSAY_OUTBOX_LOGGED:
      return _("logged");
    case ASSAY_OUTBOX_REFUSED:
      return _("refused");
    case ASSAY_OUTBOX_RECORDED:
      /* Translators: an objection's state: the service keeps it (objections are not logged). */
      return _("recorded");
    default:
      return "";
    }
}

static void
print_outbox_table (GPtrArray *rows)
{
  const char *titles[] = { _("#"), _("Kind"), _("Subject"), _("State"), _("Attempts"), _("Service’s answer") };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < rows->len; i++)
    {
      AssayOutboxRow *row = g_ptr_array_index (rows, i);
      char **line = g_new0 (char *, G_N_ELEMENTS (titles) + 1);

      line[0] = g_strdup_printf ("%" PRIi64, row->id);
      line[1] = g_strdup (row->kind);
      line[2] = g_strdup (row->subject);
      line[3] = row->state == ASSAY_OUTBOX_LOGGED
                ? g_strdup_printf (_("logged at index %" PRIi64), row->log_index)
                : g_strdup (state_label (row->state));
      line[4] = g_strdup_printf ("%u", row->attempts);
      line[5] = g_strdup (row->answer != NULL ? row->answer : "");
      g_ptr_array_add (cells, line);
    }
  assayctl_print_table (titles, G_N_ELEMENTS (titles), cells, 1 << 0 | 1 << 4);
}

int
assayctl_cmd_outbox (const AssayctlGlobals *globals,
                     int                    argc,
                     char                 **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!assayctl_parse_options_only ("outbox", entries, &argc, &argv, &status))
    return status;
  replica = assayctl_open_replica (globals, "outbox", ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL)
    return status;
  if ((rows = assay_replica_outbox_list (replica, &error)) == NULL)
    return assayctl_fail (error);
  if (json)
    assayctl_print_json_array (rows, (AssayctlAddJsonFunc) add_row);
  else if (rows->len == 0)
    g_print (_("The outbox is empty: no signed decision is waiting.\n"));
  else
    print_outbox_table (rows);
  return ASSAYCTL_EXIT_OK;
}

/* ---- push ------------------------------------------------------------------- */

/* The service the replica syncs from; NULL after saying so. */
static AssayReplicaStatus *
synced_status (AssayReplica *replica,
               int          *out_status)
{
  g_autoptr(GError) error = NULL;
  AssayReplicaStatus *st = assay_replica_get_status (replica, &error);

  if (st == NULL)
    {
      *out_status = assayctl_fail (error);
      return NULL;
    }
  if (st->server_url == NULL || st->log_key == NULL)
    {
      g_printerr (_("assayctl: the replica has not synced yet, so it knows no service to push to; run "
                    "“assayctl sync” first.\n"));
      assay_replica_status_free (st);
      *out_status = ASSAYCTL_EXIT_FAILURE;
      return NULL;
    }
  return st;
}

static void
print_push_report (const AssayPushReport *r)
{
  if (r->n_tried == 0)
    {
      g_print (_("Nothing to push: no queued decision is due.\n"));
      return;
    }
  if (r->n_recorded > 0)
    g_print (_("Pushed %u: %u logged, %u objections recorded, %u waiting for co-signatures, %u refused, "
               "%u to retry.\n"),
             r->n_tried, r->n_logged, r->n_recorded, r->n_pending, r->n_refused, r->n_retry + r->n_bad_receipt);
  else
    g_print (_("Pushed %u: %u logged, %u waiting for co-signatures, %u refused, %u to retry.\n"),
             r->n_tried, r->n_logged, r->n_pending, r->n_refused, r->n_retry + r->n_bad_receipt);
}

int
assayctl_cmd_push (const AssayctlGlobals *globals,
                   int                    argc,
                   char                 **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayReplicaStatus) st = NULL;
  g_autoptr(AssayNoteVerifier) log_key = NULL;
  g_autoptr(GError) error = NULL;
  AssayPushReport report;
  int status;

  if (!assayctl_parse_options_only ("push", entries, &argc, &argv, &status))
    return status;
  replica = assayctl_open_replica (globals, "push", ASSAY_REPLICA_OPEN_DEFAULT, &status);
  if (replica == NULL)
    return status;
  /* The service the replica syncs from, under the key it verifies. */
  if ((st = synced_status (replica, &status)) == NULL)
    return status;
  if ((log_key = assay_note_verifier_new_from_string (st->log_key, &error)) == NULL ||
      !assay_outbox_push (replica, st->server_url, log_key, g_get_real_time () / G_USEC_PER_SEC, &report, &error))
    return assayctl_fail (error);
  print_push_report (&report);
  if (report.n_bad_receipt > 0)
    {
      g_printerr (_("assayctl: the service answered “logged” with a receipt that does not verify; see "
                    "“assayctl outbox”.\n"));
      return ASSAYCTL_EXIT_SECURITY;
    }
  return report.n_retry > 0 ? ASSAYCTL_EXIT_FAILURE : ASSAYCTL_EXIT_OK;
}

/* ---- proposals and cosign ----------------------------------------------------- */


/* Dissent, as verified: an objection that does not verify is said to,
 * never counted as its named holder's. */
static void
print_objections (const AssayProposal *p)
{
  for (guint i = 0; p->objections != NULL && i < p->objections->len; i++)
    {
      const AssayProposalObjection *o = g_ptr_array_index (p->objections, i);

      if (o->problem != NULL)
        /* Translators: the name is what the service claims; the objection's signature says otherwise. */
        g_print (_("  An objection said to be by %s does not verify: %s\n"), o->holder, o->problem);
      else
        g_print (_("  Opposed by %s: %s\n"), o->holder, o->rationale);
    }
}

/* What a co-signer reads: the payload itself, not the service's summary. */
static void
print_proposal (const AssayProposal *p)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayDecision) d = assay_proposal_get_decision (p, &error);
  g_autofree char *holders = g_strjoinv (", ", p->holders);

  if (d == NULL)
    {
      g_print (_("%s: cannot be read: %s\n"), p->hash, error->message);
      return;
    }
  if (p->problem != NULL)
    {
      g_print (_("%s\n  %s on %s:%s (sequence %" PRIi64 "): does not verify against the roster in force: %s\n"),
               p->hash, assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, d->kind),
               assay_enum_get_nick (ASSAY_TYPE_SUBJECT_KIND, d->subject_kind), d->subject_id, d->subject_seq,
               p->problem);
      print_objections (p);
      return;
    }
  g_print (_("%s\n  %s on %s:%s (sequence %" PRIi64 "), signed by %u of %u: %s\n  Rationale: %s\n"),
           p->hash, assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, d->kind),
           assay_enum_get_nick (ASSAY_TYPE_SUBJECT_KIND, d->subject_kind), d->subject_id, d->subject_seq,
           p->n_signed, p->threshold, holders, d->rationale);
  print_objections (p);
}

static void
add_objections_json (JsonBuilder         *b,
                     const AssayProposal *p)
{
  json_builder_set_member_name (b, "objections");
  json_builder_begin_array (b);
  for (guint i = 0; p->objections != NULL && i < p->objections->len; i++)
    {
      const AssayProposalObjection *o = g_ptr_array_index (p->objections, i);

      json_builder_begin_object (b);
      assayctl_json_add_string (b, "holder", o->holder);
      assayctl_json_add_string (b, "rationale", o->rationale);
      json_builder_set_member_name (b, "verified");
      json_builder_add_boolean_value (b, o->problem == NULL);
      assayctl_json_add_string (b, "problem", o->problem);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* Verified members only: who signed and who objected, from the signatures. */
static void
add_proposal_json (JsonBuilder         *b,
                   const AssayProposal *p)
{
  g_autoptr(AssayDecision) d = assay_proposal_get_decision (p, NULL);

  json_builder_begin_object (b);
  assayctl_json_add_string (b, "hash", p->hash);
  assayctl_json_add_string (b, "kind", d != NULL ? assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, d->kind) : NULL);
  json_builder_set_member_name (b, "subject");
  json_builder_begin_object (b);
  assayctl_json_add_string (b, "kind", d != NULL ? assay_enum_get_nick (ASSAY_TYPE_SUBJECT_KIND, d->subject_kind) : NULL);
  assayctl_json_add_string (b, "id", d != NULL ? d->subject_id : NULL);
  json_builder_end_object (b);
  assayctl_json_add_string (b, "rationale", d != NULL ? d->rationale : NULL);
  json_builder_set_member_name (b, "verified");
  json_builder_add_boolean_value (b, p->problem == NULL);
  assayctl_json_add_string (b, "problem", p->problem);
  json_builder_set_member_name (b, "signed");
  json_builder_add_int_value (b, p->n_signed);
  json_builder_set_member_name (b, "threshold");
  json_builder_add_int_value (b, p->threshold);
  json_builder_set_member_name (b, "holders");
  json_builder_begin_array (b);
  for (guint i = 0; p->holders[i] != NULL; i++)
    json_builder_add_string_value (b, p->holders[i]);
  json_builder_end_array (b);
  add_objections_json (b, p);
  json_builder_end_object (b);
}

/* The service's proposals, each verified against the replica's roster
 * chain: who signed and who objected, from the signatures themselves. */
static GPtrArray *
fetch_verified (AssayReplica        *replica,
                AssayReplicaStatus  *st,
                AssayRosterChain   **out_chain,
                GError             **error)
{
  g_autoptr(AssayRosterChain) chain = NULL;
  GPtrArray *proposals;

  if ((chain = assay_decision_log_load_chain (replica, error)) == NULL ||
      (proposals = assay_proposals_fetch (st->server_url, error)) == NULL)
    return NULL;
  for (guint i = 0; i < proposals->len; i++)
    assay_proposal_verify (g_ptr_array_index (proposals, i), chain, g_get_real_time () / G_USEC_PER_SEC);
  if (out_chain != NULL)
    *out_chain = g_steal_pointer (&chain);
  return proposals;
}

static AssayProposal *
find_proposal (GPtrArray  *proposals,
               const char *hash)
{
  for (guint i = 0; i < proposals->len; i++)
    if (g_str_equal (((AssayProposal *) g_ptr_array_index (proposals, i))->hash, hash))
      return g_ptr_array_index (proposals, i);
  g_printerr (_("assayctl: no proposal %s is waiting at the service (it may be logged already).\n"), hash);
  return NULL;
}

int
assayctl_cmd_proposals (const AssayctlGlobals *globals,
                        int                    argc,
                        char                 **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayReplicaStatus) st = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!assayctl_parse_options_only ("proposals", entries, &argc, &argv, &status))
    return status;
  replica = assayctl_open_replica (globals, "proposals", ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL || (st = synced_status (replica, &status)) == NULL)
    return status;
  if ((proposals = fetch_verified (replica, st, NULL, &error)) == NULL)
    return assayctl_fail (error);
  if (json)
    assayctl_print_json_array (proposals, (AssayctlAddJsonFunc) add_proposal_json);
  else if (proposals->len == 0)
    g_print (_("No proposal is waiting for signatures.\n"));
  for (guint i = 0; !json && i < proposals->len; i++)
    print_proposal (g_ptr_array_index (proposals, i));
  return ASSAYCTL_EXIT_OK;
}

int
assayctl_cmd_cosign (const AssayctlGlobals *globals,
                     int                    argc,
                     char                 **argv)
{
  g_autofree char *key_path = NULL, *passphrase_file = NULL;
  const GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path, N_("Your signing key file"), N_("FILE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the key's passphrase from FILE"), N_("FILE") },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayReplicaStatus) st = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(AssayKeyFile) key = NULL;
  g_autoptr(AssayNoteVerifier) log_key = NULL;
  g_autoptr(GError) error = NULL;
  AssayProposal *proposal = NULL;
  AssayPushReport report;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int status;

  if (!assayctl_parse_options ("cosign", N_("HASH"), entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 2 || key_path == NULL)
    return assay_cli_usage_error ("assayctl cosign", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give --key FILE and the proposal's HASH (assayctl proposals lists them)."));
  replica = assayctl_open_replica (globals, "cosign", ASSAY_REPLICA_OPEN_DEFAULT, &status);
  if (replica == NULL || (st = synced_status (replica, &status)) == NULL)
    return status;
  if ((proposals = assay_proposals_fetch (st->server_url, &error)) == NULL)
    return assayctl_fail (error);
  for (guint i = 0; i < proposals->len && proposal == NULL; i++)
    if (g_str_equal (((AssayProposal *) g_ptr_array_index (proposals, i))->hash, argv[1]))
      proposal = g_ptr_array_index (proposals, i);
  if (proposal == NULL)
    {
      g_printerr (_("assayctl: no proposal %s is waiting at the service (it may be logged already).\n"), argv[1]);
      return ASSAYCTL_EXIT_FAILURE;
    }
  print_proposal (proposal);
  key = assayctl_open_key ("assayctl cosign", key_path, passphrase_file, &status);
  if (key == NULL)
    return status;
  if (!assay_proposal_cosign (replica, proposal, key, g_get_user_name (), now, &error) ||
      (log_key = assay_note_verifier_new_from_string (st->log_key, &error)) == NULL ||
      !assay_outbox_push (replica, st->server_url, log_key, now, &report, &error))
    return assayctl_fail (error);
  print_push_report (&report);
  return report.n_bad_receipt > 0 ? ASSAYCTL_EXIT_SECURITY : report.n_retry > 0 ? ASSAYCTL_EXIT_FAILURE
                                                                                  : ASSAYCTL_EXIT_OK;
}


static gboolean
has_text (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  return *stripped != '\0';
}

/* Where the objection stands after the push, and the exit status that
 * says it: recorded 0; queued (the service out of reach) or refused 1, as
 * for a co-signature. */
static int
report_objection (const AssayProposal   *proposal,
                  const AssayOutboxRow  *row,
                  const AssayPushReport *report)
{
  switch (row->state)
    {
    case ASSAY_OUTBOX_RECORDED:
      g_print (_("Your objection to %s is recorded at the service. It does not block the decision: the roster’s "
                 "threshold decides; your dissent stays on record beside it.\n"), proposal->hash);
      return ASSAYCTL_EXIT_OK;
    case ASSAY_OUTBOX_REFUSED:
      g_printerr (_("assayctl: the service refused your objection to %s: %s\n"), proposal->hash,
                  row->answer != NULL ? row->answer : "");
      return ASSAYCTL_EXIT_FAILURE;
    case ASSAY_OUTBOX_QUEUED:
    case ASSAY_OUTBOX_PENDING:
    case ASSAY_OUTBOX_LOGGED:
    default:
      g_print (_("Your objection to %s is queued; will be sent on the next push (assayctl push).\n"),
               proposal->hash);
      return report->n_bad_receipt > 0 ? ASSAYCTL_EXIT_SECURITY : ASSAYCTL_EXIT_FAILURE;
    }
}

int
assayctl_cmd_oppose (const AssayctlGlobals *globals,
                     int                    argc,
                     char                 **argv)
{
  g_autofree char *key_path = NULL, *passphrase_file = NULL, *rationale = NULL;
  const GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path, N_("Your signing key file"), N_("FILE") },
    { "rationale", 0, 0, G_OPTION_ARG_STRING, &rationale, N_("Why the decision should not be made (required)"),
      N_("TEXT") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the key's passphrase from FILE"), N_("FILE") },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayReplicaStatus) st = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(AssayRosterChain) chain = NULL;
  g_autoptr(AssayKeyFile) key = NULL;
  g_autoptr(AssayNoteVerifier) log_key = NULL;
  g_autoptr(AssayOutboxRow) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  AssayProposal *proposal;
  AssayPushReport report;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int status;

  if (!assayctl_parse_options ("oppose", N_("HASH"), entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 2 || key_path == NULL)
    return assay_cli_usage_error ("assayctl oppose", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give --key FILE, --rationale TEXT and the proposal's HASH (assayctl proposals "
                                    "lists them)."));
  if (!has_text (rationale))
    return assay_cli_usage_error ("assayctl oppose", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("an objection needs --rationale TEXT: say why the decision should not be made."));
  replica = assayctl_open_replica (globals, "oppose", ASSAY_REPLICA_OPEN_DEFAULT, &status);
  if (replica == NULL || (st = synced_status (replica, &status)) == NULL)
    return status;
  if ((proposals = fetch_verified (replica, st, &chain, &error)) == NULL)
    return assayctl_fail (error);
  if ((proposal = find_proposal (proposals, argv[1])) == NULL)
    return ASSAYCTL_EXIT_FAILURE;
  print_proposal (proposal);
  /* Nobody signs, for or against, what does not verify. */
  if (proposal->problem != NULL)
    return ASSAYCTL_EXIT_SECURITY;
  key = assayctl_open_key ("assayctl oppose", key_path, passphrase_file, &status);
  if (key == NULL)
    return status;
  if (!assay_proposal_oppose (replica, proposal, chain, key, rationale, g_get_user_name (), now, &hash, &error) ||
      (log_key = assay_note_verifier_new_from_string (st->log_key, &error)) == NULL ||
      !assay_outbox_push (replica, st->server_url, log_key, now, &report, &error))
    return assayctl_fail (error);
  print_push_report (&report);
  if ((row = assay_replica_outbox_find (replica, hash, &error)) == NULL)
    return assayctl_fail (error);
  return report_objection (proposal, row, &report);
}

/* ---- vote ------------------------------------------------------------------ */

/* The filing a case is about, by its leaf index; FALSE after printing why. */
static gboolean
case_filing (AssayReplica *replica,
             gint64        case_id,
             guint64      *out_index,
             int          *out_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayCase) c = assay_replica_get_case (replica, case_id, &error);

  if (c == NULL)
    {
      *out_status = assayctl_fail (error);
      return FALSE;
    }
  if (!c->is_filing || !c->for_panel)
    {
      *out_status = assay_cli_usage_error ("assayctl vote", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                           _("case %" PRIi64 " is not on the panel's docket (assayctl docket "
                                             "lists it); the committee decides it with “assayctl decide”."),
                                           case_id);
      return FALSE;
    }
  *out_index = g_ascii_strtoull (c->subject_id, NULL, 10);
  return TRUE;
}

/* Signs the vote: on the pending ruling that says the same, or as a new
 * proposal; queued in the outbox either way.  `out_hash`: what was
 * queued. */
static gboolean
sign_vote (AssayReplica              *replica,
           AssayProposal             *same,
           gint64                     case_id,
           const AssayFilingVerdict  *verdict,
           const char                *rationale,
           const char                *author,
           AssayKeyFile              *key,
           gint64                     now,
           GError                   **error)
{
  g_autoptr(AssayDecision) decision = NULL;
  g_autofree char *hash = NULL;

  if (same != NULL)
    return assay_proposal_cosign (replica, same, key, g_get_user_name (), now, error);
  decision = assay_decision_draft_for_filing (replica, case_id, verdict, rationale, author, now, error);
  return decision != NULL &&
         assay_decision_sign_and_queue (replica, decision, key, case_id, g_get_user_name (), now, &hash, error);
}

/* A dissent the service refused is said, with its reason: FALSE then. */
static gboolean
dissents_kept (AssayReplica *replica,
               GPtrArray    *hashes)
{
  gboolean kept = TRUE;

  for (guint i = 0; i < hashes->len; i++)
    {
      g_autoptr(AssayOutboxRow) row = assay_replica_outbox_find (replica, g_ptr_array_index (hashes, i), NULL);

      if (row != NULL && row->state == ASSAY_OUTBOX_REFUSED)
        {
          g_printerr (_("assayctl: the service refused your dissent from %s: %s\n"), row->subject,
                      row->answer != NULL ? row->answer : "");
          kept = FALSE;
        }
    }
  return kept;
}

int
assayctl_cmd_vote (const AssayctlGlobals *globals,
                   int                    argc,
                   char                 **argv)
{
  g_autofree char *key_path = NULL, *passphrase_file = NULL, *outcome = NULL, *rationale = NULL;
  gint64 case_id = 0, points = 0;
  const GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path, N_("Your signing key file"), N_("FILE") },
    { "case", 0, 0, G_OPTION_ARG_INT64, &case_id, N_("The docket's case"), N_("ID") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome, N_("uphold, overturn or adjust"), N_("OUTCOME") },
    { "points", 0, 0, G_OPTION_ARG_INT64, &points,
      N_("Adjusting: the points added to the account (negative: taken away)"), N_("N") },
    { "rationale", 0, 0, G_OPTION_ARG_STRING, &rationale, N_("Why, in words (required)"), N_("TEXT") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the key's passphrase from FILE"), N_("FILE") },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayReplicaStatus) st = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autoptr(GPtrArray) dissents = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AssayRosterChain) chain = NULL;
  g_autoptr(AssayKeyFile) key = NULL;
  g_autoptr(AssayNoteVerifier) log_key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *author = NULL;
  AssayFilingVerdict verdict = { ASSAY_DECISION_KIND_RULING, ASSAY_RULING_UPHOLD, 0 };
  AssayProposal *same;
  AssayPushReport report;
  guint64 filing = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int ruling, status;

  if (!assayctl_parse_options ("vote", NULL, entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 1 || key_path == NULL || case_id <= 0 || outcome == NULL || !has_text (rationale))
    return assay_cli_usage_error ("assayctl vote", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give --key FILE, --case ID, --outcome OUTCOME and --rationale TEXT."));
  if (!assay_enum_from_nick (ASSAY_TYPE_RULING_OUTCOME, outcome, &ruling))
    return assay_cli_usage_error ("assayctl vote", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("a vote upholds, overturns or adjusts, not “%s”."), outcome);
  verdict.ruling = ruling;
  verdict.amount = points;
  replica = assayctl_open_replica (globals, "vote", ASSAY_REPLICA_OPEN_DEFAULT, &status);
  if (replica == NULL || !case_filing (replica, case_id, &filing, &status) ||
      (st = synced_status (replica, &status)) == NULL)
    return status;
  {
    guint8 pk[ASSAY_KEY_PUBLIC_KEY_SIZE];

    if (!assay_key_file_read_public_key (key_path, pk, &error))
      return assayctl_fail (error);
    author = assay_key_id (pk);
  }
  /* The other members' votes are at the service: a vote joins the one
   * that says the same, so that the quorum can be reached. */
  if ((proposals = fetch_verified (replica, st, &chain, &error)) == NULL)
    return assayctl_fail (error);
  same = assay_filing_vote_match (proposals, filing, &verdict, others);
  if (same != NULL)
    print_proposal (same);
  key = assayctl_open_key ("assayctl vote", key_path, passphrase_file, &status);
  if (key == NULL)
    return status;
  if (!sign_vote (replica, same, case_id, &verdict, rationale, author, key, now, &error))
    return g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT)
           ? assay_cli_usage_error ("assayctl vote", ASSAY_CLI_HELP_FOR_ITS_OPTIONS, "%s", error->message)
           : assayctl_fail (error);
  g_print (same != NULL ? _("Your vote joins the ruling %s already proposed.\n")
                        : _("Your vote is a new ruling proposal; the roster's quorum of the panel makes it "
                            "binding.\n"), same != NULL ? same->hash : "");
  /* Voting otherwise is dissenting from them: recorded, never a veto. */
  for (guint i = 0; i < others->len; i++)
    {
      AssayProposal *other = others->pdata[i];

      char *dissent = NULL;

      if (!assay_proposal_oppose (replica, other, chain, key, rationale, g_get_user_name (), now, &dissent, &error))
        return assayctl_fail (error);
      g_ptr_array_add (dissents, dissent);
      g_print (_("Your dissent from ruling %s is queued with your vote.\n"), other->hash);
    }
  if ((log_key = assay_note_verifier_new_from_string (st->log_key, &error)) == NULL ||
      !assay_outbox_push (replica, st->server_url, log_key, now, &report, &error))
    return assayctl_fail (error);
  print_push_report (&report);
  if (report.n_bad_receipt > 0)
    return ASSAYCTL_EXIT_SECURITY;
  return report.n_retry > 0 || !dissents_kept (replica, dissents) ? ASSAYCTL_EXIT_FAILURE : ASSAYCTL_EXIT_OK;
}

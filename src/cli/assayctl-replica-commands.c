/* assayctl-replica-commands.c — assayctl subcommands that work on a replica
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
#include <glib/gstdio.h>
#include <inttypes.h>
#include <unistd.h>
#include <string.h>

#include "assay-cli-options.h"
#include "assay-day.h"
#include "assay-entry-row.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-replica-charts.h"
#include "assayctl-replica-util.h"

/* ---- status -------------------------------------------------------------------- */

static JsonNode *
status_to_json (const AssayReplicaStatus *st)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *root = g_base64_encode (st->root, ASSAY_HASH_SIZE);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "replica");
  json_builder_add_string_value (b, st->path);
  json_builder_set_member_name (b, "origin");
  json_builder_add_string_value (b, st->origin);
  json_builder_set_member_name (b, "server_url");
  json_builder_add_string_value (b, st->server_url);
  json_builder_set_member_name (b, "log_key");
  json_builder_add_string_value (b, st->log_key);
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, st->size);
  json_builder_set_member_name (b, "root");
  json_builder_add_string_value (b, root);
  json_builder_set_member_name (b, "checkpoint");
  json_builder_add_string_value (b, st->checkpoint_note);
  json_builder_set_member_name (b, "verified_at");
  json_builder_add_int_value (b, st->verified_at);
  json_builder_set_member_name (b, "last_sync_at");
  json_builder_add_int_value (b, st->last_sync_at);
  json_builder_set_member_name (b, "checkpoints");
  json_builder_add_int_value (b, st->n_checkpoints);
  json_builder_set_member_name (b, "entries");
  json_builder_add_int_value (b, st->size);
  json_builder_set_member_name (b, "events");
  json_builder_add_int_value (b, st->n_events);
  json_builder_set_member_name (b, "redemptions");
  json_builder_add_int_value (b, st->n_redemptions);
  json_builder_set_member_name (b, "tombstones");
  json_builder_add_int_value (b, st->n_tombstones);
  json_builder_set_member_name (b, "rosters");
  json_builder_add_int_value (b, st->n_rosters);
  json_builder_set_member_name (b, "decisions");
  json_builder_add_int_value (b, st->n_decisions);
  json_builder_set_member_name (b, "pauses");
  json_builder_add_int_value (b, st->n_pauses);
  json_builder_set_member_name (b, "filings");
  json_builder_add_int_value (b, st->n_filings);
  json_builder_set_member_name (b, "erased");
  json_builder_add_int_value (b, st->n_erased);
  json_builder_set_member_name (b, "withheld");
  json_builder_add_int_value (b, st->n_withheld);
  json_builder_set_member_name (b, "accounts");
  json_builder_add_int_value (b, st->n_accounts);
  json_builder_set_member_name (b, "witnesses");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "configured");
  json_builder_add_int_value (b, st->n_witnesses);
  json_builder_set_member_name (b, "quorum");
  json_builder_add_int_value (b, st->witness_quorum);
  json_builder_set_member_name (b, "cosigned");
  json_builder_add_int_value (b, st->n_witness_cosignatures);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "alert");
  if (st->alert == ASSAY_ALERT_NONE)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, assay_alert_kind_to_id (st->alert));
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, st->alert_message);
      json_builder_set_member_name (b, "detected_at");
      json_builder_add_int_value (b, st->alert_at);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_status (const AssayReplicaStatus *st)
{
  g_autofree char *root = g_base64_encode (st->root, ASSAY_HASH_SIZE);
  g_autofree char *verified = assayctl_format_time (st->verified_at);
  g_autofree char *synced = assayctl_format_time (st->last_sync_at);
  const char *never = _("never");

  g_print (_("Replica:      %s\n"), st->path);
  g_print (_("Origin:       %s\n"), st->origin != NULL ? st->origin : _("(not synced yet)"));
  if (st->server_url != NULL)
    g_print (_("Server:       %s\n"), st->server_url);
  g_print (_("Tree size:    %" PRIu64 "\n"), st->size);
  g_print (_("Root:         %s\n"), root);
  g_print (_("Verified:     %s\n"), verified != NULL ? verified : never);
  g_print (_("Last sync:    %s\n"), synced != NULL ? synced : never);
  g_print (_("Checkpoints:  %u stored\n"), st->n_checkpoints);
  g_print (_("Entries:      %" PRIu64 " (%" PRIu64 " events, %" PRIu64 " redemptions, %" PRIu64
             " erasures, %" PRIu64 " rosters, %" PRIu64 " decisions, %" PRIu64 " pauses, %" PRIu64
             " filings, %" PRIu64 " erased, %" PRIu64 " withheld)\n"),
           st->size, st->n_events, st->n_redemptions, st->n_tombstones, st->n_rosters, st->n_decisions,
           st->n_pauses, st->n_filings, st->n_erased, st->n_withheld);
  g_print (_("Accounts:     %" PRIu64 "\n"), st->n_accounts);
  if (st->n_witnesses == 0)
    g_print (_("Witnesses:    none configured\n"));
  else
    /* Translators: "2 of 3 configured witnesses cosigned (quorum 2)". */
    g_print (_("Witnesses:    %u of %u configured witnesses cosigned (quorum %u)\n"),
             st->n_witness_cosignatures, st->n_witnesses, st->witness_quorum);
  if (st->alert == ASSAY_ALERT_NONE)
    g_print (_("Alert:        none\n"));
  else
    g_print (_("Alert:        %s — %s\n"
               "              Export the evidence with “assayctl evidence --out FILE”; after it has "
               "been examined, “assayctl clear-alert” lets sync run again.\n"),
             assay_alert_kind_get_label (st->alert), st->alert_message);
}

int
assayctl_cmd_status (const AssayctlGlobals *globals,
                     int argc,
                     char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayReplicaStatus) st = NULL;
  g_autoptr(GError) error = NULL;
  int status = ASSAYCTL_EXIT_OK;

  if (!assayctl_parse_options_only ("status", entries, &argc, &argv, &status))
    return status;
  replica = assayctl_open_replica (globals, "status", ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL)
    return status;
  st = assay_replica_get_status (replica, &error);
  if (st == NULL)
    return assayctl_fail (error);

  if (json)
    {
      g_autoptr(JsonNode) node = status_to_json (st);

      assayctl_print_json (node);
    }
  else
    print_status (st);
  return ASSAYCTL_EXIT_OK;
}

/* ---- verify ----------------------------------------------------------------------- */

/* A replica that fails its own verification is a finding, like a log's
 * misbehaviour: verify again on a writable connection, which records the
 * alert with its evidence.  Exit status 3 either way. */
static int
verification_failed (const char *path,
                     const GError *failure)
{
  g_autoptr(AssayReplica) writable = NULL;
  g_autoptr(GError) error = NULL;

  writable = assay_replica_open (path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  if (writable != NULL && !assay_replica_verify (writable, NULL, &error) &&
      g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY))
    return assayctl_fail (error);
  g_printerr ("assayctl: %s\n", failure->message);
  if (writable == NULL)
    g_printerr (_("assayctl: the alert could not be recorded in the replica: %s\n"), error->message);
  return ASSAYCTL_EXIT_SECURITY;
}

int
assayctl_cmd_verify (const AssayctlGlobals *globals,
                     int argc,
                     char **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  int status = ASSAYCTL_EXIT_OK;

  if (!assayctl_parse_options_only ("verify", entries, &argc, &argv, &status))
    return status;
  replica = assayctl_open_replica (globals, "verify", ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL)
    return status;
  if (!assay_replica_verify (replica, NULL, &error))
    {
      if (g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION))
        return verification_failed (assay_replica_get_path (replica), error);
      return assayctl_fail (error);
    }
  g_print (_("Verified: %" PRIu64 " entries, every stored checkpoint, tile, body and aggregate.\n"),
           assay_replica_get_size (replica));
  return ASSAYCTL_EXIT_OK;
}

/* ---- entries ------------------------------------------------------------------------- */

/* A roster or a decision: its logged day and its envelope, an object as
 * the body has it (the ledger checked its shape; nothing here verifies
 * its signatures). */
static void
add_signed_json (JsonBuilder *b,
                 const AssayEntry *e)
{
  g_autofree char *logged = assay_day_format (e->logged_day);
  g_autoptr(JsonNode) envelope = json_from_string (e->envelope, NULL);

  assayctl_json_add_string (b, "logged", logged);
  json_builder_set_member_name (b, "envelope");
  if (envelope != NULL)
    json_builder_add_value (b, g_steal_pointer (&envelope));
  else
    json_builder_add_null_value (b);
}

/* A pause's members as the body writes them. */
static void
add_pause_json (JsonBuilder *b,
                const AssayEntry *e)
{
  g_autofree char *logged = assay_day_format (e->logged_day);
  g_autofree char *from = assay_day_format (e->pause_from);
  g_autofree char *to = assay_day_format (e->pause_to);
  g_autofree char *root = g_base64_encode (e->checkpoint_root, ASSAY_HASH_SIZE);

  assayctl_json_add_string (b, "logged", logged);
  assayctl_json_add_string (b, "flag", e->flag);
  assayctl_json_add_string (b, "rule_set", e->rule_set);
  assayctl_json_add_string (b, "rule", e->rule_id);
  assayctl_json_add_string (b, "subject_kind",
                            assay_enum_get_nick (ASSAY_TYPE_PAUSE_SUBJECT, e->pause_subject));
  assayctl_json_add_string (b, "subject", e->subject);
  json_builder_set_member_name (b, "members");
  json_builder_begin_array (b);
  for (guint i = 0; e->members[i] != NULL; i++)
    json_builder_add_string_value (b, e->members[i]);
  json_builder_end_array (b);
  assayctl_json_add_string (b, "from", from);
  assayctl_json_add_string (b, "to", to);
  json_builder_set_member_name (b, "checkpoint_size");
  json_builder_add_int_value (b, e->checkpoint_size);
  assayctl_json_add_string (b, "checkpoint_root", root);
}

static void
add_leaves_json (JsonBuilder *b,
                 const char *name,
                 const guint64 *leaves,
                 gsize n_leaves)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (gsize i = 0; i < n_leaves; i++)
    json_builder_add_int_value (b, leaves[i]);
  json_builder_end_array (b);
}

/* A filing's own members, under the names the body gives them. */
static void
add_filing_kind_json (JsonBuilder *b,
                      const AssayEntry *e)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  switch (e->kind)
    {
    case ASSAY_ENTRY_APPEAL:
      json_builder_set_member_name (b, "against");
      json_builder_add_int_value (b, e->target);
      assayctl_json_add_string (b, "reason", e->text);
      break;
    case ASSAY_ENTRY_DISPUTE:
      add_leaves_json (b, "entries", e->disputed, e->n_disputed);
      assayctl_json_add_string (b, "claimant", e->claimant);
      assayctl_json_add_string (b, "claimant_statement", e->text);
      assayctl_json_add_string (b, "respondent", e->respondent);
      assayctl_json_add_string (b, "respondent_statement", e->respondent_statement);
      break;
    case ASSAY_ENTRY_SILENCE:
      from = assay_day_format (e->pause_from);
      to = assay_day_format (e->pause_to);
      assayctl_json_add_string (b, "from", from);
      assayctl_json_add_string (b, "to", to);
      break;
    case ASSAY_ENTRY_FORGET_REQUEST:
      json_builder_set_member_name (b, "silence");
      json_builder_add_int_value (b, e->target);
      break;
    case ASSAY_ENTRY_FAILURE_CLAIM:
      assayctl_json_add_string (b, "project", e->text);
      json_builder_set_member_name (b, "experts");
      json_builder_begin_array (b);
      for (guint i = 0; e->experts[i] != NULL; i++)
        json_builder_add_string_value (b, e->experts[i]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "honest_record");
      json_builder_add_boolean_value (b, e->honest_record);
      json_builder_set_member_name (b, "good_faith");
      json_builder_add_boolean_value (b, e->good_faith);
      json_builder_set_member_name (b, "ruled_out");
      json_builder_add_boolean_value (b, e->ruled_out);
      json_builder_set_member_name (b, "comparable_value");
      json_builder_add_int_value (b, e->comparable_value);
      json_builder_set_member_name (b, "points");
      json_builder_add_int_value (b, e->points);
      break;
    case ASSAY_ENTRY_INSURANCE_CLAIM:
      assayctl_json_add_string (b, "benefit", assay_benefit_to_id (e->benefit));
      assayctl_json_add_string (b, "venture", e->text);
      break;
    case ASSAY_ENTRY_EDUCATION_TRANSFER:
      json_builder_set_member_name (b, "year");
      json_builder_add_int_value (b, e->year);
      json_builder_set_member_name (b, "points");
      json_builder_add_int_value (b, e->points);
      assayctl_json_add_string (b, "child_account", e->child_account);
      break;
    case ASSAY_ENTRY_EVENT:
    case ASSAY_ENTRY_REDEMPTION:
    case ASSAY_ENTRY_TOMBSTONE:
    case ASSAY_ENTRY_ROSTER:
    case ASSAY_ENTRY_DECISION:
    case ASSAY_ENTRY_PAUSE:
    case ASSAY_N_ENTRY_KINDS:
    default:
      break;
    }
}

/* A filing has no parsed row: everything it says comes from its body. */
static void
add_filing_json (JsonBuilder *b,
                 const AssayEntry *e)
{
  g_autofree char *filed = assay_day_format (e->event_day);

  assayctl_json_add_string (b, "account", e->account);
  assayctl_json_add_string (b, "account_kind", assay_account_kind_to_id (e->account_kind));
  assayctl_json_add_string (b, "county", e->county);
  assayctl_json_add_string (b, "filed", filed);
  assayctl_json_add_string (b, "filing", e->activity);
  add_filing_kind_json (b, e);
}

/* What only the stored body holds (the rule, activity, confirmer, evidence,
 * distributor, publication date; a redemption's tier, item and request; a
 * roster's or decision's logged day and envelope), from the verified body
 * the replica parses.  Erased and withheld entries have no body: their
 * kind says so. */
static gboolean
add_body_json (JsonBuilder *b,
               AssayReplica *replica,
               AssayEntryRow *row,
               GError **error)
{
  g_autoptr(AssayReplicaEntry) stored = NULL;
  g_autofree char *published = NULL;
  g_autoptr(JsonNode) inputs = NULL;
  const AssayEntry *e;

  if (assay_entry_row_get_state (row) != ASSAY_ENTRY_STATE_VERIFIED)
    return TRUE;
  stored = assay_replica_get_entry (replica, assay_entry_row_get_index (row), error);
  if (stored == NULL)
    return FALSE;
  if ((e = stored->parsed) == NULL || e->kind == ASSAY_ENTRY_TOMBSTONE)
    return TRUE;
  if (e->kind == ASSAY_ENTRY_ROSTER || e->kind == ASSAY_ENTRY_DECISION)
    {
      add_signed_json (b, e);
      return TRUE;
    }
  if (e->kind == ASSAY_ENTRY_PAUSE)
    {
      add_pause_json (b, e);
      return TRUE;
    }
  if (ASSAY_ENTRY_KIND_IS_FILING (e->kind))
    {
      add_filing_json (b, e);
      return TRUE;
    }

  published = assay_day_format (e->publication_day);
  assayctl_json_add_string (b, "account_kind", assay_account_kind_to_id (e->account_kind));
  assayctl_json_add_string (b, "publication_date", published);
  assayctl_json_add_string (b, "distributor", e->distributor);
  if (e->kind == ASSAY_ENTRY_REDEMPTION)
    {
      assayctl_json_add_string (b, "tier", assay_tier_to_id (e->tier));
      assayctl_json_add_string (b, "item", e->item);
      assayctl_json_add_string (b, "request", e->activity);
      return TRUE;
    }
  assayctl_json_add_string (b, "rule_id", e->rule_id);
  /* The inputs are an object, as the body has them (validated JSON). */
  inputs = e->rule_inputs != NULL ? json_from_string (e->rule_inputs, NULL) : NULL;
  json_builder_set_member_name (b, "rule_inputs");
  if (inputs != NULL)
    json_builder_add_value (b, g_steal_pointer (&inputs));
  else
    json_builder_add_null_value (b);
  assayctl_json_add_string (b, "activity", e->activity);
  assayctl_json_add_string (b, "confirmer", e->confirmer);
  assayctl_json_add_string (b, "evidence", e->evidence);
  return TRUE;
}

static gboolean
add_row_json (JsonBuilder *b,
              AssayReplica *replica,
              AssayEntryRow *row,
              GError **error)
{
  AssayEntryState state = assay_entry_row_get_state (row);
  /* An erased or withheld entry shows its state ("erased", "withheld"). */
  const char *kind = state != ASSAY_ENTRY_STATE_VERIFIED
                   ? assay_enum_get_nick (ASSAY_TYPE_ENTRY_STATE, state)
                   : assay_entry_kind_to_id (assay_entry_row_get_kind (row));
  int dimension = assay_entry_row_get_dimension (row);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "index");
  json_builder_add_int_value (b, assay_entry_row_get_index (row));
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind);
  if (assay_entry_row_get_account (row) != NULL)
    {
      json_builder_set_member_name (b, "account");
      json_builder_add_string_value (b, assay_entry_row_get_account (row));
    }
  /* Another entry's day and county are in its body, below. */
  if (assay_entry_row_is_record (row))
    {
      if (dimension >= 0)
        {
          json_builder_set_member_name (b, "dimension");
          json_builder_add_string_value (b, assay_dimension_to_id (dimension));
        }
      json_builder_set_member_name (b, "points");
      json_builder_add_int_value (b, assay_entry_row_get_points (row));
      json_builder_set_member_name (b, "event_date");
      json_builder_add_string_value (b, assay_entry_row_get_event_date (row));
      json_builder_set_member_name (b, "county");
      json_builder_add_string_value (b, assay_entry_row_get_county (row));
      if (assay_entry_row_get_issuer (row) != NULL)
        {
          json_builder_set_member_name (b, "issuer");
          json_builder_add_string_value (b, assay_entry_row_get_issuer (row));
        }
    }
  if (!add_body_json (b, replica, row, error))
    return FALSE;
  json_builder_end_object (b);
  return TRUE;
}

/* The columns of `assayctl entries`, in order; points align right. */
enum { COL_INDEX, COL_DATE, COL_KIND, COL_ACCOUNT, COL_DIMENSION, COL_POINTS, COL_COUNTY,
       COL_ISSUER, N_COLUMNS };

static const char * const column_titles[N_COLUMNS] = {
  N_("Index"), N_("Event Date"), N_("Kind"), N_("Account"), N_("Dimension"), N_("Points"),
  N_("County"), N_("Issuer"),
};

static const char *
empty_if_null (const char *text)
{
  return text != NULL ? text : "";
}

/* One row's cells (a GStrv of N_COLUMNS).  An entry that is not a record
 * shows what it has: a filing its day, filer and county; a pause or a
 * decision on an account, the account. */
static char **
row_cells (AssayEntryRow *row)
{
  char **cells = g_new0 (char *, N_COLUMNS + 1);
  gboolean record = assay_entry_row_is_record (row);
  const char *dimension = assay_entry_row_get_dimension_label (row);
  const char *issuer = assay_entry_row_get_issuer (row);

  cells[COL_INDEX] = g_strdup_printf ("%" PRIu64, assay_entry_row_get_index (row));
  cells[COL_KIND] = g_strdup (assay_entry_row_get_kind_label (row));
  cells[COL_DATE] = g_strdup (empty_if_null (assay_entry_row_get_event_date (row)));
  cells[COL_ACCOUNT] = g_strdup (empty_if_null (assay_entry_row_get_account (row)));
  cells[COL_DIMENSION] = g_strdup (record ? empty_if_null (dimension) : "");
  cells[COL_POINTS] = record ? g_strdup_printf ("%" PRId64, assay_entry_row_get_points (row)) : g_strdup ("");
  cells[COL_COUNTY] = g_strdup (empty_if_null (assay_entry_row_get_county (row)));
  cells[COL_ISSUER] = g_strdup (record ? empty_if_null (issuer) : "");
  return cells;
}

/* A header line, then one line per entry, each column as wide as its widest
 * cell, measured in terminal columns so that translated labels line up. */
static void
print_table (GPtrArray *entries)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *titles[N_COLUMNS];

  for (guint c = 0; c < N_COLUMNS; c++)
    titles[c] = _(column_titles[c]);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (rows, row_cells (g_ptr_array_index (entries, i)));
  assayctl_print_table (titles, N_COLUMNS, rows, 1u << COL_POINTS);
}

int
assayctl_cmd_entries (const AssayctlGlobals *globals,
                      int argc,
                      char **argv)
{
  g_autofree char *account = NULL;
  gboolean json = FALSE;
  gint64 offset = 0, limit = 0;
  const GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("Only this account's events and redemptions (its id, or a unique start of it)"), N_("ID") },
    { "offset", 0, 0, G_OPTION_ARG_INT64, &offset, N_("Skip this many entries"), N_("N") },
    { "limit", 0, 0, G_OPTION_ARG_INT64, &limit, N_("Show at most this many entries"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  int status = ASSAYCTL_EXIT_OK;

  if (!assayctl_parse_options_only ("entries", entries, &argc, &argv, &status))
    return status;
  if (offset < 0 || limit < 0)
    return assay_cli_usage_error ("assayctl entries", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--offset and --limit cannot be negative."));
  if (account != NULL && account[0] == '\0')
    return assay_cli_usage_error ("assayctl entries", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--account needs an account id, or the start of one."));
  replica = assayctl_open_replica (globals, "entries", ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL)
    return status;
  if (account != NULL)
    {
      /* Like the app's search: the id, or a unique start of one. */
      g_autofree char *query = g_steal_pointer (&account);

      account = assay_replica_resolve_account (replica, query, &error);
      if (account == NULL)
        return assayctl_fail (error);
    }
  rows = assay_replica_list_entries (replica, account, offset, limit, &error);
  if (rows == NULL)
    return assayctl_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        if (!add_row_json (b, replica, g_ptr_array_index (rows, i), &error))
          return assayctl_fail (error);
      json_builder_end_array (b);
      node = json_builder_get_root (b);
      assayctl_print_json (node);
    }
  else
    print_table (rows);
  return ASSAYCTL_EXIT_OK;
}

/* ---- prove and check-proof ---------------------------------------------------------- */

/* g_file_set_contents() writes a temporary file beside `out` first, and its
 * errors name that file ("x.proof.3R8YZ3"): check the folder beforehand so
 * that the message names what the reader can fix. */
static gboolean
check_out_folder (const char *out,
                  int        *out_status)
{
  g_autofree char *folder = g_path_get_dirname (out);

  if (g_file_test (out, G_FILE_TEST_IS_DIR))
    g_printerr (_("assayctl: cannot write “%s”: it is a folder. Give the path of a file.\n"), out);
  else if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    g_printerr (_("assayctl: cannot write “%s”: the folder “%s” does not exist. Create it, or "
                  "choose a file in another folder.\n"), out, folder);
  else if (g_access (folder, W_OK) != 0)
    g_printerr (_("assayctl: cannot write “%s”: you may not write in the folder “%s”. Choose a "
                  "file in another folder.\n"), out, folder);
  else
    return TRUE;
  *out_status = ASSAYCTL_EXIT_FAILURE;
  return FALSE;
}

int
assayctl_cmd_prove (const AssayctlGlobals *globals,
                    int argc,
                    char **argv)
{
  gint64 index = G_MININT64;   /* not given */
  g_autofree char *out = NULL;
  const GOptionEntry entries[] = {
    { "index", 0, 0, G_OPTION_ARG_INT64, &index, N_("The entry's index in the log"), N_("N") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Where to write the proof"), N_("FILE") },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int status = ASSAYCTL_EXIT_OK;

  if (!assayctl_parse_options_only ("prove", entries, &argc, &argv, &status))
    return status;
  if (index == G_MININT64 || out == NULL)
    return assay_cli_usage_error ("assayctl prove", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give the entry with --index N and the file with --out FILE."));
  if (index < 0)
    return assay_cli_usage_error ("assayctl prove", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--index %" PRId64 " is not an entry: indices count from 0, "
                                    "the first entry of the log."), index);
  if (!check_out_folder (out, &status))
    return status;
  replica = assayctl_open_replica (globals, "prove", ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL)
    return status;
  text = assay_replica_export_proof (replica, index, &error);
  if (text == NULL)
    return assayctl_fail (error);
  if (!g_file_set_contents (out, text, -1, &error))
    {
      g_printerr (_("assayctl: could not write the proof to “%s”: %s. Choose another file.\n"),
                  out, error->message);
      return ASSAYCTL_EXIT_FAILURE;
    }
  g_print (_("Wrote the proof of entry %" PRId64 " to %s.\n"), index, out);
  return ASSAYCTL_EXIT_OK;
}

/* Reports why a proof does not hold.  A proof signed by another key than
 * --log-key names that option; one that does not verify was altered (or
 * forged), which is what exit status 3 is for; a file that is no proof at
 * all is an ordinary error. */
static int
proof_failed (const char   *file,
              const GError *error)
{
  if (g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND))
    {
      g_printerr (_("assayctl: the proof “%s” is not signed by the key given with --log-key: %s "
                    "Give this log's verifier key with --log-key.\n"), file, error->message);
      return ASSAYCTL_EXIT_SECURITY;
    }
  g_printerr (_("assayctl: the proof “%s” does not hold: %s\n"), file, error->message);
  if (g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION) ||
      g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY))
    return ASSAYCTL_EXIT_SECURITY;
  return ASSAYCTL_EXIT_FAILURE;
}

int
assayctl_cmd_check_proof (const AssayctlGlobals *globals,
                          int argc,
                          char **argv)
{
  g_autofree char *log_key = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "log-key", 0, 0, G_OPTION_ARG_STRING, &log_key, N_("The log's verifier key"), N_("VKEY") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayEntry) entry = NULL;
  g_autoptr(AssayNoteVerifier) verifier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  guint64 index = 0, size = 0;
  gsize len = 0;

  if (!assayctl_parse_options ("check-proof", _("FILE"), entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (log_key == NULL || argc != 2)
    return assay_cli_usage_error ("assayctl check-proof", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give the log's key with --log-key VKEY and one proof FILE."));
  verifier = assay_note_verifier_new_from_string (log_key, &error);
  if (verifier == NULL)
    return assay_cli_usage_error ("assayctl check-proof", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--log-key is not a verifier key (%s)."), error->message);
  if (!g_file_get_contents (argv[1], &text, &len, &error))
    {
      g_printerr (_("assayctl: cannot read the proof “%s”: %s.\n"), argv[1], error->message);
      return ASSAYCTL_EXIT_FAILURE;
    }
  entry = assay_proof_file_check (text, len, log_key, &index, &size, &body, &error);
  if (entry == NULL)
    return proof_failed (argv[1], error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "valid");
      json_builder_add_boolean_value (b, TRUE);
      json_builder_set_member_name (b, "index");
      json_builder_add_int_value (b, index);
      json_builder_set_member_name (b, "tree_size");
      json_builder_add_int_value (b, size);
      json_builder_set_member_name (b, "body");
      json_builder_add_string_value (b, body);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      assayctl_print_json (node);
    }
  else
    g_print (_("Valid: entry %" PRIu64 " is in the log's signed tree of %" PRIu64 " entries.\n%s\n"),
             index, size, body);
  return ASSAYCTL_EXIT_OK;
}

/* ---- alerts ---------------------------------------------------------------------------- */

int
assayctl_cmd_evidence (const AssayctlGlobals *globals,
                       int argc,
                       char **argv)
{
  g_autofree char *out = NULL;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("Where to write the evidence"), N_("FILE") },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  int status = ASSAYCTL_EXIT_OK;

  if (!assayctl_parse_options ("evidence", NULL, entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (out == NULL || argc > 1)
    return assay_cli_usage_error ("assayctl evidence", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give the file to write with --out FILE."));
  if (!check_out_folder (out, &status))
    return status;
  replica = assayctl_open_replica (globals, "evidence", ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL)
    return status;
  if (!assay_replica_export_evidence (replica, out, &error))
    return assayctl_fail (error);
  g_print (_("Wrote the evidence of the %s alert to %s.\n"),
           assay_alert_kind_to_id (assay_replica_get_alert (replica)), out);
  return ASSAYCTL_EXIT_OK;
}

int
assayctl_cmd_clear_alert (const AssayctlGlobals *globals,
                          int argc,
                          char **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  int status = ASSAYCTL_EXIT_OK;

  if (!assayctl_parse_options_only ("clear-alert", entries, &argc, &argv, &status))
    return status;
  replica = assayctl_open_replica (globals, "clear-alert", ASSAY_REPLICA_OPEN_DEFAULT, &status);
  if (replica == NULL)
    return status;
  if (!assay_replica_clear_alert (replica, &error))
    return assayctl_fail (error);
  g_print (_("The alert is cleared; its evidence stays in the replica. Sync may run again.\n"));
  return ASSAYCTL_EXIT_OK;
}

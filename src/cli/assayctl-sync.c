/* assayctl-sync.c — assayctl sync
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

#include "assay-cli-options.h"
#include "assay-config.h"
#include "assay-decision-log.h"
#include "assay-note.h"
#include "assay-replica-cases.h"
#include "assay-error.h"
#include "assay-rule-cases.h"
#include "assay-rule-pauses.h"
#include "assay-scores.h"
#include "assay-sync.h"
#include "assayctl-replica-util.h"

/* Whether a failed sync left `replica` without any verified checkpoint or
 * alert, that is, holding nothing. */
static gboolean
holds_nothing (AssayReplica *replica)
{
  g_autoptr(AssayReplicaStatus) st = NULL;

  assay_replica_reload (replica);
  st = assay_replica_get_status (replica, NULL);
  return st != NULL && st->n_checkpoints == 0 && st->alert == ASSAY_ALERT_NONE;
}

static void
remove_replica_files (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      g_unlink (side);
    }
  g_unlink (path);
}

/* After a successful sync: verifies the new rosters and decisions of the
 * log and applies their effects.  FALSE (exit 3) when one fails: the log
 * carries what it should have refused, and a security alert says so. */
static gboolean
apply_decisions (AssayReplica *replica)
{
  g_autoptr(GError) error = NULL;
  AssayDecisionLogReport report;

  if (!assay_decision_log_apply (replica, &report, &error))
    {
      g_printerr ("assayctl: %s\n", error->message);
      return FALSE;
    }
  if (report.n_rosters > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Verified %u new roster version of the log.\n",
                          "Verified %u new roster versions of the log.\n", report.n_rosters), report.n_rosters);
  if (report.n_decisions > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Verified %u new decision of the log.\n",
                          "Verified %u new decisions of the log.\n", report.n_decisions), report.n_decisions);
  return TRUE;
}

/* After the decisions: recomputes the flag behind each new pause of the
 * log and applies the pauses.  FALSE (exit 3) when a pause has no flag
 * behind it: a security alert says so.  A rule set that cannot be read
 * leaves the pauses unchecked (and unapplied) until the next sync, with a
 * warning, as the flags are. */
static gboolean
verify_pauses (AssayReplica *replica,
               const char   *rule_set)
{
  g_autoptr(AssayRuleSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = rule_set != NULL ? g_strdup (rule_set) : assay_rule_default_set_path ();
  AssayRulePauseReport report;

  set = assay_rule_set_new_from_file (path, &error);
  if (set == NULL)
    {
      g_printerr (_("assayctl: warning: the log's pauses were not checked (%s).\n"), error->message);
      return TRUE;
    }
  if (!assay_rule_pauses_verify (replica, set, &report, &error))
    {
      g_printerr ("assayctl: %s\n", error->message);
      return !g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY) &&
             !g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION);
    }
  if (report.n_confirmed > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Verified %u new pause of the log: its flag holds.\n",
                          "Verified %u new pauses of the log: their flags hold.\n",
                          report.n_confirmed), report.n_confirmed);
  if (report.n_unconfirmed > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u new pause cannot be judged here (another rule set, or an erasure since its "
                          "checkpoint); it holds nothing here.\n",
                          "%u new pauses cannot be judged here (another rule set, or an erasure since their "
                          "checkpoints); they hold nothing here.\n", report.n_unconfirmed),
             report.n_unconfirmed);
  if (report.n_waiting > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u pause waits for a body the service withheld before it; it is checked once "
                          "that body arrives.\n",
                          "%u pauses wait for a body the service withheld before them; they are checked "
                          "once that body arrives.\n", report.n_waiting), report.n_waiting);
  return TRUE;
}

/* After a successful sync: evaluates the rule set and stores its flags,
 * which opens and joins cases.  A failure is reported and does not fail
 * the sync, whose entries are stored and verified. */
static void
refresh_flags (AssayReplica *replica,
               const char   *rule_set)
{
  g_autoptr(AssayRuleSet) set = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = rule_set != NULL ? g_strdup (rule_set) : assay_rule_default_set_path ();
  guint n_cases;

  set = assay_rule_set_new_from_file (path, &error);
  if (set == NULL ||
      !assay_rule_flags_refresh (replica, set, &error) ||
      (flags = assay_replica_list_flags (replica, &error)) == NULL)
    {
      g_printerr (_("assayctl: warning: the flags were not computed (%s). The sync itself "
                    "succeeded; run “assayctl sync” again, or give --rule-set FILE.\n"),
                  error->message);
      return;
    }
  if (!assay_scores_refresh (replica, set, &error))
    g_printerr (_("assayctl: warning: the contribution values were not brought up to date (%s).\n"),
                error->message);
  g_clear_error (&error);
  n_cases = assay_replica_count_active_cases (replica, NULL);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Flags: %u raised by rule set %s; ",
                        "Flags: %u raised by rule set %s; ", flags->len),
           flags->len, assay_rule_set_get_name (set));
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u case open.\n", "%u cases open.\n", n_cases), n_cases);
}

static void
progress_cb (AssaySync *sync,
             guint64 verified,
             guint64 total,
             double rate,
             gpointer user_data)
{
  g_printerr ("\r");
  g_printerr (_("Verified %" PRIu64 " of %" PRIu64 " new entries (%.0f per second)"), verified, total, rate);
  g_printerr ("  ");
}

int
assayctl_cmd_sync (const AssayctlGlobals *globals,
                   int argc,
                   char **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *log_key = NULL;
  g_auto(GStrv) witness_keys = NULL;
  g_autofree char *rule_set = NULL;
  int witness_quorum = 0;
  int timeout = 30;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The central service's URL"), N_("URL") },
    { "log-key", 0, 0, G_OPTION_ARG_STRING, &log_key, N_("The log's verifier key"), N_("VKEY") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Give up on a request after this many seconds (default 30)"), N_("SECONDS") },
    { "witness-key", 0, 0, G_OPTION_ARG_STRING_ARRAY, &witness_keys, N_("A witness's cosignature verifier key (repeat for each witness)"), N_("VKEY") },
    { "witness-quorum", 0, 0, G_OPTION_ARG_INT, &witness_quorum, N_("How many of those witnesses must have cosigned the checkpoint (default 0)"), N_("N") },
    { "rule-set", 0, 0, G_OPTION_ARG_FILENAME, &rule_set, N_("Compute the flags with this rule set instead of the default one"), N_("FILE") },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssaySync) sync = NULL;
  g_autoptr(AssayNoteVerifier) verifier = NULL;
  g_autoptr(GError) error = NULL;
  gboolean tty = isatty (STDERR_FILENO);
  gboolean created;
  guint64 n = 0;
  int status = ASSAYCTL_EXIT_OK;

  if (!assayctl_parse_options_only ("sync", entries, &argc, &argv, &status))
    return status;
  if (server == NULL || log_key == NULL)
    return assay_cli_usage_error ("assayctl sync", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give the server with --server URL and the log's key with "
                                    "--log-key VKEY."));
  if (timeout < 1 || timeout > 3600)
    return assay_cli_usage_error ("assayctl sync", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--timeout must be between 1 and 3600 seconds."));

  verifier = assay_note_verifier_new_from_string (log_key, &error);
  if (verifier == NULL)
    return assay_cli_usage_error ("assayctl sync", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--log-key is not a verifier key (%s)."), error->message);
  if (witness_quorum < 0)
    return assay_cli_usage_error ("assayctl sync", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--witness-quorum must be 0 or more."));
  if (!assay_config_check_witnesses ((const char * const *) witness_keys, witness_quorum, &error))
    return assay_cli_usage_error ("assayctl sync", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  "%s", error->message);

  created = globals->replica != NULL && !g_file_test (globals->replica, G_FILE_TEST_EXISTS);
  replica = assayctl_open_replica (globals, "sync", ASSAY_REPLICA_OPEN_CREATE, &status);
  if (replica == NULL)
    return status;

  sync = assay_sync_new (server, log_key);
  assay_sync_set_timeout (sync, timeout);
  assay_sync_set_witness_keys (sync, (const char * const *) witness_keys);
  assay_sync_set_witness_quorum (sync, witness_quorum);
  if (tty)
    g_signal_connect (sync, "progress", G_CALLBACK (progress_cb), NULL);
  if (!assay_sync_run (sync, replica, NULL, &n, &error))
    {
      if (tty)
        g_printerr ("\n");
      /* A first sync that stored nothing leaves no file behind: an empty
       * replica would look like a ledger merely not synced yet, and the
       * next attempt creates it afresh anyway. */
      if (created && holds_nothing (replica))
        {
          g_autofree char *path = g_strdup (assay_replica_get_path (replica));

          g_clear_object (&sync);
          g_clear_object (&replica);
          remove_replica_files (path);
        }
      return assayctl_fail (error);
    }
  if (tty)
    g_printerr ("\n");
  assay_replica_reload (replica);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Synced: %" PRIu64 " new entry verified; the replica holds %" PRIu64 " entries.\n",
                        "Synced: %" PRIu64 " new entries verified; the replica holds %" PRIu64 " entries.\n",
                        n),
           n, assay_replica_get_size (replica));
  /* Flags first: a decision taken elsewhere closes the case they open. */
  refresh_flags (replica, rule_set);
  return apply_decisions (replica) && verify_pauses (replica, rule_set)
         ? ASSAYCTL_EXIT_OK : ASSAYCTL_EXIT_SECURITY;
}

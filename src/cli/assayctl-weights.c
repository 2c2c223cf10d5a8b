/* assayctl-weights.c — weights: the logged weights versions, and a new one proposed
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

#include "assay-cli-options.h"
#include "assay-day.h"
#include "assay-decision-draft.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-notice.h"
#include "assay-replica-weights.h"
#include "assay-scores.h"
#include "assay-scores-enums.h"
#include "assay-enum.h"
#include "assay-weights.h"
#include "assayctl-commands.h"
#include "assayctl-replica-util.h"

/* ---- weights [--json] -------------------------------------------------------- */

static void
add_version (JsonBuilder               *b,
             const AssayStoredWeights  *v,
             const AssayWeightsVersion *scheduled)
{
  g_autofree char *logged = assay_day_format (v->logged_day);
  g_autofree char *effective = assay_day_format (v->effective_day);
  g_autofree char *notice_end = assay_day_format (scheduled->notice_end);
  g_autofree char *takes_effect = assay_day_format (scheduled->effective);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "index");
  json_builder_add_int_value (b, v->index);
  json_builder_set_member_name (b, "hash");
  json_builder_add_string_value (b, v->hash);
  json_builder_set_member_name (b, "logged");
  json_builder_add_string_value (b, logged);
  json_builder_set_member_name (b, "effective");
  json_builder_add_string_value (b, effective);
  json_builder_set_member_name (b, "basis_points");
  json_builder_begin_object (b);
  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      json_builder_set_member_name (b, assay_dimension_to_id (d));
      json_builder_add_int_value (b, v->basis_points[d]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "signers");
  json_builder_begin_array (b);
  for (guint i = 0; v->signers[i] != NULL; i++)
    json_builder_add_string_value (b, v->signers[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rationale");
  json_builder_add_string_value (b, v->rationale);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, assay_enum_get_nick (ASSAY_TYPE_WEIGHTS_STATUS, scheduled->status));
  json_builder_set_member_name (b, "notice_ends");
  json_builder_add_string_value (b, notice_end);
  json_builder_set_member_name (b, "takes_effect");
  json_builder_add_string_value (b, takes_effect);
  json_builder_end_object (b);
}

/* The version's place in the schedule: versions[0] is the plan's equal
 * weights, then the logged ones in log order. */
static const AssayWeightsVersion *
scheduled_version (const AssayWeightsSchedule *schedule,
                   guint                       i)
{
  return &g_array_index (schedule->versions, AssayWeightsVersion, i + 1);
}

static const char *
status_label (AssayWeightsStatus status)
{
  switch (status)
    {
    case ASSAY_WEIGHTS_IN_NOTICE: return _("in public notice");
    case ASSAY_WEIGHTS_SCHEDULED: return _("noticed, waiting for its quarter");
    case ASSAY_WEIGHTS_IN_FORCE: return _("in force");
    case ASSAY_WEIGHTS_PAST: return _("past");
    case ASSAY_WEIGHTS_REPLACED: return _("replaced by a later version for the same quarter");
    case ASSAY_WEIGHTS_VOID: return _("void: inside the equal-weight period");
    default: return "";
    }
}

static void
print_versions_json (GPtrArray                  *versions,
                     const AssayWeightsSchedule *schedule)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < versions->len; i++)
    add_version (b, g_ptr_array_index (versions, i), scheduled_version (schedule, i));
  json_builder_end_array (b);
  node = json_builder_get_root (b);
  assayctl_print_json (node);
}

static void
print_versions_table (GPtrArray                  *versions,
                      const AssayWeightsSchedule *schedule)
{
  const char *titles[] = { _("Index"), _("Logged"), _("Proposed"), _("Takes effect"), _("Status"), _("Weights"),
                           _("Signed by"), _("Rationale") };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < versions->len; i++)
    {
      AssayStoredWeights *v = g_ptr_array_index (versions, i);
      AssayWeights weights = { { 0 }, v->effective_day };
      char **row = g_new0 (char *, G_N_ELEMENTS (titles) + 1);

      memcpy (weights.basis_points, v->basis_points, sizeof weights.basis_points);
      row[0] = g_strdup_printf ("%" PRIu64, v->index);
      row[1] = assay_day_format (v->logged_day);
      row[2] = assay_day_format (v->effective_day);
      row[3] = assay_day_format (scheduled_version (schedule, i)->effective);
      row[4] = g_strdup (status_label (scheduled_version (schedule, i)->status));
      row[5] = assay_weights_format (&weights);
      row[6] = g_strjoinv (", ", v->signers);
      row[7] = g_strdup (v->rationale);
      g_ptr_array_add (rows, row);
    }
  assayctl_print_table (titles, G_N_ELEMENTS (titles), rows, 1 << 0);
}

static int
weights_list (const AssayctlGlobals *globals,
              int                    argc,
              char                 **argv)
{
  gboolean json = FALSE;
  g_autofree char *rule_set = NULL;
  const GOptionEntry entries[] = {
    { "rule-set", 0, 0, G_OPTION_ARG_FILENAME, &rule_set,
      N_("Take the notice period and the equal-weight period from this rule set instead of the default one"),
      N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayRuleSet) set = NULL;
  g_autoptr(AssayScorer) scorer = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  const AssayWeightsSchedule *schedule;
  int status;

  if (!assayctl_parse_options ("weights", NULL, entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 1)
    return assay_cli_usage_error ("assayctl weights", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("unknown subcommand “%s”; use “propose”, “what-if”, “notice” or no subcommand "
                                    "to list."), argv[1]);
  replica = assayctl_open_replica (globals, "weights", ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL)
    return status;
  if ((set = assayctl_load_rule_set (rule_set, &status)) == NULL)
    return status;
  if ((versions = assay_replica_list_weights_versions (replica, &error)) == NULL ||
      (scorer = assay_scorer_new (replica, set, assay_day_today (), &error)) == NULL)
    return assayctl_fail (error);
  schedule = assay_scorer_get_schedule (scorer);
  g_assert (schedule->versions->len == versions->len + 1);
  if (json)
    print_versions_json (versions, schedule);
  else if (versions->len == 0)
    g_print (_("No weights decision in the log yet (as of the last sync): the plan's equal weights are in "
               "force.\n"));
  else
    print_versions_table (versions, schedule);
  return ASSAYCTL_EXIT_OK;
}

/* ---- weights propose --------------------------------------------------------- */

/* The weights and their date from the options, checked as the decision
 * will be: a refusal here is a usage error. */
static gboolean
weights_from_options (const char    *set,
                      const char    *effective,
                      AssayWeights  *out_weights,
                      GError       **error)
{
  AssayWeights weights = { { 0 }, 0 };

  if (!assay_weights_parse_set (set, &weights, error))
    return FALSE;
  if (!assay_day_parse (effective, -1, &weights.effective_day))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("--effective “%s” is not a date YYYY-MM-DD."), effective);
      return FALSE;
    }
  if (!assay_weights_check (&weights, error))
    return FALSE;
  *out_weights = weights;
  return TRUE;
}

static int
weights_propose (const AssayctlGlobals *globals,
                 int                    argc,
                 char                 **argv)
{
  g_autofree char *key_path = NULL, *set = NULL, *effective = NULL, *rationale = NULL;
  g_autofree char *passphrase_file = NULL;
  const GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path, N_("Your signing key file"), N_("FILE") },
    { "set", 0, 0, G_OPTION_ARG_STRING, &set,
      N_("The six weights in percent: professional=25,knowledge=20,community=15,ecological=15,data=10,"
         "market_order=15"), N_("WEIGHTS") },
    { "effective", 0, 0, G_OPTION_ARG_STRING, &effective,
      N_("The first day of the quarter they take effect on"), N_("DATE") },
    { "rationale", 0, 0, G_OPTION_ARG_STRING, &rationale, N_("Why, in words (required)"), N_("TEXT") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the key's passphrase from FILE"), N_("FILE") },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayKeyFile) key = NULL;
  g_autoptr(AssayDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *author = NULL, *hash = NULL, *text = NULL, *day = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  AssayWeights weights;
  int status;

  /* --help names the whole command, not the word after "weights". */
  argv[0] = (char *) "weights propose";
  if (!assayctl_parse_options ("weights propose", NULL, entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 1 || key_path == NULL || set == NULL || effective == NULL || rationale == NULL)
    return assay_cli_usage_error ("assayctl weights propose", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give --key FILE, --set WEIGHTS, --effective DATE and --rationale TEXT."));
  if (!weights_from_options (set, effective, &weights, &error))
    return assay_cli_usage_error ("assayctl weights propose", ASSAY_CLI_HELP_FOR_ITS_OPTIONS, "%s", error->message);
  replica = assayctl_open_replica (globals, "weights propose", ASSAY_REPLICA_OPEN_DEFAULT, &status);
  if (replica == NULL)
    return status;
  /* Draft before the passphrase: a proposal that cannot be made is
   * refused without asking for it. */
  if ((author = assayctl_key_author (key_path, &error)) == NULL)
    return assayctl_fail (error);
  decision = assay_decision_draft_for_weights (replica, &weights, rationale, author, now, &error);
  if (decision == NULL && g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT))
    return assay_cli_usage_error ("assayctl weights propose", ASSAY_CLI_HELP_FOR_ITS_OPTIONS, "%s", error->message);
  if (decision == NULL)
    return assayctl_fail (error);
  key = assayctl_open_key ("assayctl weights propose", key_path, passphrase_file, &status);
  if (key == NULL)
    return status;
  if (!assay_decision_sign_and_queue (replica, decision, key, 0, g_get_user_name (), now, &hash, &error))
    return assayctl_fail (error);
  text = assay_weights_format (&weights);
  day = assay_day_format (weights.effective_day);
  g_print (_("Signed and queued weights decision %s (%s, effective %s; sequence %" PRIi64 "). "
             "Push it to the central service with “assayctl push”; it is logged once enough committee "
             "members co-sign it (“assayctl cosign”).\n"),
           hash, text, day, decision->subject_seq);
  return ASSAYCTL_EXIT_OK;
}

/* ---- weights notice ---------------------------------------------------------- */

static int
weights_notice (const AssayctlGlobals *globals,
                int                    argc,
                char                 **argv)
{
  gint64 version = G_MININT64;   /* not given */
  g_autofree char *out = NULL, *rule_set_path = NULL;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_INT64, &version,
      N_("The log index of the weights decision, as “assayctl weights” lists it"), N_("N") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write: FILE.pdf or FILE.html"), N_("FILE") },
    { "rule-set", 0, 0, G_OPTION_ARG_FILENAME, &rule_set_path,
      N_("Use this rule set instead of the default one"), N_("FILE") },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayRuleSet) rule_set = NULL;
  g_autoptr(AssayNotice) notice = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  argv[0] = (char *) "weights notice";
  if (!assayctl_parse_options ("weights notice", NULL, entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 1 || version == G_MININT64 || out == NULL)
    return assay_cli_usage_error ("assayctl weights notice", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give the weights version with --version N and the file with --out FILE."));
  if (version < 0)
    return assay_cli_usage_error ("assayctl weights notice", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--version %" PRIi64 " is not a log index: indices count from 0."), version);
  if (!assay_notice_path_is_known (out))
    return assay_cli_usage_error ("assayctl weights notice", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--out “%s” names neither a .pdf nor an .html file; the extension "
                                    "chooses the format."), out);
  /* Writable: the what-if brings the value sums up to date. */
  replica = assayctl_open_replica (globals, "weights notice", ASSAY_REPLICA_OPEN_DEFAULT, &status);
  if (replica == NULL)
    return status;
  if ((rule_set = assayctl_load_rule_set (rule_set_path, &status)) == NULL)
    return status;
  if ((notice = assay_notice_new (replica, rule_set, (guint64) version, &error)) == NULL ||
      !assay_notice_compute_what_if (notice, replica, rule_set, &error) ||
      !assay_notice_write_file (notice, out, &error))
    return assayctl_fail (error);
  g_print (_("Wrote the public notice of the weights version at log index %" PRIi64 " to %s.\n"), version, out);
  return ASSAYCTL_EXIT_OK;
}

/* ---- weights ----------------------------------------------------------------- */

int
assayctl_cmd_weights (const AssayctlGlobals *globals,
                      int                    argc,
                      char                 **argv)
{
  if (argc >= 2 && strcmp (argv[1], "propose") == 0)
    return weights_propose (globals, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "what-if") == 0)
    return assayctl_weights_what_if (globals, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "notice") == 0)
    return weights_notice (globals, argc - 1, argv + 1);
  return weights_list (globals, argc, argv);
}

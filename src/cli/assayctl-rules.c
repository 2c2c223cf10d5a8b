/* assayctl-rules.c — assayctl rules: checking rule set documents
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
#include <json-glib/json-glib.h>
#include <string.h>

#include "assay-cli-options.h"
#include "assay-day.h"
#include "assay-error.h"
#include "assay-rule-cases.h"
#include "assay-rule-flags.h"
#include "assay-rule-set.h"
#include "assay-rule-what-if.h"
#include "assayctl-commands.h"
#include "assayctl-replica-util.h"

static void
print_rule_set_json (AssayRuleSet *set)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "valid");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, assay_rule_set_get_name (set));
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, assay_rule_set_get_version (set));
  json_builder_set_member_name (b, "effective");
  json_builder_add_string_value (b, assay_rule_set_get_effective (set));
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, assay_rule_set_get_sha256 (set));
  json_builder_set_member_name (b, "rules");
  json_builder_add_int_value (b, assay_rule_set_get_n_rules (set));
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  assayctl_print_json (node);
}

static int
rules_check (int    argc,
             char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayRuleSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;

  if (!assayctl_parse_options ("rules check", _("FILE"), entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 2)
    return assay_cli_usage_error ("assayctl rules check", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give one rule set FILE."));
  set = assay_rule_set_new_from_file (argv[1], &error);
  if (set == NULL && g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_IO))
    {
      g_printerr ("assayctl: %s\n", error->message);
      return ASSAYCTL_EXIT_FAILURE;
    }
  if (set == NULL)
    {
      g_printerr (_("assayctl: the rule set “%s” is refused: %s\n"), argv[1], error->message);
      return ASSAYCTL_EXIT_FAILURE;
    }
  version = g_strdup_printf ("%" G_GINT64_FORMAT, assay_rule_set_get_version (set));
  if (json)
    print_rule_set_json (set);
  else
    g_print (_("Valid rule set.\nName: %s\nVersion: %s\nEffective: %s\nSHA-256: %s\nRules: %u\n"),
             assay_rule_set_get_name (set), version,
             assay_rule_set_get_effective (set), assay_rule_set_get_sha256 (set),
             assay_rule_set_get_n_rules (set));
  return ASSAYCTL_EXIT_OK;
}

int
assayctl_cmd_rules (const AssayctlGlobals *globals,
                    int                    argc,
                    char                 **argv)
{
  if (argc >= 2 && strcmp (argv[1], "check") == 0)
    return rules_check (argc - 1, argv + 1);
  if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      g_print (_("Usage: assayctl rules check [--json] FILE\n\n"
                 "Check a rule set document (assay-rule-set/1) and print its name, version "
                 "and SHA-256.\nExit status: 0 valid, 1 unreadable or refused, 2 usage error.\n"));
      return ASSAYCTL_EXIT_OK;
    }
  if (argc >= 2)
    return assay_cli_usage_error ("assayctl rules", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("unknown subcommand “%s”; the subcommand is “check”."),
                                  argv[1]);
  return assay_cli_usage_error ("assayctl rules", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                _("give a subcommand: “check FILE”."));
}

/* The rule set in force: --rule-set, else the installed default. */
AssayRuleSet *
assayctl_load_rule_set (const char *path,
                        int        *out_status)
{
  g_autofree char *fallback = assay_rule_default_set_path ();
  g_autoptr(GError) error = NULL;
  AssayRuleSet *set = assay_rule_set_new_from_file (path != NULL ? path : fallback, &error);

  if (set == NULL && g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_IO))
    g_printerr (path != NULL ? "assayctl: %s\n"
                             : _("assayctl: %s (the default rule set is missing: "
                                 "install Assay or give --rule-set FILE)\n"),
                error->message);
  else if (set == NULL)
    g_printerr (_("assayctl: the rule set “%s” is refused: %s\n"),
                path != NULL ? path : fallback, error->message);
  *out_status = ASSAYCTL_EXIT_FAILURE;
  return set;
}

static void
print_flags_json (AssayRuleSet *set,
                  GPtrArray    *flags,
                  guint64       size,
                  const guint8 *root)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  assay_rule_json_add_rule_set (b, "rule_set", set);
  assay_rule_json_add_checkpoint (b, size, root);
  json_builder_set_member_name (b, "flags");
  json_builder_begin_array (b);
  for (guint i = 0; i < flags->len; i++)
    json_builder_add_value (b, assay_rule_flag_to_json (flags->pdata[i]));
  json_builder_end_array (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  assayctl_print_json (node);
}

static void
print_flags_text (AssayRuleSet *set,
                  GPtrArray    *flags,
                  guint64       size)
{
  g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, assay_rule_set_get_version (set));
  g_autofree char *tree_size = g_strdup_printf ("%" G_GUINT64_FORMAT, size);

  /* The numbers go in as strings: a format macro would split the msgid. */
  g_print (_("Rule set %s, version %s, at tree size %s: %u flags\n"),
           assay_rule_set_get_name (set), version, tree_size, flags->len);
  for (guint i = 0; i < flags->len; i++)
    {
      const AssayRuleFlag *f = flags->pdata[i];
      g_autofree char *from = assay_day_format (f->from);
      g_autofree char *to = assay_day_format (f->to);

      g_print ("%s  %s  %s  %s…%s  %s\n", f->rule, f->subject_id, f->article, from, to,
               f->explanation);
    }
}

int
assayctl_cmd_flags (const AssayctlGlobals *globals,
                    int                    argc,
                    char                 **argv)
{
  gboolean json = FALSE, stored = FALSE;
  g_autofree char *rule_set = NULL;
  const GOptionEntry entries[] = {
    { "rule-set", 0, 0, G_OPTION_ARG_FILENAME, &rule_set,
      N_("Evaluate this rule set instead of the default one"), N_("FILE") },
    { "stored", 0, 0, G_OPTION_ARG_NONE, &stored,
      N_("Print the flags stored by the last sync, with their run, instead of evaluating"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayRuleSet) set = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GError) error = NULL;
  guint8 root[ASSAY_HASH_SIZE];
  guint64 size = 0;
  int status;

  if (!assayctl_parse_options_only ("flags", entries, &argc, &argv, &status))
    return status;
  if (stored && rule_set != NULL)
    return assay_cli_usage_error ("assayctl flags", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--stored prints what was computed; it does not go with "
                                    "--rule-set."));
  replica = assayctl_open_replica (globals, "flags", ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL)
    return status;
  if (stored)
    return assayctl_print_stored_flags (replica, json);
  set = assayctl_load_rule_set (rule_set, &status);
  if (set == NULL)
    return status;
  flags = assay_rule_flags_evaluate (set, replica, assay_rule_flags_language (),
                                     &size, root, &error);
  if (flags == NULL)
    return assayctl_fail (error);
  if (json)
    print_flags_json (set, flags, size, root);
  else
    print_flags_text (set, flags, size);
  return ASSAYCTL_EXIT_OK;
}

static void
print_what_if_flags (const char *sign,
                     GPtrArray  *flags)
{
  for (guint i = 0; i < flags->len; i++)
    {
      const AssayRuleFlag *f = flags->pdata[i];
      g_autofree char *from = assay_day_format (f->from);
      g_autofree char *to = assay_day_format (f->to);

      g_print ("%s %s  %s  %s…%s  %s\n", sign, f->rule, f->subject_id, from, to, f->explanation);
    }
}

static void
print_what_if_text (const AssayWhatIf *w,
                    AssayRuleSet      *in_force,
                    AssayRuleSet      *draft)
{
  g_autofree char *tree_size = g_strdup_printf ("%" G_GUINT64_FORMAT, w->checkpoint_size);
  g_autofree char *v_draft = g_strdup_printf ("%" G_GINT64_FORMAT, assay_rule_set_get_version (draft));
  g_autofree char *v_force = g_strdup_printf ("%" G_GINT64_FORMAT, assay_rule_set_get_version (in_force));
  const char *titles[] = { _("rule"), _("in force"), _("draft"), _("added"), _("removed"), _("changed") };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_print (_("Draft %s version %s against %s version %s, at tree size %s: "
             "%u flags added, %u removed, %u changed\n"),
           assay_rule_set_get_name (draft), v_draft, assay_rule_set_get_name (in_force), v_force,
           tree_size, w->added->len, w->removed->len, w->changed->len);

  for (guint i = 0; i < w->rules->len; i++)
    {
      const AssayWhatIfRule *r = &g_array_index (w->rules, AssayWhatIfRule, i);
      char **cells = g_new0 (char *, G_N_ELEMENTS (titles) + 1);

      cells[0] = g_strdup (r->rule);
      cells[1] = g_strdup_printf ("%u", r->in_force);
      cells[2] = g_strdup_printf ("%u", r->draft);
      cells[3] = g_strdup_printf ("%u", r->added);
      cells[4] = g_strdup_printf ("%u", r->removed);
      cells[5] = g_strdup_printf ("%u", r->changed);
      g_ptr_array_add (rows, cells);
    }
  /* Every count right-aligned. */
  assayctl_print_table (titles, G_N_ELEMENTS (titles), rows, 0x3e);
  print_what_if_flags ("+", w->added);
  print_what_if_flags ("-", w->removed);
  print_what_if_flags ("~", w->changed);
}

int
assayctl_cmd_what_if (const AssayctlGlobals *globals,
                      int                    argc,
                      char                 **argv)
{
  gboolean json = FALSE;
  g_autofree char *draft_path = NULL;
  g_autofree char *in_force_path = NULL;
  const GOptionEntry entries[] = {
    { "rule-set", 0, 0, G_OPTION_ARG_FILENAME, &draft_path,
      N_("The draft rule set to compare (required)"), N_("FILE") },
    { "in-force", 0, 0, G_OPTION_ARG_FILENAME, &in_force_path,
      N_("The rule set in force to compare against (default: the default rule set)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayRuleSet) in_force = NULL;
  g_autoptr(AssayRuleSet) draft = NULL;
  g_autoptr(AssayWhatIf) w = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!assayctl_parse_options_only ("what-if", entries, &argc, &argv, &status))
    return status;
  if (draft_path == NULL)
    return assay_cli_usage_error ("assayctl what-if", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give the draft rule set with --rule-set FILE."));
  replica = assayctl_open_replica (globals, "what-if", ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL)
    return status;
  in_force = assayctl_load_rule_set (in_force_path, &status);
  if (in_force == NULL)
    return status;
  draft = assayctl_load_rule_set (draft_path, &status);
  if (draft == NULL)
    return status;
  w = assay_rule_what_if (in_force, draft, replica, assay_rule_flags_language (), &error);
  if (w == NULL)
    return assayctl_fail (error);
  if (json)
    {
      g_autoptr(JsonNode) node = assay_what_if_to_json (w, in_force, draft);

      assayctl_print_json (node);
    }
  else
    print_what_if_text (w, in_force, draft);
  return ASSAYCTL_EXIT_OK;
}

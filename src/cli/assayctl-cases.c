/* assayctl-cases.c — `assayctl cases`, `case` and `flags --stored`: the committee's cases
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
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-replica-cases.h"
#include "assay-replica-enums.h"
#include "assayctl-commands.h"
#include "assayctl-replica-util.h"

/* ---- shared ----------------------------------------------------------------- */

static const char *
state_id (AssayCaseState state)
{
  return assay_enum_get_nick (ASSAY_TYPE_CASE_STATE, state);
}

static const char *
state_label (AssayCaseState state)
{
  switch (state)
    {
    case ASSAY_CASE_STATE_OPEN:
      return _("open");
    case ASSAY_CASE_STATE_IN_REVIEW:
      return _("in review");
    case ASSAY_CASE_STATE_DECIDED:
      return _("decided");
    case ASSAY_CASE_STATE_REOPENED:
      return _("reopened");
    default:
      return "";
    }
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return json_node_init_object (json_node_alloc (), json_object_new ());
  return json_node_copy (json_parser_get_root (parser));
}

static void
add_subject (JsonBuilder  *b,
             const char   *kind,
             const char   *id,
             char * const *members)
{
  json_builder_set_member_name (b, "subject");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  if (members != NULL)
    {
      json_builder_set_member_name (b, "members");
      json_builder_begin_array (b);
      for (guint i = 0; members[i] != NULL; i++)
        json_builder_add_string_value (b, members[i]);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

/* A ring's members, from the case's first flag (NULL for other subjects). */
static char **
case_members (AssayReplica    *replica,
              const AssayCase *c)
{
  g_autoptr(AssayStoredFlag) flag = NULL;

  if (c->flag_ids->len == 0)
    return NULL;
  flag = assay_replica_get_flag (replica, g_ptr_array_index (c->flag_ids, 0), NULL);
  return flag != NULL ? g_steal_pointer (&flag->members) : NULL;
}

static void
add_case_members (JsonBuilder     *b,
                  AssayReplica    *replica,
                  const AssayCase *c)
{
  g_auto(GStrv) members = case_members (replica, c);

  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, c->id);
  add_subject (b, c->subject_kind, c->subject_id, members);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, state_id (c->state));
  json_builder_set_member_name (b, "flags");
  json_builder_begin_array (b);
  for (guint i = 0; i < c->flag_ids->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (c->flag_ids, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "current_flags");
  json_builder_add_int_value (b, c->n_current);
  json_builder_set_member_name (b, "opened");
  json_builder_add_int_value (b, c->opened);
  json_builder_set_member_name (b, "updated");
  json_builder_add_int_value (b, c->updated);
  assayctl_json_add_string (b, "assignee", c->assignee);
  assayctl_json_add_string (b, "county", c->county);
  assayctl_json_add_string (b, "article", c->article);
  assayctl_json_add_string (b, "severity", c->severity);
}

/* A positive case number, or 0 after a usage error. */
static gint64
parse_case_id (const char *text)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return 0;
  return (gint64) value;
}

/* ---- cases ------------------------------------------------------------------ */

enum { COL_ID, COL_STATE, COL_SUBJECT, COL_SEVERITY, COL_FLAGS, COL_ASSIGNEE, COL_OPENED, N_COLUMNS };

static const char *const column_titles[N_COLUMNS] = {
  N_("Case"), N_("State"), N_("Subject"), N_("Severity"), N_("Flags"), N_("Assignee"), N_("Opened"),
};

static char **
case_cells (const AssayCase *c)
{
  char **cells = g_new0 (char *, N_COLUMNS + 1);
  g_autoptr(GDateTime) opened = g_date_time_new_from_unix_utc (c->opened);

  cells[COL_ID] = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);
  cells[COL_STATE] = g_strdup (state_label (c->state));
  cells[COL_SUBJECT] = g_strdup_printf ("%s %s", c->subject_kind, c->subject_id);
  cells[COL_SEVERITY] = g_strdup (c->severity != NULL ? c->severity : "");
  /* "current/all": how many the latest run still raises. */
  cells[COL_FLAGS] = g_strdup_printf ("%u/%u", c->n_current, c->flag_ids->len);
  cells[COL_ASSIGNEE] = g_strdup (c->assignee != NULL ? c->assignee : "");
  cells[COL_OPENED] = opened != NULL ? g_date_time_format (opened, "%Y-%m-%d %H:%M") : g_strdup ("");
  return cells;
}

static void
print_cases_table (GPtrArray *cases)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *titles[N_COLUMNS];

  for (guint c = 0; c < N_COLUMNS; c++)
    titles[c] = _(column_titles[c]);
  for (guint i = 0; i < cases->len; i++)
    g_ptr_array_add (rows, case_cells (g_ptr_array_index (cases, i)));
  assayctl_print_table (titles, N_COLUMNS, rows, 1u << COL_ID | 1u << COL_FLAGS);
}

static void
print_cases_json (AssayReplica *replica,
                  GPtrArray    *cases)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "cases");
  json_builder_begin_array (b);
  for (guint i = 0; i < cases->len; i++)
    {
      json_builder_begin_object (b);
      add_case_members (b, replica, g_ptr_array_index (cases, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  assayctl_print_json (node);
}

int
assayctl_cmd_cases (const AssayctlGlobals *globals,
                    int                    argc,
                    char                 **argv)
{
  gboolean json = FALSE;
  g_autofree char *state = NULL;
  const GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state,
      N_("Only cases in this state: open, in_review, decided or reopened"), N_("STATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  int wanted = -1;
  int status;

  if (!assayctl_parse_options_only ("cases", entries, &argc, &argv, &status))
    return status;
  if (state != NULL && !assay_enum_from_nick (ASSAY_TYPE_CASE_STATE, state, &wanted))
    return assay_cli_usage_error ("assayctl cases", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("unknown state “%s”; the states are open, in_review, decided "
                                    "and reopened."), state);
  replica = assayctl_open_replica (globals, "cases", ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL)
    return status;
  cases = assay_replica_list_cases (replica, &error);
  if (cases == NULL)
    return assayctl_fail (error);
  for (guint i = cases->len; wanted >= 0 && i > 0; i--)
    if ((int) ((AssayCase *) g_ptr_array_index (cases, i - 1))->state != wanted)
      g_ptr_array_remove_index (cases, i - 1);
  if (json)
    print_cases_json (replica, cases);
  else if (cases->len == 0)
    g_print (_("No cases. Cases open when a sync raises flags (assayctl sync).\n"));
  else
    print_cases_table (cases);
  return ASSAYCTL_EXIT_OK;
}

/* ---- case ID ---------------------------------------------------------------- */

static void
print_case_json (AssayReplica    *replica,
                 const AssayCase *c,
                 GPtrArray       *flags,
                 GPtrArray       *history)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  add_case_members (b, replica, c);
  json_builder_set_member_name (b, "flag_details");
  json_builder_begin_array (b);
  for (guint i = 0; i < flags->len; i++)
    {
      const AssayStoredFlag *f = g_ptr_array_index (flags, i);
      JsonNode *flag = parse_json (f->json);

      if (JSON_NODE_HOLDS_OBJECT (flag))
        json_object_set_boolean_member (json_node_get_object (flag), "current", f->current);
      json_builder_add_value (b, flag);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "history");
  json_builder_begin_array (b);
  for (guint i = 0; i < history->len; i++)
    {
      const AssayCaseEvent *e = g_ptr_array_index (history, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "at");
      json_builder_add_int_value (b, e->at);
      assayctl_json_add_string (b, "author", e->author);
      assayctl_json_add_string (b, "kind", e->kind);
      assayctl_json_add_string (b, "detail", e->detail);
      json_builder_set_member_name (b, "note");
      json_builder_add_boolean_value (b, e->is_note);
      assayctl_json_add_string (b, "text", e->text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  assayctl_print_json (node);
}

static void
print_flag_text (const AssayStoredFlag *f)
{
  g_autoptr(JsonNode) node = parse_json (f->json);
  g_autofree char *from = assay_day_format (f->from);
  g_autofree char *to = assay_day_format (f->to);
  const char *explanation = NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    explanation = json_object_get_string_member_with_default (json_node_get_object (node),
                                                              "explanation", NULL);
  g_print ("  %s  %s  %s…%s  %s%s\n", f->id, f->rule, from, to, f->severity,
           f->current ? "" : _(" (no longer raised)"));
  if (explanation != NULL)
    g_print ("    %s\n", explanation);
}

static void
print_case_text (AssayReplica    *replica,
                 const AssayCase *c,
                 GPtrArray       *flags,
                 GPtrArray       *history)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);
  g_autofree char *opened = assayctl_format_time (c->opened);
  g_autofree char *updated = assayctl_format_time (c->updated);
  g_autofree char *n_flags = g_strdup_printf ("%u", c->flag_ids->len);
  g_autofree char *n_current = g_strdup_printf ("%u", c->n_current);
  g_auto(GStrv) members = case_members (replica, c);

  g_print (_("Case %s: %s %s\n"), number, c->subject_kind, c->subject_id);
  if (members != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", members);

      g_print (_("Members: %s\n"), joined);
    }
  g_print (_("State: %s\nOpened: %s\nUpdated: %s\n"), state_label (c->state), opened, updated);
  g_print (_("Assignee: %s\n"), c->assignee != NULL ? c->assignee : _("nobody"));
  if (c->county != NULL)
    g_print (_("County: %s\n"), c->county);
  if (c->severity != NULL)
    g_print (_("Severity: %s (article %s)\n"), c->severity, c->article);
  g_print (_("Flags: %s, %s raised by the latest run\n"), n_flags, n_current);
  for (guint i = 0; i < flags->len; i++)
    print_flag_text (g_ptr_array_index (flags, i));
  g_print (_("History:\n"));
  for (guint i = 0; i < history->len; i++)
    {
      const AssayCaseEvent *e = g_ptr_array_index (history, i);
      g_autofree char *at = assayctl_format_time (e->at);

      g_print ("  %s  %s  %s\n", at, e->author, e->text);
    }
}

static int
show_case (AssayReplica *replica,
           gint64        case_id,
           gboolean      json)
{
  g_autoptr(AssayCase) c = NULL;
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_flag_free);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  c = assay_replica_get_case (replica, case_id, &error);
  if (c == NULL)
    return assayctl_fail (error);
  for (guint i = 0; i < c->flag_ids->len; i++)
    {
      AssayStoredFlag *f = assay_replica_get_flag (replica, g_ptr_array_index (c->flag_ids, i), &error);

      if (f == NULL)
        return assayctl_fail (error);
      g_ptr_array_add (flags, f);
    }
  history = assay_replica_case_history (replica, case_id, &error);
  if (history == NULL)
    return assayctl_fail (error);
  if (json)
    print_case_json (replica, c, flags, history);
  else
    print_case_text (replica, c, flags, history);
  return ASSAYCTL_EXIT_OK;
}

int
assayctl_cmd_case (const AssayctlGlobals *globals,
                   int                    argc,
                   char                 **argv)
{
  gboolean json = FALSE, review = FALSE;
  g_autofree char *assign = NULL;
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "review", 0, 0, G_OPTION_ARG_NONE, &review, N_("Start the review of the case"), NULL },
    { "assign", 0, 0, G_OPTION_ARG_STRING, &assign,
      N_("Assign the case to NAME (\"\" unassigns it)"), N_("NAME") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Add a note to the case's history"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  const char *author = g_get_user_name ();
  gboolean change;
  gint64 case_id;
  int status;

  if (!assayctl_parse_options ("case", _("ID"), entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 2)
    return assay_cli_usage_error ("assayctl case", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give one case ID (the numbers are in “assayctl cases”)."));
  case_id = parse_case_id (argv[1]);
  if (case_id == 0)
    return assay_cli_usage_error ("assayctl case", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("“%s” is not a case ID: give its number, as “assayctl cases” "
                                    "lists it."), argv[1]);
  change = review || assign != NULL || note != NULL;
  if ((review ? 1 : 0) + (assign != NULL ? 1 : 0) + (note != NULL ? 1 : 0) > 1)
    return assay_cli_usage_error ("assayctl case", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give one of --review, --assign and --note at a time."));
  if (change && json)
    return assay_cli_usage_error ("assayctl case", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--json shows a case; it does not go with --review, --assign "
                                    "or --note."));
  replica = assayctl_open_replica (globals, "case",
                                   change ? ASSAY_REPLICA_OPEN_DEFAULT : ASSAY_REPLICA_OPEN_READ_ONLY,
                                   &status);
  if (replica == NULL)
    return status;
  if (!change)
    return show_case (replica, case_id, json);

  if ((review && !assay_replica_case_start_review (replica, case_id, author, &error)) ||
      (assign != NULL && !assay_replica_case_assign (replica, case_id, assign, author, &error)) ||
      (note != NULL && !assay_replica_case_add_note (replica, case_id, author, note, &error)))
    {
      /* A refusal (unknown case, decided case) is 1; a malformed note or
       * name (ASSAY_ERROR_INVALID_ARGUMENT) a usage error, 2. */
      return assayctl_fail (error);
    }
  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);

    if (review)
      g_print (_("Case %s is in review.\n"), number);
    else if (assign != NULL && *assign != '\0')
      g_print (_("Case %s is assigned to %s.\n"), number, assign);
    else if (assign != NULL)
      g_print (_("Case %s is unassigned.\n"), number);
    else
      g_print (_("Note added to case %s.\n"), number);
  }
  return ASSAYCTL_EXIT_OK;
}

/* ---- flags --stored ------------------------------------------------------------- */

int
assayctl_print_stored_flags (AssayReplica *replica,
                             gboolean      json)
{
  g_autoptr(AssayFlagRun) run = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *root64 = NULL;

  run = assay_replica_get_flag_run (replica, &error);
  if (run == NULL && error != NULL)
    return assayctl_fail (error);
  flags = assay_replica_list_flags (replica, &error);
  if (flags == NULL)
    return assayctl_fail (error);
  if (run == NULL && !json)
    {
      g_print (_("No flags stored yet: they are computed after each sync (assayctl sync).\n"));
      return ASSAYCTL_EXIT_OK;
    }
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "run");
      if (run == NULL)
        json_builder_add_null_value (b);
      else
        {
          root64 = g_base64_encode (run->checkpoint_root, ASSAY_HASH_SIZE);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "rule_set");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, run->rule_set_name);
          json_builder_set_member_name (b, "version");
          json_builder_add_int_value (b, run->rule_set_version);
          json_builder_set_member_name (b, "sha256");
          json_builder_add_string_value (b, run->rule_set_sha256);
          json_builder_end_object (b);
          json_builder_set_member_name (b, "checkpoint");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "size");
          json_builder_add_int_value (b, run->checkpoint_size);
          json_builder_set_member_name (b, "root");
          json_builder_add_string_value (b, root64);
          json_builder_end_object (b);
          json_builder_set_member_name (b, "computed_at");
          json_builder_add_int_value (b, run->computed_at);
          json_builder_end_object (b);
        }
      json_builder_set_member_name (b, "flags");
      json_builder_begin_array (b);
      for (guint i = 0; i < flags->len; i++)
        json_builder_add_value (b, parse_json (((AssayStoredFlag *) flags->pdata[i])->json));
      json_builder_end_array (b);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      assayctl_print_json (node);
      return ASSAYCTL_EXIT_OK;
    }
  {
    g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, run->rule_set_version);
    g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, run->checkpoint_size);
    g_autofree char *at = assayctl_format_time (run->computed_at);

    g_print (_("Stored flags of rule set %s, version %s, at tree size %s, computed %s: %u flags\n"),
             run->rule_set_name, version, size, at, flags->len);
    for (guint i = 0; i < flags->len; i++)
      print_flag_text (flags->pdata[i]);
  }
  return ASSAYCTL_EXIT_OK;
}

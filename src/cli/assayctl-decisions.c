/* assayctl-decisions.c — the log's decisions, and an account's standing
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
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-replica-decisions.h"
#include "assay-replica-pauses.h"
#include "assay-replica-enums.h"
#include "assayctl-commands.h"
#include "assayctl-replica-util.h"

/* ---- shared ----------------------------------------------------------------- */

/* A JSON text stored by the replica, as a node (null if it does not parse). */
static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return json_node_new (JSON_NODE_NULL);
  return json_node_copy (json_parser_get_root (parser));
}

static void
add_decision (JsonBuilder               *b,
              const AssayLoggedDecision *d)
{
  g_autofree char *logged = assay_day_format (d->logged_day);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "index");
  json_builder_add_int_value (b, d->index);
  json_builder_set_member_name (b, "hash");
  json_builder_add_string_value (b, d->hash);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, d->kind);
  json_builder_set_member_name (b, "outcome");
  json_builder_add_string_value (b, d->outcome);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, d->role);
  json_builder_set_member_name (b, "subject");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, d->subject_kind);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, d->subject_id);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "subject_seq");
  json_builder_add_int_value (b, d->subject_seq);
  json_builder_set_member_name (b, "signers");
  json_builder_add_value (b, parse_json (d->signers));
  json_builder_set_member_name (b, "rationale");
  json_builder_add_string_value (b, d->rationale);
  json_builder_set_member_name (b, "logged");
  json_builder_add_string_value (b, logged);
  json_builder_set_member_name (b, "payload");
  json_builder_add_value (b, parse_json (d->payload));
  json_builder_end_object (b);
}

static void
print_decisions_table (GPtrArray *decisions)
{
  const char *titles[] = { _("Index"), _("Logged"), _("Outcome"), _("Subject"), _("Seq"), _("Signed by") };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < decisions->len; i++)
    {
      AssayLoggedDecision *d = g_ptr_array_index (decisions, i);
      char **row = g_new0 (char *, G_N_ELEMENTS (titles) + 1);
      g_autoptr(JsonNode) signers = parse_json (d->signers);
      g_autoptr(GString) names = g_string_new (NULL);

      if (JSON_NODE_HOLDS_ARRAY (signers))
        for (guint k = 0; k < json_array_get_length (json_node_get_array (signers)); k++)
          g_string_append_printf (names, "%s%s", k > 0 ? ", " : "",
                                  json_array_get_string_element (json_node_get_array (signers), k));
      row[0] = g_strdup_printf ("%" PRIu64, d->index);
      row[1] = assay_day_format (d->logged_day);
      row[2] = g_strdup (d->outcome);
      row[3] = g_strdup_printf ("%s:%s", d->subject_kind, d->subject_id);
      row[4] = g_strdup_printf ("%" G_GINT64_FORMAT, d->subject_seq);
      row[5] = g_strdup (names->str);
      g_ptr_array_add (rows, row);
    }
  assayctl_print_table (titles, G_N_ELEMENTS (titles), rows, 1 << 0 | 1 << 4);
}

/* ---- decisions -------------------------------------------------------------- */

int
assayctl_cmd_decisions (const AssayctlGlobals *globals,
                        int                    argc,
                        char                 **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!assayctl_parse_options_only ("decisions", entries, &argc, &argv, &status))
    return status;
  replica = assayctl_open_replica (globals, "decisions", ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL)
    return status;
  if ((decisions = assay_replica_list_decisions (replica, NULL, NULL, &error)) == NULL)
    return assayctl_fail (error);
  if (json)
    assayctl_print_json_array (decisions, (AssayctlAddJsonFunc) add_decision);
  else if (decisions->len == 0)
    g_print (_("No decisions in the log yet (as of the last sync).\n"));
  else
    print_decisions_table (decisions);
  return ASSAYCTL_EXIT_OK;
}

/* ---- account ID ------------------------------------------------------------- */

static void
add_down_weights (JsonBuilder *b,
                  GArray      *weights)
{
  json_builder_begin_array (b);
  for (guint i = 0; i < weights->len; i++)
    {
      const AssayDownWeight *w = &g_array_index (weights, AssayDownWeight, i);
      g_autofree char *from = assay_day_format (w->from_day);
      g_autofree char *to = assay_day_format (w->to_day);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "dimension");
      json_builder_add_string_value (b, assay_dimension_to_id (w->dimension));
      json_builder_set_member_name (b, "from");
      json_builder_add_string_value (b, from);
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, to);
      json_builder_set_member_name (b, "index");
      json_builder_add_int_value (b, w->index);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* The pauses that hold the account: its own, its ring's, its county's. */
static void
add_pauses (JsonBuilder *b,
            GPtrArray   *pauses)
{
  json_builder_begin_array (b);
  for (guint i = 0; i < pauses->len; i++)
    {
      const AssayStoredPause *p = g_ptr_array_index (pauses, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "index");
      json_builder_add_int_value (b, p->index);
      json_builder_set_member_name (b, "flag");
      json_builder_add_string_value (b, p->flag);
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, p->rule);
      json_builder_set_member_name (b, "subject_kind");
      json_builder_add_string_value (b, p->subject_kind);
      json_builder_set_member_name (b, "subject");
      json_builder_add_string_value (b, p->subject);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
print_account_json (const char        *account,
                    AssayAccountState  state,
                    gint64             state_index,
                    GArray            *weights,
                    GPtrArray         *decisions,
                    GPtrArray         *pauses)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "account");
  json_builder_add_string_value (b, account);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, assay_enum_get_nick (ASSAY_TYPE_ACCOUNT_STATE, state));
  json_builder_set_member_name (b, "state_index");
  if (state_index >= 0)
    json_builder_add_int_value (b, state_index);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "down_weights");
  add_down_weights (b, weights);
  json_builder_set_member_name (b, "pauses");
  add_pauses (b, pauses);
  json_builder_set_member_name (b, "decisions");
  json_builder_begin_array (b);
  for (guint i = 0; i < decisions->len; i++)
    add_decision (b, g_ptr_array_index (decisions, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  assayctl_print_json (node);
}

static const char *
state_label (AssayAccountState state)
{
  switch (state)
    {
    case ASSAY_ACCOUNT_PAUSED:
      return _("paused");
    case ASSAY_ACCOUNT_FROZEN:
      return _("frozen");
    case ASSAY_ACCOUNT_ZEROED:
      return _("zeroed");
    case ASSAY_ACCOUNT_ACTIVE:
    default:
      return _("active");
    }
}

static void
print_account_text (const char        *account,
                    AssayAccountState  state,
                    gint64             state_index,
                    GArray            *weights,
                    GPtrArray         *decisions,
                    GPtrArray         *pauses)
{
  if (state_index >= 0)
    g_print (_("Account %s: %s (set by log index %" PRIi64 ")\n"), account, state_label (state), state_index);
  else
    g_print (_("Account %s: %s\n"), account, state_label (state));
  for (guint i = 0; i < weights->len; i++)
    {
      const AssayDownWeight *w = &g_array_index (weights, AssayDownWeight, i);
      g_autofree char *from = assay_day_format (w->from_day);
      g_autofree char *to = assay_day_format (w->to_day);

      g_print (_("Down-weighted in %s from %s to %s (decision at log index %" PRIu64 ")\n"),
               assay_dimension_get_label (w->dimension), from, to, w->index);
    }
  for (guint i = 0; i < pauses->len; i++)
    {
      const AssayStoredPause *p = g_ptr_array_index (pauses, i);

      /* Translators: a pause that named this account, whatever happened
       * after it: "Pause by 6.1.county_spike on county 310118 (log index 12)". */
      g_print (_("Pause by %s on %s %s (log index %" PRIu64 ")\n"),
               p->rule, p->subject_kind, p->subject, p->index);
    }
  if (decisions->len > 0)
    print_decisions_table (decisions);
}

int
assayctl_cmd_account (const AssayctlGlobals *globals,
                      int                    argc,
                      char                 **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GArray) weights = NULL;
  g_autoptr(GPtrArray) pauses = NULL;
  g_autoptr(GError) error = NULL;
  AssayAccountState state;
  gint64 state_index;
  int status;

  if (!assayctl_parse_options ("account", N_("ID"), entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 2)
    return assay_cli_usage_error ("assayctl account", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give one account id."));
  replica = assayctl_open_replica (globals, "account", ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL)
    return status;
  if (!assay_replica_get_account_state (replica, argv[1], &state, &state_index, &error) ||
      (weights = assay_replica_list_down_weights (replica, argv[1], &error)) == NULL ||
      (decisions = assay_replica_list_decisions (replica, "account", argv[1], &error)) == NULL ||
      (pauses = assay_replica_list_account_pauses (replica, argv[1], &error)) == NULL)
    return assayctl_fail (error);
  if (json)
    print_account_json (argv[1], state, state_index, weights, decisions, pauses);
  else
    print_account_text (argv[1], state, state_index, weights, decisions, pauses);
  return ASSAYCTL_EXIT_OK;
}

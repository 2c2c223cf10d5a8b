/* assayctl-filings.c — the committee's requests and the panel's docket
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

#include "assay-day.h"
#include "assay-enum.h"
#include "assay-filing-text.h"
#include "assay-replica-cases.h"
#include "assay-replica-decisions.h"
#include "assay-replica-enums.h"
#include "assayctl-commands.h"
#include "assayctl-replica-util.h"

/* A filing case with what the lists show of it. */
typedef struct
{
  AssayCase         *c;         /* borrowed */
  AssayReplicaEntry *entry;     /* the filing's entry, verified */
  GPtrArray         *checks;    /* AssayStoredFlag of the case, oldest first */
  GPtrArray         *decisions; /* AssayFilingDecision, log order: the last stands */
} Item;

static void
item_free (Item *item)
{
  assay_replica_entry_free (item->entry);
  g_ptr_array_unref (item->checks);
  g_clear_pointer (&item->decisions, g_ptr_array_unref);
  g_free (item);
}

static Item *
item_new (AssayReplica  *replica,
          AssayCase     *c,
          GError       **error)
{
  g_autoptr(AssayReplicaEntry) entry = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  Item *item;
  guint64 index = g_ascii_strtoull (c->subject_id, NULL, 10);

  if ((entry = assay_replica_get_entry (replica, index, error)) == NULL)
    return NULL;
  if ((decisions = assay_replica_filing_decisions (replica, index, error)) == NULL)
    return NULL;
  item = g_new0 (Item, 1);
  item->c = c;
  item->entry = g_steal_pointer (&entry);
  item->decisions = g_steal_pointer (&decisions);
  item->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_flag_free);
  for (guint i = 0; i < c->flag_ids->len; i++)
    {
      AssayStoredFlag *flag = assay_replica_get_flag (replica, c->flag_ids->pdata[i], NULL);

      if (flag != NULL)
        g_ptr_array_add (item->checks, flag);
    }
  return item;
}

/* The filing cases the panel (@panel) or the committee decides, oldest
 * first; NULL after printing why. */
static GPtrArray *
list_items (AssayReplica  *replica,
            GPtrArray     *cases,
            gboolean       panel,
            int           *out_status)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < cases->len; i++)
    {
      AssayCase *c = cases->pdata[i];
      Item *item;

      if (!c->is_filing || c->for_panel != panel)
        continue;
      if ((item = item_new (replica, c, &error)) == NULL)
        {
          *out_status = assayctl_fail (error);
          return NULL;
        }
      if (item->entry->parsed == NULL)
        item_free (item);  /* withheld or erased since: nothing to decide */
      else
        g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}

static char *
flag_explanation (const AssayStoredFlag *flag)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  if (!json_parser_load_from_data (parser, flag->json, -1, NULL))
    return g_strdup (flag->rule);
  o = json_node_get_object (json_parser_get_root (parser));
  return g_strdup (json_object_get_string_member_with_default (o, "explanation", flag->rule));
}

static gint64
age_days (const AssayEntry *filing)
{
  return (gint64) assay_day_today () - (gint64) filing->event_day;
}

/* The free texts a person reads before deciding, labelled. */
static void
print_texts (const AssayEntry *e)
{
  if (e->kind == ASSAY_ENTRY_DISPUTE)
    {
      g_print (_("  Province %s: %s\n"), e->claimant, e->text);
      g_print (_("  Province %s: %s\n"), e->respondent, e->respondent_statement);
    }
  else if (e->kind == ASSAY_ENTRY_APPEAL)
    g_print (_("  Reason: %s\n"), e->text);
  else if (e->kind == ASSAY_ENTRY_FAILURE_CLAIM)
    g_print (_("  Project: %s\n"), e->text);
  else if (e->kind == ASSAY_ENTRY_INSURANCE_CLAIM)
    g_print (_("  Venture: %s\n"), e->text);
}

static void
print_item (const Item *item)
{
  const AssayEntry *e = item->entry->parsed;
  g_autofree char *filed = assay_day_format (e->event_day);
  g_autofree char *summary = assay_filing_summary (e);

  g_print (_("Case %" PRIi64 " · %s · %s · %s · filed %s, %" PRIi64 " days ago · index %" PRIu64 "\n"),
           item->c->id, assay_enum_get_nick (ASSAY_TYPE_CASE_STATE, item->c->state),
           assay_filing_kind_get_label (e->kind), e->account, filed, age_days (e), item->entry->index);
  g_print ("  %s\n", summary);
  print_texts (e);
  for (guint i = 0; i < item->checks->len; i++)
    {
      g_autofree char *text = flag_explanation (item->checks->pdata[i]);

      g_print (_("  Check %s: %s\n"), ((AssayStoredFlag *) item->checks->pdata[i])->rule, text);
    }
  for (guint i = 0; i < item->decisions->len; i++)
    {
      const AssayFilingDecision *d = item->decisions->pdata[i];
      g_autofree char *day = assay_day_format (d->logged_day);
      g_autofree char *signers = assay_signers_dup_names (d->signers);

      if (d->has_amount)
        g_print (_("  Decided %s (%" PRIi64 " points), logged at index %" PRIu64 " on %s, signed by %s\n"),
                 d->outcome, d->amount, d->index, day, signers != NULL ? signers : d->signers);
      else
        g_print (_("  Decided %s, logged at index %" PRIu64 " on %s, signed by %s\n"),
                 d->outcome, d->index, day, signers != NULL ? signers : d->signers);
    }
}

/* The decisions on the filing, the last one standing: each with its
 * outcome, award or points, log index, day and signers. */
static void
add_decisions_json (JsonBuilder *b,
                    GPtrArray   *decisions)
{
  json_builder_set_member_name (b, "decisions");
  json_builder_begin_array (b);
  for (guint i = 0; i < decisions->len; i++)
    {
      const AssayFilingDecision *d = decisions->pdata[i];
      g_autofree char *day = assay_day_format (d->logged_day);
      g_autoptr(JsonParser) parser = json_parser_new ();

      json_builder_begin_object (b);
      assayctl_json_add_int (b, "index", d->index);
      assayctl_json_add_string (b, "kind", d->kind);
      assayctl_json_add_string (b, "outcome", d->outcome);
      json_builder_set_member_name (b, "amount");
      if (d->has_amount)
        json_builder_add_int_value (b, d->amount);
      else
        json_builder_add_null_value (b);
      assayctl_json_add_string (b, "logged", day);
      json_builder_set_member_name (b, "signers");
      if (d->signers != NULL && json_parser_load_from_data (parser, d->signers, -1, NULL))
        json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_item_json (JsonBuilder   *b,
               gconstpointer  data)
{
  const Item *item = data;
  const AssayEntry *e = item->entry->parsed;
  g_autofree char *summary = assay_filing_summary (e);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *body = g_bytes_get_data (item->entry->body, &len);

  json_builder_begin_object (b);
  assayctl_json_add_int (b, "case", item->c->id);
  assayctl_json_add_string (b, "state", assay_enum_get_nick (ASSAY_TYPE_CASE_STATE, item->c->state));
  assayctl_json_add_int (b, "index", item->entry->index);
  assayctl_json_add_string (b, "kind", assay_entry_kind_to_id (e->kind));
  assayctl_json_add_string (b, "account", e->account);
  assayctl_json_add_int (b, "age_days", age_days (e));
  assayctl_json_add_string (b, "summary", summary);
  /* The body as the log holds it: every member, exactly. */
  json_builder_set_member_name (b, "filing");
  if (json_parser_load_from_data (parser, body, len, NULL))
    json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "checks");
  json_builder_begin_array (b);
  for (guint i = 0; i < item->checks->len; i++)
    {
      const AssayStoredFlag *flag = item->checks->pdata[i];
      g_autofree char *text = flag_explanation (flag);

      json_builder_begin_object (b);
      assayctl_json_add_string (b, "flag", flag->id);
      assayctl_json_add_string (b, "rule", flag->rule);
      assayctl_json_add_string (b, "explanation", text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_decisions_json (b, item->decisions);
  json_builder_end_object (b);
}

static int
list_filing_cases (const AssayctlGlobals *globals,
                   const char            *command,
                   gboolean               panel,
                   int                    argc,
                   char                 **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  int status = ASSAYCTL_EXIT_OK;

  if (!assayctl_parse_options_only (command, entries, &argc, &argv, &status))
    return status;
  replica = assayctl_open_replica (globals, command, ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL)
    return status;
  if ((cases = assay_replica_list_cases (replica, &error)) == NULL)
    return assayctl_fail (error);
  if ((items = list_items (replica, cases, panel, &status)) == NULL)
    return status;
  if (json)
    assayctl_print_json_array (items, add_item_json);
  else if (items->len == 0)
    g_print (panel ? _("The docket is empty: no dispute or appeal against a decision has been filed.\n")
                   : _("No requests: no participant's filing waits for the committee.\n"));
  else
    for (guint i = 0; i < items->len; i++)
      print_item (items->pdata[i]);
  return ASSAYCTL_EXIT_OK;
}

int
assayctl_cmd_docket (const AssayctlGlobals *globals,
                     int                    argc,
                     char                 **argv)
{
  return list_filing_cases (globals, "docket", TRUE, argc, argv);
}

int
assayctl_cmd_requests (const AssayctlGlobals *globals,
                       int                    argc,
                       char                 **argv)
{
  return list_filing_cases (globals, "requests", FALSE, argc, argv);
}

/* assayctl-scores.c — assayctl scores: every account's contribution value, level and tiers
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

#include "assay-cli-options.h"
#include "assay-day.h"
#include "assay-enum.h"
#include "assay-replica-values.h"
#include "assay-scores.h"
#include "assay-scores-enums.h"
#include "assayctl-replica-util.h"

typedef struct
{
  AssayReplica *replica;
  AssayScorer  *scorer;
  JsonBuilder  *json;      /* NULL: text */
  GPtrArray    *rows;      /* text rows */
} Printer;

static char *
tiers_text (const AssayScore *s)
{
  GString *text = g_string_new (NULL);

  for (guint t = 0; t < s->n_tiers; t++)
    g_string_append_printf (text, "%s%s", t > 0 ? ", " : "", assay_tier_get_label (t));
  if (s->frozen)
    g_string_append (text, _("none while frozen"));
  return g_string_free (text, FALSE);
}

static void
add_json_score (JsonBuilder      *b,
                const char       *account,
                const AssayScore *s)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "account");
  json_builder_add_string_value (b, account);
  json_builder_set_member_name (b, "value");
  json_builder_add_double_value (b, s->value);
  json_builder_set_member_name (b, "level");
  json_builder_add_int_value (b, s->level);
  json_builder_set_member_name (b, "tiers");
  json_builder_begin_array (b);
  for (guint t = 0; t < s->n_tiers; t++)
    json_builder_add_string_value (b, assay_tier_to_id (t));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "frozen");
  json_builder_add_boolean_value (b, s->frozen);
  json_builder_set_member_name (b, "computed_from");
  json_builder_add_string_value (b, s->from_days ? "days" : "sums");
  json_builder_end_object (b);
}

static void
add_text_score (GPtrArray        *rows,
                const char       *account,
                const AssayScore *s)
{
  char **row = g_new0 (char *, 5);

  row[0] = g_strdup (account);
  row[1] = g_strdup_printf ("%.2f", s->value);
  row[2] = g_strdup_printf ("L%u", s->level);
  row[3] = tiers_text (s);
  g_ptr_array_add (rows, row);
}

static gboolean
print_chunk (const AssayScore *scores,
             gsize             n,
             gpointer          user_data,
             GError          **error)
{
  Printer *p = user_data;
  g_autofree guint64 *ids = g_new (guint64, n);
  g_auto(GStrv) names = NULL;

  for (gsize i = 0; i < n; i++)
    ids[i] = scores[i].account_id;
  if ((names = assay_replica_account_names (p->replica, ids, n, error)) == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (p->json != NULL)
      add_json_score (p->json, names[i], &scores[i]);
    else
      add_text_score (p->rows, names[i], &scores[i]);
  return TRUE;
}

static void
add_json_version (JsonBuilder               *b,
                  const AssayWeightsVersion *v)
{
  g_autofree char *effective = assay_day_format (v->effective);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "log_index");
  if (v->equal)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, v->index);
  json_builder_set_member_name (b, "equal");
  json_builder_add_boolean_value (b, v->equal);
  json_builder_set_member_name (b, "effective");
  if (v->equal)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, effective);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, assay_enum_get_nick (ASSAY_TYPE_WEIGHTS_STATUS, v->status));
  json_builder_set_member_name (b, "basis_points");
  json_builder_begin_object (b);
  for (int d = 0; d < ASSAY_N_DIMENSIONS && !v->equal; d++)
    {
      json_builder_set_member_name (b, assay_dimension_to_id (d));
      json_builder_add_int_value (b, v->basis_points[d]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "multipliers");
  json_builder_begin_object (b);
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      json_builder_set_member_name (b, assay_dimension_to_id (d));
      json_builder_add_double_value (b, v->multiplier[d]);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
begin_json (JsonBuilder  *b,
            AssayRuleSet *set,
            AssayScorer  *scorer)
{
  const AssayWeightsSchedule *schedule = assay_scorer_get_schedule (scorer);
  guint32 as_of = assay_scorer_get_as_of (scorer);
  g_autofree char *day = assay_day_format (as_of);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "as_of");
  json_builder_add_string_value (b, day);
  json_builder_set_member_name (b, "rule_set");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, assay_rule_set_get_name (set));
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, assay_rule_set_get_version (set));
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, assay_rule_set_get_sha256 (set));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "weights_in_force");
  add_json_version (b, assay_weights_schedule_on (schedule, as_of));
  json_builder_set_member_name (b, "weights_versions");
  json_builder_begin_array (b);
  for (guint i = 0; i < schedule->versions->len; i++)
    add_json_version (b, &g_array_index (schedule->versions, AssayWeightsVersion, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "accounts");
  json_builder_begin_array (b);
}

static char *
version_text (const AssayWeightsVersion *v)
{
  g_autofree char *effective = assay_day_format (v->effective);

  if (v->equal)
    return g_strdup (_("the plan's equal weights (every multiplier 1)"));
  /* TRANSLATORS: "the weights of log index 812, in effect from 2026-07-01" */
  return g_strdup_printf (_("the weights of log index %" PRIu64 ", in effect from %s"), v->index, effective);
}

static void
print_text (AssayRuleSet *set,
            AssayScorer  *scorer,
            GPtrArray    *rows)
{
  const char *titles[] = { N_("Account"), N_("Value"), N_("Level"), N_("Tiers it may redeem") };
  guint32 as_of = assay_scorer_get_as_of (scorer);
  g_autofree char *day = assay_day_format (as_of);
  g_autofree char *weights = version_text (assay_weights_schedule_on (assay_scorer_get_schedule (scorer), as_of));

  /* TRANSLATORS: "Values at 2026-12-06 by rule set pilot v3; weights in force: …" */
  g_print (_("Values at %s by rule set %s v%" PRIi64 "; weights in force: %s.\n"), day,
           assay_rule_set_get_name (set), assay_rule_set_get_version (set), weights);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    titles[i] = _(titles[i]);
  assayctl_print_table (titles, G_N_ELEMENTS (titles), rows, 1u << 1);
}

static int
print_one (Printer     *p,
           const char  *account,
           GError     **error)
{
  AssayScore score;
  guint64 id;

  if (!assay_replica_account_number (p->replica, account, &id, error) ||
      !assay_scorer_score_account (p->scorer, id, &score, error))
    return FALSE;
  if (p->json != NULL)
    add_json_score (p->json, account, &score);
  else
    add_text_score (p->rows, account, &score);
  return TRUE;
}

int
assayctl_cmd_scores (const AssayctlGlobals *globals,
                     int                    argc,
                     char                 **argv)
{
  gboolean json = FALSE;
  g_autofree char *rule_set = NULL;
  g_autofree char *account = NULL;
  g_autofree char *as_of_text = NULL;
  const GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("Only this account"), N_("ID") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("The day the values are for (default: today)"),
      N_("YYYY-MM-DD") },
    { "rule-set", 0, 0, G_OPTION_ARG_FILENAME, &rule_set, N_("Use this rule set instead of the default one"),
      N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayRuleSet) set = NULL;
  g_autoptr(AssayScorer) scorer = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) error = NULL;
  guint32 as_of = 0;
  Printer p;
  int status;

  if (!assayctl_parse_options_only ("scores", entries, &argc, &argv, &status))
    return status;
  if (!assayctl_parse_as_of ("scores", as_of_text, &as_of, &status))
    return status;
  /* Writable: the value sums are brought up to date first. */
  replica = assayctl_open_replica (globals, "scores", ASSAY_REPLICA_OPEN_DEFAULT, &status);
  if (replica == NULL)
    return status;
  if ((set = assayctl_load_rule_set (rule_set, &status)) == NULL)
    return status;
  if ((scorer = assay_scorer_new (replica, set, as_of, &error)) == NULL ||
      !assay_scorer_refresh (scorer, &error))
    return assayctl_fail (error);
  if (json)
    begin_json (builder = json_builder_new (), set, scorer);
  p = (Printer) { replica, scorer, builder, rows };
  if (account != NULL ? !print_one (&p, account, &error)
                      : !assay_scorer_foreach (scorer, print_chunk, &p, &error))
    return assayctl_fail (error);
  if (json)
    {
      g_autoptr(JsonNode) node = NULL;

      json_builder_end_array (builder);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      assayctl_print_json (node);
    }
  else
    print_text (set, scorer, rows);
  return ASSAYCTL_EXIT_OK;
}

/* assayctl-weights-what-if.c — assayctl weights what-if: every account's value under proposed weights
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
#include <math.h>
#include <string.h>

#include "assay-cli-options.h"
#include "assay-county.h"
#include "assay-day.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-fairness-what-if.h"
#include "assay-weights.h"
#include "assay-weights-what-if.h"
#include "assayctl-replica-util.h"

static void
add_kept (JsonBuilder *b,
          const char  *name,
          gsize        k,
          gsize        kept)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  assayctl_json_add_int (b, "k", k);
  assayctl_json_add_int (b, "kept", kept);
  json_builder_end_object (b);
}

static void
add_groups (JsonBuilder            *b,
            const char             *name,
            const AssayWhatIfGroup *groups,
            guint                   n)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, groups[i].id);
      assayctl_json_add_int (b, "accounts", groups[i].n);
      assayctl_json_add_number (b, "total_before", groups[i].total_before);
      assayctl_json_add_number (b, "total_after", groups[i].total_after);
      assayctl_json_add_int (b, "up", groups[i].n_up);
      assayctl_json_add_int (b, "down", groups[i].n_down);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_histogram (JsonBuilder              *b,
               const AssayWeightsWhatIf *w)
{
  json_builder_set_member_name (b, "histogram");
  json_builder_begin_array (b);
  for (guint i = 0; i < ASSAY_WHAT_IF_BINS + 2; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "from");
      if (i == 0)
        json_builder_add_null_value (b);
      else
        json_builder_add_double_value (b, assay_weights_what_if_edge (w, i - 1));
      json_builder_set_member_name (b, "to");
      if (i == ASSAY_WHAT_IF_BINS + 1)
        json_builder_add_null_value (b);
      else
        json_builder_add_double_value (b, assay_weights_what_if_edge (w, i));
      assayctl_json_add_int (b, "before", w->before_bins[i]);
      assayctl_json_add_int (b, "after", w->after_bins[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_crossings (JsonBuilder              *b,
               const AssayWeightsWhatIf *w)
{
  json_builder_set_member_name (b, "crossings");
  json_builder_begin_object (b);
  assayctl_json_add_int (b, "level_up", w->level_up);
  assayctl_json_add_int (b, "level_down", w->level_down);
  assayctl_json_add_int (b, "tier_up", w->tier_up);
  assayctl_json_add_int (b, "tier_down", w->tier_down);
  json_builder_set_member_name (b, "accounts");
  json_builder_begin_array (b);
  for (guint i = 0; i < w->crossings->len; i++)
    {
      const AssayWhatIfCrossing *c = &g_array_index (w->crossings, AssayWhatIfCrossing, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "account");
      json_builder_add_string_value (b, c->account);
      assayctl_json_add_number (b, "before", c->before);
      assayctl_json_add_number (b, "after", c->after);
      assayctl_json_add_int (b, "level_before", c->level_before);
      assayctl_json_add_int (b, "level_after", c->level_after);
      assayctl_json_add_int (b, "tiers_before", c->tiers_before);
      assayctl_json_add_int (b, "tiers_after", c->tiers_after);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_weights (JsonBuilder  *b,
             const char   *name,
             const gint64  basis_points[ASSAY_N_DIMENSIONS])
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    assayctl_json_add_int (b, assay_dimension_to_id (d), basis_points[d]);
  json_builder_end_object (b);
}

/* "fairness": what was tested, or null with "fairness_reason";
 * "fairness_changes": the groups whose verdict changes (null untested). */
static void
add_fairness (JsonBuilder               *b,
              const AssayFairnessWhatIf *f)
{
  json_builder_set_member_name (b, "fairness");
  if (f->no_cohort != NULL)
    {
      json_builder_add_null_value (b);
      json_builder_set_member_name (b, "fairness_reason");
      json_builder_add_string_value (b, f->no_cohort);
      json_builder_set_member_name (b, "fairness_changes");
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "outcome");
  json_builder_add_string_value (b, assay_enum_get_nick (ASSAY_TYPE_FAIRNESS_OUTCOME, ASSAY_FAIRNESS_OUTCOME_VALUE));
  assayctl_json_add_int (b, "groups", f->n_groups);
  assayctl_json_add_int (b, "accounts", f->n_accounts);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "fairness_changes");
  json_builder_begin_array (b);
  for (guint i = 0; i < f->changes->len; i++)
    {
      const AssayFairnessChange *c = g_ptr_array_index (f->changes, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "attributes");
      json_builder_begin_object (b);
      for (guint k = 0; c->names[k] != NULL; k++)
        {
          json_builder_set_member_name (b, c->names[k]);
          json_builder_add_string_value (b, c->values[k]);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "verdict_before");
      json_builder_add_string_value (b, assay_enum_get_nick (ASSAY_TYPE_FAIRNESS_VERDICT, c->verdict_before));
      json_builder_set_member_name (b, "verdict_after");
      json_builder_add_string_value (b, assay_enum_get_nick (ASSAY_TYPE_FAIRNESS_VERDICT, c->verdict_after));
      assayctl_json_add_number (b, "residual_median_before", c->residual_median_before);
      assayctl_json_add_number (b, "residual_median_after", c->residual_median_after);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
print_json (const AssayWeightsWhatIf  *w,
            const AssayFairnessWhatIf *fairness)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *as_of = assay_day_format (w->as_of);
  gint64 replaced[ASSAY_N_DIMENSIONS];

  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    replaced[d] = w->replaced.basis_points[d];
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "as_of");
  json_builder_add_string_value (b, as_of);
  json_builder_set_member_name (b, "replaced");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "equal");
  json_builder_add_boolean_value (b, w->replaced.equal);
  json_builder_set_member_name (b, "log_index");
  if (w->replaced.equal)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, w->replaced.index);
  if (!w->replaced.equal)
    add_weights (b, "basis_points", replaced);
  json_builder_end_object (b);
  add_weights (b, "proposed", w->proposed);
  assayctl_json_add_int (b, "accounts", w->n);
  assayctl_json_add_number (b, "total_before", w->total_before);
  assayctl_json_add_number (b, "total_after", w->total_after);
  assayctl_json_add_number (b, "kendall_tau", w->kendall_tau_b);
  assayctl_json_add_number (b, "spearman_rho", w->spearman_rho);
  add_kept (b, "top100_kept", w->top100_k, w->top100_kept);
  add_kept (b, "top1pct_kept", w->top1pct_k, w->top1pct_kept);
  add_histogram (b, w);
  add_crossings (b, w);
  add_groups (b, "by_kind", w->by_kind, ASSAY_N_ACCOUNT_KINDS);
  add_groups (b, "by_dominant_dimension", w->by_dimension, ASSAY_N_DIMENSIONS + 1);
  add_groups (b, "by_county", (const AssayWhatIfGroup *) w->by_county->data, w->by_county->len);
  add_fairness (b, fairness);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  assayctl_print_json (root);
}

/* One line per county: its name, accounts, totals and how many go up
 * and down. */
static void
print_counties (const AssayWeightsWhatIf *w)
{
  g_print (_("By county (the county of most of an account's records):\n"));
  for (guint i = 0; i < w->by_county->len; i++)
    {
      const AssayWhatIfGroup *g = &g_array_index (w->by_county, AssayWhatIfGroup, i);
      g_autofree char *name = strcmp (g->id, "none") == 0 ? g_strdup (_("no record")) : assay_county_format (g->id);

      g_print (_("  %s: accounts %" PRIu64 ", value %.2f → %.2f, up %" PRIu64 ", down %" PRIu64 "\n"), name, g->n,
               g->total_before, g->total_after, g->n_up, g->n_down);
    }
}

/* A residual median, or "—" when the group had no prediction. */
static char *
residual_text (double residual)
{
  return isnan (residual) ? g_strdup ("—") : g_strdup_printf ("%.2f", residual);
}

static void
print_fairness (const AssayFairnessWhatIf *f)
{
  if (f->no_cohort != NULL)
    {
      g_print ("%s\n", f->no_cohort);
      return;
    }
  g_print (_("Article W verdicts (outcome: the contribution value; default options): groups %u, cohort "
             "accounts %u, verdicts that would change %u.\n"), f->n_groups, f->n_accounts, f->changes->len);
  for (guint i = 0; i < f->changes->len; i++)
    {
      const AssayFairnessChange *c = g_ptr_array_index (f->changes, i);
      g_autofree char *label = assay_fairness_group_label ((const char * const *) c->names,
                                                           (const char * const *) c->values);
      g_autofree char *before = residual_text (c->residual_median_before);
      g_autofree char *after = residual_text (c->residual_median_after);

      g_print (_("  %s: %s → %s; residual median %s → %s\n"), label,
               assay_fairness_verdict_get_label (c->verdict_before),
               assay_fairness_verdict_get_label (c->verdict_after), before, after);
    }
}

static void
print_text (const AssayWeightsWhatIf  *w,
            const AssayFairnessWhatIf *fairness)
{
  g_autofree char *as_of = assay_day_format (w->as_of);

  g_print (_("What-if at %s: the proposed weights replace %s over the whole period it covers.\n"), as_of,
           w->replaced.equal ? _("the plan's equal weights") : _("the weights in force"));
  g_print (_("Accounts: %" PRIu64 "; total value %.2f before, %.2f after.\n"), (guint64) w->n, w->total_before,
           w->total_after);
  g_print (_("Rank agreement: Kendall's τ-b %.4f, Spearman's ρ %.4f.\n"), w->kendall_tau_b, w->spearman_rho);
  g_print (_("Top 100 kept: %" PRIu64 " of %" PRIu64 "; top 1 %% kept: %" PRIu64 " of %" PRIu64 ".\n"),
           (guint64) w->top100_kept, (guint64) w->top100_k, (guint64) w->top1pct_kept, (guint64) w->top1pct_k);
  g_print (_("Level crossings: %" PRIu64 " up, %" PRIu64 " down; tier crossings: %" PRIu64 " up, %" PRIu64
             " down.\n"), w->level_up, w->level_down, w->tier_up, w->tier_down);
  for (guint i = 0; i < MIN (w->crossings->len, 20u); i++)
    {
      const AssayWhatIfCrossing *c = &g_array_index (w->crossings, AssayWhatIfCrossing, i);

      g_print ("  %s  %.2f → %.2f  L%u → L%u  %u → %u\n", c->account, c->before, c->after, c->level_before,
               c->level_after, c->tiers_before, c->tiers_after);
    }
  if (w->crossings->len > 20)
    g_print (_("  … and %u more (--json lists them all).\n"), w->crossings->len - 20);
  print_counties (w);
  print_fairness (fairness);
}

int
assayctl_weights_what_if (const AssayctlGlobals *globals,
                          int                    argc,
                          char                 **argv)
{
  gboolean json = FALSE;
  g_autofree char *set_text = NULL, *as_of_text = NULL, *rule_set = NULL;
  const GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING, &set_text, N_("The proposed weights: professional=25,knowledge=20,…"),
      N_("WEIGHTS") },
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
  g_autoptr(AssayWeightsWhatIf) w = NULL;
  g_autoptr(AssayFairnessWhatIf) fairness = NULL;
  g_autoptr(GError) error = NULL;
  AssayWeights weights;
  guint32 as_of = 0;
  int status;

  argv[0] = (char *) "weights what-if";
  if (!assayctl_parse_options ("weights what-if", NULL, entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 1 || set_text == NULL)
    return assay_cli_usage_error ("assayctl weights what-if", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give the proposed weights with --set."));
  if (!assay_weights_parse_set (set_text, &weights, &error))
    return assay_cli_usage_error ("assayctl weights what-if", ASSAY_CLI_HELP_FOR_ITS_OPTIONS, "%s", error->message);
  if (!assayctl_parse_as_of ("weights what-if", as_of_text, &as_of, &status))
    return status;
  replica = assayctl_open_replica (globals, "weights what-if", ASSAY_REPLICA_OPEN_DEFAULT, &status);
  if (replica == NULL || (set = assayctl_load_rule_set (rule_set, &status)) == NULL)
    return status;
  if ((scorer = assay_scorer_new (replica, set, as_of, &error)) == NULL ||
      !assay_scorer_refresh (scorer, &error))
    return assayctl_fail (error);
  if ((w = assay_weights_what_if_run (scorer, weights.basis_points, &error)) == NULL)
    {
      if (g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT))
        return assay_cli_usage_error ("assayctl weights what-if", ASSAY_CLI_HELP_FOR_ITS_OPTIONS, "%s",
                                      error->message);
      return assayctl_fail (error);
    }
  /* The JSON lists every crossing; the text, the first 20. */
  if ((fairness = assay_fairness_what_if_run (replica, w, &error)) == NULL ||
      (json && !assay_weights_what_if_name_crossings (w, replica, 0, w->crossings->len, &error)))
    return assayctl_fail (error);
  if (json)
    print_json (w, fairness);
  else
    print_text (w, fairness);
  return ASSAYCTL_EXIT_OK;
}

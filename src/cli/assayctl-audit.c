/* assayctl-audit.c — assayctl cohort and fairness: the Article W audit
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
#include <math.h>
#include <string.h>

#include "assay-fairness-cases.h"
#include "assay-audit-cohort.h"
#include "assay-cli-options.h"
#include "assay-cohort-import.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assayctl-commands.h"
#include "assayctl-replica-util.h"

static int
cohort_import (const AssayctlGlobals *globals,
               int                    argc,
               char                 **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0, missing = 0;
  int status = ASSAYCTL_EXIT_OK;

  if (!assayctl_parse_options ("cohort import", _("CSV"), entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 2)
    return assay_cli_usage_error ("assayctl cohort import", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give one cohort CSV file."));
  replica = assayctl_open_replica (globals, "cohort import", ASSAY_REPLICA_OPEN_DEFAULT, &status);
  if (replica == NULL)
    return status;
  if (!assay_cohort_import (replica, argv[1], &n, &missing, &error))
    return assayctl_fail (error);
  g_print (_("Imported %u accounts from “%s” (kept in this replica only, never uploaded).\n"),
           n, argv[1]);
  if (missing > 0)
    g_print (_("%u of them are not in the ledger; the fairness audit leaves them out.\n"), missing);
  return ASSAYCTL_EXIT_OK;
}

static int
cohort_status (const AssayctlGlobals *globals,
               int                    argc,
               char                 **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayCohortStatus) st = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *columns = NULL;
  int status = ASSAYCTL_EXIT_OK;

  if (!assayctl_parse_options ("cohort status", NULL, entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 1)
    return assay_cli_usage_error ("assayctl cohort status", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("“cohort status” takes no arguments."));
  replica = assayctl_open_replica (globals, "cohort status", ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL)
    return status;
  if ((st = assay_replica_cohort_get_status (replica, &error)) == NULL)
    return assayctl_fail (error);
  columns = g_strjoinv (", ", st->extra_columns);
  g_print (_("Cohort accounts: %u\nNot in the ledger: %u\nExtra attributes: %s\n"),
           st->n_accounts, st->n_not_in_ledger, *columns != '\0' ? columns : _("none"));
  return ASSAYCTL_EXIT_OK;
}

int
assayctl_cmd_cohort (const AssayctlGlobals *globals,
                     int                    argc,
                     char                 **argv)
{
  if (argc >= 2 && strcmp (argv[1], "import") == 0)
    return cohort_import (globals, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "status") == 0)
    return cohort_status (globals, argc - 1, argv + 1);
  if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      g_print (_("Usage: assayctl --replica FILE cohort import CSV\n"
                 "       assayctl --replica FILE cohort status\n\n"
                 "Import the auditor's cohort file (CSV, UTF-8, columns account, gender, age_band, "
                 "county, ses and any extra attributes) into the replica, replacing the stored one, "
                 "or show what is stored.\n"));
      return ASSAYCTL_EXIT_OK;
    }
  if (argc >= 2)
    return assay_cli_usage_error ("assayctl cohort", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("unknown subcommand “%s”; use “import CSV” or “status”."),
                                  argv[1]);
  return assay_cli_usage_error ("assayctl cohort", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                _("give a subcommand: “import CSV” or “status”."));
}

static void
add_attributes (JsonBuilder              *b,
                const AssayFairnessGroup *g)
{
  json_builder_set_member_name (b, "attributes");
  json_builder_begin_object (b);
  for (guint k = 0; g->names[k] != NULL; k++)
    {
      json_builder_set_member_name (b, g->names[k]);
      json_builder_add_string_value (b, g->values[k]);
    }
  json_builder_end_object (b);
}

static void
print_json (const AssayFairnessResult *result,
            const char                *method,
            AssayFairnessOutcome       outcome,
            int                        year,
            guint                      depth,
            guint                      not_in_ledger,
            guint                      flagged)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, method);
  json_builder_set_member_name (b, "outcome");
  json_builder_add_string_value (b, assay_enum_get_nick (ASSAY_TYPE_FAIRNESS_OUTCOME, outcome));
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, year);
  json_builder_set_member_name (b, "ses");
  json_builder_add_string_value (b, assay_enum_get_nick (ASSAY_TYPE_FAIRNESS_SES, result->ses));
  json_builder_set_member_name (b, "depth");
  json_builder_add_int_value (b, depth);
  json_builder_set_member_name (b, "not_in_ledger");
  json_builder_add_int_value (b, not_in_ledger);
  json_builder_set_member_name (b, "tests");
  json_builder_add_int_value (b, result->n_tests);
  /* Groups under or over, each filed as an Article W case. */
  json_builder_set_member_name (b, "cases_filed");
  json_builder_add_int_value (b, flagged);
  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->groups->len; i++)
    {
      const AssayFairnessGroup *g = g_ptr_array_index (result->groups, i);

      json_builder_begin_object (b);
      add_attributes (b, g);
      json_builder_set_member_name (b, "n");
      json_builder_add_int_value (b, g->n);
      json_builder_set_member_name (b, "n_tested");
      json_builder_add_int_value (b, g->n_tested);
      json_builder_set_member_name (b, "n_nonzero");
      json_builder_add_int_value (b, g->n_nonzero);
      json_builder_set_member_name (b, "n_positive");
      json_builder_add_int_value (b, g->n_positive);
      assayctl_json_add_number (b, "observed_median", g->observed_median);
      assayctl_json_add_number (b, "predicted_median", g->predicted_median);
      assayctl_json_add_number (b, "residual_median", g->residual_median);
      json_builder_set_member_name (b, "residual_ci");
      json_builder_begin_array (b);
      for (guint k = 0; k < 2; k++)
        {
          if (isfinite (g->residual_ci[k]))
            json_builder_add_double_value (b, g->residual_ci[k]);
          else
            json_builder_add_null_value (b);
        }
      json_builder_end_array (b);
      assayctl_json_add_number (b, "ratio", g->ratio);
      assayctl_json_add_number (b, "p_below", g->p_below);
      assayctl_json_add_number (b, "p_above", g->p_above);
      assayctl_json_add_number (b, "p_below_adjusted", g->p_below_adjusted);
      assayctl_json_add_number (b, "p_above_adjusted", g->p_above_adjusted);
      json_builder_set_member_name (b, "verdict");
      json_builder_add_string_value (b, assay_enum_get_nick (ASSAY_TYPE_FAIRNESS_VERDICT, g->verdict));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  assayctl_print_json (node);
}

#define N_TABLE_COLUMNS 12

static const char *const table_titles[N_TABLE_COLUMNS] = {
  N_("Group"), N_("n"), N_("Observed"), N_("Predicted"), N_("Residual"), N_("Residual CI"),
  N_("Ratio"), N_("p below"), N_("p above"), N_("adj below"), N_("adj above"), N_("Verdict"),
};

/* A number as %g with `digits`, or "—" for a value that is undefined
 * (NaN: no prediction, no test). */
static char *
format_number (double value,
               int    digits)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.*g", digits, value);
}

static char **
group_cells (const AssayFairnessGroup *g)
{
  char **cells = g_new0 (char *, N_TABLE_COLUMNS + 1);
  g_autofree char *lower = format_number (g->residual_ci[0], 6);
  g_autofree char *upper = format_number (g->residual_ci[1], 6);

  cells[0] = assay_fairness_group_label ((const char * const *) g->names, (const char * const *) g->values);
  cells[1] = g_strdup_printf ("%u", g->n);
  cells[2] = format_number (g->observed_median, 6);
  cells[3] = format_number (g->predicted_median, 6);
  cells[4] = format_number (g->residual_median, 6);
  cells[5] = g_strdup_printf ("[%s, %s]", lower, upper);
  cells[6] = format_number (g->ratio, 4);
  cells[7] = format_number (g->p_below, 3);
  cells[8] = format_number (g->p_above, 3);
  cells[9] = format_number (g->p_below_adjusted, 3);
  cells[10] = format_number (g->p_above_adjusted, 3);
  cells[11] = g_strdup (assay_fairness_verdict_get_label (g->verdict));
  return cells;
}

/* Numbers right-aligned, the group and the verdict left, by display width
 * so that translated titles line up. */
static void
print_row (const char * const *cells,
           const guint        *widths,
           gboolean            cjk)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint c = 0; c < N_TABLE_COLUMNS; c++)
    {
      int pad = widths[c] - assayctl_display_width (cells[c], cjk);
      gboolean left = c == 0 || c == N_TABLE_COLUMNS - 1;

      if (c > 0)
        g_string_append (line, "  ");
      if (left)
        g_string_append_printf (line, "%s%*s", cells[c], pad, "");
      else
        g_string_append_printf (line, "%*s%s", pad, "", cells[c]);
    }
  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);
  g_print ("%s\n", line->str);
}

static void
print_table (const AssayFairnessResult *result,
             const char                *method,
             const char                *by,
             int                        year,
             guint                      depth,
             guint                      not_in_ledger)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *titles[N_TABLE_COLUMNS];
  guint widths[N_TABLE_COLUMNS];
  gboolean cjk = assayctl_locale_is_cjk ();

  if (depth > 1)
    g_print (_("Article W fairness audit, year %d, groups by %s and their combinations up to "
               "%u attributes\n"), year, by, depth);
  else
    g_print (_("Article W fairness audit, year %d, groups by %s\n"), year, by);
  g_print (_("Method: %s\n"), method);
  g_print (_("Tests: %u. Cohort accounts not in the ledger, left out: %u.\n\n"),
           result->n_tests, not_in_ledger);
  for (guint c = 0; c < N_TABLE_COLUMNS; c++)
    {
      titles[c] = _(table_titles[c]);
      widths[c] = assayctl_display_width (titles[c], cjk);
    }
  for (guint i = 0; i < result->groups->len; i++)
    {
      char **cells = group_cells (g_ptr_array_index (result->groups, i));

      for (guint c = 0; c < N_TABLE_COLUMNS; c++)
        widths[c] = MAX (widths[c], assayctl_display_width (cells[c], cjk));
      g_ptr_array_add (rows, cells);
    }
  print_row (titles, widths, cjk);
  for (guint i = 0; i < rows->len; i++)
    print_row (g_ptr_array_index (rows, i), widths, cjk);
}

static gboolean
parse_choice (const char *value,
              GType       type,
              int        *out)
{
  return value == NULL || assay_enum_from_nick (type, value, out);
}

/* `--by gender,age_band`: the names, without empty ones; NULL for all. */
static char **
split_attributes (const char *by)
{
  g_auto(GStrv) parts = NULL;
  GStrvBuilder *names;
  char **out;

  if (by == NULL)
    return NULL;
  parts = g_strsplit (by, ",", -1);
  names = g_strv_builder_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (names, parts[i]);
    }
  out = g_strv_builder_end (names);
  g_strv_builder_unref (names);
  return out;
}

/* The attributes used: `by`, or all of the cohort's. */
static char **
attributes_used (AssayReplica       *replica,
                 const char * const *by)
{
  g_autoptr(AssayCohortStatus) status = NULL;

  if (by != NULL)
    return g_strdupv ((char **) by);
  if ((status = assay_replica_cohort_get_status (replica, NULL)) == NULL)
    return g_new0 (char *, 1);
  return assay_audit_fairness_attributes (status);
}

int
assayctl_cmd_fairness (const AssayctlGlobals *globals,
                       int                    argc,
                       char                 **argv)
{
  gboolean json = FALSE;
  int year = 0, min_n = 30, depth = ASSAY_FAIRNESS_MAX_DEPTH;
  double alpha = 0.01;
  g_autofree char *by = NULL, *ses = NULL, *correction = NULL, *outcome = NULL, *rule_set = NULL;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The audit year (required)"), N_("Y") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome, N_("What is compared: points (the year's event points, default) or value (the contribution value on 31 December)"), N_("KIND") },
    { "rule-set", 0, 0, G_OPTION_ARG_FILENAME, &rule_set, N_("With --outcome value: use this rule set instead of the default one"), N_("FILE") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Attributes to group by, separated by commas: gender, age_band, county, province, extra columns (default: all)"), N_("LIST") },
    { "depth", 0, 0, G_OPTION_ARG_INT, &depth, N_("Combine up to N of the attributes, 1 to 3 (default 3)"), N_("N") },
    { "ses", 0, 0, G_OPTION_ARG_STRING, &ses, N_("SES as discrete, continuous or auto (default)"), N_("KIND") },
    { "correction", 0, 0, G_OPTION_ARG_STRING, &correction, N_("Multiplicity correction: holm (default) or bh"), N_("METHOD") },
    { "alpha", 0, 0, G_OPTION_ARG_DOUBLE, &alpha, N_("Significance level (default 0.01)"), N_("A") },
    { "min-n", 0, 0, G_OPTION_ARG_INT, &min_n, N_("Minimum accounts per group and per SES cell (default 30)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayRuleSet) set = NULL;
  g_autoptr(AssayFairnessResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *method = NULL, *description = NULL, *groups = NULL, *list = NULL;
  g_auto(GStrv) names = NULL, used = NULL;
  AssayFairnessOptions options;
  guint not_in_ledger = 0;
  guint flagged = 0;
  int status = ASSAYCTL_EXIT_OK, value;

  if (!assayctl_parse_options ("fairness", NULL, entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 1)
    return assay_cli_usage_error ("assayctl fairness", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("“fairness” takes options only."));
  if (year < 1 || year > 9999)
    return assay_cli_usage_error ("assayctl fairness", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give the audit year with --year Y (for example --year 2026)."));
  if (depth < 1 || depth > ASSAY_FAIRNESS_MAX_DEPTH)
    return assay_cli_usage_error ("assayctl fairness", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--depth is 1, 2 or 3, not %d."), depth);
  assay_fairness_options_init (&options);
  if (!parse_choice (ses, ASSAY_TYPE_FAIRNESS_SES, &value))
    return assay_cli_usage_error ("assayctl fairness", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--ses is discrete, continuous or auto, not “%s”."), ses);
  if (ses != NULL)
    options.ses = value;
  if (!parse_choice (correction, ASSAY_TYPE_FAIRNESS_CORRECTION, &value))
    return assay_cli_usage_error ("assayctl fairness", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--correction is holm or bh, not “%s”."), correction);
  if (correction != NULL)
    options.correction = value;
  if (!parse_choice (outcome, ASSAY_TYPE_FAIRNESS_OUTCOME, &value))
    return assay_cli_usage_error ("assayctl fairness", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--outcome is points or value, not “%s”."), outcome);
  if (outcome != NULL)
    options.outcome = value;
  if (!(alpha > 0 && alpha < 1) || min_n < 1)
    return assay_cli_usage_error ("assayctl fairness", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("--alpha must lie between 0 and 1 and --min-n be at least 1."));
  options.alpha = alpha;
  options.min_n = options.min_cell_n = min_n;
  names = split_attributes (by);

  /* Writable: a group found under or over opens an Article W case. */
  replica = assayctl_open_replica (globals, "fairness", ASSAY_REPLICA_OPEN_DEFAULT, &status);
  if (replica == NULL)
    return status;
  /* Only values need the rule set (decay, levels, the pilot's start). */
  if (options.outcome == ASSAY_FAIRNESS_OUTCOME_VALUE && (set = assayctl_load_rule_set (rule_set, &status)) == NULL)
    return status;
  result = assay_audit_fairness (replica, set, year, (const char * const *) names, depth, &options,
                                 &not_in_ledger, &error);
  if (result == NULL && g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT))
    return assay_cli_usage_error ("assayctl fairness", ASSAY_CLI_HELP_FOR_ITS_OPTIONS, "%s",
                                  error->message);
  if (result == NULL)
    return assayctl_fail (error);
  used = attributes_used (replica, (const char * const *) names);
  /* With fewer attributes than the depth, no combination is that deep. */
  depth = MIN ((guint) depth, MAX (g_strv_length (used), 1));
  groups = assay_fairness_describe_groups ((const char * const *) used, depth);
  description = assay_fairness_describe_method (&options, result->ses);
  method = g_strconcat (groups, " ", description, NULL);
  if (!assay_fairness_open_cases (replica, result, year, &options, description, &flagged, &error))
    return assayctl_fail (error);
  list = g_strjoinv (", ", used);
  if (json)
    print_json (result, method, options.outcome, year, depth, not_in_ledger, flagged);
  else
    {
      print_table (result, method, list, year, depth, not_in_ledger);
      if (flagged > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u flagged group is an Article W case in the review queue (see “assayctl cases”).\n",
                              "%u flagged groups are Article W cases in the review queue (see “assayctl cases”).\n",
                              flagged), flagged);
    }
  return ASSAYCTL_EXIT_OK;
}

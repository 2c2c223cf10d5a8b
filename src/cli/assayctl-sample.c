/* assayctl-sample.c — assayctl sample, recheck, findings, audit-bounds and audit-plan: the 6.2 audit
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
#include <math.h>
#include <string.h>

#include "assay-audit-fraud-rate.h"
#include "assay-audit-recheck.h"
#include "assay-audit-findings-decision.h"
#include "assay-audit-sample.h"
#include "assay-cli-options.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-stats-sampling.h"
#include "assayctl-commands.h"
#include "assayctl-replica-util.h"

/* The options that name a sample, shared by sample, recheck and findings. */
typedef struct
{
  int       year;
  char     *province;
  char     *rate;
  char     *checkpoint;
  gboolean  json;
} SampleArgs;

static void
sample_args_clear (SampleArgs *a)
{
  g_free (a->province);
  g_free (a->rate);
  g_free (a->checkpoint);
}

#define SAMPLE_OPTION_ENTRIES(a) \
  { "year", 0, 0, G_OPTION_ARG_INT, &(a).year, N_("The audit year (required)"), N_("Y") }, \
  { "province", 0, 0, G_OPTION_ARG_STRING, &(a).province, N_("The province: the two-digit prefix of its counties (required)"), N_("P") }, \
  { "rate", 0, 0, G_OPTION_ARG_STRING, &(a).rate, N_("The sampling rate, a decimal between 0 and 1 (required)"), N_("R") }, \
  { "checkpoint", 0, 0, G_OPTION_ARG_STRING, &(a).checkpoint, N_("The size of a stored verified checkpoint (default: the latest)"), N_("SIZE") }

/* Draws the sample the arguments name; NULL with `out_status` set after
 * printing why. */
static AssayAuditSample *
draw_sample (const AssayctlGlobals *globals,
             const char            *command,
             SampleArgs            *a,
             AssayReplica         **out_replica,
             AssayReplicaOpenFlags  flags,
             int                   *out_status)
{
  g_autofree char *name = g_strconcat ("assayctl ", command, NULL);
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  AssayAuditSample *sample;
  guint64 size = 0;

  *out_status = ASSAYCTL_EXIT_USAGE;
  if (a->year == 0 || a->province == NULL || a->rate == NULL)
    {
      assay_cli_usage_error (name, ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                             _("give the sample with --year Y --province P --rate R "
                               "(for example --year 2026 --province 31 --rate 0.1)."));
      return NULL;
    }
  if (a->checkpoint != NULL &&
      (!g_ascii_string_to_unsigned (a->checkpoint, 10, 1, G_MAXINT64, &size, NULL)))
    {
      assay_cli_usage_error (name, ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                             _("--checkpoint takes the size of a stored checkpoint, not “%s”."),
                             a->checkpoint);
      return NULL;
    }
  replica = assayctl_open_replica (globals, command, flags, out_status);
  if (replica == NULL)
    return NULL;
  sample = assay_audit_sample_draw (replica, a->year, a->province, a->rate, size, &error);
  if (sample == NULL && g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT))
    {
      *out_status = assay_cli_usage_error (name, ASSAY_CLI_HELP_FOR_ITS_OPTIONS, "%s", error->message);
      return NULL;
    }
  if (sample == NULL)
    {
      *out_status = assayctl_fail (error);
      return NULL;
    }
  *out_status = ASSAYCTL_EXIT_OK;
  if (out_replica != NULL)
    *out_replica = g_steal_pointer (&replica);
  return sample;
}

/* The members that describe a sample, inside an open object. */
static void
add_sample_members (JsonBuilder            *b,
                    const AssayAuditSample *s)
{
  g_autofree char *hex = assay_audit_sample_seed_hex (s);
  g_autofree char *derivation = assay_audit_sample_describe (s);
  g_autofree char *text = assay_audit_sample_seed_text (s->year, s->province, s->checkpoint_size, s->root);
  g_autofree char *root = g_base64_encode (s->root, sizeof s->root);
  g_autofree char *threshold = g_strdup_printf ("%" PRIu64, s->threshold);

  assayctl_json_add_int (b, "year", s->year);
  assayctl_json_add_string (b, "province", s->province);
  assayctl_json_add_string (b, "rate", s->rate);
  json_builder_set_member_name (b, "checkpoint");
  json_builder_begin_object (b);
  assayctl_json_add_int (b, "size", s->checkpoint_size);
  assayctl_json_add_string (b, "root", root);
  json_builder_end_object (b);
  assayctl_json_add_string (b, "seed_text", text);
  assayctl_json_add_string (b, "seed", hex);
  assayctl_json_add_string (b, "threshold", threshold);
  assayctl_json_add_string (b, "derivation", derivation);
  assayctl_json_add_int (b, "population", s->population);
}

static void
print_sample_json (const AssayAuditSample *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  add_sample_members (b, s);
  json_builder_set_member_name (b, "sample");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->indices->len; i++)
    json_builder_add_int_value (b, g_array_index (s->indices, guint64, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  assayctl_print_json (node);
}

static void
print_sample_header (const AssayAuditSample *s)
{
  g_autofree char *hex = assay_audit_sample_seed_hex (s);
  g_autofree char *derivation = assay_audit_sample_describe (s);

  g_print (_("6.2 audit sample: year %d, province %s, rate %s, checkpoint of size %" PRIu64 "\n"),
           s->year, s->province, s->rate, s->checkpoint_size);
  g_print (_("Seed: %s\n"), hex);
  g_print (_("Derivation: %s\n"), derivation);
  g_print (_("Population: %" PRIu64 " events; sample: %u.\n"), s->population, s->indices->len);
}

int
assayctl_cmd_sample (const AssayctlGlobals *globals,
                     int                    argc,
                     char                 **argv)
{
  SampleArgs a = { 0 };
  const GOptionEntry entries[] = {
    SAMPLE_OPTION_ENTRIES (a),
    { "json", 0, 0, G_OPTION_ARG_NONE, &a.json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayAuditSample) sample = NULL;
  int status;

  if (!assayctl_parse_options ("sample", NULL, entries, &argc, &argv))
    {
      sample_args_clear (&a);
      return ASSAYCTL_EXIT_USAGE;
    }
  if (argc != 1)
    status = assay_cli_usage_error ("assayctl sample", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                    _("“sample” takes options only."));
  else if ((sample = draw_sample (globals, "sample", &a, NULL, ASSAY_REPLICA_OPEN_READ_ONLY, &status)) != NULL)
    {
      if (a.json)
        print_sample_json (sample);
      else
        {
          print_sample_header (sample);
          g_print (_("Leaf indices:\n"));
          for (guint i = 0; i < sample->indices->len; i++)
            g_print ("%" PRIu64 "\n", g_array_index (sample->indices, guint64, i));
        }
    }
  sample_args_clear (&a);
  return status;
}

/* ---- recheck ------------------------------------------------------------ */

static void
add_recheck_item (JsonBuilder            *b,
                  const AssayRecheckItem *item)
{
  g_autoptr(JsonNode) inputs = json_from_string (item->inputs, NULL);

  json_builder_begin_object (b);
  assayctl_json_add_int (b, "index", item->index);
  assayctl_json_add_string (b, "evidence", item->evidence);
  assayctl_json_add_string (b, "account", item->account);
  assayctl_json_add_string (b, "rule", item->rule_id);
  json_builder_set_member_name (b, "inputs");
  json_builder_add_value (b, inputs != NULL ? g_steal_pointer (&inputs) : json_node_new (JSON_NODE_NULL));
  assayctl_json_add_int (b, "recorded", item->recorded);
  json_builder_set_member_name (b, "recomputed");
  if (item->status == ASSAY_RECHECK_CANNOT_RECOMPUTE)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, item->recomputed);
  json_builder_set_member_name (b, "match");
  json_builder_add_boolean_value (b, item->status == ASSAY_RECHECK_MATCH);
  assayctl_json_add_string (b, "status", assay_enum_get_nick (ASSAY_TYPE_RECHECK_STATUS, item->status));
  json_builder_set_member_name (b, "reason");
  if (item->reason != NULL)
    json_builder_add_string_value (b, item->reason);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "confirmer_ok");
  json_builder_add_boolean_value (b, item->confirmer_ok);
  assayctl_json_add_int (b, "delay_days", item->delay_days);
  json_builder_set_member_name (b, "delay_ok");
  json_builder_add_boolean_value (b, item->delay_ok);
  json_builder_end_object (b);
}

static void
print_recheck_json (const AssayAuditSample *s,
                    GPtrArray              *items)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  add_sample_members (b, s);
  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    add_recheck_item (b, g_ptr_array_index (items, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  assayctl_print_json (node);
}

enum { RC_INDEX, RC_RULE, RC_RECORDED, RC_RECOMPUTED, RC_POINTS, RC_CONFIRMER, RC_DELAY, RC_N };

static const char *
recheck_status_label (AssayRecheckStatus status)
{
  switch (status)
    {
    case ASSAY_RECHECK_MATCH:
      return _("match");
    case ASSAY_RECHECK_MISMATCH:
      return _("MISMATCH");
    case ASSAY_RECHECK_CANNOT_RECOMPUTE:
    default:
      return _("cannot recompute");
    }
}

static char **
recheck_cells (const AssayRecheckItem *item)
{
  char **cells = g_new0 (char *, RC_N + 1);

  cells[RC_INDEX] = g_strdup_printf ("%" PRIu64, item->index);
  cells[RC_RULE] = g_strdup (item->rule_id);
  cells[RC_RECORDED] = g_strdup_printf ("%" PRId64, item->recorded);
  cells[RC_RECOMPUTED] = item->status == ASSAY_RECHECK_CANNOT_RECOMPUTE
                         ? g_strdup ("—") : g_strdup_printf ("%" PRId64, item->recomputed);
  cells[RC_POINTS] = g_strdup (recheck_status_label (item->status));
  cells[RC_CONFIRMER] = g_strdup (item->confirmer_ok ? _("ok") : _("MISSING"));
  cells[RC_DELAY] = g_strdup_printf (item->delay_ok ? _("%d days") : _("%d days (outside 7–30)"),
                                     item->delay_days);
  return cells;
}

static void
print_recheck_table (const AssayAuditSample *s,
                     GPtrArray              *items)
{
  const char *titles[RC_N] = { _("Index"), _("Rule"), _("Recorded"), _("Recomputed"), _("Points"),
                               _("Confirmer"), _("Delay") };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint failed = 0, cannot = 0;

  print_sample_header (s);
  g_print ("\n");
  for (guint i = 0; i < items->len; i++)
    {
      const AssayRecheckItem *item = g_ptr_array_index (items, i);

      g_ptr_array_add (rows, recheck_cells (item));
      cannot += item->status == ASSAY_RECHECK_CANNOT_RECOMPUTE;
      failed += !assay_recheck_item_passes (item) && item->status != ASSAY_RECHECK_CANNOT_RECOMPUTE;
    }
  assayctl_print_table (titles, RC_N, rows, 1u << RC_INDEX | 1u << RC_RECORDED | 1u << RC_RECOMPUTED);
  for (guint i = 0; i < items->len; i++)
    {
      const AssayRecheckItem *item = g_ptr_array_index (items, i);

      if (item->reason != NULL)
        g_print (_("Leaf %" PRIu64 ": cannot recompute: %s.\n"), item->index, item->reason);
    }
  g_print (_("\nRe-checked %u events: %u failed a check, %u could not be recomputed.\n"),
           items->len, failed, cannot);
}

int
assayctl_cmd_recheck (const AssayctlGlobals *globals,
                      int                    argc,
                      char                 **argv)
{
  SampleArgs a = { 0 };
  const GOptionEntry entries[] = {
    SAMPLE_OPTION_ENTRIES (a),
    { "json", 0, 0, G_OPTION_ARG_NONE, &a.json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayAuditSample) sample = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!assayctl_parse_options ("recheck", NULL, entries, &argc, &argv))
    {
      sample_args_clear (&a);
      return ASSAYCTL_EXIT_USAGE;
    }
  if (argc != 1)
    status = assay_cli_usage_error ("assayctl recheck", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                    _("“recheck” takes options only."));
  else if ((sample = draw_sample (globals, "recheck", &a, &replica, ASSAY_REPLICA_OPEN_READ_ONLY,
                                  &status)) != NULL)
    {
      if ((items = assay_audit_recheck (replica, sample, &error)) == NULL)
        status = assayctl_fail (error);
      else if (a.json)
        print_recheck_json (sample, items);
      else
        print_recheck_table (sample, items);
    }
  sample_args_clear (&a);
  return status;
}

/* ---- the fraud-rate panel ---------------------------------------------- */

static void
add_interval (JsonBuilder  *b,
              const char   *name,
              const double  bounds[2])
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  json_builder_add_double_value (b, bounds[0]);
  json_builder_add_double_value (b, bounds[1]);
  json_builder_end_array (b);
}

static void
add_fraud_rate_members (JsonBuilder          *b,
                        const AssayFraudRate *r)
{
  assayctl_json_add_int (b, "n", r->n);
  assayctl_json_add_int (b, "fraud", r->fraud);
  json_builder_set_member_name (b, "population");
  if (r->population > 0)
    json_builder_add_int_value (b, r->population);
  else
    json_builder_add_null_value (b);
  assayctl_json_add_number (b, "rate", r->rate);
  add_interval (b, "clopper_pearson", r->clopper_pearson);
  add_interval (b, "wilson", r->wilson);
  assayctl_json_add_number (b, "upper_one_sided", r->upper);
  json_builder_set_member_name (b, "hypergeometric_upper");
  if (r->hyper_upper >= 0)
    json_builder_add_int_value (b, r->hyper_upper);
  else
    json_builder_add_null_value (b);
  assayctl_json_add_number (b, "hypergeometric_upper_rate", r->hyper_upper_rate);
  json_builder_set_member_name (b, "excess");
  json_builder_begin_object (b);
  assayctl_json_add_number (b, "p", r->p_excess);
  assayctl_json_add_string (b, "verdict", assay_enum_get_nick (ASSAY_TYPE_EXCESS_VERDICT, r->excess));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "assurance");
  json_builder_begin_object (b);
  assayctl_json_add_number (b, "upper_bound", r->assurance_bound);
  assayctl_json_add_string (b, "verdict", assay_enum_get_nick (ASSAY_TYPE_ASSURANCE_VERDICT, r->assurance));
  json_builder_end_object (b);
}

static void
print_fraud_rate (const AssayFraudRate        *r,
                  const AssayFraudRateOptions *o)
{
  g_print (_("  fraud rate %.4g (%u of %u); Clopper–Pearson %g %% [%.4g, %.4g]; Wilson %g %% [%.4g, %.4g]\n"),
           r->rate, r->fraud, r->n, 100 * o->confidence, r->clopper_pearson[0], r->clopper_pearson[1],
           100 * o->confidence, r->wilson[0], r->wilson[1]);
  if (r->hyper_upper >= 0)
    g_print (_("  finite-population bound: at most %" PRId64 " fraudulent records of %"
               PRIu64 " (%.4g); one-sided Clopper–Pearson upper bound %.4g\n"),
             r->hyper_upper, r->population, r->hyper_upper_rate, r->upper);
  else
    g_print (_("  one-sided Clopper–Pearson upper bound %.4g (no population: no finite bound)\n"), r->upper);
  g_print (_("  evidence of excess over %g %%: p = %.4g — %s\n"), 100 * o->threshold, r->p_excess,
           assay_excess_verdict_get_label (r->excess));
  g_print (_("  assurance below %g %%: upper bound %.4g — %s\n"), 100 * o->threshold, r->assurance_bound,
           assay_assurance_verdict_get_label (r->assurance));
}

static gboolean
parse_confidence (const char            *command,
                  double                 confidence,
                  double                 alpha,
                  AssayFraudRateOptions *o,
                  int                   *out_status)
{
  assay_fraud_rate_options_init (o);
  if (!(confidence > 0 && confidence < 1) || !(alpha > 0 && alpha < 1))
    {
      *out_status = assay_cli_usage_error (command, ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                           _("--confidence and --alpha must lie strictly between 0 and 1 "
                                             "(for example 0.95 and 0.05)."));
      return FALSE;
    }
  o->confidence = confidence;
  o->alpha = alpha;
  return TRUE;
}

int
assayctl_cmd_audit_bounds (const AssayctlGlobals *globals,
                           int                    argc,
                           char                 **argv)
{
  int n = -1, k = -1, population = 0;
  double confidence = 0.95, alpha = 0.05;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "sample", 0, 0, G_OPTION_ARG_INT, &n, N_("Records reviewed (required)"), N_("N") },
    { "errors", 0, 0, G_OPTION_ARG_INT, &k, N_("Of them, found in error or fraud (required)"), N_("K") },
    { "population", 0, 0, G_OPTION_ARG_INT, &population, N_("Records in the population, for the finite bound"), N_("M") },
    { "confidence", 0, 0, G_OPTION_ARG_DOUBLE, &confidence, N_("Confidence of the bounds (default 0.95)"), N_("C") },
    { "alpha", 0, 0, G_OPTION_ARG_DOUBLE, &alpha, N_("Significance level of the test of excess (default 0.05)"), N_("A") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  AssayFraudRateOptions o;
  AssayFraudRate r;
  int status = ASSAYCTL_EXIT_USAGE;

  if (!assayctl_parse_options ("audit-bounds", NULL, entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 1)
    return assay_cli_usage_error ("assayctl audit-bounds", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("“audit-bounds” takes options only."));
  if (n < 0 || k < 0 || population < 0)
    return assay_cli_usage_error ("assayctl audit-bounds", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give --sample N and --errors K (and --population M), none negative."));
  if (!parse_confidence ("assayctl audit-bounds", confidence, alpha, &o, &status))
    return status;
  if (!assay_fraud_rate_compute (n, k, population, &o, &r, &error))
    return assay_cli_usage_error ("assayctl audit-bounds", ASSAY_CLI_HELP_FOR_ITS_OPTIONS, "%s",
                                  error->message);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      assayctl_json_add_number (b, "confidence", o.confidence);
      add_fraud_rate_members (b, &r);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      assayctl_print_json (node);
    }
  else
    {
      g_autofree char *method = assay_fraud_rate_describe_method (&o);

      g_print (_("Method: %s\n"), method);
      print_fraud_rate (&r, &o);
    }
  return ASSAYCTL_EXIT_OK;
}

int
assayctl_cmd_audit_plan (const AssayctlGlobals *globals,
                         int                    argc,
                         char                 **argv)
{
  double tolerable = -1, expected = -1, confidence = 0.95;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "tolerable", 0, 0, G_OPTION_ARG_DOUBLE, &tolerable, N_("The tolerable deviation rate (required)"), N_("T") },
    { "expected", 0, 0, G_OPTION_ARG_DOUBLE, &expected, N_("The expected deviation rate (required)"), N_("E") },
    { "confidence", 0, 0, G_OPTION_ARG_DOUBLE, &confidence, N_("Confidence (default 0.95)"), N_("C") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  guint n = 0, allowed = 0;

  if (!assayctl_parse_options ("audit-plan", NULL, entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 1)
    return assay_cli_usage_error ("assayctl audit-plan", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("“audit-plan” takes options only."));
  if (tolerable < 0 || expected < 0)
    return assay_cli_usage_error ("assayctl audit-plan", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give --tolerable T and --expected E (for example 0.05 and 0.01)."));
  if (!assay_stats_attribute_sample_size (tolerable, expected, 1 - confidence, &n, &allowed, &error))
    return assay_cli_usage_error ("assayctl audit-plan", ASSAY_CLI_HELP_FOR_ITS_OPTIONS, "%s",
                                  error->message);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      assayctl_json_add_number (b, "tolerable", tolerable);
      assayctl_json_add_number (b, "expected", expected);
      assayctl_json_add_number (b, "confidence", confidence);
      assayctl_json_add_int (b, "sample", n);
      assayctl_json_add_int (b, "allowed_deviations", allowed);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      assayctl_print_json (node);
    }
  else
    g_print (_("Sample size: %u (allowed deviations: %u) for a tolerable rate of %g, an expected "
               "rate of %g and %g %% confidence: the smallest n with P(Bin(n, T) ≤ a) ≤ 1 − C, "
               "a = ⌈n·E⌉.\n"), n, allowed, tolerable, expected, 100 * confidence);
  return ASSAYCTL_EXIT_OK;
}

/* ---- findings ------------------------------------------------------------ */

static void
print_not_signed (void)
{
  g_print (_("Findings are stored in this replica only and are not signed: sign a sample’s findings as one "
             "“audit_findings” decision with “assayctl findings sign” or on the app’s Audit Sampling page "
             "(Sign Findings…).\n"));
}

static int
findings_record (const AssayctlGlobals *globals,
                 int                    argc,
                 char                 **argv)
{
  SampleArgs a = { 0 };
  g_autofree char *index_text = NULL, *finding_text = NULL, *note = NULL;
  const GOptionEntry entries[] = {
    SAMPLE_OPTION_ENTRIES (a),
    { "index", 0, 0, G_OPTION_ARG_STRING, &index_text, N_("The sampled leaf index (required)"), N_("I") },
    { "finding", 0, 0, G_OPTION_ARG_STRING, &finding_text, N_("correct, error or fraud (required)"), N_("FINDING") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What was found (required for error and fraud)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(AssayAuditSample) sample = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  guint64 index = 0;
  int finding = 0, status = ASSAYCTL_EXIT_USAGE;

  if (!assayctl_parse_options ("findings record", NULL, entries, &argc, &argv))
    goto out;
  if (argc != 1)
    status = assay_cli_usage_error ("assayctl findings record", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                    _("“findings record” takes options only."));
  else if (index_text == NULL || !g_ascii_string_to_unsigned (index_text, 10, 0, G_MAXINT64, &index, NULL))
    status = assay_cli_usage_error ("assayctl findings record", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                    _("give the sampled leaf with --index I (a leaf index)."));
  else if (finding_text == NULL || !assay_enum_from_nick (ASSAY_TYPE_AUDIT_FINDING, finding_text, &finding))
    status = assay_cli_usage_error ("assayctl findings record", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                    _("--finding is correct, error or fraud."));
  else if ((sample = draw_sample (globals, "findings record", &a, &replica, ASSAY_REPLICA_OPEN_DEFAULT,
                                  &status)) != NULL)
    {
      if (!assay_audit_sample_record_finding (replica, sample, index, finding, note, &error))
        status = g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT)
                 ? assay_cli_usage_error ("assayctl findings record", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                          "%s", error->message)
                 : assayctl_fail (error);
      else
        {
          g_print (_("Recorded “%s” for leaf %" PRIu64 " of the sample of %d, province %s, "
                     "rate %s, checkpoint %" PRIu64 ".\n"),
                   finding_text, index, sample->year, sample->province, sample->rate,
                   sample->checkpoint_size);
          print_not_signed ();
        }
    }
out:
  sample_args_clear (&a);
  return status;
}

static void
add_panel_row (JsonBuilder              *b,
               const AssayFraudPanelRow *row)
{
  json_builder_begin_object (b);
  if (row->province[0] != '\0')
    {
      assayctl_json_add_int (b, "year", row->year);
      assayctl_json_add_string (b, "province", row->province);
      assayctl_json_add_int (b, "checkpoint_size", row->checkpoint_size);
      assayctl_json_add_string (b, "rate", row->rate);
    }
  assayctl_json_add_int (b, "sample_size", row->sample_size);
  assayctl_json_add_int (b, "correct", row->n_correct);
  assayctl_json_add_int (b, "error", row->n_error);
  add_fraud_rate_members (b, &row->fraud);
  json_builder_end_object (b);
}

static void
print_findings_json (GPtrArray                   *findings,
                     const AssayFraudPanel       *panel,
                     const AssayFraudRateOptions *o)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *method = assay_fraud_rate_describe_method (o);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "signed");
  json_builder_add_boolean_value (b, FALSE);
  assayctl_json_add_string (b, "storage", "local");
  assayctl_json_add_string (b, "method", method);
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < findings->len; i++)
    {
      const AssayAuditFindingRow *f = g_ptr_array_index (findings, i);

      json_builder_begin_object (b);
      assayctl_json_add_int (b, "year", f->year);
      assayctl_json_add_string (b, "province", f->province);
      assayctl_json_add_int (b, "checkpoint_size", f->checkpoint_size);
      assayctl_json_add_string (b, "rate", f->rate);
      assayctl_json_add_int (b, "index", f->leaf_index);
      assayctl_json_add_string (b, "finding", f->finding);
      assayctl_json_add_string (b, "note", f->note);
      assayctl_json_add_int (b, "recorded_at", f->recorded_at);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "provinces");
  json_builder_begin_array (b);
  for (guint i = 0; i < panel->rows->len; i++)
    add_panel_row (b, g_ptr_array_index (panel->rows, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "overall");
  if (panel->overall != NULL)
    add_panel_row (b, panel->overall);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  assayctl_print_json (node);
}

static void
print_findings_table (GPtrArray                   *findings,
                      const AssayFraudPanel       *panel,
                      const AssayFraudRateOptions *o)
{
  const char *titles[] = { _("Year"), _("Province"), _("Checkpoint"), _("Rate"), _("Index"), _("Finding"), _("Note") };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *method = assay_fraud_rate_describe_method (o);

  print_not_signed ();
  for (guint i = 0; i < findings->len; i++)
    {
      const AssayAuditFindingRow *f = g_ptr_array_index (findings, i);
      char **cells = g_new0 (char *, G_N_ELEMENTS (titles) + 1);

      cells[0] = g_strdup_printf ("%d", f->year);
      cells[1] = g_strdup (f->province);
      cells[2] = g_strdup_printf ("%" PRIu64, f->checkpoint_size);
      cells[3] = g_strdup (f->rate);
      cells[4] = g_strdup_printf ("%" PRIu64, f->leaf_index);
      cells[5] = g_strdup (f->finding);
      cells[6] = g_strdup (f->note);
      g_ptr_array_add (rows, cells);
    }
  g_print ("\n");
  assayctl_print_table (titles, G_N_ELEMENTS (titles), rows, 1u << 2 | 1u << 4);
  g_print (_("\nFraud rate (Article T). %s\n"), method);
  for (guint i = 0; i < panel->rows->len; i++)
    {
      const AssayFraudPanelRow *r = g_ptr_array_index (panel->rows, i);

      g_print (_("\nYear %d, province %s, checkpoint %" PRIu64 ", rate %s: %u of %"
                 PRIu64 " sampled records reviewed (%u correct, %u error, %u fraud)\n"),
               r->year, r->province, r->checkpoint_size, r->rate, r->fraud.n, r->sample_size,
               r->n_correct, r->n_error, r->fraud.fraud);
      print_fraud_rate (&r->fraud, o);
    }
  if (panel->overall != NULL)
    {
      g_print (_("\nAll provinces, pooled: %u records reviewed\n"), panel->overall->fraud.n);
      print_fraud_rate (&panel->overall->fraud, o);
    }
  else if (panel->rows->len > 0)
    g_print (_("\nNo pooled rate: a province has findings of more than one sample; list one year.\n"));
}

static int
findings_list (const AssayctlGlobals *globals,
               int                    argc,
               char                 **argv)
{
  int year = 0;
  double confidence = 0.95, alpha = 0.05;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("Only the findings of this audit year"), N_("Y") },
    { "confidence", 0, 0, G_OPTION_ARG_DOUBLE, &confidence, N_("Confidence of the bounds (default 0.95)"), N_("C") },
    { "alpha", 0, 0, G_OPTION_ARG_DOUBLE, &alpha, N_("Significance level of the test of excess (default 0.05)"), N_("A") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(AssayFraudPanel) panel = NULL;
  g_autoptr(GError) error = NULL;
  AssayFraudRateOptions o;
  int status = ASSAYCTL_EXIT_USAGE;

  if (!assayctl_parse_options ("findings", NULL, entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 1)
    return assay_cli_usage_error ("assayctl findings", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("unknown subcommand “%s”; use “record” or “list”."), argv[1]);
  if (year < 0 || year > 9999)
    return assay_cli_usage_error ("assayctl findings", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("the audit year must lie between 1 and 9999, not %d."), year);
  if (!parse_confidence ("assayctl findings", confidence, alpha, &o, &status))
    return status;
  replica = assayctl_open_replica (globals, "findings", ASSAY_REPLICA_OPEN_READ_ONLY, &status);
  if (replica == NULL)
    return status;
  if ((findings = assay_replica_audit_findings (replica, year, &error)) == NULL ||
      (panel = assay_fraud_panel_new (findings, &o, &error)) == NULL)
    return assayctl_fail (error);
  if (json)
    print_findings_json (findings, panel, &o);
  else
    print_findings_table (findings, panel, &o);
  return ASSAYCTL_EXIT_OK;
}

/* Signs the sample's stored findings as one audit_findings decision and
 * queues it in the outbox, as the app's Sign Findings dialog does. */
static int
findings_sign (const AssayctlGlobals *globals,
               int                    argc,
               char                 **argv)
{
  SampleArgs a = { 0 };
  g_autofree char *key_path = NULL, *rationale = NULL, *passphrase_file = NULL;
  const GOptionEntry entries[] = {
    SAMPLE_OPTION_ENTRIES (a),
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path, N_("Your signing key file (an auditor's)"), N_("FILE") },
    { "rationale", 0, 0, G_OPTION_ARG_STRING, &rationale, N_("What the findings say, in words (required)"),
      N_("TEXT") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file, N_("Read the key's passphrase from FILE"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(AssayAuditSample) sample = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayDecision) decision = NULL;
  g_autoptr(AssayKeyFile) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *author = NULL, *hash = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int status = ASSAYCTL_EXIT_USAGE;

  argv[0] = (char *) "findings sign";
  if (!assayctl_parse_options ("findings sign", NULL, entries, &argc, &argv))
    goto out;
  if (argc != 1 || key_path == NULL || rationale == NULL)
    status = assay_cli_usage_error ("assayctl findings sign", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                    _("give the sample’s options, --key FILE and --rationale TEXT."));
  else if ((sample = draw_sample (globals, "findings sign", &a, &replica, ASSAY_REPLICA_OPEN_DEFAULT,
                                  &status)) == NULL)
    ;
  /* Drafted before the passphrase: findings that cannot be signed are
   * refused without asking for it. */
  else if ((author = assayctl_key_author (key_path, &error)) == NULL ||
           (decision = assay_audit_findings_draft (replica, sample, rationale, author, now, &error)) == NULL)
    status = assayctl_fail (error);
  else if ((key = assayctl_open_key ("assayctl findings sign", key_path, passphrase_file, &status)) == NULL)
    ;
  else if (!assay_decision_sign_and_queue (replica, decision, key, 0, g_get_user_name (), now, &hash, &error))
    status = assayctl_fail (error);
  else
    {
      g_print (_("Signed and queued the findings of the sample of %d, province %s, rate %s, checkpoint %" PRIu64
                 " as audit_findings decision %s. Push it to the central service with “assayctl push”.\n"),
               sample->year, sample->province, sample->rate, sample->checkpoint_size, hash);
      status = ASSAYCTL_EXIT_OK;
    }
out:
  sample_args_clear (&a);
  return status;
}

int
assayctl_cmd_findings (const AssayctlGlobals *globals,
                       int                    argc,
                       char                 **argv)
{
  if (argc >= 2 && strcmp (argv[1], "record") == 0)
    return findings_record (globals, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "sign") == 0)
    return findings_sign (globals, argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return findings_list (globals, argc - 1, argv + 1);
  return findings_list (globals, argc, argv);
}

/* assay-fairness-cases.c — Article W: a flagged group opens a case in the review queue
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

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "assay-day.h"
#include "assay-fairness-cases.h"
#include "assay-hex.h"
#include "assay-replica-cases.h"
#include "assay-rule-types.h"
#include "assay-sha256.h"

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "age_band=70+;gender=female": the group's attributes sorted by name. */
static char *
group_subject (const AssayFairnessGroup *g)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; g->names != NULL && g->names[i] != NULL; i++)
    g_ptr_array_add (pairs, g_strconcat (g->names[i], "=", g->values[i], NULL));
  g_ptr_array_sort (pairs, compare_pairs);
  g_ptr_array_add (pairs, NULL);
  return g_strjoinv (";", (char **) pairs->pdata);
}

static char *
flag_id (int                   year,
         const char           *subject,
         AssayFairnessVerdict  verdict)
{
  g_autofree char *text = g_strdup_printf ("assay-fairness-flag/1\n%d\n%s\n%s\n", year, subject,
                                           verdict == ASSAY_FAIRNESS_UNDER ? "under" : "over");
  guint8 digest[ASSAY_SHA256_SIZE];

  assay_sha256 (text, strlen (text), digest);
  return assay_hex_encode (digest, sizeof digest);
}

/* JSON has no NaN: a value that is not a number is left out. */
static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value)
{
  if (isfinite (value))
    {
      json_builder_set_member_name (b, name);
      json_builder_add_double_value (b, value);
    }
}

static void
add_features (JsonBuilder              *b,
              const AssayFairnessGroup *g)
{
  json_builder_set_member_name (b, "features");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, g->n);
  json_builder_set_member_name (b, "n_tested");
  json_builder_add_int_value (b, g->n_tested);
  add_number (b, "observed_median", g->observed_median);
  add_number (b, "predicted_median", g->predicted_median);
  add_number (b, "residual_median", g->residual_median);
  add_number (b, "ratio", g->ratio);
  add_number (b, "p_below", g->p_below);
  add_number (b, "p_above", g->p_above);
  add_number (b, "p_below_adjusted", g->p_below_adjusted);
  add_number (b, "p_above_adjusted", g->p_above_adjusted);
  json_builder_end_object (b);
}

static void
add_parameters (JsonBuilder                *b,
                const AssayFairnessOptions *options,
                AssayFairnessSes            ses)
{
  json_builder_set_member_name (b, "parameters");
  json_builder_begin_object (b);
  add_number (b, "alpha", options->alpha);
  json_builder_set_member_name (b, "min_n");
  json_builder_add_int_value (b, options->min_n);
  json_builder_set_member_name (b, "min_cell_n");
  json_builder_add_int_value (b, options->min_cell_n);
  add_number (b, "ratio_low", options->ratio_low);
  add_number (b, "ratio_high", options->ratio_high);
  json_builder_set_member_name (b, "correction");
  json_builder_add_string_value (b, options->correction == ASSAY_FAIRNESS_BH ? "bh" : "holm");
  json_builder_set_member_name (b, "ses");
  json_builder_add_string_value (b, ses == ASSAY_FAIRNESS_SES_CONTINUOUS ? "continuous" : "discrete");
  json_builder_end_object (b);
}

static void
add_subject (JsonBuilder              *b,
             const AssayFairnessGroup *g,
             const char               *subject)
{
  json_builder_set_member_name (b, "subject");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, "group");
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, subject);
  json_builder_set_member_name (b, "attributes");
  json_builder_begin_object (b);
  for (guint i = 0; g->names != NULL && g->names[i] != NULL; i++)
    {
      json_builder_set_member_name (b, g->names[i]);
      json_builder_add_string_value (b, g->values[i]);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static char *
flag_json (const AssayFairnessGroup   *g,
           const char                 *id,
           const char                 *subject,
           int                         year,
           const AssayFairnessOptions *options,
           AssayFairnessSes            ses,
           const char                 *method)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *from = g_strdup_printf ("%04d-01-01", year);
  g_autofree char *to = g_strdup_printf ("%04d-12-31", year);
  g_autofree char *explanation = NULL;

  json_builder_begin_object (b);
  add_string (b, "id", id);
  add_string (b, "rule", ASSAY_FAIRNESS_RULE);
  add_string (b, "article", ASSAY_FAIRNESS_ARTICLE);
  add_string (b, "action", "review");
  add_string (b, "severity", "high");
  add_subject (b, g, subject);
  json_builder_set_member_name (b, "period");
  json_builder_begin_object (b);
  add_string (b, "from", from);
  add_string (b, "to", to);
  json_builder_end_object (b);
  add_string (b, "verdict", g->verdict == ASSAY_FAIRNESS_UNDER ? "under" : "over");
  add_features (b, g);
  add_parameters (b, options, ses);
  add_string (b, "method", method != NULL ? method : "");
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  /* The explanation reads the values back, as the case view will. */
  explanation = assay_fairness_flag_explain (json_node_get_object (root));
  json_object_set_string_member (json_node_get_object (root), "explanation", explanation);
  return json_to_string (root, FALSE);
}

static const char *
county_of (const AssayFairnessGroup *g)
{
  for (guint i = 0; g->names != NULL && g->names[i] != NULL; i++)
    if (g_str_equal (g->names[i], "county"))
      return g->values[i];
  return NULL;
}

static AssayStoredFlag *
group_flag (const AssayFairnessGroup   *g,
            int                         year,
            const AssayFairnessOptions *options,
            AssayFairnessSes            ses,
            const char                 *method)
{
  AssayStoredFlag *f = g_new0 (AssayStoredFlag, 1);
  guint32 from = 0, to = 0;

  f->subject_id = group_subject (g);
  f->id = flag_id (year, f->subject_id, g->verdict);
  f->rule = g_strdup (ASSAY_FAIRNESS_RULE);
  f->article = g_strdup (ASSAY_FAIRNESS_ARTICLE);
  f->action = g_strdup ("review");
  f->severity = g_strdup ("high");
  f->severity_rank = ASSAY_RULE_SEVERITY_HIGH;
  f->subject_kind = g_strdup ("group");
  assay_day_from_ymd (year, 1, 1, &from);
  assay_day_from_ymd (year, 12, 31, &to);
  f->from = from;
  f->to = to;
  f->county = g_strdup (county_of (g));
  f->json = flag_json (g, f->id, f->subject_id, year, options, ses, method);
  return f;
}

GPtrArray *
assay_fairness_flags (const AssayFairnessResult  *result,
                      int                         year,
                      const AssayFairnessOptions *options,
                      const char                 *method)
{
  GPtrArray *flags = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_flag_free);

  g_return_val_if_fail (result != NULL && options != NULL, flags);

  for (guint i = 0; i < result->groups->len; i++)
    {
      const AssayFairnessGroup *g = g_ptr_array_index (result->groups, i);

      if (g->verdict == ASSAY_FAIRNESS_UNDER || g->verdict == ASSAY_FAIRNESS_OVER)
        g_ptr_array_add (flags, group_flag (g, year, options, result->ses, method));
    }
  return flags;
}

/* The ids of the flags this run withdraws: for every group it tested, the
 * directions it did not find (a group found under no longer stands over,
 * one with no gap stands neither way).  Groups too small to test keep
 * whatever an earlier run said. */
static GStrv
retired_ids (const AssayFairnessResult *result,
             int                        year)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < result->groups->len; i++)
    {
      const AssayFairnessGroup *g = g_ptr_array_index (result->groups, i);
      g_autofree char *subject = NULL;

      if (g->verdict == ASSAY_FAIRNESS_INSUFFICIENT)
        continue;
      subject = group_subject (g);
      if (g->verdict != ASSAY_FAIRNESS_UNDER)
        g_ptr_array_add (ids, flag_id (year, subject, ASSAY_FAIRNESS_UNDER));
      if (g->verdict != ASSAY_FAIRNESS_OVER)
        g_ptr_array_add (ids, flag_id (year, subject, ASSAY_FAIRNESS_OVER));
    }
  g_ptr_array_add (ids, NULL);
  return (GStrv) g_ptr_array_free (ids, FALSE);
}

gboolean
assay_fairness_open_cases (AssayReplica               *replica,
                           const AssayFairnessResult  *result,
                           int                         year,
                           const AssayFairnessOptions *options,
                           const char                 *method,
                           guint                      *n_flags,
                           GError                    **error)
{
  g_autoptr(GPtrArray) flags = NULL;
  g_auto(GStrv) retired = NULL;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (result != NULL && options != NULL, FALSE);

  flags = assay_fairness_flags (result, year, options, method);
  if (n_flags != NULL)
    *n_flags = flags->len;
  retired = retired_ids (result, year);
  return assay_replica_file_flags (replica, flags, (const char * const *) retired, error);
}

static double
number_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_double (node) : NAN;
}

/* "gender = female, age_band = 70+" */
static char *
describe_attributes (JsonObject *subject)
{
  JsonObject *attributes = subject != NULL && json_object_has_member (subject, "attributes")
                           ? json_object_get_object_member (subject, "attributes") : NULL;
  g_autoptr(GList) names = attributes != NULL ? json_object_get_members (attributes) : NULL;
  GString *text = g_string_new (NULL);

  for (GList *l = names; l != NULL; l = l->next)
    g_string_append_printf (text, "%s%s = %s", text->len > 0 ? ", " : "", (const char *) l->data,
                            json_object_get_string_member (attributes, l->data));
  return g_string_free (text, FALSE);
}

char *
assay_fairness_flag_explain (JsonObject *flag)
{
  JsonObject *features, *parameters, *subject;
  const char *verdict;
  g_autofree char *group = NULL;
  gboolean under;
  double p;

  if (flag == NULL || g_strcmp0 (json_object_get_string_member_with_default (flag, "rule", NULL),
                                 ASSAY_FAIRNESS_RULE) != 0 ||
      !json_object_has_member (flag, "features") || !json_object_has_member (flag, "parameters"))
    return NULL;
  features = json_object_get_object_member (flag, "features");
  parameters = json_object_get_object_member (flag, "parameters");
  subject = json_object_has_member (flag, "subject") ? json_object_get_object_member (flag, "subject") : NULL;
  verdict = json_object_get_string_member_with_default (flag, "verdict", "");
  under = g_str_equal (verdict, "under");
  p = number_member (features, under ? "p_below_adjusted" : "p_above_adjusted");
  group = describe_attributes (subject);
  /* A predicted median of 0 gives no ratio (JSON holds no infinity). */
  if (!isfinite (number_member (features, "ratio")))
    return g_strdup_printf (under
                            ? _("The group %1$s (%2$.0f accounts) has a median of %3$.1f points against the %4$.1f "
                                "its socio-economic status predicts: significantly below it (adjusted p = %5$.2g, "
                                "below %6$.2g). Article W: audit the group.")
                            : _("The group %1$s (%2$.0f accounts) has a median of %3$.1f points against the %4$.1f "
                                "its socio-economic status predicts: significantly above it (adjusted p = %5$.2g, "
                                "below %6$.2g). Article W: audit the group."),
                            group, number_member (features, "n"), number_member (features, "observed_median"),
                            number_member (features, "predicted_median"), p, number_member (parameters, "alpha"));
  /* Translators: Article W. The first %s is a group ("gender = female,
   * age_band = 70+"); "median" is the median contribution value. */
  return g_strdup_printf (under
                          ? _("The group %1$s (%2$.0f accounts) has a median of %3$.1f points, %4$.0f %% of the "
                              "%5$.1f its socio-economic status predicts: significantly below it (adjusted "
                              "p = %6$.2g, below %7$.2g). Article W: audit the group.")
                          : _("The group %1$s (%2$.0f accounts) has a median of %3$.1f points, %4$.0f %% of the "
                              "%5$.1f its socio-economic status predicts: significantly above it (adjusted "
                              "p = %6$.2g, below %7$.2g). Article W: audit the group."),
                          group, number_member (features, "n"), number_member (features, "observed_median"),
                          100 * number_member (features, "ratio"), number_member (features, "predicted_median"),
                          p, number_member (parameters, "alpha"));
}

char *
assay_fairness_flag_describe_method (JsonObject *flag)
{
  JsonObject *parameters;
  AssayFairnessOptions options;

  if (flag == NULL || g_strcmp0 (json_object_get_string_member_with_default (flag, "rule", NULL),
                                 ASSAY_FAIRNESS_RULE) != 0 ||
      !json_object_has_member (flag, "parameters"))
    return NULL;
  parameters = json_object_get_object_member (flag, "parameters");
  assay_fairness_options_init (&options);
  options.alpha = number_member (parameters, "alpha");
  options.min_n = (guint) number_member (parameters, "min_n");
  options.min_cell_n = json_object_has_member (parameters, "min_cell_n")
                       ? (guint) number_member (parameters, "min_cell_n") : options.min_n;
  options.ratio_low = number_member (parameters, "ratio_low");
  options.ratio_high = number_member (parameters, "ratio_high");
  options.correction = g_strcmp0 (json_object_get_string_member_with_default (parameters, "correction", NULL),
                                  "bh") == 0 ? ASSAY_FAIRNESS_BH : ASSAY_FAIRNESS_HOLM;
  return assay_fairness_describe_method (&options,
                                         g_strcmp0 (json_object_get_string_member_with_default (parameters, "ses", NULL),
                                                    "continuous") == 0
                                         ? ASSAY_FAIRNESS_SES_CONTINUOUS : ASSAY_FAIRNESS_SES_DISCRETE);
}

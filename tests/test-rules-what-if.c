/* test-rules-what-if.c — what differs between two flags of one finding, in words
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

#include <math.h>

#include "assay-rule-what-if.h"

static void
add_number (GArray     *values,
            const char *name,
            double      number)
{
  AssayRuleFlagValue v = { g_strdup (name), { .type = ASSAY_RULE_TYPE_NUMBER, .number = number } };

  g_array_append_val (values, v);
}

static void
clear_value (gpointer data)
{
  g_free (((AssayRuleFlagValue *) data)->name);
}

static AssayRuleFlag *
new_flag (double share,
          double limit,
          guint  n_entries)
{
  AssayRuleFlag *f = g_new0 (AssayRuleFlag, 1);

  f->rule = g_strdup ("X.concentration");
  f->article = g_strdup ("X");
  f->rule_set_name = g_strdup ("pilot");
  f->rule_set_sha256 = g_strdup ("0123456789abcdef");
  f->subject_kind = g_strdup ("account");
  f->subject_id = g_strdup ("000042");
  f->explanation = g_strdup ("x");
  f->action = ASSAY_RULE_ACTION_REVIEW;
  f->severity = ASSAY_RULE_SEVERITY_LOW;
  f->features = g_array_new (FALSE, TRUE, sizeof (AssayRuleFlagValue));
  g_array_set_clear_func (f->features, clear_value);
  f->parameters = g_array_new (FALSE, TRUE, sizeof (AssayRuleFlagValue));
  g_array_set_clear_func (f->parameters, clear_value);
  add_number (f->features, "quarter.max_share", share);
  add_number (f->parameters, "concentration_share", limit);
  f->margin = share - limit;
  f->entries = g_array_new (FALSE, TRUE, sizeof (guint64));
  for (guint64 i = 0; i < n_entries; i++)
    g_array_append_val (f->entries, i);
  return f;
}

static void
test_describe (void)
{
  g_autoptr(AssayRuleFlag) before = new_flag (0.75, 0.70, 3);
  g_autoptr(AssayRuleFlag) same = new_flag (0.75, 0.70, 3);
  g_autoptr(AssayRuleFlag) after = new_flag (0.75, 0.60, 3);
  g_autofree char *none = assay_what_if_describe_change (before, same);
  g_autofree char *text = assay_what_if_describe_change (before, after);
  g_autofree char *more = NULL;

  g_assert_null (none);
  /* Only the parameter and the margin differ; the feature is the same. */
  g_assert_cmpstr (text, ==, "concentration_share 0.7 → 0.6; margin 0.05 → 0.15");

  after->severity = ASSAY_RULE_SEVERITY_HIGH;
  after->action = ASSAY_RULE_ACTION_DOWN_WEIGHT;
  g_array_set_size (after->entries, 5);
  add_number (after->parameters, "min_requests", 10);
  more = assay_what_if_describe_change (before, after);
  g_assert_cmpstr (more, ==, "action review → down-weight; severity low → high; "
                   "concentration_share 0.7 → 0.6; min_requests — → 10; margin 0.05 → 0.15; "
                   "entries 3 → 5");
}

static void
test_format (void)
{
  AssayRuleValue number = { .type = ASSAY_RULE_TYPE_NUMBER, .number = 1.0 / 3 };
  AssayRuleValue missing = { .type = ASSAY_RULE_TYPE_NUMBER, .number = NAN };
  AssayRuleValue yes = { .type = ASSAY_RULE_TYPE_BOOL, .boolean = TRUE };
  AssayRuleValue word = { .type = ASSAY_RULE_TYPE_STRING, .string = "ecological" };
  g_autofree char *a = assay_rule_value_format (&number);
  g_autofree char *b = assay_rule_value_format (&missing);
  g_autofree char *c = assay_rule_value_format (&yes);
  g_autofree char *d = assay_rule_value_format (&word);
  g_autofree char *e = assay_rule_value_format (NULL);
  g_autofree char *sha = assay_what_if_sha256_prefix ("0123456789abcdef0123");

  g_assert_cmpstr (a, ==, "0.333333");
  g_assert_cmpstr (b, ==, "—");
  g_assert_cmpstr (c, ==, "true");
  g_assert_cmpstr (d, ==, "“ecological”");
  g_assert_cmpstr (e, ==, "—");
  g_assert_cmpstr (sha, ==, "0123456789ab");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/rules/what-if/describe", test_describe);
  g_test_add_func ("/assay/rules/what-if/format", test_format);
  return g_test_run ();
}

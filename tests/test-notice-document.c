/* test-notice-document.c — the notice's model and its what-if section, without a service
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
#include <string.h>

#include "assay-day.h"
#include "assay-error.h"
#include "assay-notice.h"
#include "assay-test-util.h"

typedef struct
{
  AssayRuleSet *rules;      /* pilot.json: equal weights until 2026-07-01, 7 days' notice */
  GPtrArray    *versions;   /* AssayStoredWeights */
} Fixture;

static guint32
day (const char *text)
{
  guint32 d;

  g_assert_true (assay_day_parse (text, -1, &d));
  return d;
}

static void
add_version (Fixture    *f,
             guint64     index,
             const char *logged,
             const char *effective,
             gint64      professional,
             gint64      data)
{
  AssayStoredWeights *v = g_new0 (AssayStoredWeights, 1);
  const char *signers[] = { "ana", "bo", "chen", NULL };

  v->index = index;
  memset (v->hash, 'a' + (char) (index % 6), 64);
  v->logged_day = day (logged);
  v->effective_day = day (effective);
  v->basis_points[ASSAY_DIMENSION_PROFESSIONAL] = professional;
  v->basis_points[ASSAY_DIMENSION_KNOWLEDGE] = 2000;
  v->basis_points[ASSAY_DIMENSION_COMMUNITY] = 1500;
  v->basis_points[ASSAY_DIMENSION_ECOLOGICAL] = 1500;
  v->basis_points[ASSAY_DIMENSION_DATA] = data;
  v->basis_points[ASSAY_DIMENSION_MARKET_ORDER] = 10000 - professional - data - 5000;
  v->rationale = g_strdup_printf ("Version %" G_GUINT64_FORMAT ".", index);
  v->signers = g_strdupv ((char **) signers);
  g_ptr_array_add (f->versions, v);
}

/* A void version (inside the equal weights), two taking effect the same
 * quarter (the first replaced), and one logged in December. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autofree char *path = assay_test_pilot_rules ();
  g_autoptr(GError) error = NULL;

  f->rules = assay_rule_set_new_from_file (path, &error);
  g_assert_no_error (error);
  f->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_weights_free);
  add_version (f, 10, "2026-03-01", "2026-04-01", 2500, 1000);
  add_version (f, 20, "2026-08-01", "2026-10-01", 3000, 500);
  add_version (f, 30, "2026-08-15", "2026-10-01", 2500, 1000);
  add_version (f, 40, "2026-12-01", "2027-01-01", 2750, 1000);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_object_unref (f->rules);
  g_ptr_array_unref (f->versions);
}

static AssayNotice *
notice_of (Fixture    *f,
           guint64     index,
           const char *as_of)
{
  g_autoptr(GError) error = NULL;
  AssayNotice *notice = assay_notice_new_from_versions (f->versions, "a<b>&c.example/log", f->rules, index,
                                                        day (as_of), &error);

  g_assert_no_error (error);
  return notice;
}

static void
test_statuses (Fixture       *f,
               gconstpointer  user_data)
{
  g_autoptr(AssayNotice) void_one = notice_of (f, 10, "2026-12-03");
  g_autoptr(AssayNotice) replaced = notice_of (f, 20, "2026-12-03");
  g_autoptr(AssayNotice) in_force = notice_of (f, 30, "2026-12-03");
  g_autoptr(AssayNotice) in_notice = notice_of (f, 40, "2026-12-03");
  g_autoptr(AssayNotice) scheduled = notice_of (f, 40, "2026-12-08");
  g_autofree char *html = NULL;

  g_assert_cmpint (void_one->status, ==, ASSAY_WEIGHTS_VOID);
  g_assert_true (void_one->old_equal);
  html = assay_notice_to_html (void_one);
  g_assert_nonnull (strstr (html, "<dd>无效：生效日期落在等权重期内，本版本不适用</dd>"));
  g_assert_nonnull (strstr (html, "<dd>a&lt;b&gt;&amp;c.example/log</dd>"));

  g_assert_cmpint (replaced->status, ==, ASSAY_WEIGHTS_REPLACED);
  g_assert_cmpint (in_force->status, ==, ASSAY_WEIGHTS_IN_FORCE);
  g_assert_cmpuint (in_force->effective, ==, day ("2026-10-01"));
  g_assert_true (in_force->old_equal);

  /* Logged 2026-12-01: the notice runs to 2026-12-08, then it waits for
   * January. */
  g_assert_cmpint (in_notice->status, ==, ASSAY_WEIGHTS_IN_NOTICE);
  g_assert_cmpuint (in_notice->notice_end, ==, day ("2026-12-08"));
  g_assert_cmpint (scheduled->status, ==, ASSAY_WEIGHTS_SCHEDULED);
  g_assert_cmpuint (in_notice->effective, ==, day ("2027-01-01"));
  /* Its old weights are those of 30, not of the replaced 20. */
  g_assert_false (in_notice->old_equal);
  g_assert_cmpuint (in_notice->old_log_index, ==, 30);
  g_assert_cmpint (in_notice->old_basis_points[ASSAY_DIMENSION_PROFESSIONAL], ==, 2500);
  g_assert_cmpint (in_notice->basis_points[ASSAY_DIMENSION_PROFESSIONAL], ==, 2750);
}

static void
test_not_a_version (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayNotice) notice = assay_notice_new_from_versions (f->versions, "o", f->rules, 25, day ("2026-12-03"),
                                                                  &error);

  g_assert_null (notice);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "25"));
}

/* The what-if section is there exactly when a summary was handed in. */
static void
test_what_if (Fixture       *f,
              gconstpointer  user_data)
{
  g_autoptr(AssayNotice) notice = notice_of (f, 40, "2026-12-03");
  AssayNoticeWhatIf what_if = { 300, 0.81234, 0.93456, 97, 100, 4, 2, 1, 5 };
  g_autofree char *before = assay_notice_to_html (notice);
  g_autofree char *with = NULL, *without = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (strstr (before, "Kendall"));
  assay_notice_set_what_if (notice, &what_if);
  with = assay_notice_to_html (notice);
  g_assert_nonnull (strstr (with, "<h2>调整影响预估</h2>"));
  g_assert_nonnull (strstr (with, "<h2>What the change would do</h2>"));
  g_assert_nonnull (strstr (with, "<dt>Kendall τ-b</dt>\n<dd>0.8123</dd>"));
  g_assert_nonnull (strstr (with, "<dt>Spearman ρ</dt>\n<dd>0.9346</dd>"));
  g_assert_nonnull (strstr (with, "<dd>97 / 100</dd>"));
  g_assert_nonnull (strstr (with, "<dd>97 of 100</dd>"));
  g_assert_nonnull (strstr (with, "<dd>上升 4，下降 2</dd>"));
  g_assert_nonnull (strstr (with, "<dd>1 up, 5 down</dd>"));
  pdf = assay_notice_to_pdf (notice, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
  /* Every value tied: τ-b is undefined. */
  what_if.kendall_tau = NAN;
  assay_notice_set_what_if (notice, &what_if);
  g_free (with);
  with = assay_notice_to_html (notice);
  g_assert_nonnull (strstr (with, "<dt>Kendall τ-b</dt>\n<dd>—</dd>"));
  assay_notice_set_what_if (notice, NULL);
  without = assay_notice_to_html (notice);
  g_assert_cmpstr (without, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/assay/notice-document/statuses", Fixture, NULL, fixture_set_up, test_statuses, fixture_tear_down);
  g_test_add ("/assay/notice-document/not-a-version", Fixture, NULL, fixture_set_up, test_not_a_version,
              fixture_tear_down);
  g_test_add ("/assay/notice-document/what-if", Fixture, NULL, fixture_set_up, test_what_if, fixture_tear_down);
  return g_test_run ();
}

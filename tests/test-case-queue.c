/* test-case-queue.c — the Review Queue's filter, order and counts, without GTK or a replica
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

#include <glib.h>

#include "assay-case-queue.h"

#define DAY (24 * 60 * 60)
#define NOW ((gint64) 1800000000)

static AssayStoredFlag *
make_flag (const char  *id,
           const char  *rule,
           const char  *article,
           const char  *severity,
           int          rank,
           const char **members)
{
  AssayStoredFlag *f = g_new0 (AssayStoredFlag, 1);

  f->id = g_strdup (id);
  f->rule = g_strdup (rule);
  f->article = g_strdup (article);
  f->action = g_strdup ("review");
  f->severity = g_strdup (severity);
  f->severity_rank = rank;
  f->members = g_strdupv ((char **) members);
  f->json = g_strdup ("{}");
  return f;
}

/* A case whose flags are `flags` (their ids join it in that order). */
static AssayCaseRow *
make_row (gint64          id,
          const char     *kind,
          const char     *subject,
          AssayCaseState  state,
          gint64          age_days,
          const char     *assignee,
          const char     *county,
          guint           n_current,
          GPtrArray      *flags)
{
  AssayCase c = { 0 };
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  const AssayStoredFlag *most = NULL;

  for (guint i = 0; i < flags->len; i++)
    {
      const AssayStoredFlag *f = g_ptr_array_index (flags, i);

      g_ptr_array_add (ids, f->id);
      if (most == NULL || f->severity_rank > most->severity_rank)
        most = f;
    }
  c.id = id;
  c.subject_kind = (char *) kind;
  c.subject_id = (char *) subject;
  c.state = state;
  c.opened = NOW - age_days * DAY;
  c.updated = c.opened;
  c.assignee = (char *) assignee;
  c.county = (char *) county;
  c.article = most != NULL ? most->article : NULL;
  c.severity = most != NULL ? most->severity : NULL;
  c.flag_ids = ids;
  c.n_current = n_current;
  return assay_case_row_new (&c, flags);
}

static GPtrArray *
flags_of (AssayStoredFlag *first,
          ...)
{
  GPtrArray *flags = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_flag_free);
  va_list args;

  va_start (args, first);
  for (AssayStoredFlag *f = first; f != NULL; f = va_arg (args, AssayStoredFlag *))
    g_ptr_array_add (flags, f);
  va_end (args);
  return flags;
}

/* Four cases: two Article X accounts, a 6.1 ring and a county. */
static GPtrArray *
make_rows (void)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  const char *ring[] = { "acct-a", "acct-b", "acct-zeta", NULL };
  g_autoptr(GPtrArray) f1 = flags_of (make_flag ("f1", "X.concentration", "X", "medium", 1, NULL),
                                      make_flag ("f2", "X.down_weight", "X", "high", 2, NULL), NULL);
  g_autoptr(GPtrArray) f2 = flags_of (make_flag ("f3", "X.concentration", "X", "medium", 1, NULL), NULL);
  g_autoptr(GPtrArray) f3 = flags_of (make_flag ("f4", "6.1.lockstep", "6.1", "high", 2, ring), NULL);
  g_autoptr(GPtrArray) f4 = flags_of (make_flag ("f5", "6.1.spike", "6.1", "low", 0, NULL), NULL);

  g_ptr_array_add (rows, make_row (1, "account", "acct-conc", ASSAY_CASE_STATE_OPEN, 3, NULL,
                                   "310118", 2, f1));
  g_ptr_array_add (rows, make_row (2, "account", "acct-b", ASSAY_CASE_STATE_IN_REVIEW, 40, "wang",
                                   "310115", 1, f2));
  g_ptr_array_add (rows, make_row (3, "ring", "ring-1", ASSAY_CASE_STATE_REOPENED, 10, NULL,
                                   "310118", 1, f3));
  g_ptr_array_add (rows, make_row (4, "county", "310120", ASSAY_CASE_STATE_OPEN, 0, "li",
                                   "310120", 0, f4));
  return rows;
}

static guint
count_matching (GPtrArray             *rows,
                const AssayCaseFilter *filter)
{
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    n += assay_case_row_matches (g_ptr_array_index (rows, i), filter, NOW);
  return n;
}

static void
test_rows (void)
{
  g_autoptr(GPtrArray) rows = make_rows ();
  AssayCaseRow *first = g_ptr_array_index (rows, 0);
  AssayCaseRow *ring = g_ptr_array_index (rows, 2);
  const char * const *rules = assay_case_row_get_rules (first);

  g_assert_cmpint (assay_case_row_get_id (first), ==, 1);
  g_assert_cmpuint (g_strv_length ((char **) rules), ==, 2);
  g_assert_cmpstr (rules[0], ==, "X.concentration");
  g_assert_cmpstr (rules[1], ==, "X.down_weight");
  g_assert_cmpint (assay_case_row_get_severity_rank (first), ==, 2);
  g_assert_cmpuint (assay_case_row_get_n_flags (first), ==, 2);
  g_assert_null (assay_case_row_get_members (first));
  g_assert_cmpuint (g_strv_length ((char **) assay_case_row_get_members (ring)), ==, 3);
  g_assert_cmpstr (assay_case_state_to_id (ASSAY_CASE_STATE_IN_REVIEW), ==, "in_review");
  g_assert_cmpint (assay_case_state_from_id ("reopened"), ==, ASSAY_CASE_STATE_REOPENED);
  g_assert_cmpint (assay_case_state_from_id ("nonsense"), ==, -1);
}

static void
test_filter (void)
{
  g_autoptr(GPtrArray) rows = make_rows ();
  g_autoptr(AssayCaseFilter) filter = assay_case_filter_new ();

  g_assert_cmpuint (count_matching (rows, filter), ==, 4);

  filter->article = g_strdup ("X");
  g_assert_cmpuint (count_matching (rows, filter), ==, 2);
  g_clear_pointer (&filter->article, g_free);

  /* A rule matches a case that holds any flag of it. */
  filter->rule = g_strdup ("X.down_weight");
  g_assert_cmpuint (count_matching (rows, filter), ==, 1);
  g_clear_pointer (&filter->rule, g_free);

  filter->severity = g_strdup ("high");
  g_assert_cmpuint (count_matching (rows, filter), ==, 2);
  filter->county = g_strdup ("310118");
  g_assert_cmpuint (count_matching (rows, filter), ==, 2);
  filter->state = ASSAY_CASE_STATE_OPEN;
  g_assert_cmpuint (count_matching (rows, filter), ==, 1);
  g_clear_pointer (&filter->severity, g_free);
  g_clear_pointer (&filter->county, g_free);
  filter->state = -1;

  /* Ages: at least a week, at most a week. */
  filter->min_age = 7 * DAY;
  g_assert_cmpuint (count_matching (rows, filter), ==, 2);
  filter->min_age = 0;
  filter->max_age = 7 * DAY;
  g_assert_cmpuint (count_matching (rows, filter), ==, 2);
  filter->max_age = 0;

  /* The search finds an account subject or a ring's member, in any case,
   * but not a county's code nor a ring's id. */
  filter->search = g_strdup ("ACCT-B");
  g_assert_cmpuint (count_matching (rows, filter), ==, 2);
  g_free (filter->search);
  filter->search = g_strdup ("zeta");
  g_assert_cmpuint (count_matching (rows, filter), ==, 1);
  g_free (filter->search);
  filter->search = g_strdup ("310120");
  g_assert_cmpuint (count_matching (rows, filter), ==, 0);
  g_free (filter->search);
  filter->search = g_strdup ("");
  g_assert_cmpuint (count_matching (rows, filter), ==, 4);
}

/* The case ids of `rows` sorted by `column`, ascending or not. */
static char *
sorted_ids (GPtrArray       *rows,
            AssayCaseColumn  column,
            gboolean         descending)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_new ();
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (copy, g_ptr_array_index (rows, i));

  for (guint i = 0; i < copy->len; i++)
    for (guint j = i + 1; j < copy->len; j++)
      {
        int r = assay_case_row_compare (g_ptr_array_index (copy, i), g_ptr_array_index (copy, j), column);

        if (descending ? r < 0 : r > 0)
          {
            gpointer t = copy->pdata[i];

            copy->pdata[i] = copy->pdata[j];
            copy->pdata[j] = t;
          }
      }
  for (guint i = 0; i < copy->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            assay_case_row_get_id (g_ptr_array_index (copy, i)));
  return g_string_free (ids, FALSE);
}

static void
assert_order (GPtrArray       *rows,
              AssayCaseColumn  column,
              const char      *ascending,
              const char      *descending)
{
  g_autofree char *up = sorted_ids (rows, column, FALSE);
  g_autofree char *down = sorted_ids (rows, column, TRUE);

  g_assert_cmpstr (up, ==, ascending);
  g_assert_cmpstr (down, ==, descending);
}

static void
test_sort (void)
{
  g_autoptr(GPtrArray) rows = make_rows ();

  assert_order (rows, ASSAY_CASE_COLUMN_ID, "1 2 3 4", "4 3 2 1");
  /* account < county < ring, then by id */
  assert_order (rows, ASSAY_CASE_COLUMN_SUBJECT, "2 1 4 3", "3 4 1 2");
  assert_order (rows, ASSAY_CASE_COLUMN_ARTICLE, "3 4 1 2", "2 1 4 3");
  assert_order (rows, ASSAY_CASE_COLUMN_RULES, "3 4 1 2", "2 1 4 3");
  /* ties by id: 1 and 3 are both high */
  assert_order (rows, ASSAY_CASE_COLUMN_SEVERITY, "4 2 1 3", "3 1 2 4");
  assert_order (rows, ASSAY_CASE_COLUMN_STATE, "1 4 2 3", "3 2 4 1");
  assert_order (rows, ASSAY_CASE_COLUMN_COUNTY, "2 1 3 4", "4 3 1 2");
  /* oldest first */
  assert_order (rows, ASSAY_CASE_COLUMN_OPENED, "2 3 1 4", "4 1 3 2");
  /* the unassigned first */
  assert_order (rows, ASSAY_CASE_COLUMN_ASSIGNEE, "1 3 4 2", "2 4 3 1");
  assert_order (rows, ASSAY_CASE_COLUMN_FLAGS, "4 2 3 1", "1 3 2 4");
}

static void
test_counts (void)
{
  g_autoptr(GPtrArray) rows = make_rows ();
  g_autoptr(GPtrArray) articles = assay_case_queue_count (rows, ASSAY_CASE_COLUMN_ARTICLE);
  g_autoptr(GPtrArray) severities = assay_case_queue_count (rows, ASSAY_CASE_COLUMN_SEVERITY);
  g_autoptr(GPtrArray) states = assay_case_queue_count (rows, ASSAY_CASE_COLUMN_STATE);
  g_autoptr(GPtrArray) assignees = assay_case_queue_count (rows, ASSAY_CASE_COLUMN_ASSIGNEE);
  AssayCaseCount *c;

  g_assert_cmpuint (articles->len, ==, 2);
  c = g_ptr_array_index (articles, 0);
  g_assert_cmpstr (c->value, ==, "6.1");
  g_assert_cmpuint (c->count, ==, 2);
  c = g_ptr_array_index (articles, 1);
  g_assert_cmpstr (c->value, ==, "X");
  g_assert_cmpuint (c->count, ==, 2);

  /* Most severe first. */
  g_assert_cmpuint (severities->len, ==, 3);
  g_assert_cmpstr (((AssayCaseCount *) g_ptr_array_index (severities, 0))->value, ==, "high");
  g_assert_cmpstr (((AssayCaseCount *) g_ptr_array_index (severities, 2))->value, ==, "low");
  /* In the states' order. */
  g_assert_cmpuint (states->len, ==, 3);
  g_assert_cmpstr (((AssayCaseCount *) g_ptr_array_index (states, 0))->value, ==, "open");
  g_assert_cmpuint (((AssayCaseCount *) g_ptr_array_index (states, 0))->count, ==, 2);
  g_assert_cmpstr (((AssayCaseCount *) g_ptr_array_index (states, 2))->value, ==, "reopened");
  g_assert_cmpuint (assignees->len, ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assay/case-queue/rows", test_rows);
  g_test_add_func ("/assay/case-queue/filter", test_filter);
  g_test_add_func ("/assay/case-queue/sort", test_sort);
  g_test_add_func ("/assay/case-queue/counts", test_counts);
  return g_test_run ();
}

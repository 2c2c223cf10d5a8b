/* assay-case-queue.h — the Review Queue's rows, filter and order, without GTK
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

#pragma once

#include <glib-object.h>

#include "assay-replica-cases.h"

G_BEGIN_DECLS

/* The columns the queue sorts by. */
typedef enum
{
  ASSAY_CASE_COLUMN_ID,
  ASSAY_CASE_COLUMN_SUBJECT,
  ASSAY_CASE_COLUMN_ARTICLE,
  ASSAY_CASE_COLUMN_RULES,
  ASSAY_CASE_COLUMN_SEVERITY,
  ASSAY_CASE_COLUMN_STATE,
  ASSAY_CASE_COLUMN_COUNTY,
  ASSAY_CASE_COLUMN_OPENED,
  ASSAY_CASE_COLUMN_ASSIGNEE,
  ASSAY_CASE_COLUMN_FLAGS,
  ASSAY_N_CASE_COLUMNS /*< skip >*/
} AssayCaseColumn;

#define ASSAY_TYPE_CASE_ROW (assay_case_row_get_type ())

G_DECLARE_FINAL_TYPE (AssayCaseRow, assay_case_row, ASSAY, CASE_ROW, GObject)

/* One case of the queue: the stored case and what its flags add (the
 * rules and articles of every flag that joined it, a ring's members, the
 * rank of its most severe flag).  Immutable: a refresh makes new rows. */

AssayCaseRow       *assay_case_row_new            (const AssayCase *c,
                                                   GPtrArray       *flags);
const AssayCase    *assay_case_row_get_case       (AssayCaseRow *self);
gint64              assay_case_row_get_id         (AssayCaseRow *self);
/* The rules of its flags, distinct, in the order they joined; the same
 * for the articles; a ring's members (NULL for another subject). */
const char * const *assay_case_row_get_rules      (AssayCaseRow *self);
const char * const *assay_case_row_get_articles   (AssayCaseRow *self);
const char * const *assay_case_row_get_members    (AssayCaseRow *self);
/* Higher is more severe; -1 when no flag of the case is known. */
int                 assay_case_row_get_severity_rank (AssayCaseRow *self);
guint               assay_case_row_get_n_flags    (AssayCaseRow *self);

/* What the queue shows: every field NULL or -1 (or 0 for the ages)
 * matches anything.  `search` matches an account subject, a ring member
 * or a filing's account whose id contains it (case-insensitively); the ages are in seconds
 * since the case was opened. */
typedef struct
{
  char   *article;
  char   *rule;
  char   *severity;
  char   *county;
  int     state;          /* an AssayCaseState, or -1 */
  gint64  min_age;        /* opened at least this long ago; 0: no bound */
  gint64  max_age;        /* opened at most this long ago; 0: no bound */
  char   *search;
} AssayCaseFilter;

AssayCaseFilter *assay_case_filter_new  (void);
void             assay_case_filter_free (AssayCaseFilter *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCaseFilter, assay_case_filter_free)

gboolean     assay_case_row_matches     (AssayCaseRow          *self,
                                         const AssayCaseFilter *filter,
                                         gint64                 now);
/* Orders two rows by `column`, ascending (severity: least severe first;
 * opened: oldest first); ties by case id. */
int          assay_case_row_compare     (AssayCaseRow          *a,
                                         AssayCaseRow          *b,
                                         AssayCaseColumn        column);

/* The cases of the replica as rows, by id (GPtrArray of AssayCaseRow):
 * with @panel the arbitration panel's (disputes, appeals against
 * decisions), else every other (the committee's). */
GPtrArray   *assay_case_queue_load      (AssayReplica          *replica,
                                         gboolean               panel,
                                         GError               **error);

typedef struct
{
  char  *value;
  guint  count;
} AssayCaseCount;

void assay_case_count_free (AssayCaseCount *count);

/* The distinct values of `column` among `rows` (ARTICLE, RULES, SEVERITY,
 * STATE, COUNTY or ASSIGNEE) with how many cases have each, sorted by
 * value (severity: most severe first); a case with flags of two articles
 * counts for both.  GPtrArray of AssayCaseCount. */
GPtrArray   *assay_case_queue_count     (GPtrArray             *rows,
                                         AssayCaseColumn        column);

/* The stable id of a state ("open", "in_review", …) and back (-1). */
const char  *assay_case_state_to_id     (AssayCaseState state);
int          assay_case_state_from_id   (const char    *id);

G_END_DECLS

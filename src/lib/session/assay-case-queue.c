/* assay-case-queue.c — the Review Queue's rows, filter and order, without GTK
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

#include <string.h>

#include "assay-case-queue.h"

struct _AssayCaseRow
{
  GObject    parent_instance;

  AssayCase *c;
  GStrv      rules;
  GStrv      articles;
  GStrv      members;
  int        severity_rank;
  guint      n_flags;
};

G_DEFINE_FINAL_TYPE (AssayCaseRow, assay_case_row, G_TYPE_OBJECT)

static const char * const state_ids[] = { "open", "in_review", "decided", "reopened" };

/* The severities the rules know, least severe first (their enum order):
 * a fallback when a case's flags are not stored any more. */
static const char * const severity_ids[] = { "low", "medium", "high" };

/* ---- helpers ------------------------------------------------------------------- */

static void
add_distinct (GPtrArray  *values,
              const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  for (guint i = 0; i < values->len; i++)
    if (strcmp (g_ptr_array_index (values, i), value) == 0)
      return;
  g_ptr_array_add (values, g_strdup (value));
}

static GStrv
steal_strv (GPtrArray *values)
{
  g_ptr_array_add (values, NULL);
  return (GStrv) g_ptr_array_free (values, FALSE);
}

static int
severity_rank_of_id (const char *severity)
{
  for (guint i = 0; i < G_N_ELEMENTS (severity_ids); i++)
    if (g_strcmp0 (severity, severity_ids[i]) == 0)
      return (int) i;
  return -1;
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *h = NULL;
  g_autofree char *n = NULL;

  if (haystack == NULL)
    return FALSE;
  h = g_utf8_casefold (haystack, -1);
  n = g_utf8_casefold (needle, -1);
  return strstr (h, n) != NULL;
}

static gboolean
strv_has (const char * const *strv,
          const char         *value)
{
  return strv != NULL && g_strv_contains (strv, value);
}

/* The first value of a list, for sorting by it. */
static const char *
first_of (const char * const *strv)
{
  return strv != NULL && strv[0] != NULL ? strv[0] : "";
}

static int
compare_int64 (gint64 a,
               gint64 b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

static int
compare_strings (const char *a,
                 const char *b)
{
  /* Unset sorts first ascending, so that the unassigned come together. */
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return g_utf8_collate (a, b);
}

/* ---- GObject ------------------------------------------------------------------- */

static void
assay_case_row_finalize (GObject *object)
{
  AssayCaseRow *self = ASSAY_CASE_ROW (object);

  g_clear_pointer (&self->c, assay_case_free);
  g_clear_pointer (&self->rules, g_strfreev);
  g_clear_pointer (&self->articles, g_strfreev);
  g_clear_pointer (&self->members, g_strfreev);

  G_OBJECT_CLASS (assay_case_row_parent_class)->finalize (object);
}

static void
assay_case_row_class_init (AssayCaseRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = assay_case_row_finalize;
}

static void
assay_case_row_init (AssayCaseRow *self)
{
  self->severity_rank = -1;
}

/* ---- public API ---------------------------------------------------------------- */

/**
 * assay_case_row_new:
 * @c: the case
 * @flags: (element-type AssayStoredFlag): the case's flags, in the order
 *   they joined (those that are still stored)
 */
AssayCaseRow *
assay_case_row_new (const AssayCase *c,
                    GPtrArray       *flags)
{
  AssayCaseRow *self;
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (c != NULL, NULL);
  g_return_val_if_fail (flags != NULL, NULL);

  self = g_object_new (ASSAY_TYPE_CASE_ROW, NULL);
  self->c = assay_case_copy (c);
  self->n_flags = c->flag_ids != NULL ? c->flag_ids->len : 0;
  self->severity_rank = severity_rank_of_id (c->severity);
  add_distinct (articles, c->article);
  for (guint i = 0; i < flags->len; i++)
    {
      const AssayStoredFlag *flag = g_ptr_array_index (flags, i);

      add_distinct (rules, flag->rule);
      add_distinct (articles, flag->article);
      if (g_strcmp0 (flag->severity, c->severity) == 0)
        self->severity_rank = MAX (self->severity_rank, flag->severity_rank);
      for (guint m = 0; flag->members != NULL && flag->members[m] != NULL; m++)
        add_distinct (members, flag->members[m]);
    }
  self->rules = steal_strv (g_steal_pointer (&rules));
  self->articles = steal_strv (g_steal_pointer (&articles));
  self->members = members->len > 0 ? steal_strv (g_steal_pointer (&members)) : NULL;
  return self;
}

const AssayCase *
assay_case_row_get_case (AssayCaseRow *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_ROW (self), NULL);

  return self->c;
}

gint64
assay_case_row_get_id (AssayCaseRow *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_ROW (self), 0);

  return self->c->id;
}

const char * const *
assay_case_row_get_rules (AssayCaseRow *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_ROW (self), NULL);

  return (const char * const *) self->rules;
}

const char * const *
assay_case_row_get_articles (AssayCaseRow *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_ROW (self), NULL);

  return (const char * const *) self->articles;
}

const char * const *
assay_case_row_get_members (AssayCaseRow *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_ROW (self), NULL);

  return (const char * const *) self->members;
}

int
assay_case_row_get_severity_rank (AssayCaseRow *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_ROW (self), -1);

  return self->severity_rank;
}

guint
assay_case_row_get_n_flags (AssayCaseRow *self)
{
  g_return_val_if_fail (ASSAY_IS_CASE_ROW (self), 0);

  return self->n_flags;
}

AssayCaseFilter *
assay_case_filter_new (void)
{
  AssayCaseFilter *filter = g_new0 (AssayCaseFilter, 1);

  filter->state = -1;
  return filter;
}

void
assay_case_filter_free (AssayCaseFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->article);
  g_free (filter->rule);
  g_free (filter->severity);
  g_free (filter->county);
  g_free (filter->search);
  g_free (filter);
}

gboolean
assay_case_row_matches (AssayCaseRow          *self,
                        const AssayCaseFilter *filter,
                        gint64                 now)
{
  const AssayCase *c;
  gint64 age;

  g_return_val_if_fail (ASSAY_IS_CASE_ROW (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  c = self->c;
  age = now - c->opened;
  if (filter->article != NULL && !strv_has ((const char * const *) self->articles, filter->article))
    return FALSE;
  if (filter->rule != NULL && !strv_has ((const char * const *) self->rules, filter->rule))
    return FALSE;
  if (filter->severity != NULL && g_strcmp0 (c->severity, filter->severity) != 0)
    return FALSE;
  if (filter->county != NULL && g_strcmp0 (c->county, filter->county) != 0)
    return FALSE;
  if (filter->state >= 0 && (int) c->state != filter->state)
    return FALSE;
  if (filter->min_age > 0 && age < filter->min_age)
    return FALSE;
  if (filter->max_age > 0 && age > filter->max_age)
    return FALSE;
  if (filter->search != NULL && filter->search[0] != '\0')
    {
      gboolean found = (g_strcmp0 (c->subject_kind, "account") == 0 &&
                        contains_casefold (c->subject_id, filter->search)) ||
                       (c->filing_account != NULL && contains_casefold (c->filing_account, filter->search));

      for (guint i = 0; !found && self->members != NULL && self->members[i] != NULL; i++)
        found = contains_casefold (self->members[i], filter->search);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

int
assay_case_row_compare (AssayCaseRow    *a,
                        AssayCaseRow    *b,
                        AssayCaseColumn  column)
{
  const AssayCase *ca, *cb;
  int r = 0;

  g_return_val_if_fail (ASSAY_IS_CASE_ROW (a), 0);
  g_return_val_if_fail (ASSAY_IS_CASE_ROW (b), 0);

  ca = a->c;
  cb = b->c;
  switch (column)
    {
    case ASSAY_CASE_COLUMN_ID:
      break;
    case ASSAY_CASE_COLUMN_SUBJECT:
      r = compare_strings (ca->subject_kind, cb->subject_kind);
      if (r == 0)
        r = compare_strings (ca->subject_id, cb->subject_id);
      break;
    case ASSAY_CASE_COLUMN_ARTICLE:
      r = compare_strings (first_of ((const char * const *) a->articles),
                           first_of ((const char * const *) b->articles));
      break;
    case ASSAY_CASE_COLUMN_RULES:
      r = compare_strings (first_of ((const char * const *) a->rules),
                           first_of ((const char * const *) b->rules));
      break;
    case ASSAY_CASE_COLUMN_SEVERITY:
      r = compare_int64 (a->severity_rank, b->severity_rank);
      break;
    case ASSAY_CASE_COLUMN_STATE:
      r = compare_int64 (ca->state, cb->state);
      break;
    case ASSAY_CASE_COLUMN_COUNTY:
      r = compare_strings (ca->county, cb->county);
      break;
    case ASSAY_CASE_COLUMN_OPENED:
      r = compare_int64 (ca->opened, cb->opened);
      break;
    case ASSAY_CASE_COLUMN_ASSIGNEE:
      r = compare_strings (ca->assignee, cb->assignee);
      break;
    case ASSAY_CASE_COLUMN_FLAGS:
      r = compare_int64 (ca->n_current, cb->n_current);
      break;
    case ASSAY_N_CASE_COLUMNS:
    default:
      g_return_val_if_reached (0);
    }
  return r != 0 ? r : compare_int64 (ca->id, cb->id);
}

GPtrArray *
assay_case_queue_load (AssayReplica  *replica,
                       gboolean       panel,
                       GError       **error)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);

  if ((cases = assay_replica_list_cases (replica, error)) == NULL ||
      (flags = assay_replica_list_flags (replica, error)) == NULL)
    return NULL;
  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < flags->len; i++)
    {
      AssayStoredFlag *flag = g_ptr_array_index (flags, i);

      g_hash_table_insert (by_id, flag->id, flag);
    }
  for (guint i = 0; i < cases->len; i++)
    {
      const AssayCase *c = g_ptr_array_index (cases, i);
      g_autoptr(GPtrArray) own = g_ptr_array_new ();
      g_autoptr(GPtrArray) earlier = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_stored_flag_free);

      if (c->for_panel != panel)
        continue;

      for (guint f = 0; c->flag_ids != NULL && f < c->flag_ids->len; f++)
        {
          const char *id = g_ptr_array_index (c->flag_ids, f);
          AssayStoredFlag *flag = g_hash_table_lookup (by_id, id);

          /* A flag the latest run no longer raises is still stored. */
          if (flag == NULL && (flag = assay_replica_get_flag (replica, id, NULL)) != NULL)
            g_ptr_array_add (earlier, flag);
          if (flag != NULL)
            g_ptr_array_add (own, flag);
        }
      g_ptr_array_add (rows, assay_case_row_new (c, own));
    }
  return g_steal_pointer (&rows);
}

void
assay_case_count_free (AssayCaseCount *count)
{
  if (count == NULL)
    return;
  g_free (count->value);
  g_free (count);
}

static void
count_value (GHashTable *counts,
             const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  g_hash_table_insert (counts, (gpointer) value,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, value)) + 1));
}

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  const AssayCaseCount *ca = *(AssayCaseCount * const *) a;
  const AssayCaseCount *cb = *(AssayCaseCount * const *) b;
  AssayCaseColumn column = GPOINTER_TO_INT (data);

  if (column == ASSAY_CASE_COLUMN_SEVERITY)
    return severity_rank_of_id (cb->value) - severity_rank_of_id (ca->value);
  if (column == ASSAY_CASE_COLUMN_STATE)
    return assay_case_state_from_id (ca->value) - assay_case_state_from_id (cb->value);
  return g_utf8_collate (ca->value, cb->value);
}

GPtrArray *
assay_case_queue_count (GPtrArray       *rows,
                        AssayCaseColumn  column)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_case_count_free);
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (rows != NULL, result);

  for (guint i = 0; i < rows->len; i++)
    {
      AssayCaseRow *row = g_ptr_array_index (rows, i);
      const AssayCase *c = row->c;

      switch (column)
        {
        case ASSAY_CASE_COLUMN_ARTICLE:
          for (guint a = 0; row->articles[a] != NULL; a++)
            count_value (counts, row->articles[a]);
          break;
        case ASSAY_CASE_COLUMN_RULES:
          for (guint r = 0; row->rules[r] != NULL; r++)
            count_value (counts, row->rules[r]);
          break;
        case ASSAY_CASE_COLUMN_SEVERITY:
          count_value (counts, c->severity);
          break;
        case ASSAY_CASE_COLUMN_STATE:
          count_value (counts, assay_case_state_to_id (c->state));
          break;
        case ASSAY_CASE_COLUMN_COUNTY:
          count_value (counts, c->county);
          break;
        case ASSAY_CASE_COLUMN_ASSIGNEE:
          count_value (counts, c->assignee);
          break;
        default:
          g_return_val_if_reached (result);
        }
    }
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      AssayCaseCount *count = g_new0 (AssayCaseCount, 1);

      count->value = g_strdup (key);
      count->count = GPOINTER_TO_UINT (value);
      g_ptr_array_add (result, count);
    }
  g_ptr_array_sort_with_data (result, compare_counts, GINT_TO_POINTER (column));
  return result;
}

const char *
assay_case_state_to_id (AssayCaseState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_ids), NULL);

  return state_ids[state];
}

int
assay_case_state_from_id (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_ids); i++)
    if (g_strcmp0 (id, state_ids[i]) == 0)
      return (int) i;
  return -1;
}

/* assay-rule-subject-filing.c — filing subjects: each appeal, dispute and request with its checks
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
#include "assay-enum.h"
#include "assay-ledger-enums.h"
#include "assay-replica-filings.h"
#include "assay-rule-subjects-private.h"

/* The number features, one column each (README "Filing rules" defines
 * them); a feature that does not apply to a filing's kind is missing
 * (NaN). */
typedef enum
{
  SILENCE_DAYS,
  SILENCE_EXCESS_DAYS,
  SILENCE_ORDER_IN_YEAR,
  SILENCE_ENTRIES_INSIDE,
  FORGET_WINDOW_OFFSET,
  FAILURE_SHARE,
  FAILURE_ORDER_IN_YEAR,
  FAILURE_CRITERIA_MET,
  INSURANCE_YEAR1_POINTS,
  INSURANCE_YEAR2_POINTS,
  INSURANCE_YEAR3_POINTS,
  EDUCATION_ACCRUAL,
  EDUCATION_TRANSFERS,
  EDUCATION_SHARE,
  N_NUMBERS
} Number;

static const char * const number_names[N_NUMBERS] = {
  "silence.days", "silence.excess_days", "silence.order_in_year", "silence.entries_inside",
  "forget.window_offset", "failure.share", "failure.order_in_year", "failure.criteria_met",
  "insurance.year1_points", "insurance.year2_points", "insurance.year3_points",
  "education.accrual", "education.transfers", "education.share",
};

typedef struct
{
  AssayRuleSubjects  parent;
  GPtrArray         *filings;          /* AssayFiling, log order */
  const char       **kinds;            /* filing.kind */
  guint8            *silence_found;    /* forget.silence_found */
  guint8            *silence_missing;  /* its mask: set for other kinds */
  double            *numbers[N_NUMBERS];
  /* The leaf indices each filing's features read besides its own
   * (GArray of guint64 or NULL), for the flag's entries. */
  GPtrArray         *related;
  /* account → GArray of guint, the positions of its filings in log order:
   * the features compare a filing with its own account's only. */
  GHashTable        *by_account;
  GHashTable        *by_index;   /* leaf index → position + 1 */
} FilingSubjects;

/* The last day a silence from @from may reach: the same day of the month
 * three months later (the month's last day when it has no such day),
 * minus one day.  2026-03-10 → 2026-06-09; 2026-11-30 → 2027-02-27. */
static guint32
silence_last_allowed_day (guint32 from)
{
  static const guint8 month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  guint year, month, day, limit;
  guint32 out = 0;

  assay_day_to_ymd (from, &year, &month, &day);
  month += 3;
  if (month > 12)
    {
      month -= 12;
      year++;
    }
  limit = month_days[month - 1];
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
    limit = 29;
  if (!assay_day_from_ymd (year, month, MIN (day, limit), &out))
    return G_MAXUINT32;  /* past 9999: no limit the ledger can reach */
  return out - 1;
}

static guint
year_of (guint32 day)
{
  guint year, month, d;

  assay_day_to_ymd (day, &year, &month, &d);
  return year;
}

static void
array_unref0 (gpointer array)
{
  if (array != NULL)
    g_array_unref (array);
}

static void
add_related (FilingSubjects *self,
             gsize           i,
             guint64         index)
{
  if (self->related->pdata[i] == NULL)
    self->related->pdata[i] = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_array_append_val ((GArray *) self->related->pdata[i], index);
}

/* Filings of @kind on the same account and calendar year (of the day
 * @day_of gives) that come before filing @i, in the order (day, log
 * index); each is added to @i's related entries. */
static guint
count_earlier (FilingSubjects *self,
               gsize           i,
               guint32       (*day_of) (const AssayFiling *))
{
  const AssayFiling *f = self->filings->pdata[i];
  GArray *same = g_hash_table_lookup (self->by_account, f->account);
  guint32 day = day_of (f);
  guint n = 0;

  for (guint j = 0; j < same->len; j++)
    {
      guint k = g_array_index (same, guint, j);
      const AssayFiling *o = self->filings->pdata[k];
      guint32 other_day = day_of (o);

      if (k == i || o->kind != f->kind ||
          year_of (other_day) != year_of (day) ||
          other_day > day || (other_day == day && o->index > f->index))
        continue;
      add_related (self, i, o->index);
      n++;
    }
  return n;
}

static guint32 silence_from (const AssayFiling *f) { return f->from_day; }
static guint32 filed_on (const AssayFiling *f) { return f->filed_day; }

static gboolean
silence_features (FilingSubjects     *self,
                  gsize               i,
                  const AssayFiling  *f,
                  GError            **error)
{
  g_autoptr(GArray) inside = NULL;
  guint64 n_entries = 0;
  gint64 points = 0;

  if (!assay_replica_account_activity_between (self->parent.replica, f->account, f->from_day, f->to_day,
                                               &n_entries, &points, error) ||
      (inside = assay_replica_account_entries_between (self->parent.replica, f->account, f->from_day,
                                                       f->to_day, error)) == NULL)
    return FALSE;
  for (guint k = 0; k < inside->len; k++)
    add_related (self, i, g_array_index (inside, guint64, k));
  self->numbers[SILENCE_DAYS][i] = (double) f->to_day - f->from_day + 1;
  self->numbers[SILENCE_EXCESS_DAYS][i] = (double) f->to_day - (double) silence_last_allowed_day (f->from_day);
  self->numbers[SILENCE_ORDER_IN_YEAR][i] = count_earlier (self, i, silence_from) + 1;
  self->numbers[SILENCE_ENTRIES_INSIDE][i] = (double) n_entries;
  return TRUE;
}

/* The silence a forget request names: a silence of the same account
 * logged before it, or NULL. */
static const AssayFiling *
find_silence (FilingSubjects    *self,
              const AssayFiling *request)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_index, &request->target));
  const AssayFiling *o;

  if (position == 0)
    return NULL;
  o = self->filings->pdata[position - 1];
  return o->kind == ASSAY_ENTRY_SILENCE && strcmp (o->account, request->account) == 0 ? o : NULL;
}

static void
forget_features (FilingSubjects    *self,
                 gsize              i,
                 const AssayFiling *f)
{
  const AssayFiling *silence = find_silence (self, f);

  self->silence_missing[i] = FALSE;
  self->silence_found[i] = silence != NULL;
  if (silence == NULL)
    return;
  add_related (self, i, silence->index);
  self->numbers[FORGET_WINDOW_OFFSET][i] = (double) f->filed_day - (double) silence->to_day;
}

static void
failure_features (FilingSubjects    *self,
                  gsize              i,
                  const AssayFiling *f)
{
  self->numbers[FAILURE_SHARE][i] = (double) f->points / (double) f->comparable_value;
  self->numbers[FAILURE_ORDER_IN_YEAR][i] = count_earlier (self, i, filed_on) + 1;
  self->numbers[FAILURE_CRITERIA_MET][i] = f->criteria_met;
}

/* The account's event points (deductions included) in calendar @year. */
static gboolean
year_points (FilingSubjects  *self,
             const char      *account,
             guint            year,
             double          *out,
             GError         **error)
{
  gint64 points = 0;

  if (!assay_replica_account_year_points (self->parent.replica, account, year, &points, error))
    return FALSE;
  *out = (double) points;
  return TRUE;
}

static gboolean
insurance_features (FilingSubjects     *self,
                    gsize               i,
                    const AssayFiling  *f,
                    GError            **error)
{
  guint year = year_of (f->filed_day);

  for (guint back = 1; back <= 3; back++)
    if (!year_points (self, f->account, year - back,
                      &self->numbers[INSURANCE_YEAR1_POINTS + back - 1][i], error))
      return FALSE;
  return TRUE;
}

static gboolean
education_features (FilingSubjects     *self,
                    gsize               i,
                    const AssayFiling  *f,
                    GError            **error)
{
  GArray *same = g_hash_table_lookup (self->by_account, f->account);
  double accrual, transfers = (double) f->points;

  if (!year_points (self, f->account, f->year, &accrual, error))
    return FALSE;
  /* This transfer and the account's earlier ones drawing on the same year. */
  for (guint j = 0; j < same->len && g_array_index (same, guint, j) < i; j++)
    {
      const AssayFiling *o = self->filings->pdata[g_array_index (same, guint, j)];

      if (o->kind == f->kind && o->year == f->year)
        {
          transfers += (double) o->points;
          add_related (self, i, o->index);
        }
    }
  self->numbers[EDUCATION_ACCRUAL][i] = accrual;
  self->numbers[EDUCATION_TRANSFERS][i] = transfers;
  self->numbers[EDUCATION_SHARE][i] = accrual > 0 ? transfers / accrual : NAN;
  return TRUE;
}

static gboolean
filing_features (FilingSubjects     *self,
                 gsize               i,
                 GError            **error)
{
  const AssayFiling *f = self->filings->pdata[i];

  self->kinds[i] = assay_entry_kind_to_id (f->kind);
  self->silence_missing[i] = TRUE;
  for (guint n = 0; n < N_NUMBERS; n++)
    self->numbers[n][i] = NAN;
  switch (f->kind)
    {
    case ASSAY_ENTRY_SILENCE:
      return silence_features (self, i, f, error);
    case ASSAY_ENTRY_FORGET_REQUEST:
      forget_features (self, i, f);
      return TRUE;
    case ASSAY_ENTRY_FAILURE_CLAIM:
      failure_features (self, i, f);
      return TRUE;
    case ASSAY_ENTRY_INSURANCE_CLAIM:
      return insurance_features (self, i, f, error);
    case ASSAY_ENTRY_EDUCATION_TRANSFER:
      return education_features (self, i, f, error);
    default:
      return TRUE;
    }
}

static void
index_filings (FilingSubjects *self)
{
  self->by_account = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  self->by_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < self->filings->len; i++)
    {
      AssayFiling *f = self->filings->pdata[i];
      GArray *same = g_hash_table_lookup (self->by_account, f->account);

      if (same == NULL)
        {
          same = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (self->by_account, f->account, same);
        }
      g_array_append_val (same, i);
      g_hash_table_insert (self->by_index, &f->index, GUINT_TO_POINTER (i + 1));
    }
}

static gboolean
filing_next_block (AssayRuleSubjects *subjects,
                   GError           **error)
{
  FilingSubjects *self = (FilingSubjects *) subjects;
  gsize n;

  /* One block: the filings are few. */
  if (self->filings != NULL)
    return FALSE;
  if ((self->filings = assay_replica_list_filings (subjects->replica, error)) == NULL)
    return FALSE;
  n = self->filings->len;
  self->kinds = g_new0 (const char *, MAX (n, 1));
  self->silence_found = g_new0 (guint8, MAX (n, 1));
  self->silence_missing = g_new0 (guint8, MAX (n, 1));
  for (guint k = 0; k < N_NUMBERS; k++)
    self->numbers[k] = g_new (double, MAX (n, 1));
  self->related = g_ptr_array_new_full (n, array_unref0);
  g_ptr_array_set_size (self->related, n);
  index_filings (self);
  for (gsize i = 0; i < n; i++)
    if (!filing_features (self, i, error))
      return FALSE;
  subjects->n = n;
  subjects->done = 1;
  return TRUE;
}

static gboolean
filing_column (AssayRuleSubjects *subjects,
               const char        *name,
               AssayRuleColumn   *out)
{
  FilingSubjects *self = (FilingSubjects *) subjects;

  memset (out, 0, sizeof *out);
  if (strcmp (name, "filing.kind") == 0)
    {
      out->type = ASSAY_RULE_TYPE_STRING;
      out->strings = self->kinds;
      return TRUE;
    }
  if (strcmp (name, "forget.silence_found") == 0)
    {
      out->type = ASSAY_RULE_TYPE_BOOL;
      out->bools = self->silence_found;
      out->missing = self->silence_missing;
      return TRUE;
    }
  for (guint k = 0; k < N_NUMBERS; k++)
    if (strcmp (name, number_names[k]) == 0)
      {
        out->type = ASSAY_RULE_TYPE_NUMBER;
        out->numbers = self->numbers[k];
        return TRUE;
      }
  return FALSE;
}

static guint64
filing_key (AssayRuleSubjects *subjects,
            gsize              i)
{
  return ((const AssayFiling *) ((FilingSubjects *) subjects)->filings->pdata[i])->index;
}

/* A silence's period; any other filing's day. */
static void
filing_period (AssayRuleSubjects *subjects,
               gsize              i,
               guint32           *out_from,
               guint32           *out_to)
{
  const AssayFiling *f = ((FilingSubjects *) subjects)->filings->pdata[i];

  *out_from = f->kind == ASSAY_ENTRY_SILENCE ? f->from_day : f->filed_day;
  *out_to = f->kind == ASSAY_ENTRY_SILENCE ? f->to_day : f->filed_day;
}

static void
filing_describe (AssayRuleSubjects *subjects,
                 gsize              i,
                 AssayRuleFlag     *flag)
{
  flag->subject_kind = g_strdup ("filing");
  flag->subject_id = g_strdup_printf ("%" G_GUINT64_FORMAT, filing_key (subjects, i));
}

static gint
compare_index (gconstpointer a,
               gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* The filing and what its features read, log order. */
static GArray *
filing_entries (AssayRuleSubjects   *subjects,
                gsize                i,
                const AssayRuleFlag *flag,
                GError             **error)
{
  FilingSubjects *self = (FilingSubjects *) subjects;
  GArray *related = self->related->pdata[i];
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 own = filing_key (subjects, i);

  g_array_append_val (entries, own);
  if (related != NULL)
    g_array_append_vals (entries, related->data, related->len);
  g_array_sort (entries, compare_index);
  return entries;
}

static void
filing_free (AssayRuleSubjects *subjects)
{
  FilingSubjects *self = (FilingSubjects *) subjects;

  g_clear_pointer (&self->filings, g_ptr_array_unref);
  g_clear_pointer (&self->related, g_ptr_array_unref);
  g_clear_pointer (&self->by_account, g_hash_table_unref);
  g_clear_pointer (&self->by_index, g_hash_table_unref);
  g_free (self->kinds);
  g_free (self->silence_found);
  g_free (self->silence_missing);
  for (guint k = 0; k < N_NUMBERS; k++)
    g_free (self->numbers[k]);
}

static const AssayRuleSubjectsClass filing_class = {
  filing_next_block, filing_column, filing_key, filing_period, filing_describe,
  filing_entries, NULL, filing_free,
};

AssayRuleSubjects *
_assay_rule_subjects_filing (AssayReplica  *replica,
                             AssayRuleSet  *set,
                             GError       **error)
{
  FilingSubjects *self = g_new0 (FilingSubjects, 1);

  self->parent.klass = &filing_class;
  self->parent.replica = g_object_ref (replica);
  self->parent.set = g_object_ref (set);
  return &self->parent;
}

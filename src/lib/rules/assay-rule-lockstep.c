/* assay-rule-lockstep.c — lockstep rings: accounts that attend the same activities on the same days
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

#include "assay-rule-lockstep.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assay-error.h"

#define NO_RING G_MAXUINT32

void
assay_lockstep_params_init (AssayLockstepParams *params)
{
  *params = (AssayLockstepParams) {
    .bucket_cap = 50,
    .min_common = 3,
    .min_jaccard = 0.5,
    .min_ring_size = 3,
    .quorum = 0.75,
    .null_repetitions = 199,
    .shift_days = 14,
    .seed = 1,
  };
}

static gboolean
check_params (const AssayLockstepParams *p,
              GError                   **error)
{
  const char *message = NULL;

  if (p->bucket_cap < 2)
    message = _("The lockstep bucket cap must be at least 2 accounts.");
  else if (p->min_common < 1)
    message = _("The lockstep minimum of shared buckets must be at least 1.");
  else if (!(p->min_jaccard > 0 && p->min_jaccard <= 1))
    message = _("The lockstep minimum Jaccard must be above 0 and at most 1.");
  else if (p->min_ring_size < 2)
    message = _("The lockstep minimum ring size must be at least 2 accounts.");
  else if (!(p->quorum > 0 && p->quorum <= 1))
    message = _("The lockstep quorum must be above 0 and at most 1.");
  else if (p->null_repetitions < 1 || p->null_repetitions > 100000)
    message = _("The lockstep null model needs 1 to 100000 repetitions.");
  else if (p->shift_days < 1 || p->shift_days > 10000)
    message = _("The lockstep date shift must be 1 to 10000 days.");
  if (message == NULL)
    return TRUE;
  g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

/* --- pair counts ---------------------------------------------------------
 * Open addressing with linear probing: a pair (a, b), a < b, is the key
 * a·2³² + b, never 0 since b > 0, so 0 marks an empty slot.  Two flat
 * arrays and no allocation per pair keep tens of millions of pairs cheap. */

typedef struct
{
  guint64 *keys;
  guint32 *counts;
  guint    bits;
  gsize    used;
} PairTable;

static inline gsize
pair_slot (guint64 key,
           guint   bits)
{
  return (gsize) ((key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> (64 - bits));
}

static void
pair_table_init (PairTable *t,
                 guint      bits)
{
  t->bits = bits;
  t->used = 0;
  t->keys = g_new0 (guint64, (gsize) 1 << bits);
  t->counts = g_new0 (guint32, (gsize) 1 << bits);
}

static void
pair_table_clear (PairTable *t)
{
  g_clear_pointer (&t->keys, g_free);
  g_clear_pointer (&t->counts, g_free);
}

static void pair_table_add (PairTable *t, guint64 key, guint32 count);

/* Doubles the table when it is half full, so probes stay short. */
static void
pair_table_grow (PairTable *t)
{
  PairTable bigger;
  gsize size = (gsize) 1 << t->bits;

  pair_table_init (&bigger, t->bits + 1);
  for (gsize i = 0; i < size; i++)
    if (t->keys[i] != 0)
      pair_table_add (&bigger, t->keys[i], t->counts[i]);
  pair_table_clear (t);
  *t = bigger;
}

static void
pair_table_add (PairTable *t,
                guint64    key,
                guint32    count)
{
  gsize mask = ((gsize) 1 << t->bits) - 1;
  gsize i = pair_slot (key, t->bits);

  while (t->keys[i] != 0 && t->keys[i] != key)
    i = (i + 1) & mask;
  if (t->keys[i] == 0)
    {
      t->keys[i] = key;
      t->used++;
    }
  t->counts[i] += count;
  if (t->used * 2 > mask + 1)
    pair_table_grow (t);
}

static guint32
pair_table_get (const PairTable *t,
                guint64          key)
{
  gsize mask = ((gsize) 1 << t->bits) - 1;

  for (gsize i = pair_slot (key, t->bits); t->keys[i] != 0; i = (i + 1) & mask)
    if (t->keys[i] == key)
      return t->counts[i];
  return 0;
}

static inline guint64
pair_key (guint32 a,
          guint32 b)
{
  return a < b ? ((guint64) a << 32) | b : ((guint64) b << 32) | a;
}

/* --- union-find ---------------------------------------------------------- */

static guint32
find_root (guint32 *parent,
           guint32  a)
{
  while (parent[a] != a)
    {
      parent[a] = parent[parent[a]];  /* path halving */
      a = parent[a];
    }
  return a;
}

static void
join (guint32 *parent,
      guint32 *size,
      guint32  a,
      guint32  b)
{
  a = find_root (parent, a);
  b = find_root (parent, b);
  if (a == b)
    return;
  if (size[a] < size[b])
    {
      guint32 t = a;
      a = b;
      b = t;
    }
  parent[b] = a;
  size[a] += size[b];
}

/* --- the detector's state ------------------------------------------------ */

typedef struct
{
  const AssayLockstepParams *params;
  guint32   n_accounts;
  /* Counted buckets (those within the cap), numbered in (activity, day)
   * order. */
  guint32  *bucket_activity;
  gint32   *bucket_day;
  gsize     n_counted;
  /* Each account's counted buckets, ascending: acc_buckets[acc_off[a] ..
   * acc_off[a + 1] − 1]. */
  gsize    *acc_off;
  guint32  *acc_buckets;
  PairTable pairs;
} Detector;

static void
detector_clear (Detector *d)
{
  g_free (d->bucket_activity);
  g_free (d->bucket_day);
  g_free (d->acc_off);
  g_free (d->acc_buckets);
  pair_table_clear (&d->pairs);
}

static int
compare_events (const void *pa,
                const void *pb)
{
  const AssayLockstepEvent *a = pa, *b = pb;

  if (a->activity != b->activity)
    return a->activity < b->activity ? -1 : 1;
  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  return (a->account > b->account) - (a->account < b->account);
}

static int
compare_u64 (const void *pa,
             const void *pb)
{
  guint64 a = *(const guint64 *) pa, b = *(const guint64 *) pb;

  return (a > b) - (a < b);
}

static int
compare_u32 (const void *pa,
             const void *pb)
{
  guint32 a = *(const guint32 *) pa, b = *(const guint32 *) pb;

  return (a > b) - (a < b);
}

/* Sorted by bucket, repeats dropped; returns the distinct count. */
static gsize
sort_events (AssayLockstepEvent *e,
             gsize               n)
{
  gsize out = 0;

  qsort (e, n, sizeof *e, compare_events);
  for (gsize i = 0; i < n; i++)
    if (out == 0 || compare_events (&e[out - 1], &e[i]) != 0)
      e[out++] = e[i];
  return out;
}

/* One pass over the buckets: skips those over the cap (and records them),
 * numbers the others and counts every pair inside them. */
static void
count_buckets (Detector            *d,
               AssayLockstepEvent  *e,
               gsize                n,
               guint32             *degree,
               AssayLockstepResult *result)
{
  d->bucket_activity = g_new (guint32, MAX (n, 1));
  d->bucket_day = g_new (gint32, MAX (n, 1));
  pair_table_init (&d->pairs, 16);

  for (gsize start = 0, end; start < n; start = end)
    {
      gsize k;

      for (end = start + 1; end < n && e[end].activity == e[start].activity
           && e[end].day == e[start].day; end++)
        ;
      k = end - start;
      result->n_buckets++;
      if (k > d->params->bucket_cap)
        {
          result->n_skipped_buckets++;
          result->n_skipped_events += k;
          if (k > result->largest_skipped)
            {
              result->largest_skipped = (guint) k;
              result->largest_skipped_activity = e[start].activity;
              result->largest_skipped_day = e[start].day;
            }
          /* Marks the events so the account lists leave them out. */
          for (gsize i = start; i < end; i++)
            e[i].activity = G_MAXUINT32, e[i].day = G_MININT32;
          continue;
        }
      d->bucket_activity[d->n_counted] = e[start].activity;
      d->bucket_day[d->n_counted] = e[start].day;
      d->n_counted++;
      for (gsize i = start; i < end; i++)
        {
          degree[e[i].account]++;
          for (gsize j = i + 1; j < end; j++)
            pair_table_add (&d->pairs, pair_key (e[i].account, e[j].account), 1);
        }
    }
  result->n_pairs = d->pairs.used;
}

/* The account lists, by a counting sort over the buckets in order (the
 * skipped events carry the marks count_buckets left). */
static void
build_account_lists (Detector                 *d,
                     const AssayLockstepEvent *e,
                     gsize                     n,
                     const guint32            *degree)
{
  g_autofree gsize *fill = g_new (gsize, d->n_accounts);
  gsize bucket = 0;

  d->acc_off = g_new (gsize, (gsize) d->n_accounts + 1);
  d->acc_off[0] = 0;
  for (guint32 a = 0; a < d->n_accounts; a++)
    d->acc_off[a + 1] = d->acc_off[a] + degree[a];
  memcpy (fill, d->acc_off, d->n_accounts * sizeof (gsize));
  d->acc_buckets = g_new (guint32, MAX (d->acc_off[d->n_accounts], 1));

  for (gsize i = 0; i < n; i++)
    {
      if (e[i].activity == G_MAXUINT32 && e[i].day == G_MININT32)
        continue;
      while (d->bucket_activity[bucket] != e[i].activity || d->bucket_day[bucket] != e[i].day)
        bucket++;
      d->acc_buckets[fill[e[i].account]++] = (guint32) bucket;
    }
}

static double
jaccard (const Detector *d,
         guint32         a,
         guint32         b,
         guint32         common)
{
  gsize da = d->acc_off[a + 1] - d->acc_off[a];
  gsize db = d->acc_off[b + 1] - d->acc_off[b];
  gsize either = da + db - common;

  return either == 0 ? 0 : (double) common / (double) either;
}

/* --- the null model ------------------------------------------------------ */

/* SplitMix64 (Steele, Lea and Flood 2014): a tiny generator whose stream
 * anyone can recompute from the seed. */
static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Uniform on −w .. w, by rejection so that no offset is favoured. */
static gint64
draw_offset (guint64 *state,
             guint    w)
{
  guint64 range = 2 * (guint64) w + 1;
  guint64 limit = G_MAXUINT64 - G_MAXUINT64 % range;
  guint64 r;

  do
    r = splitmix64 (state);
  while (r >= limit);
  return (gint64) (r % range) - (gint64) w;
}

/* Σ C(k, 2) over the runs of equal keys: co-occurring member pairs. */
static guint64
co_occurrences (guint64 *keys,
                gsize    n)
{
  guint64 total = 0;

  qsort (keys, n, sizeof *keys, compare_u64);
  for (gsize start = 0, end; start < n; start = end)
    {
      for (end = start + 1; end < n && keys[end] == keys[start]; end++)
        ;
      total += (guint64) (end - start) * (end - start - 1) / 2;
    }
  return total;
}

/* Fills @keys with (activity, day + offset) for every counted event of
 * the members, each member shifted by its own offset (0 when @state is
 * NULL: the observed dates). */
static void
member_keys (const Detector    *d,
             const guint32     *members,
             guint              n_members,
             guint64           *state,
             guint64           *keys)
{
  gsize n = 0;

  for (guint m = 0; m < n_members; m++)
    {
      gint64 offset = state != NULL ? draw_offset (state, d->params->shift_days) : 0;

      for (gsize i = d->acc_off[members[m]]; i < d->acc_off[members[m] + 1]; i++)
        {
          guint32 b = d->acc_buckets[i];
          guint32 day = (guint32) ((gint64) d->bucket_day[b] + offset);

          keys[n++] = ((guint64) d->bucket_activity[b] << 32) | day;
        }
    }
}

static void
ring_null (const Detector    *d,
           AssayLockstepRing *ring)
{
  guint64 state = d->params->seed ^ ((guint64) ring->members[0] * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));
  gsize n = 0;
  g_autofree guint64 *keys = NULL;

  for (guint m = 0; m < ring->n_members; m++)
    n += d->acc_off[ring->members[m] + 1] - d->acc_off[ring->members[m]];
  keys = g_new (guint64, MAX (n, 1));

  member_keys (d, ring->members, ring->n_members, NULL, keys);
  ring->co_occurrences = co_occurrences (keys, n);
  ring->null_at_least = 0;
  for (guint r = 0; r < d->params->null_repetitions; r++)
    {
      member_keys (d, ring->members, ring->n_members, &state, keys);
      if (co_occurrences (keys, n) >= ring->co_occurrences)
        ring->null_at_least++;
    }
  ring->p_value = (1.0 + ring->null_at_least) / (1.0 + d->params->null_repetitions);
}

/* --- what each ring is reported with ------------------------------------- */

static void
ring_common (const Detector    *d,
             AssayLockstepRing *ring)
{
  guint need = (guint) ceil (d->params->quorum * ring->n_members - 1e-9);
  g_autoptr(GArray) buckets = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) activities = g_array_new (FALSE, FALSE, sizeof (guint32));
  gboolean any = FALSE;

  for (guint m = 0; m < ring->n_members; m++)
    {
      guint32 a = ring->members[m];

      g_array_append_vals (buckets, d->acc_buckets + d->acc_off[a],
                           d->acc_off[a + 1] - d->acc_off[a]);
    }
  g_array_sort (buckets, compare_u32);

  ring->common_buckets = 0;
  ring->first_day = G_MAXINT32;
  ring->last_day = G_MININT32;
  for (guint start = 0, end; start < buckets->len; start = end)
    {
      guint32 b = g_array_index (buckets, guint32, start);

      for (end = start + 1; end < buckets->len && g_array_index (buckets, guint32, end) == b; end++)
        ;
      if (end - start < MAX (need, 1))
        continue;
      ring->common_buckets++;
      g_array_append_val (activities, d->bucket_activity[b]);
      if (!any)
        ring->first_day = G_MAXINT32, ring->last_day = G_MININT32;
      any = TRUE;
      ring->first_day = MIN (ring->first_day, d->bucket_day[b]);
      ring->last_day = MAX (ring->last_day, d->bucket_day[b]);
    }
  if (!any)
    for (guint i = 0; i < buckets->len; i++)
      {
        guint32 b = g_array_index (buckets, guint32, i);

        ring->first_day = MIN (ring->first_day, d->bucket_day[b]);
        ring->last_day = MAX (ring->last_day, d->bucket_day[b]);
      }

  /* Buckets are in (activity, day) order, so equal activities are adjacent. */
  ring->common_activities = 0;
  for (guint i = 0; i < activities->len; i++)
    if (i == 0 || g_array_index (activities, guint32, i) != g_array_index (activities, guint32, i - 1))
      ring->common_activities++;
}

static void
ring_min_jaccard (const Detector    *d,
                  AssayLockstepRing *ring)
{
  ring->min_jaccard = 1;
  for (guint i = 0; i < ring->n_members; i++)
    for (guint j = i + 1; j < ring->n_members; j++)
      {
        guint32 a = ring->members[i], b = ring->members[j];
        guint32 common = pair_table_get (&d->pairs, pair_key (a, b));

        ring->min_jaccard = MIN (ring->min_jaccard, jaccard (d, a, b, common));
      }
}

/* Joins the pairs that pass both thresholds and gathers the components
 * large enough to report, members ascending, rings by smallest member. */
static void
find_rings (Detector            *d,
            AssayLockstepResult *result)
{
  g_autofree guint32 *parent = g_new (guint32, d->n_accounts);
  g_autofree guint32 *size = g_new (guint32, d->n_accounts);
  g_autofree guint32 *ring_of = g_new (guint32, d->n_accounts);
  gsize slots = (gsize) 1 << d->pairs.bits;

  for (guint32 a = 0; a < d->n_accounts; a++)
    parent[a] = a, size[a] = 1, ring_of[a] = NO_RING;
  for (gsize i = 0; i < slots; i++)
    {
      guint64 key = d->pairs.keys[i];
      guint32 a = (guint32) (key >> 32), b = (guint32) key;

      if (key == 0 || d->pairs.counts[i] < d->params->min_common
          || jaccard (d, a, b, d->pairs.counts[i]) < d->params->min_jaccard)
        continue;
      join (parent, size, a, b);
      result->n_linked_pairs++;
    }

  for (guint32 a = 0; a < d->n_accounts; a++)
    {
      guint32 root = find_root (parent, a);
      AssayLockstepRing *ring;

      if (size[root] < d->params->min_ring_size)
        continue;
      if (ring_of[root] == NO_RING)
        {
          AssayLockstepRing fresh = { .members = g_new (guint32, size[root]) };

          ring_of[root] = result->rings->len;
          g_array_append_val (result->rings, fresh);
        }
      ring = &g_array_index (result->rings, AssayLockstepRing, ring_of[root]);
      ring->members[ring->n_members++] = a;
    }

  for (guint r = 0; r < result->rings->len; r++)
    {
      AssayLockstepRing *ring = &g_array_index (result->rings, AssayLockstepRing, r);

      ring_min_jaccard (d, ring);
      ring_common (d, ring);
      ring_null (d, ring);
    }
}

static void
clear_ring (gpointer data)
{
  g_free (((AssayLockstepRing *) data)->members);
}

AssayLockstepResult *
assay_lockstep_detect (const AssayLockstepEvent  *events,
                       gsize                      n_events,
                       guint32                    n_accounts,
                       const AssayLockstepParams *params,
                       GError                   **error)
{
  g_autoptr(AssayLockstepResult) result = NULL;
  g_autofree AssayLockstepEvent *sorted = NULL;
  g_autofree guint32 *degree = NULL;
  Detector d = { .params = params, .n_accounts = n_accounts };

  if (!check_params (params, error))
    return NULL;
  for (gsize i = 0; i < n_events; i++)
    if (events[i].account >= n_accounts)
      {
        g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                     _("Lockstep event %lu names account %u, but there are only %u accounts."),
                     (gulong) i, events[i].account, n_accounts);
        return NULL;
      }

  result = g_new0 (AssayLockstepResult, 1);
  result->rings = g_array_new (FALSE, TRUE, sizeof (AssayLockstepRing));
  g_array_set_clear_func (result->rings, clear_ring);

  sorted = g_memdup2 (events, MAX (n_events, 1) * sizeof *events);
  result->n_events = sort_events (sorted, n_events);
  degree = g_new0 (guint32, MAX (n_accounts, 1));
  count_buckets (&d, sorted, result->n_events, degree, result);
  build_account_lists (&d, sorted, result->n_events, degree);
  g_clear_pointer (&sorted, g_free);
  g_clear_pointer (&degree, g_free);
  find_rings (&d, result);
  detector_clear (&d);
  return g_steal_pointer (&result);
}

void
assay_lockstep_result_free (AssayLockstepResult *result)
{
  if (result == NULL)
    return;
  g_array_unref (result->rings);
  g_free (result);
}

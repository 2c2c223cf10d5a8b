/* assay-stats-rank-counts.c — Knight's counts and the rank sums by radix sorts
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

/* The weights what-if asks for τ-b and ρ over ten million accounts.
 * Merge-sorting 16-byte (x, y) pairs twice took about 2.7 s; here the
 * same integer counts come from cheaper passes:
 *
 *  1. x and y, each turned into order-preserving 64-bit keys, are radix
 *     sorted with their accounts' indices, the two in two threads.
 *  2. An account's rank is kept as the sum start + end of the sorted
 *     places of its run of equal values: its centred rank plus n, an
 *     integer that grows with the value and is equal exactly for equal
 *     values.  y's runs give y's ties and each account's y rank.
 *  3. Walking x's runs in x order gives x's ties, the rank sums and the
 *     accounts' y ranks in x order; each run of equal x sorted by y rank
 *     (most runs are short) makes that Knight's (x, y) order, where equal
 *     neighbours are the joint ties.
 *  4. The discordant pairs are the strict inversions of the y ranks in
 *     that order, counted by a merge sort of 4-byte ranks whose two
 *     halves run in two threads.
 *
 * Every count is an exact integer, so the results are the very doubles
 * that the pair sorts gave. */

#include "config.h"

#include "assay-stats-rank-private.h"

#include "assay-large.h"
#include "assay-stats-rank.h"

#include <string.h>

/* A value's order key and its account, in 12 bytes rather than the 16
 * of an aligned 64-bit member: the sorts move every entry several times
 * and the kernel clears every page they use. */
typedef struct
{
  guint32 key_low;
  guint32 key_high;
  guint32 index;
} KeyedIndex;

/* How a radix sort reads its keys: (key − base) >> shift, of @bits bits,
 * in passes of digit_bits bits, lowest digit first.  base is the
 * smallest key and shift the lowest bit on which two keys differ, so no
 * pass is spent on bits that every key shares. */
typedef struct
{
  guint64 base;
  guint   shift;
  guint   bits;
  guint   digit_bits;
  guint   passes;
} RadixPlan;

/* The top digit's 2048 counters and write positions stay in the L1
 * cache, and its 2048 write streams in the TLB, so the scattering writes
 * stream. */
#define MAX_DIGIT_BITS 11

/* Inside a bucket of the top digit, digits as wide: the bucket is in
 * the cache, so its passes cost the work, not the misses, and fewer
 * passes are less work; the counters (up to 2048 per digit) are cleared
 * once per bucket of thousands of entries.  Measured at 10 M what-if
 * scores (56 bits): about 15 % less time than 8-bit digits. */
#define BUCKET_DIGIT_BITS 11

/* Below this, a second thread costs more than the half of the work it
 * takes over. */
#define PARALLEL_FROM 65536

/* How many places ahead a walk fetches the rank it will read or write
 * at random: enough to cover a miss to memory. */
#define PREFETCH_AHEAD 16

/* The merge sort fills runs of this length by insertion first. */
#define INSERTION_RUN 16

/* Ranks merge-sorted within the L2 cache before the merges go out to
 * memory: 128 KiB, and as much again of scratch. */
#define CACHE_BLOCK 32768

G_STATIC_ASSERT (sizeof (KeyedIndex) == 12);
/* Indices are 32-bit, and a run's start + end (up to 2n − 1) too. */
G_STATIC_ASSERT (ASSAY_STATS_RANK_MAX_N <= G_MAXINT32);

/* The bits of @v as an unsigned integer ordered as the doubles are:
 * negatives have all their bits flipped (a larger magnitude is smaller),
 * non-negatives only the sign bit.  −0.0 + 0.0 is +0.0: the comparisons
 * hold −0.0 and 0.0 equal, so their keys must be equal too. */
static inline guint64
order_key (double v)
{
  double normalised = v + 0.0;
  guint64 bits;

  memcpy (&bits, &normalised, sizeof bits);
  return (bits >> 63) != 0 ? ~bits : bits | ((guint64) 1 << 63);
}

static inline guint64
key_of (const KeyedIndex *e)
{
  return (guint64) e->key_high << 32 | e->key_low;
}

/* Keys between @lowest and @highest that differ from one another only
 * in the bits set in @varying; no passes planned yet. */
static RadixPlan
plan_radix (guint64 lowest,
            guint64 highest,
            guint64 varying)
{
  RadixPlan plan = { lowest, 0, 0, 0, 0 };

  if (varying == 0)
    return plan;
  plan.shift = __builtin_ctzll (varying);
  plan.bits = 64 - __builtin_clzll ((highest - lowest) >> plan.shift);
  return plan;
}

/* Turns one pass's digit counts into the first place of each digit.
 * FALSE when one digit holds all @n keys: that pass would move nothing. */
static gboolean
counts_to_places (guint32 *counts,
                  gsize    buckets,
                  gsize    n)
{
  guint32 place = 0;

  for (gsize b = 0; b < buckets; b++)
    {
      guint32 count = counts[b];

      if (count == n)
        return FALSE;
      counts[b] = place;
      place += count;
    }
  return TRUE;
}

/* Stable LSD radix sort of @a by key; returns @a or @tmp, whichever
 * holds the result.  Every pass's counts come from one read of @a, into
 * @counts (room for passes << digit_bits). */
static KeyedIndex *
radix_sort_keyed (KeyedIndex      *a,
                  KeyedIndex      *tmp,
                  gsize            n,
                  const RadixPlan *plan,
                  guint32         *counts)
{
  gsize buckets = (gsize) 1 << plan->digit_bits;
  guint64 mask = buckets - 1;

  /* All keys equal: sorted as they are (and @counts may be NULL). */
  if (plan->passes == 0)
    return a;
  memset (counts, 0, plan->passes * buckets * sizeof *counts);

  for (gsize i = 0; i < n; i++)
    {
      guint64 digits = (key_of (&a[i]) - plan->base) >> plan->shift;

      for (guint p = 0; p < plan->passes; p++, digits >>= plan->digit_bits)
        counts[p * buckets + (digits & mask)]++;
    }
  for (guint p = 0; p < plan->passes; p++)
    {
      guint32 *places = counts + p * buckets;
      guint shift = plan->shift + p * plan->digit_bits;
      KeyedIndex *swap;

      if (!counts_to_places (places, buckets, n))
        continue;
      for (gsize i = 0; i < n; i++)
        tmp[places[((key_of (&a[i]) - plan->base) >> shift) & mask]++] = a[i];
      swap = a;
      a = tmp;
      tmp = swap;
    }
  return a;
}

/* The plan for the @low_bits bits below a top digit, in digits of at
 * most BUCKET_DIGIT_BITS. */
static RadixPlan
plan_below (const RadixPlan *plan,
            guint            low_bits)
{
  RadixPlan below = { plan->base, plan->shift, low_bits, 0, 0 };

  if (low_bits == 0)
    return below;
  below.passes = (low_bits + BUCKET_DIGIT_BITS - 1) / BUCKET_DIGIT_BITS;
  below.digit_bits = (low_bits + below.passes - 1) / below.passes;
  return below;
}

/* Sorts each bucket of @a (the entries of one top digit, between
 * @starts[b] and @starts[b + 1]) by the digits below: a few thousand keys
 * each, which stay in the cache while their passes run. */
static void
sort_buckets (KeyedIndex      *a,
              const guint32   *starts,
              gsize            buckets,
              const RadixPlan *below)
{
  g_autofree guint32 *counts = g_new (guint32, (gsize) below->passes << below->digit_bits);
  g_autofree KeyedIndex *scratch = NULL;
  gsize largest = 0;

  for (gsize b = 0; b < buckets; b++)
    largest = MAX (largest, starts[b + 1] - starts[b]);
  scratch = assay_large_new (KeyedIndex, largest);
  for (gsize b = 0; b < buckets; b++)
    {
      gsize start = starts[b], len = starts[b + 1] - start;
      KeyedIndex *sorted;

      if (len < 2)
        continue;
      sorted = radix_sort_keyed (a + start, scratch, len, below, counts);
      if (sorted != a + start)
        memcpy (a + start, sorted, len * sizeof *a);
    }
}

/* One series sorted by value, with each value's account. */
typedef struct
{
  const double *values;
  gsize         n;
  KeyedIndex   *sorted;  /* n entries, filled by sort_series () */
} SeriesSort;

static RadixPlan
plan_series (const double *values,
             gsize         n)
{
  guint64 first = order_key (values[0]);
  guint64 lowest = first, highest = first, varying = 0;

  for (gsize i = 0; i < n; i++)
    {
      guint64 key = order_key (values[i]);

      lowest = MIN (lowest, key);
      highest = MAX (highest, key);
      varying |= key ^ first;
    }
  return plan_radix (lowest, highest, varying);
}

static inline KeyedIndex
keyed_index (guint64 key,
             gsize   index)
{
  return (KeyedIndex) { (guint32) key, (guint32) (key >> 32), (guint32) index };
}

/* MSD first: the entries are written once, straight from the values
 * into the buckets of their top digit (the keys are computed again at
 * each read, cheaper than storing them), then each bucket is sorted in
 * the cache.  So each series needs one array of entries, not two, and
 * they cross memory twice, not once per digit. */
static void
sort_series (SeriesSort *s)
{
  RadixPlan plan = plan_series (s->values, s->n);
  guint low_bits, top_shift;
  gsize buckets;
  g_autofree guint32 *starts = NULL;
  g_autofree guint32 *places = NULL;

  if (plan.bits == 0)
    {
      for (gsize i = 0; i < s->n; i++)
        s->sorted[i] = keyed_index (order_key (s->values[i]), i);
      return;
    }
  low_bits = plan.bits - MIN (plan.bits, MAX_DIGIT_BITS);
  top_shift = plan.shift + low_bits;
  buckets = (gsize) 1 << (plan.bits - low_bits);
  starts = g_new0 (guint32, buckets + 1);
  places = g_new (guint32, buckets);
  for (gsize i = 0; i < s->n; i++)
    starts[((order_key (s->values[i]) - plan.base) >> top_shift) + 1]++;
  for (gsize b = 0; b < buckets; b++)
    starts[b + 1] += starts[b];
  memcpy (places, starts, buckets * sizeof *places);
  for (gsize i = 0; i < s->n; i++)
    {
      guint64 key = order_key (s->values[i]);

      s->sorted[places[(key - plan.base) >> top_shift]++] = keyed_index (key, i);
    }
  if (low_bits > 0)
    {
      RadixPlan below = plan_below (&plan, low_bits);

      sort_buckets (s->sorted, starts, buckets, &below);
    }
}

static gpointer
sort_series_thread (gpointer data)
{
  sort_series (data);
  return NULL;
}

/* A series sorted, then each account's rank in it as its run's start +
 * end. */
typedef struct
{
  SeriesSort     sort;
  guint32       *run_sums;  /* by account */
  guint64        ties;
  AssayExactSum  squares;
} SeriesRanks;

/* The run of equal values at sorted places start … end − 1 shares the
 * average rank (start + 1 + end)/2: twice its distance from the mean rank
 * (n + 1)/2 is start + end − n. */
static inline gint64
centred_rank (guint32 run_sum,
              gsize   n)
{
  return (gint64) run_sum - (gint64) n;
}

static inline guint64
pairs_within (gsize run_length)
{
  return (guint64) run_length * (run_length - 1) / 2;
}

static void
rank_series (SeriesRanks *r)
{
  const KeyedIndex *sorted = r->sort.sorted;
  gsize n = r->sort.n;
  gsize start = 0;

  for (gsize i = 1; i <= n; i++)
    {
      guint32 run_sum;
      gint64 c;

      if (i < n && key_of (&sorted[i]) == key_of (&sorted[start]))
        continue;
      run_sum = (guint32) (start + i);
      c = centred_rank (run_sum, n);
      r->ties += pairs_within (i - start);
      for (gsize p = start; p < i; p++)
        {
          /* Random writes: fetching the line ahead hides the miss. */
          if (p + PREFETCH_AHEAD < n)
            __builtin_prefetch (&r->run_sums[sorted[p + PREFETCH_AHEAD].index], 1);
          r->run_sums[sorted[p].index] = run_sum;
          _assay_exact_sum_add (&r->squares, c * c);
        }
      start = i;
    }
}

static gpointer
rank_series_thread (gpointer data)
{
  SeriesRanks *r = data;

  sort_series (&r->sort);
  rank_series (r);
  return NULL;
}

/* Runs @first and @second, side by side when @parallel (and a thread can
 * be had), and returns when both are done. */
static void
run_both (GThreadFunc first,
          gpointer    first_data,
          GThreadFunc second,
          gpointer    second_data,
          gboolean    parallel)
{
  GThread *thread = NULL;

  if (parallel)
    thread = g_thread_try_new ("assay-rank", first, first_data, NULL);
  if (thread == NULL)
    first (first_data);
  second (second_data);
  if (thread != NULL)
    g_thread_join (thread);
}

/* Sorts @a[0..len) and returns how many pairs (i < j) it found out of
 * order, each of which a shift passes over exactly once. */
static guint64
insertion_sort (guint32 *a,
                gsize    len)
{
  guint64 inversions = 0;

  for (gsize i = 1; i < len; i++)
    {
      guint32 v = a[i];
      gsize j = i;

      while (j > 0 && v < a[j - 1])
        {
          a[j] = a[j - 1];
          j--;
        }
      a[j] = v;
      inversions += i - j;
    }
  return inversions;
}

/* One merge of src[i..mid) and src[j..hi) into dst from k, under way.
 * When the right run's head is strictly smaller it jumps every element
 * still waiting in the left run: that many inversions.  Equal elements
 * are taken from the left, so ties are never counted. */
typedef struct
{
  gsize   i, mid;
  gsize   j, hi;
  gsize   k;
  guint64 inversions;
} Merge;

static inline Merge
merge_start (gsize lo,
             gsize mid,
             gsize hi)
{
  return (Merge) { lo, mid, mid, hi, lo, 0 };
}

static inline gboolean
merge_open (const Merge *m)
{
  return m->i < m->mid && m->j < m->hi;
}

/* Written without branches on the data: on random ranks a branch would
 * be mispredicted half the time. */
static inline void
merge_step (const guint32 *src,
            guint32       *dst,
            Merge         *m)
{
  guint32 left = src[m->i], right = src[m->j];
  gsize take_right = right < left;

  dst[m->k++] = take_right ? right : left;
  m->inversions += (m->mid - m->i) & -take_right;
  m->i += 1 - take_right;
  m->j += take_right;
}

static guint64
merge_finish (const guint32 *src,
              guint32       *dst,
              Merge         *m)
{
  while (merge_open (m))
    merge_step (src, dst, m);
  memcpy (dst + m->k, src + m->i, (m->mid - m->i) * sizeof *dst);
  m->k += m->mid - m->i;
  memcpy (dst + m->k, src + m->j, (m->hi - m->j) * sizeof *dst);
  return m->inversions;
}

/* Merges runs of @width, then of twice that, … until one run holds all
 * @n ranks; returns the inversions counted and leaves in @out_sorted
 * whichever of @src and @dst holds the result.  No recursion.  Two
 * neighbouring merges advance in step: each step of one waits for its
 * own previous comparison, so two interleaved keep the core busy. */
static guint64
merge_levels (guint32  *src,
              guint32  *dst,
              gsize     n,
              gsize     width,
              guint32 **out_sorted)
{
  guint64 inversions = 0;

  for (; width < n; width *= 2)
    {
      guint32 *swap;

      for (gsize lo = 0; lo < n; lo += 4 * width)
        {
          gsize second = MIN (lo + 2 * width, n);
          Merge a = merge_start (lo, MIN (lo + width, n), second);
          Merge b = merge_start (second, MIN (second + width, n), MIN (second + 2 * width, n));

          while (merge_open (&a) && merge_open (&b))
            {
              merge_step (src, dst, &a);
              merge_step (src, dst, &b);
            }
          inversions += merge_finish (src, dst, &a) + merge_finish (src, dst, &b);
        }
      swap = src;
      src = dst;
      dst = swap;
    }
  *out_sorted = src;
  return inversions;
}

/* Sorts @a[0..n) with @scratch, result in @a, and returns the inversions
 * found: a block that fits in the L2 cache, or a run of equal x. */
static guint64
sort_block (guint32 *a,
            guint32 *scratch,
            gsize    n)
{
  guint64 inversions = 0;
  guint32 *sorted;

  for (gsize lo = 0; lo < n; lo += INSERTION_RUN)
    inversions += insertion_sort (a + lo, MIN (INSERTION_RUN, n - lo));
  inversions += merge_levels (a, scratch, n, INSERTION_RUN, &sorted);
  if (sorted != a)
    memcpy (a, sorted, n * sizeof *a);
  return inversions;
}

/* A merge sort of ranks that counts the inversions. */
typedef struct
{
  guint32 *ranks;
  guint32 *scratch;
  gsize    n;
  guint32 *sorted;  /* ranks or scratch, once sorted */
  guint64  inversions;
} InversionCount;

/* The merges of short runs stay in the cache, block by block; only the
 * merges of whole blocks stream through memory. */
static gpointer
count_inversions_thread (gpointer data)
{
  InversionCount *c = data;

  c->inversions = 0;
  for (gsize lo = 0; lo < c->n; lo += CACHE_BLOCK)
    c->inversions += sort_block (c->ranks + lo, c->scratch + lo, MIN (CACHE_BLOCK, c->n - lo));
  c->inversions += merge_levels (c->ranks, c->scratch, c->n, CACHE_BLOCK, &c->sorted);
  return NULL;
}

/* The pairs (left element, right element) with the left one strictly
 * greater, for two sorted runs: the merge's count without its output. */
static guint64
inversions_between (const guint32 *left,
                    gsize          left_n,
                    const guint32 *right,
                    gsize          right_n)
{
  guint64 inversions = 0;
  gsize i = 0;

  for (gsize j = 0; j < right_n; j++)
    {
      while (i < left_n && left[i] <= right[j])
        i++;
      inversions += left_n - i;
    }
  return inversions;
}

/* The strict inversions of @ranks (sorting them), each half in its own
 * thread when @parallel. */
static guint64
count_inversions (guint32  *ranks,
                  guint32  *scratch,
                  gsize     n,
                  gboolean  parallel)
{
  gsize half = n / 2;
  InversionCount left = { ranks, scratch, half, NULL, 0 };
  InversionCount right = { ranks + half, scratch + half, n - half, NULL, 0 };

  run_both (count_inversions_thread, &left, count_inversions_thread, &right, parallel);
  return left.inversions + right.inversions
         + inversions_between (left.sorted, left.n, right.sorted, right.n);
}

/* The pairs tied in y within one run of equal x, sorted by y rank. */
static guint64
ties_within (const guint32 *sorted_ranks,
             gsize          len)
{
  guint64 ties = 0;
  gsize start = 0;

  for (gsize i = 1; i <= len; i++)
    {
      if (i < len && sorted_ranks[i] == sorted_ranks[start])
        continue;
      ties += pairs_within (i - start);
      start = i;
    }
  return ties;
}

/* Part of the walk along x's sort: the runs that start in [from, to). */
typedef struct
{
  const KeyedIndex *sorted;
  gsize             n;
  gsize             from, to;
  const guint32    *y_run_sums;
  guint32          *y_ranks;
  guint32          *scratch;
  AssayRankCounts   counts;  /* x's ties, joint ties, xx and xy */
} XWalk;

/* Walks x's runs in sorted order: x's ties and squares, the cross
 * products, and each account's y rank (from y_run_sums) into y_ranks,
 * each run of equal x sorted by y rank: Knight's (x, y) order, where the
 * equal neighbours are the joint ties. */
static gpointer
y_ranks_in_x_order (gpointer data)
{
  XWalk *w = data;
  const KeyedIndex *sorted = w->sorted;
  gsize start = w->from;

  for (gsize i = start + 1; i <= w->to; i++)
    {
      guint32 run_sum;
      gint64 c;

      if (i < w->to && key_of (&sorted[i]) == key_of (&sorted[start]))
        continue;
      run_sum = (guint32) (start + i);
      c = centred_rank (run_sum, w->n);
      w->counts.x_ties += pairs_within (i - start);
      for (gsize p = start; p < i; p++)
        {
          if (p + PREFETCH_AHEAD < w->to)
            __builtin_prefetch (&w->y_run_sums[sorted[p + PREFETCH_AHEAD].index]);
          w->y_ranks[p] = w->y_run_sums[sorted[p].index];
          _assay_exact_sum_add (&w->counts.xx, c * c);
          _assay_exact_sum_add (&w->counts.xy, c * centred_rank (w->y_ranks[p], w->n));
        }
      if (i - start > 1)
        {
          /* Its inversions are pairs tied in x: not discordant. */
          sort_block (w->y_ranks + start, w->scratch + start, i - start);
          w->counts.joint_ties += ties_within (w->y_ranks + start, i - start);
        }
      start = i;
    }
  return NULL;
}

static void
exact_sum_add_sum (AssayExactSum *sum,
                   AssayExactSum  more)
{
  guint64 old = sum->lo;

  sum->lo += more.lo;
  sum->hi += more.hi + (sum->lo < old ? 1 : 0);
}

/* The walk in two halves, split where a run of equal x ends, each in
 * its own thread when @parallel; the counts added into @counts. */
static void
walk_x_order (const KeyedIndex *sorted,
              gsize             n,
              const guint32    *y_run_sums,
              guint32          *y_ranks,
              guint32          *scratch,
              gboolean          parallel,
              AssayRankCounts  *counts)
{
  gsize split = n / 2;
  XWalk halves[2];

  while (split < n && key_of (&sorted[split]) == key_of (&sorted[split - 1]))
    split++;
  halves[0] = (XWalk) { sorted, n, 0, split, y_run_sums, y_ranks, scratch, { 0 } };
  halves[1] = (XWalk) { sorted, n, split, n, y_run_sums, y_ranks, scratch, { 0 } };
  run_both (y_ranks_in_x_order, &halves[0], y_ranks_in_x_order, &halves[1], parallel);
  for (guint h = 0; h < 2; h++)
    {
      counts->x_ties += halves[h].counts.x_ties;
      counts->joint_ties += halves[h].counts.joint_ties;
      exact_sum_add_sum (&counts->xx, halves[h].counts.xx);
      exact_sum_add_sum (&counts->xy, halves[h].counts.xy);
    }
}

void
_assay_stats_rank_counts (const double    *x,
                          const double    *y,
                          gsize            n,
                          AssayRankCounts *out)
{
  gboolean parallel = n >= PARALLEL_FROM;
  g_autofree KeyedIndex *x_sorted = assay_large_new (KeyedIndex, n);
  g_autofree KeyedIndex *y_sorted = assay_large_new (KeyedIndex, n);
  g_autofree guint32 *y_run_sums = assay_large_new (guint32, n);
  SeriesSort x_sort = { x, n, x_sorted };
  SeriesRanks y_ranks = { { y, n, y_sorted }, y_run_sums, 0, { 0, 0 } };
  guint32 *ranks, *ranks_scratch;

  g_assert (n >= 2 && n <= ASSAY_STATS_RANK_MAX_N);

  memset (out, 0, sizeof *out);
  run_both (sort_series_thread, &x_sort, rank_series_thread, &y_ranks, parallel);
  out->y_ties = y_ranks.ties;
  out->yy = y_ranks.squares;

  /* y's sort is done with: its 12·n bytes hold the ranks and their
   * merge sort's scratch, 4·n bytes each. */
  ranks = (guint32 *) y_sorted;
  ranks_scratch = ranks + n;
  walk_x_order (x_sorted, n, y_run_sums, ranks, ranks_scratch, parallel, out);
  out->discordant = count_inversions (ranks, ranks_scratch, n, parallel);
}

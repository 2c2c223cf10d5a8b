/* assay-generator-rules.c — which accounts break the rules, as the days pass and after the run
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

#include "assay-generator-private.h"

/* ---- growth and concentration, evaluated as the days pass ---------------- */

/* The rule can only break on a day whose window holds an event, so only
 * the accounts active in the last seven days are looked at. */
static void
evaluate_account_growth (AssayGenerator *self,
                         guint           i,
                         gint32          day)
{
  Account *a = &self->accounts[i];
  gint64 w, p;

  if (a->last_growth_check == day || a->first_event + 6 + GROWTH_MIN_HISTORY > day)
    return;
  a->last_growth_check = day;
  w = window_points (a, day - 6);
  p = a->total - w;
  if (p < GROWTH_MIN_PRIOR)
    return;
  a->max_growth = MAX (a->max_growth, (float) ((double) w / (double) p));
  if (100 * w > GROWTH_PERCENT * p)
    {
      GrowthHit hit = { i, day };

      g_array_append_val (self->growth_hits, hit);
    }
}

void
_assay_generator_evaluate_growth (AssayGenerator *self,
                                  gint32          day)
{
  for (guint s = 0; s < 7; s++)
    for (guint k = 0; k < self->active[s]->len; k++)
      evaluate_account_growth (self, g_array_index (self->active[s], guint, k), day);
  /* Tomorrow's slot is the day that leaves the window. */
  g_array_set_size (self->active[(guint) (day + 1) % 7], 0);
}

void
_assay_generator_evaluate_quarter (AssayGenerator *self,
                                   guint           quarter)
{
  for (guint i = 0; i < self->n_accounts; i++)
    {
      Account *a = &self->accounts[i];
      QuarterStat stat = { i, (guint16) quarter, 0, 0, 0 };

      for (guint d = 0; d < N_DIMS; d++)
        {
          gint64 q = MAX (a->quarter[d], 0);

          stat.total += q;
          if (q > stat.points)
            {
              stat.points = q;
              stat.dim = (guint8) d;
            }
          a->quarter[d] = 0;
        }
      if (stat.total >= CONC_MIN_TOTAL && 100 * stat.points > CONC_PERCENT * stat.total)
        g_array_append_val (self->conc_hits, stat);
      if (a->role != ROLE_HONEST)
        g_array_append_val (self->special_stats, stat);
    }
}

/* ---- rings: lockstep pairs and their components -------------------------- */

static int
compare_cs_keys (gconstpointer a,
                 gconstpointer b)
{
  const CsKey *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return (x->account > y->account) - (x->account < y->account);
}

static int
compare_guint64 (gconstpointer a,
                 gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

static guint
uf_find (guint32 *parent,
         guint    i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

/* All co-occurring pairs i < j as i << 32 | j, sorted, with repeats: the
 * number of repeats is |A_i ∩ A_j|. */
GArray *
_assay_generator_co_occurrences (AssayGenerator *self)
{
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (guint64));
  const CsKey *keys = (const CsKey *) (void *) self->cs_keys->data;
  guint n = self->cs_keys->len;

  g_array_sort (self->cs_keys, compare_cs_keys);
  for (guint g = 0, e; g < n; g = e)
    {
      for (e = g + 1; e < n && keys[e].key == keys[g].key; e++)
        ;
      for (guint x = g; x < e; x++)
        for (guint y = x + 1; y < e; y++)
          {
            guint64 pair = ((guint64) keys[x].account << 32) | keys[y].account;

            g_array_append_val (pairs, pair);
          }
    }
  g_array_sort (pairs, compare_guint64);
  return pairs;
}

guint
_assay_generator_pair_common (const GArray *pairs,
                              guint         i,
                              guint         j)
{
  guint64 pair = ((guint64) MIN (i, j) << 32) | MAX (i, j);
  const guint64 *p = (const guint64 *) (void *) pairs->data;
  guint lo = 0, hi = pairs->len, n = 0;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (p[mid] < pair)
        lo = mid + 1;
      else
        hi = mid;
    }
  while (lo + n < pairs->len && p[lo + n] == pair)
    n++;
  return n;
}

void
_assay_generator_ring_free (gpointer data)
{
  Ring *ring = data;

  g_array_unref (ring->members);
  g_array_unref (ring->days);
  g_free (ring);
}

static void
collect_ring_days (AssayGenerator *self)
{
  const CsKey *keys = (const CsKey *) (void *) self->cs_keys->data;
  guint n = self->cs_keys->len;

  for (guint g = 0, e; g < n; g = e)
    {
      for (e = g + 1; e < n && keys[e].key == keys[g].key; e++)
        ;
      for (guint x = g; x < e; x++)
        for (guint y = x + 1; y < e; y++)
          {
            gint32 r = self->ring_of[keys[x].account];
            gint32 day = (gint32) (keys[x].key >> 32);
            Ring *ring;

            if (r < 0 || self->ring_of[keys[y].account] != r)
              continue;
            ring = g_ptr_array_index (self->rings, r);
            if (ring->days->len == 0 || g_array_index (ring->days, gint32, ring->days->len - 1) < day)
              g_array_append_val (ring->days, day);
          }
    }
}

void
_assay_generator_find_rings (AssayGenerator *self,
                             const GArray   *pairs)
{
  g_autofree guint32 *parent = g_new (guint32, self->n_accounts);
  g_autofree guint32 *size = g_new0 (guint32, self->n_accounts);
  const guint64 *p = (const guint64 *) (void *) pairs->data;

  for (guint i = 0; i < self->n_accounts; i++)
    parent[i] = i;
  for (guint g = 0, e; g < pairs->len; g = e)
    {
      guint i = (guint) (p[g] >> 32), j = (guint) (p[g] & 0xffffffff);
      guint co;

      for (e = g + 1; e < pairs->len && p[e] == p[g]; e++)
        ;
      co = e - g;
      if (co >= LOCKSTEP_MIN_COMMON && 2 * co >= self->accounts[i].n_cs + self->accounts[j].n_cs - co)
        parent[uf_find (parent, i)] = uf_find (parent, j);
    }

  for (guint i = 0; i < self->n_accounts; i++)
    size[uf_find (parent, i)]++;
  self->ring_of = g_new (gint32, self->n_accounts);
  for (guint i = 0; i < self->n_accounts; i++)
    self->ring_of[i] = -1;
  for (guint i = 0; i < self->n_accounts; i++)
    {
      guint root = uf_find (parent, i);
      Ring *ring;

      if (size[root] < LOCKSTEP_MIN_RING)
        continue;
      if (self->ring_of[root] < 0)
        {
          ring = g_new0 (Ring, 1);
          ring->members = g_array_new (FALSE, FALSE, sizeof (guint));
          ring->days = g_array_new (FALSE, FALSE, sizeof (gint32));
          self->ring_of[root] = (gint32) self->rings->len;
          g_ptr_array_add (self->rings, ring);
        }
      self->ring_of[i] = self->ring_of[root];
      ring = g_ptr_array_index (self->rings, self->ring_of[i]);
      g_array_append_val (ring->members, i);
    }
  collect_ring_days (self);
}

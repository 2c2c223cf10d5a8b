/* assay-fairness-partition.c — the groups of the fairness test: combinations of attributes
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

#include "assay-fairness-private.h"
#include "assay-large.h"

/* Up to this many possible value combinations, groups are numbered
 * through a table indexed by the combined key (one pass, no sort);
 * beyond it (attributes with very many values), by sorting the keys. */
#define DIRECT_KEYS (1u << 22)

guint64
_assay_fairness_double_key (double value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  /* Negative numbers: all bits flipped (more negative → smaller);
   * positive: the sign bit set, so that they sort above. */
  return (bits >> 63) ? ~bits : bits | (G_GUINT64_CONSTANT (1) << 63);
}

void
_assay_fairness_radix_sort (guint64 *key,
                            guint   *payload,
                            gsize    n)
{
  g_autofree guint64 *key_tmp = assay_large_new (guint64, n);
  g_autofree guint *payload_tmp = assay_large_new (guint, n);
  guint64 *from_key = key, *to_key = key_tmp;
  guint *from_payload = payload, *to_payload = payload_tmp;

  for (guint shift = 0; shift < 64; shift += 8)
    {
      gsize count[257] = { 0 };

      for (gsize i = 0; i < n; i++)
        count[((from_key[i] >> shift) & 0xff) + 1]++;
      /* Outcomes are mostly small integers: most bytes are the same in
       * every key, and such a pass would only copy. */
      if (n == 0 || count[((from_key[0] >> shift) & 0xff) + 1] == n)
        continue;
      for (guint b = 1; b < 257; b++)
        count[b] += count[b - 1];
      for (gsize i = 0; i < n; i++)
        {
          gsize to = count[(from_key[i] >> shift) & 0xff]++;

          to_key[to] = from_key[i];
          to_payload[to] = from_payload[i];
        }
      {
        guint64 *k = from_key;
        guint *p = from_payload;

        from_key = to_key;
        from_payload = to_payload;
        to_key = k;
        to_payload = p;
      }
    }
  if (from_key != key)
    {
      memcpy (key, from_key, n * sizeof (guint64));
      memcpy (payload, from_payload, n * sizeof (guint));
    }
}

/* Whether every account with the same value of a has the same value of
 * b (county determines province). */
static gboolean
determines (const AssayFairnessAttribute *a,
            const AssayFairnessAttribute *b,
            gsize                         n)
{
  g_autofree guint *seen = g_new (guint, MAX (a->n_levels, 1));

  memset (seen, 0xff, MAX (a->n_levels, 1) * sizeof (guint));
  for (gsize i = 0; i < n; i++)
    {
      guint *s = &seen[a->code[i]];

      if (*s == G_MAXUINT)
        *s = b->code[i];
      else if (*s != b->code[i])
        return FALSE;
    }
  return TRUE;
}

static void
add_combination (GPtrArray     *out,
                 const guint   *attribute,
                 guint          depth,
                 const gboolean *det,
                 guint          n_attributes)
{
  FairnessPartition *p;

  for (guint i = 0; i < depth; i++)
    for (guint j = 0; j < depth; j++)
      if (i != j && det[attribute[i] * n_attributes + attribute[j]])
        return;
  p = g_new0 (FairnessPartition, 1);
  p->depth = depth;
  memcpy (p->attribute, attribute, depth * sizeof (guint));
  g_ptr_array_add (out, p);
}

GPtrArray *
_assay_fairness_combinations (const AssayFairnessAttribute *attributes,
                              guint                         n_attributes,
                              gsize                         n,
                              guint                         depth)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) _assay_fairness_partition_free);
  g_autofree gboolean *det = g_new0 (gboolean, n_attributes * n_attributes);
  guint a[ASSAY_FAIRNESS_MAX_DEPTH];

  for (guint i = 0; i < n_attributes; i++)
    for (guint j = 0; j < n_attributes; j++)
      if (i != j && depth > 1)
        det[i * n_attributes + j] = determines (&attributes[i], &attributes[j], n);
  for (a[0] = 0; a[0] < n_attributes; a[0]++)
    add_combination (out, a, 1, det, n_attributes);
  if (depth >= 2)
    for (a[0] = 0; a[0] < n_attributes; a[0]++)
      for (a[1] = a[0] + 1; a[1] < n_attributes; a[1]++)
        add_combination (out, a, 2, det, n_attributes);
  if (depth >= 3)
    for (a[0] = 0; a[0] < n_attributes; a[0]++)
      for (a[1] = a[0] + 1; a[1] < n_attributes; a[1]++)
        for (a[2] = a[1] + 1; a[2] < n_attributes; a[2]++)
          add_combination (out, a, 3, det, n_attributes);
  return out;
}

/* Each position's combined key: its ranks in mixed radix, so that keys
 * order as the values do. */
static void
position_keys (const FairnessPartition      *p,
               const FairnessOrder          *order,
               const AssayFairnessAttribute *attributes,
               guint64                      *key)
{
  memset (key, 0, order->n * sizeof (guint64));
  for (guint d = 0; d < p->depth; d++)
    {
      guint64 radix = attributes[p->attribute[d]].n_levels;
      const guint *rank = order->rank[p->attribute[d]];

      for (gsize i = 0; i < order->n; i++)
        key[i] = key[i] * radix + rank[i];
    }
}

static guint64
key_space (const FairnessPartition      *p,
           const AssayFairnessAttribute *attributes)
{
  guint64 space = 1;

  for (guint d = 0; d < p->depth; d++)
    space *= MAX (attributes[p->attribute[d]].n_levels, 1);
  return space;
}

/* Groups numbered through a table over the whole key space. */
static void
number_direct (FairnessPartition *p,
               const guint64     *key,
               guint             *group,
               gsize              n,
               guint64            space)
{
  g_autofree guint *slot = g_new0 (guint, space);
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (guint64));

  for (gsize i = 0; i < n; i++)
    slot[key[i]] = 1;
  for (guint64 k = 0; k < space; k++)
    if (slot[k] != 0)
      {
        slot[k] = keys->len;
        g_array_append_val (keys, k);
      }
  for (gsize i = 0; i < n; i++)
    group[i] = slot[key[i]];
  p->n_groups = keys->len;
  p->key = (guint64 *) (void *) g_array_free (keys, FALSE);
}

/* Groups numbered by sorting the keys. */
static void
number_sorted (FairnessPartition *p,
               guint64           *key,
               guint             *group,
               gsize              n)
{
  g_autofree guint *position = assay_large_new (guint, n);
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (guint64));

  for (gsize i = 0; i < n; i++)
    position[i] = i;
  _assay_fairness_radix_sort (key, position, n);
  for (gsize i = 0; i < n; i++)
    {
      if (i == 0 || key[i] != key[i - 1])
        g_array_append_val (keys, key[i]);
      group[position[i]] = keys->len - 1;
    }
  p->n_groups = keys->len;
  p->key = (guint64 *) (void *) g_array_free (keys, FALSE);
}

void
_assay_fairness_partition_fill (FairnessPartition            *p,
                                const FairnessOrder          *order,
                                const AssayFairnessAttribute *attributes,
                                FairnessWork                 *work)
{
  guint64 space = key_space (p, attributes);
  gsize n = order->n;
  g_autofree gsize *fill = NULL;

  position_keys (p, order, attributes, work->key);
  if (space <= DIRECT_KEYS)
    number_direct (p, work->key, work->group, n, space);
  else
    number_sorted (p, work->key, work->group, n);
  /* A counting sort by group keeps each group's positions increasing.
   * The outcomes and cells travel with them: written here in one pass
   * over the order, they are read in sequence by each group's test,
   * instead of gathered from positions all over the cohort. */
  p->start = g_new0 (gsize, p->n_groups + 1);
  p->members = work->members;
  p->y = work->y;
  p->cell = work->cell;
  for (gsize i = 0; i < n; i++)
    p->start[work->group[i] + 1]++;
  for (guint g = 0; g < p->n_groups; g++)
    p->start[g + 1] += p->start[g];
  fill = g_memdup2 (p->start, (p->n_groups + 1) * sizeof (gsize));
  for (gsize i = 0; i < n; i++)
    {
      gsize to = fill[work->group[i]]++;

      p->members[to] = i;
      p->y[to] = order->y[i];
      p->cell[to] = order->cell[i];
    }
}

void
_assay_fairness_partition_free (FairnessPartition *p)
{
  if (p == NULL)
    return;
  g_free (p->key);
  g_free (p->start);
  g_free (p);
}

void
_assay_fairness_partition_describe (const FairnessPartition      *p,
                                    guint                         g,
                                    const AssayFairnessAttribute *attributes,
                                    guint * const                *level_of_rank,
                                    AssayFairnessGroup           *out)
{
  guint64 key = p->key[g];

  out->names = g_new0 (char *, p->depth + 1);
  out->values = g_new0 (char *, p->depth + 1);
  for (guint d = p->depth; d-- > 0;)
    {
      const AssayFairnessAttribute *a = &attributes[p->attribute[d]];
      guint rank = key % a->n_levels;

      key /= a->n_levels;
      out->names[d] = g_strdup (a->name);
      out->values[d] = g_strdup (a->levels[level_of_rank[p->attribute[d]][rank]]);
    }
  out->value = g_strjoinv (" / ", out->values);
}

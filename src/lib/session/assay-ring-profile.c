/* assay-ring-profile.c — a ring's members × days, for the case page's chart
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

#include "assay-replica-series.h"
#include "assay-ring-profile.h"

void
assay_ring_profile_free (AssayRingProfile *p)
{
  if (p == NULL)
    return;
  for (guint m = 0; m < p->n_members; m++)
    g_clear_pointer (&p->days[m], g_array_unref);
  g_free (p->days);
  g_strfreev (p->members);
  g_clear_pointer (&p->common_days, g_array_unref);
  g_free (p);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

static void
count_bucket (GHashTable *counts,
              gint64      bucket)
{
  gint64 *key = g_memdup2 (&bucket, sizeof bucket);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

  g_hash_table_replace (counts, key, GUINT_TO_POINTER (n + 1));
}

/* Member m's distinct days, and each (activity, day) bucket's members
 * counted once per member. */
static gboolean
add_member (AssayRingProfile *p,
            AssayReplica     *replica,
            guint             m,
            guint32           first_day,
            guint32           last_day,
            GHashTable       *counts,
            GError          **error)
{
  const char *one[] = { p->members[m], NULL };
  g_autoptr(AssayCommunityEvents) c = assay_replica_community_events_of (replica, one, first_day,
                                                                          last_day, error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *keys = NULL;

  if (c == NULL)
    return FALSE;
  p->days[m] = g_array_new (FALSE, FALSE, sizeof (guint32));
  keys = g_new (gint64, MAX (c->n, 1));
  for (gsize i = 0; i < c->n; i++)
    {
      keys[i] = (gint64) c->activity[i] << 32 | c->day[i];
      if (g_hash_table_contains (seen, &keys[i]))
        continue;
      g_hash_table_add (seen, &keys[i]);
      count_bucket (counts, keys[i]);
      if (p->days[m]->len == 0 || g_array_index (p->days[m], guint32, p->days[m]->len - 1) != c->day[i])
        g_array_append_val (p->days[m], c->day[i]);
    }
  return TRUE;
}

AssayRingProfile *
assay_ring_profile_load (AssayReplica       *replica,
                         const char * const *members,
                         guint32             first_day,
                         guint32             last_day,
                         double              quorum,
                         GError            **error)
{
  g_autoptr(AssayRingProfile) p = g_new0 (AssayRingProfile, 1);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint need;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (members != NULL, NULL);

  p->members = g_strdupv ((char **) members);
  p->n_members = g_strv_length (p->members);
  p->days = g_new0 (GArray *, MAX (p->n_members, 1));
  for (guint m = 0; m < p->n_members; m++)
    if (!add_member (p, replica, m, first_day, last_day, counts, error))
      return NULL;
  /* As the detector counts a common bucket: ⌈quorum · n⌉ members. */
  need = (guint) MAX (1.0, ceil (quorum * p->n_members - 1e-9));
  p->common_days = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) >= need)
      {
        guint32 day = (guint32) (*(gint64 *) key & 0xffffffff);

        g_array_append_val (p->common_days, day);
      }
  g_array_sort (p->common_days, compare_days);
  /* One entry per day, however many activities reached the quorum on it. */
  for (guint i = 1; i < p->common_days->len;)
    if (g_array_index (p->common_days, guint32, i) == g_array_index (p->common_days, guint32, i - 1))
      g_array_remove_index (p->common_days, i);
    else
      i++;
  return g_steal_pointer (&p);
}

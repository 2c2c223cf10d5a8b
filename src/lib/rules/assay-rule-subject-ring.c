/* assay-rule-subject-ring.c — ring subjects: the 6.1 lockstep breaker
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

#include "assay-error.h"
#include "assay-replica-series.h"
#include "assay-rule-lockstep.h"
#include "assay-rule-subjects-private.h"

typedef struct
{
  AssayRuleSubjects     parent;
  gboolean              read;
  AssayLockstepResult  *result;
  GPtrArray            *members;        /* per ring: GStrv of account ids, ascending */
  GPtrArray            *member_numbers; /* per ring: GArray of guint64 replica numbers */
  double               *size;
  double               *common_buckets;
  double               *common_activities;
  double               *min_jaccard;
  double               *null_p;
} RingSubjects;

/* The detector's parameters from the set (README, "Detectors"), each
 * falling back to the detector's default. */
static void
read_params (AssayRuleSet        *set,
             AssayLockstepParams *p)
{
  assay_lockstep_params_init (p);
  p->bucket_cap = (guint) _assay_rule_set_number (set, "lockstep_bucket_cap", p->bucket_cap, 2, 1000);
  p->min_common = (guint) _assay_rule_set_number (set, "lockstep_min_common", p->min_common, 1, 1000);
  p->min_jaccard = _assay_rule_set_number (set, "lockstep_min_jaccard", p->min_jaccard, 0, 1);
  p->min_ring_size = (guint) _assay_rule_set_number (set, "lockstep_min_ring_size", p->min_ring_size, 2, 1000);
  p->quorum = _assay_rule_set_number (set, "lockstep_quorum", p->quorum, 0, 1);
  p->null_repetitions = (guint) _assay_rule_set_number (set, "lockstep_null_repetitions",
                                                        p->null_repetitions, 0, 100000);
  p->shift_days = (guint) _assay_rule_set_number (set, "lockstep_shift_days", p->shift_days, 1, 365);
  p->seed = (guint64) _assay_rule_set_number (set, "lockstep_seed", (double) p->seed, 0, 9007199254740991.0);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The ring's members by their account ids, ascending. */
static GStrv
member_names (RingSubjects            *self,
              const AssayLockstepRing *ring,
              GArray                  *numbers,
              GError                 **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint m = 0; m < ring->n_members; m++)
    {
      guint64 number = ring->members[m];
      char *name = assay_replica_account_name (self->parent.replica, number, error);

      if (name == NULL)
        return NULL;
      g_ptr_array_add (names, name);
      g_array_append_val (numbers, number);
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static AssayLockstepEvent *
lockstep_events (const AssayCommunityEvents *c,
                 guint32                    *out_n_accounts,
                 GError                    **error)
{
  g_autofree AssayLockstepEvent *events = g_new (AssayLockstepEvent, MAX (c->n, 1));
  guint64 largest = 0;

  for (gsize i = 0; i < c->n; i++)
    {
      if (c->account_id[i] >= G_MAXUINT32)
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                       "account number %" G_GUINT64_FORMAT " is beyond the ring detector's range",
                       c->account_id[i]);
          return NULL;
        }
      events[i] = (AssayLockstepEvent) { (guint32) c->account_id[i], c->activity[i], (gint32) c->day[i] };
      largest = MAX (largest, c->account_id[i]);
    }
  *out_n_accounts = (guint32) largest + 1;
  return g_steal_pointer (&events);
}

static gboolean
ring_next_block (AssayRuleSubjects *subjects,
                 GError           **error)
{
  RingSubjects *self = (RingSubjects *) subjects;
  g_autoptr(AssayCommunityEvents) c = NULL;
  g_autofree AssayLockstepEvent *events = NULL;
  AssayLockstepParams params;
  guint32 n_accounts = 0;
  guint n;

  /* One block: rings are few. */
  if (self->read)
    return FALSE;
  self->read = TRUE;
  c = assay_replica_community_events_before (subjects->replica, _assay_rule_subjects_before (subjects),
                                             error);
  if (c == NULL)
    return FALSE;
  events = lockstep_events (c, &n_accounts, error);
  if (events == NULL)
    return FALSE;
  read_params (subjects->set, &params);
  self->result = assay_lockstep_detect (events, c->n, n_accounts, &params, error);
  if (self->result == NULL)
    return FALSE;
  n = self->result->rings->len;
  self->size = g_new (double, MAX (n, 1));
  self->common_buckets = g_new (double, MAX (n, 1));
  self->common_activities = g_new (double, MAX (n, 1));
  self->min_jaccard = g_new (double, MAX (n, 1));
  self->null_p = g_new (double, MAX (n, 1));
  for (guint r = 0; r < n; r++)
    {
      const AssayLockstepRing *ring = &g_array_index (self->result->rings, AssayLockstepRing, r);
      GArray *numbers = g_array_new (FALSE, FALSE, sizeof (guint64));
      GStrv names;

      g_ptr_array_add (self->member_numbers, numbers);
      names = member_names (self, ring, numbers, error);
      if (names == NULL)
        return FALSE;
      g_ptr_array_add (self->members, names);
      self->size[r] = ring->n_members;
      self->common_buckets[r] = ring->common_buckets;
      self->common_activities[r] = ring->common_activities;
      self->min_jaccard[r] = ring->min_jaccard;
      self->null_p[r] = ring->p_value;
    }
  subjects->n = n;
  subjects->done = 1;
  return TRUE;
}

static gboolean
ring_column (AssayRuleSubjects *subjects,
             const char        *name,
             AssayRuleColumn   *out)
{
  RingSubjects *self = (RingSubjects *) subjects;

  memset (out, 0, sizeof *out);
  out->type = ASSAY_RULE_TYPE_NUMBER;
  if (strcmp (name, "ring.size") == 0)
    out->numbers = self->size;
  else if (strcmp (name, "ring.common_buckets") == 0)
    out->numbers = self->common_buckets;
  else if (strcmp (name, "ring.common_activities") == 0)
    out->numbers = self->common_activities;
  else if (strcmp (name, "ring.min_jaccard") == 0)
    out->numbers = self->min_jaccard;
  else if (strcmp (name, "ring.null_p") == 0)
    out->numbers = self->null_p;
  else
    return FALSE;
  return TRUE;
}

/* Every ring is its own key: rings never make one episode. */
static guint64
ring_key (AssayRuleSubjects *subjects,
          gsize              i)
{
  return i;
}

/* A ring's id: "ring-" and the first 16 hex digits of the SHA-256 of its
 * member ids, ascending, joined by "\n" (README, "Flags"). */
static void
ring_describe (AssayRuleSubjects *subjects,
               gsize              i,
               AssayRuleFlag     *flag)
{
  RingSubjects *self = (RingSubjects *) subjects;
  GStrv names = g_ptr_array_index (self->members, i);
  g_autofree char *joined = g_strjoinv ("\n", names);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined, -1);

  flag->subject_kind = g_strdup ("ring");
  flag->subject_id = g_strdup_printf ("ring-%.16s", hash);
  flag->members = g_strdupv (names);
}

/* The span of the activity days the ring shares. */
static void
ring_period (AssayRuleSubjects *subjects,
             gsize              i,
             guint32           *out_from,
             guint32           *out_to)
{
  const AssayLockstepRing *ring = &g_array_index (((RingSubjects *) subjects)->result->rings,
                                                  AssayLockstepRing, i);

  *out_from = (guint32) ring->first_day;
  *out_to = (guint32) ring->last_day;
}

/* The members' community events over the ring's span. */
static GArray *
ring_entries (AssayRuleSubjects   *subjects,
              gsize                i,
              const AssayRuleFlag *flag,
              GError             **error)
{
  RingSubjects *self = (RingSubjects *) subjects;
  GArray *numbers = g_ptr_array_index (self->member_numbers, i);

  return assay_replica_community_entries (subjects->replica, (const guint64 *) (void *) numbers->data,
                                          numbers->len, flag->from, flag->to, error);
}

static void
ring_free (AssayRuleSubjects *subjects)
{
  RingSubjects *self = (RingSubjects *) subjects;

  g_clear_pointer (&self->result, assay_lockstep_result_free);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_clear_pointer (&self->member_numbers, g_ptr_array_unref);
  g_free (self->size);
  g_free (self->common_buckets);
  g_free (self->common_activities);
  g_free (self->min_jaccard);
  g_free (self->null_p);
}

static const AssayRuleSubjectsClass ring_class = {
  ring_next_block, ring_column, ring_key, ring_period, ring_describe,
  ring_entries, NULL, ring_free,
};

AssayRuleSubjects *
_assay_rule_subjects_ring (AssayReplica  *replica,
                           AssayRuleSet  *set,
                           GError       **error)
{
  RingSubjects *self = g_new0 (RingSubjects, 1);

  self->parent.klass = &ring_class;
  self->parent.replica = g_object_ref (replica);
  self->parent.set = g_object_ref (set);
  self->members = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->member_numbers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  return &self->parent;
}

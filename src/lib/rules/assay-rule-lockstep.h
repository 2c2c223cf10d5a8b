/* assay-rule-lockstep.h — lockstep rings: accounts that attend the same activities on the same days
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

#include <glib.h>

G_BEGIN_DECLS

/* One community event: account @account took part in activity @activity on
 * day @day (any day numbering; consecutive days differ by 1).  Repeats of
 * the same triple count once. */
typedef struct
{
  guint32 account;
  guint32 activity;
  gint32  day;
} AssayLockstepEvent;

/* The detector's parameters; assay_lockstep_params_init() sets the
 * defaults given here.  README "Detectors" says what each does. */
typedef struct
{
  guint   bucket_cap;        /* 50: buckets with more accounts are skipped */
  guint   min_common;        /* 3: shared buckets a pair needs */
  double  min_jaccard;       /* 0.5: Jaccard a pair needs to join a ring */
  guint   min_ring_size;     /* 3: smallest ring reported */
  double  quorum;            /* 0.75: share of a ring's members that makes a bucket common */
  guint   null_repetitions;  /* 199: R, the time-shuffled null's draws */
  guint   shift_days;        /* 14: each member's dates shift by a uniform offset in ±shift_days */
  guint64 seed;              /* 1: the null's random seed */
} AssayLockstepParams;

typedef struct
{
  guint32 *members;          /* account indices, ascending */
  guint    n_members;
  guint    common_buckets;   /* (activity, day) buckets at least ⌈quorum·n⌉ members attended */
  guint    common_activities;/* distinct activities among those buckets */
  gint32   first_day;        /* the span of the common buckets (of all the */
  gint32   last_day;         /* members' counted buckets if there are none) */
  double   min_jaccard;      /* the smallest Jaccard over all member pairs */
  guint64  co_occurrences;   /* Σ over buckets of C(k, 2), k members in the bucket */
  guint    null_at_least;    /* null draws with at least as many co-occurrences */
  double   p_value;          /* (1 + null_at_least) / (1 + R) */
} AssayLockstepRing;

typedef struct
{
  GArray  *rings;            /* of AssayLockstepRing, by their smallest member */
  gsize    n_events;         /* distinct events */
  gsize    n_buckets;
  gsize    n_skipped_buckets;/* over bucket_cap */
  gsize    n_skipped_events; /* the events in them */
  guint    largest_skipped;  /* accounts in the largest skipped bucket, 0 if none */
  guint32  largest_skipped_activity;
  gint32   largest_skipped_day;
  gsize    n_pairs;          /* distinct co-occurring pairs counted */
  gsize    n_linked_pairs;   /* pairs that passed min_common and min_jaccard */
} AssayLockstepResult;

void                 assay_lockstep_params_init (AssayLockstepParams      *params);

/* Finds the rings among @n_events events of accounts 0 .. @n_accounts − 1.
 * Deterministic for given events (in any order) and parameters.  NULL
 * with @error set if a parameter is out of range or an event names an
 * account ≥ @n_accounts. */
AssayLockstepResult *assay_lockstep_detect      (const AssayLockstepEvent  *events,
                                                 gsize                      n_events,
                                                 guint32                    n_accounts,
                                                 const AssayLockstepParams *params,
                                                 GError                   **error);

void                 assay_lockstep_result_free (AssayLockstepResult       *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayLockstepResult, assay_lockstep_result_free)

G_END_DECLS

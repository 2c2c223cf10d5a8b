/* assay-ring-profile.h — a ring's members × days, for the case page's chart
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

#include "assay-replica.h"

G_BEGIN_DECLS

typedef struct
{
  guint    n_members;
  GStrv    members;       /* account ids, as given */
  GArray **days;          /* per member: the days (guint32, ascending, distinct) of its community events */
  GArray  *common_days;   /* the days on which one activity had at least ⌈quorum · n⌉ of the members */
} AssayRingProfile;

void              assay_ring_profile_free (AssayRingProfile *profile);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayRingProfile, assay_ring_profile_free)

/* The community events of `members` (NULL-ended) from `first_day` to
 * `last_day`, from the replica's community_events aggregate; `quorum` is
 * the rule set's lockstep_quorum (the detector counts a bucket as common
 * the same way, README "Detectors"). */
AssayRingProfile *assay_ring_profile_load (AssayReplica       *replica,
                                           const char * const *members,
                                           guint32             first_day,
                                           guint32             last_day,
                                           double              quorum,
                                           GError            **error);

G_END_DECLS

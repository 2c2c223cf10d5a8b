/* assay-roster-summary.h — the roster in force, as a person reads it
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
#include "assay-roster.h"

G_BEGIN_DECLS

/* What Preferences shows of the roster in force: the newest roster
 * version the replica holds (the sync stored it only after verifying the
 * chain up to it), each key with its holder and roles, and since which
 * version each role has been held without a break. */
typedef struct
{
  char    *keyid;
  char    *holder;
  gint64   valid_after;
  gint64   valid_before;             /* 0: no end */
  gboolean roles[ASSAY_N_ROLES];
  gint64   since[ASSAY_N_ROLES];     /* for the roles held */
} AssayRosterMember;

typedef struct
{
  gint64     version;
  gint64     expires;
  guint64    index;                  /* the roster entry's leaf index */
  char      *sha256;
  GPtrArray *members;                /* AssayRosterMember, by holder then key id */
} AssayRosterSummary;

/* NULL without an error when the replica holds no roster yet;
 * ASSAY_ERROR_INVALID_DATA when a stored roster cannot be read. */
AssayRosterSummary      *assay_roster_summary_new   (AssayReplica             *replica,
                                                     GError                  **error);
void                     assay_roster_summary_free  (AssayRosterSummary       *summary);
/* The member with key id @keyid, or NULL: not in the roster in force. */
const AssayRosterMember *assay_roster_summary_find  (const AssayRosterSummary *summary,
                                                     const char               *keyid);
/* The role as a person reads it, translated: "roster root", "committee", … */
const char              *assay_role_get_label        (AssayRole                 role);
/* "committee since version 1, audit since version 2"; "" without a role. */
char                    *assay_roster_member_describe_roles (const AssayRosterMember *member);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayRosterSummary, assay_roster_summary_free)

G_END_DECLS

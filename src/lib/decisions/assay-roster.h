/* assay-roster.h — the roster: who holds which role, and what each kind of decision needs
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

#include "assay-decision-types.h"
#include "assay-decisions-enums.h"
#include "assay-key-file.h"

G_BEGIN_DECLS

/* The payload of a roster envelope (DECISIONS.md, "The roster"; README,
 * "Roster"), canonical JSON:
 *
 *   {"deployment", "expires", "keys": {keyid: {"holder", "pub",
 *    "valid_after", "valid_before"}}, "kinds": {kind: {"role",
 *    "threshold"}}, "prev", "roles": {role: {"keyids", "threshold"}},
 *    "v": 1, "version"}
 *
 * Times are Unix seconds; valid_after 0 and valid_before 0 are unbounded. */

typedef struct
{
  char   *keyid;          /* hex SHA-256 of pub */
  char   *holder;
  guint8  pub[ASSAY_KEY_PUBLIC_KEY_SIZE];
  gint64  valid_after;    /* valid from this second on */
  gint64  valid_before;   /* and before this one; 0: no end */
} AssayRosterKey;

typedef struct
{
  GPtrArray *keyids;      /* of char *, as listed */
  guint      threshold;
} AssayRosterRole;

typedef struct
{
  gboolean   present;     /* a kind the roster has no rule for is refused */
  AssayRole  role;
  guint      threshold;
} AssayRosterKind;

typedef struct
{
  char            *deployment;
  gint64           version;
  gint64           expires;
  char            *prev;       /* hex SHA-256 of the previous payload; NULL for version 1 */
  GHashTable      *keys;       /* keyid → AssayRosterKey */
  AssayRosterRole  roles[ASSAY_N_ROLES];
  AssayRosterKind  kinds[ASSAY_N_DECISION_KINDS];
  GBytes          *payload;    /* the canonical bytes, once written or read */
  char            *sha256;     /* hex SHA-256 of payload */
} AssayRoster;

#define ASSAY_ROSTER_MAX_KEYS 256

/* A roster to fill in with the functions below, then write with
 * assay_roster_to_payload (). @prev is NULL for version 1. */
AssayRoster          *assay_roster_new                (const char           *deployment,
                                                       gint64                version,
                                                       gint64                expires,
                                                       const char           *prev);
void                  assay_roster_free               (AssayRoster          *roster);

/* Adds a key and returns its key id (owned by the roster). */
const char           *assay_roster_add_key            (AssayRoster          *roster,
                                                       const char           *holder,
                                                       const guint8          pub[ASSAY_KEY_PUBLIC_KEY_SIZE],
                                                       gint64                valid_after,
                                                       gint64                valid_before);
void                  assay_roster_add_to_role        (AssayRoster          *roster,
                                                       AssayRole             role,
                                                       const char           *keyid);
void                  assay_roster_set_threshold      (AssayRoster          *roster,
                                                       AssayRole             role,
                                                       guint                 threshold);
void                  assay_roster_set_kind           (AssayRoster          *roster,
                                                       AssayDecisionKind     kind,
                                                       AssayRole             role,
                                                       guint                 threshold);
/* The defaults of README, "Roster": freeze and zero 2 committee; dismiss,
 * confirm, down_weight, restore 1 committee; weights 3 committee; ruling
 * 2 arbitration; audit_findings 1 audit. */
void                  assay_roster_set_default_kinds  (AssayRoster          *roster);

/* Writes the canonical payload, keeps it in roster->payload (and its hash
 * in roster->sha256) and returns it.  The bytes are read back with
 * assay_roster_new_from_payload (), so a roster that could not be read is
 * never written.  ASSAY_ERROR_INVALID_DATA. */
GBytes               *assay_roster_to_payload         (AssayRoster          *roster,
                                                       GError              **error);
/* Reads a canonical roster payload, strictly: unknown members, key ids
 * that are not the SHA-256 of their key, role members that are not keys,
 * and thresholds that no set of holders can meet are refused.  It checks no
 * signature: a roster comes from assay_roster_chain_append ().
 * ASSAY_ERROR_INVALID_DATA. */
AssayRoster          *assay_roster_new_from_payload   (GBytes               *payload,
                                                       GError              **error);

const AssayRosterKey *assay_roster_lookup_key         (AssayRoster          *roster,
                                                       const char           *keyid);
gboolean              assay_roster_role_has_key       (AssayRoster          *roster,
                                                       AssayRole             role,
                                                       const char           *keyid);
/* How many distinct holders the keys of @role belong to. */
guint                 assay_roster_count_role_holders (AssayRoster          *roster,
                                                       AssayRole             role);
gboolean              assay_roster_key_is_valid       (const AssayRosterKey *key,
                                                       gint64                time);
gboolean              assay_roster_is_expired         (AssayRoster          *roster,
                                                       gint64                time);

/* A signed envelope, as JSON, of @roster's payload (written by
 * assay_roster_to_payload ()) with each of @keys: for the tests and `assay-central init`. */
char                 *assay_roster_sign               (AssayRoster          *roster,
                                                       AssayKeyFile * const *keys,
                                                       guint                 n_keys,
                                                       GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayRoster, assay_roster_free)

G_END_DECLS

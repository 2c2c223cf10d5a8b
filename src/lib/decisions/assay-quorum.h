/* assay-quorum.h — counting the holders whose signatures meet a threshold
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

#include "assay-dsse.h"
#include "assay-roster.h"

G_BEGIN_DECLS

/* Who signed an envelope, counted by holder against one role of one
 * roster.  Shared by the roster chain (roster_root of version N and N+1)
 * and decisions (the role their kind names). */
typedef struct
{
  AssayRole  role;
  guint      threshold;
  GPtrArray *holders;     /* char *: distinct holders of the role that signed */
  GPtrArray *outsiders;   /* char *: key ids of roster keys that signed but lack the role */
} AssayQuorum;

/* Checks every signature of @envelope whose key id names a key of
 * @roster, and returns those key ids (char *, in signature order).
 * Signatures with an unknown key id (or none) are ignored: they may be
 * padding and count for nothing.  Refused: more than
 * ASSAY_DSSE_MAX_SIGNATURES signatures (ASSAY_ERROR_INVALID_DATA); the
 * same signature or the same key id twice, a roster key whose signature
 * does not verify, a roster key not valid at @time (ASSAY_ERROR_VERIFICATION). */
GPtrArray   *assay_quorum_verify   (AssayRoster       *roster,
                                    AssayDsseEnvelope *envelope,
                                    gint64             time,
                                    GError           **error);

/* Counts the distinct holders among @verified (from assay_quorum_verify ())
 * whose keys hold @role: one holder with two keys counts once. */
AssayQuorum *assay_quorum_count    (AssayRoster       *roster,
                                    AssayRole          role,
                                    guint              threshold,
                                    GPtrArray         *verified);

/* Both, for the role's own threshold in @roster. */
AssayQuorum *assay_quorum_check    (AssayRoster       *roster,
                                    AssayDsseEnvelope *envelope,
                                    AssayRole          role,
                                    gint64             time,
                                    GError           **error);

gboolean     assay_quorum_is_met   (AssayQuorum       *quorum);
/* "Ana, Bo" (for messages). */
char        *assay_quorum_describe (AssayQuorum       *quorum);
void         assay_quorum_free     (AssayQuorum       *quorum);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayQuorum, assay_quorum_free)

G_END_DECLS

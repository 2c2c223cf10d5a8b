/* assay-filing-facts.c — a filing's facts as a replica holds them
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

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "assay-error.h"
#include "assay-filing-facts.h"

/* The entry at @index, NULL with no error when it is not in the replica. */
static AssayReplicaEntry *
stored_entry (AssayReplica  *replica,
              guint64        index,
              GError       **error)
{
  g_autoptr(GError) local = NULL;
  AssayReplicaEntry *entry = assay_replica_get_entry (replica, index, &local);

  if (local != NULL && !g_error_matches (local, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local));
  return entry;
}

static gboolean
is_erased (const AssayReplicaEntry *entry)
{
  return entry != NULL && entry->state == ASSAY_ENTRY_STATE_ERASED;
}

gboolean
assay_filing_facts_from_replica (AssayReplica      *replica,
                                 guint64            index,
                                 AssayFilingFacts  *out,
                                 GError           **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(AssayReplicaEntry) filing = stored_entry (replica, index, &local);
  g_autoptr(AssayReplicaEntry) target = NULL;
  const AssayEntry *f;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica) && out != NULL, FALSE);

  *out = (AssayFilingFacts) { 0 };
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* Erased since (by a later tombstone, or before: the replica cannot
   * tell): nothing is left to check the decision against. */
  if (is_erased (filing))
    {
      out->index = index;
      out->kind = ASSAY_N_ENTRY_KINDS;
      out->erased = TRUE;
      return TRUE;
    }
  if (filing == NULL || filing->parsed == NULL || !ASSAY_ENTRY_KIND_IS_FILING (filing->parsed->kind))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                   filing == NULL || filing->parsed == NULL
                   ? _("leaf %" PRIu64 " is no filing the replica holds (it is not in the replica, or it was not "
                       "sent)")
                   : _("leaf %" PRIu64 " is not a filing"),
                   index);
      return FALSE;
    }
  f = filing->parsed;
  if ((f->kind == ASSAY_ENTRY_APPEAL || f->kind == ASSAY_ENTRY_FORGET_REQUEST)
      && (target = stored_entry (replica, f->target, &local)) == NULL && local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  assay_filing_facts_init (out, index, f, target != NULL ? target->parsed : NULL);
  out->target_erased = is_erased (target);
  return TRUE;
}

gboolean
assay_filing_facts_for_decision (AssayReplica         *replica,
                                 const AssayDecision  *decision,
                                 AssayFilingFacts     *out,
                                 GError              **error)
{
  guint64 index;

  g_return_val_if_fail (decision != NULL && decision->subject_kind == ASSAY_SUBJECT_FILING, FALSE);

  /* The payload reader has checked the id's form. */
  if (!g_ascii_string_to_unsigned (decision->subject_id, 10, 0, G_MAXUINT64, &index, error))
    return FALSE;
  return assay_filing_facts_from_replica (replica, index, out, error);
}

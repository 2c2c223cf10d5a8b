/* assay-central-filings.c — the service's checks of decisions on filings, and forgetting
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

#include <glib/gi18n.h>
#include <inttypes.h>

#include "assay-bundle.h"
#include "assay-central-filings.h"
#include "assay-central-store-private.h"
#include "assay-error.h"

AssayEntry *
assay_central_store_read_entry (AssayCentralStore  *store,
                                guint64             index,
                                GError            **error)
{
  AssayBodyRef refs[ASSAY_BUNDLE_MAX_ENTRIES];
  g_autoptr(GBytes) bundle = NULL;
  guint width = 0, count = 0;
  const AssayBodyRef *ref;

  if (index >= store->size)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("leaf %" PRIu64 " is not in this log, which has %" PRIu64 " entries"),
                   index, store->size);
      return NULL;
    }
  bundle = central_read_body_bundle (store, index / ASSAY_TILE_WIDTH, &width, error);
  if (bundle == NULL
      || !assay_body_bundle_decode (g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle),
                                    width, refs, &count, error))
    return NULL;
  ref = &refs[index % ASSAY_TILE_WIDTH];
  if (ref->len == 0)
    return NULL;
  return assay_entry_parse (ref->body, ref->len, error);
}

static gboolean
parse_index (const AssayDecision  *decision,
             guint64              *out,
             GError              **error)
{
  /* The payload reader has checked the form; this only converts it. */
  if (g_ascii_string_to_unsigned (decision->subject_id, 10, 0, G_MAXUINT64, out, NULL))
    return TRUE;
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
               _("the decision’s subject “%s” is not a leaf index"), decision->subject_id);
  return FALSE;
}

/* The filing at @index, which must be one and not erased. */
static AssayEntry *
read_filing (AssayCentralStore  *store,
             guint64             index,
             GError            **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(AssayEntry) entry = assay_central_store_read_entry (store, index, &local);

  if (local != NULL)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                 _("the decision is on filing %" PRIu64 ", but %s"), index, local->message);
  else if (entry == NULL)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                 _("the decision is on filing %" PRIu64 ", but that entry was erased"), index);
  else if (!ASSAY_ENTRY_KIND_IS_FILING (entry->kind))
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                 _("the decision is on filing %" PRIu64 ", but that entry is a “%s”, not a filing"),
                 index, assay_entry_kind_to_id (entry->kind));
  else
    return g_steal_pointer (&entry);
  return NULL;
}

/* The entry an appeal or a forget request names, NULL when erased or
 * (it cannot be: the ledger checks it is below the filing) absent. */
static gboolean
read_target (AssayCentralStore  *store,
             const AssayEntry   *filing,
             AssayEntry        **out,
             GError            **error)
{
  g_autoptr(GError) local = NULL;

  *out = NULL;
  if (filing->kind != ASSAY_ENTRY_APPEAL && filing->kind != ASSAY_ENTRY_FORGET_REQUEST)
    return TRUE;
  *out = assay_central_store_read_entry (store, filing->target, &local);
  if (local == NULL || g_error_matches (local, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

gboolean
assay_central_filing_check (AssayCentralStore    *store,
                            const AssayDecision  *decision,
                            AssayFilingFacts     *out,
                            GError              **error)
{
  g_autoptr(AssayEntry) filing = NULL;
  g_autoptr(AssayEntry) target = NULL;
  guint64 index;

  *out = (AssayFilingFacts) { 0 };
  if (decision->subject_kind != ASSAY_SUBJECT_FILING)
    return TRUE;
  if (!parse_index (decision, &index, error)
      || (filing = read_filing (store, index, error)) == NULL
      || !read_target (store, filing, &target, error))
    return FALSE;
  assay_filing_facts_init (out, index, filing, target);
  if (assay_filing_decision_check (decision, out, error))
    return TRUE;
  assay_filing_facts_clear (out);
  return FALSE;
}

gboolean
assay_central_filing_forgets (const AssayDecision    *decision,
                              const AssayFilingFacts *facts)
{
  return decision->kind == ASSAY_DECISION_KIND_APPROVE && facts->kind == ASSAY_ENTRY_FORGET_REQUEST
         && assay_filing_facts_has_silence (facts);
}

/* assay-envelope-view.h — a logged DSSE envelope decoded for display
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

/* What the Ledger page shows of a roster or decision entry: the envelope
 * the ledger has checked the shape of (AssayEntry.envelope), decoded for
 * reading only.  Nothing here verifies a signature: that is the decisions
 * layer's work, against the roster in force. */
typedef struct
{
  char   *payload_type;
  GStrv   keyids;        /* the signatures' key ids, in order */
  /* The decoded payload: pretty-printed when it is JSON, as it is when it
   * is other UTF-8 text, a note of its size otherwise. */
  char   *payload;
} AssayEnvelopeView;

/* ASSAY_ERROR_INVALID_DATA when @envelope is not a DSSE envelope. */
AssayEnvelopeView *assay_envelope_view_new  (const char        *envelope,
                                             GError           **error);
void               assay_envelope_view_free (AssayEnvelopeView *view);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayEnvelopeView, assay_envelope_view_free)

G_END_DECLS

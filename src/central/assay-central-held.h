/* assay-central-held.h — redemptions of paused accounts, held until a restore or zero
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

#include "assay-central-history.h"
#include "assay-central-store.h"
#include "assay-decision.h"

G_BEGIN_DECLS

/* In the open transaction, makes _integrate() hold each due redemption
 * that a pause of @history (current with the store) holds.  @history
 * must outlive the transaction. */
void     assay_central_held_prepare (AssayCentralStore    *store,
                                     AssayCentralHistory  *history);

/* The history of @store's log, for assay_central_held_prepare (). */
AssayCentralHistory *assay_central_held_read_history (AssayCentralStore  *store,
                                                      GError            **error);
/* After the commit: one line saying how many redemptions were held, if any. */
void     assay_central_held_print_summary (AssayCentralStore *store);

/* After the restore or zero @decision was appended at leaf @index, in the
 * same transaction (@history current up to before it): each held
 * redemption that it releases (held before it, no pause holding it after)
 * is appended to the log (restore), in the order it was held, or marked
 * refused (zero).  Any other outcome changes nothing. */
gboolean assay_central_held_settle  (AssayCentralStore    *store,
                                     AssayCentralHistory  *history,
                                     const AssayDecision  *decision,
                                     guint64               index,
                                     guint                *out_n_logged,
                                     guint                *out_n_refused,
                                     GError              **error);

G_END_DECLS

/* assay-redraft-sign.h — signing, in a worker thread, exactly the decision a dialog showed
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

#include <gio/gio.h>

#include "assay-decision.h"
#include "assay-replica.h"

G_BEGIN_DECLS

/* Drafts the decision again on `replica` by `author` (a key id) at
 * `created_at`, from the caller's `draft_data`. */
typedef AssayDecision *(*AssayRedraftFunc) (AssayReplica  *replica,
                                            const char    *author,
                                            gint64         created_at,
                                            gpointer       draft_data,
                                            GError       **error);

/* In a worker thread, on a connection of its own to the replica at
 * `replica_path`: opens the key file with the passphrase (copied into
 * sodium memory here and wiped once the key is open, or is not), drafts
 * the decision again with `draft`, gives it `decision_id`, checks that
 * its payload is `expected` byte for byte (else ASSAY_ERROR_EXISTS with
 * `changed_message`, a translated static string: the replica changed
 * while the dialog was open), signs it and queues it in the outbox on no
 * case.  `draft_data` is freed with `draft_data_free`.  The result is the
 * payload's hash. */
void   assay_redraft_sign_async  (const char           *replica_path,
                                  const char           *key_path,
                                  const char           *passphrase,
                                  gsize                 passphrase_len,
                                  GBytes               *expected,
                                  const char           *decision_id,
                                  gint64                created_at,
                                  AssayRedraftFunc      draft,
                                  gpointer              draft_data,
                                  GDestroyNotify        draft_data_free,
                                  const char           *changed_message,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
char  *assay_redraft_sign_finish (GAsyncResult         *result,
                                  GError              **error);

G_END_DECLS

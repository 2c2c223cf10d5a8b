/* assay-key-job.h — creating a key file and changing its passphrase off the main thread
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

G_BEGIN_DECLS

/* The key derivation (Argon2id) takes about a second and a lot of memory:
 * Preferences runs it in a worker thread.  The passphrases are copied into
 * sodium_malloc () memory, which is wiped once the work is done; the
 * caller clears its own entries.  The errors are assay_key_file_create ()'s
 * and assay_key_file_change_passphrase ()'s. */

/* The folder where Preferences creates new key files:
 * g_get_user_data_dir ()/assay/keys. */
char    *assay_key_job_default_folder       (void);
/* The file for a new key named @name in that folder; ASSAY_ERROR_INVALID_ARGUMENT
 * for a name that is empty or not made of letters, digits, “-”, “_” and “.”. */
char    *assay_key_job_path_for_name        (const char           *name,
                                             GError              **error);

/* Creates the key file (and its folder, mode 0700); finishes with its key id. */
void     assay_key_job_create_async         (const char           *path,
                                             const char           *passphrase,
                                             gsize                 passphrase_len,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
char    *assay_key_job_create_finish        (GAsyncResult         *result,
                                             GError              **error);

void     assay_key_job_change_passphrase_async  (const char         *path,
                                                 const char         *old_passphrase,
                                                 gsize               old_len,
                                                 const char         *new_passphrase,
                                                 gsize               new_len,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
gboolean assay_key_job_change_passphrase_finish (GAsyncResult       *result,
                                                 GError            **error);

G_END_DECLS

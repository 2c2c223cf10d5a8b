/* assay-config.h — validation of user settings (service URL, log key, replica path)
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

#include "assay-types.h"

G_BEGIN_DECLS

/* Each check returns FALSE with an ASSAY_ERROR_INVALID_ARGUMENT error whose
 * message is fit to show the user as is: it says what is wrong and what to
 * enter instead.  None of them touches the network; the path check only
 * looks at the file system. */

/* An http or https URL with a host, and without user name, password,
 * query or fragment. */
gboolean assay_config_check_server_url   (const char  *url,
                                          GError     **error);

/* A C2SP verifier key string for the log's Ed25519 signing key:
 * <name>+<hex key id>+<base64(0x01 ‖ public key)>. */
gboolean assay_config_check_log_key      (const char  *key,
                                          GError     **error);

/* An absolute path that is not a directory, whose parent directory exists
 * or can be created. */
gboolean assay_config_check_replica_path (const char  *path,
                                          GError     **error);

/* A C2SP verifier key string for a witness's cosignature key (type 0x04):
 * <name>+<hex key id>+<base64(0x04 ‖ public key)>. */
gboolean assay_config_check_witness_key  (const char  *key,
                                          GError     **error);

/* A witness policy: every key valid (as above) and listed once, and a
 * quorum no larger than the number of keys.  `keys` may be NULL (none). */
gboolean assay_config_check_witnesses    (const char * const *keys,
                                          guint               quorum,
                                          GError            **error);

G_END_DECLS

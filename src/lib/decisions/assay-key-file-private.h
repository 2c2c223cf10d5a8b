/* assay-key-file-private.h — test hooks of the key files
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

#include "assay-key-file.h"

G_BEGIN_DECLS

/* How many times crypto_pwhash () ran in this process (tests check that a
 * file with out-of-range parameters is refused before any derivation). */
guint         assay_key_file_get_derivation_count (void);

/* A key pair from a 32-byte seed, with no file and no key derivation: the
 * roster and decision tests need a dozen signers, and Argon2id at the
 * INTERACTIVE limits would take seconds for each. */
AssayKeyFile *_assay_key_file_new_from_seed       (const guint8 seed[32]);

G_END_DECLS

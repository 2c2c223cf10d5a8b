/* assay-sha256.h — SHA-256 for commitments and Merkle hashes, on OpenSSL
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

#define ASSAY_SHA256_SIZE 32

/* SHA-256 through OpenSSL's EVP interface, which uses the CPU's SHA
 * instructions (libsodium 1.0.18 does not).  Every function is
 * thread-safe: each thread reuses its own digest context. */

void assay_sha256      (const void *data,
                        gsize       len,
                        guint8      out[ASSAY_SHA256_SIZE]);
/* SHA-256 (a ‖ b), e.g. salt ‖ body, or a one-byte prefix ‖ data. */
void assay_sha256_two  (const void *a,
                        gsize       a_len,
                        const void *b,
                        gsize       b_len,
                        guint8      out[ASSAY_SHA256_SIZE]);
/* SHA-256 (0x01 ‖ left ‖ right), the RFC 6962 interior node hash; out may
 * alias left or right. */
void assay_sha256_node (const guint8 left[ASSAY_SHA256_SIZE],
                        const guint8 right[ASSAY_SHA256_SIZE],
                        guint8       out[ASSAY_SHA256_SIZE]);

G_END_DECLS

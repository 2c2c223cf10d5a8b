/* assay-bundle.h — entry bundles and body bundles
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
#include "assay-entry.h"
#include "assay-merkle.h"

G_BEGIN_DECLS

/* README.md "Leaves, commitments and bundles".
 *
 * An entry bundle is up to 256 items of a big-endian uint16 length (always
 * 32) and the 32-byte commitment.  A body bundle is up to 256 items of a
 * big-endian uint16 body length B, then, if B > 0, the 32-byte salt and B
 * bytes of body (1 ≤ B ≤ ASSAY_ENTRY_MAX_BODY); B = 0 marks an erased body.
 *
 * Encoding appends one item at a time to a GByteArray, so a writer can
 * stream rows straight out of its database.  Decoding allocates nothing:
 * it fills a caller's array (ASSAY_BUNDLE_MAX_ENTRIES long, a few KiB on the
 * stack) with pointers into the bundle, which must outlive them.  Decoders
 * are strict: a truncated item, a wrong length, trailing bytes, more than
 * 256 items, or a count other than @expected fail with
 * ASSAY_ERROR_INVALID_DATA and a message that says which item and why. */

#define ASSAY_BUNDLE_MAX_ENTRIES 256
#define ASSAY_ENTRY_BUNDLE_ITEM_SIZE (2 + ASSAY_HASH_SIZE)
/* The largest well-formed bundles: full, every body at its maximum size. */
#define ASSAY_ENTRY_BUNDLE_MAX_SIZE (ASSAY_BUNDLE_MAX_ENTRIES * ASSAY_ENTRY_BUNDLE_ITEM_SIZE)
#define ASSAY_BODY_BUNDLE_MAX_SIZE  (ASSAY_BUNDLE_MAX_ENTRIES * (2 + ASSAY_SALT_SIZE + ASSAY_ENTRY_MAX_BODY))

/* One item of a body bundle.  An erased body has salt == body == NULL and
 * len == 0. */
typedef struct
{
  const guint8 *salt;
  const char   *body;
  gsize         len;
} AssayBodyRef;

void     assay_entry_bundle_append        (GByteArray         *bundle,
                                           const guint8        commitment[ASSAY_HASH_SIZE]);
/* @expected is the number of items the bundle must hold (its width, 1 to
 * 256), or 0 to accept any count from 1 to 256.  On success
 * @commitments[0 .. *n_out - 1] point at the commitments inside @data. */
gboolean assay_entry_bundle_decode        (const guint8       *data,
                                           gsize               len,
                                           guint               expected,
                                           const guint8      **commitments,
                                           guint              *n_out,
                                           GError            **error);

/* @body of @len bytes (1 to ASSAY_ENTRY_MAX_BODY) with its salt. */
void     assay_body_bundle_append         (GByteArray         *bundle,
                                           const guint8        salt[ASSAY_SALT_SIZE],
                                           const char         *body,
                                           gsize               len);
void     assay_body_bundle_append_erased  (GByteArray         *bundle);
/* As assay_entry_bundle_decode(); fills @bodies[0 .. *n_out - 1]. */
gboolean assay_body_bundle_decode         (const guint8       *data,
                                           gsize               len,
                                           guint               expected,
                                           AssayBodyRef       *bodies,
                                           guint              *n_out,
                                           GError            **error);

G_END_DECLS

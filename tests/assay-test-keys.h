/* assay-test-keys.h — a log key and two witness keys, for the checkpoint and proof tests
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

#include "assay-note.h"

G_BEGIN_DECLS

/* Fresh signers for the log (@origin) and the witnesses
 * witness.example/w1 and w2, and their verifiers (cosignature verifiers
 * for the witnesses). */
typedef struct
{
  AssayNoteSigner   *log;
  AssayNoteSigner   *w1;
  AssayNoteSigner   *w2;
  AssayNoteVerifier *log_v;
  AssayNoteVerifier *w1_v;
  AssayNoteVerifier *w2_v;
} AssayTestKeys;

void               assay_test_keys_init     (AssayTestKeys *keys,
                                             const char    *origin);
void               assay_test_keys_clear    (AssayTestKeys *keys);

/* The verifier of a verifier key string (consumed); asserts it parses. */
AssayNoteVerifier *assay_test_verifier_from (char          *vkey);

G_END_DECLS

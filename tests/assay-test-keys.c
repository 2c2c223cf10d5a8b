/* assay-test-keys.c — a log key and two witness keys, for the checkpoint and proof tests
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

#include "assay-test-keys.h"

AssayNoteVerifier *
assay_test_verifier_from (char *vkey)
{
  g_autofree char *owned = vkey;
  g_autoptr(GError) error = NULL;
  AssayNoteVerifier *v = assay_note_verifier_new_from_string (owned, &error);

  g_assert_no_error (error);
  return v;
}

void
assay_test_keys_init (AssayTestKeys *keys,
                      const char    *origin)
{
  keys->log = assay_note_signer_generate (origin, NULL);
  keys->w1 = assay_note_signer_generate ("witness.example/w1", NULL);
  keys->w2 = assay_note_signer_generate ("witness.example/w2", NULL);
  keys->log_v = assay_test_verifier_from (assay_note_signer_get_verifier_string (keys->log));
  keys->w1_v = assay_test_verifier_from (assay_note_signer_get_cosigner_verifier_string (keys->w1));
  keys->w2_v = assay_test_verifier_from (assay_note_signer_get_cosigner_verifier_string (keys->w2));
}

void
assay_test_keys_clear (AssayTestKeys *keys)
{
  assay_note_signer_free (keys->log);
  assay_note_signer_free (keys->w1);
  assay_note_signer_free (keys->w2);
  assay_note_verifier_unref (keys->log_v);
  assay_note_verifier_unref (keys->w1_v);
  assay_note_verifier_unref (keys->w2_v);
}

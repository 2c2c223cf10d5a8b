/* assay-tlog-proof.c — C2SP tlog-proof portable proof files
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

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "assay-checkpoint.h"
#include "assay-error.h"
#include "assay-tlog-proof.h"

#define HEADER "c2sp.org/tlog-proof@v1"

/* An inclusion proof in a tree of at most 2^64 - 1 leaves. */
#define MAX_PROOF_HASHES 64

char *
assay_tlog_proof_format (const AssayTlogProof *proof)
{
  GString *out;
  const guint8 *hashes;
  gsize len = 0;

  g_return_val_if_fail (proof != NULL, NULL);
  g_return_val_if_fail (proof->checkpoint != NULL, NULL);

  hashes = proof->proof ? g_bytes_get_data (proof->proof, &len) : NULL;
  g_return_val_if_fail (len % ASSAY_HASH_SIZE == 0, NULL);

  out = g_string_new (HEADER "\n");
  if (proof->extra != NULL)
    {
      g_autofree char *b64 = g_base64_encode (g_bytes_get_data (proof->extra, NULL),
                                              g_bytes_get_size (proof->extra));

      g_string_append_printf (out, "extra %s\n", b64);
    }
  g_string_append_printf (out, "index %" PRIu64 "\n", proof->index);
  for (gsize i = 0; i < len; i += ASSAY_HASH_SIZE)
    {
      g_autofree char *b64 = g_base64_encode (hashes + i, ASSAY_HASH_SIZE);

      g_string_append_printf (out, "%s\n", b64);
    }
  g_string_append_c (out, '\n');
  g_string_append (out, proof->checkpoint);
  return g_string_free (out, FALSE);
}

static gboolean
invalid_proof (GError     **error,
               const char  *why)
{
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("Not a valid c2sp.org/tlog-proof@v1 proof: %s"), why);
  return FALSE;
}

/* The next line of [*pos, end) without its newline; NULL at the end or
 * if the line has no newline. */
static char *
next_line (const char **pos,
           const char  *end)
{
  const char *nl = memchr (*pos, '\n', end - *pos);
  char *line;

  if (nl == NULL)
    return NULL;
  line = g_strndup (*pos, nl - *pos);
  *pos = nl + 1;
  return line;
}

static gboolean
parse_head (AssayTlogProof  *proof,
            const char     **pos,
            const char      *end,
            GError         **error)
{
  g_autofree char *header = next_line (pos, end);
  g_autofree char *line = NULL;

  if (g_strcmp0 (header, HEADER) != 0)
    return invalid_proof (error, _("the first line is not “c2sp.org/tlog-proof@v1”"));

  line = next_line (pos, end);
  if (line != NULL && g_str_has_prefix (line, "extra "))
    {
      const char *b64 = line + strlen ("extra ");

      proof->extra = assay_base64_decode_strict (b64, strlen (b64));
      if (proof->extra == NULL)
        return invalid_proof (error, _("the extra data is not base64"));
      g_free (line);
      line = next_line (pos, end);
    }

  if (line == NULL || !g_str_has_prefix (line, "index ") ||
      !assay_parse_decimal_u64 (line + strlen ("index "), &proof->index))
    return invalid_proof (error, _("the index line is missing or malformed"));
  return TRUE;
}

static gboolean
parse_hashes (AssayTlogProof  *proof,
              const char     **pos,
              const char      *end,
              GError         **error)
{
  g_autoptr(GByteArray) hashes = g_byte_array_new ();

  while (TRUE)
    {
      g_autofree char *line = next_line (pos, end);
      g_autoptr(GBytes) hash = NULL;

      if (line == NULL)
        return invalid_proof (error, _("there is no blank line before the checkpoint"));
      if (line[0] == '\0')
        break;
      if (hashes->len >= MAX_PROOF_HASHES * ASSAY_HASH_SIZE)
        return invalid_proof (error, _("the inclusion proof has too many hashes"));
      hash = assay_base64_decode_strict (line, strlen (line));
      if (hash == NULL || g_bytes_get_size (hash) != ASSAY_HASH_SIZE)
        return invalid_proof (error, _("an inclusion proof line is not a base64 SHA-256 hash"));
      g_byte_array_append (hashes, g_bytes_get_data (hash, NULL), ASSAY_HASH_SIZE);
    }
  proof->proof = g_byte_array_free_to_bytes (g_steal_pointer (&hashes));
  return TRUE;
}

AssayTlogProof *
assay_tlog_proof_parse (const char  *text,
                        gsize        len,
                        GError     **error)
{
  g_autoptr(AssayTlogProof) proof = NULL;
  g_autoptr(AssayNote) note = NULL;
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  const char *pos = text;
  const char *end = text + len;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (len > ASSAY_TLOG_PROOF_MAX_SIZE)
    {
      invalid_proof (error, _("the file is too large"));
      return NULL;
    }
  if (memchr (text, '\0', len) != NULL)
    {
      invalid_proof (error, _("the file contains a NUL byte"));
      return NULL;
    }

  proof = g_new0 (AssayTlogProof, 1);
  if (!parse_head (proof, &pos, end, error) || !parse_hashes (proof, &pos, end, error))
    return NULL;

  /* The rest is the checkpoint, verbatim; check its syntax now so that a
   * damaged file is reported as such, not as a failed verification. */
  proof->checkpoint = g_strndup (pos, end - pos);
  note = assay_note_parse (proof->checkpoint, end - pos, error);
  if (note == NULL)
    {
      g_prefix_error (error, _("The proof's checkpoint is malformed: "));
      return NULL;
    }
  checkpoint = assay_checkpoint_parse_text (assay_note_get_text (note), error);
  if (checkpoint == NULL)
    return NULL;
  return g_steal_pointer (&proof);
}

void
assay_tlog_proof_free (AssayTlogProof *proof)
{
  if (proof == NULL)
    return;
  g_clear_pointer (&proof->extra, g_bytes_unref);
  g_clear_pointer (&proof->proof, g_bytes_unref);
  g_free (proof->checkpoint);
  g_free (proof);
}

gboolean
assay_tlog_proof_verify_full (const AssayTlogProof  *proof,
                              AssayNoteVerifier     *log_key,
                              AssayNoteVerifier    **witnesses,
                              guint                  n_witnesses,
                              guint                  quorum,
                              const guint8           leaf_hash[ASSAY_HASH_SIZE],
                              AssayCheckpoint      **out_checkpoint,
                              GError               **error)
{
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  g_autoptr(AssayNote) note = NULL;
  guint n_cosigned;
  gsize len = 0;
  const guint8 *hashes;

  g_return_val_if_fail (proof != NULL && proof->checkpoint != NULL, FALSE);
  g_return_val_if_fail (log_key != NULL, FALSE);
  g_return_val_if_fail (leaf_hash != NULL, FALSE);

  checkpoint = assay_checkpoint_open (proof->checkpoint, strlen (proof->checkpoint), log_key,
                                      witnesses, n_witnesses, &note, error);
  if (checkpoint == NULL)
    {
      g_prefix_error (error, _("The proof's checkpoint does not verify: "));
      return FALSE;
    }

  n_cosigned = assay_note_count_verified (note, witnesses, n_witnesses);
  if (n_cosigned < quorum)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                   _("The proof's checkpoint is cosigned by %u of the trusted witnesses, "
                     "but %u are required"), n_cosigned, quorum);
      return FALSE;
    }

  hashes = proof->proof ? g_bytes_get_data (proof->proof, &len) : NULL;
  if (len % ASSAY_HASH_SIZE != 0 ||
      !assay_merkle_verify_inclusion (proof->index, checkpoint->size, leaf_hash, hashes,
                                      len / ASSAY_HASH_SIZE, checkpoint->root, error))
    {
      g_prefix_error (error, _("The entry is not proven to be in the log: "));
      return FALSE;
    }

  if (out_checkpoint != NULL)
    *out_checkpoint = g_steal_pointer (&checkpoint);
  return TRUE;
}

gboolean
assay_tlog_proof_verify (const AssayTlogProof *proof,
                         AssayNoteVerifier    *log_key,
                         const guint8          leaf_hash[ASSAY_HASH_SIZE],
                         GError              **error)
{
  return assay_tlog_proof_verify_full (proof, log_key, NULL, 0, 0, leaf_hash, NULL, error);
}

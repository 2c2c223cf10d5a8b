/* assay-checkpoint.c — C2SP tlog-checkpoint and tlog-cosignature
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

AssayCheckpoint *
assay_checkpoint_new (const char   *origin,
                      guint64       size,
                      const guint8  root[ASSAY_HASH_SIZE])
{
  AssayCheckpoint *checkpoint;

  g_return_val_if_fail (origin != NULL, NULL);
  g_return_val_if_fail (root != NULL, NULL);

  checkpoint = g_new0 (AssayCheckpoint, 1);
  checkpoint->origin = g_strdup (origin);
  checkpoint->size = size;
  memcpy (checkpoint->root, root, ASSAY_HASH_SIZE);
  checkpoint->extensions = g_new0 (char *, 1);
  return checkpoint;
}

/* ASCII decimal, no leading zeros (except "0" itself), within 64 bits. */
gboolean
assay_parse_decimal_u64 (const char *s,
                         guint64    *out)
{
  guint64 value = 0;

  if (s[0] == '\0' || (s[0] == '0' && s[1] != '\0'))
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    {
      guint digit = *p - '0';

      if (*p < '0' || *p > '9' || value > (G_MAXUINT64 - digit) / 10)
        return FALSE;
      value = value * 10 + digit;
    }
  *out = value;
  return TRUE;
}

static gboolean
invalid_checkpoint (GError     **error,
                    const char  *why)
{
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("Not a valid checkpoint: %s"), why);
  return FALSE;
}

static gboolean
check_checkpoint_text (const char  *text,
                       GError     **error)
{
  gsize len = strlen (text);

  if (len == 0 || text[len - 1] != '\n')
    return invalid_checkpoint (error, _("the text does not end with a newline"));
  if (len > ASSAY_NOTE_MAX_SIZE)
    return invalid_checkpoint (error, _("the text is too large"));
  if (!g_utf8_validate (text, len, NULL))
    return invalid_checkpoint (error, _("the text is not valid UTF-8"));
  for (gsize i = 0; i < len; i++)
    {
      if ((guchar) text[i] < 0x20 && text[i] != '\n')
        return invalid_checkpoint (error, _("the text contains a control character"));
    }
  return TRUE;
}

AssayCheckpoint *
assay_checkpoint_parse_text (const char  *text,
                             GError     **error)
{
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GBytes) root = NULL;
  guint n_lines;

  g_return_val_if_fail (text != NULL, NULL);

  if (!check_checkpoint_text (text, error))
    return NULL;

  /* The final newline leaves one empty element at the end. */
  lines = g_strsplit (text, "\n", -1);
  n_lines = g_strv_length (lines) - 1;
  if (n_lines < 3)
    {
      invalid_checkpoint (error, _("it needs an origin, a tree size and a root hash line"));
      return NULL;
    }
  for (guint i = 0; i < n_lines; i++)
    {
      if (lines[i][0] == '\0')
        {
          invalid_checkpoint (error, _("it contains an empty line"));
          return NULL;
        }
    }

  checkpoint = g_new0 (AssayCheckpoint, 1);
  checkpoint->origin = g_strdup (lines[0]);
  if (!assay_parse_decimal_u64 (lines[1], &checkpoint->size))
    {
      invalid_checkpoint (error, _("the tree size is not a decimal number without leading "
                                   "zeros"));
      return NULL;
    }
  root = assay_base64_decode_strict (lines[2], strlen (lines[2]));
  if (root == NULL || g_bytes_get_size (root) != ASSAY_HASH_SIZE)
    {
      invalid_checkpoint (error, _("the root hash is not 32 bytes in base64"));
      return NULL;
    }
  memcpy (checkpoint->root, g_bytes_get_data (root, NULL), ASSAY_HASH_SIZE);

  checkpoint->extensions = g_new0 (char *, n_lines - 3 + 1);
  for (guint i = 3; i < n_lines; i++)
    checkpoint->extensions[i - 3] = g_strdup (lines[i]);
  return g_steal_pointer (&checkpoint);
}

char *
assay_checkpoint_format_text (const AssayCheckpoint *checkpoint)
{
  GString *text;
  g_autofree char *root = NULL;

  g_return_val_if_fail (checkpoint != NULL, NULL);

  root = g_base64_encode (checkpoint->root, ASSAY_HASH_SIZE);
  text = g_string_new (NULL);
  g_string_append_printf (text, "%s\n%" PRIu64 "\n%s\n",
                          checkpoint->origin, checkpoint->size, root);
  for (guint i = 0; checkpoint->extensions != NULL && checkpoint->extensions[i] != NULL; i++)
    g_string_append_printf (text, "%s\n", checkpoint->extensions[i]);
  return g_string_free (text, FALSE);
}

void
assay_checkpoint_free (AssayCheckpoint *checkpoint)
{
  if (checkpoint == NULL)
    return;
  g_free (checkpoint->origin);
  g_strfreev (checkpoint->extensions);
  g_free (checkpoint);
}

gboolean
assay_checkpoint_equal (const AssayCheckpoint *a,
                        const AssayCheckpoint *b)
{
  guint n_a, n_b;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  n_a = a->extensions ? g_strv_length (a->extensions) : 0;
  n_b = b->extensions ? g_strv_length (b->extensions) : 0;
  if (g_strcmp0 (a->origin, b->origin) != 0 || a->size != b->size ||
      memcmp (a->root, b->root, ASSAY_HASH_SIZE) != 0 || n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    {
      if (strcmp (a->extensions[i], b->extensions[i]) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
signed_by (AssayNote         *note,
           AssayNoteVerifier *key)
{
  for (guint i = 0; i < assay_note_get_n_signatures (note); i++)
    {
      if (assay_note_get_signature_verified (note, i) &&
          assay_note_get_signature_key_id (note, i) == assay_note_verifier_get_key_id (key) &&
          g_str_equal (assay_note_get_signature_name (note, i),
                       assay_note_verifier_get_name (key)))
        return TRUE;
    }
  return FALSE;
}

AssayCheckpoint *
assay_checkpoint_open (const char          *note_text,
                       gsize                len,
                       AssayNoteVerifier   *log_key,
                       AssayNoteVerifier  **witnesses,
                       guint                n_witnesses,
                       AssayNote          **out_note,
                       GError             **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(AssayNote) note = NULL;
  g_autoptr(AssayCheckpoint) checkpoint = NULL;

  g_return_val_if_fail (note_text != NULL, NULL);
  g_return_val_if_fail (log_key != NULL, NULL);
  g_return_val_if_fail (witnesses != NULL || n_witnesses == 0, NULL);

  g_ptr_array_add (keys, log_key);
  for (guint i = 0; i < n_witnesses; i++)
    g_ptr_array_add (keys, witnesses[i]);

  note = assay_note_open (note_text, len, (AssayNoteVerifier **) keys->pdata, keys->len, error);
  if (note == NULL)
    return NULL;

  /* A witness signature alone opens the note but is not the log's word. */
  if (!signed_by (note, log_key))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                   _("The checkpoint is not signed by the log key %s+%08x"),
                   assay_note_verifier_get_name (log_key),
                   assay_note_verifier_get_key_id (log_key));
      return NULL;
    }

  checkpoint = assay_checkpoint_parse_text (assay_note_get_text (note), error);
  if (checkpoint == NULL)
    return NULL;
  if (strcmp (checkpoint->origin, assay_note_verifier_get_name (log_key)) != 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                   _("The checkpoint is for log “%s”, but the log key is for “%s”; "
                     "refusing a checkpoint from another log"),
                   checkpoint->origin, assay_note_verifier_get_name (log_key));
      return NULL;
    }

  if (out_note != NULL)
    *out_note = g_steal_pointer (&note);
  return g_steal_pointer (&checkpoint);
}

char *
assay_cosignature_sign (AssayNoteSigner  *witness,
                        const char       *checkpoint_text,
                        guint64           timestamp,
                        GError          **error)
{
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  g_autofree char *msg = NULL;
  guint8 blob[8 + 64];

  g_return_val_if_fail (witness != NULL, NULL);
  g_return_val_if_fail (checkpoint_text != NULL, NULL);

  checkpoint = assay_checkpoint_parse_text (checkpoint_text, error);
  if (checkpoint == NULL)
    return NULL;
  if (timestamp > G_MAXINT64)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Cosignature timestamp %" PRIu64 " is beyond 2^63 - 1"),
                   timestamp);
      return NULL;
    }

  for (int i = 0; i < 8; i++)
    blob[i] = timestamp >> (56 - 8 * i);
  msg = assay_cosignature_message (checkpoint_text, timestamp);
  assay_note_signer_sign_bytes (witness, (const guint8 *) msg, strlen (msg), blob + 8);
  return assay_note_format_signature_line (assay_note_signer_get_name (witness),
                                           assay_note_signer_get_cosigner_key_id (witness),
                                           blob, sizeof blob);
}

gboolean
assay_cosignature_get_timestamp (GBytes  *blob,
                                 guint64 *out_timestamp)
{
  const guint8 *data;
  gsize len;
  guint64 timestamp = 0;

  g_return_val_if_fail (blob != NULL, FALSE);

  data = g_bytes_get_data (blob, &len);
  if (len != 8 + 64)
    return FALSE;
  for (int i = 0; i < 8; i++)
    timestamp = (timestamp << 8) | data[i];
  if (out_timestamp != NULL)
    *out_timestamp = timestamp;
  return TRUE;
}

char *
assay_note_add_signature_lines (const char  *note_text,
                                const char  *signature_lines,
                                GError     **error)
{
  g_autoptr(AssayNote) note = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GString) result = NULL;
  g_autoptr(AssayNote) check = NULL;

  g_return_val_if_fail (note_text != NULL, NULL);
  g_return_val_if_fail (signature_lines != NULL, NULL);

  note = assay_note_parse (note_text, strlen (note_text), error);
  if (note == NULL || !assay_note_parse_signature_lines (signature_lines, &lines, error))
    return NULL;

  /* Keep the note verbatim; skip lines it already carries. */
  result = g_string_new (note_text);
  for (guint i = 0; i < lines->len; i++)
    {
      gboolean present = FALSE;

      for (guint j = 0; j < assay_note_get_n_signatures (note) && !present; j++)
        present = g_str_equal (lines->pdata[i], assay_note_get_signature_line (note, j));
      if (!present)
        g_string_append_printf (result, "%s\n", (const char *) lines->pdata[i]);
    }

  /* The result must still be within the limits a reader enforces. */
  check = assay_note_parse (result->str, result->len, error);
  if (check == NULL)
    return NULL;
  return g_string_free (g_steal_pointer (&result), FALSE);
}

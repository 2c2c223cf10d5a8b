/* assay-replica-proofs.c — inclusion and consistency proofs from the stored tiles, tlog-proof files
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

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "assay-checkpoint.h"
#include "assay-error.h"
#include "assay-note.h"
#include "assay-replica-private.h"
#include "assay-tlog-proof.h"

static gboolean
have_checkpoint (sqlite3 *db,
                 guint64 size)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM checkpoints WHERE size = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, size);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return found;
}

static gboolean
check_stored_size (AssayReplica *self,
                   guint64 size,
                   GError **error)
{
  if (size == 0 || !have_checkpoint (_assay_replica_get_db (self), size))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("The replica has no verified checkpoint of size %" PRIu64 ". "
                     "Use the size of a stored checkpoint (see status)."), size);
      return FALSE;
    }
  return TRUE;
}

GBytes *
assay_replica_inclusion_proof (AssayReplica *self,
                               guint64 index,
                               guint64 size,
                               GError **error)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  if (size == 0)
    size = assay_replica_get_size (self);
  if (!check_stored_size (self, size, error))
    return NULL;
  if (index >= size)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("Entry %" PRIu64 " is not in the tree of %" PRIu64
                     " entries. Give an index below %" PRIu64 "."), index, size, size);
      return NULL;
    }
  return assay_merkle_inclusion_proof (index, size, _assay_db_tile_node_func,
                                       _assay_replica_get_db (self), error);
}

gboolean
assay_replica_tree_root (AssayReplica  *self,
                         guint64        size,
                         guint8         root[ASSAY_HASH_SIZE],
                         GError       **error)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), FALSE);

  if (size == 0 || size > assay_replica_get_size (self))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The replica holds no tree of %" PRIu64 " entries."), size);
      return FALSE;
    }
  return assay_merkle_range_hash (0, size, _assay_db_tile_node_func, _assay_replica_get_db (self),
                                  root, error);
}

GBytes *
assay_replica_consistency_proof (AssayReplica *self,
                                 guint64 size1,
                                 guint64 size2,
                                 GError **error)
{
  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  if (size1 >= size2)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("A consistency proof goes from a smaller tree to a larger one; "
                     "%" PRIu64 " is not below %" PRIu64 "."), size1, size2);
      return NULL;
    }
  if (!check_stored_size (self, size1, error) || !check_stored_size (self, size2, error))
    return NULL;
  return assay_merkle_consistency_proof (size1, size2, _assay_db_tile_node_func,
                                         _assay_replica_get_db (self), error);
}

char *
assay_replica_export_proof (AssayReplica *self,
                            guint64 index,
                            GError **error)
{
  g_autoptr(AssayReplicaEntry) entry = NULL;
  g_autoptr(GByteArray) extra = NULL;
  g_autofree char *note = NULL;
  AssayTlogProof proof = { NULL };
  char *text;

  g_return_val_if_fail (ASSAY_IS_REPLICA (self), NULL);

  entry = assay_replica_get_entry (self, index, error);
  if (entry == NULL)
    return NULL;
  if (entry->state != ASSAY_ENTRY_STATE_VERIFIED)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   entry->state == ASSAY_ENTRY_STATE_ERASED
                   ? _("Entry %" PRIu64 " was erased; there is no body left to prove.")
                   : _("The central service has not sent the body of entry %" PRIu64
                       ", so it cannot be proved. Sync again later."),
                   index);
      return NULL;
    }

  note = _assay_db_meta_get_text (_assay_replica_get_db (self), "note");
  proof.proof = assay_replica_inclusion_proof (self, index, 0, error);
  if (proof.proof == NULL || note == NULL)
    return NULL;

  extra = g_byte_array_new ();
  g_byte_array_append (extra, g_bytes_get_data (entry->salt, NULL), g_bytes_get_size (entry->salt));
  g_byte_array_append (extra, g_bytes_get_data (entry->body, NULL), g_bytes_get_size (entry->body));
  proof.extra = g_byte_array_free_to_bytes (g_steal_pointer (&extra));
  proof.index = index;
  proof.checkpoint = note;
  text = assay_tlog_proof_format (&proof);
  g_bytes_unref (proof.extra);
  g_bytes_unref (proof.proof);
  return text;
}

/* Whether `note` carries a signature line by `verifier`'s name and key id
 * (verified or not); FALSE names the keys that signed it in `error`
 * (ASSAY_ERROR_NOT_FOUND), which is how a wrong key shows. */
static gboolean
check_signed_by (const char *checkpoint,
                 AssayNoteVerifier *verifier,
                 GError **error)
{
  g_autoptr(AssayNote) note = assay_note_parse (checkpoint, strlen (checkpoint), NULL);
  g_autoptr(GPtrArray) signers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  /* A note that does not parse is reported by the verification itself. */
  if (note == NULL)
    return TRUE;
  for (guint i = 0; i < assay_note_get_n_signatures (note); i++)
    {
      const char *name = assay_note_get_signature_name (note, i);
      guint32 key_id = assay_note_get_signature_key_id (note, i);

      if (g_strcmp0 (name, assay_note_verifier_get_name (verifier)) == 0 &&
          key_id == assay_note_verifier_get_key_id (verifier))
        return TRUE;
      g_ptr_array_add (signers, g_strdup_printf ("%s+%08x", name, key_id));
    }
  g_ptr_array_add (signers, NULL);
  list = g_strjoinv (", ", (char **) signers->pdata);
  if (list[0] == '\0')
    g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                         _("its checkpoint carries no signature at all."));
  else
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                 _("its checkpoint is signed by %s, not by the key %s+%08x."), list,
                 assay_note_verifier_get_name (verifier), assay_note_verifier_get_key_id (verifier));
  return FALSE;
}

AssayEntry *
assay_proof_file_check (const char *text,
                        gsize len,
                        const char *log_key,
                        guint64 *out_index,
                        guint64 *out_size,
                        char **out_body,
                        GError **error)
{
  g_autoptr(AssayNoteVerifier) verifier = NULL;
  g_autoptr(AssayTlogProof) proof = NULL;
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  g_autoptr(AssayEntry) entry = NULL;
  guint8 commitment[ASSAY_HASH_SIZE], leaf[ASSAY_HASH_SIZE];
  const guint8 *extra;
  gsize extra_len = 0;

  verifier = assay_note_verifier_new_from_string (log_key, error);
  if (verifier == NULL)
    return NULL;
  proof = assay_tlog_proof_parse (text, len, error);
  if (proof == NULL)
    return NULL;
  extra = proof->extra != NULL ? g_bytes_get_data (proof->extra, &extra_len) : NULL;
  if (extra_len <= ASSAY_SALT_SIZE)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The proof file carries no entry body, so there is nothing to check it "
                     "against. Ask for a proof exported by Assay."));
      return NULL;
    }

  if (!check_signed_by (proof->checkpoint, verifier, error))
    return NULL;
  assay_entry_commitment (extra, (const char *) extra + ASSAY_SALT_SIZE,
                          extra_len - ASSAY_SALT_SIZE, commitment);
  assay_merkle_leaf_hash (commitment, ASSAY_HASH_SIZE, leaf);
  if (!assay_tlog_proof_verify (proof, verifier, leaf, error))
    return NULL;
  checkpoint = assay_checkpoint_open (proof->checkpoint, strlen (proof->checkpoint), verifier,
                                      NULL, 0, NULL, error);
  if (checkpoint == NULL)
    return NULL;
  entry = assay_entry_parse ((const char *) extra + ASSAY_SALT_SIZE, extra_len - ASSAY_SALT_SIZE, error);
  if (entry == NULL || !assay_entry_check_index (entry, proof->index, error))
    return NULL;

  if (out_index != NULL)
    *out_index = proof->index;
  if (out_size != NULL)
    *out_size = checkpoint->size;
  if (out_body != NULL)
    *out_body = g_strndup ((const char *) extra + ASSAY_SALT_SIZE, extra_len - ASSAY_SALT_SIZE);
  return g_steal_pointer (&entry);
}

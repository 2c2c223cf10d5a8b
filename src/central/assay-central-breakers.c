/* assay-central-breakers.c — automatic pauses: the 6.1 breakers after an import
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

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "assay-bundle.h"
#include "assay-central-breakers.h"
#include "assay-central-store-private.h"
#include "assay-checkpoint.h"
#include "assay-day.h"
#include "assay-error.h"
#include "assay-replica-pauses.h"
#include "assay-replica-sync-private.h"
#include "assay-rule-cases.h"
#include "assay-rule-flags.h"
#include "assay-rule-set.h"

/* The service reads the aggregates the rules need the way a workstation
 * does: from a replica of its own log, kept beside the log in the data
 * directory (never served) and brought up to date through the replica's
 * own writer, entry by entry, from the body bundles.  It holds no hash
 * tiles (the log has them); it is a cache the service may delete, and
 * rebuilds from the log when it is gone. */

static gboolean
feed_bundle (AssayCentralStore   *store,
             AssayReplicaWriter  *writer,
             guint64              n,
             guint64              from,
             GError             **error)
{
  AssayBodyRef refs[ASSAY_BUNDLE_MAX_ENTRIES];
  g_autoptr(GBytes) bytes = NULL;
  guint width, n_refs;
  gsize len;
  const guint8 *data;

  if ((bytes = central_read_body_bundle (store, n, &width, error)) == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  if (!assay_body_bundle_decode (data, len, width, refs, &n_refs, error))
    return FALSE;
  for (guint j = 0; j < n_refs; j++)
    {
      guint64 idx = n * ASSAY_BUNDLE_MAX_ENTRIES + j;
      g_autoptr(AssayEntry) parsed = NULL;
      guint8 commitment[ASSAY_HASH_SIZE] = { 0 };

      if (idx < from)
        continue;
      /* An erased body is stored as the sync stores one: without a body. */
      if (refs[j].body != NULL)
        {
          assay_entry_commitment (refs[j].salt, refs[j].body, refs[j].len, commitment);
          if ((parsed = assay_entry_parse (refs[j].body, refs[j].len, error)) == NULL)
            return FALSE;
        }
      if (!_assay_replica_writer_add_entry (writer, idx, commitment,
                                            refs[j].body != NULL ? refs[j].salt : NULL,
                                            refs[j].body, refs[j].len, parsed, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
feed_replica (AssayCentralStore  *store,
              const char         *path,
              GError            **error)
{
  AssayReplicaDb *db = _assay_replica_db_open_for_sync (path, error);
  g_autoptr(AssayReplicaWriter) writer = NULL;
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  g_autoptr(GBytes) range = NULL;
  g_autofree char *note = NULL;
  g_autofree char *note_path = NULL;
  g_autofree char *log_key = NULL;
  g_autoptr(AssayNoteVerifier) verifier = NULL;
  gsize note_len = 0;
  guint64 size = store->size;
  guint64 from;
  gboolean ok = FALSE;

  if (db == NULL)
    return FALSE;
  from = _assay_replica_db_get_size (db);
  if (from > size)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The breakers' replica %s holds %" PRIu64 " entries, more than the log's %"
                     PRIu64 ": it belongs to another log. Remove it; the next import rebuilds it."),
                   path, from, size);
      goto out;
    }
  if (from == size)
    {
      ok = TRUE;
      goto out;
    }
  note_path = g_build_filename (store->dir, ASSAY_CENTRAL_CHECKPOINT_NAME, NULL);
  log_key = assay_note_signer_get_verifier_string (store->signer);
  if (!g_file_get_contents (note_path, &note, &note_len, error) ||
      (verifier = assay_note_verifier_new_from_string (log_key, error)) == NULL ||
      (checkpoint = assay_checkpoint_open (note, note_len, verifier, NULL, 0, NULL, error)) == NULL)
    goto out;
  if (checkpoint->size != size)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The checkpoint file names %" PRIu64 " entries, the log has %" PRIu64 "."),
                   checkpoint->size, size);
      goto out;
    }
  if (
      (writer = _assay_replica_db_begin_writer (db, error)) == NULL ||
      (size - from >= 4096 && !_assay_replica_writer_set_bulk (writer, error)))
    goto out;
  for (guint64 n = from / ASSAY_BUNDLE_MAX_ENTRIES; n * ASSAY_BUNDLE_MAX_ENTRIES < size; n++)
    if (!feed_bundle (store, writer, n, from, error))
      goto out;
  range = assay_merkle_builder_get_range (store->builder);
  ok = _assay_replica_writer_commit (writer, note, checkpoint, range, "", log_key, error);

out:
  g_clear_pointer (&writer, _assay_replica_writer_free);
  _assay_replica_db_close (db);
  return ok;
}

/* The flag ids the log already pauses, so that a flag is paused once. */
static GHashTable *
paused_flags (AssayReplica  *replica,
              GError       **error)
{
  g_autoptr(GPtrArray) entries = assay_replica_list_pause_entries (replica, 0, error);
  GHashTable *flags;

  if (entries == NULL)
    return NULL;
  flags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      AssayReplicaEntry *e = g_ptr_array_index (entries, i);

      g_hash_table_add (flags, g_strdup (e->parsed->flag));
    }
  return flags;
}

static char *
pause_body (const AssayRuleFlag *flag,
            guint32              today)
{
  g_autofree char *from = assay_day_format (flag->from);
  g_autofree char *to = assay_day_format (flag->to);
  g_autofree char *logged = assay_day_format (today);
  g_autofree char *root = g_base64_encode (flag->checkpoint_root, ASSAY_HASH_SIZE);
  g_autoptr(GString) members = g_string_new ("[");

  /* Every value is hex, an id, a date or base64: nothing to escape, and
   * the parser checks the body before it is logged. */
  for (guint i = 0; flag->members != NULL && flag->members[i] != NULL; i++)
    g_string_append_printf (members, "%s\"%s\"", i > 0 ? "," : "", flag->members[i]);
  g_string_append_c (members, ']');
  return g_strdup_printf ("{\"kind\":\"pause\",\"flag\":\"%s\",\"rule_set\":\"%s\",\"rule\":\"%s\","
                          "\"subject_kind\":\"%s\",\"subject\":\"%s\",\"members\":%s,"
                          "\"from\":\"%s\",\"to\":\"%s\",\"checkpoint_size\":%" G_GUINT64_FORMAT ","
                          "\"checkpoint_root\":\"%s\",\"logged\":\"%s\"}",
                          flag->id, flag->rule_set_sha256, flag->rule, flag->subject_kind,
                          flag->subject_id, members->str, from, to, flag->checkpoint_size, root,
                          logged);
}

static gboolean
append_pauses (AssayCentralStore  *store,
               AssayReplica       *replica,
               AssayRuleSet       *set,
               guint32             today,
               guint              *out_n_paused,
               GError            **error)
{
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GHashTable) paused = NULL;
  guint64 size;
  guint8 root[ASSAY_HASH_SIZE];

  flags = assay_rule_flags_evaluate (set, replica, "en", &size, root, error);
  if (flags == NULL || (paused = paused_flags (replica, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < flags->len; i++)
    {
      const AssayRuleFlag *flag = g_ptr_array_index (flags, i);
      g_autofree char *body = NULL;

      if (flag->action != ASSAY_RULE_ACTION_PAUSE || g_hash_table_contains (paused, flag->id))
        continue;
      body = pause_body (flag, today);
      if (!assay_central_store_append_pause (store, body, strlen (body), NULL, error))
        return FALSE;
      (*out_n_paused)++;
    }
  return TRUE;
}

gboolean
assay_central_replica_feed (AssayCentralStore  *store,
                            const char         *replica_path,
                            GError            **error)
{
  gboolean ok;

  if (store->size == 0)
    return TRUE;
  ok = assay_central_store_begin (store, error) &&
       central_tiles_load (store, error) &&
       feed_replica (store, replica_path, error);
  assay_central_store_rollback (store);
  return ok;
}

gboolean
assay_central_breakers_catch_up (AssayCentralStore  *store,
                                 GError            **error)
{
  g_autofree char *replica_path = g_build_filename (store->dir, ASSAY_CENTRAL_BREAKERS_NAME, NULL);

  if (!g_file_test (replica_path, G_FILE_TEST_EXISTS))
    return TRUE;
  return assay_central_replica_feed (store, replica_path, error);
}

gboolean
assay_central_breakers_run (AssayCentralStore  *store,
                            const char         *rule_set_path,
                            guint32             today,
                            guint              *out_n_paused,
                            GError            **error)
{
  g_autofree char *default_path = NULL;
  g_autofree char *replica_path = g_build_filename (store->dir, ASSAY_CENTRAL_BREAKERS_NAME, NULL);
  g_autoptr(AssayRuleSet) set = NULL;
  g_autoptr(AssayReplica) replica = NULL;

  *out_n_paused = 0;
  if (rule_set_path == NULL)
    rule_set_path = default_path = assay_rule_default_set_path ();
  if ((set = assay_rule_set_new_from_file (rule_set_path, error)) == NULL)
    return FALSE;
  if (store->size == 0)
    return TRUE;

  if (!assay_central_store_begin (store, error) ||
      !central_tiles_load (store, error) ||
      !feed_replica (store, replica_path, error) ||
      (replica = assay_replica_open (replica_path, ASSAY_REPLICA_OPEN_DEFAULT, error)) == NULL ||
      !append_pauses (store, replica, set, today, out_n_paused, error))
    {
      assay_central_store_rollback (store);
      return FALSE;
    }
  if (*out_n_paused == 0)
    {
      assay_central_store_rollback (store);
      return TRUE;
    }
  return assay_central_store_commit (store, error);
}

/* assay-redraft-sign.c — signing, in a worker thread, exactly the decision a dialog showed
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

#include <sodium.h>

#include "assay-decision-draft.h"
#include "assay-error.h"
#include "assay-key-file.h"
#include "assay-redraft-sign.h"
#include "assay-secret.h"

typedef struct
{
  char             *replica_path;
  char             *key_path;
  char             *passphrase;
  gsize             passphrase_len;
  GBytes           *expected;
  char             *decision_id;
  gint64            created_at;
  AssayRedraftFunc  draft;
  gpointer          draft_data;
  GDestroyNotify    draft_data_free;
  const char       *changed_message;
} SignData;

static void
sign_data_free (SignData *data)
{
  g_free (data->replica_path);
  g_free (data->key_path);
  if (data->passphrase != NULL)
    sodium_free (data->passphrase);   /* wipes it */
  g_bytes_unref (data->expected);
  g_free (data->decision_id);
  if (data->draft_data_free != NULL)
    data->draft_data_free (data->draft_data);
  g_free (data);
}

/* The decision again, exactly as shown: the same id and time, and the
 * same bytes, or the signer signs what they did not see. */
static AssayDecision *
redraft (AssayReplica  *replica,
         SignData      *data,
         const char    *author,
         GError       **error)
{
  g_autoptr(AssayDecision) d = data->draft (replica, author, data->created_at, data->draft_data, error);
  g_autoptr(GBytes) payload = NULL;

  if (d == NULL)
    return NULL;
  g_free (d->decision_id);
  d->decision_id = g_strdup (data->decision_id);
  if ((payload = assay_decision_to_payload (d, error)) == NULL)
    return NULL;
  if (!g_bytes_equal (payload, data->expected))
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS, data->changed_message);
      return NULL;
    }
  return g_steal_pointer (&d);
}

static void
sign_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SignData *data = task_data;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayKeyFile) key = NULL;
  g_autoptr(AssayDecision) d = NULL;
  g_autofree char *author = NULL;
  g_autofree char *hash = NULL;
  GError *error = NULL;

  /* A connection of its own: the session's belongs to the main thread.
   * The passphrase is wiped as soon as the key is open (or is not). */
  key = assay_key_file_open (data->key_path, data->passphrase, data->passphrase_len, &error);
  sodium_memzero (data->passphrase, data->passphrase_len);
  if (key == NULL ||
      (replica = assay_replica_open (data->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  author = assay_key_id (assay_key_file_get_public_key (key));
  if ((d = redraft (replica, data, author, &error)) != NULL)
    assay_decision_sign_and_queue (replica, d, key, 0, NULL, g_get_real_time () / G_USEC_PER_SEC, &hash, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&hash), g_free);
}

void
assay_redraft_sign_async (const char           *replica_path,
                          const char           *key_path,
                          const char           *passphrase,
                          gsize                 passphrase_len,
                          GBytes               *expected,
                          const char           *decision_id,
                          gint64                created_at,
                          AssayRedraftFunc      draft,
                          gpointer              draft_data,
                          GDestroyNotify        draft_data_free,
                          const char           *changed_message,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SignData *data = g_new0 (SignData, 1);

  g_return_if_fail (replica_path != NULL && key_path != NULL && draft != NULL);
  g_return_if_fail (expected != NULL && decision_id != NULL && changed_message != NULL);

  data->replica_path = g_strdup (replica_path);
  data->key_path = g_strdup (key_path);
  data->passphrase = assay_secret_dup (passphrase, passphrase_len);
  data->passphrase_len = passphrase_len;
  data->expected = g_bytes_ref (expected);
  data->decision_id = g_strdup (decision_id);
  data->created_at = created_at;
  data->draft = draft;
  data->draft_data = draft_data;
  data->draft_data_free = draft_data_free;
  data->changed_message = changed_message;
  g_task_set_source_tag (task, assay_redraft_sign_async);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_data_free);
  g_task_run_in_thread (task, sign_thread);
}

char *
assay_redraft_sign_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* assay-proposal-job.c — colleagues’ proposals: fetched, read and co-signed off the main thread
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
#include <sodium.h>
#include <string.h>

#include "assay-decision-log.h"
#include "assay-dsse.h"
#include "assay-error.h"
#include "assay-key-file.h"
#include "assay-proposal-job.h"
#include "assay-secret.h"

/* The service the replica syncs with: proposals come from where the log does. */
static char *
synced_server (AssayReplica  *replica,
               GError       **error)
{
  g_autoptr(AssayReplicaStatus) status = assay_replica_get_status (replica, error);

  if (status == NULL)
    return NULL;
  if (status->server_url == NULL)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                           _("The replica has not synced yet, so it knows no service to ask: sync first."));
      return NULL;
    }
  return g_strdup (status->server_url);
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(AssayReplica) replica = NULL;
  g_autofree char *server = NULL;
  GError *error = NULL;
  GPtrArray *proposals = NULL;

  g_autoptr(AssayRosterChain) chain = NULL;

  replica = assay_replica_open (task_data, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  if (replica == NULL || (server = synced_server (replica, &error)) == NULL ||
      (chain = assay_decision_log_load_chain (replica, &error)) == NULL ||
      (proposals = assay_proposals_fetch (server, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Who signed is read from the signatures, never taken from the
   * service's word. */
  for (guint i = 0; i < proposals->len; i++)
    assay_proposal_verify (g_ptr_array_index (proposals, i), chain, g_get_real_time () / G_USEC_PER_SEC);
  g_task_return_pointer (task, proposals, (GDestroyNotify) g_ptr_array_unref);
}

void
assay_proposal_job_fetch_async (const char          *replica_path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (replica_path != NULL);

  g_task_set_source_tag (task, assay_proposal_job_fetch_async);
  g_task_set_task_data (task, g_strdup (replica_path), g_free);
  g_task_run_in_thread (task, fetch_thread);
}

GPtrArray *
assay_proposal_job_fetch_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
assay_proposal_dup_fields (const AssayProposal  *proposal,
                           const char           *author_name,
                           GError              **error)
{
  g_autoptr(AssayDecision) d = NULL;

  g_return_val_if_fail (proposal != NULL, NULL);

  /* Read from the payload bytes, which must hash to the proposal's hash:
   * never the service's summary. */
  d = assay_proposal_get_decision (proposal, error);
  return d != NULL ? assay_decision_render (d, author_name, TRUE) : NULL;
}

/* ---- co-signing ------------------------------------------------------------------ */

typedef struct
{
  char          *replica_path;
  AssayProposal *proposal;      /* a copy */
  char          *key_path;
  char          *passphrase;    /* sodium_malloc () memory */
  gsize          passphrase_len;
  char          *author_name;
  char          *rationale;     /* opposing only */
} CosignData;

static void
cosign_data_free (CosignData *data)
{
  g_free (data->replica_path);
  assay_proposal_free (data->proposal);
  g_free (data->key_path);
  if (data->passphrase != NULL)
    sodium_free (data->passphrase);   /* wipes it */
  g_free (data->author_name);
  g_free (data->rationale);
  g_free (data);
}

static CosignData *
cosign_data_new (const char          *replica_path,
                 const AssayProposal *proposal,
                 const char          *key_path,
                 const char          *passphrase,
                 gsize                passphrase_len)
{
  CosignData *data = g_new0 (CosignData, 1);

  data->replica_path = g_strdup (replica_path);
  data->proposal = assay_proposal_copy (proposal);
  data->key_path = g_strdup (key_path);
  data->passphrase = assay_secret_dup (passphrase, passphrase_len);
  data->passphrase_len = passphrase_len;
  return data;
}

/* The library's "wrong passphrase or damaged file", said as what to do. */
static void
explain_wrong_passphrase (GError **error)
{
  if (error == NULL || !g_error_matches (*error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION))
    return;
  g_clear_error (error);
  g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                       _("Wrong passphrase or damaged file: type the passphrase again. If it is right, "
                         "the key file is damaged."));
}

/* The key, opened with the passphrase, which is wiped at once. */
static AssayKeyFile *
open_key (CosignData  *data,
          GError     **error)
{
  AssayKeyFile *key = assay_key_file_open (data->key_path, data->passphrase, data->passphrase_len, error);

  sodium_memzero (data->passphrase, data->passphrase_len);
  if (key == NULL)
    explain_wrong_passphrase (error);
  return key;
}

/* Co-signing and opposing run alike: @data in a worker thread, the
 * outcome a boolean. */
static void
run_job (CosignData          *data,
         gpointer             source_tag,
         GTaskThreadFunc      thread,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) cosign_data_free);
  g_task_run_in_thread (task, thread);
}

static void
return_outcome (GTask  *task,
                GError *error)
{
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
cosign_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CosignData *data = task_data;
  g_autoptr(AssayKeyFile) key = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  GError *error = NULL;

  key = open_key (data, &error);
  if (key != NULL &&
      (replica = assay_replica_open (data->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error)) != NULL)
    assay_proposal_cosign (replica, data->proposal, key, data->author_name,
                           g_get_real_time () / G_USEC_PER_SEC, &error);
  return_outcome (task, error);
}

void
assay_proposal_job_cosign_async (const char          *replica_path,
                                 const AssayProposal *proposal,
                                 const char          *key_path,
                                 const char          *passphrase,
                                 gsize                passphrase_len,
                                 const char          *author_name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CosignData *data;

  g_return_if_fail (replica_path != NULL && proposal != NULL && key_path != NULL && passphrase != NULL);

  data = cosign_data_new (replica_path, proposal, key_path, passphrase, passphrase_len);
  data->author_name = g_strdup (author_name);
  run_job (data, assay_proposal_job_cosign_async, cosign_thread, cancellable, callback, user_data);
}

gboolean
assay_proposal_job_cosign_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- opposing -------------------------------------------------------------------- */

/* Signed and queued in the outbox in one transaction; the caller pushes,
 * as after co-signing, so that an objection made offline is sent later. */
static void
oppose_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CosignData *data = task_data;
  g_autoptr(AssayKeyFile) key = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayRosterChain) chain = NULL;
  GError *error = NULL;

  key = open_key (data, &error);
  if (key != NULL &&
      (replica = assay_replica_open (data->replica_path, ASSAY_REPLICA_OPEN_DEFAULT, &error)) != NULL &&
      (chain = assay_decision_log_load_chain (replica, &error)) != NULL)
    assay_proposal_oppose (replica, data->proposal, chain, key, data->rationale, data->author_name,
                           g_get_real_time () / G_USEC_PER_SEC, NULL, &error);
  return_outcome (task, error);
}

void
assay_proposal_job_oppose_async (const char          *replica_path,
                                 const AssayProposal *proposal,
                                 const char          *key_path,
                                 const char          *passphrase,
                                 gsize                passphrase_len,
                                 const char          *rationale,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CosignData *data;

  g_return_if_fail (replica_path != NULL && proposal != NULL && key_path != NULL && passphrase != NULL);
  g_return_if_fail (rationale != NULL);

  data = cosign_data_new (replica_path, proposal, key_path, passphrase, passphrase_len);
  data->rationale = g_strdup (rationale);
  data->author_name = g_strdup (g_get_user_name ());
  run_job (data, assay_proposal_job_oppose_async, oppose_thread, cancellable, callback, user_data);
}

gboolean
assay_proposal_job_oppose_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

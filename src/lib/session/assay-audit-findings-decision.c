/* assay-audit-findings-decision.c — a sample’s findings as one signed `audit_findings` decision
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
#include <sodium.h>
#include <string.h>

#include "assay-audit-findings-decision.h"
#include "assay-audit-sample-job.h"
#include "assay-error.h"
#include "assay-key-file.h"
#include "assay-secret.h"

char *
assay_audit_findings_subject (const AssayAuditSample *sample)
{
  g_return_val_if_fail (sample != NULL, NULL);

  return g_strdup_printf ("%d/%s/%" PRIu64 "/%s", sample->year, sample->province,
                          sample->checkpoint_size, sample->rate);
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const AssayAuditFindingRow *x = *(AssayAuditFindingRow * const *) a;
  const AssayAuditFindingRow *y = *(AssayAuditFindingRow * const *) b;

  return (x->leaf_index > y->leaf_index) - (x->leaf_index < y->leaf_index);
}

JsonObject *
assay_audit_findings_params (const AssayAuditSample *sample,
                             GPtrArray              *findings,
                             GArray                 *out_indices)
{
  JsonObject *params = json_object_new ();
  JsonArray *listed = json_array_new ();
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *seed = NULL;
  g_autofree char *digest = NULL;
  gint64 n_correct = 0, n_error = 0, n_fraud = 0;

  g_return_val_if_fail (sample != NULL && findings != NULL && out_indices != NULL, NULL);

  g_ptr_array_sort (findings, compare_findings);
  for (guint i = 0; i < findings->len; i++)
    {
      const AssayAuditFindingRow *f = g_ptr_array_index (findings, i);
      JsonObject *o;

      g_string_append_printf (lines, "%" PRIu64 " %s\n", f->leaf_index, f->finding);
      if (g_str_equal (f->finding, "correct"))
        {
          n_correct++;
          continue;
        }
      n_error += g_str_equal (f->finding, "error");
      n_fraud += g_str_equal (f->finding, "fraud");
      o = json_object_new ();
      json_object_set_int_member (o, "index", f->leaf_index);
      json_object_set_string_member (o, "finding", f->finding);
      json_object_set_string_member (o, "note", f->note);
      json_array_add_object_element (listed, o);
      g_array_append_val (out_indices, f->leaf_index);
    }
  seed = assay_audit_sample_seed_hex (sample);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, lines->str, lines->len);
  json_object_set_int_member (params, "year", sample->year);
  json_object_set_string_member (params, "province", sample->province);
  json_object_set_int_member (params, "checkpoint_size", sample->checkpoint_size);
  json_object_set_string_member (params, "rate", sample->rate);
  json_object_set_string_member (params, "seed", seed);
  json_object_set_int_member (params, "population", sample->population);
  json_object_set_int_member (params, "sample_size", sample->indices->len);
  json_object_set_int_member (params, "reviewed", findings->len);
  json_object_set_int_member (params, "correct", n_correct);
  json_object_set_int_member (params, "error", n_error);
  json_object_set_int_member (params, "fraud", n_fraud);
  json_object_set_string_member (params, "findings_sha256", digest);
  json_object_set_array_member (params, "findings", listed);
  return params;
}

static GPtrArray *
sample_findings (AssayReplica           *replica,
                 const AssayAuditSample *sample,
                 GError                **error)
{
  g_autoptr(GPtrArray) all = assay_replica_audit_findings (replica, sample->year, error);
  GPtrArray *mine;

  if (all == NULL)
    return NULL;
  mine = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_audit_finding_row_free);
  for (guint i = 0; i < all->len; i++)
    if (assay_audit_sample_owns_finding (sample, g_ptr_array_index (all, i)))
      g_ptr_array_add (mine, g_ptr_array_steal_index (all, i--));
  return mine;
}

AssayDecision *
assay_audit_findings_draft (AssayReplica           *replica,
                            const AssayAuditSample *sample,
                            const char             *rationale,
                            const char             *author,
                            gint64                  now,
                            GError                **error)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(JsonObject) params = NULL;
  g_autofree char *subject = NULL;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (sample != NULL && author != NULL, NULL);

  if ((findings = sample_findings (replica, sample, error)) == NULL)
    return NULL;
  if (findings->len == 0)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                           _("The sample has no findings yet: record what you found first."));
      return NULL;
    }
  params = assay_audit_findings_params (sample, findings, indices);
  subject = assay_audit_findings_subject (sample);
  return assay_decision_draft_for_audit (replica, subject, params, (const guint64 *) indices->data,
                                         indices->len, sample->checkpoint_size, sample->root,
                                         rationale, author, now, error);
}

/* ---- signing -------------------------------------------------------------------- */

typedef struct
{
  char             *replica_path;
  AssayAuditSample *sample;
  char             *rationale;
  char             *key_path;
  char             *passphrase;
  gsize             passphrase_len;
  GBytes           *expected;
  char             *decision_id;
  gint64            created_at;
} SignData;

static void
sign_data_free (SignData *data)
{
  g_free (data->replica_path);
  assay_audit_sample_free (data->sample);
  g_free (data->rationale);
  g_free (data->key_path);
  if (data->passphrase != NULL)
    sodium_free (data->passphrase);   /* wipes it */
  g_bytes_unref (data->expected);
  g_free (data->decision_id);
  g_free (data);
}

/* The decision again, exactly as shown: the same id and time, and the
 * same bytes, or the auditor signs what they did not see. */
static AssayDecision *
redraft (AssayReplica  *replica,
         SignData      *data,
         const char    *author,
         GError       **error)
{
  g_autoptr(AssayDecision) d = assay_audit_findings_draft (replica, data->sample, data->rationale, author,
                                                           data->created_at, error);
  g_autoptr(GBytes) payload = NULL;

  if (d == NULL)
    return NULL;
  d->decision_id = g_strdup (data->decision_id);
  if ((payload = assay_decision_to_payload (d, error)) == NULL)
    return NULL;
  if (!g_bytes_equal (payload, data->expected))
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS,
                           _("The findings or the replica changed while the dialog was open: the decision has "
                             "been drafted again. Check it, then sign."));
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
assay_audit_findings_sign_async (const char             *replica_path,
                                 const AssayAuditSample *sample,
                                 const char             *rationale,
                                 const char             *key_path,
                                 const char             *passphrase,
                                 gsize                   passphrase_len,
                                 GBytes                 *expected,
                                 const char             *decision_id,
                                 gint64                  created_at,
                                 GCancellable           *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SignData *data = g_new0 (SignData, 1);

  g_return_if_fail (replica_path != NULL && sample != NULL && key_path != NULL);
  g_return_if_fail (expected != NULL && decision_id != NULL);

  data->replica_path = g_strdup (replica_path);
  data->sample = assay_audit_sample_copy (sample);
  data->rationale = g_strdup (rationale);
  data->key_path = g_strdup (key_path);
  data->passphrase = assay_secret_dup (passphrase, passphrase_len);
  data->passphrase_len = passphrase_len;
  data->expected = g_bytes_ref (expected);
  data->decision_id = g_strdup (decision_id);
  data->created_at = created_at;
  g_task_set_task_data (task, data, (GDestroyNotify) sign_data_free);
  g_task_run_in_thread (task, sign_thread);
}

char *
assay_audit_findings_sign_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

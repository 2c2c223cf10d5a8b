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
#include <string.h>

#include "assay-audit-findings-decision.h"
#include "assay-audit-sample-job.h"
#include "assay-error.h"
#include "assay-redraft-sign.h"

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

/* What the findings were drafted from. */
typedef struct
{
  AssayAuditSample *sample;
  char             *rationale;
} Findings;

static void
findings_free (gpointer data)
{
  Findings *f = data;

  assay_audit_sample_free (f->sample);
  g_free (f->rationale);
  g_free (f);
}

static AssayDecision *
draft_findings (AssayReplica  *replica,
                const char    *author,
                gint64         created_at,
                gpointer       data,
                GError       **error)
{
  Findings *f = data;

  return assay_audit_findings_draft (replica, f->sample, f->rationale, author, created_at, error);
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
  Findings *f;

  g_return_if_fail (sample != NULL);

  f = g_new0 (Findings, 1);
  f->sample = assay_audit_sample_copy (sample);
  f->rationale = g_strdup (rationale);
  assay_redraft_sign_async (replica_path, key_path, passphrase, passphrase_len, expected, decision_id, created_at,
                            draft_findings, f, findings_free,
                            _("The findings or the replica changed while the dialog was open: the decision has "
                              "been drafted again. Check it, then sign."),
                            cancellable, callback, user_data);
}

char *
assay_audit_findings_sign_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return assay_redraft_sign_finish (result, error);
}

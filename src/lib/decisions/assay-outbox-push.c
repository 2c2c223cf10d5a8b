/* assay-outbox-push.c — pushing the outbox's signed decisions to the central service
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
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "assay-decision.h"
#include "assay-entry.h"
#include "assay-error.h"
#include "assay-outbox-push.h"
#include "assay-tlog-proof.h"

#define PUSH_TIMEOUT 30
#define MAX_ANSWER   (256 * 1024)

gint64
assay_push_backoff (guint  attempts,
                    double jitter)
{
  double wait = ASSAY_PUSH_FIRST_RETRY;

  for (guint i = 0; i < attempts && wait < ASSAY_PUSH_MAX_RETRY; i++)
    wait *= 2;
  wait = MIN (wait, ASSAY_PUSH_MAX_RETRY);
  return (gint64) (wait * (0.5 + CLAMP (jitter, 0, 1)));
}

/* ---- the receipt ------------------------------------------------------------------ */

/* The receipt proves this envelope's entry: its extra data is salt ‖ body,
 * the body a decision whose payload hashes to `hash`, and the proof and
 * checkpoint verify for that leaf under the log key. */
static gboolean
verify_receipt (const char         *receipt,
                const char         *hash,
                AssayNoteVerifier  *log_key,
                guint64            *out_index,
                GError            **error)
{
  g_autoptr(AssayTlogProof) proof = assay_tlog_proof_parse (receipt, strlen (receipt), error);
  g_autoptr(AssayEntry) entry = NULL;
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autofree char *payload_hash = NULL;
  const guint8 *extra;
  gsize len;
  guint8 commitment[ASSAY_HASH_SIZE], leaf[ASSAY_HASH_SIZE];

  if (proof == NULL)
    return FALSE;
  extra = proof->extra != NULL ? g_bytes_get_data (proof->extra, &len) : NULL;
  if (extra == NULL || len <= ASSAY_SALT_SIZE)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                           _("the receipt does not carry the logged entry."));
      return FALSE;
    }
  entry = assay_entry_parse ((const char *) extra + ASSAY_SALT_SIZE, len - ASSAY_SALT_SIZE, error);
  if (entry == NULL)
    return FALSE;
  if (entry->kind != ASSAY_ENTRY_DECISION ||
      (envelope = assay_dsse_envelope_new_from_json (entry->envelope, -1, NULL)) == NULL ||
      g_strcmp0 (payload_hash = assay_decision_hash (envelope->payload), hash) != 0)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                           _("the receipt proves another entry than this decision."));
      return FALSE;
    }
  assay_entry_commitment (extra, (const char *) extra + ASSAY_SALT_SIZE, len - ASSAY_SALT_SIZE, commitment);
  assay_merkle_leaf_hash (commitment, sizeof commitment, leaf);
  if (!assay_tlog_proof_verify (proof, log_key, leaf, error))
    return FALSE;
  *out_index = proof->index;
  return TRUE;
}

/* ---- one push --------------------------------------------------------------------- */

static JsonObject *
parse_answer (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &len) : NULL;

  if (data == NULL || !json_parser_load_from_data (parser, data, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
retry_later (AssayReplica          *replica,
             const AssayOutboxRow  *row,
             const char            *answer,
             gint64                 now,
             AssayPushReport       *report,
             GError               **error)
{
  report->n_retry++;
  return assay_replica_outbox_record (replica, row->id, ASSAY_OUTBOX_QUEUED, answer, NULL, -1,
                                      now + assay_push_backoff (row->attempts, g_random_double ()), now, error);
}

static gboolean
record_logged (AssayReplica          *replica,
               const AssayOutboxRow  *row,
               JsonObject            *answer,
               AssayNoteVerifier     *log_key,
               gint64                 now,
               AssayPushReport       *report,
               GError               **error)
{
  const char *receipt = json_object_get_string_member_with_default (answer, "receipt", NULL);
  g_autoptr(GError) bad = NULL;
  g_autofree char *why = NULL;
  guint64 index = 0;

  if (receipt != NULL && verify_receipt (receipt, row->hash, log_key, &index, &bad))
    {
      report->n_logged++;
      return assay_replica_outbox_record (replica, row->id, ASSAY_OUTBOX_LOGGED, _("logged"), receipt, index,
                                          0, now, error);
    }
  report->n_bad_receipt++;
  why = g_strdup_printf (_("The service said logged, but its receipt does not verify: %s"),
                         bad != NULL ? bad->message : _("there is no receipt."));
  return assay_replica_outbox_record (replica, row->id, ASSAY_OUTBOX_QUEUED, why, NULL, -1,
                                      now + assay_push_backoff (row->attempts, g_random_double ()), now, error);
}

static gboolean
record_pending (AssayReplica          *replica,
                const AssayOutboxRow  *row,
                JsonObject            *answer,
                gint64                 now,
                AssayPushReport       *report,
                GError               **error)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("Accepted; signed by %d of %d, waiting for the others."),
                          (int) json_object_get_int_member_with_default (answer, "signed", 0),
                          (int) json_object_get_int_member_with_default (answer, "threshold", 0));
  report->n_pending++;
  return assay_replica_outbox_record (replica, row->id, ASSAY_OUTBOX_PENDING, text, NULL, -1,
                                      now + ASSAY_PUSH_FIRST_RETRY, now, error);
}

/* An objection the service kept: final, and no receipt, since objections
 * are not log entries (README, "Opposing"). */
static gboolean
record_recorded (AssayReplica          *replica,
                 const AssayOutboxRow  *row,
                 gint64                 now,
                 AssayPushReport       *report,
                 GError               **error)
{
  report->n_recorded++;
  return assay_replica_outbox_record (replica, row->id, ASSAY_OUTBOX_RECORDED, _("recorded"), NULL, -1, 0, now,
                                      error);
}

static gboolean
is_objection (const AssayOutboxRow *row)
{
  return g_strcmp0 (row->kind, ASSAY_OUTBOX_KIND_OBJECTION) == 0;
}

/* Where a row goes: a decision to /decisions, an objection to the
 * proposal it opposes, named by its subject "proposal:<hash>". */
static char *
row_url (const char           *server_url,
         const AssayOutboxRow *row)
{
  const char *slash = g_str_has_suffix (server_url, "/") ? "" : "/";

  if (is_objection (row) && g_str_has_prefix (row->subject, "proposal:"))
    return g_strconcat (server_url, slash, "proposals/", row->subject + strlen ("proposal:"), "/objections", NULL);
  return g_strconcat (server_url, slash, "decisions", NULL);
}

/* 4xx but 408 and 429: the service has judged, and that is final. */
static gboolean
record_refused (AssayReplica          *replica,
                const AssayOutboxRow  *row,
                guint                  status,
                const char            *reason,
                gint64                 now,
                AssayPushReport       *report,
                GError               **error)
{
  g_autofree char *text = g_strdup_printf ("%u %s", status, reason != NULL ? reason : soup_status_get_phrase (status));

  report->n_refused++;
  return assay_replica_outbox_record (replica, row->id, ASSAY_OUTBOX_REFUSED, text, NULL, -1, 0, now, error);
}

static gboolean
push_one (AssayReplica          *replica,
          SoupSession           *session,
          const char            *server_url,
          const AssayOutboxRow  *row,
          AssayNoteVerifier     *log_key,
          gint64                 now,
          AssayPushReport       *report,
          GError               **error)
{
  g_autofree char *url = row_url (server_url, row);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new (row->envelope, strlen (row->envelope));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) net_error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *text = NULL;
  const char *reason;
  guint status;

  report->n_tried++;
  if (msg == NULL)
    return retry_later (replica, row, url, now, report, error);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  body = soup_session_send_and_read (session, msg, NULL, &net_error);
  if (body == NULL)
    return retry_later (replica, row, net_error->message, now, report, error);
  status = soup_message_get_status (msg);
  answer = parse_answer (body);
  reason = answer != NULL ? json_object_get_string_member_with_default (answer, "error", NULL) : NULL;
  if (status == SOUP_STATUS_OK && answer != NULL && is_objection (row))
    return record_recorded (replica, row, now, report, error);
  if (status == SOUP_STATUS_OK && answer != NULL)
    return record_logged (replica, row, answer, log_key, now, report, error);
  if (status == SOUP_STATUS_ACCEPTED && answer != NULL && !is_objection (row))
    return record_pending (replica, row, answer, now, report, error);
  if (status >= 400 && status < 500 && status != 408 && status != 429)
    return record_refused (replica, row, status, reason, now, report, error);
  text = g_strdup_printf ("%u %s", status, reason != NULL ? reason : soup_status_get_phrase (status));
  return retry_later (replica, row, text, now, report, error);
}

gboolean
assay_outbox_push (AssayReplica      *replica,
                   const char        *server_url,
                   AssayNoteVerifier *log_key,
                   gint64             now,
                   AssayPushReport   *report,
                   GError           **error)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", PUSH_TIMEOUT, NULL);
  g_autoptr(GPtrArray) due = NULL;
  AssayPushReport counts = { 0 };

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (server_url != NULL && log_key != NULL, FALSE);

  if ((due = assay_replica_outbox_due (replica, now, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < due->len; i++)
    if (!push_one (replica, session, server_url, g_ptr_array_index (due, i), log_key, now, &counts, error))
      return FALSE;
  if (report != NULL)
    *report = counts;
  return TRUE;
}

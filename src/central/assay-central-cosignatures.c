/* assay-central-cosignatures.c — POST /proposals/<hash>/signatures and GET /proposals
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
#include <json-glib/json-glib.h>
#include <string.h>

#include "assay-central-decisions-private.h"
#include "assay-central-history.h"
#include "assay-central-proposals.h"
#include "assay-error.h"
#include "assay-note.h"

/* {"keyid": …, "sig": …}, the signature added to the proposal's envelope. */
static gboolean
add_signature (AssayDsseEnvelope  *env,
               const char         *body,
               gsize               len,
               GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) sig = NULL;
  AssayDsseSignature *signature;
  JsonObject *object;
  const char *keyid, *sig_b64;

  if (!json_parser_load_from_data (parser, body, len, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
      || (object = json_node_get_object (json_parser_get_root (parser)),
          json_object_get_size (object) != 2)
      || (keyid = json_object_get_string_member_with_default (object, "keyid", NULL)) == NULL
      || (sig_b64 = json_object_get_string_member_with_default (object, "sig", NULL)) == NULL
      || (sig = assay_base64_decode_strict (sig_b64, strlen (sig_b64))) == NULL
      || g_bytes_get_size (sig) != ASSAY_KEY_SIGNATURE_SIZE)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                           _("a co-signature is a JSON object {\"keyid\": …, \"sig\": …} with the key id"
                             " and the base64 of a 64-byte Ed25519 signature"));
      return FALSE;
    }
  signature = g_new0 (AssayDsseSignature, 1);
  signature->keyid = g_strdup (keyid);
  signature->sig = g_steal_pointer (&sig);
  g_ptr_array_add (env->signatures, signature);
  return TRUE;
}

/* The new signature must be by a key of the current roster and verify over
 * the proposal's payload: no padding on this path. */
static gboolean
check_cosignature (AssayCentralDesk   *desk,
                   AssayDsseEnvelope  *env,
                   GError            **error)
{
  AssayRoster *roster = assay_roster_chain_get_current (assay_central_history_get_chain (desk->history));
  AssayDsseSignature *sig = g_ptr_array_index (env->signatures, env->signatures->len - 1);
  const AssayRosterKey *key = roster != NULL ? assay_roster_lookup_key (roster, sig->keyid) : NULL;

  if (key == NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                   _("key %s is not a key of the current roster"), sig->keyid);
      return FALSE;
    }
  if (assay_dsse_envelope_verify (env, env->signatures->len - 1, key->pub, NULL))
    return TRUE;
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
               _("the signature by %s (key %s) does not verify over this proposal’s payload"),
               key->holder, key->keyid);
  return FALSE;
}

AssayCentralAnswer *
assay_central_desk_cosign (AssayCentralDesk *desk,
                           const char       *hash,
                           const char       *body,
                           gsize             len)
{
  g_autoptr(AssayCentralStore) store = NULL;
  g_autoptr(AssayCentralProposal) proposal = NULL;
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 index;

  g_return_val_if_fail (desk != NULL, NULL);
  if ((store = _assay_central_desk_open_store (desk, &error)) == NULL)
    return _assay_central_answer_error (error);
  if ((index = assay_central_history_find (desk->history, hash)) >= 0)
    return _assay_central_answer_logged (store, index, hash);
  proposal = assay_central_proposals_get (store, hash, &error);
  if (proposal == NULL)
    return error != NULL ? _assay_central_answer_error (error)
                         : _assay_central_answer_refused (404, _("No decision with this hash is waiting for signatures"));
  if ((env = assay_dsse_envelope_new_from_json (proposal->envelope, -1, &error)) == NULL
      || !add_signature (env, body, len, &error)
      || !check_cosignature (desk, env, &error))
    return _assay_central_answer_error (error);
  if (env->signatures->len > ASSAY_DSSE_MAX_SIGNATURES)
    return _assay_central_answer_refused (413, _("the proposal already carries the most signatures an envelope may have"));
  text = assay_dsse_envelope_to_json (env);
  return _assay_central_desk_submit (desk, store, env, text);
}

AssayCentralAnswer *
assay_central_desk_list (AssayCentralDesk *desk)
{
  g_autoptr(AssayCentralStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (desk != NULL, NULL);
  if ((store = assay_central_store_open (desk->dir, ASSAY_CENTRAL_OPEN_READ_ONLY, &error)) == NULL
      || (list = assay_central_proposals_list (store, g_get_real_time () / G_USEC_PER_SEC, &error)) == NULL)
    return _assay_central_answer_error (error);
  /* Dissent is listed with what it opposes, so that nobody signs unaware. */
  for (guint i = 0; i < list->len; i++)
    {
      AssayCentralProposal *p = g_ptr_array_index (list, i);

      if ((p->objections = assay_central_objections_list (store, p->hash, &error)) == NULL)
        return _assay_central_answer_error (error);
    }
  return _assay_central_answer_proposals (list);
}

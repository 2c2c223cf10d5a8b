/* assay-proposals.c — colleagues' decisions waiting for more signatures
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

#include "assay-enum.h"
#include "assay-error.h"
#include "assay-decision-verify.h"
#include "assay-dsse.h"
#include "assay-proposals.h"
#include "assay-replica-cases.h"
#include "assay-replica-outbox.h"

#define FETCH_TIMEOUT 30

static void
objection_free (AssayProposalObjection *objection)
{
  g_free (objection->holder);
  g_free (objection->rationale);
  g_free (objection->envelope);
  g_free (objection->problem);
  g_free (objection);
}

static AssayProposalObjection *
objection_copy (const AssayProposalObjection *objection)
{
  AssayProposalObjection *copy = g_new0 (AssayProposalObjection, 1);

  copy->holder = g_strdup (objection->holder);
  copy->rationale = g_strdup (objection->rationale);
  copy->envelope = g_strdup (objection->envelope);
  copy->problem = g_strdup (objection->problem);
  return copy;
}

void
assay_proposal_free (AssayProposal *proposal)
{
  if (proposal == NULL)
    return;
  g_free (proposal->hash);
  g_strfreev (proposal->holders);
  g_free (proposal->envelope);
  g_free (proposal->problem);
  g_clear_pointer (&proposal->objections, g_ptr_array_unref);
  g_free (proposal);
}

AssayProposal *
assay_proposal_copy (const AssayProposal *proposal)
{
  AssayProposal *copy;

  g_return_val_if_fail (proposal != NULL, NULL);

  copy = g_new0 (AssayProposal, 1);
  copy->hash = g_strdup (proposal->hash);
  copy->n_signed = proposal->n_signed;
  copy->threshold = proposal->threshold;
  copy->holders = g_strdupv (proposal->holders);
  copy->envelope = g_strdup (proposal->envelope);
  copy->problem = g_strdup (proposal->problem);
  copy->objections = g_ptr_array_new_with_free_func ((GDestroyNotify) objection_free);
  for (guint i = 0; proposal->objections != NULL && i < proposal->objections->len; i++)
    g_ptr_array_add (copy->objections, objection_copy (g_ptr_array_index (proposal->objections, i)));
  return copy;
}

static AssayDsseEnvelope *proposal_envelope (const AssayProposal  *proposal,
                                             GError              **error);

/* Each objection against the proposal's own payload: the holder and the
 * rationale shown are the signed ones, never the service's word. */
static void
verify_objection (AssayProposalObjection *objection,
                  const AssayProposal    *proposal,
                  const AssayDecision    *d,
                  AssayRosterChain       *chain,
                  gint64                  now)
{
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autoptr(AssayObjectionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AssayRoster *current = assay_roster_chain_get_current (chain);

  g_clear_pointer (&objection->problem, g_free);
  if (objection->envelope != NULL
      && (envelope = assay_dsse_envelope_new_from_json (objection->envelope, -1, &error)) != NULL
      && assay_objection_verify (envelope, chain, current->deployment, proposal->hash, d, now, &result, &error))
    {
      g_free (objection->holder);
      objection->holder = g_strdup (result->holder);
      g_free (objection->rationale);
      objection->rationale = g_strdup (result->objection->rationale);
      return;
    }
  objection->problem = g_strdup (error != NULL ? error->message : _("the service sent no envelope"));
}

static void
verify_objections (AssayProposal    *proposal,
                   AssayRosterChain *chain,
                   gint64            now)
{
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autoptr(AssayDecision) d = NULL;

  if (proposal->objections == NULL || proposal->objections->len == 0)
    return;
  if (proposal->problem == NULL)
    {
      envelope = proposal_envelope (proposal, NULL);
      d = envelope != NULL ? assay_decision_new_from_envelope (envelope, NULL) : NULL;
    }
  for (guint i = 0; i < proposal->objections->len; i++)
    {
      AssayProposalObjection *objection = g_ptr_array_index (proposal->objections, i);

      if (d != NULL)
        verify_objection (objection, proposal, d, chain, now);
      else
        {
          g_free (objection->problem);
          objection->problem = g_strdup (_("the proposal it opposes does not verify"));
        }
    }
}

GStrv
assay_proposal_dup_objectors (const AssayProposal *proposal,
                              guint               *n_unverified)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  guint unverified = 0;

  g_return_val_if_fail (proposal != NULL, NULL);

  for (guint i = 0; proposal->objections != NULL && i < proposal->objections->len; i++)
    {
      AssayProposalObjection *objection = g_ptr_array_index (proposal->objections, i);

      if (objection->problem != NULL)
        unverified++;
      else
        g_strv_builder_add (names, objection->holder);
    }
  if (n_unverified != NULL)
    *n_unverified = unverified;
  return g_strv_builder_end (names);
}

gboolean
assay_proposal_verify (AssayProposal    *proposal,
                       AssayRosterChain *chain,
                       gint64            now)
{
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autoptr(AssayDecisionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AssayRoster *current = chain != NULL ? assay_roster_chain_get_current (chain) : NULL;

  g_return_val_if_fail (proposal != NULL, FALSE);

  g_clear_pointer (&proposal->problem, g_free);
  if (current == NULL)
    g_set_error_literal (&error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                         _("this replica holds no roster to check its signatures against"));
  else if ((envelope = assay_dsse_envelope_new_from_json (proposal->envelope, -1, &error)) != NULL)
    assay_decision_verify (envelope, chain, current->deployment, now, &result, &error);
  g_strfreev (proposal->holders);
  if (result == NULL)
    {
      proposal->holders = g_new0 (char *, 1);
      proposal->n_signed = 0;
      proposal->problem = g_strdup (error->message);
      verify_objections (proposal, chain, now);
      return FALSE;
    }
  g_ptr_array_add (result->holders, NULL);
  proposal->holders = g_strdupv ((char **) result->holders->pdata);
  g_ptr_array_remove_index (result->holders, result->holders->len - 1);
  proposal->n_signed = g_strv_length (proposal->holders);
  proposal->threshold = result->threshold;
  verify_objections (proposal, chain, now);
  return TRUE;
}

static GBytes *
get (const char  *url,
     GError     **error)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", FETCH_TIMEOUT, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) local = NULL;
  GBytes *body;

  if (msg == NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT, _("“%s” is not a URL."), url);
      return NULL;
    }
  body = soup_session_send_and_read (session, msg, NULL, &local);
  if (body == NULL || soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NETWORK, _("Could not read the proposals from %s: %s"), url,
                   local != NULL ? local->message : soup_status_get_phrase (soup_message_get_status (msg)));
      g_clear_pointer (&body, g_bytes_unref);
    }
  return body;
}

static GPtrArray *
objections_from_json (JsonArray *list)
{
  GPtrArray *objections = g_ptr_array_new_with_free_func ((GDestroyNotify) objection_free);

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *envelope = o != NULL ? json_object_get_member (o, "envelope") : NULL;
      AssayProposalObjection *objection;

      if (o == NULL)
        continue;
      objection = g_new0 (AssayProposalObjection, 1);
      objection->holder = g_strdup (json_object_get_string_member_with_default (o, "holder", ""));
      objection->rationale = g_strdup (json_object_get_string_member_with_default (o, "rationale", ""));
      objection->envelope = envelope != NULL && JSON_NODE_HOLDS_OBJECT (envelope)
                            ? json_to_string (envelope, FALSE) : NULL;
      g_ptr_array_add (objections, objection);
    }
  return objections;
}

static AssayProposal *
proposal_from_json (JsonObject *o)
{
  AssayProposal *p = g_new0 (AssayProposal, 1);
  JsonArray *holders = json_object_get_array_member (o, "holders");
  JsonNode *objections = json_object_get_member (o, "objections");
  JsonNode *envelope = json_object_get_member (o, "envelope");
  GStrvBuilder *names = g_strv_builder_new ();

  p->hash = g_strdup (json_object_get_string_member_with_default (o, "hash", ""));
  p->n_signed = json_object_get_int_member_with_default (o, "signed", 0);
  p->threshold = json_object_get_int_member_with_default (o, "threshold", 0);
  for (guint i = 0; holders != NULL && i < json_array_get_length (holders); i++)
    g_strv_builder_add (names, json_array_get_string_element (holders, i));
  p->holders = g_strv_builder_end (names);
  g_strv_builder_unref (names);
  p->envelope = envelope != NULL && JSON_NODE_HOLDS_OBJECT (envelope) ? json_to_string (envelope, FALSE) : NULL;
  p->objections = objections_from_json (objections != NULL && JSON_NODE_HOLDS_ARRAY (objections)
                                        ? json_node_get_array (objections) : NULL);
  return p;
}

GPtrArray *
assay_proposals_fetch (const char  *server_url,
                       GError     **error)
{
  g_autofree char *url = g_strconcat (server_url, g_str_has_suffix (server_url, "/") ? "" : "/", "proposals", NULL);
  g_autoptr(GBytes) body = get (url, error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) proposals = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_proposal_free);
  JsonArray *list = NULL;
  JsonNode *root;

  if (body == NULL)
    return NULL;
  if (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) &&
      JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)))
    list = json_object_get_array_member (json_node_get_object (root), "proposals");
  if (list == NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The service’s list of proposals is not the documented JSON."));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (proposals, proposal_from_json (json_node_get_object (node)));
    }
  return g_steal_pointer (&proposals);
}

static AssayDsseEnvelope *
proposal_envelope (const AssayProposal  *proposal,
                   GError              **error)
{
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autofree char *hash = NULL;

  if (proposal->envelope == NULL ||
      (envelope = assay_dsse_envelope_new_from_json (proposal->envelope, -1, error)) == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA, _("The proposal carries no envelope."));
      return NULL;
    }
  hash = assay_decision_hash (envelope->payload);
  if (g_strcmp0 (hash, proposal->hash) != 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                   _("The proposal’s payload does not hash to %s: the service sent other bytes than it names."),
                   proposal->hash);
      return NULL;
    }
  return g_steal_pointer (&envelope);
}

AssayDecision *
assay_proposal_get_decision (const AssayProposal  *proposal,
                             GError              **error)
{
  g_autoptr(AssayDsseEnvelope) envelope = proposal_envelope (proposal, error);

  return envelope != NULL ? assay_decision_new_from_envelope (envelope, error) : NULL;
}

/* The local case on the decision's subject, or 0. */
static gint64
local_case (AssayReplica  *replica,
            AssayDecision *d)
{
  g_autoptr(GPtrArray) cases = assay_replica_list_cases (replica, NULL);
  const char *kind = assay_enum_get_nick (ASSAY_TYPE_SUBJECT_KIND, d->subject_kind);

  for (guint i = 0; cases != NULL && i < cases->len; i++)
    {
      AssayCase *c = g_ptr_array_index (cases, i);

      if (g_strcmp0 (c->subject_kind, kind) == 0 && g_strcmp0 (c->subject_id, d->subject_id) == 0)
        return c->id;
    }
  return 0;
}

gboolean
assay_proposal_cosign (AssayReplica        *replica,
                       const AssayProposal *proposal,
                       AssayKeyFile        *key,
                       const char          *author_name,
                       gint64               now,
                       GError             **error)
{
  g_autoptr(AssayDsseEnvelope) envelope = proposal_envelope (proposal, error);
  g_autoptr(AssayDecision) d = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *json = NULL;

  if (envelope == NULL || (d = assay_decision_new_from_envelope (envelope, error)) == NULL)
    return FALSE;
  assay_dsse_envelope_sign (envelope, key);
  json = assay_dsse_envelope_to_json (envelope);
  subject = g_strdup_printf ("%s:%s", assay_enum_get_nick (ASSAY_TYPE_SUBJECT_KIND, d->subject_kind), d->subject_id);
  return assay_replica_outbox_queue (replica, proposal->hash, assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, d->kind),
                                     subject, local_case (replica, d), json, author_name, now, NULL, error);
}

/* ---- opposing -------------------------------------------------------------------- */

/* The objection joins the outbox like a decision, so that one made while
 * the service is out of reach is not lost: the push sends it to
 * POST /proposals/<hash>/objections (assay_outbox_push ()). */
static gboolean
queue_objection (AssayReplica          *replica,
                 const AssayProposal   *proposal,
                 AssayObjectionResult  *result,
                 const char            *json,
                 const char            *author_name,
                 gint64                 now,
                 char                 **out_hash,
                 GError               **error)
{
  g_autofree char *subject = g_strconcat ("proposal:", proposal->hash, NULL);

  if (!assay_replica_outbox_queue (replica, result->sha256, ASSAY_OUTBOX_KIND_OBJECTION, subject, 0, json,
                                   author_name, now, NULL, error))
    return FALSE;
  if (out_hash != NULL)
    *out_hash = g_strdup (result->sha256);
  return TRUE;
}

gboolean
assay_proposal_oppose (AssayReplica        *replica,
                       const AssayProposal *proposal,
                       AssayRosterChain    *chain,
                       AssayKeyFile        *key,
                       const char          *rationale,
                       const char          *author_name,
                       gint64               now,
                       char               **out_hash,
                       GError             **error)
{
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autoptr(AssayDsseEnvelope) signed_envelope = NULL;
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(AssayObjection) objection = NULL;
  g_autoptr(AssayObjectionResult) result = NULL;
  g_autofree char *author = NULL;
  g_autofree char *json = NULL;
  AssayRoster *current;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (proposal != NULL && chain != NULL && key != NULL, FALSE);

  if ((current = assay_roster_chain_check_current (chain, now, error)) == NULL
      || (envelope = proposal_envelope (proposal, error)) == NULL
      || (d = assay_decision_new_from_envelope (envelope, error)) == NULL)
    return FALSE;
  author = assay_key_id (assay_key_file_get_public_key (key));
  if ((objection = assay_objection_new (d, proposal->hash, current, author, rationale, now, error)) == NULL
      || (json = assay_objection_sign (objection, key, error)) == NULL
      || (signed_envelope = assay_dsse_envelope_new_from_json (json, -1, error)) == NULL)
    return FALSE;
  /* What the service would refuse (a key without the role, another
   * roster) is said here, before anything is sent. */
  if (!assay_objection_verify (signed_envelope, chain, current->deployment, proposal->hash, d, now, &result, error))
    return FALSE;
  return queue_objection (replica, proposal, result, json, author_name, now, out_hash, error);
}

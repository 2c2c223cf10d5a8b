/* assay-central-dissent.c — POST and GET /proposals/<hash>/objections: dissent on record
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
#include "assay-central-objections.h"
#include "assay-central-proposals.h"
#include "assay-decision.h"
#include "assay-error.h"
#include "assay-objection.h"

/* An objection is a vote against; it does not stop the quorum (the
 * roster's threshold decides), it is kept so the dissent is not lost. */

static gboolean
holders_contain (const char *holders_json,
                 const char *holder)
{
  g_autoptr(JsonNode) node = json_from_string (holders_json, NULL);
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), holder) == 0)
      return TRUE;
  return FALSE;
}

/* The same bytes again, whatever happened to the proposal since. */
static AssayCentralObjection *
find_recorded (AssayCentralStore  *store,
               const char         *proposal,
               const char         *hash,
               GError            **error)
{
  g_autoptr(GPtrArray) list = assay_central_objections_list (store, proposal, error);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      AssayCentralObjection *o = g_ptr_array_index (list, i);

      if (strcmp (o->hash, hash) == 0)
        return g_ptr_array_steal_index (list, i);
    }
  return NULL;
}

static AssayObjectionResult *
verify (AssayCentralDesk      *desk,
        AssayCentralProposal  *proposal,
        AssayDsseEnvelope     *env,
        GError               **error)
{
  AssayRosterChain *chain = assay_central_history_get_chain (desk->history);
  const char *deployment = assay_central_history_get_deployment (desk->history);
  g_autoptr(AssayDsseEnvelope) proposed = NULL;
  g_autoptr(AssayDecision) d = NULL;
  AssayObjectionResult *result = NULL;

  if (deployment == NULL)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                           _("this service has no roster yet, so it accepts no objection"));
      return NULL;
    }
  if ((proposed = assay_dsse_envelope_new_from_json (proposal->envelope, -1, error)) == NULL
      || (d = assay_decision_new_from_envelope (proposed, error)) == NULL)
    return NULL;
  assay_objection_verify (env, chain, deployment, proposal->hash, d, g_get_real_time () / G_USEC_PER_SEC,
                          &result, error);
  return result;
}

/* One vote per holder: for, or against, once. */
static AssayCentralAnswer *
check_first_vote (AssayCentralStore     *store,
                  AssayCentralProposal  *proposal,
                  AssayObjectionResult  *result)
{
  g_autoptr(AssayCentralObjection) earlier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  if (holders_contain (proposal->holders, result->holder))
    reason = g_strdup_printf (_("%s already signed this proposal and cannot also object to it"),
                              result->holder);
  else if ((earlier = assay_central_objections_find (store, proposal->hash, result->holder, &error)) != NULL)
    reason = g_strdup_printf (_("%s already objected to this proposal (objection %s); one objection per"
                                " holder is kept"), result->holder, earlier->hash);
  else if (error != NULL)
    return _assay_central_answer_error (error);
  return reason != NULL ? _assay_central_answer_refused (409, reason) : NULL;
}

static AssayCentralAnswer *
record (AssayCentralStore     *store,
        AssayObjectionResult  *result,
        const char            *body,
        gsize                  len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *envelope = g_strndup (body, len);
  AssayCentralObjection o = {
    result->objection->proposal, result->sha256, result->holder, result->objection->rationale, envelope,
  };

  if (!assay_central_objections_prepare (store, &error)
      || !assay_central_objections_put (store, &o, &error))
    return _assay_central_answer_error (error);
  g_message ("Recorded an objection by %s to proposal %s", o.holder, o.proposal);
  return _assay_central_answer_recorded (&o);
}

AssayCentralAnswer *
assay_central_desk_oppose (AssayCentralDesk *desk,
                           const char       *hash,
                           const char       *body,
                           gsize             len)
{
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autoptr(AssayCentralStore) store = NULL;
  g_autoptr(AssayCentralProposal) proposal = NULL;
  g_autoptr(AssayCentralObjection) recorded = NULL;
  g_autoptr(AssayObjectionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *objection_hash = NULL;
  AssayCentralAnswer *answer;
  guint status;

  g_return_val_if_fail (desk != NULL && hash != NULL, NULL);
  if ((env = _assay_central_desk_parse_envelope (body, len, &status, &error)) == NULL)
    return _assay_central_answer_refused (status, error->message);
  if ((store = _assay_central_desk_open_store (desk, &error)) == NULL)
    return _assay_central_answer_error (error);
  objection_hash = assay_decision_hash (env->payload);
  if ((recorded = find_recorded (store, hash, objection_hash, &error)) != NULL)
    return _assay_central_answer_recorded (recorded);
  if (error != NULL)
    return _assay_central_answer_error (error);
  if (assay_central_history_find (desk->history, hash) >= 0)
    return _assay_central_answer_refused (409, _("this decision is already logged: it can no longer be opposed"
                                                 " (the objections made while it was pending are kept)"));
  if ((proposal = assay_central_proposals_get (store, hash, &error)) == NULL)
    return error != NULL ? _assay_central_answer_error (error)
                         : _assay_central_answer_refused (404, _("No decision with this hash is waiting for signatures"));
  if ((result = verify (desk, proposal, env, &error)) == NULL)
    return _assay_central_answer_error (error);
  if ((answer = check_first_vote (store, proposal, result)) != NULL)
    return answer;
  return record (store, result, body, len);
}

AssayCentralAnswer *
assay_central_desk_objections (AssayCentralDesk *desk,
                               const char       *hash)
{
  g_autoptr(AssayCentralStore) store = NULL;
  g_autoptr(AssayCentralProposal) pending = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (desk != NULL && hash != NULL, NULL);
  if ((store = assay_central_store_open (desk->dir, ASSAY_CENTRAL_OPEN_READ_ONLY, &error)) == NULL
      || (list = assay_central_objections_list (store, hash, &error)) == NULL)
    return _assay_central_answer_error (error);
  if (list->len == 0 && (pending = assay_central_proposals_get (store, hash, &error)) == NULL)
    return error != NULL ? _assay_central_answer_error (error)
                         : _assay_central_answer_refused (404, _("No proposal with this hash is waiting, and no"
                                                                 " objection to one is kept"));
  return _assay_central_answer_objections (hash, list);
}

gboolean
_assay_central_desk_check_objectors (AssayCentralStore  *store,
                                     const char         *hash,
                                     GPtrArray          *holders,
                                     GError            **error)
{
  g_autoptr(GPtrArray) list = assay_central_objections_list (store, hash, error);

  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      AssayCentralObjection *o = g_ptr_array_index (list, i);

      if (g_ptr_array_find_with_equal_func (holders, o->holder, g_str_equal, NULL))
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS,
                       _("%s objected to this proposal and cannot also sign it"), o->holder);
          return FALSE;
        }
    }
  return TRUE;
}

/* assay-central-answer.c — the JSON answers of the decision endpoints
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
#include <json-glib/json-glib.h>
#include <string.h>

#include "assay-central-decisions-private.h"
#include "assay-day.h"
#include "assay-error.h"

void
assay_central_answer_free (AssayCentralAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->body);
  g_free (answer);
}

static AssayCentralAnswer *
answer_new (guint       status,
            JsonBuilder *builder)
{
  AssayCentralAnswer *answer = g_new0 (AssayCentralAnswer, 1);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (gen, root);
  answer->status = status;
  answer->body = json_generator_to_data (gen, NULL);
  return answer;
}

static guint
status_for_error (const GError *error)
{
  if (error->domain != ASSAY_ERROR)
    return 500;
  switch (error->code)
    {
    case ASSAY_ERROR_INVALID_DATA:
    case ASSAY_ERROR_INVALID_ARGUMENT:
      return 400;
    case ASSAY_ERROR_VERIFICATION:
    case ASSAY_ERROR_SECURITY:
      return 403;
    case ASSAY_ERROR_NOT_FOUND:
      return 404;
    case ASSAY_ERROR_EXISTS:
      return 409;
    case ASSAY_ERROR_FAILED:
      return 503;   /* another writer kept the lock */
    default:
      return 500;
    }
}

/* {"error": "<a sentence>"}: the reasons of the decisions layer are
 * clauses ("the decision expired at …"), made a sentence here. */
AssayCentralAnswer *
_assay_central_answer_refused (guint       status,
                const char *reason)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *text = g_strdup (reason);
  g_autofree char *sentence = NULL;
  gsize len;

  g_strstrip (text);
  len = strlen (text);
  if (len > 0 && text[len - 1] == '.')
    text[len - 1] = '\0';
  if (g_ascii_islower (text[0]))
    text[0] = g_ascii_toupper (text[0]);
  sentence = g_strdup_printf ("%s.", text);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, sentence);
  json_builder_end_object (b);
  return answer_new (status, b);
}

AssayCentralAnswer *
_assay_central_answer_error (const GError *error)
{
  return _assay_central_answer_refused (status_for_error (error), error->message);
}

AssayCentralAnswer *
_assay_central_answer_logged (AssayCentralStore *store,
               guint64            index,
               const char        *hash)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *receipt = assay_central_store_receipt (store, index, &error);

  if (receipt == NULL)
    return _assay_central_answer_refused (500, error->message);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "logged");
  json_builder_set_member_name (b, "index");
  json_builder_add_int_value (b, index);
  json_builder_set_member_name (b, "hash");
  json_builder_add_string_value (b, hash);
  json_builder_set_member_name (b, "receipt");
  json_builder_add_string_value (b, receipt);
  json_builder_end_object (b);
  return answer_new (200, b);
}

void
_assay_central_answer_add_erasure (AssayCentralAnswer *answer,
                                   const char         *account,
                                   guint32             from_day,
                                   guint32             to_day,
                                   guint64             erased,
                                   guint64             pending)
{
  g_autoptr(JsonNode) root = json_from_string (answer->body, NULL);
  g_autofree char *from = assay_day_format (from_day);
  g_autofree char *to = assay_day_format (to_day);
  g_autofree char *sentence = NULL;
  JsonObject *obj;

  /* Only a logged answer (an object) says what its decision erased. */
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) || answer->status != 200)
    return;
  obj = json_node_get_object (root);
  if (erased + pending == 0)
    sentence = g_strdup_printf (_("No record of %s is dated %s to %s: nothing was erased."), account, from, to);
  else
    sentence = g_strdup_printf (_("Forgot the records of %s dated %s to %s: %" PRIu64 " logged ones erased (a "
                                  "tombstone names their leaf indices) and %" PRIu64 " waiting ones deleted."),
                                account, from, to, erased, pending);
  json_object_set_int_member (obj, "erased", erased);
  json_object_set_int_member (obj, "erased_pending", pending);
  json_object_set_string_member (obj, "erasure", sentence);
  g_free (answer->body);
  answer->body = json_to_string (root, FALSE);
}

static void
add_holders (JsonBuilder *b,
             const char  *holders_json)
{
  g_autoptr(JsonNode) holders = json_from_string (holders_json, NULL);

  json_builder_set_member_name (b, "holders");
  if (holders != NULL)
    json_builder_add_value (b, g_steal_pointer (&holders));
  else
    {
      json_builder_begin_array (b);
      json_builder_end_array (b);
    }
}

static void
add_proposal_members (JsonBuilder                *b,
                      const AssayCentralProposal *p)
{
  json_builder_set_member_name (b, "hash");
  json_builder_add_string_value (b, p->hash);
  json_builder_set_member_name (b, "signed");
  json_builder_add_int_value (b, p->n_signed);
  json_builder_set_member_name (b, "threshold");
  json_builder_add_int_value (b, p->threshold);
  add_holders (b, p->holders);
}

AssayCentralAnswer *
_assay_central_answer_pending (const AssayCentralProposal *p)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "pending");
  add_proposal_members (b, p);
  json_builder_end_object (b);
  return answer_new (202, b);
}

static void
add_envelope (JsonBuilder *b,
              const char  *text)
{
  JsonNode *envelope = json_from_string (text, NULL);

  json_builder_set_member_name (b, "envelope");
  if (envelope != NULL)
    json_builder_add_value (b, envelope);
  else
    json_builder_add_null_value (b);
}

static void
add_objections (JsonBuilder *b,
                GPtrArray   *objections)
{
  json_builder_set_member_name (b, "objections");
  json_builder_begin_array (b);
  for (guint i = 0; objections != NULL && i < objections->len; i++)
    {
      const AssayCentralObjection *o = g_ptr_array_index (objections, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "holder");
      json_builder_add_string_value (b, o->holder);
      json_builder_set_member_name (b, "rationale");
      json_builder_add_string_value (b, o->rationale);
      json_builder_set_member_name (b, "hash");
      json_builder_add_string_value (b, o->hash);
      add_envelope (b, o->envelope);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

AssayCentralAnswer *
_assay_central_answer_recorded (const AssayCentralObjection *o)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "recorded");
  json_builder_set_member_name (b, "proposal");
  json_builder_add_string_value (b, o->proposal);
  json_builder_set_member_name (b, "hash");
  json_builder_add_string_value (b, o->hash);
  json_builder_set_member_name (b, "holder");
  json_builder_add_string_value (b, o->holder);
  json_builder_end_object (b);
  return answer_new (200, b);
}

AssayCentralAnswer *
_assay_central_answer_objections (const char *proposal,
                                  GPtrArray  *objections)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "proposal");
  json_builder_add_string_value (b, proposal);
  add_objections (b, objections);
  json_builder_end_object (b);
  return answer_new (200, b);
}

static void
add_proposal (JsonBuilder                *b,
              const AssayCentralProposal *p)
{
  json_builder_begin_object (b);
  add_proposal_members (b, p);
  add_envelope (b, p->envelope);
  add_objections (b, p->objections);
  json_builder_end_object (b);
}

AssayCentralAnswer *
_assay_central_answer_proposals (GPtrArray *proposals)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "proposals");
  json_builder_begin_array (b);
  for (guint i = 0; i < proposals->len; i++)
    add_proposal (b, g_ptr_array_index (proposals, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return answer_new (200, b);
}

/* assay-objection.c — a signed vote against a pending proposal
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

#include "assay-canonical-json.h"
#include "assay-decision-verify.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-objection.h"
#include "assay-payload-private.h"
#include "assay-quorum.h"

#define MAX_INT  ASSAY_CANONICAL_JSON_MAX_INTEGER
#define MAX_NAME 256

void
assay_objection_free (AssayObjection *objection)
{
  if (objection == NULL)
    return;
  g_free (objection->deployment);
  g_free (objection->proposal);
  g_free (objection->rationale);
  g_free (objection->author);
  g_free (objection->roster_sha256);
  g_free (objection);
}

void
assay_objection_result_free (AssayObjectionResult *result)
{
  if (result == NULL)
    return;
  assay_objection_free (result->objection);
  g_free (result->holder);
  g_free (result->sha256);
  g_free (result);
}

/* A dissent without a reason tells the colleagues nothing they can answer. */
static gboolean
check_rationale (const char  *rationale,
                 GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (rationale != NULL ? rationale : ""));

  if (*stripped == '\0')
    g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                         _("An objection needs a rationale: say why the decision should not be made."));
  else if (strlen (rationale) > ASSAY_DECISION_MAX_RATIONALE)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                 _("The rationale is %zu bytes long; at most %d are taken."),
                 strlen (rationale), ASSAY_DECISION_MAX_RATIONALE);
  else if (!g_utf8_validate (rationale, -1, NULL))
    g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                         _("The rationale is not valid UTF-8 text."));
  else
    return TRUE;
  return FALSE;
}

AssayObjection *
assay_objection_new (const AssayDecision  *decision,
                     const char           *proposal_hash,
                     AssayRoster          *roster,
                     const char           *author,
                     const char           *rationale,
                     gint64                now,
                     GError              **error)
{
  AssayObjection *o;

  g_return_val_if_fail (decision != NULL && proposal_hash != NULL && roster != NULL && author != NULL, NULL);
  if (!check_rationale (rationale, error))
    return NULL;
  o = g_new0 (AssayObjection, 1);
  o->deployment = g_strdup (roster->deployment);
  o->proposal = g_strdup (proposal_hash);
  o->kind = decision->kind;
  /* The role the kind needs now; a roster without a rule for it is
   * refused when the objection is verified. */
  o->role = roster->kinds[decision->kind].present ? roster->kinds[decision->kind].role : decision->role;
  o->rationale = g_strdup (rationale);
  o->author = g_strdup (author);
  o->created_at = now;
  o->roster_version = roster->version;
  o->roster_sha256 = g_strdup (roster->sha256);
  return o;
}

/* ---- writing --------------------------------------------------------------------- */

static JsonNode *
build_node (AssayObjection *o)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  _assay_payload_add_int (b, "v", 1);
  _assay_payload_add_string (b, "deployment", o->deployment);
  _assay_payload_add_string (b, "proposal", o->proposal);
  _assay_payload_add_string (b, "kind", assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, o->kind));
  _assay_payload_add_string (b, "role", assay_enum_get_nick (ASSAY_TYPE_ROLE, o->role));
  _assay_payload_add_string (b, "rationale", o->rationale);
  _assay_payload_add_string (b, "author", o->author);
  _assay_payload_add_int (b, "created_at", o->created_at);
  json_builder_set_member_name (b, "roster");
  json_builder_begin_object (b);
  _assay_payload_add_int (b, "version", o->roster_version);
  _assay_payload_add_string (b, "sha256", o->roster_sha256);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

GBytes *
assay_objection_to_payload (AssayObjection  *objection,
                            GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autoptr(AssayObjection) check = NULL;

  g_return_val_if_fail (objection != NULL, NULL);
  root = build_node (objection);
  if ((payload = assay_canonical_json_encode (root, error)) == NULL)
    return NULL;
  /* What the reader refuses is never signed. */
  env = assay_dsse_envelope_new (ASSAY_OBJECTION_PAYLOAD_TYPE, payload);
  check = assay_objection_new_from_envelope (env, error);
  return check != NULL ? g_steal_pointer (&payload) : NULL;
}

char *
assay_objection_sign (AssayObjection  *objection,
                      AssayKeyFile    *key,
                      GError         **error)
{
  g_autoptr(GBytes) payload = assay_objection_to_payload (objection, error);
  g_autoptr(AssayDsseEnvelope) env = NULL;

  if (payload == NULL)
    return NULL;
  env = assay_dsse_envelope_new_signed (ASSAY_OBJECTION_PAYLOAD_TYPE, payload, &key, 1);
  return assay_dsse_envelope_to_json (env);
}

/* ---- reading --------------------------------------------------------------------- */

static gboolean
read_roster (AssayObjection  *o,
             JsonObject      *top,
             GError         **error)
{
  static const char *const members[] = { "version", "sha256", NULL };
  JsonObject *roster = _assay_payload_get_object (top, "", "roster", error);
  const char *sha256;

  if (roster == NULL
      || !_assay_payload_check_members (roster, "roster", members, error)
      || !_assay_payload_get_int (roster, "roster", "version", 1, MAX_INT, &o->roster_version, error)
      || (sha256 = _assay_payload_get_hex (roster, "roster", "sha256", 32, FALSE, error)) == NULL)
    return FALSE;
  o->roster_sha256 = g_strdup (sha256);
  return TRUE;
}

static gboolean
read_top (AssayObjection  *o,
          JsonObject      *top,
          GError         **error)
{
  static const char *const members[] = {
    "v", "deployment", "proposal", "kind", "role", "rationale", "author", "created_at", "roster", NULL
  };
  const char *deployment, *proposal, *rationale, *author;
  int kind, role;
  gint64 v;

  if (!_assay_payload_check_members (top, "", members, error)
      || !_assay_payload_get_int (top, "", "v", 1, 1, &v, error)
      || (deployment = _assay_payload_get_string (top, "", "deployment", MAX_NAME, error)) == NULL
      || (proposal = _assay_payload_get_hex (top, "", "proposal", 32, FALSE, error)) == NULL
      || !_assay_payload_get_nick (top, "", "kind", ASSAY_TYPE_DECISION_KIND, &kind, error)
      || !_assay_payload_get_nick (top, "", "role", ASSAY_TYPE_ROLE, &role, error)
      || (rationale = _assay_payload_get_string (top, "", "rationale",
                                                 ASSAY_DECISION_MAX_RATIONALE, error)) == NULL
      || (author = _assay_payload_get_hex (top, "", "author", 32, FALSE, error)) == NULL
      || !_assay_payload_get_int (top, "", "created_at", 0, MAX_INT, &o->created_at, error))
    return FALSE;
  o->deployment = g_strdup (deployment);
  o->proposal = g_strdup (proposal);
  o->kind = kind;
  o->role = role;
  o->rationale = g_strdup (rationale);
  o->author = g_strdup (author);
  return TRUE;
}

static gboolean
check_type (AssayDsseEnvelope  *envelope,
            GError            **error)
{
  if (strcmp (envelope->payload_type, ASSAY_OBJECTION_PAYLOAD_TYPE) == 0)
    return TRUE;
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
               _("the envelope’s payload type is “%s”, not an objection’s"), envelope->payload_type);
  return FALSE;
}

AssayObjection *
assay_objection_new_from_envelope (AssayDsseEnvelope  *envelope,
                                   GError            **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AssayObjection) o = NULL;

  g_return_val_if_fail (envelope != NULL, NULL);
  if (!check_type (envelope, error)
      || (root = assay_canonical_json_parse (envelope->payload, error)) == NULL)
    return NULL;
  o = g_new0 (AssayObjection, 1);
  if (!read_top (o, json_node_get_object (root), error)
      || !read_roster (o, json_node_get_object (root), error))
    return NULL;
  return g_steal_pointer (&o);
}

/* ---- verifying ------------------------------------------------------------------- */

/* One objector, one key: the signature is the vote. */
static GPtrArray *
verify_signature (AssayRoster        *roster,
                  AssayDsseEnvelope  *envelope,
                  gint64              now,
                  GError            **error)
{
  g_autoptr(GPtrArray) verified = NULL;

  if (envelope->signatures->len != 1)
    {
      _assay_payload_set_refused (error, _("an objection carries exactly one signature, not %u"), envelope->signatures->len);
      return NULL;
    }
  if ((verified = assay_quorum_verify (roster, envelope, now, error)) == NULL)
    return NULL;
  if (verified->len == 0)
    {
      _assay_payload_set_refused (error, _("the objection is not signed by a key of roster version %" PRId64), roster->version);
      return NULL;
    }
  return g_steal_pointer (&verified);
}

/* The decision checks' time rules, against the proposal's end. */
static gboolean
check_times (AssayObjection      *o,
             const AssayDecision *d,
             gint64               now,
             GError             **error)
{
  g_autofree char *end = _assay_payload_format_time (d->not_after);

  if (now > d->not_after)
    _assay_payload_set_refused (error, _("the proposal it opposes expired at %s (“not_after”)"), end);
  else if (o->created_at > d->not_after)
    _assay_payload_set_refused (error, _("the objection was made after the proposal expired at %s"), end);
  else if (o->created_at > now + ASSAY_DECISION_MAX_SKEW)
    _assay_payload_set_refused (error, _("the objection was created %" PRId64 " seconds in the future"
                                         " (“created_at”); check the clock of the computer that signed it"),
                                o->created_at - now);
  else
    return TRUE;
  return FALSE;
}

static gboolean
check_context (AssayObjection       *o,
               AssayRosterChain     *chain,
               AssayRoster          *roster,
               const char           *deployment,
               const char           *proposal_hash,
               const AssayDecision  *d,
               GError              **error)
{
  AssayRoster *named = assay_roster_chain_get_version (chain, o->roster_version);

  if (strcmp (o->deployment, deployment) != 0 || strcmp (roster->deployment, deployment) != 0)
    _assay_payload_set_refused (error, _("the objection is for deployment “%s”, not “%s”"), o->deployment, deployment);
  else if (named == NULL || strcmp (named->sha256, o->roster_sha256) != 0)
    _assay_payload_set_refused (error, _("the objection names roster version %" PRId64 " with a hash this chain does not hold"),
                                o->roster_version);
  else if (strcmp (o->proposal, proposal_hash) != 0)
    _assay_payload_set_refused (error, _("the objection opposes proposal %s, not %s"), o->proposal, proposal_hash);
  else if (o->kind != d->kind)
    _assay_payload_set_refused (error, _("the objection names kind %s, but the proposal is a %s"),
                                assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, o->kind),
                                assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, d->kind));
  else
    return TRUE;
  return FALSE;
}

/* The objector acts in the role the proposal's kind needs and holds it:
 * only those who could have signed may vote against. */
static const AssayRosterKey *
check_role (AssayObjection  *o,
            AssayRoster     *roster,
            const char      *signer,
            GError         **error)
{
  const AssayRosterKind *rule = &roster->kinds[o->kind];
  const AssayRosterKey *key = assay_roster_lookup_key (roster, signer);
  const char *role = assay_enum_get_nick (ASSAY_TYPE_ROLE, rule->role);

  if (!rule->present)
    _assay_payload_set_refused (error, _("roster version %" PRId64 " has no rule for decisions of kind %s"), roster->version,
                                assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, o->kind));
  else if (rule->role != o->role)
    _assay_payload_set_refused (error, _("an objection to a decision of kind %s is made in role %s, not %s"),
                                assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, o->kind), role,
                                assay_enum_get_nick (ASSAY_TYPE_ROLE, o->role));
  else if (strcmp (o->author, signer) != 0)
    _assay_payload_set_refused (error, _("the objection was signed by key %s, not by its author (key %s)"), signer, o->author);
  else if (!assay_roster_role_has_key (roster, rule->role, signer))
    _assay_payload_set_refused (error, _("%s (key %s) objected but does not hold the role %s"), key->holder, key->keyid, role);
  else
    return key;
  return NULL;
}

gboolean
assay_objection_verify (AssayDsseEnvelope     *envelope,
                        AssayRosterChain      *chain,
                        const char            *deployment,
                        const char            *proposal_hash,
                        const AssayDecision   *decision,
                        gint64                 now,
                        AssayObjectionResult **result,
                        GError               **error)
{
  g_autoptr(GPtrArray) verified = NULL;
  g_autoptr(AssayObjection) o = NULL;
  const AssayRosterKey *key;
  AssayRoster *roster;

  g_return_val_if_fail (envelope != NULL && chain != NULL && deployment != NULL, FALSE);
  g_return_val_if_fail (proposal_hash != NULL && decision != NULL && result != NULL, FALSE);
  if (!check_type (envelope, error)
      || (roster = assay_roster_chain_check_current (chain, now, error)) == NULL
      || (verified = verify_signature (roster, envelope, now, error)) == NULL
      || (o = assay_objection_new_from_envelope (envelope, error)) == NULL
      || !check_context (o, chain, roster, deployment, proposal_hash, decision, error)
      || !check_times (o, decision, now, error)
      || (key = check_role (o, roster, g_ptr_array_index (verified, 0), error)) == NULL)
    return FALSE;
  *result = g_new0 (AssayObjectionResult, 1);
  (*result)->holder = g_strdup (key->holder);
  (*result)->sha256 = _assay_payload_hash (envelope->payload);
  (*result)->objection = g_steal_pointer (&o);
  return TRUE;
}

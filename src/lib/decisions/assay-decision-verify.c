/* assay-decision-verify.c — verifying a decision envelope against the roster chain
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
#include <string.h>

#include "assay-decision-verify.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-payload-private.h"
#include "assay-quorum.h"

static gboolean
check_envelope (AssayDsseEnvelope  *env,
                GError            **error)
{
  if (strcmp (env->payload_type, ASSAY_DECISION_PAYLOAD_TYPE) != 0)
    {
      _assay_payload_set_refused (error, _("the envelope’s payload type is “%s”, not a decision’s"),
                                  env->payload_type);
      return FALSE;
    }
  if (g_bytes_get_size (env->payload) > ASSAY_DSSE_MAX_ENVELOPE_SIZE)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("the envelope is larger than %d KiB"), ASSAY_DSSE_MAX_ENVELOPE_SIZE / 1024);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_times (AssayDecision  *d,
             gint64          now,
             GError        **error)
{
  g_autofree char *end = _assay_payload_format_time (d->not_after);

  if (now > d->not_after)
    _assay_payload_set_refused (error, _("the decision expired at %s (“not_after”)"), end);
  else if (d->created_at > now + ASSAY_DECISION_MAX_SKEW)
    _assay_payload_set_refused (error, _("the decision was created %" PRId64 " seconds in the future"
                                         " (“created_at”); check the clock of the computer that signed it"),
                                d->created_at - now);
  else
    return TRUE;
  return FALSE;
}

/* The payload names the roster its author saw: one this chain holds,
 * byte for byte. */
static gboolean
check_roster_named (AssayDecision     *d,
                    AssayRosterChain  *chain,
                    GError           **error)
{
  AssayRoster *named = assay_roster_chain_get_version (chain, d->roster_version);

  if (named == NULL)
    _assay_payload_set_refused (error, _("the decision names roster version %" PRId64 ", which is not"
                                         " (yet) known here"), d->roster_version);
  else if (strcmp (named->sha256, d->roster_sha256) != 0)
    _assay_payload_set_refused (error, _("the decision names roster version %" PRId64 " with another hash"
                                         " than the roster of that version"), d->roster_version);
  else
    return TRUE;
  return FALSE;
}

static gboolean
check_deployment (AssayDecision  *d,
                  AssayRoster    *roster,
                  const char     *deployment,
                  GError        **error)
{
  if (strcmp (d->deployment, deployment) != 0)
    _assay_payload_set_refused (error, _("the decision is for deployment “%s”, not “%s”"),
                                d->deployment, deployment);
  else if (strcmp (roster->deployment, deployment) != 0)
    _assay_payload_set_refused (error, _("the roster is for deployment “%s”, not “%s”"),
                                roster->deployment, deployment);
  else
    return TRUE;
  return FALSE;
}

static const AssayRosterKind *
check_kind (AssayDecision  *d,
            AssayRoster    *roster,
            GError        **error)
{
  const AssayRosterKind *rule = &roster->kinds[d->kind];
  const char *kind = assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, d->kind);

  if (!rule->present)
    _assay_payload_set_refused (error, _("roster version %" PRId64 " has no rule for decisions of kind %s"),
                                roster->version, kind);
  else if (rule->role != d->role)
    _assay_payload_set_refused (error, _("a decision of kind %s is made by role %s, not %s"), kind,
                                assay_enum_get_nick (ASSAY_TYPE_ROLE, rule->role),
                                assay_enum_get_nick (ASSAY_TYPE_ROLE, d->role));
  else
    return rule;
  return NULL;
}

/* Everyone who signed must hold the role, and the author must be one of
 * them: a signature is a vote for this decision in this role. */
static gboolean
check_signers (AssayDecision  *d,
               AssayRoster    *roster,
               AssayQuorum    *quorum,
               GPtrArray      *verified,
               GError        **error)
{
  const char *role = assay_enum_get_nick (ASSAY_TYPE_ROLE, quorum->role);

  if (quorum->outsiders->len > 0)
    {
      const AssayRosterKey *key = assay_roster_lookup_key (roster, g_ptr_array_index (quorum->outsiders, 0));

      _assay_payload_set_refused (error, _("%s (key %s) signed but does not hold the role %s"),
                                  key->holder, key->keyid, role);
      return FALSE;
    }
  if (!g_ptr_array_find_with_equal_func (verified, d->author, g_str_equal, NULL))
    {
      _assay_payload_set_refused (error, _("the author (key %s) has not signed the decision with a key of"
                                           " roster version %" PRId64), d->author, roster->version);
      return FALSE;
    }
  return TRUE;
}

static AssayDecisionResult *
result_new (AssayDecision **d,
            GBytes         *payload,
            AssayRoster    *roster,
            AssayQuorum    *quorum)
{
  AssayDecisionResult *result = g_new0 (AssayDecisionResult, 1);

  result->decision = g_steal_pointer (d);
  result->sha256 = assay_decision_hash (payload);
  result->complete = assay_quorum_is_met (quorum);
  result->threshold = quorum->threshold;
  result->holders = g_ptr_array_ref (quorum->holders);
  result->roster_version = roster->version;
  return result;
}

gboolean
assay_decision_verify (AssayDsseEnvelope    *env,
                       AssayRosterChain     *chain,
                       const char           *deployment,
                       gint64                now,
                       AssayDecisionResult **result,
                       GError              **error)
{
  g_autoptr(GPtrArray) verified = NULL;
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(AssayQuorum) quorum = NULL;
  const AssayRosterKind *rule;
  AssayRoster *roster;

  g_return_val_if_fail (env != NULL && chain != NULL && deployment != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  if (!check_envelope (env, error)
      || (roster = assay_roster_chain_check_current (chain, now, error)) == NULL
      || (verified = assay_quorum_verify (roster, env, now, error)) == NULL
      || (d = assay_decision_new_from_envelope (env, error)) == NULL
      || !check_deployment (d, roster, deployment, error)
      || !check_times (d, now, error)
      || !check_roster_named (d, chain, error)
      || (rule = check_kind (d, roster, error)) == NULL)
    return FALSE;
  quorum = assay_quorum_count (roster, rule->role, rule->threshold, verified);
  if (!check_signers (d, roster, quorum, verified, error))
    return FALSE;
  *result = result_new (&d, env->payload, roster, quorum);
  return TRUE;
}

void
assay_decision_result_free (AssayDecisionResult *result)
{
  if (result == NULL)
    return;
  assay_decision_free (result->decision);
  g_free (result->sha256);
  g_ptr_array_unref (result->holders);
  g_free (result);
}

gboolean
assay_decision_check_sequence (AssayDecision  *d,
                               const char     *prev_sha256,
                               gint64          prev_seq,
                               GError        **error)
{
  g_return_val_if_fail (d != NULL, FALSE);
  if (prev_sha256 == NULL && d->subject_seq == 1)
    return TRUE;
  if (prev_sha256 != NULL && d->subject_seq == prev_seq + 1
      && g_strcmp0 (d->supersedes, prev_sha256) == 0)
    return TRUE;
  if (prev_sha256 != NULL && d->subject_seq <= prev_seq + 1)
    {
      /* Someone decided on this subject first: the proposer must look at
       * that decision and propose again. */
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS,
                   _("conflict: the subject’s decision %" PRId64 " is already %s; this one"
                     " (number %" PRId64 ") was made without it"),
                   prev_seq, prev_sha256, d->subject_seq);
      return FALSE;
    }
  _assay_payload_set_refused (error, _("the decision is number %" PRId64 " on its subject, but the subject has"
                                       " %" PRId64 " decisions: one is missing"),
                              d->subject_seq, prev_sha256 != NULL ? prev_seq : 0);
  return FALSE;
}

gboolean
assay_decision_check_id (const char  *sha256,
                         const char  *stored_sha256,
                         GError     **error)
{
  g_return_val_if_fail (sha256 != NULL, FALSE);
  if (stored_sha256 == NULL || strcmp (sha256, stored_sha256) == 0)
    return TRUE;
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS,
               _("conflict: this decision_id was already used for another decision (%s)"),
               stored_sha256);
  return FALSE;
}

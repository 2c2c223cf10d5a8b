/* assay-roster-chain.c — the roster versions from the first one on, each signed by the one before
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

#include "assay-error.h"
#include "assay-payload-private.h"
#include "assay-quorum.h"
#include "assay-roster-chain.h"

struct _AssayRosterChain
{
  GPtrArray *rosters;   /* of AssayRoster, version i + 1 at index i */
};

AssayRosterChain *
assay_roster_chain_new (void)
{
  AssayRosterChain *chain = g_new0 (AssayRosterChain, 1);

  chain->rosters = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_roster_free);
  return chain;
}

void
assay_roster_chain_free (AssayRosterChain *chain)
{
  if (chain == NULL)
    return;
  g_ptr_array_unref (chain->rosters);
  g_free (chain);
}

/* @signer's roster_root threshold must have signed @env. */
static gboolean
check_root_signed (AssayRoster       *signer,
                   AssayDsseEnvelope *env,
                   gint64             version,
                   gint64             now,
                   GError           **error)
{
  g_autoptr(AssayQuorum) quorum = assay_quorum_check (signer, env, ASSAY_ROLE_ROSTER_ROOT, now, error);

  if (quorum == NULL)
    return FALSE;
  if (!assay_quorum_is_met (quorum))
    {
      g_autofree char *who = assay_quorum_describe (quorum);

      _assay_payload_set_refused (error, _("roster version %" PRId64 " is signed by %u of the %u roster_root"
                                           " holders that version %" PRId64 " requires (%s)"),
                                  version, quorum->holders->len, quorum->threshold, signer->version, who);
      return FALSE;
    }
  return TRUE;
}

/* Version @next may follow @last: the chain goes forward one at a time. */
static gboolean
check_successor (AssayRoster  *last,
                 AssayRoster  *next,
                 GError      **error)
{
  if (next->version <= last->version)
    _assay_payload_set_refused (error, _("roster version %" PRId64 " after version %" PRId64 " is a rollback"),
                                next->version, last->version);
  else if (next->version != last->version + 1)
    _assay_payload_set_refused (error, _("roster version %" PRId64 " after version %" PRId64 " skips a version"),
                                next->version, last->version);
  else if (strcmp (next->deployment, last->deployment) != 0)
    _assay_payload_set_refused (error, _("roster version %" PRId64 " is for deployment “%s”, not “%s”"),
                                next->version, next->deployment, last->deployment);
  else if (strcmp (next->prev, last->sha256) != 0)
    _assay_payload_set_refused (error, _("roster version %" PRId64 " does not name version %" PRId64
                                         " as its predecessor (“prev” is %s, not %s)"),
                                next->version, last->version, next->prev, last->sha256);
  else
    return TRUE;
  return FALSE;
}

static AssayDsseEnvelope *
read_envelope (const char  *json,
               gssize       length,
               GError     **error)
{
  g_autoptr(AssayDsseEnvelope) env = assay_dsse_envelope_new_from_json (json, length, error);

  if (env == NULL)
    return NULL;
  if (strcmp (env->payload_type, ASSAY_ROSTER_PAYLOAD_TYPE) != 0)
    {
      _assay_payload_set_refused (error, _("the envelope’s payload type is “%s”, not a roster’s"),
                                  env->payload_type);
      return NULL;
    }
  return g_steal_pointer (&env);
}

gboolean
assay_roster_chain_append (AssayRosterChain  *chain,
                           const char        *envelope_json,
                           gssize             length,
                           gint64             now,
                           GError           **error)
{
  g_autoptr(AssayDsseEnvelope) env = NULL;
  g_autoptr(AssayRoster) next = NULL;
  AssayRoster *last;

  g_return_val_if_fail (chain != NULL && envelope_json != NULL, FALSE);
  if ((env = read_envelope (envelope_json, length, error)) == NULL)
    return FALSE;
  last = assay_roster_chain_get_current (chain);
  /* Verify (by the keys already trusted), then parse. */
  if (last != NULL && !check_root_signed (last, env, last->version + 1, now, error))
    return FALSE;
  if ((next = assay_roster_new_from_payload (env->payload, error)) == NULL)
    return FALSE;
  if (last == NULL && next->version != 1)
    {
      _assay_payload_set_refused (error, _("the first roster must be version 1, not %" PRId64), next->version);
      return FALSE;
    }
  if ((last != NULL && !check_successor (last, next, error))
      || !check_root_signed (next, env, next->version, now, error))
    return FALSE;
  g_ptr_array_add (chain->rosters, g_steal_pointer (&next));
  return TRUE;
}

AssayRoster *
assay_roster_chain_get_current (AssayRosterChain *chain)
{
  g_return_val_if_fail (chain != NULL, NULL);
  if (chain->rosters->len == 0)
    return NULL;
  return g_ptr_array_index (chain->rosters, chain->rosters->len - 1);
}

AssayRoster *
assay_roster_chain_get_version (AssayRosterChain *chain,
                                gint64            version)
{
  g_return_val_if_fail (chain != NULL, NULL);
  if (version < 1 || version > (gint64) chain->rosters->len)
    return NULL;
  return g_ptr_array_index (chain->rosters, version - 1);
}

AssayRoster *
assay_roster_chain_check_current (AssayRosterChain  *chain,
                                  gint64             now,
                                  GError           **error)
{
  AssayRoster *current;

  g_return_val_if_fail (chain != NULL, NULL);
  current = assay_roster_chain_get_current (chain);
  if (current == NULL)
    {
      _assay_payload_set_refused (error, _("there is no roster yet, so no decision can be verified"));
      return NULL;
    }
  if (assay_roster_is_expired (current, now))
    {
      g_autofree char *when = _assay_payload_format_time (current->expires);

      _assay_payload_set_refused (error, _("roster version %" PRId64 " expired at %s; a new roster is needed"),
                                  current->version, when);
      return NULL;
    }
  return current;
}

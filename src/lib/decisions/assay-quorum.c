/* assay-quorum.c — counting the holders whose signatures meet a threshold
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
#include <string.h>

#include "assay-error.h"
#include "assay-payload-private.h"
#include "assay-quorum.h"

static gboolean
check_count (AssayDsseEnvelope  *env,
             GError            **error)
{
  if (env->signatures->len > ASSAY_DSSE_MAX_SIGNATURES)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("the envelope carries %u signatures; at most %d are accepted"),
                   env->signatures->len, ASSAY_DSSE_MAX_SIGNATURES);
      return FALSE;
    }
  return TRUE;
}

/* The same bytes or the same key id twice is either a mistake or an attempt
 * to be counted twice; both are refused outright. */
static gboolean
check_repeats (AssayDsseEnvelope  *env,
               GError            **error)
{
  for (guint i = 0; i < env->signatures->len; i++)
    for (guint j = 0; j < i; j++)
      {
        AssayDsseSignature *a = g_ptr_array_index (env->signatures, i);
        AssayDsseSignature *b = g_ptr_array_index (env->signatures, j);

        if (g_bytes_equal (a->sig, b->sig))
          {
            g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                         _("signatures %u and %u are the same signature"), j + 1, i + 1);
            return FALSE;
          }
        if (a->keyid != NULL && g_strcmp0 (a->keyid, b->keyid) == 0)
          {
            g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                         _("key %s signed twice"), a->keyid);
            return FALSE;
          }
      }
  return TRUE;
}

static gboolean
check_key (const AssayRosterKey  *key,
           AssayDsseEnvelope     *env,
           guint                  index,
           gint64                 time,
           GError               **error)
{
  g_autoptr(GError) local = NULL;

  if (!assay_roster_key_is_valid (key, time))
    {
      g_autofree char *at = _assay_payload_format_time (time);

      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                   _("the key %s of %s is not valid at %s"), key->keyid, key->holder, at);
      return FALSE;
    }
  if (!assay_dsse_envelope_verify (env, index, key->pub, &local))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                   _("the signature by %s (key %s) does not verify"), key->holder, key->keyid);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
assay_quorum_verify (AssayRoster        *roster,
                     AssayDsseEnvelope  *env,
                     gint64              time,
                     GError            **error)
{
  g_autoptr(GPtrArray) verified = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (roster != NULL && env != NULL, NULL);
  if (!check_count (env, error) || !check_repeats (env, error))
    return NULL;
  for (guint i = 0; i < env->signatures->len; i++)
    {
      AssayDsseSignature *s = g_ptr_array_index (env->signatures, i);
      const AssayRosterKey *key = assay_roster_lookup_key (roster, s->keyid);

      if (key == NULL)
        continue;
      if (!check_key (key, env, i, time, error))
        return NULL;
      g_ptr_array_add (verified, g_strdup (key->keyid));
    }
  return g_steal_pointer (&verified);
}

AssayQuorum *
assay_quorum_count (AssayRoster *roster,
                    AssayRole    role,
                    guint        threshold,
                    GPtrArray   *verified)
{
  AssayQuorum *quorum = g_new0 (AssayQuorum, 1);

  g_return_val_if_fail (roster != NULL && role < ASSAY_N_ROLES && verified != NULL, NULL);
  quorum->role = role;
  quorum->threshold = threshold;
  quorum->holders = g_ptr_array_new_with_free_func (g_free);
  quorum->outsiders = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < verified->len; i++)
    {
      const char *keyid = g_ptr_array_index (verified, i);
      const AssayRosterKey *key = assay_roster_lookup_key (roster, keyid);

      g_assert (key != NULL);
      if (!assay_roster_role_has_key (roster, role, keyid))
        g_ptr_array_add (quorum->outsiders, g_strdup (keyid));
      else if (!g_ptr_array_find_with_equal_func (quorum->holders, key->holder, g_str_equal, NULL))
        g_ptr_array_add (quorum->holders, g_strdup (key->holder));
    }
  return quorum;
}

AssayQuorum *
assay_quorum_check (AssayRoster        *roster,
                    AssayDsseEnvelope  *env,
                    AssayRole           role,
                    gint64              time,
                    GError            **error)
{
  g_autoptr(GPtrArray) verified = NULL;

  g_return_val_if_fail (roster != NULL && role < ASSAY_N_ROLES, NULL);
  verified = assay_quorum_verify (roster, env, time, error);
  if (verified == NULL)
    return NULL;
  return assay_quorum_count (roster, role, roster->roles[role].threshold, verified);
}

gboolean
assay_quorum_is_met (AssayQuorum *quorum)
{
  g_return_val_if_fail (quorum != NULL, FALSE);
  return quorum->holders->len >= quorum->threshold;
}

char *
assay_quorum_describe (AssayQuorum *quorum)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (quorum != NULL, NULL);
  for (guint i = 0; i < quorum->holders->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (quorum->holders, i));
  return g_string_free (s, FALSE);
}

void
assay_quorum_free (AssayQuorum *quorum)
{
  if (quorum == NULL)
    return;
  g_ptr_array_unref (quorum->holders);
  g_ptr_array_unref (quorum->outsiders);
  g_free (quorum);
}

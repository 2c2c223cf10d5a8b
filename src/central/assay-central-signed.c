/* assay-central-signed.c — rosters and decisions: entries only the service writes
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

#include "assay-central-store-private.h"
#include "assay-day.h"
#include "assay-error.h"
#include "assay-json-scan.h"

/* {"kind":…,"envelope":…,"logged":…} with the envelope's text as given:
 * signers' tools wrote those bytes, and the log keeps them. */
static char *
signed_body (AssayEntryKind  kind,
             const char     *envelope,
             gsize           len,
             guint32         logged_day)
{
  g_autofree char *logged = assay_day_format (logged_day);

  return g_strdup_printf ("{\"kind\":\"%s\",\"envelope\":%.*s,\"logged\":\"%s\"}",
                          assay_entry_kind_to_id (kind), (int) len, envelope, logged);
}

/* The envelope must be one JSON value on its own before it is pasted into
 * a body, or its text could add members of its own. */
static gboolean
check_envelope_text (const char  *envelope,
                     gsize        len,
                     GError     **error)
{
  if (len > ASSAY_ENTRY_MAX_BODY)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The envelope is %zu bytes long; an entry body holds at most %d bytes."),
                   len, ASSAY_ENTRY_MAX_BODY);
      return FALSE;
    }
  if (len > 0 && assay_json_validate (envelope, len, NULL, NULL))
    return TRUE;
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("The envelope is not one JSON value. Give the DSSE envelope exactly as the "
                 "signers produced it."));
  return FALSE;
}

#define ASSAY_ENTRY_N_KINDS_ANY ASSAY_N_ENTRY_KINDS

/* Appends a body only the service writes, once it passes the same checks
 * every replica makes (and is of @kind, unless ASSAY_ENTRY_N_KINDS_ANY):
 * a body they would refuse must never be signed into the log. */
gboolean
central_append_service_body (AssayCentralStore  *store,
                     const char         *body,
                     gsize               body_len,
                     AssayEntryKind      kind,
                     guint64            *out_index,
                     GError            **error)
{
  g_autoptr(AssayEntry) entry = NULL;
  guint8 salt[ASSAY_SALT_SIZE];
  guint64 index;

  entry = assay_entry_parse (body, body_len, error);
  if (entry == NULL || !central_tiles_load (store, error))
    return FALSE;
  index = assay_merkle_builder_get_size (store->builder);
  if (kind != ASSAY_ENTRY_N_KINDS_ANY && entry->kind != kind)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The service wrote a “%s” entry where a “%s” was due."),
                   assay_entry_kind_to_id (entry->kind), assay_entry_kind_to_id (kind));
      return FALSE;
    }
  if (!assay_entry_check_index (entry, index, error))
    return FALSE;
  if (out_index != NULL)
    *out_index = index;
  /* Like a tombstone's, its salt is fresh: no import order to derive it from. */
  randombytes_buf (salt, sizeof salt);
  return central_tiles_append (store, salt, body, body_len, error);
}

gboolean
assay_central_store_append_signed (AssayCentralStore  *store,
                                   AssayEntryKind      kind,
                                   const char         *envelope,
                                   gsize               len,
                                   guint32             logged_day,
                                   guint64            *out_index,
                                   GError            **error)
{
  g_autofree char *body = NULL;
  gsize body_len;

  g_return_val_if_fail (store->in_txn, FALSE);
  g_return_val_if_fail (kind == ASSAY_ENTRY_ROSTER || kind == ASSAY_ENTRY_DECISION, FALSE);

  /* Surrounding whitespace (a file's last newline) is not the envelope's. */
  while (len > 0 && g_ascii_isspace (envelope[0]))
    envelope++, len--;
  while (len > 0 && g_ascii_isspace (envelope[len - 1]))
    len--;
  if (!check_envelope_text (envelope, len, error))
    return FALSE;
  body = signed_body (kind, envelope, len, logged_day);
  body_len = strlen (body);
  return central_append_service_body (store, body, body_len, ASSAY_ENTRY_N_KINDS_ANY, out_index, error);
}

gboolean
assay_central_store_append_pause (AssayCentralStore  *store,
                                  const char         *body,
                                  gsize               len,
                                  guint64            *out_index,
                                  GError            **error)
{
  g_return_val_if_fail (store->in_txn, FALSE);

  return central_append_service_body (store, body, len, ASSAY_ENTRY_PAUSE, out_index, error);
}

/* assay-config.c — validation of user settings (service URL, log key, replica path)
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

#include "assay-config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "assay-error.h"
#include "assay-note.h"

/* Ed25519 keys of the log (C2SP signed-note key type 0x01).  Witness
 * cosignature keys (0x04) verify checkpoints too, but never sign them. */
#define LOG_KEY_TYPE_ED25519 0x01

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

static gboolean
has_control_or_space (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_iscntrl (*p) || *p == ' ')
        return TRUE;
    }

  return FALSE;
}

gboolean
assay_config_check_server_url (const char  *url,
                               GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (url == NULL || *url == '\0')
    return invalid (error, _("Enter the address of the central service, for example "
                             "https://ledger.example.org/."));

  if (has_control_or_space (url) || !g_utf8_validate (url, -1, NULL))
    return invalid (error, _("The address contains spaces or control characters. "
                             "Enter it without them."));

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return invalid (error, _("This is not a valid web address. Enter one such as "
                             "https://ledger.example.org/."));

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return invalid (error, _("The address must start with http:// or https://."));

  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return invalid (error, _("The address has no host name. Enter one such as "
                             "https://ledger.example.org/."));

  if (g_uri_get_userinfo (uri) != NULL)
    return invalid (error, _("The address must not contain a user name or password. "
                             "Remove the part before “@”."));

  if (g_uri_get_query (uri) != NULL)
    return invalid (error, _("The address must not contain a query. Remove the part "
                             "from “?” on."));

  if (g_uri_get_fragment (uri) != NULL)
    return invalid (error, _("The address must not contain a fragment. Remove the part "
                             "from “#” on."));

  return TRUE;
}

gboolean
assay_config_check_log_key (const char  *key,
                            GError     **error)
{
  g_autoptr(AssayNoteVerifier) verifier = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (key == NULL || *key == '\0')
    return invalid (error, _("Enter the log’s public key, as published by the central "
                             "service: name+key ID+key."));

  verifier = assay_note_verifier_new_from_string (key, &local_error);
  if (verifier == NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("This is not a valid log key (%s). Copy the whole key, "
                     "name+key ID+key, from the central service."),
                   local_error->message);
      return FALSE;
    }

  if (assay_note_verifier_get_key_type (verifier) != LOG_KEY_TYPE_ED25519)
    return invalid (error, _("This key belongs to a witness, not to the log. Enter the "
                             "log’s own Ed25519 key."));

  return TRUE;
}

/* The nearest ancestor of @path that exists, or NULL if none does. */
static char *
nearest_existing_ancestor (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  while (!g_file_test (dir, G_FILE_TEST_EXISTS))
    {
      g_autofree char *parent = g_path_get_dirname (dir);

      if (g_strcmp0 (parent, dir) == 0)
        return NULL;

      g_free (dir);
      dir = g_steal_pointer (&parent);
    }

  return g_steal_pointer (&dir);
}

gboolean
assay_config_check_replica_path (const char  *path,
                                 GError     **error)
{
  g_autofree char *ancestor = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (path == NULL || *path == '\0')
    return invalid (error, _("Enter the file of the local replica, for example "
                             "/home/you/assay/replica.db."));

  if (!g_path_is_absolute (path))
    return invalid (error, _("Enter a full path that starts with “/”, for example "
                             "/home/you/assay/replica.db."));

  if (g_str_has_suffix (path, G_DIR_SEPARATOR_S))
    return invalid (error, _("The replica location ends with “/”. Enter the name of a file, "
                             "not of a folder."));

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return invalid (error, _("This is a folder. Enter the name of a file inside it, "
                             "for example replica.db."));

  ancestor = nearest_existing_ancestor (path);
  if (ancestor == NULL || !g_file_test (ancestor, G_FILE_TEST_IS_DIR))
    return invalid (error, _("The folder for the replica cannot be created because part "
                             "of its path is a file. Choose another location."));

  if (g_access (ancestor, W_OK) != 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("The folder “%s” is not writable (%s). Choose a location in a folder "
                     "you can write to."),
                   ancestor, g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

gboolean
assay_config_check_witness_key (const char  *key,
                                GError     **error)
{
  g_autoptr(AssayNoteVerifier) verifier = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (key == NULL || *key == '\0')
    return invalid (error, _("Enter the witness’s public key, as the witness publishes it: "
                             "name+key ID+key."));

  verifier = assay_note_verifier_new_from_string (key, &local_error);
  if (verifier == NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid witness key (%s). Copy the whole key, "
                     "name+key ID+key, from the witness."),
                   key, local_error->message);
      return FALSE;
    }

  if (assay_note_verifier_get_key_type (verifier) != ASSAY_NOTE_KEY_TYPE_COSIGNATURE)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a witness cosignature key (its type is not 0x04); "
                     "a log’s signing key cannot stand for a witness. Ask the witness for "
                     "its cosignature verifier key."),
                   key);
      return FALSE;
    }

  return TRUE;
}

static gboolean
same_witness (AssayNoteVerifier *a,
              AssayNoteVerifier *b)
{
  return g_strcmp0 (assay_note_verifier_get_name (a), assay_note_verifier_get_name (b)) == 0 ||
         memcmp (assay_note_verifier_get_public_key (a), assay_note_verifier_get_public_key (b),
                 32 /* an Ed25519 public key */) == 0;
}

gboolean
assay_config_check_witnesses (const char * const  *keys,
                              guint                quorum,
                              GError             **error)
{
  guint n = keys != NULL ? g_strv_length ((char **) keys) : 0;
  g_autoptr(GPtrArray) verifiers = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_note_verifier_unref);

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n; i++)
    {
      if (!assay_config_check_witness_key (keys[i], error))
        return FALSE;
      g_ptr_array_add (verifiers, assay_note_verifier_new_from_string (keys[i], NULL));
      /* A cosignature does not sign the witness's name: the same public
       * key under two names would count one witness twice. */
      for (guint j = 0; j < i; j++)
        if (same_witness (g_ptr_array_index (verifiers, i), g_ptr_array_index (verifiers, j)))
          {
            g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                         _("The witness keys “%s” and “%s” belong to the same witness (the same "
                           "name or the same public key). List each witness once."),
                         keys[j], keys[i]);
            return FALSE;
          }
    }

  if (quorum > n)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A quorum of %u cosignatures cannot be met by %u configured "
                                "witness. Add witness keys or lower the quorum.",
                                "A quorum of %u cosignatures cannot be met by %u configured "
                                "witnesses. Add witness keys or lower the quorum.",
                                n),
                   quorum, n);
      return FALSE;
    }

  return TRUE;
}

/* assay-central-roster.c — init --roster and roster: the service logs the roster versions
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

#include "assay-canonical-json.h"
#include "assay-central-commands.h"
#include "assay-central-history.h"
#include "assay-central-options.h"
#include "assay-central-roster.h"
#include "assay-cli-options.h"
#include "assay-cli-passphrase.h"
#include "assay-error.h"

static int
roster_fail (const char   *command,
             const GError *error)
{
  if (error->domain == ASSAY_ERROR
      && (error->code == ASSAY_ERROR_VERIFICATION || error->code == ASSAY_ERROR_SECURITY))
    {
      g_printerr ("assay-central %s: %s\n", command, error->message);
      return ASSAY_EXIT_REFUSED;
    }
  return assay_central_fail (command, error);
}

/* Each --key, opened with the --passphrase-file in the same position or
 * a passphrase asked on the terminal. */
static GPtrArray *
open_keys (const char  *command,
           char       **key_files,
           char       **passphrase_files,
           int         *out_status)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_key_file_free);
  g_autofree char *name = g_strconcat ("assay-central ", command, NULL);
  guint n_files = passphrase_files != NULL ? g_strv_length (passphrase_files) : 0;

  for (guint i = 0; key_files != NULL && key_files[i] != NULL; i++)
    {
      g_autofree char *prompt = g_strdup_printf (_("Passphrase for %s: "), key_files[i]);
      g_autoptr(AssayCliPassphrase) p = NULL;
      g_autoptr(GError) error = NULL;
      AssayKeyFile *key;

      p = assay_cli_passphrase_get (i < n_files ? passphrase_files[i] : NULL, "--passphrase-file",
                                    prompt, NULL, &error);
      if (p == NULL)
        {
          *out_status = error->domain == G_OPTION_ERROR
                        ? assay_cli_usage_error (name, ASSAY_CLI_HELP_FOR_USAGE, "%s", error->message)
                        : assay_central_fail (command, error);
          return NULL;
        }
      key = assay_key_file_open (key_files[i], p->data, p->len, &error);
      if (key == NULL)
        {
          g_prefix_error (&error, "%s: ", key_files[i]);
          *out_status = roster_fail (command, error);
          return NULL;
        }
      g_ptr_array_add (keys, key);
    }
  return g_steal_pointer (&keys);
}

/* The roster payload in @file (any JSON spelling), written canonically
 * and signed by each of @keys. */
static char *
sign_roster_file (const char  *file,
                  GPtrArray   *keys,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AssayRoster) roster = NULL;
  g_autoptr(GError) local = NULL;

  if (!json_parser_load_from_mapped_file (parser, file, &local))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The roster file “%s” is not JSON: %s"), file, local->message);
      return NULL;
    }
  if ((payload = assay_canonical_json_encode (json_parser_get_root (parser), error)) == NULL
      || (roster = assay_roster_new_from_payload (payload, error)) == NULL)
    {
      g_prefix_error (error, _("The roster file “%s” is not a roster: "), file);
      return NULL;
    }
  return assay_roster_sign (roster, (AssayKeyFile * const *) keys->pdata, keys->len, error);
}

/* What replicas will do with the envelope: join it to the chain, at the end
 * of the day it is logged; and what the rotation rules say of it now. */
static gboolean
check_rotation (AssayCentralStore  *store,
                const char         *envelope,
                GError            **error)
{
  gint64 times[2] = { g_get_real_time () / G_USEC_PER_SEC,
                      assay_central_end_of_day (assay_central_today_utc ()) };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(AssayCentralHistory) history = assay_central_history_new ();

      if ((store != NULL && !assay_central_history_update (history, store, error))
          || !assay_roster_chain_append (assay_central_history_get_chain (history), envelope, -1,
                                         times[i], error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
append_roster (AssayCentralStore  *store,
               const char         *envelope,
               guint64            *out_index,
               GError            **error)
{
  return assay_central_store_begin (store, error)
         && assay_central_store_append_signed (store, ASSAY_ENTRY_ROSTER, envelope, strlen (envelope),
                                               assay_central_today_utc (), out_index, error)
         && assay_central_store_commit (store, error);
}

static int
log_roster (const char *command,
            const char *data_dir,
            const char *envelope)
{
  g_autoptr(AssayCentralStore) store = NULL;
  g_autoptr(AssayCentralHistory) history = assay_central_history_new ();
  g_autoptr(GError) error = NULL;
  AssayRoster *roster;
  guint64 index = 0;

  store = assay_central_store_open (data_dir, ASSAY_CENTRAL_OPEN_WRITE, &error);
  if (store == NULL)
    return assay_central_fail (command, error);
  if (!check_rotation (store, envelope, &error))
    {
      g_prefix_error (&error, _("The roster is refused: "));
      return roster_fail (command, error);
    }
  if (!append_roster (store, envelope, &index, &error)
      || !assay_central_history_update (history, store, &error))
    return roster_fail (command, error);
  roster = assay_roster_chain_get_current (assay_central_history_get_chain (history));
  /* Translators: "Logged roster version 2 at index 40." */
  g_printerr (_("Logged roster version %" PRId64 " at index %" PRIu64 ".\n"),
              roster != NULL ? roster->version : 0, index);
  return ASSAY_EXIT_OK;
}

char *
assay_central_roster_prepare (const char  *command,
                              const char  *file,
                              char       **key_files,
                              char       **passphrase_files,
                              gboolean     first,
                              int         *out_status)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *envelope = NULL;

  if ((keys = open_keys (command, key_files, passphrase_files, out_status)) == NULL)
    return NULL;
  if ((envelope = sign_roster_file (file, keys, &error)) == NULL
      || (first && !check_rotation (NULL, envelope, &error)))
    {
      if (first)
        g_prefix_error (&error, _("The roster is refused: "));
      *out_status = roster_fail (command, error);
      return NULL;
    }
  return g_steal_pointer (&envelope);
}

int
assay_central_roster_log (const char *command,
                          const char *data_dir,
                          const char *envelope)
{
  return log_roster (command, data_dir, envelope);
}

int
assay_central_cmd_roster (int argc, char **argv)
{
  g_autofree char *data_dir = NULL;
  g_auto(GStrv) key_files = NULL;
  g_auto(GStrv) passphrase_files = NULL;
  g_autofree char *envelope = NULL;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("The data directory"), N_("DIR") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &key_files, N_("A roster_root key file that signs (repeat for each)"), N_("KEY") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &passphrase_files,
      N_("The passphrase of the key in the same position (else asked on the terminal)"), N_("FILE") },
    { NULL }
  };
  int status = assay_central_parse_options ("roster", _("FILE"),
                                            _("Signs the roster payload in FILE (JSON, README “Roster”) with "
                                              "each --key and logs it as the next roster version, if the "
                                              "rotation rules hold: exactly one version more, naming the "
                                              "current one as prev, signed by the roster_root threshold of "
                                              "both. Exit status 3 when it is refused."),
                                            entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (!assay_central_require_data ("roster", data_dir))
    return ASSAY_EXIT_USAGE;
  if (argc != 2)
    return assay_cli_usage_error ("assay-central roster", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("give exactly one roster FILE."));
  if (key_files == NULL)
    return assay_cli_usage_error ("assay-central roster", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("--key KEY is required (once for each signer)."));
  envelope = assay_central_roster_prepare ("roster", argv[1], key_files, passphrase_files, FALSE, &status);
  if (envelope == NULL)
    return status;
  return log_roster ("roster", data_dir, envelope);
}

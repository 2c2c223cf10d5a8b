/* assay-central-init.c — assay-central init
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

#include "assay-central-commands.h"
#include "assay-central-options.h"
#include "assay-central-roster.h"
#include "assay-central-store.h"
#include "assay-cli-options.h"

int
assay_central_cmd_init (int argc, char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *vkey = NULL;
  g_autofree char *roster_file = NULL;
  g_autofree char *envelope = NULL;
  g_auto(GStrv) key_files = NULL;
  g_auto(GStrv) passphrase_files = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("The data directory to create"), N_("DIR") },
    { "origin", 0, 0, G_OPTION_ARG_STRING, &origin, N_("The log's origin, e.g. ledger.example.cn/pilot"), N_("ORIGIN") },
    { "roster", 0, 0, G_OPTION_ARG_FILENAME, &roster_file, N_("Log this roster payload (JSON) as roster version 1"), N_("FILE") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &key_files, N_("A roster_root key file that signs the roster (repeat for each)"), N_("KEY") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &passphrase_files,
      N_("The passphrase of the key in the same position (else asked on the terminal)"), N_("FILE") },
    { NULL }
  };
  int status = assay_central_parse_options ("init", NULL,
                                            _("Creates a data directory, the log's Ed25519 signing key "
                                              "(mode 0600) and the empty tree's checkpoint, and prints "
                                              "the verifier key that clients need. With --roster and "
                                              "--key, also signs and logs the first roster."),
                                            entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc > 1)
    return assay_cli_usage_error ("assay-central init", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("unexpected argument “%s”."), argv[1]);
  if (!assay_central_require_data ("init", data_dir))
    return ASSAY_EXIT_USAGE;
  if (origin == NULL)
    return assay_cli_usage_error ("assay-central init", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("--origin ORIGIN is required."));
  if (!assay_central_origin_validate (origin, &error))
    return assay_cli_usage_error ("assay-central init", ASSAY_CLI_HELP_FOR_USAGE,
                                  "%s", error->message);

  if ((roster_file == NULL) != (key_files == NULL))
    return assay_cli_usage_error ("assay-central init", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("--roster FILE and --key KEY go together."));
  /* Keys and roster first: a refusal leaves no data directory behind. */
  if (roster_file != NULL
      && (envelope = assay_central_roster_prepare ("init", roster_file, key_files, passphrase_files,
                                                   TRUE, &status)) == NULL)
    return status;

  vkey = assay_central_store_create (data_dir, origin, &error);
  if (vkey == NULL)
    return assay_central_fail ("init", error);
  g_print ("%s\n", vkey);
  if (envelope != NULL)
    return assay_central_roster_log ("init", data_dir, envelope);
  return ASSAY_EXIT_OK;
}

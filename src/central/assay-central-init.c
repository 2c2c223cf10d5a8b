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
#include "assay-central-store.h"
#include "assay-cli-options.h"

int
assay_central_cmd_init (int argc, char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *vkey = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("The data directory to create"), N_("DIR") },
    { "origin", 0, 0, G_OPTION_ARG_STRING, &origin, N_("The log's origin, e.g. ledger.example.cn/pilot"), N_("ORIGIN") },
    { NULL }
  };
  int status = assay_central_parse_options ("init", NULL,
                                            _("Creates a data directory, the log's Ed25519 signing key "
                                              "(mode 0600) and the empty tree's checkpoint, and prints "
                                              "the verifier key that clients need."),
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

  vkey = assay_central_store_create (data_dir, origin, &error);
  if (vkey == NULL)
    return assay_central_fail ("init", error);
  g_print ("%s\n", vkey);
  return ASSAY_EXIT_OK;
}

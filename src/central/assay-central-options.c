/* assay-central-options.c — option parsing and error reporting shared by the subcommands
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

#include "assay-cli-options.h"
#include "assay-central-commands.h"
#include "assay-central-options.h"
#include "assay-day.h"

int
assay_central_parse_options (const char          *command,
                             const char          *parameter_string,
                             const char          *summary,
                             const GOptionEntry  *entries,
                             int                 *argc,
                             char              ***argv)
{
  g_autofree char *prgname = g_strconcat ("assay-central ", command, NULL);

  g_set_prgname (prgname);
  if (!assay_cli_parse_command_options (prgname, ASSAY_CLI_HELP_FOR_USAGE, parameter_string, summary,
                                        entries, argc, argv))
    return ASSAY_EXIT_USAGE;
  return -1;
}

int
assay_central_fail (const char   *command,
                    const GError *error)
{
  g_printerr ("assay-central %s: %s\n", command, error->message);
  return ASSAY_EXIT_FAILURE;
}

gboolean
assay_central_day_option (const char *command,
                          const char *option,
                          const char *value,
                          guint32    *out_day)
{
  g_autofree char *name = NULL;

  if (value == NULL)
    {
      *out_day = assay_day_today ();
      return TRUE;
    }
  if (assay_day_parse (value, -1, out_day))
    return TRUE;
  name = g_strconcat ("assay-central ", command, NULL);
  assay_cli_usage_error (name, ASSAY_CLI_HELP_FOR_USAGE,
                         _("%s “%s” is not a date; write it as YYYY-MM-DD."), option, value);
  return FALSE;
}

gboolean
assay_central_require_data (const char *command,
                            const char *data_dir)
{
  g_autofree char *name = NULL;

  if (data_dir != NULL)
    return TRUE;
  name = g_strconcat ("assay-central ", command, NULL);
  assay_cli_usage_error (name, ASSAY_CLI_HELP_FOR_USAGE, _("--data DIR is required."));
  return FALSE;
}

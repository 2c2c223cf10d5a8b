/* assay-cli-options.c — option parsing and usage errors shared by the command-line tools
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

#include "assay-cli-options.h"

gboolean
assay_cli_parse_options (const char          *parameter_string,
                         const char          *summary,
                         const GOptionEntry  *entries,
                         int                 *argc,
                         char              ***argv,
                         GError             **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return g_option_context_parse (context, argc, argv, error);
}

int
assay_cli_usage_error (const char   *tool_and_command,
                       AssayCliHelp  help,
                       const char   *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_val_if_fail (tool_and_command != NULL, ASSAY_CLI_EXIT_USAGE);
  g_return_val_if_fail (format != NULL, ASSAY_CLI_EXIT_USAGE);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  switch (help)
    {
    case ASSAY_CLI_HELP_FOR_USAGE:
      /* Translators: "assay-central import: <message>", then the command's --help. */
      g_printerr (_("%s: %s\nRun “%s --help” for usage.\n"),
                  tool_and_command, message, tool_and_command);
      break;
    case ASSAY_CLI_HELP_FOR_THE_OPTIONS:
      /* Translators: "assay-central generate: <message>", then the command's --help. */
      g_printerr (_("%s: %s\nRun “%s --help” for the options.\n"),
                  tool_and_command, message, tool_and_command);
      break;
    case ASSAY_CLI_HELP_FOR_ITS_OPTIONS:
    default:
      /* Translators: "assayctl sync: <message>", then the command's --help. */
      g_printerr (_("%s: %s\nRun “%s --help” for its options.\n"),
                  tool_and_command, message, tool_and_command);
      break;
    }
  return ASSAY_CLI_EXIT_USAGE;
}

gboolean
assay_cli_parse_command_options (const char          *tool_and_command,
                                 AssayCliHelp         help,
                                 const char          *parameter_string,
                                 const char          *summary,
                                 const GOptionEntry  *entries,
                                 int                 *argc,
                                 char              ***argv)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (tool_and_command != NULL, FALSE);

  if (assay_cli_parse_options (parameter_string, summary, entries, argc, argv, &error))
    return TRUE;
  assay_cli_usage_error (tool_and_command, help, "%s", error->message);
  return FALSE;
}

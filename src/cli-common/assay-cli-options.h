/* assay-cli-options.h — option parsing and usage errors shared by the command-line tools
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

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses a command's options from argv (`entries`, translated in the
 * project's domain) and leaves the other arguments in argv.  FALSE with
 * GLib's G_OPTION_ERROR if they do not parse (which
 * assay_cli_parse_command_options() reports as a usage error).
 * `parameter_string` and `summary` may be NULL. */
gboolean assay_cli_parse_options (const char          *parameter_string,
                                  const char          *summary,
                                  const GOptionEntry  *entries,
                                  int                 *argc,
                                  char              ***argv,
                                  GError             **error);

/* The exit status of a usage error, in both tools. */
#define ASSAY_CLI_EXIT_USAGE 2

/* What the second line of a usage error says “TOOL COMMAND --help” is
 * for: each tool has always worded it its own way, and its users (and
 * translations) know that wording. */
typedef enum
{
  ASSAY_CLI_HELP_FOR_ITS_OPTIONS,  /* assayctl: “… for its options.” */
  ASSAY_CLI_HELP_FOR_USAGE,        /* assay-central: “… for usage.” */
  ASSAY_CLI_HELP_FOR_THE_OPTIONS,  /* assay-central generate: “… for the options.” */
} AssayCliHelp;

/* Prints “TOOL COMMAND: message” and, on a second line, where to find the
 * command's options, on standard error; returns ASSAY_CLI_EXIT_USAGE.
 * `tool_and_command` is how the user calls the command: “assayctl sync”,
 * “assay-central import”. */
int      assay_cli_usage_error   (const char          *tool_and_command,
                                  AssayCliHelp         help,
                                  const char          *format,
                                  ...) G_GNUC_PRINTF (3, 4);
/* assay_cli_parse_options(), reporting options that do not parse as a
 * usage error of `tool_and_command`; FALSE after one. */
gboolean assay_cli_parse_command_options (const char          *tool_and_command,
                                          AssayCliHelp         help,
                                          const char          *parameter_string,
                                          const char          *summary,
                                          const GOptionEntry  *entries,
                                          int                 *argc,
                                          char              ***argv);

G_END_DECLS

/* assay-cli-options.h — option parsing shared by the command-line tools
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
 * GLib's G_OPTION_ERROR if they do not parse; each tool reports that as
 * its own usage error.  `parameter_string` and `summary` may be NULL. */
gboolean assay_cli_parse_options (const char          *parameter_string,
                                  const char          *summary,
                                  const GOptionEntry  *entries,
                                  int                 *argc,
                                  char              ***argv,
                                  GError             **error);

G_END_DECLS

/* assay-central-options.h — option parsing and error reporting shared by the subcommands
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

/* Parses argv (argv[0] = the subcommand).  Returns -1 to go on, or the
 * exit status to return at once (0 after --help, 2 after a bad option). */
int  assay_central_parse_options (const char          *command,
                                  const char          *parameter_string,
                                  const char          *summary,
                                  const GOptionEntry  *entries,
                                  int                 *argc,
                                  char              ***argv);
/* Prints the error; returns the failure exit status (1). */
int  assay_central_fail          (const char          *command,
                                  const GError        *error);
/* --now DATE, or today's local date when NULL. */
gboolean assay_central_day_option (const char         *command,
                                   const char         *option,
                                   const char         *value,
                                   guint32            *out_day);
/* --data is required by every subcommand. */
gboolean assay_central_require_data (const char       *command,
                                     const char       *data_dir);

G_END_DECLS

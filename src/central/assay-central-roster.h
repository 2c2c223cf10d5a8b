/* assay-central-roster.h — signing and logging roster versions (init --roster, roster)
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

/* Opens the key files (with the passphrase files in the same positions,
 * or prompts) and signs the roster payload in @file with them; with
 * @first, also checks that it can start a chain.  NULL after printing
 * why, with the exit status in @out_status. */
char *assay_central_roster_prepare (const char  *command,
                                    const char  *file,
                                    char       **key_files,
                                    char       **passphrase_files,
                                    gboolean     first,
                                    int         *out_status);
/* Checks the rotation rules against the log's chain and logs @envelope;
 * the exit status. */
int   assay_central_roster_log     (const char  *command,
                                    const char  *data_dir,
                                    const char  *envelope);

G_END_DECLS

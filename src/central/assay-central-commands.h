/* assay-central-commands.h — the subcommands of assay-central
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

/* Exit statuses shared by every subcommand. */
#define ASSAY_EXIT_OK       0
#define ASSAY_EXIT_FAILURE  1
#define ASSAY_EXIT_USAGE    2
#define ASSAY_EXIT_REFUSED  3   /* fails verification: a roster the rules refuse */

/* Each subcommand gets argv with argv[0] = the subcommand name. */
int assay_central_cmd_init     (int argc, char **argv);
int assay_central_cmd_import   (int argc, char **argv);
int assay_central_cmd_publish  (int argc, char **argv);
int assay_central_cmd_erase    (int argc, char **argv);
int assay_central_cmd_serve    (int argc, char **argv);
int assay_central_cmd_generate (int argc, char **argv);
int assay_central_cmd_cosign   (int argc, char **argv);
int assay_central_cmd_append_envelope (int argc, char **argv);
int assay_central_cmd_append_pause (int argc, char **argv);
int assay_central_cmd_roster   (int argc, char **argv);
int assay_central_cmd_held     (int argc, char **argv);

G_END_DECLS

/* assayctl-replica-commands.c — assayctl subcommands that work on a replica
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

#include "assayctl-commands.h"

static int
not_implemented (const char *name)
{
  g_printerr (_("assayctl: %s: not implemented yet\n"), name);
  return ASSAYCTL_EXIT_FAILURE;
}

int assayctl_cmd_sync (const AssayctlGlobals *g, int argc, char **argv) { return not_implemented ("sync"); }
int assayctl_cmd_status (const AssayctlGlobals *g, int argc, char **argv) { return not_implemented ("status"); }
int assayctl_cmd_verify (const AssayctlGlobals *g, int argc, char **argv) { return not_implemented ("verify"); }
int assayctl_cmd_entries (const AssayctlGlobals *g, int argc, char **argv) { return not_implemented ("entries"); }
int assayctl_cmd_prove (const AssayctlGlobals *g, int argc, char **argv) { return not_implemented ("prove"); }
int assayctl_cmd_check_proof (const AssayctlGlobals *g, int argc, char **argv) { return not_implemented ("check-proof"); }
int assayctl_cmd_evidence (const AssayctlGlobals *g, int argc, char **argv) { return not_implemented ("evidence"); }
int assayctl_cmd_clear_alert (const AssayctlGlobals *g, int argc, char **argv) { return not_implemented ("clear-alert"); }

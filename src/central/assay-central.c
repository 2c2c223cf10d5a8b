/* assay-central.c — the reference central service: entry point
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
#include <string.h>

#include "assay-central-commands.h"
#include "assay-version.h"

typedef struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "init", assay_central_cmd_init, N_("Create a data directory and the log's signing key") },
  { "import", assay_central_cmd_import, N_("Validate and append entries from a JSON Lines file") },
  { "publish", assay_central_cmd_publish, N_("Integrate pending entries whose publication date has come") },
  { "erase", assay_central_cmd_erase, N_("Erase an account's records for a period (Article V forget mode)") },
  { "roster", assay_central_cmd_roster, N_("Sign and log the next roster version, if the rotation rules hold") },
  { "append-envelope", assay_central_cmd_append_envelope, N_("Log one roster or decision envelope (low level: signatures are not checked)") },
  { "append-pause",    assay_central_cmd_append_pause, N_("Log one pause entry (low level: its flag is not evaluated)") },
  { "held", assay_central_cmd_held, N_("List the redemptions held while their accounts are paused") },
  { "serve", assay_central_cmd_serve, N_("Serve the log as C2SP tiles over HTTP") },
  { "cosign", assay_central_cmd_cosign, N_("Add a local witness's cosignature to the served checkpoint") },
  { "generate", assay_central_cmd_generate, N_("Generate the pilot dataset with planted misconduct") },
};

static void
print_help (void)
{
  g_print (_("Usage: assay-central COMMAND [OPTION…]\n\n"
             "The reference central service of the contribution-value ledger.\n\n"
             "Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-16s %s\n", commands[i].name, _(commands[i].summary));
  g_print (_("\nOptions:\n"
             "  -h, --help     Show this help\n"
             "  --version      Show the version\n\n"
             "Run “assay-central COMMAND --help” for a command's options.\n"));
}

int
main (int argc, char **argv)
{
  assay_i18n_init ();

  if (argc < 2)
    {
      print_help ();
      return ASSAY_EXIT_USAGE;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_help ();
      return ASSAY_EXIT_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("assay-central %s\n", assay_version_string ());
      return ASSAY_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  if (argv[1][0] == '-')
    g_printerr (_("assay-central: unknown option “%s”. Run “assay-central --help” for the list.\n"), argv[1]);
  else
    g_printerr (_("assay-central: unknown command “%s”. Run “assay-central --help” for the list.\n"), argv[1]);
  return ASSAY_EXIT_USAGE;
}

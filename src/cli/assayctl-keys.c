/* assayctl-keys.c — assayctl key: signing key files
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
#include <sodium.h>
#include <string.h>

#include "assay-cli-options.h"
#include "assay-cli-passphrase.h"
#include "assay-error.h"
#include "assay-key-file.h"
#include "assayctl-commands.h"
#include "assayctl-replica-util.h"

/* The passphrase from @file, or from the terminal; NULL after printing why,
 * with @out_status set. */
static AssayCliPassphrase *
get_passphrase (const char *command,
                const char *file,
                const char *option,
                const char *prompt,
                const char *confirm,
                int        *out_status)
{
  g_autoptr(GError) error = NULL;
  AssayCliPassphrase *p = assay_cli_passphrase_get (file, option, prompt, confirm, &error);

  if (p != NULL)
    return p;
  if (error->domain == G_OPTION_ERROR)
    *out_status = assay_cli_usage_error (command, ASSAY_CLI_HELP_FOR_ITS_OPTIONS, "%s", error->message);
  else
    *out_status = assayctl_fail (error);
  return NULL;
}

/* A wrong passphrase or a damaged file exits with 3. */
static int key_fail (const GError *error);

AssayKeyFile *
assayctl_open_key (const char *command,
                   const char *path,
                   const char *passphrase_file,
                   int        *out_status)
{
  g_autoptr(AssayCliPassphrase) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prompt = g_strdup_printf (_("Passphrase for %s: "), path);
  AssayKeyFile *key;

  p = get_passphrase (command, passphrase_file, "--passphrase-file", prompt, NULL, out_status);
  if (p == NULL)
    return NULL;
  key = assay_key_file_open (path, p->data, p->len, &error);
  if (key == NULL)
    *out_status = key_fail (error);
  return key;
}

static int
key_fail (const GError *error)
{
  if (g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION))
    {
      g_printerr ("assayctl: %s\n", error->message);
      return ASSAYCTL_EXIT_SECURITY;
    }
  return assayctl_fail (error);
}

static void
print_public_key (const guint8 *pk)
{
  g_autofree char *b64 = g_base64_encode (pk, ASSAY_KEY_PUBLIC_KEY_SIZE);
  g_autofree char *id = assay_key_id (pk);

  g_print (_("Public key: %s\nKey id: %s\n"), b64, id);
}

static int
key_create (int    argc,
            char **argv)
{
  g_autofree char *passphrase_file = NULL;
  const GOptionEntry entries[] = {
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the passphrase from FILE instead of the terminal"), N_("FILE") },
    { NULL }
  };
  g_autoptr(AssayCliPassphrase) p = NULL;
  g_autoptr(GError) error = NULL;
  guint8 pk[ASSAY_KEY_PUBLIC_KEY_SIZE];
  int status;

  if (!assayctl_parse_options ("key create", _("FILE"), entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 2)
    return assay_cli_usage_error ("assayctl key create", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give one key FILE."));
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_printerr (_("assayctl: “%s” exists; a key file is never overwritten\n"), argv[1]);
      return ASSAYCTL_EXIT_FAILURE;
    }
  p = get_passphrase ("assayctl key create", passphrase_file, "--passphrase-file",
                      _("New passphrase: "), _("Repeat the passphrase: "), &status);
  if (p == NULL)
    return status;
  if (!assay_key_file_create (argv[1], p->data, p->len, &error)
      || !assay_key_file_read_public_key (argv[1], pk, &error))
    return key_fail (error);
  print_public_key (pk);
  return ASSAYCTL_EXIT_OK;
}

static int
key_show (int    argc,
          char **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  guint8 pk[ASSAY_KEY_PUBLIC_KEY_SIZE];

  if (!assayctl_parse_options ("key show", _("FILE"), entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 2)
    return assay_cli_usage_error ("assayctl key show", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give one key FILE."));
  if (!assay_key_file_read_public_key (argv[1], pk, &error))
    return key_fail (error);
  print_public_key (pk);
  return ASSAYCTL_EXIT_OK;
}

static int
key_passwd (int    argc,
            char **argv)
{
  g_autofree char *old_file = NULL;
  g_autofree char *new_file = NULL;
  const GOptionEntry entries[] = {
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &old_file,
      N_("Read the current passphrase from FILE instead of the terminal"), N_("FILE") },
    { "new-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &new_file,
      N_("Read the new passphrase from FILE instead of the terminal"), N_("FILE") },
    { NULL }
  };
  g_autoptr(AssayCliPassphrase) old = NULL;
  g_autoptr(AssayCliPassphrase) new = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!assayctl_parse_options ("key passwd", _("FILE"), entries, &argc, &argv))
    return ASSAYCTL_EXIT_USAGE;
  if (argc != 2)
    return assay_cli_usage_error ("assayctl key passwd", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("give one key FILE."));
  old = get_passphrase ("assayctl key passwd", old_file, "--passphrase-file",
                        _("Current passphrase: "), NULL, &status);
  if (old == NULL)
    return status;
  new = get_passphrase ("assayctl key passwd", new_file, "--new-passphrase-file",
                        _("New passphrase: "), _("Repeat the passphrase: "), &status);
  if (new == NULL)
    return status;
  if (!assay_key_file_change_passphrase (argv[1], old->data, old->len,
                                         new->data, new->len, &error))
    return key_fail (error);
  g_print (_("The passphrase of “%s” is changed.\n"), argv[1]);
  return ASSAYCTL_EXIT_OK;
}

int
assayctl_cmd_key (const AssayctlGlobals *globals,
                  int                    argc,
                  char                 **argv)
{
  if (sodium_init () < 0)
    {
      g_printerr (_("assayctl: libsodium could not be initialised\n"));
      return ASSAYCTL_EXIT_FAILURE;
    }
  if (argc >= 2 && strcmp (argv[1], "create") == 0)
    return key_create (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "show") == 0)
    return key_show (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "passwd") == 0)
    return key_passwd (argc - 1, argv + 1);
  if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
    {
      g_print (_("Usage: assayctl key create [--passphrase-file F] FILE\n"
                 "       assayctl key show FILE\n"
                 "       assayctl key passwd [--passphrase-file OLD] [--new-passphrase-file NEW] FILE\n\n"
                 "Create an Ed25519 signing key file protected by a passphrase, show its public key "
                 "and key id, or change its passphrase.\nWithout a passphrase file the passphrase "
                 "is read from the terminal.\n"
                 "Exit status: 0 success, 1 error, 2 usage error, 3 wrong passphrase or damaged file.\n"));
      return ASSAYCTL_EXIT_OK;
    }
  if (argc >= 2)
    return assay_cli_usage_error ("assayctl key", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                  _("unknown subcommand “%s”; the subcommands are “create”, “show” and “passwd”."),
                                  argv[1]);
  return assay_cli_usage_error ("assayctl key", ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                _("give a subcommand: “create FILE”, “show FILE” or “passwd FILE”."));
}

/* assay-central-erase.c — assay-central erase
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
#include "assay-central-options.h"
#include "assay-central-breakers.h"
#include "assay-central-notices.h"
#include "assay-central-store.h"
#include "assay-cli-options.h"

/* The README's account id: 4–64 of a-z 0-9 -, starting with a letter or digit. */
static gboolean
account_is_valid (const char *account)
{
  gsize len = strlen (account);

  if (len < 4 || len > 64 || account[0] == '-')
    return FALSE;
  for (const char *p = account; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static int
run_erase (const char *data_dir,
           const char *account,
           guint32     from_day,
           guint32     to_day,
           guint32     issued_day)
{
  g_autoptr(AssayCentralStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint64 erased = 0;
  guint64 pending = 0;

  store = assay_central_store_open (data_dir, ASSAY_CENTRAL_OPEN_WRITE, &error);
  if (store == NULL
      || !assay_central_store_begin (store, &error)
      || !assay_central_store_erase (store, account, from_day, to_day, FALSE, issued_day,
                                     &erased, &pending, &error))
    return assay_central_fail ("erase", error);

  if (erased + pending == 0)
    {
      assay_central_store_rollback (store);
      g_print (_("No entries of account “%s” have an event date in that period; nothing was erased.\n"),
               account);
      return ASSAY_EXIT_OK;
    }
  if (!assay_central_store_commit (store, &error)
      || !assay_central_store_purge (store, &error)
      || !assay_central_breakers_catch_up (store, &error)
      || !assay_central_notices_catch_up (store, &error))
    return assay_central_fail ("erase", error);
  g_print (_("Erased %llu published entries (a tombstone names their leaf indices) and %llu "
             "pending entries of account “%s”. The log has %llu entries.\n"),
           (unsigned long long) erased, (unsigned long long) pending, account,
           (unsigned long long) assay_central_store_get_size (store));
  return ASSAY_EXIT_OK;
}

int
assay_central_cmd_erase (int argc, char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *account = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *now = NULL;
  guint32 from_day, to_day, issued_day;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("The data directory"), N_("DIR") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("The account whose records are erased"), N_("ID") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First event date of the period"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last event date of the period"), N_("YYYY-MM-DD") },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now, N_("The tombstone's issued date (default: the local date)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  int status = assay_central_parse_options ("erase", NULL,
                                            _("Article V forget mode: erases the bodies and salts of "
                                              "the account's entries whose event date is in the period "
                                              "(inclusive), appends a tombstone that names only their "
                                              "leaf indices, zeroes their body bundle records and signs "
                                              "a new checkpoint. Pending entries are simply deleted."),
                                            entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc > 1)
    return assay_cli_usage_error ("assay-central erase", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("unexpected argument “%s”."), argv[1]);
  if (!assay_central_require_data ("erase", data_dir))
    return ASSAY_EXIT_USAGE;
  if (account == NULL || from == NULL || to == NULL)
    return assay_cli_usage_error ("assay-central erase", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("--account, --from and --to are required."));
  if (!account_is_valid (account))
    return assay_cli_usage_error ("assay-central erase", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("“%s” is not an account id (4–64 characters of "
                                    "a-z, 0-9 and -, starting with a letter or digit)."),
                                  account);
  if (!assay_central_day_option ("erase", "--from", from, &from_day)
      || !assay_central_day_option ("erase", "--to", to, &to_day)
      || !assay_central_day_option ("erase", "--now", now, &issued_day))
    return ASSAY_EXIT_USAGE;
  if (from_day > to_day)
    return assay_cli_usage_error ("assay-central erase", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("--from %s is after --to %s."), from, to);
  return run_erase (data_dir, account, from_day, to_day, issued_day);
}

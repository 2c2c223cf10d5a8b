/* assay-central-publish.c — assay-central publish
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

#include <inttypes.h>

#include <glib/gi18n.h>

#include "assay-central-commands.h"
#include "assay-central-options.h"
#include "assay-central-breakers.h"
#include "assay-central-held.h"
#include "assay-central-store.h"
#include "assay-cli-options.h"

int
assay_central_cmd_publish (int argc, char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *now = NULL;
  g_autofree char *rule_set = NULL;
  g_autoptr(AssayCentralStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayCentralHistory) history = NULL;
  guint64 added = 0;
  guint n_paused = 0;
  guint32 today;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("The data directory"), N_("DIR") },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now, N_("Today's date (default: the local date)"), N_("YYYY-MM-DD") },
    { "rule-set", 0, 0, G_OPTION_ARG_FILENAME, &rule_set,
      N_("The rule set whose 6.1 breakers pause (default: the installed rules/pilot.json)"),
      N_("FILE") },
    { NULL }
  };
  int status = assay_central_parse_options ("publish", NULL,
                                            _("Appends the pending entries whose publication date is "
                                              "on or before today to the log and signs a new checkpoint."),
                                            entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc > 1)
    return assay_cli_usage_error ("assay-central publish", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("unexpected argument “%s”."), argv[1]);
  if (!assay_central_require_data ("publish", data_dir)
      || !assay_central_day_option ("publish", "--now", now, &today))
    return ASSAY_EXIT_USAGE;

  store = assay_central_store_open (data_dir, ASSAY_CENTRAL_OPEN_WRITE, &error);
  if (store == NULL
      || (history = assay_central_held_read_history (store, &error)) == NULL
      || !assay_central_store_begin (store, &error))
    return assay_central_fail ("publish", error);
  /* A due redemption of a paused account is held, not published. */
  assay_central_held_prepare (store, history);
  if (!assay_central_store_integrate (store, today, &added, &error)
      || !assay_central_store_commit (store, &error))
    return assay_central_fail ("publish", error);

  g_print (_("Published %llu entries. The log has %llu entries; %llu wait for their "
             "publication date.\n"),
           (unsigned long long) added,
           (unsigned long long) assay_central_store_get_size (store),
           (unsigned long long) assay_central_store_count_pending (store));
  assay_central_held_print_summary (store);
  /* Entries that join the log by date may trip a breaker as an import's do. */
  if (!assay_central_breakers_run (store, rule_set, today, &n_paused, &error))
    return assay_central_fail ("publish", error);
  if (n_paused > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Breakers: %u new pause logged. The log has %" PRIu64
                          " entries.\n", "Breakers: %u new pauses logged. The log has %" PRIu64
                          " entries.\n", n_paused),
             n_paused, assay_central_store_get_size (store));
  return ASSAY_EXIT_OK;
}

/* assay-central-append.c — the append-envelope command: log one roster or decision
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

#include "assay-central-commands.h"
#include "assay-central-held.h"
#include "assay-central-options.h"
#include "assay-central-store.h"
#include "assay-cli-options.h"
#include "assay-dsse.h"

/* A restore or zero logged here settles the redemptions it releases, as
 * one logged by `POST /decisions` does; an envelope that is no readable
 * decision settles nothing (replicas will not apply it either). */
static gboolean
settle_held (AssayCentralStore   *store,
             AssayCentralHistory *history,
             const char          *envelope,
             gsize               len,
             guint64             index,
             guint              *out_n_logged,
             guint              *out_n_refused,
             GError            **error)
{
  g_autoptr(AssayDsseEnvelope) parsed = assay_dsse_envelope_new_from_json (envelope, len, NULL);
  g_autoptr(AssayDecision) decision = NULL;

  if (parsed == NULL || (decision = assay_decision_new_from_envelope (parsed, NULL)) == NULL)
    return TRUE;
  return assay_central_held_settle (store, history, decision, index, out_n_logged, out_n_refused, error);
}

/* The low-level path that `init --roster` and `POST /decisions` will take
 * once the decisions layer has verified the envelope: it checks the
 * envelope's shape only, and logs it in one transaction. */
static int
run_append (const char     *data_dir,
            AssayEntryKind  kind,
            const char     *file,
            guint32         logged_day)
{
  g_autoptr(AssayCentralStore) store = NULL;
  g_autoptr(AssayCentralHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *envelope = NULL;
  gsize len = 0;
  guint64 index = 0;
  guint n_logged = 0, n_refused = 0;

  if (!g_file_get_contents (file, &envelope, &len, &error))
    return assay_central_fail ("append-envelope", error);
  store = assay_central_store_open (data_dir, ASSAY_CENTRAL_OPEN_WRITE, &error);
  /* The log's pauses and releases as they stand before this entry. */
  if (store == NULL
      || (history = assay_central_held_read_history (store, &error)) == NULL
      || !assay_central_store_begin (store, &error)
      || !assay_central_store_append_signed (store, kind, envelope, len, logged_day, &index, &error)
      || (kind == ASSAY_ENTRY_DECISION
          && !settle_held (store, history, envelope, len, index, &n_logged, &n_refused, &error))
      || !assay_central_store_commit (store, &error))
    return assay_central_fail ("append-envelope", error);

  /* Translators: "Logged the roster entry at index 12. The log has 13 entries." */
  g_print (_("Logged the %s entry at index %llu. The log has %llu entries.\n"),
           assay_entry_kind_to_id (kind), (unsigned long long) index,
           (unsigned long long) assay_central_store_get_size (store));
  if (n_logged + n_refused > 0)
    g_print (_("Held redemptions it settled: %u logged, %u refused.\n"), n_logged, n_refused);
  return ASSAY_EXIT_OK;
}

int
assay_central_cmd_append_envelope (int argc, char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *kind_id = NULL;
  g_autofree char *now = NULL;
  AssayEntryKind kind;
  guint32 logged_day;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("The data directory"), N_("DIR") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_id, N_("roster or decision"), N_("KIND") },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now, N_("The entry's logged date (default: the local date)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  int status = assay_central_parse_options ("append-envelope", _("FILE"),
                                            _("Appends one roster or decision entry carrying the DSSE "
                                              "envelope in FILE, logged today, and signs a new "
                                              "checkpoint. Only the envelope's shape is checked, not "
                                              "its signatures: this is the low-level path that "
                                              "roster set-up and decision logging build on."),
                                            entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (!assay_central_require_data ("append-envelope", data_dir))
    return ASSAY_EXIT_USAGE;
  if (kind_id == NULL || !assay_entry_kind_from_id (kind_id, &kind)
      || (kind != ASSAY_ENTRY_ROSTER && kind != ASSAY_ENTRY_DECISION))
    return assay_cli_usage_error ("assay-central append-envelope", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("--kind must be roster or decision."));
  if (argc != 2)
    return assay_cli_usage_error ("assay-central append-envelope", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("give exactly one envelope FILE."));
  if (!assay_central_day_option ("append-envelope", "--now", now, &logged_day))
    return ASSAY_EXIT_USAGE;
  return run_append (data_dir, kind, argv[1], logged_day);
}

/* A pause body as given, checked as every replica checks it but not
 * re-evaluated: the low-level path for operators and tests (a pause with
 * no flag behind it is what the workstations must catch). */
static int
run_append_pause (const char *data_dir,
                  const char *file)
{
  g_autoptr(AssayCentralStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  gsize len = 0;
  guint64 index = 0;

  if (!g_file_get_contents (file, &body, &len, &error))
    return assay_central_fail ("append-pause", error);
  while (len > 0 && g_ascii_isspace (body[len - 1]))
    body[--len] = '\0';
  store = assay_central_store_open (data_dir, ASSAY_CENTRAL_OPEN_WRITE, &error);
  if (store == NULL
      || !assay_central_store_begin (store, &error)
      || !assay_central_store_append_pause (store, body, len, &index, &error)
      || !assay_central_store_commit (store, &error))
    return assay_central_fail ("append-pause", error);
  g_print (_("Logged the %s entry at index %llu. The log has %llu entries.\n"),
           assay_entry_kind_to_id (ASSAY_ENTRY_PAUSE), (unsigned long long) index,
           (unsigned long long) assay_central_store_get_size (store));
  return ASSAY_EXIT_OK;
}

int
assay_central_cmd_append_pause (int argc, char **argv)
{
  g_autofree char *data_dir = NULL;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("The data directory"), N_("DIR") },
    { NULL }
  };
  int status = assay_central_parse_options ("append-pause", _("FILE"),
                                            _("Appends the pause entry body in FILE and signs a new "
                                              "checkpoint. The body is checked as every replica "
                                              "checks it, but its flag is not evaluated: import does "
                                              "that. Workstations raise a security alert for a pause "
                                              "whose flag they do not find."),
                                            entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (!assay_central_require_data ("append-pause", data_dir))
    return ASSAY_EXIT_USAGE;
  if (argc != 2)
    return assay_cli_usage_error ("assay-central append-pause", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("give exactly one pause body FILE."));
  return run_append_pause (data_dir, argv[1]);
}

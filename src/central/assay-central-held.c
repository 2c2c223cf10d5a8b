/* assay-central-held.c — redemptions of paused accounts, held until a restore or zero
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
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "assay-central-commands.h"
#include "assay-central-held.h"
#include "assay-central-options.h"
#include "assay-central-store-private.h"
#include "assay-cli-options.h"
#include "assay-decision-types.h"
#include "assay-error.h"

/* Issue 11: while an account is paused its new redemptions are held, not
 * lost and not logged until a committee decision ends the pause.  A held
 * redemption keeps its entries row (idx NULL, as while pending, so a
 * duplicate is still refused and erasure still finds it) and its body in
 * the held table.  A restore appends it to the log; a zero keeps it as
 * `refused`, never logged, so that nothing disappears without a trace. */

gboolean
central_held_consider (AssayCentralStore  *store,
                       const char         *body,
                       gsize               len,
                       gint64              seq,
                       gboolean           *out_held,
                       GError            **error)
{
  g_autoptr(AssayEntry) entry = assay_entry_parse (body, len, error);
  sqlite3_stmt *stmt = NULL;
  gint64 pause;
  int rc;

  *out_held = FALSE;
  if (entry == NULL)
    return FALSE;
  if (entry->kind != ASSAY_ENTRY_REDEMPTION
      || (pause = store->hold_func (entry, store->hold_data)) < 0)
    return TRUE;
  if (sqlite3_prepare_v2 (store->db, "INSERT INTO held (seq, account, pause_idx, body) "
                          "VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL) != SQLITE_OK)
    return central_db_error (store->db, error);
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_text (stmt, 2, entry->account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, pause);
  sqlite3_bind_blob (stmt, 4, body, len, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return central_db_error (store->db, error);
  store->n_held++;
  *out_held = TRUE;
  return TRUE;
}

static gint64
hold_cb (const AssayEntry *redemption,
         gpointer          user_data)
{
  return assay_central_history_holding_pause (user_data, redemption->account, redemption->county, NULL);
}

void
assay_central_held_prepare (AssayCentralStore   *store,
                            AssayCentralHistory *history)
{
  /* With no pause in the log, nothing is held and no body is read twice. */
  if (assay_central_history_has_pauses (history))
    assay_central_store_set_hold_func (store, hold_cb, history);
}

AssayCentralHistory *
assay_central_held_read_history (AssayCentralStore  *store,
                                 GError            **error)
{
  g_autoptr(AssayCentralHistory) history = assay_central_history_new_for_holds ();

  if (!assay_central_history_update (history, store, error))
    return NULL;
  return g_steal_pointer (&history);
}

void
assay_central_held_print_summary (AssayCentralStore *store)
{
  guint64 n = assay_central_store_get_n_held (store);

  if (n > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Held %" PRIu64 " redemption of a paused account; it is not in the log. "
                          "“assay-central held” lists it.\n",
                          "Held %" PRIu64 " redemptions of paused accounts; they are not in the log. "
                          "“assay-central held” lists them.\n", n), n);
}

/* ---- settling, after a restore or zero ---------------------------------- */

static gboolean
exec_ids (AssayCentralStore  *store,
          const char         *sql,
          gint64              a,
          gint64              b,
          GError            **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return central_db_error (store->db, error);
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_int64 (stmt, 2, b);
  return central_db_step_done (store->db, stmt, error);
}

typedef struct
{
  gint64  id;
  gint64  seq;
  GBytes *body;
} HeldRow;

static void
held_row_free (gpointer data)
{
  HeldRow *row = data;

  g_bytes_unref (row->body);
  g_free (row);
}

/* The rows still held, in the order they were held: read before any of
 * them changes. */
static GPtrArray *
list_held (AssayCentralStore  *store,
           GError            **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (held_row_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (store->db, "SELECT id, seq, body FROM held WHERE state = 'held' ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      central_db_error (store->db, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HeldRow *row = g_new0 (HeldRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->seq = sqlite3_column_int64 (stmt, 1);
      row->body = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      central_db_error (store->db, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* The redemption joins the log now; its body lives in the body bundles
 * from here on, and nowhere else. */
static gboolean
release_to_log (AssayCentralStore  *store,
                const HeldRow      *row,
                GError            **error)
{
  gsize len;
  const char *body = g_bytes_get_data (row->body, &len);
  guint64 index;

  return central_append_service_body (store, body, len, ASSAY_ENTRY_REDEMPTION, &index, error)
         /* A scan of entries, once per released redemption: restores are rare. */
         && exec_ids (store, "UPDATE entries SET idx = ?1 WHERE seq = ?2", (gint64) index, row->seq, error)
         && exec_ids (store, "DELETE FROM held WHERE id = ?1", row->id, 0, error);
}

gboolean
assay_central_held_settle (AssayCentralStore    *store,
                           AssayCentralHistory  *history,
                           const AssayDecision  *decision,
                           guint64               index,
                           guint                *out_n_logged,
                           guint                *out_n_refused,
                           GError              **error)
{
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  AssayCentralRelease release;
  gboolean restore = decision->outcome == ASSAY_DECISION_KIND_RESTORE;

  *out_n_logged = *out_n_refused = 0;
  if (!restore && decision->outcome != ASSAY_DECISION_KIND_ZERO)
    return TRUE;
  if ((rows = list_held (store, error)) == NULL)
    return FALSE;
  key = assay_central_release_key (decision);
  release.key = key;
  release.index = index;
  for (guint i = 0; i < rows->len; i++)
    {
      const HeldRow *row = g_ptr_array_index (rows, i);
      gsize len;
      const char *body = g_bytes_get_data (row->body, &len);
      g_autoptr(AssayEntry) entry = assay_entry_parse (body, len, error);

      if (entry == NULL)
        return FALSE;
      /* Only what this decision releases: held before it, not after. */
      if (assay_central_history_holding_pause (history, entry->account, entry->county, NULL) < 0
          || assay_central_history_holding_pause (history, entry->account, entry->county, &release) >= 0)
        continue;
      if (restore ? !release_to_log (store, row, error)
                  : !exec_ids (store, "UPDATE held SET state = 'refused', decision_idx = ?2 WHERE id = ?1",
                               row->id, (gint64) index, error))
        return FALSE;
      (*(restore ? out_n_logged : out_n_refused))++;
    }
  return TRUE;
}

/* ---- assay-central held -------------------------------------------------- */

static void
add_row_json (JsonBuilder  *b,
              sqlite3_stmt *stmt)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 0));
  json_builder_set_member_name (b, "account");
  json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 1));
  json_builder_set_member_name (b, "pause");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 2));
  json_builder_set_member_name (b, "decision");
  if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 3));
  json_builder_set_member_name (b, "line");
  json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 4));
  json_builder_end_object (b);
}

static void
print_row (sqlite3_stmt *stmt)
{
  const char *account = (const char *) sqlite3_column_text (stmt, 1);
  gint64 pause = sqlite3_column_int64 (stmt, 2);
  const char *line = (const char *) sqlite3_column_text (stmt, 4);

  if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
    /* Translators: held redemption: its account, the log index of the pause that holds it, the line. */
    g_print (_("held     %1$s (pause at index %2$" PRIi64 "): %3$s\n"), account, pause, line);
  else
    /* Translators: refused redemption: its account, the pause's index, the zero decision's index, the line. */
    g_print (_("refused  %1$s (pause at index %2$" PRIi64 ", zeroed at index %3$" PRIi64 "): %4$s\n"),
             account, pause, (gint64) sqlite3_column_int64 (stmt, 3), line);
}

static int
list_held_rows (AssayCentralStore *store,
                gboolean           json)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *stmt = NULL;
  guint n = 0;
  int rc;

  /* A data directory no writer opened since holding began has no table. */
  if (sqlite3_prepare_v2 (store->db, "SELECT state, account, pause_idx, decision_idx, body FROM held "
                          "ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    stmt = NULL;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "held");
  json_builder_begin_array (b);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      n++;
      if (json)
        add_row_json (b, stmt);
      else
        print_row (stmt);
    }
  sqlite3_finalize (stmt);
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      g_autofree char *text = NULL;

      json_generator_set_root (gen, root);
      text = json_generator_to_data (gen, NULL);
      g_print ("%s\n", text);
    }
  else if (n == 0)
    g_print (_("No redemption is held.\n"));
  return ASSAY_EXIT_OK;
}

int
assay_central_cmd_held (int argc, char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autoptr(AssayCentralStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("The data directory"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  int status = assay_central_parse_options ("held", NULL,
                                            _("Lists the redemptions that arrived while their "
                                              "account was paused, in the order they were held: "
                                              "“held” until a restore logs them, “refused” once a "
                                              "zero decision refused them. None of them is in the "
                                              "log."),
                                            entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (!assay_central_require_data ("held", data_dir))
    return ASSAY_EXIT_USAGE;
  if (argc != 1)
    return assay_cli_usage_error ("assay-central held", ASSAY_CLI_HELP_FOR_USAGE, "%s",
                                  _("held takes no arguments."));
  /* After a killed import the journal must be rolled back before reading. */
  store = assay_central_store_open (data_dir, ASSAY_CENTRAL_OPEN_READ_RECOVER, &error);
  if (store == NULL)
    return assay_central_fail ("held", error);
  return list_held_rows (store, json);
}

/* test-outbox.c — the Outbox page: rows, details, the payload as signed, pushing
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

#include <adwaita.h>
#include <string.h>

#include "assay-application.h"
#include "assay-outbox-page-private.h"
#include "assay-replica-outbox.h"
#include "assay-test-central.h"
#include "assay-test-util.h"
#include "assay-ui-test-util.h"
#include "assay-window-private.h"

#define WAIT_TIMEOUT_SECONDS 60
#define HASH "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static AssayApplication *app;

static gboolean
push_done (gpointer data)
{
  return !assay_push_job_get_running (data);
}

static const char *
label_text (AssayOutboxPage *page,
            const char      *id)
{
  return gtk_label_get_text (GTK_LABEL (_assay_outbox_page_get_widget (page, id)));
}

/* A signed-looking envelope whose payload is {"v":1,"kind":"freeze"}. */
static char *
envelope (void)
{
  const char *json = "{\"kind\":\"freeze\",\"v\":1}";
  g_autofree char *payload = g_base64_encode ((const guchar *) json, strlen (json));

  return g_strdup_printf ("{\"payloadType\":\"application/vnd.assay.decision.v1+json\",\"payload\":\"%s\","
                          "\"signatures\":[{\"keyid\":\"%064d\",\"sig\":\"AAAA\"}]}", payload, 7);
}

static void
test_outbox (void)
{
  AssaySession *session = assay_application_get_session (app);
  GSettings *settings = assay_application_get_settings (app);
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("ui.test/outbox");
  g_autofree char *lines = assay_test_lines (0, 20, NULL, NULL);
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica_path = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *env = envelope ();
  g_autoptr(GError) error = NULL;
  AssayOutboxPage *page;
  AssayWindow *window;
  AssayPushJob *push;
  GListModel *rows;

  assay_test_central_import (central, lines);
  assay_test_central_start (central);
  g_settings_set_string (settings, "server-url", central->url);
  g_settings_set_string (settings, "log-key", central->key);
  g_settings_set_string (settings, "replica-path", replica_path);

  window = assay_window_new (ADW_APPLICATION (app), session);
  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  assay_ui_test_wait_until (assay_ui_test_is_mapped, window, WAIT_TIMEOUT_SECONDS, "the window is mapped");
  page = ASSAY_OUTBOX_PAGE (_assay_window_get_page (window, "outbox"));
  push = _assay_outbox_page_get_push_job (page);
  rows = _assay_outbox_page_get_rows (page);

  /* No replica, then an empty outbox: each said plainly. */
  g_assert_true (assay_window_show_page (window, "outbox"));
  assay_ui_test_drain_main_loop ();
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (_assay_outbox_page_get_widget (page, "empty_page"))),
                   ==, "No Replica");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  assay_ui_test_wait_until (assay_ui_test_is_synced, session, WAIT_TIMEOUT_SECONDS, "the replica is synced");
  assay_ui_test_drain_main_loop ();
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (_assay_outbox_page_get_widget (page, "empty_page"))),
                   ==, "No Signed Decisions");
  g_assert_false (gtk_widget_get_sensitive (_assay_outbox_page_get_widget (page, "push_button")));

  /* A queued decision appears when the page is shown again. */
  g_assert_true (assay_replica_outbox_queue (assay_session_get_replica (session), HASH, "freeze",
                                             "account:acct-0001", 0, env, "ana", 1000, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (assay_window_show_page (window, "overview"));
  assay_ui_test_drain_main_loop ();
  g_assert_true (assay_window_show_page (window, "outbox"));
  assay_ui_test_drain_main_loop ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_cmpstr (label_text (page, "summary_label"), ==,
                   "1 queued, 0 waiting for co-signatures, 0 logged, 0 refused.");
  g_assert_true (gtk_widget_get_sensitive (_assay_outbox_page_get_widget (page, "push_button")));
  /* The first row is selected: its details and the payload as signed. */
  g_assert_cmpstr (label_text (page, "details_title"), ==, "freeze on account:acct-0001");
  g_assert_nonnull (strstr (label_text (page, "details_label"), HASH));
  g_assert_nonnull (strstr (label_text (page, "payload_label"), "\"kind\" : \"freeze\""));
  g_assert_true (gtk_widget_get_visible (_assay_outbox_page_get_widget (page, "retry_button")));
  g_assert_false (gtk_widget_get_visible (_assay_outbox_page_get_widget (page, "receipt_label")));

  /* Pushed: the service refuses a decision it cannot verify, for good,
   * and says why. */
  g_signal_emit_by_name (_assay_outbox_page_get_widget (page, "push_button"), "clicked");
  assay_ui_test_wait_until (push_done, push, WAIT_TIMEOUT_SECONDS, "the push ends");
  assay_ui_test_drain_main_loop ();
  g_assert_no_error ((GError *) assay_push_job_get_error (push));
  g_assert_cmpuint (assay_push_job_get_report (push)->n_refused, ==, 1);
  g_assert_cmpstr (label_text (page, "summary_label"), ==,
                   "0 queued, 0 waiting for co-signatures, 0 logged, 1 refused.");
  g_assert_nonnull (strstr (label_text (page, "details_label"), "Refused"));
  g_assert_false (gtk_widget_get_visible (_assay_outbox_page_get_widget (page, "retry_button")));
  g_assert_false (gtk_widget_get_sensitive (_assay_outbox_page_get_widget (page, "push_button")));

  gtk_window_destroy (GTK_WINDOW (window));
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (window);
  g_settings_reset (settings, "server-url");
  g_settings_reset (settings, "log-key");
  g_settings_reset (settings, "replica-path");
  assay_test_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  assay_ui_test_init (&argc, &argv);
  app = assay_ui_test_new_application ();
  g_test_add_func ("/assay/ui/outbox/rows-and-push", test_outbox);
  status = g_test_run ();
  g_object_unref (app);
  return status;
}

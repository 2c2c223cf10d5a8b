/* test-weights.c — the Weights and Rules page: the rule set in force, or the loader's message
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
#include "assay-ui-test-util.h"
#include "assay-weights-page-private.h"
#include "assay-window-private.h"
#include "assay-test-util.h"

#define WAIT_TIMEOUT_SECONDS 20

static AssayApplication *app;

/* A rule set whose condition compares a number with a string. */
static const char broken[] =
  "{\"format\":\"assay-rule-set/1\",\"name\":\"broken\",\"version\":1,\"effective\":\"2026-01-01\","
  "\"parameters\":{\"limit\":0.7},\"rules\":[{\"id\":\"X.bad\",\"article\":\"X\","
  "\"subject\":\"account_quarter\",\"action\":\"review\",\"severity\":\"low\","
  "\"when\":{\"op\":\">\",\"args\":[{\"feature\":\"quarter.max_dimension\"},{\"param\":\"limit\"}]},"
  "\"explain\":{\"en\":\"x\",\"zh_CN\":\"x\"}}]}";

static void
test_page (void)
{
  AssayWindow *window = assay_window_new (ADW_APPLICATION (app), assay_application_get_session (app));
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "broken.json", NULL);
  AssayWeightsPage *page;
  AssayRuleSet *set;

  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  assay_ui_test_wait_until (assay_ui_test_is_mapped, window, WAIT_TIMEOUT_SECONDS, "the window is mapped");
  g_assert_true (assay_window_show_page (window, "weights"));
  assay_ui_test_drain_main_loop ();
  page = ASSAY_WEIGHTS_PAGE (_assay_window_get_visible_page (window));
  g_assert_true (ASSAY_IS_WEIGHTS_PAGE (page));

  /* The default rule set, found as `assayctl flags` finds it. */
  set = _assay_weights_page_get_rule_set (page);
  g_assert_nonnull (set);
  g_assert_cmpstr (assay_rule_set_get_name (set), ==, "pilot");
  g_assert_cmpstr (_assay_weights_page_get_visible (page), ==, "rules");
  g_assert_null (_assay_weights_page_get_error (page));
  /* Article X and the 6.1 breakers. */
  g_assert_cmpuint (_assay_weights_page_get_n_articles (page), ==, 2);
  g_assert_nonnull (assay_page_get_replica_summary (ASSAY_PAGE (page)));

  /* A refused rule set: the loader's message, naming the rule and path. */
  g_assert_true (g_file_set_contents (path, broken, -1, NULL));
  _assay_weights_page_load (page, path);
  assay_ui_test_drain_main_loop ();
  g_assert_null (_assay_weights_page_get_rule_set (page));
  g_assert_cmpstr (_assay_weights_page_get_visible (page), ==, "error");
  g_assert_nonnull (strstr (_assay_weights_page_get_error (page), "X.bad"));
  g_assert_nonnull (strstr (_assay_weights_page_get_error (page), "rules[0].when"));
  g_assert_cmpuint (_assay_weights_page_get_n_articles (page), ==, 0);

  /* A missing file: an error too, never an empty page. */
  _assay_weights_page_load (page, "/nonexistent/rules.json");
  g_assert_cmpstr (_assay_weights_page_get_visible (page), ==, "error");
  g_assert_nonnull (_assay_weights_page_get_error (page));

  /* And back. */
  _assay_weights_page_load (page, NULL);
  assay_ui_test_drain_main_loop ();
  g_assert_cmpstr (_assay_weights_page_get_visible (page), ==, "rules");
  g_assert_cmpuint (_assay_weights_page_get_n_articles (page), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  assay_ui_test_drain_main_loop ();
  g_assert_finalize_object (window);
  assay_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  int ret;

  assay_ui_test_init (&argc, &argv);
  app = assay_ui_test_new_application ();
  g_test_add_func ("/assay/ui/weights/page", test_page);
  ret = g_test_run ();
  g_clear_object (&app);
  return ret;
}

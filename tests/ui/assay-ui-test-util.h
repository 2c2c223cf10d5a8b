/* assay-ui-test-util.h — what the UI tests share: waiting for the main loop, the application
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

#include <gtk/gtk.h>

#include "assay-application.h"

G_BEGIN_DECLS

typedef gboolean (*AssayUiTestCondition) (gpointer data);

/* Translations and gtk_test_init (). */
void              assay_ui_test_init             (int                   *argc,
                                                  char                ***argv);
/* A new non-unique application, registered; a test error if it cannot be. */
AssayApplication *assay_ui_test_new_application  (void);

/* Runs the main loop until @condition holds; fails the test after
 * @timeout_seconds. */
void              assay_ui_test_wait_until       (AssayUiTestCondition   condition,
                                                  gpointer               data,
                                                  guint                  timeout_seconds,
                                                  const char            *what);
/* Dispatches what is pending, within a bound. */
void              assay_ui_test_drain_main_loop  (void);
/* An AssayUiTestCondition: @data is a GtkWidget. */
gboolean          assay_ui_test_is_mapped        (gpointer               data);
/* An AssayUiTestCondition: @data is a GtkWidget that is mapped and has
 * been given its size. */
gboolean          assay_ui_test_is_drawn         (gpointer               data);
/* An AssayUiTestCondition: @data is an AssaySession whose sync has ended
 * and whose flags have been computed on a non-empty log and are not
 * being refreshed.  (The replica itself opens when the sync begins.) */
gboolean          assay_ui_test_is_synced        (gpointer               data);
/* With ASSAY_TEST_SHOTS=DIR, saves what @widget shows as DIR/@name (a
 * PNG), so that a widget can be looked at without running the app. */
void              assay_ui_test_save_png         (GtkWidget             *widget,
                                                  const char            *name);

G_END_DECLS

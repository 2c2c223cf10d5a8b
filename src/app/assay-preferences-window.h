/* assay-preferences-window.h — where the ledger comes from and where the replica lives
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

#include <adwaita.h>

#include "assay-session.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_PREFERENCES_WINDOW (assay_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AssayPreferencesWindow, assay_preferences_window, ASSAY, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Edits the server-url, log-key and replica-path keys of @settings; a value
 * that assay-config.h refuses is shown as an error and never stored. */
AssayPreferencesWindow *assay_preferences_window_new (GtkWindow    *transient_for,
                                                      GSettings    *settings,
                                                      AssaySession *session);

G_END_DECLS

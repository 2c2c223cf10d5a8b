/* assay-window.h — the main window: a sidebar of pages
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

#define ASSAY_TYPE_WINDOW (assay_window_get_type ())

G_DECLARE_FINAL_TYPE (AssayWindow, assay_window, ASSAY, WINDOW, AdwApplicationWindow)

AssayWindow  *assay_window_new              (AdwApplication *application,
                                             AssaySession   *session);
AssaySession *assay_window_get_session      (AssayWindow    *self);
/* Shows the page called @name ("overview", "review-queue", …); returns
 * FALSE if there is no such page. */
gboolean      assay_window_show_page        (AssayWindow    *self,
                                             const char     *name);

G_END_DECLS

/* assay-window-private.h — internals of the main window for the UI tests
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

#include "assay-page.h"
#include "assay-window.h"

G_BEGIN_DECLS

GtkListBox       *_assay_window_get_sidebar      (AssayWindow *self);
AssayLedgerModel *_assay_window_get_ledger       (AssayWindow *self);
AdwLeaflet       *_assay_window_get_leaflet      (AssayWindow *self);
AssayPage        *_assay_window_get_visible_page (AssayWindow *self);
AssayPage        *_assay_window_get_page         (AssayWindow *self,
                                                  const char  *name);

G_END_DECLS

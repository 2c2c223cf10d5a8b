/* assay-page.h — base class of the pages in the main window
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

#include "assay-ledger-model.h"
#include "assay-session.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_PAGE (assay_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (AssayPage, assay_page, ASSAY, PAGE, AdwBin)

/* One section of the main window (Sysprof's SysprofSection).  A page binds
 * to the session (which owns the replica: follow its "replica" property)
 * and the ledger model (the replica's sync) it is given at construction;
 * its template sets the title and icon that the sidebar shows. */
struct _AssayPageClass
{
  AdwBinClass parent_class;

  /*< private >*/
  gpointer _reserved[4];
};

AssaySession     *assay_page_get_session   (AssayPage  *self);
AssayLedgerModel *assay_page_get_ledger    (AssayPage  *self);
const char       *assay_page_get_title     (AssayPage  *self);
void              assay_page_set_title     (AssayPage  *self,
                                            const char *title);
const char       *assay_page_get_icon_name (AssayPage  *self);
void              assay_page_set_icon_name (AssayPage  *self,
                                            const char *icon_name);
/* What the replica holds right now, in a sentence for a page whose own
 * feature has not landed: so that it never claims more than is there. */
const char       *assay_page_get_replica_summary (AssayPage *self);

G_END_DECLS

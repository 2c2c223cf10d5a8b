/* assay-outbox-page.c — the Outbox page: signed decisions waiting to sync
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

#include "assay-outbox-page.h"

/* Until its feature lands, the page only says what it will hold. */
struct _AssayOutboxPage
{
  AssayPage parent_instance;
};

G_DEFINE_FINAL_TYPE (AssayOutboxPage, assay_outbox_page, ASSAY_TYPE_PAGE)

static void
assay_outbox_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_OUTBOX_PAGE);

  G_OBJECT_CLASS (assay_outbox_page_parent_class)->dispose (object);
}

static void
assay_outbox_page_class_init (AssayOutboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = assay_outbox_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-outbox-page.ui");
}

static void
assay_outbox_page_init (AssayOutboxPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* assay-window.c — the main window: a sidebar of pages
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

#include "assay-arbitration-page.h"
#include "assay-audit-sampling-page.h"
#include "assay-fairness-page.h"
#include "assay-ledger-page.h"
#include "assay-outbox-page.h"
#include "assay-overview-page.h"
#include "assay-review-queue-page.h"
#include "assay-weights-page.h"
#include "assay-window-private.h"

struct _AssayWindow
{
  AdwApplicationWindow  parent_instance;

  AssaySession         *session;
  AssayLedgerModel     *ledger;
  GSettings            *settings;

  /* Template widgets */
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  GtkListBox           *sidebar;
  GtkWidget            *content_box;
  GtkStack             *stack;
  AdwWindowTitle       *page_title;
};

G_DEFINE_FINAL_TYPE (AssayWindow, assay_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The sidebar, in order: Alt+1 … Alt+8 follow it.  A section opens a group
 * of rows under a header naming the role that works there; "" opens a
 * group shared by every role, under a plain separator. */
typedef struct
{
  const char *name;
  const char *section;
  GType     (*get_type) (void);
} PageInfo;

static const PageInfo page_infos[] = {
  { "overview",       NULL,                       assay_overview_page_get_type },
  { "review-queue",   N_("Committee"),            assay_review_queue_page_get_type },
  { "weights",        NULL,                       assay_weights_page_get_type },
  { "arbitration",    N_("Arbitration Panel"),    assay_arbitration_page_get_type },
  { "audit-sampling", N_("Cross-Province Audit"), assay_audit_sampling_page_get_type },
  { "fairness",       NULL,                       assay_fairness_page_get_type },
  { "ledger",         "",                         assay_ledger_page_get_type },
  { "outbox",         NULL,                       assay_outbox_page_get_type },
};

static GtkWidget *
create_sidebar_row (AssayPage *page)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  g_object_bind_property (page, "icon-name", icon, "icon-name", G_BINDING_SYNC_CREATE);
  g_object_bind_property (page, "title", label, "label", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  return row;
}

static void
sidebar_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  int index = gtk_list_box_row_get_index (row);
  const char *section;
  GtkWidget *header;

  g_assert (index >= 0 && index < G_N_ELEMENTS (page_infos));

  section = page_infos[index].section;
  if (section == NULL)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  if (*section == '\0')
    {
      header = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
      gtk_widget_set_margin_top (header, 12);
      gtk_widget_set_margin_bottom (header, 6);
    }
  else
    {
      header = gtk_label_new (g_dgettext (GETTEXT_PACKAGE, section));
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (header, "caption-heading");
      gtk_widget_add_css_class (header, "dim-label");
      gtk_widget_set_margin_start (header, 12);
      gtk_widget_set_margin_end (header, 12);
      gtk_widget_set_margin_top (header, 18);
      gtk_widget_set_margin_bottom (header, 6);
    }

  gtk_list_box_row_set_header (row, header);
}

static int
find_page (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    {
      if (g_strcmp0 (page_infos[i].name, name) == 0)
        return i;
    }

  return -1;
}

static void
add_pages (AssayWindow *self)
{
  g_assert (ASSAY_IS_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    {
      GtkWidget *page = g_object_new (page_infos[i].get_type (),
                                      "session", self->session,
                                      "ledger", self->ledger,
                                      NULL);

      gtk_stack_add_named (self->stack, page, page_infos[i].name);
      gtk_list_box_append (self->sidebar, create_sidebar_row (ASSAY_PAGE (page)));
    }

  gtk_list_box_set_header_func (self->sidebar, sidebar_header_func, NULL, NULL);
}

static void
restore_window_state (AssayWindow *self)
{
  g_assert (ASSAY_IS_WINDOW (self));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (AssayWindow *self)
{
  int width;
  int height;

  g_assert (ASSAY_IS_WINDOW (self));

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  /* A maximized window keeps the size it had before, for unmaximizing. */
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
update_page_title (AssayWindow *self)
{
  AssayPage *page = _assay_window_get_visible_page (self);

  adw_window_title_set_title (self->page_title,
                              page != NULL ? assay_page_get_title (page) : NULL);
}

static void
update_toggle_sidebar_action (AssayWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-sidebar",
                                 adw_leaflet_get_folded (self->leaflet));
}

static void
sidebar_row_activated_cb (AssayWindow   *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list_box)
{
  int index = gtk_list_box_row_get_index (row);

  g_assert (ASSAY_IS_WINDOW (self));
  g_assert (index >= 0 && index < G_N_ELEMENTS (page_infos));

  assay_window_show_page (self, page_infos[index].name);
}

static void
stack_notify_visible_child_cb (AssayWindow *self,
                               GParamSpec  *pspec,
                               GtkStack    *stack)
{
  update_page_title (self);
}

static void
leaflet_notify_folded_cb (AssayWindow *self,
                          GParamSpec  *pspec,
                          AdwLeaflet  *leaflet)
{
  update_toggle_sidebar_action (self);
}

static void
back_clicked_cb (AssayWindow *self,
                 GtkButton   *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  assay_window_show_page (ASSAY_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* Ctrl+R from anywhere: show the Ledger page, where the progress is. */
static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AssayWindow *self = ASSAY_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, "ledger");

  assay_window_show_page (self, "ledger");
  gtk_widget_activate_action (page, "ledger.sync", NULL);
}

/* Only a folded window hides its sidebar; F9 swaps it with the page. */
static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  AssayWindow *self = ASSAY_WINDOW (widget);
  gboolean sidebar_shown = adw_leaflet_get_visible_child (self->leaflet) != self->content_box;

  adw_leaflet_navigate (self->leaflet, sidebar_shown ? ADW_NAVIGATION_DIRECTION_FORWARD
                                                     : ADW_NAVIGATION_DIRECTION_BACK);
}

static gboolean
assay_window_close_request (GtkWindow *window)
{
  AssayWindow *self = ASSAY_WINDOW (window);

  save_window_state (self);
  /* A sync stops with its window; what it verified so far is dropped. */
  assay_ledger_model_cancel_sync (self->ledger);

  return GTK_WINDOW_CLASS (assay_window_parent_class)->close_request (window);
}

static void
assay_window_constructed (GObject *object)
{
  AssayWindow *self = (AssayWindow *)object;

  G_OBJECT_CLASS (assay_window_parent_class)->constructed (object);

  g_assert (ASSAY_IS_SESSION (self->session));

  self->ledger = assay_ledger_model_new (self->session);
  add_pages (self);
  assay_window_show_page (self, page_infos[0].name);
  /* A window that starts folded shows the list of pages first. */
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
  update_toggle_sidebar_action (self);
}

static void
assay_window_dispose (GObject *object)
{
  AssayWindow *self = (AssayWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ASSAY_TYPE_WINDOW);

  if (self->ledger != NULL)
    assay_ledger_model_cancel_sync (self->ledger);
  g_clear_object (&self->ledger);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (assay_window_parent_class)->dispose (object);
}

static void
assay_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AssayWindow *self = ASSAY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AssayWindow *self = ASSAY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_window_class_init (AssayWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = assay_window_constructed;
  object_class->dispose = assay_window_dispose;
  object_class->get_property = assay_window_get_property;
  object_class->set_property = assay_window_set_property;

  window_class->close_request = assay_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         ASSAY_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AssayWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, AssayWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AssayWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, AssayWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AssayWindow, page_title);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_notify_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_notify_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.sync", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (page_infos); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", page_infos[i].name);
}

static void
assay_window_init (AssayWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  restore_window_state (self);
}

AssayWindow *
assay_window_new (AdwApplication *application,
                  AssaySession   *session)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ASSAY_IS_SESSION (session), NULL);

  return g_object_new (ASSAY_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

AssaySession *
assay_window_get_session (AssayWindow *self)
{
  g_return_val_if_fail (ASSAY_IS_WINDOW (self), NULL);

  return self->session;
}

gboolean
assay_window_show_page (AssayWindow *self,
                        const char  *name)
{
  int index;

  g_return_val_if_fail (ASSAY_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  index = find_page (name);
  if (index < 0)
    return FALSE;

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_list_box_select_row (self->sidebar, gtk_list_box_get_row_at_index (self->sidebar, index));
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  return TRUE;
}

GtkListBox *
_assay_window_get_sidebar (AssayWindow *self)
{
  g_return_val_if_fail (ASSAY_IS_WINDOW (self), NULL);

  return self->sidebar;
}

AssayPage *
_assay_window_get_page (AssayWindow *self,
                        const char  *name)
{
  GtkWidget *child;

  g_return_val_if_fail (ASSAY_IS_WINDOW (self), NULL);

  child = gtk_stack_get_child_by_name (self->stack, name);
  return ASSAY_IS_PAGE (child) ? ASSAY_PAGE (child) : NULL;
}

AssayLedgerModel *
_assay_window_get_ledger (AssayWindow *self)
{
  g_return_val_if_fail (ASSAY_IS_WINDOW (self), NULL);

  return self->ledger;
}

AdwLeaflet *
_assay_window_get_leaflet (AssayWindow *self)
{
  g_return_val_if_fail (ASSAY_IS_WINDOW (self), NULL);

  return self->leaflet;
}

AssayPage *
_assay_window_get_visible_page (AssayWindow *self)
{
  GtkWidget *child;

  g_return_val_if_fail (ASSAY_IS_WINDOW (self), NULL);

  child = gtk_stack_get_visible_child (self->stack);
  return ASSAY_IS_PAGE (child) ? ASSAY_PAGE (child) : NULL;
}

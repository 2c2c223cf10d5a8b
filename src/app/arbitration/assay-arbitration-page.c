/* assay-arbitration-page.c — the Arbitration page: the panel's docket of disputes and appeals
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
#include <string.h>

#include "assay-arbitration-page.h"
#include "assay-case-queue.h"
#include "assay-case-view.h"
#include "assay-day.h"
#include "assay-filing-text.h"
#include "assay-format.h"
#include "assay-review-labels.h"
#include "assay-session.h"

/* The docket: the filing cases the panel decides (disputes, appeals
 * against decisions; README "Filings"), each opening in the case view
 * the committee uses, where the panel votes. */
struct _AssayArbitrationPage
{
  AssayPage          parent_instance;

  AdwToastOverlay   *toast_overlay;
  AdwLeaflet        *leaflet;
  GtkStack          *main_stack;
  AdwStatusPage     *empty_page;
  GtkLabel          *counts_label;
  GtkSearchEntry    *search_entry;
  GtkDropDown       *kind_dropdown;
  GtkDropDown       *state_dropdown;
  GtkDropDown       *order_dropdown;
  GtkListBox        *docket_list;
  GtkLabel          *none_label;
  AssayCaseView     *case_view;

  GPtrArray         *items;   /* DocketItem */
};

G_DEFINE_FINAL_TYPE (AssayArbitrationPage, assay_arbitration_page, ASSAY_TYPE_PAGE)

enum { KIND_ALL, KIND_DISPUTES, KIND_APPEALS };
enum { STATE_UNDECIDED, STATE_DECIDED, STATE_ALL };
enum { ORDER_OLDEST, ORDER_NEWEST };

typedef struct
{
  AssayCaseRow *row;
  guint32       filed_day;
  char         *summary;
} DocketItem;

static void
docket_item_free (DocketItem *item)
{
  g_object_unref (item->row);
  g_free (item->summary);
  g_free (item);
}

static AssayReplica *
get_replica (AssayArbitrationPage *self)
{
  AssaySession *session = assay_page_get_session (ASSAY_PAGE (self));

  return session != NULL ? assay_session_get_replica (session) : NULL;
}

static const AssayCase *
item_case (const DocketItem *item)
{
  return assay_case_row_get_case (item->row);
}

/* ---- the docket ----------------------------------------------------------------- */

static DocketItem *
docket_item_new (AssayReplica *replica,
                 AssayCaseRow *row)
{
  const AssayCase *c = assay_case_row_get_case (row);
  g_autoptr(AssayReplicaEntry) entry = assay_replica_get_entry (replica, g_ascii_strtoull (c->subject_id, NULL, 10),
                                                                NULL);
  DocketItem *item;

  if (entry == NULL || entry->parsed == NULL)
    return NULL;  /* erased since: nothing left to rule on */
  item = g_new0 (DocketItem, 1);
  item->row = g_object_ref (row);
  item->filed_day = entry->parsed->event_day;
  item->summary = assay_filing_summary (entry->parsed);
  return item;
}

static gboolean
item_matches (AssayArbitrationPage *self,
              const DocketItem     *item)
{
  const AssayCase *c = item_case (item);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint state = gtk_drop_down_get_selected (self->state_dropdown);
  gboolean decided = c->state == ASSAY_CASE_STATE_DECIDED;

  if ((kind == KIND_DISPUTES && c->filing_kind != ASSAY_ENTRY_DISPUTE) ||
      (kind == KIND_APPEALS && c->filing_kind != ASSAY_ENTRY_APPEAL))
    return FALSE;
  if ((state == STATE_UNDECIDED && decided) || (state == STATE_DECIDED && !decided))
    return FALSE;
  if (search[0] != '\0' && c->filing_account != NULL)
    {
      g_autofree char *needle = g_utf8_casefold (search, -1);
      g_autofree char *account = g_utf8_casefold (c->filing_account, -1);

      return strstr (account, needle) != NULL;
    }
  return TRUE;
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const DocketItem *x = *(DocketItem * const *) a, *y = *(DocketItem * const *) b;
  int order = GPOINTER_TO_INT (data) == ORDER_NEWEST ? -1 : 1;

  if (x->filed_day != y->filed_day)
    return order * (x->filed_day < y->filed_day ? -1 : 1);
  return order * (item_case (x)->id < item_case (y)->id ? -1 : 1);
}

static GtkWidget *
make_docket_row (const DocketItem *item)
{
  const AssayCase *c = item_case (item);
  g_autofree char *subject = assay_review_describe_case (c, 0);
  g_autofree char *number = g_strdup_printf ("%" PRIi64, c->id);
  g_autofree char *title = g_strdup_printf (_("Case %s: %s"), number, subject);
  g_autofree char *filed = assay_format_day (item->filed_day);
  gint64 days = (gint64) assay_day_today () - (gint64) item->filed_day;
  g_autofree char *age = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRIi64 " day ago",
                                                       "%" PRIi64 " days ago", days), days);
  /* Translators: a docket row's second line: the filing's substance, when
   * it was filed, how long ago, the case's state. */
  g_autofree char *subtitle = g_strdup_printf (_("%s\nFiled %s, %s · %s"), item->summary, filed, age,
                                               assay_review_state_label (c->state));
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "assay-case-id", GINT_TO_POINTER ((int) c->id));
  return row;
}

static void
update_counts (AssayArbitrationPage *self)
{
  guint undecided = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->items->len; i++)
    undecided += item_case (self->items->pdata[i])->state != ASSAY_CASE_STATE_DECIDED;
  /* Translators: "3 cases before the panel, 2 undecided". */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case before the panel, %u undecided",
                                       "%u cases before the panel, %u undecided", self->items->len),
                          self->items->len, undecided);
  gtk_label_set_text (self->counts_label, text);
}

/* Rebuilds the rows from the items, filtered and ordered. */
static void
show_docket (AssayArbitrationPage *self)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->docket_list))) != NULL)
    gtk_list_box_remove (self->docket_list, child);
  for (guint i = 0; i < self->items->len; i++)
    if (item_matches (self, self->items->pdata[i]))
      g_ptr_array_add (shown, self->items->pdata[i]);
  g_ptr_array_sort_with_data (shown, compare_items,
                              GINT_TO_POINTER (gtk_drop_down_get_selected (self->order_dropdown)));
  for (guint i = 0; i < shown->len; i++)
    gtk_list_box_append (self->docket_list, make_docket_row (shown->pdata[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->docket_list), shown->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->none_label), shown->len == 0);
}

static void
update_empty_state (AssayArbitrationPage *self)
{
  gboolean has_replica = get_replica (self) != NULL;

  adw_status_page_set_description (self->empty_page,
                                   has_replica
                                   ? _("No recognition dispute and no appeal against a committee decision "
                                       "has been filed in the replica’s ledger. They come with each sync.")
                                   : _("Open or create a replica to see the panel’s docket."));
  gtk_stack_set_visible_child_name (self->main_stack, self->items->len > 0 ? "docket" : "empty");
}

static void
reload (AssayArbitrationPage *self)
{
  AssayReplica *replica = get_replica (self);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (self->items, 0);
  if (replica != NULL && (rows = assay_case_queue_load (replica, TRUE, &error)) == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      DocketItem *item = docket_item_new (replica, rows->pdata[i]);

      if (item != NULL)
        g_ptr_array_add (self->items, item);
    }
  update_counts (self);
  show_docket (self);
  update_empty_state (self);
}

/* ---- callbacks ------------------------------------------------------------------- */

static void
filter_changed_cb (AssayArbitrationPage *self)
{
  show_docket (self);
}

static void
row_activated_cb (AssayArbitrationPage *self,
                  GtkListBoxRow        *row)
{
  gint64 case_id = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "assay-case-id"));
  g_autoptr(GError) error = NULL;

  if (get_replica (self) == NULL)
    return;
  if (!assay_case_view_show (self->case_view, get_replica (self), case_id, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->case_view));
  gtk_widget_grab_focus (GTK_WIDGET (self->case_view));
}

static void
case_back_cb (AssayArbitrationPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->main_stack));
}

static void
show_toast_cb (AssayArbitrationPage *self,
               AdwToast             *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

static void
case_changed_cb (AssayArbitrationPage *self)
{
  reload (self);
}

/* A signed vote goes to the service at once, as a committee decision does. */
static void
decision_queued_cb (AssayArbitrationPage *self)
{
  assay_session_push_outbox (assay_page_get_session (ASSAY_PAGE (self)));
}

static void
session_changed_cb (AssayArbitrationPage *self)
{
  reload (self);
  if (get_replica (self) == NULL)
    {
      assay_case_view_clear (self->case_view);
      adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->main_stack));
    }
  else if (assay_case_view_get_case_id (self->case_view) != 0 && !assay_case_view_reload (self->case_view))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->main_stack));
}

/* ---- GObject ----------------------------------------------------------------- */

static void
assay_arbitration_page_constructed (GObject *object)
{
  AssayArbitrationPage *self = ASSAY_ARBITRATION_PAGE (object);
  AssaySession *session;

  G_OBJECT_CLASS (assay_arbitration_page_parent_class)->constructed (object);

  session = assay_page_get_session (ASSAY_PAGE (self));
  g_signal_connect_object (session, "flags-updated", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::replica", G_CALLBACK (session_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
}

static void
assay_arbitration_page_dispose (GObject *object)
{
  AssayArbitrationPage *self = ASSAY_ARBITRATION_PAGE (object);

  /* The bin's child is a template child: the bin must let go of it
   * before the template unparents it, as the other pages do. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_ARBITRATION_PAGE);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (assay_arbitration_page_parent_class)->dispose (object);
}

static void
assay_arbitration_page_class_init (AssayArbitrationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = assay_arbitration_page_constructed;
  object_class->dispose = assay_arbitration_page_dispose;

  g_type_ensure (ASSAY_TYPE_CASE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-arbitration-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayArbitrationPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AssayArbitrationPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AssayArbitrationPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AssayArbitrationPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AssayArbitrationPage, counts_label);
  gtk_widget_class_bind_template_child (widget_class, AssayArbitrationPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AssayArbitrationPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AssayArbitrationPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AssayArbitrationPage, order_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AssayArbitrationPage, docket_list);
  gtk_widget_class_bind_template_child (widget_class, AssayArbitrationPage, none_label);
  gtk_widget_class_bind_template_child (widget_class, AssayArbitrationPage, case_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, case_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, case_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, decision_queued_cb);
}

static void
assay_arbitration_page_init (AssayArbitrationPage *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) docket_item_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- private API --------------------------------------------------------------- */

guint
_assay_arbitration_page_get_n_shown (AssayArbitrationPage *self)
{
  guint n = 0;

  g_return_val_if_fail (ASSAY_IS_ARBITRATION_PAGE (self), 0);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->docket_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

/* assay-entry-table.c — a column view of ledger entries over an AssayEntryList
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

#include "assay-column-view-util.h"
#include "assay-entry-table.h"
#include "assay-format.h"
#include "assay-county.h"

struct _AssayEntryTable
{
  GtkWidget           parent_instance;

  AssayEntryList     *list;
  GtkSingleSelection *selection;
  GObject            *probe_a;     /* two items to ask the header sorter with */
  GObject            *probe_b;
  int                 probed;      /* the column the probe reached, or -1 */
  gboolean            updating_sort;

  /* Template widgets */
  GtkWidget          *scroller;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *index_column;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *account_column;
  GtkColumnViewColumn *dimension_column;
  GtkColumnViewColumn *points_column;
  GtkColumnViewColumn *county_column;
  GtkColumnViewColumn *issuer_column;
  GtkColumnViewColumn *details_column;
};

G_DEFINE_FINAL_TYPE (AssayEntryTable, assay_entry_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIST,
  PROP_SHOW_ACCOUNT,
  PROP_SELECTED_ROW,
  N_PROPS
};

enum {
  ENTRY_ACTIVATED,
  DETAILS_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The columns a header click can sort by, and the list's orders for each
 * direction. */
enum {
  SORT_COLUMN_INDEX,
  SORT_COLUMN_DATE,
  SORT_COLUMN_ACCOUNT,
  SORT_COLUMN_DIMENSION,
  SORT_COLUMN_POINTS,
  SORT_COLUMN_COUNTY,
  SORT_COLUMN_ISSUER,
  N_SORT_COLUMNS
};

static const AssayEntryListSort column_sorts[N_SORT_COLUMNS][2] = {
  [SORT_COLUMN_INDEX] = { ASSAY_ENTRY_LIST_SORT_INDEX_ASC, ASSAY_ENTRY_LIST_SORT_INDEX_DESC },
  [SORT_COLUMN_DATE] = { ASSAY_ENTRY_LIST_SORT_EVENT_DAY, ASSAY_ENTRY_LIST_SORT_EVENT_DAY_DESC },
  [SORT_COLUMN_ACCOUNT] = { ASSAY_ENTRY_LIST_SORT_ACCOUNT_ASC, ASSAY_ENTRY_LIST_SORT_ACCOUNT_DESC },
  [SORT_COLUMN_DIMENSION] = { ASSAY_ENTRY_LIST_SORT_DIMENSION_ASC, ASSAY_ENTRY_LIST_SORT_DIMENSION_DESC },
  [SORT_COLUMN_POINTS] = { ASSAY_ENTRY_LIST_SORT_POINTS_ASC, ASSAY_ENTRY_LIST_SORT_POINTS_DESC },
  [SORT_COLUMN_COUNTY] = { ASSAY_ENTRY_LIST_SORT_COUNTY_ASC, ASSAY_ENTRY_LIST_SORT_COUNTY_DESC },
  [SORT_COLUMN_ISSUER] = { ASSAY_ENTRY_LIST_SORT_ISSUER_ASC, ASSAY_ENTRY_LIST_SORT_ISSUER_DESC },
};

/* Why a column of the whole ledger does not sort. */
static const char * const unsortable_reasons[N_SORT_COLUMNS] = {
  [SORT_COLUMN_DIMENSION] = N_("The whole ledger cannot be sorted by dimension: no index of the replica "
                               "orders it, and sorting millions of entries would stall the window. "
                               "Open an account to sort its entries by dimension."),
  [SORT_COLUMN_COUNTY] = N_("The whole ledger cannot be sorted by county: no index of the replica "
                            "orders it, and sorting millions of entries would stall the window. "
                            "Open an account to sort its entries by county."),
  [SORT_COLUMN_ISSUER] = N_("The whole ledger cannot be sorted by issuer: no index of the replica "
                            "orders it, and sorting millions of entries would stall the window. "
                            "Open an account to sort its entries by issuer."),
};

/* ---- sorting ----------------------------------------------------------------------
 *
 * Nothing sorts with these sorters: the list sorts in the database.  GTK 4.8
 * has no getter for the column view's primary sort column (4.10), so we ask
 * the column view's sorter to compare two probe items: it consults the
 * column sorters in priority order and stops at the first that answers, so
 * the first sorter called names the primary column, and the sign of the
 * answer tells ascending from descending. */

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  AssayEntryTable *self = g_object_get_data (G_OBJECT (a), "assay-entry-table");

  if (self != NULL && self->probed < 0)
    self->probed = GPOINTER_TO_INT (user_data);
  return -1;
}

static GtkSorter *
probe_sorter_new (int column)
{
  return GTK_SORTER (gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (column), NULL));
}

/* The primary column and its direction; FALSE if nothing is sorted. */
static gboolean
get_primary_sort (AssayEntryTable *self,
                  int             *column,
                  GtkSortType     *order)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering ordering;

  self->probed = -1;
  ordering = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  if (self->probed < 0 || ordering == GTK_ORDERING_EQUAL)
    return FALSE;
  *column = self->probed;
  *order = ordering == GTK_ORDERING_SMALLER ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING;
  return TRUE;
}

static void
show_sort (AssayEntryTable     *self,
           GtkColumnViewColumn *column,
           GtkSortType          order)
{
  self->updating_sort = TRUE;
  gtk_column_view_sort_by_column (self->column_view, column, order);
  self->updating_sort = FALSE;
}

/* Maps the clicked header and its direction to the list's order.  A
 * column only has a sorter while the list can read its order cheaply. */
static void
apply_sort (AssayEntryTable *self)
{
  GtkSortType order = GTK_SORT_ASCENDING;
  int column = SORT_COLUMN_INDEX;

  if (self->list == NULL || self->column_view == NULL || self->updating_sort)
    return;

  if (!get_primary_sort (self, &column, &order) || column < 0 || column >= N_SORT_COLUMNS)
    {
      show_sort (self, self->index_column, GTK_SORT_ASCENDING);
      column = SORT_COLUMN_INDEX;
      order = GTK_SORT_ASCENDING;
    }
  assay_entry_list_set_sort (self->list, column_sorts[column][order == GTK_SORT_ASCENDING ? 0 : 1]);
}

static void
sorter_changed_cb (AssayEntryTable *self,
                   GtkSorterChange  change,
                   GtkSorter       *sorter)
{
  apply_sort (self);
}

static GtkColumnViewColumn *
sort_column (AssayEntryTable *self,
             int              column)
{
  switch (column)
    {
    case SORT_COLUMN_INDEX:
      return self->index_column;
    case SORT_COLUMN_DATE:
      return self->date_column;
    case SORT_COLUMN_ACCOUNT:
      return self->account_column;
    case SORT_COLUMN_DIMENSION:
      return self->dimension_column;
    case SORT_COLUMN_POINTS:
      return self->points_column;
    case SORT_COLUMN_COUNTY:
      return self->county_column;
    case SORT_COLUMN_ISSUER:
    default:
      return self->issuer_column;
    }
}

/* Which columns the list can sort by depends on whether it shows one
 * account (see assay_entry_list_can_sort). */
static void
update_sorters (AssayEntryTable *self)
{
  self->updating_sort = TRUE;
  for (int c = 0; c < N_SORT_COLUMNS; c++)
    {
      GtkColumnViewColumn *column = sort_column (self, c);
      gboolean sortable = c == SORT_COLUMN_INDEX || c == SORT_COLUMN_DATE ||
                          (self->list != NULL && assay_entry_list_can_sort (self->list, column_sorts[c][0]));
      gboolean has_sorter = gtk_column_view_column_get_sorter (column) != NULL;

      if (sortable != has_sorter)
        {
          g_autoptr(GtkSorter) sorter = sortable ? probe_sorter_new (c) : NULL;

          gtk_column_view_column_set_sorter (column, sorter);
        }
      assay_column_view_set_header_tooltip (self->column_view, column,
                                            sortable || unsortable_reasons[c] == NULL
                                            ? NULL : g_dgettext (GETTEXT_PACKAGE, unsortable_reasons[c]));
    }
  self->updating_sort = FALSE;
  apply_sort (self);
}

static void
list_notify_account_cb (AssayEntryTable *self,
                        GParamSpec      *pspec,
                        AssayEntryList  *list)
{
  update_sorters (self);
}

/* ---- cells ---------------------------------------------------------------------- */

static AssayEntryRow *
item_row (GtkListItem *item)
{
  return ASSAY_ENTRY_ROW (gtk_list_item_get_item (item));
}

static GtkLabel *
item_label (GtkListItem *item)
{
  return GTK_LABEL (gtk_list_item_get_child (item));
}

static GtkWidget *
new_cell_label (float xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

static void
setup_text_cb (AssayEntryTable          *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  GtkWidget *label = new_cell_label (0);

  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_list_item_set_child (item, label);
}

static void
setup_numeric_cb (AssayEntryTable          *self,
                  GtkListItem              *item,
                  GtkSignalListItemFactory *factory)
{
  GtkWidget *label = new_cell_label (1);

  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
setup_monospace_cb (AssayEntryTable          *self,
                    GtkListItem              *item,
                    GtkSignalListItemFactory *factory)
{
  GtkWidget *label = new_cell_label (0);

  /* Pilot account ids are 16 characters; longer ones end in an ellipsis. */
  gtk_label_set_width_chars (GTK_LABEL (label), 16);
  gtk_widget_add_css_class (label, "monospace");
  gtk_list_item_set_child (item, label);
}

static void
setup_dimension_cb (AssayEntryTable          *self,
                    GtkListItem              *item,
                    GtkSignalListItemFactory *factory)
{
  GtkWidget *label = new_cell_label (0);

  gtk_label_set_width_chars (GTK_LABEL (label), 10);
  gtk_list_item_set_child (item, label);
}

static void
bind_index_cb (AssayEntryTable          *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, assay_entry_row_get_index (item_row (item)));

  gtk_label_set_text (item_label (item), text);
}

static void
bind_date_cb (AssayEntryTable          *self,
              GtkListItem              *item,
              GtkSignalListItemFactory *factory)
{
  gtk_label_set_text (item_label (item), assay_entry_row_get_event_date (item_row (item)));
}

static void
bind_account_cb (AssayEntryTable          *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
  gtk_label_set_text (item_label (item), assay_entry_row_get_account (item_row (item)));
}

/* Events show their dimension; anything else its kind, and a redemption
 * its tier too. */
static void
bind_dimension_cb (AssayEntryTable          *self,
                   GtkListItem              *item,
                   GtkSignalListItemFactory *factory)
{
  AssayEntryRow *row = item_row (item);
  const char *dimension = assay_entry_row_get_dimension_label (row);
  g_autofree char *text = NULL;

  if (assay_entry_row_get_state (row) == ASSAY_ENTRY_STATE_VERIFIED &&
      assay_entry_row_get_kind (row) == ASSAY_ENTRY_EVENT)
    text = g_strdup (dimension);
  else if (assay_entry_row_get_state (row) == ASSAY_ENTRY_STATE_VERIFIED &&
           assay_entry_row_get_kind (row) == ASSAY_ENTRY_REDEMPTION && dimension != NULL)
    /* Translators: a redemption and its tier, "Redemption · Basic tier". */
    text = g_strdup_printf (_("Redemption · %s tier"), dimension);
  else if (dimension != NULL)
    /* Translators: an entry kind and its detail, "Redemption (Basic)". */
    text = g_strdup_printf (_("%s (%s)"), assay_entry_row_get_kind_label (row), dimension);
  else
    text = g_strdup (assay_entry_row_get_kind_label (row));
  gtk_label_set_text (item_label (item), text);
}

static void
bind_points_cb (AssayEntryTable          *self,
                GtkListItem              *item,
                GtkSignalListItemFactory *factory)
{
  AssayEntryRow *row = item_row (item);
  GtkWidget *label = GTK_WIDGET (item_label (item));
  gboolean redemption = assay_entry_row_get_state (row) == ASSAY_ENTRY_STATE_VERIFIED &&
                        assay_entry_row_get_kind (row) == ASSAY_ENTRY_REDEMPTION;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  if (assay_entry_row_is_record (row))
    count = assay_format_count (assay_entry_row_get_points (row));
  /* A redemption spends points: it must not read like points earned. */
  if (redemption && count != NULL)
    /* Translators: the points a redemption spent, "1,200 spent". */
    text = g_strdup_printf (_("%s spent"), count);
  else
    text = g_steal_pointer (&count);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, redemption ? _("Points spent on this redemption") : NULL);
  if (redemption)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static void
bind_county_cb (AssayEntryTable          *self,
                GtkListItem              *item,
                GtkSignalListItemFactory *factory)
{
  const char *county = assay_entry_row_get_county (item_row (item));
  g_autofree char *text = county != NULL ? assay_county_format (county) : NULL;

  gtk_label_set_text (item_label (item), text);
}

static void
bind_issuer_cb (AssayEntryTable          *self,
                GtkListItem              *item,
                GtkSignalListItemFactory *factory)
{
  const char *issuer = assay_entry_row_get_issuer (item_row (item));

  gtk_label_set_text (item_label (item), issuer);
  gtk_widget_set_tooltip_text (GTK_WIDGET (item_label (item)), issuer);
}

/* Each row's details button carries its row, set at bind time. */
static void
details_clicked_cb (AssayEntryTable *self,
                    GtkButton       *button)
{
  AssayEntryRow *row = g_object_get_data (G_OBJECT (button), "assay-entry-row");

  if (row != NULL)
    g_signal_emit (self, signals[DETAILS_REQUESTED], 0, row);
}

static void
setup_details_cb (AssayEntryTable          *self,
                  GtkListItem              *item,
                  GtkSignalListItemFactory *factory)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("document-properties-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Details and inclusion proof"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Entry details"), -1);
  gtk_widget_set_focus_on_click (button, FALSE);
  g_signal_connect_object (button, "clicked", G_CALLBACK (details_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, button);
}

static void
bind_details_cb (AssayEntryTable          *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
  g_object_set_data_full (G_OBJECT (gtk_list_item_get_child (item)), "assay-entry-row",
                          g_object_ref (item_row (item)), g_object_unref);
}

static void
column_view_activate_cb (AssayEntryTable *self,
                         guint            position,
                         GtkColumnView   *column_view)
{
  g_autoptr(AssayEntryRow) row = NULL;

  if (self->list == NULL)
    return;
  row = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (row != NULL)
    g_signal_emit (self, signals[ENTRY_ACTIVATED], 0, row);
}

/* Connected before the selection's own handler.  When a change covers the
 * selected row, GtkSingleSelection (4.8) looks for the selected item among
 * every added item by pointer, which our list (new items on demand) never
 * matches: that would read all of a 10 000 000-row list.  Unselecting first
 * skips the search.  It can only be done while the selected position still
 * exists in the changed list (unselecting announces that position); a list
 * that shrank below it (an account's records erased) is left to GTK, whose
 * search then reads fewer items than the list lost. */
static void
list_items_changed_cb (AssayEntryTable *self,
                       guint            position,
                       guint            removed,
                       guint            added,
                       GListModel      *list)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (selected != GTK_INVALID_LIST_POSITION && selected >= position && selected - position < removed &&
      selected < g_list_model_get_n_items (list))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
selection_notify_selected_cb (AssayEntryTable    *self,
                              GParamSpec         *pspec,
                              GtkSingleSelection *selection)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ROW]);
}

/* ---- GObject -------------------------------------------------------------------- */

static void
assay_entry_table_dispose (GObject *object)
{
  AssayEntryTable *self = ASSAY_ENTRY_TABLE (object);

  /* Dropping the columns changes the sorter: nothing to sort any more. */
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  gtk_widget_dispose_template (GTK_WIDGET (self), ASSAY_TYPE_ENTRY_TABLE);
  g_clear_object (&self->selection);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);

  G_OBJECT_CLASS (assay_entry_table_parent_class)->dispose (object);
}

static void
assay_entry_table_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AssayEntryTable *self = ASSAY_ENTRY_TABLE (object);

  switch (prop_id)
    {
    case PROP_LIST:
      g_value_set_object (value, self->list);
      break;

    case PROP_SHOW_ACCOUNT:
      g_value_set_boolean (value, gtk_column_view_column_get_visible (self->account_column));
      break;

    case PROP_SELECTED_ROW:
      g_value_set_object (value, assay_entry_table_get_selected_row (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_entry_table_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AssayEntryTable *self = ASSAY_ENTRY_TABLE (object);

  switch (prop_id)
    {
    case PROP_LIST:
      assay_entry_table_set_list (self, g_value_get_object (value));
      break;

    case PROP_SHOW_ACCOUNT:
      assay_entry_table_set_show_account (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_entry_table_class_init (AssayEntryTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = assay_entry_table_dispose;
  object_class->get_property = assay_entry_table_get_property;
  object_class->set_property = assay_entry_table_set_property;

  properties[PROP_LIST] =
    g_param_spec_object ("list", NULL, NULL, ASSAY_TYPE_ENTRY_LIST,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ACCOUNT] =
    g_param_spec_boolean ("show-account", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ROW] =
    g_param_spec_object ("selected-row", NULL, NULL, ASSAY_TYPE_ENTRY_ROW,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ENTRY_ACTIVATED] =
    g_signal_new ("entry-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ASSAY_TYPE_ENTRY_ROW);
  signals[DETAILS_REQUESTED] =
    g_signal_new ("details-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ASSAY_TYPE_ENTRY_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-entry-table.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayEntryTable, scroller);
  gtk_widget_class_bind_template_child (widget_class, AssayEntryTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, AssayEntryTable, index_column);
  gtk_widget_class_bind_template_child (widget_class, AssayEntryTable, date_column);
  gtk_widget_class_bind_template_child (widget_class, AssayEntryTable, account_column);
  gtk_widget_class_bind_template_child (widget_class, AssayEntryTable, dimension_column);
  gtk_widget_class_bind_template_child (widget_class, AssayEntryTable, points_column);
  gtk_widget_class_bind_template_child (widget_class, AssayEntryTable, county_column);
  gtk_widget_class_bind_template_child (widget_class, AssayEntryTable, issuer_column);
  gtk_widget_class_bind_template_child (widget_class, AssayEntryTable, details_column);
  gtk_widget_class_bind_template_callback (widget_class, setup_details_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_details_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_numeric_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_monospace_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_dimension_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_index_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_date_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_account_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_dimension_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_points_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_county_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_issuer_cb);
}

static void
assay_entry_table_init (AssayEntryTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->probed = -1;
  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_data (self->probe_a, "assay-entry-table", self);

  /* Selection over no model until a list is set. */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_notify_selected_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  update_sorters (self);
  show_sort (self, self->index_column, GTK_SORT_ASCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
}

/* ---- public API ---------------------------------------------------------------- */

GtkWidget *
assay_entry_table_new (void)
{
  return g_object_new (ASSAY_TYPE_ENTRY_TABLE, NULL);
}

AssayEntryList *
assay_entry_table_get_list (AssayEntryTable *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_TABLE (self), NULL);

  return self->list;
}

void
assay_entry_table_set_list (AssayEntryTable *self,
                            AssayEntryList  *list)
{
  g_return_if_fail (ASSAY_IS_ENTRY_TABLE (self));
  g_return_if_fail (list == NULL || ASSAY_IS_ENTRY_LIST (list));

  if (self->list == list)
    return;

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_set_object (&self->list, list);
  gtk_single_selection_set_model (self->selection, NULL);
  if (list != NULL)
    {
      g_signal_connect_object (list, "notify::account", G_CALLBACK (list_notify_account_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "items-changed", G_CALLBACK (list_items_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (list));
  update_sorters (self);
  apply_sort (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST]);
}

void
assay_entry_table_set_show_account (AssayEntryTable *self,
                                    gboolean         show_account)
{
  g_return_if_fail (ASSAY_IS_ENTRY_TABLE (self));

  show_account = !!show_account;
  if (gtk_column_view_column_get_visible (self->account_column) == show_account)
    return;
  gtk_column_view_column_set_visible (self->account_column, show_account);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ACCOUNT]);
}

void
assay_entry_table_select (AssayEntryTable *self,
                          guint            position)
{
  g_return_if_fail (ASSAY_IS_ENTRY_TABLE (self));

  gtk_single_selection_set_selected (self->selection, position);
}

/* The column view's inner list carries the list.* actions (GTK 4.8 has no
 * API to focus a row): list.select-item moves the keyboard cursor and the
 * focus to the row, so the arrows and Enter work from there. */
void
assay_entry_table_focus_selected (AssayEntryTable *self)
{
  guint selected;

  g_return_if_fail (ASSAY_IS_ENTRY_TABLE (self));

  selected = gtk_single_selection_get_selected (self->selection);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  if (selected == GTK_INVALID_LIST_POSITION ||
      selected >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.select-item", "(ubb)", selected, FALSE, FALSE);
}

AssayEntryRow *
assay_entry_table_get_selected_row (AssayEntryTable *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_TABLE (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

GtkColumnView *
assay_entry_table_get_column_view (AssayEntryTable *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_TABLE (self), NULL);

  return self->column_view;
}

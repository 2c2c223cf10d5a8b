/* assay-entry-row.c — one ledger entry as a list item
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

#include <glib/gi18n-lib.h>

#include "assay-entry-row.h"

#include "assay-day.h"
#include "assay-replica-private.h"

struct _AssayEntryRow
{
  GObject          parent_instance;
  guint64          index;
  AssayEntryState  state;
  AssayEntryKind   kind;
  char            *account;
  int              dimension;
  int              tier;
  gint64           points;
  guint32          event_day;
  char            *event_date;
  char            *county;
  char            *issuer;
  gboolean         record;
};

G_DEFINE_FINAL_TYPE (AssayEntryRow, assay_entry_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_STATE,
  PROP_KIND,
  PROP_KIND_LABEL,
  PROP_ACCOUNT,
  PROP_DIMENSION,
  PROP_DIMENSION_LABEL,
  PROP_POINTS,
  PROP_EVENT_DAY,
  PROP_EVENT_DATE,
  PROP_COUNTY,
  PROP_ISSUER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
assay_entry_row_finalize (GObject *object)
{
  AssayEntryRow *self = ASSAY_ENTRY_ROW (object);

  g_free (self->account);
  g_free (self->event_date);
  g_free (self->county);
  g_free (self->issuer);
  G_OBJECT_CLASS (assay_entry_row_parent_class)->finalize (object);
}

static void
assay_entry_row_get_property (GObject *object,
                              guint prop_id,
                              GValue *value,
                              GParamSpec *pspec)
{
  AssayEntryRow *self = ASSAY_ENTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint64 (value, self->index);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, assay_entry_row_get_kind_label (self));
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;
    case PROP_DIMENSION:
      g_value_set_int (value, self->dimension);
      break;
    case PROP_DIMENSION_LABEL:
      g_value_set_string (value, assay_entry_row_get_dimension_label (self));
      break;
    case PROP_POINTS:
      g_value_set_int64 (value, self->points);
      break;
    case PROP_EVENT_DAY:
      g_value_set_uint (value, self->event_day);
      break;
    case PROP_EVENT_DATE:
      g_value_set_string (value, self->event_date);
      break;
    case PROP_COUNTY:
      g_value_set_string (value, self->county);
      break;
    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_entry_row_class_init (AssayEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = assay_entry_row_finalize;
  object_class->get_property = assay_entry_row_get_property;

  properties[PROP_INDEX] = g_param_spec_uint64 ("index", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, ASSAY_TYPE_ENTRY_STATE,
                                              ASSAY_ENTRY_STATE_VERIFIED, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, ASSAY_TYPE_ENTRY_KIND,
                                             ASSAY_ENTRY_EVENT, flags);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL, flags);
  properties[PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, flags);
  properties[PROP_DIMENSION] = g_param_spec_int ("dimension", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_DIMENSION_LABEL] = g_param_spec_string ("dimension-label", NULL, NULL, NULL, flags);
  properties[PROP_POINTS] = g_param_spec_int64 ("points", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_EVENT_DAY] = g_param_spec_uint ("event-day", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_EVENT_DATE] = g_param_spec_string ("event-date", NULL, NULL, NULL, flags);
  properties[PROP_COUNTY] = g_param_spec_string ("county", NULL, NULL, NULL, flags);
  properties[PROP_ISSUER] = g_param_spec_string ("issuer", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
assay_entry_row_init (AssayEntryRow *self)
{
  self->dimension = -1;
  self->tier = -1;
}

AssayEntryRow *
_assay_entry_row_new_from_stmt (sqlite3_stmt *stmt)
{
  AssayEntryRow *self = g_object_new (ASSAY_TYPE_ENTRY_ROW, NULL);

  self->index = sqlite3_column_int64 (stmt, 0);
  self->state = sqlite3_column_int (stmt, 1);
  self->kind = sqlite3_column_int (stmt, 2);
  self->account = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    self->dimension = sqlite3_column_int (stmt, 4);
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    self->tier = sqlite3_column_int (stmt, 5);
  self->points = sqlite3_column_int64 (stmt, 6);
  self->event_day = sqlite3_column_int64 (stmt, 7);
  self->event_date = assay_day_format (self->event_day);
  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    self->county = g_strdup_printf ("%06d", sqlite3_column_int (stmt, 8));
  self->issuer = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  self->record = sqlite3_column_int (stmt, 10) != 0;
  return self;
}

guint64
assay_entry_row_get_index (AssayEntryRow *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_ROW (self), 0);
  return self->index;
}

AssayEntryState
assay_entry_row_get_state (AssayEntryRow *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_ROW (self), 0);
  return self->state;
}

AssayEntryKind
assay_entry_row_get_kind (AssayEntryRow *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_ROW (self), 0);
  return self->kind;
}

const char *
assay_entry_row_get_kind_label (AssayEntryRow *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_ROW (self), NULL);

  if (self->state == ASSAY_ENTRY_STATE_ERASED)
    return _("Erased");
  if (self->state == ASSAY_ENTRY_STATE_WITHHELD)
    return _("Withheld");
  /* The kind comes from the database: a newer writer's kind is unknown. */
  if (self->kind >= ASSAY_N_ENTRY_KINDS)
    return _("Unknown");
  return assay_entry_kind_get_label (self->kind);
}

const char *
assay_entry_row_get_account (AssayEntryRow *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_ROW (self), NULL);
  return self->account;
}

int
assay_entry_row_get_dimension (AssayEntryRow *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_ROW (self), -1);
  return self->dimension;
}

const char *
assay_entry_row_get_dimension_label (AssayEntryRow *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_ROW (self), NULL);

  if (self->dimension >= 0 && self->dimension < ASSAY_N_DIMENSIONS)
    return assay_dimension_get_label (self->dimension);
  if (self->tier >= 0 && self->tier < ASSAY_N_TIERS)
    return assay_tier_get_label (self->tier);
  return NULL;
}

gint64
assay_entry_row_get_points (AssayEntryRow *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_ROW (self), 0);
  return self->points;
}

guint32
assay_entry_row_get_event_day (AssayEntryRow *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_ROW (self), 0);
  return self->event_day;
}

const char *
assay_entry_row_get_event_date (AssayEntryRow *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_ROW (self), NULL);
  return self->event_date;
}

const char *
assay_entry_row_get_county (AssayEntryRow *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_ROW (self), NULL);
  return self->county;
}

const char *
assay_entry_row_get_issuer (AssayEntryRow *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_ROW (self), NULL);
  return self->issuer;
}

gboolean
assay_entry_row_is_record (AssayEntryRow *self)
{
  g_return_val_if_fail (ASSAY_IS_ENTRY_ROW (self), FALSE);
  return self->record;
}

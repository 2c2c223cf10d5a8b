/* assay-what-if-county-item.c — one county's row of the weights what-if table
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
#include <string.h>

#include "assay-county.h"
#include "assay-what-if-county-item.h"

struct _AssayWhatIfCountyItem
{
  GObject  parent_instance;

  char    *county;
  char    *name;
  double   numbers[6];   /* accounts, before, after, change, up, down */
};

G_DEFINE_FINAL_TYPE (AssayWhatIfCountyItem, assay_what_if_county_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_COUNTY,
  PROP_NAME,
  PROP_ACCOUNTS,
  PROP_BEFORE,
  PROP_AFTER,
  PROP_CHANGE,
  PROP_UP,
  PROP_DOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
assay_what_if_county_item_finalize (GObject *object)
{
  AssayWhatIfCountyItem *self = ASSAY_WHAT_IF_COUNTY_ITEM (object);

  g_free (self->county);
  g_free (self->name);

  G_OBJECT_CLASS (assay_what_if_county_item_parent_class)->finalize (object);
}

static void
assay_what_if_county_item_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  AssayWhatIfCountyItem *self = ASSAY_WHAT_IF_COUNTY_ITEM (object);

  if (prop_id == PROP_COUNTY)
    g_value_set_string (value, self->county);
  else if (prop_id == PROP_NAME)
    g_value_set_string (value, self->name);
  else if (prop_id >= PROP_ACCOUNTS && prop_id <= PROP_DOWN)
    g_value_set_double (value, self->numbers[prop_id - PROP_ACCOUNTS]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
assay_what_if_county_item_class_init (AssayWhatIfCountyItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[] = { "accounts", "before", "after", "change", "up", "down" };

  object_class->finalize = assay_what_if_county_item_finalize;
  object_class->get_property = assay_what_if_county_item_get_property;

  properties[PROP_COUNTY] =
    g_param_spec_string ("county", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    properties[PROP_ACCOUNTS + i] =
      g_param_spec_double (names[i], NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
assay_what_if_county_item_init (AssayWhatIfCountyItem *self)
{
}

AssayWhatIfCountyItem *
assay_what_if_county_item_new (const AssayWhatIfGroup *group)
{
  AssayWhatIfCountyItem *self;

  g_return_val_if_fail (group != NULL, NULL);

  self = g_object_new (ASSAY_TYPE_WHAT_IF_COUNTY_ITEM, NULL);
  self->county = g_strdup (group->id);
  /* "none": accounts without a record, whose county nothing says. */
  self->name = strcmp (group->id, "none") == 0 ? g_strdup (_("No record"))
                                                : assay_county_format (group->id);
  self->numbers[0] = group->n;
  self->numbers[1] = group->total_before;
  self->numbers[2] = group->total_after;
  self->numbers[3] = group->total_after - group->total_before;
  self->numbers[4] = group->n_up;
  self->numbers[5] = group->n_down;
  return self;
}

const char *
assay_what_if_county_item_get_county (AssayWhatIfCountyItem *self)
{
  g_return_val_if_fail (ASSAY_IS_WHAT_IF_COUNTY_ITEM (self), NULL);

  return self->county;
}

const char *
assay_what_if_county_item_get_name (AssayWhatIfCountyItem *self)
{
  g_return_val_if_fail (ASSAY_IS_WHAT_IF_COUNTY_ITEM (self), NULL);

  return self->name;
}

double
assay_what_if_county_item_get_number (AssayWhatIfCountyItem *self,
                                      const char            *property)
{
  double value = 0;

  g_return_val_if_fail (ASSAY_IS_WHAT_IF_COUNTY_ITEM (self), 0);

  g_object_get (self, property, &value, NULL);
  return value;
}

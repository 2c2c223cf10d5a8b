/* assay-what-if-rule-item.c — one rule's row of the what-if table
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

#include <string.h>

#include "assay-what-if-rule-item.h"

struct _AssayWhatIfRuleItem
{
  GObject  parent_instance;

  char    *rule;
  guint    counts[5];   /* in force, draft, added, removed, changed */
};

G_DEFINE_FINAL_TYPE (AssayWhatIfRuleItem, assay_what_if_rule_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RULE,
  PROP_IN_FORCE,
  PROP_DRAFT,
  PROP_ADDED,
  PROP_REMOVED,
  PROP_CHANGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
assay_what_if_rule_item_finalize (GObject *object)
{
  AssayWhatIfRuleItem *self = ASSAY_WHAT_IF_RULE_ITEM (object);

  g_free (self->rule);

  G_OBJECT_CLASS (assay_what_if_rule_item_parent_class)->finalize (object);
}

static void
assay_what_if_rule_item_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AssayWhatIfRuleItem *self = ASSAY_WHAT_IF_RULE_ITEM (object);

  if (prop_id == PROP_RULE)
    g_value_set_string (value, self->rule);
  else if (prop_id >= PROP_IN_FORCE && prop_id <= PROP_CHANGED)
    g_value_set_uint (value, self->counts[prop_id - PROP_IN_FORCE]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
assay_what_if_rule_item_class_init (AssayWhatIfRuleItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char * const names[] = { "in-force", "draft", "added", "removed", "changed" };

  object_class->finalize = assay_what_if_rule_item_finalize;
  object_class->get_property = assay_what_if_rule_item_get_property;

  properties[PROP_RULE] =
    g_param_spec_string ("rule", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    properties[PROP_IN_FORCE + i] =
      g_param_spec_uint (names[i], NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
assay_what_if_rule_item_init (AssayWhatIfRuleItem *self)
{
}

AssayWhatIfRuleItem *
assay_what_if_rule_item_new (const AssayWhatIfRule *rule)
{
  AssayWhatIfRuleItem *self = g_object_new (ASSAY_TYPE_WHAT_IF_RULE_ITEM, NULL);

  g_return_val_if_fail (rule != NULL, NULL);

  self->rule = g_strdup (rule->rule);
  self->counts[0] = rule->in_force;
  self->counts[1] = rule->draft;
  self->counts[2] = rule->added;
  self->counts[3] = rule->removed;
  self->counts[4] = rule->changed;
  return self;
}

const char *
assay_what_if_rule_item_get_rule (AssayWhatIfRuleItem *self)
{
  g_return_val_if_fail (ASSAY_IS_WHAT_IF_RULE_ITEM (self), NULL);

  return self->rule;
}

guint
assay_what_if_rule_item_get_count (AssayWhatIfRuleItem *self,
                                   const char          *property)
{
  guint value = 0;

  g_return_val_if_fail (ASSAY_IS_WHAT_IF_RULE_ITEM (self), 0);

  g_object_get (self, property, &value, NULL);
  return value;
}

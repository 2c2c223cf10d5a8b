/* assay-rule-set-source.c — the rule set in force, read from its file and re-read when it changes
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

#include "assay-rule-cases.h"
#include "assay-rule-set-source.h"

struct _AssayRuleSetSource
{
  GObject        parent_instance;

  char          *path;
  AssayRuleSet  *rule_set;
  GError        *error;
  GFileMonitor  *monitor;
};

G_DEFINE_FINAL_TYPE (AssayRuleSetSource, assay_rule_set_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_RULE_SET,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
assay_rule_set_source_reload (AssayRuleSetSource *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayRuleSet) set = NULL;
  gboolean had_error;

  g_return_if_fail (ASSAY_IS_RULE_SET_SOURCE (self));

  had_error = self->error != NULL;
  set = assay_rule_set_new_from_file (self->path, &error);
  g_object_freeze_notify (G_OBJECT (self));
  g_clear_error (&self->error);
  if (set == NULL)
    {
      g_debug ("Rule set %s refused; the one in force stays: %s", self->path, error->message);
      self->error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  else
    {
      if (had_error)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
      /* The same bytes are the same set: nothing to re-evaluate. */
      if (self->rule_set == NULL ||
          g_strcmp0 (assay_rule_set_get_sha256 (self->rule_set), assay_rule_set_get_sha256 (set)) != 0)
        {
          g_set_object (&self->rule_set, set);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RULE_SET]);
        }
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
file_changed_cb (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 gpointer           user_data)
{
  AssayRuleSetSource *self = user_data;

  /* Editors write in place (CHANGES_DONE_HINT) or save a new file over
   * the old one (CREATED, RENAMED or MOVED_IN); DELETED reports the file
   * gone, which leaves the set in force. */
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
      assay_rule_set_source_reload (self);
      break;
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    default:
      break;
    }
}

static void
assay_rule_set_source_constructed (GObject *object)
{
  AssayRuleSetSource *self = ASSAY_RULE_SET_SOURCE (object);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (assay_rule_set_source_parent_class)->constructed (object);

  if (self->path == NULL)
    self->path = assay_rule_default_set_path ();
  file = g_file_new_for_path (self->path);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor != NULL)
    g_signal_connect_object (self->monitor, "changed", G_CALLBACK (file_changed_cb), self, 0);
  else
    g_debug ("Not watching %s: %s", self->path, error->message);
  assay_rule_set_source_reload (self);
}

static void
assay_rule_set_source_finalize (GObject *object)
{
  AssayRuleSetSource *self = ASSAY_RULE_SET_SOURCE (object);

  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  g_clear_object (&self->rule_set);
  g_clear_error (&self->error);
  g_free (self->path);

  G_OBJECT_CLASS (assay_rule_set_source_parent_class)->finalize (object);
}

static void
assay_rule_set_source_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AssayRuleSetSource *self = ASSAY_RULE_SET_SOURCE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_RULE_SET:
      g_value_set_object (value, self->rule_set);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_rule_set_source_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AssayRuleSetSource *self = ASSAY_RULE_SET_SOURCE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_rule_set_source_class_init (AssayRuleSetSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = assay_rule_set_source_constructed;
  object_class->finalize = assay_rule_set_source_finalize;
  object_class->get_property = assay_rule_set_source_get_property;
  object_class->set_property = assay_rule_set_source_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RULE_SET] =
    g_param_spec_object ("rule-set", NULL, NULL, ASSAY_TYPE_RULE_SET,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
assay_rule_set_source_init (AssayRuleSetSource *self)
{
}

AssayRuleSetSource *
assay_rule_set_source_new (const char *path)
{
  return g_object_new (ASSAY_TYPE_RULE_SET_SOURCE, "path", path, NULL);
}

const char *
assay_rule_set_source_get_path (AssayRuleSetSource *self)
{
  g_return_val_if_fail (ASSAY_IS_RULE_SET_SOURCE (self), NULL);

  return self->path;
}

AssayRuleSet *
assay_rule_set_source_get_rule_set (AssayRuleSetSource *self)
{
  g_return_val_if_fail (ASSAY_IS_RULE_SET_SOURCE (self), NULL);

  return self->rule_set;
}

const GError *
assay_rule_set_source_get_error (AssayRuleSetSource *self)
{
  g_return_val_if_fail (ASSAY_IS_RULE_SET_SOURCE (self), NULL);

  return self->error;
}

/* assay-rule-set-source.h — the rule set in force, read from its file and re-read when it changes
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

#include "assay-rule-set.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_RULE_SET_SOURCE (assay_rule_set_source_get_type ())

G_DECLARE_FINAL_TYPE (AssayRuleSetSource, assay_rule_set_source, ASSAY, RULE_SET_SOURCE, GObject)

/* Loads the rule set at `path` (NULL: assay_rule_default_set_path ()) and
 * watches the file.  When the file changes it is read and checked again:
 * a set the loader accepts replaces the one in force (notify::rule-set,
 * only if its bytes differ); one it refuses, or a file that cannot be
 * read, leaves the set in force as it was and sets "error" (notify::error)
 * until a good one arrives.  Nothing half-loaded is ever in force.
 *
 * Properties (read-only, notified on change):
 *   path      char *         the file
 *   rule-set  AssayRuleSet   the set in force, or NULL if no load ever
 *                            succeeded
 *   error     GError         why the last load failed, or NULL */
AssayRuleSetSource *assay_rule_set_source_new          (const char         *path);

const char         *assay_rule_set_source_get_path     (AssayRuleSetSource *self);
AssayRuleSet       *assay_rule_set_source_get_rule_set (AssayRuleSetSource *self);
const GError       *assay_rule_set_source_get_error    (AssayRuleSetSource *self);

/* Reads the file again now (the monitor does it by itself). */
void                assay_rule_set_source_reload       (AssayRuleSetSource *self);

G_END_DECLS

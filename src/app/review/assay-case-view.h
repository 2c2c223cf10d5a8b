/* assay-case-view.h — one case of the Review Queue: its flags, evidence and history
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

#include "assay-replica-cases.h"
#include "assay-rule-set.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_CASE_VIEW (assay_case_view_get_type ())

G_DECLARE_FINAL_TYPE (AssayCaseView, assay_case_view, ASSAY, CASE_VIEW, GtkWidget)

/* The Review Queue's second level: a case's subject and state, the local
 * actions (Start Review, Assign…, Add Note…, each written through the
 * replica and recorded in the history), each flag with its explanation,
 * features, parameters, margin and the entries behind it (each opens
 * AssayEntryDetails, which exports its proof), an account's weekly chart
 * with the flagged periods marked or a ring's members, and the history.
 *
 * Signals:
 *   void back              (AssayCaseView *self)                  the back button, Escape
 *   void show-toast        (AssayCaseView *self, AdwToast *toast)
 *   void case-changed      (AssayCaseView *self)                  an action changed the case
 *   void decision-queued   (AssayCaseView *self, const char *hash) a decision was signed into the outbox
 *   void account-requested (AssayCaseView *self, const char *account) */

GtkWidget *assay_case_view_new         (void);
/* Shows case `case_id` of `replica`; FALSE with the replica's error
 * (ASSAY_ERROR_NOT_FOUND for an unknown case). */
gboolean   assay_case_view_show        (AssayCaseView *self,
                                        AssayReplica  *replica,
                                        gint64         case_id,
                                        GError       **error);
/* The rule set in force: a flag it raised shows how its rule decided
 * (set before showing a case; NULL: none). */
void       assay_case_view_set_rule_set (AssayCaseView *self,
                                         AssayRuleSet  *rule_set);
/* Reads the shown case again (after a refresh of the flags); FALSE when
 * it is gone, and then the view shows nothing. */
gboolean   assay_case_view_reload      (AssayCaseView *self);
gint64     assay_case_view_get_case_id (AssayCaseView *self);
/* Lets go of the replica and shows nothing. */
void       assay_case_view_clear       (AssayCaseView *self);

G_END_DECLS

/* assay-decision-types.h — roles, decision kinds and subjects, with their ids
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

#include <glib-object.h>

#include "assay-entry.h"

G_BEGIN_DECLS

/* The payload types (DSSE payloadType) of the two signed documents,
 * ASSAY_ROSTER_PAYLOAD_TYPE and ASSAY_DECISION_PAYLOAD_TYPE, are the
 * ledger's: it checks them when it parses an entry. */

/* A role of the roster; the nick is its name in "roles" and "kinds". */
typedef enum
{
  ASSAY_ROLE_ROSTER_ROOT, /*< nick=roster_root >*/
  ASSAY_ROLE_COMMITTEE,   /*< nick=committee >*/
  ASSAY_ROLE_ARBITRATION, /*< nick=arbitration >*/
  ASSAY_ROLE_AUDIT,       /*< nick=audit >*/
  ASSAY_N_ROLES,          /*< skip >*/
} AssayRole;

/* What a decision does: its "kind" (the roster's rule in "kinds") and, in
 * version 1, also its "outcome", except for a ruling, whose outcome is an
 * AssayRulingOutcome.  `approve` and `deny` are the committee's answers to
 * a filing (README "Filings"), `ruling` the arbitration panel's. */
typedef enum
{
  ASSAY_DECISION_KIND_DISMISS,        /*< nick=dismiss >*/
  ASSAY_DECISION_KIND_CONFIRM,        /*< nick=confirm >*/
  ASSAY_DECISION_KIND_DOWN_WEIGHT,    /*< nick=down_weight >*/
  ASSAY_DECISION_KIND_FREEZE,         /*< nick=freeze >*/
  ASSAY_DECISION_KIND_RESTORE,        /*< nick=restore >*/
  ASSAY_DECISION_KIND_ZERO,           /*< nick=zero >*/
  ASSAY_DECISION_KIND_WEIGHTS,        /*< nick=weights >*/
  ASSAY_DECISION_KIND_RULING,         /*< nick=ruling >*/
  ASSAY_DECISION_KIND_AUDIT_FINDINGS, /*< nick=audit_findings >*/
  ASSAY_DECISION_KIND_APPROVE,        /*< nick=approve >*/
  ASSAY_DECISION_KIND_DENY,           /*< nick=deny >*/
  ASSAY_N_DECISION_KINDS,             /*< skip >*/
} AssayDecisionKind;

/* What a decision is about; the nick is "subject"."kind". */
typedef enum
{
  ASSAY_SUBJECT_ACCOUNT,  /*< nick=account >*/
  ASSAY_SUBJECT_COUNTY,   /*< nick=county >*/
  ASSAY_SUBJECT_RING,     /*< nick=ring >*/
  ASSAY_SUBJECT_CASE,     /*< nick=case >*/
  ASSAY_SUBJECT_RULE_SET, /*< nick=rule_set >*/
  ASSAY_SUBJECT_AUDIT,    /*< nick=audit >*/
  ASSAY_SUBJECT_WEIGHTS,  /*< nick=weights >*/
  ASSAY_SUBJECT_FILING,   /*< nick=filing >*/
} AssaySubjectKind;

/* The outcome of a ruling (its payload's "outcome"): the panel upholds
 * the contested entry or decision, overturns it, or adjusts the points by
 * params.points. */
typedef enum
{
  ASSAY_RULING_UPHOLD,    /*< nick=uphold >*/
  ASSAY_RULING_OVERTURN,  /*< nick=overturn >*/
  ASSAY_RULING_ADJUST,    /*< nick=adjust >*/
} AssayRulingOutcome;

G_END_DECLS

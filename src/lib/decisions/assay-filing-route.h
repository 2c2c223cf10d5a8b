/* assay-filing-route.h — who decides a filing, and what a decision on it may say
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

#include "assay-decision.h"
#include "assay-entry.h"

G_BEGIN_DECLS

/* The largest award or adjustment a decision on a filing names, as the
 * Filings tables bound points (README "Filings"). */
#define ASSAY_FILING_MAX_POINTS G_GINT64_CONSTANT (1000000)

/* Who decides a filing of kind @filing_kind: a `dispute`, and an `appeal`
 * whose `against` names a `decision` entry (@target_kind, the kind of the
 * entry at `against`; ASSAY_N_ENTRY_KINDS when it is erased or unknown,
 * and ignored for every other kind), go to the arbitration panel
 * (ASSAY_ROLE_ARBITRATION, decided by a `ruling`); every other filing (an
 * appeal against an event or redemption, silence, forget_request,
 * failure_claim, insurance_claim, education_transfer) to the committee
 * (ASSAY_ROLE_COMMITTEE, decided by `approve` or `deny`).  Pure: the
 * central service, the replica and the drafting code all route with it. */
AssayRole         assay_filing_route              (AssayEntryKind  filing_kind,
                                                   AssayEntryKind  target_kind);

/* The decision kind(s) a filing of that route takes: ruling for the
 * panel, approve or deny for the committee. */
gboolean          assay_filing_route_takes        (AssayRole          route,
                                                   AssayDecisionKind  kind);

/* What a decision on a filing is checked against, as the log holds it
 * (gathered by the service from its bundles, by a replica from its
 * entries). */
typedef struct
{
  guint64         index;             /* the filing's leaf index */
  AssayEntryKind  kind;              /* a filing kind */
  char           *account;           /* the filer */
  AssayEntryKind  target_kind;       /* appeal, forget_request: the kind of the entry at
                                      * `against` / `silence`, ASSAY_N_ENTRY_KINDS if erased */
  char           *target_account;    /* that entry's account, or NULL */
  guint32         silence_from;      /* forget_request: the silence's period, when the target */
  guint32         silence_to;        /*   is a silence */
  gint64          points;            /* failure_claim: the award asked */
  gint64          comparable_value;  /* failure_claim */
  /* A replica that finds the filing, or the entry it names, erased when it
   * verifies an earlier decision cannot tell whether a later tombstone
   * erased it: only @kind (read from the entry's stored kind) is known
   * then, and the checks that need what is gone are skipped.  The
   * service, which judges the log as it is now, leaves both FALSE. */
  gboolean        erased;            /* the filing's body is gone */
  gboolean        target_erased;     /* the named entry's body is gone */
} AssayFilingFacts;

void              assay_filing_facts_clear        (AssayFilingFacts *facts);

/* Fills @facts from the filing @filing (a parsed filing body at leaf
 * @index) and the entry its `against` or `silence` names (@target, NULL
 * when erased or absent). */
void              assay_filing_facts_init         (AssayFilingFacts  *facts,
                                                   guint64            index,
                                                   const AssayEntry  *filing,
                                                   const AssayEntry  *target);

/* Whether a forget request's `silence` names a silence of the same
 * account, whose period an approval erases. */
gboolean          assay_filing_facts_has_silence  (const AssayFilingFacts *facts);

/* Checks @decision, whose subject is the filing @facts describes, against
 * it: the kind fits the route (a ruling for the panel, approve or deny
 * for the committee); an approved failure claim names params.award with
 * 1 ≤ award ≤ the points asked and 10 × award ≤ 3 × comparable_value
 * (Article U: at most 30 % of the comparable success), every other
 * approval names none; an approved forget request names a silence of the
 * same account.  With @facts->erased nothing is checked, and an erased
 * target counts as the silence (see AssayFilingFacts).  The payload reader has already checked the params'
 * shape (assay_decision_new_from_envelope).  ASSAY_ERROR_VERIFICATION
 * with a clause saying what is wrong. */
gboolean          assay_filing_decision_check     (const AssayDecision    *decision,
                                                   const AssayFilingFacts *facts,
                                                   GError                **error);

/* The award (approve) or points (adjusting ruling) of a decision on a
 * filing, or 0. */
gint64            assay_filing_decision_amount    (const AssayDecision *decision);

/* The largest award Article U allows for a failure claim: ⌊0.3 ×
 * @comparable_value⌋, and no more than @asked. */
gint64            assay_filing_award_cap          (gint64 comparable_value,
                                                   gint64 asked);

G_END_DECLS

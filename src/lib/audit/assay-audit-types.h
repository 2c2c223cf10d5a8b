/* assay-audit-types.h — the enums of the Article W fairness audit
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

#include <glib.h>

G_BEGIN_DECLS

/* The ids (nicks) appear in `assayctl fairness --json`. */
typedef enum
{
  ASSAY_FAIRNESS_NONE,          /*< nick=none >*/          /* no significant gap past the gate */
  ASSAY_FAIRNESS_UNDER,         /*< nick=under >*/         /* below its SES prediction */
  ASSAY_FAIRNESS_OVER,          /*< nick=over >*/          /* above its SES prediction */
  ASSAY_FAIRNESS_INSUFFICIENT,  /*< nick=insufficient >*/  /* too few accounts to test */
} AssayFairnessVerdict;

typedef enum
{
  ASSAY_FAIRNESS_SES_AUTO,        /*< nick=auto >*/
  ASSAY_FAIRNESS_SES_DISCRETE,    /*< nick=discrete >*/
  ASSAY_FAIRNESS_SES_CONTINUOUS,  /*< nick=continuous >*/
} AssayFairnessSes;

/* What the Article W test compares (README, "Article W fairness
 * audit"): each account's event points in the audit year, or its
 * contribution value on the year's last day. */
typedef enum
{
  ASSAY_FAIRNESS_OUTCOME_POINTS,  /*< nick=points >*/
  ASSAY_FAIRNESS_OUTCOME_VALUE,   /*< nick=value >*/
} AssayFairnessOutcome;

typedef enum
{
  ASSAY_FAIRNESS_HOLM,  /*< nick=holm >*/
  ASSAY_FAIRNESS_BH,    /*< nick=bh >*/
} AssayFairnessCorrection;

/* The ids appear in `assayctl benford --json`. */
typedef enum
{
  ASSAY_BENFORD_BY_ISSUER,  /*< nick=issuer >*/
  ASSAY_BENFORD_BY_COUNTY,  /*< nick=county >*/
} AssayBenfordBy;

/* Nigrini's reading of the first-digit MAD. */
typedef enum
{
  ASSAY_BENFORD_CLOSE,           /*< nick=close >*/           /* MAD < 0.006 */
  ASSAY_BENFORD_ACCEPTABLE,      /*< nick=acceptable >*/      /* < 0.012 */
  ASSAY_BENFORD_MARGINAL,        /*< nick=marginal >*/        /* < 0.015 */
  ASSAY_BENFORD_NONCONFORMITY,   /*< nick=nonconformity >*/
  ASSAY_BENFORD_INSUFFICIENT,    /*< nick=insufficient >*/    /* fewer events than the minimum */
} AssayBenfordConformity;

/* The auditor's finding about one sampled entry (6.2). */
typedef enum
{
  ASSAY_AUDIT_FINDING_CORRECT,  /*< nick=correct >*/
  ASSAY_AUDIT_FINDING_ERROR,    /*< nick=error >*/
  ASSAY_AUDIT_FINDING_FRAUD,    /*< nick=fraud >*/
} AssayAuditFinding;

/* The re-check of a sampled event's points. */
typedef enum
{
  ASSAY_RECHECK_MATCH,             /*< nick=match >*/
  ASSAY_RECHECK_MISMATCH,          /*< nick=mismatch >*/
  ASSAY_RECHECK_CANNOT_RECOMPUTE,  /*< nick=cannot_recompute >*/
} AssayRecheckStatus;

/* "Systemic fraud rate > 5 %" read as evidence of excess: the one-sided
 * binomial test against the threshold. */
typedef enum
{
  ASSAY_EXCESS_SHOWN,         /*< nick=exceeds >*/       /* p < alpha */
  ASSAY_EXCESS_NOT_SHOWN,     /*< nick=not_shown >*/     /* no evidence; not proof of less */
  ASSAY_EXCESS_INSUFFICIENT,  /*< nick=insufficient >*/  /* too few findings to ever show it */
} AssayExcessVerdict;

/* Read as assurance: the upper confidence bound below the threshold. */
typedef enum
{
  ASSAY_ASSURANCE_BELOW,         /*< nick=assured >*/
  ASSAY_ASSURANCE_NOT_ASSURED,   /*< nick=not_assured >*/
  ASSAY_ASSURANCE_INSUFFICIENT,  /*< nick=insufficient >*/  /* even no fraud could not assure it */
} AssayAssuranceVerdict;

G_END_DECLS

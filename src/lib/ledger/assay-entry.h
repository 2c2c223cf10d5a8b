/* assay-entry.h — ledger entry bodies: validation and commitments
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

#include "assay-types.h"
#include "assay-ledger-enums.h"
#include "assay-merkle.h"

G_BEGIN_DECLS

/* The entry format of README.md "Ledger format".  Parsing validates every
 * rule there; the error message names the field and the reason, in words a
 * data clerk understands.  All errors are ASSAY_ERROR_INVALID_DATA.
 *
 * The one rule a body alone cannot show is that the leaf indices a body
 * names (a tombstone's erased, a filing's target or disputed entries) lie
 * below its own leaf index: check that with assay_entry_check_index() once
 * the index is known.
 *
 * Rosters and decisions are written only by the central service; the
 * parser checks their DSSE envelope's shape (members, payload type,
 * base64, key ids, signature sizes) but verifies no signature.  Pauses
 * are written only by the service too, signed by the log itself (its
 * checkpoint signature covers them); the parser checks every member and
 * that the flag id is the one its rule, subject and period give, and
 * assay_entry_check_index() that its checkpoint lies before it. */

/* The kinds, dimensions, account kinds and tiers are registered enums
 * (ASSAY_TYPE_DIMENSION, … in assay-ledger-enums.h) whose nicks are the
 * ids the JSON writes. */

#define ASSAY_ENTRY_MAX_BODY 16384
#define ASSAY_SALT_SIZE      32

typedef enum
{
  ASSAY_ENTRY_EVENT,
  ASSAY_ENTRY_REDEMPTION,
  ASSAY_ENTRY_TOMBSTONE,
  ASSAY_ENTRY_ROSTER,
  ASSAY_ENTRY_DECISION,
  ASSAY_ENTRY_PAUSE,
  /* Filings (README "Filings"): imported like events, no aggregate. */
  ASSAY_ENTRY_APPEAL,
  ASSAY_ENTRY_DISPUTE,
  ASSAY_ENTRY_SILENCE,
  ASSAY_ENTRY_FORGET_REQUEST,   /*< nick=forget_request >*/
  ASSAY_ENTRY_FAILURE_CLAIM,    /*< nick=failure_claim >*/
  ASSAY_ENTRY_INSURANCE_CLAIM,  /*< nick=insurance_claim >*/
  ASSAY_ENTRY_EDUCATION_TRANSFER, /*< nick=education_transfer >*/
  ASSAY_N_ENTRY_KINDS /*< skip >*/
} AssayEntryKind;

#define ASSAY_ENTRY_KIND_IS_FILING(k) ((k) >= ASSAY_ENTRY_APPEAL && (k) < ASSAY_N_ENTRY_KINDS)

/* Article Z's three benefits. */
typedef enum
{
  ASSAY_BENEFIT_SOCIAL_SECURITY, /*< nick=social_security >*/
  ASSAY_BENEFIT_RETRAINING,
  ASSAY_BENEFIT_CREDIT_REPAIR,   /*< nick=credit_repair >*/
  ASSAY_N_BENEFITS /*< skip >*/
} AssayBenefit;

#define ASSAY_FILING_MAX_TEXT    2000  /* code points */
#define ASSAY_DISPUTE_MAX_ENTRIES 256
#define ASSAY_CLAIM_MAX_EXPERTS   16

/* The DSSE payload type each service-written kind must carry: the ledger
 * checks the envelope's shape, never its signatures (the decisions layer
 * does that). */
#define ASSAY_ROSTER_PAYLOAD_TYPE   "application/vnd.assay.roster.v1+json"
#define ASSAY_DECISION_PAYLOAD_TYPE "application/vnd.assay.decision.v1+json"
#define ASSAY_ENVELOPE_MAX_SIGNATURES 16

/* What a pause holds: one account, a county's redemptions, or a ring's
 * members. */
typedef enum
{
  ASSAY_PAUSE_SUBJECT_ACCOUNT,
  ASSAY_PAUSE_SUBJECT_COUNTY,
  ASSAY_PAUSE_SUBJECT_RING,
  ASSAY_N_PAUSE_SUBJECTS /*< skip >*/
} AssayPauseSubject;

typedef enum
{
  ASSAY_DIMENSION_PROFESSIONAL,
  ASSAY_DIMENSION_KNOWLEDGE,
  ASSAY_DIMENSION_COMMUNITY,
  ASSAY_DIMENSION_ECOLOGICAL,
  ASSAY_DIMENSION_DATA,
  ASSAY_DIMENSION_MARKET_ORDER, /*< nick=market_order >*/
  ASSAY_N_DIMENSIONS /*< skip >*/
} AssayDimension;

typedef enum
{
  ASSAY_ACCOUNT_INDIVIDUAL,
  ASSAY_ACCOUNT_ENTERPRISE,
  ASSAY_ACCOUNT_ORGANIZATION,
  ASSAY_N_ACCOUNT_KINDS /*< skip >*/
} AssayAccountKind;

typedef enum
{
  ASSAY_TIER_BASIC,
  ASSAY_TIER_DEVELOPMENT,
  ASSAY_TIER_RESOURCE,
  ASSAY_TIER_HONOUR,
  ASSAY_N_TIERS /*< skip >*/
} AssayTier;

/* A parsed, validated body.  Dates are GDate Julian day numbers.  Every
 * pointer member is its own g_malloc() block (or NULL) that
 * assay_entry_free() releases. */
typedef struct
{
  AssayEntryKind    kind;
  char             *account;          /* event, redemption, filings */
  AssayAccountKind  account_kind;
  AssayDimension    dimension;        /* event */
  AssayTier         tier;             /* redemption */
  gint64            points;
  guint32           event_day;        /* filings: the day filed */
  guint32           publication_day;  /* filings: the day filed */
  char              county[7];
  char             *issuer;           /* event */
  char             *distributor;
  char             *rule_id;          /* event */
  char             *rule_inputs;      /* event: the inputs object as compact JSON */
  char             *activity;         /* event; redemption: the request id; filings: the filer's reference */
  char             *confirmer;        /* event, may be NULL */
  char             *item;             /* redemption */
  char              evidence[65];     /* event */
  guint64          *erased;           /* tombstone */
  gsize             n_erased;
  guint32           issued_day;       /* tombstone */
  char             *envelope;         /* roster, decision: the DSSE envelope's JSON as the body writes it */
  guint32           logged_day;       /* roster, decision, pause */
  /* pause: the breaker flag it names (README, "Flags"); rule_id holds
   * the flag's rule. */
  char              flag[65];
  char              rule_set[65];     /* the rule set's SHA-256, hex */
  AssayPauseSubject pause_subject;
  char             *subject;          /* account id, county code or ring id */
  GStrv             members;          /* a ring's account ids; else empty */
  guint32           pause_from, pause_to;  /* pause; silence: its period */
  guint64           checkpoint_size;  /* the log the flag was evaluated at */
  guint8            checkpoint_root[ASSAY_HASH_SIZE];
  /* Filings.  text: an appeal's reason, a claimant's statement, a failure
   * claim's project, an insurance claim's venture. */
  char             *text;
  char             *respondent_statement;       /* dispute */
  char              claimant[3], respondent[3]; /* dispute: province codes */
  guint64           target;           /* appeal: the contested leaf; forget_request: the silence's leaf */
  guint64          *disputed;         /* dispute: leaf indices, ascending */
  gsize             n_disputed;
  GStrv             experts;          /* failure_claim */
  gboolean          honest_record, good_faith, ruled_out; /* failure_claim */
  gint64            comparable_value; /* failure_claim; points holds the award asked */
  AssayBenefit      benefit;          /* insurance_claim */
  guint             year;             /* education_transfer; points holds the points moved */
  char             *child_account;    /* education_transfer */
} AssayEntry;

AssayEntry *assay_entry_parse         (const char    *body,
                                       gsize          len,
                                       GError       **error);
void        assay_entry_free          (AssayEntry    *entry);
/* FALSE with an error when @entry is a tombstone, an appeal, a dispute or
 * a forget request that names a leaf at or after its own @index, or a
 * pause whose checkpoint lies past it; TRUE for everything else. */
gboolean    assay_entry_check_index   (const AssayEntry *entry,
                                       guint64        index,
                                       GError       **error);

/* The highest leaf index a filing names (an appeal's against, a forget
 * request's silence, a dispute's last entry) and the field that names
 * it (a static string); FALSE for every other entry.  The central
 * service checks it when it gives the filing its index. */
gboolean    assay_entry_get_filing_leaf (const AssayEntry *entry,
                                         guint64        *out_leaf,
                                         const char    **out_field);

/* SHA-256(salt ‖ body), the log leaf. */
void        assay_entry_commitment    (const guint8   salt[ASSAY_SALT_SIZE],
                                       const char    *body,
                                       gsize          len,
                                       guint8         out[ASSAY_HASH_SIZE]);

/* Ids as the JSON writes them ("event", "market_order", "honour"): the
 * enums' nicks. */
const char *assay_entry_kind_to_id    (AssayEntryKind   kind);
gboolean    assay_entry_kind_from_id  (const char      *id,
                                       AssayEntryKind  *out);
const char *assay_dimension_to_id     (AssayDimension   dimension);
gboolean    assay_dimension_from_id   (const char      *id,
                                       AssayDimension  *out);
const char *assay_account_kind_to_id  (AssayAccountKind kind);
gboolean    assay_account_kind_from_id (const char      *id,
                                        AssayAccountKind *out);
const char *assay_tier_to_id          (AssayTier        tier);
gboolean    assay_tier_from_id        (const char      *id,
                                       AssayTier       *out);
/* Translated display names ("Professional" / "专业贡献"). */
const char *assay_dimension_get_label (AssayDimension   dimension);
const char *assay_tier_get_label      (AssayTier        tier);
const char *assay_benefit_to_id       (AssayBenefit     benefit);
gboolean    assay_benefit_from_id     (const char      *id,
                                       AssayBenefit    *out);
/* "Longer social security buffer" / "社保缓冲期延长". */
const char *assay_benefit_get_label   (AssayBenefit     benefit);
/* "Appeal" / "申诉": the kind as a person reads it. */
const char *assay_entry_kind_get_label (AssayEntryKind  kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayEntry, assay_entry_free)

G_END_DECLS

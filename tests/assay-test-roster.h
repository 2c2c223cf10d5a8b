/* assay-test-roster.h — signers and a standard roster, for the roster and decision tests
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
#include "assay-key-file.h"
#include "assay-roster.h"
#include "assay-test-central.h"

G_BEGIN_DECLS

#define ASSAY_TEST_DEPLOYMENT "pilot.assay.example"
/* 2026-01-01T00:00:00Z: the tests' "now". */
#define ASSAY_TEST_NOW        G_GINT64_CONSTANT (1767225600)
#define ASSAY_TEST_YEAR       G_GINT64_CONSTANT (31536000)

/* The signers of the standard roster, by index: */
enum
{
  ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, ASSAY_TEST_ROOT_2,   /* roster_root, 2 of 3 */
  ASSAY_TEST_ANA, ASSAY_TEST_BO, ASSAY_TEST_CHEN,            /* committee, 1 of 3 */
  ASSAY_TEST_ARB_0, ASSAY_TEST_ARB_1, ASSAY_TEST_ARB_2,      /* arbitration, 2 of 3 */
  ASSAY_TEST_AUDITOR,                                        /* audit, 1 of 1 */
  ASSAY_TEST_SPARE_0, ASSAY_TEST_SPARE_1,                    /* in no roster until a test adds them */
  ASSAY_TEST_N_SIGNERS,
};

/* Signer @index's key, from a fixed seed (no key file, no Argon2id). */
typedef struct
{
  AssayKeyFile *keys[ASSAY_TEST_N_SIGNERS];
  char         *keyids[ASSAY_TEST_N_SIGNERS];
} AssayTestSigners;

void         assay_test_signers_init  (AssayTestSigners *signers);
void         assay_test_signers_clear (AssayTestSigners *signers);
/* The holder name of signer @index ("root-0", "ana", ...). */
const char  *assay_test_holder        (guint             index);

/* Adds signer @index to @roster as @holder (NULL: its own name) in @role,
 * valid without bounds. */
void         assay_test_roster_add    (AssayRoster      *roster,
                                       AssayTestSigners *signers,
                                       guint             index,
                                       const char       *holder,
                                       AssayRole         role);

/* The standard roster: the signers above in their roles, the default kinds,
 * expiring a year after ASSAY_TEST_NOW. */
AssayRoster *assay_test_roster_new    (AssayTestSigners *signers,
                                       gint64            version,
                                       const char       *prev);
/* The same, in force by the real clock until a year from now: for a
 * service, which judges a roster by its clock. */
AssayRoster *assay_test_roster_new_in_force (AssayTestSigners *signers,
                                             gint64            version,
                                             const char       *prev);

/* An envelope (JSON) of @roster signed by the signers listed, ending with
 * -1. */
char        *assay_test_roster_sign   (AssayRoster      *roster,
                                       AssayTestSigners *signers,
                                       ...);

/* A committee decision on @account as the decisions tests make them:
 * ASSAY_TEST_DEPLOYMENT, pilot rule set, roster @roster, against the
 * checkpoint (@origin, @size), by ana, created an hour into @logged_day
 * (the day the test logs it) and valid for a week. */
AssayDecision *assay_test_account_decision (AssayRoster       *roster,
                                            AssayTestSigners  *signers,
                                            AssayDecisionKind  kind,
                                            const char        *account,
                                            gint64             subject_seq,
                                            const char        *supersedes,
                                            const char        *origin,
                                            guint64            size,
                                            guint32            logged_day);
/* A decision on filing @filing_index as the filing tests make them: as
 * assay_test_account_decision () but on subject {filing, index}, with
 * @params (JSON text, NULL for {}); a ruling (@kind) has the outcome
 * @ruling, role arbitration and the author arb-0, approve and deny role
 * committee and the author ana. */
AssayDecision *assay_test_filing_decision  (AssayRoster        *roster,
                                            AssayTestSigners   *signers,
                                            AssayDecisionKind   kind,
                                            AssayRulingOutcome  ruling,
                                            guint64             filing_index,
                                            const char         *params,
                                            const char         *origin,
                                            guint64             size,
                                            guint32             logged_day);
/* Its envelope (JSON) signed by the signers listed, ending with -1. */
char          *assay_test_decision_sign    (AssayDecision     *decision,
                                            AssayTestSigners  *signers,
                                            ...);
/* Signs @roster by two of the three root keys and appends it to
 * @central's log, logged on @day (YYYY-MM-DD). */
void           assay_test_central_append_roster (AssayTestCentral *central,
                                                 AssayRoster      *roster,
                                                 AssayTestSigners *signers,
                                                 const char       *day);
/* Makes a key file at @key_path with `assayctl key create` (its
 * passphrase in @passphrase_path) and adds its key to @roster's committee
 * as @holder. */
void           assay_test_committee_key_file (AssayRoster *roster,
                                              const char  *holder,
                                              const char  *key_path,
                                              const char  *passphrase_path);
/* The same for @role. */
void           assay_test_role_key_file      (AssayRoster *roster,
                                              AssayRole    role,
                                              const char  *holder,
                                              const char  *key_path,
                                              const char  *passphrase_path);
/* The same, for helpers that take the signers as their own "...". */
char          *assay_test_decision_sign_valist (AssayDecision    *decision,
                                                AssayTestSigners *signers,
                                                va_list           signer_indexes);

/* Logs a weights decision on `day` (YYYY-MM-DD) signed by the whole
 * committee (ana, bo, chen): the weights `set` ("professional=25,…")
 * taking effect on `effective`, the `seq`-th on the weights subject,
 * superseding `supersedes` (NULL for the first), with `rationale` (NULL:
 * the helpers' usual one), against the checkpoint (`origin`, 20).
 * Returns its payload hash. */
char          *assay_test_central_log_weights (AssayTestCentral *central,
                                               AssayRoster      *roster,
                                               AssayTestSigners *signers,
                                               const char       *origin,
                                               const char       *set,
                                               const char       *effective,
                                               gint64            seq,
                                               const char       *supersedes,
                                               const char       *rationale,
                                               const char       *day);

G_END_DECLS

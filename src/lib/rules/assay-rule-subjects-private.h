/* assay-rule-subjects-private.h — what a rule is evaluated over, as feature columns
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

#include "assay-replica.h"
#include "assay-replica-features.h"
#include "assay-rule-flags.h"
#include "assay-rule-set.h"

G_BEGIN_DECLS

typedef struct _AssayRuleSubjects AssayRuleSubjects;

/* One kind of subject (RULES.md, "Subjects"): it reads its features from
 * the replica's aggregates and hands them out a block of subjects at a
 * time, so that memory stays bounded however many subjects there are.
 * Within a block, subject i is element i of every column.  Subjects come
 * ordered by key (the account or county), then by period. */
typedef struct
{
  /* Reads the next block into the columns; FALSE at the end, or with
   * `error` set. */
  gboolean  (*next_block) (AssayRuleSubjects *self,
                           GError           **error);
  /* The column of catalogue feature `name` in the current block. */
  gboolean  (*column)     (AssayRuleSubjects *self,
                           const char        *name,
                           AssayRuleColumn   *out);
  /* Subject i's key: flags of one key and overlapping periods are one
   * episode (assay-rule-flags.c). */
  guint64   (*key)        (AssayRuleSubjects *self,
                           gsize              i);
  /* Subject i's period (README, "Flags"). */
  void      (*period)     (AssayRuleSubjects *self,
                           gsize              i,
                           guint32           *out_from,
                           guint32           *out_to);
  /* Fills the flag's subject: kind, id and, for a ring, members. */
  void      (*describe)   (AssayRuleSubjects *self,
                           gsize              i,
                           AssayRuleFlag     *flag);
  /* The leaf indices behind the flag, log order (GArray of guint64). */
  GArray   *(*entries)    (AssayRuleSubjects *self,
                           gsize              i,
                           const AssayRuleFlag *flag,
                           GError           **error);
  /* down_weight only: the dimension and days the action applies to. */
  void      (*effect)     (AssayRuleSubjects *self,
                           gsize              i,
                           AssayRuleFlag     *flag);
  void      (*free)       (AssayRuleSubjects *self);
} AssayRuleSubjectsClass;

struct _AssayRuleSubjects
{
  const AssayRuleSubjectsClass *klass;
  AssayReplica                 *replica;
  AssayRuleSet                 *set;
  gsize                         n;       /* subjects in the current block */
  double                        done;    /* share of the kind's subjects read so far, 0 … 1 */
  /* Account-keyed kinds (quarter, window, year) read only the accounts
   * numbered accounts[0 … n_accounts − 1] (ascending) when `accounts` is
   * not NULL; the other kinds ignore it.  Set before the first block;
   * borrowed. */
  const guint64                *accounts;
  gsize                         n_accounts;
  /* The breakers' kinds (window, county day, ring) read only the log's
   * first `before` leaves when it is not 0, so that a pause is judged at
   * its own checkpoint (README "Automatic pauses"); the other kinds
   * ignore it.  Set before the first block. */
  guint64                       before;
};

/* Each returns the subjects of its kind, or NULL with `error` set; the
 * set gives the detectors' parameters. */
AssayRuleSubjects *_assay_rule_subjects_quarter (AssayReplica  *replica,
                                                 AssayRuleSet  *set,
                                                 GError       **error);
/* Quarter subjects over features the caller has read (borrowed: they
 * must outlive the subjects), in one block. */
AssayRuleSubjects *_assay_rule_subjects_quarter_over (AssayReplica               *replica,
                                                      AssayRuleSet               *set,
                                                      const AssayQuarterFeatures *features);
AssayRuleSubjects *_assay_rule_subjects_window  (AssayReplica  *replica,
                                                 AssayRuleSet  *set,
                                                 GError       **error);
AssayRuleSubjects *_assay_rule_subjects_county  (AssayReplica  *replica,
                                                 AssayRuleSet  *set,
                                                 GError       **error);
AssayRuleSubjects *_assay_rule_subjects_ring    (AssayReplica  *replica,
                                                 AssayRuleSet  *set,
                                                 GError       **error);
/* One subject per filing of the log (README "Filing rules"). */
AssayRuleSubjects *_assay_rule_subjects_filing  (AssayReplica  *replica,
                                                 AssayRuleSet  *set,
                                                 GError       **error);
/* Also reads `earlier`, the flags the set's other subjects raised in the
 * same evaluation (GPtrArray of AssayRuleFlag, borrowed), for the year's
 * flag counts. */
AssayRuleSubjects *_assay_rule_subjects_year    (AssayReplica  *replica,
                                                 AssayRuleSet  *set,
                                                 GPtrArray     *earlier,
                                                 GError       **error);

/* `before` as the replica's *_before () functions take it (G_MAXUINT64:
 * the whole replica). */
static inline guint64
_assay_rule_subjects_before (const AssayRuleSubjects *self)
{
  return self->before != 0 ? self->before : G_MAXUINT64;
}

void               _assay_rule_subjects_free    (AssayRuleSubjects *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayRuleSubjects, _assay_rule_subjects_free)

/* A number parameter of the set, or `fallback` when the set has none (or
 * it is not a number within lo … hi). */
double             _assay_rule_set_number       (AssayRuleSet *set,
                                                 const char   *name,
                                                 double        fallback,
                                                 double        lo,
                                                 double        hi);

/* _assay_rule_flags_evaluate_in () with the account-keyed subjects
 * (account_quarter, account_window, account_year) restricted to the
 * accounts numbered `accounts` (n_accounts, ascending; NULL: every
 * account); county days and rings are evaluated in full.  Episodes and
 * year counts are per account, so each listed account's flags are those
 * a full evaluation raises on it.  `out_n_accounts` (may be NULL) gets
 * how many distinct accounts the account-keyed subjects covered (the
 * largest number over those kinds). */
GPtrArray         *_assay_rule_flags_evaluate_accounts_in (AssayRuleSet      *set,
                                                           AssayReplica      *replica,
                                                           const char        *language,
                                                           const guint64     *accounts,
                                                           gsize              n_accounts,
                                                           guint64            checkpoint_size,
                                                           const guint8       checkpoint_root[ASSAY_HASH_SIZE],
                                                           AssayRuleProgress  progress,
                                                           gpointer           progress_data,
                                                           guint64           *out_n_accounts,
                                                           GError           **error);

/* Fills an explanation template ({NAME} or {NAME:%}, README "Rule
 * sets"): `lookup` gives each name's value (FALSE: missing, shown "—"). */
typedef gboolean (*AssayRuleLookup) (gpointer        data,
                                     const char     *name,
                                     AssayRuleValue *out);
char              *_assay_rule_fill_template    (const char      *template,
                                                 AssayRuleLookup  lookup,
                                                 gpointer         data);

/* assay_rule_flags_evaluate () inside the caller's
 * assay_replica_read_begin (), which gave the checkpoint. */
GPtrArray         *_assay_rule_flags_evaluate_in (AssayRuleSet      *set,
                                                  AssayReplica      *replica,
                                                  const char        *language,
                                                  gboolean           quarters_only,
                                                  guint64            checkpoint_size,
                                                  const guint8       checkpoint_root[ASSAY_HASH_SIZE],
                                                  AssayRuleProgress  progress,
                                                  gpointer           progress_data,
                                                  GError           **error);

G_END_DECLS

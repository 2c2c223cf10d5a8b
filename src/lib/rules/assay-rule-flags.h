/* assay-rule-flags.h — flags: what a rule set finds in the replica, with its reasons
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

#include <json-glib/json-glib.h>

#include "assay-replica.h"
#include "assay-replica-features.h"
#include "assay-rule-set.h"

G_BEGIN_DECLS

/* One value a flag's condition read: a feature of its subject or a
 * parameter of the set. */
typedef struct
{
  char           *name;
  AssayRuleValue  value;     /* value.string is static or the set's */
} AssayRuleFlagValue;

/* A flag (RULES.md, "A flag explains itself"): derived state, the same
 * on every workstation for the same checkpoint and rule set. */
typedef struct
{
  char      id[65];           /* hex SHA-256, see assay_rule_flag_compute_id () */
  char     *rule_set_sha256;
  char     *rule_set_name;
  gint64    rule_set_version;
  char     *rule;
  char     *article;
  AssayRuleAction   action;
  AssayRuleSeverity severity;
  char     *subject_kind;     /* "account", "county" or "ring" */
  char     *subject_id;
  GStrv     members;          /* a ring's account ids, ascending; else NULL */
  guint32   from, to;         /* the period (README, "Flags") */
  GArray   *features;         /* AssayRuleFlagValue: the condition's, in its
                                 order, then those only the explanation names */
  GArray   *parameters;       /* AssayRuleFlagValue */
  double    margin;           /* the tightest comparison that held; NaN: none */
  char     *margin_path;      /* that comparison's JSON path, or NULL */
  GArray   *entries;          /* guint64 leaf indices behind the features */
  char     *explanation;
  /* down_weight only: the dimension and the days it applies. */
  const char *effect_dimension;
  guint32   effect_from, effect_to;
  guint64   checkpoint_size;
  guint8    checkpoint_root[ASSAY_HASH_SIZE];
} AssayRuleFlag;

void      assay_rule_flag_free        (AssayRuleFlag *flag);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayRuleFlag, assay_rule_flag_free)

/* The id: lower-case hex SHA-256 of the UTF-8 bytes
 *   rule_set_sha256 "\n" rule "\n" subject_kind "\n" subject_id "\n"
 *   from "\n" to
 * with from and to as YYYY-MM-DD and no final newline. */
void      assay_rule_flag_compute_id  (const char *rule_set_sha256,
                                       const char *rule,
                                       const char *subject_kind,
                                       const char *subject_id,
                                       guint32     from,
                                       guint32     to,
                                       char        out_id[65]);

/* Evaluates every rule of `set` over its subjects' features, all read in
 * one state of the replica, and returns the flags, by rule in the set's
 * order, then by subject (account number, county code or ring), then
 * period.  `language` picks the explanation template ("en" or "zh_CN").
 * Hits of one rule on one key (account or county) whose periods overlap
 * the last flag's, or fall while its down-weight is in effect (the set's
 * `down_weight_quarters`, 4 if it has none), are one episode and raise
 * no second flag.  GPtrArray of AssayRuleFlag. */
GPtrArray *assay_rule_flags_evaluate        (AssayRuleSet  *set,
                                             AssayReplica  *replica,
                                             const char    *language,
                                             guint64       *out_checkpoint_size,
                                             guint8         out_checkpoint_root[ASSAY_HASH_SIZE],
                                             GError       **error);

/* Called from the evaluating thread with the share of the work done,
 * 0 … 1: each kind of subject the set has rules on is an equal share,
 * reported block by block. */
typedef void (*AssayRuleProgress) (double   fraction,
                                   gpointer user_data);

/* assay_rule_flags_evaluate () with progress reports. */
GPtrArray *assay_rule_flags_evaluate_full   (AssayRuleSet      *set,
                                             AssayReplica      *replica,
                                             const char        *language,
                                             AssayRuleProgress  progress,
                                             gpointer           progress_data,
                                             guint64           *out_checkpoint_size,
                                             guint8             out_checkpoint_root[ASSAY_HASH_SIZE],
                                             GError           **error);

/* Whether the features of `subject` can be read over the log's first
 * leaves only, so that its flags at an earlier checkpoint can be rebuilt:
 * the breakers' subjects (account_window, county_day, ring). */
gboolean   assay_rule_subject_reads_checkpoint (AssayRuleSubject subject);

/* The flags the `pause` rules of `set` raise on the log of
 * `checkpoint_size` entries: their subjects read only the leaves below
 * it, whatever came after (README "Automatic pauses").  Pause rules of
 * the other subjects (!assay_rule_subject_reads_checkpoint ()) are not
 * evaluated.  The flags name the checkpoint (size, root) given; their
 * explanations are in English.  Exact unless a tombstone logged after the
 * checkpoint erased a body before it. */
GPtrArray *assay_rule_flags_pauses_at       (AssayRuleSet  *set,
                                             AssayReplica  *replica,
                                             guint64        checkpoint_size,
                                             const guint8   checkpoint_root[ASSAY_HASH_SIZE],
                                             GError       **error);

/* The same for the account_quarter rules of `set` only. */
GPtrArray *assay_rule_flags_account_quarter (AssayRuleSet  *set,
                                             AssayReplica  *replica,
                                             const char    *language,
                                             guint64       *out_checkpoint_size,
                                             guint8         out_checkpoint_root[ASSAY_HASH_SIZE],
                                             GError       **error);

/* Appends to `flags` the flags of the account_quarter rule `rule` over
 * `features` (any subjects, e.g. only a block-wise evaluation's hits:
 * assay-rule-quarter-columns.h), made as assay_rule_flags_account_quarter
 * () makes them: exhaustive trace, entries, explanation. */
gboolean   assay_rule_flags_account_quarter_append (AssayRuleSet               *set,
                                                    const AssayRule            *rule,
                                                    AssayReplica               *replica,
                                                    const AssayQuarterFeatures *features,
                                                    const char                 *language,
                                                    GPtrArray                  *flags,
                                                    GError                    **error);

/* The members the JSON of `assayctl flags` and `what-if` share: a set as
 * `member` {name, version, sha256}, a checkpoint as "checkpoint" {size,
 * root (base64)}. */
void       assay_rule_json_add_rule_set   (JsonBuilder  *builder,
                                           const char   *member,
                                           AssayRuleSet *set);
void       assay_rule_json_add_checkpoint (JsonBuilder  *builder,
                                           guint64       size,
                                           const guint8  root[ASSAY_HASH_SIZE]);

/* The flag as issue 10's JSON object. */
JsonNode  *assay_rule_flag_to_json    (const AssayRuleFlag *flag);

/* "zh_CN" when the user's locale is Simplified Chinese, else "en". */
const char *assay_rule_flags_language (void);

G_END_DECLS

/* assay-rule-what-if.h — a draft rule set against the one in force, on the same checkpoint
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

#include "assay-rule-flags.h"

G_BEGIN_DECLS

/* One rule's counts: the flags each set raises and how they differ. */
typedef struct
{
  char  *rule;
  guint  in_force, draft;
  guint  added, removed, changed;
} AssayWhatIfRule;

/* The difference (RULES.md, "What-if replay").  Two flags are the same
 * finding when they have the same rule id, subject and period (their ids
 * differ, since an id includes the rule set); the same finding is
 * `changed` when its action, severity, article, features, parameters,
 * margin or effect differ. */
typedef struct
{
  guint64     checkpoint_size;
  guint8      checkpoint_root[ASSAY_HASH_SIZE];
  GPtrArray  *in_force;      /* every flag of each set (AssayRuleFlag) */
  GPtrArray  *draft;
  GPtrArray  *added;         /* borrowed from draft: findings only the draft raises */
  GPtrArray  *removed;       /* borrowed from in_force: findings only the set in force raises */
  GPtrArray  *changed;       /* borrowed from draft, parallel to changed_from */
  GPtrArray  *changed_from;  /* borrowed from in_force */
  GArray     *rules;         /* AssayWhatIfRule, the set in force's rules, then the draft's new ones */
} AssayWhatIf;

void         assay_what_if_free (AssayWhatIf *what_if);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayWhatIf, assay_what_if_free)

/* Evaluates both sets in one read transaction of the replica (so on the
 * same checkpoint) and compares them. */
AssayWhatIf *assay_rule_what_if (AssayRuleSet  *in_force,
                                 AssayRuleSet  *draft,
                                 AssayReplica  *replica,
                                 const char    *language,
                                 GError       **error);

/* The comparison as the JSON object of `assayctl what-if --json`. */
JsonNode    *assay_what_if_to_json (const AssayWhatIf *what_if,
                                    AssayRuleSet      *in_force,
                                    AssayRuleSet      *draft);

/* What differs between two flags of the same finding (a changed one), in
 * the user's language, one item per difference joined by "; ": the
 * action, the severity, the article, each feature and parameter whose
 * value differs ("concentration_share 0.7 → 0.6"), the margin to four
 * significant digits ("margin 0.07907 → 0.1791"), the down-weight's
 * effect and the number of entries.
 * NULL when they do not differ in any of those. */
char        *assay_what_if_describe_change (const AssayRuleFlag *before,
                                            const AssayRuleFlag *after);

/* A value as a person reads it: numbers with up to 6 significant digits,
 * strings quoted, booleans as true/false, "—" for NULL or a missing one. */
char        *assay_rule_value_format       (const AssayRuleValue *value);

/* The first 12 hex digits of a SHA-256, as the page shows a set's id. */
char        *assay_what_if_sha256_prefix   (const char *sha256);

G_END_DECLS

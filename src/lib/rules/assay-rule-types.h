/* assay-rule-types.h — the enums and value types of rule sets and conditions
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

G_BEGIN_DECLS

/* What a rule is evaluated over (RULES.md, "Subjects"); the nick is the
 * id a rule set writes in "subject". */
typedef enum
{
  ASSAY_RULE_SUBJECT_ACCOUNT_QUARTER, /*< nick=account_quarter >*/
  ASSAY_RULE_SUBJECT_ACCOUNT_WINDOW, /*< nick=account_window >*/
  ASSAY_RULE_SUBJECT_COUNTY_DAY, /*< nick=county_day >*/
  ASSAY_RULE_SUBJECT_RING,
  ASSAY_RULE_SUBJECT_ACCOUNT_YEAR, /*< nick=account_year >*/
  ASSAY_RULE_SUBJECT_PILOT_MONTH, /*< nick=pilot_month >*/
  ASSAY_RULE_SUBJECT_FILING,
  ASSAY_N_RULE_SUBJECTS, /*< skip >*/
} AssayRuleSubject;

/* What a hit asks the committee to do; the nick is the rule's "action". */
typedef enum
{
  ASSAY_RULE_ACTION_REVIEW,
  ASSAY_RULE_ACTION_DOWN_WEIGHT, /*< nick=down_weight >*/
  ASSAY_RULE_ACTION_PAUSE,
} AssayRuleAction;

typedef enum
{
  ASSAY_RULE_SEVERITY_LOW,
  ASSAY_RULE_SEVERITY_MEDIUM,
  ASSAY_RULE_SEVERITY_HIGH,
} AssayRuleSeverity;

/* The static type of a condition node, a feature or a parameter. */
typedef enum
{
  ASSAY_RULE_TYPE_NUMBER,
  ASSAY_RULE_TYPE_BOOL,
  ASSAY_RULE_TYPE_STRING,
} AssayRuleType;

/* A value that could not be computed (CEL's error values): never a crash
 * and never a silent false.  The order is no ranking: the first error in
 * evaluation order is the one that propagates. */
typedef enum
{
  ASSAY_RULE_FAULT_NONE,
  ASSAY_RULE_FAULT_MISSING,           /*< nick=missing >*/
  ASSAY_RULE_FAULT_DIVISION_BY_ZERO,  /*< nick=division_by_zero >*/
  ASSAY_RULE_FAULT_OVERFLOW,          /*< nick=overflow >*/
} AssayRuleFault;

/* One value of a condition node.  `string` points into the rule set or the
 * caller's column and lives as long as they do. */
typedef struct
{
  AssayRuleType   type;
  AssayRuleFault  fault;    /* NONE, or the value is an error */
  double          number;
  gboolean        boolean;
  const char     *string;
} AssayRuleValue;

/* One feature column for the bulk evaluation (struct of arrays): the
 * array of its type, with one value per subject, and optionally a mask in
 * which a non-zero byte says the value is missing for that subject. */
typedef struct
{
  AssayRuleType         type;
  const double         *numbers;   /* NUMBER */
  const guint8         *bools;     /* BOOL: 0 false, anything else true */
  const char * const   *strings;   /* STRING: NULL means missing too */
  const guint8         *missing;   /* NULL: no value is missing */
} AssayRuleColumn;

const char *assay_rule_type_to_string (AssayRuleType type);

G_END_DECLS

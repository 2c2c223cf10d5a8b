/* test-rules-conditions.c — conformance table of the condition language
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

#include "config.h"

#include <math.h>
#include <string.h>

#include "assay-entry.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-rule-catalogue.h"
#include "assay-rule-condition-private.h"
#include "assay-rules-enums.h"

/* The subject every case reads (account_quarter):
 *   quarter.total = 1000, quarter.max_share = 0.75,
 *   quarter.max_dimension = "community",
 *   quarter.share.data = 1e308 (for overflow),
 *   quarter.previous.total missing (mask), quarter.share.knowledge NaN (missing),
 *   quarter.previous.max_dimension missing (NULL string).
 * Parameters: limit = 0.7, zero = 0, name = "community", yes = true. */

#define T "{\"feature\":\"quarter.total\"}"
#define S "{\"feature\":\"quarter.max_share\"}"
#define D "{\"feature\":\"quarter.max_dimension\"}"
#define BIG "{\"feature\":\"quarter.share.data\"}"
#define MISS "{\"feature\":\"quarter.previous.total\"}"
#define NAN_F "{\"feature\":\"quarter.share.knowledge\"}"
#define MISS_S "{\"feature\":\"quarter.previous.max_dimension\"}"
#define C(x) "{\"const\":" #x "}"
#define P(x) "{\"param\":\"" #x "\"}"
#define OP1(op, a) "{\"op\":\"" op "\",\"args\":[" a "]}"
#define OP2(op, a, b) "{\"op\":\"" op "\",\"args\":[" a "," b "]}"
#define OP3(op, a, b, c) "{\"op\":\"" op "\",\"args\":[" a "," b "," c "]}"
/* A boolean that is an error of each kind. */
#define E_MISS OP2 ("<", MISS, C (1))
#define E_DIV OP2 ("<", OP2 ("/", T, C (0)), C (1))
#define E_OVER OP2 ("<", OP2 ("*", BIG, C (10)), C (1))

/* Expected results: "true", "false", a fault's nick, a number, or a
 * quoted string. */
typedef struct
{
  const char *expr;
  const char *expect;
} Case;

static const Case cases[] = {
  /* constants, features, parameters */
  { C (true), "true" },
  { C (false), "false" },
  { C (2.5), "2.5" },
  { C ("x"), "\"x\"" },
  { T, "1000" },
  { S, "0.75" },
  { D, "\"community\"" },
  { MISS, "missing" },
  { NAN_F, "missing" },
  { MISS_S, "missing" },
  { P (limit), "0.7" },
  { P (name), "\"community\"" },
  { P (yes), "true" },
  /* arithmetic */
  { OP2 ("+", T, C (1)), "1001" },
  { OP2 ("-", T, C (1)), "999" },
  { OP2 ("*", T, S), "750" },
  { OP2 ("/", T, C (4)), "250" },
  { OP2 ("/", T, C (0)), "division_by_zero" },
  { OP2 ("/", T, P (zero)), "division_by_zero" },
  { OP2 ("/", C (0), C (0)), "division_by_zero" },
  { OP2 ("*", BIG, C (10)), "overflow" },
  { OP2 ("+", BIG, BIG), "overflow" },
  { OP2 ("-", C (-1e308), BIG), "overflow" },
  { OP2 ("/", BIG, C (0.1)), "overflow" },
  { OP2 ("+", MISS, C (1)), "missing" },
  { OP2 ("+", C (1), MISS), "missing" },
  { OP2 ("/", MISS, C (0)), "missing" },                 /* the left error comes first */
  { OP2 ("+", OP2 ("/", T, C (0)), MISS), "division_by_zero" },
  { OP2 ("+", MISS, OP2 ("/", T, C (0))), "missing" },
  /* comparisons */
  { OP2 ("==", T, C (1000)), "true" },
  { OP2 ("==", T, C (999)), "false" },
  { OP2 ("!=", T, C (999)), "true" },
  { OP2 ("!=", T, C (1000)), "false" },
  { OP2 ("<", T, C (1001)), "true" },
  { OP2 ("<", T, C (1000)), "false" },
  { OP2 ("<=", T, C (1000)), "true" },
  { OP2 ("<=", T, C (999)), "false" },
  { OP2 (">", S, P (limit)), "true" },
  { OP2 (">", S, C (0.75)), "false" },
  { OP2 (">=", S, C (0.75)), "true" },
  { OP2 (">=", S, C (0.76)), "false" },
  { OP2 ("==", D, C ("community")), "true" },
  { OP2 ("==", D, P (name)), "true" },
  { OP2 ("!=", D, C ("data")), "true" },
  { OP2 ("==", C (true), P (yes)), "true" },
  { OP2 ("!=", C (true), C (false)), "true" },
  { OP2 ("==", MISS_S, C ("x")), "missing" },
  { OP2 ("<", MISS, C (1)), "missing" },
  { OP2 (">", C (1), OP2 ("/", T, C (0))), "division_by_zero" },
  /* and / or / not, CEL semantics */
  { OP2 ("and", C (true), C (true)), "true" },
  { OP2 ("and", C (true), C (false)), "false" },
  { OP2 ("and", C (false), E_MISS), "false" },
  { OP2 ("and", E_MISS, C (false)), "false" },
  { OP2 ("and", C (true), E_MISS), "missing" },
  { OP2 ("and", E_DIV, C (true)), "division_by_zero" },
  { OP2 ("and", E_DIV, E_MISS), "division_by_zero" },
  { OP3 ("and", C (true), C (true), C (false)), "false" },
  { OP3 ("and", E_OVER, C (true), C (false)), "false" },
  { OP3 ("and", C (true), E_OVER, C (true)), "overflow" },
  { OP2 ("or", C (false), C (false)), "false" },
  { OP2 ("or", C (false), C (true)), "true" },
  { OP2 ("or", C (true), E_MISS), "true" },
  { OP2 ("or", E_MISS, C (true)), "true" },
  { OP2 ("or", C (false), E_DIV), "division_by_zero" },
  { OP2 ("or", E_OVER, E_DIV), "overflow" },
  { OP3 ("or", C (false), E_MISS, C (true)), "true" },
  { OP1 ("not", C (true)), "false" },
  { OP1 ("not", C (false)), "true" },
  { OP1 ("not", E_MISS), "missing" },
  /* between (inclusive) */
  { OP3 ("between", S, C (0.7), C (0.8)), "true" },
  { OP3 ("between", S, C (0.75), C (0.75)), "true" },
  { OP3 ("between", S, C (0.8), C (0.9)), "false" },
  { OP3 ("between", S, C (0.8), C (0.7)), "false" },   /* an empty range */
  { OP3 ("between", MISS, C (0), C (1)), "missing" },
  { OP3 ("between", S, OP2 ("/", T, C (0)), C (1)), "division_by_zero" },
  { OP3 ("between", S, C (0), MISS), "missing" },
  /* in over a constant list */
  { OP2 ("in", D, "{\"const\":[\"data\",\"community\"]}"), "true" },
  { OP2 ("in", D, "{\"const\":[\"data\"]}"), "false" },
  { OP2 ("in", T, "{\"const\":[1,1000,3]}"), "true" },
  { OP2 ("in", T, "{\"const\":[1,2]}"), "false" },
  { OP2 ("in", C (true), "{\"const\":[false]}"), "false" },
  { OP2 ("in", MISS_S, "{\"const\":[\"data\"]}"), "missing" },
  /* if */
  { OP3 ("if", C (true), T, C (0)), "1000" },
  { OP3 ("if", C (false), T, C (0)), "0" },
  { OP3 ("if", C (true), D, C ("x")), "\"community\"" },
  { OP3 ("if", C (false), C (true), C (false)), "false" },
  { OP3 ("if", E_MISS, C (1), C (2)), "missing" },
  { OP3 ("if", C (true), C (1), OP2 ("/", T, C (0))), "1" },     /* the other branch's error is not taken */
  { OP3 ("if", C (false), C (1), OP2 ("/", T, C (0))), "division_by_zero" },
};

/* Conditions the type checker refuses, and a piece of each message. */
static const Case refusals[] = {
  { C (1), "must be a boolean" },
  { T, "must be a boolean" },
  { OP2 ("+", T, C (true)), "argument 2 of “+” is a boolean" },
  { OP2 ("+", D, C (1)), "argument 1 of “+” is a string" },
  { OP2 ("<", D, C ("a")), "argument 1 of “<” is a string" },
  { OP2 ("==", T, C ("a")), "argument 2 of “==” is a string" },
  { OP2 ("and", C (true), C (1)), "argument 2 of “and” is a number" },
  { OP3 ("and", C (true), C (true), C (1)), "argument 3 of “and” is a number" },
  { OP1 ("not", T), "argument 1 of “not” is a number" },
  { OP3 ("between", D, C (1), C (2)), "argument 1 of “between” is a string" },
  { OP3 ("if", T, C (1), C (2)), "argument 1 of “if” is a number" },
  { OP3 ("if", C (true), C (1), C ("a")), "branches of “if” must have one type" },
  { OP2 ("in", T, "{\"const\":[\"a\"]}"), "item 0 of the list of “in” is a string" },
  { OP2 ("in", T, "{\"const\":[]}"), "the list of “in” has 0 items" },
  { OP2 ("in", T, C (1)), "must be a constant list" },
  { OP2 ("in", T, T), "must be a constant list" },
  { OP1 ("+", T), "“+” takes 2 arguments, not 1" },
  { OP1 ("and", C (true)), "two or more arguments, not 1" },
  { OP2 ("between", T, T), "takes 3 arguments, not 2" },
  { "{\"op\":\"xor\",\"args\":[]}", "unknown operator “xor”" },
  { "{\"op\":\"<\"}", "needs its arguments as an array" },
  { "{\"op\":1,\"args\":[]}", "“op” must be a string" },
  { "{\"feature\":\"quarter.totl\"}", "unknown feature “quarter.totl”" },
  { "{\"feature\":\"county.requests\"}", "belongs to the subject “county_day”" },
  { "{\"feature\":3}", "“feature” must be a string" },
  { "{\"param\":\"nope\"}", "unknown parameter “nope”" },
  { "{\"const\":null}", "“const” is null" },
  { "{\"const\":[true]}", "“const” is an array" },
  { "{\"const\":true,\"x\":1}", "with no other members" },
  { "{}", "with no other members" },
  { "[]", "must be an object, not an array" },
};

static void
fill_parameters (GHashTable *parameters)
{
  static AssayRuleValue limit = { ASSAY_RULE_TYPE_NUMBER, 0, 0.7, FALSE, NULL };
  static AssayRuleValue zero = { ASSAY_RULE_TYPE_NUMBER, 0, 0, FALSE, NULL };
  static AssayRuleValue name = { ASSAY_RULE_TYPE_STRING, 0, 0, FALSE, "community" };
  static AssayRuleValue yes = { ASSAY_RULE_TYPE_BOOL, 0, 0, TRUE, NULL };

  g_hash_table_insert (parameters, (gpointer) "limit", &limit);
  g_hash_table_insert (parameters, (gpointer) "zero", &zero);
  g_hash_table_insert (parameters, (gpointer) "name", &name);
  g_hash_table_insert (parameters, (gpointer) "yes", &yes);
}

static AssayRuleCondition *
compile (const char  *text,
         GError     **error)
{
  g_autoptr(GHashTable) parameters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(AssayRuleJson) json = _assay_rule_json_parse (text, strlen (text), error);

  if (json == NULL)
    return NULL;
  fill_parameters (parameters);
  return _assay_rule_condition_compile (json, "rules[0].when", "test.rule",
                                        ASSAY_RULE_SUBJECT_ACCOUNT_QUARTER, parameters, error);
}

/* The one subject's columns, in the order the condition wants them. */
static AssayRuleColumn *
columns_for (const AssayRuleCondition *cond)
{
  static const double total = 1000, share = 0.75, big = 1e308, nan_value = NAN, zero = 0;
  static const guint8 missing = 1;
  static const char *dimension = "community";
  static const char *none = NULL;
  guint n = assay_rule_condition_get_n_features (cond);
  AssayRuleColumn *columns = g_new0 (AssayRuleColumn, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const char *name = assay_rule_condition_get_feature (cond, i);
      AssayRuleColumn *c = &columns[i];

      c->type = assay_rule_catalogue_lookup (name)->type;
      if (strcmp (name, "quarter.total") == 0)
        c->numbers = &total;
      else if (strcmp (name, "quarter.max_share") == 0)
        c->numbers = &share;
      else if (strcmp (name, "quarter.share.data") == 0)
        c->numbers = &big;
      else if (strcmp (name, "quarter.share.knowledge") == 0)
        c->numbers = &nan_value;
      else if (strcmp (name, "quarter.previous.total") == 0)
        {
          c->numbers = &zero;
          c->missing = &missing;
        }
      else if (strcmp (name, "quarter.max_dimension") == 0)
        c->strings = &dimension;
      else if (strcmp (name, "quarter.previous.max_dimension") == 0)
        c->strings = &none;
      else
        g_assert_not_reached ();
    }
  return columns;
}

static char *
value_to_string (const AssayRuleValue *value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value->fault != ASSAY_RULE_FAULT_NONE)
    return g_strdup (assay_enum_get_nick (ASSAY_TYPE_RULE_FAULT, value->fault));
  switch (value->type)
    {
    case ASSAY_RULE_TYPE_BOOL: return g_strdup (value->boolean ? "true" : "false");
    case ASSAY_RULE_TYPE_NUMBER: return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value->number));
    case ASSAY_RULE_TYPE_STRING: return g_strdup_printf ("\"%s\"", value->string);
    default: g_assert_not_reached ();
    }
}

/* A non-boolean expression is checked as the first argument of
 * (expr == expr), whose trace holds the expression's value at node 1. */
static void
check_case (const Case *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayRuleCondition) cond = compile (c->expr, &error);
  g_autofree char *wrapped = NULL;
  g_autofree AssayRuleColumn *columns = NULL;
  g_autofree AssayRuleTraceNode *trace = NULL;
  g_autofree char *got = NULL;
  guint node = 0;
  guint8 hit = 2;
  AssayRuleFault fault = 99;

  if (cond == NULL)
    {
      g_clear_error (&error);
      wrapped = g_strdup_printf (OP2 ("==", "%s", "%s"), c->expr, c->expr);
      cond = compile (wrapped, &error);
      node = 1;
    }
  g_assert_no_error (error);
  columns = columns_for (cond);
  trace = assay_rule_condition_trace (cond, columns, 0);
  got = value_to_string (&trace[node].value);
  if (g_strcmp0 (got, c->expect) != 0)
    g_error ("%s: expected %s, got %s", c->expr, c->expect, got);

  /* The bulk evaluation agrees with the trace's root. */
  assay_rule_condition_evaluate (cond, columns, 1, &hit, &fault);
  g_assert_cmpint (fault, ==, trace[0].value.fault);
  g_assert_cmpint (hit, ==, trace[0].value.fault == ASSAY_RULE_FAULT_NONE && trace[0].value.boolean);
}

static void
test_operators (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_case (&cases[i]);
  g_test_message ("%u conformance cases", (guint) G_N_ELEMENTS (cases));
}

static void
test_refusals (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AssayRuleCondition) cond = compile (refusals[i].expr, &error);

      g_assert_null (cond);
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
      if (strstr (error->message, refusals[i].expect) == NULL
          || !g_str_has_prefix (error->message, "Rule “test.rule”, rules[0].when"))
        g_error ("%s: expected “%s” in “%s”", refusals[i].expr, refusals[i].expect, error->message);
    }
}

static void
test_paths (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayRuleCondition) cond =
    compile (OP2 ("and", OP2 ("<", T, C (1)), OP2 ("<", C (1), "{\"feature\":\"ring.size\"}")),
             &error);

  g_assert_null (cond);
  g_assert_nonnull (strstr (error->message, "rules[0].when.args[1].args[1]"));
}

static char *
nest (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 1; i < depth; i++)
    g_string_append (s, "{\"op\":\"not\",\"args\":[");
  g_string_append (s, C (true));
  for (guint i = 1; i < depth; i++)
    g_string_append (s, "]}");
  return g_string_free (s, FALSE);
}

static void
test_limits (void)
{
  g_autofree char *deepest = nest (ASSAY_RULE_CONDITION_MAX_DEPTH);
  g_autofree char *too_deep = nest (ASSAY_RULE_CONDITION_MAX_DEPTH + 1);
  g_autoptr(GString) wide = g_string_new ("{\"op\":\"or\",\"args\":[");
  g_autoptr(GString) list = g_string_new ("{\"op\":\"in\",\"args\":[" T ",{\"const\":[");
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayRuleCondition) ok = compile (deepest, &error);
  AssayRuleCondition *bad;

  g_assert_no_error (error);
  g_assert_cmpuint (assay_rule_condition_get_n_nodes (ok), ==, ASSAY_RULE_CONDITION_MAX_DEPTH);
  bad = compile (too_deep, &error);
  g_assert_null (bad);
  g_assert_nonnull (strstr (error->message, "nested more than 16 deep"));
  g_clear_error (&error);

  /* an "or" of MAX_NODES constants has MAX_NODES + 1 nodes */
  for (guint i = 0; i < ASSAY_RULE_CONDITION_MAX_NODES; i++)
    g_string_append_printf (wide, "%s" C (false), i > 0 ? "," : "");
  g_string_append (wide, "]}");
  bad = compile (wide->str, &error);
  g_assert_null (bad);
  g_assert_nonnull (strstr (error->message, "more than 256 nodes"));
  g_clear_error (&error);

  for (guint i = 0; i <= ASSAY_RULE_CONDITION_MAX_LIST; i++)
    g_string_append_printf (list, "%s%u", i > 0 ? "," : "", i);
  g_string_append (list, "]}]}");
  bad = compile (list->str, &error);
  g_assert_null (bad);
  g_assert_nonnull (strstr (error->message, "65 items; it must have 1 to 64"));
}

/* Over many subjects (several chunks) the bulk pass matches the trace of
 * each subject and the condition written in C. */
static void
test_bulk (void)
{
  const gsize n = 1000;
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayRuleCondition) cond =
    compile (OP2 ("and", OP2 (">", S, P (limit)),
                  OP2 (">=", OP2 ("/", T, MISS), C (2))), &error);
  g_autofree double *totals = g_new (double, n);
  g_autofree double *shares = g_new (double, n);
  g_autofree double *previous = g_new (double, n);
  g_autofree guint8 *missing = g_new0 (guint8, n);
  g_autofree guint8 *hits = g_new (guint8, n);
  g_autofree AssayRuleFault *faults = g_new (AssayRuleFault, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (10);
  AssayRuleColumn columns[3];
  guint n_hits = 0, n_faults = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (assay_rule_condition_get_n_features (cond), ==, 3);
  for (gsize i = 0; i < n; i++)
    {
      totals[i] = g_rand_int_range (rand, 0, 2000);
      shares[i] = g_rand_double (rand);
      previous[i] = g_rand_int_range (rand, 0, 1000);
      missing[i] = g_rand_int_range (rand, 0, 10) == 0;
    }
  for (guint i = 0; i < 3; i++)
    {
      const char *name = assay_rule_condition_get_feature (cond, i);

      columns[i] = (AssayRuleColumn) { ASSAY_RULE_TYPE_NUMBER, NULL, NULL, NULL, NULL };
      columns[i].numbers = strcmp (name, "quarter.total") == 0 ? totals
                           : strcmp (name, "quarter.max_share") == 0 ? shares : previous;
      if (strcmp (name, "quarter.previous.total") == 0)
        columns[i].missing = missing;
    }
  assay_rule_condition_evaluate (cond, columns, n, hits, faults);
  for (gsize i = 0; i < n; i++)
    {
      g_autofree AssayRuleTraceNode *trace = assay_rule_condition_trace (cond, columns, i);
      gboolean share_over = shares[i] > 0.7;
      AssayRuleFault want_fault = ASSAY_RULE_FAULT_NONE;
      gboolean want = FALSE;

      if (share_over && missing[i])
        want_fault = ASSAY_RULE_FAULT_MISSING;
      else if (share_over && previous[i] == 0)
        want_fault = ASSAY_RULE_FAULT_DIVISION_BY_ZERO;
      else
        want = share_over && totals[i] / previous[i] >= 2;
      g_assert_cmpint (faults[i], ==, want_fault);
      g_assert_cmpint (hits[i], ==, want);
      g_assert_cmpint (trace[0].value.fault, ==, faults[i]);
      g_assert_cmpint (trace[0].value.boolean && !trace[0].value.fault, ==, hits[i]);
      n_hits += hits[i];
      n_faults += faults[i] != ASSAY_RULE_FAULT_NONE;
    }
  /* the data exercise both outcomes and errors */
  g_assert_cmpuint (n_hits, >, 10);
  g_assert_cmpuint (n_faults, >, 10);
}

/* Exhaustive mode: every node has a value, short-circuited operands too. */
static void
test_trace (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayRuleCondition) cond =
    compile (OP2 ("and", OP2 (">", S, C (0.9)), OP2 (">=", T, C (500))), &error);
  g_autofree AssayRuleColumn *columns = columns_for (cond);
  g_autofree AssayRuleTraceNode *trace = assay_rule_condition_trace (cond, columns, 0);
  static const char *paths[] = {
    "rules[0].when", "rules[0].when.args[0]", "rules[0].when.args[0].args[0]",
    "rules[0].when.args[0].args[1]", "rules[0].when.args[1]", "rules[0].when.args[1].args[0]",
    "rules[0].when.args[1].args[1]",
  };
  static const char *values[] = { "false", "false", "0.75", "0.9", "true", "1000", "500" };

  g_assert_no_error (error);
  g_assert_cmpuint (assay_rule_condition_get_n_nodes (cond), ==, G_N_ELEMENTS (paths));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *value = value_to_string (&trace[i].value);

      g_assert_cmpstr (trace[i].path, ==, paths[i]);
      g_assert_cmpstr (value, ==, values[i]);
    }
  g_assert_cmpstr (trace[0].label, ==, "and");
  g_assert_cmpstr (trace[2].label, ==, "quarter.max_share");
  g_assert_cmpuint (trace[2].depth, ==, 3);
}

/* The catalogue's dimension features are the ledger's dimensions. */
static void
test_catalogue (void)
{
  guint n = 0;
  const AssayRuleFeature *features = assay_rule_catalogue_get_features (&n);

  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    {
      g_autofree char *share = g_strconcat ("quarter.share.", assay_dimension_to_id (d), NULL);
      g_autofree char *previous = g_strconcat ("quarter.previous.share.",
                                               assay_dimension_to_id (d), NULL);

      g_assert_nonnull (assay_rule_catalogue_lookup (share));
      g_assert_nonnull (assay_rule_catalogue_lookup (previous));
    }
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (assay_rule_catalogue_lookup (features[i].name) == &features[i]);
      g_assert_cmpstr (assay_rule_feature_get_definition (&features[i]), !=, "");
    }
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/rules/conditions/operators", test_operators);
  g_test_add_func ("/assay/rules/conditions/refusals", test_refusals);
  g_test_add_func ("/assay/rules/conditions/paths", test_paths);
  g_test_add_func ("/assay/rules/conditions/limits", test_limits);
  g_test_add_func ("/assay/rules/conditions/bulk", test_bulk);
  g_test_add_func ("/assay/rules/conditions/trace", test_trace);
  g_test_add_func ("/assay/rules/conditions/catalogue", test_catalogue);
  return g_test_run ();
}

/* test-rules-loader.c — the rule set loader: what it loads, what it refuses, fuzzing
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

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "assay-error.h"
#include "assay-rule-catalogue.h"
#include "assay-rule-set.h"
#include "assay-test-util.h"

static char *
example_text (gsize *len)
{
  g_autofree char *path = assay_test_data_path ("rules/example.json");
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, len, &error));
  g_assert_no_error (error);
  return text;
}

static AssayRuleSet *
load_text (const char  *text,
           gsize        len,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len);

  return assay_rule_set_new_from_bytes (bytes, error);
}

/* The example with the one occurrence of `old` replaced by `new`. */
static char *
mutate (const char *old,
        const char *new)
{
  g_autofree char *text = example_text (NULL);
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, old));
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

static void
assert_refused (const char *text,
                const char *expect)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayRuleSet) set = load_text (text, strlen (text), &error);

  g_assert_null (set);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  if (strstr (error->message, expect) == NULL)
    g_error ("expected “%s” in “%s”", expect, error->message);
}

static void
assert_mutant_refused (const char *old,
                       const char *new,
                       const char *expect)
{
  g_autofree char *text = mutate (old, new);

  assert_refused (text, expect);
}

static void
test_valid (void)
{
  gsize len = 0;
  g_autofree char *text = example_text (&len);
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guint8 *) text, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayRuleSet) set = load_text (text, len, &error);
  const AssayRule *rule;
  const AssayRuleValue *value;

  g_assert_no_error (error);
  g_assert_cmpstr (assay_rule_set_get_name (set), ==, "example");
  g_assert_cmpint (assay_rule_set_get_version (set), ==, 4);
  g_assert_cmpstr (assay_rule_set_get_effective (set), ==, "2026-07-01");
  /* the id is the SHA-256 of the exact bytes (GLib's own SHA-256 here) */
  g_assert_cmpstr (assay_rule_set_get_sha256 (set), ==, sha);
  g_assert_nonnull (assay_rule_set_get_notes (set));
  g_assert_cmpuint (assay_rule_set_get_n_parameters (set), ==, 6);
  g_assert_cmpstr (assay_rule_set_get_parameter_name (set, 0), ==, "concentration_share");
  value = assay_rule_set_lookup_parameter (set, "concentration_share");
  g_assert_cmpint (value->type, ==, ASSAY_RULE_TYPE_NUMBER);
  g_assert_cmpfloat (value->number, ==, 0.70);
  g_assert_null (assay_rule_set_lookup_parameter (set, "nope"));
  g_assert_cmpuint (assay_rule_set_get_n_rules (set), ==, 4);
  rule = assay_rule_set_get_rule (set, 0);
  g_assert_true (assay_rule_set_lookup_rule (set, "X.concentration") == rule);
  g_assert_cmpstr (assay_rule_get_article (rule), ==, "X");
  g_assert_cmpint (assay_rule_get_subject (rule), ==, ASSAY_RULE_SUBJECT_ACCOUNT_QUARTER);
  g_assert_cmpint (assay_rule_get_action (rule), ==, ASSAY_RULE_ACTION_REVIEW);
  g_assert_cmpint (assay_rule_get_severity (rule), ==, ASSAY_RULE_SEVERITY_MEDIUM);
  g_assert_true (g_str_has_prefix (assay_rule_get_explain (rule, "zh_CN"), "{quarter.max_dimension} 占"));
  g_assert_true (g_str_has_prefix (assay_rule_get_explain (rule, "en"), "{quarter.max_dimension} was"));
  g_assert_nonnull (assay_rule_get_notes (rule));
  g_assert_null (assay_rule_get_notes (assay_rule_set_get_rule (set, 1)));
  g_assert_cmpint (assay_rule_get_action (assay_rule_set_get_rule (set, 1)), ==,
                   ASSAY_RULE_ACTION_PAUSE);

  /* one byte more (a trailing newline) is another rule set id */
  {
    g_autofree char *longer = g_strconcat (text, "\n", NULL);
    g_autoptr(AssayRuleSet) other = load_text (longer, len + 1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (assay_rule_set_get_sha256 (other), !=, sha);
  }
}

/* The parameters are the set's, compiled into the condition. */
static void
test_evaluates (void)
{
  gsize len = 0;
  g_autofree char *text = example_text (&len);
  g_autoptr(AssayRuleSet) set = load_text (text, len, NULL);
  const AssayRuleCondition *cond = assay_rule_get_condition (assay_rule_set_lookup_rule (set, "X.concentration"));
  const double shares[] = { 0.70, 0.71, 0.9, 0.9 };
  const double totals[] = { 1000, 1000, 499, 500 };
  const guint8 want[] = { 0, 1, 0, 1 };
  AssayRuleColumn columns[2];
  guint8 hits[4];

  for (guint i = 0; i < 2; i++)
    columns[i] = (AssayRuleColumn) {
      ASSAY_RULE_TYPE_NUMBER,
      strcmp (assay_rule_condition_get_feature (cond, i), "quarter.total") == 0 ? totals : shares,
      NULL, NULL, NULL };
  assay_rule_condition_evaluate (cond, columns, 4, hits, NULL);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (hits[i], ==, want[i]);
}

static void
test_refuses_json (void)
{
  g_autofree char *text = example_text (NULL);
  g_autofree char *bom = g_strconcat ("\xef\xbb\xbf", text, NULL);
  g_autofree char *comment = g_strconcat ("/* rules */", text, NULL);

  assert_refused (bom, "not strict JSON");
  assert_refused (comment, "not strict JSON");
  assert_refused ("", "not strict JSON");
  assert_mutant_refused ("0.70,", "NaN,", "not strict JSON (RFC 8259): unexpected character at line 8");
  assert_mutant_refused ("\"community\"\n", "\"community\",\n", "not strict JSON");
  assert_mutant_refused ("\"version\": 4,", "\"version\": 4, \"version\": 5,",
                         "Rule set, version: the member is given twice");
  assert_mutant_refused ("\"min_age_days\": 28,", "\"min_age_days\": 28, \"min_age_days\": 29,",
                         "parameters.min_age_days: the member is given twice");
  assert_mutant_refused ("\"spike_ratio\": 3.0", "\"spike_ratio\": 3e999", "too large for a double");
  assert_mutant_refused ("\"name\": \"example\"", "\"name\": \"ex\\u0000ample\"", "NUL character");
  assert_mutant_refused ("\"version\": 4,", "'version': 4,", "not strict JSON");
  assert_refused ("[]", "a rule set is a JSON object, not an array");
}

static void
test_refuses_semantics (void)
{
  assert_mutant_refused ("\"quarter.max_share\"}, {\"param\"", "\"quarter.maxshare\"}, {\"param\"",
                         "Rule “X.concentration”, rules[0].when.args[0].args[0]: "
                         "unknown feature “quarter.maxshare”");
  assert_mutant_refused ("{\"param\": \"spike_ratio\"}", "{\"param\": \"spike\"}",
                         "Rule “6.1.county_spike”, rules[1].when.args[1].args[0]: "
                         "unknown parameter “spike”");
  assert_mutant_refused ("{\"param\": \"watched_dimensions\"}", "{\"param\": \"spike_ratio\"}",
                         "Rule “X.watched”, rules[3].when.args[1]: argument 2 of “==” is a number; "
                         "it must be a string");
  assert_mutant_refused ("\"op\": \"not\"", "\"op\": \"nicht\"",
                         "Rule “6.1.growth”, rules[2].when.args[2]: unknown operator “nicht”");
  assert_mutant_refused ("\"id\": \"X.watched\"", "\"id\": \"X.concentration\"",
                         "Rule “X.concentration”, rules[3]: the id is also that of rules[0]");
  assert_mutant_refused ("\"subject\": \"county_day\"", "\"subject\": \"account_quarter\"",
                         "Rule “6.1.county_spike”, rules[1].when.args[0]: the feature "
                         "“county.requests” belongs to the subject “county_day”, not to this "
                         "rule's “account_quarter”");
  assert_mutant_refused ("\"subject\": \"county_day\"", "\"subject\": \"county\"",
                         "rules[1].subject: unknown value “county”. It must be one of: "
                         "account_quarter, account_window, county_day, ring, account_year, pilot_month");
  assert_mutant_refused ("\"severity\": \"high\",\n      \"when\": {\"op\": \">\"",
                         "\"severty\": \"high\",\n      \"when\": {\"op\": \">\"",
                         "Rule “6.1.county_spike”, rules[1]: unknown member “severty”");
  assert_mutant_refused ("\"severity\": \"low\"", "\"severity\": \"urgent\"",
                         "rules[3].severity: unknown value “urgent”");
  assert_mutant_refused ("\"action\": \"review\",\n      \"severity\": \"low\"",
                         "\"action\": \"ban\",\n      \"severity\": \"low\"",
                         "rules[3].action: unknown value “ban”. It must be one of: review, down_weight, pause");
  assert_mutant_refused ("assay-rule-set/1", "assay-rule-set/2", "Rule set, format:");
  assert_mutant_refused ("\"version\": 4", "\"version\": 0", "Rule set, version: must be a whole number");
  assert_mutant_refused ("\"version\": 4", "\"version\": 4.5", "Rule set, version: must be a whole number");
  assert_mutant_refused ("2026-07-01", "2026-02-30", "Rule set, effective: “2026-02-30” is not a day");
  assert_mutant_refused (", \"zh_CN\": \"{quarter.max_dimension} 居首\"", "",
                         "Rule “X.watched”, rules[3].explain: the member “zh_CN” is missing");
  assert_mutant_refused ("{window.total_before} before", "{window.before} before",
                         "Rule “6.1.growth”, rules[2].explain.en: “{window.before}” is neither");
  assert_mutant_refused ("(limit {concentration_share:%})", "(limit {concentration_share:.2f})",
                         "rules[0].explain.en: “{concentration_share:.2f}”: the only format");
  assert_mutant_refused ("\"id\": \"6.1.growth\"", "\"id\": \"6.1 growth\"",
                         "Rule set, rules[2].id: the rule id “6.1 growth” must start");
  assert_mutant_refused ("\"min_age_days\": 28", "\"min-age\": 28", "parameters.min-age: a parameter name");
  assert_mutant_refused ("\"min_age_days\": 28", "\"min_age_days\": null",
                         "parameters.min_age_days: a parameter is a number, a boolean or a string, not null");
  assert_mutant_refused ("\"name\": \"example\",", "", "Rule set, $: the member “name” is missing");
  assert_mutant_refused ("\"name\": \"example\",", "\"name\": 7,", "Rule set, name: must be a string, not a number");
  assert_refused ("{\"format\":\"assay-rule-set/1\",\"name\":\"n\",\"version\":1,"
                  "\"effective\":\"2026-01-01\",\"parameters\":{},\"rules\":[]}",
                  "Rule set, rules: there are 0 rules; a rule set has 1 to 1000");
}

/* A rule set with one rule whose condition is `when`. */
static char *
set_with (const char *when)
{
  return g_strdup_printf ("{\"format\":\"assay-rule-set/1\",\"name\":\"n\",\"version\":1,"
                          "\"effective\":\"2026-01-01\",\"parameters\":{},\"rules\":[{\"id\":\"r\","
                          "\"article\":\"X\",\"subject\":\"ring\",\"action\":\"review\","
                          "\"severity\":\"low\",\"explain\":{\"en\":\"e\",\"zh_CN\":\"z\"},"
                          "\"when\":%s}]}", when);
}

static void
test_refuses_limits (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) wide = g_string_new ("{\"op\":\"or\",\"args\":[");
  g_autoptr(GString) json_deep = g_string_new (NULL);
  g_autoptr(GString) params = g_string_new ("{\"format\":\"assay-rule-set/1\",\"parameters\":{");
  g_autofree char *deep_set = NULL, *wide_set = NULL, *json_deep_set = NULL;
  g_autofree char *big = NULL;
  gsize len = 0;
  g_autofree char *text = example_text (&len);

  for (guint i = 0; i < ASSAY_RULE_CONDITION_MAX_DEPTH; i++)
    g_string_append (deep, "{\"op\":\"not\",\"args\":[");
  g_string_append (deep, "{\"const\":true}");
  for (guint i = 0; i < ASSAY_RULE_CONDITION_MAX_DEPTH; i++)
    g_string_append (deep, "]}");
  deep_set = set_with (deep->str);
  assert_refused (deep_set, "Rule “r”, rules[0].when.args[0]");
  assert_refused (deep_set, "nested more than 16 deep");

  for (guint i = 0; i <= ASSAY_RULE_CONDITION_MAX_NODES; i++)
    g_string_append_printf (wide, "%s{\"const\":false}", i > 0 ? "," : "");
  g_string_append (wide, "]}");
  wide_set = set_with (wide->str);
  assert_refused (wide_set, "more than 256 nodes");

  for (guint i = 0; i < 41; i++)
    g_string_append_c (json_deep, '[');
  for (guint i = 0; i < 41; i++)
    g_string_append_c (json_deep, ']');
  json_deep_set = set_with (json_deep->str);
  assert_refused (json_deep_set, "nested more than 40 deep");

  for (guint i = 0; i <= ASSAY_RULE_SET_MAX_PARAMETERS; i++)
    g_string_append_printf (params, "%s\"p%u\":1", i > 0 ? "," : "", i);
  g_string_append (params, "}}");
  /* the header is checked first: put the parameters after a valid one */
  {
    g_autofree char *with_params = g_strdup_printf (
      "{\"format\":\"assay-rule-set/1\",\"name\":\"n\",\"version\":1,\"effective\":\"2026-01-01\","
      "\"rules\":[],\"parameters\":%s}", strstr (params->str, "\"parameters\":") + 13);

    with_params[strlen (with_params) - 1] = '\0';
    assert_refused (with_params, "there are 257 parameters; the limit is 256");
  }

  /* one rule more than ASSAY_RULE_SET_MAX_RULES */
  {
    g_autoptr(GString) many = g_string_new ("{\"format\":\"assay-rule-set/1\",\"name\":\"n\","
                                            "\"version\":1,\"effective\":\"2026-01-01\","
                                            "\"parameters\":{},\"rules\":[");

    for (guint i = 0; i <= ASSAY_RULE_SET_MAX_RULES; i++)
      g_string_append_printf (many, "%s{\"id\":\"r%u\",\"article\":\"X\",\"subject\":\"ring\","
                              "\"action\":\"review\",\"severity\":\"low\",\"when\":{\"const\":true},"
                              "\"explain\":{\"en\":\"e\",\"zh_CN\":\"z\"}}", i > 0 ? "," : "", i);
    g_string_append (many, "]}");
    assert_refused (many->str, "Rule set, rules: there are 1001 rules; a rule set has 1 to 1000");
  }

  /* over ASSAY_RULE_SET_MAX_BYTES, however it is made up */
  big = g_malloc (ASSAY_RULE_SET_MAX_BYTES + 1);
  memcpy (big, text, len);
  memset (big + len, ' ', ASSAY_RULE_SET_MAX_BYTES + 1 - len);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AssayRuleSet) set = load_text (big, ASSAY_RULE_SET_MAX_BYTES + 1, &error);

    g_assert_null (set);
    g_assert_nonnull (strstr (error->message, "has 1048577 bytes; the limit is 1048576"));
    g_clear_object (&set);
    g_clear_error (&error);
    set = load_text (big, ASSAY_RULE_SET_MAX_BYTES, &error);  /* exactly the limit loads */
    g_assert_nonnull (set);
  }
}

static void
test_refuses_unreadable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayRuleSet) set = assay_rule_set_new_from_file ("/nonexistent/rules.json", &error);

  g_assert_null (set);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_IO);
}

/* ---- fuzzing ---------------------------------------------------------------------------- */

static const char * const snippets[] = {
  "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "false", "0",
  "-0", "1e999", "0.5", "NaN", "//", "/*", "\xef\xbb\xbf", "\xff", "\"op\"", "\"args\"",
  "\"const\"", "\"feature\"", "\"param\"", "\"+\"", "\"/\"", "\"in\"", "\"if\"", "\"between\"",
  "\"and\"", "\"not\"", "\"quarter.total\"", "\"ring.size\"", "\"county.requests\"",
  "{\"const\":[1,2]}", "{\"op\":\"/\",\"args\":[{\"const\":1},{\"const\":0}]}",
  "\"rules\"", "\"id\"", "\"X.concentration\"", "[[[[[[[[[[", "]]]]]]]]]]",
};

static char *
mutate_randomly (GRand      *rand,
                 const char *text,
                 gsize       len,
                 gsize      *out_len)
{
  GString *s = g_string_new_len (text, len);
  guint n = g_rand_int_range (rand, 1, 4);

  for (guint k = 0; k < n; k++)
    {
      gsize at = s->len > 0 ? g_rand_int_range (rand, 0, s->len) : 0;
      gsize want = g_rand_int_range (rand, 1, 40);
      gsize span = MIN (s->len - at, want);

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:  /* flip a byte */
          if (s->len > 0)
            s->str[at] = (char) g_rand_int_range (rand, 0, 256);
          break;
        case 1:  /* delete a span */
          g_string_erase (s, at, span);
          break;
        case 2:  /* insert a token of the language or of JSON */
          g_string_insert (s, at, snippets[g_rand_int_range (rand, 0, G_N_ELEMENTS (snippets))]);
          break;
        case 3:  /* duplicate a span (duplicate members, repeated rules) */
          {
            g_autofree char *copy = g_strndup (s->str + at, span);
            g_string_insert (s, at, copy);
          }
          break;
        case 4:  /* replace a string's contents with another string's */
          {
            const char *q = memchr (s->str + at, '"', s->len - at);
            if (q != NULL)
              g_string_insert (s, q - s->str + 1,
                               snippets[g_rand_int_range (rand, 0, G_N_ELEMENTS (snippets))]);
          }
          break;
        default:  /* swap a digit */
          if (s->len > 0 && g_ascii_isdigit (s->str[at]))
            s->str[at] = '0' + g_rand_int_range (rand, 0, 10);
          break;
        }
    }
  *out_len = s->len;
  return g_string_free (s, FALSE);
}

/* json_node_copy () shares objects and arrays: copying an ancestor into
 * its descendant would make a cycle, so copy through the text. */
static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return json_from_string (text, NULL);
}

static void
collect_nodes (JsonNode  *node,
               GPtrArray *nodes)
{
  g_ptr_array_add (nodes, node);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        collect_nodes (json_object_get_member (json_node_get_object (node), l->data), nodes);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_nodes (json_array_get_element (array, i), nodes);
    }
}

/* Structural mutations on the document's tree, so that most mutants are
 * valid JSON and reach the type checker: a node is replaced by a copy of
 * another (subtrees move between rules, conditions and parameters), an
 * array loses or repeats an element, an object loses a member. */
static char *
mutate_structure (GRand      *rand,
                  const char *text,
                  gsize      *out_len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  JsonNode *root;
  guint n = g_rand_int_range (rand, 1, 4);

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  root = json_parser_get_root (parser);
  for (guint k = 0; k < n; k++)
    {
      JsonNode *target, *source;

      g_ptr_array_set_size (nodes, 0);
      collect_nodes (root, nodes);
      target = nodes->pdata[g_rand_int_range (rand, 1, nodes->len)];
      source = nodes->pdata[g_rand_int_range (rand, 0, nodes->len)];
      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:  /* replace target's contents by a copy of source */
          if (source != target)
            {
              g_autoptr(JsonNode) copy = deep_copy (source);
              JsonNode *parent = json_node_get_parent (target);

              if (parent != NULL && JSON_NODE_HOLDS_ARRAY (parent))
                {
                  JsonArray *array = json_node_get_array (parent);
                  for (guint i = 0; i < json_array_get_length (array); i++)
                    if (json_array_get_element (array, i) == target)
                      {
                        json_array_remove_element (array, i);
                        json_array_add_element (array, g_steal_pointer (&copy));
                        break;
                      }
                }
              else if (parent != NULL)
                {
                  JsonObject *object = json_node_get_object (parent);
                  g_autoptr(GList) members = json_object_get_members (object);
                  for (GList *l = members; l != NULL; l = l->next)
                    if (json_object_get_member (object, l->data) == target)
                      {
                        json_object_set_member (object, l->data, g_steal_pointer (&copy));
                        break;
                      }
                }
            }
          break;
        case 1:  /* drop or repeat an array element */
          if (JSON_NODE_HOLDS_ARRAY (target) && json_array_get_length (json_node_get_array (target)) > 0)
            {
              JsonArray *array = json_node_get_array (target);
              guint i = g_rand_int_range (rand, 0, json_array_get_length (array));

              if (g_rand_boolean (rand))
                json_array_remove_element (array, i);
              else
                json_array_add_element (array, deep_copy (json_array_get_element (array, i)));
            }
          break;
        default:  /* drop an object member */
          if (JSON_NODE_HOLDS_OBJECT (target) && json_object_get_size (json_node_get_object (target)) > 0)
            {
              JsonObject *object = json_node_get_object (target);
              g_autoptr(GList) members = json_object_get_members (object);
              const char *name = g_list_nth_data (members, g_rand_int_range (rand, 0, g_list_length (members)));
              g_autofree char *copy = g_strdup (name);

              json_object_remove_member (object, copy);
            }
          break;
        }
    }
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, out_len);
}

/* Evaluates every rule of a set that loaded over a few random subjects:
 * whatever a mutant condition is, evaluation stays total. */
static void
evaluate_all (AssayRuleSet *set,
              GRand        *rand)
{
  static const char *strings[] = { "community", NULL, "data", "professional" };
  double numbers[4];
  guint8 bools[4] = { 0, 1, 0, 1 }, missing[4] = { 0, 0, 1, 0 }, hits[4];

  for (guint i = 0; i < 4; i++)
    numbers[i] = g_rand_double_range (rand, -2, 2) * (i == 3 ? 1e308 : 1);
  for (guint r = 0; r < assay_rule_set_get_n_rules (set); r++)
    {
      const AssayRuleCondition *cond = assay_rule_get_condition (assay_rule_set_get_rule (set, r));
      guint n = assay_rule_condition_get_n_features (cond);
      g_autofree AssayRuleColumn *columns = g_new0 (AssayRuleColumn, MAX (n, 1));
      g_autofree AssayRuleTraceNode *trace = NULL;

      for (guint i = 0; i < n; i++)
        {
          columns[i].type = assay_rule_catalogue_lookup (assay_rule_condition_get_feature (cond, i))->type;
          columns[i].numbers = numbers;
          columns[i].bools = bools;
          columns[i].strings = strings;
          columns[i].missing = missing;
        }
      assay_rule_condition_evaluate (cond, columns, 4, hits, NULL);
      trace = assay_rule_condition_trace (cond, columns, 1);
      g_assert_cmpint (hits[1], ==, !trace[0].value.fault && trace[0].value.boolean);
    }
}

static void
test_fuzz (void)
{
  const char *env = g_getenv ("ASSAY_RULES_FUZZ_ITERATIONS");
  guint iterations = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 3000;
  gsize len = 0;
  g_autofree char *text = example_text (&len);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261204);
  g_autoptr(GHashTable) messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint loaded = 0, refused = 0;

  for (guint i = 0; i < iterations; i++)
    {
      gsize mutant_len = 0;
      /* byte mutations on odd iterations, structural ones on even */
      g_autofree char *mutant = i % 2 ? mutate_randomly (rand, text, len, &mutant_len)
                                      : mutate_structure (rand, text, &mutant_len);
      g_autoptr(GError) error = NULL;
      g_autoptr(AssayRuleSet) set = load_text (mutant, mutant_len, &error);

      if (set != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (strlen (assay_rule_set_get_sha256 (set)), ==, 64);
          evaluate_all (set, rand);
          loaded++;
        }
      else
        {
          g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          g_assert_cmpuint (strlen (error->message), >, 10);
          g_hash_table_add (messages, g_strdup (error->message));
          refused++;
        }
    }
  g_test_message ("fuzz: %u mutations (half byte-level, half structural; seed 20261204): "
                  "%u loaded, %u refused with %u different messages",
                  iterations, loaded, refused, g_hash_table_size (messages));
  /* the mutations reach both outcomes */
  g_assert_cmpuint (loaded, >, 0);
  g_assert_cmpuint (refused, >, 0);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/rules/loader/valid", test_valid);
  g_test_add_func ("/assay/rules/loader/evaluates", test_evaluates);
  g_test_add_func ("/assay/rules/loader/refuses-json", test_refuses_json);
  g_test_add_func ("/assay/rules/loader/refuses-semantics", test_refuses_semantics);
  g_test_add_func ("/assay/rules/loader/refuses-limits", test_refuses_limits);
  g_test_add_func ("/assay/rules/loader/refuses-unreadable", test_refuses_unreadable);
  g_test_add_func ("/assay/rules/loader/fuzz", test_fuzz);
  return g_test_run ();
}

/* test-scores.c — the contribution value agrees with an independent recompute from the raw entries
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

/* A generated ledger of 300 accounts, served by assay-central, with the
 * committee's decisions on four of its busiest accounts (a freeze then a
 * restore, a zero, a dated down-weight, a freeze that still holds) and
 * two weights versions (one void, inside the equal-weight period; one in
 * force from the fourth quarter);
 * `assayctl scores --json` at days before, inside and after the data
 * must agree with tests/scores-recompute.py, which reads only the raw
 * entries, the logged decisions and the rule set.  Then new entries and
 * an erasure arrive, and the values must follow them. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include <sqlite3.h>

#include "assay-day.h"
#include "assay-scores.h"
#include "assay-sync.h"
#include "assay-weights-what-if-task.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-roster.h"
#include "assay-test-util.h"

#define ORIGIN "scores.test/log"

static AssayTestSigners signers;

typedef struct
{
  AssayTestCentral *central;
  AssayRoster      *roster;
  char             *dir;
  char             *replica;
  char             *rules;
} Fixture;

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *counts = user_data;
  guint x = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(const char **) a));
  guint y = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(const char **) b));

  return x != y ? (x < y) - (x > y) : strcmp (*(const char **) a, *(const char **) b);
}

/* The accounts of a JSON-lines ledger, those with the most entries first. */
static GPtrArray *
busiest_accounts (const char *lines)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) split = g_strsplit (lines, "\n", -1);
  GPtrArray *accounts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; split[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      const char *account;

      if (split[i][0] == '\0' || !json_parser_load_from_data (parser, split[i], -1, NULL))
        continue;
      account = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "account");
      if (!g_hash_table_contains (counts, account))
        g_ptr_array_add (accounts, g_strdup (account));
      g_hash_table_replace (counts, g_strdup (account),
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, account)) + 1));
    }
  g_ptr_array_sort_with_data (accounts, compare_counts, counts);
  return accounts;
}

/* Logs a committee decision on `account` on `day`; returns its payload
 * hash (what the next decision on the account supersedes). */
static char *
log_decision (Fixture           *f,
              AssayDecisionKind  kind,
              const char        *account,
              gint64             seq,
              const char        *supersedes,
              JsonObject        *params,
              const char        *day)
{
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *envelope = NULL;
  guint32 logged;

  g_assert_true (assay_day_parse (day, -1, &logged));
  d = assay_test_account_decision (f->roster, &signers, kind, account, seq, supersedes, ORIGIN, 20, logged);
  d->params = params;
  /* Freeze and zero need two committee signatures. */
  envelope = assay_test_decision_sign (d, &signers, ASSAY_TEST_ANA, ASSAY_TEST_BO, -1);
  assay_test_central_append_signed (f->central, "decision", envelope, day);
  payload = assay_decision_to_payload (d, NULL);
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, payload);
}

/* The filing of @kind in the generator's truth, after @skip others, that
 * breaks no limit (@violation NULL) or breaks @violation: its leaf index,
 * and for a failure claim the award Article U allows at most. */
static guint64
filing_with (const char *truth,
             const char *kind,
             const char *violation,
             guint       skip,
             gint64     *out_cap)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *filings;

  g_assert_true (json_parser_load_from_file (parser, truth, NULL));
  filings = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "filings");
  for (guint i = 0; i < json_array_get_length (filings); i++)
    {
      JsonObject *f = json_array_get_object_element (filings, i);

      JsonArray *violations = json_object_get_array_member (f, "violations");
      gboolean fits = violation == NULL
                      ? json_array_get_length (violations) == 0
                      : json_array_get_length (violations) == 1 &&
                        g_strcmp0 (json_array_get_string_element (violations, 0), violation) == 0;

      if (g_strcmp0 (json_object_get_string_member (f, "kind"), kind) != 0 || !fits || skip-- > 0)
        continue;
      if (out_cap != NULL)
        *out_cap = MIN (json_object_get_int_member (f, "points"),
                        3 * json_object_get_int_member (f, "comparable_value") / 10);
      return json_object_get_int_member (f, "index");
    }
  g_error ("the generated ledger has no %s breaking %s", kind, violation != NULL ? violation : "nothing");
}

/* Logs @kind on @filing on @day, without params, signed by two panel
 * members for a ruling, by one committee member otherwise. */
static void
log_filing_decision (Fixture            *f,
                     AssayDecisionKind   kind,
                     AssayRulingOutcome  ruling,
                     guint64             filing,
                     const char         *day)
{
  g_autoptr(AssayDecision) d = NULL;
  g_autofree char *envelope = NULL;
  guint32 logged = 0;

  g_assert_true (assay_day_parse (day, -1, &logged));
  d = assay_test_filing_decision (f->roster, &signers, kind, ruling, filing, NULL, ORIGIN, 20, logged);
  envelope = kind == ASSAY_DECISION_KIND_RULING
             ? assay_test_decision_sign (d, &signers, ASSAY_TEST_ARB_0, ASSAY_TEST_ARB_1, -1)
             : assay_test_decision_sign (d, &signers, ASSAY_TEST_ANA, -1);
  assay_test_central_append_signed (f->central, "decision", envelope, day);
}

/* Logs an award on a failure claim and an adjusting ruling on a dispute:
 * points credited to the filers from the day each was logged. */
static void
log_credits (Fixture    *f,
             const char *truth)
{
  gint64 cap = 0;
  guint64 claim = filing_with (truth, "failure_claim", NULL, 0, &cap);
  guint64 dispute = filing_with (truth, "dispute", NULL, 0, NULL);
  guint64 second_dispute = filing_with (truth, "dispute", NULL, 1, NULL);
  guint64 appeal = filing_with (truth, "appeal", NULL, 0, NULL);
  g_autofree char *award = g_strdup_printf ("{\"award\":%" G_GINT64_FORMAT "}", cap);
  g_autoptr(AssayDecision) approve = NULL;
  g_autoptr(AssayDecision) ruling = NULL;
  g_autofree char *approve_envelope = NULL, *ruling_envelope = NULL;
  guint32 september = 0, november = 0;

  g_assert_true (assay_day_parse ("2026-09-15", -1, &september));
  g_assert_true (assay_day_parse ("2026-11-02", -1, &november));
  approve = assay_test_filing_decision (f->roster, &signers, ASSAY_DECISION_KIND_APPROVE, ASSAY_RULING_UPHOLD,
                                        claim, award, ORIGIN, 20, september);
  approve_envelope = assay_test_decision_sign (approve, &signers, ASSAY_TEST_ANA, -1);
  assay_test_central_append_signed (f->central, "decision", approve_envelope, "2026-09-15");
  ruling = assay_test_filing_decision (f->roster, &signers, ASSAY_DECISION_KIND_RULING, ASSAY_RULING_ADJUST,
                                       dispute, "{\"points\":250}", ORIGIN, 20, november);
  ruling_envelope = assay_test_decision_sign (ruling, &signers, ASSAY_TEST_ARB_0, ASSAY_TEST_ARB_1, -1);
  assay_test_central_append_signed (f->central, "decision", ruling_envelope, "2026-11-02");
  /* Entries no longer recognised: a dispute overturned, an appeal
   * against a deduction approved. */
  log_filing_decision (f, ASSAY_DECISION_KIND_RULING, ASSAY_RULING_OVERTURN, second_dispute, "2026-08-10");
  log_filing_decision (f, ASSAY_DECISION_KIND_APPROVE, ASSAY_RULING_UPHOLD, appeal, "2026-10-12");
  /* A silence granted over days with entries: they count nothing; an
   * education transfer granted: its points leave the value. */
  log_filing_decision (f, ASSAY_DECISION_KIND_APPROVE, ASSAY_RULING_UPHOLD,
                       filing_with (truth, "silence", "silence_has_entries", 0, NULL), "2026-07-01");
  log_filing_decision (f, ASSAY_DECISION_KIND_APPROVE, ASSAY_RULING_UPHOLD,
                       filing_with (truth, "education_transfer", NULL, 0, NULL), "2026-09-01");
}

/* Appeals the freeze at leaf @freeze_index on @account and has the panel
 * overturn it: the freeze is annulled, the account's value is its sums'. */
static void
overturn_freeze (Fixture    *f,
                 const char *account,
                 guint64     freeze_index,
                 guint64     appeal_index)
{
  g_autofree char *appeal = g_strdup_printf (
    "{\"kind\":\"appeal\",\"account\":\"%s\",\"account_kind\":\"individual\",\"county\":\"310118\","
    "\"filed\":\"2026-10-20\",\"filing\":\"ref-appeal\",\"against\":%" G_GUINT64_FORMAT ","
    "\"reason\":\"The freeze rests on a misread receipt.\"}\n", account, freeze_index);
  g_autoptr(AssayDecision) ruling = NULL;
  g_autofree char *envelope = NULL;
  guint32 logged = 0;

  assay_test_central_import (f->central, appeal);
  g_assert_true (assay_day_parse ("2026-11-20", -1, &logged));
  ruling = assay_test_filing_decision (f->roster, &signers, ASSAY_DECISION_KIND_RULING, ASSAY_RULING_OVERTURN,
                                       appeal_index, NULL, ORIGIN, 20, logged);
  envelope = assay_test_decision_sign (ruling, &signers, ASSAY_TEST_ARB_0, ASSAY_TEST_ARB_1, -1);
  assay_test_central_append_signed (f->central, "decision", envelope, "2026-11-20");
}

/* Logs a weights decision signed by the whole committee. */
static char *
log_weights (Fixture    *f,
             const char *set,
             const char *effective,
             gint64      seq,
             const char *supersedes,
             const char *day)
{
  return assay_test_central_log_weights (f->central, f->roster, &signers, ORIGIN, set, effective, seq, supersedes,
                                         NULL, day);
}

static JsonObject *
down_weight_params (const char *dimension,
                    const char *from,
                    const char *to)
{
  JsonObject *params = json_object_new ();

  json_object_set_string_member (params, "dimension", dimension);
  json_object_set_string_member (params, "from", from);
  json_object_set_string_member (params, "to", to);
  return params;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autofree char *jsonl = NULL, *truth = NULL, *lines = NULL, *roster = NULL;
  g_autofree char *restored = NULL, *frozen = NULL, *void_weights = NULL;
  g_autoptr(GPtrArray) busiest = NULL;
  const char *gen[] = { g_getenv ("ASSAY_CENTRAL"), "generate", "--accounts", "300", "--seed", "7",
                        "--out", NULL, "--truth", NULL, NULL };

  f->dir = assay_test_mkdtemp ();
  f->replica = g_build_filename (f->dir, "replica.db", NULL);
  f->rules = assay_test_pilot_rules ();
  gen[7] = jsonl = g_build_filename (f->dir, "pilot.jsonl", NULL);
  gen[9] = truth = g_build_filename (f->dir, "truth.json", NULL);
  g_assert_cmpint (assay_test_run (gen, NULL, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (jsonl, &lines, NULL, NULL));
  busiest = busiest_accounts (lines);
  g_assert_cmpuint (busiest->len, >=, 4);

  f->central = assay_test_central_new (ORIGIN);
  assay_test_central_import (f->central, lines);
  f->roster = assay_test_roster_new (&signers, 1, NULL);
  roster = assay_test_roster_sign (f->roster, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  assay_test_central_append_signed (f->central, "roster", roster, "2026-01-02");
  /* Weights dated inside the equal-weight period (void), then weights
   * noticed in September for the fourth quarter. */
  void_weights = log_weights (f, "professional=30,knowledge=15,community=10,ecological=15,data=15,market_order=15",
                              "2026-04-01", 1, NULL, "2026-03-01");
  g_free (log_weights (f, "professional=25,knowledge=20,community=15,ecological=15,data=10,market_order=15",
                       "2026-10-01", 2, void_weights, "2026-09-01"));
  g_free (log_decision (f, ASSAY_DECISION_KIND_DOWN_WEIGHT, g_ptr_array_index (busiest, 2), 1, NULL,
                        down_weight_params ("community", "2026-03-01", "2026-11-30"), "2026-02-20"));
  frozen = log_decision (f, ASSAY_DECISION_KIND_FREEZE, g_ptr_array_index (busiest, 0), 1, NULL, NULL,
                         "2026-04-10");
  restored = log_decision (f, ASSAY_DECISION_KIND_RESTORE, g_ptr_array_index (busiest, 0), 2, frozen, NULL,
                           "2026-06-20");
  g_free (log_decision (f, ASSAY_DECISION_KIND_ZERO, g_ptr_array_index (busiest, 1), 1, NULL, NULL,
                        "2026-08-05"));
  g_free (log_decision (f, ASSAY_DECISION_KIND_FREEZE, g_ptr_array_index (busiest, 3), 1, NULL, NULL,
                        "2026-10-01"));
  log_credits (f, truth);
  /* The generated lines are leaves 0 … n − 1, then the roster, two
   * weights, a down-weight, a freeze, a restore, a zero, the freeze at
   * n + 7, the award, two rulings and three approvals: the appeal is
   * leaf n + 14. */
  {
    guint64 n = 0;

    for (const char *p = lines; *p != '\0'; p++)
      n += *p == '\n';
    overturn_freeze (f, g_ptr_array_index (busiest, 3), n + 7, n + 14);
  }
  assay_test_central_start (f->central);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  assay_test_central_free (f->central);
  assay_roster_free (f->roster);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->replica);
  g_free (f->rules);
}

static void
sync_replica (Fixture *f)
{
  g_autofree char *out = NULL, *err = NULL;

  if (assay_test_assayctl (&out, &err, "--replica", f->replica, "sync", "--server", f->central->url,
                           "--log-key", f->central->key, NULL) != 0)
    g_error ("sync failed: %s%s", out, err);
}

/* Runs `assayctl ARGS… --json` into `name` in the fixture's directory. */
static char *
save_json (Fixture    *f,
           const char *name,
           const char *command,
           const char *as_of)
{
  g_autofree char *out = NULL, *err = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  int status;

  if (as_of != NULL)
    status = assay_test_assayctl (&out, &err, "--replica", f->replica, command, "--rule-set", f->rules,
                                  "--as-of", as_of, "--json", NULL);
  else
    status = assay_test_assayctl (&out, &err, "--replica", f->replica, command, "--json", NULL);
  if (status != 0)
    g_error ("assayctl %s exited %d: %s", command, status, err);
  g_assert_true (g_file_set_contents (path, out, -1, NULL));
  return path;
}

/* `assayctl weights what-if --json` at `as_of` into what-if.json. */
static char *
save_what_if (Fixture    *f,
              const char *as_of)
{
  g_autofree char *out = NULL, *err = NULL;
  char *path = g_build_filename (f->dir, "what-if.json", NULL);

  if (assay_test_assayctl (&out, &err, "--replica", f->replica, "weights", "what-if", "--rule-set", f->rules,
                           "--as-of", as_of, "--set",
                           "professional=20,knowledge=15,community=20,ecological=20,data=5,market_order=20",
                           "--json", NULL) != 0)
    g_error ("assayctl weights what-if failed: %s", err);
  g_assert_true (g_file_set_contents (path, out, -1, NULL));
  return path;
}

/* How many accounts of a scores file were computed from their days. */
static guint
count_from_days (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *accounts;
  guint n = 0;

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  accounts = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "accounts");
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (accounts, i),
                                                  "computed_from"), "days") == 0)
      n++;
  return n;
}

/* The statuses of a scores file's weights versions, joined by spaces. */
static char *
weights_statuses (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) statuses = g_string_new (NULL);
  JsonArray *versions;

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  versions = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "weights_versions");
  for (guint i = 0; i < json_array_get_length (versions); i++)
    g_string_append_printf (statuses, "%s%s", i > 0 ? " " : "",
                            json_object_get_string_member (json_array_get_object_element (versions, i), "status"));
  return g_string_free (g_steal_pointer (&statuses), FALSE);
}

/* Recomputes the values at `as_of` with tests/scores-recompute.py;
 * returns how many accounts were computed from their days. */
static guint
check_against_recompute (Fixture    *f,
                         const char *as_of)
{
  g_autofree char *entries = save_json (f, "entries.json", "entries", NULL);
  g_autofree char *decisions = save_json (f, "decisions.json", "decisions", NULL);
  g_autofree char *scores = save_json (f, "scores.json", "scores", as_of);
  g_autofree char *what_if = save_what_if (f, as_of);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "scores-recompute.py", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *argv[] = { "python3", script, entries, decisions, f->rules, scores, what_if, NULL };

  if (assay_test_run (argv, NULL, &out, &err) != 0)
    g_error ("the recompute disagrees at %s:\n%s%s", as_of, out, err);
  g_test_message ("%s", out);
  if (strcmp (as_of, "2027-06-30") == 0)
    {
      g_autofree char *statuses = weights_statuses (scores);

      g_assert_cmpstr (statuses, ==, "past void in_force");
    }
  return count_from_days (scores);
}

/* `assayctl weights` says what the schedule says: the early version void,
 * the September one in force from 2026-10-01 after its notice. */
static void
check_weights_list (Fixture *f)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *versions;
  JsonObject *early, *late;

  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", f->replica, "weights", "--rule-set", f->rules,
                                        "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  versions = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (versions), ==, 2);
  early = json_array_get_object_element (versions, 0);
  late = json_array_get_object_element (versions, 1);
  g_assert_cmpstr (json_object_get_string_member (early, "status"), ==, "void");
  g_assert_cmpstr (json_object_get_string_member (late, "status"), ==, "in_force");
  g_assert_cmpstr (json_object_get_string_member (late, "notice_ends"), ==, "2026-09-08");
  g_assert_cmpstr (json_object_get_string_member (late, "takes_effect"), ==, "2026-10-01");
}

static void
what_if_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AssayWeightsWhatIf **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = assay_weights_what_if_finish (result, &error);
  g_assert_no_error (error);
}

/* The app's what-if, in a worker thread, says what the command line says. */
/* The task names the first ASSAY_WHAT_IF_NAMED crossings, as the JSON
 * (which names them all) does, and leaves the rest unnamed. */
static void
check_crossing_names (const AssayWeightsWhatIf *w,
                      JsonArray                *listed)
{
  g_assert_cmpuint (w->crossings->len, ==, json_array_get_length (listed));
  g_assert_cmpuint (w->crossings->len, >, 0);
  for (guint i = 0; i < w->crossings->len; i++)
    {
      const AssayWhatIfCrossing *c = &g_array_index (w->crossings, AssayWhatIfCrossing, i);

      if (i < ASSAY_WHAT_IF_NAMED)
        g_assert_cmpstr (c->account, ==,
                         json_object_get_string_member (json_array_get_object_element (listed, i), "account"));
      else
        g_assert_null (c->account);
    }
}

static void
check_what_if_task (Fixture *f)
{
  static const gint64 proposal[ASSAY_N_DIMENSIONS] = { 2000, 1500, 2000, 2000, 500, 2000 };
  g_autoptr(AssayRuleSet) set = assay_rule_set_new_from_file (f->rules, NULL);
  g_autoptr(AssayWeightsWhatIf) w = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL, *err = NULL;
  JsonObject *cli;

  assay_weights_what_if_async (f->replica, set, proposal, NULL, what_if_done_cb, &w);
  while (w == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", f->replica, "weights", "what-if", "--rule-set",
                                        f->rules, "--set",
                                        "professional=20,knowledge=15,community=20,ecological=20,data=5,"
                                        "market_order=20", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  cli = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (w->n, ==, json_object_get_int_member (cli, "accounts"));
  g_assert_cmpfloat (w->kendall_tau_b, ==, json_object_get_double_member (cli, "kendall_tau"));
  g_assert_cmpfloat (w->spearman_rho, ==, json_object_get_double_member (cli, "spearman_rho"));
  g_assert_cmpuint (w->level_up, ==, json_object_get_int_member (json_object_get_object_member (cli, "crossings"),
                                                                  "level_up"));
  check_crossing_names (w, json_object_get_array_member (json_object_get_object_member (cli, "crossings"),
                                                         "accounts"));
}

typedef struct
{
  AssayWeightsWhatIf  *what_if;
  AssayFairnessWhatIf *fairness;
} FullResult;

static void
what_if_full_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  FullResult *out = user_data;
  g_autoptr(GError) error = NULL;

  out->what_if = assay_weights_what_if_finish_full (result, &out->fairness, &error);
  g_assert_no_error (error);
}

/* With a cohort, the app's what-if task gives the Article W verdicts the
 * command line gives. */
static void
check_what_if_task_fairness (Fixture *f)
{
  static const gint64 proposal[ASSAY_N_DIMENSIONS] = { 3000, 1500, 1500, 1500, 500, 2000 };
  g_autoptr(AssayRuleSet) set = assay_rule_set_new_from_file (f->rules, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL, *err = NULL;
  FullResult r = { NULL, NULL };
  JsonObject *cli, *fairness;

  assay_weights_what_if_async (f->replica, set, proposal, NULL, what_if_full_done_cb, &r);
  while (r.what_if == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", f->replica, "weights", "what-if", "--rule-set",
                                        f->rules, "--set",
                                        "professional=30,knowledge=15,community=15,ecological=15,data=5,"
                                        "market_order=20", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  cli = json_node_get_object (json_parser_get_root (parser));
  fairness = json_object_get_object_member (cli, "fairness");
  g_assert_nonnull (r.fairness);
  g_assert_null (r.fairness->no_cohort);
  g_assert_cmpuint (r.fairness->n_groups, ==, json_object_get_int_member (fairness, "groups"));
  g_assert_cmpuint (r.fairness->n_groups, >, 0);
  g_assert_cmpuint (r.fairness->n_accounts, ==, json_object_get_int_member (fairness, "accounts"));
  g_assert_cmpuint (r.fairness->changes->len, ==,
                    json_array_get_length (json_object_get_array_member (cli, "fairness_changes")));
  assay_weights_what_if_free (r.what_if);
  assay_fairness_what_if_free (r.fairness);
}

/* Runs `sql` on the replica file; returns the first column of the rows,
 * one per line. */
static char *
query_replica (const char *path,
               const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* Imports `lines` into the (stopped) service and starts it again. */
static void
serve_more (AssayTestCentral *central,
            const char       *lines)
{
  assay_test_central_stop (central);
  assay_test_central_import (central, lines);
  assay_test_central_start (central);
}

static void
test_recompute (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GString) more = g_string_new (NULL);
  g_autofree char *gone = NULL;
  guint32 day;

  sync_replica (f);
  /* Before the last entry: every account day by day.  After it: from the
   * sums, except the three accounts the decisions concern (a fourth's
   * freeze was overturned), the two filers an award and an adjustment
   * credit, the two whose entries are no longer recognised, and the two
   * a silence and an education transfer were granted to. */
  g_assert_cmpuint (check_against_recompute (f, "2026-03-20"), >, 250);
  g_assert_cmpuint (check_against_recompute (f, "2026-09-15"), >, 250);
  g_assert_cmpuint (check_against_recompute (f, "2027-06-30"), ==, 9);
  check_weights_list (f);
  check_what_if_task (f);

  /* New entries (one account new, one known) and an erasure: the sums
   * follow at the next refresh. */
  g_assert_true (assay_day_parse ("2027-01-05", -1, &day));
  assay_test_append_event (more, "acct-newcomer", "data", 40, day, "310118", "hours", "N-1", NULL);
  assay_test_append_event (more, "acct-newcomer", "knowledge", -5, day + 3, "310118", "hours", "N-2", NULL);
  /* Its county is 310118 (two records to one); once the erasure below
   * takes the second, a tie that goes to the lower code, 310104. */
  assay_test_append_event (more, "acct-newcomer", "community", 7, day, "310104", "hours", "N-3", NULL);
  assay_test_central_stop (f->central);
  assay_test_central_import (f->central, more->str);
  assay_test_central_start (f->central);
  sync_replica (f);
  g_assert_cmpuint (check_against_recompute (f, "2027-06-30"), ==, 9);
  assay_test_central_stop (f->central);
  assay_test_central_erase (f->central, "acct-newcomer", "2027-01-06", "2027-01-31");
  assay_test_central_start (f->central);
  sync_replica (f);
  g_assert_cmpuint (check_against_recompute (f, "2027-06-30"), ==, 9);

  /* A later account, then the newcomer erased whole: its number is a gap
   * below the latecomer's, which the what-if's places must close. */
  g_string_truncate (more, 0);
  assay_test_append_event (more, "acct-latecomer", "market_order", 12, day + 10, "310104", "hours", "L-1", NULL);
  serve_more (f->central, more->str);
  sync_replica (f);
  assay_test_central_stop (f->central);
  assay_test_central_erase (f->central, "acct-newcomer", "2027-01-01", "2027-01-31");
  assay_test_central_start (f->central);
  sync_replica (f);
  gone = query_replica (f->replica, "SELECT count (*) FROM accounts WHERE account = 'acct-newcomer'");
  g_assert_cmpstr (gone, ==, "0\n");
  g_assert_cmpuint (check_against_recompute (f, "2027-06-30"), ==, 9);
}

static char *
what_if_json (Fixture *f)
{
  g_autofree char *err = NULL;
  char *out = NULL;

  if (assay_test_assayctl (&out, &err, "--replica", f->replica, "weights", "what-if", "--rule-set", f->rules,
                           "--as-of", "2027-06-30", "--set",
                           "professional=20,knowledge=15,community=20,ecological=20,data=5,market_order=20",
                           "--json", NULL) != 0)
    g_error ("assayctl weights what-if failed: %s", err);
  return out;
}

/* Damaged sums are made again from the aggregates: the values after are
 * the values before, to the byte, read in order (scores) and by ranges
 * in several threads (the what-if; the last block is in the last
 * range). */
static void
test_damaged_sums (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autofree char *before = NULL, *after = NULL, *err = NULL;
  g_autofree char *what_if_before = NULL, *what_if_after = NULL;
  const char *damage[] = { "python3", "-c",
                           "import sqlite3, sys\n"
                           "db = sqlite3.connect (sys.argv[1])\n"
                           "n = db.execute ('UPDATE value_columns SET data = x\\'0500\\' "
                           "WHERE block IN (SELECT block FROM value_columns LIMIT 2) "
                           "OR block = (SELECT max (block) FROM value_columns)').rowcount\n"
                           "db.commit ()\n"
                           "sys.exit (0 if n == 3 else 1)\n",
                           f->replica, NULL };

  sync_replica (f);
  g_assert_cmpint (assay_test_assayctl (&before, &err, "--replica", f->replica, "scores", "--rule-set", f->rules,
                                        "--as-of", "2027-06-30", "--json", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  what_if_before = what_if_json (f);
  g_assert_cmpint (assay_test_run (damage, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (assay_test_assayctl (&after, &err, "--replica", f->replica, "scores", "--rule-set", f->rules,
                                        "--as-of", "2027-06-30", "--json", NULL), ==, 0);
  g_assert_cmpstr (after, ==, before);
  what_if_after = what_if_json (f);
  g_assert_cmpstr (what_if_after, ==, what_if_before);
}

/* ---- the refresh in steps ------------------------------------------------ */

static void
sync_library (const char       *path,
              AssayTestCentral *central)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_CREATE, &error);
  g_autoptr(AssaySync) sync = NULL;

  g_assert_no_error (error);
  sync = assay_sync_new (central->url, central->key);
  assay_sync_set_timeout (sync, 20);
  g_assert_true (assay_sync_run (sync, replica, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Refreshes the value sums of the replica at `path` under the rule set's
 * basis at 2027-06-30; returns the number of blocks rebuilt. */
static guint64
refresh_values (const char *path,
                const char *rules)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayRuleSet) set = assay_rule_set_new_from_file (rules, &error);
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  g_autoptr(AssayScorer) scorer = NULL;
  guint32 as_of = 0;
  guint64 n = G_MAXUINT64;

  g_assert_no_error (error);
  g_assert_true (assay_day_parse ("2027-06-30", -1, &as_of));
  scorer = assay_scorer_new (replica, set, as_of, &error);
  g_assert_no_error (error);
  g_assert_true (assay_replica_values_refresh (replica, &assay_scorer_get_schedule (scorer)->basis, &n, &error));
  g_assert_no_error (error);
  return n;
}

static char *
dump_value_columns (const char *path)
{
  return query_replica (path, "SELECT block || ' ' || hex (data) FROM value_columns ORDER BY block");
}

/* The number of blocks of 64 account numbers that have accounts. */
static guint64
count_blocks (const char *path)
{
  g_autofree char *n = query_replica (path, "SELECT count (DISTINCT id / 64) FROM accounts");

  return g_ascii_strtoull (n, NULL, 10);
}

static char *
scores_json (const char *replica,
             const char *rules)
{
  g_autofree char *err = NULL;
  char *out = NULL;

  if (assay_test_assayctl (&out, &err, "--replica", replica, "scores", "--rule-set", rules, "--as-of",
                           "2027-06-30", "--json", NULL) != 0)
    g_error ("assayctl scores failed: %s", err);
  return out;
}

/* A replica synced and refreshed in steps holds the sums, to the byte, of
 * one synced in one go; each refresh after the first visits only the
 * blocks of the records appended since the last (a block damaged
 * elsewhere stays as it is stored, and is made from the aggregates where
 * it is read), sums stored without the mark are compared block by block
 * once, which mends the damaged block, and an erasure rebuilds them all. */
static void
test_refresh_in_steps (void)
{
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *jsonl = g_build_filename (dir, "pilot.jsonl", NULL);
  g_autofree char *truth = g_build_filename (dir, "truth.json", NULL);
  g_autofree char *steps = g_build_filename (dir, "steps.db", NULL);
  g_autofree char *whole = g_build_filename (dir, "whole.db", NULL);
  g_autofree char *rules = assay_test_pilot_rules ();
  g_autofree char *lines = NULL, *first_half = NULL, *sql = NULL, *block = NULL, *other = NULL;
  g_autofree char *steps_sums = NULL, *whole_sums = NULL, *steps_scores = NULL, *whole_scores = NULL;
  g_autofree char *mark = NULL, *last = NULL, *stored = NULL;
  g_autoptr(GPtrArray) busiest = NULL;
  g_autoptr(GString) more = g_string_new (NULL);
  g_autoptr(AssayTestCentral) central = assay_test_central_new (ORIGIN);
  const char *gen[] = { g_getenv ("ASSAY_CENTRAL"), "generate", "--accounts", "300", "--seed", "7",
                        "--out", jsonl, "--truth", truth, NULL };
  const char *half;
  guint32 day = 0;
  guint n_lines = 0;

  g_assert_cmpint (assay_test_run (gen, NULL, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (jsonl, &lines, NULL, NULL));
  busiest = busiest_accounts (lines);
  for (const char *p = lines; *p != '\0'; p++)
    n_lines += *p == '\n';
  half = lines;
  for (guint i = 0; i < n_lines / 2; i++)
    half = strchr (half, '\n') + 1;
  first_half = g_strndup (lines, half - lines);

  /* Half the ledger: every block is new. */
  assay_test_central_import (central, first_half);
  assay_test_central_start (central);
  sync_library (steps, central);
  g_assert_cmpuint (refresh_values (steps, rules), ==, count_blocks (steps));
  g_assert_cmpuint (refresh_values (steps, rules), ==, 0);

  /* The other half: blocks whose accounts have new records. */
  serve_more (central, half);
  sync_library (steps, central);
  g_assert_cmpuint (refresh_values (steps, rules), >, 0);

  /* Two events of one account, and a block of other accounts damaged:
   * only the account's block is visited. */
  g_assert_true (assay_day_parse ("2027-01-05", -1, &day));
  assay_test_append_event (more, g_ptr_array_index (busiest, 0), "data", 40, day, "310118", "hours", "S-1", NULL);
  assay_test_append_event (more, g_ptr_array_index (busiest, 0), "knowledge", -5, day + 3, "310118", "hours", "S-2",
                           NULL);
  serve_more (central, more->str);
  sync_library (steps, central);
  sql = g_strdup_printf ("SELECT id / 64 FROM accounts WHERE account = '%s'", (char *) g_ptr_array_index (busiest, 0));
  block = query_replica (steps, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT block FROM value_columns WHERE block <> %" G_GUINT64_FORMAT " LIMIT 1",
                         g_ascii_strtoull (block, NULL, 10));
  other = query_replica (steps, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE value_columns SET data = x'0500' WHERE block = %" G_GUINT64_FORMAT
                         " RETURNING hex (data)", g_ascii_strtoull (other, NULL, 10));
  stored = query_replica (steps, sql);
  g_assert_cmpstr (stored, ==, "0500\n");
  g_clear_pointer (&stored, g_free);
  g_clear_pointer (&sql, g_free);
  g_assert_cmpuint (refresh_values (steps, rules), ==, 1);
  sql = g_strdup_printf ("SELECT hex (data) FROM value_columns WHERE block = %" G_GUINT64_FORMAT,
                         g_ascii_strtoull (other, NULL, 10));
  stored = query_replica (steps, sql);
  g_assert_cmpstr (stored, ==, "0500\n");
  mark = query_replica (steps, "SELECT value FROM meta WHERE key = 'value_mark'");
  last = query_replica (steps, "SELECT max (idx) + 1 FROM records");
  g_assert_cmpstr (mark, ==, last);

  /* The same log in one go: the same values, the damaged block read from
   * the aggregates. */
  sync_library (whole, central);
  g_assert_cmpuint (refresh_values (whole, rules), ==, count_blocks (whole));
  g_assert_cmpuint (count_blocks (whole), >, 2);
  steps_scores = scores_json (steps, rules);
  whole_scores = scores_json (whole, rules);
  g_assert_cmpstr (steps_scores, ==, whole_scores);

  /* Sums from before the mark: every block compared once. */
  g_free (query_replica (steps, "DELETE FROM meta WHERE key = 'value_mark' RETURNING key"));
  g_assert_cmpuint (refresh_values (steps, rules), ==, 1);
  g_assert_cmpuint (refresh_values (steps, rules), ==, 0);
  steps_sums = dump_value_columns (steps);
  whole_sums = dump_value_columns (whole);
  g_assert_cmpstr (steps_sums, ==, whole_sums);
  g_clear_pointer (&mark, g_free);
  mark = query_replica (steps, "SELECT value FROM meta WHERE key = 'value_mark'");
  g_assert_cmpstr (mark, ==, last);

  /* An erasure drops the sums with their basis and mark: the next
   * refresh rebuilds every block. */
  assay_test_central_stop (central);
  assay_test_central_erase (central, g_ptr_array_index (busiest, 0), "2027-01-06", "2027-01-31");
  assay_test_central_start (central);
  sync_library (steps, central);
  g_clear_pointer (&stored, g_free);
  stored = query_replica (steps, "SELECT count (*) FROM meta WHERE key IN ('value_basis', 'value_mark')");
  g_assert_cmpstr (stored, ==, "0\n");
  g_assert_cmpuint (refresh_values (steps, rules), ==, count_blocks (steps));

  assay_test_central_stop (central);
  assay_test_rmdir (dir);
}

/* A rule set without the value's parameters is refused by name; a
 * what-if of weights out of range or not summing to 100 % is a usage
 * error naming the weight. */
static void
test_missing_parameter (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autofree char *text = NULL, *out = NULL, *err = NULL;
  g_autofree char *path = g_build_filename (f->dir, "old-rules.json", NULL);
  g_autoptr(GString) edited = NULL;

  sync_replica (f);
  g_assert_true (g_file_get_contents (f->rules, &text, NULL, NULL));
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, "\"decay_rate\"", "\"decay_rate_old\"", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));
  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", f->replica, "scores", "--rule-set", path, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "decay_rate"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", f->replica, "scores", "--as-of", "2026-13-01",
                                        NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", f->replica, "scores", "--rule-set", f->rules,
                                        "--account", "no-such-account", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no-such-account"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", f->replica, "weights", "what-if", "--rule-set",
                                        f->rules, "--set",
                                        "professional=35,knowledge=15,community=10,ecological=15,data=10,"
                                        "market_order=15", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "professional"));
}

/* ---- the fairness test's value outcome ------------------------------------------------------------- */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* R's median(), written here. */
static double
median_of (GArray *values)
{
  guint n = values->len;

  g_assert_cmpuint (n, >, 0);
  g_array_sort (values, compare_doubles);
  return (g_array_index (values, double, (n - 1) / 2) + g_array_index (values, double, n / 2)) / 2;
}

static JsonObject *
load_object (JsonParser *parser,
             const char *text_or_path,
             gboolean    is_path)
{
  g_autoptr(GError) error = NULL;

  if (is_path)
    json_parser_load_from_file (parser, text_or_path, &error);
  else
    json_parser_load_from_data (parser, text_or_path, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* Each account's event points dated in 2026, from the raw entries. */
static GHashTable *
points_in_2026 (const char *entries_path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GHashTable *points = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *entries;

  g_assert_true (json_parser_load_from_file (parser, entries_path, NULL));
  entries = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *e = json_array_get_object_element (entries, i);
      double *sum;

      if (g_strcmp0 (json_object_get_string_member_with_default (e, "kind", ""), "event") != 0 ||
          !g_str_has_prefix (json_object_get_string_member (e, "event_date"), "2026-"))
        continue;
      sum = g_hash_table_lookup (points, json_object_get_string_member (e, "account"));
      if (sum == NULL)
        {
          sum = g_new0 (double, 1);
          g_hash_table_insert (points, g_strdup (json_object_get_string_member (e, "account")), sum);
        }
      *sum += json_object_get_int_member (e, "points");
    }
  return points;
}

/* One SES cell, two groups by gender (accounts alternately f and m, in
 * the order of the scores file): each group's prediction is the median
 * outcome of the other group. */
static char *
write_cohort (Fixture    *f,
              JsonArray  *accounts)
{
  g_autoptr(GString) csv = g_string_new ("account,gender,age_band,county,ses\n");
  char *path = g_build_filename (f->dir, "cohort.csv", NULL);

  for (guint i = 0; i < json_array_get_length (accounts); i++)
    g_string_append_printf (csv, "%s,%s,all,310118,1\n",
                            json_object_get_string_member (json_array_get_object_element (accounts, i), "account"),
                            i % 2 == 0 ? "f" : "m");
  g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));
  return path;
}

/* `assayctl fairness --year 2026 --by gender --depth 1 --outcome …`. */
static JsonObject *
run_fairness (Fixture    *f,
              JsonParser *parser,
              const char *outcome)
{
  g_autofree char *out = NULL, *err = NULL;

  if (assay_test_assayctl (&out, &err, "--replica", f->replica, "fairness", "--year", "2026", "--by", "gender",
                           "--depth", "1", "--min-n", "5", "--outcome", outcome, "--rule-set", f->rules, "--json",
                           NULL) != 0)
    g_error ("assayctl fairness --outcome %s failed: %s", outcome, err);
  return load_object (parser, out, FALSE);
}

/* The observed and predicted medians of group `gender`, recomputed from
 * `outcome_of` (account → outcome, missing = 0), checked against `audit`. */
static double
check_group (JsonObject *audit,
             JsonArray  *accounts,
             GHashTable *outcome_of,
             const char *gender)
{
  g_autoptr(GArray) inside = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) outside = g_array_new (FALSE, FALSE, sizeof (double));
  JsonArray *groups = json_object_get_array_member (audit, "groups");
  double observed, predicted;

  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      const char *account = json_object_get_string_member (json_array_get_object_element (accounts, i), "account");
      double *y = g_hash_table_lookup (outcome_of, account);
      double value = y != NULL ? *y : 0;

      g_array_append_val ((i % 2 == 0) == (gender[0] == 'f') ? inside : outside, value);
    }
  observed = median_of (inside);
  predicted = median_of (outside);
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *g = json_array_get_object_element (groups, i);

      if (g_strcmp0 (json_object_get_string_member (json_object_get_object_member (g, "attributes"), "gender"),
                     gender) != 0)
        continue;
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (g, "observed_median"), observed,
                                      1e-6 * MAX (1, fabs (observed)));
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (g, "predicted_median"), predicted,
                                      1e-6 * MAX (1, fabs (predicted)));
      return observed;
    }
  g_error ("no group gender=%s", gender);
}

/* The Article W test on the value outcome: with the September weights in
 * force in the fourth quarter, each account's value on 2026-12-31 (the
 * scores file, itself checked against scores-recompute.py) differs from
 * its 2026 points, and so do the groups' medians; both outcomes are
 * recomputed here in a few lines. */
static void
test_fairness_value (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(JsonParser) scores_parser = json_parser_new ();
  g_autoptr(JsonParser) points_parser = json_parser_new ();
  g_autoptr(JsonParser) value_parser = json_parser_new ();
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) points = NULL;
  g_autofree char *entries = NULL, *scores = NULL, *cohort = NULL;
  JsonObject *by_points, *by_value;
  JsonArray *accounts;
  double points_median, value_median;

  sync_replica (f);
  check_against_recompute (f, "2026-12-31");
  entries = g_build_filename (f->dir, "entries.json", NULL);
  scores = g_build_filename (f->dir, "scores.json", NULL);
  accounts = json_object_get_array_member (load_object (scores_parser, scores, TRUE), "accounts");
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *a = json_array_get_object_element (accounts, i);

      g_hash_table_insert (values, (char *) json_object_get_string_member (a, "account"),
                           g_memdup2 (&(double) { json_object_get_double_member (a, "value") }, sizeof (double)));
    }
  points = points_in_2026 (entries);
  cohort = write_cohort (f, accounts);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f->replica, "cohort", "import", cohort, NULL), ==, 0);

  by_points = run_fairness (f, points_parser, "points");
  by_value = run_fairness (f, value_parser, "value");
  g_assert_cmpstr (json_object_get_string_member (by_points, "outcome"), ==, "points");
  g_assert_cmpstr (json_object_get_string_member (by_value, "outcome"), ==, "value");
  g_assert_nonnull (strstr (json_object_get_string_member (by_value, "method"), "31 December"));
  points_median = check_group (by_points, accounts, points, "f");
  check_group (by_points, accounts, points, "m");
  value_median = check_group (by_value, accounts, values, "f");
  check_group (by_value, accounts, values, "m");
  g_test_message ("gender=f: median points in 2026 %.6f, median value on 2026-12-31 %.6f", points_median,
                  value_median);
  g_assert_cmpfloat (fabs (points_median - value_median), >, 1);
  check_what_if_task_fairness (f);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  assay_test_signers_init (&signers);
  g_test_add ("/assay/scores/recompute", Fixture, NULL, fixture_set_up, test_recompute, fixture_tear_down);
  g_test_add ("/assay/scores/fairness-value", Fixture, NULL, fixture_set_up, test_fairness_value, fixture_tear_down);
  g_test_add ("/assay/scores/damaged-sums", Fixture, NULL, fixture_set_up, test_damaged_sums, fixture_tear_down);
  g_test_add_func ("/assay/scores/refresh-in-steps", test_refresh_in_steps);
  g_test_add ("/assay/scores/missing-parameter", Fixture, NULL, fixture_set_up, test_missing_parameter,
              fixture_tear_down);
  status = g_test_run ();
  assay_test_signers_clear (&signers);
  return status;
}

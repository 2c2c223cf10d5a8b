/* test-cases.c — stored flags, cases and their CLI
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
#include <sqlite3.h>
#include <string.h>

#include "assay-error.h"
#include "assay-replica-cases.h"
#include "assay-rule-cases.h"
#include "assay-session.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-util.h"

typedef struct
{
  AssayTestCentral *central;
  char             *dir;
  char             *replica;
  char             *pilot;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *lines = assay_test_cases_lines (FALSE);
  g_autofree char *out = NULL;

  f->central = assay_test_central_new ("cases.test/log");
  f->dir = assay_test_mkdtemp ();
  f->replica = g_build_filename (f->dir, "replica.db", NULL);
  f->pilot = assay_test_pilot_rules ();
  assay_test_central_import (f->central, lines);
  assay_test_central_start (f->central);
  /* The sync computes the flags and opens the cases. */
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica, "sync", "--server", f->central->url,
                             "--log-key", f->central->key, "--rule-set", f->pilot, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Flags: 5 raised by rule set pilot; 3 cases open."));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  assay_test_central_free (f->central);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->replica);
  g_free (f->pilot);
}

static AssayReplica *
open_replica (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  AssayReplica *replica = assay_replica_open (f->replica, ASSAY_REPLICA_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return replica;
}

static AssayCase *
case_of (AssayReplica *replica,
         const char   *account)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;

  cases = assay_replica_list_cases (replica, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cases->len; i++)
    {
      AssayCase *c = g_ptr_array_index (cases, i);

      if (strcmp (c->subject_kind, "account") == 0 && strcmp (c->subject_id, account) == 0)
        return g_ptr_array_steal_index (cases, i);
    }
  return NULL;
}

static guint
history_length (AssayReplica *replica,
                gint64        case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = assay_replica_case_history (replica, case_id, &error);

  g_assert_no_error (error);
  return history->len;
}

static const AssayCaseEvent *
last_event (GPtrArray *history)
{
  g_assert_cmpuint (history->len, >, 0);
  return g_ptr_array_index (history, history->len - 1);
}

/* Sets a case's state by SQL, as a signed decision will (issue 11). */
static void
set_state_by_sql (Fixture    *f,
                  gint64      case_id,
                  const char *state)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE cases SET state = '%s' WHERE id = %" G_GINT64_FORMAT,
                                          state, case_id);

  g_assert_cmpint (sqlite3_open (f->replica, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A copy of a stored flag with another period (so another id). */
static AssayStoredFlag *
flag_like (const AssayStoredFlag *f,
           const char            *id)
{
  AssayStoredFlag *n = g_new0 (AssayStoredFlag, 1);

  n->id = g_strdup (id);
  n->rule = g_strdup (f->rule);
  n->article = g_strdup (f->article);
  n->action = g_strdup (f->action);
  n->severity = g_strdup ("high");
  n->severity_rank = 2;
  n->subject_kind = g_strdup (f->subject_kind);
  n->subject_id = g_strdup (f->subject_id);
  n->from = f->from + 365;
  n->to = f->to + 365;
  n->county = g_strdup (f->county);
  n->json = g_strdup_printf ("{\"id\":\"%s\",\"explanation\":\"crafted\"}", id);
  return n;
}

static AssayFlagRun *
get_run (AssayReplica *replica)
{
  g_autoptr(GError) error = NULL;
  AssayFlagRun *run = assay_replica_get_flag_run (replica, &error);

  g_assert_no_error (error);
  g_assert_nonnull (run);
  return run;
}

static GPtrArray *
get_flags (AssayReplica *replica)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *flags = assay_replica_list_flags (replica, &error);

  g_assert_no_error (error);
  return flags;
}

/* The first sync opened one case per flagged account, with their flags;
 * the counties and the run are stored; a second refresh changes nothing. */
static void
test_open_and_idempotent (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(AssayReplica) replica = open_replica (f);
  g_autoptr(AssayRuleSet) set = NULL;
  g_autoptr(AssayCase) conc = case_of (replica, "acct-conc");
  g_autoptr(AssayCase) consec = case_of (replica, "acct-consec");
  g_autoptr(AssayCase) again = NULL;
  g_autoptr(AssayFlagRun) run = get_run (replica);
  g_autoptr(GPtrArray) flags = get_flags (replica);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  guint n_events_conc, n_events_consec;

  g_assert_cmpstr (run->rule_set_name, ==, "pilot");
  g_assert_cmpuint (run->checkpoint_size, ==, assay_replica_get_size (replica));
  g_assert_cmpuint (flags->len, ==, 5);
  g_assert_nonnull (conc);
  g_assert_nonnull (consec);
  g_assert_null (case_of (replica, "acct-calm"));
  g_assert_cmpint (conc->state, ==, ASSAY_CASE_STATE_OPEN);
  g_assert_cmpuint (conc->flag_ids->len, ==, 1);
  g_assert_cmpuint (conc->n_current, ==, 1);
  g_assert_cmpstr (conc->county, ==, "310118");
  g_assert_cmpuint (consec->flag_ids->len, ==, 3);
  /* The county of the account's most recent record. */
  g_assert_cmpstr (consec->county, ==, "310115");
  g_assert_nonnull (consec->severity);
  g_assert_cmpint (conc->opened, >, 0);
  n_events_conc = history_length (replica, conc->id);
  n_events_consec = history_length (replica, consec->id);
  g_assert_cmpuint (n_events_conc, ==, 1);        /* opened */
  g_assert_cmpuint (n_events_consec, ==, 3);      /* opened, joined, joined */
  {
    g_autoptr(AssayCase) found = assay_replica_find_case (replica, "account", "acct-conc", &error);

    g_assert_no_error (error);
    g_assert_cmpint (found->id, ==, conc->id);
  }

  /* The same data again: the same cases, no new history. */
  set = assay_rule_set_new_from_file (f->pilot, &error);
  g_assert_no_error (error);
  g_assert_true (assay_rule_flags_refresh (replica, set, &error));
  g_assert_no_error (error);
  cases = assay_replica_list_cases (replica, &error);
  g_assert_cmpuint (cases->len, ==, 3);
  again = case_of (replica, "acct-consec");
  g_assert_cmpint (again->id, ==, consec->id);
  g_assert_cmpuint (again->flag_ids->len, ==, 3);
  g_assert_cmpuint (history_length (replica, conc->id), ==, n_events_conc);
  g_assert_cmpuint (history_length (replica, consec->id), ==, n_events_consec);
  g_assert_cmpuint (assay_replica_count_active_cases (replica, NULL), ==, 3);
}

/* A new flag joins its subject's open case; a decided case is reopened by
 * a new flag, not by one it already holds; a flag no longer raised stays
 * in its case. */
static void
test_join_and_reopen (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(AssayReplica) replica = open_replica (f);
  g_autoptr(AssayFlagRun) run = get_run (replica);
  g_autoptr(GPtrArray) flags = get_flags (replica);
  g_autoptr(AssayCase) conc = case_of (replica, "acct-conc");
  g_autoptr(GError) error = NULL;
  const AssayStoredFlag *conc_flag = NULL;
  const char *new_id = "00000000000000000000000000000000000000000000000000000000000000aa";
  const char *newer_id = "00000000000000000000000000000000000000000000000000000000000000bb";

  for (guint i = 0; i < flags->len; i++)
    if (strcmp (((AssayStoredFlag *) flags->pdata[i])->subject_id, "acct-conc") == 0)
      conc_flag = flags->pdata[i];
  g_assert_nonnull (conc_flag);

  /* Join. */
  g_ptr_array_add (flags, flag_like (conc_flag, new_id));
  g_assert_true (assay_replica_store_flags (replica, run, flags, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AssayCase) c = case_of (replica, "acct-conc");
    g_autoptr(GPtrArray) history = assay_replica_case_history (replica, c->id, &error);

    g_assert_cmpint (c->id, ==, conc->id);
    g_assert_cmpint (c->state, ==, ASSAY_CASE_STATE_OPEN);
    g_assert_cmpuint (c->flag_ids->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (c->flag_ids, 1), ==, new_id);
    g_assert_cmpstr (c->severity, ==, "high");   /* the most severe */
    g_assert_cmpstr (last_event (history)->kind, ==, "joined");
    g_assert_cmpstr (last_event (history)->detail, ==, new_id);
    g_assert_false (last_event (history)->is_note);
  }

  /* Decided (by SQL, standing in for issue 11's signed decision): the
   * same flags again leave it decided. */
  set_state_by_sql (f, conc->id, "decided");
  g_assert_true (assay_replica_store_flags (replica, run, flags, &error));
  {
    g_autoptr(AssayCase) c = case_of (replica, "acct-conc");

    g_assert_cmpint (c->state, ==, ASSAY_CASE_STATE_DECIDED);
    g_assert_null (assay_replica_find_case (replica, "account", "acct-conc", &error));
    g_assert_no_error (error);
    g_assert_cmpuint (assay_replica_count_active_cases (replica, NULL), ==, 2);
  }

  /* A new flag reopens it, the same case; the earlier new flag is no
   * longer raised but stays in the case. */
  g_ptr_array_remove_index (flags, flags->len - 1);
  g_ptr_array_add (flags, flag_like (conc_flag, newer_id));
  g_assert_true (assay_replica_store_flags (replica, run, flags, &error));
  {
    g_autoptr(AssayCase) c = case_of (replica, "acct-conc");
    g_autoptr(GPtrArray) history = assay_replica_case_history (replica, c->id, &error);
    g_autoptr(AssayStoredFlag) old = assay_replica_get_flag (replica, new_id, &error);
    g_autoptr(GPtrArray) current = get_flags (replica);

    g_assert_cmpint (c->id, ==, conc->id);
    g_assert_cmpint (c->state, ==, ASSAY_CASE_STATE_REOPENED);
    g_assert_cmpuint (c->flag_ids->len, ==, 3);
    g_assert_cmpuint (c->n_current, ==, 2);
    g_assert_cmpstr (last_event (history)->kind, ==, "reopened");
    g_assert_no_error (error);
    g_assert_false (old->current);
    g_assert_cmpuint (current->len, ==, 6);
  }
}

/* Review, assignment and notes, and what is refused. */
static void
test_local_changes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AssayReplica) replica = open_replica (f);
  g_autoptr(AssayCase) conc = case_of (replica, "acct-conc");
  g_autoptr(GError) error = NULL;
  g_autofree char *long_note = g_strnfill (4001, 'x');
  guint n;

  g_assert_true (assay_replica_case_start_review (replica, conc->id, "alice", &error));
  g_assert_no_error (error);
  g_assert_false (assay_replica_case_start_review (replica, conc->id, "alice", &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "already in review"));
  g_clear_error (&error);
  g_assert_false (assay_replica_case_start_review (replica, 999, "alice", &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (assay_replica_case_assign (replica, conc->id, "bob", "alice", &error));
  g_assert_true (assay_replica_case_add_note (replica, conc->id, "alice", "  Looks like a team.  ", &error));
  g_assert_no_error (error);
  n = history_length (replica, conc->id);
  g_assert_false (assay_replica_case_add_note (replica, conc->id, "alice", " \n ", &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (assay_replica_case_add_note (replica, conc->id, "alice", long_note, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (assay_replica_case_add_note (replica, 999, "alice", "text", &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (history_length (replica, conc->id), ==, n);
  {
    g_autoptr(AssayCase) c = case_of (replica, "acct-conc");
    g_autoptr(GPtrArray) history = assay_replica_case_history (replica, c->id, &error);
    const AssayCaseEvent *note = last_event (history);
    const AssayCaseEvent *assign = g_ptr_array_index (history, history->len - 2);
    const AssayCaseEvent *review = g_ptr_array_index (history, history->len - 3);

    g_assert_cmpint (c->state, ==, ASSAY_CASE_STATE_IN_REVIEW);
    g_assert_cmpstr (c->assignee, ==, "bob");
    g_assert_true (note->is_note);
    g_assert_cmpstr (note->text, ==, "Looks like a team.");
    g_assert_cmpstr (note->author, ==, "alice");
    g_assert_cmpstr (assign->kind, ==, "assigned");
    g_assert_cmpstr (assign->text, ==, "Assigned to bob");
    g_assert_cmpstr (review->kind, ==, "review");
  }
  /* Unassign ("" as NULL); the same again records nothing. */
  g_assert_true (assay_replica_case_assign (replica, conc->id, "", "alice", &error));
  n = history_length (replica, conc->id);
  g_assert_true (assay_replica_case_assign (replica, conc->id, NULL, "alice", &error));
  g_assert_cmpuint (history_length (replica, conc->id), ==, n);

  /* A decided case's review is over. */
  set_state_by_sql (f, conc->id, "decided");
  g_assert_false (assay_replica_case_start_review (replica, conc->id, "alice", &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "decided"));
}

/* A store that fails midway (a flag without an id) writes nothing: not
 * the run, not the flags before it, not their cases. */
static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AssayReplica) replica = open_replica (f);
  g_autoptr(AssayFlagRun) run = get_run (replica);
  g_autoptr(GPtrArray) flags = get_flags (replica);
  g_autoptr(GPtrArray) cases_before = assay_replica_list_cases (replica, NULL);
  g_autoptr(GPtrArray) cases_after = NULL;
  g_autoptr(GPtrArray) flags_after = NULL;
  g_autoptr(AssayFlagRun) run_after = NULL;
  g_autoptr(AssayCase) consec = case_of (replica, "acct-consec");
  g_autoptr(GError) error = NULL;
  AssayFlagRun other = *run;
  AssayStoredFlag *broken;
  guint n_history = history_length (replica, consec->id);

  other.rule_set_name = (char *) "other";
  other.computed_at = run->computed_at + 100;
  /* A new flag first (it would open a case), then the broken one. */
  g_ptr_array_insert (flags, 0, flag_like (flags->pdata[0], "00000000000000000000000000000000000000000000000000000000000000cc"));
  ((AssayStoredFlag *) flags->pdata[0])->subject_id = (g_free (((AssayStoredFlag *) flags->pdata[0])->subject_id),
                                                        g_strdup ("acct-new"));
  broken = flag_like (flags->pdata[1], "x");
  g_clear_pointer (&broken->id, g_free);
  g_ptr_array_add (flags, broken);

  g_assert_false (assay_replica_store_flags (replica, &other, flags, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);

  run_after = get_run (replica);
  g_assert_cmpstr (run_after->rule_set_name, ==, "pilot");
  g_assert_cmpint (run_after->computed_at, ==, run->computed_at);
  flags_after = get_flags (replica);
  g_assert_cmpuint (flags_after->len, ==, 5);
  cases_after = assay_replica_list_cases (replica, NULL);
  g_assert_cmpuint (cases_after->len, ==, cases_before->len);
  g_assert_null (case_of (replica, "acct-new"));
  g_assert_cmpuint (history_length (replica, consec->id), ==, n_history);
}

/* A tombstone that erases every record of an account takes its flags and
 * its case (with the history) with it; the other cases survive the sync. */
static void
test_erasure (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AssayCase) gone = NULL;
  g_autoptr(AssayCase) conc = NULL;
  g_autofree char *out = NULL;
  gint64 gone_id;

  {
    g_autoptr(AssayReplica) replica = open_replica (f);
    g_autoptr(GError) error = NULL;

    gone = case_of (replica, "acct-gone");
    conc = case_of (replica, "acct-conc");
    g_assert_nonnull (gone);
    g_assert_true (assay_replica_case_add_note (replica, gone->id, "alice", "acct-gone again", &error));
    g_assert_true (assay_replica_case_add_note (replica, conc->id, "alice", "kept", &error));
    g_assert_no_error (error);
    gone_id = gone->id;
  }
  assay_test_central_erase (f->central, "acct-gone", "2025-01-01", "2025-12-31");
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica, "sync", "--server", f->central->url,
                             "--log-key", f->central->key, "--rule-set", f->pilot, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Flags: 4 raised by rule set pilot; 2 cases open."));
  {
    g_autoptr(AssayReplica) replica = open_replica (f);
    g_autoptr(GError) error = NULL;
    g_autoptr(AssayCase) kept = case_of (replica, "acct-conc");
    g_autoptr(AssayCase) missing = assay_replica_get_case (replica, gone_id, &error);
    g_autoptr(AssayStoredFlag) flag = NULL;

    g_assert_null (missing);
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND);
    g_clear_error (&error);
    flag = assay_replica_get_flag (replica, g_ptr_array_index (gone->flag_ids, 0), &error);
    g_assert_null (flag);
    g_clear_error (&error);
    g_assert_cmpint (kept->id, ==, conc->id);
    g_assert_cmpuint (history_length (replica, kept->id), ==, 2);
  }
  g_assert_false (assay_test_file_contains (f->replica, (const guint8 *) "acct-gone again",
                                            strlen ("acct-gone again")));
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* cases, case ID and its changes, flags --stored, and their refusals. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) one = NULL;
  g_autoptr(JsonNode) stored = NULL;
  JsonArray *cases;
  JsonObject *c = NULL, *subject;
  g_autofree char *id = NULL;

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica, "cases", "--json", NULL), ==, 0);
  root = parse (out);
  cases = json_object_get_array_member (json_node_get_object (root), "cases");
  g_assert_cmpuint (json_array_get_length (cases), ==, 3);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *o = json_array_get_object_element (cases, i);

      subject = json_object_get_object_member (o, "subject");
      if (strcmp (json_object_get_string_member (subject, "id"), "acct-consec") == 0)
        c = o;
    }
  g_assert_nonnull (c);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (c, "subject"), "kind"),
                   ==, "account");
  g_assert_cmpstr (json_object_get_string_member (c, "state"), ==, "open");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "flags")), ==, 3);
  g_assert_cmpint (json_object_get_int_member (c, "opened"), >, 0);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (c, "id"));

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica, "cases", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Case"));
  g_assert_nonnull (strstr (out, "account acct-consec"));
  g_assert_nonnull (strstr (out, "3/3"));

  /* Review, assign, note; then the case shows them. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica, "case", id, "--review", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "in review"));
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f->replica, "case", id, "--assign", "carol", NULL), ==, 0);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f->replica, "case", id, "--note", "Checked.", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica, "case", id, "--json", NULL), ==, 0);
  one = parse (out);
  c = json_node_get_object (one);
  g_assert_cmpstr (json_object_get_string_member (c, "state"), ==, "in_review");
  g_assert_cmpstr (json_object_get_string_member (c, "assignee"), ==, "carol");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "flag_details")), ==, 3);
  g_assert_nonnull (json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (c, "flag_details"), 0), "explanation"));
  {
    JsonArray *history = json_object_get_array_member (c, "history");
    JsonObject *note = json_array_get_object_element (history, json_array_get_length (history) - 1);

    g_assert_true (json_object_get_boolean_member (note, "note"));
    g_assert_cmpstr (json_object_get_string_member (note, "text"), ==, "Checked.");
    g_assert_cmpstr (json_object_get_string_member (note, "author"), ==, g_get_user_name ());
  }
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica, "case", id, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Checked."));
  g_assert_nonnull (strstr (out, "Assignee: carol"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica, "cases", "--state", "in_review", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "acct-consec"));
  g_assert_null (strstr (out, "acct-conc "));

  /* Refusals. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", f->replica, "case", id, "--review", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already in review"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", f->replica, "case", "999", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no case 999"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", f->replica, "case", id, "--note", "", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "empty"));
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f->replica, "case", "abc", NULL), ==, 2);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f->replica, "case", NULL), ==, 2);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f->replica, "case", id, "--review", "--note", "x", NULL), ==, 2);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f->replica, "cases", "--state", "shut", NULL), ==, 2);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "cases", NULL), ==, 2);
  set_state_by_sql (f, g_ascii_strtoll (id, NULL, 10), "decided");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", f->replica, "case", id, "--review", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "decided"));

  /* flags --stored: the run and the flags as the sync stored them. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica, "flags", "--stored", "--json", NULL), ==, 0);
  stored = parse (out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (stored), "flags")),
                    ==, 5);
  g_assert_cmpstr (json_object_get_string_member (
    json_object_get_object_member (json_object_get_object_member (json_node_get_object (stored), "run"),
                                   "rule_set"), "name"), ==, "pilot");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica, "flags", "--stored", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Stored flags of rule set pilot"));
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f->replica, "flags", "--stored", "--rule-set",
                             f->pilot, NULL), ==, 2);
}

/* A rule set that cannot be read does not fail the sync: a warning. */
static void
test_sync_bad_rule_set (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);

  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", f->replica, "sync", "--server", f->central->url,
                             "--log-key", f->central->key, "--rule-set", missing, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "warning"));
  g_assert_nonnull (strstr (out, "Synced"));
}

static void
flags_updated_cb (AssaySession *session,
                  gboolean     *done)
{
  *done = TRUE;
}

/* The session recomputes off the main thread and says so. */
static void
progress_cb (AssaySession *session,
             GParamSpec   *pspec,
             GArray       *progress)
{
  double fraction = assay_session_get_flags_progress (session);

  g_array_append_val (progress, fraction);
}

static void
test_session (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AssaySession) session = assay_session_new ();
  g_autoptr(GArray) progress = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  gboolean done = FALSE;
  gint64 before;

  g_assert_true (assay_session_set_replica_path (session, f->replica, &error));
  g_assert_true (assay_session_load_replica (session, &error));
  g_assert_nonnull (assay_session_get_flag_run (session));
  before = assay_session_get_flag_run (session)->computed_at;
  g_signal_connect (session, "flags-updated", G_CALLBACK (flags_updated_cb), &done);

  g_signal_connect (session, "notify::flags-progress", G_CALLBACK (progress_cb), progress);
  assay_session_set_rule_set_path (session, f->pilot);
  assay_session_refresh_flags (session);
  g_assert_true (assay_session_get_refreshing_flags (session));
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (assay_session_get_refreshing_flags (session));
  /* Progress climbs, subject kind by kind, to 1. */
  g_assert_cmpuint (progress->len, >=, 3);
  for (guint i = 1; i < progress->len; i++)
    g_assert_cmpfloat (g_array_index (progress, double, i), >, g_array_index (progress, double, i - 1));
  g_assert_cmpfloat (assay_session_get_flags_progress (session), ==, 1);
  g_assert_null (assay_session_get_flags_error (session));
  g_assert_cmpint (assay_session_get_flag_run (session)->computed_at, >=, before);

  /* A missing rule set: flags-error, no signal. */
  done = FALSE;
  assay_session_set_rule_set_path (session, missing);
  assay_session_refresh_flags (session);
  while (assay_session_get_refreshing_flags (session))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (done);
  g_assert_nonnull (assay_session_get_flags_error (session));
}

/* Iterates the main context until *flag is set, for at most ten seconds
 * (a file monitor's events take a moment). */
static gboolean
wait_for (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  return *flag;
}

static void
set_true_cb (gboolean *flag)
{
  *flag = TRUE;
}

/* The rule set file changes under the session: a good new one is put in
 * force and evaluated; a bad one is refused and the one in force stays. */
static void
test_rule_set_watch (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AssaySession) session = assay_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "rules.json", NULL);
  g_autofree char *text = NULL, *first_sha = NULL;
  g_autoptr(GString) draft = NULL;
  AssayRuleSetSource *source;
  gboolean updated = FALSE, refused = FALSE;

  g_assert_true (g_file_get_contents (f->pilot, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_true (assay_session_set_replica_path (session, f->replica, &error));
  g_assert_true (assay_session_load_replica (session, &error));
  assay_session_set_rule_set_path (session, path);
  source = assay_session_get_rule_set_source (session);
  g_assert_nonnull (assay_rule_set_source_get_rule_set (source));
  first_sha = g_strdup (assay_rule_set_get_sha256 (assay_rule_set_source_get_rule_set (source)));
  g_signal_connect_swapped (session, "flags-updated", G_CALLBACK (set_true_cb), &updated);
  g_signal_connect_swapped (source, "notify::error", G_CALLBACK (set_true_cb), &refused);

  /* Not strict JSON: refused, the set in force and the flags stay. */
  g_assert_true (g_file_set_contents (path, "{\"format\": \"assay-rule-set/1\",}", -1, NULL));
  g_assert_true (wait_for (&refused));
  g_assert_nonnull (assay_rule_set_source_get_error (source));
  g_assert_cmpstr (assay_rule_set_get_sha256 (assay_rule_set_source_get_rule_set (source)), ==, first_sha);
  g_assert_false (updated);

  /* A good new version: in force, evaluated, stored with its run. */
  draft = g_string_new (text);
  g_assert_cmpuint (g_string_replace (draft, "\"concentration_share\": 0.70", "\"concentration_share\": 0.60", 1),
                    ==, 1);
  g_assert_true (g_file_set_contents (path, draft->str, -1, NULL));
  g_assert_true (wait_for (&updated));
  g_assert_null (assay_rule_set_source_get_error (source));
  g_assert_cmpstr (assay_rule_set_get_sha256 (assay_rule_set_source_get_rule_set (source)), !=, first_sha);
  g_assert_cmpstr (assay_session_get_flag_run (session)->rule_set_sha256, ==,
                   assay_rule_set_get_sha256 (assay_rule_set_source_get_rule_set (source)));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/assay/cases/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("open-and-idempotent", test_open_and_idempotent);
  ADD ("join-and-reopen", test_join_and_reopen);
  ADD ("local-changes", test_local_changes);
  ADD ("all-or-nothing", test_all_or_nothing);
  ADD ("erasure", test_erasure);
  ADD ("rule-set-watch", test_rule_set_watch);
  ADD ("cli", test_cli);
  ADD ("sync-bad-rule-set", test_sync_bad_rule_set);
  ADD ("session", test_session);
#undef ADD
  return g_test_run ();
}

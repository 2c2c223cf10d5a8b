/* test-filing-vote.c — the panel votes on its docket and the committee answers a request, from the shell
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
#include <string.h>

#include "assay-day.h"
#include "assay-replica-cases.h"
#include "assay-replica-decisions.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-roster.h"
#include "assay-test-util.h"

#define ORIGIN "votes.test/log"

static AssayTestSigners signers;

/* The leaves of assay_test_filing_lines and assay_test_filing_dispute. */
#define DISPUTE_INDEX 3
#define FAILURE_INDEX 2

typedef struct
{
  AssayTestCentral *central;
  AssayRoster      *roster;
  char             *dir;
  char             *replica;     /* an observer's, who lists and checks */
  char             *passphrase;
} Fixture;

static char *
key_path (Fixture    *f,
          const char *holder)
{
  return g_strdup_printf ("%s/%s.key", f->dir, holder);
}

static void
fixture_set_up (Fixture *f)
{
  AssayRoster *roster = f->roster = assay_test_roster_new (&signers, 1, NULL);
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (utc, "%Y-%m-%d");
  static const char *panel[] = { "panel-a", "panel-b", "panel-c" };

  f->central = assay_test_central_new (ORIGIN);
  assay_test_central_import (f->central, assay_test_filing_lines);
  assay_test_central_import (f->central, assay_test_filing_dispute);
  f->dir = assay_test_mkdtemp ();
  f->replica = g_build_filename (f->dir, "observer.db", NULL);
  f->passphrase = g_build_filename (f->dir, "pw", NULL);
  g_assert_true (g_file_set_contents (f->passphrase, "correct horse battery", -1, NULL));
  roster->expires = g_get_real_time () / G_USEC_PER_SEC + ASSAY_TEST_YEAR;
  for (guint i = 0; i < G_N_ELEMENTS (panel); i++)
    {
      g_autofree char *path = key_path (f, panel[i]);

      assay_test_role_key_file (roster, ASSAY_ROLE_ARBITRATION, panel[i], path, f->passphrase);
    }
  {
    g_autofree char *path = key_path (f, "clerk");

    assay_test_role_key_file (roster, ASSAY_ROLE_COMMITTEE, "clerk", path, f->passphrase);
  }
  assay_test_central_append_roster (f->central, roster, &signers, today);
  assay_test_central_start (f->central);
}

static void
fixture_tear_down (Fixture *f)
{
  assay_test_central_free (f->central);
  assay_roster_free (f->roster);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->replica);
  g_free (f->passphrase);
}

/* Each member works on a workstation of their own: @holder's replica. */
static char *
replica_of (Fixture    *f,
            const char *holder)
{
  return g_strdup_printf ("%s/%s.db", f->dir, holder);
}

static void
sync_replica (Fixture    *f,
              const char *holder)
{
  g_autofree char *path = replica_of (f, holder);
  g_autofree char *out = NULL, *err = NULL;

  if (assay_test_assayctl (&out, &err, "--replica", path, "sync", "--server", f->central->url,
                           "--log-key", f->central->key, NULL) != 0)
    g_error ("sync failed: %s%s", out, err);
}

/* The "case" of the only item `assayctl COMMAND --json` lists, which
 * must be of @kind. */
static gint64
only_case (Fixture    *f,
           const char *command,
           const char *kind)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *items;
  JsonObject *item;

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica, command, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  items = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  item = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, kind);
  return json_object_get_int_member (item, "case");
}

/* Runs `assayctl vote` (or decide, with @points as --award) as @holder;
 * returns its status, its output in @out. */
static int
act (Fixture     *f,
     const char  *command,
     const char  *holder,
     gint64       case_id,
     const char  *outcome,
     gint64       points,
     char       **out)
{
  g_autofree char *path = key_path (f, holder);
  g_autofree char *replica = replica_of (f, holder);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
  g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT, points);
  g_autofree char *stdout_text = NULL, *stderr_text = NULL;
  int status;

  sync_replica (f, holder);
  status = assay_test_assayctl (&stdout_text, &stderr_text, "--replica", replica, command, "--key", path,
                                "--passphrase-file", f->passphrase, "--case", id, "--outcome", outcome,
                                g_str_equal (command, "vote") ? "--points" : "--award", amount,
                                "--rationale", "Read both statements and the entries.", NULL);
  *out = g_strconcat (stdout_text, stderr_text, NULL);
  return status;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” does not say “%s”", text, part);
}

static GPtrArray *
filing_decisions (Fixture *f,
                  guint64  index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (f->replica, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  GPtrArray *decisions;

  g_assert_no_error (error);
  decisions = assay_replica_filing_decisions (replica, index, &error);
  g_assert_no_error (error);
  return decisions;
}

/* Two panel members overturn, one dissents: the ruling is binding with
 * the two signatures; a committee key's vote is refused. */
static void
test_ruling (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  const AssayFilingDecision *d;
  gint64 docket;

  sync_replica (f, "observer");
  docket = only_case (f, "docket", "dispute");
  g_assert_cmpint (only_case (f, "requests", "failure_claim"), !=, docket);

  g_assert_cmpint (act (f, "vote", "clerk", docket, "overturn", 0, &out), ==, 2);
  assert_contains (out, "arbitration");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (act (f, "vote", "panel-a", docket, "adjust", 0, &out), ==, 2);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (act (f, "vote", "panel-a", docket, "overturn", 0, &out), ==, 0);
  assert_contains (out, "new ruling proposal");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (act (f, "vote", "panel-c", docket, "uphold", 0, &out), ==, 0);
  assert_contains (out, "new ruling proposal");
  assert_contains (out, "Your dissent from ruling");
  /* The dissent goes through the outbox with the vote, and is recorded. */
  assert_contains (out, "1 objections recorded");
  g_clear_pointer (&out, g_free);
  sync_replica (f, "observer");
  decisions = filing_decisions (f, DISPUTE_INDEX);
  g_assert_cmpuint (decisions->len, ==, 0);  /* one signature each: not binding yet */
  g_clear_pointer (&decisions, g_ptr_array_unref);

  g_assert_cmpint (act (f, "vote", "panel-b", docket, "overturn", 0, &out), ==, 0);
  assert_contains (out, "joins the ruling");
  assert_contains (out, "Your dissent from ruling");
  assert_contains (out, "1 objections recorded");
  sync_replica (f, "observer");
  decisions = filing_decisions (f, DISPUTE_INDEX);
  g_assert_cmpuint (decisions->len, ==, 1);
  d = decisions->pdata[0];
  g_assert_cmpstr (d->kind, ==, "ruling");
  g_assert_cmpstr (d->outcome, ==, "overturn");
  g_assert_nonnull (strstr (d->signers, "panel-a"));
  g_assert_nonnull (strstr (d->signers, "panel-b"));
  g_assert_null (strstr (d->signers, "panel-c"));

  /* The docket shows it decided, with its ruling. */
  {
    g_autofree char *json = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *item, *ruling;

    g_assert_cmpint (assay_test_assayctl (&json, NULL, "--replica", f->replica, "docket", "--json", NULL), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
    item = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
    g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "decided");
    ruling = json_array_get_object_element (json_object_get_array_member (item, "decisions"), 0);
    g_assert_cmpstr (json_object_get_string_member (ruling, "outcome"), ==, "overturn");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ruling, "signers")), ==, 2);
  }
}

/* The committee approves a failure claim within Article U's cap. */
static void
test_request (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  const AssayFilingDecision *d;
  gint64 request;

  sync_replica (f, "observer");
  request = only_case (f, "requests", "failure_claim");
  g_assert_cmpint (act (f, "decide", "clerk", request, "approve", 301, &out), ==, 2);
  assert_contains (out, "300");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (act (f, "vote", "panel-a", request, "uphold", 0, &out), ==, 2);
  assert_contains (out, "assayctl decide");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (act (f, "decide", "clerk", request, "approve", 300, &out), ==, 0);
  {
    g_autofree char *clerk = replica_of (f, "clerk");

    g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", clerk, "push", NULL), ==, 0);
  }
  sync_replica (f, "observer");
  decisions = filing_decisions (f, FAILURE_INDEX);
  g_assert_cmpuint (decisions->len, ==, 1);
  d = decisions->pdata[0];
  g_assert_cmpstr (d->outcome, ==, "approve");
  g_assert_true (d->has_amount);
  g_assert_cmpint (d->amount, ==, 300);
}

/* The state `assayctl account ACCOUNT --json` gives. */
static char *
account_state (Fixture    *f,
               const char *account)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f->replica, "account", account, "--json", NULL),
                   ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "state"));
}

/* A freeze appealed and overturned by the panel: the account is active
 * again on every workstation. */
static void
test_overturn (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (utc, "%Y-%m-%d");
  g_autofree char *envelope = NULL, *appeal = NULL, *out = NULL, *state = NULL;
  g_autoptr(AssayDecision) freeze = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  guint32 logged = 0;
  gint64 docket;

  /* Leaf 5: two committee members freeze acct-x; leaf 6: its appeal. */
  g_assert_true (assay_day_parse (today, -1, &logged));
  freeze = assay_test_account_decision (f->roster, &signers, ASSAY_DECISION_KIND_FREEZE, "acct-x", 1, NULL,
                                        ORIGIN, 5, logged);
  envelope = assay_test_decision_sign (freeze, &signers, ASSAY_TEST_ANA, ASSAY_TEST_BO, -1);
  assay_test_central_stop (f->central);
  assay_test_central_append_signed (f->central, "decision", envelope, today);
  appeal = g_strdup_printf ("{\"kind\":\"appeal\",\"account\":\"acct-x\",\"account_kind\":\"individual\","
                            "\"county\":\"310118\",\"filed\":\"%s\",\"filing\":\"ref-appeal\",\"against\":5,"
                            "\"reason\":\"The freeze rests on a misread receipt.\"}\n", today);
  assay_test_central_import (f->central, appeal);
  assay_test_central_start (f->central);
  sync_replica (f, "observer");
  state = account_state (f, "acct-x");
  g_assert_cmpstr (state, ==, "frozen");
  g_clear_pointer (&state, g_free);

  /* An appeal against a decision is the panel's. */
  {
    g_autofree char *json = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *items;

    g_assert_cmpint (assay_test_assayctl (&json, NULL, "--replica", f->replica, "docket", "--json", NULL), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
    items = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (items), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 1), "kind"), ==, "appeal");
    docket = json_object_get_int_member (json_array_get_object_element (items, 1), "case");
  }
  g_assert_cmpint (act (f, "vote", "panel-a", docket, "overturn", 0, &out), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (act (f, "vote", "panel-b", docket, "overturn", 0, &out), ==, 0);
  sync_replica (f, "observer");
  decisions = filing_decisions (f, 6);
  g_assert_cmpuint (decisions->len, ==, 1);
  g_assert_cmpstr (((AssayFilingDecision *) decisions->pdata[0])->outcome, ==, "overturn");
  state = account_state (f, "acct-x");
  g_assert_cmpstr (state, ==, "active");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  assay_test_signers_init (&signers);
  g_test_add ("/filings/vote/ruling", Fixture, NULL, (gpointer) fixture_set_up, test_ruling,
              (gpointer) fixture_tear_down);
  g_test_add ("/filings/vote/request", Fixture, NULL, (gpointer) fixture_set_up, test_request,
              (gpointer) fixture_tear_down);
  g_test_add ("/filings/vote/overturn", Fixture, NULL, (gpointer) fixture_set_up, test_overturn,
              (gpointer) fixture_tear_down);
  status = g_test_run ();
  assay_test_signers_clear (&signers);
  return status;
}

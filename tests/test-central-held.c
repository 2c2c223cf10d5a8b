/* test-central-held.c — redemptions of paused accounts held, then logged or refused
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

#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "assay-checkpoint.h"
#include "assay-decision.h"
#include "assay-test-central.h"
#include "assay-test-keys.h"
#include "assay-test-roster.h"
#include "assay-test-util.h"

#define ORIGIN "held.test/log"
#define HASH_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
/* The county the county pause holds; acct-0003's county is another. */
#define PAUSED_COUNTY "440305"

static AssayTestSigners signers;

typedef struct
{
  AssayTestCentral *central;
  AssayRoster      *roster;
  guint64           pause_index;   /* of the account pause on acct-0001 */
  guint64           county_index;  /* of the county pause */
} Fixture;

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
today (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();

  return g_date_time_format (utc, "%Y-%m-%d");
}

/* Runs assay-central; returns its exit status. */
static int
central_run (char              **out,
             char              **err,
             const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("ASSAY_CENTRAL"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return assay_test_run ((const char * const *) argv->pdata, NULL, out, err);
}

/* Imports @jsonl as assay_test_central_import does, keeping the output. */
static int
import (Fixture     *f,
        const char  *jsonl,
        char       **out,
        char       **err)
{
  g_autofree char *path = g_build_filename (f->central->dir, "held.jsonl", NULL);

  g_assert_true (g_file_set_contents (path, jsonl, -1, NULL));
  return central_run (out, err, (const char *[]) { "import", "--data", f->central->data, "--now", "2030-01-01",
                                                   "--no-breakers", path, NULL });
}

/* The log's size, from the checkpoint file (its second line). */
static guint64
log_size (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->central->data, "checkpoint", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", 3);
  return g_ascii_strtoull (lines[1], NULL, 10);
}

static char *
checkpoint_root (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->central->data, "checkpoint", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", 4);
  return g_strdup (lines[2]);
}

/* Whether any file of the served tree (tiles and body bundles) holds @needle. */
static gboolean
tree_contains (const char *dir,
               const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) ? tree_contains (path, needle)
                                                 : assay_test_file_contains (path, (const guint8 *) needle, strlen (needle)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
in_log (Fixture    *f,
        const char *needle)
{
  g_autofree char *body = g_build_filename (f->central->data, "body", NULL);

  return tree_contains (body, needle);
}

static char *
redemption (const char *account,
            const char *county,
            const char *request)
{
  return g_strdup_printf ("{\"kind\":\"redemption\",\"account\":\"%s\",\"account_kind\":\"individual\","
                          "\"tier\":\"basic\",\"points\":5,\"event_date\":\"2025-03-02\","
                          "\"publication_date\":\"2025-03-09\",\"county\":\"%s\",\"distributor\":\"shop\","
                          "\"item\":\"bus card\",\"request\":\"%s\"}\n", account, county, request);
}

/* A pause body (the service checks its shape, not its flag). */
static char *
pause_body (Fixture    *f,
            const char *subject_kind,
            const char *subject)
{
  const char *rule = g_str_equal (subject_kind, "county") ? "6.1.county_spike" : "6.1.account_growth";
  g_autofree char *bytes = g_strjoin ("\n", HASH_A, rule, subject_kind, subject, "2025-03-01", "2025-03-01", NULL);
  g_autofree char *id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, bytes, -1);
  g_autofree char *root = checkpoint_root (f);

  return g_strdup_printf ("{\"kind\":\"pause\",\"flag\":\"%s\",\"rule_set\":\"%s\",\"rule\":\"%s\","
                          "\"subject_kind\":\"%s\",\"subject\":\"%s\",\"members\":[],"
                          "\"from\":\"2025-03-01\",\"to\":\"2025-03-01\",\"checkpoint_size\":%" G_GUINT64_FORMAT ","
                          "\"checkpoint_root\":\"%s\",\"logged\":\"2030-01-01\"}",
                          id, HASH_A, rule, subject_kind, subject, log_size (f), root);
}

/* `assay-central held --json`'s rows. */
static JsonArray *
held_rows (Fixture    *f,
           JsonParser *parser)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (central_run (&out, &err, (const char *[]) { "held", "--data", f->central->data, "--json", NULL }) != 0)
    g_error ("assay-central held: %s", err);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  return json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "held");
}

static void
assert_row (JsonArray  *rows,
            guint       i,
            const char *state,
            const char *account,
            guint64     pause,
            const char *request)
{
  JsonObject *row = json_array_get_object_element (rows, i);

  g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, state);
  g_assert_cmpstr (json_object_get_string_member (row, "account"), ==, account);
  g_assert_cmpint (json_object_get_int_member (row, "pause"), ==, pause);
  g_assert_nonnull (strstr (json_object_get_string_member (row, "line"), request));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autofree char *lines = assay_test_lines (0, 20, NULL, NULL);
  g_autofree char *envelope = NULL;
  g_autofree char *day = today ();
  g_autofree char *account_pause = NULL;
  g_autofree char *county_pause = NULL;
  /* The standard roster's signers, in the order of AssayTestSigner. */
  static const AssayRole roles[] = {
    ASSAY_ROLE_ROSTER_ROOT, ASSAY_ROLE_ROSTER_ROOT, ASSAY_ROLE_ROSTER_ROOT,
    ASSAY_ROLE_COMMITTEE, ASSAY_ROLE_COMMITTEE, ASSAY_ROLE_COMMITTEE,
    ASSAY_ROLE_ARBITRATION, ASSAY_ROLE_ARBITRATION, ASSAY_ROLE_ARBITRATION,
    ASSAY_ROLE_AUDIT,
  };

  f->central = assay_test_central_new (ORIGIN);
  assay_test_central_import (f->central, lines);
  f->roster = assay_roster_new (ASSAY_TEST_DEPLOYMENT, 1, now () + ASSAY_TEST_YEAR, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    assay_test_roster_add (f->roster, &signers, i, NULL, roles[i]);
  assay_roster_set_threshold (f->roster, ASSAY_ROLE_ROSTER_ROOT, 2);
  assay_roster_set_threshold (f->roster, ASSAY_ROLE_COMMITTEE, 1);
  assay_roster_set_threshold (f->roster, ASSAY_ROLE_ARBITRATION, 2);
  assay_roster_set_threshold (f->roster, ASSAY_ROLE_AUDIT, 1);
  assay_roster_set_default_kinds (f->roster);
  envelope = assay_test_roster_sign (f->roster, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  assay_test_central_append_signed (f->central, "roster", envelope, day);

  account_pause = pause_body (f, "account", "acct-0001");
  f->pause_index = log_size (f);
  assay_test_central_append_pause (f->central, account_pause);
  county_pause = pause_body (f, "county", PAUSED_COUNTY);
  f->county_index = log_size (f);
  assay_test_central_append_pause (f->central, county_pause);
  g_assert_cmpuint (log_size (f), ==, 23);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  assay_test_central_free (f->central);
  assay_roster_free (f->roster);
}

/* A committee decision on @account against the log as served now, signed
 * by the signers listed (ending -1). */
static char *
decision (Fixture           *f,
          AssayDecisionKind  kind,
          const char        *account,
          ...)
{
  g_autoptr(AssayDecision) d = assay_decision_new ();
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *root = checkpoint_root (f);
  g_autofree guchar *root_bytes = NULL;
  AssayKeyFile *keys[ASSAY_TEST_N_SIGNERS];
  gsize root_len = 0;
  guint n = 0;
  va_list args;
  int signer;

  d->deployment = g_strdup (ASSAY_TEST_DEPLOYMENT);
  d->kind = d->outcome = kind;
  d->role = ASSAY_ROLE_COMMITTEE;
  d->subject_kind = ASSAY_SUBJECT_ACCOUNT;
  d->subject_id = g_strdup (account);
  d->subject_seq = 1;
  d->rationale = g_strdup ("Audited: the pause's flag was reviewed with its evidence.");
  d->rule_set_name = g_strdup ("pilot");
  d->rule_set_version = 2;
  d->rule_set_sha256 = g_strdup (HASH_A);
  d->checkpoint_origin = g_strdup (ORIGIN);
  d->checkpoint_size = log_size (f);
  root_bytes = g_base64_decode (root, &root_len);
  g_assert_cmpuint (root_len, ==, sizeof d->checkpoint_root);
  memcpy (d->checkpoint_root, root_bytes, root_len);
  d->roster_version = 1;
  d->roster_sha256 = g_strdup (f->roster->sha256);
  d->author = g_strdup (signers.keyids[ASSAY_TEST_ANA]);
  d->created_at = now () - 60;
  d->not_after = now () + 7 * 86400;
  payload = assay_decision_to_payload (d, &error);
  g_assert_no_error (error);
  va_start (args, account);
  while ((signer = va_arg (args, int)) >= 0)
    keys[n++] = signers.keys[signer];
  va_end (args);
  envelope = assay_dsse_envelope_new_signed (ASSAY_DECISION_PAYLOAD_TYPE, payload, keys, n);
  return assay_dsse_envelope_to_json (envelope);
}

/* POSTs @envelope; returns the logged decision's index. */
static guint64
post_logged (Fixture    *f,
             const char *envelope)
{
  g_autofree char *url = g_strconcat (f->central->url, "decisions", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autoptr(GBytes) body = g_bytes_new (envelope, strlen (envelope));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (msg) != 200)
    g_error ("answered %u: %.*s", soup_message_get_status (msg), (int) g_bytes_get_size (reply),
             (const char *) g_bytes_get_data (reply, NULL));
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), NULL));
  return json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "index");
}

/* ---- tests ------------------------------------------------------------------------- */

/* Paused: the account's redemption (not its event), a paused county's
 * redemption; not another county's.  Restore logs the first in the same
 * write as the decision; zero refuses the second, listed, never logged. */
static void
test_held_restore_zero (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autofree char *r1 = redemption ("acct-0001", "310118", "held-paused-account");
  g_autofree char *r2 = redemption ("acct-0002", PAUSED_COUNTY, "held-paused-county");
  g_autofree char *r3 = redemption ("acct-0003", "110101", "free-other-county");
  g_autofree char *event = assay_test_lines (100, 1, "acct-0001", "event-of-paused");
  g_autofree char *lines = g_strconcat (r1, event, r2, r3, NULL);
  g_autofree char *out = NULL;
  g_autofree char *restore = NULL;
  g_autofree char *zero = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *rows;
  guint64 index;

  g_assert_cmpint (import (f, lines, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "joined the log"));
  g_assert_nonnull (strstr (out, "Held 2 redemptions of paused accounts"));
  g_assert_cmpuint (log_size (f), ==, 25);   /* the event and the free redemption */
  g_assert_false (in_log (f, "held-paused-account"));
  g_assert_false (in_log (f, "held-paused-county"));
  g_assert_true (in_log (f, "free-other-county"));
  g_assert_true (in_log (f, "event-of-paused"));
  rows = held_rows (f, parser);
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  assert_row (rows, 0, "held", "acct-0001", f->pause_index, "held-paused-account");
  assert_row (rows, 1, "held", "acct-0002", f->county_index, "held-paused-county");

  /* The same line again is a duplicate: held is not forgotten. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (import (f, r1, &out, NULL), ==, 1);
  g_assert_cmpuint (log_size (f), ==, 25);

  /* Restore: the decision, then the redemption it releases. */
  assay_test_central_start (f->central);
  restore = decision (f, ASSAY_DECISION_KIND_RESTORE, "acct-0001", ASSAY_TEST_ANA, -1);
  index = post_logged (f, restore);
  g_assert_cmpuint (index, ==, 25);
  g_assert_cmpuint (log_size (f), ==, 27);
  g_assert_true (in_log (f, "held-paused-account"));
  rows = held_rows (f, parser);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  assert_row (rows, 0, "held", "acct-0002", f->county_index, "held-paused-county");

  /* Zero (two committee signatures): refused, kept, never logged. */
  zero = decision (f, ASSAY_DECISION_KIND_ZERO, "acct-0002", ASSAY_TEST_ANA, ASSAY_TEST_BO, -1);
  index = post_logged (f, zero);
  g_assert_cmpuint (index, ==, 27);
  g_assert_cmpuint (log_size (f), ==, 28);
  g_assert_false (in_log (f, "held-paused-county"));
  rows = held_rows (f, parser);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  assert_row (rows, 0, "refused", "acct-0002", f->county_index, "held-paused-county");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 0), "decision"), ==, 27);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (central_run (&out, NULL, (const char *[]) { "held", "--data", f->central->data, NULL }), ==, 0);
  g_assert_nonnull (strstr (out, "refused"));
  g_assert_nonnull (strstr (out, "held-paused-county"));
}

/* The county stays paused for everyone else: a new redemption there is
 * held, while the restored account's next one is logged at once. */
static void
test_county_holds (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autofree char *restore = NULL;
  g_autofree char *r4 = redemption ("acct-0004", PAUSED_COUNTY, "county-still-paused");
  g_autofree char *r1 = redemption ("acct-0001", "310118", "after-restore");
  g_autofree char *lines = g_strconcat (r4, r1, NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *rows;

  assay_test_central_start (f->central);
  restore = decision (f, ASSAY_DECISION_KIND_RESTORE, "acct-0001", ASSAY_TEST_ANA, -1);
  g_assert_cmpuint (post_logged (f, restore), ==, 23);
  g_assert_cmpint (import (f, lines, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Held 1 redemption of a paused account"));
  g_assert_true (in_log (f, "after-restore"));
  g_assert_false (in_log (f, "county-still-paused"));
  rows = held_rows (f, parser);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  assert_row (rows, 0, "held", "acct-0004", f->county_index, "county-still-paused");
}

/* A file with a bad line changes nothing: nothing is held either. */
static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autofree char *r1 = redemption ("acct-0001", "310118", "in-a-bad-file");
  g_autofree char *lines = g_strconcat (r1, "{\"kind\":\"event\"}\n", NULL);
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_cmpint (import (f, lines, NULL, &err), ==, 1);
  g_assert_cmpuint (log_size (f), ==, 23);
  g_assert_cmpuint (json_array_get_length (held_rows (f, parser)), ==, 0);
  /* And the good line alone is held then, once. */
  g_assert_cmpint (import (f, r1, NULL, NULL), ==, 0);
  g_assert_cmpuint (json_array_get_length (held_rows (f, parser)), ==, 1);
}

/* A redemption still pending (its publication date not come) when its
 * account is paused is held when `publish` would log it. */
static void
test_publish_holds (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autofree char *r1 = redemption ("acct-0001", "310118", "pending-then-held");
  g_autofree char *path = g_build_filename (f->central->dir, "pending.jsonl", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *rows;

  g_assert_true (g_file_set_contents (path, r1, -1, NULL));
  g_assert_cmpint (central_run (&out, NULL, (const char *[]) { "import", "--data", f->central->data, "--now",
                                                               "2025-03-05", "--no-breakers", path, NULL }), ==, 0);
  g_assert_nonnull (strstr (out, "1 wait for their publication date"));
  g_assert_null (strstr (out, "Held"));
  g_clear_pointer (&out, g_free);
  if (central_run (&out, &err, (const char *[]) { "publish", "--data", f->central->data, "--now", "2030-01-01",
                                                  NULL }) != 0)
    g_error ("publish: %s", err);
  g_assert_nonnull (strstr (out, "Published 0 entries"));
  g_assert_nonnull (strstr (out, "0 wait for their publication date"));
  g_assert_nonnull (strstr (out, "Held 1 redemption of a paused account"));
  g_assert_false (in_log (f, "pending-then-held"));
  rows = held_rows (f, parser);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  assert_row (rows, 0, "held", "acct-0001", f->pause_index, "pending-then-held");
}

/* Article V: erasing the account's period erases its held redemption
 * too, and leaves the other account's. */
static void
test_erase_held (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autofree char *r1 = redemption ("acct-0001", "310118", "held-then-erased");
  g_autofree char *r2 = redemption ("acct-0002", PAUSED_COUNTY, "held-and-kept");
  g_autofree char *lines = g_strconcat (r1, r2, NULL);
  g_autofree char *db = g_build_filename (f->central->data, "central.db", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *rows;

  g_assert_cmpint (import (f, lines, NULL, NULL), ==, 0);
  g_assert_cmpuint (json_array_get_length (held_rows (f, parser)), ==, 2);
  assay_test_central_erase (f->central, "acct-0001", "2025-03-01", "2025-03-31");
  rows = held_rows (f, parser);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  assert_row (rows, 0, "held", "acct-0002", f->county_index, "held-and-kept");
  g_assert_false (assay_test_file_contains (db, (const guint8 *) "held-then-erased", strlen ("held-then-erased")));
}

/* A restore logged through the low-level append-envelope settles as one
 * POSTed does, and only what it releases: the county's row stays held. */
static void
test_append_envelope_settles (Fixture       *f,
                              gconstpointer  user_data)
{
  g_autofree char *r1 = redemption ("acct-0001", "310118", "settled-by-envelope");
  g_autofree char *r2 = redemption ("acct-0002", PAUSED_COUNTY, "not-this-decisions");
  g_autofree char *lines = g_strconcat (r1, r2, NULL);
  g_autofree char *restore = NULL;
  g_autofree char *day = today ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *rows;

  g_assert_cmpint (import (f, lines, NULL, NULL), ==, 0);
  restore = decision (f, ASSAY_DECISION_KIND_RESTORE, "acct-0001", ASSAY_TEST_ANA, -1);
  assay_test_central_append_signed (f->central, "decision", restore, day);
  g_assert_cmpuint (log_size (f), ==, 25);
  g_assert_true (in_log (f, "settled-by-envelope"));
  rows = held_rows (f, parser);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  assert_row (rows, 0, "held", "acct-0002", f->county_index, "not-this-decisions");
}

#define N_KILLS     8
#define KILL_EVENTS 30000
#define KILL_HELD   3000

/* How many lines of the big import are held (the paused account's and
 * the paused county's redemptions) and how many join the log. */
static guint big_held, big_logged;

/* Writes a file of KILL_EVENTS lines of an unpaused account (a tenth of
 * them redemptions, some in the paused county) and KILL_HELD redemptions
 * of the paused account, interleaved; returns its path. */
static char *
write_big_import (Fixture *f)
{
  g_autofree char *events = assay_test_lines (1000, KILL_EVENTS, "acct-0005", "big");
  g_auto(GStrv) event_lines = g_strsplit (events, "\n", -1);
  g_autoptr(GString) all = g_string_new (NULL);
  char *path = g_build_filename (f->central->dir, "big.jsonl", NULL);

  for (guint i = 0; i < KILL_EVENTS; i++)
    {
      if (i % (KILL_EVENTS / KILL_HELD) == 0)
        {
          g_autofree char *request = g_strdup_printf ("big-held-%u", i);
          g_autofree char *line = redemption ("acct-0001", "310118", request);

          g_string_append (all, line);
          big_held++;
        }
      g_string_append_printf (all, "%s\n", event_lines[i]);
      if (strstr (event_lines[i], "\"kind\":\"redemption\"") != NULL
          && strstr (event_lines[i], "\"county\":\"" PAUSED_COUNTY "\"") != NULL)
        big_held++;
      else
        big_logged++;
    }
  g_assert_true (g_file_set_contents (path, all->str, -1, NULL));
  return path;
}

static GSubprocess *
spawn_import (Fixture    *f,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                         &error, g_getenv ("ASSAY_CENTRAL"), "import", "--data",
                                         f->central->data, "--now", "2030-01-01", "--no-breakers", path, NULL);

  g_assert_no_error (error);
  return child;
}

/* The log's size as the store committed it: the checkpoint file is
 * written just after the commit, so a kill between the two leaves it
 * behind until the next write. */
static guint64
committed_size (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->central->data, "central.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint64 size;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'size'", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  size = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return size;
}

/* The held table and the log change together or not at all. */
static void
assert_whole (Fixture *f,
              guint64  size_before)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint n_held = json_array_get_length (held_rows (f, parser));
  guint64 size = committed_size (f);

  if (size == size_before)
    g_assert_cmpuint (n_held, ==, 0);
  else
    {
      g_assert_cmpuint (n_held, ==, big_held);
      g_assert_cmpuint (size, ==, size_before + big_logged);
    }
}

/* An import killed with SIGKILL at moments spread over one run leaves the
 * log and the held table both as before, or both as after. */
static void
test_import_killed (Fixture       *f,
                    gconstpointer  user_data)
{
  g_autofree char *path = write_big_import (f);
  guint64 size_before = log_size (f);
  gint64 started, run_us;
  guint killed = 0;

  /* One run on a copy, to time it. */
  {
    g_autoptr(AssayTestCentral) copy = assay_test_central_clone (f->central);
    g_autoptr(GSubprocess) child = NULL;
    g_autoptr(GError) error = NULL;
    AssayTestCentral *saved = f->central;

    f->central = copy;
    started = g_get_monotonic_time ();
    child = spawn_import (f, path);
    g_assert_true (g_subprocess_wait_check (child, NULL, &error));
    run_us = g_get_monotonic_time () - started;
    assert_whole (f, size_before);
    g_assert_cmpuint (log_size (f), ==, size_before + big_logged);
    g_assert_cmpuint (big_held, >, KILL_HELD);
    f->central = saved;
  }
  for (guint i = 0; i < N_KILLS && committed_size (f) == size_before; i++)
    {
      g_autoptr(GSubprocess) child = spawn_import (f, path);
      g_autoptr(GError) error = NULL;

      g_usleep (run_us * (i + 1) / (N_KILLS + 1));
      g_subprocess_send_signal (child, SIGKILL);
      g_assert_true (g_subprocess_wait (child, NULL, &error));
      killed += g_subprocess_get_if_signaled (child);
      assert_whole (f, size_before);
    }
  g_test_message ("import of %u lines: %" G_GINT64_FORMAT " ms; %u runs killed", KILL_EVENTS + KILL_HELD,
                  run_us / 1000, killed);
  g_assert_cmpuint (killed, >, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  assay_test_signers_init (&signers);

#define ADD(path, fn) g_test_add ("/assay/central/held/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("restore-zero", test_held_restore_zero);
  ADD ("county", test_county_holds);
  ADD ("all-or-nothing", test_all_or_nothing);
  ADD ("import-killed", test_import_killed);
  ADD ("publish", test_publish_holds);
  ADD ("erase", test_erase_held);
  ADD ("append-envelope", test_append_envelope_settles);
#undef ADD

  status = g_test_run ();
  assay_test_signers_clear (&signers);
  return status;
}

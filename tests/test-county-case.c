/* test-county-case.c — a county spike's case, too large to list its entries, restored county-wide
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
#include <string.h>

#include "assay-canonical-json.h"
#include "assay-day.h"
#include "assay-decision.h"
#include "assay-replica-cases.h"
#include "assay-replica-decisions.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-roster.h"
#include "assay-test-util.h"

#define ORIGIN        "county.test/log"
#define COUNTY        "110101"
#define CALM_COUNTY   "110102"
/* The spike: this many requests in COUNTY on 1 March 2025, each its own
 * account (r-110101-0 …), against two a day before; the case rests on
 * all of them, far more than a decision can list (about 120). */
#define SPIKE         1200
/* One of the spike's accounts that the committee froze on its own. */
#define FROZEN        "r-110101-5"
/* One that the growth breaker pauses too, on its own. */
#define GROWING       "r-110101-7"

static AssayTestSigners signers;

typedef struct
{
  AssayTestCentral *central;
  AssayRoster      *roster;
  char             *dir;
  char             *key;        /* dana's key file, in the committee */
  char             *passphrase; /* its passphrase file */
  char             *today;
  guint32           mar1;
} Fixture;

/* ---- the log ------------------------------------------------------------------ */

static void
add_spike (GString *out,
           guint32  jan1,
           guint32  mar1)
{
  for (guint32 d = jan1; d < mar1; d++)
    {
      assay_test_append_redemptions (out, COUNTY, 2, d);
      assay_test_append_redemptions (out, CALM_COUNTY, 7, d);
    }
  assay_test_append_redemptions (out, COUNTY, SPIKE, mar1);
  assay_test_append_redemptions (out, CALM_COUNTY, 7, mar1);
}

/* Three requests in the paused county after the pause: the service holds them. */
static char *
late_requests (void)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < 3; i++)
    g_string_append_printf (out,
      "{\"kind\":\"redemption\",\"account\":\"late-%u\",\"account_kind\":\"individual\","
      "\"tier\":\"basic\",\"points\":10,\"event_date\":\"2025-03-20\",\"publication_date\":\"2025-03-27\","
      "\"county\":\"" COUNTY "\",\"distributor\":\"clinic\",\"item\":\"check-up\",\"request\":\"LATE-%u\"}\n",
      i, i);
  return g_string_free (out, FALSE);
}

static int
central_run (char              **out,
             const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ASSAY_CENTRAL"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  status = assay_test_run ((const char * const *) argv->pdata, NULL, out, &err);
  if (status != 0)
    g_test_message ("assay-central: %s", err);
  return status;
}

/* How many rows of `assay-central held` are in @state. */
static guint
count_held (Fixture    *f,
            const char *state)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  JsonArray *rows;
  guint n = 0;

  g_assert_cmpint (central_run (&out, (const char *[]) { "held", "--data", f->central->data, "--json", NULL }), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  rows = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "held");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (rows, i), "state"), state))
      n++;
  return n;
}

/* The county spikes (a county pause) and GROWING grows (an account
 * pause); a roster in force today with dana in the committee; FROZEN
 * frozen by ana and bo; three requests held by the county pause. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(AssayDecision) freeze = NULL;
  g_autofree char *envelope = NULL;
  g_autofree char *late = late_requests ();
  guint32 jan1, today;

  g_assert_true (assay_day_parse ("2025-01-01", -1, &jan1));
  f->mar1 = jan1 + 59;
  f->central = assay_test_central_new (ORIGIN);
  add_spike (lines, jan1, f->mar1);
  /* The 6.1 growth breaker pauses GROWING on its own. */
  assay_test_append_growth (lines, GROWING, jan1);
  assay_test_central_import_breakers (f->central, lines->str);

  /* Pushed to the service, which judges by its clock: a roster in force
   * now, logged today. */
  f->dir = assay_test_mkdtemp ();
  f->key = g_build_filename (f->dir, "dana.key", NULL);
  f->passphrase = g_build_filename (f->dir, "pw", NULL);
  f->today = assay_test_today ();
  g_assert_true (assay_day_parse (f->today, -1, &today));
  g_assert_true (g_file_set_contents (f->passphrase, "dana's passphrase\n", -1, NULL));
  f->roster = assay_test_roster_new_in_force (&signers, 1, NULL);
  assay_test_committee_key_file (f->roster, "dana", f->key, f->passphrase);
  assay_test_central_append_roster (f->central, f->roster, &signers, f->today);

  freeze = assay_test_account_decision (f->roster, &signers, ASSAY_DECISION_KIND_FREEZE, FROZEN, 1, NULL,
                                        ORIGIN, 20, today);
  envelope = assay_test_decision_sign (freeze, &signers, ASSAY_TEST_ANA, ASSAY_TEST_BO, -1);
  assay_test_central_append_signed (f->central, "decision", envelope, f->today);

  assay_test_central_import (f->central, late);
  g_assert_cmpuint (count_held (f, "held"), ==, 3);
  assay_test_central_start (f->central);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  assay_test_central_free (f->central);
  assay_roster_free (f->roster);
  assay_test_rmdir_free (f->dir);
  g_free (f->key);
  g_free (f->passphrase);
  g_free (f->today);
}

/* ---- the workstation ----------------------------------------------------------- */

static char *
sync_replica (Fixture    *f,
              const char *replica,
              int         expected_status)
{
  return assay_test_central_sync (f->central, replica, expected_status);
}

/* `assayctl account ID --json`: the state and the index that set it (-1: none). */
static char *
account_state (const char *replica,
               const char *account,
               gint64     *out_index)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  JsonObject *o;

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "account", account, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  *out_index = json_object_get_null_member (o, "state_index") ? -1 : json_object_get_int_member (o, "state_index");
  return g_strdup (json_object_get_string_member (o, "state"));
}

static void
assert_account (const char *replica,
                const char *account,
                const char *state,
                gint64      index)
{
  gint64 got_index;
  g_autofree char *got = account_state (replica, account, &got_index);

  g_assert_cmpstr (got, ==, state);
  if (index != G_MININT64)
    g_assert_cmpint (got_index, ==, index);
}

static gint64
county_case (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) cases = NULL;

  g_assert_no_error (error);
  cases = assay_replica_list_cases (replica, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cases->len; i++)
    {
      AssayCase *c = g_ptr_array_index (cases, i);

      if (g_str_equal (c->subject_kind, "county") && g_str_equal (c->subject_id, COUNTY))
        return c->id;
    }
  g_assert_not_reached ();
}

/* The digest of the spike's entries, computed here from the replica's
 * entries without the library's digest or leaf functions: every
 * redemption in COUNTY on 1 March, in index order, as (index, 8 bytes
 * big-endian) ‖ SHA-256(0x00 ‖ commitment). */
static char *
expected_digest (const char *path,
                 guint32     mar1,
                 guint      *out_count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_autoptr(AssayReplicaStatus) status = assay_replica_get_status (replica, &error);
  g_autoptr(GChecksum) digest = g_checksum_new (G_CHECKSUM_SHA256);
  guint count = 0;

  g_assert_no_error (error);
  for (guint64 i = 0; i < status->size; i++)
    {
      g_autoptr(AssayReplicaEntry) e = assay_replica_get_entry (replica, i, &error);
      g_autoptr(GChecksum) leaf = g_checksum_new (G_CHECKSUM_SHA256);
      const guint8 zero = 0;
      guint8 record[8 + 32];
      gsize len = 32;

      g_assert_no_error (error);
      if (e->parsed == NULL || e->parsed->kind != ASSAY_ENTRY_REDEMPTION || !g_str_equal (e->parsed->county, COUNTY)
          || e->parsed->event_day != mar1)
        continue;
      for (guint k = 0; k < 8; k++)
        record[k] = (guint8) (i >> (56 - 8 * k));
      g_checksum_update (leaf, &zero, 1);
      g_checksum_update (leaf, e->commitment, 32);
      g_checksum_get_digest (leaf, record + 8, &len);
      g_checksum_update (digest, record, sizeof record);
      count++;
    }
  *out_count = count;
  return g_strdup (g_checksum_get_string (digest));
}

/* The payload of the outbox's only row, parsed. */
static JsonObject *
outbox_payload (const char *replica,
                JsonParser *parser)
{
  g_autoptr(JsonParser) rows_parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *rows;
  gsize len;

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "outbox", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (rows_parser, out, -1, NULL));
  rows = json_node_get_array (json_parser_get_root (rows_parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  text = json_to_string (json_object_get_member (json_array_get_object_element (rows, 0), "envelope"), FALSE);
  envelope = assay_dsse_envelope_new_from_json (text, -1, &error);
  g_assert_no_error (error);
  payload = g_strndup (g_bytes_get_data (envelope->payload, &len), g_bytes_get_size (envelope->payload));

  g_assert_true (json_parser_load_from_data (parser, payload, -1, NULL));
  /* What is left for flags: README "Decisions" gives the limit. */
  g_test_message ("the payload: %zu bytes with %u flags", len,
                  json_array_get_length (json_object_get_array_member (
                    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "inputs"),
                    "flags")));
  return json_node_get_object (json_parser_get_root (parser));
}

/* ---- the tests ------------------------------------------------------------------ */

/* From the county spike's case in the review queue to every replica: the
 * committee's restore on the county names its 1,200 entries by their
 * digest, is pushed and logged, releases the held requests, and every
 * replica (one that held the pause first, one that syncs it all at once)
 * sets the accounts the pause held back to active, except those another
 * pause or decision still holds. */
static void
test_restore_county (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autofree char *a = g_build_filename (f->dir, "a.db", NULL);
  g_autofree char *b = g_build_filename (f->dir, "b.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *digest = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *payload, *inputs, *named;
  guint count;
  gint64 index;

  out = sync_replica (f, a, 0);
  g_assert_nonnull (strstr (out, "Verified 2 new pauses of the log"));
  assert_account (a, "r-110101-0", "paused", G_MININT64);
  assert_account (a, "r-110101-1199", "paused", G_MININT64);
  assert_account (a, GROWING, "paused", G_MININT64);
  assert_account (a, FROZEN, "frozen", G_MININT64);
  assert_account (a, "r-110102-0", "active", -1);

  /* The case, decided from the command line with dana's key. */
  case_id = g_strdup_printf ("%" G_GINT64_FORMAT, county_case (a));
  g_clear_pointer (&out, g_free);
  if (assay_test_assayctl (&out, &err, "--replica", a, "decide", "--key", f->key, "--case", case_id,
                           "--outcome", "restore", "--rationale", "A clinic's open day: the requests are real.",
                           "--passphrase-file", f->passphrase, NULL) != 0)
    g_error ("decide: %s%s", out, err);

  /* The payload names the entries by their digest, as computed here. */
  payload = outbox_payload (a, parser);
  inputs = json_object_get_object_member (payload, "inputs");
  g_assert_false (json_object_has_member (inputs, "entries"));
  named = json_object_get_object_member (inputs, "entries_digest");
  g_assert_nonnull (named);
  digest = expected_digest (a, f->mar1, &count);
  g_assert_cmpuint (count, ==, SPIKE);
  g_assert_cmpint (json_object_get_int_member (named, "count"), ==, count);
  g_assert_cmpstr (json_object_get_string_member (named, "sha256"), ==, digest);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (payload, "subject"), "kind"), ==,
                   "county");

  /* Pushed: logged at once (a restore needs one signature), and the
   * service logs the three requests it held. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", a, "push", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Pushed 1: 1 logged"));
  g_assert_cmpuint (count_held (f, "held"), ==, 0);

  /* The replica that held the pause. */
  g_clear_pointer (&out, g_free);
  out = sync_replica (f, a, 0);
  g_assert_nonnull (strstr (out, "Verified 1 new decision of the log"));
  {
    g_autoptr(AssayReplica) replica = assay_replica_open (a, ASSAY_REPLICA_OPEN_READ_ONLY, NULL);
    g_autoptr(GPtrArray) logged = assay_replica_list_decisions (replica, "county", COUNTY, NULL);

    g_assert_cmpuint (logged->len, ==, 1);
    index = ((AssayLoggedDecision *) g_ptr_array_index (logged, 0))->index;
  }
  assert_account (a, "r-110101-0", "active", index);
  assert_account (a, "r-110101-1199", "active", index);
  assert_account (a, GROWING, "paused", G_MININT64);
  assert_account (a, FROZEN, "frozen", G_MININT64);
  assert_account (a, "r-110102-0", "active", -1);
  /* The held requests are in the log now, after the decision. */
  {
    g_autoptr(AssayReplica) replica = assay_replica_open (a, ASSAY_REPLICA_OPEN_READ_ONLY, NULL);
    g_autoptr(AssayReplicaEntry) late = assay_replica_get_entry (replica, index + 1, NULL);

    g_assert_nonnull (late);
    g_assert_cmpstr (late->parsed->account, ==, "late-0");
  }

  /* A replica that syncs it all at once (the decision applied before the
   * pauses are checked) comes to the same states. */
  g_clear_pointer (&out, g_free);
  out = sync_replica (f, b, 0);
  assert_account (b, "r-110101-0", "active", index);
  assert_account (b, "r-110101-1199", "active", index);
  assert_account (b, GROWING, "paused", G_MININT64);
  assert_account (b, FROZEN, "frozen", G_MININT64);
  assert_account (b, "r-110102-0", "active", -1);

  /* `decisions --json` shows the digest form as signed. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", b, "decisions", "--json", NULL), ==, 0);
  {
    g_autoptr(JsonParser) list = json_parser_new ();
    JsonArray *rows;
    JsonObject *shown = NULL;

    g_assert_true (json_parser_load_from_data (list, out, -1, NULL));
    rows = json_node_get_array (json_parser_get_root (list));
    for (guint i = 0; i < json_array_get_length (rows); i++)
      if (json_object_get_int_member (json_array_get_object_element (rows, i), "index") == index)
        shown = json_object_get_object_member (json_array_get_object_element (rows, i), "payload");
    g_assert_nonnull (shown);
    named = json_object_get_object_member (json_object_get_object_member (shown, "inputs"), "entries_digest");
    g_assert_cmpint (json_object_get_int_member (named, "count"), ==, count);
    g_assert_cmpstr (json_object_get_string_member (named, "sha256"), ==, digest);
  }
}

/* A restore on COUNTY by ana naming its entries by digest, with @mutate
 * applied to its `inputs` after the payload was written and the result
 * signed again: the shape a service or replica must refuse, well signed. */
static char *
tampered_envelope (Fixture *f,
                   void   (*mutate) (JsonObject *inputs))
{
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(AssayDsseEnvelope) envelope = NULL;
  g_autoptr(GError) error = NULL;
  guint32 today;

  g_assert_true (assay_day_parse (f->today, -1, &today));
  d = assay_test_account_decision (f->roster, &signers, ASSAY_DECISION_KIND_RESTORE, COUNTY, 1, NULL, ORIGIN, 20,
                                   today);
  d->subject_kind = ASSAY_SUBJECT_COUNTY;
  d->created_at = g_get_real_time () / G_USEC_PER_SEC;
  d->not_after = d->created_at + 86400;
  assay_decision_add_entry (d, 7, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  g_assert_true (assay_decision_digest_entries (d));
  payload = assay_decision_to_payload (d, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload),
                                             NULL));
  mutate (json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "inputs"));
  changed = assay_canonical_json_encode (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  envelope = assay_dsse_envelope_new (ASSAY_DECISION_PAYLOAD_TYPE, changed);
  assay_dsse_envelope_sign (envelope, signers.keys[ASSAY_TEST_ANA]);
  return assay_dsse_envelope_to_json (envelope);
}

static void
count_zero (JsonObject *inputs)
{
  json_object_set_int_member (json_object_get_object_member (inputs, "entries_digest"), "count", 0);
}

static void
both_forms (JsonObject *inputs)
{
  json_object_set_array_member (inputs, "entries", json_array_new ());
}

static void
neither_form (JsonObject *inputs)
{
  json_object_remove_member (inputs, "entries_digest");
}

static void
digest_upper (JsonObject *inputs)
{
  json_object_set_string_member (json_object_get_object_member (inputs, "entries_digest"), "sha256",
                                 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
}

/* POST /decisions: the status and the service's reason. */
static guint
post (Fixture     *f,
      const char  *envelope,
      char       **out_text)
{
  g_autofree char *url = g_strconcat (f->central->url, "decisions", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autoptr(GBytes) body = g_bytes_new (envelope, strlen (envelope));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *out_text = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  return soup_message_get_status (msg);
}

/* A digest payload with a bad count or hash, or with both forms or
 * neither, is refused by the service naming the member; logged anyway
 * (the low-level append), it is a security alert on every replica. */
static void
test_refused (Fixture       *f,
              gconstpointer  user_data)
{
  static const struct { void (*mutate) (JsonObject *); const char *reason; } cases[] = {
    { count_zero, "inputs.entries_digest.count" },
    { digest_upper, "inputs.entries_digest.sha256" },
    { both_forms, "both “entries” and “entries_digest”" },
    { neither_form, "neither “entries” nor “entries_digest”" },
  };
  g_autofree char *replica = g_build_filename (f->dir, "alert.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *envelope = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bad = tampered_envelope (f, cases[i].mutate);
      g_autofree char *text = NULL;
      guint status = post (f, bad, &text);

      if (status != 400 || strstr (text, cases[i].reason) == NULL)
        g_error ("POST answered %u %s, not 400 naming %s", status, text, cases[i].reason);
    }
  /* Logged without the service's checks: the replica refuses it. */
  envelope = tampered_envelope (f, count_zero);
  assay_test_central_append_signed (f->central, "decision", envelope, f->today);
  out = sync_replica (f, replica, 3);
  if (strstr (out, "inputs.entries_digest.count") == NULL)
    g_error ("no alert naming the count: %s", out);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  assay_test_signers_init (&signers);
  g_test_add ("/assay/county-case/restore", Fixture, NULL, fixture_set_up, test_restore_county, fixture_tear_down);
  g_test_add ("/assay/county-case/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  status = g_test_run ();
  assay_test_signers_clear (&signers);
  return status;
}

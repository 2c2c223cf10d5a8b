/* test-audit-sample.c — the 6.2 sample, its re-check, findings and the fraud rate
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

#include "assay-audit-fraud-rate.h"
#include "assay-audit-recheck.h"
#include "assay-audit-sample.h"
#include "assay-day.h"
#include "assay-enum.h"
#include "assay-error.h"
#include "assay-replica-private.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-util.h"

/* floor (0.1 × 2⁶⁴), written out: 18446744073709551616 / 10. */
#define TENTH_THRESHOLD G_GUINT64_CONSTANT (1844674407370955161)

typedef struct
{
  AssayTestCentral *central;
  char             *dir;
  char             *replica;
} Fixture;

static void
fixture_sync (Fixture *f)
{
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f->replica, "sync", "--server",
                                        f->central->url, "--log-key", f->central->key, NULL), ==, 0);
}

/* A central service serving `lines`, and a replica synced from it. */
static void
fixture_setup (Fixture    *f,
               const char *lines)
{
  f->central = assay_test_central_new ("sample.test/log");
  f->dir = assay_test_mkdtemp ();
  f->replica = g_build_filename (f->dir, "replica.db", NULL);
  assay_test_central_import (f->central, lines);
  assay_test_central_start (f->central);
  fixture_sync (f);
}

/* The generator's ledger (seed 3, 400 accounts, 2026). */
static void
fixture_setup_generated (Fixture *f)
{
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *jsonl = g_build_filename (dir, "pilot.jsonl", NULL);
  g_autofree char *truth = g_build_filename (dir, "truth.json", NULL);
  g_autofree char *lines = NULL;
  const char *gen[] = { g_getenv ("ASSAY_CENTRAL"), "generate", "--accounts", "400", "--seed", "3",
                        "--out", jsonl, "--truth", truth, NULL };

  g_assert_cmpint (assay_test_run (gen, NULL, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (jsonl, &lines, NULL, NULL));
  assay_test_rmdir (dir);
  fixture_setup (f, lines);
}

static void
fixture_teardown (Fixture *f)
{
  assay_test_central_free (f->central);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->replica);
}

static AssayReplica *
open_replica (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  AssayReplica *replica = assay_replica_open (f->replica, ASSAY_REPLICA_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return replica;
}

static JsonNode *
assayctl_json (int         expect,
               const char *first,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  va_list args;
  JsonNode *node;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ASSAYCTL"));
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  status = assay_test_run ((const char * const *) argv->pdata, NULL, &out, NULL);
  g_assert_cmpint (status, ==, expect);
  node = json_from_string (out, NULL);
  g_assert_nonnull (node);
  return node;
}

/* ---- the independent recomputation -------------------------------------------- */

/* The sample as README writes it, with nothing of the audit layer: GLib's
 * SHA-256 and base64, the entries read one by one. */
static GArray *
independent_sample (AssayReplica *replica,
                    int           year,
                    const char   *province,
                    guint64       size,
                    const guint8 *root,
                    guint64       threshold,
                    guint64      *out_population)
{
  GArray *picked = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree char *b64 = g_base64_encode (root, 32);
  g_autofree char *text = g_strdup_printf ("assay-audit-sample/1\n%d\n%s\n%" G_GUINT64_FORMAT "\n%s\n",
                                           year, province, size, b64);
  g_autoptr(GChecksum) c = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 seed[32], h[32];
  gsize len = 32;

  g_checksum_update (c, (const guchar *) text, -1);
  g_checksum_get_digest (c, seed, &len);
  *out_population = 0;
  for (guint64 i = 0; i < size; i++)
    {
      g_autoptr(AssayReplicaEntry) e = assay_replica_get_entry (replica, i, NULL);
      guint8 be[8];
      guint64 v = 0;
      guint y, m, d;

      if (e == NULL || e->parsed == NULL || e->parsed->kind != ASSAY_ENTRY_EVENT)
        continue;
      assay_day_to_ymd (e->parsed->event_day, &y, &m, &d);
      if ((int) y != year || strncmp (e->parsed->county, province, 2) != 0)
        continue;
      (*out_population)++;
      for (guint b = 0; b < 8; b++)
        be[b] = i >> (56 - 8 * b);
      g_checksum_reset (c);
      g_checksum_update (c, seed, 32);
      g_checksum_update (c, be, 8);
      len = 32;
      g_checksum_get_digest (c, h, &len);
      for (guint b = 0; b < 8; b++)
        v = v << 8 | h[b];
      if (v < threshold)
        g_array_append_val (picked, i);
    }
  return picked;
}

static void
assert_same_indices (GArray    *want,
                     JsonArray *got)
{
  g_assert_cmpuint (json_array_get_length (got), ==, want->len);
  for (guint i = 0; i < want->len; i++)
    g_assert_cmpint (json_array_get_int_element (got, i), ==, g_array_index (want, guint64, i));
}

/* The sample of the generated ledger, drawn by the library and by
 * `assayctl sample --json`, equals the few lines above; about a tenth. */
static void
test_draw_independent (void)
{
  Fixture f;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayReplicaStatus) status = NULL;
  g_autoptr(AssayAuditSample) sample = NULL;
  g_autoptr(GArray) want = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hex = NULL;
  JsonObject *o;
  guint64 population = 0;

  fixture_setup_generated (&f);
  replica = open_replica (&f);
  status = assay_replica_get_status (replica, &error);
  g_assert_no_error (error);
  want = independent_sample (replica, 2026, "31", status->size, status->root, TENTH_THRESHOLD, &population);
  g_assert_cmpuint (population, >, 500);
  g_assert_cmpuint (want->len, >, population / 20);
  g_assert_cmpuint (want->len, <, population / 5);

  sample = assay_audit_sample_draw (replica, 2026, "31", "0.1", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sample->population, ==, population);
  g_assert_cmpuint (sample->threshold, ==, TENTH_THRESHOLD);
  g_assert_cmpuint (sample->indices->len, ==, want->len);
  g_assert_cmpmem (sample->indices->data, want->len * 8, want->data, want->len * 8);

  node = assayctl_json (0, "--replica", f.replica, "sample", "--year", "2026", "--province", "31",
                        "--rate", "0.10", "--json", NULL);
  o = json_node_get_object (node);
  hex = assay_audit_sample_seed_hex (sample);
  g_assert_cmpstr (json_object_get_string_member (o, "seed"), ==, hex);
  g_assert_cmpstr (json_object_get_string_member (o, "rate"), ==, "0.1");
  g_assert_cmpint (json_object_get_int_member (o, "population"), ==, population);
  g_assert_nonnull (strstr (json_object_get_string_member (o, "derivation"), "big-endian"));
  assert_same_indices (want, json_object_get_array_member (o, "sample"));
  g_clear_object (&replica);
  fixture_teardown (&f);
}

/* floor (rate × 2⁶⁴) from the decimal digits, and every refusal. */
static void
test_rate (void)
{
  static const struct { const char *text; const char *canonical; guint64 threshold; } good[] = {
    { "0.1", "0.1", TENTH_THRESHOLD },
    { "0.10", "0.1", TENTH_THRESHOLD },
    { ".1", "0.1", TENTH_THRESHOLD },
    { "0.5", "0.5", G_GUINT64_CONSTANT (1) << 63 },
    { "0.25", "0.25", G_GUINT64_CONSTANT (1) << 62 },
    { "0.000000000000000001", "0.000000000000000001", 18 },
    { "0.999999999999999999", "0.999999999999999999", G_GUINT64_CONSTANT (18446744073709551597) },
    { "0.3", "0.3", G_GUINT64_CONSTANT (5534023222112865484) },
  };
  static const char *const bad[] = { "0", "0.0", "1", "1.0", "", ".", "0.", "abc", "0.1x", "-0.1",
                                     " 0.1", "0.1 ", "1e-1", "0.1234567890123456789", "00.1", "+0.1" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *canonical = NULL;
      guint64 threshold = 0;

      g_assert_true (assay_audit_sample_parse_rate (good[i].text, &canonical, &threshold, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (canonical, ==, good[i].canonical);
      g_assert_cmpuint (threshold, ==, good[i].threshold);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (assay_audit_sample_parse_rate (bad[i], NULL, NULL, &error));
      g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
    }
}

/* An earlier stored checkpoint draws from the entries below its size with
 * its own seed; a size the replica does not hold is refused. */
static void
test_checkpoint (void)
{
  Fixture f;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayAuditSample) early = NULL, late = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) more = g_string_new (NULL);
  g_autofree char *first = assay_test_lines (0, 200, "early", "a");
  guint32 day = 0;

  fixture_setup (&f, first);
  g_assert_true (assay_day_from_ymd (2025, 3, 1, &day));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *activity = g_strdup_printf ("late-%u", i);

      assay_test_append_event (more, "late-acct", "community", 10, day + i % 20, "310118", "hours", activity, "ok-1");
    }
  assay_test_central_import (f.central, more->str);
  fixture_sync (&f);

  replica = open_replica (&f);
  late = assay_audit_sample_draw (replica, 2025, "31", "0.5", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (late->checkpoint_size, ==, 500);
  early = assay_audit_sample_draw (replica, 2025, "31", "0.5", 200, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (early->checkpoint_size, ==, 200);
  g_assert_true (memcmp (early->seed, late->seed, 32) != 0);
  g_assert_cmpuint (early->population, <, late->population);
  for (guint i = 0; i < early->indices->len; i++)
    g_assert_cmpuint (g_array_index (early->indices, guint64, i), <, 200);

  g_assert_null (assay_audit_sample_draw (replica, 2025, "31", "0.5", 300, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", f.replica, "sample", "--year", "2025",
                                        "--province", "31", "--rate", "0.5", "--checkpoint", "300", NULL), ==, 1);
  g_clear_object (&replica);
  fixture_teardown (&f);
}

/* ---- re-check ------------------------------------------------------------------ */

static void
test_recheck_points (void)
{
  static const struct { const char *rule; const char *inputs; gint64 points; } good[] = {
    { "resource", "{\"base_value\":15,\"duration\":2,\"demand_index\":0.8,\"rating\":1}", 24 },
    { "skill", "{\"difficulty\":1.2,\"hours\":1,\"rating\":0.7,\"people\":4}", 3 },
    { "skill", "{\"difficulty\":1.2,\"hours\":3,\"rating\":0.7,\"people\":1}", 3 },
    { "project", "{\"base_value\":500,\"share\":0.1,\"impact\":1.5,\"completion\":1}", 75 },
    { "community", "{\"participants\":21,\"impact\":1.5,\"quality\":0.8}", 25 },
    { "item", "{\"unit\":-2,\"count\":3}", -6 },
    { "item", "{\"unit\":2.5,\"count\":1}", 3 },       /* halves away from zero */
    { "item", "{\"unit\":-2.5,\"count\":1}", -3 },
  };
  static const struct { const char *rule; const char *inputs; } bad[] = {
    { "hours", "{\"hours\":1}" },
    { "unknown", "{}" },
    { "skill", "{\"difficulty\":1.2,\"hours\":1,\"rating\":0.7}" },
    { "skill", "{\"difficulty\":1.2,\"hours\":1,\"rating\":0.7,\"people\":4,\"bonus\":2}" },
    { "skill", "{\"difficulty\":\"1.2\",\"hours\":1,\"rating\":0.7,\"people\":4}" },
    { "item", "{\"unit\":true,\"count\":1}" },
    { "item", "[1,2]" },
    { "item", "{\"unit\":1e300,\"count\":1e300}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *reason = NULL;
      gint64 points = 0;

      g_assert_true (assay_recheck_points (good[i].rule, good[i].inputs, &points, &reason));
      g_assert_null (reason);
      g_assert_cmpint (points, ==, good[i].points);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *reason = NULL;
      gint64 points = 0;

      g_assert_false (assay_recheck_points (bad[i].rule, bad[i].inputs, &points, &reason));
      g_assert_nonnull (reason);
    }
}

/* The confirmer rule and the publication delay on hand-made entries (the
 * log refuses such bodies, so they never come from a replica). */
static void
test_recheck_rules (void)
{
  AssayEntry e = { 0 };
  g_autoptr(AssayRecheckItem) ok = NULL, self = NULL, none = NULL, early = NULL, late = NULL;

  e.kind = ASSAY_ENTRY_EVENT;
  e.account = (char *) "acct-1";
  e.rule_id = (char *) "community";
  e.rule_inputs = (char *) "{\"participants\":10,\"impact\":1,\"quality\":1}";
  e.points = 10;
  e.confirmer = (char *) "acct-2";
  e.event_day = 1000;
  e.publication_day = 1007;
  ok = assay_recheck_entry (&e, 5);
  g_assert_true (assay_recheck_item_passes (ok));
  e.confirmer = (char *) "acct-1";
  self = assay_recheck_entry (&e, 5);
  g_assert_false (self->confirmer_ok);
  e.confirmer = NULL;
  none = assay_recheck_entry (&e, 5);
  g_assert_false (none->confirmer_ok);
  g_assert_false (assay_recheck_item_passes (none));
  e.confirmer = (char *) "acct-2";
  e.publication_day = 1006;
  early = assay_recheck_entry (&e, 5);
  g_assert_false (early->delay_ok);
  g_assert_cmpint (early->delay_days, ==, 6);
  e.publication_day = 1031;
  late = assay_recheck_entry (&e, 5);
  g_assert_false (late->delay_ok);
  e.publication_day = 1030;
  g_clear_pointer (&late, assay_recheck_item_free);
  late = assay_recheck_entry (&e, 5);
  g_assert_true (late->delay_ok);
}

static void
append_event (GString    *out,
              int         points,
              const char *rule,
              const char *inputs,
              const char *tag)
{
  g_autofree char *evidence = g_compute_checksum_for_string (G_CHECKSUM_SHA256, tag, -1);

  g_string_append_printf (out,
    "{\"kind\":\"event\",\"account\":\"acct-%s\",\"account_kind\":\"individual\","
    "\"dimension\":\"community\",\"points\":%d,\"event_date\":\"2025-03-02\","
    "\"publication_date\":\"2025-03-12\",\"county\":\"310118\",\"issuer\":\"issuer\","
    "\"distributor\":\"volunteers\",\"rule\":{\"id\":\"%s\",\"inputs\":%s},"
    "\"activity\":\"act-%s\",\"confirmer\":\"confirmer-1\",\"evidence\":\"%s\"}\n",
    tag, points, rule, inputs, tag, evidence);
}

/* A planted event whose points do not follow its inputs is caught; an
 * unknown rule is "cannot recompute", never a match. */
static void
test_recheck_mismatch (void)
{
  Fixture f;
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *events;
  guint seen = 0;

  append_event (lines, 24, "resource", "{\"base_value\":15,\"duration\":2,\"demand_index\":0.8,\"rating\":1}", "good");
  append_event (lines, 240, "resource", "{\"base_value\":15,\"duration\":2,\"demand_index\":0.8,\"rating\":1}", "planted");
  append_event (lines, 10, "hours", "{\"hours\":1}", "unknown");
  append_event (lines, 25, "community", "{\"participants\":21,\"impact\":1.5,\"quality\":0.8}", "community");
  fixture_setup (&f, lines->str);
  /* The largest rate: every event, but with a chance of 10⁻¹⁸ of missing one. */
  node = assayctl_json (0, "--replica", f.replica, "recheck", "--year", "2025", "--province", "31",
                        "--rate", "0.999999999999999999", "--json", NULL);
  events = json_object_get_array_member (json_node_get_object (node), "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);
      const char *account = json_object_get_string_member (e, "account");
      gboolean match = json_object_get_boolean_member (e, "match");

      g_assert_cmpint (json_object_get_int_member (e, "index"), ==, i);
      g_assert_cmpuint (strlen (json_object_get_string_member (e, "evidence")), ==, 64);
      g_assert_true (json_object_get_boolean_member (e, "delay_ok"));
      g_assert_true (json_object_get_boolean_member (e, "confirmer_ok"));
      if (strcmp (account, "acct-planted") == 0)
        {
          g_assert_false (match);
          g_assert_cmpint (json_object_get_int_member (e, "recorded"), ==, 240);
          g_assert_cmpint (json_object_get_int_member (e, "recomputed"), ==, 24);
          g_assert_cmpstr (json_object_get_string_member (e, "status"), ==, "mismatch");
        }
      else if (strcmp (account, "acct-unknown") == 0)
        {
          g_assert_false (match);
          g_assert_true (json_object_get_null_member (e, "recomputed"));
          g_assert_cmpstr (json_object_get_string_member (e, "status"), ==, "cannot_recompute");
        }
      else
        g_assert_true (match);
      seen++;
    }
  g_assert_cmpuint (seen, ==, 4);
  fixture_teardown (&f);
}

/* ---- findings ------------------------------------------------------------------ */

static JsonArray *
list_findings (Fixture   *f,
               JsonNode **out_node)
{
  *out_node = assayctl_json (0, "--replica", f->replica, "findings", "--json", NULL);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (*out_node), "signed"));
  return json_object_get_array_member (json_node_get_object (*out_node), "findings");
}

/* Findings are stored, replaced, listed, kept after a sync, and go with an
 * erased entry. */
static void
test_findings_round_trip (void)
{
  Fixture f;
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *out = NULL;
  JsonArray *list;
  JsonObject *row;
  const char *sample[] = { "--year", "2025", "--province", "31", "--rate", "0.999999999999999999" };

  append_event (lines, 24, "resource", "{\"base_value\":15,\"duration\":2,\"demand_index\":0.8,\"rating\":1}", "one");
  append_event (lines, 240, "resource", "{\"base_value\":15,\"duration\":2,\"demand_index\":0.8,\"rating\":1}", "two");
  fixture_setup (&f, lines->str);
#define RECORD(...) assay_test_assayctl (NULL, NULL, "--replica", f.replica, "findings", "record", sample[0], \
                                         sample[1], sample[2], sample[3], sample[4], sample[5], __VA_ARGS__, NULL)
  g_assert_cmpint (RECORD ("--index", "0", "--finding", "correct"), ==, 0);
  g_assert_cmpint (RECORD ("--index", "1", "--finding", "error", "--note", "first look"), ==, 0);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", f.replica, "findings", "record", sample[0],
                                        sample[1], sample[2], sample[3], sample[4], sample[5], "--index", "1",
                                        "--finding", "fraud", "--note", "240 points for 24", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "not signed"));
#undef RECORD
  list = list_findings (&f, &node);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  row = json_array_get_object_element (list, 1);
  g_assert_cmpint (json_object_get_int_member (row, "index"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (row, "finding"), ==, "fraud");
  g_assert_cmpstr (json_object_get_string_member (row, "note"), ==, "240 points for 24");
  g_assert_cmpstr (json_object_get_string_member (row, "rate"), ==, "0.999999999999999999");
  row = json_array_get_object_element (json_object_get_array_member (json_node_get_object (node), "provinces"), 0);
  g_assert_cmpint (json_object_get_int_member (row, "n"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (row, "fraud"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (row, "population"), ==, 2);
  g_clear_pointer (&node, json_node_unref);

  /* Article V: erasing acct-two's record takes its finding and note. */
  assay_test_central_erase (f.central, "acct-two", "2025-01-01", "2025-12-31");
  fixture_sync (&f);
  list = list_findings (&f, &node);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (list, 0), "index"), ==, 0);
  g_assert_false (assay_test_file_contains (f.replica, (const guint8 *) "240 points for 24", 17));
  fixture_teardown (&f);
}

/* A replica of schema 5 gains the findings table when opened read-write. */
static void
test_findings_migration (void)
{
  Fixture f;
  g_autofree char *lines = assay_test_lines (0, 20, "migrated", "m");
  g_autofree char *sql = _assay_replica_schema_rollback_sql ("audit_findings");
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_nonnull (sql);
  g_assert_cmpint (_assay_replica_schema_version_creating ("audit_findings"), >, 0);
  fixture_setup (&f, lines);
  g_assert_cmpint (sqlite3_open (f.replica, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_null (assay_replica_open (f.replica, ASSAY_REPLICA_OPEN_READ_ONLY, &error));
  g_clear_error (&error);
  replica = open_replica (&f);
  rows = assay_replica_audit_findings (replica, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_object (&replica);
  fixture_teardown (&f);
}

/* ---- fraud rate ------------------------------------------------------------------ */

static void
assert_close (double got,
              double want)
{
  if (want == 0)
    g_assert_cmpfloat (fabs (got), <, 1e-300);
  else
    g_assert_cmpfloat (fabs (got - want) / fabs (want), <=, 1e-9);
}

static void
check_reference_case (JsonObject *c)
{
  g_autoptr(GError) error = NULL;
  AssayFraudRateOptions o;
  AssayFraudRate r;
  JsonArray *cp = json_object_get_array_member (c, "clopper_pearson");
  JsonArray *wilson = json_object_get_array_member (c, "wilson");

  assay_fraud_rate_options_init (&o);
  o.confidence = json_object_get_double_member (c, "confidence");
  o.alpha = json_object_get_double_member (c, "alpha");
  g_assert_true (assay_fraud_rate_compute (json_object_get_int_member (c, "n"),
                                           json_object_get_int_member (c, "fraud"),
                                           json_object_get_int_member (c, "population"), &o, &r, &error));
  g_assert_no_error (error);
  if (json_object_get_null_member (c, "rate"))
    g_assert_true (isnan (r.rate));
  else
    assert_close (r.rate, json_object_get_double_member (c, "rate"));
  for (guint i = 0; i < 2; i++)
    {
      assert_close (r.clopper_pearson[i], json_array_get_double_element (cp, i));
      assert_close (r.wilson[i], json_array_get_double_element (wilson, i));
    }
  assert_close (r.upper, json_object_get_double_member (c, "upper"));
  assert_close (r.p_excess, json_object_get_double_member (c, "p_excess"));
  assert_close (r.assurance_bound, json_object_get_double_member (c, "assurance_bound"));
  if (json_object_get_null_member (c, "hyper_upper"))
    g_assert_cmpint (r.hyper_upper, ==, -1);
  else
    g_assert_cmpint (r.hyper_upper, ==, json_object_get_int_member (c, "hyper_upper"));
  g_assert_cmpstr (assay_enum_get_nick (ASSAY_TYPE_EXCESS_VERDICT, r.excess), ==,
                   json_object_get_string_member (c, "excess"));
  g_assert_cmpstr (assay_enum_get_nick (ASSAY_TYPE_ASSURANCE_VERDICT, r.assurance), ==,
                   json_object_get_string_member (c, "assurance"));
}

/* Every number of tests/data/fraud-rate/reference.json (SciPy) to 1e-9
 * relative, the bound and the verdicts exactly. */
static void
test_fraud_rate_reference (void)
{
  g_autofree char *path = assay_test_data_path ("fraud-rate/reference.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *cases;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  cases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "cases");
  g_assert_cmpuint (json_array_get_length (cases), >=, 19);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    check_reference_case (json_array_get_object_element (cases, i));
}

/* The panel: one row per sample, pooled when each province has one. */
static void
test_fraud_panel (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_audit_finding_row_free);
  g_autoptr(AssayFraudPanel) panel = NULL;
  g_autoptr(GError) error = NULL;
  AssayFraudRateOptions o;
  static const struct { const char *province; guint64 size; const char *finding; } f[] = {
    { "31", 100, "correct" }, { "31", 100, "fraud" }, { "31", 100, "error" },
    { "33", 100, "correct" }, { "33", 100, "correct" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (f); i++)
    {
      AssayAuditFindingRow *r = g_new0 (AssayAuditFindingRow, 1);

      r->year = 2025;
      g_strlcpy (r->province, f[i].province, sizeof r->province);
      r->checkpoint_size = f[i].size;
      r->rate = g_strdup ("0.1");
      r->leaf_index = i;
      r->finding = g_strdup (f[i].finding);
      r->note = g_strdup ("");
      r->population = 40;
      r->sample_size = 4;
      g_ptr_array_add (rows, r);
    }
  assay_fraud_rate_options_init (&o);
  panel = assay_fraud_panel_new (rows, &o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (panel->rows->len, ==, 2);
  g_assert_nonnull (panel->overall);
  g_assert_cmpuint (panel->overall->fraud.n, ==, 5);
  g_assert_cmpuint (panel->overall->fraud.fraud, ==, 1);
  g_assert_cmpuint (panel->overall->fraud.population, ==, 80);
  g_assert_cmpuint (panel->overall->n_error, ==, 1);
  g_clear_pointer (&panel, assay_fraud_panel_free);

  /* A second sample of province 33 (another checkpoint): no pooled row. */
  ((AssayAuditFindingRow *) g_ptr_array_index (rows, 4))->checkpoint_size = 200;
  panel = assay_fraud_panel_new (rows, &o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (panel->rows->len, ==, 3);
  g_assert_null (panel->overall);
}

/* ---- command line ---------------------------------------------------------------- */

/* Every usage error exits 2 (and names the command); the CLI's numbers
 * are the library's. */
static void
test_cli_usage (void)
{
  Fixture f;
  g_autofree char *lines = assay_test_lines (0, 20, "cli-acct", "c");
  g_autoptr(JsonNode) bounds = NULL, plan = NULL;
  JsonObject *o;
  const char *r;

  fixture_setup (&f, lines);
  r = f.replica;
#define USAGE(...) g_assert_cmpint (assay_test_assayctl (NULL, NULL, __VA_ARGS__, NULL), ==, 2)
  USAGE ("sample", "--year", "2025", "--province", "31", "--rate", "0.1");       /* no --replica */
  USAGE ("--replica", r, "sample", "--province", "31", "--rate", "0.1");
  USAGE ("--replica", r, "sample", "--year", "2025", "--rate", "0.1");
  USAGE ("--replica", r, "sample", "--year", "2025", "--province", "31");
  USAGE ("--replica", r, "sample", "--year", "2025", "--province", "31", "--rate", "1");
  USAGE ("--replica", r, "sample", "--year", "2025", "--province", "31", "--rate", "abc");
  USAGE ("--replica", r, "sample", "--year", "2025", "--province", "99", "--rate", "0.1");
  USAGE ("--replica", r, "sample", "--year", "2025", "--province", "310118", "--rate", "0.1");
  USAGE ("--replica", r, "sample", "--year", "10000", "--province", "31", "--rate", "0.1");
  USAGE ("--replica", r, "sample", "--year", "x", "--province", "31", "--rate", "0.1");
  USAGE ("--replica", r, "sample", "--year", "2025", "--province", "31", "--rate", "0.1", "--checkpoint", "-3");
  USAGE ("--replica", r, "sample", "--year", "2025", "--province", "31", "--rate", "0.1", "--checkpoint", "0");
  USAGE ("--replica", r, "sample", "--year", "2025", "--province", "31", "--rate", "0.1", "extra");
  USAGE ("--replica", r, "sample", "--year", "2025", "--province", "31", "--rate", "0.1", "--bogus");
  USAGE ("--replica", r, "recheck", "--year", "2025", "--province", "31");
  USAGE ("--replica", r, "recheck", "--year", "2025", "--province", "31", "--rate", "0");
  USAGE ("--replica", r, "recheck", "--year", "2025", "--province", "31", "--rate", "0.1", "extra");
  USAGE ("--replica", r, "findings", "record", "--year", "2025", "--province", "31", "--rate", "0.1",
         "--finding", "correct");
  USAGE ("--replica", r, "findings", "record", "--year", "2025", "--province", "31", "--rate", "0.1",
         "--index", "x", "--finding", "correct");
  USAGE ("--replica", r, "findings", "record", "--year", "2025", "--province", "31", "--rate", "0.1",
         "--index", "0", "--finding", "maybe");
  USAGE ("--replica", r, "findings", "record", "--year", "2025", "--province", "31", "--rate", "0.1",
         "--index", "0");
  USAGE ("--replica", r, "findings", "record", "--year", "2025", "--province", "31",
         "--rate", "0.999999999999999999", "--index", "0", "--finding", "fraud");      /* no note */
  USAGE ("--replica", r, "findings", "record", "--year", "2025", "--province", "31",
         "--rate", "0.999999999999999999", "--index", "5000", "--finding", "correct"); /* not sampled */
  USAGE ("--replica", r, "findings", "record", "--province", "31", "--rate", "0.1", "--index", "0",
         "--finding", "correct");
  USAGE ("--replica", r, "findings", "bogus");
  USAGE ("--replica", r, "findings", "--year", "-1");
  USAGE ("--replica", r, "findings", "--confidence", "1");
  USAGE ("--replica", r, "findings", "--alpha", "0");
  USAGE ("audit-bounds", "--errors", "1");
  USAGE ("audit-bounds", "--sample", "10");
  USAGE ("audit-bounds", "--sample", "10", "--errors", "11");
  USAGE ("audit-bounds", "--sample", "10", "--errors", "1", "--population", "5");
  USAGE ("audit-bounds", "--sample", "10", "--errors", "1", "--confidence", "95");
  USAGE ("audit-bounds", "--sample", "10", "--errors", "1", "--alpha", "1");
  USAGE ("audit-bounds", "--sample", "-1", "--errors", "0");
  USAGE ("audit-bounds", "--sample", "10", "--errors", "1", "extra");
  USAGE ("audit-plan", "--expected", "0.01");
  USAGE ("audit-plan", "--tolerable", "0.05");
  USAGE ("audit-plan", "--tolerable", "0.05", "--expected", "0.05");
  USAGE ("audit-plan", "--tolerable", "0.05", "--expected", "0.01", "--confidence", "1.5");
  USAGE ("audit-plan", "--tolerable", "1", "--expected", "0");
  USAGE ("audit-plan", "--tolerable", "0.05", "--expected", "0.01", "extra");
#undef USAGE
  /* A missing replica file is an ordinary error. */
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", "/nonexistent/r.db", "sample", "--year", "2025",
                                        "--province", "31", "--rate", "0.1", NULL), ==, 1);

  bounds = assayctl_json (0, "audit-bounds", "--sample", "100", "--errors", "2", "--population", "1000", "--json", NULL);
  o = json_node_get_object (bounds);
  g_assert_cmpint (json_object_get_int_member (o, "hypergeometric_upper"), ==, 59);   /* STATISTICS.md */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "assurance"), "verdict"),
                   ==, "not_assured");
  plan = assayctl_json (0, "audit-plan", "--tolerable", "0.05", "--expected", "0.02", "--json", NULL);
  o = json_node_get_object (plan);
  g_assert_cmpint (json_object_get_int_member (o, "sample"), ==, 181);
  g_assert_cmpint (json_object_get_int_member (o, "allowed_deviations"), ==, 4);
  fixture_teardown (&f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/audit/sample/independent", test_draw_independent);
  g_test_add_func ("/assay/audit/sample/rate", test_rate);
  g_test_add_func ("/assay/audit/sample/checkpoint", test_checkpoint);
  g_test_add_func ("/assay/audit/recheck/points", test_recheck_points);
  g_test_add_func ("/assay/audit/recheck/rules", test_recheck_rules);
  g_test_add_func ("/assay/audit/recheck/mismatch", test_recheck_mismatch);
  g_test_add_func ("/assay/audit/findings/round-trip", test_findings_round_trip);
  g_test_add_func ("/assay/audit/findings/migration", test_findings_migration);
  g_test_add_func ("/assay/audit/fraud-rate/reference", test_fraud_rate_reference);
  g_test_add_func ("/assay/audit/fraud-rate/panel", test_fraud_panel);
  g_test_add_func ("/assay/audit/sample/cli-usage", test_cli_usage);
  return g_test_run ();
}

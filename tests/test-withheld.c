/* test-withheld.c — bodies the service withheld, asked for again at each sync
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

#include <sqlite3.h>
#include <string.h>

#include "assay-bundle.h"
#include "assay-error.h"
#include "assay-replica.h"
#include "assay-replica-values.h"
#include "assay-sync.h"
#include "assay-test-central.h"
#include "assay-test-replica.h"
#include "assay-test-util.h"
#include "assay-tiles.h"

#define ORIGIN "withheld.test/log"
#define MARKER "FORGET-ME-PLEASE"

/* What the proxy does to the body bundles it passes on. */
typedef enum
{
  PASS,
  WITHHOLD,   /* sends the bodies of `indices` empty (length 0, as if erased) */
  TAMPER,     /* flips a byte in the bodies of `indices` */
} Mode;

typedef struct
{
  AssayTestCentral *central;
  AssayTestProxy   *proxy;
  char             *dir;
  char             *replica;
  char             *fresh;
  gint              mode;       /* Mode, read by the proxy thread */
  guint64           indices[8]; /* ends at the first G_MAXUINT64 */
} Fixture;

static gboolean
listed (Fixture *f,
        guint64 idx)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->indices) && f->indices[i] != G_MAXUINT64; i++)
    if (f->indices[i] == idx)
      return TRUE;
  return FALSE;
}

static void
body_filter (const char *path,
             guint *status,
             GByteArray *body,
             gpointer user_data)
{
  Fixture *f = user_data;
  Mode mode = g_atomic_int_get (&f->mode);
  AssayBodyRef refs[ASSAY_BUNDLE_MAX_ENTRIES];
  g_autoptr(GByteArray) out = g_byte_array_new ();
  AssayTileKind kind;
  guint level, width, n = 0;
  guint64 b;

  if (mode == PASS || *status != 200 ||
      !assay_tile_parse_path (path, &kind, &level, &b, &width, NULL) || kind != ASSAY_TILE_KIND_BODY)
    return;
  g_assert_true (assay_body_bundle_decode (body->data, body->len, 0, refs, &n, NULL));
  for (guint j = 0; j < n; j++)
    {
      guint64 idx = b * ASSAY_TILE_WIDTH + j;
      g_autofree char *copy = g_strndup (refs[j].body, refs[j].len);

      if (refs[j].body == NULL)
        assay_body_bundle_append_erased (out);
      else if (!listed (f, idx))
        assay_body_bundle_append (out, refs[j].salt, refs[j].body, refs[j].len);
      else if (mode == WITHHOLD)
        assay_body_bundle_append_erased (out);
      else
        {
          copy[refs[j].len / 2] ^= 0x01;
          assay_body_bundle_append (out, refs[j].salt, copy, refs[j].len);
        }
    }
  g_byte_array_set_size (body, 0);
  g_byte_array_append (body, out->data, out->len);
}

static void
fixture_setup (Fixture *f,
               guint n)
{
  g_autofree char *lines = assay_test_lines (0, n, NULL, NULL);

  f->central = assay_test_central_new (ORIGIN);
  assay_test_central_import (f->central, lines);
  assay_test_central_start (f->central);
  f->proxy = assay_test_proxy_new (f->central->url);
  assay_test_proxy_set_filter (f->proxy, body_filter, f);
  f->dir = assay_test_mkdtemp ();
  f->replica = g_build_filename (f->dir, "replica.db", NULL);
  f->fresh = g_build_filename (f->dir, "fresh.db", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (f->indices); i++)
    f->indices[i] = G_MAXUINT64;
}

static void
fixture_teardown (Fixture *f)
{
  assay_test_proxy_free (f->proxy);
  assay_test_central_free (f->central);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->replica);
  g_free (f->fresh);
}

/* Until the next call, the proxy applies `mode` to these indices. */
static void
proxy_mode (Fixture *f,
            Mode mode,
            const guint64 *indices,
            guint n)
{
  g_assert_cmpuint (n, <, G_N_ELEMENTS (f->indices));
  for (guint i = 0; i < G_N_ELEMENTS (f->indices); i++)
    f->indices[i] = i < n ? indices[i] : G_MAXUINT64;
  g_atomic_int_set (&f->mode, mode);
}

static gboolean
sync_replica (const char *path,
              const char *url,
              const char *key,
              GError **error)
{
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_CREATE, error);
  g_autoptr(AssaySync) sync = NULL;

  if (replica == NULL)
    return FALSE;
  sync = assay_sync_new (url, key);
  assay_sync_set_timeout (sync, 5);
  return assay_sync_run (sync, replica, NULL, NULL, error);
}

/* Through the proxy. */
static void
assert_synced (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sync_replica (f->replica, assay_test_proxy_get_url (f->proxy), f->central->key, &error));
  g_assert_no_error (error);
}

/* Size and counters, and `verify` agrees with the counters. */
static void
assert_state (Fixture *f,
              guint64 size,
              guint64 n_withheld,
              guint64 n_erased)
{
  g_autoptr(AssayReplicaStatus) status = assay_test_replica_status (f->replica);
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (f->replica, ASSAY_REPLICA_OPEN_READ_ONLY, &error);

  g_assert_cmpuint (status->size, ==, size);
  g_assert_cmpuint (status->n_withheld, ==, n_withheld);
  g_assert_cmpuint (status->n_erased, ==, n_erased);
  g_assert_cmpint (status->alert, ==, ASSAY_ALERT_NONE);
  g_assert_true (assay_replica_verify (replica, NULL, &error));
  g_assert_no_error (error);
}

static AssayEntryState
state_of (Fixture *f,
          guint64 idx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (f->replica, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_autoptr(AssayReplicaEntry) entry = assay_replica_get_entry (replica, idx, &error);

  g_assert_no_error (error);
  return entry->state;
}

/* The replica equals one synced directly, which never missed a body. */
static void
assert_same_as_fresh (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_true (sync_replica (f->fresh, f->central->url, f->central->key, &error));
  g_assert_no_error (error);
  a = assay_test_dump_replica (f->replica, FALSE);
  b = assay_test_dump_replica (f->fresh, FALSE);
  g_assert_cmpstr (a, ==, b);
}

/* ---- tests ---------------------------------------------------------------- */

/* Withheld at the first sync, sent at the next one, which has nothing new. */
/* Makes the replica look like one from before the entries_withheld index
 * existed; the next sync must make it again. */
static void
drop_withheld_index (Fixture *f)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->replica, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP INDEX entries_withheld", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_refetched (void)
{
  Fixture f = { NULL };
  /* Entries after each account's first (0–9): an account first seen in a
   * refetched body is numbered later than in a fresh replica (see
   * _assay_replica_writer_fill_withheld), which the dump would show. */
  const guint64 withheld[] = { 12, 300, 301, 555, 599 };

  fixture_setup (&f, 600);
  proxy_mode (&f, WITHHOLD, withheld, G_N_ELEMENTS (withheld));
  assert_synced (&f);
  assert_state (&f, 600, 5, 0);
  g_assert_cmpint (state_of (&f, 300), ==, ASSAY_ENTRY_STATE_WITHHELD);
  g_assert_cmpint (state_of (&f, 302), ==, ASSAY_ENTRY_STATE_VERIFIED);

  /* Still withheld: asked for again, nothing changes. */
  drop_withheld_index (&f);
  assert_synced (&f);
  assert_state (&f, 600, 5, 0);
  g_assert_cmpuint (assay_test_proxy_count (f.proxy, "body/001"), ==, 2);
  g_assert_cmpuint (assay_test_proxy_count (f.proxy, "body/002"), ==, 2);

  proxy_mode (&f, PASS, NULL, 0);
  assert_synced (&f);
  assert_state (&f, 600, 0, 0);
  g_assert_cmpint (state_of (&f, 300), ==, ASSAY_ENTRY_STATE_VERIFIED);
  assert_same_as_fresh (&f);

  /* Nothing withheld any more: no body bundle is asked for again. */
  assert_synced (&f);
  g_assert_cmpuint (assay_test_proxy_count (f.proxy, "body/"), ==, 3 * 3);
  fixture_teardown (&f);
}

/* Along with new entries, some of them withheld too. */
static void
test_with_new_entries (void)
{
  Fixture f = { NULL };
  g_autofree char *lines = assay_test_lines (600, 300, NULL, NULL);
  const guint64 first[] = { 300 };
  const guint64 second[] = { 300, 700 };

  fixture_setup (&f, 600);
  proxy_mode (&f, WITHHOLD, first, G_N_ELEMENTS (first));
  assert_synced (&f);
  assert_state (&f, 600, 1, 0);

  assay_test_central_import (f.central, lines);
  proxy_mode (&f, WITHHOLD, second, G_N_ELEMENTS (second));
  assert_synced (&f);
  assert_state (&f, 900, 2, 0);
  /* The new entries' bundles are fetched once, not asked for again. */
  g_assert_cmpuint (assay_test_proxy_count (f.proxy, "body/002"), ==, 2);
  g_assert_cmpuint (assay_test_proxy_count (f.proxy, "body/001"), ==, 2);

  proxy_mode (&f, WITHHOLD, &second[1], 1);
  assert_synced (&f);
  assert_state (&f, 900, 1, 0);
  g_assert_cmpint (state_of (&f, 300), ==, ASSAY_ENTRY_STATE_VERIFIED);
  g_assert_cmpint (state_of (&f, 700), ==, ASSAY_ENTRY_STATE_WITHHELD);

  proxy_mode (&f, PASS, NULL, 0);
  assert_synced (&f);
  assert_state (&f, 900, 0, 0);
  assert_same_as_fresh (&f);
  fixture_teardown (&f);
}

/* A withheld body erased by a tombstone meanwhile is never asked for. */
static void
test_erased_meanwhile (void)
{
  Fixture f = { NULL };
  g_autofree char *marked = assay_test_lines (300, 40, "forget-me", MARKER);
  const guint64 withheld[] = { 100, 305, 310 };
  guint before;

  fixture_setup (&f, 300);
  assay_test_central_import (f.central, marked);
  proxy_mode (&f, WITHHOLD, withheld, G_N_ELEMENTS (withheld));
  assert_synced (&f);
  assert_state (&f, 340, 3, 0);

  /* The tombstone (entry 340) erases 300–339: 305 and 310 with them.
   * Bundle 1 is fetched once, for the new entry, not asked for again. */
  assay_test_central_erase (f.central, "forget-me", "2025-01-01", "2025-12-31");
  before = assay_test_proxy_count (f.proxy, "body/001");
  assert_synced (&f);
  assert_state (&f, 341, 1, 40);
  g_assert_cmpint (state_of (&f, 305), ==, ASSAY_ENTRY_STATE_ERASED);
  g_assert_cmpuint (assay_test_proxy_count (f.proxy, "body/001") - before, ==, 1);

  before = assay_test_proxy_count (f.proxy, "body/001");
  proxy_mode (&f, PASS, NULL, 0);
  assert_synced (&f);
  assert_state (&f, 341, 0, 40);
  g_assert_cmpuint (assay_test_proxy_count (f.proxy, "body/001"), ==, before);
  assert_same_as_fresh (&f);
  fixture_teardown (&f);
}

/* A body that arrives later must match the commitment the log signed. */
static void
test_tampered_later (void)
{
  Fixture f = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const guint64 withheld[] = { 300 };

  fixture_setup (&f, 600);
  proxy_mode (&f, WITHHOLD, withheld, G_N_ELEMENTS (withheld));
  assert_synced (&f);
  before = assay_test_dump_replica (f.replica, TRUE);

  proxy_mode (&f, TAMPER, withheld, G_N_ELEMENTS (withheld));
  g_assert_false (sync_replica (f.replica, assay_test_proxy_get_url (f.proxy), f.central->key, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  {
    g_autoptr(AssayReplicaStatus) status = assay_test_replica_status (f.replica);

    g_assert_cmpint (status->alert, ==, ASSAY_ALERT_BODY);
    g_assert_cmpuint (status->n_withheld, ==, 1);
  }
  after = assay_test_dump_replica (f.replica, TRUE);
  g_assert_cmpstr (strstr (after, "== checkpoints"), ==, strstr (before, "== checkpoints"));
  g_assert_cmpint (state_of (&f, 300), ==, ASSAY_ENTRY_STATE_WITHHELD);

  replica = assay_replica_open (f.replica, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (assay_replica_clear_alert (replica, &error));
  g_assert_no_error (error);
  g_clear_object (&replica);
  proxy_mode (&f, PASS, NULL, 0);
  assert_synced (&f);
  assert_state (&f, 600, 0, 0);
  assert_same_as_fresh (&f);
  fixture_teardown (&f);
}

/* Refreshes the value sums (r = 5 %, one weights period); returns the
 * number of blocks rebuilt. */
static guint64
refresh_values (const char *path)
{
  AssayValueBasis basis = { .decay_rate = 0.05, .base_day = 2460000, .n_periods = 1, .period_start = { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  guint64 n = G_MAXUINT64;

  g_assert_no_error (error);
  g_assert_true (assay_replica_values_refresh (replica, &basis, &n, &error));
  g_assert_no_error (error);
  return n;
}

static char *
dump_value_sums (const char *path)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT block || ' ' || hex (data) FROM value_columns ORDER BY block",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* Bodies filled below the records the value sums were refreshed up to:
 * the next refresh visits their accounts (the writer lowers the mark),
 * and the sums are those of a replica that never missed a body. */
static void
test_value_sums (void)
{
  Fixture f = { NULL };
  const guint64 withheld[] = { 12, 300, 555 };
  g_autoptr(GError) error = NULL;
  g_autofree char *filled = NULL, *fresh = NULL;

  fixture_setup (&f, 600);
  proxy_mode (&f, WITHHOLD, withheld, G_N_ELEMENTS (withheld));
  assert_synced (&f);
  g_assert_cmpuint (refresh_values (f.replica), ==, 1);
  g_assert_cmpuint (refresh_values (f.replica), ==, 0);

  proxy_mode (&f, PASS, NULL, 0);
  assert_synced (&f);
  assert_state (&f, 600, 0, 0);
  g_assert_cmpuint (refresh_values (f.replica), ==, 1);

  g_assert_true (sync_replica (f.fresh, f.central->url, f.central->key, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (refresh_values (f.fresh), ==, 1);
  filled = dump_value_sums (f.replica);
  fresh = dump_value_sums (f.fresh);
  g_assert_cmpstr (filled, !=, "");
  g_assert_cmpstr (filled, ==, fresh);
  fixture_teardown (&f);
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assay/withheld/refetched", test_refetched);
  g_test_add_func ("/assay/withheld/with-new-entries", test_with_new_entries);
  g_test_add_func ("/assay/withheld/erased-meanwhile", test_erased_meanwhile);
  g_test_add_func ("/assay/withheld/tampered-later", test_tampered_later);
  g_test_add_func ("/assay/withheld/value-sums", test_value_sums);
  return g_test_run ();
}

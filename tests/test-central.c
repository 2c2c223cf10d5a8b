/* test-central.c — tests of assay-central, the reference central service
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

#define _GNU_SOURCE /* memmem */

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "assay-bundle.h"
#include "assay-checkpoint.h"
#include "assay-entry.h"
#include "assay-merkle.h"
#include "assay-note.h"
#include "assay-test-central.h"
#include "assay-test-util.h"
#include "assay-tiles.h"

#define ORIGIN "ledger.example.cn/test"

/* ---- helpers ---------------------------------------------------------- */

/* Runs assay-central with the given arguments (NULL-terminated). */
static int
central (char **out, char **err, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *binary = g_getenv ("ASSAY_CENTRAL");
  const char *arg;
  va_list args;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return assay_test_run ((const char * const *) argv->pdata, NULL, out, err);
}

static char *
day_string (int offset)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_MARCH, 2026);
  if (offset >= 0)
    g_date_add_days (&date, offset);
  else
    g_date_subtract_days (&date, -offset);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

/* A valid event of `account` on 2026-03-01 + day, published `delay` days
 * later; `n` makes it unique. */
static char *
event_line (const char *account,
            int         day,
            int         delay,
            guint       n)
{
  g_autofree char *event_date = day_string (day);
  g_autofree char *pub_date = day_string (day + delay);
  g_autofree char *activity = g_strdup_printf ("act:%s:%u", account, n);
  g_autofree char *evidence = g_compute_checksum_for_string (G_CHECKSUM_SHA256, activity, -1);

  return g_strdup_printf ("{\"kind\":\"event\",\"account\":\"%s\",\"account_kind\":\"individual\","
                          "\"dimension\":\"community\",\"points\":%u,\"event_date\":\"%s\","
                          "\"publication_date\":\"%s\",\"county\":\"310118\","
                          "\"issuer\":\"Qingpu ecology bureau\",\"distributor\":\"Station %u\","
                          "\"rule\":{\"id\":\"hours\",\"inputs\":{\"hours\":2}},"
                          "\"activity\":\"%s\",\"confirmer\":null,\"evidence\":\"%s\"}",
                          account, 10 + n, event_date, pub_date, n, activity, evidence);
}

static char *
write_lines (const char *dir,
             const char *name,
             GPtrArray  *lines)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (lines, i));
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

typedef struct
{
  char *tmp;
  char *data;
  char *vkey;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  f->tmp = assay_test_mkdtemp ();
  f->data = g_build_filename (f->tmp, "data", NULL);
  g_assert_cmpint (central (&out, &err, "init", "--data", f->data, "--origin", ORIGIN, NULL), ==, 0);
  f->vkey = g_strdup (g_strstrip (out));
}

static void
fixture_teardown (Fixture *f, gconstpointer user_data)
{
  assay_test_rmdir (f->tmp);
  g_free (f->tmp);
  g_free (f->data);
  g_free (f->vkey);
}

static void
import_ok (Fixture    *f,
           GPtrArray  *lines,
           const char *now)
{
  g_autofree char *file = write_lines (f->tmp, "in.jsonl", lines);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = central (&out, &err, "import", "--data", f->data, "--now", now, file, NULL);

  if (status != 0)
    g_printerr ("%s", err);
  g_assert_cmpint (status, ==, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
digest_tree (GChecksum  *sum,
             const char *root,
             const char *rel)
{
  g_autofree char *path = g_build_filename (root, rel, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      g_autofree char *data = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      g_checksum_update (sum, (const guchar *) rel, strlen (rel) + 1);
      g_checksum_update (sum, (const guchar *) data, len);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (rel, g_ptr_array_index (names, i), NULL);

      digest_tree (sum, root, child);
    }
}

/* Every file name and byte of the data directory. */
static char *
digest_dir (const char *dir)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  digest_tree (sum, dir, "");
  return g_strdup (g_checksum_get_string (sum));
}

static GBytes *
read_rel (const char *dir,
          const char *rel)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return NULL;
  return g_bytes_new_take (data, len);
}

static AssayCheckpoint *
open_checkpoint (const char *vkey,
                 GBytes     *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayNoteVerifier) verifier = assay_note_verifier_new_from_string (vkey, &error);
  AssayCheckpoint *checkpoint;

  g_assert_no_error (error);
  checkpoint = assay_checkpoint_open (g_bytes_get_data (note, NULL), g_bytes_get_size (note),
                                      verifier, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (checkpoint->origin, ==, ORIGIN);
  return checkpoint;
}

static AssayCheckpoint *
read_checkpoint (Fixture *f)
{
  g_autoptr(GBytes) note = read_rel (f->data, "checkpoint");

  g_assert_nonnull (note);
  return open_checkpoint (f->vkey, note);
}

typedef GBytes *(*FetchFunc) (const char *rel, gpointer user_data);

static GBytes *
fetch_file (const char *rel,
            gpointer    user_data)
{
  return read_rel (user_data, rel);
}

/* Checks a whole tree of fewer than 65536 leaves: root from the level-0
 * tiles, each leaf from the entry bundles, each commitment from the body
 * bundles.  Returns the bodies (NULL for erased ones). */
static GPtrArray *
check_tree (const AssayCheckpoint *checkpoint,
            FetchFunc              fetch,
            gpointer               user_data)
{
  g_autoptr(GByteArray) leaves = g_byte_array_new ();
  GPtrArray *bodies = g_ptr_array_new_with_free_func (g_free);
  guint8 root[ASSAY_HASH_SIZE];

  g_assert_cmpuint (checkpoint->size, <, 65536);
  for (guint64 n = 0; n * 256 < checkpoint->size; n++)
    {
      guint width = MIN (256, checkpoint->size - n * 256);
      g_autofree char *tile_rel = assay_tile_path (0, n, width);
      g_autofree char *entries_rel = assay_tile_entries_path (n, width);
      g_autofree char *body_rel = assay_tile_body_path (n, width);
      g_autoptr(GBytes) tile = fetch (tile_rel, user_data);
      g_autoptr(GBytes) entries = fetch (entries_rel, user_data);
      g_autoptr(GBytes) body_bundle = fetch (body_rel, user_data);
      const guint8 *commitments[ASSAY_BUNDLE_MAX_ENTRIES];
      AssayBodyRef refs[ASSAY_BUNDLE_MAX_ENTRIES];
      g_autoptr(GError) error = NULL;
      guint n_items = 0;

      g_assert_nonnull (tile);
      g_assert_nonnull (entries);
      g_assert_nonnull (body_bundle);
      g_assert_cmpuint (g_bytes_get_size (tile), ==, width * ASSAY_HASH_SIZE);
      g_byte_array_append (leaves, g_bytes_get_data (tile, NULL), g_bytes_get_size (tile));

      g_assert_true (assay_entry_bundle_decode (g_bytes_get_data (entries, NULL), g_bytes_get_size (entries),
                                                width, commitments, &n_items, &error));
      g_assert_no_error (error);
      g_assert_true (assay_body_bundle_decode (g_bytes_get_data (body_bundle, NULL),
                                               g_bytes_get_size (body_bundle), width, refs, &n_items, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < width; i++)
        {
          guint8 leaf[ASSAY_HASH_SIZE];
          guint8 commitment[ASSAY_HASH_SIZE];

          assay_merkle_leaf_hash (commitments[i], ASSAY_HASH_SIZE, leaf);
          g_assert_cmpmem (leaf, sizeof leaf, (const guint8 *) g_bytes_get_data (tile, NULL) + i * ASSAY_HASH_SIZE,
                           ASSAY_HASH_SIZE);
          if (refs[i].len == 0)
            {
              g_ptr_array_add (bodies, NULL);
              continue;
            }
          assay_entry_commitment (refs[i].salt, refs[i].body, refs[i].len, commitment);
          g_assert_cmpmem (commitment, sizeof commitment, commitments[i], ASSAY_HASH_SIZE);
          g_ptr_array_add (bodies, g_strndup (refs[i].body, refs[i].len));
        }
    }
  assay_merkle_root_of_leaves (leaves->data, checkpoint->size, root);
  g_assert_cmpmem (root, sizeof root, checkpoint->root, ASSAY_HASH_SIZE);
  return bodies;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  return memmem (data, len, needle, strlen (needle)) != NULL;
}

/* ---- init and arguments ----------------------------------------------- */

static void
test_usage (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *commands[] = { "init", "import", "publish", "erase", "serve" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (central (&out, &err, commands[i], "--help", NULL), ==, 0);
      g_assert_true (strstr (out, "--data") != NULL);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (central (&out, &err, commands[i], "--no-such-option", NULL), ==, 2);
      g_assert_true (strstr (err, "--help") != NULL);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      /* --data is always required */
      g_assert_cmpint (central (&out, &err, commands[i], NULL), ==, 2);
    }
}

static void
test_init (Fixture *f, gconstpointer user_data)
{
  g_autofree char *key = g_build_filename (f->data, "log.key", NULL);
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  guint8 empty[ASSAY_HASH_SIZE];
  GStatBuf st;

  g_assert_true (g_str_has_prefix (f->vkey, ORIGIN "+"));
  g_assert_cmpint (g_stat (key, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_false (file_contains (key, f->vkey));

  checkpoint = read_checkpoint (f);
  g_assert_cmpuint (checkpoint->size, ==, 0);
  assay_merkle_empty_root (empty);
  g_assert_cmpmem (checkpoint->root, ASSAY_HASH_SIZE, empty, ASSAY_HASH_SIZE);
}

static void
test_init_refuses (Fixture *f, gconstpointer user_data)
{
  g_autofree char *before = digest_dir (f->data);
  g_autofree char *foreign = g_build_filename (f->tmp, "foreign", NULL);
  g_autofree char *foreign_file = g_build_filename (foreign, "notes.txt", NULL);
  g_autofree char *fresh = g_build_filename (f->tmp, "fresh", NULL);
  g_autofree char *foreign_key = g_build_filename (foreign, "log.key", NULL);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *bad_origins[] = { "", "has space/log", "a+b", "https://example.com/log", "/abs" };

  /* Our own directory: refused, untouched. */
  g_assert_cmpint (central (&out, &err, "init", "--data", f->data, "--origin", ORIGIN, NULL), ==, 1);
  g_assert_true (strstr (err, "already") != NULL);
  after = digest_dir (f->data);
  g_assert_cmpstr (before, ==, after);

  /* Someone else's non-empty directory. */
  g_assert_cmpint (g_mkdir (foreign, 0755), ==, 0);
  g_assert_true (g_file_set_contents (foreign_file, "mine", -1, NULL));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (central (NULL, &err, "init", "--data", foreign, "--origin", ORIGIN, NULL), ==, 1);
  g_assert_true (strstr (err, "not empty") != NULL);
  g_assert_false (g_file_test (foreign_key, G_FILE_TEST_EXISTS));

  for (guint i = 0; i < G_N_ELEMENTS (bad_origins); i++)
    {
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (central (NULL, &err, "init", "--data", fresh, "--origin", bad_origins[i], NULL), ==, 2);
      g_assert_true (strstr (err, "origin") != NULL);
      g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
    }
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (central (NULL, &err, "init", "--data", fresh, NULL), ==, 2);
}

/* ---- import ----------------------------------------------------------- */

static void
test_import (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  g_autoptr(GPtrArray) bodies = NULL;

  for (guint i = 0; i < 300; i++)
    g_ptr_array_add (lines, event_line (i % 2 ? "acct-odd" : "acct-even", i % 20, 7, i));
  import_ok (f, lines, "2026-12-31");

  checkpoint = read_checkpoint (f);
  g_assert_cmpuint (checkpoint->size, ==, 300);
  bodies = check_tree (checkpoint, fetch_file, f->data);
  /* Publication days differ: joined by publication day, then file order. */
  for (guint i = 1; i < bodies->len; i++)
    {
      g_autoptr(AssayEntry) a = assay_entry_parse (g_ptr_array_index (bodies, i - 1), strlen (g_ptr_array_index (bodies, i - 1)), NULL);
      g_autoptr(AssayEntry) b = assay_entry_parse (g_ptr_array_index (bodies, i), strlen (g_ptr_array_index (bodies, i)), NULL);

      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_cmpuint (a->publication_day, <=, b->publication_day);
    }

  /* A second import extends the tree; the superseded partial tiles go. */
  g_ptr_array_set_size (lines, 0);
  for (guint i = 300; i < 310; i++)
    g_ptr_array_add (lines, event_line ("acct-more", 0, 10, i));
  import_ok (f, lines, "2026-12-31");
  g_clear_pointer (&checkpoint, assay_checkpoint_free);
  checkpoint = read_checkpoint (f);
  g_assert_cmpuint (checkpoint->size, ==, 310);
  g_clear_pointer (&bodies, g_ptr_array_unref);
  bodies = check_tree (checkpoint, fetch_file, f->data);
  {
    g_autofree char *old_tile = assay_tile_path (0, 1, 44);
    g_autofree char *old_entries = assay_tile_entries_path (1, 44);
    g_autofree char *old_bodies = assay_tile_body_path (1, 44);

    g_assert_null (read_rel (f->data, old_tile));
    g_assert_null (read_rel (f->data, old_entries));
    g_assert_null (read_rel (f->data, old_bodies));
  }
}

typedef struct
{
  const char *name;
  const char *lines[5];
  const char *expect[3];   /* fragments of stderr */
} BadCase;

static char *
replace (const char *text,
         const char *old,
         const char *new)
{
  g_auto(GStrv) parts = g_strsplit (text, old, 2);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strjoinv (new, parts);
}

static void
test_bad_lines (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *good1 = event_line ("acct-good", 0, 7, 1);
  g_autofree char *good2 = event_line ("acct-good", 1, 7, 2);
  g_autofree char *fresh = event_line ("acct-good", 2, 7, 3);
  g_autofree char *fresh2 = event_line ("acct-good", 3, 7, 4);
  g_autofree char *unknown_field = replace (fresh, "\"confirmer\"", "\"colour\":\"red\",\"confirmer\"");
  g_autofree char *unknown_kind = replace (fresh, "\"kind\":\"event\"", "\"kind\":\"bonus\"");
  g_autofree char *points = replace (fresh, "\"points\":13", "\"points\":2000000");
  g_autofree char *late = replace (fresh, "\"publication_date\":\"2026-03-10\"",
                                   "\"publication_date\":\"2026-05-10\"");
  g_autofree char *bad_date = replace (fresh, "\"event_date\":\"2026-03-03\"", "\"event_date\":\"2026-02-30\"");
  g_autofree char *big_issuer = g_strnfill (17000, 'x');
  g_autofree char *big_value = g_strdup_printf ("\"issuer\":\"%s\"", big_issuer);
  g_autofree char *oversized = replace (fresh, "\"issuer\":\"Qingpu ecology bureau\"", big_value);
  g_autofree char *bad_utf8 = replace (fresh, "Qingpu", "Qing\xff\xfepu");
  g_autofree char *roster_envelope = assay_test_envelope ("roster", "{\"v\":1}");
  g_autofree char *decision_envelope = assay_test_envelope ("decision", "{\"v\":1}");
  g_autofree char *roster = g_strdup_printf ("{\"kind\":\"roster\",\"envelope\":%s,"
                                             "\"logged\":\"2026-03-20\"}", roster_envelope);
  g_autofree char *decision = g_strdup_printf ("{\"kind\":\"decision\",\"envelope\":%s,"
                                               "\"logged\":\"2026-03-20\"}", decision_envelope);
  const BadCase cases[] = {
    { "malformed JSON", { fresh, "{\"kind\":\"event\",", NULL }, { "line 2:", "JSON" } },
    { "unknown field", { unknown_field, NULL }, { "line 1:", "colour" } },
    { "unknown kind", { unknown_kind, NULL }, { "line 1:", "kind" } },
    { "points out of range", { points, NULL }, { "line 1:", "points" } },
    { "publication date too late", { late, NULL }, { "line 1:", "publication_date" } },
    { "impossible date", { bad_date, NULL }, { "line 1:", "event_date" } },
    { "oversized line", { fresh, oversized, NULL }, { "line 2:", "16384" } },
    { "invalid UTF-8", { bad_utf8, NULL }, { "line 1:", "UTF-8" } },
    { "tombstone", { "{\"kind\":\"tombstone\",\"erased\":[0],\"issued\":\"2026-03-20\"}", NULL },
      { "line 1:", "erase" } },
    { "roster", { fresh, roster, NULL }, { "line 2:", "“roster” entries are written only by the central service" } },
    { "decision", { decision, NULL }, { "line 1:", "“decision” entries are written only by the central service" } },
    { "duplicate in the file", { fresh, fresh2, fresh, NULL }, { "line 3:", "earlier in this file" } },
    { "duplicate of an imported entry", { fresh, good1, NULL }, { "line 2:", "already imported" } },
    { "every bad line reported", { fresh, "[]", fresh2, "{", good2 }, { "line 2:", "line 4:", "line 5:" } },
    { "not JSON at all", { "kind=event", NULL }, { "line 1:" } },
  };
  g_autofree char *before = NULL;

  g_ptr_array_add (lines, g_strdup (good1));
  g_ptr_array_add (lines, g_strdup (good2));
  import_ok (f, lines, "2026-12-31");
  before = digest_dir (f->data);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) bad = g_ptr_array_new ();
      g_autofree char *file = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;

      g_test_message ("case: %s", cases[c].name);
      for (guint i = 0; i < G_N_ELEMENTS (cases[c].lines) && cases[c].lines[i] != NULL; i++)
        g_ptr_array_add (bad, (gpointer) cases[c].lines[i]);
      file = write_lines (f->tmp, "bad.jsonl", bad);
      g_assert_cmpint (central (&out, &err, "import", "--data", f->data, "--now", "2026-12-31", file, NULL), ==, 1);
      for (guint i = 0; i < G_N_ELEMENTS (cases[c].expect) && cases[c].expect[i] != NULL; i++)
        if (strstr (err, cases[c].expect[i]) == NULL)
          g_error ("%s: “%s” not in: %s", cases[c].name, cases[c].expect[i], err);
      g_assert_true (strstr (err, "nothing was imported") != NULL);
      after = digest_dir (f->data);
      g_assert_cmpstr (before, ==, after);
    }

  /* Standard input works, and the fresh lines are accepted after all. */
  {
    g_autofree char *text = g_strdup_printf ("%s\n%s\n", fresh, fresh2);
    const char *argv[] = { g_getenv ("ASSAY_CENTRAL"), "import", "--data", f->data, "--now",
                           "2026-12-31", "-", NULL };
    g_autofree char *out = NULL;
    g_autoptr(AssayCheckpoint) checkpoint = NULL;

    g_assert_cmpint (assay_test_run (argv, text, &out, NULL), ==, 0);
    checkpoint = read_checkpoint (f);
    g_assert_cmpuint (checkpoint->size, ==, 4);
  }
}

static void
test_bad_data_dir (Fixture *f, gconstpointer user_data)
{
  g_autofree char *missing = g_build_filename (f->tmp, "missing", NULL);
  g_autofree char *foreign = g_build_filename (f->tmp, "foreign", NULL);
  g_autofree char *foreign_db = g_build_filename (foreign, "central.db", NULL);
  g_autofree char *sqlite_dir = g_build_filename (f->tmp, "sqlite", NULL);
  g_autofree char *sqlite_db = g_build_filename (sqlite_dir, "central.db", NULL);
  g_autofree char *key = g_build_filename (f->data, "log.key", NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *file = NULL;
  g_autofree char *before = NULL;
  g_autofree char *foreign_before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db = NULL;
  const char *dirs[] = { missing, foreign, sqlite_dir };

  g_ptr_array_add (lines, event_line ("acct-dir", 0, 7, 1));
  file = write_lines (f->tmp, "in.jsonl", lines);

  g_assert_cmpint (g_mkdir (foreign, 0755), ==, 0);
  g_assert_true (g_file_set_contents (foreign_db, "this is not a database", -1, NULL));
  g_assert_cmpint (g_mkdir (sqlite_dir, 0755), ==, 0);
  g_assert_cmpint (sqlite3_open (sqlite_db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE meta (key, value); INSERT INTO meta VALUES ('format', 'other')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      const char *commands[][2] = { { "import", file }, { "publish", NULL }, { "serve", NULL } };

      g_clear_pointer (&foreign_before, g_free);
      if (i > 0)
        foreign_before = digest_dir (dirs[i]);
      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          g_autofree char *err = NULL;
          int status;

          if (g_str_equal (commands[c][0], "serve"))
            status = central (NULL, &err, "serve", "--data", dirs[i], "--listen", "127.0.0.1:0", NULL);
          else
            status = central (NULL, &err, commands[c][0], "--data", dirs[i], commands[c][1], NULL);
          g_assert_cmpint (status, ==, 1);
          g_assert_true (strstr (err, i == 0 ? "does not exist" : "not an assay-central data directory") != NULL);
        }
      if (i > 0)
        {
          g_clear_pointer (&after, g_free);
          after = digest_dir (dirs[i]);
          g_assert_cmpstr (foreign_before, ==, after);
        }
      else
        g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    }

  /* A key others may read is refused, with the fix in the message. */
  before = digest_dir (f->data);
  g_assert_cmpint (g_chmod (key, 0644), ==, 0);
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (central (NULL, &err, "import", "--data", f->data, "--now", "2026-12-31", file, NULL), ==, 1);
    g_assert_true (strstr (err, "chmod 600") != NULL);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (central (NULL, &err, "publish", "--data", f->data, NULL), ==, 1);
    g_assert_true (strstr (err, "chmod 600") != NULL);
  }
  g_clear_pointer (&after, g_free);
  after = digest_dir (f->data);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (g_chmod (key, 0600), ==, 0);
  import_ok (f, lines, "2026-12-31");

  /* Bad dates are usage errors. */
  g_assert_cmpint (central (NULL, NULL, "import", "--data", f->data, "--now", "2026-02-30", file, NULL), ==, 2);
  g_assert_cmpint (central (NULL, NULL, "publish", "--data", f->data, "--now", "tomorrow", NULL), ==, 2);
  g_assert_cmpint (central (NULL, NULL, "import", "--data", f->data, NULL), ==, 2);
}

/* ---- Article Y: pending entries ---------------------------------------- */

static guint64
tree_size (Fixture *f)
{
  g_autoptr(AssayCheckpoint) checkpoint = read_checkpoint (f);

  return checkpoint->size;
}

static void
publish (Fixture *f, const char *now)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (central (NULL, &err, "publish", "--data", f->data, "--now", now, NULL), ==, 0);
}

static void
test_pending (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  g_autoptr(GPtrArray) bodies = NULL;

  /* File order: published 03-12, 03-11, 03-11, 03-08, 03-31. */
  g_ptr_array_add (lines, event_line ("acct-y", 0, 11, 0));
  g_ptr_array_add (lines, event_line ("acct-y", 1, 9, 1));
  g_ptr_array_add (lines, event_line ("acct-y", 3, 7, 2));
  g_ptr_array_add (lines, event_line ("acct-y", 0, 7, 3));
  g_ptr_array_add (lines, event_line ("acct-y", 1, 29, 4));

  import_ok (f, lines, "2026-03-07");
  g_assert_cmpuint (tree_size (f), ==, 0);
  publish (f, "2026-03-08");
  g_assert_cmpuint (tree_size (f), ==, 1);
  publish (f, "2026-03-08");
  g_assert_cmpuint (tree_size (f), ==, 1);
  publish (f, "2026-03-12");
  g_assert_cmpuint (tree_size (f), ==, 4);

  /* A later import also integrates what has come due: 4 (due 03-31)
   * joins after 5 (due 03-28) although it was imported first. */
  g_ptr_array_set_size (lines, 0);
  g_ptr_array_add (lines, event_line ("acct-y", 20, 7, 5));
  import_ok (f, lines, "2026-04-01");
  checkpoint = read_checkpoint (f);
  g_assert_cmpuint (checkpoint->size, ==, 6);
  bodies = check_tree (checkpoint, fetch_file, f->data);
  {
    const guint expected[] = { 3, 1, 2, 0, 5, 4 };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autofree char *line = event_line ("acct-y", (int[]) { 0, 1, 3, 0, 1, 20 }[expected[i]],
                                            (int[]) { 11, 9, 7, 7, 29, 7 }[expected[i]], expected[i]);

        g_assert_cmpstr (g_ptr_array_index (bodies, i), ==, line);
      }
  }
}

/* ---- Article V: erase ------------------------------------------------- */

static GHashTable *
snapshot_tiles (const char *dir)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);

  g_ptr_array_add (stack, g_strdup ("tile"));
  while (stack->len > 0)
    {
      g_autofree char *rel = g_ptr_array_steal_index (stack, stack->len - 1);
      g_autofree char *path = g_build_filename (dir, rel, NULL);
      g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      if (d == NULL)
        {
          g_hash_table_insert (files, g_steal_pointer (&rel), read_rel (dir, rel));
          continue;
        }
      while ((name = g_dir_read_name (d)) != NULL)
        g_ptr_array_add (stack, g_build_filename (rel, name, NULL));
    }
  return files;
}

static void
assert_no_trace (const char *dir,
                 const char *needle)
{
  const char *names[] = { "central.db", "central.db-journal", "central.db-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (file_contains (path, needle))
        g_error ("“%s” is still in %s", needle, path);
    }
}

static char *
evidence_of (const char *account,
             guint       n)
{
  g_autofree char *activity = g_strdup_printf ("act:%s:%u", account, n);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, activity, -1);
}

static guint32
julian_of (int offset)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_MARCH, 2026);
  g_date_add_days (&date, offset);
  return g_date_get_julian (&date);
}

static void
test_erase (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GBytes) old_bodies = NULL;
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  g_autoptr(GPtrArray) bodies = NULL;
  g_autoptr(AssayEntry) tombstone = NULL;
  g_autoptr(GArray) erased = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree char *db_path = g_build_filename (f->data, "central.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *keep = evidence_of ("acct-target", 0);
  g_autofree char *pending = evidence_of ("acct-target", 100);
  GHashTableIter iter;
  gpointer key, value;

  /* 40 published entries, 2 pending ones of the target in the period. */
  for (guint i = 0; i < 20; i++)
    {
      g_ptr_array_add (lines, event_line ("acct-target", i, 7, i));
      g_ptr_array_add (lines, event_line ("acct-other", i, 7, i));
    }
  g_ptr_array_add (lines, event_line ("acct-target", 8, 30, 100));
  g_ptr_array_add (lines, event_line ("acct-target", 9, 30, 101));
  import_ok (f, lines, "2026-04-01");
  g_assert_cmpuint (tree_size (f), ==, 40);
  /* Published bodies live only in the body bundles; pending ones wait in
   * the database, so the search below can find a body there. */
  g_assert_false (file_contains (db_path, keep));
  g_assert_true (file_contains (db_path, pending));

  before = snapshot_tiles (f->data);
  old_bodies = read_rel (f->data, "body/000.p/40");
  g_assert_nonnull (old_bodies);

  /* Target events on days 5..14 (2026-03-06 .. 2026-03-15). */
  g_assert_cmpint (central (&out, &err, "erase", "--data", f->data, "--account", "acct-target",
                            "--from", "2026-03-06", "--to", "2026-03-15", "--now", "2026-04-02", NULL), ==, 0);
  g_assert_true (strstr (out, "10") != NULL);

  /* No byte of the erased bodies is left in the database files. */
  for (guint n = 5; n <= 14; n++)
    {
      g_autofree char *evidence = evidence_of ("acct-target", n);

      assert_no_trace (f->data, evidence);
    }
  for (guint n = 100; n <= 101; n++)
    {
      g_autofree char *evidence = evidence_of ("acct-target", n);

      assert_no_trace (f->data, evidence);
    }
  {
    g_autofree char *bundle = g_build_filename (f->data, "body", "000.p", "41", NULL);

    g_assert_true (file_contains (bundle, keep));
  }

  /* Hash tiles and entry bundles of existing entries: unchanged (a
   * superseded partial is a prefix of its successor). */
  after = snapshot_tiles (f->data);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GBytes *now = g_hash_table_lookup (after, key);

      if (now == NULL)
        {
          g_autofree char *successor = replace (key, ".p/40", ".p/41");

          now = g_hash_table_lookup (after, successor);
          g_assert_nonnull (now);
          g_assert_cmpuint (g_bytes_get_size (now), >, g_bytes_get_size (value));
          g_assert_cmpmem (g_bytes_get_data (now, NULL), g_bytes_get_size (value),
                           g_bytes_get_data (value, NULL), g_bytes_get_size (value));
        }
      else
        g_assert_true (g_bytes_equal (now, value));
    }

  checkpoint = read_checkpoint (f);
  g_assert_cmpuint (checkpoint->size, ==, 41);
  bodies = check_tree (checkpoint, fetch_file, f->data);
  for (guint i = 0; i < 40; i++)
    {
      const char *body = g_ptr_array_index (bodies, i);
      g_autoptr(AssayEntry) entry = NULL;
      AssayBodyRef refs[ASSAY_BUNDLE_MAX_ENTRIES];
      guint n = 0;

      g_assert_true (assay_body_bundle_decode (g_bytes_get_data (old_bodies, NULL), g_bytes_get_size (old_bodies),
                                               40, refs, &n, NULL));
      entry = assay_entry_parse (refs[i].body, refs[i].len, NULL);
      g_assert_nonnull (entry);
      if (g_str_equal (entry->account, "acct-target")
          && entry->event_day >= julian_of (5) && entry->event_day <= julian_of (14))
        {
          guint64 idx = i;

          g_assert_null (body);
          g_array_append_val (erased, idx);
        }
      else
        {
          g_assert_nonnull (body);
          g_assert_cmpmem (body, strlen (body), refs[i].body, refs[i].len);
        }
    }
  g_assert_cmpuint (erased->len, ==, 10);
  tombstone = assay_entry_parse (g_ptr_array_index (bodies, 40), strlen (g_ptr_array_index (bodies, 40)), NULL);
  g_assert_nonnull (tombstone);
  g_assert_cmpint (tombstone->kind, ==, ASSAY_ENTRY_TOMBSTONE);
  g_assert_cmpuint (tombstone->n_erased, ==, erased->len);
  g_assert_cmpmem (tombstone->erased, tombstone->n_erased * sizeof (guint64), erased->data,
                   erased->len * sizeof (guint64));
  g_assert_true (strstr (g_ptr_array_index (bodies, 40), "acct-target") == NULL);

  /* The erased pending entries never join. */
  publish (f, "2026-12-31");
  g_assert_cmpuint (tree_size (f), ==, 41);

  /* Erasing nothing changes nothing. */
  {
    g_autofree char *digest = digest_dir (f->data);
    g_autofree char *digest_after = NULL;

    g_assert_cmpint (central (NULL, NULL, "erase", "--data", f->data, "--account", "acct-nobody",
                              "--from", "2026-03-01", "--to", "2026-03-31", NULL), ==, 0);
    digest_after = digest_dir (f->data);
    g_assert_cmpstr (digest, ==, digest_after);
  }
  g_assert_cmpint (central (NULL, NULL, "erase", "--data", f->data, "--account", "acct-target",
                            "--from", "2026-03-31", "--to", "2026-03-01", NULL), ==, 2);
  g_assert_cmpint (central (NULL, NULL, "erase", "--data", f->data, "--account", "Bad Account",
                            "--from", "2026-03-01", "--to", "2026-03-31", NULL), ==, 2);
}

/* ---- serve ------------------------------------------------------------ */

typedef struct
{
  GSubprocess *proc;
  char        *base;   /* http://127.0.0.1:PORT/ */
  guint16      port;
} ServerProc;

static void
server_start (ServerProc *server,
              const char *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;
  const char *prefix = "listening on http://127.0.0.1:";

  server->proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("ASSAY_CENTRAL"),
                                   "serve", "--data", data, "--listen", "127.0.0.1:0", "--verbose", NULL);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->proc));
  line = g_data_input_stream_read_line (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, prefix));
  server->port = g_ascii_strtoull (line + strlen (prefix), NULL, 10);
  g_assert_cmpuint (server->port, >, 0);
  server->base = g_strdup_printf ("http://127.0.0.1:%u/", server->port);
}

static void
server_stop (ServerProc *server)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (server->proc, SIGTERM);
  g_subprocess_wait (server->proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (server->proc));
  g_assert_cmpint (g_subprocess_get_exit_status (server->proc), ==, 0);
  g_clear_object (&server->proc);
  g_clear_pointer (&server->base, g_free);
}

typedef struct
{
  SoupSession *session;
  const char  *base;
} Client;

static GBytes *
http (Client      *client,
      const char  *method,
      const char  *rel,
      const char  *if_none_match,
      guint       *out_status,
      SoupMessageHeaders **out_headers)
{
  g_autofree char *url = g_strconcat (client->base, rel, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  GBytes *body;

  g_assert_nonnull (msg);
  if (if_none_match != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match", if_none_match);
  body = soup_session_send_and_read (client->session, msg, NULL, &error);
  g_assert_no_error (error);
  *out_status = soup_message_get_status (msg);
  if (out_headers != NULL)
    *out_headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return body;
}

/* Fetches a tile or bundle and checks its status and caching headers. */
static GBytes *
fetch_http (const char *rel,
            gpointer    user_data)
{
  Client *client = user_data;
  SoupMessageHeaders *headers = NULL;
  guint status = 0;
  GBytes *body = http (client, "GET", rel, NULL, &status, &headers);

  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==, "application/octet-stream");
  if (g_str_has_prefix (rel, "body/"))
    {
      g_assert_cmpstr (soup_message_headers_get_one (headers, "Cache-Control"), ==, "no-cache");
      g_assert_nonnull (soup_message_headers_get_one (headers, "ETag"));
    }
  else
    g_assert_cmpstr (soup_message_headers_get_one (headers, "Cache-Control"), ==,
                     "public, max-age=31536000, immutable");
  soup_message_headers_unref (headers);
  return body;
}

static void
expect_status (Client     *client,
               const char *method,
               const char *rel,
               guint       expected)
{
  guint status = 0;
  g_autoptr(GBytes) body = http (client, method, rel, NULL, &status, NULL);

  if (status != expected)
    g_error ("%s /%s: %u, expected %u", method, rel, status, expected);
}

/* Asks for a bundle and hangs up after a few bytes. */
static void
disconnect_mid_response (guint16     port,
                         const char *rel)
{
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request = g_strdup_printf ("GET /%s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", rel);
  char buf[16];

  conn = g_socket_client_connect_to_host (socket_client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), request,
                             strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  g_input_stream_read_all (g_io_stream_get_input_stream (G_IO_STREAM (conn)), buf, sizeof buf,
                           NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);

  /* And one that never finishes its request. */
  g_clear_object (&conn);
  conn = g_socket_client_connect_to_host (socket_client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), "GET /tile/0/", 12,
                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
}

typedef struct
{
  guint pending;
  guint ok;
} Concurrent;

static void
concurrent_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Concurrent *state = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  if (body != NULL && g_bytes_get_size (body) > 0)
    state->ok++;
  state->pending--;
}

static void
many_clients (Client *client)
{
  Concurrent state = { 0, 0 };
  const char *rels[] = { "checkpoint", "tile/0/000", "tile/entries/000", "body/000", "tile/0/001.p/44" };
  GMainContext *context = g_main_context_get_thread_default ();

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *url = g_strconcat (client->base, rels[i % G_N_ELEMENTS (rels)], NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

      state.pending++;
      soup_session_send_and_read_async (client->session, msg, G_PRIORITY_DEFAULT, NULL,
                                        concurrent_done_cb, &state);
    }
  while (state.pending > 0)
    g_main_context_iteration (context, TRUE);
  g_assert_cmpuint (state.ok, ==, 100);
}

/* ---- rosters and decisions; the writers' lock ------------------------------- */

static void
assert_unchanged (const char *dir,
                  const char *before)
{
  g_autofree char *after = digest_dir (dir);

  g_assert_cmpstr (after, ==, before);
}

static char *
write_text (const char *dir,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_logged (const char     *body,
               AssayEntryKind  kind,
               const char     *envelope)
{
  g_autoptr(AssayEntry) entry = assay_entry_parse (body, strlen (body), NULL);
  g_autofree char *expected = g_strdup_printf ("{\"kind\":\"%s\",\"envelope\":%s,\"logged\":\"2026-12-31\"}",
                                               assay_entry_kind_to_id (kind), envelope);

  g_assert_nonnull (entry);
  g_assert_cmpint (entry->kind, ==, kind);
  g_assert_cmpstr (entry->envelope, ==, envelope);
  g_assert_cmpstr (body, ==, expected);
}

/* append-envelope logs a roster or a decision at once, in the served tree,
 * with the envelope's bytes as given; what the ledger would refuse it
 * refuses, changing nothing. */
static void
test_append_envelope (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *roster = assay_test_envelope ("roster", "{\"version\":1}");
  g_autofree char *decision = assay_test_envelope ("decision", "{\"outcome\":\"upheld\"}");
  g_autofree char *roster_text = g_strconcat ("  ", roster, "\n\n", NULL);
  g_autofree char *roster_file = write_text (f->tmp, "roster.json", roster_text);
  g_autofree char *decision_file = write_text (f->tmp, "decision.json", decision);
  g_autofree char *injected = g_strconcat (roster, ",\"logged\":\"2020-01-01\"", NULL);
  g_autofree char *injected_file = write_text (f->tmp, "injected.json", injected);
  g_autofree char *broken_file = write_text (f->tmp, "broken.json", "{\"payloadType\":");
  g_autofree char *missing_file = g_build_filename (f->tmp, "missing.json", NULL);
  const struct { const char *kind; const char *file; const char *expect; } refused[] = {
    { "roster", decision_file, "must be “application/vnd.assay.roster.v1+json” in “roster” entries" },
    { "decision", roster_file, "must be “application/vnd.assay.decision.v1+json” in “decision” entries" },
    { "roster", injected_file, "not one JSON value" },
    { "roster", broken_file, "not one JSON value" },
    { "roster", missing_file, "missing.json" },
  };
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  g_autoptr(GPtrArray) bodies = NULL;
  g_autofree char *before = NULL;
  g_autofree char *out = NULL;

  g_ptr_array_add (lines, event_line ("acct-one", 0, 7, 1));
  g_ptr_array_add (lines, event_line ("acct-one", 1, 7, 2));
  import_ok (f, lines, "2026-12-31");
  g_assert_cmpint (central (&out, NULL, "append-envelope", "--data", f->data, "--kind", "roster",
                            "--now", "2026-12-31", roster_file, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "index 2"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (central (&out, NULL, "append-envelope", "--data", f->data, "--kind", "decision",
                            "--now", "2026-12-31", decision_file, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "index 3"));

  checkpoint = read_checkpoint (f);
  g_assert_cmpuint (checkpoint->size, ==, 4);
  bodies = check_tree (checkpoint, fetch_file, f->data);
  assert_logged (g_ptr_array_index (bodies, 2), ASSAY_ENTRY_ROSTER, roster);
  assert_logged (g_ptr_array_index (bodies, 3), ASSAY_ENTRY_DECISION, decision);

  before = digest_dir (f->data);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (central (NULL, &err, "append-envelope", "--data", f->data, "--kind", refused[i].kind,
                                refused[i].file, NULL), ==, 1);
      if (strstr (err, refused[i].expect) == NULL)
        g_error ("“%s” not in: %s", refused[i].expect, err);
      assert_unchanged (f->data, before);
    }
  g_assert_cmpint (central (NULL, NULL, "append-envelope", "--data", f->data, "--kind", "event",
                            roster_file, NULL), ==, 2);
  g_assert_cmpint (central (NULL, NULL, "append-envelope", "--data", f->data, "--kind", "roster", NULL), ==, 2);

  /* Imports go on after them. */
  g_ptr_array_set_size (lines, 0);
  g_ptr_array_add (lines, event_line ("acct-two", 2, 7, 3));
  import_ok (f, lines, "2026-12-31");
  g_clear_pointer (&checkpoint, assay_checkpoint_free);
  checkpoint = read_checkpoint (f);
  g_assert_cmpuint (checkpoint->size, ==, 5);
}

/* Holds the writers' lock as another assay-central process would. */
static int
hold_lock (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->data, "central.lock", NULL);
  int fd = open (path, O_RDWR | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);
  return fd;
}

/* With the lock held, every writer gives up after the timeout with the
 * reason and leaves the data as it was; one that waits long enough goes
 * ahead once the lock is released. */
static void
test_writer_lock (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *file = NULL;
  g_autofree char *envelope = assay_test_envelope ("decision", "{\"v\":1}");
  g_autofree char *envelope_file = write_text (f->tmp, "decision.json", envelope);
  g_autofree char *before = NULL;
  g_autofree char *expect = g_strdup_printf ("Another assay-central process is writing to %s; waited 1 s",
                                             f->data);
  g_autoptr(GSubprocess) waiting = NULL;
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  g_ptr_array_add (lines, event_line ("acct-one", 0, 7, 1));
  file = write_lines (f->tmp, "in.jsonl", lines);
  fd = hold_lock (f);
  before = digest_dir (f->data);

  g_setenv ("ASSAY_CENTRAL_LOCK_TIMEOUT", "1", TRUE);
  {
    const char *commands[][7] = {
      { "import", "--data", f->data, "--now", "2026-12-31", file, NULL },
      { "publish", "--data", f->data, NULL },
      { "append-envelope", "--data", f->data, "--kind", "decision", envelope_file, NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      {
        const char *argv[8] = { g_getenv ("ASSAY_CENTRAL") };
        g_autofree char *err = NULL;
        gint64 start = g_get_monotonic_time ();

        memcpy (argv + 1, commands[i], sizeof commands[i]);
        g_assert_cmpint (assay_test_run (argv, NULL, NULL, &err), ==, 1);
        g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
        if (strstr (err, expect) == NULL)
          g_error ("“%s” not in: %s", expect, err);
        assert_unchanged (f->data, before);
      }
  }

  g_setenv ("ASSAY_CENTRAL_LOCK_TIMEOUT", "30", TRUE);
  waiting = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, g_getenv ("ASSAY_CENTRAL"),
                              "import", "--data", f->data, "--now", "2026-12-31", file, NULL);
  g_unsetenv ("ASSAY_CENTRAL_LOCK_TIMEOUT");
  g_assert_no_error (error);
  g_usleep (G_USEC_PER_SEC / 2);
  assert_unchanged (f->data, before);
  close (fd);
  g_assert_true (g_subprocess_wait_check (waiting, NULL, &error));
  g_assert_no_error (error);
  checkpoint = read_checkpoint (f);
  g_assert_cmpuint (checkpoint->size, ==, 1);
}

static void
test_serve (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns-per-host", 32, NULL);
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  g_autoptr(GPtrArray) bodies = NULL;
  g_autoptr(GBytes) note = NULL;
  g_autoptr(GBytes) level1 = NULL;
  g_autoptr(GBytes) level0 = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  SoupMessageHeaders *headers = NULL;
  ServerProc server = { NULL };
  Client client = { session, NULL };
  guint status = 0;
  const char *not_found[] = {
    "tile/0/002", "tile/0/001", "tile/0/001.p/45", "tile/0/001.p/43", "tile/1/000", "tile/1/000.p/2",
    "tile/2/000.p/1", "tile/entries/001.p/45", "body/002", "tile/0/0", "tile/0/000.p/256",
    "tile/0/000.p/0", "tile/0/001.p/044", "tile/0/x000/001.p/44", "central.db", "log.key",
    "tile/../log.key", "%2e%2e/%2e%2e/etc/passwd", "tile/%2e%2e/central.db", "tile/0/000.tmp", "", "tile/", "tile/entries/",
    "checkpoint/x", "tile/0/000/",
  };

  for (guint i = 0; i < 300; i++)
    g_ptr_array_add (lines, event_line ("acct-serve", i % 20, 7, i));
  import_ok (f, lines, "2026-12-31");
  before = digest_dir (f->data);

  server_start (&server, f->data);
  client.base = server.base;

  /* The checkpoint verifies with the printed key. */
  note = http (&client, "GET", "checkpoint", NULL, &status, &headers);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Content-Type"), ==, "text/plain; charset=utf-8");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Cache-Control"), ==, "no-cache");
  g_clear_pointer (&headers, soup_message_headers_unref);
  checkpoint = open_checkpoint (f->vkey, note);
  g_assert_cmpuint (checkpoint->size, ==, 300);

  /* The root from the level-0 tiles, each leaf, each body. */
  bodies = check_tree (checkpoint, fetch_http, &client);
  g_assert_cmpuint (bodies->len, ==, 300);

  /* The level-1 tile holds the root of the full level-0 tile. */
  level1 = fetch_http ("tile/1/000.p/1", &client);
  level0 = fetch_http ("tile/0/000", &client);
  {
    guint8 root[ASSAY_HASH_SIZE];

    assay_merkle_root_of_leaves (g_bytes_get_data (level0, NULL), 256, root);
    g_assert_cmpmem (g_bytes_get_data (level1, NULL), g_bytes_get_size (level1), root, sizeof root);
  }

  /* ETag revalidation of body bundles. */
  {
    g_autoptr(GBytes) b1 = http (&client, "GET", "body/000", NULL, &status, &headers);
    g_autofree char *etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
    g_autoptr(GBytes) b2 = NULL;

    g_clear_pointer (&headers, soup_message_headers_unref);
    b2 = http (&client, "GET", "body/000", etag, &status, NULL);
    g_assert_cmpuint (status, ==, 304);
    g_assert_cmpuint (g_bytes_get_size (b2), ==, 0);
  }

  /* HEAD: headers only. */
  {
    g_autoptr(GBytes) head = http (&client, "HEAD", "tile/0/000", NULL, &status, &headers);

    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpuint (g_bytes_get_size (head), ==, 0);
    g_assert_cmpint (soup_message_headers_get_content_length (headers), ==, 8192);
    g_clear_pointer (&headers, soup_message_headers_unref);
  }

  for (guint i = 0; i < G_N_ELEMENTS (not_found); i++)
    expect_status (&client, "GET", not_found[i], 404);
  expect_status (&client, "POST", "checkpoint", 405);
  expect_status (&client, "PUT", "tile/0/000", 405);
  expect_status (&client, "DELETE", "checkpoint", 405);

  /* Clients that hang up do not hurt the server; many at once are fine. */
  disconnect_mid_response (server.port, "body/000");
  disconnect_mid_response (server.port, "tile/0/000");
  many_clients (&client);
  expect_status (&client, "GET", "checkpoint", 200);

  /* A second server on the same port: a clear message, exit 1. */
  {
    g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", server.port);
    g_autofree char *err = NULL;

    g_assert_cmpint (central (NULL, &err, "serve", "--data", f->data, "--listen", listen, NULL), ==, 1);
    g_assert_true (strstr (err, "already in use") != NULL);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (central (NULL, &err, "serve", "--data", f->data, "--listen", "localhost", NULL), ==, 2);
  }

  after = digest_dir (f->data);
  g_assert_cmpstr (before, ==, after);

  /* What import writes while serving is visible at once. */
  g_ptr_array_set_size (lines, 0);
  for (guint i = 300; i < 320; i++)
    g_ptr_array_add (lines, event_line ("acct-serve", 0, 7, i));
  import_ok (f, lines, "2026-12-31");
  {
    g_autoptr(GBytes) note2 = http (&client, "GET", "checkpoint", NULL, &status, NULL);
    g_autoptr(AssayCheckpoint) checkpoint2 = open_checkpoint (f->vkey, note2);
    g_autoptr(GPtrArray) bodies2 = NULL;

    g_assert_cmpuint (checkpoint2->size, ==, 320);
    bodies2 = check_tree (checkpoint2, fetch_http, &client);
    expect_status (&client, "GET", "tile/0/001.p/44", 404);
  }

  server_stop (&server);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assay/central/usage", test_usage);
  g_test_add ("/assay/central/init", Fixture, NULL, fixture_setup, test_init, fixture_teardown);
  g_test_add ("/assay/central/init-refuses", Fixture, NULL, fixture_setup, test_init_refuses, fixture_teardown);
  g_test_add ("/assay/central/import", Fixture, NULL, fixture_setup, test_import, fixture_teardown);
  g_test_add ("/assay/central/bad-lines", Fixture, NULL, fixture_setup, test_bad_lines, fixture_teardown);
  g_test_add ("/assay/central/bad-data-dir", Fixture, NULL, fixture_setup, test_bad_data_dir, fixture_teardown);
  g_test_add ("/assay/central/pending", Fixture, NULL, fixture_setup, test_pending, fixture_teardown);
  g_test_add ("/assay/central/erase", Fixture, NULL, fixture_setup, test_erase, fixture_teardown);
  g_test_add ("/assay/central/serve", Fixture, NULL, fixture_setup, test_serve, fixture_teardown);
  g_test_add ("/assay/central/append-envelope", Fixture, NULL, fixture_setup, test_append_envelope,
              fixture_teardown);
  g_test_add ("/assay/central/writer-lock", Fixture, NULL, fixture_setup, test_writer_lock, fixture_teardown);

  return g_test_run ();
}

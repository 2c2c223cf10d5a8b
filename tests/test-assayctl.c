/* test-assayctl.c — assayctl's replica commands, end to end
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

#include "assay-note.h"
#include "assay-test-central.h"
#include "assay-test-util.h"

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_usage_errors (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (assay_test_assayctl (&out, &err, "status", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--replica"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", "x.db", "sync", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--server"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", "x.db", "prove", "--out", "p", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", "x.db", "status", "--frobnicate", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "check-proof", "file", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", "x.db", "sync", "--server", "http://127.0.0.1:1/",
                             "--log-key", "not a key", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  /* A negative index is named, not answered with the generic usage. */
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", "x.db", "prove", "--index", "-1", "--out", "p",
                             NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--index -1 is not an entry"));
  g_clear_pointer (&err, g_free);
  /* A key that is no key is the caller's mistake, not the proof's. */
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "check-proof", "--log-key", "not a key", "file", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--log-key is not a verifier key"));
  g_assert_null (strstr (err, "does not hold"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", "x.db", "entries", "--account", "", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--account needs"));
}

static void
test_bad_replica_files (void)
{
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *corrupt = g_build_filename (dir, "corrupt.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  static const char * const readers[] = { "status", "verify", "entries" };
  g_autofree char *unwritable = g_build_filename (corrupt, "replica.db", NULL);
  g_autofree char *err = NULL;
  g_autofree char *junk = g_strnfill (5000, 'j');
  g_autoptr(AssayNoteSigner) signer = assay_note_signer_generate ("x.test/log", NULL);
  g_autofree char *key = assay_note_signer_get_verifier_string (signer);

  g_assert_true (g_file_set_contents (corrupt, junk, -1, NULL));
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", corrupt, "status", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "damaged"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", missing, "status", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no replica"));
  g_clear_pointer (&err, g_free);
  /* A 0-byte file is empty, not an old replica that needs an upgrade. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", empty, readers[i], NULL), ==, 1);
      g_assert_nonnull (strstr (err, "is empty"));
      g_assert_null (strstr (err, "upgrade"));
      g_clear_pointer (&err, g_free);
    }
  g_assert_true (g_file_test (empty, G_FILE_TEST_EXISTS));
  /* A first sync that fails leaves no replica file behind. */
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", missing, "sync", "--server", "http://127.0.0.1:1/",
                             "--log-key", key, "--timeout", "5", NULL), ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  {
    g_autofree char *wal = g_strconcat (missing, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  g_clear_pointer (&err, g_free);
  /* A location where nothing can be written. */
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", unwritable, "sync", "--server", "http://127.0.0.1:1/",
                             "--log-key", key, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Cannot"));
  assay_test_rmdir (dir);
}

static char *
tamper_proof (const char *text,
              const char *what)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_equal (what, "body") && g_str_has_prefix (lines[i], "extra "))
        {
          gsize len = 0;
          g_autofree guint8 *extra = g_base64_decode (lines[i] + 6, &len);
          g_autofree char *encoded = NULL;

          /* "points":N -> another digit inside the body. */
          for (gsize j = 32; j + 9 < len; j++)
            if (memcmp (extra + j, "\"points\":", 9) == 0)
              {
                extra[j + 9] = extra[j + 9] == '9' ? '8' : '9';
                break;
              }
          encoded = g_base64_encode (extra, len);
          g_free (lines[i]);
          lines[i] = g_strconcat ("extra ", encoded, NULL);
        }
      else if (g_str_equal (what, "index") && g_str_has_prefix (lines[i], "index "))
        {
          guint64 index = g_ascii_strtoull (lines[i] + 6, NULL, 10);

          g_free (lines[i]);
          lines[i] = g_strdup_printf ("index %" G_GUINT64_FORMAT, index + 1);
        }
    }
  return g_strjoinv ("\n", lines);
}

/* The central's input line whose activity or request id is `id`. */
static const char *
find_line (char      **bodies,
           const char *id)
{
  g_autofree char *activity = g_strdup_printf ("\"activity\":\"%s\"", id);
  g_autofree char *request = g_strdup_printf ("\"request\":\"%s\"", id);

  for (guint i = 0; bodies[i] != NULL; i++)
    if (strstr (bodies[i], activity) != NULL || strstr (bodies[i], request) != NULL)
      return bodies[i];
  g_assert_not_reached ();
}

/* Each entry of `entries --json` against its line of the central's input
 * (which publishes in order of publication date, so found by its id): the
 * body's fields, with the rule split into rule_id and rule_inputs. */
static void
assert_entries_match_lines (JsonArray  *entries,
                            const char *lines)
{
  g_auto(GStrv) bodies = g_strsplit (lines, "\n", -1);
  guint n_redemptions = 0, n_events = 0;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *got = json_array_get_object_element (entries, i);
      const char *id = json_object_has_member (got, "request")
                       ? json_object_get_string_member (got, "request")
                       : json_object_get_string_member (got, "activity");
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *body;

      g_assert_nonnull (id);
      g_assert_true (json_parser_load_from_data (parser, find_line (bodies, id), -1, NULL));
      body = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (got, "account"), ==,
                       json_object_get_string_member (body, "account"));
      g_assert_cmpint (json_object_get_int_member (got, "points"), ==,
                       json_object_get_int_member (body, "points"));
      g_assert_cmpstr (json_object_get_string_member (got, "kind"), ==,
                       json_object_get_string_member (body, "kind"));
      g_assert_cmpstr (json_object_get_string_member (got, "publication_date"), ==,
                       json_object_get_string_member (body, "publication_date"));
      g_assert_cmpstr (json_object_get_string_member (got, "distributor"), ==,
                       json_object_get_string_member (body, "distributor"));
      g_assert_cmpstr (json_object_get_string_member (got, "account_kind"), ==,
                       json_object_get_string_member (body, "account_kind"));
      if (g_str_equal (json_object_get_string_member (body, "kind"), "redemption"))
        {
          n_redemptions++;
          g_assert_cmpstr (json_object_get_string_member (got, "tier"), ==,
                           json_object_get_string_member (body, "tier"));
          g_assert_cmpstr (json_object_get_string_member (got, "item"), ==,
                           json_object_get_string_member (body, "item"));
          g_assert_cmpstr (json_object_get_string_member (got, "request"), ==,
                           json_object_get_string_member (body, "request"));
          g_assert_false (json_object_has_member (got, "rule_id"));
          continue;
        }
      n_events++;
      g_assert_cmpstr (json_object_get_string_member (got, "rule_id"), ==,
                       json_object_get_string_member (json_object_get_object_member (body, "rule"), "id"));
      g_assert_true (json_node_equal (json_object_get_member (got, "rule_inputs"),
                                      json_object_get_member (json_object_get_object_member (body, "rule"),
                                                              "inputs")));
      g_assert_cmpstr (json_object_get_string_member (got, "activity"), ==,
                       json_object_get_string_member (body, "activity"));
      g_assert_cmpstr (json_object_get_string_member (got, "evidence"), ==,
                       json_object_get_string_member (body, "evidence"));
      g_assert_true (json_object_get_null_member (got, "confirmer"));
      g_assert_true (json_object_get_null_member (body, "confirmer"));
    }
  g_assert_cmpuint (n_events, >, 0);
  g_assert_cmpuint (n_redemptions, >, 0);
}

static void
test_end_to_end (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("cli.test/log");
  g_autofree char *lines = assay_test_lines (0, 500, NULL, NULL);
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *proof = g_build_filename (dir, "proof.txt", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.txt", NULL);
  g_autofree char *missing_proof = g_build_filename (dir, "none.txt", NULL);
  g_autofree char *missing_folder = g_build_filename (dir, "no-such-folder", NULL);
  g_autofree char *in_missing = g_build_filename (missing_folder, "x.proof", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(AssayNoteSigner) other = assay_note_signer_generate ("cli.test/log", NULL);
  g_autofree char *other_key = assay_note_signer_get_verifier_string (other);
  JsonObject *status;
  JsonArray *entries;

  assay_test_central_import (central, lines);
  assay_test_central_start (central);

  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", replica, "sync", "--server", central->url,
                             "--log-key", central->key, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "500"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "status", "--json", NULL), ==, 0);
  status = parse_object (parser, out);
  g_assert_cmpint (json_object_get_int_member (status, "size"), ==, 500);
  g_assert_cmpint (json_object_get_int_member (status, "accounts"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (status, "origin"), ==, "cli.test/log");
  g_assert_true (json_object_get_null_member (status, "alert"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "status", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Tree size:    500"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "verify", NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "entries", "--account", "acct-0002",
                             "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  entries = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (entries), ==, 50);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0), "account"),
                   ==, "acct-0002");
  g_clear_pointer (&out, g_free);

  /* --json carries what only the body holds, as the central service
   * published it (the test lines are the ground truth). */
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "entries", "--limit", "20", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  entries = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (entries), ==, 20);
  assert_entries_match_lines (entries, lines);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "entries", "--offset", "10", "--limit", "3", NULL), ==, 0);
  {
    g_auto(GStrv) rows = g_strsplit (out, "\n", -1);

    /* A header, three entries, and the final newline. */
    g_assert_cmpuint (g_strv_length (rows), ==, 5);
    g_assert_true (g_str_has_prefix (rows[0], "Index "));
    g_assert_true (g_str_has_prefix (rows[1], "10 "));
    g_assert_true (g_str_has_prefix (rows[3], "12 "));
  }
  g_clear_pointer (&out, g_free);

  /* A portable proof, checked with the key alone; tampered ones fail. */
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "prove", "--index", "42", "--out", proof, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "check-proof", "--log-key", central->key, proof, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "entry 42"));
  g_clear_pointer (&out, g_free);
  g_assert_true (g_file_get_contents (proof, &text, NULL, NULL));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *tampered = tamper_proof (text, i == 0 ? "body" : "index");

      /* An altered proof is a security finding, not an ordinary error. */
      g_assert_true (g_file_set_contents (bad, tampered, -1, NULL));
      g_assert_cmpint (assay_test_assayctl (NULL, &err, "check-proof", "--log-key", central->key, bad, NULL), ==, 3);
      g_assert_nonnull (strstr (err, "does not hold"));
      g_clear_pointer (&err, g_free);
    }
  /* Another key: the message names --log-key and the key that did sign,
   * and no "configured" key, since check-proof has none. */
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "check-proof", "--log-key", other_key, proof, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "not signed by the key given with --log-key"));
  g_assert_null (strstr (err, "configured"));
  {
    g_auto(GStrv) parts = g_strsplit (central->key, "+", 3);
    g_autofree char *signer = g_strconcat (parts[0], "+", parts[1], NULL);

    g_assert_nonnull (strstr (err, signer));
  }
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "check-proof", "--log-key", central->key, missing_proof, NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", replica, "prove", "--index", "5000", "--out", bad, NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  /* Into a folder that does not exist: the folder is named, not the
   * temporary file GLib would have written first. */
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", replica, "prove", "--index", "42", "--out",
                             in_missing, NULL), ==, 1);
  g_assert_nonnull (strstr (err, missing_folder));
  g_assert_nonnull (strstr (err, "does not exist"));
  g_assert_null (strstr (err, "x.proof."));
  g_assert_false (g_file_test (missing_folder, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", replica, "prove", "--index", "42", "--out", dir,
                             NULL), ==, 1);
  g_assert_nonnull (strstr (err, "it is a folder"));
  g_clear_pointer (&err, g_free);
  /* A file that is no proof at all is an ordinary error, not a finding. */
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "check-proof", "--log-key", central->key, replica, NULL), ==, 1);
  g_clear_pointer (&err, g_free);

  /* Erased entries keep only their state: nothing of their body. */
  assay_test_central_erase (central, "acct-0003", "2000-01-01", "2099-12-31");
  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", replica, "sync", "--server", central->url,
                             "--log-key", central->key, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "entries", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  entries = json_node_get_array (json_parser_get_root (parser));
  {
    guint n_erased = 0;

    for (guint i = 0; i < json_array_get_length (entries); i++)
      {
        JsonObject *got = json_array_get_object_element (entries, i);

        if (!g_str_equal (json_object_get_string_member (got, "kind"), "erased"))
          continue;
        n_erased++;
        g_assert_false (json_object_has_member (got, "account"));
        g_assert_false (json_object_has_member (got, "activity"));
        g_assert_false (json_object_has_member (got, "request"));
        g_assert_false (json_object_has_member (got, "distributor"));
      }
    g_assert_cmpuint (n_erased, ==, 50);
  }
  g_clear_pointer (&out, g_free);
  assay_test_rmdir (dir);
}

/* Changes one digit of the first stored body's points in the replica file
 * itself, as someone editing the file outside Assay would. */
static void
tamper_replica_body (const char *path)
{
  static const char needle[] = "\"points\":";
  g_autofree char *data = NULL;
  gsize len = 0;
  char *at;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  /* A byte search: the file is full of NUL bytes, which end a g_strstr_len(). */
  for (at = data; at + strlen (needle) < data + len; at++)
    if (memcmp (at, needle, strlen (needle)) == 0)
      break;
  g_assert_true (at + strlen (needle) < data + len);
  at += strlen (needle);
  if (*at == '-')
    at++;
  g_assert_true (g_ascii_isdigit (*at));
  *at = *at == '9' ? '8' : '9';
  g_assert_true (g_file_set_contents (path, data, len, NULL));
}

static void
test_alert_workflow (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("alert.test/log");
  g_autofree char *lines = assay_test_lines (0, 50, NULL, NULL);
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *evidence = g_build_filename (dir, "evidence.json", NULL);
  g_autofree char *in_missing = g_build_filename (dir, "no-such-folder", "evidence.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(AssayNoteSigner) other = assay_note_signer_generate ("alert.test/log", NULL);
  g_autofree char *other_key = assay_note_signer_get_verifier_string (other);
  JsonObject *object;

  assay_test_central_import (central, lines);
  assay_test_central_start (central);

  /* A mistyped key on the first sync: refused (3), but a replica that has
   * verified nothing has nothing to defend, so no alert and no file. */
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", replica, "sync", "--server", central->url,
                             "--log-key", other_key, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "does not match this log"));
  g_assert_null (strstr (err, "Security alert"));
  g_assert_false (g_file_test (replica, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "sync", "--server", central->url,
                             "--log-key", central->key, NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  /* A body changed in the file: verify raises an alert (3) that status,
   * sync and evidence all know about. */
  tamper_replica_body (replica);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", replica, "verify", NULL), ==, 3);
  g_assert_nonnull (strstr (err, "Security alert"));
  g_assert_nonnull (strstr (err, "does not match its commitment"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "status", NULL), ==, 0);
  g_assert_null (strstr (out, "Alert:        none"));
  g_assert_nonnull (strstr (out, "Alert:        Entry body does not match its commitment"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", replica, "sync", "--server", central->url,
                             "--log-key", central->key, NULL), ==, 3);
  g_assert_nonnull (strstr (err, "refused"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "status", "--json", NULL), ==, 0);
  object = parse_object (parser, out);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "alert"), "kind"),
                   ==, "body");
  g_assert_cmpint (json_object_get_int_member (object, "size"), ==, 50);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", replica, "evidence", "--out", in_missing, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "does not exist"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "evidence", "--out", evidence, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_true (g_file_get_contents (evidence, &text, NULL, NULL));
  object = parse_object (parser, text);
  g_assert_cmpstr (json_object_get_string_member (object, "alert"), ==, "body");
  g_assert_true (json_object_has_member (object, "stored_checkpoint"));
  g_assert_cmpstr (json_object_get_string_member (object, "stored_commitment"), !=,
                   json_object_get_string_member (object, "recomputed_commitment"));
  g_assert_true (json_object_has_member (object, "index"));

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "clear-alert", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", replica, "clear-alert", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (NULL, &err, "--replica", replica, "evidence", "--out", evidence, NULL), ==, 1);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "sync", "--server", central->url,
                             "--log-key", central->key, NULL), ==, 0);
  assay_test_rmdir (dir);
}

/* The terminal cells that `line` takes before `at`. */
static guint
cells_before (const char *line,
              const char *at,
              gboolean    cjk)
{
  guint width = 0;

  for (const char *p = line; p < at; p = g_utf8_next_char (p))
    width += (cjk ? g_unichar_iswide_cjk (g_utf8_get_char (p)) : g_unichar_iswide (g_utf8_get_char (p))) ? 2 : 1;
  return width;
}

/* The column (in terminal cells) where `needle` first starts in `line`. */
static guint
column_of (const char *line,
           const char *needle,
           gboolean    cjk)
{
  const char *at = strstr (line, needle);

  g_assert_nonnull (at);
  return cells_before (line, at, cjk);
}

/* Every line's account id starts in the header's account column and every
 * line's points end where the header's points title ends. */
static void
assert_aligned (const char *out,
                const char *account_title,
                const char *points_title,
                gboolean    cjk)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint account = column_of (lines[0], account_title, cjk);
  guint points_end = column_of (lines[0], points_title, cjk) + g_utf8_strlen (points_title, -1) * (cjk ? 2 : 1);

  g_assert_cmpuint (g_strv_length (lines), >, 2);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autofree char *points = NULL;
      const char *acct = strstr (lines[i], "acct-");
      const char *after;

      g_assert_nonnull (acct);
      g_assert_cmpuint (column_of (lines[i], "acct-", cjk), ==, account);
      /* The points are the first number after the dimension label. */
      after = acct + strlen ("acct-0000");
      while (*after != '\0' && !g_ascii_isdigit (*after))
        after = g_utf8_next_char (after);
      points = g_strndup (after, strspn (after, "0123456789"));
      g_assert_cmpuint (strlen (points), >, 0);
      g_assert_cmpuint (cells_before (lines[i], after, cjk) + strlen (points), ==, points_end);
    }
}

/* cohort import and fairness end to end: the outcomes are the accounts'
 * 2025 event points (acct-000k: 4k + 64, acct-0009 only redeems), the
 * prediction the other gender's median in the one SES cell. */
static void
test_fairness (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("fairness.test/log");
  g_autofree char *lines = assay_test_lines (0, 40, NULL, NULL);
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *cohort = g_build_filename (dir, "cohort.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("account,gender,age_band,county,ses\n");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root, *female, *male;

  for (guint k = 0; k < 10; k++)
    g_string_append_printf (csv, "acct-%04u,%s,30-44,310118,1\n", k, k < 5 ? "female" : "male");
  g_string_append (csv, "stranger,female,30-44,310118,1\n");
  g_assert_true (g_file_set_contents (cohort, csv->str, -1, NULL));
  g_assert_true (g_file_set_contents (bad, "account,gender,age_band,county,ses\na,f,1,310118,x\n", -1, NULL));
  assay_test_central_import (central, lines);
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "sync", "--server", central->url,
                             "--log-key", central->key, NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", replica, "cohort", "import", bad, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Line 2 of the cohort file"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "cohort", "import", cohort, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 11 accounts"));
  g_assert_nonnull (strstr (out, "1 of them are not in the ledger"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "cohort", "status", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Cohort accounts: 11\nNot in the ledger: 1\n"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", replica, "fairness", "--by", "gender", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", replica, "fairness", "--year", "2025",
                             "--by", "income", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "no attribute"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* With the default minimum of 30, five accounts are insufficient data. */
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "fairness", "--year", "2025", "--json", NULL), ==, 0);
  root = parse_object (parser, out);
  g_assert_cmpint (json_object_get_int_member (root, "tests"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (root, "groups"), 0), "verdict"), ==, "insufficient");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "fairness", "--year", "2025",
                             "--by", "gender", "--min-n", "2", "--json", NULL), ==, 0);
  root = parse_object (parser, out);
  g_assert_nonnull (strstr (json_object_get_string_member (root, "method"), "SES cell"));
  g_assert_cmpstr (json_object_get_string_member (root, "ses"), ==, "discrete");
  g_assert_cmpint (json_object_get_int_member (root, "not_in_ledger"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "tests"), ==, 4);
  female = json_array_get_object_element (json_object_get_array_member (root, "groups"), 0);
  male = json_array_get_object_element (json_object_get_array_member (root, "groups"), 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (female, "attributes"), "gender"),
                   ==, "female");
  g_assert_cmpint (json_object_get_int_member (female, "n"), ==, 5);
  g_assert_cmpfloat (json_object_get_double_member (female, "observed_median"), ==, 72);
  g_assert_cmpfloat (json_object_get_double_member (female, "predicted_median"), ==, 88);
  g_assert_cmpfloat (json_object_get_double_member (female, "p_below"), ==, 1.0 / 32);
  g_assert_cmpfloat (json_object_get_double_member (male, "observed_median"), ==, 88);
  g_assert_cmpfloat (json_object_get_double_member (male, "predicted_median"), ==, 72);
  /* Holm: 1/32 is the smallest of four p values, so 4/32 adjusted: no verdict at 0.01. */
  g_assert_cmpfloat (json_object_get_double_member (female, "p_below_adjusted"), ==, 4.0 / 32);
  g_assert_cmpstr (json_object_get_string_member (female, "verdict"), ==, "none");
  g_clear_pointer (&out, g_free);

  /* The first digits of the same ledger's event points, per county. */
  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", replica, "benford", "--by", "province", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "benford", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "red flag"));
  g_assert_nonnull (strstr (out, "insufficient data"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "benford", "--by", "county",
                             "--min-n", "5", "--json", NULL), ==, 0);
  root = parse_object (parser, out);
  g_assert_cmpstr (json_object_get_string_member (root, "by"), ==, "county");
  g_assert_nonnull (strstr (json_object_get_string_member (root, "note"), "never a finding"));
  {
    JsonArray *groups = json_object_get_array_member (root, "groups");
    JsonObject *g = json_array_get_object_element (groups, 0);
    JsonArray *counts = json_object_get_array_member (g, "counts");
    gint64 n = 0;

    /* County 110101 holds the events i ≡ 1 (mod 3) of the 40 lines but
     * 19 (a redemption), with i + 1 points: 2, 5, 8, 11, 14, 17, 23, 26,
     * 29, 32, 35, 38. */
    static const gint64 want[9] = { 3, 4, 3, 0, 1, 0, 0, 1, 0 };

    g_assert_cmpstr (json_object_get_string_member (g, "group"), ==, "110101");
    for (guint d = 0; d < 9; d++)
      {
        g_assert_cmpint (json_array_get_int_element (counts, d), ==, want[d]);
        n += json_array_get_int_element (counts, d);
      }
    g_assert_cmpint (n, ==, json_object_get_int_member (g, "n"));
    g_assert_cmpint (n, ==, 12);
    g_assert_cmpint (json_object_get_int_member (g, "df"), ==, 8);
    g_assert_true (json_object_get_double_member (g, "p_value") >= 0);
  }
  g_clear_pointer (&out, g_free);

  assay_test_central_stop (central);
  assay_test_rmdir (dir);
}

static void
test_entries (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("entries.test/log");
  g_autofree char *lines = assay_test_lines (0, 40, NULL, NULL);
  g_autofree char *lone = assay_test_lines (40, 5, "acct-1234", NULL);
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *entries;

  assay_test_central_import (central, lines);
  assay_test_central_import (central, lone);
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "sync", "--server", central->url,
                             "--log-key", central->key, NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  /* A unique start of an id is that account. */
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "entries", "--account", "acct-1",
                             "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  entries = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (entries), ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, i), "account"),
                     ==, "acct-1234");
  g_clear_pointer (&out, g_free);
  /* The whole id of an account that is also the start of none else. */
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "entries", "--account", "acct-0003",
                             "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 4);
  g_clear_pointer (&out, g_free);

  /* Several accounts start so: a usage error naming some; none: an error. */
  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", replica, "entries", "--account", "acct-00", NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  /* (The "…" after them is "?" in the C locale the tests run in.) */
  g_assert_nonnull (strstr (err, "several account ids (acct-0000, acct-0001, acct-0002, "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", replica, "entries", "--account", "acct-12345", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "No account"));
  g_assert_nonnull (strstr (err, "acct-12345"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Columns line up after labels of any length, in English and Chinese. */
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "entries", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Index  Event Date  Kind"));
  assert_aligned (out, "Account", "Points", FALSE);
  g_clear_pointer (&out, g_free);
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "entries", NULL), ==, 0);
  g_setenv ("LC_ALL", "C", TRUE);
  g_unsetenv ("LANGUAGE");
  if (strstr (out, "账户") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale or the built catalogue is missing");
      assay_test_rmdir (dir);
      return;
    }
  g_assert_nonnull (strstr (out, "事件"));
  assert_aligned (out, "账户", "积分", TRUE);
  assay_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/assayctl/usage-errors", test_usage_errors);
  g_test_add_func ("/assay/assayctl/bad-replica-files", test_bad_replica_files);
  g_test_add_func ("/assay/assayctl/end-to-end", test_end_to_end);
  g_test_add_func ("/assay/assayctl/entries", test_entries);
  g_test_add_func ("/assay/assayctl/fairness", test_fairness);
  g_test_add_func ("/assay/assayctl/alert-workflow", test_alert_workflow);
  return g_test_run ();
}

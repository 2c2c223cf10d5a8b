/* test-session.c — tests of the GTK-free session
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

#include <glib.h>
#include <string.h>

#include "assay-envelope-view.h"
#include "assay-error.h"
#include "assay-replica.h"
#include "assay-session.h"
#include "assay-test-util.h"

#define GO_EXAMPLE_VKEY "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"

/* libassay logs through the structured API, which g_test_expect_message
 * does not see: this writer counts the session's "Ignoring" warnings while
 * expect_ignored is set and passes everything else on. */
static gboolean expect_ignored;
static guint    n_ignored;

static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; expect_ignored && i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 &&
          (log_level & G_LOG_LEVEL_WARNING) != 0 &&
          g_str_has_prefix (fields[i].value, "Ignoring the "))
        {
          n_ignored++;
          return G_LOG_WRITER_HANDLED;
        }
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_defaults (void)
{
  g_autoptr(AssaySession) session = assay_session_new ();
  gboolean replica_open = TRUE;

  g_assert_null (assay_session_get_server_url (session));
  g_assert_null (assay_session_get_log_key (session));
  g_assert_null (assay_session_get_replica_path (session));
  g_assert_false (assay_session_get_replica_open (session));

  g_object_get (session, "replica-open", &replica_open, NULL);
  g_assert_false (replica_open);
  g_assert_false (g_object_class_find_property (G_OBJECT_GET_CLASS (session),
                                                "replica-open")->flags & G_PARAM_WRITABLE);

  g_assert_finalize_object (g_steal_pointer (&session));
}

/* Each setter: notify once per change, never for the same value or a
 * refused one, and "" clears. */
typedef gboolean (*SetFunc) (AssaySession *, const char *, GError **);
typedef const char *(*GetFunc) (AssaySession *);

static void
check_setter (const char *property,
              SetFunc     set,
              GetFunc     get,
              const char *good,
              const char *other_good,
              const char *bad)
{
  g_autoptr(AssaySession) session = assay_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);
  g_autofree char *via_property = NULL;
  guint count = 0;

  g_signal_connect (session, signal, G_CALLBACK (count_notify_cb), &count);

  g_assert_true (set (session, good, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (get (session), ==, good);
  g_assert_cmpuint (count, ==, 1);

  g_assert_true (set (session, good, &error));
  g_assert_cmpuint (count, ==, 1);

  g_assert_false (set (session, bad, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpstr (get (session), ==, good);
  g_assert_cmpuint (count, ==, 1);

  g_object_set (session, property, other_good, NULL);
  g_assert_cmpstr (get (session), ==, other_good);
  g_assert_cmpuint (count, ==, 2);
  g_object_get (session, property, &via_property, NULL);
  g_assert_cmpstr (via_property, ==, other_good);

  /* A binding cannot take an error: the bad value is logged and dropped. */
  expect_ignored = TRUE;
  n_ignored = 0;
  g_object_set (session, property, bad, NULL);
  expect_ignored = FALSE;
  g_assert_cmpuint (n_ignored, ==, 1);
  g_assert_cmpstr (get (session), ==, other_good);
  g_assert_cmpuint (count, ==, 2);

  g_assert_true (set (session, "", &error));
  g_assert_null (get (session));
  g_assert_cmpuint (count, ==, 3);

  g_assert_true (set (session, NULL, &error));
  g_assert_cmpuint (count, ==, 3);

  g_assert_finalize_object (g_steal_pointer (&session));
}

static void
test_server_url (void)
{
  check_setter ("server-url", assay_session_set_server_url, assay_session_get_server_url,
                "https://ledger.example.org/", "http://127.0.0.1:8080/",
                "ftp://ledger.example.org/");
}

static void
test_log_key (void)
{
  g_autofree char *path = assay_test_data_path ("note/c2sp-example.vkey");
  g_autofree char *other = NULL;

  g_assert_true (g_file_get_contents (path, &other, NULL, NULL));
  g_strstrip (other);

  check_setter ("log-key", assay_session_set_log_key, assay_session_get_log_key,
                GO_EXAMPLE_VKEY, other, "PeterNeumann+c74f20a3+nonsense");
}

static void
test_replica_path (void)
{
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *first = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *second = g_build_filename (dir, "other", "replica.db", NULL);

  check_setter ("replica-path", assay_session_set_replica_path, assay_session_get_replica_path,
                first, second, "relative/replica.db");

  assay_test_rmdir (dir);
}

/* main() points XDG_DATA_HOME at a temporary directory, so that the
 * default replica is never the real one. */
static char *data_home;

static char *
default_path (void)
{
  g_assert_cmpstr (g_get_user_data_dir (), ==, data_home);
  return g_build_filename (data_home, "assay", "replica.db", NULL);
}

static void
make_replica (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (replica);
}

/* An empty setting means the file under the user data directory; until
 * the first sync creates it, the replica is NULL and that is no error. */
static void
test_default_replica_path (void)
{
  g_autoptr(AssaySession) session = assay_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = default_path ();
  g_autofree char *dir = g_path_get_dirname (expected);
  g_autofree char *other_dir = assay_test_mkdtemp ();
  g_autofree char *other = g_build_filename (other_dir, "replica.db", NULL);
  AssayReplica *replica;
  guint n_notify = 0;

  g_signal_connect (session, "notify::replica", G_CALLBACK (count_notify_cb), &n_notify);
  g_assert_null (assay_session_get_replica_path (session));
  g_assert_cmpstr (assay_session_get_effective_replica_path (session), ==, expected);

  g_assert_true (assay_session_load_replica (session, &error));
  g_assert_no_error (error);
  g_assert_null (assay_session_get_replica (session));
  g_assert_null (assay_session_get_replica_error (session));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_notify, ==, 0);

  /* The first sync's open creates the folder and the file. */
  replica = assay_session_open_replica (session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (replica);
  g_assert_cmpstr (assay_replica_get_path (replica), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_assert_true (assay_session_get_replica (session) == replica);
  g_assert_true (assay_session_open_replica (session, NULL) == replica);
  g_assert_cmpuint (n_notify, ==, 1);

  /* A setting wins; clearing it comes back to the default file. */
  g_assert_true (assay_session_set_replica_path (session, other, &error));
  g_assert_cmpstr (assay_session_get_effective_replica_path (session), ==, other);
  g_assert_null (assay_session_get_replica (session));
  g_assert_true (assay_session_set_replica_path (session, "", &error));
  g_assert_cmpstr (assay_session_get_effective_replica_path (session), ==, expected);
  g_assert_nonnull (assay_session_get_replica (session));
  g_assert_cmpstr (assay_replica_get_path (assay_session_get_replica (session)), ==, expected);
  g_assert_cmpuint (n_notify, ==, 3);

  g_assert_finalize_object (g_steal_pointer (&session));
  assay_test_rmdir (other_dir);
}

/* Once loaded, a new replica-path closes the old replica and opens the
 * new file: one notify per change, the old object let go. */
static void
test_replica_follows_path (void)
{
  g_autoptr(AssaySession) session = assay_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *first = g_build_filename (dir, "first.db", NULL);
  g_autofree char *second = g_build_filename (dir, "second.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  AssayReplica *replica;
  AssayReplica *old;
  guint n_notify = 0;

  make_replica (first);
  make_replica (second);

  /* Not loaded yet: a path alone opens nothing. */
  g_assert_true (assay_session_set_replica_path (session, first, &error));
  g_assert_null (assay_session_get_replica (session));
  g_signal_connect (session, "notify::replica", G_CALLBACK (count_notify_cb), &n_notify);

  g_assert_true (assay_session_load_replica (session, &error));
  g_assert_no_error (error);
  old = assay_session_get_replica (session);
  g_assert_nonnull (old);
  g_assert_true (assay_session_get_replica_open (session));
  g_assert_cmpstr (assay_replica_get_path (old), ==, first);
  g_assert_cmpuint (n_notify, ==, 1);
  g_object_add_weak_pointer (G_OBJECT (old), (gpointer *) &old);

  g_object_set (session, "replica-path", second, NULL);
  replica = assay_session_get_replica (session);
  g_assert_nonnull (replica);
  g_assert_cmpstr (assay_replica_get_path (replica), ==, second);
  g_assert_null (old);
  g_assert_cmpuint (n_notify, ==, 2);

  /* A file that is not there yet: no replica, no error. */
  g_assert_true (assay_session_set_replica_path (session, missing, &error));
  g_assert_null (assay_session_get_replica (session));
  g_assert_false (assay_session_get_replica_open (session));
  g_assert_null (assay_session_get_replica_error (session));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_notify, ==, 3);

  g_assert_true (assay_session_set_replica_path (session, first, &error));
  g_assert_cmpstr (assay_replica_get_path (assay_session_get_replica (session)), ==, first);
  g_assert_cmpuint (n_notify, ==, 4);

  g_assert_finalize_object (g_steal_pointer (&session));
  assay_test_rmdir (dir);
}

/* A file that is not a replica: the error is kept for the pages to show,
 * and goes when a good file is chosen. */
static void
test_replica_error (void)
{
  g_autoptr(AssaySession) session = assay_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *bad = g_build_filename (dir, "bad.db", NULL);
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  GError *kept = NULL;
  guint n_notify = 0;

  g_assert_true (g_file_set_contents (bad, "not a database, not even close to one", -1, NULL));
  make_replica (good);
  g_signal_connect (session, "notify::replica-error", G_CALLBACK (count_notify_cb), &n_notify);

  g_assert_true (assay_session_set_replica_path (session, bad, &error));
  g_assert_false (assay_session_load_replica (session, &error));
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (assay_session_get_replica (session));
  g_assert_error ((GError *) assay_session_get_replica_error (session), ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  g_object_get (session, "replica-error", &kept, NULL);
  g_assert_error (kept, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  g_clear_error (&kept);
  g_assert_cmpuint (n_notify, ==, 1);

  g_assert_true (assay_session_set_replica_path (session, good, &error));
  g_assert_nonnull (assay_session_get_replica (session));
  g_assert_null (assay_session_get_replica_error (session));
  g_assert_cmpuint (n_notify, ==, 2);

  g_assert_finalize_object (g_steal_pointer (&session));
  assay_test_rmdir (dir);
}

/* The envelope as the Ledger page reads it: JSON payloads pretty-printed,
 * other text as it is, bytes that are not text as their size. */
static void
test_envelope_view (void)
{
  static const struct { const char *payload_b64; const char *shown; } cases[] = {
    { "eyJiIjpbMSwyXSwiYSI6IuWQjeWGjCJ9", "{\n  \"b\" : [\n    1,\n    2\n  ],\n  \"a\" : \"名册\"\n}" },
    { "bm90IGpzb24=", "not json" },
    { "//79", "(3 bytes, not text)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *envelope =
        g_strdup_printf ("{\"payloadType\":\"application/vnd.assay.decision.v1+json\",\"payload\":\"%s\","
                         "\"signatures\":[{\"keyid\":\"ab\",\"sig\":\"AA==\"},{\"keyid\":\"cd\",\"sig\":\"AA==\"}]}",
                         cases[i].payload_b64);
      g_autoptr(GError) error = NULL;
      g_autoptr(AssayEnvelopeView) view = assay_envelope_view_new (envelope, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (view->payload_type, ==, "application/vnd.assay.decision.v1+json");
      g_assert_cmpuint (g_strv_length (view->keyids), ==, 2);
      g_assert_cmpstr (view->keyids[1], ==, "cd");
      g_assert_cmpstr (view->payload, ==, cases[i].shown);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AssayEnvelopeView) view = assay_envelope_view_new ("{\"payload\":\"AA==\"}", &error);

    g_assert_null (view);
    g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA);
  }
}

int
main (int argc, char **argv)
{
  int status;

  data_home = assay_test_mkdtemp ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);

  g_test_add_func ("/assay/session/defaults", test_defaults);
  g_test_add_func ("/assay/session/server-url", test_server_url);
  g_test_add_func ("/assay/session/log-key", test_log_key);
  g_test_add_func ("/assay/session/replica-path", test_replica_path);
  g_test_add_func ("/assay/session/default-replica-path", test_default_replica_path);
  g_test_add_func ("/assay/session/replica-follows-path", test_replica_follows_path);
  g_test_add_func ("/assay/session/replica-error", test_replica_error);
  g_test_add_func ("/assay/session/envelope-view", test_envelope_view);

  status = g_test_run ();
  assay_test_rmdir (data_home);
  g_free (data_home);
  return status;
}

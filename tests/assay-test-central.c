/* assay-test-central.c — a real assay-central for sync tests, and a tampering proxy
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

#define _GNU_SOURCE
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "assay-test-central.h"
#include "assay-test-util.h"

/* ---- the central service ------------------------------------------------------- */

static char *
run_central (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ASSAY_CENTRAL"));
  g_assert_nonnull (argv->pdata[0]);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  status = assay_test_run ((const char * const *) argv->pdata, NULL, &out, &err);
  if (status != 0)
    g_error ("assay-central %s failed (%d): %s%s", args[0], status, out, err);
  return out;
}

AssayTestCentral *
assay_test_central_new (const char *origin)
{
  AssayTestCentral *central = g_new0 (AssayTestCentral, 1);

  central->dir = assay_test_mkdtemp ();
  central->data = g_build_filename (central->dir, "data", NULL);
  central->key = run_central ((const char *[]) { "init", "--data", central->data, "--origin", origin, NULL });
  g_strstrip (central->key);
  return central;
}

AssayTestCentral *
assay_test_central_clone (AssayTestCentral *central)
{
  AssayTestCentral *clone = g_new0 (AssayTestCentral, 1);
  g_autofree char *out = NULL;
  const char *argv[] = { "cp", "-a", central->data, NULL, NULL };

  clone->dir = assay_test_mkdtemp ();
  clone->data = g_build_filename (clone->dir, "data", NULL);
  clone->key = g_strdup (central->key);
  argv[3] = clone->data;
  g_assert_cmpint (assay_test_run (argv, NULL, &out, NULL), ==, 0);
  return clone;
}

void
assay_test_central_import (AssayTestCentral *central,
                           const char *jsonl)
{
  g_autofree char *path = g_build_filename (central->dir, "import.jsonl", NULL);
  g_autofree char *out = NULL;

  g_assert_true (g_file_set_contents (path, jsonl, -1, NULL));
  /* The breakers are the business of the tests that import with them. */
  out = run_central ((const char *[]) { "import", "--data", central->data, "--now", "2030-01-01",
                                        "--no-breakers", path, NULL });
}

void
assay_test_central_import_breakers (AssayTestCentral *central,
                                    const char       *jsonl)
{
  g_autofree char *path = g_build_filename (central->dir, "import.jsonl", NULL);
  g_autofree char *out = NULL;

  g_assert_true (g_file_set_contents (path, jsonl, -1, NULL));
  out = run_central ((const char *[]) { "import", "--data", central->data, "--now", "2030-01-01", path, NULL });
}

void
assay_test_central_append_pause (AssayTestCentral *central,
                                 const char       *body)
{
  g_autofree char *path = g_build_filename (central->dir, "pause.json", NULL);
  g_autofree char *out = NULL;

  g_assert_true (g_file_set_contents (path, body, -1, NULL));
  out = run_central ((const char *[]) { "append-pause", "--data", central->data, path, NULL });
}

void
assay_test_central_erase (AssayTestCentral *central,
                          const char *account,
                          const char *from,
                          const char *to)
{
  g_autofree char *out = run_central ((const char *[]) { "erase", "--data", central->data,
                                                         "--account", account, "--from", from,
                                                         "--to", to, "--now", "2030-01-01", NULL });
}

char *
assay_test_envelope (const char *kind,
                     const char *payload)
{
  g_autofree char *encoded = g_base64_encode ((const guchar *) payload, strlen (payload));
  guint8 sig[64];
  g_autofree char *sig_b64 = NULL;

  for (guint i = 0; i < sizeof sig; i++)
    sig[i] = i * 7;
  sig_b64 = g_base64_encode (sig, sizeof sig);
  return g_strdup_printf ("{\"payloadType\":\"application/vnd.assay.%s.v1+json\",\"payload\":\"%s\","
                          "\"signatures\":[{\"keyid\":\"%064d\",\"sig\":\"%s\"},"
                          "{\"keyid\":\"%s\",\"sig\":\"%s\"}]}",
                          kind, encoded, 0, sig_b64,
                          "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", sig_b64);
}

void
assay_test_central_append_envelope (AssayTestCentral *central,
                                    const char       *kind,
                                    const char       *payload)
{
  g_autofree char *envelope = assay_test_envelope (kind, payload);

  assay_test_central_append_signed (central, kind, envelope, "2030-01-01");
}

void
assay_test_central_append_signed (AssayTestCentral *central,
                                  const char       *kind,
                                  const char       *envelope,
                                  const char       *day)
{
  g_autofree char *file = g_build_filename (central->dir, "envelope.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_file_set_contents (file, envelope, -1, &error);
  g_assert_no_error (error);
  out = run_central ((const char *[]) { "append-envelope", "--data", central->data, "--kind", kind,
                                        "--now", day, file, NULL });
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

void
assay_test_central_start (AssayTestCentral *central)
{
  const char *argv[] = { g_getenv ("ASSAY_CENTRAL"), "serve", "--data", central->data,
                         "--listen", "127.0.0.1:0", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  const char *url;

  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);

  /* The server dies with the test, even when an assertion aborts it. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_assert_null (central->server);
  central->server = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (central->server));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  url = strstr (line, "http://127.0.0.1:");
  g_assert_nonnull (url);
  g_free (central->url);
  central->url = g_strdup (url);
}

char *
assay_test_central_sync (AssayTestCentral *central,
                         const char       *replica,
                         int               expected_status)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = assay_test_assayctl (&out, &err, "--replica", replica, "sync", "--server", central->url,
                                    "--log-key", central->key, NULL);

  if (status != expected_status)
    g_error ("sync exited %d, not %d: %s%s", status, expected_status, out, err);
  return g_strconcat (out, err, NULL);
}

void
assay_test_central_stop (AssayTestCentral *central)
{
  if (central->server == NULL)
    return;
  g_subprocess_send_signal (central->server, SIGKILL);
  g_subprocess_wait (central->server, NULL, NULL);
  g_clear_object (&central->server);
}

void
assay_test_central_free (AssayTestCentral *central)
{
  assay_test_central_stop (central);
  assay_test_rmdir (central->dir);
  g_free (central->dir);
  g_free (central->data);
  g_free (central->key);
  g_free (central->url);
  g_free (central);
}

char *
assay_test_lines (guint first,
                  guint n,
                  const char *account,
                  const char *marker)
{
  static const char *const dimensions[] = {
    "professional", "knowledge", "community", "ecological", "data", "market_order",
  };
  static const char *const counties[] = { "310118", "110101", "440305" };
  GString *out = g_string_new (NULL);

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *acct = account != NULL ? g_strdup (account) : g_strdup_printf ("acct-%04u", i % 10);
      g_autofree char *id = marker != NULL ? g_strdup_printf ("%s-%u", marker, i) : g_strdup_printf ("act:%u", i);
      g_autofree char *evidence = g_compute_checksum_for_string (G_CHECKSUM_SHA256, id, -1);
      GDate event, pub;

      g_date_clear (&event, 1);
      g_date_set_dmy (&event, 1, G_DATE_JANUARY, 2025);
      g_date_add_days (&event, i % 300);
      pub = event;
      g_date_add_days (&pub, 7 + i % 20);

      if (i % 10 == 9)
        g_string_append_printf (out,
          "{\"kind\":\"redemption\",\"account\":\"%s\",\"account_kind\":\"individual\","
          "\"tier\":\"basic\",\"points\":%u,\"event_date\":\"%04u-%02u-%02u\","
          "\"publication_date\":\"%04u-%02u-%02u\",\"county\":\"%s\",\"distributor\":\"shop\","
          "\"item\":\"bus card\",\"request\":\"%s\"}\n",
          acct, 1 + i % 20, g_date_get_year (&event), g_date_get_month (&event), g_date_get_day (&event),
          g_date_get_year (&pub), g_date_get_month (&pub), g_date_get_day (&pub),
          counties[i % 3], id);
      else
        g_string_append_printf (out,
          "{\"kind\":\"event\",\"account\":\"%s\",\"account_kind\":\"individual\","
          "\"dimension\":\"%s\",\"points\":%u,\"event_date\":\"%04u-%02u-%02u\","
          "\"publication_date\":\"%04u-%02u-%02u\",\"county\":\"%s\",\"issuer\":\"issuer\","
          "\"distributor\":\"volunteers\",\"rule\":{\"id\":\"hours\",\"inputs\":{\"hours\":%u}},"
          "\"activity\":\"%s\",\"confirmer\":null,\"evidence\":\"%s\"}\n",
          acct, dimensions[i % 6], 1 + i % 50,
          g_date_get_year (&event), g_date_get_month (&event), g_date_get_day (&event),
          g_date_get_year (&pub), g_date_get_month (&pub), g_date_get_day (&pub),
          counties[i % 3], i % 5, id, evidence);
    }
  return g_string_free (out, FALSE);
}

/* ---- the proxy ---------------------------------------------------------------- */

struct _AssayTestProxy
{
  GThread              *thread;
  GMainContext         *context;
  GMainLoop            *loop;
  SoupServer           *server;
  SoupSession          *session;
  GMutex                lock;
  GCond                 cond;
  char                 *upstream;
  char                 *url;
  AssayTestProxyFilter  filter;
  gpointer              filter_data;
  GPtrArray            *paths;
  char                 *hold_prefix;
  guint                 hold_n;
  guint                 hold_seen;
  gboolean              hold_answer;  /* hold once upstream has answered */
  gboolean              held;
  gboolean              released;
};

/* Called before a request goes upstream (@answered FALSE) and once
 * upstream has answered (TRUE); holds at the one the test asked for. */
static void
maybe_hold (AssayTestProxy *proxy,
            const char *path,
            gboolean answered)
{
  g_mutex_lock (&proxy->lock);
  if (!answered)
    g_ptr_array_add (proxy->paths, g_strdup (path));
  if (proxy->hold_prefix != NULL && proxy->hold_answer == answered &&
      g_str_has_prefix (path, proxy->hold_prefix) && ++proxy->hold_seen == proxy->hold_n)
    {
      proxy->held = TRUE;
      g_cond_broadcast (&proxy->cond);
      while (!proxy->released)
        g_cond_wait (&proxy->cond, &proxy->lock);
    }
  g_mutex_unlock (&proxy->lock);
}

static void
handle_cb (SoupServer *server,
           SoupServerMessage *msg,
           const char *path,
           GHashTable *query,
           gpointer user_data)
{
  AssayTestProxy *proxy = user_data;
  g_autoptr(SoupMessage) upstream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GByteArray) body = NULL;
  g_autofree char *url = NULL;
  guint status = SOUP_STATUS_BAD_GATEWAY;
  AssayTestProxyFilter filter;
  gpointer filter_data;

  path = path[0] == '/' ? path + 1 : path;
  maybe_hold (proxy, path, FALSE);

  g_mutex_lock (&proxy->lock);
  url = g_strconcat (proxy->upstream, path, NULL);
  filter = proxy->filter;
  filter_data = proxy->filter_data;
  g_mutex_unlock (&proxy->lock);

  upstream = soup_message_new (soup_server_message_get_method (msg), url);
  if (soup_server_message_get_request_body (msg)->length > 0)
    {
      g_autoptr(GBytes) request = soup_message_body_flatten (soup_server_message_get_request_body (msg));

      soup_message_set_request_body_from_bytes (upstream, "application/json", request);
    }
  bytes = soup_session_send_and_read (proxy->session, upstream, NULL, NULL);
  body = g_byte_array_new ();
  if (bytes != NULL)
    {
      status = soup_message_get_status (upstream);
      g_byte_array_append (body, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  maybe_hold (proxy, path, TRUE);
  if (filter != NULL)
    filter (path, &status, body, filter_data);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_COPY,
                                    (const char *) body->data, body->len);
}

static gpointer
proxy_thread (gpointer data)
{
  AssayTestProxy *proxy = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (proxy->context);
  proxy->server = soup_server_new (NULL, NULL);
  proxy->session = soup_session_new_with_options ("timeout", 10, NULL);
  soup_server_add_handler (proxy->server, NULL, handle_cb, proxy, NULL);
  soup_server_listen_local (proxy->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (proxy->server);

  g_mutex_lock (&proxy->lock);
  proxy->url = g_uri_to_string (uris->data);
  g_cond_broadcast (&proxy->cond);
  g_mutex_unlock (&proxy->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (proxy->loop);

  soup_server_disconnect (proxy->server);
  g_clear_object (&proxy->server);
  g_clear_object (&proxy->session);
  while (g_main_context_iteration (proxy->context, FALSE))
    ;
  g_main_context_pop_thread_default (proxy->context);
  return NULL;
}

AssayTestProxy *
assay_test_proxy_new (const char *upstream)
{
  AssayTestProxy *proxy = g_new0 (AssayTestProxy, 1);

  g_mutex_init (&proxy->lock);
  g_cond_init (&proxy->cond);
  proxy->upstream = g_strdup (upstream);
  proxy->paths = g_ptr_array_new_with_free_func (g_free);
  proxy->context = g_main_context_new ();
  proxy->loop = g_main_loop_new (proxy->context, FALSE);
  proxy->thread = g_thread_new ("test-proxy", proxy_thread, proxy);

  g_mutex_lock (&proxy->lock);
  while (proxy->url == NULL)
    g_cond_wait (&proxy->cond, &proxy->lock);
  g_mutex_unlock (&proxy->lock);
  return proxy;
}

const char *
assay_test_proxy_get_url (AssayTestProxy *proxy)
{
  return proxy->url;
}

void
assay_test_proxy_set_upstream (AssayTestProxy *proxy,
                               const char *upstream)
{
  g_mutex_lock (&proxy->lock);
  g_free (proxy->upstream);
  proxy->upstream = g_strdup (upstream);
  g_mutex_unlock (&proxy->lock);
}

void
assay_test_proxy_set_filter (AssayTestProxy *proxy,
                             AssayTestProxyFilter filter,
                             gpointer user_data)
{
  g_mutex_lock (&proxy->lock);
  proxy->filter = filter;
  proxy->filter_data = user_data;
  g_mutex_unlock (&proxy->lock);
}

static void
hold (AssayTestProxy *proxy,
      const char     *prefix,
      guint           n,
      gboolean        answered)
{
  g_mutex_lock (&proxy->lock);
  proxy->hold_answer = answered;
  g_free (proxy->hold_prefix);
  proxy->hold_prefix = g_strdup (prefix);
  proxy->hold_n = n;
  proxy->hold_seen = 0;
  proxy->held = FALSE;
  proxy->released = FALSE;
  g_mutex_unlock (&proxy->lock);
}

void
assay_test_proxy_hold_at (AssayTestProxy *proxy,
                          const char *prefix,
                          guint n)
{
  hold (proxy, prefix, n, FALSE);
}

void
assay_test_proxy_hold_answer_at (AssayTestProxy *proxy,
                                 const char *prefix,
                                 guint n)
{
  hold (proxy, prefix, n, TRUE);
}

void
assay_test_proxy_wait_held (AssayTestProxy *proxy)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  g_mutex_lock (&proxy->lock);
  while (!proxy->held)
    if (!g_cond_wait_until (&proxy->cond, &proxy->lock, deadline))
      g_error ("the proxy was never asked for the request to hold");
  g_mutex_unlock (&proxy->lock);
}

void
assay_test_proxy_release (AssayTestProxy *proxy)
{
  g_mutex_lock (&proxy->lock);
  proxy->released = TRUE;
  g_clear_pointer (&proxy->hold_prefix, g_free);
  g_cond_broadcast (&proxy->cond);
  g_mutex_unlock (&proxy->lock);
}

guint
assay_test_proxy_count (AssayTestProxy *proxy,
                        const char *prefix)
{
  guint n = 0;

  g_mutex_lock (&proxy->lock);
  for (guint i = 0; i < proxy->paths->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (proxy->paths, i), prefix))
      n++;
  g_mutex_unlock (&proxy->lock);
  return n;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
assay_test_proxy_free (AssayTestProxy *proxy)
{
  assay_test_proxy_release (proxy);
  g_main_context_invoke (proxy->context, quit_cb, proxy->loop);
  g_thread_join (proxy->thread);
  g_main_loop_unref (proxy->loop);
  g_main_context_unref (proxy->context);
  g_ptr_array_unref (proxy->paths);
  g_mutex_clear (&proxy->lock);
  g_cond_clear (&proxy->cond);
  g_free (proxy->hold_prefix);
  g_free (proxy->upstream);
  g_free (proxy->url);
  g_free (proxy);
}

gboolean
assay_test_file_contains (const char *path,
                          const guint8 *needle,
                          gsize len)
{
  g_autofree char *data = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &data, &size, NULL))
    return FALSE;
  return memmem (data, size, needle, len) != NULL;
}

AssayTestGenerated *
assay_test_generated_flags (guint accounts,
                            guint seed)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("generated.test/log");
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *jsonl = g_build_filename (dir, "pilot.jsonl", NULL);
  g_autofree char *truth_path = g_build_filename (dir, "truth.json", NULL);
  g_autofree char *pilot = assay_test_pilot_rules ();
  g_autofree char *n = g_strdup_printf ("%u", accounts);
  g_autofree char *s = g_strdup_printf ("%u", seed);
  g_autofree char *lines = NULL, *out = NULL;
  const char *gen[] = { g_getenv ("ASSAY_CENTRAL"), "generate", "--accounts", n, "--seed", s,
                        "--out", jsonl, "--truth", truth_path, NULL };
  AssayTestGenerated *g = g_new0 (AssayTestGenerated, 1);

  g_assert_cmpint (assay_test_run (gen, NULL, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (jsonl, &lines, NULL, NULL));
  g->truth_parser = json_parser_new ();
  g_assert_true (json_parser_load_from_file (g->truth_parser, truth_path, NULL));
  g->truth = json_node_get_object (json_parser_get_root (g->truth_parser));
  assay_test_central_import (central, lines);
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 0);
  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "flags", "--rule-set", pilot,
                                        "--json", NULL), ==, 0);
  g->flags_parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (g->flags_parser, out, -1, NULL));
  g->flags = json_object_get_array_member (json_node_get_object (json_parser_get_root (g->flags_parser)),
                                           "flags");
  assay_test_rmdir (dir);
  return g;
}

void
assay_test_generated_free (AssayTestGenerated *g)
{
  if (g == NULL)
    return;
  g_clear_object (&g->truth_parser);
  g_clear_object (&g->flags_parser);
  g_free (g);
}

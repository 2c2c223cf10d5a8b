/* test-notice.c — the public notice of a logged weights version, written by assayctl as HTML and PDF
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

/* A central service logs two weights versions: the first, noticed in
 * June, takes effect in October (the notice pushes it past the July it
 * proposed) and replaces the plan's equal weights; the second, logged in
 * November with a long rationale full of markup characters, takes effect
 * in January and replaces the first.  A replica syncs; `assayctl weights
 * notice` writes each notice as HTML and as PDF, and both must say which
 * weights change to which, why, who signed and from when. */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "assay-error.h"
#include "assay-notice-export.h"
#include "assay-test-central.h"
#include "assay-test-lines.h"
#include "assay-test-roster.h"
#include "assay-test-util.h"

#define ORIGIN  "notice.test/log"
#define PLAN    "professional=25,knowledge=20,community=15,ecological=15,data=10,market_order=15"
#define NEXT    "professional=27.5,knowledge=17.5,community=15,ecological=15,data=10,market_order=15"
#define MARKUP  "Professional <b>work</b> & \"data\" first; <script>alert('x')</script>"

static AssayTestSigners signers;

typedef struct
{
  AssayTestCentral *central;
  AssayRoster      *roster;
  char             *dir;
  char             *replica;
  char             *rules;
  char             *rationale;   /* the second version's */
  char             *second;      /* its payload hash, for a third to supersede */
} Fixture;

static char *
log_weights (Fixture    *f,
             const char *set,
             const char *effective,
             gint64      seq,
             const char *supersedes,
             const char *rationale,
             const char *day)
{
  return assay_test_central_log_weights (f->central, f->roster, &signers, ORIGIN, set, effective, seq, supersedes,
                                         rationale, day);
}

/* A first line with every character HTML must escape, then enough lines
 * that the PDF needs more than one page for each language. */
static char *
long_rationale (void)
{
  GString *text = g_string_new (MARKUP);

  for (guint i = 1; i <= 70; i++)
    g_string_append_printf (text, "\nReason %u: the professional dimension is under-counted.", i);
  g_assert_cmpuint (text->len, <=, ASSAY_DECISION_MAX_RATIONALE);
  return g_string_free (text, FALSE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autofree char *lines = assay_test_cases_lines (FALSE);
  g_autofree char *roster = NULL, *first = NULL, *out = NULL, *err = NULL;

  f->dir = assay_test_mkdtemp ();
  f->replica = g_build_filename (f->dir, "replica.db", NULL);
  f->rules = assay_test_pilot_rules ();
  f->rationale = long_rationale ();
  f->central = assay_test_central_new (ORIGIN);
  assay_test_central_import (f->central, lines);
  f->roster = assay_test_roster_new (&signers, 1, NULL);
  roster = assay_test_roster_sign (f->roster, &signers, ASSAY_TEST_ROOT_0, ASSAY_TEST_ROOT_1, -1);
  assay_test_central_append_signed (f->central, "roster", roster, "2026-01-02");
  first = log_weights (f, PLAN, "2026-07-01", 1, NULL, "The first calibration.", "2026-06-28");
  f->second = log_weights (f, NEXT, "2027-01-01", 2, first, f->rationale, "2026-11-20");
  assay_test_central_start (f->central);
  if (assay_test_assayctl (&out, &err, "--replica", f->replica, "sync", "--server", f->central->url,
                           "--log-key", f->central->key, NULL) != 0)
    g_error ("sync failed: %s%s", out, err);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  assay_test_central_free (f->central);
  assay_roster_free (f->roster);
  assay_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->replica);
  g_free (f->rules);
  g_free (f->rationale);
  g_free (f->second);
}

/* The log indexes of the two weights versions, from `assayctl weights
 * --json`, and the second one's hash if @out_hash is not NULL. */
static void
weights_indexes (Fixture  *f,
                 gint64    out_index[2],
                 char    **out_hash)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *versions;

  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", f->replica, "weights", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  versions = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (versions), ==, 2);
  for (guint i = 0; i < 2; i++)
    out_index[i] = json_object_get_int_member (json_array_get_object_element (versions, i), "index");
  if (out_hash != NULL)
    *out_hash = g_strdup (json_object_get_string_member (json_array_get_object_element (versions, 1), "hash"));
}

/* Runs `weights notice --version INDEX --out NAME` in the fixture's
 * directory; returns the file's path. */
static char *
write_notice (Fixture    *f,
              gint64      index,
              const char *name,
              int         expected_status)
{
  g_autofree char *out = NULL, *err = NULL, *version = g_strdup_printf ("%" G_GINT64_FORMAT, index);
  char *path = g_build_filename (f->dir, name, NULL);
  int status = assay_test_assayctl (&out, &err, "--replica", f->replica, "weights", "notice", "--version", version,
                                    "--out", path, "--rule-set", f->rules, NULL);

  if (status != expected_status)
    g_error ("weights notice --version %s exited %d, not %d: %s%s", version, status, expected_status, out, err);
  return path;
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  return text;
}

/* The one row of the weights table whose first cell is `dimension`. */
static void
assert_row (const char *html,
            const char *dimension,
            const char *range,
            const char *old_weight,
            const char *new_weight)
{
  g_autofree char *row = g_strdup_printf ("<tr><td>%s</td>\n<td>%s</td>\n<td>%s</td>\n<td>%s</td>\n</tr>",
                                          dimension, range, old_weight, new_weight);

  if (strstr (html, row) == NULL)
    g_error ("the notice has no row\n%s", row);
}

/* The first version changes the plan's equal weights, shown as such, and
 * takes effect on the first quarter start after its notice, not on the
 * day it proposed. */
static void
test_html_first (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autofree char *path = NULL, *html = NULL, *index_field = NULL;
  gint64 index[2];

  weights_indexes (f, index, NULL);
  path = write_notice (f, index[0], "first.html", 0);
  html = read_text (path);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html, "<h1>贡献值维度权重调整公示</h1>"));
  g_assert_nonnull (strstr (html, "<h1>Public notice of a change of dimension weights</h1>"));
  /* Chinese first: the official text. */
  g_assert_true (strstr (html, "贡献值维度权重调整公示</h1>") < strstr (html, "Public notice of a change"));
  index_field = g_strdup_printf ("<dd>%" G_GINT64_FORMAT "</dd>", index[0]);
  g_assert_nonnull (strstr (html, index_field));
  g_assert_nonnull (strstr (html, "<dd>" ORIGIN "</dd>"));
  g_assert_nonnull (strstr (html, "<dd>2026-06-28 至 2026-07-04（7 天）</dd>"));
  g_assert_nonnull (strstr (html, "<dd>2026-06-28 to 2026-07-04 (7 days)</dd>"));
  g_assert_nonnull (strstr (html, "<dd>2026-07-01</dd>"));                /* proposed */
  g_assert_nonnull (strstr (html, "<dd>2026-10-01（"));                   /* effective */
  g_assert_nonnull (strstr (html, "<dd>2026-10-01 (the later of"));
  assert_row (html, "专业贡献", "20–30 %", "等权重（系数 1）", "25 %");
  assert_row (html, "数据贡献", "5–15 %", "等权重（系数 1）", "10 %");
  assert_row (html, "Market order", "10–20 %", "equal weights (multiplier 1)", "15 %");
  g_assert_nonnull (strstr (html, "The first calibration."));
  /* The what-if of these weights against the equal weights in force on
   * its logged day, as the committee saw it. */
  g_assert_nonnull (strstr (html, "调整影响预估"));
  g_assert_nonnull (strstr (html, "Kendall"));
}

/* The second version changes the first's weights; its rationale is
 * escaped, its signers and the commands to verify it are there. */
static void
test_html_second (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autofree char *path = NULL, *html = NULL, *old_column = NULL, *signed_by = NULL, *hash = NULL;
  g_autofree char *hash_field = NULL;
  gint64 index[2];

  weights_indexes (f, index, &hash);
  path = write_notice (f, index[1], "second.html", 0);
  html = read_text (path);
  old_column = g_strdup_printf ("<th>Old weight (log index %" G_GINT64_FORMAT ")</th>", index[0]);
  g_assert_nonnull (strstr (html, old_column));
  assert_row (html, "专业贡献", "20–30 %", "25 %", "27.5 %");
  assert_row (html, "知识共享", "15–25 %", "20 %", "17.5 %");
  assert_row (html, "Community service", "10–20 %", "15 %", "15 %");
  g_assert_null (strstr (html, "等权重（系数 1）"));
  g_assert_nonnull (strstr (html, "<dd>2027-01-01（"));
  g_assert_nonnull (strstr (html, "Professional &lt;b&gt;work&lt;/b&gt; &amp; &quot;data&quot; first; "
                                  "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"));
  g_assert_null (strstr (html, "<b>work"));
  g_assert_null (strstr (html, "<script"));
  g_assert_nonnull (strstr (html, "Reason 70: the professional dimension is under-counted."));
  signed_by = g_strdup_printf ("%s、%s、%s", assay_test_holder (ASSAY_TEST_ANA), assay_test_holder (ASSAY_TEST_BO),
                               assay_test_holder (ASSAY_TEST_CHEN));
  g_assert_nonnull (strstr (html, signed_by));
  hash_field = g_strdup_printf ("<dd>%s</dd>", hash);
  g_assert_nonnull (strstr (html, hash_field));
  g_assert_nonnull (strstr (html, "<pre>assayctl --replica FILE decisions --json\n"
                                  "assayctl --replica FILE weights --json</pre>"));
  /* Self-contained: nothing to fetch. */
  g_assert_null (strstr (html, "src="));
  g_assert_null (strstr (html, "href="));
}

static char *
pdf_text (const char *pdf_path)
{
  g_autofree char *txt_path = g_strconcat (pdf_path, ".txt", NULL);
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf_path, txt_path, NULL };
  g_autofree char *out = NULL, *err = NULL, *program = g_find_program_in_path ("pdftotext");

  if (program == NULL)
    g_error ("pdftotext is missing: run build-aux/install-deps (poppler-utils)");
  if (assay_test_run (argv, NULL, &out, &err) != 0)
    g_error ("pdftotext failed: %s%s", out, err);
  return read_text (txt_path);
}

static guint
count_pages (const char *text)
{
  guint n = 0;

  for (const char *p = text; (p = strchr (p, '\f')) != NULL; p++)
    n++;
  return n;
}

/* The PDF says the same, in both languages, over several pages. */
static void
test_pdf (Fixture       *f,
          gconstpointer  user_data)
{
  g_autofree char *path = NULL, *pdf = NULL, *text = NULL, *hash = NULL;
  g_autoptr(GString) flat = g_string_new (NULL);
  gsize size;
  gint64 index[2];

  weights_indexes (f, index, &hash);
  path = write_notice (f, index[1], "second.pdf", 0);
  g_assert_true (g_file_get_contents (path, &pdf, &size, NULL));
  g_assert_cmpuint (size, >, 1000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "贡献值维度权重调整公示"));
  g_assert_nonnull (strstr (text, "Public notice of a change of dimension weights"));
  g_assert_true (strstr (text, "贡献值维度权重调整公示") < strstr (text, "Public notice of a change"));
  g_assert_nonnull (strstr (text, "27.5 %"));
  g_assert_nonnull (strstr (text, "17.5 %"));
  g_assert_nonnull (strstr (text, "2027-01-01"));
  g_assert_nonnull (strstr (text, "Professional <b>work</b> & \"data\" first"));
  g_assert_nonnull (strstr (text, assay_test_holder (ASSAY_TEST_CHEN)));
  /* The long rationale, in each language part, turns the page; its last
   * line is there, so nothing ran off the bottom. */
  g_assert_cmpuint (count_pages (text), >=, 3);
  g_assert_nonnull (strstr (text, "Reason 70: the professional dimension is under-counted."));
  g_assert_nonnull (strstr (text, "assayctl --replica FILE decisions --json"));
  /* The hash may wrap, but gains no hyphen where it does. */
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (flat, *p);
  g_assert_nonnull (strstr (flat->str, hash));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **out_error = user_data;

  if (!assay_notice_export_finish (result, out_error) && *out_error == NULL)
    g_error ("export failed without an error");
  *out_error = *out_error != NULL ? *out_error : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

/* The app's export (a worker thread) writes what the command line writes,
 * byte for byte, what-if included; a file of another kind is refused. */
static void
test_export_task (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(AssayRuleSet) set = assay_rule_set_new_from_file (f->rules, NULL);
  g_autofree char *cli_path = NULL, *cli = NULL, *task = NULL;
  g_autofree char *task_path = g_build_filename (f->dir, "task.html", NULL);
  g_autofree char *odt_path = g_build_filename (f->dir, "task.odt", NULL);
  GError *error = NULL;
  gint64 index[2];

  weights_indexes (f, index, NULL);
  cli_path = write_notice (f, index[1], "cli.html", 0);
  assay_notice_export_async (f->replica, set, index[1], task_path, NULL, export_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS));
  g_clear_error (&error);
  cli = read_text (cli_path);
  task = read_text (task_path);
  g_assert_cmpstr (task, ==, cli);
  g_assert_nonnull (strstr (task, "Kendall"));
  assay_notice_export_async (f->replica, set, index[1], odt_path, NULL, export_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (g_file_test (odt_path, G_FILE_TEST_EXISTS));
}

/* An index that holds no weights decision is refused (1); a file that is
 * neither .pdf nor .html, or no --version, is a usage error (2). */
static void
test_refusals (Fixture       *f,
               gconstpointer  user_data)
{
  g_autofree char *out = NULL, *err = NULL, *missing = NULL, *unknown = NULL, *odd = NULL;
  gint64 index[2];

  weights_indexes (f, index, NULL);
  unknown = write_notice (f, 0, "entry.html", 1);
  g_assert_false (g_file_test (unknown, G_FILE_TEST_EXISTS));
  missing = write_notice (f, index[1] + 1000, "beyond.pdf", 1);
  odd = write_notice (f, index[1], "notice.txt", 2);
  g_assert_false (g_file_test (odd, G_FILE_TEST_EXISTS));
  g_assert_cmpint (assay_test_assayctl (&out, &err, "--replica", f->replica, "weights", "notice", "--out", "x.pdf",
                                        NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--version"));
}

/* @method @path from the central service at @base. */
static GBytes *
fetch_from (const char  *base,
            const char  *method,
       const char  *path,
       guint       *out_status,
       char       **out_content_type)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  /* The service's URL ends with its root's slash. */
  g_autofree char *url = g_strconcat (base, path + g_str_has_suffix (base, "/"), NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  GBytes *body = soup_session_send_and_read (session, msg, NULL, &error);

  g_assert_no_error (error);
  *out_status = soup_message_get_status (msg);
  *out_content_type = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                              "Content-Type"));
  return body;
}

static GBytes *
fetch (Fixture     *f,
       const char  *method,
       const char  *path,
       guint       *out_status,
       char       **out_content_type)
{
  return fetch_from (f->central->url, method, path, out_status, out_content_type);
}

static void
assert_refused (Fixture    *f,
                const char *method,
                const char *path,
                guint       expected_status,
                const char *reason)
{
  g_autofree char *type = NULL, *text = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  body = fetch (f, method, path, &status, &type);
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  if (status != expected_status || strstr (text, reason) == NULL)
    g_error ("%s %s: %u %s, not %u with “%s”", method, path, status, text, expected_status, reason);
  g_assert_cmpstr (type, ==, "application/json");
}

/* The service serves the same notice as assayctl writes, from its own
 * log; a third version logged later is served too. */
static void
test_central (Fixture       *f,
              gconstpointer  user_data)
{
  g_autofree char *cli_path = NULL, *cli_html = NULL, *type = NULL, *path = NULL, *third = NULL;
  g_autofree char *pdf_type = NULL, *third_type = NULL, *third_path = NULL;
  g_autoptr(GBytes) html = NULL, pdf = NULL, third_html = NULL;
  gint64 index[2];
  guint status;

  weights_indexes (f, index, NULL);
  cli_path = write_notice (f, index[1], "second.html", 0);
  cli_html = read_text (cli_path);
  path = g_strdup_printf ("/notices/%" G_GINT64_FORMAT ".html", index[1]);
  html = fetch (f, "GET", path, &status, &type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (type, ==, "text/html; charset=utf-8");
  /* The same rule set (the default one is pilot.json) on the same day. */
  g_assert_cmpmem (g_bytes_get_data (html, NULL), g_bytes_get_size (html), cli_html, strlen (cli_html));

  g_free (path);
  path = g_strdup_printf ("/notices/%" G_GINT64_FORMAT ".pdf", index[0]);
  pdf = fetch (f, "GET", path, &status, &pdf_type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (pdf_type, ==, "application/pdf");
  g_assert_cmpuint (g_bytes_get_size (pdf), >, 1000);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);

  assert_refused (f, "GET", "/notices/0.html", 404, "holds no weights decision");
  assert_refused (f, "GET", "/notices/99999.pdf", 404, "holds no weights decision");
  assert_refused (f, "GET", "/notices/1.txt", 404, "No such notice");
  assert_refused (f, "GET", "/notices/x1.html", 404, "No such notice");
  assert_refused (f, "POST", path, 405, "not allowed");

  /* Logged after the service last read its log. */
  assay_test_central_stop (f->central);
  third = log_weights (f, PLAN, "2027-04-01", 3, f->second, "Back to the first calibration.", "2026-12-01");
  assay_test_central_start (f->central);
  third_path = g_strdup_printf ("/notices/%" G_GINT64_FORMAT ".html", index[1] + 1);
  third_html = fetch (f, "GET", third_path, &status, &third_type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (third_html, NULL), g_bytes_get_size (third_html),
                                  "Back to the first calibration."));
}

/* The notices' replica holds bodies; an erasure purges them there too
 * (Article V). */
static void
test_central_erasure (void)
{
  static const char marker[] = "notice-forget-marker";
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("notice-erasure.test/log");
  g_autofree char *marked = assay_test_lines (0, 50, "forget-me", marker);
  g_autofree char *replica = g_build_filename (central->data, "notices.replica", NULL);
  g_autofree char *wal = g_strconcat (replica, "-wal", NULL);
  g_autofree char *type = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  /* An empty log has no notice, and makes no replica. */
  assay_test_central_start (central);
  body = fetch_from (central->url, "GET", "/notices/0.pdf", &status, &type);
  g_assert_cmpuint (status, ==, 404);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "The log is empty"));
  g_assert_false (g_file_test (replica, G_FILE_TEST_EXISTS));
  g_clear_pointer (&body, g_bytes_unref);
  g_clear_pointer (&type, g_free);
  assay_test_central_stop (central);

  assay_test_central_import (central, marked);
  assay_test_central_start (central);
  /* No weights decision is logged, but reading the log brought it in. */
  body = fetch_from (central->url, "GET", "/notices/3.html", &status, &type);
  g_assert_cmpuint (status, ==, 404);
  g_assert_true (assay_test_file_contains (replica, (const guint8 *) marker, strlen (marker)) ||
                 assay_test_file_contains (wal, (const guint8 *) marker, strlen (marker)));
  assay_test_central_stop (central);
  assay_test_central_erase (central, "forget-me", "2000-01-01", "2029-12-31");
  g_assert_false (assay_test_file_contains (replica, (const guint8 *) marker, strlen (marker)));
  g_assert_false (assay_test_file_contains (wal, (const guint8 *) marker, strlen (marker)));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  assay_test_signers_init (&signers);
  g_test_add ("/assay/notice/html-first", Fixture, NULL, fixture_set_up, test_html_first, fixture_tear_down);
  g_test_add ("/assay/notice/html-second", Fixture, NULL, fixture_set_up, test_html_second, fixture_tear_down);
  g_test_add ("/assay/notice/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/assay/notice/export-task", Fixture, NULL, fixture_set_up, test_export_task, fixture_tear_down);
  g_test_add ("/assay/notice/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/assay/notice/central", Fixture, NULL, fixture_set_up, test_central, fixture_tear_down);
  g_test_add_func ("/assay/notice/central-erasure", test_central_erasure);
  status = g_test_run ();
  assay_test_signers_clear (&signers);
  return status;
}

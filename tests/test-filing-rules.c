/* test-filing-rules.c — filings kept by the replica, their rules, their cases
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

#include "assay-entry-row.h"
#include "assay-replica.h"
#include "assay-replica-cases.h"
#include "assay-replica-filings.h"
#include "assay-test-central.h"
#include "assay-test-util.h"

/* The lines come in publication order into an empty log, so line n is leaf
 * n: the filings name earlier lines by their number. */

#define COMMON(kind, account, filed) \
  "{\"kind\":\"" kind "\",\"account\":\"" account "\",\"account_kind\":\"individual\"," \
  "\"county\":\"310118\",\"filed\":\"" filed "\",\"filing\":\"ref-" filed "\","

static void
add_event (GString    *out,
           const char *account,
           int         points,
           const char *date,
           const char *published)
{
  g_autofree char *id = g_strdup_printf ("%s-%s-%d", account, date, points);
  g_autofree char *evidence = g_compute_checksum_for_string (G_CHECKSUM_SHA256, id, -1);

  g_string_append_printf (out,
    "{\"kind\":\"event\",\"account\":\"%s\",\"account_kind\":\"individual\","
    "\"dimension\":\"professional\",\"points\":%d,\"event_date\":\"%s\","
    "\"publication_date\":\"%s\",\"county\":\"310118\",\"issuer\":\"issuer\","
    "\"distributor\":\"distributor\",\"rule\":{\"id\":\"hours\",\"inputs\":{\"hours\":1}},"
    "\"activity\":\"a-%s\",\"confirmer\":null,\"evidence\":\"%s\"}\n",
    account, points, date, published, date, evidence);
}

static void
add_failure (GString    *out,
             const char *account,
             const char *filed,
             int         points,
             const char *ruled_out)
{
  g_string_append_printf (out,
    "{\"kind\":\"failure_claim\",\"account\":\"%s\",\"account_kind\":\"individual\","
    "\"county\":\"310118\",\"filed\":\"%s\",\"filing\":\"ref-%s\",\"project\":\"A cheaper water filter\","
    "\"experts\":[\"Wang Li\",\"Zhou Min\"],\"honest_record\":true,\"good_faith\":true,"
    "\"ruled_out\":%s,\"comparable_value\":100,\"points\":%d}\n",
    account, filed, filed, ruled_out, points);
}

static void
add_silence (GString    *out,
             const char *account,
             const char *filed,
             const char *from,
             const char *to)
{
  g_string_append_printf (out,
    "{\"kind\":\"silence\",\"account\":\"%s\",\"account_kind\":\"individual\",\"county\":\"310118\","
    "\"filed\":\"%s\",\"filing\":\"ref-%s\",\"from\":\"%s\",\"to\":\"%s\"}\n",
    account, filed, filed, from, to);
}

static void
add_forget (GString    *out,
            const char *filed,
            guint       silence)
{
  g_string_append_printf (out, COMMON ("forget_request", "acct-silent", "%s") "\"silence\":%u}\n",
                          filed, filed, silence);
}

static void
add_transfer (GString    *out,
              const char *filed,
              int         points)
{
  g_string_append_printf (out, COMMON ("education_transfer", "acct-parent", "%s")
                          "\"year\":2025,\"points\":%d,\"child_account\":\"acct-child\"}\n",
                          filed, filed, points);
}

static void
add_insurance (GString    *out,
               const char *account,
               const char *filed)
{
  g_string_append_printf (out,
    "{\"kind\":\"insurance_claim\",\"account\":\"%s\",\"account_kind\":\"individual\","
    "\"county\":\"310118\",\"filed\":\"%s\",\"filing\":\"ref-%s\",\"benefit\":\"retraining\","
    "\"venture\":\"A bakery that closed\"}\n", account, filed, filed);
}

static char *
crafted_lines (void)
{
  GString *out = g_string_new (NULL);

  add_event (out, "acct-veteran", 1000, "2023-03-01", "2023-03-11");   /* 0 */
  add_event (out, "acct-veteran", 1000, "2024-03-01", "2024-03-11");   /* 1 */
  add_event (out, "acct-veteran", 1000, "2025-03-01", "2025-03-11");   /* 2 */
  add_event (out, "acct-novice", 2000, "2025-04-01", "2025-04-11");    /* 3 */
  add_event (out, "acct-parent", 1200, "2025-05-01", "2025-05-11");    /* 4 */
  add_event (out, "acct-parent", -200, "2025-06-01", "2025-06-11");    /* 5: accrual 1000 */
  add_event (out, "acct-silent", -50, "2026-01-05", "2026-01-15");     /* 6 */
  add_transfer (out, "2026-01-20", 200);                               /* 7: 20 %, within */
  add_transfer (out, "2026-01-21", 1);                                 /* 8: 201 > 200 */
  add_insurance (out, "acct-veteran", "2026-02-01");                   /* 9: 1000 × 3, eligible */
  add_insurance (out, "acct-novice", "2026-02-02");                    /* 10: 0, 0, 2000 */
  add_silence (out, "acct-long", "2026-02-10", "2026-02-10", "2026-05-10"); /* 11: one day over */
  g_string_append (out, COMMON ("appeal", "acct-silent", "2026-02-15")
                        "\"against\":6,\"reason\":\"I was not there that day.\"}\n");  /* 12 */
  add_silence (out, "acct-silent", "2026-03-01", "2026-03-01", "2026-05-31"); /* 13: exactly three months */
  add_event (out, "acct-silent", 10, "2026-03-20", "2026-03-30");      /* 14: inside 13 */
  g_string_append (out, COMMON ("dispute", "acct-silent", "2026-04-01")
                        "\"entries\":[6,14],\"claimant\":\"31\",\"claimant_statement\":\"Shanghai "
                        "recognises these.\",\"respondent\":\"32\",\"respondent_statement\":\"Jiangsu "
                        "does not.\"}\n");                              /* 15 */
  add_forget (out, "2026-05-01", 13);                                  /* 16: 30 days before the end */
  add_forget (out, "2026-05-02", 13);                                  /* 17: 29 days: inside */
  add_forget (out, "2026-05-03", 11);                                  /* 18: another account's */
  add_failure (out, "acct-fail", "2026-06-01", 30, "true");            /* 19: exactly 30 % */
  add_silence (out, "acct-silent", "2026-07-01", "2026-07-01", "2026-07-31"); /* 20: second in 2026 */
  add_failure (out, "acct-fail", "2026-07-01", 31, "true");            /* 21: 31 % */
  add_failure (out, "acct-fail", "2026-08-01", 10, "true");            /* 22: third in 2026 */
  add_failure (out, "acct-fail2", "2026-08-02", 10, "false");          /* 23: a criterion unmet */
  return g_string_free (out, FALSE);
}

static JsonObject *
find_flag (JsonArray  *flags,
           const char *rule,
           const char *subject)
{
  for (guint i = 0; i < json_array_get_length (flags); i++)
    {
      JsonObject *f = json_array_get_object_element (flags, i);
      JsonObject *s = json_object_get_object_member (f, "subject");

      if (strcmp (json_object_get_string_member (f, "rule"), rule) == 0 &&
          strcmp (json_object_get_string_member (s, "id"), subject) == 0 &&
          strcmp (json_object_get_string_member (s, "kind"), "filing") == 0)
        return f;
    }
  return NULL;
}

static guint
count_filing_flags (JsonArray *flags)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (flags); i++)
    {
      JsonObject *s = json_object_get_object_member (json_array_get_object_element (flags, i), "subject");

      n += strcmp (json_object_get_string_member (s, "kind"), "filing") == 0;
    }
  return n;
}

static double
feature (JsonObject *flag,
         const char *name)
{
  return json_object_get_double_member (json_object_get_object_member (flag, "features"), name);
}

static void
check_entries (JsonObject          *flag,
               const guint64       *expected,
               guint                n)
{
  JsonArray *entries = json_object_get_array_member (flag, "entries");

  g_assert_cmpuint (json_array_get_length (entries), ==, n);
  for (guint i = 0; i < n; i++)
    /* Leaf indices, as assayctl flags --json writes them (README "Flags"). */
    g_assert_cmpint (json_array_get_int_element (entries, i), ==, expected[i]);
}

static JsonArray *
run_flags (const char  *replica,
           JsonParser  *parser)
{
  g_autofree char *pilot = assay_test_pilot_rules ();
  g_autofree char *out = NULL;

  g_assert_cmpint (assay_test_assayctl (&out, NULL, "--replica", replica, "flags", "--rule-set", pilot,
                                        "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  return json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "flags");
}

/* Every expected flag, with the numbers behind it, and no other. */
static void
check_flags (JsonArray *flags)
{
  static const char *expected[][2] = {
    { "5.2.education_cap", "8" }, { "Z.insurance_ineligible", "10" }, { "V.silence_too_long", "11" },
    { "V.silence_entries", "13" }, { "V.forget_window", "16" }, { "V.forget_no_silence", "18" },
    { "V.silence_twice", "20" }, { "U.failure_cap", "21" }, { "U.failure_third", "22" },
    { "U.failure_criteria", "23" },
  };
  static const guint64 silence_entries[] = { 13, 14 }, forget_entries[] = { 13, 16 },
                       transfer_entries[] = { 7, 8 }, third_entries[] = { 19, 21, 22 };
  JsonObject *f;

  g_assert_cmpuint (count_filing_flags (flags), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (find_flag (flags, expected[i][0], expected[i][1]));

  f = find_flag (flags, "V.silence_too_long", "11");
  g_assert_cmpfloat (feature (f, "silence.days"), ==, 90);
  g_assert_cmpfloat (feature (f, "silence.excess_days"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (f, "period"), "to"), ==,
                   "2026-05-10");
  f = find_flag (flags, "V.silence_entries", "13");
  g_assert_cmpfloat (feature (f, "silence.entries_inside"), ==, 1);
  check_entries (f, silence_entries, G_N_ELEMENTS (silence_entries));
  f = find_flag (flags, "V.forget_window", "16");
  g_assert_cmpfloat (feature (f, "forget.window_offset"), ==, -30);
  check_entries (f, forget_entries, G_N_ELEMENTS (forget_entries));
  f = find_flag (flags, "V.silence_twice", "20");
  g_assert_cmpfloat (feature (f, "silence.order_in_year"), ==, 2);
  f = find_flag (flags, "U.failure_cap", "21");
  g_assert_cmpfloat_with_epsilon (feature (f, "failure.share"), 0.31, 1e-15);
  f = find_flag (flags, "U.failure_third", "22");
  g_assert_cmpfloat (feature (f, "failure.order_in_year"), ==, 3);
  check_entries (f, third_entries, G_N_ELEMENTS (third_entries));
  f = find_flag (flags, "U.failure_criteria", "23");
  g_assert_cmpfloat (feature (f, "failure.criteria_met"), ==, 2);
  f = find_flag (flags, "Z.insurance_ineligible", "10");
  g_assert_cmpfloat (feature (f, "insurance.year1_points"), ==, 2000);
  g_assert_cmpfloat (feature (f, "insurance.year2_points"), ==, 0);
  g_assert_cmpfloat (feature (f, "insurance.year3_points"), ==, 0);
  f = find_flag (flags, "5.2.education_cap", "8");
  g_assert_cmpfloat (feature (f, "education.accrual"), ==, 1000);
  g_assert_cmpfloat (feature (f, "education.transfers"), ==, 201);
  check_entries (f, transfer_entries, G_N_ELEMENTS (transfer_entries));
  g_assert_cmpstr (json_object_get_string_member (f, "explanation"), ==,
                   "Transfers drawing on the year total 201 points, over 20.0% of the year's accrual of "
                   "1000 points: review");
}

static AssayCase *
filing_case (GPtrArray  *cases,
             const char *index)
{
  for (guint i = 0; i < cases->len; i++)
    {
      AssayCase *c = cases->pdata[i];

      if (strcmp (c->subject_kind, "filing") == 0 && strcmp (c->subject_id, index) == 0)
        return c;
    }
  return NULL;
}

/* A case for every filing but the transfer within its cap; the dispute
 * alone goes to the panel. */
/* A log page names each filing's filer, day and county, and gives it no
 * points: they are a record's. */
static void
check_entry_rows (AssayReplica *replica,
                  GPtrArray    *filings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = assay_replica_list_entries (replica, NULL, 0, 0, &error);
  guint n_filings = 0, n_records = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      AssayEntryRow *row = rows->pdata[i];
      const AssayFiling *filing = NULL;

      for (guint f = 0; f < filings->len; f++)
        if (((AssayFiling *) filings->pdata[f])->index == assay_entry_row_get_index (row))
          filing = filings->pdata[f];
      n_records += assay_entry_row_is_record (row);
      if (filing == NULL)
        continue;
      n_filings++;
      g_assert_false (assay_entry_row_is_record (row));
      g_assert_cmpstr (assay_entry_row_get_account (row), ==, filing->account);
      g_assert_cmpuint (assay_entry_row_get_event_day (row), ==, filing->filed_day);
      g_assert_cmpstr (assay_entry_row_get_county (row), ==, "310118");
      if (assay_entry_row_get_index (row) == 12)
        g_assert_cmpstr (assay_entry_row_get_account (row), ==, "acct-silent");
    }
  g_assert_cmpuint (n_filings, ==, filings->len);
  g_assert_cmpuint (n_records, >, 0);
}

static void
check_cases (const char *path,
             guint       n_filings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayReplica) replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) filings = NULL;
  guint n = 0;

  g_assert_no_error (error);
  cases = assay_replica_list_cases (replica, &error);
  g_assert_no_error (error);
  filings = assay_replica_list_filings (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (filings->len, ==, n_filings);
  g_assert_null (filing_case (cases, "7"));
  for (guint i = 0; i < cases->len; i++)
    {
      AssayCase *c = cases->pdata[i];

      if (!c->is_filing)
        continue;
      n++;
      g_assert_cmpint (c->for_panel, ==, strcmp (c->subject_id, "15") == 0);
      g_assert_cmpstr (c->county, ==, "310118");
    }
  g_assert_cmpuint (n, ==, n_filings - 1);
  g_assert_cmpint (filing_case (cases, "12")->filing_kind, ==, ASSAY_ENTRY_APPEAL);
  {
    static const guint64 silent[] = { 12, 13, 15, 16, 17, 18, 20 };
    g_autoptr(GArray) own = assay_replica_account_filings (replica, "acct-silent", &error);

    g_assert_no_error (error);
    g_assert_cmpmem (own->data, own->len * sizeof (guint64), silent, sizeof silent);
  }
  g_assert_cmpint (filing_case (cases, "8")->filing_kind, ==, ASSAY_ENTRY_EDUCATION_TRANSFER);
  g_assert_cmpuint (filing_case (cases, "8")->flag_ids->len, ==, 1);
  check_entry_rows (replica, filings);
}

static void
test_filing_rules (void)
{
  g_autoptr(AssayTestCentral) central = assay_test_central_new ("filings.test/log");
  g_autofree char *lines = crafted_lines ();
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *replica = g_build_filename (dir, "replica.db", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) after = json_parser_new ();
  JsonArray *flags;

  assay_test_central_import (central, lines);
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 0);
  flags = run_flags (replica, parser);
  check_flags (flags);
  /* Lines 7 … 13 and 15 … 23. */
  check_cases (replica, 16);

  /* Erasing acct-fail2's August takes its claim, the claim's flag and
   * its case with it. */
  assay_test_central_stop (central);
  assay_test_central_erase (central, "acct-fail2", "2026-08-01", "2026-08-31");
  assay_test_central_start (central);
  g_assert_cmpint (assay_test_assayctl (NULL, NULL, "--replica", replica, "sync", "--server", central->url,
                                        "--log-key", central->key, NULL), ==, 0);
  flags = run_flags (replica, after);
  g_assert_cmpuint (count_filing_flags (flags), ==, 9);
  g_assert_null (find_flag (flags, "U.failure_criteria", "23"));
  check_cases (replica, 15);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/filings/rules", test_filing_rules);
  return g_test_run ();
}

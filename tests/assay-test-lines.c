/* assay-test-lines.c — crafted ledger lines for the tests that sync a replica
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

#include "assay-day.h"
#include "assay-test-lines.h"

void
assay_test_append_event (GString    *out,
                         const char *account,
                         const char *dimension,
                         int         points,
                         guint32     day,
                         const char *county,
                         const char *rule,
                         const char *activity,
                         const char *confirmer)
{
  g_autofree char *date = assay_day_format (day);
  g_autofree char *published = assay_day_format (day + 10);
  g_autofree char *seed = g_strdup_printf ("%s %s %s %d", account, date, activity, points);
  g_autofree char *evidence = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
  g_autofree char *who = confirmer != NULL ? g_strdup_printf ("\"%s\"", confirmer) : g_strdup ("null");

  g_string_append_printf (out,
    "{\"kind\":\"event\",\"account\":\"%s\",\"account_kind\":\"individual\","
    "\"dimension\":\"%s\",\"points\":%d,\"event_date\":\"%s\","
    "\"publication_date\":\"%s\",\"county\":\"%s\",\"issuer\":\"issuer\","
    "\"distributor\":\"volunteers\",\"rule\":{\"id\":\"%s\",\"inputs\":{\"hours\":1}},"
    "\"activity\":\"%s\",\"confirmer\":%s,\"evidence\":\"%s\"}\n",
    account, dimension, points, date, published, county, rule, activity, who, evidence);
}

void
assay_test_append_month (GString    *out,
                         const char *account,
                         const char *dimension,
                         guint       points,
                         guint       year,
                         guint       month,
                         const char *county)
{
  for (guint i = 0; i < points / 10; i++)
    {
      g_autofree char *activity = g_strdup_printf ("%s-%s-%u-%u", account, dimension, month, i);
      guint32 day = 0;

      g_assert_true (assay_day_from_ymd (year, month, 1 + i % 18, &day));
      assay_test_append_event (out, account, dimension, 10, day, county, "hours", activity, NULL);
    }
}

void
assay_test_append_growth (GString    *out,
                          const char *account,
                          guint32     jan1)
{
  for (guint32 d = jan1; d < jan1 + 47; d++)
    {
      g_autofree char *activity = g_strdup_printf ("H-%u", d);

      if (d < jan1 + 31 || d >= jan1 + 40)
        assay_test_append_event (out, account, d % 2 ? "professional" : "knowledge", d < jan1 + 31 ? 20 : 50, d,
                                 "310118", "hours", activity, NULL);
    }
}

void
assay_test_append_redemptions (GString    *out,
                               const char *county,
                               guint       n,
                               guint32     day)
{
  g_autofree char *date = assay_day_format (day);
  g_autofree char *published = assay_day_format (day + 7);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out,
      "{\"kind\":\"redemption\",\"account\":\"r-%s-%u\",\"account_kind\":\"individual\","
      "\"tier\":\"basic\",\"points\":10,\"event_date\":\"%s\",\"publication_date\":\"%s\","
      "\"county\":\"%s\",\"distributor\":\"clinic\",\"item\":\"check-up\",\"request\":\"R-%s-%u-%u\"}\n",
      county, i, date, published, county, county, day, i);
}

char *
assay_test_cases_lines (gboolean calm_only)
{
  GString *out = g_string_new (NULL);

  if (!calm_only)
    {
      assay_test_append_month (out, "acct-conc", "professional", 710, 2025, 2, "310118");
      assay_test_append_month (out, "acct-conc", "knowledge", 290, 2025, 2, "310118");
      assay_test_append_month (out, "acct-consec", "community", 800, 2025, 2, "310118");
      assay_test_append_month (out, "acct-consec", "data", 200, 2025, 2, "310118");
      assay_test_append_month (out, "acct-consec", "community", 900, 2025, 5, "310115");
      assay_test_append_month (out, "acct-consec", "data", 100, 2025, 5, "310115");
      assay_test_append_month (out, "acct-gone", "ecological", 1000, 2025, 2, "310118");
    }
  assay_test_append_month (out, "acct-calm", "professional", 500, 2025, 2, "310118");
  assay_test_append_month (out, "acct-calm", "knowledge", 500, 2025, 2, "310118");
  return g_string_free (out, FALSE);
}

const char assay_test_filing_lines[] =
  "{\"kind\":\"event\",\"account\":\"acct-x\",\"account_kind\":\"individual\",\"dimension\":\"professional\","
  "\"points\":40,\"event_date\":\"2026-02-01\",\"publication_date\":\"2026-02-10\",\"county\":\"310118\","
  "\"issuer\":\"issuer\",\"distributor\":\"distributor\",\"rule\":{\"id\":\"hours\",\"inputs\":{\"hours\":1}},"
  "\"activity\":\"a-1\",\"confirmer\":null,\"evidence\":"
  "\"1111111111111111111111111111111111111111111111111111111111111111\"}\n"
  "{\"kind\":\"event\",\"account\":\"acct-x\",\"account_kind\":\"individual\",\"dimension\":\"data\","
  "\"points\":60,\"event_date\":\"2026-02-02\",\"publication_date\":\"2026-02-11\",\"county\":\"310118\","
  "\"issuer\":\"issuer\",\"distributor\":\"distributor\",\"rule\":{\"id\":\"hours\",\"inputs\":{\"hours\":1}},"
  "\"activity\":\"a-2\",\"confirmer\":null,\"evidence\":"
  "\"2222222222222222222222222222222222222222222222222222222222222222\"}\n"
  "{\"kind\":\"failure_claim\",\"account\":\"acct-fail\",\"account_kind\":\"individual\",\"county\":\"310118\","
  "\"filed\":\"2026-03-01\",\"filing\":\"ref-fail\",\"project\":\"A cheaper water filter\","
  "\"experts\":[\"Wang Li\",\"Zhou Min\"],\"honest_record\":true,\"good_faith\":true,\"ruled_out\":true,"
  "\"comparable_value\":1000,\"points\":500}\n";

const char assay_test_filing_dispute[] =
  "{\"kind\":\"dispute\",\"account\":\"acct-x\",\"account_kind\":\"individual\",\"county\":\"310118\","
  "\"filed\":\"2026-04-01\",\"filing\":\"ref-dispute\",\"entries\":[0,1],\"claimant\":\"31\","
  "\"claimant_statement\":\"Shanghai recognises these.\",\"respondent\":\"32\","
  "\"respondent_statement\":\"Jiangsu does not.\"}\n";

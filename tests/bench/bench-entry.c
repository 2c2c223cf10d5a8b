/* bench-entry.c — speed of the entry body parser against json-glib
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

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "assay-entry.h"

/* Parses N realistic bodies (events, redemptions and a few tombstones, in
 * the proportions a busy county produces) with assay_entry_parse(), which
 * validates every rule, and with json-glib's JsonParser, which only builds
 * a tree.  Bodies are made in batches so generating them is not timed. */

#define BATCH 100000

static const char * const counties[] = {
  "310118", "310104", "110105", "440305", "330106", "510107", "320583", "650102",
};
static const char * const issuers[] = {
  "青浦区生态环境局", "徐汇区民政局", "朝阳区志愿服务联合会", "南山区科技创新局",
  "Xihu District Education Bureau", "武侯区数据局",
};
static const char * const distributors[] = {
  "青浦区绿色积分平台", "上海市信用积分中心", "深圳市i深圳积分平台", "杭州市“城市大脑”积分站",
};
static const char * const dimensions[] = {
  "professional", "knowledge", "community", "ecological", "data", "market_order",
};
static const char * const rules[] = {
  "eco.tree-planting", "community", "knowledge.lecture", "data.open-dataset", "market.fair-price",
};
static const char * const account_kinds[] = { "individual", "enterprise", "organization" };
static const char * const tiers[] = { "basic", "development", "resource", "honour" };

static void
append_account (GString *out,
                GRand   *rand)
{
  g_string_append_printf (out, "%04x-%04x-%04x",
                          g_rand_int_range (rand, 0, 0x10000),
                          g_rand_int_range (rand, 0, 0x10000),
                          g_rand_int_range (rand, 0, 0x10000));
}

static void
append_dates (GString *out,
              GRand   *rand)
{
  GDate date;
  char buf[16];

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, 2026);
  g_date_add_days (&date, g_rand_int_range (rand, 0, 365));
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
  g_string_append_printf (out, "\"event_date\":\"%s\",", buf);
  g_date_add_days (&date, g_rand_int_range (rand, 7, 31));
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
  g_string_append_printf (out, "\"publication_date\":\"%s\",", buf);
}

#define PICK(rand, array) (array[g_rand_int_range (rand, 0, G_N_ELEMENTS (array))])

static void
append_event (GString *out,
              GRand   *rand)
{
  const char *rule = PICK (rand, rules);
  int points = g_rand_int_range (rand, -500, 5000);

  g_string_append (out, "{\"kind\":\"event\",\"account\":\"");
  append_account (out, rand);
  g_string_append_printf (out, "\",\"account_kind\":\"%s\",\"dimension\":\"%s\",\"points\":%d,",
                          PICK (rand, account_kinds), PICK (rand, dimensions),
                          points == 0 ? 1 : points);
  append_dates (out, rand);
  g_string_append_printf (out, "\"county\":\"%s\",\"issuer\":\"%s\",\"distributor\":\"%s\","
                          "\"rule\":{\"id\":\"%s\",\"inputs\":{\"hours\":%d.%d,\"weight\":%d}},"
                          "\"activity\":\"ACT:2026:%06u\",\"confirmer\":",
                          PICK (rand, counties), PICK (rand, issuers), PICK (rand, distributors),
                          rule, g_rand_int_range (rand, 0, 40), g_rand_int_range (rand, 0, 10),
                          g_rand_int_range (rand, 1, 5), g_rand_int_range (rand, 0, 1000000));
  if (g_str_equal (rule, "community"))
    {
      g_string_append_c (out, '"');
      append_account (out, rand);
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"evidence\":\"");
  for (guint i = 0; i < 8; i++)
    g_string_append_printf (out, "%08x", g_rand_int (rand));
  g_string_append (out, "\"}");
}

static void
append_redemption (GString *out,
                   GRand   *rand)
{
  g_string_append (out, "{\"kind\":\"redemption\",\"account\":\"");
  append_account (out, rand);
  g_string_append_printf (out, "\",\"account_kind\":\"%s\",\"tier\":\"%s\",\"points\":%d,",
                          PICK (rand, account_kinds), PICK (rand, tiers),
                          g_rand_int_range (rand, 1, 20000));
  append_dates (out, rand);
  g_string_append_printf (out, "\"county\":\"%s\",\"distributor\":\"%s\","
                          "\"item\":\"公交月票 (\\\"绿色出行\\\")\",\"request\":\"REQ-%08u\"}",
                          PICK (rand, counties), PICK (rand, distributors),
                          g_rand_int_range (rand, 0, 100000000));
}

static void
append_tombstone (GString *out,
                  GRand   *rand)
{
  guint64 leaf = g_rand_int_range (rand, 0, 1000);

  g_string_append_printf (out, "{\"kind\":\"tombstone\",\"erased\":[%" G_GUINT64_FORMAT, leaf);
  for (guint i = 0; i < 5; i++)
    {
      leaf += g_rand_int_range (rand, 1, 5000);
      g_string_append_printf (out, ",%" G_GUINT64_FORMAT, leaf);
    }
  g_string_append (out, "],\"issued\":\"2026-06-30\"}");
}

/* Fills @bodies (one string, bodies separated by NUL) and @offsets. */
static void
make_batch (GRand   *rand,
            GString *bodies,
            gsize   *offsets,
            guint    n)
{
  g_string_truncate (bodies, 0);
  for (guint i = 0; i < n; i++)
    {
      int roll = g_rand_int_range (rand, 0, 1000);

      offsets[i] = bodies->len;
      if (roll < 900)
        append_event (bodies, rand);
      else if (roll < 995)
        append_redemption (bodies, rand);
      else
        append_tombstone (bodies, rand);
      g_string_append_c (bodies, '\0');
    }
  offsets[n] = bodies->len;
}

int
main (int argc, char **argv)
{
  guint64 n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260301);
  g_autoptr(GString) bodies = g_string_sized_new (BATCH * 512);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree gsize *offsets = g_new (gsize, BATCH + 1);
  gint64 t_assay = 0, t_json = 0;
  guint64 total_bytes = 0;

  for (guint64 done = 0; done < n; done += BATCH)
    {
      guint count = MIN (BATCH, n - done);
      gint64 t0;

      make_batch (rand, bodies, offsets, count);
      total_bytes += offsets[count] - count;

      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < count; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(AssayEntry) entry = NULL;

          entry = assay_entry_parse (bodies->str + offsets[i], offsets[i + 1] - offsets[i] - 1,
                                     &error);
          if (entry == NULL)
            g_error ("body %u rejected: %s\n%s", i, error->message, bodies->str + offsets[i]);
        }
      t_assay += g_get_monotonic_time () - t0;

      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < count; i++)
        if (!json_parser_load_from_data (parser, bodies->str + offsets[i],
                                         offsets[i + 1] - offsets[i] - 1, NULL))
          g_error ("json-glib rejected body %u", i);
      t_json += g_get_monotonic_time () - t0;
    }

  printf ("bodies:             %" G_GUINT64_FORMAT " (mean %.0f bytes)\n",
          n, (double) total_bytes / n);
  printf ("assay_entry_parse:  %.3f µs/body (%.2f s in total), validates every rule\n",
          (double) t_assay / n, t_assay / 1e6);
  printf ("json-glib parser:   %.3f µs/body (%.2f s in total), syntax only\n",
          (double) t_json / n, t_json / 1e6);
  printf ("ratio:              assay_entry_parse is %.1f× faster than json-glib\n",
          (double) t_json / t_assay);
  return EXIT_SUCCESS;
}

/* test-generator.c — tests of the pilot dataset generator
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

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "assay-entry.h"
#include "assay-generator.h"
#include "assay-test-util.h"

/* The rules, recomputed here from the lines alone, independently of the
 * generator's incremental bookkeeping (definitions: assay-generator.c). */
#define CONC_MIN_TOTAL      500
#define GROWTH_MIN_PRIOR    500
#define SPIKE_MIN_REQUESTS  20
#define LOCKSTEP_MIN_COMMON 8

typedef struct
{
  GBytes *lines;
  char   *truth;
} Dataset;

static void
dataset_clear (Dataset *d)
{
  g_clear_pointer (&d->lines, g_bytes_unref);
  g_clear_pointer (&d->truth, g_free);
}

static void
generate (guint    n_accounts,
          guint    n_months,
          guint64  seed,
          Dataset *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayGenerator) generator = NULL;
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  AssayGeneratorParams params;

  assay_generator_params_init_default (&params);
  params.n_accounts = n_accounts;
  params.n_months = n_months;
  params.seed = seed;
  generator = assay_generator_new (&params, &error);
  g_assert_no_error (error);
  g_assert_true (assay_generator_run (generator, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  out->lines = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  out->truth = assay_generator_dup_truth (generator);
  g_assert_cmpuint (assay_generator_get_n_unverified (generator), ==, 0);
}

/* The dataset every test below inspects: 600 accounts over 12 months. */
static Dataset shared;

static const Dataset *
get_shared (void)
{
  if (shared.lines == NULL)
    generate (600, 12, 1, &shared);
  return &shared;
}

/* ---- the lines, parsed --------------------------------------------------- */

typedef struct
{
  GPtrArray  *entries;      /* AssayEntry */
  GHashTable *accounts;     /* name → GPtrArray of its entries */
  guint32     first_day;
  guint32     last_day;
} Ledger;

static void
ledger_clear (Ledger *l)
{
  g_clear_pointer (&l->entries, g_ptr_array_unref);
  g_clear_pointer (&l->accounts, g_hash_table_unref);
}

static void
parse_lines (const Dataset *d,
             Ledger        *l)
{
  gsize len;
  const char *data = g_bytes_get_data (d->lines, &len);
  const char *end = data + len;

  l->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_entry_free);
  l->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  l->first_day = G_MAXUINT32;
  l->last_day = 0;

  for (const char *p = data; p < end;)
    {
      const char *nl = memchr (p, '\n', end - p);
      g_autoptr(GError) error = NULL;
      AssayEntry *entry;
      GPtrArray *mine;

      g_assert_nonnull (nl);
      entry = assay_entry_parse (p, nl - p, &error);
      if (entry == NULL)
        g_error ("line %u does not parse: %s\n%.*s", l->entries->len + 1, error->message, (int) (nl - p), p);
      g_assert_true (entry->kind == ASSAY_ENTRY_EVENT || entry->kind == ASSAY_ENTRY_REDEMPTION);
      g_ptr_array_add (l->entries, entry);
      mine = g_hash_table_lookup (l->accounts, entry->account);
      if (mine == NULL)
        {
          mine = g_ptr_array_new ();
          g_hash_table_insert (l->accounts, entry->account, mine);
        }
      g_ptr_array_add (mine, entry);
      l->first_day = MIN (l->first_day, entry->event_day);
      l->last_day = MAX (l->last_day, entry->event_day);
      p = nl + 1;
    }
}

static char *
day_string (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static int
quarter_key (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return g_date_get_year (&date) * 4 + (g_date_get_month (&date) - 1) / 3;
}

static char *
quarter_id (int key)
{
  return g_strdup_printf ("%04dQ%d", key / 4, key % 4 + 1);
}

static JsonObject *
parse_truth (const Dataset *d,
             JsonParser    *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, d->truth, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* A set of strings, for comparing lists regardless of order. */
static GHashTable *
string_set (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
assert_same_sets (GHashTable *expected,
                  GHashTable *actual,
                  const char *what)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (actual, key))
      g_error ("%s: recomputed %s is missing from the truth file", what, (const char *) key);
  g_hash_table_iter_init (&iter, actual);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (expected, key))
      g_error ("%s: the truth file claims %s, which the data does not show", what, (const char *) key);
}

static void
add_truth_keys (JsonObject *truth,
                const char *member,
                GHashTable *set,
                char     *(*key_of) (JsonObject *item))
{
  JsonArray *array = json_object_get_array_member (truth, member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_hash_table_add (set, key_of (json_array_get_object_element (array, i)));
}

/* ---- recomputing every rule ---------------------------------------------- */

typedef struct
{
  GHashTable *concentration;  /* "account|quarter|dimension|points|total" */
  GHashTable *consecutive;    /* "account|dimension|q1|q2" */
  GHashTable *growth;         /* "account|day" */
  GHashTable *spikes;         /* "county|day|requests|prior_sum" */
  GHashTable *rings;          /* "a,b,c#day,day" (members sorted) */
  GHashTable *breaking;       /* accounts that break any rule */
  GHashTable *max_share;      /* account → double* (quarters with T ≥ minimum) */
  GHashTable *common;         /* "a|b" (a < b) → |A_a ∩ A_b| */
} Recomputed;

static void
recomputed_clear (Recomputed *r)
{
  g_clear_pointer (&r->concentration, g_hash_table_unref);
  g_clear_pointer (&r->consecutive, g_hash_table_unref);
  g_clear_pointer (&r->growth, g_hash_table_unref);
  g_clear_pointer (&r->spikes, g_hash_table_unref);
  g_clear_pointer (&r->rings, g_hash_table_unref);
  g_clear_pointer (&r->breaking, g_hash_table_unref);
  g_clear_pointer (&r->max_share, g_hash_table_unref);
  g_clear_pointer (&r->common, g_hash_table_unref);
}

static const char * const dimension_names[ASSAY_N_DIMENSIONS] = {
  "professional", "knowledge", "community", "ecological", "data", "market_order",
};

static int
compare_int_pointers (gconstpointer a,
                      gconstpointer b)
{
  return GPOINTER_TO_INT (a) - GPOINTER_TO_INT (b);
}

/* Article X, per account and calendar quarter. */
static void
recompute_concentration (const char *account,
                         GPtrArray  *entries,
                         Recomputed *r)
{
  g_autoptr(GHashTable) quarters = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(GList) keys = NULL;
  int last_hit[ASSAY_N_DIMENSIONS];

  for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
    last_hit[d] = -10;
  for (guint i = 0; i < entries->len; i++)
    {
      const AssayEntry *e = g_ptr_array_index (entries, i);
      int key = quarter_key (e->event_day);
      gint64 *sums;

      if (e->kind != ASSAY_ENTRY_EVENT)
        continue;
      sums = g_hash_table_lookup (quarters, GINT_TO_POINTER (key));
      if (sums == NULL)
        {
          sums = g_new0 (gint64, ASSAY_N_DIMENSIONS);
          g_hash_table_insert (quarters, GINT_TO_POINTER (key), sums);
        }
      sums[e->dimension] += e->points;
    }

  keys = g_list_sort (g_hash_table_get_keys (quarters), compare_int_pointers);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      int key = GPOINTER_TO_INT (l->data);
      const gint64 *sums = g_hash_table_lookup (quarters, l->data);
      gint64 total = 0, best = 0;
      guint dim = 0;
      g_autofree char *qid = quarter_id (key);

      for (guint d = 0; d < ASSAY_N_DIMENSIONS; d++)
        {
          total += MAX (sums[d], 0);
          if (MAX (sums[d], 0) > best)
            {
              best = sums[d];
              dim = d;
            }
        }
      if (total < CONC_MIN_TOTAL)
        continue;
      {
        double *share = g_hash_table_lookup (r->max_share, account);

        if (share == NULL)
          {
            share = g_new0 (double, 1);
            g_hash_table_insert (r->max_share, g_strdup (account), share);
          }
        *share = MAX (*share, (double) best / (double) total);
      }
      if (10 * best <= 7 * total)
        continue;
      g_hash_table_add (r->concentration, g_strdup_printf ("%s|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                                                           account, qid, dimension_names[dim], best, total));
      g_hash_table_add (r->breaking, g_strdup (account));
      if (last_hit[dim] == key - 1)
        {
          g_autofree char *prev = quarter_id (key - 1);

          g_hash_table_add (r->consecutive, g_strdup_printf ("%s|%s|%s|%s", account, dimension_names[dim], prev, qid));
        }
      last_hit[dim] = key;
    }
}

/* 6.1 growth: every day of the range, from per-day sums. */
static void
recompute_growth (const char   *account,
                  GPtrArray    *entries,
                  const Ledger *l,
                  Recomputed   *r)
{
  guint n = l->last_day - l->first_day + 1;
  g_autofree gint64 *daily = g_new0 (gint64, n);
  gint64 first = -1;

  for (guint i = 0; i < entries->len; i++)
    {
      const AssayEntry *e = g_ptr_array_index (entries, i);

      if (e->kind != ASSAY_ENTRY_EVENT)
        continue;
      daily[e->event_day - l->first_day] += e->points;
      if (first < 0 || e->event_day < first)
        first = e->event_day;
    }
  if (first < 0)
    return;
  for (guint t = 0; t < n; t++)
    {
      gint64 window = 0, prior = 0;
      guint32 day = l->first_day + t;

      for (guint s = 0; s < n && s <= t; s++)
        {
          if (s + 6 >= t)
            window += daily[s];
          else
            prior += daily[s];
        }
      if (prior >= GROWTH_MIN_PRIOR && first + 34 <= day && 2 * window > prior)
        {
          g_autofree char *date = day_string (day);

          g_hash_table_add (r->growth, g_strdup_printf ("%s|%s", account, date));
          g_hash_table_add (r->breaking, g_strdup (account));
        }
    }
}

/* 6.1 region spike: redemption requests per county and day. */
static void
recompute_spikes (const Ledger *l,
                  Recomputed   *r)
{
  guint n = l->last_day - l->first_day + 1;
  g_autoptr(GHashTable) counties = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < l->entries->len; i++)
    {
      const AssayEntry *e = g_ptr_array_index (l->entries, i);
      gint64 *counts;

      if (e->kind != ASSAY_ENTRY_REDEMPTION)
        continue;
      counts = g_hash_table_lookup (counties, e->county);
      if (counts == NULL)
        {
          counts = g_new0 (gint64, n);
          g_hash_table_insert (counties, (gpointer) e->county, counts);
        }
      counts[e->event_day - l->first_day]++;
    }

  g_hash_table_iter_init (&iter, counties);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const gint64 *counts = value;

      for (guint t = 28; t < n; t++)
        {
          gint64 prior = 0;

          for (guint s = t - 28; s < t; s++)
            prior += counts[s];
          if (counts[t] >= SPIKE_MIN_REQUESTS && 28 * counts[t] > 3 * prior)
            {
              g_autofree char *date = day_string (l->first_day + t);

              g_hash_table_add (r->spikes, g_strdup_printf ("%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                                                            (const char *) key, date, counts[t], prior));
            }
        }
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static const char *
uf_find (GHashTable *parent,
         const char *x)
{
  const char *p;

  while ((p = g_hash_table_lookup (parent, x)) != NULL && strcmp (p, x) != 0)
    x = p;
  return x;
}

/* Lockstep: (date, activity) sets of `community` events, pairs with ≥ 8
 * in common and Jaccard ≥ 1/2, components of ≥ 3. */
static void
recompute_rings (const Ledger *l,
                 Recomputed   *r)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) sizes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) parent = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < l->entries->len; i++)
    {
      const AssayEntry *e = g_ptr_array_index (l->entries, i);
      g_autofree char *date = NULL;
      char *k;
      GPtrArray *who;

      if (e->kind != ASSAY_ENTRY_EVENT || strcmp (e->rule_id, "community") != 0)
        continue;
      date = day_string (e->event_day);
      k = g_strdup_printf ("%s|%s", date, e->activity);
      who = g_hash_table_lookup (by_key, k);
      if (who == NULL)
        {
          who = g_ptr_array_new ();
          g_hash_table_insert (by_key, k, who);
        }
      else
        g_free (k);
      for (guint w = 0; w < who->len; w++)
        g_assert_cmpstr (g_ptr_array_index (who, w), !=, e->account);
      g_ptr_array_add (who, e->account);
      g_hash_table_insert (sizes, e->account,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (sizes, e->account)) + 1));
    }

  g_hash_table_iter_init (&iter, by_key);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *who = value;

      for (guint x = 0; x < who->len; x++)
        for (guint y = x + 1; y < who->len; y++)
          {
            const char *a = g_ptr_array_index (who, x), *b = g_ptr_array_index (who, y);
            char *pair = strcmp (a, b) < 0 ? g_strdup_printf ("%s|%s", a, b) : g_strdup_printf ("%s|%s", b, a);
            guint co = GPOINTER_TO_UINT (g_hash_table_lookup (r->common, pair));

            g_hash_table_replace (r->common, pair, GUINT_TO_POINTER (co + 1));
          }
    }

  g_hash_table_iter_init (&iter, r->common);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) ab = g_strsplit (key, "|", 2);
      guint co = GPOINTER_TO_UINT (value);
      const char *a, *b;
      guint na, nb;

      g_hash_table_lookup_extended (l->accounts, ab[0], (gpointer *) &a, NULL);
      g_hash_table_lookup_extended (l->accounts, ab[1], (gpointer *) &b, NULL);
      na = GPOINTER_TO_UINT (g_hash_table_lookup (sizes, a));
      nb = GPOINTER_TO_UINT (g_hash_table_lookup (sizes, b));
      if (co < LOCKSTEP_MIN_COMMON || (double) co / (double) (na + nb - co) < 0.5)
        continue;
      if (!g_hash_table_contains (parent, a))
        g_hash_table_insert (parent, (gpointer) a, (gpointer) a);
      if (!g_hash_table_contains (parent, b))
        g_hash_table_insert (parent, (gpointer) b, (gpointer) b);
      g_hash_table_insert (parent, (gpointer) uf_find (parent, a), (gpointer) uf_find (parent, b));
    }

  g_hash_table_iter_init (&iter, parent);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *root = uf_find (parent, key);
      GPtrArray *list = g_hash_table_lookup (members, root);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (members, (gpointer) root, list);
        }
      g_ptr_array_add (list, key);
    }

  g_hash_table_iter_init (&iter, members);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *list = value;
      g_autoptr(GString) ring = g_string_new (NULL);
      g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
      GHashTableIter keys;
      gpointer k, v;

      if (list->len < 3)
        continue;
      g_ptr_array_sort (list, compare_strings);
      for (guint m = 0; m < list->len; m++)
        {
          g_string_append_printf (ring, "%s%s", m > 0 ? "," : "", (const char *) g_ptr_array_index (list, m));
          g_hash_table_add (r->breaking, g_strdup (g_ptr_array_index (list, m)));
        }
      /* The days on which two members share a (date, activity). */
      g_hash_table_iter_init (&keys, by_key);
      while (g_hash_table_iter_next (&keys, &k, &v))
        {
          GPtrArray *who = v;
          guint inside = 0;

          for (guint w = 0; w < who->len; w++)
            inside += uf_find (parent, g_ptr_array_index (who, w)) == key
                      && g_hash_table_contains (parent, g_ptr_array_index (who, w));
          if (inside >= 2)
            g_ptr_array_add (days, g_strndup (k, 10));
        }
      g_ptr_array_sort (days, compare_strings);
      g_string_append_c (ring, '#');
      for (guint d = 0; d < days->len; d++)
        if (d == 0 || strcmp (g_ptr_array_index (days, d), g_ptr_array_index (days, d - 1)) != 0)
          g_string_append_printf (ring, "%s%s", d > 0 ? "," : "", (const char *) g_ptr_array_index (days, d));
      g_hash_table_add (r->rings, g_strdup (ring->str));
    }
}

static void
recompute (const Ledger *l,
           Recomputed   *r)
{
  GHashTableIter iter;
  gpointer key, value;

  r->concentration = string_set ();
  r->consecutive = string_set ();
  r->growth = string_set ();
  r->spikes = string_set ();
  r->rings = string_set ();
  r->breaking = string_set ();
  r->max_share = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r->common = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_hash_table_iter_init (&iter, l->accounts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      recompute_concentration (key, value, r);
      recompute_growth (key, value, l, r);
    }
  recompute_spikes (l, r);
  recompute_rings (l, r);
}

/* ---- truth keys ---------------------------------------------------------- */

static char *
concentration_key (JsonObject *o)
{
  return g_strdup_printf ("%s|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                          json_object_get_string_member (o, "account"),
                          json_object_get_string_member (o, "quarter"),
                          json_object_get_string_member (o, "dimension"),
                          json_object_get_int_member (o, "points"),
                          json_object_get_int_member (o, "total"));
}

static char *
consecutive_key (JsonObject *o)
{
  JsonArray *q = json_object_get_array_member (o, "quarters");

  g_assert_cmpuint (json_array_get_length (q), ==, 2);
  return g_strdup_printf ("%s|%s|%s|%s", json_object_get_string_member (o, "account"),
                          json_object_get_string_member (o, "dimension"),
                          json_array_get_string_element (q, 0), json_array_get_string_element (q, 1));
}

static char *
spike_key (JsonObject *o)
{
  return g_strdup_printf ("%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                          json_object_get_string_member (o, "county"),
                          json_object_get_string_member (o, "day"),
                          json_object_get_int_member (o, "requests"),
                          json_object_get_int_member (o, "prior_sum"));
}

static char *
joined (JsonArray  *array,
        gboolean    sorted)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (items, (gpointer) json_array_get_string_element (array, i));
  if (sorted)
    g_ptr_array_sort (items, compare_strings);
  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "", (const char *) g_ptr_array_index (items, i));
  return g_strdup (out->str);
}

static char *
ring_key (JsonObject *o)
{
  g_autofree char *accounts = joined (json_object_get_array_member (o, "accounts"), TRUE);
  g_autofree char *days = joined (json_object_get_array_member (o, "days"), FALSE);

  return g_strdup_printf ("%s#%s", accounts, days);
}

/* ---- tests --------------------------------------------------------------- */

static void
test_determinism (void)
{
  const Dataset *a = get_shared ();
  Dataset b = { 0 }, c = { 0 };

  generate (600, 12, 1, &b);
  g_assert_true (g_bytes_equal (a->lines, b.lines));
  g_assert_cmpstr (a->truth, ==, b.truth);

  generate (600, 12, 2, &c);
  g_assert_false (g_bytes_equal (a->lines, c.lines));
  g_assert_cmpstr (a->truth, !=, c.truth);

  dataset_clear (&b);
  dataset_clear (&c);
}

/* points = round(product of the inputs) for every rule of annex 4 / 004. */
static void
assert_formula (const AssayEntry *e)
{
  static const struct { const char *id; const char *inputs[4]; } rules[] = {
    { "resource", { "base_value", "duration", "demand_index", "rating" } },
    { "skill", { "difficulty", "hours", "rating", "people" } },
    { "project", { "base_value", "share", "impact", "completion" } },
    { "community", { "participants", "impact", "quality", NULL } },
    { "item", { "unit", "count", NULL, NULL } },
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *inputs;
  double value = 1.0;
  guint r, n = 0;

  g_assert_true (json_parser_load_from_data (parser, e->rule_inputs, -1, &error));
  inputs = json_node_get_object (json_parser_get_root (parser));
  for (r = 0; r < G_N_ELEMENTS (rules) && strcmp (rules[r].id, e->rule_id) != 0; r++)
    ;
  g_assert_cmpuint (r, <, G_N_ELEMENTS (rules));
  for (guint i = 0; i < 4 && rules[r].inputs[i] != NULL; i++, n++)
    value *= json_object_get_double_member (inputs, rules[r].inputs[i]);
  g_assert_cmpuint (json_object_get_size (inputs), ==, n);
  g_assert_cmpint (e->points, ==, (gint64) round (value));
}

static int
compare_by_day_then_kind (gconstpointer a,
                          gconstpointer b)
{
  const AssayEntry *x = *(AssayEntry * const *) a, *y = *(AssayEntry * const *) b;

  if (x->event_day != y->event_day)
    return x->event_day < y->event_day ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/* Events minus redemptions stay ≥ 0 at the end of every day. */
static void
assert_balances (GHashTable *accounts)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, accounts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autoptr(GPtrArray) sorted = g_ptr_array_copy (value, NULL, NULL);
      gint64 balance = 0;

      g_ptr_array_sort (sorted, compare_by_day_then_kind);
      for (guint i = 0; i < sorted->len; i++)
        {
          const AssayEntry *e = g_ptr_array_index (sorted, i);
          const AssayEntry *next = i + 1 < sorted->len ? g_ptr_array_index (sorted, i + 1) : NULL;

          balance += e->kind == ASSAY_ENTRY_EVENT ? e->points : -e->points;
          if (next == NULL || next->event_day != e->event_day)
            g_assert_cmpint (balance, >=, 0);
        }
    }
}

static void
test_lines (void)
{
  Ledger l = { 0 };
  g_autoptr(GHashTable) counties = string_set ();
  g_autoptr(GHashTable) provinces = string_set ();
  guint tiers[ASSAY_N_TIERS] = { 0 }, kinds[ASSAY_N_ACCOUNT_KINDS] = { 0 };
  guint weekday = 0, weekend = 0;
  guint32 previous = 0;

  parse_lines (get_shared (), &l);
  g_assert_cmpuint (l.entries->len, >, 5000);

  for (guint i = 0; i < l.entries->len; i++)
    {
      const AssayEntry *e = g_ptr_array_index (l.entries, i);
      GDate date;

      g_assert_cmpuint (e->event_day, >=, previous);
      previous = e->event_day;
      g_assert_cmpuint (e->publication_day, >=, e->event_day + 7);
      g_assert_cmpuint (e->publication_day, <=, e->event_day + 30);
      g_hash_table_add (counties, g_strdup (e->county));
      g_hash_table_add (provinces, g_strndup (e->county, 2));
      kinds[e->account_kind]++;
      if (e->kind == ASSAY_ENTRY_REDEMPTION)
        {
          tiers[e->tier]++;
          continue;
        }
      assert_formula (e);
      if (strcmp (e->rule_id, "community") == 0)
        {
          g_assert_nonnull (e->confirmer);
          g_assert_cmpstr (e->confirmer, !=, e->account);
        }
      g_date_clear (&date, 1);
      g_date_set_julian (&date, e->event_day);
      if (g_date_get_weekday (&date) >= G_DATE_SATURDAY)
        weekend++;
      else
        weekday++;
    }

  for (guint t = 0; t < ASSAY_N_TIERS; t++)
    g_assert_cmpuint (tiers[t], >, 0);
  g_assert_cmpuint (tiers[ASSAY_TIER_BASIC], >, tiers[ASSAY_TIER_DEVELOPMENT]);
  g_assert_cmpuint (tiers[ASSAY_TIER_HONOUR], <, tiers[ASSAY_TIER_RESOURCE]);
  for (guint k = 0; k < ASSAY_N_ACCOUNT_KINDS; k++)
    g_assert_cmpuint (kinds[k], >, 0);
  g_assert_true (g_hash_table_contains (counties, "310118"));
  g_assert_true (g_hash_table_contains (counties, "320509"));
  g_assert_true (g_hash_table_contains (counties, "330421"));
  g_assert_true (g_hash_table_contains (counties, "440305"));
  g_assert_cmpuint (g_hash_table_size (provinces), >=, 4);
  /* Quieter weekends: per day, clearly fewer events than on weekdays. */
  g_assert_cmpfloat (weekend / 2.0, <, 0.8 * weekday / 5.0);

  assert_balances (l.accounts);
  ledger_clear (&l);
}

static void
test_truth_exact (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *truth = parse_truth (get_shared (), parser);
  Ledger l = { 0 };
  Recomputed r = { 0 };
  g_autoptr(GHashTable) claimed = NULL;
  JsonArray *growth;

  parse_lines (get_shared (), &l);
  recompute (&l, &r);

  claimed = string_set ();
  add_truth_keys (truth, "concentration", claimed, concentration_key);
  assert_same_sets (r.concentration, claimed, "concentration");
  g_clear_pointer (&claimed, g_hash_table_unref);

  claimed = string_set ();
  add_truth_keys (truth, "consecutive", claimed, consecutive_key);
  assert_same_sets (r.consecutive, claimed, "consecutive");
  g_clear_pointer (&claimed, g_hash_table_unref);

  claimed = string_set ();
  growth = json_object_get_array_member (truth, "growth");
  for (guint i = 0; i < json_array_get_length (growth); i++)
    {
      JsonObject *o = json_array_get_object_element (growth, i);
      JsonArray *days = json_object_get_array_member (o, "days");

      for (guint d = 0; d < json_array_get_length (days); d++)
        g_hash_table_add (claimed, g_strdup_printf ("%s|%s", json_object_get_string_member (o, "account"),
                                                    json_array_get_string_element (days, d)));
    }
  assert_same_sets (r.growth, claimed, "growth");
  g_clear_pointer (&claimed, g_hash_table_unref);

  claimed = string_set ();
  add_truth_keys (truth, "county_spikes", claimed, spike_key);
  assert_same_sets (r.spikes, claimed, "county_spikes");
  g_clear_pointer (&claimed, g_hash_table_unref);

  claimed = string_set ();
  add_truth_keys (truth, "rings", claimed, ring_key);
  assert_same_sets (r.rings, claimed, "rings");

  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (truth, "counts"), "lines"),
                   ==, l.entries->len);
  recomputed_clear (&r);
  ledger_clear (&l);
}

static gboolean
set_has_prefix (GHashTable *set,
                const char *prefix)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix))
      return TRUE;
  return FALSE;
}

static void
assert_planted_found (JsonObject       *p,
                      const Recomputed *r)
{
  const char *rule = json_object_get_string_member (p, "rule");
  JsonArray *accounts = json_object_has_member (p, "accounts") ? json_object_get_array_member (p, "accounts") : NULL;
  const char *account = accounts != NULL ? json_array_get_string_element (accounts, 0) : NULL;
  g_autofree char *key = NULL;

  g_assert_true (json_object_get_boolean_member (p, "verified"));
  if (strcmp (rule, "concentration") == 0 || strcmp (rule, "consecutive") == 0)
    {
      JsonArray *quarters = json_object_get_array_member (p, "quarters");
      const char *dim = json_object_get_string_member (p, "dimension");

      for (guint q = 0; q < json_array_get_length (quarters); q++)
        {
          g_autofree char *prefix = g_strdup_printf ("%s|%s|%s|", account,
                                                     json_array_get_string_element (quarters, q), dim);

          g_assert_true (set_has_prefix (r->concentration, prefix));
        }
      if (strcmp (rule, "consecutive") == 0)
        {
          key = g_strdup_printf ("%s|%s|%s|%s", account, dim, json_array_get_string_element (quarters, 0),
                                 json_array_get_string_element (quarters, 1));
          g_assert_true (g_hash_table_contains (r->consecutive, key));
        }
    }
  else if (strcmp (rule, "growth") == 0)
    {
      key = g_strdup_printf ("%s|%s", account, json_object_get_string_member (p, "first"));
      g_assert_true (set_has_prefix (r->growth, account));
      g_assert_true (json_object_get_int_member (p, "burst_points") > 0);
    }
  else if (strcmp (rule, "ring") == 0)
    {
      g_autofree char *members = joined (accounts, TRUE);

      key = g_strdup_printf ("%s#", members);
      g_assert_true (set_has_prefix (r->rings, key));
    }
  else if (strcmp (rule, "county_spike") == 0)
    {
      key = g_strdup_printf ("%s|%s|", json_object_get_string_member (p, "county"),
                             json_object_get_string_member (p, "day"));
      g_assert_true (set_has_prefix (r->spikes, key));
    }
  else
    g_assert_not_reached ();
}

static void
assert_decoy_clean (JsonObject       *d,
                    const Recomputed *r)
{
  const char *kind = json_object_get_string_member (d, "kind");
  JsonArray *accounts = json_object_get_array_member (d, "accounts");
  guint n = json_array_get_length (accounts);

  g_assert_true (json_object_get_boolean_member (d, "verified"));
  for (guint i = 0; i < n; i++)
    g_assert_false (g_hash_table_contains (r->breaking, json_array_get_string_element (accounts, i)));

  if (strcmp (kind, "specialist") == 0)
    {
      /* Unusual (60–68 % in one dimension) but below Article X. */
      const double *share = g_hash_table_lookup (r->max_share, json_array_get_string_element (accounts, 0));

      g_assert_nonnull (share);
      g_assert_cmpfloat (*share, >=, 0.55);
      g_assert_cmpfloat (*share, <=, 0.70);
    }
  else if (strcmp (kind, "household") == 0)
    {
      /* Together on a few days, never in lockstep. */
      guint most = 0;

      g_assert_cmpuint (n, >=, 3);
      for (guint x = 0; x < n; x++)
        for (guint y = x + 1; y < n; y++)
          {
            const char *a = json_array_get_string_element (accounts, x);
            const char *b = json_array_get_string_element (accounts, y);
            g_autofree char *pair = strcmp (a, b) < 0 ? g_strdup_printf ("%s|%s", a, b)
                                                      : g_strdup_printf ("%s|%s", b, a);

            most = MAX (most, GPOINTER_TO_UINT (g_hash_table_lookup (r->common, pair)));
          }
      g_assert_cmpuint (most, >=, 1);
      g_assert_cmpuint (most, <, LOCKSTEP_MIN_COMMON);
      g_assert_cmpint (json_object_get_int_member (d, "max_common"), ==, most);
    }
  else if (strcmp (kind, "steady") == 0)
    {
      g_assert_cmpfloat (json_object_get_double_member (d, "max_growth_ratio"), <=, 0.5);
      g_assert_cmpint (json_object_get_int_member (d, "total"), >, 3000);
    }
  else
    g_assert_not_reached ();
}

/* Honest accounts that happen to break a rule are listed, never as planted. */
static void
assert_honest_not_planted (JsonObject *truth)
{
  static const char * const lists[] = { "concentration", "consecutive", "growth", "rings" };

  for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
    {
      JsonArray *array = json_object_get_array_member (truth, lists[k]);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *o = json_array_get_object_element (array, i);

          if (strcmp (json_object_get_string_member (o, "role"), "honest") == 0)
            g_assert_false (json_object_get_boolean_member (o, "planted"));
        }
    }
}

static void
test_planted_and_decoys (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *truth = parse_truth (get_shared (), parser);
  JsonArray *planted = json_object_get_array_member (truth, "planted");
  JsonArray *decoys = json_object_get_array_member (truth, "decoys");
  g_autoptr(GHashTable) rules = string_set ();
  g_autoptr(GHashTable) kinds = string_set ();
  Ledger l = { 0 };
  Recomputed r = { 0 };

  parse_lines (get_shared (), &l);
  recompute (&l, &r);

  for (guint i = 0; i < json_array_get_length (planted); i++)
    {
      JsonObject *p = json_array_get_object_element (planted, i);

      g_hash_table_add (rules, g_strdup (json_object_get_string_member (p, "rule")));
      assert_planted_found (p, &r);
    }
  g_assert_cmpuint (g_hash_table_size (rules), ==, 5);

  for (guint i = 0; i < json_array_get_length (decoys); i++)
    {
      JsonObject *d = json_array_get_object_element (decoys, i);

      g_hash_table_add (kinds, g_strdup (json_object_get_string_member (d, "kind")));
      assert_decoy_clean (d, &r);
    }
  g_assert_cmpuint (g_hash_table_size (kinds), ==, 3);

  assert_honest_not_planted (truth);
  recomputed_clear (&r);
  ledger_clear (&l);
}

/* ---- the command --------------------------------------------------------- */

static int
run_generate (const char * const *args,
              char              **out_stderr)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ASSAY_CENTRAL"));
  g_ptr_array_add (argv, (gpointer) "generate");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return assay_test_run ((const char * const *) argv->pdata, NULL, &out, out_stderr);
}

static void
test_command_usage_errors (void)
{
  static const char * const cases[][8] = {
    { "--accounts", "abc", "--out", "a.jsonl", "--truth", "a.json", NULL },
    { "--accounts", "5", "--out", "a.jsonl", "--truth", "a.json", NULL },
    { "--months=0", "--out", "a.jsonl", "--truth", "a.json", NULL },
    { "--seed", "-1", "--out", "a.jsonl", "--truth", "a.json", NULL },
    { "--start", "2026-02-30", "--out", "a.jsonl", "--truth", "a.json", NULL },
    { "--start", "2026-1-01", "--out", "a.jsonl", "--truth", "a.json", NULL },
    { "--start", "2045-01-01", "--out", "a.jsonl", "--truth", "a.json", NULL },
    { "--out", "a.jsonl", NULL },
    { "--truth", "a.json", NULL },
    { "--bogus", "--out", "a.jsonl", "--truth", "a.json", NULL },
    { "--out", "a.jsonl", "--truth", NULL },
  };

  g_assert_nonnull (g_getenv ("ASSAY_CENTRAL"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run_generate (cases[i], &err), ==, 2);
      g_assert_true (g_str_has_prefix (err, "assay-central generate: "));
      g_assert_nonnull (strstr (err, "--help"));
    }
}

static void
test_command_help (void)
{
  static const char * const help[] = { "--help", NULL };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  static const char * const options[] = { "--accounts", "--months", "--seed", "--start", "--out", "--truth" };

  g_ptr_array_add (argv, (gpointer) g_getenv ("ASSAY_CENTRAL"));
  g_ptr_array_add (argv, (gpointer) "generate");
  g_ptr_array_add (argv, (gpointer) help[0]);
  g_ptr_array_add (argv, NULL);
  g_assert_cmpint (assay_test_run ((const char * const *) argv->pdata, NULL, &out, &err), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    g_assert_nonnull (strstr (out, options[i]));
}

/* The command writes exactly what the library generates. */
static void
test_command_writes_files (void)
{
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *lines_path = g_build_filename (dir, "pilot.jsonl", NULL);
  g_autofree char *truth_path = g_build_filename (dir, "truth.json", NULL);
  const char * const args[] = {
    "--accounts", "150", "--months=6", "--seed", "7", "--start", "2026-01-01",
    "--out", lines_path, "--truth", truth_path, NULL,
  };
  g_autofree char *err = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *truth = NULL;
  gsize len;
  Dataset expected = { 0 };

  g_assert_cmpint (run_generate (args, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_get_contents (lines_path, &lines, &len, NULL));
  g_assert_true (g_file_get_contents (truth_path, &truth, NULL, NULL));

  generate (150, 6, 7, &expected);
  g_assert_cmpmem (lines, len, g_bytes_get_data (expected.lines, NULL), g_bytes_get_size (expected.lines));
  g_assert_cmpstr (truth, ==, expected.truth);

  dataset_clear (&expected);
  assay_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("LC_ALL", "C", TRUE);

  g_test_add_func ("/assay/generator/determinism", test_determinism);
  g_test_add_func ("/assay/generator/lines", test_lines);
  g_test_add_func ("/assay/generator/truth-exact", test_truth_exact);
  g_test_add_func ("/assay/generator/planted-and-decoys", test_planted_and_decoys);
  g_test_add_func ("/assay/generator/command/usage-errors", test_command_usage_errors);
  g_test_add_func ("/assay/generator/command/help", test_command_help);
  g_test_add_func ("/assay/generator/command/writes-files", test_command_writes_files);

  status = g_test_run ();
  dataset_clear (&shared);
  return status;
}

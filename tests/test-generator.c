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

#include "assay-day.h"
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
generate_with (guint     n_accounts,
               guint     n_months,
               guint64   seed,
               gboolean  with_filings,
               Dataset  *out)
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
  assay_generator_set_filings (generator, with_filings);
  g_assert_true (assay_generator_run (generator, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  out->lines = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  out->truth = assay_generator_dup_truth (generator);
  g_assert_cmpuint (assay_generator_get_n_unverified (generator), ==, 0);
}

/* With filings, as `assay-central generate` writes. */
static void
generate (guint    n_accounts,
          guint    n_months,
          guint64  seed,
          Dataset *out)
{
  generate_with (n_accounts, n_months, seed, TRUE, out);
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

/* A filing line: the ledger parser is not the judge of these here; the
 * members are checked one by one against README "Filings". */
typedef struct
{
  guint64     line;         /* 1-based */
  JsonNode   *node;
  JsonObject *o;
} FilingLine;

static void
filing_line_free (FilingLine *f)
{
  json_node_unref (f->node);
  g_free (f);
}

typedef struct
{
  GPtrArray  *entries;      /* AssayEntry: the events and redemptions */
  GHashTable *accounts;     /* name → GPtrArray of its entries */
  GPtrArray  *filings;      /* FilingLine, in file order */
  GArray     *publication;  /* guint32 per line: publication_date, or a filing's `filed` */
  GString    *entry_lines;  /* the event and redemption lines, as written */
  guint32     first_day;
  guint32     last_day;
} Ledger;

static void
ledger_clear (Ledger *l)
{
  g_clear_pointer (&l->entries, g_ptr_array_unref);
  g_clear_pointer (&l->accounts, g_hash_table_unref);
  g_clear_pointer (&l->filings, g_ptr_array_unref);
  g_clear_pointer (&l->publication, g_array_unref);
  if (l->entry_lines != NULL)
    g_string_free (g_steal_pointer (&l->entry_lines), TRUE);
}

static guint32
parse_day (const char *text)
{
  guint32 day = 0;

  g_assert_nonnull (text);
  if (!assay_day_parse (text, -1, &day))
    g_error ("“%s” is not a date", text);
  return day;
}

/* A line whose kind is not an event's or a redemption's is a filing. */
static gboolean
add_filing_line (Ledger     *l,
                 const char *text,
                 gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  FilingLine *f;
  const char *kind;

  g_assert_true (json_parser_load_from_data (parser, text, (gssize) len, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  kind = json_object_get_string_member_with_default (json_node_get_object (json_parser_get_root (parser)),
                                                     "kind", "");
  if (strcmp (kind, "event") == 0 || strcmp (kind, "redemption") == 0)
    return FALSE;
  f = g_new0 (FilingLine, 1);
  f->line = l->publication->len + 1;
  f->node = json_node_ref (json_parser_get_root (parser));
  f->o = json_node_get_object (f->node);
  g_ptr_array_add (l->filings, f);
  return TRUE;
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
  l->filings = g_ptr_array_new_with_free_func ((GDestroyNotify) filing_line_free);
  l->publication = g_array_new (FALSE, FALSE, sizeof (guint32));
  l->entry_lines = g_string_new (NULL);
  l->first_day = G_MAXUINT32;
  l->last_day = 0;

  for (const char *p = data; p < end;)
    {
      const char *nl = memchr (p, '\n', end - p);
      g_autoptr(GError) error = NULL;
      AssayEntry *entry;
      GPtrArray *mine;

      g_assert_nonnull (nl);
      if (add_filing_line (l, p, nl - p))
        {
          FilingLine *f = g_ptr_array_index (l->filings, l->filings->len - 1);
          guint32 filed = parse_day (json_object_get_string_member_with_default (f->o, "filed", NULL));

          g_array_append_val (l->publication, filed);
          p = nl + 1;
          continue;
        }
      g_string_append_len (l->entry_lines, p, nl + 1 - p);
      entry = assay_entry_parse (p, nl - p, &error);
      if (entry == NULL)
        g_error ("line %u does not parse: %s\n%.*s", l->entries->len + 1, error->message, (int) (nl - p), p);
      g_assert_true (entry->kind == ASSAY_ENTRY_EVENT || entry->kind == ASSAY_ENTRY_REDEMPTION);
      g_ptr_array_add (l->entries, entry);
      g_array_append_val (l->publication, entry->publication_day);
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
                   ==, l.entries->len + l.filings->len);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (truth, "counts"), "filings"),
                   ==, l.filings->len);
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

/* ---- filings (README "Filings"; rules: assay-generator-filings.c) ------- */

static gboolean
is_text (const char *text)
{
  glong n;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  n = g_utf8_strlen (text, -1);
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\n')
      return FALSE;
  return n >= 1 && n <= 2000;
}

static gboolean
is_account_id (const char *text)
{
  gsize n = text != NULL ? strlen (text) : 0;

  if (n < 4 || n > 64)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!(g_ascii_islower (text[i]) || g_ascii_isdigit (text[i]) || text[i] == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
is_reference (const char *text)
{
  gsize n = text != NULL ? strlen (text) : 0;

  if (n < 1 || n > 64)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!(g_ascii_isalnum (text[i]) || strchr (":_.-", text[i]) != NULL))
      return FALSE;
  return TRUE;
}

static gboolean
is_province (const char *text)
{
  static const char * const provinces[] = { "31", "32", "33", "34", "44" };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (provinces); i++)
    if (strcmp (text, provinces[i]) == 0)
      return TRUE;
  return FALSE;
}

static GType
member_type (JsonObject *o,
             const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL)
    g_error ("member “%s” is missing", name);
  if (JSON_NODE_HOLDS_ARRAY (node))
    return JSON_TYPE_ARRAY;
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  return json_node_get_value_type (node);
}

static const char *
string_member (JsonObject *o,
               const char *name)
{
  g_assert_true (member_type (o, name) == G_TYPE_STRING);
  return json_object_get_string_member (o, name);
}

static gint64
int_member (JsonObject *o,
            const char *name,
            gint64      lo,
            gint64      hi)
{
  gint64 value;

  g_assert_true (member_type (o, name) == G_TYPE_INT64);
  value = json_object_get_int_member (o, name);
  g_assert_cmpint (value, >=, lo);
  g_assert_cmpint (value, <=, hi);
  return value;
}

static void
assert_members (JsonObject         *o,
                const char * const *names)
{
  static const char * const common[] = { "kind", "account", "account_kind", "county", "filed", "filing" };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (common); i++)
    g_assert_true (json_object_has_member (o, common[i]));
  for (; names[n] != NULL; n++)
    if (!json_object_has_member (o, names[n]))
      g_error ("a %s lacks “%s”", json_object_get_string_member (o, "kind"), names[n]);
  g_assert_cmpuint (json_object_get_size (o), ==, G_N_ELEMENTS (common) + n);
}

#define MAX_INDEX ((G_GINT64_CONSTANT (1) << 53) - 1)

/* Each kind's members, types and ranges as the README tables list them. */
static void
assert_filing_format (const FilingLine *f)
{
  JsonObject *o = f->o;
  const char *kind = string_member (o, "kind");
  const char *account = string_member (o, "account");
  const char *county = string_member (o, "county");
  const char *account_kind = string_member (o, "account_kind");
  guint32 filed = parse_day (string_member (o, "filed"));
  guint year;

  g_assert_true (is_account_id (account));
  g_assert_true (strcmp (account_kind, "individual") == 0 || strcmp (account_kind, "enterprise") == 0
                 || strcmp (account_kind, "organization") == 0);
  g_assert_cmpuint (strlen (county), ==, 6);
  g_assert_true (is_reference (string_member (o, "filing")));
  assay_day_to_ymd (filed, &year, NULL, NULL);

  if (strcmp (kind, "appeal") == 0)
    {
      assert_members (o, (const char *[]) { "against", "reason", NULL });
      int_member (o, "against", 0, MAX_INDEX);
      g_assert_true (is_text (string_member (o, "reason")));
    }
  else if (strcmp (kind, "dispute") == 0)
    {
      JsonArray *entries;
      gint64 previous = -1;

      assert_members (o, (const char *[]) { "entries", "claimant", "claimant_statement", "respondent",
                                            "respondent_statement", NULL });
      g_assert_true (member_type (o, "entries") == JSON_TYPE_ARRAY);
      entries = json_object_get_array_member (o, "entries");
      g_assert_cmpuint (json_array_get_length (entries), >=, 1);
      g_assert_cmpuint (json_array_get_length (entries), <=, 256);
      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          JsonNode *node = json_array_get_element (entries, i);

          g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64);
          g_assert_cmpint (json_node_get_int (node), >, previous);
          previous = json_node_get_int (node);
        }
      g_assert_true (is_province (string_member (o, "claimant")));
      g_assert_true (is_province (string_member (o, "respondent")));
      g_assert_cmpstr (string_member (o, "claimant"), !=, string_member (o, "respondent"));
      g_assert_true (is_text (string_member (o, "claimant_statement")));
      g_assert_true (is_text (string_member (o, "respondent_statement")));
    }
  else if (strcmp (kind, "silence") == 0)
    {
      guint32 from, to;

      assert_members (o, (const char *[]) { "from", "to", NULL });
      from = parse_day (string_member (o, "from"));
      to = parse_day (string_member (o, "to"));
      g_assert_cmpuint (filed, <=, from);
      g_assert_cmpuint (from, <=, to);
    }
  else if (strcmp (kind, "forget_request") == 0)
    {
      assert_members (o, (const char *[]) { "silence", NULL });
      int_member (o, "silence", 0, MAX_INDEX);
    }
  else if (strcmp (kind, "failure_claim") == 0)
    {
      g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
      JsonArray *experts;

      assert_members (o, (const char *[]) { "project", "experts", "honest_record", "good_faith", "ruled_out",
                                            "comparable_value", "points", NULL });
      g_assert_true (is_text (string_member (o, "project")));
      g_assert_true (member_type (o, "experts") == JSON_TYPE_ARRAY);
      experts = json_object_get_array_member (o, "experts");
      g_assert_cmpuint (json_array_get_length (experts), >=, 1);
      g_assert_cmpuint (json_array_get_length (experts), <=, 16);
      for (guint i = 0; i < json_array_get_length (experts); i++)
        {
          const char *name = json_array_get_string_element (experts, i);

          g_assert_true (is_text (name));
          g_assert_true (g_hash_table_add (names, (gpointer) name));
        }
      g_assert_true (member_type (o, "honest_record") == G_TYPE_BOOLEAN);
      g_assert_true (member_type (o, "good_faith") == G_TYPE_BOOLEAN);
      g_assert_true (member_type (o, "ruled_out") == G_TYPE_BOOLEAN);
      int_member (o, "comparable_value", 1, 1000000);
      int_member (o, "points", 1, 1000000);
    }
  else if (strcmp (kind, "insurance_claim") == 0)
    {
      const char *benefit;

      assert_members (o, (const char *[]) { "benefit", "venture", NULL });
      benefit = string_member (o, "benefit");
      g_assert_true (strcmp (benefit, "social_security") == 0 || strcmp (benefit, "retraining") == 0
                     || strcmp (benefit, "credit_repair") == 0);
      g_assert_true (is_text (string_member (o, "venture")));
    }
  else if (strcmp (kind, "education_transfer") == 0)
    {
      assert_members (o, (const char *[]) { "year", "points", "child_account", NULL });
      int_member (o, "year", 1, year);
      int_member (o, "points", 1, 1000000);
      g_assert_true (is_account_id (string_member (o, "child_account")));
      g_assert_cmpstr (string_member (o, "child_account"), !=, account);
    }
  else
    g_error ("unknown kind “%s”", kind);
}

/* Leaf indices as one import into an empty log gives them: by publication
 * date (a filing's `filed`), then file order. */
typedef struct
{
  guint64 *index_of;   /* [line − 1] */
  guint64 *line_at;    /* [index]: 1-based line */
} LogOrder;

static GArray *sort_publication;

static int
compare_log_order (gconstpointer a,
                   gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  guint32 px = g_array_index (sort_publication, guint32, x);
  guint32 py = g_array_index (sort_publication, guint32, y);

  if (px != py)
    return px < py ? -1 : 1;
  return (x > y) - (x < y);
}

static void
log_order (const Ledger *l,
           LogOrder     *order)
{
  guint n = l->publication->len;

  order->line_at = g_new (guint64, n);
  order->index_of = g_new (guint64, n);
  for (guint i = 0; i < n; i++)
    order->line_at[i] = i;
  sort_publication = l->publication;
  qsort (order->line_at, n, sizeof (guint64), compare_log_order);
  for (guint k = 0; k < n; k++)
    {
      order->index_of[order->line_at[k]] = k;
      order->line_at[k]++;
    }
}

static void
log_order_clear (LogOrder *order)
{
  g_clear_pointer (&order->index_of, g_free);
  g_clear_pointer (&order->line_at, g_free);
}

/* The filing logged at @index, or NULL when it is an event or redemption. */
static const FilingLine *
filing_at (const Ledger   *l,
           const LogOrder *order,
           guint64         index)
{
  guint64 line;

  g_assert_cmpuint (index, <, l->publication->len);
  line = order->line_at[index];
  for (guint i = 0; i < l->filings->len; i++)
    {
      const FilingLine *f = g_ptr_array_index (l->filings, i);

      if (f->line == line)
        return f;
    }
  return NULL;
}

/* The event or redemption logged at @index, or NULL. */
static const AssayEntry *
entry_at (const Ledger   *l,
          const LogOrder *order,
          guint64         index)
{
  guint64 line = order->line_at[index];
  guint filings_before = 0;

  for (guint i = 0; i < l->filings->len; i++)
    {
      const FilingLine *f = g_ptr_array_index (l->filings, i);

      if (f->line == line)
        return NULL;
      if (f->line < line)
        filings_before++;
    }
  return g_ptr_array_index (l->entries, line - 1 - filings_before);
}

static guint
year_of_day (guint32 day)
{
  guint year;

  assay_day_to_ymd (day, &year, NULL, NULL);
  return year;
}

static gint64
account_year_points (const Ledger *l,
                     const char   *account,
                     guint         year)
{
  GPtrArray *mine = g_hash_table_lookup (l->accounts, account);
  gint64 sum = 0;

  for (guint i = 0; mine != NULL && i < mine->len; i++)
    {
      const AssayEntry *e = g_ptr_array_index (mine, i);

      if (e->kind == ASSAY_ENTRY_EVENT && year_of_day (e->event_day) == year)
        sum += e->points;
    }
  return sum;
}

static gboolean
account_has_entry_in (const Ledger *l,
                      const char   *account,
                      guint32       from,
                      guint32       to)
{
  GPtrArray *mine = g_hash_table_lookup (l->accounts, account);

  for (guint i = 0; mine != NULL && i < mine->len; i++)
    {
      const AssayEntry *e = g_ptr_array_index (mine, i);

      if (e->event_day >= from && e->event_day <= to)
        return TRUE;
    }
  return FALSE;
}

/* Earlier filings (log order) of the same kind and account. */
static GPtrArray *
earlier_filings (const Ledger     *l,
                 const LogOrder   *order,
                 const FilingLine *f)
{
  GPtrArray *earlier = g_ptr_array_new ();

  for (guint i = 0; i < l->filings->len; i++)
    {
      const FilingLine *g = g_ptr_array_index (l->filings, i);

      if (strcmp (string_member (g->o, "kind"), string_member (f->o, "kind")) == 0
          && strcmp (string_member (g->o, "account"), string_member (f->o, "account")) == 0
          && order->index_of[g->line - 1] < order->index_of[f->line - 1])
        g_ptr_array_add (earlier, (gpointer) g);
    }
  return earlier;
}

/* from + 3 months (the day of the month kept, clamped) − 1 day. */
static guint32
silence_limit (guint32 from)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, from);
  g_date_add_months (&date, 3);
  return g_date_get_julian (&date) - 1;
}

static void
add_violation (GString    *out,
               const char *rule)
{
  g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", rule);
}

/* The rules a filing breaks, recomputed from the lines alone. */
static char *
recompute_violations (const Ledger     *l,
                      const LogOrder   *order,
                      const FilingLine *f,
                      gint64            level)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) earlier = earlier_filings (l, order, f);
  const char *kind = string_member (f->o, "kind");
  const char *account = string_member (f->o, "account");
  guint32 filed = parse_day (string_member (f->o, "filed"));

  if (strcmp (kind, "silence") == 0)
    {
      guint32 from = parse_day (string_member (f->o, "from"));
      guint32 to = parse_day (string_member (f->o, "to"));
      gboolean second = FALSE;

      for (guint i = 0; i < earlier->len; i++)
        second |= year_of_day (parse_day (string_member (((FilingLine *) earlier->pdata[i])->o, "from")))
                  == year_of_day (from);
      if (to > silence_limit (from))
        add_violation (out, "silence_too_long");
      if (second)
        add_violation (out, "silence_second_in_year");
      if (account_has_entry_in (l, account, from, to))
        add_violation (out, "silence_has_entries");
    }
  else if (strcmp (kind, "forget_request") == 0)
    {
      const FilingLine *silence = filing_at (l, order, int_member (f->o, "silence", 0, MAX_INDEX));
      guint32 to;

      g_assert_nonnull (silence);
      g_assert_cmpstr (string_member (silence->o, "kind"), ==, "silence");
      g_assert_cmpstr (string_member (silence->o, "account"), ==, account);
      to = parse_day (string_member (silence->o, "to"));
      if (filed + 29 < to || filed > to)
        add_violation (out, "forget_outside_window");
    }
  else if (strcmp (kind, "failure_claim") == 0)
    {
      guint same_year = 0;

      for (guint i = 0; i < earlier->len; i++)
        same_year += year_of_day (parse_day (string_member (((FilingLine *) earlier->pdata[i])->o, "filed")))
                     == year_of_day (filed);
      if (10 * json_object_get_int_member (f->o, "points")
          > 3 * json_object_get_int_member (f->o, "comparable_value"))
        add_violation (out, "failure_over_cap");
      if (same_year >= 2)
        add_violation (out, "failure_third_in_year");
      if (!json_object_get_boolean_member (f->o, "honest_record")
          || !json_object_get_boolean_member (f->o, "good_faith")
          || !json_object_get_boolean_member (f->o, "ruled_out"))
        add_violation (out, "failure_criterion_false");
    }
  else if (strcmp (kind, "insurance_claim") == 0)
    {
      gboolean eligible = TRUE;

      for (guint k = 1; k <= 3; k++)
        eligible &= account_year_points (l, account, year_of_day (filed) - k) >= level;
      if (!eligible)
        add_violation (out, "insurance_ineligible");
    }
  else if (strcmp (kind, "education_transfer") == 0)
    {
      gint64 year = json_object_get_int_member (f->o, "year");
      gint64 total = json_object_get_int_member (f->o, "points");

      g_assert_cmpstr (string_member (f->o, "account_kind"), ==, "individual");
      for (guint i = 0; i < earlier->len; i++)
        if (json_object_get_int_member (((FilingLine *) earlier->pdata[i])->o, "year") == year)
          total += json_object_get_int_member (((FilingLine *) earlier->pdata[i])->o, "points");
      if (5 * total > account_year_points (l, account, (guint) year))
        add_violation (out, "education_over_cap");
    }
  return g_strdup (out->str);
}

/* What appeals and disputes name are the account's own entries, logged
 * before them; an appeal's is a deduction. */
static void
assert_references (const Ledger     *l,
                   const LogOrder   *order,
                   const FilingLine *f)
{
  const char *kind = string_member (f->o, "kind");
  guint64 own = order->index_of[f->line - 1];
  JsonArray *entries;

  if (strcmp (kind, "appeal") == 0)
    {
      guint64 against = (guint64) int_member (f->o, "against", 0, MAX_INDEX);
      const AssayEntry *e;

      g_assert_cmpuint (against, <, own);
      e = entry_at (l, order, against);
      g_assert_nonnull (e);
      g_assert_true (e->kind == ASSAY_ENTRY_EVENT);
      g_assert_cmpint (e->points, <, 0);
      g_assert_cmpstr (e->account, ==, string_member (f->o, "account"));
    }
  else if (strcmp (kind, "dispute") == 0)
    {
      entries = json_object_get_array_member (f->o, "entries");
      g_assert_cmpuint (json_array_get_length (entries), <=, 5);
      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          guint64 index = (guint64) json_array_get_int_element (entries, i);
          const AssayEntry *e;

          g_assert_cmpuint (index, <, own);
          e = entry_at (l, order, index);
          g_assert_nonnull (e);
          g_assert_cmpstr (e->account, ==, string_member (f->o, "account"));
        }
      g_assert_cmpmem (string_member (f->o, "claimant"), 2, string_member (f->o, "county"), 2);
    }
  else if (strcmp (kind, "forget_request") == 0)
    g_assert_cmpint (int_member (f->o, "silence", 0, MAX_INDEX), <, own);
}

static char *
joined_violations (JsonObject *o)
{
  JsonArray *violations = json_object_get_array_member (o, "violations");
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (violations); i++)
    add_violation (out, json_array_get_string_element (violations, i));
  return g_strdup (out->str);
}

/* Each filing line is format-valid and dated in order with the rest. */
static void
assert_filings_format (const Dataset *d)
{
  Ledger l = { 0 };
  LogOrder order = { 0 };
  guint32 previous = 0;
  guint e = 0, f = 0;

  parse_lines (d, &l);
  log_order (&l, &order);
  g_assert_cmpuint (l.filings->len, >, 0);
  /* Lines are ordered by event_date, a filing's by `filed`. */
  for (guint line = 1; line <= l.publication->len; line++)
    {
      guint32 day;

      if (f < l.filings->len && ((FilingLine *) l.filings->pdata[f])->line == line)
        {
          const FilingLine *filing = l.filings->pdata[f++];

          assert_filing_format (filing);
          assert_references (&l, &order, filing);
          day = parse_day (string_member (filing->o, "filed"));
        }
      else
        day = ((AssayEntry *) l.entries->pdata[e++])->event_day;
      g_assert_cmpuint (day, >=, previous);
      previous = day;
    }
  log_order_clear (&order);
  ledger_clear (&l);
}

/* The shared dataset, and one whose disputes name entries that the log
 * orders otherwise than the file. */
static void
test_filings_format (void)
{
  Dataset other = { 0 };

  assert_filings_format (get_shared ());
  generate (1500, 12, 3, &other);
  assert_filings_format (&other);
  dataset_clear (&other);
}

/* The truth lists every filing with exactly the rules it breaks; every
 * rule is broken somewhere, and every kind but insurance (which nobody
 * can claim without three earlier years) is also filed validly. */
static void
test_filings_truth (void)
{
  static const char * const rules[] = {
    "silence_too_long", "silence_second_in_year", "silence_has_entries", "forget_outside_window",
    "failure_over_cap", "failure_third_in_year", "failure_criterion_false", "insurance_ineligible",
    "education_over_cap",
  };
  static const char * const kinds[] = {
    "appeal", "dispute", "silence", "forget_request", "failure_claim", "insurance_claim",
    "education_transfer",
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *truth = parse_truth (get_shared (), parser);
  JsonArray *listed = json_object_get_array_member (truth, "filings");
  gint64 level = json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (
                                               truth, "definitions"), "filings"), "insurance_level");
  g_autoptr(GHashTable) broken = string_set ();
  g_autoptr(GHashTable) valid = string_set ();
  g_autoptr(GHashTable) edges = string_set ();
  Ledger l = { 0 };
  LogOrder order = { 0 };

  parse_lines (get_shared (), &l);
  log_order (&l, &order);
  g_assert_cmpint (level, ==, 1000);
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (json_object_get_object_member (
                    truth, "definitions"), "filings"), "insurance_eligible_possible"));
  g_assert_cmpuint (json_array_get_length (listed), ==, l.filings->len);
  for (guint i = 0; i < l.filings->len; i++)
    {
      const FilingLine *f = g_ptr_array_index (l.filings, i);
      JsonObject *t = json_array_get_object_element (listed, i);
      g_autofree char *expected = recompute_violations (&l, &order, f, level);
      g_autofree char *claimed = joined_violations (t);
      g_auto(GStrv) names = g_strsplit (expected, ",", -1);

      g_assert_cmpint (json_object_get_int_member (t, "line"), ==, f->line);
      g_assert_cmpint (json_object_get_int_member (t, "index"), ==, order.index_of[f->line - 1]);
      g_assert_cmpstr (json_object_get_string_member (t, "kind"), ==, string_member (f->o, "kind"));
      g_assert_cmpstr (json_object_get_string_member (t, "account"), ==, string_member (f->o, "account"));
      g_assert_cmpstr (json_object_get_string_member (t, "filed"), ==, string_member (f->o, "filed"));
      if (g_strcmp0 (expected, claimed) != 0)
        g_error ("line %" G_GUINT64_FORMAT ": recomputed [%s], the truth says [%s]",
                 f->line, expected, claimed);
      /* What was planted is what the lines break. */
      g_assert_cmpint (json_object_get_boolean_member (t, "planted"), ==, expected[0] != '\0');
      for (guint k = 0; names[k] != NULL && names[k][0] != '\0'; k++)
        g_hash_table_add (broken, g_strdup (names[k]));
      if (expected[0] == '\0')
        g_hash_table_add (valid, g_strdup (string_member (f->o, "kind")));
    }
  for (guint i = 0; i < json_array_get_length (listed); i++)
    {
      JsonObject *t = json_array_get_object_element (listed, i);
      g_autofree char *claimed = joined_violations (t);
      const char *kind = json_object_get_string_member (t, "kind");

      /* The edges: a silence ending on its limit is valid, a day later
       * is too long; transfers within the cap each can break it together. */
      if (strcmp (kind, "silence") == 0)
        {
          guint32 to = parse_day (json_object_get_string_member (t, "to"));
          guint32 limit = parse_day (json_object_get_string_member (t, "limit"));

          g_assert_cmpuint (limit, ==, silence_limit (parse_day (json_object_get_string_member (t, "from"))));
          if (to == limit && claimed[0] == '\0')
            g_hash_table_add (edges, g_strdup ("silence on its limit"));
          if (to == limit + 1 && strcmp (claimed, "silence_too_long") == 0)
            g_hash_table_add (edges, g_strdup ("silence a day too long"));
        }
      if (strcmp (kind, "education_transfer") == 0 && claimed[0] != '\0'
          && 5 * json_object_get_int_member (t, "points") <= json_object_get_int_member (t, "accrual"))
        g_hash_table_add (edges, g_strdup ("transfers over the cap together"));
    }
  g_assert_cmpuint (g_hash_table_size (edges), ==, 3);
  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    if (!g_hash_table_contains (broken, rules[r]))
      g_error ("no filing breaks %s", rules[r]);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    g_assert_true (g_hash_table_contains (valid, kinds[k]) == (strcmp (kinds[k], "insurance_claim") != 0));
  g_assert_cmpuint (g_hash_table_size (broken), ==, G_N_ELEMENTS (rules));
  log_order_clear (&order);
  ledger_clear (&l);
}

/* Filings come from a stream of their own: the events and redemptions are
 * byte for byte those written without them. */
static void
test_filings_leave_entries (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Dataset without = { 0 };
  Ledger l = { 0 };
  JsonObject *truth;

  generate_with (600, 12, 1, FALSE, &without);
  parse_lines (get_shared (), &l);
  g_assert_cmpuint (l.filings->len, >, 0);
  g_assert_cmpmem (l.entry_lines->str, l.entry_lines->len,
                   g_bytes_get_data (without.lines, NULL), g_bytes_get_size (without.lines));
  truth = parse_truth (&without, parser);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (truth, "filings")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (truth, "counts"), "filings"),
                   ==, 0);
  dataset_clear (&without);
  ledger_clear (&l);
}

/* With four calendar years, some insurance claims have the history that
 * makes them eligible, and the truth says which. */
static void
test_filings_insurance_history (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Dataset d = { 0 };
  Ledger l = { 0 };
  LogOrder order = { 0 };
  JsonObject *truth;
  JsonArray *listed;
  guint eligible = 0, ineligible = 0;

  generate (600, 48, 2, &d);
  parse_lines (&d, &l);
  log_order (&l, &order);
  truth = parse_truth (&d, parser);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (json_object_get_object_member (
                   truth, "definitions"), "filings"), "insurance_eligible_possible"));
  listed = json_object_get_array_member (truth, "filings");
  for (guint i = 0; i < l.filings->len; i++)
    {
      const FilingLine *f = g_ptr_array_index (l.filings, i);
      g_autofree char *expected = NULL;
      g_autofree char *claimed = NULL;

      if (strcmp (string_member (f->o, "kind"), "insurance_claim") != 0)
        continue;
      expected = recompute_violations (&l, &order, f, 1000);
      claimed = joined_violations (json_array_get_object_element (listed, i));
      g_assert_cmpstr (expected, ==, claimed);
      if (expected[0] == '\0')
        eligible++;
      else
        ineligible++;
    }
  g_assert_cmpuint (eligible, >, 0);
  g_assert_cmpuint (ineligible, >, 0);
  log_order_clear (&order);
  ledger_clear (&l);
  dataset_clear (&d);
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
    { "--insurance-level", "0", "--out", "a.jsonl", "--truth", "a.json", NULL },
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
  static const char * const options[] = {
    "--accounts", "--months", "--seed", "--start", "--insurance-level", "--out", "--truth",
  };

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

/* --insurance-level is the level the truth judges insurance claims by. */
static void
test_command_insurance_level (void)
{
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *lines_path = g_build_filename (dir, "pilot.jsonl", NULL);
  g_autofree char *truth_path = g_build_filename (dir, "truth.json", NULL);
  const char * const args[] = {
    "--accounts", "150", "--months=6", "--insurance-level", "7",
    "--out", lines_path, "--truth", truth_path, NULL,
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *truth;
  JsonArray *filings;
  guint n = 0;

  g_assert_cmpint (run_generate (args, NULL), ==, 0);
  g_assert_true (json_parser_load_from_file (parser, truth_path, NULL));
  truth = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (
                     truth, "definitions"), "filings"), "insurance_level"), ==, 7);
  filings = json_object_get_array_member (truth, "filings");
  for (guint i = 0; i < json_array_get_length (filings); i++)
    {
      JsonObject *f = json_array_get_object_element (filings, i);

      if (strcmp (json_object_get_string_member (f, "kind"), "insurance_claim") != 0)
        continue;
      g_assert_cmpint (json_object_get_int_member (f, "level"), ==, 7);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
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
  g_test_add_func ("/assay/generator/filings/format", test_filings_format);
  g_test_add_func ("/assay/generator/filings/truth", test_filings_truth);
  g_test_add_func ("/assay/generator/filings/leave-entries", test_filings_leave_entries);
  g_test_add_func ("/assay/generator/filings/insurance-history", test_filings_insurance_history);
  g_test_add_func ("/assay/generator/command/usage-errors", test_command_usage_errors);
  g_test_add_func ("/assay/generator/command/help", test_command_help);
  g_test_add_func ("/assay/generator/command/writes-files", test_command_writes_files);
  g_test_add_func ("/assay/generator/command/insurance-level", test_command_insurance_level);

  status = g_test_run ();
  dataset_clear (&shared);
  return status;
}

/* assay-audit-sample.c — the verifiable 6.2 cross-province audit sample
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

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "assay-hex.h"
#include "assay-audit-enums.h"
#include "assay-audit-sample.h"
#include "assay-county.h"
#include "assay-enum.h"
#include "assay-error.h"

#define MAX_RATE_DIGITS 18
/* Filters of at least PARALLEL_MIN indices run on up to MAX_THREADS threads. */
#define PARALLEL_MIN    65536
#define MAX_THREADS     16

void
assay_audit_sample_free (AssayAuditSample *sample)
{
  if (sample == NULL)
    return;
  g_free (sample->rate);
  g_clear_pointer (&sample->indices, g_array_unref);
  g_free (sample);
}

/* floor (num / 10^digits × 2⁶⁴) by binary long division: num < 10^digits
 * ≤ 10^18 < 2⁶⁰, so 2 × remainder never overflows. */
static guint64
scaled_threshold (guint64 num,
                  guint   digits)
{
  guint64 den = 1, rem = num, q = 0;

  for (guint i = 0; i < digits; i++)
    den *= 10;
  for (guint bit = 0; bit < 64; bit++)
    {
      rem <<= 1;
      q <<= 1;
      if (rem >= den)
        {
          rem -= den;
          q |= 1;
        }
    }
  return q;
}

gboolean
assay_audit_sample_parse_rate (const char *text,
                               char      **out_canonical,
                               guint64    *out_threshold,
                               GError    **error)
{
  const char *frac;
  gsize len;
  guint64 num = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  frac = g_str_has_prefix (text, "0.") ? text + 2 : text[0] == '.' ? text + 1 : NULL;
  len = frac != NULL && frac[strspn (frac, "0123456789")] == '\0' ? strlen (frac) : 0;
  /* Trailing zeros change nothing: "0.10" is "0.1". */
  while (len > 0 && frac[len - 1] == '0')
    len--;
  if (frac == NULL || len == 0 || len > MAX_RATE_DIGITS)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("the rate “%s” is not a decimal between 0 and 1 with at most %d digits "
                     "after the point (for example 0.1)."), text, MAX_RATE_DIGITS);
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    num = num * 10 + (frac[i] - '0');
  if (out_canonical != NULL)
    *out_canonical = g_strdup_printf ("0.%.*s", (int) len, frac);
  if (out_threshold != NULL)
    *out_threshold = scaled_threshold (num, len);
  return TRUE;
}

char *
assay_audit_sample_seed_text (int           year,
                              const char   *province,
                              guint64       size,
                              const guint8  root[ASSAY_SHA256_SIZE])
{
  g_autofree char *b64 = g_base64_encode (root, ASSAY_SHA256_SIZE);

  return g_strdup_printf ("assay-audit-sample/1\n%d\n%s\n%" PRIu64 "\n%s\n",
                          year, province, size, b64);
}

void
assay_audit_sample_seed (int           year,
                         const char   *province,
                         guint64       size,
                         const guint8  root[ASSAY_SHA256_SIZE],
                         guint8        out[ASSAY_SHA256_SIZE])
{
  g_autofree char *text = assay_audit_sample_seed_text (year, province, size, root);

  assay_sha256 (text, strlen (text), out);
}

gboolean
assay_audit_sample_selects (const guint8 seed[ASSAY_SHA256_SIZE],
                            guint64      threshold,
                            guint64      index)
{
  guint8 block[ASSAY_SHA256_SIZE + 8], h[ASSAY_SHA256_SIZE];
  guint64 value = 0;

  memcpy (block, seed, ASSAY_SHA256_SIZE);
  for (guint b = 0; b < 8; b++)
    block[ASSAY_SHA256_SIZE + b] = index >> (56 - 8 * b);
  assay_sha256 (block, sizeof block, h);
  for (guint b = 0; b < 8; b++)
    value = value << 8 | h[b];
  return value < threshold;
}

/* One share of a long filter, in its own thread (assay_sha256 keeps a
 * context per thread). */
typedef struct
{
  const guint8  *seed;
  guint64        threshold;
  const guint64 *indices;
  gsize          n;
  GArray        *out;
} FilterShare;

static gpointer
filter_share (gpointer data)
{
  FilterShare *share = data;

  for (gsize i = 0; i < share->n; i++)
    if (assay_audit_sample_selects (share->seed, share->threshold, share->indices[i]))
      g_array_append_val (share->out, share->indices[i]);
  return NULL;
}

void
assay_audit_sample_filter (const guint8   seed[ASSAY_SHA256_SIZE],
                           guint64        threshold,
                           const guint64 *indices,
                           gsize          n,
                           GArray        *out)
{
  FilterShare shares[MAX_THREADS];
  GThread *threads[MAX_THREADS];
  guint n_threads = n < PARALLEL_MIN ? 1 : CLAMP (g_get_num_processors (), 1, MAX_THREADS);

  /* Contiguous shares, joined in order: the result is the same sorted list
   * whatever the number of threads. */
  for (guint t = 0; t < n_threads; t++)
    {
      gsize first = n * t / n_threads, last = n * (t + 1) / n_threads;

      shares[t] = (FilterShare) { seed, threshold, indices + first, last - first,
                                  t == 0 ? out : g_array_new (FALSE, FALSE, sizeof (guint64)) };
      threads[t] = t == 0 ? NULL : g_thread_new ("assay-sample", filter_share, &shares[t]);
    }
  filter_share (&shares[0]);
  for (guint t = 1; t < n_threads; t++)
    {
      g_thread_join (threads[t]);
      g_array_append_vals (out, shares[t].out->data, shares[t].out->len);
      g_array_unref (shares[t].out);
    }
}

static gboolean
check_sample_arguments (int         year,
                        const char *province,
                        GError    **error)
{
  if (year < 1 || year > 9999)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("the audit year must lie between 1 and 9999, not %d."), year);
      return FALSE;
    }
  if (province == NULL || strlen (province) != 2 || !g_ascii_isdigit (province[0]) ||
      !g_ascii_isdigit (province[1]) ||
      !assay_county_is_province_prefix ((province[0] - '0') * 10 + province[1] - '0'))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("the province must be the two-digit GB/T 2260 prefix of its counties "
                     "(for example 31), not “%s”."), province != NULL ? province : "");
      return FALSE;
    }
  return TRUE;
}

/* The stored checkpoint of `size`, or the latest for 0. */
static AssayStoredCheckpoint *
find_checkpoint (AssayReplica *replica,
                 guint64       size,
                 GError      **error)
{
  g_autoptr(GPtrArray) list = assay_replica_list_checkpoints (replica, error);
  AssayStoredCheckpoint *found = NULL;

  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("The replica has verified no checkpoint yet: sync it first."));
      return NULL;
    }
  for (guint i = 0; i < list->len && found == NULL; i++)
    {
      AssayStoredCheckpoint *c = g_ptr_array_index (list, i);

      if (size == 0 ? i == list->len - 1 : c->size == size)
        found = g_ptr_array_steal_index (list, i);
    }
  if (found == NULL)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                 _("The replica holds no verified checkpoint of size %" PRIu64
                   " (it holds %u, the latest of size %" PRIu64 "); "
                   "a sample can only be drawn at a checkpoint this replica has verified."),
                 size, list->len, ((AssayStoredCheckpoint *) g_ptr_array_index (list, list->len - 1))->size);
  g_ptr_array_set_free_func (list, (GDestroyNotify) assay_stored_checkpoint_free);
  return found;
}

AssayAuditSample *
assay_audit_sample_draw (AssayReplica *replica,
                         int           year,
                         const char   *province,
                         const char   *rate,
                         guint64       checkpoint_size,
                         GError      **error)
{
  g_autoptr(AssayAuditSample) s = g_new0 (AssayAuditSample, 1);
  g_autoptr(AssayStoredCheckpoint) checkpoint = NULL;
  g_autoptr(GArray) population = NULL;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (rate != NULL, NULL);

  if (!check_sample_arguments (year, province, error) ||
      !assay_audit_sample_parse_rate (rate, &s->rate, &s->threshold, error))
    return NULL;
  if ((checkpoint = find_checkpoint (replica, checkpoint_size, error)) == NULL)
    return NULL;
  s->year = year;
  memcpy (s->province, province, 3);
  s->checkpoint_size = checkpoint->size;
  memcpy (s->root, checkpoint->root, ASSAY_SHA256_SIZE);
  assay_audit_sample_seed (year, province, s->checkpoint_size, s->root, s->seed);
  population = assay_replica_audit_population (replica, year, province, s->checkpoint_size, error);
  if (population == NULL)
    return NULL;
  s->population = population->len;
  s->indices = g_array_new (FALSE, FALSE, sizeof (guint64));
  assay_audit_sample_filter (s->seed, s->threshold, (const guint64 *) (gpointer) population->data,
                             population->len, s->indices);
  return g_steal_pointer (&s);
}

static int
compare_index (gconstpointer a,
               gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

gboolean
assay_audit_sample_contains (const AssayAuditSample *sample,
                             guint64                 index)
{
  g_return_val_if_fail (sample != NULL, FALSE);

  return bsearch (&index, sample->indices->data, sample->indices->len, sizeof (guint64),
                  compare_index) != NULL;
}

char *
assay_audit_sample_seed_hex (const AssayAuditSample *sample)
{
  g_return_val_if_fail (sample != NULL, NULL);

  return assay_hex_encode (sample->seed, ASSAY_SHA256_SIZE);
}

char *
assay_audit_sample_describe (const AssayAuditSample *sample)
{
  g_autofree char *text = NULL, *hex = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (sample != NULL, NULL);

  text = assay_audit_sample_seed_text (sample->year, sample->province, sample->checkpoint_size,
                                       sample->root);
  lines = g_strsplit (text, "\n", -1);
  escaped = g_strjoinv ("\\n", lines);
  hex = assay_audit_sample_seed_hex (sample);
  return g_strdup_printf (_("The seed is SHA-256 of the UTF-8 text “%s” (the format line, the year, "
                            "the province, the checkpoint's size and its root in base64, each ended "
                            "by a newline): %s. Leaf index i is in the sample if and only if it is "
                            "below %" PRIu64 ", its entry is an event dated in %d in a "
                            "county of province %s, and the first 8 bytes of SHA-256 (seed ‖ i as "
                            "8 bytes big-endian), read as a big-endian integer, are below "
                            "floor (%s × 2^64) = %" PRIu64 ". Anyone with the log can "
                            "recompute it."),
                          escaped, hex, sample->checkpoint_size, sample->year, sample->province,
                          sample->rate, sample->threshold);
}

gboolean
assay_audit_sample_record_finding (AssayReplica           *replica,
                                   const AssayAuditSample *sample,
                                   guint64                 index,
                                   AssayAuditFinding       finding,
                                   const char             *note,
                                   GError                **error)
{
  AssayAuditFindingRow row = { 0 };

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (sample != NULL, FALSE);

  if (!assay_audit_sample_contains (sample, index))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("leaf %" PRIu64 " is not in this sample; “sample” lists its leaf indices."),
                   index);
      return FALSE;
    }
  if (finding != ASSAY_AUDIT_FINDING_CORRECT && (note == NULL || *note == '\0'))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("an error or fraud finding needs a note that says what was found (--note TEXT)."));
      return FALSE;
    }
  row.year = sample->year;
  memcpy (row.province, sample->province, sizeof row.province);
  row.checkpoint_size = sample->checkpoint_size;
  row.rate = sample->rate;
  row.leaf_index = index;
  row.finding = (char *) assay_enum_get_nick (ASSAY_TYPE_AUDIT_FINDING, finding);
  row.note = (char *) (note != NULL ? note : "");
  row.population = sample->population;
  row.sample_size = sample->indices->len;
  return assay_replica_audit_finding_set (replica, &row, error);
}

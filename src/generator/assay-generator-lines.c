/* assay-generator-lines.c — writing event and redemption bodies as JSON lines
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

#include "assay-generator-private.h"

gboolean
_assay_generator_flush_lines (AssayGenerator  *self,
                              gboolean         force,
                              GError         **error)
{
  if (self->buf->len == 0 || (!force && self->buf->len < FLUSH_SIZE))
    return TRUE;
  if (!g_output_stream_write_all (self->out, self->buf->str, self->buf->len, NULL,
                                  self->cancellable, error))
    return FALSE;
  self->n_bytes_out += self->buf->len;
  g_string_truncate (self->buf, 0);
  return TRUE;
}

static inline void
append_key (GString    *buf,
            const char *key)
{
  g_string_append_c (buf, '"');
  g_string_append (buf, key);
  g_string_append (buf, "\":");
}

/* Every string written is ours: no quotes, backslashes or control
 * characters, so it needs no escaping. */
static inline void
append_string (GString    *buf,
               const char *key,
               const char *value)
{
  append_key (buf, key);
  g_string_append_c (buf, '"');
  g_string_append (buf, value);
  g_string_append (buf, "\",");
}

static void
append_int (GString *buf,
            gint64   value)
{
  char digits[24];
  int n = 0;
  guint64 v = value < 0 ? (guint64) -value : (guint64) value;

  if (value < 0)
    g_string_append_c (buf, '-');
  do
    {
      digits[n++] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v > 0);
  while (n > 0)
    g_string_append_c (buf, digits[--n]);
}

static void
append_points (GString *buf,
               gint64   points)
{
  append_key (buf, "points");
  append_int (buf, points);
  g_string_append_c (buf, ',');
}

static void
append_number (GString *buf,
               double   value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == trunc (value) && fabs (value) < 1e15)
    append_int (buf, (gint64) value);
  else
    g_string_append (buf, g_ascii_formatd (text, sizeof text, "%.6g", value));
}

static void
append_common (AssayGenerator *self,
               const char     *kind,
               const Account  *a)
{
  GString *buf = self->buf;

  g_string_append_c (buf, '{');
  append_string (buf, "kind", kind);
  append_string (buf, "account", a->name);
  append_string (buf, "account_kind", assay_account_kind_to_id (a->kind));
}

/* Returns the publication day. */
static gint32
append_dates (AssayGenerator *self,
              const Account  *a,
              gint32          day)
{
  GString *buf = self->buf;
  gint32 pub = day + rng_range (&self->rng, 7, 30);

  append_string (buf, "event_date", self->days[day].date);
  append_string (buf, "publication_date", self->days[pub].date);
  append_string (buf, "county", _assay_generator_counties[a->county].code);
  return pub;
}

static void
append_evidence (AssayGenerator *self,
                 const Account  *a,
                 const char     *activity)
{
  char head[64];

  g_snprintf (head, sizeof head, "assay-pilot-evidence:%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ":",
              self->params.seed, self->n_lines);
  g_checksum_reset (self->checksum);
  g_checksum_update (self->checksum, (const guchar *) head, -1);
  g_checksum_update (self->checksum, (const guchar *) a->name, -1);
  g_checksum_update (self->checksum, (const guchar *) activity, -1);
  append_string (self->buf, "evidence", g_checksum_get_string (self->checksum));
}

/* Closes the object over the last comma and ends the line. */
static void
end_line (AssayGenerator *self)
{
  g_string_truncate (self->buf, self->buf->len - 1);
  g_string_append (self->buf, "}\n");
  self->n_lines++;
}

void
_assay_generator_write_event_line (AssayGenerator *self,
                                   const Account  *a,
                                   gint32          day,
                                   const Draw     *draw,
                                   const char     *activity,
                                   const Account  *confirmer)
{
  GString *buf = self->buf;
  const Template *t = draw->tpl;
  gint32 pub;

  append_common (self, "event", a);
  append_string (buf, "dimension", assay_dimension_to_id (t->dim));
  append_points (buf, draw->points);
  pub = append_dates (self, a, day);
  append_string (buf, "issuer", self->issuers[a->county][draw->tpl_index]);
  append_string (buf, "distributor",
                 t->distributor != NULL ? t->distributor : _assay_generator_counties[a->county].app);
  append_key (buf, "rule");
  g_string_append (buf, "{\"id\":\"");
  g_string_append (buf, _assay_generator_rule_ids[t->rule]);
  g_string_append (buf, "\",\"inputs\":{");
  for (guint i = 0; i < draw->n; i++)
    {
      if (i > 0)
        g_string_append_c (buf, ',');
      append_key (buf, draw->in[i].name);
      append_number (buf, draw->in[i].value);
    }
  g_string_append (buf, "}},");
  append_string (buf, "activity", activity);
  if (confirmer != NULL)
    append_string (buf, "confirmer", confirmer->name);
  else
    g_string_append (buf, "\"confirmer\":null,");
  append_evidence (self, a, activity);
  end_line (self);
  self->n_events++;
  if (self->filings != NULL)
    _assay_generator_filings_note_line (self, a, day, pub, TRUE, draw->points);
}

void
_assay_generator_write_redemption_line (AssayGenerator *self,
                                        const Account  *a,
                                        gint32          day,
                                        guint           item)
{
  GString *buf = self->buf;
  char request[40];
  gint32 pub;

  g_snprintf (request, sizeof request, "RQ-%s-%s-%06u", _assay_generator_counties[a->county].code,
              self->days[day].compact, (guint) (self->seq++ % 1000000));
  append_common (self, "redemption", a);
  append_string (buf, "tier", assay_tier_to_id (_assay_generator_items[item].tier));
  append_points (buf, _assay_generator_items[item].cost);
  pub = append_dates (self, a, day);
  append_string (buf, "distributor", self->providers[a->county][item]);
  append_string (buf, "item", _assay_generator_items[item].item);
  append_string (buf, "request", request);
  end_line (self);
  self->n_redemptions++;
  if (self->filings != NULL)
    _assay_generator_filings_note_line (self, a, day, pub, FALSE, 0);
}

/* assay-cohort-import.c — reading and checking a cohort file
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
#include <math.h>
#include <string.h>

#include "assay-cohort-import.h"
#include "assay-county.h"
#include "assay-error.h"

static const char *const required_columns[] = { "account", "gender", "age_band", "county", "ses" };
enum { COL_ACCOUNT, COL_GENDER, COL_AGE_BAND, COL_COUNTY, COL_SES, N_REQUIRED };

typedef struct
{
  const char *p;
  const char *end;
  guint       line;    /* line the reader is on, from 1 */
} CsvReader;

void
assay_cohort_file_free (AssayCohortFile *file)
{
  if (file == NULL)
    return;
  g_strfreev (file->extra_columns);
  g_clear_pointer (&file->records, g_ptr_array_unref);
  g_free (file);
}

static gboolean
refuse (GError    **error,
        guint       line,
        const char *what)
{
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("Line %u of the cohort file: %s Correct the file and import it again; "
                 "nothing was imported."), line, what);
  return FALSE;
}

/* One quoted field, the reader just past the opening quote. */
static gboolean
read_quoted (CsvReader  *r,
             GString    *field,
             GError    **error)
{
  guint start = r->line;

  for (;;)
    {
      if (r->p >= r->end)
        return refuse (error, start, _("a quoted field is never closed."));
      if (*r->p == '"')
        {
          if (r->p + 1 < r->end && r->p[1] == '"')
            {
              g_string_append_c (field, '"');
              r->p += 2;
              continue;
            }
          r->p++;
          if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r')
            return refuse (error, r->line, _("a closing quote is followed by text; "
                                             "write a quote inside a quoted field as two quotes."));
          return TRUE;
        }
      if (*r->p == '\n')
        r->line++;
      g_string_append_c (field, *r->p++);
    }
}

/* Reads one record into `fields`; FALSE with no error at the end of the
 * data. */
static gboolean
read_record (CsvReader  *r,
             GPtrArray  *fields,
             GError    **error)
{
  g_ptr_array_set_size (fields, 0);
  if (r->p >= r->end)
    return FALSE;
  for (;;)
    {
      g_autoptr(GString) field = g_string_new (NULL);

      if (r->p < r->end && *r->p == '"')
        {
          r->p++;
          if (!read_quoted (r, field, error))
            return FALSE;
        }
      else
        while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r')
          {
            if (*r->p == '"')
              return refuse (error, r->line, _("a quote inside an unquoted field; "
                                               "quote the whole field and double the quote."));
            g_string_append_c (field, *r->p++);
          }
      g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == '\r')
        r->p++;
      if (r->p < r->end && *r->p == '\n')
        r->p++;
      r->line++;
      return TRUE;
    }
}

static gboolean
check_value (const char *value,
             guint       line,
             GError    **error)
{
  for (const char *c = value; *c != '\0'; c++)
    if ((guchar) *c < 0x20 && *c != '\t')
      return refuse (error, line, _("a value holds a control character."));
  return TRUE;
}

static gboolean
parse_header (GPtrArray  *fields,
              int        *positions,
              GPtrArray  *extra_positions,
              GPtrArray  *extra_names,
              GError    **error)
{
  for (guint c = 0; c < N_REQUIRED; c++)
    positions[c] = -1;
  for (guint i = 0; i < fields->len; i++)
    {
      const char *name = g_ptr_array_index (fields, i);
      gboolean known = FALSE;

      if (*name == '\0')
        return refuse (error, 1, _("the header has an empty column name."));
      for (guint j = 0; j < i; j++)
        if (strcmp (name, g_ptr_array_index (fields, j)) == 0)
          {
            g_autofree char *what = g_strdup_printf (_("the column “%s” appears twice in the header."), name);
            return refuse (error, 1, what);
          }
      for (guint c = 0; c < N_REQUIRED; c++)
        if (strcmp (name, required_columns[c]) == 0)
          {
            positions[c] = i;
            known = TRUE;
          }
      if (!known)
        {
          g_ptr_array_add (extra_positions, GUINT_TO_POINTER (i));
          g_ptr_array_add (extra_names, g_strdup (name));
        }
    }
  for (guint c = 0; c < N_REQUIRED; c++)
    if (positions[c] < 0)
      {
        g_autofree char *what = g_strdup_printf (_("the header has no column “%s”; it needs "
                                                   "account, gender, age_band, county and ses."),
                                                 required_columns[c]);
        return refuse (error, 1, what);
      }
  return TRUE;
}

static gboolean
parse_ses (const char *text,
           double     *out)
{
  char *end = NULL;

  if (*text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*out);
}

static AssayCohortRecord *
parse_row (GPtrArray   *fields,
           const int   *positions,
           GPtrArray   *extra_positions,
           GHashTable  *seen,
           guint        line,
           GError     **error)
{
  g_autoptr(AssayCohortRecord) r = g_new0 (AssayCohortRecord, 1);
  const char *account = g_ptr_array_index (fields, positions[COL_ACCOUNT]);
  const char *county = g_ptr_array_index (fields, positions[COL_COUNTY]);
  const char *ses = g_ptr_array_index (fields, positions[COL_SES]);
  gpointer first;

  for (guint i = 0; i < fields->len; i++)
    if (!check_value (g_ptr_array_index (fields, i), line, error))
      return NULL;
  if (*account == '\0')
    return refuse (error, line, _("the account is empty.")), NULL;
  if (g_hash_table_lookup_extended (seen, account, NULL, &first))
    {
      g_autofree char *what = g_strdup_printf (_("the account “%s” already appears on line %u."),
                                               account, GPOINTER_TO_UINT (first));
      return refuse (error, line, what), NULL;
    }
  if (assay_county_check (county, -1) != ASSAY_COUNTY_VALID)
    {
      g_autofree char *what = g_strdup_printf (_("“%s” is not a valid county code "
                                                 "(six digits of GB/T 2260, not ending in 00)."),
                                               county);
      return refuse (error, line, what), NULL;
    }
  if (!parse_ses (ses, &r->ses))
    {
      g_autofree char *what = g_strdup_printf (_("the SES “%s” is not a number."), ses);
      return refuse (error, line, what), NULL;
    }
  r->account = g_strdup (account);
  r->gender = g_strdup (g_ptr_array_index (fields, positions[COL_GENDER]));
  r->age_band = g_strdup (g_ptr_array_index (fields, positions[COL_AGE_BAND]));
  r->county = g_strdup (county);
  r->extra = g_new0 (char *, extra_positions->len + 1);
  for (guint i = 0; i < extra_positions->len; i++)
    r->extra[i] = g_strdup (g_ptr_array_index (fields, GPOINTER_TO_UINT (g_ptr_array_index (extra_positions, i))));
  g_hash_table_insert (seen, r->account, GUINT_TO_POINTER (line));
  return g_steal_pointer (&r);
}

AssayCohortFile *
assay_cohort_parse (const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(AssayCohortFile) file = g_new0 (AssayCohortFile, 1);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) extra_positions = g_ptr_array_new ();
  g_autoptr(GPtrArray) extra_names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local = NULL;
  const char *bad = NULL;
  int positions[N_REQUIRED];
  CsvReader r = { data, data + length, 1 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!g_utf8_validate (data, length, &bad))
    {
      guint line = 1;

      for (const char *c = data; c < bad; c++)
        line += *c == '\n';
      return refuse (error, line, _("the text is not valid UTF-8; save the file as UTF-8.")), NULL;
    }
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    r.p += 3;   /* a byte order mark, as spreadsheets write */
  file->records = g_ptr_array_new_with_free_func ((GDestroyNotify) assay_cohort_record_free);
  if (!read_record (&r, fields, &local))
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        refuse (error, 1, _("the file is empty; it needs a header."));
      return NULL;
    }
  if (!parse_header (fields, positions, extra_positions, extra_names, error))
    return NULL;
  g_ptr_array_add (extra_names, NULL);
  file->extra_columns = (char **) g_ptr_array_free (g_steal_pointer (&extra_names), FALSE);
  for (;;)
    {
      guint line = r.line;
      guint n_header = g_strv_length (file->extra_columns) + N_REQUIRED;
      AssayCohortRecord *record;

      if (!read_record (&r, fields, error))
        {
          if (error != NULL && *error != NULL)
            return NULL;
          break;
        }
      if (fields->len == 1 && *(char *) g_ptr_array_index (fields, 0) == '\0')
        continue;   /* a blank line, such as the last one */
      if (fields->len != n_header)
        {
          g_autofree char *what = g_strdup_printf (_("the row has %u fields but the header has %u."),
                                                   fields->len, n_header);
          return refuse (error, line, what), NULL;
        }
      record = parse_row (fields, positions, extra_positions, seen, line, error);
      if (record == NULL)
        return NULL;
      g_ptr_array_add (file->records, record);
    }
  return g_steal_pointer (&file);
}

gboolean
assay_cohort_import (AssayReplica  *replica,
                     const char    *path,
                     guint         *out_n_accounts,
                     guint         *out_not_in_ledger,
                     GError       **error)
{
  g_autofree char *data = NULL;
  g_autoptr(AssayCohortFile) file = NULL;
  g_autoptr(GError) local = NULL;
  gsize length = 0;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                   _("Cannot read the cohort file “%s”: %s"), path, local->message);
      return FALSE;
    }
  file = assay_cohort_parse (data, length, error);
  if (file == NULL)
    return FALSE;
  if (!assay_replica_cohort_replace (replica, (const char * const *) file->extra_columns,
                                     file->records, out_not_in_ledger, error))
    return FALSE;
  if (out_n_accounts != NULL)
    *out_n_accounts = file->records->len;
  return TRUE;
}

/* assay-central-import.c — assay-central import
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

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "assay-central-commands.h"
#include "assay-central-options.h"
#include "assay-central-store.h"
#include "assay-error.h"

/* Lines are streamed through a fixed buffer: a file of any size needs the
 * same memory, and an overlong line is measured, not stored. */
#define READ_BUFFER (1024 * 1024)

typedef struct
{
  int    fd;
  char  *buf;
  gsize  start;
  gsize  end;
  gboolean eof;
} LineReader;

typedef enum
{
  LINE_OK,
  LINE_TOO_LONG,
  LINE_EOF,
  LINE_ERROR,
} LineStatus;

static gboolean
reader_fill (LineReader  *reader,
             GError     **error)
{
  ssize_t n;

  if (reader->start > 0)
    {
      memmove (reader->buf, reader->buf + reader->start, reader->end - reader->start);
      reader->end -= reader->start;
      reader->start = 0;
    }
  do
    n = read (reader->fd, reader->buf + reader->end, READ_BUFFER - reader->end);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO, _("Could not read the input: %s"),
                   g_strerror (errno));
      return FALSE;
    }
  reader->end += n;
  reader->eof = n == 0;
  return TRUE;
}

/* Skips the rest of an overlong line, adding its length to *len. */
static LineStatus
reader_skip_line (LineReader  *reader,
                  gsize       *len,
                  GError     **error)
{
  for (;;)
    {
      char *nl = memchr (reader->buf + reader->start, '\n', reader->end - reader->start);

      if (nl != NULL)
        {
          *len += nl - (reader->buf + reader->start);
          reader->start = nl + 1 - reader->buf;
          return LINE_TOO_LONG;
        }
      *len += reader->end - reader->start;
      reader->start = reader->end = 0;
      if (reader->eof)
        return LINE_TOO_LONG;
      if (!reader_fill (reader, error))
        return LINE_ERROR;
    }
}

static LineStatus
reader_next (LineReader   *reader,
             const char  **out_line,
             gsize        *out_len,
             GError      **error)
{
  for (;;)
    {
      char *line = reader->buf + reader->start;
      gsize avail = reader->end - reader->start;
      char *nl = memchr (line, '\n', avail);

      if (nl != NULL || (reader->eof && avail > 0))
        {
          gsize len = nl != NULL ? (gsize) (nl - line) : avail;

          reader->start += len + (nl != NULL);
          if (len > 0 && line[len - 1] == '\r')
            len--;
          *out_line = line;
          *out_len = len;
          return len > ASSAY_ENTRY_MAX_BODY ? LINE_TOO_LONG : LINE_OK;
        }
      if (reader->eof)
        return LINE_EOF;
      if (avail > ASSAY_ENTRY_MAX_BODY + 1)
        {
          *out_len = 0;
          return reader_skip_line (reader, out_len, error);
        }
      if (!reader_fill (reader, error))
        return LINE_ERROR;
    }
}

typedef struct
{
  guint64 line;
  guint64 accepted;
  guint64 bad;
} ImportStats;

static void
report_line (ImportStats *stats,
             const char  *message)
{
  stats->bad++;
  g_printerr (_("line %llu: %s\n"), (unsigned long long) stats->line, message);
}

static void
duplicate_cb (guint64  line,
              gboolean in_run,
              gpointer user_data)
{
  ImportStats *stats = user_data;
  const char *message = in_run
    ? _("the same entry appears earlier in this file; each entry may be imported once.")
    : _("this entry was already imported; each entry may be imported once.");

  stats->bad++;
  stats->accepted--;
  g_printerr (_("line %llu: %s\n"), (unsigned long long) line, message);
}

static gboolean
import_line (AssayCentralStore  *store,
             ImportStats        *stats,
             const char         *line,
             gsize               len,
             GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AssayEntry) entry = assay_entry_parse (line, len, &local_error);

  if (entry == NULL)
    {
      report_line (stats, local_error->message);
      return TRUE;
    }
  if (entry->kind == ASSAY_ENTRY_TOMBSTONE)
    {
      report_line (stats, _("tombstones are written only by “assay-central erase”; import refuses them."));
      return TRUE;
    }
  stats->accepted++;
  return assay_central_store_add (store, line, len, entry, stats->line, error);
}

static gboolean
import_stream (AssayCentralStore  *store,
               int                 fd,
               ImportStats        *stats,
               GError            **error)
{
  LineReader reader = { fd, g_malloc (READ_BUFFER), 0, 0, FALSE };
  gboolean ok = TRUE;

  while (ok)
    {
      const char *line = NULL;
      gsize len = 0;
      LineStatus status = reader_next (&reader, &line, &len, error);

      if (status == LINE_EOF || status == LINE_ERROR)
        {
          ok = status == LINE_EOF;
          break;
        }
      stats->line++;
      if (status == LINE_TOO_LONG)
        {
          g_autofree char *message =
            g_strdup_printf (_("the entry is %llu bytes long; the limit is %d bytes."),
                             (unsigned long long) len, ASSAY_ENTRY_MAX_BODY);

          report_line (stats, message);
        }
      else if (len > 0) /* blank lines separate nothing and are skipped */
        ok = import_line (store, stats, line, len, error);
    }
  g_free (reader.buf);
  return ok;
}

static int
open_input (const char  *file,
            GError     **error)
{
  int fd;

  if (g_strcmp0 (file, "-") == 0)
    return STDIN_FILENO;
  fd = g_open (file, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND, _("Could not open “%s”: %s"),
                 file, g_strerror (errno));
  return fd;
}

static int
run_import (const char *data_dir,
            guint32     today,
            const char *file)
{
  g_autoptr(AssayCentralStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ImportStats stats = { 0 };
  guint64 added = 0;
  int fd;
  gboolean ok;

  store = assay_central_store_open (data_dir, ASSAY_CENTRAL_OPEN_WRITE, &error);
  if (store == NULL)
    return assay_central_fail ("import", error);
  fd = open_input (file, &error);
  if (fd < 0)
    return assay_central_fail ("import", error);
  /* Exact duplicates are found in batches, so they are reported after the
   * other bad lines. */
  assay_central_store_set_duplicate_func (store, duplicate_cb, &stats);
  ok = assay_central_store_begin (store, &error)
       && import_stream (store, fd, &stats, &error)
       && assay_central_store_check_duplicates (store, &error);
  if (fd != STDIN_FILENO)
    close (fd);
  if (!ok)
    return assay_central_fail ("import", error);

  if (stats.bad > 0)
    {
      assay_central_store_rollback (store);
      g_printerr (_("assay-central import: bad lines: %llu; nothing was imported. Fix them and "
                    "import the file again.\n"),
                  (unsigned long long) stats.bad);
      return ASSAY_EXIT_FAILURE;
    }

  if (!assay_central_store_integrate (store, today, &added, &error)
      || !assay_central_store_commit (store, &error))
    return assay_central_fail ("import", error);

  g_print (_("Imported %llu entries; %llu joined the log. The log has %llu entries; %llu wait for "
             "their publication date.\n"),
           (unsigned long long) stats.accepted, (unsigned long long) added,
           (unsigned long long) assay_central_store_get_size (store),
           (unsigned long long) assay_central_store_count_pending (store));
  return ASSAY_EXIT_OK;
}

int
assay_central_cmd_import (int argc, char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *now = NULL;
  guint32 today;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("The data directory"), N_("DIR") },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now, N_("Today's date (default: the local date)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  int status = assay_central_parse_options ("import", _("FILE.jsonl"),
                                            _("Validates every line of a JSON Lines file (“-” reads "
                                              "standard input) and, if all are valid, stores them with "
                                              "fresh salts. Entries whose publication date is on or "
                                              "before today join the log, by publication date and then "
                                              "file order; the others wait for a later import or "
                                              "publish. A file with any bad line, an exact duplicate of "
                                              "an earlier entry included, changes nothing."),
                                            entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return assay_central_usage_error ("import", _("give exactly one FILE.jsonl (or “-” for standard input)."));
  if (!assay_central_require_data ("import", data_dir)
      || !assay_central_day_option ("import", "--now", now, &today))
    return ASSAY_EXIT_USAGE;
  return run_import (data_dir, today, argv[1]);
}

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
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include "assay-central-commands.h"
#include "assay-central-options.h"
#include "assay-central-pipeline.h"
#include "assay-central-breakers.h"
#include "assay-central-held.h"
#include "assay-central-store.h"
#include "assay-cli-options.h"
#include "assay-error.h"

/* Lines are streamed through a fixed buffer: a file of any size needs the
 * same memory, and an overlong line is measured, not stored. */
#define READ_BUFFER (1024 * 1024)

typedef struct
{
  int                fd;
  char              *buf;
  guint64            base;     /* input offset of buf[0] */
  gsize              start;
  gsize              end;
  gboolean           eof;
  AssayCentralStore *copy_to;  /* if the store needs a copy of the input */
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
      reader->base += reader->start;
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
  if (reader->copy_to != NULL
      && !assay_central_store_copy_input (reader->copy_to, reader->buf + reader->end, n, error))
    return FALSE;
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
      reader->base += reader->end;
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
  guint64 accepted;
  guint64 bad;
} ImportStats;

static void
report_line (ImportStats *stats,
             guint64      line,
             const char  *message)
{
  stats->bad++;
  g_printerr (_("line %llu: %s\n"), (unsigned long long) line, message);
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

  stats->accepted--;
  report_line (stats, line, message);
}

/* ---- parsing on every core -------------------------------------------- */

/* The main thread reads lines into batches; a thread pool parses,
 * validates and hashes them; the main thread takes the batches back in
 * file order and queues the entries in the store.  At most
 * BATCHES_PER_THREAD batches per thread are in memory. */
#define BATCH_BYTES        (1024 * 1024)
#define BATCH_LINES        4096
#define BATCHES_PER_THREAD 3

typedef struct
{
  guint64             number;        /* line number in the file */
  guint64             input_offset;
  gsize               offset;        /* in the batch text */
  gsize               len;
  gboolean            too_long;      /* len is then the whole line's length */
  char               *error;         /* why it is refused, or NULL */
  AssayCentralSealed  sealed;
} Line;

typedef struct
{
  CentralJob  job;
  GByteArray *text;
  GArray     *lines;   /* Line */
} Batch;

static void
parse_line (AssayCentralStore *store,
            const char        *text,
            Line              *line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayEntry) entry = assay_entry_parse (text + line->offset, line->len, &error);

  if (entry == NULL)
    line->error = g_strdup (error->message);
  else if (entry->kind == ASSAY_ENTRY_TOMBSTONE)
    line->error = g_strdup (_("tombstones are written only by “assay-central erase”; import refuses them."));
  else if (entry->kind == ASSAY_ENTRY_ROSTER || entry->kind == ASSAY_ENTRY_DECISION ||
           entry->kind == ASSAY_ENTRY_PAUSE)
    /* Only the service may log a roster or a decision, after checking its
     * signatures against the roster in force, or a pause, from its own
     * evaluation of the breaker rules; an import checks none. */
    line->error = g_strdup_printf (_("“%s” entries are written only by the central service; "
                                     "import refuses them."), assay_entry_kind_to_id (entry->kind));
  else
    /* Events, redemptions and filings (whose leaves the store checks
     * once they have an index). */
    assay_central_store_seal (store, text + line->offset, line->len, entry, &line->sealed);
}

static void
parse_batch (gpointer data,
             gpointer user_data)
{
  Batch *batch = data;

  for (guint i = 0; i < batch->lines->len; i++)
    {
      Line *line = &g_array_index (batch->lines, Line, i);

      if (!line->too_long)
        parse_line (user_data, (const char *) batch->text->data, line);
    }
}

static void
batch_clear (Batch *batch)
{
  for (guint i = 0; i < batch->lines->len; i++)
    g_clear_pointer (&g_array_index (batch->lines, Line, i).error, g_free);
  g_array_set_size (batch->lines, 0);
  g_byte_array_set_size (batch->text, 0);
}

static void
batch_free (gpointer data)
{
  Batch *batch = data;

  batch_clear (batch);
  g_array_unref (batch->lines);
  g_byte_array_unref (batch->text);
  g_free (batch);
}

/* Reads lines into an empty batch until it is full or the input ends. */
static gboolean
fill_batch (LineReader  *reader,
            guint64     *line_number,
            Batch       *batch,
            gboolean    *out_eof,
            GError     **error)
{
  *out_eof = FALSE;
  while (batch->lines->len < BATCH_LINES
         && batch->text->len + ASSAY_ENTRY_MAX_BODY <= BATCH_BYTES)
    {
      const char *text = NULL;
      Line line = { 0 };
      LineStatus status = reader_next (reader, &text, &line.len, error);

      if (status == LINE_ERROR)
        return FALSE;
      if (status == LINE_EOF)
        {
          *out_eof = TRUE;
          return TRUE;
        }
      line.number = ++*line_number;
      line.too_long = status == LINE_TOO_LONG;
      if (line.len == 0) /* blank lines separate nothing and are skipped */
        continue;
      if (!line.too_long)
        {
          line.input_offset = reader->base + (text - reader->buf);
          line.offset = batch->text->len;
          g_byte_array_append (batch->text, (const guint8 *) text, line.len);
        }
      g_array_append_val (batch->lines, line);
    }
  return TRUE;
}

/* Takes a parsed batch back, in file order. */
static gboolean
consume_batch (AssayCentralStore  *store,
               ImportStats        *stats,
               Batch              *batch,
               GError            **error)
{
  for (guint i = 0; i < batch->lines->len; i++)
    {
      Line *line = &g_array_index (batch->lines, Line, i);

      if (line->too_long)
        {
          g_autofree char *message =
            g_strdup_printf (_("the entry is %llu bytes long; the limit is %d bytes."),
                             (unsigned long long) line->len, ASSAY_ENTRY_MAX_BODY);

          report_line (stats, line->number, message);
        }
      else if (line->error != NULL)
        report_line (stats, line->number, line->error);
      else
        {
          stats->accepted++;
          if (!assay_central_store_add (store, line->input_offset, line->len, &line->sealed,
                                        line->number, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
run_pipeline (CentralPipeline    *pipeline,
              AssayCentralStore  *store,
              LineReader         *reader,
              ImportStats        *stats,
              GError            **error)
{
  guint64 line_number = 0;
  gboolean eof = FALSE;

  for (;;)
    {
      Batch *batch;

      while (!eof && (batch = central_pipeline_take_idle (pipeline)) != NULL)
        {
          if (!fill_batch (reader, &line_number, batch, &eof, error))
            {
              central_pipeline_release (pipeline, batch);
              return FALSE;
            }
          central_pipeline_submit (pipeline, batch);
        }
      batch = central_pipeline_wait_oldest (pipeline);
      if (batch == NULL)
        return TRUE;
      if (!consume_batch (store, stats, batch, error))
        {
          central_pipeline_release (pipeline, batch);
          return FALSE;
        }
      batch_clear (batch);
      central_pipeline_release (pipeline, batch);
    }
}

static gboolean
import_stream (AssayCentralStore  *store,
               int                 fd,
               ImportStats        *stats,
               GError            **error)
{
  LineReader reader = { fd, NULL, 0, 0, 0, FALSE, NULL };
  guint n_threads = MAX (g_get_num_processors (), 1);
  guint n_batches = n_threads * BATCHES_PER_THREAD;
  g_autofree gpointer *batches = g_new (gpointer, n_batches);
  CentralPipeline pipeline;
  gboolean copy = FALSE;
  gboolean ok;

  if (!assay_central_store_set_input (store, fd, &copy, error))
    return FALSE;
  reader.copy_to = copy ? store : NULL;
  reader.buf = g_malloc (READ_BUFFER);
  for (guint i = 0; i < n_batches; i++)
    {
      Batch *batch = g_new0 (Batch, 1);

      batch->text = g_byte_array_sized_new (BATCH_BYTES);
      batch->lines = g_array_sized_new (FALSE, TRUE, sizeof (Line), BATCH_LINES);
      batches[i] = batch;
    }
  central_pipeline_init (&pipeline, parse_batch, store, n_threads, batches, n_batches);
  ok = run_pipeline (&pipeline, store, &reader, stats, error);
  central_pipeline_clear (&pipeline, batch_free);
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

/* The store reads bodies back from fd until it commits or rolls back. */
static int
import_fd (AssayCentralStore *store,
           int                fd,
           guint32            today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayCentralHistory) history = NULL;
  ImportStats stats = { 0 };
  guint64 added = 0;

  /* Exact duplicates are found in batches, so they are reported after the
   * other bad lines.  With bad lines, only the duplicate check remains to
   * report. */
  assay_central_store_set_duplicate_func (store, duplicate_cb, &stats);
  if ((history = assay_central_held_read_history (store, &error)) == NULL
      || !assay_central_store_begin (store, &error))
    return assay_central_fail ("import", error);
  /* Redemptions of paused accounts are held, not logged (issue 11). */
  assay_central_held_prepare (store, history);
  if (!import_stream (store, fd, &stats, &error)
      || !(stats.bad > 0 ? assay_central_store_check_duplicates (store, &error)
                         : assay_central_store_integrate (store, today, &added, &error)))
    return assay_central_fail ("import", error);

  if (stats.bad > 0)
    {
      assay_central_store_rollback (store);
      g_printerr (_("assay-central import: bad lines: %llu; nothing was imported. Fix them and "
                    "import the file again.\n"),
                  (unsigned long long) stats.bad);
      return ASSAY_EXIT_FAILURE;
    }

  if (!assay_central_store_commit (store, &error))
    return assay_central_fail ("import", error);

  g_print (_("Imported %llu entries; %llu joined the log. The log has %llu entries; %llu wait for "
             "their publication date.\n"),
           (unsigned long long) stats.accepted, (unsigned long long) added,
           (unsigned long long) assay_central_store_get_size (store),
           (unsigned long long) assay_central_store_count_pending (store));
  assay_central_held_print_summary (store);
  return ASSAY_EXIT_OK;
}

/* The import is committed; the breakers run over the log it made, under
 * the same lock, and log their pauses under a checkpoint of their own. */
static int
run_breakers (AssayCentralStore *store,
              const char        *rule_set,
              guint32            today)
{
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  guint n_paused = 0;

  if (!assay_central_breakers_run (store, rule_set, today, &n_paused, &error))
    {
      g_printerr (_("assay-central import: the entries were imported, but the 6.1 breakers were "
                    "not evaluated: %s\n"), error->message);
      return ASSAY_EXIT_FAILURE;
    }
  g_debug ("breakers evaluated in %.3f s", (g_get_monotonic_time () - started) / 1e6);
  if (n_paused > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Breakers: %u new pause logged. The log has %" PRIu64
                          " entries.\n", "Breakers: %u new pauses logged. The log has %" PRIu64
                          " entries.\n", n_paused),
             n_paused, assay_central_store_get_size (store));
  return ASSAY_EXIT_OK;
}

static int
run_import (const char *data_dir,
            guint32     today,
            const char *file,
            const char *rule_set,
            gboolean    breakers)
{
  g_autoptr(AssayCentralStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int fd;
  int status;

  store = assay_central_store_open (data_dir, ASSAY_CENTRAL_OPEN_WRITE, &error);
  if (store == NULL)
    return assay_central_fail ("import", error);
  fd = open_input (file, &error);
  if (fd < 0)
    return assay_central_fail ("import", error);
  status = import_fd (store, fd, today);
  if (status == ASSAY_EXIT_OK && breakers)
    status = run_breakers (store, rule_set, today);
  /* A transaction left open rolls back here, before its input goes. */
  g_clear_pointer (&store, assay_central_store_free);
  if (fd != STDIN_FILENO)
    close (fd);
  return status;
}

int
assay_central_cmd_import (int argc, char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *now = NULL;
  g_autofree char *rule_set = NULL;
  gboolean no_breakers = FALSE;
  guint32 today;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("The data directory"), N_("DIR") },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now, N_("Today's date (default: the local date)"), N_("YYYY-MM-DD") },
    { "rule-set", 0, 0, G_OPTION_ARG_FILENAME, &rule_set,
      N_("The rule set whose 6.1 breakers pause (default: the installed rules/pilot.json)"),
      N_("FILE") },
    { "no-breakers", 0, 0, G_OPTION_ARG_NONE, &no_breakers,
      N_("Do not evaluate the 6.1 breakers this time (the next import or publish does)"), NULL },
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
    return assay_cli_usage_error ("assay-central import", ASSAY_CLI_HELP_FOR_USAGE, "%s",
                                  _("give exactly one FILE.jsonl (or “-” for standard input)."));
  if (!assay_central_require_data ("import", data_dir)
      || !assay_central_day_option ("import", "--now", now, &today))
    return ASSAY_EXIT_USAGE;
  return run_import (data_dir, today, argv[1], rule_set, !no_breakers);
}

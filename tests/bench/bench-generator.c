/* bench-generator.c — throughput of the pilot dataset generator
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
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "assay-generator.h"

/* Runs the whole generator (accounts, RNG, formulas, SHA-256 evidence,
 * JSON Lines, truth) for N accounts over 12 months into /dev/null, and
 * compares its lines per second with json-glib merely serialising bodies of
 * the same shape (a JsonGenerator per line, parsed beforehand, untimed).
 * Target: more than 200 000 lines per second.
 *
 *   bench-generator [ACCOUNTS]   (default 100000) */

#define REFERENCE_LINES 200000

static double
run_generator (guint    n_accounts,
               guint64 *n_lines)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) null = g_file_new_for_path ("/dev/null");
  g_autoptr(GFileOutputStream) out = g_file_append_to (null, G_FILE_CREATE_NONE, NULL, &error);
  g_autoptr(AssayGenerator) generator = NULL;
  g_autofree char *truth = NULL;
  AssayGeneratorParams params;
  gint64 start;

  g_assert_no_error (error);
  assay_generator_params_init_default (&params);
  params.n_accounts = n_accounts;

  start = g_get_monotonic_time ();
  generator = assay_generator_new (&params, &error);
  g_assert_no_error (error);
  if (!assay_generator_run (generator, G_OUTPUT_STREAM (out), NULL, &error))
    g_error ("%s", error->message);
  truth = assay_generator_dup_truth (generator);
  *n_lines = assay_generator_get_n_lines (generator);
  return (g_get_monotonic_time () - start) / 1e6;
}

/* Sample bodies: the first lines of a small run, parsed into trees. */
static GPtrArray *
sample_nodes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(AssayGenerator) generator = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GPtrArray *nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  AssayGeneratorParams params;
  const char *p, *end;
  gsize len;

  assay_generator_params_init_default (&params);
  params.n_accounts = 2000;
  generator = assay_generator_new (&params, &error);
  g_assert_no_error (error);
  g_assert_true (assay_generator_run (generator, out, NULL, &error));
  g_output_stream_close (out, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  p = g_bytes_get_data (bytes, &len);
  end = p + len;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, p, nl - p, &error));
      g_ptr_array_add (nodes, json_node_ref (json_parser_get_root (parser)));
      p = nl + 1;
    }
  return nodes;
}

static double
run_reference (GPtrArray *nodes)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gint64 start = g_get_monotonic_time ();
  gsize total = 0;

  for (guint i = 0; i < REFERENCE_LINES; i++)
    {
      g_autofree char *text = NULL;

      json_generator_set_root (generator, g_ptr_array_index (nodes, i % nodes->len));
      text = json_generator_to_data (generator, NULL);
      total += strlen (text);
    }
  g_assert_cmpuint (total, >, 0);
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  guint n_accounts = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 100000;
  g_autoptr(GPtrArray) nodes = sample_nodes ();
  guint64 n_lines;
  double seconds = run_generator (n_accounts, &n_lines);
  double reference = run_reference (nodes);
  double rate = n_lines / seconds;
  double reference_rate = REFERENCE_LINES / reference;

  printf ("accounts:           %u over 12 months\n", n_accounts);
  printf ("generator:          %" G_GUINT64_FORMAT " lines in %.2f s = %.0f lines/s (target > 200000: %s)\n",
          n_lines, seconds, rate, rate > 200000 ? "met" : "NOT met");
  printf ("json-glib:          %u bodies serialised in %.2f s = %.0f lines/s\n",
          REFERENCE_LINES, reference, reference_rate);
  printf ("ratio:              the whole generator runs at %.2f× json-glib's bare serialisation\n",
          rate / reference_rate);
  return 0;
}

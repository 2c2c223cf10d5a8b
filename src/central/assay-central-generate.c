/* assay-central-generate.c — assay-central generate
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
#include <glib/gi18n.h>
#include <string.h>

#include "assay-central-commands.h"
#include "assay-cli-options.h"
#include "assay-day.h"
#include "assay-generator.h"

typedef struct
{
  AssayGeneratorParams  params;
  const char           *out;
  const char           *truth;
  const char           *cohort;
} Options;

static void
print_help (void)
{
  g_print (_("Usage: assay-central generate --out FILE.jsonl --truth FILE.json [OPTION…]\n\n"
             "Write a deterministic pilot dataset (event and redemption entries and filings,\n"
             "one per line) with planted misconduct and filings that break the plan's limits,\n"
             "and the exact ground truth about them.\n\n"
             "Options:\n"
             "  --accounts N     Number of accounts, %u to %u (default %u)\n"
             "  --months M       Length of the pilot in months, %u to %u (default %u)\n"
             "  --seed S         Seed of the random generator (default %u)\n"
             "  --start DATE     First day, YYYY-MM-DD, in %u to %u (default %s)\n"
             "  --insurance-level N\n"
             "                   Points each of three calendar years must reach before a\n"
             "                   failure insurance claim is eligible (default %u)\n"
             "  --out FILE       Where to write the JSON Lines (required)\n"
             "  --truth FILE     Where to write the ground truth JSON (required)\n"
             "  --cohort FILE    Also write a cohort CSV for the fairness audit, with a planted\n"
             "                   gap that the ground truth names\n"
             "  -h, --help       Show this help\n"),
           ASSAY_GENERATOR_MIN_ACCOUNTS, ASSAY_GENERATOR_MAX_ACCOUNTS, ASSAY_GENERATOR_DEFAULT_ACCOUNTS,
           ASSAY_GENERATOR_MIN_MONTHS, ASSAY_GENERATOR_MAX_MONTHS, ASSAY_GENERATOR_DEFAULT_MONTHS,
           ASSAY_GENERATOR_DEFAULT_SEED,
           ASSAY_GENERATOR_MIN_START_YEAR, ASSAY_GENERATOR_MAX_START_YEAR, ASSAY_GENERATOR_DEFAULT_START,
           ASSAY_GENERATOR_DEFAULT_INSURANCE_LEVEL);
}

/* A whole decimal number in [min, max]; on failure, says so about @option. */
static gboolean
parse_number (const char  *option,
              const char  *text,
              guint64      min,
              guint64      max,
              guint64     *out,
              char       **message)
{
  if (!g_ascii_string_to_unsigned (text, 10, min, max, out, NULL))
    {
      g_autofree char *lo = g_strdup_printf ("%" G_GUINT64_FORMAT, min);
      g_autofree char *hi = g_strdup_printf ("%" G_GUINT64_FORMAT, max);

      *message = g_strdup_printf (_("%s needs a whole number from %s to %s, not “%s”."), option, lo, hi, text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_option (Options     *options,
            const char  *name,
            const char  *value,
            char       **message)
{
  guint64 number;

  if (strcmp (name, "--accounts") == 0)
    {
      if (!parse_number (name, value, ASSAY_GENERATOR_MIN_ACCOUNTS, ASSAY_GENERATOR_MAX_ACCOUNTS, &number, message))
        return FALSE;
      options->params.n_accounts = (guint) number;
    }
  else if (strcmp (name, "--months") == 0)
    {
      if (!parse_number (name, value, ASSAY_GENERATOR_MIN_MONTHS, ASSAY_GENERATOR_MAX_MONTHS, &number, message))
        return FALSE;
      options->params.n_months = (guint) number;
    }
  else if (strcmp (name, "--seed") == 0)
    {
      if (!parse_number (name, value, 0, G_MAXUINT64, &options->params.seed, message))
        return FALSE;
    }
  else if (strcmp (name, "--start") == 0)
    {
      if (!assay_day_parse (value, -1, &options->params.start_day))
        {
          *message = g_strdup_printf (_("--start needs a date written YYYY-MM-DD, not “%s”."), value);
          return FALSE;
        }
    }
  else if (strcmp (name, "--insurance-level") == 0)
    {
      if (!parse_number (name, value, 1, 1000000000, &number, message))
        return FALSE;
      options->params.insurance_level = (gint64) number;
    }
  else if (strcmp (name, "--out") == 0)
    options->out = value;
  else if (strcmp (name, "--cohort") == 0)
    options->cohort = value;
  else
    options->truth = value;
  return TRUE;
}

static gboolean
takes_value (const char *name)
{
  static const char * const names[] = { "--accounts", "--months", "--seed", "--start", "--insurance-level", "--out",
                                        "--truth", "--cohort" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Accepts “--name value” and “--name=value”.  Returns -1 to go on, else
 * the exit status. */
static int
parse_arguments (int       argc,
                 char    **argv,
                 Options  *options)
{
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *message = NULL;
      const char *value = NULL;
      const char *eq;

      if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          print_help ();
          return ASSAY_EXIT_OK;
        }
      eq = g_str_has_prefix (argv[i], "--") ? strchr (argv[i], '=') : NULL;
      name = eq != NULL ? g_strndup (argv[i], eq - argv[i]) : g_strdup (argv[i]);
      if (!takes_value (name))
        {
          message = g_strdup_printf (_("unknown option “%s”."), argv[i]);
          return assay_cli_usage_error ("assay-central generate", ASSAY_CLI_HELP_FOR_THE_OPTIONS,
                                        "%s", message);
        }
      if (eq != NULL)
        value = eq + 1;
      else if (i + 1 < argc)
        value = argv[++i];
      else
        {
          message = g_strdup_printf (_("%s needs a value."), name);
          return assay_cli_usage_error ("assay-central generate", ASSAY_CLI_HELP_FOR_THE_OPTIONS,
                                        "%s", message);
        }
      if (!set_option (options, name, value, &message))
        return assay_cli_usage_error ("assay-central generate", ASSAY_CLI_HELP_FOR_THE_OPTIONS,
                                      "%s", message);
    }

  if (options->out == NULL || *options->out == '\0')
    return assay_cli_usage_error ("assay-central generate", ASSAY_CLI_HELP_FOR_THE_OPTIONS, "%s",
                                  _("--out FILE is required: where to write the JSON Lines."));
  if (options->truth == NULL || *options->truth == '\0')
    return assay_cli_usage_error ("assay-central generate", ASSAY_CLI_HELP_FOR_THE_OPTIONS, "%s",
                                  _("--truth FILE is required: where to write the ground truth."));
  if (options->cohort != NULL && *options->cohort == '\0')
    return assay_cli_usage_error ("assay-central generate", ASSAY_CLI_HELP_FOR_THE_OPTIONS, "%s",
                                  _("--cohort needs a file name."));
  return -1;
}

static gboolean
write_cohort (AssayGenerator  *generator,
              const char      *path,
              GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileOutputStream) stream = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!assay_generator_write_cohort (generator, G_OUTPUT_STREAM (stream), error))
    return FALSE;
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

static gboolean
write_dataset (AssayGenerator  *generator,
               const char      *path,
               GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileOutputStream) stream = NULL;

  /* A regular file is replaced atomically; a device or pipe (/dev/stdout,
   * /dev/null) is written in place. */
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_SPECIAL)
    stream = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, error);
  else
    stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!assay_generator_run (generator, G_OUTPUT_STREAM (stream), NULL, error))
    return FALSE;
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

int
assay_central_cmd_generate (int    argc,
                            char **argv)
{
  g_autoptr(AssayGenerator) generator = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *truth = NULL;
  g_autofree char *n_lines = NULL;
  Options options = { { 0 } };
  guint n_unverified;
  int status;

  assay_generator_params_init_default (&options.params);
  status = parse_arguments (argc, argv, &options);
  if (status >= 0)
    return status;

  generator = assay_generator_new (&options.params, &error);
  if (generator == NULL)
    return assay_cli_usage_error ("assay-central generate", ASSAY_CLI_HELP_FOR_THE_OPTIONS,
                                  "%s", error->message);

  assay_generator_set_cohort (generator, options.cohort != NULL);
  if (!write_dataset (generator, options.out, &error))
    {
      g_printerr (_("assay-central generate: could not write “%s”: %s\n"), options.out, error->message);
      return ASSAY_EXIT_FAILURE;
    }
  truth = assay_generator_dup_truth (generator);
  if (!g_file_set_contents (options.truth, truth, -1, &error))
    {
      g_printerr (_("assay-central generate: could not write “%s”: %s\n"), options.truth, error->message);
      return ASSAY_EXIT_FAILURE;
    }

  if (options.cohort != NULL && !write_cohort (generator, options.cohort, &error))
    {
      g_printerr (_("assay-central generate: could not write “%s”: %s\n"), options.cohort, error->message);
      return ASSAY_EXIT_FAILURE;
    }

  n_lines = g_strdup_printf ("%" G_GUINT64_FORMAT, assay_generator_get_n_lines (generator));
  g_print (_("Wrote %s entries to “%s” and the ground truth to “%s”.\n"), n_lines, options.out, options.truth);
  if (options.cohort != NULL)
    g_print (_("Wrote the cohort to “%s”; the ground truth names its planted gap.\n"), options.cohort);
  n_unverified = assay_generator_get_n_unverified (generator);
  if (n_unverified > 0)
    g_printerr (_("Warning: %u planted cases or decoys did not turn out as planned; "
                  "the truth file marks them \"verified\": false.\n"), n_unverified);
  return ASSAY_EXIT_OK;
}

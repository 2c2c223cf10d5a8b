/* assayctl-replica-util.c — helpers shared by the replica subcommands
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

#include <glib/gi18n.h>
#include <math.h>

#include "assay-cli-options.h"
#include "assay-day.h"
#include "assay-error.h"
#include "assayctl-replica-util.h"

gboolean
assayctl_parse_options (const char *command,
                        const char *parameter,
                        const GOptionEntry *entries,
                        int *argc,
                        char ***argv)
{
  g_autofree char *name = g_strconcat ("assayctl ", command, NULL);

  return assay_cli_parse_command_options (name, ASSAY_CLI_HELP_FOR_ITS_OPTIONS, parameter, NULL,
                                          entries, argc, argv);
}

gboolean
assayctl_parse_options_only (const char          *command,
                             const GOptionEntry  *entries,
                             int                 *argc,
                             char              ***argv,
                             int                 *out_status)
{
  if (!assayctl_parse_options (command, NULL, entries, argc, argv))
    {
      *out_status = ASSAYCTL_EXIT_USAGE;
      return FALSE;
    }
  if (*argc > 1)
    {
      g_autofree char *name = g_strconcat ("assayctl ", command, NULL);

      *out_status = assay_cli_usage_error (name, ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                           _("unexpected argument “%s”."), (*argv)[1]);
      return FALSE;
    }
  return TRUE;
}

gboolean
assayctl_parse_as_of (const char *command,
                      const char *text,
                      guint32    *out_day,
                      int        *out_status)
{
  g_autofree char *name = NULL;

  *out_day = 0;
  if (text == NULL || assay_day_parse (text, -1, out_day))
    return TRUE;
  name = g_strconcat ("assayctl ", command, NULL);
  *out_status = assay_cli_usage_error (name, ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                       _("--as-of wants a day YYYY-MM-DD, not “%s”."), text);
  return FALSE;
}

int
assayctl_fail (const GError *error)
{
  g_printerr ("assayctl: %s\n", error->message);
  if (error->domain != ASSAY_ERROR)
    return ASSAYCTL_EXIT_FAILURE;
  switch (error->code)
    {
    case ASSAY_ERROR_SECURITY:
      return ASSAYCTL_EXIT_SECURITY;
    case ASSAY_ERROR_INVALID_ARGUMENT:
      return ASSAYCTL_EXIT_USAGE;
    default:
      return ASSAYCTL_EXIT_FAILURE;
    }
}

AssayReplica *
assayctl_open_replica (const AssayctlGlobals *globals,
                       const char *command,
                       AssayReplicaOpenFlags flags,
                       int *out_status)
{
  g_autoptr(GError) error = NULL;
  AssayReplica *replica;

  if (globals->replica == NULL)
    {
      g_autofree char *name = g_strconcat ("assayctl ", command, NULL);

      *out_status = assay_cli_usage_error (name, ASSAY_CLI_HELP_FOR_ITS_OPTIONS,
                                           _("say which replica to use with --replica FILE "
                                             "before the command."));
      return NULL;
    }
  replica = assay_replica_open (globals->replica, flags, &error);
  if (replica == NULL)
    *out_status = assayctl_fail (error);
  return replica;
}

void
assayctl_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

char *
assayctl_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = NULL;

  if (unix_time == 0)
    return NULL;
  time = g_date_time_new_from_unix_utc (unix_time);
  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M:%S UTC") : NULL;
}

/* The columns `text` takes in a terminal: East Asian wide characters two,
 * combining marks none; in a Chinese, Japanese or Korean locale the
 * ambiguous ones (“ ” …) are wide too, as such terminals draw them. */
guint
assayctl_display_width (const char *text,
                        gboolean    cjk)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += (cjk ? g_unichar_iswide_cjk (c) : g_unichar_iswide (c)) ? 2 : 1;
    }
  return width;
}

gboolean
assayctl_locale_is_cjk (void)
{
  const char *language = g_get_language_names ()[0];

  return g_str_has_prefix (language, "zh") || g_str_has_prefix (language, "ja") ||
         g_str_has_prefix (language, "ko");
}

static void
print_line (const char * const *cells,
            guint               n_columns,
            const guint        *widths,
            guint32             right_aligned,
            gboolean            cjk)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint c = 0; c < n_columns; c++)
    {
      guint pad = widths[c] - assayctl_display_width (cells[c], cjk);

      if (c > 0)
        g_string_append (line, "  ");
      if (right_aligned & (1u << c))
        g_string_append_printf (line, "%*s%s", (int) pad, "", cells[c]);
      else
        g_string_append_printf (line, "%s%*s", cells[c], (int) pad, "");
    }
  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);
  g_print ("%s\n", line->str);
}

void
assayctl_print_table (const char * const *titles,
                      guint               n_columns,
                      GPtrArray          *rows,
                      guint32             right_aligned)
{
  g_autofree guint *widths = g_new0 (guint, n_columns);
  gboolean cjk = assayctl_locale_is_cjk ();

  for (guint c = 0; c < n_columns; c++)
    widths[c] = assayctl_display_width (titles[c], cjk);
  for (guint i = 0; i < rows->len; i++)
    {
      const char * const *cells = g_ptr_array_index (rows, i);

      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], assayctl_display_width (cells[c], cjk));
    }
  print_line (titles, n_columns, widths, right_aligned, cjk);
  for (guint i = 0; i < rows->len; i++)
    print_line (g_ptr_array_index (rows, i), n_columns, widths, right_aligned, cjk);
}

char *
assayctl_key_author (const char  *path,
                     GError     **error)
{
  guint8 pk[ASSAY_KEY_PUBLIC_KEY_SIZE];

  if (!assay_key_file_read_public_key (path, pk, error))
    return NULL;
  return assay_key_id (pk);
}

void
assayctl_print_json_array (GPtrArray           *items,
                           AssayctlAddJsonFunc  add_item)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    add_item (builder, g_ptr_array_index (items, i));
  json_builder_end_array (builder);
  node = json_builder_get_root (builder);
  assayctl_print_json (node);
}

void
assayctl_json_add_int (JsonBuilder *builder,
                       const char  *name,
                       gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
assayctl_json_add_string (JsonBuilder *builder,
                          const char  *name,
                          const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
assayctl_json_add_number (JsonBuilder *builder,
                          const char  *name,
                          double       value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

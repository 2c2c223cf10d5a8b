/* assay-test-util.c — helpers shared by the test programs
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
#include <glib/gstdio.h>
#include <string.h>

#include "assay-test-util.h"

char *
assay_test_data_path (const char *name)
{
  const char *dir = g_getenv ("ASSAY_TEST_DATA");

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

char *
assay_test_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("assay-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_recursively (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

          remove_recursively (child);
          g_object_unref (info);
        }
    }
  g_file_delete (file, NULL, NULL);
}

void
assay_test_rmdir (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  remove_recursively (file);
}

void
assay_test_rmdir_free (char *path)
{
  assay_test_rmdir (path);
  g_free (path);
}

char *
assay_test_today (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();

  return g_date_time_format (utc, "%Y-%m-%d");
}

/* Never NULL, unlike g_strndup() of an empty GBytes. */
static char *
bytes_to_string (GBytes *bytes)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  return len > 0 ? g_strndup (data, len) : g_strdup ("");
}

int
assay_test_run (const char * const *argv,
                const char         *stdin_text,
                char              **out_stdout,
                char              **out_stderr)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) in = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;

  if (stdin_text != NULL)
    {
      flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
      in = g_bytes_new (stdin_text, strlen (stdin_text));
    }

  proc = g_subprocess_newv (argv, flags, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (proc, in, NULL, &out, &err, &error);
  g_assert_no_error (error);

  if (out_stdout != NULL)
    *out_stdout = bytes_to_string (out);
  if (out_stderr != NULL)
    *out_stderr = bytes_to_string (err);

  if (g_subprocess_get_if_exited (proc))
    return g_subprocess_get_exit_status (proc);

  /* A crash: say which program and what it printed, or the failure the
   * caller asserts on says nothing about why. */
  g_test_message ("%s was killed by signal %d; its stderr:\n%.*s", argv[0],
                  g_subprocess_get_term_sig (proc), err != NULL ? (int) g_bytes_get_size (err) : 0,
                  err != NULL ? (const char *) g_bytes_get_data (err, NULL) : "");
  return -1;
}

int
assay_test_assayctl (char **out_stdout,
                     char **out_stderr,
                     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ASSAYCTL"));
  va_start (args, out_stderr);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return assay_test_run ((const char * const *) argv->pdata, NULL, out_stdout, out_stderr);
}

char *
assay_test_pilot_rules (void)
{
  return g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "rules", "pilot.json", NULL);
}

/* test-cli.c — tests of the command-line interfaces of assayctl and assay-central
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

#include <glib.h>
#include <string.h>

#include "assay-test-util.h"

static void
check_exit (const char *program_env, const char * const *args, int expected, const char *needle)
{
  const char *program = g_getenv (program_env);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_nonnull (program);
  g_ptr_array_add (argv, (gpointer) program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  status = assay_test_run ((const char * const *) argv->pdata, NULL, &out, &err);
  g_assert_cmpint (status, ==, expected);
  if (needle != NULL)
    g_assert_true (strstr (out, needle) != NULL || strstr (err, needle) != NULL);
}

static void
test_help_and_version (void)
{
  check_exit ("ASSAYCTL", (const char *[]) { "--help", NULL }, 0, "check-proof");
  check_exit ("ASSAYCTL", (const char *[]) { "--version", NULL }, 0, PACKAGE_VERSION);
  check_exit ("ASSAY_CENTRAL", (const char *[]) { "--help", NULL }, 0, "serve");
  check_exit ("ASSAY_CENTRAL", (const char *[]) { "--version", NULL }, 0, PACKAGE_VERSION);
}

static void
test_unknown_is_usage_error (void)
{
  check_exit ("ASSAYCTL", (const char *[]) { "frobnicate", NULL }, 2, "frobnicate");
  check_exit ("ASSAYCTL", (const char *[]) { "--frobnicate", NULL }, 2, "--frobnicate");
  check_exit ("ASSAYCTL", (const char *[]) { NULL }, 2, NULL);
  check_exit ("ASSAY_CENTRAL", (const char *[]) { "frobnicate", NULL }, 2, "frobnicate");
  check_exit ("ASSAY_CENTRAL", (const char *[]) { "--frobnicate", NULL }, 2, "--frobnicate");
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/cli/help-and-version", test_help_and_version);
  g_test_add_func ("/assay/cli/unknown-is-usage-error", test_unknown_is_usage_error);
  return g_test_run ();
}

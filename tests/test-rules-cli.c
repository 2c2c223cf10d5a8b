/* test-rules-cli.c — assayctl rules check
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

#include <json-glib/json-glib.h>
#include <string.h>

#include "assay-test-util.h"

static void
test_valid (void)
{
  g_autofree char *path = assay_test_data_path ("rules/example.json");
  g_autofree char *text = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *out = NULL, *err = NULL, *json_out = NULL;
  g_autofree char *sha_line = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  JsonObject *object;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guint8 *) text, len);
  sha_line = g_strdup_printf ("SHA-256: %s\n", sha);

  g_assert_cmpint (assay_test_assayctl (&out, &err, "rules", "check", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Name: example\n"));
  g_assert_nonnull (strstr (out, "Version: 4\n"));
  g_assert_nonnull (strstr (out, sha_line));
  g_assert_cmpstr (err, ==, "");

  g_assert_cmpint (assay_test_assayctl (&json_out, NULL, "rules", "check", "--json", path, NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json_out, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "example");
  g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (object, "sha256"), ==, sha);
  g_assert_cmpint (json_object_get_int_member (object, "rules"), ==, 4);
}

static void
test_refused (void)
{
  g_autofree char *dir = assay_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *out2 = NULL, *err2 = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "{\"format\":\"assay-rule-set/1\",\"name\":\"n\",\"version\":1,"
                                      "\"effective\":\"2026-01-01\",\"parameters\":{},\"rules\":["
                                      "{\"id\":\"r\",\"article\":\"X\",\"subject\":\"ring\","
                                      "\"action\":\"review\",\"severity\":\"low\","
                                      "\"explain\":{\"en\":\"e\",\"zh_CN\":\"z\"},"
                                      "\"when\":{\"feature\":\"ring.sise\"}}]}", -1, NULL));
  g_assert_cmpint (assay_test_assayctl (&out, &err, "rules", "check", path, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "is refused: Rule “r”, rules[0].when: unknown feature “ring.sise”"));

  g_assert_cmpint (assay_test_assayctl (&out2, &err2, "rules", "check", missing, NULL), ==, 1);
  g_assert_nonnull (strstr (err2, "Cannot read the rule set"));
  assay_test_rmdir (dir);
}

static void
test_usage (void)
{
  g_autofree char *e1 = NULL, *e2 = NULL, *e3 = NULL, *e4 = NULL;

  g_assert_cmpint (assay_test_assayctl (NULL, &e1, "rules", NULL), ==, 2);
  g_assert_nonnull (strstr (e1, "assayctl rules: give a subcommand"));
  g_assert_cmpint (assay_test_assayctl (NULL, &e2, "rules", "lint", NULL), ==, 2);
  g_assert_nonnull (strstr (e2, "unknown subcommand “lint”"));
  g_assert_cmpint (assay_test_assayctl (NULL, &e3, "rules", "check", NULL), ==, 2);
  g_assert_nonnull (strstr (e3, "assayctl rules check: give one rule set FILE"));
  g_assert_cmpint (assay_test_assayctl (NULL, &e4, "rules", "check", "--bogus", "x", NULL), ==, 2);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/assay/rules/cli/valid", test_valid);
  g_test_add_func ("/assay/rules/cli/refused", test_refused);
  g_test_add_func ("/assay/rules/cli/usage", test_usage);
  return g_test_run ();
}

/* assay-test-util.h — helpers shared by the test programs
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

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Path of a file under tests/data. */
char    *assay_test_data_path (const char *name);

/* A fresh temporary directory, removed (recursively) by assay_test_rmdir. */
char    *assay_test_mkdtemp   (void);
void     assay_test_rmdir     (const char *path);
/* assay_test_rmdir () of @path, then frees the path itself. */
void     assay_test_rmdir_free (char *path);

/* Today's date by the real clock (UTC), "YYYY-MM-DD": the day a service
 * that judges by its clock logs what it is sent. */
char    *assay_test_today     (void);

/* Runs a program with the given argv (NULL-terminated), optionally feeding
 * stdin; returns its exit status and captures stdout/stderr. */
int      assay_test_run       (const char * const *argv,
                               const char         *stdin_text,
                               char              **out_stdout,
                               char              **out_stderr);

/* Runs $ASSAYCTL with the arguments that follow `out_stderr`, up to a
 * NULL; as assay_test_run () without stdin. */
int      assay_test_assayctl  (char              **out_stdout,
                               char              **out_stderr,
                               ...) G_GNUC_NULL_TERMINATED;

/* The source tree's default rule set, data/rules/pilot.json. */
char    *assay_test_pilot_rules (void);

G_END_DECLS

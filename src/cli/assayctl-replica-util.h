/* assayctl-replica-util.h — helpers shared by the replica subcommands
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

#include <json-glib/json-glib.h>

#include "assay-key-file.h"
#include "assay-replica.h"
#include "assay-rule-set.h"
#include "assayctl-commands.h"

G_BEGIN_DECLS

/* Parses a subcommand's options; prints the problem and returns FALSE on a
 * usage error.  `parameter` describes positional arguments (or NULL). */
gboolean      assayctl_parse_options  (const char          *command,
                                       const char          *parameter,
                                       const GOptionEntry  *entries,
                                       int                 *argc,
                                       char              ***argv);
/* Parses the options of `command`, which takes no other argument; FALSE
 * after a usage error, with the exit status in `out_status`. */
gboolean      assayctl_parse_options_only (const char          *command,
                                           const GOptionEntry  *entries,
                                           int                 *argc,
                                           char              ***argv,
                                           int                 *out_status);
/* --as-of: the day `text` names (YYYY-MM-DD) in `out_day`, or 0 for NULL
 * (today); FALSE after a usage error, with the exit status in
 * `out_status`. */
gboolean      assayctl_parse_as_of    (const char          *command,
                                       const char          *text,
                                       guint32             *out_day,
                                       int                 *out_status);
/* Prints "assayctl: <message>" and returns the exit status for `error`. */
int           assayctl_fail           (const GError        *error);
/* Opens --replica (a usage error if it was not given). */
AssayReplica *assayctl_open_replica   (const AssayctlGlobals *globals,
                                       const char          *command,
                                       AssayReplicaOpenFlags flags,
                                       int                 *out_status);
/* Prints a JSON node, pretty, with a final newline. */
void          assayctl_print_json     (JsonNode            *node);
/* Writes one item of an array, as an object, with `builder`. */
typedef void (*AssayctlAddJsonFunc) (JsonBuilder   *builder,
                                     gconstpointer  item);
/* Prints `items` as a JSON array, each item written by `add_item`. */
void          assayctl_print_json_array (GPtrArray           *items,
                                         AssayctlAddJsonFunc  add_item);
/* Members of the object `builder` is in: `name` and its value. */
void          assayctl_json_add_int    (JsonBuilder         *builder,
                                        const char          *name,
                                        gint64               value);
/* NULL is written as null. */
void          assayctl_json_add_string (JsonBuilder         *builder,
                                        const char          *name,
                                        const char          *value);
/* JSON has no NaN or infinity: those are written as null. */
void          assayctl_json_add_number (JsonBuilder         *builder,
                                        const char          *name,
                                        double               value);
/* "2026-05-01 12:00:00 UTC", or NULL for 0. */
char         *assayctl_format_time    (gint64               unix_time);
/* The columns `text` takes in a terminal (wide characters two; with `cjk`
 * the ambiguous ones too), and whether the locale is Chinese, Japanese or
 * Korean: to align translated tables. */
guint         assayctl_display_width  (const char          *text,
                                       gboolean             cjk);
gboolean      assayctl_locale_is_cjk  (void);

/* The rule set FILE, or the default one (assay_rule_default_set_path ());
 * NULL after printing why, with `out_status` set (assayctl-rules.c). */
AssayRuleSet *assayctl_load_rule_set  (const char          *path,
                                       int                 *out_status);
/* `flags --stored`: the stored flags and their run (assayctl-cases.c). */
int           assayctl_print_stored_flags (AssayReplica *replica,
                                           gboolean      json);

/* Opens the key file `path` with the passphrase from `passphrase_file` or
 * the terminal; NULL after printing why (exit 3 for a wrong passphrase or
 * a damaged file), with `out_status` set (assayctl-keys.c). */
AssayKeyFile *assayctl_open_key       (const char          *command,
                                       const char          *path,
                                       const char          *passphrase_file,
                                       int                 *out_status);

/* Prints a header line of `titles` (n_columns, already translated), then
 * one line per row of `rows` (GPtrArray of GStrv, n_columns cells each),
 * every column as wide as its widest cell in terminal columns (so that
 * Chinese labels line up), two spaces apart, the columns whose bit is set
 * in `right_aligned` aligned right, trailing spaces dropped. */
/* The key id of the key file at `path`, read from its public part (no
 * passphrase): a draft's author before the key is opened. */
char         *assayctl_key_author     (const char          *path,
                                       GError             **error);
void     assayctl_print_table      (const char * const *titles,
                                    guint               n_columns,
                                    GPtrArray          *rows,
                                    guint32             right_aligned);

G_END_DECLS

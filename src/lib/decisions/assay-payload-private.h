/* assay-payload-private.h — strict reading of signed payload objects
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

G_BEGIN_DECLS

/* Readers for the members of a parsed, canonical payload (a roster or a
 * decision).  Each refuses, with ASSAY_ERROR_INVALID_DATA and a message
 * that names the member by its path ("roles.audit.threshold"), a member
 * that is missing or has another type or range.  @where is the path of
 * @obj ("" at the top). */

/* Every member of @obj is one of @names (NULL-terminated) and each of them
 * is present: unknown members are refused, not ignored. */
gboolean     _assay_payload_check_known   (JsonObject         *obj,
                                          const char         *where,
                                          const char * const *names,
                                          GError            **error);
gboolean     _assay_payload_check_members (JsonObject         *obj,
                                           const char         *where,
                                           const char * const *names,
                                           GError            **error);
gboolean     _assay_payload_get_int       (JsonObject         *obj,
                                           const char         *where,
                                           const char         *name,
                                           gint64              min,
                                           gint64              max,
                                           gint64             *out,
                                           GError            **error);
/* A non-empty UTF-8 string of at most @max_len bytes. */
const char  *_assay_payload_get_string    (JsonObject         *obj,
                                           const char         *where,
                                           const char         *name,
                                           gsize               max_len,
                                           GError            **error);
/* Lower-case hex of @n_bytes bytes; with @nullable, null gives "" . */
const char  *_assay_payload_get_hex       (JsonObject         *obj,
                                           const char         *where,
                                           const char         *name,
                                           gsize               n_bytes,
                                           gboolean            nullable,
                                           GError            **error);
/* Strict base64 of exactly @len bytes, into @out. */
gboolean     _assay_payload_get_base64    (JsonObject         *obj,
                                           const char         *where,
                                           const char         *name,
                                           guint8             *out,
                                           gsize               len,
                                           GError            **error);
/* A string that is a nick of @enum_type. */
gboolean     _assay_payload_get_nick      (JsonObject         *obj,
                                           const char         *where,
                                           const char         *name,
                                           GType               enum_type,
                                           int                *out,
                                           GError            **error);
JsonObject  *_assay_payload_get_object    (JsonObject         *obj,
                                           const char         *where,
                                           const char         *name,
                                           GError            **error);
JsonArray   *_assay_payload_get_array     (JsonObject         *obj,
                                           const char         *where,
                                           const char         *name,
                                           GError            **error);

/* "where.name", or "name" at the top. */
char        *_assay_payload_path          (const char         *where,
                                           const char         *name);
/* Whether @text is lower-case hex of @n_bytes bytes. */
gboolean     _assay_payload_is_hex        (const char         *text,
                                           gsize               n_bytes);
/* Strict base64: decodes only what re-encodes to the same text; NULL
 * otherwise. */
GBytes      *_assay_payload_decode_base64 (const char         *text);
/* A Unix time as ISO 8601 in UTC ("2026-01-01T00:00:00Z"), for messages. */
char        *_assay_payload_format_time   (gint64              time);
/* The lower-case hex SHA-256 of @bytes: the hash a payload is named by. */
char        *_assay_payload_hash          (GBytes             *bytes);

/* Writers for a payload's members, for the builders of rosters, decisions
 * and objections. */
void         _assay_payload_add_int       (JsonBuilder        *builder,
                                           const char         *name,
                                           gint64              value);
/* NULL is written as null; the reader refuses it where it is not allowed. */
void         _assay_payload_add_string    (JsonBuilder        *builder,
                                           const char         *name,
                                           const char         *value);

/* Sets @error to ASSAY_ERROR_VERIFICATION with the formatted message: a
 * well-formed payload that its roster does not allow. */
void         _assay_payload_set_refused   (GError            **error,
                                           const char         *format,
                                           ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS

/* assay-json-scan.h — a strict, allocation-free JSON scanner
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

/* A pull scanner for the small, flat JSON objects of ledger entry bodies.
 * It accepts exactly the grammar of RFC 8259 (UTF-8 only, no byte order
 * mark, no comments, no NaN, no leading zeros, full string escapes with
 * paired \uXXXX surrogates) and limits nesting to
 * ASSAY_JSON_SCAN_MAX_DEPTH, as RFC 8259 §9 allows.
 *
 * It never allocates: strings without escapes point into the input, and
 * strings with escapes are decoded into an arena the caller provides.
 * Decoding never grows a string, so an arena as long as the input is enough
 * for one pass over it.  Tokens stay valid as long as the input and the
 * arena do.
 *
 * Use: assay_json_scanner_init(); assay_json_scanner_enter() the top-level
 * object; for each member assay_json_scanner_key() then
 * assay_json_scanner_value() (which stops before a nested '{' or '[', so
 * the caller either enters it or assay_json_scanner_skip()s it) then
 * assay_json_scanner_next(); finally assay_json_scanner_finish().  Every
 * function returns FALSE on a syntax error and leaves the reason and the
 * byte offset in the scanner. */

#define ASSAY_JSON_SCAN_MAX_DEPTH 64

typedef enum
{
  ASSAY_JSON_NULL,
  ASSAY_JSON_FALSE,
  ASSAY_JSON_TRUE,
  ASSAY_JSON_NUMBER,
  ASSAY_JSON_STRING,
  ASSAY_JSON_OBJECT,
  ASSAY_JSON_ARRAY,
} AssayJsonType;

typedef enum
{
  ASSAY_JSON_SCAN_OK,
  ASSAY_JSON_SCAN_TRUNCATED,   /* the input ends inside a value */
  ASSAY_JSON_SCAN_UNEXPECTED,  /* a byte that cannot appear here */
  ASSAY_JSON_SCAN_NUMBER,      /* a number outside the RFC 8259 grammar */
  ASSAY_JSON_SCAN_CONTROL,     /* an unescaped control character in a string */
  ASSAY_JSON_SCAN_ESCAPE,      /* an unknown escape or a malformed \uXXXX */
  ASSAY_JSON_SCAN_SURROGATE,   /* a \uXXXX surrogate without its partner */
  ASSAY_JSON_SCAN_UTF8,        /* a string holds bytes that are not UTF-8 */
  ASSAY_JSON_SCAN_DEPTH,       /* nested deeper than ASSAY_JSON_SCAN_MAX_DEPTH */
  ASSAY_JSON_SCAN_TRAILING,    /* something follows the top-level value */
  ASSAY_JSON_SCAN_ARENA,       /* the caller's arena is too small (a bug) */
} AssayJsonScanError;

typedef struct
{
  AssayJsonType  type;
  /* STRING: the decoded UTF-8 bytes (may contain NUL, not terminated);
   * NUMBER: the number as written.  NULL for the other types. */
  const char    *str;
  gsize          len;
  /* NUMBER: written without fraction or exponent. */
  gboolean       integer;
  /* Where the value starts in the input. */
  gsize          offset;
} AssayJsonToken;

typedef struct
{
  const char         *start;
  const char         *p;
  const char         *end;
  char               *arena;
  gsize               arena_used;
  gsize               arena_size;
  guint               depth;
  AssayJsonScanError  error;
  gsize               error_offset;
} AssayJsonScanner;

void        assay_json_scanner_init     (AssayJsonScanner  *self,
                                         const char        *data,
                                         gsize              len,
                                         char              *arena,
                                         gsize              arena_size);
/* Starts scanning again at @offset of the same input (to re-read a nested
 * value recorded in a token). */
void        assay_json_scanner_seek     (AssayJsonScanner  *self,
                                         gsize              offset);
/* Consumes '{' (or '[' when @array); *has_items is FALSE when the
 * container is empty (its closing bracket is consumed too). */
gboolean    assay_json_scanner_enter    (AssayJsonScanner  *self,
                                         gboolean           array,
                                         gboolean          *has_items);
/* Reads a member name and the ':' after it. */
gboolean    assay_json_scanner_key      (AssayJsonScanner  *self,
                                         AssayJsonToken    *key);
/* Reads a scalar; for '{' or '[' it only reports OBJECT or ARRAY. */
gboolean    assay_json_scanner_value    (AssayJsonScanner  *self,
                                         AssayJsonToken    *value);
/* Skips one complete value of any type. */
gboolean    assay_json_scanner_skip     (AssayJsonScanner  *self);
/* After an item: ',' sets *more, the closing bracket clears it. */
gboolean    assay_json_scanner_next     (AssayJsonScanner  *self,
                                         gboolean           array,
                                         gboolean          *more);
/* Only whitespace may follow. */
gboolean    assay_json_scanner_finish   (AssayJsonScanner  *self);

/* Checks that @data is one complete JSON text of any type (RFC 8259). */
gboolean    assay_json_validate         (const char        *data,
                                         gsize              len,
                                         AssayJsonScanError *out_error,
                                         gsize             *out_offset);

G_END_DECLS

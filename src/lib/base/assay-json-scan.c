/* assay-json-scan.c — a strict, allocation-free JSON scanner
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

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "assay-json-scan.h"

/* Bytes that may appear in a string as themselves and need no further
 * look: printable ASCII except '"' and '\\'.  Everything else takes the
 * slow path (end, escape, control character or a UTF-8 sequence). */
static const guint8 plain_string_byte[256] = {
  [0x20] = 1, [0x21] = 1,             [0x23 ... 0x5b] = 1,
  [0x5d ... 0x7f] = 1,
};

/* The first byte at or after @p that is not a plain string byte, or
 * @end.  With SSE2 it looks at 16 bytes at a time: a signed compare with
 * 0x20 catches both control characters and bytes from 0x80 up. */
static inline const char *
skip_plain_string (const char *p,
                   const char *end)
{
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8 ('"');
  const __m128i backslash = _mm_set1_epi8 ('\\');
  const __m128i space = _mm_set1_epi8 (0x20);

  while (end - p >= 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (const void *) p);
      __m128i special = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, quote),
                                                    _mm_cmpeq_epi8 (v, backslash)),
                                      _mm_cmplt_epi8 (v, space));
      int mask = _mm_movemask_epi8 (special);

      if (mask != 0)
        return p + __builtin_ctz (mask);
      p += 16;
    }
#endif
  while (p < end && plain_string_byte[(guchar) *p])
    p++;
  return p;
}

static inline gboolean
fail (AssayJsonScanner   *self,
      AssayJsonScanError  error,
      const char         *at)
{
  self->error = error;
  self->error_offset = at - self->start;
  return FALSE;
}

static inline void
skip_whitespace (AssayJsonScanner *self)
{
  const char *p = self->p;

  while (p < self->end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    p++;
  self->p = p;
}

static inline int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits after "\u" at @p. */
static gboolean
read_hex4 (const char *p,
           const char *end,
           gunichar   *out)
{
  gunichar value = 0;

  if (end - p < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return FALSE;
      value = (value << 4) | (gunichar) digit;
    }
  *out = value;
  return TRUE;
}

/* Length of the well-formed UTF-8 sequence of two to four bytes at @p
 * (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF),
 * or 0. */
static guint
utf8_sequence_length (const guchar *p,
                      const guchar *end)
{
  guchar lo = 0x80, hi = 0xbf;
  guint n;

  if (p[0] >= 0xc2 && p[0] <= 0xdf)
    n = 2;
  else if (p[0] >= 0xe0 && p[0] <= 0xef)
    {
      n = 3;
      if (p[0] == 0xe0)
        lo = 0xa0;
      else if (p[0] == 0xed)
        hi = 0x9f;
    }
  else if (p[0] >= 0xf0 && p[0] <= 0xf4)
    {
      n = 4;
      if (p[0] == 0xf0)
        lo = 0x90;
      else if (p[0] == 0xf4)
        hi = 0x8f;
    }
  else
    return 0;

  if (end - p < n || p[1] < lo || p[1] > hi)
    return 0;
  for (guint i = 2; i < n; i++)
    if ((p[i] & 0xc0) != 0x80)
      return 0;
  return n;
}

/* Decodes the escape at @p (just after the backslash) into @out; returns
 * the position after it, or NULL with the error set. */
static const char *
decode_escape (AssayJsonScanner  *self,
               const char        *p,
               char             **out)
{
  gunichar c;

  if (p >= self->end)
    return fail (self, ASSAY_JSON_SCAN_TRUNCATED, p), NULL;

  switch (*p)
    {
    case '"': *(*out)++ = '"'; return p + 1;
    case '\\': *(*out)++ = '\\'; return p + 1;
    case '/': *(*out)++ = '/'; return p + 1;
    case 'b': *(*out)++ = '\b'; return p + 1;
    case 'f': *(*out)++ = '\f'; return p + 1;
    case 'n': *(*out)++ = '\n'; return p + 1;
    case 'r': *(*out)++ = '\r'; return p + 1;
    case 't': *(*out)++ = '\t'; return p + 1;
    case 'u':
      break;
    default:
      return fail (self, ASSAY_JSON_SCAN_ESCAPE, p - 1), NULL;
    }

  if (!read_hex4 (p + 1, self->end, &c))
    return fail (self, ASSAY_JSON_SCAN_ESCAPE, p - 1), NULL;
  p += 5;

  if (c >= 0xdc00 && c <= 0xdfff)
    return fail (self, ASSAY_JSON_SCAN_SURROGATE, p - 6), NULL;
  if (c >= 0xd800 && c <= 0xdbff)
    {
      gunichar low;

      if (self->end - p < 6 || p[0] != '\\' || p[1] != 'u' ||
          !read_hex4 (p + 2, self->end, &low) || low < 0xdc00 || low > 0xdfff)
        return fail (self, ASSAY_JSON_SCAN_SURROGATE, p - 6), NULL;
      c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
      p += 6;
    }

  *out += g_unichar_to_utf8 (c, *out);
  return p;
}

/* @self->p is at the opening quote. */
static gboolean
scan_string (AssayJsonScanner *self,
             AssayJsonToken   *token)
{
  const char *first = self->p + 1;
  const char *p = first;
  const char *run = first;
  char *out_start = NULL;
  char *out = NULL;

  for (;;)
    {
      guchar c;

      p = skip_plain_string (p, self->end);
      if (p >= self->end)
        return fail (self, ASSAY_JSON_SCAN_TRUNCATED, p);

      c = (guchar) *p;
      if (c == '"')
        break;
      if (c == '\\')
        {
          if (out == NULL)
            {
              /* Decoding never grows a string: what is left of the input
               * bounds the decoded length. */
              if (self->arena_size - self->arena_used < (gsize) (self->end - first))
                return fail (self, ASSAY_JSON_SCAN_ARENA, first - 1);
              out_start = out = self->arena + self->arena_used;
            }
          memcpy (out, run, p - run);
          out += p - run;
          if (!(p = decode_escape (self, p + 1, &out)))
            return FALSE;
          run = p;
        }
      else if (c < 0x20)
        return fail (self, ASSAY_JSON_SCAN_CONTROL, p);
      else
        {
          guint n = utf8_sequence_length ((const guchar *) p, (const guchar *) self->end);

          if (n == 0)
            return fail (self, ASSAY_JSON_SCAN_UTF8, p);
          p += n;
        }
    }

  token->type = ASSAY_JSON_STRING;
  token->integer = FALSE;
  token->offset = first - 1 - self->start;
  if (out == NULL)
    {
      token->str = first;
      token->len = p - first;
    }
  else
    {
      memcpy (out, run, p - run);
      out += p - run;
      token->str = out_start;
      token->len = out - out_start;
      self->arena_used += token->len;
    }
  self->p = p + 1;
  return TRUE;
}

static gboolean
scan_number (AssayJsonScanner *self,
             AssayJsonToken   *token)
{
  const char *p = self->p;
  const char *end = self->end;
  gboolean integer = TRUE;

  if (*p == '-')
    p++;
  if (p >= end)
    return fail (self, ASSAY_JSON_SCAN_TRUNCATED, p);
  if (*p == '0')
    p++;
  else if (g_ascii_isdigit (*p))
    while (p < end && g_ascii_isdigit (*p))
      p++;
  else
    return fail (self, ASSAY_JSON_SCAN_NUMBER, self->p);

  if (p < end && *p == '.')
    {
      integer = FALSE;
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return fail (self, ASSAY_JSON_SCAN_NUMBER, self->p);
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return fail (self, ASSAY_JSON_SCAN_NUMBER, self->p);
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  /* "01" and "-01": a digit right after a leading zero. */
  if (p < end && g_ascii_isdigit (*p))
    return fail (self, ASSAY_JSON_SCAN_NUMBER, self->p);

  token->type = ASSAY_JSON_NUMBER;
  token->str = self->p;
  token->len = p - self->p;
  token->integer = integer;
  token->offset = self->p - self->start;
  self->p = p;
  return TRUE;
}

static gboolean
scan_literal (AssayJsonScanner *self,
              const char       *word,
              gsize             len,
              AssayJsonType     type,
              AssayJsonToken   *token)
{
  gsize avail = self->end - self->p;

  if (memcmp (self->p, word, MIN (avail, len)) != 0)
    return fail (self, ASSAY_JSON_SCAN_UNEXPECTED, self->p);
  if (avail < len)
    return fail (self, ASSAY_JSON_SCAN_TRUNCATED, self->end);

  token->type = type;
  token->str = NULL;
  token->len = 0;
  token->integer = FALSE;
  token->offset = self->p - self->start;
  self->p += len;
  return TRUE;
}

void
assay_json_scanner_init (AssayJsonScanner *self,
                         const char       *data,
                         gsize             len,
                         char             *arena,
                         gsize             arena_size)
{
  self->start = data;
  self->p = data;
  self->end = data + len;
  self->arena = arena;
  self->arena_used = 0;
  self->arena_size = arena_size;
  self->depth = 0;
  self->error = ASSAY_JSON_SCAN_OK;
  self->error_offset = 0;
}

void
assay_json_scanner_seek (AssayJsonScanner *self,
                         gsize             offset)
{
  g_assert (offset <= (gsize) (self->end - self->start));

  self->p = self->start + offset;
}

gboolean
assay_json_scanner_enter (AssayJsonScanner *self,
                          gboolean          array,
                          gboolean         *has_items)
{
  skip_whitespace (self);
  if (self->p >= self->end)
    return fail (self, ASSAY_JSON_SCAN_TRUNCATED, self->p);
  if (*self->p != (array ? '[' : '{'))
    return fail (self, ASSAY_JSON_SCAN_UNEXPECTED, self->p);
  if (self->depth >= ASSAY_JSON_SCAN_MAX_DEPTH)
    return fail (self, ASSAY_JSON_SCAN_DEPTH, self->p);

  self->p++;
  skip_whitespace (self);
  if (self->p >= self->end)
    return fail (self, ASSAY_JSON_SCAN_TRUNCATED, self->p);
  if (*self->p == (array ? ']' : '}'))
    {
      self->p++;
      *has_items = FALSE;
      return TRUE;
    }
  self->depth++;
  *has_items = TRUE;
  return TRUE;
}

gboolean
assay_json_scanner_key (AssayJsonScanner *self,
                        AssayJsonToken   *key)
{
  skip_whitespace (self);
  if (self->p >= self->end)
    return fail (self, ASSAY_JSON_SCAN_TRUNCATED, self->p);
  if (*self->p != '"')
    return fail (self, ASSAY_JSON_SCAN_UNEXPECTED, self->p);
  if (!scan_string (self, key))
    return FALSE;

  skip_whitespace (self);
  if (self->p >= self->end)
    return fail (self, ASSAY_JSON_SCAN_TRUNCATED, self->p);
  if (*self->p != ':')
    return fail (self, ASSAY_JSON_SCAN_UNEXPECTED, self->p);
  self->p++;
  return TRUE;
}

gboolean
assay_json_scanner_value (AssayJsonScanner *self,
                          AssayJsonToken   *value)
{
  skip_whitespace (self);
  if (self->p >= self->end)
    return fail (self, ASSAY_JSON_SCAN_TRUNCATED, self->p);

  switch (*self->p)
    {
    case '"':
      return scan_string (self, value);
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return scan_number (self, value);
    case 't':
      return scan_literal (self, "true", 4, ASSAY_JSON_TRUE, value);
    case 'f':
      return scan_literal (self, "false", 5, ASSAY_JSON_FALSE, value);
    case 'n':
      return scan_literal (self, "null", 4, ASSAY_JSON_NULL, value);
    case '{':
    case '[':
      value->type = *self->p == '{' ? ASSAY_JSON_OBJECT : ASSAY_JSON_ARRAY;
      value->str = NULL;
      value->len = 0;
      value->integer = FALSE;
      value->offset = self->p - self->start;
      return TRUE;
    default:
      return fail (self, ASSAY_JSON_SCAN_UNEXPECTED, self->p);
    }
}

gboolean
assay_json_scanner_skip (AssayJsonScanner *self)
{
  AssayJsonToken token;
  gboolean array;
  gboolean more;

  if (!assay_json_scanner_value (self, &token))
    return FALSE;
  if (token.type != ASSAY_JSON_OBJECT && token.type != ASSAY_JSON_ARRAY)
    return TRUE;

  array = token.type == ASSAY_JSON_ARRAY;
  if (!assay_json_scanner_enter (self, array, &more))
    return FALSE;
  while (more)
    {
      if (!array && !assay_json_scanner_key (self, &token))
        return FALSE;
      if (!assay_json_scanner_skip (self) ||
          !assay_json_scanner_next (self, array, &more))
        return FALSE;
    }
  return TRUE;
}

gboolean
assay_json_scanner_next (AssayJsonScanner *self,
                         gboolean          array,
                         gboolean         *more)
{
  skip_whitespace (self);
  if (self->p >= self->end)
    return fail (self, ASSAY_JSON_SCAN_TRUNCATED, self->p);
  if (*self->p == ',')
    {
      self->p++;
      *more = TRUE;
      return TRUE;
    }
  if (*self->p == (array ? ']' : '}'))
    {
      g_assert (self->depth > 0);
      self->p++;
      self->depth--;
      *more = FALSE;
      return TRUE;
    }
  return fail (self, ASSAY_JSON_SCAN_UNEXPECTED, self->p);
}

gboolean
assay_json_scanner_finish (AssayJsonScanner *self)
{
  skip_whitespace (self);
  if (self->p < self->end)
    return fail (self, ASSAY_JSON_SCAN_TRAILING, self->p);
  return TRUE;
}

gboolean
assay_json_validate (const char         *data,
                     gsize               len,
                     AssayJsonScanError *out_error,
                     gsize              *out_offset)
{
  g_autofree char *arena = g_malloc (MAX (len, 1));
  AssayJsonScanner scanner;
  gboolean ok;

  assay_json_scanner_init (&scanner, data, len, arena, len);
  ok = assay_json_scanner_skip (&scanner) && assay_json_scanner_finish (&scanner);
  if (out_error)
    *out_error = scanner.error;
  if (out_offset)
    *out_offset = scanner.error_offset;
  return ok;
}

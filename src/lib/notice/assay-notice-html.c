/* assay-notice-html.c — the notice as one self-contained HTML page
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

#include "assay-notice-private.h"

/* Inline, so the page is one file that needs nothing else to be read. */
static const char style[] =
  "body{font-family:\"Noto Sans CJK SC\",\"WenQuanYi Micro Hei\",sans-serif;max-width:48em;"
  "margin:2em auto;padding:0 1em;line-height:1.5;color:#222}"
  "section+section{border-top:2px solid #888;margin-top:2.5em;padding-top:1em}"
  "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.5em}"
  "dl{display:grid;grid-template-columns:max-content 1fr;gap:.25em 1em}"
  "dt{font-weight:bold}dd{margin:0;overflow-wrap:anywhere}"
  "table{border-collapse:collapse;width:100%}"
  "th,td{border:1px solid #999;padding:.3em .6em;text-align:left}"
  "th{background:#eee}"
  "pre{background:#f3f3f3;padding:.5em;overflow-x:auto}"
  "p{white-space:pre-wrap}";

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static void
append_element (GString    *out,
                const char *tag,
                const char *text)
{
  g_string_append_printf (out, "<%s>", tag);
  append_escaped (out, text);
  g_string_append_printf (out, "</%s>\n", tag);
}

static void
append_row (GString                *out,
            const AssayNoticeBlock *block,
            const char             *cell_tag)
{
  g_string_append (out, "<tr>");
  for (guint i = 0; i < ASSAY_NOTICE_TABLE_COLUMNS; i++)
    append_element (out, cell_tag, block->cells[i]);
  g_string_append (out, "</tr>\n");
}

/* Closes an open list or table when the next block is of another kind. */
static void
close_group (GString              *out,
             AssayNoticeBlockKind *open,
             AssayNoticeBlockKind  next)
{
  gboolean same = *open == next ||
                  (*open == ASSAY_NOTICE_BLOCK_TABLE_HEAD && next == ASSAY_NOTICE_BLOCK_TABLE_ROW);

  if (same)
    return;
  if (*open == ASSAY_NOTICE_BLOCK_FIELD)
    g_string_append (out, "</dl>\n");
  else if (*open == ASSAY_NOTICE_BLOCK_TABLE_HEAD || *open == ASSAY_NOTICE_BLOCK_TABLE_ROW)
    g_string_append (out, "</table>\n");
  if (next == ASSAY_NOTICE_BLOCK_FIELD)
    g_string_append (out, "<dl>\n");
  else if (next == ASSAY_NOTICE_BLOCK_TABLE_HEAD)
    g_string_append (out, "<table>\n");
  *open = next;
}

static void
append_block (GString                *out,
              const AssayNoticeBlock *block,
              gboolean               *in_section)
{
  switch (block->kind)
    {
    case ASSAY_NOTICE_BLOCK_PART:
      if (*in_section)
        g_string_append (out, "</section>\n");
      g_string_append_printf (out, "<section lang=\"%s\">\n", block->cells[0]);
      *in_section = TRUE;
      break;
    case ASSAY_NOTICE_BLOCK_TITLE:
      append_element (out, "h1", block->cells[0]);
      break;
    case ASSAY_NOTICE_BLOCK_HEADING:
      append_element (out, "h2", block->cells[0]);
      break;
    case ASSAY_NOTICE_BLOCK_FIELD:
      append_element (out, "dt", block->cells[0]);
      append_element (out, "dd", block->cells[1]);
      break;
    case ASSAY_NOTICE_BLOCK_PARAGRAPH:
      g_string_append (out, "<p>");
      append_escaped (out, block->cells[0]);
      g_string_append (out, "</p>\n");
      break;
    case ASSAY_NOTICE_BLOCK_CODE:
      append_element (out, "pre", block->cells[0]);
      break;
    case ASSAY_NOTICE_BLOCK_TABLE_HEAD:
      append_row (out, block, "th");
      break;
    case ASSAY_NOTICE_BLOCK_TABLE_ROW:
      append_row (out, block, "td");
      break;
    default:
      g_assert_not_reached ();
    }
}

char *
assay_notice_to_html (const AssayNotice *notice)
{
  g_autoptr(GPtrArray) blocks = NULL;
  GString *out = g_string_new (NULL);
  AssayNoticeBlockKind open = ASSAY_NOTICE_BLOCK_PART;
  gboolean in_section = FALSE;

  g_return_val_if_fail (notice != NULL, NULL);

  blocks = _assay_notice_blocks (notice);
  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
  append_element (out, "title", ((AssayNoticeBlock *) g_ptr_array_index (blocks, 1))->cells[0]);
  g_string_append_printf (out, "<style>%s</style>\n</head>\n<body>\n", style);
  for (guint i = 0; i < blocks->len; i++)
    {
      const AssayNoticeBlock *block = g_ptr_array_index (blocks, i);

      close_group (out, &open, block->kind);
      append_block (out, block, &in_section);
    }
  close_group (out, &open, ASSAY_NOTICE_BLOCK_PART);
  g_string_append (out, "</section>\n</body>\n</html>\n");
  return g_string_free (out, FALSE);
}

gboolean
assay_notice_write_html (const AssayNotice  *notice,
                         GOutputStream      *stream,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autofree char *html = NULL;

  g_return_val_if_fail (notice != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  html = assay_notice_to_html (notice);
  return g_output_stream_write_all (stream, html, strlen (html), NULL, cancellable, error);
}

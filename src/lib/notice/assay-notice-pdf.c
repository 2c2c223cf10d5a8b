/* assay-notice-pdf.c — the notice as an A4 PDF, laid out with pango
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

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "assay-error.h"
#include "assay-notice-private.h"

/* A4 in points, with 2 cm margins. */
#define PAGE_WIDTH   595.276
#define PAGE_HEIGHT  841.890
#define MARGIN        56.693
#define LABEL_WIDTH  150.0
#define CELL_PADDING   4.0

/* A CJK face first, so the Chinese part never falls back to boxes;
 * fontconfig picks whichever of them is installed. */
#define FONT_FAMILY  "Noto Sans CJK SC, WenQuanYi Micro Hei, Sans"

typedef struct
{
  cairo_t        *cr;
  PangoLanguage  *language;   /* of the part being drawn: CJK glyph forms follow it */
  double          y;
  guint           page;
} Pen;

static const double column_share[ASSAY_NOTICE_TABLE_COLUMNS] = { 0.25, 0.15, 0.37, 0.23 };

static double
content_width (void)
{
  return PAGE_WIDTH - 2 * MARGIN;
}

static PangoLayout *
make_layout (Pen        *pen,
             const char *text,
             const char *font,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (pen->cr);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

  pango_context_set_language (pango_layout_get_context (layout), pen->language);
  /* Font sizes in the PDF's points, not at a screen's 96 dpi. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* A hash broken across lines must not gain a hyphen that is not in it. */
  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attributes);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return pango_units_to_double (height);
}

static void
draw_footer (Pen *pen)
{
  g_autofree char *number = g_strdup_printf ("— %u —", pen->page);
  g_autoptr(PangoLayout) layout = make_layout (pen, number, FONT_FAMILY " 9", content_width ());

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_move_to (pen->cr, MARGIN, PAGE_HEIGHT - MARGIN / 2);
  pango_cairo_show_layout (pen->cr, layout);
}

static void
new_page (Pen *pen)
{
  draw_footer (pen);
  cairo_show_page (pen->cr);
  pen->page++;
  pen->y = MARGIN;
}

/* Starts a new page unless @height fits below the pen (or the page is
 * still empty, where nothing would fit better). */
static void
make_room (Pen    *pen,
           double  height)
{
  if (pen->y + height > PAGE_HEIGHT - MARGIN && pen->y > MARGIN)
    new_page (pen);
}

/* Draws @layout line by line, turning the page between lines: a rationale
 * may be longer than a page. */
static void
draw_flowing (Pen         *pen,
              PangoLayout *layout,
              double       x)
{
  g_autoptr(PangoLayoutIter) iter = pango_layout_get_iter (layout);
  double top_of_page = 0;   /* where, in the layout, the current page began */

  do
    {
      PangoRectangle logical;
      double line_top, line_bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_top = pango_units_to_double (logical.y);
      line_bottom = pango_units_to_double (logical.y + logical.height);
      if (pen->y + line_bottom - top_of_page > PAGE_HEIGHT - MARGIN)
        {
          pen->y += line_top - top_of_page;
          new_page (pen);
          top_of_page = line_top;
        }
      cairo_move_to (pen->cr, x,
                     pen->y + pango_units_to_double (pango_layout_iter_get_baseline (iter)) - top_of_page);
      pango_cairo_show_layout_line (pen->cr, pango_layout_iter_get_line_readonly (iter));
    }
  while (pango_layout_iter_next_line (iter));
  pen->y += layout_height (layout) - top_of_page;
}

/* Text that may turn the page between its lines, but not before its
 * first three; @keep_with_next the room the next block's start needs (a
 * heading is not left alone at the foot of a page). */
static void
draw_text (Pen        *pen,
           const char *text,
           const char *font,
           double      space_before,
           double      space_after,
           double      keep_with_next)
{
  g_autoptr(PangoLayout) layout = make_layout (pen, text, font, content_width ());

  pen->y += space_before;
  make_room (pen, MIN (layout_height (layout), 3 * 15.0) + keep_with_next);
  draw_flowing (pen, layout, MARGIN);
  pen->y += space_after;
}

static void
draw_code (Pen        *pen,
           const char *text)
{
  g_autoptr(PangoLayout) layout = make_layout (pen, text, "Monospace 9.5", content_width () - 2 * CELL_PADDING);
  double height = layout_height (layout) + 2 * CELL_PADDING;

  make_room (pen, height);
  cairo_set_source_rgb (pen->cr, 0.95, 0.95, 0.95);
  cairo_rectangle (pen->cr, MARGIN, pen->y, content_width (), height);
  cairo_fill (pen->cr);
  cairo_set_source_rgb (pen->cr, 0, 0, 0);
  cairo_move_to (pen->cr, MARGIN + CELL_PADDING, pen->y + CELL_PADDING);
  pango_cairo_show_layout (pen->cr, layout);
  pen->y += height + 4;
}

static void
draw_field (Pen                    *pen,
            const AssayNoticeBlock *block)
{
  g_autoptr(PangoLayout) label = make_layout (pen, block->cells[0], FONT_FAMILY " Bold 10.5",
                                              LABEL_WIDTH - 8);
  g_autoptr(PangoLayout) value = make_layout (pen, block->cells[1], FONT_FAMILY " 10.5",
                                              content_width () - LABEL_WIDTH);
  double height = MAX (layout_height (label), layout_height (value));

  make_room (pen, height);
  cairo_move_to (pen->cr, MARGIN, pen->y);
  pango_cairo_show_layout (pen->cr, label);
  cairo_move_to (pen->cr, MARGIN + LABEL_WIDTH, pen->y);
  pango_cairo_show_layout (pen->cr, value);
  pen->y += height + 3;
}

static void
draw_row (Pen                    *pen,
          const AssayNoticeBlock *block)
{
  gboolean head = block->kind == ASSAY_NOTICE_BLOCK_TABLE_HEAD;
  const char *font = head ? FONT_FAMILY " Bold 10.5" : FONT_FAMILY " 10.5";
  PangoLayout *cells[ASSAY_NOTICE_TABLE_COLUMNS];
  double height = 0, x = MARGIN;

  for (guint i = 0; i < ASSAY_NOTICE_TABLE_COLUMNS; i++)
    {
      cells[i] = make_layout (pen, block->cells[i], font, column_share[i] * content_width () - 2 * CELL_PADDING);
      height = MAX (height, layout_height (cells[i]) + 2 * CELL_PADDING);
    }
  make_room (pen, height);
  for (guint i = 0; i < ASSAY_NOTICE_TABLE_COLUMNS; i++)
    {
      double width = column_share[i] * content_width ();

      cairo_rectangle (pen->cr, x, pen->y, width, height);
      cairo_set_source_rgb (pen->cr, 0.92, 0.92, 0.92);
      if (head)
        cairo_fill_preserve (pen->cr);
      cairo_set_source_rgb (pen->cr, 0.45, 0.45, 0.45);
      cairo_set_line_width (pen->cr, 0.6);
      cairo_stroke (pen->cr);
      cairo_set_source_rgb (pen->cr, 0, 0, 0);
      cairo_move_to (pen->cr, x + CELL_PADDING, pen->y + CELL_PADDING);
      pango_cairo_show_layout (pen->cr, cells[i]);
      g_object_unref (cells[i]);
      x += width;
    }
  pen->y += height;
}

/* The English part starts below a rule, on the same page if it fits. */
static void
begin_part (Pen        *pen,
            const char *tag)
{
  pen->language = pango_language_from_string (tag);
  if (pen->y <= MARGIN)
    return;
  pen->y += 18;
  make_room (pen, 80);
  if (pen->y > MARGIN)
    {
      cairo_set_source_rgb (pen->cr, 0.5, 0.5, 0.5);
      cairo_set_line_width (pen->cr, 1.2);
      cairo_move_to (pen->cr, MARGIN, pen->y);
      cairo_line_to (pen->cr, PAGE_WIDTH - MARGIN, pen->y);
      cairo_stroke (pen->cr);
      cairo_set_source_rgb (pen->cr, 0, 0, 0);
      pen->y += 14;
    }
}

static void
draw_block (Pen                    *pen,
            const AssayNoticeBlock *block,
            AssayNoticeBlockKind    previous)
{
  gboolean after_table = previous == ASSAY_NOTICE_BLOCK_TABLE_ROW && block->kind != previous;

  if (after_table)
    pen->y += 6;
  switch (block->kind)
    {
    case ASSAY_NOTICE_BLOCK_PART:
      begin_part (pen, block->cells[0]);
      break;
    case ASSAY_NOTICE_BLOCK_TITLE:
      draw_text (pen, block->cells[0], FONT_FAMILY " Bold 19", 0, 10, 60);
      break;
    case ASSAY_NOTICE_BLOCK_HEADING:
      draw_text (pen, block->cells[0], FONT_FAMILY " Bold 13.5", 8, 4, 40);
      break;
    case ASSAY_NOTICE_BLOCK_FIELD:
      draw_field (pen, block);
      break;
    case ASSAY_NOTICE_BLOCK_PARAGRAPH:
      draw_text (pen, block->cells[0], FONT_FAMILY " 10.5", 0, 6, 0);
      break;
    case ASSAY_NOTICE_BLOCK_CODE:
      draw_code (pen, block->cells[0]);
      break;
    case ASSAY_NOTICE_BLOCK_TABLE_HEAD:
    case ASSAY_NOTICE_BLOCK_TABLE_ROW:
      draw_row (pen, block);
      break;
    default:
      g_assert_not_reached ();
    }
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
draw_document (cairo_surface_t   *surface,
               const AssayNotice *notice)
{
  g_autoptr(GPtrArray) blocks = _assay_notice_blocks (notice);
  cairo_t *cr = cairo_create (surface);
  Pen pen = { cr, pango_language_from_string ("zh-CN"), MARGIN, 1 };
  AssayNoticeBlockKind previous = ASSAY_NOTICE_BLOCK_PART;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  ((AssayNoticeBlock *) g_ptr_array_index (blocks, 1))->cells[0]);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Assay");
  for (guint i = 0; i < blocks->len; i++)
    {
      const AssayNoticeBlock *block = g_ptr_array_index (blocks, i);

      draw_block (&pen, block, previous);
      previous = block->kind;
    }
  draw_footer (&pen);
  cairo_show_page (cr);
  cairo_destroy (cr);
}

GBytes *
assay_notice_to_pdf (const AssayNotice  *notice,
                     GError            **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (notice != NULL, NULL);

  surface = cairo_pdf_surface_create_for_stream (append_cb, pdf, PAGE_WIDTH, PAGE_HEIGHT);
  draw_document (surface, notice);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED,
                   _("Could not draw the notice as PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

gboolean
assay_notice_write_pdf (const AssayNotice  *notice,
                        const char         *path,
                        GError            **error)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (notice != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((pdf = assay_notice_to_pdf (notice, error)) == NULL)
    return FALSE;
  data = g_bytes_get_data (pdf, &size);
  if (!g_file_set_contents (path, data, size, &local_error))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO, _("Could not write the notice to %s: %s"), path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* assay-notice-private.h — the notice as a list of bilingual blocks, shared by its renderers
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

#include "assay-notice.h"

G_BEGIN_DECLS

/* The document both renderers draw: the same blocks, in order, so the
 * HTML page and the PDF cannot say different things.  Every text is
 * final (dates, percentages and names filled in, nothing escaped); each
 * renderer escapes or lays it out as its format needs. */
typedef enum
{
  ASSAY_NOTICE_BLOCK_PART,         /* a language part begins: cells[0] its tag ("zh-CN", "en") */
  ASSAY_NOTICE_BLOCK_TITLE,        /* cells[0] */
  ASSAY_NOTICE_BLOCK_HEADING,      /* cells[0] */
  ASSAY_NOTICE_BLOCK_FIELD,        /* cells[0] the label, cells[1] the value */
  ASSAY_NOTICE_BLOCK_PARAGRAPH,    /* cells[0] */
  ASSAY_NOTICE_BLOCK_CODE,         /* cells[0], commands to type, one a line */
  ASSAY_NOTICE_BLOCK_TABLE_HEAD,   /* cells[0..3] */
  ASSAY_NOTICE_BLOCK_TABLE_ROW,    /* cells[0..3] */
} AssayNoticeBlockKind;

#define ASSAY_NOTICE_TABLE_COLUMNS 4

typedef struct
{
  AssayNoticeBlockKind  kind;
  char                 *cells[ASSAY_NOTICE_TABLE_COLUMNS];
} AssayNoticeBlock;

/* The blocks (AssayNoticeBlock *): the Chinese part, the official text,
 * then the English one. */
GPtrArray *_assay_notice_blocks (const AssayNotice *notice);

G_END_DECLS

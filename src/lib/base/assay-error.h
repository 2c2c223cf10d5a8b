/* assay-error.h — the libassay error domain
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

#define ASSAY_ERROR (assay_error_quark ())

/* Codes are coarse on purpose: the message says what happened and what to
 * do; the code says how a caller (or assayctl's exit status) reacts. */
typedef enum
{
  ASSAY_ERROR_FAILED,          /* ordinary failure */
  ASSAY_ERROR_INVALID_ARGUMENT,/* the caller passed something malformed */
  ASSAY_ERROR_INVALID_DATA,    /* input data is malformed (JSON, file, note) */
  ASSAY_ERROR_VERIFICATION,    /* a hash, proof or signature does not verify */
  ASSAY_ERROR_SECURITY,        /* evidence of misbehaviour by the log */
  ASSAY_ERROR_IO,              /* file or database trouble */
  ASSAY_ERROR_NETWORK,         /* connection, HTTP status, timeout */
  ASSAY_ERROR_NOT_FOUND,
  ASSAY_ERROR_EXISTS,
  ASSAY_ERROR_NOT_IMPLEMENTED,
} AssayErrorCode;

GQuark assay_error_quark (void);

G_END_DECLS

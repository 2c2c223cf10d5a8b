/* assay-canonical-json.h — canonical JSON: one byte string per value
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
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Canonical JSON as DECISIONS.md fixes it for signed payloads: object keys
 * sorted by their UTF-16 code units, no insignificant whitespace, integers
 * only (|n| < 2^53), RFC 8785 string escaping, no duplicate keys.  One value
 * has one encoding, so one payload has one SHA-256. */

#define ASSAY_CANONICAL_JSON_MAX_INTEGER G_GINT64_CONSTANT (9007199254740991)

/* The canonical bytes of @node.  ASSAY_ERROR_INVALID_DATA for a value
 * canonical JSON cannot hold: a floating-point number, an integer out of
 * range, a string that is not UTF-8. */
GBytes   *assay_canonical_json_encode (JsonNode  *node,
                                       GError   **error);

/* Parses @payload, which must be a JSON object in canonical form (it is
 * re-encoded and compared byte for byte), and returns it: the one parse a
 * verified payload gets.  Besides what assay_canonical_json_check ()
 * refuses, a string holding U+0000 is refused, since a JsonNode cannot
 * carry it.  ASSAY_ERROR_INVALID_DATA. */
JsonNode *assay_canonical_json_parse  (GBytes    *payload,
                                       GError   **error);

/* Whether @payload is a JSON object in canonical form, duplicate keys
 * (and a key holding \u0000) refused.  ASSAY_ERROR_INVALID_DATA when not. */
gboolean  assay_canonical_json_check  (GBytes    *payload,
                                       GError   **error);

G_END_DECLS

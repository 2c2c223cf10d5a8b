/* assay-rule-json-private.h — a strict JSON tree for rule set documents
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

#include "assay-json-scan.h"

G_BEGIN_DECLS

/* A rule set is read into this small tree with base's strict RFC 8259
 * scanner (json-glib takes the last of two equal member names silently),
 * so the loader can walk it with JSON paths in its messages.  The parser
 * refuses what RFC 8259 leaves to implementations: duplicate member names,
 * a NUL inside a string, numbers that are not finite doubles. */

#define ASSAY_RULE_JSON_MAX_DEPTH 40

typedef struct _AssayRuleJson AssayRuleJson;

struct _AssayRuleJson
{
  AssayJsonType    type;
  char            *str;       /* STRING: decoded, nul-terminated; NUMBER: as written */
  double           number;    /* NUMBER */
  gboolean         integer;   /* NUMBER: written without fraction or exponent */
  guint            n_items;   /* OBJECT, ARRAY */
  char           **keys;      /* OBJECT: n_items names */
  AssayRuleJson  **items;     /* OBJECT, ARRAY */
};

AssayRuleJson       *_assay_rule_json_parse  (const char           *data,
                                              gsize                 len,
                                              GError              **error);
void                 _assay_rule_json_free   (AssayRuleJson        *node);
/* The member `key` of an object, or NULL. */
const AssayRuleJson *_assay_rule_json_member (const AssayRuleJson  *object,
                                              const char           *key);
/* The JSON type's name in messages ("a string", "an object", …). */
const char          *_assay_rule_json_type_name (AssayJsonType      type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayRuleJson, _assay_rule_json_free)

G_END_DECLS

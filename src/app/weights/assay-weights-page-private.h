/* assay-weights-page-private.h — the Weights and Rules page's internals, for tests
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

#include "assay-weights-page.h"

G_BEGIN_DECLS

/* Shows the rule set at `path` instead of the default one (NULL: the
 * default again). */
void          _assay_weights_page_load           (AssayWeightsPage *self,
                                                  const char       *path);
/* The rule set shown, or NULL when it failed to load. */
AssayRuleSet *_assay_weights_page_get_rule_set   (AssayWeightsPage *self);
/* The loader's message when it failed, else NULL. */
const char   *_assay_weights_page_get_error      (AssayWeightsPage *self);
/* The name of the visible stack page: "rules" or "error". */
const char   *_assay_weights_page_get_visible    (AssayWeightsPage *self);
/* The number of article groups shown. */
guint         _assay_weights_page_get_n_articles (AssayWeightsPage *self);

G_END_DECLS

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
#include "assay-weights-view.h"
#include "assay-what-if-view.h"

G_BEGIN_DECLS

/* The page shows the session's rule set source: point the session at
 * another file with assay_session_set_rule_set_path ().
 * The rule set shown (the set in force), or NULL when none ever loaded. */
AssayRuleSet *_assay_weights_page_get_rule_set   (AssayWeightsPage *self);
/* The source's error (the loader's message) when the last load failed,
 * else NULL. */
const char   *_assay_weights_page_get_error      (AssayWeightsPage *self);
/* The name of the visible stack page: "rules" or "error". */
const char   *_assay_weights_page_get_visible    (AssayWeightsPage *self);
/* The number of article groups shown. */
guint         _assay_weights_page_get_n_articles (AssayWeightsPage *self);

/* Whether the banner "the file changed but was refused" shows, and its text. */
gboolean      _assay_weights_page_get_refused_visible (AssayWeightsPage *self);
const char   *_assay_weights_page_get_refused_text    (AssayWeightsPage *self);
AssayWhatIfView *_assay_weights_page_get_what_if_view (AssayWeightsPage *self);
/* The Weights tab, and which tab shows ("weights" or "rules"). */
AssayWeightsView *_assay_weights_page_get_weights_view (AssayWeightsPage *self);
void          _assay_weights_page_show_tab        (AssayWeightsPage *self,
                                                   const char       *name);

G_END_DECLS

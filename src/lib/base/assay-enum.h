/* assay-enum.h — stable ids of registered enums, by their nicks
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

#include <glib-object.h>

G_BEGIN_DECLS

/* The enums whose ids cross the CLI, templates or GSettings are generated
 * with gnome.mkenums_simple (assay-<layer>-enums.h); their value nicks
 * are the stable ids ("market_order", "entry-bundle").  These look them
 * up through the enum's class, which the first call keeps for good. */

/* The nick of `value`, or NULL if `type` has no such value. */
const char *assay_enum_get_nick  (GType       type,
                                  int         value);
/* The value whose nick is `nick`; FALSE, and `out_value` untouched, if
 * there is none. */
gboolean    assay_enum_from_nick (GType       type,
                                  const char *nick,
                                  int        *out_value);

G_END_DECLS

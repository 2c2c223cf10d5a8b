/* assay-types.h — forward declarations of every libassay type
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
#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _AssaySession AssaySession;
typedef struct _AssayReplica AssayReplica;
typedef struct _AssaySync AssaySync;
typedef struct _AssayEntryList AssayEntryList;
typedef struct _AssayEntryRow AssayEntryRow;

G_END_DECLS

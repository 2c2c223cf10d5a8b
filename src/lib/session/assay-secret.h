/* assay-secret.h — a passphrase kept in locked memory while a worker uses it
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

/* The @len bytes of @text copied into sodium_malloc () memory (guarded,
 * locked, never swapped), for a worker thread to open a key file with;
 * free it with sodium_free (), which wipes it.  Aborts when libsodium
 * cannot give that memory, as GLib does when it runs out. */
char *assay_secret_dup (const char *text,
                        gsize       len);

G_END_DECLS

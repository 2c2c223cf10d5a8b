/* assay-test-replica.h — test helpers that read a replica
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

#include "assay-replica.h"

G_BEGIN_DECLS

/* The status of the replica at `path`, opened read-only; asserts on errors. */
AssayReplicaStatus *assay_test_replica_status (const char *path);

/* A canonical text dump of every table of a replica file, without the
 * columns and meta keys that hold times (and the server's URL), for
 * comparing replicas.  Without `with_checkpoints` the checkpoint and
 * alert history is left out too (to compare replicas that synced at
 * different moments). */
char *assay_test_dump_replica (const char *path,
                               gboolean    with_checkpoints);

G_END_DECLS

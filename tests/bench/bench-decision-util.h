/* bench-decision-util.h — what the decision benchmarks share
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

#include "assay-decision.h"
#include "assay-test-roster.h"

G_BEGIN_DECLS

/* A committee dismissal of account "acct-NNNNNN" (@i) under @roster by
 * ana, naming one flag and 8 entries from @first_entry; the caller sets
 * the checkpoint and the times. */
AssayDecision *bench_dismissal_new (AssayRoster      *roster,
                                    AssayTestSigners *signers,
                                    guint             i,
                                    guint64           first_entry);
/* @d's envelope (JSON), signed by ana. */
char          *bench_sign_by_ana  (AssayDecision    *d,
                                   AssayTestSigners *signers);

double         bench_seconds      (void);

G_END_DECLS

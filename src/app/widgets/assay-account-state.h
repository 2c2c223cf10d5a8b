/* assay-account-state.h — an account's standing in words
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

/* "Frozen by log entry 1,234" when @account is paused, frozen or zeroed
 * (naming the breaker's pause or the decision that set it); NULL when it
 * is active or its standing cannot be read. */
char *assay_account_state_describe (AssayReplica *replica,
                                    const char   *account);

G_END_DECLS

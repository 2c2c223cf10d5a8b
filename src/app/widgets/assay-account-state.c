/* assay-account-state.c — an account's standing in words
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

#include "config.h"

#include <glib/gi18n.h>

#include "assay-account-state.h"
#include "assay-format.h"
#include "assay-replica-decisions.h"

char *
assay_account_state_describe (AssayReplica *replica,
                              const char   *account)
{
  AssayAccountState state = ASSAY_ACCOUNT_ACTIVE;
  g_autofree char *index_text = NULL;
  gint64 index = -1;

  if (replica == NULL || account == NULL ||
      !assay_replica_get_account_state (replica, account, &state, &index, NULL))
    return NULL;
  index_text = assay_format_count (index);
  switch (state)
    {
    case ASSAY_ACCOUNT_PAUSED:
      return g_strdup_printf (_("Paused by log entry %s"), index_text);
    case ASSAY_ACCOUNT_FROZEN:
      return g_strdup_printf (_("Frozen by log entry %s"), index_text);
    case ASSAY_ACCOUNT_ZEROED:
      return g_strdup_printf (_("Zeroed by log entry %s"), index_text);
    case ASSAY_ACCOUNT_ACTIVE:
    default:
      return NULL;
    }
}

/* assay-notice-what-if.c — the notice's what-if: the version's weights against the one in force when it was logged
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

#include "assay-notice.h"
#include "assay-weights-what-if.h"

gboolean
assay_notice_compute_what_if (AssayNotice   *notice,
                              AssayReplica  *replica,
                              AssayRuleSet  *rule_set,
                              GError       **error)
{
  g_autoptr(AssayScorer) scorer = NULL;
  g_autoptr(AssayWeightsWhatIf) w = NULL;
  AssayNoticeWhatIf summary;

  g_return_val_if_fail (notice != NULL, FALSE);

  /* On the day it was logged the version before it is in force: the
   * what-if the committee saw when it signed. */
  if ((scorer = assay_scorer_new (replica, rule_set, notice->logged_day, error)) == NULL ||
      !assay_scorer_refresh (scorer, error) ||
      (w = assay_weights_what_if_run (scorer, notice->basis_points, error)) == NULL)
    return FALSE;
  summary = (AssayNoticeWhatIf) {
    .n_accounts = w->n,
    .kendall_tau = w->kendall_tau_b,
    .spearman_rho = w->spearman_rho,
    .top100_kept = w->top100_kept,
    .top100_size = w->top100_k,
    .level_up = w->level_up,
    .level_down = w->level_down,
    .tier_up = w->tier_up,
    .tier_down = w->tier_down,
  };
  assay_notice_set_what_if (notice, &summary);
  return TRUE;
}

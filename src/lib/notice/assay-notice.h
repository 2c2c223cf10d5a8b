/* assay-notice.h — the public notice (公示) of a logged weights version
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

#include <gio/gio.h>

#include "assay-replica-weights.h"
#include "assay-rule-set.h"
#include "assay-weights-schedule.h"

G_BEGIN_DECLS

/* What a change of weights would do, summarised (issue 13, "What-if"):
 * computed elsewhere and handed in, so the notice shows it without
 * knowing how it was computed (the scores layer's AssayWeightsWhatIf has
 * these numbers as n, kendall_tau_b, spearman_rho, top100_kept, top100_k
 * and level_/tier_up/down).  The notice renders its section only when a
 * summary is set (assay_notice_set_what_if); a NaN coefficient (all
 * values tied) is shown as a dash. */
typedef struct
{
  guint   n_accounts;          /* the accounts compared */
  double  kendall_tau;         /* Kendall's τ-b of the values before and after */
  double  spearman_rho;        /* Spearman's ρ */
  guint   top100_kept;         /* of the top 100 (or all, if fewer) before, how many stay */
  guint   top100_size;         /* min (100, n_accounts) */
  guint   level_up;            /* accounts crossing a trust level threshold upwards */
  guint   level_down;
  guint   tier_up;             /* accounts crossing a redemption tier threshold upwards */
  guint   tier_down;
} AssayNoticeWhatIf;

/* The notice of one logged weights version, in Chinese (the official text)
 * and English: which version, when its notice runs and when it takes
 * effect (as the weights schedule computes it), its weights against the
 * version in force before it, the rationale, the signers and how to check
 * it in the log.  A plain model: the HTML and PDF renderers read it. */
typedef struct
{
  char                *origin;              /* the log's origin line */
  guint64              log_index;           /* the weights decision's leaf index */
  char                 hash[65];            /* hex SHA-256 of its payload */
  guint32              logged_day;
  guint                notice_days;
  guint32              notice_end;          /* logged_day + notice_days */
  guint32              proposed_effective;
  guint32              effective;           /* the day the schedule has it take effect */
  AssayWeightsStatus   status;              /* on as_of */
  guint32              as_of;               /* the day the notice was made */
  gint64               basis_points[ASSAY_N_DIMENSIONS];
  gboolean             old_equal;           /* the version before is the plan's equal weights */
  guint64              old_log_index;       /* else its log index… */
  gint64               old_basis_points[ASSAY_N_DIMENSIONS];   /* …and weights */
  char                *rationale;
  GStrv                signers;             /* holder names */
  char                *rule_set_name;
  gint64               rule_set_version;
  gboolean             has_what_if;
  AssayNoticeWhatIf    what_if;
} AssayNotice;

/* The notice of the weights version logged at @log_index, as of today.
 * ASSAY_ERROR_NOT_FOUND when no weights decision is logged there;
 * ASSAY_ERROR_INVALID_DATA when @rule_set lacks the value's parameters. */
AssayNotice *assay_notice_new          (AssayReplica             *replica,
                                        AssayRuleSet             *rule_set,
                                        guint64                   log_index,
                                        GError                  **error);
/* The same from the versions already read (AssayStoredWeights *, in log
 * order), as of @as_of: for a caller that is not a replica's owner. */
AssayNotice *assay_notice_new_from_versions (GPtrArray                *versions,
                                             const char               *origin,
                                             AssayRuleSet             *rule_set,
                                             guint64                   log_index,
                                             guint32                   as_of,
                                             GError                  **error);
void         assay_notice_free         (AssayNotice              *notice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayNotice, assay_notice_free)

/* Adds the what-if section; NULL removes it. */
void         assay_notice_set_what_if  (AssayNotice              *notice,
                                        const AssayNoticeWhatIf  *what_if);

/* Computes the what-if of the version's weights against the version in
 * force on its logged day, on every account's value that day (README,
 * "What-if of a weights proposal": what the committee saw when it
 * signed), and adds it.  Refreshes the replica's value sums: the replica
 * must be writable.  Every account is valued entry day by entry day
 * when the logged day is before the replica's last entry. */
gboolean     assay_notice_compute_what_if (AssayNotice           *notice,
                                           AssayReplica          *replica,
                                           AssayRuleSet          *rule_set,
                                           GError               **error);

/* A self-contained UTF-8 HTML page: no script, no external resource. */
char        *assay_notice_to_html      (const AssayNotice        *notice);
gboolean     assay_notice_write_html   (const AssayNotice        *notice,
                                        GOutputStream            *stream,
                                        GCancellable             *cancellable,
                                        GError                  **error);
/* An A4 PDF, on as many pages as it takes. */
GBytes      *assay_notice_to_pdf       (const AssayNotice        *notice,
                                        GError                  **error);
gboolean     assay_notice_write_pdf    (const AssayNotice        *notice,
                                        const char               *path,
                                        GError                  **error);

/* Whether @path ends in an extension assay_notice_write_file () knows. */
gboolean     assay_notice_path_is_known (const char              *path);
/* Writes the notice to @path as PDF or HTML by the file's extension
 * (.pdf, .html, .htm; any case); ASSAY_ERROR_INVALID_ARGUMENT for another. */
gboolean     assay_notice_write_file   (const AssayNotice        *notice,
                                        const char               *path,
                                        GError                  **error);

G_END_DECLS

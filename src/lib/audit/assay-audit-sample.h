/* assay-audit-sample.h — the verifiable 6.2 cross-province audit sample
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

#include "assay-audit-types.h"
#include "assay-replica-audit.h"
#include "assay-sha256.h"

G_BEGIN_DECLS

/* The verifiable 6.2 sample of audit year Y of province P at a verified
 * checkpoint (size, root).  README, "The 6.2 cross-province sample", is
 * the reference:
 *
 *   seed = SHA-256 (UTF-8 "assay-audit-sample/1\n" Y "\n" P "\n" size "\n"
 *                   base64 (root) "\n")
 *   leaf i < size is in the sample iff it is an event of Y in P and
 *   BE64 (SHA-256 (seed ‖ BE64 (i))[0..8]) < floor (rate × 2⁶⁴)
 *
 * with rate a decimal 0 < rate < 1 of at most 18 digits after the point
 * and floor (rate × 2⁶⁴) computed exactly from its digits. */
typedef struct
{
  int      year;
  char     province[3];
  guint64  checkpoint_size;
  guint8   root[ASSAY_SHA256_SIZE];
  char    *rate;                       /* canonical: "0.1", no trailing zeros */
  guint64  threshold;                  /* floor (rate × 2⁶⁴) */
  guint8   seed[ASSAY_SHA256_SIZE];
  guint64  population;                 /* events of Y in P below the size */
  GArray  *indices;                    /* the sample: leaf indices, ascending */
} AssayAuditSample;

void assay_audit_sample_free (AssayAuditSample *sample);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayAuditSample, assay_audit_sample_free)

/* Checks a rate ("0.1", ".05", "0.100"): FALSE with
 * ASSAY_ERROR_INVALID_ARGUMENT unless it is a decimal strictly between 0
 * and 1 with 1 to 18 digits after the point.  Gives its canonical text
 * and floor (rate × 2⁶⁴). */
gboolean assay_audit_sample_parse_rate (const char *text,
                                        char      **out_canonical,
                                        guint64    *out_threshold,
                                        GError    **error);
/* The seed text (as hashed) and the seed. */
char    *assay_audit_sample_seed_text  (int           year,
                                        const char   *province,
                                        guint64       size,
                                        const guint8  root[ASSAY_SHA256_SIZE]);
void     assay_audit_sample_seed       (int           year,
                                        const char   *province,
                                        guint64       size,
                                        const guint8  root[ASSAY_SHA256_SIZE],
                                        guint8        out[ASSAY_SHA256_SIZE]);
/* Whether leaf `index` passes the draw (whatever it holds). */
gboolean assay_audit_sample_selects    (const guint8  seed[ASSAY_SHA256_SIZE],
                                        guint64       threshold,
                                        guint64       index);
/* Appends to `out` (guint64) the `indices` that pass the draw, in order;
 * a long list is split over the processors' threads. */
void     assay_audit_sample_filter     (const guint8  seed[ASSAY_SHA256_SIZE],
                                        guint64       threshold,
                                        const guint64 *indices,
                                        gsize         n,
                                        GArray       *out);

/* Draws the sample from the replica at its stored, verified checkpoint of
 * `checkpoint_size` (0: the latest).  Errors: ASSAY_ERROR_INVALID_ARGUMENT
 * for a bad year, province or rate; ASSAY_ERROR_NOT_FOUND when the
 * replica holds no verified checkpoint of that size. */
AssayAuditSample *assay_audit_sample_draw (AssayReplica *replica,
                                           int           year,
                                           const char   *province,
                                           const char   *rate,
                                           guint64       checkpoint_size,
                                           GError      **error);
/* Whether `index` is in the drawn sample. */
gboolean assay_audit_sample_contains   (const AssayAuditSample *sample,
                                        guint64                 index);
/* Stores the auditor's finding about leaf `index` of the sample in the
 * replica (locally, not signed), replacing an earlier one.
 * ASSAY_ERROR_INVALID_ARGUMENT when `index` is not in the sample, or an
 * error or fraud comes without a note. */
gboolean assay_audit_sample_record_finding (AssayReplica           *replica,
                                            const AssayAuditSample *sample,
                                            guint64                 index,
                                            AssayAuditFinding       finding,
                                            const char             *note,
                                            GError                **error);
/* The seed in lower-case hex, and the derivation in words (translated). */
char    *assay_audit_sample_seed_hex   (const AssayAuditSample *sample);
char    *assay_audit_sample_describe   (const AssayAuditSample *sample);

G_END_DECLS

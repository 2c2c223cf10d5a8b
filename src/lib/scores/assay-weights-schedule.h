/* assay-weights-schedule.h — which weights apply on which day
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

#include "assay-replica-values.h"
#include "assay-score-options.h"

G_BEGIN_DECLS

typedef enum
{
  ASSAY_WEIGHTS_IN_NOTICE,   /*< nick=in_notice >*/   /* logged, its public notice running */
  ASSAY_WEIGHTS_SCHEDULED,   /*< nick=scheduled >*/   /* noticed, waiting for its quarter */
  ASSAY_WEIGHTS_IN_FORCE,    /*< nick=in_force >*/
  ASSAY_WEIGHTS_PAST,        /*< nick=past >*/        /* was in force, replaced since */
  ASSAY_WEIGHTS_REPLACED,    /*< nick=replaced >*/    /* a later version takes the same quarter */
  ASSAY_WEIGHTS_VOID,        /*< nick=void >*/        /* dated inside the equal-weight period */
} AssayWeightsStatus;

/* A logged weights decision, as the schedule needs it. */
typedef struct
{
  guint64 index;                               /* its log index */
  guint32 logged_day;
  guint32 proposed_effective;                  /* a quarter's first day */
  gint32  basis_points[ASSAY_N_DIMENSIONS];    /* hundredths of a percent */
} AssayLoggedWeights;

typedef struct
{
  guint64             index;                   /* 0: the plan's equal weights */
  gboolean            equal;
  guint32             logged_day;
  guint32             notice_end;              /* the first day after the notice */
  guint32             effective;               /* the day it takes effect */
  gint32              basis_points[ASSAY_N_DIMENSIONS];
  double              multiplier[ASSAY_N_DIMENSIONS];   /* 6 × w_d, exactly 1 when equal */
  AssayWeightsStatus  status;
} AssayWeightsVersion;

/* The versions (element 0 the equal weights from the beginning, then the
 * logged ones in log order), the weights periods they make and the
 * status of each on `today`.  A logged version takes effect on the later
 * of its proposed date and the first quarter start on or after the end of
 * its notice (logged day + notice_days); one dated inside the
 * equal-weight period is void; of two taking effect the same day, the
 * later logged replaces the other. */
typedef struct
{
  GArray          *versions;      /* AssayWeightsVersion */
  AssayValueBasis  basis;
  guint            period_version[ASSAY_VALUE_MAX_PERIODS];  /* its index in versions */
} AssayWeightsSchedule;

AssayWeightsSchedule *assay_weights_schedule_new   (const AssayScoreOptions  *options,
                                                    const AssayLoggedWeights *logged,
                                                    gsize                     n_logged,
                                                    guint32                   today,
                                                    GError                  **error);
void                  assay_weights_schedule_free  (AssayWeightsSchedule     *schedule);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayWeightsSchedule, assay_weights_schedule_free)

/* The version in force on `day`. */
const AssayWeightsVersion *assay_weights_schedule_on (const AssayWeightsSchedule *schedule,
                                                      guint32                     day);
/* The multiplier of dimension d in period p. */
double  assay_weights_schedule_multiplier (const AssayWeightsSchedule *schedule,
                                           guint                       period,
                                           int                         dimension);
guint   assay_weights_schedule_period_of  (const AssayWeightsSchedule *schedule,
                                           guint32                     day);

/* The first day of the quarter on or after `day`. */
guint32 assay_weights_first_quarter_start (guint32 day);

G_END_DECLS

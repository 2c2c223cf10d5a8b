/* assay-central-pipeline.h — jobs done on a thread pool, taken back in order
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

/* A fixed set of jobs goes round: the owner takes an idle one, fills it
 * and submits it; a pool thread works on it; the owner waits for the
 * oldest submitted job, uses it and releases it.  Memory is bounded by
 * the jobs, and results come back in submission order. */
typedef struct
{
  gboolean done;   /* under the pipeline's mutex */
} CentralJob;

typedef struct
{
  GThreadPool *pool;
  GMutex       mutex;
  GCond        cond;
  GQueue       in_flight;
  GQueue       idle;
  GFunc        work;        /* (job, user_data), on a pool thread */
  gpointer     user_data;
} CentralPipeline;

/* jobs: n_jobs pointers to structs that start with a CentralJob. */
void        central_pipeline_init        (CentralPipeline  *pipeline,
                                          GFunc             work,
                                          gpointer          user_data,
                                          guint             n_threads,
                                          gpointer         *jobs,
                                          guint             n_jobs);
/* NULL when every job is submitted and not yet released. */
gpointer    central_pipeline_take_idle   (CentralPipeline  *pipeline);
void        central_pipeline_submit      (CentralPipeline  *pipeline,
                                          gpointer          job);
/* NULL when nothing is in flight. */
gpointer    central_pipeline_wait_oldest (CentralPipeline  *pipeline);
void        central_pipeline_release     (CentralPipeline  *pipeline,
                                          gpointer          job);
/* Waits for the jobs still running, then frees every job. */
void        central_pipeline_clear       (CentralPipeline  *pipeline,
                                          GDestroyNotify    free_job);

G_END_DECLS

/* assay-central-pipeline.c — jobs done on a thread pool, taken back in order
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

#include "assay-central-pipeline.h"

static void
run_job (gpointer data,
         gpointer user_data)
{
  CentralPipeline *pipeline = user_data;
  CentralJob *job = data;

  pipeline->work (job, pipeline->user_data);
  g_mutex_lock (&pipeline->mutex);
  job->done = TRUE;
  g_cond_broadcast (&pipeline->cond);
  g_mutex_unlock (&pipeline->mutex);
}

void
central_pipeline_init (CentralPipeline *pipeline,
                       GFunc            work,
                       gpointer         user_data,
                       guint            n_threads,
                       gpointer        *jobs,
                       guint            n_jobs)
{
  g_mutex_init (&pipeline->mutex);
  g_cond_init (&pipeline->cond);
  g_queue_init (&pipeline->in_flight);
  g_queue_init (&pipeline->idle);
  pipeline->work = work;
  pipeline->user_data = user_data;
  for (guint i = 0; i < n_jobs; i++)
    g_queue_push_tail (&pipeline->idle, jobs[i]);
  /* Exclusive threads: a shared pool starts them lazily, one at a time. */
  pipeline->pool = g_thread_pool_new (run_job, pipeline, MAX (n_threads, 1), TRUE, NULL);
}

gpointer
central_pipeline_take_idle (CentralPipeline *pipeline)
{
  return g_queue_pop_head (&pipeline->idle);
}

void
central_pipeline_submit (CentralPipeline *pipeline,
                         gpointer         job)
{
  ((CentralJob *) job)->done = FALSE;
  g_queue_push_tail (&pipeline->in_flight, job);
  g_thread_pool_push (pipeline->pool, job, NULL);
}

gpointer
central_pipeline_wait_oldest (CentralPipeline *pipeline)
{
  CentralJob *job = g_queue_pop_head (&pipeline->in_flight);

  if (job == NULL)
    return NULL;
  g_mutex_lock (&pipeline->mutex);
  while (!job->done)
    g_cond_wait (&pipeline->cond, &pipeline->mutex);
  g_mutex_unlock (&pipeline->mutex);
  return job;
}

void
central_pipeline_release (CentralPipeline *pipeline,
                          gpointer         job)
{
  g_queue_push_tail (&pipeline->idle, job);
}

void
central_pipeline_clear (CentralPipeline *pipeline,
                        GDestroyNotify   free_job)
{
  g_thread_pool_free (pipeline->pool, FALSE, TRUE);
  g_queue_clear_full (&pipeline->in_flight, free_job);
  g_queue_clear_full (&pipeline->idle, free_job);
  g_mutex_clear (&pipeline->mutex);
  g_cond_clear (&pipeline->cond);
}

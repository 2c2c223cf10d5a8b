/* assay-push-job.h — pushing the outbox off the main thread
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

#include <glib-object.h>

#include "assay-outbox-push.h"

G_BEGIN_DECLS

#define ASSAY_TYPE_PUSH_JOB (assay_push_job_get_type ())

G_DECLARE_FINAL_TYPE (AssayPushJob, assay_push_job, ASSAY, PUSH_JOB, GObject)

/* One push of the outbox (assay_outbox_push ()) in a worker thread, on a
 * replica connection of its own, to the service and under the log key the
 * replica syncs with.  A run asked for while one is under way starts
 * once that one has finished (one more at most).
 *
 * Property: running (gboolean, notified).  Signal: finished — read the
 * report or the error. */
AssayPushJob          *assay_push_job_new        (void);
void                   assay_push_job_run        (AssayPushJob *self,
                                                  const char   *replica_path);
gboolean               assay_push_job_get_running (AssayPushJob *self);
const AssayPushReport *assay_push_job_get_report (AssayPushJob *self);
const GError          *assay_push_job_get_error  (AssayPushJob *self);

G_END_DECLS

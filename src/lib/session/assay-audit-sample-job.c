/* assay-audit-sample-job.c — the 6.2 sample, its re-check and the Benford look, off the main thread
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

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "assay-audit-enums.h"
#include "assay-audit-sample-job.h"
#include "assay-day.h"
#include "assay-enum.h"
#include "assay-error.h"

#define TICK_MS 250

struct _AssayAuditSampleJob
{
  GObject                  parent_instance;

  guint                    generation;   /* of the current job; older ones are dropped */
  AssayAuditSampleJobKind  kind;
  gboolean                 running;
  gint64                   started;
  double                   elapsed;
  guint                    tick_id;
  gint                    *progress;     /* the current worker's: records read, records to read */
  GError                  *error;

  AssayAuditSample        *sample;
  GPtrArray               *records;
  GPtrArray               *rechecks;
  AssayBenfordResult      *benford;
};

G_DEFINE_FINAL_TYPE (AssayAuditSampleJob, assay_audit_sample_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_ELAPSED,
  PROP_FRACTION,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
assay_sample_record_free (AssaySampleRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->account);
  g_free (record->issuer);
  g_free (record->rule_id);
  g_free (record);
}

/* What a worker thread gets and gives back. */
typedef struct
{
  guint                    generation;
  AssayAuditSampleJobKind  kind;
  char                    *path;
  int                      year;
  char                    *province;
  char                    *rate;
  guint64                  checkpoint_size;
  AssayBenfordBy           by;
  guint                    min_n;
  AssayAuditSample        *sample;      /* the draw's result; the re-check's borrowed input */
  gint                    *progress;    /* shared with the job: records read, records to read */

  GPtrArray               *records;
  GPtrArray               *rechecks;
  AssayBenfordResult      *benford;
} JobData;

static void
job_data_free (JobData *data)
{
  g_free (data->path);
  g_free (data->province);
  g_free (data->rate);
  g_clear_pointer (&data->sample, assay_audit_sample_free);
  g_clear_pointer (&data->records, g_ptr_array_unref);
  g_clear_pointer (&data->rechecks, g_ptr_array_unref);
  g_clear_pointer (&data->benford, assay_benford_result_free);
  g_free (data->progress);
  g_free (data);
}

static void
set_running (AssayAuditSampleJob *self,
             gboolean             running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static gboolean
tick_cb (gpointer user_data)
{
  AssayAuditSampleJob *self = user_data;

  self->elapsed = (g_get_monotonic_time () - self->started) / (double) G_USEC_PER_SEC;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  return G_SOURCE_CONTINUE;
}

static void
stop_ticking (AssayAuditSampleJob *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

/* ---- the workers ---------------------------------------------------------------- */

static AssaySampleRecord *
record_from_entry (const AssayEntry *entry,
                   guint64           index)
{
  AssaySampleRecord *record = g_new0 (AssaySampleRecord, 1);

  record->index = index;
  record->account = g_strdup (entry->account);
  g_strlcpy (record->county, entry->county, sizeof record->county);
  record->issuer = g_strdup (entry->issuer);
  record->points = entry->points;
  record->event_day = entry->event_day;
  record->rule_id = g_strdup (entry->rule_id);
  return record;
}

/* Reads each sampled event, as a record for the table or as its
 * re-check, counting for the progress bar: on a large log the sample is
 * tens of thousands of records. */
static GPtrArray *
read_sample (AssayReplica           *replica,
             const AssayAuditSample *sample,
             gboolean                recheck,
             gint                   *progress,
             GError                **error)
{
  g_autoptr(GPtrArray) out = NULL;

  out = g_ptr_array_new_with_free_func (recheck ? (GDestroyNotify) assay_recheck_item_free
                                                : (GDestroyNotify) assay_sample_record_free);
  for (guint i = 0; i < sample->indices->len; i++)
    {
      guint64 index = g_array_index (sample->indices, guint64, i);
      g_autoptr(AssayReplicaEntry) entry = assay_replica_get_entry (replica, index, error);

      if (entry == NULL)
        return NULL;
      if (entry->parsed == NULL || entry->parsed->kind != ASSAY_ENTRY_EVENT)
        {
          g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED,
                       _("Leaf %" PRIu64 " of the sample holds no event any more "
                         "(erased since?); draw the sample again."), index);
          return NULL;
        }
      if (recheck)
        g_ptr_array_add (out, assay_recheck_entry (entry->parsed, index));
      else
        g_ptr_array_add (out, record_from_entry (entry->parsed, index));
      g_atomic_int_set (progress, i + 1);
    }
  return g_steal_pointer (&out);
}

AssayAuditSample *
assay_audit_sample_copy (const AssayAuditSample *sample)
{
  AssayAuditSample *copy;

  g_return_val_if_fail (sample != NULL, NULL);

  copy = g_new0 (AssayAuditSample, 1);

  *copy = *sample;
  copy->rate = g_strdup (sample->rate);
  copy->indices = g_array_copy (sample->indices);
  return copy;
}

static void
worker_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  JobData *data = task_data;
  g_autoptr(AssayReplica) replica = NULL;
  GError *error = NULL;

  /* A connection of its own: the session's belongs to the main thread. */
  replica = assay_replica_open (data->path, ASSAY_REPLICA_OPEN_READ_ONLY, &error);
  if (replica != NULL)
    switch (data->kind)
      {
      case ASSAY_AUDIT_SAMPLE_JOB_DRAW:
        data->sample = assay_audit_sample_draw (replica, data->year, data->province, data->rate,
                                                data->checkpoint_size, &error);
        if (data->sample != NULL)
          {
            g_atomic_int_set (&data->progress[1], data->sample->indices->len);
            data->records = read_sample (replica, data->sample, FALSE, data->progress, &error);
          }
        break;
      case ASSAY_AUDIT_SAMPLE_JOB_RECHECK:
        g_atomic_int_set (&data->progress[1], data->sample->indices->len);
        data->rechecks = read_sample (replica, data->sample, TRUE, data->progress, &error);
        break;
      case ASSAY_AUDIT_SAMPLE_JOB_BENFORD:
      default:
        data->benford = assay_benford_run (replica, data->by, data->min_n, &error);
        break;
      }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
take_outcome (AssayAuditSampleJob *self,
              JobData             *data)
{
  switch (data->kind)
    {
    case ASSAY_AUDIT_SAMPLE_JOB_DRAW:
      g_clear_pointer (&self->rechecks, g_ptr_array_unref);
      g_clear_pointer (&self->records, g_ptr_array_unref);
      g_clear_pointer (&self->sample, assay_audit_sample_free);
      self->sample = g_steal_pointer (&data->sample);
      self->records = g_steal_pointer (&data->records);
      break;
    case ASSAY_AUDIT_SAMPLE_JOB_RECHECK:
      g_clear_pointer (&self->rechecks, g_ptr_array_unref);
      self->rechecks = g_steal_pointer (&data->rechecks);
      break;
    case ASSAY_AUDIT_SAMPLE_JOB_BENFORD:
    default:
      g_clear_pointer (&self->benford, assay_benford_result_free);
      self->benford = g_steal_pointer (&data->benford);
      break;
    }
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AssayAuditSampleJob *self = ASSAY_AUDIT_SAMPLE_JOB (source);
  JobData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) && data->generation != self->generation)
    g_clear_error (&error);
  if (data->generation != self->generation)
    return;   /* superseded: the current job reports */
  stop_ticking (self);
  self->progress = NULL;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = error;
  else
    take_outcome (self, data);
  set_running (self, FALSE);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
start (AssayAuditSampleJob *self,
       JobData             *data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, job_done_cb, NULL);

  data->generation = ++self->generation;
  data->progress = g_new0 (gint, 2);
  self->progress = data->progress;
  self->kind = data->kind;
  g_task_set_task_data (task, data, (GDestroyNotify) job_data_free);
  self->started = g_get_monotonic_time ();
  self->elapsed = 0;
  stop_ticking (self);
  self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
  set_running (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
  g_task_run_in_thread (task, worker_thread);
}

void
assay_audit_sample_job_draw (AssayAuditSampleJob *self,
                             const char          *replica_path,
                             int                  year,
                             const char          *province,
                             const char          *rate,
                             guint64              checkpoint_size)
{
  JobData *data;

  g_return_if_fail (ASSAY_IS_AUDIT_SAMPLE_JOB (self));
  g_return_if_fail (replica_path != NULL && province != NULL && rate != NULL);

  data = g_new0 (JobData, 1);
  data->kind = ASSAY_AUDIT_SAMPLE_JOB_DRAW;
  data->path = g_strdup (replica_path);
  data->year = year;
  data->province = g_strdup (province);
  data->rate = g_strdup (rate);
  data->checkpoint_size = checkpoint_size;
  start (self, data);
}

void
assay_audit_sample_job_recheck (AssayAuditSampleJob *self,
                                const char          *replica_path)
{
  JobData *data;

  g_return_if_fail (ASSAY_IS_AUDIT_SAMPLE_JOB (self));
  g_return_if_fail (replica_path != NULL);
  g_return_if_fail (self->sample != NULL);

  data = g_new0 (JobData, 1);
  data->kind = ASSAY_AUDIT_SAMPLE_JOB_RECHECK;
  data->path = g_strdup (replica_path);
  /* Its own copy: a new draw may free the job's while the re-check
   * still runs. */
  data->sample = assay_audit_sample_copy (self->sample);
  start (self, data);
}

void
assay_audit_sample_job_benford (AssayAuditSampleJob *self,
                                const char          *replica_path,
                                AssayBenfordBy       by,
                                guint                min_n)
{
  JobData *data;

  g_return_if_fail (ASSAY_IS_AUDIT_SAMPLE_JOB (self));
  g_return_if_fail (replica_path != NULL);

  data = g_new0 (JobData, 1);
  data->kind = ASSAY_AUDIT_SAMPLE_JOB_BENFORD;
  data->path = g_strdup (replica_path);
  data->by = by;
  data->min_n = min_n;
  start (self, data);
}

/* ---- CSV ------------------------------------------------------------------------ */

static void
append_field (GString    *csv,
              const char *value)
{
  g_string_append_c (csv, ',');
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (csv, value);
      return;
    }
  g_string_append_c (csv, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

gboolean
assay_audit_sample_owns_finding (const AssayAuditSample     *sample,
                                 const AssayAuditFindingRow *finding)
{
  g_return_val_if_fail (sample != NULL && finding != NULL, FALSE);

  return finding->year == sample->year && strcmp (finding->province, sample->province) == 0 &&
         finding->checkpoint_size == sample->checkpoint_size && g_strcmp0 (finding->rate, sample->rate) == 0;
}

static const AssayAuditFindingRow *
find_finding (const AssayAuditSample *sample,
              GPtrArray              *findings,
              guint64                 index)
{
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const AssayAuditFindingRow *f = g_ptr_array_index (findings, i);

      if (f->leaf_index == index && assay_audit_sample_owns_finding (sample, f))
        return f;
    }
  return NULL;
}

static void
append_recheck (GString                *csv,
                const AssayRecheckItem *item)
{
  if (item == NULL)
    {
      g_string_append (csv, ",,,,");
      return;
    }
  if (item->status == ASSAY_RECHECK_CANNOT_RECOMPUTE)
    g_string_append_c (csv, ',');
  else
    g_string_append_printf (csv, ",%" PRId64, item->recomputed);
  g_string_append_printf (csv, ",%s,%s,%d",
                          assay_enum_get_nick (ASSAY_TYPE_RECHECK_STATUS, item->status),
                          item->confirmer_ok ? "true" : "false", item->delay_days);
}

char *
assay_audit_sample_to_csv (const AssayAuditSample *sample,
                           GPtrArray              *records,
                           GPtrArray              *rechecks,
                           GPtrArray              *findings)
{
  GString *csv = g_string_new (NULL);

  g_return_val_if_fail (sample != NULL && records != NULL, NULL);
  g_return_val_if_fail (rechecks == NULL || rechecks->len == records->len, NULL);

  g_string_append (csv, "index,account,county,issuer,rule,points,event_date,"
                        "recomputed,recheck,confirmer_ok,delay_days,finding,note\r\n");
  for (guint i = 0; i < records->len; i++)
    {
      const AssaySampleRecord *r = g_ptr_array_index (records, i);
      const AssayAuditFindingRow *f = find_finding (sample, findings, r->index);
      g_autofree char *day = assay_day_format (r->event_day);

      g_string_append_printf (csv, "%" PRIu64, r->index);
      append_field (csv, r->account);
      append_field (csv, r->county);
      append_field (csv, r->issuer);
      append_field (csv, r->rule_id);
      g_string_append_printf (csv, ",%" PRId64 ",%s", r->points, day);
      append_recheck (csv, rechecks != NULL ? g_ptr_array_index (rechecks, i) : NULL);
      append_field (csv, f != NULL ? f->finding : NULL);
      append_field (csv, f != NULL ? f->note : NULL);
      g_string_append (csv, "\r\n");
    }
  return g_string_free (csv, FALSE);
}

/* ---- getters -------------------------------------------------------------------- */

gboolean
assay_audit_sample_job_get_running (AssayAuditSampleJob *self)
{
  g_return_val_if_fail (ASSAY_IS_AUDIT_SAMPLE_JOB (self), FALSE);
  return self->running;
}

AssayAuditSampleJobKind
assay_audit_sample_job_get_kind (AssayAuditSampleJob *self)
{
  g_return_val_if_fail (ASSAY_IS_AUDIT_SAMPLE_JOB (self), ASSAY_AUDIT_SAMPLE_JOB_DRAW);
  return self->kind;
}

double
assay_audit_sample_job_get_elapsed (AssayAuditSampleJob *self)
{
  g_return_val_if_fail (ASSAY_IS_AUDIT_SAMPLE_JOB (self), 0);
  return self->elapsed;
}

double
assay_audit_sample_job_get_fraction (AssayAuditSampleJob *self)
{
  gint total;

  g_return_val_if_fail (ASSAY_IS_AUDIT_SAMPLE_JOB (self), -1);

  if (!self->running || self->progress == NULL || (total = g_atomic_int_get (&self->progress[1])) == 0)
    return -1;
  return (double) g_atomic_int_get (&self->progress[0]) / total;
}

const GError *
assay_audit_sample_job_get_error (AssayAuditSampleJob *self)
{
  g_return_val_if_fail (ASSAY_IS_AUDIT_SAMPLE_JOB (self), NULL);
  return self->error;
}

const AssayAuditSample *
assay_audit_sample_job_get_sample (AssayAuditSampleJob *self)
{
  g_return_val_if_fail (ASSAY_IS_AUDIT_SAMPLE_JOB (self), NULL);
  return self->sample;
}

GPtrArray *
assay_audit_sample_job_get_records (AssayAuditSampleJob *self)
{
  g_return_val_if_fail (ASSAY_IS_AUDIT_SAMPLE_JOB (self), NULL);
  return self->records;
}

GPtrArray *
assay_audit_sample_job_get_rechecks (AssayAuditSampleJob *self)
{
  g_return_val_if_fail (ASSAY_IS_AUDIT_SAMPLE_JOB (self), NULL);
  return self->rechecks;
}

const AssayBenfordResult *
assay_audit_sample_job_get_benford (AssayAuditSampleJob *self)
{
  g_return_val_if_fail (ASSAY_IS_AUDIT_SAMPLE_JOB (self), NULL);
  return self->benford;
}

/* ---- GObject -------------------------------------------------------------------- */

static void
assay_audit_sample_job_finalize (GObject *object)
{
  AssayAuditSampleJob *self = ASSAY_AUDIT_SAMPLE_JOB (object);

  stop_ticking (self);
  g_clear_error (&self->error);
  g_clear_pointer (&self->rechecks, g_ptr_array_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->sample, assay_audit_sample_free);
  g_clear_pointer (&self->benford, assay_benford_result_free);

  G_OBJECT_CLASS (assay_audit_sample_job_parent_class)->finalize (object);
}

static void
assay_audit_sample_job_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AssayAuditSampleJob *self = ASSAY_AUDIT_SAMPLE_JOB (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_ELAPSED:
      g_value_set_double (value, self->elapsed);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, assay_audit_sample_job_get_fraction (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_audit_sample_job_class_init (AssayAuditSampleJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = assay_audit_sample_job_finalize;
  object_class->get_property = assay_audit_sample_job_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ELAPSED] =
    g_param_spec_double ("elapsed", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1, 1, -1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
assay_audit_sample_job_init (AssayAuditSampleJob *self)
{
}

AssayAuditSampleJob *
assay_audit_sample_job_new (void)
{
  return g_object_new (ASSAY_TYPE_AUDIT_SAMPLE_JOB, NULL);
}

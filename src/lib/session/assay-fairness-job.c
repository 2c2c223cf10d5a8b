/* assay-fairness-job.c — the Article W audit and the cohort import, off the main thread
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

#include <math.h>
#include <string.h>

#include "assay-cohort-import.h"
#include "assay-enum.h"
#include "assay-fairness-cases.h"
#include "assay-fairness-job.h"

#define TICK_MS 250

struct _AssayFairnessJob
{
  GObject              parent_instance;

  guint                generation;   /* of the current job; older ones are dropped */
  gboolean             running;
  gboolean             is_import;
  gint64               started;      /* g_get_monotonic_time () */
  double               elapsed;
  guint                tick_id;
  GError              *error;

  AssayFairnessResult *result;
  char                *method;
  char                *by;
  int                  year;
  guint                not_in_ledger;
  guint                flagged;
  char                *filing_error;
  guint                imported;
  guint                imported_not_in_ledger;
};

G_DEFINE_FINAL_TYPE (AssayFairnessJob, assay_fairness_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_ELAPSED,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What a worker thread gets and gives back. */
typedef struct
{
  guint                 generation;
  char                 *path;
  char                 *csv_path;   /* an import; NULL for an audit */
  int                   year;
  char                 *by;
  guint                 depth;
  AssayFairnessOptions  options;
  AssayRuleSet         *rule_set;   /* for the value outcome, or NULL */

  AssayFairnessResult  *result;
  guint                 not_in_ledger;
  guint                 flagged;
  char                 *filing_error;   /* the cases could not be filed */
  guint                 imported;
} JobData;

static void
job_data_free (JobData *data)
{
  g_free (data->path);
  g_free (data->csv_path);
  g_free (data->by);
  g_free (data->filing_error);
  g_clear_pointer (&data->result, assay_fairness_result_free);
  g_clear_object (&data->rule_set);
  g_free (data);
}

static void
set_running (AssayFairnessJob *self,
             gboolean          running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static gboolean
tick_cb (gpointer user_data)
{
  AssayFairnessJob *self = user_data;

  self->elapsed = (g_get_monotonic_time () - self->started) / (double) G_USEC_PER_SEC;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
  return G_SOURCE_CONTINUE;
}

static void
stop_ticking (AssayFairnessJob *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  JobData *data = task_data;
  g_autoptr(AssayReplica) replica = NULL;
  GError *error = NULL;

  /* A connection of its own: the session's belongs to the main thread.
   * Writable: the groups found under or over open Article W cases. */
  replica = assay_replica_open (data->path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  if (replica != NULL)
    data->result = assay_audit_fairness (replica, data->rule_set, data->year,
                                         data->by != NULL ? (const char *[]) { data->by, NULL } : NULL,
                                         data->depth, &data->options, &data->not_in_ledger, &error);
  if (data->result != NULL)
    {
      g_autofree char *method = assay_fairness_describe_method (&data->options, data->result->ses);
      g_autoptr(GError) filing = NULL;

      /* The audit stands even if its cases cannot be filed now. */
      if (!assay_fairness_open_cases (replica, data->result, data->year, &data->options, method, &data->flagged,
                                      &filing))
        data->filing_error = g_strdup (filing->message);
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  JobData *data = task_data;
  g_autoptr(AssayReplica) replica = NULL;
  GError *error = NULL;

  replica = assay_replica_open (data->path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  if (replica != NULL)
    assay_cohort_import (replica, data->csv_path, &data->imported, &data->not_in_ledger, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Keeps what the job gave: a new result, or the import's counts (which
 * make the old result stale). */
static void
take_outcome (AssayFairnessJob *self,
              JobData          *data)
{
  g_clear_pointer (&self->result, assay_fairness_result_free);
  g_clear_pointer (&self->method, g_free);
  if (data->csv_path != NULL)
    {
      self->imported = data->imported;
      self->imported_not_in_ledger = data->not_in_ledger;
      return;
    }
  self->result = g_steal_pointer (&data->result);
  self->method = assay_fairness_describe_method (&data->options, self->result->ses);
  g_free (self->by);
  self->by = g_strdup (data->by);
  self->year = data->year;
  self->not_in_ledger = data->not_in_ledger;
  self->flagged = data->flagged;
  g_free (self->filing_error);
  self->filing_error = g_steal_pointer (&data->filing_error);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AssayFairnessJob *self = ASSAY_FAIRNESS_JOB (source);
  JobData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) && data->generation != self->generation)
    g_clear_error (&error);
  if (data->generation != self->generation)
    return;   /* superseded: the current job reports */
  stop_ticking (self);
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = error;
  else
    take_outcome (self, data);
  set_running (self, FALSE);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
start (AssayFairnessJob *self,
       JobData          *data,
       GTaskThreadFunc   thread_func)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, job_done_cb, NULL);

  data->generation = ++self->generation;
  self->is_import = data->csv_path != NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) job_data_free);
  self->started = g_get_monotonic_time ();
  self->elapsed = 0;
  stop_ticking (self);
  self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
  set_running (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
  g_task_run_in_thread (task, thread_func);
}

void
assay_fairness_job_run (AssayFairnessJob           *self,
                        const char                 *replica_path,
                        int                         year,
                        const char                 *by,
                        guint                       depth,
                        const AssayFairnessOptions *options,
                        AssayRuleSet               *rule_set)
{
  JobData *data;

  g_return_if_fail (ASSAY_IS_FAIRNESS_JOB (self));
  g_return_if_fail (replica_path != NULL && options != NULL);
  g_return_if_fail (options->outcome == ASSAY_FAIRNESS_OUTCOME_POINTS || rule_set != NULL);
  g_return_if_fail (depth >= 1 && depth <= 3);

  data = g_new0 (JobData, 1);
  data->path = g_strdup (replica_path);
  data->year = year;
  data->by = g_strdup (by);
  data->depth = depth;
  data->options = *options;
  data->rule_set = rule_set != NULL ? g_object_ref (rule_set) : NULL;
  start (self, data, run_thread);
}

void
assay_fairness_job_import (AssayFairnessJob *self,
                           const char       *replica_path,
                           const char       *csv_path)
{
  JobData *data;

  g_return_if_fail (ASSAY_IS_FAIRNESS_JOB (self));
  g_return_if_fail (replica_path != NULL && csv_path != NULL);

  data = g_new0 (JobData, 1);
  data->path = g_strdup (replica_path);
  data->csv_path = g_strdup (csv_path);
  start (self, data, import_thread);
}

/* ---- CSV ------------------------------------------------------------------------ */

static void
append_field (GString    *csv,
              const char *value)
{
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

/* Round-trip precision, '.' whatever the locale; empty for NaN. */
static void
append_number (GString *csv,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (csv, ',');
  if (!isnan (value))
    g_string_append (csv, g_ascii_dtostr (buf, sizeof buf, value));
}

/* "gender=female; age_band=60+". */
static char *
group_pairs (const AssayFairnessGroup *g)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; g->names != NULL && g->names[i] != NULL; i++)
    g_string_append_printf (text, "%s%s=%s", i > 0 ? "; " : "", g->names[i], g->values[i]);
  return g_string_free (text, FALSE);
}

char *
assay_fairness_result_to_csv (const AssayFairnessResult *result,
                              const char                *by)
{
  GString *csv = g_string_new (NULL);

  g_return_val_if_fail (result != NULL, NULL);

  append_field (csv, by != NULL ? by : "group");
  g_string_append (csv, ",n,n_tested,observed_median,predicted_median,residual_median,"
                        "residual_ci_low,residual_ci_high,ratio,p_below,p_above,"
                        "p_below_adjusted,p_above_adjusted,verdict\r\n");
  for (guint i = 0; i < result->groups->len; i++)
    {
      const AssayFairnessGroup *g = g_ptr_array_index (result->groups, i);

      if (by != NULL)
        append_field (csv, g->value);
      else
        {
          g_autofree char *pairs = group_pairs (g);

          append_field (csv, pairs);
        }
      g_string_append_printf (csv, ",%u,%u", g->n, g->n_tested);
      append_number (csv, g->observed_median);
      append_number (csv, g->predicted_median);
      append_number (csv, g->residual_median);
      append_number (csv, g->residual_ci[0]);
      append_number (csv, g->residual_ci[1]);
      append_number (csv, g->ratio);
      append_number (csv, g->p_below);
      append_number (csv, g->p_above);
      append_number (csv, g->p_below_adjusted);
      append_number (csv, g->p_above_adjusted);
      g_string_append_printf (csv, ",%s\r\n", assay_enum_get_nick (ASSAY_TYPE_FAIRNESS_VERDICT, g->verdict));
    }
  return g_string_free (csv, FALSE);
}

/* ---- getters -------------------------------------------------------------------- */

gboolean
assay_fairness_job_get_running (AssayFairnessJob *self)
{
  g_return_val_if_fail (ASSAY_IS_FAIRNESS_JOB (self), FALSE);
  return self->running;
}

gboolean
assay_fairness_job_is_import (AssayFairnessJob *self)
{
  g_return_val_if_fail (ASSAY_IS_FAIRNESS_JOB (self), FALSE);
  return self->is_import;
}

double
assay_fairness_job_get_elapsed (AssayFairnessJob *self)
{
  g_return_val_if_fail (ASSAY_IS_FAIRNESS_JOB (self), 0);
  return self->elapsed;
}

const GError *
assay_fairness_job_get_error (AssayFairnessJob *self)
{
  g_return_val_if_fail (ASSAY_IS_FAIRNESS_JOB (self), NULL);
  return self->error;
}

const AssayFairnessResult *
assay_fairness_job_get_result (AssayFairnessJob *self)
{
  g_return_val_if_fail (ASSAY_IS_FAIRNESS_JOB (self), NULL);
  return self->result;
}

const char *
assay_fairness_job_get_method (AssayFairnessJob *self)
{
  g_return_val_if_fail (ASSAY_IS_FAIRNESS_JOB (self), NULL);
  return self->method;
}

const char *
assay_fairness_job_get_by (AssayFairnessJob *self)
{
  g_return_val_if_fail (ASSAY_IS_FAIRNESS_JOB (self), NULL);
  return self->by;
}

int
assay_fairness_job_get_year (AssayFairnessJob *self)
{
  g_return_val_if_fail (ASSAY_IS_FAIRNESS_JOB (self), 0);
  return self->year;
}

guint
assay_fairness_job_get_not_in_ledger (AssayFairnessJob *self)
{
  g_return_val_if_fail (ASSAY_IS_FAIRNESS_JOB (self), 0);
  return self->not_in_ledger;
}

const char *
assay_fairness_job_get_filing_error (AssayFairnessJob *self)
{
  g_return_val_if_fail (ASSAY_IS_FAIRNESS_JOB (self), NULL);
  return self->filing_error;
}

guint
assay_fairness_job_get_flagged (AssayFairnessJob *self)
{
  g_return_val_if_fail (ASSAY_IS_FAIRNESS_JOB (self), 0);
  return self->flagged;
}

guint
assay_fairness_job_get_imported (AssayFairnessJob *self)
{
  g_return_val_if_fail (ASSAY_IS_FAIRNESS_JOB (self), 0);
  return self->imported;
}

guint
assay_fairness_job_get_imported_not_in_ledger (AssayFairnessJob *self)
{
  g_return_val_if_fail (ASSAY_IS_FAIRNESS_JOB (self), 0);
  return self->imported_not_in_ledger;
}

/* ---- GObject -------------------------------------------------------------------- */

static void
assay_fairness_job_finalize (GObject *object)
{
  AssayFairnessJob *self = ASSAY_FAIRNESS_JOB (object);

  stop_ticking (self);
  g_clear_error (&self->error);
  g_clear_pointer (&self->result, assay_fairness_result_free);
  g_free (self->method);
  g_free (self->by);
  g_free (self->filing_error);

  G_OBJECT_CLASS (assay_fairness_job_parent_class)->finalize (object);
}

static void
assay_fairness_job_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AssayFairnessJob *self = ASSAY_FAIRNESS_JOB (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_ELAPSED:
      g_value_set_double (value, self->elapsed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_fairness_job_class_init (AssayFairnessJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = assay_fairness_job_finalize;
  object_class->get_property = assay_fairness_job_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ELAPSED] =
    g_param_spec_double ("elapsed", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
assay_fairness_job_init (AssayFairnessJob *self)
{
}

AssayFairnessJob *
assay_fairness_job_new (void)
{
  return g_object_new (ASSAY_TYPE_FAIRNESS_JOB, NULL);
}

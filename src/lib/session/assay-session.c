/* assay-session.c — the GTK-free session that owns the replica and identity
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

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "assay-decision-log.h"
#include "assay-push-job.h"
#include "assay-session.h"

#include "assay-config.h"
#include "assay-error.h"
#include "assay-replica.h"
#include "assay-replica-cases.h"
#include "assay-rule-cases.h"
#include "assay-rule-pauses.h"
#include "assay-scores.h"

struct _AssaySession
{
  GObject  parent_instance;

  char    *server_url;
  char    *log_key;
  char    *replica_path;
  char    *default_replica_path;

  AssayReplica *replica;          /* at the effective path, or NULL */
  GError       *replica_error;    /* why the last load failed */
  gboolean      follow_replica;   /* someone loaded it: reload on a new path */

  char        **witness_keys;     /* NULL when none */
  guint         witness_quorum;

  AssayFlagRun *flag_run;         /* of the replica's stored flags, or NULL */
  GError       *flags_error;      /* why the last refresh failed */
  guint         flags_generation; /* bumped by each refresh: older results are dropped */
  guint         n_refreshing;     /* refreshes in flight */
  double        flags_progress;   /* of the latest refresh, 0 … 1 */
  char         *rule_set_path;    /* NULL: assay_rule_default_set_path () */
  AssayRuleSetSource *rule_sets;  /* the set in force from that file, made on first use */

  AssayPushJob *push;             /* the one push of the outbox, shared by every page */
};

G_DEFINE_FINAL_TYPE (AssaySession, assay_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVER_URL,
  PROP_LOG_KEY,
  PROP_REPLICA_PATH,
  PROP_REPLICA_OPEN,
  PROP_REPLICA,
  PROP_REPLICA_ERROR,
  PROP_WITNESS_KEYS,
  PROP_WITNESS_QUORUM,
  PROP_FLAGS_ERROR,
  PROP_REFRESHING_FLAGS,
  PROP_FLAGS_PROGRESS,
  PROP_RULE_SET_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FLAGS_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef gboolean (*CheckFunc) (const char *value, GError **error);

/* Replaces the replica and the load error (taking @error), notifying what
 * changed only once both are set. */
static void
set_replica (AssaySession *self,
             AssayReplica *replica,
             GError       *error)
{
  gboolean had_error = self->replica_error != NULL;

  g_object_freeze_notify (G_OBJECT (self));
  g_clear_error (&self->replica_error);
  self->replica_error = error;
  if (had_error || error != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLICA_ERROR]);
  if (g_set_object (&self->replica, replica))
    {
      g_clear_pointer (&self->flag_run, assay_flag_run_free);
      if (replica != NULL)
        self->flag_run = assay_replica_get_flag_run (replica, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLICA]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLICA_OPEN]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* The replica at @path if the file exists; NULL without error if not. */
static AssayReplica *
open_existing (const char  *path,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  AssayReplica *replica;

  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_DEFAULT, &local_error);
  if (replica == NULL && !g_error_matches (local_error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return replica;
}

/* Loads the replica at the effective path unless it is the open one. */
static void
follow_replica_path (AssaySession *self)
{
  const char *path = assay_session_get_effective_replica_path (self);
  g_autoptr(AssayReplica) replica = NULL;
  GError *error = NULL;

  if (self->replica != NULL && g_strcmp0 (assay_replica_get_path (self->replica), path) == 0)
    return;
  replica = open_existing (path, &error);
  set_replica (self, replica, error);
}

/* Stores @value in @field after @check accepts it; "" counts as NULL.
 * Notifies @prop only when the stored value changed. */
static gboolean
set_checked_string (AssaySession  *self,
                    char         **field,
                    const char    *value,
                    CheckFunc      check,
                    guint          prop,
                    GError       **error)
{
  g_assert (ASSAY_IS_SESSION (self));

  if (value != NULL && *value == '\0')
    value = NULL;

  if (value != NULL && !check (value, error))
    return FALSE;

  if (g_strcmp0 (*field, value) == 0)
    return TRUE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);

  /* Another file: whoever shows the replica now shows that one. */
  if (prop == PROP_REPLICA_PATH && self->follow_replica)
    follow_replica_path (self);
  return TRUE;
}

/* Property writes come from bindings (GSettings in the app), which cannot
 * take an error back: a malformed value is logged and ignored. */
static void
set_from_property (AssaySession *self,
                   char        **field,
                   const GValue *value,
                   CheckFunc     check,
                   guint         prop)
{
  g_autoptr(GError) error = NULL;

  if (!set_checked_string (self, field, g_value_get_string (value), check, prop, &error))
    g_warning ("Ignoring the %s setting: %s", properties[prop]->name, error->message);
}

static void
assay_session_finalize (GObject *object)
{
  AssaySession *self = (AssaySession *)object;

  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->log_key, g_free);
  g_clear_pointer (&self->replica_path, g_free);
  g_clear_pointer (&self->default_replica_path, g_free);
  g_clear_object (&self->replica);
  g_clear_error (&self->replica_error);
  g_clear_pointer (&self->witness_keys, g_strfreev);
  g_clear_pointer (&self->flag_run, assay_flag_run_free);
  g_clear_error (&self->flags_error);
  g_clear_object (&self->push);
  g_clear_pointer (&self->rule_set_path, g_free);
  g_clear_object (&self->rule_sets);

  G_OBJECT_CLASS (assay_session_parent_class)->finalize (object);
}

static void
assay_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AssaySession *self = ASSAY_SESSION (object);

  switch (prop_id)
    {
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;

    case PROP_LOG_KEY:
      g_value_set_string (value, self->log_key);
      break;

    case PROP_REPLICA_PATH:
      g_value_set_string (value, self->replica_path);
      break;

    case PROP_REPLICA_OPEN:
      g_value_set_boolean (value, assay_session_get_replica_open (self));
      break;

    case PROP_REPLICA:
      g_value_set_object (value, self->replica);
      break;

    case PROP_FLAGS_ERROR:
      g_value_set_boxed (value, self->flags_error);
      break;

    case PROP_REFRESHING_FLAGS:
      g_value_set_boolean (value, self->n_refreshing > 0);
      break;

    case PROP_FLAGS_PROGRESS:
      g_value_set_double (value, self->flags_progress);
      break;

    case PROP_REPLICA_ERROR:
      g_value_set_boxed (value, self->replica_error);
      break;

    case PROP_RULE_SET_SOURCE:
      g_value_set_object (value, assay_session_get_rule_set_source (self));
      break;

    case PROP_WITNESS_KEYS:
      g_value_set_boxed (value, self->witness_keys);
      break;

    case PROP_WITNESS_QUORUM:
      g_value_set_uint (value, self->witness_quorum);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_session_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AssaySession *self = ASSAY_SESSION (object);

  switch (prop_id)
    {
    case PROP_SERVER_URL:
      set_from_property (self, &self->server_url, value,
                         assay_config_check_server_url, PROP_SERVER_URL);
      break;

    case PROP_LOG_KEY:
      set_from_property (self, &self->log_key, value,
                         assay_config_check_log_key, PROP_LOG_KEY);
      break;

    case PROP_REPLICA_PATH:
      set_from_property (self, &self->replica_path, value,
                         assay_config_check_replica_path, PROP_REPLICA_PATH);
      break;

    case PROP_WITNESS_KEYS:
      {
        g_autoptr(GError) error = NULL;

        if (!assay_session_set_witness_keys (self, g_value_get_boxed (value), &error))
          g_warning ("Ignoring the witness-keys setting: %s", error->message);
      }
      break;

    case PROP_WITNESS_QUORUM:
      assay_session_set_witness_quorum (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
assay_session_class_init (AssaySessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = assay_session_finalize;
  object_class->get_property = assay_session_get_property;
  object_class->set_property = assay_session_set_property;

  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOG_KEY] =
    g_param_spec_string ("log-key", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REPLICA_PATH] =
    g_param_spec_string ("replica-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REPLICA_OPEN] =
    g_param_spec_boolean ("replica-open", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The AssayReplica at the effective path once loaded, else NULL. */
  properties[PROP_REPLICA] =
    g_param_spec_object ("replica", NULL, NULL,
                         ASSAY_TYPE_REPLICA,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REPLICA_ERROR] =
    g_param_spec_boxed ("replica-error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The witnesses whose cosignatures a sync checks, and how many must
   * have cosigned (see AssaySync). */
  properties[PROP_WITNESS_KEYS] =
    g_param_spec_boxed ("witness-keys", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_WITNESS_QUORUM] =
    g_param_spec_uint ("witness-quorum", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Why the last flag refresh failed (NULL after a good one), and whether
   * one is running. */
  properties[PROP_FLAGS_ERROR] =
    g_param_spec_boxed ("flags-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFRESHING_FLAGS] =
    g_param_spec_boolean ("refreshing-flags", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How far the latest refresh has come, 0 … 1 (1 once it is done). */
  properties[PROP_FLAGS_PROGRESS] =
    g_param_spec_double ("flags-progress", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The set in force's source: a new one when rule-set-path changes. */
  properties[PROP_RULE_SET_SOURCE] =
    g_param_spec_object ("rule-set-source", NULL, NULL, ASSAY_TYPE_RULE_SET_SOURCE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when a refresh stored new flags (and brought the cases up to
   * date); assay_session_get_flag_run () has its run. */
  signals[FLAGS_UPDATED] = g_signal_new ("flags-updated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
assay_session_init (AssaySession *self)
{
}

AssaySession *
assay_session_new (void)
{
  return g_object_new (ASSAY_TYPE_SESSION, NULL);
}

const char *
assay_session_get_server_url (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  return self->server_url;
}

gboolean
assay_session_set_server_url (AssaySession  *self,
                              const char    *server_url,
                              GError       **error)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), FALSE);

  return set_checked_string (self, &self->server_url, server_url,
                             assay_config_check_server_url, PROP_SERVER_URL, error);
}

const char *
assay_session_get_log_key (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  return self->log_key;
}

gboolean
assay_session_set_log_key (AssaySession  *self,
                           const char    *log_key,
                           GError       **error)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), FALSE);

  return set_checked_string (self, &self->log_key, log_key,
                             assay_config_check_log_key, PROP_LOG_KEY, error);
}

const char *
assay_session_get_replica_path (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  return self->replica_path;
}

gboolean
assay_session_set_replica_path (AssaySession  *self,
                                const char    *replica_path,
                                GError       **error)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), FALSE);

  return set_checked_string (self, &self->replica_path, replica_path,
                             assay_config_check_replica_path, PROP_REPLICA_PATH, error);
}

const char *
assay_session_get_effective_replica_path (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  if (self->replica_path != NULL)
    return self->replica_path;
  if (self->default_replica_path == NULL)
    self->default_replica_path = g_build_filename (g_get_user_data_dir (), "assay", "replica.db", NULL);
  return self->default_replica_path;
}

gboolean
assay_session_get_replica_open (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), FALSE);

  return self->replica != NULL;
}

AssayReplica *
assay_session_get_replica (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  return self->replica;
}

const GError *
assay_session_get_replica_error (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  return self->replica_error;
}

gboolean
assay_session_load_replica (AssaySession  *self,
                            GError       **error)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), FALSE);

  self->follow_replica = TRUE;
  if (self->replica == NULL)
    follow_replica_path (self);
  if (self->replica_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->replica_error));
      return FALSE;
    }
  return TRUE;
}

AssayReplica *
assay_session_open_replica (AssaySession  *self,
                            GError       **error)
{
  const char *path;
  g_autofree char *dir = NULL;
  g_autoptr(AssayReplica) replica = NULL;

  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  self->follow_replica = TRUE;
  if (self->replica != NULL)
    return self->replica;

  path = assay_session_get_effective_replica_path (self);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                   _("Could not create the folder “%s” for the replica: %s. "
                     "Choose another replica location in Preferences."),
                   dir, g_strerror (saved_errno));
      return NULL;
    }
  replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_CREATE, error);
  if (replica == NULL)
    return NULL;
  set_replica (self, replica, NULL);
  return self->replica;
}

const char * const *
assay_session_get_witness_keys (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  return (const char * const *) self->witness_keys;
}

gboolean
assay_session_set_witness_keys (AssaySession        *self,
                                const char * const  *keys,
                                GError             **error)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), FALSE);

  if (keys != NULL && keys[0] == NULL)
    keys = NULL;
  if (!assay_config_check_witnesses (keys, 0, error))
    return FALSE;
  if ((keys == NULL && self->witness_keys == NULL) ||
      (keys != NULL && self->witness_keys != NULL &&
       g_strv_equal ((const char * const *) self->witness_keys, keys)))
    return TRUE;

  g_strfreev (self->witness_keys);
  self->witness_keys = g_strdupv ((char **) keys);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WITNESS_KEYS]);
  return TRUE;
}

guint
assay_session_get_witness_quorum (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), 0);

  return self->witness_quorum;
}

void
assay_session_set_witness_quorum (AssaySession *self,
                                  guint         quorum)
{
  g_return_if_fail (ASSAY_IS_SESSION (self));

  if (self->witness_quorum == quorum)
    return;
  self->witness_quorum = quorum;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WITNESS_QUORUM]);
}

/* ---- flags and cases --------------------------------------------------------- */

/* The task's data: the replica's path and the set in force, and where
 * progress goes. */
typedef struct
{
  char         *path;
  AssayRuleSet *set;
  AssaySession *session;      /* the task holds it alive */
  guint         generation;
  GMainContext *context;
} RefreshData;

typedef struct
{
  AssaySession *session;
  guint         generation;
  double        fraction;
} Progress;

static void
set_flags_progress (AssaySession *self,
                    double        fraction)
{
  if (self->flags_progress == fraction)
    return;
  self->flags_progress = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLAGS_PROGRESS]);
}

static gboolean
progress_in_main (gpointer user_data)
{
  Progress *p = user_data;

  /* Only the latest refresh moves the bar. */
  if (p->generation == p->session->flags_generation)
    set_flags_progress (p->session, p->fraction);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_object_unref (p->session);
  g_free (p);
}

/* In the worker thread: hand the fraction to the session's context. */
static void
refresh_progress_cb (double   fraction,
                     gpointer user_data)
{
  RefreshData *data = user_data;
  Progress *p = g_new (Progress, 1);

  p->session = g_object_ref (data->session);
  p->generation = data->generation;
  p->fraction = fraction;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, progress_in_main, p, progress_free);
}

static void
refresh_data_free (RefreshData *data)
{
  g_free (data->path);
  g_clear_object (&data->set);
  g_main_context_unref (data->context);
  g_free (data);
}

static void
refresh_flags_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  RefreshData *data = task_data;
  g_autoptr(AssayReplica) replica = NULL;
  AssayFlagRun *run;
  GError *error = NULL;

  /* A connection of its own: the session's belongs to the main thread.
   * The rule set is immutable, so sharing it is safe. */
  replica = assay_replica_open (data->path, ASSAY_REPLICA_OPEN_DEFAULT, &error);
  /* The log's decisions after the flags: a decision taken elsewhere
   * closes the case the flags have just opened here.  The pauses after
   * the decisions, so that a pause is weighed against the decisions
   * logged before and after it. */
  if (replica == NULL ||
      !assay_rule_flags_refresh_full (replica, data->set, refresh_progress_cb, data, &error) ||
      !assay_decision_log_apply (replica, NULL, &error) ||
      !assay_rule_pauses_verify (replica, data->set, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* The values follow the entries; a rule set without the value's
   * parameters leaves them stale, which the scores say when asked. */
  if (!assay_scores_refresh (replica, data->set, &error))
    {
      g_debug ("Values not refreshed: %s", error->message);
      g_clear_error (&error);
    }
  run = assay_replica_get_flag_run (replica, &error);
  if (run == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, run, (GDestroyNotify) assay_flag_run_free);
}

/* Takes @error as the reason flags are not up to date. */
static void
set_flags_error (AssaySession *self,
                 GError       *error)
{
  g_debug ("Flags not computed: %s", error->message);
  g_clear_error (&self->flags_error);
  self->flags_error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLAGS_ERROR]);
}

static void
refresh_flags_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AssaySession *self = ASSAY_SESSION (source);
  guint generation = GPOINTER_TO_UINT (user_data);
  GError *error = NULL;
  AssayFlagRun *run;
  gboolean had_error = self->flags_error != NULL;

  run = g_task_propagate_pointer (G_TASK (result), &error);
  self->n_refreshing--;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->n_refreshing == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING_FLAGS]);
  if (generation != self->flags_generation)
    {
      /* A later refresh is running: its result is the one to show. */
      assay_flag_run_free (run);
      g_clear_error (&error);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }
  if (run == NULL)
    {
      set_flags_error (self, error);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }
  g_clear_pointer (&self->flag_run, assay_flag_run_free);
  self->flag_run = run;
  set_flags_progress (self, 1);
  g_clear_error (&self->flags_error);
  if (had_error)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLAGS_ERROR]);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[FLAGS_UPDATED], 0);
}

/* A new set in force: the stored flags are the old set's. */
static void
rule_set_changed_cb (AssaySession *self)
{
  assay_session_refresh_flags (self);
}

void
assay_session_flags_filed (AssaySession *self)
{
  g_return_if_fail (ASSAY_IS_SESSION (self));

  g_signal_emit (self, signals[FLAGS_UPDATED], 0);
}

AssayRuleSetSource *
assay_session_get_rule_set_source (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  if (self->rule_sets == NULL)
    {
      self->rule_sets = assay_rule_set_source_new (self->rule_set_path);
      g_signal_connect_object (self->rule_sets, "notify::rule-set",
                               G_CALLBACK (rule_set_changed_cb), self, G_CONNECT_SWAPPED);
    }
  return self->rule_sets;
}

void
assay_session_refresh_flags (AssaySession *self)
{
  g_autoptr(GTask) task = NULL;
  RefreshData *data;
  AssayRuleSet *set;

  g_return_if_fail (ASSAY_IS_SESSION (self));

  if (self->replica == NULL)
    return;
  self->flags_generation++;
  set = assay_rule_set_source_get_rule_set (assay_session_get_rule_set_source (self));
  if (set == NULL)
    {
      /* No set was ever accepted: say why, and evaluate nothing. */
      set_flags_error (self, g_error_copy (assay_rule_set_source_get_error (self->rule_sets)));
      return;
    }
  task = g_task_new (self, NULL, refresh_flags_cb, GUINT_TO_POINTER (self->flags_generation));
  g_task_set_source_tag (task, assay_session_refresh_flags);
  data = g_new0 (RefreshData, 1);
  data->path = g_strdup (assay_replica_get_path (self->replica));
  data->set = g_object_ref (set);
  data->session = self;
  data->generation = self->flags_generation;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);
  set_flags_progress (self, 0);
  if (self->n_refreshing++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING_FLAGS]);
  g_task_run_in_thread (task, refresh_flags_thread);
}

const AssayFlagRun *
assay_session_get_flag_run (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  return self->flag_run;
}

const GError *
assay_session_get_flags_error (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  return self->flags_error;
}

gboolean
assay_session_get_refreshing_flags (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), FALSE);

  return self->n_refreshing > 0;
}

double
assay_session_get_flags_progress (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), 0);

  return self->flags_progress;
}

const char *
assay_session_get_rule_set_path (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  return self->rule_set_path;
}

void
assay_session_set_rule_set_path (AssaySession *self,
                                 const char   *path)
{
  g_return_if_fail (ASSAY_IS_SESSION (self));

  if (path != NULL && *path == '\0')
    path = NULL;
  if (g_strcmp0 (self->rule_set_path, path) == 0)
    return;
  g_free (self->rule_set_path);
  self->rule_set_path = g_strdup (path);
  /* The next use reads the new file. */
  g_clear_object (&self->rule_sets);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RULE_SET_SOURCE]);
}

AssayPushJob *
assay_session_get_push_job (AssaySession *self)
{
  g_return_val_if_fail (ASSAY_IS_SESSION (self), NULL);

  if (self->push == NULL)
    self->push = assay_push_job_new ();
  return self->push;
}

void
assay_session_push_outbox (AssaySession *self)
{
  g_return_if_fail (ASSAY_IS_SESSION (self));

  if (self->replica != NULL)
    assay_push_job_run (assay_session_get_push_job (self), assay_replica_get_path (self->replica));
}

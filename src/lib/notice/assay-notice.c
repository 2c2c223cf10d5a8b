/* assay-notice.c — the model of the public notice of a weights version
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

#include "assay-day.h"
#include "assay-error.h"
#include "assay-notice.h"
#include "assay-score-options.h"

static const AssayStoredWeights *
find_version (GPtrArray *versions,
              guint64    log_index,
              guint     *out_position)
{
  for (guint i = 0; i < versions->len; i++)
    {
      const AssayStoredWeights *v = g_ptr_array_index (versions, i);

      if (v->index == log_index)
        {
          *out_position = i;
          return v;
        }
    }
  return NULL;
}

/* The schedule of every logged version, as assay-scores.c builds it, so
 * the notice states the very effective day the values use. */
static AssayWeightsSchedule *
schedule_of (GPtrArray                *versions,
             const AssayScoreOptions  *options,
             guint32                   as_of,
             GError                  **error)
{
  g_autofree AssayLoggedWeights *logged = g_new0 (AssayLoggedWeights, versions->len + 1);

  for (guint i = 0; i < versions->len; i++)
    {
      const AssayStoredWeights *w = g_ptr_array_index (versions, i);

      logged[i].index = w->index;
      logged[i].logged_day = w->logged_day;
      logged[i].proposed_effective = w->effective_day;
      for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
        logged[i].basis_points[d] = (gint32) w->basis_points[d];
    }
  return assay_weights_schedule_new (options, logged, versions->len, as_of, error);
}

/* The version in force the day before this one takes effect: the weights
 * it changes. */
static void
take_old_weights (AssayNotice                *self,
                  const AssayWeightsSchedule *schedule)
{
  const AssayWeightsVersion *old = assay_weights_schedule_on (schedule, self->effective - 1);

  self->old_equal = old->equal;
  self->old_log_index = old->index;
  for (int d = 0; d < ASSAY_N_DIMENSIONS; d++)
    self->old_basis_points[d] = old->basis_points[d];
}

static void
take_stored (AssayNotice              *self,
             const AssayStoredWeights *stored)
{
  self->log_index = stored->index;
  memcpy (self->hash, stored->hash, sizeof self->hash);
  self->logged_day = stored->logged_day;
  self->proposed_effective = stored->effective_day;
  memcpy (self->basis_points, stored->basis_points, sizeof self->basis_points);
  self->rationale = g_strdup (stored->rationale != NULL ? stored->rationale : "");
  self->signers = g_strdupv (stored->signers);
  if (self->signers == NULL)
    self->signers = g_new0 (char *, 1);
}

AssayNotice *
assay_notice_new_from_versions (GPtrArray     *versions,
                                const char    *origin,
                                AssayRuleSet  *rule_set,
                                guint64        log_index,
                                guint32        as_of,
                                GError       **error)
{
  g_autoptr(AssayNotice) self = NULL;
  g_autoptr(AssayWeightsSchedule) schedule = NULL;
  const AssayStoredWeights *stored;
  const AssayWeightsVersion *version;
  AssayScoreOptions options;
  guint position = 0;

  g_return_val_if_fail (versions != NULL, NULL);
  g_return_val_if_fail (ASSAY_IS_RULE_SET (rule_set), NULL);

  if ((stored = find_version (versions, log_index, &position)) == NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("Log index %" PRIu64 " holds no weights decision; “assayctl weights” lists the "
                     "indexes that do."), log_index);
      return NULL;
    }
  if (!assay_score_options_from_rule_set (rule_set, &options, error) ||
      (schedule = schedule_of (versions, &options, as_of, error)) == NULL)
    return NULL;
  /* Element 0 of the schedule is the equal weights; the logged follow in
   * log order. */
  version = &g_array_index (schedule->versions, AssayWeightsVersion, position + 1);
  self = g_new0 (AssayNotice, 1);
  take_stored (self, stored);
  self->origin = g_strdup (origin != NULL ? origin : "");
  self->notice_days = options.notice_days;
  self->notice_end = version->notice_end;
  self->effective = version->effective;
  self->status = version->status;
  self->as_of = as_of;
  self->rule_set_name = g_strdup (assay_rule_set_get_name (rule_set));
  self->rule_set_version = assay_rule_set_get_version (rule_set);
  take_old_weights (self, schedule);
  return g_steal_pointer (&self);
}

AssayNotice *
assay_notice_new (AssayReplica  *replica,
                  AssayRuleSet  *rule_set,
                  guint64        log_index,
                  GError       **error)
{
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(AssayReplicaStatus) status = NULL;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (ASSAY_IS_RULE_SET (rule_set), NULL);

  if ((versions = assay_replica_list_weights_versions (replica, error)) == NULL ||
      (status = assay_replica_get_status (replica, error)) == NULL)
    return NULL;
  return assay_notice_new_from_versions (versions, status->origin, rule_set, log_index,
                                         assay_day_today (), error);
}

void
assay_notice_free (AssayNotice *self)
{
  if (self == NULL)
    return;
  g_free (self->origin);
  g_free (self->rationale);
  g_strfreev (self->signers);
  g_free (self->rule_set_name);
  g_free (self);
}

void
assay_notice_set_what_if (AssayNotice             *self,
                          const AssayNoticeWhatIf *what_if)
{
  g_return_if_fail (self != NULL);

  self->has_what_if = what_if != NULL;
  if (what_if != NULL)
    self->what_if = *what_if;
}

static gboolean
is_html_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm");
}

static gboolean
is_pdf_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".pdf");
}

gboolean
assay_notice_path_is_known (const char *path)
{
  return is_pdf_path (path) || is_html_path (path);
}

gboolean
assay_notice_write_file (const AssayNotice  *notice,
                         const char         *path,
                         GError            **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;

  if (is_pdf_path (path))
    return assay_notice_write_pdf (notice, path, error);
  if (!is_html_path (path))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("“%s” names neither a .pdf nor an .html file; the extension chooses the format."), path);
      return FALSE;
    }
  file = g_file_new_for_path (path);
  if ((stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error)) == NULL)
    return FALSE;
  return assay_notice_write_html (notice, G_OUTPUT_STREAM (stream), NULL, error) &&
         g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

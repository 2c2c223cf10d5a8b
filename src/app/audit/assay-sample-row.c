/* assay-sample-row.c — one sampled record in the Audit Sampling page’s table
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

#include <glib/gi18n.h>
#include <inttypes.h>

#include "assay-county.h"
#include "assay-day.h"
#include "assay-sample-row.h"

struct _AssaySampleRow
{
  GObject            parent_instance;

  AssaySampleRecord  record;
  gboolean           rechecked;
  AssayRecheckStatus status;
  gint64             recomputed;
  gboolean           passes;
  gboolean           confirmer_ok;
  gboolean           delay_ok;
  int                delay_days;
  char              *finding;
  char              *note;
};

G_DEFINE_FINAL_TYPE (AssaySampleRow, assay_sample_row, G_TYPE_OBJECT)

static void
assay_sample_row_finalize (GObject *object)
{
  AssaySampleRow *self = ASSAY_SAMPLE_ROW (object);

  g_free (self->record.account);
  g_free (self->record.issuer);
  g_free (self->record.rule_id);
  g_free (self->finding);
  g_free (self->note);

  G_OBJECT_CLASS (assay_sample_row_parent_class)->finalize (object);
}

static void
assay_sample_row_class_init (AssaySampleRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = assay_sample_row_finalize;
}

static void
assay_sample_row_init (AssaySampleRow *self)
{
}

AssaySampleRow *
assay_sample_row_new (const AssaySampleRecord *record)
{
  AssaySampleRow *self;

  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (ASSAY_TYPE_SAMPLE_ROW, NULL);
  self->record = *record;
  self->record.account = g_strdup (record->account);
  self->record.issuer = g_strdup (record->issuer);
  self->record.rule_id = g_strdup (record->rule_id);
  return self;
}

const AssaySampleRecord *
assay_sample_row_get_record (AssaySampleRow *self)
{
  g_return_val_if_fail (ASSAY_IS_SAMPLE_ROW (self), NULL);
  return &self->record;
}

void
assay_sample_row_set_recheck (AssaySampleRow         *self,
                              const AssayRecheckItem *item)
{
  g_return_if_fail (ASSAY_IS_SAMPLE_ROW (self));

  self->rechecked = item != NULL;
  if (item == NULL)
    return;
  self->status = item->status;
  self->recomputed = item->recomputed;
  self->passes = assay_recheck_item_passes (item);
  self->confirmer_ok = item->confirmer_ok;
  self->delay_ok = item->delay_ok;
  self->delay_days = item->delay_days;
}

int
assay_sample_row_get_recheck_status (AssaySampleRow *self)
{
  g_return_val_if_fail (ASSAY_IS_SAMPLE_ROW (self), -1);
  return self->rechecked ? (int) self->status : -1;
}

gboolean
assay_sample_row_get_recheck_passes (AssaySampleRow *self)
{
  g_return_val_if_fail (ASSAY_IS_SAMPLE_ROW (self), FALSE);
  return self->rechecked && self->passes;
}

void
assay_sample_row_set_finding (AssaySampleRow *self,
                              const char     *finding,
                              const char     *note)
{
  g_return_if_fail (ASSAY_IS_SAMPLE_ROW (self));

  g_free (self->finding);
  g_free (self->note);
  self->finding = g_strdup (finding);
  self->note = g_strdup (note);
}

const char *
assay_sample_row_get_finding (AssaySampleRow *self)
{
  g_return_val_if_fail (ASSAY_IS_SAMPLE_ROW (self), NULL);
  return self->finding;
}

const char *
assay_sample_row_get_note (AssaySampleRow *self)
{
  g_return_val_if_fail (ASSAY_IS_SAMPLE_ROW (self), NULL);
  return self->note;
}

const char *
assay_sample_finding_get_label (const char *finding)
{
  if (g_strcmp0 (finding, "correct") == 0)
    return _("Correct");
  if (g_strcmp0 (finding, "error") == 0)
    return _("Error");
  if (g_strcmp0 (finding, "fraud") == 0)
    return _("Fraud");
  return "";
}

/* The points first, then what else failed: a mismatch is what the
 * auditor looks for. */
static char *
format_recheck (AssaySampleRow *self)
{
  GString *text = g_string_new (NULL);

  if (!self->rechecked)
    return g_string_free (text, FALSE);
  if (self->status == ASSAY_RECHECK_MATCH)
    g_string_append (text, _("Match"));
  else if (self->status == ASSAY_RECHECK_MISMATCH)
    /* Translators: the points recomputed from the rule's inputs differ from the recorded ones. */
    g_string_append_printf (text, _("Mismatch: %" PRIi64 " recomputed"), self->recomputed);
  else
    g_string_append (text, _("Cannot recompute"));
  if (!self->confirmer_ok)
    g_string_append_printf (text, "; %s", _("no valid confirmer"));
  if (!self->delay_ok)
    g_string_append_printf (text, "; %s", _("delay outside 7–30 days"));
  return g_string_free (text, FALSE);
}

char *
assay_sample_row_format (AssaySampleRow    *self,
                         AssaySampleColumn  column)
{
  g_return_val_if_fail (ASSAY_IS_SAMPLE_ROW (self), NULL);

  switch (column)
    {
    case ASSAY_SAMPLE_COLUMN_INDEX:
      return g_strdup_printf ("%" PRIu64, self->record.index);
    case ASSAY_SAMPLE_COLUMN_ACCOUNT:
      return g_strdup (self->record.account);
    case ASSAY_SAMPLE_COLUMN_COUNTY:
      return assay_county_format (self->record.county);
    case ASSAY_SAMPLE_COLUMN_ISSUER:
      return g_strdup (self->record.issuer);
    case ASSAY_SAMPLE_COLUMN_POINTS:
      return g_strdup_printf ("%" PRIi64, self->record.points);
    case ASSAY_SAMPLE_COLUMN_DATE:
      return assay_day_format (self->record.event_day);
    case ASSAY_SAMPLE_COLUMN_RECHECK:
      return format_recheck (self);
    case ASSAY_SAMPLE_COLUMN_FINDING:
      return g_strdup (assay_sample_finding_get_label (self->finding));
    case ASSAY_N_SAMPLE_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Failures sort before passes, and not yet re-checked last. */
static int
recheck_rank (AssaySampleRow *self)
{
  if (!self->rechecked)
    return 4;
  if (self->status == ASSAY_RECHECK_MISMATCH)
    return 0;
  if (self->status == ASSAY_RECHECK_CANNOT_RECOMPUTE)
    return 1;
  return self->passes ? 3 : 2;
}

static int
finding_rank (AssaySampleRow *self)
{
  if (self->finding == NULL)
    return 3;
  if (g_str_equal (self->finding, "fraud"))
    return 0;
  if (g_str_equal (self->finding, "error"))
    return 1;
  return 2;
}

#define CMP(a, b) ((a) < (b) ? -1 : (a) > (b))

int
assay_sample_row_compare (AssaySampleRow    *a,
                          AssaySampleRow    *b,
                          AssaySampleColumn  column)
{
  int c = 0;

  switch (column)
    {
    case ASSAY_SAMPLE_COLUMN_ACCOUNT:
      c = g_strcmp0 (a->record.account, b->record.account);
      break;
    case ASSAY_SAMPLE_COLUMN_COUNTY:
      c = g_strcmp0 (a->record.county, b->record.county);
      break;
    case ASSAY_SAMPLE_COLUMN_ISSUER:
      c = g_strcmp0 (a->record.issuer, b->record.issuer);
      break;
    case ASSAY_SAMPLE_COLUMN_POINTS:
      c = CMP (a->record.points, b->record.points);
      break;
    case ASSAY_SAMPLE_COLUMN_DATE:
      c = CMP (a->record.event_day, b->record.event_day);
      break;
    case ASSAY_SAMPLE_COLUMN_RECHECK:
      c = CMP (recheck_rank (a), recheck_rank (b));
      break;
    case ASSAY_SAMPLE_COLUMN_FINDING:
      c = CMP (finding_rank (a), finding_rank (b));
      break;
    case ASSAY_SAMPLE_COLUMN_INDEX:
    case ASSAY_N_SAMPLE_COLUMNS:
    default:
      break;
    }
  /* Ties in index order, the sample's own. */
  return c != 0 ? c : CMP (a->record.index, b->record.index);
}

/* assay-filing-view.c — a filing with everything a reviewer reads before deciding it
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
#include "assay-entry-details.h"
#include "assay-filing-text.h"
#include "assay-filing-view.h"
#include "assay-format.h"
#include "assay-replica-decisions.h"
#include "assay-replica-filings.h"

struct _AssayFilingView
{
  AdwBin        parent_instance;

  AssayReplica *replica;
  GtkBox       *box;
  GPtrArray    *rows;     /* AdwActionRow, borrowed: for tests */
};

G_DEFINE_FINAL_TYPE (AssayFilingView, assay_filing_view, ADW_TYPE_BIN)

/* ---- rows ------------------------------------------------------------------ */

static AdwPreferencesGroup *
add_group (AssayFilingView *self,
           const char      *title,
           const char      *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->box, group);
  return ADW_PREFERENCES_GROUP (group);
}

/* A row whose subtitle is shown whole: texts come from participants, so
 * never as markup. */
static AdwActionRow *
add_row (AssayFilingView     *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return ADW_ACTION_ROW (row);
}

static void
add_day_row (AssayFilingView     *self,
             AdwPreferencesGroup *group,
             const char          *title,
             guint32              day)
{
  g_autofree char *text = assay_format_day (day);

  add_row (self, group, title, text);
}

static void
add_count_row (AssayFilingView     *self,
               AdwPreferencesGroup *group,
               const char          *title,
               gint64               value)
{
  g_autofree char *text = assay_format_count (value);

  add_row (self, group, title, text);
}

/* ---- entries at stake --------------------------------------------------------- */

/* "2026-03-20 · Professional · 10 points · acct-1", a filing's summary,
 * or what else the leaf holds. */
static char *
describe_entry (const AssayReplicaEntry *entry)
{
  const AssayEntry *e = entry->parsed;
  g_autofree char *points = NULL;
  g_autofree char *day = NULL;

  if (e == NULL)
    return g_strdup (_("Erased or withheld: the replica holds no body for it"));
  if (ASSAY_ENTRY_KIND_IS_FILING (e->kind))
    return assay_filing_summary (e);
  if (e->kind != ASSAY_ENTRY_EVENT && e->kind != ASSAY_ENTRY_REDEMPTION)
    {
      day = assay_format_day (e->logged_day);
      /* Translators: a logged decision, roster or pause: "decision, logged 2026-03-02". */
      return g_strdup_printf (_("%s, logged %s"), assay_entry_kind_to_id (e->kind), day);
    }
  points = assay_format_count (e->points);
  day = assay_format_day (e->event_day);
  if (e->kind == ASSAY_ENTRY_REDEMPTION)
    /* Translators: "2026-03-02 · redeems Basic · 40 points · acct-1". */
    return g_strdup_printf (_("%s · redeems %s · %s points · %s"), day, assay_tier_get_label (e->tier),
                            points, e->account);
  /* Translators: "2026-03-02 · Professional · 10 points · acct-1". */
  return g_strdup_printf (_("%s · %s · %s points · %s"), day, assay_dimension_get_label (e->dimension),
                          points, e->account);
}

static void
entry_row_activated_cb (AdwActionRow    *row,
                        AssayFilingView *self)
{
  guint64 *index = g_object_get_data (G_OBJECT (row), "assay-entry-index");

  assay_entry_details_present (GTK_WIDGET (self), self->replica, *index);
}

static void
add_entry_row (AssayFilingView     *self,
               AdwPreferencesGroup *group,
               guint64              index)
{
  g_autoptr(AssayReplicaEntry) entry = assay_replica_get_entry (self->replica, index, NULL);
  g_autofree char *title = g_strdup_printf (_("Entry #%" PRIu64), index);
  g_autofree char *text = entry != NULL ? describe_entry (entry) : g_strdup (_("Not in this replica yet"));
  AdwActionRow *row = add_row (self, group, title, text);

  gtk_widget_remove_css_class (GTK_WIDGET (row), "property");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), _("Open the entry’s details and its inclusion proof"));
  adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "assay-entry-index", g_memdup2 (&index, sizeof index), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (entry_row_activated_cb), self, 0);
}

/* ---- each kind ----------------------------------------------------------------- */

static void
add_appeal (AssayFilingView     *self,
            AdwPreferencesGroup *group,
            const AssayEntry    *e)
{
  add_row (self, group, _("Reason"), e->text);
  add_entry_row (self, add_group (self, _("Contested"), NULL), e->target);
}

static void
add_dispute (AssayFilingView     *self,
             AdwPreferencesGroup *group,
             const AssayEntry    *e)
{
  g_autofree char *claimant = assay_province_format (e->claimant);
  g_autofree char *respondent = assay_province_format (e->respondent);
  g_autofree char *claimant_title = g_strdup_printf (_("Claimant: %s"), claimant);
  g_autofree char *respondent_title = g_strdup_printf (_("Respondent: %s"), respondent);
  AdwPreferencesGroup *entries = add_group (self, _("Entries at Stake"), NULL);

  add_row (self, group, claimant_title, e->text);
  add_row (self, group, respondent_title, e->respondent_statement);
  for (gsize i = 0; i < e->n_disputed; i++)
    add_entry_row (self, entries, e->disputed[i]);
}

static void
add_silence (AssayFilingView     *self,
             AdwPreferencesGroup *group,
             const AssayEntry    *e)
{
  g_autoptr(GArray) inside = assay_replica_account_entries_between (self->replica, e->account, e->pause_from,
                                                                    e->pause_to, NULL);
  AdwPreferencesGroup *entries;

  add_day_row (self, group, _("First day"), e->pause_from);
  add_day_row (self, group, _("Last day"), e->pause_to);
  if (inside == NULL || inside->len == 0)
    {
      add_row (self, group, _("Entries inside"), _("None: nothing is dated inside the period"));
      return;
    }
  entries = add_group (self, _("Entries Dated Inside the Silence"),
                       _("Accrual and redemption are paused while the silence lasts."));
  for (guint i = 0; i < inside->len; i++)
    add_entry_row (self, entries, g_array_index (inside, guint64, i));
}

static void
add_failure (AssayFilingView     *self,
             AdwPreferencesGroup *group,
             const AssayEntry    *e)
{
  g_autofree char *experts = g_strjoinv (", ", e->experts);
  g_autofree char *share = assay_format_percent ((double) e->points / (double) e->comparable_value);
  g_autofree char *asked = assay_format_count (e->points);
  g_autofree char *asked_text = g_strdup_printf (_("%s (%s of the comparable success)"), asked, share);
  const char *met = _("Met"), *unmet = _("Not met");

  add_row (self, group, _("Project"), e->text);
  add_row (self, group, _("Experts"), experts);
  add_row (self, group, _("Honestly recorded and shared"), e->honest_record ? met : unmet);
  add_row (self, group, _("Good-faith exploration"), e->good_faith ? met : unmet);
  add_row (self, group, _("Ruled out an important wrong hypothesis"), e->ruled_out ? met : unmet);
  add_count_row (self, group, _("Comparable success"), e->comparable_value);
  add_row (self, group, _("Award asked"), asked_text);
  /* Article U: at most 30 % of the comparable success, in whole points. */
  add_count_row (self, group, _("Largest award allowed"), MIN (e->points, 3 * e->comparable_value / 10));
}

/* The account's event points of calendar `year` (deductions included). */
static gint64
year_points (AssayFilingView *self,
             const char      *account,
             guint            year)
{
  gint64 points = 0;

  /* A read error shows as 0: the case this view shows was just read from the same replica. */
  assay_replica_account_year_points (self->replica, account, year, &points, NULL);
  return points;
}

static void
add_insurance (AssayFilingView     *self,
               AdwPreferencesGroup *group,
               const AssayEntry    *e)
{
  guint year, month, day;
  AdwPreferencesGroup *years;

  assay_day_to_ymd (e->event_day, &year, &month, &day);
  add_row (self, group, _("Venture"), e->text);
  years = add_group (self, _("Points Year by Year"),
                     _("Article Z asks for three consecutive years at the set level before the claim."));
  for (guint back = 3; back >= 1; back--)
    {
      g_autofree char *title = g_strdup_printf ("%u", year - back);

      add_count_row (self, years, title, year_points (self, e->account, year - back));
    }
}

static void
add_education (AssayFilingView     *self,
               AdwPreferencesGroup *group,
               const AssayEntry    *e)
{
  gint64 accrual = year_points (self, e->account, e->year);
  g_autofree char *year = g_strdup_printf ("%u", e->year);

  add_row (self, group, _("Year drawn on"), year);
  add_count_row (self, group, _("Points moved"), e->points);
  add_count_row (self, group, _("The year’s accrual"), accrual);
  if (accrual > 0)
    {
      g_autofree char *share = assay_format_percent ((double) e->points / (double) accrual);

      add_row (self, group, _("Share of the accrual"), share);
    }
  add_row (self, group, _("Education account"), e->child_account);
}

static void
add_kind_rows (AssayFilingView     *self,
               AdwPreferencesGroup *group,
               const AssayEntry    *e)
{
  switch (e->kind)
    {
    case ASSAY_ENTRY_APPEAL:
      add_appeal (self, group, e);
      break;
    case ASSAY_ENTRY_DISPUTE:
      add_dispute (self, group, e);
      break;
    case ASSAY_ENTRY_SILENCE:
      add_silence (self, group, e);
      break;
    case ASSAY_ENTRY_FORGET_REQUEST:
      add_entry_row (self, add_group (self, _("The Silence"), NULL), e->target);
      break;
    case ASSAY_ENTRY_FAILURE_CLAIM:
      add_failure (self, group, e);
      break;
    case ASSAY_ENTRY_INSURANCE_CLAIM:
      add_insurance (self, group, e);
      break;
    case ASSAY_ENTRY_EDUCATION_TRANSFER:
      add_education (self, group, e);
      break;
    default:
      break;
    }
}

static const char *
outcome_label (const char *outcome)
{
  if (g_strcmp0 (outcome, "approve") == 0)
    return _("Approved");
  if (g_strcmp0 (outcome, "deny") == 0)
    return _("Denied");
  if (g_strcmp0 (outcome, "overturn") == 0)
    return _("Overturned");
  return _("Upheld");
}

char *
assay_filing_view_describe_decision (const AssayFilingDecision *d)
{
  g_autofree char *day = assay_format_day (d->logged_day);
  g_autofree char *names = assay_signers_dup_names (d->signers);
  const char *signers = names != NULL ? names : d->signers;

  if (g_strcmp0 (d->outcome, "adjust") == 0 && d->has_amount)
    /* Translators: an earlier ruling that adjusted: the points, when it was logged, who signed. */
    return g_strdup_printf (_("Adjusted by %" PRIi64 " points, logged %s, signed by %s"), d->amount, day, signers);
  if (g_strcmp0 (d->outcome, "approve") == 0 && d->has_amount)
    /* Translators: an approved failure claim: the points awarded, when it was logged, who signed. */
    return g_strdup_printf (_("Approved with %" PRIi64 " points awarded, logged %s, signed by %s"), d->amount,
                            day, signers);
  /* Translators: an earlier ruling: its outcome, when it was logged, who signed. */
  return g_strdup_printf (_("%s, logged %s, signed by %s"), outcome_label (d->outcome), day, signers);
}

/* The panel's rulings on the account's other filings, what the panel reads
 * before ruling again. */
static void
add_earlier_rulings (AssayFilingView *self,
                     const char      *account,
                     guint64          index)
{
  g_autoptr(GArray) filings = assay_replica_account_filings (self->replica, account, NULL);
  AdwPreferencesGroup *group = NULL;

  for (guint i = 0; filings != NULL && i < filings->len; i++)
    {
      guint64 other = g_array_index (filings, guint64, i);
      g_autoptr(GPtrArray) decisions = other != index ? assay_replica_filing_decisions (self->replica, other, NULL)
                                                      : NULL;

      for (guint k = 0; decisions != NULL && k < decisions->len; k++)
        {
          const AssayFilingDecision *d = decisions->pdata[k];
          g_autofree char *title = NULL, *text = NULL;

          if (g_strcmp0 (d->kind, "ruling") != 0)
            continue;
          if (group == NULL)
            group = add_group (self, _("Earlier Rulings on the Account"), NULL);
          title = g_strdup_printf (_("Ruling on filing #%" PRIu64), other);
          text = assay_filing_view_describe_decision (d);
          add_row (self, group, title, text);
        }
    }
  if (group == NULL)
    add_row (self, add_group (self, _("Earlier Rulings on the Account"), NULL), _("None"),
             _("The panel has not ruled on another filing of this account."));
}

static void
clear (AssayFilingView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);
  g_ptr_array_set_size (self->rows, 0);
}

gboolean
assay_filing_view_show (AssayFilingView  *self,
                        AssayReplica     *replica,
                        guint64           index,
                        GError          **error)
{
  g_autoptr(AssayReplicaEntry) entry = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *filed = NULL;
  g_autofree char *county = NULL;
  const AssayEntry *e;
  AdwPreferencesGroup *group;

  g_return_val_if_fail (ASSAY_IS_FILING_VIEW (self), FALSE);
  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);

  if ((entry = assay_replica_get_entry (replica, index, error)) == NULL)
    return FALSE;
  e = entry->parsed;
  if (e == NULL || !ASSAY_ENTRY_KIND_IS_FILING (e->kind))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Entry %" PRIu64 " is not a filing this replica holds."), index);
      return FALSE;
    }
  g_set_object (&self->replica, replica);
  clear (self);
  summary = assay_filing_summary (e);
  group = add_group (self, assay_filing_kind_get_label (e->kind), summary);
  add_row (self, group, _("Account"), e->account);
  filed = assay_format_day (e->event_day);
  add_row (self, group, _("Filed"), filed);
  county = assay_county_format (e->county);
  add_row (self, group, _("County"), county);
  add_row (self, group, _("Reference"), e->activity);
  add_kind_rows (self, group, e);
  add_entry_row (self, add_group (self, _("The Filing in the Log"), NULL), index);
  add_earlier_rulings (self, e->account, index);
  return TRUE;
}

const char *
_assay_filing_view_get_row (AssayFilingView *self,
                            const char      *title)
{
  g_return_val_if_fail (ASSAY_IS_FILING_VIEW (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (self->rows->pdata[i]), title) == 0)
      return adw_action_row_get_subtitle (self->rows->pdata[i]);
  return NULL;
}

/* ---- GObject ----------------------------------------------------------------- */

static void
assay_filing_view_dispose (GObject *object)
{
  AssayFilingView *self = ASSAY_FILING_VIEW (object);

  g_clear_object (&self->replica);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (assay_filing_view_parent_class)->dispose (object);
}

static void
assay_filing_view_class_init (AssayFilingViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = assay_filing_view_dispose;
}

static void
assay_filing_view_init (AssayFilingView *self)
{
  self->rows = g_ptr_array_new ();
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->box));
}

GtkWidget *
assay_filing_view_new (void)
{
  return g_object_new (ASSAY_TYPE_FILING_VIEW, NULL);
}

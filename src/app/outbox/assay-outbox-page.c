/* assay-outbox-page.c — the Outbox page: signed decisions on their way to the central service
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

#include "assay-column-view-util.h"
#include "assay-cosign-dialog.h"
#include "assay-enum.h"
#include "assay-envelope-view.h"
#include "assay-format.h"
#include "assay-outbox-page-private.h"
#include "assay-key-file.h"
#include "assay-proposal-job.h"
#include "assay-push-job.h"
#include "assay-replica-outbox.h"
#include "assay-roster-summary.h"

/* One outbox row as a list item (the row is a copy: a reload replaces it). */
#define ASSAY_TYPE_OUTBOX_ITEM (assay_outbox_item_get_type ())
G_DECLARE_FINAL_TYPE (AssayOutboxItem, assay_outbox_item, ASSAY, OUTBOX_ITEM, GObject)

struct _AssayOutboxItem
{
  GObject         parent_instance;
  AssayOutboxRow *row;
};

G_DEFINE_FINAL_TYPE (AssayOutboxItem, assay_outbox_item, G_TYPE_OBJECT)

static void
assay_outbox_item_finalize (GObject *object)
{
  g_clear_pointer (&ASSAY_OUTBOX_ITEM (object)->row, assay_outbox_row_free);
  G_OBJECT_CLASS (assay_outbox_item_parent_class)->finalize (object);
}

static void
assay_outbox_item_class_init (AssayOutboxItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = assay_outbox_item_finalize;
}

static void
assay_outbox_item_init (AssayOutboxItem *self)
{
}

typedef enum
{
  COLUMN_ID,
  COLUMN_KIND,
  COLUMN_SUBJECT,
  COLUMN_STATE,
  COLUMN_ATTEMPTS,
  COLUMN_ANSWER,
  COLUMN_UPDATED,
  N_COLUMNS
} Column;

static const char * const column_titles[N_COLUMNS] = {
  N_("#"), N_("Kind"), N_("Subject"), N_("State"), N_("Attempts"), N_("Service’s answer"), N_("Updated"),
};

static const char * const column_tooltips[N_COLUMNS] = {
  N_("The decision's number in this outbox, in order of signing"),
  N_("What the decision does"),
  N_("The account, county or ring it is about"),
  N_("Queued, waiting for co-signatures, logged, or refused"),
  N_("How many times it was sent"),
  N_("The central service's last answer, in its words"),
  N_("When its state last changed"),
};

static const int column_widths[N_COLUMNS] = { 48, 90, 170, 190, 80, 240, 150 };

struct _AssayOutboxPage
{
  AssayPage           parent_instance;

  GListStore         *store;      /* AssayOutboxItem */
  GtkSingleSelection *selection;
  AssayPushJob       *push;       /* the session's */
  GSettings          *settings;
  GPtrArray          *proposals;  /* AssayProposal, as last fetched */
  GCancellable       *fetching;   /* the fetch under way, or NULL */
  guint               poll_source; /* while the page is shown */
  GDateTime          *checked_at;  /* when `proposals` were asked for, or NULL */

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkLabel           *summary_label;
  GtkSpinner         *push_spinner;
  GtkButton          *push_button;
  GtkStack           *main_stack;
  AdwStatusPage      *empty_page;
  GtkColumnView      *column_view;
  GtkLabel           *details_title;
  GtkButton          *retry_button;
  GtkLabel           *details_label;
  GtkLabel           *payload_label;
  GtkLabel           *receipt_heading;
  GtkLabel           *receipt_label;
  GtkLabel           *proposals_status;
  GtkSpinner         *proposals_spinner;
  GtkWidget          *proposals_refresh_button;
  GtkWidget          *proposals_scroller;
  GtkListBox         *proposals_list;
};

/* How often an open page asks the service for its pending proposals. */
#define PROPOSALS_POLL_SECONDS 60

G_DEFINE_FINAL_TYPE (AssayOutboxPage, assay_outbox_page, ASSAY_TYPE_PAGE)

/* ---- text ----------------------------------------------------------------------- */

static const char *
state_label (AssayOutboxState state)
{
  switch (state)
    {
    case ASSAY_OUTBOX_QUEUED:
      return _("Queued");
    case ASSAY_OUTBOX_PENDING:
      return _("Waiting for co-signatures");
    case ASSAY_OUTBOX_LOGGED:
      /* Translators: an outbox row's state: the service has logged it (not a date). */
      return C_("outbox state", "Logged");
    case ASSAY_OUTBOX_REFUSED:
      return _("Refused");
    case ASSAY_OUTBOX_RECORDED:
      /* Translators: an objection's state: the service keeps it (objections get no log entry). */
      return C_("outbox state", "Recorded");
    default:
      return "";
    }
}

static char *
cell_text (const AssayOutboxRow *row,
           Column                column)
{
  switch (column)
    {
    case COLUMN_ID:
      return g_strdup_printf ("%" PRIi64, row->id);
    case COLUMN_KIND:
      return g_strdup (row->kind);
    case COLUMN_SUBJECT:
      return g_strdup (row->subject);
    case COLUMN_STATE:
      if (row->state == ASSAY_OUTBOX_LOGGED && row->log_index >= 0)
        return g_strdup_printf (_("Logged at index %" PRIi64), row->log_index);
      return g_strdup (state_label (row->state));
    case COLUMN_ATTEMPTS:
      return g_strdup_printf ("%u", row->attempts);
    case COLUMN_ANSWER:
      return g_strdup (row->answer != NULL ? row->answer : "");
    case COLUMN_UPDATED:
      return assay_format_date_time (row->updated_at);
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* ---- the list ------------------------------------------------------------------- */

static AssayReplica *
get_replica (AssayOutboxPage *self)
{
  return assay_session_get_replica (assay_page_get_session (ASSAY_PAGE (self)));
}

static void
update_summary (AssayOutboxPage *self,
                GPtrArray       *rows)
{
  guint counts[ASSAY_OUTBOX_RECORDED + 1] = { 0 };
  g_autofree char *text = NULL;

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    counts[((AssayOutboxRow *) g_ptr_array_index (rows, i))->state]++;
  if (counts[ASSAY_OUTBOX_RECORDED] > 0)
    text = g_strdup_printf (_("%u queued, %u waiting for co-signatures, %u logged, %u objections recorded, "
                              "%u refused."),
                            counts[ASSAY_OUTBOX_QUEUED], counts[ASSAY_OUTBOX_PENDING], counts[ASSAY_OUTBOX_LOGGED],
                            counts[ASSAY_OUTBOX_RECORDED], counts[ASSAY_OUTBOX_REFUSED]);
  else
    text = g_strdup_printf (_("%u queued, %u waiting for co-signatures, %u logged, %u refused."),
                            counts[ASSAY_OUTBOX_QUEUED], counts[ASSAY_OUTBOX_PENDING],
                            counts[ASSAY_OUTBOX_LOGGED], counts[ASSAY_OUTBOX_REFUSED]);
  gtk_label_set_text (self->summary_label, rows != NULL && rows->len > 0 ? text : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->push_button),
                            !assay_push_job_get_running (self->push) &&
                            counts[ASSAY_OUTBOX_QUEUED] + counts[ASSAY_OUTBOX_PENDING] > 0);
}

static void
show_empty (AssayOutboxPage *self,
            const GError    *error)
{
  gtk_stack_set_visible_child_name (self->main_stack, "empty");
  if (error != NULL)
    {
      adw_status_page_set_title (self->empty_page, _("The Outbox Cannot Be Read"));
      adw_status_page_set_description (self->empty_page, error->message);
    }
  else if (get_replica (self) == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Replica"));
      adw_status_page_set_description (self->empty_page,
                                       _("Decisions are signed on a verified replica. Sync the ledger on the Ledger page first."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Signed Decisions"));
      adw_status_page_set_description (self->empty_page,
                                       _("A decision you sign on a case waits here until the central service has logged it, with the service’s answer and its receipt."));
    }
}

static void
reload (AssayOutboxPage *self)
{
  AssayReplica *replica = get_replica (self);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 selected = -1;
  AssayOutboxItem *current = gtk_single_selection_get_selected_item (self->selection);

  if (current != NULL)
    selected = current->row->id;
  if (replica != NULL)
    rows = assay_replica_outbox_list (replica, &error);
  g_list_store_remove_all (self->store);
  update_summary (self, rows);
  if (rows == NULL || rows->len == 0)
    {
      show_empty (self, error);
      return;
    }
  /* The store takes the rows: steal them, oldest first. */
  while (rows->len > 0)
    {
      g_autoptr(AssayOutboxItem) item = g_object_new (ASSAY_TYPE_OUTBOX_ITEM, NULL);

      item->row = g_ptr_array_steal_index (rows, 0);
      g_list_store_append (self->store, item);
      if (item->row->id == selected)
        gtk_single_selection_set_selected (self->selection, g_list_model_get_n_items (G_LIST_MODEL (self->store)) - 1);
    }
  gtk_stack_set_visible_child_name (self->main_stack, "rows");
}

/* ---- the details ---------------------------------------------------------------- */

static void
show_details (AssayOutboxPage *self)
{
  AssayOutboxItem *item = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(AssayEnvelopeView) view = NULL;
  g_autofree char *title = NULL;
  g_autofree char *details = NULL;
  g_autofree char *keyids = NULL;
  const AssayOutboxRow *row;

  if (item == NULL)
    return;
  row = item->row;
  view = assay_envelope_view_new (row->envelope, NULL);
  keyids = view != NULL ? g_strjoinv (", ", view->keyids) : g_strdup ("");
  /* Translators: "freeze on account:acct-0001". */
  title = g_strdup_printf (_("%s on %s"), row->kind, row->subject);
  details = g_strdup_printf (_("State: %s\nPayload hash: %s\nSigned by key ids: %s\nService’s answer: %s"),
                             state_label (row->state), row->hash, keyids,
                             row->answer != NULL ? row->answer : _("none yet"));
  gtk_label_set_text (self->details_title, title);
  gtk_label_set_text (self->details_label, details);
  gtk_label_set_text (self->payload_label, view != NULL ? view->payload : row->envelope);
  gtk_widget_set_visible (GTK_WIDGET (self->receipt_heading), row->receipt != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->receipt_label), row->receipt != NULL);
  gtk_label_set_text (self->receipt_label, row->receipt != NULL ? row->receipt : "");
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button),
                          row->state == ASSAY_OUTBOX_QUEUED || row->state == ASSAY_OUTBOX_PENDING);
}


/* ---- proposals ------------------------------------------------------------------ */

/* The key id of the signing key the decision dialog uses, or NULL. */
static char *
own_keyid (AssayOutboxPage *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "signing-key");
  guint8 pk[ASSAY_KEY_PUBLIC_KEY_SIZE];

  if (*path == '\0' || !assay_key_file_read_public_key (path, pk, NULL))
    return NULL;
  return assay_key_id (pk);
}

/* Whether the holder of @keyid is among the signers the signatures show
 * (the envelope's keyid hints are not evidence). */
static gboolean
has_signed (const AssayProposal      *proposal,
            const AssayRosterSummary *roster,
            const char               *keyid)
{
  const AssayRosterMember *member = keyid != NULL && roster != NULL ? assay_roster_summary_find (roster, keyid) : NULL;

  return member != NULL && proposal->holders != NULL &&
         g_strv_contains ((const char * const *) proposal->holders, member->holder);
}

/* Whether the holder of @keyid is among those whose objections verified. */
static gboolean
has_objected (const AssayProposal      *proposal,
              const AssayRosterSummary *roster,
              const char               *keyid)
{
  const AssayRosterMember *member = keyid != NULL && roster != NULL ? assay_roster_summary_find (roster, keyid) : NULL;
  g_auto(GStrv) objectors = assay_proposal_dup_objectors (proposal, NULL);

  return member != NULL && g_strv_contains ((const char * const *) objectors, member->holder);
}

/* "…; opposed by chen", and objections that do not verify counted apart. */
static char *
add_dissent (char                *votes,
             const AssayProposal *proposal)
{
  guint n_unverified = 0;
  g_auto(GStrv) objectors = assay_proposal_dup_objectors (proposal, &n_unverified);
  g_autofree char *names = g_strjoinv (_(", "), objectors);
  char *text = votes;

  if (objectors[0] != NULL)
    {
      /* Translators: "Signed by 1 of 2: ana · proposed by ana; opposed by chen". */
      text = g_strdup_printf (_("%s; opposed by %s"), votes, names);
      g_free (votes);
    }
  if (n_unverified > 0)
    {
      char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %u objection does not verify",
                                                 "%s; %u objections do not verify", n_unverified),
                                    text, n_unverified);

      g_free (text);
      text = more;
    }
  return text;
}

/* The proposer's name in the roster in force, or NULL. */
static char *
proposer_name (const AssayRosterSummary *roster,
               const AssayDecision      *d)
{
  const AssayRosterMember *member = roster != NULL ? assay_roster_summary_find (roster, d->author) : NULL;

  return member != NULL ? g_strdup (member->holder) : NULL;
}

static AssayRosterSummary *
read_roster (AssayOutboxPage *self)
{
  return get_replica (self) != NULL ? assay_roster_summary_new (get_replica (self), NULL) : NULL;
}

/* Why the signing key in use cannot co-sign @d, or NULL: checked here,
 * before a passphrase is typed, rather than refused by the service. */
static const char *
why_not_signer (const AssayRosterSummary *roster,
                const AssayDecision      *d,
                const char               *keyid)
{
  const AssayRosterMember *member;

  if (keyid == NULL)
    return _("Choose your signing key in Preferences first");
  member = roster != NULL ? assay_roster_summary_find (roster, keyid) : NULL;
  if (member == NULL || !member->roles[d->role])
    return _("Your key does not hold the role this decision needs in the roster in force");
  return NULL;
}

static void cosign_clicked_cb (AssayOutboxPage *self,
                               GtkButton       *button);

static GtkWidget *
make_proposal_row (AssayOutboxPage          *self,
                   const AssayProposal      *proposal,
                   guint                     position,
                   const AssayRosterSummary *roster,
                   const char               *keyid)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayDecision) d = assay_proposal_get_decision (proposal, &error);
  g_autofree char *holders = g_strjoinv (_(", "), proposal->holders);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *proposer = d != NULL ? proposer_name (roster, d) : NULL;
  const char *why_not = d != NULL ? why_not_signer (roster, d, keyid) : error->message;
  GtkWidget *suffix;

  if (d == NULL)
    {
      /* Translators: a proposal whose payload cannot be read: its hash, shortened. */
      title = g_strdup_printf (_("Proposal %.12s"), proposal->hash);
      subtitle = g_strdup (error->message);
    }
  else
    {
      /* Translators: "freeze on account:acct-0001". */
      title = g_strdup_printf (_("%s on %s:%s"), assay_enum_get_nick (ASSAY_TYPE_DECISION_KIND, d->kind),
                               assay_enum_get_nick (ASSAY_TYPE_SUBJECT_KIND, d->subject_kind), d->subject_id);
      if (proposal->problem != NULL)
        {
          subtitle = g_strdup_printf (_("Does not verify against the roster in force: %s"), proposal->problem);
          why_not = _("A proposal whose signatures do not verify cannot be co-signed");
        }
      else
        /* Translators: "Signed by 1 of 2: ana · proposed by ana". */
        subtitle = g_strdup_printf (_("Signed by %u of %u: %s · proposed by %s"), proposal->n_signed,
                                    proposal->threshold, holders, proposer != NULL ? proposer : d->author);
      subtitle = add_dissent (subtitle, proposal);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_set_tooltip_text (row, proposal->hash);
  if (has_signed (proposal, roster, keyid) || has_objected (proposal, roster, keyid))
    {
      suffix = gtk_label_new (has_signed (proposal, roster, keyid) ? _("Signed by you") : _("Opposed by you"));
      gtk_widget_add_css_class (suffix, "dim-label");
    }
  else
    {
      suffix = gtk_button_new_with_mnemonic (_("Co-_sign…"));
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (suffix, why_not == NULL);
      gtk_widget_set_tooltip_text (suffix, why_not != NULL ? why_not
                                   : _("Read the decision as it will be signed, then add your signature or oppose it"));
      g_object_set_data (G_OBJECT (suffix), "position", GUINT_TO_POINTER (position));
      g_signal_connect_object (suffix, "clicked", G_CALLBACK (cosign_clicked_cb), self, G_CONNECT_SWAPPED);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  g_object_set_data (G_OBJECT (row), "suffix", suffix);
  return row;
}

static void
show_proposals (AssayOutboxPage *self,
                const GError    *error)
{
  g_autofree char *keyid = own_keyid (self);
  g_autoptr(AssayRosterSummary) roster = read_roster (self);
  g_autofree char *status = NULL;
  GtkWidget *child;
  guint n = self->proposals != NULL ? self->proposals->len : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->proposals_list))) != NULL)
    gtk_list_box_remove (self->proposals_list, child);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->proposals_list,
                         make_proposal_row (self, g_ptr_array_index (self->proposals, i), i, roster, keyid));
  gtk_widget_set_visible (self->proposals_scroller, n > 0);
  if (error != NULL)
    status = g_strdup_printf (_("Cannot ask the central service: %s"), error->message);
  else if (n == 0)
    status = g_strdup (_("None: no colleague’s decision waits for more signatures."));
  else
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u waiting.", "%u waiting.", n), n);
  /* When the list was asked for, so that a page left open for hours does
   * not pass an old answer off as the present. */
  if (self->checked_at != NULL)
    {
      g_autofree char *time = g_date_time_format (self->checked_at, "%H:%M");
      /* Translators: after the proposals' count; %s is a time, "14:05". */
      g_autofree char *checked = g_strdup_printf (_("Checked at %s."), time);
      char *with_time = g_strconcat (status, " ", checked, NULL);

      g_free (status);
      status = with_time;
    }
  gtk_label_set_text (self->proposals_status, status);
}

static void
fetch_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AssayOutboxPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *proposals = assay_proposal_job_fetch_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->fetching);
  gtk_spinner_set_spinning (self->proposals_spinner, FALSE);
  gtk_widget_set_sensitive (self->proposals_refresh_button, TRUE);
  g_clear_pointer (&self->proposals, g_ptr_array_unref);
  self->proposals = proposals;
  g_clear_pointer (&self->checked_at, g_date_time_unref);
  self->checked_at = g_date_time_new_now_local ();
  show_proposals (self, error);
}

/* Asks the service the replica syncs with, in a worker thread. */
static void
fetch_proposals (AssayOutboxPage *self)
{
  AssayReplica *replica = get_replica (self);

  if (self->fetching != NULL)
    return;
  if (replica == NULL)
    {
      g_clear_pointer (&self->proposals, g_ptr_array_unref);
      g_clear_pointer (&self->checked_at, g_date_time_unref);
      show_proposals (self, NULL);
      gtk_label_set_text (self->proposals_status, _("Sync the ledger first: proposals come from its service."));
      return;
    }
  self->fetching = g_cancellable_new ();
  gtk_spinner_set_spinning (self->proposals_spinner, TRUE);
  gtk_widget_set_sensitive (self->proposals_refresh_button, FALSE);
  assay_proposal_job_fetch_async (assay_replica_get_path (replica), self->fetching, fetch_done_cb,
                                  g_object_ref (self));
}

/* Another signing key: who may co-sign what changes, the proposals do not. */
static void
signing_key_changed_cb (AssayOutboxPage *self)
{
  if (self->fetching == NULL && self->proposals != NULL)
    show_proposals (self, NULL);
}

static void
proposals_refresh_clicked_cb (AssayOutboxPage *self)
{
  fetch_proposals (self);
}

static void start_push (AssayOutboxPage *self);

static void
cosigned_cb (AssayOutboxPage   *self,
             const char        *hash,
             AssayCosignDialog *dialog)
{
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Co-signed; sending your signature to the central service")));
  reload (self);
  start_push (self);
}

/* The objection is signed and queued, not yet recorded: the push says
 * whether the service kept it, refused it, or could not be reached. */
static void
opposed_cb (AssayOutboxPage   *self,
            const char        *hash,
            AssayCosignDialog *dialog)
{
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Objection signed and queued; sending it to the central service")));
  reload (self);
  start_push (self);
}

static GtkWindow *
open_cosign_dialog (AssayOutboxPage *self,
                    guint            position)
{
  const AssayProposal *proposal;
  g_autoptr(AssayDecision) d = NULL;
  g_autoptr(AssayRosterSummary) roster = read_roster (self);
  g_autofree char *proposer = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AssayCosignDialog *dialog;

  if (self->proposals == NULL || position >= self->proposals->len || get_replica (self) == NULL)
    return NULL;
  proposal = g_ptr_array_index (self->proposals, position);
  if ((d = assay_proposal_get_decision (proposal, NULL)) != NULL)
    proposer = proposer_name (roster, d);
  dialog = assay_cosign_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, get_replica (self),
                                    proposal, proposer);
  g_signal_connect_object (dialog, "cosigned", G_CALLBACK (cosigned_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "opposed", G_CALLBACK (opposed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
cosign_clicked_cb (AssayOutboxPage *self,
                   GtkButton       *button)
{
  open_cosign_dialog (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "position")));
}

/* ---- pushing -------------------------------------------------------------------- */

static void
start_push (AssayOutboxPage *self)
{
  assay_session_push_outbox (assay_page_get_session (ASSAY_PAGE (self)));
}

static void
push_clicked_cb (AssayOutboxPage *self)
{
  start_push (self);
}

static void
retry_clicked_cb (AssayOutboxPage *self)
{
  AssayOutboxItem *item = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GError) error = NULL;

  if (item == NULL || get_replica (self) == NULL)
    return;
  if (!assay_replica_outbox_retry_now (get_replica (self), item->row->id, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  start_push (self);
}

static void
push_running_cb (AssayOutboxPage *self)
{
  gboolean running = assay_push_job_get_running (self->push);

  gtk_spinner_set_spinning (self->push_spinner, running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->push_button), !running);
}

static void
push_finished_cb (AssayOutboxPage *self)
{
  const GError *error = assay_push_job_get_error (self->push);
  const AssayPushReport *r = assay_push_job_get_report (self->push);
  g_autofree char *text = NULL;

  if (error != NULL)
    text = g_strdup_printf (_("Nothing was pushed: %s"), error->message);
  else if (r->n_tried == 0)
    text = g_strdup (_("Nothing to push: no queued decision is due."));
  else if (r->n_bad_receipt > 0)
    text = g_strdup (_("The service answered “logged” with a receipt that does not verify: the decision stays queued."));
  else if (r->n_recorded > 0)
    text = g_strdup_printf (_("Pushed %u: %u logged, %u objections recorded, %u waiting for co-signatures, "
                              "%u refused, %u to retry."),
                            r->n_tried, r->n_logged, r->n_recorded, r->n_pending, r->n_refused, r->n_retry);
  else
    text = g_strdup_printf (_("Pushed %u: %u logged, %u waiting for co-signatures, %u refused, %u to retry."),
                            r->n_tried, r->n_logged, r->n_pending, r->n_refused, r->n_retry);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  reload (self);
  show_details (self);
  /* A push may have completed a proposal, or added one. */
  fetch_proposals (self);
}

/* ---- the table ------------------------------------------------------------------ */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_ID || column == COLUMN_ATTEMPTS ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_ID || column == COLUMN_ATTEMPTS)
    gtk_widget_add_css_class (label, "numeric");
  if (column == COLUMN_UPDATED)
    gtk_widget_set_margin_end (label, 12);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  AssayOutboxItem *outbox_item = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = cell_text (outbox_item->row, GPOINTER_TO_INT (data));

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "success");
  if (GPOINTER_TO_INT (data) == COLUMN_STATE && outbox_item->row->state == ASSAY_OUTBOX_REFUSED)
    gtk_widget_add_css_class (label, "error");
  if (GPOINTER_TO_INT (data) == COLUMN_STATE
      && (outbox_item->row->state == ASSAY_OUTBOX_LOGGED
          || outbox_item->row->state == ASSAY_OUTBOX_RECORDED))
    gtk_widget_add_css_class (label, "success");
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      data)
{
  const AssayOutboxRow *x = ((AssayOutboxItem *) a)->row, *y = ((AssayOutboxItem *) b)->row;
  g_autofree char *tx = NULL, *ty = NULL;

  switch (GPOINTER_TO_INT (data))
    {
    case COLUMN_ID:
      return (x->id > y->id) - (x->id < y->id);
    case COLUMN_ATTEMPTS:
      return (x->attempts > y->attempts) - (x->attempts < y->attempts);
    case COLUMN_UPDATED:
      return (x->updated_at > y->updated_at) - (x->updated_at < y->updated_at);
    default:
      tx = cell_text (x, GPOINTER_TO_INT (data));
      ty = cell_text (y, GPOINTER_TO_INT (data));
      return g_utf8_collate (tx, ty);
    }
}

static void
set_up_table (AssayOutboxPage *self)
{
  GtkSortListModel *sorted;

  self->store = g_list_store_new (ASSAY_TYPE_OUTBOX_ITEM);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (sort_func, GINT_TO_POINTER (c), NULL);
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (c));
      column = gtk_column_view_column_new (_(column_titles[c]), factory);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, column_widths[c]);
      gtk_column_view_column_set_expand (column, c == COLUMN_ANSWER);
      gtk_column_view_append_column (self->column_view, column);
      assay_column_view_set_header_tooltip (self->column_view, column, _(column_tooltips[c]));
      g_object_unref (column);
    }
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (show_details), self);
}

/* ---- GObject -------------------------------------------------------------------- */

/* Colleagues propose while the page is open: ask again now and then. */
static gboolean
poll_proposals_cb (gpointer user_data)
{
  fetch_proposals (ASSAY_OUTBOX_PAGE (user_data));
  return G_SOURCE_CONTINUE;
}

static void
assay_outbox_page_map (GtkWidget *widget)
{
  AssayOutboxPage *self = ASSAY_OUTBOX_PAGE (widget);

  GTK_WIDGET_CLASS (assay_outbox_page_parent_class)->map (widget);
  /* Decisions are queued on other pages: show the outbox as it is now. */
  reload (self);
  show_details (self);
  fetch_proposals (self);
  if (self->poll_source == 0)
    self->poll_source = g_timeout_add_seconds (PROPOSALS_POLL_SECONDS, poll_proposals_cb, self);
}

static void
assay_outbox_page_unmap (GtkWidget *widget)
{
  g_clear_handle_id (&ASSAY_OUTBOX_PAGE (widget)->poll_source, g_source_remove);
  GTK_WIDGET_CLASS (assay_outbox_page_parent_class)->unmap (widget);
}

static void
assay_outbox_page_constructed (GObject *object)
{
  AssayOutboxPage *self = ASSAY_OUTBOX_PAGE (object);

  G_OBJECT_CLASS (assay_outbox_page_parent_class)->constructed (object);

  /* The session's push, which the decision dialog also starts: this page
   * shows every push, and its refusals stay in the rows. */
  self->push = g_object_ref (assay_session_get_push_job (assay_page_get_session (ASSAY_PAGE (self))));
  g_signal_connect_swapped (self->push, "notify::running", G_CALLBACK (push_running_cb), self);
  g_signal_connect_swapped (self->push, "finished", G_CALLBACK (push_finished_cb), self);
  push_running_cb (self);
  g_signal_connect_object (assay_page_get_session (ASSAY_PAGE (self)), "notify::replica",
                           G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
assay_outbox_page_dispose (GObject *object)
{
  AssayOutboxPage *self = ASSAY_OUTBOX_PAGE (object);

  if (self->push != NULL)
    g_signal_handlers_disconnect_by_data (self->push, self);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_cancellable_cancel (self->fetching);
  g_clear_object (&self->fetching);
  g_clear_pointer (&self->proposals, g_ptr_array_unref);
  g_clear_pointer (&self->checked_at, g_date_time_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->push);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), ASSAY_TYPE_OUTBOX_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (assay_outbox_page_parent_class)->dispose (object);
}

static void
assay_outbox_page_class_init (AssayOutboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = assay_outbox_page_constructed;
  object_class->dispose = assay_outbox_page_dispose;
  widget_class->map = assay_outbox_page_map;
  widget_class->unmap = assay_outbox_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/assay/Assay/ui/assay-outbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, push_spinner);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, push_button);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, details_title);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, payload_label);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, receipt_heading);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, receipt_label);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, proposals_status);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, proposals_spinner);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, proposals_refresh_button);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, proposals_scroller);
  gtk_widget_class_bind_template_child (widget_class, AssayOutboxPage, proposals_list);
  gtk_widget_class_bind_template_callback (widget_class, proposals_refresh_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, push_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
assay_outbox_page_init (AssayOutboxPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Hashes and key ids break anywhere, without a hyphen that is not in them. */
  {
    g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

    pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
    gtk_label_set_attributes (self->details_label, attrs);
    gtk_label_set_attributes (self->payload_label, attrs);
    gtk_label_set_attributes (self->receipt_label, attrs);
  }
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::signing-key", G_CALLBACK (signing_key_changed_cb), self,
                           G_CONNECT_SWAPPED);
  set_up_table (self);
}

GListModel *
_assay_outbox_page_get_rows (AssayOutboxPage *self)
{
  return G_LIST_MODEL (self->store);
}

AssayPushJob *
_assay_outbox_page_get_push_job (AssayOutboxPage *self)
{
  return self->push;
}

GtkWidget *
_assay_outbox_page_get_widget (AssayOutboxPage *self,
                               const char      *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), ASSAY_TYPE_OUTBOX_PAGE, id));
}

gboolean
_assay_outbox_page_get_fetching (AssayOutboxPage *self)
{
  return self->fetching != NULL;
}

void
_assay_outbox_page_fetch_proposals (AssayOutboxPage *self)
{
  fetch_proposals (self);
}

GPtrArray *
_assay_outbox_page_dup_proposal_texts (AssayOutboxPage *self)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->proposals_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *suffix = g_object_get_data (G_OBJECT (row), "suffix");
      const char *action = GTK_IS_LABEL (suffix) ? gtk_label_get_text (GTK_LABEL (suffix))
                           : gtk_widget_get_sensitive (suffix) ? "[Co-sign]" : "[Co-sign, insensitive]";

      g_ptr_array_add (texts, g_strdup_printf ("%s\n%s\n%s",
                                               adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                               adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), action));
    }
  return texts;
}

GtkWindow *
_assay_outbox_page_cosign (AssayOutboxPage *self,
                           guint            position)
{
  return open_cosign_dialog (self, position);
}

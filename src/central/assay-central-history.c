/* assay-central-history.c — the rosters and decisions of the service's own log
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
#include <string.h>

#include "assay-central-history.h"
#include "assay-central-store-private.h"
#include "assay-decision-verify.h"
#include "assay-enum.h"
#include "assay-error.h"

#define DAY_SECONDS 86400
/* GDate's Julian day of 1970-01-01. */
#define UNIX_EPOCH_DAY 719163

/* Only the service writes these, and it writes "kind" first. */
#define ROSTER_PREFIX   "{\"kind\":\"roster\","
#define DECISION_PREFIX "{\"kind\":\"decision\","
#define PAUSE_PREFIX    "{\"kind\":\"pause\","

typedef struct
{
  char   *sha256;
  gint64  seq;
} SubjectLast;

struct _AssayCentralHistory
{
  guint64           size;        /* entries read */
  AssayRosterChain *chain;
  GHashTable       *by_hash;     /* sha256 → index (GINT64 in a pointer-sized box) */
  GHashTable       *by_id;       /* decision_id → sha256 */
  GHashTable       *subjects;    /* "kind:id" → SubjectLast */
  GPtrArray        *pauses;      /* HistoryPause, in log order */
  GHashTable       *releases;    /* "kind:id" → index of its last restore or zero (guint64 box) */
  gboolean          holds_only;  /* reads pauses and decisions, judges no roster */
};

/* A pause entry of the log: what it holds, from its index on. */
typedef struct
{
  guint64  index;
  char    *key;       /* its subject as "account:ID", "county:CODE" or "ring:ID" */
  char    *subject;
  GStrv    members;   /* a ring's accounts */
  AssayPauseSubject kind;
} HistoryPause;

static void
history_pause_free (gpointer data)
{
  HistoryPause *pause = data;

  g_free (pause->key);
  g_free (pause->subject);
  g_strfreev (pause->members);
  g_free (pause);
}

static void
subject_last_free (gpointer data)
{
  SubjectLast *last = data;

  g_free (last->sha256);
  g_free (last);
}

static char *
subject_key (AssayDecision *decision)
{
  return g_strdup_printf ("%s:%s", assay_enum_get_nick (ASSAY_TYPE_SUBJECT_KIND, decision->subject_kind),
                          decision->subject_id);
}

gint64
assay_central_end_of_day (guint32 day)
{
  return ((gint64) day - UNIX_EPOCH_DAY + 1) * DAY_SECONDS - 1;
}

guint32
assay_central_today_utc (void)
{
  return (guint32) (g_get_real_time () / G_USEC_PER_SEC / DAY_SECONDS) + UNIX_EPOCH_DAY;
}

static void
add_decision (AssayCentralHistory *history,
              AssayDecision       *decision,
              const char          *sha256,
              guint64              index)
{
  SubjectLast *last = g_new0 (SubjectLast, 1);

  last->sha256 = g_strdup (sha256);
  last->seq = decision->subject_seq;
  g_hash_table_insert (history->by_hash, g_strdup (sha256), g_memdup2 (&index, sizeof index));
  g_hash_table_insert (history->by_id, g_strdup (decision->decision_id), g_strdup (sha256));
  g_hash_table_insert (history->subjects, subject_key (decision), last);
  /* A restore or a zero ends the pauses logged before it on its subject. */
  if (decision->outcome == ASSAY_DECISION_KIND_RESTORE || decision->outcome == ASSAY_DECISION_KIND_ZERO)
    g_hash_table_insert (history->releases, subject_key (decision), g_memdup2 (&index, sizeof index));
}

static const char * const pause_subject_nicks[ASSAY_N_PAUSE_SUBJECTS] = {
  [ASSAY_PAUSE_SUBJECT_ACCOUNT] = "account",
  [ASSAY_PAUSE_SUBJECT_COUNTY] = "county",
  [ASSAY_PAUSE_SUBJECT_RING] = "ring",
};

static void
read_pause (AssayCentralHistory *history,
            const AssayEntry    *entry,
            guint64              index)
{
  HistoryPause *pause = g_new0 (HistoryPause, 1);

  pause->index = index;
  pause->kind = entry->pause_subject;
  pause->subject = g_strdup (entry->subject);
  pause->members = g_strdupv (entry->members);
  pause->key = g_strdup_printf ("%s:%s", pause_subject_nicks[entry->pause_subject], entry->subject);
  g_ptr_array_add (history->pauses, pause);
}

/* A decision entry of the log: indexed as it is, since the log is the
 * record (a monitor, not the service, judges what is already in it). */
static void
read_decision (AssayCentralHistory *history,
               const AssayEntry    *entry,
               guint64              index)
{
  g_autoptr(AssayDsseEnvelope) envelope = assay_dsse_envelope_new_from_json (entry->envelope, -1, NULL);
  g_autoptr(AssayDecision) decision = NULL;
  g_autofree char *sha256 = NULL;

  if (envelope == NULL || (decision = assay_decision_new_from_envelope (envelope, NULL)) == NULL)
    {
      if (history->holds_only)
        return;   /* the serving process warns of it */
      g_warning ("The decision at log index %" PRIu64 " cannot be read; it is not indexed.", index);
      return;
    }
  sha256 = assay_decision_hash (envelope->payload);
  add_decision (history, decision, sha256, index);
}

static gboolean
read_entry (AssayCentralHistory  *history,
            const char           *body,
            gsize                 len,
            guint64               index,
            GError              **error)
{
  g_autoptr(AssayEntry) entry = NULL;
  g_autoptr(GError) local = NULL;
  gboolean roster = len > strlen (ROSTER_PREFIX) && memcmp (body, ROSTER_PREFIX, strlen (ROSTER_PREFIX)) == 0;
  gboolean decision = len > strlen (DECISION_PREFIX)
                      && memcmp (body, DECISION_PREFIX, strlen (DECISION_PREFIX)) == 0;
  gboolean pause = len > strlen (PAUSE_PREFIX) && memcmp (body, PAUSE_PREFIX, strlen (PAUSE_PREFIX)) == 0;

  if ((!roster && !decision && !pause) || (entry = assay_entry_parse (body, len, NULL)) == NULL)
    return TRUE;
  if (entry->kind == ASSAY_ENTRY_PAUSE)
    {
      read_pause (history, entry, index);
      return TRUE;
    }
  if (entry->kind == ASSAY_ENTRY_DECISION)
    {
      read_decision (history, entry, index);
      return TRUE;
    }
  if (entry->kind != ASSAY_ENTRY_ROSTER || history->holds_only
      || assay_roster_chain_append (history->chain, entry->envelope, -1,
                                    assay_central_end_of_day (entry->logged_day), &local))
    return TRUE;
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY,
               _("The roster at log index %" PRIu64 " does not follow the roster before it: %s"),
               index, local->message);
  return FALSE;
}

/* The entries of body bundle n from leaf `from` on. */
static gboolean
read_bundle (AssayCentralHistory  *history,
             AssayCentralStore    *store,
             guint64               n,
             guint64               from,
             GError              **error)
{
  guint width = 0;
  g_autoptr(GBytes) bytes = central_read_body_bundle (store, n, &width, error);
  const guint8 *data, *end;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, NULL);
  end = data + g_bytes_get_size (bytes);
  for (guint i = 0; i < width; i++)
    {
      guint64 index = n * ASSAY_TILE_WIDTH + i;
      gsize len;

      if (end - data < 2)
        break;
      len = (data[0] << 8) | data[1];
      data += 2;
      if (len == 0)
        continue;
      if ((gsize) (end - data) < ASSAY_SALT_SIZE + len)
        break;
      if (index >= from && !read_entry (history, (const char *) data + ASSAY_SALT_SIZE, len, index, error))
        return FALSE;
      data += ASSAY_SALT_SIZE + len;
    }
  return TRUE;
}

AssayCentralHistory *
assay_central_history_new (void)
{
  AssayCentralHistory *history = g_new0 (AssayCentralHistory, 1);

  history->chain = assay_roster_chain_new ();
  history->by_hash = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  history->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  history->subjects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, subject_last_free);
  history->pauses = g_ptr_array_new_with_free_func (history_pause_free);
  history->releases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return history;
}

AssayCentralHistory *
assay_central_history_new_for_holds (void)
{
  AssayCentralHistory *history = assay_central_history_new ();

  history->holds_only = TRUE;
  return history;
}

void
assay_central_history_free (AssayCentralHistory *history)
{
  if (history == NULL)
    return;
  assay_roster_chain_free (history->chain);
  g_hash_table_unref (history->by_hash);
  g_hash_table_unref (history->by_id);
  g_hash_table_unref (history->subjects);
  g_ptr_array_unref (history->pauses);
  g_hash_table_unref (history->releases);
  g_free (history);
}

gboolean
assay_central_history_update (AssayCentralHistory  *history,
                              AssayCentralStore    *store,
                              GError              **error)
{
  guint64 size = assay_central_store_get_size (store);

  g_return_val_if_fail (history != NULL, FALSE);
  for (guint64 n = history->size / ASSAY_TILE_WIDTH; n * ASSAY_TILE_WIDTH < size; n++)
    if (!read_bundle (history, store, n, history->size, error))
      return FALSE;
  history->size = MAX (history->size, size);
  return TRUE;
}

AssayRosterChain *
assay_central_history_get_chain (AssayCentralHistory *history)
{
  return history->chain;
}

const char *
assay_central_history_get_deployment (AssayCentralHistory *history)
{
  AssayRoster *first = assay_roster_chain_get_version (history->chain, 1);

  return first != NULL ? first->deployment : NULL;
}

gint64
assay_central_history_find (AssayCentralHistory *history,
                            const char          *sha256)
{
  guint64 *index = g_hash_table_lookup (history->by_hash, sha256);

  return index != NULL ? (gint64) *index : -1;
}

const char *
assay_central_history_find_id (AssayCentralHistory *history,
                               const char          *decision_id)
{
  return g_hash_table_lookup (history->by_id, decision_id);
}

gboolean
assay_central_history_check_sequence (AssayCentralHistory  *history,
                                      AssayDecision        *decision,
                                      GError              **error)
{
  g_autofree char *key = subject_key (decision);
  SubjectLast *last = g_hash_table_lookup (history->subjects, key);

  return assay_decision_check_sequence (decision, last != NULL ? last->sha256 : NULL,
                                        last != NULL ? last->seq : 0, error);
}

/* Whether a restore or zero on @key was logged after leaf @index, the
 * decision being logged (@extra) included. */
static gboolean
released_after (AssayCentralHistory        *history,
                const char                 *key,
                guint64                     index,
                const AssayCentralRelease  *extra)
{
  guint64 *last = g_hash_table_lookup (history->releases, key);

  if (last != NULL && *last > index)
    return TRUE;
  return extra != NULL && extra->index > index && g_strcmp0 (extra->key, key) == 0;
}

static gboolean
pause_covers (const HistoryPause *pause,
              const char         *account,
              const char         *county)
{
  switch (pause->kind)
    {
    case ASSAY_PAUSE_SUBJECT_ACCOUNT:
      return g_strcmp0 (pause->subject, account) == 0;
    case ASSAY_PAUSE_SUBJECT_COUNTY:
      return g_strcmp0 (pause->subject, county) == 0;
    case ASSAY_PAUSE_SUBJECT_RING:
      return pause->members != NULL && g_strv_contains ((const char * const *) pause->members, account);
    case ASSAY_N_PAUSE_SUBJECTS:
    default:
      return FALSE;
    }
}

gint64
assay_central_history_holding_pause (AssayCentralHistory       *history,
                                     const char                *account,
                                     const char                *county,
                                     const AssayCentralRelease *extra)
{
  g_autofree char *account_key = g_strdup_printf ("account:%s", account);

  for (guint i = 0; i < history->pauses->len; i++)
    {
      const HistoryPause *pause = g_ptr_array_index (history->pauses, i);

      if (pause_covers (pause, account, county)
          && !released_after (history, account_key, pause->index, extra)
          && !released_after (history, pause->key, pause->index, extra))
        return (gint64) pause->index;
    }
  return -1;
}

gboolean
assay_central_history_has_pauses (AssayCentralHistory *history)
{
  return history->pauses->len > 0;
}

char *
assay_central_release_key (const AssayDecision *decision)
{
  return subject_key ((AssayDecision *) decision);
}

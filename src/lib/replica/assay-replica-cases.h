/* assay-replica-cases.h — stored flags and the committee's cases
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

#include "assay-replica.h"

G_BEGIN_DECLS

/* A case's state (RULES.md, "Cases and the review queue"); the nick is
 * the id the CLI and the JSON print.  `decided` is set only by a signed
 * decision (issue 11); locally a case goes open → in_review, and a new
 * flag on a decided subject makes it `reopened`. */
typedef enum
{
  ASSAY_CASE_STATE_OPEN,
  ASSAY_CASE_STATE_IN_REVIEW, /*< nick=in_review >*/
  ASSAY_CASE_STATE_DECIDED,
  ASSAY_CASE_STATE_REOPENED,
} AssayCaseState;

/* One stored flag: the columns the queue filters on, and the flag's whole
 * JSON object (assay_rule_flag_to_json ()) as computed. */
typedef struct
{
  char     *id;              /* the flag's hex id */
  char     *rule;
  char     *article;
  char     *action;          /* nick */
  char     *severity;        /* nick */
  char     *subject_kind;    /* "account", "county", "ring"; "group" (Article W) */
  char     *subject_id;
  guint32   from, to;        /* the period, replica days */
  char     *county;          /* the subject's county code, or NULL */
  char     *json;
  /* Added with the implementation: */
  int       severity_rank;   /* orders severities (the rules' enum value):
                                higher is more severe */
  char    **members;         /* a ring's member accounts, or NULL */
  gboolean  current;         /* raised by the latest run (read back only) */
} AssayStoredFlag;

void assay_stored_flag_free (AssayStoredFlag *flag);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayStoredFlag, assay_stored_flag_free)

/* Which rule set and checkpoint the stored flags were computed at. */
typedef struct
{
  char     *rule_set_sha256;
  char     *rule_set_name;
  gint64    rule_set_version;
  guint64   checkpoint_size;
  guint8    checkpoint_root[ASSAY_HASH_SIZE];
  gint64    computed_at;     /* unix time */
} AssayFlagRun;

void assay_flag_run_free (AssayFlagRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayFlagRun, assay_flag_run_free)

typedef struct
{
  gint64          id;        /* 1, 2, … in order of opening */
  char           *subject_kind;
  char           *subject_id;
  AssayCaseState  state;
  gint64          opened;    /* unix time the case was opened */
  gint64          updated;   /* unix time of its last change */
  char           *assignee;  /* or NULL */
  char           *county;    /* the subject's county code, or NULL */
  char           *article;   /* of its most severe flag */
  char           *severity;  /* the most severe of its flags (nick) */
  GPtrArray      *flag_ids;  /* char *: every flag that joined it, oldest first */
  guint           n_current; /* how many of them the latest run still raises */
  /* A filing's case (subject kind "filing", README "Filings"): its kind,
   * and whether the arbitration panel decides it (a dispute, an appeal
   * against a decision) rather than the committee. */
  gboolean        is_filing;
  AssayEntryKind  filing_kind;
  char           *filing_account;
  gboolean        for_panel;
} AssayCase;

AssayCase *assay_case_copy (const AssayCase *c);
void assay_case_free (AssayCase *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCase, assay_case_free)

typedef struct
{
  gint64  at;                /* unix time */
  char   *author;            /* the local user name */
  char   *text;              /* a note, or the description of a change */
  gboolean is_note;          /* FALSE: a state change or an assignment */
  /* Added with the implementation: what happened, a stable id ("opened",
   * "joined", "reopened", "review", "assigned", "unassigned", "note"),
   * and its argument (the flag id, the assignee or the note), untranslated. */
  char   *kind;
  char   *detail;
} AssayCaseEvent;

void assay_case_event_free (AssayCaseEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCaseEvent, assay_case_event_free)

/* The author the history gives to what the rule engine did itself
 * (opening a case, a flag joining or reopening it). */
#define ASSAY_CASE_AUTHOR_ENGINE "assay"

/* Replaces the stored flags with `flags` (GPtrArray of AssayStoredFlag)
 * computed at `run`, and brings the cases up to date in the same
 * transaction: a flag whose subject has an open, in-review or reopened
 * case joins it; a flag on a subject whose case is decided, and that was
 * not in that case, reopens it; any other flag opens a new case.  Flags
 * no longer raised stay in their case's history (n_current counts the
 * others).  Nothing is written on error. */
gboolean      assay_replica_store_flags   (AssayReplica       *self,
                                           const AssayFlagRun *run,
                                           GPtrArray          *flags,
                                           GError            **error);

/* Adds flags raised outside the rule engine's runs (the Article W
 * fairness audit's, subject kind "group") and files them into cases as
 * assay_replica_store_flags () does, after marking the flags whose ids
 * @retired lists (NULL-terminated, or NULL) no longer current; every other
 * flag stays as it is, and a rule engine run leaves these current.
 * Nothing is written on error. */
gboolean      assay_replica_file_flags    (AssayReplica        *self,
                                           GPtrArray           *flags,
                                           const char * const  *retired,
                                           GError             **error);

/* The run the stored flags came from; NULL with no error when there is
 * none yet. */
AssayFlagRun *assay_replica_get_flag_run  (AssayReplica  *self,
                                           GError       **error);

/* The stored flags (of the latest run), or one. GPtrArray of AssayStoredFlag. */
GPtrArray    *assay_replica_list_flags    (AssayReplica  *self,
                                           GError       **error);
AssayStoredFlag *assay_replica_get_flag   (AssayReplica  *self,
                                           const char    *flag_id,
                                           GError       **error);

/* Every case, by id; or one (NULL and ASSAY_ERROR_NOT_FOUND if none). */
GPtrArray    *assay_replica_list_cases    (AssayReplica  *self,
                                           GError       **error);
AssayCase    *assay_replica_get_case      (AssayReplica  *self,
                                           gint64         case_id,
                                           GError       **error);
/* The open (or in-review or reopened) case of a subject, or NULL. */
AssayCase    *assay_replica_find_case     (AssayReplica  *self,
                                           const char    *subject_kind,
                                           const char    *subject_id,
                                           GError       **error);

/* A case's history, oldest first (GPtrArray of AssayCaseEvent). */
GPtrArray    *assay_replica_case_history  (AssayReplica  *self,
                                           gint64         case_id,
                                           GError       **error);

/* Local changes, each recorded in the history with the author: start the
 * review (open or reopened → in_review; anything else is refused with a
 * message saying why), assign (NULL or "" unassigns), add a note
 * (1–4000 characters). */
gboolean      assay_replica_case_start_review (AssayReplica *self,
                                               gint64        case_id,
                                               const char   *author,
                                               GError      **error);
gboolean      assay_replica_case_assign   (AssayReplica  *self,
                                           gint64         case_id,
                                           const char    *assignee,
                                           const char    *author,
                                           GError       **error);
gboolean      assay_replica_case_add_note (AssayReplica  *self,
                                           gint64         case_id,
                                           const char    *author,
                                           const char    *text,
                                           GError       **error);

/* How many cases are open, in review or reopened (not decided). */
guint         assay_replica_count_active_cases (AssayReplica *self,
                                                GError      **error);

/* The county code ("310118") of the account's most recent record (the
 * highest leaf index), or NULL with no error when the replica holds no
 * record of it. */
char         *assay_replica_account_county (AssayReplica  *self,
                                            const char    *account,
                                            GError       **error);

G_END_DECLS

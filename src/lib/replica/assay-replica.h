/* assay-replica.h — the verified local replica of the ledger
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

#include <gio/gio.h>

#include "assay-types.h"
#include "assay-entry.h"
#include "assay-merkle.h"
#include "assay-note.h"
#include "assay-replica-enums.h"

G_BEGIN_DECLS

/* An AssayReplica is a verified copy of the central ledger in one SQLite
 * file (WAL mode).  It holds every checkpoint it ever verified (the signed
 * note verbatim, with cosignatures), the hash tiles needed to build any
 * inclusion or consistency proof offline, every entry (commitment, and the
 * salt and body unless erased), parsed event and redemption rows, and
 * aggregates kept up to date by sync:
 *
 *   per account × quarter × dimension   (points, count)
 *   per account × day × dimension       (points, count)
 *   per county × day                    (events, event points,
 *                                         redemption requests, their points)
 *
 * and the per account × quarter sums again in compact column form, by
 * blocks of account numbers (assay-replica-quarter-columns.h).
 *
 * Only AssaySync writes entries, always in one transaction per verified
 * checkpoint, so everything a query returns has passed every check.
 *
 * Threading: an AssayReplica is used from one thread (the one that opened
 * it).  Sync opens its own connection to the same file in a worker thread;
 * when it commits, call assay_replica_reload() (AssaySync's async API does
 * it for you) and the replica emits ::changed.
 *
 * Days are GDate Julian day numbers (1 = 0001-01-01) throughout, as in
 * AssayEntry.  Quarters are encoded as year * 10 + quarter (20253 is the
 * third quarter of 2025).  Weeks start on Monday. */

#define ASSAY_TYPE_REPLICA (assay_replica_get_type ())
G_DECLARE_FINAL_TYPE (AssayReplica, assay_replica, ASSAY, REPLICA, GObject)

typedef enum
{
  ASSAY_REPLICA_OPEN_DEFAULT   = 0,       /* open an existing replica read-write */
  ASSAY_REPLICA_OPEN_CREATE    = 1 << 0,  /* create it (and its schema) if missing */
  ASSAY_REPLICA_OPEN_READ_ONLY = 1 << 1,  /* queries only; never writes */
} AssayReplicaOpenFlags;

/* Security alerts.  While one is active sync is refused; the replica stays
 * readable at its last verified state. */
typedef enum
{
  ASSAY_ALERT_NONE,
  ASSAY_ALERT_SIGNATURE,      /* checkpoint not validly signed by the log key */
  ASSAY_ALERT_TILE,           /* hash tiles do not reproduce the signed root */
  ASSAY_ALERT_ENTRY_BUNDLE,   /* a commitment does not match its leaf hash */
  ASSAY_ALERT_BODY,           /* a body or salt does not match its commitment */
  ASSAY_ALERT_INVALID_ENTRY,  /* the log committed to a body that is not valid */
  ASSAY_ALERT_ROLLBACK,       /* signed checkpoint smaller than the stored one */
  ASSAY_ALERT_EQUIVOCATION,   /* same size, different root, both signed */
  ASSAY_ALERT_FORK,           /* larger tree that does not contain ours */
  ASSAY_ALERT_REPLICA,        /* the replica's stored records fail its own verification
                                 (changed outside Assay); see assay_replica_verify() */
  ASSAY_ALERT_DECISION,       /* a roster or decision entry of the log fails verification
                                 against the roster chain (the decisions layer) */
  ASSAY_ALERT_PAUSE,          /* a pause entry of the log names a flag that its rule set
                                 does not raise at its checkpoint (the rules layer) */
} AssayAlertKind;

/* Stable ids ("fork", "entry-bundle": the nicks of ASSAY_TYPE_ALERT_KIND)
 * for --json output, and translated one-line labels. */
const char *assay_alert_kind_to_id    (AssayAlertKind kind);
const char *assay_alert_kind_get_label (AssayAlertKind kind);

typedef enum
{
  ASSAY_ENTRY_STATE_VERIFIED,  /* body present and checked against its commitment */
  ASSAY_ENTRY_STATE_ERASED,    /* erased by a verified tombstone: body and salt purged */
  ASSAY_ENTRY_STATE_WITHHELD,  /* the service sent no body and no tombstone covers it yet;
                                  never counted in any aggregate */
} AssayEntryState;

/* What `assayctl status` shows. */
typedef struct
{
  char    *path;
  char    *origin;             /* NULL before the first sync */
  char    *log_key;            /* the verifier key string the replica follows */
  char    *server_url;         /* the URL of the last sync */
  guint64  size;               /* tree size of the last verified checkpoint */
  guint8   root[ASSAY_HASH_SIZE];
  char    *checkpoint_note;    /* that checkpoint, verbatim; NULL before the first sync */
  gint64   verified_at;        /* unix time it was verified; 0 before the first sync */
  gint64   last_sync_at;       /* unix time of the last successful sync (may be newer
                                  than verified_at when nothing was new) */
  guint    n_checkpoints;
  guint64  n_events;
  guint64  n_redemptions;
  guint64  n_tombstones;
  guint64  n_rosters;
  guint64  n_decisions;
  guint64  n_pauses;
  guint64  n_filings;          /* appeals, disputes, …: README "Filings" */
  guint64  n_erased;
  guint64  n_withheld;
  guint64  n_accounts;
  AssayAlertKind alert;        /* ASSAY_ALERT_NONE when sync may run */
  char    *alert_message;      /* what happened, translated; NULL without alert */
  gint64   alert_at;
  /* The witness policy the stored checkpoint was accepted under, and how
   * many of its witnesses validly cosigned that checkpoint (all 0 when no
   * witnesses were configured). */
  guint    witness_quorum;
  guint    n_witnesses;
  guint    n_witness_cosignatures;
} AssayReplicaStatus;

void assay_replica_status_free (AssayReplicaStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayReplicaStatus, assay_replica_status_free)

/* A stored, verified checkpoint. */
typedef struct
{
  guint64  size;
  guint8   root[ASSAY_HASH_SIZE];
  char    *note;               /* verbatim signed note with every cosignature */
  gint64   verified_at;
} AssayStoredCheckpoint;

void assay_stored_checkpoint_free (AssayStoredCheckpoint *checkpoint);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayStoredCheckpoint, assay_stored_checkpoint_free)

/* Opening.  Errors: ASSAY_ERROR_NOT_FOUND (no such file and no CREATE),
 * ASSAY_ERROR_INVALID_DATA (not an Assay replica, corrupt, or made by a
 * newer Assay), ASSAY_ERROR_IO (cannot read or write the location).
 * Opening read-write applies pending schema migrations. */
AssayReplica *assay_replica_open        (const char            *path,
                                         AssayReplicaOpenFlags  flags,
                                         GError               **error);
const char   *assay_replica_get_path    (AssayReplica          *self);
gboolean      assay_replica_is_read_only (AssayReplica         *self);

/* Re-reads the state after another connection (sync) committed, and emits
 * ::changed if the tree size or alert state moved.  Signal:
 *   void changed (AssayReplica *replica)
 */
void          assay_replica_reload      (AssayReplica          *self);

/* Status; never fails on a readable replica. */
AssayReplicaStatus *assay_replica_get_status (AssayReplica *self,
                                              GError      **error);
/* Cheap accessors of the cached state (updated by reload). */
guint64       assay_replica_get_size        (AssayReplica *self);
guint64       assay_replica_get_n_accounts  (AssayReplica *self);
gint64        assay_replica_get_last_sync   (AssayReplica *self);   /* unix time, 0 = never */
AssayAlertKind assay_replica_get_alert      (AssayReplica *self);

/* Every stored checkpoint, oldest first (AssayStoredCheckpoint*). */
GPtrArray    *assay_replica_list_checkpoints (AssayReplica *self,
                                              GError      **error);

/* ---- Entries ---------------------------------------------------------- */

/* One entry as stored.  `body` and `salt` are NULL unless state is
 * VERIFIED.  `parsed` is the validated body (NULL unless VERIFIED). */
typedef struct
{
  guint64          index;
  AssayEntryState  state;
  guint8           commitment[ASSAY_HASH_SIZE];
  GBytes          *salt;
  GBytes          *body;
  AssayEntry      *parsed;
} AssayReplicaEntry;

void assay_replica_entry_free (AssayReplicaEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayReplicaEntry, assay_replica_entry_free)

AssayReplicaEntry *assay_replica_get_entry (AssayReplica *self,
                                            guint64       index,
                                            GError      **error);

/* Entries in index order as AssayEntryRow objects (see assay-entry-row.h),
 * optionally only one account's events and redemptions, starting at the
 * `offset`-th match, at most `limit` (0 = no limit).  For large views use
 * AssayEntryList, which pages lazily. */
GPtrArray    *assay_replica_list_entries (AssayReplica *self,
                                          const char   *account,
                                          guint64       offset,
                                          guint64       limit,
                                          GError      **error);

/* ---- Aggregates (all from the maintained tables, no entry scan) ------- */

typedef struct
{
  guint32 week_start;                     /* Julian day of the Monday */
  gint64  points[ASSAY_N_DIMENSIONS];
  guint32 count[ASSAY_N_DIMENSIONS];
} AssayWeekPoints;

/* An account's points per week and dimension, oldest week first, weeks
 * without events omitted.  GArray of AssayWeekPoints; empty for an unknown
 * account. */
GArray       *assay_replica_account_weekly_points (AssayReplica *self,
                                                   const char   *account,
                                                   GError      **error);

typedef struct
{
  gint32  quarter;                        /* year * 10 + q */
  gint64  points[ASSAY_N_DIMENSIONS];
  guint32 count[ASSAY_N_DIMENSIONS];
} AssayQuarterPoints;

/* An account's per-quarter totals by dimension, oldest first. */
GArray       *assay_replica_account_quarterly_points (AssayReplica *self,
                                                      const char   *account,
                                                      GError      **error);

/* Points and event counts per dimension, for one account or (account NULL)
 * for the whole ledger.  Shares are points[d] / Σ points. */
gboolean      assay_replica_dimension_totals (AssayReplica *self,
                                              const char   *account,
                                              gint64        points[ASSAY_N_DIMENSIONS],
                                              guint64       count[ASSAY_N_DIMENSIONS],
                                              GError      **error);

typedef struct
{
  char    county[7];
  guint64 events;
  gint64  event_points;
  guint64 redemptions;       /* redemption requests */
  gint64  redemption_points;
} AssayCountyTotals;

/* Totals per county over [first_day, last_day] (0, G_MAXUINT32 = all
 * time), county code order.  GArray of AssayCountyTotals. */
GArray       *assay_replica_county_totals (AssayReplica *self,
                                           guint32       first_day,
                                           guint32       last_day,
                                           GError      **error);

typedef struct
{
  guint32 day;
  guint64 events;
  gint64  event_points;
  guint64 redemptions;
  gint64  redemption_points;
} AssayDayTotals;

/* One county's (or, county NULL, all counties') totals per day over
 * [first_day, last_day], days without activity omitted.  GArray of
 * AssayDayTotals. */
GArray       *assay_replica_county_days (AssayReplica *self,
                                         const char   *county,
                                         guint32       first_day,
                                         guint32       last_day,
                                         GError      **error);

typedef struct
{
  char             *account;
  AssayAccountKind  kind;
  guint64           n_events;
  guint64           n_redemptions;
  gint64            points;           /* Σ event points */
  gint64            redeemed;         /* Σ redemption points */
  guint32           first_day;        /* first event or redemption day */
  guint32           last_day;
} AssayAccountSummary;

void assay_account_summary_free (AssayAccountSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayAccountSummary, assay_account_summary_free)

/* NULL with ASSAY_ERROR_NOT_FOUND for an unknown account. */
AssayAccountSummary *assay_replica_get_account (AssayReplica *self,
                                                const char   *account,
                                                GError      **error);

/* ---- Alerts and evidence ---------------------------------------------- */

/* The active alert's evidence as a JSON document: kind, message, time,
 * both notes, recomputed and expected hashes, the proof (base64), and
 * anything else that lets a third party check the claim without trusting
 * us.  ASSAY_ERROR_NOT_FOUND when there is no alert. */
char         *assay_replica_get_evidence    (AssayReplica *self,
                                             GError      **error);
gboolean      assay_replica_export_evidence (AssayReplica *self,
                                             const char   *path,
                                             GError      **error);
/* The explicit operator decision that lets sync run again.  The evidence
 * stays in the replica (marked cleared). */
gboolean      assay_replica_clear_alert     (AssayReplica *self,
                                             GError      **error);

/* ---- Proofs (offline, from the stored tiles) ------------------------- */

/* Inclusion proof of `index` in the stored checkpoint of `size` (0 = the
 * latest).  GBytes of 32-byte hashes. */
GBytes       *assay_replica_inclusion_proof   (AssayReplica *self,
                                               guint64       index,
                                               guint64       size,
                                               GError      **error);
/* Consistency proof between two stored checkpoints, size1 < size2. */
/* The root of the log's first @size entries (1 … the replica's size),
 * from the verified hash tiles the replica stores. */
gboolean      assay_replica_tree_root         (AssayReplica *self,
                                               guint64       size,
                                               guint8        root[ASSAY_HASH_SIZE],
                                               GError      **error);
GBytes       *assay_replica_consistency_proof (AssayReplica *self,
                                               guint64       size1,
                                               guint64       size2,
                                               GError      **error);
/* A C2SP tlog-proof file for `index` against the latest checkpoint, with
 * salt ‖ body in `extra`.  Fails for erased or withheld entries. */
char         *assay_replica_export_proof      (AssayReplica *self,
                                               guint64       index,
                                               GError      **error);

/* Checks a tlog-proof file with nothing but the log's verifier key:
 * signature, inclusion, commitment = SHA-256(salt ‖ body), and body
 * validity.  On success returns the parsed body and sets the index and
 * the checkpoint's size and the body text if asked.  Errors:
 * ASSAY_ERROR_INVALID_ARGUMENT (`log_key` is not a key),
 * ASSAY_ERROR_INVALID_DATA (not a proof file, or no body in it),
 * ASSAY_ERROR_NOT_FOUND (its checkpoint is not signed by `log_key` at all:
 * most likely the wrong key), ASSAY_ERROR_VERIFICATION (a signature,
 * the inclusion or the commitment fails: the proof was altered). */
AssayEntry   *assay_proof_file_check          (const char   *text,
                                               gsize         len,
                                               const char   *log_key,
                                               guint64      *out_index,
                                               guint64      *out_size,
                                               char        **out_body,
                                               GError      **error);

/* ---- Full re-verification ---------------------------------------------- */

/* Recomputes every leaf hash from the stored commitments, every tile, every
 * stored checkpoint's root and signature, every stored body against its
 * commitment, and every aggregate from the parsed rows.  A discrepancy on a
 * writable replica raises a security alert with its evidence (kind BODY for
 * a body that does not match its commitment, TILE for tiles or roots,
 * SIGNATURE for a stored checkpoint, REPLICA for the rest) and fails with
 * ASSAY_ERROR_SECURITY; on a read-only one it fails with
 * ASSAY_ERROR_VERIFICATION naming the first discrepancy and records
 * nothing. */
gboolean      assay_replica_verify            (AssayReplica *self,
                                               GCancellable *cancellable,
                                               GError      **error);

G_END_DECLS

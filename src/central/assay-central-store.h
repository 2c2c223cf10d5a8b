/* assay-central-store.h — the central service's own state: SQLite store, tiles and bundles on disk
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

#include <glib.h>

#include "assay-entry.h"
#include "assay-merkle.h"

G_BEGIN_DECLS

/* A data directory holds:
 *
 *   central.db   SQLite state (what duplicate detection and erasure need,
 *                the pending queue with its bodies, the compact range,
 *                signed checkpoints, the decisions waiting for their
 *                quorum); marker in `meta`
 *   log.key      the log's Ed25519 signer key string, mode 0600
 *   central.lock the writers' lock (flock): import, publish, erase,
 *                append-envelope and the serving process when it logs a
 *                roster or decision or renders a notice each hold it from opening to commit
 *   checkpoint   the latest signed checkpoint (written last, atomically)
 *   tile/…       hash tiles and entry bundles (C2SP tlog-tiles)
 *   body/…       body bundles: the only copy of the published bodies
 *   breakers.replica, notices.replica
 *                replicas of the log the breakers and the public notices
 *                read (caches, rebuilt from the log when gone; an erasure
 *                purges them as well)
 *
 * Everything a client fetches is a plain file, so `serve` never touches
 * the database.  Files inside the served tree are replaced by rename;
 * files beyond it are written in place (serve answers 404 for them). */

#define ASSAY_CENTRAL_DB_NAME         "central.db"
#define ASSAY_CENTRAL_KEY_NAME        "log.key"
#define ASSAY_CENTRAL_CHECKPOINT_NAME "checkpoint"

typedef struct _AssayCentralStore AssayCentralStore;

typedef enum
{
  ASSAY_CENTRAL_OPEN_READ_ONLY = 0,
  ASSAY_CENTRAL_OPEN_WRITE     = 1 << 0, /* loads the signing key too */
  /* Reads only, without the writers' lock, but may roll back the journal
   * of a writer that was killed (which a read-only connection cannot). */
  ASSAY_CENTRAL_OPEN_READ_RECOVER = 1 << 1,
} AssayCentralOpenFlags;

/* Called for a body that is byte for byte the same as one stored before
 * (`in_run`: added earlier in the same transaction).  Exact duplicates are
 * refused: the caller reports them and rolls back. */
typedef void (*AssayCentralDuplicateFunc) (guint64  line,
                                           gboolean in_run,
                                           gpointer user_data);

gboolean           assay_central_origin_validate (const char  *origin,
                                                  GError     **error);

/* Creates DIR (which must be missing or empty), the key, the database and
 * the empty tree's checkpoint; returns the verifier key string. */
char              *assay_central_store_create    (const char  *dir,
                                                  const char  *origin,
                                                  GError     **error);

/* The environment variable that sets how many seconds a writer waits for
 * another to finish (default ASSAY_CENTRAL_LOCK_TIMEOUT_DEFAULT). */
#define ASSAY_CENTRAL_LOCK_TIMEOUT_ENV     "ASSAY_CENTRAL_LOCK_TIMEOUT"
#define ASSAY_CENTRAL_LOCK_TIMEOUT_DEFAULT 30

/* With ASSAY_CENTRAL_OPEN_WRITE, waits for the writers' lock (see above)
 * and fails when another process keeps it past the timeout. */
AssayCentralStore *assay_central_store_open      (const char            *dir,
                                                  AssayCentralOpenFlags  flags,
                                                  GError               **error);
void               assay_central_store_free      (AssayCentralStore     *store);
guint64            assay_central_store_get_size  (AssayCentralStore     *store);
const char        *assay_central_store_get_origin (AssayCentralStore    *store);

/* One write transaction: begin, then any of add / integrate / erase, then
 * commit (which writes tiles, signs and writes the checkpoint) or
 * rollback (which leaves every file as it was). */
gboolean           assay_central_store_begin     (AssayCentralStore     *store,
                                                  GError               **error);
void               assay_central_store_set_duplicate_func (AssayCentralStore         *store,
                                                           AssayCentralDuplicateFunc  func,
                                                           gpointer                   user_data);
/* Whether a redemption due to join the log is held instead: the leaf
 * index of the pause that holds it, or -1 (assay-central-held.h). */
typedef gint64 (*AssayCentralHoldFunc) (const AssayEntry *redemption,
                                        gpointer          user_data);
/* While set (until the next commit or rollback), _integrate() keeps each
 * due redemption that @func holds in the held table, not the log. */
void               assay_central_store_set_hold_func (AssayCentralStore    *store,
                                                      AssayCentralHoldFunc  func,
                                                      gpointer              user_data);
/* How many redemptions this transaction held so far. */
guint64            assay_central_store_get_n_held    (AssayCentralStore    *store);

/* Account ids are at most this long (README, "Entry kinds"). */
#define ASSAY_CENTRAL_ACCOUNT_MAX 64

/* What assay_central_store_add() keeps of a parsed body, computed on any
 * thread by assay_central_store_seal(). */
typedef struct
{
  gint64  hash;                          /* keyed hash, for duplicates */
  guint32 event_day;
  guint32 publication_day;
  char    account[ASSAY_CENTRAL_ACCOUNT_MAX + 1];
  /* A filing that names leaves (README "Filings"): 1 + the highest, and
   * the member naming it; its own index must be at least that. */
  guint64     leaf_bound;   /* 0: names none */
  const char *leaf_field;
} AssayCentralSealed;

/* Bodies are not copied as they are added: the store reads them back from
 * the input, in log order, when they join the log.  A regular file is
 * read in place (it must stay open until commit or rollback, and a body
 * changed meanwhile fails the import); for anything else, *out_copy says
 * that every byte read must go through assay_central_store_copy_input().
 * Offsets passed to _add() count from the input's first byte. */
gboolean           assay_central_store_set_input (AssayCentralStore     *store,
                                                  int                    fd,
                                                  gboolean              *out_copy,
                                                  GError               **error);
gboolean           assay_central_store_copy_input (AssayCentralStore    *store,
                                                   const void           *data,
                                                   gsize                 len,
                                                   GError              **error);
/* Thread-safe.  entry is the parsed body, an event or a redemption. */
void               assay_central_store_seal      (AssayCentralStore     *store,
                                                  const char            *body,
                                                  gsize                  len,
                                                  const AssayEntry      *entry,
                                                  AssayCentralSealed    *out);
/* Queues the valid body of len bytes at offset in the input; `line` is
 * only passed back to the duplicate callback.  Duplicates are found in
 * batches, at the latest by assay_central_store_check_duplicates() or
 * _integrate(). */
gboolean           assay_central_store_add       (AssayCentralStore        *store,
                                                  guint64                   offset,
                                                  gsize                     len,
                                                  const AssayCentralSealed *sealed,
                                                  guint64                   line,
                                                  GError                  **error);
gboolean           assay_central_store_check_duplicates (AssayCentralStore *store,
                                                         GError           **error);
/* Appends every pending entry with publication day <= today to the log,
 * ordered by publication day, then import order.  A filing of this
 * transaction that names a leaf not below the index it gets, or (if it
 * stays pending) not below the log's new size, fails it.  It checks the entries
 * added in this transaction for duplicates at the same time: if the
 * duplicate callback ran, roll back. */
gboolean           assay_central_store_integrate (AssayCentralStore     *store,
                                                  guint32                today,
                                                  guint64               *out_n_added,
                                                  GError               **error);
/* Article V forget mode: erases @account's entries dated (event_date; a
 * filing's `filed`) from @from_day to @to_day, published (their bodies
 * zeroed in the body bundles, their leaves named by a tombstone) and
 * pending (deleted).  With @records_only, only its events and redemptions:
 * an approved forget request forgets the records of the silence period,
 * not the filings (the request itself among them) dated in it.  Must
 * come first in its transaction (before anything is appended). */
gboolean           assay_central_store_erase     (AssayCentralStore     *store,
                                                  const char            *account,
                                                  guint32                from_day,
                                                  guint32                to_day,
                                                  gboolean               records_only,
                                                  guint32                issued_day,
                                                  guint64               *out_n_erased,
                                                  guint64               *out_n_pending,
                                                  GError               **error);
/* Appends one entry that only the service writes, a roster or a decision
 * (`kind`), carrying the DSSE envelope `envelope` (`len` bytes of JSON,
 * kept as given) and logged on `logged_day`, inside the open transaction;
 * its leaf index goes to *out_index.  The body must pass the ledger's own
 * checks (assay_entry_parse); the signatures are the caller's to verify.
 * Like an erasure's tombstone it joins the tree at once, skipping the
 * Article Y queue and duplicate detection, and is served when the
 * transaction commits and the new checkpoint is written. */
gboolean           assay_central_store_append_signed (AssayCentralStore  *store,
                                                      AssayEntryKind      kind,
                                                      const char         *envelope,
                                                      gsize               len,
                                                      guint32             logged_day,
                                                      guint64            *out_index,
                                                      GError            **error);
/* The root of the tree's first @size leaves (at most the committed size),
 * computed from the hash tiles: what a checkpoint of that size must say. */
/* A pause body the breakers wrote; checked as a replica checks it. */
gboolean           assay_central_store_append_pause (AssayCentralStore  *store,
                                                     const char         *body,
                                                     gsize               len,
                                                     guint64            *out_index,
                                                     GError            **error);
gboolean           assay_central_store_get_root  (AssayCentralStore     *store,
                                                  guint64                size,
                                                  guint8                 root[ASSAY_HASH_SIZE],
                                                  GError               **error);
/* The receipt of leaf @index, a C2SP tlog-proof (assay-tlog-proof.h):
 * extra salt ‖ body, the inclusion proof, and the first checkpoint the
 * service signed over the leaf (for an entry the service appended alone,
 * the one its append wrote), so that asking again gives the same text. */
char              *assay_central_store_receipt   (AssayCentralStore     *store,
                                                  guint64                index,
                                                  GError               **error);
guint64            assay_central_store_count_pending (AssayCentralStore *store);
gboolean           assay_central_store_commit    (AssayCentralStore     *store,
                                                  GError               **error);
void               assay_central_store_rollback  (AssayCentralStore     *store);
/* After an erase has committed: vacuum so no byte of the erased bodies
 * stays in the database files. */
gboolean           assay_central_store_purge     (AssayCentralStore     *store,
                                                  GError               **error);

/* The tree size of the checkpoint file in DIR, without verifying it (the
 * server's own file); FALSE if it is missing or unreadable. */
gboolean           assay_central_read_checkpoint_size (const char *dir,
                                                       guint64    *out_size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCentralStore, assay_central_store_free)

G_END_DECLS

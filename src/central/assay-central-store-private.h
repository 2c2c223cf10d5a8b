/* assay-central-store-private.h — what the parts of the central store share
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

#include <sodium.h>
#include <sqlite3.h>

#include "assay-central-store.h"
#include "assay-merkle.h"
#include "assay-note.h"
#include "assay-tiles.h"

#define MAX_TILE_LEVELS 8   /* 8 tile levels of height 8 cover 2^64 leaves */

/* Entries added in this transaction wait in memory, at most QUEUE_MAX of
 * them (about 56 MiB and their accounts), before their duplicate check;
 * beyond that they move to the pending table. */
#define QUEUE_SEQ_BITS 40
#define QUEUE_SEQ_MASK ((G_GUINT64_CONSTANT (1) << QUEUE_SEQ_BITS) - 1)
#define QUEUE_MAX      (1024 * 1024)

/* An entry of this transaction; its body stays in the input. */
typedef struct
{
  guint64 key;        /* publication day << QUEUE_SEQ_BITS | seq */
  gint64  hash;       /* keyed hash of the body */
  guint64 line;       /* the caller's line number, for reports */
  guint64 offset;     /* of the body in the input */
  guint32 len;        /* of the body */
  guint32 event_day;
  guint32 account;    /* offset of the account in the account arena */
  gint64  idx;        /* leaf index, or -1 if it stays pending */
} Queued;

/* A body to append, in log order: from the input (checked against its
 * hash, as the file may have changed) or from the spill file. */
typedef struct
{
  guint64  offset;
  guint32  len;
  gboolean from_spill;
  gint64   hash;
} BodyRef;

/* The tile being filled at one level (hashes of perfect subtrees at
 * Merkle level 8 * L). */
typedef struct
{
  guint64 index;
  guint   width;
  guint8  hashes[ASSAY_TILE_WIDTH * ASSAY_HASH_SIZE];
} HashTile;

/* The entry bundle or body bundle being filled. */
typedef struct
{
  guint64     index;
  guint       width;
  GByteArray *data;
} Bundle;

enum
{
  STMT_INSERT_ENTRY,
  STMT_FIND_ENTRY,
  STMT_INSERT_PENDING,
  STMT_PENDING_BODY,
  STMT_PUBLISH_ENTRY,
  N_STMTS
};

struct _AssayCentralStore
{
  char            *dir;
  char            *origin;
  sqlite3         *db;
  int              lock_fd;
  AssayNoteSigner *signer;
  guint8           dedup_key[crypto_shorthash_KEYBYTES];
  sqlite3_stmt    *stmts[N_STMTS];
  guint64          size;          /* committed tree size */
  gint64           next_seq;      /* import order of the next entry */

  /* State of the open transaction. */
  gboolean            in_txn;
  gint64              first_seq;  /* first seq of this transaction */
  AssayMerkleBuilder *builder;    /* loaded on first use */
  HashTile           *tiles[MAX_TILE_LEVELS];
  Bundle              entries;
  Bundle              bodies;
  GPtrArray          *old_partials; /* partial files of the tree at begin */
  GPtrArray          *created;      /* files this transaction created */
  GError             *deferred;     /* first error inside the builder callback */
  GHashTable         *made_dirs;    /* directories known to exist */
  GMutex              files_lock;   /* for created and made_dirs */
  GArray             *queue;        /* Queued, see QUEUE_MAX */
  GByteArray         *accounts;     /* NUL-terminated accounts of the queue */
  int                 input_fd;     /* bodies' source; not ours, or spill_fd */
  int                 spill_fd;     /* -1 until first needed */
  guint64             spill_size;   /* bytes written to spill_fd */
  GByteArray         *spill_buf;    /* bytes not written yet */
  guint8              salt_key[crypto_stream_chacha20_ietf_KEYBYTES];
  AssayCentralDuplicateFunc duplicate_func;
  gpointer            duplicate_data;
  AssayCentralHoldFunc hold_func;
  gpointer            hold_data;
  guint64             n_held;       /* redemptions held in this transaction */
  GHashTable         *leaf_bounds;  /* LeafBound by seq; NULL until a filing names a leaf */
};

/* A filing of this transaction that names leaves, found by its seq. */
typedef struct
{
  gint64      seq;     /* the key, first */
  guint64     bound;   /* its index must be at least this */
  guint64     line;
  const char *field;
} LeafBound;

/* A queued item's idx while it waits in the held table, not the log. */
#define QUEUED_HELD (-2)

/* assay-central-store.c */
gboolean  central_db_error        (sqlite3      *db,
                                   GError      **error);
gboolean  central_db_exec         (sqlite3      *db,
                                   const char   *sql,
                                   GError      **error);

/* Makes a row's object from the current row of a statement. */
typedef gpointer (*CentralReadRowFunc) (sqlite3_stmt *stmt);

/* Steps `stmt` (a write) to its end and finalizes it. */
gboolean  central_db_step_done    (sqlite3      *db,
                                   sqlite3_stmt *stmt,
                                   GError      **error);
/* The first row of `stmt` read by `read_row`, or NULL when there is none
 * (with `error` unset) or on a failure; finalizes `stmt`. */
gpointer  central_db_read_one     (sqlite3            *db,
                                   sqlite3_stmt       *stmt,
                                   CentralReadRowFunc  read_row,
                                   GError            **error);
/* Every row of `stmt` read by `read_row`, added to `list`; FALSE on a
 * failure; finalizes `stmt`. */
gboolean  central_db_read_all     (sqlite3            *db,
                                   sqlite3_stmt       *stmt,
                                   CentralReadRowFunc  read_row,
                                   GPtrArray          *list,
                                   GError            **error);
gboolean  central_io_error        (GError      **error,
                                   const char   *path,
                                   int           saved_errno);
/* Writes all of data to fd (retrying short writes); on failure closes fd
 * and sets an error naming path. */
gboolean  central_write_all       (int           fd,
                                   const char   *path,
                                   const void   *data,
                                   gsize         len,
                                   GError      **error);
gboolean  central_write_file_atomic (const char   *dir,
                                     const char   *rel,
                                     const guint8 *data,
                                     gsize         len,
                                     gboolean      durable,
                                     GError      **error);
void      central_mark_top_dir    (const char   *dir);

/* assay-central-tiles.c: the tree writer. */
gboolean  central_tiles_load      (AssayCentralStore  *store,
                                   GError            **error);
void      central_tiles_clear     (AssayCentralStore  *store);
gboolean  central_tiles_append    (AssayCentralStore  *store,
                                   const guint8       *salt,
                                   const char         *body,
                                   gsize               len,
                                   GError            **error);
/* Appends the bodies of refs, in that order, on threads of their own;
 * _finish() waits for them. */
typedef struct _CentralAppender CentralAppender;
CentralAppender *central_appender_start  (AssayCentralStore  *store,
                                          GArray             *refs);
gboolean  central_appender_finish (CentralAppender    *appender,
                                   GError            **error);
gboolean  central_tiles_write_partials (AssayCentralStore  *store,
                                        GError            **error);
void      central_tiles_remove_superseded (AssayCentralStore *store);
void      central_tiles_remove_created    (AssayCentralStore *store);
/* Body bundle N of the committed tree, as stored. */
GBytes   *central_read_body_bundle (AssayCentralStore  *store,
                                    guint64             n,
                                    guint              *out_width,
                                    GError            **error);

/* assay-central-signed.c: appends a body once it passes every replica's
 * checks and is of @kind (ASSAY_N_ENTRY_KINDS: any kind). */
gboolean  central_append_service_body (AssayCentralStore  *store,
                                       const char         *body,
                                       gsize               body_len,
                                       AssayEntryKind      kind,
                                       guint64            *out_index,
                                       GError            **error);

/* assay-central-held.c: the held table. */
#define CENTRAL_HELD_SQL \
  "CREATE TABLE IF NOT EXISTS held (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL UNIQUE," \
  "  account TEXT NOT NULL, pause_idx INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'held'," \
  "  decision_idx INTEGER, body BLOB NOT NULL);"
/* If the store's hold function holds the due body (seq: its import
 * order), stores it in the held table and sets *out_held. */
gboolean  central_held_consider   (AssayCentralStore  *store,
                                   const char         *body,
                                   gsize               len,
                                   gint64              seq,
                                   gboolean           *out_held,
                                   GError            **error);

/* assay-central-queue.c: the input, the spill file and the queue. */
/* Reads a body back; from the input, it must still have `hash`. */
gboolean  central_body_read       (AssayCentralStore  *store,
                                   const BodyRef      *ref,
                                   char               *body,
                                   GError            **error);
/* The salt of leaf idx: a ChaCha20 block under this transaction's random
 * key, so no salt is stored before its body is appended. */
void      central_salt            (AssayCentralStore  *store,
                                   guint64             idx,
                                   guint8              salt[ASSAY_SALT_SIZE]);
void      central_queue_clear     (AssayCentralStore  *store);

/* assay-central-dedup.c */
/* Checks items[0 .. n - 1] against every entry stored before and against
 * each other, in hash order, reports duplicates and records an entries
 * row for each; with keep_pending, the items with idx < 0 go to the
 * pending table too. */
gboolean  central_dedup_insert    (AssayCentralStore  *store,
                                   const Queued       *items,
                                   guint               n,
                                   gboolean            keep_pending,
                                   GError            **error);

/* Moves the queue to the pending table (after its duplicate check). */
gboolean  central_queue_spill     (AssayCentralStore  *store,
                                   GError            **error);
GBytes   *central_read_meta_blob  (sqlite3      *db,
                                   const char   *key,
                                   GError      **error);

/* assay-central-sort.c: the queue is sorted through these, by radix. */
typedef struct
{
  guint64 key;
  guint32 index;   /* into the queue */
} SortItem;

/* Sorts items[0 .. n - 1] by key, stably; returns items or tmp, whichever
 * holds the result (both n long). */
SortItem *central_radix_sort      (SortItem           *items,
                                   SortItem           *tmp,
                                   gsize               n);

/* assay-central-store.c — the central service's own state: SQLite store, tiles and bundles on disk
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

#define _GNU_SOURCE /* syncfs */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assay-bundle.h"
#include "assay-central-store.h"
#include "assay-checkpoint.h"
#include "assay-error.h"
#include "assay-merkle.h"
#include "assay-note.h"
#include "assay-tiles.h"

#define STORE_FORMAT  "assay-central"
#define STORE_SCHEMA  1
#define LOCK_NAME     "central.lock"
#define MAX_LEVELS    8   /* 8 tile levels of height 8 cover 2^64 leaves */
#define SALT_POOL     (ASSAY_SALT_SIZE * 256)
/* Entries added in this transaction wait in memory, at most QUEUE_MAX of
 * them (24 MiB), before their duplicate check and their move to the
 * pending table. */
#define QUEUE_SEQ_BITS 40
#define QUEUE_SEQ_MASK ((G_GUINT64_CONSTANT (1) << QUEUE_SEQ_BITS) - 1)
#define QUEUE_MAX      (1024 * 1024)

typedef struct
{
  guint64 key;    /* publication day << QUEUE_SEQ_BITS | body row */
  gint64  hash;   /* keyed SipHash of the body */
  guint64 line;   /* the caller's line number, for reports */
} Queued;

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
  STMT_INSERT_DEDUP,
  STMT_FIND_DEDUP,
  STMT_INSERT_BODY,
  STMT_INSERT_PENDING,
  STMT_INSERT_LEAF,
  STMT_LEAF_BODY,
  STMT_GET_BODY,
  N_STMTS
};

static const char * const stmt_sql[N_STMTS] = {
  [STMT_INSERT_DEDUP] = "INSERT OR IGNORE INTO dedup (hash, seq) VALUES (?1, ?2)",
  [STMT_FIND_DEDUP] = "SELECT seq FROM dedup WHERE hash = ?1",
  [STMT_INSERT_BODY] = "INSERT INTO bodies (account, event_day, salt, body) "
                       "VALUES (?1, ?2, ?3, ?4)",
  [STMT_INSERT_PENDING] = "INSERT INTO pending (pub_day, seq) VALUES (?1, ?2)",
  [STMT_INSERT_LEAF] = "INSERT INTO leaves (idx, seq) VALUES (?1, ?2)",
  [STMT_LEAF_BODY] = "SELECT b.salt, b.body FROM leaves l LEFT JOIN bodies b ON b.seq = l.seq "
                     "WHERE l.idx = ?1",
  [STMT_GET_BODY] = "SELECT salt, body FROM bodies WHERE seq = ?1",
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

  /* State of the open transaction. */
  gboolean            in_txn;
  gint64              first_seq;  /* first body row added by this transaction */
  AssayMerkleBuilder *builder;    /* loaded on first use */
  HashTile           *tiles[MAX_LEVELS];
  Bundle              entries;
  Bundle              bodies;
  GPtrArray          *old_partials; /* partial files of the tree at begin */
  GPtrArray          *created;      /* files this transaction created */
  GArray             *queue;        /* Queued, see QUEUE_MAX */
  guint               n_checked;    /* queue items already checked for duplicates */
  AssayCentralDuplicateFunc duplicate_func;
  gpointer            duplicate_data;
  GError             *deferred;     /* first error inside the builder callback */
  char               *made_dir;     /* last directory known to exist */

  guint8 salt_pool[SALT_POOL];
  gsize  salt_used;
};

static const char schema_sql[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
  /* Every body ever accepted, pending or integrated, by import order. */
  "CREATE TABLE bodies (seq INTEGER PRIMARY KEY, account TEXT, event_day INTEGER,"
  "  salt BLOB NOT NULL, body BLOB NOT NULL);"
  /* Keyed SipHash of each body, to refuse exact duplicates; filled in
   * sorted batches, and erased with the body. */
  "CREATE TABLE dedup (hash INTEGER PRIMARY KEY, seq INTEGER NOT NULL);"
  /* Article Y queue: joins the log by publication day, then import order. */
  "CREATE TABLE pending (pub_day INTEGER NOT NULL, seq INTEGER NOT NULL,"
  "  PRIMARY KEY (pub_day, seq)) WITHOUT ROWID;"
  /* Log order; a leaf whose body row is gone has been erased. */
  "CREATE TABLE leaves (idx INTEGER PRIMARY KEY, seq INTEGER NOT NULL);"
  "CREATE TABLE checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);";

/* ---- small helpers ---------------------------------------------------- */

static gboolean
db_error (sqlite3   *db,
          GError   **error)
{
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
               _("Database error: %s. Check that the disk is not full and the data directory is writable."),
               sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
db_exec (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_error (db, error);
  return TRUE;
}

static gboolean
io_error (GError     **error,
          const char  *path,
          int          saved_errno)
{
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
               _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

gboolean
assay_central_origin_validate (const char  *origin,
                               GError     **error)
{
  gsize len = strlen (origin);

  if (len == 0 || len > 255 || strstr (origin, "://") != NULL
      || !g_ascii_isalnum (origin[0]) || origin[len - 1] == '/')
    goto bad;
  for (const char *p = origin; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-._~/:", *p) == NULL)
      goto bad;
  return TRUE;

bad:
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a valid log origin. Use a schema-less URL-like name such as "
                 "“ledger.example.cn/pilot” (letters, digits, and - . _ ~ / :; no spaces, no “+”)."),
               origin);
  return FALSE;
}

gboolean
assay_central_parse_date (const char *text,
                          guint32    *out_day)
{
  guint y = 0, m = 0, d = 0;
  GDate date;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  if (y == 0 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  *out_day = g_date_get_julian (&date);
  return TRUE;
}

guint32
assay_central_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  return g_date_get_julian (&date);
}

static char *
format_day (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
}

static gboolean
fsync_dir (const char  *dir,
           GError     **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0 || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      return io_error (error, dir, saved);
    }
  close (fd);
  return TRUE;
}

/* Writes DIR/REL through a temporary file and rename(), so readers (the
 * server) see either the old or the new file, never a torn one.  Durable
 * writes fsync the file and its directory; bulk tile writes are made
 * durable together by syncfs() before the database commits. */
static gboolean
write_file_atomic (const char    *dir,
                   const char    *rel,
                   const guint8  *data,
                   gsize          len,
                   int            mode,
                   gboolean       durable,
                   GError       **error)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  gsize done = 0;
  int fd;

  fd = open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0)
    return io_error (error, tmp, errno);
  while (done < len)
    {
      ssize_t n = write (fd, data + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_unlink (tmp);
          return io_error (error, tmp, saved);
        }
      done += n;
    }
  if ((durable && fsync (fd) != 0) || close (fd) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      return io_error (error, tmp, saved);
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      return io_error (error, path, saved);
    }
  if (durable)
    {
      g_autofree char *parent = g_path_get_dirname (path);

      return fsync_dir (parent, error);
    }
  return TRUE;
}

/* ---- opening and creating --------------------------------------------- */

static gboolean
read_meta_int (sqlite3     *db,
               const char  *key,
               gint64      *out,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return db_error (db, error);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return db_error (db, error);
  return TRUE;
}

static GBytes *
read_meta_blob (sqlite3     *db,
                const char  *key,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  GBytes *bytes = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = ?1", -1, &stmt, NULL) != SQLITE_OK)
    {
      db_error (db, error);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  else
    db_error (db, error);
  sqlite3_finalize (stmt);
  return bytes;
}

static gboolean
write_meta (sqlite3       *db,
            const char    *key,
            const void    *blob,
            gsize          blob_len,
            gint64         value,
            GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return db_error (db, error);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (blob != NULL)
    sqlite3_bind_blob (stmt, 2, blob, blob_len, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 2, value);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return db_error (db, error);
  return TRUE;
}

static gboolean
not_ours (const char  *dir,
          GError     **error)
{
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
               _("“%s” is not an assay-central data directory. Check the --data path, or create "
                 "one with “assay-central init”."), dir);
  return FALSE;
}

/* Reads the signer key, refusing a file that others may read. */
static AssayNoteSigner *
load_signer (const char  *dir,
             const char  *origin,
             GError     **error)
{
  g_autofree char *path = g_build_filename (dir, ASSAY_CENTRAL_KEY_NAME, NULL);
  g_autofree char *text = NULL;
  g_autoptr(AssayNoteSigner) signer = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("The log's signing key “%s” is missing: %s. Restore it from your backup."),
                   path, g_strerror (errno));
      return NULL;
    }
  if ((st.st_mode & 077) != 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_SECURITY,
                   _("The log's signing key “%s” can be read or changed by other users (mode %04o). "
                     "Run “chmod 600 %s” and try again."),
                   path, (guint) (st.st_mode & 07777), path);
      return NULL;
    }
  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  g_strstrip (text);
  signer = assay_note_signer_new_from_string (text, error);
  if (signer == NULL)
    return NULL;
  if (g_strcmp0 (assay_note_signer_get_name (signer), origin) != 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The signing key “%s” is for “%s”, but this log's origin is “%s”. "
                     "Restore the right key file."),
                   path, assay_note_signer_get_name (signer), origin);
      return NULL;
    }
  return g_steal_pointer (&signer);
}

static gboolean
check_marker (AssayCentralStore  *store,
              GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *format = NULL;
  gint64 schema = 0;

  if (sqlite3_prepare_v2 (store->db, "SELECT value FROM meta WHERE key = 'format'",
                          -1, &stmt, NULL) != SQLITE_OK)
    return not_ours (store->dir, error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    format = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (format, STORE_FORMAT) != 0)
    return not_ours (store->dir, error);

  if (!read_meta_int (store->db, "schema", &schema, error))
    return FALSE;
  if (schema != STORE_SCHEMA)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The data directory “%s” has schema version %d; this assay-central "
                     "understands version %d. Use the matching assay-central release."),
                   store->dir, (int) schema, STORE_SCHEMA);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_state (AssayCentralStore  *store,
            GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GBytes) key = NULL;
  gint64 size = 0;

  if (sqlite3_prepare_v2 (store->db, "SELECT value FROM meta WHERE key = 'origin'",
                          -1, &stmt, NULL) != SQLITE_OK)
    return db_error (store->db, error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    store->origin = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (store->origin == NULL)
    return not_ours (store->dir, error);

  if (!read_meta_int (store->db, "size", &size, error))
    return FALSE;
  store->size = size;

  key = read_meta_blob (store->db, "dedup_key", error);
  if (key == NULL)
    return FALSE;
  if (g_bytes_get_size (key) != sizeof store->dedup_key)
    return not_ours (store->dir, error);
  memcpy (store->dedup_key, g_bytes_get_data (key, NULL), sizeof store->dedup_key);
  return TRUE;
}

/* Only one writer at a time: import, publish and erase hold this lock
 * from opening until the checkpoint is written, so checkpoints never go
 * backwards. */
static gboolean
take_lock (AssayCentralStore  *store,
           GError            **error)
{
  g_autofree char *path = g_build_filename (store->dir, LOCK_NAME, NULL);

  store->lock_fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (store->lock_fd < 0)
    return io_error (error, path, errno);
  while (flock (store->lock_fd, LOCK_EX) != 0)
    if (errno != EINTR)
      return io_error (error, path, errno);
  return TRUE;
}

AssayCentralStore *
assay_central_store_open (const char            *dir,
                          AssayCentralOpenFlags  flags,
                          GError               **error)
{
  g_autoptr(AssayCentralStore) store = g_new0 (AssayCentralStore, 1);
  g_autofree char *db_path = g_build_filename (dir, ASSAY_CENTRAL_DB_NAME, NULL);
  gboolean write = (flags & ASSAY_CENTRAL_OPEN_WRITE) != 0;
  int open_flags = write ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;

  store->dir = g_strdup (dir);
  store->lock_fd = -1;

  if (sodium_init () < 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED, _("Could not initialise libsodium."));
      return NULL;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("The data directory “%s” does not exist. Create it with "
                     "“assay-central init --data %s --origin ORIGIN”."), dir, dir);
      return NULL;
    }
  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      not_ours (dir, error);
      return NULL;
    }
  if (sqlite3_open_v2 (db_path, &store->db, open_flags, NULL) != SQLITE_OK)
    {
      db_error (store->db, error);
      return NULL;
    }
  sqlite3_busy_timeout (store->db, 30000);
  if (!check_marker (store, error))
    return NULL;
  if (!write)
    return g_steal_pointer (&store);

  if (!take_lock (store, error)
      || !db_exec (store->db,
                   "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;"
                   "PRAGMA secure_delete = ON; PRAGMA cache_size = -65536;", error)
      || !load_state (store, error))
    return NULL;
  store->signer = load_signer (dir, store->origin, error);
  if (store->signer == NULL)
    return NULL;
  for (guint i = 0; i < N_STMTS; i++)
    if (sqlite3_prepare_v3 (store->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                            &store->stmts[i], NULL) != SQLITE_OK)
      {
        db_error (store->db, error);
        return NULL;
      }
  store->salt_used = SALT_POOL;
  return g_steal_pointer (&store);
}

static void
clear_txn_state (AssayCentralStore *store)
{
  g_clear_pointer (&store->builder, assay_merkle_builder_free);
  for (guint i = 0; i < MAX_LEVELS; i++)
    g_clear_pointer (&store->tiles[i], g_free);
  g_clear_pointer (&store->entries.data, g_byte_array_unref);
  g_clear_pointer (&store->bodies.data, g_byte_array_unref);
  g_clear_pointer (&store->old_partials, g_ptr_array_unref);
  g_clear_pointer (&store->created, g_ptr_array_unref);
  g_clear_pointer (&store->queue, g_array_unref);
  g_clear_error (&store->deferred);
  g_clear_pointer (&store->made_dir, g_free);
  store->in_txn = FALSE;
}

void
assay_central_store_free (AssayCentralStore *store)
{
  if (store == NULL)
    return;
  if (store->in_txn)
    assay_central_store_rollback (store);
  clear_txn_state (store);
  for (guint i = 0; i < N_STMTS; i++)
    sqlite3_finalize (store->stmts[i]);
  if (store->db != NULL)
    sqlite3_close (store->db);
  if (store->lock_fd >= 0)
    close (store->lock_fd);
  g_clear_pointer (&store->signer, assay_note_signer_free);
  sodium_memzero (store->salt_pool, sizeof store->salt_pool);
  g_free (store->origin);
  g_free (store->dir);
  g_free (store);
}

guint64
assay_central_store_get_size (AssayCentralStore *store)
{
  return store->size;
}

const char *
assay_central_store_get_origin (AssayCentralStore *store)
{
  return store->origin;
}

static gboolean
check_empty_dir (const char  *dir,
                 GError     **error)
{
  g_autoptr(GDir) d = NULL;
  g_autofree char *db_path = g_build_filename (dir, ASSAY_CENTRAL_DB_NAME, NULL);

  if (!g_file_test (dir, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS,
                   _("“%s” exists and is not a directory. Choose another --data path."), dir);
      return FALSE;
    }
  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS,
                   _("“%s” is already an assay-central data directory; init refuses to "
                     "overwrite it."), dir);
      return FALSE;
    }
  d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return FALSE;
  if (g_dir_read_name (d) != NULL)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_EXISTS,
                   _("The directory “%s” is not empty and is not an assay-central data "
                     "directory. Choose an empty or new directory."), dir);
      return FALSE;
    }
  return TRUE;
}

static gboolean
create_key_file (const char       *dir,
                 AssayNoteSigner  *signer,
                 GError          **error)
{
  g_autofree char *path = g_build_filename (dir, ASSAY_CENTRAL_KEY_NAME, NULL);
  g_autofree char *skey = assay_note_signer_to_string (signer);
  g_autofree char *line = g_strconcat (skey, "\n", NULL);
  gsize len = strlen (line);
  gboolean ok;
  int fd;

  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return io_error (error, path, errno);
  /* The umask may only remove bits, but be explicit. */
  ok = fchmod (fd, 0600) == 0 && write (fd, line, len) == (ssize_t) len && fsync (fd) == 0;
  if (!ok)
    io_error (error, path, errno);
  close (fd);
  sodium_memzero (line, len);
  sodium_memzero (skey, strlen (skey));
  return ok;
}

static gboolean
create_database (const char  *dir,
                 const char  *origin,
                 GError     **error)
{
  g_autofree char *db_path = g_build_filename (dir, ASSAY_CENTRAL_DB_NAME, NULL);
  guint8 dedup_key[crypto_shorthash_KEYBYTES];
  guint8 empty_range[1];
  sqlite3 *db = NULL;
  gboolean ok;

  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      ok = db_error (db, error);
      sqlite3_close (db);
      return ok;
    }
  randombytes_buf (dedup_key, sizeof dedup_key);
  ok = db_exec (db, "BEGIN", error)
       && db_exec (db, schema_sql, error)
       && write_meta (db, "schema", NULL, 0, STORE_SCHEMA, error)
       && write_meta (db, "size", NULL, 0, 0, error)
       && write_meta (db, "range", empty_range, 0, 0, error)
       && write_meta (db, "dedup_key", dedup_key, sizeof dedup_key, 0, error);
  if (ok)
    {
      sqlite3_stmt *stmt = NULL;

      /* Text values, written last: the marker makes the directory ours. */
      ok = sqlite3_prepare_v2 (db, "INSERT INTO meta (key, value) VALUES ('origin', ?1), "
                               "('format', '" STORE_FORMAT "')", -1, &stmt, NULL) == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, origin, -1, SQLITE_STATIC);
          ok = sqlite3_step (stmt) == SQLITE_DONE;
        }
      sqlite3_finalize (stmt);
      ok = (ok || db_error (db, error)) && db_exec (db, "COMMIT", error);
    }
  sqlite3_close (db);
  return ok;
}

char *
assay_central_store_create (const char  *dir,
                            const char  *origin,
                            GError     **error)
{
  g_autoptr(AssayNoteSigner) signer = NULL;
  g_autoptr(AssayCentralStore) store = NULL;
  g_autofree char *tile_dir = g_build_filename (dir, "tile", NULL);
  g_autofree char *body_dir = g_build_filename (dir, "body", NULL);

  if (!assay_central_origin_validate (origin, error) || !check_empty_dir (dir, error))
    return NULL;
  if (sodium_init () < 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED, _("Could not initialise libsodium."));
      return NULL;
    }
  signer = assay_note_signer_generate (origin, error);
  if (signer == NULL)
    return NULL;
  if (g_mkdir_with_parents (dir, 0755) != 0 || g_mkdir (tile_dir, 0755) != 0
      || g_mkdir (body_dir, 0755) != 0)
    {
      io_error (error, dir, errno);
      return NULL;
    }
  if (!create_key_file (dir, signer, error) || !create_database (dir, origin, error))
    return NULL;

  /* Sign the empty tree so that clients see a checkpoint from the start. */
  store = assay_central_store_open (dir, ASSAY_CENTRAL_OPEN_WRITE, error);
  if (store == NULL || !assay_central_store_begin (store, error)
      || !assay_central_store_commit (store, error))
    return NULL;
  return assay_note_signer_get_verifier_string (signer);
}

/* ---- writing tiles and bundles ---------------------------------------- */

static gboolean
store_write (AssayCentralStore  *store,
             const char         *rel,
             const guint8       *data,
             gsize               len,
             GError            **error)
{
  g_autofree char *path = g_build_filename (store->dir, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  gboolean existed;

  if (g_strcmp0 (parent, store->made_dir) != 0)
    {
      if (g_mkdir_with_parents (parent, 0755) != 0)
        return io_error (error, parent, errno);
      g_free (store->made_dir);
      store->made_dir = g_steal_pointer (&parent);
    }
  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!write_file_atomic (store->dir, rel, data, len, 0644, FALSE, error))
    return FALSE;
  if (!existed)
    g_ptr_array_add (store->created, g_steal_pointer (&path));
  return TRUE;
}

static char *
hash_tile_path (guint level, guint64 index, guint width)
{
  return assay_tile_path (level, index, width);
}

/* Loads the partial tile or bundle of the committed tree, which the next
 * appends extend. */
static GBytes *
read_partial (AssayCentralStore  *store,
              const char         *rel,
              GError            **error)
{
  g_autofree char *path = g_build_filename (store->dir, rel, NULL);
  char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                   _("The tile “%s” of the published log is missing or unreadable. The data "
                     "directory is damaged; restore it from a backup."), path);
      return NULL;
    }
  return g_bytes_new_take (data, len);
}

static void
remember_partial (AssayCentralStore *store,
                  char              *rel)
{
  g_ptr_array_add (store->old_partials, rel);
}

static gboolean
flush_tile (AssayCentralStore  *store,
            guint               level,
            GError            **error)
{
  HashTile *tile = store->tiles[level];
  g_autofree char *rel = hash_tile_path (level, tile->index, tile->width);

  return store_write (store, rel, tile->hashes, (gsize) tile->width * ASSAY_HASH_SIZE, error);
}

static gboolean
flush_bundle (AssayCentralStore  *store,
              Bundle             *bundle,
              gboolean            is_body,
              GError            **error)
{
  g_autofree char *rel = is_body ? assay_tile_body_path (bundle->index, bundle->width)
                                 : assay_tile_entries_path (bundle->index, bundle->width);

  return store_write (store, rel, bundle->data->data, bundle->data->len, error);
}

static void
node_cb (guint         level,
         guint64       index,
         const guint8  hash[ASSAY_HASH_SIZE],
         gpointer      user_data)
{
  AssayCentralStore *store = user_data;
  guint tile_level = level / ASSAY_TILE_HEIGHT;
  HashTile *tile;

  if (level % ASSAY_TILE_HEIGHT != 0 || tile_level >= MAX_LEVELS || store->deferred != NULL)
    return;
  if (store->tiles[tile_level] == NULL)
    store->tiles[tile_level] = g_new0 (HashTile, 1);
  tile = store->tiles[tile_level];
  g_assert (index == tile->index * ASSAY_TILE_WIDTH + tile->width);

  memcpy (tile->hashes + (gsize) tile->width * ASSAY_HASH_SIZE, hash, ASSAY_HASH_SIZE);
  if (++tile->width == ASSAY_TILE_WIDTH)
    {
      flush_tile (store, tile_level, &store->deferred);
      tile->index++;
      tile->width = 0;
    }
}

static gboolean
load_bundle (AssayCentralStore  *store,
             Bundle             *bundle,
             gboolean            is_body,
             GError            **error)
{
  bundle->index = store->size / ASSAY_TILE_WIDTH;
  bundle->width = store->size % ASSAY_TILE_WIDTH;
  bundle->data = g_byte_array_sized_new (is_body ? 128 * 1024 : ASSAY_TILE_WIDTH * 34);
  if (bundle->width > 0)
    {
      char *rel = is_body ? assay_tile_body_path (bundle->index, bundle->width)
                          : assay_tile_entries_path (bundle->index, bundle->width);
      g_autoptr(GBytes) old = read_partial (store, rel, error);

      remember_partial (store, rel);
      if (old == NULL)
        return FALSE;
      g_byte_array_append (bundle->data, g_bytes_get_data (old, NULL), g_bytes_get_size (old));
    }
  return TRUE;
}

/* Loads the compact range and the partial tiles: what appending needs. */
static gboolean
ensure_writer (AssayCentralStore  *store,
               GError            **error)
{
  g_autoptr(GBytes) range = NULL;

  if (store->builder != NULL)
    return TRUE;
  range = read_meta_blob (store->db, "range", error);
  if (range == NULL)
    return FALSE;
  store->builder = assay_merkle_builder_new_from_range (store->size, g_bytes_get_data (range, NULL),
                                                        g_bytes_get_size (range) / ASSAY_HASH_SIZE,
                                                        error);
  if (store->builder == NULL)
    return FALSE;
  assay_merkle_builder_set_callback (store->builder, node_cb, store);

  for (guint level = 0; level < MAX_LEVELS; level++)
    {
      guint64 nodes = level == 0 ? store->size : store->size >> (level * ASSAY_TILE_HEIGHT);
      HashTile *tile = g_new0 (HashTile, 1);

      store->tiles[level] = tile;
      tile->index = nodes / ASSAY_TILE_WIDTH;
      tile->width = nodes % ASSAY_TILE_WIDTH;
      if (tile->width > 0)
        {
          char *rel = hash_tile_path (level, tile->index, tile->width);
          g_autoptr(GBytes) old = read_partial (store, rel, error);

          remember_partial (store, rel);
          if (old == NULL)
            return FALSE;
          if (g_bytes_get_size (old) != (gsize) tile->width * ASSAY_HASH_SIZE)
            {
              g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_DATA,
                           _("The tile “%s” has the wrong size. The data directory is damaged; "
                             "restore it from a backup."), rel);
              return FALSE;
            }
          memcpy (tile->hashes, g_bytes_get_data (old, NULL), g_bytes_get_size (old));
        }
    }
  return load_bundle (store, &store->entries, FALSE, error)
         && load_bundle (store, &store->bodies, TRUE, error);
}

static gboolean
bundle_advance (AssayCentralStore  *store,
                Bundle             *bundle,
                gboolean            is_body,
                GError            **error)
{
  if (++bundle->width < ASSAY_TILE_WIDTH)
    return TRUE;
  if (!flush_bundle (store, bundle, is_body, error))
    return FALSE;
  bundle->index++;
  bundle->width = 0;
  g_byte_array_set_size (bundle->data, 0);
  return TRUE;
}

/* Appends one body to the tree: commitment, leaf, tiles and both bundles
 * (no database access, so the appender thread can run it). */
static gboolean
append_files (AssayCentralStore  *store,
              const guint8       *salt,
              const guint8       *body,
              gsize               len,
              GError            **error)
{
  guint8 commitment[ASSAY_HASH_SIZE];
  guint8 leaf[ASSAY_HASH_SIZE];

  assay_entry_commitment (salt, (const char *) body, len, commitment);
  assay_merkle_leaf_hash (commitment, ASSAY_HASH_SIZE, leaf);
  assay_merkle_builder_append (store->builder, leaf);
  if (store->deferred != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&store->deferred));
      return FALSE;
    }

  assay_entry_bundle_append (store->entries.data, commitment);
  assay_body_bundle_append (store->bodies.data, salt, (const char *) body, len);
  return bundle_advance (store, &store->entries, FALSE, error)
         && bundle_advance (store, &store->bodies, TRUE, error);
}

static gboolean
insert_leaf_row (AssayCentralStore  *store,
                 guint64             idx,
                 gint64              seq,
                 GError            **error)
{
  sqlite3_stmt *stmt = store->stmts[STMT_INSERT_LEAF];
  int rc;

  sqlite3_bind_int64 (stmt, 1, idx);
  sqlite3_bind_int64 (stmt, 2, seq);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (store->db, error);
  return TRUE;
}

/* Appends one body to the log, synchronously. */
static gboolean
append_leaf (AssayCentralStore  *store,
             gint64              seq,
             const guint8       *salt,
             const guint8       *body,
             gsize               len,
             GError            **error)
{
  guint64 idx = assay_merkle_builder_get_size (store->builder);

  return append_files (store, salt, body, len, error)
         && insert_leaf_row (store, idx, seq, error);
}

/* ---- the appender thread ---------------------------------------------- */

/* While the main thread reads bodies back from the database in log order,
 * a second thread hashes them and writes the tiles and bundles.  Batches
 * go round between two queues, so at most APPENDER_BATCHES are in memory. */
#define APPENDER_BATCHES 4
#define APPENDER_BATCH   1024

typedef struct
{
  GByteArray *data;   /* per entry: guint32 length, salt, body */
  guint       n;
  gboolean    last;
} Batch;

typedef struct
{
  AssayCentralStore *store;
  GThread           *thread;
  GAsyncQueue       *full;
  GAsyncQueue       *empty;
  Batch             *current;
  GError            *error;   /* the worker's first error; read after join */
} Appender;

static void
appender_process (Appender *appender,
                  Batch    *batch)
{
  const guint8 *p = batch->data->data;

  for (guint i = 0; i < batch->n && appender->error == NULL; i++)
    {
      guint32 len;

      memcpy (&len, p, sizeof len);
      append_files (appender->store, p + sizeof len, p + sizeof len + ASSAY_SALT_SIZE, len,
                    &appender->error);
      p += sizeof len + ASSAY_SALT_SIZE + len;
    }
}

static gpointer
appender_thread (gpointer data)
{
  Appender *appender = data;
  gboolean last = FALSE;

  while (!last)
    {
      Batch *batch = g_async_queue_pop (appender->full);

      last = batch->last;
      appender_process (appender, batch);
      g_byte_array_set_size (batch->data, 0);
      batch->n = 0;
      g_async_queue_push (appender->empty, batch);
    }
  return NULL;
}

static void
appender_start (Appender          *appender,
                AssayCentralStore *store)
{
  appender->store = store;
  appender->full = g_async_queue_new ();
  appender->empty = g_async_queue_new ();
  appender->current = NULL;
  appender->error = NULL;
  for (guint i = 0; i < APPENDER_BATCHES; i++)
    {
      Batch *batch = g_new0 (Batch, 1);

      batch->data = g_byte_array_sized_new (APPENDER_BATCH * 512);
      g_async_queue_push (appender->empty, batch);
    }
  appender->thread = g_thread_new ("assay-appender", appender_thread, appender);
}

static void
appender_add (Appender     *appender,
              const guint8 *salt,
              const guint8 *body,
              guint32       len)
{
  Batch *batch = appender->current;

  if (batch == NULL)
    batch = appender->current = g_async_queue_pop (appender->empty);
  g_byte_array_append (batch->data, (const guint8 *) &len, sizeof len);
  g_byte_array_append (batch->data, salt, ASSAY_SALT_SIZE);
  g_byte_array_append (batch->data, body, len);
  if (++batch->n == APPENDER_BATCH)
    {
      g_async_queue_push (appender->full, batch);
      appender->current = NULL;
    }
}

static gboolean
appender_finish (Appender  *appender,
                 GError   **error)
{
  Batch *batch = appender->current;

  if (batch == NULL)
    batch = g_async_queue_pop (appender->empty);
  batch->last = TRUE;
  g_async_queue_push (appender->full, batch);
  g_thread_join (appender->thread);
  for (guint i = 0; i < APPENDER_BATCHES; i++)
    {
      batch = g_async_queue_pop (appender->empty);
      g_byte_array_unref (batch->data);
      g_free (batch);
    }
  g_async_queue_unref (appender->full);
  g_async_queue_unref (appender->empty);
  if (appender->error != NULL)
    {
      g_propagate_error (error, appender->error);
      return FALSE;
    }
  return TRUE;
}

/* ---- transactions ----------------------------------------------------- */

gboolean
assay_central_store_begin (AssayCentralStore  *store,
                           GError            **error)
{
  g_return_val_if_fail (store->signer != NULL, FALSE);
  g_return_val_if_fail (!store->in_txn, FALSE);

  if (!db_exec (store->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  store->in_txn = TRUE;
  store->first_seq = -1;
  store->old_partials = g_ptr_array_new_with_free_func (g_free);
  store->created = g_ptr_array_new_with_free_func (g_free);
  store->queue = g_array_new (FALSE, FALSE, sizeof (Queued));
  store->n_checked = 0;
  return TRUE;
}

static void
next_salt (AssayCentralStore *store,
           guint8             out[ASSAY_SALT_SIZE])
{
  if (store->salt_used == SALT_POOL)
    {
      randombytes_buf (store->salt_pool, SALT_POOL);
      store->salt_used = 0;
    }
  memcpy (out, store->salt_pool + store->salt_used, ASSAY_SALT_SIZE);
  sodium_memzero (store->salt_pool + store->salt_used, ASSAY_SALT_SIZE);
  store->salt_used += ASSAY_SALT_SIZE;
}

static gint64
dedup_hash (AssayCentralStore *store,
            const char        *body,
            gsize              len)
{
  guint8 out[crypto_shorthash_BYTES];
  gint64 value;

  crypto_shorthash (out, (const guint8 *) body, len, store->dedup_key);
  memcpy (&value, out, sizeof value);
  return value;
}

static gboolean
insert_body (AssayCentralStore  *store,
             const char         *account,
             guint32             event_day,
             const guint8       *salt,
             const char         *body,
             gsize               len,
             gint64             *out_seq,
             GError            **error)
{
  sqlite3_stmt *stmt = store->stmts[STMT_INSERT_BODY];
  int rc;

  if (account != NULL)
    {
      sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, event_day);
    }
  else
    {
      sqlite3_bind_null (stmt, 1);
      sqlite3_bind_null (stmt, 2);
    }
  sqlite3_bind_blob (stmt, 3, salt, ASSAY_SALT_SIZE, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 4, body, len, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (store->db, error);
  *out_seq = sqlite3_last_insert_rowid (store->db);
  if (store->first_seq < 0)
    store->first_seq = *out_seq;
  return TRUE;
}

/* Queue keys sort as (publication day, import order). */
static inline guint64
queue_key (guint32 pub_day,
           gint64  seq)
{
  return ((guint64) pub_day << QUEUE_SEQ_BITS) | (guint64) seq;
}

static gboolean
bodies_equal (AssayCentralStore  *store,
              gint64              a,
              gint64              b,
              gboolean           *out_equal,
              GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (store->db, "SELECT (SELECT body FROM bodies WHERE seq = ?1) = "
                          "(SELECT body FROM bodies WHERE seq = ?2)", -1, &stmt, NULL) != SQLITE_OK)
    return db_error (store->db, error);
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  rc = sqlite3_step (stmt);
  *out_equal = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 1;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return db_error (store->db, error);
  return TRUE;
}

/* Records the body's hash, or finds the earlier body with that hash and
 * says whether it is the same.  Two different bodies with one 64-bit keyed
 * hash (about one chance in 10^7 in a log of a billion entries) are both
 * kept; the later one has no duplicate protection. */
static gboolean
record_hash (AssayCentralStore  *store,
             gint64              hash,
             gint64              seq,
             gint64             *out_earlier,
             GError            **error)
{
  sqlite3_stmt *insert = store->stmts[STMT_INSERT_DEDUP];
  sqlite3_stmt *find = store->stmts[STMT_FIND_DEDUP];
  gboolean equal = FALSE;
  int rc;

  *out_earlier = -1;
  sqlite3_bind_int64 (insert, 1, hash);
  sqlite3_bind_int64 (insert, 2, seq);
  rc = sqlite3_step (insert);
  sqlite3_reset (insert);
  if (rc != SQLITE_DONE)
    return db_error (store->db, error);
  if (sqlite3_changes (store->db) == 1)
    return TRUE;

  sqlite3_bind_int64 (find, 1, hash);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    *out_earlier = sqlite3_column_int64 (find, 0);
  sqlite3_reset (find);
  if (rc != SQLITE_ROW)
    return db_error (store->db, error);
  if (!bodies_equal (store, *out_earlier, seq, &equal, error))
    return FALSE;
  if (!equal)
    *out_earlier = -1;
  return TRUE;
}

static int
compare_hashes (gconstpointer a,
                gconstpointer b)
{
  const Queued *x = a, *y = b;

  if (x->hash != y->hash)
    return (x->hash > y->hash) - (x->hash < y->hash);
  return (x->key & QUEUE_SEQ_MASK) > (y->key & QUEUE_SEQ_MASK) ? 1 : -1;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const Queued *x = a, *y = b;

  return (x->key > y->key) - (x->key < y->key);
}

/* Checks the queued entries not checked yet against every body stored
 * before and against each other, in hash order so the dedup table fills
 * sequentially.  Duplicates go to the duplicate callback. */
static gboolean
check_queue (AssayCentralStore  *store,
             GError            **error)
{
  GArray *queue = store->queue;
  Queued *items = &g_array_index (queue, Queued, store->n_checked);
  guint n = queue->len - store->n_checked;

  if (n == 0)
    return TRUE;
  qsort (items, n, sizeof (Queued), compare_hashes);
  for (guint i = 0; i < n; i++)
    {
      gint64 seq = items[i].key & QUEUE_SEQ_MASK;
      gint64 earlier = -1;

      if (!record_hash (store, items[i].hash, seq, &earlier, error))
        return FALSE;
      if (earlier >= 0 && store->duplicate_func != NULL)
        store->duplicate_func (items[i].line, earlier >= store->first_seq, store->duplicate_data);
    }
  g_array_sort (queue, compare_keys);
  store->n_checked = queue->len;
  return TRUE;
}

static gboolean
insert_pending (AssayCentralStore  *store,
                const Queued       *items,
                guint               n,
                GError            **error)
{
  sqlite3_stmt *stmt = store->stmts[STMT_INSERT_PENDING];

  for (guint i = 0; i < n; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, items[i].key >> QUEUE_SEQ_BITS);
      sqlite3_bind_int64 (stmt, 2, items[i].key & QUEUE_SEQ_MASK);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return db_error (store->db, error);
    }
  return TRUE;
}

/* Moves the in-memory queue to the pending table. */
static gboolean
spill_queue (AssayCentralStore  *store,
             GError            **error)
{
  if (!check_queue (store, error)
      || !insert_pending (store, (const Queued *) store->queue->data, store->queue->len, error))
    return FALSE;
  g_array_set_size (store->queue, 0);
  store->n_checked = 0;
  return TRUE;
}

void
assay_central_store_set_duplicate_func (AssayCentralStore         *store,
                                        AssayCentralDuplicateFunc  func,
                                        gpointer                   user_data)
{
  store->duplicate_func = func;
  store->duplicate_data = user_data;
}

gboolean
assay_central_store_add (AssayCentralStore  *store,
                         const char         *body,
                         gsize               len,
                         const AssayEntry   *entry,
                         guint64             line,
                         GError            **error)
{
  guint8 salt[ASSAY_SALT_SIZE];
  Queued item;
  gint64 seq = 0;

  g_return_val_if_fail (store->in_txn, FALSE);
  g_return_val_if_fail (len <= ASSAY_ENTRY_MAX_BODY, FALSE);

  next_salt (store, salt);
  if (!insert_body (store, entry->account, entry->event_day, salt, body, len, &seq, error))
    return FALSE;

  item.key = queue_key (entry->publication_day, seq);
  item.hash = dedup_hash (store, body, len);
  item.line = line;
  g_array_append_val (store->queue, item);
  if (store->queue->len >= QUEUE_MAX)
    return spill_queue (store, error);
  return TRUE;
}

gboolean
assay_central_store_check_duplicates (AssayCentralStore  *store,
                                      GError            **error)
{
  g_return_val_if_fail (store->in_txn, FALSE);

  return check_queue (store, error);
}

typedef struct
{
  sqlite3_stmt *pending;   /* due rows of the pending table, in order */
  gboolean      pending_row;
  const Queued  *queue;    /* due entries of this transaction, sorted */
  guint          queue_len;
  guint          queue_pos;
} DueMerge;

static gboolean
merge_next (DueMerge  *merge,
            gint64    *out_seq)
{
  guint64 pending_key = G_MAXUINT64;

  if (merge->pending_row)
    pending_key = queue_key (sqlite3_column_int64 (merge->pending, 0),
                             sqlite3_column_int64 (merge->pending, 1));
  if (merge->queue_pos < merge->queue_len && merge->queue[merge->queue_pos].key < pending_key)
    {
      *out_seq = merge->queue[merge->queue_pos++].key & QUEUE_SEQ_MASK;
      return TRUE;
    }
  if (!merge->pending_row)
    return FALSE;
  *out_seq = sqlite3_column_int64 (merge->pending, 1);
  merge->pending_row = sqlite3_step (merge->pending) == SQLITE_ROW;
  return TRUE;
}

/* Reads a body back for the appender and records its leaf index. */
static gboolean
append_seq (AssayCentralStore  *store,
            Appender           *appender,
            guint64             idx,
            gint64              seq,
            GError            **error)
{
  sqlite3_stmt *stmt = store->stmts[STMT_GET_BODY];

  sqlite3_bind_int64 (stmt, 1, seq);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return db_error (store->db, error);
    }
  appender_add (appender, sqlite3_column_blob (stmt, 0), sqlite3_column_blob (stmt, 1),
                sqlite3_column_bytes (stmt, 1));
  sqlite3_reset (stmt);
  return insert_leaf_row (store, idx, seq, error);
}

/* The queue, checked and sorted: how many leading entries are due. */
static guint
count_due (GArray  *queue,
           guint32  today)
{
  guint64 limit = queue_key (today + 1, 0);
  guint due = 0;

  while (due < queue->len && g_array_index (queue, Queued, due).key < limit)
    due++;
  return due;
}

gboolean
assay_central_store_integrate (AssayCentralStore  *store,
                               guint32             today,
                               guint64            *out_n_added,
                               GError            **error)
{
  DueMerge merge = { NULL };
  Appender appender;
  guint64 first_idx;
  guint64 n = 0, from_pending = 0;
  gboolean ok = TRUE;
  gint64 seq;
  guint due;
  int rc;

  g_return_val_if_fail (store->in_txn, FALSE);

  if (!ensure_writer (store, error) || !check_queue (store, error))
    return FALSE;
  due = count_due (store->queue, today);
  if (!insert_pending (store, &g_array_index (store->queue, Queued, due), store->queue->len - due, error))
    return FALSE;

  if (sqlite3_prepare_v2 (store->db, "SELECT pub_day, seq FROM pending WHERE pub_day <= ?1 "
                          "ORDER BY pub_day, seq", -1, &merge.pending, NULL) != SQLITE_OK)
    return db_error (store->db, error);
  sqlite3_bind_int64 (merge.pending, 1, today);
  merge.pending_row = sqlite3_step (merge.pending) == SQLITE_ROW;
  merge.queue = (const Queued *) store->queue->data;
  merge.queue_len = due;

  first_idx = assay_merkle_builder_get_size (store->builder);
  appender_start (&appender, store);
  while (ok && merge_next (&merge, &seq))
    {
      ok = append_seq (store, &appender, first_idx + n, seq, error);
      n++;
    }
  from_pending = n - merge.queue_pos;
  rc = sqlite3_errcode (store->db);
  sqlite3_finalize (merge.pending);
  if (!appender_finish (&appender, ok ? error : NULL))
    ok = FALSE;
  g_array_set_size (store->queue, 0);
  store->n_checked = 0;
  if (!ok)
    return FALSE;
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    return db_error (store->db, error);

  if (from_pending > 0)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (store->db, "DELETE FROM pending WHERE pub_day <= ?1", -1, &stmt, NULL) != SQLITE_OK)
        return db_error (store->db, error);
      sqlite3_bind_int64 (stmt, 1, today);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return db_error (store->db, error);
    }
  if (out_n_added != NULL)
    *out_n_added = n;
  return TRUE;
}

guint64
assay_central_store_count_pending (AssayCentralStore *store)
{
  sqlite3_stmt *stmt = NULL;
  guint64 n = 0;

  if (sqlite3_prepare_v2 (store->db, "SELECT count(*) FROM pending", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* ---- erasing ---------------------------------------------------------- */

static gboolean
collect_seqs (AssayCentralStore  *store,
              const char         *account,
              guint32             from_day,
              guint32             to_day,
              GHashTable         *seqs,
              GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (store->db, "SELECT seq FROM bodies WHERE account = ?1 "
                          "AND event_day BETWEEN ?2 AND ?3", -1, &stmt, NULL) != SQLITE_OK)
    return db_error (store->db, error);
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, from_day);
  sqlite3_bind_int64 (stmt, 3, to_day);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *seq = g_new (gint64, 1);

      *seq = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (seqs, seq);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return db_error (store->db, error);
  return TRUE;
}

/* Sorted leaf indices of the given body rows (a full scan of the leaf
 * order: erasing is rare and the table is narrow). */
static GArray *
find_leaves (AssayCentralStore  *store,
             GHashTable         *seqs,
             GError            **error)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint64));
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (store->db, "SELECT idx, seq FROM leaves ORDER BY idx", -1, &stmt, NULL) != SQLITE_OK)
    {
      db_error (store->db, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 1);

      if (g_hash_table_contains (seqs, &seq))
        {
          guint64 idx = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (found, idx);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      db_error (store->db, error);
      return NULL;
    }
  return g_steal_pointer (&found);
}

static gboolean
delete_row (AssayCentralStore  *store,
            sqlite3_stmt      **stmts,
            gint64              seq,
            guint64            *n_pending)
{
  gboolean ok;

  for (guint i = 0; i < 4; i++)
    sqlite3_bind_int64 (stmts[i], 1, seq);
  ok = sqlite3_step (stmts[0]) == SQLITE_ROW;
  if (ok)
    sqlite3_bind_int64 (stmts[1], 2, dedup_hash (store, sqlite3_column_blob (stmts[0], 0),
                                                 sqlite3_column_bytes (stmts[0], 0)));
  ok = ok && sqlite3_step (stmts[1]) == SQLITE_DONE && sqlite3_step (stmts[2]) == SQLITE_DONE
       && sqlite3_step (stmts[3]) == SQLITE_DONE;
  *n_pending += sqlite3_changes (store->db);
  for (guint i = 0; i < 4; i++)
    sqlite3_reset (stmts[i]);
  return ok;
}

/* Deletes the bodies, their hashes and their pending rows; secure_delete
 * overwrites the freed bytes. */
static gboolean
delete_rows (AssayCentralStore  *store,
             GHashTable         *seqs,
             guint64            *out_n_pending,
             GError            **error)
{
  const char *sql[] = {
    "SELECT body FROM bodies WHERE seq = ?1",
    "DELETE FROM dedup WHERE seq = ?1 AND hash = ?2",
    "DELETE FROM bodies WHERE seq = ?1",
    "DELETE FROM pending WHERE seq = ?1",
  };
  sqlite3_stmt *stmts[G_N_ELEMENTS (sql)] = { NULL };
  GHashTableIter iter;
  gpointer key;
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < G_N_ELEMENTS (sql); i++)
    ok = sqlite3_prepare_v2 (store->db, sql[i], -1, &stmts[i], NULL) == SQLITE_OK;
  *out_n_pending = 0;
  g_hash_table_iter_init (&iter, seqs);
  while (ok && g_hash_table_iter_next (&iter, &key, NULL))
    ok = delete_row (store, stmts, *(gint64 *) key, out_n_pending);
  if (!ok)
    db_error (store->db, error);
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    sqlite3_finalize (stmts[i]);
  return ok;
}

/* Rewrites body bundle N of the committed tree from the database, where
 * erased leaves have no body row any more and become B = 0 records; and
 * removes older partial versions of it, which still hold the bodies. */
static gboolean
rewrite_body_bundle (AssayCentralStore  *store,
                     guint64             n,
                     GError            **error)
{
  sqlite3_stmt *stmt = store->stmts[STMT_LEAF_BODY];
  guint64 first = n * ASSAY_TILE_WIDTH;
  guint width = MIN (store->size - first, ASSAY_TILE_WIDTH);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autofree char *rel = assay_tile_body_path (n, width);
  g_autofree char *full_rel = assay_tile_body_path (n, ASSAY_TILE_WIDTH);
  g_autofree char *partial_dir = g_strconcat (store->dir, "/", full_rel, ".p", NULL);
  g_autoptr(GDir) d = NULL;
  const char *name;

  for (guint i = 0; i < width; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, first + i);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        assay_body_bundle_append (data, sqlite3_column_blob (stmt, 0),
                                  sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      else if (rc == SQLITE_ROW)
        assay_body_bundle_append_erased (data);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        return db_error (store->db, error);
    }
  if (!write_file_atomic (store->dir, rel, data->data, data->len, 0644, TRUE, error))
    return FALSE;

  d = g_dir_open (partial_dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (partial_dir, name, NULL);

      if (width == ASSAY_TILE_WIDTH || g_ascii_strtoull (name, NULL, 10) != width)
        g_unlink (path);
    }
  return TRUE;
}

static char *
tombstone_json (const guint64 *idx,
                guint          n,
                guint32        issued_day)
{
  g_autofree char *issued = format_day (issued_day);
  GString *json = g_string_new ("{\"kind\":\"tombstone\",\"erased\":[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s%" G_GUINT64_FORMAT, i > 0 ? "," : "", idx[i]);
  g_string_append_printf (json, "],\"issued\":\"%s\"}", issued);
  return g_string_free (json, FALSE);
}

/* Appends tombstones naming the erased leaves, as many as it takes to keep
 * each body within the size limit. */
static gboolean
append_tombstones (AssayCentralStore  *store,
                   GArray             *leaves,
                   guint32             issued_day,
                   GError            **error)
{
  /* 20 digits and a comma per index, plus the fixed part. */
  const guint per_body = (ASSAY_ENTRY_MAX_BODY - 64) / 21;

  for (guint start = 0; start < leaves->len; start += per_body)
    {
      guint n = MIN (per_body, leaves->len - start);
      g_autofree char *body = tombstone_json (&g_array_index (leaves, guint64, start), n, issued_day);
      gsize len = strlen (body);
      g_autoptr(AssayEntry) entry = assay_entry_parse (body, len, error);
      guint8 salt[ASSAY_SALT_SIZE];
      gint64 seq = 0, earlier = -1;

      if (entry == NULL)
        return FALSE;
      next_salt (store, salt);
      /* Erased leaves are never found again, so a tombstone never repeats
       * an earlier one; recording its hash keeps imports from copying it. */
      if (!insert_body (store, NULL, 0, salt, body, len, &seq, error)
          || !record_hash (store, dedup_hash (store, body, len), seq, &earlier, error)
          || !append_leaf (store, seq, salt, (const guint8 *) body, len, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
assay_central_store_erase (AssayCentralStore  *store,
                           const char         *account,
                           guint32             from_day,
                           guint32             to_day,
                           guint32             issued_day,
                           guint64            *out_n_erased,
                           guint64            *out_n_pending,
                           GError            **error)
{
  g_autoptr(GHashTable) seqs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) leaves = NULL;
  guint64 last_bundle = G_MAXUINT64;

  g_return_val_if_fail (store->in_txn, FALSE);
  /* The partial body bundle must be reloaded after the rewrite below. */
  g_return_val_if_fail (store->builder == NULL, FALSE);

  if (!collect_seqs (store, account, from_day, to_day, seqs, error))
    return FALSE;
  leaves = find_leaves (store, seqs, error);
  if (leaves == NULL || !delete_rows (store, seqs, out_n_pending, error))
    return FALSE;
  *out_n_erased = leaves->len;

  for (guint i = 0; i < leaves->len; i++)
    {
      guint64 bundle = g_array_index (leaves, guint64, i) / ASSAY_TILE_WIDTH;

      if (bundle != last_bundle && !rewrite_body_bundle (store, bundle, error))
        return FALSE;
      last_bundle = bundle;
    }
  if (leaves->len == 0)
    return TRUE;
  return ensure_writer (store, error) && append_tombstones (store, leaves, issued_day, error);
}

/* ---- committing ------------------------------------------------------- */

static gboolean
write_partials (AssayCentralStore  *store,
                GError            **error)
{
  for (guint level = 0; level < MAX_LEVELS; level++)
    if (store->tiles[level]->width > 0 && !flush_tile (store, level, error))
      return FALSE;
  return (store->entries.width == 0 || flush_bundle (store, &store->entries, FALSE, error))
         && (store->bodies.width == 0 || flush_bundle (store, &store->bodies, TRUE, error));
}

/* Every tile must be on disk before the database says the tree has
 * grown, and before any checkpoint covers it. */
static gboolean
sync_data_dir (AssayCentralStore  *store,
               GError            **error)
{
  int fd = open (store->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int rc;

  if (fd < 0)
    return io_error (error, store->dir, errno);
  rc = syncfs (fd);
  close (fd);
  if (rc != 0)
    return io_error (error, store->dir, errno);
  return TRUE;
}

static char *
sign_checkpoint (AssayCentralStore  *store,
                 guint64             size,
                 GError            **error)
{
  guint8 root[ASSAY_HASH_SIZE];
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  g_autofree char *text = NULL;

  assay_merkle_builder_get_root (store->builder, root);
  checkpoint = assay_checkpoint_new (store->origin, size, root);
  text = assay_checkpoint_format_text (checkpoint);
  return assay_note_sign (store->signer, text, error);
}

static gboolean
record_state (AssayCentralStore  *store,
              guint64             size,
              const char         *note,
              GError            **error)
{
  g_autoptr(GBytes) range = assay_merkle_builder_get_range (store->builder);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!write_meta (store->db, "size", NULL, 0, size, error)
      || !write_meta (store->db, "range", g_bytes_get_data (range, NULL),
                      g_bytes_get_size (range), 0, error))
    return FALSE;
  if (sqlite3_prepare_v2 (store->db, "INSERT OR REPLACE INTO checkpoints (size, note) VALUES (?1, ?2)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return db_error (store->db, error);
  sqlite3_bind_int64 (stmt, 1, size);
  sqlite3_bind_text (stmt, 2, note, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return db_error (store->db, error);
  return TRUE;
}

static gboolean
is_current_partial (AssayCentralStore *store,
                    const char        *rel)
{
  g_autofree char *entries = assay_tile_entries_path (store->entries.index, store->entries.width);
  g_autofree char *bodies = assay_tile_body_path (store->bodies.index, store->bodies.width);

  if (g_strcmp0 (rel, entries) == 0 || g_strcmp0 (rel, bodies) == 0)
    return TRUE;
  for (guint level = 0; level < MAX_LEVELS; level++)
    {
      g_autofree char *tile = hash_tile_path (level, store->tiles[level]->index,
                                              store->tiles[level]->width);

      if (g_strcmp0 (rel, tile) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
assay_central_store_commit (AssayCentralStore  *store,
                            GError            **error)
{
  g_autofree char *note = NULL;
  guint64 size;

  g_return_val_if_fail (store->in_txn, FALSE);

  if ((store->queue->len > 0 && !spill_queue (store, error)) || !ensure_writer (store, error))
    goto fail;
  size = assay_merkle_builder_get_size (store->builder);
  if (size != store->size && !write_partials (store, error))
    goto fail;
  note = sign_checkpoint (store, size, error);
  if (note == NULL
      || !sync_data_dir (store, error)
      || !record_state (store, size, note, error)
      || !db_exec (store->db, "COMMIT", error))
    goto fail;
  store->size = size;
  g_ptr_array_set_size (store->created, 0);

  if (!write_file_atomic (store->dir, ASSAY_CENTRAL_CHECKPOINT_NAME, (const guint8 *) note,
                          strlen (note), 0644, TRUE, error))
    {
      clear_txn_state (store);
      return FALSE;
    }

  /* Superseded partial tiles go only once the new checkpoint is out. */
  for (guint i = 0; i < store->old_partials->len; i++)
    {
      const char *rel = g_ptr_array_index (store->old_partials, i);
      g_autofree char *path = g_build_filename (store->dir, rel, NULL);

      if (!is_current_partial (store, rel))
        g_unlink (path);
    }
  clear_txn_state (store);
  return TRUE;

fail:
  assay_central_store_rollback (store);
  return FALSE;
}

void
assay_central_store_rollback (AssayCentralStore *store)
{
  if (!store->in_txn)
    return;
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  /* Tiles beyond the committed tree are never served, but do not leave
   * them lying around either. */
  for (guint i = 0; store->created != NULL && i < store->created->len; i++)
    g_unlink (g_ptr_array_index (store->created, i));
  clear_txn_state (store);
}

gboolean
assay_central_store_purge (AssayCentralStore  *store,
                           GError            **error)
{
  g_return_val_if_fail (!store->in_txn, FALSE);

  /* secure_delete has zeroed the freed cells; VACUUM rebuilds the file so
   * no free page or slack keeps a copy, and the rollback journal it uses
   * is deleted when it finishes. */
  return db_exec (store->db, "VACUUM", error);
}

gboolean
assay_central_read_checkpoint_size (const char *dir,
                                    guint64    *out_size)
{
  g_autofree char *path = g_build_filename (dir, ASSAY_CENTRAL_CHECKPOINT_NAME, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  lines = g_strsplit (text, "\n", 3);
  return g_strv_length (lines) >= 3
         && g_ascii_string_to_unsigned (lines[1], 10, 0, G_MAXUINT64, out_size, NULL);
}

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
#include <stdlib.h>
#include <string.h>
#include <linux/fs.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assay-central-store-private.h"
#include "assay-checkpoint.h"
#include "assay-error.h"
#include "assay-note.h"

#define STORE_FORMAT  "assay-central"
#define STORE_SCHEMA  2
#define LOCK_NAME     "central.lock"
#define LOCK_POLL_INTERVAL (50 * 1000)   /* µs */

static const char * const stmt_sql[N_STMTS] = {
  [STMT_INSERT_ENTRY] = "INSERT OR IGNORE INTO entries (key, seq, idx, account, event_day) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_FIND_ENTRY] = "SELECT seq, idx FROM entries WHERE key = ?1",
  [STMT_INSERT_PENDING] = "INSERT INTO pending (seq, pub_day, key, body) VALUES (?1, ?2, ?3, ?4)",
  /* A held body is checked for duplicates as a pending one is. */
  [STMT_PENDING_BODY] = "SELECT body FROM pending WHERE seq = ?1 "
                        "UNION ALL SELECT body FROM held WHERE seq = ?1",
  [STMT_PUBLISH_ENTRY] = "UPDATE entries SET idx = ?2 WHERE key = ?1",
};

/* Published bodies live only in the body bundles; the database keeps what
 * duplicate detection and erasure need, and the pending bodies. */
static const char schema_sql[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
  /* Every entry accepted and not erased, published or pending.  key is the
   * keyed hash of the body, or for the rare different body whose hash is
   * taken, the next free value; seq is the import order; idx the leaf
   * index, NULL while pending. */
  "CREATE TABLE entries (key INTEGER PRIMARY KEY, seq INTEGER NOT NULL, idx INTEGER,"
  "  account TEXT NOT NULL, event_day INTEGER NOT NULL);"
  /* Article Y queue: joins the log by publication day, then import order. */
  "CREATE TABLE pending (seq INTEGER PRIMARY KEY, pub_day INTEGER NOT NULL,"
  "  key INTEGER NOT NULL, body BLOB NOT NULL);"
  "CREATE INDEX pending_order ON pending (pub_day, seq);"
  "CREATE TABLE checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);";

/* ---- small helpers ---------------------------------------------------- */

gboolean
central_db_error (sqlite3   *db,
                  GError   **error)
{
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
               _("Database error: %s. Check that the disk is not full and the data directory is writable."),
               sqlite3_errmsg (db));
  return FALSE;
}

gboolean
central_db_exec (sqlite3     *db,
                 const char  *sql,
                 GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return central_db_error (db, error);
  return TRUE;
}

gboolean
central_db_step_done (sqlite3       *db,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || central_db_error (db, error);
}

gpointer
central_db_read_one (sqlite3             *db,
                     sqlite3_stmt        *stmt,
                     CentralReadRowFunc   read_row,
                     GError             **error)
{
  gpointer row = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    row = read_row (stmt);
  else if (rc != SQLITE_DONE)
    central_db_error (db, error);
  sqlite3_finalize (stmt);
  return row;
}

gboolean
central_db_read_all (sqlite3             *db,
                     sqlite3_stmt        *stmt,
                     CentralReadRowFunc   read_row,
                     GPtrArray           *list,
                     GError             **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_row (stmt));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || central_db_error (db, error);
}

gboolean
central_io_error (GError     **error,
                  const char  *path,
                  int          saved_errno)
{
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
               _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

gboolean
central_write_all (int fd,
                   const char *path,
                   const void *data,
                   gsize len,
                   GError **error)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = write (fd, (const char *) data + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          return central_io_error (error, path, saved);
        }
      done += n;
    }
  return TRUE;
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
      return central_io_error (error, dir, saved);
    }
  close (fd);
  return TRUE;
}

/* Writes DIR/REL through a temporary file and rename(), so readers (the
 * server) see either the old or the new file, never a torn one.  Durable
 * writes fsync the file and its directory; bulk tile writes are made
 * durable together by syncfs() before the database commits. */
gboolean
central_write_file_atomic (const char    *dir,
                           const char    *rel,
                           const guint8  *data,
                           gsize          len,
                           gboolean       durable,
                           GError       **error)
{
  g_autofree char *path = g_build_filename (dir, rel, NULL);
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  int fd;

  fd = open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return central_io_error (error, tmp, errno);
  if (!central_write_all (fd, tmp, data, len, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if ((durable && fsync (fd) != 0) || close (fd) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      return central_io_error (error, tmp, saved);
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      return central_io_error (error, path, saved);
    }
  if (durable)
    {
      g_autofree char *parent = g_path_get_dirname (path);

      return fsync_dir (parent, error);
    }
  return TRUE;
}

/* Tile and bundle directories hold thousands of new files per import.
 * ext4 puts a file's inode in its directory's block group and skips the
 * inodes freed there in the last minutes, one by one: after a big
 * deletion nearby, each new file cost 0.8 ms instead of 40 µs here.  The
 * "top directory" hint makes the allocator spread the subdirectories over
 * other groups instead.  Best effort: other file systems ignore it. */
void
central_mark_top_dir (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int flags = 0;

  if (fd < 0)
    return;
  if (ioctl (fd, FS_IOC_GETFLAGS, &flags) == 0 && (flags & FS_TOPDIR_FL) == 0)
    {
      flags |= FS_TOPDIR_FL;
      ioctl (fd, FS_IOC_SETFLAGS, &flags);
    }
  close (fd);
}

static void
mark_tree_dirs (const char *dir)
{
  g_autofree char *tile_dir = g_build_filename (dir, "tile", NULL);
  g_autofree char *body_dir = g_build_filename (dir, "body", NULL);

  central_mark_top_dir (tile_dir);
  central_mark_top_dir (body_dir);
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
    return central_db_error (db, error);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return central_db_error (db, error);
  return TRUE;
}

GBytes *
central_read_meta_blob (sqlite3     *db,
                        const char  *key,
                        GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  GBytes *bytes = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = ?1", -1, &stmt, NULL) != SQLITE_OK)
    {
      central_db_error (db, error);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  else
    central_db_error (db, error);
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
    return central_db_error (db, error);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (blob != NULL)
    sqlite3_bind_blob (stmt, 2, blob, blob_len, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 2, value);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return central_db_error (db, error);
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
  gint64 next_seq = 0;

  if (sqlite3_prepare_v2 (store->db, "SELECT value FROM meta WHERE key = 'origin'",
                          -1, &stmt, NULL) != SQLITE_OK)
    return central_db_error (store->db, error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    store->origin = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (store->origin == NULL)
    return not_ours (store->dir, error);

  if (!read_meta_int (store->db, "size", &size, error))
    return FALSE;
  store->size = size;
  if (!read_meta_int (store->db, "next_seq", &next_seq, error))
    return FALSE;
  store->next_seq = next_seq;

  key = central_read_meta_blob (store->db, "dedup_key", error);
  if (key == NULL)
    return FALSE;
  if (g_bytes_get_size (key) != sizeof store->dedup_key)
    return not_ours (store->dir, error);
  memcpy (store->dedup_key, g_bytes_get_data (key, NULL), sizeof store->dedup_key);
  return TRUE;
}

/* How long a writer waits for the lock, in seconds. */
static guint
lock_timeout (void)
{
  const char *value = g_getenv (ASSAY_CENTRAL_LOCK_TIMEOUT_ENV);
  guint64 seconds;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, 24 * 3600, &seconds, NULL))
    return seconds;
  return ASSAY_CENTRAL_LOCK_TIMEOUT_DEFAULT;
}

static gboolean
lock_busy (AssayCentralStore  *store,
           guint               waited,
           GError            **error)
{
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED,
               _("Another assay-central process is writing to %s; waited %u s. Try again when it "
                 "has finished, or wait longer with %s=SECONDS."),
               store->dir, waited, ASSAY_CENTRAL_LOCK_TIMEOUT_ENV);
  return FALSE;
}

/* Only one writer at a time: import, publish, erase and the service's own
 * appends hold this lock from opening until the checkpoint is written, so
 * checkpoints never go backwards and no append is lost.  The serving
 * process takes it only for each append, so a writer waits at most for
 * one batch; it polls, because flock() has no timeout and a signal to
 * interrupt it would reach a threaded process's other threads. */
static gboolean
take_lock (AssayCentralStore  *store,
           GError            **error)
{
  g_autofree char *path = g_build_filename (store->dir, LOCK_NAME, NULL);
  guint timeout = lock_timeout ();
  gint64 deadline = g_get_monotonic_time () + timeout * G_USEC_PER_SEC;

  store->lock_fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (store->lock_fd < 0)
    return central_io_error (error, path, errno);
  while (flock (store->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      if (errno != EWOULDBLOCK && errno != EINTR)
        return central_io_error (error, path, errno);
      if (g_get_monotonic_time () >= deadline)
        return lock_busy (store, timeout, error);
      g_usleep (LOCK_POLL_INTERVAL);
    }
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
  int open_flags = write || (flags & ASSAY_CENTRAL_OPEN_READ_RECOVER) != 0 ? SQLITE_OPEN_READWRITE
                                                                           : SQLITE_OPEN_READONLY;

  store->dir = g_strdup (dir);
  store->lock_fd = -1;
  /* A store freed without a transaction must not close descriptor 0. */
  store->spill_fd = -1;
  store->input_fd = -1;
  g_mutex_init (&store->files_lock);

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
      central_db_error (store->db, error);
      return NULL;
    }
  sqlite3_busy_timeout (store->db, 30000);
  if (!check_marker (store, error))
    return NULL;
  if (!write)
    return g_steal_pointer (&store);

  if (!take_lock (store, error)
      || !central_db_exec (store->db,
                   "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;"
                   "PRAGMA secure_delete = ON; PRAGMA cache_size = -65536;", error)
      /* Data directories made before redemptions were held lack the table. */
      || !central_db_exec (store->db, CENTRAL_HELD_SQL, error)
      || !load_state (store, error))
    return NULL;
  store->signer = load_signer (dir, store->origin, error);
  if (store->signer == NULL)
    return NULL;
  mark_tree_dirs (dir);
  for (guint i = 0; i < N_STMTS; i++)
    if (sqlite3_prepare_v3 (store->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                            &store->stmts[i], NULL) != SQLITE_OK)
      {
        central_db_error (store->db, error);
        return NULL;
      }
  return g_steal_pointer (&store);
}

static void
clear_txn_state (AssayCentralStore *store)
{
  central_tiles_clear (store);
  central_queue_clear (store);
  store->hold_func = NULL;
  store->hold_data = NULL;
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
  g_mutex_clear (&store->files_lock);
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
    return central_io_error (error, path, errno);
  /* The umask may only remove bits, but be explicit. */
  ok = fchmod (fd, 0600) == 0 && write (fd, line, len) == (ssize_t) len && fsync (fd) == 0;
  if (!ok)
    central_io_error (error, path, errno);
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
      ok = central_db_error (db, error);
      sqlite3_close (db);
      return ok;
    }
  randombytes_buf (dedup_key, sizeof dedup_key);
  ok = central_db_exec (db, "BEGIN", error)
       && central_db_exec (db, schema_sql, error)
       && write_meta (db, "schema", NULL, 0, STORE_SCHEMA, error)
       && write_meta (db, "size", NULL, 0, 0, error)
       && write_meta (db, "next_seq", NULL, 0, 1, error)
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
      ok = (ok || central_db_error (db, error)) && central_db_exec (db, "COMMIT", error);
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
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      central_io_error (error, dir, errno);
      return NULL;
    }
  /* body/ holds its first thousand bundles itself. */
  central_mark_top_dir (dir);
  if (g_mkdir (tile_dir, 0755) != 0 || g_mkdir (body_dir, 0755) != 0)
    {
      central_io_error (error, dir, errno);
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


/* ---- transactions ----------------------------------------------------- */

gboolean
assay_central_store_begin (AssayCentralStore  *store,
                           GError            **error)
{
  g_return_val_if_fail (store->signer != NULL, FALSE);
  g_return_val_if_fail (!store->in_txn, FALSE);

  if (!central_db_exec (store->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  store->in_txn = TRUE;
  store->first_seq = store->next_seq;
  store->old_partials = g_ptr_array_new_with_free_func (g_free);
  store->created = g_ptr_array_new_with_free_func (g_free);
  store->made_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  store->queue = g_array_new (FALSE, FALSE, sizeof (Queued));
  store->accounts = g_byte_array_new ();
  store->spill_fd = -1;
  store->input_fd = -1;
  randombytes_buf (store->salt_key, sizeof store->salt_key);
  store->n_held = 0;
  return TRUE;
}

void
assay_central_store_set_hold_func (AssayCentralStore    *store,
                                   AssayCentralHoldFunc  func,
                                   gpointer              user_data)
{
  g_return_if_fail (store->in_txn);

  store->hold_func = func;
  store->hold_data = user_data;
}

guint64
assay_central_store_get_n_held (AssayCentralStore *store)
{
  return store->n_held;
}

void
assay_central_store_set_duplicate_func (AssayCentralStore         *store,
                                        AssayCentralDuplicateFunc  func,
                                        gpointer                   user_data)
{
  store->duplicate_func = func;
  store->duplicate_data = user_data;
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

/* ---- committing ------------------------------------------------------- */

/* Every tile must be on disk before the database says the tree has
 * grown, and before any checkpoint covers it. */
static gboolean
sync_data_dir (AssayCentralStore  *store,
               GError            **error)
{
  int fd = open (store->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int rc;

  if (fd < 0)
    return central_io_error (error, store->dir, errno);
  rc = syncfs (fd);
  close (fd);
  if (rc != 0)
    return central_io_error (error, store->dir, errno);
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
    return central_db_error (store->db, error);
  sqlite3_bind_int64 (stmt, 1, size);
  sqlite3_bind_text (stmt, 2, note, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return central_db_error (store->db, error);
  return TRUE;
}

gboolean
assay_central_store_commit (AssayCentralStore  *store,
                            GError            **error)
{
  g_autofree char *note = NULL;
  guint64 size;

  g_return_val_if_fail (store->in_txn, FALSE);

  if ((store->queue->len > 0 && !central_queue_spill (store, error))
      || !central_tiles_load (store, error))
    goto fail;
  size = assay_merkle_builder_get_size (store->builder);
  if (size != store->size && !central_tiles_write_partials (store, error))
    goto fail;
  note = sign_checkpoint (store, size, error);
  /* The spill file goes before syncfs(), which would write it out too. */
  central_queue_clear (store);
  if (note == NULL
      || !write_meta (store->db, "next_seq", NULL, 0, store->next_seq, error)
      || !sync_data_dir (store, error)
      || !record_state (store, size, note, error)
      || !central_db_exec (store->db, "COMMIT", error))
    goto fail;
  store->size = size;
  g_ptr_array_set_size (store->created, 0);

  if (!central_write_file_atomic (store->dir, ASSAY_CENTRAL_CHECKPOINT_NAME, (const guint8 *) note,
                                  strlen (note), TRUE, error))
    {
      clear_txn_state (store);
      return FALSE;
    }

  /* Superseded partial tiles go only once the new checkpoint is out. */
  central_tiles_remove_superseded (store);
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
  /* The next seq is read back from the database. */
  store->next_seq = store->first_seq;
  central_tiles_remove_created (store);
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
  return central_db_exec (store->db, "VACUUM", error);
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


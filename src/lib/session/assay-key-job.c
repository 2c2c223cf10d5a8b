/* assay-key-job.c — creating a key file and changing its passphrase off the main thread
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

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "assay-error.h"
#include "assay-key-file.h"
#include "assay-key-job.h"
#include "assay-secret.h"

typedef struct
{
  char  *path;
  char  *old_passphrase;   /* sodium_malloc () memory, or NULL */
  gsize  old_len;
  char  *new_passphrase;   /* sodium_malloc () memory */
  gsize  new_len;
} KeyData;

static void
key_data_free (KeyData *data)
{
  g_free (data->path);
  /* sodium_free () wipes the memory before it frees it. */
  if (data->old_passphrase != NULL)
    sodium_free (data->old_passphrase);
  if (data->new_passphrase != NULL)
    sodium_free (data->new_passphrase);
  g_free (data);
}

char *
assay_key_job_default_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "assay", "keys", NULL);
}

char *
assay_key_job_path_for_name (const char  *name,
                             GError     **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *file = NULL;
  const char *p;

  for (p = name; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      break;
  if (name == NULL || *name == '\0' || *p != '\0' || name[0] == '.')
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                           _("Give the key a name made of letters, digits, “-”, “_” and “.”, such as your "
                             "own name: it names the key file."));
      return NULL;
    }
  folder = assay_key_job_default_folder ();
  file = g_strconcat (name, ".key", NULL);
  return g_build_filename (folder, file, NULL);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  KeyData *data = task_data;
  g_autofree char *folder = g_path_get_dirname (data->path);
  guint8 pk[ASSAY_KEY_PUBLIC_KEY_SIZE];
  GError *error = NULL;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Cannot create the folder “%s”: %s"), folder, g_strerror (saved));
      return;
    }
  if (!assay_key_file_create (data->path, data->new_passphrase, data->new_len, &error) ||
      !assay_key_file_read_public_key (data->path, pk, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, assay_key_id (pk), g_free);
}

void
assay_key_job_create_async (const char          *path,
                            const char          *passphrase,
                            gsize                passphrase_len,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  KeyData *data = g_new0 (KeyData, 1);

  g_return_if_fail (path != NULL);
  g_return_if_fail (passphrase != NULL);

  data->path = g_strdup (path);
  data->new_passphrase = assay_secret_dup (passphrase, passphrase_len);
  data->new_len = passphrase_len;
  g_task_set_source_tag (task, assay_key_job_create_async);
  g_task_set_task_data (task, data, (GDestroyNotify) key_data_free);
  g_task_run_in_thread (task, create_thread);
}

char *
assay_key_job_create_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The library's "wrong passphrase or damaged file", said as what to do. */
static void
explain_wrong_passphrase (GError **error)
{
  if (error == NULL || !g_error_matches (*error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION))
    return;
  g_clear_error (error);
  g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_VERIFICATION,
                       _("Wrong passphrase or damaged file: type the passphrase again. If it is right, "
                         "the key file is damaged."));
}

static void
change_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  KeyData *data = task_data;
  GError *error = NULL;

  if (assay_key_file_change_passphrase (data->path, data->old_passphrase, data->old_len,
                                        data->new_passphrase, data->new_len, &error))
    g_task_return_boolean (task, TRUE);
  else
    {
      explain_wrong_passphrase (&error);
      g_task_return_error (task, error);
    }
}

void
assay_key_job_change_passphrase_async (const char          *path,
                                       const char          *old_passphrase,
                                       gsize                old_len,
                                       const char          *new_passphrase,
                                       gsize                new_len,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  KeyData *data = g_new0 (KeyData, 1);

  g_return_if_fail (path != NULL);
  g_return_if_fail (old_passphrase != NULL && new_passphrase != NULL);

  data->path = g_strdup (path);
  data->old_passphrase = assay_secret_dup (old_passphrase, old_len);
  data->old_len = old_len;
  data->new_passphrase = assay_secret_dup (new_passphrase, new_len);
  data->new_len = new_len;
  g_task_set_source_tag (task, assay_key_job_change_passphrase_async);
  g_task_set_task_data (task, data, (GDestroyNotify) key_data_free);
  g_task_run_in_thread (task, change_thread);
}

gboolean
assay_key_job_change_passphrase_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

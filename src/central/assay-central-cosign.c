/* assay-central-cosign.c — `assay-central cosign`: a local witness cosigns the checkpoint
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

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "assay-central-commands.h"
#include "assay-central-options.h"
#include "assay-central-store-private.h"
#include "assay-checkpoint.h"
#include "assay-cli-options.h"
#include "assay-error.h"

/* A stand-in for a C2SP tlog-witness on the same machine: it checks the
 * log's signature on the served checkpoint and appends a tlog-cosignature
 * by its own key.  A real witness is another party that receives the
 * checkpoint with a consistency proof (POST add-checkpoint) and keeps its
 * own state; that protocol is not implemented here. */

/* Writes a fresh witness key to `path`, which must not exist (mode 0600). */
static gboolean
create_witness_key (const char *path,
                    const char *name,
                    GError **error)
{
  g_autoptr(AssayNoteSigner) signer = assay_note_signer_generate (name, error);
  g_autofree char *skey = NULL;
  g_autofree char *text = NULL;
  gsize len;
  int fd;

  if (signer == NULL)
    return FALSE;
  skey = assay_note_signer_to_string (signer);
  text = g_strconcat (skey, "\n", NULL);
  len = strlen (text);
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                   _("The witness key file “%s” already exists. Leave out --new-witness to "
                     "cosign with it, or choose another file."), path);
      return FALSE;
    }
  if (fd < 0)
    return central_io_error (error, path, errno);
  /* No half-written private key stays behind. */
  if (!central_write_all (fd, path, text, len, error))
    {
      g_unlink (path);
      return FALSE;
    }
  if (fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (path);
      return central_io_error (error, path, saved);
    }
  if (close (fd) != 0)
    {
      g_unlink (path);
      return central_io_error (error, path, errno);
    }
  return TRUE;
}

static AssayNoteSigner *
load_witness_key (const char *path,
                  GError **error)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  return assay_note_signer_new_from_string (g_strstrip (text), error);
}

static gboolean
already_cosigned (AssayNote *note,
                  AssayNoteSigner *witness)
{
  for (guint i = 0; i < assay_note_get_n_signatures (note); i++)
    if (assay_note_get_signature_key_id (note, i) == assay_note_signer_get_cosigner_key_id (witness) &&
        g_strcmp0 (assay_note_get_signature_name (note, i), assay_note_signer_get_name (witness)) == 0)
      return TRUE;
  return FALSE;
}

/* Cosigns the served checkpoint; `*out_done` FALSE if it already was. */
static gboolean
cosign (AssayCentralStore *store,
        AssayNoteSigner *witness,
        gboolean *out_done,
        GError **error)
{
  g_autofree char *path = g_build_filename (store->dir, ASSAY_CENTRAL_CHECKPOINT_NAME, NULL);
  g_autofree char *vkey = assay_note_signer_get_verifier_string (store->signer);
  g_autoptr(AssayNoteVerifier) log_key = NULL;
  g_autoptr(AssayCheckpoint) checkpoint = NULL;
  g_autoptr(AssayNote) note = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  g_autofree char *cosigned = NULL;
  gsize len;

  *out_done = FALSE;
  if (!g_file_get_contents (path, &text, &len, error) ||
      (log_key = assay_note_verifier_new_from_string (vkey, error)) == NULL ||
      (checkpoint = assay_checkpoint_open (text, len, log_key, NULL, 0, &note, error)) == NULL)
    return FALSE;
  if (checkpoint->size != assay_central_store_get_size (store))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_FAILED,
                   _("The checkpoint file is for %llu entries but the log holds %llu; an "
                     "import may have been interrupted. Run “assay-central publish” and "
                     "cosign again."),
                   (unsigned long long) checkpoint->size,
                   (unsigned long long) assay_central_store_get_size (store));
      return FALSE;
    }
  if (already_cosigned (note, witness))
    return TRUE;

  line = assay_cosignature_sign (witness, assay_note_get_text (note),
                                 g_get_real_time () / G_USEC_PER_SEC, error);
  if (line == NULL || (cosigned = assay_note_add_signature_lines (text, line, error)) == NULL)
    return FALSE;
  *out_done = TRUE;
  return central_write_file_atomic (store->dir, ASSAY_CENTRAL_CHECKPOINT_NAME,
                                    (const guint8 *) cosigned, strlen (cosigned), TRUE, error);
}

int
assay_central_cmd_cosign (int argc, char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *new_name = NULL;
  g_autoptr(AssayCentralStore) store = NULL;
  g_autoptr(AssayNoteSigner) witness = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *witness_vkey = NULL;
  gboolean done = FALSE;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("The data directory"), N_("DIR") },
    { "witness-key-file", 0, 0, G_OPTION_ARG_FILENAME, &key_file, N_("The witness's signing key"), N_("FILE") },
    { "new-witness", 0, 0, G_OPTION_ARG_STRING, &new_name, N_("Create FILE with a new key for a witness of this name first"), N_("NAME") },
    { NULL }
  };
  int status = assay_central_parse_options ("cosign", NULL,
                                            _("Checks the log's signature on the served checkpoint and "
                                              "adds a witness cosignature (C2SP tlog-cosignature) by "
                                              "the key in FILE; prints the witness's verifier key."),
                                            entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc > 1)
    return assay_cli_usage_error ("assay-central cosign", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("unexpected argument “%s”."), argv[1]);
  if (!assay_central_require_data ("cosign", data_dir))
    return ASSAY_EXIT_USAGE;
  if (key_file == NULL)
    return assay_cli_usage_error ("assay-central cosign", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("--witness-key-file FILE is required."));
  if (new_name != NULL && !assay_note_name_is_valid (new_name))
    return assay_cli_usage_error ("assay-central cosign", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("“%s” is not a valid key name."), new_name);

  /* The write lock keeps imports from replacing the checkpoint meanwhile;
   * taken first, so that a wrong --data leaves no new key behind. */
  store = assay_central_store_open (data_dir, ASSAY_CENTRAL_OPEN_WRITE, &error);
  if (store == NULL)
    return assay_central_fail ("cosign", error);
  if (new_name != NULL && !create_witness_key (key_file, new_name, &error))
    return assay_central_fail ("cosign", error);
  witness = load_witness_key (key_file, &error);
  if (witness == NULL || !cosign (store, witness, &done, &error))
    return assay_central_fail ("cosign", error);

  witness_vkey = assay_note_signer_get_cosigner_verifier_string (witness);
  if (!done)
    g_printerr (_("The checkpoint already carries this witness's cosignature.\n"));
  g_print ("%s\n", witness_vkey);
  return ASSAY_EXIT_OK;
}

/* assay-proof-export.c — saving an entry's inclusion proof to a file
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
#include <string.h>

#include "assay-error.h"
#include "assay-proof-export.h"

GtkFileChooserNative *
assay_proof_export_chooser_new (GtkWindow *parent,
                                guint64    index)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Export Inclusion Proof"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  name = g_strdup_printf ("entry-%" G_GUINT64_FORMAT ".tlog-proof", index);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  return chooser;
}

gboolean
assay_proof_export_write (AssayReplica  *replica,
                          guint64        index,
                          GFile         *file,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (ASSAY_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = assay_replica_export_proof (replica, index, error);
  if (text == NULL)
    return FALSE;
  if (g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE,
                               NULL, NULL, &local_error))
    return TRUE;

  name = g_file_get_parse_name (file);
  g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
               _("Could not write “%s”: %s. Choose a folder you can write to."),
               name, local_error->message);
  return FALSE;
}

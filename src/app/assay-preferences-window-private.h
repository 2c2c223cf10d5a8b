/* assay-preferences-window-private.h — internals of the preferences for the UI tests
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

#include "assay-preferences-window.h"

G_BEGIN_DECLS

/* @key is "server-url", "log-key" or "replica-path". */
AdwEntryRow *_assay_preferences_window_get_row         (AssayPreferencesWindow *self,
                                                        const char             *key);
GtkLabel    *_assay_preferences_window_get_error_label (AssayPreferencesWindow *self,
                                                        const char             *key);
/* The line that says which value is in effect and where it comes from. */
GtkLabel    *_assay_preferences_window_get_source_label (AssayPreferencesWindow *self,
                                                         const char             *key);
/* Types the witness keys (one a line) and the quorum, then applies them
 * as the Apply Witnesses button does. */
void         _assay_preferences_window_set_witnesses   (AssayPreferencesWindow *self,
                                                        const char             *keys_text,
                                                        guint                   quorum);
GtkLabel    *_assay_preferences_window_get_witness_error (AssayPreferencesWindow *self);

/* Types into the Create a New Key and Change the Passphrase forms and
 * presses their buttons; the work ends when get_key_busy () is FALSE. */
void         _assay_preferences_window_create_key       (AssayPreferencesWindow *self,
                                                         const char             *name,
                                                         const char             *passphrase,
                                                         const char             *repeat);
void         _assay_preferences_window_change_passphrase (AssayPreferencesWindow *self,
                                                          const char             *old_passphrase,
                                                          const char             *new_passphrase,
                                                          const char             *repeat);
gboolean     _assay_preferences_window_get_key_busy     (AssayPreferencesWindow *self);
/* The key status last shown (next to a form's button, or under the key's
 * rows once a form is done), or NULL, and whether it is an error. */
const char  *_assay_preferences_window_get_key_status   (AssayPreferencesWindow *self,
                                                         gboolean               *is_error);
/* A template widget by id ("key_id_row", "key_status_label", …). */
GtkWidget   *_assay_preferences_window_get_widget       (AssayPreferencesWindow *self,
                                                         const char             *id);
/* Each roster holder row as "title\nsubtitle", in order. */
GPtrArray   *_assay_preferences_window_dup_holder_texts (AssayPreferencesWindow *self);

G_END_DECLS

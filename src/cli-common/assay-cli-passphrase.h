/* assay-cli-passphrase.h — passphrases from a file or the terminal, in wiped memory
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

G_BEGIN_DECLS

/* A passphrase in sodium_malloc () memory, wiped when freed: what
 * `assayctl key` and `assay-central init --roster` / `roster` open key
 * files with. */
typedef struct
{
  char  *data;
  gsize  len;
} AssayCliPassphrase;

#define ASSAY_CLI_PASSPHRASE_MAX 1024

void                assay_cli_passphrase_free      (AssayCliPassphrase *passphrase);

/* The file's contents without one final line end.  ASSAY_ERROR_IO when it
 * cannot be read, ASSAY_ERROR_INVALID_ARGUMENT when it is too long. */
AssayCliPassphrase *assay_cli_passphrase_from_file (const char         *path,
                                                    GError            **error);
/* Asks on the terminal, without echo. */
AssayCliPassphrase *assay_cli_passphrase_prompt    (const char         *prompt);

/* From @file when it is not NULL, else from the terminal (with @confirm
 * asked too when not NULL).  Standard input that is not a terminal, or an
 * empty new passphrase, is a usage error (G_OPTION_ERROR_FAILED, naming
 * @option); passphrases that differ are ASSAY_ERROR_FAILED. */
AssayCliPassphrase *assay_cli_passphrase_get       (const char         *file,
                                                    const char         *option,
                                                    const char         *prompt,
                                                    const char         *confirm,
                                                    GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayCliPassphrase, assay_cli_passphrase_free)

G_END_DECLS

/* assay-cli-passphrase.c — passphrases from a file or the terminal, in wiped memory
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
#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "assay-cli-passphrase.h"
#include "assay-error.h"

void
assay_cli_passphrase_free (AssayCliPassphrase *p)
{
  if (p == NULL)
    return;
  sodium_free (p->data);
  g_free (p);
}

static AssayCliPassphrase *
passphrase_new (void)
{
  AssayCliPassphrase *p = g_new0 (AssayCliPassphrase, 1);

  if (sodium_init () < 0 || (p->data = sodium_malloc (ASSAY_CLI_PASSPHRASE_MAX)) == NULL)
    g_error ("sodium_malloc failed");
  return p;
}

AssayCliPassphrase *
assay_cli_passphrase_from_file (const char  *path,
                                GError     **error)
{
  g_autoptr(AssayCliPassphrase) p = passphrase_new ();
  g_autoptr(GError) local = NULL;
  char *contents = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &local))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_IO,
                   _("cannot read the passphrase file “%s”: %s"), path, local->message);
      return NULL;
    }
  if (len > 0 && contents[len - 1] == '\n')
    len--;
  if (len > 0 && contents[len - 1] == '\r')
    len--;
  if (len >= ASSAY_CLI_PASSPHRASE_MAX)
    {
      sodium_memzero (contents, len);
      g_free (contents);
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("the passphrase in “%s” is too long"), path);
      return NULL;
    }
  memcpy (p->data, contents, len);
  p->len = len;
  sodium_memzero (contents, len);
  g_free (contents);
  return g_steal_pointer (&p);
}

AssayCliPassphrase *
assay_cli_passphrase_prompt (const char *prompt)
{
  g_autoptr(AssayCliPassphrase) p = passphrase_new ();
  struct termios old, noecho;
  gboolean restore = FALSE;
  char c;

  g_printerr ("%s", prompt);
  if (tcgetattr (STDIN_FILENO, &old) == 0)
    {
      noecho = old;
      noecho.c_lflag &= ~ECHO;
      noecho.c_lflag |= ECHONL;
      restore = tcsetattr (STDIN_FILENO, TCSAFLUSH, &noecho) == 0;
    }
  for (;;)
    {
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || c == '\n')
        break;
      if (p->len < ASSAY_CLI_PASSPHRASE_MAX - 1)
        p->data[p->len++] = c;
    }
  sodium_memzero (&c, sizeof c);
  if (restore)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &old);
  else
    g_printerr ("\n");
  return g_steal_pointer (&p);
}

AssayCliPassphrase *
assay_cli_passphrase_get (const char  *file,
                          const char  *option,
                          const char  *prompt,
                          const char  *confirm,
                          GError     **error)
{
  g_autoptr(AssayCliPassphrase) p = NULL;
  g_autoptr(AssayCliPassphrase) again = NULL;

  if (file != NULL)
    return assay_cli_passphrase_from_file (file, error);
  if (!isatty (STDIN_FILENO))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("standard input is not a terminal; give %s FILE."), option);
      return NULL;
    }
  p = assay_cli_passphrase_prompt (prompt);
  if (confirm == NULL)
    return g_steal_pointer (&p);
  again = assay_cli_passphrase_prompt (confirm);
  if (again->len != p->len || sodium_memcmp (again->data, p->data, p->len) != 0)
    {
      g_set_error_literal (error, ASSAY_ERROR, ASSAY_ERROR_FAILED, _("the passphrases do not match."));
      return NULL;
    }
  if (p->len == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("the new passphrase is empty."));
      return NULL;
    }
  return g_steal_pointer (&p);
}

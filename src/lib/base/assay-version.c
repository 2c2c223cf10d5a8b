/* assay-version.c — library version and gettext setup
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
#include <locale.h>

#include "assay-version.h"

const char *
assay_version_string (void)
{
  return PACKAGE_VERSION;
}

/* Binds the gettext domain once.  ASSAY_LOCALEDIR lets tests and the
 * uninstalled demo point at the translations compiled in the build tree. */
void
assay_i18n_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      const char *dir = g_getenv ("ASSAY_LOCALEDIR");

      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      g_once_init_leave (&initialized, 1);
    }
}

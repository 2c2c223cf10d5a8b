/* assay-test-roster.c — signers and a standard roster, for the roster and decision tests
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

#include <sodium.h>
#include <string.h>

#include "assay-key-file-private.h"
#include "assay-test-roster.h"

static const char *const holders[ASSAY_TEST_N_SIGNERS] = {
  "root-0", "root-1", "root-2", "ana", "bo", "chen", "arb-0", "arb-1", "arb-2",
  "auditor", "spare-0", "spare-1",
};

const char *
assay_test_holder (guint index)
{
  g_assert (index < ASSAY_TEST_N_SIGNERS);
  return holders[index];
}

void
assay_test_signers_init (AssayTestSigners *signers)
{
  g_assert (sodium_init () >= 0);
  for (guint i = 0; i < ASSAY_TEST_N_SIGNERS; i++)
    {
      guint8 seed[32];

      memset (seed, 0, sizeof seed);
      seed[0] = i + 1;
      signers->keys[i] = _assay_key_file_new_from_seed (seed);
      signers->keyids[i] = assay_key_id (assay_key_file_get_public_key (signers->keys[i]));
    }
}

void
assay_test_signers_clear (AssayTestSigners *signers)
{
  for (guint i = 0; i < ASSAY_TEST_N_SIGNERS; i++)
    {
      g_clear_pointer (&signers->keys[i], assay_key_file_free);
      g_clear_pointer (&signers->keyids[i], g_free);
    }
}

void
assay_test_roster_add (AssayRoster      *roster,
                       AssayTestSigners *signers,
                       guint             index,
                       const char       *holder,
                       AssayRole         role)
{
  const char *keyid;

  g_assert (index < ASSAY_TEST_N_SIGNERS);
  keyid = assay_roster_add_key (roster, holder != NULL ? holder : holders[index],
                                assay_key_file_get_public_key (signers->keys[index]), 0, 0);
  assay_roster_add_to_role (roster, role, keyid);
}

AssayRoster *
assay_test_roster_new (AssayTestSigners *signers,
                       gint64            version,
                       const char       *prev)
{
  AssayRoster *roster = assay_roster_new (ASSAY_TEST_DEPLOYMENT, version,
                                          ASSAY_TEST_NOW + ASSAY_TEST_YEAR, prev);
  static const AssayRole roles[] = {
    ASSAY_ROLE_ROSTER_ROOT, ASSAY_ROLE_ROSTER_ROOT, ASSAY_ROLE_ROSTER_ROOT,
    ASSAY_ROLE_COMMITTEE, ASSAY_ROLE_COMMITTEE, ASSAY_ROLE_COMMITTEE,
    ASSAY_ROLE_ARBITRATION, ASSAY_ROLE_ARBITRATION, ASSAY_ROLE_ARBITRATION,
    ASSAY_ROLE_AUDIT,
  };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    assay_test_roster_add (roster, signers, i, NULL, roles[i]);
  assay_roster_set_threshold (roster, ASSAY_ROLE_ROSTER_ROOT, 2);
  assay_roster_set_threshold (roster, ASSAY_ROLE_COMMITTEE, 1);
  assay_roster_set_threshold (roster, ASSAY_ROLE_ARBITRATION, 2);
  assay_roster_set_threshold (roster, ASSAY_ROLE_AUDIT, 1);
  assay_roster_set_default_kinds (roster);
  return roster;
}

char *
assay_test_roster_sign (AssayRoster      *roster,
                        AssayTestSigners *signers,
                        ...)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list args;
  char *json;
  int index;

  va_start (args, signers);
  while ((index = va_arg (args, int)) >= 0)
    g_ptr_array_add (keys, signers->keys[index]);
  va_end (args);
  json = assay_roster_sign (roster, (AssayKeyFile * const *) keys->pdata, keys->len, &error);
  g_assert_no_error (error);
  return json;
}

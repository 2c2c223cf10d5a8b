/* assay-test-central.h — a real assay-central for sync tests, and a tampering proxy
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

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A central service data directory in a temporary folder, driven through
 * the real `assay-central` binary ($ASSAY_CENTRAL). */
typedef struct
{
  char        *dir;
  char        *data;
  char        *key;      /* the log's verifier key */
  char        *url;      /* set while serving: http://127.0.0.1:PORT/ */
  GSubprocess *server;
} AssayTestCentral;

AssayTestCentral *assay_test_central_new    (const char       *origin);
/* A second service with the same signing key and origin, starting from a
 * copy of `central`'s data as it is now (to make forks). */
AssayTestCentral *assay_test_central_clone  (AssayTestCentral *central);
void              assay_test_central_import (AssayTestCentral *central,
                                             const char       *jsonl);
/* Imports with the 6.1 breakers evaluated (assay_test_central_import
 * leaves them off): the service appends its pauses. */
void              assay_test_central_import_breakers (AssayTestCentral *central,
                                                      const char       *jsonl);
/* Logs a pause body as given (assay-central append-pause): its flag is
 * not evaluated. */
void              assay_test_central_append_pause (AssayTestCentral *central,
                                                   const char       *body);
void              assay_test_central_erase  (AssayTestCentral *central,
                                             const char       *account,
                                             const char       *from,
                                             const char       *to);
/* Logs a roster or decision (`kind`: "roster", "decision") carrying
 * assay_test_envelope (kind, payload) through `assay-central
 * append-envelope`, logged on 2030-01-01. */
void              assay_test_central_append_envelope (AssayTestCentral *central,
                                                      const char       *kind,
                                                      const char       *payload);
/* Logs `envelope` (JSON) as a `kind` entry logged on `day` (YYYY-MM-DD). */
void              assay_test_central_append_signed (AssayTestCentral *central,
                                                    const char       *kind,
                                                    const char       *envelope,
                                                    const char       *day);
void              assay_test_central_start  (AssayTestCentral *central);
/* SIGKILLs the server and waits for it. */
void              assay_test_central_stop   (AssayTestCentral *central);
void              assay_test_central_free   (AssayTestCentral *central);
/* `assayctl --replica REPLICA sync` from the running service; fails the
 * test unless it exits `expected_status`.  Returns what it printed
 * (stdout, then stderr). */
char             *assay_test_central_sync   (AssayTestCentral *central,
                                             const char       *replica,
                                             int               expected_status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayTestCentral, assay_test_central_free)

/* `n` valid JSON lines, entries `first` … `first + n - 1`: events (and a
 * redemption every tenth), accounts acct-0000 … acct-0009 (or `account`
 * for all when not NULL), each body carrying "<marker>-<i>" in its
 * activity or request id when `marker` is given. */
char *assay_test_lines (guint        first,
                        guint        n,
                        const char  *account,
                        const char  *marker);

/* A well-shaped DSSE envelope of `kind` ("roster" or "decision") with
 * `payload` (JSON text) and two signatures that verify against nothing:
 * the ledger checks the shape only. */
char *assay_test_envelope (const char  *kind,
                           const char  *payload);

/* A loopback HTTP proxy in its own thread, in front of `upstream`, that
 * can alter answers.  The filter runs in the proxy thread for each answer
 * (status 200 or not) and may change the status and the body. */
typedef struct _AssayTestProxy AssayTestProxy;
typedef void (*AssayTestProxyFilter) (const char  *path,
                                      guint       *status,
                                      GByteArray  *body,
                                      gpointer     user_data);

AssayTestProxy *assay_test_proxy_new          (const char           *upstream);
const char     *assay_test_proxy_get_url      (AssayTestProxy       *proxy);
void            assay_test_proxy_set_upstream (AssayTestProxy       *proxy,
                                               const char           *upstream);
void            assay_test_proxy_set_filter   (AssayTestProxy       *proxy,
                                               AssayTestProxyFilter  filter,
                                               gpointer              user_data);
/* Requests whose path starts with `prefix` are counted; when the count
 * reaches `n`, that request is held until assay_test_proxy_release().
 * assay_test_proxy_wait_held() blocks until it happens. */
void            assay_test_proxy_hold_at      (AssayTestProxy       *proxy,
                                               const char           *prefix,
                                               guint                 n);
/* The same, but the request goes upstream first: its answer is held. */
void            assay_test_proxy_hold_answer_at (AssayTestProxy     *proxy,
                                                 const char         *prefix,
                                                 guint               n);
void            assay_test_proxy_wait_held    (AssayTestProxy       *proxy);
void            assay_test_proxy_release      (AssayTestProxy       *proxy);
guint           assay_test_proxy_count        (AssayTestProxy       *proxy,
                                               const char           *prefix);
void            assay_test_proxy_free         (AssayTestProxy       *proxy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayTestProxy, assay_test_proxy_free)

/* Whether `needle` occurs anywhere in the file's raw bytes (FALSE if the
 * file does not exist). */
gboolean assay_test_file_contains (const char   *path,
                                   const guint8 *needle,
                                   gsize         len);

/* The generator's ledger of `accounts` accounts at seed `seed`, imported
 * into a central service on loopback, synced into a fresh replica, and
 * `assayctl flags --json` run on it with the pilot rule set: the truth
 * document and the flags, for the tests that score the rules on the
 * generator's truth. */
typedef struct
{
  JsonParser *truth_parser;
  JsonParser *flags_parser;
  JsonObject *truth;
  JsonArray  *flags;
} AssayTestGenerated;

AssayTestGenerated *assay_test_generated_flags (guint               accounts,
                                                guint               seed);
void                assay_test_generated_free  (AssayTestGenerated *generated);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AssayTestGenerated, assay_test_generated_free)

G_END_DECLS

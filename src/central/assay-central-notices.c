/* assay-central-notices.c — the public notice of a logged weights version, served
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
#include <json-glib/json-glib.h>
#include <string.h>

#include "assay-central-breakers.h"
#include "assay-central-notices.h"
#include "assay-central-store-private.h"
#include "assay-decision-log.h"
#include "assay-error.h"
#include "assay-notice.h"
#include "assay-rule-cases.h"
#include "assay-rule-set.h"

void
assay_central_document_free (AssayCentralDocument *document)
{
  if (document == NULL)
    return;
  g_clear_pointer (&document->body, g_bytes_unref);
  g_free (document);
}

static AssayCentralDocument *
document_new (guint       status,
              const char *content_type,
              GBytes     *body)
{
  AssayCentralDocument *document = g_new0 (AssayCentralDocument, 1);

  document->status = status;
  document->content_type = content_type;
  document->body = body;
  return document;
}

/* {"error": "<the message>"}, with 404 for what is not there and 503 for
 * a lock another writer keeps. */
static AssayCentralDocument *
refusal (const GError *error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint status = 500;
  gsize len;
  char *text;

  if (g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND))
    status = 404;
  else if (g_error_matches (error, ASSAY_ERROR, ASSAY_ERROR_FAILED))
    status = 503;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, error->message);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &len);
  return document_new (status, "application/json", g_bytes_new_take (text, len));
}

/* The notices' replica brought up to the log, its rosters and decisions
 * verified as a workstation's sync verifies them. */
static AssayReplica *
notices_replica (const char  *data_dir,
                 GError     **error)
{
  g_autoptr(AssayCentralStore) store = assay_central_store_open (data_dir, ASSAY_CENTRAL_OPEN_WRITE, error);
  g_autofree char *path = g_build_filename (data_dir, ASSAY_CENTRAL_NOTICES_NAME, NULL);
  g_autoptr(AssayReplica) replica = NULL;
  AssayDecisionLogReport report = { 0 };

  if (store == NULL)
    return NULL;
  /* An empty log makes no replica, and has no weights decision anyway. */
  if (assay_central_store_get_size (store) == 0)
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NOT_FOUND,
                   _("The log is empty: no weights decision is logged yet."));
      return NULL;
    }
  if (!assay_central_replica_feed (store, path, error))
    return NULL;
  if ((replica = assay_replica_open (path, ASSAY_REPLICA_OPEN_DEFAULT, error)) == NULL ||
      !assay_decision_log_apply (replica, &report, error))
    return NULL;
  return g_steal_pointer (&replica);
}

static GBytes *
render (AssayNotice  *notice,
        gboolean      pdf,
        GError      **error)
{
  char *html;

  if (pdf)
    return assay_notice_to_pdf (notice, error);
  html = assay_notice_to_html (notice);
  return g_bytes_new_take (html, strlen (html));
}

gboolean
assay_central_notices_catch_up (AssayCentralStore  *store,
                                GError            **error)
{
  g_autofree char *path = g_build_filename (store->dir, ASSAY_CENTRAL_NOTICES_NAME, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  return assay_central_replica_feed (store, path, error);
}

AssayCentralDocument *
assay_central_notice_render (const char *data_dir,
                             guint64     index,
                             gboolean    pdf)
{
  g_autofree char *rule_set_path = assay_rule_default_set_path ();
  g_autoptr(AssayRuleSet) rule_set = NULL;
  g_autoptr(AssayReplica) replica = NULL;
  g_autoptr(AssayNotice) notice = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *body;

  if ((rule_set = assay_rule_set_new_from_file (rule_set_path, &error)) == NULL ||
      (replica = notices_replica (data_dir, &error)) == NULL ||
      (notice = assay_notice_new (replica, rule_set, index, &error)) == NULL ||
      !assay_notice_compute_what_if (notice, replica, rule_set, &error) ||
      (body = render (notice, pdf, &error)) == NULL)
    return refusal (error);
  return document_new (200, pdf ? "application/pdf" : "text/html; charset=utf-8", body);
}

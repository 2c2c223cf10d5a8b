/* assay-central-api.c — the decision endpoints of assay-central serve
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

#include <string.h>

#include "assay-central-api.h"
#include "assay-central-decisions.h"
#include "assay-central-notices.h"

#define PROPOSALS_PREFIX "/proposals/"
#define SIGNATURES_SUFFIX "/signatures"
#define OBJECTIONS_SUFFIX "/objections"
#define HASH_LENGTH 64
#define NOTICES_PREFIX "/notices/"

typedef enum
{
  ROUTE_DECISIONS,    /* POST /decisions */
  ROUTE_SIGNATURES,   /* POST /proposals/<hash>/signatures */
  ROUTE_OBJECTIONS,   /* POST /proposals/<hash>/objections */
  ROUTE_NOTICE,       /* GET /notices/<index>.html|.pdf */
} Route;

struct _AssayCentralApi
{
  char             *data_dir;
  AssayCentralDesk *desk;
  GThreadPool      *worker;
};

typedef struct
{
  AssayCentralApi      *api;
  SoupServerMessage    *msg;
  Route                 route;
  char                 *hash;           /* NULL: POST /decisions */
  GBytes               *body;
  guint64               notice_index;   /* ROUTE_NOTICE */
  gboolean              notice_pdf;
  AssayCentralAnswer   *answer;
  AssayCentralDocument *document;       /* ROUTE_NOTICE's answer */
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->msg);
  g_free (job->hash);
  g_bytes_unref (job->body);
  assay_central_answer_free (job->answer);
  assay_central_document_free (job->document);
  g_free (job);
}

static void
respond (SoupServerMessage        *msg,
         const AssayCentralAnswer *answer)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_server_message_set_status (msg, answer->status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, answer->body,
                                    strlen (answer->body));
}

static void
respond_document (SoupServerMessage          *msg,
                  const AssayCentralDocument *document)
{
  gsize len;
  const char *data = g_bytes_get_data (document->body, &len);

  /* A notice changes as its version moves from notice to force. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-cache");
  soup_server_message_set_status (msg, document->status, NULL);
  soup_server_message_set_response (msg, document->content_type, SOUP_MEMORY_COPY, data, len);
}

/* Back on the main thread: the answer goes out. */
static gboolean
job_done_cb (gpointer data)
{
  Job *job = data;

  if (job->document != NULL)
    respond_document (job->msg, job->document);
  else
    respond (job->msg, job->answer);
  soup_server_message_unpause (job->msg);
  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
worker_cb (gpointer data,
           gpointer user_data)
{
  Job *job = data;
  gsize len;
  const char *body = g_bytes_get_data (job->body, &len);

  if (job->route == ROUTE_NOTICE)
    job->document = assay_central_notice_render (job->api->data_dir, job->notice_index, job->notice_pdf);
  else if (job->route == ROUTE_DECISIONS)
    job->answer = assay_central_desk_post (job->api->desk, body != NULL ? body : "", len);
  else if (job->route == ROUTE_SIGNATURES)
    job->answer = assay_central_desk_cosign (job->api->desk, job->hash, body != NULL ? body : "", len);
  else
    job->answer = assay_central_desk_oppose (job->api->desk, job->hash, body != NULL ? body : "", len);
  g_idle_add (job_done_cb, job);
}

/* "/proposals/<64 hex>/@suffix" → the hash, or NULL. */
static char *
proposal_hash (const char *path,
               const char *suffix)
{
  const char *hash = path + strlen (PROPOSALS_PREFIX);

  if (!g_str_has_prefix (path, PROPOSALS_PREFIX) || strlen (hash) != HASH_LENGTH + strlen (suffix)
      || strcmp (hash + HASH_LENGTH, suffix) != 0)
    return NULL;
  for (guint i = 0; i < HASH_LENGTH; i++)
    if (!g_ascii_isxdigit (hash[i]) || g_ascii_isupper (hash[i]))
      return NULL;
  return g_strndup (hash, HASH_LENGTH);
}

/* "/notices/<index>.html" or ".pdf" → the index and the format. */
static gboolean
notice_path (const char *path,
             guint64    *out_index,
             gboolean   *out_pdf)
{
  const char *name = path + strlen (NOTICES_PREFIX);
  const char *dot = strchr (name, '.');
  g_autofree char *digits = NULL;

  if (dot == NULL || dot == name || dot - name > 19)
    return FALSE;
  digits = g_strndup (name, dot - name);
  for (const char *p = digits; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  if (strcmp (dot, ".html") != 0 && strcmp (dot, ".pdf") != 0)
    return FALSE;
  *out_index = g_ascii_strtoull (digits, NULL, 10);
  *out_pdf = strcmp (dot, ".pdf") == 0;
  return TRUE;
}

static Job *
job_new (AssayCentralApi   *api,
         SoupServerMessage *msg,
         Route              route,
         char              *hash)
{
  Job *job = g_new0 (Job, 1);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  job->api = api;
  job->route = route;
  job->msg = g_object_ref (msg);
  job->hash = hash;
  job->body = soup_message_body_flatten (body);
  return job;
}

/* The message waits, paused, for the worker's answer. */
static void
job_push (Job *job)
{
  soup_server_message_pause (job->msg);
  g_thread_pool_push (job->api->worker, job, NULL);
}

static void
queue_job (AssayCentralApi   *api,
           SoupServerMessage *msg,
           Route              route,
           char              *hash)
{
  job_push (job_new (api, msg, route, hash));
}

static void
not_allowed (SoupServerMessage *msg,
             const char        *allow)
{
  AssayCentralAnswer answer = { SOUP_STATUS_METHOD_NOT_ALLOWED,
                                (char *) "{\"error\":\"Method not allowed.\"}" };

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
  respond (msg, &answer);
}

/* POST writes (the worker, under the lock); GET only reads. */
static gboolean
handle_objections (AssayCentralApi   *api,
                   SoupServerMessage *msg,
                   char              *hash)
{
  const char *method = soup_server_message_get_method (msg);

  if (strcmp (method, SOUP_METHOD_POST) == 0)
    queue_job (api, msg, ROUTE_OBJECTIONS, hash);
  else if (strcmp (method, SOUP_METHOD_GET) == 0)
    {
      g_autoptr(AssayCentralAnswer) answer = assay_central_desk_objections (api->desk, hash);

      respond (msg, answer);
      g_free (hash);
    }
  else
    {
      g_free (hash);
      not_allowed (msg, "GET, POST");
    }
  return TRUE;
}

/* GET /notices/<index>.html|.pdf: rendered on the worker, which may take
 * the writers' lock to bring the notices' replica up to the log. */
static gboolean
handle_notice (AssayCentralApi   *api,
               SoupServerMessage *msg,
               const char        *path)
{
  AssayCentralAnswer missing = { SOUP_STATUS_NOT_FOUND,
                                 (char *) "{\"error\":\"No such notice: ask for /notices/<log index>.html or "
                                          ".pdf.\"}" };
  guint64 index;
  gboolean pdf;
  Job *job;

  if (strcmp (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0)
    {
      not_allowed (msg, "GET");
      return TRUE;
    }
  if (!notice_path (path, &index, &pdf))
    {
      respond (msg, &missing);
      return TRUE;
    }
  job = job_new (api, msg, ROUTE_NOTICE, NULL);
  job->notice_index = index;
  job->notice_pdf = pdf;
  job_push (job);
  return TRUE;
}

AssayCentralApi *
assay_central_api_new (const char  *data_dir,
                       GError     **error)
{
  g_autoptr(AssayCentralApi) api = g_new0 (AssayCentralApi, 1);

  api->data_dir = g_strdup (data_dir);
  api->desk = assay_central_desk_new (data_dir, error);
  if (api->desk == NULL)
    return NULL;
  api->worker = g_thread_pool_new (worker_cb, api, 1, FALSE, error);
  if (api->worker == NULL)
    return NULL;
  return g_steal_pointer (&api);
}

void
assay_central_api_free (AssayCentralApi *api)
{
  if (api == NULL)
    return;
  /* Jobs still queued are answered by nobody: the server is going away. */
  if (api->worker != NULL)
    g_thread_pool_free (api->worker, TRUE, TRUE);
  assay_central_desk_free (api->desk);
  g_free (api->data_dir);
  g_free (api);
}

gboolean
assay_central_api_handle (AssayCentralApi   *api,
                          SoupServerMessage *msg,
                          const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  char *hash;

  if (g_str_has_prefix (path, NOTICES_PREFIX))
    return handle_notice (api, msg, path);
  if (strcmp (path, "/decisions") == 0)
    {
      if (strcmp (method, SOUP_METHOD_POST) == 0)
        queue_job (api, msg, ROUTE_DECISIONS, NULL);
      else
        not_allowed (msg, "POST");
      return TRUE;
    }
  if (strcmp (path, "/proposals") == 0)
    {
      g_autoptr(AssayCentralAnswer) answer = NULL;

      if (strcmp (method, SOUP_METHOD_GET) != 0)
        {
          not_allowed (msg, "GET");
          return TRUE;
        }
      answer = assay_central_desk_list (api->desk);
      respond (msg, answer);
      return TRUE;
    }
  if ((hash = proposal_hash (path, OBJECTIONS_SUFFIX)) != NULL)
    return handle_objections (api, msg, hash);
  if ((hash = proposal_hash (path, SIGNATURES_SUFFIX)) == NULL)
    return FALSE;
  if (strcmp (method, SOUP_METHOD_POST) == 0)
    queue_job (api, msg, ROUTE_SIGNATURES, hash);
  else
    {
      g_free (hash);
      not_allowed (msg, "POST");
    }
  return TRUE;
}

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

#define PROPOSALS_PREFIX "/proposals/"
#define SIGNATURES_SUFFIX "/signatures"
#define OBJECTIONS_SUFFIX "/objections"
#define HASH_LENGTH 64

typedef enum
{
  ROUTE_DECISIONS,    /* POST /decisions */
  ROUTE_SIGNATURES,   /* POST /proposals/<hash>/signatures */
  ROUTE_OBJECTIONS,   /* POST /proposals/<hash>/objections */
} Route;

struct _AssayCentralApi
{
  AssayCentralDesk *desk;
  GThreadPool      *worker;
};

typedef struct
{
  AssayCentralApi    *api;
  SoupServerMessage  *msg;
  Route               route;
  char               *hash;   /* NULL: POST /decisions */
  GBytes             *body;
  AssayCentralAnswer *answer;
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->msg);
  g_free (job->hash);
  g_bytes_unref (job->body);
  assay_central_answer_free (job->answer);
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

/* Back on the main thread: the answer goes out. */
static gboolean
job_done_cb (gpointer data)
{
  Job *job = data;

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

  if (job->route == ROUTE_DECISIONS)
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

static void
queue_job (AssayCentralApi   *api,
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
  soup_server_message_pause (msg);
  g_thread_pool_push (api->worker, job, NULL);
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

AssayCentralApi *
assay_central_api_new (const char  *data_dir,
                       GError     **error)
{
  g_autoptr(AssayCentralApi) api = g_new0 (AssayCentralApi, 1);

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
  g_free (api);
}

gboolean
assay_central_api_handle (AssayCentralApi   *api,
                          SoupServerMessage *msg,
                          const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  char *hash;

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

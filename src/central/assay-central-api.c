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
#define HASH_LENGTH 64

struct _AssayCentralApi
{
  AssayCentralDesk *desk;
};

static void
respond (SoupServerMessage        *msg,
         const AssayCentralAnswer *answer)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_server_message_set_status (msg, answer->status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, answer->body,
                                    strlen (answer->body));
}

/* "/proposals/<64 hex>/signatures" → the hash, or NULL. */
static char *
signatures_hash (const char *path)
{
  const char *hash = path + strlen (PROPOSALS_PREFIX);

  if (!g_str_has_prefix (path, PROPOSALS_PREFIX) || strlen (hash) != HASH_LENGTH + strlen (SIGNATURES_SUFFIX)
      || strcmp (hash + HASH_LENGTH, SIGNATURES_SUFFIX) != 0)
    return NULL;
  for (guint i = 0; i < HASH_LENGTH; i++)
    if (!g_ascii_isxdigit (hash[i]) || g_ascii_isupper (hash[i]))
      return NULL;
  return g_strndup (hash, HASH_LENGTH);
}

/* Answered at once, on the main thread: each post holds the writers'
 * lock while it runs, so posts are serialised and serving waits for
 * them (a worker thread with paused messages is left for later). */
static void
queue_job (AssayCentralApi   *api,
           SoupServerMessage *msg,
           char              *hash)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(AssayCentralAnswer) answer = NULL;
  g_autofree char *owned_hash = hash;
  gsize len;
  const char *body = g_bytes_get_data (bytes, &len);

  if (hash == NULL)
    answer = assay_central_desk_post (api->desk, body != NULL ? body : "", len);
  else
    answer = assay_central_desk_cosign (api->desk, hash, body != NULL ? body : "", len);
  respond (msg, answer);
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

AssayCentralApi *
assay_central_api_new (const char  *data_dir,
                       GError     **error)
{
  g_autoptr(AssayCentralApi) api = g_new0 (AssayCentralApi, 1);

  api->desk = assay_central_desk_new (data_dir, error);
  if (api->desk == NULL)
    return NULL;
  return g_steal_pointer (&api);
}

void
assay_central_api_free (AssayCentralApi *api)
{
  if (api == NULL)
    return;
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
        queue_job (api, msg, NULL);
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
  if ((hash = signatures_hash (path)) == NULL)
    return FALSE;
  if (strcmp (method, SOUP_METHOD_POST) == 0)
    queue_job (api, msg, hash);
  else
    {
      g_free (hash);
      not_allowed (msg, "POST");
    }
  return TRUE;
}

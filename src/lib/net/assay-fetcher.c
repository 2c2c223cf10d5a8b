/* assay-fetcher.c — pipelined HTTP GETs of tile paths
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
#include <libsoup/soup.h>

#include "assay-error.h"
#include "assay-fetcher.h"
#include "assay-version.h"

typedef struct
{
  AssayFetcher *fetcher;
  char         *path;
  char         *fallback_path;
  gsize         max_size;
  gboolean      used_fallback;
  gboolean      done;
  SoupMessage  *message;
  GBytes       *body;
  GError       *error;
} Request;

struct _AssayFetcher
{
  GMainContext *context;
  SoupSession  *session;
  GCancellable *cancellable;      /* the caller's, chained to ours */
  GCancellable *own_cancellable;  /* cancelled when we are freed */
  gulong        cancelled_id;
  char         *base_url;         /* ends with "/" */
  guint         timeout;
  GQueue        requests;         /* of Request, oldest first */
};

static void
request_free (Request *request)
{
  g_clear_object (&request->message);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_error (&request->error);
  g_free (request->path);
  g_free (request->fallback_path);
  g_free (request);
}

static void send_request (Request *request);

static void
set_network_error (Request *request,
                   const char *url,
                   GError *cause)
{
  AssayFetcher *self = request->fetcher;

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    request->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                          _("Sync was cancelled; the replica is unchanged."));
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    request->error = g_error_new (ASSAY_ERROR, ASSAY_ERROR_NETWORK,
                                  _("The server did not answer within %u seconds when asked for %s. "
                                    "The replica is unchanged; try again later or check the server."),
                                  self->timeout, url);
  else
    request->error = g_error_new (ASSAY_ERROR, ASSAY_ERROR_NETWORK,
                                  _("Could not fetch %s: %s. The replica is unchanged; check the "
                                    "server address and the connection, then sync again."),
                                  url, cause->message);
}

static void
request_done_cb (GObject *source,
                 GAsyncResult *result,
                 gpointer user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = g_uri_to_string (soup_message_get_uri (request->message));
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      set_network_error (request, url, error);
      request->done = TRUE;
      return;
    }

  status = soup_message_get_status (request->message);
  if (status == SOUP_STATUS_NOT_FOUND && request->fallback_path != NULL && !request->used_fallback)
    {
      request->used_fallback = TRUE;
      send_request (request);
      return;
    }
  if (status != SOUP_STATUS_OK)
    request->error = g_error_new (ASSAY_ERROR, ASSAY_ERROR_NETWORK,
                                  _("The server answered “%u %s” for %s. The replica is unchanged; "
                                    "try again later, or tell the operators of the central service."),
                                  status, soup_status_get_phrase (status), url);
  else if (g_bytes_get_size (body) > request->max_size)
    request->error = g_error_new (ASSAY_ERROR, ASSAY_ERROR_NETWORK,
                                  _("The server sent %zu bytes for %s, more than the %zu it may. "
                                    "The replica is unchanged; tell the operators of the central service."),
                                  g_bytes_get_size (body), url, request->max_size);
  else
    request->body = g_steal_pointer (&body);
  request->done = TRUE;
}

static void
send_request (Request *request)
{
  AssayFetcher *self = request->fetcher;
  const char *path = request->used_fallback ? request->fallback_path : request->path;
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);

  g_clear_object (&request->message);
  request->message = soup_message_new (SOUP_METHOD_GET, url);
  if (request->message == NULL)
    {
      request->error = g_error_new (ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                                    _("“%s” is not a valid URL. Give the central service's "
                                      "address, such as http://127.0.0.1:8080/."), url);
      request->done = TRUE;
      return;
    }
  soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT,
                                    self->own_cancellable, request_done_cb, request);
}

static void
chain_cancel_cb (GCancellable *cancellable,
                 gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

AssayFetcher *
_assay_fetcher_new (const char *base_url,
                    guint timeout_seconds,
                    guint max_in_flight,
                    GCancellable *cancellable,
                    GError **error)
{
  AssayFetcher *self;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *agent = g_strdup_printf ("assay/%s", assay_version_string ());

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an http:// or https:// URL. Give the central service's "
                     "address, such as http://127.0.0.1:8080/."), base_url);
      return NULL;
    }

  self = g_new0 (AssayFetcher, 1);
  self->context = g_main_context_new ();
  g_main_context_push_thread_default (self->context);
  self->timeout = timeout_seconds;
  self->base_url = g_str_has_suffix (base_url, "/") ? g_strdup (base_url)
                                                     : g_strconcat (base_url, "/", NULL);
  self->session = soup_session_new_with_options ("timeout", timeout_seconds,
                                                 "max-conns", max_in_flight + 2,
                                                 "max-conns-per-host", max_in_flight + 2,
                                                 "user-agent", agent,
                                                 NULL);
  self->own_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      self->cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (chain_cancel_cb),
                                                  g_object_ref (self->own_cancellable),
                                                  g_object_unref);
    }
  g_queue_init (&self->requests);
  return self;
}

void
_assay_fetcher_free (AssayFetcher *self)
{
  Request *request;

  /* Let every callback run before its Request goes away. */
  g_cancellable_cancel (self->own_cancellable);
  for (GList *l = self->requests.head; l != NULL; l = l->next)
    while (!((Request *) l->data)->done)
      g_main_context_iteration (self->context, TRUE);
  while ((request = g_queue_pop_head (&self->requests)) != NULL)
    request_free (request);

  if (self->cancellable != NULL)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->own_cancellable);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  g_main_context_unref (self->context);
  g_free (self->base_url);
  g_free (self);
}

const char *
_assay_fetcher_get_url (AssayFetcher *self)
{
  return self->base_url;
}

void
_assay_fetcher_queue (AssayFetcher *self,
                      const char *path,
                      const char *fallback_path,
                      gsize max_size)
{
  Request *request = g_new0 (Request, 1);

  request->fetcher = self;
  request->path = g_strdup (path);
  request->fallback_path = g_strdup (fallback_path);
  request->max_size = max_size;
  g_queue_push_tail (&self->requests, request);
  send_request (request);
}

guint
_assay_fetcher_n_queued (AssayFetcher *self)
{
  return self->requests.length;
}

GBytes *
_assay_fetcher_next (AssayFetcher *self,
                     gboolean *out_used_fallback,
                     GError **error)
{
  Request *request = g_queue_peek_head (&self->requests);
  GBytes *body;

  g_assert (request != NULL);
  while (!request->done)
    g_main_context_iteration (self->context, TRUE);
  g_queue_pop_head (&self->requests);

  if (out_used_fallback != NULL)
    *out_used_fallback = request->used_fallback;
  if (request->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&request->error));
      request_free (request);
      return NULL;
    }
  body = g_steal_pointer (&request->body);
  request_free (request);
  return body;
}

GBytes *
_assay_fetcher_get (AssayFetcher *self,
                    const char *path,
                    const char *fallback_path,
                    gsize max_size,
                    gboolean *out_used_fallback,
                    GError **error)
{
  g_assert (self->requests.length == 0);
  _assay_fetcher_queue (self, path, fallback_path, max_size);
  return _assay_fetcher_next (self, out_used_fallback, error);
}

/* assay-central-serve.c — assay-central serve
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

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assay-central-api.h"
#include "assay-central-commands.h"
#include "assay-central-options.h"
#include "assay-central-store.h"
#include "assay-cli-options.h"
#include "assay-error.h"
#include "assay-tiles.h"

#define IMMUTABLE "public, max-age=31536000, immutable"

typedef struct
{
  const char      *dir;
  gboolean         verbose;
  GMainLoop       *loop;
  AssayCentralApi *api;
} Server;

static void
log_request (Server            *server,
             SoupServerMessage *msg,
             const char        *path,
             gsize              len)
{
  if (!server->verbose)
    return;
  g_printerr ("%s %s %s %u %" G_GSIZE_FORMAT "\n",
              soup_server_message_get_remote_host (msg),
              soup_server_message_get_method (msg), path,
              soup_server_message_get_status (msg), len);
}

static void
respond_status (SoupServerMessage *msg,
                guint              status)
{
  const char *text = soup_status_get_phrase (status);
  g_autofree char *body = g_strdup_printf ("%u %s\n", status, text != NULL ? text : "");

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

/* Hash tiles, entry bundles and body bundles exist only within the tree
 * of the current checkpoint: anything else (including tiles an import
 * is still writing) is 404. */
static gboolean
tile_in_tree (const char *dir,
              guint       level,
              guint64     index,
              guint       width)
{
  guint64 size, nodes;

  if (!assay_central_read_checkpoint_size (dir, &size))
    return FALSE;
  nodes = level == 0 ? size : (level >= 8 ? 0 : size >> (level * ASSAY_TILE_HEIGHT));
  if (index >= nodes / ASSAY_TILE_WIDTH + 1)
    return FALSE;
  return index * ASSAY_TILE_WIDTH + width <= nodes;
}

/* Canonical tlog-tiles paths only; no dot segments, escapes or doubled
 * slashes ever reach the file system.  `path` is the request's raw path,
 * before percent-decoding. */
static gboolean
parse_request_path (const char    *path,
                    AssayTileKind *out_kind,
                    guint         *out_level,
                    guint64       *out_index,
                    guint         *out_width)
{
  if (path[0] != '/' || strstr (path, "..") != NULL || strstr (path, "//") != NULL
      || strchr (path, '%') != NULL || strchr (path, '\\') != NULL)
    return FALSE;
  if (!assay_tile_parse_path (path + 1, out_kind, out_level, out_index, out_width, NULL))
    return FALSE;
  if (*out_width == 0)
    *out_width = ASSAY_TILE_WIDTH;
  return *out_width <= ASSAY_TILE_WIDTH;
}

static char *
compute_etag (const char *data,
              gsize       len)
{
  g_autofree char *hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);

  return g_strdup_printf ("\"%.32s\"", hex);
}

static gboolean
etag_matches (SoupServerMessage *msg,
              const char        *etag)
{
  const char *inm = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "If-None-Match");

  g_autofree char *value = g_strstrip (g_strdup (inm != NULL ? inm : ""));

  return strstr (value, etag) != NULL || g_strcmp0 (value, "*") == 0;
}

static void
serve_file (SoupServerMessage *msg,
            const char        *dir,
            const char        *rel,
            const char        *content_type,
            const char        *cache_control,
            gboolean           with_etag)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *file = g_build_filename (dir, rel, NULL);
  g_autofree char *etag = NULL;
  char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (file, &data, &len, NULL))
    {
      respond_status (msg, SOUP_STATUS_NOT_FOUND);
      return;
    }
  soup_message_headers_replace (headers, "Cache-Control", cache_control);
  if (with_etag)
    {
      etag = compute_etag (data, len);
      soup_message_headers_replace (headers, "ETag", etag);
      if (etag_matches (msg, etag))
        {
          g_free (data);
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, data, len);
}

static void
handle_request_cb (SoupServer        *soup_server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  Server *server = user_data;
  const char *method = soup_server_message_get_method (msg);
  AssayTileKind kind;
  guint level, width;
  guint64 index;

  if (assay_central_api_handle (server->api, msg, path))
    {
      log_request (server, msg, path, 0);
      return;
    }
  if (g_strcmp0 (method, SOUP_METHOD_GET) != 0 && g_strcmp0 (method, SOUP_METHOD_HEAD) != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "GET, HEAD");
      respond_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED);
    }
  else if (g_strcmp0 (path, "/" ASSAY_CENTRAL_CHECKPOINT_NAME) == 0)
    serve_file (msg, server->dir, ASSAY_CENTRAL_CHECKPOINT_NAME, "text/plain; charset=utf-8",
                "no-cache", FALSE);
  else if (!parse_request_path (g_uri_get_path (soup_server_message_get_uri (msg)), &kind, &level,
                                &index, &width)
           || !tile_in_tree (server->dir, kind == ASSAY_TILE_KIND_HASH ? level : 0, index, width))
    respond_status (msg, SOUP_STATUS_NOT_FOUND);
  else
    serve_file (msg, server->dir, path + 1, "application/octet-stream",
                kind == ASSAY_TILE_KIND_BODY ? "no-cache" : IMMUTABLE,
                kind == ASSAY_TILE_KIND_BODY);

  log_request (server, msg, path, soup_server_message_get_response_body (msg)->length);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* "127.0.0.1:8080" or "[::1]:8080"; an address, not a host name. */
static GSocketAddress *
parse_listen (const char *listen)
{
  const char *colon = strrchr (listen, ':');
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) address = NULL;
  guint64 port;

  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    return NULL;
  host = g_strndup (listen, colon - listen);
  if (host[0] == '[' && g_str_has_suffix (host, "]"))
    {
      memmove (host, host + 1, strlen (host));
      host[strlen (host) - 1] = '\0';
    }
  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    return NULL;
  return g_inet_socket_address_new (address, port);
}

static gboolean
start_listening (SoupServer      *soup_server,
                 GSocketAddress  *address,
                 const char      *listen,
                 GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  GSList *uris;
  g_autofree char *uri = NULL;

  if (!soup_server_listen (soup_server, address, 0, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NETWORK,
                     _("Cannot listen on %s: the port is already in use. Stop the other server "
                       "or choose another port with --listen."), listen);
      else
        g_set_error (error, ASSAY_ERROR, ASSAY_ERROR_NETWORK, _("Cannot listen on %s: %s"),
                     listen, local_error->message);
      return FALSE;
    }
  uris = soup_server_get_uris (soup_server);
  uri = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  /* Not translated: scripts and tests parse this line. */
  g_print ("listening on %s\n", uri);
  fflush (stdout);
  return TRUE;
}

static int
run_server (const char *data_dir,
            const char *listen,
            gboolean    verbose)
{
  g_autoptr(AssayCentralStore) store = NULL;
  g_autoptr(GSocketAddress) address = parse_listen (listen);
  g_autoptr(SoupServer) soup_server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AssayCentralApi) api = NULL;
  Server server = { data_dir, verbose, NULL, NULL };
  guint sigint_id, sigterm_id;

  if (address == NULL)
    return assay_cli_usage_error ("assay-central serve", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("--listen “%s” is not ADDRESS:PORT, e.g. 127.0.0.1:8080."),
                                  listen);
  store = assay_central_store_open (data_dir, ASSAY_CENTRAL_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return assay_central_fail ("serve", error);
  /* The rosters and decisions of the log, for POST /decisions. */
  api = assay_central_api_new (data_dir, &error);
  if (api == NULL)
    return assay_central_fail ("serve", error);
  server.api = api;

  /* A client that goes away mid-response must not kill the server. */
  signal (SIGPIPE, SIG_IGN);
  loop = g_main_loop_new (NULL, FALSE);
  server.loop = loop;
  soup_server = soup_server_new ("server-header", "assay-central/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (soup_server, NULL, handle_request_cb, &server, NULL);
  if (!start_listening (soup_server, address, listen, &error))
    return assay_central_fail ("serve", error);

  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  soup_server_disconnect (soup_server);
  return ASSAY_EXIT_OK;
}

int
assay_central_cmd_serve (int argc, char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *listen = NULL;
  gboolean verbose = FALSE;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("The data directory"), N_("DIR") },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, N_("Address and port (port 0 picks a free one)"), N_("ADDRESS:PORT") },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Log one line per request on standard error"), NULL },
    { NULL }
  };
  int status = assay_central_parse_options ("serve", NULL,
                                            _("Serves the checkpoint, hash tiles, entry bundles and body "
                                              "bundles over HTTP (C2SP tlog-tiles) until interrupted."),
                                            entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc > 1)
    return assay_cli_usage_error ("assay-central serve", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("unexpected argument “%s”."), argv[1]);
  if (!assay_central_require_data ("serve", data_dir))
    return ASSAY_EXIT_USAGE;
  if (listen == NULL)
    return assay_cli_usage_error ("assay-central serve", ASSAY_CLI_HELP_FOR_USAGE,
                                  _("--listen ADDRESS:PORT is required."));
  return run_server (data_dir, listen, verbose);
}

/* dokus-relay-http.c
 *
 * The HTTP side: libmicrohttpd with a thread pool over epoll (suspend and
 * resume for long-polls), TLS through GnuTLS when given a certificate,
 * the route table, request bodies with size limits, rate limits, token
 * checks against the book named in the path, the answer helpers with the
 * security headers, and the per-request log line and metrics.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <sodium.h>

#include "dokus-relay-handlers.h"
#include "dokus-relay-log.h"
#include "dokus-relay-metrics.h"
#include "dokus-relay-server.h"
#include "dokus-relay-wire.h"

typedef struct {
  const char *method;
  const char *pattern;
  DokusRelayHandler handler;
  unsigned roles;       /* 0: no token; else the roles allowed (book routes) */
  bool db;              /* lend a pooled connection */
  bool big_body;        /* snapshot upload: --max-snapshot instead of --max-body */
} Route;

static const Route routes[] = {
  /* method, pattern, handler, roles, db, big_body */
  { "GET", "/healthz", dokus_relay_handle_healthz, 0, true, false },
  { "GET", "/metrics", dokus_relay_handle_metrics, 0, false, false },
  { "POST", "/v1/books", dokus_relay_handle_book_create, 0, true, false },
  { "GET", "/v1/books/*", dokus_relay_handle_book_get, DOKUS_ROLES_ALL, true, false },
  { "DELETE", "/v1/books/*", dokus_relay_handle_book_erase, DOKUS_ROLE_OWNER, true, false },
  { "POST", "/v1/auth/challenge", dokus_relay_handle_auth_challenge, 0, true, false },
  { "POST", "/v1/auth/token", dokus_relay_handle_auth_token, 0, true, false },
  { "POST", "/v1/auth/refresh", dokus_relay_handle_auth_refresh, 0, true, false },
  { "GET", "/v1/books/*/members", dokus_relay_handle_members_list, DOKUS_ROLES_ALL, true,
    false },
  { "POST", "/v1/books/*/members", dokus_relay_handle_member_add, DOKUS_ROLE_OWNER, true,
    false },
  { "POST", "/v1/books/*/members/*/revoke", dokus_relay_handle_member_revoke, DOKUS_ROLE_OWNER,
    true, false },
  { "PUT", "/v1/books/*/key_bundles", dokus_relay_handle_key_bundles_put, DOKUS_ROLE_OWNER, true,
    false },
  { "GET", "/v1/books/*/key_bundles", dokus_relay_handle_key_bundles_get, DOKUS_ROLES_ALL, true,
    false },
  /* an accountant reads and comments: it may push envelopes of kind
   * "comment" only (dokus-relay-push.c) */
  { "POST", "/v1/books/*/push", dokus_relay_handle_push, DOKUS_ROLES_ALL, true, false },
  { "GET", "/v1/books/*/pull", dokus_relay_handle_pull, DOKUS_ROLES_ALL, true, false },
  { "PUT", "/v1/books/*/snapshot", dokus_relay_handle_snapshot_put, DOKUS_ROLE_OWNER, true,
    true },
  { "GET", "/v1/books/*/snapshot", dokus_relay_handle_snapshot_get, DOKUS_ROLES_ALL, true,
    false },
  { "GET", "/v1/books/*/lease/*", dokus_relay_handle_lease_get, DOKUS_ROLES_ALL, true, false },
  { "POST", "/v1/books/*/lease/*", dokus_relay_handle_lease_post, DOKUS_ROLES_WRITERS, true,
    false },
  { "GET", "/v1/books/*/inbox", dokus_relay_handle_inbox_get, DOKUS_ROLES_WRITERS, true, false },
  { "POST", "/v1/books/*/inbox/ack", dokus_relay_handle_inbox_ack, DOKUS_ROLES_WRITERS, true,
    false },
  { "POST", "/v1/books/*/inbox/hook", dokus_relay_handle_inbox_hook_new, DOKUS_ROLE_OWNER, true,
    false },
  { "POST", "/v1/hooks/*/*", dokus_relay_handle_hook_post, 0, true, false },
  { "POST", "/v1/pair/*", dokus_relay_handle_pair_post, 0, true, false },
  { "GET", "/v1/pair/*", dokus_relay_handle_pair_get, 0, true, false },
  { "DELETE", "/v1/pair/*", dokus_relay_handle_pair_delete, 0, true, false },
};
#define N_ROUTES ((int) (sizeof routes / sizeof routes[0]))

static const char *
route_label (int r)
{
  return r >= 0 ? routes[r].pattern : NULL;
}

int64_t
dokus_relay_unix_now (void)
{
  return (int64_t) time (NULL);
}

int64_t
dokus_relay_unix_now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_REALTIME, &ts);
  return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t
now_us (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ---- answers ---- */

static unsigned retry_after_for (unsigned status, const char *code);

static _Thread_local unsigned pending_retry_after;

enum MHD_Result
dokus_relay_reply (DokusRelayRequest *req, unsigned status, const char *content_type,
                   const void *body, size_t len)
{
  return dokus_relay_reply_headers (req, status, content_type, body, len, NULL);
}

enum MHD_Result
dokus_relay_reply_headers (DokusRelayRequest *req, unsigned status, const char *content_type,
                           const void *body, size_t len, const char *const *headers)
{
  struct MHD_Response *resp;
  enum MHD_Result ret;

  if (req->answered)
    return MHD_YES;
  resp = MHD_create_response_from_buffer (len, (void *) body, MHD_RESPMEM_MUST_COPY);
  if (resp == NULL)
    return MHD_NO;
  MHD_add_response_header (resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
  MHD_add_response_header (resp, "Strict-Transport-Security",
                           "max-age=63072000; includeSubDomains");
  MHD_add_response_header (resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header (resp, "X-Frame-Options", "DENY");
  MHD_add_response_header (resp, "Content-Security-Policy",
                           "default-src 'none'; frame-ancestors 'none'");
  MHD_add_response_header (resp, "Referrer-Policy", "no-referrer");
  MHD_add_response_header (resp, "Cache-Control", "no-store");
  MHD_add_response_header (resp, "Cross-Origin-Resource-Policy", "same-origin");
  MHD_add_response_header (resp, "X-Request-Id", req->request_id);
  for (size_t i = 0; headers && headers[i] && headers[i + 1]; i += 2)
    MHD_add_response_header (resp, headers[i], headers[i + 1]);
  if (pending_retry_after)
    {
      char ra[16];
      snprintf (ra, sizeof ra, "%u", pending_retry_after);
      MHD_add_response_header (resp, MHD_HTTP_HEADER_RETRY_AFTER, ra);
      pending_retry_after = 0;
    }
  ret = MHD_queue_response (req->conn, status, resp);
  MHD_destroy_response (resp);
  req->answered = true;
  req->status = status;
  req->bytes_out = len;
  return ret;
}

enum MHD_Result
dokus_relay_reply_json (DokusRelayRequest *req, unsigned status, cJSON *json)
{
  char *text = json ? cJSON_PrintUnformatted (json) : NULL;
  enum MHD_Result ret;
  cJSON_Delete (json);
  if (text == NULL)
    return dokus_relay_reply_error (req, 500, "internal", NULL, NULL, "out of memory");
  ret = dokus_relay_reply (req, status, "application/json", text, strlen (text));
  free (text);
  return ret;
}

enum MHD_Result
dokus_relay_reply_error (DokusRelayRequest *req, unsigned status, const char *code,
                         const char *field, cJSON *extra, const char *format, ...)
{
  char message[512];
  va_list ap;
  cJSON *root, *errors, *e, *meta;
  char *text;
  enum MHD_Result ret;

  if (req->answered)
    {
      cJSON_Delete (extra);
      return MHD_YES;
    }
  va_start (ap, format);
  vsnprintf (message, sizeof message, format, ap);
  va_end (ap);
  root = extra ? extra : cJSON_CreateObject ();
  errors = cJSON_AddArrayToObject (root, "errors");
  e = cJSON_CreateObject ();
  cJSON_AddStringToObject (e, "code", code);
  cJSON_AddStringToObject (e, "message", message);
  if (field)
    cJSON_AddStringToObject (e, "field", field);
  else
    cJSON_AddNullToObject (e, "field");
  cJSON_AddItemToArray (errors, e);
  meta = cJSON_AddObjectToObject (root, "meta");
  cJSON_AddStringToObject (meta, "request_id", req->request_id);
  text = cJSON_PrintUnformatted (root);
  cJSON_Delete (root);
  req->error_code = code;
  pending_retry_after = retry_after_for (status, code);
  ret = dokus_relay_reply (req, status, "application/json", text ? text : "{}",
                           text ? strlen (text) : 2);
  pending_retry_after = 0;
  req->error_code = code;
  free (text);
  return ret;
}

static _Thread_local unsigned rate_retry_after;

static unsigned
retry_after_for (unsigned status, const char *code)
{
  (void) code;
  if (status == 429)
    return rate_retry_after ? rate_retry_after : 1;
  if (status == 503)
    return 1;
  return 0;
}

enum MHD_Result
dokus_relay_reply_db_error (DokusRelayRequest *req, const char *what, const char *msg)
{
  char line[400];
  if (req->db && dokus_relay_db_is_down (req->db))
    {
      snprintf (line, sizeof line, "%s: database unavailable: %s", what, msg);
      dokus_relay_log_event ("warn", "database", line);
      return dokus_relay_reply_error (req, 503, "unavailable", NULL, NULL,
                                      "the database is unavailable; retry");
    }
  snprintf (line, sizeof line, "%s: %s", what, msg);
  dokus_relay_log_event ("error", "database", line);
  return dokus_relay_reply_error (req, 500, "internal", NULL, NULL, "internal error (%s)", what);
}

const char *
dokus_relay_arg (DokusRelayRequest *req, const char *name)
{
  return MHD_lookup_connection_value (req->conn, MHD_GET_ARGUMENT_KIND, name);
}

cJSON *
dokus_relay_body_json (DokusRelayRequest *req)
{
  cJSON *json = req->body_len ? cJSON_ParseWithLength ((const char *) req->body, req->body_len)
                              : NULL;
  if (!cJSON_IsObject (json))
    {
      cJSON_Delete (json);
      dokus_relay_reply_error (req, 400, "malformed", NULL, NULL,
                               "the body must be a JSON object");
      return NULL;
    }
  return json;
}

/* ---- routing ---- */

static bool
split_path (DokusRelayRequest *req, const char *url)
{
  char *save = NULL, *tok;
  req->path = strdup (url);
  req->seg_buf = strdup (url);
  if (req->path == NULL || req->seg_buf == NULL)
    return false;
  for (tok = strtok_r (req->seg_buf, "/", &save); tok; tok = strtok_r (NULL, "/", &save))
    {
      if (req->n_segments == sizeof req->segments / sizeof req->segments[0])
        return false;
      req->segments[req->n_segments++] = tok;
    }
  return true;
}

static bool
route_matches (const DokusRelayRequest *req, const Route *r, const char **params)
{
  char pat[64];
  char *save = NULL, *tok;
  unsigned i = 0, p = 0;

  snprintf (pat, sizeof pat, "%s", r->pattern);
  for (tok = strtok_r (pat, "/", &save); tok; tok = strtok_r (NULL, "/", &save), i++)
    {
      if (i >= req->n_segments)
        return false;
      if (strcmp (tok, "*") == 0)
        {
          if (p < 3)
            params[p++] = req->segments[i];
        }
      else if (strcmp (tok, req->segments[i]) != 0)
        return false;
    }
  return i == req->n_segments;
}

/* Finds the route; 404 or 405 answered when there is none. */
static int
find_route (DokusRelayRequest *req)
{
  bool path_known = false;
  for (int r = 0; r < N_ROUTES; r++)
    {
      const char *params[3] = { NULL, NULL, NULL };
      if (!route_matches (req, &routes[r], params))
        continue;
      path_known = true;
      if (strcmp (routes[r].method, req->method) == 0)
        {
          memcpy (req->params, params, sizeof params);
          return r;
        }
    }
  if (path_known)
    dokus_relay_reply_error (req, 405, "method_not_allowed", NULL, NULL,
                             "%s is not allowed here", req->method);
  else
    dokus_relay_reply_error (req, 404, "not_found", NULL, NULL, "no such endpoint");
  return -1;
}

static bool
take_rate (DokusRelayRequest *req, DokusRelayRateLimit *rl, const char *key, const char *what)
{
  unsigned retry = 0;
  if (dokus_relay_ratelimit_take (rl, key, &retry))
    return true;
  rate_retry_after = retry;
  dokus_relay_reply_error (req, 429, "rate_limited", NULL, NULL,
                           "too many requests from this %s; retry in %u s", what, retry);
  rate_retry_after = 0;
  return false;
}

/* Checks the bearer token against the book in the path, the member row
 * and the token family; fills req's identity. false after answering. */
static bool
authenticate (DokusRelayRequest *req, unsigned roles)
{
  const char *auth = MHD_lookup_connection_value (req->conn, MHD_HEADER_KIND,
                                                  MHD_HTTP_HEADER_AUTHORIZATION);
  DokusRelayClaims claims;
  DokusRelayTokenStatus ts;
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256], dev_hex[37];
  const char *role;

  if (!dokus_relay_parse_id (req->params[0], req->book_id))
    {
      dokus_relay_reply_error (req, 404, "not_found", "book_id", NULL,
                               "a book id is a lower-case UUID (36 characters)");
      return false;
    }
  if (auth == NULL || strncmp (auth, "Bearer ", 7) != 0)
    {
      dokus_relay_reply_error (req, 401, "unauthorized", "authorization", NULL,
                               "an access token is required (Authorization: Bearer ...)");
      return false;
    }
  ts = dokus_relay_access_token_check (req->srv->key, auth + 7, dokus_relay_unix_now (), &claims);
  if (ts == DOKUS_RELAY_TOKEN_EXPIRED)
    {
      dokus_relay_reply_error (req, 401, "token_expired", "authorization", NULL,
                               "the access token expired; refresh it");
      return false;
    }
  if (ts != DOKUS_RELAY_TOKEN_OK)
    {
      dokus_relay_reply_error (req, 401, "unauthorized", "authorization", NULL,
                               "the access token is not valid");
      return false;
    }
  if (sodium_memcmp (claims.book_id, req->book_id, 16) != 0)
    {
      dokus_relay_reply_error (req, 403, "forbidden", "book_id", NULL,
                               "the access token is for another book");
      return false;
    }
  memcpy (req->device_id, claims.device_id, 16);
  memcpy (req->family_id, claims.family_id, 16);
  dokus_relay_format_id (claims.device_id, dev_hex);
  if (!take_rate (req, req->srv->rate_device, dev_hex, "device"))
    return false;

  dokus_relay_params_bytes (&p, req->book_id, 16);
  dokus_relay_params_bytes (&p, req->device_id, 16);
  dokus_relay_params_bytes (&p, req->family_id, 16);
  r = dokus_relay_db_exec (req->db,
                           "SELECT m.role, m.revoked_at IS NULL, m.sign_pk, "
                           "  coalesce((SELECT f.revoked_at IS NULL FROM token_family f "
                           "            WHERE f.family_id = $3 AND f.book_id = $1 "
                           "              AND f.device_id = $2), false) "
                           "FROM member m WHERE m.book_id = $1 AND m.device_id = $2",
                           &p, msg, sizeof msg);
  if (r == NULL)
    {
      dokus_relay_reply_db_error (req, "authenticate", msg);
      return false;
    }
  if (PQntuples (r) > 0 && !PQgetvalue (r, 0, 1)[0])
    {
      PQclear (r);
      dokus_relay_reply_error (req, 401, "revoked", "authorization", NULL,
                               "this device was revoked from the book");
      return false;
    }
  if (PQntuples (r) == 0 || !PQgetvalue (r, 0, 3)[0])
    {
      PQclear (r);
      dokus_relay_reply_error (req, 401, "unauthorized", "authorization", NULL,
                               "the access token is no longer valid for this book");
      return false;
    }
  req->role = strcmp (PQgetvalue (r, 0, 0), "owner") == 0    ? DOKUS_ROLE_OWNER
              : strcmp (PQgetvalue (r, 0, 0), "device") == 0 ? DOKUS_ROLE_DEVICE
                                                             : DOKUS_ROLE_ACCOUNTANT;
  role = req->role == DOKUS_ROLE_OWNER    ? "owner"
         : req->role == DOKUS_ROLE_DEVICE ? "device"
                                          : "accountant";
  memcpy (req->sign_pk, PQgetvalue (r, 0, 2), 32);
  PQclear (r);
  req->authed = true;
  if ((req->role & roles) == 0)
    {
      dokus_relay_reply_error (req, 403, "forbidden", NULL, NULL,
                               req->role == DOKUS_ROLE_ACCOUNTANT
                                 ? "the %s role may not do this: an accountant reads the book"
                                   " and cannot change it"
                                 : "the %s role may not do this",
                               role);
      return false;
    }
  return true;
}

static enum MHD_Result
run_handler (DokusRelayRequest *req)
{
  const Route *r = &routes[req->route];
  enum MHD_Result ret = MHD_YES;

  if (r->db)
    {
      req->db = dokus_relay_db_acquire (req->srv->db, 5000);
      if (req->db == NULL)
        return dokus_relay_reply_error (req, 503, "unavailable", NULL, NULL,
                                        "the database is unavailable; retry");
    }
  if (!req->started && r->roles && !authenticate (req, r->roles))
    goto out;
  req->started = true;
  ret = r->handler (req);
out:
  if (req->db)
    {
      dokus_relay_db_release (req->srv->db, req->db);
      req->db = NULL;
    }
  return ret;
}

static void
client_address (DokusRelayRequest *req)
{
  const union MHD_ConnectionInfo *ci
    = MHD_get_connection_info (req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  snprintf (req->addr, sizeof req->addr, "unknown");
  if (ci == NULL || ci->client_addr == NULL)
    return;
  if (ci->client_addr->sa_family == AF_INET)
    inet_ntop (AF_INET, &((const struct sockaddr_in *) ci->client_addr)->sin_addr, req->addr,
               sizeof req->addr);
  else if (ci->client_addr->sa_family == AF_INET6)
    inet_ntop (AF_INET6, &((const struct sockaddr_in6 *) ci->client_addr)->sin6_addr, req->addr,
               sizeof req->addr);
}

static enum MHD_Result
access_cb (void *cls, struct MHD_Connection *conn, const char *url, const char *method,
           const char *version, const char *upload_data, size_t *upload_data_size,
           void **con_cls)
{
  DokusRelayServer *srv = cls;
  DokusRelayRequest *req = *con_cls;
  (void) version;

  if (req == NULL)
    {
      uint8_t rid[16];
      const char *cl;

      req = calloc (1, sizeof *req);
      if (req == NULL)
        return MHD_NO;
      *con_cls = req;
      req->srv = srv;
      req->conn = conn;
      req->route = -1;
      req->start_us = now_us ();
      randombytes_buf (rid, sizeof rid);
      sodium_bin2hex (req->request_id, sizeof req->request_id, rid, sizeof rid);
      snprintf (req->method, sizeof req->method, "%s", method);
      client_address (req);
      if (!split_path (req, url))
        return dokus_relay_reply_error (req, 404, "not_found", NULL, NULL, "no such endpoint");
      req->route = find_route (req);
      if (req->route < 0)
        return MHD_YES;
      req->body_max = routes[req->route].big_body ? srv->cfg->max_snapshot : srv->cfg->max_body;
      cl = MHD_lookup_connection_value (conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
      if (cl && strtoull (cl, NULL, 10) > req->body_max)
        return dokus_relay_reply_error (req, 413, "too_large", NULL, NULL,
                                        "the request body is larger than %lu bytes",
                                        (unsigned long) req->body_max);
      return MHD_YES;
    }

  if (*upload_data_size)
    {
      size_t n = *upload_data_size;
      *upload_data_size = 0;
      if (req->answered || req->body_too_large)
        return MHD_YES;
      if (req->body_len + n > req->body_max)
        {
          req->body_too_large = true;
          return MHD_YES;
        }
      if (req->body_len + n > req->body_cap)
        {
          size_t cap = req->body_cap ? req->body_cap : 4096;
          unsigned char *nb;
          while (cap < req->body_len + n)
            cap *= 2;
          nb = realloc (req->body, cap);
          if (nb == NULL)
            return MHD_NO;
          req->body = nb;
          req->body_cap = cap;
        }
      memcpy (req->body + req->body_len, upload_data, n);
      req->body_len += n;
      return MHD_YES;
    }

  if (req->answered)
    return MHD_YES;
  if (req->body_too_large)
    return dokus_relay_reply_error (req, 413, "too_large", NULL, NULL,
                                    "the request body is larger than %lu bytes",
                                    (unsigned long) req->body_max);
  if (!req->started && !take_rate (req, srv->rate_address, req->addr, "address"))
    return MHD_YES;
  return run_handler (req);
}

static void
completed_cb (void *cls, struct MHD_Connection *conn, void **con_cls,
              enum MHD_RequestTerminationCode toe)
{
  DokusRelayRequest *req = *con_cls;
  int64_t micros;
  (void) cls;
  (void) conn;
  (void) toe;

  if (req == NULL)
    return;
  micros = now_us () - req->start_us;
  if (req->route >= 0)
    dokus_relay_metrics_request ((unsigned) req->route, req->status, req->error_code, micros);
  else
    dokus_relay_metrics_request (DOKUS_RELAY_MAX_ROUTES - 1, req->status, req->error_code,
                                 micros);
  dokus_relay_log_request (req, route_label (req->route), micros);
  free (req->body);
  free (req->path);
  free (req->seg_buf);
  free (req);
  *con_cls = NULL;
}

static char *
read_pem (const char *path, char *msg, size_t msg_size)
{
  FILE *f = fopen (path, "rb");
  char *buf = NULL;
  long len;
  if (f == NULL || fseek (f, 0, SEEK_END) != 0 || (len = ftell (f)) <= 0 || len > (1 << 20)
      || fseek (f, 0, SEEK_SET) != 0 || (buf = calloc (1, (size_t) len + 1)) == NULL
      || fread (buf, 1, (size_t) len, f) != (size_t) len)
    {
      snprintf (msg, msg_size, "cannot read %s", path);
      free (buf);
      buf = NULL;
    }
  if (f)
    fclose (f);
  return buf;
}

static char *tls_cert_pem, *tls_key_pem;

int
dokus_relay_http_start (DokusRelayServer *srv, char *msg, size_t msg_size)
{
  const DokusRelayConfig *cfg = srv->cfg;
  struct addrinfo hints = { .ai_flags = AI_NUMERICSERV | AI_PASSIVE,
                            .ai_socktype = SOCK_STREAM };
  struct addrinfo *ai = NULL;
  char port[8];
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME
                   | MHD_USE_ERROR_LOG;
  const union MHD_DaemonInfo *info;
  struct MHD_OptionItem opts[12];
  int n = 0;

  for (int r = 0; r < N_ROUTES; r++)
    dokus_relay_metrics_name_route ((unsigned) r, routes[r].pattern);
  dokus_relay_metrics_name_route (DOKUS_RELAY_MAX_ROUTES - 1, "unknown");

  snprintf (port, sizeof port, "%u", cfg->port);
  if (getaddrinfo (cfg->listen_host, port, &hints, &ai) != 0 || ai == NULL)
    {
      snprintf (msg, msg_size, "cannot resolve the listen address %s", cfg->listen_host);
      return -1;
    }
  if (ai->ai_family == AF_INET6)
    flags |= MHD_USE_IPv6;
  if (cfg->tls_cert)
    {
      tls_cert_pem = read_pem (cfg->tls_cert, msg, msg_size);
      tls_key_pem = tls_cert_pem ? read_pem (cfg->tls_key, msg, msg_size) : NULL;
      if (tls_key_pem == NULL)
        {
          freeaddrinfo (ai);
          return -1;
        }
      flags |= MHD_USE_TLS;
      opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_CERT, 0, tls_cert_pem };
      opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_KEY, 0, tls_key_pem };
    }
  opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_SOCK_ADDR, 0, ai->ai_addr };
  opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_THREAD_POOL_SIZE, cfg->threads, NULL };
  opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections, NULL };
  opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_TIMEOUT, 120, NULL };
  opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_MEMORY_LIMIT, 64 * 1024, NULL };
  opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024, NULL };
  opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_END, 0, NULL };

  srv->daemon = MHD_start_daemon (flags, 0, NULL, NULL, access_cb, srv,
                                  MHD_OPTION_NOTIFY_COMPLETED, completed_cb, srv,
                                  MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
  freeaddrinfo (ai);
  if (srv->daemon == NULL)
    {
      snprintf (msg, msg_size, "cannot listen on %s:%u (in use, or bad TLS files?)",
                cfg->listen_host, cfg->port);
      return -1;
    }
  info = MHD_get_daemon_info (srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
  srv->port = info ? info->port : cfg->port;
  return 0;
}

void
dokus_relay_http_stop (DokusRelayServer *srv)
{
  if (srv->daemon)
    {
      MHD_stop_daemon (srv->daemon);
      srv->daemon = NULL;
    }
  free (tls_cert_pem);
  if (tls_key_pem)
    sodium_memzero (tls_key_pem, strlen (tls_key_pem));
  free (tls_key_pem);
  tls_cert_pem = tls_key_pem = NULL;
}

/* dokus-ap-http.c
 *
 * The HTTP provider of dokus-ap.h: the REST API of docs/access-point.md
 * over libcurl. TLS verifies the peer and the host name (against the
 * system's CAs or the given CA file); plain http is allowed only to the
 * loopback address, for the local test access point. Redirects are not
 * followed, so the token never leaves for another host. The token lives in
 * sodium_malloc() memory and is wiped when the provider is freed; it is
 * never put in an error message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <sodium.h>

#include "dokus-ap-private.h"

#define RESPONSE_MAX ((size_t) 16 * 1024 * 1024)
#define TOKEN_MAX 4096
#define DEFAULT_CONNECT_TIMEOUT_MS 10000L
#define DEFAULT_TIMEOUT_MS 60000L
#define INBOX_PAGE 100

typedef struct {
  DokusApProvider iface; /* first: a DokusApProvider * is a HttpProvider * */
  CURL           *curl;
  char           *base_url;   /* without the trailing '/' */
  char           *auth;       /* "Authorization: Bearer TOKEN", sodium_malloc() */
  char           *ca_file;
  long            connect_timeout_ms, timeout_ms;
  char            curl_error[CURL_ERROR_SIZE];
} HttpProvider;

typedef struct {
  char  *data;
  size_t len;
  bool   too_big;
} Buffer;

typedef struct {
  long   code;    /* HTTP status, 0 when no response came */
  Buffer body;
} Response;

static size_t
write_cb (char *ptr, size_t size, size_t nmemb, void *data)
{
  Buffer *b = data;
  size_t n = size * nmemb;
  char *grown;

  if (b->len + n > RESPONSE_MAX)
    {
      b->too_big = true;
      return 0;
    }
  if ((grown = realloc (b->data, b->len + n + 1)) == NULL)
    return 0;
  b->data = grown;
  memcpy (b->data + b->len, ptr, n);
  b->len += n;
  b->data[b->len] = '\0';
  return n;
}

/* The "message" of the first of {"errors": [{code, message, field}]}, or
 * "reason", or NULL. (transfer none): lends from @o. */
static const char *
error_message (const cJSON *o)
{
  const cJSON *errors = cJSON_GetObjectItemCaseSensitive (o, "errors");
  const cJSON *first = cJSON_IsArray (errors) ? cJSON_GetArrayItem (errors, 0) : NULL;
  const cJSON *m = first ? cJSON_GetObjectItemCaseSensitive (first, "message") : NULL;

  if (!cJSON_IsString (m))
    m = cJSON_GetObjectItemCaseSensitive (o, "reason");
  return cJSON_IsString (m) ? m->valuestring : NULL;
}

/* Turns a non-2xx @r of @what into a status (see dokus-ap.h). */
static DokusStatus
http_error (const Response *r, const char *what, DokusError *err)
{
  cJSON *o = r->body.data ? cJSON_ParseWithLength (r->body.data, r->body.len) : NULL;
  const char *msg = o ? error_message (o) : NULL;
  DokusStatus st;

  if (msg == NULL)
    msg = "no reason given";
  if (r->code == 401 || r->code == 403)
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "token",
                          "%s: the access point refused our API token (HTTP %ld)", what,
                          r->code);
  else if (r->code == 404)
    st = dokus_error_set (err, DOKUS_ERR_NOT_FOUND, NULL, "%s: not found at the access point",
                          what);
  else if (r->code == 400 || r->code == 409 || r->code == 422)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, NULL, "%s", msg);
  else if (r->code == 429 || r->code >= 500)
    st = dokus_error_set (err, DOKUS_ERR_IO, NULL, "%s: the access point answered HTTP %ld: %s",
                          what, r->code, msg);
  else
    st = dokus_error_set (err, DOKUS_ERR_INVALID, NULL,
                          "%s: unexpected answer from the access point (HTTP %ld)", what,
                          r->code);
  cJSON_Delete (o);
  return st;
}

/* Performs one request: @method on @path (already escaped) with @body
 * (nullable) and @extra headers (nullable). *@r gets the answer; a
 * transport failure is DOKUS_ERR_IO naming curl's reason. */
static DokusStatus
perform (HttpProvider *p, const char *method, const char *path, const char *body,
         size_t body_len, struct curl_slist *extra, const char *what, Response *r,
         DokusError *err)
{
  struct curl_slist *headers = NULL;
  char *url = NULL;
  CURLcode rc;
  DokusStatus st = DOKUS_OK;
  size_t url_len = strlen (p->base_url) + strlen (path) + 1;

  memset (r, 0, sizeof *r);
  if ((url = malloc (url_len)) == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  snprintf (url, url_len, "%s%s", p->base_url, path);
  headers = curl_slist_append (NULL, p->auth);
  for (struct curl_slist *h = extra; headers != NULL && h != NULL; h = h->next)
    headers = curl_slist_append (headers, h->data);
  if (headers != NULL)
    headers = curl_slist_append (headers, "Accept: application/json, application/xml");
  if (headers == NULL)
    {
      free (url);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
    }

  curl_easy_reset (p->curl);
  p->curl_error[0] = '\0';
  curl_easy_setopt (p->curl, CURLOPT_URL, url);
  curl_easy_setopt (p->curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (p->curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (p->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (p->curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (p->curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (p->ca_file != NULL)
    curl_easy_setopt (p->curl, CURLOPT_CAINFO, p->ca_file);
  curl_easy_setopt (p->curl, CURLOPT_CONNECTTIMEOUT_MS, p->connect_timeout_ms);
  curl_easy_setopt (p->curl, CURLOPT_TIMEOUT_MS, p->timeout_ms);
  curl_easy_setopt (p->curl, CURLOPT_ERRORBUFFER, p->curl_error);
  curl_easy_setopt (p->curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (p->curl, CURLOPT_USERAGENT, "dokus/0.1");
  curl_easy_setopt (p->curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (p->curl, CURLOPT_WRITEDATA, &r->body);
  if (strcmp (method, "POST") == 0)
    {
      curl_easy_setopt (p->curl, CURLOPT_POST, 1L);
      curl_easy_setopt (p->curl, CURLOPT_POSTFIELDS, body ? body : "");
      curl_easy_setopt (p->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) (body ? body_len : 0));
    }

  rc = curl_easy_perform (p->curl);
  if (rc == CURLE_OK)
    curl_easy_getinfo (p->curl, CURLINFO_RESPONSE_CODE, &r->code);
  else if (r->body.too_big)
    st = dokus_error_set (err, DOKUS_ERR_INVALID, NULL,
                          "%s: the access point's answer is larger than 16 MiB", what);
  else if (rc == CURLE_SSL_CACERT_BADFILE)
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "ca_file", "%s: cannot use the CA file %s: %s",
                          what, p->ca_file ? p->ca_file : "(system)",
                          p->curl_error[0] ? p->curl_error : curl_easy_strerror (rc));
  else if (rc == CURLE_PEER_FAILED_VERIFICATION)
    /* not transient: retrying will not make the certificate trusted */
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "ca_file",
                          "%s: the access point's certificate is not trusted (%s); give the CA "
                          "that signed it as the CA file",
                          what, p->curl_error[0] ? p->curl_error : curl_easy_strerror (rc));
  else if (rc == CURLE_OPERATION_TIMEDOUT)
    st = dokus_error_set (err, DOKUS_ERR_IO, NULL, "%s: the access point did not answer in time (%s)",
                          what, p->curl_error[0] ? p->curl_error : curl_easy_strerror (rc));
  else
    st = dokus_error_set (err, DOKUS_ERR_IO, NULL, "%s: %s", what,
                          p->curl_error[0] ? p->curl_error : curl_easy_strerror (rc));
  /* libcurl keeps no pointer to the headers after the transfer; the first
   * one is our copy of the token */
  curl_easy_setopt (p->curl, CURLOPT_HTTPHEADER, NULL);
  sodium_memzero (headers->data, strlen (headers->data));
  curl_slist_free_all (headers);
  free (url);
  if (st != DOKUS_OK)
    {
      free (r->body.data);
      memset (r, 0, sizeof *r);
    }
  return st;
}

static char *
escape (HttpProvider *p, const char *s)
{
  return curl_easy_escape (p->curl, s, 0);
}

/* Reads {id, status, reason} into *@out. */
static DokusStatus
parse_status (const Response *r, const char *what, DokusApStatus *out, DokusError *err)
{
  cJSON *o = r->body.data ? cJSON_ParseWithLength (r->body.data, r->body.len) : NULL;
  const cJSON *id = cJSON_GetObjectItemCaseSensitive (o, "id");
  const cJSON *status = cJSON_GetObjectItemCaseSensitive (o, "status");
  const cJSON *reason = cJSON_GetObjectItemCaseSensitive (o, "reason");
  DokusApStatus s = { 0 };
  DokusStatus st = DOKUS_OK;

  if (!cJSON_IsString (id) || !cJSON_IsString (status) || id->valuestring[0] == '\0'
      || strlen (id->valuestring) >= sizeof s.message_id)
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "id",
                          "%s: the access point's answer has no usable id and status", what);
  else
    {
      const char *name = status->valuestring;
      snprintf (s.message_id, sizeof s.message_id, "%s", id->valuestring);
      s.delivery = strcmp (name, "queued") == 0      ? DOKUS_AP_QUEUED
                   : strcmp (name, "sent") == 0      ? DOKUS_AP_SENT
                   : strcmp (name, "delivered") == 0 ? DOKUS_AP_DELIVERED
                   : strcmp (name, "rejected") == 0  ? DOKUS_AP_REJECTED
                                                     : (DokusApDelivery) 0;
      if (s.delivery == 0)
        st = dokus_error_set (err, DOKUS_ERR_INVALID, "status",
                              "%s: unknown status '%.40s' from the access point", what, name);
      if (cJSON_IsString (reason))
        snprintf (s.reason, sizeof s.reason, "%s", reason->valuestring);
      if (s.delivery == DOKUS_AP_REJECTED && s.reason[0] == '\0')
        snprintf (s.reason, sizeof s.reason, "rejected by the access point without a reason");
    }
  cJSON_Delete (o);
  if (st == DOKUS_OK)
    *out = s;
  return st;
}

static DokusStatus
http_submit (DokusApProvider *self, const DokusApSubmission *doc, DokusApStatus *out,
             DokusError *err)
{
  HttpProvider *p = (HttpProvider *) self;
  struct curl_slist *h = NULL;
  char line[512];
  Response r;
  DokusStatus st;
  const char *names[] = { "Idempotency-Key", "X-Peppol-Receiver", "X-Peppol-Document-Type",
                          "X-Peppol-Process", "Content-Type" };
  const char *values[] = { doc->document_id, doc->receiver_id, doc->document_type_id,
                           doc->process_id, "application/xml" };

  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    {
      /* header values must not smuggle a line break */
      if (values[i] == NULL || strpbrk (values[i], "\r\n") != NULL
          || (size_t) snprintf (line, sizeof line, "%s: %s", names[i], values[i]) >= sizeof line)
        {
          curl_slist_free_all (h);
          return dokus_error_set (err, DOKUS_ERR_INVALID, names[i], "bad %s for the access point",
                                  names[i]);
        }
      struct curl_slist *grown = curl_slist_append (h, line);
      if (grown == NULL)
        {
          curl_slist_free_all (h);
          return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
        }
      h = grown;
    }
  st = perform (p, "POST", "/v1/documents", doc->ubl, doc->ubl_len, h, "submitting", &r, err);
  curl_slist_free_all (h);
  if (st != DOKUS_OK)
    return st;
  if (r.code == 200 || r.code == 201 || r.code == 202)
    st = parse_status (&r, "submitting", out, err);
  else
    st = http_error (&r, "submitting", err);
  free (r.body.data);
  return st;
}

static DokusStatus
http_status (DokusApProvider *self, const char *document_id, DokusApStatus *out, DokusError *err)
{
  HttpProvider *p = (HttpProvider *) self;
  char *id = escape (p, document_id), path[256];
  Response r;
  DokusStatus st;

  if (id == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  snprintf (path, sizeof path, "/v1/documents/%.200s", id);
  curl_free (id);
  st = perform (p, "GET", path, NULL, 0, NULL, "asking for a document's status", &r, err);
  if (st != DOKUS_OK)
    return st;
  if (r.code == 200)
    st = parse_status (&r, "asking for a document's status", out, err);
  else
    st = http_error (&r, "asking for a document's status", err);
  free (r.body.data);
  return st;
}

static void
copy_member (char *dst, size_t size, const cJSON *o, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (o, key);
  snprintf (dst, size, "%s", cJSON_IsString (v) ? v->valuestring : "");
}

static DokusStatus
http_list_incoming (DokusApProvider *self, const char *after, DokusApIncoming **out,
                    size_t *n_out, DokusError *err)
{
  HttpProvider *p = (HttpProvider *) self;
  char path[320];
  Response r;
  cJSON *o = NULL;
  const cJSON *docs, *d;
  DokusApIncoming *rows = NULL;
  size_t n = 0;
  DokusStatus st;

  if (after != NULL)
    {
      char *a = escape (p, after);
      if (a == NULL)
        return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
      snprintf (path, sizeof path, "/v1/inbox?limit=%d&after=%.200s", INBOX_PAGE, a);
      curl_free (a);
    }
  else
    snprintf (path, sizeof path, "/v1/inbox?limit=%d", INBOX_PAGE);
  st = perform (p, "GET", path, NULL, 0, NULL, "listing incoming documents", &r, err);
  if (st != DOKUS_OK)
    return st;
  if (r.code != 200)
    {
      st = http_error (&r, "listing incoming documents", err);
      goto out;
    }
  o = cJSON_ParseWithLength (r.body.data ? r.body.data : "", r.body.len);
  docs = cJSON_GetObjectItemCaseSensitive (o, "documents");
  if (!cJSON_IsArray (docs))
    {
      st = dokus_error_set (err, DOKUS_ERR_INVALID, "documents",
                            "listing incoming documents: the answer has no documents array");
      goto out;
    }
  if (cJSON_GetArraySize (docs) > 0
      && (rows = calloc ((size_t) cJSON_GetArraySize (docs), sizeof *rows)) == NULL)
    {
      st = dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
      goto out;
    }
  cJSON_ArrayForEach (d, docs)
    {
      const cJSON *id = cJSON_GetObjectItemCaseSensitive (d, "id");
      if (!cJSON_IsString (id) || id->valuestring[0] == '\0'
          || strlen (id->valuestring) >= sizeof rows[n].id)
        {
          st = dokus_error_set (err, DOKUS_ERR_INVALID, "documents",
                                "listing incoming documents: document %lu has no usable id",
                                (unsigned long) n);
          goto out;
        }
      copy_member (rows[n].id, sizeof rows[n].id, d, "id");
      copy_member (rows[n].sender_id, sizeof rows[n].sender_id, d, "sender_id");
      copy_member (rows[n].document_type_id, sizeof rows[n].document_type_id, d,
                   "document_type_id");
      copy_member (rows[n].received_at, sizeof rows[n].received_at, d, "received_at");
      n++;
    }
out:
  cJSON_Delete (o);
  free (r.body.data);
  if (st != DOKUS_OK)
    {
      free (rows);
      return st;
    }
  *out = rows;
  *n_out = n;
  return DOKUS_OK;
}

static DokusStatus
http_fetch (DokusApProvider *self, const char *id, char **ubl, size_t *len, DokusError *err)
{
  HttpProvider *p = (HttpProvider *) self;
  char *e = escape (p, id), path[256];
  Response r;
  DokusStatus st;

  if (e == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  snprintf (path, sizeof path, "/v1/inbox/%.200s", e);
  curl_free (e);
  st = perform (p, "GET", path, NULL, 0, NULL, "fetching an incoming document", &r, err);
  if (st != DOKUS_OK)
    return st;
  if (r.code != 200)
    {
      st = http_error (&r, "fetching an incoming document", err);
      free (r.body.data);
      return st;
    }
  if (r.body.data == NULL || r.body.len == 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, NULL,
                            "fetching an incoming document: the access point sent nothing");
  *ubl = r.body.data;
  *len = r.body.len;
  return DOKUS_OK;
}

static DokusStatus
http_ack (DokusApProvider *self, const char *id, DokusError *err)
{
  HttpProvider *p = (HttpProvider *) self;
  char *e = escape (p, id), path[256];
  Response r;
  DokusStatus st;

  if (e == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  snprintf (path, sizeof path, "/v1/inbox/%.200s/ack", e);
  curl_free (e);
  st = perform (p, "POST", path, NULL, 0, NULL, "acknowledging an incoming document", &r, err);
  if (st != DOKUS_OK)
    return st;
  if (r.code < 200 || r.code > 299)
    st = http_error (&r, "acknowledging an incoming document", err);
  free (r.body.data);
  return st;
}

static void
http_destroy (DokusApProvider *self)
{
  HttpProvider *p = (HttpProvider *) self;

  if (p->curl != NULL)
    curl_easy_cleanup (p->curl);
  sodium_free (p->auth); /* wipes it */
  free (p->base_url);
  free (p->ca_file);
  free (p);
}

/* true for "http://127.0.0.1[:port]/...", [::1] and localhost */
static bool
is_loopback_http (const char *url)
{
  const char *hosts[] = { "http://127.0.0.1", "http://[::1]", "http://localhost" };
  for (size_t i = 0; i < sizeof hosts / sizeof hosts[0]; i++)
    {
      size_t n = strlen (hosts[i]);
      if (strncmp (url, hosts[i], n) == 0
          && (url[n] == '\0' || url[n] == ':' || url[n] == '/'))
        return true;
    }
  return false;
}

DokusStatus
dokus_ap_http_new (const DokusApHttpOptions *options, DokusApProvider **out, DokusError *err)
{
  static bool curl_ready;
  HttpProvider *p;
  const char *url;
  size_t url_len, token_len;
  FILE *ca;

  assert (options != NULL && out != NULL);
  *out = NULL;
  url = options->base_url;
  if (url == NULL || url[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, "base_url",
                            "the access point's URL is missing");
  if (strncmp (url, "https://", 8) != 0 && !is_loopback_http (url))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "base_url",
                            "the access point's URL must start with https:// (plain http only "
                            "to this machine, for tests): %.100s",
                            url);
  if (strpbrk (url, " \r\n") != NULL)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "base_url",
                            "the access point's URL contains a space or line break");
  if (options->token == NULL || options->token[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, "token",
                            "the access point's API token is missing");
  token_len = strlen (options->token);
  if (token_len > TOKEN_MAX || strpbrk (options->token, "\r\n") != NULL)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "token",
                            "the access point's API token is too long or has a line break");
  if (options->connect_timeout_ms < 0 || options->timeout_ms < 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "timeout_ms", "a timeout is negative");
  if (options->ca_file != NULL)
    {
      if ((ca = fopen (options->ca_file, "rb")) == NULL)
        return dokus_error_set (err, DOKUS_ERR_INVALID, "ca_file",
                                "cannot read the CA file %.180s", options->ca_file);
      fclose (ca);
    }
  if (sodium_init () < 0)
    return dokus_error_set (err, DOKUS_ERR_INTERNAL, NULL, "libsodium cannot start");
  if (!curl_ready)
    {
      if (curl_global_init (CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return dokus_error_set (err, DOKUS_ERR_INTERNAL, NULL, "libcurl cannot start");
      curl_ready = true;
    }
  if ((p = calloc (1, sizeof *p)) == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  p->iface = (DokusApProvider){ .submit = http_submit, .status = http_status,
                                .list_incoming = http_list_incoming, .fetch = http_fetch,
                                .ack = http_ack, .destroy = http_destroy };
  url_len = strlen (url);
  while (url_len > 0 && url[url_len - 1] == '/')
    url_len--;
  p->base_url = malloc (url_len + 1);
  p->auth = sodium_malloc (token_len + sizeof "Authorization: Bearer ");
  p->ca_file = options->ca_file ? strdup (options->ca_file) : NULL;
  p->curl = curl_easy_init ();
  if (p->base_url == NULL || p->auth == NULL || p->curl == NULL
      || (options->ca_file != NULL && p->ca_file == NULL))
    {
      http_destroy (&p->iface);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
    }
  memcpy (p->base_url, url, url_len);
  p->base_url[url_len] = '\0';
  snprintf (p->auth, token_len + sizeof "Authorization: Bearer ", "Authorization: Bearer %s",
            options->token);
  p->connect_timeout_ms = options->connect_timeout_ms ? options->connect_timeout_ms
                                                      : DEFAULT_CONNECT_TIMEOUT_MS;
  p->timeout_ms = options->timeout_ms ? options->timeout_ms : DEFAULT_TIMEOUT_MS;
  *out = &p->iface;
  return DOKUS_OK;
}

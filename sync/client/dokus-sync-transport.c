/* dokus-sync-transport.c
 *
 * The relay client's HTTP: one request over libcurl (certificate and
 * host verification always on), repeated on transient failures. 429 and
 * 503 wait for their Retry-After; network errors, timeouts and other 5xx
 * back off exponentially with full jitter (uniform in [0, min(cap, base
 * * 2^(n-1))]); after max_attempts the last failure is reported. A 401
 * on an authenticated request drops the access token and tries once
 * more, which refreshes it or signs in again (dokus-sync-auth.c).
 * Waits and transfers end at once when the client is cancelled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "dokus-sync-client-private.h"

#define MAX_BODY (300u * 1024 * 1024)
#define MAX_RETRY_AFTER_S 60 /* a longer Retry-After is reported, not waited for */

typedef struct {
  SyncReply *reply;
  size_t cap;
  unsigned retry_after_s;
} Collect;

int64_t
dokus_sync_monotonic_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
dokus_sync_wall_ms (const DokusSyncClient *c)
{
  struct timespec ts;

  if (c->options.clock != NULL)
    return c->options.clock (c->options.clock_user);
  clock_gettime (CLOCK_REALTIME, &ts);
  return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
dokus_sync_reply_clear (SyncReply *r)
{
  cJSON_Delete (r->json);
  free (r->body);
  memset (r, 0, sizeof *r);
}

static size_t
body_cb (char *ptr, size_t size, size_t nmemb, void *user)
{
  Collect *col = user;
  SyncReply *r = col->reply;
  size_t n = size * nmemb;

  if (r->len + n > MAX_BODY)
    return 0;
  if (r->len + n + 1 > col->cap)
    {
      size_t cap = (r->len + n + 1) * 2;
      unsigned char *more = realloc (r->body, cap);
      if (more == NULL)
        return 0;
      r->body = more;
      col->cap = cap;
    }
  memcpy (r->body + r->len, ptr, n);
  r->len += n;
  r->body[r->len] = '\0';
  return n;
}

/* copies the value of header @name from @line into @out if it is that header */
static void
take_header (const char *line, size_t len, const char *name, char *out, size_t size)
{
  size_t nl = strlen (name), i;

  if (len <= nl + 1 || strncasecmp (line, name, nl) != 0 || line[nl] != ':')
    return;
  line += nl + 1;
  len -= nl + 1;
  while (len > 0 && (*line == ' ' || *line == '\t'))
    line++, len--;
  for (i = 0; i < len && i + 1 < size && line[i] != '\r' && line[i] != '\n'; i++)
    out[i] = line[i];
  out[i] = '\0';
}

static size_t
header_cb (char *line, size_t size, size_t nmemb, void *user)
{
  Collect *col = user;
  size_t n = size * nmemb;
  char retry[16] = "";

  take_header (line, n, "Retry-After", retry, sizeof retry);
  if (retry[0] != '\0')
    {
      long s = strtol (retry, NULL, 10);
      col->retry_after_s = s > 0 && s < 3600 ? (unsigned) s : 1;
    }
  take_header (line, n, "X-Dokus-Upto-Seq", col->reply->upto_seq, sizeof col->reply->upto_seq);
  take_header (line, n, "X-Dokus-Key-Epoch", col->reply->key_epoch,
               sizeof col->reply->key_epoch);
  return n;
}

static int
progress_cb (void *user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
             curl_off_t ulnow)
{
  const DokusSyncClient *c = user;
  (void) dltotal, (void) dlnow, (void) ultotal, (void) ulnow;
  return c->cancelled ? 1 : 0;
}

/* One attempt. Returns the curl code; *retry_after_s from the answer. */
static CURLcode
perform (DokusSyncClient *c, const char *method, const char *url, const char *token,
         const char *text, const void *raw, size_t raw_len, unsigned wait_s, SyncReply *reply,
         unsigned *retry_after_s)
{
  CURL *curl = curl_easy_init ();
  struct curl_slist *headers = NULL;
  char auth[SYNC_TOKEN_MAX + 32];
  Collect col = { reply, 0, 0 };
  unsigned timeout = c->options.timeout_s ? c->options.timeout_s : 60;
  CURLcode rc;

  if (curl == NULL)
    return CURLE_OUT_OF_MEMORY;
  headers = curl_slist_append (headers, raw != NULL ? "Content-Type: application/octet-stream"
                                                    : "Content-Type: application/json");
  if (token != NULL)
    {
      snprintf (auth, sizeof auth, "Authorization: Bearer %s", token);
      headers = curl_slist_append (headers, auth);
      sodium_memzero (auth, sizeof auth);
    }
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "https,http");
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, (long) (timeout + wait_s));
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, body_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, &col);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, &col);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, progress_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, c);
  if (c->ca_file != NULL)
    curl_easy_setopt (curl, CURLOPT_CAINFO, c->ca_file);
  if (text != NULL)
    curl_easy_setopt (curl, CURLOPT_POSTFIELDS, text);
  else if (raw != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, raw);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) raw_len);
    }
  rc = curl_easy_perform (curl);
  if (rc == CURLE_OK)
    curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &reply->http);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);
  *retry_after_s = col.retry_after_s;
  return rc;
}

/* sleeps @ms in slices, false when cancelled meanwhile */
static bool
pause_ms (const DokusSyncClient *c, unsigned ms)
{
  int64_t until = dokus_sync_monotonic_ms () + ms;

  while (!c->cancelled)
    {
      int64_t left = until - dokus_sync_monotonic_ms ();
      struct timespec ts;
      if (left <= 0)
        return true;
      if (left > 50)
        left = 50;
      ts.tv_sec = 0;
      ts.tv_nsec = (long) left * 1000000L;
      while (nanosleep (&ts, &ts) != 0 && errno == EINTR && !c->cancelled)
        ;
    }
  return false;
}

/* full jitter: uniform in [0, min(cap, base * 2^(retry-1))] */
static unsigned
backoff_ms (const DokusSyncClient *c, unsigned retry)
{
  unsigned base = c->options.base_delay_ms ? c->options.base_delay_ms : 250;
  unsigned cap = c->options.max_delay_ms ? c->options.max_delay_ms : 10000;
  uint64_t ceiling = base;

  for (unsigned i = 1; i < retry && ceiling < cap; i++)
    ceiling *= 2;
  if (ceiling > cap)
    ceiling = cap;
  return randombytes_uniform ((uint32_t) ceiling + 1);
}

static bool
transient_status (long http)
{
  return http == 429 || http == 500 || http == 502 || http == 503 || http == 504;
}

static void
read_error_code (SyncReply *r)
{
  const cJSON *e = cJSON_GetArrayItem (cJSON_GetObjectItemCaseSensitive (r->json, "errors"), 0);
  const cJSON *code = cJSON_GetObjectItemCaseSensitive (e, "code");
  if (cJSON_IsString (code))
    snprintf (r->code, sizeof r->code, "%s", code->valuestring);
}

static DokusStatus
status_error (const SyncReply *r, const char *method, const char *path, DokusError *err)
{
  const cJSON *e = cJSON_GetArrayItem (cJSON_GetObjectItemCaseSensitive (r->json, "errors"), 0);
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (e, "message");
  DokusStatus code = r->http == 404 ? DOKUS_ERR_NOT_FOUND
                     : r->http == 401 || r->http == 403 || r->http == 409 || r->http == 410
                       ? DOKUS_ERR_REFUSED
                     : r->http >= 500 || r->http == 429 ? DOKUS_ERR_IO
                                                        : DOKUS_ERR_INVALID;

  const char *field = strcmp (r->code, "revoked") == 0            ? "revoked"
                      : strncmp (r->code, "dev_seq_", 8) == 0     ? "dev_seq"
                      : strcmp (r->code, "lease_conflict") == 0   ? "lease"
                                                                  : "relay";

  return dokus_error_set (err, code, field, "the relay answered %ld (%s) to %s %s: %s", r->http,
                          r->code[0] ? r->code : "?", method, path,
                          cJSON_IsString (m) ? m->valuestring : "no message");
}

DokusStatus
dokus_sync_http (DokusSyncClient *c, DokusBook *book, const char *method, const char *path,
                 const cJSON *json_body, const void *raw, size_t raw_len, unsigned wait_s,
                 SyncReply *reply, DokusError *err)
{
  unsigned max = c->options.max_attempts ? c->options.max_attempts : 8;
  char *text = json_body ? cJSON_PrintUnformatted (json_body) : NULL;
  char *url = malloc (strlen (c->url) + strlen (path) + 1);
  char last[160] = "";
  bool reauthed = false, gave_up = false;
  int64_t started = dokus_sync_monotonic_ms ();
  DokusStatus st = DOKUS_OK;
  unsigned attempt = 0;

  assert (c != NULL && method != NULL && path != NULL && reply != NULL);
  memset (reply, 0, sizeof *reply);
  if (url == NULL || (json_body != NULL && text == NULL))
    {
      st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      goto out;
    }
  strcpy (url, c->url);
  strcat (url, path);
  while (attempt < max)
    {
      unsigned retry_after = 0, wait = 0;
      CURLcode rc;

      if (c->cancelled)
        {
          st = dokus_error_set (err, DOKUS_ERR_IO, "cancelled", "sync was interrupted");
          goto out;
        }
      if (book != NULL && (st = dokus_sync_auth_ensure (c, book, err)) != DOKUS_OK)
        goto out;
      dokus_sync_reply_clear (reply);
      attempt++;
      rc = perform (c, method, url, book != NULL ? c->access : NULL, text, raw, raw_len, wait_s,
                    reply, &retry_after);
      if (rc == CURLE_ABORTED_BY_CALLBACK)
        continue; /* cancelled: reported at the top */
      if (rc != CURLE_OK)
        {
          snprintf (last, sizeof last, "%s", curl_easy_strerror (rc));
          wait = backoff_ms (c, attempt);
        }
      else
        {
          if (reply->body != NULL)
            reply->json = cJSON_Parse ((const char *) reply->body);
          read_error_code (reply);
          if (reply->http == 401 && book != NULL && !reauthed
              && (strcmp (reply->code, "token_expired") == 0
                  || strcmp (reply->code, "unauthorized") == 0))
            {
              /* expired early, or its family died: refresh or sign in, once */
              dokus_sync_auth_drop_access (c);
              reauthed = true;
              attempt--;
              continue;
            }
          if (!transient_status (reply->http))
            break;
          snprintf (last, sizeof last, "HTTP %ld (%s)", reply->http,
                    reply->code[0] ? reply->code : "?");
          wait = retry_after > 0 ? retry_after * 1000u : backoff_ms (c, attempt);
          if (retry_after > MAX_RETRY_AFTER_S)
            {
              /* the relay asks for longer than we may wait: report it now */
              gave_up = true;
              break;
            }
        }
      if (attempt < max)
        {
          c->retries++;
          if (!pause_ms (c, wait))
            continue;
        }
    }
  if (c->cancelled)
    {
      st = dokus_error_set (err, DOKUS_ERR_IO, "cancelled", "sync was interrupted");
      goto out;
    }
  if ((gave_up || attempt >= max) && (reply->http == 0 || transient_status (reply->http)))
    {
      st = dokus_error_set (err, DOKUS_ERR_IO, "relay",
                            "the relay did not answer %s %s after %u attempts in %.1f s "
                            "(last: %s); sync again later",
                            method, path, attempt,
                            (double) (dokus_sync_monotonic_ms () - started) / 1000.0, last);
      goto out;
    }
  if (reply->http >= 400)
    st = status_error (reply, method, path, err);
out:
  free (url);
  free (text);
  return st;
}

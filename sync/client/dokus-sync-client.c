/* dokus-sync-client.c
 *
 * The relay client: JSON over HTTPS with libcurl (certificate and host
 * verification always on), sign-in with the device key, book
 * registration, push of the outbox with its batch signature, pull and
 * apply. Wire formats: docs/sync-protocol.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <sodium.h>

#include "dokus/dokus-sync-client.h"

#define PUSH_BATCH 100
#define PULL_LIMIT 500
#define ID_LEN 36
#define BINDING_LEN (11 + ID_LEN + ID_LEN + 8 + 4 + 32)

struct DokusSyncClient {
  char *url;
  char *ca_file;
  char token[1024];
};

typedef struct {
  char *data;
  size_t len;
} Buffer;

static size_t
collect_cb (char *ptr, size_t size, size_t nmemb, void *user)
{
  Buffer *b = user;
  size_t n = size * nmemb;
  char *more;

  if (b->len + n > 64u * 1024 * 1024)
    return 0;
  more = realloc (b->data, b->len + n + 1);
  if (more == NULL)
    return 0;
  b->data = more;
  memcpy (b->data + b->len, ptr, n);
  b->len += n;
  b->data[b->len] = '\0';
  return n;
}

DokusStatus
dokus_sync_client_new (const char *relay_url, const char *ca_file, DokusSyncClient **out,
                       DokusError *err)
{
  DokusSyncClient *c;

  assert (relay_url != NULL && out != NULL);
  *out = NULL;
  if (strncmp (relay_url, "https://", 8) != 0 && strncmp (relay_url, "http://127.0.0.1", 16) != 0
      && strncmp (relay_url, "http://localhost", 16) != 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "relay",
                            "the relay URL must be https:// (plain http only on loopback): %s",
                            relay_url);
  if (sodium_init () < 0 || curl_global_init (CURL_GLOBAL_DEFAULT) != CURLE_OK)
    return dokus_error_set (err, DOKUS_ERR_INTERNAL, "", "cannot initialise the HTTP client");
  c = calloc (1, sizeof *c);
  if (c == NULL || (c->url = strdup (relay_url)) == NULL
      || (ca_file != NULL && (c->ca_file = strdup (ca_file)) == NULL))
    {
      dokus_sync_client_free (c);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  /* no trailing slash: paths start with one */
  while (strlen (c->url) > 0 && c->url[strlen (c->url) - 1] == '/')
    c->url[strlen (c->url) - 1] = '\0';
  *out = c;
  return DOKUS_OK;
}

void
dokus_sync_client_free (DokusSyncClient *client)
{
  if (client == NULL)
    return;
  sodium_memzero (client->token, sizeof client->token);
  free (client->url);
  free (client->ca_file);
  free (client);
}

/* One request; *reply (transfer full) is the parsed body or NULL. */
static DokusStatus
request (DokusSyncClient *c, const char *method, const char *path, const cJSON *body,
         long *http, cJSON **reply, DokusError *err)
{
  CURL *curl = curl_easy_init ();
  struct curl_slist *headers = NULL;
  char *text = body ? cJSON_PrintUnformatted (body) : NULL;
  char *url = NULL, auth[1100];
  Buffer buf = { 0 };
  DokusStatus st = DOKUS_OK;
  CURLcode rc;

  *reply = NULL;
  *http = 0;
  if (curl == NULL || (body != NULL && text == NULL)
      || (url = malloc (strlen (c->url) + strlen (path) + 1)) == NULL)
    {
      st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      goto out;
    }
  strcpy (url, c->url);
  strcat (url, path);
  headers = curl_slist_append (headers, "Content-Type: application/json");
  if (c->token[0] != '\0')
    {
      snprintf (auth, sizeof auth, "Authorization: Bearer %s", c->token);
      headers = curl_slist_append (headers, auth);
    }
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "https,http");
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, collect_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, &buf);
  if (c->ca_file != NULL)
    curl_easy_setopt (curl, CURLOPT_CAINFO, c->ca_file);
  if (text != NULL)
    curl_easy_setopt (curl, CURLOPT_POSTFIELDS, text);
  rc = curl_easy_perform (curl);
  if (rc != CURLE_OK)
    {
      st = dokus_error_set (err, DOKUS_ERR_IO, "relay", "%s %s: %s", method, path,
                            curl_easy_strerror (rc));
      goto out;
    }
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, http);
  if (buf.data != NULL)
    *reply = cJSON_Parse (buf.data);
  if (*http >= 400)
    {
      const cJSON *e = cJSON_GetArrayItem (cJSON_GetObjectItemCaseSensitive (*reply, "errors"), 0);
      const cJSON *m = cJSON_GetObjectItemCaseSensitive (e, "message");
      const cJSON *code = cJSON_GetObjectItemCaseSensitive (e, "code");
      st = dokus_error_set (err, *http == 409 ? DOKUS_ERR_REFUSED
                                 : *http == 401 || *http == 403 ? DOKUS_ERR_REFUSED
                                 : *http >= 500 ? DOKUS_ERR_IO
                                                : DOKUS_ERR_INVALID,
                            "relay", "the relay answered %ld (%s) to %s %s: %s", *http,
                            cJSON_IsString (code) ? code->valuestring : "?", method, path,
                            cJSON_IsString (m) ? m->valuestring : "no message");
    }
out:
  curl_slist_free_all (headers);
  if (curl != NULL)
    curl_easy_cleanup (curl);
  free (url);
  free (text);
  free (buf.data);
  return st;
}

static void
add_b64 (cJSON *o, const char *key, const unsigned char *bin, size_t len)
{
  size_t cap = sodium_base64_encoded_len (len, sodium_base64_VARIANT_ORIGINAL);
  char *s = malloc (cap);
  if (s == NULL)
    return;
  sodium_bin2base64 (s, cap, bin, len, sodium_base64_VARIANT_ORIGINAL);
  cJSON_AddStringToObject (o, key, s);
  free (s);
}

/* decodes a base64 member; *out (transfer full) */
static bool
get_b64 (const cJSON *o, const char *key, unsigned char **out, size_t *len)
{
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (o, key);
  size_t n;

  *out = NULL;
  if (!cJSON_IsString (m))
    return false;
  n = strlen (m->valuestring);
  *out = malloc (n + 1);
  if (*out == NULL
      || sodium_base642bin (*out, n + 1, m->valuestring, n, NULL, len, NULL,
                            sodium_base64_VARIANT_ORIGINAL) != 0)
    {
      free (*out);
      *out = NULL;
      return false;
    }
  return true;
}

static void
put_id (unsigned char *p, const char *id)
{
  memset (p, 0, ID_LEN);
  memcpy (p, id, strnlen (id, ID_LEN));
}

static void
put_be (unsigned char *p, uint64_t v, int bytes)
{
  for (int i = 0; i < bytes; i++)
    p[i] = (unsigned char) (v >> (8 * (bytes - 1 - i)));
}

static DokusStatus
sign_in (DokusSyncClient *c, DokusBook *book, const char *book_id, const char *device_id,
         DokusError *err)
{
  unsigned char msg[12 + 2 * ID_LEN + 32], sig[64], *challenge = NULL;
  size_t clen = 0;
  cJSON *body = cJSON_CreateObject (), *reply = NULL;
  const cJSON *tok;
  DokusStatus st;
  long http;

  c->token[0] = '\0';
  cJSON_AddStringToObject (body, "book_id", book_id);
  cJSON_AddStringToObject (body, "device_id", device_id);
  st = request (c, "POST", "/v1/auth/challenge", body, &http, &reply, err);
  if (st == DOKUS_OK && (!get_b64 (reply, "challenge", &challenge, &clen) || clen != 32))
    st = dokus_error_set (err, DOKUS_ERR_IO, "challenge", "the relay sent no valid challenge");
  cJSON_Delete (reply);
  reply = NULL;
  if (st == DOKUS_OK)
    {
      memcpy (msg, "dokus-auth-1", 12);
      put_id (msg + 12, book_id);
      put_id (msg + 12 + ID_LEN, device_id);
      memcpy (msg + 12 + 2 * ID_LEN, challenge, 32);
      st = dokus_sync_sign (book, msg, sizeof msg, sig, err);
    }
  if (st == DOKUS_OK)
    {
      add_b64 (body, "challenge", challenge, 32);
      add_b64 (body, "sig", sig, sizeof sig);
      st = request (c, "POST", "/v1/auth/token", body, &http, &reply, err);
    }
  tok = cJSON_GetObjectItemCaseSensitive (reply, "access_token");
  if (st == DOKUS_OK && (!cJSON_IsString (tok) || strlen (tok->valuestring) >= sizeof c->token))
    st = dokus_error_set (err, DOKUS_ERR_IO, "access_token", "the relay sent no access token");
  if (st == DOKUS_OK)
    snprintf (c->token, sizeof c->token, "%s", tok->valuestring);
  free (challenge);
  cJSON_Delete (body);
  cJSON_Delete (reply);
  return st;
}

DokusStatus
dokus_sync_client_register (DokusSyncClient *c, DokusBook *book, DokusError *err)
{
  char book_id[DOKUS_SYNC_ID_TEXT], device_id[DOKUS_SYNC_ID_TEXT];
  unsigned char sign_pk[32], key[32], seed[32], box_pk[32], box_sk[32], dev_box_pk[32];
  unsigned char msg[12 + 2 * ID_LEN + 32], sig[64];
  cJSON *body = NULL, *owner, *reply = NULL;
  uint32_t epoch = 0;
  DokusStatus st;
  long http;

  st = dokus_sync_get_identity (book, book_id, device_id, sign_pk, err);
  if (st == DOKUS_OK)
    st = dokus_sync_export_key (book, &epoch, key, err);
  if (st != DOKUS_OK)
    return st;
  /* the inbox pair follows from the book's first key; the device's box
   * key from its signing key */
  crypto_generichash (seed, sizeof seed, (const unsigned char *) "dokus-inbox-1", 13, key,
                      sizeof key);
  crypto_box_seed_keypair (box_pk, box_sk, seed);
  sodium_memzero (key, sizeof key);
  sodium_memzero (seed, sizeof seed);
  sodium_memzero (box_sk, sizeof box_sk);
  if (crypto_sign_ed25519_pk_to_curve25519 (dev_box_pk, sign_pk) != 0)
    return dokus_error_set (err, DOKUS_ERR_CORRUPT, "sign_pk", "this device's key is not valid");
  memcpy (msg, "dokus-book-1", 12);
  put_id (msg + 12, book_id);
  put_id (msg + 12 + ID_LEN, device_id);
  memcpy (msg + 12 + 2 * ID_LEN, box_pk, 32);
  st = dokus_sync_sign (book, msg, sizeof msg, sig, err);
  if (st != DOKUS_OK)
    return st;
  body = cJSON_CreateObject ();
  cJSON_AddStringToObject (body, "book_id", book_id);
  add_b64 (body, "box_pk", box_pk, 32);
  cJSON_AddNumberToObject (body, "key_epoch", epoch);
  owner = cJSON_AddObjectToObject (body, "owner");
  cJSON_AddStringToObject (owner, "device_id", device_id);
  add_b64 (owner, "sign_pk", sign_pk, 32);
  add_b64 (owner, "box_pk", dev_box_pk, 32);
  add_b64 (owner, "sig", sig, 64);
  st = request (c, "POST", "/v1/books", body, &http, &reply, err);
  cJSON_Delete (body);
  cJSON_Delete (reply);
  return st;
}

static void
binding (unsigned char out[BINDING_LEN], const char *book_id, const DokusSyncEnvelope *e)
{
  crypto_generichash_state h;

  memcpy (out, "dokus-sig-1", 11);
  put_id (out + 11, book_id);
  put_id (out + 11 + ID_LEN, e->device_id);
  put_be (out + 11 + 2 * ID_LEN, (uint64_t) e->dev_seq, 8);
  put_be (out + 11 + 2 * ID_LEN + 8, e->key_epoch, 4);
  crypto_generichash_init (&h, NULL, 0, 32);
  crypto_generichash_update (&h, e->nonce, sizeof e->nonce);
  crypto_generichash_update (&h, e->ct, e->ct_len);
  crypto_generichash_final (&h, out + 11 + 2 * ID_LEN + 12, 32);
}

static DokusStatus
push_batch (DokusSyncClient *c, DokusBook *book, const char *book_id, const char *device_id,
            const DokusSyncEnvelope *envs, size_t n, int64_t *acked, DokusError *err)
{
  unsigned char msg[12 + 2 * ID_LEN + 32], b[BINDING_LEN], sig[64];
  crypto_generichash_state h;
  cJSON *body = cJSON_CreateObject (), *list, *reply = NULL;
  const cJSON *ack;
  char path[128];
  DokusStatus st;
  long http;

  cJSON_AddStringToObject (body, "device_id", device_id);
  list = cJSON_AddArrayToObject (body, "envelopes");
  crypto_generichash_init (&h, NULL, 0, 32);
  for (size_t i = 0; i < n; i++)
    {
      cJSON *e = cJSON_CreateObject ();
      cJSON_AddNumberToObject (e, "dev_seq", (double) envs[i].dev_seq);
      cJSON_AddNumberToObject (e, "key_epoch", envs[i].key_epoch);
      add_b64 (e, "nonce", envs[i].nonce, sizeof envs[i].nonce);
      add_b64 (e, "ct", envs[i].ct, envs[i].ct_len);
      add_b64 (e, "sig", envs[i].sig, sizeof envs[i].sig);
      cJSON_AddItemToArray (list, e);
      binding (b, book_id, &envs[i]);
      crypto_generichash_update (&h, b, sizeof b);
      crypto_generichash_update (&h, envs[i].sig, sizeof envs[i].sig);
    }
  memcpy (msg, "dokus-push-1", 12);
  put_id (msg + 12, book_id);
  put_id (msg + 12 + ID_LEN, device_id);
  crypto_generichash_final (&h, msg + 12 + 2 * ID_LEN, 32);
  st = dokus_sync_sign (book, msg, sizeof msg, sig, err);
  if (st == DOKUS_OK)
    {
      add_b64 (body, "batch_sig", sig, sizeof sig);
      snprintf (path, sizeof path, "/v1/books/%s/push", book_id);
      st = request (c, "POST", path, body, &http, &reply, err);
    }
  const cJSON *acks = st == DOKUS_OK ? cJSON_GetObjectItemCaseSensitive (reply, "acks") : NULL;
  cJSON_ArrayForEach (ack, acks)
    {
      const cJSON *d = cJSON_GetObjectItemCaseSensitive (ack, "dev_seq");
      const cJSON *s = cJSON_GetObjectItemCaseSensitive (ack, "server_seq");
      if (!cJSON_IsNumber (d))
        continue;
      /* compacted away: acknowledged, seq unknown */
      st = dokus_sync_outbox_ack (book, (int64_t) d->valuedouble,
                                  cJSON_IsNumber (s) ? (int64_t) s->valuedouble : 0, err);
      if (st != DOKUS_OK)
        break;
      (*acked)++;
    }
  cJSON_Delete (body);
  cJSON_Delete (reply);
  return st;
}

static DokusStatus
pull_once (DokusSyncClient *c, DokusBook *book, const char *book_id, DokusSyncRunStats *stats,
           bool *more, DokusError *err)
{
  int64_t after = 0;
  cJSON *reply = NULL;
  const cJSON *list, *item, *head;
  DokusSyncEnvelope *envs = NULL;
  size_t n = 0;
  char path[192];
  DokusStatus st = dokus_sync_get_cursor (book, &after, err);
  long http;

  *more = false;
  if (st != DOKUS_OK)
    return st;
  snprintf (path, sizeof path, "/v1/books/%s/pull?after=%" PRId64 "&limit=%d", book_id, after,
            PULL_LIMIT);
  st = request (c, "GET", path, NULL, &http, &reply, err);
  list = cJSON_GetObjectItemCaseSensitive (reply, "envelopes");
  head = cJSON_GetObjectItemCaseSensitive (reply, "head_seq");
  if (st == DOKUS_OK && !cJSON_IsArray (list))
    st = dokus_error_set (err, DOKUS_ERR_IO, "envelopes", "the relay's pull answer has no list");
  if (st == DOKUS_OK && cJSON_GetArraySize (list) > 0)
    envs = calloc ((size_t) cJSON_GetArraySize (list), sizeof *envs);
  const cJSON *items = st == DOKUS_OK ? list : NULL;
  cJSON_ArrayForEach (item, items)
    {
      DokusSyncEnvelope *e = &envs[n];
      const cJSON *dev = cJSON_GetObjectItemCaseSensitive (item, "device_id");
      unsigned char *nonce = NULL, *sig = NULL;
      size_t nl = 0, sl = 0;
      if (envs == NULL || !cJSON_IsString (dev) || strlen (dev->valuestring) != ID_LEN
          || !get_b64 (item, "nonce", &nonce, &nl) || nl != sizeof e->nonce
          || !get_b64 (item, "sig", &sig, &sl) || sl != sizeof e->sig
          || !get_b64 (item, "ct", &e->ct, &e->ct_len))
        {
          free (nonce);
          free (sig);
          st = dokus_error_set (err, DOKUS_ERR_IO, "envelopes", "a pulled envelope is malformed");
          break;
        }
      snprintf (e->device_id, sizeof e->device_id, "%s", dev->valuestring);
      memcpy (e->nonce, nonce, nl);
      memcpy (e->sig, sig, sl);
      free (nonce);
      free (sig);
      e->dev_seq = (int64_t) cJSON_GetObjectItemCaseSensitive (item, "dev_seq")->valuedouble;
      e->key_epoch = (uint32_t) cJSON_GetObjectItemCaseSensitive (item, "key_epoch")->valuedouble;
      e->server_seq = (int64_t) cJSON_GetObjectItemCaseSensitive (item, "server_seq")->valuedouble;
      n++;
    }
  if (st == DOKUS_OK && n > 0)
    {
      DokusSyncApplyStats as;
      st = dokus_sync_apply (book, envs, n, envs[n - 1].server_seq, &as, err);
      stats->pulled += (int64_t) n;
      stats->applied += (int64_t) as.applied;
      stats->waiting += (int64_t) as.waiting;
      *more = true;
    }
  if (cJSON_IsNumber (head))
    stats->head_seq = (int64_t) head->valuedouble;
  dokus_sync_envelopes_free (envs, n);
  cJSON_Delete (reply);
  return st;
}

DokusStatus
dokus_sync_client_run (DokusSyncClient *c, DokusBook *book, DokusSyncProgress progress,
                       void *user, DokusSyncRunStats *stats, DokusError *err)
{
  char book_id[DOKUS_SYNC_ID_TEXT], device_id[DOKUS_SYNC_ID_TEXT];
  DokusSyncRunStats local = { 0 };
  DokusStatus st;
  bool more = true;

  assert (c != NULL && book != NULL);
  if (stats == NULL)
    stats = &local;
  *stats = (DokusSyncRunStats){ 0 };
  st = dokus_sync_get_identity (book, book_id, device_id, NULL, err);
  if (st == DOKUS_OK && progress)
    progress ("sign-in", 0, 1, user);
  if (st == DOKUS_OK)
    st = sign_in (c, book, book_id, device_id, err);
  while (st == DOKUS_OK)
    {
      DokusSyncEnvelope *envs = NULL;
      size_t n = 0;
      st = dokus_sync_outbox_list (book, PUSH_BATCH, &envs, &n, err);
      if (st == DOKUS_OK && n > 0)
        st = push_batch (c, book, book_id, device_id, envs, n, &stats->pushed, err);
      dokus_sync_envelopes_free (envs, n);
      if (progress)
        progress ("push", stats->pushed, -1, user);
      if (n == 0)
        break;
    }
  while (st == DOKUS_OK && more)
    {
      st = pull_once (c, book, book_id, stats, &more, err);
      if (progress)
        progress ("pull", stats->pulled, stats->head_seq, user);
    }
  return st;
}

DokusStatus
dokus_sync_client_add_member (DokusSyncClient *c, DokusBook *book, const char *device_id,
                              const unsigned char sign_pk[DOKUS_SYNC_SIGN_PK_BYTES],
                              const char *role, DokusError *err)
{
  char book_id[DOKUS_SYNC_ID_TEXT], self[DOKUS_SYNC_ID_TEXT], path[128];
  unsigned char box_pk[32];
  cJSON *body, *reply = NULL;
  DokusStatus st;
  long http;

  assert (c != NULL && book != NULL && device_id != NULL && sign_pk != NULL && role != NULL);
  if (crypto_sign_ed25519_pk_to_curve25519 (box_pk, sign_pk) != 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "sign_pk", "not an Ed25519 public key");
  st = dokus_sync_member_add (book, device_id, sign_pk, role, err);
  if (st == DOKUS_OK)
    st = dokus_sync_get_identity (book, book_id, self, NULL, err);
  if (st == DOKUS_OK)
    st = sign_in (c, book, book_id, self, err);
  if (st != DOKUS_OK)
    return st;
  body = cJSON_CreateObject ();
  cJSON_AddStringToObject (body, "device_id", device_id);
  cJSON_AddStringToObject (body, "role", role);
  add_b64 (body, "sign_pk", sign_pk, 32);
  add_b64 (body, "box_pk", box_pk, 32);
  snprintf (path, sizeof path, "/v1/books/%s/members", book_id);
  st = request (c, "POST", path, body, &http, &reply, err);
  cJSON_Delete (body);
  cJSON_Delete (reply);
  return st;
}

typedef struct {
  char holder[DOKUS_SYNC_ID_TEXT]; /* "" when free */
  int64_t epoch, release_seq;
} Lease;

static DokusStatus
lease_call (DokusSyncClient *c, const char *book_id, const char *tag, const cJSON *post,
            Lease *out, DokusError *err)
{
  char path[256];
  cJSON *reply = NULL;
  const cJSON *l, *h;
  DokusStatus st;
  long http;

  snprintf (path, sizeof path, "/v1/books/%s/lease/%s", book_id, tag);
  st = request (c, post ? "POST" : "GET", path, post, &http, &reply, err);
  l = http == 409 ? cJSON_GetObjectItemCaseSensitive (reply, "current") : reply;
  h = cJSON_GetObjectItemCaseSensitive (l, "holder");
  memset (out, 0, sizeof *out);
  if (cJSON_IsString (h))
    snprintf (out->holder, sizeof out->holder, "%s", h->valuestring);
  out->epoch = (int64_t) cJSON_GetNumberValue (cJSON_GetObjectItemCaseSensitive (l, "epoch"));
  out->release_seq
    = (int64_t) cJSON_GetNumberValue (cJSON_GetObjectItemCaseSensitive (l, "release_seq"));
  if (http == 409)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "lease",
                          "the lease moved meanwhile: %s holds it now (epoch %" PRId64 ")",
                          out->holder[0] ? out->holder : "nobody", out->epoch);
  cJSON_Delete (reply);
  return st;
}

DokusStatus
dokus_sync_client_lease_take (DokusSyncClient *c, DokusBook *book, const char *series,
                              DokusError *err)
{
  char book_id[DOKUS_SYNC_ID_TEXT], self[DOKUS_SYNC_ID_TEXT], tag[65];
  int64_t cursor = 0, waiting = 0;
  cJSON *post;
  Lease lease;
  DokusStatus st;

  assert (c != NULL && book != NULL && series != NULL);
  st = dokus_sync_client_run (c, book, NULL, NULL, NULL, err);
  if (st == DOKUS_OK)
    st = dokus_sync_get_identity (book, book_id, self, NULL, err);
  if (st == DOKUS_OK)
    st = dokus_sync_series_tag (book, series, tag, err);
  if (st == DOKUS_OK)
    st = lease_call (c, book_id, tag, NULL, &lease, err);
  if (st != DOKUS_OK)
    return st;
  if (strcmp (lease.holder, self) == 0)
    return dokus_sync_lease_set (book, series, self, lease.epoch, err);
  if (lease.holder[0] != '\0')
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "lease",
                            "device %s holds the lease of %s: it must release it (online and "
                            "caught up) first",
                            lease.holder, series);
  /* caught up through the release, nothing of it waiting */
  st = dokus_sync_get_cursor (book, &cursor, err);
  if (st == DOKUS_OK)
    st = dokus_sync_pending_count (book, &waiting, err);
  if (st != DOKUS_OK)
    return st;
  if (cursor < lease.release_seq || waiting > 0)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "lease",
                            "this book is not caught up with the last holder of %s yet "
                            "(at %" PRId64 " of %" PRId64 ", %" PRId64 " waiting): sync again",
                            series, cursor, lease.release_seq, waiting);
  post = cJSON_CreateObject ();
  cJSON_AddNumberToObject (post, "expect_epoch", (double) lease.epoch);
  cJSON_AddStringToObject (post, "holder", self);
  cJSON_AddNumberToObject (post, "release_seq", (double) lease.release_seq);
  st = lease_call (c, book_id, tag, post, &lease, err);
  cJSON_Delete (post);
  if (st == DOKUS_OK)
    st = dokus_sync_lease_set (book, series, self, lease.epoch, err);
  return st;
}

DokusStatus
dokus_sync_client_lease_release (DokusSyncClient *c, DokusBook *book, const char *series,
                                 DokusError *err)
{
  char book_id[DOKUS_SYNC_ID_TEXT], self[DOKUS_SYNC_ID_TEXT], tag[65];
  DokusSyncEnvelope *left = NULL;
  size_t n_left = 0;
  cJSON *post;
  Lease lease;
  DokusStatus st;

  assert (c != NULL && book != NULL && series != NULL);
  st = dokus_sync_client_run (c, book, NULL, NULL, NULL, err);
  if (st == DOKUS_OK)
    st = dokus_sync_outbox_list (book, 1, &left, &n_left, err);
  dokus_sync_envelopes_free (left, n_left);
  if (st == DOKUS_OK && n_left > 0)
    st = dokus_error_set (err, DOKUS_ERR_IO, "lease",
                          "not every change reached the relay: sync again before releasing");
  if (st == DOKUS_OK)
    st = dokus_sync_get_identity (book, book_id, self, NULL, err);
  if (st == DOKUS_OK)
    st = dokus_sync_series_tag (book, series, tag, err);
  if (st == DOKUS_OK)
    st = lease_call (c, book_id, tag, NULL, &lease, err);
  if (st != DOKUS_OK)
    return st;
  if (strcmp (lease.holder, self) != 0)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "lease",
                            "this device does not hold the lease of %s", series);
  post = cJSON_CreateObject ();
  cJSON_AddNumberToObject (post, "expect_epoch", (double) lease.epoch);
  cJSON_AddNullToObject (post, "holder");
  /* everything this device wrote is acknowledged: the relay's head at the
   * last sync is at or past its last envelope */
  {
    int64_t cursor = 0;
    st = dokus_sync_get_cursor (book, &cursor, err);
    cJSON_AddNumberToObject (post, "release_seq", (double) cursor);
  }
  if (st == DOKUS_OK)
    st = lease_call (c, book_id, tag, post, &lease, err);
  cJSON_Delete (post);
  if (st == DOKUS_OK)
    st = dokus_sync_lease_set (book, series, NULL, lease.epoch, err);
  return st;
}

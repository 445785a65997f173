/* dokus-sync-auth.c
 *
 * The relay client's tokens (docs/sync-protocol.md, "Sign-in and
 * tokens"): a 15-minute access token and a refresh token that rotates on
 * every use. The access token is renewed a little before it expires
 * (a fifth of its lifetime, at most a minute), with the refresh token;
 * when that fails (expired, reused, or its family revoked) the device
 * signs in again with a signed challenge, which starts a new family.
 * Tokens live only in the client's memory, are wiped when dropped and
 * never go into a message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "dokus-sync-client-private.h"

void
dokus_sync_auth_drop_access (DokusSyncClient *c)
{
  sodium_memzero (c->access, sizeof c->access);
  c->access_until_ms = 0;
}

void
dokus_sync_auth_forget (DokusSyncClient *c)
{
  dokus_sync_auth_drop_access (c);
  sodium_memzero (c->refresh, sizeof c->refresh);
  c->refresh_until_ms = 0;
}

/* Keeps the tokens of a /token or /refresh answer. */
static DokusStatus
keep_tokens (DokusSyncClient *c, const cJSON *reply, DokusError *err)
{
  const cJSON *access = cJSON_GetObjectItemCaseSensitive (reply, "access_token");
  const cJSON *refresh = cJSON_GetObjectItemCaseSensitive (reply, "refresh_token");
  int64_t ttl = dokus_sync_wire_int (reply, "expires_in", 900);
  int64_t rttl = dokus_sync_wire_int (reply, "refresh_expires_in", 0);
  int64_t now = dokus_sync_monotonic_ms ();

  dokus_sync_auth_forget (c);
  if (!cJSON_IsString (access) || strlen (access->valuestring) >= sizeof c->access
      || (refresh != NULL
          && (!cJSON_IsString (refresh) || strlen (refresh->valuestring) >= sizeof c->refresh)))
    return dokus_error_set (err, DOKUS_ERR_IO, "access_token",
                            "the relay sent no usable access token");
  memcpy (c->access, access->valuestring, strlen (access->valuestring) + 1);
  c->access_ttl_ms = (ttl > 0 ? ttl : 1) * 1000;
  c->access_until_ms = now + c->access_ttl_ms;
  if (refresh != NULL)
    {
      memcpy (c->refresh, refresh->valuestring, strlen (refresh->valuestring) + 1);
      c->refresh_until_ms = now + (rttl > 0 ? rttl : 1) * 1000;
    }
  return DOKUS_OK;
}

/* One challenge sign-in. */
static DokusStatus
sign_in_once (DokusSyncClient *c, DokusBook *book, DokusError *err)
{
  unsigned char msg[12 + 2 * SYNC_ID_LEN + 32], sig[64], *challenge = NULL;
  size_t clen = 0;
  cJSON *body = cJSON_CreateObject ();
  SyncReply reply = { 0 };
  DokusStatus st;

  if (body == NULL || !cJSON_AddStringToObject (body, "book_id", c->book_id)
      || !cJSON_AddStringToObject (body, "device_id", c->device_id))
    {
      cJSON_Delete (body);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  st = dokus_sync_http (c, NULL, "POST", "/v1/auth/challenge", body, NULL, 0, 0, &reply, err);
  if (st == DOKUS_OK
      && (!dokus_sync_wire_get_b64 (reply.json, "challenge", &challenge, &clen) || clen != 32))
    st = dokus_error_set (err, DOKUS_ERR_IO, "challenge", "the relay sent no valid challenge");
  dokus_sync_reply_clear (&reply);
  if (st == DOKUS_OK)
    {
      memcpy (msg, "dokus-auth-1", 12);
      dokus_sync_wire_put_id (msg + 12, c->book_id);
      dokus_sync_wire_put_id (msg + 12 + SYNC_ID_LEN, c->device_id);
      memcpy (msg + 12 + 2 * SYNC_ID_LEN, challenge, 32);
      st = dokus_sync_sign (book, msg, sizeof msg, sig, err);
    }
  if (st == DOKUS_OK
      && (!dokus_sync_wire_add_b64 (body, "challenge", challenge, 32)
          || !dokus_sync_wire_add_b64 (body, "sig", sig, sizeof sig)))
    st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  if (st == DOKUS_OK)
    st = dokus_sync_http (c, NULL, "POST", "/v1/auth/token", body, NULL, 0, 0, &reply, err);
  if (st == DOKUS_OK)
    st = keep_tokens (c, reply.json, err);
  if (st == DOKUS_OK)
    c->sign_ins++;
  free (challenge);
  cJSON_Delete (body);
  dokus_sync_reply_clear (&reply);
  return st;
}

static DokusStatus
sign_in (DokusSyncClient *c, DokusBook *book, DokusError *err)
{
  DokusStatus st = sign_in_once (c, book, err);

  /* a /token answer lost on the way consumed the challenge: its retry
   * is refused; a new challenge is not */
  if (st == DOKUS_ERR_REFUSED && err != NULL && strcmp (err->field, "relay") == 0
      && c->retries > 0)
    st = sign_in_once (c, book, err);
  return st;
}

/* Renews the tokens with the refresh token; false when the family is
 * dead or the answer is unusable (then sign in). */
static bool
refresh (DokusSyncClient *c)
{
  cJSON *body = cJSON_CreateObject ();
  SyncReply reply = { 0 };
  DokusError ignored = { 0 };
  bool ok = body != NULL && cJSON_AddStringToObject (body, "refresh_token", c->refresh) != NULL
            && dokus_sync_http (c, NULL, "POST", "/v1/auth/refresh", body, NULL, 0, 0, &reply,
                                &ignored)
                 == DOKUS_OK
            && keep_tokens (c, reply.json, &ignored) == DOKUS_OK;

  if (body != NULL)
    {
      /* the body holds the (now used) refresh token */
      char *s = cJSON_GetStringValue (cJSON_GetObjectItemCaseSensitive (body, "refresh_token"));
      if (s != NULL)
        sodium_memzero (s, strlen (s));
    }
  cJSON_Delete (body);
  if (reply.body != NULL)
    sodium_memzero (reply.body, reply.len);
  dokus_sync_reply_clear (&reply);
  if (ok)
    c->refreshes++;
  else
    dokus_sync_auth_forget (c);
  return ok;
}

DokusStatus
dokus_sync_auth_ensure (DokusSyncClient *c, DokusBook *book, DokusError *err)
{
  char book_id[DOKUS_SYNC_ID_TEXT], device_id[DOKUS_SYNC_ID_TEXT];
  int64_t now = dokus_sync_monotonic_ms (), margin;
  DokusStatus st = dokus_sync_get_identity (book, book_id, device_id, NULL, err);

  if (st != DOKUS_OK)
    return st;
  if (strcmp (book_id, c->book_id) != 0 || strcmp (device_id, c->device_id) != 0)
    {
      dokus_sync_auth_forget (c);
      memcpy (c->book_id, book_id, sizeof book_id);
      memcpy (c->device_id, device_id, sizeof device_id);
    }
  margin = c->access_ttl_ms / 5 < 60000 ? c->access_ttl_ms / 5 : 60000;
  if (c->access[0] != '\0' && now < c->access_until_ms - margin)
    return DOKUS_OK;
  if (c->refresh[0] != '\0' && now < c->refresh_until_ms && refresh (c))
    return DOKUS_OK;
  return sign_in (c, book, err);
}

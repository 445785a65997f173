/* dokus-sync-client.c
 *
 * The relay client's entry points: a client and its options, book
 * registration, members, and the sync run (push, then pull and apply).
 * The pieces live beside it, one concept each: dokus-sync-transport.c
 * (HTTP, retries, back-off), dokus-sync-auth.c (tokens),
 * dokus-sync-push.c, dokus-sync-pull.c, dokus-sync-snapshot.c,
 * dokus-sync-lease.c and dokus-sync-wire.c. Wire formats:
 * docs/sync-protocol.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <sodium.h>

#include "dokus-sync-client-private.h"
#include "dokus/dokus-sync-pair.h"

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
  dokus_sync_auth_forget (client);
  free (client->url);
  free (client->ca_file);
  free (client);
}

void
dokus_sync_client_set_options (DokusSyncClient *client, const DokusSyncClientOptions *options)
{
  assert (client != NULL);
  if (options != NULL)
    client->options = *options;
  else
    memset (&client->options, 0, sizeof client->options);
}

void
dokus_sync_client_cancel (DokusSyncClient *client)
{
  if (client != NULL)
    client->cancelled = 1;
}

bool
dokus_sync_client_cancelled (const DokusSyncClient *client)
{
  return client != NULL && client->cancelled;
}

bool
dokus_sync_client_clock_ok (const DokusSyncRunStats *stats)
{
  assert (stats != NULL);
  return stats->clock_skew_ms <= DOKUS_SYNC_MAX_CLOCK_SKEW_MS
         && stats->clock_skew_ms >= -DOKUS_SYNC_MAX_CLOCK_SKEW_MS;
}

DokusStatus
dokus_sync_client_register (DokusSyncClient *c, DokusBook *book, DokusError *err)
{
  char book_id[DOKUS_SYNC_ID_TEXT], device_id[DOKUS_SYNC_ID_TEXT];
  unsigned char sign_pk[32], key[32], seed[32], box_pk[32], box_sk[32], dev_box_pk[32];
  unsigned char msg[12 + 2 * SYNC_ID_LEN + 32], sig[64];
  cJSON *body = NULL, *owner;
  SyncReply reply = { 0 };
  uint32_t epoch = 0;
  DokusStatus st;

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
  dokus_sync_wire_put_id (msg + 12, book_id);
  dokus_sync_wire_put_id (msg + 12 + SYNC_ID_LEN, device_id);
  memcpy (msg + 12 + 2 * SYNC_ID_LEN, box_pk, 32);
  st = dokus_sync_sign (book, msg, sizeof msg, sig, err);
  if (st != DOKUS_OK)
    return st;
  body = cJSON_CreateObject ();
  cJSON_AddStringToObject (body, "book_id", book_id);
  dokus_sync_wire_add_b64 (body, "box_pk", box_pk, 32);
  cJSON_AddNumberToObject (body, "key_epoch", epoch);
  owner = cJSON_AddObjectToObject (body, "owner");
  cJSON_AddStringToObject (owner, "device_id", device_id);
  dokus_sync_wire_add_b64 (owner, "sign_pk", sign_pk, 32);
  dokus_sync_wire_add_b64 (owner, "box_pk", dev_box_pk, 32);
  dokus_sync_wire_add_b64 (owner, "sig", sig, 64);
  c->retries = 0;
  st = dokus_sync_http (c, NULL, "POST", "/v1/books", body, NULL, 0, 0, &reply, err);
  /* a retry after a lost 201 finds the book there: it is ours if we can sign in */
  if (st == DOKUS_ERR_REFUSED && reply.http == 409 && c->retries > 0)
    st = dokus_sync_auth_ensure (c, book, err);
  else if (st == DOKUS_ERR_REFUSED && reply.http == 409)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "book_id",
                          "the relay has this book already");
  cJSON_Delete (body);
  dokus_sync_reply_clear (&reply);
  return st;
}

DokusStatus
dokus_sync_client_run_wait (DokusSyncClient *c, DokusBook *book, unsigned wait_s,
                            DokusSyncProgress progress, void *user, DokusSyncRunStats *stats,
                            DokusError *err)
{
  char book_id[DOKUS_SYNC_ID_TEXT], device_id[DOKUS_SYNC_ID_TEXT];
  DokusSyncRunStats local = { 0 };
  DokusStatus st;

  assert (c != NULL && book != NULL);
  if (stats == NULL)
    stats = &local;
  *stats = (DokusSyncRunStats){ 0 };
  c->retries = c->sign_ins = c->refreshes = 0;
  st = dokus_sync_get_identity (book, book_id, device_id, NULL, err);
  if (st == DOKUS_OK && progress)
    progress ("sign-in", 0, 1, user);
  if (st == DOKUS_OK)
    st = dokus_sync_auth_ensure (c, book, err);
  /* keys the owner rotated since (dokus-sync-pair-keys.c) */
  if (st == DOKUS_OK)
    st = dokus_sync_client_keys_fetch (c, book, NULL, err);
  if (st == DOKUS_OK)
    st = dokus_sync_push_all (c, book, book_id, device_id, progress, user, stats, err);
  if (st == DOKUS_OK)
    st = dokus_sync_pull_all (c, book, book_id, wait_s > 30 ? 30 : wait_s, progress, user,
                              stats, err);
  /* changes made while the long-poll waited go out now, not a round later */
  if (st == DOKUS_OK && wait_s > 0)
    st = dokus_sync_push_all (c, book, book_id, device_id, progress, user, stats, err);
  stats->retries = c->retries;
  stats->sign_ins = c->sign_ins;
  stats->refreshes = c->refreshes;
  return st;
}

DokusStatus
dokus_sync_client_run (DokusSyncClient *c, DokusBook *book, DokusSyncProgress progress,
                       void *user, DokusSyncRunStats *stats, DokusError *err)
{
  return dokus_sync_client_run_wait (c, book, 0, progress, user, stats, err);
}

DokusStatus
dokus_sync_client_add_member (DokusSyncClient *c, DokusBook *book, const char *device_id,
                              const unsigned char sign_pk[DOKUS_SYNC_SIGN_PK_BYTES],
                              const char *role, DokusError *err)
{
  char book_id[DOKUS_SYNC_ID_TEXT], path[128];
  unsigned char box_pk[32];
  cJSON *body;
  SyncReply reply = { 0 };
  DokusStatus st;

  assert (c != NULL && book != NULL && device_id != NULL && sign_pk != NULL && role != NULL);
  if (crypto_sign_ed25519_pk_to_curve25519 (box_pk, sign_pk) != 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "sign_pk", "not an Ed25519 public key");
  st = dokus_sync_member_add (book, device_id, sign_pk, role, err);
  if (st == DOKUS_OK)
    st = dokus_sync_get_identity (book, book_id, NULL, NULL, err);
  if (st != DOKUS_OK)
    return st;
  body = cJSON_CreateObject ();
  cJSON_AddStringToObject (body, "device_id", device_id);
  cJSON_AddStringToObject (body, "role", role);
  dokus_sync_wire_add_b64 (body, "sign_pk", sign_pk, 32);
  dokus_sync_wire_add_b64 (body, "box_pk", box_pk, 32);
  snprintf (path, sizeof path, "/v1/books/%s/members", book_id);
  c->retries = 0;
  st = dokus_sync_http (c, book, "POST", path, body, NULL, 0, 0, &reply, err);
  /* a retry after a lost 201 finds the member there */
  if (st == DOKUS_ERR_REFUSED && reply.http == 409 && c->retries > 0)
    st = DOKUS_OK;
  cJSON_Delete (body);
  dokus_sync_reply_clear (&reply);
  return st;
}

/* dokus-sync-pair-keys.c
 *
 * Revocation with key rotation, and picking up rotated keys:
 *   POST /v1/books/{id}/members/{device}/revoke  (owner) -> max_dev_seq, the cut-off
 *   PUT  /v1/books/{id}/key_bundles              (owner) the new keyring, one per member
 *   GET  /v1/books/{id}/key_bundles              (any)   this device's bundles
 * Bundles are made and opened by libdokus (dokus_sync_rotate_prepare,
 * dokus_sync_bundle_open): sealed to each member and signed by the owner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-sync-client-private.h"
#include "dokus-sync-pair-private.h"

/* Stores @bundles at the relay for @epoch, then opens this device's own. */
static DokusStatus
put_bundles (DokusSyncClient *c, DokusBook *book, const char *book_id, const char *self,
             uint32_t epoch, const DokusSyncBundle *bundles, size_t n, DokusError *err)
{
  cJSON *body = cJSON_CreateObject (), *list;
  const DokusSyncBundle *own = NULL;
  SyncReply reply = { 0 };
  char path[128];
  DokusStatus st;

  cJSON_AddNumberToObject (body, "key_epoch", epoch);
  list = cJSON_AddArrayToObject (body, "bundles");
  for (size_t i = 0; i < n; i++)
    {
      cJSON *b = cJSON_CreateObject ();
      cJSON_AddStringToObject (b, "device_id", bundles[i].device_id);
      dokus_sync_wire_add_b64 (b, "sealed", bundles[i].sealed, bundles[i].sealed_len);
      cJSON_AddItemToArray (list, b);
      if (strcmp (bundles[i].device_id, self) == 0)
        own = &bundles[i];
    }
  snprintf (path, sizeof path, "/v1/books/%s/key_bundles", book_id);
  st = dokus_sync_http (c, book, "PUT", path, body, NULL, 0, 0, &reply, err);
  cJSON_Delete (body);
  dokus_sync_reply_clear (&reply);
  if (st == DOKUS_OK && own == NULL)
    st = dokus_error_set (err, DOKUS_ERR_INTERNAL, "", "no key bundle for this device");
  /* the relay has the new keyring: from now on this device seals under it */
  if (st == DOKUS_OK)
    st = dokus_sync_bundle_open (book, own->sealed, own->sealed_len, NULL, err);
  return st;
}

DokusStatus
dokus_sync_client_revoke (DokusSyncClient *c, DokusBook *book, const char *device_id,
                          uint32_t *new_epoch, DokusError *err)
{
  char book_id[DOKUS_SYNC_ID_TEXT], self[DOKUS_SYNC_ID_TEXT], path[192];
  const char *role = dokus_sync_role (book);
  DokusSyncBundle *bundles = NULL;
  SyncReply reply = { 0 };
  int64_t cutoff = 0;
  uint32_t epoch = 0;
  size_t n = 0;
  DokusStatus st;

  assert (c != NULL && book != NULL && device_id != NULL);
  if (role == NULL || strcmp (role, "owner") != 0)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "role",
                            "only the book's owner device revokes members");
  st = dokus_sync_get_identity (book, book_id, self, NULL, err);
  if (st == DOKUS_OK && (strlen (device_id) != 36 || strcmp (device_id, self) == 0))
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "device_id",
                          "give another member's device id (dokus-cli device list)");
  /* what this device wrote so far goes out under the old key */
  if (st == DOKUS_OK)
    st = dokus_sync_client_run (c, book, NULL, NULL, NULL, err);
  if (st != DOKUS_OK)
    return st;
  snprintf (path, sizeof path, "/v1/books/%s/members/%s/revoke", book_id, device_id);
  {
    cJSON *empty = cJSON_CreateObject ();
    st = dokus_sync_http (c, book, "POST", path, empty, NULL, 0, 0, &reply, err);
    cJSON_Delete (empty);
  }
  if (st == DOKUS_OK)
    cutoff = dokus_sync_wire_int (reply.json, "max_dev_seq", -1);
  dokus_sync_reply_clear (&reply);
  if (st == DOKUS_OK && cutoff < 0)
    st = dokus_error_set (err, DOKUS_ERR_IO, "relay",
                          "the relay did not say how far the revoked device's changes go");
  if (st == DOKUS_OK)
    st = dokus_sync_member_record (book, device_id, NULL, NULL, cutoff, err);
  if (st == DOKUS_OK)
    st = dokus_sync_rotate_prepare (book, &epoch, &bundles, &n, err);
  if (st == DOKUS_OK)
    st = put_bundles (c, book, book_id, self, epoch, bundles, n, err);
  dokus_sync_bundles_free (bundles, n);
  /* the revocation fact out to the other members */
  if (st == DOKUS_OK)
    st = dokus_sync_client_run (c, book, NULL, NULL, NULL, err);
  if (st == DOKUS_OK && new_epoch != NULL)
    *new_epoch = epoch;
  return st;
}

DokusStatus
dokus_sync_client_keys_fetch (DokusSyncClient *c, DokusBook *book, uint32_t *added,
                              DokusError *err)
{
  char book_id[DOKUS_SYNC_ID_TEXT], path[128];
  SyncReply reply = { 0 };
  const cJSON *item, *list;
  uint32_t total = 0;
  DokusStatus st;

  assert (c != NULL && book != NULL);
  if (added != NULL)
    *added = 0;
  st = dokus_sync_get_identity (book, book_id, NULL, NULL, err);
  if (st != DOKUS_OK)
    return st;
  snprintf (path, sizeof path, "/v1/books/%s/key_bundles", book_id);
  st = dokus_sync_http (c, book, "GET", path, NULL, NULL, 0, 0, &reply, err);
  list = st == DOKUS_OK ? cJSON_GetObjectItemCaseSensitive (reply.json, "bundles") : NULL;
  cJSON_ArrayForEach (item, list)
    {
      unsigned char *sealed = NULL;
      size_t len = 0;
      uint32_t got = 0;

      if ((uint32_t) dokus_sync_wire_int (item, "key_epoch", 0) <= dokus_sync_key_epoch (book))
        continue; /* had it already */
      if (!dokus_sync_wire_get_b64 (item, "sealed", &sealed, &len))
        st = dokus_error_set (err, DOKUS_ERR_IO, "relay", "a key bundle from the relay is not base64");
      else
        st = dokus_sync_bundle_open (book, sealed, len, &got, err);
      free (sealed);
      if (st != DOKUS_OK)
        break;
      total += got;
    }
  dokus_sync_reply_clear (&reply);
  if (added != NULL)
    *added = total;
  return st;
}

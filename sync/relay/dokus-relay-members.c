/* dokus-relay-members.c
 *
 * A book's members (device id, role, public keys, push head), added and
 * revoked by the owner, and the key bundles the owner seals to each
 * member for each key epoch. A revoked member's tokens and pushes are
 * refused from the next request on, and the series leases it held are
 * freed in the revocation's transaction (docs/sync.md, "Leases").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-relay-handlers.h"
#include "dokus-relay-wire.h"

#define MAX_BUNDLE_BYTES 4096
#define MAX_BUNDLES 200

enum MHD_Result
dokus_relay_handle_members_list (DokusRelayRequest *req)
{
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  cJSON *out, *arr;

  dokus_relay_params_bytes (&p, req->book_id, 16);
  r = dokus_relay_db_exec (req->db,
                           "SELECT device_id, role, sign_pk, box_pk, max_dev_seq, "
                           "  revoked_at IS NOT NULL FROM member WHERE book_id = $1 "
                           "ORDER BY created_at, device_id",
                           &p, msg, sizeof msg);
  if (r == NULL)
    return dokus_relay_reply_db_error (req, "members", msg);
  out = cJSON_CreateObject ();
  arr = cJSON_AddArrayToObject (out, "members");
  for (int i = 0; i < PQntuples (r); i++)
    {
      cJSON *m = cJSON_CreateObject ();
      dokus_relay_json_add_id (m, "device_id", (const uint8_t *) PQgetvalue (r, i, 0));
      cJSON_AddStringToObject (m, "role", PQgetvalue (r, i, 1));
      dokus_relay_json_add_b64 (m, "sign_pk", PQgetvalue (r, i, 2), 32);
      dokus_relay_json_add_b64 (m, "box_pk", PQgetvalue (r, i, 3), 32);
      cJSON_AddNumberToObject (m, "max_dev_seq", (double) dokus_relay_db_get_i64 (r, i, 4));
      cJSON_AddBoolToObject (m, "revoked", PQgetvalue (r, i, 5)[0] != 0);
      cJSON_AddItemToArray (arr, m);
    }
  PQclear (r);
  return dokus_relay_reply_json (req, 200, out);
}

enum MHD_Result
dokus_relay_handle_member_add (DokusRelayRequest *req)
{
  cJSON *body = dokus_relay_body_json (req), *role;
  uint8_t dev[16], sign_pk[32], box_pk[32];
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  enum MHD_Result ret = MHD_YES;

  if (body == NULL)
    return MHD_YES;
  role = cJSON_GetObjectItemCaseSensitive (body, "role");
  if (!dokus_relay_wire_id (req, body, "device_id", "device_id", dev)
      || !dokus_relay_wire_key (req, body, "sign_pk", "sign_pk", sign_pk)
      || !dokus_relay_wire_key (req, body, "box_pk", "box_pk", box_pk))
    goto out;
  if (!cJSON_IsString (role)
      || (strcmp (role->valuestring, "device") != 0
          && strcmp (role->valuestring, "accountant") != 0))
    {
      dokus_relay_reply_error (req, 400, "invalid", "role", NULL,
                               "role must be \"device\" or \"accountant\"");
      goto out;
    }
  dokus_relay_params_bytes (&p, req->book_id, 16);
  dokus_relay_params_bytes (&p, dev, 16);
  dokus_relay_params_text (&p, role->valuestring);
  dokus_relay_params_bytes (&p, sign_pk, 32);
  dokus_relay_params_bytes (&p, box_pk, 32);
  r = dokus_relay_db_exec (req->db,
                           "INSERT INTO member (book_id, device_id, role, sign_pk, box_pk) "
                           "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1",
                           &p, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "add member", msg);
      goto out;
    }
  if (PQntuples (r) == 0)
    ret = dokus_relay_reply_error (req, 409, "conflict", "device_id", NULL,
                                   "this device is already a member (device ids are never "
                                   "reused, even after revocation)");
  else
    {
      cJSON *o = cJSON_CreateObject ();
      dokus_relay_json_add_id (o, "device_id", dev);
      cJSON_AddStringToObject (o, "role", role->valuestring);
      ret = dokus_relay_reply_json (req, 201, o);
    }
  PQclear (r);
out:
  cJSON_Delete (body);
  return ret;
}

/* Runs @sql with @p inside the revocation's transaction; NULL (and the
 * transaction rolled back) on a database error. */
static PGresult *
revoke_step (DokusRelayRequest *req, const char *sql, const DokusRelayParams *p, char *msg,
             size_t msg_size)
{
  PGresult *r = dokus_relay_db_exec (req->db, sql, p, msg, msg_size);
  if (r == NULL)
    PQclear (PQexec (req->db, "ROLLBACK"));
  return r;
}

/* Revokes member @dev and frees every series lease it holds, in one
 * transaction. The book row is locked first, as a push locks it, so the
 * book's head read here is past every envelope the device got in: it
 * becomes the leases' release_seq, and the next holder numbers on only
 * once it has pulled that far. Returns false after replying. */
static bool
revoke_member (DokusRelayRequest *req, const uint8_t *dev, long long *max_dev_seq,
               long long *leases_freed, enum MHD_Result *ret)
{
  DokusRelayParams p = { 0 };
  PGresult *r;
  long long head;
  char msg[256];

  dokus_relay_params_bytes (&p, req->book_id, 16);
  r = dokus_relay_db_exec (req->db, "BEGIN", NULL, msg, sizeof msg);
  if (r != NULL)
    {
      PQclear (r);
      r = revoke_step (req, "SELECT last_seq FROM book WHERE book_id = $1 FOR UPDATE", &p, msg,
                       sizeof msg);
    }
  if (r == NULL)
    goto db_error;
  head = PQntuples (r) > 0 ? dokus_relay_db_get_i64 (r, 0, 0) : 0;
  PQclear (r);
  dokus_relay_params_bytes (&p, dev, 16);
  r = revoke_step (req,
                   "WITH m AS (UPDATE member SET revoked_at = coalesce(revoked_at, now()) "
                   "           WHERE book_id = $1 AND device_id = $2 "
                   "           RETURNING max_dev_seq), "
                   "f AS (UPDATE token_family SET revoked_at = coalesce(revoked_at, now()) "
                   "      WHERE book_id = $1 AND device_id = $2) "
                   "SELECT max_dev_seq FROM m",
                   &p, msg, sizeof msg);
  if (r == NULL)
    goto db_error;
  if (PQntuples (r) == 0)
    {
      PQclear (r);
      PQclear (PQexec (req->db, "ROLLBACK"));
      *ret = dokus_relay_reply_error (req, 404, "not_found", "device_id", NULL, "no such member");
      return false;
    }
  /* the cut-off: the member row's lock orders this after any push that
   * counted the device's envelopes, and pushes after it are refused, so
   * clients accept exactly its envelopes up to here */
  *max_dev_seq = dokus_relay_db_get_i64 (r, 0, 0);
  PQclear (r);
  /* a stolen laptop never comes back to hand its leases over: free them
   * as a release would, a new epoch fencing out the old holder */
  dokus_relay_params_int (&p, head);
  r = revoke_step (req,
                   "WITH l AS (UPDATE lease SET holder = NULL, epoch = epoch + 1, "
                   "           release_seq = greatest(release_seq, $3::bigint) "
                   "           WHERE book_id = $1 AND holder = $2 RETURNING 1) "
                   "SELECT count(*) FROM l",
                   &p, msg, sizeof msg);
  if (r == NULL)
    goto db_error;
  *leases_freed = dokus_relay_db_get_i64 (r, 0, 0);
  PQclear (r);
  r = dokus_relay_db_exec (req->db, "COMMIT", NULL, msg, sizeof msg);
  if (r == NULL)
    goto db_error;
  PQclear (r);
  return true;
db_error:
  *ret = dokus_relay_reply_db_error (req, "revoke", msg);
  return false;
}

enum MHD_Result
dokus_relay_handle_member_revoke (DokusRelayRequest *req)
{
  long long max_dev_seq = 0, leases_freed = 0;
  uint8_t dev[16];
  enum MHD_Result ret = MHD_YES;
  cJSON *o;

  if (!dokus_relay_parse_id (req->params[1], dev))
    return dokus_relay_reply_error (req, 404, "not_found", "device_id", NULL,
                                    "a device id is a lower-case UUID (36 characters)");
  if (memcmp (dev, req->device_id, 16) == 0)
    return dokus_relay_reply_error (req, 400, "invalid", "device_id", NULL,
                                    "the owner cannot revoke itself");
  if (!revoke_member (req, dev, &max_dev_seq, &leases_freed, &ret))
    return ret;
  o = cJSON_CreateObject ();
  dokus_relay_json_add_id (o, "device_id", dev);
  cJSON_AddBoolToObject (o, "revoked", 1);
  cJSON_AddNumberToObject (o, "max_dev_seq", (double) max_dev_seq);
  cJSON_AddNumberToObject (o, "leases_freed", (double) leases_freed);
  return dokus_relay_reply_json (req, 200, o);
}

enum MHD_Result
dokus_relay_handle_key_bundles_put (DokusRelayRequest *req)
{
  cJSON *body = dokus_relay_body_json (req), *arr, *item;
  long long epoch;
  int idx = 0;
  char msg[256], field[64];
  PGresult *r;
  enum MHD_Result ret = MHD_YES;

  if (body == NULL)
    return MHD_YES;
  arr = cJSON_GetObjectItemCaseSensitive (body, "bundles");
  if (!dokus_relay_wire_int (req, body, "key_epoch", "key_epoch", 1, 2147483647, &epoch))
    goto out;
  if (!cJSON_IsArray (arr) || cJSON_GetArraySize (arr) < 1
      || cJSON_GetArraySize (arr) > MAX_BUNDLES)
    {
      dokus_relay_reply_error (req, 400, "invalid", "bundles", NULL,
                               "bundles must be an array of 1 to %d {device_id, sealed}",
                               MAX_BUNDLES);
      goto out;
    }
  r = dokus_relay_db_exec (req->db, "BEGIN", NULL, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "key bundles", msg);
      goto out;
    }
  PQclear (r);
  cJSON_ArrayForEach (item, arr)
  {
    uint8_t dev[16], *sealed = NULL;
    size_t sealed_len = 0;
    DokusRelayParams p = { 0 };

    snprintf (field, sizeof field, "bundles[%d].device_id", idx);
    if (!dokus_relay_wire_id (req, item, "device_id", field, dev))
      goto rollback;
    snprintf (field, sizeof field, "bundles[%d].sealed", idx);
    if (!dokus_relay_wire_bytes (req, item, "sealed", field, 0, MAX_BUNDLE_BYTES, &sealed,
                                 &sealed_len))
      goto rollback;
    dokus_relay_params_bytes (&p, req->book_id, 16);
    dokus_relay_params_bytes (&p, dev, 16);
    dokus_relay_params_int (&p, epoch);
    dokus_relay_params_bytes (&p, sealed, sealed_len);
    r = dokus_relay_db_exec (req->db,
                             "INSERT INTO key_bundle (book_id, device_id, key_epoch, sealed) "
                             "SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM member "
                             "  WHERE book_id = $1 AND device_id = $2 AND revoked_at IS NULL) "
                             "ON CONFLICT (book_id, device_id, key_epoch) "
                             "DO UPDATE SET sealed = EXCLUDED.sealed RETURNING 1",
                             &p, msg, sizeof msg);
    free (sealed);
    if (r == NULL)
      {
        ret = dokus_relay_reply_db_error (req, "key bundles", msg);
        goto rollback;
      }
    if (PQntuples (r) == 0)
      {
        PQclear (r);
        dokus_relay_reply_error (req, 400, "invalid", field, NULL,
                                 "bundles[%d].device_id is not a current member", idx);
        goto rollback;
      }
    PQclear (r);
    idx++;
  }
  {
    DokusRelayParams p = { 0 };
    dokus_relay_params_bytes (&p, req->book_id, 16);
    dokus_relay_params_int (&p, epoch);
    r = dokus_relay_db_exec (req->db,
                             "UPDATE book SET key_epoch = greatest(key_epoch, $2) "
                             "WHERE book_id = $1 RETURNING key_epoch",
                             &p, msg, sizeof msg);
    if (r == NULL)
      {
        ret = dokus_relay_reply_db_error (req, "key bundles", msg);
        goto rollback;
      }
    epoch = dokus_relay_db_get_i32 (r, 0, 0);
    PQclear (r);
  }
  r = dokus_relay_db_exec (req->db, "COMMIT", NULL, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "key bundles", msg);
      goto out;
    }
  PQclear (r);
  {
    cJSON *o = cJSON_CreateObject ();
    cJSON_AddNumberToObject (o, "key_epoch", (double) epoch);
    cJSON_AddNumberToObject (o, "stored", idx);
    ret = dokus_relay_reply_json (req, 200, o);
  }
  goto out;
rollback:
  PQclear (PQexec (req->db, "ROLLBACK"));
out:
  cJSON_Delete (body);
  return ret;
}

enum MHD_Result
dokus_relay_handle_key_bundles_get (DokusRelayRequest *req)
{
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  cJSON *out, *arr;

  dokus_relay_params_bytes (&p, req->book_id, 16);
  dokus_relay_params_bytes (&p, req->device_id, 16);
  r = dokus_relay_db_exec (req->db,
                           "SELECT key_epoch, sealed FROM key_bundle "
                           "WHERE book_id = $1 AND device_id = $2 ORDER BY key_epoch",
                           &p, msg, sizeof msg);
  if (r == NULL)
    return dokus_relay_reply_db_error (req, "key bundles", msg);
  out = cJSON_CreateObject ();
  arr = cJSON_AddArrayToObject (out, "bundles");
  for (int i = 0; i < PQntuples (r); i++)
    {
      cJSON *b = cJSON_CreateObject ();
      cJSON_AddNumberToObject (b, "key_epoch", dokus_relay_db_get_i32 (r, i, 0));
      dokus_relay_json_add_b64 (b, "sealed", PQgetvalue (r, i, 1), (size_t) PQgetlength (r, i, 1));
      cJSON_AddItemToArray (arr, b);
    }
  PQclear (r);
  return dokus_relay_reply_json (req, 200, out);
}

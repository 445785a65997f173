/* dokus-relay-lease.c
 *
 * Invoice series leases: one holder per series, an epoch as fencing token
 * and the server_seq of the holder's release fact. The relay stores the
 * series under the keyed hash the devices compute (it never sees the
 * series name) and never moves a lease itself:
 *   GET  /v1/books/{id}/lease/{tag} -> {tag, holder, epoch, release_seq}
 *   POST /v1/books/{id}/lease/{tag} {expect_epoch, holder, release_seq}
 * POST is compare-and-set: if the lease's epoch is expect_epoch, it becomes
 * expect_epoch + 1 with the new holder (a member device id, or null to free
 * it); otherwise 409 lease_conflict with the current row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-relay-handlers.h"
#include "dokus-relay-wire.h"

#define TAG_MAX_BYTES 64

static bool
parse_tag (DokusRelayRequest *req, uint8_t *tag, size_t *tag_len)
{
  const char *hex = req->params[1];
  size_t len = strlen (hex);
  bool ok = len >= 32 && len <= TAG_MAX_BYTES * 2 && len % 2 == 0;
  for (size_t i = 0; ok && i < len; i++)
    ok = (hex[i] >= '0' && hex[i] <= '9') || (hex[i] >= 'a' && hex[i] <= 'f');
  if (ok)
    ok = sodium_hex2bin (tag, TAG_MAX_BYTES, hex, len, NULL, tag_len, NULL) == 0;
  if (!ok)
    dokus_relay_reply_error (req, 400, "invalid", "tag", NULL,
                             "a lease tag is 32 to 128 lower-case hex characters");
  return ok;
}

static cJSON *
lease_json (const char *tag_hex, const PGresult *r)
{
  cJSON *o = cJSON_CreateObject ();
  cJSON_AddStringToObject (o, "tag", tag_hex);
  if (r && PQntuples (r) > 0 && !PQgetisnull (r, 0, 0))
    dokus_relay_json_add_id (o, "holder", (const uint8_t *) PQgetvalue (r, 0, 0));
  else
    cJSON_AddNullToObject (o, "holder");
  cJSON_AddNumberToObject (o, "epoch",
                           r && PQntuples (r) ? (double) dokus_relay_db_get_i64 (r, 0, 1) : 0);
  cJSON_AddNumberToObject (o, "release_seq",
                           r && PQntuples (r) ? (double) dokus_relay_db_get_i64 (r, 0, 2) : 0);
  return o;
}

enum MHD_Result
dokus_relay_handle_lease_get (DokusRelayRequest *req)
{
  uint8_t tag[TAG_MAX_BYTES];
  size_t tag_len = 0;
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  cJSON *o;

  if (!parse_tag (req, tag, &tag_len))
    return MHD_YES;
  dokus_relay_params_bytes (&p, req->book_id, 16);
  dokus_relay_params_bytes (&p, tag, tag_len);
  r = dokus_relay_db_exec (req->db,
                           "SELECT holder, epoch, release_seq FROM lease "
                           "WHERE book_id = $1 AND series_tag = $2",
                           &p, msg, sizeof msg);
  if (r == NULL)
    return dokus_relay_reply_db_error (req, "lease", msg);
  o = lease_json (req->params[1], r);
  PQclear (r);
  return dokus_relay_reply_json (req, 200, o);
}

enum MHD_Result
dokus_relay_handle_lease_post (DokusRelayRequest *req)
{
  cJSON *body = dokus_relay_body_json (req);
  const cJSON *holder_json;
  uint8_t tag[TAG_MAX_BYTES], holder[16];
  size_t tag_len = 0;
  long long expect, release_seq;
  bool has_holder;
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  enum MHD_Result ret = MHD_YES;

  if (body == NULL)
    return MHD_YES;
  if (!parse_tag (req, tag, &tag_len)
      || !dokus_relay_wire_int (req, body, "expect_epoch", "expect_epoch", 0,
                                DOKUS_RELAY_MAX_SAFE_INT - 1, &expect)
      || !dokus_relay_wire_int (req, body, "release_seq", "release_seq", 0,
                                DOKUS_RELAY_MAX_SAFE_INT, &release_seq))
    goto out;
  holder_json = cJSON_GetObjectItemCaseSensitive (body, "holder");
  has_holder = !cJSON_IsNull (holder_json);
  if (has_holder && !dokus_relay_wire_id (req, body, "holder", "holder", holder))
    goto out;

  r = dokus_relay_db_exec (req->db, "BEGIN", NULL, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "lease", msg);
      goto out;
    }
  PQclear (r);
  if (has_holder)
    {
      p.n = 0;
      dokus_relay_params_bytes (&p, req->book_id, 16);
      dokus_relay_params_bytes (&p, holder, 16);
      r = dokus_relay_db_exec (req->db,
                               "SELECT 1 FROM member WHERE book_id = $1 AND device_id = $2 "
                               "AND revoked_at IS NULL AND role IN ('owner', 'device')",
                               &p, msg, sizeof msg);
      if (r == NULL)
        {
          ret = dokus_relay_reply_db_error (req, "lease", msg);
          goto rollback;
        }
      if (PQntuples (r) == 0)
        {
          PQclear (r);
          dokus_relay_reply_error (req, 400, "invalid", "holder", NULL,
                                   "holder must be a current owner or device member");
          goto rollback;
        }
      PQclear (r);
    }
  p.n = 0;
  dokus_relay_params_bytes (&p, req->book_id, 16);
  dokus_relay_params_bytes (&p, tag, tag_len);
  r = dokus_relay_db_exec (req->db,
                           "INSERT INTO lease (book_id, series_tag) VALUES ($1, $2) "
                           "ON CONFLICT DO NOTHING",
                           &p, msg, sizeof msg);
  if (r)
    {
      PQclear (r);
      r = dokus_relay_db_exec (req->db,
                               "SELECT holder, epoch, release_seq FROM lease "
                               "WHERE book_id = $1 AND series_tag = $2 FOR UPDATE",
                               &p, msg, sizeof msg);
    }
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "lease", msg);
      goto rollback;
    }
  if (dokus_relay_db_get_i64 (r, 0, 1) != expect)
    {
      cJSON *extra = cJSON_CreateObject ();
      cJSON_AddItemToObject (extra, "current", lease_json (req->params[1], r));
      PQclear (r);
      dokus_relay_reply_error (req, 409, "lease_conflict", "expect_epoch", extra,
                               "the lease is at another epoch: pull, then retry with it");
      goto rollback;
    }
  PQclear (r);
  if (has_holder)
    dokus_relay_params_bytes (&p, holder, 16);
  else
    dokus_relay_params_null (&p);
  dokus_relay_params_int (&p, release_seq);
  r = dokus_relay_db_exec (req->db,
                           "UPDATE lease SET holder = $3, epoch = epoch + 1, "
                           "release_seq = $4::bigint WHERE book_id = $1 AND series_tag = $2 "
                           "RETURNING holder, epoch, release_seq",
                           &p, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "lease", msg);
      goto rollback;
    }
  {
    cJSON *o = lease_json (req->params[1], r);
    PGresult *c;
    PQclear (r);
    c = dokus_relay_db_exec (req->db, "COMMIT", NULL, msg, sizeof msg);
    if (c == NULL)
      {
        cJSON_Delete (o);
        ret = dokus_relay_reply_db_error (req, "lease", msg);
        goto out;
      }
    PQclear (c);
    ret = dokus_relay_reply_json (req, 200, o);
  }
  goto out;
rollback:
  PQclear (PQexec (req->db, "ROLLBACK"));
out:
  cJSON_Delete (body);
  return ret;
}

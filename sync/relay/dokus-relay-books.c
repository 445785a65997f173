/* dokus-relay-books.c
 *
 * POST /v1/books: a device creates a book and becomes its owner, proving
 * it holds the signing key it registers; GET /v1/books/{id}: the book's
 * counters and inbox public key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-relay-envelope.h"
#include "dokus-relay-handlers.h"
#include "dokus-relay-wire.h"

#define BOOK_SIG_DOMAIN "dokus-book-1"

enum MHD_Result
dokus_relay_handle_book_create (DokusRelayRequest *req)
{
  cJSON *body = dokus_relay_body_json (req), *owner, *out;
  uint8_t book_id[16], book_box[32], dev[16], sign_pk[32], dev_box[32];
  uint8_t *sig = NULL;
  size_t sig_len = 0;
  long long key_epoch = 1;
  unsigned char msgbuf[sizeof BOOK_SIG_DOMAIN - 1 + 2 * DOKUS_ID_TEXT_BYTES + 32];
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  enum MHD_Result ret = MHD_YES;

  if (body == NULL)
    return MHD_YES;
  owner = cJSON_GetObjectItemCaseSensitive (body, "owner");
  if (!dokus_relay_wire_id (req, body, "book_id", "book_id", book_id)
      || !dokus_relay_wire_key (req, body, "box_pk", "box_pk", book_box))
    goto out;
  if (cJSON_GetObjectItemCaseSensitive (body, "key_epoch")
      && !dokus_relay_wire_int (req, body, "key_epoch", "key_epoch", 0, 2147483647, &key_epoch))
    goto out;
  if (!cJSON_IsObject (owner))
    {
      dokus_relay_reply_error (req, 400, "invalid", "owner", NULL,
                               "owner must be an object {device_id, sign_pk, box_pk, sig}");
      goto out;
    }
  if (!dokus_relay_wire_id (req, owner, "device_id", "owner.device_id", dev)
      || !dokus_relay_wire_key (req, owner, "sign_pk", "owner.sign_pk", sign_pk)
      || !dokus_relay_wire_key (req, owner, "box_pk", "owner.box_pk", dev_box)
      || !dokus_relay_wire_bytes (req, owner, "sig", "owner.sig", crypto_sign_BYTES, 0, &sig,
                                  &sig_len))
    goto out;
  memcpy (msgbuf, BOOK_SIG_DOMAIN, sizeof BOOK_SIG_DOMAIN - 1);
  dokus_relay_id_text (book_id, (char *) msgbuf + sizeof BOOK_SIG_DOMAIN - 1);
  dokus_relay_id_text (dev, (char *) msgbuf + sizeof BOOK_SIG_DOMAIN - 1 + DOKUS_ID_TEXT_BYTES);
  memcpy (msgbuf + sizeof BOOK_SIG_DOMAIN - 1 + 2 * DOKUS_ID_TEXT_BYTES, book_box, 32);
  if (crypto_sign_verify_detached (sig, msgbuf, sizeof msgbuf, sign_pk) != 0)
    {
      dokus_relay_reply_error (req, 400, "bad_signature", "owner.sig", NULL,
                               "owner.sig does not verify with owner.sign_pk");
      goto out;
    }

  dokus_relay_params_bytes (&p, book_id, 16);
  dokus_relay_params_bytes (&p, book_box, 32);
  dokus_relay_params_int (&p, key_epoch);
  dokus_relay_params_bytes (&p, dev, 16);
  dokus_relay_params_bytes (&p, sign_pk, 32);
  dokus_relay_params_bytes (&p, dev_box, 32);
  r = dokus_relay_db_exec (req->db,
                           "WITH b AS (INSERT INTO book (book_id, box_pk, key_epoch) "
                           "           VALUES ($1, $2, $3) ON CONFLICT DO NOTHING "
                           "           RETURNING book_id) "
                           "INSERT INTO member (book_id, device_id, role, sign_pk, box_pk) "
                           "SELECT b.book_id, $4, 'owner', $5, $6 FROM b RETURNING 1",
                           &p, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "create book", msg);
      goto out;
    }
  if (PQntuples (r) == 0)
    {
      PQclear (r);
      ret = dokus_relay_reply_error (req, 409, "conflict", "book_id", NULL,
                                     "a book with this id exists");
      goto out;
    }
  PQclear (r);
  out = cJSON_CreateObject ();
  dokus_relay_json_add_id (out, "book_id", book_id);
  cJSON_AddNumberToObject (out, "last_seq", 0);
  cJSON_AddNumberToObject (out, "key_epoch", (double) key_epoch);
  ret = dokus_relay_reply_json (req, 201, out);
out:
  free (sig);
  cJSON_Delete (body);
  return ret;
}

enum MHD_Result
dokus_relay_handle_book_get (DokusRelayRequest *req)
{
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  cJSON *out;

  dokus_relay_params_bytes (&p, req->book_id, 16);
  r = dokus_relay_db_exec (req->db,
                           "SELECT last_seq, key_epoch, snapshot_floor, min_schema, box_pk "
                           "FROM book WHERE book_id = $1",
                           &p, msg, sizeof msg);
  if (r == NULL)
    return dokus_relay_reply_db_error (req, "book", msg);
  if (PQntuples (r) == 0)
    {
      PQclear (r);
      return dokus_relay_reply_error (req, 404, "not_found", "book_id", NULL, "no such book");
    }
  out = cJSON_CreateObject ();
  dokus_relay_json_add_id (out, "book_id", req->book_id);
  cJSON_AddNumberToObject (out, "last_seq", (double) dokus_relay_db_get_i64 (r, 0, 0));
  cJSON_AddNumberToObject (out, "key_epoch", dokus_relay_db_get_i32 (r, 0, 1));
  cJSON_AddNumberToObject (out, "snapshot_floor", (double) dokus_relay_db_get_i64 (r, 0, 2));
  cJSON_AddNumberToObject (out, "min_schema", dokus_relay_db_get_i32 (r, 0, 3));
  dokus_relay_json_add_b64 (out, "box_pk", PQgetvalue (r, 0, 4), 32);
  cJSON_AddStringToObject (out, "role",
                           req->role == DOKUS_ROLE_OWNER    ? "owner"
                           : req->role == DOKUS_ROLE_DEVICE ? "device"
                                                            : "accountant");
  PQclear (r);
  return dokus_relay_reply_json (req, 200, out);
}

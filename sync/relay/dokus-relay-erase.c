/* dokus-relay-erase.c
 *
 * DELETE /v1/books/{id} (owner only): GDPR erasure of everything the relay
 * holds for the book, in one transaction: envelopes, snapshots, key
 * bundles, leases, inbox, challenges, refresh tokens and families,
 * members and the book row. Waiting pulls are woken (and then get 401).
 * What remains is in the request logs (ids, sizes, times) and in
 * database backups until they rotate (docs/relay.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include "dokus-relay-handlers.h"
#include "dokus-relay-wire.h"

enum MHD_Result
dokus_relay_handle_book_erase (DokusRelayRequest *req)
{
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  cJSON *o;

  dokus_relay_params_bytes (&p, req->book_id, 16);
  r = dokus_relay_db_exec (
    req->db,
    "WITH b AS (SELECT book_id FROM book WHERE book_id = $1 FOR UPDATE), "
    "e AS (DELETE FROM envelope WHERE book_id = $1 RETURNING 1), "
    "s AS (DELETE FROM snapshot WHERE book_id = $1), "
    "k AS (DELETE FROM key_bundle WHERE book_id = $1), "
    "l AS (DELETE FROM lease WHERE book_id = $1), "
    "i AS (DELETE FROM inbox WHERE book_id = $1), "
    "c AS (DELETE FROM auth_challenge WHERE book_id = $1), "
    "t AS (DELETE FROM refresh_token WHERE book_id = $1), "
    "f AS (DELETE FROM token_family WHERE book_id = $1), "
    "m AS (DELETE FROM member WHERE book_id = $1), "
    "d AS (DELETE FROM book WHERE book_id IN (SELECT book_id FROM b)) "
    "SELECT count(*) FROM e",
    &p, msg, sizeof msg);
  if (r == NULL)
    return dokus_relay_reply_db_error (req, "erase", msg);
  dokus_relay_notify_changed (req->srv->notify, req->book_id);
  o = cJSON_CreateObject ();
  dokus_relay_json_add_id (o, "book_id", req->book_id);
  cJSON_AddBoolToObject (o, "erased", 1);
  cJSON_AddNumberToObject (o, "envelopes", (double) dokus_relay_db_get_i64 (r, 0, 0));
  PQclear (r);
  return dokus_relay_reply_json (req, 200, o);
}

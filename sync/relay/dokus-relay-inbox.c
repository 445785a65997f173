/* dokus-relay-inbox.c
 *
 * The access point's events for a book while its devices are offline.
 * The owner asks for a webhook path holding a random secret (stored
 * hashed); the access point posts each event to it; the relay seals the
 * payload at once to the book's X25519 key (crypto_box_seal) and keeps
 * only the sealed box. Devices read and acknowledge:
 *   POST /v1/books/{id}/inbox/hook          -> {hook_path}
 *   POST /v1/hooks/{book_id}/{secret}       (any body) -> 202 {inbox_seq}
 *   GET  /v1/books/{id}/inbox?after=N       -> {items:[{inbox_seq, sealed, received_at_ms}]}
 *   POST /v1/books/{id}/inbox/ack {upto}    -> deletes the items up to upto
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-relay-handlers.h"
#include "dokus-relay-wire.h"

#define HOOK_SECRET_BYTES 32
#define INBOX_PAGE 100

enum MHD_Result
dokus_relay_handle_inbox_hook_new (DokusRelayRequest *req)
{
  uint8_t secret[HOOK_SECRET_BYTES], hash[32];
  char secret_hex[HOOK_SECRET_BYTES * 2 + 1], book_hex[37], path[160];
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  cJSON *o;

  randombytes_buf (secret, sizeof secret);
  crypto_generichash (hash, sizeof hash, secret, sizeof secret, NULL, 0);
  dokus_relay_params_bytes (&p, req->book_id, 16);
  dokus_relay_params_bytes (&p, hash, sizeof hash);
  r = dokus_relay_db_exec (req->db, "UPDATE book SET hook_hash = $2 WHERE book_id = $1", &p, msg,
                           sizeof msg);
  if (r == NULL)
    {
      sodium_memzero (secret, sizeof secret);
      return dokus_relay_reply_db_error (req, "inbox hook", msg);
    }
  PQclear (r);
  sodium_bin2hex (secret_hex, sizeof secret_hex, secret, sizeof secret);
  dokus_relay_format_id (req->book_id, book_hex);
  snprintf (path, sizeof path, "/v1/hooks/%s/%s", book_hex, secret_hex);
  o = cJSON_CreateObject ();
  cJSON_AddStringToObject (o, "hook_path", path);
  sodium_memzero (secret, sizeof secret);
  sodium_memzero (secret_hex, sizeof secret_hex);
  sodium_memzero (path, sizeof path);
  return dokus_relay_reply_json (req, 201, o);
}

enum MHD_Result
dokus_relay_handle_hook_post (DokusRelayRequest *req)
{
  uint8_t book[16], secret[HOOK_SECRET_BYTES], hash[32], *sealed = NULL;
  size_t len = 0, sealed_len;
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  enum MHD_Result ret;
  cJSON *o;

  if (!dokus_relay_parse_id (req->params[0], book) || strlen (req->params[1]) != 2 * sizeof secret
      || sodium_hex2bin (secret, sizeof secret, req->params[1], 2 * sizeof secret, NULL, &len,
                         NULL)
           != 0
      || len != sizeof secret)
    return dokus_relay_reply_error (req, 404, "not_found", NULL, NULL, "no such hook");
  if (req->body_len == 0)
    return dokus_relay_reply_error (req, 400, "invalid", "body", NULL, "the event is empty");
  crypto_generichash (hash, sizeof hash, secret, sizeof secret, NULL, 0);
  sodium_memzero (secret, sizeof secret);

  r = dokus_relay_db_exec (req->db, "BEGIN", NULL, msg, sizeof msg);
  if (r == NULL)
    return dokus_relay_reply_db_error (req, "hook", msg);
  PQclear (r);
  dokus_relay_params_bytes (&p, book, 16);
  r = dokus_relay_db_exec (req->db,
                           "SELECT box_pk, hook_hash FROM book WHERE book_id = $1 FOR UPDATE",
                           &p, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "hook", msg);
      goto rollback;
    }
  if (PQntuples (r) == 0 || PQgetisnull (r, 0, 1) || PQgetlength (r, 0, 1) != 32
      || sodium_memcmp (PQgetvalue (r, 0, 1), hash, 32) != 0)
    {
      PQclear (r);
      ret = dokus_relay_reply_error (req, 404, "not_found", NULL, NULL, "no such hook");
      goto rollback;
    }
  sealed_len = req->body_len + crypto_box_SEALBYTES;
  sealed = malloc (sealed_len);
  if (sealed == NULL
      || crypto_box_seal (sealed, req->body, req->body_len,
                          (const unsigned char *) PQgetvalue (r, 0, 0))
           != 0)
    {
      PQclear (r);
      ret = dokus_relay_reply_error (req, 500, "internal", NULL, NULL, "cannot seal the event");
      goto rollback;
    }
  PQclear (r);
  /* The plaintext is not kept: wipe it now. */
  sodium_memzero (req->body, req->body_len);
  dokus_relay_params_bytes (&p, sealed, sealed_len);
  r = dokus_relay_db_exec (req->db,
                           "INSERT INTO inbox (book_id, inbox_seq, sealed) "
                           "SELECT $1, coalesce(max(inbox_seq), 0) + 1, $2 FROM inbox "
                           "WHERE book_id = $1 RETURNING inbox_seq",
                           &p, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "hook", msg);
      goto rollback;
    }
  o = cJSON_CreateObject ();
  cJSON_AddNumberToObject (o, "inbox_seq", (double) dokus_relay_db_get_i64 (r, 0, 0));
  PQclear (r);
  r = dokus_relay_db_exec (req->db, "COMMIT", NULL, msg, sizeof msg);
  if (r == NULL)
    {
      cJSON_Delete (o);
      free (sealed);
      return dokus_relay_reply_db_error (req, "hook", msg);
    }
  PQclear (r);
  free (sealed);
  return dokus_relay_reply_json (req, 202, o);
rollback:
  free (sealed);
  PQclear (PQexec (req->db, "ROLLBACK"));
  return ret;
}

enum MHD_Result
dokus_relay_handle_inbox_get (DokusRelayRequest *req)
{
  const char *after_text = dokus_relay_arg (req, "after");
  long long after = 0;
  char *end = NULL;
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  cJSON *o, *arr;

  if (after_text && *after_text)
    {
      after = strtoll (after_text, &end, 10);
      if (*end || after < 0 || after_text[0] == '-')
        return dokus_relay_reply_error (req, 400, "invalid", "after", NULL,
                                        "after must be a non-negative integer");
    }
  dokus_relay_params_bytes (&p, req->book_id, 16);
  dokus_relay_params_int (&p, after);
  dokus_relay_params_int (&p, INBOX_PAGE);
  r = dokus_relay_db_exec (req->db,
                           "SELECT inbox_seq, sealed, (extract(epoch FROM received_at) * 1000)"
                           "::bigint FROM inbox WHERE book_id = $1 AND inbox_seq > $2::bigint "
                           "ORDER BY inbox_seq LIMIT $3::bigint",
                           &p, msg, sizeof msg);
  if (r == NULL)
    return dokus_relay_reply_db_error (req, "inbox", msg);
  o = cJSON_CreateObject ();
  arr = cJSON_AddArrayToObject (o, "items");
  for (int i = 0; i < PQntuples (r); i++)
    {
      cJSON *it = cJSON_CreateObject ();
      cJSON_AddNumberToObject (it, "inbox_seq", (double) dokus_relay_db_get_i64 (r, i, 0));
      dokus_relay_json_add_b64 (it, "sealed", PQgetvalue (r, i, 1),
                                (size_t) PQgetlength (r, i, 1));
      cJSON_AddNumberToObject (it, "received_at_ms", (double) dokus_relay_db_get_i64 (r, i, 2));
      cJSON_AddItemToArray (arr, it);
    }
  PQclear (r);
  return dokus_relay_reply_json (req, 200, o);
}

enum MHD_Result
dokus_relay_handle_inbox_ack (DokusRelayRequest *req)
{
  cJSON *body = dokus_relay_body_json (req), *o;
  long long upto;
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  enum MHD_Result ret = MHD_YES;

  if (body == NULL)
    return MHD_YES;
  if (!dokus_relay_wire_int (req, body, "upto", "upto", 0, DOKUS_RELAY_MAX_SAFE_INT, &upto))
    goto out;
  dokus_relay_params_bytes (&p, req->book_id, 16);
  dokus_relay_params_int (&p, upto);
  r = dokus_relay_db_exec (req->db,
                           "WITH d AS (DELETE FROM inbox WHERE book_id = $1 "
                           "AND inbox_seq <= $2::bigint RETURNING 1) SELECT count(*) FROM d",
                           &p, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "inbox ack", msg);
      goto out;
    }
  o = cJSON_CreateObject ();
  cJSON_AddNumberToObject (o, "deleted", (double) dokus_relay_db_get_i64 (r, 0, 0));
  PQclear (r);
  ret = dokus_relay_reply_json (req, 200, o);
out:
  cJSON_Delete (body);
  return ret;
}

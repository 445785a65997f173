/* dokus-relay-auth.c
 *
 * Sign-in by signed challenge, and refresh-token rotation:
 *   POST /v1/auth/challenge {book_id, device_id} -> {challenge, expires_in}
 *   POST /v1/auth/token {book_id, device_id, challenge, sig} -> tokens
 *   POST /v1/auth/refresh {refresh_token} -> new tokens
 * A challenge is random, single use and lives two minutes (kept hashed).
 * Each sign-in starts a refresh family; a refresh token works once, and
 * presenting a used one revokes its family, access tokens included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-relay-envelope.h"
#include "dokus-relay-handlers.h"
#include "dokus-relay-wire.h"

#define AUTH_SIG_DOMAIN "dokus-auth-1"
#define CHALLENGE_BYTES 32
#define CHALLENGE_TTL 120

/* Issues an access token and a new refresh token of @family; answers. */
static enum MHD_Result
issue_tokens (DokusRelayRequest *req, const uint8_t book[16], const uint8_t dev[16],
              const uint8_t family[16], const char *role, unsigned status)
{
  const DokusRelayConfig *cfg = req->srv->cfg;
  DokusRelayClaims claims;
  char access[DOKUS_RELAY_ACCESS_TOKEN_MAX], refresh[DOKUS_RELAY_REFRESH_TOKEN_MAX];
  uint8_t hash[DOKUS_RELAY_TOKEN_HASH_BYTES];
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  cJSON *o;
  enum MHD_Result ret;

  dokus_relay_refresh_token_make (refresh, hash);
  dokus_relay_params_bytes (&p, hash, sizeof hash);
  dokus_relay_params_bytes (&p, family, 16);
  dokus_relay_params_bytes (&p, book, 16);
  dokus_relay_params_int (&p, (long long) cfg->refresh_ttl);
  r = dokus_relay_db_exec (req->db,
                           "INSERT INTO refresh_token (token_hash, family_id, book_id, expires_at) "
                           "VALUES ($1, $2, $3, now() + make_interval(secs => $4))",
                           &p, msg, sizeof msg);
  if (r == NULL)
    {
      sodium_memzero (refresh, sizeof refresh);
      return dokus_relay_reply_db_error (req, "refresh token", msg);
    }
  PQclear (r);
  r = dokus_relay_db_exec (req->db, "COMMIT", NULL, msg, sizeof msg);
  if (r == NULL)
    {
      sodium_memzero (refresh, sizeof refresh);
      return dokus_relay_reply_db_error (req, "refresh token", msg);
    }
  PQclear (r);

  memcpy (claims.book_id, book, 16);
  memcpy (claims.device_id, dev, 16);
  memcpy (claims.family_id, family, 16);
  claims.expires = dokus_relay_unix_now () + cfg->access_ttl;
  dokus_relay_access_token_make (req->srv->key, &claims, access);

  o = cJSON_CreateObject ();
  cJSON_AddStringToObject (o, "access_token", access);
  cJSON_AddStringToObject (o, "token_type", "Bearer");
  cJSON_AddNumberToObject (o, "expires_in", cfg->access_ttl);
  cJSON_AddStringToObject (o, "refresh_token", refresh);
  cJSON_AddNumberToObject (o, "refresh_expires_in", cfg->refresh_ttl);
  dokus_relay_json_add_id (o, "book_id", book);
  dokus_relay_json_add_id (o, "device_id", dev);
  cJSON_AddStringToObject (o, "role", role);
  sodium_memzero (access, sizeof access);
  sodium_memzero (refresh, sizeof refresh);
  ret = dokus_relay_reply_json (req, status, o); /* the printed copy is freed by reply */
  return ret;
}

enum MHD_Result
dokus_relay_handle_auth_challenge (DokusRelayRequest *req)
{
  cJSON *body = dokus_relay_body_json (req), *o;
  uint8_t book[16], dev[16], challenge[CHALLENGE_BYTES], hash[32];
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  enum MHD_Result ret = MHD_YES;

  if (body == NULL)
    return MHD_YES;
  if (!dokus_relay_wire_id (req, body, "book_id", "book_id", book)
      || !dokus_relay_wire_id (req, body, "device_id", "device_id", dev))
    goto out;
  randombytes_buf (challenge, sizeof challenge);
  crypto_generichash (hash, sizeof hash, challenge, sizeof challenge, NULL, 0);
  dokus_relay_params_bytes (&p, hash, sizeof hash);
  dokus_relay_params_bytes (&p, book, 16);
  dokus_relay_params_bytes (&p, dev, 16);
  dokus_relay_params_int (&p, CHALLENGE_TTL);
  r = dokus_relay_db_exec (req->db,
                           "WITH gc AS (DELETE FROM auth_challenge WHERE book_id = $2 "
                           "            AND expires_at < now()) "
                           "INSERT INTO auth_challenge (challenge_hash, book_id, device_id, "
                           "  expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))",
                           &p, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "challenge", msg);
      goto out;
    }
  PQclear (r);
  o = cJSON_CreateObject ();
  dokus_relay_json_add_b64 (o, "challenge", challenge, sizeof challenge);
  cJSON_AddNumberToObject (o, "expires_in", CHALLENGE_TTL);
  ret = dokus_relay_reply_json (req, 200, o);
out:
  cJSON_Delete (body);
  return ret;
}

enum MHD_Result
dokus_relay_handle_auth_token (DokusRelayRequest *req)
{
  cJSON *body = dokus_relay_body_json (req);
  uint8_t book[16], dev[16], hash[32], family[16];
  uint8_t *challenge = NULL, *sig = NULL;
  size_t challenge_len = 0, sig_len = 0;
  unsigned char signed_msg[sizeof AUTH_SIG_DOMAIN - 1 + 2 * DOKUS_ID_TEXT_BYTES + CHALLENGE_BYTES];
  DokusRelayParams p = { 0 };
  PGresult *r = NULL;
  char msg[256], role[16];
  enum MHD_Result ret = MHD_YES;

  if (body == NULL)
    return MHD_YES;
  if (!dokus_relay_wire_id (req, body, "book_id", "book_id", book)
      || !dokus_relay_wire_id (req, body, "device_id", "device_id", dev)
      || !dokus_relay_wire_bytes (req, body, "challenge", "challenge", CHALLENGE_BYTES, 0,
                                  &challenge, &challenge_len)
      || !dokus_relay_wire_bytes (req, body, "sig", "sig", crypto_sign_BYTES, 0, &sig, &sig_len))
    goto out;

  crypto_generichash (hash, sizeof hash, challenge, CHALLENGE_BYTES, NULL, 0);
  r = dokus_relay_db_exec (req->db, "BEGIN", NULL, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "token", msg);
      goto out;
    }
  PQclear (r);
  /* Single use: the challenge is consumed whatever happens next. */
  dokus_relay_params_bytes (&p, hash, sizeof hash);
  dokus_relay_params_bytes (&p, book, 16);
  dokus_relay_params_bytes (&p, dev, 16);
  r = dokus_relay_db_exec (req->db,
                           "WITH c AS (DELETE FROM auth_challenge WHERE challenge_hash = $1 "
                           "  AND book_id = $2 AND device_id = $3 AND expires_at > now() "
                           "  RETURNING 1) "
                           "SELECT m.role, m.sign_pk, m.revoked_at IS NULL FROM c, member m "
                           "WHERE m.book_id = $2 AND m.device_id = $3",
                           &p, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "token", msg);
      goto rollback;
    }
  memcpy (signed_msg, AUTH_SIG_DOMAIN, sizeof AUTH_SIG_DOMAIN - 1);
  dokus_relay_id_text (book, (char *) signed_msg + sizeof AUTH_SIG_DOMAIN - 1);
  dokus_relay_id_text (dev, (char *) signed_msg + sizeof AUTH_SIG_DOMAIN - 1 + DOKUS_ID_TEXT_BYTES);
  memcpy (signed_msg + sizeof AUTH_SIG_DOMAIN - 1 + 2 * DOKUS_ID_TEXT_BYTES, challenge,
          CHALLENGE_BYTES);
  if (PQntuples (r) == 0
      || crypto_sign_verify_detached (sig, signed_msg, sizeof signed_msg,
                                      (const unsigned char *) PQgetvalue (r, 0, 1))
           != 0)
    {
      PQclear (r);
      PQclear (PQexec (req->db, "COMMIT")); /* keep the challenge consumed */
      ret = dokus_relay_reply_error (req, 401, "unauthorized", "sig", NULL,
                                     "unknown, expired or used challenge, not a member, or a "
                                     "signature that does not verify");
      goto out;
    }
  if (!PQgetvalue (r, 0, 2)[0])
    {
      PQclear (r);
      PQclear (PQexec (req->db, "COMMIT"));
      ret = dokus_relay_reply_error (req, 401, "revoked", "device_id", NULL,
                                     "this device was revoked from the book");
      goto out;
    }
  snprintf (role, sizeof role, "%s", PQgetvalue (r, 0, 0));
  PQclear (r);

  randombytes_buf (family, sizeof family);
  p.n = 0;
  dokus_relay_params_bytes (&p, family, 16);
  dokus_relay_params_bytes (&p, book, 16);
  dokus_relay_params_bytes (&p, dev, 16);
  r = dokus_relay_db_exec (req->db,
                           "INSERT INTO token_family (family_id, book_id, device_id) "
                           "VALUES ($1, $2, $3)",
                           &p, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "token", msg);
      goto rollback;
    }
  PQclear (r);
  ret = issue_tokens (req, book, dev, family, role, 200);
  goto out;
rollback:
  PQclear (PQexec (req->db, "ROLLBACK"));
out:
  free (challenge);
  free (sig);
  cJSON_Delete (body);
  return ret;
}

enum MHD_Result
dokus_relay_handle_auth_refresh (DokusRelayRequest *req)
{
  cJSON *body = dokus_relay_body_json (req);
  const cJSON *tok;
  uint8_t hash[DOKUS_RELAY_TOKEN_HASH_BYTES], family[16], book[16], dev[16];
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256], role[16];
  enum MHD_Result ret = MHD_YES;

  if (body == NULL)
    return MHD_YES;
  tok = cJSON_GetObjectItemCaseSensitive (body, "refresh_token");
  if (!cJSON_IsString (tok) || dokus_relay_refresh_token_hash (tok->valuestring, hash) != 0)
    {
      ret = dokus_relay_reply_error (req, 400, "invalid", "refresh_token", NULL,
                                     "refresh_token must be a refresh token string");
      goto out;
    }
  r = dokus_relay_db_exec (req->db, "BEGIN", NULL, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "refresh", msg);
      goto out;
    }
  PQclear (r);
  dokus_relay_params_bytes (&p, hash, sizeof hash);
  r = dokus_relay_db_exec (req->db,
                           "SELECT t.family_id, t.book_id, f.device_id, t.used_at IS NOT NULL, "
                           "  t.expires_at < now(), f.revoked_at IS NOT NULL, "
                           "  coalesce(m.revoked_at IS NULL, false), m.role "
                           "FROM refresh_token t JOIN token_family f USING (family_id) "
                           "LEFT JOIN member m ON m.book_id = f.book_id "
                           "  AND m.device_id = f.device_id "
                           "WHERE t.token_hash = $1 FOR UPDATE OF t, f",
                           &p, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "refresh", msg);
      goto rollback;
    }
  if (PQntuples (r) == 0)
    {
      PQclear (r);
      ret = dokus_relay_reply_error (req, 401, "unauthorized", "refresh_token", NULL,
                                     "unknown refresh token");
      goto rollback;
    }
  memcpy (family, PQgetvalue (r, 0, 0), 16);
  memcpy (book, PQgetvalue (r, 0, 1), 16);
  memcpy (dev, PQgetvalue (r, 0, 2), 16);
  if (PQgetvalue (r, 0, 3)[0])
    {
      /* Reuse: someone else holds a copy. Revoke the whole family. */
      PQclear (r);
      p.n = 0;
      dokus_relay_params_bytes (&p, family, 16);
      r = dokus_relay_db_exec (req->db,
                               "UPDATE token_family SET revoked_at = coalesce(revoked_at, now()) "
                               "WHERE family_id = $1",
                               &p, msg, sizeof msg);
      if (r == NULL)
        {
          ret = dokus_relay_reply_db_error (req, "refresh", msg);
          goto rollback;
        }
      PQclear (r);
      r = dokus_relay_db_exec (req->db, "COMMIT", NULL, msg, sizeof msg);
      if (r == NULL)
        {
          ret = dokus_relay_reply_db_error (req, "refresh", msg);
          goto out;
        }
      PQclear (r);
      ret = dokus_relay_reply_error (req, 401, "refresh_reused", "refresh_token", NULL,
                                     "this refresh token was already used: its whole family is "
                                     "revoked; sign in again");
      goto out;
    }
  if (PQgetvalue (r, 0, 5)[0] || !PQgetvalue (r, 0, 6)[0])
    {
      PQclear (r);
      ret = dokus_relay_reply_error (req, 401, "unauthorized", "refresh_token", NULL,
                                     "this refresh token was revoked; sign in again");
      goto rollback;
    }
  if (PQgetvalue (r, 0, 4)[0])
    {
      PQclear (r);
      ret = dokus_relay_reply_error (req, 401, "token_expired", "refresh_token", NULL,
                                     "this refresh token expired; sign in again");
      goto rollback;
    }
  snprintf (role, sizeof role, "%s", PQgetvalue (r, 0, 7));
  PQclear (r);
  r = dokus_relay_db_exec (req->db, "UPDATE refresh_token SET used_at = now() "
                                    "WHERE token_hash = $1",
                           &p, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "refresh", msg);
      goto rollback;
    }
  PQclear (r);
  ret = issue_tokens (req, book, dev, family, role, 200);
  goto out;
rollback:
  PQclear (PQexec (req->db, "ROLLBACK"));
out:
  cJSON_Delete (body);
  return ret;
}

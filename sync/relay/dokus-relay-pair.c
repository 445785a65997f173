/* dokus-relay-pair.c
 *
 * The pairing rendezvous: a slot named by 4 base32 characters of the
 * pairing code holds up to 8 small messages for 10 minutes. The relay
 * cannot read or check them (they are tagged and sealed under a key
 * derived from the code's secret part); either device may close the slot.
 *   POST   /v1/pair/{slot} {body}   -> 201 {idx}
 *   GET    /v1/pair/{slot}?after=N  -> {messages:[{idx, body}]}
 *   DELETE /v1/pair/{slot}          -> 200
 * No token: the slot is the capability; rate limits per address apply.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-relay-handlers.h"
#include "dokus-relay-wire.h"

#define PAIR_MAX_MESSAGES 8
#define PAIR_MAX_BYTES 8192
#define PAIR_TTL "10 minutes"

static bool
valid_slot (DokusRelayRequest *req)
{
  const char *s = req->params[0];
  bool ok = strlen (s) == 4;
  for (int i = 0; ok && i < 4; i++)
    ok = (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '2' && s[i] <= '7');
  if (!ok)
    dokus_relay_reply_error (req, 404, "not_found", "slot", NULL,
                             "a pairing slot is 4 base32 characters (A-Z, 2-7)");
  return ok;
}

enum MHD_Result
dokus_relay_handle_pair_post (DokusRelayRequest *req)
{
  cJSON *body, *o;
  uint8_t *msg_body = NULL;
  size_t len = 0;
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  enum MHD_Result ret = MHD_YES;

  if (!valid_slot (req) || (body = dokus_relay_body_json (req)) == NULL)
    return MHD_YES;
  if (!dokus_relay_wire_bytes (req, body, "body", "body", 0, PAIR_MAX_BYTES, &msg_body, &len))
    goto out;
  dokus_relay_params_text (&p, req->params[0]);
  dokus_relay_params_bytes (&p, msg_body, len);
  dokus_relay_params_int (&p, PAIR_MAX_MESSAGES);
  r = dokus_relay_db_exec (req->db,
                           "WITH gc AS (DELETE FROM pair_message WHERE created_at < now() - "
                           "interval '" PAIR_TTL "') "
                           "INSERT INTO pair_message (slot, idx, body) "
                           "SELECT $1, coalesce(max(idx), 0) + 1, $2 FROM pair_message "
                           "WHERE slot = $1 AND created_at >= now() - interval '" PAIR_TTL "' "
                           "HAVING count(*) < $3::integer RETURNING idx",
                           &p, msg, sizeof msg);
  if (r == NULL)
    {
      if (dokus_relay_db_last_sqlstate ()[0] == '2' && dokus_relay_db_last_sqlstate ()[1] == '3')
        ret = dokus_relay_reply_error (req, 409, "conflict", "slot", NULL,
                                       "another message was posted at the same time; retry");
      else
        ret = dokus_relay_reply_db_error (req, "pair", msg);
      goto out;
    }
  if (PQntuples (r) == 0)
    {
      PQclear (r);
      ret = dokus_relay_reply_error (req, 409, "conflict", "slot", NULL,
                                     "this pairing slot is full");
      goto out;
    }
  o = cJSON_CreateObject ();
  cJSON_AddNumberToObject (o, "idx", dokus_relay_db_get_i32 (r, 0, 0));
  PQclear (r);
  ret = dokus_relay_reply_json (req, 201, o);
out:
  free (msg_body);
  cJSON_Delete (body);
  return ret;
}

enum MHD_Result
dokus_relay_handle_pair_get (DokusRelayRequest *req)
{
  const char *after_text;
  long long after = 0;
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  cJSON *o, *arr;

  if (!valid_slot (req))
    return MHD_YES;
  after_text = dokus_relay_arg (req, "after");
  if (after_text)
    after = atoll (after_text);
  dokus_relay_params_text (&p, req->params[0]);
  dokus_relay_params_int (&p, after);
  r = dokus_relay_db_exec (req->db,
                           "SELECT idx, body FROM pair_message WHERE slot = $1 "
                           "AND idx > $2::integer AND created_at >= now() - interval '" PAIR_TTL
                           "' ORDER BY idx",
                           &p, msg, sizeof msg);
  if (r == NULL)
    return dokus_relay_reply_db_error (req, "pair", msg);
  o = cJSON_CreateObject ();
  arr = cJSON_AddArrayToObject (o, "messages");
  for (int i = 0; i < PQntuples (r); i++)
    {
      cJSON *m = cJSON_CreateObject ();
      cJSON_AddNumberToObject (m, "idx", dokus_relay_db_get_i32 (r, i, 0));
      dokus_relay_json_add_b64 (m, "body", PQgetvalue (r, i, 1), (size_t) PQgetlength (r, i, 1));
      cJSON_AddItemToArray (arr, m);
    }
  PQclear (r);
  return dokus_relay_reply_json (req, 200, o);
}

enum MHD_Result
dokus_relay_handle_pair_delete (DokusRelayRequest *req)
{
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  cJSON *o;

  if (!valid_slot (req))
    return MHD_YES;
  dokus_relay_params_text (&p, req->params[0]);
  r = dokus_relay_db_exec (req->db, "DELETE FROM pair_message WHERE slot = $1", &p, msg,
                           sizeof msg);
  if (r == NULL)
    return dokus_relay_reply_db_error (req, "pair", msg);
  PQclear (r);
  o = cJSON_CreateObject ();
  cJSON_AddBoolToObject (o, "closed", 1);
  return dokus_relay_reply_json (req, 200, o);
}

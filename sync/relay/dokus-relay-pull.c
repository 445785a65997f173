/* dokus-relay-pull.c
 *
 * GET /v1/books/{id}/pull?after=S&limit=N&wait=W -> {envelopes, head_seq,
 * snapshot_floor, key_epoch, server_time, device_heads}.
 *
 * One statement reads the book, the device heads and the envelopes, so
 * all come from one snapshot. With nothing after S and W > 0 the
 * connection is suspended (no thread, no database connection held) until
 * a push to this book notifies, or W seconds pass, and then queried once
 * more. `after` below the snapshot floor is 410: bootstrap from the
 * snapshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-relay-handlers.h"
#include "dokus-relay-wire.h"

#define DEFAULT_LIMIT 500
#define MAX_LIMIT 1000

static bool
parse_arg (DokusRelayRequest *req, const char *name, long long dflt, long long max,
           long long *out)
{
  const char *v = dokus_relay_arg (req, name);
  char *end;
  long long n;
  if (v == NULL || *v == '\0')
    {
      *out = dflt;
      return true;
    }
  n = strtoll (v, &end, 10);
  if (*end || n < 0 || n > max || v[0] == '-' || v[0] == '+')
    {
      dokus_relay_reply_error (req, 400, "invalid", name, NULL,
                               "%s must be an integer from 0 to %lld", name, max);
      return false;
    }
  *out = n;
  return true;
}

enum MHD_Result
dokus_relay_handle_pull (DokusRelayRequest *req)
{
  long long after, limit, wait;
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  long long head = -1, floor_seq = 0, epoch = 0;
  int n_env = 0;
  cJSON *out, *envs, *heads;

  if (!parse_arg (req, "after", 0, DOKUS_RELAY_MAX_SAFE_INT, &after)
      || !parse_arg (req, "limit", DEFAULT_LIMIT, MAX_LIMIT, &limit)
      || !parse_arg (req, "wait", 0, req->srv->cfg->max_wait, &wait))
    return MHD_YES;
  if (limit == 0)
    limit = DEFAULT_LIMIT;
  if (req->wait_deadline_ms == 0)
    req->wait_deadline_ms = dokus_relay_now_ms () + wait * 1000;
  req->wait_generation = dokus_relay_notify_generation (req->srv->notify, req->book_id);

  dokus_relay_params_bytes (&p, req->book_id, 16);
  dokus_relay_params_int (&p, after);
  dokus_relay_params_int (&p, limit);
  r = dokus_relay_db_exec (
    req->db,
    "SELECT 0 AS k, last_seq AS a, NULL::bytea AS d, snapshot_floor AS b, key_epoch AS e, "
    "  NULL::bytea AS n, NULL::bytea AS c, NULL::bytea AS s, 0::bigint AS t "
    "FROM book WHERE book_id = $1 "
    "UNION ALL SELECT 1, max_dev_seq, device_id, 0, 0, NULL, NULL, NULL, 0 "
    "FROM member WHERE book_id = $1 "
    "UNION ALL (SELECT 2, server_seq, device_id, dev_seq, key_epoch, nonce, ct, sig, "
    "  (extract(epoch FROM received_at) * 1000)::bigint FROM envelope "
    "  WHERE book_id = $1 AND server_seq > $2::bigint ORDER BY server_seq LIMIT $3::bigint) "
    "ORDER BY k, a",
    &p, msg, sizeof msg);
  if (r == NULL)
    return dokus_relay_reply_db_error (req, "pull", msg);
  for (int i = 0; i < PQntuples (r); i++)
    {
      int k = dokus_relay_db_get_i32 (r, i, 0);
      if (k == 0)
        {
          head = dokus_relay_db_get_i64 (r, i, 1);
          floor_seq = dokus_relay_db_get_i64 (r, i, 3);
          epoch = dokus_relay_db_get_i32 (r, i, 4);
        }
      else if (k == 2)
        n_env++;
    }
  if (head < 0)
    {
      PQclear (r);
      return dokus_relay_reply_error (req, 404, "not_found", "book_id", NULL, "no such book");
    }
  if (after < floor_seq)
    {
      cJSON *extra = cJSON_CreateObject ();
      PQclear (r);
      cJSON_AddNumberToObject (extra, "snapshot_floor", (double) floor_seq);
      return dokus_relay_reply_error (req, 410, "gone", "after", extra,
                                      "changes before %lld were compacted: load the snapshot",
                                      floor_seq);
    }
  if (n_env == 0 && dokus_relay_now_ms () < req->wait_deadline_ms)
    {
      /* Nothing yet: wait for this book's notification without holding
       * the database connection or the thread. */
      PQclear (r);
      dokus_relay_db_release (req->srv->db, req->db);
      req->db = NULL;
      req->waited = true;
      MHD_suspend_connection (req->conn);
      dokus_relay_notify_wait (req->srv->notify, req->book_id, req->wait_generation,
                               req->wait_deadline_ms, req->conn);
      return MHD_YES;
    }

  out = cJSON_CreateObject ();
  envs = cJSON_AddArrayToObject (out, "envelopes");
  heads = cJSON_CreateObject ();
  for (int i = 0; i < PQntuples (r); i++)
    {
      int k = dokus_relay_db_get_i32 (r, i, 0);
      char hex[37];
      if (k == 1)
        {
          dokus_relay_format_id ((const uint8_t *) PQgetvalue (r, i, 2), hex);
          cJSON_AddNumberToObject (heads, hex, (double) dokus_relay_db_get_i64 (r, i, 1));
        }
      else if (k == 2)
        {
          cJSON *e = cJSON_CreateObject ();
          cJSON_AddNumberToObject (e, "server_seq", (double) dokus_relay_db_get_i64 (r, i, 1));
          dokus_relay_json_add_id (e, "device_id", (const uint8_t *) PQgetvalue (r, i, 2));
          cJSON_AddNumberToObject (e, "dev_seq", (double) dokus_relay_db_get_i64 (r, i, 3));
          cJSON_AddNumberToObject (e, "key_epoch", dokus_relay_db_get_i32 (r, i, 4));
          dokus_relay_json_add_b64 (e, "nonce", PQgetvalue (r, i, 5),
                                    (size_t) PQgetlength (r, i, 5));
          dokus_relay_json_add_b64 (e, "ct", PQgetvalue (r, i, 6), (size_t) PQgetlength (r, i, 6));
          dokus_relay_json_add_b64 (e, "sig", PQgetvalue (r, i, 7),
                                    (size_t) PQgetlength (r, i, 7));
          cJSON_AddNumberToObject (e, "received_at_ms", (double) dokus_relay_db_get_i64 (r, i, 8));
          cJSON_AddItemToArray (envs, e);
        }
    }
  PQclear (r);
  cJSON_AddNumberToObject (out, "head_seq", (double) head);
  cJSON_AddNumberToObject (out, "snapshot_floor", (double) floor_seq);
  cJSON_AddNumberToObject (out, "key_epoch", (double) epoch);
  cJSON_AddNumberToObject (out, "server_time_ms", (double) dokus_relay_unix_now_ms ());
  cJSON_AddItemToObject (out, "device_heads", heads);
  return dokus_relay_reply_json (req, 200, out);
}

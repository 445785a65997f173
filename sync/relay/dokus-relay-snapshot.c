/* dokus-relay-snapshot.c
 *
 * Snapshots for bootstrapping a new device: the owner uploads an opaque,
 * encrypted and signed blob covering the changes up to upto_seq
 *   PUT /v1/books/{id}/snapshot?upto=S&key_epoch=E   (binary body)
 * and any member fetches the newest, or the one at S:
 *   GET /v1/books/{id}/snapshot[?upto=S]
 * answered as application/octet-stream with X-Dokus-Upto-Seq,
 * X-Dokus-Key-Epoch and X-Dokus-Device-Id.
 *
 * Compaction runs at each upload: the newest snapshot older than
 * --compact-after-days (90) becomes the book's snapshot_floor; envelopes up
 * to it and older snapshots are deleted. member.max_dev_seq stays, so a
 * retried push of a compacted envelope is still acked (server_seq null).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-relay-handlers.h"
#include "dokus-relay-log.h"
#include "dokus-relay-wire.h"

static bool
int_arg (DokusRelayRequest *req, const char *name, bool required, long long max,
         long long *out)
{
  const char *v = dokus_relay_arg (req, name);
  char *end;
  if (v == NULL || *v == '\0')
    {
      if (!required)
        {
          *out = -1;
          return true;
        }
      dokus_relay_reply_error (req, 400, "invalid", name, NULL, "%s is required", name);
      return false;
    }
  *out = strtoll (v, &end, 10);
  if (*end || v[0] == '-' || v[0] == '+' || *out < 0 || *out > max)
    {
      dokus_relay_reply_error (req, 400, "invalid", name, NULL,
                               "%s must be an integer from 0 to %lld", name, max);
      return false;
    }
  return true;
}

/* Raises the floor to the newest snapshot old enough and deletes what it
 * covers, in one statement; returns the floor (the old one if nothing
 * moved or on error, which is logged and left for the next upload). */
static long long
compact (DokusRelayRequest *req)
{
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  long long floor_seq;

  dokus_relay_params_bytes (&p, req->book_id, 16);
  dokus_relay_params_int (&p, (long long) req->srv->cfg->compact_days);
  r = dokus_relay_db_exec (
    req->db,
    "WITH f AS (SELECT max(upto_seq) AS floor FROM snapshot WHERE book_id = $1 "
    "           AND received_at < now() - make_interval(days => $2::integer)), "
    "b AS (UPDATE book SET snapshot_floor = f.floor FROM f WHERE book_id = $1 "
    "      AND f.floor > snapshot_floor RETURNING f.floor), "
    "d AS (DELETE FROM envelope e USING b WHERE e.book_id = $1 AND e.server_seq <= b.floor), "
    "s AS (DELETE FROM snapshot o USING b WHERE o.book_id = $1 AND o.upto_seq < b.floor) "
    "SELECT coalesce((SELECT floor FROM b), "
    "                (SELECT snapshot_floor FROM book WHERE book_id = $1))",
    &p, msg, sizeof msg);
  if (r == NULL)
    {
      /* logged only: the upload itself succeeded */
      dokus_relay_log_event ("warn", "compaction", msg);
      return 0;
    }
  floor_seq = dokus_relay_db_get_i64 (r, 0, 0);
  PQclear (r);
  return floor_seq;
}

enum MHD_Result
dokus_relay_handle_snapshot_put (DokusRelayRequest *req)
{
  long long upto, epoch;
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  cJSON *o;

  if (!int_arg (req, "upto", true, DOKUS_RELAY_MAX_SAFE_INT, &upto)
      || !int_arg (req, "key_epoch", true, 2147483647, &epoch))
    return MHD_YES;
  if (req->body_len == 0)
    return dokus_relay_reply_error (req, 400, "invalid", "body", NULL,
                                    "the snapshot body is empty");
  dokus_relay_params_bytes (&p, req->book_id, 16);
  dokus_relay_params_int (&p, upto);
  dokus_relay_params_int (&p, epoch);
  dokus_relay_params_bytes (&p, req->device_id, 16);
  dokus_relay_params_bytes (&p, req->body, req->body_len);
  r = dokus_relay_db_exec (req->db,
                           "INSERT INTO snapshot (book_id, upto_seq, key_epoch, device_id, blob) "
                           "SELECT $1, $2::bigint, $3::integer, $4, $5 FROM book "
                           "WHERE book_id = $1 AND last_seq >= $2::bigint "
                           "ON CONFLICT (book_id, upto_seq) DO UPDATE SET "
                           "key_epoch = EXCLUDED.key_epoch, device_id = EXCLUDED.device_id, "
                           "blob = EXCLUDED.blob, received_at = now() RETURNING 1",
                           &p, msg, sizeof msg);
  if (r == NULL)
    return dokus_relay_reply_db_error (req, "snapshot", msg);
  if (PQntuples (r) == 0)
    {
      PQclear (r);
      return dokus_relay_reply_error (req, 400, "invalid", "upto", NULL,
                                      "upto %lld is beyond the book's head", upto);
    }
  PQclear (r);
  o = cJSON_CreateObject ();
  cJSON_AddNumberToObject (o, "upto_seq", (double) upto);
  cJSON_AddNumberToObject (o, "bytes", (double) req->body_len);
  cJSON_AddNumberToObject (o, "snapshot_floor", (double) compact (req));
  return dokus_relay_reply_json (req, 201, o);
}

enum MHD_Result
dokus_relay_handle_snapshot_get (DokusRelayRequest *req)
{
  long long upto;
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256], upto_text[24], epoch_text[16], dev_hex[37];
  const char *headers[7];
  enum MHD_Result ret;

  if (!int_arg (req, "upto", false, DOKUS_RELAY_MAX_SAFE_INT, &upto))
    return MHD_YES;
  dokus_relay_params_bytes (&p, req->book_id, 16);
  dokus_relay_params_int (&p, upto);
  r = dokus_relay_db_exec (req->db,
                           "SELECT upto_seq, key_epoch, device_id, blob FROM snapshot "
                           "WHERE book_id = $1 AND ($2::bigint < 0 OR upto_seq = $2::bigint) "
                           "ORDER BY upto_seq DESC LIMIT 1",
                           &p, msg, sizeof msg);
  if (r == NULL)
    return dokus_relay_reply_db_error (req, "snapshot", msg);
  if (PQntuples (r) == 0)
    {
      PQclear (r);
      return dokus_relay_reply_error (req, 404, "not_found", "upto", NULL, "no such snapshot");
    }
  snprintf (upto_text, sizeof upto_text, "%lld", (long long) dokus_relay_db_get_i64 (r, 0, 0));
  snprintf (epoch_text, sizeof epoch_text, "%d", dokus_relay_db_get_i32 (r, 0, 1));
  dokus_relay_format_id ((const uint8_t *) PQgetvalue (r, 0, 2), dev_hex);
  headers[0] = "X-Dokus-Upto-Seq", headers[1] = upto_text;
  headers[2] = "X-Dokus-Key-Epoch", headers[3] = epoch_text;
  headers[4] = "X-Dokus-Device-Id", headers[5] = dev_hex;
  headers[6] = NULL;
  ret = dokus_relay_reply_headers (req, 200, "application/octet-stream", PQgetvalue (r, 0, 3),
                                   (size_t) PQgetlength (r, 0, 3), headers);
  PQclear (r);
  return ret;
}

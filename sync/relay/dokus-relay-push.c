/* dokus-relay-push.c
 *
 * POST /v1/books/{id}/push {device_id, envelopes:[{dev_seq, key_epoch,
 * nonce, ct, sig, kind?}], batch_sig} -> {acks:[{dev_seq, server_seq}],
 * next_dev_seq, head_seq}.
 *
 * "kind" is "change" (the default) or "comment": the content stays sealed
 * and the kind is not stored; it only lets an accountant, who may push
 * nothing else, push comments (403 forbidden for any other kind). The
 * replicas check the content themselves (docs/sync.md, "Comments").
 *
 * The push's signature (dokus-relay-envelope.h) is checked before the
 * database is touched. Then, in one
 * transaction holding the book row lock (which serialises the book's
 * writers, so commit order is server_seq order and no pull skips a late
 * commit): a (device, dev_seq) already stored and byte-identical (same
 * signature, which covers everything) is acked with its old server_seq, a
 * different one is 409 dev_seq_conflict; the first new dev_seq must be
 * max_dev_seq + 1, else 409 dev_seq_gap with next_dev_seq; the new ones
 * get last_seq + 1, ... in one INSERT, the counters move, commit; then
 * the long-polls are woken (dokus-relay-notify.c: after the commit, not
 * inside it). A retry after a lost answer is therefore idempotent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-relay-envelope.h"
#include "dokus-relay-handlers.h"
#include "dokus-relay-metrics.h"
#include "dokus-relay-wire.h"

typedef struct {
  long long dev_seq;
  long long key_epoch;
  uint8_t *nonce;
  size_t nonce_len;
  uint8_t *ct;
  size_t ct_len;
  uint8_t *sig;
  size_t sig_len;
  long long server_seq; /* 0: not yet known; -1: compacted */
  char dev_seq_text[24], server_seq_text[24], key_epoch_text[16];
} Env;

static void
free_envs (Env *envs, int n)
{
  for (int i = 0; envs && i < n; i++)
    {
      free (envs[i].nonce);
      free (envs[i].ct);
      free (envs[i].sig);
    }
  free (envs);
}

/* An envelope's optional "kind": "change" or "comment"; an accountant may
 * push only comments. False after answering. */
static bool
check_kind (DokusRelayRequest *req, const cJSON *item, const char *field)
{
  const cJSON *kind = cJSON_GetObjectItemCaseSensitive (item, "kind");
  bool comment = cJSON_IsString (kind) && strcmp (kind->valuestring, "comment") == 0;

  if (kind != NULL && !comment
      && !(cJSON_IsString (kind) && strcmp (kind->valuestring, "change") == 0))
    {
      dokus_relay_reply_error (req, 400, "invalid", field, NULL,
                               "%s must be \"change\" or \"comment\"", field);
      return false;
    }
  if (req->role == DOKUS_ROLE_ACCOUNTANT && !comment)
    {
      dokus_relay_reply_error (req, 403, "forbidden", field, NULL,
                               "an accountant reads the book and may push only comments (%s)",
                               field);
      return false;
    }
  return true;
}

/* Parses the envelopes and checks batch_sig over them; false after
 * answering. */
static bool
parse_envelopes (DokusRelayRequest *req, const cJSON *body, const cJSON *arr, Env *envs, int n)
{
  DokusPushHash hash;
  uint8_t signed_msg[DOKUS_PUSH_SIGNED_BYTES], *batch_sig = NULL;
  size_t batch_sig_len = 0;
  bool ok;

  const DokusRelayConfig *cfg = req->srv->cfg;
  char field[64];
  int i = 0;
  const cJSON *item;

  cJSON_ArrayForEach (item, arr)
  {
    Env *e = &envs[i];
    if (!cJSON_IsObject (item))
      {
        snprintf (field, sizeof field, "envelopes[%d]", i);
        dokus_relay_reply_error (req, 400, "invalid", field, NULL, "%s must be an object", field);
        return false;
      }
    snprintf (field, sizeof field, "envelopes[%d].dev_seq", i);
    if (!dokus_relay_wire_int (req, item, "dev_seq", field, 1, DOKUS_RELAY_MAX_SAFE_INT,
                               &e->dev_seq))
      return false;
    if (i > 0 && e->dev_seq != envs[i - 1].dev_seq + 1)
      {
        dokus_relay_reply_error (req, 400, "invalid", field, NULL,
                                 "dev_seq must rise by one within a batch (%lld after %lld)",
                                 e->dev_seq, envs[i - 1].dev_seq);
        return false;
      }
    snprintf (field, sizeof field, "envelopes[%d].kind", i);
    if (!check_kind (req, item, field))
      return false;
    snprintf (field, sizeof field, "envelopes[%d].key_epoch", i);
    if (!dokus_relay_wire_int (req, item, "key_epoch", field, 0, 2147483647, &e->key_epoch))
      return false;
    snprintf (field, sizeof field, "envelopes[%d].nonce", i);
    if (!dokus_relay_wire_bytes (req, item, "nonce", field, DOKUS_ENVELOPE_NONCE_BYTES, 0,
                                 &e->nonce, &e->nonce_len))
      return false;
    snprintf (field, sizeof field, "envelopes[%d].ct", i);
    if (!dokus_relay_wire_bytes (req, item, "ct", field, 0, cfg->max_ct, &e->ct, &e->ct_len))
      return false;
    snprintf (field, sizeof field, "envelopes[%d].sig", i);
    if (!dokus_relay_wire_bytes (req, item, "sig", field, DOKUS_ENVELOPE_SIG_BYTES, 0, &e->sig,
                                 &e->sig_len))
      return false;
    if (i == 0)
      dokus_relay_push_hash_init (&hash, req->book_id, req->device_id);
    dokus_relay_push_hash_add (&hash, (uint64_t) e->dev_seq, (uint32_t) e->key_epoch, e->nonce,
                               e->ct, e->ct_len, e->sig);
    snprintf (e->dev_seq_text, sizeof e->dev_seq_text, "%lld", e->dev_seq);
    snprintf (e->key_epoch_text, sizeof e->key_epoch_text, "%lld", e->key_epoch);
    i++;
  }
  (void) n;
  if (!dokus_relay_wire_bytes (req, body, "batch_sig", "batch_sig", DOKUS_ENVELOPE_SIG_BYTES, 0,
                               &batch_sig, &batch_sig_len))
    return false;
  dokus_relay_push_hash_final (&hash, signed_msg);
  ok = crypto_sign_verify_detached (batch_sig, signed_msg, sizeof signed_msg, req->sign_pk) == 0;
  free (batch_sig);
  if (!ok)
    dokus_relay_reply_error (req, 400, "bad_signature", "batch_sig", NULL,
                             "batch_sig is not this device's signature of these envelopes for "
                             "this book (tampered, moved, renumbered or not signed by the "
                             "device)");
  return ok;
}

/* Acks of the envelopes already stored; false after answering 409. */
static bool
match_known (DokusRelayRequest *req, Env *envs, int n_known, char *msg, size_t msg_size,
             bool *db_failed)
{
  DokusRelayParams p = { 0 };
  PGresult *r;

  dokus_relay_params_bytes (&p, req->book_id, 16);
  dokus_relay_params_bytes (&p, req->device_id, 16);
  dokus_relay_params_int (&p, envs[0].dev_seq);
  dokus_relay_params_int (&p, envs[n_known - 1].dev_seq);
  r = dokus_relay_db_exec (req->db,
                           "SELECT dev_seq, server_seq, sig FROM envelope WHERE book_id = $1 "
                           "AND device_id = $2 AND dev_seq BETWEEN $3 AND $4",
                           &p, msg, msg_size);
  if (r == NULL)
    {
      *db_failed = true;
      return false;
    }
  for (int i = 0; i < n_known; i++)
    envs[i].server_seq = -1; /* below the snapshot floor: compacted */
  for (int row = 0; row < PQntuples (r); row++)
    {
      long long ds = dokus_relay_db_get_i64 (r, row, 0);
      int i = (int) (ds - envs[0].dev_seq);
      if (i < 0 || i >= n_known)
        continue;
      if (PQgetlength (r, row, 2) != DOKUS_ENVELOPE_SIG_BYTES
          || memcmp (PQgetvalue (r, row, 2), envs[i].sig, DOKUS_ENVELOPE_SIG_BYTES) != 0)
        {
          char field[48];
          cJSON *extra = cJSON_CreateObject ();
          PQclear (r);
          snprintf (field, sizeof field, "envelopes[%d]", i);
          cJSON_AddNumberToObject (extra, "dev_seq", (double) envs[i].dev_seq);
          dokus_relay_reply_error (req, 409, "dev_seq_conflict", field, extra,
                                   "dev_seq %lld of this device is stored with other content "
                                   "(restored or copied book?)",
                                   envs[i].dev_seq);
          return false;
        }
      envs[i].server_seq = dokus_relay_db_get_i64 (r, row, 1);
    }
  PQclear (r);
  return true;
}

static bool
insert_new (DokusRelayRequest *req, Env *envs, int first, int n, long long last_seq,
            char *msg, size_t msg_size)
{
  int n_params = 4 + 6 * (n - first);
  const char **values = calloc ((size_t) n_params, sizeof *values);
  int *lengths = calloc ((size_t) n_params, sizeof *lengths);
  int *formats = calloc ((size_t) n_params, sizeof *formats);
  size_t sql_cap = 512 + (size_t) (n - first) * 64;
  char *sql = malloc (sql_cap);
  char last_text[24], max_text[24];
  size_t len;
  PGresult *r = NULL;
  bool ok = false;

  if (!values || !lengths || !formats || !sql)
    {
      snprintf (msg, msg_size, "out of memory");
      goto out;
    }
  snprintf (last_text, sizeof last_text, "%lld", last_seq + (n - first));
  snprintf (max_text, sizeof max_text, "%lld", envs[n - 1].dev_seq);
  values[0] = (const char *) req->book_id, lengths[0] = 16, formats[0] = 1;
  values[1] = (const char *) req->device_id, lengths[1] = 16, formats[1] = 1;
  values[2] = last_text;
  values[3] = max_text;
  len = (size_t) snprintf (sql, sql_cap,
                           "WITH ins AS (INSERT INTO envelope (book_id, server_seq, device_id, "
                           "dev_seq, key_epoch, nonce, ct, sig) VALUES ");
  for (int i = first; i < n; i++)
    {
      Env *e = &envs[i];
      int b = 4 + 6 * (i - first);
      e->server_seq = last_seq + 1 + (i - first);
      snprintf (e->server_seq_text, sizeof e->server_seq_text, "%lld", e->server_seq);
      values[b] = e->server_seq_text;
      values[b + 1] = e->dev_seq_text;
      values[b + 2] = e->key_epoch_text;
      values[b + 3] = (const char *) e->nonce, lengths[b + 3] = (int) e->nonce_len;
      values[b + 4] = (const char *) e->ct, lengths[b + 4] = (int) e->ct_len;
      values[b + 5] = (const char *) e->sig, lengths[b + 5] = (int) e->sig_len;
      formats[b + 3] = formats[b + 4] = formats[b + 5] = 1;
      len += (size_t) snprintf (sql + len, sql_cap - len,
                                "%s($1,$%d::bigint,$2,$%d::bigint,$%d::integer,$%d,$%d,$%d)",
                                i == first ? "" : ",", b + 1, b + 2, b + 3, b + 4, b + 5, b + 6);
    }
  snprintf (sql + len, sql_cap - len,
            "), b AS (UPDATE book SET last_seq = $3::bigint WHERE book_id = $1), "
            "m AS (UPDATE member SET max_dev_seq = $4::bigint WHERE book_id = $1 "
            "AND device_id = $2) SELECT 1");
  r = PQexecParams (req->db, sql, n_params, NULL, values, lengths, formats, 1);
  if (PQresultStatus (r) != PGRES_TUPLES_OK)
    {
      snprintf (msg, msg_size, "%s", PQresultErrorMessage (r));
      msg[strcspn (msg, "\n")] = '\0';
      goto out;
    }
  ok = true;
out:
  PQclear (r);
  free (values);
  free (lengths);
  free (formats);
  free (sql);
  return ok;
}

/* The common case in one statement and one round trip, without an
 * explicit transaction: every envelope is new and the first follows
 * max_dev_seq. The book row lock (FOR UPDATE in the first CTE) still
 * serialises the book's writers. Returns 1 when stored (server_seq filled
 * in @envs), 0 when the batch needs the general path (a retry, a gap, a
 * newer key epoch, a concurrent push of the same device), -1 on a
 * database error (@msg). */
static int
push_fast (DokusRelayRequest *req, Env *envs, int n, long long *last_seq_out, char *msg,
           size_t msg_size)
{
  int n_params = 5 + 5 * n;
  const char **values = calloc ((size_t) n_params, sizeof *values);
  int *lengths = calloc ((size_t) n_params, sizeof *lengths);
  int *formats = calloc ((size_t) n_params, sizeof *formats);
  size_t sql_cap = 1024 + (size_t) n * 96, len;
  char *sql = malloc (sql_cap);
  char first_text[24], n_text[16], epoch_text[24];
  long long max_epoch = 0;
  PGresult *r = NULL;
  int rc = -1;

  if (!values || !lengths || !formats || !sql)
    {
      snprintf (msg, msg_size, "out of memory");
      goto out;
    }
  for (int i = 0; i < n; i++)
    if (envs[i].key_epoch > max_epoch)
      max_epoch = envs[i].key_epoch;
  snprintf (first_text, sizeof first_text, "%lld", envs[0].dev_seq);
  snprintf (n_text, sizeof n_text, "%d", n);
  snprintf (epoch_text, sizeof epoch_text, "%lld", max_epoch);
  values[0] = (const char *) req->book_id, lengths[0] = 16, formats[0] = 1;
  values[1] = (const char *) req->device_id, lengths[1] = 16, formats[1] = 1;
  values[2] = first_text;
  values[3] = n_text;
  values[4] = epoch_text;
  len = (size_t) snprintf (
    sql, sql_cap,
    "WITH b AS (SELECT last_seq, key_epoch FROM book WHERE book_id = $1 FOR UPDATE), "
    "m AS (SELECT max_dev_seq FROM member WHERE book_id = $1 AND device_id = $2 "
    "      AND revoked_at IS NULL), "
    "ok AS (SELECT b.last_seq FROM b, m WHERE m.max_dev_seq = $3::bigint - 1 "
    "       AND b.key_epoch >= $5::integer), "
    "ins AS (INSERT INTO envelope (book_id, server_seq, device_id, dev_seq, key_epoch, nonce, "
    "        ct, sig) SELECT $1, ok.last_seq + v.k, $2, v.d, v.e, v.n, v.c, v.s FROM ok, "
    "        (VALUES ");
  for (int i = 0; i < n; i++)
    {
      int b = 5 + 5 * i;
      values[b] = envs[i].dev_seq_text;
      values[b + 1] = envs[i].key_epoch_text;
      values[b + 2] = (const char *) envs[i].nonce, lengths[b + 2] = (int) envs[i].nonce_len;
      values[b + 3] = (const char *) envs[i].ct, lengths[b + 3] = (int) envs[i].ct_len;
      values[b + 4] = (const char *) envs[i].sig, lengths[b + 4] = (int) envs[i].sig_len;
      formats[b + 2] = formats[b + 3] = formats[b + 4] = 1;
      len += (size_t) snprintf (sql + len, sql_cap - len,
                                "%s(%d::bigint,$%d::bigint,$%d::integer,$%d::bytea,$%d::bytea,"
                                "$%d::bytea)",
                                i ? "," : "", i + 1, b + 1, b + 2, b + 3, b + 4, b + 5);
    }
  snprintf (sql + len, sql_cap - len,
            ") v(k, d, e, n, c, s) RETURNING 1), "
            "ub AS (UPDATE book SET last_seq = last_seq + $4::bigint WHERE book_id = $1 "
            "       AND EXISTS (SELECT 1 FROM ok)), "
            "um AS (UPDATE member SET max_dev_seq = $3::bigint + $4::bigint - 1 "
            "       WHERE book_id = $1 AND device_id = $2 AND EXISTS (SELECT 1 FROM ok)) "
            "SELECT (SELECT last_seq FROM ok), (SELECT count(*) FROM ins)");
  r = PQexecParams (req->db, sql, n_params, NULL, values, lengths, formats, 1);
  if (PQresultStatus (r) != PGRES_TUPLES_OK)
    {
      const char *state = PQresultErrorField (r, PG_DIAG_SQLSTATE);
      if (state && strcmp (state, "23505") == 0)
        rc = 0; /* the same device pushing twice at once: the general path sorts it out */
      else
        {
          snprintf (msg, msg_size, "%s", PQresultErrorMessage (r));
          msg[strcspn (msg, "\n")] = '\0';
        }
      goto out;
    }
  if (dokus_relay_db_is_null (r, 0, 0) || dokus_relay_db_get_i64 (r, 0, 1) != n)
    {
      rc = 0;
      goto out;
    }
  *last_seq_out = dokus_relay_db_get_i64 (r, 0, 0);
  for (int i = 0; i < n; i++)
    envs[i].server_seq = *last_seq_out + 1 + i;
  rc = 1;
out:
  PQclear (r);
  free (values);
  free (lengths);
  free (formats);
  free (sql);
  return rc;
}

enum MHD_Result
dokus_relay_handle_push (DokusRelayRequest *req)
{
  cJSON *body = dokus_relay_body_json (req), *arr;
  uint8_t dev[16];
  Env *envs = NULL;
  int n = 0, first_new = 0;
  long long last_seq, book_epoch, max_dev_seq;
  DokusRelayParams p = { 0 };
  PGresult *r;
  char msg[256];
  bool db_failed = false;
  enum MHD_Result ret = MHD_YES;

  if (body == NULL)
    return MHD_YES;
  if (!dokus_relay_wire_id (req, body, "device_id", "device_id", dev))
    goto out;
  if (memcmp (dev, req->device_id, 16) != 0)
    {
      dokus_relay_reply_error (req, 403, "forbidden", "device_id", NULL,
                               "device_id is not the device of the access token");
      goto out;
    }
  arr = cJSON_GetObjectItemCaseSensitive (body, "envelopes");
  n = cJSON_IsArray (arr) ? cJSON_GetArraySize (arr) : -1;
  if (n < 1 || (unsigned) n > req->srv->cfg->max_batch)
    {
      if (n > 0)
        dokus_relay_reply_error (req, 413, "too_large", "envelopes", NULL,
                                 "at most %u envelopes per push", req->srv->cfg->max_batch);
      else
        dokus_relay_reply_error (req, 400, "invalid", "envelopes", NULL,
                                 "envelopes must be a non-empty array");
      n = 0;
      goto out;
    }
  envs = calloc ((size_t) n, sizeof *envs);
  if (envs == NULL)
    {
      dokus_relay_reply_error (req, 500, "internal", NULL, NULL, "out of memory");
      goto out;
    }
  if (!parse_envelopes (req, body, arr, envs, n))
    goto out;

  switch (push_fast (req, envs, n, &last_seq, msg, sizeof msg))
    {
    case 1:
      max_dev_seq = envs[0].dev_seq - 1;
      first_new = 0;
      goto committed;
    case 0:
      break;
    default:
      ret = dokus_relay_reply_db_error (req, "push", msg);
      goto out;
    }

  r = dokus_relay_db_exec (req->db, "BEGIN", NULL, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "push", msg);
      goto out;
    }
  PQclear (r);
  dokus_relay_params_bytes (&p, req->book_id, 16);
  dokus_relay_params_bytes (&p, req->device_id, 16);
  r = dokus_relay_db_exec (req->db,
                           "SELECT b.last_seq, b.key_epoch, m.max_dev_seq, m.revoked_at IS NULL "
                           "FROM book b JOIN member m ON m.book_id = b.book_id "
                           "AND m.device_id = $2 WHERE b.book_id = $1 FOR UPDATE OF b",
                           &p, msg, sizeof msg);
  if (r == NULL)
    {
      ret = dokus_relay_reply_db_error (req, "push", msg);
      goto rollback;
    }
  if (PQntuples (r) == 0 || !PQgetvalue (r, 0, 3)[0])
    {
      PQclear (r);
      dokus_relay_reply_error (req, 401, "revoked", "device_id", NULL,
                               "this device is not (or no longer) a member");
      goto rollback;
    }
  last_seq = dokus_relay_db_get_i64 (r, 0, 0);
  book_epoch = dokus_relay_db_get_i32 (r, 0, 1);
  max_dev_seq = dokus_relay_db_get_i64 (r, 0, 2);
  PQclear (r);

  for (int i = 0; i < n; i++)
    if (envs[i].key_epoch > book_epoch)
      {
        char field[48];
        snprintf (field, sizeof field, "envelopes[%d].key_epoch", i);
        dokus_relay_reply_error (req, 400, "invalid", field, NULL,
                                 "key_epoch %lld is newer than the book's (%lld): put the key "
                                 "bundles first",
                                 envs[i].key_epoch, book_epoch);
        goto rollback;
      }
  while (first_new < n && envs[first_new].dev_seq <= max_dev_seq)
    first_new++;
  if (first_new > 0 && !match_known (req, envs, first_new, msg, sizeof msg, &db_failed))
    {
      if (db_failed)
        ret = dokus_relay_reply_db_error (req, "push", msg);
      goto rollback;
    }
  if (first_new < n && envs[first_new].dev_seq != max_dev_seq + 1)
    {
      char field[48];
      cJSON *extra = cJSON_CreateObject ();
      cJSON_AddNumberToObject (extra, "next_dev_seq", (double) (max_dev_seq + 1));
      snprintf (field, sizeof field, "envelopes[%d].dev_seq", first_new);
      dokus_relay_reply_error (req, 409, "dev_seq_gap", field, extra,
                               "dev_seq %lld leaves a gap: the next one must be %lld",
                               envs[first_new].dev_seq, max_dev_seq + 1);
      goto rollback;
    }
  if (first_new < n && !insert_new (req, envs, first_new, n, last_seq, msg, sizeof msg))
    {
      ret = dokus_relay_reply_db_error (req, "push", msg);
      goto rollback;
    }
  r = dokus_relay_db_exec (req->db, "COMMIT", NULL, msg, sizeof msg);
  if (r == NULL)
    {
      /* The outcome is unknown to us: the client's retry settles it. */
      ret = dokus_relay_reply_db_error (req, "push commit", msg);
      goto out;
    }
  PQclear (r);
committed:
  if (req->srv->fault_kill_after_commit && first_new < n)
    raise (SIGKILL); /* tests: the relay dies between the commit and the answer */
  if (first_new < n)
    dokus_relay_notify_changed (req->srv->notify, req->book_id);
  dokus_relay_metrics_envelopes ((unsigned long) (n - first_new));

  {
    /* The answer is written directly: cJSON prints numbers through
     * sprintf and sscanf, which showed in profiles of large batches. */
    size_t cap = 64 + (size_t) n * 64, len = 0;
    char *text = malloc (cap);
    if (text == NULL)
      {
        ret = dokus_relay_reply_error (req, 500, "internal", NULL, NULL, "out of memory");
        goto out;
      }
    len += (size_t) snprintf (text + len, cap - len, "{\"acks\":[");
    for (int i = 0; i < n; i++)
      {
        if (envs[i].server_seq > 0)
          len += (size_t) snprintf (text + len, cap - len, "%s{\"dev_seq\":%lld,\"server_seq\":%lld}",
                                    i ? "," : "", envs[i].dev_seq, envs[i].server_seq);
        else
          len += (size_t) snprintf (text + len, cap - len, "%s{\"dev_seq\":%lld,\"server_seq\":null}",
                                    i ? "," : "", envs[i].dev_seq);
      }
    len += (size_t) snprintf (
      text + len, cap - len, "],\"next_dev_seq\":%lld,\"head_seq\":%lld}",
      (envs[n - 1].dev_seq > max_dev_seq ? envs[n - 1].dev_seq : max_dev_seq) + 1,
      last_seq + (n - first_new));
    ret = dokus_relay_reply (req, 200, "application/json", text, len);
    free (text);
  }
  goto out;
rollback:
  PQclear (PQexec (req->db, "ROLLBACK"));
out:
  free_envs (envs, n);
  cJSON_Delete (body);
  return ret;
}

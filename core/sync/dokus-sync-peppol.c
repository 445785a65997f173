/* dokus-sync-peppol.c
 *
 * A document's Peppol state as synced facts, so that a second device
 * neither sends a delivered invoice again nor shows it unsent.
 *
 * "peppol" op: the transmission row (peppol_transmissions) and the
 * document's sent mark. Its state only moves forward (queued <
 * submitting < submitted < delivered | rejected); applying keeps the
 * further state, and between equal unfinished states the smaller access
 * point message id, so every order of delivery ends in the same row. The
 * local bookkeeping of sending (attempts, last error, next attempt) is
 * taken over only with a further state and is not in the digest. The
 * sent mark keeps the earliest time any device marked the document sent.
 *
 * "export" op: the document's stored UBL hashes (document_exports),
 * insert-only: the same writer version gives the same bytes.
 *
 * Capture compares a hash of what the op carries with the one sync_field
 * remembers (entity "peppol"), so a step that changes nothing synced (a
 * failed attempt) and a state that came from another device send nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-book-private.h"
#include "dokus-sync-private.h"

/* the synced part of the row, and the local bookkeeping that comes with a
 * further state */
#define PEPPOL_SYNCED "state, receiver_id, document_type_id, process_id, ap_message_id, reason"
#define PEPPOL_LOCAL "queued_at, submitted_at, finished_at, next_attempt_at, updated_at"

static int
state_rank (const char *state)
{
  static const char *const order[] = { "queued", "submitting", "submitted", "delivered",
                                       "rejected" };
  for (int i = 0; state != NULL && i < 5; i++)
    if (strcmp (state, order[i]) == 0)
      return i < 4 ? i : 3; /* delivered and rejected are both final */
  return -1;
}

/* The op's body for @id: {"row": {...}, "sent_at": "t:..." | null}; *out
 * NULL if the document has no transmission. */
static DokusStatus
read_peppol (sqlite3 *db, const char *id, cJSON **out, DokusError *err)
{
  cJSON *rows = NULL, *sent = NULL, *body;
  DokusStatus st;

  *out = NULL;
  st = dokus_sync_rows_read (db, "SELECT " PEPPOL_SYNCED ", " PEPPOL_LOCAL
                                 " FROM peppol_transmissions WHERE document_id = ?1",
                             id, false, NULL, &rows, err);
  if (st == DOKUS_OK)
    st = dokus_sync_rows_read (db, "SELECT updated_at AS sent_at FROM documents"
                                   " WHERE id = ?1 AND state = 'sent'",
                               id, false, NULL, &sent, err);
  if (st == DOKUS_OK && cJSON_GetArraySize (rows) == 1 && (body = cJSON_CreateObject ()) != NULL)
    {
      cJSON *s = cJSON_GetArrayItem (sent, 0);
      cJSON_AddItemToObject (body, "row", cJSON_DetachItemFromArray (rows, 0));
      cJSON_AddItemToObject (body, "sent_at",
                             s ? cJSON_DetachItemFromObject (s, "sent_at") : cJSON_CreateNull ());
      *out = body;
    }
  cJSON_Delete (rows);
  cJSON_Delete (sent);
  return st;
}

/* BLAKE2b-128 of what a replica converges on: the synced columns and
 * the sent mark */
static void
hash_synced (const cJSON *body, unsigned char out[16])
{
  static const char *const cols[] = { "state", "receiver_id", "document_type_id", "process_id",
                                      "ap_message_id", "reason" };
  const cJSON *row = cJSON_GetObjectItemCaseSensitive (body, "row");
  crypto_generichash_state h;

  crypto_generichash_init (&h, NULL, 0, 16);
  for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
    {
      const char *v = dokus_sync_str_of (row, cols[i]);
      crypto_generichash_update (&h, (const unsigned char *) (v ? v : "-"), strlen (v ? v : "-"));
      crypto_generichash_update (&h, (const unsigned char *) "", 1);
    }
  {
    const char *v = dokus_sync_str_of (body, "sent_at");
    crypto_generichash_update (&h, (const unsigned char *) (v ? v : "-"), strlen (v ? v : "-"));
  }
  crypto_generichash_final (&h, out, 16);
}

/* Compares @body's hash with the remembered one and remembers it: true
 * if it changed. */
static int
remember (sqlite3 *db, const char *id, const cJSON *body, uint64_t hlc, bool *changed)
{
  char self[DOKUS_SYNC_ID_TEXT] = "";
  unsigned char h[16];
  sqlite3_stmt *stmt = NULL;
  int rc;

  hash_synced (body, h);
  *changed = true;
  rc = sqlite3_prepare_v2 (db, "SELECT vhash FROM sync_field WHERE entity = 'peppol'"
                               " AND row_id = ?1 AND field = 'row'", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        *changed = sqlite3_column_bytes (stmt, 0) != 16
                   || memcmp (sqlite3_column_blob (stmt, 0), h, 16) != 0;
      rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK || !*changed)
    return rc;
  dokus_sync_self (db, NULL, self);
  rc = sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO sync_field"
                               " (entity, row_id, field, hlc, device_id, vhash)"
                               " VALUES ('peppol', ?1, 'row', ?2, ?3, ?4)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, (int64_t) hlc);
      sqlite3_bind_text (stmt, 3, self, -1, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 4, h, sizeof h, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  return rc;
}

DokusStatus
dokus_sync_peppol_op (sqlite3 *db, const char *document_id, uint64_t hlc, cJSON *ops,
                      DokusError *err)
{
  cJSON *body = NULL;
  bool changed = false;
  char n[24];
  int rc;
  DokusStatus st = read_peppol (db, document_id, &body, err);

  if (st != DOKUS_OK || body == NULL)
    return st;
  rc = remember (db, document_id, body, hlc, &changed);
  if (rc != SQLITE_OK)
    {
      cJSON_Delete (body);
      return dokus_book_sqlite_error (db, rc, "recording the Peppol state to sync", err);
    }
  if (!changed)
    {
      cJSON_Delete (body);
      return DOKUS_OK;
    }
  snprintf (n, sizeof n, "%" PRIu64, hlc);
  cJSON_AddStringToObject (body, "k", "peppol");
  cJSON_AddStringToObject (body, "id", document_id);
  cJSON_AddStringToObject (body, "hlc", n);
  cJSON_AddItemToArray (ops, body);
  return DOKUS_OK;
}

DokusStatus
dokus_sync_export_op (sqlite3 *db, const char *document_id, cJSON *ops, DokusError *err)
{
  cJSON *rows = NULL, *op;
  DokusStatus st = dokus_sync_rows_read (db, "SELECT format, writer_version, sha256"
                                             " FROM document_exports WHERE document_id = ?1"
                                             " ORDER BY format, writer_version",
                                         document_id, false, NULL, &rows, err);
  if (st != DOKUS_OK)
    return st;
  if (cJSON_GetArraySize (rows) == 0 || (op = cJSON_CreateObject ()) == NULL)
    {
      cJSON_Delete (rows);
      return DOKUS_OK; /* the first export of writer version 1: nothing stored */
    }
  cJSON_AddStringToObject (op, "k", "export");
  cJSON_AddStringToObject (op, "id", document_id);
  cJSON_AddItemToObject (op, "rows", rows);
  cJSON_AddItemToArray (ops, op);
  return DOKUS_OK;
}

DokusStatus
dokus_sync_capture_peppol (sqlite3 *db, const char *document_id, DokusError *err)
{
  char self[DOKUS_SYNC_ID_TEXT];
  cJSON *env, *ops;
  uint64_t hlc = 0;
  DokusStatus st;

  if (!dokus_sync_self (db, NULL, self) || dokus_sync_is_accountant (db, self))
    return DOKUS_OK; /* sync is off; an accountant's device does not send */
  /* one unit: a numbered envelope is never lost half-way (a gap in
   * dev_seq would hold back every later envelope of this device) */
  if ((st = dokus_sync_exec (db, "SAVEPOINT sync_peppol", "capturing the Peppol state", err))
      != DOKUS_OK)
    return st;
  env = cJSON_CreateObject ();
  ops = cJSON_AddArrayToObject (env, "ops");
  st = ops ? dokus_sync_hlc_tick (db, &hlc, err)
           : dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  if (st == DOKUS_OK)
    st = dokus_sync_peppol_op (db, document_id, hlc, ops, err);
  if (st == DOKUS_OK && cJSON_GetArraySize (ops) > 0)
    st = dokus_sync_seal_ops (db, env, hlc, self, err);
  cJSON_Delete (env);
  if (st != DOKUS_OK)
    sqlite3_exec (db, "ROLLBACK TO sync_peppol", NULL, NULL, NULL);
  sqlite3_exec (db, "RELEASE sync_peppol", NULL, NULL, NULL);
  return st;
}

/* ---- apply ------------------------------------------------------------------ */

/* SQLITE_ROW if @id is an issued (or sent) document; SQLITE_DONE with
 * *@res DOKUS_SYNC_OP_WAIT if it is missing or a draft: its issue has not
 * arrived yet */
static int
issued_document (sqlite3 *db, const char *id, DokusSyncOpResult *res)
{
  sqlite3_stmt *stmt = NULL;
  bool draft = false;
  int rc = sqlite3_prepare_v2 (db, "SELECT state = 'draft' FROM documents WHERE id = ?1", -1,
                               &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      draft = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE || draft)
    {
      *res = DOKUS_SYNC_OP_WAIT;
      return SQLITE_DONE;
    }
  return rc;
}

/* runs @sql with ?1 = @id and the values of @row's @cols from ?2 on */
static int
run_with_row (sqlite3 *db, const char *sql, const char *id, const cJSON *row,
              const char *const *cols, size_t n_cols)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  for (size_t i = 0; rc == SQLITE_OK && i < n_cols; i++)
    {
      const cJSON *v = cJSON_GetObjectItemCaseSensitive (row, cols[i]);
      if (v == NULL)
        rc = sqlite3_bind_null (stmt, (int) i + 2);
      else if (!dokus_sync_value_bind (stmt, (int) i + 2, v))
        rc = SQLITE_MISMATCH;
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
  sqlite3_finalize (stmt);
  return rc;
}

static const char *const row_cols[] = { "state", "receiver_id", "document_type_id", "process_id",
                                        "ap_message_id", "reason", "queued_at", "submitted_at",
                                        "finished_at", "next_attempt_at", "updated_at" };

/* the transmission: inserted, moved forward, or left as it is */
static int
merge_transmission (sqlite3 *db, const char *id, const cJSON *row)
{
  const char *state = dokus_sync_text_of (row, "state"), *msg = dokus_sync_text_of (row, "ap_message_id");
  char local[16] = "", local_msg[256] = "";
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT state, ap_message_id FROM peppol_transmissions"
                                   " WHERE document_id = ?1", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          snprintf (local, sizeof local, "%s", (const char *) sqlite3_column_text (stmt, 0));
          if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
            snprintf (local_msg, sizeof local_msg, "%s",
                      (const char *) sqlite3_column_text (stmt, 1));
        }
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return run_with_row (db, "INSERT INTO peppol_transmissions (document_id, " PEPPOL_SYNCED
                             ", " PEPPOL_LOCAL ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                             " ?10, ?11, ?12)", id, row, row_cols, 11);
  if (rc != SQLITE_ROW)
    return rc;
  if (state_rank (state) > state_rank (local))
    return run_with_row (db, "UPDATE peppol_transmissions SET state = ?2, ap_message_id ="
                             " coalesce (?3, ap_message_id), reason = ?4, submitted_at ="
                             " coalesce (submitted_at, ?5), finished_at = ?6,"
                             " next_attempt_at = ?7, updated_at = ?8, last_error = NULL"
                             " WHERE document_id = ?1", id, row,
                         (const char *const[]){ "state", "ap_message_id", "reason",
                                                "submitted_at", "finished_at",
                                                "next_attempt_at", "updated_at" }, 7);
  /* the same unfinished state: the smaller message id, on every replica */
  if (state_rank (state) == state_rank (local) && state_rank (local) < 3 && msg != NULL
      && (local_msg[0] == '\0' || strcmp (msg, local_msg) < 0))
    return run_with_row (db, "UPDATE peppol_transmissions SET ap_message_id = ?2"
                             " WHERE document_id = ?1", id, row,
                         (const char *const[]){ "ap_message_id" }, 1);
  return SQLITE_OK;
}

int
dokus_sync_peppol_apply (sqlite3 *db, const cJSON *op, DokusSyncOpResult *res)
{
  const char *id = dokus_sync_str_of (op, "id");
  const cJSON *row = cJSON_GetObjectItemCaseSensitive (op, "row");
  const cJSON *sent = cJSON_GetObjectItemCaseSensitive (op, "sent_at");
  cJSON *body = NULL;
  bool changed;
  int rc;

  *res = DOKUS_SYNC_OP_REFUSED;
  if (id == NULL || !cJSON_IsObject (row) || state_rank (dokus_sync_text_of (row, "state")) < 0
      || (sent != NULL && !cJSON_IsNull (sent) && dokus_sync_text_of (op, "sent_at") == NULL))
    return SQLITE_OK;
  if ((rc = issued_document (db, id, res)) != SQLITE_ROW)
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
  rc = merge_transmission (db, id, row);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    return SQLITE_OK; /* a row no sender makes (delivered without a message id) */
  if (rc == SQLITE_OK && dokus_sync_text_of (op, "sent_at") != NULL)
    /* issued -> sent, the one change a frozen document allows; the
     * earliest mark wins everywhere */
    rc = run_with_row (db, "UPDATE documents SET state = 'sent', updated_at = CASE"
                           " WHEN state = 'sent' AND updated_at <= ?2 THEN updated_at ELSE ?2 END"
                           " WHERE id = ?1 AND state IN ('issued', 'sent')", id, op,
                       (const char *const[]){ "sent_at" }, 1);
  /* remembered as seen, so that it is not sent back */
  if (rc == SQLITE_OK)
    {
      DokusError ignored = { 0 };
      if (read_peppol (db, id, &body, &ignored) != DOKUS_OK)
        rc = SQLITE_NOMEM;
      else if (body != NULL)
        rc = remember (db, id, body, 0, &changed);
      cJSON_Delete (body);
    }
  if (rc == SQLITE_OK)
    *res = DOKUS_SYNC_OP_APPLIED;
  return rc;
}

int
dokus_sync_export_apply (sqlite3 *db, const cJSON *op, DokusSyncOpResult *res)
{
  static const char *const cols[] = { "format", "writer_version", "sha256" };
  const char *id = dokus_sync_str_of (op, "id");
  const cJSON *rows = cJSON_GetObjectItemCaseSensitive (op, "rows"), *row;
  int rc;

  *res = DOKUS_SYNC_OP_REFUSED;
  if (id == NULL || !cJSON_IsArray (rows))
    return SQLITE_OK;
  if ((rc = issued_document (db, id, res)) != SQLITE_ROW)
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
  rc = SQLITE_OK;
  /* insert-only: a hash known here stays as it is */
  cJSON_ArrayForEach (row, rows)
    if (rc == SQLITE_OK)
      rc = run_with_row (db, "INSERT INTO document_exports (document_id, format, writer_version,"
                             " sha256) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                         id, row, cols, 3);
  if ((rc & 0xff) == SQLITE_CONSTRAINT || rc == SQLITE_MISMATCH)
    return SQLITE_OK; /* refused: not a valid hash row */
  if (rc == SQLITE_OK)
    *res = DOKUS_SYNC_OP_APPLIED;
  return rc;
}

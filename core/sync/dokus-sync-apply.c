/* dokus-sync-apply.c
 *
 * Applying pulled envelopes: one SQLite transaction per batch, rows
 * written directly (never through the public API, which would make new
 * local audit entries). Exactly once: sync_applied holds each device's
 * highest dev_seq, and a device's envelopes apply in dev_seq order (a
 * later one waits in sync_pending). Any order: field writes compare
 * (hlc, device) with sync_field; an op whose row, client, series
 * predecessor or audit predecessor is missing waits and is retried after
 * each batch. Rules: field last-writer-wins; a tombstone always wins over
 * edits of a draft; an issue snapshot wins over both and freezes the
 * document; payments and audit entries are insert-only facts, audit
 * entries verified against their device's key and chain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-book-private.h"
#include "dokus-sync-private.h"

typedef DokusSyncOpResult OpResult;

static uint64_t
hlc_of (const cJSON *o)
{
  const char *s = dokus_sync_str_of (o, "hlc");
  return s ? strtoull (s, NULL, 10) : 0;
}

static bool
int_of (const cJSON *o, const char *key, int64_t *out)
{
  const char *s = dokus_sync_str_of (o, key);
  if (s == NULL || strncmp (s, "i:", 2) != 0)
    return false;
  *out = strtoll (s + 2, NULL, 10);
  return true;
}

static bool
blob_of (const cJSON *o, const char *key, unsigned char *out, size_t len)
{
  const char *s = dokus_sync_str_of (o, key);
  size_t got = 0;
  return s != NULL && strncmp (s, "b:", 2) == 0
         && sodium_hex2bin (out, len, s + 2, strlen (s + 2), NULL, &got, NULL) == 0 && got == len;
}

/* rc of a write that failed: a constraint means a parent is missing (or
 * an unknown column: a newer schema), so the op waits */
static bool
is_wait (int rc)
{
  return (rc & 0xff) == SQLITE_CONSTRAINT || rc == SQLITE_MISMATCH || (rc & 0xff) == SQLITE_ERROR;
}

static int
query_text (sqlite3 *db, const char *sql, const char *a, const char *b, char *out, size_t cap)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && a)
    sqlite3_bind_text (stmt, 1, a, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK && b)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && out != NULL)
    snprintf (out, cap, "%s",
              sqlite3_column_type (stmt, 0) == SQLITE_NULL ? ""
                                                             : (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return rc;
}

static bool
is_tombstoned (sqlite3 *db, const char *entity, const char *id)
{
  return query_text (db, "SELECT 1 FROM sync_field WHERE entity = ?1 AND row_id = ?2"
                         " AND field = 'deleted'", entity, id, NULL, 0) == SQLITE_ROW;
}

/* SQLITE_ROW with *state ("" for entities without one), SQLITE_DONE if absent */
static int
row_state (sqlite3 *db, const DokusSyncEntity *ent, const char *id, char *state, size_t cap)
{
  char sql[160];
  if (ent->int_key)
    snprintf (sql, sizeof sql, "SELECT '' FROM %s WHERE %s = CAST (?1 AS INTEGER)", ent->table,
              ent->key);
  else if (strcmp (ent->table, "documents") == 0)
    snprintf (sql, sizeof sql, "SELECT state FROM documents WHERE id = ?1");
  else
    snprintf (sql, sizeof sql, "SELECT '' FROM %s WHERE %s = ?1", ent->table, ent->key);
  return query_text (db, sql, id, NULL, state, cap);
}

static int
stamp_field (sqlite3 *db, const char *entity, const char *id, const cJSON *f, uint64_t hlc,
             const char *device)
{
  unsigned char h[16];
  char *text = cJSON_PrintUnformatted (f);
  sqlite3_stmt *stmt = NULL;
  int rc;

  crypto_generichash (h, sizeof h, (const unsigned char *) (text ? text : ""),
                      text ? strlen (text) : 0, NULL, 0);
  free (text);
  rc = sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO sync_field"
                               " (entity, row_id, field, hlc, device_id, vhash)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, f->string, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, (int64_t) hlc);
      sqlite3_bind_text (stmt, 5, device, -1, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 6, h, sizeof h, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* true if (hlc, device) beats what sync_field has for the field */
static bool
wins (sqlite3 *db, const char *entity, const char *id, const char *field, uint64_t hlc,
      const char *device)
{
  sqlite3_stmt *stmt = NULL;
  bool win = true;

  if (sqlite3_prepare_v2 (db, "SELECT hlc, device_id FROM sync_field WHERE entity = ?1"
                              " AND row_id = ?2 AND field = ?3", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          uint64_t old = (uint64_t) sqlite3_column_int64 (stmt, 0);
          const char *od = (const char *) sqlite3_column_text (stmt, 1);
          win = hlc > old || (hlc == old && strcmp (device, od ? od : "") > 0);
        }
    }
  sqlite3_finalize (stmt);
  return win;
}

static int
apply_write (sqlite3 *db, const cJSON *op, const char *device, OpResult *res)
{
  const DokusSyncEntity *ent = dokus_sync_entity_find (dokus_sync_str_of (op, "e") ? dokus_sync_str_of (op, "e") : "");
  const char *id = dokus_sync_str_of (op, "id");
  const cJSON *fields = cJSON_GetObjectItemCaseSensitive (op, "f"), *f;
  bool is_new = cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (op, "new"));
  uint64_t hlc = hlc_of (op);
  cJSON *winners;
  char state[16] = "";
  int rc, exists;

  if (ent == NULL || id == NULL || !cJSON_IsObject (fields))
    {
      *res = DOKUS_SYNC_OP_REFUSED;
      return SQLITE_OK;
    }
  *res = DOKUS_SYNC_OP_APPLIED;
  if (is_tombstoned (db, ent->entity, id))
    return SQLITE_OK; /* a delete beats every edit */
  rc = row_state (db, ent, id, state, sizeof state);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return rc;
  exists = rc == SQLITE_ROW;
  if (exists && strcmp (ent->table, "documents") == 0 && strcmp (state, "draft") != 0)
    return SQLITE_OK; /* frozen by its issue */
  if (!exists && !is_new)
    {
      *res = DOKUS_SYNC_OP_WAIT; /* the row's creation has not arrived */
      return SQLITE_OK;
    }
  winners = cJSON_CreateObject ();
  if (winners == NULL)
    return SQLITE_NOMEM;
  cJSON_ArrayForEach (f, fields)
    if (!exists || wins (db, ent->entity, id, f->string, hlc, device))
      cJSON_AddItemReferenceToObject (winners, f->string, (cJSON *) f);
  rc = SQLITE_OK;
  if (cJSON_GetArraySize (winners) > 0)
    rc = dokus_sync_entity_write (db, ent, id, winners, !exists);
  if (rc != SQLITE_OK && is_wait (rc))
    {
      *res = DOKUS_SYNC_OP_WAIT;
      rc = SQLITE_OK;
    }
  else
    cJSON_ArrayForEach (f, winners)
      if (rc == SQLITE_OK)
        rc = stamp_field (db, ent->entity, id, f, hlc, device);
  cJSON_Delete (winners);
  return rc;
}

static int
apply_tombstone (sqlite3 *db, const cJSON *op, const char *device, OpResult *res)
{
  const char *id = dokus_sync_str_of (op, "id");
  const char *e = dokus_sync_str_of (op, "e");
  sqlite3_stmt *stmt = NULL;
  char state[16] = "";
  int rc;

  if (id == NULL || e == NULL || strcmp (e, "document") != 0)
    {
      *res = DOKUS_SYNC_OP_REFUSED;
      return SQLITE_OK;
    }
  *res = DOKUS_SYNC_OP_APPLIED;
  rc = sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO sync_field"
                               " (entity, row_id, field, hlc, device_id)"
                               " VALUES ('document', ?1, 'deleted', ?2, ?3)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, (int64_t) hlc_of (op));
      sqlite3_bind_text (stmt, 3, device, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return rc;
  rc = query_text (db, "SELECT state FROM documents WHERE id = ?1", id, NULL, state, sizeof state);
  if (rc == SQLITE_DONE || (rc == SQLITE_ROW && strcmp (state, "draft") != 0))
    return SQLITE_OK; /* gone already, or issued: an issue beats a delete */
  if (rc != SQLITE_ROW)
    return rc;
  const char *sqls[] = { "DELETE FROM document_lines WHERE document_id = ?1",
                         "DELETE FROM document_adjustments WHERE document_id = ?1",
                         "DELETE FROM documents WHERE id = ?1 AND state = 'draft'" };
  for (size_t i = 0; rc == SQLITE_ROW && i < 3; i++)
    {
      int r = query_text (db, sqls[i], id, NULL, NULL, 0);
      if (r != SQLITE_DONE)
        rc = r;
    }
  if (rc != SQLITE_ROW && is_wait (rc))
    {
      *res = DOKUS_SYNC_OP_WAIT; /* e.g. a draft credit note still refers to it */
      return SQLITE_OK;
    }
  return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static int
apply_issue (sqlite3 *db, const cJSON *op, OpResult *res)
{
  const DokusSyncEntity *ent = dokus_sync_entity_find ("document");
  const char *id = dokus_sync_str_of (op, "id");
  const cJSON *doc = cJSON_GetArrayItem (cJSON_GetObjectItemCaseSensitive (op, "doc"), 0);
  const cJSON *series = cJSON_GetArrayItem (cJSON_GetObjectItemCaseSensitive (op, "series"), 0);
  const cJSON *f;
  const char *series_id = doc ? dokus_sync_text_of (doc, "series_id") : NULL;
  char state[16] = "", last[32] = "";
  cJSON *draft = NULL, *freeze = NULL;
  sqlite3_stmt *stmt = NULL;
  int64_t number = 0;
  int rc, exists;

  if (id == NULL || !cJSON_IsObject (doc) || !cJSON_IsObject (series) || series_id == NULL
      || !int_of (doc, "series_number", &number) || number < 1)
    {
      *res = DOKUS_SYNC_OP_REFUSED;
      return SQLITE_OK;
    }
  *res = DOKUS_SYNC_OP_APPLIED;
  rc = query_text (db, "SELECT state FROM documents WHERE id = ?1", id, NULL, state, sizeof state);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return rc;
  exists = rc == SQLITE_ROW;
  if (exists && strcmp (state, "draft") != 0)
    return SQLITE_OK; /* issued already */
  /* numbers follow each other: wait for the previous one */
  rc = query_text (db, "SELECT last_number FROM series WHERE id = ?1", series_id, NULL, last,
                   sizeof last);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return rc;
  if ((rc == SQLITE_DONE ? 0 : strtoll (last, NULL, 10)) != number - 1)
    {
      *res = DOKUS_SYNC_OP_WAIT;
      return SQLITE_OK;
    }

  /* the document as a draft with its frozen content, then frozen */
  draft = cJSON_CreateObject ();
  freeze = cJSON_CreateObject ();
  if (draft == NULL || freeze == NULL)
    rc = SQLITE_NOMEM;
  else
    {
      cJSON_ArrayForEach (f, doc)
        {
          bool frozen_only = strcmp (f->string, "state") == 0 || strcmp (f->string, "number") == 0
                             || strcmp (f->string, "series_id") == 0
                             || strcmp (f->string, "series_number") == 0;
          cJSON_AddItemReferenceToObject (frozen_only ? freeze : draft, f->string, (cJSON *) f);
        }
      cJSON_AddItemToObject (draft, "state", cJSON_CreateString ("t:draft"));
      cJSON_AddItemReferenceToObject (draft, "document_lines",
                                      cJSON_GetObjectItemCaseSensitive (op, "lines"));
      cJSON_AddItemReferenceToObject (draft, "document_adjustments",
                                      cJSON_GetObjectItemCaseSensitive (op, "adjustments"));
      rc = dokus_sync_entity_write (db, ent, id, draft, !exists);
    }
  if (rc == SQLITE_OK)
    rc = dokus_sync_rows_insert (db, "document_vat", "document_id", id,
                                 cJSON_GetObjectItemCaseSensitive (op, "vat"));
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "INSERT INTO series (id, doc_type, year, prefix, last_number,"
                                 " last_issue_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                                 " ON CONFLICT (id) DO UPDATE SET"
                                 " last_number = excluded.last_number,"
                                 " last_issue_date = excluded.last_issue_date", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      const cJSON *ps[] = { cJSON_GetObjectItemCaseSensitive (series, "id"),
                            cJSON_GetObjectItemCaseSensitive (series, "doc_type"),
                            cJSON_GetObjectItemCaseSensitive (series, "year"),
                            cJSON_GetObjectItemCaseSensitive (series, "prefix") };
      for (int i = 0; rc == SQLITE_OK && i < 4; i++)
        if (!dokus_sync_value_bind (stmt, i + 1, ps[i]))
          rc = SQLITE_MISMATCH;
      if (rc == SQLITE_OK)
        sqlite3_bind_int64 (stmt, 5, number);
      if (rc == SQLITE_OK && !dokus_sync_value_bind (stmt, 6,
                                                     cJSON_GetObjectItemCaseSensitive (doc, "issue_date")))
        rc = SQLITE_MISMATCH;
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_OK)
    rc = dokus_sync_entity_write (db, ent, id, freeze, false);
  cJSON_Delete (draft);
  cJSON_Delete (freeze);
  if (rc != SQLITE_OK && is_wait (rc))
    {
      *res = DOKUS_SYNC_OP_WAIT; /* its client has not arrived, or a number clash */
      return SQLITE_OK;
    }
  return rc;
}

static int
apply_fact (sqlite3 *db, const cJSON *op, OpResult *res)
{
  const char *id = dokus_sync_str_of (op, "id"), *e = dokus_sync_str_of (op, "e");
  const cJSON *rows = cJSON_GetObjectItemCaseSensitive (op, "row");
  cJSON *with_id;
  int rc;

  if (id == NULL || e == NULL || strcmp (e, "payment") != 0 || cJSON_GetArraySize (rows) != 1)
    {
      *res = DOKUS_SYNC_OP_REFUSED;
      return SQLITE_OK;
    }
  *res = DOKUS_SYNC_OP_APPLIED;
  rc = query_text (db, "SELECT 1 FROM payments WHERE id = ?1", id, NULL, NULL, 0);
  if (rc == SQLITE_ROW)
    return SQLITE_OK; /* insert-only: known */
  if (rc != SQLITE_DONE)
    return rc;
  with_id = cJSON_Duplicate (cJSON_GetArrayItem (rows, 0), true);
  if (with_id == NULL)
    return SQLITE_NOMEM;
  {
    cJSON *arr = cJSON_CreateArray ();
    cJSON_AddItemToArray (arr, with_id);
    rc = dokus_sync_rows_insert (db, "payments", "id", id, arr);
    cJSON_Delete (arr);
  }
  if (rc != SQLITE_OK && is_wait (rc))
    {
      *res = DOKUS_SYNC_OP_WAIT;
      return SQLITE_OK;
    }
  return rc;
}

/* An audit entry, inserted verbatim once its device's key and its
 * predecessor in the chain are known and it verifies. */
static int
apply_audit (sqlite3 *db, const cJSON *op, OpResult *res)
{
  const cJSON *entry = cJSON_GetObjectItemCaseSensitive (op, "entry");
  const cJSON *device = cJSON_GetObjectItemCaseSensitive (op, "device");
  const char *dev_id = entry ? dokus_sync_text_of (entry, "device_id") : NULL;
  unsigned char hash[32], prev[32], sig[crypto_sign_BYTES], pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char known_pk[crypto_sign_PUBLICKEYBYTES], zero[32] = { 0 };
  sqlite3_stmt *stmt = NULL;
  int64_t dseq = 0;
  int rc;

  *res = DOKUS_SYNC_OP_REFUSED;
  if (dev_id == NULL || !cJSON_IsObject (device) || !int_of (entry, "device_seq", &dseq)
      || dseq < 1 || !blob_of (entry, "hash", hash, sizeof hash)
      || !blob_of (entry, "prev_hash", prev, sizeof prev)
      || !blob_of (entry, "signature", sig, sizeof sig)
      || !blob_of (device, "public_key", pk, sizeof pk) || dokus_sync_text_of (device, "id") == NULL
      || strcmp (dokus_sync_text_of (device, "id"), dev_id) != 0)
    return SQLITE_OK;
  /* a member's device key is the one it signs envelopes with */
  rc = sqlite3_prepare_v2 (db, "SELECT sign_pk FROM sync_member WHERE device_id = ?1", -1, &stmt,
                           NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, dev_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && (sqlite3_column_bytes (stmt, 0) != sizeof pk
                               || memcmp (sqlite3_column_blob (stmt, 0), pk, sizeof pk) != 0))
        rc = SQLITE_MISMATCH;
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_MISMATCH)
    return SQLITE_OK;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return rc;
  if (crypto_sign_verify_detached (sig, hash, sizeof hash, pk) != 0)
    return SQLITE_OK;
  /* the device row, as its first entry made it */
  rc = sqlite3_prepare_v2 (db, "SELECT public_key FROM devices WHERE id = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, dev_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == sizeof known_pk)
        memcpy (known_pk, sqlite3_column_blob (stmt, 0), sizeof known_pk);
      else if (rc == SQLITE_ROW)
        memset (known_pk, 0, sizeof known_pk);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW && memcmp (known_pk, pk, sizeof pk) != 0)
    return SQLITE_OK;
  if (rc == SQLITE_DONE)
    {
      cJSON *arr = cJSON_CreateArray ();
      cJSON_AddItemReferenceToArray (arr, (cJSON *) device);
      rc = dokus_sync_rows_insert (db, "devices", NULL, NULL, arr);
      cJSON_Delete (arr);
      if (rc != SQLITE_OK)
        return rc;
    }
  else if (rc != SQLITE_ROW)
    return rc;
  /* known already? then done; else its predecessor must be there */
  rc = sqlite3_prepare_v2 (db, "SELECT device_seq, hash FROM audit_log WHERE device_id = ?1"
                               " AND device_seq IN (?2, ?2 - 1) ORDER BY device_seq DESC",
                           -1, &stmt, NULL);
  bool have = false, have_prev = dseq == 1, prev_ok = dseq == 1 && memcmp (prev, zero, 32) == 0;
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, dev_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, dseq);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        if (sqlite3_column_int64 (stmt, 0) == dseq)
          have = true;
        else
          {
            have_prev = true;
            prev_ok = sqlite3_column_bytes (stmt, 1) == 32
                      && memcmp (sqlite3_column_blob (stmt, 1), prev, 32) == 0;
          }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return rc;
  if (have)
    {
      *res = DOKUS_SYNC_OP_APPLIED;
      return SQLITE_OK;
    }
  if (!have_prev)
    {
      *res = DOKUS_SYNC_OP_WAIT;
      return SQLITE_OK;
    }
  if (!prev_ok)
    return SQLITE_OK; /* a broken chain is refused */
  {
    cJSON *arr = cJSON_CreateArray ();
    cJSON_AddItemReferenceToArray (arr, (cJSON *) entry);
    rc = dokus_sync_rows_insert (db, "audit_log", NULL, NULL, arr);
    cJSON_Delete (arr);
  }
  if (rc == SQLITE_OK)
    *res = DOKUS_SYNC_OP_APPLIED;
  return rc;
}

/* One op in its own savepoint: a failed or waiting op leaves no trace. */
static DokusStatus
apply_op (sqlite3 *db, const cJSON *op, const char *device, OpResult *res, DokusError *err)
{
  const char *k = dokus_sync_str_of (op, "k");
  int rc = sqlite3_exec (db, "SAVEPOINT sync_op", NULL, NULL, NULL);

  *res = DOKUS_SYNC_OP_REFUSED;
  if (rc == SQLITE_OK)
    {
      if (k == NULL)
        rc = SQLITE_OK;
      else if (strcmp (k, "w") == 0)
        rc = apply_write (db, op, device, res);
      else if (strcmp (k, "del") == 0)
        rc = apply_tombstone (db, op, device, res);
      else if (strcmp (k, "issue") == 0)
        rc = apply_issue (db, op, res);
      else if (strcmp (k, "fact") == 0)
        rc = apply_fact (db, op, res);
      else if (strcmp (k, "peppol") == 0)
        rc = dokus_sync_peppol_apply (db, op, res);
      else if (strcmp (k, "export") == 0)
        rc = dokus_sync_export_apply (db, op, res);
      else if (strcmp (k, "part") == 0)
        rc = dokus_sync_part_apply (db, op, res);
      else if (strcmp (k, "attach") == 0)
        rc = dokus_sync_attach_apply (db, op, res);
      else if (strcmp (k, "logo") == 0)
        rc = dokus_sync_logo_apply (db, op, res);
      else if (strcmp (k, "audit") == 0)
        rc = apply_audit (db, op, res);
      else if (strcmp (k, "comment") == 0)
        rc = dokus_sync_comment_apply (db, op, device, res);
      else if (strcmp (k, "resolve") == 0)
        rc = dokus_sync_resolve_apply (db, op, device, res);
      else if (strcmp (k, "member") == 0)
        {
          bool applied = false;
          rc = dokus_sync_member_apply (db, op, device, &applied);
          *res = applied ? DOKUS_SYNC_OP_APPLIED : DOKUS_SYNC_OP_REFUSED;
        }
      else
        *res = DOKUS_SYNC_OP_WAIT; /* an op of a newer schema */
    }
  if (rc != SQLITE_OK || *res != DOKUS_SYNC_OP_APPLIED)
    sqlite3_exec (db, "ROLLBACK TO sync_op", NULL, NULL, NULL);
  sqlite3_exec (db, "RELEASE sync_op", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "applying a synced change", err);
  return DOKUS_OK;
}

static DokusStatus
save_pending (sqlite3 *db, const char *device, int64_t dev_seq, int idx, const char *text,
              DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO sync_pending (device_id, dev_seq, idx, op)"
                                   " VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, device, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, dev_seq);
      sqlite3_bind_int (stmt, 3, idx);
      sqlite3_bind_text (stmt, 4, text, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK ? DOKUS_OK : dokus_book_sqlite_error (db, rc, "saving a waiting op", err);
}

/* Applies a decrypted envelope of @device, the next of its dev_seqs. */
static DokusStatus
apply_plaintext (sqlite3 *db, const char *device, int64_t dev_seq, const char *text,
                 DokusSyncApplyStats *stats, DokusError *err)
{
  cJSON *env = cJSON_Parse (text), *op;
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  int idx = 0, rc;

  cJSON *ops = env != NULL ? cJSON_GetObjectItemCaseSensitive (env, "ops") : NULL;
  /* an accountant's envelope is all comments or refused whole; its
   * dev_seq still counts as applied, so its stream goes on */
  bool allowed = dokus_sync_ops_allowed (db, device, ops);
  if (env != NULL && allowed)
    st = dokus_sync_hlc_observe (db, hlc_of (env), err);
  if (!allowed)
    ops = NULL;
  cJSON_ArrayForEach (op, ops)
    {
      OpResult res;
      if (st != DOKUS_OK)
        break;
      st = apply_op (db, op, device, &res, err);
      if (st == DOKUS_OK && res == DOKUS_SYNC_OP_WAIT)
        {
          char *one = cJSON_PrintUnformatted (op);
          st = one ? save_pending (db, device, dev_seq, idx, one, err)
                   : dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
          free (one);
          stats->waiting++;
        }
      else if (st == DOKUS_OK && res == DOKUS_SYNC_OP_REFUSED)
        stats->refused++;
      idx++;
    }
  cJSON_Delete (env);
  if (st != DOKUS_OK)
    return st;
  rc = sqlite3_prepare_v2 (db, "INSERT INTO sync_applied (device_id, max_dev_seq) VALUES (?1, ?2)"
                               " ON CONFLICT (device_id) DO UPDATE SET max_dev_seq = ?2", -1,
                           &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, device, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, dev_seq);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (allowed)
    stats->applied++;
  else
    stats->refused++;
  return rc == SQLITE_OK ? DOKUS_OK
                         : dokus_book_sqlite_error (db, rc, "recording an applied envelope", err);
}

static int64_t
applied_of (sqlite3 *db, const char *device)
{
  char v[32] = "";
  if (query_text (db, "SELECT max_dev_seq FROM sync_applied WHERE device_id = ?1", device, NULL,
                  v, sizeof v) != SQLITE_ROW)
    return 0;
  return strtoll (v, NULL, 10);
}

/* An envelope that cannot be opened yet (its device's member fact or its
 * key has not arrived) waits sealed, as idx -2. */
static DokusStatus
save_sealed (sqlite3 *db, const DokusSyncEnvelope *e, DokusError *err)
{
  cJSON *o = cJSON_CreateObject ();
  char *nonce = malloc (2 * sizeof e->nonce + 1), *sig = malloc (2 * sizeof e->sig + 1);
  char *ct = malloc (2 * e->ct_len + 1), *text = NULL;
  DokusStatus st;

  if (o != NULL && nonce != NULL && sig != NULL && ct != NULL)
    {
      cJSON_AddNumberToObject (o, "key_epoch", e->key_epoch);
      cJSON_AddStringToObject (o, "nonce", sodium_bin2hex (nonce, 2 * sizeof e->nonce + 1,
                                                           e->nonce, sizeof e->nonce));
      cJSON_AddStringToObject (o, "ct", sodium_bin2hex (ct, 2 * e->ct_len + 1, e->ct, e->ct_len));
      cJSON_AddStringToObject (o, "sig", sodium_bin2hex (sig, 2 * sizeof e->sig + 1, e->sig,
                                                         sizeof e->sig));
      text = cJSON_PrintUnformatted (o);
    }
  st = text != NULL ? save_pending (db, e->device_id, e->dev_seq, -2, text, err)
                    : dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  free (text);
  free (nonce);
  free (sig);
  free (ct);
  cJSON_Delete (o);
  return st;
}

static bool
hex_member (const cJSON *o, const char *key, unsigned char *out, size_t len)
{
  const char *s = dokus_sync_str_of (o, key);
  size_t got = 0;
  return s != NULL && sodium_hex2bin (out, len, s, strlen (s), NULL, &got, NULL) == 0
         && got == len;
}

/* Tries to open a sealed waiting envelope: *done when it opened (and was
 * applied or now waits as plaintext) or is refused for good. */
static DokusStatus
retry_sealed (sqlite3 *db, const char *device, int64_t dev_seq, const char *text, bool *done,
              DokusSyncApplyStats *stats, DokusError *err)
{
  cJSON *o = cJSON_Parse (text);
  const char *ct_hex = o ? dokus_sync_str_of (o, "ct") : NULL;
  DokusSyncEnvelope e = { 0 };
  DokusError open_err = { 0 };
  DokusStatus st = DOKUS_OK, os;
  char *plain = NULL;

  *done = false;
  snprintf (e.device_id, sizeof e.device_id, "%s", device);
  e.dev_seq = dev_seq;
  e.key_epoch = (uint32_t) cJSON_GetNumberValue (cJSON_GetObjectItemCaseSensitive (o, "key_epoch"));
  e.ct_len = ct_hex ? strlen (ct_hex) / 2 : 0;
  e.ct = malloc (e.ct_len + 1);
  if (o == NULL || ct_hex == NULL || e.ct == NULL || !hex_member (o, "nonce", e.nonce, sizeof e.nonce)
      || !hex_member (o, "sig", e.sig, sizeof e.sig) || !hex_member (o, "ct", e.ct, e.ct_len))
    {
      *done = true; /* unreadable: drop it */
      stats->refused++;
      goto out;
    }
  os = dokus_sync_open (db, &e, &plain, &open_err);
  if (os == DOKUS_ERR_NOT_FOUND)
    goto out; /* still waiting */
  *done = true;
  if (os == DOKUS_ERR_REFUSED)
    stats->refused++;
  else if (os != DOKUS_OK)
    {
      if (err != NULL)
        *err = open_err;
      st = os;
    }
  else if (dev_seq == applied_of (db, device) + 1)
    st = apply_plaintext (db, device, dev_seq, plain, stats, err);
  else if (dev_seq > applied_of (db, device))
    st = save_pending (db, device, dev_seq, -1, plain, err);
out:
  if (plain != NULL)
    {
      sodium_memzero (plain, strlen (plain));
      free (plain);
    }
  free (e.ct);
  cJSON_Delete (o);
  return st;
}

/* Retries what waits until nothing more moves. */
static DokusStatus
retry_pending (sqlite3 *db, DokusSyncApplyStats *stats, DokusError *err)
{
  DokusStatus st = DOKUS_OK;
  bool progress = true;

  while (st == DOKUS_OK && progress)
    {
      sqlite3_stmt *stmt = NULL;
      cJSON *list = cJSON_CreateArray ();
      cJSON *item;
      int rc;

      progress = false;
      rc = sqlite3_prepare_v2 (db, "SELECT device_id, dev_seq, idx, op FROM sync_pending"
                                   " ORDER BY device_id, dev_seq, idx", -1, &stmt, NULL);
      while (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        {
          cJSON *row = cJSON_CreateArray ();
          cJSON_AddItemToArray (row, cJSON_CreateString ((const char *) sqlite3_column_text (stmt, 0)));
          cJSON_AddItemToArray (row, cJSON_CreateNumber ((double) sqlite3_column_int64 (stmt, 1)));
          cJSON_AddItemToArray (row, cJSON_CreateNumber (sqlite3_column_int (stmt, 2)));
          cJSON_AddItemToArray (row, cJSON_CreateString ((const char *) sqlite3_column_text (stmt, 3)));
          cJSON_AddItemToArray (list, row);
        }
      sqlite3_finalize (stmt);
      cJSON_ArrayForEach (item, list)
        {
          const char *device = cJSON_GetArrayItem (item, 0)->valuestring;
          int64_t dev_seq = (int64_t) cJSON_GetArrayItem (item, 1)->valuedouble;
          int idx = cJSON_GetArrayItem (item, 2)->valueint;
          const char *text = cJSON_GetArrayItem (item, 3)->valuestring;
          bool done = false;
          char key[32];

          if (st != DOKUS_OK)
            break;
          if (idx == -2)
            {
              /* leaves first: opening it may queue it again as plaintext */
              snprintf (key, sizeof key, "%" PRId64, dev_seq);
              query_text (db, "DELETE FROM sync_pending WHERE device_id = ?1 AND idx = -2"
                              " AND dev_seq = CAST (?2 AS INTEGER)", device, key, NULL, 0);
              st = retry_sealed (db, device, dev_seq, text, &done, stats, err);
              if (st == DOKUS_OK && !done)
                st = save_pending (db, device, dev_seq, -2, text, err);
              if (done)
                progress = true;
              continue;
            }
          if (idx < 0)
            {
              int64_t applied = applied_of (db, device);
              if (dev_seq <= applied)
                done = true; /* a duplicate that waited */
              else if (dev_seq == applied + 1)
                {
                  /* the entry leaves before the apply may add its own ops */
                  snprintf (key, sizeof key, "%" PRId64, dev_seq);
                  query_text (db, "DELETE FROM sync_pending WHERE device_id = ?1 AND idx = -1"
                                  " AND dev_seq = CAST (?2 AS INTEGER)", device, key, NULL, 0);
                  st = apply_plaintext (db, device, dev_seq, text, stats, err);
                  progress = true;
                  continue;
                }
            }
          else
            {
              cJSON *op = cJSON_Parse (text);
              OpResult res = DOKUS_SYNC_OP_WAIT;
              if (op != NULL)
                st = apply_op (db, op, device, &res, err);
              cJSON_Delete (op);
              done = res != DOKUS_SYNC_OP_WAIT;
              if (res == DOKUS_SYNC_OP_REFUSED)
                stats->refused++;
            }
          if (done && st == DOKUS_OK)
            {
              char ix[16];
              snprintf (key, sizeof key, "%" PRId64, dev_seq);
              snprintf (ix, sizeof ix, "%d", idx);
              stmt = NULL;
              rc = sqlite3_prepare_v2 (db, "DELETE FROM sync_pending WHERE device_id = ?1"
                                           " AND dev_seq = ?2 AND idx = ?3", -1, &stmt, NULL);
              if (rc == SQLITE_OK)
                {
                  sqlite3_bind_text (stmt, 1, device, -1, SQLITE_STATIC);
                  sqlite3_bind_int64 (stmt, 2, dev_seq);
                  sqlite3_bind_int (stmt, 3, idx);
                  rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
                }
              sqlite3_finalize (stmt);
              if (rc != SQLITE_OK)
                st = dokus_book_sqlite_error (db, rc, "clearing a waiting op", err);
              progress = true;
            }
        }
      cJSON_Delete (list);
    }
  return st;
}

DokusStatus
dokus_sync_retry_pending (sqlite3 *db, DokusSyncApplyStats *stats, DokusError *err)
{
  return retry_pending (db, stats, err);
}

DokusStatus
dokus_sync_apply (DokusBook *book, const DokusSyncEnvelope *envs, size_t n, int64_t cursor,
                  DokusSyncApplyStats *stats, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char self[DOKUS_SYNC_ID_TEXT];
  DokusSyncApplyStats local = { 0 };
  DokusStatus st;

  assert (book != NULL);
  assert (envs != NULL || n == 0);
  if (stats == NULL)
    stats = &local;
  *stats = (DokusSyncApplyStats){ 0 };
  if (!dokus_sync_self (db, NULL, self))
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "", "sync is not enabled on this book");
  st = dokus_sync_exec (db, "BEGIN IMMEDIATE", "starting to apply", err);
  if (st != DOKUS_OK)
    return st;
  for (size_t i = 0; st == DOKUS_OK && i < n; i++)
    {
      const DokusSyncEnvelope *e = &envs[i];
      char *text = NULL;
      char key[32];
      int64_t applied;

      if (strcmp (e->device_id, self) == 0)
        {
          stats->duplicates++;
          continue;
        }
      applied = applied_of (db, e->device_id);
      snprintf (key, sizeof key, "%" PRId64, e->dev_seq);
      if (e->dev_seq <= applied
          || query_text (db, "SELECT 1 FROM sync_pending WHERE device_id = ?1 AND idx < 0"
                             " AND dev_seq = CAST (?2 AS INTEGER)", e->device_id, key, NULL, 0)
                 == SQLITE_ROW)
        {
          stats->duplicates++;
          continue;
        }
      {
        DokusError open_err = { 0 };
        DokusStatus os = dokus_sync_open (db, e, &text, &open_err);
        if (os == DOKUS_ERR_REFUSED)
          {
            stats->refused++;
            continue;
          }
        if (os == DOKUS_ERR_NOT_FOUND)
          {
            st = save_sealed (db, e, err);
            stats->waiting++;
            continue;
          }
        if (os != DOKUS_OK)
          {
            if (err != NULL)
              *err = open_err;
            st = os;
            break;
          }
      }
      if (e->dev_seq == applied + 1)
        st = apply_plaintext (db, e->device_id, e->dev_seq, text, stats, err);
      else
        {
          st = save_pending (db, e->device_id, e->dev_seq, -1, text, err);
          stats->waiting++;
        }
      sodium_memzero (text, strlen (text));
      free (text);
    }
  if (st == DOKUS_OK)
    st = retry_pending (db, stats, err);
  if (st == DOKUS_OK && cursor >= 0)
    {
      char c[32];
      snprintf (c, sizeof c, "%" PRId64, cursor);
      if (query_text (db, "INSERT INTO sync_cursor (id, server_seq) VALUES (1, CAST (?1 AS INTEGER))"
                          " ON CONFLICT (id) DO UPDATE SET server_seq = excluded.server_seq",
                      c, NULL, NULL, 0) != SQLITE_DONE)
        st = dokus_book_sqlite_error (db, sqlite3_errcode (db), "saving the sync cursor", err);
    }
  if (st == DOKUS_OK)
    st = dokus_sync_exec (db, "COMMIT", "committing the applied changes", err);
  if (st != DOKUS_OK && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return st;
}

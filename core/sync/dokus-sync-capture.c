/* dokus-sync-capture.c
 *
 * Change capture: called for each audit entry, inside its transaction.
 * The fields a change touched are found by comparing each field's value
 * hash with the one sync_field remembers (so remote writes are never
 * echoed back); they become one field-write op stamped with a new HLC.
 * Issuing becomes an issue op with the frozen snapshot; deleting a draft
 * a tombstone; a payment an insert-only fact. The audit entry itself
 * always travels as a fact, so every device's chain reaches every
 * replica. The ops are sealed into one outbox envelope.
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

bool
dokus_sync_self (sqlite3 *db, char book_id[DOKUS_SYNC_ID_TEXT], char device_id[DOKUS_SYNC_ID_TEXT])
{
  sqlite3_stmt *stmt = NULL;
  bool on = false;

  if (sqlite3_prepare_v2 (db, "SELECT book_id, device_id FROM sync_self WHERE id = 1", -1, &stmt,
                          NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    {
      on = true;
      if (book_id != NULL)
        snprintf (book_id, DOKUS_SYNC_ID_TEXT, "%s", sqlite3_column_text (stmt, 0));
      if (device_id != NULL)
        snprintf (device_id, DOKUS_SYNC_ID_TEXT, "%s", sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  return on;
}

DokusStatus
dokus_sync_exec (sqlite3 *db, const char *sql, const char *what, DokusError *err)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  return rc == SQLITE_OK ? DOKUS_OK : dokus_book_sqlite_error (db, rc, what, err);
}

static void
hash_value (const cJSON *v, unsigned char out[16])
{
  char *text = cJSON_PrintUnformatted (v);
  crypto_generichash (out, 16, (const unsigned char *) (text ? text : ""), text ? strlen (text) : 0,
                      NULL, 0);
  free (text);
}

static void
add_hlc (cJSON *op, uint64_t hlc)
{
  char n[24];
  snprintf (n, sizeof n, "%" PRIu64, hlc);
  cJSON_AddStringToObject (op, "hlc", n);
}

/* The fields of @id whose value changed since sync_field last saw them,
 * as one "w" op; they are stamped (hlc, self) in sync_field. A local
 * write always beats the version it overwrites: if that version is
 * stamped later than *@hlc (a remote clock ahead of ours), *@hlc moves
 * just past it, or this replica would keep a value the others drop. */
static DokusStatus
capture_fields (sqlite3 *db, const char *entity, const char *id, uint64_t *hlc,
                const char *self, cJSON *ops, DokusError *err)
{
  const DokusSyncEntity *ent = dokus_sync_entity_find (entity);
  cJSON *fields = NULL, *changed = NULL, *f;
  sqlite3_stmt *get = NULL, *put = NULL;
  uint64_t newest = 0;
  DokusStatus st;
  bool known = false;
  int rc;

  st = dokus_sync_entity_read (db, ent, id, &fields, err);
  if (st != DOKUS_OK || fields == NULL)
    return st;
  changed = cJSON_CreateObject ();
  rc = changed ? SQLITE_OK : SQLITE_NOMEM;
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT vhash, hlc FROM sync_field WHERE entity = ?1"
                                 " AND row_id = ?2 AND field = ?3", -1, &get, NULL);
  for (f = fields->child; rc == SQLITE_OK && f != NULL; f = f->next)
    {
      unsigned char h[16];
      bool same = false;

      hash_value (f, h);
      sqlite3_reset (get);
      sqlite3_bind_text (get, 1, entity, -1, SQLITE_STATIC);
      sqlite3_bind_text (get, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (get, 3, f->string, -1, SQLITE_STATIC);
      rc = sqlite3_step (get);
      if (rc == SQLITE_ROW)
        {
          known = true;
          same = sqlite3_column_bytes (get, 0) == 16
                 && memcmp (sqlite3_column_blob (get, 0), h, 16) == 0;
          if (!same && (uint64_t) sqlite3_column_int64 (get, 1) > newest)
            newest = (uint64_t) sqlite3_column_int64 (get, 1);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
      if (rc == SQLITE_OK && !same)
        cJSON_AddItemReferenceToObject (changed, f->string, f);
    }
  sqlite3_finalize (get);
  if (rc == SQLITE_OK && newest >= *hlc)
    {
      *hlc = newest + 1;
      st = dokus_sync_hlc_raise (db, *hlc, err);
    }
  if (rc == SQLITE_OK && st == DOKUS_OK)
    rc = sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO sync_field"
                                 " (entity, row_id, field, hlc, device_id, vhash)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &put, NULL);
  for (f = changed ? changed->child : NULL; rc == SQLITE_OK && st == DOKUS_OK && f != NULL;
       f = f->next)
    {
      unsigned char h[16];
      hash_value (f, h);
      sqlite3_reset (put);
      sqlite3_bind_text (put, 1, entity, -1, SQLITE_STATIC);
      sqlite3_bind_text (put, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (put, 3, f->string, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (put, 4, (int64_t) *hlc);
      sqlite3_bind_text (put, 5, self, -1, SQLITE_STATIC);
      sqlite3_bind_blob (put, 6, h, sizeof h, SQLITE_STATIC);
      rc = sqlite3_step (put) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (put);
  if (rc == SQLITE_OK && st == DOKUS_OK && cJSON_GetArraySize (changed) > 0)
    {
      cJSON *op = cJSON_CreateObject ();
      char *copy = cJSON_PrintUnformatted (changed);
      cJSON_AddStringToObject (op, "k", "w");
      cJSON_AddStringToObject (op, "e", entity);
      cJSON_AddStringToObject (op, "id", id);
      add_hlc (op, *hlc);
      /* the row's first write creates it on other replicas */
      cJSON_AddBoolToObject (op, "new", !known);
      cJSON_AddItemToObject (op, "f", cJSON_Parse (copy));
      cJSON_AddItemToArray (ops, op);
      free (copy);
    }
  cJSON_Delete (changed);
  cJSON_Delete (fields);
  if (st != DOKUS_OK)
    return st;
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "recording the changed fields", err);
  return DOKUS_OK;
}

static DokusStatus
add_rows (sqlite3 *db, cJSON *op, const char *name, const char *sql, const char *id,
          const char *skip, DokusError *err)
{
  cJSON *rows = NULL;
  DokusStatus st = dokus_sync_rows_read (db, sql, id, false, skip, &rows, err);
  if (st == DOKUS_OK)
    cJSON_AddItemToObject (op, name, rows);
  return st;
}

/* The frozen document, its lines, adjustments, VAT breakdown and series. */
static DokusStatus
capture_issue (sqlite3 *db, const char *id, uint64_t hlc, cJSON *ops, DokusError *err)
{
  cJSON *op = cJSON_CreateObject (), *doc;
  DokusStatus st;

  cJSON_AddStringToObject (op, "k", "issue");
  cJSON_AddStringToObject (op, "id", id);
  add_hlc (op, hlc);
  st = add_rows (db, op, "doc", "SELECT * FROM documents WHERE id = ?1", id, "id", err);
  if (st == DOKUS_OK)
    st = add_rows (db, op, "lines",
                   "SELECT * FROM document_lines WHERE document_id = ?1 ORDER BY position", id,
                   "document_id", err);
  if (st == DOKUS_OK)
    st = add_rows (db, op, "adjustments",
                   "SELECT * FROM document_adjustments WHERE document_id = ?1 ORDER BY position",
                   id, "document_id", err);
  if (st == DOKUS_OK)
    st = add_rows (db, op, "vat",
                   "SELECT * FROM document_vat WHERE document_id = ?1 ORDER BY category, rate",
                   id, "document_id", err);
  if (st == DOKUS_OK)
    st = add_rows (db, op, "series",
                   "SELECT id, doc_type, year, prefix FROM series"
                   " WHERE id = (SELECT series_id FROM documents WHERE id = ?1)", id, NULL, err);
  doc = cJSON_GetObjectItemCaseSensitive (op, "doc");
  if (st == DOKUS_OK && cJSON_GetArraySize (doc) != 1)
    st = dokus_error_set (err, DOKUS_ERR_INTERNAL, "", "the issued document %s is missing", id);
  if (st != DOKUS_OK)
    {
      cJSON_Delete (op);
      return st;
    }
  cJSON_AddItemToArray (ops, op);
  return DOKUS_OK;
}

static DokusStatus
capture_tombstone (sqlite3 *db, const char *id, uint64_t hlc, const char *self, cJSON *ops,
                   DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  cJSON *op = cJSON_CreateObject ();
  int rc = sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO sync_field"
                                   " (entity, row_id, field, hlc, device_id)"
                                   " VALUES ('document', ?1, 'deleted', ?2, ?3)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, (int64_t) hlc);
      sqlite3_bind_text (stmt, 3, self, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      cJSON_Delete (op);
      return dokus_book_sqlite_error (db, rc, "recording the tombstone", err);
    }
  cJSON_AddStringToObject (op, "k", "del");
  cJSON_AddStringToObject (op, "e", "document");
  cJSON_AddStringToObject (op, "id", id);
  add_hlc (op, hlc);
  cJSON_AddItemToArray (ops, op);
  return DOKUS_OK;
}

static DokusStatus
capture_payment (sqlite3 *db, const char *id, cJSON *ops, DokusError *err)
{
  cJSON *op = cJSON_CreateObject ();
  DokusStatus st;

  cJSON_AddStringToObject (op, "k", "fact");
  cJSON_AddStringToObject (op, "e", "payment");
  cJSON_AddStringToObject (op, "id", id);
  st = add_rows (db, op, "row", "SELECT * FROM payments WHERE id = ?1", id, "id", err);
  if (st == DOKUS_OK)
    cJSON_AddItemToArray (ops, op);
  else
    cJSON_Delete (op);
  return st;
}

static DokusStatus
capture_audit (sqlite3 *db, int64_t rowid, cJSON *ops, DokusError *err)
{
  cJSON *op = cJSON_CreateObject (), *rows = NULL, *dev = NULL;
  char key[24];
  DokusStatus st;

  snprintf (key, sizeof key, "%" PRId64, rowid);
  cJSON_AddStringToObject (op, "k", "audit");
  st = dokus_sync_rows_read (db, "SELECT * FROM audit_log WHERE seq = ?1", key, true, "seq",
                             &rows, err);
  if (st == DOKUS_OK)
    st = dokus_sync_rows_read (db, "SELECT * FROM devices WHERE id ="
                                   " (SELECT device_id FROM audit_log WHERE seq = ?1)",
                               key, true, NULL, &dev, err);
  if (st == DOKUS_OK && (cJSON_GetArraySize (rows) != 1 || cJSON_GetArraySize (dev) != 1))
    st = dokus_error_set (err, DOKUS_ERR_INTERNAL, "", "audit entry %s is missing", key);
  if (st != DOKUS_OK)
    {
      cJSON_Delete (rows);
      cJSON_Delete (dev);
      cJSON_Delete (op);
      return st;
    }
  cJSON_AddItemToObject (op, "entry", cJSON_DetachItemFromArray (rows, 0));
  cJSON_AddItemToObject (op, "device", cJSON_DetachItemFromArray (dev, 0));
  cJSON_Delete (rows);
  cJSON_Delete (dev);
  cJSON_AddItemToArray (ops, op);
  return DOKUS_OK;
}

/* ids of "SELECT id ..." */
static DokusStatus
list_ids (sqlite3 *db, const char *sql, cJSON **out, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  cJSON *ids = cJSON_CreateArray ();
  int rc = ids ? sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) : SQLITE_NOMEM;

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      rc = SQLITE_OK;
      cJSON_AddItemToArray (ids, cJSON_CreateString ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cJSON_Delete (ids);
      return dokus_book_sqlite_error (db, rc, "listing what to sync", err);
    }
  *out = ids;
  return DOKUS_OK;
}

/* Everything the book holds, when sync is turned on: its rows as their
 * creations, issued documents in series order, payments, audit chains. */
static DokusStatus
capture_all (sqlite3 *db, uint64_t hlc_in, const char *self, bool audit_only, cJSON *ops,
             DokusError *err)
{
  static const struct { const char *sql; int kind; } parts[] = {
    { "SELECT '1' FROM profile", 0 },
    { "SELECT id FROM clients ORDER BY id", 1 },
    { "SELECT id FROM expenses ORDER BY id", 2 },
    { "SELECT id FROM documents WHERE state = 'issued' OR state = 'sent'"
      " ORDER BY series_id, series_number", 3 },
    { "SELECT id FROM documents WHERE state = 'draft' ORDER BY id", 4 },
    { "SELECT id FROM payments ORDER BY id", 5 },
    { "SELECT document_id FROM peppol_transmissions ORDER BY document_id", 7 },
    { "SELECT DISTINCT document_id FROM document_exports ORDER BY document_id", 8 },
    { "SELECT 'all' WHERE EXISTS (SELECT 1 FROM comments)", 9 },
    { "SELECT seq FROM audit_log ORDER BY device_id, device_seq", 6 }, /* last */
  };
  const size_t n_parts = sizeof parts / sizeof parts[0];
  DokusStatus st = DOKUS_OK;
  uint64_t hlc = hlc_in;

  for (size_t p = audit_only ? n_parts - 1 : 0; st == DOKUS_OK && p < n_parts; p++)
    {
      cJSON *ids = NULL, *id;
      st = list_ids (db, parts[p].sql, &ids, err);
      cJSON_ArrayForEach (id, ids)
        {
          const char *v = id->valuestring;
          if (st != DOKUS_OK)
            break;
          switch (parts[p].kind)
            {
            case 0:
              st = dokus_sync_profile_logo_send (db, hlc, self, err);
              if (st == DOKUS_OK)
                st = capture_fields (db, "profile", v, &hlc, self, ops, err);
              if (st == DOKUS_OK)
                st = dokus_sync_logos_op (db, hlc, self, ops, err);
              break;
            case 1: st = capture_fields (db, "client", v, &hlc, self, ops, err); break;
            case 2:
              st = capture_fields (db, "expense", v, &hlc, self, ops, err);
              if (st == DOKUS_OK)
                st = dokus_sync_receipts_op (db, v, hlc, self, ops, err);
              break;
            case 3: st = capture_issue (db, v, hlc, ops, err); break;
            case 4: st = capture_fields (db, "document", v, &hlc, self, ops, err); break;
            case 5: st = capture_payment (db, v, ops, err); break;
            case 7: st = dokus_sync_peppol_op (db, v, hlc, ops, err); break;
            case 8: st = dokus_sync_export_op (db, v, ops, err); break;
            case 9: st = dokus_sync_comments_op (db, ops, err); break;
            default: st = capture_audit (db, strtoll (v, NULL, 10), ops, err); break;
            }
        }
      cJSON_Delete (ids);
    }
  return st;
}

bool
dokus_sync_is_accountant (sqlite3 *db, const char *self)
{
  sqlite3_stmt *stmt = NULL;
  bool yes = false;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sync_member WHERE device_id = ?1"
                              " AND role = 'accountant'", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_bind_text (stmt, 1, self, -1, SQLITE_STATIC) == SQLITE_OK)
    yes = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return yes;
}

static bool
is_document (const char *entity)
{
  return strcmp (entity, "invoice") == 0 || strcmp (entity, "credit_note") == 0;
}

/* a change of the books a user makes, which a wrong clock would stamp
 * wrong; not the access point's answers, an export or a membership */
static bool
is_edit (const char *action, const char *entity)
{
  static const char *const doc_actions[] = { "create", "update", "delete", "issue" };

  if (strcmp (entity, "client") == 0 || strcmp (entity, "profile") == 0
      || strcmp (entity, "expense") == 0 || strcmp (entity, "payment") == 0)
    return true;
  for (size_t i = 0; is_document (entity) && i < 4; i++)
    if (strcmp (action, doc_actions[i]) == 0)
      return true;
  return false;
}

DokusStatus
dokus_sync_capture (sqlite3 *db, int64_t audit_rowid, const char *action, const char *entity,
                    const char *entity_id, DokusError *err)
{
  char book_id[DOKUS_SYNC_ID_TEXT], self[DOKUS_SYNC_ID_TEXT];
  cJSON *env = NULL, *ops;
  uint64_t hlc = 0;
  DokusStatus st;
  bool accountant;

  if (!dokus_sync_self (db, book_id, self))
    return DOKUS_OK; /* sync is off */
  if (audit_rowid > 0 && is_edit (action, entity))
    {
      char what[96];
      snprintf (what, sizeof what, "%s %s", action, entity);
      if ((st = dokus_sync_clock_check (db, what, err)) != DOKUS_OK)
        return st;
    }
  accountant = dokus_sync_is_accountant (db, self);
  st = dokus_sync_hlc_tick (db, &hlc, err);
  if (st != DOKUS_OK)
    return st;
  env = cJSON_CreateObject ();
  ops = cJSON_AddArrayToObject (env, "ops");
  if (ops == NULL)
    {
      cJSON_Delete (env);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  if (audit_rowid <= 0)
    st = capture_all (db, hlc, self, audit_rowid < 0, ops, err);
  else if (entity_id != NULL && strcmp (entity, "sync_member") == 0)
    st = dokus_sync_member_op (db, entity_id, ops, err);
  else if (entity_id != NULL && strcmp (entity, "client") == 0)
    st = capture_fields (db, "client", entity_id, &hlc, self, ops, err);
  else if (strcmp (entity, "profile") == 0)
    {
      st = accountant ? DOKUS_OK : dokus_sync_profile_logo_send (db, hlc, self, err);
      if (st == DOKUS_OK)
        st = capture_fields (db, "profile", "1", &hlc, self, ops, err);
      if (st == DOKUS_OK && !accountant)
        st = dokus_sync_logos_op (db, hlc, self, ops, err);
    }
  else if (entity_id != NULL && strcmp (entity, "expense") == 0)
    {
      st = capture_fields (db, "expense", entity_id, &hlc, self, ops, err);
      if (st == DOKUS_OK && !accountant)
        st = dokus_sync_receipts_op (db, entity_id, hlc, self, ops, err);
    }
  else if (entity_id != NULL && strcmp (entity, "payment") == 0)
    st = capture_payment (db, entity_id, ops, err);
  else if (entity_id != NULL && is_document (entity) && strcmp (action, "issue") == 0)
    st = capture_issue (db, entity_id, hlc, ops, err);
  else if (entity_id != NULL && is_document (entity) && strcmp (action, "delete") == 0)
    st = capture_tombstone (db, entity_id, hlc, self, ops, err);
  else if (entity_id != NULL && is_document (entity) && strcmp (action, "export") == 0
           && !accountant)
    st = dokus_sync_export_op (db, entity_id, ops, err); /* an accountant's stays local */
  else if (entity_id != NULL && strcmp (entity, "document") == 0
           && strncmp (action, "peppol_", 7) == 0)
    st = dokus_sync_peppol_op (db, entity_id, hlc, ops, err);
  else if (entity_id != NULL && is_document (entity)
           && (strcmp (action, "create") == 0 || strcmp (action, "update") == 0))
    st = capture_fields (db, "document", entity_id, &hlc, self, ops, err);
  /* an accountant reads: a change of the books is refused, a local-only
   * entry (an export) stays local */
  if (st == DOKUS_OK && accountant && cJSON_GetArraySize (ops) > 0)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "role",
                          "this device is paired as an accountant's: it reads this book and "
                          "cannot change it (%s %s)", action, entity);
  if (st != DOKUS_OK || accountant)
    {
      cJSON_Delete (env);
      return st;
    }
  if (audit_rowid > 0)
    st = capture_audit (db, audit_rowid, ops, err);
  if (st == DOKUS_OK)
    st = dokus_sync_seal_ops (db, env, hlc, self, err);
  cJSON_Delete (env);
  return st;
}

DokusStatus
dokus_sync_seal_ops (sqlite3 *db, cJSON *env, uint64_t hlc, const char *self, DokusError *err)
{
  return dokus_sync_seal_ops_kind (db, env, hlc, self, "change", err);
}

DokusStatus
dokus_sync_seal_ops_kind (sqlite3 *db, cJSON *env, uint64_t hlc, const char *self,
                          const char *kind, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL, n[24];
  int64_t dev_seq = 0;
  DokusStatus st = DOKUS_OK;
  int rc;

  rc = sqlite3_prepare_v2 (db, "UPDATE sync_self SET next_dev_seq = next_dev_seq + 1"
                               " WHERE id = 1 RETURNING next_dev_seq - 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    dev_seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (dev_seq <= 0)
    return dokus_book_sqlite_error (db, sqlite3_errcode (db), "numbering the envelope", err);
  snprintf (n, sizeof n, "%" PRIu64, hlc);
  cJSON_AddNumberToObject (env, "v", 1);
  cJSON_AddNumberToObject (env, "schema", 7);
  cJSON_AddStringToObject (env, "device", self);
  cJSON_AddStringToObject (env, "hlc", n);
  text = cJSON_PrintUnformatted (env);
  st = text ? dokus_sync_seal (db, text, dev_seq, kind, err)
            : dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  if (text != NULL)
    sodium_memzero (text, strlen (text));
  free (text);
  return st;
}

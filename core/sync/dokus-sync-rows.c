/* dokus-sync-rows.c
 *
 * Synced entities as the rows that hold them, and exact value encoding:
 * a field value travels as JSON null, "i:<integer>", "t:<text>" or
 * "b:<hex>", so integers (cents) never pass through a double; the
 * profile's logo as "h:<sha256>", its bytes in parts of their own. An entity
 * row is read as an object of its columns but the key, plus one array
 * per child table (lines, adjustments), written back the same way.
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

static const DokusSyncEntity entities[] = {
  { "client", "clients", "id", false, { NULL, NULL }, NULL },
  { "profile", "profile", "id", true, { NULL, NULL }, NULL },
  { "document", "documents", "id", false, { "document_lines", "document_adjustments" },
    "document_id" },
  { "expense", "expenses", "id", false, { "expense_lines", NULL }, "expense_id" },
};

const DokusSyncEntity *
dokus_sync_entity_find (const char *name)
{
  for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
    if (strcmp (entities[i].entity, name) == 0)
      return &entities[i];
  return NULL;
}

bool
dokus_sync_name_ok (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 64)
    return false;
  for (const char *p = name; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
      return false;
  return true;
}

cJSON *
dokus_sync_value_encode (sqlite3_stmt *stmt, int i)
{
  char *buf;
  cJSON *v;

  switch (sqlite3_column_type (stmt, i))
    {
    case SQLITE_NULL:
      return cJSON_CreateNull ();
    case SQLITE_INTEGER:
      {
        char n[32];
        snprintf (n, sizeof n, "i:%" PRId64, (int64_t) sqlite3_column_int64 (stmt, i));
        return cJSON_CreateString (n);
      }
    case SQLITE_BLOB:
      {
        size_t len = (size_t) sqlite3_column_bytes (stmt, i);
        const unsigned char *b = sqlite3_column_blob (stmt, i);
        buf = malloc (2 * len + 3);
        if (buf == NULL)
          return NULL;
        memcpy (buf, "b:", 2);
        sodium_bin2hex (buf + 2, 2 * len + 1, b, len);
        break;
      }
    default: /* text; no table of the book has REAL columns */
      {
        const char *t = (const char *) sqlite3_column_text (stmt, i);
        size_t len = (size_t) sqlite3_column_bytes (stmt, i);
        buf = malloc (len + 3);
        if (buf == NULL)
          return NULL;
        memcpy (buf, "t:", 2);
        memcpy (buf + 2, t ? t : "", len);
        buf[len + 2] = '\0';
        break;
      }
    }
  v = cJSON_CreateString (buf);
  free (buf);
  return v;
}

bool
dokus_sync_value_bind (sqlite3_stmt *stmt, int i, const cJSON *v)
{
  const char *s;

  if (cJSON_IsNull (v))
    return sqlite3_bind_null (stmt, i) == SQLITE_OK;
  if (!cJSON_IsString (v) || strlen (v->valuestring) < 2 || v->valuestring[1] != ':')
    return false;
  s = v->valuestring + 2;
  switch (v->valuestring[0])
    {
    case 'i':
      {
        char *end = NULL;
        long long n = strtoll (s, &end, 10);
        return *s != '\0' && *end == '\0' && sqlite3_bind_int64 (stmt, i, n) == SQLITE_OK;
      }
    case 't':
      return sqlite3_bind_text (stmt, i, s, -1, SQLITE_TRANSIENT) == SQLITE_OK;
    case 'h': /* a file by its SHA-256 (dokus-sync-blobs.c) */
      return dokus_sync_blob_bind (stmt, i, s);
    case 'b':
      {
        size_t hex = strlen (s), len = 0;
        unsigned char *b = malloc (hex / 2 + 1);
        bool ok = b != NULL && sodium_hex2bin (b, hex / 2 + 1, s, hex, NULL, &len, NULL) == 0
                  && sqlite3_bind_blob (stmt, i, b, (int) len, SQLITE_TRANSIENT) == SQLITE_OK;
        free (b);
        return ok;
      }
    default:
      return false;
    }
}

DokusStatus
dokus_sync_rows_read (sqlite3 *db, const char *sql, const char *key, bool int_key,
                      const char *skip_col, cJSON **out, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  cJSON *rows = cJSON_CreateArray ();
  int rc = rows ? sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) : SQLITE_NOMEM;

  if (rc == SQLITE_OK && key != NULL)
    rc = int_key ? sqlite3_bind_int64 (stmt, 1, strtoll (key, NULL, 10))
                 : sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      cJSON *row = cJSON_CreateObject ();
      rc = row && cJSON_AddItemToArray (rows, row) ? SQLITE_OK : SQLITE_NOMEM;
      for (int i = 0; rc == SQLITE_OK && i < sqlite3_column_count (stmt); i++)
        {
          const char *name = sqlite3_column_name (stmt, i);
          cJSON *v;
          if (skip_col != NULL && strcmp (name, skip_col) == 0)
            continue;
          v = dokus_sync_value_encode (stmt, i);
          if (v == NULL || !cJSON_AddItemToObject (row, name, v))
            {
              cJSON_Delete (v);
              rc = SQLITE_NOMEM;
            }
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cJSON_Delete (rows);
      return dokus_book_sqlite_error (db, rc, "reading rows to sync", err);
    }
  *out = rows;
  return DOKUS_OK;
}

DokusStatus
dokus_sync_entity_read (sqlite3 *db, const DokusSyncEntity *ent, const char *id, cJSON **out,
                        DokusError *err)
{
  char sql[256];
  cJSON *rows = NULL, *fields;
  DokusStatus st;

  *out = NULL;
  snprintf (sql, sizeof sql, "SELECT * FROM %s WHERE %s = ?1", ent->table, ent->key);
  st = dokus_sync_rows_read (db, sql, id, ent->int_key, ent->key, &rows, err);
  if (st != DOKUS_OK)
    return st;
  if (cJSON_GetArraySize (rows) == 0)
    {
      cJSON_Delete (rows);
      return DOKUS_OK;
    }
  fields = cJSON_DetachItemFromArray (rows, 0);
  cJSON_Delete (rows);
  if (strcmp (ent->entity, "profile") == 0)
    dokus_sync_logo_to_ref (fields);
  for (int c = 0; c < 2 && ent->child[c] != NULL; c++)
    {
      cJSON *children = NULL;
      snprintf (sql, sizeof sql, "SELECT * FROM %s WHERE %s = ?1 ORDER BY position",
                ent->child[c], ent->child_fk);
      st = dokus_sync_rows_read (db, sql, id, false, ent->child_fk, &children, err);
      if (st != DOKUS_OK)
        {
          cJSON_Delete (fields);
          return st;
        }
      /* the child table's name is the field: never a column name */
      cJSON_AddItemToObject (fields, ent->child[c], children);
    }
  *out = fields;
  return DOKUS_OK;
}

static bool
is_child (const DokusSyncEntity *ent, const char *name)
{
  for (int c = 0; c < 2; c++)
    if (ent->child[c] != NULL && strcmp (ent->child[c], name) == 0)
      return true;
  return false;
}

static int
exec_one (sqlite3 *db, const char *sql, const char *id, bool int_key)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = int_key ? sqlite3_bind_int64 (stmt, 1, strtoll (id, NULL, 10))
                 : sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
  sqlite3_finalize (stmt);
  return rc;
}

int
dokus_sync_rows_insert (sqlite3 *db, const char *table, const char *fk_col, const char *id,
                        const cJSON *rows)
{
  const cJSON *row;

  if (!cJSON_IsArray (rows))
    return SQLITE_MISMATCH;
  cJSON_ArrayForEach (row, rows)
    {
      char sql[2048], vals[512];
      size_t n = 0, nv = 0;
      const cJSON *f;
      sqlite3_stmt *stmt = NULL;
      int rc, i = 2;

      /* without @fk_col, ?1 is bound but unused */
      n += (size_t) snprintf (sql, sizeof sql, "INSERT INTO %s (%s", table,
                              fk_col ? fk_col : "");
      nv += (size_t) snprintf (vals, sizeof vals, "%s", fk_col ? "?1" : "");
      cJSON_ArrayForEach (f, row)
        {
          bool first = fk_col == NULL && i == 2;
          if (!dokus_sync_name_ok (f->string) || n + 80 > sizeof sql || nv + 16 > sizeof vals)
            return SQLITE_MISMATCH;
          n += (size_t) snprintf (sql + n, sizeof sql - n, "%s%s", first ? "" : ", ", f->string);
          nv += (size_t) snprintf (vals + nv, sizeof vals - nv, "%s?%d", first ? "" : ", ", i);
          i++;
        }
      snprintf (sql + n, sizeof sql - n, ") VALUES (%s)", vals);
      rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      if (rc == SQLITE_OK && fk_col != NULL)
        rc = sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      i = 2;
      cJSON_ArrayForEach (f, row)
        if (rc == SQLITE_OK && !dokus_sync_value_bind (stmt, i++, f))
          rc = SQLITE_MISMATCH;
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_OK)
        return rc;
    }
  return SQLITE_OK;
}

/* true if child table @c of row @id holds exactly @rows already */
static bool
children_equal (sqlite3 *db, const DokusSyncEntity *ent, int c, const char *id,
                const cJSON *rows)
{
  char sql[256];
  cJSON *have = NULL;
  bool same;

  snprintf (sql, sizeof sql, "SELECT * FROM %s WHERE %s = ?1 ORDER BY position", ent->child[c],
            ent->child_fk);
  if (dokus_sync_rows_read (db, sql, id, false, ent->child_fk, &have, NULL) != DOKUS_OK)
    return false;
  same = cJSON_Compare (have, rows, true);
  cJSON_Delete (have);
  return same;
}

int
dokus_sync_entity_write (sqlite3 *db, const DokusSyncEntity *ent, const char *id,
                         const cJSON *fields, bool insert)
{
  char sql[4096], vals[1024];
  size_t n = 0, nv = 0;
  const cJSON *f;
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_OK, i = 2, scalars = 0;

  if (insert)
    {
      n += (size_t) snprintf (sql, sizeof sql, "INSERT INTO %s (%s", ent->table, ent->key);
      nv += (size_t) snprintf (vals, sizeof vals, "?1");
    }
  else
    n += (size_t) snprintf (sql, sizeof sql, "UPDATE %s SET ", ent->table);
  cJSON_ArrayForEach (f, fields)
    {
      if (is_child (ent, f->string))
        continue;
      if (!dokus_sync_name_ok (f->string) || n + 80 > sizeof sql || nv + 16 > sizeof vals)
        return SQLITE_MISMATCH;
      if (insert)
        {
          n += (size_t) snprintf (sql + n, sizeof sql - n, ", %s", f->string);
          nv += (size_t) snprintf (vals + nv, sizeof vals - nv, ", ?%d", i++);
        }
      else
        n += (size_t) snprintf (sql + n, sizeof sql - n, "%s%s = ?%d", scalars ? ", " : "",
                                f->string, i++);
      scalars++;
    }
  if (insert)
    snprintf (sql + n, sizeof sql - n, ") VALUES (%s)", vals);
  else
    snprintf (sql + n, sizeof sql - n, " WHERE %s = ?1", ent->key);
  if (insert || scalars > 0)
    {
      rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = ent->int_key ? sqlite3_bind_int64 (stmt, 1, strtoll (id, NULL, 10))
                          : sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      i = 2;
      cJSON_ArrayForEach (f, fields)
        if (rc == SQLITE_OK && !is_child (ent, f->string) && !dokus_sync_value_bind (stmt, i++, f))
          rc = SQLITE_MISMATCH;
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
      sqlite3_finalize (stmt);
    }
  /* child lists: the whole list is one field, replaced */
  for (int c = 0; rc == SQLITE_OK && c < 2 && ent->child[c] != NULL; c++)
    {
      const cJSON *rows = cJSON_GetObjectItemCaseSensitive (fields, ent->child[c]);
      if (rows == NULL || children_equal (db, ent, c, id, rows))
        continue; /* the same list: kept (a purchase's lines cannot be rewritten) */
      snprintf (sql, sizeof sql, "DELETE FROM %s WHERE %s = ?1", ent->child[c], ent->child_fk);
      rc = exec_one (db, sql, id, false);
      if (rc == SQLITE_OK)
        rc = dokus_sync_rows_insert (db, ent->child[c], ent->child_fk, id, rows);
    }
  return rc;
}

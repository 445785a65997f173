/* dokus-sync-blobs.c
 *
 * Files through sync: a purchase's receipts (attachments) and the kept
 * logos of issued documents (profile_logos), as content-addressed,
 * insert-only facts. A file's bytes travel once per book, by SHA-256, cut
 * into "part" ops of DOKUS_SYNC_PART_BYTES, each in its own envelope, so
 * that no envelope passes the relay's ciphertext limit (1 MiB by
 * default, --max-ciphertext). The "attach" op (a receipt's row) and the
 * "logo" op (a kept logo) follow in a later envelope of the same device;
 * they wait until every part is in and the bytes hash to the SHA-256,
 * then write the row and drop the parts (schema/book/0011-sync-blobs.sql).
 *
 * What was sent or received is remembered in sync_field (entities
 * "blob", "attachment", "logo"; field "sent"), so nothing travels twice.
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

#define SHA_HEX (2 * crypto_hash_sha256_BYTES + 1)
/* more parts than a file of DOKUS_ATTACHMENT_MAX_BYTES needs is refused */
#define MAX_PARTS 1024

static bool
sha_ok (const char *sha)
{
  if (sha == NULL || strlen (sha) != SHA_HEX - 1)
    return false;
  for (const char *p = sha; *p; p++)
    if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
      return false;
  return true;
}

/* ---- remembering what travelled ------------------------------------------ */

static bool
known (sqlite3 *db, const char *entity, const char *id)
{
  sqlite3_stmt *stmt = NULL;
  bool yes = false;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sync_field WHERE entity = ?1 AND row_id = ?2"
                              " AND field = 'sent'", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      yes = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return yes;
}

static int
mark_known (sqlite3 *db, const char *entity, const char *id)
{
  char self[DOKUS_SYNC_ID_TEXT] = "";
  sqlite3_stmt *stmt = NULL;
  int rc;

  dokus_sync_self (db, NULL, self);
  rc = sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO sync_field (entity, row_id, field, hlc,"
                               " device_id) VALUES (?1, ?2, 'sent', 0, ?3)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, self, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* ---- capture ----------------------------------------------------------------- */

/* The bytes of @sha from @sql (?1 = @sha), as part envelopes, unless they
 * travelled already. */
static DokusStatus
send_blob (sqlite3 *db, const char *sql, const char *sha, uint64_t hlc, const char *self,
           DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  int rc;

  if (known (db, "blob", sha))
    return DOKUS_OK;
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    {
      const unsigned char *data = sqlite3_column_blob (stmt, 0);
      size_t len = (size_t) sqlite3_column_bytes (stmt, 0);
      size_t parts = len == 0 ? 1 : (len + DOKUS_SYNC_PART_BYTES - 1) / DOKUS_SYNC_PART_BYTES;
      char *hex = malloc (2 * DOKUS_SYNC_PART_BYTES + 3);

      if (hex == NULL)
        st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      for (size_t p = 0; st == DOKUS_OK && p < parts; p++)
        {
          size_t off = p * DOKUS_SYNC_PART_BYTES;
          size_t n = len - off < DOKUS_SYNC_PART_BYTES ? len - off : DOKUS_SYNC_PART_BYTES;
          cJSON *env = cJSON_CreateObject (), *ops = cJSON_AddArrayToObject (env, "ops");
          cJSON *op = cJSON_CreateObject ();

          memcpy (hex, "b:", 2);
          sodium_bin2hex (hex + 2, 2 * n + 1, data + off, n);
          cJSON_AddStringToObject (op, "k", "part");
          cJSON_AddStringToObject (op, "sha256", sha);
          cJSON_AddNumberToObject (op, "part", (double) p);
          cJSON_AddNumberToObject (op, "parts", (double) parts);
          cJSON_AddStringToObject (op, "data", hex);
          if (ops == NULL || !cJSON_AddItemToArray (ops, op))
            {
              cJSON_Delete (op);
              st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
            }
          else
            st = dokus_sync_seal_ops (db, env, hlc, self, err);
          cJSON_Delete (env);
        }
      free (hex);
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (st == DOKUS_OK && rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "reading a file to sync", err);
  if (st == DOKUS_OK && (rc = mark_known (db, "blob", sha)) != SQLITE_OK)
    st = dokus_book_sqlite_error (db, rc, "recording a synced file", err);
  return st;
}

DokusStatus
dokus_sync_receipts_op (sqlite3 *db, const char *expense_id, uint64_t hlc, const char *self,
                        cJSON *ops, DokusError *err)
{
  cJSON *rows = NULL, *row;
  DokusStatus st = dokus_sync_rows_read (db, "SELECT id, owner_kind, owner_id, filename,"
                                             " mime_type, sha256, created_at FROM attachments"
                                             " WHERE owner_kind = 'expense' AND owner_id = ?1"
                                             " ORDER BY rowid",
                                         expense_id, false, NULL, &rows, err);

  cJSON_ArrayForEach (row, rows)
    {
      const char *id = dokus_sync_str_of (row, "id"), *sha = dokus_sync_str_of (row, "sha256");
      cJSON *op;
      int rc;

      if (st != DOKUS_OK)
        break;
      if (id == NULL || sha == NULL || known (db, "attachment", id + 2))
        continue;
      st = send_blob (db, "SELECT content FROM attachments WHERE sha256 = ?1 LIMIT 1", sha + 2,
                      hlc, self, err);
      if (st == DOKUS_OK && (rc = mark_known (db, "attachment", id + 2)) != SQLITE_OK)
        st = dokus_book_sqlite_error (db, rc, "recording a synced receipt", err);
      if (st != DOKUS_OK)
        break;
      op = cJSON_CreateObject ();
      cJSON_AddStringToObject (op, "k", "attach");
      cJSON_AddStringToObject (op, "id", id + 2);
      cJSON_AddItemToObject (op, "row", cJSON_Duplicate (row, true));
      cJSON_AddItemToArray (ops, op);
    }
  cJSON_Delete (rows);
  return st;
}

DokusStatus
dokus_sync_logos_op (sqlite3 *db, uint64_t hlc, const char *self, cJSON *ops, DokusError *err)
{
  cJSON *rows = NULL, *row;
  DokusStatus st = dokus_sync_rows_read (db, "SELECT sha256 FROM profile_logos ORDER BY sha256",
                                         NULL, false, NULL, &rows, err);

  cJSON_ArrayForEach (row, rows)
    {
      const char *sha = dokus_sync_str_of (row, "sha256");
      int rc;

      if (st != DOKUS_OK)
        break;
      if (sha == NULL || known (db, "logo", sha + 2))
        continue;
      st = send_blob (db, "SELECT data FROM profile_logos WHERE sha256 = ?1", sha + 2, hlc, self,
                      err);
      if (st == DOKUS_OK && (rc = mark_known (db, "logo", sha + 2)) != SQLITE_OK)
        st = dokus_book_sqlite_error (db, rc, "recording a synced logo", err);
      if (st == DOKUS_OK)
        {
          cJSON *op = cJSON_CreateObject ();
          cJSON_AddStringToObject (op, "k", "logo");
          cJSON_AddStringToObject (op, "sha256", sha + 2);
          cJSON_AddItemToArray (ops, op);
        }
    }
  cJSON_Delete (rows);
  return st;
}

/* ---- apply ------------------------------------------------------------------ */

int
dokus_sync_part_apply (sqlite3 *db, const cJSON *op, DokusSyncOpResult *res)
{
  const char *sha = dokus_sync_str_of (op, "sha256");
  const cJSON *part = cJSON_GetObjectItemCaseSensitive (op, "part");
  const cJSON *parts = cJSON_GetObjectItemCaseSensitive (op, "parts");
  const cJSON *data = cJSON_GetObjectItemCaseSensitive (op, "data");
  sqlite3_stmt *stmt = NULL;
  int rc;

  *res = DOKUS_SYNC_OP_REFUSED;
  if (!sha_ok (sha) || !cJSON_IsNumber (part) || !cJSON_IsNumber (parts)
      || parts->valueint < 1 || parts->valueint > MAX_PARTS || part->valueint < 0
      || part->valueint >= parts->valueint || !cJSON_IsString (data))
    return SQLITE_OK;
  if (known (db, "blob", sha))
    {
      *res = DOKUS_SYNC_OP_APPLIED; /* the file is here already */
      return SQLITE_OK;
    }
  rc = sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO sync_blob_parts (sha256, part, parts, data)"
                               " VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, part->valueint);
      sqlite3_bind_int (stmt, 3, parts->valueint);
      if (!dokus_sync_value_bind (stmt, 4, data))
        rc = SQLITE_MISMATCH;
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_MISMATCH)
    return SQLITE_OK; /* not hex: refused */
  if (rc == SQLITE_OK)
    *res = DOKUS_SYNC_OP_APPLIED;
  return rc;
}

/* The whole file @sha: from a receipt or kept logo that has it, else from
 * its parts if every one is in and the bytes hash to @sha. SQLITE_ROW
 * with *@out (free()), SQLITE_DONE if not (yet) here. */
static int
blob_find (sqlite3 *db, const char *sha, unsigned char **out, size_t *out_len)
{
  static const char *const have[] = {
    "SELECT content FROM attachments WHERE sha256 = ?1 LIMIT 1",
    "SELECT data FROM profile_logos WHERE sha256 = ?1",
  };
  unsigned char *buf = NULL, hash[crypto_hash_sha256_BYTES];
  char hex[SHA_HEX];
  sqlite3_stmt *stmt = NULL;
  size_t len = 0;
  int rc = SQLITE_DONE, n = 0, parts = 0;

  for (size_t i = 0; rc == SQLITE_DONE && i < 2; i++)
    {
      rc = sqlite3_prepare_v2 (db, have[i], -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
        }
      if (rc == SQLITE_ROW)
        {
          len = (size_t) sqlite3_column_bytes (stmt, 0);
          buf = malloc (len ? len : 1);
          if (buf == NULL)
            rc = SQLITE_NOMEM;
          else
            memcpy (buf, sqlite3_column_blob (stmt, 0), len);
        }
      sqlite3_finalize (stmt);
    }
  if (rc == SQLITE_DONE)
    {
      rc = sqlite3_prepare_v2 (db, "SELECT part, parts, data FROM sync_blob_parts"
                                   " WHERE sha256 = ?1 ORDER BY part", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_STATIC);
      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          size_t n_bytes = (size_t) sqlite3_column_bytes (stmt, 2);
          unsigned char *grown;

          rc = SQLITE_OK;
          if (sqlite3_column_int (stmt, 0) != n)
            break; /* a part is missing */
          parts = sqlite3_column_int (stmt, 1);
          grown = realloc (buf, len + n_bytes + 1);
          if (grown == NULL)
            rc = SQLITE_NOMEM;
          else
            {
              buf = grown;
              memcpy (buf + len, sqlite3_column_blob (stmt, 2), n_bytes);
              len += n_bytes;
              n++;
            }
        }
      sqlite3_finalize (stmt);
      if (rc == SQLITE_OK || rc == SQLITE_DONE)
        {
          rc = SQLITE_DONE;
          if (n > 0 && n == parts)
            {
              crypto_hash_sha256 (hash, buf, len);
              sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
              if (strcmp (hex, sha) == 0)
                rc = SQLITE_ROW;
            }
        }
    }
  if (rc != SQLITE_ROW)
    {
      free (buf);
      return rc;
    }
  *out = buf;
  *out_len = len;
  return SQLITE_ROW;
}

/* after the file @sha found its row: its parts go, and it is known */
static int
blob_done (sqlite3 *db, const char *sha)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "DELETE FROM sync_blob_parts WHERE sha256 = ?1", -1, &stmt,
                               NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK ? mark_known (db, "blob", sha) : rc;
}

static bool
row_exists (sqlite3 *db, const char *sql, const char *id)
{
  sqlite3_stmt *stmt = NULL;
  bool yes = false;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      yes = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return yes;
}

int
dokus_sync_attach_apply (sqlite3 *db, const cJSON *op, DokusSyncOpResult *res)
{
  static const char *const cols[] = { "owner_kind", "owner_id", "filename", "mime_type",
                                      "sha256", "created_at" };
  const char *id = dokus_sync_str_of (op, "id");
  const cJSON *row = cJSON_GetObjectItemCaseSensitive (op, "row");
  const char *owner = dokus_sync_str_of (row, "owner_id"), *kind = dokus_sync_str_of (row, "owner_kind");
  const char *sha = dokus_sync_str_of (row, "sha256");
  unsigned char *data = NULL;
  sqlite3_stmt *stmt = NULL;
  size_t len = 0;
  int rc;

  *res = DOKUS_SYNC_OP_REFUSED;
  if (id == NULL || owner == NULL || kind == NULL || strcmp (kind, "t:expense") != 0
      || sha == NULL || strncmp (sha, "t:", 2) != 0 || !sha_ok (sha + 2)
      || strncmp (owner, "t:", 2) != 0)
    return SQLITE_OK;
  if (row_exists (db, "SELECT 1 FROM attachments WHERE id = ?1", id))
    {
      *res = DOKUS_SYNC_OP_APPLIED; /* insert-only: known */
      return SQLITE_OK;
    }
  *res = DOKUS_SYNC_OP_WAIT; /* until its purchase and its bytes are here */
  if (!row_exists (db, "SELECT 1 FROM expenses WHERE id = ?1", owner + 2))
    return SQLITE_OK;
  rc = blob_find (db, sha + 2, &data, &len);
  if (rc == SQLITE_DONE)
    return SQLITE_OK;
  if (rc != SQLITE_ROW)
    return rc;
  rc = sqlite3_prepare_v2 (db, "INSERT INTO attachments (id, owner_kind, owner_id, filename,"
                               " mime_type, sha256, created_at, content)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  for (int i = 0; rc == SQLITE_OK && i < 6; i++)
    if (!dokus_sync_value_bind (stmt, i + 2, cJSON_GetObjectItemCaseSensitive (row, cols[i])))
      rc = SQLITE_MISMATCH;
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_blob64 (stmt, 8, data, len, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
  sqlite3_finalize (stmt);
  free (data);
  if (rc == SQLITE_MISMATCH || (rc & 0xff) == SQLITE_CONSTRAINT)
    {
      *res = DOKUS_SYNC_OP_REFUSED;
      return SQLITE_OK;
    }
  if (rc == SQLITE_OK)
    rc = blob_done (db, sha + 2);
  if (rc == SQLITE_OK)
    rc = mark_known (db, "attachment", id);
  if (rc == SQLITE_OK)
    *res = DOKUS_SYNC_OP_APPLIED;
  return rc;
}

int
dokus_sync_logo_apply (sqlite3 *db, const cJSON *op, DokusSyncOpResult *res)
{
  const char *sha = dokus_sync_str_of (op, "sha256");
  unsigned char *data = NULL;
  sqlite3_stmt *stmt = NULL;
  size_t len = 0;
  int rc;

  *res = DOKUS_SYNC_OP_REFUSED;
  if (!sha_ok (sha))
    return SQLITE_OK;
  *res = DOKUS_SYNC_OP_APPLIED;
  if (row_exists (db, "SELECT 1 FROM profile_logos WHERE sha256 = ?1", sha))
    return mark_known (db, "logo", sha);
  rc = blob_find (db, sha, &data, &len);
  if (rc == SQLITE_DONE)
    *res = DOKUS_SYNC_OP_WAIT;
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
  rc = sqlite3_prepare_v2 (db, "INSERT INTO profile_logos (sha256, data) VALUES (?1, ?2)", -1,
                           &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_STATIC);
      sqlite3_bind_blob64 (stmt, 2, data, len, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  free (data);
  if (rc == SQLITE_OK)
    rc = blob_done (db, sha);
  if (rc == SQLITE_OK)
    rc = mark_known (db, "logo", sha);
  return rc;
}

/* ---- the profile's current logo ------------------------------------------ */

DokusStatus
dokus_sync_profile_logo_send (sqlite3 *db, uint64_t hlc, const char *self, DokusError *err)
{
  unsigned char hash[crypto_hash_sha256_BYTES];
  char sha[SHA_HEX];
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT logo FROM profile WHERE logo IS NOT NULL LIMIT 1", -1,
                               &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      crypto_hash_sha256 (hash, sqlite3_column_blob (stmt, 0),
                          (unsigned long long) sqlite3_column_bytes (stmt, 0));
      sodium_bin2hex (sha, sizeof sha, hash, sizeof hash);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return DOKUS_OK; /* no logo */
  if (rc != SQLITE_ROW)
    return dokus_book_sqlite_error (db, rc, "reading the logo to sync", err);
  return send_blob (db, "SELECT logo FROM profile WHERE logo IS NOT NULL AND ?1 IS NOT NULL"
                        " LIMIT 1", sha, hlc, self, err);
}

void
dokus_sync_logo_to_ref (cJSON *fields)
{
  cJSON *logo = cJSON_GetObjectItemCaseSensitive (fields, "logo");
  unsigned char hash[crypto_hash_sha256_BYTES], *bytes;
  char ref[2 + SHA_HEX];
  size_t hex, len = 0;

  if (!cJSON_IsString (logo) || strncmp (logo->valuestring, "b:", 2) != 0)
    return;
  hex = strlen (logo->valuestring + 2);
  bytes = malloc (hex / 2 + 1);
  if (bytes != NULL
      && sodium_hex2bin (bytes, hex / 2 + 1, logo->valuestring + 2, hex, NULL, &len, NULL) == 0)
    {
      crypto_hash_sha256 (hash, bytes, len);
      memcpy (ref, "h:", 2);
      sodium_bin2hex (ref + 2, SHA_HEX, hash, sizeof hash);
      cJSON_ReplaceItemInObjectCaseSensitive (fields, "logo", cJSON_CreateString (ref));
    }
  free (bytes);
}

bool
dokus_sync_blob_bind (sqlite3_stmt *stmt, int i, const char *sha)
{
  unsigned char *data = NULL;
  size_t len = 0;
  bool ok;

  if (!sha_ok (sha) || blob_find (sqlite3_db_handle (stmt), sha, &data, &len) != SQLITE_ROW)
    return false; /* not here yet: the write waits */
  ok = sqlite3_bind_blob64 (stmt, i, data, len, SQLITE_TRANSIENT) == SQLITE_OK;
  free (data);
  return ok;
}

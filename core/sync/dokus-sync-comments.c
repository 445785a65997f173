/* dokus-sync-comments.c
 *
 * Comments through sync. A comment travels as an insert-only "comment" op
 * (its whole row, stamped with the writer's HLC), its resolution as a
 * "resolve" op; both in an envelope of kind "comment", the one kind the
 * relay accepts from an accountant. Apply takes a comment only from the
 * device that wrote it and with that member's role; a resolution only
 * from an owner or device (never an accountant), and when two devices
 * resolved one comment before they synced, every replica keeps the
 * earliest resolution by (hlc, device): an insert-only fact with a
 * deterministic winner, so digests converge whatever the order. An
 * accountant's envelope applies only if every op in it is a comment; any
 * other one (a forged "comment" envelope carrying a payment) is refused
 * whole, and the device's stream goes on after it.
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

static const char *const comment_cols[] = { "id", "subject_kind", "subject_id", "author_id",
                                            "author_role", "body", "created_at", "hlc" };
#define N_COMMENT_COLS (sizeof comment_cols / sizeof comment_cols[0])

static void
add_u64 (cJSON *op, const char *key, uint64_t v)
{
  char n[24];
  snprintf (n, sizeof n, "%" PRIu64, v);
  cJSON_AddStringToObject (op, key, n);
}

static uint64_t
u64_of (const cJSON *op, const char *key)
{
  const char *s = dokus_sync_str_of (op, key);
  return s ? strtoull (s, NULL, 10) : 0;
}

/* Appends the ops of comment rows "SELECT <cols>, resolved_at, resolved_by,
 * resolved_hlc FROM comments WHERE ..." (@where, parameter ?1 = @id if not
 * NULL): a "comment" op each (unless @resolutions_only) and a "resolve" op
 * for each resolved one (if @resolutions). */
static DokusStatus
rows_to_ops (sqlite3 *db, const char *where, const char *id, bool comments, bool resolutions,
             cJSON *ops, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  char sql[320];
  int rc;

  snprintf (sql, sizeof sql,
            "SELECT id, subject_kind, subject_id, author_id, author_role, body, created_at, hlc,"
            " resolved_at, resolved_by, resolved_hlc FROM comments %s ORDER BY hlc, id", where);
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK && id != NULL)
    rc = sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *cid = (const char *) sqlite3_column_text (stmt, 0);
      rc = SQLITE_OK;
      if (comments)
        {
          cJSON *op = cJSON_CreateObject ();
          cJSON_AddStringToObject (op, "k", "comment");
          for (size_t i = 0; i < N_COMMENT_COLS - 1; i++)
            cJSON_AddStringToObject (op, comment_cols[i],
                                     (const char *) sqlite3_column_text (stmt, (int) i));
          add_u64 (op, "hlc", (uint64_t) sqlite3_column_int64 (stmt, 7));
          cJSON_AddItemToArray (ops, op);
        }
      if (resolutions && sqlite3_column_type (stmt, 8) != SQLITE_NULL)
        {
          cJSON *op = cJSON_CreateObject ();
          cJSON_AddStringToObject (op, "k", "resolve");
          cJSON_AddStringToObject (op, "id", cid);
          cJSON_AddStringToObject (op, "at", (const char *) sqlite3_column_text (stmt, 8));
          cJSON_AddStringToObject (op, "by", (const char *) sqlite3_column_text (stmt, 9));
          add_u64 (op, "hlc", (uint64_t) sqlite3_column_int64 (stmt, 10));
          cJSON_AddItemToArray (ops, op);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return dokus_book_sqlite_error (db, rc, "reading comments to sync", err);
  return DOKUS_OK;
}

DokusStatus
dokus_sync_comments_op (sqlite3 *db, cJSON *ops, DokusError *err)
{
  return rows_to_ops (db, "", NULL, true, true, ops, err);
}

DokusStatus
dokus_sync_capture_comment (sqlite3 *db, const char *comment_id, bool resolution,
                            DokusError *err)
{
  char self[DOKUS_SYNC_ID_TEXT];
  cJSON *env, *ops;
  uint64_t hlc = 0;
  DokusStatus st;

  if (!dokus_sync_self (db, NULL, self))
    return DOKUS_OK; /* sync is off */
  st = dokus_sync_clock_check (db, resolution ? "resolve comment" : "add comment", err);
  if (st == DOKUS_OK)
    st = dokus_sync_hlc_tick (db, &hlc, err);
  if (st != DOKUS_OK)
    return st;
  /* the row carries the HLC it was written at: stamp it now */
  {
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2 (db, resolution
                                       ? "UPDATE comments SET resolved_hlc = ?2 WHERE id = ?1"
                                       : "UPDATE comments SET hlc = ?2 WHERE id = ?1",
                                 -1, &stmt, NULL);
    if (rc == SQLITE_OK)
      {
        sqlite3_bind_text (stmt, 1, comment_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 2, (int64_t) hlc);
        rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
      }
    sqlite3_finalize (stmt);
    if (rc != SQLITE_OK)
      return dokus_book_sqlite_error (db, rc, "stamping the comment", err);
  }
  env = cJSON_CreateObject ();
  ops = env ? cJSON_AddArrayToObject (env, "ops") : NULL;
  if (ops == NULL)
    {
      cJSON_Delete (env);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  st = rows_to_ops (db, "WHERE id = ?1", comment_id, !resolution, resolution, ops, err);
  if (st == DOKUS_OK && cJSON_GetArraySize (ops) != 1)
    st = dokus_error_set (err, DOKUS_ERR_INTERNAL, "", "comment %s is missing", comment_id);
  if (st == DOKUS_OK)
    st = dokus_sync_seal_ops_kind (db, env, hlc, self, "comment", err);
  cJSON_Delete (env);
  return st;
}

bool
dokus_sync_ops_allowed (sqlite3 *db, const char *device, const cJSON *ops)
{
  const char *role = dokus_sync_member_role_of (db, device);
  const cJSON *op;

  if (role == NULL || strcmp (role, "accountant") != 0)
    return true;
  /* an accountant reads the books and comments on them: nothing else */
  if (!cJSON_IsArray (ops) || cJSON_GetArraySize (ops) == 0)
    return false;
  cJSON_ArrayForEach (op, ops)
    {
      const char *k = dokus_sync_str_of (op, "k");
      if (k == NULL || strcmp (k, "comment") != 0)
        return false;
    }
  return true;
}

int
dokus_sync_comment_apply (sqlite3 *db, const cJSON *op, const char *device, DokusSyncOpResult *res)
{
  const char *role = dokus_sync_member_role_of (db, device);
  const char *vals[N_COMMENT_COLS];
  sqlite3_stmt *stmt = NULL;
  int rc;

  *res = DOKUS_SYNC_OP_REFUSED;
  for (size_t i = 0; i < N_COMMENT_COLS; i++)
    if ((vals[i] = dokus_sync_str_of (op, comment_cols[i])) == NULL)
      return SQLITE_OK;
  /* written by the device that sends it, in its role; a text the book
   * would refuse locally is refused here too */
  if (role == NULL || strcmp (vals[3], device) != 0 || strcmp (vals[4], role) != 0
      || dokus_comment_text_check (vals[5], NULL) != DOKUS_OK)
    return SQLITE_OK;
  rc = sqlite3_prepare_v2 (db, "INSERT INTO comments (id, subject_kind, subject_id, author_id,"
                               " author_role, body, created_at, hlc)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                               " ON CONFLICT (id) DO NOTHING", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      for (int i = 0; i < 7; i++)
        sqlite3_bind_text (stmt, i + 1, vals[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 8, (int64_t) u64_of (op, "hlc"));
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    return SQLITE_OK; /* a malformed row (bad subject kind, id length): refused */
  if (rc == SQLITE_OK)
    *res = DOKUS_SYNC_OP_APPLIED;
  return rc;
}

int
dokus_sync_resolve_apply (sqlite3 *db, const cJSON *op, const char *device, DokusSyncOpResult *res)
{
  const char *role = dokus_sync_member_role_of (db, device);
  const char *id = dokus_sync_str_of (op, "id"), *at = dokus_sync_str_of (op, "at");
  const char *by = dokus_sync_str_of (op, "by");
  uint64_t hlc = u64_of (op, "hlc");
  sqlite3_stmt *stmt = NULL;
  bool known = false;
  int rc;

  *res = DOKUS_SYNC_OP_REFUSED;
  if (id == NULL || at == NULL || by == NULL || role == NULL || strcmp (role, "accountant") == 0
      || strcmp (by, device) != 0)
    return SQLITE_OK;
  rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM comments WHERE id = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      known = rc == SQLITE_ROW;
      rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return rc;
  if (!known)
    {
      *res = DOKUS_SYNC_OP_WAIT; /* its comment has not arrived */
      return SQLITE_OK;
    }
  /* the earliest resolution by (hlc, device) wins everywhere */
  rc = sqlite3_prepare_v2 (db, "UPDATE comments SET resolved_at = ?2, resolved_by = ?3,"
                               " resolved_hlc = ?4 WHERE id = ?1 AND (resolved_hlc IS NULL"
                               " OR resolved_hlc > ?4 OR (resolved_hlc = ?4 AND resolved_by > ?3))",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, at, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, by, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, (int64_t) hlc);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_OK)
    *res = DOKUS_SYNC_OP_APPLIED;
  return rc;
}

/* dokus-comment.c
 *
 * Comments on documents and purchases (dokus-comment.h): add, list, show
 * and resolve. A comment is not an accounting record: no audit entry, no
 * amount, number or state touched; with sync on it travels as its own
 * envelope of kind "comment" (core/sync/dokus-sync-comments.c), written
 * in the comment's transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-id-private.h"
#include "dokus-sync-private.h"
#include "dokus/dokus-comment.h"

/* Length of the UTF-8 sequence starting at @s (1..4), or 0 if it is not
 * one (overlong, surrogate, beyond U+10FFFF, truncated). */
static size_t
utf8_sequence (const unsigned char *s)
{
  unsigned cp;
  size_t n;

  if (s[0] < 0x80)
    return 1;
  if (s[0] >= 0xc2 && s[0] <= 0xdf)
    n = 2, cp = s[0] & 0x1f;
  else if (s[0] >= 0xe0 && s[0] <= 0xef)
    n = 3, cp = s[0] & 0x0f;
  else if (s[0] >= 0xf0 && s[0] <= 0xf4)
    n = 4, cp = s[0] & 0x07;
  else
    return 0;
  for (size_t i = 1; i < n; i++)
    {
      if ((s[i] & 0xc0) != 0x80)
        return 0;
      cp = (cp << 6) | (s[i] & 0x3f);
    }
  if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n == 4 && (cp < 0x10000
                                                                                || cp > 0x10ffff)))
    return 0;
  return n;
}

DokusStatus
dokus_comment_text_check (const char *text, DokusError *err)
{
  const unsigned char *p = (const unsigned char *) text;
  size_t chars = 0;
  bool blank = true;

  if (text == NULL)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "text", "a comment needs a text");
  while (*p != '\0')
    {
      size_t n = utf8_sequence (p);
      if (n == 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, "text",
                                "the comment is not valid UTF-8 (byte %lu)",
                                (unsigned long) (p - (const unsigned char *) text));
      if (n == 1 && (*p < 0x20 || *p == 0x7f) && *p != '\n' && *p != '\t')
        return dokus_error_set (err, DOKUS_ERR_INVALID, "text",
                                "the comment contains a control character (byte %lu)",
                                (unsigned long) (p - (const unsigned char *) text));
      if (!(n == 1 && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')))
        blank = false;
      chars++;
      p += n;
    }
  if (blank)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "text", "the comment is empty");
  if (chars > DOKUS_COMMENT_MAX_CHARS)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "text",
                            "the comment is %lu characters long; at most %d are allowed",
                            (unsigned long) chars, DOKUS_COMMENT_MAX_CHARS);
  return DOKUS_OK;
}

/* The subject named by @ref (a document's number or id, a purchase's id):
 * its kind and id. */
static DokusStatus
find_subject (sqlite3 *db, const char *ref, const char **kind, char id[DOKUS_ID_TEXT],
              DokusError *err)
{
  static const struct { const char *kind; const char *sql; } where[] = {
    { "document", "SELECT id FROM documents WHERE id = ?1 OR number = ?1 ORDER BY number = ?1 DESC" },
    { "expense", "SELECT id FROM expenses WHERE id = ?1" },
  };

  if (ref == NULL || ref[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, "subject",
                            "name a document (number or id) or a purchase (id)");
  for (size_t i = 0; i < sizeof where / sizeof where[0]; i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (db, where[i].sql, -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_bind_text (stmt, 1, ref, -1, SQLITE_STATIC);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          snprintf (id, DOKUS_ID_TEXT, "%s", (const char *) sqlite3_column_text (stmt, 0));
          *kind = where[i].kind;
        }
      sqlite3_finalize (stmt);
      if (rc == SQLITE_ROW)
        return DOKUS_OK;
      if (rc != SQLITE_DONE)
        return dokus_book_sqlite_error (db, rc, "finding the commented document", err);
    }
  return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "subject",
                          "no document or purchase %s in this book", ref);
}

/* this device's id and sync role ("owner" when sync is off) */
static DokusStatus
author_of (DokusBook *book, char device[DOKUS_ID_TEXT], const char **role, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (dokus_sync_self (db, NULL, device))
    {
      *role = dokus_sync_role (book);
      if (*role == NULL)
        *role = "owner";
      return DOKUS_OK;
    }
  *role = "owner";
  rc = sqlite3_prepare_v2 (db, "SELECT device_id FROM local_device WHERE id = 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    snprintf (device, DOKUS_ID_TEXT, "%s", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW)
    return DOKUS_OK;
  if (rc == SQLITE_DONE)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "subject",
                            "this book has no device yet: set up its profile first");
  return dokus_book_sqlite_error (db, rc, "reading this device", err);
}

/* runs @sql with the @n texts @v bound to ?1..?n; the sqlite result code */
static int
exec_texts (sqlite3 *db, const char *sql, const char *const *v, int n)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  for (int i = 0; rc == SQLITE_OK && i < n; i++)
    rc = sqlite3_bind_text (stmt, i + 1, v[i], -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
  sqlite3_finalize (stmt);
  return rc;
}

DokusStatus
dokus_comment_add (DokusBook *book, const char *subject, const char *text,
                   char out_id[DOKUS_ID_TEXT], DokusError *err)
{
  sqlite3 *db;
  char sid[DOKUS_ID_TEXT], device[DOKUS_ID_TEXT], id[DOKUS_UUID_TEXT];
  char now[DOKUS_TIMESTAMP_TEXT];
  const char *kind = NULL, *role = NULL;
  DokusStatus st;
  int rc;

  assert (book != NULL);
  assert (out_id != NULL);
  db = dokus_book_get_db (book);
  out_id[0] = '\0';
  st = dokus_comment_text_check (text, err);
  if (st != DOKUS_OK)
    return st;
  st = dokus_ledger_begin (db, err);
  if (st != DOKUS_OK)
    return st;
  st = find_subject (db, subject, &kind, sid, err);
  if (st == DOKUS_OK)
    st = author_of (book, device, &role, err);
  if (st != DOKUS_OK)
    goto fail;
  dokus_uuid_new (id);
  dokus_timestamp_now (now);
  {
    const char *v[] = { id, kind, sid, device, role, text, now };
    rc = exec_texts (db, "INSERT INTO comments (id, subject_kind, subject_id, author_id,"
                         " author_role, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                     v, 7);
  }
  if (rc != SQLITE_OK)
    {
      st = dokus_book_sqlite_error (db, rc, "writing the comment", err);
      goto fail;
    }
  st = dokus_sync_capture_comment (db, id, false, err);
  if (st != DOKUS_OK)
    goto fail;
  st = dokus_ledger_commit (db, err);
  if (st == DOKUS_OK)
    snprintf (out_id, DOKUS_ID_TEXT, "%s", id);
  return st;
fail:
  dokus_ledger_rollback (db);
  return st;
}

static const char *
column_or_null (sqlite3_stmt *stmt, int i)
{
  return sqlite3_column_type (stmt, i) == SQLITE_NULL ? NULL
                                                      : (const char *) sqlite3_column_text (stmt, i);
}

static void
add_nullable (cJSON *o, const char *key, const char *v)
{
  if (v != NULL)
    cJSON_AddStringToObject (o, key, v);
  else
    cJSON_AddNullToObject (o, key);
}

#define SELECT_COMMENTS                                                                            \
  "SELECT c.id, c.subject_kind, c.subject_id, c.author_id, c.author_role, c.body, c.created_at,"  \
  " c.resolved_at, c.resolved_by,"                                                                \
  " CASE c.subject_kind WHEN 'document' THEN d.type WHEN 'expense' THEN"                          \
  "  (CASE WHEN e.id IS NULL THEN NULL ELSE 'purchase' END) END,"                                 \
  " CASE c.subject_kind WHEN 'document' THEN d.number ELSE e.number END,"                        \
  " (d.id IS NOT NULL OR e.id IS NOT NULL)"                                                       \
  " FROM comments c"                                                                              \
  " LEFT JOIN documents d ON c.subject_kind = 'document' AND d.id = c.subject_id"                 \
  " LEFT JOIN expenses e ON c.subject_kind = 'expense' AND e.id = c.subject_id"

/* one comment row of SELECT_COMMENTS as its JSON object */
static cJSON *
comment_to_json (sqlite3_stmt *stmt)
{
  cJSON *o = cJSON_CreateObject (), *subject, *author;

  if (o == NULL)
    return NULL;
  cJSON_AddStringToObject (o, "id", column_or_null (stmt, 0));
  subject = cJSON_AddObjectToObject (o, "subject");
  cJSON_AddStringToObject (subject, "kind", column_or_null (stmt, 1));
  cJSON_AddStringToObject (subject, "id", column_or_null (stmt, 2));
  add_nullable (subject, "type", column_or_null (stmt, 9));
  add_nullable (subject, "number", column_or_null (stmt, 10));
  cJSON_AddBoolToObject (subject, "present", sqlite3_column_int (stmt, 11) != 0);
  author = cJSON_AddObjectToObject (o, "author");
  cJSON_AddStringToObject (author, "device", column_or_null (stmt, 3));
  cJSON_AddStringToObject (author, "role", column_or_null (stmt, 4));
  cJSON_AddStringToObject (o, "text", column_or_null (stmt, 5));
  cJSON_AddStringToObject (o, "created_at", column_or_null (stmt, 6));
  if (sqlite3_column_type (stmt, 7) == SQLITE_NULL)
    cJSON_AddNullToObject (o, "resolved");
  else
    {
      cJSON *r = cJSON_AddObjectToObject (o, "resolved");
      cJSON_AddStringToObject (r, "at", column_or_null (stmt, 7));
      cJSON_AddStringToObject (r, "by", column_or_null (stmt, 8));
    }
  return o;
}

/* the comments of "SELECT_COMMENTS @where ORDER BY ..." (?1 = @param if
 * not NULL) into the array @arr */
static DokusStatus
query_comments (sqlite3 *db, const char *where, const char *param, cJSON *arr, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  char sql[1024];
  int rc;

  snprintf (sql, sizeof sql, "%s %s ORDER BY c.created_at, c.id", SELECT_COMMENTS, where);
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK && param != NULL)
    rc = sqlite3_bind_text (stmt, 1, param, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      cJSON *o = comment_to_json (stmt);
      rc = o != NULL && cJSON_AddItemToArray (arr, o) ? SQLITE_OK : SQLITE_NOMEM;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return dokus_book_sqlite_error (db, rc, "reading comments", err);
  return DOKUS_OK;
}

static DokusStatus
print_json (cJSON *o, char **out_json, DokusError *err)
{
  *out_json = cJSON_PrintUnformatted (o);
  cJSON_Delete (o);
  return *out_json != NULL ? DOKUS_OK : dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
}

DokusStatus
dokus_comment_list (DokusBook *book, const char *subject, bool open_only, char **out_json,
                    DokusError *err)
{
  sqlite3 *db;
  char sid[DOKUS_ID_TEXT];
  const char *kind = NULL;
  cJSON *o, *arr;
  DokusStatus st = DOKUS_OK;

  assert (book != NULL);
  assert (out_json != NULL);
  db = dokus_book_get_db (book);
  *out_json = NULL;
  if (subject != NULL)
    st = find_subject (db, subject, &kind, sid, err);
  if (st != DOKUS_OK)
    return st;
  o = cJSON_CreateObject ();
  arr = o ? cJSON_AddArrayToObject (o, "comments") : NULL;
  if (arr == NULL)
    {
      cJSON_Delete (o);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  if (subject != NULL)
    st = query_comments (db, open_only ? "WHERE c.subject_id = ?1 AND c.resolved_at IS NULL"
                                       : "WHERE c.subject_id = ?1",
                         sid, arr, err);
  else
    st = query_comments (db, open_only ? "WHERE c.resolved_at IS NULL" : "", NULL, arr, err);
  if (st != DOKUS_OK)
    {
      cJSON_Delete (o);
      return st;
    }
  return print_json (o, out_json, err);
}

/* the comment @id as JSON into *@out (transfer full) */
static DokusStatus
comment_get (sqlite3 *db, const char *id, cJSON **out, DokusError *err)
{
  cJSON *arr = cJSON_CreateArray ();
  DokusStatus st;

  *out = NULL;
  if (arr == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  st = query_comments (db, "WHERE c.id = ?1", id ? id : "", arr, err);
  if (st == DOKUS_OK && cJSON_GetArraySize (arr) == 0)
    st = dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "id", "no comment %s in this book",
                          id ? id : "");
  if (st == DOKUS_OK)
    *out = cJSON_DetachItemFromArray (arr, 0);
  cJSON_Delete (arr);
  return st;
}

DokusStatus
dokus_comment_show (DokusBook *book, const char *id, char **out_json, DokusError *err)
{
  cJSON *o = NULL;
  DokusStatus st;

  assert (book != NULL);
  assert (out_json != NULL);
  *out_json = NULL;
  st = comment_get (dokus_book_get_db (book), id, &o, err);
  return st == DOKUS_OK ? print_json (o, out_json, err) : st;
}

DokusStatus
dokus_comment_resolve (DokusBook *book, const char *id, DokusError *err)
{
  sqlite3 *db;
  char device[DOKUS_ID_TEXT], now[DOKUS_TIMESTAMP_TEXT];
  const char *role = NULL;
  cJSON *c = NULL, *resolved;
  DokusStatus st;
  int rc;

  assert (book != NULL);
  db = dokus_book_get_db (book);
  st = dokus_ledger_begin (db, err);
  if (st != DOKUS_OK)
    return st;
  st = comment_get (db, id, &c, err);
  if (st == DOKUS_OK)
    st = author_of (book, device, &role, err);
  if (st == DOKUS_OK && strcmp (role, "accountant") == 0)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "role",
                          "this device is paired as an accountant's: it comments, and the "
                          "freelancer resolves");
  resolved = c ? cJSON_GetObjectItemCaseSensitive (c, "resolved") : NULL;
  if (st == DOKUS_OK && cJSON_IsObject (resolved))
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "id", "comment %s was resolved on %s by %s", id,
                          cJSON_GetStringValue (cJSON_GetObjectItem (resolved, "at")),
                          cJSON_GetStringValue (cJSON_GetObjectItem (resolved, "by")));
  cJSON_Delete (c);
  if (st != DOKUS_OK)
    goto fail;
  dokus_timestamp_now (now);
  {
    const char *v[] = { id, now, device };
    rc = exec_texts (db, "UPDATE comments SET resolved_at = ?2, resolved_by = ?3,"
                         " resolved_hlc = 0 WHERE id = ?1", v, 3);
  }
  if (rc != SQLITE_OK)
    {
      st = dokus_book_sqlite_error (db, rc, "resolving the comment", err);
      goto fail;
    }
  st = dokus_sync_capture_comment (db, id, true, err);
  if (st != DOKUS_OK)
    goto fail;
  return dokus_ledger_commit (db, err);
fail:
  dokus_ledger_rollback (db);
  return st;
}

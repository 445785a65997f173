/* dokus-draft.c
 *
 * Drafts are freely editable: an invoice draft is replaced by new
 * content, and any draft can be deleted (it has no number, so no gap
 * follows). Issued documents are never edited or deleted: the triggers of
 * schema/book/0002 refuse it whatever the caller does. Each change has its
 * audit entry, in the same transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-audit-private.h"
#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-id-private.h"
#include "dokus-json-input-private.h"
#include "dokus/dokus-ledger.h"

/* Runs @sql with @id bound to ?1. */
static DokusStatus
exec_with_id (sqlite3 *db, const char *sql, const char *id, const char *what, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK ? DOKUS_OK : dokus_book_sqlite_error (db, rc, what, err);
}

/* Removes the draft @id and its lines and adjustments (the caller is in a
 * write transaction and has checked that it is a draft). */
static DokusStatus
remove_draft (sqlite3 *db, const char *id, DokusError *err)
{
  DokusStatus st = exec_with_id (db, "DELETE FROM document_lines WHERE document_id = ?1", id,
                                 "removing the draft's lines", err);
  if (st == DOKUS_OK)
    st = exec_with_id (db, "DELETE FROM document_adjustments WHERE document_id = ?1", id,
                       "removing the draft's allowances and charges", err);
  if (st == DOKUS_OK)
    st = exec_with_id (db, "DELETE FROM documents WHERE id = ?1 AND state = 'draft'", id,
                       "removing the draft", err);
  return st;
}

static DokusStatus
get_created_at (sqlite3 *db, const char *id, char out[DOKUS_TIMESTAMP_TEXT], DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT created_at FROM documents WHERE id = ?1", -1, &stmt,
                               NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          snprintf (out, DOKUS_TIMESTAMP_TEXT, "%s", (const char *) sqlite3_column_text (stmt, 0));
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK ? DOKUS_OK : dokus_book_sqlite_error (db, rc, "reading the draft", err);
}

static DokusStatus
set_created_at (sqlite3 *db, const char *id, const char *created_at, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "UPDATE documents SET created_at = ?2 WHERE id = ?1", -1,
                               &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, created_at, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK ? DOKUS_OK
                         : dokus_book_sqlite_error (db, rc, "keeping the draft's creation time", err);
}

/* Loads the draft @id_or_number into @doc and its JSON into *@before;
 * DOKUS_ERR_REFUSED for an issued document. */
static DokusStatus
load_draft (sqlite3 *db, const char *id_or_number, DokusDoc *doc, char **before, DokusError *err)
{
  char id[DOKUS_ID_TEXT];
  DokusStatus st = dokus_doc_resolve (db, id_or_number, id, err);

  if (st == DOKUS_OK)
    st = dokus_doc_load (db, id, doc, err);
  if (st == DOKUS_OK && strcmp (doc->state, "draft") != 0)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "document",
                          "%s is issued: an issued document is never edited or deleted; "
                          "correct it with a credit note",
                          doc->number);
  if (st == DOKUS_OK)
    st = dokus_document_show_text (db, id, before, err);
  return st;
}

DokusStatus
dokus_invoice_update (DokusBook *book, const char *id, const char *json, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  DokusProfileFacts facts;
  DokusDoc old = { 0 }, doc = { 0 };
  DokusTotals totals;
  cJSON *obj = NULL;
  char *before = NULL, *after = NULL, created_at[DOKUS_TIMESTAMP_TEXT] = "";
  DokusStatus st = dokus_json_parse_object (json, "invoice", &obj, err);

  if (st == DOKUS_OK)
    st = dokus_ledger_begin (db, err);
  if (st != DOKUS_OK)
    goto out;
  st = load_draft (db, id, &old, &before, err);
  if (st == DOKUS_OK && strcmp (old.type, "invoice") != 0)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "document",
                          "a draft credit note is changed by deleting it and crediting the "
                          "invoice again");
  if (st == DOKUS_OK)
    st = dokus_profile_facts (db, &facts, err);
  if (st == DOKUS_OK)
    {
      strcpy (doc.type, "invoice");
      strcpy (doc.state, "draft");
      memcpy (doc.id, old.id, sizeof doc.id);
      st = dokus_invoice_parse (db, obj, facts.franchise, &doc, err);
    }
  if (st == DOKUS_OK)
    st = dokus_doc_compute (&doc, &totals, err);
  /* the row is replaced whole; its creation time stays */
  if (st == DOKUS_OK)
    st = get_created_at (db, doc.id, created_at, err);
  if (st == DOKUS_OK)
    st = remove_draft (db, doc.id, err);
  if (st == DOKUS_OK)
    st = dokus_doc_insert_draft (db, &doc, err);
  if (st == DOKUS_OK)
    st = set_created_at (db, doc.id, created_at, err);
  if (st == DOKUS_OK)
    st = dokus_document_show_text (db, doc.id, &after, err);
  if (st == DOKUS_OK)
    st = dokus_audit_append (db, "update", "invoice", doc.id, before, after, err);
  if (st == DOKUS_OK)
    st = dokus_ledger_commit (db, err);
  else
    dokus_ledger_rollback (db);
out:
  dokus_doc_clear (&old);
  dokus_doc_clear (&doc);
  cJSON_Delete (obj);
  free (before);
  free (after);
  return st;
}

DokusStatus
dokus_document_delete_draft (DokusBook *book, const char *id, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  DokusDoc doc = { 0 };
  char *before = NULL;
  DokusStatus st = dokus_ledger_begin (db, err);

  if (st != DOKUS_OK)
    return st;
  st = load_draft (db, id, &doc, &before, err);
  if (st == DOKUS_OK)
    st = remove_draft (db, doc.id, err);
  if (st == DOKUS_OK)
    st = dokus_audit_append (db, "delete", doc.type, doc.id, before, NULL, err);
  if (st == DOKUS_OK)
    st = dokus_ledger_commit (db, err);
  else
    dokus_ledger_rollback (db);
  dokus_doc_clear (&doc);
  free (before);
  return st;
}

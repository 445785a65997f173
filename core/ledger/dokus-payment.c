/* dokus-payment.c
 *
 * Payments received on invoices and refunds paid on credit notes. They are
 * facts: never changed or deleted (a correction is a new record). The open
 * amount and the status are derived from them each time.
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

DokusStatus
dokus_payment_add (DokusBook *book, const char *document, const char *amount, const char *date,
                   const char *reference, char **out_json, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char doc_id[DOKUS_ID_TEXT], id[DOKUS_ID_TEXT], now[DOKUS_TIMESTAMP_TEXT];
  char date_text[DOKUS_DATE_TEXT], a[DOKUS_MONEY_TEXT], b[DOKUS_MONEY_TEXT];
  DokusDoc doc = { 0 };
  DokusDocBalance bal;
  DokusCents cents = 0;
  DokusDate day;
  cJSON *after = NULL, *result = NULL;
  char *after_text = NULL;
  sqlite3_stmt *stmt = NULL;
  DokusStatus st;
  int rc;

  if (out_json)
    *out_json = NULL;
  if (amount == NULL)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "amount", "amount is required");
  st = dokus_cents_parse (amount, "amount", &cents, err);
  if (st != DOKUS_OK)
    return st;
  if (cents <= 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "amount", "a payment is above 0.00");
  if (date == NULL)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "date", "date is required");
  st = dokus_date_parse (date, "date", &day, err);
  if (st != DOKUS_OK)
    return st;
  if (reference != NULL && strlen (reference) > 200)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "reference", "at most 200 bytes");

  st = dokus_ledger_begin (db, err);
  if (st != DOKUS_OK)
    return st;
  st = dokus_doc_resolve (db, document, doc_id, err);
  if (st == DOKUS_OK)
    st = dokus_doc_load (db, doc_id, &doc, err);
  if (st == DOKUS_OK && strcmp (doc.state, "draft") == 0)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "document",
                          "a draft cannot be paid: issue it first");
  if (st == DOKUS_OK)
    st = dokus_doc_balance (db, &doc, dokus_date_today (), &bal, err);
  if (st == DOKUS_OK && cents > bal.open)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "amount",
                          bal.open == 0 ? "%s has nothing open (%s of %s): nothing to pay"
                          : strcmp (doc.type, "invoice") == 0
                              ? "%s: the payment of %s is more than the open amount %s"
                              : "%s: the refund of %s is more than the amount to refund %s",
                          doc.number, dokus_cents_format (cents, a),
                          dokus_cents_format (bal.open, b));
  if (st != DOKUS_OK)
    goto fail;

  dokus_uuid_new (id);
  dokus_timestamp_now (now);
  dokus_date_format (day, date_text);
  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO payments (id, document_id, amount, date, reference,"
                           " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, doc_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, cents);
      sqlite3_bind_text (stmt, 4, date_text, -1, SQLITE_STATIC);
      if (reference != NULL && reference[0])
        sqlite3_bind_text (stmt, 5, reference, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      st = dokus_book_sqlite_error (db, rc, "saving the payment", err);
      goto fail;
    }
  after = cJSON_CreateObject ();
  cJSON_AddStringToObject (after, "document_id", doc_id);
  cJSON_AddStringToObject (after, "number", doc.number);
  dokus_json_add_cents (after, "amount", cents);
  cJSON_AddStringToObject (after, "date", date_text);
  dokus_json_add_string_or_null (after, "reference", reference);
  after_text = cJSON_PrintUnformatted (after);
  st = dokus_audit_append (db, strcmp (doc.type, "invoice") == 0 ? "payment" : "refund",
                           "payment", id, NULL, after_text, err);
  if (st == DOKUS_OK)
    st = dokus_doc_balance (db, &doc, dokus_date_today (), &bal, err);
  if (st != DOKUS_OK)
    goto fail;
  st = dokus_ledger_commit (db, err);
  if (st == DOKUS_OK && out_json != NULL)
    {
      result = cJSON_CreateObject ();
      cJSON_AddStringToObject (result, "id", id);
      cJSON_AddStringToObject (result, "document", doc.number);
      dokus_json_add_cents (result, "open_amount", bal.open);
      cJSON_AddStringToObject (result, "status", bal.status);
      st = dokus_json_print_take (result, out_json, err);
    }
  goto out;
fail:
  dokus_ledger_rollback (db);
out:
  cJSON_Delete (after);
  free (after_text);
  dokus_doc_clear (&doc);
  return st;
}

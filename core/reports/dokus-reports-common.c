/* dokus-reports-common.c
 *
 * The figures several reports need: sales sums over a date range, the
 * purchases of a range with their deductible cost and recoverable VAT, and
 * the open invoices with their derived balance. Everything is read from
 * the book as stored; nothing here writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-reports-private.h"

DokusStatus
dokus_reports_add (DokusCents *sum, DokusCents add, DokusError *err)
{
  return dokus_cents_add (*sum, add, sum, err);
}

DokusStatus
dokus_reports_read (sqlite3 *db, DokusStatus (*fn) (sqlite3 *db, void *data, DokusError *err),
                    void *data, DokusError *err)
{
  bool own = sqlite3_get_autocommit (db) != 0;
  DokusStatus st;
  int rc;

  if (own && (rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "starting a read", err);
  st = fn (db, data, err);
  /* a read transaction: ending it cannot lose anything */
  if (own)
    sqlite3_exec (db, st == DOKUS_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  return st;
}

DokusStatus
dokus_reports_sales (sqlite3 *db, DokusDate from, DokusDate to, DokusSalesSums *out,
                     DokusError *err)
{
  char f[DOKUS_DATE_TEXT], t[DOKUS_DATE_TEXT];
  sqlite3_stmt *stmt = NULL;
  /* four sums in one read of the covering index documents_vat_period
   * (no GROUP BY: that sorted the range first) */
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT"
                               " coalesce(sum(iif(type = 'invoice', tax_exclusive_amount, 0)), 0),"
                               " coalesce(sum(iif(type = 'invoice', tax_amount, 0)), 0),"
                               " coalesce(sum(iif(type = 'invoice', 0, tax_exclusive_amount)), 0),"
                               " coalesce(sum(iif(type = 'invoice', 0, tax_amount)), 0)"
                               " FROM documents"
                               " WHERE state <> 'draft' AND issue_date BETWEEN ?1 AND ?2",
                               -1, &stmt, NULL);

  memset (out, 0, sizeof *out);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "summing the sales", err);
  sqlite3_bind_text (stmt, 1, dokus_date_format (from, f), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, dokus_date_format (to, t), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->invoiced = sqlite3_column_int64 (stmt, 0);
      out->invoiced_vat = sqlite3_column_int64 (stmt, 1);
      out->credited = sqlite3_column_int64 (stmt, 2);
      out->credited_vat = sqlite3_column_int64 (stmt, 3);
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return dokus_book_sqlite_error (db, rc, "summing the sales", err);
  return DOKUS_OK;
}

bool
dokus_reports_vat_self_assessed (const char *vat_treatment)
{
  /* dokus-expense.h: every treatment but these two has the buyer owe the VAT */
  return vat_treatment != NULL && strcmp (vat_treatment, "domestic") != 0
         && strcmp (vat_treatment, "none") != 0;
}

/* A stored percentage: a decimal from 0 to 100 with at most 2 decimals. */
static DokusStatus
read_percent (sqlite3_stmt *stmt, int col, const char *expense_id, const char *what,
              DokusDecimal *out, DokusError *err)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  if (text == NULL || dokus_decimal_parse (text, 2, what, out, NULL) != DOKUS_OK
      || out->units < 0 || dokus_decimal_cmp (*out, dokus_decimal_from_int (100)) > 0)
    return dokus_error_set (err, DOKUS_ERR_CORRUPT, what,
                            "purchase %s: %s '%s' is not a percentage from 0 to 100", expense_id,
                            what, text ? text : "(null)");
  return DOKUS_OK;
}

DokusStatus
dokus_reports_purchases (sqlite3 *db, DokusDate from, DokusDate to, DokusPurchaseFn fn,
                         void *data, DokusError *err)
{
  return dokus_reports_purchases_upto (db, from, to, INT64_MAX, fn, data, err);
}

DokusStatus
dokus_reports_purchases_upto (sqlite3 *db, DokusDate from, DokusDate to, sqlite3_int64 last,
                              DokusPurchaseFn fn, void *data, DokusError *err)
{
  char f[DOKUS_DATE_TEXT], t[DOKUS_DATE_TEXT];
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT e.id, e.date, e.category, e.kind, e.vat_treatment,"
                               " e.deductible_percent, e.vat_recoverable_percent,"
                               " e.is_credit_note,"
                               /* sums per purchase, not a join grouped by id: that
                                * made SQLite read every purchase in id order */
                               " (SELECT coalesce(sum(l.base), 0) FROM expense_lines_by_date l"
                               "  WHERE l.date = e.date AND l.expense_rowid = e.rowid),"
                               " (SELECT coalesce(sum(l.vat_amount), 0)"
                               "  FROM expense_lines_by_date l"
                               "  WHERE l.date = e.date AND l.expense_rowid = e.rowid)"
                               " FROM expenses e WHERE e.date BETWEEN ?1 AND ?2"
                               " AND e.rowid <= ?3"
                               " ORDER BY e.date, e.created_at, e.id",
                               -1, &stmt, NULL);

  assert (fn != NULL);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the purchases", err);
  sqlite3_bind_text (stmt, 1, dokus_date_format (from, f), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, dokus_date_format (to, t), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, last);
  while (st == DOKUS_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DokusPurchase p = { 0 };
      DokusDecimal deductible, recoverable;

      p.id = (const char *) sqlite3_column_text (stmt, 0);
      p.date = (const char *) sqlite3_column_text (stmt, 1);
      p.category = (const char *) sqlite3_column_text (stmt, 2);
      p.kind = (const char *) sqlite3_column_text (stmt, 3);
      p.vat_treatment = (const char *) sqlite3_column_text (stmt, 4);
      p.credit_note = sqlite3_column_int (stmt, 7) != 0;
      p.base = sqlite3_column_int64 (stmt, 8);
      p.vat = sqlite3_column_int64 (stmt, 9);
      st = read_percent (stmt, 5, p.id, "deductible_percent", &deductible, err);
      if (st == DOKUS_OK)
        st = read_percent (stmt, 6, p.id, "vat_recoverable_percent", &recoverable, err);
      if (st != DOKUS_OK)
        break;
      /* rounded once per purchase, on its positive amounts; a credit note
         then takes the negative of each figure, so that a purchase and its
         full credit note cancel to the cent */
      p.recoverable_vat = dokus_cents_percent (p.vat, recoverable);
      st = dokus_cents_add (p.base, p.vat - p.recoverable_vat, &p.cost, err);
      if (st != DOKUS_OK)
        {
          dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "purchase %s: amounts too large", p.id);
          break;
        }
      p.deductible = dokus_cents_percent (p.cost, deductible);
      if (p.credit_note)
        {
          p.base = -p.base;
          p.vat = -p.vat;
          p.recoverable_vat = -p.recoverable_vat;
          p.cost = -p.cost;
          p.deductible = -p.deductible;
        }
      st = fn (&p, data, err);
    }
  sqlite3_finalize (stmt);
  if (st == DOKUS_OK && rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "reading the purchases", err);
  return st;
}

DokusStatus
dokus_reports_open_invoices (sqlite3 *db, DokusDate today, DokusOpenInvoiceFn fn, void *data,
                             DokusError *err)
{
  DokusDocBalances all = { 0 };
  sqlite3_stmt *stmt = NULL;
  char *rowids = NULL;
  size_t len = 0, cap = 0;
  DokusStatus st;
  int rc = SQLITE_OK;

  assert (fn != NULL);
  /* the balances of the whole book in one pass, then only the open
   * invoices read in full, by rowid */
  st = dokus_doc_balances_all (db, today, true, &all, err);
  for (size_t i = 0; st == DOKUS_OK && i <= all.n; i++)
    {
      char item[32];
      int n;
      if (i < all.n
          && !(all.rows[i].invoice && strcmp (all.rows[i].bal.status, "draft") != 0
               && all.rows[i].bal.open > 0))
        continue;
      n = i < all.n ? snprintf (item, sizeof item, "%s%lld", len ? "," : "[",
                                (long long) all.rows[i].rowid)
                    : snprintf (item, sizeof item, "%s]", len ? "" : "[");
      if (len + (size_t) n + 1 > cap)
        {
          size_t more = cap ? cap * 2 : 4096;
          char *grown = realloc (rowids, more);
          if (grown == NULL)
            {
              st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
              break;
            }
          rowids = grown;
          cap = more;
        }
      memcpy (rowids + len, item, (size_t) n + 1);
      len += (size_t) n;
    }
  if (st == DOKUS_OK)
    rc = sqlite3_prepare_v2 (db,
                             "SELECT d.id, d.number, d.client_id, c.name, d.issue_date, d.due_date,"
                             " d.rowid FROM documents d JOIN clients c ON c.id = d.client_id"
                             " WHERE d.rowid IN (SELECT value FROM json_each(?1))"
                             " ORDER BY d.due_date IS NULL, d.due_date, d.issue_date,"
                             "  d.series_number, d.id",
                             -1, &stmt, NULL);
  if (st == DOKUS_OK && rc != SQLITE_OK)
    st = dokus_book_sqlite_error (db, rc, "reading the open invoices", err);
  if (st == DOKUS_OK)
    sqlite3_bind_text (stmt, 1, rowids, (int) len, SQLITE_STATIC);
  while (st == DOKUS_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const DokusDocBalanceRow *r = dokus_doc_balances_get (&all, sqlite3_column_int64 (stmt, 6));
      DokusOpenInvoice inv = { 0 };
      DokusDate due;

      if (r == NULL)
        continue;
      inv.id = (const char *) sqlite3_column_text (stmt, 0);
      inv.number = (const char *) sqlite3_column_text (stmt, 1);
      inv.client_id = (const char *) sqlite3_column_text (stmt, 2);
      inv.client_name = (const char *) sqlite3_column_text (stmt, 3);
      inv.issue_date = (const char *) sqlite3_column_text (stmt, 4);
      inv.due_date = r->has_due_date ? (const char *) sqlite3_column_text (stmt, 5) : NULL;
      inv.open = r->bal.open;
      inv.overdue = r->bal.overdue;
      if (r->has_due_date && dokus_date_parse (r->due_date, "", &due, NULL) == DOKUS_OK
          && dokus_date_cmp (due, today) < 0)
        inv.days_overdue = dokus_date_days_between (due, today);
      st = fn (&inv, data, err);
    }
  sqlite3_finalize (stmt);
  if (st == DOKUS_OK && rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "reading the open invoices", err);
  free (rowids);
  dokus_doc_balances_clear (&all);
  return st;
}

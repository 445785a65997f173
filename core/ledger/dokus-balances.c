/* dokus-balances.c
 *
 * The derived balance of every document of a book in one pass, for what
 * needs all of them at once (the document list filtered by status, the
 * dashboard, the aged receivables). It applies exactly the rules of
 * dokus_doc_balance() (dokus-document.c), which computes one document with
 * a few queries of its own; 100 000 documents that way take seconds.
 *
 * Here three streams are read, each in the order of the invoice they
 * belong to and each from an index that holds every column needed
 * (schema/book/0003): the documents by id, the payments by document, the
 * credit notes by their invoice and in the order they apply. They are
 * merged in memory: no query per document, no sort. Reading 100 000 index
 * entries costs SQLite some 0.1 µs per column, so the documents are read
 * with as few columns as will do: the type comes from the credit notes
 * (the only documents with a billing reference), the rowid only when the
 * caller needs it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-book-private.h"
#include "dokus-document-private.h"

static const char *
state_name (const char *state)
{
  /* static strings, so that a row's status outlives the statement */
  if (strcmp (state, "draft") == 0)
    return "draft";
  if (strcmp (state, "sent") == 0)
    return "sent";
  return "issued";
}

static int
compare_row_id (const void *key, const void *member)
{
  return strcmp (key, ((const DokusDocBalanceRow *) member)->id);
}

DokusDocBalanceRow *
dokus_doc_balances_find (const DokusDocBalances *b, const char *id)
{
  assert (b != NULL && id != NULL);
  if (b->n == 0)
    return NULL;
  return bsearch (id, b->rows, b->n, sizeof *b->rows, compare_row_id);
}

void
dokus_doc_balances_clear (DokusDocBalances *b)
{
  if (b == NULL)
    return;
  free (b->rows);
  memset (b, 0, sizeof *b);
}

static DokusStatus
add_cents (DokusCents *sum, DokusCents add, const char *id, DokusError *err)
{
  if (__builtin_add_overflow (*sum, add, sum))
    return dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "document %s: amounts too large", id);
  return DOKUS_OK;
}

/* Every document, by id (SQLite's BINARY order, which is strcmp's); each
 * an invoice until read_credit_notes() says otherwise. */
static DokusStatus
read_documents (sqlite3 *db, bool with_rowids, DokusDocBalances *out, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  size_t cap = 0;
  int rc = sqlite3_prepare_v2 (db, "SELECT max(rowid) FROM documents", -1, &stmt, NULL);

  /* as many rows as the largest rowid: rarely more than a few too many */
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sqlite3_int64 max = sqlite3_column_int64 (stmt, 0);
      cap = max > 0 && max < 100000000 ? (size_t) max : 1024;
      out->max_rowid = max;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  out->rows = rc == SQLITE_OK ? malloc (cap * sizeof *out->rows) : NULL;
  if (rc == SQLITE_OK && out->rows == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db,
                             with_rowids ? "SELECT id, state, tax_inclusive_amount, due_date, rowid"
                                           " FROM documents ORDER BY id"
                                         : "SELECT id, state, tax_inclusive_amount, due_date"
                                           " FROM documents ORDER BY id",
                             -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the documents", err);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DokusDocBalanceRow *r;
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      size_t id_len = (size_t) sqlite3_column_bytes (stmt, 0);
      const char *state = (const char *) sqlite3_column_text (stmt, 1);
      const char *due = (const char *) sqlite3_column_text (stmt, 3);
      size_t due_len = (size_t) sqlite3_column_bytes (stmt, 3);

      if (out->n == cap)
        {
          size_t more = cap * 2;
          DokusDocBalanceRow *grown = realloc (out->rows, more * sizeof *grown);
          if (grown == NULL)
            {
              sqlite3_finalize (stmt);
              return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
            }
          out->rows = grown;
          cap = more;
        }
      r = &out->rows[out->n++];
      memset (r, 0, sizeof *r);
      if (id != NULL && id_len < sizeof r->id)
        memcpy (r->id, id, id_len);
      r->invoice = true;
      r->bal.status = state_name (state ? state : "");
      r->bal.total = sqlite3_column_int64 (stmt, 2); /* NULL (a draft's) is 0 */
      /* parsed only where it matters: for what is still open */
      if (due != NULL && due_len < sizeof r->due_date)
        memcpy (r->due_date, due, due_len);
      if (with_rowids)
        r->rowid = sqlite3_column_int64 (stmt, 4);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return dokus_book_sqlite_error (db, rc, "reading the documents", err);
  return DOKUS_OK;
}

/* Σ payments of each document: both lists in document order, merged. */
static DokusStatus
read_payments (sqlite3 *db, DokusDocBalances *b, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  size_t i = 0;
  int rc = sqlite3_prepare_v2 (db, "SELECT document_id, amount FROM payments ORDER BY document_id",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the payments", err);
  while (st == DOKUS_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *doc = (const char *) sqlite3_column_text (stmt, 0);
      int cmp = 1;

      if (doc == NULL)
        continue;
      while (i < b->n && (cmp = strcmp (b->rows[i].id, doc)) < 0)
        i++;
      if (i < b->n && cmp == 0)
        st = add_cents (&b->rows[i].bal.paid, sqlite3_column_int64 (stmt, 1), doc, err);
    }
  sqlite3_finalize (stmt);
  if (st == DOKUS_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    st = dokus_book_sqlite_error (db, rc, "reading the payments", err);
  return st;
}

typedef struct {
  DokusDocBalanceRow *invoice;
  DokusCents          remaining;
} Allocation;

/* The documents with a billing reference (credit notes), invoice by
 * invoice, in the order they apply (credit_allocation() in
 * dokus-document.c): each issued one takes what the payments and the
 * credit notes before it left open; the rest of it is its excess, to
 * refund. */
static DokusStatus
read_credit_notes (sqlite3 *db, DokusDocBalances *b, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  Allocation a = { NULL, 0 };
  char current[DOKUS_ID_TEXT] = "";
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT billing_reference_id, id, tax_inclusive_amount, state, type"
                               " FROM documents WHERE billing_reference_id IS NOT NULL"
                               " ORDER BY billing_reference_id, series_number, issued_at, id",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the credit notes", err);
  while (st == DOKUS_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *invoice_id = (const char *) sqlite3_column_text (stmt, 0);
      const char *credit_id = (const char *) sqlite3_column_text (stmt, 1);
      const char *state = (const char *) sqlite3_column_text (stmt, 3);
      const char *type = (const char *) sqlite3_column_text (stmt, 4);
      DokusCents c = sqlite3_column_int64 (stmt, 2), applied;
      DokusDocBalanceRow *credit = dokus_doc_balances_find (b, credit_id);

      if (credit != NULL)
        credit->invoice = type != NULL && strcmp (type, "invoice") == 0;
      if (state == NULL || strcmp (state, "draft") == 0)
        continue; /* a draft credits nothing */
      if (strcmp (invoice_id, current) != 0)
        {
          snprintf (current, sizeof current, "%s", invoice_id);
          a.invoice = dokus_doc_balances_find (b, invoice_id);
          /* a credit note's invoice is issued and kept (as dokus_doc_balance) */
          if (a.invoice == NULL)
            {
              st = dokus_error_set (err, DOKUS_ERR_CORRUPT, "",
                                    "credit note %s: its invoice %s is missing", credit_id,
                                    invoice_id);
              break;
            }
          a.remaining = a.invoice->bal.total - a.invoice->bal.paid;
        }
      applied = a.remaining > 0 ? (c < a.remaining ? c : a.remaining) : 0;
      a.remaining -= applied;
      st = add_cents (&a.invoice->bal.credited, applied, invoice_id, err);
      if (st == DOKUS_OK)
        st = add_cents (&a.invoice->credited_full, c, invoice_id, err);
      if (credit != NULL)
        credit->excess = c - applied;
    }
  sqlite3_finalize (stmt);
  if (st == DOKUS_OK && rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "reading the credit notes", err);
  return st;
}

/* The rest of dokus_doc_balance(), row by row. */
static void
finish (DokusDocBalanceRow *r, DokusDate today)
{
  DokusDocBalance *bal = &r->bal;
  DokusDate due;

  if (strcmp (bal->status, "draft") == 0)
    {
      bal->total = bal->paid = bal->credited = bal->open = 0;
      return;
    }
  if (r->invoice)
    {
      bal->open = bal->total - bal->paid - bal->credited;
      if (bal->open < 0)
        bal->open = 0;
      if (r->credited_full >= bal->total && r->credited_full > 0)
        bal->status = "credited";
      else if (bal->open == 0)
        bal->status = "paid";
      else if (bal->paid > 0)
        bal->status = "partially_paid";
    }
  else
    {
      bal->credited = bal->total - r->excess; /* what it took off its invoice */
      bal->open = r->excess - bal->paid;
      if (bal->open < 0)
        bal->open = 0;
      if (r->excess > 0 && bal->open == 0)
        bal->status = "paid";
      else if (bal->paid > 0)
        bal->status = "partially_paid";
    }
  r->has_due_date = r->due_date[0] && dokus_date_parse (r->due_date, "", &due, NULL) == DOKUS_OK;
  bal->overdue = bal->open > 0 && r->invoice && r->has_due_date && dokus_date_cmp (due, today) < 0;
}

/* The last pass of an open book (dokus-book-cache.c), with what it was
 * computed from: the connection's change count, PRAGMA data_version (other
 * connections' commits) and the day. */
typedef struct {
  sqlite3_int64    changes, data_version;
  DokusDate        today;
  DokusDocBalances b; /* with rowids */
} Cached;

static void
cached_free (void *p)
{
  Cached *c = p;
  dokus_doc_balances_clear (&c->b);
  free (c);
}

static bool
data_version (sqlite3 *db, sqlite3_int64 *out)
{
  sqlite3_stmt *stmt = NULL;
  bool ok = sqlite3_prepare_v2 (db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK
            && sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return ok;
}

static bool
copy_balances (const DokusDocBalances *from, DokusDocBalances *to)
{
  memset (to, 0, sizeof *to);
  if (from->n > 0)
    {
      to->rows = malloc (from->n * sizeof *to->rows);
      if (to->rows == NULL)
        return false;
      memcpy (to->rows, from->rows, from->n * sizeof *to->rows);
    }
  to->n = from->n;
  to->max_rowid = from->max_rowid;
  return true;
}

static DokusStatus
compute (sqlite3 *db, DokusDate today, bool with_rowids, DokusDocBalances *out, DokusError *err)
{
  DokusStatus st;

  memset (out, 0, sizeof *out);
  st = read_documents (db, with_rowids, out, err);
  if (st == DOKUS_OK)
    st = read_payments (db, out, err);
  if (st == DOKUS_OK)
    st = read_credit_notes (db, out, err);
  if (st != DOKUS_OK)
    {
      dokus_doc_balances_clear (out);
      return st;
    }
  for (size_t i = 0; i < out->n; i++)
    finish (&out->rows[i], today);
  return DOKUS_OK;
}

DokusStatus
dokus_doc_balances_all (sqlite3 *db, DokusDate today, bool with_rowids, DokusDocBalances *out,
                        DokusError *err)
{
  Cached *c = dokus_book_cache_get (db), *fresh;
  sqlite3_int64 version = 0, changes = sqlite3_total_changes64 (db);
  bool versioned = data_version (db, &version);
  DokusStatus st;

  assert (db != NULL && out != NULL);
  /* the same book, unchanged since, the same day: the last pass holds */
  if (c != NULL && versioned && c->changes == changes && c->data_version == version
      && dokus_date_cmp (c->today, today) == 0)
    return copy_balances (&c->b, out) ? DOKUS_OK
                                      : dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  st = compute (db, today, true, out, err);
  (void) with_rowids; /* rowids are always read: the cached pass serves both kinds of caller */
  if (st != DOKUS_OK || !versioned)
    return st;
  fresh = calloc (1, sizeof *fresh);
  if (fresh == NULL || !copy_balances (out, &fresh->b))
    {
      free (fresh);
      return st; /* no cache, still a good answer */
    }
  fresh->changes = changes;
  fresh->data_version = version;
  fresh->today = today;
  if (!dokus_book_cache_set (db, fresh, cached_free))
    cached_free (fresh);
  return st;
}

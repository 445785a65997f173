/* dokus-balances.c
 *
 * The derived balance of every document of a book in one pass, for what
 * needs all of them at once (the document list filtered by status, the
 * dashboard, the aged receivables). It applies exactly the rules of
 * dokus_doc_balance() (dokus-document.c), which computes one document with
 * a few queries of its own; 100 000 documents that way take seconds.
 *
 * Here three streams are read, none of them keyed by the 36-character
 * document id (schema/book/0013): the credit notes with their invoice's
 * rowid (a few, kept in memory first); the documents from
 * settlement_slots and the payments from payment_slots (0015: each
 * document's state, due date and total, each payment's document rowid
 * and amount, in fixed-width text slots, 256 a row), the payments summed
 * into an array by the document's rowid. SQLite costs about 1 000
 * instructions to step a row and 60 to read a column, so stepping one row
 * per 256 documents and reading the slots here took most of a first
 * call's work away. No query per document, no sort, no merge, no string
 * compared per row. The payments are read on a second connection to the
 * book on another thread while the caller's connection reads the
 * documents: payments are append-only, so the payments the caller's
 * transaction sees are exactly those up to its last rowid, whatever the
 * other read's moment (read_payments()). Each document's row is written
 * once, whole, at the end of the rows, and found by rowid through a
 * small index (4 bytes a rowid), so the rows need no id (80 bytes a row:
 * a first call writes all of them into fresh memory, a page fault per
 * 4 KiB). The type comes from the credit notes (the only documents with
 * a billing reference).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-thread-private.h"

/* One pass's rows, shared by the book's cache and the callers that read
 * them (DokusDocBalances.shared): the last to let go frees them. A first
 * call used to copy the rows into the cache, which cost as much as
 * reading a third of the index pages (fresh memory: a page fault per
 * 4 KiB); a later call copied them out again. */
typedef struct {
  atomic_int          refs;
  DokusDocBalanceRow *rows;  /* every document, in rowid order */
  size_t              n;
  uint32_t           *by_rowid; /* 1 + the row of each rowid, 0: none */
  size_t              max_rowid;
} Pass;

static void
pass_unref (Pass *p)
{
  if (p != NULL && atomic_fetch_sub (&p->refs, 1) == 1)
    {
      free (p->rows);
      free (p->by_rowid);
      free (p);
    }
}

/* The position of @rowid's row (from 1), or 0. */
static size_t
position_of (const uint32_t *by_rowid, sqlite3_int64 max_rowid, sqlite3_int64 rowid)
{
  return rowid >= 1 && rowid <= max_rowid ? by_rowid[rowid - 1] : 0;
}

const DokusDocBalanceRow *
dokus_doc_balances_get (const DokusDocBalances *b, sqlite3_int64 rowid)
{
  size_t at;

  assert (b != NULL);
  at = position_of (b->by_rowid, b->max_rowid, rowid);
  return at ? &b->rows[at - 1] : NULL;
}

void
dokus_doc_balances_clear (DokusDocBalances *b)
{
  if (b == NULL)
    return;
  pass_unref (b->shared);
  memset (b, 0, sizeof *b);
}

static DokusDocBalanceRow *
row_of (Pass *p, sqlite3_int64 rowid)
{
  size_t at = position_of (p->by_rowid, (sqlite3_int64) p->max_rowid, rowid);

  return at ? &p->rows[at - 1] : NULL;
}

static DokusStatus
add_cents (DokusCents *sum, DokusCents add, const char *id, DokusError *err)
{
  if (__builtin_add_overflow (*sum, add, sum))
    return dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "document %s: amounts too large", id);
  return DOKUS_OK;
}

/* @text into @out when it fits whole, else "". */
static void
copy_text (char *out, size_t size, const char *text)
{
  const char *end = text != NULL ? memchr (text, '\0', size) : NULL;
  size_t len = end != NULL ? (size_t) (end - text) : 0;

  if (len > 0)
    memcpy (out, text, len);
  out[len] = '\0';
}

/* A document with a billing reference (a credit note), as the credit
 * notes' index gives them: by invoice, in the order they apply. */
typedef struct {
  char          invoice_id[DOKUS_ID_TEXT];
  char          id[DOKUS_ID_TEXT];
  sqlite3_int64 rowid, invoice_rowid; /* invoice_rowid: 0 if the book lacks it */
  DokusCents    amount;
  bool          draft, invoice;
} Credit;

typedef struct {
  Credit *rows;
  size_t  n, cap;
} Credits;

/* The credit notes (1.5 % of the documents) from their index, each with
 * its invoice's rowid from credit_links (schema/book/0013: a few pages;
 * looking the invoices up by id read a page of the id index for most). */
static DokusStatus
read_credit_notes (sqlite3 *db, Credits *c, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT c.billing_reference_id, c.id, c.tax_inclusive_amount,"
                               " c.state, c.type, c.rowid, (SELECT l.invoice_rowid"
                               " FROM credit_links l WHERE l.credit_rowid = c.rowid)"
                               " FROM documents c WHERE c.billing_reference_id IS NOT NULL"
                               " ORDER BY c.billing_reference_id, c.series_number, c.issued_at,"
                               " c.id",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the credit notes", err);
  while (st == DOKUS_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *state = (const char *) sqlite3_column_text (stmt, 3);
      const char *type = (const char *) sqlite3_column_text (stmt, 4);
      Credit *r;

      if (c->n == c->cap)
        {
          size_t more = c->cap ? c->cap * 2 : 256;
          Credit *grown = realloc (c->rows, more * sizeof *grown);
          if (grown == NULL)
            {
              st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
              break;
            }
          c->rows = grown;
          c->cap = more;
        }
      r = &c->rows[c->n++];
      memset (r, 0, sizeof *r);
      copy_text (r->invoice_id, sizeof r->invoice_id, (const char *) sqlite3_column_text (stmt, 0));
      copy_text (r->id, sizeof r->id, (const char *) sqlite3_column_text (stmt, 1));
      r->amount = sqlite3_column_int64 (stmt, 2);
      r->draft = state == NULL || strcmp (state, "draft") == 0; /* a draft credits nothing */
      r->invoice = type != NULL && strcmp (type, "invoice") == 0;
      r->rowid = sqlite3_column_int64 (stmt, 5);
      r->invoice_rowid = sqlite3_column_int64 (stmt, 6); /* NULL: 0 */
    }
  sqlite3_finalize (stmt);
  if (st == DOKUS_OK && rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "reading the credit notes", err);
  return st;
}

/* The slots of schema/book/0015: 256 a row, 17 characters each. */
#define SLOTS_PER_ROW 256
#define SLOT_WIDTH 17

/* @n characters of base 64 at @s ('0' + six bits each, most significant
 * first) as a number of 6 × @n bits; false on another character. */
static inline bool
parse_base64 (const char *s, int n, uint64_t *out)
{
  uint64_t v = 0;
  unsigned bad = 0;

  for (int i = 0; i < n; i++)
    {
      unsigned d = (unsigned char) s[i] - 48u;
      bad |= d;
      v = v << 6 | (d & 63);
    }
  *out = v;
  return bad < 64;
}

/* Row @stmt of settlement_slots or payment_slots: its block and its
 * slots, which must be SLOTS_PER_ROW × SLOT_WIDTH characters. */
static const char *
slots_of (sqlite3_stmt *stmt, sqlite3_int64 *block)
{
  const char *slots = (const char *) sqlite3_column_text (stmt, 1);

  *block = sqlite3_column_int64 (stmt, 0);
  if (slots == NULL || sqlite3_column_bytes (stmt, 1) != SLOTS_PER_ROW * SLOT_WIDTH || *block < 0
      || *block > INT64_MAX / SLOTS_PER_ROW - 1)
    return NULL;
  return slots;
}

/* The payments' half of a pass: Σ payments of each document, by the
 * document's rowid, from payment_slots (schema/book/0015). Read on
 * another thread through the book's side connection while the caller's
 * reads the documents, or by the caller itself. */
typedef struct {
  sqlite3      *db;        /* the side connection, or the caller's */
  bool          side;      /* db is the side connection: a read transaction of its own */
  const DokusBook *book;   /* side, db NULL: open the side connection from it first */
  bool          opened;    /* ... done: the caller adopts db */
  bool          no_side;   /* ... failed: the caller reads the payments itself */
  sqlite3_int64 last;      /* the last payment rowid the caller's transaction sees */
  size_t        max_rowid; /* of the documents */
  DokusCents   *paid;      /* max_rowid + 1 entries, by rowid */
  DokusSideFn   fn;        /* the caller's work beside the pass, or NULL */
  void         *arg;
  DokusStatus   st;
  DokusError    err;
} Payments;

/* Payments are append-only (never changed or deleted, and each new one
 * gets the next rowid), and so are their slots, so "rowid <= last" is
 * exactly what the caller's transaction sees, even from a later read
 * transaction on the side connection: a payment recorded since has a
 * higher rowid. */
static void
read_payments (void *arg)
{
  Payments *j = arg;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* the side connection's first use: opened here, beside the caller's reads */
  if (j->side && j->db == NULL)
    {
      if (dokus_book_side_open (j->book, &j->db, NULL) != DOKUS_OK)
        {
          j->no_side = true;
          return;
        }
      j->opened = true;
    }
  rc = j->side ? sqlite3_exec (j->db, "BEGIN", NULL, NULL, NULL) : SQLITE_OK;

  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (j->db, "SELECT block, slots FROM payment_slots WHERE block <= ?1",
                             -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 1, j->last / SLOTS_PER_ROW);
  while (rc == SQLITE_OK && j->st == DOKUS_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sqlite3_int64 block;
      const char *slots = slots_of (stmt, &block);

      rc = SQLITE_OK;
      if (slots == NULL)
        {
          j->st = dokus_error_set (&j->err, DOKUS_ERR_CORRUPT, "",
                                   "payment_slots: a row of another length (audit verify)");
          break;
        }
      for (int i = 0; i < SLOTS_PER_ROW; i++)
        {
          const char *slot = slots + i * SLOT_WIDTH;
          uint64_t doc, amount;
          DokusCents *sum;

          if (block * SLOTS_PER_ROW + i > j->last)
            break; /* recorded after the caller's transaction began */
          if (!parse_base64 (slot, 6, &doc) || (unsigned char) slot[6] > '0' + 15
              || !parse_base64 (slot + 6, 11, &amount))
            {
              j->st = dokus_error_set (&j->err, DOKUS_ERR_CORRUPT, "",
                                       "payment_slots: payment rowid %lld: an unreadable slot"
                                       " (audit verify)",
                                       (long long) (block * SLOTS_PER_ROW + i));
              break;
            }
          /* 0: no payment has this rowid; a link to no document cannot be
           * (the foreign key, 0015's trigger): skipped here, named by
           * dokus_audit_verify() */
          if (doc < 1 || doc > j->max_rowid)
            continue;
          sum = &j->paid[doc];
          if (__builtin_add_overflow (*sum, (DokusCents) amount, sum))
            {
              j->st = dokus_error_set (&j->err, DOKUS_ERR_CORRUPT, "",
                                       "document rowid %lld: payments too large",
                                       (long long) doc);
              break;
            }
        }
    }
  if (rc == SQLITE_ROW)
    rc = SQLITE_DONE; /* stopped early on an error of its own */
  if (j->st == DOKUS_OK && rc != SQLITE_DONE)
    j->st = dokus_book_sqlite_error (j->db, rc, "reading the payments", &j->err);
  sqlite3_finalize (stmt);
  if (j->st == DOKUS_OK && j->fn != NULL)
    j->st = j->fn (j->db, j->arg, &j->err);
  if (j->side && !sqlite3_get_autocommit (j->db))
    sqlite3_exec (j->db, "COMMIT", NULL, NULL, NULL); /* a read: nothing to keep */
}

/* The highest payment_links rowid the caller's transaction sees (0: none). */
static DokusStatus
last_payment (sqlite3 *db, sqlite3_int64 *out, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT max(payment_rowid) FROM payment_links", -1, &stmt,
                               NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0); /* NULL: 0 */
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the payments", err);
  return DOKUS_OK;
}

/* Every document, from settlement_slots (0015: state, due date and
 * total, 256 documents a row, no id) in rowid order. Each row is written
 * once, whole, at the end of the rows, and is an invoice until the credit
 * notes say otherwise; its payments come later (read_payments(), perhaps
 * on another thread meanwhile). */
static DokusStatus
read_documents (sqlite3 *db, Pass *p, DokusError *err)
{
  sqlite3_stmt *docs = NULL;
  DokusStatus st = DOKUS_OK;
  int rc = sqlite3_prepare_v2 (db, "SELECT block, slots FROM settlement_slots", -1, &docs, NULL);

  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the documents", err);
  while (st == DOKUS_OK && (rc = sqlite3_step (docs)) == SQLITE_ROW)
    {
      sqlite3_int64 block;
      const char *slots = slots_of (docs, &block);

      rc = SQLITE_DONE;
      if (slots == NULL)
        {
          st = dokus_error_set (err, DOKUS_ERR_CORRUPT, "",
                                "settlement_slots: a row of another length (audit verify)");
          break;
        }
      for (int i = 0; i < SLOTS_PER_ROW; i++)
        {
          const char *slot = slots + i * SLOT_WIDTH;
          sqlite3_int64 rowid = block * SLOTS_PER_ROW + i;
          uint64_t total, day;
          DokusDocBalanceRow *r;

          if (slot[0] == '-')
            continue; /* no document has this rowid */
          if (slot[0] < '0' || slot[0] > '2' || !parse_base64 (slot + 1, 5, &day)
              || day > 99991231 || (unsigned char) slot[6] > '0' + 15
              || !parse_base64 (slot + 6, 11, &total))
            {
              st = dokus_error_set (err, DOKUS_ERR_CORRUPT, "",
                                    "settlement_slots: document rowid %lld: an unreadable slot"
                                    " (audit verify)",
                                    (long long) rowid);
              break;
            }
          if (rowid < 1 || (sqlite3_uint64) rowid > p->max_rowid || p->n == p->max_rowid)
            continue; /* beyond max(rowid), read in the same transaction: cannot be */
          r = &p->rows[p->n++];
          memset (r, 0, sizeof *r);
          p->by_rowid[rowid - 1] = (uint32_t) p->n;
          r->rowid = rowid;
          r->invoice = true;
          /* static strings, so that a row's status outlives the statement */
          r->bal.status = slot[0] == '0' ? "draft" : slot[0] == '2' ? "sent" : "issued";
          r->bal.total = (DokusCents) total; /* two's complement */
          r->due_day = (int32_t) day;        /* 0: none */
        }
    }
  if (st == DOKUS_OK && rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "reading the documents", err);
  sqlite3_finalize (docs);
  return st;
}

/* The credit notes, invoice by invoice, in the order they apply
 * (credit_allocation() in dokus-document.c): each issued one takes what
 * the payments and the credit notes before it left open; the rest of it
 * is its excess, to refund. Until finish(), bal.open holds what finish()
 * needs of this: an invoice's Σ issued credit notes, a credit note's
 * excess (each row is one or the other, once the types are set). */
static DokusStatus
apply_credit_notes (Pass *p, const Credits *credits, DokusError *err)
{
  DokusDocBalanceRow *invoice = NULL;
  DokusCents remaining = 0;
  sqlite3_int64 current = 0;

  for (size_t i = 0; i < credits->n; i++)
    {
      DokusDocBalanceRow *credit = row_of (p, credits->rows[i].rowid);
      if (credit != NULL)
        credit->invoice = credits->rows[i].invoice;
    }
  for (size_t i = 0; i < credits->n; i++)
    {
      const Credit *c = &credits->rows[i];
      DokusDocBalanceRow *credit = row_of (p, c->rowid);
      DokusCents applied;
      DokusStatus st;

      if (c->draft)
        continue;
      if (invoice == NULL || c->invoice_rowid != current || c->invoice_rowid == 0)
        {
          current = c->invoice_rowid;
          invoice = row_of (p, current);
          /* a credit note's invoice is issued and kept (as dokus_doc_balance) */
          if (invoice == NULL)
            return dokus_error_set (err, DOKUS_ERR_CORRUPT, "",
                                    "credit note %s: its invoice %s is missing", c->id,
                                    c->invoice_id);
          remaining = invoice->bal.total - invoice->bal.paid;
        }
      applied = remaining > 0 ? (c->amount < remaining ? c->amount : remaining) : 0;
      remaining -= applied;
      st = add_cents (&invoice->bal.credited, applied, c->invoice_id, err);
      if (st == DOKUS_OK && invoice->invoice)
        st = add_cents (&invoice->bal.open, c->amount, c->invoice_id, err); /* Σ credit notes */
      if (st != DOKUS_OK)
        return st;
      if (credit != NULL && !credit->invoice)
        credit->bal.open = c->amount - applied; /* its excess */
    }
  return DOKUS_OK;
}

/* The rest of dokus_doc_balance(), row by row. */
static void
finish (DokusDocBalanceRow *r, DokusDate today)
{
  DokusDocBalance *bal = &r->bal;
  DokusCents carried = bal->open; /* see apply_credit_notes() */
  DokusDate due;

  if (bal->status[0] == 'd') /* read_documents()'s "draft" ("sent", "issued" else) */
    {
      bal->total = bal->paid = bal->credited = bal->open = 0;
      return;
    }
  if (r->invoice)
    {
      DokusCents credited_full = carried;
      bal->open = bal->total - bal->paid - bal->credited;
      if (bal->open < 0)
        bal->open = 0;
      if (credited_full >= bal->total && credited_full > 0)
        bal->status = "credited";
      else if (bal->open == 0)
        bal->status = "paid";
      else if (bal->paid > 0)
        bal->status = "partially_paid";
    }
  else
    {
      DokusCents excess = carried;
      bal->credited = bal->total - excess; /* what it took off its invoice */
      bal->open = excess - bal->paid;
      if (bal->open < 0)
        bal->open = 0;
      if (excess > 0 && bal->open == 0)
        bal->status = "paid";
      else if (bal->paid > 0)
        bal->status = "partially_paid";
    }
  /* the date is written and parsed where it decides something: an open
   * invoice */
  if (bal->open <= 0 || !r->invoice || r->due_day <= 0)
    return;
  snprintf (r->due_date, sizeof r->due_date, "%04d-%02d-%02d", r->due_day / 10000 % 10000,
            r->due_day / 100 % 100, r->due_day % 100);
  r->has_due_date = dokus_date_parse (r->due_date, "", &due, NULL) == DOKUS_OK;
  bal->overdue = r->has_due_date && dokus_date_cmp (due, today) < 0;
}

/* The last pass of an open book (dokus-book-cache.c), with what it was
 * computed from: the connection's change count, PRAGMA data_version (other
 * connections' commits) and the day. */
typedef struct {
  sqlite3_int64 changes, data_version;
  DokusDate     today;
  Pass         *pass; /* one of its references */
} Cached;

static void
cached_free (void *p)
{
  Cached *c = p;
  pass_unref (c->pass);
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

/* Room for as many rows as the largest rowid: rarely more than a few too
 * many. */
static DokusStatus
allocate_rows (sqlite3 *db, Pass *p, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT max(rowid) FROM documents", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sqlite3_int64 max = sqlite3_column_int64 (stmt, 0);
      if (max < 0 || max >= UINT32_MAX || (sqlite3_uint64) max > SIZE_MAX / sizeof *p->rows)
        rc = SQLITE_CORRUPT;
      else
        {
          p->max_rowid = (size_t) max;
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the documents", err);
  /* at most one row a rowid; a rowid no document has stays 0 */
  p->rows = malloc ((p->max_rowid ? p->max_rowid : 1) * sizeof *p->rows);
  p->by_rowid = calloc (p->max_rowid ? p->max_rowid : 1, sizeof *p->by_rowid);
  if (p->rows == NULL || p->by_rowid == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  return DOKUS_OK;
}

/* A new pass, with one reference for the caller; @fn (@arg) beside it. */
static DokusStatus
compute (sqlite3 *db, DokusDate today, DokusSideFn fn, void *arg, Pass **out, DokusError *err)
{
  Pass *p = calloc (1, sizeof *p);
  Credits credits = { 0 };
  Payments pay = { .fn = fn, .arg = arg };
  DokusThread *thread = NULL;
  bool threaded = false;
  DokusStatus st;

  *out = NULL;
  if (p == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  atomic_init (&p->refs, 1);
  st = allocate_rows (db, p, err);
  if (st == DOKUS_OK)
    st = last_payment (db, &pay.last, err);
  if (st == DOKUS_OK)
    {
      pay.max_rowid = p->max_rowid;
      pay.paid = calloc (p->max_rowid + 1, sizeof *pay.paid);
      if (pay.paid == NULL)
        st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  /* the payments on the side connection, on another core, while this one
   * reads the documents; not when this transaction has written (the side
   * connection would not see that), nor without a side connection or a
   * thread: then here, after the documents */
  if (st == DOKUS_OK && sqlite3_txn_state (db, "main") != SQLITE_TXN_WRITE
      && dokus_book_side_lookup (db, &pay.db, &pay.book, NULL) == DOKUS_OK)
    {
      pay.side = true;
      threaded = dokus_thread_start (&thread, read_payments, &pay);
    }
  if (st == DOKUS_OK)
    st = read_credit_notes (db, &credits, err);
  if (st == DOKUS_OK)
    st = read_documents (db, p, err);
  if (threaded)
    {
      dokus_thread_join (thread);
      if (pay.opened)
        dokus_book_side_adopt (db, pay.db); /* kept for the next pass (closed if it cannot be) */
    }
  if ((!threaded || pay.no_side) && st == DOKUS_OK)
    {
      pay.db = db;
      pay.side = false;
      read_payments (&pay);
    }
  if (st == DOKUS_OK && pay.st != DOKUS_OK)
    {
      st = pay.st;
      if (err != NULL)
        *err = pay.err;
    }
  for (size_t i = 0; st == DOKUS_OK && i < p->n; i++)
    p->rows[i].bal.paid = pay.paid[p->rows[i].rowid];
  if (st == DOKUS_OK)
    st = apply_credit_notes (p, &credits, err);
  free (pay.paid);
  free (credits.rows);
  if (st != DOKUS_OK)
    {
      pass_unref (p);
      return st;
    }
  for (size_t i = 0; i < p->n; i++)
    finish (&p->rows[i], today);
  *out = p;
  return DOKUS_OK;
}

static void
lend (Pass *p, DokusDocBalances *out)
{
  atomic_fetch_add (&p->refs, 1);
  out->rows = p->rows;
  out->n = p->n;
  out->by_rowid = p->by_rowid;
  out->max_rowid = (sqlite3_int64) p->max_rowid;
  out->shared = p;
}

DokusStatus
dokus_doc_balances_all (sqlite3 *db, DokusDate today, bool with_rowids, DokusDocBalances *out,
                        DokusError *err)
{
  (void) with_rowids; /* rowids are always read: the cached pass serves both kinds of caller */
  return dokus_doc_balances_all_with (db, today, NULL, NULL, out, err);
}

DokusStatus
dokus_doc_balances_all_with (sqlite3 *db, DokusDate today, DokusSideFn fn, void *arg,
                             DokusDocBalances *out, DokusError *err)
{
  Cached *c = dokus_book_cache_get (db), *fresh;
  sqlite3_int64 version = 0, changes = sqlite3_total_changes64 (db);
  bool versioned = data_version (db, &version);
  Pass *p = NULL;
  DokusStatus st;

  assert (db != NULL && out != NULL);
  memset (out, 0, sizeof *out);
  /* the same book, unchanged since, the same day: the last pass holds */
  if (c != NULL && versioned && c->changes == changes && c->data_version == version
      && dokus_date_cmp (c->today, today) == 0)
    {
      st = fn != NULL ? fn (db, arg, err) : DOKUS_OK;
      if (st == DOKUS_OK)
        lend (c->pass, out);
      return st;
    }
  st = compute (db, today, fn, arg, &p, err);
  if (st != DOKUS_OK)
    return st;
  lend (p, out);
  /* not what a writing transaction sees: it may still roll back, which
   * the change count would not show */
  fresh = versioned && sqlite3_txn_state (db, "main") != SQLITE_TXN_WRITE
            ? calloc (1, sizeof *fresh)
            : NULL;
  if (fresh == NULL)
    {
      pass_unref (p); /* no cache, still a good answer */
      return DOKUS_OK;
    }
  fresh->changes = changes;
  fresh->data_version = version;
  fresh->today = today;
  fresh->pass = p; /* compute()'s reference */
  if (!dokus_book_cache_set (db, fresh, cached_free))
    cached_free (fresh);
  return DOKUS_OK;
}

/* dokus-document-query.c
 *
 * The document list (dokus_document_query, dokus_document_list): a page
 * of the sales documents, filtered, searched and sorted, with how many
 * match in all.
 *
 * Filters on stored columns (dates, client) and the order are SQL over the
 * indexes of schema/book/0003, so that SQLite reads one index in the
 * list's order and stops after the page. The derived status and the words
 * of a search are not columns: they become a set of document rowids first
 * (dokus-balances.c: every balance in one pass, as dokus_doc_balance()
 * derives it; dokus-search.c), which the same SQL tests per row. Only the
 * rows of the page are then read in full; their balances come from that
 * pass, or for a short page without a status from dokus_doc_balance()
 * itself.
 *
 * Why not the balance in SQL, per row, so that a status filter could stop
 * after the page like the others? It can (correlated sums on the payment
 * and credit-note indexes), but the total count and rare statuses still
 * need every document, and per row that measured 1 to 1.5 µs against
 * 0.4 µs for the merged pass: 100-150 ms against 40 for 100 000 invoices
 * (bench/README.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-json-input-private.h"
#include "dokus-search-private.h"

/* pages longer than this take their balances from one pass over the book
 * rather than from a few queries per row */
#define ROWS_PER_ROW_BALANCE 200

static const char *const statuses[]
  = { "draft", "issued", "sent", "partially_paid", "paid", "credited", "overdue", NULL };

/* Each order, ascending; '#' is where DESC goes for descending. Each is
 * the order of an index (0003) with the rowid last, so that ties keep a
 * fixed order and SQLite need not sort. */
static const struct {
  const char *name, *order;
  bool        by_client; /* the order needs the client (c) */
} sorts[] = {
  { "issue_date", "coalesce(d.issue_date, '~')#, d.series_number#, d.created_at#, d.rowid#",
    false },
  { "number", "d.number#, d.rowid#", false },
  { "client", "c.name COLLATE NOCASE#, c.rowid#, coalesce(d.issue_date, '~')#,"
              " d.series_number#, d.created_at#, d.rowid#",
    true },
  { "total", "d.tax_inclusive_amount#, d.rowid#", false },
  { "due_date", "d.due_date#, d.rowid#", false },
};

typedef struct {
  const DokusDocumentQuery *q;
  const char               *order;
  bool                      by_client;
  DokusDate                 today;
  DokusSearchWords          words;
  cJSON                    *root;
} Query;

static DokusStatus
check_query (Query *qu, DokusError *err)
{
  const DokusDocumentQuery *q = qu->q;
  DokusDate d;
  bool known = q->status == NULL;
  DokusStatus st;

  for (size_t i = 0; q->status && statuses[i]; i++)
    known = known || strcmp (q->status, statuses[i]) == 0;
  if (!known)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "status",
                            "status is draft, issued, sent, partially_paid, paid, credited or "
                            "overdue, not '%s'",
                            q->status);
  st = q->from ? dokus_date_parse (q->from, "from", &d, err) : DOKUS_OK;
  if (st == DOKUS_OK && q->to != NULL)
    st = dokus_date_parse (q->to, "to", &d, err);
  if (st != DOKUS_OK)
    return st;
  qu->order = q->sort == NULL ? sorts[0].order : NULL;
  for (size_t i = 0; q->sort && i < sizeof sorts / sizeof sorts[0]; i++)
    if (strcmp (q->sort, sorts[i].name) == 0)
      {
        qu->order = sorts[i].order;
        qu->by_client = sorts[i].by_client;
      }
  if (qu->order == NULL)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "sort",
                            "sort by issue_date, number, client, total or due_date, not '%s'",
                            q->sort);
  if (q->limit < 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "limit", "the limit cannot be negative");
  if (q->offset < 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "offset", "the offset cannot be negative");
  return dokus_search_words_parse (q->search, &qu->words, err);
}

/* Asked of every document: the first letter settles most rows. */
static bool
status_matches (const char *status, bool overdue, const DokusDocBalance *bal)
{
  if (overdue)
    return bal->overdue;
  return status[0] == bal->status[0] && strcmp (status, bal->status) == 0;
}

/* The documents a status or a search leaves, as SQL tests them: a large
 * set as bytes tested per row (the list's index is read in order and the
 * first rows found end it), a small one as a list of rowids SQLite looks
 * up one by one and then sorts. */
typedef struct {
  const DokusRowSet *set;   /* NULL: no set */
  sqlite3_int64      count; /* its members */
  char              *list;  /* a small set as a JSON array, else NULL */
} SetFilter;

#define SMALL_SET 256

static DokusStatus
set_filter_init (SetFilter *f, const DokusRowSet *set, DokusError *err)
{
  size_t len = 0;

  memset (f, 0, sizeof *f);
  f->set = set;
  if (set == NULL)
    return DOKUS_OK;
  f->count = dokus_rowset_count (set);
  if (f->count > SMALL_SET)
    return DOKUS_OK;
  f->list = malloc ((size_t) f->count * 21 + 3);
  if (f->list == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  f->list[len++] = '[';
  for (sqlite3_int64 r = 1; r <= set->size; r++)
    if (dokus_rowset_has (set, r))
      len += (size_t) sprintf (f->list + len, "%s%lld", len > 1 ? "," : "", (long long) r);
  f->list[len++] = ']';
  f->list[len] = '\0';
  return DOKUS_OK;
}

/* The WHERE clause: stored columns, then the set (parameter ?4). The
 * dates are compared through the expression the date index holds. */
static void
build_where (const DokusDocumentQuery *q, const SetFilter *f, char *out, size_t size)
{
  snprintf (out, size, "%s%s%s%s%s", "1",
            q->from || q->to ? " AND coalesce(d.issue_date, '~') < '~'" : "",
            q->from ? " AND coalesce(d.issue_date, '~') >= ?1" : "",
            q->to ? " AND coalesce(d.issue_date, '~') <= ?2" : "",
            q->client_id ? " AND d.client_id = ?3" : "");
  if (f->set != NULL)
    snprintf (out + strlen (out), size - strlen (out), " AND %s",
              f->list ? "d.rowid IN (SELECT value FROM json_each(?4))"
                      : DOKUS_ROWSET_SQL ("d.rowid", "?4"));
}

static void
build_order (const char *order, bool descending, char *out, size_t size)
{
  size_t o = 0;

  for (const char *p = order; *p && o + 6 < size; p++)
    if (*p == '#')
      o += (size_t) snprintf (out + o, size - o, "%s", descending ? " DESC" : "");
    else
      out[o++] = *p;
  out[o] = '\0';
}

static void
bind_filters (sqlite3_stmt *stmt, const DokusDocumentQuery *q, const SetFilter *f)
{
  if (q->from)
    sqlite3_bind_text (stmt, 1, q->from, -1, SQLITE_STATIC);
  if (q->to)
    sqlite3_bind_text (stmt, 2, q->to, -1, SQLITE_STATIC);
  if (q->client_id)
    sqlite3_bind_text (stmt, 3, q->client_id, -1, SQLITE_STATIC);
  if (f->list != NULL)
    sqlite3_bind_text (stmt, 4, f->list, -1, SQLITE_STATIC);
  else if (f->set != NULL)
    sqlite3_bind_blob64 (stmt, 4, f->set->bytes, (sqlite3_uint64) f->set->size, SQLITE_STATIC);
}

static DokusStatus
count_matches (sqlite3 *db, const DokusDocumentQuery *q, const SetFilter *f, sqlite3_int64 *out,
               DokusError *err)
{
  char where[512], *sql;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (f->set != NULL && !q->from && !q->to && !q->client_id)
    {
      *out = f->count;
      return DOKUS_OK;
    }
  build_where (q, f, where, sizeof where);
  sql = sqlite3_mprintf ("SELECT count(*) FROM documents d WHERE %s", where);
  rc = sql ? sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) : SQLITE_NOMEM;
  sqlite3_free (sql);
  if (rc == SQLITE_OK)
    {
      bind_filters (stmt, q, f);
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "counting the documents", err);
  return DOKUS_OK;
}

/* A draft's total is computed, not stored. */
static DokusCents
draft_total (sqlite3 *db, const char *id)
{
  DokusDoc full;
  DokusTotals t;
  DokusCents total = 0;

  if (dokus_doc_load (db, id, &full, NULL) == DOKUS_OK)
    {
      if (dokus_doc_compute (&full, &t, NULL) == DOKUS_OK)
        total = t.tax_inclusive_amount;
      dokus_doc_clear (&full);
    }
  return total;
}

/* One row of the page, with its balance: from @all when given, else from
 * dokus_doc_balance(). */
static DokusStatus
add_row (sqlite3 *db, sqlite3_stmt *stmt, sqlite3_int64 rowid, DokusDate today,
         const DokusDocBalances *all, cJSON *list, DokusError *err)
{
  DokusDoc doc = { 0 };
  DokusDocBalance bal;
  DokusCents total = sqlite3_column_int64 (stmt, 9);
  const char *due = (const char *) sqlite3_column_text (stmt, 5);
  cJSON *v, *client;

  snprintf (doc.id, sizeof doc.id, "%s", sqlite3_column_text (stmt, 0));
  snprintf (doc.type, sizeof doc.type, "%s", sqlite3_column_text (stmt, 1));
  snprintf (doc.state, sizeof doc.state, "%s", sqlite3_column_text (stmt, 2));
  if (sqlite3_column_text (stmt, 6))
    snprintf (doc.billing_reference_id, sizeof doc.billing_reference_id, "%s",
              sqlite3_column_text (stmt, 6));
  doc.has_due_date = due && dokus_date_parse (due, "", &doc.due_date, NULL) == DOKUS_OK;
  if (all != NULL)
    {
      const DokusDocBalanceRow *r = dokus_doc_balances_get (all, rowid);
      if (r == NULL) /* read in the same transaction: cannot be missing */
        return dokus_error_set (err, DOKUS_ERR_INTERNAL, "", "document %s has no balance",
                                doc.id);
      bal = r->bal;
    }
  else
    {
      DokusStatus st = dokus_doc_balance (db, &doc, today, &bal, err);
      if (st != DOKUS_OK)
        return st;
    }
  if (strcmp (doc.state, "draft") == 0)
    {
      total = draft_total (db, doc.id);
      bal.open = total;
    }
  v = cJSON_CreateObject ();
  if (v == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  cJSON_AddStringToObject (v, "id", doc.id);
  cJSON_AddStringToObject (v, "type", doc.type);
  dokus_json_add_string_or_null (v, "number", (const char *) sqlite3_column_text (stmt, 3));
  cJSON_AddStringToObject (v, "status", bal.status);
  cJSON_AddBoolToObject (v, "overdue", bal.overdue);
  dokus_json_add_string_or_null (v, "issue_date", (const char *) sqlite3_column_text (stmt, 4));
  dokus_json_add_string_or_null (v, "due_date", due);
  client = cJSON_AddObjectToObject (v, "client");
  dokus_json_add_string_or_null (client, "id", (const char *) sqlite3_column_text (stmt, 7));
  dokus_json_add_string_or_null (client, "name", (const char *) sqlite3_column_text (stmt, 8));
  dokus_json_add_cents (v, "tax_inclusive_amount", total);
  dokus_json_add_cents (v, "open_amount", bal.open);
  cJSON_AddItemToArray (list, v);
  return DOKUS_OK;
}

/* The page: first the rowids of its rows, from the indexes alone (an
 * offset skips index entries, not documents), then each row in full. */
static DokusStatus
read_page (sqlite3 *db, Query *qu, const SetFilter *f, const DokusDocBalances *all, cJSON *list,
           DokusError *err)
{
  const DokusDocumentQuery *q = qu->q;
  char where[512], order[512], *sql;
  sqlite3_stmt *stmt = NULL, *row = NULL;
  sqlite3_int64 *rowids = NULL;
  size_t n = 0, cap = 0;
  DokusStatus st = DOKUS_OK;
  int rc;

  build_where (q, f, where, sizeof where);
  build_order (qu->order, q->descending, order, sizeof order);
  /* by client: the clients in name order outside, their documents by the
   * client index inside, so that nothing is sorted (SQLite would rather
   * read every document and sort) */
  sql = sqlite3_mprintf ("SELECT d.rowid FROM %s WHERE %s ORDER BY %s LIMIT ?5 OFFSET ?6",
                         qu->by_client
                           ? "clients c CROSS JOIN documents d ON d.client_id = c.id"
                           : "documents d",
                         where, order);
  rc = sql ? sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) : SQLITE_NOMEM;
  sqlite3_free (sql);
  if (rc == SQLITE_OK)
    {
      bind_filters (stmt, q, f);
      sqlite3_bind_int64 (stmt, 5, q->limit > 0 ? q->limit : -1);
      sqlite3_bind_int64 (stmt, 6, q->offset);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (n == cap)
            {
              size_t more = cap ? cap * 2 : 64;
              sqlite3_int64 *grown = realloc (rowids, more * sizeof *grown);
              if (grown == NULL)
                {
                  rc = SQLITE_NOMEM;
                  break;
                }
              rowids = grown;
              cap = more;
            }
          rowids[n++] = sqlite3_column_int64 (stmt, 0);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "listing the documents", err);
  if (st == DOKUS_OK)
    {
      rc = sqlite3_prepare_v2 (db,
                               "SELECT d.id, d.type, d.state, d.number, d.issue_date, d.due_date,"
                               " d.billing_reference_id, d.client_id, c.name,"
                               " d.tax_inclusive_amount"
                               " FROM documents d JOIN clients c ON c.id = d.client_id"
                               " WHERE d.rowid = ?1",
                               -1, &row, NULL);
      if (rc != SQLITE_OK)
        st = dokus_book_sqlite_error (db, rc, "listing the documents", err);
    }
  for (size_t i = 0; st == DOKUS_OK && i < n; i++)
    {
      sqlite3_bind_int64 (row, 1, rowids[i]);
      rc = sqlite3_step (row);
      if (rc == SQLITE_ROW)
        st = add_row (db, row, rowids[i], qu->today, all, list, err);
      else
        st = dokus_book_sqlite_error (db, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc,
                                      "listing the documents", err);
      sqlite3_reset (row);
    }
  sqlite3_finalize (row);
  free (rowids);
  return st;
}

static DokusStatus
run_query (sqlite3 *db, Query *qu, DokusError *err)
{
  const DokusDocumentQuery *q = qu->q;
  DokusDocBalances all = { 0 };
  DokusRowSet set = { 0 };
  SetFilter filter = { 0 };
  bool with_set = q->status != NULL || qu->words.n > 0, with_all = q->status != NULL;
  bool overdue = q->status != NULL && strcmp (q->status, "overdue") == 0;
  sqlite3_int64 total = 0, rows;
  cJSON *list;
  DokusStatus st = DOKUS_OK;

  if (with_set)
    {
      sqlite3_int64 max_rowid = 0;
      st = dokus_search_max_document_rowid (db, &max_rowid, err);
      if (st == DOKUS_OK)
        st = dokus_rowset_init (&set, max_rowid, err);
      if (st == DOKUS_OK && qu->words.n > 0)
        st = dokus_search_documents (db, &qu->words, &set, err);
      if (st == DOKUS_OK && q->status != NULL)
        st = dokus_doc_balances_all (db, qu->today, true, &all, err);
      for (size_t i = 0; st == DOKUS_OK && q->status != NULL && i < all.n; i++)
        {
          const DokusDocBalanceRow *r = &all.rows[i];
          bool in = status_matches (q->status, overdue, &r->bal)
                    && (qu->words.n == 0 || dokus_rowset_has (&set, r->rowid));
          if (r->rowid >= 1 && r->rowid <= set.size)
            set.bytes[r->rowid - 1] = in;
        }
    }
  if (st == DOKUS_OK)
    st = set_filter_init (&filter, with_set ? &set : NULL, err);
  if (st == DOKUS_OK)
    st = count_matches (db, q, &filter, &total, err);
  /* a long page: one pass over the book beats a few queries per row */
  rows = total > q->offset ? total - q->offset : 0;
  if (q->limit > 0 && rows > q->limit)
    rows = q->limit;
  if (st == DOKUS_OK && !with_all && rows > ROWS_PER_ROW_BALANCE)
    {
      st = dokus_doc_balances_all (db, qu->today, false, &all, err);
      with_all = true;
    }
  cJSON_AddNumberToObject (qu->root, "total", (double) total);
  list = cJSON_AddArrayToObject (qu->root, "invoices");
  if (list == NULL && st == DOKUS_OK)
    st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  if (st == DOKUS_OK && rows > 0)
    st = read_page (db, qu, &filter, with_all ? &all : NULL, list, err);
  free (filter.list);
  dokus_doc_balances_clear (&all);
  dokus_rowset_clear (&set);
  return st;
}

/* The query as a cJSON object: *@out (transfer full). */
static DokusStatus
query_json (DokusBook *book, const DokusDocumentQuery *q, cJSON **out, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  Query qu = { .q = q, .today = dokus_date_today () };
  bool own = sqlite3_get_autocommit (db) != 0;
  DokusStatus st = check_query (&qu, err);
  int rc;

  *out = NULL;
  if (st == DOKUS_OK)
    {
      qu.root = cJSON_CreateObject ();
      if (qu.root == NULL)
        st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  /* one read transaction: the count, the sets and the page see one moment */
  if (st == DOKUS_OK && own && (rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
    st = dokus_book_sqlite_error (db, rc, "starting a read", err);
  else if (st == DOKUS_OK)
    {
      st = run_query (db, &qu, err);
      if (own)
        sqlite3_exec (db, st == DOKUS_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
    }
  dokus_search_words_clear (&qu.words);
  if (st != DOKUS_OK)
    {
      cJSON_Delete (qu.root);
      return st;
    }
  *out = qu.root;
  return DOKUS_OK;
}

DokusStatus
dokus_document_query (DokusBook *book, const DokusDocumentQuery *query, char **out_json,
                      DokusError *err)
{
  cJSON *root = NULL;
  DokusStatus st;

  assert (book != NULL && query != NULL && out_json != NULL);
  *out_json = NULL;
  st = query_json (book, query, &root, err);
  if (st != DOKUS_OK)
    return st;
  return dokus_json_print_take (root, out_json, err);
}

DokusStatus
dokus_document_list (DokusBook *book, const char *status, const char *from, const char *to,
                     char **out_json, DokusError *err)
{
  DokusDocumentQuery q
    = { .status = status, .from = from, .to = to, .sort = "issue_date", .descending = true };
  cJSON *root = NULL;
  DokusStatus st;

  assert (book != NULL && out_json != NULL);
  *out_json = NULL;
  st = query_json (book, &q, &root, err);
  if (st != DOKUS_OK)
    return st;
  cJSON_DeleteItemFromObjectCaseSensitive (root, "total");
  return dokus_json_print_take (root, out_json, err);
}

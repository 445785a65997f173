/* check-ledger-query.c
 *
 * Suite "ledger-query": the document list of dokus_document_query (paged,
 * sorted, filtered by status, period and client, searched) and
 * dokus_client_search. The derived status, open amount and overdue flag of
 * every document in the list must be those dokus_document_show gives, on a
 * book with payments, partial and whole credit notes, credit notes after
 * payment, refunds, drafts and overdue invoices; search text must never be
 * read as FTS5 syntax; migration 0003 indexes what a book already holds.
 * JSON input is written with ' for " (see js()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-test-helpers.h"

static char *dir;
static DokusBook *book;
static sqlite3 *db;

static char lumiere[DOKUS_ID_TEXT]; /* Société Lumière SRL, Liège */
static char lefevre[DOKUS_ID_TEXT]; /* Bureau Lefèvre SRL, Namur */
static char peeters[DOKUS_ID_TEXT]; /* Jan Peeters, a person, Leuven */
static char kanaal[DOKUS_ID_TEXT];  /* Kanaalkade Media BV, Amsterdam */
static char oude[DOKUS_ID_TEXT];    /* Oude Klant BVBA, archived after its invoice */

static const char *const statuses[]
  = { "draft", "issued", "sent", "partially_paid", "paid", "credited", "overdue" };

/* 1 × 100.00 at 21 %: 121.00 */
#define LINE_121(desc) \
  "{'description': '" desc "', 'quantity': '1', 'unit_price': '100.00', 'vat_rate': '21'}"
/* 1 × 50.00 at 6 %: 53.00 */
#define LINE_53(desc) \
  "{'description': '" desc "', 'quantity': '1', 'unit_price': '50.00', 'vat_rate': '6'}"

static void
open_book (void)
{
  char *path = dokus_test_path (dir, "book.dokus");
  DokusError err = { 0 };
  DokusStatus st = dokus_book_open (path, "pw", &book, &err);
  ck_assert_msg (st == DOKUS_OK, "open: %s", err.message);
  db = dokus_book_get_db (book);
  free (path);
}

static void
setup (void)
{
  dir = dokus_test_tmpdir_new ();
  setenv ("DOKUS_TODAY", "2026-06-15", 1);
  {
    char *path = dokus_test_path (dir, "book.dokus");
    book = dokus_test_book_create (path, "pw", NULL);
    free (path);
  }
  db = dokus_book_get_db (book);
  dokus_test_set_profile (
    book, dokus_test_js (
            "{'name': 'Studio Maes', 'enterprise_number': '0203.201.340', 'address': {'street': "
            "'Veldstraat 1', 'postal_code': '9000', 'city': 'Gent', 'country': 'BE'}}"));
  dokus_test_add_client (
    book,
    dokus_test_js ("{'name': 'Société Lumière SRL', 'vat_number': 'BE0417497106', 'email': "
                   "'compta@lumiere.be', 'address': {'city': 'Liège', 'country': 'BE'}}"),
    lumiere);
  dokus_test_add_client (
    book,
    dokus_test_js ("{'name': 'Bureau Lefèvre SRL', 'vat_number': 'BE0123456749', 'email': "
                   "'info@lefevre.be', 'address': {'city': 'Namur', 'country': 'BE'}}"),
    lefevre);
  dokus_test_add_client (
    book, dokus_test_js ("{'name': 'Jan Peeters', 'address': {'city': 'Leuven', 'country': 'BE'}}"),
    peeters);
  dokus_test_add_client (
    book,
    dokus_test_js ("{'name': 'Kanaalkade Media BV', 'vat_number': 'NL004495445B01', 'address': "
                   "{'city': 'Amsterdam', 'country': 'NL'}}"),
    kanaal);
  dokus_test_add_client (
    book,
    dokus_test_js ("{'name': 'Oude Klant BVBA', 'address': {'city': 'Gent', 'country': 'BE'}}"),
    oude);
}

static void
teardown (void)
{
  dokus_test_book_free (&book, NULL, &dir);
  db = NULL;
}

/* Issues @id; returns its number (valid for the next 15 calls). */
static const char *
issue_ok (const char *id)
{
  static char numbers[16][DOKUS_NUMBER_TEXT];
  static unsigned next;
  char *number = numbers[next++ % 16];
  DokusIssueResult res;
  DokusError err = { 0 };
  DokusStatus st = dokus_document_issue (book, id, &res, &err);

  ck_assert_msg (st == DOKUS_OK, "issue: %s (%s)", err.message, err.field);
  memcpy (number, res.number, DOKUS_NUMBER_TEXT);
  return number;
}

static const char *
invoice (const char *client, const char *date, const char *lines, const char *extra)
{
  return issue_ok (dokus_test_create_invoice (book, client, date, lines, extra));
}

static const char *
credit (const char *invoice_number, const char *json)
{
  static char ids[16][DOKUS_ID_TEXT];
  static unsigned next;
  char *id = ids[next++ % 16];
  DokusError err = { 0 };
  DokusStatus st = dokus_invoice_credit (book, invoice_number, json, id, &err);

  ck_assert_msg (st == DOKUS_OK, "credit: %s (%s)", err.message, err.field);
  return id;
}

static void
pay (const char *document, const char *amount, const char *date)
{
  DokusError err = { 0 };
  DokusStatus st = dokus_payment_add (book, document, amount, date, NULL, NULL, &err);
  ck_assert_msg (st == DOKUS_OK, "payment on %s: %s (%s)", document, err.message, err.field);
}

/* The varied book: 10 invoices (2025 and 2026), 5 credit notes, 3 drafts,
 * as of 2026-06-15 (30 days' terms). The derived state of each is written
 * next to it; the test compares it with dokus_document_show anyway. */
static void
build_book (void)
{
  DokusError err = { 0 };
  const char *cn;

  /* 2025-0001 paid in full */
  pay (invoice (lumiere, "2025-11-03", LINE_121 ("Consultancy november"), NULL), "121.00",
       "2025-11-20");
  /* 2025-0002: 2 × 500.00 at 21 % = 1210.00, unpaid, due 2025-12-31: overdue */
  invoice (lefevre, "2025-12-01",
           "{'description': 'Website design and build', 'quantity': '2', 'unit_price': "
           "'500.00', 'vat_rate': '21'}",
           NULL);
  /* 2026-0001: 50.00 of 121.00 paid, due 2026-02-09: partially paid, overdue */
  pay (invoice (peeters, "2026-01-10", LINE_121 ("Photo shoot"), NULL), "50.00", "2026-02-01");
  /* 2026-0002 credited whole (CN-2026-0001): credited, nothing open */
  invoice (kanaal, "2026-02-01", LINE_121 ("Hosting februari"), NULL);
  issue_ok (credit ("2026-0002", dokus_test_js ("{'issue_date': '2026-02-05'}")));
  /* 2026-0003: 121.00 + 53.00 = 174.00 with references; 121.00 credited
   * (CN-2026-0002) before any payment, then the 53.00 left paid: paid */
  invoice (lumiere, "2026-03-01",
           LINE_121 ("Brand workshop") "," LINE_53 ("Printed brochures"),
           ", 'buyer_reference': 'PO-7781', 'order_reference': 'ORD-15', 'note': "
           "'Spring campaign'");
  issue_ok (credit ("2026-0003", dokus_test_js ("{'issue_date': '2026-03-05', 'lines': [" LINE_121 (
                                   "Brand workshop") "]}")));
  pay ("2026-0003", "53.00", "2026-03-20");
  /* 2026-0004 paid in full, then credited whole (CN-2026-0003): the credit
   * note is owed back (issued, open 121.00); 21.00 of it refunded:
   * partially paid, open 100.00; the invoice credited */
  pay (invoice (lefevre, "2026-04-01", LINE_121 ("Logo redesign"), NULL), "121.00",
       "2026-04-10");
  issue_ok (credit ("2026-0004", dokus_test_js ("{'issue_date': '2026-04-12'}")));
  pay ("CN-2026-0003", "21.00", "2026-04-20");
  /* 2026-0005: 2 × 121.00 = 242.00, 100.00 paid; CN-2026-0004 (121.00)
   * takes 121.00 of the 142.00 open, CN-2026-0005 (121.00) the 21.00 left,
   * 100.00 of it to refund: invoice credited, CN-2026-0005 issued, open */
  pay (invoice (peeters, "2026-04-15",
                "{'description': 'Photo prints', 'quantity': '2', 'unit_price': '100.00', "
                "'vat_rate': '21'}",
                NULL),
       "100.00", "2026-04-30");
  issue_ok (
    credit ("2026-0005", dokus_test_js ("{'issue_date': '2026-04-20', 'lines': [{'description': "
                                        "'Photo prints', 'quantity': '1', 'unit_price': '100.00', "
                                        "'vat_rate': '21'}]}")));
  issue_ok (
    credit ("2026-0005", dokus_test_js ("{'issue_date': '2026-05-02', 'lines': [{'description': "
                                        "'Photo prints', 'quantity': '1', 'unit_price': '100.00', "
                                        "'vat_rate': '21'}]}")));
  /* 2026-0006 due 2026-06-19: issued, not yet overdue */
  invoice (kanaal, "2026-05-20", LINE_121 ("Hosting mei"), NULL);
  /* 2026-0007: sent (the only change an issued document allows) */
  invoice (lumiere, "2026-06-01", LINE_121 ("Consultancy juni"), NULL);
  dokus_test_exec (db, "UPDATE documents SET state = 'sent' WHERE number = '2026-0007'");
  /* 2026-0008 paid; its client archived afterwards */
  pay (invoice (oude, "2026-06-10", LINE_121 ("Archive scanning"), NULL), "121.00",
       "2026-06-12");
  ck_assert_int_eq (dokus_client_archive (book, oude, &err), DOKUS_OK);
  /* drafts: dated, undated (121.00 + 53.00 = 174.00), and a credit note */
  dokus_test_create_invoice (book, lefevre, "2026-06-20", LINE_121 ("Draft with a date"), NULL);
  dokus_test_create_invoice (book, peeters, NULL,
                             LINE_121 ("Undated draft") "," LINE_53 ("Undated extra"), NULL);
  cn = credit ("2026-0006", dokus_test_js ("{'issue_date': '2026-06-16'}"));
  ck_assert_ptr_nonnull (cn);
}

static cJSON *
parse_take (char *json)
{
  cJSON *o = cJSON_Parse (json);
  ck_assert_msg (o != NULL, "not JSON: %s", json);
  free (json);
  return o;
}

static cJSON *
query (const DokusDocumentQuery *q)
{
  DokusError err = { 0 };
  char *json = NULL;
  DokusStatus st = dokus_document_query (book, q, &json, &err);

  ck_assert_msg (st == DOKUS_OK, "query: %s (%s)", err.message, err.field);
  return parse_take (json);
}

static const char *
str (const cJSON *o, const char *key)
{
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (o, key);
  ck_assert_msg (m != NULL, "no member %s", key);
  return cJSON_IsString (m) ? m->valuestring : cJSON_IsNull (m) ? "null" : "?";
}

static bool
flag (const cJSON *o, const char *key)
{
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (o, key);
  ck_assert_msg (cJSON_IsBool (m), "%s is not a bool", key);
  return cJSON_IsTrue (m);
}

static long long
total_of (const cJSON *o)
{
  const cJSON *t = cJSON_GetObjectItemCaseSensitive (o, "total");
  ck_assert_msg (cJSON_IsNumber (t), "no total");
  return (long long) t->valuedouble;
}

static const cJSON *
rows_of (const cJSON *o)
{
  const cJSON *a = cJSON_GetObjectItemCaseSensitive (o, "invoices");
  ck_assert_msg (cJSON_IsArray (a), "no invoices array");
  return a;
}

static const cJSON *
row_with_id (const cJSON *result, const char *id)
{
  const cJSON *r;
  cJSON_ArrayForEach (r, rows_of (result))
    if (strcmp (str (r, "id"), id) == 0)
      return r;
  return NULL;
}

/* The ids of a result, in order, joined by spaces (free() it). */
static char *
ids_of (const cJSON *result)
{
  size_t n = 0;
  char *out = malloc ((size_t) cJSON_GetArraySize (rows_of (result)) * DOKUS_ID_TEXT + 1);
  const cJSON *r;

  out[0] = '\0';
  cJSON_ArrayForEach (r, rows_of (result))
    n += (size_t) sprintf (out + n, "%s%s", n ? " " : "", str (r, "id"));
  return out;
}

/* Every document id, as the book holds them: *@ids (free() it). */
static int
all_ids (char (**ids)[DOKUS_ID_TEXT])
{
  sqlite3_stmt *stmt = NULL;
  int n = 0, max = (int) dokus_test_query_int (db, "SELECT count(*) FROM documents");

  *ids = calloc ((size_t) max + 1, sizeof **ids);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "SELECT id FROM documents ORDER BY rowid", -1, &stmt,
                                        NULL),
                    SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW && n < max)
    snprintf ((*ids)[n++], DOKUS_ID_TEXT, "%s", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return n;
}

static cJSON *
show (const char *id)
{
  DokusError err = { 0 };
  char *json = NULL;
  DokusStatus st = dokus_document_show (book, id, &json, &err);
  ck_assert_msg (st == DOKUS_OK, "show %s: %s", id, err.message);
  return parse_take (json);
}

/* The row's status, open amount and overdue flag are the document's. */
static void
expect_row_as_shown (const cJSON *row, const cJSON *shown, const char *how)
{
  ck_assert_msg (strcmp (str (row, "status"), str (shown, "status")) == 0,
                 "%s: %s %s: status %s, shown %s", how, str (shown, "number"), str (row, "id"),
                 str (row, "status"), str (shown, "status"));
  ck_assert_msg (strcmp (str (row, "open_amount"), str (shown, "open_amount")) == 0,
                 "%s: %s %s: open %s, shown %s", how, str (shown, "number"), str (row, "id"),
                 str (row, "open_amount"), str (shown, "open_amount"));
  ck_assert_msg (flag (row, "overdue") == flag (shown, "overdue"), "%s: %s: overdue differs",
                 how, str (shown, "number"));
  ck_assert_str_eq (str (row, "tax_inclusive_amount"),
                    str (cJSON_GetObjectItem (shown, "totals"), "tax_inclusive_amount"));
}

static bool
shown_has_status (const cJSON *shown, const char *status)
{
  return strcmp (status, "overdue") == 0 ? flag (shown, "overdue")
                                         : strcmp (str (shown, "status"), status) == 0;
}

/* For every document: the unfiltered list (a few queries per row) and
 * every status filter (one pass over the book) agree with show. */
static void
expect_every_document_as_shown (void)
{
  char (*ids)[DOKUS_ID_TEXT] = NULL;
  int n = all_ids (&ids);
  cJSON *everything = query (&(DokusDocumentQuery){ 0 });
  cJSON *by_status[7];

  ck_assert_int_eq (total_of (everything), n);
  ck_assert_int_eq (cJSON_GetArraySize (rows_of (everything)), n);
  for (size_t s = 0; s < 7; s++)
    by_status[s] = query (&(DokusDocumentQuery){ .status = statuses[s] });
  for (int i = 0; i < n; i++)
    {
      cJSON *shown = show (ids[i]);
      const cJSON *row = row_with_id (everything, ids[i]);
      ck_assert_msg (row != NULL, "%s is not listed", ids[i]);
      expect_row_as_shown (row, shown, "unfiltered");
      for (size_t s = 0; s < 7; s++)
        {
          const cJSON *in = row_with_id (by_status[s], ids[i]);
          ck_assert_msg ((in != NULL) == shown_has_status (shown, statuses[s]),
                         "%s %s: %s listed under %s", str (shown, "number"), ids[i],
                         in ? "" : "not", statuses[s]);
          if (in != NULL)
            expect_row_as_shown (in, shown, statuses[s]);
        }
      cJSON_Delete (shown);
    }
  for (size_t s = 0; s < 7; s++)
    {
      ck_assert_int_eq (total_of (by_status[s]), cJSON_GetArraySize (rows_of (by_status[s])));
      cJSON_Delete (by_status[s]);
    }
  cJSON_Delete (everything);
  free (ids);
}

START_TEST (test_query_status_and_balance_as_shown)
{
  cJSON *o;

  build_book ();
  expect_every_document_as_shown ();
  /* the cases the book was built for, written out (see build_book) */
  o = query (&(DokusDocumentQuery){ .status = "overdue" });
  ck_assert_int_eq (total_of (o), 2); /* 2025-0002, 2026-0001 */
  cJSON_Delete (o);
  o = query (&(DokusDocumentQuery){ .status = "credited" });
  ck_assert_int_eq (total_of (o), 3); /* 2026-0002, 2026-0004, 2026-0005 */
  cJSON_Delete (o);
  o = query (&(DokusDocumentQuery){ .status = "partially_paid" });
  ck_assert_int_eq (total_of (o), 2); /* 2026-0001, CN-2026-0003 */
  cJSON_Delete (o);
  o = query (&(DokusDocumentQuery){ .status = "draft" });
  ck_assert_int_eq (total_of (o), 3);
  cJSON_Delete (o);
  o = query (&(DokusDocumentQuery){ .status = "paid" });
  ck_assert_int_eq (total_of (o), 3); /* 2025-0001, 2026-0003, 2026-0008 */
  cJSON_Delete (o);
  /* 2025-0002 (overdue, still issued), 2026-0006, and the credit notes
   * that took nothing to refund: CN-2026-0001, -0002, -0004 and -0005
   * (100.00 to refund, none paid yet) */
  o = query (&(DokusDocumentQuery){ .status = "issued" });
  ck_assert_int_eq (total_of (o), 6);
  cJSON_Delete (o);
  o = query (&(DokusDocumentQuery){ .status = "sent" });
  ck_assert_int_eq (total_of (o), 1);
  ck_assert_str_eq (str (cJSON_GetArrayItem (rows_of (o), 0), "number"), "2026-0007");
  cJSON_Delete (o);
  /* the undated draft's amounts are its total as it would be issued:
   * 121.00 + 53.00 */
  o = query (&(DokusDocumentQuery){ .status = "draft", .sort = "issue_date", .descending = true,
                                    .limit = 1 });
  ck_assert_str_eq (str (cJSON_GetArrayItem (rows_of (o), 0), "issue_date"), "null");
  ck_assert_str_eq (str (cJSON_GetArrayItem (rows_of (o), 0), "tax_inclusive_amount"), "174.00");
  ck_assert_str_eq (str (cJSON_GetArrayItem (rows_of (o), 0), "open_amount"), "174.00");
  cJSON_Delete (o);
}
END_TEST

START_TEST (test_query_status_follows_changes_of_either_connection)
{
  DokusError err = { 0 };
  DokusBook *other;
  char *path = dokus_test_path (dir, "book.dokus");
  const char *number = invoice (lumiere, "2026-06-01", LINE_121 ("cache"), NULL);
  cJSON *o;

  /* the balance pass is cached per book: each query below must see what
   * was done since, by this book handle or by another one on the file */
  o = query (&(DokusDocumentQuery){ .status = "paid" });
  ck_assert_int_eq (total_of (o), 0);
  cJSON_Delete (o);
  pay (number, "121.00", "2026-06-02");
  o = query (&(DokusDocumentQuery){ .status = "paid" });
  ck_assert_int_eq (total_of (o), 1);
  cJSON_Delete (o);

  ck_assert (dokus_book_open (path, "pw", &other, &err) == DOKUS_OK);
  free (path);
  number = invoice (lumiere, "2026-06-03", LINE_121 ("cache"), NULL);
  o = query (&(DokusDocumentQuery){ .status = "issued" });
  ck_assert_int_eq (total_of (o), 1);
  cJSON_Delete (o);
  /* the other handle pays it: this one's cached pass is stale now */
  ck_assert_msg (dokus_payment_add (other, number, "121.00", "2026-06-04", NULL, NULL, &err)
                   == DOKUS_OK,
                 "%s", err.message);
  dokus_book_close (other);
  o = query (&(DokusDocumentQuery){ .status = "issued" });
  ck_assert_int_eq (total_of (o), 0);
  cJSON_Delete (o);
  o = query (&(DokusDocumentQuery){ .status = "paid" });
  ck_assert_int_eq (total_of (o), 2);
  cJSON_Delete (o);
  /* and another day: 30 days' terms from 2026-06-03 */
  number = invoice (lumiere, "2026-06-05", LINE_121 ("cache"), NULL);
  o = query (&(DokusDocumentQuery){ .status = "overdue" });
  ck_assert_int_eq (total_of (o), 0);
  cJSON_Delete (o);
  setenv ("DOKUS_TODAY", "2026-07-06", 1);
  o = query (&(DokusDocumentQuery){ .status = "overdue" });
  ck_assert_int_eq (total_of (o), 1);
  cJSON_Delete (o);
}
END_TEST

START_TEST (test_query_status_around_a_deleted_draft)
{
  /* the balance pass keeps its rows by rowid: a deleted draft leaves a
   * rowid no document has, which no status, count or sum may see */
  DokusError err = { 0 };
  const char *paid, *late, *draft, *kept;
  char *json = NULL;
  cJSON *o;

  paid = invoice (lumiere, "2026-05-01", LINE_121 ("Before"), NULL);
  pay (paid, "121.00", "2026-05-05");
  draft = dokus_test_create_invoice (book, lefevre, NULL, LINE_53 ("Deleted"), NULL);
  /* 121.00, due 2026-06-09 (30 days' terms): overdue on 2026-06-15 */
  late = invoice (peeters, "2026-05-10", LINE_121 ("After"), NULL);
  kept = dokus_test_create_invoice (book, kanaal, NULL, LINE_53 ("Kept"), NULL);
  ck_assert_msg (dokus_document_delete_draft (book, draft, &err) == DOKUS_OK, "%s", err.message);

  o = query (&(DokusDocumentQuery){ .status = "paid" });
  ck_assert_int_eq (total_of (o), 1);
  ck_assert_str_eq (str (cJSON_GetArrayItem (rows_of (o), 0), "number"), paid);
  cJSON_Delete (o);
  o = query (&(DokusDocumentQuery){ .status = "overdue" });
  ck_assert_int_eq (total_of (o), 1);
  ck_assert_str_eq (str (cJSON_GetArrayItem (rows_of (o), 0), "number"), late);
  ck_assert_str_eq (str (cJSON_GetArrayItem (rows_of (o), 0), "open_amount"), "121.00");
  cJSON_Delete (o);
  o = query (&(DokusDocumentQuery){ .status = "draft" });
  ck_assert_int_eq (total_of (o), 1);
  ck_assert_str_eq (str (cJSON_GetArrayItem (rows_of (o), 0), "id"), kept);
  /* a draft's open amount is its total as it would be issued: 53.00 */
  ck_assert_str_eq (str (cJSON_GetArrayItem (rows_of (o), 0), "open_amount"), "53.00");
  cJSON_Delete (o);
  o = query (&(DokusDocumentQuery){ .status = "issued" });
  ck_assert_int_eq (total_of (o), 1);
  cJSON_Delete (o);

  /* only the late invoice is owed: 121.00, all of it overdue */
  ck_assert_msg (dokus_report_dashboard (book, &json, &err) == DOKUS_OK, "%s", err.message);
  o = parse_take (json);
  ck_assert_str_eq (str (o, "outstanding"), "121.00");
  ck_assert_int_eq (cJSON_GetObjectItem (o, "outstanding_count")->valueint, 1);
  ck_assert_str_eq (str (o, "overdue"), "121.00");
  ck_assert_int_eq (cJSON_GetObjectItem (o, "overdue_count")->valueint, 1);
  cJSON_Delete (o);
  ck_assert_msg (dokus_report_receivables (book, &json, &err) == DOKUS_OK, "%s", err.message);
  o = parse_take (json);
  ck_assert_str_eq (str (o, "total"), "121.00");
  ck_assert_str_eq (str (o, "overdue"), "121.00");
  cJSON_Delete (o);
}
END_TEST

START_TEST (test_query_long_list_as_shown)
{
  /* more rows than the list computes one by one (200): the balances come
   * from one pass over the book; statuses vary every few invoices */
  DokusError err = { 0 };

  for (int i = 0; i < 210; i++)
    {
      char date[16];
      const char *number;
      /* from 2026-01-01 to 2026-06-14, never backwards */
      snprintf (date, sizeof date, "2026-%02d-%02d", 1 + i / 40, 1 + (i % 40) * 27 / 40);
      number = invoice (i % 3 ? lumiere : peeters, date, LINE_121 ("Line"), NULL);
      if (i % 5 == 0)
        pay (number, "121.00", date);
      else if (i % 5 == 1)
        pay (number, "21.00", date);
      else if (i % 7 == 2)
        issue_ok (credit (number, dokus_test_js ("{'issue_date': '%s'}", date)));
    }
  expect_every_document_as_shown ();
  {
    cJSON *whole = query (&(DokusDocumentQuery){ .sort = "number" });
    char *expected = ids_of (whole), *paged = calloc (1, strlen (expected) + 1);
    size_t n = 0;
    for (int64_t offset = 0; offset < total_of (whole); offset += 50)
      {
        cJSON *page = query (&(DokusDocumentQuery){ .sort = "number", .limit = 50,
                                                    .offset = offset });
        const cJSON *r;
        cJSON_ArrayForEach (r, rows_of (page))
          {
            /* each row of a page equals the whole list's row */
            const cJSON *w = row_with_id (whole, str (r, "id"));
            ck_assert_ptr_nonnull (w);
            ck_assert_str_eq (str (r, "status"), str (w, "status"));
            ck_assert_str_eq (str (r, "open_amount"), str (w, "open_amount"));
            n += (size_t) sprintf (paged + n, "%s%s", n ? " " : "", str (r, "id"));
          }
        cJSON_Delete (page);
      }
    ck_assert_str_eq (paged, expected);
    free (paged);
    free (expected);
    cJSON_Delete (whole);
  }
  (void) err;
}
END_TEST

/* Pages of 4 put together are the whole list; descending is the whole
 * list reversed. */
static void
expect_pages_make_the_list (const char *sort)
{
  cJSON *up = query (&(DokusDocumentQuery){ .sort = sort });
  cJSON *down = query (&(DokusDocumentQuery){ .sort = sort, .descending = true });
  char *whole = ids_of (up), *paged = calloc (1, strlen (whole) + 2), *reversed;
  size_t n = 0, count = (size_t) cJSON_GetArraySize (rows_of (up));

  for (int64_t offset = 0; offset < total_of (up) + 4; offset += 4)
    {
      cJSON *page = query (&(DokusDocumentQuery){ .sort = sort, .limit = 4, .offset = offset });
      char *ids = ids_of (page);
      ck_assert_int_eq (total_of (page), total_of (up));
      ck_assert_int_le (cJSON_GetArraySize (rows_of (page)), 4);
      if (ids[0])
        n += (size_t) sprintf (paged + n, "%s%s", n ? " " : "", ids);
      free (ids);
      cJSON_Delete (page);
    }
  ck_assert_str_eq (paged, whole);
  reversed = calloc (1, strlen (whole) + 2);
  n = 0;
  for (size_t i = count; i-- > 0;)
    n += (size_t) sprintf (reversed + n, "%s%s", n ? " " : "",
                           str (cJSON_GetArrayItem (rows_of (up), (int) i), "id"));
  free (paged);
  paged = ids_of (down);
  ck_assert_msg (strcmp (paged, reversed) == 0, "%s: descending is not ascending reversed", sort);
  free (paged);
  free (reversed);
  free (whole);
  cJSON_Delete (up);
  cJSON_Delete (down);
}

static const char *
first (const cJSON *result, const char *key)
{
  return str (cJSON_GetArrayItem (rows_of (result), 0), key);
}

START_TEST (test_query_pages_and_orders)
{
  static const char *const sorts[] = { "issue_date", "number", "client", "total", "due_date" };
  cJSON *o;

  build_book ();
  for (size_t i = 0; i < sizeof sorts / sizeof sorts[0]; i++)
    expect_pages_make_the_list (sorts[i]);
  /* newest first: the undated draft, the drafts of 2026-06-20 and
   * 2026-06-16, then 2026-0008 of 2026-06-10 */
  o = query (&(DokusDocumentQuery){ .sort = "issue_date", .descending = true, .limit = 4 });
  ck_assert_int_eq (total_of (o), 18);
  ck_assert_str_eq (first (o, "issue_date"), "null");
  ck_assert_str_eq (str (cJSON_GetArrayItem (rows_of (o), 1), "issue_date"), "2026-06-20");
  ck_assert_str_eq (str (cJSON_GetArrayItem (rows_of (o), 2), "issue_date"), "2026-06-16");
  ck_assert_str_eq (str (cJSON_GetArrayItem (rows_of (o), 3), "number"), "2026-0008");
  cJSON_Delete (o);
  /* oldest first: 2025-0001 */
  o = query (&(DokusDocumentQuery){ .limit = 1 });
  ck_assert_str_eq (first (o, "number"), "2025-0001");
  cJSON_Delete (o);
  /* by number: the three drafts (no number) first, then 2025-0001 */
  o = query (&(DokusDocumentQuery){ .sort = "number", .limit = 4 });
  ck_assert_str_eq (str (cJSON_GetArrayItem (rows_of (o), 2), "number"), "null");
  ck_assert_str_eq (str (cJSON_GetArrayItem (rows_of (o), 3), "number"), "2025-0001");
  cJSON_Delete (o);
  o = query (&(DokusDocumentQuery){ .sort = "number", .descending = true, .limit = 1 });
  ck_assert_str_eq (first (o, "number"), "CN-2026-0005");
  cJSON_Delete (o);
  /* by client: Bureau Lefèvre first, Société Lumière last; within a
   * client, by issue date */
  o = query (&(DokusDocumentQuery){ .sort = "client", .limit = 2 });
  ck_assert_str_eq (str (cJSON_GetObjectItem (cJSON_GetArrayItem (rows_of (o), 0), "client"),
                         "name"),
                    "Bureau Lefèvre SRL");
  ck_assert_str_eq (first (o, "number"), "2025-0002");
  ck_assert_str_eq (str (cJSON_GetArrayItem (rows_of (o), 1), "number"), "2026-0004");
  cJSON_Delete (o);
  o = query (&(DokusDocumentQuery){ .sort = "client", .descending = true, .limit = 1 });
  ck_assert_str_eq (str (cJSON_GetObjectItem (cJSON_GetArrayItem (rows_of (o), 0), "client"),
                         "name"),
                    "Société Lumière SRL");
  cJSON_Delete (o);
  /* by total: the largest is 2025-0002 (1210.00) */
  o = query (&(DokusDocumentQuery){ .sort = "total", .descending = true, .limit = 1 });
  ck_assert_str_eq (first (o, "number"), "2025-0002");
  cJSON_Delete (o);
  /* by due date, latest first: 2026-0008 (due 2026-07-10); the drafts
   * without one come last */
  o = query (&(DokusDocumentQuery){ .sort = "due_date", .descending = true, .limit = 4 });
  ck_assert_str_eq (str (cJSON_GetArrayItem (rows_of (o), 0), "due_date"), "2026-07-10");
  ck_assert_str_eq (first (o, "number"), "2026-0008");
  cJSON_Delete (o);
  /* a page beyond the end: empty, with the total */
  o = query (&(DokusDocumentQuery){ .limit = 10, .offset = 100 });
  ck_assert_int_eq (total_of (o), 18);
  ck_assert_int_eq (cJSON_GetArraySize (rows_of (o)), 0);
  cJSON_Delete (o);
}
END_TEST

START_TEST (test_query_filters)
{
  cJSON *o;
  DokusError err = { 0 };
  char *json = NULL;

  build_book ();
  /* 2026 Q1: 2026-0001..0003 and CN-2026-0001, CN-2026-0002 */
  o = query (&(DokusDocumentQuery){ .from = "2026-01-01", .to = "2026-03-31" });
  ck_assert_int_eq (total_of (o), 5);
  ck_assert_int_eq (cJSON_GetArraySize (rows_of (o)), 5);
  cJSON_Delete (o);
  /* from alone: the dated drafts too, never the undated one */
  o = query (&(DokusDocumentQuery){ .from = "2026-06-01" });
  ck_assert_int_eq (total_of (o), 4); /* 2026-0007, 2026-0008, two drafts */
  cJSON_Delete (o);
  o = query (&(DokusDocumentQuery){ .to = "2025-12-31" });
  ck_assert_int_eq (total_of (o), 2);
  cJSON_Delete (o);
  /* a client: Jan Peeters has 2026-0001, 2026-0005, its two credit notes
   * and the undated draft */
  o = query (&(DokusDocumentQuery){ .client_id = peeters });
  ck_assert_int_eq (total_of (o), 5);
  cJSON_Delete (o);
  o = query (&(DokusDocumentQuery){ .client_id = peeters, .status = "credited" });
  ck_assert_int_eq (total_of (o), 1);
  ck_assert_str_eq (first (o, "number"), "2026-0005");
  cJSON_Delete (o);
  o = query (&(DokusDocumentQuery){ .status = "paid", .from = "2026-01-01", .to = "2026-12-31",
                                    .limit = 1 });
  /* 2026-0003 and 2026-0008 */
  ck_assert_int_eq (total_of (o), 2);
  ck_assert_int_eq (cJSON_GetArraySize (rows_of (o)), 1);
  cJSON_Delete (o);
  o = query (&(DokusDocumentQuery){ .client_id = "no such client" });
  ck_assert_int_eq (total_of (o), 0);
  cJSON_Delete (o);
  /* refused input names its member */
  ck_assert_int_eq (dokus_document_query (book, &(DokusDocumentQuery){ .status = "open" }, &json,
                                          &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "status");
  ck_assert_int_eq (dokus_document_query (book, &(DokusDocumentQuery){ .from = "2026-13-01" },
                                          &json, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "from");
  ck_assert_int_eq (dokus_document_query (book, &(DokusDocumentQuery){ .sort = "rowid" }, &json,
                                          &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "sort");
  ck_assert_int_eq (dokus_document_query (book, &(DokusDocumentQuery){ .limit = -1 }, &json,
                                          &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "limit");
  ck_assert_int_eq (dokus_document_query (book, &(DokusDocumentQuery){ .offset = -5 }, &json,
                                          &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "offset");
  ck_assert_ptr_null (json);
}
END_TEST

START_TEST (test_query_list_unchanged)
{
  /* dokus_document_list: {"invoices": [...]} only, newest first, the same
   * rows as the query */
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *list, *q;
  char *a, *b;

  build_book ();
  ck_assert_int_eq (dokus_document_list (book, NULL, NULL, NULL, &json, &err), DOKUS_OK);
  list = parse_take (json);
  ck_assert_int_eq (cJSON_GetArraySize (list), 1);
  ck_assert_ptr_nonnull (cJSON_GetObjectItemCaseSensitive (list, "invoices"));
  q = query (&(DokusDocumentQuery){ .sort = "issue_date", .descending = true });
  a = cJSON_PrintUnformatted (cJSON_GetObjectItem (list, "invoices"));
  b = cJSON_PrintUnformatted (cJSON_GetObjectItem (q, "invoices"));
  ck_assert_str_eq (a, b);
  free (a);
  free (b);
  /* the keys of a row, in order */
  {
    static const char *const keys[] = { "id", "type", "number", "status", "overdue",
                                        "issue_date", "due_date", "client",
                                        "tax_inclusive_amount", "open_amount" };
    const cJSON *m = cJSON_GetArrayItem (rows_of (list), 0)->child;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++, m = m->next)
      ck_assert_str_eq (m->string, keys[i]);
    ck_assert_ptr_null (m);
  }
  cJSON_Delete (list);
  cJSON_Delete (q);
  ck_assert_int_eq (dokus_document_list (book, "overdue", "2026-01-01", NULL, &json, &err),
                    DOKUS_OK);
  list = parse_take (json);
  ck_assert_int_eq (cJSON_GetArraySize (rows_of (list)), 1);
  ck_assert_str_eq (first (list, "number"), "2026-0001");
  cJSON_Delete (list);
}
END_TEST

/* The numbers found by @search (with @status, nullable), sorted by number,
 * joined by spaces: "2026-0001 CN-2026-0002". */
static const char *
found (const char *search, const char *status)
{
  static char out[1024];
  cJSON *o = query (&(DokusDocumentQuery){ .search = search, .status = status, .sort = "number" });
  const cJSON *r;
  size_t n = 0;

  out[0] = '\0';
  cJSON_ArrayForEach (r, rows_of (o))
    n += (size_t) snprintf (out + n, sizeof out - n, "%s%s", n ? " " : "", str (r, "number"));
  ck_assert_int_eq (total_of (o), cJSON_GetArraySize (rows_of (o)));
  cJSON_Delete (o);
  return out;
}

START_TEST (test_query_search)
{
  build_book ();
  /* the client's name, without accents and case, as a prefix */
  ck_assert_str_eq (found ("lumi", NULL), "2025-0001 2026-0003 2026-0007 CN-2026-0002");
  ck_assert_str_eq (found ("SOCIETE", NULL), "2025-0001 2026-0003 2026-0007 CN-2026-0002");
  ck_assert_str_eq (found ("Lefèvre", NULL), "null 2025-0002 2026-0004 CN-2026-0003");
  /* its city, VAT number (a prefix of BE0417497106) and e-mail address */
  ck_assert_str_eq (found ("liege", NULL), "2025-0001 2026-0003 2026-0007 CN-2026-0002");
  ck_assert_str_eq (found ("be0417", NULL), "2025-0001 2026-0003 2026-0007 CN-2026-0002");
  ck_assert_str_eq (found ("compta", NULL), "2025-0001 2026-0003 2026-0007 CN-2026-0002");
  /* a line's description; credit notes carry the lines they credit */
  ck_assert_str_eq (found ("design", NULL), "2025-0002");
  ck_assert_str_eq (found ("brochure", NULL), "2026-0003");
  ck_assert_str_eq (found ("workshop", NULL), "2026-0003 CN-2026-0002");
  ck_assert_str_eq (found ("undated", NULL), "null");
  /* references and note (the credit note has its invoice's references) */
  ck_assert_str_eq (found ("PO-7781", NULL), "2026-0003 CN-2026-0002");
  ck_assert_str_eq (found ("ord-15", NULL), "2026-0003 CN-2026-0002");
  ck_assert_str_eq (found ("spring", NULL), "2026-0003");
  /* the number, given when it was issued */
  ck_assert_str_eq (found ("CN-2026-0003", NULL), "CN-2026-0003");
  ck_assert_str_eq (found ("2025-0002", NULL), "2025-0002");
  /* every word somewhere: the client's name and a line */
  ck_assert_str_eq (found ("bureau design", NULL), "2025-0002");
  ck_assert_str_eq (found ("bureau hosting", NULL), "");
  /* the draft credit note on 2026-0006 credits its line */
  ck_assert_str_eq (found ("hosting", NULL), "null 2026-0002 2026-0006 CN-2026-0001");
  /* with a status: the hosting invoice credited */
  ck_assert_str_eq (found ("hosting", "credited"), "2026-0002");
  ck_assert_str_eq (found ("lumi", "paid"), "2025-0001 2026-0003");
  ck_assert_str_eq (found ("zzz", NULL), "");
}
END_TEST

START_TEST (test_query_search_text_is_never_syntax)
{
  /* FTS5 operators and punctuation are words or separators: no error, and
   * text without words matches everything */
  static const char *const all[] = { "\"", "*", "-", "\"\"", "(", ")", "^", ":", "  ", "", "+",
                                     "{}", "/", "'", ";" };
  DokusError err = { 0 };
  char *json = NULL;
  char many[200] = "";

  build_book ();
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    {
      cJSON *o = query (&(DokusDocumentQuery){ .search = all[i] });
      ck_assert_msg (total_of (o) == 18, "'%s' gave %lld", all[i], total_of (o));
      cJSON_Delete (o);
    }
  /* "AND" is the word "and" (Website design and build) */
  ck_assert_str_eq (found ("AND", NULL), "2025-0002");
  ck_assert_str_eq (found ("design AND build", NULL), "2025-0002");
  ck_assert_str_eq (found ("design OR hosting", NULL), "");
  ck_assert_str_eq (found ("NOT", NULL), "");
  ck_assert_str_eq (found ("NEAR(design build)", NULL), "");
  ck_assert_str_eq (found ("\"design", NULL), "2025-0002");
  ck_assert_str_eq (found ("design*", NULL), "2025-0002");
  ck_assert_str_eq (found ("-design", NULL), "2025-0002");
  ck_assert_str_eq (found ("description:design", NULL), "");
  ck_assert_str_eq (found ("lumière^", NULL), "2025-0001 2026-0003 2026-0007 CN-2026-0002");
  ck_assert_str_eq (found ("l’atelier", NULL), "");
  ck_assert_str_eq (found ("Robert'); DROP TABLE documents;--", NULL), "");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM documents"), 18);
  /* 17 words are too many */
  for (int i = 0; i < 17; i++)
    strcat (many, "w ");
  ck_assert_int_eq (dokus_document_query (book, &(DokusDocumentQuery){ .search = many }, &json,
                                          &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "search");
  ck_assert_ptr_null (json);
}
END_TEST

/* The names dokus_client_search finds for @text, joined by "|". */
static const char *
clients_found (const char *text, int64_t limit)
{
  static char out[1024];
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *o;
  const cJSON *c;
  size_t n = 0;

  ck_assert_msg (dokus_client_search (book, text, limit, &json, &err) == DOKUS_OK,
                 "client search '%s': %s", text ? text : "(null)", err.message);
  o = parse_take (json);
  out[0] = '\0';
  cJSON_ArrayForEach (c, cJSON_GetObjectItem (o, "clients"))
    n += (size_t) snprintf (out + n, sizeof out - n, "%s%s", n ? "|" : "", str (c, "name"));
  cJSON_Delete (o);
  return out;
}

START_TEST (test_client_search)
{
  DokusError err = { 0 };
  char *json = NULL;

  build_book ();
  ck_assert_str_eq (clients_found ("lef", 0), "Bureau Lefèvre SRL");
  ck_assert_str_eq (clients_found ("LEFEVRE", 0), "Bureau Lefèvre SRL");
  ck_assert_str_eq (clients_found ("amsterdam", 0), "Kanaalkade Media BV");
  ck_assert_str_eq (clients_found ("NL0044", 0), "Kanaalkade Media BV");
  ck_assert_str_eq (clients_found ("info", 0), "Bureau Lefèvre SRL");
  /* every word, in one client */
  ck_assert_str_eq (clients_found ("srl namur", 0), "Bureau Lefèvre SRL");
  ck_assert_str_eq (clients_found ("srl", 0), "Bureau Lefèvre SRL|Société Lumière SRL");
  ck_assert_str_eq (clients_found ("srl", 1), "Bureau Lefèvre SRL");
  ck_assert_str_eq (clients_found ("srl amsterdam", 0), "");
  /* archived clients too, after the active ones */
  ck_assert_str_eq (clients_found ("gent", 0), "Oude Klant BVBA");
  ck_assert_str_eq (clients_found (NULL, 0),
                    "Bureau Lefèvre SRL|Jan Peeters|Kanaalkade Media BV|Société Lumière "
                    "SRL|Oude Klant BVBA");
  /* syntax is text */
  ck_assert_str_eq (clients_found ("\"", 2), "Bureau Lefèvre SRL|Jan Peeters");
  ck_assert_str_eq (clients_found ("name:jan", 0), "");
  ck_assert_str_eq (clients_found ("jan*", 0), "Jan Peeters");
  ck_assert_str_eq (clients_found ("jan OR lef", 0), "");
  ck_assert_str_eq (clients_found ("-jan", 0), "Jan Peeters");
  ck_assert_int_eq (dokus_client_search (book, "x", -1, &json, &err), DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "limit");
}
END_TEST

START_TEST (test_query_migration_indexes_what_the_book_holds)
{
  /* a book of schema version 2 with documents and clients: 0003 must
   * index them when the book is opened. The book is made by the current
   * code and taken back to version 2: every migration after 0002 has its
   * undo here, newest first */
  static const char *const undo[] = {
    /* 0015-settlement-slots */
    "DROP TRIGGER settlement_slots_insert", "DROP TRIGGER settlement_slots_update",
    "DROP TRIGGER settlement_slots_delete", "DROP TRIGGER payment_slots_insert",
    "DROP TABLE settlement_slots", "DROP TABLE payment_slots",
    "CREATE INDEX documents_settlement ON documents (state, tax_inclusive_amount, due_date)",
    /* 0014-period-rows */
    "DROP TRIGGER document_vat_by_date_issue", "DROP TRIGGER expense_lines_by_date_insert",
    "DROP TABLE document_vat_by_date", "DROP TABLE expense_lines_by_date",
    "CREATE INDEX documents_franchise ON documents (issue_date)"
    " WHERE CASE WHEN json_valid(seller_json)"
    " THEN json_extract(seller_json, '$.vat_regime') END = 'franchise'",
    "CREATE INDEX documents_buyer_abroad ON documents (issue_date)"
    " WHERE CASE WHEN json_valid(buyer_json)"
    " THEN coalesce(json_extract(buyer_json, '$.country'),"
    " json_extract(buyer_json, '$.address.country')) END <> 'BE'",
    /* 0013-balance-links */
    "DROP TRIGGER payment_links_insert", "DROP TRIGGER credit_links_insert",
    "DROP TRIGGER credit_links_update", "DROP TRIGGER credit_links_delete",
    "DROP TABLE payment_links", "DROP TABLE credit_links", "DROP INDEX documents_settlement",
    "CREATE INDEX documents_balance ON documents (id, state, tax_inclusive_amount, due_date)",
    /* 0012-comments */
    "ALTER TABLE sync_outbox DROP COLUMN kind", "DROP INDEX comments_open",
    "DROP INDEX comments_by_subject", "DROP TABLE comments",
    /* 0011-sync-blobs */
    "ALTER TABLE sync_self DROP COLUMN clock_skew_ms", "DROP TABLE sync_blob_parts",
    /* 0010-period-indexes */
    "DROP INDEX documents_vat_period", "DROP INDEX documents_franchise",
    "DROP INDEX documents_buyer_abroad", "DROP INDEX expenses_by_period",
    "CREATE INDEX documents_issue_sums"
    " ON documents (issue_date, state, type, tax_exclusive_amount, tax_amount)",
    "CREATE INDEX expenses_date ON expenses (date)",
    /* 0009-sync-members */
    "ALTER TABLE sync_self DROP COLUMN own_series",
    "ALTER TABLE sync_member DROP COLUMN revoked_after",
    /* 0008-document-renderings */
    "DROP TABLE profile_logos", "ALTER TABLE profile DROP COLUMN register",
    "ALTER TABLE profile DROP COLUMN legal_form", "DROP TABLE document_renderings",
    /* 0007-sync */
    "DROP TABLE series_lease", "DROP TABLE sync_pending", "DROP TABLE sync_cursor",
    "DROP TABLE sync_applied", "DROP TABLE sync_outbox", "DROP TABLE sync_field",
    "DROP TABLE sync_member", "DROP TABLE sync_keyring", "DROP TABLE sync_self",
    /* 0006-document-exports */
    "DROP TABLE document_exports",
    /* 0005-peppol-transmissions */
    "DROP TABLE peppol_incoming", "DROP TABLE peppol_transmissions",
    /* 0004-triangulation */
    "DROP TRIGGER documents_triangulation_frozen", "ALTER TABLE documents DROP COLUMN triangulation",
    /* 0003-ledger-search */
    "DROP TRIGGER clients_fts_insert", "DROP TRIGGER clients_fts_delete",
    "DROP TRIGGER clients_fts_update", "DROP TRIGGER documents_fts_insert",
    "DROP TRIGGER documents_fts_delete", "DROP TRIGGER documents_fts_update",
    "DROP TRIGGER document_lines_fts_insert", "DROP TRIGGER document_lines_fts_delete",
    "DROP TRIGGER document_lines_fts_update", "DROP TABLE clients_fts", "DROP TABLE documents_fts",
    "DROP TABLE document_lines_fts", "DROP INDEX documents_balance",
    "DROP INDEX payments_document_amount", "DROP INDEX documents_credit_notes",
    "DROP INDEX documents_issue_sums", "DROP INDEX documents_by_date",
    "DROP INDEX documents_by_client", "DROP INDEX documents_by_total",
    "DROP INDEX documents_by_due_date",
    "CREATE INDEX documents_client ON documents (client_id)",
    "CREATE INDEX documents_issue_date ON documents (issue_date)",
    "CREATE INDEX documents_billing_reference ON documents (billing_reference_id)",
    "CREATE INDEX payments_document ON payments (document_id)", "PRAGMA user_version = 2",
  };

  build_book ();
  /* a purchase of two lines, for 0014 */
  {
    DokusError e_err = { 0 };
    char id[DOKUS_ID_TEXT];
    ck_assert_msg (dokus_expense_add (book,
                                      dokus_test_js ("{'date': '2026-05-04', 'supplier': {'name':"
                                                     " 'Softco', 'country': 'BE'}, 'number': "
                                                     "'S-1', 'category': 'software', 'kind': "
                                                     "'services', 'vat_treatment': 'domestic',"
                                                     " 'lines': [{'base': '100.00', 'vat_rate':"
                                                     " '21', 'vat_amount': '21.00'}, {'base': "
                                                     "'10.00', 'vat_rate': '6', 'vat_amount': "
                                                     "'0.60'}], 'deductible_percent': '100',"
                                                     " 'vat_recoverable_percent': '100'}"),
                                      NULL, 0, id, &e_err)
                     == DOKUS_OK,
                   "%s", e_err.message);
  }
  for (size_t i = 0; i < sizeof undo / sizeof undo[0]; i++)
    dokus_test_exec (db, undo[i]);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name"
                                              " LIKE '%fts%'"),
                    0);
  dokus_book_close (book);
  open_book ();
  ck_assert_int_eq (dokus_book_get_schema_version (book), dokus_book_schema_version_supported ());
  ck_assert_str_eq (found ("workshop", NULL), "2026-0003 CN-2026-0002");
  ck_assert_str_eq (found ("po 7781", NULL), "2026-0003 CN-2026-0002");
  ck_assert_str_eq (found ("lumi", NULL), "2025-0001 2026-0003 2026-0007 CN-2026-0002");
  ck_assert_str_eq (clients_found ("amster", 0), "Kanaalkade Media BV");
  /* 0010: the period indexes, and the two they replace gone; 0014 drops
   * 0010's two partial indexes again */
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name IN"
                                              " ('documents_vat_period', 'expenses_by_period')"),
                    2);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name IN"
                                              " ('documents_issue_sums', 'expenses_date',"
                                              " 'documents_franchise', 'documents_buyer_abroad')"),
                    0);
  /* 0013: every payment and credit note linked by rowid, and the links
   * agree with what they index (audit verify compares them) */
  ck_assert_int_gt (dokus_test_query_int (db, "SELECT count(*) FROM payment_links"), 0);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM payment_links"),
                    dokus_test_query_int (db, "SELECT count(*) FROM payments"));
  ck_assert_int_gt (dokus_test_query_int (db, "SELECT count(*) FROM credit_links"), 0);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM credit_links"),
                    dokus_test_query_int (db, "SELECT count(*) FROM documents"
                                              " WHERE billing_reference_id IS NOT NULL"));
  /* 0015: a slot for every document and payment, 256 a row (audit
   * verify compares each with what it stands for) */
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM settlement_slots"),
                    dokus_test_query_int (db, "SELECT count(DISTINCT rowid / 256) FROM documents"));
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM payment_slots"),
                    dokus_test_query_int (db, "SELECT count(DISTINCT rowid / 256) FROM payments"));
  ck_assert_int_eq (dokus_test_query_int (db, "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL"
                                              " SELECT i + 1 FROM k WHERE i < 255)"
                                              " SELECT count(*) FROM settlement_slots b, k"
                                              " WHERE substr(b.slots, k.i * 17 + 1, 1) <> '-'"),
                    dokus_test_query_int (db, "SELECT count(*) FROM documents"));
  /* 0014: every issued document's VAT row and every purchase line again
   * in date order (audit verify compares them with what they copy) */
  ck_assert_int_gt (dokus_test_query_int (db, "SELECT count(*) FROM document_vat_by_date"), 0);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM document_vat_by_date"),
                    dokus_test_query_int (db, "SELECT count(*) FROM document_vat v JOIN"
                                              " documents d ON d.id = v.document_id"
                                              " WHERE d.state <> 'draft'"));
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM expense_lines_by_date"), 2);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT sum(vat_amount) FROM expense_lines_by_date"
                                              " WHERE date = '2026-05-04'"),
                    2160);
  {
    DokusAuditReport report;
    DokusError verify_err = { 0 };
    ck_assert_msg (dokus_audit_verify (book, &report, &verify_err) == DOKUS_OK, "%s",
                   verify_err.message);
  }
  {
    char *ok = dokus_test_query_text (db, "PRAGMA integrity_check");
    ck_assert_str_eq (ok, "ok");
    free (ok);
  }
  /* and the book goes on as any other */
  expect_every_document_as_shown ();
}
END_TEST

START_TEST (test_query_search_follows_changes)
{
  /* a new client and a new draft are found at once; issuing gives the
   * number; the full-text tables stay consistent with their tables */
  char id[DOKUS_ID_TEXT];
  const char *draft, *number;
  DokusError err = { 0 };

  build_book ();
  dokus_test_add_client (
    book,
    dokus_test_js ("{'name': 'Zeeland Zeilmakers', 'address': {'city': 'Middelburg', "
                   "'country': 'NL'}}"),
    id);
  ck_assert_str_eq (clients_found ("zeil", 0), "Zeeland Zeilmakers");
  draft = dokus_test_create_invoice (book, id, NULL, LINE_121 ("Sails repaired"), NULL);
  ck_assert_str_eq (found ("sails", NULL), "null");
  ck_assert_str_eq (found ("middelburg", NULL), "null");
  number = issue_ok (draft);
  ck_assert_str_eq (found ("sails", NULL), number);
  ck_assert_str_eq (found (number, NULL), number);
  ck_assert_int_eq (dokus_client_archive (book, id, &err), DOKUS_OK);
  ck_assert_str_eq (clients_found ("zeil", 0), "Zeeland Zeilmakers");
  dokus_test_exec (db, "INSERT INTO clients_fts (clients_fts) VALUES ('integrity-check');"
                       " INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check');"
                       " INSERT INTO document_lines_fts (document_lines_fts)"
                       " VALUES ('integrity-check')");
}
END_TEST

static Suite *
ledger_query_suite (void)
{
  Suite *s = suite_create ("ledger-query");
  TCase *balances = tcase_create ("balances");
  TCase *paging = tcase_create ("paging");
  TCase *search = tcase_create ("search");

  tcase_add_checked_fixture (balances, setup, teardown);
  tcase_add_test (balances, test_query_status_and_balance_as_shown);
  tcase_add_test (balances, test_query_long_list_as_shown);
  tcase_add_test (balances, test_query_status_follows_changes_of_either_connection);
  tcase_add_test (balances, test_query_status_around_a_deleted_draft);
  tcase_add_checked_fixture (paging, setup, teardown);
  tcase_add_test (paging, test_query_pages_and_orders);
  tcase_add_test (paging, test_query_filters);
  tcase_add_test (paging, test_query_list_unchanged);
  tcase_add_checked_fixture (search, setup, teardown);
  tcase_add_test (search, test_query_search);
  tcase_add_test (search, test_query_search_text_is_never_syntax);
  tcase_add_test (search, test_client_search);
  tcase_add_test (search, test_query_search_follows_changes);
  tcase_add_test (search, test_query_migration_indexes_what_the_book_holds);
  suite_add_tcase (s, balances);
  suite_add_tcase (s, paging);
  suite_add_tcase (s, search);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (ledger_query_suite ());
}

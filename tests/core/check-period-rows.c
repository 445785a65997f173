/* check-period-rows.c
 *
 * Suite "period-rows": document_vat_by_date and expense_lines_by_date
 * (schema/book/0014), the VAT rows of issued documents and the purchase
 * lines in date order that the VAT return and the reports read. Triggers
 * keep them as documents are issued and purchases recorded; drafts stay
 * out; the two snapshot facts (franchise seller, buyer abroad) are the
 * ones worked out by hand below; the tables refuse changes; and `audit
 * verify` names a document or purchase whose rows were tampered with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-test-helpers.h"

#define ADDRESS                                                                            \
  "\"address\":{\"street\":\"Veldstraat 1\",\"postal_code\":\"9000\",\"city\":\"Gent\","   \
  "\"country\":\"BE\"}"
#define STANDARD "{\"name\":\"Studio Maes\",\"enterprise_number\":\"0203.201.340\"," ADDRESS "}"
#define FRANCHISE                                                                          \
  "{\"name\":\"Studio Maes\",\"enterprise_number\":\"0203.201.340\",\"vat_regime\":"       \
  "\"franchise\"," ADDRESS "}"
#define PURCHASE                                                                           \
  "{\"date\":\"2026-10-14\",\"supplier\":{\"name\":\"Softco\",\"country\":\"BE\"},"        \
  "\"number\":\"S-1\",\"category\":\"software\",\"kind\":\"services\",\"vat_treatment\":"  \
  "\"domestic\",\"lines\":[{\"base\":\"100.00\",\"vat_rate\":\"21\",\"vat_amount\":"       \
  "\"21.00\"},{\"base\":\"40.00\",\"vat_rate\":\"6\",\"vat_amount\":\"2.40\"}],"           \
  "\"deductible_percent\":\"100\",\"vat_recoverable_percent\":\"100\"}"

static char *dir;
static DokusBook *book;
static sqlite3 *db;
static char be_client[DOKUS_ID_TEXT], nl_client[DOKUS_ID_TEXT];

static void
setup (void)
{
  ck_assert (sodium_init () >= 0);
  setenv ("DOKUS_NOW", "2026-11-26T09:00:00Z", 1);
  setenv ("DOKUS_TODAY", "2026-11-26", 1);
  book = dokus_test_book_new (&dir, NULL);
  db = dokus_book_get_db (book);
  dokus_test_set_profile (book, STANDARD);
  dokus_test_add_client (book, NULL, be_client);
  dokus_test_add_client (book,
                         "{\"name\":\"Dutch BV\",\"vat_number\":\"NL004495445B01\",\"address\":"
                         "{\"street\":\"Kade 1\",\"postal_code\":\"1011 AA\",\"city\":"
                         "\"Amsterdam\",\"country\":\"NL\"}}",
                         nl_client);
}

static void
teardown (void)
{
  dokus_test_book_free (&book, NULL, &dir);
}

/* Issues an invoice to @client on @date with @lines (JSON array text). */
static void
issue (const char *client, const char *date, const char *lines, char number[DOKUS_NUMBER_TEXT])
{
  char json[1024];

  snprintf (json, sizeof json,
            "{\"client\":\"%s\",\"issue_date\":\"%s\",\"payment_terms_days\":30,"
            "\"lines\":%s}",
            client, date, lines);
  dokus_test_issue_invoice (book, json, number);
}

/* The rows of document_vat_by_date, one per line:
 * "date number category rate type taxable tax franchise abroad". */
static char *
vat_rows (void)
{
  return dokus_test_query_text (
    db, "SELECT coalesce(group_concat(r, char(10)), '') FROM (SELECT b.issue_date || ' ' ||"
        " d.number || ' ' || b.category || ' ' || b.rate || ' ' || b.type || ' ' ||"
        " b.taxable_amount || ' ' || b.tax_amount || ' ' || b.franchise || ' ' || b.abroad AS r"
        " FROM document_vat_by_date b JOIN documents d ON d.rowid = b.document_rowid"
        " ORDER BY b.issue_date, b.document_rowid, b.category, b.rate)");
}

static char *
verify (void)
{
  return dokus_test_audit_problem (book);
}

static void
expect_str (char *got, const char *want)
{
  ck_assert_str_eq (got, want);
  free (got);
}

START_TEST (test_rows_follow_issued_documents)
{
  char a[DOKUS_NUMBER_TEXT], b[DOKUS_NUMBER_TEXT];
  char draft[DOKUS_ID_TEXT], credit[DOKUS_ID_TEXT];
  DokusError err = { 0 };

  /* services to a Dutch business: AE at 0, 300.00, the buyer abroad */
  issue (nl_client, "2026-10-01",
         "[{\"description\":\"Consultancy\",\"quantity\":\"3\",\"unit_price\":\"100.00\","
         "\"vat_category\":\"AE\",\"vat_rate\":\"0\"}]",
         b);
  /* 2 × 100.00 at 21 % and 1 × 50.00 at 6 %: two rows, 200.00 / 42.00
   * and 50.00 / 3.00 */
  issue (be_client, "2026-10-02",
         "[{\"description\":\"Design\",\"quantity\":\"2\",\"unit_price\":\"100.00\","
         "\"vat_rate\":\"21\"},{\"description\":\"Books\",\"quantity\":\"1\",\"unit_price\":"
         "\"50.00\",\"vat_rate\":\"6\"}]",
         a);
  /* a draft has no rows */
  ck_assert_msg (dokus_invoice_create (book,
                                       "{\"client\":\"Atelier Lumiere SRL\",\"issue_date\":"
                                       "\"2026-10-03\",\"lines\":[{\"description\":\"X\","
                                       "\"quantity\":\"1\",\"unit_price\":\"10.00\","
                                       "\"vat_rate\":\"21\"}]}",
                                       draft, &err)
                   == DOKUS_OK,
                 "%s", err.message);
  /* a credit note of A, whole, on 2026-10-05: its own rows, type credit_note */
  ck_assert_msg (dokus_invoice_credit (book, a, "{\"issue_date\":\"2026-10-05\"}", credit, &err)
                   == DOKUS_OK,
                 "%s", err.message);
  expect_str (vat_rows (), "2026-10-01 2026-0001 AE 0 invoice 30000 0 0 1\n"
                           "2026-10-02 2026-0002 S 21 invoice 20000 4200 0 0\n"
                           "2026-10-02 2026-0002 S 6 invoice 5000 300 0 0");
  {
    DokusIssueResult res;
    ck_assert_msg (dokus_document_issue (book, credit, &res, &err) == DOKUS_OK, "%s",
                   err.message);
    ck_assert_str_eq (res.number, "CN-2026-0001");
  }
  expect_str (vat_rows (), "2026-10-01 2026-0001 AE 0 invoice 30000 0 0 1\n"
                           "2026-10-02 2026-0002 S 21 invoice 20000 4200 0 0\n"
                           "2026-10-02 2026-0002 S 6 invoice 5000 300 0 0\n"
                           "2026-10-05 CN-2026-0001 S 21 credit_note 20000 4200 0 0\n"
                           "2026-10-05 CN-2026-0001 S 6 credit_note 5000 300 0 0");
  /* the draft deleted: nothing changes; sent: nothing changes */
  ck_assert_msg (dokus_document_delete_draft (book, draft, &err) == DOKUS_OK, "%s", err.message);
  dokus_test_exec (db, "UPDATE documents SET state = 'sent' WHERE number = '2026-0002'");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM document_vat_by_date"), 5);
  expect_str (verify (), "");
}
END_TEST

START_TEST (test_franchise_seller_is_marked)
{
  char a[DOKUS_NUMBER_TEXT], b[DOKUS_NUMBER_TEXT];

  /* issued under the franchise scheme (E at 0), then under the standard
   * one: only the first is marked, from its own seller snapshot */
  dokus_test_set_profile (book, FRANCHISE);
  issue (be_client, "2026-10-06",
         "[{\"description\":\"Design\",\"quantity\":\"1\",\"unit_price\":\"80.00\","
         "\"vat_category\":\"E\",\"vat_rate\":\"0\"}]",
         a);
  dokus_test_set_profile (book, STANDARD);
  issue (be_client, "2026-10-07",
         "[{\"description\":\"Design\",\"quantity\":\"1\",\"unit_price\":\"80.00\","
         "\"vat_rate\":\"21\"}]",
         b);
  expect_str (vat_rows (), "2026-10-06 2026-0001 E 0 invoice 8000 0 1 0\n"
                           "2026-10-07 2026-0002 S 21 invoice 8000 1680 0 0");
  expect_str (verify (), "");
}
END_TEST

START_TEST (test_expense_lines_follow_purchases)
{
  char id[DOKUS_ID_TEXT];
  DokusError err = { 0 };

  ck_assert_msg (dokus_expense_add (book, PURCHASE, NULL, 0, id, &err) == DOKUS_OK, "%s",
                 err.message);
  expect_str (dokus_test_query_text (db, "SELECT group_concat(date || ' ' || position || ' ' ||"
                                         " base || ' ' || vat_amount, '|') FROM"
                                         " expense_lines_by_date"),
              "2026-10-14 1 10000 2100|2026-10-14 2 4000 240");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM expense_lines_by_date b"
                                              " JOIN expenses e ON e.rowid = b.expense_rowid"
                                              " WHERE e.number = 'S-1'"),
                    2);
  expect_str (verify (), "");
}
END_TEST

/* 2026-0001 (@a): 100.00 at 21 % on 2026-10-02; the purchase PURCHASE (@id). */
static void
issue_and_buy (char a[DOKUS_NUMBER_TEXT], char id[DOKUS_ID_TEXT])
{
  DokusError err = { 0 };

  issue (be_client, "2026-10-02",
         "[{\"description\":\"Design\",\"quantity\":\"1\",\"unit_price\":\"100.00\","
         "\"vat_rate\":\"21\"}]",
         a);
  ck_assert_msg (dokus_expense_add (book, PURCHASE, NULL, 0, id, &err) == DOKUS_OK, "%s",
                 err.message);
}

START_TEST (test_rows_refuse_changes)
{
  char a[DOKUS_NUMBER_TEXT], id[DOKUS_ID_TEXT];
  char *msg = NULL;

  issue_and_buy (a, id);
  ck_assert_int_ne (sqlite3_exec (db, "UPDATE document_vat_by_date SET tax_amount = 0", NULL,
                                  NULL, &msg),
                    SQLITE_OK);
  ck_assert_ptr_nonnull (strstr (msg, "kept by its triggers"));
  sqlite3_free (msg);
  ck_assert_int_ne (sqlite3_exec (db, "DELETE FROM document_vat_by_date", NULL, NULL, NULL),
                    SQLITE_OK);
  ck_assert_int_ne (sqlite3_exec (db, "UPDATE expense_lines_by_date SET base = 0", NULL, NULL,
                                  NULL),
                    SQLITE_OK);
  ck_assert_int_ne (sqlite3_exec (db, "DELETE FROM expense_lines_by_date", NULL, NULL, NULL),
                    SQLITE_OK);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT sum(tax_amount) FROM document_vat_by_date"),
                    2100);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT sum(base) FROM expense_lines_by_date"),
                    14000);
}
END_TEST

START_TEST (test_verify_names_tampered_rows)
{
  char a[DOKUS_NUMBER_TEXT], id[DOKUS_ID_TEXT], want[256];

  issue_and_buy (a, id);
  expect_str (verify (), "");
  dokus_test_exec (db, "DROP TRIGGER document_vat_by_date_kept_update");
  dokus_test_exec (db, "DROP TRIGGER document_vat_by_date_kept_delete");
  dokus_test_exec (db, "DROP TRIGGER expense_lines_by_date_kept_update");
  dokus_test_exec (db, "DROP TRIGGER expense_lines_by_date_kept_delete");

  /* a VAT amount changed, then the row moved to another date */
  dokus_test_exec (db, "UPDATE document_vat_by_date SET tax_amount = 2000");
  expect_str (verify (),
              "document 2026-0001: its VAT rows in document_vat_by_date are missing or differ");
  dokus_test_exec (db, "UPDATE document_vat_by_date SET tax_amount = 2100,"
                       " issue_date = '2026-07-02'");
  expect_str (verify (),
              "document 2026-0001: its VAT rows in document_vat_by_date are missing or differ");
  dokus_test_exec (db, "UPDATE document_vat_by_date SET issue_date = '2026-10-02'");
  expect_str (verify (), "");
  /* a row no VAT row stands for */
  dokus_test_exec (db, "INSERT INTO document_vat_by_date VALUES ('2026-10-03', 4242, 'S', '21',"
                       " 'invoice', 100, 21, 0, 0)");
  expect_str (verify (), "document_vat_by_date entry of document #4242: no such VAT row of an"
                         " issued document");
  dokus_test_exec (db, "DELETE FROM document_vat_by_date WHERE document_rowid = 4242");

  /* a purchase line's base changed, then a line removed */
  dokus_test_exec (db, "UPDATE expense_lines_by_date SET base = 9999 WHERE position = 2");
  snprintf (want, sizeof want,
            "purchase %s: its lines in expense_lines_by_date are missing or differ", id);
  expect_str (verify (), want);
  dokus_test_exec (db, "DELETE FROM expense_lines_by_date WHERE position = 2");
  expect_str (verify (), want);
  dokus_test_exec (db, "INSERT INTO expense_lines_by_date SELECT '2026-10-14', rowid, 2, 4000,"
                       " 240 FROM expenses");
  expect_str (verify (), "");
  dokus_test_exec (db, "INSERT INTO expense_lines_by_date SELECT '2026-10-14', rowid, 3, 1, 0"
                       " FROM expenses");
  snprintf (want, sizeof want,
            "expense_lines_by_date entry of purchase #%lld: no such purchase line",
            (long long) dokus_test_query_int (db, "SELECT rowid FROM expenses"));
  expect_str (verify (), want);
}
END_TEST

static Suite *
period_rows_suite (void)
{
  Suite *s = suite_create ("period-rows");
  TCase *tc = tcase_create ("kept");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_rows_follow_issued_documents);
  tcase_add_test (tc, test_franchise_seller_is_marked);
  tcase_add_test (tc, test_expense_lines_follow_purchases);
  tcase_add_test (tc, test_rows_refuse_changes);
  tcase_add_test (tc, test_verify_names_tampered_rows);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (period_rows_suite ());
}

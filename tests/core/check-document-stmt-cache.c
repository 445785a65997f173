/* check-document-stmt-cache.c
 *
 * Suite "document-stmt-cache": loading, showing and exporting documents
 * take their prepared statements from the book's cache (core/store/
 * dokus-stmt-cache.c) and must give every one back reset, on success and
 * on every error path. A statement left stepping would hold a read
 * transaction open: the next write, from this connection or another
 * device's sync, would then fail or see stale pages. After each step no
 * statement of the book's connection is busy, no transaction is open, and
 * a payment (a write) on the same book succeeds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-test-helpers.h"

#define N 4

static char *dir, *book_path;
static DokusBook *book;
static char numbers[N][DOKUS_NUMBER_TEXT];
static char credit_number[DOKUS_NUMBER_TEXT];

static void
setup (void)
{
  DokusError err = { 0 };
  char client[DOKUS_ID_TEXT], id[DOKUS_ID_TEXT];
  DokusIssueResult res;

  ck_assert (sodium_init () >= 0);
  setenv ("DOKUS_NOW", "2026-11-26T09:00:00Z", 1);
  book = dokus_test_book_new (&dir, &book_path);
  dokus_test_set_profile (book, NULL);
  dokus_test_add_client (book, NULL, client);
  for (int i = 0; i < N; i++)
    {
      char json[512];
      snprintf (json, sizeof json,
                "{\"client\":\"%s\",\"lines\":[{\"description\":\"Service %d\",\"quantity\":"
                "\"%d\",\"unit_price\":\"100.00\",\"vat_rate\":\"21\"},{\"description\":"
                "\"Book\",\"quantity\":\"1\",\"unit_price\":\"20.00\",\"vat_rate\":\"6\"}]}",
                client, i, i % 3 + 1);
      dokus_test_issue_invoice (book, json, numbers[i]);
    }
  ck_assert_msg (dokus_invoice_credit (book, numbers[0], NULL, id, &err) == DOKUS_OK, "%s",
                 err.message);
  ck_assert_msg (dokus_document_issue (book, id, &res, &err) == DOKUS_OK, "%s", err.message);
  memcpy (credit_number, res.number, DOKUS_NUMBER_TEXT);
}

static void
teardown (void)
{
  dokus_test_book_free (&book, &book_path, &dir);
}

/* No statement busy, no transaction open, and a write still works. */
static void
expect_idle (const char *after)
{
  sqlite3 *db = dokus_book_get_db (book);
  DokusError err = { 0 };
  char *json = NULL;

  for (sqlite3_stmt *s = sqlite3_next_stmt (db, NULL); s != NULL; s = sqlite3_next_stmt (db, s))
    ck_assert_msg (!sqlite3_stmt_busy (s), "after %s a statement is still busy: %s", after,
                   sqlite3_sql (s));
  ck_assert_msg (sqlite3_get_autocommit (db), "after %s a transaction is left open", after);
  ck_assert_msg (dokus_payment_add (book, numbers[1], "1.00", "2026-11-26", NULL, &json, &err)
                   == DOKUS_OK,
                 "after %s a payment fails: %s", after, err.message);
  free (json);
}

static void
export_all (void)
{
  for (int i = 0; i < N; i++)
    {
      DokusError err = { 0 };
      char *xml = NULL;
      size_t len = 0;
      ck_assert_msg (dokus_ubl_export (book, numbers[i], &xml, &len, &err) == DOKUS_OK,
                     "export %s: %s", numbers[i], err.message);
      free (xml);
    }
}

START_TEST (test_exports_and_shows_leave_nothing_open)
{
  DokusError err = { 0 };
  char *out = NULL;

  export_all (); /* the first export: PDF drawn and kept */
  expect_idle ("the first exports");
  export_all ();
  expect_idle ("exporting again");
  for (int i = 0; i < N; i++)
    {
      ck_assert_msg (dokus_document_show (book, numbers[i], &out, &err) == DOKUS_OK, "%s",
                     err.message);
      free (out);
    }
  expect_idle ("showing the invoices");
  ck_assert_msg (dokus_document_show (book, credit_number, &out, &err) == DOKUS_OK, "%s",
                 err.message);
  free (out);
  expect_idle ("showing the credit note");
  ck_assert_msg (dokus_ubl_export (book, credit_number, &out, NULL, &err) == DOKUS_OK, "%s",
                 err.message);
  free (out);
  expect_idle ("exporting the credit note");
}
END_TEST

START_TEST (test_error_paths_leave_nothing_open)
{
  DokusError err = { 0 };
  char *out = NULL;

  ck_assert_int_eq (dokus_ubl_export (book, "2099-9999", &out, NULL, &err), DOKUS_ERR_NOT_FOUND);
  expect_idle ("exporting an unknown number");
  memset (&err, 0, sizeof err);
  ck_assert_int_eq (dokus_document_show (book, "2099-9999", &out, &err), DOKUS_ERR_NOT_FOUND);
  expect_idle ("showing an unknown number");
  memset (&err, 0, sizeof err);
  ck_assert_int_eq (dokus_payment_add (book, "2099-9999", "1.00", "2026-11-26", NULL, NULL,
                                       &err),
                    DOKUS_ERR_NOT_FOUND);
  expect_idle ("paying an unknown number");
  /* numbers[3] (quantity 3 % 3 + 1 = 1): 1 x 100.00 at 21 % + 20.00 at 6 %
   * = 121.00 + 21.20 = 142.20 open, so 142.21 is one cent too much */
  memset (&err, 0, sizeof err);
  ck_assert_int_ne (dokus_payment_add (book, numbers[3], "142.21", "2026-11-26", NULL, NULL,
                                       &err),
                    DOKUS_OK);
  expect_idle ("a refused overpayment");
}
END_TEST

static Suite *
document_stmt_cache_suite (void)
{
  Suite *s = suite_create ("document-stmt-cache");
  TCase *tc = tcase_create ("cache");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_exports_and_shows_leave_nothing_open);
  tcase_add_test (tc, test_error_paths_leave_nothing_open);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (document_stmt_cache_suite ());
}

/* check-query-plans.c
 *
 * Suite "query-plans": what the period reports read, checked on SQLite's
 * own query plans, so that a change to a query or an index cannot
 * silently bring back the reads of whole document and purchase rows that
 * made the first VAT return and dashboard on a large book slow
 * (bench/README.md, "dokus-bench-ledger"). Every statement a call runs is
 * caught with sqlite3_trace_v2 on the book's connection and explained
 * (EXPLAIN QUERY PLAN) afterwards; the statements are the library's own,
 * not copies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-test-helpers.h"

#define PROFILE                                                                            \
  "{\"name\":\"Janssens & Co\",\"enterprise_number\":\"0417497106\",\"vat_period\":"       \
  "\"quarter\",\"address\":{\"street\":\"Veldstraat 1\",\"postal_code\":\"9000\","         \
  "\"city\":\"Gent\",\"country\":\"BE\"},\"email\":\"boek@janssens.be\"}"

static char *dir;
static DokusBook *book;

/* The statements a call ran, in order, without repeats. */
typedef struct {
  char  *sql[64];
  size_t n;
} Caught;

static int
catch_statement (unsigned type, void *data, void *stmt, void *text)
{
  Caught *c = data;
  const char *sql = sqlite3_sql (stmt);

  (void) type;
  (void) text;
  if (sql == NULL || c->n == sizeof c->sql / sizeof c->sql[0])
    return 0;
  for (size_t i = 0; i < c->n; i++)
    if (strcmp (c->sql[i], sql) == 0)
      return 0;
  c->sql[c->n++] = strdup (sql);
  return 0;
}

/* Appends the plan of @sql to @plan, one "detail" per line. */
static void
explain (sqlite3 *db, const char *sql, char *plan, size_t size)
{
  sqlite3_stmt *stmt = NULL;
  char *eqp = sqlite3_mprintf ("EXPLAIN QUERY PLAN %s", sql);

  ck_assert_msg (sqlite3_prepare_v2 (db, eqp, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql,
                 sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      size_t len = strlen (plan);
      snprintf (plan + len, size - len, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_finalize (stmt);
  sqlite3_free (eqp);
}

/* The plans of the statements that @call runs that mention @table (e.g.
 * "FROM expenses"), all in one text; (transfer full) free() it. */
/* Whether @sql holds one of @needles ("a|b|c"). */
static bool
matches_any (const char *sql, const char *needles)
{
  while (*needles != '\0')
    {
      size_t len = strcspn (needles, "|");
      for (const char *p = sql; (p = strchr (p, needles[0])) != NULL; p++)
        if (strncmp (p, needles, len) == 0)
          return true;
      needles += len + (needles[len] == '|');
    }
  return false;
}

static char *
plans_of (DokusStatus (*call) (DokusBook *, char **, DokusError *), const char *table)
{
  sqlite3 *db = dokus_book_get_db (book);
  Caught caught = { 0 };
  DokusError err = { 0 };
  char *json = NULL, *plan = calloc (1, 16384);
  DokusStatus st;

  ck_assert_ptr_nonnull (plan);
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, catch_statement, &caught);
  st = call (book, &json, &err);
  sqlite3_trace_v2 (db, 0, NULL, NULL);
  ck_assert_msg (st == DOKUS_OK, "%s (%s)", err.message, err.field);
  free (json);
  for (size_t i = 0; i < caught.n; i++)
    {
      if (matches_any (caught.sql[i], table))
        explain (db, caught.sql[i], plan, 16384);
      free (caught.sql[i]);
    }
  return plan;
}

/* No line of @plan reads a row of @alias's table (alias @alias, or the
 * table @name itself in a subquery): each reads a covering index. */
static void
assert_rows_never_read (const char *plan, const char *alias, const char *name)
{
  char line[512];
  const char *p = plan;

  while (sscanf (p, "%511[^\n]", line) == 1)
    {
      char scan_alias[64], search_alias[64], scan_name[64], search_name[64];
      snprintf (scan_alias, sizeof scan_alias, "SCAN %s", alias);
      snprintf (search_alias, sizeof search_alias, "SEARCH %s ", alias);
      snprintf (scan_name, sizeof scan_name, "SCAN %s", name);
      snprintf (search_name, sizeof search_name, "SEARCH %s ", name);
      ck_assert_msg (strncmp (line, scan_alias, strlen (scan_alias)) != 0
                       && strncmp (line, scan_name, strlen (scan_name)) != 0,
                     "a whole table read: %s\n%s", line, plan);
      if (strncmp (line, search_alias, strlen (search_alias)) == 0
          || strncmp (line, search_name, strlen (search_name)) == 0)
        ck_assert_msg (strstr (line, "COVERING INDEX") != NULL, "rows read: %s\n%s", line,
                       plan);
      p += strlen (line);
      if (*p == '\n')
        p++;
    }
  ck_assert_msg (strstr (plan, "TEMP B-TREE") == NULL, "a sort:\n%s", plan);
}

static void
expect_in_plan (const char *plan, const char *needle)
{
  ck_assert_msg (strstr (plan, needle) != NULL, "no \"%s\" in the plan:\n%s", needle, plan);
}

static DokusStatus
vat_return_q3 (DokusBook *b, char **json, DokusError *err)
{
  return dokus_vat_return (b, "2026-Q3", json, err);
}

static void
setup (void)
{
  ck_assert (sodium_init () >= 0);
  setenv ("DOKUS_NOW", "2026-10-10T09:00:00Z", 1);
  setenv ("DOKUS_TODAY", "2026-10-10", 1);
  book = dokus_test_book_new (&dir, NULL);
  dokus_test_set_profile (book, PROFILE);
}

static void
teardown (void)
{
  dokus_test_book_free (&book, NULL, &dir);
}

START_TEST (test_plan_vat_return_sales_from_indexes)
{
  /* the period's VAT rows side by side (schema/book/0014), by key range:
   * no document row, no document_vat row, no sort */
  char *plan = plans_of (vat_return_q3, "FROM document_vat_by_date");

  expect_in_plan (plan,
                  "SEARCH document_vat_by_date USING PRIMARY KEY (issue_date>? AND issue_date<?)");
  ck_assert_msg (strstr (plan, "\n") == strrchr (plan, '\n'), "one step only:\n%s", plan);
  ck_assert_msg (strstr (plan, "TEMP B-TREE") == NULL, "a sort:\n%s", plan);
  free (plan);
  plan = plans_of (vat_return_q3, "FROM documents|document_vat |JOIN document_vat");
  ck_assert_msg (plan[0] == '\0', "documents read:\n%s", plan);
  free (plan);
}
END_TEST

START_TEST (test_plan_vat_return_purchases_from_indexes)
{
  char *plan = plans_of (vat_return_q3, "FROM expenses");

  /* the purchases from their covering index, their lines side by side by
   * date (0014), not from expense_lines keyed by the purchase's id */
  expect_in_plan (plan, "SEARCH e USING COVERING INDEX expenses_by_period");
  expect_in_plan (plan, "SEARCH l USING PRIMARY KEY (date=? AND expense_rowid=?)");
  ck_assert_msg (strstr (plan, "expense_id") == NULL, "expense_lines read:\n%s", plan);
  assert_rows_never_read (plan, "e", "expenses");
  free (plan);
}
END_TEST

START_TEST (test_plan_dashboard_period_from_indexes)
{
  /* the VAT estimate's purchases are read beside the balance pass, on the
   * book's side connection (which this trace does not see: their query is
   * the VAT return's, test_plan_vat_return_purchases_from_indexes); here
   * only the last purchase's rowid, from the table's b-tree; and the
   * quarter's and the year's sales sums */
  char *plan = plans_of (dokus_report_dashboard, "FROM expenses");

  ck_assert_msg (strstr (plan, "expenses_by_period") == NULL, "purchases read here:\n%s", plan);
  expect_in_plan (plan, "SEARCH expenses");
  free (plan);
  plan = plans_of (dokus_report_dashboard, "issue_date BETWEEN");
  expect_in_plan (plan, "USING COVERING INDEX documents_vat_period");
  assert_rows_never_read (plan, "d", "documents");
  free (plan);
}
END_TEST

START_TEST (test_plan_balances_from_indexes)
{
  /* the derived balances of every document (dokus-balances.c): the
   * documents from their slots (schema/book/0015), the payments from
   * theirs, the credit notes from their index, each with its link (0013);
   * no document or payment row read */
  char *plan = plans_of (dokus_report_dashboard,
                         "FROM settlement_slots|FROM payment_slots|credit_links");
  char side[1024] = "";

  expect_in_plan (plan, "SCAN settlement_slots");
  ck_assert_msg (strstr (plan, "SCAN documents") == NULL, "documents read:\n%s", plan);
  expect_in_plan (plan, "COVERING INDEX documents_credit_notes");
  expect_in_plan (plan, "SEARCH l USING INTEGER PRIMARY KEY (rowid=?)");
  assert_rows_never_read (plan, "payments", "payments");
  /* the payments are read on the book's side connection, another thread
   * (which this trace does not see): up to the last one this transaction
   * sees, by rowid */
  ck_assert_msg (strstr (plan, "payment_slots") == NULL, "payments read here:\n%s", plan);
  free (plan);
  explain (dokus_book_get_db (book), "SELECT block, slots FROM payment_slots WHERE block <= ?1",
           side, sizeof side);
  expect_in_plan (side, "SEARCH payment_slots USING INTEGER PRIMARY KEY (rowid<?)");
}
END_TEST

static Suite *
query_plans_suite (void)
{
  Suite *s = suite_create ("query-plans");
  TCase *covering = tcase_create ("covering");

  tcase_add_checked_fixture (covering, setup, teardown);
  tcase_add_test (covering, test_plan_vat_return_sales_from_indexes);
  tcase_add_test (covering, test_plan_vat_return_purchases_from_indexes);
  tcase_add_test (covering, test_plan_dashboard_period_from_indexes);
  tcase_add_test (covering, test_plan_balances_from_indexes);
  suite_add_tcase (s, covering);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (query_plans_suite ());
}

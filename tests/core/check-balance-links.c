/* check-balance-links.c
 *
 * Suite "balance-links": payment_links and credit_links
 * (schema/book/0013) and settlement_slots and payment_slots (0015), what
 * the derived balances of a whole book are read from
 * (core/ledger/dokus-balances.c). Triggers keep them
 * as payments are recorded and credit notes drafted, deleted and issued;
 * the statuses read through them are the ones worked out by hand below;
 * and `audit verify` names a payment or credit note whose link was
 * tampered with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sodium.h>

#include "dokus-test-helpers.h"

static char *dir, *book_path;
static DokusBook *book;
static sqlite3 *db;
/* A: 3 x 100.00 at 21 % = 363.00; B: 1 x 200.00 at 21 % = 242.00 */
static char number_a[DOKUS_NUMBER_TEXT], number_b[DOKUS_NUMBER_TEXT];

static void
issue (const char *client, const char *quantity, const char *price, char number[DOKUS_NUMBER_TEXT])
{
  char json[512];

  snprintf (json, sizeof json,
            "{\"client\":\"%s\",\"issue_date\":\"2026-10-01\",\"payment_terms_days\":30,"
            "\"lines\":[{\"description\":\"Design\",\"quantity\":\"%s\",\"unit_price\":\"%s\","
            "\"vat_rate\":\"21\"}]}",
            client, quantity, price);
  dokus_test_issue_invoice (book, json, number);
}

static void
setup (void)
{
  char client[DOKUS_ID_TEXT];

  ck_assert (sodium_init () >= 0);
  setenv ("DOKUS_NOW", "2026-11-26T09:00:00Z", 1);
  setenv ("DOKUS_TODAY", "2026-11-26", 1);
  book = dokus_test_book_new (&dir, &book_path);
  db = dokus_book_get_db (book);
  dokus_test_set_profile (book, NULL);
  dokus_test_add_client (book, NULL, client);
  issue (client, "3", "100.00", number_a);
  issue (client, "1", "200.00", number_b);
}

static void
teardown (void)
{
  dokus_test_book_free (&book, &book_path, &dir);
}

static void
pay (const char *number, const char *amount, char id[DOKUS_ID_TEXT])
{
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *o;

  ck_assert_msg (dokus_payment_add (book, number, amount, "2026-11-20", NULL, &json, &err)
                   == DOKUS_OK,
                 "payment on %s: %s", number, err.message);
  o = cJSON_Parse (json);
  ck_assert (cJSON_IsString (cJSON_GetObjectItem (o, "id")));
  snprintf (id, DOKUS_ID_TEXT, "%s", cJSON_GetObjectItem (o, "id")->valuestring);
  cJSON_Delete (o);
  free (json);
}

/* A commit by @other (another connection to the book), so that this
 * connection's kept balance pass is stale and the next call that needs it
 * computes one. */
static void
stale_the_kept_pass (DokusBook *other)
{
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];

  ck_assert_msg (dokus_client_add (other, "{\"name\":\"Jan Peeters\",\"kind\":\"person\","
                                          "\"address\":{\"country\":\"BE\"}}",
                                   id, &err) == DOKUS_OK,
                 "%s", err.message);
}

/* "NUMBER:status:open" of every document with @status, by number, as the
 * list filtered by status (the whole-book pass) gives them. */
static char *
listed (const char *status)
{
  DokusDocumentQuery q = { .status = status, .sort = "number" };
  DokusError err = { 0 };
  char *json = NULL, buf[512] = "";
  cJSON *o, *row;

  ck_assert_msg (dokus_document_query (book, &q, &json, &err) == DOKUS_OK, "%s", err.message);
  o = cJSON_Parse (json);
  cJSON_ArrayForEach (row, cJSON_GetObjectItem (o, "invoices"))
    {
      size_t len = strlen (buf);
      snprintf (buf + len, sizeof buf - len, "%s%s:%s:%s", len ? " " : "",
                cJSON_GetObjectItem (row, "number")->valuestring,
                cJSON_GetObjectItem (row, "status")->valuestring,
                cJSON_GetObjectItem (row, "open_amount")->valuestring);
    }
  cJSON_Delete (o);
  free (json);
  return strdup (buf);
}

static void
expect_listed (const char *status, const char *want)
{
  char *got = listed (status);
  ck_assert_msg (strcmp (got, want) == 0, "status %s: got \"%s\", want \"%s\"", status, got,
                 want);
  free (got);
}

/* dokus_audit_verify's verdict: "" or its problem. */
static char *
verify (void)
{
  return dokus_test_audit_problem (book);
}

static int
count (const char *sql)
{
  return (int) dokus_test_query_int (db, sql);
}

START_TEST (test_links_follow_payments_and_credit_notes)
{
  DokusError err = { 0 };
  char pay_a[DOKUS_ID_TEXT], refund[DOKUS_ID_TEXT], draft[DOKUS_ID_TEXT], cn[DOKUS_ID_TEXT];
  char cn_number[DOKUS_NUMBER_TEXT], *problem;
  DokusIssueResult res;

  /* a payment of 100.00 on A: linked to A's rowid, with its amount */
  pay (number_a, "100.00", pay_a);
  ck_assert_int_eq (count ("SELECT count(*) FROM payment_links l JOIN payments p"
                           " ON p.rowid = l.payment_rowid JOIN documents d"
                           " ON d.rowid = l.document_rowid"
                           " WHERE d.number = '2026-0001' AND l.amount = 10000"),
                    1);
  expect_listed ("partially_paid", "2026-0001:partially_paid:263.00");
  expect_listed ("issued", "2026-0002:issued:242.00");

  /* a draft credit note on B is linked, and its link goes with it */
  ck_assert_msg (dokus_invoice_credit (book, number_b, NULL, draft, &err) == DOKUS_OK, "%s",
                 err.message);
  ck_assert_int_eq (count ("SELECT count(*) FROM credit_links l JOIN documents i"
                           " ON i.rowid = l.invoice_rowid WHERE i.number = '2026-0002'"),
                    1);
  expect_listed ("issued", "2026-0002:issued:242.00"); /* a draft credits nothing */
  ck_assert_msg (dokus_document_delete_draft (book, draft, &err) == DOKUS_OK, "%s", err.message);
  ck_assert_int_eq (count ("SELECT count(*) FROM credit_links"), 0);

  /* A credited whole (363.00) after 100.00 was paid: 263.00 of the credit
   * note settles A, the 100.00 left is the credit note's to refund */
  ck_assert_msg (dokus_invoice_credit (book, number_a, NULL, cn, &err) == DOKUS_OK, "%s",
                 err.message);
  ck_assert_msg (dokus_document_issue (book, cn, &res, &err) == DOKUS_OK, "%s", err.message);
  memcpy (cn_number, res.number, DOKUS_NUMBER_TEXT);
  ck_assert_str_eq (cn_number, "CN-2026-0001");
  expect_listed ("credited", "2026-0001:credited:0.00");
  expect_listed ("issued", "2026-0002:issued:242.00 CN-2026-0001:issued:100.00");
  /* refunded: the credit note is paid */
  pay (cn_number, "100.00", refund);
  expect_listed ("paid", "CN-2026-0001:paid:0.00");
  ck_assert_int_eq (count ("SELECT count(*) FROM payment_links"), 2);
  ck_assert_int_eq (count ("SELECT count(*) FROM credit_links l JOIN documents c"
                           " ON c.rowid = l.credit_rowid JOIN documents i"
                           " ON i.rowid = l.invoice_rowid"
                           " WHERE c.number = 'CN-2026-0001' AND i.number = '2026-0001'"),
                    1);
  problem = verify ();
  ck_assert_str_eq (problem, "");
  free (problem);
}
END_TEST

START_TEST (test_links_refuse_changes)
{
  char id[DOKUS_ID_TEXT];
  char *msg = NULL;

  pay (number_b, "42.00", id);
  ck_assert_int_ne (sqlite3_exec (db, "UPDATE payment_links SET amount = 1", NULL, NULL, &msg),
                    SQLITE_OK);
  ck_assert_msg (strstr (msg, "payment links are kept by their triggers") != NULL, "%s", msg);
  sqlite3_free (msg);
  ck_assert_int_ne (sqlite3_exec (db, "DELETE FROM payment_links", NULL, NULL, NULL), SQLITE_OK);
  ck_assert_int_eq (count ("SELECT amount FROM payment_links"), 4200);
}
END_TEST

START_TEST (test_verify_names_a_tampered_payment_link)
{
  char id[DOKUS_ID_TEXT], want[256], *problem;

  pay (number_a, "50.00", id);
  pay (number_b, "42.00", id); /* the second one is tampered with */
  /* as someone with the sqlite3 shell would: the guard first */
  dokus_test_exec (db, "DROP TRIGGER payment_links_kept_update");
  dokus_test_exec (db, "UPDATE payment_links SET amount = 4300 WHERE amount = 4200");
  problem = verify ();
  snprintf (want, sizeof want,
            "payment %s: its entry in payment_links names another document or amount", id);
  ck_assert_str_eq (problem, want);
  free (problem);
  /* pointed at the other invoice, with the right amount: named too */
  dokus_test_exec (db, "UPDATE payment_links SET amount = 4200, document_rowid ="
                       " (SELECT rowid FROM documents WHERE number = '2026-0001')"
                       " WHERE amount = 4300");
  problem = verify ();
  ck_assert_str_eq (problem, want);
  free (problem);
  /* gone */
  dokus_test_exec (db, "DROP TRIGGER payment_links_kept_delete");
  dokus_test_exec (db, "DELETE FROM payment_links WHERE amount = 4200");
  problem = verify ();
  snprintf (want, sizeof want, "payment %s: missing from payment_links", id);
  ck_assert_str_eq (problem, want);
  free (problem);
}
END_TEST

START_TEST (test_verify_names_a_tampered_credit_link)
{
  DokusError err = { 0 };
  char cn[DOKUS_ID_TEXT], want[256], *problem;

  ck_assert_msg (dokus_invoice_credit (book, number_a, "{\"lines\":[{\"description\":\"Design\","
                                                       "\"quantity\":\"1\",\"unit_price\":"
                                                       "\"100.00\",\"vat_rate\":\"21\"}]}",
                                       cn, &err) == DOKUS_OK,
                 "%s", err.message);
  dokus_test_exec (db, "UPDATE credit_links SET invoice_rowid ="
                       " (SELECT rowid FROM documents WHERE number = '2026-0002')");
  problem = verify ();
  snprintf (want, sizeof want,
            "credit note %s: its entry in credit_links is missing or names another invoice", cn);
  ck_assert_str_eq (problem, want);
  free (problem);
  dokus_test_exec (db, "DELETE FROM credit_links");
  problem = verify ();
  ck_assert_str_eq (problem, want);
  free (problem);
}
END_TEST

/* The slot of document @number in settlement_slots (schema/book/0015). */
static char *
document_slot (const char *number)
{
  char sql[512];

  snprintf (sql, sizeof sql,
            "SELECT substr(s.slots, d.rowid %% 256 * 17 + 1, 17) FROM documents d"
            " JOIN settlement_slots s ON s.block = d.rowid / 256 WHERE d.%s",
            number);
  return dokus_test_query_text (db, sql);
}

static void
expect_text (char *got, const char *want)
{
  ck_assert_str_eq (got, want);
  free (got);
}

START_TEST (test_slots_follow_documents_and_payments)
{
  /* schema/book/0015: '0' + six bits a character, most significant first.
   * A: issued ('1'), due 2026-10-31 = 20261031 = 1·64^4 + 13·64^3 + 18·64^2
   * + 34·64 + 39 -> "1=BRW", total 363.00 = 36300 = 8·64^2 + 55·64 + 12 ->
   * "000000008g<" */
  DokusError err = { 0 };
  char draft[DOKUS_ID_TEXT], id[DOKUS_ID_TEXT], *problem;
  sqlite3_int64 draft_rowid;

  ck_assert_int_eq (count ("SELECT rowid FROM documents WHERE number = '2026-0001'"), 1);
  expect_text (document_slot ("number = '2026-0001'"), "11=BRW000000008g<");
  /* sent: '2', nothing else changes */
  dokus_test_exec (db, "UPDATE documents SET state = 'sent' WHERE number = '2026-0001'");
  expect_text (document_slot ("number = '2026-0001'"), "21=BRW000000008g<");
  /* a payment of 50.00 on A (rowid 1): "000001", 5000 = 64^2 + 14·64 + 8 */
  pay (number_a, "50.00", id);
  expect_text (dokus_test_query_text (db, "SELECT substr(slots, p.rowid % 256 * 17 + 1, 17)"
                                          " FROM payments p JOIN payment_slots s"
                                          " ON s.block = p.rowid / 256"),
               "000001000000001>8");
  /* a draft without a due date or total: '0', 0, 0; deleted: '-' */
  ck_assert_msg (dokus_invoice_create (book, "{\"client\":\"Atelier Lumiere SRL\","
                                             "\"lines\":[{\"description\":\"X\","
                                             "\"quantity\":\"1\",\"unit_price\":\"1.00\","
                                             "\"vat_rate\":\"21\"}]}",
                                       draft, &err) == DOKUS_OK,
                 "%s", err.message);
  draft_rowid = count ("SELECT max(rowid) FROM documents");
  expect_text (document_slot ("state = 'draft'"), "00000000000000000");
  ck_assert_msg (dokus_document_delete_draft (book, draft, &err) == DOKUS_OK, "%s", err.message);
  {
    char sql[256];
    snprintf (sql, sizeof sql,
              "SELECT substr(slots, %lld %% 256 * 17 + 1, 17) FROM settlement_slots"
              " WHERE block = %lld / 256",
              (long long) draft_rowid, (long long) draft_rowid);
    expect_text (dokus_test_query_text (db, sql), "-0000000000000000");
  }
  expect_listed ("partially_paid", "2026-0001:partially_paid:313.00");
  problem = verify ();
  ck_assert_str_eq (problem, "");
  free (problem);
}
END_TEST

START_TEST (test_verify_names_tampered_slots)
{
  char id[DOKUS_ID_TEXT], want[256], *problem;

  pay (number_b, "42.00", id);
  /* A's total one character off, as someone with the sqlite3 shell would */
  dokus_test_exec (db, "UPDATE settlement_slots SET slots = substr(slots, 1, 33)"
                       " || '=' || substr(slots, 35) WHERE block = 0");
  problem = verify ();
  ck_assert_str_eq (problem,
                    "document 2026-0001: its slot in settlement_slots is missing or differs");
  free (problem);
  dokus_test_exec (db, "UPDATE settlement_slots SET slots = substr(slots, 1, 33)"
                       " || '<' || substr(slots, 35) WHERE block = 0");
  problem = verify ();
  ck_assert_str_eq (problem, "");
  free (problem);
  /* a slot for a document that does not exist (rowid 200) */
  dokus_test_exec (db, "UPDATE settlement_slots SET slots = substr(slots, 1, 200 * 17)"
                       " || '10000000000000001' || substr(slots, 201 * 17 + 1) WHERE block = 0");
  problem = verify ();
  ck_assert_str_eq (problem, "settlement_slots slot of document #200: no such document");
  free (problem);
  dokus_test_exec (db, "UPDATE settlement_slots SET slots = substr(slots, 1, 200 * 17)"
                       " || '-0000000000000000' || substr(slots, 201 * 17 + 1) WHERE block = 0");
  /* the payment's amount changed in its slot */
  dokus_test_exec (db, "UPDATE payment_slots SET slots = substr(slots, 1, 33)"
                       " || '9' || substr(slots, 35) WHERE block = 0");
  problem = verify ();
  snprintf (want, sizeof want, "payment %s: its slot in payment_slots is missing or differs", id);
  ck_assert_str_eq (problem, want);
  free (problem);
}
END_TEST

START_TEST (test_pass_refuses_an_unreadable_slot)
{
  DokusDocumentQuery q = { .status = "paid" };
  DokusError err = { 0 };
  char *json = NULL;

  /* A's state character made something no trigger writes */
  dokus_test_exec (db, "UPDATE settlement_slots SET slots = substr(slots, 1, 17) || '7'"
                       " || substr(slots, 19) WHERE block = 0");
  ck_assert_int_eq (dokus_document_query (book, &q, &json, &err), DOKUS_ERR_CORRUPT);
  ck_assert_ptr_null (json);
  ck_assert_msg (strstr (err.message, "settlement_slots: document rowid 1") != NULL, "%s",
                 err.message);
}
END_TEST

START_TEST (test_pass_sees_this_transaction_and_no_later_commit)
{
  /* The pass reads the payments on the book's side connection, another
   * thread, whose read begins later than the caller's transaction. Two
   * moments it must not mix up (dokus-balances.c): */
  DokusError err = { 0 };
  DokusBook *other = NULL;
  char id[DOKUS_ID_TEXT], *json = NULL;

  pay (number_a, "100.00", id);
  expect_listed ("partially_paid", "2026-0001:partially_paid:263.00");

  /* 1. a payment this very transaction wrote (not committed: the side
   * connection cannot see it) counts: A is paid */
  dokus_test_exec (db, "BEGIN IMMEDIATE");
  dokus_test_exec (db, "INSERT INTO payments (id, document_id, amount, date, created_at)"
                       " SELECT '11111111-2222-4333-8444-555555555555', id, 26300, '2026-11-25',"
                       " '2026-11-26T09:00:00Z' FROM documents WHERE number = '2026-0001'");
  expect_listed ("paid", "2026-0001:paid:0.00");
  expect_listed ("partially_paid", "");
  dokus_test_exec (db, "ROLLBACK");
  expect_listed ("partially_paid", "2026-0001:partially_paid:263.00");

  /* 2. a payment another connection commits while this one's read
   * transaction is open (the side connection, beginning later, would see
   * it) does not count until this transaction ends */
  ck_assert_msg (dokus_book_open (book_path, "pw", &other, &err) == DOKUS_OK, "%s", err.message);
  /* (a commit of the other's first, so that this connection's kept pass
   * is stale and the next list computes one, inside the transaction) */
  stale_the_kept_pass (other);
  dokus_test_exec (db, "BEGIN");
  ck_assert_int_eq (count ("SELECT count(*) FROM payments"), 1); /* the read begins here */
  ck_assert_msg (dokus_payment_add (other, number_b, "242.00", "2026-11-25", NULL, &json, &err)
                   == DOKUS_OK,
                 "%s", err.message);
  free (json);
  expect_listed ("paid", "");
  expect_listed ("issued", "2026-0002:issued:242.00");
  dokus_test_exec (db, "COMMIT");
  expect_listed ("paid", "2026-0002:paid:0.00");
  dokus_book_close (other);
}
END_TEST

/* The dashboard's deductible VAT of the running quarter. */
static char *
dashboard_deductible (void)
{
  DokusError err = { 0 };
  char *json = NULL, *out;
  cJSON *o;

  ck_assert_msg (dokus_report_dashboard (book, &json, &err) == DOKUS_OK, "%s", err.message);
  o = cJSON_Parse (json);
  out = strdup (
    cJSON_GetObjectItem (cJSON_GetObjectItem (o, "vat"), "deductible_vat")->valuestring);
  cJSON_Delete (o);
  free (json);
  return out;
}

START_TEST (test_dashboard_purchases_beside_the_pass_see_one_moment)
{
  /* the VAT estimate's purchases are read on the side connection beside
   * the balance pass: a purchase another connection commits while the
   * dashboard's transaction is open is not in it until the next one */
  DokusError err = { 0 };
  DokusBook *other = NULL;
  char id[DOKUS_ID_TEXT], *got;

  ck_assert_msg (dokus_book_open (book_path, "pw", &other, &err) == DOKUS_OK, "%s", err.message);
  got = dashboard_deductible ();
  ck_assert_str_eq (got, "0.00");
  free (got);
  /* a commit of the other's first, so that the kept pass is stale */
  stale_the_kept_pass (other);
  dokus_test_exec (db, "BEGIN");
  ck_assert_int_eq (count ("SELECT count(*) FROM expenses"), 0); /* the read begins here */
  /* a domestic purchase in the quarter: 100.00 + 21.00 VAT, all of it
   * recoverable */
  ck_assert_msg (dokus_expense_add (other,
                                    "{\"date\":\"2026-11-20\",\"supplier\":{\"name\":"
                                    "\"Softco\",\"country\":\"BE\"},\"number\":\"S-1\","
                                    "\"category\":\"software\",\"kind\":\"services\","
                                    "\"vat_treatment\":\"domestic\",\"lines\":[{\"base\":"
                                    "\"100.00\",\"vat_rate\":\"21\",\"vat_amount\":\"21.00\"}],"
                                    "\"deductible_percent\":\"100\","
                                    "\"vat_recoverable_percent\":\"100\"}",
                                    NULL, 0, id, &err) == DOKUS_OK,
                 "%s", err.message);
  got = dashboard_deductible ();
  ck_assert_str_eq (got, "0.00");
  free (got);
  dokus_test_exec (db, "COMMIT");
  got = dashboard_deductible ();
  ck_assert_str_eq (got, "21.00");
  free (got);
  dokus_book_close (other);
}
END_TEST

static Suite *
balance_links_suite (void)
{
  Suite *s = suite_create ("balance-links");
  TCase *tc = tcase_create ("links");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_links_follow_payments_and_credit_notes);
  tcase_add_test (tc, test_links_refuse_changes);
  tcase_add_test (tc, test_verify_names_a_tampered_payment_link);
  tcase_add_test (tc, test_verify_names_a_tampered_credit_link);
  tcase_add_test (tc, test_slots_follow_documents_and_payments);
  tcase_add_test (tc, test_verify_names_tampered_slots);
  tcase_add_test (tc, test_pass_refuses_an_unreadable_slot);
  tcase_add_test (tc, test_pass_sees_this_transaction_and_no_later_commit);
  tcase_add_test (tc, test_dashboard_purchases_beside_the_pass_see_one_moment);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (balance_links_suite ());
}

/* check-ledger.c
 *
 * Suite "ledger": the sales ledger through the public API with JSON input
 * (dokus-ledger.h): continuous numbering per series, issued documents
 * frozen, credit notes, payments, derived status and overdue, VAT
 * categories with their mentions and VATEX codes in the client's
 * language, the franchise scheme, structured communications,
 * effective-dated VAT rates, due dates, strict input and the audit trail.
 * Expected figures and strings are written by hand, the working in a
 * comment; JSON input is written with ' for " (see js()).
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

/* the clients every test has */
static char be_co[DOKUS_ID_TEXT];     /* Belgian company, VAT number, language nl */
static char be_fr[DOKUS_ID_TEXT];     /* Belgian company, VAT number, language fr */
static char be_person[DOKUS_ID_TEXT]; /* Belgian private person, no VAT number */
static char be_terms[DOKUS_ID_TEXT];  /* Belgian person with 14 days' payment terms */
static char nl_co[DOKUS_ID_TEXT];     /* Dutch company (language nl) */
static char fr_co[DOKUS_ID_TEXT];     /* French company (language fr) */
static char us_co[DOKUS_ID_TEXT];     /* outside the EU (language en) */

static cJSON *garbage[256];
static size_t n_garbage;

/* One line of 1 × 100.00 at 21 %: net 100.00, VAT 21.00, total 121.00. */
#define LINE_121 \
  "{'description': 'Consultancy', 'quantity': '1', 'unit_price': '100.00', 'vat_rate': '21'}"

static void
expect_error (DokusStatus st, const DokusError *err, DokusStatus code, const char *field)
{
  ck_assert_msg (st == code && strcmp (err->field, field) == 0,
                 "expected %s on %s, got %s: %s (%s)", dokus_status_name (code), field,
                 dokus_status_name (st), err->message, err->field);
  ck_assert_int_eq (err->code, code);
  ck_assert_str_eq (err->field, field);
  ck_assert (err->message[0] != '\0');
}

static void
set_profile (const char *extra)
{
  dokus_test_set_profile (
    book, dokus_test_js (
            "{'name': 'Studio Maes', 'enterprise_number': '0203.201.340', 'address': {'street': "
            "'Veldstraat 1', 'postal_code': '9000', 'city': 'Gent', 'country': 'BE'}%s}",
            extra ? extra : ""));
}

static void
setup (void)
{
  setenv ("DOKUS_TODAY", "2026-03-02", 1);
  book = dokus_test_book_new (&dir, NULL);
  db = dokus_book_get_db (book);
  set_profile (NULL);
  dokus_test_add_client (
    book,
    dokus_test_js ("{'name': 'Atelier Lumière SRL', 'vat_number': 'BE0417497106', 'address': "
                   "{'street': 'Rue Haute 48', 'postal_code': '1000', 'city': 'Brussel', "
                   "'country': 'BE'}}"),
    be_co);
  dokus_test_add_client (
    book,
    dokus_test_js ("{'name': 'Bureau Lefèvre SRL', 'vat_number': 'BE0123456749', 'language': "
                   "'fr', 'address': {'city': 'Namur', 'country': 'BE'}}"),
    be_fr);
  dokus_test_add_client (
    book, dokus_test_js ("{'name': 'Jan Peeters', 'address': {'city': 'Leuven', 'country': 'BE'}}"),
    be_person);
  dokus_test_add_client (
    book,
    dokus_test_js ("{'name': 'Snel Peeters', 'payment_terms_days': 14, 'address': "
                   "{'city': 'Hasselt', 'country': 'BE'}}"),
    be_terms);
  dokus_test_add_client (
    book,
    dokus_test_js ("{'name': 'Kanaalkade Media BV', 'vat_number': 'NL004495445B01', 'address': "
                   "{'city': 'Amsterdam', 'country': 'NL'}}"),
    nl_co);
  dokus_test_add_client (
    book,
    dokus_test_js ("{'name': 'Maison Verte SAS', 'vat_number': 'FR40303265045', 'address': "
                   "{'city': 'Paris', 'country': 'FR'}}"),
    fr_co);
  dokus_test_add_client (
    book, dokus_test_js ("{'name': 'Acme Inc', 'address': {'city': 'Boston', 'country': 'US'}}"),
    us_co);
}

static void
teardown (void)
{
  for (size_t i = 0; i < n_garbage; i++)
    cJSON_Delete (garbage[i]);
  n_garbage = 0;
  dokus_test_book_free (&book, NULL, &dir);
  db = NULL;
}

/* Parses @json (taking it) and keeps it until teardown. */
static cJSON *
keep_json (char *json)
{
  cJSON *o = cJSON_Parse (json);
  ck_assert_msg (o != NULL, "not JSON: %s", json);
  free (json);
  ck_assert_uint_lt (n_garbage, sizeof garbage / sizeof garbage[0]);
  garbage[n_garbage++] = o;
  return o;
}

/* The value at @path in @o ("totals.tax_amount", "vat_breakdown[1].rate")
 * as text: strings as they are, null as "null", true/false, whole numbers;
 * fails the test if there is no such member. */
static const char *
get (const cJSON *o, const char *path)
{
  static char ring[16][64];
  static unsigned next;
  char key[64];
  const char *p = path;

  while (*p)
    {
      size_t n = strcspn (p, ".[");
      if (n > 0)
        {
          snprintf (key, sizeof key, "%.*s", (int) n, p);
          ck_assert_msg (cJSON_IsObject (o), "%s: not an object before '%s'", path, key);
          o = cJSON_GetObjectItemCaseSensitive (o, key);
          ck_assert_msg (o != NULL, "%s: no member '%s'", path, key);
          p += n;
        }
      if (*p == '[')
        {
          int i = atoi (p + 1);
          ck_assert_msg (cJSON_IsArray (o) && i < cJSON_GetArraySize (o), "%s: no item %d", path,
                         i);
          o = cJSON_GetArrayItem (o, i);
          p = strchr (p, ']') + 1;
        }
      if (*p == '.')
        p++;
    }
  if (cJSON_IsString (o))
    return o->valuestring;
  if (cJSON_IsNull (o))
    return "null";
  if (cJSON_IsBool (o))
    return cJSON_IsTrue (o) ? "true" : "false";
  ck_assert_msg (cJSON_IsNumber (o), "%s: not a string, number, bool or null", path);
  snprintf (ring[next % 16], sizeof ring[0], "%lld", (long long) o->valuedouble);
  return ring[next++ % 16];
}

static int
count (const cJSON *o, const char *key)
{
  const cJSON *a = cJSON_GetObjectItemCaseSensitive (o, key);
  ck_assert_msg (cJSON_IsArray (a), "%s is not an array", key);
  return cJSON_GetArraySize (a);
}

static cJSON *
show (const char *id_or_number)
{
  DokusError err = { 0 };
  char *json = NULL;
  DokusStatus st = dokus_document_show (book, id_or_number, &json, &err);
  ck_assert_msg (st == DOKUS_OK, "show %s: %s", id_or_number, err.message);
  return keep_json (json);
}

/* Issues @id; returns its number (valid for the next 63 calls). */
static const char *
issue_ok (const char *id, DokusIssueResult *out)
{
  static char numbers[64][DOKUS_NUMBER_TEXT];
  static unsigned next;
  char *number = numbers[next++ % 64];
  DokusIssueResult res;
  DokusError err = { 0 };
  DokusStatus st = dokus_document_issue (book, id, &res, &err);

  ck_assert_msg (st == DOKUS_OK, "issue: %s (%s)", err.message, err.field);
  memcpy (number, res.number, DOKUS_NUMBER_TEXT);
  if (out != NULL)
    *out = res;
  return number;
}

/* Creates and issues an invoice; returns its number. */
static const char *
invoice_issued (const char *client, const char *date, const char *lines)
{
  return issue_ok (dokus_test_create_invoice (book, client, date, lines, NULL), NULL);
}

static const char *
credit_ok (const char *invoice, const char *json)
{
  static char ids[16][DOKUS_ID_TEXT];
  static unsigned next;
  char *id = ids[next++ % 16];
  DokusError err = { 0 };
  DokusStatus st = dokus_invoice_credit (book, invoice, json, id, &err);

  ck_assert_msg (st == DOKUS_OK, "credit: %s (%s)", err.message, err.field);
  return id;
}

static cJSON *
pay_ok (const char *document, const char *amount, const char *date)
{
  DokusError err = { 0 };
  char *json = NULL;
  DokusStatus st = dokus_payment_add (book, document, amount, date, "bank", &json, &err);

  ck_assert_msg (st == DOKUS_OK, "payment: %s (%s)", err.message, err.field);
  return keep_json (json);
}

static long long
audit_count (const char *where)
{
  char sql[256];
  snprintf (sql, sizeof sql, "SELECT count(*) FROM audit_log%s%s", where ? " WHERE " : "",
            where ? where : "");
  return dokus_test_query_int (db, sql);
}

/* A line in the book's default category (E in a franchise book). */
#define FRANCHISE_MENTION "Bijzondere vrijstellingsregeling kleine ondernemingen"

static const char *
franchise_line (const char *price)
{
  return dokus_test_js ("{'description': 'Work', 'quantity': '1', 'unit_price': '%s'}", price);
}

/* ---- numbering ----------------------------------------------------------------- */

START_TEST (test_ledger_numbers_invoices_in_series)
{
  const char *a = dokus_test_create_invoice (book, be_co, "2026-03-02", LINE_121, NULL);
  const char *b = dokus_test_create_invoice (book, be_co, "2026-03-05", LINE_121, NULL);
  DokusIssueResult res;
  cJSON *o = show (a);

  /* a draft has no number and shows what it would be */
  ck_assert_str_eq (get (o, "number"), "null");
  ck_assert_str_eq (get (o, "status"), "draft");
  ck_assert_str_eq (get (o, "structured_communication"), "null");
  ck_assert_str_eq (issue_ok (a, &res), "2026-0001");
  ck_assert_str_eq (res.number, "2026-0001");
  ck_assert (!res.franchise_warning);
  ck_assert_str_eq (issue_ok (b, NULL), "2026-0002");
  o = show ("2026-0002");
  ck_assert_str_eq (get (o, "id"), b);
  ck_assert_str_eq (get (o, "type"), "invoice");
  ck_assert_str_eq (get (o, "number"), "2026-0002");
  ck_assert_str_eq (get (o, "status"), "issued");
  ck_assert_str_eq (get (o, "issue_date"), "2026-03-05");
  ck_assert_str_eq (get (o, "client.name"), "Atelier Lumière SRL");
  ck_assert_str_eq (get (o, "seller.name"), "Studio Maes");
  ck_assert_str_eq (get (o, "buyer.vat_number"), "BE0417497106");
  ck_assert_str_eq (get (o, "totals.tax_inclusive_amount"), "121.00");
}
END_TEST

START_TEST (test_ledger_prefix_from_profile)
{
  set_profile (", 'invoice_prefix': 'F'");
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "F2026-0001");
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "F2026-0002");
  /* credit notes keep their own prefix */
  ck_assert_str_eq (issue_ok (credit_ok ("F2026-0001", NULL), NULL), "CN-2026-0001");
  /* a series keeps the prefix it started with; a new one takes the profile's */
  set_profile (", 'invoice_prefix': 'INV/'");
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "F2026-0003");
  ck_assert_str_eq (invoice_issued (be_co, "2027-01-04", LINE_121), "INV/2027-0001");
}
END_TEST

START_TEST (test_ledger_prefix_cannot_take_the_credit_note_series)
{
  DokusError err = { 0 };

  /* "CN-" would make invoice 2026-0001 "CN-2026-0001", a credit note's number */
  expect_error (
    dokus_profile_set (book,
                       dokus_test_js ("{'name': 'x', 'enterprise_number': '0203201340', "
                                      "'invoice_prefix': 'CN-'}"),
                       &err),
    &err, DOKUS_ERR_INVALID, "invoice_prefix");
  set_profile (", 'invoice_prefix': 'CN'");
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "CN2026-0001");
  ck_assert_str_eq (issue_ok (credit_ok ("CN2026-0001", NULL), NULL), "CN-2026-0001");
}
END_TEST

START_TEST (test_ledger_credit_notes_have_their_own_series)
{
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "2026-0001");
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "2026-0002");
  ck_assert_str_eq (issue_ok (credit_ok ("2026-0001", NULL), NULL), "CN-2026-0001");
  ck_assert_str_eq (issue_ok (credit_ok ("2026-0002", NULL), NULL), "CN-2026-0002");
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "2026-0003");
}
END_TEST

START_TEST (test_ledger_new_year_starts_at_0001)
{
  ck_assert_str_eq (invoice_issued (be_co, "2026-12-30", LINE_121), "2026-0001");
  ck_assert_str_eq (invoice_issued (be_co, "2026-12-31", LINE_121), "2026-0002");
  ck_assert_str_eq (invoice_issued (be_co, "2027-01-04", LINE_121), "2027-0001");
  ck_assert_str_eq (
    issue_ok (credit_ok ("2026-0002", dokus_test_js ("{'issue_date': '2027-01-05'}")), NULL),
    "CN-2027-0001");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT last_number FROM series"
                                              " WHERE id = 'invoice/2026'"),
                    2);
}
END_TEST

START_TEST (test_ledger_refuses_issue_date_before_the_last)
{
  const char *early;
  DokusError err = { 0 };
  cJSON *o;

  ck_assert_str_eq (invoice_issued (be_co, "2026-03-10", LINE_121), "2026-0001");
  early = dokus_test_create_invoice (book, be_co, "2026-03-09", LINE_121, NULL);
  expect_error (dokus_document_issue (book, early, NULL, &err), &err, DOKUS_ERR_REFUSED,
                "issue_date");
  ck_assert_ptr_nonnull (strstr (err.message, "2026-03-10"));
  o = show (early); /* still a draft, and no number was used up */
  ck_assert_str_eq (get (o, "status"), "draft");
  ck_assert_str_eq (get (o, "number"), "null");
  /* the same day is fine */
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-10", LINE_121), "2026-0002");
  /* a draft without a date is issued today (DOKUS_TODAY 2026-03-02): too early as well */
  early = dokus_test_create_invoice (book, be_co, NULL, LINE_121, NULL);
  expect_error (dokus_document_issue (book, early, NULL, &err), &err, DOKUS_ERR_REFUSED,
                "issue_date");
  setenv ("DOKUS_TODAY", "2026-03-11", 1);
  ck_assert_str_eq (issue_ok (early, NULL), "2026-0003");
  ck_assert_str_eq (get (show ("2026-0003"), "issue_date"), "2026-03-11");
}
END_TEST

START_TEST (test_ledger_structured_communication)
{
  /* series 2026, number 1: base 2026 × 10^6 + 1 = 2026000001;
   * 97 × 20886597 = 2025999909, 2026000001 - 2025999909 = 92: check digits 92;
   * "2026000001" "92" grouped 3/4/5: +++202/6000/00192+++ */
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "2026-0001");
  ck_assert_str_eq (get (show ("2026-0001"), "structured_communication"),
                    "+++202/6000/00192+++");
  /* number 2: 2026000002 = 2025999909 + 93: check digits 93 */
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "2026-0002");
  ck_assert_str_eq (get (show ("2026-0002"), "structured_communication"),
                    "+++202/6000/00293+++");
  /* 2027 number 1: 2027000001 = 2026000001 + 10^6; 10^6 = 97 × 10309 + 27;
   * 92 + 27 = 119 = 97 + 22: check digits 22 */
  ck_assert_str_eq (invoice_issued (be_co, "2027-01-04", LINE_121), "2027-0001");
  ck_assert_str_eq (get (show ("2027-0001"), "structured_communication"),
                    "+++202/7000/00122+++");
  /* a credit note has none: nothing is paid to it */
  ck_assert_str_eq (get (show (issue_ok (credit_ok ("2026-0001", NULL), NULL)),
                         "structured_communication"),
                    "null");
}
END_TEST

/* ---- frozen ------------------------------------------------------------------ */

static void
sql_refused (const char *sql, const char *why)
{
  char *msg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);
  ck_assert_msg (rc != SQLITE_OK, "'%s' was allowed", sql);
  ck_assert_msg (msg != NULL && strstr (msg, why) != NULL, "'%s': %s", sql, msg ? msg : "");
  sqlite3_free (msg);
}

START_TEST (test_ledger_issued_document_is_frozen)
{
  const char *id
    = dokus_test_create_invoice (book, be_co, "2026-03-02", LINE_121, ", 'note': 'as agreed'");
  const char *draft = dokus_test_create_invoice (book, be_co, "2026-03-02", LINE_121, NULL);
  char sql[512];
  DokusError err = { 0 };
  cJSON *o;

  /* a draft is still a plain row */
  snprintf (sql, sizeof sql, "UPDATE documents SET note = 'edited' WHERE id = '%s'", draft);
  dokus_test_exec (db, sql);
  ck_assert_str_eq (issue_ok (id, NULL), "2026-0001");
#define FROZEN "an issued document cannot be changed"
  snprintf (sql, sizeof sql, "UPDATE documents SET note = 'edited' WHERE id = '%s'", id);
  sql_refused (sql, FROZEN);
  snprintf (sql, sizeof sql, "UPDATE documents SET due_date = '2027-01-01' WHERE id = '%s'", id);
  sql_refused (sql, FROZEN);
  snprintf (sql, sizeof sql, "UPDATE documents SET tax_inclusive_amount = 1 WHERE id = '%s'", id);
  sql_refused (sql, FROZEN);
  snprintf (sql, sizeof sql, "UPDATE documents SET state = 'draft', number = NULL"
                             " WHERE id = '%s'", id);
  sql_refused (sql, FROZEN);
  snprintf (sql, sizeof sql, "DELETE FROM documents WHERE id = '%s'", id);
  sql_refused (sql, "an issued document cannot be deleted");
  snprintf (sql, sizeof sql, "UPDATE document_lines SET unit_price = '1' WHERE document_id = '%s'",
            id);
  sql_refused (sql, FROZEN);
  snprintf (sql, sizeof sql, "DELETE FROM document_lines WHERE document_id = '%s'", id);
  sql_refused (sql, FROZEN);
  snprintf (sql, sizeof sql,
            "INSERT INTO document_lines (document_id, position, description, quantity,"
            " unit_price, vat_category, vat_rate, line_extension_amount)"
            " VALUES ('%s', 2, 'extra', '1', '5', 'S', '21', 500)", id);
  sql_refused (sql, FROZEN);
  snprintf (sql, sizeof sql, "UPDATE document_vat SET tax_amount = 0 WHERE document_id = '%s'", id);
  sql_refused (sql, FROZEN);
  /* every column a report relies on, and the VAT breakdown's rows */
  snprintf (sql, sizeof sql, "UPDATE documents SET tax_exclusive_amount = 1 WHERE id = '%s'", id);
  sql_refused (sql, FROZEN);
  snprintf (sql, sizeof sql, "UPDATE documents SET series_number = 7 WHERE id = '%s'", id);
  sql_refused (sql, FROZEN);
  snprintf (sql, sizeof sql, "UPDATE documents SET issued_at = 'x' WHERE id = '%s'", id);
  sql_refused (sql, FROZEN);
  snprintf (sql, sizeof sql,
            "INSERT INTO document_vat (document_id, category, rate, taxable_amount, tax_amount)"
            " VALUES ('%s', 'Z', '0', 100, 0)", id);
  sql_refused (sql, FROZEN);
  /* issued may become sent, and nothing else */
  snprintf (sql, sizeof sql, "UPDATE documents SET state = 'sent' WHERE id = '%s'", id);
  dokus_test_exec (db, sql);
  snprintf (sql, sizeof sql, "UPDATE documents SET state = 'issued' WHERE id = '%s'", id);
  sql_refused (sql, FROZEN);
  /* the series only moves forward, one at a time */
  sql_refused ("UPDATE series SET last_number = 0", "only moves forward");
  sql_refused ("UPDATE series SET last_number = last_number + 2", "only moves forward");
  sql_refused ("DELETE FROM series", "never removed");
#undef FROZEN
  /* and through the API: issuing twice */
  expect_error (dokus_document_issue (book, id, NULL, &err), &err, DOKUS_ERR_REFUSED, "id");
  expect_error (dokus_document_issue (book, "2026-0001", NULL, &err), &err, DOKUS_ERR_REFUSED,
                "id");
  o = show (id);
  ck_assert_str_eq (get (o, "note"), "as agreed");
  ck_assert_str_eq (get (o, "totals.tax_inclusive_amount"), "121.00");
  ck_assert_int_eq (count (o, "lines"), 1);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT last_number FROM series"), 1);
}
END_TEST

/* ---- credit notes ---------------------------------------------------------------- */

#define TWO_LINES                                                                            \
  "{'description': 'Design', 'quantity': '2', 'unit_price': '100.00', 'vat_rate': '21'},"    \
  "{'description': 'Printing', 'quantity': '1', 'unit_price': '50.00', 'vat_rate': '6'}"

START_TEST (test_ledger_credit_note_whole)
{
  const char *cn;
  cJSON *o;

  /* 2 × 100.00 = 200.00 at 21 % (42.00) + 50.00 at 6 % (3.00) = 295.00 */
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", TWO_LINES), "2026-0001");
  cn = credit_ok ("2026-0001", NULL);
  o = show (cn);
  ck_assert_str_eq (get (o, "type"), "credit_note");
  ck_assert_str_eq (get (o, "status"), "draft");
  ck_assert_str_eq (get (o, "billing_reference.number"), "2026-0001");
  ck_assert_str_eq (get (o, "billing_reference.issue_date"), "2026-03-02");
  ck_assert_int_eq (count (o, "lines"), 2);
  ck_assert_str_eq (get (o, "totals.tax_inclusive_amount"), "295.00");
  ck_assert_str_eq (issue_ok (cn, NULL), "CN-2026-0001");
  o = show ("CN-2026-0001");
  /* amounts are positive on a credit note; it is due at once */
  ck_assert_str_eq (get (o, "totals.tax_exclusive_amount"), "250.00");
  ck_assert_str_eq (get (o, "totals.tax_amount"), "45.00");
  ck_assert_str_eq (get (o, "vat_breakdown[0].rate"), "21");
  ck_assert_str_eq (get (o, "vat_breakdown[0].tax_amount"), "42.00");
  ck_assert_str_eq (get (o, "vat_breakdown[1].rate"), "6");
  ck_assert_str_eq (get (o, "vat_breakdown[1].tax_amount"), "3.00");
  ck_assert_str_eq (get (o, "due_date"), "2026-03-02");
  ck_assert_str_eq (get (o, "mentions[0]"), "Btw terug te storten aan de Staat in de mate waarin "
                                            "ze oorspronkelijk in aftrek werd gebracht");
  /* it took the whole invoice off: nothing to refund */
  ck_assert_str_eq (get (o, "open_amount"), "0.00");
  o = show ("2026-0001");
  ck_assert_str_eq (get (o, "status"), "credited");
  ck_assert_str_eq (get (o, "credited_amount"), "295.00");
  ck_assert_str_eq (get (o, "open_amount"), "0.00");
}
END_TEST

START_TEST (test_ledger_credit_note_partial)
{
  const char *cn;
  cJSON *o;

  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", TWO_LINES), "2026-0001");
  /* one of the two designs: 1 × 100.00 at 21 % = 121.00 */
  cn = credit_ok ("2026-0001",
                  dokus_test_js ("{'issue_date': '2026-03-04', 'note': 'one design dropped', "
                                 "'lines': [" LINE_121 "]}"));
  ck_assert_str_eq (issue_ok (cn, NULL), "CN-2026-0001");
  o = show ("CN-2026-0001");
  ck_assert_str_eq (get (o, "issue_date"), "2026-03-04");
  ck_assert_str_eq (get (o, "note"), "one design dropped");
  ck_assert_str_eq (get (o, "totals.tax_inclusive_amount"), "121.00");
  /* 295.00 - 121.00 = 174.00 still open */
  o = show ("2026-0001");
  ck_assert_str_eq (get (o, "status"), "issued");
  ck_assert_str_eq (get (o, "credited_amount"), "121.00");
  ck_assert_str_eq (get (o, "open_amount"), "174.00");
  /* the rest: 174.00 = 1 × 100.00 at 21 % (121.00) + 50.00 at 6 % (53.00) */
  {
    /* the two lines again are 295.00, more than the 174.00 left */
    DokusError err = { 0 };
    char id[DOKUS_ID_TEXT];
    expect_error (dokus_invoice_credit (book, "2026-0001",
                                        dokus_test_js ("{'lines': [" TWO_LINES "]}"), id, &err),
                  &err, DOKUS_ERR_REFUSED, "lines");
    ck_assert_ptr_nonnull (strstr (err.message, "295.00"));
    ck_assert_ptr_nonnull (strstr (err.message, "174.00"));
    /* a rate the invoice never charged (12 %) cannot be credited */
    expect_error (
      dokus_invoice_credit (book, "2026-0001",
                            dokus_test_js ("{'lines': [{'description': 'x', 'quantity': '1', "
                                           "'unit_price': '10.00', 'vat_rate': '12'}]}"),
                            id, &err),
      &err, DOKUS_ERR_INVALID, "lines[0].vat_rate");
  }
  cn = credit_ok ("2026-0001", dokus_test_js ("{'issue_date': '2026-03-05', 'lines': [" LINE_121
                                              ", {'description': "
                                              "'Printing', 'quantity': '1', "
                                              "'unit_price': '50.00', 'vat_rate': '6'}]}"));
  ck_assert_str_eq (issue_ok (cn, NULL), "CN-2026-0002");
  o = show ("2026-0001");
  ck_assert_str_eq (get (o, "status"), "credited");
  ck_assert_str_eq (get (o, "credited_amount"), "295.00");
  ck_assert_str_eq (get (o, "open_amount"), "0.00");
}
END_TEST

START_TEST (test_ledger_credit_after_full_payment_is_a_refund)
{
  cJSON *o, *paid;

  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "2026-0001");
  paid = pay_ok ("2026-0001", "121.00", "2026-03-20");
  ck_assert_str_eq (get (paid, "status"), "paid");
  ck_assert_str_eq (
    issue_ok (credit_ok ("2026-0001", dokus_test_js ("{'issue_date': '2026-03-25'}")), NULL),
    "CN-2026-0001");
  /* the invoice was paid in full: the credit note's 121.00 is owed back */
  o = show ("CN-2026-0001");
  ck_assert_str_eq (get (o, "status"), "issued");
  ck_assert_str_eq (get (o, "open_amount"), "121.00");
  ck_assert_str_eq (get (o, "paid_amount"), "0.00");
  o = show ("2026-0001");
  ck_assert_str_eq (get (o, "status"), "credited");
  ck_assert_str_eq (get (o, "paid_amount"), "121.00");
  ck_assert_str_eq (get (o, "open_amount"), "0.00");
  /* the refund is recorded on the credit note */
  paid = pay_ok ("CN-2026-0001", "21.00", "2026-03-26");
  ck_assert_str_eq (get (paid, "status"), "partially_paid");
  ck_assert_str_eq (get (paid, "open_amount"), "100.00");
  paid = pay_ok ("CN-2026-0001", "100.00", "2026-03-27");
  ck_assert_str_eq (get (paid, "status"), "paid");
  ck_assert_str_eq (get (paid, "open_amount"), "0.00");
  ck_assert_str_eq (get (show ("CN-2026-0001"), "paid_amount"), "121.00");
}
END_TEST

START_TEST (test_ledger_credit_after_partial_payment)
{
  cJSON *o;

  /* 295.00, 200.00 paid: 95.00 open */
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", TWO_LINES), "2026-0001");
  pay_ok ("2026-0001", "200.00", "2026-03-10");
  /* a whole credit (295.00) first takes the 95.00 still open off the
   * invoice, and the other 200.00 is owed back */
  ck_assert_str_eq (issue_ok (credit_ok ("2026-0001", NULL), NULL), "CN-2026-0001");
  o = show ("2026-0001");
  ck_assert_str_eq (get (o, "status"), "credited");
  ck_assert_str_eq (get (o, "credited_amount"), "95.00");
  ck_assert_str_eq (get (o, "open_amount"), "0.00");
  ck_assert_str_eq (get (show ("CN-2026-0001"), "open_amount"), "200.00");
}
END_TEST

START_TEST (test_ledger_refuses_over_crediting)
{
  const char *first, *second;
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];

  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "2026-0001");
  /* two whole drafts may exist; only one can be issued */
  first = credit_ok ("2026-0001", NULL);
  second = credit_ok ("2026-0001", NULL);
  ck_assert_str_eq (issue_ok (first, NULL), "CN-2026-0001");
  expect_error (dokus_document_issue (book, second, NULL, &err), &err, DOKUS_ERR_REFUSED, "lines");
  ck_assert_str_eq (get (show (second), "status"), "draft");
  /* nothing is left: one cent more is refused when drafting too */
  expect_error (
    dokus_invoice_credit (book, "2026-0001",
                          dokus_test_js ("{'lines': [{'description': 'x', 'quantity': '1', "
                                         "'unit_price': '0.01', 'vat_rate': '21'}]}"),
                          id, &err),
    &err, DOKUS_ERR_REFUSED, "lines");
  /* a credit note does not predate its invoice */
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-05", LINE_121), "2026-0002");
  expect_error (dokus_invoice_credit (book, "2026-0002",
                                      dokus_test_js ("{'issue_date': '2026-03-04'}"), id, &err),
                &err, DOKUS_ERR_INVALID, "issue_date");
}
END_TEST

START_TEST (test_ledger_refuses_crediting_a_draft)
{
  const char *draft = dokus_test_create_invoice (book, be_co, "2026-03-02", LINE_121, NULL);
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];
  long long before = dokus_test_query_int (db, "SELECT count(*) FROM documents");

  expect_error (dokus_invoice_credit (book, draft, NULL, id, &err), &err, DOKUS_ERR_REFUSED,
                "invoice");
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "2026-0001");
  ck_assert_str_eq (issue_ok (credit_ok ("2026-0001", NULL), NULL), "CN-2026-0001");
  /* a credit note is not credited */
  expect_error (dokus_invoice_credit (book, "CN-2026-0001", NULL, id, &err), &err,
                DOKUS_ERR_REFUSED, "invoice");
  expect_error (dokus_invoice_credit (book, "2026-0099", NULL, id, &err), &err,
                DOKUS_ERR_NOT_FOUND, "document");
  /* draft, invoice, credit note */
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM documents"), before + 2);
}
END_TEST

START_TEST (test_ledger_credit_note_not_before_its_invoice_at_issue)
{
  const char *cn;
  DokusError err = { 0 };

  /* an invoice dated ahead of today (2026-03-02), a credit note drafted
   * without a date: issued today it would predate what it credits */
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-20", LINE_121), "2026-0001");
  cn = credit_ok ("2026-0001", NULL);
  expect_error (dokus_document_issue (book, cn, NULL, &err), &err, DOKUS_ERR_INVALID,
                "issue_date");
  ck_assert_str_eq (get (show (cn), "status"), "draft");
  setenv ("DOKUS_TODAY", "2026-03-20", 1);
  ck_assert_str_eq (issue_ok (cn, NULL), "CN-2026-0001");
}
END_TEST

START_TEST (test_ledger_credit_note_keeps_its_invoice_regime)
{
  cJSON *o;

  /* standard, then franchise: the credit note repays the 21 % VAT invoiced */
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "2026-0001");
  set_profile (", 'vat_regime': 'franchise'");
  o = show (issue_ok (credit_ok ("2026-0001", NULL), NULL));
  ck_assert_str_eq (get (o, "number"), "CN-2026-0001");
  ck_assert_str_eq (get (o, "vat_breakdown[0].category"), "S");
  ck_assert_str_eq (get (o, "vat_breakdown[0].tax_amount"), "21.00");
  ck_assert_str_eq (get (o, "totals.tax_inclusive_amount"), "121.00");
  /* the lines of a partial credit default to the invoice's regime too */
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", franchise_line ("200.00")), "2026-0002");
  set_profile (NULL);
  /* franchise, then standard: no VAT, and the franchise mention, not art. 44 */
  o = show (credit_ok ("2026-0002", dokus_test_js ("{'lines': [%s]}", franchise_line ("50.00"))));
  ck_assert_str_eq (get (o, "lines[0].vat_category"), "E");
  ck_assert_str_eq (get (o, "vat_breakdown[0].exemption_reason"), "null");
  ck_assert_str_eq (get (o, "vat_breakdown[0].exemption_reason_text"), FRANCHISE_MENTION);
  o = show (issue_ok (get (o, "id"), NULL));
  ck_assert_str_eq (get (o, "number"), "CN-2026-0002");
  ck_assert_str_eq (get (o, "totals.tax_inclusive_amount"), "50.00");
  ck_assert_str_eq (get (o, "vat_breakdown[0].exemption_reason"), "null");
  ck_assert_str_eq (get (o, "vat_breakdown[0].exemption_reason_text"), FRANCHISE_MENTION);
  ck_assert_str_eq (get (o, "mentions[0]"), FRANCHISE_MENTION);
}
END_TEST

/* ---- payments ------------------------------------------------------------------ */

START_TEST (test_ledger_partial_then_full_payment)
{
  cJSON *paid, *o;

  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "2026-0001");
  paid = pay_ok ("2026-0001", "21.00", "2026-03-10");
  /* 121.00 - 21.00 = 100.00 */
  ck_assert_str_eq (get (paid, "document"), "2026-0001");
  ck_assert_str_eq (get (paid, "status"), "partially_paid");
  ck_assert_str_eq (get (paid, "open_amount"), "100.00");
  o = show ("2026-0001");
  ck_assert_str_eq (get (o, "status"), "partially_paid");
  ck_assert_str_eq (get (o, "paid_amount"), "21.00");
  ck_assert_str_eq (get (o, "open_amount"), "100.00");
  paid = pay_ok ("2026-0001", "100.00", "2026-03-12");
  ck_assert_str_eq (get (paid, "status"), "paid");
  ck_assert_str_eq (get (paid, "open_amount"), "0.00");
  o = show ("2026-0001");
  ck_assert_str_eq (get (o, "status"), "paid");
  ck_assert_str_eq (get (o, "paid_amount"), "121.00");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM payments"), 2);
}
END_TEST

START_TEST (test_ledger_refuses_payment_above_open_amount)
{
  DokusError err = { 0 };

  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "2026-0001");
  expect_error (dokus_payment_add (book, "2026-0001", "121.01", "2026-03-10", NULL, NULL, &err),
                &err, DOKUS_ERR_REFUSED, "amount");
  ck_assert_ptr_nonnull (strstr (err.message, "121.01"));
  ck_assert_ptr_nonnull (strstr (err.message, "121.00"));
  pay_ok ("2026-0001", "21.00", "2026-03-10");
  expect_error (dokus_payment_add (book, "2026-0001", "100.01", "2026-03-10", NULL, NULL, &err),
                &err, DOKUS_ERR_REFUSED, "amount");
  ck_assert_ptr_nonnull (strstr (err.message, "100.01"));
  ck_assert_ptr_nonnull (strstr (err.message, "100.00"));
  pay_ok ("2026-0001", "100.00", "2026-03-11");
  expect_error (dokus_payment_add (book, "2026-0001", "0.01", "2026-03-12", NULL, NULL, &err),
                &err, DOKUS_ERR_REFUSED, "amount");
  ck_assert_ptr_nonnull (strstr (err.message, "0.01"));
  ck_assert_ptr_nonnull (strstr (err.message, "0.00"));
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM payments"), 2);
}
END_TEST

START_TEST (test_ledger_refuses_bad_payments)
{
  const char *draft = dokus_test_create_invoice (book, be_co, "2026-03-02", LINE_121, NULL);
  DokusError err = { 0 };

  expect_error (dokus_payment_add (book, draft, "10.00", "2026-03-10", NULL, NULL, &err), &err,
                DOKUS_ERR_REFUSED, "document");
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "2026-0001");
  expect_error (dokus_payment_add (book, "2026-0001", "1.234", "2026-03-10", NULL, NULL, &err),
                &err, DOKUS_ERR_INVALID, "amount");
  expect_error (dokus_payment_add (book, "2026-0001", "0.00", "2026-03-10", NULL, NULL, &err),
                &err, DOKUS_ERR_INVALID, "amount");
  expect_error (dokus_payment_add (book, "2026-0001", "-5.00", "2026-03-10", NULL, NULL, &err),
                &err, DOKUS_ERR_INVALID, "amount");
  expect_error (dokus_payment_add (book, "2026-0001", "5.00", "2026-02-30", NULL, NULL, &err),
                &err, DOKUS_ERR_INVALID, "date");
  expect_error (dokus_payment_add (book, "2026-0999", "5.00", "2026-03-10", NULL, NULL, &err),
                &err, DOKUS_ERR_NOT_FOUND, "document");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM payments"), 0);
}
END_TEST

/* ---- overdue ------------------------------------------------------------------ */

START_TEST (test_ledger_overdue_is_derived)
{
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *o;

  /* issued 2026-03-02 with the profile's 30 days: 29 days left in March,
   * so the due date is 1 April */
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "2026-0001");
  o = show ("2026-0001");
  ck_assert_str_eq (get (o, "due_date"), "2026-04-01");
  ck_assert_str_eq (get (o, "overdue"), "false");
  setenv ("DOKUS_TODAY", "2026-04-01", 1); /* due today: not yet overdue */
  ck_assert_str_eq (get (show ("2026-0001"), "overdue"), "false");
  setenv ("DOKUS_TODAY", "2026-04-02", 1);
  o = show ("2026-0001");
  ck_assert_str_eq (get (o, "overdue"), "true");
  ck_assert_str_eq (get (o, "status"), "issued");
  ck_assert_int_eq (dokus_document_list (book, "overdue", NULL, NULL, &json, &err), DOKUS_OK);
  o = keep_json (json);
  ck_assert_int_eq (count (o, "invoices"), 1);
  ck_assert_str_eq (get (o, "invoices[0].number"), "2026-0001");
  ck_assert_str_eq (get (o, "invoices[0].overdue"), "true");
  /* partly paid: still overdue; paid: not */
  pay_ok ("2026-0001", "100.00", "2026-04-02");
  ck_assert_str_eq (get (show ("2026-0001"), "overdue"), "true");
  pay_ok ("2026-0001", "21.00", "2026-04-02");
  ck_assert_str_eq (get (show ("2026-0001"), "overdue"), "false");
  /* never stored */
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM pragma_table_info('documents')"
                                              " WHERE name LIKE '%overdue%' OR name = 'status'"),
                    0);
}
END_TEST

START_TEST (test_ledger_list_by_status_and_date)
{
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *o;

  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "2026-0001");
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-05", LINE_121), "2026-0002");
  dokus_test_create_invoice (book, be_co, NULL, LINE_121, NULL);
  pay_ok ("2026-0002", "1.00", "2026-03-06");
  ck_assert_int_eq (dokus_document_list (book, NULL, NULL, NULL, &json, &err), DOKUS_OK);
  o = keep_json (json);
  /* drafts (no date yet) first, then newest first; 121.00 - 1.00 = 120.00 open */
  ck_assert_int_eq (count (o, "invoices"), 3);
  ck_assert_str_eq (get (o, "invoices[0].status"), "draft");
  ck_assert_str_eq (get (o, "invoices[0].number"), "null");
  ck_assert_str_eq (get (o, "invoices[0].tax_inclusive_amount"), "121.00");
  ck_assert_str_eq (get (o, "invoices[1].number"), "2026-0002");
  ck_assert_str_eq (get (o, "invoices[1].status"), "partially_paid");
  ck_assert_str_eq (get (o, "invoices[1].open_amount"), "120.00");
  ck_assert_str_eq (get (o, "invoices[2].number"), "2026-0001");
  ck_assert_int_eq (dokus_document_list (book, "issued", NULL, NULL, &json, &err), DOKUS_OK);
  o = keep_json (json);
  ck_assert_int_eq (count (o, "invoices"), 1);
  ck_assert_str_eq (get (o, "invoices[0].number"), "2026-0001");
  ck_assert_int_eq (dokus_document_list (book, NULL, "2026-03-03", "2026-03-31", &json, &err),
                    DOKUS_OK);
  o = keep_json (json);
  ck_assert_int_eq (count (o, "invoices"), 1);
  ck_assert_str_eq (get (o, "invoices[0].number"), "2026-0002");
  expect_error (dokus_document_list (book, "unpaid", NULL, NULL, &json, &err), &err,
                DOKUS_ERR_INVALID, "status");
  expect_error (dokus_document_list (book, NULL, "2026-13-01", NULL, &json, &err), &err,
                DOKUS_ERR_INVALID, "from");
}
END_TEST

/* ---- VAT categories and mentions --------------------------------------------------- */

/* Issues an invoice for @client with one line of 1 × 100.00 in @category
 * (and @extra) and checks its single VAT group: taxable 100.00, VAT 0.00
 * (or 21.00 for S), the VATEX @code and the mention @text (NULL: none). */
static void
check_category (const char *client, const char *category, const char *line_extra,
                const char *extra, const char *code, const char *text)
{
  const char *rate = strcmp (category, "S") == 0 ? "21" : "0";
  const char *id = dokus_test_create_invoice (
    book, client, "2026-03-02",
    dokus_test_js ("{'description': 'Work', 'quantity': '1', 'unit_price': "
                   "'100.00', 'vat_category': '%s', 'vat_rate': '%s'%s}",
                   category, rate, line_extra ? line_extra : ""),
    extra);
  /* the draft shows the breakdown it would freeze */
  for (int issued = 0; issued < 2; issued++)
    {
      cJSON *o = show (id);
      ck_assert_int_eq (count (o, "vat_breakdown"), 1);
      ck_assert_str_eq (get (o, "vat_breakdown[0].category"), category);
      ck_assert_str_eq (get (o, "vat_breakdown[0].rate"), rate);
      ck_assert_str_eq (get (o, "vat_breakdown[0].taxable_amount"), "100.00");
      ck_assert_str_eq (get (o, "vat_breakdown[0].tax_amount"),
                        strcmp (category, "S") == 0 ? "21.00" : "0.00");
      ck_assert_str_eq (get (o, "vat_breakdown[0].exemption_reason"), code ? code : "null");
      ck_assert_str_eq (get (o, "vat_breakdown[0].exemption_reason_text"), text ? text : "null");
      ck_assert_int_eq (count (o, "mentions"), text ? 1 : 0);
      if (text != NULL)
        ck_assert_str_eq (get (o, "mentions[0]"), text);
      if (!issued)
        issue_ok (id, NULL);
    }
}

START_TEST (test_ledger_vat_categories_nl)
{
  /* S and Z carry no exemption code and no mention (BR-S-10, BR-Z-10) */
  check_category (be_co, "S", NULL, NULL, NULL, NULL);
  check_category (be_co, "Z", NULL, NULL, NULL, NULL);
  /* E: art. 44 WBTW, VATEX-EU-132 unless another exemption code is given */
  check_category (be_co, "E", NULL, NULL, "VATEX-EU-132", "Vrijgesteld van btw (art. 44 WBTW)");
  check_category (be_co, "E", ", 'exemption_reason': 'VATEX-EU-132-1C'", NULL, "VATEX-EU-132-1C",
                  "Vrijgesteld van btw (art. 44 WBTW)");
  /* AE to a Belgian co-contractor with a VAT number: domestic reverse charge */
  check_category (be_co, "AE", NULL, NULL, "VATEX-EU-AE",
                  "Verlegging van heffing: btw te voldoen door de medecontractant "
                  "(art. 20 KB nr. 1)");
  /* AE to a Dutch business: services, art. 21 § 2 */
  check_category (nl_co, "AE", NULL, NULL, "VATEX-EU-AE",
                  "Verlegging van heffing (art. 21, § 2 WBTW; art. 196 Richtlijn 2006/112/EG)");
  /* K: intra-EU goods, with the delivery */
  check_category (nl_co, "K", NULL, ", 'delivery': {'date': '2026-02-27', 'country': 'NL'}",
                  "VATEX-EU-IC", "Vrijgestelde intracommunautaire levering (art. 39bis WBTW)");
  check_category (be_co, "O", NULL, NULL, "VATEX-EU-O", "Niet onderworpen aan btw");
  /* G to a client outside the EU: in that client's language, English */
  check_category (us_co, "G", NULL, NULL, "VATEX-EU-G",
                  "Exempt from VAT: export (art. 39 Belgian VAT Code)");
}
END_TEST

START_TEST (test_ledger_vat_categories_fr)
{
  cJSON *o;

  check_category (be_fr, "AE", NULL, NULL, "VATEX-EU-AE",
                  "Autoliquidation : TVA due par le cocontractant (art. 20 AR n° 1)");
  check_category (fr_co, "AE", NULL, NULL, "VATEX-EU-AE",
                  "Autoliquidation (art. 21, § 2 CTVA ; art. 196 directive 2006/112/CE)");
  check_category (fr_co, "K", NULL, ", 'delivery': {'date': '2026-03-01', 'country': 'FR'}",
                  "VATEX-EU-IC", "Livraison intracommunautaire exemptée (art. 39bis CTVA)");
  check_category (be_fr, "E", NULL, NULL, "VATEX-EU-132", "Exemption de TVA (art. 44 CTVA)");
  check_category (fr_co, "O", NULL, NULL, "VATEX-EU-O", "Hors du champ d'application de la TVA");
  o = show ("2026-0001");
  ck_assert_str_eq (get (o, "language"), "fr");
  o = show (issue_ok (credit_ok ("2026-0001", NULL), NULL));
  ck_assert_str_eq (get (o, "language"), "fr");
  ck_assert_int_eq (count (o, "mentions"), 2);
  ck_assert_str_eq (get (o, "mentions[1]"),
                    "TVA à reverser à l'État dans la mesure où elle a été initialement déduite");
}
END_TEST

START_TEST (test_ledger_mixed_categories_on_one_invoice)
{
  cJSON *o;

  /* S 21: 100.00 → 21.00; S 6: 3 × 12.35 = 37.05 → 2.223 → 2.22; E: 40.00;
   * BT-109 177.05, BT-110 23.22, BT-112 200.27 */
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02",
                                    "{'description': 'Training', 'quantity': '1', 'unit_price': "
                                    "'40', 'vat_category': 'E'}, " LINE_121 ", {'description': "
                                    "'Books', 'quantity': '3', 'unit_price': '12.35', "
                                    "'vat_rate': '6'}"),
                    "2026-0001");
  o = show ("2026-0001");
  ck_assert_int_eq (count (o, "vat_breakdown"), 3);
  ck_assert_str_eq (get (o, "vat_breakdown[0].rate"), "21");
  ck_assert_str_eq (get (o, "vat_breakdown[0].tax_amount"), "21.00");
  ck_assert_str_eq (get (o, "vat_breakdown[1].rate"), "6");
  ck_assert_str_eq (get (o, "vat_breakdown[1].taxable_amount"), "37.05");
  ck_assert_str_eq (get (o, "vat_breakdown[1].tax_amount"), "2.22");
  ck_assert_str_eq (get (o, "vat_breakdown[2].category"), "E");
  ck_assert_str_eq (get (o, "vat_breakdown[2].exemption_reason"), "VATEX-EU-132");
  ck_assert_str_eq (get (o, "totals.tax_exclusive_amount"), "177.05");
  ck_assert_str_eq (get (o, "totals.tax_amount"), "23.22");
  ck_assert_str_eq (get (o, "totals.tax_inclusive_amount"), "200.27");
  ck_assert_str_eq (get (o, "lines[2].line_extension_amount"), "37.05");
  ck_assert_int_eq (count (o, "mentions"), 1);
}
END_TEST

START_TEST (test_ledger_category_rules_at_issue)
{
  const char *id;
  DokusError err = { 0 };

#define K_LINE "{'description': 'Goods', 'quantity': '1', 'unit_price': '10', 'vat_category': 'K'}"
  id = dokus_test_create_invoice (book, nl_co, "2026-03-02", K_LINE, NULL);
  expect_error (dokus_document_issue (book, id, NULL, &err), &err, DOKUS_ERR_INVALID,
                "delivery.date");
  id = dokus_test_create_invoice (book, nl_co, "2026-03-02", K_LINE,
                                  ", 'delivery': {'date': '2026-03-01'}");
  expect_error (dokus_document_issue (book, id, NULL, &err), &err, DOKUS_ERR_INVALID,
                "delivery.country");
  id = dokus_test_create_invoice (book, nl_co, "2026-03-02", K_LINE,
                                  ", 'delivery': {'date': '2026-03-01', 'country': 'BE'}");
  expect_error (dokus_document_issue (book, id, NULL, &err), &err, DOKUS_ERR_INVALID,
                "delivery.country");
  /* reverse charge and intra-EU supplies need the client's VAT number */
  id = dokus_test_create_invoice (book, be_person, "2026-03-02",
                                  "{'description': 'Work', 'quantity': '1', 'unit_price': '10', "
                                  "'vat_category': 'AE'}",
                                  NULL);
  expect_error (dokus_document_issue (book, id, NULL, &err), &err, DOKUS_ERR_INVALID, "client");
  id = dokus_test_create_invoice (book, us_co, "2026-03-02",
                                  "{'description': 'Work', 'quantity': '1', 'unit_price': '10', "
                                  "'vat_category': 'AE'}",
                                  NULL);
  expect_error (dokus_document_issue (book, id, NULL, &err), &err, DOKUS_ERR_INVALID, "client");
#undef K_LINE
  /* a rate that does not fit its category, and a VATEX code that does not */
  expect_error (
    dokus_invoice_create (book,
                          dokus_test_js ("{'client': '%s', 'lines': [{'description': 'x', "
                                         "'quantity': '1', 'unit_price': '1', 'vat_category': "
                                         "'Z', 'vat_rate': '6'}]}",
                                         be_co),
                          (char[DOKUS_ID_TEXT]) { 0 }, &err),
    &err, DOKUS_ERR_INVALID, "lines[0].vat_rate");
  expect_error (
    dokus_invoice_create (book,
                          dokus_test_js ("{'client': '%s', 'lines': [{'description': 'x', "
                                         "'quantity': '1', 'unit_price': '1', 'vat_category': "
                                         "'K', 'exemption_reason': 'VATEX-EU-G'}]}",
                                         be_co),
                          (char[DOKUS_ID_TEXT]) { 0 }, &err),
    &err, DOKUS_ERR_INVALID, "lines[0].exemption_reason");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM series"), 0);
}
END_TEST

/* ---- franchise ------------------------------------------------------------------ */

START_TEST (test_ledger_franchise_invoices_in_e)
{
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];
  cJSON *o;

  set_profile (", 'vat_regime': 'franchise'");
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", franchise_line ("100.00")), "2026-0001");
  o = show ("2026-0001");
  ck_assert_str_eq (get (o, "lines[0].vat_category"), "E");
  ck_assert_str_eq (get (o, "lines[0].vat_rate"), "0");
  ck_assert_str_eq (get (o, "vat_breakdown[0].category"), "E");
  ck_assert_str_eq (get (o, "vat_breakdown[0].exemption_reason"), "null");
  ck_assert_str_eq (get (o, "vat_breakdown[0].exemption_reason_text"), FRANCHISE_MENTION);
  ck_assert_str_eq (get (o, "mentions[0]"), FRANCHISE_MENTION);
  ck_assert_str_eq (get (o, "totals.tax_amount"), "0.00");
  ck_assert_str_eq (get (o, "totals.tax_inclusive_amount"), "100.00");
  /* S is refused; a rate alone makes no sense in E */
  expect_error (
    dokus_invoice_create (book,
                          dokus_test_js ("{'client': '%s', 'lines': [{'description': 'x', "
                                         "'quantity': '1', 'unit_price': '1', 'vat_category': "
                                         "'S', 'vat_rate': '21'}]}",
                                         be_co),
                          id, &err),
    &err, DOKUS_ERR_INVALID, "lines[0].vat_category");
  expect_error (
    dokus_invoice_create (book, dokus_test_js ("{'client': '%s', 'lines': [" LINE_121 "]}", be_co),
                          id, &err),
    &err, DOKUS_ERR_INVALID, "lines[0].vat_rate");
  expect_error (
    dokus_invoice_create (book,
                          dokus_test_js ("{'client': '%s', 'lines': [{'description': 'x', "
                                         "'quantity': '1', 'unit_price': '1', "
                                         "'exemption_reason': 'VATEX-EU-132'}]}",
                                         be_co),
                          id, &err),
    &err, DOKUS_ERR_INVALID, "lines[0].exemption_reason");
  /* a draft in S made before the switch is refused at issue */
  set_profile (NULL);
  {
    const char *s_draft = dokus_test_create_invoice (book, be_co, "2026-03-03", LINE_121, NULL);
    set_profile (", 'vat_regime': 'franchise'");
    expect_error (dokus_document_issue (book, s_draft, NULL, &err), &err, DOKUS_ERR_INVALID,
                  "lines[0].vat_category");
  }
}
END_TEST

START_TEST (test_ledger_franchise_turnover)
{
  DokusIssueResult res;
  DokusError err = { 0 };
  const char *late;

  set_profile (", 'vat_regime': 'franchise'");
  /* 15 000.00: 60 % of the limit, no warning */
  ck_assert_str_eq (
    issue_ok (dokus_test_create_invoice (book, be_co, "2026-03-02", franchise_line ("15000"), NULL),
              &res),
    "2026-0001");
  ck_assert_int_eq (res.franchise_turnover, 1500000);
  ck_assert (!res.franchise_warning);
  /* + 5 000.00 = 20 000.00: at 80 %, not past it */
  issue_ok (dokus_test_create_invoice (book, be_co, "2026-03-03", franchise_line ("5000"), NULL),
            &res);
  ck_assert_int_eq (res.franchise_turnover, 2000000);
  ck_assert (!res.franchise_warning);
  /* + 0.01 = 20 000.01: past 80 % */
  issue_ok (dokus_test_create_invoice (book, be_co, "2026-03-04", franchise_line ("0.01"), NULL),
            &res);
  ck_assert_int_eq (res.franchise_turnover, 2000001);
  ck_assert (res.franchise_warning);
  /* + 4 999.99 = 25 000.00: at the limit, still allowed */
  ck_assert_str_eq (issue_ok (dokus_test_create_invoice (book, be_co, "2026-03-05",
                                                         franchise_line ("4999.99"), NULL),
                              &res),
                    "2026-0004");
  ck_assert_int_eq (res.franchise_turnover, 2500000);
  ck_assert (res.franchise_warning);
  /* + 0.01 = 25 000.01: past the limit, refused */
  late = dokus_test_create_invoice (book, be_co, "2026-03-06", franchise_line ("0.01"), NULL);
  expect_error (dokus_document_issue (book, late, NULL, &err), &err, DOKUS_ERR_REFUSED,
                "vat_regime");
  ck_assert_ptr_nonnull (strstr (err.message, "25000.01"));
  ck_assert_str_eq (get (show (late), "status"), "draft");
  /* a credit note of 1 000.00 on 2026-0002 brings it back to 24 000.00 */
  ck_assert_str_eq (issue_ok (credit_ok ("2026-0002", dokus_test_js ("{'issue_date': '2026-03-06', "
                                                                     "'lines': [%s]}",
                                                                     franchise_line ("1000"))),
                              NULL),
                    "CN-2026-0001");
  /* now 24 000.00 + 0.01 = 24 000.01 */
  ck_assert_str_eq (issue_ok (late, &res), "2026-0005");
  ck_assert_int_eq (res.franchise_turnover, 2400001);
  ck_assert (res.franchise_warning);
  /* a new year starts from 0: 1 000.00 */
  issue_ok (dokus_test_create_invoice (book, be_co, "2027-01-04", franchise_line ("1000"), NULL),
            &res);
  ck_assert_int_eq (res.franchise_turnover, 100000);
  ck_assert (!res.franchise_warning);
}
END_TEST

/* ---- VAT rates ------------------------------------------------------------------ */

START_TEST (test_ledger_rates_are_effective_dated)
{
  const char *id;
  DokusError err = { 0 };

  /* 21 % is valid from 1996-01-01 (vat_rates) */
  id = dokus_test_create_invoice (book, be_co, "1995-06-01", LINE_121, NULL);
  expect_error (dokus_document_issue (book, id, NULL, &err), &err, DOKUS_ERR_INVALID,
                "lines[0].vat_rate");
  ck_assert_ptr_nonnull (strstr (err.message, "1995-06-01"));
  ck_assert_str_eq (invoice_issued (be_co, "1996-01-01", LINE_121), "1996-0001");
  /* a rate that ended: 19 % from 2020-01-01 to 2020-12-31 inclusive */
  dokus_test_exec (db, "INSERT INTO vat_rates (country, category, rate, valid_from, valid_to)"
                       " VALUES ('BE', 'S', '19', '2020-01-01', '2020-12-31')");
#define LINE_19 "{'description': 'x', 'quantity': '1', 'unit_price': '100', 'vat_rate': '19'}"
  ck_assert_str_eq (invoice_issued (be_co, "2020-12-31", LINE_19), "2020-0001");
  id = dokus_test_create_invoice (book, be_co, "2021-01-01", LINE_19, NULL);
  expect_error (dokus_document_issue (book, id, NULL, &err), &err, DOKUS_ERR_INVALID,
                "lines[0].vat_rate");
  id = dokus_test_create_invoice (book, be_co, "2019-12-31", LINE_19, NULL);
  expect_error (dokus_document_issue (book, id, NULL, &err), &err, DOKUS_ERR_INVALID,
                "lines[0].vat_rate");
#undef LINE_19
  /* allowances and charges are checked too, and named */
  id = dokus_test_create_invoice (book, be_co, "2021-01-04", LINE_121,
                                  ", 'charges': [{'reason': 'Transport', 'amount': '5.00', "
                                  "'vat_rate': '21'}, {'reason': 'Packing', 'amount': '1.00', "
                                  "'vat_rate': '19'}]");
  expect_error (dokus_document_issue (book, id, NULL, &err), &err, DOKUS_ERR_INVALID,
                "charges[1].vat_rate");
}
END_TEST

/* ---- due dates ------------------------------------------------------------------ */

START_TEST (test_ledger_due_date_from_payment_terms)
{
  const char *id;
  DokusError err = { 0 };

  /* the profile's 30 days: 2026-03-02 + 30 = 2026-04-01 */
  issue_ok (dokus_test_create_invoice (book, be_co, "2026-03-02", LINE_121, NULL), NULL);
  ck_assert_str_eq (get (show ("2026-0001"), "due_date"), "2026-04-01");
  /* the client's 14 days beat the profile's: 2026-03-16 */
  issue_ok (dokus_test_create_invoice (book, be_terms, "2026-03-02", LINE_121, NULL), NULL);
  ck_assert_str_eq (get (show ("2026-0002"), "due_date"), "2026-03-16");
  /* the invoice's 7 days beat the client's: 2026-03-09 */
  issue_ok (
    dokus_test_create_invoice (book, be_terms, "2026-03-02", LINE_121, ", 'payment_terms_days': 7"),
    NULL);
  ck_assert_str_eq (get (show ("2026-0003"), "due_date"), "2026-03-09");
  /* a due date given wins */
  issue_ok (dokus_test_create_invoice (book, be_terms, "2026-03-02", LINE_121,
                                       ", 'due_date': '2026-05-31'"),
            NULL);
  ck_assert_str_eq (get (show ("2026-0004"), "due_date"), "2026-05-31");
  /* terms 0: due on the issue date */
  issue_ok (
    dokus_test_create_invoice (book, be_terms, "2026-03-02", LINE_121, ", 'payment_terms_days': 0"),
    NULL);
  ck_assert_str_eq (get (show ("2026-0005"), "due_date"), "2026-03-02");
  /* the profile's terms as they are at issue: 45 days from 2026-03-02 is
   * 29 days to 31 March, then 16: 2026-04-16 */
  set_profile (", 'payment_terms_days': 45");
  issue_ok (dokus_test_create_invoice (book, be_co, "2026-03-02", LINE_121, NULL), NULL);
  ck_assert_str_eq (get (show ("2026-0006"), "due_date"), "2026-04-16");
  /* not both, and not before the issue date */
  expect_error (
    dokus_invoice_create (book,
                          dokus_test_js ("{'client': '%s', 'due_date': '2026-04-01', "
                                         "'payment_terms_days': 7, 'lines': [" LINE_121 "]}",
                                         be_co),
                          (char[DOKUS_ID_TEXT]) { 0 }, &err),
    &err, DOKUS_ERR_INVALID, "due_date");
  expect_error (
    dokus_invoice_create (book,
                          dokus_test_js ("{'client': '%s', 'issue_date': '2026-03-02', "
                                         "'due_date': '2026-03-01', 'lines': [" LINE_121 "]}",
                                         be_co),
                          (char[DOKUS_ID_TEXT]) { 0 }, &err),
    &err, DOKUS_ERR_INVALID, "due_date");
  /* a due date on a draft without a date, issued after it */
  id = dokus_test_create_invoice (book, be_co, NULL, LINE_121, ", 'due_date': '2026-03-01'");
  expect_error (dokus_document_issue (book, id, NULL, &err), &err, DOKUS_ERR_INVALID, "due_date");
}
END_TEST

START_TEST (test_ledger_archived_client)
{
  const char *draft = dokus_test_create_invoice (book, be_co, "2026-03-02", LINE_121, NULL);
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];

  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "2026-0001");
  ck_assert_int_eq (dokus_client_archive (book, be_co, &err), DOKUS_OK);
  /* no new invoices for an archived client, by name or id */
  expect_error (dokus_document_issue (book, draft, NULL, &err), &err, DOKUS_ERR_REFUSED, "client");
  expect_error (
    dokus_invoice_create (book, dokus_test_js ("{'client': '%s', 'lines': [" LINE_121 "]}", be_co),
                          id, &err),
    &err, DOKUS_ERR_REFUSED, "client");
  expect_error (
    dokus_invoice_create (
      book, dokus_test_js ("{'client': 'Atelier Lumière SRL', 'lines': [" LINE_121 "]}"), id, &err),
    &err, DOKUS_ERR_REFUSED, "client");
  /* what was issued stays, is paid and can be corrected */
  ck_assert_str_eq (get (show ("2026-0001"), "client.name"), "Atelier Lumière SRL");
  pay_ok ("2026-0001", "21.00", "2026-03-10");
  ck_assert_str_eq (
    issue_ok (credit_ok ("2026-0001", dokus_test_js ("{'lines': [%s]}", LINE_121)), NULL),
    "CN-2026-0001");
  ck_assert_str_eq (get (show ("2026-0001"), "status"), "credited");
}
END_TEST

/* ---- input ------------------------------------------------------------------ */

static void
create_refused (const char *json, const char *field)
{
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];
  long long before = dokus_test_query_int (db, "SELECT count(*) FROM documents");

  expect_error (dokus_invoice_create (book, json, id, &err), &err, DOKUS_ERR_INVALID, field);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM documents"), before);
}

START_TEST (test_ledger_refuses_unknown_fields)
{
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];

  create_refused (
    dokus_test_js ("{'client': '%s', 'colour': 'red', 'lines': [" LINE_121 "]}", be_co), "colour");
  create_refused (dokus_test_js ("{'client': '%s', 'lines': [{'description': 'x', 'quantity': '1', "
                                 "'unit_price': '1', 'vat_rate': '21', 'colour': 'red'}]}",
                                 be_co),
                  "lines[0].colour");
  create_refused (
    dokus_test_js ("{'client': '%s', 'delivery': {'date': '2026-03-01', 'colour': 'red'}, "
                   "'lines': [" LINE_121 "]}",
                   be_co),
    "delivery.colour");
  create_refused (dokus_test_js ("{'client': '%s', 'lines': [" LINE_121
                                 "], 'allowances': [{'reason': "
                                 "'x', 'amount': '1.00', 'vat_rate': '21', 'colour': 'red'}]}",
                                 be_co),
                  "allowances[0].colour");
  expect_error (
    dokus_profile_set (book,
                       dokus_test_js ("{'name': 'x', 'enterprise_number': '0203201340', "
                                      "'colour': 'red'}"),
                       &err),
    &err, DOKUS_ERR_INVALID, "colour");
  expect_error (
    dokus_client_add (book,
                      dokus_test_js ("{'name': 'x', 'address': {'country': 'BE', 'colour': "
                                     "'red'}}"),
                      id, &err),
    &err, DOKUS_ERR_INVALID, "address.colour");
  ck_assert_str_eq (invoice_issued (be_co, "2026-03-02", LINE_121), "2026-0001");
  expect_error (
    dokus_invoice_credit (book, "2026-0001", dokus_test_js ("{'colour': 'red'}"), id, &err), &err,
    DOKUS_ERR_INVALID, "colour");
}
END_TEST

START_TEST (test_ledger_refuses_bad_numbers)
{
#define LINE_WITH(q, p) \
  "{'client': '%s', 'lines': [" LINE_121 ", {'description': 'x', 'quantity': '" q \
  "', 'unit_price': '" p "', 'vat_rate': '21'}]}"
  /* quantities and prices: at most 4 decimals */
  create_refused (dokus_test_js (LINE_WITH ("1.23456", "1"), be_co), "lines[1].quantity");
  create_refused (dokus_test_js (LINE_WITH ("1", "0.00001"), be_co), "lines[1].unit_price");
  create_refused (dokus_test_js (LINE_WITH ("1,5", "1"), be_co), "lines[1].quantity");
  create_refused (dokus_test_js (LINE_WITH ("1e3", "1"), be_co), "lines[1].quantity");
  create_refused (dokus_test_js (LINE_WITH ("1", "-1"), be_co), "lines[1].unit_price");
  create_refused (dokus_test_js ("{'client': '%s', 'lines': [{'description': 'x', 'quantity': 1, "
                                 "'unit_price': '1', 'vat_rate': '21'}]}",
                                 be_co),
                  "lines[0].quantity");
  /* amounts: at most 2 decimals; rates and discounts too */
  create_refused (dokus_test_js ("{'client': '%s', 'lines': [" LINE_121
                                 "], 'allowances': [{'reason': "
                                 "'x', 'amount': '1.005', 'vat_rate': '21'}]}",
                                 be_co),
                  "allowances[0].amount");
  create_refused (dokus_test_js ("{'client': '%s', 'lines': [{'description': 'x', 'quantity': '1', "
                                 "'unit_price': '1', 'vat_rate': '21.001'}]}",
                                 be_co),
                  "lines[0].vat_rate");
  create_refused (
    dokus_test_js ("{'client': '%s', 'lines': [{'description': 'x', 'quantity': '1', "
                   "'unit_price': '1', 'vat_rate': '21', 'discount_percent': '100.01'}]}",
                   be_co),
    "lines[0].discount_percent");
  /* required fields */
  create_refused (dokus_test_js ("{'client': '%s', 'lines': [{'quantity': '1', 'unit_price': '1', "
                                 "'vat_rate': '21'}]}",
                                 be_co),
                  "lines[0].description");
  create_refused (
    dokus_test_js ("{'client': '%s', 'lines': [{'description': 'x', 'unit_price': '1', "
                   "'vat_category': 'S'}]}",
                   be_co),
    "lines[0].quantity");
  create_refused (dokus_test_js ("{'client': '%s', 'lines': []}", be_co), "lines");
  create_refused (dokus_test_js ("{'lines': [" LINE_121 "]}"), "client");
  create_refused (dokus_test_js ("{'client': 'Nobody', 'lines': [" LINE_121 "]}"), "client");
  create_refused (
    dokus_test_js ("{'client': '%s', 'currency': 'USD', 'lines': [" LINE_121 "]}", be_co),
    "currency");
  create_refused (
    dokus_test_js ("{'client': '%s', 'issue_date': '2026-02-29', 'lines': [" LINE_121 "]}", be_co),
    "issue_date");
  create_refused ("{\"client\": ", "");
#undef LINE_WITH
  /* and 4 decimals are fine: 0.3333 × 150 = 49.995 -> 50.00; VAT 10.50 */
  ck_assert_str_eq (
    get (show (issue_ok (dokus_test_create_invoice (book, be_co, "2026-03-02",
                                                    "{'description': 'x', 'quantity': "
                                                    "'0.3333', 'unit_price': '150', "
                                                    "'vat_rate': '21'}",
                                                    NULL),
                         NULL)),
         "totals.tax_inclusive_amount"),
    "60.50");
}
END_TEST

/* ---- audit ------------------------------------------------------------------ */

START_TEST (test_ledger_audit_entries)
{
  long long base = audit_count (NULL);
  DokusAuditReport report;
  DokusError err = { 0 };
  const char *id;

  /* the profile and the seven clients of setup */
  ck_assert_int_eq (base, 8);
  ck_assert_int_eq (audit_count ("action = 'create' AND entity = 'client'"), 7);
  id = dokus_test_create_invoice (book, be_co, "2026-03-02", LINE_121, NULL);
  ck_assert_int_eq (audit_count (NULL), base + 1);
  ck_assert_int_eq (audit_count ("action = 'create' AND entity = 'invoice'"), 1);
  issue_ok (id, NULL);
  ck_assert_int_eq (audit_count (NULL), base + 2);
  ck_assert_int_eq (audit_count ("action = 'issue' AND entity = 'invoice'"), 1);
  {
    char sql[160];
    snprintf (sql, sizeof sql, "entity_id = '%s' AND after_json LIKE '%%2026-0001%%'", id);
    ck_assert_int_eq (audit_count (sql), 1); /* the issue entry holds the issued document */
  }
  pay_ok ("2026-0001", "21.00", "2026-03-10");
  ck_assert_int_eq (audit_count ("action = 'payment' AND entity = 'payment'"), 1);
  issue_ok (credit_ok ("2026-0001", NULL), NULL);
  ck_assert_int_eq (audit_count ("entity = 'credit_note'"), 2); /* create, issue */
  ck_assert_int_eq (audit_count (NULL), base + 5);
  /* refused operations write nothing */
  ck_assert_int_ne (dokus_payment_add (book, "2026-0001", "1000.00", "2026-03-10", NULL, NULL,
                                       &err),
                    DOKUS_OK);
  ck_assert_int_ne (dokus_document_issue (book, id, NULL, &err), DOKUS_OK);
  ck_assert_int_eq (audit_count (NULL), base + 5);
  ck_assert_int_eq (dokus_audit_verify (book, &report, &err), DOKUS_OK);
  ck_assert_int_eq (report.entries, base + 5);
  ck_assert_int_eq (report.devices, 1);
  ck_assert_int_eq (report.first_bad_seq, 0);
}
END_TEST

START_TEST (test_ledger_draft_is_edited_then_issued)
{
  DokusError err = { 0 };
  const char *id = dokus_test_create_invoice (book, be_co, "2026-11-02", LINE_121, NULL);
  long long audits = audit_count (NULL);
  cJSON *o;

  /* replaced whole: two lines now, 3 x 33.33 at 21 % and 1 x 10.00 at 6 %:
   * 99.99 -> VAT 21.00 (20.9979); 10.00 -> 0.60; total 131.59 */
  ck_assert_msg (dokus_invoice_update (book, id,
                                       dokus_test_js ("{'client': '%s', 'issue_date': '2026-11-03',"
                                                      " 'lines': [{'description': 'Hours', "
                                                      "'quantity': '3', 'unit_price': '33.33', "
                                                      "'vat_rate': '21'}, {'description': 'Book',"
                                                      " 'quantity': '1', 'unit_price': '10', "
                                                      "'vat_rate': '6'}]}",
                                                      be_co),
                                       &err)
                   == DOKUS_OK,
                 "%s", err.message);
  o = show (id);
  ck_assert_str_eq (get (o, "status"), "draft");
  ck_assert_str_eq (get (o, "issue_date"), "2026-11-03");
  ck_assert_int_eq (count (o, "lines"), 2);
  ck_assert_str_eq (get (o, "totals.tax_exclusive_amount"), "109.99");
  ck_assert_str_eq (get (o, "totals.tax_amount"), "21.60");
  ck_assert_str_eq (get (o, "totals.tax_inclusive_amount"), "131.59");
  ck_assert_int_eq (audit_count (NULL), audits + 1);
  ck_assert_int_eq (audit_count ("action = 'update' AND entity = 'invoice'"), 1);

  /* bad content leaves the draft as it was */
  ck_assert (dokus_invoice_update (
               book, id,
               dokus_test_js ("{'client': '%s', 'lines': [{'description': 'x',"
                              " 'quantity': '1', 'unit_price': '1.00001', 'vat_rate': '21'}]}",
                              be_co),
               &err)
             == DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "lines[0].unit_price");
  o = show (id);
  ck_assert_str_eq (get (o, "totals.tax_inclusive_amount"), "131.59");
  ck_assert_int_eq (audit_count (NULL), audits + 1);

  /* issued: never edited or deleted again */
  ck_assert_str_eq (issue_ok (id, NULL), "2026-0001");
  ck_assert (dokus_invoice_update (
               book, id, dokus_test_js ("{'client': '%s', 'lines': [%s]}", be_co, LINE_121), &err)
             == DOKUS_ERR_REFUSED);
  ck_assert (dokus_document_delete_draft (book, "2026-0001", &err) == DOKUS_ERR_REFUSED);
  o = show ("2026-0001");
  ck_assert_str_eq (get (o, "totals.tax_inclusive_amount"), "131.59");
}
END_TEST

START_TEST (test_ledger_draft_is_deleted_without_a_gap)
{
  DokusError err = { 0 };
  const char *a = dokus_test_create_invoice (book, be_co, "2026-11-02", LINE_121, NULL);
  const char *b = dokus_test_create_invoice (book, be_co, "2026-11-02", LINE_121, NULL);
  char *json = NULL;

  ck_assert_msg (dokus_document_delete_draft (book, a, &err) == DOKUS_OK, "%s", err.message);
  ck_assert (dokus_document_show (book, a, &json, &err) == DOKUS_ERR_NOT_FOUND);
  ck_assert (json == NULL);
  ck_assert_int_eq (
    dokus_test_query_int (db, dokus_test_js ("SELECT count(*) FROM document_lines WHERE "
                                             "document_id = '%s'",
                                             a)),
    0);
  ck_assert_int_eq (audit_count ("action = 'delete'"), 1);
  /* the next issued number follows the last one: deleting a draft makes no gap */
  ck_assert_str_eq (issue_ok (b, NULL), "2026-0001");
  ck_assert (dokus_document_delete_draft (book, a, &err) == DOKUS_ERR_NOT_FOUND);
}
END_TEST

START_TEST (test_ledger_client_update_keeps_issued_documents)
{
  DokusError err = { 0 };
  const char *number = invoice_issued (be_co, "2026-11-02", LINE_121);
  char *json = NULL;
  cJSON *o;

  ck_assert_msg (dokus_client_update (book, be_co,
                                      "{\"name\": \"Renamed BV\", \"vat_number\": "
                                      "\"BE0417497106\", \"address\": {\"street\": "
                                      "\"Nieuwstraat 2\", \"postal_code\": \"1000\", "
                                      "\"city\": \"Brussel\", \"country\": \"BE\"}}",
                                      &err) == DOKUS_OK,
                 "%s (%s)", err.message, err.field);
  ck_assert (dokus_client_list (book, false, &json, &err) == DOKUS_OK);
  ck_assert_msg (strstr (json, "Renamed BV") != NULL && strstr (json, "Brussel") != NULL, "%s",
                 json);
  free (json);
  /* the issued invoice keeps the buyer it was issued to */
  o = show (number);
  ck_assert_str_ne (get (o, "buyer.name"), "Renamed BV");
  ck_assert_int_eq (audit_count ("action = 'update' AND entity = 'client'"), 1);
  /* a bad VAT number changes nothing */
  ck_assert (dokus_client_update (book, be_co,
                                  "{\"name\": \"X\", \"vat_number\": \"BE0417497107\", "
                                  "\"address\": {\"country\": \"BE\"}}",
                                  &err) == DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "vat_number");
  ck_assert (dokus_client_update (book, "no-such-client", "{\"name\": \"X\", \"address\": "
                                  "{\"country\": \"BE\"}}", &err) == DOKUS_ERR_NOT_FOUND);
  ck_assert_int_eq (audit_count ("action = 'update' AND entity = 'client'"), 1);
}
END_TEST

static Suite *
ledger_suite (void)
{
  Suite *s = suite_create ("ledger");
  struct {
    const char *name;
    const TTest *tests[12];
  } cases[] = {
    { "numbering",
      { test_ledger_numbers_invoices_in_series, test_ledger_prefix_from_profile,
        test_ledger_prefix_cannot_take_the_credit_note_series,
        test_ledger_credit_notes_have_their_own_series, test_ledger_new_year_starts_at_0001,
        test_ledger_refuses_issue_date_before_the_last, test_ledger_structured_communication } },
    { "frozen", { test_ledger_issued_document_is_frozen } },
    { "credit",
      { test_ledger_credit_note_whole, test_ledger_credit_note_partial,
        test_ledger_credit_after_full_payment_is_a_refund,
        test_ledger_credit_after_partial_payment, test_ledger_refuses_over_crediting,
        test_ledger_refuses_crediting_a_draft,
        test_ledger_credit_note_not_before_its_invoice_at_issue,
        test_ledger_credit_note_keeps_its_invoice_regime } },
    { "payments",
      { test_ledger_partial_then_full_payment, test_ledger_refuses_payment_above_open_amount,
        test_ledger_refuses_bad_payments, test_ledger_overdue_is_derived,
        test_ledger_list_by_status_and_date } },
    { "vat",
      { test_ledger_vat_categories_nl, test_ledger_vat_categories_fr,
        test_ledger_mixed_categories_on_one_invoice, test_ledger_category_rules_at_issue,
        test_ledger_rates_are_effective_dated } },
    { "franchise", { test_ledger_franchise_invoices_in_e, test_ledger_franchise_turnover } },
    { "input",
      { test_ledger_due_date_from_payment_terms, test_ledger_archived_client,
        test_ledger_refuses_unknown_fields,
        test_ledger_refuses_bad_numbers } },
    { "audit", { test_ledger_audit_entries } },
    { "drafts",
      { test_ledger_draft_is_edited_then_issued, test_ledger_draft_is_deleted_without_a_gap,
        test_ledger_client_update_keeps_issued_documents } },
  };

  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      TCase *tc = tcase_create (cases[i].name);
      tcase_add_checked_fixture (tc, setup, teardown);
      for (size_t j = 0; j < 12 && cases[i].tests[j]; j++)
        tcase_add_test (tc, cases[i].tests[j]);
      suite_add_tcase (s, tc);
    }
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (ledger_suite ());
}

/* check-reports.c
 *
 * Suite "reports": profit and loss, aged receivables, the dashboard and the
 * export, on a small book built through the public API (profile, clients,
 * invoices, a credit note, payments, purchases with a receipt). Every
 * expected figure is worked by hand in the comments; "today" is fixed with
 * DOKUS_TODAY.
 *
 * The book (standard VAT regime, quarterly returns), today 2026-11-25:
 *
 *   number     issued      client  net      VAT     total    due         open
 *   2025-0001  2025-12-15  Acme    400.00   84.00   484.00   2026-01-14  484.00
 *   2026-0001  2026-01-10  Acme    1000.00  210.00  1210.00  2026-02-09  0 (paid)
 *   2026-0002  2026-04-15  Sofie   500.00   105.00  605.00   2026-05-15  405.00 (200 paid)
 *   2026-0003  2026-08-21  Acme    750.00   45.00   795.00   2026-09-20  530.00 (265 credited)
 *   2026-0004  2026-09-10  Sofie   300.00   63.00   363.00   2026-10-10  363.00
 *   2026-0005  2026-10-11  Acme    200.00   42.00   242.00   2026-11-10  242.00
 *   2026-0006  2026-11-20  Sofie   241.00   50.61   291.61   2026-12-20  291.61
 *   credit note on 2026-0003, 2026-09-15: 250.00 + 6 % 15.00 = 265.00
 *   a draft for Acme dated 2026-11-01 of 999.00: counts nowhere
 *
 *   purchases (deductible cost = round ((base + VAT − recoverable) × ded %)):
 *   E1 2026-03-12 restaurant  80.00 + 9.60 @12, rec 0 %, ded 69 %:
 *        89.60 × 0.69 = 61.824 -> 61.82
 *   E2 2026-06-05 restaurant  45.09 + 5.41 @12, rec 0 %, ded 69 %:
 *        50.50 × 0.69 = 34.845 -> 34.85 (half away from zero)
 *   E3 2026-02-01 software    100.00 + 21.00, rec 100 %, ded 100 %: 100.00
 *   E4 2026-04-01 software    credit note 40.00 + 8.40, rec 100 %: −40.00
 *   E5 2026-11-03 hosting     eu_services 50.00, VAT self-assessed 10.50, rec 100 %: 50.00
 *   E6 2026-10-15 hardware    investment 1200.00 + 252.00, rec 100 %: 1200.00
 *   E7 2025-12-20 office      30.00 + 6.30: another year
 *   E8 2026-11-05 car         60.00 + 12.60, rec 50 % = 6.30, ded 75 %:
 *        (60.00 + 6.30) × 0.75 = 49.725 -> 49.73
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>
#include <sodium.h>

#include "dokus-test-helpers.h"

#define TODAY "2026-11-25"

#define PROFILE                                                                            \
  "{\"name\":\"Freelance BV\",\"enterprise_number\":\"0417497106\",\"vat_period\":\"quarter\"}"

static char *dir, *book_path;
static DokusBook *book;
static char acme[DOKUS_ID_TEXT], sofie[DOKUS_ID_TEXT];
static char receipt_expense[DOKUS_ID_TEXT];
static unsigned char receipt[300];

static void
setup (void)
{
  ck_assert (sodium_init () >= 0);
  setenv ("DOKUS_NOW", "2026-11-25T19:30:00Z", 1);
  setenv ("DOKUS_TODAY", TODAY, 1);
  book = dokus_test_book_new (&dir, &book_path);
}

static void
teardown (void)
{
  dokus_test_book_free (&book, &book_path, &dir);
}

static void
check_ok (DokusStatus st, const DokusError *err, const char *what)
{
  ck_assert_msg (st == DOKUS_OK, "%s: %s (%s)", what, err->message, err->field);
}

static void
set_profile (const char *json)
{
  DokusError err = { 0 };
  check_ok (dokus_profile_set (book, json, &err), &err, "profile");
}

static void
add_client (const char *json, char id[DOKUS_ID_TEXT])
{
  DokusError err = { 0 };
  check_ok (dokus_client_add (book, json, id, &err), &err, "client");
}

/* Creates and issues an invoice of one line; *@number (nullable) gets its number. */
static void
invoice (const char *client, const char *issue, const char *due, const char *qty,
         const char *price, const char *rate, char number[DOKUS_NUMBER_TEXT])
{
  char json[512], issued[DOKUS_NUMBER_TEXT];

  snprintf (json, sizeof json,
            "{\"client\":\"%s\",\"issue_date\":\"%s\",\"due_date\":\"%s\",\"lines\":["
            "{\"description\":\"Work\",\"quantity\":\"%s\",\"unit_price\":\"%s\","
            "\"vat_rate\":\"%s\"}]}",
            client, issue, due, qty, price, rate);
  dokus_test_issue_invoice (book, json, issued);
  if (number != NULL)
    snprintf (number, DOKUS_NUMBER_TEXT, "%s", issued);
}

static void
pay (const char *number, const char *amount, const char *date)
{
  DokusError err = { 0 };
  check_ok (dokus_payment_add (book, number, amount, date, NULL, NULL, &err), &err, "payment");
}

static void
expense (const char *json, const DokusAttachmentInput *r, size_t n, char id[DOKUS_ID_TEXT])
{
  DokusError err = { 0 };
  char local[DOKUS_ID_TEXT];
  check_ok (dokus_expense_add (book, json, r, n, id ? id : local, &err), &err, "expense");
}

#define DOMESTIC(date, supplier, number, category, kind, base, rate, vat, ded, rec, credit) \
  "{\"date\":\"" date "\",\"supplier\":{\"name\":\"" supplier "\",\"country\":\"BE\"},"   \
  "\"number\":\"" number "\",\"category\":\"" category "\",\"kind\":\"" kind "\","        \
  "\"vat_treatment\":\"domestic\",\"lines\":[{\"base\":\"" base "\",\"vat_rate\":\"" rate \
  "\",\"vat_amount\":\"" vat "\"}],\"deductible_percent\":\"" ded "\","                   \
  "\"vat_recoverable_percent\":\"" rec "\",\"credit_note\":" credit "}"

/* The book of the table at the top. */
static void
build_book (void)
{
  DokusError err = { 0 };
  DokusIssueResult res;
  DokusAttachmentInput r;
  char id[DOKUS_ID_TEXT];

  set_profile (PROFILE);
  add_client ("{\"name\":\"Acme BV\",\"vat_number\":\"BE0203201340\",\"address\":"
              "{\"street\":\"Veldstraat 12\",\"postal_code\":\"9000\",\"city\":\"Gent\","
              "\"country\":\"BE\"}}",
              acme);
  /* a name with a comma and quotes, for the CSV quoting */
  add_client ("{\"name\":\"Peeters, \\\"Sofie\\\"\",\"kind\":\"person\",\"address\":"
              "{\"street\":\"Lindelaan 3\",\"postal_code\":\"3000\",\"city\":\"Leuven\","
              "\"country\":\"BE\"}}",
              sofie);

  invoice (acme, "2025-12-15", "2026-01-14", "1", "400", "21", NULL);  /* 84.00 VAT */
  invoice (acme, "2026-01-10", "2026-02-09", "10", "100", "21", NULL); /* 210.00 */
  invoice (sofie, "2026-04-15", "2026-05-15", "1", "500", "21", NULL); /* 105.00 */
  invoice (acme, "2026-08-21", "2026-09-20", "3", "250", "6", NULL);   /* 45.00 */
  invoice (sofie, "2026-09-10", "2026-10-10", "1", "300", "21", NULL); /* 63.00 */
  invoice (acme, "2026-10-11", "2026-11-10", "4", "50", "21", NULL);   /* 42.00 */
  invoice (sofie, "2026-11-20", "2026-12-20", "2", "120.50", "21", NULL); /* 241.00: 50.61 */
  check_ok (dokus_invoice_credit (book, "2026-0003",
                                  "{\"issue_date\":\"2026-09-15\",\"lines\":[{\"description\":"
                                  "\"Returned\",\"quantity\":\"1\",\"unit_price\":\"250\","
                                  "\"vat_rate\":\"6\"}]}",
                                  id, &err),
            &err, "credit");
  check_ok (dokus_document_issue (book, id, &res, &err), &err, "credit issue");
  pay ("2026-0001", "1210.00", "2026-02-01");
  pay ("2026-0002", "200.00", "2026-05-10");
  {
    char json[256];
    snprintf (json, sizeof json,
              "{\"client\":\"%s\",\"issue_date\":\"2026-11-01\",\"lines\":[{\"description\":"
              "\"Draft\",\"quantity\":\"1\",\"unit_price\":\"999\",\"vat_rate\":\"21\"}]}",
              acme);
    check_ok (dokus_invoice_create (book, json, id, &err), &err, "draft");
  }

  for (size_t i = 0; i < sizeof receipt; i++)
    receipt[i] = (unsigned char) (i * 7 + 3); /* NULs and high bytes included */
  r = (DokusAttachmentInput) { "ticket resto (mars).pdf", receipt, sizeof receipt };
  expense (DOMESTIC ("2026-03-12", "Brasserie", "T-1", "restaurant", "services", "80.00", "12",
                     "9.60", "69", "0", "false"),
           &r, 1, receipt_expense);
  expense (DOMESTIC ("2026-06-05", "Brasserie", "T-2", "restaurant", "services", "45.09", "12",
                     "5.41", "69", "0", "false"),
           NULL, 0, NULL);
  expense (DOMESTIC ("2026-02-01", "Softco", "S-1", "software", "services", "100.00", "21",
                     "21.00", "100", "100", "false"),
           NULL, 0, NULL);
  expense (DOMESTIC ("2026-04-01", "Softco", "S-1-CN", "software", "services", "40.00", "21",
                     "8.40", "100", "100", "true"),
           NULL, 0, NULL);
  expense ("{\"date\":\"2026-11-03\",\"supplier\":{\"name\":\"Cloudly Ltd\",\"vat_number\":"
           "\"IE6388047V\",\"country\":\"IE\"},\"number\":\"C-9\",\"category\":\"hosting\","
           "\"kind\":\"services\",\"vat_treatment\":\"eu_services\","
           "\"lines\":[{\"base\":\"50.00\",\"vat_rate\":\"21\"}]}",
           NULL, 0, NULL);
  expense (DOMESTIC ("2026-10-15", "Laptops NV", "L-1", "hardware", "investment", "1200.00", "21",
                     "252.00", "100", "100", "false"),
           NULL, 0, NULL);
  expense (DOMESTIC ("2025-12-20", "Papier", "P-1", "office", "goods", "30.00", "21", "6.30",
                     "100", "100", "false"),
           NULL, 0, NULL);
  expense (DOMESTIC ("2026-11-05", "Garage", "G-1", "car", "services", "60.00", "21", "12.60",
                     "75", "50", "false"),
           NULL, 0, NULL);
}

static cJSON *
parse (char *text)
{
  cJSON *o = cJSON_Parse (text);
  ck_assert_msg (o != NULL, "not JSON: %s", text);
  free (text);
  return o;
}

static const char *
str (const cJSON *o, const char *key)
{
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (o, key);
  ck_assert_msg (cJSON_IsString (m), "%s is not a string", key);
  return m->valuestring;
}

static int
num (const cJSON *o, const char *key)
{
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (o, key);
  ck_assert_msg (cJSON_IsNumber (m), "%s is not a number", key);
  return m->valueint;
}

static cJSON *
pnl (int year)
{
  DokusError err = { 0 };
  char *text = NULL;
  check_ok (dokus_report_pnl (book, year, &text, &err), &err, "pnl");
  return parse (text);
}

static cJSON *
receivables (void)
{
  DokusError err = { 0 };
  char *text = NULL;
  check_ok (dokus_report_receivables (book, &text, &err), &err, "receivables");
  return parse (text);
}

static cJSON *
dashboard (void)
{
  DokusError err = { 0 };
  char *text = NULL;
  check_ok (dokus_report_dashboard (book, &text, &err), &err, "dashboard");
  return parse (text);
}

static const cJSON *
bucket (const cJSON *r, const char *name)
{
  const cJSON *b;
  cJSON_ArrayForEach (b, cJSON_GetObjectItem (r, "buckets"))
    if (strcmp (str (b, "name"), name) == 0)
      return b;
  ck_abort_msg ("no bucket %s", name);
  return NULL;
}

/* The bucket holding the invoice @number, or NULL. */
static const char *
bucket_of (const cJSON *r, const char *number, int *days)
{
  const cJSON *b, *d;
  cJSON_ArrayForEach (b, cJSON_GetObjectItem (r, "buckets"))
    cJSON_ArrayForEach (d, cJSON_GetObjectItem (b, "documents"))
      if (strcmp (str (d, "number"), number) == 0)
        {
          *days = num (d, "days_overdue");
          return str (b, "name");
        }
  return NULL;
}

/* ---- pnl -------------------------------------------------------------------- */

START_TEST (test_reports_pnl_income_and_deductible_costs)
{
  const cJSON *income, *e;
  cJSON *o;
  static const char *const want[][3] = {
    /* by category name; counts include credit notes */
    { "car", "49.73", "1" },         /* 49.725 -> 49.73 */
    { "hosting", "50.00", "1" },     /* self-assessed VAT recovered: no cost */
    { "restaurant", "96.67", "2" },  /* 61.82 + 34.85 */
    { "software", "60.00", "2" },    /* 100.00 − 40.00 (purchase credit note) */
  };
  int i = 0;

  build_book ();
  o = pnl (2026);
  ck_assert_int_eq (num (o, "year"), 2026);
  income = cJSON_GetObjectItem (o, "income");
  /* 2026 invoices: 1000 + 500 + 750 + 300 + 200 + 241 = 2991.00 (2025-0001
   * and the draft not); credit note 250.00; net 2741.00 */
  ck_assert_str_eq (str (income, "invoiced"), "2991.00");
  ck_assert_str_eq (str (income, "credited"), "250.00");
  ck_assert_str_eq (str (income, "net"), "2741.00");
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (o, "expenses")), 4);
  cJSON_ArrayForEach (e, cJSON_GetObjectItem (o, "expenses"))
    {
      ck_assert_str_eq (str (e, "category"), want[i][0]);
      ck_assert_str_eq (str (e, "amount"), want[i][1]);
      ck_assert_int_eq (num (e, "count"), atoi (want[i][2]));
      i++;
    }
  /* 49.73 + 50.00 + 96.67 + 60.00 = 256.40 */
  ck_assert_str_eq (str (o, "expenses_total"), "256.40");
  /* the laptop apart, not in the result */
  e = cJSON_GetArrayItem (cJSON_GetObjectItem (o, "investments"), 0);
  ck_assert_str_eq (str (e, "category"), "hardware");
  ck_assert_str_eq (str (e, "amount"), "1200.00");
  ck_assert_str_eq (str (o, "investments_total"), "1200.00");
  /* 2741.00 − 256.40 = 2484.60 */
  ck_assert_str_eq (str (o, "result"), "2484.60");
  cJSON_Delete (o);

  /* 2025: 2025-0001 (400.00) and the office paper (30.00 + 6.30, all recovered) */
  o = pnl (2025);
  ck_assert_str_eq (str (cJSON_GetObjectItem (o, "income"), "invoiced"), "400.00");
  ck_assert_str_eq (str (cJSON_GetObjectItem (o, "income"), "credited"), "0.00");
  ck_assert_str_eq (str (o, "expenses_total"), "30.00");
  ck_assert_str_eq (str (o, "result"), "370.00");
  cJSON_Delete (o);

  /* an empty year */
  o = pnl (2024);
  ck_assert_str_eq (str (o, "result"), "0.00");
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (o, "expenses")), 0);
  cJSON_Delete (o);
}
END_TEST

START_TEST (test_reports_pnl_refuses_bad_year)
{
  DokusError err = { 0 };
  char *text = (char *) "x";

  set_profile (PROFILE);
  ck_assert_int_eq (dokus_report_pnl (book, 1899, &text, &err), DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "year");
  ck_assert_ptr_null (text);
  ck_assert_int_eq (dokus_report_pnl (book, 10000, &text, NULL), DOKUS_ERR_INVALID);
}
END_TEST

START_TEST (test_reports_pnl_franchise_book)
{
  char id[DOKUS_ID_TEXT];
  cJSON *o;

  set_profile ("{\"name\":\"Klein\",\"enterprise_number\":\"0417497106\","
               "\"vat_regime\":\"franchise\"}");
  add_client ("{\"name\":\"Acme BV\",\"vat_number\":\"BE0203201340\",\"address\":"
              "{\"street\":\"Veldstraat 12\",\"postal_code\":\"9000\",\"city\":\"Gent\","
              "\"country\":\"BE\"}}",
              id);
  /* category E by default: 2 × 450.00 = 900.00, no VAT */
  invoice (id, "2026-03-01", "2026-03-31", "2", "450", "0", NULL);
  o = pnl (2026);
  ck_assert_str_eq (str (cJSON_GetObjectItem (o, "income"), "invoiced"), "900.00");
  ck_assert_str_eq (str (o, "result"), "900.00");
  cJSON_Delete (o);

  o = dashboard ();
  {
    const cJSON *vat = cJSON_GetObjectItem (o, "vat");
    ck_assert_str_eq (str (vat, "return"), "none");
    ck_assert_str_eq (str (vat, "due_estimate"), "0.00");
    ck_assert_str_eq (str (vat, "output_vat"), "0.00");
    ck_assert (cJSON_IsNull (cJSON_GetObjectItem (vat, "period")));
    ck_assert (cJSON_IsNull (cJSON_GetObjectItem (vat, "next_filing")));
  }
  /* 900.00 open since 2026-03-31: 239 days (Mar 31 -> Nov 25) */
  ck_assert_str_eq (str (o, "overdue"), "900.00");
  cJSON_Delete (o);
}
END_TEST

/* ---- receivables ------------------------------------------------------------ */

START_TEST (test_reports_receivables_buckets)
{
  const cJSON *b, *d, *c;
  cJSON *o;

  build_book ();
  o = receivables ();
  ck_assert_str_eq (str (o, "as_of"), TODAY);
  /* 291.61 + 242.00 + 363.00 + 530.00 + 484.00 + 405.00 = 2315.61;
   * all but 2026-0006 (due 2026-12-20) overdue: 2315.61 − 291.61 = 2024.00 */
  ck_assert_str_eq (str (o, "total"), "2315.61");
  ck_assert_str_eq (str (o, "overdue"), "2024.00");
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (o, "buckets")), 5);
  ck_assert_str_eq (str (cJSON_GetArrayItem (cJSON_GetObjectItem (o, "buckets"), 0), "name"),
                    "not_due");

  b = bucket (o, "not_due");
  ck_assert_str_eq (str (b, "total"), "291.61");
  ck_assert_int_eq (num (b, "count"), 1);
  d = cJSON_GetArrayItem (cJSON_GetObjectItem (b, "documents"), 0);
  ck_assert_str_eq (str (d, "number"), "2026-0006");
  ck_assert_int_eq (num (d, "days_overdue"), 0);
  ck_assert_str_eq (str (d, "due_date"), "2026-12-20");
  ck_assert_str_eq (str (cJSON_GetObjectItem (d, "client"), "name"), "Peeters, \"Sofie\"");

  /* due 2026-11-10: 20 days of November left -> 15 days late */
  b = bucket (o, "1-30");
  ck_assert_str_eq (str (b, "total"), "242.00");
  d = cJSON_GetArrayItem (cJSON_GetObjectItem (b, "documents"), 0);
  ck_assert_str_eq (str (d, "number"), "2026-0005");
  ck_assert_int_eq (num (d, "days_overdue"), 15);

  /* due 2026-10-10: 21 days of October + 25 = 46 */
  b = bucket (o, "31-60");
  ck_assert_str_eq (str (b, "total"), "363.00");
  d = cJSON_GetArrayItem (cJSON_GetObjectItem (b, "documents"), 0);
  ck_assert_int_eq (num (d, "days_overdue"), 46);

  /* due 2026-09-20: 10 + 31 + 25 = 66; 795.00 − 265.00 credited = 530.00 */
  b = bucket (o, "61-90");
  ck_assert_str_eq (str (b, "total"), "530.00");
  d = cJSON_GetArrayItem (cJSON_GetObjectItem (b, "documents"), 0);
  ck_assert_str_eq (str (d, "number"), "2026-0003");
  ck_assert_str_eq (str (d, "open_amount"), "530.00");
  ck_assert_int_eq (num (d, "days_overdue"), 66);

  /* oldest due date first: 2025-0001, due 2026-01-14: 17 + 28 + 31 + 30 + 31
   * + 30 + 31 + 31 + 30 + 31 + 25 = 315 days; 2026-0002, due 2026-05-15:
   * 16 + 30 + 31 + 31 + 30 + 31 + 25 = 194 days, 605.00 − 200.00 = 405.00 */
  b = bucket (o, "90+");
  ck_assert_str_eq (str (b, "total"), "889.00");
  ck_assert_int_eq (num (b, "count"), 2);
  d = cJSON_GetArrayItem (cJSON_GetObjectItem (b, "documents"), 0);
  ck_assert_str_eq (str (d, "number"), "2025-0001");
  ck_assert_int_eq (num (d, "days_overdue"), 315);
  d = cJSON_GetArrayItem (cJSON_GetObjectItem (b, "documents"), 1);
  ck_assert_str_eq (str (d, "number"), "2026-0002");
  ck_assert_int_eq (num (d, "days_overdue"), 194);
  ck_assert_str_eq (str (d, "open_amount"), "405.00");

  /* per client, the largest first: Acme 484.00 + 530.00 + 242.00 = 1256.00,
   * all overdue; Sofie 405.00 + 363.00 + 291.61 = 1059.61, 768.00 overdue */
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (o, "clients")), 2);
  c = cJSON_GetArrayItem (cJSON_GetObjectItem (o, "clients"), 0);
  ck_assert_str_eq (str (c, "id"), acme);
  ck_assert_str_eq (str (c, "total"), "1256.00");
  ck_assert_str_eq (str (c, "overdue"), "1256.00");
  ck_assert_int_eq (num (c, "count"), 3);
  c = cJSON_GetArrayItem (cJSON_GetObjectItem (o, "clients"), 1);
  ck_assert_str_eq (str (c, "id"), sofie);
  ck_assert_str_eq (str (c, "total"), "1059.61");
  ck_assert_str_eq (str (c, "overdue"), "768.00");
  cJSON_Delete (o);

  /* a payment moves an invoice out; the rest of 2026-0002 is paid */
  pay ("2026-0002", "405.00", "2026-11-24");
  o = receivables ();
  ck_assert_str_eq (str (o, "total"), "1910.61");
  ck_assert_str_eq (str (bucket (o, "90+"), "total"), "484.00");
  cJSON_Delete (o);
}
END_TEST

START_TEST (test_reports_receivables_bucket_edges)
{
  const char *name;
  int days = -1;
  cJSON *o;

  build_book ();
  /* 2026-0005 is due 2026-11-10: on that day it is not due yet */
  setenv ("DOKUS_TODAY", "2026-11-10", 1);
  o = receivables ();
  name = bucket_of (o, "2026-0005", &days);
  ck_assert_str_eq (name, "not_due");
  ck_assert_int_eq (days, 0);
  cJSON_Delete (o);
  /* the next day 1 day late */
  setenv ("DOKUS_TODAY", "2026-11-11", 1);
  o = receivables ();
  ck_assert_str_eq (bucket_of (o, "2026-0005", &days), "1-30");
  ck_assert_int_eq (days, 1);
  cJSON_Delete (o);
  /* 2026-12-10: 20 + 10 = 30 days, still 1-30; 2026-12-11: 31 */
  setenv ("DOKUS_TODAY", "2026-12-10", 1);
  o = receivables ();
  ck_assert_str_eq (bucket_of (o, "2026-0005", &days), "1-30");
  ck_assert_int_eq (days, 30);
  cJSON_Delete (o);
  setenv ("DOKUS_TODAY", "2026-12-11", 1);
  o = receivables ();
  ck_assert_str_eq (bucket_of (o, "2026-0005", &days), "31-60");
  ck_assert_int_eq (days, 31);
  cJSON_Delete (o);
  /* 2027-02-08: 20 + 31 + 31 + 8 = 90 -> 61-90; 2027-02-09: 91 -> 90+ */
  setenv ("DOKUS_TODAY", "2027-02-08", 1);
  o = receivables ();
  ck_assert_str_eq (bucket_of (o, "2026-0005", &days), "61-90");
  ck_assert_int_eq (days, 90);
  cJSON_Delete (o);
  setenv ("DOKUS_TODAY", "2027-02-09", 1);
  o = receivables ();
  ck_assert_str_eq (bucket_of (o, "2026-0005", &days), "90+");
  ck_assert_int_eq (days, 91);
  /* the paid invoice is nowhere */
  ck_assert_ptr_null (bucket_of (o, "2026-0001", &days));
  cJSON_Delete (o);
}
END_TEST

/* ---- dashboard -------------------------------------------------------------- */

START_TEST (test_reports_dashboard_figures)
{
  static const char *const months[12]
    = { "1000.00", "0.00", "0.00", "500.00", "0.00", "0.00",
        "0.00",    "750.00", "50.00", "200.00", "241.00", "0.00" };
  const cJSON *rev, *vat, *next, *m, *recent;
  int i = 0;
  cJSON *o;

  build_book ();
  o = dashboard ();
  ck_assert_str_eq (str (o, "as_of"), TODAY);
  rev = cJSON_GetObjectItem (o, "revenue");
  /* 2026-Q4: 200.00 + 241.00; the year: 2741.00 as in the P&L */
  ck_assert_str_eq (str (rev, "quarter"), "441.00");
  ck_assert_str_eq (str (rev, "quarter_label"), "2026-Q4");
  ck_assert_str_eq (str (rev, "year"), "2741.00");
  ck_assert_str_eq (str (rev, "year_label"), "2026");
  /* September: 300.00 invoiced − 250.00 credited = 50.00 */
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (o, "revenue_by_month")), 12);
  cJSON_ArrayForEach (m, cJSON_GetObjectItem (o, "revenue_by_month"))
    {
      char label[8];
      snprintf (label, sizeof label, "2026-%02d", i + 1);
      ck_assert_str_eq (str (m, "month"), label);
      ck_assert_str_eq (str (m, "revenue"), months[i]);
      i++;
    }
  /* as the receivables: 2315.61 open in 6 invoices, 2024.00 overdue in 5 */
  ck_assert_str_eq (str (o, "outstanding"), "2315.61");
  ck_assert_int_eq (num (o, "outstanding_count"), 6);
  ck_assert_str_eq (str (o, "overdue"), "2024.00");
  ck_assert_int_eq (num (o, "overdue_count"), 5);

  /* Q4: output 42.00 + 50.61 sales + 10.50 self-assessed (E5) = 103.11;
   * deductible 10.50 (E5) + 252.00 (E6) + 6.30 (E8, 50 % of 12.60) = 268.80;
   * 103.11 − 268.80 = −165.69, a refund. The Q4 return is due 2027-01-25. */
  vat = cJSON_GetObjectItem (o, "vat");
  ck_assert_str_eq (str (vat, "return"), "quarter");
  ck_assert_str_eq (str (vat, "period"), "2026-Q4");
  ck_assert_str_eq (str (vat, "output_vat"), "103.11");
  ck_assert_str_eq (str (vat, "deductible_vat"), "268.80");
  ck_assert_str_eq (str (vat, "due_estimate"), "-165.69");
  next = cJSON_GetObjectItem (vat, "next_filing");
  ck_assert_str_eq (str (next, "period"), "2026-Q4");
  ck_assert_str_eq (str (next, "due_date"), "2027-01-25");

  /* the newest entry first: the last purchase recorded */
  recent = cJSON_GetObjectItem (o, "recent");
  ck_assert_int_eq (cJSON_GetArraySize (recent), 10);
  ck_assert_str_eq (str (cJSON_GetArrayItem (recent, 0), "action"), "create");
  ck_assert_str_eq (str (cJSON_GetArrayItem (recent, 0), "entity"), "expense");
  ck_assert_str_eq (str (cJSON_GetArrayItem (recent, 0), "at"), "2026-11-25T19:30:00Z");
  cJSON_Delete (o);
}
END_TEST

/* The dashboard's VAT estimate as of @today against dokus_vat_return() of
 * @period: grid 71 to pay, or grid 72 to recover. */
static void
check_vat_estimate (const char *today, const char *period, const char *want)
{
  DokusError err = { 0 };
  const cJSON *grids;
  char *text = NULL, ret[DOKUS_MONEY_TEXT];
  cJSON *o, *r;

  setenv ("DOKUS_TODAY", today, 1);
  o = dashboard ();
  ck_assert_str_eq (str (cJSON_GetObjectItem (o, "vat"), "period"), period);
  ck_assert_str_eq (str (cJSON_GetObjectItem (o, "vat"), "due_estimate"), want);
  check_ok (dokus_vat_return (book, period, &text, &err), &err, "vat return");
  r = parse (text);
  grids = cJSON_GetObjectItem (r, "grids");
  if (cJSON_GetObjectItem (grids, "72") != NULL)
    snprintf (ret, sizeof ret, "-%s", str (grids, "72"));
  else
    snprintf (ret, sizeof ret, "%s", str (grids, "71"));
  ck_assert_str_eq (ret, want);
  cJSON_Delete (r);
  cJSON_Delete (o);
}

START_TEST (test_reports_dashboard_vat_estimate_nets_like_the_return)
{
  build_book ();
  /* Q2: 105.00 on 2026-0002; the purchase credit note E4 takes back 8.40 of
   * deductible VAT; the restaurant's VAT is not recoverable:
   * 105.00 − (−8.40) = 113.40 */
  check_vat_estimate ("2026-05-15", "2026-Q2", "113.40");
  /* Q3: 45.00 + 63.00 − 15.00 (the credit note) = 93.00, nothing to deduct */
  check_vat_estimate ("2026-09-30", "2026-Q3", "93.00");
  /* Q4: as in test_reports_dashboard_figures */
  check_vat_estimate ("2026-12-31", "2026-Q4", "-165.69");
}
END_TEST

static void
check_next_filing (const char *today, const char *period, const char *due)
{
  const cJSON *next;
  cJSON *o;

  setenv ("DOKUS_TODAY", today, 1);
  o = dashboard ();
  next = cJSON_GetObjectItem (cJSON_GetObjectItem (o, "vat"), "next_filing");
  ck_assert_msg (strcmp (str (next, "period"), period) == 0
                     && strcmp (str (next, "due_date"), due) == 0,
                 "%s: %s due %s, wanted %s due %s", today, str (next, "period"),
                 str (next, "due_date"), period, due);
  cJSON_Delete (o);
}

START_TEST (test_reports_dashboard_next_filing)
{
  DokusError err = { 0 };
  char *text = NULL;

  /* no profile: refused */
  ck_assert_int_eq (dokus_report_dashboard (book, &text, &err), DOKUS_ERR_REFUSED);
  ck_assert_ptr_null (text);

  set_profile (PROFILE);
  /* quarterly: the previous quarter's return until the 25th of the
   * quarter's first month, then this quarter's */
  check_next_filing ("2026-10-25", "2026-Q3", "2026-10-25");
  check_next_filing ("2026-10-26", "2026-Q4", "2027-01-25");
  check_next_filing ("2026-12-31", "2026-Q4", "2027-01-25");
  check_next_filing ("2027-01-01", "2026-Q4", "2027-01-25");
  check_next_filing ("2027-02-10", "2027-Q1", "2027-04-25");
  /* quarterly returns due before 2025 were due on the 20th */
  check_next_filing ("2024-10-20", "2024-Q3", "2024-10-20");
  check_next_filing ("2024-10-21", "2024-Q4", "2025-01-25");
  /* monthly: by the 20th of the next month */
  set_profile ("{\"name\":\"Freelance BV\",\"enterprise_number\":\"0417497106\","
               "\"vat_period\":\"month\"}");
  check_next_filing ("2026-11-20", "2026-10", "2026-11-20");
  check_next_filing ("2026-11-21", "2026-11", "2026-12-20");
  check_next_filing ("2026-12-25", "2026-12", "2027-01-20");
  check_next_filing ("2027-01-05", "2026-12", "2027-01-20");
  {
    cJSON *o = dashboard ();
    ck_assert_str_eq (str (cJSON_GetObjectItem (o, "vat"), "return"), "month");
    ck_assert_str_eq (str (cJSON_GetObjectItem (o, "vat"), "period"), "2027-01");
    ck_assert_str_eq (str (cJSON_GetObjectItem (o, "vat"), "due_estimate"), "0.00");
    cJSON_Delete (o);
  }
}
END_TEST

/* ---- export ----------------------------------------------------------------- */

static cJSON *
read_json (const char *out, const char *name)
{
  char *path = dokus_test_path (out, name);
  size_t len = 0;
  unsigned char *data = dokus_test_read_file (path, &len);
  cJSON *o;

  ck_assert_msg (data != NULL, "%s is missing", name);
  o = cJSON_ParseWithLength ((const char *) data, len);
  ck_assert_msg (o != NULL, "%s is not JSON", name);
  free (data);
  free (path);
  return o;
}

/* The number of CRLF-ended lines of @name (every line must end so). */
static int
csv_lines (const char *out, const char *name, char **text)
{
  char *path = dokus_test_path (out, name);
  size_t len = 0;
  unsigned char *data = dokus_test_read_file (path, &len);
  int lines = 0;

  ck_assert_msg (data != NULL, "%s is missing", name);
  ck_assert_msg (len >= 2 && data[len - 2] == '\r' && data[len - 1] == '\n',
                 "%s does not end with CRLF", name);
  for (size_t i = 0; i < len; i++)
    if (data[i] == '\n')
      {
        ck_assert_msg (i > 0 && data[i - 1] == '\r', "%s: a bare LF", name);
        lines++;
      }
  free (path);
  *text = realloc (data, len + 1);
  (*text)[len] = '\0';
  return lines;
}

START_TEST (test_reports_export_writes_everything)
{
  DokusError err = { 0 };
  char *out, *text = NULL, *path, sql[200], *attachment;
  unsigned char *data;
  size_t len = 0;
  const cJSON *e, *r;
  cJSON *o;
  long long audit_before;

  build_book ();
  audit_before = dokus_test_query_int (dokus_book_get_db (book), "SELECT count(*) FROM audit_log");
  out = dokus_test_path (dir, "export");
  check_ok (dokus_export (book, out, &err), &err, "export");

  o = read_json (out, "profile.json");
  ck_assert_str_eq (str (o, "name"), "Freelance BV");
  cJSON_Delete (o);
  o = read_json (out, "clients.json");
  ck_assert_int_eq (cJSON_GetArraySize (o), 2);
  cJSON_Delete (o);
  /* 7 invoices, 1 credit note, 1 draft, each as dokus_document_show has it */
  o = read_json (out, "documents.json");
  ck_assert_int_eq (cJSON_GetArraySize (o), 9);
  e = cJSON_GetArrayItem (o, 0);
  ck_assert_str_eq (str (e, "number"), "2025-0001");
  ck_assert_str_eq (str (cJSON_GetObjectItem (e, "totals"), "tax_inclusive_amount"), "484.00");
  ck_assert_str_eq (str (e, "open_amount"), "484.00");
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (cJSON_GetArrayItem (o, 8), "number")));
  cJSON_Delete (o);
  o = read_json (out, "payments.json");
  ck_assert_int_eq (cJSON_GetArraySize (o), 2);
  ck_assert_str_eq (str (cJSON_GetArrayItem (o, 0), "amount"), "1210.00");
  ck_assert_str_eq (str (cJSON_GetArrayItem (o, 0), "kind"), "payment");
  cJSON_Delete (o);
  /* 8 purchases by date; the first (2025-12-20) is the office paper */
  o = read_json (out, "expenses.json");
  ck_assert_int_eq (cJSON_GetArraySize (o), 8);
  ck_assert_str_eq (str (cJSON_GetArrayItem (o, 0), "category"), "office");
  attachment = NULL;
  cJSON_ArrayForEach (e, o)
    if (strcmp (str (e, "id"), receipt_expense) == 0)
      {
        r = cJSON_GetArrayItem (cJSON_GetObjectItem (e, "receipts"), 0);
        attachment = strdup (str (r, "file"));
        ck_assert_str_eq (str (e, "deductible_amount"), "61.82");
      }
  cJSON_Delete (o);
  o = read_json (out, "audit.json");
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (o, "entries")), audit_before);
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (o, "chain_heads")), 1);
  ck_assert_int_eq (strlen (str (cJSON_GetArrayItem (cJSON_GetObjectItem (o, "chain_heads"), 0),
                                 "hash")),
                    64);
  cJSON_Delete (o);

  /* one row per issued document and VAT group: 7 + 1, and the header */
  ck_assert_int_eq (csv_lines (out, "sales-journal.csv", &text), 9);
  {
    static const char header[]
      = "date,number,type,client,vat_number,category,rate,taxable,vat,total\r\n";
    ck_assert_msg (strncmp (text, header, strlen (header)) == 0, "header: %.80s", text);
  }
  ck_assert_msg (strstr (text, "\r\n2026-04-15,2026-0002,invoice,\"Peeters, \"\"Sofie\"\"\",,S,21,"
                               "500.00,105.00,605.00\r\n") != NULL, "%s", text);
  ck_assert_msg (strstr (text, ",credit_note,Acme BV,BE0203201340,S,6,-250.00,-15.00,-265.00\r\n")
                     != NULL, "%s", text);
  free (text);
  /* one row per purchase line (each purchase has one) */
  ck_assert_int_eq (csv_lines (out, "purchases-journal.csv", &text), 9);
  /* the credit note negative; E5 pays the supplier the base only */
  ck_assert_msg (strstr (text, "2026-04-01,S-1-CN,credit_note,Softco,,BE,software,services,"
                               "domestic,21,-40.00,-8.40,-48.40,100,100,") != NULL, "%s", text);
  ck_assert_msg (strstr (text, ",eu_services,21,50.00,10.50,50.00,100,100,") != NULL, "%s", text);
  free (text);
  ck_assert_int_eq (csv_lines (out, "payments.csv", &text), 3);
  ck_assert_msg (strstr (text, "\r\n2026-05-10,2026-0002,invoice,\"Peeters, \"\"Sofie\"\"\",200.00,,")
                     != NULL, "%s", text);
  free (text);

  /* the receipt, byte for byte, under its sanitized name */
  ck_assert_ptr_nonnull (attachment);
  snprintf (sql, sizeof sql, "SELECT 'receipts/' || id || '-ticket_resto__mars_.pdf'"
                             " FROM attachments WHERE owner_id = '%s'", receipt_expense);
  text = dokus_test_query_text (dokus_book_get_db (book), sql);
  ck_assert_str_eq (attachment, text);
  path = dokus_test_path (out, attachment);
  data = dokus_test_read_file (path, &len);
  ck_assert_ptr_nonnull (data);
  ck_assert_uint_eq (len, sizeof receipt);
  ck_assert (memcmp (data, receipt, sizeof receipt) == 0);
  free (data);
  free (path);
  free (text);
  free (attachment);

  path = dokus_test_path (out, "README.txt");
  ck_assert (dokus_test_file_contains (path, "sales-journal.csv"));
  free (path);

  /* the export is in the audit trail */
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (book),
                                          "SELECT count(*) FROM audit_log WHERE action = 'export'"
                                          " AND entity = 'book' AND seq = (SELECT max(seq)"
                                          " FROM audit_log)"),
                    1);
  free (out);
}
END_TEST

START_TEST (test_reports_export_refuses_non_empty_dir)
{
  DokusError err = { 0 };
  char *out = dokus_test_path (dir, "taken"), *file, *empty;
  size_t len = 0;
  unsigned char *data;

  set_profile (PROFILE);
  ck_assert_int_eq (mkdir (out, 0700), 0);
  file = dokus_test_path (out, "notes.txt");
  ck_assert (dokus_test_write_file (file, (const unsigned char *) "mine", 4));
  ck_assert_int_eq (dokus_export (book, out, &err), DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "dir");
  /* nothing written, the file untouched, nothing audited */
  data = dokus_test_read_file (file, &len);
  ck_assert_uint_eq (len, 4);
  free (data);
  free (file);
  file = dokus_test_path (out, "README.txt");
  ck_assert (!dokus_platform_path_exists (file));
  free (file);
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (book),
                                          "SELECT count(*) FROM audit_log WHERE action = 'export'"),
                    0);
  /* a file is no directory either */
  file = dokus_test_path (out, "notes.txt");
  ck_assert_int_eq (dokus_export (book, file, NULL), DOKUS_ERR_REFUSED);
  free (file);
  /* an existing empty directory is fine */
  empty = dokus_test_path (dir, "empty");
  ck_assert_int_eq (mkdir (empty, 0700), 0);
  ck_assert_int_eq (dokus_export (book, empty, &err), DOKUS_OK);
  /* and then it is not empty any more */
  ck_assert_int_eq (dokus_export (book, empty, &err), DOKUS_ERR_REFUSED);
  free (empty);
  free (out);
}
END_TEST

static Suite *
reports_suite (void)
{
  Suite *s = suite_create ("reports");
  TCase *pnl_case = tcase_create ("pnl");
  TCase *aging = tcase_create ("receivables");
  TCase *dash = tcase_create ("dashboard");
  TCase *export = tcase_create ("export");

  tcase_add_checked_fixture (pnl_case, setup, teardown);
  tcase_add_checked_fixture (aging, setup, teardown);
  tcase_add_checked_fixture (dash, setup, teardown);
  tcase_add_checked_fixture (export, setup, teardown);
  tcase_add_test (pnl_case, test_reports_pnl_income_and_deductible_costs);
  tcase_add_test (pnl_case, test_reports_pnl_refuses_bad_year);
  tcase_add_test (pnl_case, test_reports_pnl_franchise_book);
  tcase_add_test (aging, test_reports_receivables_buckets);
  tcase_add_test (aging, test_reports_receivables_bucket_edges);
  tcase_add_test (dash, test_reports_dashboard_figures);
  tcase_add_test (dash, test_reports_dashboard_vat_estimate_nets_like_the_return);
  tcase_add_test (dash, test_reports_dashboard_next_filing);
  tcase_add_test (export, test_reports_export_writes_everything);
  tcase_add_test (export, test_reports_export_refuses_non_empty_dir);
  suite_add_tcase (s, pnl_case);
  suite_add_tcase (s, aging);
  suite_add_tcase (s, dash);
  suite_add_tcase (s, export);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (reports_suite ());
}

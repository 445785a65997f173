/* check-expense.c
 *
 * Suite "expense": purchases and purchase credit notes through the public
 * API. Figures are worked by hand in the comments, from real Belgian
 * cases: self-assessed VAT on an Irish SaaS bill, a restaurant bill whose
 * VAT is not deductible, car costs at 50 % VAT. Refusals name their field;
 * the book's triggers keep recorded purchases; receipts live encrypted
 * inside the book and come back byte for byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sodium.h>

#include "dokus-test-helpers.h"

#define PROFILE "{\"name\":\"Freelance BV\",\"enterprise_number\":\"0417497106\"}"
#define FRANCHISE_PROFILE                                                                  \
  "{\"name\":\"Klein\",\"enterprise_number\":\"0417497106\",\"vat_regime\":\"franchise\"}"

/* Irish SaaS supplier: EU services, VAT self-assessed (art. 21 § 2 WBTW). */
#define SAAS                                                                               \
  "{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Cloudly Ltd\",\"vat_number\":\"IE6388047V\"," \
  "\"country\":\"IE\"},\"number\":\"INV-1001\",\"category\":\"software\",\"kind\":\"services\"," \
  "\"vat_treatment\":\"eu_services\",\"lines\":[{\"base\":\"100.00\",\"vat_rate\":\"21\"}]}"

static char *dir, *book_path;
static DokusBook *book;

static void
setup (void)
{
  ck_assert (sodium_init () >= 0);
  setenv ("DOKUS_NOW", "2026-11-25T19:30:00Z", 1);
  book = dokus_test_book_new (&dir, &book_path);
}

static void
teardown (void)
{
  dokus_test_book_free (&book, &book_path, &dir);
}

static void
add_ok (const char *json, const DokusAttachmentInput *r, size_t n, char id[DOKUS_ID_TEXT])
{
  DokusError err = { 0 };
  DokusStatus st = dokus_expense_add (book, json, r, n, id, &err);
  ck_assert_msg (st == DOKUS_OK, "add: %s (%s)", err.message, err.field);
}

static void
add_fails (const char *json, DokusStatus want, const char *field)
{
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];
  DokusStatus st = dokus_expense_add (book, json, NULL, 0, id, &err);
  ck_assert_msg (st == want, "wanted %s, got %s: %s", dokus_status_name (want),
                 dokus_status_name (st), err.message);
  ck_assert_str_eq (err.field, field);
}

/* dokus_expense_show() of @id, parsed (cJSON_Delete() it). */
static cJSON *
show (const char *id)
{
  DokusError err = { 0 };
  char *text = NULL;
  DokusStatus st = dokus_expense_show (book, id, &text, &err);
  cJSON *o;

  ck_assert_msg (st == DOKUS_OK, "show: %s", err.message);
  o = cJSON_Parse (text);
  ck_assert (o != NULL);
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

static long long
count (const char *sql)
{
  return dokus_test_query_int (dokus_book_get_db (book), sql);
}

/* ---- figures ---------------------------------------------------------------- */

START_TEST (test_expense_eu_services_self_assesses_vat)
{
  char id[DOKUS_ID_TEXT];
  cJSON *o, *l;

  dokus_test_set_profile (book, PROFILE);
  add_ok (SAAS, NULL, 0, id);
  o = show (id);
  /* 100.00 × 21 % = 21.00 self-assessed (grids 87/88 out, 59 back);
   * recoverable 100 % -> 21.00; the cost is 100.00 + 21.00 − 21.00 = 100.00,
   * deductible 100 %; the supplier is paid 100.00 (the VAT goes to the State) */
  ck_assert_str_eq (str (o, "vat_amount"), "21.00");
  ck_assert_str_eq (str (o, "base_amount"), "100.00");
  ck_assert_str_eq (str (o, "vat_recoverable_amount"), "21.00");
  ck_assert_str_eq (str (o, "deductible_amount"), "100.00");
  ck_assert_str_eq (str (o, "total_amount"), "100.00");
  ck_assert (cJSON_IsTrue (cJSON_GetObjectItem (o, "vat_self_assessed")));
  ck_assert (cJSON_IsFalse (cJSON_GetObjectItem (o, "credit_note")));
  ck_assert_str_eq (str (o, "deductible_percent"), "100");
  ck_assert_str_eq (str (o, "vat_recoverable_percent"), "100");
  ck_assert_str_eq (str (cJSON_GetObjectItem (o, "supplier"), "vat_number"), "IE6388047V");
  ck_assert_str_eq (str (o, "kind"), "services");
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (o, "description")));
  l = cJSON_GetArrayItem (cJSON_GetObjectItem (o, "lines"), 0);
  ck_assert_str_eq (str (l, "base"), "100.00");
  ck_assert_str_eq (str (l, "vat_rate"), "21");
  ck_assert_str_eq (str (l, "vat_amount"), "21.00");
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (o, "receipts")), 0);
  cJSON_Delete (o);
  /* one audit entry in the same transaction */
  {
    char sql[200];
    snprintf (sql, sizeof sql,
              "SELECT count(*) FROM audit_log WHERE action = 'create' AND entity = 'expense'"
              " AND entity_id = '%s'", id);
    ck_assert_int_eq (count (sql), 1);
  }
}
END_TEST

START_TEST (test_expense_non_eu_supplier_with_its_tax_number)
{
  char id[DOKUS_ID_TEXT];
  cJSON *o;

  dokus_test_set_profile (book, PROFILE);
  /* a Swiss SaaS: 200.00 × 21 % = 42.00 self-assessed (art. 21 § 2: 87, 56, 59) */
  add_ok ("{\"date\":\"2026-03-03\",\"supplier\":{\"name\":\"Alpensoft AG\",\"vat_number\":"
          "\"CHE-123.456.789 MWST\",\"country\":\"CH\"},\"number\":\"R-77\",\"category\":"
          "\"software\",\"kind\":\"services\",\"vat_treatment\":\"non_eu_services\","
          "\"lines\":[{\"base\":\"200.00\",\"vat_rate\":\"21\"}]}",
          NULL, 0, id);
  o = show (id);
  ck_assert_str_eq (str (cJSON_GetObjectItem (o, "supplier"), "vat_number"), "CHE123456789MWST");
  ck_assert_str_eq (str (o, "vat_amount"), "42.00");
  cJSON_Delete (o);
}
END_TEST

START_TEST (test_expense_restaurant_vat_not_recoverable)
{
  char id[DOKUS_ID_TEXT];
  cJSON *o;

  dokus_test_set_profile (book, PROFILE);
  /* A Belgian restaurant bill: food at 12 %, 50.00 + 6.00 VAT as charged.
   * Restaurant VAT is not deductible (art. 45 § 3, 3° WBTW): recoverable 0 %
   * -> 0.00. Restaurant costs are 69 % deductible for income tax (art. 53,
   * 8° WIB 92), VAT included: (50.00 + 6.00 − 0.00) × 69 % = 38.64. */
  add_ok ("{\"date\":\"2026-04-15\",\"supplier\":{\"name\":\"Brasserie De Markt\","
          "\"vat_number\":\"BE0403170701\",\"country\":\"BE\"},\"number\":\"T-88\","
          "\"description\":\"lunch with a client\",\"category\":\"restaurant\","
          "\"kind\":\"services\",\"vat_treatment\":\"domestic\","
          "\"lines\":[{\"base\":\"50.00\",\"vat_rate\":\"12\",\"vat_amount\":\"6.00\"}],"
          "\"deductible_percent\":\"69\",\"vat_recoverable_percent\":\"0\"}",
          NULL, 0, id);
  o = show (id);
  ck_assert_str_eq (str (o, "vat_amount"), "6.00");
  ck_assert_str_eq (str (o, "vat_recoverable_amount"), "0.00");
  ck_assert_str_eq (str (o, "deductible_amount"), "38.64");
  ck_assert_str_eq (str (o, "total_amount"), "56.00");
  ck_assert (cJSON_IsFalse (cJSON_GetObjectItem (o, "vat_self_assessed")));
  ck_assert_str_eq (str (o, "description"), "lunch with a client");
  cJSON_Delete (o);
}
END_TEST

START_TEST (test_expense_car_costs_half_vat_recoverable)
{
  char id[DOKUS_ID_TEXT];
  cJSON *o;

  dokus_test_set_profile (book, PROFILE);
  /* Car maintenance: 200.00 + 21 % = 42.00 VAT as charged. VAT on cars is
   * deductible for at most 50 % (art. 45 § 2 WBTW): 21.00. Income tax
   * accepts 75 % of the cost (the car's CO2 percentage, art. 66 WIB 92),
   * the unrecovered VAT included: (200.00 + 42.00 − 21.00) × 75 % = 165.75. */
  add_ok ("{\"date\":\"2026-05-20\",\"supplier\":{\"name\":\"Garage Peeters\",\"country\":\"BE\"},"
          "\"number\":\"2026/0412\",\"category\":\"car\",\"kind\":\"services\","
          "\"vat_treatment\":\"domestic\","
          "\"lines\":[{\"base\":\"200.00\",\"vat_rate\":\"21\",\"vat_amount\":\"42.00\"}],"
          "\"deductible_percent\":\"75\",\"vat_recoverable_percent\":\"50\"}",
          NULL, 0, id);
  o = show (id);
  ck_assert_str_eq (str (o, "vat_recoverable_amount"), "21.00");
  ck_assert_str_eq (str (o, "deductible_amount"), "165.75");
  ck_assert_str_eq (str (o, "total_amount"), "242.00");
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (cJSON_GetObjectItem (o, "supplier"),
                                                 "vat_number")));
  cJSON_Delete (o);
}
END_TEST

START_TEST (test_expense_rounds_half_away_from_zero)
{
  char id[DOKUS_ID_TEXT];
  cJSON *o, *lines;

  dokus_test_set_profile (book, PROFILE);
  /* reverse charge (art. 20 KB nr. 1), two lines, VAT per line:
   *   1.57 × 21 % = 0.3297 -> 0.33;  0.50 × 6 % = 0.03;  0.05 × 21 % = 0.0105 -> 0.01
   *   VAT 0.33 + 0.03 + 0.01 = 0.37
   * recoverable 50 %, once on the whole VAT: 0.185 -> 0.19 (half away from zero)
   * cost: 1.57 + 0.50 + 0.05 = 2.12 base; 2.12 + 0.37 − 0.19 = 2.30;
   *   deductible 50 % = 1.15 */
  add_ok ("{\"date\":\"2026-06-01\",\"supplier\":{\"name\":\"Bouw NV\",\"vat_number\":"
          "\"BE0403170701\",\"country\":\"BE\"},\"number\":\"F7\",\"category\":\"office\","
          "\"kind\":\"investment\",\"vat_treatment\":\"reverse_charge\","
          "\"lines\":[{\"base\":\"1.57\",\"vat_rate\":\"21\"},"
          "{\"base\":\"0.50\",\"vat_rate\":\"6\"},"
          "{\"base\":\"0.05\",\"vat_rate\":\"21.00\"}],"
          "\"deductible_percent\":\"50\",\"vat_recoverable_percent\":\"50\"}",
          NULL, 0, id);
  o = show (id);
  lines = cJSON_GetObjectItem (o, "lines");
  ck_assert_int_eq (cJSON_GetArraySize (lines), 3);
  ck_assert_str_eq (str (cJSON_GetArrayItem (lines, 0), "vat_amount"), "0.33");
  ck_assert_str_eq (str (cJSON_GetArrayItem (lines, 1), "vat_amount"), "0.03");
  ck_assert_str_eq (str (cJSON_GetArrayItem (lines, 2), "vat_amount"), "0.01");
  ck_assert_str_eq (str (cJSON_GetArrayItem (lines, 2), "vat_rate"), "21");
  ck_assert_str_eq (str (o, "base_amount"), "2.12");
  ck_assert_str_eq (str (o, "vat_amount"), "0.37");
  ck_assert_str_eq (str (o, "vat_recoverable_amount"), "0.19");
  ck_assert_str_eq (str (o, "deductible_amount"), "1.15");
  ck_assert_str_eq (str (o, "total_amount"), "2.12");
  cJSON_Delete (o);
}
END_TEST

START_TEST (test_expense_credit_note_and_list_by_date)
{
  char id1[DOKUS_ID_TEXT], id2[DOKUS_ID_TEXT], id3[DOKUS_ID_TEXT];
  DokusError err = { 0 };
  char *text = NULL;
  cJSON *o, *list;

  dokus_test_set_profile (book, PROFILE);
  add_ok (SAAS, NULL, 0, id1); /* 2026-03-02 */
  /* a purchase credit note, positive like the document: 10.00 × 21 % = 2.10 */
  add_ok ("{\"date\":\"2026-03-20\",\"supplier\":{\"name\":\"Cloudly Ltd\",\"vat_number\":"
          "\"IE6388047V\",\"country\":\"IE\"},\"number\":\"CN-17\",\"category\":\"software\","
          "\"kind\":\"services\",\"vat_treatment\":\"eu_services\",\"credit_note\":true,"
          "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"21\"}]}",
          NULL, 0, id2);
  /* US hosting, non-EU services, also self-assessed: 40.00 × 21 % = 8.40 */
  add_ok ("{\"date\":\"2026-01-10\",\"supplier\":{\"name\":\"Hostly Inc\",\"country\":\"US\"},"
          "\"number\":\"H-1\",\"category\":\"hosting\",\"kind\":\"services\","
          "\"vat_treatment\":\"non_eu_services\","
          "\"lines\":[{\"base\":\"40.00\",\"vat_rate\":\"21\"}]}",
          NULL, 0, id3);
  ck_assert_int_eq (count ("SELECT is_credit_note FROM expenses WHERE number = 'CN-17'"), 1);

  ck_assert_int_eq (dokus_expense_list (book, NULL, NULL, &text, &err), DOKUS_OK);
  o = cJSON_Parse (text);
  free (text);
  list = cJSON_GetObjectItem (o, "expenses");
  ck_assert_int_eq (cJSON_GetArraySize (list), 3);
  ck_assert_str_eq (str (cJSON_GetArrayItem (list, 0), "id"), id3); /* by date */
  ck_assert_str_eq (str (cJSON_GetArrayItem (list, 0), "vat_amount"), "8.40");
  ck_assert_str_eq (str (cJSON_GetArrayItem (list, 1), "id"), id1);
  ck_assert_str_eq (str (cJSON_GetArrayItem (list, 2), "id"), id2);
  ck_assert (cJSON_IsTrue (cJSON_GetObjectItem (cJSON_GetArrayItem (list, 2), "credit_note")));
  ck_assert_str_eq (str (cJSON_GetArrayItem (list, 2), "vat_amount"), "2.10");
  ck_assert_str_eq (str (cJSON_GetArrayItem (list, 2), "base_amount"), "10.00");
  ck_assert (cJSON_GetObjectItem (cJSON_GetArrayItem (list, 0), "lines") == NULL);
  cJSON_Delete (o);

  /* [2026-03-01, 2026-03-02]: the bounds are inclusive */
  ck_assert_int_eq (dokus_expense_list (book, "2026-03-01", "2026-03-02", &text, &err), DOKUS_OK);
  o = cJSON_Parse (text);
  free (text);
  list = cJSON_GetObjectItem (o, "expenses");
  ck_assert_int_eq (cJSON_GetArraySize (list), 1);
  ck_assert_str_eq (str (cJSON_GetArrayItem (list, 0), "id"), id1);
  cJSON_Delete (o);

  ck_assert_int_eq (dokus_expense_list (book, "2026-3-1", NULL, &text, &err), DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "from");
  ck_assert (text == NULL);
  ck_assert_int_eq (dokus_expense_show (book, "nope", &text, &err), DOKUS_ERR_NOT_FOUND);
}
END_TEST

START_TEST (test_expense_franchise_book_recovers_no_vat)
{
  char id[DOKUS_ID_TEXT];
  cJSON *o;

  dokus_test_set_profile (book, FRANCHISE_PROFILE);
  /* art. 56bis WBTW: no deduction. The self-assessed 21.00 is owed and is a
   * cost: 100.00 + 21.00 − 0.00 = 121.00 deductible */
  add_ok (SAAS, NULL, 0, id);
  o = show (id);
  ck_assert_str_eq (str (o, "vat_recoverable_percent"), "0");
  ck_assert_str_eq (str (o, "vat_recoverable_amount"), "0.00");
  ck_assert_str_eq (str (o, "deductible_amount"), "121.00");
  cJSON_Delete (o);
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"BE\"},"
             "\"category\":\"office\",\"kind\":\"goods\",\"vat_treatment\":\"domestic\","
             "\"vat_recoverable_percent\":\"100\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"21\",\"vat_amount\":\"2.10\"}]}",
             DOKUS_ERR_INVALID, "vat_recoverable_percent");
}
END_TEST

/* ---- refusals --------------------------------------------------------------- */

START_TEST (test_expense_refuses_bad_input)
{
  dokus_test_set_profile (book, PROFILE);
  add_fails ("{\"date\":\"2026-03-02\",\"colour\":\"red\"}", DOKUS_ERR_INVALID, "colour");
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"BE\"},"
             "\"category\":\"office\",\"kind\":\"goods\",\"vat_treatment\":\"domestic\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"21\",\"vat_amount\":\"2.10\","
             "\"note\":\"x\"}]}",
             DOKUS_ERR_INVALID, "lines[0].note");
  /* three decimals */
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"BE\"},"
             "\"category\":\"office\",\"kind\":\"goods\",\"vat_treatment\":\"domestic\","
             "\"lines\":[{\"base\":\"10.001\",\"vat_rate\":\"21\",\"vat_amount\":\"2.10\"}]}",
             DOKUS_ERR_INVALID, "lines[0].base");
  /* self-assessed VAT is computed, never given */
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Cloudly Ltd\",\"vat_number\":"
             "\"IE6388047V\",\"country\":\"IE\"},\"category\":\"software\",\"kind\":\"services\","
             "\"vat_treatment\":\"eu_services\","
             "\"lines\":[{\"base\":\"100.00\",\"vat_rate\":\"21\",\"vat_amount\":\"21.00\"}]}",
             DOKUS_ERR_INVALID, "lines[0].vat_amount");
  /* domestic: the VAT as charged is required, on the second line here */
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"BE\"},"
             "\"category\":\"office\",\"kind\":\"goods\",\"vat_treatment\":\"domestic\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"21\",\"vat_amount\":\"2.10\"},"
             "{\"base\":\"5.00\",\"vat_rate\":\"6\"}]}",
             DOKUS_ERR_INVALID, "lines[1].vat_amount");
  /* bad check digits (0417497106 is valid, ...07 is not) */
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"vat_number\":"
             "\"BE0417497107\",\"country\":\"BE\"},\"category\":\"office\",\"kind\":\"goods\","
             "\"vat_treatment\":\"domestic\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"21\",\"vat_amount\":\"2.10\"}]}",
             DOKUS_ERR_INVALID, "supplier.vat_number");
  /* a Dutch VAT number for a Belgian supplier */
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"vat_number\":"
             "\"NL004495445B01\",\"country\":\"BE\"},\"category\":\"office\",\"kind\":\"goods\","
             "\"vat_treatment\":\"domestic\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"21\",\"vat_amount\":\"2.10\"}]}",
             DOKUS_ERR_INVALID, "supplier.vat_number");
  /* eu_services from Belgium, and without a VAT number */
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"BE\"},"
             "\"category\":\"office\",\"kind\":\"services\",\"vat_treatment\":\"eu_services\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"21\"}]}",
             DOKUS_ERR_INVALID, "supplier.country");
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"NL\"},"
             "\"category\":\"office\",\"kind\":\"goods\",\"vat_treatment\":\"eu_goods\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"21\"}]}",
             DOKUS_ERR_INVALID, "supplier.vat_number");
  /* import from an EU country; domestic from abroad */
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"DE\"},"
             "\"category\":\"office\",\"kind\":\"goods\",\"vat_treatment\":\"import\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"21\"}]}",
             DOKUS_ERR_INVALID, "supplier.country");
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"FR\"},"
             "\"category\":\"office\",\"kind\":\"goods\",\"vat_treatment\":\"domestic\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"20\",\"vat_amount\":\"2.00\"}]}",
             DOKUS_ERR_INVALID, "supplier.country");
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"be\"},"
             "\"category\":\"office\",\"kind\":\"goods\",\"vat_treatment\":\"domestic\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"21\",\"vat_amount\":\"2.10\"}]}",
             DOKUS_ERR_INVALID, "supplier.country");
  /* 7 % is no Belgian rate; 12 % only since 1992-04-01 */
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"BE\"},"
             "\"category\":\"office\",\"kind\":\"goods\",\"vat_treatment\":\"domestic\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"7\",\"vat_amount\":\"0.70\"}]}",
             DOKUS_ERR_INVALID, "lines[0].vat_rate");
  add_fails ("{\"date\":\"1991-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"BE\"},"
             "\"category\":\"office\",\"kind\":\"goods\",\"vat_treatment\":\"domestic\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"12\",\"vat_amount\":\"1.20\"}]}",
             DOKUS_ERR_INVALID, "lines[0].vat_rate");
  /* none: rate 0 only; rate 0: no VAT */
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Post\",\"country\":\"BE\"},"
             "\"category\":\"office\",\"kind\":\"services\",\"vat_treatment\":\"none\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"21\"}]}",
             DOKUS_ERR_INVALID, "lines[0].vat_rate");
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"BE\"},"
             "\"category\":\"office\",\"kind\":\"goods\",\"vat_treatment\":\"domestic\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"0\",\"vat_amount\":\"0.50\"}]}",
             DOKUS_ERR_INVALID, "lines[0].vat_amount");
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"BE\"},"
             "\"category\":\"office\",\"kind\":\"goods\",\"vat_treatment\":\"domestic\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"21\",\"vat_amount\":\"-2.10\"}]}",
             DOKUS_ERR_INVALID, "lines[0].vat_amount");
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"BE\"},"
             "\"category\":\"office\",\"kind\":\"goods\",\"vat_treatment\":\"domestic\","
             "\"lines\":[{\"base\":\"-10.00\",\"vat_rate\":\"21\",\"vat_amount\":\"2.10\"}]}",
             DOKUS_ERR_INVALID, "lines[0].base");
  /* required fields, percentages, an empty purchase */
  add_fails ("{\"supplier\":{\"name\":\"Shop\",\"country\":\"BE\"}}", DOKUS_ERR_INVALID, "date");
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"BE\"},"
             "\"kind\":\"goods\",\"vat_treatment\":\"domestic\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"21\",\"vat_amount\":\"2.10\"}]}",
             DOKUS_ERR_INVALID, "category");
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"BE\"},"
             "\"category\":\"office\",\"kind\":\"food\",\"vat_treatment\":\"domestic\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"21\",\"vat_amount\":\"2.10\"}]}",
             DOKUS_ERR_INVALID, "kind");
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"BE\"},"
             "\"category\":\"office\",\"kind\":\"goods\",\"vat_treatment\":\"domestic\","
             "\"deductible_percent\":\"100.5\","
             "\"lines\":[{\"base\":\"10.00\",\"vat_rate\":\"21\",\"vat_amount\":\"2.10\"}]}",
             DOKUS_ERR_INVALID, "deductible_percent");
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"BE\"},"
             "\"category\":\"office\",\"kind\":\"goods\",\"vat_treatment\":\"domestic\","
             "\"lines\":[{\"base\":\"0.00\",\"vat_rate\":\"21\",\"vat_amount\":\"0.00\"}]}",
             DOKUS_ERR_INVALID, "lines");
  add_fails ("{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Shop\",\"country\":\"BE\"},"
             "\"category\":\"office\",\"kind\":\"goods\",\"vat_treatment\":\"domestic\","
             "\"lines\":[]}",
             DOKUS_ERR_INVALID, "lines");
  ck_assert_int_eq (count ("SELECT count(*) FROM expenses"), 0);
}
END_TEST

START_TEST (test_expense_needs_a_profile)
{
  add_fails (SAAS, DOKUS_ERR_REFUSED, "profile");
}
END_TEST

START_TEST (test_expense_refuses_duplicate_supplier_number)
{
  char id[DOKUS_ID_TEXT], again[DOKUS_ID_TEXT];
  DokusError err = { 0 };

  dokus_test_set_profile (book, PROFILE);
  add_ok (SAAS, NULL, 0, id);
  ck_assert_int_eq (dokus_expense_add (book, SAAS, NULL, 0, again, &err), DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "number");
  ck_assert_msg (strstr (err.message, id) != NULL, "the message names %s: %s", id, err.message);
  /* the same VAT number under another spelling of the name is the same supplier */
  ck_assert_int_eq (dokus_expense_add (book,
                                       "{\"date\":\"2026-03-02\",\"supplier\":{\"name\":"
                                       "\"CLOUDLY LIMITED\",\"vat_number\":\"IE 6388047V\","
                                       "\"country\":\"IE\"},\"number\":\"INV-1001\","
                                       "\"category\":\"software\",\"kind\":\"services\","
                                       "\"vat_treatment\":\"eu_services\","
                                       "\"lines\":[{\"base\":\"100.00\",\"vat_rate\":\"21\"}]}",
                                       NULL, 0, again, &err),
                    DOKUS_ERR_REFUSED);
  ck_assert_int_eq (count ("SELECT count(*) FROM expenses"), 1);
}
END_TEST

START_TEST (test_expense_triggers_keep_recorded_purchases)
{
  static const char *const attacks[]
    = { "UPDATE expenses SET date = '2026-01-01'",
        "UPDATE expenses SET number = 'X'",
        "UPDATE expenses SET vat_recoverable_percent = '50'",
        "DELETE FROM expenses",
        "UPDATE expense_lines SET base = 1",
        "UPDATE expense_lines SET vat_amount = 0",
        "DELETE FROM expense_lines",
        "DELETE FROM attachments" };
  static const unsigned char pdf[] = "%PDF-1.4 receipt";
  DokusAttachmentInput r = { "bill.pdf", pdf, sizeof pdf - 1 };
  sqlite3 *db = dokus_book_get_db (book);
  char id[DOKUS_ID_TEXT];

  dokus_test_set_profile (book, PROFILE);
  add_ok (SAAS, &r, 1, id);
  for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++)
    ck_assert_msg ((sqlite3_exec (db, attacks[i], NULL, NULL, NULL) & 0xff) == SQLITE_CONSTRAINT,
                   "%s was allowed", attacks[i]);
  ck_assert_int_eq (count ("SELECT count(*) FROM expenses WHERE date = '2026-03-02'"), 1);
  ck_assert_int_eq (count ("SELECT sum(base) FROM expense_lines"), 10000);
  ck_assert_int_eq (count ("SELECT count(*) FROM attachments"), 1);
}
END_TEST

/* ---- receipts --------------------------------------------------------------- */

START_TEST (test_expense_receipts_stored_encrypted_and_read_back)
{
  static const char marker[] = "RECEIPT-PLAINTEXT-MARKER-7f3a9c";
  static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
  unsigned char pdf[4096];
  DokusAttachmentInput r[3];
  char id[DOKUS_ID_TEXT], *wal, *name = NULL;
  const cJSON *receipts, *rc;
  DokusError err = { 0 };
  unsigned char *data = NULL;
  size_t len = 0;
  cJSON *o;

  dokus_test_set_profile (book, PROFILE);
  /* a 4 KiB "PDF" with the marker in clear in it, more than once */
  memset (pdf, ' ', sizeof pdf);
  memcpy (pdf, "%PDF-1.7\n", 9);
  memcpy (pdf + 100, marker, sizeof marker - 1);
  memcpy (pdf + 3000, marker, sizeof marker - 1);
  r[0] = (DokusAttachmentInput) { "scans/2026/ticket.PDF", pdf, sizeof pdf };
  r[1] = (DokusAttachmentInput) { "photo.bin", png, sizeof png };
  r[2] = (DokusAttachmentInput) { "note.txt", (const unsigned char *) "abc", 3 };
  add_ok (SAAS, r, 3, id);

  o = show (id);
  receipts = cJSON_GetObjectItem (o, "receipts");
  ck_assert_int_eq (cJSON_GetArraySize (receipts), 3);
  rc = cJSON_GetArrayItem (receipts, 0);
  ck_assert_str_eq (str (rc, "filename"), "ticket.PDF"); /* a name, not a path */
  ck_assert_str_eq (str (rc, "mime_type"), "application/pdf");
  ck_assert_int_eq (cJSON_GetObjectItem (rc, "size")->valueint, 4096);
  ck_assert_str_eq (str (cJSON_GetArrayItem (receipts, 1), "mime_type"), "image/png"); /* magic */
  rc = cJSON_GetArrayItem (receipts, 2);
  ck_assert_str_eq (str (rc, "mime_type"), "text/plain");
  /* SHA-256("abc"), FIPS 180-2 appendix B.1 */
  ck_assert_str_eq (str (rc, "sha256"),
                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  {
    char *att = strdup (str (cJSON_GetArrayItem (receipts, 0), "id"));
    cJSON_Delete (o);

    /* nothing in clear in the book or its WAL */
    dokus_book_close (book);
    book = NULL;
    wal = dokus_test_path (dir, "a.dokus-wal");
    ck_assert (!dokus_test_file_contains (book_path, marker));
    ck_assert (!dokus_test_file_contains (wal, marker));
    free (wal);

    ck_assert_int_eq (dokus_book_open (book_path, "pw", &book, &err), DOKUS_OK);
    ck_assert_int_eq (dokus_attachment_get (book, att, &data, &len, &name, &err), DOKUS_OK);
    ck_assert_uint_eq (len, sizeof pdf);
    ck_assert (memcmp (data, pdf, len) == 0);
    ck_assert_str_eq (name, "ticket.PDF");
    free (data);
    free (name);
    /* the filename is optional */
    ck_assert_int_eq (dokus_attachment_get (book, att, &data, &len, NULL, &err), DOKUS_OK);
    free (data);
    free (att);
  }
  ck_assert_int_eq (dokus_attachment_get (book, "nope", &data, &len, &name, &err),
                    DOKUS_ERR_NOT_FOUND);
  ck_assert (data == NULL && name == NULL && len == 0);
}
END_TEST

START_TEST (test_expense_receipt_damage_is_detected)
{
  static const unsigned char txt[] = "taxi 12.00";
  DokusAttachmentInput r = { "taxi.txt", txt, sizeof txt - 1 };
  sqlite3 *db = dokus_book_get_db (book);
  char id[DOKUS_ID_TEXT], *att;
  unsigned char *data = NULL;
  size_t len = 0;
  DokusError err = { 0 };

  dokus_test_set_profile (book, PROFILE);
  add_ok (SAAS, &r, 1, id);
  att = dokus_test_query_text (db, "SELECT id FROM attachments");
  /* updates are not forbidden by the schema: the hash catches them */
  /* the book refuses to change a stored receipt ... */
  ck_assert_int_ne (sqlite3_exec (db, "UPDATE attachments SET content = X'00'", NULL, NULL, NULL),
                    SQLITE_OK);
  /* ... so damage it as someone bypassing the triggers would */
  dokus_test_exec (db, "DROP TRIGGER attachments_frozen; UPDATE attachments SET content = X'00'");
  ck_assert_int_eq (dokus_attachment_get (book, att, &data, &len, NULL, &err), DOKUS_ERR_CORRUPT);
  ck_assert (data == NULL);
  free (att);
}
END_TEST

START_TEST (test_expense_refuses_bad_receipts_and_keeps_nothing)
{
  static const unsigned char one[] = "x";
  unsigned char *big = calloc (DOKUS_ATTACHMENT_MAX_BYTES + 1, 1);
  DokusAttachmentInput r[2] = { { "ok.txt", one, 1 }, { "big.pdf", big, 0 } };
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];

  ck_assert (big != NULL);
  dokus_test_set_profile (book, PROFILE);
  /* 20 MiB + 1 byte */
  r[1].len = DOKUS_ATTACHMENT_MAX_BYTES + 1;
  ck_assert_int_eq (dokus_expense_add (book, SAAS, r, 2, id, &err), DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "receipts[1]");
  /* exactly 20 MiB is accepted */
  r[1].len = DOKUS_ATTACHMENT_MAX_BYTES;
  r[0].len = 0;
  ck_assert_int_eq (dokus_expense_add (book, SAAS, r, 2, id, &err), DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "receipts[0]"); /* empty */
  r[0] = (DokusAttachmentInput) { "dir/", one, 1 };
  ck_assert_int_eq (dokus_expense_add (book, SAAS, r, 2, id, &err), DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "receipts[0]");
  ck_assert_int_eq (count ("SELECT count(*) FROM expenses"), 0);
  ck_assert_int_eq (count ("SELECT count(*) FROM attachments"), 0);
  ck_assert_int_eq (count ("SELECT count(*) FROM audit_log WHERE entity = 'expense'"), 0);
  r[0] = (DokusAttachmentInput) { "ok.txt", one, 1 };
  add_ok (SAAS, r, 2, id);
  ck_assert_int_eq (count ("SELECT max(length(content)) FROM attachments"),
                    DOKUS_ATTACHMENT_MAX_BYTES);
  free (big);
}
END_TEST

START_TEST (test_expense_receipt_added_later_is_kept_and_audited)
{
  static const unsigned char pdf[] = "%PDF-1.4 the bill, scanned";
  static const unsigned char jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F' };
  DokusAttachmentInput first = { "bill.pdf", pdf, sizeof pdf - 1 };
  DokusAttachmentInput later = { "/home/an/Scans/ticket photo.jpg", jpeg, sizeof jpeg };
  char id[DOKUS_ID_TEXT], att[DOKUS_ID_TEXT], *name = NULL;
  unsigned char *data = NULL;
  size_t len = 0;
  long long audits;
  DokusError err = { 0 };
  cJSON *o, *before;
  const cJSON *receipts;

  dokus_test_set_profile (book, PROFILE);
  add_ok (SAAS, &first, 1, id);
  before = show (id);
  audits = count ("SELECT count(*) FROM audit_log");
  ck_assert_int_eq (dokus_expense_add_receipt (book, id, &later, att, &err), DOKUS_OK);
  ck_assert_int_eq (strlen (att), 36);

  /* the purchase is what it was, with one more receipt, last */
  o = show (id);
  receipts = cJSON_GetObjectItem (o, "receipts");
  ck_assert_int_eq (cJSON_GetArraySize (receipts), 2);
  ck_assert_str_eq (str (cJSON_GetArrayItem (receipts, 0), "filename"), "bill.pdf");
  ck_assert_str_eq (str (cJSON_GetArrayItem (receipts, 1), "filename"), "ticket photo.jpg");
  ck_assert_str_eq (str (cJSON_GetArrayItem (receipts, 1), "mime_type"), "image/jpeg");
  ck_assert_str_eq (str (cJSON_GetArrayItem (receipts, 1), "id"), att);
  ck_assert_int_eq (cJSON_GetObjectItem (cJSON_GetArrayItem (receipts, 1), "size")->valueint, 10);
  cJSON_DeleteItemFromObject (o, "receipts");
  cJSON_DeleteItemFromObject (before, "receipts");
  ck_assert (cJSON_Compare (o, before, 1));
  cJSON_Delete (o);
  cJSON_Delete (before);

  /* its bytes come back */
  ck_assert_int_eq (dokus_attachment_get (book, att, &data, &len, &name, &err), DOKUS_OK);
  ck_assert_uint_eq (len, sizeof jpeg);
  ck_assert (memcmp (data, jpeg, len) == 0);
  ck_assert_str_eq (name, "ticket photo.jpg");
  free (data);
  free (name);

  /* one audit entry, before and after */
  ck_assert_int_eq (count ("SELECT count(*) FROM audit_log"), audits + 1);
  ck_assert_int_eq (count ("SELECT count(*) FROM audit_log WHERE action = 'attach'"
                           " AND entity = 'expense' AND before_json NOT LIKE '%ticket photo%'"
                           " AND after_json LIKE '%ticket photo.jpg%'"),
                    1);
  {
    DokusAuditReport vr;
    ck_assert_int_eq (dokus_audit_verify (book, &vr, &err), DOKUS_OK);
  }

  /* kept: the book refuses deleting it */
  ck_assert_int_eq (sqlite3_exec (dokus_book_get_db (book), "DELETE FROM attachments", NULL,
                                  NULL, NULL) & 0xff,
                    SQLITE_CONSTRAINT);
  ck_assert_int_eq (count ("SELECT count(*) FROM attachments"), 2);
}
END_TEST

START_TEST (test_expense_receipt_added_later_refusals)
{
  static const unsigned char pdf[] = "%PDF-1.4 the bill";
  DokusAttachmentInput r = { "bill.pdf", pdf, sizeof pdf - 1 };
  DokusAttachmentInput again = { "bill-copy.pdf", pdf, sizeof pdf - 1 };
  DokusAttachmentInput empty = { "empty.pdf", pdf, 0 };
  DokusAttachmentInput nameless = { "scans/", pdf, sizeof pdf - 1 };
  char id[DOKUS_ID_TEXT], att[DOKUS_ID_TEXT] = "x";
  long long audits;
  DokusError err = { 0 };

  dokus_test_set_profile (book, PROFILE);
  add_ok (SAAS, &r, 1, id);
  audits = count ("SELECT count(*) FROM audit_log");
  ck_assert_int_eq (dokus_expense_add_receipt (book, "00000000-0000-4000-8000-000000000000", &r,
                                               att, &err),
                    DOKUS_ERR_NOT_FOUND);
  ck_assert_str_eq (err.field, "expense");
  ck_assert_str_eq (att, "");
  ck_assert_int_eq (dokus_expense_add_receipt (book, "", &r, NULL, &err), DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "expense");
  /* the same file twice: the message names the first */
  ck_assert_int_eq (dokus_expense_add_receipt (book, id, &again, NULL, &err), DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "receipt");
  ck_assert_ptr_nonnull (strstr (err.message, "bill.pdf"));
  /* named as the receipt it would have become: the second */
  ck_assert_int_eq (dokus_expense_add_receipt (book, id, &empty, NULL, &err), DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "receipts[1]");
  ck_assert_int_eq (dokus_expense_add_receipt (book, id, &nameless, NULL, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "receipts[1]");
  /* nothing written by any of them */
  ck_assert_int_eq (count ("SELECT count(*) FROM attachments"), 1);
  ck_assert_int_eq (count ("SELECT count(*) FROM audit_log"), audits);
}
END_TEST

static Suite *
expense_suite (void)
{
  Suite *s = suite_create ("expense");
  TCase *figures = tcase_create ("figures");
  TCase *refusals = tcase_create ("refusals");
  TCase *receipts = tcase_create ("receipts");

  tcase_add_checked_fixture (figures, setup, teardown);
  tcase_add_checked_fixture (refusals, setup, teardown);
  tcase_add_checked_fixture (receipts, setup, teardown);
  tcase_add_test (figures, test_expense_eu_services_self_assesses_vat);
  tcase_add_test (figures, test_expense_non_eu_supplier_with_its_tax_number);
  tcase_add_test (figures, test_expense_restaurant_vat_not_recoverable);
  tcase_add_test (figures, test_expense_car_costs_half_vat_recoverable);
  tcase_add_test (figures, test_expense_rounds_half_away_from_zero);
  tcase_add_test (figures, test_expense_credit_note_and_list_by_date);
  tcase_add_test (figures, test_expense_franchise_book_recovers_no_vat);
  tcase_add_test (refusals, test_expense_refuses_bad_input);
  tcase_add_test (refusals, test_expense_needs_a_profile);
  tcase_add_test (refusals, test_expense_refuses_duplicate_supplier_number);
  tcase_add_test (refusals, test_expense_triggers_keep_recorded_purchases);
  tcase_add_test (receipts, test_expense_receipts_stored_encrypted_and_read_back);
  tcase_add_test (receipts, test_expense_receipt_damage_is_detected);
  tcase_add_test (receipts, test_expense_refuses_bad_receipts_and_keeps_nothing);
  tcase_add_test (receipts, test_expense_receipt_added_later_is_kept_and_audited);
  tcase_add_test (receipts, test_expense_receipt_added_later_refusals);
  suite_add_tcase (s, figures);
  suite_add_tcase (s, refusals);
  suite_add_tcase (s, receipts);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (expense_suite ());
}

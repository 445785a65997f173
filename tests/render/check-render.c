/* check-render.c
 *
 * Suite "render": what the PDF prints, checked without reading a PDF.
 * The EPC QR payload (EPC069-12) of a credit transfer, money and dates as
 * each language writes them, and dokus_pdf_export's errors and
 * determinism. Every expected string is written by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-test-helpers.h"

/* ---- EPC QR payload ------------------------------------------------------------------------ */

START_TEST (test_epc_payload_with_bic_and_structured_communication)
{
  char out[DOKUS_EPC_PAYLOAD_TEXT];
  DokusError err = { 0 };

  /* 121.00 EUR; +++202/6000/04438+++: 2026000044 = 97 × 20886598 + 38, check digits 38;
   * the IBAN's spaces dropped; the communication's 12 digits as the structured reference */
  ck_assert_int_eq (dokus_pdf_epc_payload ("Studio Maes", "BE68 5390 0754 7034", "GEBABEBB", 12100,
                                           "+++202/6000/04438+++", out, &err),
                    DOKUS_OK);
  ck_assert_str_eq (out, "BCD\n002\n1\nSCT\nGEBABEBB\nStudio Maes\nBE68539007547034\nEUR121.00\n"
                         "\n202600004438");
}
END_TEST

START_TEST (test_epc_payload_minimal)
{
  char out[DOKUS_EPC_PAYLOAD_TEXT];
  DokusError err = { 0 };

  /* no BIC (optional in version 002), one cent, no reference: nothing after the amount */
  ck_assert_int_eq (dokus_pdf_epc_payload ("Jan", "BE68539007547034", NULL, 1, NULL, out, &err),
                    DOKUS_OK);
  ck_assert_str_eq (out, "BCD\n002\n1\nSCT\n\nJan\nBE68539007547034\nEUR0.01");
  /* the largest amount: 999999999.99 */
  ck_assert_int_eq (dokus_pdf_epc_payload ("Jan", "BE68539007547034", "", 99999999999LL,
                                           "202600004438", out, &err),
                    DOKUS_OK);
  ck_assert_str_eq (out, "BCD\n002\n1\nSCT\n\nJan\nBE68539007547034\nEUR999999999.99\n\n"
                         "202600004438");
}
END_TEST

START_TEST (test_epc_payload_cuts_the_name_to_70_characters)
{
  char out[DOKUS_EPC_PAYLOAD_TEXT], name[256] = "", want[512];
  DokusError err = { 0 };

  /* 75 × "é" (two bytes each): the first 70 characters, 140 bytes */
  for (int i = 0; i < 75; i++)
    strcat (name, "\xc3\xa9");
  ck_assert_int_eq (dokus_pdf_epc_payload (name, "BE68539007547034", NULL, 500, NULL, out, &err),
                    DOKUS_OK);
  snprintf (want, sizeof want, "BCD\n002\n1\nSCT\n\n%.140s\nBE68539007547034\nEUR5.00", name);
  ck_assert_str_eq (out, want);
}
END_TEST

START_TEST (test_epc_payload_refuses_bad_input)
{
  char out[DOKUS_EPC_PAYLOAD_TEXT];
  DokusError err = { 0 };

  ck_assert_int_eq (dokus_pdf_epc_payload ("Jan", "BE68", NULL, 100, NULL, out, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "iban");
  ck_assert_int_eq (dokus_pdf_epc_payload ("Jan", NULL, NULL, 100, NULL, out, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "iban");
  ck_assert_int_eq (dokus_pdf_epc_payload ("", "BE68539007547034", NULL, 100, NULL, out, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "name");
  ck_assert_int_eq (dokus_pdf_epc_payload ("A\nB", "BE68539007547034", NULL, 100, NULL, out, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "name");
  ck_assert_int_eq (dokus_pdf_epc_payload ("Jan", "BE68539007547034", NULL, 0, NULL, out, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "amount");
  /* 1 000 000 000.00 is one cent too many */
  ck_assert_int_eq (dokus_pdf_epc_payload ("Jan", "BE68539007547034", NULL, 100000000000LL, NULL,
                                           out, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "amount");
  ck_assert_int_eq (dokus_pdf_epc_payload ("Jan", "BE68539007547034", "GEBA", 100, NULL, out, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "bic");
  /* check digits 39, not 38 */
  ck_assert_int_eq (dokus_pdf_epc_payload ("Jan", "BE68539007547034", NULL, 100,
                                           "+++202/6000/04439+++", out, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "communication");
  ck_assert_str_eq (out, "");
}
END_TEST

/* ---- money and dates ----------------------------------------------------------------------- */

START_TEST (test_money_per_language)
{
  char buf[DOKUS_PDF_MONEY_TEXT];

  ck_assert_str_eq (dokus_pdf_format_money (123456, "nl", buf), "1.234,56 €");
  ck_assert_str_eq (dokus_pdf_format_money (123456, "fr", buf), "1.234,56 €");
  ck_assert_str_eq (dokus_pdf_format_money (123456, "de", buf), "1.234,56 €");
  ck_assert_str_eq (dokus_pdf_format_money (123456, "en", buf), "€1,234.56");
  ck_assert_str_eq (dokus_pdf_format_money (0, "nl", buf), "0,00 €");
  ck_assert_str_eq (dokus_pdf_format_money (5, "en", buf), "€0.05");
  ck_assert_str_eq (dokus_pdf_format_money (-5, "nl", buf), "-0,05 €");
  ck_assert_str_eq (dokus_pdf_format_money (-123456, "en", buf), "-€1,234.56");
  ck_assert_str_eq (dokus_pdf_format_money (99999, "de", buf), "999,99 €");
  ck_assert_str_eq (dokus_pdf_format_money (100000000, "nl", buf), "1.000.000,00 €");
  ck_assert_str_eq (dokus_pdf_format_money (100000000, "en", buf), "€1,000,000.00");
  /* INT64_MAX cents: 92 233 720 368 547 758.07 */
  ck_assert_str_eq (dokus_pdf_format_money (INT64_MAX, "nl", buf),
                    "92.233.720.368.547.758,07 €");
  /* an unknown language is English */
  ck_assert_str_eq (dokus_pdf_format_money (123456, "xx", buf), "€1,234.56");
  ck_assert_str_eq (dokus_pdf_format_money (123456, NULL, buf), "€1,234.56");
}
END_TEST

START_TEST (test_dates_per_language)
{
  char buf[DOKUS_PDF_DATE_TEXT];
  DokusDate d = { 2026, 3, 2 };

  ck_assert_str_eq (dokus_pdf_format_date (d, "nl", buf), "02/03/2026");
  ck_assert_str_eq (dokus_pdf_format_date (d, "fr", buf), "02/03/2026");
  ck_assert_str_eq (dokus_pdf_format_date (d, "de", buf), "02.03.2026");
  ck_assert_str_eq (dokus_pdf_format_date (d, "en", buf), "02/03/2026");
  d = (DokusDate){ 2026, 12, 31 };
  ck_assert_str_eq (dokus_pdf_format_date (d, "de", buf), "31.12.2026");
}
END_TEST

/* ---- export -------------------------------------------------------------------------------- */

static char *dir;
static DokusBook *book;

static bool
contains_bytes (const unsigned char *hay, size_t len, const char *needle)
{
  size_t n = strlen (needle);
  for (size_t i = 0; i + n <= len; i++)
    if (memcmp (hay + i, needle, n) == 0)
      return true;
  return false;
}

static void
setup (void)
{
  char *path, id[DOKUS_ID_TEXT];
  DokusError err = { 0 };

  dir = dokus_test_tmpdir_new ();
  setenv ("DOKUS_TODAY", "2026-03-02", 1);
  path = dokus_test_path (dir, "book.dokus");
  book = dokus_test_book_create (path, "pw", NULL);
  free (path);
  ck_assert_int_eq (dokus_profile_set (book,
                                       "{\"name\": \"Studio Maes\", \"enterprise_number\": "
                                       "\"0203.201.340\", \"iban\": \"BE68539007547034\"}",
                                       &err),
                    DOKUS_OK);
  ck_assert_int_eq (dokus_client_add (book,
                                      "{\"name\": \"Atelier Lumière SRL\", \"vat_number\": "
                                      "\"BE0417497106\", \"language\": \"fr\", \"address\": "
                                      "{\"city\": \"Bruxelles\", \"country\": \"BE\"}}",
                                      id, &err),
                    DOKUS_OK);
}

static void
teardown (void)
{
  dokus_book_close (book);
  dokus_test_tmpdir_free (dir);
}

static void
create (const char *issue, char id[DOKUS_ID_TEXT], char number[DOKUS_NUMBER_TEXT])
{
  DokusIssueResult res;
  DokusError err = { 0 };

  ck_assert_int_eq (dokus_invoice_create (book,
                                          "{\"client\": \"Atelier Lumière SRL\", \"lines\": "
                                          "[{\"description\": \"Affiche\", \"quantity\": \"1\", "
                                          "\"unit_price\": \"100\", \"vat_rate\": \"21\"}]}",
                                          id, &err),
                    DOKUS_OK);
  if (issue)
    {
      ck_assert_int_eq (dokus_document_issue (book, id, &res, &err), DOKUS_OK);
      memcpy (number, res.number, DOKUS_NUMBER_TEXT);
    }
}

START_TEST (test_pdf_export_is_deterministic_per_language)
{
  char id[DOKUS_ID_TEXT], number[DOKUS_NUMBER_TEXT];
  unsigned char *a = NULL, *b = NULL, *c = NULL;
  size_t la = 0, lb = 0, lc = 0;
  int pages = 0;
  DokusError err = { 0 };

  create ("issue", id, number);
  ck_assert_int_eq (dokus_pdf_export (book, number, NULL, &a, &la, &err), DOKUS_OK);
  ck_assert_int_eq (dokus_pdf_export_with_pages (book, id, "fr", &b, &lb, &pages, &err), DOKUS_OK);
  ck_assert_int_eq (pages, 1);
  ck_assert_int_gt (la, 1000);
  ck_assert_int_eq (memcmp (a, "%PDF-1.5", 8), 0);
  /* NULL is the client's language, French */
  ck_assert_uint_eq (la, lb);
  ck_assert_int_eq (memcmp (a, b, la), 0);
  ck_assert_int_eq (dokus_pdf_export (book, number, "nl", &c, &lc, &err), DOKUS_OK);
  ck_assert (lc != la || memcmp (a, c, la) != 0);
  /* no clock in the bytes: the issue date as the creation date */
  /* cairo 1.16 writes "(20260302000000Z)", later versions "(D:20260302000000Z)" */
  ck_assert (contains_bytes (a, la, "20260302000000Z)"));
  free (a);
  free (b);
  free (c);
}
END_TEST

START_TEST (test_pdf_export_refuses)
{
  char id[DOKUS_ID_TEXT], number[DOKUS_NUMBER_TEXT];
  unsigned char *pdf = NULL;
  size_t len = 0;
  DokusError err = { 0 };

  create (NULL, id, number);
  ck_assert_int_eq (dokus_pdf_export (book, id, NULL, &pdf, &len, &err), DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.message, "a draft has no number: issue it first");
  ck_assert_ptr_null (pdf);
  ck_assert_int_eq (dokus_pdf_export (book, "2099-0001", NULL, &pdf, &len, &err),
                    DOKUS_ERR_NOT_FOUND);
  ck_assert_int_eq (dokus_pdf_export (book, id, "es", &pdf, &len, &err), DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "language");
  ck_assert_ptr_null (pdf);
}
END_TEST

START_TEST (test_pdf_export_without_an_account)
{
  char id[DOKUS_ID_TEXT], number[DOKUS_NUMBER_TEXT];
  unsigned char *pdf = NULL;
  size_t len = 0;
  int pages = 0;
  DokusError err = { 0 };

  /* no IBAN: a payment block without a QR code, not an error */
  ck_assert_int_eq (dokus_profile_set (book,
                                       "{\"name\": \"Studio Maes\", \"enterprise_number\": "
                                       "\"0203.201.340\"}",
                                       &err),
                    DOKUS_OK);
  create ("issue", id, number);
  ck_assert_msg (dokus_pdf_export_with_pages (book, number, "de", &pdf, &len, &pages, &err)
                   == DOKUS_OK,
                 "%s", err.message);
  ck_assert_int_eq (pages, 1);
  ck_assert_int_eq (memcmp (pdf, "%PDF-", 5), 0);
  free (pdf);
}
END_TEST

static Suite *
render_suite (void)
{
  Suite *s = suite_create ("render");
  TCase *epc = tcase_create ("epc"), *format = tcase_create ("format");
  TCase *export = tcase_create ("export");

  tcase_add_test (epc, test_epc_payload_with_bic_and_structured_communication);
  tcase_add_test (epc, test_epc_payload_minimal);
  tcase_add_test (epc, test_epc_payload_cuts_the_name_to_70_characters);
  tcase_add_test (epc, test_epc_payload_refuses_bad_input);
  suite_add_tcase (s, epc);
  tcase_add_test (format, test_money_per_language);
  tcase_add_test (format, test_dates_per_language);
  suite_add_tcase (s, format);
  tcase_add_checked_fixture (export, setup, teardown);
  tcase_add_test (export, test_pdf_export_is_deterministic_per_language);
  tcase_add_test (export, test_pdf_export_refuses);
  tcase_add_test (export, test_pdf_export_without_an_account);
  suite_add_tcase (s, export);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (render_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}

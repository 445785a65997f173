/* check-render.c
 *
 * Suite "render": what the PDF prints, checked without reading a PDF.
 * The EPC QR payload (EPC069-12) of a credit transfer, money and dates as
 * each language writes them, and dokus_pdf_export's errors and
 * determinism; the renderings the book keeps, and the logo a document was
 * issued with. Every expected string is written by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

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

/* true when @needle (@n bytes) is in @hay */
static bool
contains_blob (const unsigned char *hay, size_t len, const unsigned char *needle, size_t n)
{
  for (size_t i = 0; i + n <= len; i++)
    if (memcmp (hay + i, needle, n) == 0)
      return true;
  return false;
}

static bool
contains_bytes (const unsigned char *hay, size_t len, const char *needle)
{
  return contains_blob (hay, len, (const unsigned char *) needle, strlen (needle));
}

static void
setup (void)
{
  char *path, id[DOKUS_ID_TEXT];

  dir = dokus_test_tmpdir_new ();
  setenv ("DOKUS_TODAY", "2026-03-02", 1);
  path = dokus_test_path (dir, "book.dokus");
  book = dokus_test_book_create (path, "pw", NULL);
  free (path);
  dokus_test_set_profile (book, "{\"name\": \"Studio Maes\", \"enterprise_number\": "
                                "\"0203.201.340\", \"iban\": \"BE68539007547034\"}");
  dokus_test_add_client (book,
                         "{\"name\": \"Atelier Lumière SRL\", \"vat_number\": "
                         "\"BE0417497106\", \"language\": \"fr\", \"address\": "
                         "{\"city\": \"Bruxelles\", \"country\": \"BE\"}}",
                         id);
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

/* ---- renderings and the logo ----------------------------------------------------------- */

/* 2 × 2 PNG images, red and blue (made with Python's zlib) */
static const unsigned char red_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
  0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd,
  0xd4, 0x9a, 0x73, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8,
  0xcf, 0xc0, 0x00, 0x44, 0x0c, 0x10, 0x0a, 0x00, 0x1f, 0xee, 0x03, 0xfd, 0x63, 0x5e, 0xbb,
  0x5b, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};
static const unsigned char blue_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
  0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd,
  0xd4, 0x9a, 0x73, 0x00, 0x00, 0x00, 0x0f, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x60,
  0x60, 0xf8, 0x0f, 0x46, 0x60, 0x0a, 0x00, 0x17, 0xf6, 0x03, 0xfd, 0xc7, 0x90, 0x8b, 0xb4,
  0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

/* a 4 × 2 JPEG (ImageMagick: convert -size 4x2 xc:'#c03030' -quality 80 -strip) */
static const unsigned char red_jpeg[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43, 0x00, 0x06, 0x04, 0x05, 0x06, 0x05, 0x04, 0x06,
  0x06, 0x05, 0x06, 0x07, 0x07, 0x06, 0x08, 0x0a, 0x10, 0x0a, 0x0a, 0x09, 0x09, 0x0a, 0x14, 0x0e,
  0x0f, 0x0c, 0x10, 0x17, 0x14, 0x18, 0x18, 0x17, 0x14, 0x16, 0x16, 0x1a, 0x1d, 0x25, 0x1f, 0x1a,
  0x1b, 0x23, 0x1c, 0x16, 0x16, 0x20, 0x2c, 0x20, 0x23, 0x26, 0x27, 0x29, 0x2a, 0x29, 0x19, 0x1f,
  0x2d, 0x30, 0x2d, 0x28, 0x30, 0x25, 0x28, 0x29, 0x28, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x07, 0x07,
  0x07, 0x0a, 0x08, 0x0a, 0x13, 0x0a, 0x0a, 0x13, 0x28, 0x1a, 0x16, 0x1a, 0x28, 0x28, 0x28, 0x28,
  0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28,
  0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28,
  0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0x28, 0xff, 0xc0,
  0x00, 0x11, 0x08, 0x00, 0x02, 0x00, 0x04, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11,
  0x01, 0xff, 0xc4, 0x00, 0x15, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0xff, 0xc4, 0x00, 0x14, 0x10, 0x01, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xc4,
  0x00, 0x15, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x05, 0x07, 0xff, 0xc4, 0x00, 0x14, 0x11, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xda, 0x00, 0x0c, 0x03,
  0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00, 0x8e, 0x00, 0x22, 0xa4, 0xff, 0xd9,
};

/* The PDF of @number in Dutch (transfer full), *@len its size. */
static unsigned char *
pdf_of (const char *number, size_t *len)
{
  unsigned char *pdf = NULL;
  DokusError err = { 0 };

  ck_assert_msg (dokus_pdf_export (book, number, "nl", &pdf, len, &err) == DOKUS_OK, "%s: %s",
                 number, err.message);
  return pdf;
}

static void
set_logo (const unsigned char *png, size_t len)
{
  DokusError err = { 0 };
  ck_assert_msg (dokus_profile_set_logo (book, png, len, &err) == DOKUS_OK, "%s", err.message);
}

static sqlite3 *
db_of_book (void)
{
  return dokus_book_get_db (book);
}

START_TEST (test_pdf_rendering_is_kept_in_the_book)
{
  char id[DOKUS_ID_TEXT], number[DOKUS_NUMBER_TEXT], sql[256];
  unsigned char *a, *b, *c;
  size_t la = 0, lb = 0, lc = 0;

  create ("issue", id, number);
  a = pdf_of (number, &la);
  ck_assert_int_eq (dokus_test_query_int (db_of_book (), "SELECT count(*) FROM "
                                                         "document_renderings WHERE format = "
                                                         "'pdf' AND language = 'nl' AND pages = 1"),
                    1);
  /* the kept bytes are what a later export gives, not a new drawing */
  dokus_test_exec (db_of_book (), "DELETE FROM document_renderings");
  snprintf (sql, sizeof sql,
            "INSERT INTO document_renderings VALUES ('%s', 'pdf', 'nl', 1, 1, "
            "CAST ('%%PDF-kept' AS BLOB))",
            id);
  dokus_test_exec (db_of_book (), sql);
  b = pdf_of (number, &lb);
  ck_assert_uint_eq (lb, 9);
  ck_assert_int_eq (memcmp (b, "%PDF-kept", 9), 0);
  /* without it, the same bytes are drawn again and kept again */
  dokus_test_exec (db_of_book (), "DELETE FROM document_renderings");
  c = pdf_of (number, &lc);
  ck_assert_uint_eq (la, lc);
  ck_assert_int_eq (memcmp (a, c, la), 0);
  ck_assert_int_eq (dokus_test_query_int (db_of_book (),
                                          "SELECT count(*) FROM document_renderings"),
                    1);
  /* a kept rendering is never changed */
  ck_assert_int_ne (sqlite3_exec (db_of_book (), "UPDATE document_renderings SET pages = 2",
                                  NULL, NULL, NULL),
                    SQLITE_OK);
  free (a);
  free (b);
  free (c);
}
END_TEST

START_TEST (test_pdf_logo_is_the_one_issued_with)
{
  char id[DOKUS_ID_TEXT], plain[DOKUS_NUMBER_TEXT], with_red[DOKUS_NUMBER_TEXT];
  char with_blue[DOKUS_NUMBER_TEXT], red_hex[65], sql[256], *frozen;
  unsigned char hash[crypto_hash_sha256_BYTES], *p0, *p1, *p1_again, *p2;
  size_t l0 = 0, l1 = 0, l1_again = 0, l2 = 0;

  create ("issue", id, plain);
  set_logo (red_png, sizeof red_png);
  create ("issue", id, with_red);
  p0 = pdf_of (plain, &l0);
  p1 = pdf_of (with_red, &l1);
  /* the logo is an image on the page; a document issued before it has none */
  ck_assert (contains_bytes (p1, l1, "/Subtype /Image"));
  ck_assert (!contains_bytes (p0, l0, "/Subtype /Image"));
  /* issue froze the logo's hash in the seller */
  crypto_hash_sha256 (hash, red_png, sizeof red_png);
  sodium_bin2hex (red_hex, sizeof red_hex, hash, sizeof hash);
  snprintf (sql, sizeof sql,
            "SELECT json_extract (seller_json, '$.logo_sha256') FROM documents WHERE number = "
            "'%s'",
            with_red);
  frozen = dokus_test_query_text (db_of_book (), sql);
  ck_assert_str_eq (frozen, red_hex);
  free (frozen);

  /* a new logo: the red one is kept, and the document issued with it
   * still shows it when drawn again */
  set_logo (blue_png, sizeof blue_png);
  create ("issue", id, with_blue);
  snprintf (sql, sizeof sql, "SELECT count(*) FROM profile_logos WHERE sha256 = '%s'", red_hex);
  ck_assert_int_eq (dokus_test_query_int (db_of_book (), sql), 1);
  dokus_test_exec (db_of_book (), "DELETE FROM document_renderings");
  p1_again = pdf_of (with_red, &l1_again);
  ck_assert_uint_eq (l1, l1_again);
  ck_assert_int_eq (memcmp (p1, p1_again, l1), 0);
  p2 = pdf_of (with_blue, &l2);
  ck_assert (contains_bytes (p2, l2, "/Subtype /Image"));
  /* removing the logo keeps the blue one too */
  set_logo (NULL, 0);
  ck_assert_int_eq (dokus_test_query_int (db_of_book (), "SELECT count(*) FROM profile_logos"),
                    2);
  ck_assert_int_ne (sqlite3_exec (db_of_book (), "DELETE FROM profile_logos", NULL, NULL, NULL),
                    SQLITE_OK);
  free (p0);
  free (p1);
  free (p1_again);
  free (p2);
}
END_TEST

START_TEST (test_pdf_jpeg_logo_is_embedded_as_it_is)
{
  char id[DOKUS_ID_TEXT], number[DOKUS_NUMBER_TEXT];
  unsigned char *pdf;
  size_t len = 0;

  /* cairo's PDF surface takes the JPEG file itself (DCTDecode): no
   * decoder in core */
  set_logo (red_jpeg, sizeof red_jpeg);
  create ("issue", id, number);
  pdf = pdf_of (number, &len);
  ck_assert (contains_bytes (pdf, len, "/DCTDecode"));
  ck_assert (contains_blob (pdf, len, red_jpeg, sizeof red_jpeg));
  free (pdf);
}
END_TEST

START_TEST (test_pdf_without_its_logo_is_not_kept)
{
  char id[DOKUS_ID_TEXT], number[DOKUS_NUMBER_TEXT];
  unsigned char *pdf;
  size_t len = 0;

  set_logo (red_png, sizeof red_png);
  create ("issue", id, number);
  /* a book that has the document but not its logo (as sync may leave
   * it): drawn without, and not kept, so that it is drawn again once the
   * logo is there */
  dokus_test_exec (db_of_book (), "UPDATE profile SET logo = NULL");
  pdf = pdf_of (number, &len);
  ck_assert (!contains_bytes (pdf, len, "/Subtype /Image"));
  ck_assert_int_eq (dokus_test_query_int (db_of_book (),
                                          "SELECT count(*) FROM document_renderings"),
                    0);
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
  tcase_add_test (export, test_pdf_rendering_is_kept_in_the_book);
  tcase_add_test (export, test_pdf_logo_is_the_one_issued_with);
  tcase_add_test (export, test_pdf_jpeg_logo_is_embedded_as_it_is);
  tcase_add_test (export, test_pdf_without_its_logo_is_not_kept);
  suite_add_tcase (s, export);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (render_suite ());
}

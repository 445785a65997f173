/* check-ubl-write.c
 *
 * Suite "ubl-write": the bytes of dokus_ubl_export(), which writes its XML
 * straight into a buffer (core/peppol/dokus-xml-out.c) and must give what
 * libxml2's serialiser gave for the same tree (the SHA-256 stored at a
 * first export is compared at every later one, by any writer of the same
 * version). Documents with text that needs escaping (& < > " CR LF TAB,
 * accents, a 101-character description, an allowance and a charge, a
 * credit note) are exported; the escaped forms are written here by hand,
 * and libxml2 itself is the second judge: parsing the export and
 * serialising the tree again (format 1, UTF-8) gives back every byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sodium.h>

#include "dokus-test-helpers.h"

static char *dir;
static DokusBook *book;
static char client[DOKUS_ID_TEXT];

/* @json with every ' turned into " (into a static buffer). */
static const char *
dq (const char *json)
{
  static char buf[4096];
  ck_assert_uint_lt (strlen (json), sizeof buf);
  snprintf (buf, sizeof buf, "%s", json);
  for (char *p = buf; *p; p++)
    if (*p == '\'')
      *p = '"';
  return buf;
}

static void
setup (void)
{
  DokusError err = { 0 };

  ck_assert (sodium_init () >= 0);
  setenv ("DOKUS_TODAY", "2026-03-02", 1);
  dir = dokus_test_tmpdir_new ();
  {
    char *path = dokus_test_path (dir, "book.dokus");
    book = dokus_test_book_create (path, "pw", NULL);
    free (path);
  }
  ck_assert_msg (dokus_profile_set (book,
                                    dq ("{'name': 'Studio Maes & Co', 'trading_name': 'Maes "
                                        "<Studio>', 'enterprise_number': '0203.201.340', "
                                        "'iban': 'BE68539007547034', 'legal_form': 'BV', "
                                        "'register': 'RPR Gent, afdeling Gent', 'address': "
                                        "{'street': 'Veldstraat 1', 'postal_code': '9000', "
                                        "'city': 'Gent', 'country': 'BE'}}"),
                                    &err)
                   == DOKUS_OK,
                 "profile: %s", err.message);
  ck_assert_msg (dokus_client_add (book,
                                   dq ("{'name': 'Atelier \\'Lumière\\' & Zonen <SRL>', "
                                       "'vat_number': 'BE0417497106', 'address': {'street': "
                                       "'Rue Haute 48\\tbis', 'postal_code': '1000', 'city': "
                                       "'Brussel', 'country': 'BE'}}"),
                                   client, &err)
                   == DOKUS_OK,
                 "client: %s", err.message);
}

static void
teardown (void)
{
  dokus_test_book_free (&book, NULL, &dir);
}

/* Issues an invoice for the client with @body (after "client") into
 * @number. */
static void
issue (const char *body, char number[DOKUS_NUMBER_TEXT])
{
  char json[4096];

  snprintf (json, sizeof json, "{\"client\": \"%s\", %s}", client, dq (body));
  dokus_test_issue_invoice (book, json, number);
}

/* The export of @number (transfer full), the same bytes twice in a row. */
static char *
export_twice (const char *number, size_t *len)
{
  DokusError err = { 0 };
  char *xml = NULL, *again = NULL;
  size_t again_len = 0;

  ck_assert_msg (dokus_ubl_export (book, number, &xml, len, &err) == DOKUS_OK, "%s", err.message);
  ck_assert_msg (dokus_ubl_export (book, number, &again, &again_len, &err) == DOKUS_OK, "%s",
                 err.message);
  ck_assert_uint_eq (*len, again_len);
  ck_assert_int_eq (memcmp (xml, again, *len), 0);
  ck_assert_uint_eq (strlen (xml), *len); /* NUL-terminated, no NUL inside */
  free (again);
  return xml;
}

/* libxml2 parses @xml and serialises the tree again as the writer's
 * bytes are defined: every byte comes back. */
static void
check_libxml2_gives_the_same_bytes (const char *xml, size_t len)
{
  xmlDocPtr doc = xmlReadMemory (xml, (int) len, NULL, NULL, XML_PARSE_NONET);
  xmlChar *buf = NULL;
  int buf_len = 0;

  ck_assert_ptr_nonnull (doc);
  xmlDocDumpFormatMemoryEnc (doc, &buf, &buf_len, "UTF-8", 1);
  ck_assert_ptr_nonnull (buf);
  ck_assert_uint_eq ((size_t) buf_len, len);
  ck_assert_int_eq (memcmp (buf, xml, len), 0);
  xmlFree (buf);
  xmlFreeDoc (doc);
}

START_TEST (test_ubl_write_escapes_text_and_attributes)
{
  char number[DOKUS_NUMBER_TEXT];
  size_t len;
  char *xml;

  /* line 1: 2 × 50.00 = 100.00 − 10 % = 90.00; line 2: 1 × 10.00 */
  issue ("'lines': [{'description': 'Webdesign <homepage> & logo \\'q\\'\\r\\nline\\ttab', "
         "'quantity': '2', 'unit': 'HUR', 'unit_price': '50.00', 'discount_percent': '10', "
         "'vat_rate': '21'}, {'description': 'Hosting', 'quantity': '1', 'unit_price': "
         "'10.00', 'vat_rate': '21'}], 'order_reference': 'PO-77 & <x>', 'note': "
         "'Thanks & <regards>\\r\\nline two'",
         number);
  xml = export_twice (number, &len);
  ck_assert_int_eq (strncmp (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Invoice xmlns=\"",
                             55),
                    0);
  /* & < > escaped, " left as it is, CR as a character reference, LF and
   * TAB as they are (text) */
  ck_assert_ptr_nonnull (strstr (xml, "\n  <cbc:Note>Thanks &amp; &lt;regards&gt;&#13;\nline two"
                                      "</cbc:Note>\n"));
  ck_assert_ptr_nonnull (strstr (xml, "\n      <cbc:Description>Webdesign &lt;homepage&gt; "
                                      "&amp; logo \"q\"&#13;\nline\ttab</cbc:Description>\n"));
  ck_assert_ptr_nonnull (strstr (xml, "\n  <cac:OrderReference>\n    <cbc:ID>PO-77 &amp; "
                                      "&lt;x&gt;</cbc:ID>\n  </cac:OrderReference>\n"));
  ck_assert_ptr_nonnull (strstr (xml, "<cbc:Name>Atelier \"Lumière\" &amp; Zonen "
                                      "&lt;SRL&gt;</cbc:Name>"));
  ck_assert_ptr_nonnull (strstr (xml, "<cbc:StreetName>Rue Haute 48\tbis</cbc:StreetName>"));
  ck_assert_ptr_nonnull (strstr (xml, "<cbc:Name>Maes &lt;Studio&gt;</cbc:Name>"));
  ck_assert_ptr_nonnull (strstr (xml, "<cbc:InvoicedQuantity unitCode=\"HUR\">2"
                                      "</cbc:InvoicedQuantity>"));
  ck_assert_ptr_nonnull (strstr (xml, "<cbc:EmbeddedDocumentBinaryObject mimeCode=\"application/"
                                      "pdf\" filename=\"2026-0001.pdf\">JVBER"));
  ck_assert_int_eq (strcmp (xml + len - 11, "</Invoice>\n"), 0);
  check_libxml2_gives_the_same_bytes (xml, len);
  free (xml);
}
END_TEST

START_TEST (test_ubl_write_long_names_adjustments_and_credit_notes)
{
  char number[DOKUS_NUMBER_TEXT], id[DOKUS_ID_TEXT];
  DokusIssueResult res;
  DokusError err = { 0 };
  size_t len;
  char *xml;

  char body[1024], name[256] = "";

  /* 101 characters, 'é' two bytes each: Item/Name keeps the first 100 */
  for (int i = 0; i < 100; i++)
    strcat (name, "é");
  snprintf (body, sizeof body,
            "'lines': [{'description': '%sX', 'quantity': '1', 'unit_price': '40.00', "
            "'vat_rate': '21'}], 'allowances': [{'reason': 'Korting & co', 'amount': '5.00', "
            "'vat_rate': '21'}], 'charges': [{'reason': 'Transport <snel>', 'amount': '7.50', "
            "'vat_rate': '21'}]",
            name);
  issue (body, number);
  xml = export_twice (number, &len);
  ck_assert_ptr_nonnull (strstr (xml, "<cbc:AllowanceChargeReason>Korting &amp; co<"));
  ck_assert_ptr_nonnull (strstr (xml, "<cbc:AllowanceChargeReason>Transport &lt;snel&gt;<"));
  {
    char item[300];
    snprintf (item, sizeof item, "<cbc:Name>%s</cbc:Name>", name);
    ck_assert_ptr_nonnull (strstr (xml, item));
    snprintf (item, sizeof item, "<cbc:Description>%sX</cbc:Description>", name);
    ck_assert_ptr_nonnull (strstr (xml, item));
  }
  check_libxml2_gives_the_same_bytes (xml, len);
  free (xml);

  ck_assert_int_eq (dokus_invoice_credit (book, number, NULL, id, &err), DOKUS_OK);
  ck_assert_int_eq (dokus_document_issue (book, id, &res, &err), DOKUS_OK);
  xml = export_twice (res.number, &len);
  ck_assert_ptr_nonnull (strstr (xml, "\n<CreditNote xmlns=\""));
  ck_assert_int_eq (strcmp (xml + len - 14, "</CreditNote>\n"), 0);
  check_libxml2_gives_the_same_bytes (xml, len);
  free (xml);
}
END_TEST

/* The embedded PDF of @number's export is libsodium's base64 (the
 * original, padded variant) of dokus_pdf_export()'s bytes: the writer
 * encodes it with its own code (AVX2, SSSE3, a table, per CPU and tail). */
static void
check_embedded_pdf (const char *number)
{
  static const char open[] = "filename=\"", close[] = "</cbc:EmbeddedDocumentBinaryObject>";
  DokusError err = { 0 };
  unsigned char *pdf = NULL;
  size_t pdf_len = 0, len;
  char *xml = export_twice (number, &len), *expected;
  const char *start = strstr (xml, open), *end;

  ck_assert_ptr_nonnull (start);
  start = strchr (start + sizeof open - 1, '>');
  ck_assert_ptr_nonnull (start);
  start++;
  end = strstr (start, close);
  ck_assert_ptr_nonnull (end);
  ck_assert_msg (dokus_pdf_export (book, number, NULL, &pdf, &pdf_len, &err) == DOKUS_OK, "%s",
                 err.message);
  ck_assert_uint_gt (pdf_len, 1000);
  expected = malloc (sodium_base64_ENCODED_LEN (pdf_len, sodium_base64_VARIANT_ORIGINAL));
  ck_assert_ptr_nonnull (expected);
  sodium_bin2base64 (expected, sodium_base64_ENCODED_LEN (pdf_len, sodium_base64_VARIANT_ORIGINAL),
                     pdf, pdf_len, sodium_base64_VARIANT_ORIGINAL);
  ck_assert_uint_eq ((size_t) (end - start), strlen (expected));
  ck_assert_int_eq (memcmp (start, expected, strlen (expected)), 0);
  free (expected);
  free (pdf);
  free (xml);
}

/* Six documents of different lengths, so PDFs whose lengths end the
 * encoder's 24-, 12- and 3-byte steps at different places. */
START_TEST (test_ubl_write_embeds_the_pdf_as_base64)
{
  char number[DOKUS_NUMBER_TEXT];

  for (int i = 0; i < 6; i++)
    {
      char body[512];
      snprintf (body, sizeof body,
                "'lines': [{'description': 'Werk %.*s', 'quantity': '%d', 'unit_price': "
                "'1%d.00', 'vat_rate': '21'}]",
                i * 7, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", i + 1, i);
      issue (body, number);
      check_embedded_pdf (number);
    }
}
END_TEST

static Suite *
ubl_write_suite (void)
{
  Suite *s = suite_create ("ubl-write");
  TCase *tc = tcase_create ("bytes");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_ubl_write_escapes_text_and_attributes);
  tcase_add_test (tc, test_ubl_write_long_names_adjustments_and_credit_notes);
  tcase_add_test (tc, test_ubl_write_embeds_the_pdf_as_base64);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (ubl_write_suite ());
}

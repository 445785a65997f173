/* check-ubl-import.c
 *
 * Suite "ubl-import": received UBL documents recorded as purchases through
 * the public API (dokus_ubl_import). The documents are written here by
 * hand, with their figures; the expected expense is worked in comments:
 * a Belgian invoice at two rates (VAT as charged), an Irish reverse-charge
 * invoice (VAT self-assessed at 21 %), a credit note, a negative invoice,
 * duplicates refused, receipts kept byte for byte, and a bad file or an
 * unmappable document leaving the book unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sodium.h>

#include "dokus-test-helpers.h"

#define PROFILE "{\"name\":\"Freelance BV\",\"enterprise_number\":\"0417497106\"}"

/* "Hello receipt" */
#define PDF_B64 "JVBERi0xLjQKSGVsbG8gcmVjZWlwdAo="
#define PDF_BYTES "%PDF-1.4\nHello receipt\n"

static char *dir;
static DokusBook *book;

static void
setup (void)
{
  ck_assert (sodium_init () >= 0);
  setenv ("DOKUS_NOW", "2026-11-25T19:30:00Z", 1);
  book = dokus_test_book_new (&dir, NULL);
  dokus_test_set_profile (book, PROFILE);
}

static void
teardown (void)
{
  dokus_test_book_free (&book, NULL, &dir);
}

/* A UBL document: @root "Invoice" or "CreditNote", the seller's @name,
 * @country and @vat (nullable), and the body after the parties (TaxTotal,
 * LegalMonetaryTotal, lines). (transfer full) */
static char *
make_doc (const char *root, const char *number, const char *name, const char *country,
          const char *vat, const char *currency, const char *body)
{
  char *xml = malloc (16384);
  bool cn = strcmp (root, "CreditNote") == 0;

  ck_assert (xml != NULL);
  snprintf (xml, 16384,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<%s xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:%s-2\"\n"
            " xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\"\n"
            " xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n"
            "<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:"
            "billing:3.0</cbc:CustomizationID>\n"
            "<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>\n"
            "<cbc:ID>%s</cbc:ID><cbc:IssueDate>2026-11-02</cbc:IssueDate>\n"
            "<cbc:%sTypeCode>%s</cbc:%sTypeCode>\n"
            "<cbc:DocumentCurrencyCode>%s</cbc:DocumentCurrencyCode>\n"
            "<cbc:BuyerReference>PO-7</cbc:BuyerReference>\n"
            "<cac:AdditionalDocumentReference><cbc:ID>R1</cbc:ID><cac:Attachment>"
            "<cbc:EmbeddedDocumentBinaryObject mimeCode=\"application/pdf\" filename=\"../bill.pdf\">"
            PDF_B64 "</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>"
            "</cac:AdditionalDocumentReference>\n"
            "<cac:AdditionalDocumentReference><cbc:ID>R2</cbc:ID><cac:Attachment>"
            "<cac:ExternalReference><cbc:URI>http://127.0.0.1:1/t.pdf</cbc:URI>"
            "</cac:ExternalReference></cac:Attachment></cac:AdditionalDocumentReference>\n"
            "<cac:AccountingSupplierParty><cac:Party>"
            "<cac:PartyName><cbc:Name>%s</cbc:Name></cac:PartyName>"
            "<cac:PostalAddress><cac:Country><cbc:IdentificationCode>%s</cbc:IdentificationCode>"
            "</cac:Country></cac:PostalAddress>"
            "%s%s%s"
            "<cac:PartyLegalEntity><cbc:RegistrationName>%s</cbc:RegistrationName>"
            "</cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>\n"
            "<cac:AccountingCustomerParty><cac:Party>"
            "<cac:PostalAddress><cac:Country><cbc:IdentificationCode>BE</cbc:IdentificationCode>"
            "</cac:Country></cac:PostalAddress>"
            "<cac:PartyLegalEntity><cbc:RegistrationName>Freelance BV</cbc:RegistrationName>"
            "</cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>\n%s\n</%s>\n",
            root, root, number, cn ? "CreditNote" : "Invoice", cn ? "381" : "380",
            cn ? "CreditNote" : "Invoice", currency, name, country,
            vat ? "<cac:PartyTaxScheme><cbc:CompanyID>" : "", vat ? vat : "",
            vat ? "</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>"
                  "</cac:PartyTaxScheme>"
                : "",
            name, body, root);
  return xml;
}

/* A TaxSubtotal row. */
#define ROW(taxable, tax, cat, rate)                                                       \
  "<cac:TaxSubtotal><cbc:TaxableAmount currencyID=\"EUR\">" taxable "</cbc:TaxableAmount>"  \
  "<cbc:TaxAmount currencyID=\"EUR\">" tax "</cbc:TaxAmount><cac:TaxCategory><cbc:ID>" cat \
  "</cbc:ID><cbc:Percent>" rate "</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID>"         \
  "</cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>"

#define LINE(el, qel, id, amount, name, cat, rate)                                          \
  "<cac:" el "><cbc:ID>" id "</cbc:ID><cbc:" qel " unitCode=\"C62\">1</cbc:" qel ">"        \
  "<cbc:LineExtensionAmount currencyID=\"EUR\">" amount "</cbc:LineExtensionAmount>"        \
  "<cac:Item><cbc:Name>" name "</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>" cat          \
  "</cbc:ID><cbc:Percent>" rate "</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID>"         \
  "</cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item><cac:Price>"                      \
  "<cbc:PriceAmount currencyID=\"EUR\">" amount "</cbc:PriceAmount></cac:Price></cac:" el ">"

/* Belgian seller, two rates: 1000.00 at 21 % = 210.00 and 50.00 at 6 % =
 * 3.00; total 1263.00. */
#define BE_BODY                                                                             \
  "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">213.00</cbc:TaxAmount>"                  \
  ROW ("1000.00", "210.00", "S", "21") ROW ("50.00", "3.00", "S", "6") "</cac:TaxTotal>"    \
  "<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID=\"EUR\">1050.00"             \
  "</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID=\"EUR\">1050.00"            \
  "</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount currencyID=\"EUR\">1263.00"             \
  "</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID=\"EUR\">1263.00"                  \
  "</cbc:PayableAmount></cac:LegalMonetaryTotal>"                                          \
  LINE ("InvoiceLine", "InvoicedQuantity", "1", "1000.00", "Website redesign", "S", "21")  \
  LINE ("InvoiceLine", "InvoicedQuantity", "2", "50.00", "Printed brochure", "S", "6")

static cJSON *
show (const char *id)
{
  char *json = NULL;
  DokusError err = { 0 };
  cJSON *o;

  ck_assert_msg (dokus_expense_show (book, id, &json, &err) == DOKUS_OK, "%s", err.message);
  o = cJSON_Parse (json);
  free (json);
  ck_assert (o != NULL);
  return o;
}

static const char *
str (const cJSON *o, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (o, key);
  return cJSON_IsString (v) ? v->valuestring : "(none)";
}

static const cJSON *
item (const cJSON *o, const char *key, int i)
{
  return cJSON_GetArrayItem (cJSON_GetObjectItemCaseSensitive (o, key), i);
}

static int
count_expenses (void)
{
  char *json = NULL;
  DokusError err = { 0 };
  cJSON *o;
  int n;

  ck_assert (dokus_expense_list (book, NULL, NULL, &json, &err) == DOKUS_OK);
  o = cJSON_Parse (json);
  free (json);
  n = cJSON_GetArraySize (cJSON_GetObjectItem (o, "expenses"));
  cJSON_Delete (o);
  return n;
}

static void
import_ok (const char *xml, char id[DOKUS_ID_TEXT], cJSON **result)
{
  DokusError err = { 0 };
  char *json = NULL;
  DokusStatus st = dokus_ubl_import (book, xml, strlen (xml), id, &json, &err);

  ck_assert_msg (st == DOKUS_OK, "import: %s (%s)", err.message, err.field);
  ck_assert_int_eq ((int) strlen (id), 36);
  *result = cJSON_Parse (json);
  free (json);
  ck_assert (*result != NULL);
}

static void
import_fails (const char *xml, DokusStatus want, const char *needle)
{
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT] = "x", *json = (char *) "x";
  DokusStatus st = dokus_ubl_import (book, xml, strlen (xml), id, &json, &err);

  ck_assert_msg (st == want, "wanted %s, got %s: %s", dokus_status_name (want),
                 dokus_status_name (st), err.message);
  ck_assert_msg (strstr (err.message, needle) != NULL, "'%s' lacks '%s'", err.message, needle);
  ck_assert_str_eq (id, "");
  ck_assert_ptr_null (json);
}

START_TEST (test_ubl_import_belgian_invoice_vat_as_charged)
{
  char *xml = make_doc ("Invoice", "F2026/0042", "Drukkerij Peeters", "BE", "BE0403170701",
                        "EUR", BE_BODY);
  char id[DOKUS_ID_TEXT];
  cJSON *res, *e;
  const cJSON *l;

  import_ok (xml, id, &res);
  ck_assert_str_eq (str (res, "id"), id);
  ck_assert_str_eq (str (res, "supplier"), "Drukkerij Peeters");
  ck_assert_str_eq (str (res, "number"), "F2026/0042");
  ck_assert_str_eq (str (res, "vat_treatment"), "domestic");
  ck_assert (cJSON_IsFalse (cJSON_GetObjectItem (res, "credit_note")));
  /* the XML and the embedded PDF; the link is listed, not fetched */
  ck_assert_int_eq ((int) cJSON_GetObjectItem (res, "receipts")->valuedouble, 2);
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (res, "skipped_attachments")), 1);
  ck_assert (cJSON_IsObject (cJSON_GetObjectItem (res, "validation")));
  cJSON_Delete (res);

  e = show (id);
  ck_assert_str_eq (str (e, "date"), "2026-11-02");
  ck_assert_str_eq (str (e, "number"), "F2026/0042");
  ck_assert_str_eq (str (cJSON_GetObjectItem (e, "supplier"), "vat_number"), "BE0403170701");
  ck_assert_str_eq (str (cJSON_GetObjectItem (e, "supplier"), "country"), "BE");
  ck_assert_str_eq (str (e, "description"), "Website redesign (and 1 more lines)");
  ck_assert_str_eq (str (e, "category"), "purchases");
  ck_assert_str_eq (str (e, "kind"), "services");
  ck_assert_str_eq (str (e, "vat_treatment"), "domestic");
  l = item (e, "lines", 0);
  ck_assert_str_eq (str (l, "base"), "1000.00");
  ck_assert_str_eq (str (l, "vat_rate"), "21");
  ck_assert_str_eq (str (l, "vat_amount"), "210.00");
  l = item (e, "lines", 1);
  ck_assert_str_eq (str (l, "base"), "50.00");
  ck_assert_str_eq (str (l, "vat_rate"), "6");
  ck_assert_str_eq (str (l, "vat_amount"), "3.00");
  /* 1050.00 + 213.00 */
  ck_assert_str_eq (str (e, "base_amount"), "1050.00");
  ck_assert_str_eq (str (e, "vat_amount"), "213.00");
  ck_assert_str_eq (str (e, "total_amount"), "1263.00");
  cJSON_Delete (e);
  free (xml);
}
END_TEST

START_TEST (test_ubl_import_keeps_original_and_attachments)
{
  char *xml = make_doc ("Invoice", "F2026/0043", "Drukkerij Peeters", "BE", "BE0403170701",
                        "EUR", BE_BODY);
  char id[DOKUS_ID_TEXT], *name = NULL;
  unsigned char *data = NULL;
  size_t len = 0;
  DokusError err = { 0 };
  cJSON *res, *e;
  const cJSON *r;

  import_ok (xml, id, &res);
  cJSON_Delete (res);
  e = show (id);
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (e, "receipts")), 2);
  /* the original, byte for byte, named after the number ('/' is not a
   * name character) */
  r = item (e, "receipts", 0);
  ck_assert_str_eq (str (r, "filename"), "F2026_0043.xml");
  ck_assert_str_eq (str (r, "mime_type"), "application/xml");
  ck_assert (dokus_attachment_get (book, str (r, "id"), &data, &len, &name, &err) == DOKUS_OK);
  ck_assert_uint_eq (len, strlen (xml));
  ck_assert (memcmp (data, xml, len) == 0);
  free (data);
  free (name);
  /* the embedded PDF, decoded, its name without the "../" */
  r = item (e, "receipts", 1);
  ck_assert_str_eq (str (r, "filename"), "bill.pdf");
  ck_assert_str_eq (str (r, "mime_type"), "application/pdf");
  ck_assert (dokus_attachment_get (book, str (r, "id"), &data, &len, &name, &err) == DOKUS_OK);
  ck_assert_uint_eq (len, strlen (PDF_BYTES));
  ck_assert (memcmp (data, PDF_BYTES, len) == 0);
  free (data);
  free (name);
  cJSON_Delete (e);
  free (xml);
}
END_TEST

START_TEST (test_ubl_import_refuses_duplicate)
{
  char *xml = make_doc ("Invoice", "F2026/0044", "Drukkerij Peeters", "BE", "BE0403170701",
                        "EUR", BE_BODY);
  char id[DOKUS_ID_TEXT], want[128];
  cJSON *res;

  import_ok (xml, id, &res);
  cJSON_Delete (res);
  snprintf (want, sizeof want, "already recorded: purchase %s", id);
  import_fails (xml, DOKUS_ERR_REFUSED, want);
  ck_assert_int_eq (count_expenses (), 1);
  free (xml);
}
END_TEST

START_TEST (test_ubl_import_irish_reverse_charge)
{
  /* AE: 100.00 without VAT; self-assessed 21 % = 21.00, paid 100.00 */
  char *xml = make_doc (
    "Invoice", "INV-1001", "Cloudly Ltd", "IE", "IE6388047V", "EUR",
    "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">0.00</cbc:TaxAmount>"
    ROW ("100.00", "0.00", "AE", "0") "</cac:TaxTotal>"
    "<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"EUR\">100.00</cbc:PayableAmount>"
    "</cac:LegalMonetaryTotal>"
    LINE ("InvoiceLine", "InvoicedQuantity", "1", "100.00", "Hosting", "AE", "0"));
  char id[DOKUS_ID_TEXT];
  cJSON *res, *e;

  import_ok (xml, id, &res);
  ck_assert_str_eq (str (res, "vat_treatment"), "eu_services");
  cJSON_Delete (res);
  e = show (id);
  ck_assert_str_eq (str (e, "vat_treatment"), "eu_services");
  ck_assert_str_eq (str (item (e, "lines", 0), "vat_rate"), "21");
  ck_assert_str_eq (str (e, "vat_amount"), "21.00");
  ck_assert_str_eq (str (e, "total_amount"), "100.00");
  ck_assert_str_eq (str (e, "description"), "Hosting");
  cJSON_Delete (e);
  free (xml);
}
END_TEST

START_TEST (test_ubl_import_credit_note_and_negative_invoice)
{
  /* a credit note of 200.00 at 21 % = 42.00 */
  char *cn = make_doc (
    "CreditNote", "CN-9", "Drukkerij Peeters", "BE", "BE0403170701", "EUR",
    "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">42.00</cbc:TaxAmount>"
    ROW ("200.00", "42.00", "S", "21") "</cac:TaxTotal>"
    "<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"EUR\">242.00</cbc:PayableAmount>"
    "</cac:LegalMonetaryTotal>"
    LINE ("CreditNoteLine", "CreditedQuantity", "1", "200.00", "Returned paper", "S", "21"));
  /* an invoice of −80.00 at 21 % = −16.80: a credit of 80.00 + 16.80 */
  char *neg = make_doc (
    "Invoice", "F-NEG-1", "Drukkerij Peeters", "BE", "BE0403170701", "EUR",
    "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">-16.80</cbc:TaxAmount>"
    ROW ("-80.00", "-16.80", "S", "21") "</cac:TaxTotal>"
    "<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"EUR\">-96.80</cbc:PayableAmount>"
    "</cac:LegalMonetaryTotal>"
    LINE ("InvoiceLine", "InvoicedQuantity", "1", "-80.00", "Correction", "S", "21"));
  char id[DOKUS_ID_TEXT];
  cJSON *res, *e;

  import_ok (cn, id, &res);
  ck_assert (cJSON_IsTrue (cJSON_GetObjectItem (res, "credit_note")));
  cJSON_Delete (res);
  e = show (id);
  ck_assert (cJSON_IsTrue (cJSON_GetObjectItem (e, "credit_note")));
  ck_assert_str_eq (str (e, "base_amount"), "200.00");
  ck_assert_str_eq (str (e, "vat_amount"), "42.00");
  cJSON_Delete (e);

  import_ok (neg, id, &res);
  ck_assert (cJSON_IsTrue (cJSON_GetObjectItem (res, "credit_note")));
  cJSON_Delete (res);
  e = show (id);
  ck_assert (cJSON_IsTrue (cJSON_GetObjectItem (e, "credit_note")));
  ck_assert_str_eq (str (e, "base_amount"), "80.00");
  ck_assert_str_eq (str (e, "vat_amount"), "16.80");
  cJSON_Delete (e);
  free (cn);
  free (neg);
}
END_TEST

START_TEST (test_ubl_import_bad_documents_change_nothing)
{
  char *usd = make_doc ("Invoice", "U-1", "Acme Inc", "US", NULL, "USD", BE_BODY);
  char *mixed = make_doc (
    "Invoice", "M-1", "Cloudly Ltd", "IE", "IE6388047V", "EUR",
    "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">23.00</cbc:TaxAmount>"
    ROW ("100.00", "0.00", "AE", "0") ROW ("100.00", "23.00", "S", "23") "</cac:TaxTotal>");
  char *no_rows = make_doc ("Invoice", "N-1", "Drukkerij Peeters", "BE", "BE0403170701", "EUR",
                            "");
  char *bad_vat = make_doc ("Invoice", "V-1", "Drukkerij Peeters", "BE", "BE0403170702", "EUR",
                            BE_BODY);
  static const char truncated[] = "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema"
                                  ":xsd:Invoice-2\"><cbc:ID";

  import_fails (truncated, DOKUS_ERR_INVALID, "not well-formed XML");
  import_fails (usd, DOKUS_ERR_INVALID, "the book is in EUR and the document in USD");
  import_fails (mixed, DOKUS_ERR_INVALID, "mixes VAT treatments (eu_services and none)");
  import_fails (no_rows, DOKUS_ERR_INVALID, "no VAT breakdown");
  import_fails (bad_vat, DOKUS_ERR_INVALID, "'BE0403170702' is not a valid EU VAT number");
  ck_assert_int_eq (count_expenses (), 0);
  free (usd);
  free (mixed);
  free (no_rows);
  free (bad_vat);
}
END_TEST

static Suite *
ubl_import_suite (void)
{
  Suite *s = suite_create ("ubl-import");
  TCase *tc = tcase_create ("import");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_ubl_import_belgian_invoice_vat_as_charged);
  tcase_add_test (tc, test_ubl_import_keeps_original_and_attachments);
  tcase_add_test (tc, test_ubl_import_refuses_duplicate);
  tcase_add_test (tc, test_ubl_import_irish_reverse_charge);
  tcase_add_test (tc, test_ubl_import_credit_note_and_negative_invoice);
  tcase_add_test (tc, test_ubl_import_bad_documents_change_nothing);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (ubl_import_suite ());
}

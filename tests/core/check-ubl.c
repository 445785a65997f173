/* check-ubl.c
 *
 * Suite "ubl": the Peppol BIS Billing 3.0 writer (dokus-ubl.h). Documents
 * are made through the public API, exported, validated against the OASIS
 * UBL 2.1 schemas of ../shared/peppol/xsd, and a few values read back by
 * XPath; expected values are written by hand, the working in a comment.
 * Also: the same bytes at every export, their SHA-256 stored once per
 * writer version, one audit entry for the first export and none for a
 * repeat (which writes nothing to the book), the PDF embedded (the same
 * bytes dokus_pdf_export gives) and kept in the book, credit notes'
 * payment means, the seller's legal form and register (BT-33), a buyer
 * without a Peppol address refused, a document that fails Peppol
 * validation refused with its rule, drafts refused; exports of different
 * documents one after the other and after a schema change (the statements
 * kept per open book).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <sodium.h>
#include <sqlite3.h>

#include "dokus-test-helpers.h"

static char *dir;
static DokusBook *book;
static sqlite3 *db;

static char be_co[DOKUS_ID_TEXT];     /* Belgian company, VAT number */
static char be_person[DOKUS_ID_TEXT]; /* Belgian private person, no e-mail */
static char be_mailed[DOKUS_ID_TEXT]; /* Belgian private person with an e-mail address */
static char nl_co[DOKUS_ID_TEXT];     /* Dutch company */
static char fr_co[DOKUS_ID_TEXT];     /* French company */
static char be_vzw[DOKUS_ID_TEXT];    /* Belgian non-profit: enterprise number, no VAT */

static void
set_profile (const char *extra)
{
  dokus_test_set_profile (
    book, dokus_test_js (
            "{'name': 'Studio Maes', 'enterprise_number': '0203.201.340', 'iban': "
            "'BE68539007547034', 'bic': 'GEBABEBB', 'email': 'facturen@studiomaes.be', 'address': "
            "{'street': 'Veldstraat 1', 'postal_code': '9000', 'city': 'Gent', 'country': 'BE'}%s}",
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
    dokus_test_js ("{'name': 'Atelier Lumière & Zonen SRL', 'vat_number': 'BE0417497106', "
                   "'email': 'boekhouding@lumiere.be', 'address': {'street': 'Rue Haute 48', "
                   "'postal_code': '1000', 'city': 'Brussel', 'country': 'BE'}}"),
    be_co);
  dokus_test_add_client (
    book, dokus_test_js ("{'name': 'Jan Peeters', 'address': {'city': 'Leuven', 'country': 'BE'}}"),
    be_person);
  dokus_test_add_client (
    book,
    dokus_test_js ("{'name': 'Els Wouters', 'email': 'els@wouters.example', 'address': "
                   "{'city': 'Mechelen', 'country': 'BE'}}"),
    be_mailed);
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
    book,
    dokus_test_js ("{'name': 'VZW De Ploeg', 'enterprise_number': '0412.345.614', 'address': "
                   "{'city': 'Gent', 'country': 'BE'}}"),
    be_vzw);
}

static void
teardown (void)
{
  dokus_test_book_free (&book, NULL, &dir);
  db = NULL;
}

/* Creates and issues an invoice for @client with @lines and @extra;
 * returns its number (valid for the next 15 calls). */
static const char *
invoice_issued (const char *client, const char *lines, const char *extra)
{
  static char numbers[16][DOKUS_NUMBER_TEXT];
  static unsigned next;
  char *number = numbers[next++ % 16];

  dokus_test_issue_invoice (
    book, dokus_test_js ("{'client': '%s', 'lines': [%s]%s}", client, lines, extra ? extra : ""),
    number);
  return number;
}

/* Exports @number, checks that a second export gives the same bytes and
 * that their SHA-256 is stored, validates the result against the UBL 2.1
 * schema of its kind and returns it parsed (xmlFreeDoc() it). */
static xmlDocPtr
export_valid (const char *number, bool credit_note)
{
  DokusError err = { 0 };
  char *xml = NULL, *again = NULL, *stored, xsd[4096], sql[512], hex[65];
  unsigned char hash[32];
  size_t len = 0, len2 = 0;
  long long audited;
  sqlite3_int64 changes;
  DokusStatus st;

  snprintf (sql, sizeof sql,
            "SELECT count(*) FROM audit_log WHERE action = 'export' AND entity_id = "
            "(SELECT id FROM documents WHERE number = '%s')",
            number);
  audited = dokus_test_query_int (db, sql);
  st = dokus_ubl_export (book, number, &xml, &len, &err);
  xmlSchemaParserCtxtPtr pctx;
  xmlSchemaPtr schema;
  xmlSchemaValidCtxtPtr vctx;
  xmlDocPtr doc;
  int rc;

  ck_assert_msg (st == DOKUS_OK, "export %s: %s", number, err.message);
  ck_assert_uint_eq (len, strlen (xml));
  changes = sqlite3_total_changes64 (db);
  st = dokus_ubl_export (book, number, &again, &len2, &err);
  ck_assert_msg (st == DOKUS_OK, "second export %s: %s", number, err.message);
  /* a repeat export writes nothing: the PDF is kept, the hash stored */
  ck_assert_int_eq (sqlite3_total_changes64 (db), changes);
  ck_assert_uint_eq (len, len2);
  ck_assert_msg (memcmp (xml, again, len) == 0, "two exports of %s differ", number);
  free (again);
  /* the first export is in the audit trail; the second, the same bytes, is not */
  ck_assert_int_eq (dokus_test_query_int (db, sql), audited + 1);

  /* the stored hash covers every byte but the embedded PDF's base64 */
  {
    const char *open_tag = strstr (xml, "EmbeddedDocumentBinaryObject");
    const char *start = open_tag ? strchr (open_tag, '>') + 1 : NULL;
    const char *end = start ? strchr (start, '<') : NULL;
    crypto_hash_sha256_state state;
    ck_assert_msg (end != NULL && end - start > 1000, "no embedded PDF in %s", number);
    crypto_hash_sha256_init (&state);
    crypto_hash_sha256_update (&state, (const unsigned char *) xml, (size_t) (start - xml));
    crypto_hash_sha256_update (&state, (const unsigned char *) end, len - (size_t) (end - xml));
    crypto_hash_sha256_final (&state, hash);
  }
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  snprintf (sql, sizeof sql,
            "SELECT sha256 FROM document_exports WHERE format = 'ubl' AND writer_version = 2 "
            "AND document_id = (SELECT id FROM documents WHERE number = '%s')",
            number);
  stored = dokus_test_query_text (db, sql);
  ck_assert_str_eq (stored, hex);
  free (stored);
  /* the audit entry names the bytes handed out and the stored hash */
  crypto_hash_sha256 (hash, (const unsigned char *) xml, len);
  {
    char full[65], want[256];
    sodium_bin2hex (full, sizeof full, hash, sizeof hash);
    snprintf (want, sizeof want,
              "{\"format\":\"ubl\",\"writer_version\":2,\"sha256\":\"%s\","
              "\"content_sha256\":\"%s\"}",
              full, hex);
    stored = dokus_test_query_text (db, "SELECT after_json FROM audit_log WHERE action = "
                                        "'export' ORDER BY seq DESC LIMIT 1");
    ck_assert_str_eq (stored, want);
    free (stored);
  }

  snprintf (xsd, sizeof xsd, "%s/../shared/peppol/xsd/maindoc/%s", dokus_test_source_root (),
            credit_note ? "UBL-CreditNote-2.1.xsd" : "UBL-Invoice-2.1.xsd");
  ck_assert_msg (access (xsd, R_OK) == 0, "../shared/peppol is missing: no %s", xsd);
  pctx = xmlSchemaNewParserCtxt (xsd);
  ck_assert (pctx != NULL);
  schema = xmlSchemaParse (pctx);
  xmlSchemaFreeParserCtxt (pctx);
  ck_assert_msg (schema != NULL, "cannot parse %s", xsd);
  doc = xmlReadMemory (xml, (int) len, "ubl.xml", NULL, XML_PARSE_NONET);
  ck_assert_msg (doc != NULL, "not XML:\n%s", xml);
  vctx = xmlSchemaNewValidCtxt (schema);
  rc = xmlSchemaValidateDoc (vctx, doc);
  ck_assert_msg (rc == 0, "%s is not valid UBL 2.1 (%d):\n%s", number, rc, xml);
  xmlSchemaFreeValidCtxt (vctx);
  xmlSchemaFree (schema);
  free (xml);
  return doc;
}

/* The string value of @expr (prefixes inv, cn, cac, cbc) in @doc.
 * (transfer none), valid for the next 15 calls */
static const char *
xp (xmlDocPtr doc, const char *expr)
{
  static char ring[16][1024];
  static unsigned next;
  char *buf = ring[next++ % 16], wrapped[1024];
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathObjectPtr r;

  ctx->node = (xmlNodePtr) doc;
  xmlXPathRegisterNs (ctx, BAD_CAST "inv",
                      BAD_CAST "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2");
  xmlXPathRegisterNs (ctx, BAD_CAST "cn",
                      BAD_CAST "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2");
  xmlXPathRegisterNs (
    ctx, BAD_CAST "cac",
    BAD_CAST "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2");
  xmlXPathRegisterNs (
    ctx, BAD_CAST "cbc",
    BAD_CAST "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2");
  snprintf (wrapped, sizeof wrapped, "string(%s)", expr);
  r = xmlXPathEval (BAD_CAST wrapped, ctx);
  ck_assert_msg (r != NULL && r->type == XPATH_STRING, "bad XPath %s", expr);
  snprintf (buf, sizeof ring[0], "%s", (const char *) r->stringval);
  xmlXPathFreeObject (r);
  xmlXPathFreeContext (ctx);
  return buf;
}

/* The PDF embedded in @doc (@root "inv:Invoice" or "cn:CreditNote"):
 * named after @number, described as "@title @number", and the very bytes
 * dokus_pdf_export gives in the document's language. */
static void
check_embedded_pdf (xmlDocPtr doc, const char *root, const char *number, const char *title)
{
  char path[256], want[128];
  const char *b64;
  unsigned char *bin, *pdf = NULL;
  size_t bin_len = 0, pdf_len = 0, b64_len;
  DokusError err = { 0 };

  snprintf (path, sizeof path, "%s/cac:AdditionalDocumentReference/cbc:ID", root);
  ck_assert_str_eq (xp (doc, path), number);
  snprintf (path, sizeof path, "%s/cac:AdditionalDocumentReference/cbc:DocumentDescription", root);
  snprintf (want, sizeof want, "%s %s", title, number);
  ck_assert_str_eq (xp (doc, path), want);
  snprintf (path, sizeof path,
            "%s/cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject/"
            "@mimeCode",
            root);
  ck_assert_str_eq (xp (doc, path), "application/pdf");
  snprintf (path, sizeof path,
            "%s/cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject/"
            "@filename",
            root);
  snprintf (want, sizeof want, "%s.pdf", number);
  ck_assert_str_eq (xp (doc, path), want);

  /* the base64 text itself: xp() is too short for it */
  {
    xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
    xmlXPathObjectPtr r;
    xmlXPathRegisterNs (ctx, BAD_CAST "cac",
                        BAD_CAST "urn:oasis:names:specification:ubl:schema:xsd:"
                                 "CommonAggregateComponents-2");
    xmlXPathRegisterNs (ctx, BAD_CAST "cbc",
                        BAD_CAST "urn:oasis:names:specification:ubl:schema:xsd:"
                                 "CommonBasicComponents-2");
    r = xmlXPathEval (BAD_CAST "string(//cac:AdditionalDocumentReference/cac:Attachment/"
                               "cbc:EmbeddedDocumentBinaryObject)",
                      ctx);
    ck_assert (r != NULL && r->type == XPATH_STRING);
    b64 = (const char *) r->stringval;
    b64_len = strlen (b64);
    bin = malloc (b64_len);
    ck_assert_int_eq (sodium_base642bin (bin, b64_len, b64, b64_len, NULL, &bin_len, NULL,
                                         sodium_base64_VARIANT_ORIGINAL),
                      0);
    xmlXPathFreeObject (r);
    xmlXPathFreeContext (ctx);
  }
  ck_assert_int_eq (memcmp (bin, "%PDF-", 5), 0);
  ck_assert_int_eq (dokus_pdf_export (book, number, NULL, &pdf, &pdf_len, &err), DOKUS_OK);
  ck_assert_uint_eq (bin_len, pdf_len);
  ck_assert_msg (memcmp (bin, pdf, pdf_len) == 0, "the embedded PDF of %s is not its PDF", number);
  free (pdf);
  free (bin);
}

#define PAYABLE "inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount"
#define SUBTOTAL "inv:Invoice/cac:TaxTotal/cac:TaxSubtotal"
#define CUSTOMER "inv:Invoice/cac:AccountingCustomerParty/cac:Party"
#define SUPPLIER "inv:Invoice/cac:AccountingSupplierParty/cac:Party"

START_TEST (test_ubl_standard_invoice_with_discount)
{
  /* line 1: 2 h × 50.00 = 100.00 − 10 % = 90.00; line 2: 1 × 10.00;
   * net 100.00, VAT 21 % 21.00, payable 121.00 */
  const char *number = invoice_issued (
    be_co,
    "{'description': 'Webdesign <homepage> & logo', 'quantity': '2', 'unit': 'HUR', "
    "'unit_price': '50.00', 'discount_percent': '10', 'vat_rate': '21'}, "
    "{'description': 'Hosting', 'quantity': '1', 'unit_price': '10.00', 'vat_rate': '21'}",
    ", 'order_reference': 'PO-77'");
  xmlDocPtr doc = export_valid (number, false);

  ck_assert_str_eq (xp (doc, "inv:Invoice/cbc:CustomizationID"),
                    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cbc:ID"), number);
  ck_assert_str_eq (xp (doc, "inv:Invoice/cbc:IssueDate"), "2026-03-02");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cbc:DueDate"), "2026-04-01"); /* 30 days */
  ck_assert_str_eq (xp (doc, "inv:Invoice/cbc:InvoiceTypeCode"), "380");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cbc:BuyerReference"), "PO-77");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:OrderReference/cbc:ID"), "PO-77");
  ck_assert_str_eq (xp (doc, PAYABLE), "121.00");
  ck_assert_str_eq (xp (doc, PAYABLE "/@currencyID"), "EUR");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:TaxTotal/cbc:TaxAmount"), "21.00");
  ck_assert_str_eq (xp (doc, SUBTOTAL "/cac:TaxCategory/cbc:ID"), "S");
  ck_assert_str_eq (xp (doc, SUBTOTAL "/cac:TaxCategory/cbc:Percent"), "21");
  ck_assert_str_eq (xp (doc, SUPPLIER "/cbc:EndpointID"), "0203201340");
  ck_assert_str_eq (xp (doc, SUPPLIER "/cbc:EndpointID/@schemeID"), "0208");
  ck_assert_str_eq (xp (doc, SUPPLIER "/cac:PartyTaxScheme/cbc:CompanyID"), "BE0203201340");
  ck_assert_str_eq (xp (doc, CUSTOMER "/cac:PartyLegalEntity/cbc:RegistrationName"),
                    "Atelier Lumière & Zonen SRL");
  ck_assert_str_eq (xp (doc, CUSTOMER "/cac:Contact/cbc:ElectronicMail"),
                    "boekhouding@lumiere.be");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:PaymentMeans/cbc:PaymentMeansCode"), "30");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID"),
                    "BE68539007547034");
  ck_assert (strncmp (xp (doc, "inv:Invoice/cac:PaymentMeans/cbc:PaymentID"), "+++", 3) == 0);
  /* the discounted line: 100.00 − 10.00 */
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:InvoiceLine[1]/cbc:InvoicedQuantity/@unitCode"),
                    "HUR");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:InvoiceLine[1]/cbc:LineExtensionAmount"), "90.00");
  ck_assert_str_eq (
    xp (doc, "inv:Invoice/cac:InvoiceLine[1]/cac:AllowanceCharge/cbc:ChargeIndicator"), "false");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:InvoiceLine[1]/cac:AllowanceCharge/cbc:Amount"),
                    "10.00");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:InvoiceLine[1]/cac:Item/cbc:Name"),
                    "Webdesign <homepage> & logo");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:InvoiceLine[1]/cac:Price/cbc:PriceAmount"), "50");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount"), "10.00");
  ck_assert_str_eq (xp (doc, "count(inv:Invoice/cac:InvoiceLine)"), "2");
  check_embedded_pdf (doc, "inv:Invoice", number, "Factuur");
  xmlFreeDoc (doc);
}
END_TEST

START_TEST (test_ubl_mixed_rates_in_the_totals_order)
{
  /* 1 × 200.00 at 6 % = 200.00, VAT 12.00; 2 × 100.00 at 21 % = 200.00,
   * VAT 42.00; 1 × 10.00 zero rated (Z); 1 × 50.00 exempt (E, art. 44).
   * Net 460.00, VAT 54.00, payable 514.00. The book keeps the breakdown
   * in its key's order (E, S "21", S "6", Z); the UBL lists it as the
   * totals do: S 21, S 6, Z, E. The E mention follows the note. */
  const char *number = invoice_issued (
    be_co,
    "{'description': 'Opleiding', 'quantity': '1', 'unit_price': '200.00', 'vat_rate': '6'}, "
    "{'description': 'Advies', 'quantity': '2', 'unit_price': '100.00', 'vat_rate': '21'}, "
    "{'description': 'Krant', 'quantity': '1', 'unit_price': '10.00', 'vat_category': 'Z', "
    "'vat_rate': '0'}, "
    "{'description': 'Zorg', 'quantity': '1', 'unit_price': '50.00', 'vat_category': 'E', "
    "'exemption_reason': 'VATEX-EU-132-1C'}",
    ", 'note': 'Bedankt'");
  xmlDocPtr doc = export_valid (number, false);

  ck_assert_str_eq (xp (doc, "count(" SUBTOTAL ")"), "4");
  ck_assert_str_eq (xp (doc, SUBTOTAL "[1]/cac:TaxCategory/cbc:ID"), "S");
  ck_assert_str_eq (xp (doc, SUBTOTAL "[1]/cac:TaxCategory/cbc:Percent"), "21");
  ck_assert_str_eq (xp (doc, SUBTOTAL "[1]/cbc:TaxableAmount"), "200.00");
  ck_assert_str_eq (xp (doc, SUBTOTAL "[1]/cbc:TaxAmount"), "42.00");
  ck_assert_str_eq (xp (doc, SUBTOTAL "[2]/cac:TaxCategory/cbc:ID"), "S");
  ck_assert_str_eq (xp (doc, SUBTOTAL "[2]/cac:TaxCategory/cbc:Percent"), "6");
  ck_assert_str_eq (xp (doc, SUBTOTAL "[2]/cbc:TaxableAmount"), "200.00");
  ck_assert_str_eq (xp (doc, SUBTOTAL "[2]/cbc:TaxAmount"), "12.00");
  ck_assert_str_eq (xp (doc, SUBTOTAL "[3]/cac:TaxCategory/cbc:ID"), "Z");
  ck_assert_str_eq (xp (doc, SUBTOTAL "[3]/cbc:TaxableAmount"), "10.00");
  ck_assert_str_eq (xp (doc, SUBTOTAL "[3]/cbc:TaxAmount"), "0.00");
  ck_assert_str_eq (xp (doc, "count(" SUBTOTAL "[3]/cac:TaxCategory/cbc:TaxExemptionReason)"),
                    "0");
  ck_assert_str_eq (xp (doc, SUBTOTAL "[4]/cac:TaxCategory/cbc:ID"), "E");
  ck_assert_str_eq (xp (doc, SUBTOTAL "[4]/cbc:TaxableAmount"), "50.00");
  ck_assert_str_eq (xp (doc, SUBTOTAL "[4]/cac:TaxCategory/cbc:TaxExemptionReasonCode"),
                    "VATEX-EU-132-1C");
  ck_assert_str_eq (xp (doc, SUBTOTAL "[4]/cac:TaxCategory/cbc:TaxExemptionReason"),
                    "Vrijgesteld van btw (art. 44 WBTW)");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cbc:Note"),
                    "Bedankt\nVrijgesteld van btw (art. 44 WBTW)");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:TaxTotal/cbc:TaxAmount"), "54.00");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:LegalMonetaryTotal/cbc:LineExtensionAmount"),
                    "460.00");
  ck_assert_str_eq (xp (doc, PAYABLE), "514.00");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:InvoiceLine[4]/cbc:ID"), "4");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:InvoiceLine[4]/cac:Item/cac:ClassifiedTaxCategory/"
                             "cbc:ID"),
                    "E");
  xmlFreeDoc (doc);
}
END_TEST

START_TEST (test_ubl_reverse_charge_to_dutch_client)
{
  /* AE: 1 × 500.00, no VAT; a description of 13 + 100 characters (213
   * bytes: é is two) gives a name of its first 100 characters */
  char desc[256] = "Consultancy: ", name[256] = "Consultancy: ";
  const char *number;
  xmlDocPtr doc;

  for (int i = 0; i < 100; i++)
    strcat (desc, "\xc3\xa9");
  for (int i = 0; i < 87; i++)
    strcat (name, "\xc3\xa9");
  number = invoice_issued (
    nl_co,
    dokus_test_js ("{'description': '%s', 'quantity': '1', 'unit_price': '500.00', "
                   "'vat_category': 'AE'}",
                   desc),
    NULL);
  doc = export_valid (number, false);
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:InvoiceLine/cac:Item/cbc:Name"), name);
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:InvoiceLine/cac:Item/cbc:Description"), desc);

  ck_assert_str_eq (xp (doc, PAYABLE), "500.00");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:TaxTotal/cbc:TaxAmount"), "0.00");
  ck_assert_str_eq (xp (doc, SUBTOTAL "/cac:TaxCategory/cbc:ID"), "AE");
  ck_assert_str_eq (xp (doc, SUBTOTAL "/cac:TaxCategory/cbc:Percent"), "0");
  ck_assert_str_eq (xp (doc, SUBTOTAL "/cac:TaxCategory/cbc:TaxExemptionReasonCode"),
                    "VATEX-EU-AE");
  ck_assert (xp (doc, SUBTOTAL "/cac:TaxCategory/cbc:TaxExemptionReason")[0] != '\0');
  ck_assert_str_eq (xp (doc, CUSTOMER "/cbc:EndpointID/@schemeID"), "9944");
  ck_assert_str_eq (xp (doc, CUSTOMER "/cbc:EndpointID"), "NL004495445B01");
  ck_assert_str_eq (xp (doc, CUSTOMER "/cac:PartyTaxScheme/cbc:CompanyID"), "NL004495445B01");
  ck_assert_str_eq (xp (doc, CUSTOMER "/cac:PostalAddress/cac:Country/cbc:IdentificationCode"),
                    "NL");
  /* without references, the number is the buyer reference (PEPPOL-EN16931-R003) */
  ck_assert_str_eq (xp (doc, "inv:Invoice/cbc:BuyerReference"), number);
  xmlFreeDoc (doc);
}
END_TEST

START_TEST (test_ubl_intra_community_goods_with_delivery)
{
  /* K: 3 × 200.00 = 600.00 */
  const char *number = invoice_issued (
    fr_co, "{'description': 'Lampen', 'quantity': '3', 'unit_price': '200', 'vat_category': 'K'}",
    ", 'delivery': {'date': '2026-03-01', 'country': 'FR'}");
  xmlDocPtr doc = export_valid (number, false);

  ck_assert_str_eq (xp (doc, PAYABLE), "600.00");
  ck_assert_str_eq (xp (doc, SUBTOTAL "/cac:TaxCategory/cbc:ID"), "K");
  ck_assert_str_eq (xp (doc, SUBTOTAL "/cac:TaxCategory/cbc:TaxExemptionReasonCode"),
                    "VATEX-EU-IC");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:Delivery/cbc:ActualDeliveryDate"), "2026-03-01");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cac:Delivery/cac:DeliveryLocation/cac:Address/"
                             "cac:Country/cbc:IdentificationCode"),
                    "FR");
  ck_assert_str_eq (xp (doc, CUSTOMER "/cbc:EndpointID/@schemeID"), "9957");
  xmlFreeDoc (doc);
}
END_TEST

START_TEST (test_ubl_credit_note)
{
  /* the whole of 1 × 100.00 at 21 %: 121.00, positive */
  const char *number = invoice_issued (
    be_co, "{'description': 'Consultancy', 'quantity': '1', 'unit_price': '100.00', "
           "'vat_rate': '21'}",
    NULL);
  char id[DOKUS_ID_TEXT];
  DokusIssueResult res;
  DokusError err = { 0 };
  xmlDocPtr doc;

  ck_assert_int_eq (dokus_invoice_credit (book, number, NULL, id, &err), DOKUS_OK);
  ck_assert_int_eq (dokus_document_issue (book, id, &res, &err), DOKUS_OK);
  doc = export_valid (res.number, true);
  ck_assert_str_eq (xp (doc, "cn:CreditNote/cbc:ID"), res.number);
  ck_assert_str_eq (xp (doc, "cn:CreditNote/cbc:CreditNoteTypeCode"), "381");
  ck_assert_str_eq (xp (doc, "cn:CreditNote/cac:BillingReference/cac:InvoiceDocumentReference/"
                             "cbc:ID"),
                    number);
  ck_assert_str_eq (xp (doc, "cn:CreditNote/cac:LegalMonetaryTotal/cbc:PayableAmount"), "121.00");
  ck_assert_str_eq (xp (doc, "cn:CreditNote/cac:CreditNoteLine/cbc:CreditedQuantity"), "1");
  ck_assert_str_eq (xp (doc, "cn:CreditNote/cac:CreditNoteLine/cbc:LineExtensionAmount"),
                    "100.00");
  ck_assert_str_eq (xp (doc, "count(cn:CreditNote/cbc:DueDate)"), "0");
  /* a set-off or refund (UNCL4461 97), not a transfer to the seller's account */
  ck_assert_str_eq (xp (doc, "cn:CreditNote/cac:PaymentMeans/cbc:PaymentMeansCode"), "97");
  ck_assert_str_eq (xp (doc, "cn:CreditNote/cac:PaymentMeans/cbc:PaymentID"), res.number);
  ck_assert_str_eq (xp (doc, "count(cn:CreditNote/cac:PaymentMeans/cac:PayeeFinancialAccount)"),
                    "0");
  ck_assert_str_eq (xp (doc, "cn:CreditNote/cac:PaymentTerms/cbc:Note"),
                    dokus_test_js ("Set off against invoice %s or refunded", number));
  check_embedded_pdf (doc, "cn:CreditNote", res.number, "Creditnota");
  xmlFreeDoc (doc);
}
END_TEST

START_TEST (test_ubl_franchise_invoice_to_a_non_profit)
{
  const char *number;
  xmlDocPtr doc;

  set_profile (", 'vat_regime': 'franchise'");
  /* E (art. 56bis): 2 × 40.00 = 80.00, no VAT */
  number = invoice_issued (
    be_vzw, "{'description': 'Fotoshoot', 'quantity': '2', 'unit_price': '40.00'}", NULL);
  doc = export_valid (number, false);
  ck_assert_str_eq (xp (doc, PAYABLE), "80.00");
  ck_assert_str_eq (xp (doc, SUBTOTAL "/cac:TaxCategory/cbc:ID"), "E");
  /* no VATEX code for art. 56bis: the mention is the reason (BR-E-10) */
  ck_assert_str_eq (xp (doc, SUBTOTAL "/cac:TaxCategory/cbc:TaxExemptionReason"),
                    "Bijzondere vrijstellingsregeling kleine ondernemingen");
  ck_assert_str_eq (xp (doc, "inv:Invoice/cbc:Note"),
                    "Bijzondere vrijstellingsregeling kleine ondernemingen");
  /* no VAT number, so no PartyTaxScheme */
  ck_assert_str_eq (xp (doc, "count(" CUSTOMER "/cac:PartyTaxScheme)"), "0");
  ck_assert_str_eq (xp (doc, CUSTOMER "/cac:PartyLegalEntity/cbc:RegistrationName"),
                    "VZW De Ploeg");
  /* no Peppol id or VAT number: the enterprise number (0208) */
  ck_assert_str_eq (xp (doc, CUSTOMER "/cbc:EndpointID/@schemeID"), "0208");
  ck_assert_str_eq (xp (doc, CUSTOMER "/cbc:EndpointID"), "0412345614");
  xmlFreeDoc (doc);
}
END_TEST

/* Exporting @number is refused with @code on @field; nothing is handed
 * out, stored, drawn into the book or audited. */
static void
export_refused (const char *number, DokusStatus code, const char *field, DokusError *err)
{
  char *xml = NULL;

  ck_assert_int_eq (dokus_ubl_export (book, number, &xml, NULL, err), code);
  ck_assert_str_eq (err->field, field);
  ck_assert_ptr_null (xml);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM document_exports"), 0);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM document_renderings"), 0);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM audit_log WHERE action = "
                                              "'export'"),
                    0);
}

START_TEST (test_ubl_refuses_a_buyer_without_an_address)
{
  DokusError err = { 0 };
  const char *number = invoice_issued (
    be_person, "{'description': 'Portret', 'quantity': '1', 'unit_price': '90', 'vat_rate': '21'}",
    NULL);

  export_refused (number, DOKUS_ERR_REFUSED, "buyer.peppol_id", &err);
  ck_assert_msg (strstr (err.message, "Jan Peeters") != NULL, "%s", err.message);
  /* an e-mail address is no Peppol address (BIS 3.0.21 took "EM" off the
   * list of PEPPOL-EN16931-CL008) */
  number = invoice_issued (
    be_mailed, "{'description': 'Portret', 'quantity': '1', 'unit_price': '90', 'vat_rate': '21'}",
    NULL);
  export_refused (number, DOKUS_ERR_REFUSED, "buyer.peppol_id", &err);
  ck_assert_msg (strstr (err.message, "Els Wouters") != NULL, "%s", err.message);
}
END_TEST

START_TEST (test_ubl_refuses_what_peppol_refuses)
{
  /* Peppol takes only the schemes of its list (PEPPOL-EN16931-CL008), and
   * 1234 is none of them; the ledger now refuses such an id on input, but a
   * book written before may hold one (set here directly in the table) */
  char client[DOKUS_ID_TEXT];
  DokusError err = { 0 };
  const char *number;

  dokus_test_add_client (book,
                         dokus_test_js ("{'name': 'Odd Access Point NV', 'address': "
                                        "{'city': 'Gent', 'country': 'BE'}}"),
                         client);
  dokus_test_exec (
    db, dokus_test_js ("UPDATE clients SET peppol_id = '1234:odd' WHERE id = '%s'", client));
  number = invoice_issued (
    client, "{'description': 'Advies', 'quantity': '1', 'unit_price': '90', 'vat_rate': '21'}",
    NULL);
  export_refused (number, DOKUS_ERR_REFUSED, "ubl", &err);
  /* the first fatal rule and where (its message is the validator's) */
  ck_assert_msg (
    strncmp (err.message,
             dokus_test_js ("%s fails Peppol validation: PEPPOL-EN16931-CL008 at /Invoice/"
                            "cac:AccountingCustomerParty/cac:Party/cbc:EndpointID: ",
                            number),
             strlen (number) + 113)
      == 0,
    "%s", err.message);
}
END_TEST

START_TEST (test_ubl_seller_legal_form_and_register)
{
  const char *number;
  xmlDocPtr doc;

  set_profile (", 'legal_form': 'BV', 'register': 'RPR Gent, afdeling Gent'");
  number = invoice_issued (
    be_co, "{'description': 'Advies', 'quantity': '1', 'unit_price': '90', 'vat_rate': '21'}",
    NULL);
  doc = export_valid (number, false);
  /* BT-33, after the legal entity's CompanyID in UBL's order (XSD-checked above) */
  ck_assert_str_eq (xp (doc, SUPPLIER "/cac:PartyLegalEntity/cbc:CompanyLegalForm"),
                    "BV, RPR Gent, afdeling Gent");
  ck_assert_str_eq (xp (doc, "count(" CUSTOMER "/cac:PartyLegalEntity/cbc:CompanyLegalForm)"), "0");
  xmlFreeDoc (doc);
  /* a register alone; and the profile refuses one that names no register */
  set_profile (", 'register': 'RPM Liège'");
  number = invoice_issued (
    be_co, "{'description': 'Advies', 'quantity': '1', 'unit_price': '90', 'vat_rate': '21'}",
    NULL);
  doc = export_valid (number, false);
  ck_assert_str_eq (xp (doc, SUPPLIER "/cac:PartyLegalEntity/cbc:CompanyLegalForm"), "RPM Liège");
  xmlFreeDoc (doc);
  {
    DokusError err = { 0 };
    ck_assert_int_eq (dokus_profile_set (book,
                                         "{\"name\": \"Studio Maes\", \"enterprise_number\": "
                                         "\"0203.201.340\", \"register\": \"Gent\"}",
                                         &err),
                      DOKUS_ERR_INVALID);
    ck_assert_str_eq (err.field, "register");
  }
}
END_TEST

START_TEST (test_ubl_keeps_the_pdf_it_embeds)
{
  const char *number = invoice_issued (
    be_co, "{'description': 'Advies', 'quantity': '1', 'unit_price': '90', 'vat_rate': '21'}",
    NULL);
  char *xml = NULL, *again = NULL, sql[256];
  size_t len = 0, len2 = 0;
  DokusError err = { 0 };
  xmlDocPtr doc = export_valid (number, false);

  check_embedded_pdf (doc, "inv:Invoice", number, "Factuur");
  xmlFreeDoc (doc);
  /* drawn once, in the document's language, kept */
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM document_renderings WHERE "
                                              "format = 'pdf' AND language = 'nl' AND "
                                              "renderer_version = 1"),
                    1);
  ck_assert_int_eq (dokus_ubl_export (book, number, &xml, &len, &err), DOKUS_OK);
  /* a cache: without it the PDF is drawn again, the same bytes, and kept
   * again; no audit entry, the bytes are those of the first export */
  dokus_test_exec (db, "DELETE FROM document_renderings");
  snprintf (sql, sizeof sql, "SELECT count(*) FROM audit_log WHERE action = 'export'");
  ck_assert_int_eq (dokus_test_query_int (db, sql), 1);
  ck_assert_int_eq (dokus_ubl_export (book, number, &again, &len2, &err), DOKUS_OK);
  ck_assert_uint_eq (len, len2);
  ck_assert_int_eq (memcmp (xml, again, len), 0);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM document_renderings"), 1);
  ck_assert_int_eq (dokus_test_query_int (db, sql), 1);
  ck_assert_int_ne (sqlite3_exec (db, "UPDATE document_renderings SET pages = 2", NULL, NULL,
                                  NULL),
                    SQLITE_OK);
  free (xml);
  free (again);
}
END_TEST

/* The statements of an export are kept per open book (dokus-stmt-cache.c):
 * one export must not see another's bindings, and a schema change between
 * two exports must not break the kept statements (SQLite prepares them
 * again). */
START_TEST (test_ubl_exports_alternately_and_after_a_schema_change)
{
  const char *a = invoice_issued (
    be_co, "{'description': 'Advies', 'quantity': '1', 'unit_price': '90', 'vat_rate': '21'}",
    NULL);
  const char *b = invoice_issued (
    nl_co, "{'description': 'Design', 'quantity': '2', 'unit_price': '40', 'vat_category': 'AE'}",
    NULL);
  char *xml_a = NULL, *xml_b = NULL, *again = NULL;
  size_t len_a = 0, len_b = 0, len = 0;
  DokusError err = { 0 };

  ck_assert_int_eq (dokus_ubl_export (book, a, &xml_a, &len_a, &err), DOKUS_OK);
  ck_assert_int_eq (dokus_ubl_export (book, b, &xml_b, &len_b, &err), DOKUS_OK);
  /* each has its own number and client */
  ck_assert_ptr_nonnull (strstr (xml_a, a));
  ck_assert_ptr_nonnull (strstr (xml_a, "Atelier Lumière &amp; Zonen SRL"));
  ck_assert_ptr_null (strstr (xml_a, "Kanaalkade"));
  ck_assert_ptr_nonnull (strstr (xml_b, b));
  ck_assert_ptr_nonnull (strstr (xml_b, "Kanaalkade Media BV"));
  ck_assert_ptr_null (strstr (xml_b, "Atelier"));
  ck_assert_int_eq (dokus_ubl_export (book, a, &again, &len, &err), DOKUS_OK);
  ck_assert_uint_eq (len, len_a);
  ck_assert_int_eq (memcmp (again, xml_a, len), 0);
  free (again);
  again = NULL;
  dokus_test_exec (db, "CREATE TABLE scratch (x)");
  ck_assert_msg (dokus_ubl_export (book, b, &again, &len, &err) == DOKUS_OK, "%s", err.message);
  ck_assert_uint_eq (len, len_b);
  ck_assert_int_eq (memcmp (again, xml_b, len), 0);
  free (again);
  free (xml_a);
  free (xml_b);
}
END_TEST

START_TEST (test_ubl_refuses_drafts_and_changed_output)
{
  char id[DOKUS_ID_TEXT], *xml = NULL, sql[256];
  const char *number;
  DokusError err = { 0 };
  DokusStatus st = dokus_invoice_create (
    book,
    dokus_test_js ("{'client': '%s', 'lines': [{'description': 'x', 'quantity': '1', "
                   "'unit_price': '1', 'vat_rate': '21'}]}",
                   be_co),
    id, &err);

  ck_assert_int_eq (st, DOKUS_OK);
  st = dokus_ubl_export (book, id, &xml, NULL, &err);
  ck_assert_int_eq (st, DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.message, "a draft has no number: issue it first");
  ck_assert_ptr_null (xml);
  ck_assert_int_eq (dokus_ubl_export (book, "2099-9999", &xml, NULL, &err), DOKUS_ERR_NOT_FOUND);

  /* a hash stored by this writer version that no longer matches is
   * corruption; it can be stored only once */
  number = invoice_issued (be_co, "{'description': 'y', 'quantity': '1', 'unit_price': '1', "
                                  "'vat_rate': '21'}",
                           NULL);
  snprintf (sql, sizeof sql,
            "INSERT INTO document_exports VALUES ((SELECT id FROM documents WHERE number = "
            "'%s'), 'ubl', 2, '%064d')",
            number, 0);
  dokus_test_exec (db, sql);
  st = dokus_ubl_export (book, number, &xml, NULL, &err);
  ck_assert_int_eq (st, DOKUS_ERR_CORRUPT);
  ck_assert_str_eq (err.field, "ubl_sha256");
  ck_assert_ptr_null (xml);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM audit_log WHERE action = "
                                              "'export'"),
                    0);
  ck_assert_int_ne (sqlite3_exec (db, "UPDATE document_exports SET sha256 = 'x'", NULL, NULL,
                                  NULL),
                    SQLITE_OK);
  ck_assert_int_ne (sqlite3_exec (db, "DELETE FROM document_exports", NULL, NULL, NULL),
                    SQLITE_OK);

  /* a hash stored by writer 1 (documents.ubl_sha256, before the PDF was
   * embedded) is another writer's: kept, not compared */
  number = invoice_issued (be_co, "{'description': 'z', 'quantity': '1', 'unit_price': '1', "
                                  "'vat_rate': '21'}",
                           NULL);
  snprintf (sql, sizeof sql, "UPDATE documents SET ubl_sha256 = '%064d' WHERE number = '%s'", 1,
            number);
  dokus_test_exec (db, sql);
  st = dokus_ubl_export (book, number, &xml, NULL, &err);
  ck_assert_msg (st == DOKUS_OK, "%s", err.message);
  free (xml);
  snprintf (sql, sizeof sql, "SELECT ubl_sha256 FROM documents WHERE number = '%s'", number);
  {
    char *old = dokus_test_query_text (db, sql);
    ck_assert_str_eq (old, "0000000000000000000000000000000000000000000000000000000000000001");
    free (old);
  }
}
END_TEST

static Suite *
ubl_suite (void)
{
  Suite *s = suite_create ("ubl");
  TCase *tc = tcase_create ("writer");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_ubl_standard_invoice_with_discount);
  tcase_add_test (tc, test_ubl_mixed_rates_in_the_totals_order);
  tcase_add_test (tc, test_ubl_reverse_charge_to_dutch_client);
  tcase_add_test (tc, test_ubl_intra_community_goods_with_delivery);
  tcase_add_test (tc, test_ubl_credit_note);
  tcase_add_test (tc, test_ubl_franchise_invoice_to_a_non_profit);
  tcase_add_test (tc, test_ubl_refuses_a_buyer_without_an_address);
  tcase_add_test (tc, test_ubl_refuses_what_peppol_refuses);
  tcase_add_test (tc, test_ubl_seller_legal_form_and_register);
  tcase_add_test (tc, test_ubl_keeps_the_pdf_it_embeds);
  tcase_add_test (tc, test_ubl_refuses_drafts_and_changed_output);
  tcase_add_test (tc, test_ubl_exports_alternately_and_after_a_schema_change);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  int rc;

  xmlInitParser ();
  rc = dokus_test_run_suite (ubl_suite ());
  xmlCleanupParser ();
  return rc;
}

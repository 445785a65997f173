/* check-validate-families.c
 *
 * Suite "validate": focused cases for the Peppol (PEPPOL-EN16931-*,
 * PEPPOL-COMMON-*), national, UBL-SR/UBL-DT and code-list (BR-CL-*) rule
 * families of the native validator. One hand-written Belgian invoice that
 * passes every rule, then one mutation per rule: the mutated document must
 * report that rule id with its flag, and the untouched one must not. Code
 * lists are probed at their edges and with values that changed in Peppol
 * 3.0.21 / EN 16931 1.3.16. Check digits are worked out by hand in the
 * comments.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-test-helpers.h"

/* Seller enterprise number 0477.472.701: 04774727 mod 97 = 96, 97 - 96 = 01.
 * Buyer 1234.567.894: 12345678 mod 97 = 3, 97 - 3 = 94.
 * One line: 2 x 50.00 = 100.00; VAT 21 % of 100.00 = 21.00; total 121.00. */
static const char base_invoice[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"\n"
  " xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\"\n"
  " xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n"
  "<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>\n"
  "<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>\n"
  "<cbc:ID>2026-0042</cbc:ID>\n"
  "<cbc:IssueDate>2026-11-25</cbc:IssueDate>\n"
  "<cbc:DueDate>2026-12-25</cbc:DueDate>\n"
  "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>\n"
  "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>\n"
  "<cbc:BuyerReference>PO-7</cbc:BuyerReference>\n"
  "<cac:AccountingSupplierParty><cac:Party>\n"
  "<cbc:EndpointID schemeID=\"0208\">0477472701</cbc:EndpointID>\n"
  "<cac:PostalAddress><cbc:StreetName>Rue Haute 1</cbc:StreetName><cbc:CityName>Bruxelles</cbc:CityName>"
  "<cbc:PostalZone>1000</cbc:PostalZone><cac:Country><cbc:IdentificationCode>BE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>\n"
  "<cac:PartyTaxScheme><cbc:CompanyID>BE0477472701</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>\n"
  "<cac:PartyLegalEntity><cbc:RegistrationName>Dokus Freelance</cbc:RegistrationName>"
  "<cbc:CompanyID schemeID=\"0208\">0477472701</cbc:CompanyID></cac:PartyLegalEntity>\n"
  "</cac:Party></cac:AccountingSupplierParty>\n"
  "<cac:AccountingCustomerParty><cac:Party>\n"
  "<cbc:EndpointID schemeID=\"0208\">1234567894</cbc:EndpointID>\n"
  "<cac:PostalAddress><cbc:StreetName>Meir 2</cbc:StreetName><cbc:CityName>Antwerpen</cbc:CityName>"
  "<cbc:PostalZone>2000</cbc:PostalZone><cac:Country><cbc:IdentificationCode>BE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>\n"
  "<cac:PartyTaxScheme><cbc:CompanyID>BE1234567894</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>\n"
  "<cac:PartyLegalEntity><cbc:RegistrationName>Klant NV</cbc:RegistrationName></cac:PartyLegalEntity>\n"
  "</cac:Party></cac:AccountingCustomerParty>\n"
  "<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>"
  "<cac:PayeeFinancialAccount><cbc:ID>BE71096123456769</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>\n"
  "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">21.00</cbc:TaxAmount>\n"
  "<cac:TaxSubtotal><cbc:TaxableAmount currencyID=\"EUR\">100.00</cbc:TaxableAmount>"
  "<cbc:TaxAmount currencyID=\"EUR\">21.00</cbc:TaxAmount>"
  "<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>"
  "</cac:TaxSubtotal></cac:TaxTotal>\n"
  "<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID=\"EUR\">100.00</cbc:LineExtensionAmount>"
  "<cbc:TaxExclusiveAmount currencyID=\"EUR\">100.00</cbc:TaxExclusiveAmount>"
  "<cbc:TaxInclusiveAmount currencyID=\"EUR\">121.00</cbc:TaxInclusiveAmount>"
  "<cbc:PayableAmount currencyID=\"EUR\">121.00</cbc:PayableAmount></cac:LegalMonetaryTotal>\n"
  "<cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode=\"HUR\">2</cbc:InvoicedQuantity>"
  "<cbc:LineExtensionAmount currencyID=\"EUR\">100.00</cbc:LineExtensionAmount>"
  "<cac:Item><cbc:Name>Consulting</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent>"
  "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>"
  "<cac:Price><cbc:PriceAmount currencyID=\"EUR\">50.00</cbc:PriceAmount></cac:Price></cac:InvoiceLine>\n"
  "</Invoice>\n";

static DokusUblReport *
validate (const char *xml)
{
  DokusUblReport *report = NULL;
  DokusError err = { 0 };
  DokusStatus st = dokus_ubl_validate (xml, strlen (xml), &report, &err);
  ck_assert_msg (st == DOKUS_OK, "validation did not run: %s", err.message);
  return report;
}

/* how often @rule fired with @flag */
static size_t
count_rule (const DokusUblReport *report, const char *rule, const char *flag)
{
  size_t n = 0;
  for (size_t i = 0; i < dokus_ubl_report_count (report); i++)
    if (strcmp (dokus_ubl_report_rule (report, i), rule) == 0
        && strcmp (dokus_ubl_report_flag (report, i), flag) == 0)
      n++;
  return n;
}

/* base_invoice with the first @from replaced by @to (transfer full) */
static char *
mutate (const char *xml, const char *from, const char *to)
{
  const char *at = strstr (xml, from);
  ck_assert_msg (at != NULL, "mutation anchor '%s' not in the document", from);
  size_t head = (size_t) (at - xml), flen = strlen (from), tlen = strlen (to);
  char *out = malloc (strlen (xml) - flen + tlen + 1);
  ck_assert_ptr_nonnull (out);
  memcpy (out, xml, head);
  memcpy (out + head, to, tlen);
  strcpy (out + head + tlen, at + flen);
  return out;
}

/* the mutated document reports @rule as @flag; the base does not */
static void
assert_fires (const char *from, const char *to, const char *rule, const char *flag)
{
  DokusUblReport *base = validate (base_invoice);
  ck_assert_msg (count_rule (base, rule, "fatal") + count_rule (base, rule, "warning") == 0,
                 "%s fires on the base invoice", rule);
  dokus_ubl_report_free (base);

  char *xml = mutate (base_invoice, from, to);
  DokusUblReport *report = validate (xml);
  ck_assert_msg (count_rule (report, rule, flag) >= 1, "%s (%s) did not fire for '%s' -> '%s'", rule, flag,
                 from, to);
  dokus_ubl_report_free (report);
  free (xml);
}

/* the mutated document does not report @rule at all */
static void
assert_silent (const char *from, const char *to, const char *rule)
{
  char *xml = mutate (base_invoice, from, to);
  DokusUblReport *report = validate (xml);
  ck_assert_msg (count_rule (report, rule, "fatal") + count_rule (report, rule, "warning") == 0,
                 "%s fired for '%s' -> '%s'", rule, from, to);
  dokus_ubl_report_free (report);
  free (xml);
}

/* ---- the base document ---------------------------------------------------------- */

START_TEST (test_families_base_invoice_is_valid)
{
  DokusUblReport *report = validate (base_invoice);
  for (size_t i = 0; i < dokus_ubl_report_count (report); i++)
    ck_assert_msg (0, "unexpected finding %s %s at %s: %s", dokus_ubl_report_rule (report, i),
                   dokus_ubl_report_flag (report, i), dokus_ubl_report_location (report, i),
                   dokus_ubl_report_message (report, i));
  ck_assert (dokus_ubl_report_valid (report));
  dokus_ubl_report_free (report);
}
END_TEST

START_TEST (test_families_rules_are_implemented)
{
  static const char *const ids[]
      = { "PEPPOL-EN16931-R001", "PEPPOL-EN16931-R008", "PEPPOL-EN16931-R120", "PEPPOL-EN16931-CL008",
          "PEPPOL-EN16931-P0112", "PEPPOL-COMMON-R043", "PEPPOL-COMMON-R057", "BR-CL-01", "BR-CL-26",
          "UBL-SR-01", "UBL-SR-56", "UBL-DT-01", "UBL-DT-28", "DE-R-T02", "DK-R-017", "GR-R-001-7",
          "IS-R-010", "IT-R-004", "NL-R-009", "NO-R-002", "SE-R-013" };
  for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
    ck_assert_msg (dokus_ubl_validate_implements (ids[i]), "%s has no check", ids[i]);
}
END_TEST

/* ---- PEPPOL-COMMON ----------------------------------------------------------------- */

START_TEST (test_families_belgian_enterprise_number)
{
  /* 04774727 mod 97 = 96 -> check digits 01; 02 is wrong */
  assert_fires ("<cbc:EndpointID schemeID=\"0208\">0477472701", "<cbc:EndpointID schemeID=\"0208\">0477472702",
                "PEPPOL-COMMON-R043", "fatal");
  /* nine digits: the format is wrong before the check digits are looked at */
  assert_fires ("<cbc:CompanyID schemeID=\"0208\">0477472701", "<cbc:CompanyID schemeID=\"0208\">477472701",
                "PEPPOL-COMMON-R043", "fatal");
  /* 12345678 mod 97 = 3 -> 94: the buyer's number with spaces around is fine */
  assert_silent ("<cbc:EndpointID schemeID=\"0208\">1234567894", "<cbc:EndpointID schemeID=\"0208\"> 1234567894 ",
                 "PEPPOL-COMMON-R043");
}
END_TEST

START_TEST (test_families_identifier_schemes)
{
  /* GLN 579000043605x: weights 3,1,3,... from the right of the body sum to 53, check (10 - 3) = 7 */
  assert_silent ("<cac:PostalAddress><cbc:StreetName>Meir",
                 "<cac:PartyIdentification><cbc:ID schemeID=\"0088\">5790000436057</cbc:ID></cac:PartyIdentification>"
                 "<cac:PostalAddress><cbc:StreetName>Meir",
                 "PEPPOL-COMMON-R040");
  assert_fires ("<cac:PostalAddress><cbc:StreetName>Meir",
                "<cac:PartyIdentification><cbc:ID schemeID=\"0088\">5790000436058</cbc:ID></cac:PartyIdentification>"
                "<cac:PostalAddress><cbc:StreetName>Meir",
                "PEPPOL-COMMON-R040", "fatal");
  /* Danish CVR: 8 digits or DK + 8 digits */
  assert_fires ("<cbc:RegistrationName>Klant NV</cbc:RegistrationName>",
                "<cbc:RegistrationName>Klant NV</cbc:RegistrationName><cbc:CompanyID schemeID=\"0184\">DK1234567</cbc:CompanyID>",
                "PEPPOL-COMMON-R042", "fatal");
  /* Dutch KVK (0106) is a warning in 3.0.21 */
  assert_fires ("<cbc:RegistrationName>Klant NV</cbc:RegistrationName>",
                "<cbc:RegistrationName>Klant NV</cbc:RegistrationName><cbc:CompanyID schemeID=\"0106\">1234567</cbc:CompanyID>",
                "PEPPOL-COMMON-R054", "warning");
  /* a VAT number starting with NL must look like NL123456789B12 */
  assert_fires ("<cbc:CompanyID>BE1234567894</cbc:CompanyID>", "<cbc:CompanyID>NL123456789B1</cbc:CompanyID>",
                "PEPPOL-COMMON-R056-2", "warning");
}
END_TEST

/* ---- PEPPOL-EN16931 ------------------------------------------------------------------- */

START_TEST (test_families_peppol_document)
{
  assert_fires ("billing:3.0</cbc:CustomizationID>", "billing:3.0::2.1</cbc:CustomizationID>",
                "PEPPOL-EN16931-R004", "fatal");
  assert_fires ("billing:01:1.0</cbc:ProfileID>", "billing:02:1.0</cbc:ProfileID>", "PEPPOL-EN16931-R007",
                "fatal");
  assert_silent ("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>",
                 "urn:peppol:bis:billing_with_response</cbc:ProfileID>", "PEPPOL-EN16931-R007");
  assert_fires ("<cbc:BuyerReference>PO-7</cbc:BuyerReference>", "", "PEPPOL-EN16931-R003", "fatal");
  assert_fires ("<cbc:BuyerReference>PO-7</cbc:BuyerReference>",
                "<cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note><cbc:BuyerReference>PO-7</cbc:BuyerReference>",
                "PEPPOL-EN16931-R002", "fatal");
  assert_fires ("<cbc:BuyerReference>PO-7</cbc:BuyerReference>",
                "<cbc:BuyerReference>PO-7</cbc:BuyerReference><cbc:AccountingCost> </cbc:AccountingCost>",
                "PEPPOL-EN16931-R008", "fatal");
  assert_fires ("<cbc:DueDate>2026-12-25</cbc:DueDate>", "<cbc:DueDate>2026-02-29</cbc:DueDate>",
                "PEPPOL-EN16931-F001", "fatal");
  assert_fires ("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>", "<cbc:InvoiceTypeCode>384</cbc:InvoiceTypeCode>",
                "PEPPOL-EN16931-P0112", "fatal");
  assert_fires ("<cbc:EndpointID schemeID=\"0208\">1234567894</cbc:EndpointID>", "", "PEPPOL-EN16931-R010", "fatal");
}
END_TEST

START_TEST (test_families_peppol_amounts)
{
  /* 2 x 50.00 = 100.00; 100.03 is off by more than 0.02 */
  assert_fires ("<cbc:LineExtensionAmount currencyID=\"EUR\">100.00</cbc:LineExtensionAmount><cac:Item>",
                "<cbc:LineExtensionAmount currencyID=\"EUR\">100.03</cbc:LineExtensionAmount><cac:Item>",
                "PEPPOL-EN16931-R120", "fatal");
  /* 100.02 is within the slack */
  assert_silent ("<cbc:LineExtensionAmount currencyID=\"EUR\">100.00</cbc:LineExtensionAmount><cac:Item>",
                 "<cbc:LineExtensionAmount currencyID=\"EUR\">100.02</cbc:LineExtensionAmount><cac:Item>",
                 "PEPPOL-EN16931-R120");
  assert_fires ("<cbc:PayableAmount currencyID=\"EUR\">", "<cbc:PayableAmount currencyID=\"USD\">",
                "PEPPOL-EN16931-R051", "fatal");
  /* base 200.00 x 10 % = 20.00, the amount says 20.03 */
  assert_fires ("<cac:TaxTotal>",
                "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
                "<cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode>"
                "<cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric>"
                "<cbc:Amount currencyID=\"EUR\">20.03</cbc:Amount><cbc:BaseAmount currencyID=\"EUR\">200.00</cbc:BaseAmount>"
                "</cac:AllowanceCharge><cac:TaxTotal>",
                "PEPPOL-EN16931-R040", "fatal");
  assert_fires ("<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>", "<cbc:PaymentMeansCode>59</cbc:PaymentMeansCode>",
                "PEPPOL-EN16931-R061", "fatal");
}
END_TEST

START_TEST (test_families_peppol_code_lists)
{
  /* 0037 left the Peppol EAS list in 3.0.21 but is still in the CEN EAS list */
  assert_fires ("<cbc:EndpointID schemeID=\"0208\">1234567894", "<cbc:EndpointID schemeID=\"0037\">1234567894",
                "PEPPOL-EN16931-CL008", "fatal");
  assert_silent ("<cbc:EndpointID schemeID=\"0208\">1234567894", "<cbc:EndpointID schemeID=\"0037\">1234567894",
                 "BR-CL-25");
  /* 0248 joined both lists in 3.0.21 */
  assert_silent ("<cbc:EndpointID schemeID=\"0208\">1234567894", "<cbc:EndpointID schemeID=\"0248\">1234567894",
                 "PEPPOL-EN16931-CL008");
  assert_fires ("<cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>",
                "<cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cbc:TaxExemptionReasonCode>VATEX-EU-IC</cbc:TaxExemptionReasonCode>"
                "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>",
                "PEPPOL-EN16931-P0106", "fatal");
}
END_TEST

/* ---- BR-CL --------------------------------------------------------------------------- */

START_TEST (test_families_code_lists)
{
  assert_fires ("<cbc:IdentificationCode>BE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>\n<cac:PartyTaxScheme><cbc:CompanyID>BE1234567894",
                "<cbc:IdentificationCode>XX</cbc:IdentificationCode></cac:Country></cac:PostalAddress>\n<cac:PartyTaxScheme><cbc:CompanyID>BE1234567894",
                "BR-CL-14", "fatal");
  assert_fires ("unitCode=\"HUR\"", "unitCode=\"HOURS\"", "BR-CL-23", "fatal");
  /* first and last unit codes of the list (strcmp order) */
  assert_silent ("unitCode=\"HUR\"", "unitCode=\"10\"", "BR-CL-23");
  assert_silent ("unitCode=\"HUR\"", "unitCode=\"XZZ\"", "BR-CL-23");
  assert_fires ("<cbc:PaymentMeansCode>30<", "<cbc:PaymentMeansCode>99<", "BR-CL-16", "fatal");
  assert_fires ("<cbc:DocumentCurrencyCode>EUR<", "<cbc:DocumentCurrencyCode>BGN<", "BR-CL-04", "fatal");
  assert_silent ("<cbc:DocumentCurrencyCode>EUR<", "<cbc:DocumentCurrencyCode>XCG<", "BR-CL-04");
  assert_silent ("<cbc:DocumentCurrencyCode>EUR<", "<cbc:DocumentCurrencyCode>AED<", "BR-CL-04");
  assert_silent ("<cbc:DocumentCurrencyCode>EUR<", "<cbc:DocumentCurrencyCode>ZWG<", "BR-CL-04");
  /* ICD 0248 joined with EN 16931 1.3.16; 0249 is not assigned */
  assert_silent ("<cbc:CompanyID schemeID=\"0208\">0477472701", "<cbc:CompanyID schemeID=\"0248\">0477472701", "BR-CL-11");
  assert_fires ("<cbc:CompanyID schemeID=\"0208\">0477472701", "<cbc:CompanyID schemeID=\"0249\">0477472701", "BR-CL-11",
                "fatal");
  /* UNTDID 1001: 502 is a credit note type since EN 16931 1.3.16 */
  assert_fires ("<cbc:InvoiceTypeCode>380<", "<cbc:InvoiceTypeCode>502<", "BR-CL-01", "fatal");
  /* note subject codes: AAI (general information) is UNTDID 4451, QQQ is not */
  assert_silent ("<cbc:BuyerReference>", "<cbc:Note>#AAI#Thanks</cbc:Note><cbc:BuyerReference>", "BR-CL-08");
  assert_fires ("<cbc:BuyerReference>", "<cbc:Note>#QQQ#Thanks</cbc:Note><cbc:BuyerReference>", "BR-CL-08", "fatal");
  assert_fires ("<cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>",
                "<cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cbc:TaxExemptionReasonCode>VATEX-EU-999</cbc:TaxExemptionReasonCode>"
                "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>",
                "BR-CL-22", "fatal");
}
END_TEST

/* ---- UBL-SR / UBL-DT --------------------------------------------------------------------- */

START_TEST (test_families_syntax_restrictions)
{
  assert_fires ("<cbc:BuyerReference>PO-7</cbc:BuyerReference>",
                "<cbc:BuyerReference>PO-7</cbc:BuyerReference>"
                "<cac:InvoicePeriod><cbc:StartDate>2026-11-01</cbc:StartDate></cac:InvoicePeriod>"
                "<cac:InvoicePeriod><cbc:EndDate>2026-11-30</cbc:EndDate></cac:InvoicePeriod>",
                "UBL-SR-08", "fatal");
  assert_fires ("<cbc:PayableAmount currencyID=\"EUR\">121.00<", "<cbc:PayableAmount currencyID=\"EUR\">121.000<",
                "UBL-DT-01", "fatal");
  assert_fires ("<cbc:EndpointID schemeID=\"0208\">1234567894",
                "<cbc:EndpointID schemeID=\"0208\" schemeName=\"KBO\">1234567894", "UBL-DT-08", "warning");
  assert_fires ("</cac:PaymentMeans>",
                "</cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>"
                "<cac:PayeeFinancialAccount><cbc:ID>BE71096123456769</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>",
                "UBL-SR-47", "fatal");
}
END_TEST

/* ---- UBL-CR ----------------------------------------------------------------------------- */

START_TEST (test_families_unused_elements)
{
  /* an element EN 16931 does not use: a warning, the invoice stays valid */
  char *xml = mutate (base_invoice, "<cbc:IssueDate>2026-11-25</cbc:IssueDate>",
                      "<cbc:IssueDate>2026-11-25</cbc:IssueDate><cbc:IssueTime>10:00:00</cbc:IssueTime>");
  DokusUblReport *report = validate (xml);
  ck_assert_uint_eq (count_rule (report, "UBL-CR-006", "warning"), 1);
  ck_assert (dokus_ubl_report_valid (report));
  dokus_ubl_report_free (report);
  free (xml);
  /* a scheme on the VAT identifier, found anywhere in the document */
  assert_fires ("<cbc:CompanyID>BE1234567894</cbc:CompanyID>", "<cbc:CompanyID schemeID=\"VAT\">BE1234567894</cbc:CompanyID>",
                "UBL-CR-652", "warning");
  assert_fires ("unitCode=\"HUR\"", "unitCode=\"HUR\" unitCodeListID=\"UNECERec20\"", "UBL-CR-663", "warning");
  /* a line element EN 16931 does not use */
  assert_fires ("<cbc:LineExtensionAmount currencyID=\"EUR\">100.00</cbc:LineExtensionAmount><cac:Item>",
                "<cbc:LineExtensionAmount currencyID=\"EUR\">100.00</cbc:LineExtensionAmount>"
                "<cbc:FreeOfChargeIndicator>false</cbc:FreeOfChargeIndicator><cac:Item>",
                "UBL-CR-519", "warning");
  /* an invoiced object reference with an attachment is refused */
  assert_fires ("<cac:AccountingSupplierParty>",
                "<cac:AdditionalDocumentReference><cbc:ID schemeID=\"AAA\">OBJ-1</cbc:ID>"
                "<cbc:DocumentTypeCode>130</cbc:DocumentTypeCode><cac:Attachment><cac:ExternalReference>"
                "<cbc:URI>https://example.org/a.pdf</cbc:URI></cac:ExternalReference></cac:Attachment>"
                "</cac:AdditionalDocumentReference><cac:AccountingSupplierParty>",
                "UBL-CR-666", "fatal");
}
END_TEST

/* ---- national ------------------------------------------------------------------------------ */

START_TEST (test_families_national_rules)
{
  /* a Dutch seller address without street name */
  assert_fires ("<cac:PostalAddress><cbc:StreetName>Rue Haute 1</cbc:StreetName><cbc:CityName>Bruxelles</cbc:CityName>"
                "<cbc:PostalZone>1000</cbc:PostalZone><cac:Country><cbc:IdentificationCode>BE<",
                "<cac:PostalAddress><cbc:CityName>Amsterdam</cbc:CityName>"
                "<cbc:PostalZone>1011</cbc:PostalZone><cac:Country><cbc:IdentificationCode>NL<",
                "NL-R-002", "fatal");
  /* a Danish seller must give its CVR in PartyLegalEntity with scheme 0184 */
  assert_fires ("<cbc:PostalZone>1000</cbc:PostalZone><cac:Country><cbc:IdentificationCode>BE<",
                "<cbc:PostalZone>1000</cbc:PostalZone><cac:Country><cbc:IdentificationCode>DK<",
                "DK-R-014", "fatal");
  /* a Norwegian VAT number (seller country from the NO prefix) lacks the MVA suffix */
  assert_fires ("<cbc:CompanyID>BE0477472701</cbc:CompanyID>", "<cbc:CompanyID>NO123456789</cbc:CompanyID>",
                "NO-R-001", "fatal");
  /* Belgian parties: no national rule applies */
  DokusUblReport *report = validate (base_invoice);
  for (size_t i = 0; i < dokus_ubl_report_count (report); i++)
    {
      const char *r = dokus_ubl_report_rule (report, i);
      ck_assert_msg (strncmp (r, "DE-", 3) != 0 && strncmp (r, "DK-", 3) != 0 && strncmp (r, "NL-", 3) != 0,
                     "national rule %s on a Belgian invoice", r);
    }
  dokus_ubl_report_free (report);
}
END_TEST

static Suite *
families_suite (void)
{
  Suite *s = suite_create ("validate");
  TCase *tc = tcase_create ("families");
  tcase_add_test (tc, test_families_base_invoice_is_valid);
  tcase_add_test (tc, test_families_rules_are_implemented);
  tcase_add_test (tc, test_families_belgian_enterprise_number);
  tcase_add_test (tc, test_families_identifier_schemes);
  tcase_add_test (tc, test_families_peppol_document);
  tcase_add_test (tc, test_families_peppol_amounts);
  tcase_add_test (tc, test_families_peppol_code_lists);
  tcase_add_test (tc, test_families_code_lists);
  tcase_add_test (tc, test_families_syntax_restrictions);
  tcase_add_test (tc, test_families_unused_elements);
  tcase_add_test (tc, test_families_national_rules);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (families_suite ());
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

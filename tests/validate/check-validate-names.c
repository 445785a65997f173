/* check-validate-names.c
 *
 * Suite "validate": the validator tells elements apart by the number of
 * their name (dokus-validate-names.c) and skips, by name, the checks an
 * element cannot need. These tests hold names the number table does not
 * know (misspelt ones that official UBL-CR paths use, elements UBL does
 * not have), names it knows in the wrong namespace, and the usual ones, and
 * check the findings by hand, through both parsers: dokus_ubl_validate()
 * (libxml2's tree) and dokus_ubl_read_validated() (our reader's).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-test-helpers.h"

#define INV_OPEN                                                                           \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                           \
  "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" "              \
  "xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\" "      \
  "xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\" " \
  "xmlns:o=\"urn:example:other\">"                                                          \
  "<cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>"                      \
  "<cbc:ID>1</cbc:ID><cbc:IssueDate>2026-11-26</cbc:IssueDate>"

/* A tax category whose scheme holds @address (an element name), and a card
 * account with an IssuerNumberID (a name UBL 2.1 does not have, which the
 * official UBL-CR-419 path spells). */
#define TAX_AND_CARD(address)                                                                \
  "<cbc:DocumentCurrencyCode>EURO</cbc:DocumentCurrencyCode>"                              \
  "<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>"                      \
  "<cac:CardAccount><cbc:PrimaryAccountNumberID>1234</cbc:PrimaryAccountNumberID>"         \
  "<cbc:NetworkID>VISA</cbc:NetworkID><cbc:IssuerNumberID>7</cbc:IssuerNumberID>"          \
  "</cac:CardAccount></cac:PaymentMeans>"                                                  \
  "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">0</cbc:TaxAmount>"                      \
  "<cac:TaxSubtotal><cbc:TaxableAmount currencyID=\"EUR\">0</cbc:TaxableAmount>"           \
  "<cbc:TaxAmount currencyID=\"EUR\">0</cbc:TaxAmount>"                                    \
  "<cac:TaxCategory><cbc:ID>XX</cbc:ID><cac:TaxScheme><cbc:ID>VAT</cbc:ID>"                \
  "<cac:" address "><cbc:CityName>Gent</cbc:CityName></cac:" address ">"                   \
  "</cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>"

/* Both parsers' reports of @xml must list the same findings; the report of
 * dokus_ubl_validate() (transfer full). */
static DokusUblReport *
validate_both (const char *xml)
{
  DokusUblReport *report = NULL, *together = NULL;
  DokusPurchaseDoc *doc = NULL;
  DokusError err = { 0 };
  char *a, *b;

  ck_assert_msg (dokus_ubl_validate (xml, strlen (xml), &report, &err) == DOKUS_OK, "%s",
                 err.message);
  ck_assert_msg (dokus_ubl_read_validated (xml, strlen (xml), &doc, &together, &err) == DOKUS_OK,
                 "%s", err.message);
  a = dokus_ubl_report_to_json (report, NULL);
  b = dokus_ubl_report_to_json (together, NULL);
  ck_assert_ptr_nonnull (a);
  ck_assert_ptr_nonnull (b);
  ck_assert_msg (strcmp (a, b) == 0, "the parsers' findings differ:\n%s\n%s", a, b);
  free (a);
  free (b);
  dokus_ubl_report_free (together);
  dokus_purchase_doc_free (doc);
  return report;
}

/* How many findings of @rule at @location (NULL: anywhere) @report lists. */
static size_t
count_findings (const DokusUblReport *report, const char *rule, const char *location)
{
  size_t n = 0;
  for (size_t i = 0; i < dokus_ubl_report_count (report); i++)
    if (strcmp (dokus_ubl_report_rule (report, i), rule) == 0
        && (location == NULL || strcmp (dokus_ubl_report_location (report, i), location) == 0))
      n++;
  return n;
}

/* Every finding of @report whose message names @needle. */
static size_t
count_messages (const DokusUblReport *report, const char *rule, const char *needle)
{
  size_t n = 0;
  for (size_t i = 0; i < dokus_ubl_report_count (report); i++)
    if (strcmp (dokus_ubl_report_rule (report, i), rule) == 0
        && strstr (dokus_ubl_report_message (report, i), needle) != NULL)
      n++;
  return n;
}

START_TEST (test_validate_finds_misspelt_names_of_official_paths)
{
  /* UBL-CR-512 and UBL-CR-419 name elements UBL 2.1 does not have
   * ("Jurisdiccion", "IssuerNumberID"): found all the same, once each */
  DokusUblReport *r = validate_both (INV_OPEN TAX_AND_CARD ("JurisdiccionRegionAddress")
                                     "</Invoice>");
  ck_assert_uint_eq (count_findings (r, "UBL-CR-512", NULL), 1);
  ck_assert_uint_eq (count_findings (r, "UBL-CR-419", NULL), 1);
  /* and the structure check names both as not allowed */
  ck_assert_uint_eq (
      count_messages (r, "UBL-XSD", "cac:JurisdiccionRegionAddress is not allowed"), 1);
  ck_assert_uint_eq (count_messages (r, "UBL-XSD", "cbc:IssuerNumberID is not allowed"), 1);
  dokus_ubl_report_free (r);
}
END_TEST

START_TEST (test_validate_tells_the_right_spelling_from_the_misspelt)
{
  /* the schema's own JurisdictionRegionAddress is not the path of UBL-CR-512 */
  DokusUblReport *r = validate_both (INV_OPEN TAX_AND_CARD ("JurisdictionRegionAddress")
                                     "</Invoice>");
  ck_assert_uint_eq (count_findings (r, "UBL-CR-512", NULL), 0);
  ck_assert_uint_eq (count_findings (r, "UBL-CR-419", NULL), 1);
  ck_assert_uint_eq (count_messages (r, "UBL-XSD", "JurisdictionRegionAddress is not allowed"), 0);
  dokus_ubl_report_free (r);
}
END_TEST

START_TEST (test_validate_checks_code_lists_by_name)
{
  DokusUblReport *r = validate_both (INV_OPEN TAX_AND_CARD ("JurisdictionRegionAddress")
                                     "</Invoice>");
  /* EURO is no ISO 4217 code; XX no UNCL 5305 category; VAT (the scheme's
   * ID, also a cbc:ID) is no category either, but BR-CL-17 only looks at
   * the category's own ID */
  ck_assert_uint_eq (count_findings (r, "BR-CL-04", "/Invoice/cbc:DocumentCurrencyCode"), 1);
  ck_assert_uint_eq (count_findings (r, "BR-CL-17", NULL), 1);
  ck_assert_uint_eq (count_findings (r, "BR-CL-17", "/Invoice/cac:TaxTotal/cac:TaxSubtotal"
                                                 "/cac:TaxCategory/cbc:ID"),
                     1);
  dokus_ubl_report_free (r);
}
END_TEST

START_TEST (test_validate_checks_elements_ubl_does_not_have)
{
  /* cbc:FooAmount is no UBL element, but UBL-DT-01 looks at every name
   * ending in Amount: three decimals are one too many. A cbc:Amount in a
   * foreign namespace is no amount: BR-CL-03 (its currency) skips it. */
  DokusUblReport *r = validate_both (INV_OPEN
                                     "<cbc:FooAmount currencyID=\"EUR\">1.234</cbc:FooAmount>"
                                     "<o:Amount currencyID=\"XXXX\">1.5</o:Amount>"
                                     "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>"
                                     "</Invoice>");
  ck_assert_uint_eq (count_findings (r, "UBL-DT-01", "/Invoice/cbc:FooAmount"), 1);
  ck_assert_uint_eq (count_findings (r, "BR-CL-03", NULL), 0);
  ck_assert_uint_eq (count_findings (r, "BR-CL-04", NULL), 0);
  ck_assert_uint_eq (count_messages (r, "UBL-XSD", "cbc:FooAmount is not allowed"), 1);
  dokus_ubl_report_free (r);
}
END_TEST

/* The root's children are found through a table by name and namespace
 * (dokus_val_child_n()): a foreign element of the same local name first
 * is not the one, an absent name is absent, and a root with more distinct
 * children than the table holds is scanned as before. */
START_TEST (test_validate_finds_the_roots_children_by_name_and_namespace)
{
#define PROFILE                                                                            \
  "<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>"               \
  "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>"
  DokusUblReport *r;
  char *many;
  size_t len = 0;

  /* o:ProfileID first, then the real one: R001 (missing) and R007 (not a
   * Peppol profile) both quiet */
  r = validate_both (INV_OPEN "<o:ProfileID>not a profile</o:ProfileID>" PROFILE "</Invoice>");
  ck_assert_uint_eq (count_findings (r, "PEPPOL-EN16931-R001", NULL), 0);
  ck_assert_uint_eq (count_findings (r, "PEPPOL-EN16931-R007", NULL), 0);
  dokus_ubl_report_free (r);
  /* only the foreign one: the business process is missing */
  r = validate_both (INV_OPEN "<o:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
                              "</o:ProfileID>"
                              "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode></Invoice>");
  ck_assert_uint_eq (count_findings (r, "PEPPOL-EN16931-R001", NULL), 1);
  dokus_ubl_report_free (r);
  /* 70 distinct foreign children (more than the table's 64): the same
   * answers by scanning */
  many = malloc (70 * 32 + 1);
  ck_assert_ptr_nonnull (many);
  many[0] = '\0';
  for (int i = 0; i < 70; i++)
    len += (size_t) snprintf (many + len, 32, "<o:E%d>x</o:E%d>", i, i);
  r = validate_both (dokus_test_js ("%s%s%s</Invoice>", INV_OPEN, many, PROFILE));
  ck_assert_uint_eq (count_findings (r, "PEPPOL-EN16931-R001", NULL), 0);
  ck_assert_uint_eq (count_findings (r, "PEPPOL-EN16931-R007", NULL), 0);
  dokus_ubl_report_free (r);
  r = validate_both (dokus_test_js ("%s%s<cbc:ProfileID>x</cbc:ProfileID>"
                                    "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>"
                                    "</Invoice>",
                                    INV_OPEN, many));
  ck_assert_uint_eq (count_findings (r, "PEPPOL-EN16931-R001", NULL), 0);
  ck_assert_uint_eq (count_findings (r, "PEPPOL-EN16931-R007", NULL), 1);
  dokus_ubl_report_free (r);
  free (many);
#undef PROFILE
}
END_TEST

START_TEST (test_validate_orders_the_structure_by_name)
{
  /* cbc:ID after cbc:IssueDate: out of order; a cac:ID (a known name in
   * the wrong namespace) is not allowed at all */
  DokusUblReport *r = validate_both (INV_OPEN "<cbc:ID>2</cbc:ID><cac:ID>3</cac:ID>"
                                     "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>"
                                     "</Invoice>");
  ck_assert_uint_eq (count_messages (r, "UBL-XSD", "element cbc:ID is out of order"), 1);
  ck_assert_uint_eq (count_messages (r, "UBL-XSD", "element cac:ID is not allowed here"), 1);
  dokus_ubl_report_free (r);
}
END_TEST

static Suite *
names_suite (void)
{
  Suite *s = suite_create ("validate");
  TCase *tc = tcase_create ("names");
  tcase_add_test (tc, test_validate_finds_misspelt_names_of_official_paths);
  tcase_add_test (tc, test_validate_tells_the_right_spelling_from_the_misspelt);
  tcase_add_test (tc, test_validate_checks_code_lists_by_name);
  tcase_add_test (tc, test_validate_checks_elements_ubl_does_not_have);
  tcase_add_test (tc, test_validate_finds_the_roots_children_by_name_and_namespace);
  tcase_add_test (tc, test_validate_orders_the_structure_by_name);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (names_suite ());
  int failed;
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

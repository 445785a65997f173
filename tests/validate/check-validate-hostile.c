/* check-validate-hostile.c
 *
 * Suite "validate": hostile and broken input is a clear DokusError naming
 * what is wrong, never a crash, a hang or a network access: billion
 * laughs, external entities (XXE), an 11 MiB document, 10 000 levels of
 * nesting, not well-formed XML, a root that is not UBL. Also the report
 * API and the JSON rendering on small hand-made documents, and the exact
 * decimal arithmetic of the totals and VAT rules with figures worked by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "dokus-test-helpers.h"

#define INV_OPEN                                                                           \
  "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" "              \
  "xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\" "      \
  "xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\">"

static DokusStatus
validate_text (const char *xml, DokusUblReport **report, DokusError *err)
{
  return dokus_ubl_validate (xml, strlen (xml), report, err);
}

static void
assert_refused (const char *xml, size_t len, const char *needle)
{
  DokusUblReport *report = NULL;
  DokusError err = { 0 };
  DokusStatus st = dokus_ubl_validate (xml, len, &report, &err);
  ck_assert_int_eq (st, DOKUS_ERR_INVALID);
  ck_assert_ptr_null (report);
  ck_assert_msg (strstr (err.message, needle) != NULL, "message '%s' lacks '%s'", err.message,
                 needle);
}

START_TEST (test_validate_refuses_billion_laughs)
{
  const char *xml =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
    "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
    "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
    "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
    "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
    "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
    "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
    "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
    "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>\n"
    INV_OPEN "<cbc:ID>&lol9;</cbc:ID></Invoice>";
  assert_refused (xml, strlen (xml), "DOCTYPE");
}
END_TEST

START_TEST (test_validate_refuses_external_entity)
{
  char *dir = dokus_test_tmpdir_new ();
  char *secret = dokus_test_path (dir, "secret.txt");
  char xml[8192];
  ck_assert (dokus_test_write_file (secret, (const unsigned char *) "TOPSECRET", 9));
  snprintf (xml, sizeof xml,
            "<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM \"file://%s\">]>\n"
            INV_OPEN "<cbc:ID>&xxe;</cbc:ID></Invoice>", secret);
  assert_refused (xml, strlen (xml), "DOCTYPE");
  /* an undeclared entity reference without a DTD is simply not well-formed */
  assert_refused (INV_OPEN "<cbc:ID>&xxe;</cbc:ID></Invoice>",
                  strlen (INV_OPEN "<cbc:ID>&xxe;</cbc:ID></Invoice>"), "not well-formed");
  free (secret);
  dokus_test_tmpdir_free (dir);
}
END_TEST

START_TEST (test_validate_refuses_oversized)
{
  size_t len = 11u * 1024u * 1024u;
  char *xml = malloc (len);
  ck_assert_ptr_nonnull (xml);
  memset (xml, ' ', len);
  memcpy (xml, INV_OPEN, strlen (INV_OPEN));
  assert_refused (xml, len, "10 MiB");
  free (xml);
}
END_TEST

START_TEST (test_validate_refuses_deep_nesting)
{
  size_t depth = 10000, len = 0;
  char *xml = malloc (strlen (INV_OPEN) + depth * 24 + 64);
  ck_assert_ptr_nonnull (xml);
  len += (size_t) sprintf (xml, "%s", INV_OPEN);
  for (size_t i = 0; i < depth; i++)
    len += (size_t) sprintf (xml + len, "<cac:Item>");
  for (size_t i = 0; i < depth; i++)
    len += (size_t) sprintf (xml + len, "</cac:Item>");
  len += (size_t) sprintf (xml + len, "</Invoice>");
  assert_refused (xml, len, "nested more than 64 levels");
  free (xml);
}
END_TEST

START_TEST (test_validate_refuses_broken_and_foreign_documents)
{
  DokusUblReport *report = NULL;
  DokusError err = { 0 };
  const char *truncated = INV_OPEN "<cbc:ID>1</cbc:I";
  const char *foreign = "<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"/>";
  const char *no_ns = "<Invoice><ID>1</ID></Invoice>";

  assert_refused (truncated, strlen (truncated), "not well-formed");
  assert_refused (foreign, strlen (foreign), "Order");
  assert_refused (no_ns, strlen (no_ns), "not a UBL 2.1 Invoice or CreditNote");
  assert_refused ("", 0, "empty");
  ck_assert_int_eq (validate_text ("\x01\x02garbage", &report, &err), DOKUS_ERR_INVALID);
  ck_assert_ptr_null (report);
}
END_TEST

START_TEST (test_validate_caps_the_listed_findings)
{
  /* 20 000 empty lines: each breaks BR-21..BR-26 and the schema, far more than the
   * 10 000 findings listed; the fatal count and the verdict still count them all */
  size_t lines = 20000, len = 0;
  char *xml = malloc (strlen (INV_OPEN) + lines * 20 + 64);
  DokusUblReport *report = NULL;
  DokusError err = { 0 };
  char *json;
  cJSON *o;

  ck_assert_ptr_nonnull (xml);
  len += (size_t) sprintf (xml, "%s", INV_OPEN);
  for (size_t i = 0; i < lines; i++)
    len += (size_t) sprintf (xml + len, "<cac:InvoiceLine/>");
  len += (size_t) sprintf (xml + len, "</Invoice>");
  ck_assert_int_eq (dokus_ubl_validate (xml, len, &report, &err), DOKUS_OK);
  ck_assert_uint_eq (dokus_ubl_report_count (report), DOKUS_UBL_VALIDATE_MAX_FINDINGS);
  ck_assert_uint_gt (dokus_ubl_report_fatal_count (report), 6 * lines);
  ck_assert (!dokus_ubl_report_valid (report));
  json = dokus_ubl_report_to_json (report, NULL);
  o = cJSON_Parse (json);
  ck_assert_ptr_nonnull (cJSON_GetObjectItem (o, "findings_not_listed"));
  cJSON_Delete (o);
  free (json);
  dokus_ubl_report_free (report);
  free (xml);
}
END_TEST

START_TEST (test_validate_reports_findings_with_locations)
{
  /* no seller name (BR-06), two lines of which the second lacks an id (BR-21) */
  const char *xml = INV_OPEN
    "<cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>"
    "<cbc:ID>F-1</cbc:ID><cbc:IssueDate>2026-11-25</cbc:IssueDate>"
    "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>"
    "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>"
    "</Invoice>";
  DokusUblReport *report = NULL;
  DokusError err = { 0 };
  char *json;
  cJSON *o, *findings;
  bool br06 = false, xsd = false;

  ck_assert_int_eq (validate_text (xml, &report, &err), DOKUS_OK);
  ck_assert (!dokus_ubl_report_valid (report));
  ck_assert_str_eq (dokus_ubl_report_doctype (report), "Invoice");
  for (size_t i = 0; i < dokus_ubl_report_count (report); i++)
    {
      if (strcmp (dokus_ubl_report_rule (report, i), "BR-06") == 0)
        {
          br06 = true;
          ck_assert_str_eq (dokus_ubl_report_flag (report, i), "fatal");
          ck_assert_str_eq (dokus_ubl_report_location (report, i), "/Invoice");
        }
      if (strcmp (dokus_ubl_report_rule (report, i), "UBL-XSD") == 0)
        xsd = true; /* AccountingSupplierParty etc. are required by the schema */
    }
  ck_assert (br06 && xsd);
  json = dokus_ubl_report_to_json (report, "a.xml");
  ck_assert_ptr_nonnull (json);
  o = cJSON_Parse (json);
  ck_assert_ptr_nonnull (o);
  ck_assert_str_eq (cJSON_GetObjectItem (o, "file")->valuestring, "a.xml");
  ck_assert (cJSON_IsFalse (cJSON_GetObjectItem (o, "valid")));
  findings = cJSON_GetObjectItem (o, "findings");
  ck_assert_int_eq (cJSON_GetArraySize (findings), (int) dokus_ubl_report_count (report));
  ck_assert_ptr_nonnull (cJSON_GetObjectItem (cJSON_GetArrayItem (findings, 0), "location"));
  cJSON_Delete (o);
  free (json);
  dokus_ubl_report_free (report);
  dokus_ubl_report_free (NULL);
}
END_TEST

START_TEST (test_validate_structure_names_the_element)
{
  /* cbc:IssueDate before cbc:ID is out of order; 2026-02-30 is not a date */
  const char *xml =
    INV_OPEN "<cbc:IssueDate>2026-02-30</cbc:IssueDate><cbc:ID>F-1</cbc:ID></Invoice>";
  DokusUblReport *report = NULL;
  DokusError err = { 0 };
  bool order = false, date = false;

  ck_assert_int_eq (validate_text (xml, &report, &err), DOKUS_OK);
  for (size_t i = 0; i < dokus_ubl_report_count (report); i++)
    {
      const char *m = dokus_ubl_report_message (report, i);
      if (strcmp (dokus_ubl_report_rule (report, i), "UBL-XSD") != 0)
        continue;
      if (strstr (m, "cbc:ID is out of order"))
        {
          order = true;
          ck_assert_str_eq (dokus_ubl_report_location (report, i), "/Invoice/cbc:ID");
        }
      if (strstr (m, "'2026-02-30' is not a date"))
        date = true;
    }
  ck_assert_msg (order && date, "order %d date %d", order, date);
  dokus_ubl_report_free (report);
}
END_TEST

/* true if @rule has a finding in @xml validated with the EN 16931 rules */
static bool
fires (const char *xml, const char *rule)
{
  DokusUblReport *report = NULL;
  DokusError err = { 0 };
  bool found = false;
  ck_assert_int_eq (dokus_ubl_validate_with (xml, strlen (xml), DOKUS_UBL_VALIDATE_EN16931,
                                             &report, &err), DOKUS_OK);
  for (size_t i = 0; i < dokus_ubl_report_count (report); i++)
    found = found || strcmp (dokus_ubl_report_rule (report, i), rule) == 0;
  dokus_ubl_report_free (report);
  return found;
}

#define LINE(amount)                                                                       \
  "<cac:InvoiceLine><cbc:LineExtensionAmount currencyID=\"EUR\">" amount                    \
  "</cbc:LineExtensionAmount></cac:InvoiceLine>"
#define TOTAL(amount)                                                                      \
  "<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID=\"EUR\">" amount             \
  "</cbc:LineExtensionAmount></cac:LegalMonetaryTotal>"

START_TEST (test_validate_sums_lines_exactly)
{
  /* 10.10 + 20.20 = 30.30 exactly (in binary floating point it is 30.299999...) */
  ck_assert (!fires (INV_OPEN TOTAL ("30.30") LINE ("10.10") LINE ("20.20") "</Invoice>",
                     "BR-CO-10"));
  ck_assert (fires (INV_OPEN TOTAL ("30.31") LINE ("10.10") LINE ("20.20") "</Invoice>",
                    "BR-CO-10"));
  /* 0.1 + 0.2 = 0.3, not 0.30000000000000004 */
  ck_assert (!fires (INV_OPEN TOTAL ("0.3") LINE ("0.1") LINE ("0.2") "</Invoice>", "BR-CO-10"));
}
END_TEST

START_TEST (test_validate_rounds_half_up_like_xpath)
{
  /* BR-CO-10 compares with round(sum × 100) div 100, and XPath's round() goes half
   * towards +infinity: -1.005 -> round(-100.5) = -100 -> -1.00 (not -1.01);
   * 1.005 -> round(100.5) = 101 -> 1.01 */
  ck_assert (!fires (INV_OPEN TOTAL ("-1.00") LINE ("-1.005") "</Invoice>", "BR-CO-10"));
  ck_assert (fires (INV_OPEN TOTAL ("-1.01") LINE ("-1.005") "</Invoice>", "BR-CO-10"));
  ck_assert (!fires (INV_OPEN TOTAL ("1.01") LINE ("1.005") "</Invoice>", "BR-CO-10"));
  ck_assert (fires (INV_OPEN TOTAL ("1.00") LINE ("1.005") "</Invoice>", "BR-CO-10"));
  /* and the three decimals themselves break BR-DEC-23 */
  ck_assert (fires (INV_OPEN TOTAL ("1.01") LINE ("1.005") "</Invoice>", "BR-DEC-23"));
  ck_assert (!fires (INV_OPEN TOTAL ("1.01") LINE ("1.01") "</Invoice>", "BR-DEC-23"));
}
END_TEST

#define SUBTOTAL(taxable, tax, pct)                                                        \
  "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">" tax "</cbc:TaxAmount><cac:TaxSubtotal>" \
  "<cbc:TaxableAmount currencyID=\"EUR\">" taxable "</cbc:TaxableAmount>"                   \
  "<cbc:TaxAmount currencyID=\"EUR\">" tax "</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID>" \
  "<cbc:Percent>" pct "</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>"     \
  "</cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>"

START_TEST (test_validate_checks_vat_per_rate)
{
  /* 1 000.00 at 21 % = 210.00; the binding tolerates less than 1.00 of difference
   * (BR-S-09, BR-CO-17), so 210.99 passes and 211.00 does not */
  ck_assert (!fires (INV_OPEN SUBTOTAL ("1000.00", "210.00", "21") "</Invoice>", "BR-S-09"));
  ck_assert (!fires (INV_OPEN SUBTOTAL ("1000.00", "210.99", "21") "</Invoice>", "BR-S-09"));
  ck_assert (fires (INV_OPEN SUBTOTAL ("1000.00", "211.00", "21") "</Invoice>", "BR-S-09"));
  ck_assert (fires (INV_OPEN SUBTOTAL ("1000.00", "211.00", "21") "</Invoice>", "BR-CO-17"));
  /* a credit: -333.33 at 6 % = -19.9998 -> 20.00 in absolute value; -20.00 passes */
  ck_assert (!fires (INV_OPEN SUBTOTAL ("-333.33", "-20.00", "6") "</Invoice>", "BR-S-09"));
  /* a standard-rated line at 0 % breaks BR-S-05 (the S rate must be above 0) */
  ck_assert (fires (INV_OPEN "<cac:InvoiceLine><cac:Item><cac:ClassifiedTaxCategory>"
                    "<cbc:ID>S</cbc:ID><cbc:Percent>0</cbc:Percent><cac:TaxScheme><cbc:ID>VAT"
                    "</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>"
                    "</cac:InvoiceLine></Invoice>", "BR-S-05"));
}
END_TEST

/* libxml2 reports encoding errors through its generic error handler, which
 * prints to stderr unless the caller installs its own: the validator must
 * keep quiet and put the encoding error into the DokusError instead. */
START_TEST (test_validate_encoding_errors_are_reported_not_printed)
{
  char path[4096];
  ck_assert_int_lt (snprintf (path, sizeof path, "%s/tests/fuzz/corpus/bad-encoding-shift-jis.xml",
                              dokus_test_source_root ()), (int) sizeof path);
  size_t len = 0;
  unsigned char *xml = dokus_test_read_file (path, &len);
  ck_assert_msg (xml != NULL, "cannot read %s", path);

  char capture[] = "/tmp/dokus-validate-stderr-XXXXXX";
  int fd = mkstemp (capture);
  ck_assert_int_ge (fd, 0);
  fflush (stderr);
  int saved = dup (STDERR_FILENO);
  ck_assert_int_ge (saved, 0);
  ck_assert_int_ge (dup2 (fd, STDERR_FILENO), 0);

  DokusUblReport *report = NULL;
  DokusError err = { 0 };
  DokusStatus st = dokus_ubl_validate ((const char *) xml, len, &report, &err);

  fflush (stderr);
  ck_assert_int_ge (dup2 (saved, STDERR_FILENO), 0);
  close (saved);
  off_t printed = lseek (fd, 0, SEEK_END);
  close (fd);
  unlink (capture);

  ck_assert_int_eq (st, DOKUS_ERR_INVALID);
  ck_assert_ptr_null (report);
  ck_assert_msg (strstr (err.message, "encoding error") != NULL, "message '%s'", err.message);
  ck_assert_msg (printed == 0, "the validator printed %ld bytes on stderr", (long) printed);
  free (xml);
}
END_TEST

START_TEST (test_validate_release_is_reported)
{
  ck_assert_str_eq (dokus_ubl_validate_release (),
                    "Peppol BIS Billing 3.0.21 / CEN EN 16931 1.3.16");
  ck_assert (dokus_ubl_validate_implements ("UBL-XSD"));
  ck_assert (dokus_ubl_validate_implements ("BR-CO-15"));
  ck_assert (!dokus_ubl_validate_implements ("BR-CO-25")); /* removed in 3.0.21 */
  ck_assert (!dokus_ubl_validate_implements ("NO-SUCH-RULE"));
}
END_TEST

static Suite *
hostile_suite (void)
{
  Suite *s = suite_create ("validate");
  TCase *tc = tcase_create ("hostile");
  tcase_add_test (tc, test_validate_refuses_billion_laughs);
  tcase_add_test (tc, test_validate_refuses_external_entity);
  tcase_add_test (tc, test_validate_refuses_oversized);
  tcase_add_test (tc, test_validate_refuses_deep_nesting);
  tcase_add_test (tc, test_validate_refuses_broken_and_foreign_documents);
  tcase_add_test (tc, test_validate_encoding_errors_are_reported_not_printed);
  tcase_add_test (tc, test_validate_caps_the_listed_findings);
  suite_add_tcase (s, tc);
  tc = tcase_create ("report");
  tcase_add_test (tc, test_validate_reports_findings_with_locations);
  tcase_add_test (tc, test_validate_structure_names_the_element);
  tcase_add_test (tc, test_validate_release_is_reported);
  suite_add_tcase (s, tc);
  tc = tcase_create ("arithmetic");
  tcase_add_test (tc, test_validate_sums_lines_exactly);
  tcase_add_test (tc, test_validate_rounds_half_up_like_xpath);
  tcase_add_test (tc, test_validate_checks_vat_per_rate);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (hostile_suite ());
  int failed;
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

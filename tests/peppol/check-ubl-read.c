/* check-ubl-read.c
 *
 * Suite "ubl-read": the UBL reader on every official example of
 * ../shared/peppol/examples (76 documents, read recursively: each must
 * parse), hand-read values of three of them, and hostile input (billion
 * laughs, XXE, DOCTYPE, 11 MiB, deep nesting, truncation, wrong root, bad
 * dates, amounts and base64), each a clear error naming what is wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "dokus-test-helpers.h"

#define INVOICE_OPEN                                                                        \
  "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\""              \
  " xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\"" \
  " xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">"
#define MINIMAL_HEAD                                                                        \
  "<cbc:ID>A-1</cbc:ID><cbc:IssueDate>2026-11-02</cbc:IssueDate>"                          \
  "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>"

static char examples[4096];

static void
find_examples (void)
{
  snprintf (examples, sizeof examples, "%s/../shared/peppol/examples", dokus_test_source_root ());
  ck_assert_msg (access (examples, R_OK) == 0,
                 "../shared/peppol is missing: no %s (the official examples are read at run"
                 " time, never copied into the tree)",
                 examples);
}

static cJSON *
read_example (const char *rel)
{
  char path[8192], *json = NULL;
  size_t len = 0;
  unsigned char *xml;
  DokusError err = { 0 };
  cJSON *o;

  find_examples ();
  snprintf (path, sizeof path, "%s/%s", examples, rel);
  xml = dokus_test_read_file (path, &len);
  ck_assert_msg (xml != NULL, "cannot read %s", path);
  ck_assert_msg (dokus_ubl_read_json ((const char *) xml, len, &json, &err) == DOKUS_OK,
                 "%s: %s", rel, err.message);
  free (xml);
  o = cJSON_Parse (json);
  free (json);
  ck_assert (o != NULL);
  return o;
}

/* The string at a dotted path with [i] indexes: "lines[1].price.amount";
 * "(null)" for a JSON null, "(absent)" when missing. */
static const char *
at (const cJSON *o, const char *path)
{
  char key[64];
  const char *p = path;

  while (*p && o != NULL)
    {
      size_t n = strcspn (p, ".[");
      snprintf (key, sizeof key, "%.*s", (int) n, p);
      if (n > 0)
        o = cJSON_GetObjectItemCaseSensitive (o, key);
      p += n;
      if (*p == '[')
        {
          o = cJSON_GetArrayItem (o, atoi (p + 1));
          p = strchr (p, ']') + 1;
        }
      if (*p == '.')
        p++;
    }
  if (o == NULL)
    return "(absent)";
  if (cJSON_IsNull (o))
    return "(null)";
  if (cJSON_IsTrue (o))
    return "true";
  if (cJSON_IsFalse (o))
    return "false";
  return cJSON_IsString (o) ? o->valuestring : "(not a string)";
}

static int
count_at (const cJSON *o, const char *key)
{
  return cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (o, key));
}

/* ---- every official example ------------------------------------------------ */

static int
read_tree (const char *dir, int *failures, char *first_failure, size_t cap)
{
  DIR *d = opendir (dir);
  struct dirent *e;
  int count = 0;

  ck_assert_msg (d != NULL, "cannot open %s", dir);
  while ((e = readdir (d)) != NULL)
    {
      char path[8192];
      struct stat sb;
      size_t n = strlen (e->d_name);
      if (e->d_name[0] == '.')
        continue;
      snprintf (path, sizeof path, "%s/%s", dir, e->d_name);
      ck_assert (stat (path, &sb) == 0);
      if (S_ISDIR (sb.st_mode))
        count += read_tree (path, failures, first_failure, cap);
      else if (n > 4 && strcasecmp (e->d_name + n - 4, ".xml") == 0)
        {
          size_t len = 0;
          unsigned char *xml = dokus_test_read_file (path, &len);
          DokusPurchaseDoc *doc = NULL;
          DokusError err = { 0 };
          char *json = NULL;
          ck_assert (xml != NULL);
          if (dokus_ubl_read ((const char *) xml, len, &doc, &err) != DOKUS_OK
              || dokus_purchase_doc_to_json (doc, &json, &err) != DOKUS_OK)
            {
              if ((*failures)++ == 0)
                snprintf (first_failure, cap, "%.700s: %s", path, err.message);
            }
          count++;
          free (json);
          dokus_purchase_doc_free (doc);
          free (xml);
        }
    }
  closedir (d);
  return count;
}

START_TEST (test_ubl_read_every_official_example)
{
  char first[1024] = "";
  int failures = 0, count;

  find_examples ();
  count = read_tree (examples, &failures, first, sizeof first);
  /* ../shared/peppol/README.md: 76 documents */
  ck_assert_int_eq (count, 76);
  ck_assert_msg (failures == 0, "%d of %d examples failed; first: %s", failures, count, first);
}
END_TEST

/* ---- values read by hand ------------------------------------------------------ */

START_TEST (test_ubl_read_base_example)
{
  cJSON *o = read_example ("peppol/base-example.xml");

  ck_assert_str_eq (at (o, "type"), "invoice");
  ck_assert_str_eq (at (o, "type_code"), "380");
  ck_assert_str_eq (at (o, "number"), "Snippet1");
  ck_assert_str_eq (at (o, "issue_date"), "2017-11-13");
  ck_assert_str_eq (at (o, "due_date"), "2017-12-01");
  ck_assert_str_eq (at (o, "currency"), "EUR");
  ck_assert_str_eq (at (o, "buyer_reference"), "0150abc");
  ck_assert_str_eq (at (o, "accounting_cost"), "4025:123:4343");
  ck_assert_str_eq (at (o, "supplier.name"), "SupplierTradingName Ltd.");
  ck_assert_str_eq (at (o, "supplier.legal_name"), "SupplierOfficialName Ltd");
  ck_assert_str_eq (at (o, "supplier.vat_id"), "GB1232434");
  ck_assert_str_eq (at (o, "supplier.company_id"), "GB983294");
  ck_assert_str_eq (at (o, "supplier.endpoint_id"), "9482348239847239874");
  ck_assert_str_eq (at (o, "supplier.endpoint_scheme"), "0088");
  ck_assert_str_eq (at (o, "supplier.street"), "Main street 1");
  ck_assert_str_eq (at (o, "supplier.city"), "London");
  ck_assert_str_eq (at (o, "supplier.country"), "GB");
  ck_assert_str_eq (at (o, "buyer.name"), "BuyerTradingName AS");
  ck_assert_str_eq (at (o, "buyer.vat_id"), "SE4598375937");
  ck_assert_str_eq (at (o, "buyer.company_id"), "39937423947");
  ck_assert_str_eq (at (o, "buyer.company_id_scheme"), "0183");
  ck_assert_str_eq (at (o, "buyer.contact_email"), "lj@buyer.se");
  ck_assert_str_eq (at (o, "delivery.date"), "2017-11-01");
  ck_assert_str_eq (at (o, "delivery.country"), "SE");
  /* two lines: 7 DAY at 400 = 2800, −3 DAY at 500 = −1500 */
  ck_assert_int_eq (count_at (o, "lines"), 2);
  ck_assert_str_eq (at (o, "lines[0].quantity"), "7");
  ck_assert_str_eq (at (o, "lines[0].unit"), "DAY");
  ck_assert_str_eq (at (o, "lines[0].net_amount"), "2800.00");
  ck_assert_str_eq (at (o, "lines[0].item.name"), "item name");
  ck_assert_str_eq (at (o, "lines[0].item.standard_id"), "21382183120983");
  ck_assert_str_eq (at (o, "lines[0].item.origin_country"), "NO");
  ck_assert_str_eq (at (o, "lines[0].vat.category"), "S");
  ck_assert_str_eq (at (o, "lines[0].vat.rate"), "25");
  ck_assert_str_eq (at (o, "lines[0].price.amount"), "400.00");
  ck_assert_str_eq (at (o, "lines[0].order_line_reference"), "123");
  ck_assert_str_eq (at (o, "lines[1].quantity"), "-3");
  ck_assert_str_eq (at (o, "lines[1].net_amount"), "-1500.00");
  /* one document charge: insurance 25 at S 25 % */
  ck_assert_int_eq (count_at (o, "allowances_charges"), 1);
  ck_assert_str_eq (at (o, "allowances_charges[0].charge"), "true");
  ck_assert_str_eq (at (o, "allowances_charges[0].amount"), "25.00");
  ck_assert_str_eq (at (o, "allowances_charges[0].reason"), "Insurance");
  /* VAT: (2800 − 1500 + 25) = 1325 × 25 % = 331.25 */
  ck_assert_int_eq (count_at (o, "vat_breakdown"), 1);
  ck_assert_str_eq (at (o, "vat_breakdown[0].category"), "S");
  ck_assert_str_eq (at (o, "vat_breakdown[0].rate"), "25");
  ck_assert_str_eq (at (o, "vat_breakdown[0].taxable"), "1325.00");
  ck_assert_str_eq (at (o, "vat_breakdown[0].tax"), "331.25");
  ck_assert_str_eq (at (o, "totals.line_extension"), "1300.00");
  ck_assert_str_eq (at (o, "totals.charge_total"), "25.00");
  ck_assert_str_eq (at (o, "totals.allowance_total"), "(null)");
  ck_assert_str_eq (at (o, "totals.tax_exclusive"), "1325.00");
  ck_assert_str_eq (at (o, "totals.vat"), "331.25");
  ck_assert_str_eq (at (o, "totals.tax_inclusive"), "1656.25");
  ck_assert_str_eq (at (o, "totals.payable"), "1656.25");
  ck_assert_int_eq (count_at (o, "payment_means"), 1);
  ck_assert_str_eq (at (o, "payment_means[0].code"), "30");
  ck_assert_str_eq (at (o, "payment_means[0].name"), "Credit transfer");
  ck_assert_str_eq (at (o, "payment_means[0].payment_id"), "Snippet1");
  ck_assert_str_eq (at (o, "payment_means[0].iban"), "IBAN32423940");
  ck_assert_str_eq (at (o, "payment_means[0].bic"), "BIC324098");
  ck_assert_str_eq (at (o, "payment_terms"), "Payment within 10 days, 2% discount");
  cJSON_Delete (o);
}
END_TEST

START_TEST (test_ubl_read_belgian_credit_note)
{
  cJSON *o = read_example ("en16931/ubl-tc434-creditnote1.xml");

  ck_assert_str_eq (at (o, "type"), "credit_note");
  ck_assert_str_eq (at (o, "number"), "018304 / 28865");
  ck_assert_str_eq (at (o, "issue_date"), "2019-09-23");
  ck_assert_str_eq (at (o, "supplier.name"), "My Supplier Company N.V.");
  ck_assert_str_eq (at (o, "supplier.vat_id"), "BE0000000196");
  ck_assert_str_eq (at (o, "supplier.city"), "ANTWERPEN");
  ck_assert_str_eq (at (o, "supplier.country"), "BE");
  ck_assert_str_eq (at (o, "buyer.name"), "My Customer Company S.A.");
  ck_assert_str_eq (at (o, "payment_means[0].iban"), "BE91000000143476");
  ck_assert_str_eq (at (o, "payment_means[0].bic"), "BPOTBEB1");
  /* one exempt row: 100.11 at E 0 %, no VAT */
  ck_assert_int_eq (count_at (o, "vat_breakdown"), 1);
  ck_assert_str_eq (at (o, "vat_breakdown[0].category"), "E");
  ck_assert_str_eq (at (o, "vat_breakdown[0].rate"), "0");
  ck_assert_str_eq (at (o, "vat_breakdown[0].taxable"), "100.11");
  ck_assert_str_eq (at (o, "vat_breakdown[0].tax"), "0.00");
  ck_assert_str_eq (at (o, "vat_breakdown[0].exemption_reason"), "Taxes are not applicable");
  ck_assert_str_eq (at (o, "totals.payable"), "100.11");
  ck_assert_int_eq (count_at (o, "lines"), 1);
  ck_assert_str_eq (at (o, "lines[0].item.name"), "Exonération du versement du PP");
  cJSON_Delete (o);
}
END_TEST

START_TEST (test_ubl_read_norwegian_example_with_attachment)
{
  cJSON *o = read_example ("peppol-national/NO/Norwegian-example-1.xml");
  const cJSON *att;

  ck_assert_str_eq (at (o, "number"), "TOSL108");
  ck_assert_str_eq (at (o, "issue_date"), "2013-06-30");
  ck_assert_str_eq (at (o, "due_date"), "2013-07-20");
  ck_assert_str_eq (at (o, "currency"), "NOK");
  ck_assert_str_eq (at (o, "contract_reference"), "Contract321");
  ck_assert_str_eq (at (o, "supplier.name"), "Salescompany ltd.");
  ck_assert_str_eq (at (o, "supplier.legal_name"), "The Sellercompany ASA");
  ck_assert_str_eq (at (o, "supplier.vat_id"), "NO123456785MVA");
  ck_assert_str_eq (at (o, "supplier.tax_id"), "Foretaksregisteret");
  ck_assert_str_eq (at (o, "supplier.company_id"), "123456785");
  ck_assert_str_eq (at (o, "supplier.company_id_scheme"), "0192");
  ck_assert_str_eq (at (o, "payee.name"), "Ebeneser Scrooge AS");
  ck_assert_str_eq (at (o, "payment_means[0].payment_id"), "0003434323213231");
  ck_assert_str_eq (at (o, "payment_means[0].iban"), "NO9386011117947");
  ck_assert_str_eq (at (o, "payment_means[0].bic"), "DNBANOKK");
  /* three rows: 1460.5 at S 25 % = 365.13; 1 at S 15 % = 0.15; −25 at E */
  ck_assert_int_eq (count_at (o, "vat_breakdown"), 3);
  ck_assert_str_eq (at (o, "vat_breakdown[0].taxable"), "1460.50");
  ck_assert_str_eq (at (o, "vat_breakdown[0].tax"), "365.13");
  ck_assert_str_eq (at (o, "vat_breakdown[0].rate"), "25");
  ck_assert_str_eq (at (o, "vat_breakdown[1].taxable"), "1.00");
  ck_assert_str_eq (at (o, "vat_breakdown[1].tax"), "0.15");
  ck_assert_str_eq (at (o, "vat_breakdown[1].rate"), "15");
  ck_assert_str_eq (at (o, "vat_breakdown[2].category"), "E");
  ck_assert_str_eq (at (o, "vat_breakdown[2].taxable"), "-25.00");
  /* 365.13 + 0.15 = 365.28 */
  ck_assert_str_eq (at (o, "totals.vat"), "365.28");
  ck_assert_str_eq (at (o, "totals.line_extension"), "1436.50");
  ck_assert_str_eq (at (o, "totals.allowance_total"), "100.00");
  ck_assert_str_eq (at (o, "totals.charge_total"), "100.00");
  ck_assert_str_eq (at (o, "totals.tax_inclusive"), "1801.78");
  ck_assert_str_eq (at (o, "totals.prepaid"), "1000.00");
  ck_assert_str_eq (at (o, "totals.rounding"), "0.22");
  ck_assert_str_eq (at (o, "totals.payable"), "802.00");
  ck_assert_str_eq (at (o, "lines[0].item.name"), "Laptop computer");
  ck_assert_str_eq (at (o, "lines[0].net_amount"), "1273.00");
  ck_assert_str_eq (at (o, "lines[0].price.discount"), "227.00");
  /* Doc2 embeds "Test base 64 encoding": 21 bytes */
  ck_assert_int_eq (count_at (o, "attachments"), 2);
  ck_assert_str_eq (at (o, "attachments[1].id"), "Doc2");
  ck_assert_str_eq (at (o, "attachments[1].filename"), "Hours-spent.csv");
  ck_assert_str_eq (at (o, "attachments[1].mime_type"), "application/pdf");
  att = cJSON_GetArrayItem (cJSON_GetObjectItem (o, "attachments"), 1);
  ck_assert_int_eq ((int) cJSON_GetObjectItem (att, "size")->valuedouble, 21);
  cJSON_Delete (o);
}
END_TEST

START_TEST (test_ubl_read_attachment_bytes)
{
  static const char xml[] = INVOICE_OPEN MINIMAL_HEAD
    "<cac:AdditionalDocumentReference><cbc:ID>T1</cbc:ID><cac:Attachment>"
    "<cbc:EmbeddedDocumentBinaryObject mimeCode=\"text/plain\" filename=\"hi.txt\">"
    "aGVs\n bG8=</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>"
    "</cac:AdditionalDocumentReference>"
    "<cac:AdditionalDocumentReference><cbc:ID>T2</cbc:ID><cac:Attachment><cac:ExternalReference>"
    "<cbc:URI>http://127.0.0.1:1/never-fetched</cbc:URI></cac:ExternalReference></cac:Attachment>"
    "</cac:AdditionalDocumentReference></Invoice>";
  DokusPurchaseDoc *doc = NULL;
  DokusError err = { 0 };
  const char *name, *mime;
  const unsigned char *data;
  size_t len;

  ck_assert_msg (dokus_ubl_read (xml, strlen (xml), &doc, &err) == DOKUS_OK, "%s", err.message);
  ck_assert_uint_eq (dokus_purchase_doc_get_n_attachments (doc), 2);
  dokus_purchase_doc_get_attachment (doc, 0, &name, &mime, &data, &len);
  ck_assert_str_eq (name, "hi.txt");
  ck_assert_str_eq (mime, "text/plain");
  /* "aGVsbG8=" is "hello", white space between characters allowed */
  ck_assert_uint_eq (len, 5);
  ck_assert (memcmp (data, "hello", 5) == 0);
  dokus_purchase_doc_get_attachment (doc, 1, &name, &mime, &data, &len);
  ck_assert_ptr_null (data);
  ck_assert_uint_eq (len, 0);
  dokus_purchase_doc_free (doc);
}
END_TEST

/* ---- hostile input ------------------------------------------------------------- */

static void
refused (const char *xml, size_t len, const char *needle)
{
  DokusPurchaseDoc *doc = NULL;
  DokusError err = { 0 };
  DokusStatus st = dokus_ubl_read (xml, len, &doc, &err);

  ck_assert_msg (st == DOKUS_ERR_INVALID, "wanted invalid, got %s (%s)", dokus_status_name (st),
                 err.message);
  ck_assert_ptr_null (doc);
  ck_assert_msg (strstr (err.message, needle) != NULL, "message '%s' lacks '%s'", err.message,
                 needle);
}

static void
refused_str (const char *xml, const char *needle)
{
  refused (xml, strlen (xml), needle);
}

START_TEST (test_ubl_read_refuses_billion_laughs)
{
  refused_str ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
               " <!ENTITY lol \"lol\">\n"
               " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
               " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
               " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
               " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
               " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
               " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
               " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
               " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
               " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
               "]>\n" INVOICE_OPEN MINIMAL_HEAD "<cbc:Note>&lol9;</cbc:Note></Invoice>",
               "DOCTYPE");
}
END_TEST

START_TEST (test_ubl_read_refuses_external_entity)
{
  char *dir = dokus_test_tmpdir_new (), *secret = dokus_test_path (dir, "secret.txt");
  char xml[8192];

  ck_assert (dokus_test_write_file (secret, (const unsigned char *) "TOP-SECRET", 10));
  snprintf (xml, sizeof xml,
            "<?xml version=\"1.0\"?><!DOCTYPE Invoice [<!ENTITY xxe SYSTEM \"file://%s\">]>"
            INVOICE_OPEN MINIMAL_HEAD "<cbc:Note>&xxe;</cbc:Note></Invoice>",
            secret);
  refused_str (xml, "DOCTYPE");
  /* an external DTD is refused too, and never fetched */
  refused_str ("<?xml version=\"1.0\"?><!DOCTYPE Invoice SYSTEM \"http://127.0.0.1:1/x.dtd\">"
               INVOICE_OPEN MINIMAL_HEAD "</Invoice>",
               "DOCTYPE");
  free (secret);
  dokus_test_tmpdir_free (dir);
}
END_TEST

START_TEST (test_ubl_read_refuses_undeclared_entity)
{
  /* without a DOCTYPE an entity reference is simply not well-formed */
  refused_str (INVOICE_OPEN MINIMAL_HEAD "<cbc:Note>&xxe;</cbc:Note></Invoice>",
               "not well-formed XML, line 1");
}
END_TEST

START_TEST (test_ubl_read_refuses_11_mib)
{
  size_t len = (size_t) 11 * 1024 * 1024;
  char *xml = malloc (len);

  ck_assert (xml != NULL);
  memset (xml, ' ', len);
  memcpy (xml, INVOICE_OPEN, strlen (INVOICE_OPEN));
  refused (xml, len, "more than the 10485760 accepted (10 MiB)");
  free (xml);
}
END_TEST

START_TEST (test_ubl_read_refuses_deep_nesting)
{
  size_t depth = 100000, cap = depth * 20 + 1024, n = 0;
  char *xml = malloc (cap);

  ck_assert (xml != NULL);
  n += (size_t) snprintf (xml + n, cap - n, "%s", INVOICE_OPEN MINIMAL_HEAD);
  for (size_t i = 0; i < depth; i++)
    n += (size_t) snprintf (xml + n, cap - n, "<cbc:Note>");
  refused (xml, n, "nest deeper than 40 levels");
  free (xml);
}
END_TEST

START_TEST (test_ubl_read_refuses_too_many_elements)
{
  /* 600 000 × "<cbc:Note/>" (11 bytes): 6.6 MB, under the size limit */
  size_t n_el = 600000, cap = n_el * 11 + 1024, n = 0;
  char *xml = malloc (cap);

  ck_assert (xml != NULL);
  n += (size_t) snprintf (xml + n, cap - n, "%s", INVOICE_OPEN MINIMAL_HEAD);
  for (size_t i = 0; i < n_el; i++)
    {
      memcpy (xml + n, "<cbc:Note/>", 11);
      n += 11;
    }
  n += (size_t) snprintf (xml + n, cap - n, "</Invoice>");
  refused (xml, n, "more than 500000 elements");
  free (xml);
}
END_TEST

START_TEST (test_ubl_read_refuses_truncated_and_empty)
{
  static const char full[] = INVOICE_OPEN MINIMAL_HEAD "</Invoice>";

  refused (full, strlen (full) - 5, "not well-formed XML");
  refused ("", 0, "empty");
  refused_str ("<Invoice", "not well-formed XML");
}
END_TEST

START_TEST (test_ubl_read_refuses_wrong_root)
{
  refused_str ("<Order xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Order-2\"/>",
               "Order: not a UBL invoice or credit note");
  /* the right name in no namespace is not UBL either */
  refused_str ("<Invoice><ID>1</ID></Invoice>", "Invoice: not a UBL invoice or credit note");
}
END_TEST

START_TEST (test_ubl_read_refuses_bad_values)
{
  refused_str (INVOICE_OPEN "<cbc:ID>A-1</cbc:ID><cbc:IssueDate>2026-13-01</cbc:IssueDate>"
               "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode></Invoice>",
               "cbc:IssueDate: not a date: '2026-13-01'");
  refused_str (INVOICE_OPEN "<cbc:ID>A-1</cbc:ID><cbc:IssueDate>2026-02-29</cbc:IssueDate>"
               "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode></Invoice>",
               "cbc:IssueDate: not a date: '2026-02-29'");
  refused_str (INVOICE_OPEN MINIMAL_HEAD "<cbc:DueDate>tomorrow</cbc:DueDate></Invoice>",
               "cbc:DueDate: not a date: 'tomorrow'");
  refused_str (INVOICE_OPEN MINIMAL_HEAD
               "<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"EUR\">1,50"
               "</cbc:PayableAmount></cac:LegalMonetaryTotal></Invoice>",
               "cac:LegalMonetaryTotal/cbc:PayableAmount: not an amount: '1,50'");
  refused_str (INVOICE_OPEN MINIMAL_HEAD
               "<cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode=\"C62\">1"
               "</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID=\"EUR\">1e3"
               "</cbc:LineExtensionAmount></cac:InvoiceLine>"
               "<cac:InvoiceLine><cbc:ID>2</cbc:ID></cac:InvoiceLine></Invoice>",
               "cac:InvoiceLine[1]/cbc:LineExtensionAmount: not an amount: '1e3'");
  refused_str (INVOICE_OPEN MINIMAL_HEAD
               "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">1</cbc:TaxAmount>"
               "<cac:TaxSubtotal><cbc:TaxableAmount currencyID=\"EUR\">NaN</cbc:TaxableAmount>"
               "</cac:TaxSubtotal></cac:TaxTotal></Invoice>",
               "cac:TaxTotal/cac:TaxSubtotal[1]/cbc:TaxableAmount: not an amount: 'NaN'");
  /* 16 digits: beyond what is exact */
  refused_str (INVOICE_OPEN MINIMAL_HEAD
               "<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"EUR\">1234567890123456"
               "</cbc:PayableAmount></cac:LegalMonetaryTotal></Invoice>",
               "not an amount: '1234567890123456'");
  refused_str (INVOICE_OPEN MINIMAL_HEAD
               "<cac:AdditionalDocumentReference><cbc:ID>x</cbc:ID><cac:Attachment>"
               "<cbc:EmbeddedDocumentBinaryObject mimeCode=\"application/pdf\" filename=\"a.pdf\">"
               "JVBER!!</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>"
               "</cac:AdditionalDocumentReference></Invoice>",
               "cac:AdditionalDocumentReference[1]/cac:Attachment/"
               "cbc:EmbeddedDocumentBinaryObject: not base64");
  /* padding is required, and only where it belongs */
  refused_str (INVOICE_OPEN MINIMAL_HEAD
               "<cac:AdditionalDocumentReference><cbc:ID>x</cbc:ID><cac:Attachment>"
               "<cbc:EmbeddedDocumentBinaryObject mimeCode=\"text/plain\" filename=\"a.txt\">"
               "aGVsbG8</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>"
               "</cac:AdditionalDocumentReference></Invoice>",
               "not base64 (at character 7)");
  refused_str (INVOICE_OPEN MINIMAL_HEAD
               "<cac:AdditionalDocumentReference><cbc:ID>x</cbc:ID><cac:Attachment>"
               "<cbc:EmbeddedDocumentBinaryObject mimeCode=\"text/plain\" filename=\"a.txt\">"
               "aGVs=bG8=</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>"
               "</cac:AdditionalDocumentReference></Invoice>",
               "not base64 (at character 5)");
  refused_str (INVOICE_OPEN "<cbc:IssueDate>2026-11-02</cbc:IssueDate></Invoice>",
               "cbc:ID: missing");
  refused_str (INVOICE_OPEN "<cbc:ID>1</cbc:ID><cbc:IssueDate>2026-11-02</cbc:IssueDate>"
               "</Invoice>",
               "cbc:DocumentCurrencyCode: missing");
}
END_TEST

START_TEST (test_ubl_read_keeps_decimals_exact)
{
  static const char xml[] = INVOICE_OPEN MINIMAL_HEAD
    "<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID=\"EUR\"> +0.10 "
    "</cbc:LineExtensionAmount><cbc:PayableAmount currencyID=\"EUR\">-.5</cbc:PayableAmount>"
    "</cac:LegalMonetaryTotal><cac:InvoiceLine><cbc:ID>1</cbc:ID>"
    "<cbc:InvoicedQuantity unitCode=\"C62\">3.00000000000</cbc:InvoicedQuantity>"
    "<cbc:LineExtensionAmount currencyID=\"EUR\">0.41375</cbc:LineExtensionAmount>"
    "</cac:InvoiceLine></Invoice>";
  char *json = NULL;
  DokusError err = { 0 };
  cJSON *o;

  ck_assert_msg (dokus_ubl_read_json (xml, strlen (xml), &json, &err) == DOKUS_OK, "%s",
                 err.message);
  o = cJSON_Parse (json);
  free (json);
  ck_assert_str_eq (at (o, "totals.line_extension"), "0.10");
  ck_assert_str_eq (at (o, "totals.payable"), "-0.50");
  ck_assert_str_eq (at (o, "lines[0].quantity"), "3");
  ck_assert_str_eq (at (o, "lines[0].net_amount"), "0.41375");
  cJSON_Delete (o);
}
END_TEST

static Suite *
ubl_read_suite (void)
{
  Suite *s = suite_create ("ubl-read");
  TCase *examples_case = tcase_create ("examples");
  TCase *hostile = tcase_create ("hostile");

  tcase_add_test (examples_case, test_ubl_read_every_official_example);
  tcase_add_test (examples_case, test_ubl_read_base_example);
  tcase_add_test (examples_case, test_ubl_read_belgian_credit_note);
  tcase_add_test (examples_case, test_ubl_read_norwegian_example_with_attachment);
  tcase_add_test (examples_case, test_ubl_read_attachment_bytes);
  tcase_add_test (examples_case, test_ubl_read_keeps_decimals_exact);
  tcase_add_test (hostile, test_ubl_read_refuses_billion_laughs);
  tcase_add_test (hostile, test_ubl_read_refuses_external_entity);
  tcase_add_test (hostile, test_ubl_read_refuses_undeclared_entity);
  tcase_add_test (hostile, test_ubl_read_refuses_11_mib);
  tcase_add_test (hostile, test_ubl_read_refuses_deep_nesting);
  tcase_add_test (hostile, test_ubl_read_refuses_too_many_elements);
  tcase_add_test (hostile, test_ubl_read_refuses_truncated_and_empty);
  tcase_add_test (hostile, test_ubl_read_refuses_wrong_root);
  tcase_add_test (hostile, test_ubl_read_refuses_bad_values);
  suite_add_tcase (s, examples_case);
  suite_add_tcase (s, hostile);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (ubl_read_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}

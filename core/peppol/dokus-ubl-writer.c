/* dokus-ubl-writer.c
 *
 * The UBL 2.1 writer of Peppol BIS Billing 3.0: an issued invoice (380) or
 * credit note (381) from the JSON dokus_document_show() gives, so that
 * what was frozen at issue is what is sent. Elements follow the order of
 * the UBL 2.1 schemas and of the BIS examples; nothing depends on the
 * clock, so the bytes are the same at every export, which the SHA-256
 * stored in document_exports (per writer version; over every byte but the
 * embedded PDF's, which follow the machine's fonts) checks. The PDF of the
 * document, in its language, is embedded (BT-125), and every export is
 * recorded in the audit trail. Choices: docs/peppol.md, "Writer".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <libxml/tree.h>
#include <sodium.h>

#include "../render/dokus-pdf-private.h"
#include "dokus-audit-private.h"
#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus/dokus-ubl.h"

#define NS_CAC "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
#define NS_CBC "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
#define NS_INVOICE "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
#define NS_CREDIT_NOTE "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
#define CUSTOMIZATION_ID \
  "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
#define PROFILE_ID "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
#define ITEM_NAME_MAX 100 /* characters of the description in Item/Name */
#define SHA256_HEX (crypto_hash_sha256_BYTES * 2 + 1)
/* 1: up to 0.1 (hash in documents.ubl_sha256); 2: the PDF embedded, credit
 * notes' payment means, the buyer's address required (document_exports) */
#define WRITER_VERSION 2

typedef struct {
  xmlNsPtr cac, cbc;
} Writer;

/* The string member @key of @o, or NULL when absent, null or "". */
static const char *
get_str (const cJSON *o, const char *key)
{
  const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive (o, key) : NULL;
  return cJSON_IsString (v) && v->valuestring[0] != '\0' ? v->valuestring : NULL;
}

static xmlNodePtr
add_cac (Writer *w, xmlNodePtr parent, const char *name)
{
  return xmlNewChild (parent, w->cac, BAD_CAST name, NULL);
}

/* A cbc element with @text escaped; nothing when @text is NULL. */
static xmlNodePtr
add_cbc (Writer *w, xmlNodePtr parent, const char *name, const char *text)
{
  if (text == NULL)
    return NULL;
  return xmlNewTextChild (parent, w->cbc, BAD_CAST name, BAD_CAST text);
}

static void
add_amount (Writer *w, xmlNodePtr parent, const char *name, const char *amount)
{
  xmlNodePtr n = add_cbc (w, parent, name, amount ? amount : "0.00");
  xmlNewProp (n, BAD_CAST "currencyID", BAD_CAST "EUR");
}

static void
add_with_scheme (Writer *w, xmlNodePtr parent, const char *name, const char *scheme,
                 const char *value)
{
  xmlNodePtr n = add_cbc (w, parent, name, value);
  if (n != NULL && scheme != NULL)
    xmlNewProp (n, BAD_CAST "schemeID", BAD_CAST scheme);
}

/* TaxCategory or ClassifiedTaxCategory: ID, Percent (not for O, which
 * has no rate: BR-O-05), the exemption reason, TaxScheme VAT. */
static void
add_tax_category (Writer *w, xmlNodePtr parent, const char *element, const char *category,
                  const char *rate, const char *reason_code, const char *reason_text)
{
  xmlNodePtr tc = add_cac (w, parent, element);
  add_cbc (w, tc, "ID", category ? category : "S");
  if (category == NULL || strcmp (category, "O") != 0)
    add_cbc (w, tc, "Percent", rate ? rate : "0");
  add_cbc (w, tc, "TaxExemptionReasonCode", reason_code);
  add_cbc (w, tc, "TaxExemptionReason", reason_text);
  add_cbc (w, add_cac (w, tc, "TaxScheme"), "ID", "VAT");
}

/* The EAS code of a VAT number's country (the "99xx" VAT schemes), or NULL. */
static const char *
find_vat_scheme (const char *vat_number)
{
  static const char *const table[][2] = {
    { "AT", "9914" }, { "BE", "9925" }, { "BG", "9926" }, { "CY", "9928" }, { "CZ", "9929" },
    { "DE", "9930" }, { "EE", "9931" }, { "EL", "9933" }, { "ES", "9920" }, { "FR", "9957" },
    { "HR", "9934" }, { "HU", "9910" }, { "IE", "9935" }, { "LT", "9937" }, { "LU", "9938" },
    { "LV", "9939" }, { "MT", "9943" }, { "NL", "9944" }, { "PL", "9945" }, { "PT", "9946" },
    { "RO", "9947" }, { "SI", "9949" }, { "SK", "9950" },
  };
  if (vat_number == NULL || strlen (vat_number) < 3)
    return NULL;
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    if (strncmp (vat_number, table[i][0], 2) == 0)
      return table[i][1];
  return NULL;
}

/* The party's electronic address (BT-34/BT-49): its Peppol id
 * "SCHEME:VALUE"; else its VAT number under its country's VAT scheme; else
 * its enterprise number (0208); else its e-mail address (EM). false when
 * it has none of these. */
static bool
find_endpoint (const cJSON *p, char scheme[16], const char **value)
{
  const char *peppol = get_str (p, "peppol_id"), *colon = peppol ? strchr (peppol, ':') : NULL;
  const char *vat = get_str (p, "vat_number"), *kbo = get_str (p, "enterprise_number");

  if (colon != NULL && colon > peppol && colon[1] != '\0')
    {
      snprintf (scheme, 16, "%.*s", (int) (colon - peppol), peppol);
      *value = colon + 1;
    }
  else if (find_vat_scheme (vat) != NULL)
    {
      snprintf (scheme, 16, "%s", find_vat_scheme (vat));
      *value = vat;
    }
  else if (kbo != NULL)
    {
      snprintf (scheme, 16, "0208");
      *value = kbo;
    }
  else if (get_str (p, "email") != NULL)
    {
      snprintf (scheme, 16, "EM");
      *value = get_str (p, "email");
    }
  else
    return false;
  return true;
}

static void
add_endpoint (Writer *w, xmlNodePtr party, const cJSON *p)
{
  char scheme[16];
  const char *value;

  if (find_endpoint (p, scheme, &value))
    add_with_scheme (w, party, "EndpointID", scheme, value);
}

static void
add_address (Writer *w, xmlNodePtr parent, const char *element, const cJSON *addr,
             const char *country)
{
  xmlNodePtr a = add_cac (w, parent, element);
  add_cbc (w, a, "StreetName", get_str (addr, "street"));
  add_cbc (w, a, "CityName", get_str (addr, "city"));
  add_cbc (w, a, "PostalZone", get_str (addr, "postal_code"));
  add_cbc (w, add_cac (w, a, "Country"), "IdentificationCode",
           country ? country : get_str (addr, "country"));
}

/* AccountingSupplierParty or AccountingCustomerParty from the frozen
 * profile (@seller) or client. A party without a VAT number (a private
 * person) has no PartyTaxScheme. */
static void
add_party (Writer *w, xmlNodePtr root, const char *element, const cJSON *p, bool seller)
{
  xmlNodePtr party = add_cac (w, add_cac (w, root, element), "Party");
  const char *name = get_str (p, "name"), *trading = seller ? get_str (p, "trading_name") : NULL;
  const char *vat = get_str (p, "vat_number"), *kbo = get_str (p, "enterprise_number");
  xmlNodePtr legal;

  add_endpoint (w, party, p);
  add_cbc (w, add_cac (w, party, "PartyName"), "Name", trading ? trading : name);
  add_address (w, party, "PostalAddress", cJSON_GetObjectItemCaseSensitive (p, "address"), NULL);
  if (vat != NULL)
    {
      xmlNodePtr ts = add_cac (w, party, "PartyTaxScheme");
      add_cbc (w, ts, "CompanyID", vat);
      add_cbc (w, add_cac (w, ts, "TaxScheme"), "ID", "VAT");
    }
  legal = add_cac (w, party, "PartyLegalEntity");
  add_cbc (w, legal, "RegistrationName", name);
  add_with_scheme (w, legal, "CompanyID", "0208", kbo);
  if (get_str (p, "email") != NULL)
    add_cbc (w, add_cac (w, party, "Contact"), "ElectronicMail", get_str (p, "email"));
}

static void
add_adjustments (Writer *w, xmlNodePtr root, const cJSON *arr, bool charge)
{
  const cJSON *a;
  cJSON_ArrayForEach (a, arr)
    {
      xmlNodePtr ac = add_cac (w, root, "AllowanceCharge");
      add_cbc (w, ac, "ChargeIndicator", charge ? "true" : "false");
      add_cbc (w, ac, "AllowanceChargeReason", get_str (a, "reason"));
      add_amount (w, ac, "Amount", get_str (a, "amount"));
      add_tax_category (w, ac, "TaxCategory", get_str (a, "vat_category"),
                        get_str (a, "vat_rate"), NULL, NULL);
    }
}

/* The first ITEM_NAME_MAX characters (not bytes) of @text. (transfer full) */
static char *
dup_item_name (const char *text)
{
  size_t chars = 0, i = 0;
  char *out;

  while (text[i] != '\0')
    {
      if (((unsigned char) text[i] & 0xC0) != 0x80 && chars++ == ITEM_NAME_MAX)
        break;
      i++;
    }
  if ((out = malloc (i + 1)) != NULL)
    {
      memcpy (out, text, i);
      out[i] = '\0';
    }
  return out;
}

/* The line discount in cents: round(quantity × unit price, 2) − the line's
 * net, so that LineExtensionAmount = quantity × price − discount (BR-24). */
static DokusStatus
compute_line_discount (const cJSON *line, DokusCents *out, DokusError *err)
{
  DokusDecimal q, p;
  DokusCents gross, net;
  DokusStatus st = dokus_decimal_parse (get_str (line, "quantity"), 4, "quantity", &q, err);
  if (st == DOKUS_OK)
    st = dokus_decimal_parse (get_str (line, "unit_price"), 4, "unit_price", &p, err);
  if (st == DOKUS_OK)
    st = dokus_decimal_product_cents (q, p, dokus_decimal_from_int (1), 0, &gross, err);
  if (st == DOKUS_OK)
    st = dokus_cents_parse (get_str (line, "line_extension_amount"), "line_extension_amount",
                            &net, err);
  if (st == DOKUS_OK)
    *out = gross - net;
  return st;
}

static DokusStatus
add_line (Writer *w, xmlNodePtr root, const cJSON *line, bool credit_note, DokusError *err)
{
  xmlNodePtr l = add_cac (w, root, credit_note ? "CreditNoteLine" : "InvoiceLine"), q, item;
  const cJSON *pos = cJSON_GetObjectItemCaseSensitive (line, "position");
  const char *description = get_str (line, "description");
  const char *discount = get_str (line, "discount_percent"), *unit = get_str (line, "unit");
  char id[24], *name;

  if (cJSON_IsNumber (pos))
    snprintf (id, sizeof id, "%d", pos->valueint);
  else
    snprintf (id, sizeof id, "%s", get_str (line, "position") ? get_str (line, "position") : "1");
  add_cbc (w, l, "ID", id);
  q = add_cbc (w, l, credit_note ? "CreditedQuantity" : "InvoicedQuantity",
               get_str (line, "quantity"));
  xmlNewProp (q, BAD_CAST "unitCode", BAD_CAST (unit ? unit : "C62"));
  add_amount (w, l, "LineExtensionAmount", get_str (line, "line_extension_amount"));
  if (discount != NULL && strcmp (discount, "0") != 0)
    {
      DokusCents cents;
      char amount[DOKUS_MONEY_TEXT];
      DokusStatus st = compute_line_discount (line, &cents, err);
      if (st != DOKUS_OK)
        return st;
      xmlNodePtr ac = add_cac (w, l, "AllowanceCharge");
      add_cbc (w, ac, "ChargeIndicator", "false");
      add_cbc (w, ac, "AllowanceChargeReason", "Discount");
      add_amount (w, ac, "Amount", dokus_cents_format (cents, amount));
    }
  item = add_cac (w, l, "Item");
  add_cbc (w, item, "Description", description);
  name = dup_item_name (description ? description : "");
  if (name == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  add_cbc (w, item, "Name", name);
  free (name);
  add_tax_category (w, item, "ClassifiedTaxCategory", get_str (line, "vat_category"),
                    get_str (line, "vat_rate"), NULL, NULL);
  add_amount (w, add_cac (w, l, "Price"), "PriceAmount", get_str (line, "unit_price"));
  return DOKUS_OK;
}

/* The single document-level note (PEPPOL-EN16931-R002: at most one): the
 * document's note, then its legal mentions, one a line. (transfer full) */
static char *
dup_note (const cJSON *doc)
{
  const cJSON *m;
  size_t len = 1;
  char *out;

  if (get_str (doc, "note") != NULL)
    len += strlen (get_str (doc, "note")) + 1;
  cJSON_ArrayForEach (m, cJSON_GetObjectItemCaseSensitive (doc, "mentions"))
    if (cJSON_IsString (m))
      len += strlen (m->valuestring) + 1;
  if ((out = calloc (1, len)) == NULL)
    return NULL;
  if (get_str (doc, "note") != NULL)
    strcat (out, get_str (doc, "note"));
  cJSON_ArrayForEach (m, cJSON_GetObjectItemCaseSensitive (doc, "mentions"))
    if (cJSON_IsString (m) && m->valuestring[0] != '\0')
      {
        if (out[0] != '\0')
          strcat (out, "\n");
        strcat (out, m->valuestring);
      }
  return out;
}

/* BT-122..BT-125: the PDF of the document as an additional document
 * reference, named after the document's number. */
static void
add_embedded_pdf (Writer *w, xmlNodePtr root, const cJSON *doc, const char *pdf_base64,
                  const char *description)
{
  const char *number = get_str (doc, "number");
  xmlNodePtr ref = add_cac (w, root, "AdditionalDocumentReference"), bin;
  char filename[DOKUS_NUMBER_TEXT + 8];

  /* a series prefix may hold '/': not in a file name */
  snprintf (filename, sizeof filename, "%s.pdf", number ? number : "document");
  for (char *c = filename; *c != '\0'; c++)
    if (*c == '/' || *c == '\\')
      *c = '-';
  add_cbc (w, ref, "ID", number);
  add_cbc (w, ref, "DocumentDescription", description);
  bin = add_cbc (w, add_cac (w, ref, "Attachment"), "EmbeddedDocumentBinaryObject", pdf_base64);
  xmlNewProp (bin, BAD_CAST "mimeCode", BAD_CAST "application/pdf");
  xmlNewProp (bin, BAD_CAST "filename", BAD_CAST filename);
}

/* A credit note's payment means: the seller owes the buyer the amount,
 * so the seller's account is not where it is paid to (BR-61 would want
 * the payee's account with a credit transfer). UNCL4461 97, clearing
 * between partners: set off against the invoice or refunded, the credit
 * note's number as the reference (docs/peppol.md). */
static void
add_credit_note_payment (Writer *w, xmlNodePtr root, const cJSON *doc)
{
  const cJSON *billing = cJSON_GetObjectItemCaseSensitive (doc, "billing_reference");
  xmlNodePtr pm = add_cac (w, root, "PaymentMeans");
  char terms[200];

  add_cbc (w, pm, "PaymentMeansCode", "97");
  add_cbc (w, pm, "PaymentID", get_str (doc, "number"));
  if (get_str (billing, "number") != NULL)
    {
      snprintf (terms, sizeof terms, "Set off against invoice %s or refunded",
                get_str (billing, "number"));
      add_cbc (w, add_cac (w, root, "PaymentTerms"), "Note", terms);
    }
}

static DokusStatus
build_xml (const cJSON *doc, const char *pdf_base64, const char *pdf_description, xmlDocPtr *out,
           DokusError *err)
{
  const char *type = get_str (doc, "type");
  bool credit_note = type != NULL && strcmp (type, "credit_note") == 0;
  const cJSON *totals = cJSON_GetObjectItemCaseSensitive (doc, "totals");
  const cJSON *delivery = cJSON_GetObjectItemCaseSensitive (doc, "delivery");
  const cJSON *billing = cJSON_GetObjectItemCaseSensitive (doc, "billing_reference");
  const cJSON *seller = cJSON_GetObjectItemCaseSensitive (doc, "seller");
  const cJSON *v, *line;
  const char *buyer_ref;
  xmlDocPtr x = xmlNewDoc (BAD_CAST "1.0");
  xmlNodePtr root, tax_total, mt;
  Writer w;
  char *note;
  DokusStatus st = DOKUS_OK;

  *out = NULL;
  if (x == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  root = xmlNewNode (NULL, BAD_CAST (credit_note ? "CreditNote" : "Invoice"));
  xmlDocSetRootElement (x, root);
  xmlSetNs (root, xmlNewNs (root, BAD_CAST (credit_note ? NS_CREDIT_NOTE : NS_INVOICE), NULL));
  w.cac = xmlNewNs (root, BAD_CAST NS_CAC, BAD_CAST "cac");
  w.cbc = xmlNewNs (root, BAD_CAST NS_CBC, BAD_CAST "cbc");

  add_cbc (&w, root, "CustomizationID", CUSTOMIZATION_ID);
  add_cbc (&w, root, "ProfileID", PROFILE_ID);
  add_cbc (&w, root, "ID", get_str (doc, "number"));
  add_cbc (&w, root, "IssueDate", get_str (doc, "issue_date"));
  if (!credit_note)
    add_cbc (&w, root, "DueDate", get_str (doc, "due_date"));
  add_cbc (&w, root, credit_note ? "CreditNoteTypeCode" : "InvoiceTypeCode",
           credit_note ? "381" : "380");
  if ((note = dup_note (doc)) == NULL)
    {
      xmlFreeDoc (x);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
    }
  if (note[0] != '\0')
    add_cbc (&w, root, "Note", note);
  free (note);
  add_cbc (&w, root, "DocumentCurrencyCode", "EUR");
  /* PEPPOL-EN16931-R003: a buyer reference or an order reference */
  buyer_ref = get_str (doc, "buyer_reference");
  if (buyer_ref == NULL)
    buyer_ref = get_str (doc, "order_reference");
  if (buyer_ref == NULL)
    buyer_ref = get_str (doc, "number");
  add_cbc (&w, root, "BuyerReference", buyer_ref);
  if (get_str (doc, "order_reference") != NULL)
    add_cbc (&w, add_cac (&w, root, "OrderReference"), "ID", get_str (doc, "order_reference"));
  if (credit_note && cJSON_IsObject (billing) && get_str (billing, "number") != NULL)
    {
      xmlNodePtr ref = add_cac (&w, add_cac (&w, root, "BillingReference"),
                                "InvoiceDocumentReference");
      add_cbc (&w, ref, "ID", get_str (billing, "number"));
      add_cbc (&w, ref, "IssueDate", get_str (billing, "issue_date"));
    }
  add_embedded_pdf (&w, root, doc, pdf_base64, pdf_description);
  add_party (&w, root, "AccountingSupplierParty", seller, true);
  add_party (&w, root, "AccountingCustomerParty", cJSON_GetObjectItemCaseSensitive (doc, "buyer"),
             false);
  if (cJSON_IsObject (delivery))
    {
      xmlNodePtr d = add_cac (&w, root, "Delivery");
      add_cbc (&w, d, "ActualDeliveryDate", get_str (delivery, "date"));
      if (get_str (delivery, "country") != NULL)
        add_address (&w, add_cac (&w, d, "DeliveryLocation"), "Address", NULL,
                     get_str (delivery, "country"));
    }
  if (credit_note)
    add_credit_note_payment (&w, root, doc);
  else
    {
      const char *iban = get_str (seller, "iban");
      xmlNodePtr pm = add_cac (&w, root, "PaymentMeans");
      /* BR-50: a credit transfer (30) names the account; without one, 1 */
      add_cbc (&w, pm, "PaymentMeansCode", iban ? "30" : "1");
      add_cbc (&w, pm, "PaymentID", get_str (doc, "structured_communication"));
      if (iban != NULL)
        {
          xmlNodePtr acct = add_cac (&w, pm, "PayeeFinancialAccount");
          add_cbc (&w, acct, "ID", iban);
          if (get_str (seller, "bic") != NULL)
            add_cbc (&w, add_cac (&w, acct, "FinancialInstitutionBranch"), "ID",
                     get_str (seller, "bic"));
        }
      if (get_str (doc, "due_date") != NULL)
        {
          char terms[160];
          if (get_str (doc, "structured_communication") != NULL)
            snprintf (terms, sizeof terms, "Payable by %s with the communication %s",
                      get_str (doc, "due_date"), get_str (doc, "structured_communication"));
          else
            snprintf (terms, sizeof terms, "Payable by %s", get_str (doc, "due_date"));
          add_cbc (&w, add_cac (&w, root, "PaymentTerms"), "Note", terms);
        }
    }
  add_adjustments (&w, root, cJSON_GetObjectItemCaseSensitive (doc, "allowances"), false);
  add_adjustments (&w, root, cJSON_GetObjectItemCaseSensitive (doc, "charges"), true);

  tax_total = add_cac (&w, root, "TaxTotal");
  add_amount (&w, tax_total, "TaxAmount", get_str (totals, "tax_amount"));
  cJSON_ArrayForEach (v, cJSON_GetObjectItemCaseSensitive (doc, "vat_breakdown"))
    {
      xmlNodePtr sub = add_cac (&w, tax_total, "TaxSubtotal");
      add_amount (&w, sub, "TaxableAmount", get_str (v, "taxable_amount"));
      add_amount (&w, sub, "TaxAmount", get_str (v, "tax_amount"));
      add_tax_category (&w, sub, "TaxCategory", get_str (v, "category"), get_str (v, "rate"),
                        get_str (v, "exemption_reason"), get_str (v, "exemption_reason_text"));
    }

  mt = add_cac (&w, root, "LegalMonetaryTotal");
  add_amount (&w, mt, "LineExtensionAmount", get_str (totals, "line_extension_amount"));
  add_amount (&w, mt, "TaxExclusiveAmount", get_str (totals, "tax_exclusive_amount"));
  add_amount (&w, mt, "TaxInclusiveAmount", get_str (totals, "tax_inclusive_amount"));
  add_amount (&w, mt, "AllowanceTotalAmount", get_str (totals, "allowance_total_amount"));
  add_amount (&w, mt, "ChargeTotalAmount", get_str (totals, "charge_total_amount"));
  add_amount (&w, mt, "PrepaidAmount", get_str (totals, "prepaid_amount"));
  add_amount (&w, mt, "PayableAmount", get_str (totals, "payable_amount"));

  cJSON_ArrayForEach (line, cJSON_GetObjectItemCaseSensitive (doc, "lines"))
    if ((st = add_line (&w, root, line, credit_note, err)) != DOKUS_OK)
      break;
  if (st != DOKUS_OK)
    {
      xmlFreeDoc (x);
      return st;
    }
  *out = x;
  return DOKUS_OK;
}

/* Checks @hex (content_hash()) against the hash this writer version
 * stored at the document's first export, or stores it; and appends the
 * export's audit entry with @bytes_hex, the hash of all the bytes handed
 * out. One short write transaction. */
static DokusStatus
record_export (sqlite3 *db, const char *id, const char *number, const char *type,
               const char *hex, const char *bytes_hex, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = dokus_ledger_begin (db, err);
  char after[300];
  int rc;

  if (st != DOKUS_OK)
    return st;
  rc = sqlite3_prepare_v2 (db,
                           "SELECT sha256 FROM document_exports WHERE document_id = ?1 AND "
                           "format = 'ubl' AND writer_version = ?2",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, WRITER_VERSION);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    {
      if (strcmp ((const char *) sqlite3_column_text (stmt, 0), hex) != 0)
        st = dokus_error_set (err, DOKUS_ERR_CORRUPT, "ubl_sha256",
                              "the UBL of %s differs from its first export (SHA-256 %s): "
                              "the frozen document or the writer changed",
                              number, (const char *) sqlite3_column_text (stmt, 0));
    }
  else if (rc == SQLITE_DONE)
    {
      sqlite3_finalize (stmt);
      stmt = NULL;
      rc = sqlite3_prepare_v2 (db,
                               "INSERT INTO document_exports (document_id, format, "
                               "writer_version, sha256) VALUES (?1, 'ubl', ?2, ?3)",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 2, WRITER_VERSION);
          sqlite3_bind_text (stmt, 3, hex, -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
        }
      if (rc != SQLITE_DONE)
        st = dokus_book_sqlite_error (db, rc, "storing the UBL's SHA-256", err);
    }
  else
    st = dokus_book_sqlite_error (db, rc, "reading the UBL's SHA-256", err);
  sqlite3_finalize (stmt);
  if (st == DOKUS_OK)
    {
      snprintf (after, sizeof after,
                "{\"format\":\"ubl\",\"writer_version\":%d,\"sha256\":\"%s\","
                "\"content_sha256\":\"%s\"}",
                WRITER_VERSION, bytes_hex, hex);
      st = dokus_audit_append (db, "export", type, id, NULL, after, err);
    }
  if (st == DOKUS_OK)
    return dokus_ledger_commit (db, err);
  dokus_ledger_rollback (db);
  return st;
}

/* The SHA-256 of the UBL @xml without the text of the embedded PDF
 * @pdf_base64: every byte the writer decides. The PDF's own bytes follow
 * the fonts and the cairo version of the machine that draws it, and a
 * book moves between machines; what it shows comes from the same frozen
 * data as the rest (docs/peppol.md, "Hashes"). */
static void
content_hash (const xmlChar *xml, size_t len, const char *pdf_base64,
              unsigned char hash[crypto_hash_sha256_BYTES])
{
  crypto_hash_sha256_state state;
  const char *at = strstr ((const char *) xml, pdf_base64);
  size_t skip = strlen (pdf_base64), head = at ? (size_t) (at - (const char *) xml) : len;

  crypto_hash_sha256_init (&state);
  crypto_hash_sha256_update (&state, xml, head);
  if (at != NULL)
    crypto_hash_sha256_update (&state, xml + head + skip, len - head - skip);
  crypto_hash_sha256_final (&state, hash);
}

/* The PDF of @doc in its own language, base64 (transfer full), and the
 * description of the attachment ("Factuur 2026-0001"). */
static DokusStatus
dup_pdf_base64 (const cJSON *doc, char **out, char description[160], DokusError *err)
{
  const char *language = get_str (doc, "language"), *type = get_str (doc, "type");
  unsigned char *pdf = NULL;
  size_t len = 0, b64_len;
  DokusStatus st;
  static const char *const titles[][3] = {
    { "nl", "Factuur", "Creditnota" },
    { "fr", "Facture", "Note de crédit" },
    { "de", "Rechnung", "Gutschrift" },
    { "en", "Invoice", "Credit note" },
  };
  size_t t = 3;

  *out = NULL;
  for (size_t i = 0; i < 4; i++)
    if (language != NULL && strcmp (language, titles[i][0]) == 0)
      t = i;
  st = dokus_pdf_render_json (doc, titles[t][0], &pdf, &len, NULL, err);
  if (st != DOKUS_OK)
    return st;
  snprintf (description, 160, "%s %s",
            titles[t][type != NULL && strcmp (type, "credit_note") == 0 ? 2 : 1],
            get_str (doc, "number"));
  b64_len = sodium_base64_ENCODED_LEN (len, sodium_base64_VARIANT_ORIGINAL);
  if ((*out = malloc (b64_len)) == NULL)
    st = dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  else
    sodium_bin2base64 (*out, b64_len, pdf, len, sodium_base64_VARIANT_ORIGINAL);
  free (pdf);
  return st;
}

DokusStatus
dokus_ubl_export (DokusBook *book, const char *id_or_number, char **out_xml, size_t *out_len,
                  DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char id[DOKUS_ID_TEXT], *json = NULL, hex[SHA256_HEX], bytes_hex[SHA256_HEX], *pdf = NULL;
  char description[160];
  char scheme[16];
  const char *endpoint;
  unsigned char hash[crypto_hash_sha256_BYTES];
  cJSON *doc = NULL;
  xmlDocPtr x = NULL;
  xmlChar *buf = NULL;
  int len = 0;
  DokusStatus st;

  assert (book != NULL && id_or_number != NULL && out_xml != NULL);
  *out_xml = NULL;
  if (out_len != NULL)
    *out_len = 0;
  st = dokus_doc_resolve (db, id_or_number, id, err);
  if (st == DOKUS_OK)
    st = dokus_document_show_text (db, id, &json, err);
  if (st != DOKUS_OK)
    goto out;
  if ((doc = cJSON_Parse (json)) == NULL)
    {
      st = dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
      goto out;
    }
  if (get_str (doc, "number") == NULL
      || strcmp (get_str (doc, "status") ? get_str (doc, "status") : "draft", "draft") == 0)
    {
      st = dokus_error_set (err, DOKUS_ERR_REFUSED, "document",
                            "a draft has no number: issue it first");
      goto out;
    }
  /* PEPPOL-EN16931-R010: the buyer's electronic address is mandatory */
  if (!find_endpoint (cJSON_GetObjectItemCaseSensitive (doc, "buyer"), scheme, &endpoint))
    {
      st = dokus_error_set (err, DOKUS_ERR_REFUSED, "buyer.email",
                            "%s has no electronic address for Peppol (a Peppol id, VAT or "
                            "enterprise number, or an e-mail address), which BIS Billing 3.0 "
                            "requires: send the PDF instead",
                            get_str (cJSON_GetObjectItemCaseSensitive (doc, "buyer"), "name")
                              ? get_str (cJSON_GetObjectItemCaseSensitive (doc, "buyer"), "name")
                              : "the client");
      goto out;
    }
  if ((st = dup_pdf_base64 (doc, &pdf, description, err)) != DOKUS_OK)
    goto out;
  if ((st = build_xml (doc, pdf, description, &x, err)) != DOKUS_OK)
    goto out;
  xmlDocDumpFormatMemoryEnc (x, &buf, &len, "UTF-8", 1);
  if (buf == NULL || len <= 0)
    {
      st = dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory writing the UBL");
      goto out;
    }
  crypto_hash_sha256 (hash, buf, (unsigned long long) len);
  sodium_bin2hex (bytes_hex, sizeof bytes_hex, hash, sizeof hash);
  content_hash (buf, (size_t) len, pdf, hash);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  if ((st = record_export (db, id, get_str (doc, "number"), get_str (doc, "type"), hex, bytes_hex,
                           err))
      != DOKUS_OK)
    goto out;
  if ((*out_xml = malloc ((size_t) len + 1)) == NULL)
    {
      st = dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
      goto out;
    }
  memcpy (*out_xml, buf, (size_t) len);
  (*out_xml)[len] = '\0';
  if (out_len != NULL)
    *out_len = (size_t) len;
out:
  xmlFree (buf);
  xmlFreeDoc (x);
  cJSON_Delete (doc);
  free (pdf);
  free (json);
  return st;
}

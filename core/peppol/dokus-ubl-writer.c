/* dokus-ubl-writer.c
 *
 * The UBL 2.1 writer of Peppol BIS Billing 3.0: an issued invoice (380) or
 * credit note (381) from the JSON dokus_document_show() gives (as a cJSON
 * object, without the derived balance: dokus_document_to_json()), so that
 * what was frozen at issue is what is sent. Its queries are prepared once
 * per open book (dokus-stmt-cache.c). Elements follow the order of
 * the UBL 2.1 schemas and of the BIS examples; nothing depends on the
 * clock, so the bytes are the same at every export, which the SHA-256
 * stored in document_exports (per writer version; over every byte but the
 * embedded PDF's, which follow the machine's fonts) checks. The PDF of the
 * document, in its language, is embedded (BT-125), drawn once and kept in
 * the book (document_renderings). Every document produced passes the
 * native Peppol validator before anything is stored or handed out; the
 * first export by a writer version is recorded in the audit trail.
 * Choices: docs/peppol.md, "Writer".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdint.h>
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
#include "dokus-stmt-cache-private.h"
#include "dokus-ubl-check-private.h"
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
/* where the PDF's base64 goes until it is spliced in (splice_pdf()):
 * "@PDF-" and 32 random hex digits, so that no text of the document can
 * be taken for it */
#define PDF_MARK_TEXT 48
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
 * its enterprise number (0208). false when it has none of these: an
 * e-mail address ("EM") is no longer one Peppol takes (BIS 3.0.21,
 * PEPPOL-EN16931-CL008). */
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

/* BT-33, the seller's additional legal information: its legal form and
 * register (art. III.25 WER/CDE), "BV, RPR Gent, afdeling Gent". */
static void
add_legal_form (Writer *w, xmlNodePtr legal, const cJSON *seller)
{
  const char *form = get_str (seller, "legal_form"), *reg = get_str (seller, "register");
  char text[160];

  if (form == NULL && reg == NULL)
    return;
  snprintf (text, sizeof text, "%s%s%s", form ? form : "", form && reg ? ", " : "",
            reg ? reg : "");
  add_cbc (w, legal, "CompanyLegalForm", text);
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
  if (seller)
    add_legal_form (w, legal, p);
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

/* The hash this writer version stored at the document's first export
 * into @out; "" when it was never exported. */
static DokusStatus
read_export_hash (sqlite3 *db, const char *id, char out[SHA256_HEX], DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = dokus_stmt_cache_prepare (db,
                                     "SELECT sha256 FROM document_exports WHERE document_id = ?1"
                                     " AND format = 'ubl' AND writer_version = ?2",
                                     &stmt);

  out[0] = '\0';
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, WRITER_VERSION);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    snprintf (out, SHA256_HEX, "%s", (const char *) sqlite3_column_text (stmt, 0));
  dokus_stmt_cache_release (db, stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return dokus_book_sqlite_error (db, rc, "reading the UBL's SHA-256", err);
  return DOKUS_OK;
}

static DokusStatus
refuse_changed (const char *number, const char *stored, DokusError *err)
{
  return dokus_error_set (err, DOKUS_ERR_CORRUPT, "ubl_sha256",
                          "the UBL of %s differs from its first export (SHA-256 %s): "
                          "the frozen document or the writer changed",
                          number, stored);
}

/* The first export by this writer version: stores @hex (splice_pdf())
 * and appends the audit entry with the hash of all the bytes handed out,
 * @xml, in the caller's transaction. */
static DokusStatus
record_first_export (sqlite3 *db, const char *id, const char *type, const char *hex,
                     const char *xml, size_t len, DokusError *err)
{
  unsigned char hash[crypto_hash_sha256_BYTES];
  char after[300], bytes_hex[SHA256_HEX];
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "INSERT INTO document_exports (document_id, format, "
                               "writer_version, sha256) VALUES (?1, 'ubl', ?2, ?3)",
                               -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, WRITER_VERSION);
      sqlite3_bind_text (stmt, 3, hex, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "storing the UBL's SHA-256", err);
  crypto_hash_sha256 (hash, (const unsigned char *) xml, (unsigned long long) len);
  sodium_bin2hex (bytes_hex, sizeof bytes_hex, hash, sizeof hash);
  snprintf (after, sizeof after,
            "{\"format\":\"ubl\",\"writer_version\":%d,\"sha256\":\"%s\","
            "\"content_sha256\":\"%s\"}",
            WRITER_VERSION, bytes_hex, hex);
  return dokus_audit_append (db, "export", type, id, NULL, after, err);
}

/* Records a validated export: checks @hex against the hash this writer
 * version stored at the document's first export. The first export stores
 * it and appends the audit entry; a later one, the same bytes the writer
 * decided, writes nothing to the audit trail: the first entry already
 * proves what left the book (docs/peppol.md, "Hashes and writer
 * versions"). A PDF drawn now
 * (@r) is kept. A repeat export with its PDF kept writes nothing at all. */
static DokusStatus
record_export (sqlite3 *db, const char *id, const char *number, const char *type,
               const char *language, const DokusPdfRendering *r, const char *hex,
               const char *xml, size_t len, DokusError *err)
{
  char stored[SHA256_HEX];
  DokusStatus st = read_export_hash (db, id, stored, err);

  if (st != DOKUS_OK)
    return st;
  if (stored[0] != '\0' && strcmp (stored, hex) != 0)
    return refuse_changed (number, stored, err);
  if (stored[0] != '\0' && (r->stored || !r->complete))
    return DOKUS_OK;
  if ((st = dokus_ledger_begin (db, err)) != DOKUS_OK)
    return st;
  st = dokus_pdf_rendering_store (db, id, language, r, err);
  /* again inside the transaction: another process may have been first */
  if (st == DOKUS_OK && stored[0] == '\0')
    st = read_export_hash (db, id, stored, err);
  if (st == DOKUS_OK && stored[0] != '\0' && strcmp (stored, hex) != 0)
    st = refuse_changed (number, stored, err);
  else if (st == DOKUS_OK && stored[0] == '\0')
    st = record_first_export (db, id, type, hex, xml, len, err);
  if (st == DOKUS_OK)
    return dokus_ledger_commit (db, err);
  dokus_ledger_rollback (db);
  return st;
}

/* Standard base64 (RFC 4648, padded) of @len bytes of @in into @out,
 * NUL-terminated; the same text as sodium_bin2base64's
 * sodium_base64_VARIANT_ORIGINAL, which is constant-time and several times
 * slower: a PDF is no secret. */
static void
encode_base64 (const unsigned char *in, size_t len, char *out)
{
  static const char digits[]
    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;

  for (; i + 3 <= len; i += 3)
    {
      uint32_t v = (uint32_t) in[i] << 16 | (uint32_t) in[i + 1] << 8 | in[i + 2];
      *out++ = digits[v >> 18];
      *out++ = digits[(v >> 12) & 63];
      *out++ = digits[(v >> 6) & 63];
      *out++ = digits[v & 63];
    }
  if (i < len)
    {
      uint32_t v = (uint32_t) in[i] << 16 | (i + 1 < len ? (uint32_t) in[i + 1] << 8 : 0);
      *out++ = digits[v >> 18];
      *out++ = digits[(v >> 12) & 63];
      *out++ = i + 1 < len ? digits[(v >> 6) & 63] : '=';
      *out++ = '=';
    }
  *out = '\0';
}

/* The first @mark (@mark_len bytes) in @hay (@len bytes), or NULL
 * (memmem() is not portable). */
static const unsigned char *
find_mark (const unsigned char *hay, size_t len, const char *mark, size_t mark_len)
{
  const unsigned char *p = hay, *end = hay + len;

  while ((size_t) (end - p) >= mark_len
         && (p = memchr (p, mark[0], (size_t) (end - p) - mark_len + 1)) != NULL)
    {
      if (memcmp (p, mark, mark_len) == 0)
        return p;
      p++;
    }
  return NULL;
}

/* A new mark for splice_pdf(). */
static void
make_pdf_mark (char mark[PDF_MARK_TEXT])
{
  unsigned char r[16];

  randombytes_buf (r, sizeof r);
  memcpy (mark, "@PDF-", 5);
  sodium_bin2hex (mark + 5, PDF_MARK_TEXT - 5, r, sizeof r);
  strcat (mark, "@");
}

/* The serialised UBL @xml (@len bytes, the text of its embedded document
 * the mark @pdf_mark) with the PDF @pdf in base64 in the mark's place,
 * into *@out (transfer full, NUL-terminated) and *@out_len; and @hash,
 * the SHA-256 of every
 * byte but the base64: every byte the writer decides. The PDF's own bytes
 * follow the fonts and the cairo version of the machine that drew it, and
 * a book moves between machines; what it shows comes from the same frozen
 * data as the rest (docs/peppol.md, "Hashes and writer versions"). Splicing the base64 in,
 * rather than giving it to libxml2, spares escaping and copying it twice;
 * base64 needs no escaping, so the bytes are the same. */
static DokusStatus
splice_pdf (const xmlChar *xml, size_t len, const char *pdf_mark, const DokusPdfRendering *pdf,
            char **out, size_t *out_len, unsigned char hash[crypto_hash_sha256_BYTES],
            DokusError *err)
{
  size_t mark = strlen (pdf_mark), b64 = (pdf->len + 2) / 3 * 4, head, tail;
  const unsigned char *at = find_mark (xml, len, pdf_mark, mark);
  crypto_hash_sha256_state state;

  assert (at != NULL);
  head = (size_t) (at - xml);
  tail = len - head - mark;
  if ((*out = malloc (head + b64 + tail + 1)) == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  memcpy (*out, xml, head);
  encode_base64 (pdf->pdf, pdf->len, *out + head);
  memcpy (*out + head + b64, at + mark, tail);
  (*out)[head + b64 + tail] = '\0';
  *out_len = head + b64 + tail;
  crypto_hash_sha256_init (&state);
  crypto_hash_sha256_update (&state, xml, head);
  crypto_hash_sha256_update (&state, at + mark, tail);
  crypto_hash_sha256_final (&state, hash);
  return DOKUS_OK;
}

/* The language of @doc's PDF (its own, else en) and the description of
 * the attachment ("Factuur 2026-0001"). */
static const char *
find_pdf_language (const cJSON *doc, char description[160])
{
  const char *language = get_str (doc, "language"), *type = get_str (doc, "type");
  static const char *const titles[][3] = {
    { "nl", "Factuur", "Creditnota" },
    { "fr", "Facture", "Note de crédit" },
    { "de", "Rechnung", "Gutschrift" },
    { "en", "Invoice", "Credit note" },
  };
  size_t t = 3;

  for (size_t i = 0; i < 4; i++)
    if (language != NULL && strcmp (language, titles[i][0]) == 0)
      t = i;
  snprintf (description, 160, "%s %s",
            titles[t][type != NULL && strcmp (type, "credit_note") == 0 ? 2 : 1],
            get_str (doc, "number"));
  return titles[t][0];
}

DokusStatus
dokus_ubl_export (DokusBook *book, const char *id_or_number, char **out_xml, size_t *out_len,
                  DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char id[DOKUS_ID_TEXT], hex[SHA256_HEX], *xml = NULL;
  char description[160], pdf_mark[PDF_MARK_TEXT];
  char scheme[16];
  const char *endpoint, *language;
  DokusPdfRendering rendering = { 0 };
  unsigned char hash[crypto_hash_sha256_BYTES];
  cJSON *doc = NULL;
  xmlDocPtr x = NULL;
  xmlChar *buf = NULL;
  int len = 0;
  size_t xml_len = 0;
  DokusStatus st;

  assert (book != NULL && id_or_number != NULL && out_xml != NULL);
  *out_xml = NULL;
  if (out_len != NULL)
    *out_len = 0;
  st = dokus_doc_resolve (db, id_or_number, id, err);
  /* the frozen document as dokus_document_show() gives it, without the
   * derived balance, which neither the UBL nor the PDF shows */
  if (st == DOKUS_OK)
    st = dokus_document_to_json (db, id, false, &doc, err);
  if (st != DOKUS_OK)
    goto out;
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
      st = dokus_error_set (err, DOKUS_ERR_REFUSED, "buyer.peppol_id",
                            "%s has no electronic address for Peppol (a Peppol id, VAT or "
                            "enterprise number), which BIS Billing 3.0 requires: send the PDF "
                            "instead",
                            get_str (cJSON_GetObjectItemCaseSensitive (doc, "buyer"), "name")
                              ? get_str (cJSON_GetObjectItemCaseSensitive (doc, "buyer"), "name")
                              : "the client");
      goto out;
    }
  language = find_pdf_language (doc, description);
  if ((st = dokus_pdf_rendering_get (db, id, doc, language, &rendering, err)) != DOKUS_OK)
    goto out;
  make_pdf_mark (pdf_mark);
  if ((st = build_xml (doc, pdf_mark, description, &x, err)) != DOKUS_OK)
    goto out;
  xmlDocDumpFormatMemoryEnc (x, &buf, &len, "UTF-8", 1);
  if (buf == NULL || len <= 0)
    {
      st = dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory writing the UBL");
      goto out;
    }
  if ((st = splice_pdf (buf, (size_t) len, pdf_mark, &rendering, &xml, &xml_len, hash, err))
      != DOKUS_OK)
    goto out;
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  /* we never emit a document that fails: nothing is stored before this */
  if ((st = dokus_ubl_check (xml, xml_len, get_str (doc, "number"), err)) != DOKUS_OK)
    goto out;
  if ((st = record_export (db, id, get_str (doc, "number"), get_str (doc, "type"), language,
                           &rendering, hex, xml, xml_len, err))
      != DOKUS_OK)
    goto out;
  *out_xml = xml;
  xml = NULL;
  if (out_len != NULL)
    *out_len = xml_len;
out:
  dokus_pdf_rendering_clear (&rendering);
  xmlFree (buf);
  xmlFreeDoc (x);
  cJSON_Delete (doc);
  free (xml);
  return st;
}

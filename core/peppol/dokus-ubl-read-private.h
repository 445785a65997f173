/* dokus-ubl-read-private.h
 *
 * The purchase document the UBL reader fills (dokus-ubl-read.h), shared
 * by the reader, its JSON rendering and the import. Every string and
 * array lives in the document's arena and goes with dokus_purchase_doc_free();
 * absent optional strings are NULL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <libxml/xmlerror.h>

#include "dokus/dokus-date.h"
#include "dokus/dokus-money.h"
#include "dokus/dokus-ubl-read.h"

typedef struct UblArenaBlock UblArenaBlock;

typedef struct {
  bool         present;
  DokusDecimal value;
  const char  *currency; /* currencyID, or NULL */
} UblAmount;

typedef struct {
  bool         present;
  DokusDecimal value;
  const char  *unit; /* unitCode, or NULL */
} UblQuantity;

typedef struct {
  bool      present;
  DokusDate value;
} UblDate;

typedef struct {
  const char  *category; /* UNCL5305: S, Z, E, AE, K, G, O, L, M */
  bool         has_rate;
  DokusDecimal rate;
  const char  *exemption_reason, *exemption_code;
} UblTaxCategory;

typedef struct {
  bool           present;
  const char    *name, *legal_name, *vat_id, *tax_id, *company_id, *company_id_scheme;
  const char    *party_id, *party_id_scheme, *endpoint_id, *endpoint_scheme;
  const char    *street, *additional_street, *city, *postal_zone, *subdivision, *country;
  const char    *contact_name, *contact_phone, *contact_email;
} UblParty;

typedef struct {
  bool           charge;
  UblAmount      amount, base;
  bool           has_percent;
  DokusDecimal   percent;
  const char    *reason, *reason_code;
  UblTaxCategory vat;
} UblAllowanceCharge;

typedef struct {
  const char         *id, *note, *accounting_cost, *order_line_reference;
  UblQuantity         quantity;
  UblAmount           net;
  UblDate             period_start, period_end;
  const char         *item_name, *item_description, *sellers_id, *buyers_id;
  const char         *standard_id, *standard_id_scheme, *origin_country;
  UblTaxCategory      vat;
  UblAmount           price, price_discount, price_gross;
  UblQuantity         base_quantity;
  UblAllowanceCharge *allowances;
  size_t              n_allowances;
} UblLine;

typedef struct {
  UblTaxCategory vat;
  UblAmount      taxable, tax;
} UblVatRow;

typedef struct {
  const char *code, *name, *payment_id, *iban, *account_name, *bic, *card, *mandate_id,
             *debited_account;
} UblPaymentMeans;

typedef struct {
  const char          *id, *description, *filename, *mime_type, *uri;
  const unsigned char *data; /* NULL for a link */
  size_t               len;
} UblAttachment;

typedef struct {
  const char *number;
  UblDate     issue_date;
} UblBillingReference;

struct DokusPurchaseDoc {
  UblArenaBlock       *arena;
  bool                 credit_note;
  const char          *type_code, *customization_id, *profile_id, *number;
  UblDate              issue_date, due_date, tax_point_date;
  const char          *currency, *tax_currency, *buyer_reference, *accounting_cost;
  const char          *order_reference, *sales_order_reference, *contract_reference;
  const char          *project_reference, *despatch_reference, *receiving_reference;
  const char          *originator_reference, *payment_terms;
  const char         **notes;
  size_t               n_notes;
  UblBillingReference *billing_refs;
  size_t               n_billing_refs;
  UblDate              period_start, period_end;
  bool                 has_period;
  UblParty             supplier, buyer;
  const char          *payee_name, *payee_party_id, *payee_company_id;
  bool                 has_delivery;
  UblDate              delivery_date;
  const char          *delivery_location, *delivery_country;
  UblLine             *lines;
  size_t               n_lines;
  UblAllowanceCharge  *allowances;
  size_t               n_allowances;
  UblVatRow           *vat_rows;
  size_t               n_vat_rows;
  UblAmount            vat_total, vat_total_accounting;
  UblAmount            line_extension, allowance_total, charge_total, tax_exclusive;
  UblAmount            tax_inclusive, prepaid, rounding, payable;
  UblPaymentMeans     *payment_means;
  size_t               n_payment_means;
  UblAttachment       *attachments;
  size_t               n_attachments;
};

/* Writes @d with at least two decimals, as many as it has beyond:
 * {12345, 1} -> "1234.50", {41375, 5} -> "0.41375". Returns @buf. */
char *dokus_ubl_format_amount (DokusDecimal d, char buf[DOKUS_MONEY_TEXT]);

/* What libxml2 reported while parsing without failing, outside the
 * parser context (encoding conversion, I/O): the first message, with its
 * kind ("encoding error: ..."), or "". */
typedef struct {
  char first[160];
} DokusUblParseNote;

/* An xmlStructuredErrorFunc keeping the first context-free error in the
 * DokusUblParseNote @data; errors with a parser context are left to
 * xmlCtxtGetLastError(). */
void dokus_ubl_note_parser_error (void *data, xmlErrorPtr error);

/* Parses @xml (@len bytes) with libxml2 under the hostile-input limits of
 * dokus-ubl-read.h: size, no DOCTYPE, no network, no DTD loading, no
 * entity substitution, DOKUS_UBL_MAX_DEPTH, DOKUS_UBL_MAX_ELEMENTS, with
 * the options the validator parses with (NONET, NOBLANKS, NOCDATA,
 * COMPACT), so its tree is the one the validator would build. *@out
 * (transfer full, xmlFreeDoc()) on success; DOKUS_ERR_INVALID with a clear
 * message otherwise. @note (nullable) gets what the parser reported
 * without failing. The type is void * so that this header needs no
 * libxml2. */
DokusStatus dokus_ubl_parse_xml (const char *xml, size_t len, void **out, DokusUblParseNote *note,
                                 DokusError *err);

/* Reads the parsed document @xdoc (an xmlDoc *, transfer none: left
 * unchanged) as dokus_ubl_read() does after its parse. */
DokusStatus dokus_ubl_read_tree (void *xdoc, DokusPurchaseDoc **out, DokusError *err);

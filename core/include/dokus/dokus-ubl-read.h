/* dokus-ubl-read.h
 *
 * Reading received Peppol BIS Billing 3.0 documents: any UBL 2.1 invoice
 * (urn:oasis:names:specification:ubl:schema:xsd:Invoice-2) or credit note
 * (...:CreditNote-2) becomes a purchase document (DokusPurchaseDoc): the
 * supplier and buyer, dates, references, lines, allowances and charges,
 * the VAT breakdown, the totals BT-106..BT-115, payment instructions and
 * the attachments, with every amount exact (decimals as written, never
 * floating point). Importing turns it into an expense (dokus-expense.h)
 * with the original XML and its attachments kept as receipts.
 *
 * Reading checks the shape of the data it takes (dates, amounts,
 * quantities, base64), not the business rules: a document that breaks a
 * rule of EN 16931 or Peppol is still read (a received invoice is
 * evidence); the validator judges it.
 *
 * Input is hostile by assumption: at most DOKUS_UBL_MAX_BYTES; a DOCTYPE
 * (and with it every entity declaration, internal or external) is
 * refused before its content is parsed; libxml2 never touches the network
 * (XML_PARSE_NONET), never loads a DTD, never substitutes entities and
 * never prints; elements nest at most DOKUS_UBL_MAX_DEPTH deep and number
 * at most DOKUS_UBL_MAX_ELEMENTS; at most DOKUS_UBL_MAX_ATTACHMENTS
 * attachments. Errors are DOKUS_ERR_INVALID with the element's path in the
 * message and (truncated to fit) in err->field:
 * "cbc:IssueDate: not a date: '2026-13-01'",
 * "cac:InvoiceLine[2]/cbc:LineExtensionAmount: not an amount: '1,5'".
 *
 * The JSON rendering (dokus_purchase_doc_to_json) is an object:
 *
 *   type                 "invoice" or "credit_note"
 *   type_code            BT-3 ("380", "381", ...) or null
 *   customization_id, profile_id, number (BT-1), issue_date, due_date,
 *   tax_point_date       ("YYYY-MM-DD" or null), currency (BT-5),
 *   tax_currency (BT-6), buyer_reference (BT-10), accounting_cost (BT-19),
 *   order_reference (BT-13), sales_order_reference (BT-14),
 *   contract_reference (BT-12), project_reference (BT-11),
 *   despatch_reference (BT-16), receiving_reference (BT-15),
 *   originator_reference (BT-17), payment_terms (BT-20)   strings or null
 *   notes                [string] (BT-22)
 *   billing_references   [{number, issue_date}] (BG-3)
 *   invoice_period       {start, end} or null (BG-14)
 *   supplier, buyer      {name (trading name, else legal name),
 *                         legal_name, vat_id, tax_id (another tax
 *                         scheme, e.g. "FC"), company_id,
 *                         company_id_scheme, party_id, party_id_scheme,
 *                         endpoint_id, endpoint_scheme, street,
 *                         additional_street, city, postal_zone,
 *                         subdivision, country, contact_name,
 *                         contact_phone, contact_email}; null if absent
 *   payee                {name, party_id, company_id} or null (BG-10)
 *   delivery             {date, location_id, country} or null
 *   lines                [{id, note, quantity, unit, net_amount,
 *                          accounting_cost, order_line_reference,
 *                          period {start, end} or null,
 *                          item {name, description, sellers_id,
 *                                buyers_id, standard_id,
 *                                standard_id_scheme, origin_country},
 *                          vat {category, rate},
 *                          price {amount, base_quantity, unit,
 *                                 discount, gross_amount},
 *                          allowances_charges [as below]}]
 *   allowances_charges   [{charge (bool), amount, base, percent, reason,
 *                          reason_code, vat {category, rate}}]
 *   vat_breakdown        [{category, rate, taxable, tax,
 *                          exemption_reason, exemption_code}] (BG-23)
 *   totals               {line_extension (BT-106), allowance_total
 *                         (BT-107), charge_total (BT-108), tax_exclusive
 *                         (BT-109), vat (BT-110), vat_accounting (BT-111,
 *                         in tax_currency), tax_inclusive (BT-112),
 *                         prepaid (BT-113), rounding (BT-114), payable
 *                         (BT-115)}
 *   payment_means        [{code, name, payment_id, iban (BT-84, the
 *                          account as written: usually an IBAN, not
 *                          checked), account_name, bic, card, mandate_id,
 *                          debited_account}]
 *   attachments          [{id, description, filename, mime_type, size
 *                          (decoded bytes, null for a link), uri
 *                          (external link: listed, never fetched)}]
 *
 * Amounts are decimal strings with at least two decimals, as many as
 * written beyond ("1234.50", "0.41375"); quantities and rates are decimal
 * strings in their shortest form ("21", "1.5"); absent values are null.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>

#include "dokus-error.h"
#include "dokus-ledger.h"
#include "dokus-types.h"

/* The largest document read: 10 MiB. */
#define DOKUS_UBL_MAX_BYTES ((size_t) 10 * 1024 * 1024)
/* How deep elements may nest (UBL needs about 8). */
#define DOKUS_UBL_MAX_DEPTH 40
/* The most elements in a document: bounds the memory of the tree (a line
 * of an invoice has about 30). */
#define DOKUS_UBL_MAX_ELEMENTS 500000
/* The most embedded or linked attachments (AdditionalDocumentReference). */
#define DOKUS_UBL_MAX_ATTACHMENTS 99

typedef struct DokusPurchaseDoc DokusPurchaseDoc;

/* Reads the UBL invoice or credit note @xml (@len bytes, UTF-8 or as its
 * XML declaration says; no NUL needed). *@out (transfer full,
 * dokus_purchase_doc_free()) gets the document, NULL on error.
 * DOKUS_ERR_INVALID naming the element: too large, not well-formed (with
 * libxml2's message and line), a DOCTYPE, nesting too deep, too many
 * elements, another root
 * than Invoice or CreditNote in their UBL namespaces, a missing cbc:ID,
 * cbc:IssueDate or cbc:DocumentCurrencyCode, a bad date, amount,
 * quantity, rate or base64 content, too many attachments.
 * DOKUS_ERR_NOMEM when memory runs out. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_ubl_read (const char *xml, size_t len, DokusPurchaseDoc **out,
                            DokusError *err);

/* Frees @doc; NULL does nothing. */
DOKUS_PUBLIC void dokus_purchase_doc_free (DokusPurchaseDoc *doc);

/* The JSON rendering of @doc described above. *@out_json (transfer full,
 * free()); DOKUS_ERR_NOMEM only. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_purchase_doc_to_json (const DokusPurchaseDoc *doc, char **out_json,
                                        DokusError *err);

/* dokus_ubl_read() then dokus_purchase_doc_to_json(). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_ubl_read_json (const char *xml, size_t len, char **out_json, DokusError *err);

/* The number of attachments of @doc (embedded or linked). */
DOKUS_PUBLIC size_t dokus_purchase_doc_get_n_attachments (const DokusPurchaseDoc *doc);

/* Attachment @i (below dokus_purchase_doc_get_n_attachments, asserted):
 * its file name (nullable), MIME code (nullable) and decoded bytes
 * (*@data NULL and *@len 0 for an external link). All (transfer none):
 * valid while @doc is. */
DOKUS_PUBLIC void dokus_purchase_doc_get_attachment (const DokusPurchaseDoc *doc, size_t i,
                                                     const char **filename, const char **mime_type,
                                                     const unsigned char **data, size_t *len);

/* Records the received document @xml (@len bytes) as an expense
 * (dokus_expense_add, so in one transaction with its audit entry):
 * supplier, number, issue date, a description from the first line(s) or
 * the first note, category "purchases", kind "services", the VAT treatment
 * derived from the seller's country and the VAT categories (docs/formats.md
 * "UBL IMPORT"), one expense line per VAT breakdown row; a credit note (or
 * an invoice with only negative amounts) becomes a purchase credit note.
 * The original XML ("NUMBER.xml") and every embedded attachment are kept
 * as receipts.
 * *@out_id gets the expense's id; *@out_json (nullable; transfer full,
 * free()) {"id", "supplier", "number", "credit_note", "vat_treatment",
 * "receipts": N, "skipped_attachments": [reasons], "validation": {...}}.
 * DOKUS_ERR_INVALID for a document dokus_ubl_read() refuses or that does
 * not map onto an expense (another currency than EUR, mixed VAT
 * treatments, mixed signs, no VAT breakdown, ...): nothing is recorded.
 * DOKUS_ERR_REFUSED for a document already recorded (same supplier name or
 * VAT number and number; the message names the expense) or a book without
 * a profile. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_ubl_import (DokusBook *book, const char *xml, size_t len,
                              char out_id[DOKUS_ID_TEXT], /* OUT */
                              char **out_json,            /* OUT: nullable */
                              DokusError *err);

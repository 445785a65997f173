/* dokus-ledger.h
 *
 * The ledger of a book: the tenant profile, clients, sales documents
 * (invoices and credit notes) and the payments on them. Input and output
 * are JSON text in the formats of docs/formats.md: amounts are decimal
 * strings with two decimals, quantities, prices, rates and percentages
 * decimal strings; unknown fields are refused and every error names its
 * field ("lines[2].quantity"). Every change is one transaction that also
 * appends its audit entry. Returned JSON is (transfer full): free() it.
 *
 * Derived figures (open amount, payment status, overdue) are computed when
 * asked, never stored. "Today" is the local date, or DOKUS_TODAY=YYYY-MM-DD.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

#include "dokus-error.h"
#include "dokus-money.h"
#include "dokus-types.h"

#define DOKUS_ID_TEXT 37     /* a UUID and its NUL */
#define DOKUS_NUMBER_TEXT 48 /* a document number and its NUL */

/* The franchise scheme's annual turnover limit (art. 56bis WBTW, as of
 * 1 January 2016): EUR 25 000, and the warning level, 80 % of it. */
#define DOKUS_FRANCHISE_LIMIT_CENTS ((DokusCents) 2500000)
#define DOKUS_FRANCHISE_WARNING_CENTS ((DokusCents) 2000000)

/* Sets the tenant profile from @json (a whole profile: what is absent gets
 * its default). DOKUS_ERR_INVALID naming the field on bad input; for an
 * existing profile, switching between the standard and franchise regimes
 * is allowed and audited. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_profile_set (DokusBook *book, const char *json, DokusError *err);

/* The profile as JSON; DOKUS_ERR_NOT_FOUND before dokus_profile_set(). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_profile_get (DokusBook *book, char **out_json, DokusError *err);

/* Adds a client; *@out_id receives its id. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_client_add (DokusBook *book, const char *json, char out_id[DOKUS_ID_TEXT],
                              DokusError *err);

/* {"clients": [{id, name, kind, vat_number, enterprise_number, country, ...}]},
 * by name; archived clients only with @include_archived. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_client_list (DokusBook *book, bool include_archived, char **out_json,
                               DokusError *err);

/* Archives a client (a client with documents is never deleted). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_client_archive (DokusBook *book, const char *client_id, DokusError *err);

/* Creates a draft invoice from @json; *@out_id receives its id. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_invoice_create (DokusBook *book, const char *json, char out_id[DOKUS_ID_TEXT],
                                  DokusError *err);

/* Creates a draft credit note on the issued invoice @invoice (id or
 * number). @json (nullable) may give issue_date, note and lines; without
 * lines every line of the invoice is credited. Crediting more than what is
 * left of the invoice is refused. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_invoice_credit (DokusBook *book, const char *invoice, const char *json,
                                  char out_id[DOKUS_ID_TEXT], DokusError *err);

typedef struct {
  char       number[DOKUS_NUMBER_TEXT];
  bool       franchise_warning; /* the franchise year turnover passed 80 % of the limit */
  DokusCents franchise_turnover; /* that turnover, this document included */
} DokusIssueResult;

/* Issues the draft @id: checks it against the rules of its issue date,
 * assigns the next number of its series, freezes the content (seller and
 * buyer as they are now, totals, VAT breakdown, legal mentions) and writes
 * the audit entry, in one transaction. DOKUS_ERR_REFUSED for an issue date
 * before the series' last one, a franchise book that would pass its limit,
 * an already issued document; DOKUS_ERR_INVALID for content that fails a
 * rule (field named). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_document_issue (DokusBook *book, const char *id, DokusIssueResult *out,
                                  DokusError *err);

/* The document @id_or_number as JSON (docs/formats.md, "document"). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_document_show (DokusBook *book, const char *id_or_number, char **out_json,
                                 DokusError *err);

/* {"invoices": [...]}: every document (invoices and credit notes) whose
 * derived status is @status (nullable) and whose issue date lies in
 * [@from, @to] (each nullable, "YYYY-MM-DD"; drafts have no date and only
 * match without bounds), newest first. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_document_list (DokusBook *book, const char *status, const char *from,
                                 const char *to, char **out_json, DokusError *err);

/* Records a payment received on an invoice, or a refund paid on a credit
 * note (@document: id or number) of @amount ("100.00") on @date
 * ("YYYY-MM-DD"). Refused on drafts and above the open amount.
 * *@out_json (nullable): {"id", "open_amount", "status"}. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_payment_add (DokusBook *book, const char *document, const char *amount,
                               const char *date, const char *reference, char **out_json,
                               DokusError *err);

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
#include <stdint.h>

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

/* The company logo for PDF invoices: a PNG or JPEG image. */
#define DOKUS_LOGO_MAX ((size_t) 512 * 1024)

/* Sets the logo to @data (@len bytes, copied; NULL removes it), with an
 * audit entry holding the SHA-256 of the old and new image.
 * DOKUS_ERR_INVALID (field "logo") for anything but PNG or JPEG, or more
 * than DOKUS_LOGO_MAX bytes; DOKUS_ERR_NOT_FOUND without a profile. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_profile_set_logo (DokusBook *book, const unsigned char *data, size_t len,
                                    DokusError *err);

/* The logo: *@out_data (transfer full, free(); NULL when there is none),
 * *@out_len, and *@out_mime (nullable; "image/png" or "image/jpeg",
 * static). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_profile_get_logo (DokusBook *book, unsigned char **out_data, size_t *out_len,
                                    const char **out_mime, DokusError *err);

/* Adds a client; *@out_id receives its id. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_client_add (DokusBook *book, const char *json, char out_id[DOKUS_ID_TEXT],
                              DokusError *err);

/* {"clients": [{id, name, kind, vat_number, enterprise_number, country, ...}]},
 * by name; archived clients only with @include_archived. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_client_list (DokusBook *book, bool include_archived, char **out_json,
                               DokusError *err);

/* {"clients": [...]} as dokus_client_list, archived clients too (each says
 * so): the clients whose name, VAT number, enterprise number, e-mail
 * address or city hold every word of @text, each as a prefix, without
 * regard to case or accents ("lef" finds "Bureau Lefèvre"). Words are runs
 * of letters and digits: quotes, '*', '-', ':' and the like only separate
 * them, and "AND", "OR", "NOT" are words like any other. Active clients
 * first, then by name; at most @limit (0: all). Text without words (NULL,
 * "", "--") gives every client. DOKUS_ERR_INVALID: field "search" for more
 * than 16 words or 1000 bytes, "limit" for a negative limit. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_client_search (DokusBook *book, const char *text, int64_t limit,
                                 char **out_json, /* OUT: (transfer full) */
                                 DokusError *err);

/* Archives a client (a client with documents is never deleted). */
/* Replaces every field of the client @client_id with @json (the same
 * CLIENT JSON as dokus_client_add), with an "update" audit entry.
 * Documents already issued keep the client as it was when they were
 * issued. DOKUS_ERR_REFUSED for an archived client, DOKUS_ERR_NOT_FOUND
 * for an unknown one. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_client_update (DokusBook *book, const char *client_id, const char *json,
                                 DokusError *err);

DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_client_archive (DokusBook *book, const char *client_id, DokusError *err);

/* Creates a draft invoice from @json; *@out_id receives its id. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_invoice_create (DokusBook *book, const char *json, char out_id[DOKUS_ID_TEXT],
                                  DokusError *err);

/* Replaces the content of the draft invoice @id with @json (the same
 * INVOICE JSON as dokus_invoice_create: every field, not a patch), with
 * an "update" audit entry holding both versions. DOKUS_ERR_REFUSED for an
 * issued document (correct it with a credit note) or a draft credit note
 * (delete it and credit again); DOKUS_ERR_NOT_FOUND for an unknown id;
 * invalid content leaves the draft as it was. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_invoice_update (DokusBook *book, const char *id, const char *json,
                                  DokusError *err);

/* Deletes the draft invoice or credit note @id (a draft has no number, so
 * the series keeps no gap), with a "delete" audit entry holding what it
 * was. DOKUS_ERR_REFUSED for an issued document: those are kept 10 years
 * (art. 60 WBTW) and corrected by credit notes. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_document_delete_draft (DokusBook *book, const char *id, DokusError *err);

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

/* A page of the sales documents (invoices and credit notes), for a list
 * that shows a few rows of many. Every member is optional (NULL, 0,
 * false); { 0 } gives every document, newest first.
 *
 *   status       draft, issued, sent, partially_paid, paid, credited (the
 *                derived status of dokus_document_show), or overdue (open,
 *                an invoice, past its due date)
 *   from, to     "YYYY-MM-DD": the issue date lies in [from, to]; a draft
 *                without an issue date then never matches
 *   client_id    the documents of this client
 *   search       words (see dokus_client_search) each found, as a prefix,
 *                in the document's number, buyer or order reference, note,
 *                structured communication, one of its lines' descriptions,
 *                or its client's name, VAT number, enterprise number,
 *                e-mail address or city; text without words matches all
 *   sort         "issue_date" (the default: then the number in its series,
 *                then the creation time), "number", "client" (the client's
 *                name, then as issue_date), "total" (the frozen total) or
 *                "due_date". Ascending unless descending. A document
 *                without the value (a draft has no number nor frozen total,
 *                maybe no dates) sorts first when ascending, except for
 *                issue_date, where a draft without one sorts after every
 *                date. Equal values keep a fixed order, so pages do not
 *                overlap.
 *   limit        at most this many rows (0: all); offset: skip that many. */
typedef struct {
  const char *status;
  const char *from, *to;
  const char *client_id;
  const char *search;
  const char *sort;
  bool        descending;
  int64_t     limit, offset;
} DokusDocumentQuery;

/* {"total": N, "invoices": [...]}: the page of the documents that match
 * @query, and how many match in all. Each row:
 *
 *   {"id", "type", "number" (null for a draft), "status", "overdue",
 *    "issue_date", "due_date", "client": {"id", "name"},
 *    "tax_inclusive_amount", "open_amount"}
 *
 * with the balance of dokus_document_show (a draft's amounts are its total
 * as it would be issued today). One read transaction: total and rows agree.
 * DOKUS_ERR_INVALID naming the member ("status", "from", "to", "sort",
 * "limit", "offset", "search": at most 16 words in 1000 bytes). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_document_query (DokusBook *book, const DokusDocumentQuery *query,
                                  char **out_json, /* OUT: (transfer full) */
                                  DokusError *err);

/* {"invoices": [...]}: every document (invoices and credit notes) whose
 * derived status is @status (nullable) and whose issue date lies in
 * [@from, @to] (each nullable, "YYYY-MM-DD"; drafts have no date and only
 * match without bounds), newest first: dokus_document_query with these,
 * without "total". */
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

/* dokus-vat-return.h
 *
 * The Belgian VAT reports of a book: the periodic VAT return of a month or
 * a quarter (its grids, and its XML for upload to Intervat), the annual
 * listing of Belgian VAT-registered clients, and the intra-Community
 * listing of a period. Every figure comes from issued sales documents, as
 * they were frozen at issue (their VAT breakdown, BG-23), and from the
 * recorded purchases (tables expenses and expense_lines); drafts count
 * nowhere. Nothing is written to the book. docs/vat.md says which
 * operation goes to which grid, and the legal source of each rule.
 *
 * Amounts are decimal strings with two decimals ("1234.50"). Returned
 * JSON and XML are (transfer full): free() them. Without a profile every
 * function returns DOKUS_ERR_REFUSED (field "profile"); a stored value
 * that cannot be read (a VAT rate or percentage that is no number) is
 * DOKUS_ERR_CORRUPT naming the document or purchase.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-date.h"
#include "dokus-error.h"
#include "dokus-types.h"

/* The legal deadline of the periodic return for @period (a month or a
 * quarter; asserted not a year), art. 17 KB nr. 1 as in force since
 * 1 January 2025: the 20th of the month after a month, the 25th of the
 * month after a quarter (the 20th for quarterly returns due before 2025).
 * The administration's tolerance that moves a deadline falling on a
 * weekend or holiday to the next working day is not applied. */
DOKUS_PUBLIC DokusDate dokus_vat_return_due_date (const DokusPeriod *period);

/* The periodic VAT return for @period ("2026-Q4" or "2026-11"):
 *
 *   {"period": "2026-Q4", "from": "2026-10-01", "to": "2026-12-31",
 *    "return": "quarter" | "month", "due_date": "2027-01-25",
 *    "grids": {"03": "1000.00", "54": "210.00", "71": "210.00"}}
 *
 * grids holds the grids that are not zero, by number, and always one of
 * 71 (to pay; "0.00" when nothing is due either way) and 72 (to recover).
 * Sales are the issued documents whose issue date lies in the period,
 * purchases the expenses dated in it. VAT is summed as each document
 * rounded it; deductible VAT (59) is round (Σ VAT × recoverable % / 100)
 * per purchase, half away from zero.
 *
 * A book under the franchise scheme (art. 56bis WBTW) files no periodic
 * return: {"period": "2026-Q4", "return": "none", "reason": "..."}, no
 * grids.
 * Returns DOKUS_ERR_INVALID (field "period") for text that is not a month
 * or a quarter, or a period that is not the book's filing period (a month
 * for a book that files quarterly returns, or the reverse). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_vat_return (DokusBook *book, const char *period,
                              char **out_json,   /* OUT: (transfer full) */
                              DokusError *err);  /* nullable */

/* The same return as an Intervat VATConsignment (namespace
 * http://www.minfin.fgov.be/VATConsignment; declarant fields in
 * http://www.minfin.fgov.be/InputCommon), UTF-8, one declaration: the
 * declarant from the profile, the period, every grid of the JSON form with
 * two decimals, ClientListingNihil ("YES" only on the last return of a
 * year whose client listing is empty) and Ask Restitution="NO"
 * Payment="NO". Statuses as dokus_vat_return(), and DOKUS_ERR_REFUSED
 * (field "vat_regime") for a franchise book, which has nothing to file. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_vat_return_xml (DokusBook *book, const char *period,
                                  char **out_xml,    /* OUT: (transfer full) */
                                  DokusError *err);  /* nullable */

/* The annual listing of Belgian VAT-registered clients of @year
 * (1900..9999; DOKUS_ERR_INVALID, field "year", otherwise), art.
 * 53quinquies WBTW and KB nr. 23:
 *
 *   {"year": 2026, "due_date": "2027-03-31",
 *    "clients": [{"vat_number": "BE0403196732", "name": "Acme NV",
 *                 "turnover": "1000.00", "vat_amount": "210.00"}],
 *    "turnover": "1000.00", "vat_amount": "210.00"}
 *
 * One entry per client VAT number beginning with BE (as frozen on the
 * documents, the name from the latest of them), by VAT number: the tax
 * exclusive amounts and the VAT of the invoices issued in the year minus
 * those of the credit notes, operations exempt under art. 44 WBTW left
 * out; listed when that turnover is more than EUR 250.00. turnover and
 * vat_amount at the top are the sums of the listed clients. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_client_listing (DokusBook *book, int year,
                                  char **out_json,   /* OUT: (transfer full) */
                                  DokusError *err);  /* nullable */

/* The same listing as an Intervat ClientListingConsignment (namespace
 * http://www.minfin.fgov.be/ClientListingConsignment), UTF-8. An empty
 * listing is a valid file with ClientsNbr="0". Statuses as
 * dokus_client_listing(). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_client_listing_xml (DokusBook *book, int year,
                                      char **out_xml,    /* OUT: (transfer full) */
                                      DokusError *err);  /* nullable */

/* The intra-Community listing (art. 53sexies WBTW, KB nr. 50) of @period
 * ("2026-Q4" or "2026-11", whatever the book's filing period):
 *
 *   {"period": "2026-Q4", "from": "2026-10-01", "to": "2026-12-31",
 *    "lines": [{"vat_number": "NL004495445B01", "code": "S", "amount": "1500.00"}],
 *    "total": "1500.00"}
 *
 * One line per customer VAT number and code, by VAT number then code: L,
 * intra-Community supplies of goods (category K); S, services to a
 * business in another member state under art. 21 § 2 WBTW (category AE to
 * a client outside Belgium); T, triangular operations invoiced by this
 * book as the intermediary (K with "delivery": {"triangulation": true}). Amounts are the taxable amounts of the documents issued in
 * the period, credit notes subtracted; a line that nets to zero is left
 * out, one that nets below zero is kept (negative): correcting an earlier
 * period is the user's to file. DOKUS_ERR_INVALID (field "period") for
 * text that is not a month or a quarter. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_ic_listing (DokusBook *book, const char *period,
                              char **out_json,   /* OUT: (transfer full) */
                              DokusError *err);  /* nullable */

/* The same listing as Intervat XML (namespace
 * http://www.minfin.fgov.be/IntraConsignment; docs/vat.md): one
 * IntraListing with the declarant, the period and one IntraClient per
 * line (VAT number without its prefix, the prefix in issuedBy; Code L, S
 * or T; Amount). DOKUS_ERR_REFUSED when a line nets below zero (Intervat
 * takes no negative line: the earlier period's listing is corrected). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_ic_listing_xml (DokusBook *book, const char *period,
                                  char **out_xml,    /* OUT: (transfer full) */
                                  DokusError *err);  /* nullable */

/* dokus-expense.h
 *
 * Purchases (expenses) and purchase credit notes, with their receipts
 * stored inside the encrypted book. A recorded purchase is kept for the
 * ten years of art. 60 WBTW: it is never changed or deleted (the book's
 * triggers refuse it); a mistake is corrected with a purchase credit note.
 *
 * Input is JSON in the style of dokus-ledger.h (docs/formats.md): amounts
 * are decimal strings with at most 2 decimals, rates and percentages
 * decimal strings with at most 2; unknown fields are refused and every
 * error names its field ("lines[1].vat_amount"). Returned JSON is
 * (transfer full): free() it.
 *
 * The expense object:
 *
 *   date                     "YYYY-MM-DD", required: the document's date
 *   supplier                 {name (required, <= 200 bytes),
 *                             vat_number (optional; EU prefix, checked; its
 *                               country must be supplier.country, EL = GR),
 *                             country (required, ISO 3166 "BE")}
 *   number                   the supplier's document number (optional,
 *                            <= 100 bytes); supplier and number are unique
 *   description              optional, <= 4000 bytes
 *   category                 required free text, <= 60 bytes ("software")
 *   kind                     required: "goods" (for resale, raw materials:
 *                            VAT return grid 81), "services" (miscellaneous
 *                            goods and services: 82), "investment" (capital
 *                            goods: 83)
 *   vat_treatment            required, one of:
 *     "domestic"         Belgian VAT charged by a Belgian supplier: each
 *                        line with a rate above 0 gives vat_amount as
 *                        charged (>= 0; not recomputed); a rate of 0 has
 *                        no VAT
 *     "eu_services",     bought from a business in another EU member state
 *     "eu_goods"         (VAT number required; Northern Ireland "XI" numbers
 *                        for goods): VAT self-assessed
 *     "reverse_charge"   a Belgian co-contractor (art. 20 KB nr. 1): VAT
 *                        self-assessed
 *     "import",          from outside the EU: VAT self-assessed at the rate
 *     "non_eu_services"
 *     "none"             no VAT (rate 0 on every line)
 *                        Where the VAT is self-assessed, vat_amount is left
 *                        out and computed per line: round(base × rate / 100),
 *                        half away from zero.
 *   lines                    [{base, vat_rate, vat_amount}], 1 to 1000; base
 *                            >= 0; vat_rate a Belgian rate (categories S and
 *                            Z of the table vat_rates, valid on date: 0, 6,
 *                            12, 21)
 *   deductible_percent       0..100, default 100: the share of the cost the
 *                            income tax accepts (69 for restaurant costs,
 *                            art. 53, 8° WIB 92; a car's CO2 percentage)
 *   vat_recoverable_percent  0..100, default 100 (0 for a book under the
 *                            franchise scheme, which recovers no VAT, art.
 *                            56bis WBTW, and refuses more): the share of the
 *                            VAT deducted in the VAT return (0 for restaurant
 *                            costs, art. 45 § 3 WBTW; at most 50 for cars,
 *                            art. 45 § 2)
 *   credit_note              bool, default false: a purchase credit note;
 *                            its amounts are given positive, like the
 *                            document shows them
 *
 * Output (dokus_expense_list, dokus_expense_show) repeats the input fields
 * (supplier.vat_number and number null when absent, percentages in their
 * shortest form, credit_note as a bool) with "id", "vat_self_assessed" and
 * these derived amounts, all positive on credit notes too (a credit note
 * reduces costs and VAT):
 *
 *   base_amount              the sum of the lines' bases
 *   vat_amount               the sum of the lines' VAT
 *   vat_recoverable_amount   round(vat_amount × vat_recoverable_percent / 100),
 *                            once per expense, half away from zero: the VAT
 *                            deducted in the VAT return
 *   deductible_amount        round((base_amount + vat_amount −
 *                            vat_recoverable_amount) × deductible_percent
 *                            / 100), half away from zero: the cost for the
 *                            income tax. VAT that is recovered is no cost;
 *                            VAT that is not recovered is part of the cost
 *                            and deductible at the cost's own percentage.
 *   total_amount             what the supplier is paid: base_amount +
 *                            vat_amount for "domestic" and "none",
 *                            base_amount where the VAT is self-assessed (it
 *                            is owed to the State, not to the supplier)
 *   receipts                 [{id, filename, mime_type, size, sha256}]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>

#include "dokus-error.h"
#include "dokus-ledger.h"
#include "dokus-types.h"

/* The largest receipt accepted: 20 MiB. */
#define DOKUS_ATTACHMENT_MAX_BYTES ((size_t) 20 * 1024 * 1024)

/* A file to attach: its name (a path's directories are dropped; <= 255
 * bytes) and its content (1 byte to DOKUS_ATTACHMENT_MAX_BYTES). */
typedef struct {
  const char          *filename;
  const unsigned char *data;
  size_t               len;
} DokusAttachmentInput;

/* Records the purchase @json with its @n_receipts @receipts (nullable when
 * 0; at most 100), stored in the book with their SHA-256 and a MIME type
 * from their magic bytes or extension (PDF, PNG, JPEG, XML, text, else
 * application/octet-stream), in one transaction with its audit entry
 * ("create", "expense"). *@out_id receives its id.
 * DOKUS_ERR_INVALID naming the field (a receipt's: "receipts[0]") on bad
 * input; DOKUS_ERR_REFUSED without a profile, and for a supplier's document
 * already recorded (same supplier name or VAT number, same number: the
 * message names the earlier expense). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_expense_add (DokusBook *book, const char *json,
                               const DokusAttachmentInput *receipts, size_t n_receipts,
                               char out_id[DOKUS_ID_TEXT], /* OUT */
                               DokusError *err);

/* Adds the receipt @receipt to the recorded purchase @expense_id (a bill
 * scanned after the purchase was recorded), stored as dokus_expense_add()
 * stores receipts: inside the book, with its SHA-256 and a MIME type from
 * its magic bytes or extension. The purchase itself does not change. A
 * receipt is kept like its purchase, ten years (art. 60 WBTW): never
 * replaced or deleted. One transaction with its audit entry ("attach",
 * "expense", the purchase as dokus_expense_show gives it before and after).
 * @out_attachment_id (OUT, nullable) receives the receipt's id (for
 * dokus_attachment_get); "" on error.
 * Returns DOKUS_ERR_INVALID for an empty @expense_id (field "expense"), a
 * bad file (field "receipts[N]", N the position it would take: no file
 * name, a name with a control character or longer than 255 bytes, empty,
 * larger than DOKUS_ATTACHMENT_MAX_BYTES) or a purchase that already has
 * 100 receipts ("receipts"); DOKUS_ERR_NOT_FOUND ("expense") for an
 * unknown purchase; DOKUS_ERR_REFUSED ("receipt") when the purchase
 * already has a receipt with the same content (the message names it);
 * DOKUS_ERR_NOMEM, or a store error. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_expense_add_receipt (DokusBook *book, const char *expense_id,
                                       const DokusAttachmentInput *receipt, /* (transfer none) */
                                       char out_attachment_id[DOKUS_ID_TEXT], /* OUT, nullable */
                                       DokusError *err);                      /* nullable */

/* {"expenses": [...]}: the purchases whose date lies in [@from, @to] (each
 * nullable, "YYYY-MM-DD", inclusive), by date, then by recording order.
 * DOKUS_ERR_INVALID ("from", "to") for a bad date. *@out_json: (transfer
 * full), NULL on error. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_expense_list (DokusBook *book, const char *from, const char *to,
                                char **out_json, DokusError *err);

/* The purchase @id as one object, as in the list, with its "lines"
 * [{base, vat_rate, vat_amount}] (the VAT as charged or computed).
 * DOKUS_ERR_NOT_FOUND for an unknown id. *@out_json: (transfer full). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_expense_show (DokusBook *book, const char *id, char **out_json,
                                DokusError *err);

/* The content of the attachment @attachment_id, checked against its stored
 * SHA-256 (DOKUS_ERR_CORRUPT if it differs). *@data (transfer full, free())
 * gets *@len bytes; *@filename (nullable; transfer full, free()) its file
 * name. DOKUS_ERR_NOT_FOUND for an unknown id; outputs NULL / 0 on error. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_attachment_get (DokusBook *book, const char *attachment_id,
                                  unsigned char **data, size_t *len, char **filename,
                                  DokusError *err);

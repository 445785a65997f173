/* dokus-pdf.h
 *
 * An issued invoice or credit note as an A4 PDF in the client's language
 * (nl, fr, de, en) with the mentions art. 5 KB nr. 1 requires (docs/pdf.md),
 * and, on an invoice with an amount to pay, an EPC QR code (EPC069-12) for
 * a SEPA credit transfer. The PDF is drawn from what was frozen at issue
 * only, so the same document in the same language always gives the same
 * bytes (its dates are the issue date, not the clock). Also the money and
 * date formats and the EPC payload it uses, for other front ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>

#include "dokus-date.h"
#include "dokus-error.h"
#include "dokus-money.h"
#include "dokus-types.h"

/* Room for a formatted amount ("-€1,234,567,890.12"), NUL included. */
#define DOKUS_PDF_MONEY_TEXT 48
/* Room for a formatted date ("02/03/2026"), NUL included. */
#define DOKUS_PDF_DATE_TEXT 16
/* Room for any EPC QR payload (EPC069-12: at most 331 bytes), NUL included. */
#define DOKUS_EPC_PAYLOAD_TEXT 332

/* Writes the issued document @id_or_number (id or number) as a PDF.
 * @language: "nl", "fr", "de" or "en"; NULL for the document's own (the
 * client's, frozen at issue); anything else is DOKUS_ERR_INVALID (field
 * "language"). *@out_pdf (transfer full, free()) and *@out_len get the
 * bytes. DOKUS_ERR_REFUSED for a draft, DOKUS_ERR_NOT_FOUND for an
 * unknown document, DOKUS_ERR_INTERNAL when cairo fails. The PDF is drawn
 * once per language and renderer version and kept in the book (a cache,
 * not audited: the UBL export, which embeds it, is); later calls give the
 * kept bytes. The seller's logo is the one frozen at issue. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_pdf_export (DokusBook *book, const char *id_or_number,
                              const char *language,    /* nullable */
                              unsigned char **out_pdf, /* OUT: (transfer full) */
                              size_t *out_len,         /* OUT */
                              DokusError *err);

/* dokus_pdf_export(), also giving the number of pages in *@out_pages. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_pdf_export_with_pages (DokusBook *book, const char *id_or_number,
                                         const char *language,    /* nullable */
                                         unsigned char **out_pdf, /* OUT: (transfer full) */
                                         size_t *out_len,         /* OUT */
                                         int *out_pages,          /* OUT */
                                         DokusError *err);

/* @c as printed in @language: "1.234,56 €" (nl, fr, de), "€1,234.56"
 * (en and anything else); negative amounts start with "-". Returns @buf. */
DOKUS_PUBLIC char *dokus_pdf_format_money (DokusCents c, const char *language,
                                           char buf[DOKUS_PDF_MONEY_TEXT]);

/* @d as printed in @language: "02/03/2026" (nl, fr, en), "02.03.2026"
 * (de). Returns @buf. */
DOKUS_PUBLIC char *dokus_pdf_format_date (DokusDate d, const char *language,
                                          char buf[DOKUS_PDF_DATE_TEXT]);

/* The EPC QR payload (EPC069-12 v2.1, "BCD" version 002, UTF-8, SCT) of a
 * credit transfer of @amount to @name's account @iban, @bic optional
 * (nullable), with the Belgian structured communication @communication
 * ("+++123/4567/89012+++" or its 12 digits; nullable) as the structured
 * remittance reference. @iban may hold spaces (dropped); @name is cut to
 * 70 characters. DOKUS_ERR_INVALID naming "iban", "name", "amount" (0.01
 * to 999999999.99), "bic" or "communication" otherwise. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_pdf_epc_payload (const char *name, const char *iban, const char *bic,
                                   DokusCents amount, const char *communication,
                                   char out[DOKUS_EPC_PAYLOAD_TEXT], DokusError *err);

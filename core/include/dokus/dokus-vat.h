/* dokus-vat.h
 *
 * Belgian VAT categories (the EN 16931 / UNCL5305 codes S, Z, E, AE, K, G,
 * O), their exemption reason codes (CEF VATEX) and the legal mentions an
 * invoice must carry, in the invoice's language (nl, fr, de, en). Sources
 * are in docs/vat.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

#include "dokus-error.h"
#include "dokus-types.h"

/* Why a zero-rated or exempt line is so, when the category alone does not
 * say it: the mention and code differ between these cases. */
typedef enum {
  DOKUS_VAT_CASE_STANDARD = 0,       /* S, Z */
  DOKUS_VAT_CASE_DOMESTIC_REVERSE,   /* AE to a Belgian co-contractor (art. 20 KB nr. 1) */
  DOKUS_VAT_CASE_EU_SERVICES,        /* AE, services to an EU business (art. 21 § 2 WBTW) */
  DOKUS_VAT_CASE_INTRA_EU_GOODS,     /* K (art. 39bis WBTW) */
  DOKUS_VAT_CASE_EXPORT,             /* G (art. 39 WBTW) */
  DOKUS_VAT_CASE_OUTSIDE_SCOPE,      /* O */
  DOKUS_VAT_CASE_EXEMPT,             /* E, art. 44 WBTW */
  DOKUS_VAT_CASE_FRANCHISE,          /* E, small-enterprise scheme (art. 56bis WBTW) */
} DokusVatCase;

/* The case of a line of @category, for a seller under the franchise
 * scheme or not, to a client in @client_country (ISO 3166 alpha-2). */
DOKUS_PUBLIC DokusVatCase dokus_vat_case (const char *category, bool franchise,
                                          const char *client_country);

/* true for the seven categories. */
DOKUS_PUBLIC bool dokus_vat_category_is_valid (const char *category);

/* true if lines of @category must have rate 0 (all but S). */
DOKUS_PUBLIC bool dokus_vat_category_requires_zero_rate (const char *category);

/* Checks an exemption reason code given on input: NULL is fine; otherwise
 * it must be a VATEX code that fits @category (VATEX-EU-AE for AE,
 * VATEX-EU-IC for K, VATEX-EU-G for G, VATEX-EU-O for O, an exemption code
 * such as VATEX-EU-132 for E); none is allowed for S and Z (BR-S-10,
 * BR-Z-10). DOKUS_ERR_INVALID naming @field otherwise. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_vat_exemption_check (const char *category, const char *code, const char *field,
                                       DokusError *err);

/* The exemption reason code (BT-121) for @vat_case and the code given on
 * input (@given, nullable, already checked): @given if set, else the
 * case's default; NULL for S, Z and the franchise scheme. (transfer none) */
DOKUS_PUBLIC const char *dokus_vat_exemption_code (DokusVatCase vat_case, const char *given);

/* The legal mention (BT-120) for @vat_case in @language ("nl", "fr", "de",
 * "en"; anything else reads as "en"); NULL where none is needed (S, Z).
 * (transfer none): a static string. */
DOKUS_PUBLIC const char *dokus_vat_mention (DokusVatCase vat_case, const char *language);

/* The mention a credit note carries about VAT to be repaid (art. 79 WBTW).
 * (transfer none) */
DOKUS_PUBLIC const char *dokus_vat_credit_note_mention (const char *language);

/* The mention of a triangular operation invoiced by the intermediary B to
 * C: C is liable for the VAT (Directive 2006/112/EC art. 141, 197 and
 * 226 (11a)). It opens with the reverse-charge words Belgian law requires
 * on B's invoice (art. 5, § 1, 9°bis of royal decree no. 1: "Btw verlegd",
 * "Autoliquidation", ...; docs/vat.md). (transfer none) */
DOKUS_PUBLIC const char *dokus_vat_triangulation_mention (const char *language);

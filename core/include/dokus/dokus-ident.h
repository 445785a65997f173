/* dokus-ident.h
 *
 * Belgian and European identifiers: enterprise numbers (KBO/BCE), EU VAT
 * numbers, IBAN and BIC, Belgian structured communications (OGM/VCS) and
 * Peppol participant identifiers. Each parser accepts the forms people
 * type, checks format and check digits, and writes one normalized form
 * into a caller buffer; display forms are separate.
 *
 * Common contract of the *_normalize and *_parse functions: @text NULL or
 * empty is DOKUS_ERR_INVALID like any bad text; the error's field is
 * @field (nullable, names the input, e.g. "client.vat_number") and its
 * message says what is wrong and what was expected; on error the output
 * is set to "" (or zeroed), never left half written. Output buffers must
 * have the documented size. The *_format functions take an already
 * normalized value (its shape is asserted) and return their buffer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "dokus-error.h"
#include "dokus-types.h"

#define DOKUS_ENTERPRISE_TEXT 11         /* "0417497106" */
#define DOKUS_ENTERPRISE_DISPLAY_TEXT 13 /* "0417.497.106" */
#define DOKUS_VAT_TEXT 24                /* "BE0417497106", "NL004495445B01", "CHE123456789MWST" */
#define DOKUS_IBAN_TEXT 35               /* up to 34 characters */
#define DOKUS_IBAN_DISPLAY_TEXT 43       /* "BE68 5390 0754 7034" */
#define DOKUS_BIC_TEXT 12                /* "GEBABEBB", "GEBABEBBXXX" */
#define DOKUS_OGM_TEXT 21                /* "+++090/9337/55493+++" */
#define DOKUS_PEPPOL_VALUE_MAX 130       /* Peppol Policy for use of Identifiers 4.4, POLICY 1 */
#define DOKUS_PEPPOL_ID_TEXT (4 + 1 + DOKUS_PEPPOL_VALUE_MAX + 1)

/* ---- Belgian enterprise number (KBO/BCE, ondernemingsnummer) ---- */

/* Accepts "0417.497.106", "0417 497 106", "0417497106", "BE0417497106"
 * ("be" too) and the 9-digit legacy form "417497106" (padded with a 0).
 * Valid: 10 digits, the first 0 or 1, and 97 − (first 8 digits mod 97)
 * equal to the last 2. @out (OUT): "0417497106". */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_enterprise_number_normalize (const char *text, const char *field,
                                               char out[DOKUS_ENTERPRISE_TEXT], DokusError *err);

/* "0417497106" -> "0417.497.106". */
DOKUS_PUBLIC char *dokus_enterprise_number_format (const char *number,
                                                   char out[DOKUS_ENTERPRISE_DISPLAY_TEXT]);

/* ---- EU VAT numbers ---- */

/* Normalizes a VAT number with its country prefix ("BE 0417.497.106",
 * "nl004495445b01"): spaces, '.' and '-' are dropped and letters upper-
 * cased; GR is accepted for Greece and written EL. The prefix is required
 * and must be an EU one (see dokus_vat_country_is_eu(); GB, CH, NO ... are
 * refused). Checked with check digits: BE (enterprise number rules), NL
 * (mod 11 or, for sole traders' numbers since 2020, ISO 7064 MOD 97-10),
 * FR (numeric key from the SIREN; letter keys: format only), DE (ISO 7064
 * MOD 11,10), LU (mod 89). Other member states: length and character
 * classes only, per the EU's VIES format table.
 * @out (OUT): "BE0417497106". */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_vat_number_normalize (const char *text, const char *field,
                                        char out[DOKUS_VAT_TEXT], DokusError *err);

/* true if @cc (two upper-case letters, not necessarily NUL-terminated) is
 * the VAT prefix of an EU member state, or XI (Northern Ireland, for goods).
 * Greece is true as EL (its VAT prefix) and GR (its ISO 3166 code). */
DOKUS_PUBLIC bool dokus_vat_country_is_eu (const char cc[2]);

/* The VAT prefix of normalized VAT number @vat: "EL" for "EL094259216".
 * @out (OUT): two letters and NUL. Returns @out. */
DOKUS_PUBLIC char *dokus_vat_number_country (const char *vat, char out[3]);

/* The VAT or tax number of a party in @country (ISO 3166-1): in the EU
 * (or a number with the XI prefix), an EU VAT number as
 * dokus_vat_number_normalize() checks it, whose prefix must be @country's;
 * elsewhere (e.g. CH "CHE-123.456.789 MWST", NO "NO 123 456 789 MVA", GB,
 * US) a tax number that no checksum can be verified for here: spaces, dots,
 * dashes and slashes dropped, letters upper-cased, letters and digits only,
 * prefixed with @country when it does not start with it (EN 16931
 * BR-CO-09 wants the ISO prefix), 4 to 23 characters in all.
 * DOKUS_ERR_INVALID naming @field otherwise. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_tax_number_normalize (const char *text, const char *country, const char *field,
                                        char out[DOKUS_VAT_TEXT], DokusError *err);

/* The ISO 3166-1 country of VAT prefix @cc (as for dokus_vat_country_is_eu),
 * for addresses and UBL: EL -> GR, XI -> GB, others unchanged.
 * @out (OUT): two letters and NUL. Returns @out. */
DOKUS_PUBLIC char *dokus_vat_country_to_iso (const char cc[2], char out[3]);

/* The Belgian VAT number of normalized enterprise number @number:
 * "0417497106" -> "BE0417497106". Returns @out. */
DOKUS_PUBLIC char *dokus_vat_number_for_enterprise (const char *number, char out[DOKUS_VAT_TEXT]);

/* ---- IBAN and BIC ---- */

/* Accepts an IBAN with or without spaces, in any case. Valid: a SEPA
 * country (AD AL AT BE BG CH CY CZ DE DK EE ES FI FR GB GI GR HR HU IE IS
 * IT LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS SE SI SK SM VA), that
 * country's IBAN length, letters and digits only, check digits 02..98 with
 * ISO 13616 mod 97 == 1, and for BE also the account's own check digits.
 * @out (OUT): "BE68539007547034". */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_iban_normalize (const char *text, const char *field, char out[DOKUS_IBAN_TEXT],
                                  DokusError *err);

/* Normalized @iban in groups of four: "BE68 5390 0754 7034". */
DOKUS_PUBLIC char *dokus_iban_format (const char *iban, char out[DOKUS_IBAN_DISPLAY_TEXT]);

/* A BIC (SWIFT code), spaces dropped, any case: 4 letters (bank), 2
 * letters (country), 2 letters or digits (location) and optionally 3
 * letters or digits (branch). @out (OUT): "GEBABEBB" (upper case). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_bic_normalize (const char *text, const char *field, char out[DOKUS_BIC_TEXT],
                                 DokusError *err);

/* ---- Belgian structured communication (OGM / VCS) ---- */

/* The structured communication for @base (below 10^10, asserted): its ten
 * digits then two check digits, base mod 97 (97 when that is 0).
 * 909337554 -> "+++090/9337/55493+++". Returns @out. */
DOKUS_PUBLIC char *dokus_ogm_from_base (uint64_t base, char out[DOKUS_OGM_TEXT]);

/* Accepts "+++090/9337/55493+++", "***090/9337/55493***",
 * "090/9337/55493" or "090933755493" (spaces ignored): exactly 12 digits
 * whose last two are the check digits of the first ten.
 * @out (OUT): "+++090/9337/55493+++". */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_ogm_parse (const char *text, const char *field, char out[DOKUS_OGM_TEXT],
                             DokusError *err);

/* ---- Peppol participant identifiers ---- */

typedef struct {
  char scheme[5];                              /* ISO 6523 ICD, "0208" */
  char value[DOKUS_PEPPOL_VALUE_MAX + 1];      /* "0417497106" */
} DokusPeppolId;

/* true if @code (exactly, e.g. "0208"; NULL: false) is on the Peppol
 * electronic address scheme (EAS) code list, the list the UBL validator
 * checks EndpointID/@schemeID against (rule BR-CL-25). */
DOKUS_PUBLIC bool dokus_eas_known (const char *code);

/* Parses "SCHEME:VALUE", optionally after "iso6523-actorid-upis::": a
 * 4-digit scheme on the EAS code list (dokus_eas_known(); an unknown
 * scheme is refused with a message saying what Belgian parties use), then
 * 1..130 printable ASCII characters without spaces. 0208 values must be
 * Belgian enterprise numbers (normalized to 10 digits); 9925 values
 * Belgian VAT numbers ("be0417497106" is accepted, normalized to
 * "BE0417497106"). Other schemes' values are kept as written. For input
 * only: ids already in a book are not parsed again when it is read.
 * @out (OUT): scheme and value; zeroed on error. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_peppol_id_parse (const char *text, const char *field, DokusPeppolId *out,
                                   DokusError *err);

/* "0208:0417497106". Returns @out. */
DOKUS_PUBLIC char *dokus_peppol_id_format (const DokusPeppolId *id, char out[DOKUS_PEPPOL_ID_TEXT]);

/* dokus-eas-private.h
 *
 * The electronic address schemes (EAS) Peppol accepts (BIS 3.0.21 rule
 * PEPPOL-EN16931-CL008), one copy for the whole library: dokus_eas_known()
 * (dokus-ident.h) checks participant ids against it on input, and the UBL
 * validator's CL008 check tests EndpointID/@schemeID against the same
 * table, so what the ledger accepts is what export and the network accept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* the number of codes in dokus_eas_codes; the definition in dokus-eas.c
 * fails to compile if its list has a different length */
#define DOKUS_EAS_CODE_COUNT 83

/* The Peppol EAS codes, sorted by strcmp without duplicates (searched with
 * bsearch), static strings. */
extern const char *const dokus_eas_codes[DOKUS_EAS_CODE_COUNT];

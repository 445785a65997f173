/* dokus-validate-en16931-private.h
 *
 * Helpers shared by the EN 16931 rule families (rules-en16931-*.c): party
 * paths, the "VAT" tax scheme test and the charge indicator as the CEN
 * binding reads them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-validate-private.h"

#define DV_SELLER "cac:AccountingSupplierParty/cac:Party"
#define DV_BUYER "cac:AccountingCustomerParty/cac:Party"

/* cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT' on a
 * TaxCategory, ClassifiedTaxCategory or PartyTaxScheme. */
bool dv_scheme_is_vat (DokusValCtx *v, const xmlNode *n);

/* The cbc:CompanyID of @party's PartyTaxScheme whose scheme is VAT, or NULL. */
const xmlNode *dv_party_vat_id (DokusValCtx *v, const xmlNode *party);

/* cbc:ChargeIndicator of an AllowanceCharge as xs:boolean: 1 true, 0 false,
 * -1 absent or not a boolean (then neither "= true()" nor "= false()"). */
int dv_charge_indicator (DokusValCtx *v, const xmlNode *ac);

extern const DokusValFamily dokus_val_family_en16931_core;
extern const DokusValFamily dokus_val_family_en16931_vat;

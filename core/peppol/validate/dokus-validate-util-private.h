/* dokus-validate-util-private.h
 *
 * Helpers shared by the Peppol, national, UBL syntax and code-list rule
 * families (rules-peppol*.c, rules-national.c, rules-ubl-*.c,
 * rules-codelists.c): a walk over every element of the document, the
 * party countries the Peppol rules derive, sorted code lists looked up by
 * binary search, and small lexical tests (digits, dates, integers) with
 * XPath's meaning.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-validate-private.h"

/* ---- walking ------------------------------------------------------------- */

/* Calls @fn on every element below @top (not @top itself), in document
 * order, whatever its namespace. */
typedef void (*DvElementFn) (DokusValCtx *v, const xmlNode *n, void *data);
void dv_walk (DokusValCtx *v, const xmlNode *top, DvElementFn fn, void *data);

/* true if @n is an element in the cbc namespace named one of @names
 * (a NULL-terminated list of local names, e.g. { "Amount", "BaseAmount", NULL }). */
bool dv_is_cbc_one_of (const xmlNode *n, const char *const *names);

/* The parent element of @n, or NULL. */
const xmlNode *dv_parent (const xmlNode *n);

/* ---- code lists ---------------------------------------------------------- */

/* A code list: codes sorted by strcmp (checked by the family test). */
typedef struct {
  const char *const *codes;
  size_t             n;
} DvCodeList;

#define DV_CODE_LIST(arr) { arr, sizeof arr / sizeof arr[0] }

/* true if @code (exactly, NULL: false) is in @list. */
bool dv_code_in (const DvCodeList *list, const char *code);

/* true if @list is sorted and has no duplicates (for the tests). */
bool dv_code_list_sorted (const DvCodeList *list);

/* ---- lexical tests -------------------------------------------------------- */

/* true if @s is @n ASCII digits exactly (n = 0: one or more digits). */
bool dv_all_digits (const char *s, size_t n);

/* XPath "castable as xs:integer": optional surrounding whitespace, an
 * optional sign, one or more digits. */
bool dv_castable_integer (const char *s);

/* XPath "castable as xs:date" for a value without time zone: YYYY-MM-DD
 * with a real day of that month. */
bool dv_is_date (const char *s);

/* XPath string(number(s)) != 'NaN': @s (with surrounding whitespace) is
 * an optional '-', digits with an optional '.', no exponent. */
bool dv_is_number (const char *s);

/* ASCII upper-case copy of @s in the document arena (NULL if @s is NULL). */
char *dv_upper (DokusValCtx *v, const char *s);

/* XPath normalize-space() of the string @s, in the arena ("" if @s is NULL). */
const char *dv_norm_string (DokusValCtx *v, const char *s);

/* strcmp that treats NULL as "". */
int dv_strcmp0 (const char *a, const char *b);

/* ---- parties -------------------------------------------------------------- */

/* upper-case(normalize-space(.../cac:PostalAddress/cac:Country/cbc:IdentificationCode))
 * of the seller or buyer ("" when absent). */
const char *dv_seller_address_country (DokusValCtx *v);
const char *dv_buyer_address_country (DokusValCtx *v);

/* The Peppol rule set's $supplierCountry / $customerCountry: the first two
 * letters of the VAT identifier (seller, then tax representative for the
 * seller), else the postal address country, else "XX"; upper-cased. */
const char *dv_supplier_country (DokusValCtx *v);
const char *dv_customer_country (DokusValCtx *v);

/* $supplierCountryIsDE and $customerCountryIsDE. */
bool dv_both_de (DokusValCtx *v);

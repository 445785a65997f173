/* rules-peppol.c
 *
 * Peppol BIS Billing 3.0 transaction rules PEPPOL-EN16931-R* (document,
 * parties, allowances and charges, tax totals, payment, lines, periods),
 * -P* (type codes by profile, exemption reason codes), -F001 (dates) and
 * -CL* (Peppol's restricted code lists: MIME codes, UNCL 5189/7161/2005
 * subsets, ISO 4217 currencies, electronic address schemes). Contexts and
 * conditions as in Peppol BIS Billing 3.0.21 (PEPPOL-EN16931-UBL.sch of
 * the May 2026 release); code lists as of that release.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "dokus-eas-private.h"
#include "dokus-validate-names-private.h"
#include "dokus-validate-util-private.h"

/* findings of the rules that look at every element go through one walk */
static void
peppol_hit (DokusValCtx *v, const char *rule, const xmlNode *at);

#define SELLER "cac:AccountingSupplierParty/cac:Party"
#define BUYER "cac:AccountingCustomerParty/cac:Party"

/* ---- code lists of the Peppol rule set (3.0.21), sorted ----------------- */

/* MIME codes of attachments (PEPPOL-EN16931-CL001) */
static const char *const mime_codes[] = {
  "application/pdf",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "image/jpeg",
  "image/png",
  "text/csv",
};

/* UNCL 5189 D.16B subset: allowance reasons (CL002) */
static const char *const uncl5189_peppol[] = {
  "100", "102", "103", "104", "105", "41", "42", "60", "62", "63",
  "64",  "65",  "66",  "67",  "68",  "70", "71", "88", "95",
};

/* UNCL 7161 D.16B: charge reasons (CL003) */
static const char *const uncl7161_peppol[] = {
  "AA",  "AAA", "AAC", "AAD", "AAE", "AAF", "AAH", "AAI", "AAS", "AAT", "AAV", "AAY", "AAZ",
  "ABA", "ABB", "ABC", "ABD", "ABF", "ABK", "ABL", "ABN", "ABR", "ABS", "ABT", "ABU", "ACF",
  "ACG", "ACH", "ACI", "ACJ", "ACK", "ACL", "ACM", "ACS", "ADC", "ADE", "ADJ", "ADK", "ADL",
  "ADM", "ADN", "ADO", "ADP", "ADQ", "ADR", "ADT", "ADW", "ADY", "ADZ", "AEA", "AEB", "AEC",
  "AED", "AEF", "AEH", "AEI", "AEJ", "AEK", "AEL", "AEM", "AEN", "AEO", "AEP", "AES", "AET",
  "AEU", "AEV", "AEW", "AEX", "AEY", "AEZ", "AJ",  "AU",  "CA",  "CAB", "CAD", "CAE", "CAF",
  "CAI", "CAJ", "CAK", "CAL", "CAM", "CAN", "CAO", "CAP", "CAQ", "CAR", "CAS", "CAT", "CAU",
  "CAV", "CAW", "CAX", "CAY", "CAZ", "CD",  "CG",  "CS",  "CT",  "DAB", "DAC", "DAD", "DAF",
  "DAG", "DAH", "DAI", "DAJ", "DAK", "DAL", "DAM", "DAN", "DAO", "DAP", "DAQ", "DL",  "EG",
  "EP",  "ER",  "FAA", "FAB", "FAC", "FC",  "FH",  "FI",  "GAA", "HAA", "HD",  "HH",  "IAA",
  "IAB", "ID",  "IF",  "IR",  "IS",  "KO",  "L1",  "LA",  "LAA", "LAB", "LF",  "MAE", "MI",
  "ML",  "NAA", "OA",  "PA",  "PAA", "PC",  "PL",  "PRV", "RAB", "RAC", "RAD", "RAF", "RE",
  "RF",  "RH",  "RV",  "SA",  "SAA", "SAD", "SAE", "SAI", "SG",  "SH",  "SM",  "SU",  "TAB",
  "TAC", "TT",  "TV",  "V1",  "V2",  "WH",  "XAA", "YY",  "ZZZ",
};

/* UNCL 2005 subset: invoice period description codes (CL006) */
static const char *const uncl2005_peppol[] = { "3", "35", "432" };

/* ISO 4217 as the Peppol rules list it in 3.0.21 (CL007): no ANG, BGN;
 * with CNH and XCG. */
static const char *const iso4217_peppol[] = {
  "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BHD",
  "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF",
  "CHE", "CHF", "CHW", "CLF", "CLP", "CNH", "CNY", "COP", "COU", "CRC", "CUP", "CVE", "CZK",
  "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
  "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD",
  "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD",
  "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT",
  "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK",
  "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
  "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP",
  "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS",
  "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST",
  "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF",
  "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW", "ZWG",
};

/* Invoice type codes allowed in profiles 01 and 02 (P0100) */
static const char *const invoice_types_peppol[] = {
  "102", "218", "219", "326", "331", "380", "382", "383", "384", "386", "388", "389", "393",
  "395", "553", "575", "623", "71",  "780", "80",  "817", "82",  "84",  "870", "875", "876",
  "877",
};

/* Credit note type codes allowed in profiles 01 and 02 (P0101) */
static const char *const credit_note_types_peppol[] = { "381", "396", "532", "81", "83" };

static const DvCodeList mime_list = DV_CODE_LIST (mime_codes);
static const DvCodeList uncl5189_list = DV_CODE_LIST (uncl5189_peppol);
static const DvCodeList uncl7161_list = DV_CODE_LIST (uncl7161_peppol);
static const DvCodeList uncl2005_list = DV_CODE_LIST (uncl2005_peppol);
static const DvCodeList iso4217_list = DV_CODE_LIST (iso4217_peppol);
/* Electronic address schemes accepted by Peppol 3.0.21 (CL008): the
 * library's one table (core/common/dokus-eas.c), which participant-id
 * parsing uses too */
static const DvCodeList eas_list = DV_CODE_LIST (dokus_eas_codes);
static const DvCodeList invoice_types_list = DV_CODE_LIST (invoice_types_peppol);
static const DvCodeList credit_note_types_list = DV_CODE_LIST (credit_note_types_peppol);

/* ---- profile -------------------------------------------------------------- */

/* $profile: 1 for billing 01 (and the two French profiles), 2 for billing
 * with response, 0 for anything else. */
static int
profile (DokusValCtx *v)
{
  const char *p = dokus_val_norm_at (v, dokus_val_root (v), "cbc:ProfileID");
  if (p == NULL)
    return 0;
  if (strcmp (p, "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0") == 0
      || strcmp (p, "urn:peppol:france:billing:regulated") == 0
      || strcmp (p, "urn:peppol:france:billing:non-regulated") == 0)
    return 1;
  if (strcmp (p, "urn:peppol:bis:billing_with_response") == 0)
    return 2;
  return 0;
}

/* ---- document level -------------------------------------------------------- */

static void
r001 (DokusValCtx *v, const char *rule)
{
  if (!dokus_val_child (dokus_val_root (v), "cbc:ProfileID"))
    dokus_val_report (v, rule, NULL);
}

static void
r007 (DokusValCtx *v, const char *rule)
{
  if (profile (v) == 0)
    dokus_val_report (v, rule, dokus_val_child (dokus_val_root (v), "cbc:ProfileID"));
}

static void
r002 (DokusValCtx *v, const char *rule)
{
  if (dokus_val_count (dokus_val_root (v), "cbc:Note") > 1 && !dv_both_de (v))
    dokus_val_report (v, rule, dokus_val_next (dokus_val_child (dokus_val_root (v), "cbc:Note"), "cbc:Note"));
}

static void
r003 (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = dokus_val_root (v);
  if (!dokus_val_child (root, "cbc:BuyerReference") && !dokus_val_exists (root, "cac:OrderReference/cbc:ID"))
    dokus_val_report (v, rule, NULL);
}

static void
r004 (DokusValCtx *v, const char *rule)
{
  static const char prefix[]
      = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
  const xmlNode *c = dokus_val_child (dokus_val_root (v), "cbc:CustomizationID");
  const char *id = dokus_val_norm (v, c);
  if (id == NULL || strncmp (id, prefix, sizeof prefix - 1) != 0 || strstr (id, "::") != NULL)
    dokus_val_report (v, rule, c);
}

static bool
has_subtotal (const xmlNode *tt)
{
  return dokus_val_child (tt, "cac:TaxSubtotal") != NULL;
}

static void
r053 (DokusValCtx *v, const char *rule)
{
  size_t n = 0;
  for (const xmlNode *t = dokus_val_child (dokus_val_root (v), "cac:TaxTotal"); t;
       t = dokus_val_next (t, "cac:TaxTotal"))
    n += has_subtotal (t);
  if (n != 1)
    dokus_val_report (v, rule, NULL);
}

static void
r054 (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = dokus_val_root (v);
  size_t n = 0;
  for (const xmlNode *t = dokus_val_child (root, "cac:TaxTotal"); t; t = dokus_val_next (t, "cac:TaxTotal"))
    n += !has_subtotal (t);
  if (n != (dokus_val_child (root, "cbc:TaxCurrencyCode") ? 1u : 0u))
    dokus_val_report (v, rule, NULL);
}

/* Some TaxTotal/TaxAmount in @currency is <= 0 (@sign < 0) or >= 0 (@sign > 0). */
static bool
some_tax_amount (DokusValCtx *v, const char *currency, int sign)
{
  const xmlNode *root = dokus_val_root (v);
  for (const xmlNode *t = dokus_val_child (root, "cac:TaxTotal"); t; t = dokus_val_next (t, "cac:TaxTotal"))
    for (const xmlNode *a = dokus_val_child (t, "cbc:TaxAmount"); a; a = dokus_val_next (a, "cbc:TaxAmount"))
      {
        DokusValDec d;
        if (dv_strcmp0 (dokus_val_attr (v, a, "currencyID"), currency) != 0
            || dokus_val_attr (v, a, "currencyID") == NULL || !dokus_val_dec_of (v, a, &d))
          continue;
        int c = dokus_val_dec_cmp (d, dokus_val_dec_int (0));
        if ((sign < 0 && c <= 0) || (sign > 0 && c >= 0))
          return true;
      }
  return false;
}

static void
r055 (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = dokus_val_root (v);
  if (!dokus_val_child (root, "cbc:TaxCurrencyCode"))
    return;
  const char *tax = dokus_val_norm_at (v, root, "cbc:TaxCurrencyCode");
  const char *doc = dokus_val_norm_at (v, root, "cbc:DocumentCurrencyCode");
  if (doc == NULL)
    doc = "";
  if ((some_tax_amount (v, tax, -1) && some_tax_amount (v, doc, -1))
      || (some_tax_amount (v, tax, 1) && some_tax_amount (v, doc, 1)))
    return;
  dokus_val_report (v, rule, NULL);
}

static void
r005 (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = dokus_val_root (v);
  const char *doc = dokus_val_norm_at (v, root, "cbc:DocumentCurrencyCode");
  for (const xmlNode *c = dokus_val_child (root, "cbc:TaxCurrencyCode"); c;
       c = dokus_val_next (c, "cbc:TaxCurrencyCode"))
    if (dv_strcmp0 (dokus_val_norm (v, c), doc) == 0)
      dokus_val_report (v, rule, c);
}

static void
require_endpoint (DokusValCtx *v, const char *rule, const char *party_path)
{
  const xmlNode *root = dokus_val_root (v);
  const char *slash = strchr (party_path, '/');
  char outer[64];
  snprintf (outer, sizeof outer, "%.*s", (int) (slash - party_path), party_path);
  for (const xmlNode *o = dokus_val_child (root, outer); o; o = dokus_val_next (o, outer))
    for (const xmlNode *p = dokus_val_child (o, "cac:Party"); p; p = dokus_val_next (p, "cac:Party"))
      if (!dokus_val_child (p, "cbc:EndpointID"))
        dokus_val_report (v, rule, p);
}

static void
r010 (DokusValCtx *v, const char *rule)
{
  require_endpoint (v, rule, BUYER);
}

static void
r020 (DokusValCtx *v, const char *rule)
{
  require_endpoint (v, rule, SELLER);
}

/* ---- allowances and charges (document and line level) --------------------- */

typedef void (*AcFn) (DokusValCtx *v, const char *rule, const xmlNode *ac);

static void
each_doc_and_line_ac (DokusValCtx *v, const char *rule, AcFn fn)
{
  const xmlNode *root = dokus_val_root (v);
  const char *line = dokus_val_line_name (v);
  for (const xmlNode *ac = dokus_val_child (root, "cac:AllowanceCharge"); ac;
       ac = dokus_val_next (ac, "cac:AllowanceCharge"))
    fn (v, rule, ac);
  for (const xmlNode *l = dokus_val_child (root, line); l; l = dokus_val_next (l, line))
    for (const xmlNode *ac = dokus_val_child (l, "cac:AllowanceCharge"); ac;
         ac = dokus_val_next (ac, "cac:AllowanceCharge"))
      fn (v, rule, ac);
}

static void
ac_r040 (DokusValCtx *v, const char *rule, const xmlNode *ac)
{
  DokusValDec amount = dokus_val_dec_int (0), base, pct;
  const xmlNode *mfn = dokus_val_child (ac, "cbc:MultiplierFactorNumeric");
  const xmlNode *b = dokus_val_child (ac, "cbc:BaseAmount");
  if (!mfn || !b)
    return;
  if (!dokus_val_dec_of (v, b, &base) || !dokus_val_dec_of (v, mfn, &pct))
    return;
  if (dokus_val_child (ac, "cbc:Amount") && !dokus_val_dec_at (v, ac, "cbc:Amount", &amount))
    return;
  DokusValDec expected = dokus_val_dec_div (dokus_val_dec_mul (base, pct), dokus_val_dec_int (100));
  DokusValDec diff = dokus_val_dec_sub (amount, expected);
  DokusValDec slack;
  dokus_val_dec_parse ("0.02", &slack);
  DokusValDec neg = dokus_val_dec_sub (dokus_val_dec_int (0), slack);
  if (dokus_val_dec_cmp (diff, slack) > 0 || dokus_val_dec_cmp (diff, neg) < 0)
    dokus_val_report (v, rule, ac);
}

static void
ac_r041 (DokusValCtx *v, const char *rule, const xmlNode *ac)
{
  if (dokus_val_child (ac, "cbc:MultiplierFactorNumeric") && !dokus_val_child (ac, "cbc:BaseAmount"))
    dokus_val_report (v, rule, ac);
}

static void
ac_r042 (DokusValCtx *v, const char *rule, const xmlNode *ac)
{
  if (!dokus_val_child (ac, "cbc:MultiplierFactorNumeric") && dokus_val_child (ac, "cbc:BaseAmount"))
    dokus_val_report (v, rule, ac);
}

static void
ac_r043 (DokusValCtx *v, const char *rule, const xmlNode *ac)
{
  const char *ci = dokus_val_norm_at (v, ac, "cbc:ChargeIndicator");
  if (ci == NULL || (strcmp (ci, "true") != 0 && strcmp (ci, "false") != 0))
    dokus_val_report (v, rule, ac);
}

static void
r040 (DokusValCtx *v, const char *rule)
{
  each_doc_and_line_ac (v, rule, ac_r040);
}

static void
r041 (DokusValCtx *v, const char *rule)
{
  each_doc_and_line_ac (v, rule, ac_r041);
}

static void
r042 (DokusValCtx *v, const char *rule)
{
  each_doc_and_line_ac (v, rule, ac_r042);
}

static void
r043 (DokusValCtx *v, const char *rule)
{
  each_doc_and_line_ac (v, rule, ac_r043);
}

/* price level allowances: cac:Price/cac:AllowanceCharge of every line */
static void
each_price_ac (DokusValCtx *v, const char *rule, AcFn fn)
{
  const xmlNode *root = dokus_val_root (v);
  for (const xmlNode *ac = dokus_val_descendant (root, NULL, "cac:AllowanceCharge"); ac;
       ac = dokus_val_descendant (root, ac, "cac:AllowanceCharge"))
    if (dokus_val_is (dv_parent (ac), "cac:Price"))
      fn (v, rule, ac);
}

static void
ac_r044 (DokusValCtx *v, const char *rule, const xmlNode *ac)
{
  if (dv_strcmp0 (dokus_val_norm_at (v, ac, "cbc:ChargeIndicator"), "false") != 0)
    dokus_val_report (v, rule, ac);
}

static void
ac_r046 (DokusValCtx *v, const char *rule, const xmlNode *ac)
{
  DokusValDec price, base, amount;
  if (!dokus_val_child (ac, "cbc:BaseAmount"))
    return;
  if (!dokus_val_dec_at (v, dv_parent (ac), "cbc:PriceAmount", &price)
      || !dokus_val_dec_at (v, ac, "cbc:BaseAmount", &base)
      || !dokus_val_dec_at (v, ac, "cbc:Amount", &amount))
    {
      /* a missing or non-numeric operand: the equality cannot hold */
      dokus_val_report (v, rule, ac);
      return;
    }
  if (dokus_val_dec_cmp (price, dokus_val_dec_sub (base, amount)) != 0)
    dokus_val_report (v, rule, ac);
}

static void
r044 (DokusValCtx *v, const char *rule)
{
  each_price_ac (v, rule, ac_r044);
}

static void
r046 (DokusValCtx *v, const char *rule)
{
  each_price_ac (v, rule, ac_r046);
}

/* ---- payment ---------------------------------------------------------------- */

static void
r061 (DokusValCtx *v, const char *rule)
{
  for (const xmlNode *pm = dokus_val_child (dokus_val_root (v), "cac:PaymentMeans"); pm;
       pm = dokus_val_next (pm, "cac:PaymentMeans"))
    {
      const char *code = dokus_val_norm_at (v, pm, "cbc:PaymentMeansCode");
      if ((dv_strcmp0 (code, "49") == 0 || dv_strcmp0 (code, "59") == 0)
          && !dokus_val_exists (pm, "cac:PaymentMandate/cbc:ID"))
        dokus_val_report (v, rule, pm);
    }
}

/* ---- amounts: currency ------------------------------------------------------ */

static const char *const amount_names[]
    = { "Amount",           "BaseAmount",          "PriceAmount",       "TaxAmount",
        "TaxableAmount",    "LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount",
        "AllowanceTotalAmount", "ChargeTotalAmount", "PrepaidAmount",   "PayableRoundingAmount",
        "PayableAmount",    NULL };

typedef struct {
  const char *rule;
  const char *doc_currency;
} CurrencyWalk;

static void
visit_r051 (DokusValCtx *v, const xmlNode *n, void *data)
{
  CurrencyWalk *w = data;
  /* (n is one of amount_names: visit_everything asked) */
  if (strcmp ((const char *) n->name, "TaxAmount") == 0)
    {
      /* only the tax total with subtotals (BT-110) and the subtotals */
      const xmlNode *p = dv_parent (n);
      if (!(dokus_val_is (p, "cac:TaxSubtotal") || (dokus_val_is (p, "cac:TaxTotal") && has_subtotal (p))))
        return;
    }
  const char *cur = dokus_val_attr (v, n, "currencyID");
  if (cur == NULL || w->doc_currency == NULL || strcmp (cur, w->doc_currency) != 0)
    peppol_hit (v, w->rule, n);
}


static void
visit_cl007 (DokusValCtx *v, const xmlNode *n, void *data)
{
  /* (n is one of amount_names: visit_everything asked) */
  if (!dv_code_in (&iso4217_list, dokus_val_attr (v, n, "currencyID")))
    peppol_hit (v, data, n);
}


/* ---- lines ------------------------------------------------------------------ */

typedef void (*LineFn) (DokusValCtx *v, const char *rule, const xmlNode *line);

static void
each_line (DokusValCtx *v, const char *rule, LineFn fn)
{
  const char *name = dokus_val_line_name (v);
  for (const xmlNode *l = dokus_val_child (dokus_val_root (v), name); l; l = dokus_val_next (l, name))
    fn (v, rule, l);
}

/* round(sum(amounts of the line's allowances or charges) * 100) div 100 */
static bool
line_ac_total (DokusValCtx *v, const xmlNode *line, const char *indicator, DokusValDec *out)
{
  DokusValDec sum = dokus_val_dec_int (0);
  for (const xmlNode *ac = dokus_val_child (line, "cac:AllowanceCharge"); ac;
       ac = dokus_val_next (ac, "cac:AllowanceCharge"))
    {
      DokusValDec a;
      if (dv_strcmp0 (dokus_val_norm_at (v, ac, "cbc:ChargeIndicator"), indicator) != 0)
        continue;
      for (const xmlNode *am = dokus_val_child (ac, "cbc:Amount"); am; am = dokus_val_next (am, "cbc:Amount"))
        {
          if (!dokus_val_dec_of (v, am, &a))
            return false;
          sum = dokus_val_dec_add (sum, a);
        }
    }
  *out = dokus_val_dec_round2 (sum);
  return true;
}

static void
line_r120 (DokusValCtx *v, const char *rule, const xmlNode *l)
{
  DokusValDec net = dokus_val_dec_int (0), qty = dokus_val_dec_int (1), price = dokus_val_dec_int (0);
  DokusValDec base = dokus_val_dec_int (1), allowances, charges, slack;
  const char *qname = dokus_val_quantity_name (v);

  if (dokus_val_child (l, "cbc:LineExtensionAmount") && !dokus_val_dec_at (v, l, "cbc:LineExtensionAmount", &net))
    return;
  if (dokus_val_child (l, qname) && !dokus_val_dec_at (v, l, qname, &qty))
    return;
  if (dokus_val_exists (l, "cac:Price/cbc:PriceAmount")
      && !dokus_val_dec_at (v, l, "cac:Price/cbc:PriceAmount", &price))
    return;
  if (dokus_val_exists (l, "cac:Price/cbc:BaseQuantity"))
    {
      DokusValDec b;
      if (!dokus_val_dec_at (v, l, "cac:Price/cbc:BaseQuantity", &b))
        return;
      if (!dokus_val_dec_is_zero (b))
        base = b;
    }
  if (!line_ac_total (v, l, "false", &allowances) || !line_ac_total (v, l, "true", &charges))
    return;
  DokusValDec expected = dokus_val_dec_mul (qty, dokus_val_dec_div (price, base));
  expected = dokus_val_dec_sub (dokus_val_dec_add (expected, charges), allowances);
  DokusValDec diff = dokus_val_dec_sub (net, expected);
  dokus_val_dec_parse ("0.02", &slack);
  if (dokus_val_dec_cmp (diff, slack) > 0
      || dokus_val_dec_cmp (diff, dokus_val_dec_sub (dokus_val_dec_int (0), slack)) < 0)
    dokus_val_report (v, rule, l);
}

static void
line_r121 (DokusValCtx *v, const char *rule, const xmlNode *l)
{
  DokusValDec b;
  if (!dokus_val_exists (l, "cac:Price/cbc:BaseQuantity"))
    return;
  if (!dokus_val_dec_at (v, l, "cac:Price/cbc:BaseQuantity", &b)
      || dokus_val_dec_cmp (b, dokus_val_dec_int (0)) <= 0)
    dokus_val_report (v, rule, l);
}

static void
line_r100 (DokusValCtx *v, const char *rule, const xmlNode *l)
{
  if (dokus_val_count (l, "cac:DocumentReference") > 1)
    dokus_val_report (v, rule, l);
}

static void
line_r101 (DokusValCtx *v, const char *rule, const xmlNode *l)
{
  if (!dokus_val_child (l, "cac:DocumentReference"))
    return;
  for (const xmlNode *d = dokus_val_child (l, "cac:DocumentReference"); d;
       d = dokus_val_next (d, "cac:DocumentReference"))
    for (const xmlNode *c = dokus_val_child (d, "cbc:DocumentTypeCode"); c;
         c = dokus_val_next (c, "cbc:DocumentTypeCode"))
      if (dv_strcmp0 (dokus_val_text (v, c), "130") == 0)
        return;
  dokus_val_report (v, rule, l);
}

static void
r120 (DokusValCtx *v, const char *rule)
{
  each_line (v, rule, line_r120);
}

static void
r121 (DokusValCtx *v, const char *rule)
{
  each_line (v, rule, line_r121);
}

static void
r100 (DokusValCtx *v, const char *rule)
{
  each_line (v, rule, line_r100);
}

static void
r101 (DokusValCtx *v, const char *rule)
{
  each_line (v, rule, line_r101);
}

/* line period within the document period (R110 start, R111 end) */
static void
line_period (DokusValCtx *v, const char *rule, const char *which, int bad_sign)
{
  const xmlNode *root = dokus_val_root (v);
  char path[48];
  snprintf (path, sizeof path, "cac:InvoicePeriod/%s", which);
  const xmlNode *doc_date = dokus_val_first (root, path);
  const char *line = dokus_val_line_name (v);

  if (doc_date == NULL)
    return;
  const char *limit = dokus_val_norm (v, doc_date);
  if (!dv_is_date (limit))
    return;
  for (const xmlNode *l = dokus_val_child (root, line); l; l = dokus_val_next (l, line))
    for (const xmlNode *p = dokus_val_child (l, "cac:InvoicePeriod"); p; p = dokus_val_next (p, "cac:InvoicePeriod"))
      for (const xmlNode *d = dokus_val_child (p, which); d; d = dokus_val_next (d, which))
        {
          const char *t = dokus_val_norm (v, d);
          if (!dv_is_date (t))
            continue;
          int c = strcmp (t, limit);
          if ((bad_sign < 0 && c < 0) || (bad_sign > 0 && c > 0))
            dokus_val_report (v, rule, d);
        }
}

static void
r110 (DokusValCtx *v, const char *rule)
{
  line_period (v, rule, "cbc:StartDate", -1);
}

static void
r111 (DokusValCtx *v, const char *rule)
{
  line_period (v, rule, "cbc:EndDate", 1);
}

/* price base quantity unit = invoiced quantity unit */
static void
line_r130 (DokusValCtx *v, const char *rule, const xmlNode *l)
{
  const xmlNode *q = dokus_val_child (l, dokus_val_quantity_name (v));
  bool has_quantity = dokus_val_child (l, "cbc:InvoicedQuantity") || dokus_val_child (l, "cbc:CreditedQuantity");
  for (const xmlNode *p = dokus_val_child (l, "cac:Price"); p; p = dokus_val_next (p, "cac:Price"))
    for (const xmlNode *b = dokus_val_child (p, "cbc:BaseQuantity"); b; b = dokus_val_next (b, "cbc:BaseQuantity"))
      {
        const char *unit = dokus_val_attr (v, b, "unitCode");
        if (unit == NULL || !has_quantity)
          continue;
        const char *qunit = dokus_val_attr (v, q, "unitCode");
        if (qunit == NULL || strcmp (unit, qunit) != 0)
          dokus_val_report (v, rule, b);
      }
}

static void
r130 (DokusValCtx *v, const char *rule)
{
  each_line (v, rule, line_r130);
}

/* credit note: at most one project reference (document type code 50) */
static void
r080 (DokusValCtx *v, const char *rule)
{
  size_t n = 0;
  if (!dokus_val_is_credit_note (v))
    return;
  for (const xmlNode *d = dokus_val_child (dokus_val_root (v), "cac:AdditionalDocumentReference"); d;
       d = dokus_val_next (d, "cac:AdditionalDocumentReference"))
    for (const xmlNode *c = dokus_val_child (d, "cbc:DocumentTypeCode"); c;
         c = dokus_val_next (c, "cbc:DocumentTypeCode"))
      if (dv_strcmp0 (dokus_val_text (v, c), "50") == 0)
        {
          n++;
          break;
        }
  if (n > 1)
    dokus_val_report (v, rule, NULL);
}

/* ---- empty elements ---------------------------------------------------------- */

static bool
only_space (const char *s)
{
  for (; *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
      return false;
  return true;
}

static void
visit_r008 (DokusValCtx *v, const xmlNode *n, void *data)
{
  (void) v;
  for (const xmlNode *c = n->children; c; c = c->next)
    {
      if (c->type == XML_ELEMENT_NODE)
        return;
      if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content
          && !only_space ((const char *) c->content))
        return;
    }
  peppol_hit (v, data, n);
}


/* ---- code lists ------------------------------------------------------------- */

static void
visit_cl001 (DokusValCtx *v, const xmlNode *n, void *data)
{
  const char *mime;
  if (!dokus_val_is (n, "cbc:EmbeddedDocumentBinaryObject"))
    return;
  mime = dokus_val_attr (v, n, "mimeCode");
  if (mime != NULL && !dv_code_in (&mime_list, mime))
    peppol_hit (v, data, n);
}






static void
visit_cl008 (DokusValCtx *v, const xmlNode *n, void *data)
{
  const char *scheme;
  if (!dokus_val_is (n, "cbc:EndpointID"))
    return;
  scheme = dokus_val_attr (v, n, "schemeID");
  if (scheme != NULL && !dv_code_in (&eas_list, scheme))
    peppol_hit (v, data, n);
}


/* ---- type codes -------------------------------------------------------------- */

static void
type_codes (DokusValCtx *v, const char *rule, const char *qname, const DvCodeList *list)
{
  if (profile (v) == 0)
    return;
  const xmlNode *root = dokus_val_root (v);
  for (const xmlNode *c = dokus_val_descendant (root, NULL, qname); c; c = dokus_val_descendant (root, c, qname))
    if (!dv_code_in (list, dokus_val_norm (v, c)))
      dokus_val_report (v, rule, c);
}

static void
p0100 (DokusValCtx *v, const char *rule)
{
  type_codes (v, rule, "cbc:InvoiceTypeCode", &invoice_types_list);
}

static void
p0101 (DokusValCtx *v, const char *rule)
{
  type_codes (v, rule, "cbc:CreditNoteTypeCode", &credit_note_types_list);
}

/* 326, 384 and 389 only between German parties (384 also between Slovak ones) */
static void
p0112 (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = dokus_val_root (v);
  for (const xmlNode *c = dokus_val_descendant (root, NULL, "cbc:InvoiceTypeCode"); c;
       c = dokus_val_descendant (root, c, "cbc:InvoiceTypeCode"))
    {
      const char *t = dokus_val_norm (v, c);
      if (t == NULL || (strcmp (t, "326") != 0 && strcmp (t, "384") != 0 && strcmp (t, "389") != 0))
        continue;
      if (dv_both_de (v))
        continue;
      if (strcmp (t, "384") == 0 && strcmp (dv_supplier_country (v), "SK") == 0
          && strcmp (dv_customer_country (v), "SK") == 0)
        continue;
      dokus_val_report (v, rule, c);
    }
}

/* ---- dates -------------------------------------------------------------------- */

static const char *const date_names[]
    = { "IssueDate", "DueDate", "TaxPointDate", "StartDate", "EndDate", "ActualDeliveryDate", NULL };

static void
visit_f001 (DokusValCtx *v, const xmlNode *n, void *data)
{
  if (dv_is_cbc_one_of (n, date_names) && !dv_is_date (dokus_val_text (v, n)))
    peppol_hit (v, data, n);
}


/* ---- exemption reason code -> category ------------------------------------------ */

static const struct {
  const char *rule;
  const char *reason;
  const char *category;
} exemption_rules[] = {
  { "PEPPOL-EN16931-P0104", "VATEX-EU-G", "G" },  { "PEPPOL-EN16931-P0105", "VATEX-EU-O", "O" },
  { "PEPPOL-EN16931-P0106", "VATEX-EU-IC", "K" }, { "PEPPOL-EN16931-P0107", "VATEX-EU-AE", "AE" },
  { "PEPPOL-EN16931-P0108", "VATEX-EU-D", "E" },  { "PEPPOL-EN16931-P0109", "VATEX-EU-F", "E" },
  { "PEPPOL-EN16931-P0110", "VATEX-EU-I", "E" },  { "PEPPOL-EN16931-P0111", "VATEX-EU-J", "E" },
};


/* ---- one walk for the rules that look at every element ------------------------- */

static const char *const walk_ids[] = {
  "PEPPOL-EN16931-CL001", "PEPPOL-EN16931-CL002", "PEPPOL-EN16931-CL003", "PEPPOL-EN16931-CL006",
  "PEPPOL-EN16931-CL007", "PEPPOL-EN16931-CL008", "PEPPOL-EN16931-F001",  "PEPPOL-EN16931-P0104",
  "PEPPOL-EN16931-P0105", "PEPPOL-EN16931-P0106", "PEPPOL-EN16931-P0107", "PEPPOL-EN16931-P0108",
  "PEPPOL-EN16931-P0109", "PEPPOL-EN16931-P0110", "PEPPOL-EN16931-P0111", "PEPPOL-EN16931-R008",
  "PEPPOL-EN16931-R051",
};

/* cac:AllowanceCharge[cbc:ChargeIndicator = @indicator]/cbc:AllowanceChargeReasonCode */
static void
visit_reason_codes (DokusValCtx *v, const xmlNode *ac)
{
  bool allowance = false, charge = false;
  for (const xmlNode *ci = dokus_val_child (ac, "cbc:ChargeIndicator"); ci; ci = dokus_val_next (ci, "cbc:ChargeIndicator"))
    {
      const char *t = dokus_val_text (v, ci);
      allowance = allowance || dv_strcmp0 (t, "false") == 0;
      charge = charge || dv_strcmp0 (t, "true") == 0;
    }
  for (const xmlNode *rc = dokus_val_child (ac, "cbc:AllowanceChargeReasonCode"); rc;
       rc = dokus_val_next (rc, "cbc:AllowanceChargeReasonCode"))
    {
      const char *code = dokus_val_norm (v, rc);
      if (allowance && !dv_code_in (&uncl5189_list, code))
        peppol_hit (v, "PEPPOL-EN16931-CL002", rc);
      if (charge && !dv_code_in (&uncl7161_list, code))
        peppol_hit (v, "PEPPOL-EN16931-CL003", rc);
    }
}

/* cac:TaxCategory[upper-case(cbc:TaxExemptionReasonCode) = reason]: cbc:ID = category */
static void
visit_exemption (DokusValCtx *v, const xmlNode *tc)
{
  for (size_t i = 0; i < sizeof exemption_rules / sizeof exemption_rules[0]; i++)
    {
      bool match = false;
      for (const xmlNode *r = dokus_val_child (tc, "cbc:TaxExemptionReasonCode"); r && !match;
           r = dokus_val_next (r, "cbc:TaxExemptionReasonCode"))
        match = dv_strcmp0 (dv_upper (v, dokus_val_text (v, r)), exemption_rules[i].reason) == 0;
      if (match && dv_strcmp0 (dokus_val_norm_at (v, tc, "cbc:ID"), exemption_rules[i].category) != 0)
        peppol_hit (v, exemption_rules[i].rule, tc);
    }
}

/* The document currency (cbc:DocumentCurrencyCode of the root, NULL
 * without one), looked up once per walk: in the group's state. */
typedef struct {
  const char *currency;
} WalkData;

static const char *
document_currency (DokusValCtx *v, DvGroupState *s)
{
  WalkData *d = s->data;
  if (d == NULL)
    {
      d = dokus_val_alloc (v, sizeof *d);
      if (d == NULL)
        return dokus_val_text_at (v, dokus_val_root (v), "cbc:DocumentCurrencyCode");
      d->currency = dokus_val_text_at (v, dokus_val_root (v), "cbc:DocumentCurrencyCode");
      s->data = d;
    }
  return d->currency;
}

/* visit_everything's checks after R008, each a bit of everything_checks */
enum {
  CHECK_AMOUNT = 1u << 0,   /* R051, CL007 */
  CHECK_CL001 = 1u << 1,
  CHECK_CL008 = 1u << 2,
  CHECK_F001 = 1u << 3,
  CHECK_OTHER = 1u << 4,    /* allowances, tax categories, CL006 */
};

/* The checks of visit_everything that look at elements named @local (keep
 * in step with it). */
static uint32_t
everything_wants (const char *local)
{
  static const char *const binary[] = { "EmbeddedDocumentBinaryObject", NULL };
  static const char *const endpoints[] = { "EndpointID", NULL };
  static const char *const other[] = { "AllowanceCharge", "TaxCategory", "DescriptionCode", NULL };
  static const DvNameRow rows[] = {
    { amount_names, CHECK_AMOUNT }, { binary, CHECK_CL001 }, { endpoints, CHECK_CL008 },
    { date_names, CHECK_F001 },     { other, CHECK_OTHER },
  };
  return dv_name_rows (local, rows, sizeof rows / sizeof rows[0]);
}

static DvNameMap everything_checks = { .wants = everything_wants };

static void
visit_everything (DokusValCtx *v, const xmlNode *n, DvGroupState *s)
{
  uint32_t checks;
  if (n == dokus_val_root (v))
    return;
  visit_r008 (v, n, (void *) "PEPPOL-EN16931-R008");
  if (n->ns == NULL)
    return;
  /* by its name, most elements need none of the checks below */
  checks = dv_name_map_get (&everything_checks, n);
  if (checks == 0)
    return;
  if ((checks & CHECK_AMOUNT) && dv_is_cbc_one_of (n, amount_names))
    {
      /* the document currency only for amounts: not a lookup per element */
      CurrencyWalk w = { "PEPPOL-EN16931-R051", document_currency (v, s) };
      visit_r051 (v, n, &w);
      visit_cl007 (v, n, (void *) "PEPPOL-EN16931-CL007");
    }
  if (checks & CHECK_CL001)
    visit_cl001 (v, n, (void *) "PEPPOL-EN16931-CL001");
  if (checks & CHECK_CL008)
    visit_cl008 (v, n, (void *) "PEPPOL-EN16931-CL008");
  if (checks & CHECK_F001)
    visit_f001 (v, n, (void *) "PEPPOL-EN16931-F001");
  if (!(checks & CHECK_OTHER))
    return;
  if (dokus_val_is (n, "cac:AllowanceCharge"))
    visit_reason_codes (v, n);
  else if (dokus_val_is (n, "cac:TaxCategory"))
    visit_exemption (v, n);
  else if (dokus_val_is (n, "cbc:DescriptionCode") && dokus_val_is (dv_parent (n), "cac:InvoicePeriod")
           && !dv_code_in (&uncl2005_list, dokus_val_norm (v, n)))
    peppol_hit (v, "PEPPOL-EN16931-CL006", n);
}

DV_GROUP_STATE (walk_state);

const DvGroup dv_group_peppol_walk = {
  walk_ids, sizeof walk_ids / sizeof walk_ids[0], visit_everything, walk_state,
};

static void
peppol_hit (DokusValCtx *v, const char *rule, const xmlNode *at)
{
  for (unsigned i = 0; i < sizeof walk_ids / sizeof walk_ids[0]; i++)
    if (strcmp (walk_ids[i], rule) == 0)
      {
        dv_group_hit (v, walk_state (v), i, at);
        return;
      }
}

static void
check_walk (DokusValCtx *v, const char *rule)
{
  dv_group_check (v, rule, &dv_group_peppol_walk);
}

static const DokusValRule peppol_rules[] = {
  { "PEPPOL-EN16931-CL001", check_walk },
  { "PEPPOL-EN16931-CL002", check_walk },
  { "PEPPOL-EN16931-CL003", check_walk },
  { "PEPPOL-EN16931-CL006", check_walk },
  { "PEPPOL-EN16931-CL007", check_walk },
  { "PEPPOL-EN16931-CL008", check_walk },
  { "PEPPOL-EN16931-F001", check_walk },
  { "PEPPOL-EN16931-P0100", p0100 },
  { "PEPPOL-EN16931-P0101", p0101 },
  { "PEPPOL-EN16931-P0104", check_walk },
  { "PEPPOL-EN16931-P0105", check_walk },
  { "PEPPOL-EN16931-P0106", check_walk },
  { "PEPPOL-EN16931-P0107", check_walk },
  { "PEPPOL-EN16931-P0108", check_walk },
  { "PEPPOL-EN16931-P0109", check_walk },
  { "PEPPOL-EN16931-P0110", check_walk },
  { "PEPPOL-EN16931-P0111", check_walk },
  { "PEPPOL-EN16931-P0112", p0112 },
  { "PEPPOL-EN16931-R001", r001 },
  { "PEPPOL-EN16931-R002", r002 },
  { "PEPPOL-EN16931-R003", r003 },
  { "PEPPOL-EN16931-R004", r004 },
  { "PEPPOL-EN16931-R005", r005 },
  { "PEPPOL-EN16931-R007", r007 },
  { "PEPPOL-EN16931-R008", check_walk },
  { "PEPPOL-EN16931-R010", r010 },
  { "PEPPOL-EN16931-R020", r020 },
  { "PEPPOL-EN16931-R040", r040 },
  { "PEPPOL-EN16931-R041", r041 },
  { "PEPPOL-EN16931-R042", r042 },
  { "PEPPOL-EN16931-R043", r043 },
  { "PEPPOL-EN16931-R044", r044 },
  { "PEPPOL-EN16931-R046", r046 },
  { "PEPPOL-EN16931-R051", check_walk },
  { "PEPPOL-EN16931-R053", r053 },
  { "PEPPOL-EN16931-R054", r054 },
  { "PEPPOL-EN16931-R055", r055 },
  { "PEPPOL-EN16931-R061", r061 },
  { "PEPPOL-EN16931-R080", r080 },
  { "PEPPOL-EN16931-R100", r100 },
  { "PEPPOL-EN16931-R101", r101 },
  { "PEPPOL-EN16931-R110", r110 },
  { "PEPPOL-EN16931-R111", r111 },
  { "PEPPOL-EN16931-R120", r120 },
  { "PEPPOL-EN16931-R121", r121 },
  { "PEPPOL-EN16931-R130", r130 },
};

DOKUS_VAL_FAMILY (dokus_val_family_peppol, "PEPPOL-EN16931", peppol_rules);

/* rules-codelists.c
 *
 * EN 16931 code-list rules BR-CL-*: type codes (UNTDID 1001), currencies
 * (ISO 4217), VAT point date codes (UNTDID 2005), note subject codes
 * (UNTDID 4451), object identifier
 * schemes (UNTDID 1153), party, registration, item and delivery location
 * identifier schemes (ISO 6523 ICD), item classification schemes (UNTDID
 * 7143), countries (ISO 3166-1), payment means (UNTDID 4461), VAT
 * categories (UNTDID 5305), allowance and charge reasons (UNTDID
 * 5189/7161), exemption reasons (VATEX), units (UN/ECE Rec 20/21), MIME
 * types and electronic address schemes (EAS). Contexts as in the CEN UBL
 * binding, validation artefacts 1.3.16; the lists are in
 * rules-codelists-data.c, each with its version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "dokus-validate-names-private.h"
#include "rules-codelists-private.h"

/* every finding goes through the rule group of this family (one walk) */
static void
codelist_hit (DokusValCtx *v, const char *rule, const xmlNode *at);

/* ---- one generic check: an element (or one of its attributes) must hold a
 * code of a list ------------------------------------------------------------ */

typedef enum {
  VALUE_NORM,        /* normalize-space(.) */
  VALUE_NORM_UPPER,  /* normalize-space(upper-case(.)) */
  VALUE_ATTR_NORM,   /* normalize-space(@attr); the rule applies only when @attr exists */
  VALUE_ATTR_ALWAYS, /* normalize-space(@attr); absent counts as "" */
  VALUE_ATTR_EXACT,  /* @attr as written; only when it exists */
} ValueKind;

typedef struct {
  const char      *rule;
  const char      *element;  /* "cbc:IdentificationCode" ... */
  const char      *parent;   /* required parent element, or NULL */
  ValueKind        kind;
  const char      *attr;
  const DvCodeList *list;
} ListRule;

static const ListRule list_rules[] = {
  { "BR-CL-04", "cbc:DocumentCurrencyCode", NULL, VALUE_NORM, NULL, &dv_cl_iso4217 },
  { "BR-CL-05", "cbc:TaxCurrencyCode", NULL, VALUE_NORM, NULL, &dv_cl_iso4217 },
  { "BR-CL-06", "cbc:DescriptionCode", "cac:InvoicePeriod", VALUE_NORM, NULL, &dv_cl_uncl2005 },
  { "BR-CL-11", "cbc:CompanyID", "cac:PartyLegalEntity", VALUE_ATTR_NORM, "schemeID", &dv_cl_iso6523 },
  { "BR-CL-13", "cbc:ItemClassificationCode", "cac:CommodityClassification", VALUE_ATTR_NORM, "listID",
    &dv_cl_uncl7143 },
  { "BR-CL-14", "cbc:IdentificationCode", "cac:Country", VALUE_NORM, NULL, &dv_cl_iso3166_address },
  { "BR-CL-15", "cbc:IdentificationCode", "cac:OriginCountry", VALUE_NORM, NULL, &dv_cl_iso3166 },
  { "BR-CL-16", "cbc:PaymentMeansCode", "cac:PaymentMeans", VALUE_NORM, NULL, &dv_cl_uncl4461 },
  { "BR-CL-17", "cbc:ID", "cac:TaxCategory", VALUE_NORM, NULL, &dv_cl_uncl5305 },
  { "BR-CL-18", "cbc:ID", "cac:ClassifiedTaxCategory", VALUE_NORM, NULL, &dv_cl_uncl5305 },
  { "BR-CL-21", "cbc:ID", "cac:StandardItemIdentification", VALUE_ATTR_NORM, "schemeID", &dv_cl_iso6523 },
  { "BR-CL-22", "cbc:TaxExemptionReasonCode", NULL, VALUE_NORM_UPPER, NULL, &dv_cl_vatex },
  { "BR-CL-24", "cbc:EmbeddedDocumentBinaryObject", NULL, VALUE_ATTR_EXACT, "mimeCode", &dv_cl_mime },
  { "BR-CL-25", "cbc:EndpointID", NULL, VALUE_ATTR_NORM, "schemeID", &dv_cl_eas },
  { "BR-CL-26", "cbc:ID", "cac:DeliveryLocation", VALUE_ATTR_NORM, "schemeID", &dv_cl_iso6523 },
};

static const char *
value_of (DokusValCtx *v, const xmlNode *n, ValueKind kind, const char *attr, bool *applies)
{
  const char *a;
  *applies = true;
  switch (kind)
    {
    case VALUE_NORM:
      return dokus_val_norm (v, n);
    case VALUE_NORM_UPPER:
      return dv_upper (v, dokus_val_norm (v, n));
    case VALUE_ATTR_EXACT:
      a = dokus_val_attr (v, n, attr);
      *applies = a != NULL;
      return a;
    case VALUE_ATTR_NORM:
    case VALUE_ATTR_ALWAYS:
      a = dokus_val_attr (v, n, attr);
      if (a == NULL)
        {
          *applies = kind == VALUE_ATTR_ALWAYS;
          return "";
        }
      return dv_norm_string (v, a);
    }
  return NULL;
}

/* @named: @n is known to have r->element's local name and namespace (the
 * caller's name map said so): only the parent is left to test. */
static void
visit_list_rule (DokusValCtx *v, const xmlNode *n, const ListRule *r, bool named)
{
  bool applies;

  if ((!named && !dokus_val_is (n, r->element))
      || (r->parent && !dokus_val_is (dv_parent (n), r->parent)))
    return;
  const char *value = value_of (v, n, r->kind, r->attr, &applies);
  if (applies && !dv_code_in (r->list, value))
    codelist_hit (v, r->rule, n);
}


/* ---- rules with their own context ----------------------------------------- */

/* BR-CL-01: the type code list depends on the element */
static void
visit_cl01 (DokusValCtx *v, const xmlNode *n, void *data)
{
  const DvCodeList *list;
  if (dokus_val_is (n, "cbc:InvoiceTypeCode"))
    list = &dv_cl_uncl1001_invoice;
  else if (dokus_val_is (n, "cbc:CreditNoteTypeCode"))
    list = &dv_cl_uncl1001_credit;
  else
    return;
  if (!dv_code_in (list, dokus_val_norm (v, n)))
    codelist_hit (v, data, n);
}


/* BR-CL-03: currencyID of every amount (absent counts as empty) */
static const char *const amount_names[]
    = { "Amount",           "BaseAmount",          "PriceAmount",        "TaxAmount",
        "TaxableAmount",    "LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount",
        "AllowanceTotalAmount", "ChargeTotalAmount", "PrepaidAmount",    "PayableRoundingAmount",
        "PayableAmount",    NULL };

static void
visit_cl03 (DokusValCtx *v, const xmlNode *n, void *data, bool named)
{
  if (!named && !dv_is_cbc_one_of (n, amount_names))
    return;
  const char *cur = dokus_val_attr (v, n, "currencyID");
  if (!dv_code_in (&dv_cl_iso4217, dv_norm_string (v, cur ? cur : "")))
    codelist_hit (v, data, n);
}


/* BR-CL-07: scheme of an invoiced object identifier (document type 130) */
static bool
type_code_is_130 (DokusValCtx *v, const xmlNode *ref)
{
  for (const xmlNode *c = dokus_val_child (ref, "cbc:DocumentTypeCode"); c;
       c = dokus_val_next (c, "cbc:DocumentTypeCode"))
    if (dv_strcmp0 (dokus_val_text (v, c), "130") == 0)
      return true;
  return false;
}

static void
visit_cl07 (DokusValCtx *v, const xmlNode *n, void *data, bool named)
{
  const xmlNode *ref = dv_parent (n);
  const char *scheme;
  if ((!named && !dokus_val_is (n, "cbc:ID"))
      || !(dokus_val_is (ref, "cac:AdditionalDocumentReference") || dokus_val_is (ref, "cac:DocumentReference"))
      || !type_code_is_130 (v, ref))
    return;
  scheme = dokus_val_attr (v, n, "schemeID");
  if (scheme != NULL && !dv_code_in (&dv_cl_uncl1153, dv_norm_string (v, scheme)))
    codelist_hit (v, data, n);
}


/* BR-CL-10: party identifier scheme: ICD, or SEPA for the seller and payee */
static bool
has_ancestor (const xmlNode *n, const char *qname)
{
  for (const xmlNode *p = dv_parent (n); p; p = dv_parent (p))
    if (dokus_val_is (p, qname))
      return true;
  return false;
}

static void
visit_cl10 (DokusValCtx *v, const xmlNode *n, void *data, bool named)
{
  const char *scheme;
  if ((!named && !dokus_val_is (n, "cbc:ID"))
      || !dokus_val_is (dv_parent (n), "cac:PartyIdentification"))
    return;
  scheme = dokus_val_attr (v, n, "schemeID");
  if (scheme == NULL)
    return;
  scheme = dv_norm_string (v, scheme);
  if (dv_code_in (&dv_cl_iso6523, scheme))
    return;
  if (dv_strcmp0 (scheme, "SEPA") == 0
      && (has_ancestor (n, "cac:AccountingSupplierParty") || has_ancestor (n, "cac:PayeeParty")))
    return;
  codelist_hit (v, data, n);
}


/* BR-CL-19 / BR-CL-20: reason codes of allowances (false) and charges (true) */
typedef struct {
  const char       *rule;
  int               indicator;
  const DvCodeList *list;
} ReasonWalk;

/* cbc:ChargeIndicator = false() / true(): some indicator casts to that boolean */
static bool
indicator_is (DokusValCtx *v, const xmlNode *ac, int want)
{
  for (const xmlNode *ci = dokus_val_child (ac, "cbc:ChargeIndicator"); ci;
       ci = dokus_val_next (ci, "cbc:ChargeIndicator"))
    {
      const char *t = dokus_val_norm (v, ci);
      int b = -1;
      if (dv_strcmp0 (t, "true") == 0 || dv_strcmp0 (t, "1") == 0)
        b = 1;
      else if (dv_strcmp0 (t, "false") == 0 || dv_strcmp0 (t, "0") == 0)
        b = 0;
      if (b == want)
        return true;
    }
  return false;
}

static void
visit_reason (DokusValCtx *v, const xmlNode *n, void *data)
{
  const ReasonWalk *w = data;
  if (!dokus_val_is (n, "cbc:AllowanceChargeReasonCode"))
    return;
  const xmlNode *ac = dv_parent (n);
  if (!dokus_val_is (ac, "cac:AllowanceCharge") || !indicator_is (v, ac, w->indicator))
    return;
  if (!dv_code_in (w->list, dokus_val_norm (v, n)))
    codelist_hit (v, w->rule, n);
}



/* BR-CL-23: unit codes of quantities */
static const char *const quantity_names[] = { "InvoicedQuantity", "BaseQuantity", "CreditedQuantity", NULL };

static void
visit_cl23 (DokusValCtx *v, const xmlNode *n, void *data, bool named)
{
  const char *unit;
  if (!named && !dv_is_cbc_one_of (n, quantity_names))
    return;
  unit = dokus_val_attr (v, n, "unitCode");
  if (unit != NULL && !dv_code_in (&dv_cl_rec20, dv_norm_string (v, unit)))
    codelist_hit (v, data, n);
}



/* BR-CL-08: a note's subject code (#CODE# at its start) from UNTDID 4451
 * (the list of the CEN binding). The official test looks the code up as a
 * substring of the space-separated list, so "" and partial codes pass; we
 * keep that. It applies to invoices only (the credit note path names a
 * cac:Note that UBL does not have). */
static const char uncl4451_list[] =
  " AAA AAB AAC AAD AAE AAF AAG AAI AAJ AAK AAL AAM AAN AAO AAP AAQ AAR AAS AAT AAU AAV "
  "AAW AAX AAY AAZ ABA ABB ABC ABD ABE ABF ABG ABH ABI ABJ ABK ABL ABM ABN ABO ABP ABQ ABR "
  "ABS ABT ABU ABV ABW ABX ABZ ACA ACB ACC ACD ACE ACF ACG ACH ACI ACJ ACK ACL ACM ACN ACO "
  "ACP ACQ ACR ACS ACT ACU ACV ACW ACX ACY ACZ ADA ADB ADC ADD ADE ADF ADG ADH ADI ADJ ADK "
  "ADL ADM ADN ADO ADP ADQ ADR ADS ADT ADU ADV ADW ADX ADY ADZ AEA AEB AEC AED AEE AEF AEG "
  "AEH AEI AEJ AEK AEL AEM AEN AEO AEP AEQ AER AES AET AEU AEV AEW AEX AEY AEZ AFA AFB AFC "
  "AFD AFE AFF AFG AFH AFI AFJ AFK AFL AFM AFN AFO AFP AFQ AFR AFS AFT AFU AFV AFW AFX AFY "
  "AFZ AGA AGB AGC AGD AGE AGF AGG AGH AGI AGJ AGK AGL AGM AGN AGO AGP AGQ AGR AGS AGT AGU "
  "AGV AGW AGX AGY AGZ AHA AHB AHC AHD AHE AHF AHG AHH AHI AHJ AHK AHL AHM AHN AHO AHP AHQ "
  "AHR AHS AHT AHU AHV AHW AHX AHY AHZ AIA AIB AIC AID AIE AIF AIG AIH AII AIJ AIK AIL AIM "
  "AIN AIO AIP AIQ AIR AIS AIT AIU AIV AIW AIX AIY AIZ AJA AJB ALC ALD ALE ALF ALG ALH ALI "
  "ALJ ALK ALL ALM ALN ALO ALP ALQ ARR ARS AUT AUU AUV AUW AUX AUY AUZ AVA AVB AVC AVD AVE "
  "AVF BAG BAH BAI BAJ BAK BAL BAM BAN BAO BAP BAQ BLC BLD BLE BLF BLG BLH BLI BLJ BLK BLL "
  "BLM BLN BLO BLP BLQ BLR BLS BLT BLU BLV BLW BLX BLY BLZ BMA BMB BMC BMD BME CCI CEX CHG "
  "CIP CLP CLR COI CUR CUS DAR DCL DEL DIN DOC DUT EUR FBC GBL GEN GS7 HAN HAZ ICN IIN IMI "
  "IND INS INV IRP ITR ITS LAN LIN LOI MCO MDH MKS ORI OSI PAC PAI PAY PKG PKT PMD PMT PRD "
  "PRF PRI PUR QIN QQD QUT RAH REG RET REV RQR SAF SIC SIN SLR SPA SPG SPH SPP SPT SRN SSR "
  "SUR TCA TDT TRA TRR TXD WHI ZZZ ";

static void
cl08 (DokusValCtx *v, const char *rule)
{
  if (dokus_val_is_credit_note (v))
    return;
  for (const xmlNode *n = dokus_val_child (dokus_val_root (v), "cbc:Note"); n; n = dokus_val_next (n, "cbc:Note"))
    {
      const char *t = dokus_val_text (v, n);
      const char *a = t ? strchr (t, '#') : NULL;
      if (a == NULL)
        continue;
      const char *b = strchr (a + 1, '#');
      size_t len = b ? (size_t) (b - a - 1) : 0;
      char code[64];
      if (len >= sizeof code)
        {
          dokus_val_report (v, rule, n);
          continue;
        }
      memcpy (code, a + 1, len);
      code[len] = '\0';
      if (strstr (uncl4451_list, code) == NULL)
        dokus_val_report (v, rule, n);
    }
}

/* ---- one walk for all code-list rules ------------------------------------------ */

static const char *const codelist_ids[] = {
  "BR-CL-01", "BR-CL-03", "BR-CL-04", "BR-CL-05", "BR-CL-06", "BR-CL-07", "BR-CL-10", "BR-CL-11",
  "BR-CL-13", "BR-CL-14", "BR-CL-15", "BR-CL-16", "BR-CL-17", "BR-CL-18", "BR-CL-19", "BR-CL-20",
  "BR-CL-21", "BR-CL-22", "BR-CL-23", "BR-CL-24", "BR-CL-25", "BR-CL-26",
};

static unsigned
codelist_index (const char *rule)
{
  for (unsigned i = 0; i < sizeof codelist_ids / sizeof codelist_ids[0]; i++)
    if (strcmp (codelist_ids[i], rule) == 0)
      return i;
  return 0;
}


static DvGroupState *codelist_state (DokusValCtx *v);

#define N_LIST_RULES (sizeof list_rules / sizeof list_rules[0])

/* bit i of list_rows[c]: the local name of list_rules[i].element starts
 * with byte c (every element is "cbc:...", and dokus_val_is() compares
 * that byte first). Every thread computes the same values (relaxed
 * atomics); list_rows_ready, with release and acquire, says they are in. */
static _Atomic uint32_t list_rows[256];
static atomic_bool list_rows_ready;

static DOKUS_VAL_NOINLINE void
index_list_rows (void)
{
  _Static_assert (N_LIST_RULES < 31, "one bit per list rule");
  for (size_t c = 0; c < 256; c++)
    {
      uint32_t rows = 0;
      for (size_t i = 0; i < N_LIST_RULES; i++)
        if ((unsigned char) list_rules[i].element[4] == c)
          rows |= UINT32_C (1) << i;
      atomic_store_explicit (&list_rows[c], rows, memory_order_relaxed);
    }
  atomic_store_explicit (&list_rows_ready, true, memory_order_release);
}

static uint32_t
list_rows_starting (xmlChar c)
{
  if (!atomic_load_explicit (&list_rows_ready, memory_order_acquire))
    index_list_rows ();
  return atomic_load_explicit (&list_rows[c], memory_order_relaxed);
}

/* visit_codelists' checks, each a bit of codelist_checks (list_rules'
 * rows are bits 0 .. N_LIST_RULES - 1) */
enum {
  CHECK_CL01 = 1u << 20,
  CHECK_CL03 = 1u << 21,
  CHECK_ID = 1u << 22, /* BR-CL-07, BR-CL-10 */
  CHECK_REASON = 1u << 23,
  CHECK_CL23 = 1u << 24,
};

/* The checks of visit_codelists that look at elements named @local. */
static uint32_t
codelist_wants (const char *local)
{
  static const char *const type_codes[] = { "InvoiceTypeCode", "CreditNoteTypeCode", NULL };
  static const char *const ids[] = { "ID", NULL };
  static const char *const reasons[] = { "AllowanceChargeReasonCode", NULL };
  static const DvNameRow rows[] = {
    { type_codes, CHECK_CL01 }, { amount_names, CHECK_CL03 }, { ids, CHECK_ID },
    { reasons, CHECK_REASON },  { quantity_names, CHECK_CL23 },
  };
  uint32_t checks = dv_name_rows (local, rows, sizeof rows / sizeof rows[0]);
  _Static_assert (N_LIST_RULES <= 20, "list_rules' bits below the others");
  for (size_t i = 0; i < N_LIST_RULES; i++)
    if (dv_name_eq (list_rules[i].element + 4, local))
      checks |= UINT32_C (1) << i;
  return checks;
}

static DvNameMap codelist_checks = { .wants = codelist_wants };

static void
visit_codelists (DokusValCtx *v, const xmlNode *n, DvGroupState *s)
{
  const char *prefix;
  (void) s;
  if (n->type != XML_ELEMENT_NODE || n->ns == NULL)
    return;
  /* by its name, most elements need none of the checks below, the others
   * one or two */
  uint32_t checks = dv_name_map_get (&codelist_checks, n);
  /* when the map knows the name, its bits are exact and the checks need
   * not test the element's name again (the namespace is tested below) */
  bool named = dv_name_map_exact (n);
  if (checks == 0)
    return;
  /* every rule below looks at a cbc element (list_rules' elements, type
   * codes, IDs, reason codes, amounts, quantities): skip the others */
  prefix = dokus_val_prefix (n);
  if (prefix == NULL || prefix[1] != 'b')
    return;
  /* only the rows whose element starts with the same letter can match */
  uint32_t rows = list_rows_starting (n->name[0]) & checks;
  for (size_t i = 0; rows != 0; i++, rows >>= 1)
    if (rows & 1)
      visit_list_rule (v, n, &list_rules[i], named);
  if (checks & CHECK_CL01)
    visit_cl01 (v, n, (void *) "BR-CL-01");
  if (checks & CHECK_CL03)
    visit_cl03 (v, n, (void *) "BR-CL-03", named);
  if (checks & CHECK_ID)
    {
      visit_cl07 (v, n, (void *) "BR-CL-07", named);
      visit_cl10 (v, n, (void *) "BR-CL-10", named);
    }
  if (checks & CHECK_REASON)
    {
      ReasonWalk allowance = { "BR-CL-19", 0, &dv_cl_uncl5189 };
      ReasonWalk charge = { "BR-CL-20", 1, &dv_cl_uncl7161 };
      visit_reason (v, n, &allowance);
      visit_reason (v, n, &charge);
    }
  if (checks & CHECK_CL23)
    visit_cl23 (v, n, (void *) "BR-CL-23", named);
}

DV_GROUP_STATE (codelist_state);

static void
codelist_hit (DokusValCtx *v, const char *rule, const xmlNode *at)
{
  dv_group_hit (v, codelist_state (v), codelist_index (rule), at);
}

const DvGroup dv_group_codelists = {
  codelist_ids, sizeof codelist_ids / sizeof codelist_ids[0], visit_codelists, codelist_state,
};

static void
check_codelist (DokusValCtx *v, const char *rule)
{
  dv_group_check (v, rule, &dv_group_codelists);
}

static const DokusValRule codelist_rules[] = {
  { "BR-CL-01", check_codelist },
  { "BR-CL-03", check_codelist },
  { "BR-CL-04", check_codelist },
  { "BR-CL-05", check_codelist },
  { "BR-CL-06", check_codelist },
  { "BR-CL-07", check_codelist },
  { "BR-CL-08", cl08 },
  { "BR-CL-10", check_codelist },
  { "BR-CL-11", check_codelist },
  { "BR-CL-13", check_codelist },
  { "BR-CL-14", check_codelist },
  { "BR-CL-15", check_codelist },
  { "BR-CL-16", check_codelist },
  { "BR-CL-17", check_codelist },
  { "BR-CL-18", check_codelist },
  { "BR-CL-19", check_codelist },
  { "BR-CL-20", check_codelist },
  { "BR-CL-21", check_codelist },
  { "BR-CL-22", check_codelist },
  { "BR-CL-23", check_codelist },
  { "BR-CL-24", check_codelist },
  { "BR-CL-25", check_codelist },
  { "BR-CL-26", check_codelist },
};

DOKUS_VAL_FAMILY (dokus_val_family_codelists, "BR-CL", codelist_rules);

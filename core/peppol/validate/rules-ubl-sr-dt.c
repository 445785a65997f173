/* rules-ubl-sr-dt.c
 *
 * UBL syntax restrictions UBL-SR-* (how often an element may occur in the
 * EN 16931 binding of UBL) and data type rules UBL-DT-* (amount decimals,
 * binary object attributes, attributes EN 16931 does not use). Contexts
 * and conditions as in the CEN UBL binding, validation artefacts 1.3.16
 * (with UBL-SR-54..56, the corrected UBL-SR-23 and UBL-SR-43 of that
 * release). Most rules are rows of one table: "at most N of this path
 * below every element of that kind".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "dokus-validate-names-private.h"
#include "dokus-validate-util-private.h"

/* findings of the rules that look at every element go through one walk */
static void
walk_hit (DokusValCtx *v, const char *rule, const xmlNode *at);

#define SELLER "cac:AccountingSupplierParty/cac:Party"
#define BUYER "cac:AccountingCustomerParty/cac:Party"

/* ---- "at most N" rules ---------------------------------------------------- */

typedef struct {
  const char *rule;
  const char *context;  /* NULL: the root; "LINE": every invoice or credit note line;
                           else every element of that name */
  const char *path;     /* counted below the context */
  size_t      max;
} CountRule;

static const CountRule count_rules[] = {
  { "UBL-SR-01", NULL, "cac:ContractDocumentReference/cbc:ID", 1 },
  { "UBL-SR-02", NULL, "cac:ReceiptDocumentReference/cbc:ID", 1 },
  { "UBL-SR-03", NULL, "cac:DespatchDocumentReference/cbc:ID", 1 },
  { "UBL-SR-05", NULL, "cac:PaymentTerms/cbc:Note", 1 },
  { "UBL-SR-06", NULL, "cac:InvoiceDocumentReference", 1 },
  { "UBL-SR-08", NULL, "cac:InvoicePeriod", 1 },
  { "UBL-SR-09", NULL, SELLER "/cac:PartyLegalEntity/cbc:RegistrationName", 1 },
  { "UBL-SR-10", NULL, SELLER "/cac:PartyName/cbc:Name", 1 },
  { "UBL-SR-11", NULL, SELLER "/cac:PartyLegalEntity/cbc:CompanyID", 1 },
  { "UBL-SR-14", NULL, SELLER "/cac:PartyLegalEntity/cbc:CompanyLegalForm", 1 },
  { "UBL-SR-15", NULL, BUYER "/cac:PartyLegalEntity/cbc:RegistrationName", 1 },
  { "UBL-SR-16", NULL, BUYER "/cac:PartyIdentification/cbc:ID", 1 },
  { "UBL-SR-17", NULL, BUYER "/cac:PartyLegalEntity/cbc:CompanyID", 1 },
  { "UBL-SR-24", NULL, "cac:Delivery", 1 },
  { "UBL-SR-39", NULL, "cac:ProjectReference/cbc:ID", 1 },
  { "UBL-SR-40", NULL, BUYER "/cac:PartyName/cbc:Name", 1 },
  { "UBL-SR-45", NULL, "cac:PaymentMeans/cbc:PaymentDueDate", 1 },
  { "UBL-SR-49", NULL, "cac:InvoicePeriod/cbc:DescriptionCode", 1 },
  { "UBL-SR-54", NULL, "cac:PaymentMeans/cac:CardAccount", 1 },
  { "UBL-SR-55", NULL, "cac:PaymentMeans/cac:PaymentMandate", 1 },
  { "UBL-SR-56", NULL, "cac:OriginatorDocumentReference/cbc:ID", 1 },
  { "UBL-SR-34", "LINE", "cbc:Note", 1 },
  { "UBL-SR-35", "LINE", "cac:OrderLineReference/cbc:LineID", 1 },
  { "UBL-SR-36", "LINE", "cac:InvoicePeriod", 1 },
  { "UBL-SR-37", "LINE", "cac:Price/cac:AllowanceCharge/cbc:Amount", 1 },
  { "UBL-SR-50", "LINE", "cac:Item/cbc:Description", 1 },
  { "UBL-SR-52", "LINE", "cac:DocumentReference", 1 },
  { "UBL-SR-42", "cac:AccountingSupplierParty", "cac:Party/cac:PartyTaxScheme", 2 },
  { "UBL-SR-33", "cac:AdditionalDocumentReference", "cbc:DocumentDescription", 1 },
  { "UBL-SR-25", "cac:Delivery", "cac:DeliveryParty/cac:PartyName/cbc:Name", 1 },
  { "UBL-SR-26", "cac:PaymentMeans", "cbc:PaymentID", 1 },
  { "UBL-SR-27", "cac:PaymentMeans", "cbc:InstructionNote", 1 },
  { "UBL-SR-28", "cac:PaymentMeans", "cac:PaymentMandate/cbc:ID", 1 },
  { "UBL-SR-22", "cac:TaxRepresentativeParty", "cac:Party/cac:PartyName/cbc:Name", 1 },
  { "UBL-SR-23", "cac:TaxRepresentativeParty", "cac:PartyTaxScheme/cbc:CompanyID", 1 },
  { "UBL-SR-32", "cac:TaxSubtotal", "cac:TaxCategory/cbc:TaxExemptionReason", 1 },
};

static void
visit_count (DokusValCtx *v, const xmlNode *n, void *data)
{
  const CountRule *r = data;
  if (dokus_val_is (n, r->context) && dokus_val_count (n, r->path) > r->max)
    walk_hit (v, r->rule, n);
}


static void
check_count (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = dokus_val_root (v);
  size_t n_rules = sizeof count_rules / sizeof count_rules[0], found = n_rules;
  /* the engine passes the rule table's own string: by pointer first */
  for (size_t i = 0; i < n_rules && found == n_rules; i++)
    if (count_rules[i].rule == rule)
      found = i;
  /* (not found by pointer: every row by its string) */
  for (size_t i = found < n_rules ? found : 0; i < n_rules; i++)
    {
      const CountRule *r = &count_rules[i];
      if (i != found && strcmp (r->rule, rule) != 0)
        continue;
      if (r->context == NULL)
        {
          if (dokus_val_count (root, r->path) > r->max)
            dokus_val_report (v, rule, NULL);
        }
      else if (strcmp (r->context, "LINE") == 0)
        {
          const char *line = dokus_val_line_name (v);
          for (const xmlNode *l = dokus_val_child (root, line); l; l = dokus_val_next (l, line))
            if (dokus_val_count (l, r->path) > r->max)
              dokus_val_report (v, rule, l);
        }
      else
        dv_group_check (v, rule, &dv_group_sr_dt_walk);
      return; /* each rule has one row */
    }
}

/* UBL-SR-51 also applies to cac:Address (delivery location and others) */
static void
visit_address_lines (DokusValCtx *v, const xmlNode *n, void *data)
{
  if ((dokus_val_is (n, "cac:PostalAddress") || dokus_val_is (n, "cac:Address"))
      && dokus_val_count (n, "cac:AddressLine") > 1)
    walk_hit (v, data, n);
}


/* ---- party tax schemes ------------------------------------------------------- */

/* upper-case(cac:TaxScheme/cbc:ID) = 'VAT' (@want_vat) or != 'VAT' (!@want_vat),
 * as XPath general comparisons: some TaxScheme/ID satisfies it */
static bool
scheme_compare (DokusValCtx *v, const xmlNode *pts, bool want_vat)
{
  for (const xmlNode *s = dokus_val_child (pts, "cac:TaxScheme"); s; s = dokus_val_next (s, "cac:TaxScheme"))
    for (const xmlNode *id = dokus_val_child (s, "cbc:ID"); id; id = dokus_val_next (id, "cbc:ID"))
      if ((dv_strcmp0 (dv_upper (v, dokus_val_text (v, id)), "VAT") == 0) == want_vat)
        return true;
  return false;
}

static size_t
count_tax_ids (DokusValCtx *v, const char *party_path, bool vat)
{
  size_t n = 0;
  const xmlNode *party = dokus_val_first (dokus_val_root (v), party_path);
  for (const xmlNode *pts = dokus_val_child (party, "cac:PartyTaxScheme"); pts;
       pts = dokus_val_next (pts, "cac:PartyTaxScheme"))
    if (scheme_compare (v, pts, vat))
      n += dokus_val_count (pts, "cbc:CompanyID");
  return n;
}

static void
sr_12 (DokusValCtx *v, const char *rule)
{
  if (count_tax_ids (v, SELLER, true) > 1)
    dokus_val_report (v, rule, NULL);
}

static void
sr_13 (DokusValCtx *v, const char *rule)
{
  if (count_tax_ids (v, SELLER, false) > 1)
    dokus_val_report (v, rule, NULL);
}

static void
sr_18 (DokusValCtx *v, const char *rule)
{
  if (count_tax_ids (v, BUYER, true) > 1)
    dokus_val_report (v, rule, NULL);
}

/* a party tax scheme that names its scheme must carry the identifier */
static void
visit_sr_53 (DokusValCtx *v, const xmlNode *n, void *data)
{
  if (dokus_val_is (n, "cac:PartyTaxScheme") && dokus_val_exists (n, "cac:TaxScheme/cbc:ID")
      && !dokus_val_child (n, "cbc:CompanyID"))
    walk_hit (v, data, n);
}


/* ---- payee --------------------------------------------------------------------- */

/* (cac:PartyName/cbc:Name) != (seller registration name): some pair differs */
static bool
payee_differs (DokusValCtx *v, const xmlNode *payee)
{
  const xmlNode *seller = dokus_val_first (dokus_val_root (v), SELLER "/cac:PartyLegalEntity");
  for (const xmlNode *pn = dokus_val_child (payee, "cac:PartyName"); pn; pn = dokus_val_next (pn, "cac:PartyName"))
    for (const xmlNode *a = dokus_val_child (pn, "cbc:Name"); a; a = dokus_val_next (a, "cbc:Name"))
      {
        const char *an = dokus_val_text (v, a);
        /* every seller legal entity of the first supplier party */
        for (const xmlNode *le = seller; le; le = dokus_val_next (le, "cac:PartyLegalEntity"))
          for (const xmlNode *b = dokus_val_child (le, "cbc:RegistrationName"); b;
               b = dokus_val_next (b, "cbc:RegistrationName"))
            if (dv_strcmp0 (an, dokus_val_text (v, b)) != 0)
              return true;
      }
  return false;
}

static size_t
count_payee_ids (DokusValCtx *v, const xmlNode *payee)
{
  size_t n = 0;
  for (const xmlNode *pi = dokus_val_child (payee, "cac:PartyIdentification"); pi;
       pi = dokus_val_next (pi, "cac:PartyIdentification"))
    for (const xmlNode *id = dokus_val_child (pi, "cbc:ID"); id; id = dokus_val_next (id, "cbc:ID"))
      {
        const char *s = dokus_val_attr (v, id, "schemeID");
        if (s != NULL && dv_strcmp0 (dv_upper (v, s), "SEPA") != 0)
          n++;
      }
  return n;
}

static void
payee_rule (DokusValCtx *v, const char *rule)
{
  for (const xmlNode *p = dokus_val_child (dokus_val_root (v), "cac:PayeeParty"); p;
       p = dokus_val_next (p, "cac:PayeeParty"))
    {
      size_t n;
      if (strcmp (rule, "UBL-SR-19") == 0)
        n = dokus_val_count (p, "cac:PartyName/cbc:Name");
      else if (strcmp (rule, "UBL-SR-20") == 0)
        n = count_payee_ids (v, p);
      else
        n = dokus_val_count (p, "cac:PartyLegalEntity/cbc:CompanyID");
      if (n > 1 || !payee_differs (v, p))
        dokus_val_report (v, rule, p);
    }
}

/* ---- document level specials ---------------------------------------------------- */

static void
sr_04 (DokusValCtx *v, const char *rule)
{
  size_t n = 0;
  for (const xmlNode *d = dokus_val_child (dokus_val_root (v), "cac:AdditionalDocumentReference"); d;
       d = dokus_val_next (d, "cac:AdditionalDocumentReference"))
    {
      bool is130 = false;
      for (const xmlNode *c = dokus_val_child (d, "cbc:DocumentTypeCode"); c && !is130;
           c = dokus_val_next (c, "cbc:DocumentTypeCode"))
        is130 = dv_strcmp0 (dokus_val_text (v, c), "130") == 0;
      if (is130)
        n += dokus_val_count (d, "cbc:ID");
    }
  if (n > 1)
    dokus_val_report (v, rule, NULL);
}

static void
sr_07 (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = dokus_val_root (v);
  for (const xmlNode *b = dokus_val_descendant (root, NULL, "cac:BillingReference"); b;
       b = dokus_val_descendant (root, b, "cac:BillingReference"))
    if (!dokus_val_exists (b, "cac:InvoiceDocumentReference/cbc:ID"))
      dokus_val_report (v, rule, b);
}

static void
sr_46 (DokusValCtx *v, const char *rule)
{
  size_t n = 0;
  for (const xmlNode *pm = dokus_val_child (dokus_val_root (v), "cac:PaymentMeans"); pm;
       pm = dokus_val_next (pm, "cac:PaymentMeans"))
    for (const xmlNode *c = dokus_val_child (pm, "cbc:PaymentMeansCode"); c; c = dokus_val_next (c, "cbc:PaymentMeansCode"))
      n += dokus_val_attr (v, c, "name") != NULL;
  if (n > 1)
    dokus_val_report (v, rule, NULL);
}

/* a scheme identifier only on invoiced objects (130) or project
 * references (50): a supporting document with another type code */
static void
visit_sr_43 (DokusValCtx *v, const xmlNode *n, void *data)
{
  bool ok = false, has_code = false;
  if (!dokus_val_is (n, "cac:AdditionalDocumentReference"))
    return;
  for (const xmlNode *c = dokus_val_child (n, "cbc:DocumentTypeCode"); c; c = dokus_val_next (c, "cbc:DocumentTypeCode"))
    {
      const char *t = dokus_val_text (v, c);
      has_code = true;
      ok = ok || dv_strcmp0 (t, "130") == 0 || dv_strcmp0 (t, "50") == 0;
    }
  if (!ok && has_code)
    walk_hit (v, data, n);
}

/* allowance / charge reason at most once (SR-30 allowances, SR-31 charges) */
static void
visit_reason_count (DokusValCtx *v, const xmlNode *n, void *data)
{
  const char *rule = data;
  if (!dokus_val_is (n, "cac:AllowanceCharge"))
    return;
  int want = strcmp (rule, "UBL-SR-31") == 0 ? 1 : 0;
  bool match = false;
  for (const xmlNode *ci = dokus_val_child (n, "cbc:ChargeIndicator"); ci && !match;
       ci = dokus_val_next (ci, "cbc:ChargeIndicator"))
    {
      const char *t = dokus_val_norm (v, ci);
      int b = (dv_strcmp0 (t, "true") == 0 || dv_strcmp0 (t, "1") == 0)    ? 1
              : (dv_strcmp0 (t, "false") == 0 || dv_strcmp0 (t, "0") == 0) ? 0
                                                                            : -1;
      match = b == want;
    }
  if (match && dokus_val_count (n, "cbc:AllowanceChargeReason") > 1)
    walk_hit (v, rule, n);
}

/* every line has exactly one classified tax category */
static void
sr_48 (DokusValCtx *v, const char *rule)
{
  const char *line = dokus_val_line_name (v);
  for (const xmlNode *l = dokus_val_child (dokus_val_root (v), line); l; l = dokus_val_next (l, line))
    if (dokus_val_count (l, "cac:Item/cac:ClassifiedTaxCategory") != 1)
      dokus_val_report (v, rule, l);
}

/* ---- data types ------------------------------------------------------------------- */

/* does @s (of @n bytes) end with @suffix? */
static bool
ends_with (const char *s, size_t n, const char *suffix)
{
  size_t m = strlen (suffix);
  return n >= m && memcmp (s + n - m, suffix, m) == 0;
}

/* some ancestor is a cac:Price with a cac:AllowanceCharge child */
static bool
under_price_allowance (const xmlNode *n)
{
  for (const xmlNode *p = dv_parent (n); p; p = dv_parent (p))
    if (dokus_val_is (p, "cac:Price") && dokus_val_child (p, "cac:AllowanceCharge"))
      return true;
  return false;
}

/* amounts (any element named ...Amount but not ...PriceAmount, outside
 * price allowances): at most two decimals as written */
static void
visit_dt_01 (DokusValCtx *v, const xmlNode *n, size_t name_len, void *data)
{
  const char *name = (const char *) n->name;
  if (!ends_with (name, name_len, "Amount") || ends_with (name, name_len, "PriceAmount")
      || under_price_allowance (n))
    return;
  if (dokus_val_decimals (dokus_val_text (v, n)) > 2)
    walk_hit (v, data, n);
}

/* binary objects need mimeCode (DT-06) and filename (DT-07) */
static void
visit_binary (DokusValCtx *v, const xmlNode *n, size_t name_len, void *data)
{
  const char *rule = data;
  if (!ends_with ((const char *) n->name, name_len, "BinaryObject"))
    return;
  const char *attr = strcmp (rule, "UBL-DT-06") == 0 ? "mimeCode" : "filename";
  if (dokus_val_attr (v, n, attr) == NULL)
    walk_hit (v, rule, n);
}

/* attributes EN 16931 does not use: one warning per document */
static const struct {
  const char *rule;
  const char *attr;
} unused_attrs[] = {
  { "UBL-DT-08", "schemeName" },
  { "UBL-DT-09", "schemeAgencyName" },
  { "UBL-DT-10", "schemeDataURI" },
  { "UBL-DT-11", "schemeURI" },
  { "UBL-DT-12", "format" },
  { "UBL-DT-13", "unitCodeListIdentifier" },
  { "UBL-DT-14", "unitCodeListAgencyIdentifier" },
  { "UBL-DT-15", "unitCodeListAgencyName" },
  { "UBL-DT-16", "listAgencyName" },
  { "UBL-DT-17", "listName" },
  { "UBL-DT-18", "name" },
  { "UBL-DT-19", "languageID" },
  { "UBL-DT-20", "listURI" },
  { "UBL-DT-21", "listSchemeURI" },
  { "UBL-DT-22", "languageLocaleID" },
  { "UBL-DT-23", "uri" },
  { "UBL-DT-24", "currencyCodeListVersionID" },
  { "UBL-DT-25", "characterSetCode" },
  { "UBL-DT-26", "encodingCode" },
  { "UBL-DT-27", "schemeAgencyID" },
  { "UBL-DT-28", "listAgencyID" },
};

static const char *const unused_attr_rules[] = {
  "UBL-DT-08", "UBL-DT-09", "UBL-DT-10", "UBL-DT-11", "UBL-DT-12", "UBL-DT-13", "UBL-DT-14",
  "UBL-DT-15", "UBL-DT-16", "UBL-DT-17", "UBL-DT-18", "UBL-DT-19", "UBL-DT-20", "UBL-DT-21",
  "UBL-DT-22", "UBL-DT-23", "UBL-DT-24", "UBL-DT-25", "UBL-DT-26", "UBL-DT-27", "UBL-DT-28",
};

#define N_UNUSED_ATTRS (sizeof unused_attrs / sizeof unused_attrs[0])

/* The row of unused_attrs named @name, or N_UNUSED_ATTRS. */
static unsigned
unused_attr_row (const xmlChar *name)
{
  for (unsigned i = 0; i < N_UNUSED_ATTRS; i++)
    if (name[0] == (xmlChar) unused_attrs[i].attr[0]
        && strcmp ((const char *) name, unused_attrs[i].attr) == 0)
      return i;
  return N_UNUSED_ATTRS;
}

/* The rows of the attribute names met last in this document, by name
 * pointer: a document spells each attribute name with one pointer (or a
 * few), and names do not change while it is validated. */
#define ATTR_MEMO_SLOTS 16
typedef struct {
  const xmlChar *name[ATTR_MEMO_SLOTS];
  unsigned       row[ATTR_MEMO_SLOTS];
} AttrMemo;

static unsigned
memo_attr_row (AttrMemo *m, const xmlChar *name)
{
  size_t i;
  if (m == NULL)
    return unused_attr_row (name);
  i = (((uintptr_t) name >> 3) ^ ((uintptr_t) name >> 9)) & (ATTR_MEMO_SLOTS - 1);
  if (m->name[i] != name)
    {
      m->name[i] = name;
      m->row[i] = unused_attr_row (name);
    }
  return m->row[i];
}

static void
visit_unused_attrs (DokusValCtx *v, const xmlNode *n, DvGroupState *s)
{
  if (n->properties != NULL && s->data == NULL)
    s->data = dokus_val_alloc (v, sizeof (AttrMemo)); /* NULL: no memo, still correct */
  for (const xmlAttr *a = n->properties; a; a = a->next)
    {
      unsigned i;
      if (a->ns != NULL)
        continue;
      i = memo_attr_row (s->data, a->name);
      if (i == N_UNUSED_ATTRS)
        continue;
      /* UBL-DT-18: the payment means text (PaymentMeansCode/@name) is allowed */
      if (i == 10 && dokus_val_is (n, "cbc:PaymentMeansCode"))
        continue;
      dv_group_hit_once (v, s, i);
    }
}

DV_GROUP_STATE (unused_attr_state);

const DvGroup dv_group_unused_attrs = {
  unused_attr_rules, sizeof unused_attr_rules / sizeof unused_attr_rules[0], visit_unused_attrs,
  unused_attr_state,
};

static void
dt_unused_attribute (DokusValCtx *v, const char *rule)
{
  dv_group_check (v, rule, &dv_group_unused_attrs);
}

/* ---- one walk for the rules that look at every element ------------------------- */

static const char *const walk_ids[] = {
  "UBL-DT-01", "UBL-DT-06", "UBL-DT-07", "UBL-SR-22", "UBL-SR-23", "UBL-SR-25", "UBL-SR-26",
  "UBL-SR-27", "UBL-SR-28", "UBL-SR-29", "UBL-SR-30", "UBL-SR-31", "UBL-SR-32", "UBL-SR-33",
  "UBL-SR-42", "UBL-SR-43", "UBL-SR-44", "UBL-SR-47", "UBL-SR-51", "UBL-SR-53",
};

/* state of the walk over one document (in its cache): the first PaymentID /
 * PaymentMeansCode seen, the number of bank creditor references */
typedef struct {
  const char *first_payment_id, *first_means_code;
  size_t      sepa_references;
} WalkMemo;

static const char WALK_MEMO_KEY;

/* NULL only on OOM (the engine reports it) */
static WalkMemo *
walk_memo (DokusValCtx *v)
{
  bool fresh;
  return dokus_val_cache (v, &WALK_MEMO_KEY, sizeof (WalkMemo), &fresh);
}

/* "LINE" (every line) rather than an element name ("cac:...") */
static bool
is_line_context (const char *context)
{
  /* no call: asked for every element of the document */
  return context[0] == 'L' && context[1] == 'I' && context[2] == 'N' && context[3] == 'E'
         && context[4] == '\0';
}

#define N_COUNT_RULES (sizeof count_rules / sizeof count_rules[0])

/* bit i: count_rules[i] has an element as its context (not the root, not
 * "LINE"); bit 63: computed. Every thread computes the same value. */
static _Atomic uint64_t element_rows;

static uint64_t
element_context_rows (void)
{
  uint64_t rows = atomic_load_explicit (&element_rows, memory_order_relaxed);
  _Static_assert (N_COUNT_RULES < 63, "one bit per count rule");
  if (rows == 0)
    {
      rows = UINT64_C (1) << 63;
      for (size_t i = 0; i < N_COUNT_RULES; i++)
        if (count_rules[i].context && !is_line_context (count_rules[i].context))
          rows |= UINT64_C (1) << i;
      atomic_store_explicit (&element_rows, rows, memory_order_relaxed);
    }
  return rows;
}

/* visit_walk's checks, each a bit of walk_checks */
enum {
  CHECK_COUNT = 1u << 0,     /* the element contexts of count_rules */
  CHECK_ADDRESS = 1u << 1,   /* UBL-SR-51 */
  CHECK_SR53 = 1u << 2,
  CHECK_SR43 = 1u << 3,
  CHECK_REASONS = 1u << 4,   /* UBL-SR-30, UBL-SR-31 */
  CHECK_AMOUNT = 1u << 5,    /* UBL-DT-01 */
  CHECK_BINARY = 1u << 6,    /* UBL-DT-06, UBL-DT-07 */
  CHECK_PAYMENT = 1u << 7,   /* UBL-SR-44, UBL-SR-47 */
  CHECK_CREDITOR = 1u << 8,  /* UBL-SR-29 */
};

/* The checks of visit_walk that look at elements named @local (keep in
 * step with it). */
static uint32_t
walk_wants (const char *local)
{
  static const char *const addresses[] = { "PostalAddress", "Address", NULL };
  static const char *const party_tax_schemes[] = { "PartyTaxScheme", NULL };
  static const char *const references[] = { "AdditionalDocumentReference", NULL };
  static const char *const allowances[] = { "AllowanceCharge", NULL };
  static const char *const payment[] = { "PaymentID", "PaymentMeansCode", NULL };
  static const char *const ids[] = { "ID", NULL };
  static const DvNameRow rows[] = {
    { addresses, CHECK_ADDRESS }, { party_tax_schemes, CHECK_SR53 }, { references, CHECK_SR43 },
    { allowances, CHECK_REASONS }, { payment, CHECK_PAYMENT },       { ids, CHECK_CREDITOR },
  };
  size_t len = strlen (local);
  uint32_t checks = dv_name_rows (local, rows, sizeof rows / sizeof rows[0]);
  for (size_t i = 0; i < N_COUNT_RULES; i++)
    if (count_rules[i].context != NULL && !is_line_context (count_rules[i].context)
        && dv_name_eq (count_rules[i].context + 4, local))
      checks |= CHECK_COUNT;
  /* (by their ending: every amount, every binary object) */
  if (ends_with (local, len, "Amount"))
    checks |= CHECK_AMOUNT;
  if (ends_with (local, len, "BinaryObject"))
    checks |= CHECK_BINARY;
  return checks;
}

static DvNameMap walk_checks = { .wants = walk_wants };

static void
visit_walk (DokusValCtx *v, const xmlNode *n, DvGroupState *s)
{
  const char *prefix;
  size_t name_len;
  uint32_t checks;
  WalkMemo *m;
  if (n == dokus_val_root (v))
    {
      if ((m = walk_memo (v)) != NULL)
        memset (m, 0, sizeof *m);
      return;
    }
  if (n->ns == NULL)
    return;
  /* by its name, most elements need none of the checks below */
  checks = dv_name_map_get (&walk_checks, n);
  if (checks == 0)
    return;
  /* the contexts of the count rules and the next five rules are all cac
   * elements: the others skip them (a rule's own hits stay in document
   * order, which is all the report depends on) */
  prefix = dokus_val_prefix (n);
  if (prefix != NULL && prefix[1] == 'a')
    {
      uint64_t rows = checks & CHECK_COUNT ? element_context_rows () & ~(UINT64_C (1) << 63) : 0;
      for (size_t i = 0; rows != 0; i++, rows >>= 1)
        {
          /* whole bytes without a row at once (the rows sit at the end) */
          while ((rows & 0xff) == 0)
            {
              rows >>= 8;
              i += 8;
            }
          if (rows & 1)
            visit_count (v, n, (void *) &count_rules[i]);
        }
      if (checks & CHECK_ADDRESS)
        visit_address_lines (v, n, (void *) "UBL-SR-51");
      if (checks & CHECK_SR53)
        visit_sr_53 (v, n, (void *) "UBL-SR-53");
      if (checks & CHECK_SR43)
        visit_sr_43 (v, n, (void *) "UBL-SR-43");
      if (checks & CHECK_REASONS)
        {
          visit_reason_count (v, n, (void *) "UBL-SR-30");
          visit_reason_count (v, n, (void *) "UBL-SR-31");
        }
    }
  if (checks & (CHECK_AMOUNT | CHECK_BINARY))
    {
      name_len = strlen ((const char *) n->name);
      visit_dt_01 (v, n, name_len, (void *) "UBL-DT-01");
      visit_binary (v, n, name_len, (void *) "UBL-DT-06");
      visit_binary (v, n, name_len, (void *) "UBL-DT-07");
    }
  /* UBL-SR-44 / UBL-SR-47: at most one distinct PaymentID / PaymentMeansCode */
  if ((checks & CHECK_PAYMENT)
      && (dokus_val_is (n, "cbc:PaymentID") || dokus_val_is (n, "cbc:PaymentMeansCode"))
      && (m = walk_memo (v)) != NULL)
    {
      bool id = dokus_val_is (n, "cbc:PaymentID");
      const char **first = id ? &m->first_payment_id : &m->first_means_code;
      const char *t = dokus_val_text (v, n);
      if (*first == NULL)
        *first = t ? t : "";
      else if (dv_strcmp0 (*first, t) != 0)
        dv_group_hit_once (v, s, id ? 16 : 17);
    }
  /* UBL-SR-29: a second bank creditor reference (scheme SEPA) anywhere */
  if ((checks & CHECK_CREDITOR) && dokus_val_is (n, "cbc:ID")
      && dokus_val_is (dv_parent (n), "cac:PartyIdentification")
      && dokus_val_attr (v, n, "schemeID") && dv_strcmp0 (dv_upper (v, dokus_val_attr (v, n, "schemeID")), "SEPA") == 0
      && (m = walk_memo (v)) != NULL && ++m->sepa_references > 1)
    dv_group_hit_once (v, s, 9);
}

DV_GROUP_STATE (walk_state);

const DvGroup dv_group_sr_dt_walk = {
  walk_ids, sizeof walk_ids / sizeof walk_ids[0], visit_walk, walk_state,
};

static void
walk_hit (DokusValCtx *v, const char *rule, const xmlNode *at)
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
  dv_group_check (v, rule, &dv_group_sr_dt_walk);
}

static const DokusValRule sr_dt_rules[] = {
  { "UBL-DT-01", check_walk },
  { "UBL-DT-06", check_walk },
  { "UBL-DT-07", check_walk },
  { "UBL-DT-08", dt_unused_attribute },
  { "UBL-DT-09", dt_unused_attribute },
  { "UBL-DT-10", dt_unused_attribute },
  { "UBL-DT-11", dt_unused_attribute },
  { "UBL-DT-12", dt_unused_attribute },
  { "UBL-DT-13", dt_unused_attribute },
  { "UBL-DT-14", dt_unused_attribute },
  { "UBL-DT-15", dt_unused_attribute },
  { "UBL-DT-16", dt_unused_attribute },
  { "UBL-DT-17", dt_unused_attribute },
  { "UBL-DT-18", dt_unused_attribute },
  { "UBL-DT-19", dt_unused_attribute },
  { "UBL-DT-20", dt_unused_attribute },
  { "UBL-DT-21", dt_unused_attribute },
  { "UBL-DT-22", dt_unused_attribute },
  { "UBL-DT-23", dt_unused_attribute },
  { "UBL-DT-24", dt_unused_attribute },
  { "UBL-DT-25", dt_unused_attribute },
  { "UBL-DT-26", dt_unused_attribute },
  { "UBL-DT-27", dt_unused_attribute },
  { "UBL-DT-28", dt_unused_attribute },
  { "UBL-SR-01", check_count },
  { "UBL-SR-02", check_count },
  { "UBL-SR-03", check_count },
  { "UBL-SR-04", sr_04 },
  { "UBL-SR-05", check_count },
  { "UBL-SR-06", check_count },
  { "UBL-SR-07", sr_07 },
  { "UBL-SR-08", check_count },
  { "UBL-SR-09", check_count },
  { "UBL-SR-10", check_count },
  { "UBL-SR-11", check_count },
  { "UBL-SR-12", sr_12 },
  { "UBL-SR-13", sr_13 },
  { "UBL-SR-14", check_count },
  { "UBL-SR-15", check_count },
  { "UBL-SR-16", check_count },
  { "UBL-SR-17", check_count },
  { "UBL-SR-18", sr_18 },
  { "UBL-SR-19", payee_rule },
  { "UBL-SR-20", payee_rule },
  { "UBL-SR-21", payee_rule },
  { "UBL-SR-22", check_count },
  { "UBL-SR-23", check_count },
  { "UBL-SR-24", check_count },
  { "UBL-SR-25", check_count },
  { "UBL-SR-26", check_count },
  { "UBL-SR-27", check_count },
  { "UBL-SR-28", check_count },
  { "UBL-SR-29", check_walk },
  { "UBL-SR-30", check_walk },
  { "UBL-SR-31", check_walk },
  { "UBL-SR-32", check_count },
  { "UBL-SR-33", check_count },
  { "UBL-SR-34", check_count },
  { "UBL-SR-35", check_count },
  { "UBL-SR-36", check_count },
  { "UBL-SR-37", check_count },
  { "UBL-SR-39", check_count },
  { "UBL-SR-40", check_count },
  { "UBL-SR-42", check_count },
  { "UBL-SR-43", check_walk },
  { "UBL-SR-44", check_walk },
  { "UBL-SR-45", check_count },
  { "UBL-SR-46", sr_46 },
  { "UBL-SR-47", check_walk },
  { "UBL-SR-48", sr_48 },
  { "UBL-SR-49", check_count },
  { "UBL-SR-50", check_count },
  { "UBL-SR-51", check_walk },
  { "UBL-SR-52", check_count },
  { "UBL-SR-53", check_walk },
  { "UBL-SR-54", check_count },
  { "UBL-SR-55", check_count },
  { "UBL-SR-56", check_count },
};

DOKUS_VAL_FAMILY (dokus_val_family_ubl_sr_dt, "UBL-SR/DT", sr_dt_rules);

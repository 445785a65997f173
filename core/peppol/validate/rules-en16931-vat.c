/* rules-en16931-vat.c
 *
 * EN 16931 rules per VAT category: standard rate S, zero rate Z, exempt E,
 * reverse charge AE, intra-community supply K (BR-IC-*), export G, not
 * subject to VAT O, IGIC L (BR-AF-*), IPSI M (BR-AG-*) and split payment B.
 * Every category has the same ten rules, told apart by their number:
 *   01 a category used on a line, allowance or charge has its VAT breakdown
 *   02-04 lines / allowances / charges with it need (or, for O, must not
 *         have) certain VAT identifiers
 *   05-07 the rate on lines / allowances / charges (0, > 0, >= 0 or absent)
 *   08 the breakdown's taxable amount is the sum of its lines, charges and
 *      allowances; 09 its tax amount; 10 the exemption reason (required or
 *      forbidden)
 * so one table describes the categories and one function per number
 * checks them, with the quirks of the CEN UBL binding (1.3.16) kept where
 * the official tests depend on them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-validate-en16931-private.h"

typedef enum {
  ID_SELLER_ANY,        /* seller PartyTaxScheme/CompanyID (any scheme) or tax rep. VAT id */
  ID_SELLER_VAT,        /* seller VAT id or tax representative VAT id */
  ID_SELLER_AND_BUYER,  /* as ID_SELLER_ANY, and buyer VAT id or buyer legal id (AE) */
  ID_SELLER_VAT_BUYER,  /* as ID_SELLER_VAT, and buyer VAT id (K) */
  ID_NONE,              /* no seller, tax representative or buyer VAT id at all (O) */
} IdNeed;

typedef enum {
  RATE_ZERO,       /* Percent = 0 */
  RATE_POSITIVE,   /* Percent > 0 */
  RATE_NOT_NEG,    /* Percent >= 0 */
  RATE_ABSENT,     /* no Percent */
} RateNeed;

typedef struct {
  const char *prefix;     /* "BR-S-" */
  const char *code;       /* "S" */
  bool        at_least;   /* 01: at least one breakdown (else exactly one) */
  IdNeed      ids;
  RateNeed    rate;
  bool        per_rate;   /* 08/09: per rate with the ±1 tolerance (S, L, M) */
  bool        round_rate; /* rates compared after round() (L, M) */
  bool        reason;     /* 10: exemption reason required (else forbidden) */
} Category;

static const Category categories[] = {
  { "BR-S-", "S", true, ID_SELLER_ANY, RATE_POSITIVE, true, false, false },
  { "BR-Z-", "Z", false, ID_SELLER_ANY, RATE_ZERO, false, false, false },
  { "BR-E-", "E", false, ID_SELLER_ANY, RATE_ZERO, false, false, true },
  { "BR-AE-", "AE", false, ID_SELLER_AND_BUYER, RATE_ZERO, false, false, true },
  { "BR-IC-", "K", false, ID_SELLER_VAT_BUYER, RATE_ZERO, false, false, true },
  { "BR-G-", "G", false, ID_SELLER_VAT, RATE_ZERO, false, false, true },
  { "BR-O-", "O", false, ID_NONE, RATE_ABSENT, false, false, true },
  { "BR-AF-", "L", true, ID_SELLER_ANY, RATE_NOT_NEG, true, true, false },
  { "BR-AG-", "M", true, ID_SELLER_ANY, RATE_NOT_NEG, true, true, false },
};

/* Is @c the category of the one-letter @code? (asked by every rule of the
 * family on every document: no strcmp) */
static bool
is_code (const Category *c, char code)
{
  return c->code[0] == code && c->code[1] == '\0';
}

/* The category of @rule and its number (1..14), or NULL. Asked by every
 * rule of the family on every document: byte compares, no calls. */
static const Category *
category_of (const char *rule, int *number)
{
  /* every prefix is "BR-" and two bytes more at least: those first */
  if (rule[0] == '\0' || rule[1] == '\0' || rule[2] == '\0' || rule[3] == '\0')
    return NULL;
  for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++)
    {
      const char *prefix = categories[i].prefix;
      size_t len = 0;
      int value = 0;
      if (rule[3] != prefix[3] || rule[4] != prefix[4])
        continue;
      while (prefix[len] != '\0' && rule[len] == prefix[len])
        len++;
      if (prefix[len] != '\0')
        continue;
      /* atoi () of the rest: the rule's number (ids have no sign or space) */
      for (const char *d = rule + len; *d >= '0' && *d <= '9'; d++)
        value = value * 10 + (*d - '0');
      *number = value;
      return &categories[i];
    }
  return NULL;
}

/* category_of () remembered per rule id pointer (the engine passes the
 * family table's own strings, the same on every document): a slot is
 * taken once for good by compare-and-swap, its answer stored after it
 * ((category index + 1) << 8 | number; 0: not there yet), so that any
 * thread reads either nothing or the whole answer. */
#define RULE_MEMO_SLOTS 256
static _Atomic (const char *) memo_rule[RULE_MEMO_SLOTS];
static _Atomic uint32_t memo_answer[RULE_MEMO_SLOTS];

static const Category *
category_of_memo (const char *rule, int *number)
{
  size_t i = (((uintptr_t) rule >> 3) ^ ((uintptr_t) rule >> 11)) & (RULE_MEMO_SLOTS - 1);
  const char *expected = NULL;
  const Category *c;
  uint32_t answer;
  if (atomic_load_explicit (&memo_rule[i], memory_order_acquire) == rule
      && (answer = atomic_load_explicit (&memo_answer[i], memory_order_acquire)) != 0)
    {
      *number = (int) (answer & 0xff);
      return &categories[(answer >> 8) - 1];
    }
  c = category_of (rule, number);
  if (c != NULL && *number >= 0 && *number < 256
      && atomic_compare_exchange_strong_explicit (&memo_rule[i], &expected, rule,
                                                  memory_order_acq_rel, memory_order_acquire))
    atomic_store_explicit (&memo_answer[i],
                           (uint32_t) ((size_t) (c - categories) + 1) << 8 | (uint32_t) *number,
                           memory_order_release);
  return c;
}

/* normalize-space(cbc:ID) = @code, and (if @vat) the tax scheme is VAT */
static bool
is_category (DokusValCtx *v, const xmlNode *cat, const char *code, bool vat)
{
  bool match = false;
  for (const xmlNode *id = dokus_val_child (cat, "cbc:ID"); id && !match;
       id = dokus_val_next (id, "cbc:ID"))
    match = dokus_val_norm_eq (v, id, code);
  return match && (!vat || dv_scheme_is_vat (v, cat));
}

static bool
is_line (const xmlNode *n)
{
  return dokus_val_is (n, "cac:InvoiceLine") || dokus_val_is (n, "cac:CreditNoteLine");
}

/* ---- the document's VAT categories, gathered once per document ------------ */

typedef struct {
  const xmlNode *cat;      /* the TaxCategory / ClassifiedTaxCategory */
  const xmlNode *owner;    /* its line, AllowanceCharge or TaxSubtotal */
  int            charge;   /* AllowanceCharge: 1 charge, 0 allowance, -1 neither */
  bool           root;     /* owner is a child of the root (document level) */
  const char    *id;       /* normalize-space(cbc:ID) when there is exactly one, else NULL */
  bool           vat;      /* its tax scheme is VAT */
} CatRef;

typedef struct {
  CatRef  *items;
  size_t   n;
  /* code_bit() of the ids of the items, of those with a VAT scheme, and
   * whether some item has no single id (ref_is() then reads the element):
   * the ten rules of each of the nine categories ask every list for one
   * code, and most documents use one or two, so most answers are a bit
   * test instead of a strcmp per line */
  uint32_t codes, vat_codes;
  bool     unknown;
} CatList;

typedef struct {
  CatList classified;   /* every ClassifiedTaxCategory */
  CatList line_cats;    /* Item/ClassifiedTaxCategory of the root's lines */
  CatList ac_cats;      /* TaxCategory of every AllowanceCharge */
  CatList tax_cats;     /* every TaxCategory */
  CatList breakdown;    /* TaxTotal/TaxSubtotal/TaxCategory, any TaxTotal */
  bool    ok;
} VatSummary;

static const int summary_key;

/* is_category() on a gathered reference, from its precomputed id */
static bool
ref_is (DokusValCtx *v, const CatRef *r, const char *code, bool vat)
{
  if (r->id == NULL)
    return is_category (v, r->cat, code, vat);
  return strcmp (r->id, code) == 0 && (!vat || r->vat);
}

/* A bit for each VAT category code (one capital letter, or "AE"); 0 for
 * any other string, which is none of the codes the rules ask about. */
static uint32_t
code_bit (const char *code)
{
  unsigned char a = (unsigned char) code[0];
  if (a < 'A' || a > 'Z')
    return 0;
  if (code[1] == '\0')
    return UINT32_C (1) << (a - 'A');
  if (a == 'A' && code[1] == 'E' && code[2] == '\0')
    return UINT32_C (1) << 26;
  return 0;
}

/* false when no item of @l can be ref_is (@code, @vat), so that the loop
 * over @l may be skipped; true when one may be (then ask each item) */
static bool
list_may_have (const CatList *l, const char *code, bool vat)
{
  uint32_t bit = code_bit (code);
  if (bit == 0 || l->unknown)
    return true;
  return ((vat ? l->vat_codes : l->codes) & bit) != 0;
}

/* The id and scheme of @ref's category, once for every list it goes in */
static void
ref_fill (DokusValCtx *v, CatRef *ref)
{
  const xmlNode *id = dokus_val_child (ref->cat, "cbc:ID");
  ref->id = id && !dokus_val_next (id, "cbc:ID") ? dokus_val_norm (v, id) : NULL;
  ref->vat = dv_scheme_is_vat (v, ref->cat);
}

/* Appends @ref (ref_fill() done) to @l. */
static void
list_add (DokusValCtx *v, CatList *l, size_t *cap, CatRef ref)
{
  if (l->n == *cap)
    {
      size_t ncap = *cap ? *cap * 2 : 8;
      CatRef *grown = dokus_val_alloc (v, ncap * sizeof *grown);
      if (grown == NULL)
        return;
      if (l->n)
        memcpy (grown, l->items, l->n * sizeof *grown);
      l->items = grown;
      *cap = ncap;
    }
  l->items[l->n++] = ref;
  if (ref.id == NULL)
    l->unknown = true;
  else
    {
      uint32_t bit = code_bit (ref.id);
      l->codes |= bit;
      if (ref.vat)
        l->vat_codes |= bit;
    }
}

static const VatSummary *
summary_of (DokusValCtx *v)
{
  bool fresh;
  VatSummary *s = dokus_val_cache (v, &summary_key, sizeof *s, &fresh);
  const xmlNode *root = dokus_val_root (v);
  size_t caps[5] = { 0 };
  static const VatSummary empty;

  if (s == NULL)
    return &empty;
  if (!fresh)
    return s;
  for (const xmlNode *c = dokus_val_descendant (root, NULL, "cac:ClassifiedTaxCategory"); c;
       c = dokus_val_descendant (root, c, "cac:ClassifiedTaxCategory"))
    {
      const xmlNode *item = c->parent, *line = item ? item->parent : NULL;
      CatRef ref = { c, line, -1, line && line->parent == root, NULL, false };
      ref_fill (v, &ref);
      list_add (v, &s->classified, &caps[0], ref);
      if (dokus_val_is (item, "cac:Item") && is_line (line) && line->parent == root)
        list_add (v, &s->line_cats, &caps[1], ref);
    }
  for (const xmlNode *c = dokus_val_descendant (root, NULL, "cac:TaxCategory"); c;
       c = dokus_val_descendant (root, c, "cac:TaxCategory"))
    {
      const xmlNode *owner = c->parent;
      CatRef ref = { c, owner, -1, owner && owner->parent == root, NULL, false };
      ref_fill (v, &ref);
      list_add (v, &s->tax_cats, &caps[2], ref);
      if (dokus_val_is (owner, "cac:AllowanceCharge"))
        {
          ref.charge = dv_charge_indicator (v, owner);
          list_add (v, &s->ac_cats, &caps[3], ref);
        }
      else if (dokus_val_is (owner, "cac:TaxSubtotal")
               && dokus_val_is (owner->parent, "cac:TaxTotal"))
        {
          ref.root = owner->parent->parent == root;
          list_add (v, &s->breakdown, &caps[4], ref);
        }
    }
  s->ok = true;
  return s;
}

/* Is there a line (ClassifiedTaxCategory anywhere) with @code? */
static bool
lines_use (DokusValCtx *v, const char *code, bool vat)
{
  const CatList *l = &summary_of (v)->classified;
  if (!list_may_have (l, code, vat))
    return false;
  for (size_t i = 0; i < l->n; i++)
    if (ref_is (v, &l->items[i], code, vat))
      return true;
  return false;
}

/* An AllowanceCharge (any level) whose charge indicator is @charge (-2:
 * any) with a TaxCategory @code? */
static bool
allowances_use (DokusValCtx *v, const char *code, int charge, bool vat, bool root_only)
{
  const CatList *l = &summary_of (v)->ac_cats;
  if (!list_may_have (l, code, vat))
    return false;
  for (size_t i = 0; i < l->n; i++)
    {
      if (root_only && !l->items[i].root)
        continue;
      if (charge != -2 && l->items[i].charge != charge)
        continue;
      if (ref_is (v, &l->items[i], code, vat))
        return true;
    }
  return false;
}

/* Any TaxCategory (allowances, charges, breakdown) with @code? */
static bool
tax_categories_use (DokusValCtx *v, const char *code, bool vat)
{
  const CatList *l = &summary_of (v)->tax_cats;
  if (!list_may_have (l, code, vat))
    return false;
  for (size_t i = 0; i < l->n; i++)
    if (ref_is (v, &l->items[i], code, vat))
      return true;
  return false;
}

/* VAT breakdowns of the root's TaxTotal with @code */
static size_t
breakdowns_with (DokusValCtx *v, const char *code, bool vat)
{
  const CatList *l = &summary_of (v)->breakdown;
  size_t n = 0;
  if (!list_may_have (l, code, vat))
    return 0;
  for (size_t i = 0; i < l->n; i++)
    if (l->items[i].root && ref_is (v, &l->items[i], code, vat))
      n++;
  return n;
}

/* ---- 01 ---------------------------------------------------------------------- */

static void
vat_breakdown_present (DokusValCtx *v, const char *rule, const Category *c)
{
  if (c->at_least)
    {
      bool vat = !is_code (c, 'S'); /* BR-S-01 does not look at the scheme */
      bool used = lines_use (v, c->code, vat) || allowances_use (v, c->code, -2, vat, false);
      if (used != (breakdowns_with (v, c->code, vat) > 0))
        dokus_val_report (v, rule, NULL);
      return;
    }
  if ((tax_categories_use (v, c->code, true) || lines_use (v, c->code, true))
      && breakdowns_with (v, c->code, true) != 1)
    dokus_val_report (v, rule, NULL);
}

/* ---- 02-04 ------------------------------------------------------------------- */

static bool
seller_company_id (DokusValCtx *v)
{
  return dokus_val_exists (dokus_val_root (v), DV_SELLER "/cac:PartyTaxScheme/cbc:CompanyID");
}

static bool
tax_rep_vat (DokusValCtx *v)
{
  const xmlNode *root = dokus_val_root (v);
  for (const xmlNode *p = dokus_val_child (root, "cac:TaxRepresentativeParty"); p;
       p = dokus_val_next (p, "cac:TaxRepresentativeParty"))
    if (dv_party_vat_id (v, p))
      return true;
  return false;
}

static bool
party_vat (DokusValCtx *v, const char *path)
{
  return dv_party_vat_id (v, dokus_val_first (dokus_val_root (v), path)) != NULL;
}

static bool
ids_ok (DokusValCtx *v, IdNeed need)
{
  switch (need)
    {
    case ID_SELLER_ANY:
      return seller_company_id (v) || tax_rep_vat (v);
    case ID_SELLER_VAT:
      return party_vat (v, DV_SELLER) || tax_rep_vat (v);
    case ID_SELLER_AND_BUYER:
      return (seller_company_id (v) || tax_rep_vat (v))
             && (party_vat (v, DV_BUYER)
                 || dokus_val_exists (dokus_val_root (v),
                                      DV_BUYER "/cac:PartyLegalEntity/cbc:CompanyID"));
    case ID_SELLER_VAT_BUYER:
      return (party_vat (v, DV_SELLER) || tax_rep_vat (v)) && party_vat (v, DV_BUYER);
    case ID_NONE:
      return !party_vat (v, DV_SELLER) && !tax_rep_vat (v) && !party_vat (v, DV_BUYER);
    }
  return true;
}

static void
vat_identifiers (DokusValCtx *v, const char *rule, const Category *c, int number)
{
  bool used;
  if (number == 2)
    used = lines_use (v, c->code, true);
  else
    used = allowances_use (v, c->code, number == 4 ? 1 : 0, true, is_code (c, 'O'));
  if (used && !ids_ok (v, c->ids))
    dokus_val_report (v, rule, NULL);
}

/* ---- 05-07 ------------------------------------------------------------------- */

static bool
rate_ok (DokusValCtx *v, const xmlNode *cat, RateNeed need)
{
  const xmlNode *pct = dokus_val_child (cat, "cbc:Percent");
  DokusValDec d;
  int cmp;
  if (need == RATE_ABSENT)
    return pct == NULL;
  if (pct == NULL || !dokus_val_dec_of (v, pct, &d))
    return false;
  cmp = dokus_val_dec_cmp (d, dokus_val_dec_int (0));
  return need == RATE_ZERO ? cmp == 0 : need == RATE_POSITIVE ? cmp > 0 : cmp >= 0;
}

static void
vat_rates (DokusValCtx *v, const char *rule, const Category *c, int number)
{
  const VatSummary *s = summary_of (v);
  const CatList *l = number == 5 ? &s->line_cats : &s->ac_cats;
  if (!list_may_have (l, c->code, true))
    return;
  for (size_t i = 0; i < l->n; i++)
    {
      const xmlNode *cat = l->items[i].cat;
      if (number != 5 && l->items[i].charge != (number == 7 ? 1 : 0))
        continue;
      if (ref_is (v, &l->items[i], c->code, true) && !rate_ok (v, cat, c->rate))
        dokus_val_report (v, rule, cat);
    }
}

/* ---- 08-10 ------------------------------------------------------------------- */

/* @rate NULL: any rate. Compares rates exactly or, with @round, after round(). */
static bool
rate_matches (DokusValCtx *v, const xmlNode *cat, const DokusValDec *rate, bool round)
{
  DokusValDec d;
  if (rate == NULL)
    return true;
  for (const xmlNode *p = dokus_val_child (cat, "cbc:Percent"); p;
       p = dokus_val_next (p, "cbc:Percent"))
    if (dokus_val_dec_of (v, p, &d)
        && dokus_val_dec_cmp (round ? dokus_val_dec_round0 (d) : d, *rate) == 0)
      return true;
  return false;
}

/* Σ lines + Σ charges − Σ allowances of category @code (and @rate);
 * *@found tells whether any of them exists. false if an amount is not a number. */
static bool
category_base (DokusValCtx *v, const Category *c, const DokusValDec *rate, DokusValDec *sum,
               bool *found)
{
  const xmlNode *root = dokus_val_root (v);
  DokusValDec d;
  *sum = dokus_val_dec_int (0);
  *found = false;
  for (const xmlNode *n = dokus_val_child (root, NULL); n; n = dokus_val_next (n, NULL))
    {
      bool match = false;
      int sign = 1;
      if (is_line (n))
        {
          const xmlNode *item = dokus_val_child (n, "cac:Item");
          for (const xmlNode *cat = dokus_val_child (item, "cac:ClassifiedTaxCategory"); cat;
               cat = dokus_val_next (cat, "cac:ClassifiedTaxCategory"))
            match = match || (is_category (v, cat, c->code, false)
                              && rate_matches (v, cat, rate, c->round_rate));
          if (match)
            for (const xmlNode *a = dokus_val_child (n, "cbc:LineExtensionAmount"); a;
                 a = dokus_val_next (a, "cbc:LineExtensionAmount"))
              {
                if (!dokus_val_dec_of (v, a, &d))
                  return false;
                *sum = dokus_val_dec_add (*sum, d);
              }
        }
      else if (dokus_val_is (n, "cac:AllowanceCharge"))
        {
          int ind = dv_charge_indicator (v, n);
          if (ind < 0)
            continue;
          sign = ind ? 1 : -1;
          for (const xmlNode *cat = dokus_val_child (n, "cac:TaxCategory"); cat;
               cat = dokus_val_next (cat, "cac:TaxCategory"))
            match = match || (is_category (v, cat, c->code, false)
                              && rate_matches (v, cat, rate, c->round_rate));
          if (match)
            for (const xmlNode *a = dokus_val_child (n, "cbc:Amount"); a;
                 a = dokus_val_next (a, "cbc:Amount"))
              {
                if (!dokus_val_dec_of (v, a, &d))
                  return false;
                *sum = sign > 0 ? dokus_val_dec_add (*sum, d) : dokus_val_dec_sub (*sum, d);
              }
        }
      *found = *found || match;
    }
  return true;
}

static bool
has_lines (DokusValCtx *v)
{
  const xmlNode *root = dokus_val_root (v);
  return dokus_val_child (root, "cac:InvoiceLine") || dokus_val_child (root, "cac:CreditNoteLine");
}

/* |a - b| < 1 */
static bool
within_one (DokusValDec a, DokusValDec b)
{
  DokusValDec one = dokus_val_dec_int (1);
  return dokus_val_dec_cmp (dokus_val_dec_sub (a, one), b) < 0
         && dokus_val_dec_cmp (dokus_val_dec_add (a, one), b) > 0;
}

static bool
taxable_ok (DokusValCtx *v, const Category *c, const xmlNode *cat)
{
  const xmlNode *sub = cat->parent;
  DokusValDec taxable, sum, rate;
  bool found;

  if (!has_lines (v) || !dokus_val_dec_at (v, sub, "cbc:TaxableAmount", &taxable))
    return false;
  if (!c->per_rate)
    return category_base (v, c, NULL, &sum, &found) && dokus_val_dec_cmp (taxable, sum) == 0;
  if (!dokus_val_dec_at (v, cat, "cbc:Percent", &rate))
    return false;
  if (c->round_rate)
    rate = dokus_val_dec_round0 (rate);
  if (!category_base (v, c, &rate, &sum, &found))
    return false;
  return (found || c->round_rate) && within_one (taxable, sum);
}

static bool
tax_ok (DokusValCtx *v, const Category *c, const xmlNode *cat)
{
  const xmlNode *sub = cat->parent;
  DokusValDec tax, taxable, rate, expect;
  DokusValDec hundred = dokus_val_dec_int (100), one = dokus_val_dec_int (1);

  if (!dokus_val_dec_at (v, sub, "cbc:TaxAmount", &tax))
    return false;
  if (!c->per_rate)
    return dokus_val_dec_is_zero (tax);
  if (!dokus_val_dec_at (v, sub, "cbc:TaxableAmount", &taxable)
      || !dokus_val_dec_at (v, cat, "cbc:Percent", &rate))
    return false;
  if (taxable.v < 0)
    taxable.v = -taxable.v;
  expect = dokus_val_dec_round2 (dokus_val_dec_mul (taxable, dokus_val_dec_div (rate, hundred)));
  /* BR-S-09: abs(TaxAmount) ± 1 around the expected amount */
  if (!c->round_rate)
    {
      if (tax.v < 0)
        tax.v = -tax.v;
      return within_one (tax, expect);
    }
  /* BR-AF-09, BR-AG-09: abs(TaxAmount - 1) < expect < abs(TaxAmount + 1), as the binding
   * writes it */
  {
    DokusValDec lo = dokus_val_dec_sub (tax, one), hi = dokus_val_dec_add (tax, one);
    if (lo.v < 0)
      lo.v = -lo.v;
    if (hi.v < 0)
      hi.v = -hi.v;
    return dokus_val_dec_cmp (lo, expect) < 0 && dokus_val_dec_cmp (hi, expect) > 0;
  }
}

static bool
reason_ok (DokusValCtx *v, const Category *c, const xmlNode *cat)
{
  bool has = dokus_val_child (cat, "cbc:TaxExemptionReason")
             || dokus_val_child (cat, "cbc:TaxExemptionReasonCode");
  (void) v;
  return c->reason ? has : !has;
}

static void
vat_breakdown (DokusValCtx *v, const char *rule, const Category *c, int number)
{
  const CatList *l = &summary_of (v)->breakdown;
  if (!list_may_have (l, c->code, true))
    return;
  for (size_t i = 0; i < l->n; i++)
    {
      const xmlNode *cat = l->items[i].cat;
      bool ok;
      if (!ref_is (v, &l->items[i], c->code, true))
        continue;
      ok = number == 8 ? taxable_ok (v, c, cat)
           : number == 9 ? tax_ok (v, c, cat)
                         : reason_ok (v, c, cat);
      if (!ok)
        dokus_val_report (v, rule, cat);
    }
}

/* ---- K (intra-community supply): delivery information, 11-12 --------------- */

static void
ic_delivery (DokusValCtx *v, const char *rule, int number)
{
  const xmlNode *root = dokus_val_root (v);
  bool ok;
  if (breakdowns_with (v, "K", true) == 0)
    return;
  if (number == 11)
    {
      const char *date = dokus_val_text_at (v, root, "cac:Delivery/cbc:ActualDeliveryDate");
      const xmlNode *period = dokus_val_child (root, "cac:InvoicePeriod");
      ok = (date && strlen (date) > 1) || dokus_val_child (period, NULL) != NULL;
    }
  else
    {
      const char *country = dokus_val_text_at (v, root,
                                               "cac:Delivery/cac:DeliveryLocation/cac:Address"
                                               "/cac:Country/cbc:IdentificationCode");
      ok = country && strlen (country) > 1;
    }
  if (!ok)
    dokus_val_report (v, rule, NULL);
}

/* ---- O (not subject to VAT): nothing else, 11-14 --------------------------- */

/* a VAT category other than O */
static bool
not_o (DokusValCtx *v, const xmlNode *cat)
{
  return dv_scheme_is_vat (v, cat) && !dokus_val_norm_eq (v, dokus_val_child (cat, "cbc:ID"), "O");
}

static void
o_exclusive (DokusValCtx *v, const char *rule, int number)
{
  const xmlNode *root = dokus_val_root (v);
  bool other = false;
  if (breakdowns_with (v, "O", true) == 0)
    return;
  if (number == 11)
    {
      for (const xmlNode *t = dokus_val_child (root, "cac:TaxTotal"); t;
           t = dokus_val_next (t, "cac:TaxTotal"))
        for (const xmlNode *s = dokus_val_child (t, "cac:TaxSubtotal"); s;
             s = dokus_val_next (s, "cac:TaxSubtotal"))
          for (const xmlNode *cat = dokus_val_child (s, "cac:TaxCategory"); cat;
               cat = dokus_val_next (cat, "cac:TaxCategory"))
            other = other || not_o (v, cat);
    }
  else if (number == 12)
    {
      for (const xmlNode *cat = dokus_val_descendant (root, NULL, "cac:ClassifiedTaxCategory"); cat;
           cat = dokus_val_descendant (root, cat, "cac:ClassifiedTaxCategory"))
        other = other || not_o (v, cat);
    }
  else
    {
      for (const xmlNode *ac = dokus_val_descendant (root, NULL, "cac:AllowanceCharge"); ac;
           ac = dokus_val_descendant (root, ac, "cac:AllowanceCharge"))
        {
          if (dv_charge_indicator (v, ac) != (number == 14 ? 1 : 0))
            continue;
          for (const xmlNode *cat = dokus_val_child (ac, "cac:TaxCategory"); cat;
               cat = dokus_val_next (cat, "cac:TaxCategory"))
            other = other || not_o (v, cat);
        }
    }
  if (other)
    dokus_val_report (v, rule, NULL);
}

static void
vat_category_rule (DokusValCtx *v, const char *rule)
{
  int number = 0;
  const Category *c = category_of_memo (rule, &number);
  if (c == NULL)
    return;
  if (is_code (c, 'K') && number >= 11)
    ic_delivery (v, rule, number);
  else if (is_code (c, 'O') && number >= 11)
    o_exclusive (v, rule, number);
  else if (number == 1)
    vat_breakdown_present (v, rule, c);
  else if (number <= 4)
    vat_identifiers (v, rule, c, number);
  else if (number <= 7)
    vat_rates (v, rule, c, number);
  else
    vat_breakdown (v, rule, c, number);
}

/* ---- B (split payment, Italy) --------------------------------------------------- */

static bool
any_category (DokusValCtx *v, const char *code)
{
  return tax_categories_use (v, code, false) || lines_use (v, code, false);
}

static void
br_b_01 (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = dokus_val_root (v);
  if (!any_category (v, "B"))
    return;
  for (const xmlNode *c = dokus_val_descendant (root, NULL, "cbc:IdentificationCode"); c;
       c = dokus_val_descendant (root, c, "cbc:IdentificationCode"))
    if (strcmp (dokus_val_text (v, c), "IT") != 0)
      {
        dokus_val_report (v, rule, NULL);
        return;
      }
}

static void
br_b_02 (DokusValCtx *v, const char *rule)
{
  if (any_category (v, "B") && any_category (v, "S"))
    dokus_val_report (v, rule, NULL);
}

static const DokusValRule vat_rules[] = {
#define CATEGORY_RULES(p)                                                                    \
  { p "01", vat_category_rule }, { p "02", vat_category_rule }, { p "03", vat_category_rule }, \
  { p "04", vat_category_rule }, { p "05", vat_category_rule }, { p "06", vat_category_rule }, \
  { p "07", vat_category_rule }, { p "08", vat_category_rule }, { p "09", vat_category_rule }, \
  { p "10", vat_category_rule }
  CATEGORY_RULES ("BR-S-"),  CATEGORY_RULES ("BR-Z-"),  CATEGORY_RULES ("BR-E-"),
  CATEGORY_RULES ("BR-AE-"), CATEGORY_RULES ("BR-IC-"), CATEGORY_RULES ("BR-G-"),
  CATEGORY_RULES ("BR-O-"),  CATEGORY_RULES ("BR-AF-"), CATEGORY_RULES ("BR-AG-"),
#undef CATEGORY_RULES
  { "BR-IC-11", vat_category_rule }, { "BR-IC-12", vat_category_rule },
  { "BR-O-11", vat_category_rule },  { "BR-O-12", vat_category_rule },
  { "BR-O-13", vat_category_rule },  { "BR-O-14", vat_category_rule },
  { "BR-B-01", br_b_01 },            { "BR-B-02", br_b_02 },
};

DOKUS_VAL_FAMILY (dokus_val_family_en16931_vat, "BR-VAT", vat_rules);

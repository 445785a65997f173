/* rules-national.c
 *
 * The national rules of the Peppol BIS Billing 3.0.21 rule set: Norway
 * (NO-R-*), Denmark (DK-R-*), Italy (IT-R-*), Sweden (SE-R-*), Greece
 * (GR-R-*, GR-S-*), Iceland (IS-R-*), the Netherlands (NL-R-*) and Germany
 * (DE-R-*). Each applies only when the seller (and for some, the buyer) is
 * in that country, decided the way the Peppol rules decide it (VAT number
 * prefix or postal address, see dokus-validate-util.c). There is no
 * Belgian national rule set in this release.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "dokus-validate-util-private.h"

#define SELLER "cac:AccountingSupplierParty/cac:Party"
#define BUYER "cac:AccountingCustomerParty/cac:Party"

/* ---- shared helpers ---------------------------------------------------------- */

static const xmlNode *
root_of (DokusValCtx *v)
{
  return dokus_val_root (v);
}

/* the raw text of the seller's / buyer's address country (DK and IS rules) */
static const char *
find_raw_country (DokusValCtx *v, const char *party)
{
  char path[128];
  snprintf (path, sizeof path, "%s/cac:PostalAddress/cac:Country/cbc:IdentificationCode", party);
  const char *t = dokus_val_text_at (v, root_of (v), path);
  return t ? t : "";
}

/* find_raw_country() of the seller and the buyer, once per document (the
 * DK and IS rules ask for them again and again); NULL: not yet */
typedef struct {
  const char *seller, *buyer;
} RawCountries;

static const char RAW_COUNTRIES_KEY;

static const char *
raw_country (DokusValCtx *v, const char *party)
{
  bool fresh;
  RawCountries *c = dokus_val_cache (v, &RAW_COUNTRIES_KEY, sizeof *c, &fresh);
  const char **slot;
  if (c == NULL || (strcmp (party, SELLER) != 0 && strcmp (party, BUYER) != 0))
    return find_raw_country (v, party);
  slot = strcmp (party, SELLER) == 0 ? &c->seller : &c->buyer;
  if (*slot == NULL)
    *slot = find_raw_country (v, party);
  return *slot;
}

static bool
nonempty_norm (DokusValCtx *v, const xmlNode *ctx, const char *path)
{
  const char *t = dokus_val_norm_at (v, ctx, path);
  return t != NULL && t[0] != '\0';
}

/* the first PartyTaxScheme of @party whose normalize-space(TaxScheme/ID)
 * equals (@equal) or differs from @scheme */
static const xmlNode *
party_tax_scheme (DokusValCtx *v, const xmlNode *party, const char *scheme, bool equal)
{
  for (const xmlNode *p = dokus_val_child (party, "cac:PartyTaxScheme"); p;
       p = dokus_val_next (p, "cac:PartyTaxScheme"))
    {
      const char *id = dokus_val_norm_at (v, p, "cac:TaxScheme/cbc:ID");
      if (id == NULL)
        continue;
      if ((strcmp (id, scheme) == 0) == equal)
        return p;
    }
  return NULL;
}

/* PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT'] (exact) */
static const xmlNode *
party_vat_scheme_exact (DokusValCtx *v, const xmlNode *party)
{
  for (const xmlNode *p = dokus_val_child (party, "cac:PartyTaxScheme"); p;
       p = dokus_val_next (p, "cac:PartyTaxScheme"))
    for (const xmlNode *s = dokus_val_child (p, "cac:TaxScheme"); s; s = dokus_val_next (s, "cac:TaxScheme"))
      for (const xmlNode *id = dokus_val_child (s, "cbc:ID"); id; id = dokus_val_next (id, "cbc:ID"))
        if (dv_strcmp0 (dokus_val_text (v, id), "VAT") == 0)
          return p;
  return NULL;
}

/* XPath substring(s, from, len) on ASCII-length characters (1-based) */
static const char *
substr (DokusValCtx *v, const char *s, size_t from, size_t len)
{
  size_t n;
  char *out;
  if (s == NULL)
    s = "";
  n = strlen (s);
  if (from < 1)
    from = 1;
  if (from - 1 >= n)
    return "";
  if (len > n - (from - 1))
    len = n - (from - 1);
  out = dokus_val_alloc (v, len + 1);
  if (out == NULL)
    return "";
  memcpy (out, s + from - 1, len);
  out[len] = '\0';
  return out;
}

/* Norwegian organisation number check (mod 11, weights 2..7) */
static bool
mod11_ok (const char *s)
{
  size_t len = strlen (s);
  unsigned sum = 0;
  bool nonzero = false;
  if (len == 0)
    return false;
  for (size_t i = 0; i < len; i++)
    {
      if (s[i] < '0' || s[i] > '9')
        return false;
      nonzero = nonzero || s[i] != '0';
    }
  if (!nonzero)
    return false;
  for (size_t i = 0; i + 1 < len; i++)
    sum += (unsigned) (s[len - 2 - i] - '0') * (unsigned) (i % 6 + 2);
  return (11 - sum % 11) % 11 == (unsigned) (s[len - 1] - '0');
}

/* ---- Norway -------------------------------------------------------------------- */

static bool
seller_in (DokusValCtx *v, const char *country)
{
  return strcmp (dv_supplier_country (v), country) == 0;
}

static void
no_r_001 (DokusValCtx *v, const char *rule)
{
  const xmlNode *party;
  if (!seller_in (v, "NO"))
    return;
  party = dokus_val_first (root_of (v), SELLER);
  const xmlNode *pts = party_tax_scheme (v, party, "VAT", true);
  const char *id = dokus_val_text_at (v, pts, "cbc:CompanyID");
  if (pts == NULL || id == NULL || strncmp (id, "NO", 2) != 0)
    return;
  const char *rest = id + 2;
  bool ok = strlen (rest) == 12 && dv_all_digits (substr (v, rest, 1, 9), 9) && strcmp (rest + 9, "MVA") == 0
            && mod11_ok (substr (v, rest, 1, 9));
  if (!ok)
    dokus_val_report (v, rule, party);
}

static void
no_r_002 (DokusValCtx *v, const char *rule)
{
  const xmlNode *party;
  if (!seller_in (v, "NO"))
    return;
  party = dokus_val_first (root_of (v), SELLER);
  const xmlNode *pts = party_tax_scheme (v, party, "TAX", true);
  if (dv_strcmp0 (dokus_val_norm_at (v, pts, "cbc:CompanyID"), "Foretaksregisteret") != 0)
    dokus_val_report (v, rule, party);
}

/* ---- Denmark --------------------------------------------------------------------- */

static bool
dk_seller (DokusValCtx *v)
{
  return strcmp (raw_country (v, SELLER), "DK") == 0;
}

static bool
dk_both (DokusValCtx *v)
{
  return dk_seller (v) && strcmp (raw_country (v, BUYER), "DK") == 0;
}

static void
dk_r_002 (DokusValCtx *v, const char *rule)
{
  if (dk_seller (v) && !nonempty_norm (v, root_of (v), SELLER "/cac:PartyLegalEntity/cbc:CompanyID"))
    dokus_val_report (v, rule, NULL);
}

static bool
legal_id_not_0184 (DokusValCtx *v, const char *party)
{
  char path[128];
  snprintf (path, sizeof path, "%s/cac:PartyLegalEntity/cbc:CompanyID", party);
  const xmlNode *c = dokus_val_first (root_of (v), path);
  if (c == NULL)
    return false;
  return strcmp (dv_norm_string (v, dokus_val_attr (v, c, "schemeID")), "0184") != 0;
}

static void
dk_r_014 (DokusValCtx *v, const char *rule)
{
  if (dk_seller (v) && legal_id_not_0184 (v, SELLER))
    dokus_val_report (v, rule, NULL);
}

static void
dk_r_017 (DokusValCtx *v, const char *rule)
{
  if (dk_both (v) && legal_id_not_0184 (v, BUYER))
    dokus_val_report (v, rule, dokus_val_first (root_of (v), BUYER));
}

static void
dk_r_016 (DokusValCtx *v, const char *rule)
{
  DokusValDec d;
  if (!dk_seller (v) || !dokus_val_is_credit_note (v) || strcmp (raw_country (v, BUYER), "DK") != 0)
    return;
  if (dokus_val_dec_at (v, root_of (v), "cac:LegalMonetaryTotal/cbc:PayableAmount", &d)
      && dokus_val_dec_cmp (d, dokus_val_dec_int (0)) < 0)
    dokus_val_report (v, rule, NULL);
}

static void
dk_r_013 (DokusValCtx *v, const char *rule)
{
  static const char *const parties[] = { SELLER, BUYER };
  if (!dk_both (v))
    return;
  for (int i = 0; i < 2; i++)
    {
      const xmlNode *party = dokus_val_first (root_of (v), parties[i]);
      for (const xmlNode *pi = dokus_val_child (party, "cac:PartyIdentification"); pi;
           pi = dokus_val_next (pi, "cac:PartyIdentification"))
        {
          const xmlNode *id = dokus_val_child (pi, "cbc:ID");
          if (id && dv_norm_string (v, dokus_val_attr (v, id, "schemeID"))[0] == '\0')
            dokus_val_report (v, rule, pi);
        }
    }
}

static bool
prefix_in (const char *s, const char *const *prefixes)
{
  if (s == NULL)
    return false;
  for (; *prefixes; prefixes++)
    if (strncmp (s, *prefixes, 3) == 0)
      return true;
  return false;
}

/* Danish payment means rules (invoices between Danish parties) */
static void
dk_payment_means (DokusValCtx *v, const char *rule)
{
  static const char *const giro[] = { "01#", "04#", "15#", NULL };
  static const char *const giro_long[] = { "04#", "15#", NULL };
  static const char *const fik[] = { "71#", "73#", "75#", NULL };
  static const char *const fik_long[] = { "71#", "75#", NULL };

  if (dokus_val_is_credit_note (v) || !dk_both (v))
    return;
  for (const xmlNode *pm = dokus_val_child (root_of (v), "cac:PaymentMeans"); pm;
       pm = dokus_val_next (pm, "cac:PaymentMeans"))
    {
      const char *code = dokus_val_text_at (v, pm, "cbc:PaymentMeansCode");
      const char *pid = dokus_val_text_at (v, pm, "cbc:PaymentID");
      const char *acct = dokus_val_text_at (v, pm, "cac:PayeeFinancialAccount/cbc:ID");
      size_t pid_len = pid ? strlen (pid) : 0;
      bool bad = false;

      if (strcmp (rule, "DK-R-005") == 0)
        {
          static const char *const allowed[]
              = { "1", "10", "31", "42", "48", "49", "50", "58", "59", "93", "97", NULL };
          bad = true;
          for (const char *const *a = allowed; *a; a++)
            if (dv_strcmp0 (code, *a) == 0)
              bad = false;
        }
      else if (strcmp (rule, "DK-R-006") == 0)
        bad = (dv_strcmp0 (code, "31") == 0 || dv_strcmp0 (code, "42") == 0)
              && !(nonempty_norm (v, pm, "cac:PayeeFinancialAccount/cbc:ID")
                   && nonempty_norm (v, pm, "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID"));
      else if (strcmp (rule, "DK-R-007") == 0)
        bad = dv_strcmp0 (code, "49") == 0
              && !(nonempty_norm (v, pm, "cac:PaymentMandate/cbc:ID")
                   && nonempty_norm (v, pm, "cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID"));
      else if (strcmp (rule, "DK-R-008") == 0)
        bad = dv_strcmp0 (code, "50") == 0
              && !(prefix_in (pid, giro) && acct && (strlen (acct) == 7 || strlen (acct) == 8)
                   && dv_all_digits (acct, 0));
      else if (strcmp (rule, "DK-R-009") == 0)
        bad = dv_strcmp0 (code, "50") == 0 && prefix_in (pid, giro_long) && pid_len != 19;
      else if (strcmp (rule, "DK-R-010") == 0)
        bad = dv_strcmp0 (code, "93") == 0 && !(prefix_in (pid, fik) && acct && strlen (acct) == 8);
      else if (strcmp (rule, "DK-R-011") == 0)
        bad = dv_strcmp0 (code, "93") == 0 && prefix_in (pid, fik_long) && pid_len != 18 && pid_len != 19;
      if (bad)
        dokus_val_report (v, rule, pm);
    }
}

static void
dk_r_003 (DokusValCtx *v, const char *rule)
{
  const char *line = dokus_val_line_name (v);
  if (!dk_both (v))
    return;
  for (const xmlNode *l = dokus_val_child (root_of (v), line); l; l = dokus_val_next (l, line))
    {
      bool tst = false, version_ok = false;
      const xmlNode *item = dokus_val_child (l, "cac:Item");
      for (const xmlNode *cc = dokus_val_child (item, "cac:CommodityClassification"); cc;
           cc = dokus_val_next (cc, "cac:CommodityClassification"))
        for (const xmlNode *c = dokus_val_child (cc, "cbc:ItemClassificationCode"); c;
             c = dokus_val_next (c, "cbc:ItemClassificationCode"))
          {
            const char *list = dokus_val_attr (v, c, "listID");
            const char *ver = dokus_val_attr (v, c, "listVersionID");
            tst = tst || dv_strcmp0 (list, "TST") == 0;
            if (ver && (strcmp (ver, "19.05.01") == 0 || strcmp (ver, "19.0501") == 0
                        || strcmp (ver, "26.08.01") == 0 || strcmp (ver, "26.0801") == 0))
              version_ok = true;
          }
      if (tst && !version_ok)
        dokus_val_report (v, rule, l);
    }
}

static void
visit_dk_r_004 (DokusValCtx *v, const xmlNode *n, void *data)
{
  if (!dokus_val_is (n, "cac:AllowanceCharge"))
    return;
  if (dv_strcmp0 (dokus_val_text_at (v, n, "cbc:AllowanceChargeReasonCode"), "ZZZ") != 0)
    return;
  const xmlNode *reason = dokus_val_child (n, "cbc:AllowanceChargeReason");
  const char *norm = dokus_val_norm (v, reason);
  const char *text = dokus_val_text (v, reason);
  bool four_digits = false;
  if (norm && strlen (norm) == 4 && dv_is_number (text))
    {
      DokusValDec d;
      four_digits = dokus_val_dec_parse (text, &d) && dokus_val_dec_cmp (d, dokus_val_dec_int (0)) >= 0
                    && dokus_val_dec_cmp (d, dokus_val_dec_int (9999)) <= 0;
    }
  size_t len = text ? strlen (text) : 0;
  bool hashed = text && strchr (text, '#') && text[0] != '#' && text[len - 1] != '#';
  if (!four_digits && !hashed)
    dokus_val_report (v, data, n);
}

static void
dk_r_004 (DokusValCtx *v, const char *rule)
{
  if (dk_both (v))
    dv_walk (v, root_of (v), visit_dk_r_004, (void *) rule);
}

/* ---- Italy ----------------------------------------------------------------------- */

static void
it_r_001 (DokusValCtx *v, const char *rule)
{
  if (!seller_in (v, "IT"))
    return;
  const xmlNode *party = dokus_val_first (root_of (v), SELLER);
  for (const xmlNode *p = dokus_val_child (party, "cac:PartyTaxScheme"); p;
       p = dokus_val_next (p, "cac:PartyTaxScheme"))
    {
      const char *scheme = dokus_val_norm_at (v, p, "cac:TaxScheme/cbc:ID");
      if (scheme == NULL || strcmp (scheme, "VAT") == 0)
        continue;
      const char *id = dokus_val_norm_at (v, p, "cbc:CompanyID");
      size_t n = id ? strlen (id) : 0;
      bool ok = n >= 11 && n <= 16;
      for (size_t i = 0; ok && i < n; i++)
        ok = (id[i] >= 'A' && id[i] <= 'Z') || (id[i] >= '0' && id[i] <= '9');
      if (!ok)
        dokus_val_report (v, rule, p);
    }
}

static void
it_address (DokusValCtx *v, const char *rule)
{
  const char *field = strcmp (rule, "IT-R-002") == 0   ? "cac:PostalAddress/cbc:StreetName"
                      : strcmp (rule, "IT-R-003") == 0 ? "cac:PostalAddress/cbc:CityName"
                                                       : "cac:PostalAddress/cbc:PostalZone";
  if (!seller_in (v, "IT"))
    return;
  const xmlNode *party = dokus_val_first (root_of (v), SELLER);
  if (party && !dokus_val_exists (party, field))
    dokus_val_report (v, rule, party);
}

/* ---- Sweden ---------------------------------------------------------------------- */

/* What the Swedish and Greek rules ask again and again, once per document:
 * the seller party, and has_country_code() of a party and a short code. */
typedef struct {
  const xmlNode *party;
  char           code[4];
  bool           result;
} CountryAnswer;

typedef struct {
  const xmlNode *seller;
  bool           seller_found;
  CountryAnswer  answers[4];
  size_t         n_answers;
} PartyMemo;

static const char PARTY_MEMO_KEY;

static PartyMemo *
party_memo (DokusValCtx *v)
{
  bool fresh;
  return dokus_val_cache (v, &PARTY_MEMO_KEY, sizeof (PartyMemo), &fresh);
}

static bool
find_country_code (DokusValCtx *v, const xmlNode *party, const char *code)
{
  for (const xmlNode *a = dokus_val_child (party, "cac:PostalAddress"); a; a = dokus_val_next (a, "cac:PostalAddress"))
    for (const xmlNode *c = dokus_val_child (a, "cac:Country"); c; c = dokus_val_next (c, "cac:Country"))
      for (const xmlNode *i = dokus_val_child (c, "cbc:IdentificationCode"); i;
           i = dokus_val_next (i, "cbc:IdentificationCode"))
        if (dv_strcmp0 (dokus_val_text (v, i), code) == 0)
          return true;
  return false;
}

static bool
has_country_code (DokusValCtx *v, const xmlNode *party, const char *code)
{
  PartyMemo *m = party_memo (v);
  bool result;
  if (m == NULL || strlen (code) >= sizeof m->answers[0].code)
    return find_country_code (v, party, code);
  for (size_t i = 0; i < m->n_answers; i++)
    if (m->answers[i].party == party && strcmp (m->answers[i].code, code) == 0)
      return m->answers[i].result;
  result = find_country_code (v, party, code);
  if (m->n_answers < sizeof m->answers / sizeof m->answers[0])
    {
      CountryAnswer *a = &m->answers[m->n_answers++];
      a->party = party;
      strcpy (a->code, code);
      a->result = result;
    }
  return result;
}

static const xmlNode *
seller_party (DokusValCtx *v)
{
  PartyMemo *m = party_memo (v);
  if (m == NULL)
    return dokus_val_first (root_of (v), SELLER);
  if (!m->seller_found)
    {
      m->seller = dokus_val_first (root_of (v), SELLER);
      m->seller_found = true;
    }
  return m->seller;
}

/* seller in Sweden by address and with a Swedish VAT number */
static bool
se_vat_seller (DokusValCtx *v)
{
  const xmlNode *party = seller_party (v);
  const xmlNode *pts = party_vat_scheme_exact (v, party);
  return has_country_code (v, party, "SE") && pts
         && strncmp (dokus_val_text_at (v, pts, "cbc:CompanyID") ? dokus_val_text_at (v, pts, "cbc:CompanyID") : "",
                     "SE", 2) == 0;
}

static void
se_vat (DokusValCtx *v, const char *rule)
{
  if (!se_vat_seller (v))
    return;
  const xmlNode *pts = party_vat_scheme_exact (v, seller_party (v));
  const char *id = dokus_val_text_at (v, pts, "cbc:CompanyID");
  bool ok;
  if (strcmp (rule, "SE-R-001") == 0)
    ok = strlen (dv_norm_string (v, id)) == 14;
  else
    ok = dv_is_number (substr (v, id, 3, 12));
  if (!ok)
    dokus_val_report (v, rule, seller_party (v));
}

static bool
se_orgnr_ok (const char *s)
{
  unsigned sum = 0;
  if (!dv_all_digits (s, 0) || strlen (s) < 10)
    return false;
  for (int pos = 1; pos <= 9; pos++)
    {
      unsigned d = (unsigned) (s[9 - pos] - '0');
      sum += (pos % 2 == 1) ? (d * 2) % 10 + (d * 2) / 10 : d;
    }
  return (10 - sum % 10) % 10 == (unsigned) (s[9] - '0');
}

static void
se_legal (DokusValCtx *v, const char *rule)
{
  const xmlNode *party = seller_party (v);
  if (!has_country_code (v, party, "SE"))
    return;
  for (const xmlNode *le = dokus_val_child (party, "cac:PartyLegalEntity"); le;
       le = dokus_val_next (le, "cac:PartyLegalEntity"))
    {
      const xmlNode *c = dokus_val_child (le, "cbc:CompanyID");
      if (c == NULL)
        continue;
      const char *norm = dokus_val_norm (v, c);
      bool ok;
      if (strcmp (rule, "SE-R-003") == 0)
        ok = dv_is_number (dokus_val_text (v, c));
      else if (strcmp (rule, "SE-R-004") == 0)
        ok = norm && strlen (norm) == 10;
      else
        ok = norm && se_orgnr_ok (norm);
      if (!ok)
        dokus_val_report (v, rule, le);
    }
}

/* ASCII and Latin-1 letters (as UTF-8) to upper case, for "GODKÄND FÖR F-SKATT" */
static const char *
upper_latin (DokusValCtx *v, const char *s)
{
  char *u = dv_upper (v, s);
  if (u == NULL)
    return "";
  for (unsigned char *p = (unsigned char *) u; *p; p++)
    if (p[0] == 0xC3 && p[1] >= 0xA0 && p[1] <= 0xBE && p[1] != 0xB7)
      p[1] = (unsigned char) (p[1] - 0x20);
  return u;
}

static void
se_r_005 (DokusValCtx *v, const char *rule)
{
  const xmlNode *party = seller_party (v);
  if (!has_country_code (v, party, "SE") || !dokus_val_exists (party, "cac:PartyLegalEntity/cbc:CompanyID"))
    return;
  for (const xmlNode *p = dokus_val_child (party, "cac:PartyTaxScheme"); p;
       p = dokus_val_next (p, "cac:PartyTaxScheme"))
    {
      const char *scheme = dv_norm_string (v, upper_latin (v, dokus_val_text_at (v, p, "cac:TaxScheme/cbc:ID")));
      if (!dokus_val_exists (p, "cac:TaxScheme/cbc:ID") || strcmp (scheme, "VAT") == 0)
        continue;
      for (const xmlNode *c = dokus_val_child (p, "cbc:CompanyID"); c; c = dokus_val_next (c, "cbc:CompanyID"))
        if (strcmp (dv_norm_string (v, upper_latin (v, dokus_val_text (v, c))), "GODK\xC3\x84ND F\xC3\x96R F-SKATT") != 0)
          dokus_val_report (v, rule, c);
    }
}

static void
visit_se_r_006 (DokusValCtx *v, const xmlNode *n, void *data)
{
  DokusValDec d;
  if (!dokus_val_is (n, "cac:TaxCategory") && !dokus_val_is (n, "cac:ClassifiedTaxCategory"))
    return;
  if (dv_strcmp0 (dokus_val_text_at (v, n, "cbc:ID"), "S") != 0)
    return;
  bool ok = dokus_val_dec_at (v, n, "cbc:Percent", &d)
            && (dokus_val_dec_cmp (d, dokus_val_dec_int (25)) == 0 || dokus_val_dec_cmp (d, dokus_val_dec_int (12)) == 0
                || dokus_val_dec_cmp (d, dokus_val_dec_int (6)) == 0);
  if (!ok)
    dokus_val_report (v, data, n);
}

static void
se_r_006 (DokusValCtx *v, const char *rule)
{
  if (se_vat_seller (v))
    dv_walk (v, root_of (v), visit_se_r_006, (void *) rule);
}

static void
se_giro (DokusValCtx *v, const char *rule)
{
  const char *branch = (strcmp (rule, "SE-R-007") == 0 || strcmp (rule, "SE-R-010") == 0) ? "SE:PLUSGIRO" : "SE:BANKGIRO";
  if (!has_country_code (v, seller_party (v), "SE"))
    return;
  for (const xmlNode *pm = dokus_val_child (root_of (v), "cac:PaymentMeans"); pm;
       pm = dokus_val_next (pm, "cac:PaymentMeans"))
    {
      if (dv_strcmp0 (dokus_val_norm_at (v, pm, "cbc:PaymentMeansCode"), "30") != 0
          || dv_strcmp0 (dokus_val_norm_at (v, pm, "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID"),
                         branch) != 0)
        continue;
      for (const xmlNode *acc = dokus_val_child (pm, "cac:PayeeFinancialAccount"); acc;
           acc = dokus_val_next (acc, "cac:PayeeFinancialAccount"))
        for (const xmlNode *id = dokus_val_child (acc, "cbc:ID"); id; id = dokus_val_next (id, "cbc:ID"))
          {
            const char *norm = dokus_val_norm (v, id);
            size_t n = norm ? strlen (norm) : 0;
            bool ok;
            if (strcmp (rule, "SE-R-007") == 0 || strcmp (rule, "SE-R-008") == 0)
              ok = dv_is_number (norm);
            else if (strcmp (rule, "SE-R-010") == 0)
              ok = n >= 2 && n <= 8;
            else
              ok = n == 7 || n == 8;
            if (!ok)
              dokus_val_report (v, rule, id);
          }
    }
}

static void
se_payment_code (DokusValCtx *v, const char *rule)
{
  bool r011 = strcmp (rule, "SE-R-011") == 0;
  if (!has_country_code (v, seller_party (v), "SE"))
    return;
  if (!r011 && !has_country_code (v, dokus_val_first (root_of (v), BUYER), "SE"))
    return;
  for (const xmlNode *pm = dokus_val_descendant (root_of (v), NULL, "cac:PaymentMeans"); pm;
       pm = dokus_val_descendant (root_of (v), pm, "cac:PaymentMeans"))
    for (const xmlNode *c = dokus_val_child (pm, "cbc:PaymentMeansCode"); c; c = dokus_val_next (c, "cbc:PaymentMeansCode"))
      {
        const char *t = dokus_val_text (v, c);
        if ((r011 && (dv_strcmp0 (t, "50") == 0 || dv_strcmp0 (t, "56") == 0)) || (!r011 && dv_strcmp0 (t, "31") == 0))
          {
            dokus_val_report (v, rule, pm);
            break;
          }
      }
}

/* ---- Greece ---------------------------------------------------------------------- */

static bool
is_gr (const char *c)
{
  return strcmp (c, "GR") == 0 || strcmp (c, "EL") == 0;
}

static bool
gr_sender (DokusValCtx *v)
{
  return is_gr (dv_supplier_country (v));
}

/* Greek TIN check digit: weights 256..2 on the first eight digits */
static bool
tin_ok (const char *s)
{
  unsigned sum = 0;
  if (s == NULL || strlen (s) < 9)
    return false;
  for (int i = 0; i < 9; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  for (int i = 0; i < 8; i++)
    sum += (unsigned) (s[i] - '0') << (8 - i);
  return (sum % 11) % 10 == (unsigned) (s[8] - '0');
}

/* tokenize(s, '\|'): the @i-th (1-based) segment or NULL */
static const char *
segment (DokusValCtx *v, const char *s, int i, int *count)
{
  const char *start = s;
  int k = 1;
  *count = 0;
  if (s == NULL || *s == '\0')
    return NULL;
  const char *found = NULL;
  size_t found_len = 0;
  for (const char *p = s;; p++)
    if (*p == '|' || *p == '\0')
      {
        if (k == i)
          {
            found = start;
            found_len = (size_t) (p - start);
          }
        (*count)++;
        if (*p == '\0')
          break;
        k++;
        start = p + 1;
      }
  if (found == NULL)
    return NULL;
  return substr (v, found, 1, found_len);
}

static int
atoi_ascii (const char *s)
{
  int n = 0;
  for (; *s >= '0' && *s <= '9'; s++)
    n = n * 10 + (*s - '0');
  return n;
}

/* dd/mm/yyyy against the issue date, as GR-R-001-3 compares them */
static bool
gr_date_ok (DokusValCtx *v, const char *seg)
{
  const char *issue = dokus_val_text_at (v, root_of (v), "cbc:IssueDate");
  char d[16], m[16], y[16];
  if (seg == NULL || dv_norm_string (v, seg)[0] == '\0' || issue == NULL)
    return false;
  /* the segment's own tokens split on '/' */
  if (sscanf (seg, "%15[^/]/%15[^/]/%15[^/]", d, m, y) != 3)
    return false;
  char iy[16], im[16], id[16];
  if (sscanf (issue, "%15[^-]-%15[^-]-%15[^-]", iy, im, id) != 3)
    return false;
  if (strcmp (d, id) != 0 || strcmp (m, im) != 0 || strcmp (y, iy) != 0)
    return false;
  /* the pattern: 1-31, 1-12, 19xx/20xx */
  size_t dl = strlen (d), ml = strlen (m);
  if (dl < 1 || dl > 2 || ml < 1 || ml > 2 || !dv_all_digits (d, 0) || !dv_all_digits (m, 0) || strlen (y) < 4
      || !dv_all_digits (substr (v, y, 1, 4), 4) || !(strncmp (y, "19", 2) == 0 || strncmp (y, "20", 2) == 0))
    return false;
  int dv = atoi_ascii (d), mv = atoi_ascii (m);
  return dv >= 1 && dv <= 31 && mv >= 1 && mv <= 12;
}

static void
gr_invoice_id (DokusValCtx *v, const char *rule)
{
  const xmlNode *idn = dokus_val_child (root_of (v), "cbc:ID");
  int count;
  if (idn == NULL || !gr_sender (v))
    return;
  const char *id = dokus_val_text (v, idn);
  int which = rule[9] == '\0' ? 0 : rule[9] - '0'; /* GR-R-001-N */
  /* GR-R-001-N (N >= 2) checks segment N - 1 */
  const char *seg = which >= 2 ? segment (v, id, which - 1, &count) : NULL;
  bool ok = true;
  segment (v, id, 1, &count);
  switch (which)
    {
    case 1:
      ok = count == 6;
      break;
    case 2:
      {
        const xmlNode *s_pts = party_vat_scheme_exact (v, seller_party (v));
        const xmlNode *r_pts = party_vat_scheme_exact (v, dokus_val_child (root_of (v), "cac:TaxRepresentativeParty"));
        const char *s_tin = s_pts ? substr (v, dokus_val_text_at (v, s_pts, "cbc:CompanyID"), 3, 9) : NULL;
        const char *r_tin = r_pts ? substr (v, dokus_val_text_at (v, r_pts, "cbc:CompanyID"), 3, 9) : NULL;
        ok = seg && strlen (dv_norm_string (v, seg)) == 9 && tin_ok (seg)
             && ((s_tin && strcmp (seg, s_tin) == 0) || (r_tin && strcmp (seg, r_tin) == 0));
        break;
      }
    case 3:
      ok = gr_date_ok (v, seg);
      break;
    case 4:
      ok = seg && dv_norm_string (v, seg)[0] != '\0' && dv_castable_integer (seg) && seg[0] != '-';
      break;
    case 5:
      {
        static const char *const types[] = { "1.1", "1.6", "2.1", "2.4", "5.1", "5.2", NULL };
        ok = false;
        if (seg && dv_norm_string (v, seg)[0] != '\0')
          for (const char *const *t = types; *t; t++)
            ok = ok || strcmp (seg, *t) == 0;
        break;
      }
    default:
      ok = seg && seg[0] != '\0';
    }
  if (!ok)
    dokus_val_report (v, rule, idn);
}

static bool
name_nonempty (DokusValCtx *v, const xmlNode *party)
{
  const char *n = dokus_val_text_at (v, party, "cac:PartyName/cbc:Name");
  return n && n[0] != '\0';
}

static void
gr_r_002 (DokusValCtx *v, const char *rule)
{
  const xmlNode *p = seller_party (v);
  if (gr_sender (v) && p && !name_nonempty (v, p))
    dokus_val_report (v, rule, p);
}

static void
gr_r_005 (DokusValCtx *v, const char *rule)
{
  const xmlNode *p = dokus_val_first (root_of (v), BUYER);
  if (gr_sender (v) && p && !name_nonempty (v, p))
    dokus_val_report (v, rule, p);
}

/* exactly one VAT identifier, EL + a valid TIN */
static bool
greek_vat_ok (DokusValCtx *v, const xmlNode *party)
{
  size_t n = 0;
  const char *first = NULL;
  for (const xmlNode *p = dokus_val_child (party, "cac:PartyTaxScheme"); p;
       p = dokus_val_next (p, "cac:PartyTaxScheme"))
    if (dv_strcmp0 (dokus_val_norm_at (v, p, "cac:TaxScheme/cbc:ID"), "VAT") == 0)
      for (const xmlNode *c = dokus_val_child (p, "cbc:CompanyID"); c; c = dokus_val_next (c, "cbc:CompanyID"))
        {
          if (first == NULL)
            first = dokus_val_text (v, c);
          n++;
        }
  return n == 1 && first && strncmp (first, "EL", 2) == 0 && tin_ok (first + 2);
}

static void
gr_s_011 (DokusValCtx *v, const char *rule)
{
  const xmlNode *p = seller_party (v);
  if (gr_sender (v) && p && !greek_vat_ok (v, p))
    dokus_val_report (v, rule, p);
}

static void
gr_r_006 (DokusValCtx *v, const char *rule)
{
  const xmlNode *p = dokus_val_first (root_of (v), BUYER);
  if (gr_sender (v) && is_gr (dv_customer_country (v)) && p && !greek_vat_ok (v, p))
    dokus_val_report (v, rule, p);
}

static void
gr_r_003 (DokusValCtx *v, const char *rule)
{
  const xmlNode *party = seller_party (v);
  if (!gr_sender (v))
    return;
  for (const xmlNode *p = dokus_val_child (party, "cac:PartyTaxScheme"); p;
       p = dokus_val_next (p, "cac:PartyTaxScheme"))
    if (dv_strcmp0 (dokus_val_norm_at (v, p, "cac:TaxScheme/cbc:ID"), "VAT") == 0)
      for (const xmlNode *c = dokus_val_child (p, "cbc:CompanyID"); c; c = dokus_val_next (c, "cbc:CompanyID"))
        {
          const char *t = dokus_val_text (v, c);
          if (!(t && strncmp (t, "EL", 2) == 0 && tin_ok (t + 2)))
            dokus_val_report (v, rule, c);
        }
}

static size_t
count_adr_description (DokusValCtx *v, const char *desc)
{
  size_t n = 0;
  for (const xmlNode *d = dokus_val_child (root_of (v), "cac:AdditionalDocumentReference"); d;
       d = dokus_val_next (d, "cac:AdditionalDocumentReference"))
    for (const xmlNode *c = dokus_val_child (d, "cbc:DocumentDescription"); c; c = dokus_val_next (c, "cbc:DocumentDescription"))
      if (dv_strcmp0 (dokus_val_text (v, c), desc) == 0)
        {
          n++;
          break;
        }
  return n;
}

static bool
gr_sender_in_gr (DokusValCtx *v)
{
  return gr_sender (v) && has_country_code (v, seller_party (v), "GR");
}

static void
gr_references (DokusValCtx *v, const char *rule)
{
  bool ok;
  if (!gr_sender_in_gr (v))
    return;
  if (strcmp (rule, "GR-R-004-1") == 0)
    ok = count_adr_description (v, "##M.AR.K##") == 1;
  else if (strcmp (rule, "GR-S-008-1") == 0)
    ok = count_adr_description (v, "##INVOICE|URL##") == 1;
  else
    ok = count_adr_description (v, "##INVOICE|URL##") <= 1;
  if (!ok)
    dokus_val_report (v, rule, NULL);
}

static bool
adr_has_description (DokusValCtx *v, const xmlNode *d, const char *desc)
{
  for (const xmlNode *c = dokus_val_child (d, "cbc:DocumentDescription"); c; c = dokus_val_next (c, "cbc:DocumentDescription"))
    if (dv_strcmp0 (dokus_val_text (v, c), desc) == 0)
      return true;
  return false;
}

static void
gr_r_004_2 (DokusValCtx *v, const char *rule)
{
  if (!gr_sender_in_gr (v))
    return;
  for (const xmlNode *d = dokus_val_descendant (root_of (v), NULL, "cac:AdditionalDocumentReference"); d;
       d = dokus_val_descendant (root_of (v), d, "cac:AdditionalDocumentReference"))
    if (adr_has_description (v, d, "##M.AR.K##"))
      for (const xmlNode *id = dokus_val_child (d, "cbc:ID"); id; id = dokus_val_next (id, "cbc:ID"))
        {
          const char *t = dokus_val_text (v, id);
          if (!(t && t[0] >= '1' && t[0] <= '9'))
            dokus_val_report (v, rule, id);
        }
}

static void
gr_r_008_3 (DokusValCtx *v, const char *rule)
{
  if (!gr_sender (v))
    return;
  for (const xmlNode *d = dokus_val_descendant (root_of (v), NULL, "cac:AdditionalDocumentReference"); d;
       d = dokus_val_descendant (root_of (v), d, "cac:AdditionalDocumentReference"))
    if (adr_has_description (v, d, "##INVOICE|URL##")
        && !nonempty_norm (v, d, "cac:Attachment/cac:ExternalReference/cbc:URI"))
      dokus_val_report (v, rule, d);
}

static void
gr_endpoint (DokusValCtx *v, const char *rule)
{
  bool buyer = strcmp (rule, "GR-R-010") == 0;
  const xmlNode *party;
  if (buyer)
    {
      if (!gr_sender (v) || !is_gr (dv_customer_country (v)))
        return;
      party = dokus_val_first (root_of (v), BUYER);
    }
  else
    {
      /* the seller's own VAT prefix or address, without the tax representative */
      const xmlNode *pts = party_vat_scheme_exact (v, seller_party (v));
      const char *vat = pts ? dokus_val_text_at (v, pts, "cbc:CompanyID") : NULL;
      const char *c;
      if (vat && vat[0])
        c = dv_norm_string (v, dv_upper (v, substr (v, vat, 1, 2)));
      else if (dokus_val_exists (seller_party (v), "cac:PostalAddress/cac:Country/cbc:IdentificationCode"))
        c = dv_seller_address_country (v);
      else
        c = "XX";
      if (!is_gr (c))
        return;
      party = seller_party (v);
    }
  for (const xmlNode *e = dokus_val_child (party, "cbc:EndpointID"); e; e = dokus_val_next (e, "cbc:EndpointID"))
    if (dv_strcmp0 (dokus_val_attr (v, e, "schemeID"), "9933") != 0 || !tin_ok (dokus_val_text (v, e)))
      dokus_val_report (v, rule, e);
}

/* ---- Iceland ----------------------------------------------------------------------- */

static bool
is_seller (DokusValCtx *v)
{
  return strcmp (raw_country (v, SELLER), "IS") == 0;
}

static const xmlNode *
eindagi (DokusValCtx *v)
{
  for (const xmlNode *d = dokus_val_child (root_of (v), "cac:AdditionalDocumentReference"); d;
       d = dokus_val_next (d, "cac:AdditionalDocumentReference"))
    if (adr_has_description (v, d, "EINDAGI"))
      return d;
  return NULL;
}

static bool
payment_account_12 (DokusValCtx *v, const char *code)
{
  const xmlNode *match = NULL;
  for (const xmlNode *pm = dokus_val_child (root_of (v), "cac:PaymentMeans"); pm && !match;
       pm = dokus_val_next (pm, "cac:PaymentMeans"))
    if (dv_strcmp0 (dokus_val_text_at (v, pm, "cbc:PaymentMeansCode"), code) == 0)
      match = pm;
  if (match == NULL)
    return true;
  const char *id = dokus_val_norm_at (v, match, "cac:PayeeFinancialAccount/cbc:ID");
  return id && strlen (id) == 12;
}

static void
is_rules (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = root_of (v);
  bool ok = true;
  if (!is_seller (v))
    return;
  if (strcmp (rule, "IS-R-001") == 0)
    {
      const char *t = dokus_val_norm_at (v, root, dokus_val_type_code_name (v));
      ok = t && (strcmp (t, "380") == 0 || strcmp (t, "381") == 0);
    }
  else if (strcmp (rule, "IS-R-002") == 0)
    {
      const xmlNode *c = dokus_val_first (root, SELLER "/cac:PartyLegalEntity/cbc:CompanyID");
      ok = c && dv_strcmp0 (dokus_val_attr (v, c, "schemeID"), "0196") == 0;
    }
  else if (strcmp (rule, "IS-R-003") == 0)
    ok = dokus_val_exists (root, SELLER "/cac:PostalAddress/cbc:StreetName")
         && dokus_val_exists (root, SELLER "/cac:PostalAddress/cbc:PostalZone");
  else if (strcmp (rule, "IS-R-006") == 0)
    ok = payment_account_12 (v, "9");
  else if (strcmp (rule, "IS-R-007") == 0)
    ok = payment_account_12 (v, "42");
  else
    {
      const xmlNode *e = eindagi (v);
      const char *id = e ? dokus_val_text_at (v, e, "cbc:ID") : NULL;
      if (e == NULL)
        return;
      if (strcmp (rule, "IS-R-008") == 0)
        ok = id && strlen (id) == 10 && dv_is_date (id);
      else if (strcmp (rule, "IS-R-009") == 0)
        ok = dokus_val_child (root, "cbc:DueDate") != NULL;
      else
        {
          const char *due = dokus_val_text_at (v, root, "cbc:DueDate");
          ok = due && id && strcmp (due, id) <= 0;
        }
    }
  if (!ok)
    dokus_val_report (v, rule, NULL);
}

static void
is_buyer_rules (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = root_of (v);
  bool ok;
  if (!is_seller (v) || strcmp (raw_country (v, BUYER), "IS") != 0)
    return;
  if (strcmp (rule, "IS-R-004") == 0)
    {
      const xmlNode *c = dokus_val_first (root, BUYER "/cac:PartyLegalEntity/cbc:CompanyID");
      ok = c && dv_strcmp0 (dokus_val_attr (v, c, "schemeID"), "0196") == 0;
    }
  else
    ok = dokus_val_exists (root, BUYER "/cac:PostalAddress/cbc:StreetName")
         && dokus_val_exists (root, BUYER "/cac:PostalAddress/cbc:PostalZone");
  if (!ok)
    dokus_val_report (v, rule, dokus_val_child (root, "cac:AccountingCustomerParty"));
}

/* ---- the Netherlands ----------------------------------------------------------------- */

static bool
nl_seller (DokusValCtx *v)
{
  return strcmp (dv_seller_address_country (v), "NL") == 0;
}

static bool
nl_buyer (DokusValCtx *v)
{
  return strcmp (dv_buyer_address_country (v), "NL") == 0;
}

static void
nl_r_001 (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = root_of (v);
  if (!nl_seller (v) || !dokus_val_child (root, "cbc:CreditNoteTypeCode"))
    return;
  if (!dokus_val_exists (root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"))
    dokus_val_report (v, rule, dokus_val_child (root, "cbc:CreditNoteTypeCode"));
}

static void
nl_address (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = root_of (v);
  const xmlNode *addr;
  if (!nl_seller (v))
    return;
  if (strcmp (rule, "NL-R-002") == 0)
    addr = dokus_val_first (root, SELLER "/cac:PostalAddress");
  else if (strcmp (rule, "NL-R-004") == 0)
    addr = nl_buyer (v) ? dokus_val_first (root, BUYER "/cac:PostalAddress") : NULL;
  else
    {
      const char *c = dokus_val_norm_at (v, root, "cac:TaxRepresentativeParty/cac:PostalAddress/cac:Country/cbc:IdentificationCode");
      addr = dv_strcmp0 (dv_upper (v, c), "NL") == 0 ? dokus_val_first (root, "cac:TaxRepresentativeParty/cac:PostalAddress") : NULL;
    }
  if (addr && !(dokus_val_child (addr, "cbc:StreetName") && dokus_val_child (addr, "cbc:CityName")
                && dokus_val_child (addr, "cbc:PostalZone")))
    dokus_val_report (v, rule, addr);
}

static void
nl_legal_id (DokusValCtx *v, const char *rule)
{
  bool buyer = strcmp (rule, "NL-R-005") == 0;
  if (!nl_seller (v) || (buyer && !nl_buyer (v)))
    return;
  const xmlNode *party = dokus_val_first (root_of (v), buyer ? BUYER : SELLER);
  for (const xmlNode *le = dokus_val_child (party, "cac:PartyLegalEntity"); le;
       le = dokus_val_next (le, "cac:PartyLegalEntity"))
    for (const xmlNode *c = dokus_val_child (le, "cbc:CompanyID"); c; c = dokus_val_next (c, "cbc:CompanyID"))
      {
        const char *s = dokus_val_attr (v, c, "schemeID");
        const char *t = dokus_val_norm (v, c);
        if (!((dv_strcmp0 (s, "0106") == 0 || dv_strcmp0 (s, "0190") == 0) && t && t[0]))
          dokus_val_report (v, rule, c);
      }
}

static void
nl_r_007 (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = root_of (v);
  if (!nl_seller (v))
    return;
  for (const xmlNode *t = dokus_val_child (root, "cac:LegalMonetaryTotal"); t; t = dokus_val_next (t, "cac:LegalMonetaryTotal"))
    {
      DokusValDec d;
      bool have = dokus_val_dec_at (v, t, "cbc:PayableAmount", &d);
      int c = have ? dokus_val_dec_cmp (d, dokus_val_dec_int (0)) : 0;
      bool ok = (have && !dokus_val_is_credit_note (v) && c <= 0) || (have && dokus_val_is_credit_note (v) && c >= 0)
                || dokus_val_descendant (root, NULL, "cac:PaymentMeans") != NULL;
      if (!ok)
        dokus_val_report (v, rule, t);
    }
}

static void
nl_r_008 (DokusValCtx *v, const char *rule)
{
  static const char *const codes[] = { "30", "48", "49", "57", "58", "59", NULL };
  if (!nl_seller (v) || !nl_buyer (v))
    return;
  for (const xmlNode *pm = dokus_val_descendant (root_of (v), NULL, "cac:PaymentMeans"); pm;
       pm = dokus_val_descendant (root_of (v), pm, "cac:PaymentMeans"))
    {
      const char *c = dokus_val_norm_at (v, pm, "cbc:PaymentMeansCode");
      bool ok = false;
      for (const char *const *k = codes; *k; k++)
        ok = ok || dv_strcmp0 (c, *k) == 0;
      if (!ok)
        dokus_val_report (v, rule, pm);
    }
}

static void
nl_r_009 (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = root_of (v);
  if (!nl_seller (v) || dokus_val_exists (root, "cac:OrderReference/cbc:ID"))
    return;
  for (const xmlNode *o = dokus_val_descendant (root, NULL, "cac:OrderLineReference"); o;
       o = dokus_val_descendant (root, o, "cac:OrderLineReference"))
    for (const xmlNode *l = dokus_val_child (o, "cbc:LineID"); l; l = dokus_val_next (l, "cbc:LineID"))
      dokus_val_report (v, rule, l);
}

/* ---- Germany (seller and buyer both in Germany) ---------------------------------------- */

static void
de_document (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = root_of (v);
  bool ok = true;
  if (!dv_both_de (v))
    return;
  if (strcmp (rule, "DE-R-001") == 0)
    ok = dokus_val_child (root, "cac:PaymentMeans") != NULL;
  else if (strcmp (rule, "DE-R-015") == 0)
    ok = nonempty_norm (v, root, "cbc:BuyerReference");
  else if (strcmp (rule, "DE-R-017") == 0)
    {
      static const char *const codes[] = { "326", "380", "384", "389", "381", "875", "876", "877", NULL };
      const char *t = dokus_val_norm_at (v, root, dokus_val_type_code_name (v));
      ok = false;
      for (const char *const *c = codes; *c; c++)
        ok = ok || dv_strcmp0 (t, *c) == 0;
    }
  else if (strcmp (rule, "DE-R-026") == 0)
    ok = dv_strcmp0 (dokus_val_norm_at (v, root, dokus_val_type_code_name (v)), "384") != 0
         || dokus_val_exists (root, "cac:BillingReference/cac:InvoiceDocumentReference");
  else if (strcmp (rule, "DE-R-030") == 0)
    {
      ok = !dokus_val_exists (root, "cac:PaymentMeans/cac:PaymentMandate");
      static const char *const parties[] = { SELLER "/cac:PartyIdentification", "cac:PayeeParty/cac:PartyIdentification" };
      for (int i = 0; i < 2 && !ok; i++)
        for (const xmlNode *pi = dokus_val_first (root, parties[i]); pi && !ok;
             pi = dokus_val_next (pi, "cac:PartyIdentification"))
          for (const xmlNode *id = dokus_val_child (pi, "cbc:ID"); id && !ok; id = dokus_val_next (id, "cbc:ID"))
            ok = dv_strcmp0 (dokus_val_attr (v, id, "schemeID"), "SEPA") == 0 && dokus_val_attr (v, id, "schemeID");
    }
  else if (strcmp (rule, "DE-R-031") == 0)
    ok = !dokus_val_exists (root, "cac:PaymentMeans/cac:PaymentMandate")
         || dokus_val_exists (root, "cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID");
  else if (strcmp (rule, "DE-R-002") == 0)
    ok = dokus_val_exists (root, SELLER "/cac:Contact");
  if (!ok)
    dokus_val_report (v, rule, NULL);
}

/* BT-95/BT-102/BT-151 use one of the German VAT codes: a seller VAT or tax
 * number or a tax representative is needed */
static bool
de_vat_code (const char *t)
{
  static const char *const codes[] = { "S", "Z", "E", "AE", "K", "G", "L", "M", NULL };
  for (const char *const *c = codes; *c; c++)
    if (dv_strcmp0 (t, *c) == 0)
      return true;
  return false;
}

static void
de_r_016 (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = root_of (v);
  const char *line = dokus_val_line_name (v);
  bool uses = false;
  if (!dv_both_de (v))
    return;
  for (const xmlNode *ac = dokus_val_child (root, "cac:AllowanceCharge"); ac && !uses;
       ac = dokus_val_next (ac, "cac:AllowanceCharge"))
    {
      const char *ci = dokus_val_text_at (v, ac, "cbc:ChargeIndicator");
      if (dv_strcmp0 (ci, "true") != 0 && dv_strcmp0 (ci, "false") != 0)
        continue;
      for (const xmlNode *tc = dokus_val_child (ac, "cac:TaxCategory"); tc && !uses; tc = dokus_val_next (tc, "cac:TaxCategory"))
        for (const xmlNode *id = dokus_val_child (tc, "cbc:ID"); id && !uses; id = dokus_val_next (id, "cbc:ID"))
          uses = de_vat_code (dokus_val_text (v, id));
    }
  for (const xmlNode *l = dokus_val_child (root, line); l && !uses; l = dokus_val_next (l, line))
    for (const xmlNode *c = dokus_val_first (l, "cac:Item/cac:ClassifiedTaxCategory"); c && !uses;
         c = dokus_val_next (c, "cac:ClassifiedTaxCategory"))
      for (const xmlNode *id = dokus_val_child (c, "cbc:ID"); id && !uses; id = dokus_val_next (id, "cbc:ID"))
        uses = de_vat_code (dokus_val_text (v, id));
  if (!uses || dokus_val_child (root, "cac:TaxRepresentativeParty"))
    return;
  for (const xmlNode *p = dokus_val_first (root, SELLER "/cac:PartyTaxScheme"); p;
       p = dokus_val_next (p, "cac:PartyTaxScheme"))
    for (const xmlNode *c = dokus_val_child (p, "cbc:CompanyID"); c; c = dokus_val_next (c, "cbc:CompanyID"))
      if (nonempty_norm (v, p, "cbc:CompanyID"))
        return;
  dokus_val_report (v, rule, NULL);
}

/* normalize-space(line) matches #SKONTO#TAGE=n#PROZENT=n.nn#[BASISBETRAG=-n.nn#] */
static bool
skonto_line_ok (const char *s)
{
  const char *p = s;
  if (strncmp (p, "#SKONTO#TAGE=", 13) != 0)
    return false;
  p += 13;
  if (!(*p >= '0' && *p <= '9'))
    return false;
  while (*p >= '0' && *p <= '9')
    p++;
  if (strncmp (p, "#PROZENT=", 9) != 0)
    return false;
  p += 9;
  if (!(*p >= '0' && *p <= '9'))
    return false;
  while (*p >= '0' && *p <= '9')
    p++;
  if (!(p[0] == '.' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9'))
    return false;
  p += 3;
  if (strncmp (p, "#BASISBETRAG=", 13) == 0)
    {
      p += 13;
      if (*p == '-')
        p++;
      if (!(*p >= '0' && *p <= '9'))
        return false;
      while (*p >= '0' && *p <= '9')
        p++;
      if (!(p[0] == '.' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9'))
        return false;
      p += 3;
    }
  return strcmp (p, "#") == 0;
}

/* the text after the last "#...#" run on one line must begin with
 * whitespace holding a line break */
static bool
skonto_ends_with_break (const char *note)
{
  const char *after = NULL;
  const char *line = note;
  while (*line)
    {
      const char *end = strchr (line, '\n');
      if (end == NULL)
        end = line + strlen (line);
      const char *first = memchr (line, '#', (size_t) (end - line));
      const char *last = NULL;
      for (const char *p = end; p > line; p--)
        if (p[-1] == '#')
          {
            last = p - 1;
            break;
          }
      if (first && last && last > first)
        after = last + 1;
      line = *end ? end + 1 : end;
    }
  if (after == NULL)
    return false;
  for (const char *p = after; *p; p++)
    {
      if (*p == '\n')
        return true;
      if (*p != ' ' && *p != '\t' && *p != '\r')
        return false;
    }
  return false;
}

static void
de_r_018 (DokusValCtx *v, const char *rule)
{
  if (!dv_both_de (v))
    return;
  for (const xmlNode *pt = dokus_val_child (root_of (v), "cac:PaymentTerms"); pt; pt = dokus_val_next (pt, "cac:PaymentTerms"))
    {
      const xmlNode *note = dokus_val_child (pt, "cbc:Note");
      const char *text = dokus_val_text (v, note);
      bool any = false, ok = true;
      if (text == NULL)
        continue;
      const char *line = text;
      while (*line)
        {
          const char *end = strchr (line, '\n');
          size_t len = end ? (size_t) (end - line) : strlen (line);
          const char *one = dv_norm_string (v, substr (v, line, 1, len));
          if (one[0] == '#')
            {
              any = true;
              ok = ok && skonto_line_ok (one);
            }
          line += len;
          if (*line == '\n')
            line++;
        }
      if (any && (!ok || !skonto_ends_with_break (text)))
        dokus_val_report (v, rule, note);
    }
}

static void
de_r_022 (DokusValCtx *v, const char *rule)
{
  const xmlNode *root = root_of (v);
  if (!dv_both_de (v))
    return;
  for (const xmlNode *a = dokus_val_child (root, "cac:AdditionalDocumentReference"); a;
       a = dokus_val_next (a, "cac:AdditionalDocumentReference"))
    {
      const xmlNode *bo = dokus_val_first (a, "cac:Attachment/cbc:EmbeddedDocumentBinaryObject");
      const char *fa = dokus_val_attr (v, bo, "filename");
      if (fa == NULL)
        continue;
      for (const xmlNode *b = dokus_val_child (root, "cac:AdditionalDocumentReference"); b != a;
           b = dokus_val_next (b, "cac:AdditionalDocumentReference"))
        if (dv_strcmp0 (dokus_val_attr (v, dokus_val_first (b, "cac:Attachment/cbc:EmbeddedDocumentBinaryObject"), "filename"), fa) == 0
            && dokus_val_attr (v, dokus_val_first (b, "cac:Attachment/cbc:EmbeddedDocumentBinaryObject"), "filename"))
          {
            dokus_val_report (v, rule, a);
            return;
          }
    }
}

static void
de_r_t02 (DokusValCtx *v, const char *rule)
{
  if (!dv_both_de (v))
    return;
  for (const xmlNode *a = dokus_val_child (root_of (v), "cac:AdditionalDocumentReference"); a;
       a = dokus_val_next (a, "cac:AdditionalDocumentReference"))
    for (const xmlNode *e = dokus_val_first (a, "cac:Attachment/cac:ExternalReference"); e;
         e = dokus_val_next (e, "cac:ExternalReference"))
      {
        const char *u = dokus_val_text_at (v, e, "cbc:URI");
        bool ok = false;
        if (u && ((u[0] >= 'a' && u[0] <= 'z') || (u[0] >= 'A' && u[0] <= 'Z')))
          {
            size_t i = 1;
            while ((u[i] >= 'a' && u[i] <= 'z') || (u[i] >= 'A' && u[i] <= 'Z') || (u[i] >= '0' && u[i] <= '9')
                   || u[i] == '+' || u[i] == '.' || u[i] == '-')
              i++;
            ok = i >= 2 && u[i] == ':';
          }
        if (!ok)
          dokus_val_report (v, rule, e);
      }
}

static void
de_address (DokusValCtx *v, const char *rule)
{
  const char *path, *field;
  int n;
  if (!dv_both_de (v))
    return;
  n = atoi_ascii (rule + 5);
  path = n <= 4 ? SELLER "/cac:PostalAddress" : n <= 9 ? BUYER "/cac:PostalAddress" : "cac:Delivery/cac:DeliveryLocation/cac:Address";
  if (n == 3 || n == 8 || n == 10)
    field = "cbc:CityName";
  else
    field = "cbc:PostalZone";
  {
    const xmlNode *a = dokus_val_first (root_of (v), path);
    if (a && !nonempty_norm (v, a, field))
      dokus_val_report (v, rule, a);
  }
  /* every delivery's address */
  if (n >= 10)
    for (const xmlNode *d = dokus_val_next (dokus_val_child (root_of (v), "cac:Delivery"), "cac:Delivery"); d;
         d = dokus_val_next (d, "cac:Delivery"))
      {
        const xmlNode *a = dokus_val_first (d, "cac:DeliveryLocation/cac:Address");
        if (a && !nonempty_norm (v, a, field))
          dokus_val_report (v, rule, a);
      }
}

static bool
telephone_ok (const char *t)
{
  int digits = 0;
  for (; t && *t; t++)
    digits += *t >= '0' && *t <= '9';
  return digits >= 3;
}

/* ^[^@\s]+@([^@.\s]+\.)+[^@.\s]+$ */
static bool
email_ok (const char *t)
{
  const char *at;
  if (t == NULL || (at = strchr (t, '@')) == NULL || at == t || strchr (at + 1, '@'))
    return false;
  for (const char *p = t; p < at; p++)
    if (*p == ' ')
      return false;
  const char *d = at + 1;
  int labels = 0;
  size_t len = 0;
  for (const char *p = d;; p++)
    {
      if (*p == '.' || *p == '\0')
        {
          if (len == 0)
            return false;
          labels++;
          len = 0;
          if (*p == '\0')
            break;
          continue;
        }
      if (*p == ' ')
        return false;
      len++;
    }
  return labels >= 2;
}

static void
de_contact (DokusValCtx *v, const char *rule)
{
  if (!dv_both_de (v))
    return;
  for (const xmlNode *c = dokus_val_first (root_of (v), SELLER "/cac:Contact"); c; c = dokus_val_next (c, "cac:Contact"))
    {
      bool ok;
      if (strcmp (rule, "DE-R-005") == 0)
        ok = nonempty_norm (v, c, "cbc:Name");
      else if (strcmp (rule, "DE-R-006") == 0)
        ok = nonempty_norm (v, c, "cbc:Telephone");
      else if (strcmp (rule, "DE-R-007") == 0)
        ok = nonempty_norm (v, c, "cbc:ElectronicMail");
      else if (strcmp (rule, "DE-R-027") == 0)
        ok = telephone_ok (dokus_val_norm_at (v, c, "cbc:Telephone"));
      else
        ok = email_ok (dokus_val_norm_at (v, c, "cbc:ElectronicMail"));
      if (!ok)
        dokus_val_report (v, rule, c);
    }
}

/* IBAN: two letters, two digits, up to 30 letters or digits, mod 97 = 1 */
static bool
iban_ok (DokusValCtx *v, const char *raw)
{
  char s[64];
  size_t n = 0;
  unsigned rem = 0;
  (void) v;
  if (raw == NULL)
    return false;
  for (const char *p = raw; *p; p++)
    if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
      {
        if (n + 1 >= sizeof s)
          return false;
        s[n++] = *p;
      }
  s[n] = '\0';
  if (n < 4 || !(s[0] >= 'A' && s[0] <= 'Z') || !(s[1] >= 'A' && s[1] <= 'Z') || !(s[2] >= '0' && s[2] <= '9')
      || !(s[3] >= '0' && s[3] <= '9') || n > 34)
    return false;
  for (size_t i = 4; i < n; i++)
    if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
      return false;
  for (size_t k = 0; k < n; k++)
    {
      char c = s[(k + 4) % n];
      unsigned val = (unsigned char) c > 64 ? (unsigned) (unsigned char) c - 55 : (unsigned) (c - '0');
      rem = val >= 10 ? (rem * 100 + val) % 97 : (rem * 10 + val) % 97;
    }
  return rem == 1;
}

static bool
code_in (const char *c, const char *const *codes)
{
  for (; *codes; codes++)
    if (dv_strcmp0 (c, *codes) == 0)
      return true;
  return false;
}

static void
de_payment_means (DokusValCtx *v, const char *rule)
{
  static const char *const transfer[] = { "30", "58", NULL };
  static const char *const card[] = { "48", "54", "55", NULL };
  static const char *const debit[] = { "59", NULL };
  if (!dv_both_de (v))
    return;
  for (const xmlNode *pm = dokus_val_child (root_of (v), "cac:PaymentMeans"); pm; pm = dokus_val_next (pm, "cac:PaymentMeans"))
    {
      const char *code = dokus_val_norm_at (v, pm, "cbc:PaymentMeansCode");
      bool has_pfa = dokus_val_child (pm, "cac:PayeeFinancialAccount") != NULL;
      bool has_card = dokus_val_child (pm, "cac:CardAccount") != NULL;
      bool has_mandate = dokus_val_child (pm, "cac:PaymentMandate") != NULL;
      bool ok = true;
      if (strcmp (rule, "DE-R-019") == 0 && code_in (code, transfer))
        ok = dv_strcmp0 (code, "58") != 0 || iban_ok (v, dokus_val_text_at (v, pm, "cac:PayeeFinancialAccount/cbc:ID"));
      else if (strcmp (rule, "DE-R-023-1") == 0 && code_in (code, transfer))
        ok = has_pfa;
      else if (strcmp (rule, "DE-R-023-2") == 0 && code_in (code, transfer))
        ok = !has_card && !has_mandate;
      else if (strcmp (rule, "DE-R-024-1") == 0 && code_in (code, card))
        ok = has_card;
      else if (strcmp (rule, "DE-R-024-2") == 0 && code_in (code, card))
        ok = !has_pfa && !has_mandate;
      else if (strcmp (rule, "DE-R-020") == 0 && code_in (code, debit))
        ok = iban_ok (v, dokus_val_text_at (v, pm, "cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID"));
      else if (strcmp (rule, "DE-R-025-1") == 0 && code_in (code, debit))
        ok = has_mandate;
      else if (strcmp (rule, "DE-R-025-2") == 0 && code_in (code, debit))
        ok = !has_pfa && !has_card;
      if (!ok)
        dokus_val_report (v, rule, pm);
    }
}

static void
de_r_014 (DokusValCtx *v, const char *rule)
{
  if (!dv_both_de (v))
    return;
  for (const xmlNode *t = dokus_val_child (root_of (v), "cac:TaxTotal"); t; t = dokus_val_next (t, "cac:TaxTotal"))
    for (const xmlNode *s = dokus_val_child (t, "cac:TaxSubtotal"); s; s = dokus_val_next (s, "cac:TaxSubtotal"))
      if (!nonempty_norm (v, s, "cac:TaxCategory/cbc:Percent"))
        dokus_val_report (v, rule, s);
}

static const DokusValRule national_rules[] = {
  { "DE-R-001", de_document },     { "DE-R-002", de_document },     { "DE-R-003", de_address },
  { "DE-R-004", de_address },      { "DE-R-005", de_contact },      { "DE-R-006", de_contact },
  { "DE-R-007", de_contact },      { "DE-R-008", de_address },      { "DE-R-009", de_address },
  { "DE-R-010", de_address },      { "DE-R-011", de_address },      { "DE-R-014", de_r_014 },
  { "DE-R-015", de_document },     { "DE-R-016", de_r_016 },        { "DE-R-017", de_document },
  { "DE-R-018", de_r_018 },        { "DE-R-019", de_payment_means }, { "DE-R-020", de_payment_means },
  { "DE-R-022", de_r_022 },        { "DE-R-023-1", de_payment_means }, { "DE-R-023-2", de_payment_means },
  { "DE-R-024-1", de_payment_means }, { "DE-R-024-2", de_payment_means }, { "DE-R-025-1", de_payment_means },
  { "DE-R-025-2", de_payment_means }, { "DE-R-026", de_document },  { "DE-R-027", de_contact },
  { "DE-R-028", de_contact },      { "DE-R-030", de_document },     { "DE-R-031", de_document },
  { "DE-R-T02", de_r_t02 },
  { "DK-R-002", dk_r_002 },        { "DK-R-003", dk_r_003 },        { "DK-R-004", dk_r_004 },
  { "DK-R-005", dk_payment_means }, { "DK-R-006", dk_payment_means }, { "DK-R-007", dk_payment_means },
  { "DK-R-008", dk_payment_means }, { "DK-R-009", dk_payment_means }, { "DK-R-010", dk_payment_means },
  { "DK-R-011", dk_payment_means }, { "DK-R-013", dk_r_013 },       { "DK-R-014", dk_r_014 },
  { "DK-R-016", dk_r_016 },        { "DK-R-017", dk_r_017 },
  { "GR-R-001-1", gr_invoice_id }, { "GR-R-001-2", gr_invoice_id }, { "GR-R-001-3", gr_invoice_id },
  { "GR-R-001-4", gr_invoice_id }, { "GR-R-001-5", gr_invoice_id }, { "GR-R-001-6", gr_invoice_id },
  { "GR-R-001-7", gr_invoice_id }, { "GR-R-002", gr_r_002 },        { "GR-R-003", gr_r_003 },
  { "GR-R-004-1", gr_references }, { "GR-R-004-2", gr_r_004_2 },    { "GR-R-005", gr_r_005 },
  { "GR-R-006", gr_r_006 },        { "GR-R-008-2", gr_references }, { "GR-R-008-3", gr_r_008_3 },
  { "GR-R-009", gr_endpoint },     { "GR-R-010", gr_endpoint },     { "GR-S-008-1", gr_references },
  { "GR-S-011", gr_s_011 },
  { "IS-R-001", is_rules },        { "IS-R-002", is_rules },        { "IS-R-003", is_rules },
  { "IS-R-004", is_buyer_rules },  { "IS-R-005", is_buyer_rules },  { "IS-R-006", is_rules },
  { "IS-R-007", is_rules },        { "IS-R-008", is_rules },        { "IS-R-009", is_rules },
  { "IS-R-010", is_rules },
  { "IT-R-001", it_r_001 },        { "IT-R-002", it_address },      { "IT-R-003", it_address },
  { "IT-R-004", it_address },
  { "NL-R-001", nl_r_001 },        { "NL-R-002", nl_address },      { "NL-R-003", nl_legal_id },
  { "NL-R-004", nl_address },      { "NL-R-005", nl_legal_id },     { "NL-R-006", nl_address },
  { "NL-R-007", nl_r_007 },        { "NL-R-008", nl_r_008 },        { "NL-R-009", nl_r_009 },
  { "NO-R-001", no_r_001 },        { "NO-R-002", no_r_002 },
  { "SE-R-001", se_vat },          { "SE-R-002", se_vat },          { "SE-R-003", se_legal },
  { "SE-R-004", se_legal },        { "SE-R-005", se_r_005 },        { "SE-R-006", se_r_006 },
  { "SE-R-007", se_giro },         { "SE-R-008", se_giro },         { "SE-R-009", se_giro },
  { "SE-R-010", se_giro },         { "SE-R-011", se_payment_code }, { "SE-R-012", se_payment_code },
  { "SE-R-013", se_legal },
};

DOKUS_VAL_FAMILY (dokus_val_family_national, "national", national_rules);

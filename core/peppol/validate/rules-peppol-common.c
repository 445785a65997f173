/* rules-peppol-common.c
 *
 * PEPPOL-COMMON-R*: the format and check digits of party identifiers by
 * ISO 6523 scheme, wherever the document uses that scheme (electronic
 * address, party identification, legal registration): GLN (0088),
 * Norwegian (0192), Danish (0184, 0096, 0198), Belgian enterprise number
 * (0208, mod 97), Italian IPA/CF/VAT (0201, 0210, 9907, 0211), Swedish
 * (0007, Luhn), Australian ABN (0151), Dutch KVK/OIN/VAT (0106, 0190,
 * 9944, 0217), and Dutch VAT identifiers in PartyTaxScheme. Conditions as
 * in Peppol BIS Billing 3.0.21.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dokus-validate-names-private.h"
#include "dokus-validate-util-private.h"

/* ---- check digit algorithms -------------------------------------------- */

/* GS1: weights 3,1,3,... from the digit left of the check digit. */
static bool
gln_ok (const char *s)
{
  size_t len = strlen (s);
  unsigned sum = 0;

  if (!dv_all_digits (s, 0))
    return false;
  for (size_t i = 0; i + 1 < len; i++)
    {
      unsigned d = (unsigned) (s[len - 2 - i] - '0');
      sum += d * ((i % 2 == 0) ? 3u : 1u);
    }
  return (10 - sum % 10) % 10 == (unsigned) (s[len - 1] - '0');
}

/* Norwegian organisation number: weights 2..7 repeating from the right,
 * check = (11 - sum mod 11) mod 11; the number must be above zero. */
static bool
mod11_ok (const char *s)
{
  size_t len = strlen (s);
  unsigned sum = 0;
  bool nonzero = false;

  for (size_t i = 0; i < len; i++)
    {
      if (s[i] < '0' || s[i] > '9')
        return false;
      nonzero = nonzero || s[i] != '0';
    }
  if (len == 0 || !nonzero)
    return false;
  for (size_t i = 0; i + 1 < len; i++)
    sum += (unsigned) (s[len - 2 - i] - '0') * (unsigned) (i % 6 + 2);
  return (11 - sum % 11) % 11 == (unsigned) (s[len - 1] - '0');
}

/* Belgian enterprise number (KBO/BCE): 97 - (first 8 digits mod 97) equals
 * the last two digits. */
static bool
be_enterprise_ok (const char *s)
{
  unsigned long first = 0;

  if (!dv_all_digits (s, 10))
    return false;
  for (int i = 0; i < 8; i++)
    first = first * 10 + (unsigned long) (s[i] - '0');
  return 97 - first % 97 == (unsigned long) ((s[8] - '0') * 10 + (s[9] - '0'));
}

/* Luhn over the first nine digits, the tenth is the check digit. */
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

/* Australian Business Number: weights 10,1,3,5,...,19 with 1 taken off
 * the first digit; the sum is a multiple of 89. */
static bool
abn_ok (const char *s)
{
  static const int w[11] = { 10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19 };
  int sum = 0;

  if (!dv_all_digits (s, 11))
    return false;
  for (int i = 0; i < 11; i++)
    sum += ((s[i] - '0') - (i == 0 ? 1 : 0)) * w[i];
  return sum % 89 == 0;
}

/* the first @n characters of @s are digits */
static bool
digits_n (const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return true;
}

static bool
is_letter (char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool
all_letters (const char *s, size_t from, size_t n)
{
  for (size_t i = from; i < from + n && s[i]; i++)
    if (!is_letter (s[i]))
      return false;
  return true;
}

static bool
castable_integer_part (const char *s, size_t from, size_t n)
{
  char buf[8];
  size_t len = strlen (s);

  if (from >= len || n >= sizeof buf)
    return false;
  if (from + n > len)
    n = len - from;
  memcpy (buf, s + from, n);
  buf[n] = '\0';
  return dv_castable_integer (buf);
}

/* Italian codice fiscale: 16 characters in the person pattern, or an
 * 11-digit number. */
static bool
codice_fiscale_ok (const char *s)
{
  size_t len = strlen (s);

  if (len == 11)
    return dv_castable_integer (s);
  if (len != 16)
    return false;
  return all_letters (s, 0, 6) && castable_integer_part (s, 6, 2) && all_letters (s, 8, 1)
         && castable_integer_part (s, 9, 2) && castable_integer_part (s, 14, 1)
         && all_letters (s, 15, 1);
}

/* IPA code: six letters, digits or spaces. */
static bool
codice_ipa_ok (const char *s)
{
  if (strlen (s) != 6)
    return false;
  for (const char *p = s; *p; p++)
    if (!is_letter (*p) && !(*p >= '0' && *p <= '9') && *p != ' ' && *p != '\n')
      return false;
  return true;
}

/* Partita IVA with its IT prefix: 11 digits, Luhn-like with the doubled
 * digits at even positions. Values without the IT prefix pass. */
static bool
partita_iva_ok (const char *s)
{
  static const char doubled[] = "0246813579";
  unsigned sum = 0;

  if (!((s[0] == 'I' && s[1] == 'T') || (s[0] == 'i' && s[1] == 't')))
    return true;
  s += 2;
  if (!dv_all_digits (s, 11))
    return false;
  for (int i = 0; i < 11; i++)
    sum += (i % 2 == 0) ? (unsigned) (s[i] - '0') : (unsigned) (doubled[s[i] - '0'] - '0');
  return sum % 10 == 0;
}

/* "DK" and 8 digits, as written (no trimming). */
static bool
dk_prefixed_ok (const char *raw)
{
  return strlen (raw) == 10 && raw[0] == 'D' && raw[1] == 'K' && dv_all_digits (raw + 2, 8);
}

static bool
cvr_ok (const char *raw)
{
  return dk_prefixed_ok (raw) || dv_all_digits (raw, 8);
}

static bool
dk_p_number_ok (const char *raw)
{
  return dv_all_digits (raw, 10);
}

static bool
no_orgnr_ok (const char *s)
{
  return dv_all_digits (s, 9) && mod11_ok (s);
}

static bool
se_ok (const char *s)
{
  return strlen (s) == 10 && dv_is_number (s) && se_orgnr_ok (s);
}

static bool
kvk_ok (const char *s)
{
  return dv_all_digits (s, 8);
}

static bool
oin_ok (const char *s)
{
  return dv_all_digits (s, 20);
}

static bool
kvk_establishment_ok (const char *s)
{
  return dv_all_digits (s, 12);
}

/* NL + 9 digits + B + 2 digits */
static bool
nl_vat_ok (const char *s)
{
  return strlen (s) == 14 && s[0] == 'N' && s[1] == 'L' && digits_n (s + 2, 9)
         && s[11] == 'B' && dv_all_digits (s + 12, 2);
}

/* ---- the rules ------------------------------------------------------------ */

typedef struct {
  const char *rule;
  const char *scheme;         /* @schemeID, compared exactly */
  bool        endpoint_only;  /* only cbc:EndpointID (R046) */
  bool        raw;            /* test string() as written, not normalize-space() */
  bool (*ok) (const char *value);
} SchemeRule;

static const SchemeRule scheme_rules[] = {
  { "PEPPOL-COMMON-R040", "0088", false, false, gln_ok },
  { "PEPPOL-COMMON-R041", "0192", false, false, no_orgnr_ok },
  { "PEPPOL-COMMON-R042", "0184", false, true, cvr_ok },
  { "PEPPOL-COMMON-R043", "0208", false, false, be_enterprise_ok },
  { "PEPPOL-COMMON-R044", "0201", false, false, codice_ipa_ok },
  { "PEPPOL-COMMON-R045", "0210", false, false, codice_fiscale_ok },
  { "PEPPOL-COMMON-R046", "9907", true, false, codice_fiscale_ok },
  { "PEPPOL-COMMON-R047", "0211", false, false, partita_iva_ok },
  { "PEPPOL-COMMON-R049", "0007", false, false, se_ok },
  { "PEPPOL-COMMON-R050", "0151", false, false, abn_ok },
  { "PEPPOL-COMMON-R052", "0096", false, true, dk_p_number_ok },
  { "PEPPOL-COMMON-R053", "0198", false, true, dk_prefixed_ok },
  { "PEPPOL-COMMON-R054", "0106", false, false, kvk_ok },
  { "PEPPOL-COMMON-R055", "0190", false, false, oin_ok },
  { "PEPPOL-COMMON-R056-1", "9944", false, false, nl_vat_ok },
  { "PEPPOL-COMMON-R057", "0217", false, false, kvk_establishment_ok },
};

/* Is @n an identifier the scheme rules look at: cbc:EndpointID,
 * cac:PartyIdentification/cbc:ID or cbc:CompanyID? */
static bool
is_party_identifier (const xmlNode *n, bool endpoint_only)
{
  if (dokus_val_is (n, "cbc:EndpointID"))
    return true;
  if (endpoint_only)
    return false;
  return dokus_val_is (n, "cbc:CompanyID")
         || (dokus_val_is (n, "cbc:ID") && dokus_val_is (dv_parent (n), "cac:PartyIdentification"));
}

static bool
is_nl_vat_identifier (DokusValCtx *v, const xmlNode *n)
{
  const xmlNode *pts = dv_parent (n);
  if (!dokus_val_is (n, "cbc:CompanyID") || !dokus_val_is (pts, "cac:PartyTaxScheme"))
    return false;
  return dv_strcmp0 (dokus_val_norm_at (v, pts, "cac:TaxScheme/cbc:ID"), "VAT") == 0;
}

#define N_SCHEME_RULES (sizeof scheme_rules / sizeof scheme_rules[0])

static const char *const common_group_rules[] = {
  "PEPPOL-COMMON-R040", "PEPPOL-COMMON-R041", "PEPPOL-COMMON-R042", "PEPPOL-COMMON-R043",
  "PEPPOL-COMMON-R044", "PEPPOL-COMMON-R045", "PEPPOL-COMMON-R046", "PEPPOL-COMMON-R047",
  "PEPPOL-COMMON-R049", "PEPPOL-COMMON-R050", "PEPPOL-COMMON-R052", "PEPPOL-COMMON-R053",
  "PEPPOL-COMMON-R054", "PEPPOL-COMMON-R055", "PEPPOL-COMMON-R056-1", "PEPPOL-COMMON-R057",
  "PEPPOL-COMMON-R056-2",
};

/* 1 for the local names visit_identifier looks at (is_party_identifier()
 * and is_nl_vat_identifier()), else 0 */
static uint32_t
identifier_wants (const char *local)
{
  static const char *const names[] = { "EndpointID", "CompanyID", "ID", NULL };
  return dv_name_in (local, names) ? 1 : 0;
}

static DvNameMap identifier_names = { .wants = identifier_wants };

/* one walk for every scheme rule (indexes as scheme_rules) and R056-2 (last) */
static void
visit_identifier (DokusValCtx *v, const xmlNode *n, DvGroupState *s)
{
  const char *scheme;
  /* most elements are no identifier: one look-up by name */
  if (dv_name_map_get (&identifier_names, n) == 0)
    return;
  if (is_nl_vat_identifier (v, n))
    {
      const char *id = dokus_val_norm (v, n);
      if (id != NULL && strncmp (id, "NL", 2) == 0 && !nl_vat_ok (id))
        dv_group_hit (v, s, N_SCHEME_RULES, n);
    }
  if (!is_party_identifier (n, false) || (scheme = dokus_val_attr (v, n, "schemeID")) == NULL)
    return;
  for (unsigned i = 0; i < N_SCHEME_RULES; i++)
    {
      const SchemeRule *r = &scheme_rules[i];
      if (strcmp (scheme, r->scheme) != 0 || (r->endpoint_only && !dokus_val_is (n, "cbc:EndpointID")))
        continue;
      const char *value = r->raw ? dokus_val_text (v, n) : dokus_val_norm (v, n);
      if (value != NULL && !r->ok (value))
        dv_group_hit (v, s, i, n);
    }
}

DV_GROUP_STATE (common_state);

const DvGroup dv_group_peppol_common = {
  common_group_rules, sizeof common_group_rules / sizeof common_group_rules[0], visit_identifier, common_state,
};

static void
check_scheme_format (DokusValCtx *v, const char *rule)
{
  dv_group_check (v, rule, &dv_group_peppol_common);
}

static const DokusValRule common_rules[] = {
  { "PEPPOL-COMMON-R040", check_scheme_format },   { "PEPPOL-COMMON-R041", check_scheme_format },
  { "PEPPOL-COMMON-R042", check_scheme_format },   { "PEPPOL-COMMON-R043", check_scheme_format },
  { "PEPPOL-COMMON-R044", check_scheme_format },   { "PEPPOL-COMMON-R045", check_scheme_format },
  { "PEPPOL-COMMON-R046", check_scheme_format },   { "PEPPOL-COMMON-R047", check_scheme_format },
  { "PEPPOL-COMMON-R049", check_scheme_format },   { "PEPPOL-COMMON-R050", check_scheme_format },
  { "PEPPOL-COMMON-R052", check_scheme_format },   { "PEPPOL-COMMON-R053", check_scheme_format },
  { "PEPPOL-COMMON-R054", check_scheme_format },   { "PEPPOL-COMMON-R055", check_scheme_format },
  { "PEPPOL-COMMON-R056-1", check_scheme_format }, { "PEPPOL-COMMON-R057", check_scheme_format },
  { "PEPPOL-COMMON-R056-2", check_scheme_format }, /* last: the end of the group */
};

DOKUS_VAL_FAMILY (dokus_val_family_peppol_common, "PEPPOL-COMMON", common_rules);

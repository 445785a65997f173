/* dokus-ident.c
 *
 * Parsing and checking of identifiers: Belgian enterprise numbers, EU VAT
 * numbers, IBAN, BIC, Belgian structured communications and Peppol
 * participant ids. Check-digit rules are cited where they are applied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dokus/dokus-ident.h"

/* the longest text any of these compacts before deciding it is too long */
#define COMPACT_MAX 40

static bool
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static bool
is_upper (char c)
{
  return c >= 'A' && c <= 'Z';
}

static char
to_upper (char c)
{
  return c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c;
}

static bool
all_digits (const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (!is_digit (s[i]))
      return false;
  return true;
}

/* the value of the @n digits at @s (all digits, n <= 18) */
static uint64_t
digits_value (const char *s, size_t n)
{
  uint64_t v = 0;

  for (size_t i = 0; i < n; i++)
    v = v * 10 + (uint64_t) (s[i] - '0');
  return v;
}

/* Copies @text into @buf upper-cased, without the characters in @drop.
 * false if it does not fit in COMPACT_MAX characters. */
static bool
compact (const char *text, const char *drop, char buf[COMPACT_MAX + 1])
{
  size_t n = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr (drop, *p) != NULL)
        continue;
      if (n == COMPACT_MAX)
        return false;
      buf[n++] = to_upper (*p);
    }
  buf[n] = '\0';
  return true;
}

/* ISO 7064 MOD 97-10 remainder of @s, letters counting as 10..35 (A..Z),
 * as in ISO 13616 (IBAN) and the Dutch sole-trader VAT number */
static unsigned
mod97 (const char *s, size_t n)
{
  unsigned r = 0;

  for (size_t i = 0; i < n; i++)
    {
      if (is_digit (s[i]))
        r = (r * 10 + (unsigned) (s[i] - '0')) % 97;
      else
        r = (r * 100 + (unsigned) (s[i] - 'A' + 10)) % 97;
    }
  return r;
}

/* ---- enterprise number ---- */

/* @digits: the compacted text without "BE"; @what names the identifier */
static DokusStatus
check_enterprise (const char *digits, const char *what, const char *field,
                  char out[DOKUS_ENTERPRISE_TEXT], DokusError *err)
{
  size_t len = strlen (digits);
  char number[DOKUS_ENTERPRISE_TEXT];

  if ((len != 9 && len != 10) || !all_digits (digits, len))
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%s' is not a %s: expected 10 digits starting with 0 or 1 "
                            "(e.g. 0417.497.106)",
                            digits, what);
  /* the 9-digit numbers from before 2005 get a leading 0 */
  number[0] = '0';
  memcpy (number + 10 - len, digits, len + 1);
  if (number[0] != '0' && number[0] != '1')
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%s' is not a %s: it must start with 0 or 1", number, what);
  if (97 - digits_value (number, 8) % 97 != digits_value (number + 8, 2))
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%s' is not a valid %s: the check digits (last two) do not match "
                            "the first eight; a digit is probably mistyped",
                            number, what);
  memcpy (out, number, DOKUS_ENTERPRISE_TEXT);
  return DOKUS_OK;
}

DokusStatus
dokus_enterprise_number_normalize (const char *text, const char *field,
                                   char out[DOKUS_ENTERPRISE_TEXT], DokusError *err)
{
  char buf[COMPACT_MAX + 1];
  const char *digits;

  assert (out != NULL);
  out[0] = '\0';
  if (text == NULL || !compact (text, " .", buf) || buf[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "expected an enterprise number: 10 digits (e.g. 0417.497.106)");
  digits = strncmp (buf, "BE", 2) == 0 ? buf + 2 : buf;
  return check_enterprise (digits, "enterprise number", field, out, err);
}

char *
dokus_enterprise_number_format (const char *number, char out[DOKUS_ENTERPRISE_DISPLAY_TEXT])
{
  assert (number != NULL && out != NULL);
  assert (strlen (number) == 10 && all_digits (number, 10));
  snprintf (out, DOKUS_ENTERPRISE_DISPLAY_TEXT, "%.4s.%.3s.%.3s", number, number + 4, number + 7);
  return out;
}

/* ---- VAT numbers ---- */

/* Formats of the national part, from the EU Commission's VIES FAQ ("VAT
 * number structure", ec.europa.eu/taxation_customs/vies, table "Member
 * State / Structure / Format"). Pattern letters: 9 a digit, L a letter,
 * ? a letter or digit, * a letter, digit, '+' or '*'; anything else is
 * itself. Alternatives are separated by '|'. BE is checked separately. */
typedef struct {
  char        cc[3];
  const char *adjective;
  const char *patterns;
  const char *expected;
} VatFormat;

static const VatFormat vat_formats[] = {
  { "AT", "an Austrian", "U99999999", "ATU and 8 digits" },
  { "BG", "a Bulgarian", "999999999|9999999999", "BG and 9 or 10 digits" },
  { "CY", "a Cypriot", "99999999L", "CY, 8 digits and a letter" },
  { "CZ", "a Czech", "99999999|999999999|9999999999", "CZ and 8, 9 or 10 digits" },
  { "DE", "a German", "999999999", "DE and 9 digits" },
  { "DK", "a Danish", "99999999", "DK and 8 digits" },
  { "EE", "an Estonian", "999999999", "EE and 9 digits" },
  { "EL", "a Greek", "999999999", "EL and 9 digits" },
  { "ES", "a Spanish", "?9999999?",
    "ES and 9 characters: a letter or digit, 7 digits, a letter or digit, not both digits" },
  { "FI", "a Finnish", "99999999", "FI and 8 digits" },
  { "FR", "a French", "??999999999", "FR, a 2-character key and the 9-digit SIREN" },
  { "HR", "a Croatian", "99999999999", "HR and 11 digits" },
  { "HU", "a Hungarian", "99999999", "HU and 8 digits" },
  { "IE", "an Irish", "9*99999L|9999999L|9999999LL",
    "IE and 8 or 9 characters (e.g. IE1234567T, IE1234567WA, IE1A23456T)" },
  { "IT", "an Italian", "99999999999", "IT and 11 digits" },
  { "LT", "a Lithuanian", "999999999|999999999999", "LT and 9 or 12 digits" },
  { "LU", "a Luxembourg", "99999999", "LU and 8 digits" },
  { "LV", "a Latvian", "99999999999", "LV and 11 digits" },
  { "MT", "a Maltese", "99999999", "MT and 8 digits" },
  { "NL", "a Dutch", "999999999B99", "NL, 9 digits, B and 2 digits" },
  { "PL", "a Polish", "9999999999", "PL and 10 digits" },
  { "PT", "a Portuguese", "999999999", "PT and 9 digits" },
  { "RO", "a Romanian",
    "99|999|9999|99999|999999|9999999|99999999|999999999|9999999999", "RO and 2 to 10 digits" },
  { "SE", "a Swedish", "999999999999", "SE and 12 digits" },
  { "SI", "a Slovenian", "99999999", "SI and 8 digits" },
  { "SK", "a Slovak", "9999999999", "SK and 10 digits" },
  { "XI", "a Northern Ireland", "999999999|999999999999|GD999|HA999",
    "XI and 9 or 12 digits, or XIGD or XIHA and 3 digits" },
};

static const VatFormat *
find_vat_format (const char cc[2])
{
  for (size_t i = 0; i < sizeof vat_formats / sizeof vat_formats[0]; i++)
    if (vat_formats[i].cc[0] == cc[0] && vat_formats[i].cc[1] == cc[1])
      return &vat_formats[i];
  return NULL;
}

static bool
matches_one (const char *s, const char *pattern, size_t plen)
{
  if (strlen (s) != plen)
    return false;
  for (size_t i = 0; i < plen; i++)
    {
      char c = s[i];
      bool ok;
      switch (pattern[i])
        {
        case '9': ok = is_digit (c); break;
        case 'L': ok = is_upper (c); break;
        case '?': ok = is_digit (c) || is_upper (c); break;
        case '*': ok = is_digit (c) || is_upper (c) || c == '+' || c == '*'; break;
        default: ok = c == pattern[i]; break;
        }
      if (!ok)
        return false;
    }
  return true;
}

static bool
matches_patterns (const char *s, const char *patterns)
{
  for (const char *p = patterns;;)
    {
      const char *bar = strchr (p, '|');
      size_t plen = bar ? (size_t) (bar - p) : strlen (p);
      if (matches_one (s, p, plen))
        return true;
      if (bar == NULL)
        return false;
      p = bar + 1;
    }
}

/* Dutch "elfproef": 9..2 times the first eight digits, minus the ninth, is
 * a multiple of 11 (the Belastingdienst's omzetbelastingnummer rule) */
static bool
nl_mod11_ok (const char *nine)
{
  int sum = -(nine[8] - '0');

  for (int i = 0; i < 8; i++)
    sum += (9 - i) * (nine[i] - '0');
  return sum % 11 == 0;
}

/* ISO 7064 MOD 11,10 on the first 8 digits gives the 9th (Bundeszentralamt
 * für Steuern, USt-IdNr.) */
static bool
de_mod11_10_ok (const char *nine)
{
  int product = 10, check;

  for (int i = 0; i < 8; i++)
    {
      int sum = (nine[i] - '0' + product) % 10;
      if (sum == 0)
        sum = 10;
      product = (2 * sum) % 11;
    }
  check = 11 - product;
  if (check == 10)
    check = 0;
  return check == nine[8] - '0';
}

/* Check digits of the national part @rest of @cc; true where there are none. */
static bool
vat_check_digits_ok (const char cc[2], const char *rest, const char *whole)
{
  if (memcmp (cc, "NL", 2) == 0)
    /* since 2020 sole traders' numbers only pass MOD 97-10 on the whole text */
    return nl_mod11_ok (rest) || mod97 (whole, strlen (whole)) == 1;
  if (memcmp (cc, "FR", 2) == 0)
    {
      /* numeric key = (12 + 3 × (SIREN mod 97)) mod 97; letter keys: no public rule */
      if (!all_digits (rest, 2))
        return true;
      return digits_value (rest, 2) == (12 + 3 * (digits_value (rest + 2, 9) % 97)) % 97;
    }
  if (memcmp (cc, "DE", 2) == 0)
    return de_mod11_10_ok (rest);
  if (memcmp (cc, "LU", 2) == 0)
    return digits_value (rest, 6) % 89 == digits_value (rest + 6, 2);
  return true;
}

DokusStatus
dokus_vat_number_normalize (const char *text, const char *field, char out[DOKUS_VAT_TEXT],
                            DokusError *err)
{
  char buf[COMPACT_MAX + 1], cc[3];
  const VatFormat *format;
  DokusStatus st;

  assert (out != NULL);
  out[0] = '\0';
  if (text == NULL || !compact (text, " .-", buf) || buf[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "expected a VAT number with its country code (e.g. BE0417497106)");
  if (!is_upper (buf[0]) || !is_upper (buf[1]))
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%s' has no country code: a VAT number starts with one "
                            "(e.g. BE0417497106)",
                            buf);
  if (buf[0] == 'G' && buf[1] == 'R')
    {
      /* Greece's VAT prefix is EL, not its ISO code */
      buf[0] = 'E';
      buf[1] = 'L';
    }
  snprintf (cc, sizeof cc, "%.2s", buf);
  if (!dokus_vat_country_is_eu (cc))
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%s' is not an EU VAT number: %s is not the VAT prefix of an EU "
                            "member state (Greece is EL, Northern Ireland XI)",
                            buf, cc);
  if (strcmp (cc, "BE") == 0)
    {
      char number[DOKUS_ENTERPRISE_TEXT];
      st = check_enterprise (buf + 2, "Belgian VAT number", field, number, err);
      if (st == DOKUS_OK)
        dokus_vat_number_for_enterprise (number, out);
      return st;
    }
  format = find_vat_format (cc);
  assert (format != NULL);
  if (!matches_patterns (buf + 2, format->patterns)
      /* VIES's note on ES: the first and last characters are not both digits */
      || (strcmp (cc, "ES") == 0 && is_digit (buf[2]) && is_digit (buf[10])))
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%s' is not %s VAT number: expected %s", buf, format->adjective,
                            format->expected);
  if (!vat_check_digits_ok (cc, buf + 2, buf))
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%s' is not a valid VAT number: its check digits do not match; "
                            "a character is probably mistyped",
                            buf);
  assert (strlen (buf) < DOKUS_VAT_TEXT);
  memcpy (out, buf, strlen (buf) + 1);
  return DOKUS_OK;
}

bool
dokus_vat_country_is_eu (const char cc[2])
{
  assert (cc != NULL);
  if ((cc[0] == 'B' && cc[1] == 'E') || (cc[0] == 'G' && cc[1] == 'R'))
    return true;
  return find_vat_format (cc) != NULL;
}

char *
dokus_vat_number_country (const char *vat, char out[3])
{
  assert (vat != NULL && out != NULL);
  assert (is_upper (vat[0]) && is_upper (vat[1]));
  out[0] = vat[0];
  out[1] = vat[1];
  out[2] = '\0';
  return out;
}

char *
dokus_vat_country_to_iso (const char cc[2], char out[3])
{
  assert (cc != NULL && out != NULL);
  if (cc[0] == 'E' && cc[1] == 'L')
    return memcpy (out, "GR", 3);
  if (cc[0] == 'X' && cc[1] == 'I')
    return memcpy (out, "GB", 3);
  out[0] = cc[0];
  out[1] = cc[1];
  out[2] = '\0';
  return out;
}

char *
dokus_vat_number_for_enterprise (const char *number, char out[DOKUS_VAT_TEXT])
{
  assert (number != NULL && out != NULL);
  assert (strlen (number) == 10 && all_digits (number, 10));
  snprintf (out, DOKUS_VAT_TEXT, "BE%s", number);
  return out;
}

/* ---- IBAN and BIC ---- */

/* IBAN lengths of the countries in SEPA's geographical scope (EPC list,
 * with Albania, Moldova, Montenegro, North Macedonia and Serbia, which
 * joined in 2024-2025), from SWIFT's IBAN registry. Territories such as
 * Åland or the French overseas departments use FI and FR IBANs. */
static const struct {
  char cc[3];
  int  length;
} iban_lengths[] = {
  { "AD", 24 }, { "AL", 28 }, { "AT", 20 }, { "BE", 16 }, { "BG", 22 }, { "CH", 21 },
  { "CY", 28 }, { "CZ", 24 }, { "DE", 22 }, { "DK", 18 }, { "EE", 20 }, { "ES", 24 },
  { "FI", 18 }, { "FR", 27 }, { "GB", 22 }, { "GI", 23 }, { "GR", 27 }, { "HR", 21 },
  { "HU", 28 }, { "IE", 22 }, { "IS", 26 }, { "IT", 27 }, { "LI", 21 }, { "LT", 20 },
  { "LU", 20 }, { "LV", 21 }, { "MC", 27 }, { "MD", 24 }, { "ME", 22 }, { "MK", 19 },
  { "MT", 31 }, { "NL", 18 }, { "NO", 15 }, { "PL", 28 }, { "PT", 25 }, { "RO", 24 },
  { "RS", 22 }, { "SE", 24 }, { "SI", 19 }, { "SK", 24 }, { "SM", 27 }, { "VA", 22 },
};

static int
iban_length (const char *cc)
{
  for (size_t i = 0; i < sizeof iban_lengths / sizeof iban_lengths[0]; i++)
    if (memcmp (iban_lengths[i].cc, cc, 2) == 0)
      return iban_lengths[i].length;
  return 0;
}

DokusStatus
dokus_iban_normalize (const char *text, const char *field, char out[DOKUS_IBAN_TEXT],
                      DokusError *err)
{
  char buf[COMPACT_MAX + 1], rearranged[COMPACT_MAX + 1];
  size_t len;
  int expected;

  assert (out != NULL);
  out[0] = '\0';
  if (text == NULL || !compact (text, " ", buf) || buf[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "expected an IBAN of at most 34 letters and digits "
                            "(e.g. BE68 5390 0754 7034)");
  len = strlen (buf);
  for (size_t i = 0; i < len; i++)
    if (!is_digit (buf[i]) && !is_upper (buf[i]))
      return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                              "'%s' is not an IBAN: it may only hold letters and digits", buf);
  if (len < 5 || !is_upper (buf[0]) || !is_upper (buf[1]) || !all_digits (buf + 2, 2))
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%s' is not an IBAN: expected a country code, 2 check digits "
                            "and the account (e.g. BE68 5390 0754 7034)",
                            buf);
  expected = iban_length (buf);
  if (expected == 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%s': %.2s is not a SEPA country; only IBANs of SEPA countries "
                            "are accepted",
                            buf, buf);
  if ((int) len != expected)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%s' is not an IBAN: one from %.2s has %d characters, not %u", buf,
                            buf, expected, (unsigned) len);
  /* ISO 13616: the first four characters move to the end; the check
   * digits 00, 01 and 99 are never issued */
  snprintf (rearranged, sizeof rearranged, "%s%.4s", buf + 4, buf);
  if (digits_value (buf + 2, 2) < 2 || digits_value (buf + 2, 2) > 98
      || mod97 (rearranged, len) != 1)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%s' is not a valid IBAN: its check digits do not match; "
                            "a character is probably mistyped",
                            buf);
  if (memcmp (buf, "BE", 2) == 0)
    {
      /* a Belgian account: 3-digit bank, 7-digit account, then first ten mod 97 (0 -> 97) */
      uint64_t check = all_digits (buf + 4, 12) ? digits_value (buf + 4, 10) % 97 : 0;
      if (!all_digits (buf + 4, 12) || (check == 0 ? 97 : check) != digits_value (buf + 14, 2))
        return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                "'%s' is not a valid Belgian IBAN: the account number's check "
                                "digits do not match",
                                buf);
    }
  memcpy (out, buf, len + 1);
  return DOKUS_OK;
}

char *
dokus_iban_format (const char *iban, char out[DOKUS_IBAN_DISPLAY_TEXT])
{
  size_t n = 0, len;

  assert (iban != NULL && out != NULL);
  len = strlen (iban);
  assert (len < DOKUS_IBAN_TEXT);
  for (size_t i = 0; i < len; i++)
    {
      if (i > 0 && i % 4 == 0)
        out[n++] = ' ';
      out[n++] = iban[i];
    }
  out[n] = '\0';
  return out;
}

DokusStatus
dokus_bic_normalize (const char *text, const char *field, char out[DOKUS_BIC_TEXT],
                     DokusError *err)
{
  char buf[COMPACT_MAX + 1];
  size_t len = 0;
  bool ok;

  assert (out != NULL);
  out[0] = '\0';
  ok = text != NULL && compact (text, " ", buf);
  if (ok)
    {
      len = strlen (buf);
      ok = (len == 8 || len == 11);
      for (size_t i = 0; ok && i < len; i++)
        ok = i < 6 ? is_upper (buf[i]) : is_upper (buf[i]) || is_digit (buf[i]);
    }
  if (!ok)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%.40s' is not a BIC: expected 8 or 11 characters, 4 letters for "
                            "the bank, 2 for the country, then 2 or 5 letters or digits "
                            "(e.g. GEBABEBB)",
                            text ? text : "");
  memcpy (out, buf, len + 1);
  return DOKUS_OK;
}

/* ---- structured communication ---- */

char *
dokus_ogm_from_base (uint64_t base, char out[DOKUS_OGM_TEXT])
{
  char d[13];
  unsigned check;

  assert (out != NULL);
  assert (base < UINT64_C (10000000000));
  check = (unsigned) (base % 97);
  snprintf (d, sizeof d, "%010llu%02u", (unsigned long long) base, check == 0 ? 97 : check);
  snprintf (out, DOKUS_OGM_TEXT, "+++%.3s/%.4s/%.5s+++", d, d + 3, d + 7);
  return out;
}

DokusStatus
dokus_ogm_parse (const char *text, const char *field, char out[DOKUS_OGM_TEXT], DokusError *err)
{
  char digits[13];
  size_t len, start = 0, end, n = 0;
  uint64_t base, check;

  assert (out != NULL);
  out[0] = '\0';
  if (text == NULL)
    goto malformed;
  len = end = strlen (text);
  if (len >= 6 && (strncmp (text, "+++", 3) == 0 || strncmp (text, "***", 3) == 0))
    {
      if (strncmp (text + len - 3, text, 3) != 0)
        goto malformed;
      start = 3;
      end = len - 3;
    }
  for (size_t i = start; i < end; i++)
    {
      if (text[i] == ' ' || text[i] == '/')
        continue;
      if (!is_digit (text[i]) || n == 12)
        goto malformed;
      digits[n++] = text[i];
    }
  if (n != 12)
    goto malformed;
  base = digits_value (digits, 10);
  check = base % 97 == 0 ? 97 : base % 97;
  if (check != digits_value (digits + 10, 2))
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%.40s' is not a valid structured communication: the last two "
                            "digits do not match the first ten; a digit is probably mistyped",
                            text);
  dokus_ogm_from_base (base, out);
  return DOKUS_OK;

malformed:
  return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                          "'%.40s' is not a structured communication: expected 12 digits "
                          "as +++123/4567/89012+++",
                          text ? text : "");
}

/* ---- Peppol participant ids ---- */

/* dokus_eas_known() and the EAS code list it searches live in dokus-eas.c,
 * shared with the UBL validator (BR-CL-25). */

static bool
has_prefix_nocase (const char *s, const char *prefix)
{
  for (; *prefix != '\0'; s++, prefix++)
    if (to_upper (*s) != to_upper (*prefix))
      return false;
  return true;
}

DokusStatus
dokus_peppol_id_parse (const char *text, const char *field, DokusPeppolId *out, DokusError *err)
{
  static const char upis[] = "iso6523-actorid-upis::";
  const char *p = text, *value;
  size_t len;
  DokusStatus st = DOKUS_OK;

  assert (out != NULL);
  memset (out, 0, sizeof *out);
  if (text == NULL)
    goto malformed;
  if (has_prefix_nocase (p, upis))
    p += sizeof upis - 1;
  if (!all_digits (p, 4) || p[4] != ':')
    goto malformed;
  value = p + 5;
  len = strlen (value);
  if (len == 0 || len > DOKUS_PEPPOL_VALUE_MAX)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%.60s': a Peppol participant id's value has 1 to %d characters",
                            text, DOKUS_PEPPOL_VALUE_MAX);
  for (size_t i = 0; i < len; i++)
    if (value[i] <= ' ' || value[i] > '~')
      return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                              "'%.60s': a Peppol participant id's value has no spaces and only "
                              "printable ASCII characters",
                              text);
  memcpy (out->scheme, p, 4);
  if (!dokus_eas_known (out->scheme))
    st = dokus_error_set (err, DOKUS_ERR_INVALID, field,
                          "%s: scheme %s is not a Peppol electronic address scheme (EAS); "
                          "Belgian companies use 0208:<enterprise number> "
                          "(or 9925:<BE VAT number>)",
                          field ? field : "peppol_id", out->scheme);
  else if (memcmp (p, "0208", 4) == 0)
    st = dokus_enterprise_number_normalize (value, field, out->value, err);
  else if (memcmp (p, "9925", 4) == 0)
    {
      char vat[DOKUS_VAT_TEXT];
      st = dokus_vat_number_normalize (value, field, vat, err);
      if (st == DOKUS_OK && memcmp (vat, "BE", 2) != 0)
        st = dokus_error_set (err, DOKUS_ERR_INVALID, field,
                              "'%.60s': scheme 9925 is for Belgian VAT numbers "
                              "(e.g. 9925:BE0417497106)",
                              text);
      if (st == DOKUS_OK)
        memcpy (out->value, vat, sizeof vat);
    }
  else
    memcpy (out->value, value, len + 1);
  if (st != DOKUS_OK)
    memset (out, 0, sizeof *out);
  return st;

malformed:
  return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                          "'%.60s' is not a Peppol participant id: expected a 4-digit scheme, "
                          "':' and the identifier (e.g. 0208:0417497106)",
                          text ? text : "");
}

char *
dokus_peppol_id_format (const DokusPeppolId *id, char out[DOKUS_PEPPOL_ID_TEXT])
{
  assert (id != NULL && out != NULL);
  snprintf (out, DOKUS_PEPPOL_ID_TEXT, "%.4s:%s", id->scheme, id->value);
  return out;
}

DokusStatus
dokus_tax_number_normalize (const char *text, const char *country, const char *field,
                            char out[DOKUS_VAT_TEXT], DokusError *err)
{
  char buf[COMPACT_MAX + 1], cc[3], iso[3];
  size_t n;
  DokusStatus st;

  assert (country != NULL && out != NULL);
  out[0] = '\0';
  if (text == NULL || !compact (text, " .-/", buf) || buf[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, field, "expected a VAT or tax number");
  snprintf (cc, sizeof cc, "%.2s", buf);
  if (dokus_vat_country_is_eu (country) || dokus_vat_country_is_eu (cc))
    {
      st = dokus_vat_number_normalize (text, field, out, err);
      if (st != DOKUS_OK)
        return st;
      dokus_vat_country_to_iso (dokus_vat_number_country (out, cc), iso);
      if (strcmp (iso, country) != 0)
        {
          DokusStatus bad = dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                             "the VAT number %s is from %s but the country is %s",
                                             out, iso, country);
          out[0] = '\0';
          return bad;
        }
      return DOKUS_OK;
    }
  for (const char *p = buf; *p; p++)
    if (!is_upper (*p) && !(*p >= '0' && *p <= '9'))
      return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                              "'%s' is not a tax number: letters and digits only", text);
  /* with the country in front: 4 to 23 characters */
  n = strlen (buf) + (strncmp (buf, country, 2) == 0 ? 0 : 2);
  if (n < 4 || n >= DOKUS_VAT_TEXT)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%s' is not a tax number: 2 to 21 letters and digits after the "
                            "country code",
                            text);
  out[0] = '\0';
  if (strncmp (buf, country, 2) != 0)
    memcpy (out, country, 3);
  memcpy (out + strlen (out), buf, strlen (buf) + 1); /* fits: n < DOKUS_VAT_TEXT */
  return DOKUS_OK;
}

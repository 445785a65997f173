/* dokus-ubl-writer.c
 *
 * The UBL 2.1 writer of Peppol BIS Billing 3.0: an issued invoice (380) or
 * credit note (381) as it was frozen at issue (dokus_frozen_doc_load(),
 * the structures behind the JSON dokus_document_show() gives), so that
 * what was frozen at issue is what is sent. Its queries are prepared once
 * per open book (dokus-stmt-cache.c). Elements follow the order of
 * the UBL 2.1 schemas and of the BIS examples; nothing depends on the
 * clock, so the bytes are the same at every export, which the SHA-256
 * stored in document_exports (per writer version; over every byte but the
 * embedded PDF's, which follow the machine's fonts) checks. The PDF of the
 * document, in its language, is embedded (BT-125), drawn once and kept in
 * the book (document_renderings). The XML is written straight into one
 * buffer (dokus-xml-out.c, the bytes libxml2's serialiser gave), the PDF's
 * base64 encoded into its place. Every document produced passes the
 * native Peppol validator before anything is stored or handed out; the
 * first export by a writer version is recorded in the audit trail.
 * Choices: docs/peppol.md, "Writer".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sodium.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif

#include "../render/dokus-pdf-private.h"
#include "dokus-audit-private.h"
#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-sha256-private.h"
#include "dokus-stmt-cache-private.h"
#include "dokus-ubl-check-private.h"
#include "dokus-xml-out-private.h"
#include "dokus/dokus-ubl.h"

#define NS_CAC "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
#define NS_CBC "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
#define NS_INVOICE "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
#define NS_CREDIT_NOTE "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
#define CUSTOMIZATION_ID \
  "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
#define PROFILE_ID "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
#define ITEM_NAME_MAX 100 /* characters of the description in Item/Name */
#define SHA256_HEX (crypto_hash_sha256_BYTES * 2 + 1)
/* 1: up to 0.1 (hash in documents.ubl_sha256); 2: the PDF embedded, credit
 * notes' payment means, the buyer's address required (document_exports) */
#define WRITER_VERSION 2

typedef struct {
  DokusXmlOut out;
  size_t      pdf_at, pdf_len; /* where the PDF's base64 is in out */
} Writer;

/* The string member @key of @o, or NULL when absent, null or "". */
static const char *
get_str (const cJSON *o, const char *key)
{
  const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive (o, key) : NULL;
  return cJSON_IsString (v) && v->valuestring[0] != '\0' ? v->valuestring : NULL;
}

/* @s, or NULL when it is NULL or "" (what the JSON's absent, null or ""
 * member was to get_str()). */
static const char *
nz (const char *s)
{
  return s != NULL && s[0] != '\0' ? s : NULL;
}

/* Opens a cac element; end() closes it. */
static void
start_cac (Writer *w, const char *name)
{
  dokus_xml_out_start (&w->out, "cac", name);
}

static void
end (Writer *w)
{
  dokus_xml_out_end (&w->out);
}

/* A cbc element with @text escaped and, when @attr_value is not NULL, the
 * attribute @attr; nothing when @text is NULL. */
static void
add_cbc_attr (Writer *w, const char *name, const char *text, const char *attr,
              const char *attr_value)
{
  if (text == NULL)
    return;
  dokus_xml_out_start (&w->out, "cbc", name);
  if (attr_value != NULL)
    dokus_xml_out_attr (&w->out, attr, attr_value);
  dokus_xml_out_text (&w->out, text);
  dokus_xml_out_end (&w->out);
}

/* A cbc element with @text escaped; nothing when @text is NULL. */
static void
add_cbc (Writer *w, const char *name, const char *text)
{
  add_cbc_attr (w, name, text, NULL, NULL);
}

static void
add_amount (Writer *w, const char *name, const char *amount)
{
  add_cbc_attr (w, name, amount ? amount : "0.00", "currencyID", "EUR");
}

static void
add_with_scheme (Writer *w, const char *name, const char *scheme, const char *value)
{
  add_cbc_attr (w, name, value, "schemeID", scheme);
}

/* cac @name holding cbc @child with @text (even NULL: then empty). */
static void
add_cac_cbc (Writer *w, const char *name, const char *child, const char *text)
{
  start_cac (w, name);
  add_cbc (w, child, text);
  end (w);
}

/* TaxCategory or ClassifiedTaxCategory: ID, Percent (not for O, which
 * has no rate: BR-O-05), the exemption reason, TaxScheme VAT. */
static void
add_tax_category (Writer *w, const char *element, const char *category, const char *rate,
                  const char *reason_code, const char *reason_text)
{
  start_cac (w, element);
  add_cbc (w, "ID", category ? category : "S");
  if (category == NULL || strcmp (category, "O") != 0)
    add_cbc (w, "Percent", rate ? rate : "0");
  add_cbc (w, "TaxExemptionReasonCode", reason_code);
  add_cbc (w, "TaxExemptionReason", reason_text);
  add_cac_cbc (w, "TaxScheme", "ID", "VAT");
  end (w);
}

/* The EAS code of a VAT number's country (the "99xx" VAT schemes), or NULL. */
static const char *
find_vat_scheme (const char *vat_number)
{
  static const char *const table[][2] = {
    { "AT", "9914" }, { "BE", "9925" }, { "BG", "9926" }, { "CY", "9928" }, { "CZ", "9929" },
    { "DE", "9930" }, { "EE", "9931" }, { "EL", "9933" }, { "ES", "9920" }, { "FR", "9957" },
    { "HR", "9934" }, { "HU", "9910" }, { "IE", "9935" }, { "LT", "9937" }, { "LU", "9938" },
    { "LV", "9939" }, { "MT", "9943" }, { "NL", "9944" }, { "PL", "9945" }, { "PT", "9946" },
    { "RO", "9947" }, { "SI", "9949" }, { "SK", "9950" },
  };
  if (vat_number == NULL || strlen (vat_number) < 3)
    return NULL;
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    if (strncmp (vat_number, table[i][0], 2) == 0)
      return table[i][1];
  return NULL;
}

/* The party's electronic address (BT-34/BT-49): its Peppol id
 * "SCHEME:VALUE"; else its VAT number under its country's VAT scheme; else
 * its enterprise number (0208). false when it has none of these: an
 * e-mail address ("EM") is no longer one Peppol takes (BIS 3.0.21,
 * PEPPOL-EN16931-CL008). */
static bool
find_endpoint (const cJSON *p, char scheme[16], const char **value)
{
  const char *peppol = get_str (p, "peppol_id"), *colon = peppol ? strchr (peppol, ':') : NULL;
  const char *vat = get_str (p, "vat_number"), *kbo = get_str (p, "enterprise_number");

  if (colon != NULL && colon > peppol && colon[1] != '\0')
    {
      snprintf (scheme, 16, "%.*s", (int) (colon - peppol), peppol);
      *value = colon + 1;
    }
  else if (find_vat_scheme (vat) != NULL)
    {
      snprintf (scheme, 16, "%s", find_vat_scheme (vat));
      *value = vat;
    }
  else if (kbo != NULL)
    {
      snprintf (scheme, 16, "0208");
      *value = kbo;
    }
  else
    return false;
  return true;
}

static void
add_endpoint (Writer *w, const cJSON *p)
{
  char scheme[16];
  const char *value;

  if (find_endpoint (p, scheme, &value))
    add_with_scheme (w, "EndpointID", scheme, value);
}

static void
add_address (Writer *w, const char *element, const cJSON *addr, const char *country)
{
  start_cac (w, element);
  add_cbc (w, "StreetName", get_str (addr, "street"));
  add_cbc (w, "CityName", get_str (addr, "city"));
  add_cbc (w, "PostalZone", get_str (addr, "postal_code"));
  add_cac_cbc (w, "Country", "IdentificationCode", country ? country : get_str (addr, "country"));
  end (w);
}

/* BT-33, the seller's additional legal information: its legal form and
 * register (art. III.25 WER/CDE), "BV, RPR Gent, afdeling Gent". */
static void
add_legal_form (Writer *w, const cJSON *seller)
{
  const char *form = get_str (seller, "legal_form"), *reg = get_str (seller, "register");
  char text[160];

  if (form == NULL && reg == NULL)
    return;
  snprintf (text, sizeof text, "%s%s%s", form ? form : "", form && reg ? ", " : "",
            reg ? reg : "");
  add_cbc (w, "CompanyLegalForm", text);
}

/* AccountingSupplierParty or AccountingCustomerParty from the frozen
 * profile (@seller) or client. A party without a VAT number (a private
 * person) has no PartyTaxScheme. */
static void
add_party (Writer *w, const char *element, const cJSON *p, bool seller)
{
  const char *name = get_str (p, "name"), *trading = seller ? get_str (p, "trading_name") : NULL;
  const char *vat = get_str (p, "vat_number"), *kbo = get_str (p, "enterprise_number");

  start_cac (w, element);
  start_cac (w, "Party");
  add_endpoint (w, p);
  add_cac_cbc (w, "PartyName", "Name", trading ? trading : name);
  add_address (w, "PostalAddress", cJSON_GetObjectItemCaseSensitive (p, "address"), NULL);
  if (vat != NULL)
    {
      start_cac (w, "PartyTaxScheme");
      add_cbc (w, "CompanyID", vat);
      add_cac_cbc (w, "TaxScheme", "ID", "VAT");
      end (w);
    }
  start_cac (w, "PartyLegalEntity");
  add_cbc (w, "RegistrationName", name);
  add_with_scheme (w, "CompanyID", "0208", kbo);
  if (seller)
    add_legal_form (w, p);
  end (w);
  if (get_str (p, "email") != NULL)
    add_cac_cbc (w, "Contact", "ElectronicMail", get_str (p, "email"));
  end (w);
  end (w);
}

static void
add_adjustments (Writer *w, const DokusDoc *doc, bool charge)
{
  char amount[DOKUS_MONEY_TEXT], rate[DOKUS_MONEY_TEXT];

  for (size_t i = 0; i < doc->n_adjustments; i++)
    {
      const DokusDocAdjustment *a = &doc->adjustments[i];
      if (a->t.is_charge != charge)
        continue;
      start_cac (w, "AllowanceCharge");
      add_cbc (w, "ChargeIndicator", charge ? "true" : "false");
      add_cbc (w, "AllowanceChargeReason", nz (a->reason));
      add_amount (w, "Amount", dokus_cents_format (a->t.amount, amount));
      add_tax_category (w, "TaxCategory", nz (a->t.vat_category),
                        dokus_decimal_format (a->t.vat_rate, rate), NULL, NULL);
      end (w);
    }
}

/* The first ITEM_NAME_MAX characters (not bytes) of @text. (transfer full) */
static char *
dup_item_name (const char *text)
{
  size_t chars = 0, i = 0;
  char *out;

  while (text[i] != '\0')
    {
      if (((unsigned char) text[i] & 0xC0) != 0x80 && chars++ == ITEM_NAME_MAX)
        break;
      i++;
    }
  if ((out = malloc (i + 1)) != NULL)
    {
      memcpy (out, text, i);
      out[i] = '\0';
    }
  return out;
}

/* The line discount in cents: round(quantity × unit price, 2) − the line's
 * net, so that LineExtensionAmount = quantity × price − discount (BR-24). */
static DokusStatus
compute_line_discount (const DokusDocLine *line, DokusCents *out, DokusError *err)
{
  DokusCents gross;
  DokusStatus st = dokus_decimal_product_cents (line->t.quantity, line->t.unit_price,
                                                dokus_decimal_from_int (1), 0, &gross, err);
  if (st == DOKUS_OK)
    *out = gross - line->net;
  return st;
}

static DokusStatus
add_line (Writer *w, const DokusDocLine *line, size_t position, bool credit_note,
          DokusError *err)
{
  const char *description = nz (line->description), *unit = nz (line->unit);
  char id[24], *name, quantity[DOKUS_MONEY_TEXT], amount[DOKUS_MONEY_TEXT];
  char rate[DOKUS_MONEY_TEXT];

  snprintf (id, sizeof id, "%zu", position);
  start_cac (w, credit_note ? "CreditNoteLine" : "InvoiceLine");
  add_cbc (w, "ID", id);
  add_cbc_attr (w, credit_note ? "CreditedQuantity" : "InvoicedQuantity",
                dokus_decimal_format (line->t.quantity, quantity), "unitCode",
                unit ? unit : "C62");
  add_amount (w, "LineExtensionAmount", dokus_cents_format (line->net, amount));
  if (!dokus_decimal_is_zero (line->t.discount_percent))
    {
      DokusCents cents;
      DokusStatus st = compute_line_discount (line, &cents, err);
      if (st != DOKUS_OK)
        return st;
      start_cac (w, "AllowanceCharge");
      add_cbc (w, "ChargeIndicator", "false");
      add_cbc (w, "AllowanceChargeReason", "Discount");
      add_amount (w, "Amount", dokus_cents_format (cents, amount));
      end (w);
    }
  start_cac (w, "Item");
  add_cbc (w, "Description", description);
  name = dup_item_name (description ? description : "");
  if (name == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  add_cbc (w, "Name", name);
  free (name);
  add_tax_category (w, "ClassifiedTaxCategory", nz (line->t.vat_category),
                    dokus_decimal_format (line->t.vat_rate, rate), NULL, NULL);
  end (w);
  start_cac (w, "Price");
  add_amount (w, "PriceAmount", dokus_decimal_format (line->t.unit_price, amount));
  end (w);
  end (w);
  return DOKUS_OK;
}

/* The single document-level note (PEPPOL-EN16931-R002: at most one): the
 * document's note, then its legal mentions, one a line. (transfer full) */
static char *
dup_note (const DokusFrozenDoc *f)
{
  const char *note = nz (f->doc.note);
  size_t len = 1;
  char *out;

  if (note != NULL)
    len += strlen (note) + 1;
  for (size_t i = 0; i < f->n_mentions; i++)
    len += strlen (f->mentions[i]) + 1;
  if ((out = calloc (1, len)) == NULL)
    return NULL;
  if (note != NULL)
    strcat (out, note);
  for (size_t i = 0; i < f->n_mentions; i++)
    if (f->mentions[i][0] != '\0')
      {
        if (out[0] != '\0')
          strcat (out, "\n");
        strcat (out, f->mentions[i]);
      }
  return out;
}

/* The base64 digit of @v (0..63), as a constant expression. */
#define DIGIT(v) \
  ((v) < 26 ? 'A' + (v) : (v) < 52 ? 'a' + (v) - 26 : (v) < 62 ? '0' + (v) - 52 : (v) == 62 ? '+' : '/')
#define PAIR(hi, lo) DIGIT (hi), DIGIT (lo)
#define ROW(hi) \
  PAIR (hi, 0), PAIR (hi, 1), PAIR (hi, 2), PAIR (hi, 3), PAIR (hi, 4), PAIR (hi, 5), \
  PAIR (hi, 6), PAIR (hi, 7), PAIR (hi, 8), PAIR (hi, 9), PAIR (hi, 10), PAIR (hi, 11), \
  PAIR (hi, 12), PAIR (hi, 13), PAIR (hi, 14), PAIR (hi, 15), PAIR (hi, 16), PAIR (hi, 17), \
  PAIR (hi, 18), PAIR (hi, 19), PAIR (hi, 20), PAIR (hi, 21), PAIR (hi, 22), PAIR (hi, 23), \
  PAIR (hi, 24), PAIR (hi, 25), PAIR (hi, 26), PAIR (hi, 27), PAIR (hi, 28), PAIR (hi, 29), \
  PAIR (hi, 30), PAIR (hi, 31), PAIR (hi, 32), PAIR (hi, 33), PAIR (hi, 34), PAIR (hi, 35), \
  PAIR (hi, 36), PAIR (hi, 37), PAIR (hi, 38), PAIR (hi, 39), PAIR (hi, 40), PAIR (hi, 41), \
  PAIR (hi, 42), PAIR (hi, 43), PAIR (hi, 44), PAIR (hi, 45), PAIR (hi, 46), PAIR (hi, 47), \
  PAIR (hi, 48), PAIR (hi, 49), PAIR (hi, 50), PAIR (hi, 51), PAIR (hi, 52), PAIR (hi, 53), \
  PAIR (hi, 54), PAIR (hi, 55), PAIR (hi, 56), PAIR (hi, 57), PAIR (hi, 58), PAIR (hi, 59), \
  PAIR (hi, 60), PAIR (hi, 61), PAIR (hi, 62), PAIR (hi, 63)

/* The two base64 digits of every 12 bits, in order: one look-up a digit
 * pair instead of one a digit. */
static const char digit_pairs[4096 * 2] = {
  ROW (0), ROW (1), ROW (2), ROW (3), ROW (4), ROW (5), ROW (6), ROW (7), ROW (8), ROW (9),
  ROW (10), ROW (11), ROW (12), ROW (13), ROW (14), ROW (15), ROW (16), ROW (17), ROW (18),
  ROW (19), ROW (20), ROW (21), ROW (22), ROW (23), ROW (24), ROW (25), ROW (26), ROW (27),
  ROW (28), ROW (29), ROW (30), ROW (31), ROW (32), ROW (33), ROW (34), ROW (35), ROW (36),
  ROW (37), ROW (38), ROW (39), ROW (40), ROW (41), ROW (42), ROW (43), ROW (44), ROW (45),
  ROW (46), ROW (47), ROW (48), ROW (49), ROW (50), ROW (51), ROW (52), ROW (53), ROW (54),
  ROW (55), ROW (56), ROW (57), ROW (58), ROW (59), ROW (60), ROW (61), ROW (62), ROW (63),
};

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_SSSE3_BASE64 1

/* encode_base64() 12 bytes to 16 digits a step, while 16 can be read;
 * returns how many bytes of @in it encoded (a multiple of 3) into @out.
 * Each 3 bytes a b c go into one 32-bit lane as b a c b (little-endian:
 * the 16-bit halves a<<8|b and b<<8|c); the four 6-bit values are
 * s0 = bits 10..15 of the low half, s1 bits 4..9, s2 bits 6..11 of the
 * high half, s3 bits 0..5. Multiplying by powers of two shifts each
 * 16-bit half by its own amount: the high 16 bits of the product
 * (mulhi) shift s0 and s2 down to bits 0..5, the low ones (mullo) shift
 * s1 and s3 up to bits 8..13, so the lane's bytes become s0 s1 s2 s3. A
 * 6-bit value v becomes its digit by adding the offset of its range
 * ('A' for 0..25, 'a' - 26 for 26..51, '0' - 52 for 52..61, then '+' and
 * '/'), looked up by v - 51 (saturated at 0, so 0..12) plus one above 25. */
__attribute__ ((target ("ssse3"))) static size_t
encode_base64_ssse3 (const unsigned char *in, size_t len, char *out)
{
  const __m128i spread = _mm_setr_epi8 (1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
  const __m128i s0_s2 = _mm_set1_epi32 (0x0fc0fc00), s0_s2_shift = _mm_set1_epi32 (0x04000040);
  const __m128i s1_s3 = _mm_set1_epi32 (0x003f03f0), s1_s3_shift = _mm_set1_epi32 (0x01000010);
  const __m128i offsets = _mm_setr_epi8 ('A', 'a' - 26, '0' - 52, '0' - 52, '0' - 52, '0' - 52,
                                         '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52,
                                         '0' - 52, '+' - 62, '/' - 63, 0, 0);
  size_t i = 0;

  for (; i + 16 <= len; i += 12, out += 16)
    {
      __m128i x = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (in + i)), spread);
      __m128i v = _mm_or_si128 (_mm_mulhi_epu16 (_mm_and_si128 (x, s0_s2), s0_s2_shift),
                                _mm_mullo_epi16 (_mm_and_si128 (x, s1_s3), s1_s3_shift));
      __m128i range = _mm_sub_epi8 (_mm_subs_epu8 (v, _mm_set1_epi8 (51)),
                                    _mm_cmpgt_epi8 (v, _mm_set1_epi8 (25)));
      _mm_storeu_si128 ((__m128i *) out, _mm_add_epi8 (v, _mm_shuffle_epi8 (offsets, range)));
    }
  return i;
}

/* encode_base64_ssse3()'s steps on two lanes: 24 bytes to 32 digits a
 * step, each 128-bit lane taking 12 bytes (vpshufb shuffles within a
 * lane), while 28 can be read. */
__attribute__ ((target ("avx2"))) static size_t
encode_base64_avx2 (const unsigned char *in, size_t len, char *out)
{
  const __m256i spread = _mm256_setr_epi8 (1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10,
                                           1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
  const __m256i s0_s2 = _mm256_set1_epi32 (0x0fc0fc00);
  const __m256i s0_s2_shift = _mm256_set1_epi32 (0x04000040);
  const __m256i s1_s3 = _mm256_set1_epi32 (0x003f03f0);
  const __m256i s1_s3_shift = _mm256_set1_epi32 (0x01000010);
  const __m256i offsets = _mm256_setr_epi8 ('A', 'a' - 26, '0' - 52, '0' - 52, '0' - 52, '0' - 52,
                                            '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52,
                                            '0' - 52, '+' - 62, '/' - 63, 0, 0,
                                            'A', 'a' - 26, '0' - 52, '0' - 52, '0' - 52, '0' - 52,
                                            '0' - 52, '0' - 52, '0' - 52, '0' - 52, '0' - 52,
                                            '0' - 52, '+' - 62, '/' - 63, 0, 0);
  size_t i = 0;

  for (; i + 28 <= len; i += 24, out += 32)
    {
      __m256i x = _mm256_inserti128_si256 (
          _mm256_castsi128_si256 (_mm_loadu_si128 ((const __m128i *) (in + i))),
          _mm_loadu_si128 ((const __m128i *) (in + i + 12)), 1);
      __m256i v;
      __m256i range;
      x = _mm256_shuffle_epi8 (x, spread);
      v = _mm256_or_si256 (_mm256_mulhi_epu16 (_mm256_and_si256 (x, s0_s2), s0_s2_shift),
                           _mm256_mullo_epi16 (_mm256_and_si256 (x, s1_s3), s1_s3_shift));
      range = _mm256_sub_epi8 (_mm256_subs_epu8 (v, _mm256_set1_epi8 (51)),
                               _mm256_cmpgt_epi8 (v, _mm256_set1_epi8 (25)));
      _mm256_storeu_si256 ((__m256i *) out,
                           _mm256_add_epi8 (v, _mm256_shuffle_epi8 (offsets, range)));
    }
  return i;
}
#else
#define HAVE_SSSE3_BASE64 0
#endif

/* Standard base64 (RFC 4648, padded) of @len bytes of @in into @out
 * ((len + 2) / 3 * 4 bytes, no NUL); the same text as sodium_bin2base64's
 * sodium_base64_VARIANT_ORIGINAL, which is constant-time and several times
 * slower: a PDF is no secret. AVX2 and SSSE3 where the CPU has them, then
 * a table. */
static void
encode_base64 (const unsigned char *in, size_t len, char *out)
{
  size_t i = 0;

#if HAVE_SSSE3_BASE64
  if (__builtin_cpu_supports ("avx2"))
    {
      i = encode_base64_avx2 (in, len, out);
      out += i / 3 * 4;
    }
  if (__builtin_cpu_supports ("ssse3"))
    {
      size_t n = encode_base64_ssse3 (in + i, len - i, out);
      i += n;
      out += n / 3 * 4;
    }
#endif
  for (; i + 3 <= len; i += 3, out += 4)
    {
      uint32_t v = (uint32_t) in[i] << 16 | (uint32_t) in[i + 1] << 8 | in[i + 2];
      memcpy (out, digit_pairs + 2 * (v >> 12), 2);
      memcpy (out + 2, digit_pairs + 2 * (v & 4095), 2);
    }
  if (i < len)
    {
      uint32_t v = (uint32_t) in[i] << 16 | (i + 1 < len ? (uint32_t) in[i + 1] << 8 : 0);
      memcpy (out, digit_pairs + 2 * (v >> 12), 2);
      out[2] = i + 1 < len ? digit_pairs[2 * ((v >> 6) & 63) + 1] : '=';
      out[3] = '=';
    }
}

/* BT-122..BT-125: the PDF of the document as an additional document
 * reference, named after the document's number, its base64 encoded
 * straight into the output (it needs no escaping). */
static void
add_embedded_pdf (Writer *w, const char *number, const DokusPdfRendering *pdf,
                  const char *description)
{
  char filename[DOKUS_NUMBER_TEXT + 8], *at;

  /* a series prefix may hold '/': not in a file name */
  snprintf (filename, sizeof filename, "%s.pdf", number ? number : "document");
  for (char *c = filename; *c != '\0'; c++)
    if (*c == '/' || *c == '\\')
      *c = '-';
  start_cac (w, "AdditionalDocumentReference");
  add_cbc (w, "ID", number);
  add_cbc (w, "DocumentDescription", description);
  start_cac (w, "Attachment");
  dokus_xml_out_start (&w->out, "cbc", "EmbeddedDocumentBinaryObject");
  dokus_xml_out_attr (&w->out, "mimeCode", "application/pdf");
  dokus_xml_out_attr (&w->out, "filename", filename);
  w->pdf_len = (pdf->len + 2) / 3 * 4;
  if ((at = dokus_xml_out_reserve_text (&w->out, w->pdf_len, &w->pdf_at)) != NULL)
    encode_base64 (pdf->pdf, pdf->len, at);
  end (w);
  end (w);
  end (w);
}

/* A credit note's payment means: the seller owes the buyer the amount,
 * so the seller's account is not where it is paid to (BR-61 would want
 * the payee's account with a credit transfer). UNCL4461 97, clearing
 * between partners: set off against the invoice or refunded, the credit
 * note's number as the reference (docs/peppol.md). */
static void
add_credit_note_payment (Writer *w, const DokusFrozenDoc *f)
{
  const DokusBillingReference *billing = &f->billing;
  char terms[200];

  start_cac (w, "PaymentMeans");
  add_cbc (w, "PaymentMeansCode", "97");
  add_cbc (w, "PaymentID", nz (f->doc.number));
  end (w);
  if (billing->found && billing->has_number && billing->number[0] != '\0')
    {
      snprintf (terms, sizeof terms, "Set off against invoice %s or refunded", billing->number);
      add_cac_cbc (w, "PaymentTerms", "Note", terms);
    }
}

/* An invoice's payment means and terms: the seller's account, the
 * structured communication, the due date. */
static void
add_invoice_payment (Writer *w, const DokusFrozenDoc *f)
{
  const char *iban = get_str (f->seller, "iban");
  const char *communication = nz (f->doc.structured_communication);

  start_cac (w, "PaymentMeans");
  /* BR-50: a credit transfer (30) names the account; without one, 1 */
  add_cbc (w, "PaymentMeansCode", iban ? "30" : "1");
  add_cbc (w, "PaymentID", communication);
  if (iban != NULL)
    {
      start_cac (w, "PayeeFinancialAccount");
      add_cbc (w, "ID", iban);
      if (get_str (f->seller, "bic") != NULL)
        add_cac_cbc (w, "FinancialInstitutionBranch", "ID", get_str (f->seller, "bic"));
      end (w);
    }
  end (w);
  if (f->doc.has_due_date)
    {
      char terms[160], due[DOKUS_DATE_TEXT];
      dokus_date_format (f->doc.due_date, due);
      if (communication != NULL)
        snprintf (terms, sizeof terms, "Payable by %s with the communication %s", due,
                  communication);
      else
        snprintf (terms, sizeof terms, "Payable by %s", due);
      add_cac_cbc (w, "PaymentTerms", "Note", terms);
    }
}

/* TaxTotal and LegalMonetaryTotal. */
static void
add_totals (Writer *w, const DokusFrozenDoc *f)
{
  const DokusTotals *t = &f->totals;
  char a[DOKUS_MONEY_TEXT];

  start_cac (w, "TaxTotal");
  add_amount (w, "TaxAmount", dokus_cents_format (t->tax_amount, a));
  for (size_t k = 0; k < f->n_vat; k++)
    {
      const DokusFrozenVat *v = &f->vat[f->vat_order[k]];
      start_cac (w, "TaxSubtotal");
      add_amount (w, "TaxableAmount", dokus_cents_format (v->taxable_amount, a));
      add_amount (w, "TaxAmount", dokus_cents_format (v->tax_amount, a));
      add_tax_category (w, "TaxCategory", nz (v->category), nz (v->rate),
                        nz (v->exemption_code), nz (v->exemption_text));
      end (w);
    }
  end (w);

  start_cac (w, "LegalMonetaryTotal");
  add_amount (w, "LineExtensionAmount", dokus_cents_format (t->line_extension_amount, a));
  add_amount (w, "TaxExclusiveAmount", dokus_cents_format (t->tax_exclusive_amount, a));
  add_amount (w, "TaxInclusiveAmount", dokus_cents_format (t->tax_inclusive_amount, a));
  add_amount (w, "AllowanceTotalAmount", dokus_cents_format (t->allowance_total_amount, a));
  add_amount (w, "ChargeTotalAmount", dokus_cents_format (t->charge_total_amount, a));
  add_amount (w, "PrepaidAmount", dokus_cents_format (t->prepaid_amount, a));
  add_amount (w, "PayableAmount", dokus_cents_format (t->payable_amount, a));
  end (w);
}

/* Everything before the embedded document: the header, the note, the
 * references. false when out of memory. */
static bool
add_header (Writer *w, const DokusFrozenDoc *f, bool credit_note)
{
  const DokusDoc *doc = &f->doc;
  const char *buyer_ref;
  char *note, date[DOKUS_DATE_TEXT];

  dokus_xml_out_start (&w->out, NULL, credit_note ? "CreditNote" : "Invoice");
  dokus_xml_out_attr (&w->out, "xmlns", credit_note ? NS_CREDIT_NOTE : NS_INVOICE);
  dokus_xml_out_attr (&w->out, "xmlns:cac", NS_CAC);
  dokus_xml_out_attr (&w->out, "xmlns:cbc", NS_CBC);
  add_cbc (w, "CustomizationID", CUSTOMIZATION_ID);
  add_cbc (w, "ProfileID", PROFILE_ID);
  add_cbc (w, "ID", nz (doc->number));
  add_cbc (w, "IssueDate", doc->has_issue_date ? dokus_date_format (doc->issue_date, date) : NULL);
  if (!credit_note)
    add_cbc (w, "DueDate", doc->has_due_date ? dokus_date_format (doc->due_date, date) : NULL);
  add_cbc (w, credit_note ? "CreditNoteTypeCode" : "InvoiceTypeCode",
           credit_note ? "381" : "380");
  if ((note = dup_note (f)) == NULL)
    return false;
  if (note[0] != '\0')
    add_cbc (w, "Note", note);
  free (note);
  add_cbc (w, "DocumentCurrencyCode", "EUR");
  /* PEPPOL-EN16931-R003: a buyer reference or an order reference */
  buyer_ref = nz (doc->buyer_reference);
  if (buyer_ref == NULL)
    buyer_ref = nz (doc->order_reference);
  if (buyer_ref == NULL)
    buyer_ref = nz (doc->number);
  add_cbc (w, "BuyerReference", buyer_ref);
  if (nz (doc->order_reference) != NULL)
    add_cac_cbc (w, "OrderReference", "ID", doc->order_reference);
  if (credit_note && f->billing.found && f->billing.has_number && f->billing.number[0] != '\0')
    {
      start_cac (w, "BillingReference");
      start_cac (w, "InvoiceDocumentReference");
      add_cbc (w, "ID", f->billing.number);
      add_cbc (w, "IssueDate", f->billing.has_issue_date ? nz (f->billing.issue_date) : NULL);
      end (w);
      end (w);
    }
  return true;
}

/* The UBL of @f with @pdf embedded, in the order of the UBL 2.1 schemas,
 * into @w (started by the caller). */
static DokusStatus
write_ubl (Writer *w, const DokusFrozenDoc *f, const DokusPdfRendering *pdf,
           const char *pdf_description, DokusError *err)
{
  const DokusDoc *doc = &f->doc;
  bool credit_note = strcmp (doc->type, "credit_note") == 0;
  DokusStatus st;

  if (!add_header (w, f, credit_note))
    return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  add_embedded_pdf (w, nz (doc->number), pdf, pdf_description);
  add_party (w, "AccountingSupplierParty", f->seller, true);
  add_party (w, "AccountingCustomerParty", f->buyer, false);
  if (doc->has_delivery_date || doc->delivery_country[0])
    {
      char date[DOKUS_DATE_TEXT];
      start_cac (w, "Delivery");
      add_cbc (w, "ActualDeliveryDate",
               doc->has_delivery_date ? dokus_date_format (doc->delivery_date, date) : NULL);
      if (nz (doc->delivery_country) != NULL)
        {
          start_cac (w, "DeliveryLocation");
          add_address (w, "Address", NULL, doc->delivery_country);
          end (w);
        }
      end (w);
    }
  if (credit_note)
    add_credit_note_payment (w, f);
  else
    add_invoice_payment (w, f);
  add_adjustments (w, doc, false);
  add_adjustments (w, doc, true);
  add_totals (w, f);
  for (size_t i = 0; i < doc->n_lines; i++)
    if ((st = add_line (w, &doc->lines[i], i + 1, credit_note, err)) != DOKUS_OK)
      return st;
  return DOKUS_OK;
}

/* The hash this writer version stored at the document's first export
 * into @out; "" when it was never exported. */
static DokusStatus
read_export_hash (sqlite3 *db, const char *id, char out[SHA256_HEX], DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = dokus_stmt_cache_prepare (db,
                                     "SELECT sha256 FROM document_exports WHERE document_id = ?1"
                                     " AND format = 'ubl' AND writer_version = ?2",
                                     &stmt);

  out[0] = '\0';
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, WRITER_VERSION);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    snprintf (out, SHA256_HEX, "%s", (const char *) sqlite3_column_text (stmt, 0));
  dokus_stmt_cache_release (db, stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return dokus_book_sqlite_error (db, rc, "reading the UBL's SHA-256", err);
  return DOKUS_OK;
}

static DokusStatus
refuse_changed (const char *number, const char *stored, DokusError *err)
{
  return dokus_error_set (err, DOKUS_ERR_CORRUPT, "ubl_sha256",
                          "the UBL of %s differs from its first export (SHA-256 %s): "
                          "the frozen document or the writer changed",
                          number, stored);
}

/* The first export by this writer version: stores @hex (make_ubl())
 * and appends the audit entry with the hash of all the bytes handed out,
 * @xml, in the caller's transaction. */
static DokusStatus
record_first_export (sqlite3 *db, const char *id, const char *type, const char *hex,
                     const char *xml, size_t len, DokusError *err)
{
  unsigned char hash[crypto_hash_sha256_BYTES];
  char after[300], bytes_hex[SHA256_HEX];
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "INSERT INTO document_exports (document_id, format, "
                               "writer_version, sha256) VALUES (?1, 'ubl', ?2, ?3)",
                               -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, WRITER_VERSION);
      sqlite3_bind_text (stmt, 3, hex, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "storing the UBL's SHA-256", err);
  dokus_sha256_hash (hash, xml, len);
  sodium_bin2hex (bytes_hex, sizeof bytes_hex, hash, sizeof hash);
  snprintf (after, sizeof after,
            "{\"format\":\"ubl\",\"writer_version\":%d,\"sha256\":\"%s\","
            "\"content_sha256\":\"%s\"}",
            WRITER_VERSION, bytes_hex, hex);
  return dokus_audit_append (db, "export", type, id, NULL, after, err);
}

/* Records a validated export: checks @hex against @stored, the hash this
 * writer version stored at the document's first export ("" if none, read
 * by the caller with the document). The first export stores
 * it and appends the audit entry; a later one, the same bytes the writer
 * decided, writes nothing to the audit trail: the first entry already
 * proves what left the book (docs/peppol.md, "Hashes and writer
 * versions"). A PDF drawn now
 * (@r) is kept. A repeat export with its PDF kept writes nothing at all. */
static DokusStatus
record_export (sqlite3 *db, const char *id, const char *number, const char *type,
               const char *language, const DokusPdfRendering *r, const char *hex,
               char stored[SHA256_HEX], const char *xml, size_t len, DokusError *err)
{
  DokusStatus st;

  if (stored[0] != '\0' && strcmp (stored, hex) != 0)
    return refuse_changed (number, stored, err);
  if (stored[0] != '\0' && (r->stored || !r->complete))
    return DOKUS_OK;
  if ((st = dokus_ledger_begin (db, err)) != DOKUS_OK)
    return st;
  st = dokus_pdf_rendering_store (db, id, language, r, err);
  /* again inside the transaction: another process may have been first */
  if (st == DOKUS_OK && stored[0] == '\0')
    st = read_export_hash (db, id, stored, err);
  if (st == DOKUS_OK && stored[0] != '\0' && strcmp (stored, hex) != 0)
    st = refuse_changed (number, stored, err);
  else if (st == DOKUS_OK && stored[0] == '\0')
    st = record_first_export (db, id, type, hex, xml, len, err);
  if (st == DOKUS_OK)
    return dokus_ledger_commit (db, err);
  dokus_ledger_rollback (db);
  return st;
}

/* The UBL of @doc with @pdf embedded into *@out (transfer full,
 * NUL-terminated) and *@out_len; and @hash, the SHA-256 of every byte but
 * the PDF's base64: every byte the writer decides. The PDF's own bytes
 * follow the fonts and the cairo version of the machine that drew it, and
 * a book moves between machines; what it shows comes from the same frozen
 * data as the rest (docs/peppol.md, "Hashes and writer versions"). */
static DokusStatus
make_ubl (const DokusFrozenDoc *f, const DokusPdfRendering *pdf, const char *description,
          char **out, size_t *out_len, unsigned char hash[crypto_hash_sha256_BYTES],
          DokusError *err)
{
  Writer w = { 0 };
  /* room for the whole document at once, most of the time */
  size_t cap = 6144 + 1536 * f->doc.n_lines + (pdf->len + 2) / 3 * 4;
  DokusStatus st = DOKUS_OK;
  DokusSha256 state;

  *out = NULL;
  if (!dokus_xml_out_init (&w.out, cap))
    st = dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory writing the UBL");
  if (st == DOKUS_OK)
    st = write_ubl (&w, f, pdf, description, err);
  if (st == DOKUS_OK && (*out = dokus_xml_out_finish (&w.out, out_len)) == NULL)
    st = dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory writing the UBL");
  dokus_xml_out_clear (&w.out);
  if (st != DOKUS_OK)
    return st;
  dokus_sha256_init (&state);
  dokus_sha256_update (&state, *out, w.pdf_at);
  dokus_sha256_update (&state, *out + w.pdf_at + w.pdf_len, *out_len - w.pdf_at - w.pdf_len);
  dokus_sha256_final (&state, hash);
  return DOKUS_OK;
}

/* The language of @doc's PDF (its own, else en) and the description of
 * the attachment ("Factuur 2026-0001"). */
static const char *
find_pdf_language (const DokusDoc *doc, char description[160])
{
  const char *language = nz (doc->language), *type = doc->type;
  static const char *const titles[][3] = {
    { "nl", "Factuur", "Creditnota" },
    { "fr", "Facture", "Note de crédit" },
    { "de", "Rechnung", "Gutschrift" },
    { "en", "Invoice", "Credit note" },
  };
  size_t t = 3;

  for (size_t i = 0; i < 4; i++)
    if (language != NULL && strcmp (language, titles[i][0]) == 0)
      t = i;
  snprintf (description, 160, "%s %s",
            titles[t][strcmp (type, "credit_note") == 0 ? 2 : 1], doc->number);
  return titles[t][0];
}

DokusStatus
dokus_ubl_export (DokusBook *book, const char *id_or_number, char **out_xml, size_t *out_len,
                  DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char id[DOKUS_ID_TEXT], hex[SHA256_HEX], stored[SHA256_HEX], *xml = NULL;
  char description[160];
  char scheme[16];
  const char *endpoint, *language, *number;
  DokusPdfRendering rendering = { 0 };
  unsigned char hash[crypto_hash_sha256_BYTES];
  DokusFrozenDoc f = { 0 };
  size_t xml_len = 0;
  /* the reads in one read transaction of our own: one lock of the book
   * instead of one a statement (a pair of fcntl() calls each) */
  bool own = sqlite3_get_autocommit (db) != 0;
  DokusStatus st;

  assert (book != NULL && id_or_number != NULL && out_xml != NULL);
  *out_xml = NULL;
  if (out_len != NULL)
    *out_len = 0;
  if (own && dokus_stmt_cache_exec (db, "BEGIN") != SQLITE_OK)
    return dokus_book_sqlite_error (db, sqlite3_errcode (db), "starting a read", err);
  st = dokus_doc_resolve (db, id_or_number, id, err);
  /* the document as frozen at issue */
  if (st == DOKUS_OK)
    st = dokus_frozen_doc_load (db, id, &f, err);
  if (st != DOKUS_OK)
    goto out;
  if (f.draft || (number = nz (f.doc.number)) == NULL)
    {
      st = dokus_error_set (err, DOKUS_ERR_REFUSED, "document",
                            "a draft has no number: issue it first");
      goto out;
    }
  /* PEPPOL-EN16931-R010: the buyer's electronic address is mandatory */
  if (!find_endpoint (f.buyer, scheme, &endpoint))
    {
      st = dokus_error_set (err, DOKUS_ERR_REFUSED, "buyer.peppol_id",
                            "%s has no electronic address for Peppol (a Peppol id, VAT or "
                            "enterprise number), which BIS Billing 3.0 requires: send the PDF "
                            "instead",
                            get_str (f.buyer, "name") ? get_str (f.buyer, "name") : "the client");
      goto out;
    }
  language = find_pdf_language (&f.doc, description);
  /* the document's JSON only when its PDF has to be drawn */
  if ((st = dokus_pdf_rendering_get_lent (db, id, NULL, language, &rendering, err)) != DOKUS_OK)
    goto out;
  st = make_ubl (&f, &rendering, description, &xml, &xml_len, hash, err);
  /* a kept PDF is read straight from the book's row: its base64 is written */
  dokus_pdf_rendering_end_loan (&rendering);
  if (st != DOKUS_OK)
    goto out;
  if ((st = read_export_hash (db, id, stored, err)) != DOKUS_OK)
    goto out;
  if (own)
    {
      own = false;
      /* a read: nothing to keep (record_export() writes in its own transaction) */
      dokus_stmt_cache_exec (db, "COMMIT");
    }
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  /* we never emit a document that fails: nothing is stored before this */
  if ((st = dokus_ubl_check (xml, xml_len, number, err)) != DOKUS_OK)
    goto out;
  if ((st = record_export (db, id, number, f.doc.type, language, &rendering, hex, stored, xml,
                           xml_len, err))
      != DOKUS_OK)
    goto out;
  *out_xml = xml;
  xml = NULL;
  if (out_len != NULL)
    *out_len = xml_len;
out:
  if (own)
    dokus_stmt_cache_exec (db, "COMMIT");
  dokus_pdf_rendering_clear (&rendering);
  dokus_frozen_doc_clear (&f);
  free (xml);
  return st;
}

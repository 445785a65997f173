/* check-validate-base64.c
 *
 * Suite "validate-base64": the structure check's verdict on base64 data
 * (cbc:EmbeddedDocumentBinaryObject, xs:base64Binary), which looks at 16
 * characters a step where it can (core/peppol/validate/
 * dokus-validate-structure.c). Every verdict below is written by hand from
 * the rule it checks: digits A-Z a-z 0-9 + /, whitespace anywhere, '='
 * only at the end (at most two, whitespace between them allowed), a
 * multiple of four characters in all. A wrong value gives exactly one
 * finding, "cbc:EmbeddedDocumentBinaryObject: '<its first 40 characters>'
 * is not base64 data", and the document's other findings stay the same.
 * Bad characters sit at every offset 0..40 and on each side of every
 * range the 16-byte test compares with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-test-helpers.h"
#include "dokus/dokus-ubl-validate.h"

#define INV_OPEN                                                                           \
  "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" "              \
  "xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\" "      \
  "xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\">" \
  "<cbc:ID>1</cbc:ID><cbc:IssueDate>2026-11-26</cbc:IssueDate>"                             \
  "<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment>"                     \
  "<cbc:EmbeddedDocumentBinaryObject mimeCode=\"application/pdf\" filename=\"a.pdf\">"
#define INV_CLOSE                                                                           \
  "</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>" \
  "<cac:AccountingSupplierParty><cac:Party/></cac:AccountingSupplierParty>"               \
  "<cac:AccountingCustomerParty><cac:Party/></cac:AccountingCustomerParty>"               \
  "<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"EUR\">0</cbc:PayableAmount>"   \
  "</cac:LegalMonetaryTotal><cac:InvoiceLine><cbc:ID>1</cbc:ID>"                          \
  "<cbc:LineExtensionAmount currencyID=\"EUR\">0</cbc:LineExtensionAmount><cac:Item/>"    \
  "<cac:Price><cbc:PriceAmount currencyID=\"EUR\">0</cbc:PriceAmount></cac:Price>"        \
  "</cac:InvoiceLine></Invoice>"

/* all 64 digits, in order: valid (64 characters, no padding) */
#define DIGITS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

#define LOCATION \
  "/Invoice/cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject"

/* Not base64, as they are written in the XML and as the value holds them:
 * the neighbours of each range ('@' 'A'..'Z' '[', '`' 'a'..'z' '{',
 * '.' '/'..'9' ':', '*' '+' ','), other ASCII, DEL, a two-byte and a
 * three-byte UTF-8 character. */
static const struct {
  const char *xml, *value;
} bad[] = {
  { "@", "@" },   { "[", "[" },   { "`", "`" },       { "{", "{" },
  { ".", "." },   { ":", ":" },   { "*", "*" },       { ",", "," },
  { "-", "-" },   { "_", "_" },   { "!", "!" },       { "&amp;", "&" },
  { "&lt;", "<" }, { "\x7f", "\x7f" }, { "\xc3\xa9", "\xc3\xa9" },
  { "\xe2\x82\xac", "\xe2\x82\xac" },
};

typedef struct {
  size_t n;
  char **lines; /* "rule|flag|location|message" */
} Findings;

static void
findings_free (Findings *f)
{
  for (size_t i = 0; i < f->n; i++)
    free (f->lines[i]);
  free (f->lines);
  f->n = 0;
  f->lines = NULL;
}

/* The structure check's findings on the document carrying @xml_text as
 * its base64; false when the document is refused (not well-formed). */
static bool
validate_base64 (const char *xml_text, Findings *out)
{
  size_t len = strlen (INV_OPEN) + strlen (xml_text) + strlen (INV_CLOSE);
  char *xml = malloc (len + 1);
  DokusUblReport *report = NULL;
  DokusError err = { 0 };
  DokusStatus st;

  ck_assert_ptr_nonnull (xml);
  snprintf (xml, len + 1, "%s%s%s", INV_OPEN, xml_text, INV_CLOSE);
  st = dokus_ubl_validate_with (xml, len, DOKUS_UBL_VALIDATE_STRUCTURE, &report, &err);
  free (xml);
  out->n = 0;
  out->lines = NULL;
  if (st != DOKUS_OK)
    return false;
  out->n = dokus_ubl_report_count (report);
  out->lines = calloc (out->n + 1, sizeof *out->lines);
  ck_assert_ptr_nonnull (out->lines);
  for (size_t i = 0; i < out->n; i++)
    {
      size_t size = 64 + strlen (dokus_ubl_report_location (report, i))
                    + strlen (dokus_ubl_report_message (report, i));
      out->lines[i] = malloc (size);
      ck_assert_ptr_nonnull (out->lines[i]);
      snprintf (out->lines[i], size, "%s|%s|%s|%s", dokus_ubl_report_rule (report, i),
                dokus_ubl_report_flag (report, i), dokus_ubl_report_location (report, i),
                dokus_ubl_report_message (report, i));
    }
  dokus_ubl_report_free (report);
  return true;
}

/* The findings of the same document with a valid base64: whatever else
 * this small document lacks, which no variant changes. */
static Findings reference;

static void
load_reference (void)
{
  ck_assert (validate_base64 (DIGITS, &reference));
  for (size_t i = 0; i < reference.n; i++)
    ck_assert_msg (strstr (reference.lines[i], "base64") == NULL, "reference: %s",
                   reference.lines[i]);
}

/* @xml_text (the value @value once parsed) is base64 when @valid: the
 * findings are the reference's, plus the one naming the value when not. */
static void
assert_verdict (const char *xml_text, const char *value, bool valid)
{
  Findings f;
  char expected[512];
  size_t extra = 0;

  if (reference.lines == NULL)
    load_reference ();
  ck_assert_msg (validate_base64 (xml_text, &f), "'%s' refused", xml_text);
  snprintf (expected, sizeof expected,
            "UBL-XSD|fatal|" LOCATION
            "|cbc:EmbeddedDocumentBinaryObject: '%.40s' is not base64 data",
            value);
  for (size_t i = 0, j = 0; i < f.n; i++)
    {
      if (!valid && extra == 0 && strcmp (f.lines[i], expected) == 0)
        {
          extra++;
          continue;
        }
      ck_assert_msg (j < reference.n && strcmp (f.lines[i], reference.lines[j]) == 0,
                     "'%s': unexpected finding %s", value, f.lines[i]);
      j++;
    }
  ck_assert_msg (f.n == reference.n + (valid ? 0 : 1), "'%s' (%s): %lu findings, not %lu",
                 value, valid ? "valid" : "not base64", (unsigned long) f.n,
                 (unsigned long) (reference.n + (valid ? 0 : 1)));
  findings_free (&f);
}

/* The same text in the XML and in the value. */
static void
assert_plain (const char *text, bool valid)
{
  assert_verdict (text, text, valid);
}

/* @text with @at characters of it replaced by @insert (remove = 1) or
 * with @insert put before character @at (remove = 0). */
static char *
splice (const char *text, size_t at, size_t remove, const char *insert)
{
  size_t len = strlen (text), ins = strlen (insert);
  char *out = malloc (len + ins + 1);

  ck_assert_ptr_nonnull (out);
  ck_assert (at + remove <= len);
  memcpy (out, text, at);
  memcpy (out + at, insert, ins);
  memcpy (out + at + ins, text + at + remove, len - at - remove + 1);
  return out;
}

START_TEST (test_base64_accepts_every_digit)
{
  assert_plain (DIGITS, true);
  assert_plain (DIGITS DIGITS DIGITS, true);
  /* every prefix: base64 when its length is a multiple of 4 (0 included:
   * xs:base64Binary may be empty) */
  for (size_t len = 0; len <= 64; len++)
    {
      char text[65];
      memcpy (text, DIGITS, len);
      text[len] = '\0';
      assert_plain (text, len % 4 == 0);
    }
}
END_TEST

/* a bad character in place of the one at every offset 0..40, of a value
 * of 64 and of 192 digits (so that it falls in the first, second and
 * third block of 16 and in the scalar tail) */
START_TEST (test_base64_refuses_a_bad_character_at_every_offset)
{
  static const char *const texts[] = { DIGITS, DIGITS DIGITS DIGITS };

  for (size_t t = 0; t < 2; t++)
    for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++)
      for (size_t at = 0; at <= 40; at++)
        {
          char *xml_text = splice (texts[t], at, 1, bad[b].xml);
          char *value = splice (texts[t], at, 1, bad[b].value);
          assert_verdict (xml_text, value, false);
          free (xml_text);
          free (value);
        }
}
END_TEST

/* the bad character also right before the end, and at the very end of a
 * value whose length is a multiple of 16 */
START_TEST (test_base64_refuses_a_bad_character_near_the_end)
{
  for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++)
    for (size_t at = 41; at < 64; at++)
      {
        char *xml_text = splice (DIGITS, at, 1, bad[b].xml);
        char *value = splice (DIGITS, at, 1, bad[b].value);
        assert_verdict (xml_text, value, false);
        free (xml_text);
        free (value);
      }
}
END_TEST

/* a value of 512 digits (long enough for the 128- and 32-byte steps a CPU
 * with AVX2 takes) with a bad character at every offset, and a byte of
 * 0x80 and more (signed compares) at a few: never base64 */
START_TEST (test_base64_refuses_a_bad_character_in_long_runs)
{
  char text[8 * 64 + 1] = "";
  for (size_t i = 0; i < 8; i++)
    strcat (text, DIGITS);
  for (size_t at = 0; at < 8 * 64; at++)
    {
      char *xml_text = splice (text, at, 1, bad[at % (sizeof bad / sizeof bad[0])].xml);
      char *value = splice (text, at, 1, bad[at % (sizeof bad / sizeof bad[0])].value);
      assert_verdict (xml_text, value, false);
      free (xml_text);
      free (value);
    }
  for (size_t at = 100; at < 8 * 64; at += 97)
    {
      /* U+00E9 in UTF-8: two bytes from 0xc3 */
      char *high = splice (text, at, 1, "\xc3\xa9");
      assert_verdict (high, high, false);
      free (high);
    }
}
END_TEST

/* whitespace (space, tab, line feed, carriage return as &#13;) put before
 * every character, and after the last: still base64 */
START_TEST (test_base64_allows_whitespace_anywhere)
{
  static const struct {
    const char *xml, *value;
  } ws[] = { { " ", " " }, { "\t", "\t" }, { "\n", "\n" }, { "&#13;", "\r" }, { "\n  ", "\n  " } };

  for (size_t w = 0; w < sizeof ws / sizeof ws[0]; w++)
    for (size_t at = 0; at <= 64; at++)
      {
        char *xml_text = splice (DIGITS, at, 0, ws[w].xml);
        char *value = splice (DIGITS, at, 0, ws[w].value);
        assert_verdict (xml_text, value, true);
        free (xml_text);
        free (value);
      }
  /* lines of 76 characters, as MIME writes them */
  {
    char text[1024] = "";
    for (int i = 0; i < 12; i++)
      {
        strcat (text, i % 2 ? DIGITS "ABCDEFGHIJKL"
                            : "MNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                              "ABCDEFGHIJKLMNOPQRSTUVWX");
        strcat (text, "\n");
      }
    assert_plain (text, true);
    assert_plain ("  \n\t ", true); /* whitespace alone: empty */
  }
}
END_TEST

/* '=': one or two at the end, whitespace between and after them allowed;
 * three, a digit after them, or a length that is not a multiple of 4
 * is not base64 */
START_TEST (test_base64_padding)
{
  /* DIGITS without its last four characters: 60 digits */
#define D60 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz01234567"
  assert_plain (D60 "QQ==", true);
  assert_plain (D60 "QUI=", true);
  assert_plain (D60 "QQ= =", true);
  assert_plain (D60 "QQ=\n=", true);
  assert_plain (D60 "QQ==\n  ", true);
  assert_plain (D60 "QUI= ", true);
  assert_plain ("QQ==", true);
  assert_plain ("QUI=", true);
  assert_plain (D60 "Q===", false);   /* three '=' */
  assert_plain (D60 "QQ=", false);    /* 63 characters */
  assert_plain (D60 "QUI==", false);  /* 65 */
  assert_plain (D60 "QQ==QQ==", false); /* digits after the padding */
  assert_plain (D60 "QQ== QQ==", false);
  assert_plain (D60 "QUI=A", false);
  assert_plain (DIGITS "====", false); /* four '=' */
  assert_plain ("=" DIGITS, false);
  assert_plain ("=", false);
  assert_plain ("====", false);
  /* '=' in place of the character at every offset: digits follow it */
  for (size_t at = 0; at < 63; at++)
    {
      char *text = splice (DIGITS, at, 1, "=");
      assert_plain (text, false);
      free (text);
    }
  /* ... except at the end: 63 digits and '=' */
  {
    char *text = splice (DIGITS, 63, 1, "=");
    assert_plain (text, true);
    free (text);
  }
#undef D60
}
END_TEST

/* an embedded PDF's size (40 000 characters), valid, then with one bad
 * character deep inside and one at its last position, and broken by a
 * line feed */
START_TEST (test_base64_long_values)
{
  size_t len = 40000;
  char *text = malloc (len + 1);

  ck_assert_ptr_nonnull (text);
  for (size_t i = 0; i < len; i++)
    text[i] = DIGITS[(i * 7 + i / 64) % 64];
  text[len] = '\0';
  assert_plain (text, true);
  text[len - 1] = '!';
  assert_plain (text, false);
  text[len - 1] = 'A';
  text[25013] = '-';
  assert_plain (text, false);
  text[25013] = 'A';
  {
    char *broken = splice (text, 25013, 0, "\n");
    assert_plain (broken, true);
    free (broken);
  }
  free (text);
}
END_TEST

static Suite *
validate_base64_suite (void)
{
  Suite *s = suite_create ("validate-base64");
  TCase *digits = tcase_create ("digits");
  TCase *errors = tcase_create ("errors");
  TCase *layout = tcase_create ("layout");

  tcase_add_test (digits, test_base64_accepts_every_digit);
  tcase_add_test (digits, test_base64_long_values);
  tcase_add_test (errors, test_base64_refuses_a_bad_character_at_every_offset);
  tcase_add_test (errors, test_base64_refuses_a_bad_character_near_the_end);
  tcase_add_test (errors, test_base64_refuses_a_bad_character_in_long_runs);
  tcase_add_test (layout, test_base64_allows_whitespace_anywhere);
  tcase_add_test (layout, test_base64_padding);
  suite_add_tcase (s, digits);
  suite_add_tcase (s, errors);
  suite_add_tcase (s, layout);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (validate_base64_suite ());
}

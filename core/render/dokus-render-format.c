/* dokus-render-format.c
 *
 * Numbers and dates as an invoice prints them in its language: Belgian
 * (and German) usage groups thousands with '.' and writes decimals after
 * ',' with the euro sign after the amount ("1.234,56 €"); English puts
 * the sign first and swaps the separators ("€1,234.56"). Our own rules,
 * not the C locale's, so the PDF does not depend on the locales a
 * machine has (TOOLCHAIN.md). Decimals come in as the ledger's JSON text
 * ("9.75", "33.333") and are only re-punctuated, never converted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "dokus-render-private.h"
#include "dokus/dokus-pdf.h"

static bool
is_english (const char *language)
{
  return !dokus_render_language_is_valid (language) || strcmp (language, "en") == 0;
}

bool
dokus_render_language_is_valid (const char *language)
{
  static const char *const known[] = { "nl", "fr", "de", "en" };
  if (language == NULL)
    return false;
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
    if (strcmp (language, known[i]) == 0)
      return true;
  return false;
}

/* Appends the digits @digits (@n of them) to @out, a @group separator
 * between groups of three counted from the right. Returns the end. */
static char *
put_grouped (char *out, const char *digits, size_t n, char group)
{
  for (size_t i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        *out++ = group;
      *out++ = digits[i];
    }
  return out;
}

/* "[-]DIGITS[.DECIMALS]" with @min_decimals or more decimals (zeros
 * added), punctuated for @language, into @buf of @size bytes. false if
 * @text is not such a number or does not fit. */
static bool
format_number (const char *text, const char *language, size_t min_decimals, char *buf,
               size_t size)
{
  bool en = is_english (language), negative = text[0] == '-';
  const char *digits = negative ? text + 1 : text, *dot = strchr (digits, '.');
  size_t n_int = dot ? (size_t) (dot - digits) : strlen (digits);
  size_t n_dec = dot ? strlen (dot + 1) : 0, n_out = n_dec > min_decimals ? n_dec : min_decimals;
  char tmp[96], *p = tmp;

  if (n_int == 0 || strspn (digits, "0123456789") != n_int
      || (dot && (n_dec == 0 || strspn (dot + 1, "0123456789") != n_dec))
      || n_int + n_int / 3 + n_out + 3 > sizeof tmp)
    return false;
  if (negative)
    *p++ = '-';
  p = put_grouped (p, digits, n_int, en ? ',' : '.');
  if (n_out > 0)
    {
      *p++ = en ? '.' : ',';
      for (size_t i = 0; i < n_out; i++)
        *p++ = i < n_dec ? dot[1 + i] : '0';
    }
  *p = '\0';
  if ((size_t) (p - tmp) + 1 > size)
    return false;
  memcpy (buf, tmp, (size_t) (p - tmp) + 1);
  return true;
}

char *
dokus_pdf_format_money (DokusCents c, const char *language, char buf[DOKUS_PDF_MONEY_TEXT])
{
  char plain[DOKUS_MONEY_TEXT], number[40];
  const char *abs_text;

  assert (buf != NULL);
  dokus_cents_format (c, plain); /* "-1234.56" */
  abs_text = plain[0] == '-' ? plain + 1 : plain;
  if (!format_number (abs_text, language, 2, number, sizeof number))
    snprintf (number, sizeof number, "%s", abs_text);
  if (is_english (language))
    snprintf (buf, DOKUS_PDF_MONEY_TEXT, "%s€%s", c < 0 ? "-" : "", number);
  else
    snprintf (buf, DOKUS_PDF_MONEY_TEXT, "%s%s €", c < 0 ? "-" : "", number);
  return buf;
}

char *
dokus_pdf_format_date (DokusDate d, const char *language, char buf[DOKUS_PDF_DATE_TEXT])
{
  bool de = language != NULL && strcmp (language, "de") == 0;

  assert (buf != NULL);
  snprintf (buf, DOKUS_PDF_DATE_TEXT, de ? "%02u.%02u.%04ld" : "%02u/%02u/%04ld",
            (unsigned) d.day, (unsigned) d.month, (long) d.year);
  return buf;
}

const char *
dokus_render_date (const char *iso, const char *language, char buf[DOKUS_PDF_DATE_TEXT])
{
  DokusDate d;

  if (iso == NULL || dokus_date_parse (iso, NULL, &d, NULL) != DOKUS_OK)
    return iso ? iso : "";
  return dokus_pdf_format_date (d, language, buf);
}

const char *
dokus_render_amount (const char *text, const char *language, char buf[DOKUS_PDF_MONEY_TEXT])
{
  DokusCents c;

  if (text == NULL || dokus_cents_parse (text, NULL, &c, NULL) != DOKUS_OK)
    return text ? text : "";
  return dokus_pdf_format_money (c, language, buf);
}

const char *
dokus_render_decimal (const char *text, const char *language, char buf[DOKUS_PDF_MONEY_TEXT])
{
  if (text == NULL || !format_number (text, language, 0, buf, DOKUS_PDF_MONEY_TEXT))
    return text ? text : "";
  return buf;
}

const char *
dokus_render_price (const char *text, const char *language, char buf[DOKUS_PDF_MONEY_TEXT])
{
  char number[40];
  bool negative = text != NULL && text[0] == '-';

  if (text == NULL || !format_number (negative ? text + 1 : text, language, 2, number,
                                      sizeof number))
    return text ? text : "";
  if (is_english (language))
    snprintf (buf, DOKUS_PDF_MONEY_TEXT, "%s€%s", negative ? "-" : "", number);
  else
    snprintf (buf, DOKUS_PDF_MONEY_TEXT, "%s%s €", negative ? "-" : "", number);
  return buf;
}

const char *
dokus_render_percent (const char *text, const char *language, char buf[DOKUS_PDF_MONEY_TEXT])
{
  char number[40];

  if (text == NULL || !format_number (text, language, 0, number, sizeof number))
    return text ? text : "";
  /* a space before % in nl, fr and de; none in English */
  snprintf (buf, DOKUS_PDF_MONEY_TEXT, is_english (language) ? "%s%%" : "%s %%", number);
  return buf;
}

/* dokus-money.c
 *
 * Parsing, formatting and exact arithmetic for cents and fixed-point
 * decimals. Products are computed in 128-bit integers and rounded once,
 * half away from zero, as EN 16931 requires; there is no floating point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "dokus/dokus-money.h"

/* GCC and Clang, on every target Dokus builds for (x86_64, aarch64, mingw-w64) */
__extension__ typedef __int128 Int128;

/* |units| < 10^15: the product of two decimals then stays below 10^30 */
#define DECIMAL_MAX_DIGITS 15

static Int128
pow10_wide (unsigned k)
{
  Int128 p = 1;

  assert (k <= 38);
  while (k-- > 0)
    p *= 10;
  return p;
}

/* n / d rounded half away from zero; d > 0 */
static Int128
divide_rounded (Int128 n, Int128 d)
{
  Int128 q = n / d;
  Int128 r = n % d;

  assert (d > 0);
  if (r < 0)
    r = -r;
  if (r >= d - r) /* 2r >= d, without overflowing */
    q += n < 0 ? -1 : 1;
  return q;
}

static bool
fits_cents (Int128 v)
{
  return v >= INT64_MIN && v <= INT64_MAX;
}

static bool
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* Writes [-]mag with @scale decimals ("0.05" for 5, scale 2) into buf. */
static char *
format_scaled (bool negative, uint64_t mag, unsigned scale, char buf[DOKUS_MONEY_TEXT])
{
  char digits[DOKUS_MONEY_TEXT];
  size_t n = 0, len, pos = 0;

  assert (scale <= DOKUS_DECIMAL_MAX_SCALE);
  do
    {
      digits[n++] = (char) ('0' + mag % 10);
      mag /= 10;
    }
  while (mag > 0);
  while (n <= scale) /* at least one digit before the point */
    digits[n++] = '0';
  len = n;
  if (negative)
    buf[pos++] = '-';
  for (size_t i = len; i > 0; i--)
    {
      if (i == scale && scale > 0)
        buf[pos++] = '.';
      buf[pos++] = digits[i - 1];
    }
  buf[pos] = '\0';
  return buf;
}

static uint64_t
magnitude (int64_t v)
{
  return v < 0 ? (uint64_t) 0 - (uint64_t) v : (uint64_t) v;
}

DokusStatus
dokus_decimal_parse (const char *text, unsigned max_scale, const char *field,
                     DokusDecimal *out, DokusError *err)
{
  const char *p = text;
  unsigned scale = 0, significant = 0;
  bool negative = false, in_fraction = false;
  int64_t units = 0;

  assert (out != NULL);
  assert (max_scale <= DOKUS_DECIMAL_MAX_SCALE);

  if (text == NULL || text[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "a number is required (e.g. 12 or 12.50)");

  /* syntax first, so that "1.234x" is called not a number rather than too precise */
  if (*p == '-')
    p++;
  if (!is_digit (*p))
    goto not_a_number;
  while (is_digit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      if (!is_digit (*p))
        goto not_a_number;
      while (is_digit (*p))
        p++;
    }
  if (*p != '\0')
    goto not_a_number;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '-')
        {
          negative = true;
          continue;
        }
      if (*p == '.')
        {
          in_fraction = true;
          continue;
        }
      if (in_fraction)
        scale++;
      if (units > 0 || *p != '0')
        significant++;
      if (significant <= DECIMAL_MAX_DIGITS)
        units = units * 10 + (*p - '0');
    }
  if (scale > max_scale)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%.40s' has %u decimals: at most %u decimals are allowed", text,
                            scale, max_scale);
  if (significant > DECIMAL_MAX_DIGITS)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%.40s' is too large: at most %d digits are allowed "
                            "(e.g. 9999999999999.99)",
                            text, DECIMAL_MAX_DIGITS);
  out->units = negative ? -units : units;
  out->scale = (uint8_t) scale;
  return DOKUS_OK;

not_a_number:
  if (strchr (text, ',') != NULL)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "'%.40s' is not a number: use '.' for decimals and no thousands "
                            "separators (e.g. 1234.5)",
                            text);
  return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                          "'%.40s' is not a number: expected digits, an optional leading '-' "
                          "and optional decimals after '.' (e.g. -1234.5)",
                          text);
}

DokusStatus
dokus_cents_parse (const char *text, const char *field, DokusCents *out, DokusError *err)
{
  DokusDecimal d;
  DokusStatus st;

  assert (out != NULL);
  st = dokus_decimal_parse (text, 2, field, &d, err);
  if (st != DOKUS_OK)
    return st;
  /* |units| < 10^15, so at most 10^17 cents: no overflow */
  *out = d.units * (d.scale == 0 ? 100 : d.scale == 1 ? 10 : 1);
  return DOKUS_OK;
}

char *
dokus_cents_format (DokusCents c, char buf[DOKUS_MONEY_TEXT])
{
  assert (buf != NULL);
  return format_scaled (c < 0, magnitude (c), 2, buf);
}

char *
dokus_decimal_format (DokusDecimal d, char buf[DOKUS_MONEY_TEXT])
{
  assert (buf != NULL);
  assert (d.scale <= DOKUS_DECIMAL_MAX_SCALE);
  while (d.scale > 0 && d.units % 10 == 0)
    {
      d.units /= 10;
      d.scale--;
    }
  return format_scaled (d.units < 0, magnitude (d.units), d.scale, buf);
}

DokusDecimal
dokus_decimal_from_int (int64_t v)
{
  return (DokusDecimal) { .units = v, .scale = 0 };
}

int
dokus_decimal_cmp (DokusDecimal a, DokusDecimal b)
{
  unsigned scale;
  Int128 x, y;

  assert (a.scale <= DOKUS_DECIMAL_MAX_SCALE && b.scale <= DOKUS_DECIMAL_MAX_SCALE);
  scale = a.scale > b.scale ? a.scale : b.scale;
  /* |units| < 2^63 times at most 10^9 < 2^30 fits in 128 bits */
  x = (Int128) a.units * pow10_wide (scale - a.scale);
  y = (Int128) b.units * pow10_wide (scale - b.scale);
  return (x > y) - (x < y);
}

bool
dokus_decimal_is_zero (DokusDecimal d)
{
  return d.units == 0;
}

DokusStatus
dokus_decimal_product_cents (DokusDecimal a, DokusDecimal b, DokusDecimal c, unsigned shift,
                             DokusCents *out, DokusError *err)
{
  unsigned exponent;
  Int128 p;

  assert (out != NULL);
  assert (a.scale <= DOKUS_DECIMAL_MAX_SCALE && b.scale <= DOKUS_DECIMAL_MAX_SCALE
          && c.scale <= DOKUS_DECIMAL_MAX_SCALE && shift <= DOKUS_DECIMAL_MAX_SCALE);

  /* two factors below 2^63 cannot overflow 128 bits; the third can */
  p = (Int128) a.units * b.units;
  if (__builtin_mul_overflow (p, (Int128) c.units, &p))
    goto overflow;
  exponent = a.scale + b.scale + c.scale + shift; /* at most 36: 10^36 < 2^127 */
  if (exponent >= 2)
    p = divide_rounded (p, pow10_wide (exponent - 2));
  else if (__builtin_mul_overflow (p, pow10_wide (2 - exponent), &p))
    goto overflow;
  if (!fits_cents (p))
    goto overflow;
  *out = (DokusCents) p;
  return DOKUS_OK;

overflow:
  return dokus_error_set (err, DOKUS_ERR_INVALID, "",
                          "the amount is too large: at most 92233720368547758.07 is supported");
}

DokusCents
dokus_cents_percent (DokusCents base, DokusDecimal rate)
{
  Int128 p;

  assert (rate.scale <= DOKUS_DECIMAL_MAX_SCALE);
  /* both factors below 2^63: exact in 128 bits */
  p = divide_rounded ((Int128) base * rate.units, pow10_wide (rate.scale + 2u));
  assert (fits_cents (p));
  return (DokusCents) p;
}

DokusStatus
dokus_cents_add (DokusCents a, DokusCents b, DokusCents *out, DokusError *err)
{
  DokusCents sum;

  assert (out != NULL);
  if (__builtin_add_overflow (a, b, &sum))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "",
                            "the sum is too large: at most 92233720368547758.07 is supported");
  *out = sum;
  return DOKUS_OK;
}

/* dokus-validate-decimal.c
 *
 * xs:decimal arithmetic for the rules, exact: 128-bit fixed point with
 * DOKUS_VAL_DEC_SCALE decimals. XPath's round() rounds half towards
 * positive infinity (round(-2.5) = -2), which the EN 16931 rules rely on
 * in their "round(x * 10 * 10) div 100" idiom; no floating point anywhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <string.h>

#include "dokus-validate-private.h"

static const __int128 ONE = (__int128) 1000000000000LL; /* 10^DOKUS_VAL_DEC_SCALE */
/* values above 10^24 are refused at parse time, so sums and products of
 * two real amounts stay far inside 128 bits */
#define MAX_INT_DIGITS 24

static bool
is_ws (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool
dokus_val_dec_parse (const char *text, DokusValDec *out)
{
  const char *p = text;
  bool neg = false, digits = false;
  __int128 v = 0;
  int int_digits = 0, frac = 0;

  if (text == NULL)
    return false;
  while (is_ws (*p))
    p++;
  if (*p == '-' || *p == '+')
    neg = *p++ == '-';
  for (; *p >= '0' && *p <= '9'; p++)
    {
      digits = true;
      if (v == 0 && *p == '0')
        continue;
      if (++int_digits > MAX_INT_DIGITS)
        return false;
      v = v * 10 + (*p - '0');
    }
  v *= ONE;
  if (*p == '.')
    {
      __int128 scale = ONE / 10;
      for (p++; *p >= '0' && *p <= '9'; p++)
        {
          digits = true;
          if (++frac > DOKUS_VAL_DEC_SCALE)
            {
              if (*p != '0')
                return false;
              continue;
            }
          v += (*p - '0') * scale;
          scale /= 10;
        }
    }
  while (is_ws (*p))
    p++;
  if (!digits || *p != '\0')
    return false;
  out->v = neg ? -v : v;
  return true;
}

bool
dokus_val_dec_of (DokusValCtx *v, const xmlNode *n, DokusValDec *out)
{
  if (n == NULL)
    return false;
  return dokus_val_dec_parse (dokus_val_text (v, n), out);
}

bool
dokus_val_dec_at (DokusValCtx *v, const xmlNode *ctx, const char *path, DokusValDec *out)
{
  return dokus_val_dec_of (v, dokus_val_first (ctx, path), out);
}

DokusValDec
dokus_val_dec_int (int64_t i)
{
  DokusValDec d = { (__int128) i * ONE };
  return d;
}

DokusValDec
dokus_val_dec_add (DokusValDec a, DokusValDec b)
{
  DokusValDec d = { a.v + b.v };
  return d;
}

DokusValDec
dokus_val_dec_sub (DokusValDec a, DokusValDec b)
{
  DokusValDec d = { a.v - b.v };
  return d;
}

/* |x| split into high and low parts around ONE, so that products of two
 * parsed values (each below 10^36 in units) never overflow. */
DokusValDec
dokus_val_dec_mul (DokusValDec a, DokusValDec b)
{
  __int128 ai = a.v / ONE, af = a.v % ONE;
  DokusValDec d;
  /* a × b / ONE = ai × b + af × b / ONE; af × b may still be large: split b too */
  __int128 bi = b.v / ONE, bf = b.v % ONE;
  d.v = ai * b.v + af * bi + (af * bf) / ONE;
  return d;
}

DokusValDec
dokus_val_dec_div (DokusValDec a, DokusValDec b)
{
  DokusValDec d = { 0 };
  __int128 q, r;

  assert (b.v != 0);
  q = a.v / b.v;
  r = a.v % b.v;
  d.v = q * ONE;
  /* long division for the decimals */
  for (__int128 s = ONE / 10; s > 0; s /= 10)
    {
      r *= 10;
      d.v += (r / b.v) * s;
      r %= b.v;
    }
  return d;
}

int
dokus_val_dec_cmp (DokusValDec a, DokusValDec b)
{
  return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
}

bool
dokus_val_dec_is_zero (DokusValDec a)
{
  return a.v == 0;
}

/* floor(x / unit) * unit for a positive unit */
static __int128
floor_to (__int128 x, __int128 unit)
{
  __int128 q = x / unit;
  if (x % unit != 0 && x < 0)
    q--;
  return q * unit;
}

DokusValDec
dokus_val_dec_round2 (DokusValDec a)
{
  __int128 unit = ONE / 100;
  DokusValDec d = { floor_to (a.v + unit / 2, unit) };
  return d;
}

DokusValDec
dokus_val_dec_round0 (DokusValDec a)
{
  DokusValDec d = { floor_to (a.v + ONE / 2, ONE) };
  return d;
}

size_t
dokus_val_decimals (const char *text)
{
  const char *dot;
  if (text == NULL || (dot = strchr (text, '.')) == NULL)
    return 0;
  return strlen (dot + 1);
}

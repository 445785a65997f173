/* dokus-money.h
 *
 * Money and fixed-point decimals, exact in integers. Amounts are EUR
 * cents (DokusCents); quantities, unit prices, percentages and VAT rates
 * are decimals with their scale as written (DokusDecimal). Rounding to
 * cents is half away from zero (EN 16931): 0.005 -> 0.01, -0.005 -> -0.01.
 * Nothing here uses floating point.
 *
 * Limits: a parsed decimal has |units| < 10^15 (at most 15 digits, leading
 * zeros not counted) and a scale of at most DOKUS_DECIMAL_MAX_SCALE, so the
 * product of two decimals is always exact in 128 bits; products of three
 * and results that do not fit in DokusCents are checked and refused.
 * Functions taking a DokusDecimal assert that its scale is at most
 * DOKUS_DECIMAL_MAX_SCALE (dokus_decimal_parse() never returns more).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "dokus-error.h"
#include "dokus-types.h"

typedef int64_t DokusCents;                                    /* EUR minor units */
typedef struct { int64_t units; uint8_t scale; } DokusDecimal; /* 0.3333 = {3333, 4} */

/* Room for any formatted amount or decimal, NUL included. */
#define DOKUS_MONEY_TEXT 32

/* The largest scale (decimals) a DokusDecimal may have. */
#define DOKUS_DECIMAL_MAX_SCALE 9

/* Parses @text strictly: an optional '-', one or more digits, and
 * optionally '.' followed by one or more digits ("12", "-0.5", "1.50").
 * Refused with DOKUS_ERR_INVALID (err->field = @field): NULL or empty
 * text, '+', spaces, exponents, ',' or other separators, a leading or
 * trailing '.', more than @max_scale decimals ("at most N decimals";
 * trailing zeros count: "1.500" has 3), and 15 or more significant
 * digits (|units| must be below 10^15).
 * @max_scale: at most DOKUS_DECIMAL_MAX_SCALE (asserted).
 * @field: names the input in errors, e.g. "lines[2].quantity"; nullable.
 * @out (OUT): the value with the scale as written ("1.50" -> {150, 2});
 * untouched on error. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_decimal_parse (const char *text, unsigned max_scale, const char *field,
                                 DokusDecimal *out, DokusError *err);

/* Parses a money amount: dokus_decimal_parse() with at most 2 decimals,
 * "12" -> 1200, "-0.05" -> -5. Statuses as dokus_decimal_parse().
 * @out (OUT): cents; untouched on error. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_cents_parse (const char *text, const char *field, DokusCents *out,
                               DokusError *err);

/* Writes @c with exactly two decimals and no separators: "1234.50",
 * "-0.05", "0.00". Any value fits, INT64_MIN included. Returns @buf. */
DOKUS_PUBLIC char *dokus_cents_format (DokusCents c, char buf[DOKUS_MONEY_TEXT]);

/* Writes the shortest exact form of @d (trailing zeros and a trailing '.'
 * dropped): {2100, 2} -> "21", {3333, 4} -> "0.3333", {150, 2} -> "1.5",
 * {-5, 1} -> "-0.5", {0, 3} -> "0". Returns @buf. */
DOKUS_PUBLIC char *dokus_decimal_format (DokusDecimal d, char buf[DOKUS_MONEY_TEXT]);

/* The integer @v as a decimal of scale 0. */
DOKUS_PUBLIC DokusDecimal dokus_decimal_from_int (int64_t v);

/* Compares the values exactly, whatever the scales ({150, 2} equals
 * {15, 1}): negative, 0 or positive as @a is below, equal to or above @b. */
DOKUS_PUBLIC int dokus_decimal_cmp (DokusDecimal a, DokusDecimal b);

/* true if @d is zero, at any scale. */
DOKUS_PUBLIC bool dokus_decimal_is_zero (DokusDecimal d);

/* Computes round(@a × @b × @c / 10^@shift) in cents, half away from zero,
 * exactly. Pass dokus_decimal_from_int (1) as @c for a product of two.
 * Line net: q × p (shift 0); discount: q × p × pct (shift 2); VAT:
 * base × rate (shift 2), base as a decimal of scale 2.
 * @shift: at most DOKUS_DECIMAL_MAX_SCALE (asserted).
 * Returns DOKUS_ERR_INVALID when the exact product or the rounded result
 * does not fit (|result| must fit in DokusCents); err->field is left ""
 * for the caller, which knows which input it was, to fill in.
 * @out (OUT): untouched on error. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_decimal_product_cents (DokusDecimal a, DokusDecimal b, DokusDecimal c,
                                         unsigned shift, DokusCents *out, DokusError *err);

/* round(@base × @rate / 100), half away from zero: the VAT on a taxable
 * amount, @rate in percent ({21, 0} or {6, 0}; {5, 1} for 0.5 %).
 * The result cannot overflow when |@rate| <= 100; a result that does not
 * fit in DokusCents is a caller bug and asserted. */
DOKUS_PUBLIC DokusCents dokus_cents_percent (DokusCents base, DokusDecimal rate);

/* *@out = @a + @b, or DOKUS_ERR_INVALID (err->field "") if the sum does not
 * fit in DokusCents; @out is untouched on error. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_cents_add (DokusCents a, DokusCents b, DokusCents *out, DokusError *err);

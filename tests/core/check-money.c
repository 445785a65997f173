/* check-money.c
 *
 * Suite "money": parsing and formatting cents and decimals, exact products
 * rounded half away from zero, and refusal of bad text and overflow.
 * Every expected figure is worked out by hand in the comment next to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <string.h>

#include "dokus-test-helpers.h"

static DokusDecimal
dec (int64_t units, uint8_t scale)
{
  return (DokusDecimal) { .units = units, .scale = scale };
}

static DokusDecimal
parse_ok (const char *text, unsigned max_scale)
{
  DokusDecimal d = { 0 };
  DokusError err = { 0 };
  DokusStatus st = dokus_decimal_parse (text, max_scale, "x", &d, &err);

  ck_assert_msg (st == DOKUS_OK, "parsing '%s': %s", text, err.message);
  return d;
}

/* fails unless @text is refused with DOKUS_ERR_INVALID naming the field;
 * returns the message */
static const char *
parse_refused (const char *text, unsigned max_scale)
{
  static DokusError err;
  DokusDecimal d = { 77, 1 };

  memset (&err, 0, sizeof err);
  ck_assert_msg (dokus_decimal_parse (text, max_scale, "lines[2].quantity", &d, &err)
                   == DOKUS_ERR_INVALID,
                 "'%s' was accepted", text ? text : "(null)");
  ck_assert_int_eq (err.code, DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "lines[2].quantity");
  ck_assert (err.message[0] != '\0');
  ck_assert_int_eq (d.units, 77); /* untouched */
  return err.message;
}

static DokusCents
product (DokusDecimal a, DokusDecimal b, DokusDecimal c, unsigned shift)
{
  DokusCents out = 0;
  DokusError err = { 0 };
  DokusStatus st = dokus_decimal_product_cents (a, b, c, shift, &out, &err);

  ck_assert_msg (st == DOKUS_OK, "product: %s", err.message);
  return out;
}

static DokusCents
times (DokusDecimal a, DokusDecimal b)
{
  return product (a, b, dokus_decimal_from_int (1), 0);
}

START_TEST (test_money_parses_decimals_keeping_scale)
{
  DokusDecimal d;

  d = parse_ok ("1.50", 4);
  ck_assert_int_eq (d.units, 150);
  ck_assert_int_eq (d.scale, 2);
  d = parse_ok ("0.3333", 4);
  ck_assert_int_eq (d.units, 3333);
  ck_assert_int_eq (d.scale, 4);
  d = parse_ok ("-0.5", 4);
  ck_assert_int_eq (d.units, -5);
  ck_assert_int_eq (d.scale, 1);
  d = parse_ok ("12", 0);
  ck_assert_int_eq (d.units, 12);
  ck_assert_int_eq (d.scale, 0);
  d = parse_ok ("007", 2); /* leading zeros are harmless */
  ck_assert_int_eq (d.units, 7);
  d = parse_ok ("-0", 2);
  ck_assert (dokus_decimal_is_zero (d));
  d = parse_ok ("0.000000001", DOKUS_DECIMAL_MAX_SCALE);
  ck_assert_int_eq (d.units, 1);
  ck_assert_int_eq (d.scale, 9);
}
END_TEST

START_TEST (test_money_parses_cents)
{
  DokusCents c = 0;
  DokusError err = { 0 };

  ck_assert_int_eq (dokus_cents_parse ("12", "total", &c, &err), DOKUS_OK);
  ck_assert_int_eq (c, 1200);  /* 12 -> 12.00 */
  ck_assert_int_eq (dokus_cents_parse ("1234.5", "total", &c, &err), DOKUS_OK);
  ck_assert_int_eq (c, 123450);
  ck_assert_int_eq (dokus_cents_parse ("-0.05", "total", &c, &err), DOKUS_OK);
  ck_assert_int_eq (c, -5);
  ck_assert_int_eq (dokus_cents_parse ("9999999999999.99", "total", &c, &err), DOKUS_OK);
  ck_assert_int_eq (c, INT64_C (999999999999999)); /* 15 digits: the largest */
}
END_TEST

START_TEST (test_money_refuses_bad_strings)
{
  const char *bad[] = { "1,5", "+1", "1e3", ".5", "", "1.", "--1", " 1", "1 ", "1.2.3", "-",
                        "1,000.00", "1 000", "abc", "0x10", "1.-5",
                        "\xd9\xa1" /* U+0661, an Arabic-Indic one */ };

  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    parse_refused (bad[i], 4);
  parse_refused (NULL, 4);
  ck_assert (strstr (parse_refused ("1,5", 4), "'.'") != NULL); /* says to use '.' */
}
END_TEST

START_TEST (test_money_refuses_too_many_decimals)
{
  DokusCents c = 42;
  DokusError err = { 0 };

  ck_assert_int_eq (dokus_cents_parse ("1.005", "lines[0].unit_price", &c, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "lines[0].unit_price");
  ck_assert_msg (strstr (err.message, "at most 2 decimals") != NULL, "%s", err.message);
  ck_assert_int_eq (c, 42);
  /* the scale is as written: trailing zeros count */
  ck_assert (strstr (parse_refused ("1.500", 2), "at most 2 decimals") != NULL);
  ck_assert (strstr (parse_refused ("0.33333", 4), "at most 4 decimals") != NULL);
  ck_assert (strstr (parse_refused ("1.5", 0), "at most 0 decimals") != NULL);
}
END_TEST

START_TEST (test_money_refuses_15_digits_and_more)
{
  DokusDecimal d;

  d = parse_ok ("999999999999999", 0); /* 10^15 − 1 */
  ck_assert_int_eq (d.units, INT64_C (999999999999999));
  d = parse_ok ("00000000000000000001", 0); /* leading zeros are not digits that count */
  ck_assert_int_eq (d.units, 1);
  ck_assert (strstr (parse_refused ("1000000000000000", 4), "15 digits") != NULL); /* 10^15 */
  ck_assert (strstr (parse_refused ("10000000000000.00", 4), "15 digits") != NULL);
  parse_refused ("-99999999999999999999999", 4);
}
END_TEST

START_TEST (test_money_formats_cents)
{
  char buf[DOKUS_MONEY_TEXT];

  ck_assert_str_eq (dokus_cents_format (123450, buf), "1234.50");
  ck_assert_str_eq (dokus_cents_format (-5, buf), "-0.05");
  ck_assert_str_eq (dokus_cents_format (0, buf), "0.00");
  ck_assert_str_eq (dokus_cents_format (100, buf), "1.00");
  ck_assert_str_eq (dokus_cents_format (-100000, buf), "-1000.00");
  /* 2^63 − 1 = 9223372036854775807 */
  ck_assert_str_eq (dokus_cents_format (INT64_MAX, buf), "92233720368547758.07");
  ck_assert_str_eq (dokus_cents_format (INT64_MIN, buf), "-92233720368547758.08");
}
END_TEST

START_TEST (test_money_formats_decimals_shortest)
{
  char buf[DOKUS_MONEY_TEXT];

  ck_assert_str_eq (dokus_decimal_format (dec (2100, 2), buf), "21");
  ck_assert_str_eq (dokus_decimal_format (dec (3333, 4), buf), "0.3333");
  ck_assert_str_eq (dokus_decimal_format (dec (150, 2), buf), "1.5");
  ck_assert_str_eq (dokus_decimal_format (dec (-5, 1), buf), "-0.5");
  ck_assert_str_eq (dokus_decimal_format (dec (0, 3), buf), "0");
  ck_assert_str_eq (dokus_decimal_format (dec (1000, 0), buf), "1000"); /* integer zeros stay */
  ck_assert_str_eq (dokus_decimal_format (dec (-1, 9), buf), "-0.000000001");
  ck_assert_str_eq (dokus_decimal_format (dec (1234567, 3), buf), "1234.567");
}
END_TEST

START_TEST (test_money_compares_across_scales)
{
  ck_assert_int_eq (dokus_decimal_cmp (dec (150, 2), dec (15, 1)), 0);    /* 1.50 = 1.5 */
  ck_assert_int_lt (dokus_decimal_cmp (dec (-5, 1), dec (0, 0)), 0);     /* -0.5 < 0 */
  ck_assert_int_gt (dokus_decimal_cmp (dec (1, 0), dec (9999, 4)), 0);   /* 1 > 0.9999 */
  ck_assert_int_lt (dokus_decimal_cmp (dec (3333, 4), dec (334, 3)), 0); /* 0.3333 < 0.334 */
  ck_assert_int_gt (dokus_decimal_cmp (dec (-1, 9), dec (-1, 0)), 0);    /* -1e-9 > -1 */
  ck_assert (dokus_decimal_is_zero (dec (0, 5)));
  ck_assert (!dokus_decimal_is_zero (dec (1, 9)));
  ck_assert_int_eq (dokus_decimal_from_int (-7).units, -7);
  ck_assert_int_eq (dokus_decimal_from_int (-7).scale, 0);
}
END_TEST

START_TEST (test_money_rounds_half_away_from_zero)
{
  /* 0.5 × 0.01 = 0.005 -> 0.01; its negative -0.005 -> -0.01 */
  ck_assert_int_eq (times (dec (5, 1), dec (1, 2)), 1);
  ck_assert_int_eq (times (dec (-5, 1), dec (1, 2)), -1);
  /* 0.0049999 × 1 = 0.0049999 -> 0.00, both signs */
  ck_assert_int_eq (times (dec (49999, 7), dokus_decimal_from_int (1)), 0);
  ck_assert_int_eq (times (dec (-49999, 7), dokus_decimal_from_int (1)), 0);
  /* 2.5 × 0.03 = 0.075 -> 0.08; -2.5 × 0.03 = -0.075 -> -0.08 */
  ck_assert_int_eq (times (dec (25, 1), dec (3, 2)), 8);
  ck_assert_int_eq (times (dec (-25, 1), dec (3, 2)), -8);
  /* 1 × 0.125 = 0.125 -> 0.13; 1 × 0.124 -> 0.12; 1 × -0.125 -> -0.13 */
  ck_assert_int_eq (times (dokus_decimal_from_int (1), dec (125, 3)), 13);
  ck_assert_int_eq (times (dokus_decimal_from_int (1), dec (124, 3)), 12);
  ck_assert_int_eq (times (dokus_decimal_from_int (1), dec (-125, 3)), -13);
}
END_TEST

START_TEST (test_money_line_nets_with_thirds)
{
  /* qty 3 × 33.333 = 99.999 -> 100.00 */
  ck_assert_int_eq (times (dokus_decimal_from_int (3), dec (33333, 3)), 10000);
  /* qty 0.3333 × 100.00 = 33.3300 -> 33.33 */
  ck_assert_int_eq (times (dec (3333, 4), dec (10000, 2)), 3333);
  /* qty 0.3333 × 10.00 = 3.333 -> 3.33 */
  ck_assert_int_eq (times (dec (3333, 4), dec (1000, 2)), 333);
  /* qty 0.3333 × 30.00 = 9.999 -> 10.00 */
  ck_assert_int_eq (times (dec (3333, 4), dec (3000, 2)), 1000);
  /* qty 0.3333 × 1.50 = 0.49995 -> 0.50 (the fifth decimal 5 rounds up) */
  ck_assert_int_eq (times (dec (3333, 4), dec (150, 2)), 50);
  /* credit line: qty -2 × 12.345 = -24.69 exactly */
  ck_assert_int_eq (times (dokus_decimal_from_int (-2), dec (12345, 3)), -2469);
}
END_TEST

START_TEST (test_money_discounts_and_vat)
{
  /* discount 10 % on qty 3 × 33.333: 99.999 × 10 / 100 = 9.9999 -> 10.00 */
  ck_assert_int_eq (product (dokus_decimal_from_int (3), dec (33333, 3),
                             dokus_decimal_from_int (10), 2),
                    1000);
  /* discount 12.5 % on qty 0.3333 × 150.00: 49.995 × 0.125 = 6.249375 -> 6.25 */
  ck_assert_int_eq (product (dec (3333, 4), dec (15000, 2), dec (125, 1), 2), 625);
  /* VAT 21 % on 100.05: 100.05 × 21 / 100 = 21.0105 -> 21.01 */
  ck_assert_int_eq (product (dec (10005, 2), dokus_decimal_from_int (21),
                             dokus_decimal_from_int (1), 2),
                    2101);
  ck_assert_int_eq (dokus_cents_percent (10005, dokus_decimal_from_int (21)), 2101);
  /* VAT 21 % on 2.50 = 0.525 -> 0.53; on -2.50 -> -0.53 */
  ck_assert_int_eq (dokus_cents_percent (250, dokus_decimal_from_int (21)), 53);
  ck_assert_int_eq (dokus_cents_percent (-250, dokus_decimal_from_int (21)), -53);
  /* VAT 6 % on 19.99 = 1.1994 -> 1.20 */
  ck_assert_int_eq (dokus_cents_percent (1999, dokus_decimal_from_int (6)), 120);
  /* 5.5 % of 10.00 = 0.55; 0 % of anything = 0 */
  ck_assert_int_eq (dokus_cents_percent (1000, dec (55, 1)), 55);
  ck_assert_int_eq (dokus_cents_percent (123456, dokus_decimal_from_int (0)), 0);
  /* 21 % of 0.02 = 0.0042 -> 0.00 */
  ck_assert_int_eq (dokus_cents_percent (2, dokus_decimal_from_int (21)), 0);
}
END_TEST

START_TEST (test_money_refuses_overflow)
{
  DokusDecimal big = dec (INT64_C (999999999999999), 0); /* 10^15 − 1, the parse limit */
  DokusCents out = 42;
  DokusError err = { 0 };

  /* (10^15)² = 10^30 EUR is far beyond 9.2 × 10^16 EUR */
  ck_assert_int_eq (dokus_decimal_product_cents (big, big, dokus_decimal_from_int (1), 0, &out,
                                                 &err),
                    DOKUS_ERR_INVALID);
  ck_assert (strstr (err.message, "too large") != NULL);
  /* (10^15)³ = 10^45 does not even fit in 128 bits (about 1.7 × 10^38) */
  ck_assert_int_eq (dokus_decimal_product_cents (big, big, big, 2, &out, &err), DOKUS_ERR_INVALID);
  ck_assert_int_eq (out, 42);
  /* near the limit, 2^63 − 1 = 9223372036854775807 cents:
   * 922337203685477 × 100 = 92233720368547700 EUR = 9223372036854770000 cents, 5807 below;
   * 922337203685478 × 100 = 9223372036854780000 cents, 4193 above */
  ck_assert_int_eq (times (dec (INT64_C (922337203685477), 0), dokus_decimal_from_int (100)),
                    INT64_C (9223372036854770000));
  ck_assert_int_eq (dokus_decimal_product_cents (dec (INT64_C (922337203685478), 0),
                                                 dokus_decimal_from_int (100),
                                                 dokus_decimal_from_int (1), 0, &out, NULL),
                    DOKUS_ERR_INVALID);
  /* the limit itself: 92233720368547758.07 × 1.0000 fits exactly; × 1.0001 does not */
  ck_assert_int_eq (dokus_decimal_product_cents (dec (INT64_C (9223372036854775807), 2),
                                                 dec (10000, 4), dokus_decimal_from_int (1), 0,
                                                 &out, NULL),
                    DOKUS_OK);
  ck_assert_int_eq (out, INT64_MAX);
  ck_assert_int_eq (dokus_decimal_product_cents (dec (INT64_C (9223372036854775807), 2),
                                                 dec (10001, 4), dokus_decimal_from_int (1), 0,
                                                 &out, NULL),
                    DOKUS_ERR_INVALID);

  ck_assert_int_eq (dokus_cents_add (150, -200, &out, &err), DOKUS_OK);
  ck_assert_int_eq (out, -50); /* 1.50 − 2.00 = -0.50 */
  ck_assert_int_eq (dokus_cents_add (INT64_MAX, 1, &out, &err), DOKUS_ERR_INVALID);
  ck_assert_int_eq (out, -50);
  ck_assert_int_eq (dokus_cents_add (INT64_MIN, -1, &out, NULL), DOKUS_ERR_INVALID);
}
END_TEST

static Suite *
money_suite (void)
{
  Suite *s = suite_create ("money");
  TCase *parse = tcase_create ("parse");
  TCase *format = tcase_create ("format");
  TCase *rounding = tcase_create ("rounding");
  TCase *limits = tcase_create ("limits");

  tcase_add_test (parse, test_money_parses_decimals_keeping_scale);
  tcase_add_test (parse, test_money_parses_cents);
  tcase_add_test (parse, test_money_refuses_bad_strings);
  tcase_add_test (parse, test_money_refuses_too_many_decimals);
  tcase_add_test (format, test_money_formats_cents);
  tcase_add_test (format, test_money_formats_decimals_shortest);
  tcase_add_test (format, test_money_compares_across_scales);
  tcase_add_test (rounding, test_money_rounds_half_away_from_zero);
  tcase_add_test (rounding, test_money_line_nets_with_thirds);
  tcase_add_test (rounding, test_money_discounts_and_vat);
  tcase_add_test (limits, test_money_refuses_15_digits_and_more);
  tcase_add_test (limits, test_money_refuses_overflow);
  suite_add_tcase (s, parse);
  suite_add_tcase (s, format);
  suite_add_tcase (s, rounding);
  suite_add_tcase (s, limits);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (money_suite ());
}

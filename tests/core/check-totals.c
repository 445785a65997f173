/* check-totals.c
 *
 * Suite "totals": dokus_totals_compute(), the EN 16931 arithmetic of a
 * sales document, on worked examples: line nets rounded per line, VAT
 * rounded once per category and rate (never per line), half away from
 * zero, mixed rates, allowances and charges, negative quantities, and the
 * input it refuses. Every expected figure is worked out by hand in the
 * comment next to it, never computed by the code under test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dokus-test-helpers.h"

static DokusDecimal
dec (int64_t units, uint8_t scale)
{
  return (DokusDecimal) { .units = units, .scale = scale };
}

/* A line of @category at @rate percent, no discount. */
static DokusTotalsLine
line (DokusDecimal quantity, DokusDecimal price, const char *category, DokusDecimal rate)
{
  DokusTotalsLine l = { .quantity = quantity, .unit_price = price, .vat_rate = rate };
  snprintf (l.vat_category, sizeof l.vat_category, "%s", category);
  return l;
}

static DokusTotalsAdjustment
adjustment (bool is_charge, DokusCents amount, const char *category, DokusDecimal rate)
{
  DokusTotalsAdjustment a = { .is_charge = is_charge, .amount = amount, .vat_rate = rate };
  snprintf (a.vat_category, sizeof a.vat_category, "%s", category);
  return a;
}

static void
compute_ok (const DokusTotalsLine *lines, size_t n, const DokusTotalsAdjustment *adj,
            size_t n_adj, DokusCents *nets, DokusTotals *t)
{
  DokusError err = { 0 };
  DokusStatus st = dokus_totals_compute (lines, n, adj, n_adj, nets, t, &err);
  ck_assert_msg (st == DOKUS_OK, "compute: %s (%s)", err.message, err.field);
}

/* fails unless refused with DOKUS_ERR_INVALID naming @field */
static void
compute_refused (const DokusTotalsLine *lines, size_t n, const DokusTotalsAdjustment *adj,
                 size_t n_adj, const char *field)
{
  DokusError err = { 0 };
  DokusTotals t;
  ck_assert_int_eq (dokus_totals_compute (lines, n, adj, n_adj, NULL, &t, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_int_eq (err.code, DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, field);
  ck_assert (err.message[0] != '\0');
}

static void
assert_group (const DokusTotals *t, size_t i, const char *category, DokusDecimal rate,
              DokusCents taxable, DokusCents tax)
{
  ck_assert_uint_lt (i, t->n_groups);
  ck_assert_str_eq (t->groups[i].category, category);
  ck_assert_msg (dokus_decimal_cmp (t->groups[i].rate, rate) == 0, "group %u: rate %lld/%u",
                 (unsigned) i, (long long) t->groups[i].rate.units, t->groups[i].rate.scale);
  ck_assert_int_eq (t->groups[i].taxable_amount, taxable);
  ck_assert_int_eq (t->groups[i].tax_amount, tax);
}

/* ---- rounding ---------------------------------------------------------------- */

START_TEST (test_totals_three_times_33_333)
{
  DokusTotalsLine l = line (dec (3, 0), dec (33333, 3), "S", dec (21, 0));
  DokusCents net;
  DokusTotals t;

  compute_ok (&l, 1, NULL, 0, &net, &t);
  /* qty 3 × 33.333 = 99.999 -> 100.00; VAT 21 % of 100.00 = 21.00; total 121.00 */
  ck_assert_int_eq (net, 10000);
  ck_assert_int_eq (t.line_extension_amount, 10000);
  ck_assert_int_eq (t.tax_exclusive_amount, 10000);
  ck_assert_int_eq (t.tax_amount, 2100);
  ck_assert_int_eq (t.tax_inclusive_amount, 12100);
  ck_assert_int_eq (t.prepaid_amount, 0);
  ck_assert_int_eq (t.payable_amount, 12100);
  ck_assert_uint_eq (t.n_groups, 1);
  assert_group (&t, 0, "S", dec (21, 0), 10000, 2100);
}
END_TEST

START_TEST (test_totals_rounds_vat_per_rate_not_per_line)
{
  DokusTotalsLine lines[10];
  DokusCents nets[10];
  DokusTotals t;

  for (int i = 0; i < 10; i++)
    lines[i] = line (dec (1, 0), dec (15, 2), "S", dec (21, 0));
  compute_ok (lines, 10, NULL, 0, nets, &t);
  /* ten lines of 1 × 0.15 = 0.15 each, taxable 10 × 0.15 = 1.50.
   * Per rate (BR-CO-17, what Dokus does): 1.50 × 21 % = 0.315 -> 0.32.
   * Per line (wrong):  0.15 × 21 % = 0.0315 -> 0.03, × 10 = 0.30.
   * Total 1.50 + 0.32 = 1.82 (per line it would have been 1.80). */
  for (int i = 0; i < 10; i++)
    ck_assert_int_eq (nets[i], 15);
  ck_assert_int_eq (t.line_extension_amount, 150);
  ck_assert_int_eq (t.tax_amount, 32);
  ck_assert_int_eq (t.tax_inclusive_amount, 182);
  assert_group (&t, 0, "S", dec (21, 0), 150, 32);
}
END_TEST

START_TEST (test_totals_rounds_line_nets_per_line)
{
  DokusTotalsLine lines[3];
  DokusCents nets[3];
  DokusTotals t;

  for (int i = 0; i < 3; i++)
    lines[i] = line (dec (3333, 4), dec (150, 0), "S", dec (21, 0));
  compute_ok (lines, 3, NULL, 0, nets, &t);
  /* each line: 0.3333 × 150 = 49.995 -> 50.00 (half away from zero), so the
   * nets add up to 150.00, not to round(0.9999 × 150 = 149.985) = 149.99;
   * VAT 150.00 × 21 % = 31.50; total 181.50 */
  for (int i = 0; i < 3; i++)
    ck_assert_int_eq (nets[i], 5000);
  ck_assert_int_eq (t.line_extension_amount, 15000);
  ck_assert_int_eq (t.tax_amount, 3150);
  ck_assert_int_eq (t.tax_inclusive_amount, 18150);
}
END_TEST

START_TEST (test_totals_many_lines_with_fractional_cents)
{
  DokusTotalsLine lines[100];
  DokusCents nets[100];
  DokusTotals t;

  for (int i = 0; i < 100; i++)
    lines[i] = line (dec (3333, 4), dec (10, 2), "S", dec (6, 0));
  compute_ok (lines, 100, NULL, 0, nets, &t);
  /* each line 0.3333 × 0.10 = 0.03333 -> 0.03; 100 lines: 3.00;
   * VAT 3.00 × 6 % = 0.18; total 3.18 */
  ck_assert_int_eq (nets[0], 3);
  ck_assert_int_eq (nets[99], 3);
  ck_assert_int_eq (t.line_extension_amount, 300);
  ck_assert_int_eq (t.tax_amount, 18);
  ck_assert_int_eq (t.tax_inclusive_amount, 318);
}
END_TEST

START_TEST (test_totals_rounds_half_away_from_zero)
{
  DokusTotalsLine lines[2] = { line (dec (5, 1), dec (1, 2), "S", dec (21, 0)),
                               line (dec (-5, 1), dec (1, 2), "Z", dec (0, 0)) };
  DokusCents nets[2];
  DokusTotals t;

  compute_ok (lines, 2, NULL, 0, nets, &t);
  /* 0.5 × 0.01 = 0.005 -> 0.01; -0.5 × 0.01 = -0.005 -> -0.01 (not -0.00) */
  ck_assert_int_eq (nets[0], 1);
  ck_assert_int_eq (nets[1], -1);
  /* S 21 %: 0.01 × 21 % = 0.0021 -> 0.00; Z: 0; total 0.01 - 0.01 = 0.00 */
  ck_assert_int_eq (t.line_extension_amount, 0);
  ck_assert_int_eq (t.tax_amount, 0);

  /* VAT too: 2.50 × 21 % = 0.525 -> 0.53, and -2.50 × 21 % = -0.525 -> -0.53 */
  lines[0] = line (dec (1, 0), dec (250, 2), "S", dec (21, 0));
  compute_ok (lines, 1, NULL, 0, nets, &t);
  ck_assert_int_eq (t.tax_amount, 53);
  ck_assert_int_eq (t.tax_inclusive_amount, 303);
  lines[0] = line (dec (-1, 0), dec (250, 2), "S", dec (21, 0));
  compute_ok (lines, 1, NULL, 0, nets, &t);
  ck_assert_int_eq (nets[0], -250);
  ck_assert_int_eq (t.tax_amount, -53);
  ck_assert_int_eq (t.tax_inclusive_amount, -303);
}
END_TEST

START_TEST (test_totals_negative_quantity_returns_goods)
{
  DokusTotalsLine lines[2] = { line (dec (2, 0), dec (1000, 2), "S", dec (21, 0)),
                               line (dec (-1, 0), dec (250, 2), "S", dec (21, 0)) };
  DokusCents nets[2];
  DokusTotals t;

  compute_ok (lines, 2, NULL, 0, nets, &t);
  /* 2 × 10.00 = 20.00; returned: -1 × 2.50 = -2.50; taxable 17.50;
   * VAT 17.50 × 21 % = 3.675 -> 3.68; total 21.18 */
  ck_assert_int_eq (nets[0], 2000);
  ck_assert_int_eq (nets[1], -250);
  ck_assert_int_eq (t.line_extension_amount, 1750);
  ck_assert_int_eq (t.tax_amount, 368);
  ck_assert_int_eq (t.tax_inclusive_amount, 2118);
  ck_assert_uint_eq (t.n_groups, 1);
}
END_TEST

START_TEST (test_totals_discounts)
{
  DokusTotalsLine lines[3] = { line (dec (3, 0), dec (1999, 2), "S", dec (21, 0)),
                               line (dec (1, 0), dec (10, 2), "S", dec (21, 0)),
                               line (dec (7, 0), dec (4000, 2), "S", dec (21, 0)) };
  DokusCents nets[3];
  DokusTotals t;

  lines[0].discount_percent = dec (125, 1); /* 12.5 % */
  lines[1].discount_percent = dec (5, 0);   /* 5 % */
  lines[2].discount_percent = dec (100, 0); /* free */
  compute_ok (lines, 3, NULL, 0, nets, &t);
  /* line 1: 3 × 19.99 = 59.97; discount 59.97 × 12.5 % = 7.49625 -> 7.50;
   *         net 59.97 - 7.50 = 52.47
   * line 2: 1 × 0.10 = 0.10; discount 0.10 × 5 % = 0.005 -> 0.01; net 0.09
   * line 3: 7 × 40.00 = 280.00; discount 100 % = 280.00; net 0.00
   * taxable 52.47 + 0.09 + 0 = 52.56; VAT 52.56 × 21 % = 11.0376 -> 11.04;
   * total 63.60 */
  ck_assert_int_eq (nets[0], 5247);
  ck_assert_int_eq (nets[1], 9);
  ck_assert_int_eq (nets[2], 0);
  ck_assert_int_eq (t.line_extension_amount, 5256);
  ck_assert_int_eq (t.tax_amount, 1104);
  ck_assert_int_eq (t.tax_inclusive_amount, 6360);
}
END_TEST

/* ---- rates ------------------------------------------------------------------- */

START_TEST (test_totals_mixed_rates_allowances_and_charges)
{
  /* given out of order: the groups come out S 21, S 12, S 6, Z, E */
  DokusTotalsLine lines[5] = { line (dec (4, 0), dec (250, 2), "E", dec (0, 0)),
                               line (dec (3, 0), dec (1235, 2), "S", dec (6, 0)),
                               line (dec (2, 0), dec (5000, 2), "S", dec (21, 0)),
                               line (dec (1, 0), dec (1500, 2), "Z", dec (0, 0)),
                               line (dec (1, 0), dec (8004, 2), "S", dec (12, 0)) };
  DokusTotalsAdjustment adj[2] = { adjustment (false, 1000, "S", dec (21, 0)),
                                   adjustment (true, 499, "S", dec (6, 0)) };
  DokusCents nets[5];
  DokusTotals t;

  compute_ok (lines, 5, adj, 2, nets, &t);
  /* nets: E 4 × 2.50 = 10.00; S6 3 × 12.35 = 37.05; S21 2 × 50.00 = 100.00;
   *       Z 15.00; S12 80.04
   * S 21: 100.00 - allowance 10.00 = 90.00; VAT 90.00 × 21 % = 18.90
   * S 12: 80.04; VAT 80.04 × 12 % = 9.6048 -> 9.60
   * S 6:  37.05 + charge 4.99 = 42.04; VAT 42.04 × 6 % = 2.5224 -> 2.52
   * Z 0:  15.00; E 0: 10.00
   * BT-106 = 10.00 + 37.05 + 100.00 + 15.00 + 80.04 = 242.09
   * BT-109 = 242.09 - 10.00 + 4.99 = 237.08 (= 90.00 + 80.04 + 42.04 + 15 + 10)
   * BT-110 = 18.90 + 9.60 + 2.52 = 31.02; BT-112 = 268.10 */
  ck_assert_int_eq (nets[0], 1000);
  ck_assert_int_eq (nets[1], 3705);
  ck_assert_int_eq (nets[2], 10000);
  ck_assert_int_eq (nets[3], 1500);
  ck_assert_int_eq (nets[4], 8004);
  ck_assert_uint_eq (t.n_groups, 5);
  assert_group (&t, 0, "S", dec (21, 0), 9000, 1890);
  assert_group (&t, 1, "S", dec (12, 0), 8004, 960);
  assert_group (&t, 2, "S", dec (6, 0), 4204, 252);
  assert_group (&t, 3, "Z", dec (0, 0), 1500, 0);
  assert_group (&t, 4, "E", dec (0, 0), 1000, 0);
  ck_assert_int_eq (t.line_extension_amount, 24209);
  ck_assert_int_eq (t.allowance_total_amount, 1000);
  ck_assert_int_eq (t.charge_total_amount, 499);
  ck_assert_int_eq (t.tax_exclusive_amount, 23708);
  ck_assert_int_eq (t.tax_amount, 3102);
  ck_assert_int_eq (t.tax_inclusive_amount, 26810);
  ck_assert_int_eq (t.payable_amount, 26810);
}
END_TEST

START_TEST (test_totals_same_rate_at_other_scale_is_one_group)
{
  DokusTotalsLine lines[2] = { line (dec (1, 0), dec (1000, 2), "S", dec (21, 0)),
                               line (dec (1, 0), dec (1000, 2), "S", dec (2100, 2)) };
  DokusTotals t;

  compute_ok (lines, 2, NULL, 0, NULL, &t);
  /* 21 and 21.00 are one rate: one group of 20.00, VAT 4.20 */
  ck_assert_uint_eq (t.n_groups, 1);
  assert_group (&t, 0, "S", dec (21, 0), 2000, 420);
}
END_TEST

START_TEST (test_totals_allowance_on_its_own_rate)
{
  DokusTotalsLine l = line (dec (1, 0), dec (10000, 2), "S", dec (21, 0));
  DokusTotalsAdjustment adj[2] = { adjustment (true, 1234, "S", dec (21, 0)),
                                   adjustment (false, 333, "S", dec (21, 0)) };
  DokusTotals t;

  compute_ok (&l, 1, adj, 2, NULL, &t);
  /* 100.00 + charge 12.34 - allowance 3.33 = 109.01; VAT 109.01 × 21 % =
   * 22.8921 -> 22.89; total 131.90 */
  ck_assert_int_eq (t.line_extension_amount, 10000);
  ck_assert_int_eq (t.charge_total_amount, 1234);
  ck_assert_int_eq (t.allowance_total_amount, 333);
  ck_assert_int_eq (t.tax_exclusive_amount, 10901);
  ck_assert_int_eq (t.tax_amount, 2289);
  ck_assert_int_eq (t.tax_inclusive_amount, 13190);
}
END_TEST

/* ---- limits ------------------------------------------------------------------ */

START_TEST (test_totals_sixteen_groups_and_no_more)
{
  DokusTotalsLine lines[17];
  DokusTotalsAdjustment adj[2];
  DokusTotals t;

  /* rates 1 %, 2 %, ... 17 %: one group each */
  for (int i = 0; i < 17; i++)
    lines[i] = line (dec (1, 0), dec (100, 2), "S", dec (i + 1, 0));
  compute_ok (lines, 16, NULL, 0, NULL, &t);
  ck_assert_uint_eq (t.n_groups, 16);
  /* rate descending: 16 % first, 1 % last; 1.00 × 16 % = 0.16 */
  assert_group (&t, 0, "S", dec (16, 0), 100, 16);
  assert_group (&t, 15, "S", dec (1, 0), 100, 1);
  compute_refused (lines, 17, NULL, 0, "lines[16]");

  /* the 17th group may come from an adjustment: named by its own list */
  adj[0] = adjustment (false, 10, "S", dec (1, 0));
  adj[1] = adjustment (true, 10, "S", dec (17, 0));
  compute_refused (lines, 16, adj, 2, "charges[0]");
  adj[0] = adjustment (true, 10, "S", dec (1, 0));
  adj[1] = adjustment (false, 10, "S", dec (17, 0));
  compute_refused (lines, 16, adj, 2, "allowances[0]");
}
END_TEST

START_TEST (test_totals_refuses_bad_lines)
{
  DokusTotalsLine lines[2] = { line (dec (1, 0), dec (100, 2), "S", dec (21, 0)),
                               line (dec (1, 0), dec (-1, 2), "S", dec (21, 0)) };
  DokusTotalsAdjustment adj[2] = { adjustment (false, 100, "S", dec (21, 0)),
                                   adjustment (false, -1, "S", dec (21, 0)) };

  /* a negative unit price (BR-27): a return is a negative quantity */
  compute_refused (lines, 2, NULL, 0, "lines[1]");
  lines[1] = line (dec (1, 0), dec (100, 2), "S", dec (21, 0));
  lines[1].discount_percent = dec (10001, 2); /* 100.01 % */
  compute_refused (lines, 2, NULL, 0, "lines[1]");
  lines[1].discount_percent = dec (-1, 0);
  compute_refused (lines, 2, NULL, 0, "lines[1]");
  lines[1] = line (dec (1, 0), dec (100, 2), "X", dec (0, 0));
  compute_refused (lines, 2, NULL, 0, "lines[1]");
  lines[1] = line (dec (1, 0), dec (100, 2), "S", dec (10001, 2)); /* 100.01 % VAT */
  compute_refused (lines, 2, NULL, 0, "lines[1]");
  lines[1] = line (dec (1, 0), dec (100, 2), "S", dec (21, 0));
  /* a negative allowance */
  compute_refused (lines, 2, adj, 2, "allowances[1]");
  /* a product past DokusCents: 10^14 × 10^14 */
  lines[1] = line (dec (100000000000000, 0), dec (100000000000000, 0), "S", dec (21, 0));
  compute_refused (lines, 2, NULL, 0, "lines[1]");
}
END_TEST

START_TEST (test_totals_empty_document)
{
  DokusTotals t;
  compute_ok (NULL, 0, NULL, 0, NULL, &t);
  ck_assert_uint_eq (t.n_groups, 0);
  ck_assert_int_eq (t.tax_inclusive_amount, 0);
}
END_TEST

START_TEST (test_totals_category_index)
{
  ck_assert_int_eq (dokus_vat_category_index ("S"), 0);
  ck_assert_int_eq (dokus_vat_category_index ("AE"), 3);
  ck_assert_int_eq (dokus_vat_category_index ("O"), 6);
  ck_assert_int_eq (dokus_vat_category_index ("s"), -1);
  ck_assert_int_eq (dokus_vat_category_index (""), -1);
}
END_TEST

static Suite *
totals_suite (void)
{
  Suite *s = suite_create ("totals");
  TCase *rounding = tcase_create ("rounding");
  TCase *rates = tcase_create ("rates");
  TCase *limits = tcase_create ("limits");

  tcase_add_test (rounding, test_totals_three_times_33_333);
  tcase_add_test (rounding, test_totals_rounds_vat_per_rate_not_per_line);
  tcase_add_test (rounding, test_totals_rounds_line_nets_per_line);
  tcase_add_test (rounding, test_totals_many_lines_with_fractional_cents);
  tcase_add_test (rounding, test_totals_rounds_half_away_from_zero);
  tcase_add_test (rounding, test_totals_negative_quantity_returns_goods);
  tcase_add_test (rounding, test_totals_discounts);
  tcase_add_test (rates, test_totals_mixed_rates_allowances_and_charges);
  tcase_add_test (rates, test_totals_same_rate_at_other_scale_is_one_group);
  tcase_add_test (rates, test_totals_allowance_on_its_own_rate);
  tcase_add_test (limits, test_totals_sixteen_groups_and_no_more);
  tcase_add_test (limits, test_totals_refuses_bad_lines);
  tcase_add_test (limits, test_totals_empty_document);
  tcase_add_test (limits, test_totals_category_index);
  suite_add_tcase (s, rounding);
  suite_add_tcase (s, rates);
  suite_add_tcase (s, limits);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (totals_suite ());
}

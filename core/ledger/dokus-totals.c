/* dokus-totals.c
 *
 * EN 16931 document totals (see dokus-totals.h). The rounding rule lives
 * here and only here: the ledger, the UBL writer and the VAT return all take
 * their figures from this computation or from what it stored at issue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "dokus/dokus-totals.h"

static const char *const category_order[] = { "S", "Z", "E", "AE", "K", "G", "O" };

int
dokus_vat_category_index (const char *category)
{
  for (int i = 0; i < (int) (sizeof category_order / sizeof category_order[0]); i++)
    if (strcmp (category, category_order[i]) == 0)
      return i;
  return -1;
}

/* The group of (@category, @rate), added in order if new; NULL if full. */
static DokusVatGroup *
find_group (DokusTotals *t, const char *category, DokusDecimal rate)
{
  int ci = dokus_vat_category_index (category);
  size_t at = t->n_groups;

  for (size_t i = 0; i < t->n_groups; i++)
    {
      DokusVatGroup *g = &t->groups[i];
      int gi = dokus_vat_category_index (g->category);
      if (gi == ci && dokus_decimal_cmp (g->rate, rate) == 0)
        return g;
      /* keep S, Z, E, ... and within a category the higher rate first */
      if (at == t->n_groups && (ci < gi || (ci == gi && dokus_decimal_cmp (rate, g->rate) > 0)))
        at = i;
    }
  if (t->n_groups == DOKUS_VAT_GROUPS_MAX)
    return NULL;
  memmove (&t->groups[at + 1], &t->groups[at], (t->n_groups - at) * sizeof t->groups[0]);
  t->n_groups++;
  memset (&t->groups[at], 0, sizeof t->groups[at]);
  strcpy (t->groups[at].category, category_order[ci]);
  t->groups[at].rate = rate;
  return &t->groups[at];
}

static DokusStatus
check_rate (DokusDecimal rate, const char *field, DokusError *err)
{
  if (dokus_decimal_cmp (rate, dokus_decimal_from_int (0)) < 0
      || dokus_decimal_cmp (rate, dokus_decimal_from_int (100)) > 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field, "a VAT rate is between 0 and 100");
  return DOKUS_OK;
}

DokusStatus
dokus_totals_compute (const DokusTotalsLine *lines, size_t n_lines,
                      const DokusTotalsAdjustment *adjustments, size_t n_adjustments,
                      DokusCents *line_nets, DokusTotals *out, DokusError *err)
{
  const DokusDecimal one = dokus_decimal_from_int (1);
  char field[64];
  DokusStatus st;

  memset (out, 0, sizeof *out);
  for (size_t i = 0; i < n_lines; i++)
    {
      const DokusTotalsLine *l = &lines[i];
      DokusCents gross, discount = 0, net;
      DokusVatGroup *g;

      snprintf (field, sizeof field, "lines[%u]", (unsigned) i);
      if (dokus_vat_category_index (l->vat_category) < 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field, "unknown VAT category '%s'",
                                l->vat_category);
      if (dokus_decimal_cmp (l->unit_price, dokus_decimal_from_int (0)) < 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                "a unit price cannot be negative (BR-27): use a negative quantity");
      if (dokus_decimal_cmp (l->discount_percent, dokus_decimal_from_int (0)) < 0
          || dokus_decimal_cmp (l->discount_percent, dokus_decimal_from_int (100)) > 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                "a discount is between 0 and 100 percent");
      st = check_rate (l->vat_rate, field, err);
      if (st != DOKUS_OK)
        return st;
      /* line net = round(q × p) − round(q × p × d / 100), each to cents */
      st = dokus_decimal_product_cents (l->quantity, l->unit_price, one, 0, &gross, err);
      if (st == DOKUS_OK && !dokus_decimal_is_zero (l->discount_percent))
        st = dokus_decimal_product_cents (l->quantity, l->unit_price, l->discount_percent, 2,
                                          &discount, err);
      if (st != DOKUS_OK)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field, "amount out of range");
      net = gross - discount;
      if (line_nets != NULL)
        line_nets[i] = net;
      g = find_group (out, l->vat_category, l->vat_rate);
      if (g == NULL)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field, "more than %d VAT groups",
                                DOKUS_VAT_GROUPS_MAX);
      if (dokus_cents_add (g->taxable_amount, net, &g->taxable_amount, err) != DOKUS_OK
          || dokus_cents_add (out->line_extension_amount, net, &out->line_extension_amount, err)
                 != DOKUS_OK)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field, "amount out of range");
    }
  for (size_t i = 0, n_charges = 0, n_allowances = 0; i < n_adjustments; i++)
    {
      const DokusTotalsAdjustment *a = &adjustments[i];
      DokusVatGroup *g;
      DokusCents signed_amount = a->is_charge ? a->amount : -a->amount;
      DokusCents *total = a->is_charge ? &out->charge_total_amount : &out->allowance_total_amount;

      /* named by its position in its own list, as the input gave it */
      snprintf (field, sizeof field, "%s[%u]", a->is_charge ? "charges" : "allowances",
                (unsigned) (a->is_charge ? n_charges++ : n_allowances++));
      if (dokus_vat_category_index (a->vat_category) < 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field, "unknown VAT category '%s'",
                                a->vat_category);
      if (a->amount < 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field, "an amount cannot be negative");
      st = check_rate (a->vat_rate, field, err);
      if (st != DOKUS_OK)
        return st;
      g = find_group (out, a->vat_category, a->vat_rate);
      if (g == NULL)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field, "more than %d VAT groups",
                                DOKUS_VAT_GROUPS_MAX);
      if (dokus_cents_add (g->taxable_amount, signed_amount, &g->taxable_amount, err) != DOKUS_OK
          || dokus_cents_add (*total, a->amount, total, err) != DOKUS_OK)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field, "amount out of range");
    }
  /* VAT once per category and rate, on the group's taxable amount (BR-CO-17) */
  for (size_t i = 0; i < out->n_groups; i++)
    {
      DokusVatGroup *g = &out->groups[i];
      g->tax_amount = dokus_cents_percent (g->taxable_amount, g->rate);
      if (dokus_cents_add (out->tax_amount, g->tax_amount, &out->tax_amount, err) != DOKUS_OK)
        return dokus_error_set (err, DOKUS_ERR_INVALID, "", "amount out of range");
    }
  out->tax_exclusive_amount
    = out->line_extension_amount - out->allowance_total_amount + out->charge_total_amount;
  out->tax_inclusive_amount = out->tax_exclusive_amount + out->tax_amount;
  out->prepaid_amount = 0;
  out->payable_amount = out->tax_inclusive_amount - out->prepaid_amount;
  return DOKUS_OK;
}

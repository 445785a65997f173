/* dokus-totals.h
 *
 * The totals of a sales document by EN 16931: line net amounts, the VAT
 * breakdown per category and rate, and the document totals (BT-106 to
 * BT-115). Pure arithmetic on integers: no book, no allocation.
 *
 *   line net  = round(quantity × unit price, 2)
 *               − round(quantity × unit price × discount % / 100, 2)
 *   taxable   = Σ line nets + Σ charges − Σ allowances   (per category and rate)
 *   VAT       = round(taxable × rate / 100, 2), once per category and rate,
 *               half away from zero, never per line (BR-CO-17)
 *   total     = Σ taxable + Σ VAT
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

#include "dokus-error.h"
#include "dokus-money.h"
#include "dokus-types.h"

#define DOKUS_VAT_GROUPS_MAX 16

typedef struct {
  DokusDecimal quantity;         /* may be negative (returned goods) */
  DokusDecimal unit_price;       /* not negative (BR-27) */
  DokusDecimal discount_percent; /* 0 to 100; {0, 0} for none */
  char         vat_category[3];  /* "S", "Z", "E", "AE", "K", "G", "O" */
  DokusDecimal vat_rate;         /* percent: {21, 0} */
} DokusTotalsLine;

typedef struct {
  bool         is_charge;        /* false: an allowance (reduces), true: a charge */
  DokusCents   amount;           /* not negative */
  char         vat_category[3];
  DokusDecimal vat_rate;
} DokusTotalsAdjustment;

typedef struct {
  char         category[3];
  DokusDecimal rate;
  DokusCents   taxable_amount;   /* BT-116 */
  DokusCents   tax_amount;       /* BT-117 */
} DokusVatGroup;

typedef struct {
  DokusCents    line_extension_amount;  /* BT-106: Σ line nets */
  DokusCents    allowance_total_amount; /* BT-107 */
  DokusCents    charge_total_amount;    /* BT-108 */
  DokusCents    tax_exclusive_amount;   /* BT-109 = 106 − 107 + 108 */
  DokusCents    tax_amount;             /* BT-110 = Σ group VAT */
  DokusCents    tax_inclusive_amount;   /* BT-112 = 109 + 110 */
  DokusCents    prepaid_amount;         /* BT-113: 0 (payments are recorded after issue) */
  DokusCents    payable_amount;         /* BT-115 = 112 − 113 */
  size_t        n_groups;
  DokusVatGroup groups[DOKUS_VAT_GROUPS_MAX]; /* sorted: S, Z, E, AE, K, G, O; rate descending */
} DokusTotals;

/* Computes @out and, if @line_nets is not NULL, each line's net amount
 * (BT-131) into @line_nets[0..n_lines). DOKUS_ERR_INVALID (field
 * "lines[i]", or "allowances[i]"/"charges[i]" with i counting each kind
 * apart, in @adjustments order) for a negative unit price, a discount
 * outside 0-100, an unknown category, a negative adjustment, more than
 * DOKUS_VAT_GROUPS_MAX groups or amounts too large. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_totals_compute (const DokusTotalsLine *lines, size_t n_lines,
                                  const DokusTotalsAdjustment *adjustments, size_t n_adjustments,
                                  DokusCents *line_nets, /* OUT, nullable */
                                  DokusTotals *out,      /* OUT */
                                  DokusError *err);

/* The position of @category in the fixed order S, Z, E, AE, K, G, O, or -1
 * for an unknown one. */
DOKUS_PUBLIC int dokus_vat_category_index (const char *category);

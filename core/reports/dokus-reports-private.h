/* dokus-reports-private.h
 *
 * What the reports share inside core: sales sums over a date range, the
 * purchases of a range with their deductible cost and recoverable VAT (the
 * rules at the top of dokus-reports.h), and the open invoices with their
 * derived balance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

#include "dokus-sqlite-private.h"
#include "dokus/dokus-date.h"
#include "dokus/dokus-money.h"
#include "dokus/dokus-reports.h"

/* Issued documents whose issue date lies in [from, to]: Σ tax exclusive
 * amount and Σ VAT, invoices and credit notes apart (all positive). */
typedef struct {
  DokusCents invoiced, invoiced_vat;
  DokusCents credited, credited_vat;
} DokusSalesSums;

DokusStatus dokus_reports_sales (sqlite3 *db, DokusDate from, DokusDate to, DokusSalesSums *out,
                                 DokusError *err);

/* One purchase. Amounts are signed: a purchase credit note's are negative. */
typedef struct {
  const char *id, *date, *category, *kind, *vat_treatment; /* lent for the callback */
  bool        credit_note;
  DokusCents  base;            /* Σ line bases */
  DokusCents  vat;             /* Σ line VAT */
  DokusCents  recoverable_vat; /* round (vat × vat_recoverable_percent / 100) */
  DokusCents  cost;            /* base + vat − recoverable_vat */
  DokusCents  deductible;      /* round (cost × deductible_percent / 100) */
} DokusPurchase;

/* true when the buyer owes the VAT of a purchase with @vat_treatment
 * (self-assessed: intra-EU, reverse charge, import, services from outside
 * the EU; all but "domestic" and "none", as dokus-expense.h has it). */
bool dokus_reports_vat_self_assessed (const char *vat_treatment);

typedef DokusStatus (*DokusPurchaseFn) (const DokusPurchase *p, void *data, DokusError *err);

/* Calls @fn for every purchase dated in [from, to], by date; stops at the
 * first status @fn returns other than DOKUS_OK, and returns it.
 * DOKUS_ERR_CORRUPT naming the purchase for a percentage that is not a
 * number from 0 to 100. */
DokusStatus dokus_reports_purchases (sqlite3 *db, DokusDate from, DokusDate to,
                                     DokusPurchaseFn fn, void *data, DokusError *err);
/* The same, of the purchases with a rowid up to @last only: purchases are
 * never deleted and their VAT fields and lines never change (0002's
 * triggers; a purchase's lines come in its own transaction), so on a
 * later read transaction, e.g. the book's side connection's, this is
 * exactly what a transaction that saw @last as the highest rowid saw. */
DokusStatus dokus_reports_purchases_upto (sqlite3 *db, DokusDate from, DokusDate to,
                                          sqlite3_int64 last, DokusPurchaseFn fn, void *data,
                                          DokusError *err);

/* One issued invoice with an open amount, as of @today. */
typedef struct {
  const char *id, *number, *client_id, *client_name, *issue_date; /* lent for the callback */
  const char *due_date;     /* lent; NULL when it has none */
  DokusCents  open;
  int32_t     days_overdue; /* today − due date, at least 0 */
  bool        overdue;
} DokusOpenInvoice;

typedef DokusStatus (*DokusOpenInvoiceFn) (const DokusOpenInvoice *inv, void *data,
                                           DokusError *err);

/* Calls @fn for every issued invoice whose open amount (dokus_doc_balance)
 * is above zero as of @today, oldest due date first. */
DokusStatus dokus_reports_open_invoices (sqlite3 *db, DokusDate today, DokusOpenInvoiceFn fn,
                                         void *data, DokusError *err);

/* Runs @fn inside one read transaction (BEGIN ... COMMIT), so that a
 * report's queries see the same moment; inside the caller's transaction
 * when there is one. Returns what @fn returns. */
DokusStatus dokus_reports_read (sqlite3 *db, DokusStatus (*fn) (sqlite3 *db, void *data,
                                                                DokusError *err),
                                void *data, DokusError *err);

/* *@sum += @add, DOKUS_ERR_INVALID when it does not fit. */
DokusStatus dokus_reports_add (DokusCents *sum, DokusCents add, DokusError *err);

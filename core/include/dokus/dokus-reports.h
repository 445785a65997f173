/* dokus-reports.h
 *
 * What a freelancer and an accountant read from a book: the profit and loss
 * of a year, the aged receivables, a dashboard summary, and an export of
 * everything into a directory. Reports only read the book; the export also
 * appends its audit entry. Reports are JSON text (transfer full: free()
 * it) with amounts as decimal strings with two decimals ("1234.50"),
 * negative where a figure is a loss or a credit.
 *
 * Figures come from issued documents only (drafts count nowhere), as they
 * were frozen at issue, and from the recorded purchases. Income is counted
 * on the accrual basis: by the issue date of invoices and credit notes,
 * not by payment; receivables and overdue figures follow the derived
 * balances of dokus-ledger.h. "Today" is dokus_date_today() (DOKUS_TODAY).
 *
 * Purchases (table expenses, with expense_lines) are read as stored: line
 * amounts positive, a purchase credit note marked is_credit_note and
 * counted negative. For each purchase:
 *   recoverable VAT = round (Σ line VAT × vat_recoverable_percent / 100)
 *   cost            = Σ line base + (Σ line VAT − recoverable VAT)
 *   deductible cost = round (cost × deductible_percent / 100)
 * each rounded to cents half away from zero, once per purchase.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-error.h"
#include "dokus-types.h"

/* The profit and loss of calendar year @year (1900..9999):
 *
 *   {"year": 2026,
 *    "income": {"invoiced": "…", "credited": "…", "net": "…"},
 *    "expenses": [{"category": "restaurant", "amount": "…", "count": 2}, …],
 *    "expenses_total": "…",
 *    "investments": [{"category": "hardware", "amount": "…", "count": 1}, …],
 *    "investments_total": "…",
 *    "result": "…"}
 *
 * invoiced: Σ tax exclusive amount (BT-109) of the invoices issued in the
 * year; credited: the same of the credit notes issued in it (a positive
 * figure); net = invoiced − credited. A franchise book charges no VAT, so
 * its tax exclusive amounts are its totals.
 * expenses: the deductible cost (see the top) of the purchases dated in
 * the year whose kind is goods or services, summed per category (by
 * category name), purchase credit notes negative; count is the number of
 * purchases and purchase credit notes.
 * investments: purchases of kind investment, the same way but apart: they
 * are depreciated over years, which this report does not compute, so they
 * are not in the result.
 * result = net − expenses_total.
 *
 * Returns DOKUS_ERR_INVALID (field "year") for a year outside 1900..9999,
 * DOKUS_ERR_CORRUPT naming the purchase for a stored percentage that is not
 * a number from 0 to 100, DOKUS_ERR_NOMEM, or a store error; then
 * *@out_json is NULL. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_report_pnl (DokusBook *book, int year,
                              char **out_json,   /* OUT: (transfer full) */
                              DokusError *err);  /* nullable */

/* The open invoices (open amount above zero) as of today, aged by the days
 * past their due date:
 *
 *   {"as_of": "2026-11-25", "total": "…", "overdue": "…",
 *    "buckets": [{"name": "not_due", "total": "…", "count": 1,
 *                 "documents": [{"id", "number", "client": {"id", "name"},
 *                                "issue_date", "due_date", "days_overdue": 0,
 *                                "open_amount"}]},
 *                {"name": "1-30", …}, {"name": "31-60", …}, {"name": "61-90", …},
 *                {"name": "90+", …}],
 *    "clients": [{"id", "name", "total": "…", "overdue": "…", "count": 2}]}
 *
 * days_overdue = today − due date, 0 when not yet due (due today is not
 * due); an invoice without a due date is not due. The buckets come in
 * this order, always all five; their documents oldest due date first.
 * clients: every client with an open invoice, the largest total first
 * (then by name). Credit notes are not receivables: a refund still owed
 * to a client shows on the credit note (dokus_document_show), not here.
 * Statuses as dokus_report_pnl() (no input to refuse). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_report_receivables (DokusBook *book,
                                      char **out_json,   /* OUT: (transfer full) */
                                      DokusError *err);  /* nullable */

/* A summary as of today, for the main window:
 *
 *   {"as_of": "2026-11-25",
 *    "revenue": {"quarter": "…", "quarter_label": "2026-Q4", "year": "…", "year_label": "2026"},
 *    "outstanding": "…", "outstanding_count": 3,
 *    "overdue": "…", "overdue_count": 1,
 *    "vat": {"return": "quarter" | "month" | "none", "period": "2026-Q4" | null,
 *            "output_vat": "…", "deductible_vat": "…", "due_estimate": "…",
 *            "next_filing": {"period": "2026-Q3", "due_date": "2026-10-25"} | null},
 *    "recent": [{"at", "action", "entity", "entity_id"}],
 *    "revenue_by_month": [{"month": "2026-01", "revenue": "…"}, … 12 entries]}
 *
 * revenue: tax exclusive amounts of the invoices minus those of the credit
 * notes issued in the calendar quarter and year of today (and per month of
 * this year). outstanding: Σ open amounts of the issued invoices; overdue:
 * Σ open amounts of those past their due date, with their counts.
 * vat: a rough estimate for the VAT period (the profile's vat_period) that
 * holds today, not a return: output_vat = Σ VAT of the invoices − Σ VAT of
 * the credit notes issued in it, plus the VAT self-assessed on purchases
 * dated in it (every vat_treatment but domestic and none: the buyer owes
 * that VAT, dokus-expense.h); deductible_vat = Σ
 * recoverable VAT of the purchases dated in it (credit notes negative);
 * due_estimate = output_vat − deductible_vat (negative: a refund).
 * On a book's recorded figures this nets to what dokus_vat_return() of the
 * period gives (its grid 71 to pay, or minus its grid 72 to recover); it
 * is an estimate because the period is still running. next_filing: the first return whose deadline
 * (dokus_vat_return_due_date: the 20th of the month after a month, the
 * 25th of the month after a quarter) is today or later. A franchise book files no
 * periodic return: "return" "none", every amount "0.00", period and
 * next_filing null. Without a profile: DOKUS_ERR_REFUSED.
 * recent: the last 10 audit entries, newest first.
 * Statuses otherwise as dokus_report_pnl(). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_report_dashboard (DokusBook *book,
                                    char **out_json,   /* OUT: (transfer full) */
                                    DokusError *err);  /* nullable */

/* Exports the whole book into the directory @dir, for an accountant or
 * another program. @dir must not exist (it is created, its parent must
 * exist) or be an empty directory; anything else is DOKUS_ERR_REFUSED
 * (field "dir"). It receives, all UTF-8:
 *
 *   README.txt             what each file is
 *   profile.json           the profile (dokus_profile_get), or null
 *   clients.json           every client, archived ones too (an array)
 *   documents.json         every document as dokus_document_show gives it (an array)
 *   payments.json          every payment and refund (an array)
 *   expenses.json          every purchase as dokus_expense_show gives it, each receipt
 *                          with the "file" it was written to (an array)
 *   audit.json             {"entries": [...] (dokus_audit_list_json), "chain_heads":
 *                          [{"device_id", "device_seq", "hash" (hex)}]}
 *   sales-journal.csv      one row per issued document and VAT group
 *   purchases-journal.csv  one row per purchase line (total: what the supplier is paid,
 *                          as dokus-expense.h's total_amount)
 *   payments.csv           one row per payment or refund
 *   receipts/ID-NAME       every attachment's stored bytes (NAME: its file name with
 *                          anything but A-Z a-z 0-9 . _ - replaced by '_')
 *
 * CSV files follow RFC 4180 (comma, CRLF, a header row, fields with a comma,
 * quote or line break quoted, quotes doubled), amounts with '.' and two
 * decimals, credit notes and refunds negative. Everything is read in one
 * read transaction, so the files agree with each other. On success an
 * audit entry ("export", "book", after: {"dir", "documents", "expenses",
 * "attachments"}) is appended.
 *
 * Returns DOKUS_ERR_REFUSED as above, DOKUS_ERR_IO naming the file that
 * could not be written, DOKUS_ERR_NOMEM, or a store error. On any error
 * the files already written are removed again, and @dir too when the
 * export made it (an empty @dir given stays, empty): no partial export is
 * left behind (best effort: a file the system refuses to remove stays). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_export (DokusBook *book, const char *dir,
                          DokusError *err);  /* nullable */

/* Called by dokus_export_with_progress() on the thread that runs the
 * export: once with @done 0 before the first file, then after each step,
 * @done of @total (one step per file, per document and per receipt;
 * @total is known before the first call and does not change). Return
 * false to cancel the export. It must not use the book. */
typedef bool (*DokusExportProgress) (unsigned long done, unsigned long total, void *data);

/* dokus_export(), telling @progress (nullable: dokus_export() itself)
 * how far it got, so that a long export can show it and be cancelled.
 * A cancelled export returns DOKUS_ERR_REFUSED (field "progress") and,
 * as on every error, leaves nothing behind; nothing is audited. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_export_with_progress (DokusBook *book, const char *dir,
                                        DokusExportProgress progress, /* nullable */
                                        void *progress_data,          /* passed to progress */
                                        DokusError *err);             /* nullable */

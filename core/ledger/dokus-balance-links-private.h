/* dokus-balance-links-private.h
 *
 * Tables kept by triggers as indexes: payment_links and credit_links
 * (schema/book/0013), each payment's document and each credit note's
 * invoice by rowid, and settlement_slots and payment_slots (0015), each
 * document's state, due date and total and each payment's document and
 * amount, 256 a row, for the balance pass (dokus-balances.c); and
 * document_vat_by_date and expense_lines_by_date (0014), issued
 * documents' VAT rows and purchase lines in date order, for the VAT
 * return and the reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>

#include "dokus-sqlite-private.h"
#include "dokus/dokus-error.h"

/* Compares the six tables with the payments, credit notes, documents,
 * issued documents' VAT rows and purchase lines of the book open on @db. On
 * DOKUS_OK, @problem (@size bytes, caller-owned) is "" when each of them
 * has exactly its entry and no entry is left over, else it names the
 * first that differs ("payment <id>: missing from payment_links"). A
 * store error is returned as such. */
DokusStatus dokus_balance_links_check (sqlite3 *db, char *problem, size_t size,
                                       DokusError *err);

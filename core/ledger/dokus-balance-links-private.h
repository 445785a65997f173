/* dokus-balance-links-private.h
 *
 * payment_links and credit_links (schema/book/0013): each payment's
 * document and each credit note's invoice by rowid, kept by triggers for
 * the balance pass (dokus-balances.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>

#include "dokus-sqlite-private.h"
#include "dokus/dokus-error.h"

/* Compares both tables with the payments and credit notes of the book
 * open on @db. On DOKUS_OK, @problem (@size bytes, caller-owned) is ""
 * when every payment and credit note has exactly its link and no link is
 * left over, else it names the first that differs ("payment <id>: missing
 * from payment_links"). A store error is returned as such. */
DokusStatus dokus_balance_links_check (sqlite3 *db, char *problem, size_t size,
                                       DokusError *err);

/* dokus-balance-links.c
 *
 * Checking payment_links and credit_links (schema/book/0013) against the
 * payments and credit notes they index: what the balance pass
 * (dokus-balances.c) reads instead of indexes keyed by the documents'
 * 36-character ids. Triggers keep them; this is how `audit verify` proves
 * they did, and names the payment or credit note if not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>

#include "dokus-balance-links-private.h"
#include "dokus-book-private.h"

/* Each check: a query whose first row's one text column names what is
 * wrong, and the words around it. */
static const struct {
  const char *sql, *before, *after;
} checks[] = {
  { "SELECT p.id FROM payments p LEFT JOIN payment_links l ON l.payment_rowid = p.rowid"
    " WHERE l.payment_rowid IS NULL ORDER BY p.rowid LIMIT 1",
    "payment ", ": missing from payment_links" },
  { "SELECT p.id FROM payment_links l JOIN payments p ON p.rowid = l.payment_rowid"
    " LEFT JOIN documents d ON d.rowid = l.document_rowid"
    " WHERE l.amount IS NOT p.amount OR d.id IS NOT p.document_id ORDER BY p.rowid LIMIT 1",
    "payment ", ": its entry in payment_links names another document or amount" },
  { "SELECT '#' || l.payment_rowid FROM payment_links l WHERE NOT EXISTS"
    " (SELECT 1 FROM payments p WHERE p.rowid = l.payment_rowid) ORDER BY l.payment_rowid"
    " LIMIT 1",
    "payment_links entry ", ": no such payment" },
  { "SELECT c.id FROM documents c LEFT JOIN credit_links l ON l.credit_rowid = c.rowid"
    " LEFT JOIN documents i ON i.rowid = l.invoice_rowid"
    " WHERE c.billing_reference_id IS NOT NULL AND i.id IS NOT c.billing_reference_id"
    " ORDER BY c.rowid LIMIT 1",
    "credit note ", ": its entry in credit_links is missing or names another invoice" },
  { "SELECT '#' || l.credit_rowid FROM credit_links l LEFT JOIN documents c"
    " ON c.rowid = l.credit_rowid WHERE c.billing_reference_id IS NULL"
    " ORDER BY l.credit_rowid LIMIT 1",
    "credit_links entry ", ": no such credit note" },
};

DokusStatus
dokus_balance_links_check (sqlite3 *db, char *problem, size_t size, DokusError *err)
{
  assert (db != NULL && problem != NULL && size > 0);
  problem[0] = '\0';
  for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (db, checks[i].sql, -1, &stmt, NULL);
      bool found = false;

      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *what = (const char *) sqlite3_column_text (stmt, 0);
          snprintf (problem, size, "%s%s%s", checks[i].before, what != NULL ? what : "?",
                    checks[i].after);
          found = true;
          rc = SQLITE_DONE;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return dokus_book_sqlite_error (db, rc, "reading the balance links", err);
      if (found)
        break;
    }
  return DOKUS_OK;
}

/* dokus-balance-links.c
 *
 * Checking the tables that triggers keep as indexes against what they
 * index: payment_links and credit_links (schema/book/0013), what the
 * balance pass (dokus-balances.c) reads instead of indexes keyed by the
 * documents' 36-character ids, settlement_slots and payment_slots
 * (0015), the documents' and payments' facts that pass reads, 256 a row,
 * and
 * document_vat_by_date and
 * expense_lines_by_date (0014), the VAT rows and purchase lines in date
 * order that the VAT return and the reports read. This is how `audit
 * verify` proves the triggers did their work, and names the payment,
 * credit note, document or purchase if not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>

#include "dokus-balance-links-private.h"
#include "dokus-book-private.h"

/* The two facts of a document's snapshots document_vat_by_date copies,
 * as schema/book/0014 computes them (of the documents row aliased d). */
#define FRANCHISE_OF_D                                                                     \
  "coalesce(CASE WHEN json_valid(d.seller_json)"                                           \
  " THEN json_extract(d.seller_json, '$.vat_regime') END = 'franchise', 0)"
#define ABROAD_OF_D                                                                        \
  "coalesce(CASE WHEN json_valid(d.buyer_json)"                                            \
  " THEN coalesce(json_extract(d.buyer_json, '$.country'),"                                \
  " json_extract(d.buyer_json, '$.address.country')) END <> 'BE', 0)"

/* A document's slot in settlement_slots and a payment's in payment_slots,
 * as schema/book/0015 writes them (of the documents row aliased d, and
 * of the payments row p): numbers in base 64, '0' + six bits a
 * character, most significant first, over 5, 6 or 11 characters. */
#define DIGITS_5                                                                           \
  "char(48 + (x >> 24 & 7), 48 + (x >> 18 & 63), 48 + (x >> 12 & 63),"                     \
  " 48 + (x >> 6 & 63), 48 + (x & 63))"
#define DIGITS_6                                                                           \
  "char(48 + (x >> 30 & 63), 48 + (x >> 24 & 63), 48 + (x >> 18 & 63),"                    \
  " 48 + (x >> 12 & 63), 48 + (x >> 6 & 63), 48 + (x & 63))"
#define DIGITS_11                                                                          \
  "char(48 + (x >> 60 & 15), 48 + (x >> 54 & 63), 48 + (x >> 48 & 63),"                    \
  " 48 + (x >> 42 & 63), 48 + (x >> 36 & 63), 48 + (x >> 30 & 63), 48 + (x >> 24 & 63),"  \
  " 48 + (x >> 18 & 63), 48 + (x >> 12 & 63), 48 + (x >> 6 & 63), 48 + (x & 63))"
#define BASE64(digits, expr) "(SELECT " digits " FROM (SELECT " expr " AS x))"
#define DOC_SLOT_OF_D                                                                      \
  "(CASE d.state WHEN 'draft' THEN '0' WHEN 'sent' THEN '2' ELSE '1' END || "              \
  BASE64 (DIGITS_5, "CASE WHEN d.due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'" \
                    " THEN CAST(replace(d.due_date, '-', '') AS INTEGER) ELSE 0 END")        \
  " || " BASE64 (DIGITS_11, "coalesce(d.tax_inclusive_amount, 0)") ")"
#define PAY_SLOT_OF_P "(" BASE64 (DIGITS_6, "d.rowid") " || " BASE64 (DIGITS_11, "p.amount") ")"

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
  /* schema/book/0015: each document's and payment's slot as it should
   * be, then every slot that stands for no document or payment */
  { "SELECT coalesce(d.number, d.id) FROM documents d"
    " LEFT JOIN settlement_slots b ON b.block = d.rowid / 256"
    " WHERE substr(b.slots, d.rowid % 256 * 17 + 1, 17) IS NOT " DOC_SLOT_OF_D
    " OR length(b.slots) IS NOT 4352 ORDER BY d.rowid LIMIT 1",
    "document ", ": its slot in settlement_slots is missing or differs" },
  { "SELECT p.id FROM payments p LEFT JOIN documents d ON d.id = p.document_id"
    " LEFT JOIN payment_slots b ON b.block = p.rowid / 256"
    " WHERE substr(b.slots, p.rowid % 256 * 17 + 1, 17) IS NOT " PAY_SLOT_OF_P
    " OR length(b.slots) IS NOT 4352 ORDER BY p.rowid LIMIT 1",
    "payment ", ": its slot in payment_slots is missing or differs" },
  { "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 255)"
    " SELECT '#' || (b.block * 256 + k.i) FROM settlement_slots b, k"
    " WHERE substr(b.slots, k.i * 17 + 1, 1) <> '-' AND NOT EXISTS"
    " (SELECT 1 FROM documents d WHERE d.rowid = b.block * 256 + k.i)"
    " OR length(b.slots) IS NOT 4352 ORDER BY b.block, k.i LIMIT 1",
    "settlement_slots slot of document ", ": no such document" },
  { "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 255)"
    " SELECT '#' || (b.block * 256 + k.i) FROM payment_slots b, k"
    " WHERE substr(b.slots, k.i * 17 + 1, 17) <> '00000000000000000'"
    " AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.rowid = b.block * 256 + k.i)"
    " OR length(b.slots) IS NOT 4352 ORDER BY b.block, k.i LIMIT 1",
    "payment_slots slot of payment ", ": no such payment" },
  /* schema/book/0014 */
  { "SELECT coalesce(d.number, d.id) FROM documents d JOIN document_vat v ON v.document_id = d.id"
    " LEFT JOIN document_vat_by_date b ON b.issue_date = d.issue_date"
    " AND b.document_rowid = d.rowid AND b.category = v.category AND b.rate = v.rate"
    " WHERE d.state <> 'draft' AND (b.document_rowid IS NULL OR b.type IS NOT d.type"
    " OR b.taxable_amount IS NOT v.taxable_amount OR b.tax_amount IS NOT v.tax_amount"
    " OR b.franchise IS NOT " FRANCHISE_OF_D " OR b.abroad IS NOT " ABROAD_OF_D ")"
    " ORDER BY d.rowid LIMIT 1",
    "document ", ": its VAT rows in document_vat_by_date are missing or differ" },
  { "SELECT '#' || b.document_rowid FROM document_vat_by_date b"
    " LEFT JOIN documents d ON d.rowid = b.document_rowid"
    " LEFT JOIN document_vat v ON v.document_id = d.id AND v.category = b.category"
    " AND v.rate = b.rate"
    " WHERE v.document_id IS NULL OR d.state = 'draft' OR d.issue_date IS NOT b.issue_date"
    " ORDER BY b.document_rowid LIMIT 1",
    "document_vat_by_date entry of document ", ": no such VAT row of an issued document" },
  { "SELECT e.id FROM expenses e JOIN expense_lines l ON l.expense_id = e.id"
    " LEFT JOIN expense_lines_by_date b ON b.date = e.date AND b.expense_rowid = e.rowid"
    " AND b.position = l.position"
    " WHERE b.expense_rowid IS NULL OR b.base IS NOT l.base OR b.vat_amount IS NOT l.vat_amount"
    " ORDER BY e.rowid LIMIT 1",
    "purchase ", ": its lines in expense_lines_by_date are missing or differ" },
  { "SELECT '#' || b.expense_rowid FROM expense_lines_by_date b"
    " LEFT JOIN expenses e ON e.rowid = b.expense_rowid"
    " LEFT JOIN expense_lines l ON l.expense_id = e.id AND l.position = b.position"
    " WHERE l.expense_id IS NULL OR e.date IS NOT b.date ORDER BY b.expense_rowid LIMIT 1",
    "expense_lines_by_date entry of purchase ", ": no such purchase line" },
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

/* dokus-ledger-tx.c
 *
 * The ledger's transactions: every change takes SQLite's write lock at its
 * start (BEGIN IMMEDIATE), so that reading the state a rule depends on (the
 * last number of a series, an open amount) and writing the change happen
 * with no other writer in between.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-book-private.h"
#include "dokus-document-private.h"

DokusStatus
dokus_ledger_begin (sqlite3 *db, DokusError *err)
{
  int rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "starting a transaction", err);
  return DOKUS_OK;
}

DokusStatus
dokus_ledger_commit (sqlite3 *db, DokusError *err)
{
  int rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      DokusStatus st = dokus_book_sqlite_error (db, rc, "committing", err);
      dokus_ledger_rollback (db);
      return st;
    }
  return DOKUS_OK;
}

void
dokus_ledger_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

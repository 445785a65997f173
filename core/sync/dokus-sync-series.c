/* dokus-sync-series.c
 *
 * A device's own series (SYNC.md: "Offline without the lease: the
 * device's own series (2026-B-0001), if the user enabled it"). The own
 * series of letters B are "invoice/YYYY/B" and "credit_note/YYYY/B",
 * numbered by issue like any series and leased at the relay like any
 * series, so that two devices never number in the same one. Issue asks
 * here which series to use: the default one while this device holds its
 * lease, else its own one if enabled and leased.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "dokus-book-private.h"
#include "dokus-sync-private.h"

static bool
held (sqlite3 *db, const char *series, const char *self)
{
  sqlite3_stmt *stmt = NULL;
  bool yes = false;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM series_lease WHERE series = ?1 AND holder = ?2", -1,
                          &stmt, NULL)
        == SQLITE_OK
      && sqlite3_bind_text (stmt, 1, series, -1, SQLITE_STATIC) == SQLITE_OK
      && sqlite3_bind_text (stmt, 2, self, -1, SQLITE_STATIC) == SQLITE_OK)
    yes = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return yes;
}

static void
own_letters (sqlite3 *db, char out[4])
{
  sqlite3_stmt *stmt = NULL;

  out[0] = '\0';
  if (sqlite3_prepare_v2 (db, "SELECT own_series FROM sync_self WHERE id = 1", -1, &stmt, NULL)
        == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
    snprintf (out, 4, "%s", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
}

void
dokus_sync_own_series_get (DokusBook *book, char out[4])
{
  own_letters (dokus_book_get_db (book), out);
}

DokusStatus
dokus_sync_own_series_set (DokusBook *book, const char *letters, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  sqlite3_stmt *stmt = NULL;
  size_t n = letters ? strlen (letters) : 0;
  int rc;

  assert (book != NULL);
  if (!dokus_sync_self (db, NULL, NULL))
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "", "sync is not enabled on this book");
  if (letters != NULL && (n < 1 || n > 3 || strspn (letters, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != n))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "series",
                            "an own series is 1 to 3 capital letters (B, XY), not \"%s\"",
                            letters);
  rc = sqlite3_prepare_v2 (db, "UPDATE sync_self SET own_series = ?1 WHERE id = 1", -1, &stmt,
                           NULL);
  if (rc == SQLITE_OK)
    {
      if (letters != NULL)
        sqlite3_bind_text (stmt, 1, letters, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK ? DOKUS_OK
                         : dokus_book_sqlite_error (db, rc, "saving the own series", err);
}

void
dokus_sync_series_pick (sqlite3 *db, char *series_id, size_t cap, char infix[8])
{
  char self[DOKUS_SYNC_ID_TEXT], letters[4], own[64];

  infix[0] = '\0';
  if (!dokus_sync_self (db, NULL, self) || held (db, series_id, self))
    return;
  own_letters (db, letters);
  if (letters[0] == '\0')
    return;
  snprintf (own, sizeof own, "%s/%s", series_id, letters);
  if (!held (db, own, self) || strlen (own) >= cap)
    return; /* the default series' lease check says what is missing */
  snprintf (series_id, cap, "%s", own);
  snprintf (infix, 8, "%s-", letters);
}

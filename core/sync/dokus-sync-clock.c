/* dokus-sync-clock.c
 *
 * The clock check of SYNC.md in the book itself: the sync client records
 * the skew it measured against the relay (sync_self.clock_skew_ms), and
 * while that is over 5 minutes either way capture refuses local changes,
 * whatever program makes them (gui, cli, a script on libdokus), so that
 * no change is stamped with a clock the other devices would order wrong.
 * Applying pulled changes goes on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <inttypes.h>

#include "dokus-book-private.h"
#include "dokus-sync-private.h"

DokusStatus
dokus_sync_clock_skew_record (DokusBook *book, int64_t skew_ms, DokusError *err)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  assert (book != NULL);
  db = dokus_book_get_db (book);
  if (!dokus_sync_self (db, NULL, NULL))
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "", "sync is not enabled on this book");
  rc = sqlite3_prepare_v2 (db, "UPDATE sync_self SET clock_skew_ms = ?1 WHERE id = 1", -1, &stmt,
                           NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, skew_ms);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK ? DOKUS_OK
                         : dokus_book_sqlite_error (db, rc, "recording the clock skew", err);
}

static int
read_skew (sqlite3 *db, int64_t *skew_ms)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT clock_skew_ms FROM sync_self WHERE id = 1", -1, &stmt,
                               NULL);
  *skew_ms = 0;
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        *skew_ms = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return rc;
}

DokusStatus
dokus_sync_clock_skew_get (DokusBook *book, int64_t *skew_ms, DokusError *err)
{
  sqlite3 *db;
  int rc;

  assert (book != NULL && skew_ms != NULL);
  db = dokus_book_get_db (book);
  rc = read_skew (db, skew_ms);
  if (rc == SQLITE_DONE)
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "", "sync is not enabled on this book");
  return rc == SQLITE_ROW ? DOKUS_OK
                          : dokus_book_sqlite_error (db, rc, "reading the clock skew", err);
}

DokusStatus
dokus_sync_clock_check (sqlite3 *db, const char *what, DokusError *err)
{
  int64_t skew = 0, off;
  int rc = read_skew (db, &skew);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return dokus_book_sqlite_error (db, rc, "reading the clock skew", err);
  off = skew < 0 ? -skew : skew;
  if (off <= DOKUS_SYNC_CLOCK_SKEW_LIMIT_MS)
    return DOKUS_OK;
  return dokus_error_set (err, DOKUS_ERR_REFUSED, "clock",
                          "your clock is %" PRId64 " minutes %s the relay's (%+" PRId64
                          " s): set it right and sync again before changing the book (%s)",
                          off / 60000, skew > 0 ? "behind" : "ahead of", skew / 1000, what);
}

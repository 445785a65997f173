/* dokus-sync-hlc.c
 *
 * The hybrid logical clock: 48 bits of Unix milliseconds and a 16-bit
 * counter. A local event moves it to max(last, now), bumping the counter
 * when the millisecond did not move; a remote value joins the max but
 * never pulls the clock past now + 5 minutes. The value lives in
 * sync_self, so it is saved in the transaction of the change. The clock
 * is the system's, or a test's through a SQL function on the connection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <time.h>

#include "dokus-book-private.h"
#include "dokus-sync-private.h"

#define COUNTER_BITS 16
#define COUNTER_MAX 0xffffu

int64_t
dokus_sync_now_ms (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int64_t now = -1;

  /* a test clock, if one is registered on this connection */
  if (sqlite3_prepare_v2 (db, "SELECT " DOKUS_SYNC_CLOCK_FUNCTION " ()", -1, &stmt, NULL)
      == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    now = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  /* whole seconds: portable C (core builds for Windows too); the counter
   * orders events within a second, and ties between devices are broken
   * by device id anyway */
  if (now < 0)
    now = (int64_t) time (NULL) * 1000;
  return now;
}

uint64_t
dokus_sync_hlc_next (uint64_t last, int64_t now_ms)
{
  uint64_t wall = (uint64_t) (now_ms < 0 ? 0 : now_ms) << COUNTER_BITS;

  if (wall > last)
    return wall;
  /* same or earlier millisecond: count; an overflowing counter carries
   * into the millisecond, which is what last + 1 does */
  return last + 1;
}

uint64_t
dokus_sync_hlc_join (uint64_t last, uint64_t remote, int64_t now_ms)
{
  uint64_t limit = (uint64_t) (now_ms + DOKUS_SYNC_MAX_DRIFT_MS) << COUNTER_BITS | COUNTER_MAX;

  if (remote > limit)
    remote = limit;
  return remote > last ? remote : last;
}

static DokusStatus
load_hlc (sqlite3 *db, uint64_t *out, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT hlc FROM sync_self WHERE id = 1", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = (uint64_t) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "", "sync is not enabled on this book");
  if (rc != SQLITE_ROW)
    return dokus_book_sqlite_error (db, rc, "reading the sync clock", err);
  return DOKUS_OK;
}

static DokusStatus
save_hlc (sqlite3 *db, uint64_t v, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "UPDATE sync_self SET hlc = ?1 WHERE id = 1", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 1, (int64_t) v);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "saving the sync clock", err);
  return DOKUS_OK;
}

DokusStatus
dokus_sync_hlc_tick (sqlite3 *db, uint64_t *out, DokusError *err)
{
  uint64_t last = 0;
  DokusStatus st = load_hlc (db, &last, err);

  assert (out != NULL);
  if (st != DOKUS_OK)
    return st;
  *out = dokus_sync_hlc_next (last, dokus_sync_now_ms (db));
  return save_hlc (db, *out, err);
}

DokusStatus
dokus_sync_hlc_observe (sqlite3 *db, uint64_t remote, DokusError *err)
{
  uint64_t last = 0, joined;
  DokusStatus st = load_hlc (db, &last, err);

  if (st != DOKUS_OK)
    return st;
  joined = dokus_sync_hlc_join (last, remote, dokus_sync_now_ms (db));
  return joined == last ? DOKUS_OK : save_hlc (db, joined, err);
}

DokusStatus
dokus_sync_hlc_raise (sqlite3 *db, uint64_t at_least, DokusError *err)
{
  uint64_t last = 0;
  DokusStatus st = load_hlc (db, &last, err);

  if (st != DOKUS_OK)
    return st;
  return at_least > last ? save_hlc (db, at_least, err) : DOKUS_OK;
}

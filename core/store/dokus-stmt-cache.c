/* dokus-stmt-cache.c
 *
 * Prepared statements kept per open book, in a keyed slot of
 * dokus-book-cache.c, so that they are finalized when the book closes,
 * before its connection does (sqlite3_close_v2() would otherwise leave a
 * zombie connection behind). Keyed by the address of the SQL text: the
 * callers pass literals. A statement is handed back reset, so a kept one
 * holds no read transaction open, and unbound, so it keeps no pointer
 * into its last caller's memory. The entries are guarded by the
 * connection's own mutex, which SQLite holds while the statement runs
 * anyway. Connections that are no DokusBook's prepare every time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdbool.h>
#include <stdlib.h>

#include "dokus-book-private.h"
#include "dokus-stmt-cache-private.h"

#define STMT_CACHE_MAX 32 /* statements kept per book; more are prepared each time */

typedef struct {
  const char   *sql;
  sqlite3_stmt *stmt;
  bool          out; /* handed out, not yet released */
} Entry;

typedef struct {
  size_t n;
  Entry  entries[STMT_CACHE_MAX];
} Cache;

static const char cache_key; /* its address keys our slot of the book */

static void
cache_free (void *p)
{
  Cache *c = p;

  for (size_t i = 0; i < c->n; i++)
    sqlite3_finalize (c->entries[i].stmt);
  free (c);
}

/* The cache of @db, made on first use; NULL when @db is no book's. Called
 * with the connection's mutex held, so that two threads never make two. */
static Cache *
find_cache (sqlite3 *db, bool make)
{
  Cache *c = dokus_book_cache_get_keyed (db, &cache_key);

  if (c != NULL || !make)
    return c;
  if ((c = calloc (1, sizeof *c)) == NULL)
    return NULL;
  if (!dokus_book_cache_set_keyed (db, &cache_key, c, cache_free))
    {
      free (c);
      return NULL;
    }
  return c;
}

int
dokus_stmt_cache_prepare (sqlite3 *db, const char *sql, sqlite3_stmt **out)
{
  sqlite3_mutex *m = sqlite3_db_mutex (db);
  Cache *c;
  int rc;

  *out = NULL;
  sqlite3_mutex_enter (m);
  c = find_cache (db, true);
  for (size_t i = 0; c != NULL && i < c->n; i++)
    if (c->entries[i].sql == sql && !c->entries[i].out)
      {
        c->entries[i].out = true;
        *out = c->entries[i].stmt;
        sqlite3_mutex_leave (m);
        return SQLITE_OK;
      }
  rc = sqlite3_prepare_v3 (db, sql, -1, c != NULL ? SQLITE_PREPARE_PERSISTENT : 0, out, NULL);
  if (rc == SQLITE_OK && c != NULL && c->n < STMT_CACHE_MAX)
    c->entries[c->n++] = (Entry){ .sql = sql, .stmt = *out, .out = true };
  sqlite3_mutex_leave (m);
  return rc;
}

void
dokus_stmt_cache_release (sqlite3 *db, sqlite3_stmt *stmt)
{
  sqlite3_mutex *m = sqlite3_db_mutex (db);
  Cache *c;

  if (stmt == NULL)
    return;
  sqlite3_mutex_enter (m);
  c = find_cache (db, false);
  for (size_t i = 0; c != NULL && i < c->n; i++)
    if (c->entries[i].stmt == stmt)
      {
        sqlite3_reset (stmt);
        sqlite3_clear_bindings (stmt);
        c->entries[i].out = false;
        sqlite3_mutex_leave (m);
        return;
      }
  sqlite3_mutex_leave (m);
  sqlite3_finalize (stmt);
}

int
dokus_stmt_cache_exec (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc = dokus_stmt_cache_prepare (db, sql, &stmt);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        rc = SQLITE_OK;
    }
  dokus_stmt_cache_release (db, stmt);
  return rc;
}

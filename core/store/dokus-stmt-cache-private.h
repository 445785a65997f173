/* dokus-stmt-cache-private.h
 *
 * Prepared statements kept per open book (dokus-stmt-cache.c), for the
 * queries run on every export or display of a document, where preparing
 * cost more than running them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-sqlite-private.h"

/* A statement for @sql on @db into *@out, as sqlite3_prepare_v2() gives
 * it (same return code; the error message is @db's). @sql must be a string
 * that lives as long as the program (a literal): its address is the key.
 * On a DokusBook's connection the statement is kept until the book closes
 * and handed out again, reset and unbound, by a later call; a call while
 * it is still out (nested use) gets a statement of its own. SQLite
 * prepares a kept statement again by itself when the schema changes.
 * Give it back with dokus_stmt_cache_release(), never sqlite3_finalize(). */
int dokus_stmt_cache_prepare (sqlite3 *db, const char *sql, sqlite3_stmt **out);

/* Gives @stmt (from dokus_stmt_cache_prepare() on @db) back: reset, its
 * bindings cleared (no pointer of the caller's is kept) and kept, or
 * finalized when it was not kept. NULL does nothing. */
void dokus_stmt_cache_release (sqlite3 *db, sqlite3_stmt *stmt);

/* Runs the one statement @sql (a literal, as for
 * dokus_stmt_cache_prepare(); "BEGIN", "COMMIT") through the cache:
 * SQLITE_OK once it is done, else SQLite's code (the message is @db's).
 * sqlite3_exec() would prepare it again at every call. */
int dokus_stmt_cache_exec (sqlite3 *db, const char *sql);

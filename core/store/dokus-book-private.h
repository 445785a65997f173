/* dokus-book-private.h
 *
 * What other parts of core need from an open book beyond dokus-book.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

#include "dokus-sqlite-private.h"
#include "dokus/dokus-book.h"

/* Turns a failed SQLite call on @db into a DokusError; @what says what was
 * being done ("applying migration 2"). A page that fails authentication is
 * DOKUS_ERR_CORRUPT with the VFS's message naming the page. */
DokusStatus dokus_book_sqlite_error (sqlite3 *db, int rc, const char *what, DokusError *err);

/* A slot for data derived from an open book's rows (dokus-book-cache.c):
 * registered when the book is opened, its data freed with @free_fn when
 * the book closes or the data is replaced. get gives NULL when empty or
 * when @db is no DokusBook's; set returns false (and keeps nothing: the
 * caller still owns @data) when @db has no slot. */
void dokus_book_cache_register (sqlite3 *db);
void *dokus_book_cache_get (sqlite3 *db);
bool dokus_book_cache_set (sqlite3 *db, void *data, void (*free_fn) (void *));
void dokus_book_cache_drop (sqlite3 *db);
/* The same for further users of the slot, each with its own @key (the
 * address of something of its own): freed with the slot, before the
 * connection closes. */
void *dokus_book_cache_get_keyed (sqlite3 *db, const void *key);
bool dokus_book_cache_set_keyed (sqlite3 *db, const void *key, void *data,
                                 void (*free_fn) (void *));

/* A second connection to the book open on @db (the book's own connection,
 * as dokus_book_get_db() gives it), for a read on another thread while
 * @db reads too (the balance pass, core/ledger/dokus-balances.c). Opened
 * on first use with the book's key, kept, and closed with the book;
 * *@out: (transfer none). Only one thread at a time may use it, as with
 * @db. Its reads see the last commit when they begin, not @db's open
 * transaction: the caller makes sure that what it reads is the same.
 * DOKUS_ERR_INVALID when @db is no open book's connection, or the error
 * of opening it. */
DokusStatus dokus_book_side_connection (sqlite3 *db, sqlite3 **out, DokusError *err);

/* dokus_book_side_connection() in three steps, so that the opening (a few
 * milliseconds: the VFS, the key, the schema) can run on the thread that
 * will use the connection, while @db's thread goes on:
 * dokus_book_side_lookup() on @db's thread gives the side connection if
 * it is open (*@side, transfer none) or else the book to open it from
 * (*@book, transfer none; DOKUS_ERR_INVALID when @db is no book's);
 * dokus_book_side_open() may run on any thread while the book stays open
 * and gives a new connection (transfer full); dokus_book_side_adopt(), on
 * @db's thread again, makes it the book's side connection (false: out of
 * memory, and @side closed). */
DokusStatus dokus_book_side_lookup (sqlite3 *db, sqlite3 **side, const DokusBook **book,
                                    DokusError *err);
DokusStatus dokus_book_side_open (const DokusBook *book, sqlite3 **out, DokusError *err);
bool dokus_book_side_adopt (sqlite3 *db, sqlite3 *side);

/* Applies the embedded migrations newer than the book's user_version, one
 * transaction each. *@version receives the resulting version. */
DokusStatus dokus_book_migrate (sqlite3 *db, int *version, DokusError *err);

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

/* Applies the embedded migrations newer than the book's user_version, one
 * transaction each. *@version receives the resulting version. */
DokusStatus dokus_book_migrate (sqlite3 *db, int *version, DokusError *err);

/* dokus-book-private.h
 *
 * What other parts of core need from an open book beyond dokus-book.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-sqlite-private.h"
#include "dokus/dokus-book.h"

/* Turns a failed SQLite call on @db into a DokusError; @what says what was
 * being done ("applying migration 2"). A page that fails authentication is
 * DOKUS_ERR_CORRUPT with the VFS's message naming the page. */
DokusStatus dokus_book_sqlite_error (sqlite3 *db, int rc, const char *what, DokusError *err);

/* Applies the embedded migrations newer than the book's user_version, one
 * transaction each. *@version receives the resulting version. */
DokusStatus dokus_book_migrate (sqlite3 *db, int *version, DokusError *err);

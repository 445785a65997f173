/* dokus-vfs-private.h
 *
 * What the book layer needs from the VFS beyond dokus-vfs.h: handing it a
 * key without putting the key into a URI, asking it about the header, and
 * rewriting the header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

#include "dokus-header-private.h"
#include "dokus-sqlite-private.h"

/* File-control opcodes understood by the "dokus" VFS on the main database
 * (sqlite3_file_control (db, "main", op, arg)). Far above SQLite's own. */
#define DOKUS_FCNTL_LAST_ERROR 0x646b0001     /* arg: char[256] OUT, the last error */
#define DOKUS_FCNTL_RESERVE 0x646b0002        /* arg: int OUT, reserve bytes per page */
#define DOKUS_FCNTL_HEADER 0x646b0003         /* arg: DokusHeader OUT, the header in use */
#define DOKUS_FCNTL_REWRITE_HEADER 0x646b0004 /* arg: DokusHeader IN: sealed, both copies */

#define DOKUS_KEYREF_BYTES 33 /* 32 hex digits and NUL */

/* Lends @data_key (and, for a file still to be created, the @prepared
 * header with its key slots) to the next xOpen of a main database whose URI
 * says keyref=TOKEN. The VFS copies both. Returns SQLITE_OK and the token,
 * or SQLITE_FULL when too many keys are lent at once. */
int dokus_vfs_keyref_add (const unsigned char data_key[DOKUS_KEY_BYTES],
                          const DokusHeader *prepared, /* nullable */
                          char token[DOKUS_KEYREF_BYTES]);
void dokus_vfs_keyref_remove (const char *token);

/* Copies this thread's last VFS error into @out (256 bytes); @clear
 * forgets it afterwards. For errors raised before a connection exists. */
void dokus_vfs_thread_error (char out[256], bool clear);

/* Registers the VFS (idempotent). SQLITE_OK or an SQLite error code. */
int dokus_vfs_register_sqlite (void);

/* Sets SQLite's reserved bytes per page on a fresh connection @db whose
 * main database is a dokus file, so that new databases leave room for the
 * nonce and tag. Does nothing for other connections. */
int dokus_vfs_prepare_connection (sqlite3 *db);

/* In-memory files for SQLite's temporary files (dokus-memfile.c): no
 * temporary page ever reaches the disk, sealed or not. @file has room for
 * at least dokus_memfile_size() bytes. */
size_t dokus_memfile_size (void);
int dokus_memfile_open (sqlite3_file *file);

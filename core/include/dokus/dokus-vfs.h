/* dokus-vfs.h
 *
 * The "dokus" SQLite VFS: wraps the platform's default VFS and seals every
 * page of the main database, its WAL and its rollback journal. Books opened
 * through dokus_book_open() use it already; this header is for tools and
 * benchmarks that open book files with plain SQLite calls:
 *
 *   dokus_vfs_register (&err);
 *   sqlite3_open_v2 ("file:BOOK?vfs=dokus&hexkey=<64 hex digits>", &db,
 *                    SQLITE_OPEN_URI | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
 *
 * URI parameters: key=PASSPHRASE (Argon2id, as the app uses), hexkey=HEX
 * (the raw 32-byte data key), cipher=xchacha20poly1305|aes256gcm (new files
 * only). Without either key, `PRAGMA key='passphrase'` must come first.
 * The loadable extension libdokus-sqlite does the same for any SQLite program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-error.h"
#include "dokus-types.h"

#define DOKUS_VFS_NAME "dokus"

/* Registers the "dokus" VFS with SQLite (never as the default VFS).
 * Idempotent and thread-safe. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT DokusStatus dokus_vfs_register (DokusError *err);

/* Work done by the VFS since the last reset, summed over all files of this
 * process: for benchmarks. */
typedef struct {
  uint64_t pages_sealed;   /* pages encrypted on write */
  uint64_t pages_opened;   /* pages decrypted and authenticated on read */
  uint64_t bytes_sealed;   /* payload bytes encrypted */
  uint64_t bytes_opened;   /* payload bytes decrypted */
  uint64_t header_hits;    /* partial reads of page 1 served without decrypting */
} DokusVfsStats;

/* Copies into @out (256 bytes) the last error the VFS met in this thread,
 * e.g. "page 3 of my.dokus failed authentication: damaged or tampered",
 * for tools that see only SQLite's "disk I/O error"; "" if none. */
DOKUS_PUBLIC void dokus_vfs_get_last_error (char out[256]);

DOKUS_PUBLIC void dokus_vfs_get_stats (DokusVfsStats *out /* OUT */);
DOKUS_PUBLIC void dokus_vfs_reset_stats (void);

/* dokus-book.h
 *
 * A book is one tenant's ledger: one SQLite database file, every page of it
 * (and of its WAL and rollback journal) sealed with an AEAD by the dokus
 * VFS. A random 256-bit data key seals the pages; the passphrase (through
 * Argon2id) and a recovery key each wrap that data key in the file header.
 * See docs/book-format.md for the file layout.
 *
 * Threading: a DokusBook is used by one thread at a time. Several books,
 * and several DokusBook handles on one file (in one or more processes),
 * may be open at once; SQLite's WAL locking serialises writers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-error.h"
#include "dokus-types.h"

typedef struct sqlite3 sqlite3;

/* The AEAD that seals a book's pages; stored in the file header. */
typedef enum {
  DOKUS_CIPHER_XCHACHA20POLY1305 = 1, /* the default: constant-time everywhere */
  DOKUS_CIPHER_AES256GCM = 2,         /* only where the CPU has AES-NI and PCLMUL; a book
                                         made with it opens only on such CPUs */
} DokusCipher;

/* Argon2id cost for the passphrase. DOKUS_KDF_DEFAULT (3 passes over
 * 256 MiB, libsodium's "moderate") takes about half a second on one core. DOKUS_KDF_MINIMUM is for tests and
 * throw-away books only: it offers no protection against guessing. */
typedef enum {
  DOKUS_KDF_DEFAULT = 0,
  DOKUS_KDF_MINIMUM = 1,
} DokusKdfCost;

typedef struct {
  DokusCipher  cipher;   /* 0 means DOKUS_CIPHER_XCHACHA20POLY1305 */
  DokusKdfCost kdf_cost; /* 0 means DOKUS_KDF_DEFAULT */
} DokusBookOptions;

/* The schema version this library writes (the newest migration in
 * schema/book/). A book with a newer version is refused on open. */
DOKUS_PUBLIC int dokus_book_schema_version_supported (void);

/* Creates a new book at @path, which must not exist, protected by
 * @passphrase (non-empty UTF-8). @options may be NULL for the defaults.
 * On success *@recovery_key receives the recovery key, to be shown to the
 * user once: (transfer full) free it with dokus_secret_free(). @recovery_key
 * may be NULL, and then the book has no recovery key.
 * *@out receives the open book: (transfer full) dokus_book_close() it.
 * Returns DOKUS_ERR_REFUSED if @path exists, DOKUS_ERR_INVALID for an
 * empty passphrase or bad options, DOKUS_ERR_IO if the file cannot be
 * written. On error nothing is left at @path. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_book_create (const char *path, const char *passphrase,
                               const DokusBookOptions *options, /* nullable */
                               char **recovery_key,             /* OUT, nullable */
                               DokusBook **out,                 /* OUT */
                               DokusError *err);                /* nullable */

/* Opens the book at @path with @passphrase and applies pending schema
 * migrations (one transaction each). A wrong passphrase is
 * DOKUS_ERR_BAD_PASSPHRASE and leaves the file untouched; a damaged or
 * tampered page is DOKUS_ERR_CORRUPT, the message naming the page; a book
 * from a newer Dokus is DOKUS_ERR_REFUSED; a missing file is
 * DOKUS_ERR_NOT_FOUND; a file that is not a Dokus book is DOKUS_ERR_INVALID.
 * *@out: (transfer full) dokus_book_close() it. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_book_open (const char *path, const char *passphrase,
                             DokusBook **out, /* OUT */
                             DokusError *err);

/* Opens the book at @path with its @recovery_key (as shown at creation;
 * case, spaces and dashes do not matter) and sets @new_passphrase, wrapping
 * the same data key again: no page is rewritten. *@out as for
 * dokus_book_open(). A wrong recovery key is DOKUS_ERR_BAD_PASSPHRASE;
 * one with a typo (bad checksum) is DOKUS_ERR_INVALID, field
 * "recovery_key". */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_book_recover (const char *path, const char *recovery_key,
                                const char *new_passphrase,
                                DokusBook **out, /* OUT */
                                DokusError *err);

/* Changes the passphrase of an open book. @old_passphrase must be the
 * current one (DOKUS_ERR_BAD_PASSPHRASE otherwise). Rewraps the data key
 * in both header copies, one after the other, each synced, so that a crash
 * leaves either the old or the new passphrase working, never neither. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_book_change_passphrase (DokusBook *book, const char *old_passphrase,
                                          const char *new_passphrase, DokusError *err);

/* Copies the open @book to a new book file at @dest_path (which must not
 * exist) with SQLite's online backup, page by page through the VFS: the copy
 * is consistent, sealed with the same data key under a new file id, and
 * opens with the same passphrase and recovery key. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_book_backup (DokusBook *book, const char *dest_path, DokusError *err);

/* Closes @book, checkpointing its WAL. NULL does nothing. */
DOKUS_PUBLIC void dokus_book_close (DokusBook *book);

/* (transfer none): valid while @book is open. */
DOKUS_PUBLIC const char *dokus_book_get_path (const DokusBook *book);

/* The schema version of the open book (after migrations). */
DOKUS_PUBLIC int dokus_book_get_schema_version (const DokusBook *book);

/* The book's SQLite connection, for tools and tests: (transfer none),
 * valid while @book is open. Ledger data must be changed through the
 * ledger API, never behind its back. */
DOKUS_PUBLIC sqlite3 *dokus_book_get_db (DokusBook *book);

/* Wipes and frees a secret string returned by libdokus. NULL does nothing. */
DOKUS_PUBLIC void dokus_secret_free (char *secret);

/* dokus-book.c
 *
 * Creating, opening, re-keying, backing up and closing books: the public
 * face of core/store. Reads the header, turns a passphrase or recovery key
 * into the data key, lends that key to the VFS (dokus-vfs.c) through a
 * keyref and opens SQLite with the book's pragmas and migrations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-book-private.h"
#include "dokus-crypto-private.h"
#include "dokus-header-private.h"
#include "dokus-vfs-private.h"
#include "dokus/dokus-platform.h"
#include "dokus/dokus-vfs.h"

struct DokusBook {
  sqlite3       *db;
  char          *path;
  unsigned char *data_key; /* sodium_malloc */
  int            schema_version;
  bool           cache_registered; /* dokus-book-cache.c has a slot for db */
};

/* Up to 64 MiB of page cache, taken only as pages are read: a freelancer's
 * whole book for years, and for a book of 100 000 invoices the indexes its
 * document list and dashboard read (bench/README.md, dokus-bench-ledger;
 * its pages are keyed by random ids, so a quarter touches most of them) */
static const char book_pragmas[] = "PRAGMA journal_mode = WAL;"
                                   "PRAGMA synchronous = FULL;"
                                   "PRAGMA foreign_keys = ON;"
                                   "PRAGMA temp_store = MEMORY;"
                                   "PRAGMA cache_size = -65536;";

DokusStatus
dokus_book_sqlite_error (sqlite3 *db, int rc, const char *what, DokusError *err)
{
  char vfs_error[256] = "";

  if (db == NULL
      || sqlite3_file_control (db, "main", DOKUS_FCNTL_LAST_ERROR, vfs_error) != SQLITE_OK)
    dokus_vfs_thread_error (vfs_error, false);
  switch (rc & 0xff)
    {
    case SQLITE_IOERR:
      if (rc == SQLITE_IOERR_DATA)
        return dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "%s: %s", what, vfs_error);
      if (rc == SQLITE_IOERR_NOMEM)
        return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "%s: out of memory", what);
      return dokus_error_set (err, DOKUS_ERR_IO, "", "%s: %s%s%s", what,
                              db ? sqlite3_errmsg (db) : sqlite3_errstr (rc),
                              vfs_error[0] ? ": " : "", vfs_error);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "%s: %s%s%s", what,
                              db ? sqlite3_errmsg (db) : sqlite3_errstr (rc),
                              vfs_error[0] ? ": " : "", vfs_error);
    case SQLITE_NOMEM:
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "%s: out of memory", what);
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return dokus_error_set (err, DOKUS_ERR_IO, "", "%s: %s", what,
                              db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
    default:
      return dokus_error_set (err, DOKUS_ERR_INTERNAL, "", "%s: %s", what,
                              db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
    }
}

/* "file:" URI for @path: percent-encodes what SQLite's URI parser treats
 * specially; on Windows, backslashes become slashes and drive letters get
 * the leading slash SQLite expects. (transfer full) sqlite3_free() it. */
static char *
uri_for_path (const char *path, const char *token)
{
  static const char hex[] = "0123456789ABCDEF";
  size_t len = strlen (path);
  char *plain = sqlite3_malloc64 (len + 2);
  char *enc = sqlite3_malloc64 (3 * len + 6);
  char *uri = NULL;
  size_t o = 0;

  if (plain != NULL && enc != NULL && dokus_platform_uri_path (path, plain, len + 2))
    {
      for (const char *p = plain; *p; p++)
        {
          unsigned char c = (unsigned char) *p;
          if (c == '%' || c == '?' || c == '#' || c == '&' || c == '=' || c < 0x20 || c == 0x7f)
            {
              enc[o++] = '%';
              enc[o++] = hex[c >> 4];
              enc[o++] = hex[c & 15];
            }
          else
            enc[o++] = (char) c;
        }
      enc[o] = '\0';
      uri = sqlite3_mprintf ("file:%s?vfs=" DOKUS_VFS_NAME "&keyref=%s", enc, token);
    }
  sqlite3_free (plain);
  sqlite3_free (enc);
  return uri;
}

/* Opens the SQLite connection of a book through the VFS with @data_key
 * (and @prepared for a file to create), sets the pragmas. */
static DokusStatus
open_connection (const char *path, const unsigned char data_key[DOKUS_KEY_BYTES],
                 const DokusHeader *prepared, sqlite3 **out, DokusError *err)
{
  char token[DOKUS_KEYREF_BYTES];
  sqlite3 *db = NULL;
  char *uri = NULL;
  DokusStatus status = DOKUS_OK;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
              | SQLITE_OPEN_NOMUTEX | (prepared ? SQLITE_OPEN_CREATE : 0);
  int rc;

  *out = NULL;
  if (dokus_vfs_register_sqlite () != SQLITE_OK)
    return dokus_error_set (err, DOKUS_ERR_INTERNAL, "", "cannot register the dokus VFS");
  if (dokus_vfs_keyref_add (data_key, prepared, token) != SQLITE_OK)
    return dokus_error_set (err, DOKUS_ERR_INTERNAL, "", "too many books being opened at once");
  dokus_vfs_thread_error ((char[256]){ 0 }, true);
  uri = uri_for_path (path, token);
  if (uri == NULL)
    {
      status = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      goto out;
    }
  rc = sqlite3_open_v2 (uri, &db, flags, DOKUS_VFS_NAME);
  if (rc == SQLITE_OK)
    rc = dokus_vfs_prepare_connection (db);
  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (db, 10000);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, book_pragmas, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      status = dokus_book_sqlite_error (db, rc, "opening the book", err);
      goto out;
    }
  *out = db;
  db = NULL;
out:
  dokus_vfs_keyref_remove (token);
  sodium_memzero (token, sizeof token);
  if (uri != NULL)
    {
      sodium_memzero (uri, strlen (uri));
      sqlite3_free (uri);
    }
  sqlite3_close (db);
  return status;
}

/* Reads and parses the header of the book at @path. */
static DokusStatus
read_header (const char *path, DokusHeader *h, DokusError *err)
{
  unsigned char raw[DOKUS_HEADER_BYTES];
  FILE *f = fopen (path, "rb");
  size_t got;

  if (f == NULL)
    {
      if (errno == ENOENT)
        return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "path", "no book at %s", path);
      return dokus_error_set (err, DOKUS_ERR_IO, "path", "cannot read %s: %s", path,
                              strerror (errno));
    }
  got = fread (raw, 1, sizeof raw, f);
  fclose (f);
  if (got < sizeof raw)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "path", "%s is not a Dokus book (%s)", path,
                            got == 0 ? "empty file" : "too short");
  switch (dokus_header_parse (h, raw))
    {
    case DOKUS_HEADER_OK: return DOKUS_OK;
    case DOKUS_HEADER_NOT_A_BOOK:
      return dokus_error_set (err, DOKUS_ERR_INVALID, "path", "%s is not a Dokus book", path);
    case DOKUS_HEADER_DAMAGED:
      return dokus_error_set (err, DOKUS_ERR_CORRUPT, "path",
                              "the header of %s is damaged (both copies fail their checksum)",
                              path);
    case DOKUS_HEADER_TOO_NEW:
      return dokus_error_set (err, DOKUS_ERR_REFUSED, "path",
                              "%s has a newer book format: update Dokus", path);
    case DOKUS_HEADER_BAD_CIPHER:
      return dokus_error_set (err, DOKUS_ERR_REFUSED, "path",
                              "%s is sealed with a cipher this computer cannot run", path);
    }
  return dokus_error_set (err, DOKUS_ERR_INTERNAL, "", "unexpected header state");
}

static DokusKdfCost
slot_cost (const DokusHeader *h)
{
  uint32_t ops;
  uint64_t mem;
  dokus_kdf_cost_params (DOKUS_KDF_MINIMUM, &ops, &mem);
  return h->slots[0].opslimit == ops && h->slots[0].memlimit == mem ? DOKUS_KDF_MINIMUM
                                                                     : DOKUS_KDF_DEFAULT;
}

static DokusStatus
rewrite_header (DokusBook *book, const DokusHeader *h, DokusError *err)
{
  int rc = sqlite3_exec (book->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_file_control (book->db, "main", DOKUS_FCNTL_REWRITE_HEADER, (void *) h);
      sqlite3_exec (book->db, rc == SQLITE_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (book->db, rc, "rewriting the book header", err);
  return DOKUS_OK;
}

/* Finishes opening: migrations, and a header copy damaged by a torn write
 * (or left old by a crash between the two copies) is written again. */
static DokusStatus
finish_open (DokusBook *book, const DokusHeader *h, DokusError *err)
{
  DokusStatus status = dokus_book_migrate (book->db, &book->schema_version, err);
  if (status == DOKUS_OK && h->good_copies != 3)
    status = rewrite_header (book, h, err);
  return status;
}

static DokusStatus
book_new (const char *path, DokusBook **out, DokusError *err)
{
  DokusBook *book = calloc (1, sizeof *book);
  if (book != NULL)
    {
      book->path = strdup (path);
      book->data_key = sodium_malloc (DOKUS_KEY_BYTES);
    }
  if (book == NULL || book->path == NULL || book->data_key == NULL)
    {
      dokus_book_close (book);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  *out = book;
  return DOKUS_OK;
}

static void
remove_book_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
    {
      char *name = sqlite3_mprintf ("%s%s", path, suffixes[i]);
      if (name != NULL)
        dokus_platform_remove_file (name);
      sqlite3_free (name);
    }
}

DokusStatus
dokus_book_create (const char *path, const char *passphrase, const DokusBookOptions *options,
                   char **recovery_key, DokusBook **out, DokusError *err)
{
  DokusCipher cipher = options && options->cipher ? options->cipher
                                                  : DOKUS_CIPHER_XCHACHA20POLY1305;
  DokusKdfCost cost = options ? options->kdf_cost : DOKUS_KDF_DEFAULT;
  unsigned char recovery[DOKUS_RECOVERY_BYTES];
  DokusBook *book = NULL;
  DokusHeader h;
  DokusStatus status;
  bool created = false;

  assert (path != NULL && passphrase != NULL && out != NULL);
  *out = NULL;
  if (recovery_key != NULL)
    *recovery_key = NULL;
  if (!dokus_crypto_init ())
    return dokus_error_set (err, DOKUS_ERR_INTERNAL, "", "libsodium cannot start");
  if (passphrase[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, "passphrase", "the passphrase is empty");
  if (cipher != DOKUS_CIPHER_XCHACHA20POLY1305 && cipher != DOKUS_CIPHER_AES256GCM)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "cipher", "unknown cipher %d", (int) cipher);
  if (!dokus_cipher_available (cipher))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "cipher",
                            "this CPU has no AES-NI: use XChaCha20-Poly1305");
  if (cost != DOKUS_KDF_DEFAULT && cost != DOKUS_KDF_MINIMUM)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "kdf_cost", "unknown KDF cost %d",
                            (int) cost);
  if (dokus_platform_path_exists (path))
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "path",
                            "%s exists already: a new book needs a new file", path);

  status = book_new (path, &book, err);
  if (status != DOKUS_OK)
    return status;
  randombytes_buf (book->data_key, DOKUS_KEY_BYTES);
  dokus_header_init (&h, cipher);
  if (!dokus_header_set_passphrase (&h, book->data_key, passphrase, cost))
    {
      status = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "Argon2id failed: out of memory");
      goto out;
    }
  if (recovery_key != NULL)
    {
      randombytes_buf (recovery, sizeof recovery);
      dokus_header_set_recovery (&h, book->data_key, recovery);
      *recovery_key = sodium_malloc (DOKUS_RECOVERY_TEXT_MAX);
      if (*recovery_key == NULL)
        {
          status = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
          goto out;
        }
      dokus_recovery_encode (recovery, *recovery_key);
    }
  created = true;
  status = open_connection (path, book->data_key, &h, &book->db, err);
  if (status == DOKUS_OK)
    status = dokus_book_migrate (book->db, &book->schema_version, err);
out:
  sodium_memzero (recovery, sizeof recovery);
  sodium_memzero (&h, sizeof h);
  if (status != DOKUS_OK)
    {
      dokus_book_close (book);
      if (created)
        remove_book_files (path);
      if (recovery_key != NULL)
        {
          dokus_secret_free (*recovery_key);
          *recovery_key = NULL;
        }
      return status;
    }
  *out = book;
  return DOKUS_OK;
}

DokusStatus
dokus_book_open (const char *path, const char *passphrase, DokusBook **out, DokusError *err)
{
  DokusBook *book = NULL;
  DokusHeader h;
  DokusStatus status;

  assert (path != NULL && passphrase != NULL && out != NULL);
  *out = NULL;
  if (!dokus_crypto_init ())
    return dokus_error_set (err, DOKUS_ERR_INTERNAL, "", "libsodium cannot start");
  status = read_header (path, &h, err);
  if (status == DOKUS_OK)
    status = book_new (path, &book, err);
  if (status != DOKUS_OK)
    goto out;
  if (!dokus_header_unwrap_passphrase (&h, passphrase, book->data_key))
    {
      status = dokus_error_set (err, DOKUS_ERR_BAD_PASSPHRASE, "passphrase",
                                "wrong passphrase for %s", path);
      goto out;
    }
  if (!dokus_header_check_key (&h, book->data_key))
    {
      status = dokus_error_set (err, DOKUS_ERR_CORRUPT, "path",
                                "the header of %s fails its key check: damaged or tampered",
                                path);
      goto out;
    }
  status = open_connection (path, book->data_key, NULL, &book->db, err);
  if (status == DOKUS_OK)
    status = finish_open (book, &h, err);
out:
  sodium_memzero (&h, sizeof h);
  if (status != DOKUS_OK)
    {
      dokus_book_close (book);
      return status;
    }
  *out = book;
  return DOKUS_OK;
}

DokusStatus
dokus_book_recover (const char *path, const char *recovery_key, const char *new_passphrase,
                    DokusBook **out, DokusError *err)
{
  unsigned char recovery[DOKUS_RECOVERY_BYTES];
  DokusBook *book = NULL;
  DokusHeader h;
  DokusStatus status;
  int decoded;

  assert (path != NULL && recovery_key != NULL && new_passphrase != NULL && out != NULL);
  *out = NULL;
  if (!dokus_crypto_init ())
    return dokus_error_set (err, DOKUS_ERR_INTERNAL, "", "libsodium cannot start");
  if (new_passphrase[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, "new_passphrase", "the passphrase is empty");
  decoded = dokus_recovery_decode (recovery_key, recovery);
  if (decoded == -1)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "recovery_key",
                            "a recovery key is 32 letters and digits in groups of four");
  if (decoded == -2)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "recovery_key",
                            "the recovery key has a typo (its check does not match)");
  status = read_header (path, &h, err);
  if (status == DOKUS_OK)
    status = book_new (path, &book, err);
  if (status != DOKUS_OK)
    goto out;
  if (!dokus_header_unwrap_recovery (&h, recovery, book->data_key))
    {
      status = dokus_error_set (err, DOKUS_ERR_BAD_PASSPHRASE, "recovery_key",
                                h.slots[1].kind == DOKUS_SLOT_RECOVERY
                                    ? "wrong recovery key for %s"
                                    : "%s has no recovery key",
                                path);
      goto out;
    }
  if (!dokus_header_check_key (&h, book->data_key))
    {
      status = dokus_error_set (err, DOKUS_ERR_CORRUPT, "path",
                                "the header of %s fails its key check: damaged or tampered",
                                path);
      goto out;
    }
  status = open_connection (path, book->data_key, NULL, &book->db, err);
  if (status != DOKUS_OK)
    goto out;
  if (!dokus_header_set_passphrase (&h, book->data_key, new_passphrase, slot_cost (&h)))
    {
      status = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "Argon2id failed: out of memory");
      goto out;
    }
  status = rewrite_header (book, &h, err);
  if (status == DOKUS_OK)
    status = dokus_book_migrate (book->db, &book->schema_version, err);
out:
  sodium_memzero (recovery, sizeof recovery);
  sodium_memzero (&h, sizeof h);
  if (status != DOKUS_OK)
    {
      dokus_book_close (book);
      return status;
    }
  *out = book;
  return DOKUS_OK;
}

DokusStatus
dokus_book_change_passphrase (DokusBook *book, const char *old_passphrase,
                              const char *new_passphrase, DokusError *err)
{
  unsigned char key[DOKUS_KEY_BYTES];
  DokusHeader h;
  DokusStatus status;
  int rc;

  assert (book != NULL && old_passphrase != NULL && new_passphrase != NULL);
  if (new_passphrase[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, "new_passphrase", "the passphrase is empty");
  rc = sqlite3_file_control (book->db, "main", DOKUS_FCNTL_HEADER, &h);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (book->db, rc, "reading the book header", err);
  if (!dokus_header_unwrap_passphrase (&h, old_passphrase, key)
      || sodium_memcmp (key, book->data_key, sizeof key) != 0)
    {
      status = dokus_error_set (err, DOKUS_ERR_BAD_PASSPHRASE, "old_passphrase",
                                "the current passphrase is wrong");
      goto out;
    }
  if (!dokus_header_set_passphrase (&h, book->data_key, new_passphrase, slot_cost (&h)))
    {
      status = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "Argon2id failed: out of memory");
      goto out;
    }
  status = rewrite_header (book, &h, err);
out:
  sodium_memzero (key, sizeof key);
  sodium_memzero (&h, sizeof h);
  return status;
}

DokusStatus
dokus_book_backup (DokusBook *book, const char *dest_path, DokusError *err)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  DokusHeader h;
  DokusStatus status;
  int rc;

  assert (book != NULL && dest_path != NULL);
  if (dokus_platform_path_exists (dest_path))
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "dest_path",
                            "%s exists already: a backup needs a new file", dest_path);
  rc = sqlite3_file_control (book->db, "main", DOKUS_FCNTL_HEADER, &h);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (book->db, rc, "reading the book header", err);
  /* same key slots, so the same passphrase opens it; a new file id, so its
   * pages can never be swapped with the original's */
  randombytes_buf (h.file_id, sizeof h.file_id);
  h.sequence = 0;
  status = open_connection (dest_path, book->data_key, &h, &dest, err);
  sodium_memzero (&h, sizeof h);
  if (status != DOKUS_OK)
    goto out;
  backup = sqlite3_backup_init (dest, "main", book->db, "main");
  if (backup == NULL)
    {
      status = dokus_book_sqlite_error (dest, sqlite3_errcode (dest), "starting the backup", err);
      goto out;
    }
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      status = dokus_book_sqlite_error (dest, rc, "copying the book", err);
      goto out;
    }
  rc = sqlite3_close (dest);
  dest = NULL;
  if (rc != SQLITE_OK)
    status = dokus_error_set (err, DOKUS_ERR_IO, "dest_path", "closing the backup failed");
out:
  sqlite3_close (dest);
  if (status != DOKUS_OK)
    remove_book_files (dest_path);
  return status;
}

void
dokus_book_close (DokusBook *book)
{
  if (book == NULL)
    return;
  if (book->cache_registered)
    dokus_book_cache_drop (book->db);
  sqlite3_close_v2 (book->db);
  if (book->data_key != NULL)
    sodium_free (book->data_key);
  free (book->path);
  free (book);
}

const char *
dokus_book_get_path (const DokusBook *book)
{
  return book->path;
}

int
dokus_book_get_schema_version (const DokusBook *book)
{
  return book->schema_version;
}

/* The keys of the book's own slots (dokus-book-cache.c): the book itself,
 * and its side connection once opened. */
static const char book_key, side_key;

sqlite3 *
dokus_book_get_db (DokusBook *book)
{
  if (!book->cache_registered && book->db != NULL)
    {
      dokus_book_cache_register (book->db);
      book->cache_registered = true;
      dokus_book_cache_set_keyed (book->db, &book_key, book, NULL);
    }
  return book->db;
}

static void
close_side (void *db)
{
  sqlite3_close_v2 (db);
}

DokusStatus
dokus_book_side_lookup (sqlite3 *db, sqlite3 **side, const DokusBook **book, DokusError *err)
{
  *side = dokus_book_cache_get_keyed (db, &side_key);
  *book = dokus_book_cache_get_keyed (db, &book_key);
  if (*side == NULL && (*book == NULL || (*book)->data_key == NULL))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "", "not a book's connection");
  return DOKUS_OK;
}

DokusStatus
dokus_book_side_open (const DokusBook *book, sqlite3 **out, DokusError *err)
{
  return open_connection (book->path, book->data_key, NULL, out, err);
}

bool
dokus_book_side_adopt (sqlite3 *db, sqlite3 *side)
{
  if (dokus_book_cache_set_keyed (db, &side_key, side, close_side))
    return true;
  sqlite3_close_v2 (side);
  return false;
}

DokusStatus
dokus_book_side_connection (sqlite3 *db, sqlite3 **out, DokusError *err)
{
  const DokusBook *book;
  sqlite3 *side;
  DokusStatus status = dokus_book_side_lookup (db, &side, &book, err);

  *out = side;
  if (status != DOKUS_OK || side != NULL)
    return status;
  if ((status = dokus_book_side_open (book, &side, err)) != DOKUS_OK)
    return status;
  if (!dokus_book_side_adopt (db, side))
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  *out = side;
  return DOKUS_OK;
}

void
dokus_secret_free (char *secret)
{
  if (secret != NULL)
    sodium_free (secret);
}

/* dokus-vfs.c
 *
 * The "dokus" SQLite VFS: a shim over the platform's default VFS that seals
 * every page of a book with an AEAD (dokus-crypto.c). The main database
 * file starts with the book header (DOKUS_HEADER_BYTES, dokus-header.c);
 * SQLite's pages follow it, each with its nonce and tag in the page's
 * reserved bytes and the file id and page number as associated data. WAL
 * frames bind the first 16 bytes of their frame header (page number, commit
 * size, salts); rollback journal records bind their page number. Temporary
 * files live in memory (dokus-memfile.c). docs/book-format.md describes the
 * format and what is deliberately left in clear (WAL and journal headers).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dokus-crypto-private.h"
#include "dokus-header-private.h"
#include "dokus-vfs-private.h"
#include "dokus/dokus-platform.h"
#include "dokus/dokus-vfs.h"

#define WAL_HEADER 32
#define WAL_FRAME_HEADER 24
#define WAL_FRAME_AD 16 /* page number, commit size, salt-1, salt-2 of the WAL header */
#define MIN_PAGE 512
#define MAX_PAGE 65536
#define KEYREF_SLOTS 16
#define ERROR_BYTES 256

typedef enum {
  FILE_MAIN,
  FILE_WAL,
  FILE_JOURNAL,
  FILE_PLAIN, /* super-journals: only file names, passed through */
} FileKind;

typedef struct DokusVfsFile DokusVfsFile;
struct DokusVfsFile {
  sqlite3_file   base;
  sqlite3_file  *real;
  FileKind       kind;
  const char    *name;
  DokusVfsFile  *next_main;    /* registry of open main files */
  DokusVfsFile  *main;         /* WAL and journal: their database's file */
  bool           readonly;

  unsigned char *data_key;     /* sodium_malloc, NULL until known */
  DokusPageKey  *key;          /* NULL until known */
  bool           key_borrowed; /* WAL, journal: the key is their database file's */
  DokusPageKey  *companion_keys[2]; /* main: the keys its WAL [0] and journal [1] borrow */
  DokusCipher    cipher;
  size_t         reserve;
  unsigned char  file_id[DOKUS_FILE_ID_BYTES];
  DokusHeader    header;       /* main: the header in use */
  bool           has_header;   /* main: a header is on disk */

  uint32_t       page_size;    /* 0 until known */
  unsigned char *buf;          /* scratch for one page (+ a WAL frame header) */
  size_t         buf_size;

  unsigned char *page1;        /* main: plaintext of page 1 (page1_size bytes) ... */
  uint32_t       page1_size;
  unsigned char  page1_tail[DOKUS_RESERVE_MAX]; /* ... valid while this tail is on disk */
  bool           page1_valid;

  unsigned char  wal_salt[8];  /* WAL: the salts of the log's current generation */
  bool           wal_salt_valid;
  sqlite3_int64  frame_off;    /* WAL: offset of the last frame header written */
  unsigned char  frame_header[WAL_FRAME_HEADER];
  sqlite3_int64  pgno_off;     /* journal: offset of the last page number written */
  unsigned char  pgno_bytes[4];

  char           last_error[ERROR_BYTES];
};

typedef struct {
  bool          used;
  char          token[DOKUS_KEYREF_BYTES];
  unsigned char key[DOKUS_KEY_BYTES];
  bool          has_prepared;
  DokusHeader   prepared;
} KeyRef;

static sqlite3_vfs dokus_vfs;
static sqlite3_vfs *real_vfs;
static DokusVfsFile *open_mains;
static KeyRef *keyrefs; /* sodium_malloc'd array of KEYREF_SLOTS */
static DokusVfsStats stats;
/* the last error of this thread, for failures before SQLite hands out a
 * connection to ask (sqlite3_open_v2 reading page 1) */
static _Thread_local char thread_error[ERROR_BYTES];

static sqlite3_mutex *
registry_mutex (void)
{
  return sqlite3_mutex_alloc (SQLITE_MUTEX_STATIC_VFS1);
}

static void
count (uint64_t *counter, uint64_t n)
{
  __atomic_fetch_add (counter, n, __ATOMIC_RELAXED);
}

/* Records an error on @p (and its database file) and in SQLite's log. */
static int
fail (DokusVfsFile *p, int rc, const char *format, ...)
#if defined(__GNUC__)
  __attribute__ ((format (printf, 3, 4)))
#endif
  ;

static int
fail (DokusVfsFile *p, int rc, const char *format, ...)
{
  va_list ap;

  va_start (ap, format);
  vsnprintf (p->last_error, sizeof p->last_error, format, ap);
  va_end (ap);
  if (p->main != NULL && p->main != p)
    memcpy (p->main->last_error, p->last_error, sizeof p->last_error);
  memcpy (thread_error, p->last_error, sizeof thread_error);
  sqlite3_log (rc, "dokus: %s", p->last_error);
  return rc;
}

static bool
is_page_size (sqlite3_int64 n)
{
  return n >= MIN_PAGE && n <= MAX_PAGE && (n & (n - 1)) == 0;
}

static const char *
base_name (const char *path)
{
  return dokus_platform_base_name (path);
}

static int
ensure_buf (DokusVfsFile *p, size_t need)
{
  if (p->buf_size >= need)
    return SQLITE_OK;
  sqlite3_free (p->buf);
  p->buf = sqlite3_malloc64 (need);
  p->buf_size = p->buf ? need : 0;
  return p->buf ? SQLITE_OK : SQLITE_IOERR_NOMEM;
}

/* ---- keys --------------------------------------------------------------- */

static int
install_key (DokusVfsFile *p, const unsigned char data_key[DOKUS_KEY_BYTES])
{
  DokusPageKind kind = p->kind == FILE_WAL       ? DOKUS_PAGE_WAL
                       : p->kind == FILE_JOURNAL ? DOKUS_PAGE_JOURNAL
                                                 : DOKUS_PAGE_MAIN;

  if (p->data_key == NULL)
    p->data_key = sodium_malloc (DOKUS_KEY_BYTES);
  if (p->data_key == NULL)
    return SQLITE_NOMEM;
  memcpy (p->data_key, data_key, DOKUS_KEY_BYTES);
  dokus_page_key_free (p->key);
  p->key = dokus_page_key_new (data_key, p->cipher, kind);
  if (p->key == NULL)
    return fail (p, SQLITE_CANTOPEN, "cipher %s is not available on this CPU",
                 dokus_cipher_name (p->cipher));
  if (p->kind == FILE_MAIN)
    {
      /* derived once here rather than at every journal's open: a rollback
       * journal lives for one transaction, and sodium_malloc is slow */
      for (int i = 0; i < 2; i++)
        {
          dokus_page_key_free (p->companion_keys[i]);
          p->companion_keys[i]
            = dokus_page_key_new (data_key, p->cipher, i == 0 ? DOKUS_PAGE_WAL : DOKUS_PAGE_JOURNAL);
          if (p->companion_keys[i] == NULL)
            return SQLITE_NOMEM;
        }
    }
  p->reserve = dokus_cipher_reserve (p->cipher);
  return SQLITE_OK;
}

static int
write_header_copies (DokusVfsFile *p, const DokusHeader *h)
{
  unsigned char raw[DOKUS_HEADER_BYTES];
  int rc;

  dokus_header_serialize (h, p->data_key, raw);
  /* one copy, synced, then the other: a crash leaves one good copy */
  for (unsigned i = 0; i < 2; i++)
    {
      rc = p->real->pMethods->xWrite (p->real, raw + i * DOKUS_HEADER_COPY_BYTES,
                                      DOKUS_HEADER_COPY_BYTES, i * DOKUS_HEADER_COPY_BYTES);
      if (rc == SQLITE_OK)
        rc = p->real->pMethods->xSync (p->real, SQLITE_SYNC_FULL);
      if (rc != SQLITE_OK)
        return fail (p, rc, "cannot write the header of %s", base_name (p->name));
    }
  p->header = *h;
  p->header.good_copies = 3;
  p->has_header = true;
  return SQLITE_OK;
}

/* A new, empty book: write its header around @data_key. */
static int
create_header (DokusVfsFile *p, const unsigned char data_key[DOKUS_KEY_BYTES],
               const DokusHeader *prepared)
{
  DokusHeader h;
  int rc;

  if (prepared != NULL)
    h = *prepared;
  else
    dokus_header_init (&h, p->cipher);
  p->cipher = h.cipher;
  memcpy (p->file_id, h.file_id, sizeof p->file_id);
  rc = install_key (p, data_key);
  if (rc == SQLITE_OK)
    rc = write_header_copies (p, &h);
  return rc;
}

/* Keys the main file @p with a data key, a passphrase or a keyref. For an
 * existing book the key must match the header; an empty file gets a new
 * header. */
static int
key_main (DokusVfsFile *p, const char *passphrase, const char *hexkey, const char *keyref)
{
  unsigned char key[DOKUS_KEY_BYTES];
  DokusHeader prepared;
  bool has_prepared = false;
  int rc = SQLITE_OK;

  if (p->key != NULL)
    return fail (p, SQLITE_MISUSE, "%s already has a key", base_name (p->name));
  if (keyref != NULL)
    {
      bool found = false;
      sqlite3_mutex_enter (registry_mutex ());
      for (int i = 0; keyrefs && i < KEYREF_SLOTS; i++)
        if (keyrefs[i].used && strcmp (keyrefs[i].token, keyref) == 0)
          {
            memcpy (key, keyrefs[i].key, sizeof key);
            has_prepared = keyrefs[i].has_prepared;
            if (has_prepared)
              prepared = keyrefs[i].prepared;
            found = true;
          }
      sqlite3_mutex_leave (registry_mutex ());
      if (!found)
        return fail (p, SQLITE_CANTOPEN, "unknown keyref");
    }
  else if (hexkey != NULL)
    {
      if (!dokus_hex_key_decode (hexkey, key))
        return fail (p, SQLITE_CANTOPEN, "hexkey must be 64 hexadecimal digits");
    }
  else if (p->has_header)
    {
      if (passphrase[0] == '\0' || !dokus_header_unwrap_passphrase (&p->header, passphrase, key))
        {
          rc = fail (p, SQLITE_AUTH, "wrong passphrase for %s", base_name (p->name));
          goto out;
        }
    }
  else
    {
      if (passphrase[0] == '\0')
        return fail (p, SQLITE_AUTH, "empty passphrase");
      randombytes_buf (key, sizeof key);
    }

  if (p->has_header)
    {
      if (!dokus_header_check_key (&p->header, key))
        {
          rc = fail (p, SQLITE_AUTH,
                     keyref || hexkey ? "wrong key for %s"
                                      : "the header of %s does not match its key (tampered)",
                     base_name (p->name));
          goto out;
        }
      rc = install_key (p, key);
      goto out;
    }

  if (p->readonly)
    {
      rc = fail (p, SQLITE_READONLY, "cannot create %s read-only", base_name (p->name));
      goto out;
    }
  if (!has_prepared)
    {
      dokus_header_init (&prepared, p->cipher);
      if (passphrase != NULL && hexkey == NULL && keyref == NULL
          && !dokus_header_set_passphrase (&prepared, key, passphrase, DOKUS_KDF_DEFAULT))
        {
          rc = fail (p, SQLITE_NOMEM, "Argon2id failed (out of memory?)");
          goto out;
        }
    }
  rc = create_header (p, key, &prepared);
out:
  sodium_memzero (key, sizeof key);
  sodium_memzero (&prepared, sizeof prepared);
  return rc;
}

/* ---- main database pages ------------------------------------------------ */

static void
main_ad (const DokusVfsFile *p, uint32_t pgno, unsigned char ad[DOKUS_FILE_ID_BYTES + 4])
{
  memcpy (ad, p->file_id, DOKUS_FILE_ID_BYTES);
  for (int i = 0; i < 4; i++)
    ad[DOKUS_FILE_ID_BYTES + i] = (unsigned char) (pgno >> (8 * i));
}

static bool
tail_is_zero (const unsigned char *page, size_t page_size, size_t reserve)
{
  unsigned char acc = 0;
  for (size_t i = page_size - reserve; i < page_size; i++)
    acc |= page[i];
  return acc == 0;
}

/* Reads and opens page @pgno of size @ps into @out. SQLITE_IOERR_SHORT_READ
 * (out zeroed) past the end of the file. */
static int
read_main_page (DokusVfsFile *p, uint32_t pgno, uint32_t ps, unsigned char *out)
{
  unsigned char ad[DOKUS_FILE_ID_BYTES + 4];
  sqlite3_int64 off = DOKUS_HEADER_BYTES + (sqlite3_int64) (pgno - 1) * ps;
  int rc;

  if (pgno == 1 && p->page1_valid && p->page1_size == ps)
    {
      /* rollback mode re-reads page 1's header bytes at every transaction:
       * when its nonce and tag are still those on disk, the page is too */
      unsigned char tail[DOKUS_RESERVE_MAX];
      rc = p->real->pMethods->xRead (p->real, tail, (int) p->reserve, off + ps - p->reserve);
      if (rc == SQLITE_OK && memcmp (tail, p->page1_tail, p->reserve) == 0)
        {
          memcpy (out, p->page1, ps);
          count (&stats.header_hits, 1);
          return SQLITE_OK;
        }
      p->page1_valid = false;
    }
  rc = p->real->pMethods->xRead (p->real, out, (int) ps, off);
  if (rc == SQLITE_IOERR_SHORT_READ)
    {
      sqlite3_int64 size = 0;
      p->real->pMethods->xFileSize (p->real, &size);
      if (size > off) /* a page cut short: damage, not the end of the file */
        return fail (p, SQLITE_IOERR_DATA, "page %u of %s is truncated", pgno,
                     base_name (p->name));
      memset (out, 0, ps);
      return SQLITE_IOERR_SHORT_READ;
    }
  if (rc != SQLITE_OK)
    return rc;
  if (pgno == 1)
    memcpy (p->page1_tail, out + ps - p->reserve, p->reserve);
  main_ad (p, pgno, ad);
  if (!dokus_page_open (p->key, out, out, ps, ad, sizeof ad))
    return fail (p, SQLITE_IOERR_DATA,
                 "page %u of %s failed authentication: damaged or tampered", pgno,
                 base_name (p->name));
  count (&stats.pages_opened, 1);
  count (&stats.bytes_opened, ps - p->reserve);
  if (pgno == 1)
    {
      if (p->page1 == NULL || p->page1_size != ps)
        {
          sqlite3_free (p->page1);
          p->page1 = sqlite3_malloc64 (ps);
          p->page1_size = p->page1 ? ps : 0;
        }
      if (p->page1 != NULL)
        {
          memcpy (p->page1, out, ps);
          p->page1_valid = true;
        }
    }
  p->page_size = ps;
  return SQLITE_OK;
}

/* The page size of an existing book whose first read is a partial one: the
 * size whose page 1 authenticates. */
static int
discover_page_size (DokusVfsFile *p)
{
  sqlite3_int64 size = 0;
  int rc = p->real->pMethods->xFileSize (p->real, &size);

  if (rc != SQLITE_OK)
    return rc;
  size -= DOKUS_HEADER_BYTES;
  if (size <= 0)
    return SQLITE_IOERR_SHORT_READ;
  rc = ensure_buf (p, MAX_PAGE);
  if (rc != SQLITE_OK)
    return rc;
  for (uint32_t ps = MIN_PAGE; ps <= MAX_PAGE; ps *= 2)
    {
      unsigned char ad[DOKUS_FILE_ID_BYTES + 4];
      if (size < ps || size % ps != 0)
        continue;
      if (p->real->pMethods->xRead (p->real, p->buf, (int) ps, DOKUS_HEADER_BYTES) != SQLITE_OK)
        continue;
      main_ad (p, 1, ad);
      if (dokus_page_open (p->key, p->buf, p->buf, ps, ad, sizeof ad))
        {
          p->page_size = ps;
          return SQLITE_OK;
        }
    }
  return fail (p, SQLITE_IOERR_DATA, "page 1 of %s failed authentication: damaged or tampered",
               base_name (p->name));
}

static int
main_read (DokusVfsFile *p, unsigned char *out, int amt, sqlite3_int64 off)
{
  sqlite3_int64 size = 0;
  int rc;

  if (p->key == NULL)
    {
      /* no key yet: page 1 reads as zeros, so SQLite says "file is not a
       * database"; every other page is refused */
      memset (out, 0, (size_t) amt);
      p->real->pMethods->xFileSize (p->real, &size);
      if (size <= DOKUS_HEADER_BYTES)
        return SQLITE_IOERR_SHORT_READ;
      if (off < MAX_PAGE)
        return SQLITE_OK;
      return fail (p, SQLITE_IOERR_AUTH, "no key for %s: use PRAGMA key or a key= URI parameter",
                   base_name (p->name));
    }
  if (is_page_size (amt) && off % amt == 0)
    return read_main_page (p, (uint32_t) (off / amt + 1), (uint32_t) amt, out);

  /* a partial read (SQLite's header reads): open the pages it touches */
  if (p->page_size == 0)
    {
      rc = discover_page_size (p);
      if (rc == SQLITE_IOERR_SHORT_READ)
        {
          memset (out, 0, (size_t) amt);
          return rc;
        }
      if (rc != SQLITE_OK)
        return rc;
    }
  rc = ensure_buf (p, p->page_size);
  if (rc != SQLITE_OK)
    return rc;
  for (sqlite3_int64 pos = off; pos < off + amt;)
    {
      uint32_t ps = p->page_size;
      uint32_t pgno = (uint32_t) (pos / ps + 1);
      sqlite3_int64 in_page = pos % ps;
      sqlite3_int64 n = ps - in_page;
      if (n > off + amt - pos)
        n = off + amt - pos;
      rc = read_main_page (p, pgno, ps, p->buf);
      if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
        return rc;
      memcpy (out + (pos - off), p->buf + in_page, (size_t) n);
      if (rc == SQLITE_IOERR_SHORT_READ)
        {
          memset (out + (pos - off), 0, (size_t) (off + amt - pos));
          return rc;
        }
      pos += n;
    }
  return SQLITE_OK;
}

static int
main_write (DokusVfsFile *p, const unsigned char *in, int amt, sqlite3_int64 off)
{
  unsigned char ad[DOKUS_FILE_ID_BYTES + 4];
  uint32_t pgno;
  int rc;

  if (p->key == NULL)
    return fail (p, SQLITE_IOERR_AUTH, "no key for %s: use PRAGMA key or a key= URI parameter",
                 base_name (p->name));
  if (!is_page_size (amt) || off % amt != 0)
    return fail (p, SQLITE_IOERR_WRITE, "unexpected write of %d bytes at %lld to %s", amt,
                 (long long) off, base_name (p->name));
  if (off == 0 && in[20] < p->reserve)
    return fail (p, SQLITE_IOERR_WRITE,
                 "%s reserves %u bytes per page, the cipher needs %u: set "
                 "SQLITE_FCNTL_RESERVE_BYTES before creating the database",
                 base_name (p->name), in[20], (unsigned) p->reserve);
  if (!tail_is_zero (in, (size_t) amt, p->reserve))
    return fail (p, SQLITE_IOERR_WRITE, "page at %lld of %s uses its reserved bytes",
                 (long long) off, base_name (p->name));
  rc = ensure_buf (p, (size_t) amt);
  if (rc != SQLITE_OK)
    return rc;
  pgno = (uint32_t) (off / amt + 1);
  main_ad (p, pgno, ad);
  dokus_page_seal (p->key, in, p->buf, (size_t) amt, ad, sizeof ad);
  count (&stats.pages_sealed, 1);
  count (&stats.bytes_sealed, (uint64_t) amt - p->reserve);
  rc = p->real->pMethods->xWrite (p->real, p->buf, amt, DOKUS_HEADER_BYTES + off);
  if (pgno == 1)
    {
      p->page1_valid = false;
      if (rc == SQLITE_OK && (p->page1 == NULL || p->page1_size != (uint32_t) amt))
        {
          sqlite3_free (p->page1);
          p->page1 = sqlite3_malloc64 ((sqlite3_uint64) amt);
          p->page1_size = p->page1 ? (uint32_t) amt : 0;
        }
      if (rc == SQLITE_OK && p->page1 != NULL)
        {
          memcpy (p->page1, in, (size_t) amt);
          memcpy (p->page1_tail, p->buf + amt - p->reserve, p->reserve);
          p->page1_valid = true;
        }
    }
  p->page_size = (uint32_t) amt;
  return rc;
}

/* ---- WAL frames --------------------------------------------------------- */

/* A frame's page is bound to the frame's page number and commit size (the
 * first 8 bytes of its frame header) and to the salts of the WAL header of
 * its generation. Not to the salts in the frame header: SQLite writes those
 * as zeros for frames after one it overwrote in the open transaction, and
 * fills them in at commit (wal.c, walEncodeFrame and walRewriteChecksums). */

static uint32_t
get_be32 (const unsigned char *b)
{
  return ((uint32_t) b[0] << 24) | ((uint32_t) b[1] << 16) | ((uint32_t) b[2] << 8) | b[3];
}

static void
wal_note_header (DokusVfsFile *p, const unsigned char *hdr)
{
  if (is_page_size (get_be32 (hdr + 8)))
    p->page_size = get_be32 (hdr + 8);
  memcpy (p->wal_salt, hdr + 16, sizeof p->wal_salt);
  p->wal_salt_valid = true;
}

/* (Re)reads the WAL header: page size and salts of the current generation. */
static int
wal_read_header (DokusVfsFile *p)
{
  unsigned char hdr[WAL_HEADER];
  int rc = p->real->pMethods->xRead (p->real, hdr, WAL_HEADER, 0);

  if (rc != SQLITE_OK)
    return rc;
  if (!is_page_size (get_be32 (hdr + 8)))
    return fail (p, SQLITE_IOERR_DATA, "WAL header of %s names no valid page size",
                 base_name (p->name));
  wal_note_header (p, hdr);
  return SQLITE_OK;
}

static int
wal_known (DokusVfsFile *p)
{
  if (p->page_size != 0 && p->wal_salt_valid)
    return SQLITE_OK;
  return wal_read_header (p);
}

static void
wal_ad (const DokusVfsFile *p, const unsigned char *frame_header,
        unsigned char ad[DOKUS_FILE_ID_BYTES + WAL_FRAME_AD])
{
  memcpy (ad, p->file_id, DOKUS_FILE_ID_BYTES);
  memcpy (ad + DOKUS_FILE_ID_BYTES, frame_header, 8);        /* page number, commit size */
  memcpy (ad + DOKUS_FILE_ID_BYTES + 8, p->wal_salt, 8);     /* the generation's salts */
}

/* Opens the sealed page of the frame whose header is @header into @out;
 * when it does not open, the log may have been restarted by another
 * connection since this one read its header: once more with fresh salts. */
static bool
wal_open_page (DokusVfsFile *p, const unsigned char *header, const unsigned char *sealed,
               unsigned char *out)
{
  unsigned char ad[DOKUS_FILE_ID_BYTES + WAL_FRAME_AD];
  unsigned char salt[8];

  wal_ad (p, header, ad);
  if (dokus_page_open (p->key, sealed, out, p->page_size, ad, sizeof ad))
    return true;
  memcpy (salt, p->wal_salt, sizeof salt);
  if (wal_read_header (p) != SQLITE_OK || memcmp (salt, p->wal_salt, sizeof salt) == 0)
    return false;
  wal_ad (p, header, ad);
  return dokus_page_open (p->key, sealed, out, p->page_size, ad, sizeof ad);
}

static int
wal_read (DokusVfsFile *p, unsigned char *out, int amt, sqlite3_int64 off)
{
  sqlite3_int64 frame, k;
  int rc;

  if (off < WAL_HEADER || p->key == NULL || p->page_size == 0)
    {
      rc = p->real->pMethods->xRead (p->real, out, amt, off);
      if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
        return rc;
      if (off == 0 && amt >= 24 && rc == SQLITE_OK)
        wal_note_header (p, out);
      if (off + amt <= WAL_HEADER)
        return rc;
      if (p->key == NULL)
        return fail (p, SQLITE_IOERR_AUTH, "no key for %s", base_name (p->name));
    }
  rc = wal_known (p);
  if (rc != SQLITE_OK)
    return rc;
  frame = WAL_FRAME_HEADER + (sqlite3_int64) p->page_size;
  k = (off - WAL_HEADER) / frame;
  if (off >= WAL_HEADER && off == WAL_HEADER + k * frame + WAL_FRAME_HEADER
      && amt == (int) p->page_size)
    {
      /* a page alone (reads, checkpoints): its header and page in one read */
      rc = ensure_buf (p, (size_t) frame);
      if (rc != SQLITE_OK)
        return rc;
      rc = p->real->pMethods->xRead (p->real, p->buf, (int) frame, off - WAL_FRAME_HEADER);
      if (rc != SQLITE_OK)
        return rc == SQLITE_IOERR_SHORT_READ
                   ? fail (p, SQLITE_IOERR_DATA, "WAL frame %lld of %s is cut short",
                           (long long) k + 1, base_name (p->name))
                   : rc;
      if (!wal_open_page (p, p->buf, p->buf + WAL_FRAME_HEADER, out))
        return fail (p, SQLITE_IOERR_DATA,
                     "WAL frame %lld of %s failed authentication: damaged or tampered",
                     (long long) k + 1, base_name (p->name));
      count (&stats.pages_opened, 1);
      count (&stats.bytes_opened, p->page_size - p->reserve);
      return SQLITE_OK;
    }
  if (off >= WAL_HEADER && off == WAL_HEADER + k * frame && amt == (int) frame)
    {
      /* a whole frame (recovery, checksum rewrites): opened in place */
      int result = p->real->pMethods->xRead (p->real, out, amt, off);
      if (result != SQLITE_OK && result != SQLITE_IOERR_SHORT_READ)
        return result;
      if (wal_open_page (p, out, out + WAL_FRAME_HEADER, out + WAL_FRAME_HEADER))
        {
          count (&stats.pages_opened, 1);
          count (&stats.bytes_opened, p->page_size - p->reserve);
        }
      else
        {
          /* a frame a crash cut short, or one of an older generation: zeros
           * fail SQLite's frame checksum, which ends the log there, as it
           * would without encryption */
          memset (out + WAL_FRAME_HEADER, 0, p->page_size);
          sqlite3_log (SQLITE_NOTICE, "dokus: WAL frame %lld of %s does not open: end of log",
                       (long long) k + 1, base_name (p->name));
        }
      return result;
    }
  if (off >= WAL_HEADER && off + amt <= WAL_HEADER + k * frame + WAL_FRAME_HEADER)
    return p->real->pMethods->xRead (p->real, out, amt, off); /* within a frame header */
  return fail (p, SQLITE_IOERR_READ, "unexpected read of %d bytes at %lld of %s", amt,
               (long long) off, base_name (p->name));
}

static int
wal_write (DokusVfsFile *p, const unsigned char *in, int amt, sqlite3_int64 off)
{
  static const unsigned char no_salt[8] = { 0 };
  sqlite3_int64 frame, start, within;
  unsigned char ad[DOKUS_FILE_ID_BYTES + WAL_FRAME_AD];
  int rc;

  if (off == 0)
    {
      if (amt >= 24)
        wal_note_header (p, in); /* a new generation of the log */
      if (amt <= WAL_HEADER)
        return p->real->pMethods->xWrite (p->real, in, amt, off);
    }
  if (p->key == NULL)
    return fail (p, SQLITE_IOERR_AUTH, "no key for %s", base_name (p->name));
  rc = wal_known (p);
  if (rc != SQLITE_OK)
    return rc;
  frame = WAL_FRAME_HEADER + (sqlite3_int64) p->page_size;
  start = WAL_HEADER + (off - WAL_HEADER) / frame * frame;
  within = off - start;
  if (off >= WAL_HEADER && within == 0 && amt == WAL_FRAME_HEADER)
    {
      memcpy (p->frame_header, in, WAL_FRAME_HEADER);
      p->frame_off = off;
      /* salts in a frame header are the log's current ones (SQLite read
       * them from the wal-index at the start of the write), unless zero */
      if (memcmp (in + 8, no_salt, 8) != 0)
        {
          memcpy (p->wal_salt, in + 8, 8);
          p->wal_salt_valid = true;
        }
      return p->real->pMethods->xWrite (p->real, in, amt, off);
    }
  if (off < WAL_HEADER || within != WAL_FRAME_HEADER || amt != (int) p->page_size)
    return fail (p, SQLITE_IOERR_WRITE, "unexpected write of %d bytes at %lld to %s", amt,
                 (long long) off, base_name (p->name));
  if (p->frame_off != start)
    {
      /* SQLite overwrites a frame of the open transaction in place */
      rc = p->real->pMethods->xRead (p->real, p->frame_header, WAL_FRAME_HEADER, start);
      if (rc != SQLITE_OK)
        return rc;
      p->frame_off = start;
    }
  rc = ensure_buf (p, p->page_size);
  if (rc != SQLITE_OK)
    return rc;
  wal_ad (p, p->frame_header, ad);
  dokus_page_seal (p->key, in, p->buf, p->page_size, ad, sizeof ad);
  count (&stats.pages_sealed, 1);
  count (&stats.bytes_sealed, p->page_size - p->reserve);
  return p->real->pMethods->xWrite (p->real, p->buf, amt, off);
}

/* ---- rollback journal records ------------------------------------------- */

/* A journal record is a 4-byte page number, the page, a 4-byte checksum;
 * headers sit at sector boundaries. So a page-sized access at an offset of
 * 4 modulo 8 is a record's page, anything else is plain. */
static bool
journal_is_page (int amt, sqlite3_int64 off)
{
  return is_page_size (amt) && off % 8 == 4;
}

static void
journal_ad (const DokusVfsFile *p, const unsigned char pgno[4],
            unsigned char ad[DOKUS_FILE_ID_BYTES + 4])
{
  memcpy (ad, p->file_id, DOKUS_FILE_ID_BYTES);
  memcpy (ad + DOKUS_FILE_ID_BYTES, pgno, 4);
}

static int
journal_read (DokusVfsFile *p, unsigned char *out, int amt, sqlite3_int64 off)
{
  unsigned char pgno[4], ad[DOKUS_FILE_ID_BYTES + 4];
  int rc = p->real->pMethods->xRead (p->real, out, amt, off);

  if (rc != SQLITE_OK || !journal_is_page (amt, off))
    return rc;
  if (p->key == NULL)
    return fail (p, SQLITE_IOERR_AUTH, "no key for %s", base_name (p->name));
  rc = p->real->pMethods->xRead (p->real, pgno, 4, off - 4);
  if (rc != SQLITE_OK)
    return rc;
  journal_ad (p, pgno, ad);
  if (!dokus_page_open (p->key, out, out, (size_t) amt, ad, sizeof ad))
    {
      /* a record a crash cut short: zeros fail SQLite's record checksum,
       * which ends the playback there, as without encryption */
      memset (out, 0, (size_t) amt);
      sqlite3_log (SQLITE_NOTICE, "dokus: journal record at %lld of %s does not open",
                   (long long) off, base_name (p->name));
      return SQLITE_OK;
    }
  count (&stats.pages_opened, 1);
  count (&stats.bytes_opened, (uint64_t) amt - p->reserve);
  return SQLITE_OK;
}

static int
journal_write (DokusVfsFile *p, const unsigned char *in, int amt, sqlite3_int64 off)
{
  unsigned char ad[DOKUS_FILE_ID_BYTES + 4];
  int rc;

  if (amt == 4)
    {
      memcpy (p->pgno_bytes, in, 4);
      p->pgno_off = off;
    }
  if (!journal_is_page (amt, off))
    return p->real->pMethods->xWrite (p->real, in, amt, off);
  if (p->key == NULL)
    return fail (p, SQLITE_IOERR_AUTH, "no key for %s", base_name (p->name));
  if (!tail_is_zero (in, (size_t) amt, p->reserve))
    return fail (p, SQLITE_IOERR_WRITE, "journal record at %lld of %s uses reserved bytes",
                 (long long) off, base_name (p->name));
  if (p->pgno_off != off - 4)
    {
      rc = p->real->pMethods->xRead (p->real, p->pgno_bytes, 4, off - 4);
      if (rc != SQLITE_OK)
        return rc;
      p->pgno_off = off - 4;
    }
  rc = ensure_buf (p, (size_t) amt);
  if (rc != SQLITE_OK)
    return rc;
  journal_ad (p, p->pgno_bytes, ad);
  dokus_page_seal (p->key, in, p->buf, (size_t) amt, ad, sizeof ad);
  count (&stats.pages_sealed, 1);
  count (&stats.bytes_sealed, (uint64_t) amt - p->reserve);
  return p->real->pMethods->xWrite (p->real, p->buf, amt, off);
}

/* ---- sqlite3_io_methods --------------------------------------------------- */

static int
vfs_close (sqlite3_file *f)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  int rc;

  if (p->kind == FILE_MAIN)
    {
      sqlite3_mutex_enter (registry_mutex ());
      for (DokusVfsFile **q = &open_mains; *q; q = &(*q)->next_main)
        if (*q == p)
          {
            *q = p->next_main;
            break;
          }
      sqlite3_mutex_leave (registry_mutex ());
    }
  rc = p->real->pMethods ? p->real->pMethods->xClose (p->real) : SQLITE_OK;
  if (!p->key_borrowed)
    dokus_page_key_free (p->key);
  for (int i = 0; i < 2; i++)
    dokus_page_key_free (p->companion_keys[i]);
  if (p->data_key != NULL)
    sodium_free (p->data_key);
  if (p->page1 != NULL)
    {
      sodium_memzero (p->page1, p->page1_size);
      sqlite3_free (p->page1);
    }
  if (p->buf != NULL)
    {
      sodium_memzero (p->buf, p->buf_size);
      sqlite3_free (p->buf);
    }
  sodium_memzero (&p->header, sizeof p->header);
  p->key = NULL;
  p->data_key = NULL;
  p->page1 = NULL;
  p->buf = NULL;
  return rc;
}

static int
vfs_read (sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  switch (p->kind)
    {
    case FILE_MAIN: return main_read (p, buf, amt, off);
    case FILE_WAL: return wal_read (p, buf, amt, off);
    case FILE_JOURNAL: return journal_read (p, buf, amt, off);
    case FILE_PLAIN: break;
    }
  return p->real->pMethods->xRead (p->real, buf, amt, off);
}

static int
vfs_write (sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  switch (p->kind)
    {
    case FILE_MAIN: return main_write (p, buf, amt, off);
    case FILE_WAL: return wal_write (p, buf, amt, off);
    case FILE_JOURNAL: return journal_write (p, buf, amt, off);
    case FILE_PLAIN: break;
    }
  return p->real->pMethods->xWrite (p->real, buf, amt, off);
}

static int
vfs_truncate (sqlite3_file *f, sqlite3_int64 size)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  if (p->kind == FILE_MAIN)
    {
      p->page1_valid = false;
      size += DOKUS_HEADER_BYTES; /* the header stays */
    }
  return p->real->pMethods->xTruncate (p->real, size);
}

static int
vfs_sync (sqlite3_file *f, int flags)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  return p->real->pMethods->xSync (p->real, flags);
}

static int
vfs_file_size (sqlite3_file *f, sqlite3_int64 *size)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  int rc = p->real->pMethods->xFileSize (p->real, size);
  if (rc == SQLITE_OK && p->kind == FILE_MAIN)
    *size = *size > DOKUS_HEADER_BYTES ? *size - DOKUS_HEADER_BYTES : 0;
  return rc;
}

static int
vfs_lock (sqlite3_file *f, int level)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  return p->real->pMethods->xLock (p->real, level);
}

static int
vfs_unlock (sqlite3_file *f, int level)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  return p->real->pMethods->xUnlock (p->real, level);
}

static int
vfs_check_reserved_lock (sqlite3_file *f, int *out)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  return p->real->pMethods->xCheckReservedLock (p->real, out);
}

static int
pragma_key (DokusVfsFile *p, char **args)
{
  const char *name = args[1];
  const char *value = args[2];
  int rc;

  if (value == NULL)
    {
      args[0] = sqlite3_mprintf ("PRAGMA %s needs a value", name);
      return SQLITE_ERROR;
    }
  if (p->key != NULL)
    {
      /* the same key again is harmless (scripts repeat it) */
      unsigned char key[DOKUS_KEY_BYTES];
      bool same = strcmp (name, "hexkey") == 0 && dokus_hex_key_decode (value, key)
                  && sodium_memcmp (key, p->data_key, sizeof key) == 0;
      if (!same && strcmp (name, "key") == 0 && p->has_header)
        same = dokus_header_unwrap_passphrase (&p->header, value, key)
               && sodium_memcmp (key, p->data_key, sizeof key) == 0;
      sodium_memzero (key, sizeof key);
      if (same)
        return SQLITE_OK;
      args[0] = sqlite3_mprintf ("%s already has another key", base_name (p->name));
      return SQLITE_ERROR;
    }
  rc = strcmp (name, "hexkey") == 0 ? key_main (p, NULL, value, NULL)
                                    : key_main (p, value, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      args[0] = sqlite3_mprintf ("%s", p->last_error);
      return SQLITE_ERROR;
    }
  return SQLITE_OK;
}

static int
pragma_rekey (DokusVfsFile *p, char **args)
{
  DokusHeader h;
  int rc;

  if (args[2] == NULL || args[2][0] == '\0' || p->key == NULL || !p->has_header)
    {
      args[0] = sqlite3_mprintf ("PRAGMA rekey needs a keyed book and a non-empty passphrase");
      return SQLITE_ERROR;
    }
  h = p->header;
  if (!dokus_header_set_passphrase (&h, p->data_key, args[2], DOKUS_KDF_DEFAULT))
    {
      args[0] = sqlite3_mprintf ("Argon2id failed (out of memory?)");
      return SQLITE_ERROR;
    }
  h.sequence++;
  rc = write_header_copies (p, &h);
  sodium_memzero (&h, sizeof h);
  if (rc != SQLITE_OK)
    args[0] = sqlite3_mprintf ("%s", p->last_error);
  return rc == SQLITE_OK ? SQLITE_OK : SQLITE_ERROR;
}

static int
vfs_file_control (sqlite3_file *f, int op, void *arg)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  int rc;

  if (p->kind == FILE_MAIN)
    switch (op)
      {
      case SQLITE_FCNTL_PRAGMA:
        {
          char **args = arg;
          if (sqlite3_stricmp (args[1], "key") == 0 || sqlite3_stricmp (args[1], "hexkey") == 0)
            return pragma_key (p, args);
          if (sqlite3_stricmp (args[1], "rekey") == 0)
            return pragma_rekey (p, args);
          break;
        }
      case SQLITE_FCNTL_MMAP_SIZE:
        *(sqlite3_int64 *) arg = 0; /* a mapping would bypass xRead */
        return SQLITE_OK;
      case SQLITE_FCNTL_SIZE_HINT:
        {
          sqlite3_int64 hint = *(sqlite3_int64 *) arg + DOKUS_HEADER_BYTES;
          return p->real->pMethods->xFileControl (p->real, op, &hint);
        }
      case DOKUS_FCNTL_LAST_ERROR:
        memcpy (arg, p->last_error, ERROR_BYTES);
        return SQLITE_OK;
      case DOKUS_FCNTL_RESERVE:
        *(int *) arg = (int) dokus_cipher_reserve (p->cipher);
        return SQLITE_OK;
      case DOKUS_FCNTL_HEADER:
        if (!p->has_header)
          return SQLITE_NOTFOUND;
        *(DokusHeader *) arg = p->header;
        return SQLITE_OK;
      case DOKUS_FCNTL_REWRITE_HEADER:
        {
          DokusHeader h = *(const DokusHeader *) arg;
          if (p->key == NULL || !p->has_header)
            return SQLITE_MISUSE;
          h.sequence = p->header.sequence + 1;
          memcpy (h.file_id, p->file_id, sizeof h.file_id);
          h.cipher = p->cipher;
          h.reserve = (uint8_t) p->reserve;
          rc = write_header_copies (p, &h);
          sodium_memzero (&h, sizeof h);
          return rc;
        }
      default:
        break;
      }
  if (op == SQLITE_FCNTL_VFSNAME)
    {
      rc = p->real->pMethods->xFileControl (p->real, op, arg);
      if (rc == SQLITE_OK)
        *(char **) arg = sqlite3_mprintf ("dokus/%z", *(char **) arg);
      return rc;
    }
  return p->real->pMethods->xFileControl (p->real, op, arg);
}

static int
vfs_sector_size (sqlite3_file *f)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  return p->real->pMethods->xSectorSize (p->real);
}

static int
vfs_device_characteristics (sqlite3_file *f)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  int c = p->real->pMethods->xDeviceCharacteristics (p->real);
  /* pages move by the header's size and carry a tail: no atomic writes */
  return c & ~(SQLITE_IOCAP_ATOMIC | SQLITE_IOCAP_ATOMIC512 | SQLITE_IOCAP_ATOMIC1K
               | SQLITE_IOCAP_ATOMIC2K | SQLITE_IOCAP_ATOMIC4K | SQLITE_IOCAP_ATOMIC8K
               | SQLITE_IOCAP_ATOMIC16K | SQLITE_IOCAP_ATOMIC32K | SQLITE_IOCAP_ATOMIC64K
               | SQLITE_IOCAP_BATCH_ATOMIC);
}

static int
vfs_shm_map (sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  return p->real->pMethods->xShmMap (p->real, region, size, extend, out);
}

static int
vfs_shm_lock (sqlite3_file *f, int offset, int n, int flags)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  return p->real->pMethods->xShmLock (p->real, offset, n, flags);
}

static void
vfs_shm_barrier (sqlite3_file *f)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  p->real->pMethods->xShmBarrier (p->real);
}

static int
vfs_shm_unmap (sqlite3_file *f, int delete_flag)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  return p->real->pMethods->xShmUnmap (p->real, delete_flag);
}

/* Version 2: no xFetch, so SQLite never maps the file around xRead. */
static const sqlite3_io_methods io_methods = {
  .iVersion = 2,
  .xClose = vfs_close,
  .xRead = vfs_read,
  .xWrite = vfs_write,
  .xTruncate = vfs_truncate,
  .xSync = vfs_sync,
  .xFileSize = vfs_file_size,
  .xLock = vfs_lock,
  .xUnlock = vfs_unlock,
  .xCheckReservedLock = vfs_check_reserved_lock,
  .xFileControl = vfs_file_control,
  .xSectorSize = vfs_sector_size,
  .xDeviceCharacteristics = vfs_device_characteristics,
  .xShmMap = vfs_shm_map,
  .xShmLock = vfs_shm_lock,
  .xShmBarrier = vfs_shm_barrier,
  .xShmUnmap = vfs_shm_unmap,
};

/* ---- sqlite3_vfs ---------------------------------------------------------- */

static int
open_main (DokusVfsFile *p, const char *name)
{
  const char *key = sqlite3_uri_parameter (name, "key");
  const char *hexkey = sqlite3_uri_parameter (name, "hexkey");
  const char *keyref = sqlite3_uri_parameter (name, "keyref");
  const char *cipher = sqlite3_uri_parameter (name, "cipher");
  sqlite3_int64 size = 0;
  int rc;

  p->cipher = DOKUS_CIPHER_XCHACHA20POLY1305;
  if (cipher != NULL)
    {
      if (strcmp (cipher, "aes256gcm") == 0)
        p->cipher = DOKUS_CIPHER_AES256GCM;
      else if (strcmp (cipher, "xchacha20poly1305") != 0)
        return fail (p, SQLITE_CANTOPEN, "unknown cipher %s", cipher);
    }
  rc = p->real->pMethods->xFileSize (p->real, &size);
  if (rc != SQLITE_OK)
    return rc;
  if (size > 0)
    {
      unsigned char raw[DOKUS_HEADER_BYTES];
      DokusHeaderParse parsed;
      if (size < DOKUS_HEADER_BYTES
          || p->real->pMethods->xRead (p->real, raw, sizeof raw, 0) != SQLITE_OK)
        return fail (p, SQLITE_NOTADB, "%s is not a Dokus book (too short)", base_name (name));
      parsed = dokus_header_parse (&p->header, raw);
      switch (parsed)
        {
        case DOKUS_HEADER_OK: break;
        case DOKUS_HEADER_NOT_A_BOOK:
          return fail (p, SQLITE_NOTADB, "%s is not a Dokus book", base_name (name));
        case DOKUS_HEADER_DAMAGED:
          return fail (p, SQLITE_CORRUPT, "the header of %s is damaged", base_name (name));
        case DOKUS_HEADER_TOO_NEW:
          return fail (p, SQLITE_CANTOPEN, "%s has a newer book format", base_name (name));
        case DOKUS_HEADER_BAD_CIPHER:
          return fail (p, SQLITE_CANTOPEN, "%s uses a cipher this CPU lacks", base_name (name));
        }
      p->has_header = true;
      p->cipher = p->header.cipher;
      memcpy (p->file_id, p->header.file_id, sizeof p->file_id);
    }
  p->reserve = dokus_cipher_reserve (p->cipher);
  if (keyref != NULL || hexkey != NULL || key != NULL)
    {
      rc = key_main (p, key, hexkey, keyref);
      /* a wrong key leaves the file unkeyed: SQLite then reports "file is
       * not a database"; the reason is in the log and DOKUS_FCNTL_LAST_ERROR */
      if (rc != SQLITE_OK && rc != SQLITE_AUTH)
        return rc;
    }
  sqlite3_mutex_enter (registry_mutex ());
  p->next_main = open_mains;
  open_mains = p;
  sqlite3_mutex_leave (registry_mutex ());
  return SQLITE_OK;
}

/* A WAL or journal takes the key of its database's open file. */
static int
open_companion (DokusVfsFile *p, const char *name)
{
  const char *db_name = sqlite3_filename_database (name);
  DokusVfsFile *m = NULL;
  int rc = SQLITE_OK;

  sqlite3_mutex_enter (registry_mutex ());
  for (DokusVfsFile *q = open_mains; q && !m; q = q->next_main)
    if (q->name == db_name)
      m = q;
  for (DokusVfsFile *q = open_mains; q && !m; q = q->next_main)
    if (q->data_key != NULL && db_name != NULL && strcmp (q->name, db_name) == 0)
      m = q;
  if (m != NULL)
    {
      p->main = m;
      p->cipher = m->cipher;
      memcpy (p->file_id, m->file_id, sizeof p->file_id);
      if (m->name == db_name && m->data_key != NULL)
        {
          /* the same connection's database file: it is closed after its WAL
           * and journal (pager.c), so they can borrow its keys */
          p->key = m->companion_keys[p->kind == FILE_WAL ? 0 : 1];
          p->key_borrowed = true;
        }
      else if (m->data_key != NULL)
        rc = install_key (p, m->data_key);
    }
  sqlite3_mutex_leave (registry_mutex ());
  p->reserve = dokus_cipher_reserve (p->cipher);
  return rc;
}

static int
vfs_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
  DokusVfsFile *p = (DokusVfsFile *) f;
  int rc;

  (void) vfs;
  memset (p, 0, sizeof *p);
  if (flags & (SQLITE_OPEN_TEMP_DB | SQLITE_OPEN_TEMP_JOURNAL | SQLITE_OPEN_SUBJOURNAL
               | SQLITE_OPEN_TRANSIENT_DB))
    {
      if (out_flags)
        *out_flags = flags;
      return dokus_memfile_open (f);
    }
  p->real = (sqlite3_file *) &p[1];
  p->name = name;
  p->readonly = (flags & SQLITE_OPEN_READONLY) != 0;
  p->kind = (flags & SQLITE_OPEN_MAIN_DB)        ? FILE_MAIN
            : (flags & SQLITE_OPEN_WAL)          ? FILE_WAL
            : (flags & SQLITE_OPEN_MAIN_JOURNAL) ? FILE_JOURNAL
                                                 : FILE_PLAIN;
  p->frame_off = -1;
  p->pgno_off = -1;
  rc = real_vfs->xOpen (real_vfs, name, p->real, flags, out_flags);
  if (rc != SQLITE_OK)
    return rc;
  if (p->kind == FILE_MAIN)
    rc = open_main (p, name);
  else if (p->kind == FILE_WAL || p->kind == FILE_JOURNAL)
    rc = open_companion (p, name);
  if (rc != SQLITE_OK)
    {
      vfs_close (f);
      return rc;
    }
  p->base.pMethods = &io_methods;
  return SQLITE_OK;
}

static int
vfs_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  (void) vfs;
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
vfs_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  (void) vfs;
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
vfs_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  (void) vfs;
  return real_vfs->xFullPathname (real_vfs, name, n, out);
}

static void *
vfs_dl_open (sqlite3_vfs *vfs, const char *path)
{
  (void) vfs;
  return real_vfs->xDlOpen (real_vfs, path);
}

static void
vfs_dl_error (sqlite3_vfs *vfs, int n, char *msg)
{
  (void) vfs;
  real_vfs->xDlError (real_vfs, n, msg);
}

static void (*vfs_dl_sym (sqlite3_vfs *vfs, void *h, const char *sym)) (void)
{
  (void) vfs;
  return real_vfs->xDlSym (real_vfs, h, sym);
}

static void
vfs_dl_close (sqlite3_vfs *vfs, void *h)
{
  (void) vfs;
  real_vfs->xDlClose (real_vfs, h);
}

static int
vfs_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  (void) vfs;
  randombytes_buf (out, (size_t) n);
  return n;
}

static int
vfs_sleep (sqlite3_vfs *vfs, int micro)
{
  (void) vfs;
  return real_vfs->xSleep (real_vfs, micro);
}

static int
vfs_current_time (sqlite3_vfs *vfs, double *out)
{
  (void) vfs;
  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
vfs_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  (void) vfs;
  return real_vfs->xGetLastError ? real_vfs->xGetLastError (real_vfs, n, out) : 0;
}

static int
vfs_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  (void) vfs;
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

int
dokus_vfs_register_sqlite (void)
{
  int rc = SQLITE_OK;

  if (!dokus_crypto_init () || sqlite3_initialize () != SQLITE_OK)
    return SQLITE_ERROR;
  sqlite3_mutex_enter (registry_mutex ());
  if (real_vfs == NULL)
    {
      sqlite3_vfs *base = sqlite3_vfs_find (NULL);
      if (base == NULL || base->iVersion < 2)
        rc = SQLITE_ERROR;
      if (rc == SQLITE_OK && keyrefs == NULL)
        {
          keyrefs = sodium_malloc (KEYREF_SLOTS * sizeof *keyrefs);
          if (keyrefs == NULL)
            rc = SQLITE_NOMEM;
          else
            memset (keyrefs, 0, KEYREF_SLOTS * sizeof *keyrefs);
        }
      if (rc == SQLITE_OK)
        {
          size_t own = sizeof (DokusVfsFile);
          if (own < dokus_memfile_size ())
            own = dokus_memfile_size ();
          dokus_vfs = (sqlite3_vfs){
            .iVersion = 2,
            .szOsFile = (int) (own + (size_t) base->szOsFile),
            .mxPathname = base->mxPathname,
            .zName = DOKUS_VFS_NAME,
            .xOpen = vfs_open,
            .xDelete = vfs_delete,
            .xAccess = vfs_access,
            .xFullPathname = vfs_full_pathname,
            .xDlOpen = vfs_dl_open,
            .xDlError = vfs_dl_error,
            .xDlSym = vfs_dl_sym,
            .xDlClose = vfs_dl_close,
            .xRandomness = vfs_randomness,
            .xSleep = vfs_sleep,
            .xCurrentTime = vfs_current_time,
            .xGetLastError = vfs_get_last_error,
            .xCurrentTimeInt64 = vfs_current_time_int64,
          };
          real_vfs = base;
          rc = sqlite3_vfs_register (&dokus_vfs, 0);
          if (rc != SQLITE_OK)
            real_vfs = NULL;
        }
    }
  sqlite3_mutex_leave (registry_mutex ());
  return rc;
}

int
dokus_vfs_prepare_connection (sqlite3 *db)
{
  sqlite3_vfs *vfs = NULL;
  int reserve = 0;

  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_VFS_POINTER, &vfs) != SQLITE_OK
      || vfs != &dokus_vfs)
    return SQLITE_OK;
  if (sqlite3_file_control (db, "main", DOKUS_FCNTL_RESERVE, &reserve) != SQLITE_OK
      || reserve <= 0)
    return SQLITE_OK;
  /* only takes effect on a database without pages yet */
  return sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve) == SQLITE_OK
             ? SQLITE_OK
             : SQLITE_ERROR;
}

int
dokus_vfs_keyref_add (const unsigned char data_key[DOKUS_KEY_BYTES], const DokusHeader *prepared,
                      char token[DOKUS_KEYREF_BYTES])
{
  unsigned char raw[16];
  int rc = SQLITE_FULL;

  randombytes_buf (raw, sizeof raw);
  sodium_bin2hex (token, DOKUS_KEYREF_BYTES, raw, sizeof raw);
  sqlite3_mutex_enter (registry_mutex ());
  for (int i = 0; keyrefs && i < KEYREF_SLOTS; i++)
    if (!keyrefs[i].used)
      {
        keyrefs[i].used = true;
        memcpy (keyrefs[i].token, token, DOKUS_KEYREF_BYTES);
        memcpy (keyrefs[i].key, data_key, DOKUS_KEY_BYTES);
        keyrefs[i].has_prepared = prepared != NULL;
        if (prepared != NULL)
          keyrefs[i].prepared = *prepared;
        rc = SQLITE_OK;
        break;
      }
  sqlite3_mutex_leave (registry_mutex ());
  return rc;
}

void
dokus_vfs_keyref_remove (const char *token)
{
  sqlite3_mutex_enter (registry_mutex ());
  for (int i = 0; keyrefs && i < KEYREF_SLOTS; i++)
    if (keyrefs[i].used && strcmp (keyrefs[i].token, token) == 0)
      sodium_memzero (&keyrefs[i], sizeof keyrefs[i]);
  sqlite3_mutex_leave (registry_mutex ());
}

void
dokus_vfs_thread_error (char out[256], bool clear)
{
  memcpy (out, thread_error, ERROR_BYTES);
  if (clear)
    thread_error[0] = '\0';
}

#if !defined(DOKUS_SQLITE_EXTENSION)
DokusStatus
dokus_vfs_register (DokusError *err)
{
  int rc = dokus_vfs_register_sqlite ();
  if (rc != SQLITE_OK)
    return dokus_error_set (err, DOKUS_ERR_INTERNAL, "", "cannot register the dokus VFS: %s",
                            sqlite3_errstr (rc));
  return DOKUS_OK;
}
#endif

void
dokus_vfs_get_last_error (char out[256])
{
  memcpy (out, thread_error, ERROR_BYTES);
}

void
dokus_vfs_get_stats (DokusVfsStats *out)
{
  out->pages_sealed = __atomic_load_n (&stats.pages_sealed, __ATOMIC_RELAXED);
  out->pages_opened = __atomic_load_n (&stats.pages_opened, __ATOMIC_RELAXED);
  out->bytes_sealed = __atomic_load_n (&stats.bytes_sealed, __ATOMIC_RELAXED);
  out->bytes_opened = __atomic_load_n (&stats.bytes_opened, __ATOMIC_RELAXED);
  out->header_hits = __atomic_load_n (&stats.header_hits, __ATOMIC_RELAXED);
}

void
dokus_vfs_reset_stats (void)
{
  __atomic_store_n (&stats.pages_sealed, 0, __ATOMIC_RELAXED);
  __atomic_store_n (&stats.pages_opened, 0, __ATOMIC_RELAXED);
  __atomic_store_n (&stats.bytes_sealed, 0, __ATOMIC_RELAXED);
  __atomic_store_n (&stats.bytes_opened, 0, __ATOMIC_RELAXED);
  __atomic_store_n (&stats.header_hits, 0, __ATOMIC_RELAXED);
}

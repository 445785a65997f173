/* dokus-bench-store.c
 *
 * dokus-bench-store: what the "dokus" VFS costs. One workload (bulk inserts
 * in transactions, indexed point lookups, range scans, updates, one-row
 * transactions, deletes, a VACUUM) runs phase by phase on plain SQLite (the default VFS) and on the
 * dokus VFS, interleaved so that both see the same machine; with SQLite's
 * default page cache and with one that holds the whole database; in
 * rollback (DELETE) and WAL journal modes. For every phase it prints both
 * times, their ratio, and the crypto floor: the plain time plus the time
 * libsodium alone takes to seal and open as many pages as the VFS did (same
 * cipher, page and associated-data sizes), i.e. the best ratio any VFS that
 * seals every page with this AEAD could reach. bench/README.md has the
 * figures and how to read them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "dokus/dokus.h"

#define ROWS_PER_SIZE 1000  /* --size 100 (the default): 100,000 rows */
#define ROWS_PER_TXN 1000
#define ACCOUNT_ROWS 20     /* rows per account, on average */
#define MEMO_MAX 128
#define FLOOR_POOL 64       /* distinct pages the floor loop cycles over */
#define NONCE_DRAWS 100000
#define GOAL_DEFAULT_CACHE 2.5
#define GOAL_BIG_CACHE 1.2

typedef enum {
  PHASE_INSERT,
  PHASE_LOOKUP,
  PHASE_RANGE,
  PHASE_UPDATE,
  PHASE_COMMIT,
  PHASE_DELETE,
  PHASE_VACUUM,
  N_PHASES
} Phase;

static const char *const phase_names[N_PHASES] = {
  "insert", "lookup", "range", "update", "commit", "delete", "vacuum",
};

typedef enum { CIPHER_XCHACHA, CIPHER_AES, N_CIPHERS } Cipher;
static const char *const cipher_names[N_CIPHERS] = { "xchacha20poly1305", "aes256gcm" };
static const int cipher_reserve[N_CIPHERS] = { 40, 28 }; /* nonce + 16-byte tag */

typedef enum { JOURNAL_DELETE, JOURNAL_WAL, N_JOURNALS } Journal;
static const char *const journal_names[N_JOURNALS] = { "delete", "wal" };

typedef enum { CACHE_DEFAULT, CACHE_BIG, N_CACHES } Cache;
static const char *const cache_names[N_CACHES] = { "default", "big" };

typedef struct {
  int      size;
  int64_t  rows;
  unsigned ciphers;   /* bit sets over Cipher, Journal, Cache */
  unsigned journals;
  unsigned caches;
  bool     sync_normal;
  bool     run_plain;
  bool     run_dokus;
  bool     no_spill;
  bool     no_floor;
  int      repeat;
} Config;

/* What one phase measured; over --repeat runs each time is the minimum. */
typedef struct {
  double   plain;
  double   dokus;
  double   aead;          /* libsodium alone, for the dokus run's pages */
  uint64_t sealed;
  uint64_t opened;
  uint64_t header_hits;
  uint64_t check_plain;   /* a digest of the results, equal on both */
  uint64_t check_dokus;
} PhaseResult;

typedef struct {
  Cipher      cipher;
  Journal     journal;
  Cache       cache;
  int         cache_kib;  /* cache_size as -KiB */
  PhaseResult phase[N_PHASES];
  int64_t     pages_plain;
  int64_t     pages_dokus;
  bool        failed;     /* an SQLite call failed: failure says which */
  Phase       phase_now;  /* the phase running, or failed */
  char        failure[512];
} Block;

/* ---- files: one temporary directory, removed at exit ---------------------- */

static char temp_dir[64];
static char file_paths[8][128];
static const char *const file_suffixes[4] = { "", "-journal", "-wal", "-shm" };

static void
remove_files (void)
{
  for (size_t i = 0; i < sizeof file_paths / sizeof file_paths[0]; i++)
    if (file_paths[i][0] != '\0')
      unlink (file_paths[i]); /* async-signal-safe */
}

static void
remove_temp_dir (void)
{
  remove_files ();
  if (temp_dir[0] != '\0')
    rmdir (temp_dir);
}

static void
signal_cb (int sig)
{
  remove_temp_dir ();
  _exit (128 + sig);
}

static void
make_temp_dir (void)
{
  strcpy (temp_dir, "/tmp/dokus-bench-XXXXXX");
  if (mkdtemp (temp_dir) == NULL)
    {
      fprintf (stderr, "dokus-bench-store: cannot create %s: %s\n", temp_dir, strerror (errno));
      temp_dir[0] = '\0';
      exit (1);
    }
  for (int db = 0; db < 2; db++)
    for (int s = 0; s < 4; s++)
      snprintf (file_paths[db * 4 + s], sizeof file_paths[0], "%s/%s.db%s", temp_dir,
                db == 0 ? "plain" : "dokus", file_suffixes[s]);
  atexit (remove_temp_dir);
  signal (SIGINT, signal_cb);
  signal (SIGTERM, signal_cb);
}

/* ---- helpers -------------------------------------------------------------- */

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static uint64_t
mix64 (uint64_t x)
{
  /* splitmix64: row contents and the workload are functions of a counter,
   * so the plain and the encrypted run see the same data */
  x += 0x9e3779b97f4a7c15u;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
  return x ^ (x >> 31);
}

/* While a block runs, an SQLite failure ends the block, not the program. */
static jmp_buf *failure_jump;
static char failure_text[512];
static char last_vfs_error[256]; /* the VFS says in SQLite's log why an I/O failed */

static void
log_cb (void *data, int code, const char *msg)
{
  (void) data;
  if ((code & 0xff) != SQLITE_NOTICE && (code & 0xff) != SQLITE_WARNING
      && strncmp (msg, "dokus:", 6) == 0)
    snprintf (last_vfs_error, sizeof last_vfs_error, "%s", msg);
}

static void
fail_block (void)
{
  fprintf (stderr, "dokus-bench-store: %s\n", failure_text);
  if (failure_jump != NULL)
    longjmp (*failure_jump, 1);
  exit (1);
}

static void
die_sqlite (sqlite3 *db, const char *what)
{
  snprintf (failure_text, sizeof failure_text, "%s: %s: %s%s%s%s",
            db ? sqlite3_db_filename (db, "main") : "?", what,
            db ? sqlite3_errmsg (db) : "out of memory", last_vfs_error[0] ? " (" : "",
            last_vfs_error, last_vfs_error[0] ? ")" : "");
  fail_block ();
}


static void
exec_sql (sqlite3 *db, const char *sql)
{
  char *msg = NULL;
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      snprintf (failure_text, sizeof failure_text, "%s: %s: %s%s%s%s",
                sqlite3_db_filename (db, "main"), sql, msg ? msg : "?",
                last_vfs_error[0] ? " (" : "", last_vfs_error, last_vfs_error[0] ? ")" : "");
      sqlite3_free (msg);
      fail_block ();
    }
}

static sqlite3_stmt *
prepare_sql (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    die_sqlite (db, sql);
  return stmt;
}

static int64_t
query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = prepare_sql (db, sql);
  int64_t v = 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  else
    die_sqlite (db, sql);
  sqlite3_finalize (stmt);
  return v;
}

/* Steps @stmt to its end, folding every integer column into the digest. */
static uint64_t
step_all (sqlite3 *db, sqlite3_stmt *stmt)
{
  uint64_t digest = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      digest = digest * 31 + (uint64_t) sqlite3_column_int64 (stmt, c);
  if (rc != SQLITE_DONE)
    die_sqlite (db, sqlite3_sql (stmt));
  sqlite3_reset (stmt);
  return digest;
}

/* ---- the data: row @i is a pure function of @i ---------------------------- */

typedef struct {
  int64_t account;
  char    booked[11]; /* YYYY-MM-DD */
  int64_t amount;     /* cents */
  char    memo[MEMO_MAX];
  int     memo_len;
} Row;

static int64_t
account_count (int64_t rows)
{
  return rows / ACCOUNT_ROWS > 0 ? rows / ACCOUNT_ROWS : 1;
}

static void
format_date (uint64_t r, char out[11])
{
  static const int month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int year = (int) (r % 6); /* 2020 to 2025 */
  int day = (int) ((r >> 8) % 365);
  int month = 0;

  while (day >= month_days[month])
    day -= month_days[month++];
  month++;
  day++;
  memcpy (out, "2020-01-01", 11);
  out[3] = (char) ('0' + year % 10);
  out[5] = (char) ('0' + month / 10);
  out[6] = (char) ('0' + month % 10);
  out[8] = (char) ('0' + day / 10);
  out[9] = (char) ('0' + day % 10);
}

static void
make_row (int64_t i, int64_t rows, Row *row)
{
  static const char letters[32] = "abcdefghijklmnopqrstuvwxyz      ";
  uint64_t h = mix64 ((uint64_t) i);
  uint64_t r = 0;

  row->account = (int64_t) (h % (uint64_t) account_count (rows)) + 1;
  format_date (h >> 24, row->booked);
  row->amount = (int64_t) ((h >> 40) % 1000000) - 500000;
  row->memo_len = 40 + (int) ((h >> 52) % 80);
  for (int k = 0; k < row->memo_len; k++)
    {
      if (k % 12 == 0)
        r = mix64 (h + (uint64_t) k);
      row->memo[k] = letters[r & 31];
      r >>= 5;
    }
}

/* ---- the workload ----------------------------------------------------------- */

typedef struct {
  sqlite3  *db;
  int64_t   rows;
  uint64_t  rng;
} Run;

static uint64_t
next_random (Run *run)
{
  run->rng = mix64 (run->rng);
  return run->rng;
}

static int64_t
random_id (Run *run)
{
  return (int64_t) (next_random (run) % (uint64_t) run->rows) + 1;
}

static int64_t
phase_count (Phase phase, int64_t rows)
{
  switch (phase)
    {
    case PHASE_INSERT: return rows;
    case PHASE_LOOKUP: return rows;
    case PHASE_RANGE: return rows / 50 > 0 ? rows / 50 : 1;
    case PHASE_UPDATE: return rows / 2;
    case PHASE_COMMIT: return rows / 20 > 0 ? rows / 20 : 1;
    case PHASE_DELETE: return rows / 4;
    case PHASE_VACUUM: return 1;
    case N_PHASES: break;
    }
  return 0;
}

static uint64_t
do_insert (Run *run)
{
  sqlite3_stmt *ins = prepare_sql (run->db,
                                   "INSERT INTO entry (id, account, booked, amount, memo)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5)");
  Row row;

  exec_sql (run->db, "BEGIN");
  for (int64_t i = 1; i <= run->rows; i++)
    {
      make_row (i, run->rows, &row);
      sqlite3_bind_int64 (ins, 1, i);
      sqlite3_bind_int64 (ins, 2, row.account);
      sqlite3_bind_text (ins, 3, row.booked, 10, SQLITE_STATIC);
      sqlite3_bind_int64 (ins, 4, row.amount);
      sqlite3_bind_text (ins, 5, row.memo, row.memo_len, SQLITE_STATIC);
      step_all (run->db, ins);
      if (i % ROWS_PER_TXN == 0 && i < run->rows)
        {
          exec_sql (run->db, "COMMIT");
          exec_sql (run->db, "BEGIN");
        }
    }
  exec_sql (run->db, "COMMIT");
  sqlite3_finalize (ins);
  return (uint64_t) run->rows;
}

/* Point lookups through the index, each its own (read) transaction, as an
 * application asks them. */
static uint64_t
do_lookup (Run *run)
{
  sqlite3_stmt *sel = prepare_sql (run->db,
                                   "SELECT id, amount, length(memo) FROM entry"
                                   " WHERE account = ?1 AND booked = ?2");
  uint64_t digest = 0;
  Row row;

  for (int64_t n = phase_count (PHASE_LOOKUP, run->rows); n > 0; n--)
    {
      make_row (random_id (run), run->rows, &row);
      sqlite3_bind_int64 (sel, 1, row.account);
      sqlite3_bind_text (sel, 2, row.booked, 10, SQLITE_STATIC);
      digest += step_all (run->db, sel);
    }
  sqlite3_finalize (sel);
  return digest;
}

/* Range scans, alternately over the index (about 100 rows fetched from all
 * over the table) and over the rowid (1000 neighbouring rows). */
static uint64_t
do_range (Run *run)
{
  sqlite3_stmt *by_account = prepare_sql (run->db,
                                          "SELECT count(*), sum(amount), sum(length(memo))"
                                          " FROM entry WHERE account BETWEEN ?1 AND ?1 + 4");
  sqlite3_stmt *by_id = prepare_sql (run->db,
                                     "SELECT count(*), sum(amount), sum(length(memo))"
                                     " FROM entry WHERE id BETWEEN ?1 AND ?1 + 999");
  int64_t accounts = account_count (run->rows);
  uint64_t digest = 0;

  for (int64_t n = phase_count (PHASE_RANGE, run->rows); n > 0; n--)
    {
      sqlite3_stmt *stmt = n % 2 ? by_account : by_id;
      int64_t start = n % 2 ? (int64_t) (next_random (run) % (uint64_t) accounts) + 1
                            : random_id (run);
      sqlite3_bind_int64 (stmt, 1, start);
      digest += step_all (run->db, stmt);
    }
  sqlite3_finalize (by_account);
  sqlite3_finalize (by_id);
  return digest;
}

static uint64_t
do_update (Run *run)
{
  sqlite3_stmt *upd = prepare_sql (run->db,
                                   "UPDATE entry SET amount = amount + ?2, booked = ?3"
                                   " WHERE id = ?1");
  uint64_t changes = 0;
  int64_t total = phase_count (PHASE_UPDATE, run->rows);
  char booked[11];

  exec_sql (run->db, "BEGIN");
  for (int64_t n = 1; n <= total; n++)
    {
      uint64_t r = next_random (run);
      format_date (r >> 16, booked);
      sqlite3_bind_int64 (upd, 1, random_id (run));
      sqlite3_bind_int64 (upd, 2, (int64_t) (r % 1000));
      sqlite3_bind_text (upd, 3, booked, 10, SQLITE_STATIC);
      step_all (run->db, upd);
      changes += (uint64_t) sqlite3_changes (run->db);
      if (n % ROWS_PER_TXN == 0 && n < total)
        {
          exec_sql (run->db, "COMMIT");
          exec_sql (run->db, "BEGIN");
        }
    }
  exec_sql (run->db, "COMMIT");
  sqlite3_finalize (upd);
  return changes;
}

/* Small transactions, one row each, as the application saves an invoice:
 * the fixed cost of a commit (journal or WAL frames, locks). */
static uint64_t
do_commit (Run *run)
{
  sqlite3_stmt *upd = prepare_sql (run->db, "UPDATE entry SET amount = amount + 1 WHERE id = ?1");
  uint64_t changes = 0;

  for (int64_t n = phase_count (PHASE_COMMIT, run->rows); n > 0; n--)
    {
      sqlite3_bind_int64 (upd, 1, random_id (run));
      step_all (run->db, upd);
      changes += (uint64_t) sqlite3_changes (run->db);
    }
  sqlite3_finalize (upd);
  return changes;
}

static uint64_t
do_delete (Run *run)
{
  sqlite3_stmt *del = prepare_sql (run->db, "DELETE FROM entry WHERE id = ?1");
  uint64_t changes = 0;
  int64_t total = phase_count (PHASE_DELETE, run->rows);

  exec_sql (run->db, "BEGIN");
  for (int64_t n = 1; n <= total; n++)
    {
      sqlite3_bind_int64 (del, 1, random_id (run));
      step_all (run->db, del);
      changes += (uint64_t) sqlite3_changes (run->db);
      if (n % ROWS_PER_TXN == 0 && n < total)
        {
          exec_sql (run->db, "COMMIT");
          exec_sql (run->db, "BEGIN");
        }
    }
  exec_sql (run->db, "COMMIT");
  sqlite3_finalize (del);
  return changes;
}

static uint64_t
do_vacuum (Run *run)
{
  exec_sql (run->db, "VACUUM");
  return 0; /* the page counts differ: encrypted pages hold less */
}

static uint64_t
run_phase (Run *run, Phase phase)
{
  run->rng = 0x646f6b7573u + (uint64_t) phase; /* the same sequence on both databases */
  switch (phase)
    {
    case PHASE_INSERT: return do_insert (run);
    case PHASE_LOOKUP: return do_lookup (run);
    case PHASE_RANGE: return do_range (run);
    case PHASE_UPDATE: return do_update (run);
    case PHASE_COMMIT: return do_commit (run);
    case PHASE_DELETE: return do_delete (run);
    case PHASE_VACUUM: return do_vacuum (run);
    case N_PHASES: break;
    }
  return 0;
}

/* ---- opening the two databases -------------------------------------------- */

static sqlite3 *
open_database (const Config *cfg, const Block *b, bool dokus, const char *path)
{
  char hexkey[65];
  unsigned char key[32];
  char *uri, *sql;
  sqlite3 *db = NULL;

  if (dokus)
    {
      randombytes_buf (key, sizeof key);
      sodium_bin2hex (hexkey, sizeof hexkey, key, sizeof key);
      sodium_memzero (key, sizeof key);
      uri = sqlite3_mprintf ("file:%s?vfs=" DOKUS_VFS_NAME "&hexkey=%s&cipher=%s", path, hexkey,
                             cipher_names[b->cipher]);
      sodium_memzero (hexkey, sizeof hexkey);
    }
  else
    uri = sqlite3_mprintf ("file:%s", path);
  if (uri == NULL)
    die_sqlite (NULL, "open");
  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_URI | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                       NULL)
      != SQLITE_OK)
    die_sqlite (db, path);
  sodium_memzero (uri, strlen (uri));
  sqlite3_free (uri);
  if (dokus)
    {
      /* a new file: leave room for the nonce and tag on every page */
      int reserve = cipher_reserve[b->cipher];
      if (sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve) != SQLITE_OK)
        die_sqlite (db, "SQLITE_FCNTL_RESERVE_BYTES");
    }
  sql = sqlite3_mprintf ("PRAGMA journal_mode = %s; PRAGMA synchronous = %s;"
                         " PRAGMA cache_size = %d; PRAGMA cache_spill = %s;"
                         " CREATE TABLE entry (id INTEGER PRIMARY KEY, account INTEGER NOT NULL,"
                         "  booked TEXT NOT NULL, amount INTEGER NOT NULL, memo TEXT NOT NULL);"
                         " CREATE INDEX entry_account ON entry (account, booked);",
                         b->journal == JOURNAL_WAL ? "WAL" : "DELETE",
                         cfg->sync_normal ? "NORMAL" : "OFF", -b->cache_kib,
                         cfg->no_spill ? "OFF" : "ON");
  exec_sql (db, sql);
  sqlite3_free (sql);
  if (query_int (db, "PRAGMA mmap_size") != 0) /* both read through xRead */
    exec_sql (db, "PRAGMA mmap_size = 0");
  return db;
}

static void
check_file (const char *path, bool dokus)
{
  char head[16] = { 0 };
  FILE *f = fopen (path, "rb");
  bool clear;

  if (f == NULL || fread (head, 1, sizeof head, f) != sizeof head)
    {
      snprintf (failure_text, sizeof failure_text, "cannot read %s", path);
      if (f != NULL)
        fclose (f);
      fail_block ();
    }
  fclose (f);
  clear = memcmp (head, "SQLite format 3", 16) == 0;
  if (clear == dokus)
    {
      snprintf (failure_text, sizeof failure_text, "%s is %s", path,
                clear ? "a plain SQLite file, expected an encrypted book"
                      : "not a plain SQLite file");
      fail_block ();
    }
}

/* ---- the crypto floor ------------------------------------------------------- */

typedef struct {
  Cipher                       cipher;
  unsigned char                key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  crypto_aead_aes256gcm_state *aes; /* sodium_malloc: 16-byte aligned */
  unsigned char               *pages;  /* FLOOR_POOL plaintext pages */
  unsigned char               *sealed; /* FLOOR_POOL sealed pages */
  unsigned char               *out;
  size_t                       page_size;
} Floor;

static void
floor_init (Floor *fl, Cipher cipher, size_t page_size)
{
  memset (fl, 0, sizeof *fl);
  fl->cipher = cipher;
  fl->page_size = page_size;
  fl->pages = malloc (FLOOR_POOL * page_size);
  fl->sealed = malloc (FLOOR_POOL * page_size);
  fl->out = malloc (page_size);
  fl->aes = sodium_malloc (sizeof *fl->aes);
  if (fl->pages == NULL || fl->sealed == NULL || fl->out == NULL || fl->aes == NULL)
    {
      fprintf (stderr, "dokus-bench-store: out of memory\n");
      exit (1);
    }
  randombytes_buf (fl->key, sizeof fl->key);
  randombytes_buf (fl->pages, FLOOR_POOL * page_size);
  if (cipher == CIPHER_AES)
    crypto_aead_aes256gcm_beforenm (fl->aes, fl->key);
}

static void
floor_free (Floor *fl)
{
  free (fl->pages);
  free (fl->sealed);
  free (fl->out);
  sodium_free (fl->aes);
}

/* Seals pool page @k as the VFS lays a page out: ciphertext, nonce, tag. The
 * nonce is a counter: the floor is the AEAD alone, not the nonce's source. */
static void
floor_seal (Floor *fl, size_t k, size_t len, const unsigned char *ad, size_t ad_len,
            uint64_t counter)
{
  unsigned char *out = fl->sealed + k * fl->page_size;
  unsigned char *nonce = out + len;

  if (fl->cipher == CIPHER_AES)
    {
      memset (nonce, 0, crypto_aead_aes256gcm_NPUBBYTES);
      memcpy (nonce, &counter, sizeof counter);
      crypto_aead_aes256gcm_encrypt_detached_afternm (out, nonce + crypto_aead_aes256gcm_NPUBBYTES,
                                                      NULL, fl->pages + k * fl->page_size, len,
                                                      ad, ad_len, NULL, nonce, fl->aes);
    }
  else
    {
      memset (nonce, 0, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
      memcpy (nonce, &counter, sizeof counter);
      crypto_aead_xchacha20poly1305_ietf_encrypt_detached (
        out, nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, NULL,
        fl->pages + k * fl->page_size, len, ad, ad_len, NULL, nonce, fl->key);
    }
}

static int
floor_open (Floor *fl, size_t k, size_t len, const unsigned char *ad, size_t ad_len)
{
  const unsigned char *in = fl->sealed + k * fl->page_size;
  const unsigned char *nonce = in + len;

  if (fl->cipher == CIPHER_AES)
    return crypto_aead_aes256gcm_decrypt_detached_afternm (
      fl->out, NULL, in, len, nonce + crypto_aead_aes256gcm_NPUBBYTES, ad, ad_len, nonce, fl->aes);
  return crypto_aead_xchacha20poly1305_ietf_decrypt_detached (
    fl->out, NULL, in, len, nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, ad, ad_len, nonce,
    fl->key);
}

/* Seconds libsodium alone takes to seal @sealed and open @opened pages of
 * @len payload bytes with @ad_len bytes of associated data. */
static double
floor_time (Floor *fl, uint64_t sealed, uint64_t opened, size_t len, size_t ad_len)
{
  unsigned char ad[32] = { 0 };
  uint64_t counter = 0;
  double t0;

  for (size_t k = 0; k < FLOOR_POOL; k++)
    floor_seal (fl, k, len, ad, ad_len, ++counter);
  t0 = now ();
  for (uint64_t i = 0; i < sealed; i++)
    floor_seal (fl, i % FLOOR_POOL, len, ad, ad_len, ++counter);
  for (uint64_t i = 0; i < opened; i++)
    if (floor_open (fl, i % FLOOR_POOL, len, ad, ad_len) != 0)
      {
        fprintf (stderr, "dokus-bench-store: floor: a page failed to open\n");
        exit (1);
      }
  return now () - t0;
}

/* Nanoseconds one randombytes_buf() of a nonce's size takes: the VFS draws
 * one fresh random nonce per sealed page. */
static double
nonce_draw_ns (Cipher cipher)
{
  unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
  size_t n = cipher == CIPHER_AES ? crypto_aead_aes256gcm_NPUBBYTES - 4 : sizeof nonce;
  double t0 = now ();

  for (int i = 0; i < NONCE_DRAWS; i++)
    randombytes_buf (nonce, n);
  return (now () - t0) * 1e9 / NONCE_DRAWS;
}

/* ---- one block: a cipher, a journal mode, a cache ------------------------ */

static void
quick_check (sqlite3 *db)
{
  sqlite3_stmt *stmt = prepare_sql (db, "PRAGMA quick_check");
  if (sqlite3_step (stmt) != SQLITE_ROW
      || strcmp ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    die_sqlite (db, "PRAGMA quick_check");
  sqlite3_finalize (stmt);
}

/* The largest the database got: what the big cache must hold. */
static void
note_pages (sqlite3 *db, int64_t *max_pages)
{
  int64_t pages = query_int (db, "PRAGMA page_count");
  if (pages > *max_pages)
    *max_pages = pages;
}

static void
keep_min (double *slot, double v, int run)
{
  if (run == 0 || v < *slot)
    *slot = v;
}

static void
run_block (const Config *cfg, Block *b, Floor *fl)
{
  /* WAL frames bind 16 bytes of their header, main and journal pages their
   * page number: 16 + 16 or 16 + 4 bytes. Both pad to 32 bytes for
   * Poly1305 and GHASH, so they cost the same. */
  size_t ad_len = b->journal == JOURNAL_WAL ? 32 : 20;
  /* static: longjmp must not clobber them */
  static Run plain, dokus;
  static int rep;
  jmp_buf jump;

  plain = (Run){ .rows = cfg->rows };
  dokus = (Run){ .rows = cfg->rows };
  failure_jump = &jump;
  last_vfs_error[0] = '\0';
  if (setjmp (jump) != 0)
    {
      b->failed = true;
      memcpy (b->failure, failure_text, sizeof b->failure);
      sqlite3_close_v2 (plain.db); /* statements of the phase leak: zombies */
      sqlite3_close_v2 (dokus.db);
      remove_files ();
      failure_jump = NULL;
      return;
    }
  for (rep = 0; rep < cfg->repeat; rep++)
    {
      plain.db = dokus.db = NULL;
      remove_files ();
      if (cfg->run_plain)
        plain.db = open_database (cfg, b, false, file_paths[0]);
      if (cfg->run_dokus)
        dokus.db = open_database (cfg, b, true, file_paths[4]);
      for (Phase ph = 0; ph < N_PHASES; ph++)
        {
          PhaseResult *r = &b->phase[ph];
          DokusVfsStats st;
          double t0;

          b->phase_now = ph;
          if (plain.db != NULL)
            {
              t0 = now ();
              r->check_plain = run_phase (&plain, ph);
              keep_min (&r->plain, now () - t0, rep);
              note_pages (plain.db, &b->pages_plain);
            }
          if (dokus.db != NULL)
            {
              dokus_vfs_reset_stats ();
              t0 = now ();
              r->check_dokus = run_phase (&dokus, ph);
              keep_min (&r->dokus, now () - t0, rep);
              dokus_vfs_get_stats (&st);
              note_pages (dokus.db, &b->pages_dokus);
              r->sealed = st.pages_sealed;
              r->opened = st.pages_opened;
              r->header_hits = st.header_hits;
              if (st.pages_sealed + st.pages_opened > 0 && !cfg->no_floor)
                {
                  size_t len = (size_t) ((st.bytes_sealed + st.bytes_opened)
                                         / (st.pages_sealed + st.pages_opened));
                  keep_min (&r->aead, floor_time (fl, st.pages_sealed, st.pages_opened, len, ad_len),
                            rep);
                }
              else
                r->aead = 0;
            }
        }
      if (plain.db != NULL)
        {
          quick_check (plain.db);
          sqlite3_close (plain.db);
          plain.db = NULL;
          check_file (file_paths[0], false);
        }
      if (dokus.db != NULL)
        {
          quick_check (dokus.db);
          if (sqlite3_close (dokus.db) != SQLITE_OK)
            die_sqlite (dokus.db, "close");
          dokus.db = NULL;
          check_file (file_paths[4], true);
        }
      remove_files ();
    }
  failure_jump = NULL;
}

/* ---- output ----------------------------------------------------------------- */

static double
ratio (double a, double b)
{
  return b > 0 ? a / b : 0;
}

static void
print_block (const Config *cfg, const Block *b, double nonce_ns)
{
  PhaseResult tot = { 0 };
  bool both = cfg->run_plain && cfg->run_dokus;

  printf ("\n%s, journal %s, cache %s (cache_size -%d: %d KiB), synchronous %s, %" PRId64
          " rows\n",
          cipher_names[b->cipher], journal_names[b->journal], cache_names[b->cache], b->cache_kib,
          b->cache_kib, cfg->sync_normal ? "NORMAL" : "OFF", cfg->rows);
  if (b->failed)
    printf ("FAILED, the block stopped: %s\n", b->failure);
  printf ("%-8s %9s %9s %7s %9s %7s %9s %9s %8s\n", "phase", "plain s", "dokus s", "ratio",
          "floor s", "floor", "sealed", "opened", "hdr hits");
  for (Phase ph = 0; ph <= N_PHASES; ph++)
    {
      const PhaseResult *r = ph < N_PHASES ? &b->phase[ph] : &tot;
      if (b->failed && ph == b->phase_now)
        {
          printf ("%-8s FAILED\n", phase_names[ph]);
          break;
        }
      double fl = r->plain + r->aead;
      if (ph < N_PHASES)
        {
          tot.plain += r->plain;
          tot.dokus += r->dokus;
          tot.aead += r->aead;
          tot.sealed += r->sealed;
          tot.opened += r->opened;
          tot.header_hits += r->header_hits;
        }
      printf ("%-8s %9.3f %9.3f %6.2fx %9.3f %6.2fx %9" PRIu64 " %9" PRIu64 " %8" PRIu64 "%s\n",
              ph < N_PHASES ? phase_names[ph] : "total", r->plain, r->dokus,
              both ? ratio (r->dokus, r->plain) : 0, both ? fl : 0, both ? ratio (fl, r->plain) : 0,
              r->sealed, r->opened, r->header_hits,
              both && ph < N_PHASES && r->check_plain != r->check_dokus ? "  RESULTS DIFFER" : "");
    }
  if (b->failed)
    return;
  printf ("largest database: %" PRId64 " pages plain, %" PRId64 " pages encrypted (4096 B, %d"
          " reserved)%s\n",
          b->pages_plain, b->pages_dokus, cipher_reserve[b->cipher],
          b->cache == CACHE_BIG && (int64_t) b->cache_kib * 1024 < b->pages_dokus * 4096
            ? "; DOES NOT FIT the cache"
            : "");
  if (cfg->run_dokus)
    printf ("random nonces: %" PRIu64 " draws x %.0f ns = %.3f s of the dokus time"
            " (not in the floor)\n",
            tot.sealed, nonce_ns, (double) tot.sealed * nonce_ns / 1e9);
  fflush (stdout);
}

static void
print_summary (const Config *cfg, Block *blocks, size_t n)
{
  printf ("\nsummary: the whole workload, dokus VFS against plain SQLite"
          " (floor: plain + libsodium alone)\n");
  printf ("%-18s %-7s %-8s %9s %9s %7s %7s  %s\n", "cipher", "journal", "cache", "plain s",
          "dokus s", "ratio", "floor", "goal");
  for (size_t i = 0; i < n; i++)
    {
      const Block *b = &blocks[i];
      double plain = 0, dokus = 0, aead = 0;
      double goal = b->cache == CACHE_BIG ? GOAL_BIG_CACHE : GOAL_DEFAULT_CACHE;
      for (Phase ph = 0; ph < N_PHASES; ph++)
        {
          plain += b->phase[ph].plain;
          dokus += b->phase[ph].dokus;
          aead += b->phase[ph].aead;
        }
      if (b->failed)
        {
          printf ("%-18s %-7s %-8s %9s %9s %7s %7s  FAILED in %s (see above)\n",
                  cipher_names[b->cipher], journal_names[b->journal], cache_names[b->cache], "-",
                  "-", "-", "-", phase_names[b->phase_now]);
          continue;
        }
      printf ("%-18s %-7s %-8s %9.3f %9.3f %6.2fx %6.2fx", cipher_names[b->cipher],
              journal_names[b->journal], cache_names[b->cache], plain, dokus, ratio (dokus, plain),
              ratio (plain + aead, plain));
      if (cfg->run_plain && cfg->run_dokus)
        printf ("  <=%.1fx %s%s", goal, ratio (dokus, plain) <= goal ? "met" : "MISSED",
                ratio (plain + aead, plain) > goal ? " (the floor is above it)" : "");
      printf ("\n");
    }
}

/* ---- main ----------------------------------------------------------------- */

static void
usage (FILE *out)
{
  fprintf (out,
           "Usage: dokus-bench-store [OPTION...]\n"
           "Times one SQLite workload on plain SQLite and on the dokus VFS.\n\n"
           "  --size N        scale: N x %d rows (default 100)\n"
           "  --quick         a smoke run: --size 5\n"
           "  --journal M     delete, wal or both (default both)\n"
           "  --cache C       default (cache_size -2000), big (holds the database) or both\n"
           "                  (default both)\n"
           "  --cipher C      xchacha20poly1305, aes256gcm or both (default xchacha20poly1305)\n"
           "  --sync S        off or normal: PRAGMA synchronous on both databases\n"
           "                  (default off, so that fsync noise does not hide the CPU cost)\n"
           "  --repeat N      run every block N times, keep each phase's best time\n"
           "  --no-spill      PRAGMA cache_spill = OFF on both: a transaction keeps its\n"
           "                  dirty pages in memory, however many\n"
           "  --only V        plain or dokus: one side only (for profiling)\n"
           "  --no-floor      skip timing the crypto floor (for profiling)\n",
           ROWS_PER_SIZE);
}

static unsigned
parse_choice (const char *value, const char *const *names, unsigned n, const char *option)
{
  if (value != NULL && strcmp (value, "both") == 0)
    return (1u << n) - 1;
  for (unsigned i = 0; value != NULL && i < n; i++)
    if (strcmp (value, names[i]) == 0)
      return 1u << i;
  fprintf (stderr, "dokus-bench-store: %s needs one of", option);
  for (unsigned i = 0; i < n; i++)
    fprintf (stderr, " %s", names[i]);
  fprintf (stderr, " both\n");
  exit (2);
}

static int
parse_positive (const char *value, const char *option)
{
  char *end = NULL;
  long v = value ? strtol (value, &end, 10) : 0;
  if (value == NULL || *end != '\0' || v < 1 || v > 100000)
    {
      fprintf (stderr, "dokus-bench-store: %s needs a number from 1 to 100000\n", option);
      exit (2);
    }
  return (int) v;
}

static void
parse_args (int argc, char **argv, Config *cfg)
{
  static const char *const sync_names[2] = { "off", "normal" };
  static const char *const side_names[2] = { "plain", "dokus" };

  *cfg = (Config){
    .size = 100,
    .ciphers = 1u << CIPHER_XCHACHA,
    .journals = (1u << N_JOURNALS) - 1,
    .caches = (1u << N_CACHES) - 1,
    .run_plain = true,
    .run_dokus = true,
    .repeat = 1,
  };
  for (int i = 1; i < argc; i++)
    {
      const char *opt = argv[i];
      const char *value = i + 1 < argc ? argv[i + 1] : NULL;
      if (strcmp (opt, "--help") == 0 || strcmp (opt, "-h") == 0)
        {
          usage (stdout);
          exit (0);
        }
      else if (strcmp (opt, "--quick") == 0)
        {
          cfg->size = 5;
          continue;
        }
      else if (strcmp (opt, "--no-spill") == 0)
        {
          cfg->no_spill = true;
          continue;
        }
      else if (strcmp (opt, "--no-floor") == 0)
        {
          cfg->no_floor = true;
          continue;
        }
      else if (strcmp (opt, "--size") == 0)
        cfg->size = parse_positive (value, opt);
      else if (strcmp (opt, "--repeat") == 0)
        cfg->repeat = parse_positive (value, opt);
      else if (strcmp (opt, "--journal") == 0)
        cfg->journals = parse_choice (value, journal_names, N_JOURNALS, opt);
      else if (strcmp (opt, "--cache") == 0)
        cfg->caches = parse_choice (value, cache_names, N_CACHES, opt);
      else if (strcmp (opt, "--cipher") == 0)
        cfg->ciphers = parse_choice (value, cipher_names, N_CIPHERS, opt);
      else if (strcmp (opt, "--sync") == 0)
        cfg->sync_normal = parse_choice (value, sync_names, 2, opt) == 2u;
      else if (strcmp (opt, "--only") == 0)
        {
          unsigned side = parse_choice (value, side_names, 2, opt);
          cfg->run_plain = (side & 1u) != 0;
          cfg->run_dokus = (side & 2u) != 0;
        }
      else
        {
          fprintf (stderr, "dokus-bench-store: unknown option %s\n", opt);
          usage (stderr);
          exit (2);
        }
      i++; /* the option's value */
    }
  cfg->rows = (int64_t) cfg->size * ROWS_PER_SIZE;
}

int
main (int argc, char **argv)
{
  Config cfg;
  DokusError err = { 0 };
  Block blocks[N_CIPHERS * N_JOURNALS * N_CACHES];
  size_t n_blocks = 0;

  parse_args (argc, argv, &cfg);
  sqlite3_config (SQLITE_CONFIG_LOG, log_cb, NULL);
  if (sodium_init () < 0 || dokus_vfs_register (&err) != DOKUS_OK)
    {
      fprintf (stderr, "dokus-bench-store: %s\n", err.message[0] ? err.message : "sodium_init");
      return 1;
    }
  if ((cfg.ciphers & (1u << CIPHER_AES)) && crypto_aead_aes256gcm_is_available () == 0)
    {
      printf ("aes256gcm: skipped, this CPU lacks AES-NI or PCLMUL"
              " (crypto_aead_aes256gcm_is_available () is 0)\n");
      cfg.ciphers &= ~(1u << CIPHER_AES);
    }
  make_temp_dir ();
  printf ("dokus-bench-store: SQLite %s, libsodium %s, %" PRId64 " rows, page size 4096,"
          " synchronous=%s%s on both, monotonic wall clock%s\n",
          sqlite3_libversion (), sodium_version_string (), cfg.rows,
          cfg.sync_normal ? "NORMAL" : "OFF", cfg.no_spill ? ", cache_spill=OFF" : "",
          cfg.repeat > 1 ? ", best of --repeat runs" : "");
  printf ("files in %s; floor = plain time + libsodium sealing and opening as many pages\n",
          temp_dir);

  for (Cipher c = 0; c < N_CIPHERS; c++)
    {
      Floor fl;
      double nonce_ns;

      if (!(cfg.ciphers & (1u << c)))
        continue;
      floor_init (&fl, c, 4096);
      nonce_ns = cfg.run_dokus ? nonce_draw_ns (c) : 0;
      for (Journal j = 0; j < N_JOURNALS; j++)
        for (Cache k = 0; k < N_CACHES; k++)
          {
            Block *b = &blocks[n_blocks++];
            if (!(cfg.journals & (1u << j)) || !(cfg.caches & (1u << k)))
              {
                n_blocks--;
                continue;
              }
            memset (b, 0, sizeof *b);
            b->cipher = c;
            b->journal = j;
            b->cache = k;
            /* big: room for 400 bytes a row and 16 MiB more, far above the
             * database (the block says if it was not) */
            b->cache_kib = k == CACHE_BIG ? (int) (cfg.rows * 400 / 1024 + 16384) : 2000;
            run_block (&cfg, b, &fl);
            print_block (&cfg, b, nonce_ns);
          }
      floor_free (&fl);
    }
  print_summary (&cfg, blocks, n_blocks);
  for (size_t i = 0; i < n_blocks; i++)
    if (blocks[i].failed)
      return 1;
  return 0;
}

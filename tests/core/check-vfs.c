/* check-vfs.c
 *
 * Suite "vfs": the dokus VFS under SQLite's own machinery: no plaintext on
 * disk (book, WAL, rollback journal), WAL checkpoints, VACUUM (also
 * changing the page size), a reader alongside a writer, rollback and hot
 * journal recovery, raw keys, PRAGMA key, and the errors for wrong keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include "dokus-test-helpers.h"

#define MARKER "PLAINTEXT-MARKER-7f3a9c"
#define HEXKEY "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
#define OTHER_HEXKEY "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

static char *dir;

static void
setup (void)
{
  DokusError err = { 0 };
  dir = dokus_test_tmpdir_new ();
  ck_assert_int_eq (dokus_vfs_register (&err), DOKUS_OK);
}

static void
teardown (void)
{
  dokus_test_tmpdir_free (dir);
  dir = NULL;
}

/* A raw connection through the VFS with a hex key (@key_param like
 * "hexkey=..." or NULL), reserving room for the tag as a new file needs. */
static sqlite3 *
raw_open (const char *path, const char *key_param)
{
  sqlite3 *db = NULL;
  char *uri = sqlite3_mprintf ("file:%s?vfs=dokus%s%s", path, key_param ? "&" : "",
                               key_param ? key_param : "");
  int reserve = 40;
  int rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI,
                            NULL);
  ck_assert_msg (rc == SQLITE_OK, "open %s: %s", uri, db ? sqlite3_errmsg (db) : "?");
  sqlite3_free (uri);
  sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  return db;
}

static char *
suffixed (const char *path, const char *suffix)
{
  char *p = NULL;
  ck_assert (asprintf (&p, "%s%s", path, suffix) > 0);
  return p;
}

static void
assert_no_marker (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-journal", "-shm" };
  for (size_t i = 0; i < 4; i++)
    {
      char *f = suffixed (path, suffixes[i]);
      ck_assert_msg (!dokus_test_file_contains (f, MARKER), "plaintext marker found in %s", f);
      free (f);
    }
}

START_TEST (test_vfs_no_plaintext_in_book_and_wal)
{
  char *path = dokus_test_path (dir, "a.dokus");
  DokusBook *book = dokus_test_book_create (path, "pw", NULL);
  sqlite3 *db = dokus_book_get_db (book);
  char *wal = suffixed (path, "-wal");

  dokus_test_exec (db, "CREATE TABLE t (s TEXT)");
  dokus_test_exec (db, "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 2000) "
                       "INSERT INTO t SELECT '" MARKER "' || n FROM c");
  /* the rows sit in the WAL now: it must exist and must not show them */
  ck_assert (dokus_platform_path_exists (wal));
  assert_no_marker (path);
  dokus_test_exec (db, "PRAGMA wal_checkpoint(FULL)");
  assert_no_marker (path);
  dokus_book_close (book);
  assert_no_marker (path);
  free (wal);
  free (path);
}
END_TEST

START_TEST (test_vfs_no_plaintext_in_rollback_journal)
{
  char *path = dokus_test_path (dir, "j.db");
  char *journal = suffixed (path, "-journal");
  sqlite3 *db = raw_open (path, "hexkey=" HEXKEY);

  dokus_test_exec (db, "PRAGMA journal_mode = DELETE; CREATE TABLE t (s TEXT)");
  dokus_test_exec (db, "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 2000) "
                       "INSERT INTO t SELECT '" MARKER "' || n FROM c");
  /* an open transaction journals the original pages, which hold the marker */
  dokus_test_exec (db, "BEGIN; UPDATE t SET s = 'gone'");
  ck_assert (dokus_platform_path_exists (journal));
  assert_no_marker (path);
  dokus_test_exec (db, "ROLLBACK");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM t WHERE s LIKE '" MARKER "%'"), 2000);
  /* temporary files (a big sort spilling to disk) stay in memory */
  dokus_test_exec (db, "PRAGMA temp_store = FILE; PRAGMA cache_size = 10");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM (SELECT s FROM t ORDER BY random())"), 2000);
  sqlite3_close (db);
  assert_no_marker (path);
  free (journal);
  free (path);
}
END_TEST

START_TEST (test_vfs_wal_checkpoint_and_reopen)
{
  char *path = dokus_test_path (dir, "a.dokus");
  DokusBook *book = dokus_test_book_create (path, "pw", NULL);
  sqlite3 *db = dokus_book_get_db (book);
  char *wal = suffixed (path, "-wal");
  size_t len;
  unsigned char *data;

  dokus_test_exec (db, "CREATE TABLE t (n INTEGER PRIMARY KEY, s TEXT)");
  for (int i = 0; i < 50; i++)
    dokus_test_exec (db, "INSERT INTO t (s) VALUES (hex(randomblob(300)))");
  ck_assert_int_eq (dokus_test_query_int (db, "PRAGMA wal_checkpoint(TRUNCATE)"), 0); /* not busy */
  data = dokus_test_read_file (wal, &len);
  ck_assert_uint_eq (len, 0);
  free (data);
  for (int i = 0; i < 50; i++)
    dokus_test_exec (db, "UPDATE t SET s = hex(randomblob(200)) WHERE n % 3 = 0");
  dokus_test_exec (db, "PRAGMA wal_checkpoint(PASSIVE)");
  dokus_book_close (book);

  DokusError err = { 0 };
  ck_assert_int_eq (dokus_book_open (path, "pw", &book, &err), DOKUS_OK);
  db = dokus_book_get_db (book);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM t"), 50);
  char *ok = dokus_test_query_text (db, "PRAGMA integrity_check");
  ck_assert_str_eq (ok, "ok");
  free (ok);
  dokus_book_close (book);
  free (wal);
  free (path);
}
END_TEST

START_TEST (test_vfs_wal_transaction_larger_than_the_cache)
{
  /* a WAL transaction that spills its cache and then changes a page it
   * spilled makes SQLite rewrite frames in place with zeroed salts and fix
   * the frame headers at commit: every committed row must survive that */
  char *path = dokus_test_path (dir, "big.db");
  sqlite3 *db = raw_open (path, "hexkey=" HEXKEY);
  char *ok;

  dokus_test_exec (db, "PRAGMA journal_mode = WAL; PRAGMA cache_size = 20;"
                       " CREATE TABLE t (n INTEGER PRIMARY KEY, s TEXT)");
  dokus_test_exec (db, "BEGIN; WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c"
                       " WHERE n < 5000) INSERT INTO t SELECT n, hex(randomblob(60)) FROM c;"
                       " UPDATE t SET s = 'changed' WHERE n % 7 = 0; COMMIT");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM t"), 5000);
  sqlite3_close (db); /* checkpoints through the frames */
  db = raw_open (path, "hexkey=" HEXKEY);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM t"), 5000);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM t WHERE s = 'changed'"), 714);
  /* and recovery from the WAL itself, without a checkpoint: keep the log */
  dokus_test_exec (db, "PRAGMA cache_size = 20; BEGIN; UPDATE t SET s = hex(randomblob(50));"
                       " UPDATE t SET s = 'again' WHERE n % 5 = 0; COMMIT");
  /* copies of the file and its WAL (no wal-index): opening the copy must
   * rebuild the index by reading every frame with its header */
  {
    char *copy = dokus_test_path (dir, "copy.db");
    char *wal = suffixed (path, "-wal"), *copy_wal = suffixed (copy, "-wal");
    size_t len;
    unsigned char *data = dokus_test_read_file (path, &len);
    sqlite3 *other;
    ck_assert (dokus_test_write_file (copy, data, len));
    free (data);
    data = dokus_test_read_file (wal, &len);
    ck_assert_uint_gt (len, 0);
    ck_assert (dokus_test_write_file (copy_wal, data, len));
    free (data);
    other = raw_open (copy, "hexkey=" HEXKEY);
    ck_assert_int_eq (dokus_test_query_int (other, "SELECT count(*) FROM t WHERE s = 'again'"), 1000);
    sqlite3_close (other);
    free (copy);
    free (wal);
    free (copy_wal);
  }
  ok = dokus_test_query_text (db, "PRAGMA integrity_check");
  ck_assert_str_eq (ok, "ok");
  free (ok);
  sqlite3_close (db);
  free (path);
}
END_TEST

START_TEST (test_vfs_vacuum_shrinks_and_keeps_data)
{
  char *path = dokus_test_path (dir, "a.dokus");
  DokusBook *book = dokus_test_book_create (path, "pw", NULL);
  sqlite3 *db = dokus_book_get_db (book);
  long long pages_before, pages_after;
  char *ok;

  dokus_test_exec (db, "CREATE TABLE t (n INTEGER PRIMARY KEY, s TEXT)");
  dokus_test_exec (db, "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 3000) "
                       "INSERT INTO t SELECT n, hex(randomblob(100)) FROM c");
  dokus_test_exec (db, "DELETE FROM t WHERE n > 300");
  pages_before = dokus_test_query_int (db, "PRAGMA page_count");
  dokus_test_exec (db, "VACUUM");
  pages_after = dokus_test_query_int (db, "PRAGMA page_count");
  ck_assert_int_lt (pages_after, pages_before);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM t"), 300);
  ok = dokus_test_query_text (db, "PRAGMA integrity_check");
  ck_assert_str_eq (ok, "ok");
  free (ok);
  dokus_book_close (book);

  DokusError err = { 0 };
  ck_assert_int_eq (dokus_book_open (path, "pw", &book, &err), DOKUS_OK);
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (book), "SELECT count(*) FROM t"), 300);
  dokus_book_close (book);
  free (path);
}
END_TEST

START_TEST (test_vfs_vacuum_cannot_change_page_size)
{
  char *path = dokus_test_path (dir, "p.db");
  sqlite3 *db = raw_open (path, "hexkey=" HEXKEY);
  char *ok;

  /* SQLite copies a new page size as raw images split across the old page
   * size, which per-page sealing cannot follow: the VFS refuses the write,
   * the statement rolls back and the book is as it was */
  dokus_test_exec (db, "PRAGMA journal_mode = DELETE; CREATE TABLE t (s TEXT)");
  dokus_test_exec (db, "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 1000) "
                       "INSERT INTO t SELECT hex(randomblob(50)) FROM c");
  ck_assert_int_ne (sqlite3_exec (db, "PRAGMA page_size = 8192; VACUUM", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  db = raw_open (path, "hexkey=" HEXKEY);
  ck_assert_int_eq (dokus_test_query_int (db, "PRAGMA page_size"), 4096);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM t"), 1000);
  ok = dokus_test_query_text (db, "PRAGMA integrity_check");
  ck_assert_str_eq (ok, "ok");
  free (ok);
  /* a plain VACUUM in rollback mode works */
  dokus_test_exec (db, "DELETE FROM t WHERE rowid % 2 = 0; VACUUM");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM t"), 500);
  sqlite3_close (db);
  free (path);
}
END_TEST

START_TEST (test_vfs_reader_alongside_writer)
{
  char *path = dokus_test_path (dir, "a.dokus");
  DokusBook *writer = dokus_test_book_create (path, "pw", NULL);
  DokusBook *reader = NULL;
  DokusError err = { 0 };
  sqlite3 *w = dokus_book_get_db (writer), *r;
  int status;
  pid_t pid;

  dokus_test_exec (w, "CREATE TABLE t (n INTEGER)");
  dokus_test_exec (w, "INSERT INTO t VALUES (1)");
  ck_assert_int_eq (dokus_book_open (path, "pw", &reader, &err), DOKUS_OK);
  r = dokus_book_get_db (reader);

  /* the reader keeps its snapshot while the writer commits */
  dokus_test_exec (r, "BEGIN");
  ck_assert_int_eq (dokus_test_query_int (r, "SELECT count(*) FROM t"), 1);
  dokus_test_exec (w, "INSERT INTO t VALUES (2)");
  ck_assert_int_eq (dokus_test_query_int (r, "SELECT count(*) FROM t"), 1);
  dokus_test_exec (r, "COMMIT");
  ck_assert_int_eq (dokus_test_query_int (r, "SELECT count(*) FROM t"), 2);

  /* a writer in another process, the reader here */
  pid = fork ();
  ck_assert_int_ge (pid, 0);
  if (pid == 0)
    {
      DokusBook *b = NULL;
      if (dokus_book_open (path, "pw", &b, NULL) != DOKUS_OK)
        _exit (1);
      for (int i = 0; i < 100; i++)
        if (sqlite3_exec (dokus_book_get_db (b), "INSERT INTO t VALUES (3)", NULL, NULL, NULL)
            != SQLITE_OK)
          _exit (2);
      dokus_book_close (b);
      _exit (0);
    }
  for (int i = 0; i < 200; i++)
    ck_assert_int_ge (dokus_test_query_int (r, "SELECT count(*) FROM t"), 2);
  ck_assert_int_eq (waitpid (pid, &status, 0), pid);
  ck_assert_msg (WIFEXITED (status) && WEXITSTATUS (status) == 0, "child writer failed");
  ck_assert_int_eq (dokus_test_query_int (r, "SELECT count(*) FROM t"), 102);
  dokus_book_close (reader);
  dokus_book_close (writer);
  free (path);
}
END_TEST

START_TEST (test_vfs_hot_journal_rolls_back)
{
  char *path = dokus_test_path (dir, "hot.db");
  sqlite3 *db = raw_open (path, "hexkey=" HEXKEY);
  char *journal = suffixed (path, "-journal");
  char *ok;
  int status;
  pid_t pid;

  dokus_test_exec (db, "PRAGMA journal_mode = DELETE; CREATE TABLE t (n INTEGER, s TEXT)");
  dokus_test_exec (db, "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 2000) "
                       "INSERT INTO t SELECT n, hex(randomblob(100)) FROM c");
  sqlite3_close (db);

  /* a process that dies in the middle of a big transaction, after SQLite
   * spilled changed pages into the database file */
  pid = fork ();
  ck_assert_int_ge (pid, 0);
  if (pid == 0)
    {
      sqlite3 *c = raw_open (path, "hexkey=" HEXKEY);
      sqlite3_exec (c, "PRAGMA cache_size = 5; BEGIN; UPDATE t SET s = 'x', n = -n", NULL, NULL,
                    NULL);
      _exit (0); /* no COMMIT, no close */
    }
  ck_assert_int_eq (waitpid (pid, &status, 0), pid);
  ck_assert (dokus_platform_path_exists (journal));

  db = raw_open (path, "hexkey=" HEXKEY);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM t WHERE n > 0 AND s <> 'x'"), 2000);
  ok = dokus_test_query_text (db, "PRAGMA integrity_check");
  ck_assert_str_eq (ok, "ok");
  free (ok);
  sqlite3_close (db);
  free (journal);
  free (path);
}
END_TEST

START_TEST (test_vfs_wrong_or_missing_key_is_not_a_database)
{
  char *path = dokus_test_path (dir, "k.db");
  sqlite3 *db = raw_open (path, "hexkey=" HEXKEY);
  int rc;

  dokus_test_exec (db, "CREATE TABLE t (n); INSERT INTO t VALUES (7)");
  sqlite3_close (db);

  db = raw_open (path, "hexkey=" OTHER_HEXKEY);
  rc = sqlite3_exec (db, "SELECT * FROM t", NULL, NULL, NULL);
  ck_assert_int_eq (rc, SQLITE_NOTADB);
  sqlite3_close (db);

  char *bad = sqlite3_mprintf ("file:%s?vfs=dokus&hexkey=nothex", path);
  ck_assert_int_eq (sqlite3_open_v2 (bad, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL),
                    SQLITE_CANTOPEN);
  sqlite3_close (db);
  sqlite3_free (bad);

  /* no key, then PRAGMA hexkey: works */
  db = raw_open (path, NULL);
  ck_assert_int_eq (sqlite3_exec (db, "SELECT * FROM t", NULL, NULL, NULL), SQLITE_NOTADB);
  dokus_test_exec (db, "PRAGMA hexkey = '" HEXKEY "'");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT n FROM t"), 7);
  /* a different key on a keyed connection is refused */
  ck_assert_int_ne (sqlite3_exec (db, "PRAGMA hexkey = '" OTHER_HEXKEY "'", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);

  /* a plain SQLite database is not a book */
  char *plain = dokus_test_path (dir, "plain.db");
  sqlite3_open (plain, &db);
  dokus_test_exec (db, "CREATE TABLE t (n)");
  sqlite3_close (db);
  char *uri = sqlite3_mprintf ("file:%s?vfs=dokus&hexkey=" HEXKEY, plain);
  ck_assert_int_eq (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL), SQLITE_NOTADB);
  sqlite3_close (db);
  sqlite3_free (uri);
  free (plain);
  free (path);
}
END_TEST

START_TEST (test_vfs_pragma_key_makes_a_book)
{
  char *path = dokus_test_path (dir, "p.dokus");
  sqlite3 *db = raw_open (path, NULL);
  DokusBook *book = NULL;
  DokusError err = { 0 };

  /* the default Argon2id cost: this one test pays for it once */
  dokus_test_exec (db, "PRAGMA key = 'shell secret'");
  dokus_test_exec (db, "CREATE TABLE t (s TEXT); INSERT INTO t VALUES ('from a plain SQLite program')");
  sqlite3_close (db);
  ck_assert_int_eq (dokus_book_open (path, "shell secret", &book, &err), DOKUS_OK);
  char *s = dokus_test_query_text (dokus_book_get_db (book), "SELECT s FROM t");
  ck_assert_str_eq (s, "from a plain SQLite program");
  free (s);
  dokus_book_close (book);

  db = raw_open (path, NULL);
  ck_assert_int_ne (sqlite3_exec (db, "PRAGMA key = 'wrong'", NULL, NULL, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, "SELECT * FROM t", NULL, NULL, NULL), SQLITE_NOTADB);
  sqlite3_close (db);
  free (path);
}
END_TEST

static Suite *
vfs_suite (void)
{
  Suite *s = suite_create ("vfs");
  TCase *disk = tcase_create ("disk");
  TCase *sqlite = tcase_create ("sqlite");
  TCase *keys = tcase_create ("keys");

  tcase_add_checked_fixture (disk, setup, teardown);
  tcase_add_checked_fixture (sqlite, setup, teardown);
  tcase_add_checked_fixture (keys, setup, teardown);
  tcase_set_timeout (keys, 120);
  tcase_add_test (disk, test_vfs_no_plaintext_in_book_and_wal);
  tcase_add_test (disk, test_vfs_no_plaintext_in_rollback_journal);
  tcase_add_test (sqlite, test_vfs_wal_checkpoint_and_reopen);
  tcase_add_test (sqlite, test_vfs_wal_transaction_larger_than_the_cache);
  tcase_add_test (sqlite, test_vfs_vacuum_shrinks_and_keeps_data);
  tcase_add_test (sqlite, test_vfs_vacuum_cannot_change_page_size);
  tcase_add_test (sqlite, test_vfs_reader_alongside_writer);
  tcase_add_test (sqlite, test_vfs_hot_journal_rolls_back);
  tcase_add_test (keys, test_vfs_wrong_or_missing_key_is_not_a_database);
  tcase_add_test (keys, test_vfs_pragma_key_makes_a_book);
  suite_add_tcase (s, disk);
  suite_add_tcase (s, sqlite);
  suite_add_tcase (s, keys);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (vfs_suite ());
}

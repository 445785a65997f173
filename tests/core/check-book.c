/* check-book.c
 *
 * Suite "book": creating, opening, re-keying, recovering, backing up and
 * migrating encrypted books through the public API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-test-helpers.h"

static char *dir;

static void
setup (void)
{
  dir = dokus_test_tmpdir_new ();
}

static void
teardown (void)
{
  dokus_test_tmpdir_free (dir);
  dir = NULL;
}

static DokusBook *
open_ok (const char *path, const char *pass)
{
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DokusStatus st = dokus_book_open (path, pass, &book, &err);
  ck_assert_msg (st == DOKUS_OK, "open %s: %s", path, err.message);
  return book;
}

START_TEST (test_book_round_trip)
{
  char *path = dokus_test_path (dir, "a.dokus");
  DokusBook *book = dokus_test_book_create (path, "correct horse", NULL);
  char *id;

  ck_assert_int_eq (dokus_book_get_schema_version (book), dokus_book_schema_version_supported ());
  dokus_test_exec (dokus_book_get_db (book), "CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('kept')");
  id = dokus_test_query_text (dokus_book_get_db (book), "SELECT value FROM book_meta WHERE key = 'book_id'");
  ck_assert_int_eq (strlen (id), 36); /* UUID text form */
  ck_assert_int_eq (id[14], '4');
  dokus_book_close (book);

  book = open_ok (path, "correct horse");
  char *x = dokus_test_query_text (dokus_book_get_db (book), "SELECT x FROM t");
  ck_assert_str_eq (x, "kept");
  char *id2 = dokus_test_query_text (dokus_book_get_db (book), "SELECT value FROM book_meta WHERE key = 'book_id'");
  ck_assert_str_eq (id, id2);
  ck_assert_str_eq (dokus_book_get_path (book), path);
  char *jm = dokus_test_query_text (dokus_book_get_db (book), "PRAGMA journal_mode");
  ck_assert_str_eq (jm, "wal");
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (book), "PRAGMA synchronous"), 2); /* FULL */
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (book), "PRAGMA foreign_keys"), 1);
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (book), "PRAGMA temp_store"), 2); /* MEMORY */
  dokus_book_close (book);
  free (jm);
  free (x);
  free (id);
  free (id2);
  free (path);
}
END_TEST

START_TEST (test_book_refuses_existing_file)
{
  char *path = dokus_test_path (dir, "a.dokus");
  DokusBook *book = dokus_test_book_create (path, "pw", NULL);
  DokusBookOptions opts = { .kdf_cost = DOKUS_KDF_MINIMUM };
  DokusError err = { 0 };
  DokusBook *again = NULL;

  dokus_book_close (book);
  ck_assert_int_eq (dokus_book_create (path, "pw", &opts, NULL, &again, &err), DOKUS_ERR_REFUSED);
  ck_assert_ptr_null (again);
  ck_assert_str_eq (err.field, "path");
  book = open_ok (path, "pw"); /* the existing book is untouched */
  dokus_book_close (book);
  free (path);
}
END_TEST

START_TEST (test_book_refuses_empty_passphrase)
{
  char *path = dokus_test_path (dir, "a.dokus");
  DokusError err = { 0 };
  DokusBook *book = NULL;

  ck_assert_int_eq (dokus_book_create (path, "", NULL, NULL, &book, &err), DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "passphrase");
  ck_assert (!dokus_platform_path_exists (path));
  free (path);
}
END_TEST

START_TEST (test_book_wrong_passphrase_leaves_file_untouched)
{
  char *path = dokus_test_path (dir, "a.dokus");
  DokusBook *book = dokus_test_book_create (path, "right", NULL);
  DokusError err = { 0 };
  size_t len_before, len_after;
  unsigned char *before, *after;

  dokus_book_close (book);
  before = dokus_test_read_file (path, &len_before);
  ck_assert_int_eq (dokus_book_open (path, "wrong", &book, &err), DOKUS_ERR_BAD_PASSPHRASE);
  ck_assert_ptr_null (book);
  ck_assert_str_eq (err.field, "passphrase");
  ck_assert_int_eq (dokus_book_open (path, "", &book, &err), DOKUS_ERR_BAD_PASSPHRASE);
  after = dokus_test_read_file (path, &len_after);
  ck_assert_uint_eq (len_before, len_after);
  ck_assert (memcmp (before, after, len_before) == 0);
  free (before);
  free (after);
  free (path);
}
END_TEST

START_TEST (test_book_open_errors_name_the_problem)
{
  char *missing = dokus_test_path (dir, "missing.dokus");
  char *plain = dokus_test_path (dir, "plain.db");
  char *empty = dokus_test_path (dir, "empty.dokus");
  DokusError err = { 0 };
  DokusBook *book = NULL;
  sqlite3 *db;

  ck_assert_int_eq (dokus_book_open (missing, "pw", &book, &err), DOKUS_ERR_NOT_FOUND);
  ck_assert (strstr (err.message, "missing.dokus") != NULL);
  ck_assert_int_eq (sqlite3_open (plain, &db), SQLITE_OK);
  dokus_test_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)");
  sqlite3_close (db);
  ck_assert_int_eq (dokus_book_open (plain, "pw", &book, &err), DOKUS_ERR_INVALID);
  ck_assert (strstr (err.message, "not a Dokus book") != NULL);
  ck_assert (dokus_test_write_file (empty, (const unsigned char *) "", 0));
  ck_assert_int_eq (dokus_book_open (empty, "pw", &book, &err), DOKUS_ERR_INVALID);
  ck_assert_ptr_null (book);
  free (missing);
  free (plain);
  free (empty);
}
END_TEST

START_TEST (test_book_recovery_key_sets_new_passphrase)
{
  char *path = dokus_test_path (dir, "a.dokus");
  char *recovery = NULL;
  DokusBook *book = dokus_test_book_create (path, "forgotten", &recovery);
  DokusError err = { 0 };
  char sloppy[64];

  ck_assert_ptr_nonnull (recovery);
  ck_assert_int_eq (strlen (recovery), 39); /* 8 groups of 4 and 7 dashes */
  dokus_test_exec (dokus_book_get_db (book), "CREATE TABLE t (x); INSERT INTO t VALUES (42)");
  dokus_book_close (book);

  /* lower case, spaces instead of dashes: still the same key */
  size_t o = 0;
  for (const char *p = recovery; *p; p++)
    sloppy[o++] = *p == '-' ? ' ' : (char) (*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
  sloppy[o] = '\0';
  book = NULL;
  ck_assert_int_eq (dokus_book_recover (path, sloppy, "new one", &book, &err), DOKUS_OK);
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (book), "SELECT x FROM t"), 42);
  dokus_book_close (book);

  ck_assert_int_eq (dokus_book_open (path, "forgotten", &book, &err), DOKUS_ERR_BAD_PASSPHRASE);
  book = open_ok (path, "new one");
  dokus_book_close (book);
  dokus_secret_free (recovery);
  free (path);
}
END_TEST

START_TEST (test_book_recovery_key_typo_and_wrong_key)
{
  char *path = dokus_test_path (dir, "a.dokus");
  char *recovery = NULL;
  char *other_path = dokus_test_path (dir, "b.dokus");
  char *other = NULL;
  DokusBook *book = dokus_test_book_create (path, "pw", &recovery);
  DokusError err = { 0 };
  char typo[64];

  dokus_book_close (book);
  book = dokus_test_book_create (other_path, "pw", &other);
  dokus_book_close (book);
  book = NULL;

  strcpy (typo, recovery);
  typo[0] = typo[0] == 'A' ? 'B' : 'A'; /* one symbol changed: the check catches it */
  ck_assert_int_eq (dokus_book_recover (path, typo, "x", &book, &err), DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "recovery_key");
  ck_assert_int_eq (dokus_book_recover (path, "ABCD-EFGH", "x", &book, &err), DOKUS_ERR_INVALID);
  /* a well-formed key of another book */
  ck_assert_int_eq (dokus_book_recover (path, other, "x", &book, &err), DOKUS_ERR_BAD_PASSPHRASE);
  ck_assert_ptr_null (book);
  book = open_ok (path, "pw"); /* nothing changed */
  dokus_book_close (book);
  dokus_secret_free (recovery);
  dokus_secret_free (other);
  free (path);
  free (other_path);
}
END_TEST

START_TEST (test_book_change_passphrase_keeps_pages)
{
  char *path = dokus_test_path (dir, "a.dokus");
  char *recovery = NULL;
  DokusBook *book = dokus_test_book_create (path, "old", &recovery);
  DokusError err = { 0 };
  unsigned char *before, *after;
  size_t len_before, len_after;

  dokus_test_exec (dokus_book_get_db (book), "CREATE TABLE t (x); INSERT INTO t VALUES ('data')");
  dokus_book_close (book);
  before = dokus_test_read_file (path, &len_before);

  book = open_ok (path, "old");
  ck_assert_int_eq (dokus_book_change_passphrase (book, "not it", "new", &err),
                    DOKUS_ERR_BAD_PASSPHRASE);
  ck_assert_int_eq (dokus_book_change_passphrase (book, "old", "", &err), DOKUS_ERR_INVALID);
  ck_assert_int_eq (dokus_book_change_passphrase (book, "old", "new", &err), DOKUS_OK);
  dokus_book_close (book);

  after = dokus_test_read_file (path, &len_after);
  ck_assert_uint_eq (len_before, len_after);
  /* only the header (the first 4096 bytes) changed: no page was rewritten */
  ck_assert (memcmp (before, after, 4096) != 0);
  ck_assert (memcmp (before + 4096, after + 4096, len_before - 4096) == 0);

  ck_assert_int_eq (dokus_book_open (path, "old", &book, &err), DOKUS_ERR_BAD_PASSPHRASE);
  book = open_ok (path, "new");
  dokus_book_close (book);
  /* the recovery key still works after a passphrase change */
  ck_assert_int_eq (dokus_book_recover (path, recovery, "third", &book, &err), DOKUS_OK);
  dokus_book_close (book);
  dokus_secret_free (recovery);
  free (before);
  free (after);
  free (path);
}
END_TEST

START_TEST (test_book_backup_restores)
{
  char *path = dokus_test_path (dir, "a.dokus");
  char *copy = dokus_test_path (dir, "copy.dokus");
  char *recovery = NULL;
  DokusBook *book = dokus_test_book_create (path, "pw", &recovery);
  DokusError err = { 0 };
  sqlite3 *db = dokus_book_get_db (book);

  dokus_test_exec (db, "CREATE TABLE t (n INTEGER, s TEXT)");
  dokus_test_exec (db, "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 5000) "
                       "INSERT INTO t SELECT n, printf('row %d of the backup test', n) FROM c");
  ck_assert_int_eq (dokus_book_backup (book, copy, &err), DOKUS_OK);
  ck_assert_int_eq (dokus_book_backup (book, copy, &err), DOKUS_ERR_REFUSED);
  dokus_test_exec (db, "DELETE FROM t WHERE n > 10"); /* the original moves on */
  dokus_book_close (book);
  ck_assert (!dokus_test_file_contains (copy, "of the backup test"));

  /* "restore": open the copy with the same passphrase, and with the recovery key */
  book = open_ok (copy, "pw");
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (book), "SELECT count(*) FROM t"), 5000);
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (book), "SELECT sum(n) FROM t"), 12502500);
  char *ok = dokus_test_query_text (dokus_book_get_db (book), "PRAGMA integrity_check");
  ck_assert_str_eq (ok, "ok");
  dokus_book_close (book);
  ck_assert_int_eq (dokus_book_recover (copy, recovery, "pw2", &book, &err), DOKUS_OK);
  dokus_book_close (book);
  free (ok);
  dokus_secret_free (recovery);
  free (path);
  free (copy);
}
END_TEST

START_TEST (test_book_newer_schema_is_refused)
{
  char *path = dokus_test_path (dir, "a.dokus");
  DokusBook *book = dokus_test_book_create (path, "pw", NULL);
  DokusError err = { 0 };
  char sql[64];

  snprintf (sql, sizeof sql, "PRAGMA user_version = %d", dokus_book_schema_version_supported () + 1);
  dokus_test_exec (dokus_book_get_db (book), sql);
  dokus_book_close (book);
  book = NULL;
  ck_assert_int_eq (dokus_book_open (path, "pw", &book, &err), DOKUS_ERR_REFUSED);
  ck_assert (strstr (err.message, "newer Dokus") != NULL);
  ck_assert_ptr_null (book);
  free (path);
}
END_TEST

START_TEST (test_book_migrations_apply_to_old_book)
{
  char *path = dokus_test_path (dir, "a.dokus");
  DokusBook *book = dokus_test_book_create (path, "pw", NULL);
  sqlite3 *db = dokus_book_get_db (book);

  /* make it a version-1 book: only what 0001 created, user_version 1 */
  dokus_test_exec (db, "PRAGMA foreign_keys = OFF");
  for (;;)
    {
      char *name = dokus_test_query_text (db, "SELECT coalesce((SELECT name FROM sqlite_schema "
                                              "WHERE type = 'table' AND name <> 'book_meta' LIMIT 1), '')");
      if (name[0] == '\0')
        {
          free (name);
          break;
        }
      char *sql = sqlite3_mprintf ("DROP TABLE \"%w\"", name);
      dokus_test_exec (db, sql);
      sqlite3_free (sql);
      free (name);
    }
  dokus_test_exec (db, "PRAGMA user_version = 1");
  dokus_book_close (book);

  /* opening applies 0002 and later, in order, and keeps 0001's data */
  book = open_ok (path, "pw");
  db = dokus_book_get_db (book);
  ck_assert_int_eq (dokus_book_get_schema_version (book), dokus_book_schema_version_supported ());
  ck_assert_int_ge (dokus_book_schema_version_supported (), 2);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM book_meta"), 2);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM vat_rates WHERE country = 'BE'"), 9);
  dokus_book_close (book);
  free (path);
}
END_TEST

START_TEST (test_book_path_with_uri_characters)
{
  /* characters that mean something in a file: URI, and non-ASCII ones */
  static const char *const names[] = { "we?ird #name%20&x=1.dokus", "\xc3\xa9t\xc3\xa9 boek.dokus" };
  for (size_t i = 0; i < 2; i++)
    {
      char *path = dokus_test_path (dir, names[i]);
      DokusBook *book = dokus_test_book_create (path, "pw", NULL);
      dokus_test_exec (dokus_book_get_db (book), "CREATE TABLE t (x); INSERT INTO t VALUES (1)");
      dokus_book_close (book);
      ck_assert_msg (dokus_platform_path_exists (path), "%s was not created under its name", path);
      book = open_ok (path, "pw");
      ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (book), "SELECT x FROM t"), 1);
      dokus_book_close (book);
      free (path);
    }
}
END_TEST

static Suite *
book_suite (void)
{
  Suite *s = suite_create ("book");
  TCase *life = tcase_create ("life");
  TCase *keys = tcase_create ("keys");
  TCase *schema = tcase_create ("schema");

  tcase_add_checked_fixture (life, setup, teardown);
  tcase_add_checked_fixture (keys, setup, teardown);
  tcase_add_checked_fixture (schema, setup, teardown);
  tcase_add_test (life, test_book_round_trip);
  tcase_add_test (life, test_book_refuses_existing_file);
  tcase_add_test (life, test_book_refuses_empty_passphrase);
  tcase_add_test (life, test_book_open_errors_name_the_problem);
  tcase_add_test (life, test_book_backup_restores);
  tcase_add_test (life, test_book_path_with_uri_characters);
  tcase_add_test (keys, test_book_wrong_passphrase_leaves_file_untouched);
  tcase_add_test (keys, test_book_recovery_key_sets_new_passphrase);
  tcase_add_test (keys, test_book_recovery_key_typo_and_wrong_key);
  tcase_add_test (keys, test_book_change_passphrase_keeps_pages);
  tcase_add_test (schema, test_book_newer_schema_is_refused);
  tcase_add_test (schema, test_book_migrations_apply_to_old_book);
  suite_add_tcase (s, life);
  suite_add_tcase (s, keys);
  suite_add_tcase (s, schema);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (book_suite ());
}

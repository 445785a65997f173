/* check-tamper.c
 *
 * Suite "tamper": bytes of closed books are flipped, one at a time. A flip
 * in the header hits one of its two checksummed copies: the book opens from
 * the other (harmless by design) and the damaged copy is rewritten; all 4096
 * header bytes are tried. A flip anywhere in a page must surface as an
 * error naming the page, never as silently wrong data and never as a crash:
 * every byte of every page of a small database sealed by the same VFS, and
 * a byte in every 37 of a real book's pages through the public API
 * (DOKUS_ERR_CORRUPT).
 * Moving whole pages (swapped, or taken from a backup with the same key)
 * is caught the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-test-helpers.h"

#define HEADER_BYTES 4096
#define PAGE_BYTES 4096

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

/* A small book: book_meta and a table of 60 rows over a few pages. */
static char *
make_small_book (const char *name)
{
  char *path = dokus_test_path (dir, name);
  DokusBook *book = dokus_test_book_create (path, "pw", NULL);
  sqlite3 *db = dokus_book_get_db (book);

  dokus_test_exec (db, "CREATE TABLE t (n INTEGER PRIMARY KEY, s TEXT NOT NULL)");
  dokus_test_exec (db, "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 60) "
                       "INSERT INTO t SELECT n, printf('%060d', n * 7919) FROM c");
  dokus_book_close (book); /* checkpoints and removes the WAL */
  return path;
}

/* What the book holds, as one string, or NULL with @err filled when reading
 * it fails somewhere. */
static char *
read_everything (const char *path, DokusError *err)
{
  DokusBook *book = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  char *all = NULL;
  int rc;

  if (dokus_book_open (path, "pw", &book, err) != DOKUS_OK)
    return NULL;
  db = dokus_book_get_db (book);
  rc = sqlite3_prepare_v2 (db,
                           "SELECT (SELECT group_concat(integrity_check, ';') FROM pragma_integrity_check)"
                           " || '|' || (SELECT group_concat(n || '=' || s, ',') FROM t)"
                           " || '|' || (SELECT group_concat(key || '=' || value, ',') FROM book_meta)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    all = strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    {
      /* the same mapping the library uses for its own calls */
      err->code = DOKUS_ERR_INTERNAL;
      snprintf (err->message, sizeof err->message, "%s", sqlite3_errmsg (db));
      char vfs[256] = "";
      sqlite3_file_control (db, "main", 0x646b0001, vfs); /* DOKUS_FCNTL_LAST_ERROR */
      if ((sqlite3_extended_errcode (db) == SQLITE_IOERR_DATA) && vfs[0])
        {
          err->code = DOKUS_ERR_CORRUPT;
          snprintf (err->message, sizeof err->message, "%s", vfs);
        }
      else if ((sqlite3_errcode (db) == SQLITE_CORRUPT || sqlite3_errcode (db) == SQLITE_NOTADB))
        err->code = DOKUS_ERR_CORRUPT;
    }
  sqlite3_finalize (stmt);
  dokus_book_close (book);
  return all;
}

/* Flips one bit of byte @i of @orig into @work. */
static void
write_flipped (const char *work, unsigned char *orig, size_t len, size_t i)
{
  orig[i] ^= (unsigned char) (0x01 << (i % 8));
  ck_assert (dokus_test_write_file (work, orig, len));
  orig[i] ^= (unsigned char) (0x01 << (i % 8));
}

START_TEST (test_tamper_every_header_byte)
{
  char *path = make_small_book ("small.dokus");
  char *work = dokus_test_path (dir, "work.dokus");
  DokusError err = { 0 };
  size_t len;
  unsigned char *orig = dokus_test_read_file (path, &len);
  char *expected = read_everything (path, &err);

  ck_assert_msg (expected != NULL, "%s", err.message);
  ck_assert (strncmp (expected, "ok|", 3) == 0);
  for (size_t i = 0; i < HEADER_BYTES; i++)
    {
      size_t wlen;
      unsigned char *after;
      char *got;

      write_flipped (work, orig, len, i);
      memset (&err, 0, sizeof err);
      got = read_everything (work, &err);
      /* one header copy damaged: the other one serves, and repairs it */
      ck_assert_msg (got != NULL, "header byte %zu: %s", i, err.message);
      ck_assert_msg (strcmp (got, expected) == 0, "header byte %zu: data differs", i);
      after = dokus_test_read_file (work, &wlen);
      ck_assert_msg (memcmp (after, after + HEADER_BYTES / 2, HEADER_BYTES / 2) == 0,
                     "header byte %zu: the damaged copy was not repaired", i);
      free (after);
      free (got);
      dokus_platform_remove_file (work);
    }
  free (expected);
  free (orig);
  free (work);
  free (path);
}
END_TEST

#define HEXKEY "5a5b5c5d5e5f606162636465666768696a6b6c6d6e6f70717273747576777879"

/* Reads everything of the raw database at @path through the VFS; SQLITE_OK
 * and what it holds, or the failing code with the VFS's message. */
static int
read_raw (const char *path, char **content, char message[256])
{
  char *uri = sqlite3_mprintf ("file:%s?vfs=dokus&hexkey=" HEXKEY, path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL);

  *content = NULL;
  message[0] = '\0';
  sqlite3_free (uri);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db,
                             "SELECT (SELECT group_concat(integrity_check, ';')"
                             " FROM pragma_integrity_check) || '|' ||"
                             " (SELECT group_concat(n || '=' || s, ',') FROM t)",
                             -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *content = strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  else
    {
      rc = sqlite3_extended_errcode (db);
      dokus_vfs_get_last_error (message);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rc;
}

START_TEST (test_tamper_every_page_byte)
{
  /* a small database sealed by the same VFS (raw key: no KDF, no ledger
   * schema), so that every byte of every page can be flipped */
  char *path = dokus_test_path (dir, "raw.db");
  char *work = dokus_test_path (dir, "raw-work.db");
  char *uri = sqlite3_mprintf ("file:%s?vfs=dokus&hexkey=" HEXKEY, path);
  char message[256], *expected = NULL;
  int reserve = 40;
  size_t len, errors = 0;
  unsigned char *orig;
  sqlite3 *db = NULL;
  DokusError derr = { 0 };

  ck_assert_int_eq (dokus_vfs_register (&derr), DOKUS_OK);
  ck_assert_int_eq (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                                   | SQLITE_OPEN_URI, NULL), SQLITE_OK);
  sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  dokus_test_exec (db, "CREATE TABLE t (n INTEGER PRIMARY KEY, s TEXT NOT NULL);"
                       "CREATE INDEX t_s ON t (s);"
                       "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 60)"
                       " INSERT INTO t SELECT n, printf('%060d', n * 7919) FROM c");
  sqlite3_close (db);
  sqlite3_free (uri);
  orig = dokus_test_read_file (path, &len);
  ck_assert_int_eq (read_raw (path, &expected, message), SQLITE_OK);
  ck_assert (strncmp (expected, "ok|", 3) == 0);
  ck_assert_uint_ge (len, HEADER_BYTES + 3 * PAGE_BYTES);
  for (size_t i = HEADER_BYTES; i < len; i++)
    {
      size_t page = (i - HEADER_BYTES) / PAGE_BYTES + 1;
      char want[32], *got = NULL;
      int rc;

      write_flipped (work, orig, len, i);
      rc = read_raw (work, &got, message);
      ck_assert_msg (rc != SQLITE_OK, "page byte %zu (page %zu) flipped but read fine", i, page);
      ck_assert_msg ((rc & 0xff) == SQLITE_IOERR, "byte %zu: SQLite code %d, not an I/O error (%s)",
                     i, rc, message);
      snprintf (want, sizeof want, "page %zu ", page);
      ck_assert_msg (strstr (message, want) != NULL, "byte %zu: '%s' does not name %s", i, message,
                     want);
      free (got);
      errors++;
    }
  ck_assert_uint_eq (errors, len - HEADER_BYTES);
  free (expected);
  free (orig);
  free (work);
  free (path);
}
END_TEST

START_TEST (test_tamper_book_pages_through_the_api)
{
  /* the real book (ledger schema, many pages) through dokus_book_open: a
   * byte of every stride of 37 (all offsets within a page, over the pages)
   * must be DOKUS_ERR_CORRUPT naming its page */
  char *path = make_small_book ("small.dokus");
  char *work = dokus_test_path (dir, "work.dokus");
  DokusError err = { 0 };
  size_t len, tried = 0;
  unsigned char *orig = dokus_test_read_file (path, &len);

  ck_assert_uint_eq ((len - HEADER_BYTES) % PAGE_BYTES, 0);
  for (size_t i = HEADER_BYTES; i < len; i += 37)
    {
      size_t page = (i - HEADER_BYTES) / PAGE_BYTES + 1;
      char want[32], *got;

      write_flipped (work, orig, len, i);
      memset (&err, 0, sizeof err);
      got = read_everything (work, &err);
      ck_assert_msg (got == NULL, "page byte %zu (page %zu) flipped but the book read fine", i,
                     page);
      ck_assert_msg (err.code == DOKUS_ERR_CORRUPT, "byte %zu: %s (%s)", i,
                     dokus_status_name (err.code), err.message);
      snprintf (want, sizeof want, "page %zu ", page);
      ck_assert_msg (strstr (err.message, want) != NULL, "byte %zu: '%s' does not name %s", i,
                     err.message, want);
      dokus_platform_remove_file (work);
      tried++;
    }
  ck_assert_uint_gt (tried, 100);
  free (orig);
  free (work);
  free (path);
}
END_TEST

START_TEST (test_tamper_swapped_and_foreign_pages)
{
  char *path = make_small_book ("small.dokus");
  char *fresh = make_small_book ("other.dokus");
  DokusError err = { 0 };
  unsigned char *data, *other, tmp[PAGE_BYTES];
  size_t len, olen;
  char *got;

  /* pages 2 and 3 swapped: each is authentic, but not at that place */
  data = dokus_test_read_file (path, &len);
  memcpy (tmp, data + HEADER_BYTES + PAGE_BYTES, PAGE_BYTES);
  memcpy (data + HEADER_BYTES + PAGE_BYTES, data + HEADER_BYTES + 2 * PAGE_BYTES, PAGE_BYTES);
  memcpy (data + HEADER_BYTES + 2 * PAGE_BYTES, tmp, PAGE_BYTES);
  ck_assert (dokus_test_write_file (path, data, len));
  got = read_everything (path, &err);
  ck_assert_ptr_null (got);
  ck_assert_int_eq (err.code, DOKUS_ERR_CORRUPT);

  /* page 2 of another book (another key) grafted in */
  memcpy (tmp, data + HEADER_BYTES + PAGE_BYTES, PAGE_BYTES); /* undo the swap */
  memcpy (data + HEADER_BYTES + PAGE_BYTES, data + HEADER_BYTES + 2 * PAGE_BYTES, PAGE_BYTES);
  memcpy (data + HEADER_BYTES + 2 * PAGE_BYTES, tmp, PAGE_BYTES);
  other = dokus_test_read_file (fresh, &olen);
  memcpy (data + HEADER_BYTES + PAGE_BYTES, other + HEADER_BYTES + PAGE_BYTES, PAGE_BYTES);
  ck_assert (dokus_test_write_file (path, data, len));
  got = read_everything (path, &err);
  ck_assert_ptr_null (got);
  ck_assert_int_eq (err.code, DOKUS_ERR_CORRUPT);
  ck_assert_msg (strstr (err.message, "page 2 ") != NULL, "%s", err.message);
  free (data);
  free (other);
  free (fresh);
  free (path);
}
END_TEST

START_TEST (test_tamper_backup_page_into_original)
{
  char *path = make_small_book ("small.dokus");
  char *copy = dokus_test_path (dir, "copy.dokus");
  DokusError err = { 0 };
  DokusBook *book = NULL;
  unsigned char *data, *backup;
  size_t len, blen;
  char *got;

  ck_assert_int_eq (dokus_book_open (path, "pw", &book, &err), DOKUS_OK);
  ck_assert_int_eq (dokus_book_backup (book, copy, &err), DOKUS_OK);
  dokus_book_close (book);
  /* same data key, same page number, same content: only the file id differs */
  data = dokus_test_read_file (path, &len);
  backup = dokus_test_read_file (copy, &blen);
  ck_assert_uint_eq (len, blen);
  memcpy (data + HEADER_BYTES + PAGE_BYTES, backup + HEADER_BYTES + PAGE_BYTES, PAGE_BYTES);
  ck_assert (dokus_test_write_file (path, data, len));
  got = read_everything (path, &err);
  ck_assert_ptr_null (got);
  ck_assert_int_eq (err.code, DOKUS_ERR_CORRUPT);
  ck_assert_msg (strstr (err.message, "page 2 ") != NULL, "%s", err.message);
  free (data);
  free (backup);
  free (copy);
  free (path);
}
END_TEST

START_TEST (test_tamper_truncated_book)
{
  char *path = make_small_book ("small.dokus");
  DokusError err = { 0 };
  unsigned char *data;
  size_t len;
  char *got;

  data = dokus_test_read_file (path, &len);
  /* cut in the middle of the last page */
  ck_assert (dokus_test_write_file (path, data, len - PAGE_BYTES / 2));
  got = read_everything (path, &err);
  ck_assert_ptr_null (got);
  ck_assert_int_eq (err.code, DOKUS_ERR_CORRUPT);
  /* only the header left */
  ck_assert (dokus_test_write_file (path, data, 100));
  got = read_everything (path, &err);
  ck_assert_ptr_null (got);
  ck_assert_int_eq (err.code, DOKUS_ERR_INVALID);
  free (data);
  free (path);
}
END_TEST

static Suite *
tamper_suite (void)
{
  Suite *s = suite_create ("tamper");
  TCase *bytes = tcase_create ("bytes");
  TCase *pages = tcase_create ("pages");

  tcase_add_checked_fixture (bytes, setup, teardown);
  tcase_add_checked_fixture (pages, setup, teardown);
  tcase_set_timeout (bytes, 900);
  tcase_add_test (bytes, test_tamper_every_header_byte);
  tcase_add_test (bytes, test_tamper_every_page_byte);
  tcase_add_test (bytes, test_tamper_book_pages_through_the_api);
  tcase_add_test (pages, test_tamper_swapped_and_foreign_pages);
  tcase_add_test (pages, test_tamper_backup_page_into_original);
  tcase_add_test (pages, test_tamper_truncated_book);
  suite_add_tcase (s, bytes);
  suite_add_tcase (s, pages);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (tamper_suite ());
}

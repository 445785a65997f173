/* dokus-test-helpers.c
 *
 * See dokus-test-helpers.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dokus-test-helpers.h"

char *
dokus_test_tmpdir_new (void)
{
  const char *base = getenv ("TMPDIR");
  char *dir = NULL;

  if (asprintf (&dir, "%s/dokus-test-XXXXXX", base ? base : "/tmp") < 0)
    ck_abort_msg ("out of memory");
  ck_assert_msg (mkdtemp (dir) != NULL, "mkdtemp failed");
  return dir;
}

static void
remove_tree (const char *path)
{
  DIR *d = opendir (path);
  struct dirent *e;

  if (d == NULL)
    {
      unlink (path);
      return;
    }
  while ((e = readdir (d)) != NULL)
    {
      char *child;
      if (strcmp (e->d_name, ".") == 0 || strcmp (e->d_name, "..") == 0)
        continue;
      if (asprintf (&child, "%s/%s", path, e->d_name) < 0)
        continue;
      remove_tree (child);
      free (child);
    }
  closedir (d);
  rmdir (path);
}

void
dokus_test_tmpdir_free (char *dir)
{
  if (dir == NULL)
    return;
  remove_tree (dir);
  free (dir);
}

char *
dokus_test_path (const char *dir, const char *name)
{
  char *p = NULL;
  if (asprintf (&p, "%s/%s", dir, name) < 0)
    ck_abort_msg ("out of memory");
  return p;
}

DokusBook *
dokus_test_book_create (const char *path, const char *passphrase, char **recovery)
{
  DokusBookOptions opts = { .kdf_cost = DOKUS_KDF_MINIMUM };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DokusStatus st = dokus_book_create (path, passphrase, &opts, recovery, &book, &err);

  ck_assert_msg (st == DOKUS_OK, "creating %s: %s", path, err.message);
  return book;
}

void
dokus_test_exec (sqlite3 *db, const char *sql)
{
  char *msg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);
  ck_assert_msg (rc == SQLITE_OK, "%s: %s", sql, msg ? msg : sqlite3_errstr (rc));
}

long long
dokus_test_query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  long long v;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  ck_assert_msg (rc == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg (db));
  rc = sqlite3_step (stmt);
  ck_assert_msg (rc == SQLITE_ROW, "%s: no row (%s)", sql, sqlite3_errmsg (db));
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

char *
dokus_test_query_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *v;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  ck_assert_msg (rc == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg (db));
  rc = sqlite3_step (stmt);
  ck_assert_msg (rc == SQLITE_ROW, "%s: no row (%s)", sql, sqlite3_errmsg (db));
  v = strdup (sqlite3_column_text (stmt, 0) ? (const char *) sqlite3_column_text (stmt, 0) : "");
  sqlite3_finalize (stmt);
  return v;
}

unsigned char *
dokus_test_read_file (const char *path, size_t *len)
{
  FILE *f = fopen (path, "rb");
  unsigned char *data;
  long size;

  *len = 0;
  if (f == NULL)
    return NULL;
  fseek (f, 0, SEEK_END);
  size = ftell (f);
  fseek (f, 0, SEEK_SET);
  data = malloc ((size_t) size + 1);
  ck_assert (data != NULL);
  *len = fread (data, 1, (size_t) size, f);
  fclose (f);
  return data;
}

bool
dokus_test_write_file (const char *path, const unsigned char *data, size_t len)
{
  FILE *f = fopen (path, "wb");
  bool ok;
  if (f == NULL)
    return false;
  ok = fwrite (data, 1, len, f) == len;
  return fclose (f) == 0 && ok;
}

bool
dokus_test_file_contains (const char *path, const char *needle)
{
  size_t len, n = strlen (needle);
  unsigned char *data = dokus_test_read_file (path, &len);
  bool found = false;

  if (data == NULL)
    return false;
  for (size_t i = 0; i + n <= len && !found; i++)
    found = memcmp (data + i, needle, n) == 0;
  free (data);
  return found;
}

const char *
dokus_test_source_root (void)
{
  const char *root = getenv ("DOKUS_SOURCE_ROOT");
  return root ? root : ".";
}

/* dokus-test-helpers.c
 *
 * See dokus-test-helpers.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdarg.h>
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

const char *
dokus_test_js (const char *fmt, ...)
{
  static char ring[32][8192];
  static unsigned next;
  char *buf = ring[next++ % 32];
  va_list ap;
  int n;

  va_start (ap, fmt);
  n = vsnprintf (buf, sizeof ring[0], fmt, ap);
  va_end (ap);
  ck_assert_int_lt (n, (int)sizeof ring[0]);
  for (char *p = buf; *p; p++)
    if (*p == '\'')
      *p = '"';
  return buf;
}

void
dokus_test_set_profile (DokusBook *book, const char *json)
{
  DokusError err = { 0 };

  if (json == NULL)
    json = "{\"name\":\"Studio Maes\",\"enterprise_number\":\"0203.201.340\",\"iban\":"
           "\"BE68539007547034\",\"bic\":\"GEBABEBB\",\"address\":{\"street\":"
           "\"Veldstraat 1\",\"postal_code\":\"9000\",\"city\":\"Gent\",\"country\":\"BE\"}}";
  ck_assert_msg (dokus_profile_set (book, json, &err) == DOKUS_OK, "profile: %s (%s)", err.message,
                 err.field);
}

void
dokus_test_add_client (DokusBook *book, const char *json, char id[DOKUS_ID_TEXT])
{
  DokusError err = { 0 };

  if (json == NULL)
    json = "{\"name\":\"Atelier Lumiere SRL\",\"vat_number\":\"BE0417497106\",\"address\":"
           "{\"street\":\"Rue Haute 48\",\"postal_code\":\"1000\",\"city\":\"Brussel\","
           "\"country\":\"BE\"}}";
  ck_assert_msg (dokus_client_add (book, json, id, &err) == DOKUS_OK, "client: %s (%s)",
                 err.message, err.field);
}

const char *
dokus_test_create_invoice (DokusBook *book, const char *client, const char *date, const char *lines,
                           const char *extra)
{
  static char ids[64][DOKUS_ID_TEXT];
  static unsigned next;
  char *id = ids[next++ % 64];
  char date_part[48] = "";
  DokusError err = { 0 };
  DokusStatus st;

  if (date != NULL)
    snprintf (date_part, sizeof date_part, ", 'issue_date': '%s'", date);
  st = dokus_invoice_create (book,
                             dokus_test_js ("{'client': '%s'%s, 'lines': [%s]%s}", client,
                                            date_part, lines, extra ? extra : ""),
                             id, &err);
  ck_assert_msg (st == DOKUS_OK, "create: %s (%s)", err.message, err.field);
  return id;
}

void
dokus_test_issue_invoice (DokusBook *book, const char *json, char number[DOKUS_NUMBER_TEXT])
{
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];
  DokusIssueResult res;

  ck_assert_msg (dokus_invoice_create (book, json, id, &err) == DOKUS_OK, "create: %s (%s)",
                 err.message, err.field);
  ck_assert_msg (dokus_document_issue (book, id, &res, &err) == DOKUS_OK, "issue: %s (%s)",
                 err.message, err.field);
  memcpy (number, res.number, DOKUS_NUMBER_TEXT);
}

int
dokus_test_run_suite (Suite *s)
{
  SRunner *sr = srunner_create (s);
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

DokusBook *
dokus_test_book_new (char **dir, char **path)
{
  char *book_path;
  DokusBook *book;

  *dir = dokus_test_tmpdir_new ();
  book_path = dokus_test_path (*dir, "a.dokus");
  book = dokus_test_book_create (book_path, "pw", NULL);
  if (path != NULL)
    *path = book_path;
  else
    free (book_path);
  return book;
}

void
dokus_test_book_free (DokusBook **book, char **path, char **dir)
{
  dokus_book_close (*book);
  *book = NULL;
  if (path != NULL)
    {
      free (*path);
      *path = NULL;
    }
  dokus_test_tmpdir_free (*dir);
  *dir = NULL;
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
dokus_test_audit_problem (DokusBook *book)
{
  DokusAuditReport report;
  DokusError err = { 0 };
  DokusStatus st = dokus_audit_verify (book, &report, &err);

  if (st == DOKUS_OK)
    return strdup ("");
  ck_assert_int_eq (st, DOKUS_ERR_CORRUPT);
  ck_assert_int_eq (report.first_bad_seq, 0); /* the chains are intact */
  ck_assert_str_eq (err.message, report.problem);
  return strdup (report.problem);
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

/* dokus-cli-book.c
 *
 * `dokus-cli book ...` and `dokus-cli demo`: creating, opening, re-keying
 * and backing up book files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>
#include <sqlite3.h>

#include "dokus-cli.h"

static void
print_info (DokusBook *book)
{
  sqlite3 *db = dokus_book_get_db (book);
  sqlite3_stmt *stmt = NULL;

  printf ("book:           %s\n", dokus_book_get_path (book));
  printf ("schema version: %d\n", dokus_book_get_schema_version (book));
  if (sqlite3_prepare_v2 (db, "SELECT key, value FROM book_meta ORDER BY key", -1, &stmt, NULL)
      == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      printf ("%-15s %s\n", (const char *) sqlite3_column_text (stmt, 0),
              (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
}

static int
open_book (const char *path, DokusBook **book)
{
  char pass[DOKUS_CLI_SECRET_MAX];
  DokusError err = { 0 };
  DokusStatus st = dokus_cli_read_secret ("DOKUS_PASSPHRASE", "Passphrase: ", pass, &err);

  if (st == DOKUS_OK)
    st = dokus_book_open (path, pass, book, &err);
  sodium_memzero (pass, sizeof pass);
  return st == DOKUS_OK ? 0 : dokus_cli_fail (&err);
}

static int
read_new_passphrase (char *pass, DokusError *err)
{
  char again[DOKUS_CLI_SECRET_MAX];
  DokusStatus st = dokus_cli_read_secret ("DOKUS_NEW_PASSPHRASE", "New passphrase: ", pass, err);

  if (st == DOKUS_OK && getenv ("DOKUS_NEW_PASSPHRASE") == NULL)
    {
      st = dokus_platform_read_secret ("Repeat it: ", again, sizeof again, err);
      if (st == DOKUS_OK && strcmp (again, pass) != 0)
        st = dokus_error_set (err, DOKUS_ERR_INVALID, "passphrase",
                              "the two passphrases differ");
    }
  sodium_memzero (again, sizeof again);
  return st;
}

static void
show_recovery_key (const char *key)
{
  printf ("\nRecovery key (shown once; keep it on paper, away from the computer):\n\n"
          "  %s\n\n"
          "With it, and only with it, a forgotten passphrase can be replaced.\n",
          key);
  fflush (stdout);
}

static int
book_create (const char *path)
{
  char pass[DOKUS_CLI_SECRET_MAX];
  char *recovery = NULL;
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DokusBookOptions opts = { 0 };
  DokusStatus st;

  /* DOKUS_KDF=minimum: throw-away books for tests; never for real books */
  if (getenv ("DOKUS_KDF") && strcmp (getenv ("DOKUS_KDF"), "minimum") == 0)
    opts.kdf_cost = DOKUS_KDF_MINIMUM;
  st = read_new_passphrase (pass, &err);
  if (st == DOKUS_OK)
    st = dokus_book_create (path, pass, &opts, &recovery, &book, &err);
  sodium_memzero (pass, sizeof pass);
  if (st != DOKUS_OK)
    return dokus_cli_fail (&err);
  fprintf (stderr, "Created %s.\n", path);
  show_recovery_key (recovery);
  dokus_secret_free (recovery);
  dokus_book_close (book);
  return 0;
}

static int
book_info (const char *path)
{
  DokusBook *book = NULL;
  if (open_book (path, &book) != 0)
    return 1;
  print_info (book);
  dokus_book_close (book);
  return 0;
}

static int
book_passwd (const char *path)
{
  char old[DOKUS_CLI_SECRET_MAX], pass[DOKUS_CLI_SECRET_MAX];
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DokusStatus st = dokus_cli_read_secret ("DOKUS_PASSPHRASE", "Current passphrase: ", old, &err);

  if (st == DOKUS_OK)
    st = dokus_book_open (path, old, &book, &err);
  if (st == DOKUS_OK)
    st = read_new_passphrase (pass, &err);
  if (st == DOKUS_OK)
    st = dokus_book_change_passphrase (book, old, pass, &err);
  sodium_memzero (old, sizeof old);
  sodium_memzero (pass, sizeof pass);
  dokus_book_close (book);
  if (st != DOKUS_OK)
    return dokus_cli_fail (&err);
  fprintf (stderr, "Passphrase changed.\n");
  return 0;
}

static int
book_recover (const char *path)
{
  char key[DOKUS_CLI_SECRET_MAX], pass[DOKUS_CLI_SECRET_MAX];
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DokusStatus st = dokus_cli_read_secret ("DOKUS_RECOVERY_KEY", "Recovery key: ", key, &err);

  if (st == DOKUS_OK)
    st = read_new_passphrase (pass, &err);
  if (st == DOKUS_OK)
    st = dokus_book_recover (path, key, pass, &book, &err);
  sodium_memzero (key, sizeof key);
  sodium_memzero (pass, sizeof pass);
  dokus_book_close (book);
  if (st != DOKUS_OK)
    return dokus_cli_fail (&err);
  fprintf (stderr, "New passphrase set.\n");
  return 0;
}

static int
book_backup (const char *path, const char *dest)
{
  DokusBook *book = NULL;
  DokusError err = { 0 };

  if (open_book (path, &book) != 0)
    return 1;
  if (dokus_book_backup (book, dest, &err) != DOKUS_OK)
    {
      dokus_book_close (book);
      return dokus_cli_fail (&err);
    }
  dokus_book_close (book);
  fprintf (stderr, "Backed up to %s (same passphrase and recovery key).\n", dest);
  return 0;
}

int
dokus_cli_book (int argc, char **argv)
{
  const char *cmd = argc > 1 ? argv[1] : "";

  if (argc == 3 && strcmp (cmd, "create") == 0)
    return book_create (argv[2]);
  if (argc == 3 && strcmp (cmd, "info") == 0)
    return book_info (argv[2]);
  if (argc == 3 && strcmp (cmd, "passwd") == 0)
    return book_passwd (argv[2]);
  if (argc == 3 && strcmp (cmd, "recover") == 0)
    return book_recover (argv[2]);
  if (argc == 4 && strcmp (cmd, "backup") == 0)
    return book_backup (argv[2], argv[3]);
  fprintf (stderr, "usage: dokus-cli book create|info|passwd|recover BOOK\n"
                   "       dokus-cli book backup BOOK DEST\n");
  return 2;
}

/* dokus-book-migrate.c
 *
 * Applies the numbered SQL migrations of schema/book/, embedded at build
 * time (book-migrations.c, made by schema/embed-sql.c), in order, one
 * transaction each; the version lives in PRAGMA user_version. A book newer
 * than this library is refused rather than guessed at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include "book-migrations.h"
#include "dokus-book-private.h"

int
dokus_book_schema_version_supported (void)
{
  return dokus_book_migrations[dokus_book_migrations_count - 1].version;
}

static int
read_version (sqlite3 *db, int *version)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *version = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

DokusStatus
dokus_book_migrate (sqlite3 *db, int *version, DokusError *err)
{
  int supported = dokus_book_schema_version_supported ();
  int current = 0;
  int rc = read_version (db, &current);

  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the schema version", err);
  if (current > supported)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "schema_version",
                            "this book has schema version %d, written by a newer Dokus; this "
                            "version reads up to %d: update Dokus",
                            current, supported);
  for (size_t i = 0; i < dokus_book_migrations_count; i++)
    {
      const DokusBookMigration *m = &dokus_book_migrations[i];
      char what[128];
      char *set_version;

      if (m->version <= current)
        continue;
      snprintf (what, sizeof what, "applying migration %04d-%s", m->version, m->name);
      rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return dokus_book_sqlite_error (db, rc, what, err);
      /* another process may have migrated while we waited for the lock */
      rc = read_version (db, &current);
      if (rc == SQLITE_OK && m->version <= current)
        {
          sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
          continue;
        }
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, m->sql, NULL, NULL, NULL);
      set_version = sqlite3_mprintf ("PRAGMA user_version = %d", m->version);
      if (rc == SQLITE_OK)
        rc = set_version ? sqlite3_exec (db, set_version, NULL, NULL, NULL) : SQLITE_NOMEM;
      sqlite3_free (set_version);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          DokusStatus status = dokus_book_sqlite_error (db, rc, what, err);
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return status;
        }
      current = m->version;
    }
  *version = current;
  return DOKUS_OK;
}

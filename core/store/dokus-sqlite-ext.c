/* dokus-sqlite-ext.c
 *
 * The loadable SQLite extension libdokus-sqlite: registers the "dokus" VFS
 * (not as the default) with the SQLite of the program that loads it, and an
 * auto-extension that gives every new connection on a dokus file the
 * reserved bytes per page that the cipher needs. Stays loaded after the
 * loading connection closes.
 *
 *   sqlite3 :memory: -cmd '.load ./libdokus-sqlite' \
 *     -cmd ".open 'file:book.dokus?vfs=dokus&key=secret'"
 *
 * (the database on the shell's own command line is opened before -cmd runs,
 * when the VFS does not exist yet)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-vfs-private.h"

SQLITE_EXTENSION_INIT1

#if defined(_WIN32)
#define EXPORT __declspec (dllexport)
#else
#define EXPORT __attribute__ ((visibility ("default")))
#endif

static int
prepare_connection (sqlite3 *db, char **error, const sqlite3_api_routines *api)
{
  (void) error;
  (void) api;
  dokus_vfs_prepare_connection (db);
  return SQLITE_OK;
}

EXPORT int sqlite3_dokussqlite_init (sqlite3 *db, char **error, const sqlite3_api_routines *api);

EXPORT int
sqlite3_dokussqlite_init (sqlite3 *db, char **error, const sqlite3_api_routines *api)
{
  int rc;

  (void) db;
  SQLITE_EXTENSION_INIT2 (api);
  rc = dokus_vfs_register_sqlite ();
  if (rc != SQLITE_OK)
    {
      *error = sqlite3_mprintf ("dokus: cannot register the VFS (libsodium?)");
      return rc;
    }
  rc = sqlite3_auto_extension ((void (*) (void)) prepare_connection);
  if (rc != SQLITE_OK)
    return rc;
  return SQLITE_OK_LOAD_PERMANENTLY;
}

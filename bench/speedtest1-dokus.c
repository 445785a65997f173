/* speedtest1-dokus.c
 *
 * Linked beside SQLite's own test/speedtest1.c (left unchanged) by
 * bench/speedtest1.sh. speedtest1 has no option to load an extension, so
 * this file does it before main(): it loads the loadable extension named by
 * the environment variable DOKUS_SQLITE_EXTENSION (libdokus-sqlite), which
 * registers the "dokus" VFS and an auto-extension that reserves the nonce
 * and tag bytes on every new dokus database. speedtest1's own options do the
 * rest: --vfs dokus, and --key, which it sends as PRAGMA key. Without the
 * variable it does nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include <sqlite3.h>

__attribute__ ((constructor)) static void
load_dokus_extension (void)
{
  const char *path = getenv ("DOKUS_SQLITE_EXTENSION");
  sqlite3 *db = NULL;
  char *msg = NULL;

  if (path == NULL || path[0] == '\0')
    return;
  /* a throw-away connection: the extension stays loaded after it closes */
  if (sqlite3_open (":memory:", &db) != SQLITE_OK
      || sqlite3_enable_load_extension (db, 1) != SQLITE_OK
      || sqlite3_load_extension (db, path, NULL, &msg) != SQLITE_OK)
    {
      fprintf (stderr, "speedtest1-dokus: cannot load %s: %s\n", path,
               msg ? msg : sqlite3_errmsg (db));
      exit (1);
    }
  sqlite3_close (db);
}

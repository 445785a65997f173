/* dokus-sqlite-private.h
 *
 * Includes SQLite's API the way the current build needs it: linked
 * directly into libdokus, or through the sqlite3_api table when the same
 * sources are compiled into the loadable extension libdokus-sqlite (then
 * DOKUS_SQLITE_EXTENSION is defined), so that the VFS registers with the
 * SQLite of whatever program loaded it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if defined(DOKUS_SQLITE_EXTENSION)
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3
#else
#include <sqlite3.h>
#endif

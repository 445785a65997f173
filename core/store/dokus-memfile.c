/* dokus-memfile.c
 *
 * SQLite's temporary files (temp databases, statement journals, sorter
 * spills) opened through the dokus VFS live in memory: a growable buffer
 * behind the sqlite3_file interface. Such files are private to one
 * connection and deleted on close, so no locking or syncing is needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <sodium.h>

#include "dokus-vfs-private.h"

typedef struct {
  sqlite3_file base;
  unsigned char *data;
  sqlite3_int64 size;
  sqlite3_int64 capacity;
} MemFile;

static int
mem_close (sqlite3_file *f)
{
  MemFile *m = (MemFile *) f;
  if (m->data != NULL)
    {
      sodium_memzero (m->data, (size_t) m->capacity);
      sqlite3_free (m->data);
    }
  m->data = NULL;
  return SQLITE_OK;
}

static int
mem_read (sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
  MemFile *m = (MemFile *) f;
  sqlite3_int64 have = off < m->size ? m->size - off : 0;

  if (have >= amt)
    {
      memcpy (buf, m->data + off, (size_t) amt);
      return SQLITE_OK;
    }
  if (have > 0)
    memcpy (buf, m->data + off, (size_t) have);
  memset ((unsigned char *) buf + have, 0, (size_t) (amt - have));
  return SQLITE_IOERR_SHORT_READ;
}

static int
mem_grow (MemFile *m, sqlite3_int64 need)
{
  sqlite3_int64 cap = m->capacity ? m->capacity : 65536;
  unsigned char *data;

  if (need <= m->capacity)
    return SQLITE_OK;
  while (cap < need)
    cap *= 2;
  data = sqlite3_malloc64 ((sqlite3_uint64) cap);
  if (data == NULL)
    return SQLITE_IOERR_NOMEM;
  if (m->data != NULL)
    {
      memcpy (data, m->data, (size_t) m->size);
      sodium_memzero (m->data, (size_t) m->capacity);
      sqlite3_free (m->data);
    }
  memset (data + m->size, 0, (size_t) (cap - m->size));
  m->data = data;
  m->capacity = cap;
  return SQLITE_OK;
}

static int
mem_write (sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
  MemFile *m = (MemFile *) f;
  int rc = mem_grow (m, off + amt);

  if (rc != SQLITE_OK)
    return rc;
  if (off > m->size)
    memset (m->data + m->size, 0, (size_t) (off - m->size));
  memcpy (m->data + off, buf, (size_t) amt);
  if (off + amt > m->size)
    m->size = off + amt;
  return SQLITE_OK;
}

static int
mem_truncate (sqlite3_file *f, sqlite3_int64 size)
{
  MemFile *m = (MemFile *) f;
  if (size < m->size)
    {
      memset (m->data + size, 0, (size_t) (m->size - size));
      m->size = size;
    }
  return SQLITE_OK;
}

static int
mem_sync (sqlite3_file *f, int flags)
{
  (void) f;
  (void) flags;
  return SQLITE_OK;
}

static int
mem_file_size (sqlite3_file *f, sqlite3_int64 *size)
{
  *size = ((MemFile *) f)->size;
  return SQLITE_OK;
}

static int
mem_lock (sqlite3_file *f, int level)
{
  (void) f;
  (void) level;
  return SQLITE_OK;
}

static int
mem_check_reserved_lock (sqlite3_file *f, int *out)
{
  (void) f;
  *out = 0;
  return SQLITE_OK;
}

static int
mem_file_control (sqlite3_file *f, int op, void *arg)
{
  (void) f;
  (void) op;
  (void) arg;
  return SQLITE_NOTFOUND;
}

static int
mem_sector_size (sqlite3_file *f)
{
  (void) f;
  return 4096;
}

static int
mem_device_characteristics (sqlite3_file *f)
{
  (void) f;
  return SQLITE_IOCAP_POWERSAFE_OVERWRITE | SQLITE_IOCAP_SAFE_APPEND;
}

static const sqlite3_io_methods mem_methods = {
  .iVersion = 1,
  .xClose = mem_close,
  .xRead = mem_read,
  .xWrite = mem_write,
  .xTruncate = mem_truncate,
  .xSync = mem_sync,
  .xFileSize = mem_file_size,
  .xLock = mem_lock,
  .xUnlock = mem_lock,
  .xCheckReservedLock = mem_check_reserved_lock,
  .xFileControl = mem_file_control,
  .xSectorSize = mem_sector_size,
  .xDeviceCharacteristics = mem_device_characteristics,
};

size_t
dokus_memfile_size (void)
{
  return sizeof (MemFile);
}

int
dokus_memfile_open (sqlite3_file *file)
{
  MemFile *m = (MemFile *) file;
  memset (m, 0, sizeof *m);
  m->base.pMethods = &mem_methods;
  return SQLITE_OK;
}

/* dokus-book-cache.c
 *
 * One slot per open book for data derived from its rows (the balance pass
 * of core/ledger/dokus-balances.c), found from the book's connection and
 * freed when the book closes. What a slot holds and when it is stale is
 * its user's business (it checks PRAGMA data_version and the connection's
 * change count); the registry only ties the slot's life to the book's.
 * Connections that are not a DokusBook's (the sqlite3 shell, benchmarks on
 * a raw database) have no slot, and nothing is cached for them. Other
 * users have keyed slots of the same book (the prepared statements of
 * dokus-stmt-cache.c), freed at the same time, before the connection
 * closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>

#include "dokus-book-private.h"

/* a further slot of the same book, for another user (see _keyed) */
typedef struct Keyed {
  const void   *key;
  void         *data;
  void        (*free_fn) (void *);
  struct Keyed *next;
} Keyed;

typedef struct Slot {
  sqlite3     *db;
  void        *data;
  void       (*free_fn) (void *);
  Keyed       *keyed;
  struct Slot *next;
} Slot;

static Slot *slots;

static sqlite3_mutex *
registry_mutex (void)
{
  return sqlite3_mutex_alloc (SQLITE_MUTEX_STATIC_APP1);
}

static Slot *
find (sqlite3 *db)
{
  for (Slot *s = slots; s != NULL; s = s->next)
    if (s->db == db)
      return s;
  return NULL;
}

void
dokus_book_cache_register (sqlite3 *db)
{
  Slot *s = calloc (1, sizeof *s);

  if (s == NULL)
    return; /* no slot: nothing is cached */
  s->db = db;
  sqlite3_mutex_enter (registry_mutex ());
  s->next = slots;
  slots = s;
  sqlite3_mutex_leave (registry_mutex ());
}

void *
dokus_book_cache_get (sqlite3 *db)
{
  void *data;

  sqlite3_mutex_enter (registry_mutex ());
  Slot *s = find (db);
  data = s ? s->data : NULL;
  sqlite3_mutex_leave (registry_mutex ());
  return data;
}

bool
dokus_book_cache_set (sqlite3 *db, void *data, void (*free_fn) (void *))
{
  void *old = NULL;
  void (*old_free) (void *) = NULL;
  bool kept = false;

  sqlite3_mutex_enter (registry_mutex ());
  Slot *s = find (db);
  if (s != NULL)
    {
      old = s->data;
      old_free = s->free_fn;
      s->data = data;
      s->free_fn = free_fn;
      kept = true;
    }
  sqlite3_mutex_leave (registry_mutex ());
  if (old != NULL && old_free != NULL)
    old_free (old);
  return kept;
}

void *
dokus_book_cache_get_keyed (sqlite3 *db, const void *key)
{
  void *data = NULL;

  sqlite3_mutex_enter (registry_mutex ());
  Slot *s = find (db);
  for (Keyed *k = s ? s->keyed : NULL; k != NULL; k = k->next)
    if (k->key == key)
      data = k->data;
  sqlite3_mutex_leave (registry_mutex ());
  return data;
}

bool
dokus_book_cache_set_keyed (sqlite3 *db, const void *key, void *data, void (*free_fn) (void *))
{
  void *old = NULL;
  void (*old_free) (void *) = NULL;
  Keyed *fresh = calloc (1, sizeof *fresh), *k = NULL;
  bool kept = false;

  if (fresh == NULL)
    return false;
  sqlite3_mutex_enter (registry_mutex ());
  Slot *s = find (db);
  for (k = s ? s->keyed : NULL; k != NULL && k->key != key; k = k->next)
    ;
  if (k != NULL)
    {
      old = k->data;
      old_free = k->free_fn;
      k->data = data;
      k->free_fn = free_fn;
      kept = true;
    }
  else if (s != NULL)
    {
      fresh->key = key;
      fresh->data = data;
      fresh->free_fn = free_fn;
      fresh->next = s->keyed;
      s->keyed = fresh;
      fresh = NULL;
      kept = true;
    }
  sqlite3_mutex_leave (registry_mutex ());
  free (fresh);
  if (old != NULL && old_free != NULL)
    old_free (old);
  return kept;
}

void
dokus_book_cache_drop (sqlite3 *db)
{
  Slot *gone = NULL;

  sqlite3_mutex_enter (registry_mutex ());
  for (Slot **p = &slots; *p != NULL; p = &(*p)->next)
    if ((*p)->db == db)
      {
        gone = *p;
        *p = gone->next;
        break;
      }
  sqlite3_mutex_leave (registry_mutex ());
  if (gone != NULL && gone->data != NULL && gone->free_fn != NULL)
    gone->free_fn (gone->data);
  while (gone != NULL && gone->keyed != NULL)
    {
      Keyed *k = gone->keyed;
      gone->keyed = k->next;
      if (k->data != NULL && k->free_fn != NULL)
        k->free_fn (k->data);
      free (k);
    }
  free (gone);
}

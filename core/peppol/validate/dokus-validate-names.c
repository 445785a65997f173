/* dokus-validate-names.c
 *
 * A small number for every local name of an element of UBL 2.1 (the names
 * of dokus-validate-ubl21.c, which every rule and the structure check use),
 * so that checks asked for every element of a document compare numbers
 * instead of strings. The element index gives each element its name's
 * number once per distinct name of a document (names are interned: one
 * look-up per name, not per element); a name UBL does not have is 0.
 *
 * The table is built once per process from the schema data, by whichever
 * thread first needs it; the others wait for it (a few microseconds, once).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>

#include "dokus-thread-private.h"
#include "dokus-validate-names-private.h"
#include "dokus-validate-ubl21-private.h"

/* open addressing over the distinct local names: a power of two, at least
 * twice their number (about 1 300) */
#define SLOTS 4096

static const char *slot_name[SLOTS];      /* the local name ("ID"), NULL: free */
static uint16_t    slot_len[SLOTS];
static uint16_t    slot_id[SLOTS];
/* the key of every entry of dokus_val_ubl21_elements (they are fewer) */
#define MAX_ELEMENTS 4096
static uint16_t    element_key[MAX_ELEMENTS];
static size_t      n_ids;                  /* ids 1 .. n_ids are in use */
static const char *id_name[DOKUS_VAL_MAX_NAME_IDS];

/* the tables hold the whole schema (else every name is number 0) */
static bool usable;

/* the tables above, built by the first thread that needs them */
static DokusOnce tables_once;

/* A few bytes and the length, not every byte: the look-up runs once per
 * distinct name of every document, and these tell UBL's names apart well
 * enough (the probe compares lengths first, then the bytes). */
static uint32_t
hash_name (const char *s, size_t len)
{
  uint32_t h = (uint32_t) len * 0x9e3779b1u;
  if (len > 0)
    h ^= (uint32_t) (unsigned char) s[0] << 8 ^ (uint32_t) (unsigned char) s[len - 1] << 16
         ^ (uint32_t) (unsigned char) s[len / 2] ^ (uint32_t) (unsigned char) s[len / 3] << 24;
  return (h ^ h >> 15) * 0x2c1b3c6du >> 20;
}

static size_t
find_slot (const char *local, size_t len)
{
  size_t i = hash_name (local, len) & (SLOTS - 1);
  while (slot_name[i] != NULL
         && (slot_len[i] != len || memcmp (slot_name[i], local, len) != 0))
    i = (i + 1) & (SLOTS - 1);
  return i;
}

/* The kind (DokusValNodeRec.kind) of the prefix of @qname: 1 cbc, 2 cac, 3 ext. */
static uint8_t
prefix_kind (const char *qname)
{
  return qname[1] == 'b' ? 1 : qname[1] == 'a' ? 2 : 3;
}

static void
build_tables (void)
{
  size_t n_elements = 0;
  /* the types' sequences cover the element table */
  for (size_t t = 0; t < dokus_val_ubl21_n_types; t++)
    if ((size_t) dokus_val_ubl21_types[t].first + dokus_val_ubl21_types[t].count > n_elements)
      n_elements = (size_t) dokus_val_ubl21_types[t].first + dokus_val_ubl21_types[t].count;
  if (n_elements > MAX_ELEMENTS)
    return; /* a schema larger than the tables: no numbers, names compared as strings */
  for (size_t e = 0; e < n_elements; e++)
    {
      const char *local = dokus_val_ubl21_elements[e].qname + 4;
      size_t len = strlen (local), i = find_slot (local, len);
      if (slot_name[i] == NULL)
        {
          if (len >= UINT16_MAX || n_ids + 1 >= DOKUS_VAL_MAX_NAME_IDS || 2 * (n_ids + 1) >= SLOTS)
            return; /* (as above) */
          slot_name[i] = local;
          slot_len[i] = (uint16_t) len;
          slot_id[i] = (uint16_t) ++n_ids;
          id_name[n_ids] = local;
        }
      element_key[e]
          = (uint16_t) (slot_id[i] << 2 | prefix_kind (dokus_val_ubl21_elements[e].qname));
    }
  usable = true;
}

static void
ensure_tables (void)
{
  dokus_once (&tables_once, build_tables);
}

uint16_t
dokus_val_name_id (const char *local, size_t len)
{
  size_t i;
  ensure_tables ();
  if (!usable)
    return 0;
  i = find_slot (local, len);
  return slot_name[i] != NULL ? slot_id[i] : 0;
}

const uint16_t *
dokus_val_element_keys (void)
{
  ensure_tables ();
  return usable ? element_key : NULL;
}

uint32_t
dv_name_map_fill (DvNameMap *map, uint16_t id)
{
  uint32_t mask;
  ensure_tables ();
  if (id == 0 || id > n_ids)
    return UINT32_MAX;
  mask = map->wants (id_name[id]);
  atomic_store_explicit (&map->mask[id], UINT64_C (1) << 32 | mask, memory_order_relaxed);
  return mask;
}

bool
dv_name_in (const char *local, const char *const *names)
{
  /* (asked for every UBL name by each map's predicate: most differ in the
   * first byte) */
  for (; *names != NULL; names++)
    if (dv_name_eq (local, *names))
      return true;
  return false;
}

uint32_t
dv_name_rows (const char *local, const DvNameRow *rows, size_t n)
{
  uint32_t checks = 0;
  for (size_t i = 0; i < n; i++)
    if (dv_name_in (local, rows[i].names))
      checks |= rows[i].check;
  return checks;
}

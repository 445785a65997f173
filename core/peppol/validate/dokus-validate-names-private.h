/* dokus-validate-names-private.h
 *
 * Numbers for the local names of UBL 2.1 elements (dokus-validate-names.c):
 * the element index puts each element's in its DokusValNodeRec (name_id),
 * so that a check asked for every element first tests a bit, not a string.
 * A "key" is a name's number and its namespace kind (1 cbc, 2 cac, 3 ext):
 * id << 2 | kind, so that an element's key equals the key of its qname
 * ("cbc:ID") in the structure tables and the UBL-CR path tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dokus-validate-private.h"

/* ids are below this (a schema with more names gets no numbers at all) */
#define DOKUS_VAL_MAX_NAME_IDS 2048

/* The number of local name @local (@len bytes, no prefix) if UBL 2.1 has
 * an element of that name, else 0. */
uint16_t dokus_val_name_id (const char *local, size_t len);

/* The key of every entry of dokus_val_ubl21_elements, in its order; NULL
 * when the schema does not fit the number tables (then compare names). */
const uint16_t *dokus_val_element_keys (void);

/* The key of element @n through the index, or 0 when @n has no record
 * (no index: then compare names). */
static inline uint16_t
dokus_val_node_key (const xmlNode *n)
{
  const DokusValNodeRec *r = n->_private;
  return r != NULL ? (uint16_t) (r->name_id << 2 | r->kind) : 0;
}

/* Which of a walk's checks may apply to an element, by its local name:
 * a mask of up to 32 checks, asked of a predicate once per process for
 * each name the walks meet, so that a walk calls for each element only the
 * checks that can apply to it. Define the map static next to the walk it
 * serves:
 *   static DvNameMap walk_checks = { .wants = checks_of_name };
 * Elements whose name UBL does not have get every bit (the predicate is
 * not asked for them); so does every element without the index. Each
 * check still tests the element itself, namespace included. */
typedef struct {
  uint32_t (*wants) (const char *local);
  /* per name number: 0 not asked yet, else 1 << 32 | the mask; every
   * thread computes the same value (relaxed atomics) */
  _Atomic uint64_t mask[DOKUS_VAL_MAX_NAME_IDS];
} DvNameMap;

/* Asks @map's predicate about name number @id and keeps the answer. */
uint32_t dv_name_map_fill (DvNameMap *map, uint16_t id);

/* The checks of @map that may apply to element @n. */
static inline uint32_t
dv_name_map_get (DvNameMap *map, const xmlNode *n)
{
  const DokusValNodeRec *r = n->_private;
  uint64_t mask;
  if (r == NULL || n->type != XML_ELEMENT_NODE || r->name_id == 0)
    return UINT32_MAX;
  mask = atomic_load_explicit (&map->mask[r->name_id], memory_order_relaxed);
  return mask != 0 ? (uint32_t) mask : dv_name_map_fill (map, r->name_id);
}

/* true when dv_name_map_get() of element @n is exact: a bit is set only
 * for the checks whose names are @n's local name (false: every bit set). */
static inline bool
dv_name_map_exact (const xmlNode *n)
{
  const DokusValNodeRec *r = n->_private;
  return r != NULL && n->type == XML_ELEMENT_NODE && r->name_id != 0;
}

/* strcmp (@a, @b) == 0, the first byte inline: predicates are asked for
 * every UBL name, and most differ there. */
static inline bool
dv_name_eq (const char *a, const char *b)
{
  return a[0] == b[0] && strcmp (a, b) == 0;
}

/* true if @local is one of the NULL-terminated @names (for predicates). */
bool dv_name_in (const char *local, const char *const *names);

/* A check of a walk and the local names it looks at: a predicate's rows. */
typedef struct {
  const char *const *names;   /* NULL-terminated */
  uint32_t           check;   /* its bit */
} DvNameRow;

/* The bits of the rows of @rows (@n) that list @local. */
uint32_t dv_name_rows (const char *local, const DvNameRow *rows, size_t n);

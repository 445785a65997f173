/* dokus-validate-tree.c
 *
 * Walking the parsed document for the rule checks: children, paths of
 * prefixed names (cbc:, cac:, ext:), descendants, string values with
 * XPath's string() and normalize-space() semantics, attributes, and the
 * per-document arena that holds strings built on the way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../dokus-xml-in-private.h"
#include "dokus-validate-ctx-private.h"
#include "dokus-validate-names-private.h"

#include <libxml/dict.h>

#define NS_CBC "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
#define NS_CAC "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
#define NS_EXT "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
#define ARENA_BLOCK 16384

/* ---- arena ---------------------------------------------------------------- */

/* @size bytes of the arena, zeroed if @zero */
static void *
arena_alloc (DokusValCtx *v, size_t size, bool zero)
{
  DokusValBlock *b = v->arena;

  void *p;

  size = (size + 15) & ~(size_t) 15;
  if (b == NULL || b->size - b->used < size)
    {
      size_t cap = size > ARENA_BLOCK ? size : ARENA_BLOCK;
      /* not calloc: zeroing whole blocks up front was ~1 % of a validation;
       * each allocation is zeroed below, only as large as asked */
      b = malloc (sizeof *b + cap);
      if (b == NULL)
        {
          v->report->oom = true;
          return NULL;
        }
      b->used = 0;
      b->size = cap;
      b->next = v->arena;
      v->arena = b;
    }
  p = (char *) (b + 1) + b->used;
  b->used += size;
  if (zero)
    memset (p, 0, size);
  return p;
}

void *
dokus_val_alloc (DokusValCtx *v, size_t size)
{
  return arena_alloc (v, size, true);
}

/* dokus_val_cache() when @key is not the one found last. */
static DOKUS_VAL_NOINLINE void *
cache_lookup (DokusValCtx *v, const void *key, size_t size, bool *fresh)
{
  size_t i;
  for (i = 0; i < DOKUS_VAL_CACHE_KEYS && v->cache_keys[i] != NULL; i++)
    if (v->cache_keys[i] == key)
      {
        *fresh = false;
        v->cache_last = i;
        return v->cache_data[i];
      }
  *fresh = true;
  if (i == DOKUS_VAL_CACHE_KEYS)
    return dokus_val_alloc (v, size); /* not shared, still correct */
  v->cache_data[i] = dokus_val_alloc (v, size);
  if (v->cache_data[i] != NULL)
    v->cache_keys[i] = key;
  return v->cache_data[i];
}

void *
dokus_val_cache (DokusValCtx *v, const void *key, size_t size, bool *fresh)
{
  /* the rules of a group run in a row: the slot found last, first */
  if (v->cache_keys[v->cache_last] == key)
    {
      *fresh = false;
      return v->cache_data[v->cache_last];
    }
  return cache_lookup (v, key, size, fresh);
}

void
dokus_val_arena_free (DokusValCtx *v)
{
  while (v->arena)
    {
      DokusValBlock *next = v->arena->next;
      free (v->arena);
      v->arena = next;
    }
}

/* ---- names ---------------------------------------------------------------- */

/* The namespace kind (DokusValNodeRec.kind) of a "cbc:", "cac:" or "ext:" step. */
static uint8_t
kind_of_prefix (const char *step)
{
  return step[1] == 'b' ? 1 : step[1] == 'a' ? 2 : 3;
}

/* ns_matches() of an element without the index: its namespace's URI */
static DOKUS_VAL_NOINLINE bool
ns_href_matches (const xmlNode *n, const char *step)
{
  const char *href;
  const char *want;

  if (n->ns == NULL || n->ns->href == NULL)
    return false;
  href = (const char *) n->ns->href;
  if (step[1] == 'b') /* cbc */
    want = NS_CBC;
  else if (step[1] == 'a') /* cac */
    want = NS_CAC;
  else /* ext */
    want = NS_EXT;
  return strcmp (href, want) == 0;
}

/* Is element @n in the namespace of the prefix of @step ("cbc:...")? */
static inline bool
ns_matches (const xmlNode *n, const char *step)
{
  /* the element index knows every element's namespace: one byte, no strcmp
   * (inline: every name match of every sibling scan ends here) */
  if (n->_private != NULL)
    return ((const DokusValNodeRec *) n->_private)->kind == kind_of_prefix (step);
  return ns_href_matches (n, step);
}

/* memcmp (@a, @b, @len) == 0 without a call: most names are short, and
 * the call was a third of a name compare */
static inline bool
same_bytes (const xmlChar *a, const char *b, size_t len)
{
  uint64_t x, y;
  for (; len >= 8; a += 8, b += 8, len -= 8)
    {
      memcpy (&x, a, 8);
      memcpy (&y, b, 8);
      if (x != y)
        return false;
    }
  for (; len > 0; a++, b++, len--)
    if (*a != (xmlChar) *b)
      return false;
  return true;
}

/* step_matches() of element @n whose first two local-name bytes equal
 * bytes 4 and 5 of @step ("cbc:ID", @len > 4, @step[3] == ':'): the
 * sibling scans test those first for every sibling, so that only the
 * rest is left (the scans are a tenth of the validator's instructions) */
static inline bool
rest_matches (const xmlNode *n, const char *step, size_t len)
{
  /* our XML reader's trees know each name's length (dokus-xml-in-private.h) */
  if (n->extra != 0)
    {
      /* the lengths agree: the rest of the bytes, a word at a time (@len 5:
       * a one-letter name, already compared) */
      if (n->extra != len - 3 || (len > 6 && !same_bytes (n->name + 2, step + 6, len - 6)))
        return false;
    }
  else if (strncmp ((const char *) n->name, step + 4, len - 4) != 0 || n->name[len - 4] != '\0')
    return false;
  return ns_matches (n, step);
}

/* Does element @n match the step @step of @len bytes ("cbc:ID", or "*")? */
/* (inline: it runs for every candidate of every sibling scan, and the
 * call cost as much as the compare) */
static inline bool
step_matches (const xmlNode *n, const char *step, size_t len)
{
  if (n->type != XML_ELEMENT_NODE)
    return false;
  if (len == 1 && step[0] == '*')
    return true;
  if (len < 5 || step[3] != ':')
    return false;
  /* the local name first, inline: most elements differ in their first bytes */
  if (n->name[0] != (xmlChar) step[4] || n->name[1] != (xmlChar) step[5])
    return false;
  return rest_matches (n, step, len);
}

bool
dokus_val_is_named (const xmlNode *n, const char *qname, size_t len)
{
  return step_matches (n, qname, len);
}

/* next_element() for any @qname and any tree (NULL: any element) */
static DOKUS_VAL_NOINLINE const xmlNode *
next_element_any (const xmlNode *n, const char *qname, size_t len)
{
  /* cheap reject on the first two letters of the local name (when the
   * first agree, neither name ends there) */
  xmlChar first = qname && len > 4 ? (xmlChar) qname[4] : 0;
  xmlChar second = first ? (xmlChar) qname[5] : 0;
  for (; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE
        && (qname == NULL
            || ((first == 0 || (n->name[0] == first && n->name[1] == second))
                && step_matches (n, qname, len))))
      return n;
  return NULL;
}

/* The first element from @n on named @qname (NULL: any element). */
/* (inline: its two callers are a call each, a quarter million a run) */
static inline const xmlNode *
next_element (const xmlNode *n, const char *qname, size_t len)
{
  xmlChar first, second;
  if (qname == NULL || len <= 4 || qname[3] != ':')
    return next_element_any (n, qname, len);
  /* a prefixed name in an indexed tree of our reader, the common case: two
   * bytes per sibling, then the length, the rest and the namespace kind,
   * without a call, so that the scan saves no registers (the prologue cost
   * as much as the scan); anything else goes on the general way (a tail call) */
  first = (xmlChar) qname[4];
  second = (xmlChar) qname[5];
  for (; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE && n->name[0] == first && n->name[1] == second)
      {
        const DokusValNodeRec *r = n->_private;
        if (n->extra == 0 || r == NULL)
          return next_element_any (n, qname, len);
        if (n->extra == len - 3 && (len <= 6 || same_bytes (n->name + 2, qname + 6, len - 6))
            && r->kind == kind_of_prefix (qname))
          return n;
      }
  return NULL;
}

static const xmlChar *dict_name (DokusValCtx *v, const char *local, size_t len);

/* the root table's size: twice the distinct names it may hold */
#define DOKUS_VAL_ROOT_SLOTS 128

static size_t
root_slot_of (const xmlChar *name, uint8_t kind)
{
  uintptr_t h = (uintptr_t) name >> 3;
  return (size_t) ((h ^ (h >> 7) ^ kind) & (DOKUS_VAL_ROOT_SLOTS - 1));
}

/* Fills the root table: the first root child element of each name and
 * kind. false when it cannot be used (then the siblings are scanned). */
static DOKUS_VAL_NOINLINE bool
root_table_make (DokusValCtx *v)
{
  size_t n = 0;

  v->root_state = -1;
  if (v->n_buckets == 0 || v->root->_private == NULL)
    return false;
  v->root_names = dokus_val_alloc (v, DOKUS_VAL_ROOT_SLOTS * sizeof *v->root_names);
  v->root_kinds = dokus_val_alloc (v, DOKUS_VAL_ROOT_SLOTS * sizeof *v->root_kinds);
  v->root_first = dokus_val_alloc (v, DOKUS_VAL_ROOT_SLOTS * sizeof *v->root_first);
  if (v->root_names == NULL || v->root_kinds == NULL || v->root_first == NULL)
    return false;
  for (const xmlNode *c = v->root->children; c; c = c->next)
    {
      const DokusValNodeRec *r = c->_private;
      size_t i;
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (r == NULL)
        return false;
      i = root_slot_of (c->name, r->kind);
      while (v->root_names[i] != NULL
             && (v->root_names[i] != c->name || v->root_kinds[i] != r->kind))
        i = (i + 1) & (DOKUS_VAL_ROOT_SLOTS - 1);
      if (v->root_names[i] != NULL)
        continue; /* not the first of its name */
      if (++n > DOKUS_VAL_ROOT_SLOTS / 2)
        return false;
      v->root_names[i] = c->name;
      v->root_kinds[i] = r->kind;
      v->root_first[i] = c;
    }
  v->root_state = 1;
  return true;
}

/* The first child element of the root named @qname ("cbc:ID", @len bytes)
 * through the root table; @found false when the table cannot answer. */
static const xmlNode *
root_child (DokusValCtx *v, const char *qname, size_t len, bool *found)
{
  const xmlChar *name;
  uint8_t kind;
  size_t i;

  *found = false;
  if (len < 5 || qname[3] != ':' || (v->root_state == 0 && !root_table_make (v))
      || v->root_state != 1)
    return NULL;
  *found = true;
  /* the document's own copy of the name: none, no element has it */
  if ((name = dict_name (v, qname + 4, len - 4)) == NULL)
    return NULL;
  kind = kind_of_prefix (qname);
  for (i = root_slot_of (name, kind); v->root_names[i] != NULL;
       i = (i + 1) & (DOKUS_VAL_ROOT_SLOTS - 1))
    if (v->root_names[i] == name && v->root_kinds[i] == kind)
      return v->root_first[i];
  return NULL;
}

const xmlNode *
dokus_val_child_n (const xmlNode *parent, const char *qname, size_t len)
{
  DokusValCtx *v;

  if (parent == NULL)
    return NULL;
  /* the root's children through a table: a fifth of the lookups but two
   * thirds of the sibling steps (the lines come last, and many of the
   * names asked for are not there at all) */
  if (qname != NULL && parent->doc != NULL && (v = parent->doc->_private) != NULL
      && v->root == parent && v->root_state >= 0)
    {
      bool found;
      const xmlNode *n = root_child (v, qname, len, &found);
      if (found)
        return n;
    }
  return next_element (parent->children, qname, len);
}

const xmlNode *
dokus_val_next_n (const xmlNode *n, const char *qname, size_t len)
{
  if (n == NULL)
    return NULL;
  return next_element (n->next, qname, len);
}

/* Visits every node matching @path (one step per '/') below @ctx. */
static bool
walk (DokusValCtx *v, const xmlNode *ctx, const char *path, DokusValVisit fn, void *data)
{
  const char *slash = strchr (path, '/');
  size_t len = slash ? (size_t) (slash - path) : strlen (path);
  /* cheap reject on the first letter of the local name, as next_element */
  xmlChar first = len > 4 && path[3] == ':' ? (xmlChar) path[4] : 0;
  xmlChar second = len > 5 ? (xmlChar) path[5] : 0;

  for (const xmlNode *c = ctx->children; c; c = c->next)
    {
      if (first != 0
          && (c->type != XML_ELEMENT_NODE || c->name[0] != first || c->name[1] != second))
        continue;
      if (first != 0 ? !rest_matches (c, path, len) : !step_matches (c, path, len))
        continue;
      if (slash)
        {
          if (!walk (v, c, slash + 1, fn, data))
            return false;
        }
      else if (!fn (v, c, data))
        return false;
    }
  return true;
}

static bool
keep_first (DokusValCtx *v, const xmlNode *n, void *data)
{
  (void) v;
  *(const xmlNode **) data = n;
  return false;
}

static bool
count_one (DokusValCtx *v, const xmlNode *n, void *data)
{
  (void) v;
  (void) n;
  (*(size_t *) data)++;
  return true;
}

const xmlNode *
dokus_val_first (const xmlNode *ctx, const char *path)
{
  const xmlNode *found = NULL;
  if (ctx == NULL)
    return NULL;
  if (strchr (path, '/') == NULL)
    return dokus_val_child (ctx, path);
  walk (NULL, ctx, path, keep_first, &found);
  return found;
}

size_t
dokus_val_count (const xmlNode *ctx, const char *path)
{
  size_t n = 0;
  if (ctx == NULL)
    return 0;
  walk (NULL, ctx, path, count_one, &n);
  return n;
}

bool
dokus_val_exists (const xmlNode *ctx, const char *path)
{
  return dokus_val_first (ctx, path) != NULL;
}

bool
dokus_val_each (DokusValCtx *v, const xmlNode *ctx, const char *path, DokusValVisit fn,
                void *data)
{
  if (ctx == NULL)
    return true;
  return walk (v, ctx, path, fn, data);
}

/* ---- the element index ------------------------------------------------------ */

static uint8_t
kind_of (const xmlNode *n, const xmlNs *last_ns[2], uint8_t last_kind[2])
{
  const char *href = n->ns && n->ns->href ? (const char *) n->ns->href : NULL;
  uint8_t kind;
  if (href == NULL)
    return 0;
  /* documents declare each namespace once or a few times, and cbc and cac
   * elements alternate: remember the last two */
  if (n->ns == last_ns[0])
    return last_kind[0];
  if (n->ns == last_ns[1])
    return last_kind[1];
  kind = strcmp (href, NS_CBC) == 0   ? 1
         : strcmp (href, NS_CAC) == 0 ? 2
         : strcmp (href, NS_EXT) == 0 ? 3
                                      : 0;
  last_ns[1] = last_ns[0];
  last_kind[1] = last_kind[0];
  last_ns[0] = n->ns;
  last_kind[0] = kind;
  return kind;
}

static size_t
hash_name (const xmlChar *name, size_t mask)
{
  uintptr_t p = (uintptr_t) name;
  return (size_t) ((p >> 4) ^ (p >> 12)) & mask;
}

static DokusValBucket *
bucket_of (const DokusValCtx *v, const xmlChar *name)
{
  size_t mask = v->n_buckets - 1;
  for (size_t i = hash_name (name, mask);; i = (i + 1) & mask)
    if (v->buckets[i].name == name || v->buckets[i].name == NULL)
      return &v->buckets[i];
}

/* dokus_val_name_id() of element @n's local name */
static uint16_t
local_name_id (const xmlNode *n)
{
  /* our XML reader's trees know each name's length (dokus-xml-in-private.h) */
  size_t len = n->extra != 0 ? (size_t) n->extra - 1 : strlen ((const char *) n->name);
  return dokus_val_name_id ((const char *) n->name, len);
}

/* Doubles the bucket table (the buckets keep their counts); false on OOM. */
static DOKUS_VAL_NOINLINE bool
grow_buckets (DokusValCtx *v)
{
  DokusValBucket *old = v->buckets;
  size_t old_size = v->n_buckets;
  DokusValBucket *fresh = dokus_val_alloc (v, 2 * old_size * sizeof *fresh);
  if (fresh == NULL)
    return false;
  v->buckets = fresh;
  v->n_buckets = 2 * old_size;
  for (size_t i = 0; i < old_size; i++)
    if (old[i].name != NULL)
      *bucket_of (v, old[i].name) = old[i];
  return true;
}

/* Pre-order numbering: every element's record, its place in @by_order,
 * and the count of its name's bucket. The table starts small and grows
 * with the distinct names (an invoice has a hundred or two, however long
 * it is), so that zeroing it stays cheap. false on OOM. */
static bool
number_nodes (DokusValCtx *v, xmlNode *n, DokusValNodeRec *recs, xmlNode **by_order,
              uint32_t *next)
{
  for (xmlNode *c = n->children; c; c = c->next)
    {
      DokusValNodeRec *r;
      DokusValBucket *b;
      if (c->type != XML_ELEMENT_NODE)
        continue;
      r = &recs[*next];
      b = bucket_of (v, c->name);
      if (b->name == NULL)
        {
          /* a name met for the first time in this document: at most half
           * the buckets in use, so that probes stay short */
          if (2 * (v->n_names + 1) > v->n_buckets)
            {
              if (!grow_buckets (v))
                return false;
              b = bucket_of (v, c->name);
            }
          b->name = c->name;
          b->name_id = local_name_id (c);
          v->n_names++;
        }
      r->order = *next;
      r->kind = kind_of (c, v->last_ns, v->last_kind);
      r->name_id = b->name_id;
      c->_private = r;
      by_order[*next] = c;
      b->count++;
      ++*next;
      if (!number_nodes (v, c, recs, by_order, next))
        return false;
      r->last = *next - 1;
    }
  return true;
}

static uint32_t
count_elements (const xmlNode *n)
{
  uint32_t total = 0;
  for (const xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      total += 1 + count_elements (c);
  return total;
}

bool
dokus_val_index_build (DokusValCtx *v)
{
  xmlNode *root = (xmlNode *) v->root;
  uint32_t n = count_elements (root) + 1;
  /* (number_nodes writes every field of every record: not zeroed) */
  DokusValNodeRec *recs = arena_alloc (v, n * sizeof *recs, false);
  const xmlNode **slots;
  xmlNode **by_order;
  uint32_t next = 1;
  size_t size = 128;

  v->n_buckets = 0;
  v->n_elements = 0;
  v->n_names = 0;
  if (recs == NULL || (v->doc->dict == NULL && !dokus_xml_in_owns (v->doc)))
    return false;
  v->buckets = dokus_val_alloc (v, size * sizeof *v->buckets);
  if (v->buckets == NULL)
    return false;
  v->n_buckets = size;
  /* the root is number 0, in no bucket (dokus_val_descendant never returns it) */
  recs[0].order = 0;
  recs[0].kind = 0;
  recs[0].bucket_pos = 0;
  recs[0].name_id = local_name_id (root);
  root->_private = &recs[0];
  /* the elements in document order (every slot written: not zeroed) */
  by_order = arena_alloc (v, n * sizeof *by_order, false);
  if (by_order == NULL)
    {
      v->n_buckets = 0;
      return false;
    }
  if (!number_nodes (v, root, recs, by_order, &next))
    {
      v->n_buckets = 0;
      return false;
    }
  recs[0].last = next - 1;
  /* one array for every bucket (each element is in one): n - 1 slots */
  slots = arena_alloc (v, n * sizeof *slots, false);
  if (slots == NULL)
    {
      v->n_buckets = 0;
      return false;
    }
  for (size_t i = 0; i < v->n_buckets; i++)
    {
      DokusValBucket *b = &v->buckets[i];
      if (b->name == NULL)
        continue;
      b->nodes = slots;
      slots += b->count;
      b->count = 0;
    }
  /* each bucket in document order, and each record its place there */
  for (uint32_t i = 1; i < n; i++)
    {
      DokusValNodeRec *r = by_order[i]->_private;
      DokusValBucket *b = bucket_of (v, by_order[i]->name);
      r->bucket_pos = b->count;
      b->nodes[b->count++] = by_order[i];
    }
  v->doc->_private = v;
  v->n_elements = n;
  return true;
}

static void
clear_private (xmlNode *n)
{
  for (xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      {
        c->_private = NULL;
        clear_private (c);
      }
}

void
dokus_val_index_clear (DokusValCtx *v)
{
  xmlNode *root = (xmlNode *) v->root;
  /* every element may hold a record, also after a partial build */
  root->_private = NULL;
  clear_private (root);
  v->doc->_private = NULL;
  v->n_buckets = 0;
  v->n_elements = 0;
}

uint32_t
dokus_val_order (const xmlNode *n)
{
  const DokusValCtx *v;
  if (n == NULL || n->type != XML_ELEMENT_NODE || n->_private == NULL || n->doc == NULL)
    return UINT32_MAX;
  v = n->doc->_private;
  if (v == NULL || v->n_elements == 0)
    return UINT32_MAX;
  return ((const DokusValNodeRec *) n->_private)->order;
}

uint32_t
dokus_val_n_elements (const DokusValCtx *v)
{
  return v->n_buckets != 0 ? v->n_elements : 0;
}

const char *const dokus_val_prefixes[4] = { NULL, "cbc", "cac", "ext" };

/* dokus_val_prefix() without the index (or a NULL or non-element @n) */
const char *
dokus_val_prefix_of (const xmlNode *n)
{
  const char *href;
  if (n == NULL || n->type != XML_ELEMENT_NODE)
    return NULL;
  if (n->_private != NULL)
    return dokus_val_prefixes[((const DokusValNodeRec *) n->_private)->kind];
  href = n->ns && n->ns->href ? (const char *) n->ns->href : "";
  return strcmp (href, NS_CBC) == 0   ? dokus_val_prefixes[1]
         : strcmp (href, NS_CAC) == 0 ? dokus_val_prefixes[2]
         : strcmp (href, NS_EXT) == 0 ? dokus_val_prefixes[3]
                                      : NULL;
}

/* xmlDictExists() of @local (@len bytes) in the document's dictionary,
 * remembered for the document (the dictionary does not change while it is
 * validated): the same names are asked for again and again. */
static const xmlChar *
dict_name (DokusValCtx *v, const char *local, size_t len)
{
  DokusValNameSlot *s;
  if (len >= DOKUS_VAL_NAME_COPY)
    return dokus_xml_name_exists (v->doc, local, len);
  if (v->names == NULL)
    {
      v->names = dokus_val_alloc (v, DOKUS_VAL_NAME_SLOTS * sizeof *v->names);
      if (v->names == NULL)
        return dokus_xml_name_exists (v->doc, local, len);
    }
  s = &v->names[(((uintptr_t) local >> 3) ^ len) & (DOKUS_VAL_NAME_SLOTS - 1)];
  if (s->key != local || s->len != len || memcmp (s->copy, local, len) != 0)
    {
      s->name = dokus_xml_name_exists (v->doc, local, len);
      s->key = local;
      s->len = len;
      memcpy (s->copy, local, len);
    }
  return s->name;
}

/* The descendant through the index: the elements named @qname, in
 * document order, whose number lies inside @top's subtree. */
static const xmlNode *
indexed_descendant (DokusValCtx *v, const xmlNode *top, const xmlNode *cur,
                    const char *qname, size_t len)
{
  const DokusValNodeRec *t = top->_private;
  const DokusValBucket *b;
  const xmlChar *name;
  uint8_t kind;
  uint32_t from;

  if (len < 5 || qname[3] != ':')
    return NULL;
  name = dict_name (v, qname + 4, len - 4);
  if (name == NULL)
    return NULL; /* no element of that name anywhere */
  b = bucket_of (v, name);
  if (b->name == NULL)
    return NULL;
  kind = kind_of_prefix (qname);
  from = 0;
  if (cur != NULL)
    {
      const DokusValNodeRec *c = cur->_private;
      if (c->kind == kind && b->nodes[c->bucket_pos] == cur)
        from = c->bucket_pos + 1;
      else
        while (from < b->count && ((const DokusValNodeRec *) b->nodes[from]->_private)->order
                                    <= c->order)
          from++;
    }
  for (uint32_t i = from; i < b->count; i++)
    {
      const DokusValNodeRec *r = b->nodes[i]->_private;
      if (r->order <= t->order)
        continue;
      if (r->order > t->last)
        return NULL;
      if (r->kind == kind)
        return b->nodes[i];
    }
  return NULL;
}

const xmlNode *
dokus_val_descendant (const xmlNode *top, const xmlNode *cur, const char *qname)
{
  size_t len = strlen (qname);
  const xmlNode *n;
  DokusValCtx *v;

  if (top == NULL)
    return NULL;
  v = top->doc ? top->doc->_private : NULL;
  if (v != NULL && v->n_buckets != 0 && top->_private != NULL
      && (cur == NULL || cur->_private != NULL))
    return indexed_descendant (v, top, cur, qname, len);
  n = cur ? cur : top;
  for (;;)
    {
      /* pre-order: first child, else next sibling, else climb */
      if (n->children && n->type == XML_ELEMENT_NODE)
        n = n->children;
      else
        {
          while (n != top && n->next == NULL)
            n = n->parent;
          if (n == top)
            return NULL;
          n = n->next;
        }
      if (step_matches (n, qname, len))
        return n;
    }
}

/* ---- values --------------------------------------------------------------- */

static size_t
text_length (const xmlNode *n)
{
  size_t len = 0;
  for (const xmlNode *c = n->children; c; c = c->next)
    {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        len += c->content ? strlen ((const char *) c->content) : 0;
      else if (c->type == XML_ELEMENT_NODE)
        len += text_length (c);
    }
  return len;
}

static char *
text_copy (const xmlNode *n, char *p)
{
  for (const xmlNode *c = n->children; c; c = c->next)
    {
      if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
        {
          size_t l = strlen ((const char *) c->content);
          memcpy (p, c->content, l);
          p += l;
        }
      else if (c->type == XML_ELEMENT_NODE)
        p = text_copy (c, p);
    }
  return p;
}

const char *
dokus_val_text (DokusValCtx *v, const xmlNode *n)
{
  char *buf, *end;

  if (n == NULL)
    return NULL;
  if (n->type == XML_ATTRIBUTE_NODE)
    {
      if (n->children && n->children->next == NULL && n->children->content)
        return (const char *) n->children->content;
    }
  else if (n->children == NULL)
    return "";
  else if (n->children->next == NULL
           && (n->children->type == XML_TEXT_NODE || n->children->type == XML_CDATA_SECTION_NODE))
    return n->children->content ? (const char *) n->children->content : "";
  buf = dokus_val_alloc (v, text_length (n) + 1);
  if (buf == NULL)
    return "";
  end = text_copy (n, buf);
  *end = '\0';
  return buf;
}

static bool
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
is_normalized (const char *s)
{
  if (*s == '\0')
    return true;
  if (is_space (s[0]))
    return false;
  for (; *s; s++)
    if (is_space (*s) && (*s != ' ' || s[1] == '\0' || is_space (s[1])))
      return false;
  return true;
}

const char *
dokus_val_norm (DokusValCtx *v, const xmlNode *n)
{
  const char *t = dokus_val_text (v, n);
  char *buf, *o;
  bool pending = false;

  if (t == NULL || is_normalized (t))
    return t;
  buf = dokus_val_alloc (v, strlen (t) + 1);
  if (buf == NULL)
    return "";
  o = buf;
  for (; *t; t++)
    {
      if (is_space (*t))
        {
          pending = o != buf;
          continue;
        }
      if (pending)
        *o++ = ' ';
      pending = false;
      *o++ = *t;
    }
  *o = '\0';
  return buf;
}

const char *
dokus_val_text_at (DokusValCtx *v, const xmlNode *ctx, const char *path)
{
  return dokus_val_text (v, dokus_val_first (ctx, path));
}

const char *
dokus_val_norm_at (DokusValCtx *v, const xmlNode *ctx, const char *path)
{
  return dokus_val_norm (v, dokus_val_first (ctx, path));
}

typedef struct {
  bool found;
} NonEmpty;

static bool
check_nonempty (DokusValCtx *v, const xmlNode *n, void *data)
{
  const char *t = dokus_val_text (v, n);
  if (t && *t)
    {
      ((NonEmpty *) data)->found = true;
      return false;
    }
  return true;
}

bool
dokus_val_nonempty (DokusValCtx *v, const xmlNode *ctx, const char *path)
{
  NonEmpty ne = { false };
  if (ctx == NULL)
    return false;
  walk (v, ctx, path, check_nonempty, &ne);
  return ne.found;
}

const char *
dokus_val_attr (DokusValCtx *v, const xmlNode *n, const char *name)
{
  if (n == NULL || n->type != XML_ELEMENT_NODE)
    return NULL;
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (a->ns == NULL && strcmp ((const char *) a->name, name) == 0)
      return dokus_val_text (v, (const xmlNode *) a);
  return NULL;
}

bool
dokus_val_norm_eq (DokusValCtx *v, const xmlNode *n, const char *s)
{
  const char *t = dokus_val_norm (v, n);
  return t != NULL && strcmp (t, s) == 0;
}

/* ---- document ------------------------------------------------------------- */

const xmlNode *
dokus_val_root (const DokusValCtx *v)
{
  return v->root;
}

bool
dokus_val_is_credit_note (const DokusValCtx *v)
{
  return v->credit_note;
}

bool
dokus_val_walks_together (const DokusValCtx *v)
{
  return v->walk_together;
}

const char *
dokus_val_line_name (const DokusValCtx *v)
{
  return v->credit_note ? "cac:CreditNoteLine" : "cac:InvoiceLine";
}

const char *
dokus_val_quantity_name (const DokusValCtx *v)
{
  return v->credit_note ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity";
}

const char *
dokus_val_type_code_name (const DokusValCtx *v)
{
  return v->credit_note ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode";
}

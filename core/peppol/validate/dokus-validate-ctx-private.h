/* dokus-validate-ctx-private.h
 *
 * The validation context and the report, shared by the engine files
 * (dokus-validate.c, -tree.c, -report.c). Rule families do not include
 * this: they go through dokus-validate-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-validate-private.h"

/* dokus_val_cache() keys per document (families and rule groups) */
#define DOKUS_VAL_CACHE_KEYS 32

typedef struct DokusValBlock DokusValBlock;
struct DokusValBlock {
  DokusValBlock *next;
  size_t         used, size;
  /* data follows */
};

typedef struct {
  const char *rule;      /* static (rule table or family) */
  const char *flag;      /* static */
  char       *location;  /* owned */
  char       *message;   /* owned */
} DokusValFinding;

struct DokusUblReport {
  const char      *doctype;   /* static */
  DokusValFinding *findings;
  size_t           n, cap;
  size_t           n_fatal;     /* all fatal findings, listed or not */
  size_t           n_dropped;   /* findings beyond DOKUS_UBL_VALIDATE_MAX_FINDINGS */
  bool             oom;
};

/* Every element of one name (interned by libxml2's dictionary), in
 * document order. */
typedef struct {
  const xmlChar  *name;
  const xmlNode **nodes;
  uint32_t        count;
  uint16_t        name_id;  /* dokus_val_name_id() of name, looked up once a document */
} DokusValBucket;

/* A name looked up in the document's dictionary (dokus_val_descendant()):
 * keyed by the address and length of the caller's string, checked against
 * a copy of its bytes (a caller may reuse a buffer). */
#define DOKUS_VAL_NAME_SLOTS 64
#define DOKUS_VAL_NAME_COPY 40
typedef struct {
  const char    *key;
  size_t         len;
  const xmlChar *name;   /* the dictionary's string; NULL: not in the document */
  char           copy[DOKUS_VAL_NAME_COPY];
} DokusValNameSlot;

struct DokusValCtx {
  xmlDoc         *doc;
  const xmlNode  *root;
  bool            credit_note;
  bool            walk_together; /* every rule set runs: see dokus_val_walks_together() */
  DokusUblReport *report;
  DokusValBlock  *arena;
  DokusValBucket *buckets;     /* open addressing on the name pointer */
  size_t          n_buckets;   /* a power of two; 0: no index (out of memory) */
  size_t          n_names;     /* buckets in use (distinct element names) */
  uint32_t        n_elements;  /* numbered elements, root included; 0: no index */
  const xmlNs    *last_ns[2];  /* index building: namespace -> kind memo (cbc and cac */
  uint8_t         last_kind[2]; /* alternate: two entries) */
  const xmlNode  *loc_node;    /* locations: the last indexed element ... */
  size_t          loc_index;   /* ... and its [k] */
  const xmlNs    *loc_ns[2];   /* locations: the prefix of the last two namespaces */
  const char     *loc_prefix[2];
  const void     *cache_keys[DOKUS_VAL_CACHE_KEYS];
  void           *cache_data[DOKUS_VAL_CACHE_KEYS];
  size_t          cache_last;  /* the slot found last: rules of a group run in a row */
  DokusValNameSlot *names;     /* DOKUS_VAL_NAME_SLOTS (arena), made on first use */
  /* the root's element children by name and namespace (dokus_val_child_n()
   * from the root): the first of each, open addressing on the interned
   * name, DOKUS_VAL_ROOT_SLOTS (arena), made on the first lookup;
   * root_state 0: not made yet, 1: made, -1: not used (no index, too many
   * names, out of memory) */
  const xmlChar  **root_names;
  uint8_t         *root_kinds;
  const xmlNode  **root_first;
  int              root_state;
};

/* Builds the element index (dokus-validate-tree.c); false on OOM. */
bool dokus_val_index_build (DokusValCtx *v);

/* Takes the index off the tree again (every element's and the document's
 * _private back to NULL), so that the tree outlives the context. */
void dokus_val_index_clear (DokusValCtx *v);

/* Validates the parsed document @doc (transfer none: left as it was) with
 * the rule sets @sets: the engine of dokus_ubl_validate_with() after its
 * parse. @parser_note (nullable) is what the parser reported without
 * failing (a warning finding of the structure check). @doc must have been
 * parsed as dokus_ubl_validate() parses (options NONET, NOBLANKS, NOCDATA,
 * COMPACT, hence a dictionary) for the findings to be the same.
 * *@out as dokus_ubl_validate(); DOKUS_ERR_INVALID for another root than
 * a UBL 2.1 Invoice or CreditNote, DOKUS_ERR_NOMEM. */
DokusStatus dokus_val_validate_doc (xmlDoc *doc, const char *parser_note, unsigned sets,
                                    DokusUblReport **out, DokusError *err);

/* Appends a finding (location computed from @at); marks the report OOM on
 * failure. */
void dokus_val_add_finding (DokusValCtx *v, const char *rule, const char *flag,
                            const xmlNode *at, const char *message);

/* Frees the arena blocks. */
void dokus_val_arena_free (DokusValCtx *v);

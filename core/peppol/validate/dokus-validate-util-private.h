/* dokus-validate-util-private.h
 *
 * Helpers shared by the Peppol, national, UBL syntax and code-list rule
 * families (rules-peppol*.c, rules-national.c, rules-ubl-*.c,
 * rules-codelists.c): a walk over every element of the document, the
 * party countries the Peppol rules derive, sorted code lists looked up by
 * binary search, and small lexical tests (digits, dates, integers) with
 * XPath's meaning.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-validate-private.h"

/* ---- walking ------------------------------------------------------------- */

/* Calls @fn on every element below @top (not @top itself), in document
 * order, whatever its namespace. */
typedef void (*DvElementFn) (DokusValCtx *v, const xmlNode *n, void *data);
void dv_walk (DokusValCtx *v, const xmlNode *top, DvElementFn fn, void *data);

/* true if @n is an element in the cbc namespace named one of @names
 * (a NULL-terminated list of local names, e.g. { "Amount", "BaseAmount", NULL }). */
bool dv_is_cbc_one_of (const xmlNode *n, const char *const *names);

/* The parent element of @n, or NULL. */
static inline const xmlNode *
dv_parent (const xmlNode *n)
{
  if (n == NULL || n->parent == NULL || n->parent->type != XML_ELEMENT_NODE)
    return NULL;
  return n->parent;
}

/* ---- code lists ---------------------------------------------------------- */

/* A code list: codes sorted by strcmp (checked by the family test). */
typedef struct {
  const char *const *codes;
  size_t             n;
} DvCodeList;

#define DV_CODE_LIST(arr) { arr, sizeof arr / sizeof arr[0] }

/* true if @code (exactly, NULL: false) is in @list. */
bool dv_code_in (const DvCodeList *list, const char *code);

/* true if @list is sorted and has no duplicates (for the tests). */
bool dv_code_list_sorted (const DvCodeList *list);

/* ---- lexical tests -------------------------------------------------------- */

/* true if @s is @n ASCII digits exactly (n = 0: one or more digits). */
bool dv_all_digits (const char *s, size_t n);

/* XPath "castable as xs:integer": optional surrounding whitespace, an
 * optional sign, one or more digits. */
bool dv_castable_integer (const char *s);

/* XPath "castable as xs:date" for a value without time zone: YYYY-MM-DD
 * with a real day of that month. */
bool dv_is_date (const char *s);

/* XPath string(number(s)) != 'NaN': @s (with surrounding whitespace) is
 * an optional '-', digits with an optional '.', no exponent. */
bool dv_is_number (const char *s);

/* ASCII upper-case copy of @s in the document arena (NULL if @s is NULL). */
char *dv_upper (DokusValCtx *v, const char *s);

/* XPath normalize-space() of the string @s, in the arena ("" if @s is NULL). */
const char *dv_norm_string (DokusValCtx *v, const char *s);

/* strcmp that treats NULL as "". */
int dv_strcmp0 (const char *a, const char *b);

/* ---- parties -------------------------------------------------------------- */

/* upper-case(normalize-space(.../cac:PostalAddress/cac:Country/cbc:IdentificationCode))
 * of the seller or buyer ("" when absent). */
const char *dv_seller_address_country (DokusValCtx *v);
const char *dv_buyer_address_country (DokusValCtx *v);

/* The Peppol rule set's $supplierCountry / $customerCountry: the first two
 * letters of the VAT identifier (seller, then tax representative for the
 * seller), else the postal address country, else "XX"; upper-cased. */
const char *dv_supplier_country (DokusValCtx *v);
const char *dv_customer_country (DokusValCtx *v);

/* $supplierCountryIsDE and $customerCountryIsDE. */
bool dv_both_de (DokusValCtx *v);

/* ---- rule groups: one walk for several rules --------------------------------
 *
 * Rules that look at every element of the document (code lists, identifier
 * schemes, attributes nobody may use) share one walk: the first rule of
 * the group that runs on a document walks it once and records every
 * finding of the group; then each rule of the group reports its own
 * findings in document order. Whichever rule runs first (families run in
 * table order, but a caller may run one rule alone), the result is the
 * same. The state lives in the document's cache (dokus_val_cache()), so
 * it is per document and per thread by construction. */
typedef struct DvGroupState DvGroupState;
typedef struct DvGroup DvGroup;

/* Called on the root and every element below it; records findings with
 * dv_group_hit() / dv_group_hit_once(). */
typedef void (*DvGroupVisit) (DokusValCtx *v, const xmlNode *n, DvGroupState *s);

struct DvGroup {
  const char *const *rules;    /* rule ids, in the order the family runs them */
  size_t             n_rules;
  DvGroupVisit       visit;
  DvGroupState    *(*state) (DokusValCtx *v); /* the per-document state, see DV_GROUP_STATE */
};

typedef struct {
  const xmlNode *node;  /* NULL: the root */
  unsigned       rule;  /* index in the group */
} DvGroupHit;

struct DvGroupState {
  bool        walked;   /* the hits of this document are recorded */
  DvGroupHit *hits;
  size_t      n, cap;
  size_t      n_rules;
  size_t      next;     /* the index expected next (rules run in order) */
  uint8_t    *once;     /* rules already hit by dv_group_hit_once() (arena) */
  uint32_t   *first;    /* after the walk, hits sorted by rule: rule i's are
                         * hits[first[i]..first[i + 1]) (arena); NULL: unsorted */
  bool        oom;
  void       *data;     /* the visit's own per-document data (arena), NULL at first */
};

/* Every group (each defined by its family's file). When the engine runs
 * every rule set (dokus_val_walks_together()), the first group walk walks
 * them all at once: one pass over the tree instead of one per group; each
 * group still sees the root and then every element in document order. */
extern const DvGroup dv_group_codelists;
extern const DvGroup dv_group_peppol_common;
extern const DvGroup dv_group_peppol_walk;
extern const DvGroup dv_group_ubl_cr;
extern const DvGroup dv_group_unused_attrs;
extern const DvGroup dv_group_sr_dt_walk;

/* The state of a group for the current document: zeroed on first use;
 * NULL only on OOM (the engine then reports the error). */
static inline DvGroupState *
dv_group_state (DokusValCtx *v, const void *key)
{
  bool fresh;
  return dokus_val_cache (v, key, sizeof (DvGroupState), &fresh);
}

/* Defines the function @name (DokusValCtx *) that returns a group's state. */
#define DV_GROUP_STATE(name)                                                                       \
  static const char name##_key;                                                                    \
  static DvGroupState *name (DokusValCtx *v)                                                       \
  {                                                                                                \
    return dv_group_state (v, &name##_key);                                                        \
  }

/* Records a finding of rule @index of the group at @at (NULL @s: nothing). */
void dv_group_hit (DokusValCtx *v, DvGroupState *s, unsigned index, const xmlNode *at);

/* The same, at most once per document (reported at the root). */
void dv_group_hit_once (DokusValCtx *v, DvGroupState *s, unsigned index);

/* true when @rule is the rule of @g that @s expects next (by pointer: the
 * engine passes the family table's string), the walk is done and found
 * nothing for it: then the rule is done too (s->next moves on). Most rules
 * of a group end here, in a few instructions. */
static inline bool
dv_group_skip (DvGroupState *s, const DvGroup *g, const char *rule)
{
  size_t i;
  if (s == NULL || !s->walked)
    return false;
  i = s->next;
  if (i >= g->n_rules || g->rules[i] != rule)
    return false;
  if (s->n != 0 && (s->first == NULL || s->first[i] != s->first[i + 1]))
    return false;
  s->next = i + 1;
  return true;
}

/* The check function body of every rule of a group: runs the group walk
 * when needed and reports the findings of @rule. */
void dv_group_check (DokusValCtx *v, const char *rule, const DvGroup *g);

/* The same with the group's state @s (g->state (v), NULL: nothing), for a
 * check that has looked it up already. */
void dv_group_check_state (DokusValCtx *v, DvGroupState *s, const char *rule, const DvGroup *g);

/* Are rule ids @a and @b the same? The engine passes the family table's
 * own string, so within one file the pointers are usually equal and the
 * strcmp is skipped. */
static inline bool
dv_same_rule (const char *a, const char *b)
{
  return a == b || strcmp (a, b) == 0;
}

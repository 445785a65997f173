/* dokus-validate-private.h
 *
 * The inside of the native Peppol BIS Billing 3.0 validator, for the files
 * that implement rule families. A family file (rules-en16931-core.c,
 * rules-peppol.c, ...) holds one C function per rule (or one function
 * shared by several rules, told apart by @rule) and a table binding rule
 * ids to those functions; dokus-validate-families.c lists the tables.
 *
 * A check looks at the parsed document through the helpers below (no
 * XPath engine: plain walks over libxml2's tree) and reports what fails
 * with dokus_val_report(). Flags, sources (rule sets) and messages come
 * from the rule tables in rules/ (data, replaced with each Peppol release),
 * never from the C code. A rule id that a family binds but the tables do
 * not list is a build-time bug: the family test in tests/validate says so.
 *
 * Paths: a "qname" is "cbc:ID", "cac:InvoiceLine" or "ext:UBLExtensions"
 * (these three prefixes, whatever prefixes the document itself uses; no
 * other namespace is ever matched). A "path" is qnames joined by '/':
 * "cac:AccountingSupplierParty/cac:Party/cbc:EndpointID", relative to a
 * context node. The root element is matched by local name only through
 * dokus_val_root().
 *
 * Lifetimes: every const char * a helper returns is valid until the
 * validation of the current document ends (strings live in the document
 * or in the context's arena); nothing is freed by the checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <libxml/tree.h>

#include "dokus/dokus-ubl-validate.h"

typedef struct DokusValCtx DokusValCtx;

/* Keeps a rarely taken path (a first use, an out-of-memory branch) out of
 * a hot caller, so that the caller stays small. */
#if defined(__GNUC__)
#define DOKUS_VAL_NOINLINE __attribute__ ((noinline))
#else
#define DOKUS_VAL_NOINLINE
#endif

/* ---- Rule families ------------------------------------------------------ */

/* One check: looks at the document and reports @rule (the id it is bound
 * to) as often as it fails. Several ids may share one function. */
typedef void (*DokusValCheck) (DokusValCtx *v, const char *rule);

typedef struct {
  const char   *rule;   /* "BR-CO-15": must be listed in a rules/ table */
  DokusValCheck check;
} DokusValRule;

typedef struct {
  const char         *name;   /* "BR-CO", "PEPPOL-EN16931", "UBL-CR": for summaries */
  const DokusValRule *rules;
  size_t              n_rules;
  /* optional (NULL): how many rules from rules[@r] on need not run on this
   * document because they would report nothing (0: run rules[@r]); for
   * families of hundreds of rules that one walk has decided at once */
  size_t            (*quiet) (DokusValCtx *v, size_t r);
} DokusValFamily;

#define DOKUS_VAL_FAMILY(sym, name, table)                                                  \
  const DokusValFamily sym = { name, table, sizeof table / sizeof table[0], NULL }

#define DOKUS_VAL_FAMILY_QUIET(sym, name, table, quiet)                                     \
  const DokusValFamily sym = { name, table, sizeof table / sizeof table[0], quiet }

/* The family list (dokus-validate-families.c): adding a family file is one
 * line there and one in meson.build. */
extern const DokusValFamily *const dokus_val_families[];
extern const size_t dokus_val_n_families;

/* ---- Rule metadata (rules/ *.tsv, embedded at build time) ---------------- */

typedef struct {
  const char *id;        /* "BR-CO-15" */
  const char *flag;      /* "fatal" or "warning" */
  const char *source;    /* "EN16931", "PEPPOL" or "UBL" (our structure check) */
  const char *context;   /* what it looks at, e.g. "cac:LegalMonetaryTotal" (may be "") */
  const char *message;   /* our own English message (may be "": then a generic one) */
} DokusValRuleMeta;

/* The metadata of @id, or NULL if no table lists it. */
const DokusValRuleMeta *dokus_val_rule_meta (const char *id);

/* Every rule of the tables, sorted by id (for coverage counts). */
const DokusValRuleMeta *dokus_val_rule_table (size_t *n);

/* The rule set bit (DOKUS_UBL_VALIDATE_EN16931, ...) of a source name. */
unsigned dokus_val_source_bit (const char *source);

/* ---- The document ------------------------------------------------------- */

/* The root element (Invoice or CreditNote). */
const xmlNode *dokus_val_root (const DokusValCtx *v);

/* true for a CreditNote, false for an Invoice. */
bool dokus_val_is_credit_note (const DokusValCtx *v);

/* true when every rule runs on this document (all rule sets, from the
 * engine): the rule groups then share one walk (dokus-validate-util.c). */
bool dokus_val_walks_together (const DokusValCtx *v);

/* "cac:InvoiceLine" or "cac:CreditNoteLine"; "cbc:InvoicedQuantity" or
 * "cbc:CreditedQuantity"; "cbc:InvoiceTypeCode" or "cbc:CreditNoteTypeCode". */
const char *dokus_val_line_name (const DokusValCtx *v);
const char *dokus_val_quantity_name (const DokusValCtx *v);
const char *dokus_val_type_code_name (const DokusValCtx *v);

/* true if @n is an element named @qname ("cbc:ID"). NULL @n: false.
 * Inline: most calls test an element against a name it does not have, and
 * end on the first letter of the local name without a call (qname is
 * nearly always a literal, so its length and letters fold away). */
bool dokus_val_is_named (const xmlNode *n, const char *qname, size_t len);

static inline bool
dokus_val_is (const xmlNode *n, const char *qname)
{
  if (n == NULL || n->type != XML_ELEMENT_NODE)
    return false;
  /* (when the first letters agree, neither string ends there: the second
   * letters can be read) */
  if (qname[0] && qname[1] && qname[2] && qname[3] == ':'
      && (n->name[0] != (xmlChar) qname[4] || n->name[1] != (xmlChar) qname[5]))
    return false;
  return dokus_val_is_named (n, qname, strlen (qname));
}

/* dokus_val_child() and dokus_val_next() given the length of @qname (0
 * for NULL). */
const xmlNode *dokus_val_child_n (const xmlNode *parent, const char *qname, size_t len);
const xmlNode *dokus_val_next_n (const xmlNode *n, const char *qname, size_t len);

/* The first child element of @parent named @qname (NULL: any element), or
 * NULL. NULL @parent: NULL. Inline, like dokus_val_is(): @qname is nearly
 * always a literal, whose length folds away (a strlen a call otherwise). */
static inline const xmlNode *
dokus_val_child (const xmlNode *parent, const char *qname)
{
  return dokus_val_child_n (parent, qname, qname ? strlen (qname) : 0);
}

/* The next sibling element of @n named @qname (NULL: any element), or NULL.
 * Loop: for (c = dokus_val_child (p, "cac:X"); c; c = dokus_val_next (c, "cac:X")) */
static inline const xmlNode *
dokus_val_next (const xmlNode *n, const char *qname)
{
  return dokus_val_next_n (n, qname, qname ? strlen (qname) : 0);
}

/* The first node matching @path below @ctx, in document order (a path of
 * one step is dokus_val_child()). NULL if none or @ctx is NULL. */
const xmlNode *dokus_val_first (const xmlNode *ctx, const char *path);

/* How many nodes match @path below @ctx; true if at least one does. */
size_t dokus_val_count (const xmlNode *ctx, const char *path);
bool dokus_val_exists (const xmlNode *ctx, const char *path);

/* Calls @fn on every node matching @path below @ctx, in document order;
 * stops early and returns false when @fn returns false. */
typedef bool (*DokusValVisit) (DokusValCtx *v, const xmlNode *n, void *data);
bool dokus_val_each (DokusValCtx *v, const xmlNode *ctx, const char *path, DokusValVisit fn,
                     void *data);

/* Descendants of @top (not @top itself) named @qname, in document order
 * (indexed per name: the cost is the number of elements of that name, not
 * the size of the document; prefer it to walking every element):
 * for (n = dokus_val_descendant (top, NULL, "cac:TaxCategory"); n;
 *      n = dokus_val_descendant (top, n, "cac:TaxCategory")) ...
 * (XPath's //cac:TaxCategory from the root is dokus_val_descendant (root, ...)). */
const xmlNode *dokus_val_descendant (const xmlNode *top, const xmlNode *cur, const char *qname);

/* The document order of element @n (the root is 0, then pre-order), below
 * dokus_val_n_elements(); UINT32_MAX when the document has no element
 * index (out of memory) or @n is not an element of it. For per-element
 * arrays a family keeps in dokus_val_cache(). */
uint32_t dokus_val_order (const xmlNode *n);

/* Per-element record (xmlNode._private) while the element index is built:
 * document order, last descendant, namespace kind (1 cbc, 2 cac, 3 ext,
 * 0 other), position in its name's bucket and the number of its local
 * name (dokus-validate-names-private.h; 0: not a UBL 2.1 name). */
typedef struct {
  uint32_t order, last, bucket_pos;
  uint8_t  kind;
  uint16_t name_id;
} DokusValNodeRec;

/* dokus_val_order() of element @n of a document whose index is built
 * (dokus_val_n_elements() != 0), without checking that it is. */
static inline uint32_t
dokus_val_indexed_order (const xmlNode *n)
{
  const DokusValNodeRec *r = n->_private;
  return r != NULL ? r->order : UINT32_MAX;
}
/* The number of elements of the document, root included; 0 without index. */
uint32_t dokus_val_n_elements (const DokusValCtx *v);

/* "cbc", "cac" or "ext" for an element in one of those namespaces, NULL
 * for any other element (one byte through the index, no string compare):
 * dokus_val_prefix(); dokus_val_prefix_of() is its out-of-line part. */
const char *dokus_val_prefix_of (const xmlNode *n);
extern const char *const dokus_val_prefixes[4];

static inline const char *
dokus_val_prefix (const xmlNode *n)
{
  /* the index knows every element's namespace */
  if (n != NULL && n->type == XML_ELEMENT_NODE && n->_private != NULL)
    return dokus_val_prefixes[((const DokusValNodeRec *) n->_private)->kind];
  return dokus_val_prefix_of (n);
}

/* ---- Values ------------------------------------------------------------- */

/* XPath string(): the concatenated text of @n, as written (not trimmed).
 * NULL if @n is NULL. */
const char *dokus_val_text (DokusValCtx *v, const xmlNode *n);

/* XPath normalize-space(): @n's text with leading/trailing whitespace
 * removed and inner runs collapsed to one space. NULL if @n is NULL. */
const char *dokus_val_norm (DokusValCtx *v, const xmlNode *n);

/* dokus_val_text / dokus_val_norm of dokus_val_first (@ctx, @path). */
const char *dokus_val_text_at (DokusValCtx *v, const xmlNode *ctx, const char *path);
const char *dokus_val_norm_at (DokusValCtx *v, const xmlNode *ctx, const char *path);

/* XPath "(path) != ''": true if some node matching @path has a non-empty
 * string value. */
bool dokus_val_nonempty (DokusValCtx *v, const xmlNode *ctx, const char *path);

/* The value of attribute @name (no namespace) of @n, or NULL when absent
 * or @n is NULL. */
const char *dokus_val_attr (DokusValCtx *v, const xmlNode *n, const char *name);

/* true if the normalized text of @n equals @s. NULL @n: false. */
bool dokus_val_norm_eq (DokusValCtx *v, const xmlNode *n, const char *s);

/* ---- Exact decimals (xs:decimal) ---------------------------------------- */

/* Fixed point with DOKUS_VAL_DEC_SCALE decimals in 128 bits: enough for any
 * amount, percent or quantity of a real invoice; values with more decimals
 * are refused by the parser (the rule then treats the value as not a number). */
#define DOKUS_VAL_DEC_SCALE 12
typedef struct { __int128 v; } DokusValDec;

/* Parses xs:decimal lexical form (leading/trailing whitespace allowed, an
 * optional sign, digits with an optional '.'; no exponent). false if not a
 * decimal (empty, NaN, "1e3", more than DOKUS_VAL_DEC_SCALE decimals or too
 * large). */
bool dokus_val_dec_parse (const char *text, DokusValDec *out);

/* dokus_val_dec_parse of @n's text; false if @n is NULL or not a decimal. */
bool dokus_val_dec_of (DokusValCtx *v, const xmlNode *n, DokusValDec *out);
bool dokus_val_dec_at (DokusValCtx *v, const xmlNode *ctx, const char *path, DokusValDec *out);

DokusValDec dokus_val_dec_int (int64_t i);
DokusValDec dokus_val_dec_add (DokusValDec a, DokusValDec b);
DokusValDec dokus_val_dec_sub (DokusValDec a, DokusValDec b);
/* a × b, exact to DOKUS_VAL_DEC_SCALE decimals (truncated beyond). */
DokusValDec dokus_val_dec_mul (DokusValDec a, DokusValDec b);
/* a / b truncated to DOKUS_VAL_DEC_SCALE decimals; b must not be 0. */
DokusValDec dokus_val_dec_div (DokusValDec a, DokusValDec b);
int dokus_val_dec_cmp (DokusValDec a, DokusValDec b);
bool dokus_val_dec_is_zero (DokusValDec a);
/* XPath round(a × 100) div 100: two decimals, half towards +infinity. */
DokusValDec dokus_val_dec_round2 (DokusValDec a);
/* XPath round(a): an integer, half towards +infinity. */
DokusValDec dokus_val_dec_round0 (DokusValDec a);
/* Number of digits after '.' in @text as written (XPath
 * string-length(substring-after(text, '.'))); 0 without '.' or NULL. */
size_t dokus_val_decimals (const char *text);

/* ---- Reporting ---------------------------------------------------------- */

/* Reports that @rule fails at @at (NULL: the root), with the flag and
 * message of the rule table. Each call is one finding. */
void dokus_val_report (DokusValCtx *v, const char *rule, const xmlNode *at);

/* The same with a message of the check's own (the structure check says
 * which element it expected); printf-style. */
void dokus_val_report_msg (DokusValCtx *v, const char *rule, const xmlNode *at,
                           const char *format, ...)
#if defined(__GNUC__)
  __attribute__ ((format (printf, 4, 5)))
#endif
  ;

/* The structure check (dokus-validate-structure.c), run by the engine
 * before the rule families when DOKUS_UBL_VALIDATE_STRUCTURE is set. */
void dokus_val_check_structure (DokusValCtx *v);

/* Per-document data a family computes once and shares between its rules
 * (e.g. the VAT categories of every line): zeroed arena memory of @size
 * bytes for @key (the address of a static of the family), the same block
 * on every call during one document; *@fresh is true on the first call.
 * NULL on OOM. At most 32 keys per document (beyond, each call gets a
 * fresh block: still correct, no longer shared). */
void *dokus_val_cache (DokusValCtx *v, const void *key, size_t size, bool *fresh);

/* Helper for families: the allocation arena of the current document
 * (zeroed memory, freed with the context); NULL only on OOM, which the
 * engine then reports as an error. */
void *dokus_val_alloc (DokusValCtx *v, size_t size);

/* Generated from rules/ by embed-rules.c. */
extern const char dokus_val_release[];
extern const DokusValRuleMeta dokus_val_rule_rows[];
extern const size_t dokus_val_n_rule_rows;

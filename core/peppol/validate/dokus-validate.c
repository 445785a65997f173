/* dokus-validate.c
 *
 * The validator's engine: parses the document once with libxml2 under the
 * hostile-input limits (size, depth, no DOCTYPE hence no entities, no
 * network), checks that the root is a UBL 2.1 Invoice or CreditNote, then
 * runs every rule family of dokus-validate-families.c whose rule set is
 * asked for. Also the rule-table lookups and the coverage counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "../dokus-ubl-read-private.h"
#include "../dokus-xml-in-private.h"
#include "dokus-validate-ctx-private.h"

#define NS_INVOICE "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
#define NS_CREDIT_NOTE "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"

/* ---- rule tables ------------------------------------------------------ */

static int
compare_id (const void *key, const void *row)
{
  return strcmp ((const char *) key, ((const DokusValRuleMeta *) row)->id);
}

const DokusValRuleMeta *
dokus_val_rule_meta (const char *id)
{
  return bsearch (id, dokus_val_rule_rows, dokus_val_n_rule_rows, sizeof dokus_val_rule_rows[0],
                  compare_id);
}

const DokusValRuleMeta *
dokus_val_rule_table (size_t *n)
{
  *n = dokus_val_n_rule_rows;
  return dokus_val_rule_rows;
}

unsigned
dokus_val_source_bit (const char *source)
{
  if (strcmp (source, "UBL") == 0)
    return DOKUS_UBL_VALIDATE_STRUCTURE;
  if (strcmp (source, "EN16931") == 0)
    return DOKUS_UBL_VALIDATE_EN16931;
  if (strcmp (source, "PEPPOL") == 0)
    return DOKUS_UBL_VALIDATE_PEPPOL;
  return 0;
}

const char *
dokus_ubl_validate_release (void)
{
  return dokus_val_release;
}

bool
dokus_ubl_validate_implements (const char *id)
{
  for (size_t f = 0; f < dokus_val_n_families; f++)
    {
      const DokusValFamily *fam = dokus_val_families[f];
      for (size_t r = 0; r < fam->n_rules; r++)
        if (strcmp (fam->rules[r].rule, id) == 0)
          return dokus_val_rule_meta (id) != NULL;
    }
  return false;
}

void
dokus_ubl_validate_coverage (size_t *implemented, size_t *total)
{
  size_t done = 0;
  for (size_t i = 0; i < dokus_val_n_rule_rows; i++)
    if (dokus_ubl_validate_implements (dokus_val_rule_rows[i].id))
      done++;
  if (implemented)
    *implemented = done;
  if (total)
    *total = dokus_val_n_rule_rows;
}

/* ---- parsing ------------------------------------------------------------ */

typedef struct {
  startElementNsSAX2Func start;
  endElementNsSAX2Func   end;
  int                    depth;
  bool                   too_deep;
  bool                   doctype;
  int                    line;
  char                   element[80];
} ParseGuard;

static void
guard_start (void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
             int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
             const xmlChar **attributes)
{
  xmlParserCtxtPtr pctx = ctx;
  ParseGuard *g = pctx->_private;

  if (++g->depth > DOKUS_UBL_VALIDATE_MAX_DEPTH)
    {
      if (!g->too_deep)
        {
          g->too_deep = true;
          g->line = xmlSAX2GetLineNumber (ctx);
          snprintf (g->element, sizeof g->element, "%s%s%s", prefix ? (const char *) prefix : "",
                    prefix ? ":" : "", (const char *) localname);
        }
      xmlStopParser (pctx);
      return;
    }
  g->start (ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted,
            attributes);
}

static void
guard_end (void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
  xmlParserCtxtPtr pctx = ctx;
  ParseGuard *g = pctx->_private;
  if (g->too_deep || g->doctype)
    return; /* stopped: the element was never started */
  g->depth--;
  g->end (ctx, localname, prefix, uri);
}

/* A DOCTYPE is refused before any of its declarations is read: no
 * internal or external entity can be defined, so none can be expanded. */
static void
guard_internal_subset (void *ctx, const xmlChar *name, const xmlChar *external_id,
                       const xmlChar *system_id)
{
  xmlParserCtxtPtr pctx = ctx;
  ParseGuard *g = pctx->_private;
  (void) name;
  (void) external_id;
  (void) system_id;
  g->doctype = true;
  g->line = xmlSAX2GetLineNumber (ctx);
  xmlStopParser (pctx);
}

static xmlEntityPtr
guard_get_entity (void *ctx, const xmlChar *name)
{
  /* only the five predefined entities exist without a DTD */
  (void) ctx;
  return xmlGetPredefinedEntity (name);
}

/* What libxml2 reports while the validator parses. Some errors (encoding
 * conversion, I/O) are raised without a parser context and would go to
 * stderr through the thread's generic handler, whatever XML_PARSE_NOERROR
 * says: a library must not print. They go to the reader's collector
 * instead (dokus_ubl_note_parser_error), the first one kept to be reported
 * (in the DokusError, or as a finding when the document still parsed). */
typedef DokusUblParseNote ParseNotes;

static void
ignore_generic_error_cb (void *data, const char *msg, ...)
{
  (void) data;
  (void) msg;
}

/* The refusals of either parser, worded for the validator's callers. */
static DokusStatus
refuse_doctype (int line, DokusError *err)
{
  return dokus_error_set (err, DOKUS_ERR_INVALID, "xml",
                          "line %d: a DOCTYPE is not allowed in a UBL document "
                          "(no DTDs, no entities)", line);
}

static DokusStatus
refuse_too_deep (int line, const char *element, DokusError *err)
{
  return dokus_error_set (err, DOKUS_ERR_INVALID, element,
                          "line %d: element %s is nested more than %d levels deep", line,
                          element, DOKUS_UBL_VALIDATE_MAX_DEPTH);
}

static DokusStatus
refuse_not_well_formed (int line, const char *element, const char *msg, const char *note,
                        DokusError *err)
{
  return dokus_error_set (err, DOKUS_ERR_INVALID, element[0] ? element : "xml",
                          "not well-formed XML at line %d%s%s: %s%s%s%s", line,
                          element[0] ? ", in element " : "", element, msg, note[0] ? " (" : "",
                          note, note[0] ? ")" : "");
}

/* Our own reader's tree (dokus-xml-in.c) in *@out; *@other_encoding (and
 * nothing else done) for a document not in UTF-8, which libxml2 reads. */
static DokusStatus
parse_own (const char *xml, size_t len, xmlDoc **out, bool *other_encoding, DokusError *err)
{
  static const DokusXmlInLimits limits = { DOKUS_UBL_VALIDATE_MAX_DEPTH, 0 };
  DokusXmlInError e;
  DokusXmlInResult r = dokus_xml_in_parse (xml, len, &limits, out, &e);

  *other_encoding = r == DOKUS_XML_IN_UNSUPPORTED;
  switch (r)
    {
    case DOKUS_XML_IN_OK:
    case DOKUS_XML_IN_UNSUPPORTED:
      return DOKUS_OK;
    case DOKUS_XML_IN_DOCTYPE:
      return refuse_doctype (e.line, err);
    case DOKUS_XML_IN_TOO_DEEP:
      return refuse_too_deep (e.line, e.element, err);
    case DOKUS_XML_IN_NOMEM:
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "xml", "out of memory parsing the document");
    default:
      return refuse_not_well_formed (e.line, e.element, e.message, "", err);
    }
}

static DokusStatus
parse_document (const char *xml, size_t len, xmlDoc **out, ParseNotes *notes, DokusError *err)
{
  xmlParserCtxtPtr pctx;
  ParseGuard guard = { 0 };
  DokusStatus st = DOKUS_OK;
  xmlGenericErrorFunc saved_generic;
  void *saved_generic_data, *saved_structured_data;
  xmlStructuredErrorFunc saved_structured;
  bool other_encoding;

  if (len > DOKUS_UBL_VALIDATE_MAX_BYTES)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "xml",
                            "document is %lu bytes, more than the limit of %lu bytes (10 MiB)",
                            (unsigned long) len, (unsigned long) DOKUS_UBL_VALIDATE_MAX_BYTES);
  if (len == 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "xml", "document is empty");
  /* UTF-8, nearly every document: our reader; others libxml2's */
  st = parse_own (xml, len, out, &other_encoding, err);
  if (!other_encoding)
    return st;

  pctx = xmlCreateMemoryParserCtxt (xml, (int) len);
  if (pctx == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "xml", "out of memory creating the parser");
  /* NOBLANKS drops whitespace-only text between elements (values stay as written) */
  xmlCtxtUseOptions (pctx, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT
                             | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  guard.start = pctx->sax->startElementNs;
  guard.end = pctx->sax->endElementNs;
  pctx->sax->startElementNs = guard_start;
  pctx->sax->endElementNs = guard_end;
  pctx->sax->internalSubset = guard_internal_subset;
  pctx->sax->externalSubset = NULL;
  pctx->sax->getEntity = guard_get_entity;
  pctx->sax->getParameterEntity = NULL;
  pctx->sax->resolveEntity = NULL;
  pctx->_private = &guard;

  /* the handlers are per thread in libxml2: saved and put back */
  saved_generic = xmlGenericError;
  saved_generic_data = xmlGenericErrorContext;
  saved_structured = xmlStructuredError;
  saved_structured_data = xmlStructuredErrorContext;
  xmlSetGenericErrorFunc (NULL, ignore_generic_error_cb);
  xmlSetStructuredErrorFunc (notes, dokus_ubl_note_parser_error);
  xmlParseDocument (pctx);
  xmlSetStructuredErrorFunc (saved_structured_data, saved_structured);
  xmlSetGenericErrorFunc (saved_generic_data, saved_generic);

  if (guard.doctype)
    st = refuse_doctype (guard.line, err);
  else if (guard.too_deep)
    st = refuse_too_deep (guard.line, guard.element, err);
  else if (!pctx->wellFormed || pctx->myDoc == NULL)
    {
      const xmlError *e = xmlCtxtGetLastError (pctx);
      char msg[160] = "not well-formed";
      if (e && e->message)
        {
          snprintf (msg, sizeof msg, "%s", e->message);
          msg[strcspn (msg, "\n")] = '\0';
        }
      st = refuse_not_well_formed (e ? e->line : 0, pctx->name ? (const char *) pctx->name : "",
                                   msg, notes->first, err);
    }
  if (st == DOKUS_OK)
    {
      *out = pctx->myDoc;
      pctx->myDoc = NULL;
    }
  else if (pctx->myDoc)
    {
      xmlFreeDoc (pctx->myDoc);
      pctx->myDoc = NULL;
    }
  xmlFreeParserCtxt (pctx);
  return st;
}

/* ---- validation ----------------------------------------------------------- */

/* The rule set bit of every bound rule (0 when no table lists it), looked
 * up once per process instead of once per document (a binary search and
 * three strcmp per rule were a tenth of the time). Stored + 1, 0: not
 * looked up yet; concurrent first uses store the same value: relaxed
 * atomics suffice. */
#define MAX_BOUND_RULES 4096
static _Atomic unsigned bound_bit[MAX_BOUND_RULES];

/* The rule set bit of rule @id (0: no table lists it). */
static unsigned
bit_of_rule (const char *id)
{
  const DokusValRuleMeta *m = dokus_val_rule_meta (id);
  return m ? dokus_val_source_bit (m->source) : 0;
}

/* bit_of_rule() of the rule bound at @slot, remembered. */
static DOKUS_VAL_NOINLINE unsigned
bind_rule (size_t slot, const char *id)
{
  unsigned b = bit_of_rule (id);
  if (slot < MAX_BOUND_RULES)
    atomic_store_explicit (&bound_bit[slot], b + 1, memory_order_relaxed);
  return b;
}

static inline unsigned
bit_of_bound (size_t slot, const char *id)
{
  unsigned b = slot < MAX_BOUND_RULES ? atomic_load_explicit (&bound_bit[slot], memory_order_relaxed) : 0;
  return b != 0 ? b - 1 : bind_rule (slot, id);
}

/* *@out gets the root of @doc if it is a UBL 2.1 Invoice or CreditNote;
 * DOKUS_ERR_INVALID otherwise. */
static DokusStatus
find_ubl_root (xmlDoc *doc, const xmlNode **out, DokusError *err)
{
  const xmlNode *root = xmlDocGetRootElement (doc);
  const char *href = root && root->ns && root->ns->href ? (const char *) root->ns->href : "";

  *out = root;
  if (root != NULL
      && ((strcmp ((const char *) root->name, "Invoice") == 0 && strcmp (href, NS_INVOICE) == 0)
          || (strcmp ((const char *) root->name, "CreditNote") == 0
              && strcmp (href, NS_CREDIT_NOTE) == 0)))
    return DOKUS_OK;
  return dokus_error_set (err, DOKUS_ERR_INVALID, root ? (const char *) root->name : "xml",
                   "root element %s%s%s is not a UBL 2.1 Invoice or CreditNote",
                   root ? (const char *) root->name : "(none)", *href ? " in " : "", href);
}

DokusStatus
dokus_val_validate_doc (xmlDoc *doc, const char *parser_note, unsigned sets,
                        DokusUblReport **out, DokusError *err)
{
  DokusValCtx v = { 0 };
  const xmlNode *root;
  DokusStatus st;

  assert (doc != NULL && out != NULL);
  if ((st = find_ubl_root (doc, &root, err)) != DOKUS_OK)
    return st;

  v.doc = doc;
  v.root = root;
  v.credit_note = strcmp ((const char *) root->name, "CreditNote") == 0;
  v.walk_together = sets == DOKUS_UBL_VALIDATE_ALL;
  v.report = calloc (1, sizeof *v.report);
  if (v.report == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "xml", "out of memory");
  v.report->doctype = v.credit_note ? "CreditNote" : "Invoice";
  /* without the index (out of memory) descendant walks fall back to the tree */
  if (!dokus_val_index_build (&v))
    v.n_buckets = 0;
  /* the parser complained but the document still parsed: say so, as a
   * warning of the structure check (a fatal error stops the parse) */
  if (parser_note != NULL && parser_note[0] != '\0' && (sets & DOKUS_UBL_VALIDATE_STRUCTURE) != 0)
    {
      char message[200];
      snprintf (message, sizeof message, "XML parser: %s", parser_note);
      dokus_val_add_finding (&v, "UBL-XSD", "warning", NULL, message);
    }

  for (size_t f = 0, slot = 0; f < dokus_val_n_families; f++)
    {
      const DokusValFamily *fam = dokus_val_families[f];
      for (size_t r = 0; r < fam->n_rules; r++, slot++)
        {
          size_t quiet = fam->quiet != NULL ? fam->quiet (&v, r) : 0;
          if (quiet > 0)
            {
              /* rules r .. r + quiet - 1 would report nothing */
              r += quiet - 1;
              slot += quiet - 1;
              continue;
            }
          /* a rule no table lists has no bit: never run */
          if ((bit_of_bound (slot, fam->rules[r].rule) & sets) == 0)
            continue;
          /* the family's own string (equal to its rule row's id): a group compares
           * it with its table's by pointer first */
          fam->rules[r].check (&v, fam->rules[r].rule);
        }
    }

  dokus_val_index_clear (&v);
  dokus_val_arena_free (&v);
  if (v.report->oom)
    {
      dokus_ubl_report_free (v.report);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "xml", "out of memory while validating");
    }
  *out = v.report;
  return DOKUS_OK;
}

DokusStatus
dokus_ubl_validate_with (const char *xml, size_t len, unsigned sets, DokusUblReport **out,
                         DokusError *err)
{
  ParseNotes notes = { "" };
  xmlDoc *doc = NULL;
  DokusStatus st;

  assert (xml != NULL || len == 0);
  assert (out != NULL);
  if (len > INT_MAX)
    len = (size_t) INT_MAX; /* above the limit anyway: refused below */
  st = parse_document (xml, len, &doc, &notes, err);
  if (st != DOKUS_OK)
    return st;
  st = dokus_val_validate_doc (doc, notes.first, sets, out, err);
  dokus_xml_doc_free (doc);
  return st;
}

DokusStatus
dokus_ubl_validate (const char *xml, size_t len, DokusUblReport **out, DokusError *err)
{
  return dokus_ubl_validate_with (xml, len, DOKUS_UBL_VALIDATE_ALL, out, err);
}

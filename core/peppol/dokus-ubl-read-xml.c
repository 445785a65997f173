/* dokus-ubl-read-xml.c
 *
 * The guarded door of the UBL reader: received documents are hostile
 * until proven otherwise, so libxml2 parses them with no network
 * (XML_PARSE_NONET), no DTD loading, no entity substitution and no
 * messages of its own on stderr, and two SAX hooks stop it early: one at a
 * DOCTYPE, before any entity can be declared (billion laughs, XXE), one
 * when elements nest deeper than DOKUS_UBL_MAX_DEPTH or outnumber
 * DOKUS_UBL_MAX_ELEMENTS (10 MiB of "<a/>" would be 300 MB of tree).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "dokus-ubl-read-private.h"
#include "dokus-xml-in-private.h"

typedef struct {
  startElementNsSAX2Func start;
  endElementNsSAX2Func   end;
  int                    depth;
  long                   elements;
  bool                   too_deep, too_many, doctype;
} Guard;

static void
doctype_seen_cb (void *ctx, const xmlChar *name, const xmlChar *external_id,
                 const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  Guard *g = ctxt->_private;

  (void) name;
  (void) external_id;
  (void) system_id;
  g->doctype = true;
  xmlStopParser (ctxt);
}

static void
element_started_cb (void *ctx, const xmlChar *localname, const xmlChar *prefix,
                    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
  xmlParserCtxtPtr ctxt = ctx;
  Guard *g = ctxt->_private;

  if (++g->depth > DOKUS_UBL_MAX_DEPTH || ++g->elements > DOKUS_UBL_MAX_ELEMENTS)
    {
      g->too_deep = g->depth > DOKUS_UBL_MAX_DEPTH;
      g->too_many = !g->too_deep;
      xmlStopParser (ctxt);
      return;
    }
  g->start (ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted,
            attributes);
}

static void
element_ended_cb (void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
  xmlParserCtxtPtr ctxt = ctx;
  Guard *g = ctxt->_private;

  g->depth--;
  g->end (ctx, localname, prefix, uri);
}

/* libxml2 reports some errors (encoding conversion) through its generic
 * handler, on stderr by default, whatever XML_PARSE_NOERROR says: a
 * library must not print, so they go here while we parse. */
static void
ignore_generic_error_cb (void *ctx, const char *msg, ...)
{
  (void) ctx;
  (void) msg;
}

void
dokus_ubl_note_parser_error (void *data, xmlErrorPtr e)
{
  DokusUblParseNote *note = data;
  size_t n;

  if (note->first[0] != '\0' || e == NULL || e->ctxt != NULL || e->message == NULL)
    return;
  snprintf (note->first, sizeof note->first, "%s%s",
            e->domain == XML_FROM_I18N ? "encoding error: "
            : e->domain == XML_FROM_IO ? "I/O error: "
                                       : "",
            e->message);
  n = strlen (note->first);
  while (n > 0 && (note->first[n - 1] == '\n' || note->first[n - 1] == ' '))
    note->first[--n] = '\0';
}

/* libxml2's own message, without its trailing newline. */
static DokusStatus
report_parse_error (xmlParserCtxtPtr ctxt, DokusError *err)
{
  const xmlError *e = xmlCtxtGetLastError (ctxt);
  char msg[200] = "not well-formed";
  size_t n;
  int line = 0;

  if (e != NULL && e->message != NULL)
    {
      snprintf (msg, sizeof msg, "%s", e->message);
      line = e->line;
    }
  n = strlen (msg);
  while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
    msg[--n] = '\0';
  if (line > 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "xml", "not well-formed XML, line %d: %s",
                            line, msg);
  return dokus_error_set (err, DOKUS_ERR_INVALID, "xml", "not well-formed XML: %s", msg);
}

/* A refusal of either parser, worded for the reader's callers. */
static DokusStatus
refuse (DokusXmlInResult r, const DokusXmlInError *e, DokusError *err)
{
  switch (r)
    {
    case DOKUS_XML_IN_DOCTYPE:
      return dokus_error_set (err, DOKUS_ERR_INVALID, "DOCTYPE",
                              "DOCTYPE: a document type declaration is refused (UBL has none;"
                              " entities could expand or read local files)");
    case DOKUS_XML_IN_TOO_DEEP:
      return dokus_error_set (err, DOKUS_ERR_INVALID, "xml", "elements nest deeper than %d levels",
                              DOKUS_UBL_MAX_DEPTH);
    case DOKUS_XML_IN_TOO_MANY:
      return dokus_error_set (err, DOKUS_ERR_INVALID, "xml",
                              "more than %d elements (a tree that large would take hundreds of MB)",
                              DOKUS_UBL_MAX_ELEMENTS);
    case DOKUS_XML_IN_NOMEM:
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    default:
      return dokus_error_set (err, DOKUS_ERR_INVALID, "xml", "not well-formed XML, line %d: %s%s%s",
                              e->line, e->message, e->element[0] ? ", in element " : "",
                              e->element);
    }
}

/* The tree of our own reader (dokus-xml-in.c); *@other_encoding (and
 * nothing else done) for a document in another encoding than UTF-8, which
 * libxml2 reads. */
static DokusStatus
parse_own (const char *xml, size_t len, void **out, bool *other_encoding, DokusError *err)
{
  static const DokusXmlInLimits limits = { DOKUS_UBL_MAX_DEPTH, DOKUS_UBL_MAX_ELEMENTS };
  DokusXmlInError e;
  xmlDoc *doc = NULL;
  DokusXmlInResult r = dokus_xml_in_parse (xml, len, &limits, &doc, &e);

  *other_encoding = r == DOKUS_XML_IN_UNSUPPORTED;
  if (r == DOKUS_XML_IN_OK)
    *out = doc;
  return r == DOKUS_XML_IN_OK || *other_encoding ? DOKUS_OK : refuse (r, &e, err);
}

DokusStatus
dokus_ubl_parse_xml (const char *xml, size_t len, void **out, DokusUblParseNote *note,
                     DokusError *err)
{
  /* no NOENT (entities stay references), no DTDLOAD/DTDATTR/DTDVALID,
   * no HUGE (libxml2's own text and name limits stay on) */
  const int options = XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOCDATA
                      | XML_PARSE_COMPACT | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  Guard g = { 0 };
  xmlGenericErrorFunc saved_handler;
  void *saved_context, *saved_structured_data;
  xmlStructuredErrorFunc saved_structured;
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  DokusStatus st = DOKUS_OK;
  bool other_encoding;

  *out = NULL;
  if (note != NULL)
    note->first[0] = '\0';
  if (xml == NULL || len == 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "xml", "the document is empty");
  if (len > DOKUS_UBL_MAX_BYTES)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "xml",
                            "the document has %lu bytes: more than the %lu accepted (10 MiB)",
                            (unsigned long) len, (unsigned long) DOKUS_UBL_MAX_BYTES);
  /* UTF-8, nearly every document: our reader; others libxml2's */
  st = parse_own (xml, len, out, &other_encoding, err);
  if (!other_encoding)
    return st;
  ctxt = xmlCreateMemoryParserCtxt (xml, (int) len);
  if (ctxt == NULL || ctxt->sax == NULL)
    {
      xmlFreeParserCtxt (ctxt);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  xmlCtxtUseOptions (ctxt, options);
  g.start = ctxt->sax->startElementNs;
  g.end = ctxt->sax->endElementNs;
  ctxt->_private = &g;
  ctxt->sax->internalSubset = doctype_seen_cb;
  ctxt->sax->startElementNs = element_started_cb;
  ctxt->sax->endElementNs = element_ended_cb;
  /* nothing to resolve: a DOCTYPE stops the parser before any entity */
  ctxt->sax->externalSubset = NULL;

  /* the handler is per thread in libxml2: saved and put back */
  saved_handler = xmlGenericError;
  saved_context = xmlGenericErrorContext;
  saved_structured = xmlStructuredError;
  saved_structured_data = xmlStructuredErrorContext;
  xmlSetGenericErrorFunc (NULL, ignore_generic_error_cb);
  if (note != NULL)
    xmlSetStructuredErrorFunc (note, dokus_ubl_note_parser_error);
  xmlParseDocument (ctxt);
  if (note != NULL)
    xmlSetStructuredErrorFunc (saved_structured_data, saved_structured);
  xmlSetGenericErrorFunc (saved_context, saved_handler);
  doc = ctxt->myDoc;
  ctxt->myDoc = NULL;
  if (g.doctype)
    st = refuse (DOKUS_XML_IN_DOCTYPE, NULL, err);
  else if (g.too_deep)
    st = refuse (DOKUS_XML_IN_TOO_DEEP, NULL, err);
  else if (g.too_many)
    st = refuse (DOKUS_XML_IN_TOO_MANY, NULL, err);
  else if (doc == NULL || !ctxt->wellFormed)
    st = report_parse_error (ctxt, err);
  else if (doc->intSubset != NULL || doc->extSubset != NULL)
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "DOCTYPE",
                          "DOCTYPE: a document type declaration is refused");
  if (st != DOKUS_OK)
    xmlFreeDoc (doc);
  else
    *out = doc;
  xmlFreeParserCtxt (ctxt);
  return st;
}

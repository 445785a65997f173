/* dokus-xml-in-private.h
 *
 * Our own XML reader for UBL documents, received or exported: a strict
 * XML 1.0 + Namespaces parser of UTF-8 input that builds libxml2's public
 * tree structures (xmlDoc, xmlNode, xmlAttr, xmlNs) in one arena, so that
 * the validator and the reader walk it as they walk a tree of libxml2's.
 * It reads what libxml2's xmlParseDocument() reads with XML_PARSE_NONET |
 * XML_PARSE_NOBLANKS | XML_PARSE_NOCDATA, into the same tree shape:
 *
 * - a text node per run of character data, references and CDATA sections
 *   (coalesced, line ends normalised to LF, the five predefined entities
 *   and character references replaced); whitespace-only runs between
 *   elements are dropped as libxml2's NOBLANKS drops them;
 * - an attribute's value as one text child (tab, LF and CR as spaces);
 * - xmlns declarations as the element's nsDef, names with an unbound
 *   prefix kept whole ("p:Name") with no namespace, as libxml2 keeps them;
 * - comments and processing instructions as nodes.
 *
 * It refuses, naming the line: bytes that are not UTF-8 or not XML
 * characters, malformed markup, mismatched tags, undefined entities, a
 * DOCTYPE (before anything in it is read: no entity is ever declared),
 * nesting deeper or elements more than the caller's limits. A document in
 * another encoding (an encoding declaration other than UTF-8, a UTF-16
 * byte order mark) is DOKUS_XML_IN_UNSUPPORTED: the caller parses it with
 * libxml2 instead (dokus-ubl-read-xml.c).
 *
 * An element's `extra` field holds the length of its name + 1 (0 when
 * the name is 65 534 bytes or longer): libxml2 leaves it 0, so a reader
 * may take a non-zero one as the length.
 *
 * Names are interned per document: two elements of the same name share
 * one name pointer, and dokus_xml_name_exists() finds it, as
 * xmlDictExists() finds the names of a libxml2 document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

typedef struct {
  unsigned      max_depth;    /* an element deeper than this is refused (root: 1) */
  unsigned long max_elements; /* more elements than this are refused; 0: no limit */
} DokusXmlInLimits;

typedef enum {
  DOKUS_XML_IN_OK = 0,
  DOKUS_XML_IN_NOT_WELL_FORMED, /* DokusXmlInError says where and what */
  DOKUS_XML_IN_DOCTYPE,         /* a DOCTYPE: refused before it is read */
  DOKUS_XML_IN_TOO_DEEP,        /* DokusXmlInError.element names the element */
  DOKUS_XML_IN_TOO_MANY,        /* more elements than limits->max_elements */
  DOKUS_XML_IN_UNSUPPORTED,     /* not UTF-8: parse with libxml2 */
  DOKUS_XML_IN_NOMEM,
} DokusXmlInResult;

typedef struct {
  int  line;          /* 1-based line of the problem (0: unknown) */
  char element[80];   /* qualified name of the element being read; "" outside */
  char message[200];  /* what is wrong, without the line */
} DokusXmlInError;

/* Parses the @len bytes at @xml (not NUL-terminated; a NUL byte is not an
 * XML character) into *@out (transfer full: dokus_xml_doc_free()).
 * @limits NULL: depth 256 and no element limit. @e (may be NULL) is
 * filled on any result but DOKUS_XML_IN_OK. *@out is NULL on failure. */
DokusXmlInResult dokus_xml_in_parse (const char *xml, size_t len, const DokusXmlInLimits *limits,
                                     xmlDoc **out, DokusXmlInError *e);

/* true when @doc was built by dokus_xml_in_parse(). */
bool dokus_xml_in_owns (const xmlDoc *doc);

/* Frees @doc, built by dokus_xml_in_parse() or by libxml2; NULL does
 * nothing. */
void dokus_xml_doc_free (xmlDoc *doc);

/* The interned name of @doc spelt as the @len bytes at @name (not
 * NUL-terminated), or NULL when no element or attribute of @doc has that
 * name: xmlDictExists() for a document of libxml2's. Ownership: none, the
 * pointer lives as long as @doc. */
const xmlChar *dokus_xml_name_exists (const xmlDoc *doc, const char *name, size_t len);

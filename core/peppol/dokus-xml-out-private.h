/* dokus-xml-out-private.h
 *
 * A small streaming XML writer for the UBL writer (dokus-ubl-writer.c):
 * elements written straight into one growing buffer, in document order,
 * with the bytes libxml2's xmlDocDumpFormatMemoryEnc (format 1, "UTF-8")
 * gives for the same tree: the XML declaration, two spaces of indent a
 * level, an element with a text on one line, an element without children
 * as "<x/>", text escaped as & < > and CR, attribute values as & < > " and
 * TAB, LF, CR; other bytes (UTF-8 included) as they are. No tree, no
 * copies: docs/peppol.md, "Writer".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#define DOKUS_XML_OUT_MAX_DEPTH 16

typedef struct {
  char       *data;     /* NUL-terminated after dokus_xml_out_finish() */
  size_t      len, cap;
  unsigned    depth;    /* elements open */
  bool        in_tag;   /* the last start tag still takes attributes */
  bool        in_text;  /* the innermost open element holds a text */
  bool        failed;   /* out of memory: everything after is dropped */
  struct {
    const char *prefix, *name; /* of each open element; prefix NULL: none */
    size_t      prefix_len, name_len;
  } open[DOKUS_XML_OUT_MAX_DEPTH];
} DokusXmlOut;

/* Starts @x with room for @cap bytes and writes the XML declaration.
 * false when out of memory (dokus_xml_out_clear() @x all the same). */
bool dokus_xml_out_init (DokusXmlOut *x, size_t cap);

/* Opens the element @prefix:@name (@prefix NULL: none). Both are kept,
 * not copied, until the element ends: literals. */
void dokus_xml_out_start (DokusXmlOut *x, const char *prefix, const char *name);

/* An attribute of the element just opened (before its text or children),
 * @value escaped. */
void dokus_xml_out_attr (DokusXmlOut *x, const char *name, const char *value);

/* The text of the element just opened, escaped; "" gives <x></x>. */
void dokus_xml_out_text (DokusXmlOut *x, const char *text);

/* Room for @len bytes of text of the element just opened, to be filled
 * by the caller with bytes that need no escaping (base64); their offset in
 * the buffer in *@offset. NULL when out of memory. */
char *dokus_xml_out_reserve_text (DokusXmlOut *x, size_t len, size_t *offset);

/* Ends the innermost open element. */
void dokus_xml_out_end (DokusXmlOut *x);

/* Closes @x (every element ended) and hands out its bytes, NUL-terminated
 * (transfer full: free()), @x emptied; NULL when out of memory. */
char *dokus_xml_out_finish (DokusXmlOut *x, size_t *len);

/* Frees what @x holds; NULL does nothing. */
void dokus_xml_out_clear (DokusXmlOut *x);

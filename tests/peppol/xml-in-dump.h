/* xml-in-dump.h
 *
 * The differential judge of our XML reader (core/peppol/dokus-xml-in.c):
 * libxml2 parses the same bytes the way the product does today
 * (dokus-ubl-read-xml.c: NONET | NOBLANKS | NOCDATA | COMPACT, a DOCTYPE
 * refused at its internalSubset hook, depth and element guards, no
 * messages), and both trees are written out by one canonical dump to be
 * compared as strings. Shared by tests/peppol/check-xml-in.c and the
 * libFuzzer target tests/fuzz/fuzz-xml-in.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "dokus-xml-in-private.h"

/* The limits of the product's reader (DOKUS_UBL_MAX_DEPTH,
 * DOKUS_UBL_MAX_ELEMENTS), for a differential run as the product runs. */
extern const DokusXmlInLimits xml_in_product_limits;

/* libxml2's verdict on @len bytes at @xml, parsed as the product parses
 * them, with @limits (NULL: depth 256, no element limit) enforced by SAX
 * hooks as dokus-ubl-read-xml.c enforces its own: DOKUS_XML_IN_OK (and
 * *@out, transfer full: xmlFreeDoc()), DOKUS_XML_IN_NOT_WELL_FORMED (and
 * libxml2's first error in @e), DOKUS_XML_IN_DOCTYPE, DOKUS_XML_IN_TOO_DEEP
 * or DOKUS_XML_IN_TOO_MANY. Empty input is not well-formed, as in the
 * product. @e may be NULL. */
DokusXmlInResult xml_in_ref_parse (const char *xml, size_t len, const DokusXmlInLimits *limits,
                                   xmlDoc **out, DokusXmlInError *e);

/* The canonical dump of @doc (transfer full: free()), one line a node in
 * document order, the depth first: element (namespace href and prefix,
 * name), its xmlns declarations, its attributes (namespace, name, value as
 * the concatenation of its text children, number of children), text,
 * comment and PI content with control bytes escaped; top-level nodes
 * included. A broken link (parent, prev, last, doc) is written as a line
 * "!! ..." so that it differs from libxml2's tree. NULL: out of memory. */
char *xml_in_dump (const xmlDoc *doc);

/* true when @xml says it is not UTF-8: a UTF-16 byte order mark, or an
 * XML declaration whose encoding is not UTF-8 (any case). */
bool xml_in_declares_other_encoding (const char *xml, size_t len);

/* true when @xml starts as UTF-16 or UCS-4 without a byte order mark
 * would (one NUL byte among the first two) or as EBCDIC (4C 6F A7 94):
 * libxml2 guesses those encodings, ours leaves them to libxml2. */
bool xml_in_looks_other_encoding (const char *xml, size_t len);

/* A short printable rendering of a verdict: "OK", "NOT_WELL_FORMED", ... */
const char *xml_in_result_name (DokusXmlInResult r);

typedef enum {
  XML_IN_AGREE,       /* same verdict and, when both accept, equal dumps */
  XML_IN_UNSUPPORTED, /* ours: another encoding, and the bytes say or look so */
  XML_IN_LIBXML2_QUIRK, /* libxml2 off the spec, ours on it: see xml_in_diff() */
  XML_IN_DISAGREE,    /* @why says how */
} XmlInDiff;

/* Parses @xml with libxml2 and with dokus_xml_in_parse() under @limits
 * and compares: both accept or both refuse (a DOCTYPE libxml2 saw must be
 * DOKUS_XML_IN_DOCTYPE for ours too); when both accept, equal dumps and
 * every element and attribute name found by dokus_xml_name_exists(); a
 * refusal of ours has no document and a message. Two quirks of libxml2
 * are XML_IN_LIBXML2_QUIRK, not disagreements: it takes a NUL byte for
 * the end of its input ("<a/>" NUL "junk" passes), ours refuses such
 * bytes; it keeps an '&' of a namespace name written "&#38;" or "&amp;"
 * as "&#38;" (xmlns="a&amp;b" is "a&#38;b"), ours as "&". @why (@why_len bytes)
 * gets the first difference: the two verdicts, or the first differing
 * dump line of each. */
XmlInDiff xml_in_diff (const char *xml, size_t len, const DokusXmlInLimits *limits, char *why,
                       size_t why_len);

/* fuzz-xml-in.c
 *
 * libFuzzer differential target for our XML reader (core/peppol/
 * dokus-xml-in.c): any bytes go through it and through libxml2 parsing
 * them as the product does (tests/peppol/xml-in-dump.c), and it aborts
 * when they disagree: one accepts what the other refuses, a DOCTYPE seen
 * by libxml2 is not DOKUS_XML_IN_DOCTYPE for ours, the two trees' dumps
 * differ, or an interned name is not found. Inputs of odd length run
 * under small limits (depth 6, 40 elements) so that the limits are
 * fuzzed too; even ones under the product's (depth 40, 500 000).
 *
 * XML_IN_FUZZ_SKIP_KNOWN=1 in the environment lets the disagreements
 * already reported and not fixed yet pass (known_issue()), to look for
 * others. Built and run by run-fuzz-xml-in.sh; the Check test
 * tests/peppol/check-xml-in.c replays tests/fuzz/corpus-xml-in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xml-in-dump.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

static bool skip_known;

/* The name of a disagreement reported to the parser's author and not
 * fixed yet, or NULL. */
static const char *
known_issue (const char *why)
{
  /* libxml2 ignores xmlns="XML namespace" and any binding of the xmlns
   * namespace (namespace errors); ours binds them */
  if (strncmp (why, "trees differ", 12) == 0
      && (strstr (why, "http://www.w3.org/2000/xmlns/") != NULL
          || (strstr (why, "{http://www.w3.org/XML/1998/namespace}") != NULL
              && strstr (why, "}xml:") == NULL)))
    return "reserved namespace declared";
  /* "<xml:e/>": libxml2 binds the xml prefix of an element, ours does not */
  if (strncmp (why, "trees differ", 12) == 0 && strstr (why, "ours:    ") != NULL
      && strstr (strstr (why, "ours:    "), "element {}xml:") != NULL)
    return "xml prefix on an element";
  return NULL;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  const char *v = getenv ("XML_IN_FUZZ_SKIP_KNOWN");

  (void) argc;
  (void) argv;
  skip_known = v != NULL && strcmp (v, "1") == 0;
  xmlInitParser ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const DokusXmlInLimits small = { 6, 40 };
  char why[2048];
  XmlInDiff d = xml_in_diff ((const char *) data, size,
                             size % 2 ? &small : &xml_in_product_limits, why, sizeof why);

  if (d == XML_IN_DISAGREE && !(skip_known && known_issue (why) != NULL))
    {
      fprintf (stderr, "fuzz-xml-in: %lu bytes, limits %s: %s\n", (unsigned long) size,
               size % 2 ? "small" : "product", why);
      abort ();
    }
  return 0;
}

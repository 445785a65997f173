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
 * Built and run by run-fuzz-xml-in.sh; the Check test
 * tests/peppol/check-xml-in.c replays tests/fuzz/corpus-xml-in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "xml-in-dump.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
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

  if (d == XML_IN_DISAGREE)
    {
      fprintf (stderr, "fuzz-xml-in: %lu bytes, limits %s: %s\n", (unsigned long) size,
               size % 2 ? "small" : "product", why);
      abort ();
    }
  return 0;
}

/* dokus-eas.c
 *
 * The Peppol electronic address scheme (EAS) code list and
 * dokus_eas_known(). Standards data, written out by us from Peppol BIS
 * Billing 3.0.21's rule PEPPOL-EN16931-CL008 (the schemes Peppol accepts
 * in an EndpointID). The validator's CL008 check uses this table (see
 * dokus-eas-private.h); its BR-CL-25 list (the wider CEF EAS list of
 * EN 16931 1.3.16) stays with the validator's other code lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-eas-private.h"
#include "dokus/dokus-ident.h"

/* The electronic address schemes Peppol BIS Billing 3.0.21 accepts for an
 * EndpointID (rule PEPPOL-EN16931-CL008): the CEF EAS list without the
 * codes Peppol does not route (EM, the e-mail address, was taken off in
 * 3.0.21; AN, AQ, AS, AU, 0037 and others are not on it). A participant
 * id must use one of these, or the invoice cannot be sent. Keep it sorted
 * by strcmp: it is searched with bsearch. */
#define EAS_CODES \
  "0002", "0007", "0009", "0060", "0088", "0096", "0097", "0106", "0130", "0135", "0142", "0151", \
  "0158", "0183", "0184", "0188", "0190", "0191", "0192", "0195", "0196", "0198", "0199", "0200", \
  "0201", "0204", "0208", "0209", "0210", "0211", "0216", "0218", "0221", "0225", "0230", "0235", \
  "0240", "0242", "0244", "0245", "0246", "0248", "9910", "9913", "9914", "9915", "9918", "9919", \
  "9920", "9922", "9923", "9924", "9925", "9926", "9927", "9928", "9929", "9930", "9931", "9932", \
  "9933", "9934", "9935", "9936", "9937", "9938", "9939", "9940", "9941", "9942", "9943", "9944", \
  "9945", "9946", "9947", "9948", "9949", "9950", "9951", "9952", "9953", "9957", "9959"

const char *const dokus_eas_codes[] = { EAS_CODES };

/* The header's declaration gives the array its size, and a shorter list
 * would silently end in NULLs: count the list itself. */
_Static_assert (sizeof ((const char *const[]) { EAS_CODES }) / sizeof (const char *)
                  == DOKUS_EAS_CODE_COUNT,
                "DOKUS_EAS_CODE_COUNT must be the number of codes in EAS_CODES");

static int
compare_code (const void *key, const void *element)
{
  return strcmp ((const char *) key, *(const char *const *) element);
}

bool
dokus_eas_known (const char *code)
{
  if (code == NULL)
    return false;
  return bsearch (code, dokus_eas_codes, DOKUS_EAS_CODE_COUNT, sizeof dokus_eas_codes[0],
                  compare_code)
         != NULL;
}

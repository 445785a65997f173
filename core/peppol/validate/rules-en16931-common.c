/* rules-en16931-common.c
 *
 * Helpers shared by the EN 16931 rule families.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dokus-validate-en16931-private.h"

bool
dv_scheme_is_vat (DokusValCtx *v, const xmlNode *n)
{
  for (const xmlNode *s = dokus_val_child (n, "cac:TaxScheme"); s;
       s = dokus_val_next (s, "cac:TaxScheme"))
    for (const xmlNode *id = dokus_val_child (s, "cbc:ID"); id; id = dokus_val_next (id, "cbc:ID"))
      {
        const char *t = dokus_val_norm (v, id);
        if (t && (t[0] == 'V' || t[0] == 'v') && (t[1] == 'A' || t[1] == 'a')
            && (t[2] == 'T' || t[2] == 't') && t[3] == '\0')
          return true;
      }
  return false;
}

const xmlNode *
dv_party_vat_id (DokusValCtx *v, const xmlNode *party)
{
  for (const xmlNode *p = dokus_val_child (party, "cac:PartyTaxScheme"); p;
       p = dokus_val_next (p, "cac:PartyTaxScheme"))
    if (dv_scheme_is_vat (v, p) && dokus_val_child (p, "cbc:CompanyID"))
      return dokus_val_child (p, "cbc:CompanyID");
  return NULL;
}

int
dv_charge_indicator (DokusValCtx *v, const xmlNode *ac)
{
  const char *t = dokus_val_norm_at (v, ac, "cbc:ChargeIndicator");
  if (t == NULL)
    return -1;
  if (strcmp (t, "true") == 0 || strcmp (t, "1") == 0)
    return 1;
  if (strcmp (t, "false") == 0 || strcmp (t, "0") == 0)
    return 0;
  return -1;
}

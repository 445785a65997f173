/* dokus-validate-read.c
 *
 * Reading and validating a received document with one parse
 * (dokus_ubl_read_validated): libxml2's tree is most of the cost of each,
 * so the reader's guarded parse builds it once, the reader reads it and
 * the validator's engine checks the same tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>

#include <libxml/tree.h>

#include "../dokus-ubl-read-private.h"
#include "../dokus-xml-in-private.h"
#include "dokus-validate-ctx-private.h"

DokusStatus
dokus_ubl_read_validated (const char *xml, size_t len, DokusPurchaseDoc **out_doc,
                          DokusUblReport **out_report, DokusError *err)
{
  DokusUblParseNote note;
  DokusPurchaseDoc *doc = NULL;
  void *parsed = NULL;
  DokusStatus st;

  assert (out_doc != NULL && out_report != NULL);
  *out_doc = NULL;
  *out_report = NULL;
  st = dokus_ubl_parse_xml (xml, len, &parsed, &note, err);
  if (st != DOKUS_OK)
    return st;
  /* the reader leaves the tree as it found it; the validator puts its
   * element index on the tree and takes it off again */
  st = dokus_ubl_read_tree (parsed, &doc, err);
  if (st == DOKUS_OK)
    st = dokus_val_validate_doc (parsed, note.first, DOKUS_UBL_VALIDATE_ALL, out_report, err);
  dokus_xml_doc_free (parsed);
  if (st != DOKUS_OK)
    {
      dokus_purchase_doc_free (doc);
      return st;
    }
  *out_doc = doc;
  return DOKUS_OK;
}

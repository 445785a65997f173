/* dokus-vat-return-xml.c
 *
 * The periodic VAT return as Intervat takes it: a VATConsignment holding
 * one VATDeclaration (declarant, period, the grids that are not zero, the
 * client listing's nihil flag and the requests for a refund and payment
 * forms), built with libxml2's tree API so that every text is escaped.
 * Element order and formats: docs/vat.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-client-listing-private.h"
#include "dokus-intervat-private.h"
#include "dokus-vat-return-private.h"
#include "dokus/dokus-book.h"
#include "dokus/dokus-vat-return.h"

#define VAT_NS "http://www.minfin.fgov.be/VATConsignment"

/* "YES" when this is the last return of its year and the year's client
 * listing is empty: the return then stands for the nil listing. */
static DokusStatus
listing_nihil (sqlite3 *db, const DokusPeriod *p, bool *out, DokusError *err)
{
  DokusClientListing l;
  DokusStatus st;

  *out = false;
  if (p->to.month != 12)
    return DOKUS_OK;
  st = dokus_client_listing_compute (db, p->to.year, &l, err);
  if (st == DOKUS_OK)
    *out = l.n_clients == 0;
  dokus_client_listing_clear (&l);
  return st;
}

static DokusStatus
build (sqlite3 *db, const DokusVatReturn *r, char **out_xml, DokusError *err)
{
  DokusIntervatDeclarant d;
  xmlDocPtr doc;
  xmlNodePtr root, decl, period, data, ask;
  xmlNsPtr ns, common;
  char text[16];
  bool ok = true, nihil = false;
  DokusStatus st = dokus_intervat_declarant_load (db, &d, err);

  if (st == DOKUS_OK)
    st = listing_nihil (db, &r->period, &nihil, err);
  if (st != DOKUS_OK)
    {
      dokus_intervat_declarant_clear (&d);
      return st;
    }
  doc = dokus_intervat_new_consignment ("VATConsignment", VAT_NS, "VATDeclarationsNbr",
                                        &root, &ns, &common, &ok);
  decl = ok ? xmlNewChild (root, ns, BAD_CAST "VATDeclaration", NULL) : NULL;
  if (decl == NULL || xmlNewProp (decl, BAD_CAST "SequenceNumber", BAD_CAST "1") == NULL)
    ok = false;
  dokus_intervat_add_declarant (decl, ns, common, &d, &ok);

  period = ok ? xmlNewChild (decl, ns, BAD_CAST "Period", NULL) : NULL;
  if (r->period.is_quarter)
    snprintf (text, sizeof text, "%d", (r->period.from.month + 2) / 3);
  else
    snprintf (text, sizeof text, "%02d", r->period.from.month);
  dokus_intervat_add_text (period, ns, r->period.is_quarter ? "Quarter" : "Month", text, &ok);
  snprintf (text, sizeof text, "%04d", (int) r->period.from.year);
  dokus_intervat_add_text (period, ns, "Year", text, &ok);

  /* Data and one Amount at least are required: 71 at 0.00 when nothing is
   * due either way; grids are positive amounts with two decimals */
  data = ok ? xmlNewChild (decl, ns, BAD_CAST "Data", NULL) : NULL;
  for (int n = 0; ok && n < DOKUS_VAT_GRIDS; n++)
    if (r->grid[n] != 0 || (n == 71 && r->grid[72] == 0))
      {
        char a[DOKUS_MONEY_TEXT];
        xmlNodePtr amount
          = dokus_intervat_add_text (data, ns, "Amount", dokus_cents_format (r->grid[n], a), &ok);
        snprintf (text, sizeof text, "%02d", n);
        if (amount != NULL && xmlNewProp (amount, BAD_CAST "GridNumber", BAD_CAST text) == NULL)
          ok = false;
      }
  dokus_intervat_add_text (decl, ns, "ClientListingNihil", nihil ? "YES" : "NO", &ok);
  ask = ok ? xmlNewChild (decl, ns, BAD_CAST "Ask", NULL) : NULL;
  if (ask == NULL || xmlNewProp (ask, BAD_CAST "Restitution", BAD_CAST "NO") == NULL
      || xmlNewProp (ask, BAD_CAST "Payment", BAD_CAST "NO") == NULL)
    ok = false;
  dokus_intervat_declarant_clear (&d);
  return dokus_intervat_dump_take (doc, ok, out_xml, err);
}

DokusStatus
dokus_vat_return_xml (DokusBook *book, const char *period, char **out_xml, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  DokusVatReturn *r;
  DokusStatus st;

  assert (book != NULL && out_xml != NULL);
  *out_xml = NULL;
  r = malloc (sizeof *r);
  if (r == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  st = dokus_vat_return_compute (db, period, r, err);
  if (st == DOKUS_OK && r->franchise)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "vat_regime",
                          "a book under the franchise scheme (art. 56bis WBTW) files no "
                          "periodic VAT return");
  if (st == DOKUS_OK)
    st = build (db, r, out_xml, err);
  free (r);
  return st;
}

/* dokus-client-listing-xml.c
 *
 * The annual client listing as Intervat takes it: a
 * ClientListingConsignment with one ClientListing (the declarant, the
 * year, one Client per listed VAT number), built with libxml2's tree API
 * so that every text is escaped. Structure in docs/vat.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "dokus-client-listing-private.h"
#include "dokus-intervat-private.h"
#include "dokus/dokus-book.h"
#include "dokus/dokus-vat-return.h"

#define LISTING_NS "http://www.minfin.fgov.be/ClientListingConsignment"

DokusStatus
dokus_client_listing_xml (DokusBook *book, int year, char **out_xml, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  DokusIntervatDeclarant d;
  DokusClientListing l;
  xmlDocPtr doc = NULL;
  xmlNodePtr root, listing;
  xmlNsPtr ns, common;
  char text[32];
  bool ok = true;
  DokusStatus st;

  assert (book != NULL && out_xml != NULL);
  *out_xml = NULL;
  st = dokus_client_listing_compute (db, year, &l, err);
  if (st != DOKUS_OK)
    return st;
  st = dokus_intervat_declarant_load (db, &d, err);
  if (st != DOKUS_OK)
    {
      dokus_client_listing_clear (&l);
      return st;
    }
  doc = dokus_intervat_new_consignment ("ClientListingConsignment", LISTING_NS, "ClientListingsNbr",
                                        &root, &ns, &common, &ok);

  listing = ok ? xmlNewChild (root, ns, BAD_CAST "ClientListing", NULL) : NULL;
  snprintf (text, sizeof text, "%u", (unsigned) l.n_clients);
  if (listing == NULL || xmlNewProp (listing, BAD_CAST "SequenceNumber", BAD_CAST "1") == NULL
      || xmlNewProp (listing, BAD_CAST "ClientsNbr", BAD_CAST text) == NULL)
    ok = false;
  dokus_intervat_set_amount_prop (listing, "TurnOverSum", l.turnover, &ok);
  dokus_intervat_set_amount_prop (listing, "VATAmountSum", l.vat, &ok);
  dokus_intervat_add_declarant (listing, ns, common, &d, &ok);
  snprintf (text, sizeof text, "%04d", year);
  dokus_intervat_add_text (listing, ns, "Period", text, &ok);
  for (size_t i = 0; ok && i < l.n_clients; i++)
    {
      const DokusListedClient *c = &l.clients[i];
      xmlNodePtr client = xmlNewChild (listing, ns, BAD_CAST "Client", NULL);
      xmlNodePtr number;
      char a[DOKUS_MONEY_TEXT];

      snprintf (text, sizeof text, "%u", (unsigned) (i + 1));
      if (client == NULL || xmlNewProp (client, BAD_CAST "SequenceNumber", BAD_CAST text) == NULL)
        {
          ok = false;
          break;
        }
      /* the number without its country prefix, the prefix in issuedBy */
      number = dokus_intervat_add_text (client, ns, "CompanyVATNumber", c->vat_number + 2, &ok);
      if (number != NULL && xmlNewProp (number, BAD_CAST "issuedBy", BAD_CAST "BE") == NULL)
        ok = false;
      dokus_intervat_add_text (client, ns, "TurnOver", dokus_cents_format (c->turnover, a), &ok);
      dokus_intervat_add_text (client, ns, "VATAmount", dokus_cents_format (c->vat, a), &ok);
    }
  dokus_client_listing_clear (&l);
  dokus_intervat_declarant_clear (&d);
  return dokus_intervat_dump_take (doc, ok, out_xml, err);
}

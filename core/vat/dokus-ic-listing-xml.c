/* dokus-ic-listing-xml.c
 *
 * The intra-Community listing as Intervat takes it: an IntraConsignment
 * with one IntraListing (the declarant, the month or quarter, one
 * IntraClient per customer VAT number and code), built from the JSON of
 * dokus_ic_listing() with libxml2's tree API. Structure in docs/vat.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-intervat-private.h"
#include "dokus-vat-return-private.h"
#include "dokus/dokus-book.h"
#include "dokus/dokus-vat-return.h"

#define INTRA_NS "http://www.minfin.fgov.be/IntraConsignment"

static const char *
str (const cJSON *o, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (o, key);
  return cJSON_IsString (v) ? v->valuestring : "";
}

/* Every line is a customer VAT number with its country prefix (issuing
 * refuses K and AE without one) and a positive amount: Intervat takes no
 * negative line; a customer whose credit notes outweigh the period's
 * supplies is corrected in the listing of the earlier period. */
static DokusStatus
check_lines (const cJSON *lines, const char *period, DokusError *err)
{
  const cJSON *line;

  /* NewICO-in_v0_9.xsd (IntraConsignment): IntraClient occurs at least once and
   * ClientsNbr is a positive integer: there is no empty listing to file */
  if (cJSON_GetArraySize (lines) == 0)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "period",
                            "%s has no intra-Community operations: there is no listing to file",
                            period);

  cJSON_ArrayForEach (line, lines)
    {
      const char *vat = str (line, "vat_number"), *amount = str (line, "amount");
      if (strlen (vat) < 3)
        return dokus_error_set (err, DOKUS_ERR_INVALID, "vat_number",
                                "a listing line has no customer VAT number");
      if (amount[0] == '-')
        return dokus_error_set (err, DOKUS_ERR_REFUSED, "period",
                                "the credit notes to %s (code %s) outweigh the period's supplies "
                                "(%s): correct the listing of the period of the original "
                                "invoices in Intervat instead",
                                vat, str (line, "code"), amount);
    }
  return DOKUS_OK;
}

DokusStatus
dokus_ic_listing_xml (DokusBook *book, const char *period_text, char **out_xml, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  DokusIntervatDeclarant d;
  DokusPeriod period;
  cJSON *json = NULL;
  const cJSON *lines, *line;
  xmlDocPtr doc = NULL;
  xmlNodePtr root, listing, p;
  xmlNsPtr ns, common;
  char *text_json = NULL, text[32];
  unsigned n = 0, seq = 0;
  bool ok = true;
  DokusStatus st;

  assert (book != NULL && out_xml != NULL);
  *out_xml = NULL;
  st = dokus_period_parse (period_text, "period", &period, err);
  if (st == DOKUS_OK)
    st = dokus_ic_listing (book, period_text, &text_json, err);
  if (st != DOKUS_OK)
    return st;
  json = cJSON_Parse (text_json);
  free (text_json);
  if (json == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  lines = cJSON_GetObjectItemCaseSensitive (json, "lines");
  st = check_lines (lines, period_text, err);
  if (st == DOKUS_OK)
    st = dokus_intervat_declarant_load (db, &d, err);
  if (st != DOKUS_OK)
    {
      cJSON_Delete (json);
      return st;
    }
  n = (unsigned) cJSON_GetArraySize (lines);

  doc = dokus_intervat_new_consignment ("IntraConsignment", INTRA_NS, "IntraListingsNbr",
                                        &root, &ns, &common, &ok);
  listing = ok ? xmlNewChild (root, ns, BAD_CAST "IntraListing", NULL) : NULL;
  snprintf (text, sizeof text, "%u", n);
  if (listing == NULL || xmlNewProp (listing, BAD_CAST "SequenceNumber", BAD_CAST "1") == NULL
      || xmlNewProp (listing, BAD_CAST "ClientsNbr", BAD_CAST text) == NULL
      || xmlNewProp (listing, BAD_CAST "AmountSum", BAD_CAST str (json, "total")) == NULL)
    ok = false;
  dokus_intervat_add_declarant (listing, ns, common, &d, &ok);
  p = ok ? xmlNewChild (listing, ns, BAD_CAST "Period", NULL) : NULL;
  if (period.is_quarter)
    snprintf (text, sizeof text, "%d", (period.from.month + 2) / 3);
  else
    snprintf (text, sizeof text, "%02d", period.from.month);
  dokus_intervat_add_text (p, ns, period.is_quarter ? "Quarter" : "Month", text, &ok);
  snprintf (text, sizeof text, "%04d", (int) period.from.year);
  dokus_intervat_add_text (p, ns, "Year", text, &ok);
  cJSON_ArrayForEach (line, lines)
    {
      const char *vat = str (line, "vat_number");
      xmlNodePtr client, number;
      char cc[3] = { vat[0], vat[1], '\0' };

      if (!ok)
        break;
      client = xmlNewChild (listing, ns, BAD_CAST "IntraClient", NULL);
      snprintf (text, sizeof text, "%u", ++seq);
      if (client == NULL || xmlNewProp (client, BAD_CAST "SequenceNumber", BAD_CAST text) == NULL)
        {
          ok = false;
          break;
        }
      /* the number without its country prefix, the prefix in issuedBy */
      number = dokus_intervat_add_text (client, ns, "CompanyVATNumber", vat + 2, &ok);
      if (number != NULL && xmlNewProp (number, BAD_CAST "issuedBy", BAD_CAST cc) == NULL)
        ok = false;
      dokus_intervat_add_text (client, ns, "Code", str (line, "code"), &ok);
      dokus_intervat_add_text (client, ns, "Amount", str (line, "amount"), &ok);
    }
  cJSON_Delete (json);
  dokus_intervat_declarant_clear (&d);
  return dokus_intervat_dump_take (doc, ok, out_xml, err);
}

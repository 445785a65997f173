/* dokus-client-listing.c
 *
 * The annual listing of Belgian VAT-registered clients (art. 53quinquies
 * WBTW, KB nr. 23): per client VAT number, the turnover and VAT of the
 * year's invoices minus its credit notes, for the clients above EUR 250.
 * The XML for Intervat is dokus-client-listing-xml.c; sources in
 * docs/vat.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-book-private.h"
#include "dokus-client-listing-private.h"
#include "dokus-json-input-private.h"
#include "dokus-vat-return-private.h"
#include "dokus/dokus-book.h"
#include "dokus/dokus-date.h"
#include "dokus/dokus-vat-return.h"

void
dokus_client_listing_clear (DokusClientListing *l)
{
  for (size_t i = 0; i < l->n_clients; i++)
    free (l->clients[i].name);
  free (l->clients);
  memset (l, 0, sizeof *l);
}

/* Appends the client being summed when it passes the threshold. */
static DokusStatus
close_client (DokusClientListing *l, DokusListedClient *c, DokusError *err)
{
  DokusListedClient *grown;

  if (c->vat_number[0] == '\0' || c->turnover <= DOKUS_CLIENT_LISTING_THRESHOLD_CENTS)
    {
      free (c->name);
      memset (c, 0, sizeof *c);
      return DOKUS_OK;
    }
  grown = realloc (l->clients, (l->n_clients + 1) * sizeof *grown);
  if (grown == NULL)
    {
      free (c->name);
      memset (c, 0, sizeof *c);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  l->clients = grown;
  l->clients[l->n_clients++] = *c;
  memset (c, 0, sizeof *c);
  if (__builtin_add_overflow (l->turnover, grown[l->n_clients - 1].turnover, &l->turnover)
      || __builtin_add_overflow (l->vat, grown[l->n_clients - 1].vat, &l->vat))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "year", "the listing's totals do not fit");
  return DOKUS_OK;
}

static DokusStatus
compute (sqlite3 *db, void *data, DokusError *err)
{
  DokusClientListing *l = data;
  DokusListedClient c = { 0 };
  char from[DOKUS_DATE_TEXT], to[DOKUS_DATE_TEXT];
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  int rc = sqlite3_prepare_v2 (
    db,
    "SELECT json_extract(d.buyer_json, '$.vat_number'), json_extract(d.buyer_json, '$.name'),"
    " d.type, json_extract(d.seller_json, '$.vat_regime'), v.category, v.taxable_amount,"
    " v.tax_amount"
    " FROM documents d JOIN document_vat v ON v.document_id = d.id"
    " WHERE d.state <> 'draft' AND d.issue_date BETWEEN ?1 AND ?2"
    " AND json_extract(d.buyer_json, '$.vat_number') LIKE 'BE%'"
    " ORDER BY 1, d.issue_date, d.number",
    -1, &stmt, NULL);

  snprintf (from, sizeof from, "%04d-01-01", l->year);
  snprintf (to, sizeof to, "%04d-12-31", l->year);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
    }
  while (rc == SQLITE_OK && st == DOKUS_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *vat = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      bool credit = strcmp ((const char *) sqlite3_column_text (stmt, 2), "credit_note") == 0;
      const char *regime = (const char *) sqlite3_column_text (stmt, 3);
      const char *category = (const char *) sqlite3_column_text (stmt, 4);
      DokusCents base = sqlite3_column_int64 (stmt, 5), tax = sqlite3_column_int64 (stmt, 6);

      rc = SQLITE_OK;
      if (strcmp (vat, c.vat_number) != 0)
        {
          st = close_client (l, &c, err);
          snprintf (c.vat_number, sizeof c.vat_number, "%s", vat);
        }
      /* the latest document names the client */
      if (st == DOKUS_OK && name != NULL && (c.name == NULL || strcmp (c.name, name) != 0))
        {
          free (c.name);
          c.name = strdup (name);
          if (c.name == NULL)
            st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
        }
      /* operations exempt under art. 44 WBTW are not listed (art. 1 KB nr.
       * 23); a franchise book's category E is the franchise, not art. 44 */
      if (st != DOKUS_OK
          || (strcmp (category, "E") == 0 && (regime == NULL || strcmp (regime, "franchise") != 0)))
        continue;
      if (credit)
        {
          base = -base;
          tax = -tax;
        }
      if (__builtin_add_overflow (c.turnover, base, &c.turnover)
          || __builtin_add_overflow (c.vat, tax, &c.vat))
        st = dokus_error_set (err, DOKUS_ERR_INVALID, "year", "a client's turnover does not fit");
    }
  sqlite3_finalize (stmt);
  if (st == DOKUS_OK && rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "reading the year's sales", err);
  if (st == DOKUS_OK)
    st = close_client (l, &c, err);
  free (c.name);
  return st;
}

DokusStatus
dokus_client_listing_compute (sqlite3 *db, int year, DokusClientListing *out, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  DokusStatus st;
  int rc;

  memset (out, 0, sizeof *out);
  if (year < DOKUS_DATE_YEAR_MIN || year > DOKUS_DATE_YEAR_MAX)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "year", "the year must be 1900 to 9999");
  rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM profile WHERE id = 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "profile",
                            "the book has no profile yet: set it first (dokus-cli init)");
  if (rc != SQLITE_ROW)
    return dokus_book_sqlite_error (db, rc, "reading the profile", err);
  out->year = year;
  st = dokus_vat_read (db, compute, out, err);
  if (st != DOKUS_OK)
    dokus_client_listing_clear (out);
  return st;
}

DokusStatus
dokus_client_listing (DokusBook *book, int year, char **out_json, DokusError *err)
{
  DokusClientListing l;
  cJSON *o, *arr;
  char due[24];
  DokusStatus st;

  assert (book != NULL && out_json != NULL);
  *out_json = NULL;
  st = dokus_client_listing_compute (dokus_book_get_db (book), year, &l, err);
  if (st != DOKUS_OK)
    return st;
  o = cJSON_CreateObject ();
  cJSON_AddNumberToObject (o, "year", year);
  /* filed by 31 March of the next year (art. 53quinquies WBTW) */
  snprintf (due, sizeof due, "%04d-03-31", year + 1);
  cJSON_AddStringToObject (o, "due_date", due);
  arr = cJSON_AddArrayToObject (o, "clients");
  for (size_t i = 0; i < l.n_clients; i++)
    {
      cJSON *c = cJSON_CreateObject ();
      cJSON_AddStringToObject (c, "vat_number", l.clients[i].vat_number);
      dokus_json_add_string_or_null (c, "name", l.clients[i].name);
      dokus_json_add_cents (c, "turnover", l.clients[i].turnover);
      dokus_json_add_cents (c, "vat_amount", l.clients[i].vat);
      if (c == NULL || !cJSON_AddItemToArray (arr, c))
        {
          cJSON_Delete (c);
          cJSON_Delete (o);
          o = NULL;
          break;
        }
    }
  if (o != NULL)
    {
      dokus_json_add_cents (o, "turnover", l.turnover);
      dokus_json_add_cents (o, "vat_amount", l.vat);
    }
  dokus_client_listing_clear (&l);
  return dokus_json_print_take (o, out_json, err);
}

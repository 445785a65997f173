/* dokus-ic-listing.c
 *
 * The intra-Community listing of a month or a quarter (art. 53sexies
 * WBTW, KB nr. 50): per customer VAT number and code, the supplies of
 * goods (L) and services (S) to businesses in other member states,
 * credit notes subtracted. Sources in docs/vat.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-book-private.h"
#include "dokus-json-input-private.h"
#include "dokus-vat-return-private.h"
#include "dokus/dokus-book.h"
#include "dokus/dokus-ident.h"
#include "dokus/dokus-vat-return.h"

typedef struct {
  DokusPeriod period;
  cJSON      *lines;
  DokusCents  total;
} Listing;

static DokusStatus
add_line (Listing *l, const char *vat, const char *code, DokusCents amount, DokusError *err)
{
  cJSON *line;

  if (vat[0] == '\0' || amount == 0)
    return DOKUS_OK;
  if (__builtin_add_overflow (l->total, amount, &l->total))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "period", "the listing's total does not fit");
  line = cJSON_CreateObject ();
  cJSON_AddStringToObject (line, "vat_number", vat);
  cJSON_AddStringToObject (line, "code", code);
  dokus_json_add_cents (line, "amount", amount);
  if (line == NULL || !cJSON_AddItemToArray (l->lines, line))
    {
      cJSON_Delete (line);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  return DOKUS_OK;
}

static DokusStatus
compute (sqlite3 *db, void *data, DokusError *err)
{
  Listing *l = data;
  char from[DOKUS_DATE_TEXT], to[DOKUS_DATE_TEXT];
  char vat[DOKUS_VAT_TEXT] = "", code[4] = "";
  DokusCents amount = 0;
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  /* K is a supply of goods (L), or a triangular operation by the
   * intermediary (T); AE to a client outside Belgium a service under
   * art. 21 § 2 (S); AE to a Belgian co-contractor is not listed */
  int rc = sqlite3_prepare_v2 (
    db,
    "SELECT json_extract(d.buyer_json, '$.vat_number') AS vat,"
    " CASE WHEN v.category = 'AE' THEN 'S' WHEN d.triangulation THEN 'T' ELSE 'L' END AS code,"
    " d.type, v.taxable_amount"
    " FROM documents d JOIN document_vat v ON v.document_id = d.id"
    " WHERE d.state <> 'draft' AND d.issue_date BETWEEN ?1 AND ?2"
    " AND (v.category = 'K' OR (v.category = 'AE' AND coalesce(json_extract(d.buyer_json,"
    " '$.country'), json_extract(d.buyer_json, '$.address.country'), 'BE') <> 'BE'))"
    " ORDER BY vat, code, d.issue_date, d.number",
    -1, &stmt, NULL);

  dokus_date_format (l->period.from, from);
  dokus_date_format (l->period.to, to);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
    }
  while (rc == SQLITE_OK && st == DOKUS_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *v = (const char *) sqlite3_column_text (stmt, 0);
      const char *c = (const char *) sqlite3_column_text (stmt, 1);
      bool credit = strcmp ((const char *) sqlite3_column_text (stmt, 2), "credit_note") == 0;
      DokusCents base = sqlite3_column_int64 (stmt, 3);

      rc = SQLITE_OK;
      if (v == NULL)
        v = ""; /* issuing refuses K and AE without the buyer's VAT number */
      if (strcmp (v, vat) != 0 || strcmp (c, code) != 0)
        {
          st = add_line (l, vat, code, amount, err);
          snprintf (vat, sizeof vat, "%s", v);
          snprintf (code, sizeof code, "%s", c);
          amount = 0;
        }
      if (st == DOKUS_OK && __builtin_add_overflow (amount, credit ? -base : base, &amount))
        st = dokus_error_set (err, DOKUS_ERR_INVALID, "period", "a listing line does not fit");
    }
  sqlite3_finalize (stmt);
  if (st == DOKUS_OK && rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "reading the period's intra-Community sales", err);
  if (st == DOKUS_OK)
    st = add_line (l, vat, code, amount, err);
  return st;
}

DokusStatus
dokus_ic_listing (DokusBook *book, const char *period, char **out_json, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  Listing l = { 0 };
  sqlite3_stmt *stmt = NULL;
  cJSON *o;
  char date[DOKUS_DATE_TEXT];
  DokusStatus st;
  int rc;

  assert (book != NULL && out_json != NULL);
  *out_json = NULL;
  st = dokus_period_parse (period, "period", &l.period, err);
  if (st != DOKUS_OK)
    return st;
  rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM profile WHERE id = 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "profile",
                            "the book has no profile yet: set it first (dokus-cli init)");
  if (rc != SQLITE_ROW)
    return dokus_book_sqlite_error (db, rc, "reading the profile", err);
  o = cJSON_CreateObject ();
  cJSON_AddStringToObject (o, "period", l.period.label);
  cJSON_AddStringToObject (o, "from", dokus_date_format (l.period.from, date));
  cJSON_AddStringToObject (o, "to", dokus_date_format (l.period.to, date));
  l.lines = cJSON_AddArrayToObject (o, "lines");
  if (l.lines == NULL)
    {
      cJSON_Delete (o);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  st = dokus_vat_read (db, compute, &l, err);
  if (st != DOKUS_OK)
    {
      cJSON_Delete (o);
      return st;
    }
  dokus_json_add_cents (o, "total", l.total);
  return dokus_json_print_take (o, out_json, err);
}

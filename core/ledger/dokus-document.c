/* dokus-document.c
 *
 * The in-memory sales document: reading its lines from JSON, computing its
 * totals, loading it from and storing it into the book, and deriving its
 * balance (see dokus-document-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-stmt-cache-private.h"
#include "dokus-id-private.h"
#include "dokus-json-input-private.h"
#include "dokus/dokus-vat.h"

static char *
dup_or_null (const char *s)
{
  return s ? strdup (s) : NULL;
}

void
dokus_doc_clear (DokusDoc *doc)
{
  for (size_t i = 0; i < doc->n_lines; i++)
    free (doc->lines[i].description);
  for (size_t i = 0; i < doc->n_adjustments; i++)
    free (doc->adjustments[i].reason);
  free (doc->lines);
  free (doc->adjustments);
  free (doc->buyer_reference);
  free (doc->order_reference);
  free (doc->note);
  free (doc->structured_communication);
  free (doc->seller_json);
  free (doc->buyer_json);
  memset (doc, 0, sizeof *doc);
}

static const char *const line_fields[] = { "description", "quantity", "unit", "unit_price",
                                           "discount_percent", "vat_category", "vat_rate",
                                           "exemption_reason", NULL };
static const char *const categories[] = { "S", "Z", "E", "AE", "K", "G", "O", NULL };

/* Category and rate of a line or adjustment, with the regime's defaults. */
static DokusStatus
parse_category (const cJSON *o, const char *path, bool franchise, char category[3],
                DokusDecimal *rate, DokusError *err)
{
  const char *cat = NULL;
  bool has_rate = false;
  char field[DOKUS_FIELD_TEXT];
  DokusStatus st = dokus_json_get_choice (o, path, "vat_category", false, categories, &cat, err);

  if (st != DOKUS_OK)
    return st;
  dokus_json_field (field, path, "vat_category");
  if (cat == NULL)
    cat = franchise ? "E" : "S";
  if (franchise && strcmp (cat, "E") != 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "a book under the franchise scheme invoices in category E only "
                            "(art. 56bis WBTW); change the VAT regime first");
  strcpy (category, cat);
  st = dokus_json_get_decimal (o, path, "vat_rate", strcmp (cat, "S") == 0, 2, rate, &has_rate,
                               err);
  if (st != DOKUS_OK)
    return st;
  dokus_json_field (field, path, "vat_rate");
  if (!has_rate)
    *rate = dokus_decimal_from_int (0);
  if (dokus_vat_category_requires_zero_rate (cat) && !dokus_decimal_is_zero (*rate))
    return dokus_error_set (err, DOKUS_ERR_INVALID, field, "category %s has VAT rate 0", cat);
  if (!dokus_vat_category_requires_zero_rate (cat) && dokus_decimal_is_zero (*rate))
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "category S needs a rate above 0 (use Z for zero-rated supplies)");
  return DOKUS_OK;
}

static bool
unit_code_is_valid (const char *u)
{
  size_t n = strlen (u);
  if (n < 2 || n > 3)
    return false;
  for (size_t i = 0; i < n; i++)
    if (!((u[i] >= 'A' && u[i] <= 'Z') || (u[i] >= '0' && u[i] <= '9')))
      return false;
  return true;
}

DokusStatus
dokus_doc_parse_lines (const cJSON *arr, const char *path, bool franchise, DokusDoc *doc,
                       DokusError *err)
{
  size_t n = (size_t) cJSON_GetArraySize (arr);
  const cJSON *o;
  size_t i = 0;

  if (n == 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, path, "a document needs at least one line");
  if (n > DOKUS_MAX_LINES)
    return dokus_error_set (err, DOKUS_ERR_INVALID, path, "at most %d lines", DOKUS_MAX_LINES);
  doc->lines = calloc (n, sizeof *doc->lines);
  if (doc->lines == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  cJSON_ArrayForEach (o, arr)
    {
      char p[DOKUS_FIELD_TEXT], field[DOKUS_FIELD_TEXT];
      DokusDocLine *l = &doc->lines[i];
      const char *s = NULL;
      bool has = false;
      DokusStatus st;

      snprintf (p, sizeof p, "%s[%u]", path, (unsigned) i);
      doc->n_lines = ++i;
      if (!cJSON_IsObject (o))
        return dokus_error_set (err, DOKUS_ERR_INVALID, p, "%s must be an object", p);
      st = dokus_json_check_fields (o, p, line_fields, err);
      if (st == DOKUS_OK)
        st = dokus_json_get_string (o, p, "description", true, DOKUS_TEXT_MAX, &s, err);
      if (st != DOKUS_OK)
        return st;
      l->description = strdup (s);
      st = dokus_json_get_decimal (o, p, "quantity", true, 4, &l->t.quantity, NULL, err);
      if (st == DOKUS_OK)
        st = dokus_json_get_decimal (o, p, "unit_price", true, 4, &l->t.unit_price, NULL, err);
      if (st == DOKUS_OK)
        st = dokus_json_get_decimal (o, p, "discount_percent", false, 2, &l->t.discount_percent,
                                     &has, err);
      if (st != DOKUS_OK)
        return st;
      if (!has)
        l->t.discount_percent = dokus_decimal_from_int (0);
      /* refused by the totals too, but there without the member's name */
      dokus_json_field (field, p, "unit_price");
      if (dokus_decimal_cmp (l->t.unit_price, dokus_decimal_from_int (0)) < 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                "a unit price cannot be negative (BR-27): use a negative quantity");
      dokus_json_field (field, p, "discount_percent");
      if (dokus_decimal_cmp (l->t.discount_percent, dokus_decimal_from_int (0)) < 0
          || dokus_decimal_cmp (l->t.discount_percent, dokus_decimal_from_int (100)) > 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                "a discount is between 0 and 100 percent");
      s = NULL;
      st = dokus_json_get_string (o, p, "unit", false, 3, &s, err);
      if (st != DOKUS_OK)
        return st;
      dokus_json_field (field, p, "unit");
      if (s != NULL && !unit_code_is_valid (s))
        return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                "a unit is a UN/ECE Recommendation 20 code such as C62, HUR or DAY");
      snprintf (l->unit, sizeof l->unit, "%s", s ? s : "C62");
      st = parse_category (o, p, franchise, l->t.vat_category, &l->t.vat_rate, err);
      if (st != DOKUS_OK)
        return st;
      s = NULL;
      st = dokus_json_get_string (o, p, "exemption_reason", false, 30, &s, err);
      dokus_json_field (field, p, "exemption_reason");
      if (st == DOKUS_OK)
        st = dokus_vat_exemption_check (l->t.vat_category, s, field, err);
      if (st != DOKUS_OK)
        return st;
      if (franchise && s != NULL)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                "franchise invoices carry no VATEX code, only the mention");
      snprintf (l->exemption_reason, sizeof l->exemption_reason, "%s", s ? s : "");
    }
  return DOKUS_OK;
}

DokusStatus
dokus_doc_parse_adjustments (const cJSON *arr, const char *path, bool is_charge, bool franchise,
                             DokusDoc *doc, DokusError *err)
{
  static const char *const fields[] = { "reason", "amount", "vat_category", "vat_rate", NULL };
  size_t n = (size_t) cJSON_GetArraySize (arr);
  size_t base = doc->n_adjustments, i = 0;
  const cJSON *o;
  DokusDocAdjustment *grown;

  if (n > 100)
    return dokus_error_set (err, DOKUS_ERR_INVALID, path, "at most 100 %s", path);
  grown = realloc (doc->adjustments, (base + n + 1) * sizeof *grown);
  if (grown == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  doc->adjustments = grown;
  cJSON_ArrayForEach (o, arr)
    {
      char p[DOKUS_FIELD_TEXT], field[DOKUS_FIELD_TEXT];
      DokusDocAdjustment *a = &doc->adjustments[base + i];
      const char *reason = NULL;
      DokusStatus st;

      memset (a, 0, sizeof *a);
      snprintf (p, sizeof p, "%s[%u]", path, (unsigned) i++);
      doc->n_adjustments = base + i;
      a->t.is_charge = is_charge;
      if (!cJSON_IsObject (o))
        return dokus_error_set (err, DOKUS_ERR_INVALID, p, "%s must be an object", p);
      st = dokus_json_check_fields (o, p, fields, err);
      if (st == DOKUS_OK)
        st = dokus_json_get_string (o, p, "reason", true, 200, &reason, err);
      if (st == DOKUS_OK)
        st = dokus_json_get_cents (o, p, "amount", true, &a->t.amount, NULL, err);
      if (st != DOKUS_OK)
        return st;
      a->reason = strdup (reason);
      dokus_json_field (field, p, "amount");
      if (a->t.amount <= 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field, "%s must be above 0", field);
      st = parse_category (o, p, franchise, a->t.vat_category, &a->t.vat_rate, err);
      if (st != DOKUS_OK)
        return st;
    }
  return DOKUS_OK;
}

DokusStatus
dokus_doc_compute (DokusDoc *doc, DokusTotals *out, DokusError *err)
{
  DokusTotalsLine *lines = calloc (doc->n_lines + 1, sizeof *lines);
  DokusTotalsAdjustment *adj = calloc (doc->n_adjustments + 1, sizeof *adj);
  DokusCents *nets = calloc (doc->n_lines + 1, sizeof *nets);
  DokusStatus st;

  if (lines == NULL || adj == NULL || nets == NULL)
    st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  else
    {
      for (size_t i = 0; i < doc->n_lines; i++)
        lines[i] = doc->lines[i].t;
      for (size_t i = 0; i < doc->n_adjustments; i++)
        adj[i] = doc->adjustments[i].t;
      st = dokus_totals_compute (lines, doc->n_lines, adj, doc->n_adjustments, nets, out, err);
      for (size_t i = 0; st == DOKUS_OK && i < doc->n_lines; i++)
        doc->lines[i].net = nets[i];
    }
  free (lines);
  free (adj);
  free (nets);
  return st;
}

bool
dokus_seller_is_franchise (const char *seller_json)
{
  cJSON *seller = seller_json ? cJSON_Parse (seller_json) : NULL;
  const cJSON *regime = cJSON_GetObjectItemCaseSensitive (seller, "vat_regime");
  bool franchise = cJSON_IsString (regime) && strcmp (regime->valuestring, "franchise") == 0;

  cJSON_Delete (seller);
  return franchise;
}

DokusStatus
dokus_doc_regime (sqlite3 *db, const DokusDoc *doc, bool profile_franchise, bool *franchise,
                  DokusDate *invoice_date, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *franchise = profile_franchise;
  if (strcmp (doc->type, "credit_note") != 0)
    return DOKUS_OK;
  rc = dokus_stmt_cache_prepare (db, "SELECT seller_json, issue_date FROM documents WHERE id = ?1",
                                 &stmt);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, doc->billing_reference_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    {
      const char *date = (const char *) sqlite3_column_text (stmt, 1);
      *franchise = dokus_seller_is_franchise ((const char *) sqlite3_column_text (stmt, 0));
      if (invoice_date != NULL
          && (date == NULL || dokus_date_parse (date, "", invoice_date, NULL) != DOKUS_OK))
        rc = SQLITE_CORRUPT;
      else
        rc = SQLITE_OK;
    }
  else if (rc == SQLITE_DONE)
    rc = SQLITE_CORRUPT; /* a credit note's invoice is issued and kept */
  dokus_stmt_cache_release (db, stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the credited invoice", err);
  return DOKUS_OK;
}

DokusStatus
dokus_doc_resolve (sqlite3 *db, const char *id_or_number, char id[DOKUS_ID_TEXT],
                   DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = dokus_stmt_cache_prepare (db, "SELECT id FROM documents WHERE id = ?1 OR number = ?1",
                                     &stmt);
  DokusStatus st;

  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "finding the document", err);
  sqlite3_bind_text (stmt, 1, id_or_number, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      snprintf (id, DOKUS_ID_TEXT, "%s", (const char *) sqlite3_column_text (stmt, 0));
      st = DOKUS_OK;
    }
  else if (rc == SQLITE_DONE)
    st = dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "document", "no document '%s'",
                          id_or_number);
  else
    st = dokus_book_sqlite_error (db, rc, "finding the document", err);
  dokus_stmt_cache_release (db, stmt);
  return st;
}

static bool
column_date (sqlite3_stmt *stmt, int col, DokusDate *out)
{
  const char *s = (const char *) sqlite3_column_text (stmt, col);
  return s != NULL && dokus_date_parse (s, "", out, NULL) == DOKUS_OK;
}

static char *
column_dup (sqlite3_stmt *stmt, int col)
{
  return dup_or_null ((const char *) sqlite3_column_text (stmt, col));
}

static void
column_copy (sqlite3_stmt *stmt, int col, char *out, size_t size)
{
  const char *s = (const char *) sqlite3_column_text (stmt, col);
  snprintf (out, size, "%s", s ? s : "");
}

static DokusDecimal
column_decimal (sqlite3_stmt *stmt, int col)
{
  DokusDecimal d = dokus_decimal_from_int (0);
  const char *s = (const char *) sqlite3_column_text (stmt, col);
  if (s != NULL && dokus_decimal_parse (s, 9, "", &d, NULL) != DOKUS_OK)
    d = dokus_decimal_from_int (0);
  return d;
}

/* Room in the zeroed array *@arr (*@cap entries of @size bytes) for entry
 * @n and a zeroed entry after it; false when out of memory (*@arr kept).
 * Rows are counted as they come: a count(*) OVER () would make SQLite
 * copy them into an ephemeral table first. */
static bool
room_for_one_more (void **arr, size_t *cap, size_t n, size_t size)
{
  size_t fresh_cap;
  char *fresh;

  if (n + 1 < *cap)
    return true;
  fresh_cap = *cap ? *cap * 2 : 8;
  if ((fresh = realloc (*arr, fresh_cap * size)) == NULL)
    return false;
  memset (fresh + *cap * size, 0, (fresh_cap - *cap) * size);
  *arr = fresh;
  *cap = fresh_cap;
  return true;
}

DokusStatus
dokus_doc_load (sqlite3 *db, const char *id, DokusDoc *doc, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  size_t lines_cap = 0, adj_cap = 0;
  int rc;

  memset (doc, 0, sizeof *doc);
  rc = dokus_stmt_cache_prepare (db,
                           "SELECT id, type, state, number, client_id, billing_reference_id,"
                           " issue_date, due_date, payment_terms_days, delivery_date,"
                           " delivery_country, buyer_reference, order_reference, note, language,"
                           " structured_communication, seller_json, buyer_json, issued_at,"
                           " triangulation FROM documents WHERE id = ?1", &stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "loading the document", err);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      dokus_stmt_cache_release (db, stmt);
      if (rc == SQLITE_DONE)
        return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "document", "no document '%s'", id);
      return dokus_book_sqlite_error (db, rc, "loading the document", err);
    }
  column_copy (stmt, 0, doc->id, sizeof doc->id);
  column_copy (stmt, 1, doc->type, sizeof doc->type);
  column_copy (stmt, 2, doc->state, sizeof doc->state);
  column_copy (stmt, 3, doc->number, sizeof doc->number);
  column_copy (stmt, 4, doc->client_id, sizeof doc->client_id);
  column_copy (stmt, 5, doc->billing_reference_id, sizeof doc->billing_reference_id);
  doc->has_issue_date = column_date (stmt, 6, &doc->issue_date);
  doc->has_due_date = column_date (stmt, 7, &doc->due_date);
  doc->has_terms = sqlite3_column_type (stmt, 8) != SQLITE_NULL;
  doc->terms = sqlite3_column_int64 (stmt, 8);
  doc->has_delivery_date = column_date (stmt, 9, &doc->delivery_date);
  column_copy (stmt, 10, doc->delivery_country, sizeof doc->delivery_country);
  doc->buyer_reference = column_dup (stmt, 11);
  doc->order_reference = column_dup (stmt, 12);
  doc->note = column_dup (stmt, 13);
  column_copy (stmt, 14, doc->language, sizeof doc->language);
  doc->structured_communication = column_dup (stmt, 15);
  doc->seller_json = column_dup (stmt, 16);
  doc->buyer_json = column_dup (stmt, 17);
  column_copy (stmt, 18, doc->issued_at, sizeof doc->issued_at);
  doc->triangulation = sqlite3_column_int (stmt, 19) != 0;
  dokus_stmt_cache_release (db, stmt);

  rc = dokus_stmt_cache_prepare (db,
                           "SELECT description, quantity, unit, unit_price, discount_percent,"
                           " vat_category, vat_rate, exemption_reason, line_extension_amount"
                           " FROM document_lines WHERE document_id = ?1 ORDER BY position", &stmt);
  if (rc != SQLITE_OK)
    {
      dokus_doc_clear (doc);
      return dokus_book_sqlite_error (db, rc, "loading the document lines", err);
    }
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DokusDocLine *l;
      if (!room_for_one_more ((void **) &doc->lines, &lines_cap, doc->n_lines,
                              sizeof *doc->lines))
        {
          rc = SQLITE_NOMEM; /* not SQLITE_ROW: reported as out of memory */
          break;
        }
      l = &doc->lines[doc->n_lines++];
      l->description = column_dup (stmt, 0);
      l->t.quantity = column_decimal (stmt, 1);
      column_copy (stmt, 2, l->unit, sizeof l->unit);
      l->t.unit_price = column_decimal (stmt, 3);
      l->t.discount_percent = column_decimal (stmt, 4);
      column_copy (stmt, 5, l->t.vat_category, sizeof l->t.vat_category);
      l->t.vat_rate = column_decimal (stmt, 6);
      column_copy (stmt, 7, l->exemption_reason, sizeof l->exemption_reason);
      l->net = sqlite3_column_int64 (stmt, 8);
    }
  dokus_stmt_cache_release (db, stmt);
  if (rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "loading the document lines", err);

  if (st == DOKUS_OK)
    rc = dokus_stmt_cache_prepare (db,
                             "SELECT reason, is_charge, amount, vat_category, vat_rate"
                             " FROM document_adjustments"
                             " WHERE document_id = ?1 ORDER BY position", &stmt);
  if (st == DOKUS_OK && rc != SQLITE_OK)
    st = dokus_book_sqlite_error (db, rc, "loading the allowances and charges", err);
  if (st == DOKUS_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DokusDocAdjustment *a;
          if (!room_for_one_more ((void **) &doc->adjustments, &adj_cap, doc->n_adjustments,
                                  sizeof *doc->adjustments))
            {
              rc = SQLITE_NOMEM;
              break;
            }
          a = &doc->adjustments[doc->n_adjustments++];
          a->reason = column_dup (stmt, 0);
          a->t.is_charge = sqlite3_column_int (stmt, 1) != 0;
          a->t.amount = sqlite3_column_int64 (stmt, 2);
          column_copy (stmt, 3, a->t.vat_category, sizeof a->t.vat_category);
          a->t.vat_rate = column_decimal (stmt, 4);
        }
      dokus_stmt_cache_release (db, stmt);
      if (rc != SQLITE_DONE)
        st = dokus_book_sqlite_error (db, rc, "loading the allowances and charges", err);
    }
  if (st != DOKUS_OK)
    dokus_doc_clear (doc);
  return st;
}

static void
bind_text_or_null (sqlite3_stmt *stmt, int i, const char *s)
{
  if (s != NULL && s[0] != '\0')
    sqlite3_bind_text (stmt, i, s, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

static void
bind_date (sqlite3_stmt *stmt, int i, bool has, DokusDate d)
{
  char buf[DOKUS_DATE_TEXT];
  if (has)
    sqlite3_bind_text (stmt, i, dokus_date_format (d, buf), -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

static void
bind_decimal (sqlite3_stmt *stmt, int i, DokusDecimal d)
{
  char buf[DOKUS_MONEY_TEXT];
  sqlite3_bind_text (stmt, i, dokus_decimal_format (d, buf), -1, SQLITE_TRANSIENT);
}

DokusStatus
dokus_doc_insert_draft (sqlite3 *db, const DokusDoc *doc, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  char now[24];
  int rc;

  dokus_timestamp_now (now);
  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO documents (id, type, state, client_id, billing_reference_id,"
                           " issue_date, due_date, payment_terms_days, buyer_reference,"
                           " order_reference, note, delivery_date, delivery_country, created_at,"
                           " updated_at, triangulation) VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?6, ?7,"
                           " ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, doc->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, doc->type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, doc->client_id, -1, SQLITE_STATIC);
      bind_text_or_null (stmt, 4, doc->billing_reference_id);
      bind_date (stmt, 5, doc->has_issue_date, doc->issue_date);
      bind_date (stmt, 6, doc->has_due_date, doc->due_date);
      if (doc->has_terms)
        sqlite3_bind_int64 (stmt, 7, doc->terms);
      bind_text_or_null (stmt, 8, doc->buyer_reference);
      bind_text_or_null (stmt, 9, doc->order_reference);
      bind_text_or_null (stmt, 10, doc->note);
      bind_date (stmt, 11, doc->has_delivery_date, doc->delivery_date);
      bind_text_or_null (stmt, 12, doc->delivery_country);
      sqlite3_bind_text (stmt, 13, now, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 14, doc->triangulation);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "saving the draft", err);

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO document_lines (document_id, position, description,"
                           " quantity, unit, unit_price, discount_percent, vat_category, vat_rate,"
                           " exemption_reason, line_extension_amount)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                           -1, &stmt, NULL);
  for (size_t i = 0; rc == SQLITE_OK && i < doc->n_lines; i++)
    {
      const DokusDocLine *l = &doc->lines[i];
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      sqlite3_bind_text (stmt, 1, doc->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) i + 1);
      sqlite3_bind_text (stmt, 3, l->description, -1, SQLITE_STATIC);
      bind_decimal (stmt, 4, l->t.quantity);
      sqlite3_bind_text (stmt, 5, l->unit, -1, SQLITE_STATIC);
      bind_decimal (stmt, 6, l->t.unit_price);
      if (!dokus_decimal_is_zero (l->t.discount_percent))
        bind_decimal (stmt, 7, l->t.discount_percent);
      sqlite3_bind_text (stmt, 8, l->t.vat_category, -1, SQLITE_STATIC);
      bind_decimal (stmt, 9, l->t.vat_rate);
      bind_text_or_null (stmt, 10, l->exemption_reason);
      sqlite3_bind_int64 (stmt, 11, l->net);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        rc = sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "saving the draft lines", err);

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO document_adjustments (document_id, position, is_charge,"
                           " reason, amount, vat_category, vat_rate)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           -1, &stmt, NULL);
  for (size_t i = 0; rc == SQLITE_OK && i < doc->n_adjustments; i++)
    {
      const DokusDocAdjustment *a = &doc->adjustments[i];
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, doc->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) i + 1);
      sqlite3_bind_int (stmt, 3, a->t.is_charge);
      sqlite3_bind_text (stmt, 4, a->reason, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, a->t.amount);
      sqlite3_bind_text (stmt, 6, a->t.vat_category, -1, SQLITE_STATIC);
      bind_decimal (stmt, 7, a->t.vat_rate);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        rc = sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "saving the allowances and charges", err);
  return DOKUS_OK;
}

/* @sql is one of the static strings below: the statement cache keys on
 * its address, so each is prepared once per open book. */
static DokusStatus
query_cents (sqlite3 *db, const char *sql, const char *id, DokusCents *out, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = dokus_stmt_cache_prepare (db, sql, &stmt);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  dokus_stmt_cache_release (db, stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the balance", err);
  return DOKUS_OK;
}

static const char total_sql[]
  = "SELECT coalesce(tax_inclusive_amount, 0) FROM documents WHERE id = ?1";
static const char paid_sql[]
  = "SELECT coalesce(sum(amount), 0) FROM payments WHERE document_id = ?1";
static const char credits_sql[]
  = "SELECT id, tax_inclusive_amount FROM documents"
    " WHERE billing_reference_id = ?1 AND state <> 'draft'"
    /* id: a fixed order for ties, as dokus-balances.c */
    " ORDER BY series_number, issued_at, id";
static const char credited_full_sql[]
  = "SELECT coalesce(sum(tax_inclusive_amount), 0) FROM documents"
    " WHERE billing_reference_id = ?1 AND state <> 'draft'";

/* What an invoice's credit notes took off it, and what each credit note
 * has beyond what was still open on the invoice (to refund): credit notes
 * apply in issue order against what the payments left open. */
static DokusStatus
credit_allocation (sqlite3 *db, const char *invoice_id, const char *credit_id,
                   DokusCents *applied_total, DokusCents *excess_of_credit, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  DokusCents total = 0, paid = 0, remaining;
  DokusStatus st = query_cents (db, total_sql, invoice_id, &total, err);
  int rc;

  if (st == DOKUS_OK)
    st = query_cents (db, paid_sql, invoice_id, &paid, err);
  if (st != DOKUS_OK)
    return st;
  remaining = total - paid;
  *applied_total = 0;
  if (excess_of_credit)
    *excess_of_credit = 0;
  rc = dokus_stmt_cache_prepare (db, credits_sql, &stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the credit notes", err);
  sqlite3_bind_text (stmt, 1, invoice_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DokusCents c = sqlite3_column_int64 (stmt, 1);
      DokusCents applied = remaining > 0 ? (c < remaining ? c : remaining) : 0;
      remaining -= applied;
      *applied_total += applied;
      if (credit_id && excess_of_credit
          && strcmp ((const char *) sqlite3_column_text (stmt, 0), credit_id) == 0)
        *excess_of_credit = c - applied;
    }
  dokus_stmt_cache_release (db, stmt);
  if (rc != SQLITE_DONE)
    return dokus_book_sqlite_error (db, rc, "reading the credit notes", err);
  return DOKUS_OK;
}

DokusStatus
dokus_doc_balance (sqlite3 *db, const DokusDoc *doc, DokusDate today, DokusDocBalance *out,
                   DokusError *err)
{
  DokusStatus st;

  memset (out, 0, sizeof *out);
  out->status = doc->state;
  if (strcmp (doc->state, "draft") == 0)
    return DOKUS_OK;
  st = query_cents (db, total_sql, doc->id, &out->total, err);
  if (st == DOKUS_OK)
    st = query_cents (db, paid_sql, doc->id, &out->paid, err);
  if (st != DOKUS_OK)
    return st;
  if (strcmp (doc->type, "invoice") == 0)
    {
      DokusCents credited_full = 0;
      st = credit_allocation (db, doc->id, NULL, &out->credited, NULL, err);
      if (st == DOKUS_OK)
        st = query_cents (db, credited_full_sql, doc->id, &credited_full, err);
      if (st != DOKUS_OK)
        return st;
      out->open = out->total - out->paid - out->credited;
      if (out->open < 0)
        out->open = 0;
      if (credited_full >= out->total && credited_full > 0)
        out->status = "credited";
      else if (out->open == 0)
        out->status = "paid";
      else if (out->paid > 0)
        out->status = "partially_paid";
    }
  else
    {
      DokusCents applied = 0, excess = 0;
      st = credit_allocation (db, doc->billing_reference_id, doc->id, &applied, &excess, err);
      if (st != DOKUS_OK)
        return st;
      out->credited = out->total - excess; /* what it took off its invoice */
      out->open = excess - out->paid;
      if (out->open < 0)
        out->open = 0;
      if (excess > 0 && out->open == 0)
        out->status = "paid";
      else if (out->paid > 0)
        out->status = "partially_paid";
    }
  out->overdue = out->open > 0 && strcmp (doc->type, "invoice") == 0 && doc->has_due_date
                 && dokus_date_cmp (doc->due_date, today) < 0;
  return DOKUS_OK;
}

/* dokus-document-frozen.c
 *
 * An issued document as it was frozen at issue, in C structures: the
 * document and its lines, the totals, the VAT breakdown stored with it
 * (document_vat), its legal mentions, the invoice a credit note corrects
 * and the parties' snapshots. dokus_document_to_json() builds its JSON
 * from the same reads; the UBL writer reads the structures themselves,
 * which spares it a cJSON tree of the whole document at every export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-stmt-cache-private.h"
#include "dokus/dokus-vat.h"

static char *
dup_column (sqlite3_stmt *stmt, int col, bool *nomem)
{
  const char *s = (const char *) sqlite3_column_text (stmt, col);
  char *out;

  if (s == NULL)
    return NULL;
  if ((out = strdup (s)) == NULL)
    *nomem = true;
  return out;
}

static void
copy_column (sqlite3_stmt *stmt, int col, char *out, size_t size)
{
  const char *s = (const char *) sqlite3_column_text (stmt, col);
  snprintf (out, size, "%s", s ? s : "");
}

/* true when @a comes before @b in the totals' order: S, Z, E, AE, K, G,
 * O, the higher rate first. Rows whose rates do not parse keep their
 * place. */
static bool
vat_before (const DokusFrozenVat *a, const DokusFrozenVat *b)
{
  int ca = dokus_vat_category_index (a->category), cb = dokus_vat_category_index (b->category);

  if (!a->rate_ok || !b->rate_ok)
    return false;
  return ca < cb || (ca == cb && dokus_decimal_cmp (a->rate_value, b->rate_value) > 0);
}

void
dokus_frozen_vat_clear (DokusFrozenVat *rows, size_t n)
{
  for (size_t i = 0; i < n; i++)
    {
      free (rows[i].exemption_code);
      free (rows[i].exemption_text);
      memset (&rows[i], 0, sizeof rows[i]);
    }
}

DokusStatus
dokus_frozen_vat_read (sqlite3 *db, const char *id, DokusFrozenVat rows[DOKUS_VAT_GROUPS_MAX],
                       size_t *n, size_t order[DOKUS_VAT_GROUPS_MAX], DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = dokus_stmt_cache_prepare (db,
                                     "SELECT category, rate, taxable_amount, tax_amount,"
                                     " exemption_code, exemption_text FROM document_vat"
                                     " WHERE document_id = ?1",
                                     &stmt);
  bool nomem = false, taken[DOKUS_VAT_GROUPS_MAX] = { false };

  *n = 0;
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the VAT breakdown", err);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while (*n < DOKUS_VAT_GROUPS_MAX && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DokusFrozenVat *r = &rows[(*n)++];
      memset (r, 0, sizeof *r);
      copy_column (stmt, 0, r->category, sizeof r->category);
      copy_column (stmt, 1, r->rate, sizeof r->rate);
      r->rate_ok = dokus_decimal_parse (r->rate, 9, "", &r->rate_value, NULL)
                                     == DOKUS_OK;
      r->taxable_amount = sqlite3_column_int64 (stmt, 2);
      r->tax_amount = sqlite3_column_int64 (stmt, 3);
      r->exemption_code = dup_column (stmt, 4, &nomem);
      r->exemption_text = dup_column (stmt, 5, &nomem);
    }
  dokus_stmt_cache_release (db, stmt);
  if ((rc != SQLITE_DONE && rc != SQLITE_ROW) || nomem)
    {
      dokus_frozen_vat_clear (rows, *n);
      *n = 0;
      return nomem ? dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory")
                   : dokus_book_sqlite_error (db, rc, "reading the VAT breakdown", err);
    }
  /* the same order as the totals give; a selection, so that equal rows
   * keep the order they were stored in */
  for (size_t done = 0; done < *n; done++)
    {
      size_t best = *n;
      for (size_t i = 0; i < *n; i++)
        if (!taken[i] && (best == *n || vat_before (&rows[i], &rows[best])))
          best = i;
      taken[best] = true;
      order[done] = best;
    }
  return DOKUS_OK;
}

DokusStatus
dokus_doc_billing_reference (sqlite3 *db, const char *id, DokusBillingReference *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = dokus_stmt_cache_prepare (db,
                                     "SELECT id, number, issue_date FROM documents WHERE id = ?1",
                                     &stmt);

  memset (out, 0, sizeof *out);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    {
      out->found = true;
      copy_column (stmt, 0, out->id, sizeof out->id);
      copy_column (stmt, 1, out->number, sizeof out->number);
      copy_column (stmt, 2, out->issue_date, sizeof out->issue_date);
      out->has_id = sqlite3_column_type (stmt, 0) != SQLITE_NULL;
      out->has_number = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      out->has_issue_date = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
    }
  dokus_stmt_cache_release (db, stmt);
  return DOKUS_OK;
}

void
dokus_frozen_doc_clear (DokusFrozenDoc *f)
{
  if (f == NULL)
    return;
  dokus_doc_clear (&f->doc);
  dokus_frozen_vat_clear (f->vat, f->n_vat);
  cJSON_Delete (f->seller);
  cJSON_Delete (f->buyer);
  memset (f, 0, sizeof *f);
}

DokusStatus
dokus_frozen_doc_load (sqlite3 *db, const char *id, DokusFrozenDoc *out, DokusError *err)
{
  DokusStatus st;

  memset (out, 0, sizeof *out);
  if ((st = dokus_doc_load (db, id, &out->doc, err)) != DOKUS_OK)
    return st;
  if (strcmp (out->doc.state, "draft") == 0)
    {
      out->draft = true;
      return DOKUS_OK;
    }
  st = dokus_doc_compute (&out->doc, &out->totals, err);
  if (st == DOKUS_OK)
    st = dokus_frozen_vat_read (db, out->doc.id, out->vat, &out->n_vat, out->vat_order, err);
  if (st != DOKUS_OK)
    {
      dokus_frozen_doc_clear (out);
      return st;
    }
  /* the legal mentions in the order dokus_document_show() lists them */
  for (size_t i = 0; i < out->n_vat; i++)
    if (out->vat[i].exemption_text != NULL)
      out->mentions[out->n_mentions++] = out->vat[i].exemption_text;
  if (out->doc.triangulation)
    out->mentions[out->n_mentions++] = dokus_vat_triangulation_mention (out->doc.language);
  if (strcmp (out->doc.type, "credit_note") == 0)
    out->mentions[out->n_mentions++] = dokus_vat_credit_note_mention (out->doc.language);
  if (out->doc.billing_reference_id[0])
    dokus_doc_billing_reference (db, out->doc.billing_reference_id, &out->billing);
  out->seller = out->doc.seller_json ? cJSON_Parse (out->doc.seller_json) : NULL;
  out->buyer = out->doc.buyer_json ? cJSON_Parse (out->doc.buyer_json) : NULL;
  return DOKUS_OK;
}

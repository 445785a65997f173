/* dokus-invoice.c
 *
 * Drafting sales documents: an invoice from its JSON, a credit note on an
 * issued invoice (whole or in part). Drafts are freely editable; the rules
 * that depend on the issue date are checked again when issuing
 * (dokus-issue.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-audit-private.h"
#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-id-private.h"
#include "dokus-json-input-private.h"
#include "dokus/dokus-ledger.h"

static char *
dup_or_null (const char *s)
{
  return s ? strdup (s) : NULL;
}

/* Fields shared by invoices and credit notes: dates, references, note. */
static DokusStatus
parse_common (const cJSON *obj, DokusDoc *doc, DokusError *err)
{
  const char *buyer = NULL, *order = NULL, *note = NULL;
  DokusStatus st;

  st = dokus_json_get_date (obj, "", "issue_date", false, &doc->issue_date, &doc->has_issue_date,
                            err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "buyer_reference", false, 200, &buyer, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "order_reference", false, 200, &order, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "note", false, DOKUS_TEXT_MAX, &note, err);
  if (st != DOKUS_OK)
    return st;
  doc->buyer_reference = dup_or_null (buyer);
  doc->order_reference = dup_or_null (order);
  doc->note = dup_or_null (note);
  return DOKUS_OK;
}

DokusStatus
dokus_invoice_parse (sqlite3 *db, const cJSON *obj, bool franchise, DokusDoc *doc, DokusError *err)
{
  static const char *const fields[]
    = { "client", "issue_date", "due_date", "payment_terms_days", "currency", "buyer_reference",
        "order_reference", "note", "delivery", "lines", "allowances", "charges", NULL };
  static const char *const currencies[] = { "EUR", NULL };
  static const char *const delivery_fields[] = { "date", "country", "triangulation", NULL };
  const char *client = NULL, *currency = NULL, *country = NULL;
  const cJSON *lines = NULL, *allowances = NULL, *charges = NULL, *delivery = NULL;
  DokusStatus st;

  st = dokus_json_check_fields (obj, "", fields, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "client", true, 200, &client, err);
  if (st == DOKUS_OK)
    st = dokus_client_resolve (db, client, doc->client_id, err);
  if (st == DOKUS_OK)
    st = parse_common (obj, doc, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_date (obj, "", "due_date", false, &doc->due_date, &doc->has_due_date, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_int (obj, "", "payment_terms_days", false, 0, 365, &doc->terms,
                             &doc->has_terms, err);
  if (st == DOKUS_OK && doc->has_due_date && doc->has_terms)
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "due_date",
                          "give due_date or payment_terms_days, not both");
  if (st == DOKUS_OK && doc->has_due_date && doc->has_issue_date
      && dokus_date_cmp (doc->due_date, doc->issue_date) < 0)
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "due_date",
                          "the due date is before the issue date");
  if (st == DOKUS_OK)
    st = dokus_json_get_choice (obj, "", "currency", false, currencies, &currency, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_object (obj, "", "delivery", false, &delivery, err);
  if (st == DOKUS_OK && delivery != NULL)
    {
      st = dokus_json_check_fields (delivery, "delivery", delivery_fields, err);
      if (st == DOKUS_OK)
        st = dokus_json_get_date (delivery, "delivery", "date", false, &doc->delivery_date,
                                  &doc->has_delivery_date, err);
      if (st == DOKUS_OK)
        st = dokus_json_get_string (delivery, "delivery", "country", false, 2, &country, err);
      if (st == DOKUS_OK && country != NULL)
        {
          if (strlen (country) != 2 || country[0] < 'A' || country[0] > 'Z' || country[1] < 'A'
              || country[1] > 'Z')
            st = dokus_error_set (err, DOKUS_ERR_INVALID, "delivery.country",
                                  "a country is two capital letters (ISO 3166), e.g. NL");
          else
            snprintf (doc->delivery_country, sizeof doc->delivery_country, "%s", country);
        }
      if (st == DOKUS_OK)
        st = dokus_json_get_bool (delivery, "delivery", "triangulation", false,
                                  &doc->triangulation, NULL, err);
    }
  if (st == DOKUS_OK)
    st = dokus_json_get_array (obj, "", "lines", true, &lines, err);
  if (st == DOKUS_OK)
    st = dokus_doc_parse_lines (lines, "lines", franchise, doc, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_array (obj, "", "allowances", false, &allowances, err);
  if (st == DOKUS_OK && allowances != NULL)
    st = dokus_doc_parse_adjustments (allowances, "allowances", false, franchise, doc, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_array (obj, "", "charges", false, &charges, err);
  if (st == DOKUS_OK && charges != NULL)
    st = dokus_doc_parse_adjustments (charges, "charges", true, franchise, doc, err);
  return st;
}

/* Saves @doc as a draft with its audit entry, in one transaction. */
static DokusStatus
save_draft (sqlite3 *db, DokusDoc *doc, char out_id[DOKUS_ID_TEXT], DokusError *err)
{
  DokusTotals totals;
  DokusStatus st = dokus_doc_compute (doc, &totals, err);
  char *shown = NULL;

  if (st != DOKUS_OK)
    return st;
  dokus_uuid_new (doc->id);
  st = dokus_doc_insert_draft (db, doc, err);
  if (st == DOKUS_OK)
    st = dokus_document_show_text (db, doc->id, &shown, err);
  if (st == DOKUS_OK)
    st = dokus_audit_append (db, "create", doc->type, doc->id, NULL, shown, err);
  free (shown);
  if (st == DOKUS_OK)
    memcpy (out_id, doc->id, DOKUS_ID_TEXT);
  return st;
}

DokusStatus
dokus_invoice_create (DokusBook *book, const char *json, char out_id[DOKUS_ID_TEXT],
                      DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  DokusProfileFacts facts;
  DokusDoc doc = { 0 };
  cJSON *obj = NULL;
  DokusStatus st = dokus_json_parse_object (json, "invoice", &obj, err);

  if (st == DOKUS_OK)
    st = dokus_ledger_begin (db, err);
  if (st != DOKUS_OK)
    goto out;
  strcpy (doc.type, "invoice");
  strcpy (doc.state, "draft");
  st = dokus_profile_facts (db, &facts, err);
  if (st == DOKUS_OK)
    st = dokus_invoice_parse (db, obj, facts.franchise, &doc, err);
  if (st == DOKUS_OK)
    st = save_draft (db, &doc, out_id, err);
  if (st == DOKUS_OK)
    st = dokus_ledger_commit (db, err);
  else
    dokus_ledger_rollback (db);
out:
  dokus_doc_clear (&doc);
  cJSON_Delete (obj);
  return st;
}

/* What is left to credit on @invoice: its total minus its issued credit
 * notes. */
DokusStatus
dokus_invoice_creditable (sqlite3 *db, const char *invoice_id, DokusCents *out, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT i.tax_inclusive_amount - coalesce((SELECT"
                               " sum(c.tax_inclusive_amount) FROM documents c WHERE"
                               " c.billing_reference_id = i.id AND c.state <> 'draft'), 0)"
                               " FROM documents i WHERE i.id = ?1",
                               -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, invoice_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading what is left to credit", err);
  return DOKUS_OK;
}

DokusStatus
dokus_invoice_credit (DokusBook *book, const char *invoice, const char *json,
                      char out_id[DOKUS_ID_TEXT], DokusError *err)
{
  static const char *const fields[] = { "issue_date", "note", "lines", NULL };
  sqlite3 *db = dokus_book_get_db (book);
  char invoice_id[DOKUS_ID_TEXT];
  DokusProfileFacts facts;
  DokusDoc inv = { 0 }, doc = { 0 };
  DokusTotals totals;
  DokusCents left = 0;
  const cJSON *lines = NULL;
  cJSON *obj = NULL;
  DokusStatus st = DOKUS_OK;

  if (json != NULL)
    st = dokus_json_parse_object (json, "credit note", &obj, err);
  if (st == DOKUS_OK)
    st = dokus_ledger_begin (db, err);
  if (st != DOKUS_OK)
    goto out;
  st = dokus_profile_facts (db, &facts, err);
  if (st == DOKUS_OK)
    st = dokus_doc_resolve (db, invoice, invoice_id, err);
  if (st == DOKUS_OK)
    st = dokus_doc_load (db, invoice_id, &inv, err);
  if (st == DOKUS_OK && strcmp (inv.type, "invoice") != 0)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "invoice",
                          "%s is a credit note: only invoices are credited", invoice);
  if (st == DOKUS_OK && strcmp (inv.state, "draft") == 0)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "invoice",
                          "a draft is edited, not credited: issue it first");
  if (st != DOKUS_OK)
    goto fail;

  strcpy (doc.type, "credit_note");
  strcpy (doc.state, "draft");
  memcpy (doc.client_id, inv.client_id, sizeof doc.client_id);
  memcpy (doc.billing_reference_id, inv.id, sizeof doc.billing_reference_id);
  /* the supply credited is the one invoiced: same delivery (BR-IC-11/12 for K) */
  doc.has_delivery_date = inv.has_delivery_date;
  doc.delivery_date = inv.delivery_date;
  memcpy (doc.delivery_country, inv.delivery_country, sizeof doc.delivery_country);
  doc.triangulation = inv.triangulation;
  doc.buyer_reference = inv.buyer_reference ? strdup (inv.buyer_reference) : NULL;
  doc.order_reference = inv.order_reference ? strdup (inv.order_reference) : NULL;
  if (obj != NULL)
    {
      const char *note = NULL;
      st = dokus_json_check_fields (obj, "", fields, err);
      if (st == DOKUS_OK)
        st = dokus_json_get_date (obj, "", "issue_date", false, &doc.issue_date,
                                  &doc.has_issue_date, err);
      if (st == DOKUS_OK)
        st = dokus_json_get_string (obj, "", "note", false, DOKUS_TEXT_MAX, &note, err);
      if (st == DOKUS_OK)
        doc.note = note ? strdup (note) : NULL;
      if (st == DOKUS_OK)
        st = dokus_json_get_array (obj, "", "lines", false, &lines, err);
      if (st == DOKUS_OK && lines != NULL)
        st = dokus_doc_parse_lines (lines, "lines", dokus_seller_is_franchise (inv.seller_json),
                                    &doc, err);
      /* a credit note takes back VAT as the invoice charged it: same
       * category and rate (art. 79 WBTW corrects that VAT, not another) */
      for (size_t i = 0; st == DOKUS_OK && lines != NULL && i < doc.n_lines; i++)
        {
          bool charged = false;
          for (size_t k = 0; k < inv.n_lines && !charged; k++)
            charged = strcmp (inv.lines[k].t.vat_category, doc.lines[i].t.vat_category) == 0
                      && dokus_decimal_cmp (inv.lines[k].t.vat_rate, doc.lines[i].t.vat_rate) == 0;
          for (size_t k = 0; k < inv.n_adjustments && !charged; k++)
            charged = strcmp (inv.adjustments[k].t.vat_category, doc.lines[i].t.vat_category) == 0
                      && dokus_decimal_cmp (inv.adjustments[k].t.vat_rate, doc.lines[i].t.vat_rate)
                             == 0;
          if (!charged)
            {
              char field[DOKUS_FIELD_TEXT], rate[DOKUS_MONEY_TEXT];
              snprintf (field, sizeof field, "lines[%u].vat_rate", (unsigned) i);
              st = dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                    "%s has no %s line at %s %%: a credit note credits VAT as "
                                    "the invoice charged it",
                                    inv.number, doc.lines[i].t.vat_category,
                                    dokus_decimal_format (doc.lines[i].t.vat_rate, rate));
            }
        }
    }
  if (st == DOKUS_OK && doc.has_issue_date && dokus_date_cmp (doc.issue_date, inv.issue_date) < 0)
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "issue_date",
                          "a credit note cannot be dated before its invoice");
  if (st == DOKUS_OK && lines == NULL)
    {
      /* credit the invoice whole: every line and adjustment */
      doc.lines = calloc (inv.n_lines + 1, sizeof *doc.lines);
      doc.adjustments = calloc (inv.n_adjustments + 1, sizeof *doc.adjustments);
      if (doc.lines == NULL || doc.adjustments == NULL)
        st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      for (size_t i = 0; st == DOKUS_OK && i < inv.n_lines; i++)
        {
          doc.lines[i] = inv.lines[i];
          doc.lines[i].description = strdup (inv.lines[i].description);
          doc.n_lines++;
        }
      for (size_t i = 0; st == DOKUS_OK && i < inv.n_adjustments; i++)
        {
          doc.adjustments[i] = inv.adjustments[i];
          doc.adjustments[i].reason = strdup (inv.adjustments[i].reason);
          doc.n_adjustments++;
        }
    }
  if (st == DOKUS_OK)
    st = dokus_doc_compute (&doc, &totals, err);
  if (st == DOKUS_OK)
    st = dokus_invoice_creditable (db, inv.id, &left, err);
  if (st == DOKUS_OK && totals.tax_inclusive_amount <= 0)
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "lines",
                          "a credit note credits a positive amount (its amounts are positive)");
  if (st == DOKUS_OK && totals.tax_inclusive_amount > left)
    {
      char a[DOKUS_MONEY_TEXT], b[DOKUS_MONEY_TEXT];
      st = dokus_error_set (err, DOKUS_ERR_REFUSED, "lines",
                            "the credit note (%s) is more than what is left to credit on %s (%s)",
                            dokus_cents_format (totals.tax_inclusive_amount, a), inv.number,
                            dokus_cents_format (left, b));
    }
  if (st == DOKUS_OK)
    st = save_draft (db, &doc, out_id, err);
  if (st == DOKUS_OK)
    {
      st = dokus_ledger_commit (db, err);
      goto out;
    }
fail:
  dokus_ledger_rollback (db);
out:
  dokus_doc_clear (&inv);
  dokus_doc_clear (&doc);
  cJSON_Delete (obj);
  return st;
}

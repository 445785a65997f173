/* dokus-document-json.c
 *
 * Sales documents as JSON (docs/formats.md, "document"): issued
 * documents as they were frozen, drafts as they would be issued today,
 * with their derived balance. The list is dokus-document-query.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-json-input-private.h"
#include "dokus-stmt-cache-private.h"
#include "dokus/dokus-vat.h"

void
dokus_doc_vat_notes (const DokusDoc *doc, const DokusTotals *t, bool franchise,
                     const char *client_country, const char *language,
                     DokusVatNote notes[DOKUS_VAT_GROUPS_MAX])
{
  for (size_t g = 0; g < t->n_groups; g++)
    {
      const DokusVatGroup *grp = &t->groups[g];
      DokusVatCase vat_case = dokus_vat_case (grp->category, franchise, client_country);
      const char *given = NULL;

      for (size_t i = 0; i < doc->n_lines && given == NULL; i++)
        if (strcmp (doc->lines[i].t.vat_category, grp->category) == 0
            && doc->lines[i].exemption_reason[0])
          given = doc->lines[i].exemption_reason;
      notes[g].code = dokus_vat_exemption_code (vat_case, given);
      notes[g].text = dokus_vat_mention (vat_case, language);
    }
}

static void
add_date (cJSON *o, const char *key, bool has, DokusDate d)
{
  char buf[DOKUS_DATE_TEXT];
  dokus_json_add_string_or_null (o, key, has ? dokus_date_format (d, buf) : NULL);
}

static void
add_totals (cJSON *o, const DokusTotals *t)
{
  cJSON *tot = cJSON_AddObjectToObject (o, "totals");
  dokus_json_add_cents (tot, "line_extension_amount", t->line_extension_amount);
  dokus_json_add_cents (tot, "allowance_total_amount", t->allowance_total_amount);
  dokus_json_add_cents (tot, "charge_total_amount", t->charge_total_amount);
  dokus_json_add_cents (tot, "tax_exclusive_amount", t->tax_exclusive_amount);
  dokus_json_add_cents (tot, "tax_amount", t->tax_amount);
  dokus_json_add_cents (tot, "tax_inclusive_amount", t->tax_inclusive_amount);
  dokus_json_add_cents (tot, "prepaid_amount", t->prepaid_amount);
  dokus_json_add_cents (tot, "payable_amount", t->payable_amount);
}

/* The VAT breakdown as frozen at issue. */
static DokusStatus
add_frozen_vat (sqlite3 *db, cJSON *o, const char *id, cJSON *mentions, DokusError *err)
{
  cJSON *arr = cJSON_AddArrayToObject (o, "vat_breakdown");
  DokusFrozenVat rows[DOKUS_VAT_GROUPS_MAX];
  size_t n = 0, order[DOKUS_VAT_GROUPS_MAX];
  DokusStatus st = dokus_frozen_vat_read (db, id, rows, &n, order, err);

  if (st != DOKUS_OK)
    return st;
  for (size_t i = 0; i < n; i++)
    if (rows[i].exemption_text != NULL)
      cJSON_AddItemToArray (mentions, cJSON_CreateString (rows[i].exemption_text));
  for (size_t k = 0; k < n; k++)
    {
      const DokusFrozenVat *r = &rows[order[k]];
      cJSON *v = cJSON_CreateObject ();
      cJSON_AddStringToObject (v, "category", r->category);
      cJSON_AddStringToObject (v, "rate", r->rate);
      dokus_json_add_cents (v, "taxable_amount", r->taxable_amount);
      dokus_json_add_cents (v, "tax_amount", r->tax_amount);
      dokus_json_add_string_or_null (v, "exemption_reason", r->exemption_code);
      dokus_json_add_string_or_null (v, "exemption_reason_text", r->exemption_text);
      cJSON_AddItemToArray (arr, v);
    }
  dokus_frozen_vat_clear (rows, n);
  return DOKUS_OK;
}

static void
add_computed_vat (cJSON *o, const DokusDoc *doc, const DokusTotals *t, bool franchise,
                  const char *client_country, const char *language, cJSON *mentions)
{
  cJSON *arr = cJSON_AddArrayToObject (o, "vat_breakdown");
  DokusVatNote notes[DOKUS_VAT_GROUPS_MAX];

  dokus_doc_vat_notes (doc, t, franchise, client_country, language, notes);
  for (size_t g = 0; g < t->n_groups; g++)
    {
      cJSON *v = cJSON_CreateObject ();
      cJSON_AddStringToObject (v, "category", t->groups[g].category);
      dokus_json_add_decimal (v, "rate", t->groups[g].rate);
      dokus_json_add_cents (v, "taxable_amount", t->groups[g].taxable_amount);
      dokus_json_add_cents (v, "tax_amount", t->groups[g].tax_amount);
      dokus_json_add_string_or_null (v, "exemption_reason", notes[g].code);
      dokus_json_add_string_or_null (v, "exemption_reason_text", notes[g].text);
      if (notes[g].text != NULL)
        cJSON_AddItemToArray (mentions, cJSON_CreateString (notes[g].text));
      cJSON_AddItemToArray (arr, v);
    }
}

static void
add_lines (cJSON *o, const DokusDoc *doc)
{
  cJSON *lines = cJSON_AddArrayToObject (o, "lines");
  cJSON *allowances = cJSON_AddArrayToObject (o, "allowances");
  cJSON *charges = cJSON_AddArrayToObject (o, "charges");

  for (size_t i = 0; i < doc->n_lines; i++)
    {
      const DokusDocLine *l = &doc->lines[i];
      cJSON *v = cJSON_CreateObject ();
      cJSON_AddNumberToObject (v, "position", (double) (i + 1));
      cJSON_AddStringToObject (v, "description", l->description);
      dokus_json_add_decimal (v, "quantity", l->t.quantity);
      cJSON_AddStringToObject (v, "unit", l->unit);
      dokus_json_add_decimal (v, "unit_price", l->t.unit_price);
      if (dokus_decimal_is_zero (l->t.discount_percent))
        cJSON_AddNullToObject (v, "discount_percent");
      else
        dokus_json_add_decimal (v, "discount_percent", l->t.discount_percent);
      cJSON_AddStringToObject (v, "vat_category", l->t.vat_category);
      dokus_json_add_decimal (v, "vat_rate", l->t.vat_rate);
      dokus_json_add_string_or_null (v, "exemption_reason",
                                     l->exemption_reason[0] ? l->exemption_reason : NULL);
      dokus_json_add_cents (v, "line_extension_amount", l->net);
      cJSON_AddItemToArray (lines, v);
    }
  for (size_t i = 0; i < doc->n_adjustments; i++)
    {
      const DokusDocAdjustment *a = &doc->adjustments[i];
      cJSON *v = cJSON_CreateObject ();
      cJSON_AddStringToObject (v, "reason", a->reason);
      dokus_json_add_cents (v, "amount", a->t.amount);
      cJSON_AddStringToObject (v, "vat_category", a->t.vat_category);
      dokus_json_add_decimal (v, "vat_rate", a->t.vat_rate);
      cJSON_AddItemToArray (a->t.is_charge ? charges : allowances, v);
    }
}

/* id, number and issue date of a referenced invoice, or NULLs. */
static cJSON *
billing_reference (sqlite3 *db, const char *id)
{
  DokusBillingReference ref;
  cJSON *o = cJSON_CreateObject ();

  dokus_doc_billing_reference (db, id, &ref);
  if (ref.found)
    {
      dokus_json_add_string_or_null (o, "id", ref.has_id ? ref.id : NULL);
      dokus_json_add_string_or_null (o, "number", ref.has_number ? ref.number : NULL);
      dokus_json_add_string_or_null (o, "issue_date", ref.has_issue_date ? ref.issue_date : NULL);
    }
  return o;
}

static DokusStatus
document_json (sqlite3 *db, DokusDoc *doc, bool with_balance, cJSON **out, DokusError *err)
{
  bool draft = strcmp (doc->state, "draft") == 0;
  DokusProfileFacts facts = { 0 };
  DokusDocBalance bal = { 0 };
  DokusTotals t;
  cJSON *o = cJSON_CreateObject (), *client, *buyer = NULL, *seller = NULL, *mentions;
  const char *client_country = "BE", *language;
  DokusStatus st;

  *out = NULL;
  if (o == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  st = dokus_doc_compute (doc, &t, err);
  if (st == DOKUS_OK && with_balance)
    st = dokus_doc_balance (db, doc, dokus_date_today (), &bal, err);
  if (st == DOKUS_OK && draft)
    st = dokus_profile_facts (db, &facts, err);
  if (st == DOKUS_OK && draft)
    st = dokus_doc_regime (db, doc, facts.franchise, &facts.franchise, NULL, err);
  if (st != DOKUS_OK)
    {
      cJSON_Delete (o);
      return st;
    }
  if (draft)
    buyer = dokus_client_to_json (db, doc->client_id, NULL);
  else
    {
      buyer = doc->buyer_json ? cJSON_Parse (doc->buyer_json) : NULL;
      seller = doc->seller_json ? cJSON_Parse (doc->seller_json) : NULL;
    }
  if (buyer != NULL && cJSON_IsString (cJSON_GetObjectItem (buyer, "country")))
    client_country = cJSON_GetObjectItem (buyer, "country")->valuestring;
  language = draft ? (buyer && cJSON_IsString (cJSON_GetObjectItem (buyer, "language"))
                          ? cJSON_GetObjectItem (buyer, "language")->valuestring
                          : facts.language)
                   : doc->language;

  cJSON_AddStringToObject (o, "id", doc->id);
  cJSON_AddStringToObject (o, "type", doc->type);
  dokus_json_add_string_or_null (o, "number", draft ? NULL : doc->number);
  cJSON_AddStringToObject (o, "status", with_balance ? bal.status : doc->state);
  if (with_balance)
    cJSON_AddBoolToObject (o, "overdue", bal.overdue);
  add_date (o, "issue_date", doc->has_issue_date, doc->issue_date);
  add_date (o, "due_date", doc->has_due_date, doc->due_date);
  if (draft && doc->has_terms)
    cJSON_AddNumberToObject (o, "payment_terms_days", (double) doc->terms);
  client = cJSON_AddObjectToObject (o, "client");
  cJSON_AddStringToObject (client, "id", doc->client_id);
  dokus_json_add_string_or_null (client, "name",
                                 buyer && cJSON_IsString (cJSON_GetObjectItem (buyer, "name"))
                                     ? cJSON_GetObjectItem (buyer, "name")->valuestring
                                     : NULL);
  if (doc->billing_reference_id[0])
    cJSON_AddItemToObject (o, "billing_reference", billing_reference (db, doc->billing_reference_id));
  else
    cJSON_AddNullToObject (o, "billing_reference");
  cJSON_AddStringToObject (o, "currency", "EUR");
  dokus_json_add_string_or_null (o, "language", language);
  dokus_json_add_string_or_null (o, "buyer_reference", doc->buyer_reference);
  dokus_json_add_string_or_null (o, "order_reference", doc->order_reference);
  dokus_json_add_string_or_null (o, "note", doc->note);
  if (doc->has_delivery_date || doc->delivery_country[0])
    {
      cJSON *d = cJSON_AddObjectToObject (o, "delivery");
      add_date (d, "date", doc->has_delivery_date, doc->delivery_date);
      dokus_json_add_string_or_null (d, "country",
                                     doc->delivery_country[0] ? doc->delivery_country : NULL);
      cJSON_AddBoolToObject (d, "triangulation", doc->triangulation);
    }
  else
    cJSON_AddNullToObject (o, "delivery");
  add_lines (o, doc);
  add_totals (o, &t);
  mentions = cJSON_CreateArray ();
  if (draft)
    add_computed_vat (o, doc, &t, facts.franchise, client_country, language, mentions);
  else
    st = add_frozen_vat (db, o, doc->id, mentions, err);
  if (doc->triangulation)
    cJSON_AddItemToArray (mentions, cJSON_CreateString (dokus_vat_triangulation_mention (language)));
  if (strcmp (doc->type, "credit_note") == 0)
    cJSON_AddItemToArray (mentions, cJSON_CreateString (dokus_vat_credit_note_mention (language)));
  cJSON_AddItemToObject (o, "mentions", mentions);
  if (with_balance)
    {
      dokus_json_add_cents (o, "paid_amount", bal.paid);
      if (strcmp (doc->type, "invoice") == 0)
        dokus_json_add_cents (o, "credited_amount", bal.credited);
      dokus_json_add_cents (o, "open_amount", draft ? t.tax_inclusive_amount : bal.open);
    }
  dokus_json_add_string_or_null (o, "structured_communication", doc->structured_communication);
  if (seller != NULL)
    cJSON_AddItemToObject (o, "seller", seller);
  if (buyer != NULL)
    cJSON_AddItemToObject (o, "buyer", buyer);
  dokus_json_add_string_or_null (o, "issued_at", doc->issued_at[0] ? doc->issued_at : NULL);
  if (st != DOKUS_OK)
    {
      cJSON_Delete (o);
      return st;
    }
  *out = o;
  return DOKUS_OK;
}

DokusStatus
dokus_document_to_json (sqlite3 *db, const char *id, bool with_balance, cJSON **out,
                        DokusError *err)
{
  DokusDoc doc;
  DokusStatus st = dokus_doc_load (db, id, &doc, err);

  *out = NULL;
  if (st != DOKUS_OK)
    return st;
  st = document_json (db, &doc, with_balance, out, err);
  dokus_doc_clear (&doc);
  return st;
}

DokusStatus
dokus_document_show_text (sqlite3 *db, const char *id, char **out, DokusError *err)
{
  cJSON *o = NULL;
  DokusStatus st = dokus_document_to_json (db, id, true, &o, err);

  *out = NULL;
  if (st != DOKUS_OK)
    return st;
  return dokus_json_print_take (o, out, err);
}

DokusStatus
dokus_document_show (DokusBook *book, const char *id_or_number, char **out_json, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char id[DOKUS_ID_TEXT];
  DokusStatus st = dokus_doc_resolve (db, id_or_number, id, err);

  *out_json = NULL;
  if (st != DOKUS_OK)
    return st;
  return dokus_document_show_text (db, id, out_json, err);
}

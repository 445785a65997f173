/* dokus-ubl-read-json.c
 *
 * The JSON rendering of a purchase document read from UBL, as described
 * in dokus-ubl-read.h: what `dokus-cli ubl import --json` and the GUI
 * show of a received invoice. Amounts keep their decimals as written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "dokus-json-input-private.h"
#include "dokus-ubl-read-private.h"

char *
dokus_ubl_format_amount (DokusDecimal d, char buf[DOKUS_MONEY_TEXT])
{
  uint64_t mag, pow10 = 1;
  unsigned scale = d.scale;

  assert (d.scale <= DOKUS_DECIMAL_MAX_SCALE);
  mag = d.units < 0 ? (uint64_t) (-(d.units + 1)) + 1 : (uint64_t) d.units;
  /* at least two decimals: |units| < 10^15 leaves room for × 100 */
  for (; scale < 2; scale++)
    mag *= 10;
  for (unsigned i = 0; i < scale; i++)
    pow10 *= 10;
  snprintf (buf, DOKUS_MONEY_TEXT, "%s%" PRIu64 ".%0*" PRIu64, d.units < 0 ? "-" : "",
            mag / pow10, (int) scale, mag % pow10);
  return buf;
}

static void
add_str (cJSON *o, const char *key, const char *value)
{
  dokus_json_add_string_or_null (o, key, value);
}

static void
add_amount (cJSON *o, const char *key, const UblAmount *a)
{
  char buf[DOKUS_MONEY_TEXT];

  if (a->present)
    cJSON_AddStringToObject (o, key, dokus_ubl_format_amount (a->value, buf));
  else
    cJSON_AddNullToObject (o, key);
}

static void
add_decimal (cJSON *o, const char *key, bool present, DokusDecimal d)
{
  if (present)
    dokus_json_add_decimal (o, key, d);
  else
    cJSON_AddNullToObject (o, key);
}

static void
add_date (cJSON *o, const char *key, const UblDate *d)
{
  char buf[DOKUS_DATE_TEXT];

  add_str (o, key, d->present ? dokus_date_format (d->value, buf) : NULL);
}

static void
add_period (cJSON *o, const char *key, bool present, const UblDate *start, const UblDate *end)
{
  cJSON *p;

  if (!present)
    {
      cJSON_AddNullToObject (o, key);
      return;
    }
  p = cJSON_AddObjectToObject (o, key);
  add_date (p, "start", start);
  add_date (p, "end", end);
}

static void
add_vat (cJSON *o, const char *key, const UblTaxCategory *c)
{
  cJSON *v = cJSON_AddObjectToObject (o, key);

  add_str (v, "category", c->category);
  add_decimal (v, "rate", c->has_rate, c->rate);
}

static void
add_party (cJSON *o, const char *key, const UblParty *p)
{
  cJSON *j;

  if (!p->present)
    {
      cJSON_AddNullToObject (o, key);
      return;
    }
  j = cJSON_AddObjectToObject (o, key);
  add_str (j, "name", p->name);
  add_str (j, "legal_name", p->legal_name);
  add_str (j, "vat_id", p->vat_id);
  add_str (j, "tax_id", p->tax_id);
  add_str (j, "company_id", p->company_id);
  add_str (j, "company_id_scheme", p->company_id_scheme);
  add_str (j, "party_id", p->party_id);
  add_str (j, "party_id_scheme", p->party_id_scheme);
  add_str (j, "endpoint_id", p->endpoint_id);
  add_str (j, "endpoint_scheme", p->endpoint_scheme);
  add_str (j, "street", p->street);
  add_str (j, "additional_street", p->additional_street);
  add_str (j, "city", p->city);
  add_str (j, "postal_zone", p->postal_zone);
  add_str (j, "subdivision", p->subdivision);
  add_str (j, "country", p->country);
  add_str (j, "contact_name", p->contact_name);
  add_str (j, "contact_phone", p->contact_phone);
  add_str (j, "contact_email", p->contact_email);
}

static void
add_allowances (cJSON *o, const UblAllowanceCharge *a, size_t n)
{
  cJSON *arr = cJSON_AddArrayToObject (o, "allowances_charges");

  for (size_t i = 0; i < n && arr; i++)
    {
      cJSON *j = cJSON_CreateObject ();
      cJSON_AddItemToArray (arr, j);
      cJSON_AddBoolToObject (j, "charge", a[i].charge);
      add_amount (j, "amount", &a[i].amount);
      add_amount (j, "base", &a[i].base);
      add_decimal (j, "percent", a[i].has_percent, a[i].percent);
      add_str (j, "reason", a[i].reason);
      add_str (j, "reason_code", a[i].reason_code);
      add_vat (j, "vat", &a[i].vat);
    }
}

static void
add_line (cJSON *arr, const UblLine *l)
{
  cJSON *j = cJSON_CreateObject (), *item, *price;

  cJSON_AddItemToArray (arr, j);
  add_str (j, "id", l->id);
  add_str (j, "note", l->note);
  add_decimal (j, "quantity", l->quantity.present, l->quantity.value);
  add_str (j, "unit", l->quantity.unit);
  add_amount (j, "net_amount", &l->net);
  add_str (j, "accounting_cost", l->accounting_cost);
  add_str (j, "order_line_reference", l->order_line_reference);
  add_period (j, "period", l->period_start.present || l->period_end.present, &l->period_start,
              &l->period_end);
  item = cJSON_AddObjectToObject (j, "item");
  add_str (item, "name", l->item_name);
  add_str (item, "description", l->item_description);
  add_str (item, "sellers_id", l->sellers_id);
  add_str (item, "buyers_id", l->buyers_id);
  add_str (item, "standard_id", l->standard_id);
  add_str (item, "standard_id_scheme", l->standard_id_scheme);
  add_str (item, "origin_country", l->origin_country);
  add_vat (j, "vat", &l->vat);
  price = cJSON_AddObjectToObject (j, "price");
  add_amount (price, "amount", &l->price);
  add_decimal (price, "base_quantity", l->base_quantity.present, l->base_quantity.value);
  add_str (price, "unit", l->base_quantity.unit);
  add_amount (price, "discount", &l->price_discount);
  add_amount (price, "gross_amount", &l->price_gross);
  add_allowances (j, l->allowances, l->n_allowances);
}

static cJSON *
doc_to_json (const DokusPurchaseDoc *d)
{
  cJSON *o = cJSON_CreateObject (), *arr, *t;

  if (o == NULL)
    return NULL;
  cJSON_AddStringToObject (o, "type", d->credit_note ? "credit_note" : "invoice");
  add_str (o, "type_code", d->type_code);
  add_str (o, "customization_id", d->customization_id);
  add_str (o, "profile_id", d->profile_id);
  add_str (o, "number", d->number);
  add_date (o, "issue_date", &d->issue_date);
  add_date (o, "due_date", &d->due_date);
  add_date (o, "tax_point_date", &d->tax_point_date);
  add_str (o, "currency", d->currency);
  add_str (o, "tax_currency", d->tax_currency);
  add_str (o, "buyer_reference", d->buyer_reference);
  add_str (o, "accounting_cost", d->accounting_cost);
  add_str (o, "order_reference", d->order_reference);
  add_str (o, "sales_order_reference", d->sales_order_reference);
  add_str (o, "contract_reference", d->contract_reference);
  add_str (o, "project_reference", d->project_reference);
  add_str (o, "despatch_reference", d->despatch_reference);
  add_str (o, "receiving_reference", d->receiving_reference);
  add_str (o, "originator_reference", d->originator_reference);
  add_str (o, "payment_terms", d->payment_terms);
  arr = cJSON_AddArrayToObject (o, "notes");
  for (size_t i = 0; i < d->n_notes && arr; i++)
    cJSON_AddItemToArray (arr, cJSON_CreateString (d->notes[i]));
  arr = cJSON_AddArrayToObject (o, "billing_references");
  for (size_t i = 0; i < d->n_billing_refs && arr; i++)
    {
      cJSON *b = cJSON_CreateObject ();
      cJSON_AddItemToArray (arr, b);
      add_str (b, "number", d->billing_refs[i].number);
      add_date (b, "issue_date", &d->billing_refs[i].issue_date);
    }
  add_period (o, "invoice_period", d->has_period, &d->period_start, &d->period_end);
  add_party (o, "supplier", &d->supplier);
  add_party (o, "buyer", &d->buyer);
  if (d->payee_name || d->payee_party_id || d->payee_company_id)
    {
      t = cJSON_AddObjectToObject (o, "payee");
      add_str (t, "name", d->payee_name);
      add_str (t, "party_id", d->payee_party_id);
      add_str (t, "company_id", d->payee_company_id);
    }
  else
    cJSON_AddNullToObject (o, "payee");
  if (d->has_delivery)
    {
      t = cJSON_AddObjectToObject (o, "delivery");
      add_date (t, "date", &d->delivery_date);
      add_str (t, "location_id", d->delivery_location);
      add_str (t, "country", d->delivery_country);
    }
  else
    cJSON_AddNullToObject (o, "delivery");
  arr = cJSON_AddArrayToObject (o, "lines");
  for (size_t i = 0; i < d->n_lines && arr; i++)
    add_line (arr, &d->lines[i]);
  add_allowances (o, d->allowances, d->n_allowances);
  arr = cJSON_AddArrayToObject (o, "vat_breakdown");
  for (size_t i = 0; i < d->n_vat_rows && arr; i++)
    {
      const UblVatRow *v = &d->vat_rows[i];
      cJSON *j = cJSON_CreateObject ();
      cJSON_AddItemToArray (arr, j);
      add_str (j, "category", v->vat.category);
      add_decimal (j, "rate", v->vat.has_rate, v->vat.rate);
      add_amount (j, "taxable", &v->taxable);
      add_amount (j, "tax", &v->tax);
      add_str (j, "exemption_reason", v->vat.exemption_reason);
      add_str (j, "exemption_code", v->vat.exemption_code);
    }
  t = cJSON_AddObjectToObject (o, "totals");
  add_amount (t, "line_extension", &d->line_extension);
  add_amount (t, "allowance_total", &d->allowance_total);
  add_amount (t, "charge_total", &d->charge_total);
  add_amount (t, "tax_exclusive", &d->tax_exclusive);
  add_amount (t, "vat", &d->vat_total);
  add_amount (t, "vat_accounting", &d->vat_total_accounting);
  add_amount (t, "tax_inclusive", &d->tax_inclusive);
  add_amount (t, "prepaid", &d->prepaid);
  add_amount (t, "rounding", &d->rounding);
  add_amount (t, "payable", &d->payable);
  arr = cJSON_AddArrayToObject (o, "payment_means");
  for (size_t i = 0; i < d->n_payment_means && arr; i++)
    {
      const UblPaymentMeans *m = &d->payment_means[i];
      cJSON *j = cJSON_CreateObject ();
      cJSON_AddItemToArray (arr, j);
      add_str (j, "code", m->code);
      add_str (j, "name", m->name);
      add_str (j, "payment_id", m->payment_id);
      add_str (j, "iban", m->iban);
      add_str (j, "account_name", m->account_name);
      add_str (j, "bic", m->bic);
      add_str (j, "card", m->card);
      add_str (j, "mandate_id", m->mandate_id);
      add_str (j, "debited_account", m->debited_account);
    }
  arr = cJSON_AddArrayToObject (o, "attachments");
  for (size_t i = 0; i < d->n_attachments && arr; i++)
    {
      const UblAttachment *a = &d->attachments[i];
      cJSON *j = cJSON_CreateObject ();
      cJSON_AddItemToArray (arr, j);
      add_str (j, "id", a->id);
      add_str (j, "description", a->description);
      add_str (j, "filename", a->filename);
      add_str (j, "mime_type", a->mime_type);
      if (a->data != NULL)
        cJSON_AddNumberToObject (j, "size", (double) a->len);
      else
        cJSON_AddNullToObject (j, "size");
      add_str (j, "uri", a->uri);
    }
  return o;
}

DokusStatus
dokus_purchase_doc_to_json (const DokusPurchaseDoc *doc, char **out_json, DokusError *err)
{
  assert (doc != NULL && out_json != NULL);
  return dokus_json_print_take (doc_to_json (doc), out_json, err);
}

DokusStatus
dokus_ubl_read_json (const char *xml, size_t len, char **out_json, DokusError *err)
{
  DokusPurchaseDoc *doc = NULL;
  DokusStatus st = dokus_ubl_read (xml, len, &doc, err);

  assert (out_json != NULL);
  *out_json = NULL;
  if (st == DOKUS_OK)
    st = dokus_purchase_doc_to_json (doc, out_json, err);
  dokus_purchase_doc_free (doc);
  return st;
}

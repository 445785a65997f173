/* dokus-ubl-import.c
 *
 * A received Peppol invoice or credit note becomes a purchase: the UBL
 * reader gives the document, this file decides how it maps onto an
 * expense (dokus-expense.h) and records it with dokus_expense_add(), in
 * one transaction with its audit entry, keeping the original XML and
 * every embedded attachment as receipts. The mapping of the VAT
 * categories and the seller's country onto a VAT treatment is explained
 * in docs/formats.md ("UBL IMPORT").
 *
 * The document is read and validated with one parse (dokus_ubl_read_validated)
 * when the validator is built: a received
 * invoice is evidence and is kept even when it breaks a rule, so fatal
 * findings are reported in the result, not refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-json-input-private.h"
#include "dokus-ubl-read-private.h"
#include "dokus/dokus-expense.h"
#include "dokus/dokus-ident.h"
#ifdef DOKUS_HAVE_UBL_VALIDATE
#include "dokus/dokus-ubl-validate.h"
#endif

#define DESCRIPTION_MAX 4000
#define SELF_ASSESSED_RATE "21" /* the Belgian standard rate (art. 37 WBTW, table A) */

/* How the rows of the VAT breakdown are recorded. */
typedef enum {
  ROW_CHARGED,       /* VAT as charged (domestic) */
  ROW_ZERO,          /* no VAT: rate 0 */
  ROW_SELF_ASSESSED, /* self-assessed at the Belgian rate */
  ROW_FOREIGN_VAT,   /* foreign VAT paid: a cost, recorded in the base at rate 0 */
} RowKind;

typedef struct {
  const char *treatment;
  RowKind     kind;
} RowMapping;

static bool
category_is (const char *category, const char *want)
{
  return category != NULL && strcmp (category, want) == 0;
}

static bool
is_zero_category (const char *c)
{
  return category_is (c, "Z") || category_is (c, "E") || category_is (c, "O")
         || category_is (c, "G");
}

/* The treatment one VAT breakdown row asks for, from the seller's
 * country; NULL treatment when it cannot be recorded. */
static RowMapping
map_row (const UblVatRow *row, const char *country)
{
  const char *c = row->vat.category;
  bool be = strcmp (country, "BE") == 0;
  bool eu = !be && dokus_vat_country_is_eu (country) && strcmp (country, "XI") != 0;
  bool taxed = row->tax.present && !dokus_decimal_is_zero (row->tax.value);

  if (be)
    {
      if (category_is (c, "S"))
        return (RowMapping) { "domestic", ROW_CHARGED };
      if (is_zero_category (c))
        return (RowMapping) { "domestic", ROW_ZERO };
      if (category_is (c, "AE"))
        return (RowMapping) { "reverse_charge", ROW_SELF_ASSESSED };
      return (RowMapping) { NULL, ROW_ZERO };
    }
  if (taxed)
    return (RowMapping) { "none", ROW_FOREIGN_VAT };
  if (eu && category_is (c, "AE"))
    return (RowMapping) { "eu_services", ROW_SELF_ASSESSED };
  if (eu && category_is (c, "K"))
    return (RowMapping) { "eu_goods", ROW_SELF_ASSESSED };
  if (!eu && (category_is (c, "AE") || category_is (c, "O")))
    return (RowMapping) { "non_eu_services", ROW_SELF_ASSESSED };
  if (is_zero_category (c) || category_is (c, "S"))
    return (RowMapping) { "none", ROW_ZERO };
  return (RowMapping) { NULL, ROW_ZERO };
}

/* @d as cents; more than 2 decimals is refused (BR-DEC-19/20 allow 2). */
static DokusStatus
to_cents (DokusDecimal d, const char *path, DokusCents *out, DokusError *err)
{
  DokusCents c = 0;

  if (d.scale > 2)
    {
      /* "1.500" is still exact in cents */
      DokusDecimal t = d;
      while (t.scale > 2 && t.units % 10 == 0)
        {
          t.units /= 10;
          t.scale--;
        }
      if (t.scale > 2)
        return dokus_error_set (err, DOKUS_ERR_INVALID, path,
                                "%s: an amount with more than 2 decimals", path);
      d = t;
    }
  c = d.units;
  for (unsigned s = d.scale; s < 2; s++)
    c *= 10;
  *out = c;
  return DOKUS_OK;
}

/* A file name safe for a receipt: with @basename only what follows the
 * last '/' or '\\' (a sender's path means nothing here), else separators
 * become '_'; no control characters; at most 120 bytes cut at a UTF-8
 * boundary. */
static void
safe_filename (const char *in, bool basename, const char *fallback, char out[128])
{
  size_t n = 0;

  if (in != NULL && basename)
    for (const char *p = in; *p; p++)
      if (*p == '/' || *p == '\\')
        in = p + 1;
  if (in == NULL || in[0] == '\0')
    in = fallback;
  for (const char *p = in; *p && n < 120; p++)
    {
      unsigned char c = (unsigned char) *p;
      out[n++] = (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':') ? '_' : (char) c;
    }
  while (n > 0 && ((unsigned char) out[n - 1] & 0xc0) == 0x80)
    n--;
  if (n > 0 && ((unsigned char) out[n - 1] & 0xc0) == 0xc0)
    n--;
  out[n] = '\0';
  if (n == 0 || strcmp (out, ".") == 0 || strcmp (out, "..") == 0)
    snprintf (out, 128, "%s", fallback);
}

/* How many bytes of @s, at most @max, end on a UTF-8 character boundary. */
static int
utf8_prefix (const char *s, size_t max)
{
  size_t n = strlen (s);

  if (n <= max)
    return (int) n;
  n = max;
  while (n > 0 && ((unsigned char) s[n] & 0xc0) == 0x80)
    n--;
  return (int) n;
}

/* The first line's item name (or the first note), with how many lines
 * follow, at most DESCRIPTION_MAX bytes. (transfer full) */
static char *
describe (const DokusPurchaseDoc *doc)
{
  const char *first = NULL;
  char *out;

  if (doc->n_lines > 0)
    first = doc->lines[0].item_name ? doc->lines[0].item_name : doc->lines[0].item_description;
  if (first == NULL && doc->n_notes > 0)
    first = doc->notes[0];
  if (first == NULL)
    return NULL;
  out = malloc (DESCRIPTION_MAX + 1);
  if (out == NULL)
    return NULL;
  if (doc->n_lines > 1)
    snprintf (out, DESCRIPTION_MAX + 1, "%.*s (and %lu more lines)",
              utf8_prefix (first, DESCRIPTION_MAX - 40), first,
              (unsigned long) doc->n_lines - 1);
  else
    snprintf (out, DESCRIPTION_MAX + 1, "%.*s", utf8_prefix (first, DESCRIPTION_MAX), first);
  return out;
}

/* The supplier's country: its address (BT-40), else its VAT prefix. */
static DokusStatus
supplier_country (const UblParty *s, char out[3], DokusError *err)
{
  const char *c = s->country;

  if (c == NULL && s->vat_id != NULL && strlen (s->vat_id) >= 2)
    {
      char cc[3] = { s->vat_id[0], s->vat_id[1], '\0' };
      dokus_vat_country_to_iso (cc, out);
      return DOKUS_OK;
    }
  if (c == NULL || strlen (c) != 2)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "supplier.country",
                            "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:Country/"
                            "cbc:IdentificationCode: %s (the supplier's country decides the VAT"
                            " treatment)",
                            c ? "not a country code" : "missing");
  snprintf (out, 3, "%s", c);
  return DOKUS_OK;
}

/* The expense JSON for @doc (transfer full). */
static DokusStatus
build_expense (const DokusPurchaseDoc *doc, cJSON **out, const char **treatment_out,
               bool *credit_out, DokusError *err)
{
  const UblParty *s = &doc->supplier;
  const char *treatment = NULL;
  char country[3], date[DOKUS_DATE_TEXT], vat[DOKUS_VAT_TEXT] = "";
  int sign = 0;
  bool negative;
  cJSON *o = NULL, *sup, *lines;
  char *description;
  DokusStatus st;

  *out = NULL;
  if (doc->currency == NULL || strcmp (doc->currency, "EUR") != 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "cbc:DocumentCurrencyCode",
                            "cbc:DocumentCurrencyCode: the book is in EUR and the document in"
                            " %s: record it by hand with dokus-cli expense add",
                            doc->currency ? doc->currency : "no currency");
  if (!s->present || s->name == NULL)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "supplier.name",
                            "cac:AccountingSupplierParty: the supplier has no name"
                            " (cac:PartyName/cbc:Name or cac:PartyLegalEntity/"
                            "cbc:RegistrationName)");
  if (doc->n_vat_rows == 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "cac:TaxTotal",
                            "cac:TaxTotal/cac:TaxSubtotal: no VAT breakdown (BG-23) to record");
  st = supplier_country (s, country, err);
  if (st != DOKUS_OK)
    return st;
  if (s->vat_id != NULL && dokus_vat_country_is_eu (s->vat_id))
    {
      st = dokus_vat_number_normalize (s->vat_id, "supplier.vat_number", vat, err);
      if (st != DOKUS_OK)
        return dokus_error_set (err, st, "supplier.vat_number",
                                "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/"
                                "cbc:CompanyID: '%.40s' is not a valid EU VAT number",
                                s->vat_id);
    }

  /* one treatment for the whole document; rows at rate 0 may join a
   * domestic purchase */
  for (size_t i = 0; i < doc->n_vat_rows; i++)
    {
      const UblVatRow *row = &doc->vat_rows[i];
      RowMapping m = map_row (row, country);
      int row_sign;
      if (m.treatment == NULL)
        return dokus_error_set (err, DOKUS_ERR_INVALID, "cac:TaxSubtotal",
                                "cac:TaxTotal/cac:TaxSubtotal[%lu]/cac:TaxCategory/cbc:ID: VAT"
                                " category '%s' from a supplier in %s has no expense treatment:"
                                " record it by hand with dokus-cli expense add",
                                (unsigned long) i + 1, row->vat.category ? row->vat.category : "",
                                country);
      if (treatment == NULL)
        treatment = m.treatment;
      else if (strcmp (treatment, m.treatment) != 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, "cac:TaxSubtotal",
                                "cac:TaxTotal/cac:TaxSubtotal: the document mixes VAT treatments"
                                " (%s and %s): record it by hand with dokus-cli expense add",
                                treatment, m.treatment);
      if (!row->taxable.present)
        return dokus_error_set (err, DOKUS_ERR_INVALID, "cac:TaxSubtotal",
                                "cac:TaxTotal/cac:TaxSubtotal[%lu]/cbc:TaxableAmount: missing",
                                (unsigned long) i + 1);
      row_sign = row->taxable.value.units > 0 ? 1 : row->taxable.value.units < 0 ? -1 : 0;
      if (row_sign != 0 && sign != 0 && row_sign != sign)
        return dokus_error_set (err, DOKUS_ERR_INVALID, "cac:TaxSubtotal",
                                "cac:TaxTotal/cac:TaxSubtotal: positive and negative taxable"
                                " amounts in one document: record it by hand with dokus-cli"
                                " expense add");
      if (row_sign != 0)
        sign = row_sign;
    }
  /* an invoice of negative amounts is a credit, and the reverse */
  negative = sign < 0;

  o = cJSON_CreateObject ();
  if (o == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  cJSON_AddStringToObject (o, "date", dokus_date_format (doc->issue_date.value, date));
  sup = cJSON_AddObjectToObject (o, "supplier");
  {
    /* the purchase keeps 200 bytes of a name */
    char name[201];
    snprintf (name, sizeof name, "%.*s", utf8_prefix (s->name, 200), s->name);
    cJSON_AddStringToObject (sup, "name", name);
  }
  if (vat[0])
    cJSON_AddStringToObject (sup, "vat_number", vat);
  cJSON_AddStringToObject (sup, "country", strcmp (country, "EL") == 0 ? "GR" : country);
  cJSON_AddStringToObject (o, "number", doc->number);
  description = describe (doc);
  if (description != NULL)
    cJSON_AddStringToObject (o, "description", description);
  free (description);
  cJSON_AddStringToObject (o, "category", "purchases");
  cJSON_AddStringToObject (o, "kind", strcmp (treatment, "eu_goods") == 0 ? "goods" : "services");
  cJSON_AddStringToObject (o, "vat_treatment", treatment);
  cJSON_AddBoolToObject (o, "credit_note", doc->credit_note != negative);
  lines = cJSON_AddArrayToObject (o, "lines");
  for (size_t i = 0; i < doc->n_vat_rows && st == DOKUS_OK; i++)
    {
      const UblVatRow *row = &doc->vat_rows[i];
      RowMapping m = map_row (row, country);
      char path[96], buf[DOKUS_MONEY_TEXT];
      DokusCents base = 0, tax = 0;
      cJSON *l = cJSON_CreateObject ();

      cJSON_AddItemToArray (lines, l);
      snprintf (path, sizeof path, "cac:TaxTotal/cac:TaxSubtotal[%lu]/cbc:TaxableAmount",
                (unsigned long) i + 1);
      st = to_cents (row->taxable.value, path, &base, err);
      if (st == DOKUS_OK && row->tax.present)
        {
          snprintf (path, sizeof path, "cac:TaxTotal/cac:TaxSubtotal[%lu]/cbc:TaxAmount",
                    (unsigned long) i + 1);
          st = to_cents (row->tax.value, path, &tax, err);
        }
      if (st != DOKUS_OK)
        break;
      if (negative)
        base = -base, tax = -tax;
      switch (m.kind)
        {
        case ROW_CHARGED:
          if (!row->vat.has_rate)
            st = dokus_error_set (err, DOKUS_ERR_INVALID, "cac:TaxSubtotal",
                                  "cac:TaxTotal/cac:TaxSubtotal[%lu]/cac:TaxCategory/cbc:Percent:"
                                  " missing", (unsigned long) i + 1);
          else
            {
              cJSON_AddStringToObject (l, "base", dokus_cents_format (base, buf));
              dokus_json_add_decimal (l, "vat_rate", row->vat.rate);
              cJSON_AddStringToObject (l, "vat_amount", dokus_cents_format (tax, buf));
            }
          break;
        case ROW_ZERO:
          cJSON_AddStringToObject (l, "base", dokus_cents_format (base, buf));
          cJSON_AddStringToObject (l, "vat_rate", "0");
          break;
        case ROW_SELF_ASSESSED:
          cJSON_AddStringToObject (l, "base", dokus_cents_format (base, buf));
          cJSON_AddStringToObject (l, "vat_rate", SELF_ASSESSED_RATE);
          break;
        case ROW_FOREIGN_VAT:
          cJSON_AddStringToObject (l, "base", dokus_cents_format (base + tax, buf));
          cJSON_AddStringToObject (l, "vat_rate", "0");
          break;
        }
    }
  if (st != DOKUS_OK)
    {
      cJSON_Delete (o);
      return st;
    }
  *treatment_out = treatment;
  *credit_out = doc->credit_note != negative;
  *out = o;
  return DOKUS_OK;
}

/* {"available": false} without the validator; else {"available": true,
 * "valid", "release", "fatal": [{rule, location, message}], "warnings": N}
 * from @report (nullable without the validator). */
static cJSON *
validation_json (const DokusUblReport *report)
{
  cJSON *v = cJSON_CreateObject ();

#ifdef DOKUS_HAVE_UBL_VALIDATE
  size_t warnings = 0;
  cJSON *fatal;

  cJSON_AddBoolToObject (v, "available", true);
  cJSON_AddStringToObject (v, "release", dokus_ubl_validate_release ());
  cJSON_AddBoolToObject (v, "valid", dokus_ubl_report_valid (report));
  fatal = cJSON_AddArrayToObject (v, "fatal");
  for (size_t i = 0; i < dokus_ubl_report_count (report); i++)
    {
      cJSON *f;
      if (strcmp (dokus_ubl_report_flag (report, i), "fatal") != 0)
        {
          warnings++;
          continue;
        }
      f = cJSON_CreateObject ();
      cJSON_AddItemToArray (fatal, f);
      cJSON_AddStringToObject (f, "rule", dokus_ubl_report_rule (report, i));
      cJSON_AddStringToObject (f, "location", dokus_ubl_report_location (report, i));
      cJSON_AddStringToObject (f, "message", dokus_ubl_report_message (report, i));
    }
  cJSON_AddNumberToObject (v, "warnings", (double) warnings);
#else
  (void) report;
  cJSON_AddBoolToObject (v, "available", false);
#endif
  return v;
}

DokusStatus
dokus_ubl_import (DokusBook *book, const char *xml, size_t len, char out_id[DOKUS_ID_TEXT],
                  char **out_json, DokusError *err)
{
  DokusPurchaseDoc *doc = NULL;
  DokusAttachmentInput receipts[DOKUS_UBL_MAX_ATTACHMENTS + 1];
  char names[DOKUS_UBL_MAX_ATTACHMENTS + 1][128];
  size_t n = 0;
  const char *treatment = NULL;
  bool credit_note = false;
  cJSON *expense = NULL, *result = NULL, *skipped, *validation = NULL;
  DokusUblReport *report = NULL;
  char *expense_json = NULL;
  DokusStatus st;

  assert (book != NULL && out_id != NULL);
  out_id[0] = '\0';
  if (out_json)
    *out_json = NULL;
  /* one parse for the reader and the validator */
#ifdef DOKUS_HAVE_UBL_VALIDATE
  st = dokus_ubl_read_validated (xml, len, &doc, &report, err);
#else
  st = dokus_ubl_read (xml, len, &doc, err);
#endif
  if (st == DOKUS_OK)
    st = build_expense (doc, &expense, &treatment, &credit_note, err);
  if (st != DOKUS_OK)
    goto out;
  validation = validation_json (report);
  result = cJSON_CreateObject ();
  skipped = cJSON_AddArrayToObject (result, "skipped_attachments");

  /* the original first, byte for byte, then the embedded files */
  safe_filename (doc->number, false, "document", names[0]);
  if (strlen (names[0]) > 110)
    names[0][110] = '\0';
  strcat (names[0], ".xml");
  receipts[n++] = (DokusAttachmentInput) { names[0], (const unsigned char *) xml, len };
  for (size_t i = 0; i < doc->n_attachments; i++)
    {
      const UblAttachment *a = &doc->attachments[i];
      char fallback[32], why[160];
      if (a->data == NULL || a->len == 0)
        {
          snprintf (why, sizeof why, "%s: %s", a->id ? a->id : "(no id)",
                    a->uri ? "an external link, not fetched" : "no content");
          cJSON_AddItemToArray (skipped, cJSON_CreateString (why));
          continue;
        }
      snprintf (fallback, sizeof fallback, "attachment-%lu", (unsigned long) i + 1);
      safe_filename (a->filename, true, fallback, names[n]);
      receipts[n] = (DokusAttachmentInput) { names[n], a->data, a->len };
      n++;
    }
  st = dokus_json_print_take (expense, &expense_json, err);
  expense = NULL;
  if (st == DOKUS_OK)
    st = dokus_expense_add (book, expense_json, receipts, n, out_id, err);
  if (st != DOKUS_OK)
    goto out;

  cJSON_AddStringToObject (result, "id", out_id);
  cJSON_AddStringToObject (result, "supplier", doc->supplier.name);
  cJSON_AddStringToObject (result, "number", doc->number);
  cJSON_AddBoolToObject (result, "credit_note", credit_note);
  cJSON_AddStringToObject (result, "vat_treatment", treatment);
  cJSON_AddNumberToObject (result, "receipts", (double) n);
  cJSON_AddItemToObject (result, "validation", validation);
  validation = NULL;
  if (out_json)
    {
      st = dokus_json_print_take (result, out_json, err);
      result = NULL;
    }

out:
  cJSON_Delete (validation);
  cJSON_Delete (result);
  cJSON_Delete (expense);
  free (expense_json);
#ifdef DOKUS_HAVE_UBL_VALIDATE
  dokus_ubl_report_free (report);
#endif
  dokus_purchase_doc_free (doc);
  return st;
}

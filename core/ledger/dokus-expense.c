/* dokus-expense.c
 *
 * Purchases (expenses) and purchase credit notes: the supplier's document
 * as recorded, its VAT (as charged for a domestic purchase, self-assessed
 * at the Belgian rate otherwise), the shares the VAT return and the income
 * tax accept, and the receipts, stored inside the book with their SHA-256
 * (given with the purchase, or added to it later: dokus_expense_add_receipt).
 * A recorded purchase is kept, unchanged, for the ten years of art. 60
 * WBTW; the book's triggers refuse changing or deleting it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-audit-private.h"
#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-id-private.h"
#include "dokus-json-input-private.h"
#include "dokus/dokus-expense.h"
#include "dokus/dokus-ident.h"

#define MAX_EXPENSE_LINES 1000
#define MAX_RECEIPTS 100
#define FILENAME_MAX_BYTES 255
#define SHA256_HEX (crypto_hash_sha256_BYTES * 2 + 1)

static const char *const kinds[] = { "goods", "services", "investment", NULL };
static const char *const treatments[] = { "domestic", "eu_services", "eu_goods", "reverse_charge",
                                          "import", "non_eu_services", "none", NULL };

typedef struct {
  DokusCents   base;
  DokusDecimal rate;
  DokusCents   vat;
} ExpenseLine;

typedef struct {
  DokusDate    date;
  const char  *supplier_name, *supplier_country;
  char         supplier_vat[DOKUS_VAT_TEXT];
  const char  *number, *description, *category, *kind, *treatment;
  DokusDecimal deductible, recoverable;
  bool         credit_note;
  ExpenseLine *lines;
  size_t       n_lines;
} Expense;

typedef struct {
  const char          *filename; /* the base name, inside the caller's string */
  const char          *mime_type;
  char                 sha256[SHA256_HEX];
  const unsigned char *data;
  size_t               len;
} Receipt;

/* true where the buyer computes the VAT and owes it to the State. */
static bool
is_self_assessed (const char *treatment)
{
  return strcmp (treatment, "domestic") != 0 && strcmp (treatment, "none") != 0;
}

static bool
is_eu_country (const char *country)
{
  return dokus_vat_country_is_eu (country) && strcmp (country, "XI") != 0;
}

/* ---- input ---------------------------------------------------------------- */

static DokusStatus
parse_country (const char *country, DokusError *err)
{
  const char *field = "supplier.country";

  if (strlen (country) != 2 || country[0] < 'A' || country[0] > 'Z' || country[1] < 'A'
      || country[1] > 'Z')
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "%s must be two capital letters (ISO 3166: \"BE\"), not '%s'", field,
                            country);
  /* EL and XI are VAT prefixes, not countries: keep the address form */
  if (strcmp (country, "EL") == 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "Greece is GR in an address (EL is its VAT prefix)");
  if (strcmp (country, "XI") == 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "Northern Ireland is GB in an address (XI is its VAT prefix)");
  return DOKUS_OK;
}

static DokusStatus
parse_supplier (const cJSON *obj, Expense *e, DokusError *err)
{
  static const char *const fields[] = { "name", "vat_number", "country", NULL };
  const cJSON *s = NULL;
  const char *vat = NULL;
  DokusStatus st = dokus_json_get_object (obj, "", "supplier", true, &s, err);

  if (st == DOKUS_OK)
    st = dokus_json_check_fields (s, "supplier", fields, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (s, "supplier", "name", true, 200, &e->supplier_name, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (s, "supplier", "country", true, 8, &e->supplier_country, err);
  if (st == DOKUS_OK)
    st = parse_country (e->supplier_country, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (s, "supplier", "vat_number", false, 40, &vat, err);
  /* an EU VAT number checked with its checksum; elsewhere a tax number */
  if (st == DOKUS_OK && vat != NULL)
    st = dokus_tax_number_normalize (vat, e->supplier_country, "supplier.vat_number",
                                     e->supplier_vat, err);
  return st;
}

static DokusStatus
parse_percent (const cJSON *obj, const char *key, DokusDecimal fallback, DokusDecimal *out,
               bool *present, DokusError *err)
{
  DokusStatus st = dokus_json_get_decimal (obj, "", key, false, 2, out, present, err);

  if (st != DOKUS_OK)
    return st;
  if (!*present)
    *out = fallback;
  else if (dokus_decimal_cmp (*out, dokus_decimal_from_int (0)) < 0
           || dokus_decimal_cmp (*out, dokus_decimal_from_int (100)) > 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, key, "%s must be from 0 to 100", key);
  return DOKUS_OK;
}

/* Where the supplier may be for the VAT treatment. */
static DokusStatus
check_supplier_for_treatment (const Expense *e, DokusError *err)
{
  const char *t = e->treatment, *c = e->supplier_country;
  bool be = strcmp (c, "BE") == 0;

  if ((strcmp (t, "domestic") == 0 || strcmp (t, "reverse_charge") == 0) && !be)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "supplier.country",
                            "a %s purchase is from a Belgian supplier, not from %s", t, c);
  if (strcmp (t, "eu_services") == 0 || strcmp (t, "eu_goods") == 0)
    {
      /* goods from Northern Ireland follow the EU rules (XI VAT numbers) */
      bool xi = strcmp (t, "eu_goods") == 0 && strncmp (e->supplier_vat, "XI", 2) == 0;
      if (be || (!is_eu_country (c) && !xi))
        return dokus_error_set (err, DOKUS_ERR_INVALID, "supplier.country",
                                "an %s purchase is from another EU member state, not from %s", t,
                                c);
      if (e->supplier_vat[0] == '\0')
        return dokus_error_set (err, DOKUS_ERR_INVALID, "supplier.vat_number",
                                "an %s purchase needs the supplier's VAT number", t);
    }
  if ((strcmp (t, "import") == 0 || strcmp (t, "non_eu_services") == 0) && is_eu_country (c))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "supplier.country",
                            "an %s purchase is from outside the EU, not from %s", t, c);
  return DOKUS_OK;
}

static DokusStatus
parse_line (const cJSON *l, size_t i, const Expense *e, ExpenseLine *out, DokusError *err)
{
  static const char *const fields[] = { "base", "vat_rate", "vat_amount", NULL };
  char path[DOKUS_FIELD_TEXT], field[DOKUS_FIELD_TEXT];
  bool has_vat = false, zero_rate;
  DokusCents vat = 0;
  DokusStatus st;

  snprintf (path, sizeof path, "lines[%u]", (unsigned) i);
  if (!cJSON_IsObject (l))
    return dokus_error_set (err, DOKUS_ERR_INVALID, path, "%s must be an object", path);
  st = dokus_json_check_fields (l, path, fields, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_cents (l, path, "base", true, &out->base, NULL, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_decimal (l, path, "vat_rate", true, 2, &out->rate, NULL, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_cents (l, path, "vat_amount", false, &vat, &has_vat, err);
  if (st != DOKUS_OK)
    return st;

  dokus_json_field (field, path, "base");
  if (out->base < 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "%s must not be negative (a credit note is given as amounts"
                            " above 0 with credit_note true)", field);
  dokus_json_field (field, path, "vat_rate");
  if (dokus_decimal_cmp (out->rate, dokus_decimal_from_int (0)) < 0
      || dokus_decimal_cmp (out->rate, dokus_decimal_from_int (100)) > 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field, "%s must be from 0 to 100", field);
  zero_rate = dokus_decimal_is_zero (out->rate);
  if (strcmp (e->treatment, "none") == 0 && !zero_rate)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "a purchase without VAT (none) has rate 0 on every line");

  dokus_json_field (field, path, "vat_amount");
  if (has_vat && vat < 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field, "%s must not be negative", field);
  if (is_self_assessed (e->treatment))
    {
      if (has_vat)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                "leave %s out: the VAT of an %s purchase is self-assessed,"
                                " computed at the rate", field, e->treatment);
      out->vat = dokus_cents_percent (out->base, out->rate);
    }
  else if (zero_rate)
    {
      if (has_vat && vat != 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                "a line at rate 0 has no VAT: leave %s out", field);
      out->vat = 0;
    }
  else
    {
      /* domestic: the VAT as the supplier charged it (art. 45 WBTW deducts
       * the VAT invoiced, not a recomputation) */
      if (!has_vat)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                "%s is required: the VAT as the supplier charged it", field);
      out->vat = vat;
    }
  return DOKUS_OK;
}

static DokusStatus
parse_expense (const cJSON *obj, bool franchise, Expense *e, DokusError *err)
{
  static const char *const fields[]
    = { "date", "supplier", "number", "description", "category", "kind", "vat_treatment",
        "lines", "deductible_percent", "vat_recoverable_percent", "credit_note", NULL };
  const cJSON *lines = NULL, *l;
  bool has_recoverable = false, present = false;
  DokusStatus st = dokus_json_check_fields (obj, "", fields, err);
  size_t i = 0;

  if (st == DOKUS_OK)
    st = dokus_json_get_date (obj, "", "date", true, &e->date, NULL, err);
  if (st == DOKUS_OK)
    st = parse_supplier (obj, e, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "number", false, 100, &e->number, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "description", false, DOKUS_TEXT_MAX, &e->description,
                                err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "category", true, 60, &e->category, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_choice (obj, "", "kind", true, kinds, &e->kind, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_choice (obj, "", "vat_treatment", true, treatments, &e->treatment, err);
  if (st == DOKUS_OK)
    st = parse_percent (obj, "deductible_percent", dokus_decimal_from_int (100), &e->deductible,
                        &present, err);
  /* a book under the franchise scheme deducts no VAT (art. 56bis § 2 WBTW) */
  if (st == DOKUS_OK)
    st = parse_percent (obj, "vat_recoverable_percent",
                        dokus_decimal_from_int (franchise ? 0 : 100), &e->recoverable,
                        &has_recoverable, err);
  if (st == DOKUS_OK && franchise && !dokus_decimal_is_zero (e->recoverable))
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "vat_recoverable_percent",
                          "a book under the franchise scheme recovers no VAT (art. 56bis"
                          " WBTW): vat_recoverable_percent is 0");
  if (st == DOKUS_OK)
    st = dokus_json_get_bool (obj, "", "credit_note", false, &e->credit_note, NULL, err);
  if (st == DOKUS_OK)
    st = check_supplier_for_treatment (e, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_array (obj, "", "lines", true, &lines, err);
  if (st != DOKUS_OK)
    return st;

  e->n_lines = (size_t) cJSON_GetArraySize (lines);
  if (e->n_lines == 0 || e->n_lines > MAX_EXPENSE_LINES)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "lines", "a purchase has 1 to %d lines",
                            MAX_EXPENSE_LINES);
  e->lines = calloc (e->n_lines, sizeof *e->lines);
  if (e->lines == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  cJSON_ArrayForEach (l, lines)
    {
      st = parse_line (l, i, e, &e->lines[i], err);
      if (st != DOKUS_OK)
        return st;
      i++;
    }
  return DOKUS_OK;
}

/* The rate must be a Belgian rate (standard or zero-rated) on @date. */
static DokusStatus
check_rate (sqlite3 *db, DokusDecimal rate, DokusDate date, size_t i, DokusError *err)
{
  char r[DOKUS_MONEY_TEXT], day[DOKUS_DATE_TEXT], field[DOKUS_FIELD_TEXT];
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT 1 FROM vat_rates WHERE country = 'BE'"
                               " AND category IN ('S', 'Z') AND rate = ?1 AND valid_from <= ?2"
                               " AND (valid_to IS NULL OR valid_to >= ?2)",
                               -1, &stmt, NULL);
  DokusStatus st = DOKUS_OK;

  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the VAT rates", err);
  dokus_decimal_format (rate, r);
  dokus_date_format (date, day);
  snprintf (field, sizeof field, "lines[%u].vat_rate", (unsigned) i);
  sqlite3_bind_text (stmt, 1, r, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    st = dokus_error_set (err, DOKUS_ERR_INVALID, field, "%s %% is not a Belgian VAT rate on %s",
                          r, day);
  else if (rc != SQLITE_ROW)
    st = dokus_book_sqlite_error (db, rc, "reading the VAT rates", err);
  sqlite3_finalize (stmt);
  return st;
}

/* ---- receipts ------------------------------------------------------------- */

static bool
ends_with_ci (const char *s, const char *suffix)
{
  size_t n = strlen (s), m = strlen (suffix);

  if (m > n)
    return false;
  for (size_t i = 0; i < m; i++)
    {
      char c = s[n - m + i];
      if (c >= 'A' && c <= 'Z')
        c = (char) (c - 'A' + 'a');
      if (c != suffix[i])
        return false;
    }
  return true;
}

/* The content's magic bytes first (they cannot lie about the format),
 * then the extension. */
static const char *
guess_mime_type (const char *filename, const unsigned char *data, size_t len)
{
  static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const unsigned char jpeg[] = { 0xff, 0xd8, 0xff };
  static const unsigned char bom[] = { 0xef, 0xbb, 0xbf };
  size_t skip = len >= 3 && memcmp (data, bom, 3) == 0 ? 3 : 0;

  if (len >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return "application/pdf";
  if (len >= sizeof png && memcmp (data, png, sizeof png) == 0)
    return "image/png";
  if (len >= sizeof jpeg && memcmp (data, jpeg, sizeof jpeg) == 0)
    return "image/jpeg";
  if (len >= skip + 5 && memcmp (data + skip, "<?xml", 5) == 0)
    return "application/xml";
  if (ends_with_ci (filename, ".pdf"))
    return "application/pdf";
  if (ends_with_ci (filename, ".png"))
    return "image/png";
  if (ends_with_ci (filename, ".jpg") || ends_with_ci (filename, ".jpeg"))
    return "image/jpeg";
  if (ends_with_ci (filename, ".xml"))
    return "application/xml";
  if (ends_with_ci (filename, ".txt"))
    return "text/plain";
  return "application/octet-stream";
}

static DokusStatus
prepare_receipt (const DokusAttachmentInput *in, size_t i, Receipt *out, DokusError *err)
{
  unsigned char hash[crypto_hash_sha256_BYTES];
  char field[DOKUS_FIELD_TEXT];
  const char *name;

  snprintf (field, sizeof field, "receipts[%u]", (unsigned) i);
  if (in->filename == NULL)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field, "%s has no file name", field);
  /* a name, not a path: keep what follows the last separator */
  name = in->filename;
  for (const char *p = in->filename; *p; p++)
    if (*p == '/' || *p == '\\')
      name = p + 1;
  if (name[0] == '\0' || strlen (name) > FILENAME_MAX_BYTES)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "%s: the file name must have 1 to %d bytes", field,
                            FILENAME_MAX_BYTES);
  for (const char *p = name; *p; p++)
    if ((unsigned char) *p < 0x20 || *p == 0x7f)
      return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                              "%s: the file name has a control character", field);
  if (in->len == 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field, "%s (%s) is empty", field, name);
  if (in->len > DOKUS_ATTACHMENT_MAX_BYTES)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field, "%s (%s) is larger than 20 MiB",
                            field, name);
  assert (in->data != NULL);
  crypto_hash_sha256 (hash, in->data, in->len);
  sodium_bin2hex (out->sha256, sizeof out->sha256, hash, sizeof hash);
  out->filename = name;
  out->mime_type = guess_mime_type (name, in->data, in->len);
  out->data = in->data;
  out->len = in->len;
  return DOKUS_OK;
}

/* ---- output --------------------------------------------------------------- */

static const char expense_columns[]
  = "SELECT e.id, e.date, e.supplier_name, e.supplier_vat_number, e.supplier_country, e.number,"
    " e.description, e.category, e.kind, e.vat_treatment, e.deductible_percent,"
    " e.vat_recoverable_percent, e.is_credit_note,"
    " (SELECT COALESCE (SUM (base), 0) FROM expense_lines WHERE expense_id = e.id),"
    " (SELECT COALESCE (SUM (vat_amount), 0) FROM expense_lines WHERE expense_id = e.id)"
    " FROM expenses e";

static const char *
column_text (sqlite3_stmt *stmt, int i)
{
  return (const char *) sqlite3_column_text (stmt, i);
}

static DokusStatus
add_receipts (sqlite3 *db, cJSON *o, const char *id, DokusError *err)
{
  cJSON *arr = cJSON_AddArrayToObject (o, "receipts");
  sqlite3_stmt *stmt = NULL;
  int rc = arr ? sqlite3_prepare_v2 (db,
                                     "SELECT id, filename, mime_type, length (content), sha256"
                                     " FROM attachments WHERE owner_kind = 'expense'"
                                     " AND owner_id = ?1 ORDER BY rowid",
                                     -1, &stmt, NULL)
               : SQLITE_NOMEM;

  if (rc == SQLITE_OK)
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      cJSON *r = cJSON_CreateObject ();
      cJSON_AddItemToArray (arr, r);
      dokus_json_add_string_or_null (r, "id", column_text (stmt, 0));
      dokus_json_add_string_or_null (r, "filename", column_text (stmt, 1));
      dokus_json_add_string_or_null (r, "mime_type", column_text (stmt, 2));
      cJSON_AddNumberToObject (r, "size", (double) sqlite3_column_int64 (stmt, 3));
      dokus_json_add_string_or_null (r, "sha256", column_text (stmt, 4));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return dokus_book_sqlite_error (db, rc, "reading the receipts", err);
  return DOKUS_OK;
}

static DokusStatus
add_lines (sqlite3 *db, cJSON *o, const char *id, DokusError *err)
{
  cJSON *arr = cJSON_AddArrayToObject (o, "lines");
  sqlite3_stmt *stmt = NULL;
  int rc = arr ? sqlite3_prepare_v2 (db,
                                     "SELECT base, vat_rate, vat_amount FROM expense_lines"
                                     " WHERE expense_id = ?1 ORDER BY position",
                                     -1, &stmt, NULL)
               : SQLITE_NOMEM;

  if (rc == SQLITE_OK)
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      cJSON *l = cJSON_CreateObject ();
      cJSON_AddItemToArray (arr, l);
      dokus_json_add_cents (l, "base", sqlite3_column_int64 (stmt, 0));
      dokus_json_add_string_or_null (l, "vat_rate", column_text (stmt, 1));
      dokus_json_add_cents (l, "vat_amount", sqlite3_column_int64 (stmt, 2));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return dokus_book_sqlite_error (db, rc, "reading the purchase lines", err);
  return DOKUS_OK;
}

/* One expense row of expense_columns as the object dokus-expense.h
 * describes, its derived amounts included. */
static cJSON *
expense_row (sqlite3 *db, sqlite3_stmt *stmt, bool with_lines, DokusError *err)
{
  const char *id = column_text (stmt, 0), *treatment = column_text (stmt, 9);
  DokusDecimal deductible, recoverable;
  DokusCents base = sqlite3_column_int64 (stmt, 13), vat = sqlite3_column_int64 (stmt, 14);
  DokusCents vat_recoverable, cost, total;
  cJSON *o, *s;
  DokusStatus st;

  if (dokus_decimal_parse (column_text (stmt, 10), 2, NULL, &deductible, NULL) != DOKUS_OK
      || dokus_decimal_parse (column_text (stmt, 11), 2, NULL, &recoverable, NULL) != DOKUS_OK)
    {
      dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "purchase %s has a damaged percentage", id);
      return NULL;
    }
  /* once per expense, on its whole VAT; both half away from zero */
  vat_recoverable = dokus_cents_percent (vat, recoverable);
  /* VAT not recovered is part of the cost, deductible at the cost's share */
  if (dokus_cents_add (base, vat - vat_recoverable, &cost, err) != DOKUS_OK
      || dokus_cents_add (base, is_self_assessed (treatment) ? 0 : vat, &total, err) != DOKUS_OK)
    return NULL;

  o = cJSON_CreateObject ();
  if (o == NULL)
    {
      dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      return NULL;
    }
  dokus_json_add_string_or_null (o, "id", id);
  dokus_json_add_string_or_null (o, "date", column_text (stmt, 1));
  s = cJSON_AddObjectToObject (o, "supplier");
  dokus_json_add_string_or_null (s, "name", column_text (stmt, 2));
  dokus_json_add_string_or_null (s, "vat_number", column_text (stmt, 3));
  dokus_json_add_string_or_null (s, "country", column_text (stmt, 4));
  dokus_json_add_string_or_null (o, "number", column_text (stmt, 5));
  dokus_json_add_string_or_null (o, "description", column_text (stmt, 6));
  dokus_json_add_string_or_null (o, "category", column_text (stmt, 7));
  dokus_json_add_string_or_null (o, "kind", column_text (stmt, 8));
  dokus_json_add_string_or_null (o, "vat_treatment", treatment);
  cJSON_AddBoolToObject (o, "vat_self_assessed", is_self_assessed (treatment));
  cJSON_AddBoolToObject (o, "credit_note", sqlite3_column_int (stmt, 12) != 0);
  dokus_json_add_decimal (o, "deductible_percent", deductible);
  dokus_json_add_decimal (o, "vat_recoverable_percent", recoverable);
  dokus_json_add_cents (o, "base_amount", base);
  dokus_json_add_cents (o, "vat_amount", vat);
  dokus_json_add_cents (o, "vat_recoverable_amount", vat_recoverable);
  dokus_json_add_cents (o, "deductible_amount", dokus_cents_percent (cost, deductible));
  dokus_json_add_cents (o, "total_amount", total);
  st = with_lines ? add_lines (db, o, id, err) : DOKUS_OK;
  if (st == DOKUS_OK)
    st = add_receipts (db, o, id, err);
  if (st != DOKUS_OK)
    {
      cJSON_Delete (o);
      return NULL;
    }
  return o;
}

static cJSON *
expense_to_json (sqlite3 *db, const char *id, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  char *sql = sqlite3_mprintf ("%s WHERE e.id = ?1", expense_columns);
  int rc = sql ? sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) : SQLITE_NOMEM;
  cJSON *o = NULL;

  sqlite3_free (sql);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    o = expense_row (db, stmt, true, err);
  else if (rc == SQLITE_DONE)
    dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "id", "no purchase '%s'", id);
  else
    dokus_book_sqlite_error (db, rc, "reading the purchase", err);
  sqlite3_finalize (stmt);
  return o;
}

/* ---- writing -------------------------------------------------------------- */

/* A supplier's document is recorded once: same number from the same
 * supplier, known by name or VAT number. */
static DokusStatus
check_duplicate (sqlite3 *db, const Expense *e, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  DokusStatus st = DOKUS_OK;

  if (e->number == NULL)
    return DOKUS_OK;
  rc = sqlite3_prepare_v2 (db,
                           "SELECT id, date FROM expenses WHERE number = ?1"
                           " AND (supplier_name = ?2 OR supplier_vat_number = ?3)"
                           " ORDER BY date, rowid LIMIT 1",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "looking for the same purchase", err);
  sqlite3_bind_text (stmt, 1, e->number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, e->supplier_name, -1, SQLITE_STATIC);
  if (e->supplier_vat[0])
    sqlite3_bind_text (stmt, 3, e->supplier_vat, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "number",
                          "%s's document %s is already recorded: purchase %s of %s",
                          e->supplier_name, e->number, column_text (stmt, 0),
                          column_text (stmt, 1));
  else if (rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "looking for the same purchase", err);
  sqlite3_finalize (stmt);
  return st;
}

static DokusStatus
insert_expense (sqlite3 *db, const Expense *e, const char *id, const char *now, DokusError *err)
{
  char day[DOKUS_DATE_TEXT], ded[DOKUS_MONEY_TEXT], rec[DOKUS_MONEY_TEXT];
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "INSERT INTO expenses (id, date, supplier_name, supplier_vat_number,"
                               " supplier_country, number, description, category, kind,"
                               " vat_treatment, deductible_percent, vat_recoverable_percent,"
                               " is_credit_note, created_at, updated_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                               " ?14, ?14)",
                               -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      const char *vals[] = { id,
                             dokus_date_format (e->date, day),
                             e->supplier_name,
                             e->supplier_vat[0] ? e->supplier_vat : NULL,
                             e->supplier_country,
                             e->number,
                             e->description,
                             e->category,
                             e->kind,
                             e->treatment,
                             dokus_decimal_format (e->deductible, ded),
                             dokus_decimal_format (e->recoverable, rec) };
      for (int i = 0; i < 12; i++)
        if (vals[i] != NULL)
          sqlite3_bind_text (stmt, i + 1, vals[i], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 13, e->credit_note ? 1 : 0);
      sqlite3_bind_text (stmt, 14, now, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "saving the purchase", err);

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO expense_lines (expense_id, position, base, vat_rate,"
                           " vat_amount) VALUES (?1, ?2, ?3, ?4, ?5)",
                           -1, &stmt, NULL);
  for (size_t i = 0; rc == SQLITE_OK && i < e->n_lines; i++)
    {
      char rate[DOKUS_MONEY_TEXT];
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) i + 1);
      sqlite3_bind_int64 (stmt, 3, e->lines[i].base);
      sqlite3_bind_text (stmt, 4, dokus_decimal_format (e->lines[i].rate, rate), -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, e->lines[i].vat);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        rc = sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "saving the purchase lines", err);
  return DOKUS_OK;
}

/* A supplier's numbered document is one purchase (check_duplicate()
 * refuses it twice in a book): its id comes from the supplier (VAT number,
 * else name) and the number, so the same incoming Peppol invoice imported
 * on two devices before they sync is one purchase after. Random without a
 * number. */
static void
expense_id_for (const Expense *e, char out[DOKUS_UUID_TEXT])
{
  char *seed;
  size_t len;

  if (e->number == NULL)
    {
      dokus_uuid_new (out);
      return;
    }
  len = strlen (e->supplier_name) + strlen (e->number) + DOKUS_VAT_TEXT + 32;
  seed = malloc (len);
  if (seed == NULL)
    {
      dokus_uuid_new (out);
      return;
    }
  snprintf (seed, len, "expense\n%s\n%s", e->supplier_vat[0] ? e->supplier_vat : e->supplier_name,
            e->number);
  dokus_uuid_from_seed (seed, out);
  free (seed);
}

static DokusStatus
insert_receipts (sqlite3 *db, const char *owner_id, const Receipt *r, size_t n, const char *now,
                 DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (n == 0)
    return DOKUS_OK;
  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO attachments (id, owner_kind, owner_id, filename,"
                           " mime_type, sha256, content, created_at)"
                           " VALUES (?1, 'expense', ?2, ?3, ?4, ?5, ?6, ?7)",
                           -1, &stmt, NULL);
  for (size_t i = 0; rc == SQLITE_OK && i < n; i++)
    {
      char id[DOKUS_ID_TEXT], seed[DOKUS_ID_TEXT + SHA256_HEX + 32];
      /* the same receipt of the same purchase is the same row everywhere */
      snprintf (seed, sizeof seed, "receipt\n%s\n%s\n%lu", owner_id, r[i].sha256,
                (unsigned long) i);
      dokus_uuid_from_seed (seed, id);
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, owner_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, r[i].filename, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, r[i].mime_type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, r[i].sha256, -1, SQLITE_STATIC);
      sqlite3_bind_blob64 (stmt, 6, r[i].data, r[i].len, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, now, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        rc = sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "saving the receipts", err);
  return DOKUS_OK;
}

DokusStatus
dokus_expense_add (DokusBook *book, const char *json, const DokusAttachmentInput *receipts,
                   size_t n_receipts, char out_id[DOKUS_ID_TEXT], DokusError *err)
{
  sqlite3 *db;
  char id[DOKUS_ID_TEXT], now[DOKUS_TIMESTAMP_TEXT];
  DokusProfileFacts facts;
  Expense e = { 0 };
  Receipt *r = NULL;
  DokusCents base = 0, vat = 0, sum;
  cJSON *obj = NULL, *after = NULL;
  char *after_text = NULL;
  DokusError local = { 0 };
  DokusStatus st;

  assert (book != NULL);
  assert (out_id != NULL);
  assert (receipts != NULL || n_receipts == 0);
  db = dokus_book_get_db (book);
  if (err == NULL)
    err = &local; /* the steps below read err->code and err->field */
  if (n_receipts > MAX_RECEIPTS)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "receipts", "at most %d receipts",
                            MAX_RECEIPTS);
  st = dokus_json_parse_object (json, "purchase", &obj, err);
  if (st != DOKUS_OK)
    return st;
  if (n_receipts > 0)
    {
      r = calloc (n_receipts, sizeof *r);
      if (r == NULL)
        {
          st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
          goto out;
        }
    }
  /* hashed before the write lock is taken */
  for (size_t i = 0; st == DOKUS_OK && i < n_receipts; i++)
    st = prepare_receipt (&receipts[i], i, &r[i], err);
  if (st != DOKUS_OK)
    goto out;

  st = dokus_ledger_begin (db, err);
  if (st != DOKUS_OK)
    goto out;
  st = dokus_profile_facts (db, &facts, err);
  if (st == DOKUS_OK)
    st = parse_expense (obj, facts.franchise, &e, err);
  for (size_t i = 0; st == DOKUS_OK && i < e.n_lines; i++)
    {
      if (strcmp (e.treatment, "none") != 0)
        st = check_rate (db, e.lines[i].rate, e.date, i, err);
      if (st == DOKUS_OK)
        st = dokus_cents_add (base, e.lines[i].base, &base, err);
      if (st == DOKUS_OK)
        st = dokus_cents_add (vat, e.lines[i].vat, &vat, err);
      if (st != DOKUS_OK && err->field[0] == '\0')
        snprintf (err->field, sizeof err->field, "lines[%u]", (unsigned) i);
    }
  if (st == DOKUS_OK && (dokus_cents_add (base, vat, &sum, err) != DOKUS_OK || sum <= 0))
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "lines",
                          "a purchase must total more than 0.00");
  if (st == DOKUS_OK)
    st = check_duplicate (db, &e, err);
  if (st != DOKUS_OK)
    goto fail;

  expense_id_for (&e, id);
  dokus_timestamp_now (now);
  st = insert_expense (db, &e, id, now, err);
  if (st == DOKUS_OK)
    st = insert_receipts (db, id, r, n_receipts, now, err);
  if (st == DOKUS_OK)
    {
      after = expense_to_json (db, id, err);
      after_text = after ? cJSON_PrintUnformatted (after) : NULL;
      st = after == NULL    ? err->code
           : after_text     ? dokus_audit_append (db, "create", "expense", id, NULL, after_text,
                                                  err)
                            : dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  if (st != DOKUS_OK)
    goto fail;
  st = dokus_ledger_commit (db, err);
  if (st == DOKUS_OK)
    memcpy (out_id, id, DOKUS_ID_TEXT);
  goto out;
fail:
  dokus_ledger_rollback (db);
out:
  cJSON_Delete (obj);
  cJSON_Delete (after);
  free (after_text);
  free (e.lines);
  free (r);
  return st;
}

/* The number of receipts of the purchase @id into *@n; DOKUS_ERR_NOT_FOUND
 * when there is no such purchase. */
static DokusStatus
count_receipts (sqlite3 *db, const char *id, size_t *n, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT (SELECT count (*) FROM attachments"
                               " WHERE owner_kind = 'expense' AND owner_id = e.id)"
                               " FROM expenses e WHERE e.id = ?1",
                               -1, &stmt, NULL);
  DokusStatus st = DOKUS_OK;

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    *n = (size_t) sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    st = dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "expense", "no purchase '%s'", id);
  else
    st = dokus_book_sqlite_error (db, rc, "reading the purchase", err);
  sqlite3_finalize (stmt);
  return st;
}

/* DOKUS_ERR_REFUSED when the purchase @id already has a receipt with
 * @sha256: the same file dropped twice. */
static DokusStatus
check_receipt_is_new (sqlite3 *db, const char *id, const char *sha256, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT filename FROM attachments WHERE owner_kind = 'expense'"
                               " AND owner_id = ?1 AND sha256 = ?2 LIMIT 1",
                               -1, &stmt, NULL);
  DokusStatus st = DOKUS_OK;

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "receipt",
                          "the purchase already has this receipt (as '%s')",
                          column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "reading the receipts", err);
  sqlite3_finalize (stmt);
  return st;
}

DokusStatus
dokus_expense_add_receipt (DokusBook *book, const char *expense_id,
                           const DokusAttachmentInput *receipt,
                           char out_attachment_id[DOKUS_ID_TEXT], DokusError *err)
{
  sqlite3 *db;
  char now[DOKUS_TIMESTAMP_TEXT];
  Receipt r;
  size_t n = 0;
  cJSON *before = NULL, *after = NULL;
  char *before_text = NULL, *after_text = NULL;
  DokusError local = { 0 };
  DokusStatus st;

  assert (book != NULL);
  assert (receipt != NULL);
  db = dokus_book_get_db (book);
  if (err == NULL)
    err = &local; /* the steps below read err->code */
  if (expense_id == NULL || expense_id[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, "expense", "no purchase id given");
  st = dokus_ledger_begin (db, err);
  if (st != DOKUS_OK)
    return st;
  st = count_receipts (db, expense_id, &n, err);
  if (st == DOKUS_OK && n >= MAX_RECEIPTS)
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "receipts", "at most %d receipts",
                          MAX_RECEIPTS);
  /* named as the receipt it would become: receipts[n] */
  if (st == DOKUS_OK)
    st = prepare_receipt (receipt, n, &r, err);
  if (st == DOKUS_OK)
    st = check_receipt_is_new (db, expense_id, r.sha256, err);
  if (st == DOKUS_OK)
    {
      before = expense_to_json (db, expense_id, err);
      before_text = before ? cJSON_PrintUnformatted (before) : NULL;
      st = before == NULL    ? err->code
           : before_text     ? DOKUS_OK
                             : dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  if (st == DOKUS_OK)
    {
      dokus_timestamp_now (now);
      st = insert_receipts (db, expense_id, &r, 1, now, err);
    }
  if (st == DOKUS_OK)
    {
      after = expense_to_json (db, expense_id, err);
      after_text = after ? cJSON_PrintUnformatted (after) : NULL;
      st = after == NULL    ? err->code
           : after_text     ? dokus_audit_append (db, "attach", "expense", expense_id,
                                                  before_text, after_text, err)
                            : dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  if (st == DOKUS_OK && out_attachment_id != NULL)
    {
      /* the new receipt is the last one listed (by rowid) */
      const cJSON *list = cJSON_GetObjectItemCaseSensitive (after, "receipts");
      const cJSON *id = cJSON_GetObjectItemCaseSensitive (
        cJSON_GetArrayItem (list, cJSON_GetArraySize (list) - 1), "id");
      snprintf (out_attachment_id, DOKUS_ID_TEXT, "%s", cJSON_IsString (id) ? id->valuestring : "");
    }
  if (st == DOKUS_OK)
    st = dokus_ledger_commit (db, err);
  else
    dokus_ledger_rollback (db);
  if (st != DOKUS_OK && out_attachment_id != NULL)
    out_attachment_id[0] = '\0';
  cJSON_Delete (before);
  cJSON_Delete (after);
  free (before_text);
  free (after_text);
  return st;
}

/* ---- reading -------------------------------------------------------------- */

DokusStatus
dokus_expense_list (DokusBook *book, const char *from, const char *to, char **out_json,
                    DokusError *err)
{
  sqlite3 *db;
  char from_text[DOKUS_DATE_TEXT] = "", to_text[DOKUS_DATE_TEXT] = "";
  DokusDate d;
  sqlite3_stmt *stmt = NULL;
  cJSON *root = NULL, *list;
  char *sql;
  DokusError local = { 0 };
  DokusStatus st = DOKUS_OK;
  int rc;

  assert (book != NULL);
  assert (out_json != NULL);
  *out_json = NULL;
  db = dokus_book_get_db (book);
  if (err == NULL)
    err = &local;
  if (from != NULL)
    {
      st = dokus_date_parse (from, "from", &d, err);
      if (st != DOKUS_OK)
        return st;
      dokus_date_format (d, from_text);
    }
  if (to != NULL)
    {
      st = dokus_date_parse (to, "to", &d, err);
      if (st != DOKUS_OK)
        return st;
      dokus_date_format (d, to_text);
    }

  root = cJSON_CreateObject ();
  list = root ? cJSON_AddArrayToObject (root, "expenses") : NULL;
  sql = sqlite3_mprintf ("%s WHERE (?1 IS NULL OR e.date >= ?1) AND (?2 IS NULL OR e.date <= ?2)"
                         " ORDER BY e.date, e.created_at, e.rowid",
                         expense_columns);
  rc = sql && list ? sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) : SQLITE_NOMEM;
  sqlite3_free (sql);
  if (rc == SQLITE_OK)
    {
      if (from_text[0])
        sqlite3_bind_text (stmt, 1, from_text, -1, SQLITE_STATIC);
      if (to_text[0])
        sqlite3_bind_text (stmt, 2, to_text, -1, SQLITE_STATIC);
      /* the receipts are read while this statement runs: one read
       * transaction, so rows and receipts agree */
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          cJSON *o = expense_row (db, stmt, false, err);
          if (o == NULL)
            {
              st = err->code;
              break;
            }
          cJSON_AddItemToArray (list, o);
        }
    }
  if (st == DOKUS_OK && rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "listing the purchases", err);
  sqlite3_finalize (stmt);
  if (st != DOKUS_OK)
    {
      cJSON_Delete (root);
      return st;
    }
  return dokus_json_print_take (root, out_json, err);
}

DokusStatus
dokus_expense_show (DokusBook *book, const char *id, char **out_json, DokusError *err)
{
  DokusError local = { 0 };
  cJSON *o;

  assert (book != NULL);
  assert (out_json != NULL);
  *out_json = NULL;
  if (err == NULL)
    err = &local;
  if (id == NULL || id[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, "id", "no purchase id given");
  o = expense_to_json (dokus_book_get_db (book), id, err);
  if (o == NULL)
    return err->code;
  return dokus_json_print_take (o, out_json, err);
}

DokusStatus
dokus_attachment_get (DokusBook *book, const char *attachment_id, unsigned char **data,
                      size_t *len, char **filename, DokusError *err)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  unsigned char hash[crypto_hash_sha256_BYTES];
  char hex[SHA256_HEX];
  DokusStatus st = DOKUS_OK;
  int rc;

  assert (book != NULL);
  assert (data != NULL && len != NULL);
  *data = NULL;
  *len = 0;
  if (filename)
    *filename = NULL;
  if (attachment_id == NULL || attachment_id[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, "attachment", "no attachment id given");
  db = dokus_book_get_db (book);
  rc = sqlite3_prepare_v2 (db,
                           "SELECT filename, sha256, content FROM attachments WHERE id = ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, attachment_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    {
      const void *blob = sqlite3_column_blob (stmt, 2);
      size_t n = (size_t) sqlite3_column_bytes (stmt, 2);
      const char *name = column_text (stmt, 0), *stored = column_text (stmt, 1);

      crypto_hash_sha256 (hash, blob ? blob : "", n);
      sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
      if (stored == NULL || strcmp (hex, stored) != 0)
        st = dokus_error_set (err, DOKUS_ERR_CORRUPT, "attachment",
                              "attachment %s does not match its SHA-256", attachment_id);
      else
        {
          *data = malloc (n ? n : 1);
          if (filename)
            *filename = strdup (name ? name : "");
          if (*data == NULL || (filename && *filename == NULL))
            st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
          else
            {
              if (n)
                memcpy (*data, blob, n);
              *len = n;
            }
        }
    }
  else if (rc == SQLITE_DONE)
    st = dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "attachment", "no attachment '%s'",
                          attachment_id);
  else
    st = dokus_book_sqlite_error (db, rc, "reading the attachment", err);
  sqlite3_finalize (stmt);
  if (st != DOKUS_OK)
    {
      free (*data);
      *data = NULL;
      *len = 0;
      if (filename)
        {
          free (*filename);
          *filename = NULL;
        }
    }
  return st;
}

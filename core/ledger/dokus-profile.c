/* dokus-profile.c
 *
 * The tenant profile: who issues the invoices. One row; setting it is
 * validated field by field and audited ("settings"). Its JSON, which issue
 * freezes as the document's seller, also names the logo by its SHA-256
 * (read-only: dokus-profile-logo.c).
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
#include "dokus-profile-private.h"
#include "dokus/dokus-ident.h"
#include "dokus/dokus-ledger.h"

static const char *const regimes[] = { "standard", "franchise", NULL };
static const char *const periods[] = { "quarter", "month", NULL };
static const char *const languages[] = { "nl", "fr", "de", "en", NULL };

static DokusStatus
check_country (const char *country, const char *field, DokusError *err)
{
  if (country == NULL || strlen (country) != 2 || country[0] < 'A' || country[0] > 'Z'
      || country[1] < 'A' || country[1] > 'Z')
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "a country is an ISO 3166 code of two capital letters, e.g. BE");
  return DOKUS_OK;
}

static DokusStatus
check_email (const char *email, const char *field, DokusError *err)
{
  const char *at = email ? strchr (email, '@') : NULL;
  if (email != NULL
      && (at == NULL || at == email || strchr (at, '.') == NULL || strchr (email, ' ') != NULL
          || at[1] == '.' || email[strlen (email) - 1] == '.'))
    return dokus_error_set (err, DOKUS_ERR_INVALID, field, "'%s' is not an e-mail address",
                            email);
  return DOKUS_OK;
}

DokusStatus
dokus_address_parse (const cJSON *obj, const char *path, bool country_required,
                     const char **street, const char **postal_code, const char **city,
                     const char **country, DokusError *err)
{
  static const char *const fields[] = { "street", "postal_code", "city", "country", NULL };
  const cJSON *a = NULL;
  char p[DOKUS_FIELD_TEXT], field[DOKUS_FIELD_TEXT];
  DokusStatus st = dokus_json_get_object (obj, path, "address", country_required, &a, err);

  *street = *postal_code = *city = *country = NULL;
  if (st != DOKUS_OK || a == NULL)
    return st;
  dokus_json_field (p, path, "address");
  st = dokus_json_check_fields (a, p, fields, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (a, p, "street", false, 200, street, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (a, p, "postal_code", false, 20, postal_code, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (a, p, "city", false, 100, city, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (a, p, "country", country_required, 2, country, err);
  dokus_json_field (field, p, "country");
  if (st == DOKUS_OK && *country != NULL)
    st = check_country (*country, field, err);
  return st;
}

/* Art. III.25 WER/CDE: the register of legal entities and the seat of
 * its court, "RPR Gent, afdeling Gent", "RPM Liège" (RJP in German). */
static DokusStatus
check_register (const char *reg, DokusError *err)
{
  static const char *const kinds[] = { "RPR ", "RPM ", "RJP " };

  if (reg == NULL)
    return DOKUS_OK;
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (strncmp (reg, kinds[i], 4) == 0 && strspn (reg + 4, " ") < strlen (reg + 4))
      return DOKUS_OK;
  return dokus_error_set (err, DOKUS_ERR_INVALID, "register",
                          "'%s': the register is RPR, RPM or RJP and the seat of the court, "
                          "e.g. \"RPR Gent, afdeling Gent\" or \"RPM Liège\"",
                          reg);
}

static bool
prefix_is_valid (const char *s)
{
  for (; *s; s++)
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')
          || *s == '-' || *s == '/' || *s == '_' || *s == '.'))
      return false;
  return true;
}

DokusStatus
dokus_profile_set (DokusBook *book, const char *json, DokusError *err)
{
  static const char *const fields[]
    = { "name", "trading_name", "enterprise_number", "vat_number", "vat_regime", "vat_period",
        "address", "iban", "bic", "email", "peppol_id", "invoice_prefix", "payment_terms_days",
        "language", "legal_form", "register", "logo_sha256", NULL };
  sqlite3 *db = dokus_book_get_db (book);
  const char *name = NULL, *trading = NULL, *enterprise = NULL, *vat = NULL, *regime = NULL;
  const char *period = NULL, *street, *postal, *city, *country, *iban = NULL, *bic = NULL;
  const char *email = NULL, *peppol = NULL, *prefix = NULL, *language = NULL;
  const char *legal_form = NULL, *reg = NULL, *logo_hash = NULL;
  char ent[DOKUS_ENTERPRISE_TEXT], vat_n[DOKUS_VAT_TEXT], iban_n[DOKUS_IBAN_TEXT] = "";
  char bic_n[DOKUS_BIC_TEXT] = "", peppol_n[DOKUS_PEPPOL_ID_TEXT], now[DOKUS_TIMESTAMP_TEXT];
  long long terms = 30;
  cJSON *obj = NULL, *before = NULL, *after = NULL;
  char *before_text = NULL, *after_text = NULL;
  sqlite3_stmt *stmt = NULL;
  DokusStatus st;
  int rc;

  st = dokus_json_parse_object (json, "profile", &obj, err);
  if (st == DOKUS_OK)
    st = dokus_json_check_fields (obj, "", fields, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "name", true, 200, &name, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "trading_name", false, 200, &trading, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "enterprise_number", true, 40, &enterprise, err);
  if (st == DOKUS_OK)
    st = dokus_enterprise_number_normalize (enterprise, "enterprise_number", ent, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "vat_number", false, 40, &vat, err);
  if (st == DOKUS_OK && vat != NULL)
    {
      char expected[DOKUS_VAT_TEXT];
      st = dokus_vat_number_normalize (vat, "vat_number", vat_n, err);
      dokus_vat_number_for_enterprise (ent, expected);
      if (st == DOKUS_OK && strcmp (vat_n, expected) != 0)
        st = dokus_error_set (err, DOKUS_ERR_INVALID, "vat_number",
                              "a Belgian VAT number is BE and the enterprise number: %s", expected);
    }
  else if (st == DOKUS_OK)
    dokus_vat_number_for_enterprise (ent, vat_n);
  if (st == DOKUS_OK)
    st = dokus_json_get_choice (obj, "", "vat_regime", false, regimes, &regime, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_choice (obj, "", "vat_period", false, periods, &period, err);
  if (st == DOKUS_OK)
    st = dokus_address_parse (obj, "", false, &street, &postal, &city, &country, err);
  if (st == DOKUS_OK && country != NULL && strcmp (country, "BE") != 0)
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "address.country",
                          "Dokus keeps the books of Belgian businesses: the country is BE");
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "iban", false, 50, &iban, err);
  if (st == DOKUS_OK && iban != NULL)
    st = dokus_iban_normalize (iban, "iban", iban_n, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "bic", false, 20, &bic, err);
  if (st == DOKUS_OK && bic != NULL)
    st = dokus_bic_normalize (bic, "bic", bic_n, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "email", false, 200, &email, err);
  if (st == DOKUS_OK)
    st = check_email (email, "email", err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "peppol_id", false, 140, &peppol, err);
  if (st == DOKUS_OK && peppol != NULL)
    {
      DokusPeppolId pid;
      st = dokus_peppol_id_parse (peppol, "peppol_id", &pid, err);
      if (st == DOKUS_OK)
        dokus_peppol_id_format (&pid, peppol_n);
    }
  else if (st == DOKUS_OK)
    snprintf (peppol_n, sizeof peppol_n, "0208:%s", ent);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "invoice_prefix", false, 12, &prefix, err);
  if (st == DOKUS_OK && prefix != NULL && !prefix_is_valid (prefix))
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "invoice_prefix",
                          "an invoice prefix has letters, digits and - / _ . only");
  /* invoice CN-2026-0001 would take credit note CN-2026-0001's number */
  if (st == DOKUS_OK && prefix != NULL && strcmp (prefix, "CN-") == 0)
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "invoice_prefix",
                          "CN- numbers the credit notes: choose another invoice prefix");
  if (st == DOKUS_OK)
    st = dokus_json_get_int (obj, "", "payment_terms_days", false, 0, 365, &terms, NULL, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_choice (obj, "", "language", false, languages, &language, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "legal_form", false, 40, &legal_form, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "register", false, 100, &reg, err);
  if (st == DOKUS_OK)
    st = check_register (reg, err);
  /* what profile show gives may come back: the logo is set by
   * dokus_profile_set_logo(), its hash is only read here */
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "logo_sha256", false, 64, &logo_hash, err);
  if (st != DOKUS_OK)
    goto out;

  st = dokus_ledger_begin (db, err);
  if (st != DOKUS_OK)
    goto out;
  before = dokus_profile_to_json (db, NULL);
  dokus_timestamp_now (now);
  rc = sqlite3_prepare_v2 (db,
                           "INSERT OR REPLACE INTO profile (id, name, trading_name, enterprise_number,"
                           " vat_number, vat_regime, vat_period, street, postal_code, city, country,"
                           " iban, bic, email, peppol_id, invoice_prefix, payment_terms_days,"
                           " language, logo, updated_at, legal_form, register)"
                           " VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'BE', ?10, ?11, ?12, ?13,"
                           " ?14, ?15, ?16, (SELECT logo FROM profile WHERE id = 1), ?17, ?18, ?19)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      const char *vals[] = { name, trading, ent, vat_n, regime ? regime : "standard",
                             period ? period : "quarter", street, postal, city,
                             iban_n[0] ? iban_n : NULL, bic_n[0] ? bic_n : NULL, email, peppol_n,
                             prefix ? prefix : "" };
      for (int i = 0; i < 14; i++)
        if (vals[i] != NULL)
          sqlite3_bind_text (stmt, i + 1, vals[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 15, terms);
      sqlite3_bind_text (stmt, 16, language ? language : "nl", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 17, now, -1, SQLITE_STATIC);
      if (legal_form != NULL)
        sqlite3_bind_text (stmt, 18, legal_form, -1, SQLITE_STATIC);
      if (reg != NULL)
        sqlite3_bind_text (stmt, 19, reg, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    st = dokus_book_sqlite_error (db, rc, "saving the profile", err);
  if (st == DOKUS_OK)
    {
      after = dokus_profile_to_json (db, err);
      before_text = before ? cJSON_PrintUnformatted (before) : NULL;
      after_text = after ? cJSON_PrintUnformatted (after) : NULL;
      st = after_text ? dokus_audit_append (db, before ? "update" : "create", "profile", NULL,
                                            before_text, after_text, err)
                      : dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  if (st == DOKUS_OK)
    st = dokus_ledger_commit (db, err);
  else
    dokus_ledger_rollback (db);
out:
  cJSON_Delete (obj);
  cJSON_Delete (before);
  cJSON_Delete (after);
  free (before_text);
  free (after_text);
  return st;
}

static void
add_column (cJSON *o, const char *key, sqlite3_stmt *stmt, int col)
{
  dokus_json_add_string_or_null (o, key, (const char *) sqlite3_column_text (stmt, col));
}

cJSON *
dokus_profile_to_json (sqlite3 *db, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  cJSON *o = NULL, *addr;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT name, trading_name, enterprise_number, vat_number, vat_regime,"
                               " vat_period, street, postal_code, city, country, iban, bic, email,"
                               " peppol_id, invoice_prefix, payment_terms_days, language,"
                               " legal_form, register FROM profile WHERE id = 1",
                               -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "profile",
                     "the book has no profile yet: set it first (dokus-cli init)");
  else if (rc != SQLITE_ROW)
    dokus_book_sqlite_error (db, rc, "reading the profile", err);
  else if ((o = cJSON_CreateObject ()) != NULL)
    {
      add_column (o, "name", stmt, 0);
      add_column (o, "trading_name", stmt, 1);
      add_column (o, "enterprise_number", stmt, 2);
      add_column (o, "vat_number", stmt, 3);
      add_column (o, "vat_regime", stmt, 4);
      add_column (o, "vat_period", stmt, 5);
      addr = cJSON_AddObjectToObject (o, "address");
      add_column (addr, "street", stmt, 6);
      add_column (addr, "postal_code", stmt, 7);
      add_column (addr, "city", stmt, 8);
      add_column (addr, "country", stmt, 9);
      add_column (o, "iban", stmt, 10);
      add_column (o, "bic", stmt, 11);
      add_column (o, "email", stmt, 12);
      add_column (o, "peppol_id", stmt, 13);
      add_column (o, "invoice_prefix", stmt, 14);
      cJSON_AddNumberToObject (o, "payment_terms_days", sqlite3_column_int (stmt, 15));
      add_column (o, "language", stmt, 16);
      add_column (o, "legal_form", stmt, 17);
      add_column (o, "register", stmt, 18);
    }
  sqlite3_finalize (stmt);
  if (o != NULL)
    {
      char logo[DOKUS_LOGO_SHA256_TEXT];
      if (dokus_profile_logo_sha256 (db, logo, err) != DOKUS_OK)
        {
          cJSON_Delete (o);
          return NULL;
        }
      dokus_json_add_string_or_null (o, "logo_sha256", logo[0] ? logo : NULL);
    }
  return o;
}

DokusStatus
dokus_profile_get (DokusBook *book, char **out_json, DokusError *err)
{
  cJSON *o = dokus_profile_to_json (dokus_book_get_db (book), err);
  *out_json = NULL;
  if (o == NULL)
    return err ? err->code : DOKUS_ERR_NOT_FOUND;
  return dokus_json_print_take (o, out_json, err);
}

DokusStatus
dokus_profile_facts (sqlite3 *db, DokusProfileFacts *out, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT vat_regime, country, invoice_prefix, payment_terms_days,"
                               " language FROM profile WHERE id = 1",
                               -1, &stmt, NULL);
  DokusStatus st = DOKUS_OK;

  memset (out, 0, sizeof *out);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->franchise = strcmp ((const char *) sqlite3_column_text (stmt, 0), "franchise") == 0;
      snprintf (out->country, sizeof out->country, "%s", sqlite3_column_text (stmt, 1));
      snprintf (out->prefix, sizeof out->prefix, "%s", sqlite3_column_text (stmt, 2));
      out->terms = sqlite3_column_int64 (stmt, 3);
      snprintf (out->language, sizeof out->language, "%s", sqlite3_column_text (stmt, 4));
    }
  else if (rc == SQLITE_DONE)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "profile",
                          "the book has no profile yet: set it first (dokus-cli init)");
  else
    st = dokus_book_sqlite_error (db, rc, "reading the profile", err);
  sqlite3_finalize (stmt);
  return st;
}

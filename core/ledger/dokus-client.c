/* dokus-client.c
 *
 * Clients: companies and private persons the freelancer invoices. Their
 * identifiers are checked (VAT number with its country's checksum,
 * Belgian enterprise number, Peppol id); a client with documents is
 * archived, never deleted.
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
#include "dokus-search-private.h"
#include "dokus/dokus-ident.h"
#include "dokus/dokus-ledger.h"

static const char *const kinds[] = { "company", "person", NULL };
static const char *const languages[] = { "nl", "fr", "de", "en", NULL };

/* The invoice language a client gets when none is given. */
static const char *
default_language (const char *country, const char *profile_language)
{
  if (strcmp (country, "BE") == 0)
    return profile_language;
  if (strcmp (country, "NL") == 0)
    return "nl";
  if (strcmp (country, "FR") == 0 || strcmp (country, "LU") == 0)
    return "fr";
  if (strcmp (country, "DE") == 0 || strcmp (country, "AT") == 0)
    return "de";
  return "en";
}

/* Adds a client (@update_id NULL) or replaces every field of the client
 * @update_id, with its audit entry, in one transaction. */
static DokusStatus
client_write (DokusBook *book, const char *update_id, const char *json,
              char out_id[DOKUS_ID_TEXT], DokusError *err)
{
  static const char *const fields[]
    = { "name", "kind", "vat_number", "enterprise_number", "peppol_id", "address", "email",
        "language", "payment_terms_days", NULL };
  sqlite3 *db = dokus_book_get_db (book);
  const char *name = NULL, *kind = NULL, *vat = NULL, *enterprise = NULL, *peppol = NULL;
  const char *street, *postal, *city, *country, *email = NULL, *language = NULL;
  char vat_n[DOKUS_VAT_TEXT] = "", ent[DOKUS_ENTERPRISE_TEXT] = "";
  char peppol_n[DOKUS_PEPPOL_ID_TEXT] = "", now[DOKUS_TIMESTAMP_TEXT], id[DOKUS_ID_TEXT];
  long long terms = 0;
  bool has_terms = false;
  DokusProfileFacts facts = { .language = "nl" };
  cJSON *obj = NULL, *after = NULL, *before = NULL;
  char *after_text = NULL, *before_text = NULL;
  sqlite3_stmt *stmt = NULL;
  DokusStatus st;
  int rc;

  st = dokus_json_parse_object (json, "client", &obj, err);
  if (st == DOKUS_OK)
    st = dokus_json_check_fields (obj, "", fields, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "name", true, 200, &name, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_choice (obj, "", "kind", false, kinds, &kind, err);
  if (st == DOKUS_OK)
    st = dokus_address_parse (obj, "", true, &street, &postal, &city, &country, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "vat_number", false, 40, &vat, err);
  /* an EU VAT number checked with its checksum; elsewhere a tax number */
  if (st == DOKUS_OK && vat != NULL)
    st = dokus_tax_number_normalize (vat, country, "vat_number", vat_n, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "enterprise_number", false, 40, &enterprise, err);
  if (st == DOKUS_OK && enterprise != NULL)
    {
      if (strcmp (country, "BE") != 0)
        st = dokus_error_set (err, DOKUS_ERR_INVALID, "enterprise_number",
                              "an enterprise number is Belgian: leave it out for %s", country);
      else
        st = dokus_enterprise_number_normalize (enterprise, "enterprise_number", ent, err);
      if (st == DOKUS_OK && vat_n[0] && strcmp (vat_n + 2, ent) != 0)
        st = dokus_error_set (err, DOKUS_ERR_INVALID, "enterprise_number",
                              "the enterprise number differs from the VAT number %s", vat_n);
    }
  else if (st == DOKUS_OK && vat_n[0] && strcmp (country, "BE") == 0)
    {
      memcpy (ent, vat_n + 2, sizeof ent - 1); /* a Belgian VAT number is BE + it */
      ent[sizeof ent - 1] = '\0';
    }
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "peppol_id", false, 140, &peppol, err);
  if (st == DOKUS_OK && peppol != NULL)
    {
      DokusPeppolId pid;
      st = dokus_peppol_id_parse (peppol, "peppol_id", &pid, err);
      if (st == DOKUS_OK)
        dokus_peppol_id_format (&pid, peppol_n);
    }
  else if (st == DOKUS_OK && ent[0] && (kind == NULL || strcmp (kind, "company") == 0))
    snprintf (peppol_n, sizeof peppol_n, "0208:%s", ent);
  if (st == DOKUS_OK)
    st = dokus_json_get_string (obj, "", "email", false, 200, &email, err);
  if (st == DOKUS_OK && email != NULL && (strchr (email, '@') == NULL || strchr (email, ' ')))
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "email", "'%s' is not an e-mail address", email);
  if (st == DOKUS_OK)
    st = dokus_json_get_choice (obj, "", "language", false, languages, &language, err);
  if (st == DOKUS_OK)
    st = dokus_json_get_int (obj, "", "payment_terms_days", false, 0, 365, &terms, &has_terms,
                             err);
  if (st != DOKUS_OK)
    goto out;
  if (kind == NULL)
    kind = vat_n[0] ? "company" : "person";

  st = dokus_ledger_begin (db, err);
  if (st != DOKUS_OK)
    goto out;
  if (dokus_profile_facts (db, &facts, NULL) != DOKUS_OK)
    strcpy (facts.language, "nl");
  if (update_id != NULL)
    {
      const cJSON *archived;
      snprintf (id, sizeof id, "%s", update_id);
      before = dokus_client_to_json (db, id, err);
      if (before == NULL)
        {
          dokus_ledger_rollback (db);
          st = err ? err->code : DOKUS_ERR_NOT_FOUND;
          goto out;
        }
      archived = cJSON_GetObjectItemCaseSensitive (before, "archived");
      if (cJSON_IsTrue (archived))
        {
          dokus_ledger_rollback (db);
          st = dokus_error_set (err, DOKUS_ERR_REFUSED, "client",
                                "client '%s' is archived: archived clients are kept as they were",
                                id);
          goto out;
        }
      before_text = cJSON_PrintUnformatted (before);
    }
  else
    dokus_uuid_new (id);
  dokus_timestamp_now (now);
  /* issued documents keep the buyer as it was (documents.buyer_json) */
  rc = sqlite3_prepare_v2 (db,
                           update_id != NULL
                             ? "UPDATE clients SET name = ?2, kind = ?3, vat_number = ?4,"
                               " enterprise_number = ?5, peppol_id = ?6, street = ?7,"
                               " postal_code = ?8, city = ?9, country = ?10, email = ?11,"
                               " language = ?12, payment_terms_days = ?13, updated_at = ?14"
                               " WHERE id = ?1"
                             : "INSERT INTO clients (id, name, kind, vat_number, enterprise_number,"
                               " peppol_id, street, postal_code, city, country, email, language,"
                               " payment_terms_days, created_at, updated_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                               " ?14, ?14)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      const char *vals[] = { id, name, kind, vat_n[0] ? vat_n : NULL, ent[0] ? ent : NULL,
                             peppol_n[0] ? peppol_n : NULL, street, postal, city, country, email,
                             language ? language : default_language (country, facts.language) };
      for (int i = 0; i < 12; i++)
        if (vals[i] != NULL)
          sqlite3_bind_text (stmt, i + 1, vals[i], -1, SQLITE_STATIC);
      if (has_terms)
        sqlite3_bind_int64 (stmt, 13, terms);
      sqlite3_bind_text (stmt, 14, now, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    st = dokus_book_sqlite_error (db, rc, "saving the client", err);
  if (st == DOKUS_OK)
    {
      after = dokus_client_to_json (db, id, err);
      after_text = after ? cJSON_PrintUnformatted (after) : NULL;
      st = after_text && (update_id == NULL || before_text != NULL)
             ? dokus_audit_append (db, update_id ? "update" : "create", "client", id,
                                   before_text, after_text, err)
             : dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  if (st == DOKUS_OK)
    st = dokus_ledger_commit (db, err);
  else
    dokus_ledger_rollback (db);
  if (st == DOKUS_OK)
    memcpy (out_id, id, DOKUS_ID_TEXT);
out:
  cJSON_Delete (obj);
  cJSON_Delete (after);
  cJSON_Delete (before);
  free (after_text);
  free (before_text);
  return st;
}

DokusStatus
dokus_client_add (DokusBook *book, const char *json, char out_id[DOKUS_ID_TEXT], DokusError *err)
{
  return client_write (book, NULL, json, out_id, err);
}

DokusStatus
dokus_client_update (DokusBook *book, const char *client_id, const char *json, DokusError *err)
{
  char id[DOKUS_ID_TEXT];

  if (client_id == NULL || client_id[0] == '\0' || strlen (client_id) >= DOKUS_ID_TEXT)
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "client", "no client '%s'",
                            client_id ? client_id : "");
  return client_write (book, client_id, json, id, err);
}

static const char client_columns[]
  = "SELECT id, name, kind, vat_number, enterprise_number, peppol_id, street, postal_code, city,"
    " country, email, language, payment_terms_days, archived FROM clients";

static cJSON *
client_row (sqlite3_stmt *stmt)
{
  static const char *const keys[] = { "id", "name", "kind", "vat_number", "enterprise_number",
                                      "peppol_id" };
  cJSON *o = cJSON_CreateObject (), *addr;

  if (o == NULL)
    return NULL;
  for (int i = 0; i < 6; i++)
    dokus_json_add_string_or_null (o, keys[i], (const char *) sqlite3_column_text (stmt, i));
  addr = cJSON_AddObjectToObject (o, "address");
  dokus_json_add_string_or_null (addr, "street", (const char *) sqlite3_column_text (stmt, 6));
  dokus_json_add_string_or_null (addr, "postal_code", (const char *) sqlite3_column_text (stmt, 7));
  dokus_json_add_string_or_null (addr, "city", (const char *) sqlite3_column_text (stmt, 8));
  dokus_json_add_string_or_null (addr, "country", (const char *) sqlite3_column_text (stmt, 9));
  dokus_json_add_string_or_null (o, "country", (const char *) sqlite3_column_text (stmt, 9));
  dokus_json_add_string_or_null (o, "email", (const char *) sqlite3_column_text (stmt, 10));
  dokus_json_add_string_or_null (o, "language", (const char *) sqlite3_column_text (stmt, 11));
  if (sqlite3_column_type (stmt, 12) == SQLITE_NULL)
    cJSON_AddNullToObject (o, "payment_terms_days");
  else
    cJSON_AddNumberToObject (o, "payment_terms_days", sqlite3_column_int (stmt, 12));
  cJSON_AddBoolToObject (o, "archived", sqlite3_column_int (stmt, 13) != 0);
  return o;
}

cJSON *
dokus_client_to_json (sqlite3 *db, const char *id, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  char *sql = sqlite3_mprintf ("%s WHERE id = ?1", client_columns);
  cJSON *o = NULL;
  int rc = sql ? sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) : SQLITE_NOMEM;

  sqlite3_free (sql);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    o = client_row (stmt);
  else if (rc == SQLITE_DONE)
    dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "client", "no client '%s'", id);
  else
    dokus_book_sqlite_error (db, rc, "reading the client", err);
  sqlite3_finalize (stmt);
  return o;
}

DokusStatus
dokus_client_list (DokusBook *book, bool include_archived, char **out_json, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  sqlite3_stmt *stmt = NULL;
  char *sql = sqlite3_mprintf ("%s %s ORDER BY name COLLATE NOCASE, id", client_columns,
                               include_archived ? "" : "WHERE archived = 0");
  cJSON *root = cJSON_CreateObject ();
  cJSON *list = root ? cJSON_AddArrayToObject (root, "clients") : NULL;
  int rc = sql && list ? sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) : SQLITE_NOMEM;

  sqlite3_free (sql);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      cJSON_AddItemToArray (list, client_row (stmt));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cJSON_Delete (root);
      *out_json = NULL;
      return dokus_book_sqlite_error (db, rc, "listing the clients", err);
    }
  return dokus_json_print_take (root, out_json, err);
}

DokusStatus
dokus_client_search (DokusBook *book, const char *text, int64_t limit, char **out_json,
                     DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  DokusSearchWords words = { 0 };
  sqlite3_stmt *stmt = NULL;
  char *match = NULL, *sql = NULL;
  cJSON *root = NULL, *list = NULL;
  DokusStatus st;
  int rc = SQLITE_OK;

  *out_json = NULL;
  if (limit < 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "limit", "the limit cannot be negative");
  st = dokus_search_words_parse (text, &words, err);
  if (st != DOKUS_OK)
    {
      dokus_search_words_clear (&words);
      return st;
    }
  match = dokus_search_words_all (&words);
  sql = sqlite3_mprintf ("%s%s ORDER BY archived, name COLLATE NOCASE, id LIMIT ?2",
                         client_columns,
                         words.n ? " WHERE rowid IN (SELECT rowid FROM clients_fts"
                                   " WHERE clients_fts MATCH ?1)"
                                 : "");
  root = cJSON_CreateObject ();
  list = root ? cJSON_AddArrayToObject (root, "clients") : NULL;
  rc = match && sql && list ? sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) : SQLITE_NOMEM;
  if (rc == SQLITE_OK)
    {
      if (words.n)
        sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, limit > 0 ? limit : -1);
    }
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      cJSON_AddItemToArray (list, client_row (stmt));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  sqlite3_free (sql);
  sqlite3_free (match);
  dokus_search_words_clear (&words);
  if (rc != SQLITE_DONE)
    {
      cJSON_Delete (root);
      return dokus_book_sqlite_error (db, rc, "searching the clients", err);
    }
  return dokus_json_print_take (root, out_json, err);
}

DokusStatus
dokus_client_resolve (sqlite3 *db, const char *id_or_name, char id[DOKUS_ID_TEXT],
                      DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT id, archived FROM clients WHERE id = ?1 OR name = ?1"
                               " ORDER BY archived, (id = ?1) DESC LIMIT 2",
                               -1, &stmt, NULL);
  DokusStatus st = DOKUS_OK;
  int found = 0;

  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "finding the client", err);
  sqlite3_bind_text (stmt, 1, id_or_name, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (found == 0)
        {
          snprintf (id, DOKUS_ID_TEXT, "%s", (const char *) sqlite3_column_text (stmt, 0));
          if (sqlite3_column_int (stmt, 1))
            st = dokus_error_set (err, DOKUS_ERR_REFUSED, "client",
                                  "client '%s' is archived", id_or_name);
        }
      else if (strcmp (id, id_or_name) != 0)
        st = dokus_error_set (err, DOKUS_ERR_INVALID, "client",
                              "more than one client is named '%s': give the id", id_or_name);
      found++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return dokus_book_sqlite_error (db, rc, "finding the client", err);
  if (found == 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "client", "no client '%s'", id_or_name);
  return st;
}

DokusStatus
dokus_client_archive (DokusBook *book, const char *client_id, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char now[DOKUS_TIMESTAMP_TEXT];
  char *sql;
  DokusStatus st = dokus_ledger_begin (db, err);
  int rc;

  if (st != DOKUS_OK)
    return st;
  dokus_timestamp_now (now);
  sql = sqlite3_mprintf ("UPDATE clients SET archived = 1, updated_at = %Q WHERE id = %Q", now,
                         client_id);
  rc = sql ? sqlite3_exec (db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
  sqlite3_free (sql);
  if (rc != SQLITE_OK)
    st = dokus_book_sqlite_error (db, rc, "archiving the client", err);
  else if (sqlite3_changes (db) == 0)
    st = dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "client", "no client '%s'", client_id);
  if (st == DOKUS_OK)
    st = dokus_audit_append (db, "archive", "client", client_id, NULL, NULL, err);
  if (st == DOKUS_OK)
    return dokus_ledger_commit (db, err);
  dokus_ledger_rollback (db);
  return st;
}

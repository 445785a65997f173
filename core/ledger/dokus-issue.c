/* dokus-issue.c
 *
 * Issuing a draft: the rules of its issue date, the next number of its
 * continuous series, and freezing of everything the document says, in one
 * transaction with its audit entry. A crash anywhere before COMMIT leaves
 * the draft a draft and the series untouched: no gap, no duplicate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-audit-private.h"
#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-id-private.h"
#include "dokus-json-input-private.h"
#include "dokus-sync-private.h"
#include "dokus/dokus-ident.h"
#include "dokus/dokus-vat.h"

typedef struct {
  sqlite3 *db;
  DokusDoc doc;
  DokusProfileFacts facts;
  bool franchise; /* the regime the document is under (see dokus_doc_regime) */
  cJSON *seller, *buyer;
  char client_country[3], client_vat[DOKUS_VAT_TEXT], language[3];
  DokusTotals totals;
  char series_id[32], prefix[16];
  long long series_number;
} Issue;

static const char *
json_string (const cJSON *o, const char *key)
{
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (o, key);
  return cJSON_IsString (m) ? m->valuestring : NULL;
}

/* The rate must be a Belgian rate of its category on the issue date. */
static DokusStatus
check_rate_on (Issue *is, const char *category, DokusDecimal rate, const char *field,
               DokusError *err)
{
  char r[DOKUS_MONEY_TEXT], date[DOKUS_DATE_TEXT];
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (is->db,
                               "SELECT 1 FROM vat_rates WHERE country = 'BE' AND category = ?1"
                               " AND rate = ?2 AND valid_from <= ?3"
                               " AND (valid_to IS NULL OR valid_to >= ?3)",
                               -1, &stmt, NULL);
  DokusStatus st = DOKUS_OK;

  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (is->db, rc, "reading the VAT rates", err);
  dokus_decimal_format (rate, r);
  dokus_date_format (is->doc.issue_date, date);
  sqlite3_bind_text (stmt, 1, category, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, r, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    st = dokus_error_set (err, DOKUS_ERR_INVALID, field,
                          "%s %% is not a Belgian VAT rate for category %s on %s", r, category,
                          date);
  else if (rc != SQLITE_ROW)
    st = dokus_book_sqlite_error (is->db, rc, "reading the VAT rates", err);
  sqlite3_finalize (stmt);
  return st;
}

/* The rules that depend on the seller, the buyer and the issue date. */
static DokusStatus
check_rules (Issue *is, DokusError *err)
{
  DokusDoc *doc = &is->doc;
  bool has[8] = { false };
  char field[DOKUS_FIELD_TEXT];
  DokusStatus st;

  for (size_t i = 0; i < doc->n_lines; i++)
    {
      const DokusDocLine *l = &doc->lines[i];
      snprintf (field, sizeof field, "lines[%u].vat_category", (unsigned) i);
      if (is->franchise && strcmp (l->t.vat_category, "E") != 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                "a book under the franchise scheme invoices in category E only");
      snprintf (field, sizeof field, "lines[%u].vat_rate", (unsigned) i);
      st = check_rate_on (is, l->t.vat_category, l->t.vat_rate, field, err);
      if (st != DOKUS_OK)
        return st;
      has[dokus_vat_category_index (l->t.vat_category)] = true;
    }
  for (size_t i = 0, n_charges = 0, n_allowances = 0; i < doc->n_adjustments; i++)
    {
      const DokusDocAdjustment *a = &doc->adjustments[i];
      /* named by its position in its own list, as the input gave it */
      const char *list = a->t.is_charge ? "charges" : "allowances";
      unsigned at = (unsigned) (a->t.is_charge ? n_charges++ : n_allowances++);
      snprintf (field, sizeof field, "%s[%u].vat_category", list, at);
      if (is->franchise && strcmp (a->t.vat_category, "E") != 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                "a book under the franchise scheme invoices in category E only");
      snprintf (field, sizeof field, "%s[%u].vat_rate", list, at);
      st = check_rate_on (is, a->t.vat_category, a->t.vat_rate, field, err);
      if (st != DOKUS_OK)
        return st;
      has[dokus_vat_category_index (a->t.vat_category)] = true;
    }
  /* reverse charge and intra-EU supplies need the buyer's VAT number
   * (BR-AE-02, BR-IC-02); intra-EU goods the delivery (BR-IC-11, BR-IC-12) */
  if ((has[3] || has[4]) && is->client_vat[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, "client",
                            "category %s needs the client's VAT number", has[3] ? "AE" : "K");
  if (has[4])
    {
      char cc[3];
      if (!doc->has_delivery_date)
        return dokus_error_set (err, DOKUS_ERR_INVALID, "delivery.date",
                                "an intra-EU supply of goods (K) needs the delivery date (BR-IC-11)");
      if (doc->delivery_country[0] == '\0')
        return dokus_error_set (err, DOKUS_ERR_INVALID, "delivery.country",
                                "an intra-EU supply of goods (K) needs the country delivered to "
                                "(BR-IC-12)");
      memcpy (cc, doc->delivery_country, 3);
      if (strcmp (cc, "BE") == 0 || !dokus_vat_country_is_eu (cc))
        return dokus_error_set (err, DOKUS_ERR_INVALID, "delivery.country",
                                "an intra-EU supply goes to another EU member state, not %s", cc);
    }
  /* a triangular operation (ABC) is an intra-EU supply of goods by B to C
   * in a third member state: K only, to a business there (docs/vat.md) */
  if (doc->triangulation)
    {
      if (!has[4])
        return dokus_error_set (err, DOKUS_ERR_INVALID, "delivery.triangulation",
                                "a triangular operation is an intra-EU supply of goods: its "
                                "lines are in category K");
      if (strcmp (is->client_country, "BE") == 0 || !dokus_vat_country_is_eu (is->client_country))
        return dokus_error_set (err, DOKUS_ERR_INVALID, "delivery.triangulation",
                                "in a triangular operation the client is a business in another "
                                "EU member state, not %s", is->client_country);
      if (strcmp (doc->delivery_country, is->client_country) != 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, "delivery.country",
                                "in a triangular operation the goods go to the client's member "
                                "state (%s), not %s", is->client_country, doc->delivery_country);
    }
  if (has[3] && strcmp (is->client_country, "BE") != 0 && !dokus_vat_country_is_eu (is->client_country))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "client",
                            "reverse charge (AE) applies to Belgian co-contractors and EU "
                            "businesses; %s is outside the EU (use O or G)", is->client_country);
  return DOKUS_OK;
}

/* Sum of tax exclusive amounts of the issued invoices minus credit notes
 * dated in @year. */
static DokusStatus
year_turnover (sqlite3 *db, int year, DokusCents *out, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  char from[16], to[16];
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT coalesce(sum(CASE type WHEN 'invoice' THEN"
                               " tax_exclusive_amount ELSE -tax_exclusive_amount END), 0)"
                               " FROM documents WHERE state <> 'draft'"
                               " AND issue_date BETWEEN ?1 AND ?2",
                               -1, &stmt, NULL);

  snprintf (from, sizeof from, "%04d-01-01", year);
  snprintf (to, sizeof to, "%04d-12-31", year);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the year's turnover", err);
  return DOKUS_OK;
}

/* The next number of the document's series, refusing an issue date
 * before the series' last one. */
static DokusStatus
next_number (Issue *is, DokusError *err)
{
  DokusDoc *doc = &is->doc;
  bool invoice = strcmp (doc->type, "invoice") == 0;
  sqlite3_stmt *stmt = NULL;
  char date[DOKUS_DATE_TEXT];
  const char *last_date = NULL;
  char infix[8];
  long long last = 0;
  int rc;

  snprintf (is->series_id, sizeof is->series_id, "%s/%04d", doc->type, (int) doc->issue_date.year);
  /* a synced device without this series' lease may number in its own */
  dokus_sync_series_pick (is->db, is->series_id, sizeof is->series_id, infix);
  snprintf (is->prefix, sizeof is->prefix, "%s", invoice ? is->facts.prefix : "CN-");
  rc = sqlite3_prepare_v2 (is->db, "SELECT last_number, last_issue_date, prefix FROM series"
                                   " WHERE id = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, is->series_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    {
      last = sqlite3_column_int64 (stmt, 0);
      last_date = (const char *) sqlite3_column_text (stmt, 1);
      /* a series keeps the prefix it started with */
      snprintf (is->prefix, sizeof is->prefix, "%s", sqlite3_column_text (stmt, 2));
      dokus_date_format (doc->issue_date, date);
      if (last_date != NULL && strcmp (date, last_date) < 0)
        {
          DokusStatus st = dokus_error_set (err, DOKUS_ERR_REFUSED, "issue_date",
                                            "the issue date %s is before %s, the date of the "
                                            "last document of series %s: numbers and dates must "
                                            "go up together",
                                            date, last_date, is->series_id);
          sqlite3_finalize (stmt);
          return st;
        }
    }
  else if (rc != SQLITE_DONE)
    {
      sqlite3_finalize (stmt);
      return dokus_book_sqlite_error (is->db, rc, "reading the numbering series", err);
    }
  sqlite3_finalize (stmt);
  is->series_number = last + 1;
  snprintf (doc->number, sizeof doc->number, "%s%04d-%s%04lld", is->prefix,
            (int) doc->issue_date.year, infix, is->series_number);
  return DOKUS_OK;
}

static DokusStatus
exec_bound (sqlite3 *db, const char *sql, const char *const *texts, int n_texts,
            const long long *ints, int n_ints, const char *what, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      for (int i = 0; i < n_texts; i++)
        if (texts[i] != NULL)
          sqlite3_bind_text (stmt, i + 1, texts[i], -1, SQLITE_STATIC);
      for (int i = 0; i < n_ints; i++)
        sqlite3_bind_int64 (stmt, n_texts + i + 1, ints[i]);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, what, err);
  return DOKUS_OK;
}

/* Writes the frozen document: line nets, the series and the VAT breakdown
 * while it is still a draft (the triggers freeze them after), then the
 * document itself. */
static DokusStatus
freeze (Issue *is, DokusError *err)
{
  DokusDoc *doc = &is->doc;
  const DokusTotals *t = &is->totals;
  DokusVatNote notes[DOKUS_VAT_GROUPS_MAX];
  char issue[DOKUS_DATE_TEXT], due[DOKUS_DATE_TEXT], now[DOKUS_TIMESTAMP_TEXT];
  char *seller = cJSON_PrintUnformatted (is->seller), *buyer = cJSON_PrintUnformatted (is->buyer);
  DokusStatus st = seller && buyer ? DOKUS_OK
                                   : dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");

  dokus_timestamp_now (now);
  dokus_date_format (doc->issue_date, issue);
  dokus_date_format (doc->due_date, due);
  for (size_t i = 0; st == DOKUS_OK && i < doc->n_lines; i++)
    {
      const char *texts[] = { doc->id };
      const long long ints[] = { (long long) i + 1, doc->lines[i].net };
      st = exec_bound (is->db,
                       "UPDATE document_lines SET line_extension_amount = ?3"
                       " WHERE document_id = ?1 AND position = ?2",
                       texts, 1, ints, 2, "freezing the lines", err);
    }
  /* the series first: the document refers to it */
  if (st == DOKUS_OK)
    {
      const char *texts[] = { is->series_id, doc->type, is->prefix, issue };
      const long long ints[] = { doc->issue_date.year, is->series_number };
      st = exec_bound (is->db,
                       "INSERT INTO series (id, doc_type, prefix, last_issue_date, year, last_number)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET"
                       " last_number = excluded.last_number,"
                       " last_issue_date = excluded.last_issue_date",
                       texts, 4, ints, 2, "advancing the numbering series", err);
    }
  /* the VAT breakdown while still a draft: afterwards it is frozen */
  dokus_doc_vat_notes (doc, t, is->franchise, is->client_country, is->language, notes);
  for (size_t g = 0; st == DOKUS_OK && g < t->n_groups; g++)
    {
      char rate[DOKUS_MONEY_TEXT];
      const char *texts[] = { doc->id, t->groups[g].category,
                              dokus_decimal_format (t->groups[g].rate, rate), notes[g].code,
                              notes[g].text };
      const long long ints[] = { t->groups[g].taxable_amount, t->groups[g].tax_amount };
      st = exec_bound (is->db,
                       "INSERT INTO document_vat (document_id, category, rate, exemption_code,"
                       " exemption_text, taxable_amount, tax_amount)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                       texts, 5, ints, 2, "freezing the VAT breakdown", err);
    }
  if (st == DOKUS_OK)
    {
      const char *texts[] = { doc->id, doc->number, is->series_id, issue, due, is->language,
                              doc->structured_communication, seller, buyer, now };
      const long long ints[] = { is->series_number, t->line_extension_amount,
                                 t->allowance_total_amount, t->charge_total_amount,
                                 t->tax_exclusive_amount, t->tax_amount, t->tax_inclusive_amount };
      st = exec_bound (is->db,
                       "UPDATE documents SET state = 'issued', number = ?2, series_id = ?3,"
                       " issue_date = ?4, due_date = ?5, language = ?6,"
                       " structured_communication = ?7, seller_json = ?8, buyer_json = ?9,"
                       " issued_at = ?10, updated_at = ?10, series_number = ?11,"
                       " line_extension_amount = ?12, allowance_total_amount = ?13,"
                       " charge_total_amount = ?14, tax_exclusive_amount = ?15, tax_amount = ?16,"
                       " tax_inclusive_amount = ?17 WHERE id = ?1 AND state = 'draft'",
                       texts, 10, ints, 7, "issuing the document", err);
    }
  free (seller);
  free (buyer);
  return st;
}

static DokusStatus
prepare (Issue *is, const char *id, DokusIssueResult *out, DokusError *err)
{
  DokusDoc *doc = &is->doc;
  DokusDate invoice_date = { 0 };
  const char *s;
  DokusStatus st = dokus_doc_load (is->db, id, doc, err);

  if (st != DOKUS_OK)
    return st;
  if (strcmp (doc->state, "draft") != 0)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "id", "%s is issued already as %s", id,
                            doc->number);
  st = dokus_profile_facts (is->db, &is->facts, err);
  if (st != DOKUS_OK)
    return st;
  is->seller = dokus_profile_to_json (is->db, err);
  is->buyer = is->seller ? dokus_client_to_json (is->db, doc->client_id, err) : NULL;
  if (is->buyer == NULL)
    return err ? err->code : DOKUS_ERR_INTERNAL;
  /* a credit note corrects what was invoiced, archived client or not */
  if (strcmp (doc->type, "invoice") == 0
      && cJSON_IsTrue (cJSON_GetObjectItem (is->buyer, "archived")))
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "client",
                            "the client is archived: invoices go to active clients");
  snprintf (is->client_country, sizeof is->client_country, "%s",
            json_string (is->buyer, "country") ? json_string (is->buyer, "country") : "BE");
  s = json_string (is->buyer, "vat_number");
  snprintf (is->client_vat, sizeof is->client_vat, "%s", s ? s : "");
  s = json_string (is->buyer, "language");
  snprintf (is->language, sizeof is->language, "%s", s ? s : is->facts.language);
  if (!doc->has_issue_date)
    {
      doc->issue_date = dokus_date_today ();
      doc->has_issue_date = true;
    }
  st = dokus_doc_regime (is->db, doc, is->facts.franchise, &is->franchise, &invoice_date, err);
  if (st != DOKUS_OK)
    return st;
  if (strcmp (doc->type, "credit_note") == 0)
    {
      /* checked when drafting too, but a draft without a date takes today's */
      if (dokus_date_cmp (doc->issue_date, invoice_date) < 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, "issue_date",
                                "a credit note cannot be dated before its invoice");
      /* a credit note is due at once: it is settled against its invoice */
      doc->due_date = doc->issue_date;
      doc->has_due_date = true;
    }
  else if (!doc->has_due_date)
    {
      const cJSON *terms = cJSON_GetObjectItem (is->buyer, "payment_terms_days");
      long long days = doc->has_terms       ? doc->terms
                       : cJSON_IsNumber (terms) ? (long long) terms->valueint
                                                : is->facts.terms;
      doc->due_date = dokus_date_add_days (doc->issue_date, (int32_t) days);
      doc->has_due_date = true;
    }
  if (dokus_date_cmp (doc->due_date, doc->issue_date) < 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "due_date",
                            "the due date is before the issue date");
  st = check_rules (is, err);
  if (st == DOKUS_OK)
    st = dokus_doc_compute (doc, &is->totals, err);
  if (st != DOKUS_OK)
    return st;
  if (strcmp (doc->type, "invoice") == 0 && is->totals.tax_inclusive_amount < 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "lines",
                            "an invoice cannot total below zero: issue a credit note instead");
  if (strcmp (doc->type, "credit_note") == 0)
    {
      DokusCents left = 0;
      st = dokus_invoice_creditable (is->db, doc->billing_reference_id, &left, err);
      if (st == DOKUS_OK && is->totals.tax_inclusive_amount > left)
        st = dokus_error_set (err, DOKUS_ERR_REFUSED, "lines",
                              "the credit note is more than what is left to credit on its invoice");
      if (st != DOKUS_OK)
        return st;
    }
  if (is->facts.franchise && strcmp (doc->type, "invoice") == 0)
    {
      DokusCents turnover = 0;
      char a[DOKUS_MONEY_TEXT];
      st = year_turnover (is->db, doc->issue_date.year, &turnover, err);
      if (st != DOKUS_OK)
        return st;
      turnover += is->totals.tax_exclusive_amount;
      out->franchise_turnover = turnover;
      if (turnover > DOKUS_FRANCHISE_LIMIT_CENTS)
        return dokus_error_set (err, DOKUS_ERR_REFUSED, "vat_regime",
                                "this invoice takes the %d turnover to %s, past the EUR 25 000 "
                                "limit of the franchise scheme (art. 56bis WBTW): change the VAT "
                                "regime to standard first",
                                (int) doc->issue_date.year, dokus_cents_format (turnover, a));
      out->franchise_warning = turnover > DOKUS_FRANCHISE_WARNING_CENTS;
    }
  st = next_number (is, err);
  if (st == DOKUS_OK) /* a synced book numbers only under the series' lease */
    st = dokus_sync_lease_check (is->db, is->series_id, err);
  if (st == DOKUS_OK && strcmp (doc->type, "invoice") == 0)
    {
      /* structured communication: year and series number, mod-97 check */
      char ogm[DOKUS_OGM_TEXT];
      uint64_t base = is->series_number < 1000000
                          ? (uint64_t) doc->issue_date.year * 1000000u + (uint64_t) is->series_number
                          : (uint64_t) (randombytes_uniform (1000000000u));
      doc->structured_communication = strdup (dokus_ogm_from_base (base, ogm));
    }
  return st;
}

DokusStatus
dokus_document_issue (DokusBook *book, const char *id_or_number, DokusIssueResult *out,
                      DokusError *err)
{
  Issue is = { .db = dokus_book_get_db (book) };
  DokusIssueResult result = { 0 };
  char id[DOKUS_ID_TEXT];
  char *shown = NULL;
  DokusStatus st = dokus_ledger_begin (is.db, err);

  if (st != DOKUS_OK)
    return st;
  st = dokus_doc_resolve (is.db, id_or_number, id, err);
  if (st == DOKUS_OK)
    st = prepare (&is, id, &result, err);
  if (st == DOKUS_OK)
    st = freeze (&is, err);
  if (st == DOKUS_OK)
    st = dokus_document_show_text (is.db, id, &shown, err);
  if (st == DOKUS_OK)
    st = dokus_audit_append (is.db, "issue", is.doc.type, id, NULL, shown, err);
  if (st == DOKUS_OK)
    st = dokus_ledger_commit (is.db, err);
  else
    dokus_ledger_rollback (is.db);
  if (st == DOKUS_OK)
    {
      snprintf (result.number, sizeof result.number, "%s", is.doc.number);
      if (out != NULL)
        *out = result;
    }
  free (shown);
  cJSON_Delete (is.seller);
  cJSON_Delete (is.buyer);
  dokus_doc_clear (&is.doc);
  return st;
}

/* dokus-dashboard.c
 *
 * The summary the main window opens with (dokus-reports.h): revenue this
 * quarter and year and per month, what clients owe and how much of it is
 * late, a rough VAT estimate for the running period with the next filing
 * deadline, and the latest audit entries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-json-input-private.h"
#include "dokus-reports-private.h"
#include "dokus/dokus-vat-return.h"

#define RECENT_ENTRIES 10

typedef struct {
  DokusCents outstanding, overdue;
  long       outstanding_count, overdue_count;
} Open;

typedef struct {
  DokusCents self_assessed, deductible;
} PurchaseVat;

static DokusStatus
add_purchase_vat (const DokusPurchase *p, void *data, DokusError *err)
{
  PurchaseVat *v = data;

  if (dokus_reports_vat_self_assessed (p->vat_treatment)
      && dokus_reports_add (&v->self_assessed, p->vat, err) != DOKUS_OK)
    return dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "the purchases' VAT is too large");
  if (dokus_reports_add (&v->deductible, p->recoverable_vat, err) != DOKUS_OK)
    return dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "the purchases' VAT is too large");
  return DOKUS_OK;
}

/* The running period's purchases for the VAT estimate, read beside the
 * balance pass (on the book's side connection and another core when
 * there is one), up to the last purchase the dashboard's transaction
 * sees. */
typedef struct {
  DokusPeriod   period;
  sqlite3_int64 last;
  bool          wanted; /* not under the franchise scheme */
  PurchaseVat   vat;
} Purchases;

static DokusStatus
read_purchases (sqlite3 *db, void *arg, DokusError *err)
{
  Purchases *p = arg;
  return dokus_reports_purchases_upto (db, p->period.from, p->period.to, p->last,
                                       add_purchase_vat, &p->vat, err);
}

static DokusStatus
last_purchase (sqlite3 *db, sqlite3_int64 *out, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT max(rowid) FROM expenses", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0); /* none: 0 */
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the purchases", err);
  return DOKUS_OK;
}

/* What clients owe: the open amounts of the issued invoices, and of those
 * past their due date (dokus_reports_open_invoices without reading them);
 * and @pu's purchases beside it. */
static DokusStatus
read_open (sqlite3 *db, DokusDate today, Open *o, Purchases *pu, DokusError *err)
{
  DokusDocBalances all = { 0 };
  DokusStatus st = dokus_doc_balances_all_with (db, today, pu->wanted ? read_purchases : NULL,
                                                pu, &all, err);

  for (size_t i = 0; st == DOKUS_OK && i < all.n; i++)
    {
      const DokusDocBalanceRow *r = &all.rows[i];
      if (!r->invoice || r->bal.open <= 0) /* a draft's open is 0 (dokus-balances.c) */
        continue;
      o->outstanding_count++;
      if (dokus_reports_add (&o->outstanding, r->bal.open, err) != DOKUS_OK)
        st = dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "the open amounts are too large");
      if (st == DOKUS_OK && r->bal.overdue)
        {
          o->overdue_count++;
          if (dokus_reports_add (&o->overdue, r->bal.open, err) != DOKUS_OK)
            st = dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "the open amounts are too large");
        }
    }
  dokus_doc_balances_clear (&all);
  return st;
}


/* The first return whose deadline (dokus_vat_return_due_date) is @today
 * or later: the previous period's until its deadline, which falls in this
 * period's first month, then this one's. false at the ends of the calendar
 * range (1900..9999), where there is none to name. */
static bool
next_filing (DokusDate today, bool quarter, DokusPeriod *period, DokusDate *due)
{
  DokusPeriod current = dokus_period_of_date (today, quarter);
  DokusDate before_current = dokus_date_add_days (current.from, -1);

  if (dokus_date_is_valid (before_current))
    {
      DokusPeriod previous = dokus_period_of_date (before_current, quarter);
      DokusDate previous_due = dokus_vat_return_due_date (&previous);
      if (dokus_date_cmp (previous_due, today) >= 0)
        {
          *period = previous;
          *due = previous_due;
          return true;
        }
    }
  if (current.to.year == DOKUS_DATE_YEAR_MAX && current.to.month == 12)
    return false;
  *period = current;
  *due = dokus_vat_return_due_date (&current);
  return true;
}

static DokusStatus
read_profile (sqlite3 *db, bool *franchise, bool *quarter, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT vat_regime, vat_period FROM profile WHERE id = 1", -1,
                               &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *regime = (const char *) sqlite3_column_text (stmt, 0);
      const char *period = (const char *) sqlite3_column_text (stmt, 1);
      *franchise = regime != NULL && strcmp (regime, "franchise") == 0;
      *quarter = period == NULL || strcmp (period, "month") != 0;
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "profile",
                            "the book has no profile yet: set it first (dokus-cli init)");
  if (rc != SQLITE_ROW)
    return dokus_book_sqlite_error (db, rc, "reading the profile", err);
  return DOKUS_OK;
}

/* @pu: the period's purchases, read with the balances (read_open()). */
static DokusStatus
add_vat (sqlite3 *db, cJSON *root, DokusDate today, bool franchise, bool quarter,
         const Purchases *pu, DokusError *err)
{
  cJSON *vat = cJSON_AddObjectToObject (root, "vat"), *next;
  DokusPeriod period = dokus_period_of_date (today, quarter), filing;
  DokusSalesSums sales;
  PurchaseVat pv = pu->vat;
  DokusCents output, due;
  char text[DOKUS_DATE_TEXT];
  DokusDate deadline;
  DokusStatus st;

  if (vat == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  if (franchise)
    {
      /* no periodic return under art. 56bis WBTW; the amounts say so too */
      cJSON_AddStringToObject (vat, "return", "none");
      cJSON_AddNullToObject (vat, "period");
      dokus_json_add_cents (vat, "output_vat", 0);
      dokus_json_add_cents (vat, "deductible_vat", 0);
      dokus_json_add_cents (vat, "due_estimate", 0);
      cJSON_AddNullToObject (vat, "next_filing");
      return DOKUS_OK;
    }
  st = dokus_reports_sales (db, period.from, period.to, &sales, err);
  if (st != DOKUS_OK)
    return st;
  if (__builtin_sub_overflow (sales.invoiced_vat, sales.credited_vat, &output)
      || dokus_reports_add (&output, pv.self_assessed, err) != DOKUS_OK
      || __builtin_sub_overflow (output, pv.deductible, &due))
    return dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "the period's VAT is too large");
  cJSON_AddStringToObject (vat, "return", quarter ? "quarter" : "month");
  cJSON_AddStringToObject (vat, "period", period.label);
  dokus_json_add_cents (vat, "output_vat", output);
  dokus_json_add_cents (vat, "deductible_vat", pv.deductible);
  dokus_json_add_cents (vat, "due_estimate", due);
  if (!next_filing (today, quarter, &filing, &deadline))
    {
      cJSON_AddNullToObject (vat, "next_filing");
      return DOKUS_OK;
    }
  next = cJSON_AddObjectToObject (vat, "next_filing");
  cJSON_AddStringToObject (next, "period", filing.label);
  cJSON_AddStringToObject (next, "due_date", dokus_date_format (deadline, text));
  return DOKUS_OK;
}

static DokusStatus
add_recent (sqlite3 *db, cJSON *root, DokusError *err)
{
  cJSON *arr = cJSON_AddArrayToObject (root, "recent");
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT at, action, entity, entity_id FROM audit_log"
                               " ORDER BY seq DESC LIMIT ?1",
                               -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "reading the audit trail", err);
  sqlite3_bind_int (stmt, 1, RECENT_ENTRIES);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      cJSON *o = cJSON_CreateObject ();
      dokus_json_add_string_or_null (o, "at", (const char *) sqlite3_column_text (stmt, 0));
      dokus_json_add_string_or_null (o, "action", (const char *) sqlite3_column_text (stmt, 1));
      dokus_json_add_string_or_null (o, "entity", (const char *) sqlite3_column_text (stmt, 2));
      dokus_json_add_string_or_null (o, "entity_id", (const char *) sqlite3_column_text (stmt, 3));
      cJSON_AddItemToArray (arr, o);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return dokus_book_sqlite_error (db, rc, "reading the audit trail", err);
  return DOKUS_OK;
}

/* Revenue of the year of @today by month: invoices minus credit notes,
 * tax exclusive, of the issued documents. One sum a month, each added up
 * inside SQLite from documents_vat_period (schema/book/0010) over the
 * month's range: stepping each of a year's 18 000 documents out to C
 * cost three times as much. SQLite's sum() fails on an overflow. */
static DokusStatus
revenue_by_month (sqlite3 *db, DokusDate today, DokusCents months[12], DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT coalesce(sum(CASE WHEN type = 'invoice'"
                               " THEN tax_exclusive_amount ELSE -tax_exclusive_amount END), 0)"
                               " FROM documents"
                               " WHERE state <> 'draft' AND issue_date BETWEEN ?1 AND ?2",
                               -1, &stmt, NULL);

  memset (months, 0, 12 * sizeof *months);
  for (int m = 1; rc == SQLITE_OK && m <= 12; m++)
    {
      DokusPeriod month = dokus_period_of_date ((DokusDate) { today.year, (uint8_t) m, 1 }, false);
      char f[DOKUS_DATE_TEXT], t[DOKUS_DATE_TEXT];

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, dokus_date_format (month.from, f), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, dokus_date_format (month.to, t), -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          months[m - 1] = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    {
      DokusStatus st = dokus_book_sqlite_error (db, rc, "summing the sales", err);
      sqlite3_finalize (stmt);
      return st;
    }
  sqlite3_finalize (stmt);
  return DOKUS_OK;
}

static DokusStatus
add_revenue (sqlite3 *db, cJSON *root, DokusDate today, DokusError *err)
{
  DokusPeriod year = dokus_period_year (today.year);
  DokusPeriod quarter = dokus_period_of_date (today, true);
  cJSON *rev = cJSON_AddObjectToObject (root, "revenue");
  cJSON *months = cJSON_AddArrayToObject (root, "revenue_by_month");
  DokusCents by_month[12], in_quarter = 0, in_year = 0;
  DokusStatus st;

  if (rev == NULL || months == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  st = revenue_by_month (db, today, by_month, err);
  if (st != DOKUS_OK)
    return st;
  for (int m = 0; m < 12; m++)
    if (__builtin_add_overflow (in_year, by_month[m], &in_year)
        || (m + 1 >= quarter.from.month && m + 1 <= quarter.to.month
            && __builtin_add_overflow (in_quarter, by_month[m], &in_quarter)))
      return dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "the revenue is too large");
  dokus_json_add_cents (rev, "quarter", in_quarter);
  cJSON_AddStringToObject (rev, "quarter_label", quarter.label);
  dokus_json_add_cents (rev, "year", in_year);
  cJSON_AddStringToObject (rev, "year_label", year.label);
  for (int m = 1; m <= 12; m++)
    {
      DokusPeriod month = dokus_period_of_date ((DokusDate) { today.year, (uint8_t) m, 1 }, false);
      cJSON *o = cJSON_CreateObject ();
      if (o == NULL)
        return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      cJSON_AddStringToObject (o, "month", month.label);
      dokus_json_add_cents (o, "revenue", by_month[m - 1]);
      cJSON_AddItemToArray (months, o);
    }
  return DOKUS_OK;
}

typedef struct {
  DokusDate today;
  cJSON    *root;
} Dashboard;

static DokusStatus
read_dashboard (sqlite3 *db, void *data, DokusError *err)
{
  Dashboard *d = data;
  bool franchise = false, quarter = true;
  Open open = { 0 };
  Purchases pu = { 0 };
  DokusStatus st = read_profile (db, &franchise, &quarter, err);

  pu.period = dokus_period_of_date (d->today, quarter);
  pu.wanted = !franchise;
  if (st == DOKUS_OK && pu.wanted)
    st = last_purchase (db, &pu.last, err);
  if (st == DOKUS_OK)
    st = read_open (db, d->today, &open, &pu, err);
  if (st == DOKUS_OK)
    st = add_revenue (db, d->root, d->today, err);
  if (st != DOKUS_OK)
    return st;
  dokus_json_add_cents (d->root, "outstanding", open.outstanding);
  cJSON_AddNumberToObject (d->root, "outstanding_count", (double) open.outstanding_count);
  dokus_json_add_cents (d->root, "overdue", open.overdue);
  cJSON_AddNumberToObject (d->root, "overdue_count", (double) open.overdue_count);
  st = add_vat (db, d->root, d->today, franchise, quarter, &pu, err);
  if (st == DOKUS_OK)
    st = add_recent (db, d->root, err);
  return st;
}

DokusStatus
dokus_report_dashboard (DokusBook *book, char **out_json, DokusError *err)
{
  Dashboard d = { .today = dokus_date_today () };
  char today_text[DOKUS_DATE_TEXT];
  DokusError local = { 0 };
  DokusStatus st;

  assert (book != NULL && out_json != NULL);
  *out_json = NULL;
  if (err == NULL)
    err = &local;
  d.root = cJSON_CreateObject ();
  if (d.root == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  cJSON_AddStringToObject (d.root, "as_of", dokus_date_format (d.today, today_text));
  st = dokus_reports_read (dokus_book_get_db (book), read_dashboard, &d, err);
  if (st != DOKUS_OK)
    {
      cJSON_Delete (d.root);
      return st;
    }
  return dokus_json_print_take (d.root, out_json, err);
}

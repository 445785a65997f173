/* dokus-vat-return.c
 *
 * The Belgian periodic VAT return: which grid each issued sales document
 * and each recorded purchase goes to, the balance (71 or 72), the legal
 * deadline, and the return as JSON. The mapping and its sources are in
 * docs/vat.md; the XML for Intervat is dokus-vat-return-xml.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-book-private.h"
#include "dokus-json-input-private.h"
#include "dokus-vat-return-private.h"
#include "dokus/dokus-book.h"
#include "dokus/dokus-vat-return.h"

DokusDate
dokus_vat_return_due_date (const DokusPeriod *period)
{
  DokusDate due;

  assert (period != NULL);
  assert (period->from.year == period->to.year && period->from.month <= period->to.month);
  assert (period->to.month - period->from.month == (period->is_quarter ? 2 : 0));
  due.year = period->to.year + (period->to.month == 12 ? 1 : 0);
  due.month = (uint8_t) (period->to.month % 12 + 1);
  /* art. 17 KB nr. 1 (restored by KB 29 September 2024, in force 1 January
   * 2025): the 20th after a month, the 25th after a quarter; quarterly
   * returns due before 2025 were due on the 20th (former art. 18 § 1) */
  due.day = period->is_quarter && due.year >= 2025 ? 25 : 20;
  return due;
}

DokusStatus
dokus_vat_read (sqlite3 *db, DokusStatus (*fn) (sqlite3 *, void *, DokusError *), void *data,
                DokusError *err)
{
  bool own = sqlite3_get_autocommit (db) != 0;
  DokusStatus st;
  int rc;

  if (own && (rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL)) != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "starting a read", err);
  st = fn (db, data, err);
  if (own)
    sqlite3_exec (db, st == DOKUS_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  return st;
}

/* grid[@n] += @amount (never negative), refusing an overflow. */
static DokusStatus
add_to (DokusVatReturn *r, int n, DokusCents amount, DokusError *err)
{
  assert (n >= 0 && n < DOKUS_VAT_GRIDS && amount >= 0);
  if (__builtin_add_overflow (r->grid[n], amount, &r->grid[n]))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "period",
                            "grid %02d does not fit in a VAT return", n);
  return DOKUS_OK;
}

/* The grid of a sales VAT group (category, rate) on an invoice to a buyer
 * in Belgium or (@buyer_abroad: its snapshot names another country)
 * elsewhere; 0 with *@found false for an unknown one. */
static int
sales_grid (const char *category, const char *rate, bool buyer_abroad, bool *found)
{
  *found = true;
  if (strcmp (category, "S") == 0)
    {
      if (strcmp (rate, "6") == 0)
        return 1;
      if (strcmp (rate, "12") == 0)
        return 2;
      if (strcmp (rate, "21") == 0)
        return 3;
    }
  else if (strcmp (category, "Z") == 0 || strcmp (category, "E") == 0)
    return 0; /* zero rate (newspapers) and art. 44 exemptions of a mixed taxable person */
  else if (strcmp (category, "AE") == 0)
    /* a Belgian co-contractor (art. 51 § 2 WBTW) or a business elsewhere
     * in the EU (art. 21 § 2); issuing refuses AE outside the EU */
    return buyer_abroad ? 44 : 45;
  else if (strcmp (category, "K") == 0)
    return 46;
  else if (strcmp (category, "G") == 0 || strcmp (category, "O") == 0)
    return 47;
  *found = false;
  return 0;
}

/* The number of the document at @rowid, for a message; (transfer full),
 * NULL if there is none. */
static char *
document_number (sqlite3 *db, sqlite3_int64 rowid)
{
  sqlite3_stmt *stmt = NULL;
  char *number = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT number FROM documents WHERE rowid = ?1", -1, &stmt, NULL)
      == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, rowid);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
        number = strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return number;
}

static DokusStatus
add_sales (sqlite3 *db, DokusVatReturn *r, const char *from, const char *to, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  /* The period's VAT rows in date order, side by side
   * (document_vat_by_date, schema/book/0014): issued documents only, with
   * their type and the two facts of their snapshots that matter: the
   * buyer abroad decides between grids 44 and 45 for AE, the franchise
   * scheme leaves the document out. No ORDER BY: the sums do not depend
   * on the order. */
  int rc = sqlite3_prepare_v2 (
    db,
    "SELECT document_rowid, type, category, rate, taxable_amount, tax_amount, abroad"
    " FROM document_vat_by_date WHERE issue_date BETWEEN ?1 AND ?2 AND franchise = 0",
    -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
    }
  while (rc == SQLITE_OK && st == DOKUS_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sqlite3_int64 rowid = sqlite3_column_int64 (stmt, 0);
      bool credit = strcmp ((const char *) sqlite3_column_text (stmt, 1), "credit_note") == 0;
      const char *category = (const char *) sqlite3_column_text (stmt, 2);
      const char *rate = (const char *) sqlite3_column_text (stmt, 3);
      DokusCents base = sqlite3_column_int64 (stmt, 4), tax = sqlite3_column_int64 (stmt, 5);
      bool abroad = sqlite3_column_int (stmt, 6) != 0;
      bool found;
      int grid = sales_grid (category, rate, abroad, &found);

      rc = SQLITE_OK;
      if (!found)
        {
          char *number = document_number (db, rowid);
          st = dokus_error_set (err, DOKUS_ERR_CORRUPT, "documents",
                                "document %s has VAT category %s at %s %%, which has no grid",
                                number ? number : "?", category, rate);
          free (number);
          break;
        }
      if (credit)
        {
          base = -base;
          tax = -tax;
        }
      /* credit notes and negative corrections are not subtracted from the
       * grids of the operations: 48 for those of 44 and 46, 49 for the
       * others, their VAT in 64 */
      if (base >= 0)
        st = add_to (r, grid, base, err);
      else
        st = add_to (r, grid == 44 || grid == 46 ? 48 : 49, -base, err);
      if (st == DOKUS_OK && tax > 0)
        st = add_to (r, 54, tax, err);
      else if (st == DOKUS_OK && tax < 0)
        st = add_to (r, 64, -tax, err);
    }
  sqlite3_finalize (stmt);
  if (st == DOKUS_OK && rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "reading the sales of the period", err);
  return st;
}

/* What a purchase's VAT treatment adds to its base grid (81-83): the
 * grid of its base, the grid of the VAT the buyer self-assesses, and the
 * grid of its credit notes. */
typedef struct {
  const char *treatment;
  int         base_grid;    /* 0: none */
  int         self_grid;    /* 0: the VAT was charged (or there is none) */
  int         credit_grid;
} Treatment;

static const Treatment treatments[] = {
  { "domestic", 0, 0, 85 },
  { "eu_goods", 86, 55, 84 },
  { "eu_services", 88, 55, 84 },
  { "reverse_charge", 87, 56, 85 },
  { "non_eu_services", 87, 56, 85 },
  { "import", 0, 0, 85 }, /* import VAT paid at customs: only deducted (59) */
  { "none", 0, 0, 85 },
};

static DokusStatus
add_purchase (DokusVatReturn *r, const char *id, const char *kind, const char *treatment,
              const char *percent, bool credit, DokusCents base, DokusCents vat, DokusError *err)
{
  const Treatment *t = NULL;
  DokusDecimal pct;
  DokusCents recoverable;
  int kind_grid = strcmp (kind, "goods") == 0        ? 81
                  : strcmp (kind, "investment") == 0 ? 83
                                                     : 82;
  DokusStatus st;

  for (size_t i = 0; i < sizeof treatments / sizeof treatments[0]; i++)
    if (strcmp (treatments[i].treatment, treatment) == 0)
      t = &treatments[i];
  if (t == NULL
      || dokus_decimal_parse (percent, DOKUS_DECIMAL_MAX_SCALE, NULL, &pct, NULL) != DOKUS_OK
      || dokus_decimal_cmp (pct, dokus_decimal_from_int (0)) < 0
      || dokus_decimal_cmp (pct, dokus_decimal_from_int (100)) > 0)
    return dokus_error_set (err, DOKUS_ERR_CORRUPT, "expenses",
                            "purchase %s has VAT treatment '%s' and recoverable percentage '%s'",
                            id, treatment, percent);
  if (strcmp (treatment, "none") == 0)
    vat = 0;
  /* amounts are stored positive; a negative total is a correction */
  if (base < 0 || (base == 0 && vat < 0))
    {
      credit = !credit;
      base = -base;
      vat = -vat;
    }
  /* deducted once per purchase, as the purchase rounded it: art. 45 WBTW */
  recoverable = dokus_cents_percent (vat, pct);
  if (!credit)
    {
      st = add_to (r, kind_grid, base, err);
      if (st == DOKUS_OK && t->base_grid)
        st = add_to (r, t->base_grid, base, err);
      if (st == DOKUS_OK && t->self_grid)
        st = add_to (r, t->self_grid, vat, err);
      if (st == DOKUS_OK)
        st = add_to (r, 59, recoverable, err);
      return st;
    }
  /* a purchase credit note: its base in 84 (on 86 and 88) or 85, the VAT
   * deducted before repaid in 63, and the VAT self-assessed before no
   * longer due: a regularisation in the declarant's favour, 62 */
  st = add_to (r, t->credit_grid, base, err);
  if (st == DOKUS_OK)
    st = add_to (r, 63, recoverable, err);
  if (st == DOKUS_OK && t->self_grid)
    st = add_to (r, 62, vat, err);
  return st;
}

static DokusStatus
add_purchases (sqlite3 *db, DokusVatReturn *r, const char *from, const char *to, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  int rc = sqlite3_prepare_v2 (
    db,
    "SELECT e.id, e.kind, e.vat_treatment, e.vat_recoverable_percent, e.is_credit_note,"
    /* sums per purchase, not a join grouped by id: that made SQLite read
     * every purchase of the book in id order */
    " (SELECT coalesce(sum(l.base), 0) FROM expense_lines_by_date l"
    "  WHERE l.date = e.date AND l.expense_rowid = e.rowid),"
    " (SELECT coalesce(sum(l.vat_amount), 0) FROM expense_lines_by_date l"
    "  WHERE l.date = e.date AND l.expense_rowid = e.rowid)"
    " FROM expenses e WHERE e.date BETWEEN ?1 AND ?2",
    -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
    }
  while (rc == SQLITE_OK && st == DOKUS_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      rc = SQLITE_OK;
      st = add_purchase (r, (const char *) sqlite3_column_text (stmt, 0),
                         (const char *) sqlite3_column_text (stmt, 1),
                         (const char *) sqlite3_column_text (stmt, 2),
                         (const char *) sqlite3_column_text (stmt, 3),
                         sqlite3_column_int (stmt, 4) != 0, sqlite3_column_int64 (stmt, 5),
                         sqlite3_column_int64 (stmt, 6), err);
    }
  sqlite3_finalize (stmt);
  if (st == DOKUS_OK && rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "reading the purchases of the period", err);
  return st;
}

typedef struct {
  DokusVatReturn *r;
} Compute;

static DokusStatus
compute (sqlite3 *db, void *data, DokusError *err)
{
  Compute *c = data;
  DokusVatReturn *r = c->r;
  sqlite3_stmt *stmt = NULL;
  char from[DOKUS_DATE_TEXT], to[DOKUS_DATE_TEXT];
  bool quarterly = false;
  DokusCents xx = 0, yy = 0;
  DokusStatus st = DOKUS_OK;
  int rc = sqlite3_prepare_v2 (db, "SELECT vat_regime, vat_period FROM profile WHERE id = 1", -1,
                               &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      r->franchise = strcmp ((const char *) sqlite3_column_text (stmt, 0), "franchise") == 0;
      quarterly = strcmp ((const char *) sqlite3_column_text (stmt, 1), "quarter") == 0;
    }
  else if (rc == SQLITE_DONE)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "profile",
                          "the book has no profile yet: set it first (dokus-cli init)");
  else
    st = dokus_book_sqlite_error (db, rc, "reading the profile", err);
  sqlite3_finalize (stmt);
  if (st != DOKUS_OK || r->franchise)
    return st;
  /* the return covers the filing period of art. 17 KB nr. 1 the book chose */
  if (quarterly != r->period.is_quarter)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "period",
                            quarterly ? "the book files quarterly VAT returns: give a quarter "
                                        "such as %04d-Q%d, not %s"
                                      : "the book files monthly VAT returns: give a month such "
                                        "as %04d-%02d, not %s",
                            (int) r->period.from.year,
                            quarterly ? (r->period.from.month + 2) / 3 : r->period.from.month,
                            r->period.label);
  dokus_date_format (r->period.from, from);
  dokus_date_format (r->period.to, to);
  st = add_sales (db, r, from, to, err);
  if (st == DOKUS_OK)
    st = add_purchases (db, r, from, to, err);
  if (st != DOKUS_OK)
    return st;
  /* the balance, as the return itself computes it:
   * XX = 54 + 55 + 56 + 57 + 61 + 63, YY = 59 + 62 + 64 */
  {
    static const int due[] = { 54, 55, 56, 57, 61, 63 }, deductible[] = { 59, 62, 64 };
    for (size_t i = 0; i < sizeof due / sizeof due[0]; i++)
      if (__builtin_add_overflow (xx, r->grid[due[i]], &xx))
        return dokus_error_set (err, DOKUS_ERR_INVALID, "period", "the VAT due does not fit");
    for (size_t i = 0; i < sizeof deductible / sizeof deductible[0]; i++)
      if (__builtin_add_overflow (yy, r->grid[deductible[i]], &yy))
        return dokus_error_set (err, DOKUS_ERR_INVALID, "period",
                                "the deductible VAT does not fit");
  }
  if (xx >= yy)
    r->grid[71] = xx - yy;
  else
    r->grid[72] = yy - xx;
  return DOKUS_OK;
}

DokusStatus
dokus_vat_return_compute (sqlite3 *db, const char *period_text, DokusVatReturn *out,
                          DokusError *err)
{
  Compute c = { out };
  DokusStatus st;

  memset (out, 0, sizeof *out);
  st = dokus_period_parse (period_text, "period", &out->period, err);
  if (st != DOKUS_OK)
    return st;
  out->due_date = dokus_vat_return_due_date (&out->period);
  return dokus_vat_read (db, compute, &c, err);
}

DokusStatus
dokus_vat_return (DokusBook *book, const char *period, char **out_json, DokusError *err)
{
  DokusVatReturn *r;
  cJSON *o, *grids;
  char date[DOKUS_DATE_TEXT];
  DokusStatus st;

  assert (book != NULL && out_json != NULL);
  *out_json = NULL;
  r = malloc (sizeof *r);
  if (r == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  st = dokus_vat_return_compute (dokus_book_get_db (book), period, r, err);
  if (st != DOKUS_OK)
    {
      free (r);
      return st;
    }
  o = cJSON_CreateObject ();
  cJSON_AddStringToObject (o, "period", r->period.label);
  if (r->franchise)
    {
      cJSON_AddStringToObject (o, "return", "none");
      cJSON_AddStringToObject (o, "reason",
                               "a book under the franchise scheme for small enterprises (art. "
                               "56bis WBTW) files no periodic VAT return");
      free (r);
      return dokus_json_print_take (o, out_json, err);
    }
  cJSON_AddStringToObject (o, "from", dokus_date_format (r->period.from, date));
  cJSON_AddStringToObject (o, "to", dokus_date_format (r->period.to, date));
  cJSON_AddStringToObject (o, "return", r->period.is_quarter ? "quarter" : "month");
  /* not dokus_date_format: the deadline of 9999-Q4 is in the year 10000 */
  {
    char due[24];
    snprintf (due, sizeof due, "%04d-%02d-%02d", (int) r->due_date.year, r->due_date.month,
              r->due_date.day);
    cJSON_AddStringToObject (o, "due_date", due);
  }
  grids = cJSON_AddObjectToObject (o, "grids");
  for (int n = 0; n < DOKUS_VAT_GRIDS; n++)
    if (r->grid[n] != 0 || (n == 71 && r->grid[72] == 0))
      {
        char key[4];
        snprintf (key, sizeof key, "%02d", n);
        dokus_json_add_cents (grids, key, r->grid[n]);
      }
  free (r);
  return dokus_json_print_take (o, out_json, err);
}

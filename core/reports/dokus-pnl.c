/* dokus-pnl.c
 *
 * The profit and loss of a calendar year (dokus-reports.h): income on the
 * accrual basis, from the issue dates of invoices and credit notes (a
 * freelancer's accountant books revenue when it is invoiced, and the
 * frozen totals make that figure final), against the deductible cost of
 * the year's purchases per category. Investments are listed apart: their
 * depreciation spreads them over years.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-book-private.h"
#include "dokus-json-input-private.h"
#include "dokus-reports-private.h"

typedef struct {
  char      *category;
  DokusCents amount;
  long       count;
} CategorySum;

typedef struct {
  CategorySum *items;
  size_t       n, cap;
  DokusCents   total;
} CategoryList;

typedef struct {
  DokusPeriod    period;
  DokusSalesSums sales;
  CategoryList   expenses, investments;
} PnlSums;

static void
category_list_clear (CategoryList *l)
{
  for (size_t i = 0; i < l->n; i++)
    free (l->items[i].category);
  free (l->items);
  memset (l, 0, sizeof *l);
}

static DokusStatus
category_list_add (CategoryList *l, const char *category, DokusCents amount, DokusError *err)
{
  CategorySum *c = NULL;

  for (size_t i = 0; i < l->n && c == NULL; i++)
    if (strcmp (l->items[i].category, category) == 0)
      c = &l->items[i];
  if (c == NULL)
    {
      if (l->n == l->cap)
        {
          size_t cap = l->cap ? l->cap * 2 : 8;
          CategorySum *items = realloc (l->items, cap * sizeof *items);
          if (items == NULL)
            return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
          l->items = items;
          l->cap = cap;
        }
      c = &l->items[l->n];
      memset (c, 0, sizeof *c);
      c->category = malloc (strlen (category) + 1);
      if (c->category == NULL)
        return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      strcpy (c->category, category);
      l->n++;
    }
  c->count++;
  if (dokus_reports_add (&c->amount, amount, err) != DOKUS_OK
      || dokus_reports_add (&l->total, amount, err) != DOKUS_OK)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "year", "the year's purchases are too large");
  return DOKUS_OK;
}

static DokusStatus
add_purchase (const DokusPurchase *p, void *data, DokusError *err)
{
  PnlSums *sums = data;
  bool investment = p->kind != NULL && strcmp (p->kind, "investment") == 0;

  return category_list_add (investment ? &sums->investments : &sums->expenses,
                            p->category ? p->category : "", p->deductible, err);
}

static int
compare_category (const void *a, const void *b)
{
  return strcmp (((const CategorySum *) a)->category, ((const CategorySum *) b)->category);
}

static void
add_categories (cJSON *root, const char *key, const char *total_key, CategoryList *l)
{
  cJSON *arr = cJSON_AddArrayToObject (root, key);

  if (l->n > 1)
    qsort (l->items, l->n, sizeof *l->items, compare_category);
  for (size_t i = 0; arr && i < l->n; i++)
    {
      cJSON *o = cJSON_CreateObject ();
      cJSON_AddStringToObject (o, "category", l->items[i].category);
      dokus_json_add_cents (o, "amount", l->items[i].amount);
      cJSON_AddNumberToObject (o, "count", (double) l->items[i].count);
      cJSON_AddItemToArray (arr, o);
    }
  dokus_json_add_cents (root, total_key, l->total);
}

static DokusStatus
read_pnl (sqlite3 *db, void *data, DokusError *err)
{
  PnlSums *sums = data;
  DokusStatus st = dokus_reports_sales (db, sums->period.from, sums->period.to, &sums->sales, err);

  if (st == DOKUS_OK)
    st = dokus_reports_purchases (db, sums->period.from, sums->period.to, add_purchase, sums, err);
  return st;
}

DokusStatus
dokus_report_pnl (DokusBook *book, int year, char **out_json, DokusError *err)
{
  PnlSums sums = { 0 };
  DokusError local = { 0 };
  DokusCents net, result;
  cJSON *root = NULL, *income;
  DokusStatus st;

  assert (book != NULL && out_json != NULL);
  *out_json = NULL;
  if (err == NULL)
    err = &local;
  if (year < DOKUS_DATE_YEAR_MIN || year > DOKUS_DATE_YEAR_MAX)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "year", "the year is 1900 to 9999, not %d",
                            year);
  sums.period = dokus_period_year (year);
  st = dokus_reports_read (dokus_book_get_db (book), read_pnl, &sums, err);
  if (st != DOKUS_OK)
    goto out;
  if (__builtin_sub_overflow (sums.sales.invoiced, sums.sales.credited, &net)
      || __builtin_sub_overflow (net, sums.expenses.total, &result))
    {
      st = dokus_error_set (err, DOKUS_ERR_INVALID, "year", "the year's figures are too large");
      goto out;
    }
  root = cJSON_CreateObject ();
  if (root == NULL)
    {
      st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      goto out;
    }
  cJSON_AddNumberToObject (root, "year", year);
  income = cJSON_AddObjectToObject (root, "income");
  dokus_json_add_cents (income, "invoiced", sums.sales.invoiced);
  dokus_json_add_cents (income, "credited", sums.sales.credited);
  dokus_json_add_cents (income, "net", net);
  add_categories (root, "expenses", "expenses_total", &sums.expenses);
  add_categories (root, "investments", "investments_total", &sums.investments);
  dokus_json_add_cents (root, "result", result);
  st = dokus_json_print_take (root, out_json, err);
out:
  category_list_clear (&sums.expenses);
  category_list_clear (&sums.investments);
  return st;
}

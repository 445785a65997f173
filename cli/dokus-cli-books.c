/* dokus-cli-books.c
 *
 * The reporting commands of dokus-cli: pnl (profit and loss of a year),
 * receivables (aged open invoices), dashboard (the summary) and export
 * (the whole book into a directory). Each opens the book, calls one
 * libdokus function (dokus-reports.h) and prints its result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"


static int
num (const cJSON *o, const char *key)
{
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (o, key);
  return cJSON_IsNumber (m) ? m->valueint : 0;
}

/* ---- pnl --------------------------------------------------------------------- */

static void
print_categories (const cJSON *o, const char *key)
{
  const cJSON *c;
  cJSON_ArrayForEach (c, cJSON_GetObjectItem (o, key))
    printf ("  %-32.32s %4d  %14s\n", dokus_cli_str (c, "category"), num (c, "count"), dokus_cli_str (c, "amount"));
}

static void
print_pnl (const cJSON *o)
{
  const cJSON *income = cJSON_GetObjectItem (o, "income");

  printf ("Profit and loss %d (income by issue date)\n\n", num (o, "year"));
  printf ("Income, excluding VAT\n");
  printf ("  %-37s  %14s\n", "Invoiced", dokus_cli_str (income, "invoiced"));
  printf ("  %-37s  %14s\n", "Credit notes", dokus_cli_str (income, "credited"));
  printf ("  %-37s  %14s\n\n", "Net income", dokus_cli_str (income, "net"));
  printf ("Deductible expenses                  count\n");
  print_categories (o, "expenses");
  printf ("  %-37s  %14s\n\n", "Total", dokus_cli_str (o, "expenses_total"));
  if (cJSON_GetArraySize (cJSON_GetObjectItem (o, "investments")) > 0)
    {
      printf ("Investments (depreciated over years: not in the result)\n");
      print_categories (o, "investments");
      printf ("  %-37s  %14s\n\n", "Total", dokus_cli_str (o, "investments_total"));
    }
  printf ("%-39s  %14s\n", "Result", dokus_cli_str (o, "result"));
}

static int
cmd_pnl (int argc, char **argv)
{
  DokusCliOption opts[] = { { "--year", true, NULL, false }, { NULL, false, NULL, false } };
  DokusCliCommand cmd = { .usage = "report pnl BOOK [--year YYYY] [--json]",
                          .help = "Profit and loss of a calendar year (default: this year): "
                                  "income by issue date,\ndeductible expenses by category, "
                                  "investments apart.",
                          .min_args = 1, .max_args = 1, .options = opts };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *json = NULL;
  int year = dokus_date_today ().year;
  DokusStatus st;
  int rc = dokus_cli_parse (&cmd, argc, argv);

  if (rc >= 0)
    return rc;
  if (opts[0].seen)
    {
      const char *y = opts[0].value;
      if (strlen (y) != 4 || strspn (y, "0123456789") != 4)
        {
          dokus_error_set (&err, DOKUS_ERR_INVALID, "year", "--year takes a year: YYYY");
          return dokus_cli_report (&cmd, &err);
        }
      year = atoi (y);
    }
  if (dokus_cli_open_book (&cmd, cmd.args[0], &book) != 0)
    return 1;
  st = dokus_report_pnl (book, year, &json, &err);
  return dokus_cli_finish (&cmd, book, st, &err, json, print_pnl);
}

/* ---- receivables ------------------------------------------------------------- */

static void
print_receivables (const cJSON *o)
{
  const cJSON *b, *d, *c;

  printf ("Open invoices as of %s: %s, of which overdue %s\n", dokus_cli_str (o, "as_of"), dokus_cli_str (o, "total"),
          dokus_cli_str (o, "overdue"));
  cJSON_ArrayForEach (b, cJSON_GetObjectItem (o, "buckets"))
    {
      const char *name = dokus_cli_str (b, "name");
      printf ("\n%s%s: %d invoice(s), %s\n", strcmp (name, "not_due") == 0 ? "Not yet due" : name,
              strcmp (name, "not_due") == 0 ? "" : " days overdue", num (b, "count"),
              dokus_cli_str (b, "total"));
      cJSON_ArrayForEach (d, cJSON_GetObjectItem (b, "documents"))
        printf ("  %-16s %-30.30s due %-10s %5d d %14s\n", dokus_cli_str (d, "number"),
                dokus_cli_str (cJSON_GetObjectItem (d, "client"), "name"), dokus_cli_str (d, "due_date"),
                num (d, "days_overdue"), dokus_cli_str (d, "open_amount"));
    }
  printf ("\nBy client\n");
  cJSON_ArrayForEach (c, cJSON_GetObjectItem (o, "clients"))
    printf ("  %-36.36s %3d  %14s  overdue %14s\n", dokus_cli_str (c, "name"), num (c, "count"),
            dokus_cli_str (c, "total"), dokus_cli_str (c, "overdue"));
}

static int
cmd_receivables (int argc, char **argv)
{
  DokusCliCommand cmd = { .usage = "report receivables BOOK [--json]",
                          .help = "The open invoices by days past due (not due, 1-30, 31-60, "
                                  "61-90, 90+)\nand per client, as of today (DOKUS_TODAY).",
                          .min_args = 1, .max_args = 1 };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *json = NULL;
  DokusStatus st;
  int rc;

  if ((rc = dokus_cli_parse_and_open (&cmd, argc, argv, &book)) >= 0)
    return rc;
  st = dokus_report_receivables (book, &json, &err);
  return dokus_cli_finish (&cmd, book, st, &err, json, print_receivables);
}

/* ---- dashboard --------------------------------------------------------------- */

static void
print_dashboard (const cJSON *o)
{
  const cJSON *rev = cJSON_GetObjectItem (o, "revenue"), *vat = cJSON_GetObjectItem (o, "vat");
  const cJSON *next = cJSON_GetObjectItem (vat, "next_filing"), *e;

  printf ("As of %s\n\n", dokus_cli_str (o, "as_of"));
  printf ("Revenue %-8s %14s\n", dokus_cli_str (rev, "quarter_label"), dokus_cli_str (rev, "quarter"));
  printf ("Revenue %-8s %14s\n", dokus_cli_str (rev, "year_label"), dokus_cli_str (rev, "year"));
  printf ("Outstanding      %14s  (%d invoice(s))\n", dokus_cli_str (o, "outstanding"),
          num (o, "outstanding_count"));
  printf ("Overdue          %14s  (%d invoice(s))\n", dokus_cli_str (o, "overdue"),
          num (o, "overdue_count"));
  if (strcmp (dokus_cli_str (vat, "return"), "none") == 0)
    printf ("VAT              no periodic return (franchise scheme)\n");
  else
    {
      printf ("VAT %-12s %14s  estimate (output %s, deductible %s)\n", dokus_cli_str (vat, "period"),
              dokus_cli_str (vat, "due_estimate"), dokus_cli_str (vat, "output_vat"), dokus_cli_str (vat, "deductible_vat"));
      if (cJSON_IsObject (next))
        printf ("Next VAT return  %s, due %s\n", dokus_cli_str (next, "period"), dokus_cli_str (next, "due_date"));
    }
  printf ("\nRevenue by month\n");
  cJSON_ArrayForEach (e, cJSON_GetObjectItem (o, "revenue_by_month"))
    printf ("  %s %14s\n", dokus_cli_str (e, "month"), dokus_cli_str (e, "revenue"));
  printf ("\nRecent changes\n");
  cJSON_ArrayForEach (e, cJSON_GetObjectItem (o, "recent"))
    printf ("  %s  %-10s %s\n", dokus_cli_str (e, "at"), dokus_cli_str (e, "action"), dokus_cli_str (e, "entity"));
}

static int
cmd_dashboard (int argc, char **argv)
{
  DokusCliCommand cmd = { .usage = "report dashboard BOOK [--json]",
                          .help = "Revenue this quarter and year, outstanding and overdue "
                                  "invoices, a VAT estimate\nfor the running period, the next "
                                  "VAT return's deadline and the latest changes.",
                          .min_args = 1, .max_args = 1 };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *json = NULL;
  DokusStatus st;
  int rc;

  if ((rc = dokus_cli_parse_and_open (&cmd, argc, argv, &book)) >= 0)
    return rc;
  st = dokus_report_dashboard (book, &json, &err);
  return dokus_cli_finish (&cmd, book, st, &err, json, print_dashboard);
}

/* ---- export ------------------------------------------------------------------ */

static void
print_export (const cJSON *o)
{
  printf ("Exported the book into %s (see README.txt there).\n", dokus_cli_str (o, "dir"));
}

static int
cmd_export (int argc, char **argv)
{
  DokusCliCommand cmd = { .usage = "export BOOK DIR [--json]",
                          .help = "Writes everything in the book into DIR (new or empty), for an "
                                  "accountant or\nanother program: JSON per record kind, CSV "
                                  "journals, the receipts. Plain text:\nkeep DIR safe.",
                          .min_args = 2, .max_args = 2 };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *json = NULL;
  DokusStatus st;
  int rc;

  if ((rc = dokus_cli_parse_and_open (&cmd, argc, argv, &book)) >= 0)
    return rc;
  st = dokus_export (book, cmd.args[1], &err);
  if (st == DOKUS_OK)
    {
      cJSON *o = cJSON_CreateObject ();
      cJSON_AddStringToObject (o, "dir", cmd.args[1]);
      json = cJSON_PrintUnformatted (o);
      cJSON_Delete (o);
    }
  return dokus_cli_finish (&cmd, book, st, &err, json, print_export);
}

int
dokus_cli_books (int argc, char **argv)
{
  const char *command = argv[0];

  if (strcmp (command, "pnl") == 0)
    return cmd_pnl (argc - 1, argv + 1);
  if (strcmp (command, "receivables") == 0)
    return cmd_receivables (argc - 1, argv + 1);
  if (strcmp (command, "dashboard") == 0)
    return cmd_dashboard (argc - 1, argv + 1);
  if (strcmp (command, "export") == 0)
    return cmd_export (argc - 1, argv + 1);
  return -1;
}

/* dokus-cli-report.c
 *
 * The VAT report commands of dokus-cli: report vat (the periodic return,
 * and its Intervat XML with --xml FILE), report clients (the annual client
 * listing) and report ic (the intra-Community listing). The rules live in
 * libdokus (dokus-vat-return.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"


/* Writes @text to the file @path (replacing it). */
static DokusStatus
write_file (const char *path, const char *text, DokusError *err)
{
  FILE *f = fopen (path, "wb");
  size_t len = strlen (text);
  bool ok;

  if (f == NULL)
    return dokus_error_set (err, DOKUS_ERR_IO, "xml", "cannot write %s: %s", path,
                            strerror (errno));
  ok = fwrite (text, 1, len, f) == len;
  ok = fclose (f) == 0 && ok;
  if (!ok)
    return dokus_error_set (err, DOKUS_ERR_IO, "xml", "cannot write %s", path);
  return DOKUS_OK;
}

static void
print_return (const cJSON *o)
{
  const cJSON *g;

  if (strcmp (dokus_cli_str (o, "return"), "none") == 0)
    {
      printf ("%s: no periodic VAT return. %s.\n", dokus_cli_str (o, "period"), dokus_cli_str (o, "reason"));
      return;
    }
  printf ("VAT return %s (%s to %s), due %s\n\n", dokus_cli_str (o, "period"), dokus_cli_str (o, "from"),
          dokus_cli_str (o, "to"), dokus_cli_str (o, "due_date"));
  cJSON_ArrayForEach (g, cJSON_GetObjectItem (o, "grids"))
    printf ("  grid %s  %14s\n", g->string, cJSON_IsString (g) ? g->valuestring : "");
}

static void
print_clients (const cJSON *o)
{
  const cJSON *c, *year = cJSON_GetObjectItem (o, "year");

  printf ("Client listing %d (due %s)\n\n", cJSON_IsNumber (year) ? year->valueint : 0,
          dokus_cli_str (o, "due_date"));
  cJSON_ArrayForEach (c, cJSON_GetObjectItem (o, "clients"))
    printf ("  %-14s %-30.30s %14s %14s\n", dokus_cli_str (c, "vat_number"), dokus_cli_str (c, "name"),
            dokus_cli_str (c, "turnover"), dokus_cli_str (c, "vat_amount"));
  printf ("\n  %-45s %14s %14s\n", "Total", dokus_cli_str (o, "turnover"), dokus_cli_str (o, "vat_amount"));
}

static void
print_ic (const cJSON *o)
{
  const cJSON *l;

  printf ("Intra-Community listing %s (%s to %s)\n\n", dokus_cli_str (o, "period"), dokus_cli_str (o, "from"),
          dokus_cli_str (o, "to"));
  cJSON_ArrayForEach (l, cJSON_GetObjectItem (o, "lines"))
    printf ("  %-16s %s %14s\n", dokus_cli_str (l, "vat_number"), dokus_cli_str (l, "code"), dokus_cli_str (l, "amount"));
  printf ("\n  %-18s %14s\n", "Total", dokus_cli_str (o, "total"));
}

typedef DokusStatus (*PeriodReport) (DokusBook *book, const char *period, char **out,
                                     DokusError *err);

/* The common part of report vat and report ic: --period is required, the
 * JSON of @report printed, and with --xml FILE the XML of @xml written. */
static int
period_report (DokusCliCommand *cmd, DokusCliOption *opts, int argc, char **argv,
               PeriodReport report, PeriodReport xml_report, void (*human) (const cJSON *))
{
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *json = NULL, *xml = NULL;
  DokusStatus st;
  int rc;

  if ((rc = dokus_cli_parse_and_open (cmd, argc, argv, &book)) >= 0)
    return rc;
  if (!opts[0].seen)
    {
      dokus_error_set (&err, DOKUS_ERR_INVALID, "period",
                       "--period 2026-Q4 or 2026-11 is required");
      return dokus_cli_finish (cmd, book, err.code, &err, NULL, NULL);
    }
  st = report (book, opts[0].value, &json, &err);
  if (st == DOKUS_OK && opts[1].seen)
    {
      st = xml_report (book, opts[0].value, &xml, &err);
      if (st == DOKUS_OK)
        st = write_file (opts[1].value, xml, &err);
      free (xml);
    }
  if (st != DOKUS_OK)
    {
      free (json);
      json = NULL;
    }
  return dokus_cli_finish (cmd, book, st, &err, json, human);
}

static int
cmd_vat (int argc, char **argv)
{
  DokusCliOption opts[] = { { "--period", true, NULL, false },
                            { "--xml", true, NULL, false },
                            { NULL, false, NULL, false } };
  DokusCliCommand cmd = { .usage = "report vat BOOK --period 2026-Q4|2026-11 [--xml FILE] [--json]",
                          .help = "The periodic VAT return of a quarter or a month (the book's "
                                  "filing period): its grids,\nthe balance (71 to pay, 72 to "
                                  "recover) and the deadline. --xml FILE also writes it\nas "
                                  "Intervat XML (VATConsignment) for upload. A franchise book "
                                  "files no return.",
                          .min_args = 1, .max_args = 1, .options = opts };
  return period_report (&cmd, opts, argc, argv, dokus_vat_return, dokus_vat_return_xml,
                        print_return);
}

static int
cmd_clients (int argc, char **argv)
{
  DokusCliOption opts[] = { { "--year", true, NULL, false },
                            { "--xml", true, NULL, false },
                            { NULL, false, NULL, false } };
  DokusCliCommand cmd = { .usage = "report clients BOOK --year 2026 [--xml FILE] [--json]",
                          .help = "The annual listing of Belgian VAT-registered clients "
                                  "invoiced more than EUR 250\nexcluding VAT in the year "
                                  "(credit notes subtracted). --xml FILE also writes it\nas "
                                  "Intervat XML (ClientListingConsignment).",
                          .min_args = 1, .max_args = 1, .options = opts };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *json = NULL, *xml = NULL, *end = NULL;
  long year = 0;
  DokusStatus st;
  int rc;

  if ((rc = dokus_cli_parse_and_open (&cmd, argc, argv, &book)) >= 0)
    return rc;
  if (opts[0].seen)
    {
      errno = 0;
      year = strtol (opts[0].value, &end, 10);
    }
  if (!opts[0].seen || errno != 0 || end == opts[0].value || *end != '\0' || year < 1900
      || year > 9999)
    {
      dokus_error_set (&err, DOKUS_ERR_INVALID, "year", "--year YYYY is required (1900 to 9999)");
      return dokus_cli_finish (&cmd, book, err.code, &err, NULL, NULL);
    }
  st = dokus_client_listing (book, (int) year, &json, &err);
  if (st == DOKUS_OK && opts[1].seen)
    {
      st = dokus_client_listing_xml (book, (int) year, &xml, &err);
      if (st == DOKUS_OK)
        st = write_file (opts[1].value, xml, &err);
      free (xml);
    }
  if (st != DOKUS_OK)
    {
      free (json);
      json = NULL;
    }
  return dokus_cli_finish (&cmd, book, st, &err, json, print_clients);
}

static int
cmd_ic (int argc, char **argv)
{
  DokusCliOption opts[] = { { "--period", true, NULL, false },
                            { "--xml", true, NULL, false },
                            { NULL, false, NULL, false } };
  DokusCliCommand cmd = { .usage = "report ic BOOK --period 2026-Q4|2026-11 [--xml FILE] [--json]",
                          .help = "The intra-Community listing of a quarter or a month: per "
                                  "customer VAT number,\nL (goods), S (services) and T "
                                  "(triangulation), credit notes subtracted. --xml FILE\nalso "
                                  "writes it as Intervat XML (IntraConsignment).",
                          .min_args = 1, .max_args = 1, .options = opts };
  return period_report (&cmd, opts, argc, argv, dokus_ic_listing, dokus_ic_listing_xml, print_ic);
}

#define REPORT_USAGE                                                                       \
  "usage: dokus-cli report vat|clients|ic|pnl|receivables|dashboard BOOK ... "             \
  "(--help for each)\n\n"                                                                  \
  "  vat BOOK --period P        the periodic VAT return (--xml FILE: Intervat XML)\n"      \
  "  clients BOOK --year Y      the annual client listing (--xml FILE)\n"                  \
  "  ic BOOK --period P         the intra-Community listing (--xml FILE)\n"                \
  "  pnl BOOK [--year Y]        profit and loss of a year\n"                               \
  "  receivables BOOK           aged receivables\n"                                        \
  "  dashboard BOOK             the dashboard's figures\n"

int
dokus_cli_vat_reports (int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : "";

  if (strcmp (sub, "vat") == 0)
    return cmd_vat (argc - 2, argv + 2);
  if (strcmp (sub, "clients") == 0)
    return cmd_clients (argc - 2, argv + 2);
  if (strcmp (sub, "ic") == 0)
    return cmd_ic (argc - 2, argv + 2);
  if (strcmp (sub, "--help") == 0 || strcmp (sub, "-h") == 0)
    {
      fputs (REPORT_USAGE, stdout);
      return 0;
    }
  fprintf (stderr, "dokus-cli: unknown report '%s'\n%s", sub, REPORT_USAGE);
  return 1;
}

/* dokus-cli-demo.c
 *
 * `dokus-cli demo [BOOK]`: a realistic year of a Belgian freelance web
 * developer's books, made through the public API only, for trying Dokus
 * and for screenshots: clients in Belgium, the Netherlands, France and
 * Germany and a private person, invoices month by month (21 %, EU reverse
 * charge, a 6 % book sale), payments (most paid, some late, one partly),
 * credit notes, and the year's purchases when the expense API is there.
 * The same year always gives the same documents (a fixed pseudo-random
 * sequence), dated from 1 January to today.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"

typedef struct {
  DokusCliCommand *cmd; /* where errors go: stderr, and stdout with --json */
  DokusBook       *book;
  unsigned         seed;
  int              year;
  DokusDate        today;
  char             clients[6][DOKUS_ID_TEXT];
} Demo;

static unsigned
next_random (Demo *d, unsigned below)
{
  d->seed = d->seed * 1103515245u + 12345u;
  return (d->seed >> 16) % below;
}

static const char *const client_json[] = {
  "{\"name\": \"Brouwerij De Vos BV\", \"vat_number\": \"BE0203201340\", \"address\": "
  "{\"street\": \"Veldstraat 12\", \"postal_code\": \"9000\", \"city\": \"Gent\", \"country\": \"BE\"},"
  " \"email\": \"boekhouding@devos.example\", \"language\": \"nl\"}",
  "{\"name\": \"Atelier Lumière SRL\", \"vat_number\": \"BE0417497106\", \"address\": "
  "{\"street\": \"Rue Haute 48\", \"postal_code\": \"1000\", \"city\": \"Bruxelles\", \"country\": \"BE\"},"
  " \"language\": \"fr\", \"payment_terms_days\": 15}",
  "{\"name\": \"Kanaalkade Media BV\", \"vat_number\": \"NL004495445B01\", \"address\": "
  "{\"street\": \"Prinsengracht 263\", \"postal_code\": \"1016 GV\", \"city\": \"Amsterdam\", \"country\": \"NL\"}}",
  "{\"name\": \"Maison Verte SAS\", \"vat_number\": \"FR40303265045\", \"address\": "
  "{\"street\": \"12 rue de la Paix\", \"postal_code\": \"75002\", \"city\": \"Paris\", \"country\": \"FR\"}}",
  "{\"name\": \"Rheinwerk Software GmbH\", \"vat_number\": \"DE136695976\", \"address\": "
  "{\"street\": \"Hafenstraße 5\", \"postal_code\": \"50667\", \"city\": \"Köln\", \"country\": \"DE\"}}",
  "{\"name\": \"Sofie Peeters\", \"kind\": \"person\", \"address\": "
  "{\"street\": \"Lindelaan 3\", \"postal_code\": \"3000\", \"city\": \"Leuven\", \"country\": \"BE\"}}",
};

static int
fail_with (const Demo *d, const DokusError *err)
{
  return dokus_cli_report (d->cmd, err);
}

/* One invoice for client @c on @date, issued; returns its number in @number. */
static int
make_invoice (Demo *d, int c, const char *date, char number[DOKUS_NUMBER_TEXT])
{
  static const char *const work[] = { "Ontwikkeling webshop", "Onderhoud website",
                                      "UX-workshop", "API-integratie", "Hosting en beheer" };
  char json[1024], id[DOKUS_ID_TEXT], hours[16], rate[16];
  const char *category = c >= 2 && c <= 4 ? "AE" : "S";
  const char *vat_rate = c >= 2 && c <= 4 ? "0" : "21";
  DokusIssueResult res;
  DokusError err = { 0 };

  snprintf (hours, sizeof hours, "%u.%u", 4 + next_random (d, 36), next_random (d, 4) * 25);
  snprintf (rate, sizeof rate, "%u", 75 + 5 * next_random (d, 6));
  snprintf (json, sizeof json,
            "{\"client\": \"%s\", \"issue_date\": \"%s\", \"lines\": ["
            "{\"description\": \"%s\", \"quantity\": \"%s\", \"unit\": \"HUR\","
            " \"unit_price\": \"%s\", \"vat_category\": \"%s\", \"vat_rate\": \"%s\"}%s]}",
            d->clients[c], date, work[next_random (d, 5)], hours, rate, category, vat_rate,
            c == 5 ? ", {\"description\": \"Boek: Webdesign voor beginners\", \"quantity\": \"1\","
                     " \"unit_price\": \"29.95\", \"vat_rate\": \"6\"}"
                   : "");
  if (dokus_invoice_create (d->book, json, id, &err) != DOKUS_OK
      || dokus_document_issue (d->book, id, &res, &err) != DOKUS_OK)
    return fail_with (d, &err);
  memcpy (number, res.number, DOKUS_NUMBER_TEXT);
  return 0;
}

static int
pay (Demo *d, const char *number, const char *date, bool partly)
{
  DokusError err = { 0 };
  char *json = NULL, amount[DOKUS_MONEY_TEXT];
  cJSON *doc;
  int rc = 0;

  if (dokus_document_show (d->book, number, &json, &err) != DOKUS_OK)
    return fail_with (d, &err);
  doc = cJSON_Parse (json);
  snprintf (amount, sizeof amount, "%s",
            cJSON_GetObjectItem (doc, "open_amount")->valuestring);
  if (partly)
    {
      DokusCents open = 0;
      if (dokus_cents_parse (amount, "open_amount", &open, &err) != DOKUS_OK)
        return fail_with (d, &err);
      dokus_cents_format (open / 2, amount); /* half now, the rest still open */
    }
  if (dokus_payment_add (d->book, number, amount, date, "demo", NULL, &err) != DOKUS_OK)
    rc = fail_with (d, &err);
  cJSON_Delete (doc);
  free (json);
  return rc;
}

/* The month's purchases: software from Ireland (self-assessed VAT), the
 * phone (a quarter private), train tickets, a business lunch (VAT not
 * recoverable, art. 45 § 3 WBTW; 69 % deductible) and, in March, a laptop. */
typedef struct {
  int         day;
  const char *supplier, *vat_number, *country, *prefix, *description, *category, *kind;
  const char *treatment, *deductible, *recoverable, *base, *rate, *vat;
} Purchase;

static const Purchase monthly[] = {
  { 1, "Cloudly Ltd", "IE6388047V", "IE", "CL", "Hosting and design tools", "software",
    "services", "eu_services", "100", "100", "49.00", "21", NULL },
  { 5, "Proximus NV", "BE0202239951", "BE", "PX", "Mobile and internet", "telecom", "services",
    "domestic", "75", "75", "62.81", "21", "13.19" },
  { 14, "NMBS", "BE0203430576", "BE", "TR", "Train tickets", "travel", "services", "domestic",
    "100", "100", "41.51", "6", "2.49" },
  { 20, "Brasserie Het Pand", NULL, "BE", "HP", "Lunch with a client", "restaurant", "services",
    "domestic", "69", "0", "58.00", "12", "6.96" },
};
static const Purchase laptop = { 11, "Coolblue België NV", "BE0867686774", "BE", "LT", "Laptop",
                                 "hardware", "investment", "domestic", "100", "100", "1238.84",
                                 "21", "260.16" };

static int
add_purchase (Demo *d, int month, const Purchase *p, const DokusAttachmentInput *receipt)
{
  DokusDate day = { d->year, (uint8_t) month, (uint8_t) p->day };
  char date[DOKUS_DATE_TEXT], number[32], id[DOKUS_ID_TEXT];
  cJSON *o, *sup, *line;
  DokusError err = { 0 };
  char *json;
  DokusStatus st;

  if (dokus_date_cmp (day, d->today) > 0)
    return 0;
  snprintf (number, sizeof number, "%s-%04d-%02d", p->prefix, d->year, month);
  o = cJSON_CreateObject ();
  cJSON_AddStringToObject (o, "date", dokus_date_format (day, date));
  sup = cJSON_AddObjectToObject (o, "supplier");
  cJSON_AddStringToObject (sup, "name", p->supplier);
  if (p->vat_number)
    cJSON_AddStringToObject (sup, "vat_number", p->vat_number);
  cJSON_AddStringToObject (sup, "country", p->country);
  cJSON_AddStringToObject (o, "number", number);
  cJSON_AddStringToObject (o, "description", p->description);
  cJSON_AddStringToObject (o, "category", p->category);
  cJSON_AddStringToObject (o, "kind", p->kind);
  cJSON_AddStringToObject (o, "vat_treatment", p->treatment);
  cJSON_AddStringToObject (o, "deductible_percent", p->deductible);
  cJSON_AddStringToObject (o, "vat_recoverable_percent", p->recoverable);
  line = cJSON_CreateObject ();
  cJSON_AddStringToObject (line, "base", p->base);
  cJSON_AddStringToObject (line, "vat_rate", p->rate);
  if (p->vat)
    cJSON_AddStringToObject (line, "vat_amount", p->vat);
  cJSON_AddItemToArray (cJSON_AddArrayToObject (o, "lines"), line);
  json = cJSON_PrintUnformatted (o);
  cJSON_Delete (o);
  st = dokus_expense_add (d->book, json, receipt, receipt ? 1 : 0, id, &err);
  free (json);
  return st == DOKUS_OK ? 0 : fail_with (d, &err);
}

static int
purchases (Demo *d, int month)
{
  static const unsigned char text[] = "Coolblue - Laptop 14 inch - 1238.84 + 21 % VAT 260.16\n";
  DokusAttachmentInput receipt = { "laptop-invoice.txt", text, sizeof text - 1 };

  for (size_t i = 0; i < sizeof monthly / sizeof monthly[0]; i++)
    if (add_purchase (d, month, &monthly[i], NULL) != 0)
      return 1;
  return month == 3 ? add_purchase (d, month, &laptop, &receipt) : 0;
}

static int
fill_year (Demo *d)
{
  DokusError err = { 0 };
  char number[DOKUS_NUMBER_TEXT], date[DOKUS_DATE_TEXT];

  for (int c = 0; c < 6; c++)
    if (dokus_client_add (d->book, client_json[c], d->clients[c], &err) != DOKUS_OK)
      return fail_with (d, &err);
  for (int month = 1; month <= 12; month++)
    if (purchases (d, month) != 0)
      return 1;
  for (int month = 1; month <= 12; month++)
    for (int k = 0; k < 4; k++)
      {
        DokusDate issue = { d->year, (uint8_t) month, (uint8_t) (3 + 7 * k) };
        DokusDate paid = dokus_date_add_days (issue, 10 + (int32_t) next_random (d, 40));
        int c = (int) next_random (d, 6);

        if (dokus_date_cmp (issue, d->today) > 0)
          return 0;
        dokus_date_format (issue, date);
        if (make_invoice (d, c, date, number) != 0)
          return 1;
        if (dokus_date_cmp (paid, d->today) <= 0 && next_random (d, 10) < 8)
          {
            dokus_date_format (paid, date);
            if (pay (d, number, date, next_random (d, 12) == 0) != 0)
              return 1;
          }
        else if (month % 5 == 0 && k == 1)
          {
            /* a disputed invoice: credited whole */
            char id[DOKUS_ID_TEXT];
            DokusIssueResult res;
            char json[128];
            dokus_date_format (issue, date);
            snprintf (json, sizeof json, "{\"issue_date\": \"%s\", \"note\": \"Dubbel gefactureerd\"}",
                      date);
            if (dokus_invoice_credit (d->book, number, json, id, &err) != DOKUS_OK
                || dokus_document_issue (d->book, id, &res, &err) != DOKUS_OK)
              return fail_with (d, &err);
          }
      }
  return 0;
}

static const char demo_profile[]
  = "{\"name\": \"Lotte Maes\", \"trading_name\": \"Maes Webwerk\","
    " \"enterprise_number\": \"0417.497.106\", \"vat_regime\": \"standard\","
    " \"vat_period\": \"quarter\", \"address\": {\"street\": \"Kouter 7\","
    " \"postal_code\": \"9000\", \"city\": \"Gent\", \"country\": \"BE\"},"
    " \"iban\": \"BE68 5390 0754 7034\", \"bic\": \"GKCCBEBB\", \"email\": \"lotte@maes.example\","
    " \"payment_terms_days\": 30, \"language\": \"nl\"}";

/* What the book holds, from the document list: documents, those with an
 * open amount, those overdue. */
typedef struct {
  int documents, open, overdue;
} DemoCounts;

static DokusStatus
count_documents (DokusBook *book, DemoCounts *c, DokusError *err)
{
  char *list = NULL;
  DokusStatus st = dokus_document_list (book, NULL, NULL, NULL, &list, err);
  cJSON *o = st == DOKUS_OK ? cJSON_Parse (list) : NULL;
  const cJSON *doc;

  memset (c, 0, sizeof *c);
  cJSON_ArrayForEach (doc, cJSON_GetObjectItem (o, "invoices"))
    {
      c->documents++;
      c->open += strcmp (dokus_cli_str (doc, "open_amount"), "0.00") != 0;
      c->overdue += cJSON_IsTrue (cJSON_GetObjectItem (doc, "overdue"));
    }
  cJSON_Delete (o);
  free (list);
  return st;
}

/* {"book", "created", "year" and "recovery_key" when made now, "documents",
 * "open", "overdue"}: (transfer full) free() it; NULL on OOM. */
static char *
demo_json (const char *path, int year, const char *recovery, const DemoCounts *c)
{
  cJSON *o = cJSON_CreateObject ();
  char *text;

  cJSON_AddStringToObject (o, "book", path);
  cJSON_AddBoolToObject (o, "created", recovery != NULL);
  if (recovery != NULL)
    {
      cJSON_AddNumberToObject (o, "year", year);
      cJSON_AddStringToObject (o, "recovery_key", recovery);
    }
  cJSON_AddNumberToObject (o, "documents", c->documents);
  cJSON_AddNumberToObject (o, "open", c->open);
  cJSON_AddNumberToObject (o, "overdue", c->overdue);
  text = cJSON_PrintUnformatted (o);
  cJSON_Delete (o);
  return text;
}

/* Makes the demo book at @path. *@recovery (transfer full,
 * dokus_secret_free()) and *@year on success; 1 after reporting. */
static int
create_demo (DokusCliCommand *cmd, const char *path, DokusBook **book, char **recovery, int *year)
{
  DokusBookOptions opts = { 0 };
  DokusError err = { 0 };
  Demo d = { 0 };
  DokusStatus st;

  if (getenv ("DOKUS_KDF") && strcmp (getenv ("DOKUS_KDF"), "minimum") == 0)
    opts.kdf_cost = DOKUS_KDF_MINIMUM;
  st = dokus_book_create (path, "demo", &opts, recovery, book, &err);
  if (st == DOKUS_OK)
    st = dokus_profile_set (*book, demo_profile, &err);
  if (st != DOKUS_OK)
    return dokus_cli_report (cmd, &err);
  d.cmd = cmd;
  d.book = *book;
  d.today = dokus_date_today ();
  d.year = d.today.year;
  d.seed = (unsigned) d.year;
  *year = d.year;
  return fill_year (&d) != 0 ? 1 : 0; /* fill_year reported it */
}

int
dokus_cli_demo (int argc, char **argv)
{
  DokusCliCommand cmd = {
    .usage = "demo [BOOK] [--json]",
    .help = "Creates BOOK (default demo.dokus, passphrase \"demo\") with a realistic year of a\n"
            "freelancer's documents, or opens it if it exists, and prints a summary\n"
            "(with --json one object: book, created, year and recovery_key when made,\n"
            "documents, open, overdue).",
    .min_args = 0,
    .max_args = 1,
  };
  int rc = dokus_cli_parse (&cmd, argc - 1, argv + 1);
  const char *path = cmd.n_args > 0 ? cmd.args[0] : "demo.dokus";
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DemoCounts counts;
  char *recovery = NULL;
  int year = 0;

  if (rc >= 0)
    return rc;
  if (dokus_platform_path_exists (path))
    rc = dokus_book_open (path, "demo", &book, &err) == DOKUS_OK ? 0 : dokus_cli_report (&cmd, &err);
  else
    rc = create_demo (&cmd, path, &book, &recovery, &year);
  if (rc == 0 && count_documents (book, &counts, &err) != DOKUS_OK)
    rc = dokus_cli_report (&cmd, &err);
  if (rc == 0 && cmd.json)
    {
      char *json = demo_json (path, year, recovery, &counts);
      rc = json != NULL ? 0 : 1;
      if (json != NULL)
        puts (json);
      free (json);
    }
  else if (rc == 0)
    {
      if (recovery != NULL)
        {
          printf ("Created the demo book %s (passphrase: demo), with %d so far.\n", path, year);
          printf ("Its recovery key, as a real book would show once: %s\n\n", recovery);
        }
      printf ("%s: %d documents, %d with an open amount, %d overdue.\n"
              "Try: dokus-cli invoice list %s   (passphrase: demo)\n",
              path, counts.documents, counts.open, counts.overdue, path);
    }
  dokus_secret_free (recovery);
  dokus_book_close (book);
  return rc;
}

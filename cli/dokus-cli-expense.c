/* dokus-cli-expense.c
 *
 * The purchase commands of dokus-cli: expense add (with its receipt
 * files), list, show, receipt, which writes a stored receipt back to a
 * file, and receipt add, which adds a receipt to a recorded purchase. The
 * rules live in libdokus (dokus-expense.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"

/* libdokus takes at most 100 receipts per purchase. */
#define MAX_RECEIPTS 100


/* ---- printing -------------------------------------------------------------- */

static void
print_id (const cJSON *o)
{
  printf ("%s\n", dokus_cli_str (o, "id"));
}

static void
print_expenses (const cJSON *o)
{
  const cJSON *e;
  cJSON_ArrayForEach (e, cJSON_GetObjectItem (o, "expenses"))
    printf ("%-10s %-36s %-24.24s %-14.14s %-12.12s %-15s %10s %9s %10s%s\n", dokus_cli_str (e, "date"),
            dokus_cli_str (e, "id"), dokus_cli_str (cJSON_GetObjectItem (e, "supplier"), "name"), dokus_cli_str (e, "number"),
            dokus_cli_str (e, "category"), dokus_cli_str (e, "vat_treatment"), dokus_cli_str (e, "base_amount"),
            dokus_cli_str (e, "vat_amount"), dokus_cli_str (e, "total_amount"),
            cJSON_IsTrue (cJSON_GetObjectItem (e, "credit_note")) ? "  credit note" : "");
}

static void
print_expense (const cJSON *o)
{
  const cJSON *s = cJSON_GetObjectItem (o, "supplier"), *l, *r;

  printf ("%s %s  (%s)\n",
          cJSON_IsTrue (cJSON_GetObjectItem (o, "credit_note")) ? "Purchase credit note"
                                                                 : "Purchase",
          dokus_cli_str (o, "number"), dokus_cli_str (o, "id"));
  printf ("Supplier:  %s  %s %s\n", dokus_cli_str (s, "name"), dokus_cli_str (s, "country"), dokus_cli_str (s, "vat_number"));
  printf ("Date:      %s\n", dokus_cli_str (o, "date"));
  if (dokus_cli_str (o, "description")[0])
    printf ("About:     %s\n", dokus_cli_str (o, "description"));
  printf ("Category:  %s (%s)   VAT: %s%s\n\n", dokus_cli_str (o, "category"), dokus_cli_str (o, "kind"),
          dokus_cli_str (o, "vat_treatment"),
          cJSON_IsTrue (cJSON_GetObjectItem (o, "vat_self_assessed")) ? ", self-assessed" : "");
  cJSON_ArrayForEach (l, cJSON_GetObjectItem (o, "lines"))
    printf ("  %12s  at %5s %%  VAT %10s\n", dokus_cli_str (l, "base"), dokus_cli_str (l, "vat_rate"),
            dokus_cli_str (l, "vat_amount"));
  printf ("\n  Base %37s\n  VAT %38s\n  VAT recoverable (%s %%) %*s\n"
          "  Deductible cost (%s %%) %*s\n  Total paid to the supplier %15s\n",
          dokus_cli_str (o, "base_amount"), dokus_cli_str (o, "vat_amount"), dokus_cli_str (o, "vat_recoverable_percent"),
          (int) (21 - strlen (dokus_cli_str (o, "vat_recoverable_percent"))),
          dokus_cli_str (o, "vat_recoverable_amount"), dokus_cli_str (o, "deductible_percent"),
          (int) (21 - strlen (dokus_cli_str (o, "deductible_percent"))), dokus_cli_str (o, "deductible_amount"),
          dokus_cli_str (o, "total_amount"));
  cJSON_ArrayForEach (r, cJSON_GetObjectItem (o, "receipts"))
    {
      const cJSON *size = cJSON_GetObjectItem (r, "size");
      unsigned long bytes = cJSON_IsNumber (size) ? (unsigned long) size->valuedouble : 0UL;
      printf ("  Receipt %s  %s (%s, %lu bytes)\n", dokus_cli_str (r, "id"), dokus_cli_str (r, "filename"),
              dokus_cli_str (r, "mime_type"), bytes);
    }
}

static void
print_written (const cJSON *o)
{
  printf ("Wrote %s (%s).\n", dokus_cli_str (o, "file"), dokus_cli_str (o, "filename"));
}

/* ---- commands -------------------------------------------------------------- */

static int
cmd_add (int argc, char **argv)
{
  DokusCliCommand cmd = { .usage = "expense add BOOK EXPENSE.json [--receipt FILE]... [--json]",
                          .help = "Records a purchase or purchase credit note (dokus-expense.h) "
                                  "with its receipt files,\nstored encrypted inside the book; "
                                  "prints its id. --receipt may be repeated.",
                          .min_args = 2, .max_args = 2 };
  DokusAttachmentInput receipts[MAX_RECEIPTS];
  const char *paths[MAX_RECEIPTS];
  char **rest = calloc ((size_t) argc + 1, sizeof *rest);
  size_t n = 0;
  int n_rest = 0, rc;
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DokusStatus st = DOKUS_OK;
  char id[DOKUS_ID_TEXT], *input = NULL, *json = NULL;

  if (rest == NULL)
    {
      fprintf (stderr, "dokus-cli: out of memory\n");
      return 1;
    }
  /* --receipt FILE may repeat; the rest goes to the common parser */
  for (int i = 0; i < argc; i++)
    {
      if (strcmp (argv[i], "--receipt") == 0)
        {
          if (i + 1 >= argc)
            {
              fprintf (stderr, "dokus-cli: --receipt needs a FILE\n");
              free (rest);
              return 1;
            }
          if (n >= MAX_RECEIPTS)
            {
              fprintf (stderr, "dokus-cli: at most %d receipts\n", MAX_RECEIPTS);
              free (rest);
              return 1;
            }
          paths[n++] = argv[++i];
          continue;
        }
      rest[n_rest++] = argv[i];
      if (strcmp (argv[i], "--passphrase-file") == 0 && i + 1 < argc)
        rest[n_rest++] = argv[++i];
    }
  rc = dokus_cli_parse_and_open (&cmd, n_rest, rest, &book);
  free (rest);
  if (rc >= 0)
    return rc;

  memset (receipts, 0, sizeof receipts);
  input = dokus_cli_read_file (cmd.args[1], &err);
  if (input == NULL)
    st = err.code;
  for (size_t i = 0; st == DOKUS_OK && i < n; i++)
    {
      unsigned char *data
        = dokus_cli_read_binary (paths[i], "receipt", DOKUS_ATTACHMENT_MAX_BYTES,
                                 &receipts[i].len, &err);
      if (data == NULL)
        st = err.code;
      receipts[i].data = data;
      receipts[i].filename = dokus_platform_base_name (paths[i]);
    }
  if (st == DOKUS_OK)
    st = dokus_expense_add (book, input, receipts, n, id, &err);
  if (st == DOKUS_OK)
    {
      cJSON *o = cJSON_CreateObject ();
      cJSON_AddStringToObject (o, "id", id);
      json = cJSON_PrintUnformatted (o);
      cJSON_Delete (o);
    }
  for (size_t i = 0; i < n; i++)
    free ((unsigned char *) receipts[i].data);
  free (input);
  return dokus_cli_finish (&cmd, book, st, &err, json, print_id);
}

static void
print_receipt_added (const cJSON *o)
{
  printf ("%s\n", dokus_cli_str (o, "receipt"));
}

static int
cmd_receipt_add (int argc, char **argv)
{
  DokusCliCommand cmd = { .usage = "expense receipt add BOOK EXPENSE_ID FILE [--json]",
                          .help = "Adds FILE as a receipt to a recorded purchase, stored "
                                  "encrypted inside the book\n(kept ten years, like the "
                                  "purchase); prints the receipt's id.",
                          .min_args = 3, .max_args = 3 };
  DokusAttachmentInput receipt = { 0 };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DokusStatus st = DOKUS_OK;
  char att[DOKUS_ID_TEXT], *json = NULL;
  unsigned char *data;
  int rc = dokus_cli_parse_and_open (&cmd, argc, argv, &book);

  if (rc >= 0)
    return rc;
  data = dokus_cli_read_binary (cmd.args[2], "receipt", DOKUS_ATTACHMENT_MAX_BYTES, &receipt.len,
                                &err);
  if (data == NULL)
    st = err.code;
  receipt.data = data;
  receipt.filename = dokus_platform_base_name (cmd.args[2]);
  if (st == DOKUS_OK)
    st = dokus_expense_add_receipt (book, cmd.args[1], &receipt, att, &err);
  if (st == DOKUS_OK)
    {
      cJSON *o = cJSON_CreateObject ();
      cJSON_AddStringToObject (o, "expense", cmd.args[1]);
      cJSON_AddStringToObject (o, "receipt", att);
      cJSON_AddStringToObject (o, "filename", receipt.filename);
      json = cJSON_PrintUnformatted (o);
      cJSON_Delete (o);
    }
  free (data);
  return dokus_cli_finish (&cmd, book, st, &err, json, print_receipt_added);
}

static int
cmd_receipt (int argc, char **argv)
{
  DokusCliOption opts[] = { { "-o", true, NULL, false }, { NULL, false, NULL, false } };
  DokusCliCommand cmd = { .usage = "expense receipt BOOK ATTACHMENT_ID -o FILE [--json]",
                          .help = "Writes a stored receipt (its id is in expense show) to FILE.",
                          .min_args = 2, .max_args = 2, .options = opts };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  unsigned char *data = NULL;
  size_t len = 0;
  char *name = NULL, *json = NULL;
  DokusStatus st;
  int rc = dokus_cli_parse (&cmd, argc, argv);

  if (rc >= 0)
    return rc;
  if (!opts[0].seen)
    {
      dokus_error_set (&err, DOKUS_ERR_INVALID, "o", "-o FILE is required");
      return dokus_cli_report (&cmd, &err);
    }
  if (dokus_cli_open_book (&cmd, cmd.args[0], &book) != 0)
    return 1;
  st = dokus_attachment_get (book, cmd.args[1], &data, &len, &name, &err);
  if (st == DOKUS_OK)
    {
      FILE *f = fopen (opts[0].value, "wb");
      bool ok = f != NULL && fwrite (data, 1, len, f) == len;
      if (f != NULL && fclose (f) != 0)
        ok = false;
      if (!ok)
        st = dokus_error_set (&err, DOKUS_ERR_IO, "o", "cannot write %s", opts[0].value);
    }
  if (st == DOKUS_OK)
    {
      cJSON *o = cJSON_CreateObject ();
      cJSON_AddStringToObject (o, "id", cmd.args[1]);
      cJSON_AddStringToObject (o, "file", opts[0].value);
      cJSON_AddStringToObject (o, "filename", name);
      cJSON_AddNumberToObject (o, "size", (double) len);
      json = cJSON_PrintUnformatted (o);
      cJSON_Delete (o);
    }
  free (data);
  free (name);
  return dokus_cli_finish (&cmd, book, st, &err, json, print_written);
}

int
dokus_cli_expense (int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : "";
  DokusCliOption list_opts[] = { { "--from", true, NULL, false },
                                 { "--to", true, NULL, false },
                                 { NULL, false, NULL, false } };
  DokusCliCommand list = { .usage = "expense list BOOK [--from DATE] [--to DATE] [--json]",
                           .help = "Lists the purchases by date, from and to inclusive, with "
                                   "their VAT and totals.",
                           .min_args = 1, .max_args = 1, .options = list_opts };
  DokusCliCommand show = { .usage = "expense show BOOK ID [--json]",
                           .help = "Shows a purchase with its lines, the recoverable VAT, the "
                                   "deductible cost\nand its receipts.",
                           .min_args = 2, .max_args = 2 };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *json = NULL;
  DokusStatus st;
  int rc;

  if (strcmp (sub, "add") == 0)
    return cmd_add (argc - 2, argv + 2);
  if (strcmp (sub, "receipt") == 0 && argc > 2 && strcmp (argv[2], "add") == 0)
    return cmd_receipt_add (argc - 3, argv + 3);
  if (strcmp (sub, "receipt") == 0)
    return cmd_receipt (argc - 2, argv + 2);
  if (strcmp (sub, "list") == 0)
    {
      if ((rc = dokus_cli_parse_and_open (&list, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      st = dokus_expense_list (book, list_opts[0].value, list_opts[1].value, &json, &err);
      return dokus_cli_finish (&list, book, st, &err, json, print_expenses);
    }
  if (strcmp (sub, "show") == 0)
    {
      if ((rc = dokus_cli_parse_and_open (&show, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      st = dokus_expense_show (book, show.args[1], &json, &err);
      return dokus_cli_finish (&show, book, st, &err, json, print_expense);
    }
  fprintf (stderr, "usage: dokus-cli expense add|list|show|receipt|receipt add BOOK ... (--help for each)\n");
  return 1;
}

/* dokus-cli-ledger.c
 *
 * The ledger commands of dokus-cli: init, client, invoice, payment, audit
 * and passwd. Each opens the book, calls one libdokus function and prints
 * its result; the rules live in libdokus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"


/* A command group without its subcommand: "GROUP --help" prints the
 * group's usage on stdout and succeeds; nothing or an unknown subcommand
 * prints it on stderr and fails. */
static int
group_usage (const char *sub, const char *usage)
{
  bool help = strcmp (sub, "--help") == 0 || strcmp (sub, "-h") == 0;
  fprintf (help ? stdout : stderr, "usage: dokus-cli %s\n", usage);
  return help ? 0 : 1;
}

/* ---- init ------------------------------------------------------------------ */

static void
print_init (const cJSON *o)
{
  printf ("Created the book %s.\n\n"
          "Recovery key (shown once; keep it on paper, away from the computer):\n\n  %s\n\n"
          "With it, and only with it, a forgotten passphrase can be replaced.\n",
          dokus_cli_str (o, "book"), dokus_cli_str (o, "recovery_key"));
}

static int
cmd_init (int argc, char **argv)
{
  DokusCliOption options[] = { { "--profile", true, NULL, false }, { NULL, false, NULL, false } };
  DokusCliCommand cmd = { .usage = "init BOOK --profile PROFILE.json [--json]",
                          .help = "Creates a new, encrypted book with the company profile of "
                                  "PROFILE.json (docs/formats.md)\nand prints its recovery key "
                                  "once. DOKUS_KDF=minimum makes a throw-away book for tests.",
                          .min_args = 1, .max_args = 1, .options = options };
  char pass[DOKUS_CLI_SECRET_MAX];
  char *profile = NULL, *recovery = NULL, *out = NULL;
  DokusBookOptions opts = { 0 };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DokusStatus st;
  int rc = dokus_cli_parse (&cmd, argc, argv);

  if (rc >= 0)
    return rc;
  if (!options[0].seen)
    {
      dokus_error_set (&err, DOKUS_ERR_INVALID, "profile", "--profile PROFILE.json is required");
      return dokus_cli_report (&cmd, &err);
    }
  if (getenv ("DOKUS_KDF") && strcmp (getenv ("DOKUS_KDF"), "minimum") == 0)
    opts.kdf_cost = DOKUS_KDF_MINIMUM;
  profile = dokus_cli_read_file (options[0].value, &err);
  if (profile == NULL)
    return dokus_cli_report (&cmd, &err);
  st = dokus_cli_passphrase (&cmd, true, pass, &err);
  if (st == DOKUS_OK)
    st = dokus_book_create (cmd.args[0], pass, &opts, &recovery, &book, &err);
  sodium_memzero (pass, sizeof pass);
  if (st == DOKUS_OK)
    st = dokus_profile_set (book, profile, &err);
  dokus_book_close (book);
  free (profile);
  if (st != DOKUS_OK)
    {
      if (book != NULL)
        {
          /* the book was made for this profile: a bad profile leaves nothing behind */
          char *side = malloc (strlen (cmd.args[0]) + 16);
          dokus_platform_remove_file (cmd.args[0]);
          for (const char *s = "-wal\0-shm\0-journal\0"; side && *s; s += strlen (s) + 1)
            {
              sprintf (side, "%s%s", cmd.args[0], s);
              dokus_platform_remove_file (side);
            }
          free (side);
        }
      dokus_secret_free (recovery);
      return dokus_cli_report (&cmd, &err);
    }
  {
    cJSON *o = cJSON_CreateObject ();
    cJSON_AddStringToObject (o, "book", cmd.args[0]);
    cJSON_AddStringToObject (o, "recovery_key", recovery);
    out = cJSON_PrintUnformatted (o);
    cJSON_Delete (o);
  }
  rc = dokus_cli_print (&cmd, out, print_init);
  if (out)
    sodium_memzero (out, strlen (out));
  free (out);
  dokus_secret_free (recovery);
  return rc;
}

/* ---- client ------------------------------------------------------------------ */

static void
print_id (const cJSON *o)
{
  printf ("%s\n", dokus_cli_str (o, "id"));
}

static void
print_clients (const cJSON *o)
{
  const cJSON *c;
  cJSON_ArrayForEach (c, cJSON_GetObjectItem (o, "clients"))
    printf ("%-36s  %-30s %-7s %-2s %s\n", dokus_cli_str (c, "id"), dokus_cli_str (c, "name"), dokus_cli_str (c, "kind"),
            dokus_cli_str (c, "country"), dokus_cli_str (c, "vat_number"));
}

/* @json ({"clients": [...]}) without the archived clients (takes it). */
static char *
drop_archived (char *json)
{
  cJSON *o = cJSON_Parse (json), *arr = cJSON_GetObjectItem (o, "clients"), *c;
  char *out;

  if (o == NULL)
    return json;
  for (c = arr ? arr->child : NULL; c != NULL;)
    {
      cJSON *next = c->next;
      if (cJSON_IsTrue (cJSON_GetObjectItem (c, "archived")))
        cJSON_Delete (cJSON_DetachItemViaPointer (arr, c));
      c = next;
    }
  out = cJSON_PrintUnformatted (o);
  cJSON_Delete (o);
  free (json);
  return out;
}

static char *
id_json (const char *key, const char *id)
{
  cJSON *o = cJSON_CreateObject ();
  char *text;
  cJSON_AddStringToObject (o, key, id);
  text = cJSON_PrintUnformatted (o);
  cJSON_Delete (o);
  return text;
}

static int
cmd_client (int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : "";
  DokusCliOption list_opts[] = { { "--archived", false, NULL, false },
                                 { "--search", true, NULL, false },
                                 { NULL, false, NULL, false } };
  DokusCliCommand add = { .usage = "client add BOOK CLIENT.json [--json]",
                          .help = "Adds a client (docs/formats.md, \"client\"); prints its id.",
                          .min_args = 2, .max_args = 2 };
  DokusCliCommand list = { .usage = "client list BOOK [--archived] [--search TEXT] [--json]",
                           .help = "Lists the clients by name. --search: those whose name, VAT "
                                   "number, enterprise\nnumber, e-mail address or city hold "
                                   "every word of TEXT (as a prefix,\nwithout regard to case or "
                                   "accents).",
                           .min_args = 1, .max_args = 1, .options = list_opts };
  DokusCliCommand update = { .usage = "client update BOOK CLIENT_ID CLIENT.json [--json]",
                             .help = "Replaces every field of a client with CLIENT.json (as for "
                                     "client add).\nIssued documents keep the client as it was.",
                             .min_args = 3, .max_args = 3 };
  DokusCliCommand archive = { .usage = "client archive BOOK CLIENT_ID [--json]",
                              .help = "Archives a client: hidden from lists, documents kept.",
                              .min_args = 2, .max_args = 2 };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *json = NULL;
  DokusStatus st;
  int rc;

  if (strcmp (sub, "add") == 0)
    {
      char id[DOKUS_ID_TEXT], *input;
      if ((rc = dokus_cli_parse_and_open (&add, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      input = dokus_cli_read_file (add.args[1], &err);
      st = input ? dokus_client_add (book, input, id, &err) : err.code;
      free (input);
      return dokus_cli_finish (&add, book, st, &err, st == DOKUS_OK ? id_json ("id", id) : NULL, print_id);
    }
  if (strcmp (sub, "list") == 0)
    {
      if ((rc = dokus_cli_parse_and_open (&list, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      if (list_opts[1].seen)
        {
          st = dokus_client_search (book, list_opts[1].value, 0, &json, &err);
          if (st == DOKUS_OK && !list_opts[0].seen)
            json = drop_archived (json);
        }
      else
        st = dokus_client_list (book, list_opts[0].seen, &json, &err);
      return dokus_cli_finish (&list, book, st, &err, json, print_clients);
    }
  if (strcmp (sub, "update") == 0)
    {
      char *input;
      if ((rc = dokus_cli_parse_and_open (&update, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      input = dokus_cli_read_file (update.args[2], &err);
      st = input ? dokus_client_update (book, update.args[1], input, &err) : err.code;
      free (input);
      return dokus_cli_finish (&update, book, st, &err,
                               st == DOKUS_OK ? id_json ("id", update.args[1]) : NULL, print_id);
    }
  if (strcmp (sub, "archive") == 0)
    {
      if ((rc = dokus_cli_parse_and_open (&archive, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      st = dokus_client_archive (book, archive.args[1], &err);
      return dokus_cli_finish (&archive, book, st, &err,
                     st == DOKUS_OK ? id_json ("id", archive.args[1]) : NULL, print_id);
    }
  return group_usage (sub, "client add|list|update|archive BOOK ... (--help for each)");
}

/* ---- invoice ------------------------------------------------------------------ */

static void
print_issued (const cJSON *o)
{
  printf ("Issued %s.\n", dokus_cli_str (o, "number"));
}

static void
print_document (const cJSON *o)
{
  const cJSON *l, *v, *t = cJSON_GetObjectItem (o, "totals");
  const cJSON *ref = cJSON_GetObjectItem (o, "billing_reference");

  printf ("%s %s  (%s%s)\n", strcmp (dokus_cli_str (o, "type"), "invoice") == 0 ? "Invoice" : "Credit note",
          cJSON_IsString (cJSON_GetObjectItem (o, "number")) ? dokus_cli_str (o, "number") : "(draft)",
          dokus_cli_str (o, "status"), cJSON_IsTrue (cJSON_GetObjectItem (o, "overdue")) ? ", overdue" : "");
  printf ("Client:   %s\n", dokus_cli_str (cJSON_GetObjectItem (o, "client"), "name"));
  printf ("Issued:   %s   Due: %s\n", dokus_cli_str (o, "issue_date"), dokus_cli_str (o, "due_date"));
  if (cJSON_IsObject (ref))
    printf ("Credits:  %s of %s\n", dokus_cli_str (ref, "number"), dokus_cli_str (ref, "issue_date"));
  printf ("\n");
  cJSON_ArrayForEach (l, cJSON_GetObjectItem (o, "lines"))
    printf ("  %-40.40s %9s %-3s x %10s  %2s %3s%%  %12s\n", dokus_cli_str (l, "description"),
            dokus_cli_str (l, "quantity"), dokus_cli_str (l, "unit"), dokus_cli_str (l, "unit_price"), dokus_cli_str (l, "vat_category"),
            dokus_cli_str (l, "vat_rate"), dokus_cli_str (l, "line_extension_amount"));
  printf ("\n");
  cJSON_ArrayForEach (v, cJSON_GetObjectItem (o, "vat_breakdown"))
    printf ("  VAT %-2s %5s%%  on %12s  = %12s\n", dokus_cli_str (v, "category"), dokus_cli_str (v, "rate"),
            dokus_cli_str (v, "taxable_amount"), dokus_cli_str (v, "tax_amount"));
  printf ("  Total excl. VAT %30s\n  VAT %42s\n  Total %40s\n  Open %41s\n",
          dokus_cli_str (t, "tax_exclusive_amount"), dokus_cli_str (t, "tax_amount"), dokus_cli_str (t, "tax_inclusive_amount"),
          dokus_cli_str (o, "open_amount"));
  if (cJSON_IsString (cJSON_GetObjectItem (o, "structured_communication")))
    printf ("  Communication: %s\n", dokus_cli_str (o, "structured_communication"));
  cJSON_ArrayForEach (v, cJSON_GetObjectItem (o, "mentions"))
    printf ("  %s\n", v->valuestring);
}

static void
print_documents (const cJSON *o)
{
  const cJSON *d;
  cJSON_ArrayForEach (d, cJSON_GetObjectItem (o, "invoices"))
    printf ("%-16s %-11s %-14s%s %-10s %-30.30s %12s %12s\n",
            cJSON_IsString (cJSON_GetObjectItem (d, "number")) ? dokus_cli_str (d, "number") : "(draft)",
            dokus_cli_str (d, "type"), dokus_cli_str (d, "status"),
            cJSON_IsTrue (cJSON_GetObjectItem (d, "overdue")) ? "!" : " ", dokus_cli_str (d, "issue_date"),
            dokus_cli_str (cJSON_GetObjectItem (d, "client"), "name"), dokus_cli_str (d, "tax_inclusive_amount"),
            dokus_cli_str (d, "open_amount"));
}

/* A page of the list: the rows, then where they are in the whole. */
static void
print_document_page (const cJSON *o)
{
  const cJSON *total = cJSON_GetObjectItem (o, "total");
  int shown = cJSON_GetArraySize (cJSON_GetObjectItem (o, "invoices"));

  print_documents (o);
  if (cJSON_IsNumber (total) && (double) shown < total->valuedouble)
    printf ("(%d of %.0f documents)\n", shown, total->valuedouble);
}

/* @text as a count for @option: a whole number from 0. */
static DokusStatus
parse_count (const char *text, const char *option, int64_t *out, DokusError *err)
{
  char *end = NULL;
  long long n;

  if (text == NULL)
    return DOKUS_OK;
  n = strtoll (text, &end, 10);
  if (end == text || *end != '\0' || n < 0 || text[0] == '-' || text[0] == '+')
    return dokus_error_set (err, DOKUS_ERR_INVALID, option + 2,
                            "%s takes a whole number from 0, not '%s'", option, text);
  *out = n;
  return DOKUS_OK;
}

static void
print_exported (const cJSON *o)
{
  printf ("Wrote %s (SHA-256 %s).\n", dokus_cli_str (o, "file"), dokus_cli_str (o, "sha256"));
}

/* invoice export-ubl: the UBL on stdout, or in @file; with --json,
 * {"file", "sha256"} ({"file": null, "sha256", "xml"} without a file). */
static int
export_ubl_run (DokusCliCommand *cmd, DokusBook *book, const char *file)
{
  DokusError err = { 0 };
  char *xml = NULL, *json = NULL, hex[crypto_hash_sha256_BYTES * 2 + 1];
  unsigned char hash[crypto_hash_sha256_BYTES];
  size_t len = 0;
  DokusStatus st = dokus_ubl_export (book, cmd->args[1], &xml, &len, &err);

  if (st == DOKUS_OK && file == NULL && !cmd->json)
    {
      bool ok = fwrite (xml, 1, len, stdout) == len && fflush (stdout) == 0;
      free (xml);
      if (ok)
        {
          dokus_book_close (book);
          return 0;
        }
      st = dokus_error_set (&err, DOKUS_ERR_IO, NULL, "writing to standard output failed");
      return dokus_cli_finish (cmd, book, st, &err, NULL, NULL);
    }
  if (st == DOKUS_OK && file != NULL)
    {
      FILE *f = fopen (file, "wb");
      bool ok = f != NULL && fwrite (xml, 1, len, f) == len;
      if (f != NULL && fclose (f) != 0)
        ok = false;
      if (!ok)
        st = dokus_error_set (&err, DOKUS_ERR_IO, "file", "cannot write %s", file);
    }
  if (st == DOKUS_OK)
    {
      cJSON *o = cJSON_CreateObject ();
      crypto_hash_sha256 (hash, (const unsigned char *) xml, len);
      sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
      if (file != NULL)
        cJSON_AddStringToObject (o, "file", file);
      else
        {
          cJSON_AddNullToObject (o, "file");
          cJSON_AddStringToObject (o, "xml", xml);
        }
      cJSON_AddStringToObject (o, "sha256", hex);
      json = cJSON_PrintUnformatted (o);
      cJSON_Delete (o);
    }
  free (xml);
  return dokus_cli_finish (cmd, book, st, &err, json, print_exported);
}

static int
cmd_invoice (int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : "";
  enum { STATUS, FROM, TO, SEARCH, CLIENT, SORT, DESC, ASC, LIMIT, OFFSET };
  DokusCliOption list_opts[] = { { "--status", true, NULL, false },
                                 { "--from", true, NULL, false },
                                 { "--to", true, NULL, false },
                                 { "--search", true, NULL, false },
                                 { "--client", true, NULL, false },
                                 { "--sort", true, NULL, false },
                                 { "--desc", false, NULL, false },
                                 { "--asc", false, NULL, false },
                                 { "--limit", true, NULL, false },
                                 { "--offset", true, NULL, false },
                                 { NULL, false, NULL, false } };
  DokusCliCommand create = { .usage = "invoice create BOOK INVOICE.json [--json]",
                             .help = "Creates a draft invoice (docs/formats.md, \"invoice\"); "
                                     "prints its id.",
                             .min_args = 2, .max_args = 2 };
  DokusCliCommand update = { .usage = "invoice update BOOK ID INVOICE.json [--json]",
                             .help = "Replaces the content of a draft invoice with INVOICE.json "
                                     "(every field, as for\ninvoice create). Issued documents "
                                     "are never edited: credit them.",
                             .min_args = 3, .max_args = 3 };
  DokusCliCommand del = { .usage = "invoice delete BOOK ID [--json]",
                          .help = "Deletes a draft invoice or credit note (drafts have no "
                                  "number). Issued\ndocuments are kept and corrected by "
                                  "credit notes.",
                          .min_args = 2, .max_args = 2 };
  DokusCliCommand issue = { .usage = "invoice issue BOOK ID [--json]",
                            .help = "Issues a draft invoice or credit note: assigns its number "
                                    "and freezes it.",
                            .min_args = 2, .max_args = 2 };
  DokusCliCommand show = { .usage = "invoice show BOOK ID|NUMBER [--json]",
                           .help = "Shows a document with its totals, VAT breakdown and balance.",
                           .min_args = 2, .max_args = 2 };
  DokusCliCommand list = { .usage = "invoice list BOOK [--status S] [--from DATE] [--to DATE] "
                                    "[--search TEXT] [--client CLIENT_ID] [--sort KEY] "
                                    "[--desc|--asc] [--limit N] [--offset N] [--json]",
                           .help = "Lists invoices and credit notes, newest first. S: draft, "
                                   "issued, sent,\npartially_paid, paid, credited or overdue. "
                                   "--search: every word of TEXT (as a prefix)\nin the number, "
                                   "references, note, lines or client. KEY: issue_date, number,"
                                   "\nclient, total or due_date, ascending unless --desc "
                                   "(without --sort: newest\nfirst unless --asc). --limit N rows "
                                   "from --offset N; with any of these, --json\nalso gives the "
                                   "\"total\" that match.",
                           .min_args = 1, .max_args = 1, .options = list_opts };
  DokusCliCommand credit = { .usage = "invoice credit BOOK NUMBER [CREDIT.json] [--json]",
                             .help = "Drafts a credit note on an issued invoice: whole, or the "
                                     "lines of CREDIT.json.",
                             .min_args = 2, .max_args = 3 };
  DokusCliOption export_opts[] = { { "-o", true, NULL, false }, { NULL, false, NULL, false } };
  DokusCliCommand export_ubl = { .usage = "invoice export-ubl BOOK NUMBER [-o FILE] [--json]",
                                 .help = "Writes an issued invoice or credit note as Peppol BIS "
                                         "Billing 3.0 UBL,\non standard output or in FILE. "
                                         "--json (with -o) prints the file and its SHA-256.",
                                 .min_args = 2, .max_args = 2, .options = export_opts };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *json = NULL;
  DokusStatus st;
  int rc;

  if (strcmp (sub, "export-pdf") == 0)
    return dokus_cli_invoice_export_pdf (argc - 2, argv + 2);
  if (strcmp (sub, "export-ubl") == 0)
    {
      if ((rc = dokus_cli_parse_and_open (&export_ubl, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      return export_ubl_run (&export_ubl, book, export_opts[0].value);
    }
  if (strcmp (sub, "create") == 0)
    {
      char id[DOKUS_ID_TEXT], *input;
      if ((rc = dokus_cli_parse_and_open (&create, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      input = dokus_cli_read_file (create.args[1], &err);
      st = input ? dokus_invoice_create (book, input, id, &err) : err.code;
      free (input);
      return dokus_cli_finish (&create, book, st, &err, st == DOKUS_OK ? id_json ("id", id) : NULL,
                     print_id);
    }
  if (strcmp (sub, "update") == 0)
    {
      char *input;
      if ((rc = dokus_cli_parse_and_open (&update, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      input = dokus_cli_read_file (update.args[2], &err);
      st = input ? dokus_invoice_update (book, update.args[1], input, &err) : err.code;
      free (input);
      return dokus_cli_finish (&update, book, st, &err,
                               st == DOKUS_OK ? id_json ("id", update.args[1]) : NULL, print_id);
    }
  if (strcmp (sub, "delete") == 0)
    {
      if ((rc = dokus_cli_parse_and_open (&del, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      st = dokus_document_delete_draft (book, del.args[1], &err);
      return dokus_cli_finish (&del, book, st, &err,
                               st == DOKUS_OK ? id_json ("id", del.args[1]) : NULL, print_id);
    }
  if (strcmp (sub, "issue") == 0)
    {
      DokusIssueResult res;
      if ((rc = dokus_cli_parse_and_open (&issue, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      st = dokus_document_issue (book, issue.args[1], &res, &err);
      if (st == DOKUS_OK)
        {
          cJSON *o;
          char *shown = NULL;
          if (res.franchise_warning)
            {
              char a[DOKUS_MONEY_TEXT];
              fprintf (stderr,
                       "dokus-cli: warning: this year's turnover is %s, past 80 %% of the EUR "
                       "25 000 limit of the franchise scheme (art. 56bis WBTW)\n",
                       dokus_cents_format (res.franchise_turnover, a));
            }
          st = dokus_document_show (book, res.number, &shown, &err);
          o = shown ? cJSON_Parse (shown) : NULL;
          if (o != NULL)
            {
              cJSON *out = cJSON_CreateObject ();
              static const char *const keys[] = { "id", "type", "number", "status", "issue_date",
                                                  "due_date", "structured_communication" };
              for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
                cJSON_AddItemToObject (out, keys[i],
                                       cJSON_Duplicate (cJSON_GetObjectItem (o, keys[i]), 1));
              cJSON_AddItemToObject (out, "tax_inclusive_amount",
                                     cJSON_Duplicate (cJSON_GetObjectItem (
                                                        cJSON_GetObjectItem (o, "totals"),
                                                        "tax_inclusive_amount"),
                                                      1));
              cJSON_AddBoolToObject (out, "franchise_warning", res.franchise_warning);
              json = cJSON_PrintUnformatted (out);
              cJSON_Delete (out);
            }
          cJSON_Delete (o);
          free (shown);
        }
      return dokus_cli_finish (&issue, book, st, &err, json, print_issued);
    }
  if (strcmp (sub, "show") == 0)
    {
      if ((rc = dokus_cli_parse_and_open (&show, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      st = dokus_document_show (book, show.args[1], &json, &err);
      return dokus_cli_finish (&show, book, st, &err, json, print_document);
    }
  if (strcmp (sub, "list") == 0)
    {
      if ((rc = dokus_cli_parse_and_open (&list, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      bool paged = false;
      for (int o = SEARCH; o <= OFFSET; o++)
        paged = paged || list_opts[o].seen;
      if (!paged)
        {
          st = dokus_document_list (book, list_opts[STATUS].value, list_opts[FROM].value,
                                    list_opts[TO].value, &json, &err);
          return dokus_cli_finish (&list, book, st, &err, json, print_documents);
        }
      {
        DokusDocumentQuery q = { .status = list_opts[STATUS].value,
                                 .from = list_opts[FROM].value,
                                 .to = list_opts[TO].value,
                                 .search = list_opts[SEARCH].value,
                                 .client_id = list_opts[CLIENT].value,
                                 .sort = list_opts[SORT].value,
                                 /* newest first unless a sort is asked for */
                                 .descending = list_opts[SORT].seen ? list_opts[DESC].seen
                                                                    : !list_opts[ASC].seen };
        st = DOKUS_OK;
        if (list_opts[DESC].seen && list_opts[ASC].seen)
          st = dokus_error_set (&err, DOKUS_ERR_INVALID, "sort", "--desc or --asc, not both");
        if (st == DOKUS_OK)
          st = parse_count (list_opts[LIMIT].value, "--limit", &q.limit, &err);
        if (st == DOKUS_OK)
          st = parse_count (list_opts[OFFSET].value, "--offset", &q.offset, &err);
        if (st == DOKUS_OK)
          st = dokus_document_query (book, &q, &json, &err);
        return dokus_cli_finish (&list, book, st, &err, json, print_document_page);
      }
    }
  if (strcmp (sub, "credit") == 0)
    {
      char id[DOKUS_ID_TEXT], *input = NULL;
      if ((rc = dokus_cli_parse_and_open (&credit, argc - 2, argv + 2, &book)) >= 0)
        return rc;
      if (credit.n_args > 2)
        {
          input = dokus_cli_read_file (credit.args[2], &err);
          if (input == NULL)
            return dokus_cli_finish (&credit, book, err.code, &err, NULL, NULL);
        }
      st = dokus_invoice_credit (book, credit.args[1], input, id, &err);
      free (input);
      return dokus_cli_finish (&credit, book, st, &err, st == DOKUS_OK ? id_json ("id", id) : NULL,
                     print_id);
    }
  return group_usage (sub, "invoice create|update|delete|issue|show|list|credit|export-ubl|export-pdf BOOK ... (--help for each)");
}

/* ---- payment ------------------------------------------------------------------ */

static void
print_payment (const cJSON *o)
{
  printf ("Recorded. %s is %s; open: %s\n", dokus_cli_str (o, "document"), dokus_cli_str (o, "status"),
          dokus_cli_str (o, "open_amount"));
}

static int
cmd_payment (int argc, char **argv)
{
  DokusCliOption opts[] = { { "--amount", true, NULL, false },
                            { "--date", true, NULL, false },
                            { "--reference", true, NULL, false },
                            { NULL, false, NULL, false } };
  DokusCliCommand add = { .usage = "payment add BOOK NUMBER --amount 100.00 --date YYYY-MM-DD "
                                   "[--reference R] [--json]",
                          .help = "Records a payment received on an invoice (or a refund paid "
                                  "on a credit note).",
                          .min_args = 2, .max_args = 2, .options = opts };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *json = NULL;
  DokusStatus st;
  int rc;

  if (argc < 2 || strcmp (argv[1], "add") != 0)
    return group_usage (argc < 2 ? "" : argv[1], add.usage);
  if ((rc = dokus_cli_parse_and_open (&add, argc - 2, argv + 2, &book)) >= 0)
    return rc;
  st = dokus_payment_add (book, add.args[1], opts[0].value, opts[1].value, opts[2].value, &json,
                          &err);
  return dokus_cli_finish (&add, book, st, &err, json, print_payment);
}

/* ---- audit ------------------------------------------------------------------ */

static void
print_audit (const cJSON *o)
{
  printf ("The audit trail is intact: %d entries from %d device(s).\n",
          cJSON_GetObjectItem (o, "entries")->valueint,
          cJSON_GetObjectItem (o, "devices")->valueint);
}

static int
cmd_audit (int argc, char **argv)
{
  DokusCliCommand verify = { .usage = "audit verify BOOK [--json]",
                             .help = "Checks every device's hash chain and signatures in the "
                                     "audit trail, and that\nevery payment and credit note is "
                                     "linked to its document;\nnames the first broken entry or "
                                     "link.",
                             .min_args = 1, .max_args = 1 };
  DokusAuditReport report = { 0 };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DokusStatus st;
  cJSON *o;
  char *json;
  int rc;

  if (argc < 2 || strcmp (argv[1], "verify") != 0)
    return group_usage (argc < 2 ? "" : argv[1], verify.usage);
  if ((rc = dokus_cli_parse_and_open (&verify, argc - 2, argv + 2, &book)) >= 0)
    return rc;
  st = dokus_audit_verify (book, &report, &err);
  o = cJSON_CreateObject ();
  cJSON_AddBoolToObject (o, "valid", st == DOKUS_OK);
  cJSON_AddNumberToObject (o, "entries", (double) report.entries);
  cJSON_AddNumberToObject (o, "devices", (double) report.devices);
  if (st != DOKUS_OK)
    {
      cJSON_AddNumberToObject (o, "first_bad_seq", (double) report.first_bad_seq);
      cJSON_AddStringToObject (o, "problem", report.problem[0] ? report.problem : err.message);
    }
  json = cJSON_PrintUnformatted (o);
  cJSON_Delete (o);
  if (st != DOKUS_OK)
    {
      dokus_cli_fail (&err);
      if (verify.json)
        puts (json);
      free (json);
      dokus_book_close (book);
      return 1;
    }
  return dokus_cli_finish (&verify, book, st, &err, json, print_audit);
}

/* ---- passwd ------------------------------------------------------------------ */

static int
cmd_passwd (int argc, char **argv)
{
  DokusCliOption opts[] = { { "--new-passphrase-file", true, NULL, false },
                            { NULL, false, NULL, false } };
  DokusCliCommand cmd = { .usage = "passwd BOOK [--new-passphrase-file FILE] [--json]",
                          .help = "Changes the book's passphrase (the current one as usual; the "
                                  "new one from\n--new-passphrase-file, DOKUS_NEW_PASSPHRASE or "
                                  "the terminal). No page is rewritten.",
                          .min_args = 1, .max_args = 1, .options = opts };
  char old[DOKUS_CLI_SECRET_MAX], new_pass[DOKUS_CLI_SECRET_MAX];
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DokusStatus st;
  int rc = dokus_cli_parse (&cmd, argc, argv);

  if (rc >= 0)
    return rc;
  st = dokus_cli_passphrase (&cmd, false, old, &err);
  if (st == DOKUS_OK)
    st = dokus_book_open (cmd.args[0], old, &book, &err);
  if (st == DOKUS_OK)
    {
      DokusCliCommand second = { .passphrase_file = opts[0].value };
      const char *env = getenv ("DOKUS_NEW_PASSPHRASE");
      if (opts[0].seen || env == NULL)
        st = second.passphrase_file ? dokus_cli_passphrase (&second, false, new_pass, &err)
                                    : dokus_platform_read_secret ("New passphrase: ", new_pass,
                                                                  sizeof new_pass, &err);
      else if (strlen (env) < sizeof new_pass)
        strcpy (new_pass, env);
      else
        st = dokus_error_set (&err, DOKUS_ERR_INVALID, "passphrase", "too long");
    }
  if (st == DOKUS_OK)
    st = dokus_book_change_passphrase (book, old, new_pass, &err);
  sodium_memzero (old, sizeof old);
  sodium_memzero (new_pass, sizeof new_pass);
  return dokus_cli_finish (&cmd, book, st, &err,
                 st == DOKUS_OK ? id_json ("book", cmd.args[0]) : NULL, NULL);
}

int
dokus_cli_ledger (int argc, char **argv)
{
  const char *group = argv[0];

  if (strcmp (group, "init") == 0)
    return cmd_init (argc - 1, argv + 1);
  if (strcmp (group, "client") == 0)
    return cmd_client (argc, argv);
  if (strcmp (group, "invoice") == 0)
    return cmd_invoice (argc, argv);
  if (strcmp (group, "payment") == 0)
    return cmd_payment (argc, argv);
  if (strcmp (group, "audit") == 0)
    return cmd_audit (argc, argv);
  if (strcmp (group, "passwd") == 0)
    return cmd_passwd (argc - 1, argv + 1);
  return -1;
}

/* dokus-cli.c
 *
 * dokus-cli: the Dokus engine for scripts, tests and terminals. Dispatches
 * to one file per command group.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-cli.h"

static const char usage[] =
  "usage: dokus-cli COMMAND ...   (COMMAND --help for details)\n"
  "\n"
  "  init BOOK --profile PROFILE.json   create a book for a company profile\n"
  "  profile show|set|logo BOOK ...   the company profile and its logo\n"
  "  client add|list|update|archive BOOK ...\n"
  "  invoice create|update|delete|issue|show|list|credit|export-ubl|export-pdf BOOK ...\n"
  "  payment add BOOK NUMBER --amount A --date D\n"
  "  expense add|list|show|receipt BOOK ...   purchases and their receipts\n"
  "  comment add|list|resolve BOOK ...   an accountant's comments on documents\n"
  "  ubl validate FILE...      check Peppol BIS Billing 3.0 documents\n"
  "  ubl import BOOK FILE      a supplier's UBL invoice as an expense\n"
  "  ubl show FILE             a Peppol invoice or credit note, readable, not imported\n"
  "  peppol send|status|fetch BOOK ...   send through a Peppol access point, take in invoices\n"
  "  sync BOOK --relay URL     push and pull the book's changes through a dokus-relay\n"
  "  device list BOOK          the devices a synced book accepts changes from\n"
  "  device pair BOOK --relay URL    show a code that pairs a new device or accountant\n"
  "  device join NEWBOOK --relay URL --code CODE    join a book on a new device\n"
  "  device revoke BOOK DEVICE_ID --relay URL       revoke a device, rotate the key\n"
  "  device series BOOK LETTERS --relay URL  this device's own series (2026-B-0001)\n"
  "  audit verify BOOK\n"
  "  report vat|clients|ic BOOK ...   VAT return, client listing, intra-Community listing\n"
  "  pnl BOOK [--year YYYY]    profit and loss of a year\n"
  "  receivables BOOK          open invoices by days past due\n"
  "  dashboard BOOK            revenue, outstanding, VAT estimate, next VAT return\n"
  "  export BOOK DIR           everything, for an accountant: JSON, CSV journals, receipts\n"
  "  passwd BOOK                 change the passphrase\n"
  "  book create BOOK          create a new book; prints its recovery key once\n"
  "  book info BOOK            show what the book is (format, cipher, schema)\n"
  "  book passwd BOOK          change the passphrase\n"
  "  book recover BOOK         set a new passphrase with the recovery key\n"
  "  book backup BOOK DEST     copy the open book to a new, still sealed file\n"
  "  demo [BOOK]               create (passphrase \"demo\") or open a demo book\n"
  "\n"
  "Passphrases are read from the terminal, or from DOKUS_PASSPHRASE,\n"
  "DOKUS_NEW_PASSPHRASE and DOKUS_RECOVERY_KEY when set (for scripts).\n";

int
dokus_cli_fail (const DokusError *err)
{
  if (err->field[0])
    fprintf (stderr, "dokus-cli: %s (%s)\n", err->message, err->field);
  else
    fprintf (stderr, "dokus-cli: %s\n", err->message);
  return 1;
}

DokusStatus
dokus_cli_read_secret (const char *env_name, const char *prompt, char *buf, DokusError *err)
{
  const char *env = getenv (env_name);

  if (env != NULL)
    {
      if (strlen (env) >= DOKUS_CLI_SECRET_MAX)
        return dokus_error_set (err, DOKUS_ERR_INVALID, env_name, "%s is too long", env_name);
      strcpy (buf, env);
      return DOKUS_OK;
    }
  return dokus_platform_read_secret (prompt, buf, DOKUS_CLI_SECRET_MAX, err);
}

int
main (int argc, char **argv)
{
  if (sodium_init () < 0)
    {
      fprintf (stderr, "dokus-cli: libsodium cannot start\n");
      return 1;
    }
  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      fputs (usage, argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }
  if (strcmp (argv[1], "book") == 0)
    return dokus_cli_book (argc - 1, argv + 1);
  if (strcmp (argv[1], "demo") == 0)
    return dokus_cli_demo (argc - 1, argv + 1);
  /* report pnl|receivables|dashboard are the same as the plain commands */
  if (strcmp (argv[1], "report") == 0 && argc > 2
      && (strcmp (argv[2], "pnl") == 0 || strcmp (argv[2], "receivables") == 0
          || strcmp (argv[2], "dashboard") == 0))
    return dokus_cli_books (argc - 2, argv + 2);
  if (strcmp (argv[1], "report") == 0)
    return dokus_cli_vat_reports (argc - 1, argv + 1);
  if (strcmp (argv[1], "profile") == 0)
    return dokus_cli_profile (argc - 1, argv + 1);
  if (strcmp (argv[1], "peppol") == 0)
    return dokus_cli_peppol (argc - 1, argv + 1);
  if (strcmp (argv[1], "ubl") == 0)
    return dokus_cli_ubl (argc - 1, argv + 1);
  if (strcmp (argv[1], "sync") == 0)
    return dokus_cli_sync (argc - 1, argv + 1);
  if (strcmp (argv[1], "device") == 0)
    return dokus_cli_device (argc - 1, argv + 1);
  if (strcmp (argv[1], "expense") == 0)
    return dokus_cli_expense (argc - 1, argv + 1);
  if (strcmp (argv[1], "comment") == 0)
    return dokus_cli_comment (argc - 1, argv + 1);
  {
    int rc = dokus_cli_ledger (argc - 1, argv + 1);
    if (rc >= 0)
      return rc;
  }
  {
    int rc = dokus_cli_books (argc - 1, argv + 1);
    if (rc >= 0)
      return rc;
  }
  fprintf (stderr, "dokus-cli: unknown command '%s'\n\n%s", argv[1], usage);
  return 2;
}

/* dokus-cli-pdf.c
 *
 * dokus-cli invoice export-pdf BOOK NUMBER [-o FILE] [--language L] [--json]:
 * an issued invoice or credit note as a PDF (dokus_pdf_export), in FILE
 * or on standard output when that is not a terminal. With --json, prints
 * {"file", "sha256", "pages"}.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include <sodium.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"

static void
print_written (const cJSON *o)
{
  const cJSON *pages = cJSON_GetObjectItemCaseSensitive (o, "pages");
  printf ("Wrote %s (%d page%s, SHA-256 %s).\n", dokus_cli_str (o, "file"),
          cJSON_IsNumber (pages) ? pages->valueint : 0,
          cJSON_IsNumber (pages) && pages->valueint == 1 ? "" : "s", dokus_cli_str (o, "sha256"));
}

static bool
write_file (const char *file, const unsigned char *data, size_t len)
{
  FILE *f = fopen (file, "wb");
  bool ok = f != NULL && fwrite (data, 1, len, f) == len;
  if (f != NULL && fclose (f) != 0)
    ok = false;
  return ok;
}

int
dokus_cli_invoice_export_pdf (int argc, char **argv)
{
  DokusCliOption opts[] = { { "-o", true, NULL, false },
                            { "--language", true, NULL, false },
                            { NULL, false, NULL, false } };
  DokusCliCommand cmd = { .usage = "invoice export-pdf BOOK NUMBER [-o FILE] [--language nl|fr|de|en] "
                                   "[--json]",
                          .help = "Writes an issued invoice or credit note as a PDF, in FILE or on\n"
                                  "standard output (not on a terminal). The language is the "
                                  "client's\nunless --language says otherwise. --json (with -o) "
                                  "prints the file,\nits SHA-256 and its number of pages.",
                          .min_args = 2, .max_args = 2, .options = opts };
  const char *file, *language;
  DokusBook *book = NULL;
  DokusError err = { 0 };
  unsigned char *pdf = NULL, hash[crypto_hash_sha256_BYTES];
  char *json = NULL, hex[crypto_hash_sha256_BYTES * 2 + 1];
  size_t len = 0;
  int pages = 0, rc;
  DokusStatus st;

  if ((rc = dokus_cli_parse (&cmd, argc, argv)) >= 0)
    return rc;
  file = opts[0].value;
  language = opts[1].value;
  if (file == NULL && (cmd.json || dokus_platform_stdout_is_terminal ()))
    {
      dokus_error_set (&err, DOKUS_ERR_INVALID, "file",
                       cmd.json ? "--json needs -o FILE: the PDF cannot share standard output"
                                : "standard output is a terminal: give -o FILE, or redirect it");
      return dokus_cli_report (&cmd, &err);
    }
  if ((rc = dokus_cli_open_book (&cmd, cmd.args[0], &book)) != 0)
    return rc;
  st = dokus_pdf_export_with_pages (book, cmd.args[1], language, &pdf, &len, &pages, &err);
  if (st == DOKUS_OK && file == NULL)
    {
      bool ok = dokus_platform_stdout_binary () && fwrite (pdf, 1, len, stdout) == len
                && fflush (stdout) == 0;
      free (pdf);
      if (ok)
        {
          dokus_book_close (book);
          return 0;
        }
      st = dokus_error_set (&err, DOKUS_ERR_IO, NULL, "writing to standard output failed");
      return dokus_cli_finish (&cmd, book, st, &err, NULL, NULL);
    }
  if (st == DOKUS_OK && !write_file (file, pdf, len))
    st = dokus_error_set (&err, DOKUS_ERR_IO, "file", "cannot write %s", file);
  if (st == DOKUS_OK)
    {
      cJSON *o = cJSON_CreateObject ();
      crypto_hash_sha256 (hash, pdf, len);
      sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
      cJSON_AddStringToObject (o, "file", file);
      cJSON_AddStringToObject (o, "sha256", hex);
      cJSON_AddNumberToObject (o, "pages", pages);
      json = cJSON_PrintUnformatted (o);
      cJSON_Delete (o);
    }
  free (pdf);
  return dokus_cli_finish (&cmd, book, st, &err, json, print_written);
}

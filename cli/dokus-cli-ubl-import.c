/* dokus-cli-ubl-import.c
 *
 * dokus-cli ubl import BOOK FILE [--json]: records a received Peppol
 * invoice or credit note as a purchase, with the original XML and its
 * attachments kept as receipts (dokus_ubl_import in dokus-ubl-read.h).
 * A bad file exits 1 with the message; the book is left unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-cli-args.h"
#include "dokus-cli.h"

/* The whole file at @path, binary and exact (the original is kept byte for
 * byte), at most one byte more than the reader accepts so that it reports
 * the size. (transfer full) free() it. */
static char *
read_document (const char *path, size_t *len, DokusError *err)
{
  FILE *f = strcmp (path, "-") == 0 ? stdin : fopen (path, "rb");
  size_t cap = 65536;
  char *buf;

  *len = 0;
  if (f == NULL)
    {
      dokus_error_set (err, DOKUS_ERR_IO, "file", "cannot read %s", path);
      return NULL;
    }
  buf = malloc (cap);
  while (buf != NULL)
    {
      size_t n = fread (buf + *len, 1, cap - *len, f);
      *len += n;
      if (n == 0 || *len > DOKUS_UBL_MAX_BYTES)
        break;
      if (*len == cap)
        {
          char *grown = realloc (buf, cap * 2);
          if (grown == NULL)
            free (buf);
          buf = grown;
          cap *= 2;
        }
    }
  if (buf == NULL)
    dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  else if (ferror (f))
    {
      dokus_error_set (err, DOKUS_ERR_IO, "file", "cannot read %s", path);
      free (buf);
      buf = NULL;
    }
  if (f != stdin)
    fclose (f);
  return buf;
}

static void
print_imported (const cJSON *o)
{
  const cJSON *v = cJSON_GetObjectItem (o, "validation"), *f;

  printf ("Recorded %s %s from %s as purchase %s (%s, %d receipt%s).\n",
          cJSON_IsTrue (cJSON_GetObjectItem (o, "credit_note")) ? "credit note" : "invoice",
          dokus_cli_str (o, "number"), dokus_cli_str (o, "supplier"), dokus_cli_str (o, "id"),
          dokus_cli_str (o, "vat_treatment"),
          (int) cJSON_GetNumberValue (cJSON_GetObjectItem (o, "receipts")),
          cJSON_GetNumberValue (cJSON_GetObjectItem (o, "receipts")) == 1 ? "" : "s");
  cJSON_ArrayForEach (f, cJSON_GetObjectItem (o, "skipped_attachments"))
    printf ("Attachment not kept: %s\n", cJSON_IsString (f) ? f->valuestring : "");
  if (!cJSON_IsTrue (cJSON_GetObjectItem (v, "available")))
    printf ("Not validated: this build has no Peppol validator.\n");
  else if (cJSON_IsTrue (cJSON_GetObjectItem (v, "valid")))
    printf ("Valid Peppol BIS Billing 3.0 (%s).\n", dokus_cli_str (v, "release"));
  else
    {
      printf ("Warning: the document breaks Peppol rules (kept as received):\n");
      if (dokus_cli_str (v, "error")[0])
        printf ("  %s\n", dokus_cli_str (v, "error"));
      cJSON_ArrayForEach (f, cJSON_GetObjectItem (v, "fatal"))
        printf ("  [%s] %s\n", dokus_cli_str (f, "rule"), dokus_cli_str (f, "message"));
    }
}

int
dokus_cli_ubl_import (int argc, char **argv)
{
  DokusCliCommand cmd = { .usage = "ubl import BOOK FILE [--json]",
                          .help = "Records a received Peppol BIS 3.0 invoice or credit note "
                                  "(UBL) as a purchase,\nkeeping the original XML and its "
                                  "attachments as receipts; refuses a document\nalready "
                                  "recorded (same supplier and number). Rule violations are "
                                  "reported, not refused.",
                          .min_args = 2, .max_args = 2 };
  DokusBook *book = NULL;
  DokusError err = { 0 };
  DokusStatus st;
  char id[DOKUS_ID_TEXT], *xml, *json = NULL;
  size_t len = 0;
  int rc = dokus_cli_parse_and_open (&cmd, argc - 1, argv + 1, &book);

  if (rc >= 0)
    return rc;
  xml = read_document (cmd.args[1], &len, &err);
  st = xml != NULL ? dokus_ubl_import (book, xml, len, id, &json, &err) : err.code;
  free (xml);
  return dokus_cli_finish (&cmd, book, st, &err, json, print_imported);
}

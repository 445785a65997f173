/* fuzz-ubl.c
 *
 * libFuzzer target for the UBL reader and, when it is built, the Peppol
 * validator: any bytes go through dokus_ubl_read() (and its JSON
 * rendering) and dokus_ubl_validate(). Besides the sanitizers' own
 * findings, it aborts when a contract breaks: a success must give a
 * document and JSON that parses; a failure must be DOKUS_ERR_INVALID (or
 * NOMEM) with a message and no document.
 *
 * Built by run-fuzz.sh with clang -fsanitize=fuzzer,address,undefined;
 * replay-ubl.c runs the same function over tests/fuzz/corpus in the
 * normal build (meson test --suite fuzz).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <dokus/dokus.h>
#ifdef DOKUS_HAVE_UBL_VALIDATE
#include <dokus/dokus-ubl-validate.h>
#endif

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
broken (const char *what, const DokusError *err)
{
  fprintf (stderr, "fuzz-ubl: contract broken: %s (%s)\n", what, err ? err->message : "");
  abort ();
}

static void
read_document (const uint8_t *data, size_t size)
{
  DokusPurchaseDoc *doc = NULL;
  DokusError err = { 0 };
  DokusStatus st = dokus_ubl_read ((const char *) data, size, &doc, &err);

  if (st == DOKUS_OK)
    {
      char *json = NULL;
      cJSON *parsed;
      if (doc == NULL)
        broken ("success without a document", &err);
      if (dokus_purchase_doc_to_json (doc, &json, &err) != DOKUS_OK)
        broken ("no JSON for a document read", &err);
      parsed = cJSON_Parse (json);
      if (parsed == NULL)
        broken ("the JSON rendering does not parse", NULL);
      for (size_t i = 0; i < dokus_purchase_doc_get_n_attachments (doc); i++)
        {
          const unsigned char *bytes;
          size_t len;
          dokus_purchase_doc_get_attachment (doc, i, NULL, NULL, &bytes, &len);
          if (bytes == NULL && len != 0)
            broken ("attachment length without bytes", NULL);
          if (len > size)
            broken ("an attachment larger than the document", NULL);
        }
      cJSON_Delete (parsed);
      free (json);
      dokus_purchase_doc_free (doc);
      return;
    }
  if (doc != NULL)
    broken ("a document left on error", &err);
  if ((st != DOKUS_ERR_INVALID && st != DOKUS_ERR_NOMEM) || err.message[0] == '\0')
    broken ("an error that is not a clear DOKUS_ERR_INVALID", &err);
}

static void
validate_document (const uint8_t *data, size_t size)
{
#ifdef DOKUS_HAVE_UBL_VALIDATE
  DokusUblReport *report = NULL;
  DokusError err = { 0 };
  DokusStatus st = dokus_ubl_validate ((const char *) data, size, &report, &err);

  if (st == DOKUS_OK)
    {
      char *json;
      cJSON *parsed;
      if (report == NULL)
        broken ("validation success without a report", &err);
      json = dokus_ubl_report_to_json (report, NULL);
      parsed = json ? cJSON_Parse (json) : NULL;
      if (parsed == NULL)
        broken ("no JSON report, or one that does not parse", NULL);
      cJSON_Delete (parsed);
      free (json);
      dokus_ubl_report_free (report);
    }
  else if (err.message[0] == '\0')
    broken ("a validation error without a message", &err);
#else
  (void) data;
  (void) size;
#endif
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  read_document (data, size);
  validate_document (data, size);
  return 0;
}

/* dokus-ap-import.c
 *
 * The one place where the access point client calls the UBL import of
 * libdokus (dokus-ubl-read.h): an incoming document becomes an expense,
 * its XML kept as the receipt. A document the ledger already holds (the
 * same supplier and number: imported by hand with `dokus-cli ubl import`,
 * or by a fetch that crashed before recording it) is not an error: it is
 * linked to that expense. A build whose libdokus has no import yet
 * (DOKUS_HAVE_UBL_IMPORT unset by sync/meson.build) reports that plainly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-ap-private.h"

#if defined(DOKUS_HAVE_UBL_IMPORT)
#include <dokus/dokus-ubl-read.h>

static const char *
str_at (const cJSON *o, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (o, key);
  return cJSON_IsString (v) ? v->valuestring : NULL;
}

static bool
same (const char *a, const char *b)
{
  return a != NULL && b != NULL && a[0] != '\0' && strcmp (a, b) == 0;
}

/* The expense recorded before for the document @xml: same number and date,
 * same supplier name or VAT number. DOKUS_ERR_NOT_FOUND when there is none. */
static DokusStatus
find_recorded (DokusBook *book, const char *xml, size_t len, char expense_id[DOKUS_ID_TEXT],
               DokusError *err)
{
  char *doc_json = NULL, *list_json = NULL;
  cJSON *doc = NULL, *list = NULL;
  const cJSON *e, *supplier;
  const char *number, *date;
  DokusStatus st = dokus_ubl_read_json (xml, len, &doc_json, err);

  if (st != DOKUS_OK)
    return st;
  doc = cJSON_Parse (doc_json);
  supplier = cJSON_GetObjectItemCaseSensitive (doc, "supplier");
  number = str_at (doc, "number");
  date = str_at (doc, "issue_date");
  st = DOKUS_ERR_NOT_FOUND;
  if (number != NULL && date != NULL
      && dokus_expense_list (book, date, date, &list_json, NULL) == DOKUS_OK
      && (list = cJSON_Parse (list_json)) != NULL)
    cJSON_ArrayForEach (e, cJSON_GetObjectItemCaseSensitive (list, "expenses"))
      {
        const cJSON *s = cJSON_GetObjectItemCaseSensitive (e, "supplier");
        if (same (str_at (e, "number"), number)
            && (same (str_at (s, "name"), str_at (supplier, "name"))
                || same (str_at (s, "vat_number"), str_at (supplier, "vat_id")))
            && str_at (e, "id") != NULL && strlen (str_at (e, "id")) < DOKUS_ID_TEXT)
          {
            strcpy (expense_id, str_at (e, "id"));
            st = DOKUS_OK;
            break;
          }
      }
  cJSON_Delete (list);
  cJSON_Delete (doc);
  free (list_json);
  free (doc_json);
  return st;
}
#endif

DokusStatus
dokus_ap_import_ubl (DokusBook *book, const char *xml, size_t len,
                     char expense_id[DOKUS_ID_TEXT], bool *existing, DokusError *err)
{
  *existing = false;
#if defined(DOKUS_HAVE_UBL_IMPORT)
  DokusStatus st = dokus_ubl_import (book, xml, len, expense_id, NULL, err);

  if (st == DOKUS_ERR_REFUSED && find_recorded (book, xml, len, expense_id, NULL) == DOKUS_OK)
    {
      dokus_error_clear (err);
      *existing = true;
      return DOKUS_OK;
    }
  return st;
#else
  (void) book;
  (void) xml;
  (void) len;
  expense_id[0] = '\0';
  return dokus_error_set (err, DOKUS_ERR_INTERNAL, NULL,
                          "this build of libdokus cannot import UBL documents yet");
#endif
}

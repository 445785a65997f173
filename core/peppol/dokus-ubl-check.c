/* dokus-ubl-check.c
 *
 * dokus_ubl_check(): "the same validator runs before every export and
 * every send: we never emit a document that fails". The UBL writer calls
 * it on every document it produces, before anything is stored or
 * audited, so the Peppol queue and the access point client, which take
 * their documents from the writer, are covered by the same call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "dokus-ubl-check-private.h"
#if defined(DOKUS_HAVE_UBL_VALIDATE)
#include "dokus/dokus-ubl-validate.h"
#endif

DokusStatus
dokus_ubl_check (const char *xml, size_t len, const char *number, DokusError *err)
{
#if defined(DOKUS_HAVE_UBL_VALIDATE)
  DokusUblReport *report = NULL;
  DokusStatus st = dokus_ubl_validate (xml, len, &report, err);

  if (st != DOKUS_OK)
    return st;
  if (!dokus_ubl_report_valid (report))
    {
      for (size_t i = 0; i < dokus_ubl_report_count (report); i++)
        if (strcmp (dokus_ubl_report_flag (report, i), "fatal") == 0)
          {
            st = dokus_error_set (err, DOKUS_ERR_REFUSED, "ubl",
                                  "%s fails Peppol validation: %s at %s: %s", number,
                                  dokus_ubl_report_rule (report, i),
                                  dokus_ubl_report_location (report, i),
                                  dokus_ubl_report_message (report, i));
            break;
          }
      /* more fatal findings than the report lists, none of them listed */
      if (st == DOKUS_OK)
        st = dokus_error_set (err, DOKUS_ERR_REFUSED, "ubl", "%s fails Peppol validation",
                              number);
    }
  dokus_ubl_report_free (report);
  return st;
#else
  /* the validator is not built in (core/peppol/validate missing) */
  (void) xml;
  (void) len;
  (void) number;
  (void) err;
  return DOKUS_OK;
#endif
}

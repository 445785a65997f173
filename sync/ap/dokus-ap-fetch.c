/* dokus-ap-fetch.c
 *
 * dokus_ap_fetch_incoming(): incoming documents from the access point
 * become expenses, exactly once. The access point's id of each document is
 * claimed in the book first (dokus_peppol_inbox_claim), so a second fetch,
 * by this process or another one on the same book, finds it imported (or
 * being imported) and adds nothing; the access point is acknowledged only
 * after the import committed, so a crash before that leaves the document
 * there for the next fetch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-ap-private.h"

typedef struct {
  DokusBook                *book;
  DokusApProvider          *ap;
  const DokusApSendOptions *options;
  DokusApFetchSummary      *summary;
} Run;

static void
report (const Run *run, const DokusApIncoming *in, const char *message)
{
  DokusApEvent ev = { .document_id = NULL, .number = in->id, .state = (DokusPeppolState) 0,
                      .message = message };
  if (run->options != NULL && run->options->progress != NULL)
    run->options->progress (&ev, run->options->progress_data);
}

typedef enum { CALL_LIST, CALL_FETCH, CALL_ACK } Call;

/* One provider call, retried while it fails transiently. */
static DokusStatus
call_with_retry (const Run *run, Call call, const char *arg, DokusApIncoming **rows, size_t *n,
                 char **ubl, size_t *len, DokusError *err)
{
  const DokusApRetryPolicy *policy = run->options ? run->options->retry : NULL;
  unsigned max_tries = dokus_ap_retry_attempts (policy);
  DokusStatus st = DOKUS_ERR_IO;

  for (unsigned try = 1; try <= max_tries; try++)
    {
      dokus_error_clear (err);
      switch (call)
        {
        case CALL_LIST: st = run->ap->list_incoming (run->ap, arg, rows, n, err); break;
        case CALL_FETCH: st = run->ap->fetch (run->ap, arg, ubl, len, err); break;
        case CALL_ACK: st = run->ap->ack (run->ap, arg, err); break;
        }
      if (st != DOKUS_ERR_IO)
        break;
      if (try < max_tries)
        dokus_ap_retry_wait (policy, try);
    }
  return st;
}

/* Acknowledges @in and records it. A failed acknowledgement is reported
 * and left for the next fetch, which finds the document imported. */
static DokusStatus
acknowledge (const Run *run, const DokusApIncoming *in, DokusError *err)
{
  DokusError ap_err = { 0 };

  if (call_with_retry (run, CALL_ACK, in->id, NULL, NULL, NULL, NULL, &ap_err) != DOKUS_OK)
    {
      report (run, in, ap_err.message);
      return DOKUS_OK;
    }
  return dokus_peppol_inbox_acked (run->book, in->id, dokus_ap_now (run->options), err);
}

static DokusStatus
take_one (const Run *run, const DokusApIncoming *in, DokusError *err)
{
  DokusPeppolInboxClaim what;
  char claim[DOKUS_PEPPOL_CLAIM_TEXT], expense_id[DOKUS_ID_TEXT], *ubl = NULL;
  size_t len = 0;
  bool existing = false;
  DokusError step_err = { 0 };
  DokusStatus st;

  st = dokus_peppol_inbox_claim (run->book, in->id, in->sender_id[0] ? in->sender_id : NULL,
                                 in->document_type_id[0] ? in->document_type_id : NULL,
                                 dokus_ap_now (run->options), &what, claim, expense_id, err);
  if (st != DOKUS_OK)
    return st;
  if (what == DOKUS_PEPPOL_INBOX_BUSY)
    {
      run->summary->busy++;
      report (run, in, "being imported by another process");
      return DOKUS_OK;
    }
  if (what == DOKUS_PEPPOL_INBOX_IMPORTED)
    {
      run->summary->duplicates++;
      return acknowledge (run, in, err);
    }
  st = call_with_retry (run, CALL_FETCH, in->id, NULL, NULL, &ubl, &len, &step_err);
  if (st == DOKUS_OK)
    st = dokus_ap_import_ubl (run->book, ubl, len, expense_id, &existing, &step_err);
  free (ubl);
  if (st != DOKUS_OK)
    {
      run->summary->failed++;
      report (run, in, step_err.message);
      return dokus_peppol_inbox_failed (run->book, in->id, claim, step_err.message,
                                        dokus_ap_now (run->options), err);
    }
  st = dokus_peppol_inbox_imported (run->book, in->id, claim, expense_id,
                                    dokus_ap_now (run->options), err);
  if (st != DOKUS_OK)
    return st;
  if (existing)
    {
      run->summary->duplicates++;
      report (run, in, "recorded before: linked to that expense");
    }
  else
    {
      run->summary->imported++;
      report (run, in, NULL);
    }
  return acknowledge (run, in, err);
}

DokusStatus
dokus_ap_fetch_incoming (DokusBook *book, DokusApProvider *ap, const DokusApSendOptions *options,
                         DokusApFetchSummary *summary, DokusError *err)
{
  DokusApFetchSummary local = { 0 };
  Run run = { .book = book, .ap = ap, .options = options, .summary = &local };
  char after[sizeof ((DokusApIncoming *) NULL)->id] = "";
  DokusStatus st = DOKUS_OK;

  assert (book != NULL && ap != NULL);
  for (;;)
    {
      DokusApIncoming *rows = NULL;
      size_t n = 0;

      st = call_with_retry (&run, CALL_LIST, after[0] ? after : NULL, &rows, &n, NULL, NULL,
                            err);
      if (st != DOKUS_OK || n == 0)
        {
          free (rows);
          break;
        }
      for (size_t i = 0; st == DOKUS_OK && i < n; i++)
        st = take_one (&run, &rows[i], err);
      memcpy (after, rows[n - 1].id, sizeof after);
      free (rows);
      if (st != DOKUS_OK)
        break;
    }
  if (summary != NULL)
    *summary = local;
  return st;
}

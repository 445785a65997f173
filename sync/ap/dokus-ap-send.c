/* dokus-ap-send.c
 *
 * dokus_ap_send_pending(): takes the book's pending Peppol transmissions
 * through an access point. Every step is recorded in the book before the
 * next network call (dokus-peppol-outbox.h), so that a crash anywhere is
 * resolved on the next run: a transmission left 'submitting' is asked
 * about (status by our document id) before it is submitted again, and the
 * access point is never sent the same document twice by us.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-ap-private.h"

#define BACKOFF_FIRST_S 60
#define BACKOFF_MAX_S (6 * 3600)
#define DEFAULT_POLL_S 60

typedef struct {
  DokusBook                *book;
  DokusApProvider          *ap;
  const DokusApSendOptions *options;
  DokusApSendSummary       *summary;
} Run;

static void
report (const Run *run, const DokusPeppolTransmission *t, DokusPeppolState state,
        const char *message)
{
  DokusApEvent ev = { .document_id = t->document_id, .number = t->number, .state = state,
                      .message = message };
  if (run->options != NULL && run->options->progress != NULL)
    run->options->progress (&ev, run->options->progress_data);
}

/* The book's wait after @attempts failed submissions: a minute, doubling,
 * at most six hours. */
static int64_t
book_backoff_s (int attempts)
{
  int64_t s = BACKOFF_FIRST_S;
  for (int i = 1; i < attempts && s < BACKOFF_MAX_S; i++)
    s *= 2;
  return s > BACKOFF_MAX_S ? BACKOFF_MAX_S : s;
}

/* Records what the access point says of @t. */
static DokusStatus
apply_status (Run *run, DokusPeppolTransmission *t, const DokusApStatus *s, DokusError *err)
{
  int64_t now = dokus_ap_now (run->options);
  unsigned poll = run->options && run->options->poll_after_s ? run->options->poll_after_s
                                                             : DEFAULT_POLL_S;
  DokusStatus st;

  switch (s->delivery)
    {
    case DOKUS_AP_DELIVERED:
      st = dokus_peppol_outbox_mark_delivered (run->book, t->document_id, s->message_id, now,
                                               err);
      if (st == DOKUS_OK)
        {
          run->summary->delivered++;
          report (run, t, DOKUS_PEPPOL_DELIVERED, NULL);
        }
      return st;
    case DOKUS_AP_REJECTED:
      st = dokus_peppol_outbox_mark_rejected (run->book, t->document_id, s->message_id,
                                              s->reason, now, err);
      if (st == DOKUS_OK)
        {
          run->summary->rejected++;
          report (run, t, DOKUS_PEPPOL_REJECTED, s->reason);
        }
      return st;
    case DOKUS_AP_QUEUED:
    case DOKUS_AP_SENT:
      break;
    }
  st = dokus_peppol_outbox_mark_submitted (run->book, t->document_id, s->message_id, now,
                                           now + (int64_t) poll, err);
  if (st == DOKUS_OK)
    {
      run->summary->waiting++;
      report (run, t, DOKUS_PEPPOL_SUBMITTED, dokus_ap_delivery_name (s->delivery));
    }
  return st;
}

/* Records the failure @ap_err of @t; the next run tries again after the
 * book's back-off. */
static DokusStatus
record_failure (Run *run, DokusPeppolTransmission *t, int attempts, const DokusError *ap_err,
                DokusError *err)
{
  int64_t now = dokus_ap_now (run->options);
  DokusStatus st = dokus_peppol_outbox_mark_failed (run->book, t->document_id, ap_err->message,
                                                    now, now + book_backoff_s (attempts), err);
  if (st == DOKUS_OK)
    {
      run->summary->failed++;
      report (run, t, t->state, ap_err->message);
    }
  return st;
}

/* Takes @t one step as far as it goes. Returns the book's error, or the
 * access point's when it refused our token (no other document would get
 * further); other failures are recorded and DOKUS_OK. */
static DokusStatus
send_one (Run *run, DokusPeppolTransmission *t, DokusError *err)
{
  const DokusApRetryPolicy *policy = run->options ? run->options->retry : NULL;
  unsigned max_tries = dokus_ap_retry_attempts (policy);
  /* a 'submitting' row may have reached the access point before a crash */
  bool ask_first = t->state == DOKUS_PEPPOL_SUBMITTING || t->state == DOKUS_PEPPOL_SUBMITTED;
  int attempts = t->attempts;
  char *ubl = NULL;
  size_t ubl_len = 0;
  DokusApStatus s;
  DokusError ap_err = { 0 };
  DokusStatus st = DOKUS_OK, ap_st = DOKUS_ERR_IO;

  for (unsigned try = 1; try <= max_tries; try++)
    {
      dokus_error_clear (&ap_err);
      ap_st = DOKUS_ERR_NOT_FOUND;
      if (ask_first)
        ap_st = run->ap->status (run->ap, t->document_id, &s, &ap_err);
      if (ap_st == DOKUS_ERR_NOT_FOUND)
        {
          DokusApSubmission sub;

          if (ubl == NULL
              && (st = dokus_ubl_export (run->book, t->document_id, &ubl, &ubl_len, err))
                   != DOKUS_OK)
            goto out;
          /* committed before any byte leaves */
          st = dokus_peppol_outbox_mark_submitting (run->book, t->document_id,
                                                    dokus_ap_now (run->options), err);
          if (st != DOKUS_OK)
            goto out;
          t->state = DOKUS_PEPPOL_SUBMITTING;
          attempts++;
          sub = (DokusApSubmission){ .document_id = t->document_id,
                                     .receiver_id = t->receiver_id,
                                     .document_type_id = t->document_type_id,
                                     .process_id = t->process_id,
                                     .ubl = ubl,
                                     .ubl_len = ubl_len };
          dokus_error_clear (&ap_err);
          ap_st = run->ap->submit (run->ap, &sub, &s, &ap_err);
          if (ap_st == DOKUS_OK && (s.delivery == DOKUS_AP_QUEUED || s.delivery == DOKUS_AP_SENT))
            {
              /* one look at once: a fast access point may have delivered it already */
              DokusApStatus now_s;
              DokusError ignored = { 0 };
              if (run->ap->status (run->ap, t->document_id, &now_s, &ignored) == DOKUS_OK)
                s = now_s;
            }
        }
      if (ap_st == DOKUS_OK)
        {
          st = apply_status (run, t, &s, err);
          goto out;
        }
      if (ap_st == DOKUS_ERR_REFUSED)
        {
          st = dokus_peppol_outbox_mark_rejected (run->book, t->document_id, NULL,
                                                  ap_err.message, dokus_ap_now (run->options),
                                                  err);
          if (st == DOKUS_OK)
            {
              run->summary->rejected++;
              report (run, t, DOKUS_PEPPOL_REJECTED, ap_err.message);
            }
          goto out;
        }
      if (ap_st != DOKUS_ERR_IO)
        break;
      /* the reply may be lost while the access point kept the document:
       * ask before submitting again */
      ask_first = true;
      if (try < max_tries)
        dokus_ap_retry_wait (policy, try);
    }
  st = record_failure (run, t, attempts, &ap_err, err);
  if (st == DOKUS_OK && ap_st == DOKUS_ERR_INVALID && strcmp (ap_err.field, "token") == 0)
    {
      if (err != NULL)
        *err = ap_err;
      st = ap_st;
    }
out:
  free (ubl);
  return st;
}

DokusStatus
dokus_ap_send_pending (DokusBook *book, DokusApProvider *ap, const DokusApSendOptions *options,
                       DokusApSendSummary *summary, DokusError *err)
{
  DokusApSendSummary local = { 0 };
  DokusPeppolTransmission *rows = NULL;
  size_t n = 0;
  Run run = { .book = book, .ap = ap, .options = options, .summary = &local };
  DokusStatus st;

  assert (book != NULL && ap != NULL);
  st = dokus_peppol_outbox_pending (book, dokus_ap_now (options),
                                    options != NULL && options->ignore_schedule, &rows, &n, err);
  for (size_t i = 0; st == DOKUS_OK && i < n; i++)
    {
      /* between documents only: the one in flight is recorded first */
      if (options != NULL && options->stop != NULL && options->stop (options->stop_data))
        {
          local.left = n - i;
          break;
        }
      st = send_one (&run, &rows[i], err);
    }
  free (rows);
  if (summary != NULL)
    *summary = local;
  return st;
}

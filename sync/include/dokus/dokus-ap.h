/* dokus-ap.h
 *
 * libdokus-sync's Peppol access point client. An access point (AP) is
 * reached through one small provider interface, DokusApProvider; the HTTP
 * provider speaks the REST API of docs/access-point.md over libcurl (TLS
 * peer and host verification always on). A real AP with another API is
 * plugged in by writing another provider (docs/access-point.md).
 *
 * dokus_ap_send_pending() and dokus_ap_fetch_incoming() drive the book's
 * Peppol state (dokus-peppol-outbox.h): sending is idempotent (our
 * document id is the idempotency key), retried with exponential back-off
 * and full jitter, and after a crash the AP is asked about a document
 * before it is submitted again. Incoming documents become expenses exactly
 * once and are acknowledged only after the import committed.
 *
 * Errors follow dokus-error.h. What a provider returns means:
 *   DOKUS_ERR_IO         transient: no connection, timeout, a failed TLS
 *                        handshake, a dropped connection, HTTP 5xx or 429;
 *                        worth retrying
 *   DOKUS_ERR_REFUSED    the AP refused the document; message = its reason
 *   DOKUS_ERR_NOT_FOUND  the AP does not know the document
 *   DOKUS_ERR_INVALID    any other 4xx (bad token: field "token"), a
 *                        certificate that does not verify or a CA file that
 *                        cannot be used (field "ca_file"), or an answer that
 *                        is not what the API promises
 *
 * Threading: a provider is used by one thread at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <dokus/dokus.h>

typedef struct DokusApProvider DokusApProvider;

/* Where a document stands at the AP. */
typedef enum {
  DOKUS_AP_QUEUED = 1,    /* taken, not sent on yet */
  DOKUS_AP_SENT = 2,      /* sent to the receiver's AP, no receipt yet */
  DOKUS_AP_DELIVERED = 3, /* the receiver's AP confirmed receipt */
  DOKUS_AP_REJECTED = 4,  /* refused; reason says why */
} DokusApDelivery;

typedef struct {
  char            message_id[128]; /* the AP's id of the transmission */
  DokusApDelivery delivery;
  char            reason[512];     /* rejected: the AP's words */
} DokusApStatus;

/* A document to submit; every member lent for the call. */
typedef struct {
  const char *document_id;      /* our id: the idempotency key */
  const char *receiver_id;      /* "0208:0417497106" */
  const char *document_type_id;
  const char *process_id;
  const char *ubl;              /* UTF-8 XML, @ubl_len bytes */
  size_t      ubl_len;
} DokusApSubmission;

/* An incoming document as listed. */
typedef struct {
  char id[128];                /* the AP's id */
  char sender_id[160];
  char document_type_id[200];
  char received_at[32];
} DokusApIncoming;

/* The provider interface. Every function fills @err on failure as the
 * header comment says; outputs are untouched on error. */
struct DokusApProvider {
  /* Submits @doc. An AP that knows @doc->document_id already answers
   * with that transmission's status and sends nothing twice. A document
   * the AP refuses at once is DOKUS_ERR_REFUSED with its reason. */
  DokusStatus (*submit) (DokusApProvider *self, const DokusApSubmission *doc,
                         DokusApStatus *out, DokusError *err);
  /* The status of the document submitted with our @document_id;
   * DOKUS_ERR_NOT_FOUND if the AP never took it. */
  DokusStatus (*status) (DokusApProvider *self, const char *document_id, DokusApStatus *out,
                         DokusError *err);
  /* Incoming documents not yet acknowledged whose id sorts after @after
   * (nullable: from the start), at most a page of them, oldest first.
   * *@out (transfer full, free(); NULL when none) gets *@n_out. */
  DokusStatus (*list_incoming) (DokusApProvider *self, const char *after,
                                DokusApIncoming **out, size_t *n_out, DokusError *err);
  /* The UBL of incoming document @id: *@ubl (transfer full, free(),
   * NUL-terminated) of *@len bytes. */
  DokusStatus (*fetch) (DokusApProvider *self, const char *id, char **ubl, size_t *len,
                        DokusError *err);
  /* Acknowledges incoming document @id: the AP stops listing it.
   * Acknowledging twice is not an error. */
  DokusStatus (*ack) (DokusApProvider *self, const char *id, DokusError *err);
  /* Frees the provider and wipes its secrets. */
  void (*destroy) (DokusApProvider *self);
};

/* Calls @ap->destroy; NULL does nothing. */
void dokus_ap_provider_free (DokusApProvider *ap);

/* "queued", "sent", "delivered", "rejected" (transfer none). */
const char *dokus_ap_delivery_name (DokusApDelivery delivery);

/* ---- the HTTP provider ------------------------------------------------------ */

typedef struct {
  const char *base_url;          /* "https://ap.example.com/"; plain http only to
                                    127.0.0.1, ::1 or localhost (tests) */
  const char *token;             /* the API token (Bearer): copied into guarded memory,
                                    wiped on destroy, never logged or put in a message */
  const char *ca_file;           /* nullable: PEM bundle to trust instead of the system's */
  long        connect_timeout_ms; /* 0: 10 000 */
  long        timeout_ms;        /* the whole request; 0: 60 000 */
} DokusApHttpOptions;

/* A provider speaking docs/access-point.md at @options->base_url.
 * *@out (transfer full, dokus_ap_provider_free()).
 * DOKUS_ERR_INVALID naming the option: a missing or non-http(s) base URL
 * ("base_url"), plain http to another host, an empty token ("token"), a CA
 * file that cannot be read ("ca_file"), a negative timeout.
 * DOKUS_ERR_NOMEM. */
DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_ap_http_new (const DokusApHttpOptions *options,
                               DokusApProvider **out, /* OUT */
                               DokusError *err);

/* ---- retries ---------------------------------------------------------------- */

typedef struct {
  unsigned max_attempts;  /* tries per operation (1 = no retry); 0: 5 */
  unsigned base_delay_ms; /* 0: 500 */
  unsigned max_delay_ms;  /* cap of one wait; 0: 30 000 */
  /* waits @ms milliseconds; NULL: really sleep. Tests pass their own. */
  void   (*sleep_ms) (unsigned ms, void *data);
  void    *sleep_data;
} DokusApRetryPolicy;

/* The wait before retry number @retry (1 for the first retry) under
 * @policy (nullable: defaults): "full jitter", uniform in
 * [0, min(max_delay_ms, base_delay_ms * 2^(retry-1))], from libsodium's
 * randombytes_uniform(). */
unsigned dokus_ap_retry_delay_ms (const DokusApRetryPolicy *policy, unsigned retry);

/* ---- sending and fetching ---------------------------------------------------- */

/* What happened to one document, for a progress display. */
typedef struct {
  const char      *document_id;
  const char      *number;      /* ours (sent) or the AP's id (incoming) */
  DokusPeppolState state;       /* sending: the state now; incoming: 0 */
  const char      *message;     /* the rejection reason, the error, or a note; nullable */
} DokusApEvent;

typedef void (*DokusApProgressFunc) (const DokusApEvent *event, void *data);

typedef struct {
  const DokusApRetryPolicy *retry;      /* nullable: defaults */
  DokusApProgressFunc       progress;   /* nullable */
  void                     *progress_data;
  bool                      ignore_schedule; /* every pending document now, not only those
                                                 due (the user asked) */
  int64_t                   now;        /* Unix seconds; 0: the clock */
  unsigned                  poll_after_s; /* next status request of a submitted document;
                                             0: 60 */
  /* nullable; asked before each document is sent (not while fetching):
   * true ends the run there, the documents not reached untouched (still
   * pending, counted in DokusApSendSummary.left). For Ctrl-C: it may read
   * a flag a signal handler sets. */
  bool                    (*stop) (void *data);
  void                     *stop_data;
} DokusApSendOptions;

typedef struct {
  size_t delivered, rejected, waiting, failed; /* waiting: submitted, no receipt yet */
  size_t left;   /* pending documents not taken up because options->stop said so */
} DokusApSendSummary;

/* Sends every pending transmission of @book (dokus_peppol_outbox_pending)
 * through @ap: a queued one is submitted; a 'submitting' one (a crash or a
 * lost reply) is first asked about (status by our id) and submitted only
 * if the AP does not know it; a submitted one is asked for its status.
 * Transient failures are retried (@options->retry); when the attempts run
 * out the failure is recorded (last_error, next attempt after a back-off
 * of one minute doubling up to six hours) and the next document goes on.
 * A rejection is recorded with the AP's reason. *@summary (nullable)
 * counts the outcomes. @options->stop, when it says so before a document,
 * ends the run with DOKUS_OK: the document in flight has finished and been
 * recorded, the rest stay pending as they were (summary->left). Returns
 * DOKUS_OK when every document's outcome was recorded (look at the
 * summary), or the book's error. */
DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_ap_send_pending (DokusBook *book, DokusApProvider *ap,
                                   const DokusApSendOptions *options, /* nullable */
                                   DokusApSendSummary *summary,       /* OUT: nullable */
                                   DokusError *err);

typedef struct {
  size_t imported;   /* new expenses */
  size_t duplicates; /* imported before (by this or another process, or by hand with the
                        same supplier and number): linked to that expense, acknowledged */
  size_t busy;       /* another process is importing them now */
  size_t failed;     /* could not be imported: left at the AP, error recorded */
} DokusApFetchSummary;

/* Lists the incoming documents at @ap and imports each one not imported
 * before as an expense (dokus-ubl-read.h), then acknowledges it. Exactly
 * once: the AP's id is recorded in @book (dokus_peppol_inbox_claim), so a
 * second fetch, here or in another process on the same book, adds
 * nothing; a document the ledger holds already (same supplier and number)
 * is linked to that expense. A document that fails to import stays at the AP, its error
 * recorded and reported through @options->progress. Transient failures
 * are retried as for sending (@options->retry; ignore_schedule and
 * poll_after_s are not used). Returns DOKUS_OK when every listed document
 * was dealt with, the AP's error when the list itself failed. */
DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_ap_fetch_incoming (DokusBook *book, DokusApProvider *ap,
                                     const DokusApSendOptions *options, /* nullable */
                                     DokusApFetchSummary *summary,      /* OUT: nullable */
                                     DokusError *err);

/* dokus-peppol-outbox.h
 *
 * The book's side of Peppol: which issued documents are to be sent, where
 * each transmission stands, and which incoming documents were taken from
 * the access point. Core does no network I/O: libdokus-sync (dokus-ap.h)
 * talks to the access point and records every step here, so that the
 * state survives a crash at any point (docs/access-point.md).
 *
 * A transmission goes queued -> submitting -> submitted -> delivered, or
 * ends rejected with the access point's reason. 'submitting' is committed
 * before each submission: a transmission found in that state may or may
 * not have reached the access point, which must be asked (status by our
 * document id) before submitting again. Delivered and rejected are final.
 *
 * Times are Unix seconds (UTC) passed in by the caller, so that tests
 * control the clock; they are stored as ISO text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dokus-error.h"
#include "dokus-ledger.h"
#include "dokus-types.h"

typedef enum {
  DOKUS_PEPPOL_QUEUED = 1,
  DOKUS_PEPPOL_SUBMITTING = 2, /* a submission may be under way, or lost in a crash */
  DOKUS_PEPPOL_SUBMITTED = 3,  /* the access point took it; waiting for delivery */
  DOKUS_PEPPOL_DELIVERED = 4,  /* final */
  DOKUS_PEPPOL_REJECTED = 5,   /* final; reason says why */
} DokusPeppolState;

/* Peppol identifiers of BIS Billing 3.0 (the document type ids are for UBL
 * 2.1 Invoice and CreditNote). */
#define DOKUS_PEPPOL_PROCESS_ID "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
#define DOKUS_PEPPOL_DOCTYPE_INVOICE                                                    \
  "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:" \
  "2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"
#define DOKUS_PEPPOL_DOCTYPE_CREDIT_NOTE                                                   \
  "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote##urn:cen.eu:" \
  "en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"

/* One transmission as stored; strings are "" when absent. */
typedef struct {
  char             document_id[DOKUS_ID_TEXT];
  char             number[DOKUS_NUMBER_TEXT];
  DokusPeppolState state;
  char             receiver_id[160];      /* "0208:0417497106" */
  char             document_type_id[200];
  char             process_id[80];
  char             ap_message_id[128];
  char             reason[512];           /* rejected: the access point's reason */
  int              attempts;              /* submissions tried */
  char             last_error[256];       /* the last failed attempt, until one succeeds */
  char             next_attempt_at[24];   /* ISO UTC */
  char             queued_at[24], submitted_at[24], finished_at[24];
} DokusPeppolTransmission;

/* "queued", "submitting", "submitted", "delivered", "rejected" (transfer
 * none: a static string); "unknown" for another value. */
DOKUS_PUBLIC const char *dokus_peppol_state_name (DokusPeppolState state);

/* Queues the issued document @id_or_number (id or number) for Peppol at
 * time @now. Its UBL is exported (dokus_ubl_export(), which stores its
 * hash and validates what it writes with dokus-ubl-validate.h): a fatal
 * finding refuses it, the message naming the first rule. The receiver is the buyer's
 * EndpointID of that UBL ("SCHEME:VALUE"). Queueing a document that is
 * already queued, on its way or delivered changes nothing (*@out gets its
 * row). *@out (nullable) gets the transmission. The transmission row and
 * its sync envelope are written in one transaction (a savepoint when the
 * caller holds one): on failure neither is left.
 * DOKUS_ERR_NOT_FOUND for an unknown document; DOKUS_ERR_REFUSED for a
 * document the access point rejected (field "state", its reason in the
 * message: an issued document cannot change, so it is corrected with a
 * credit note and a new invoice), for a
 * draft, for a buyer without an electronic address (field
 * "buyer.peppol_id", from the writer) and for a document that fails validation (field
 * "ubl", the rule id in the message); DOKUS_ERR_CORRUPT when the UBL no
 * longer matches its first export. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_peppol_outbox_queue (DokusBook *book, const char *id_or_number, int64_t now,
                                       DokusPeppolTransmission *out, /* OUT: nullable */
                                       DokusError *err);

/* The transmission of the document @id_or_number into *@out.
 * DOKUS_ERR_NOT_FOUND when the document is unknown or was never queued. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_peppol_outbox_get (DokusBook *book, const char *id_or_number,
                                     DokusPeppolTransmission *out, /* OUT */
                                     DokusError *err);

/* The transmissions that are not final (queued, submitting, submitted)
 * and due at @now (next_attempt_at <= @now), or all of them when @all,
 * oldest queued first. *@out (transfer full, free(); NULL when none) gets
 * *@n_out rows. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_peppol_outbox_pending (DokusBook *book, int64_t now, bool all,
                                         DokusPeppolTransmission **out, /* OUT */
                                         size_t *n_out,                 /* OUT */
                                         DokusError *err);

/* {"transmissions": [{document_id, number, state, receiver_id,
 * document_type_id, ap_message_id, reason, attempts, last_error,
 * next_attempt_at, queued_at, submitted_at, finished_at}]} (absent values
 * null): the one of @id_or_number, or every one when it is NULL, in
 * queueing order. *@out_json (transfer full, free()). DOKUS_ERR_NOT_FOUND
 * as for dokus_peppol_outbox_get(). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_peppol_outbox_status_json (DokusBook *book,
                                             const char *id_or_number, /* nullable */
                                             char **out_json,          /* OUT */
                                             DokusError *err);

/* Recording the steps of a transmission (each one short transaction; the
 * document is given by id). DOKUS_ERR_NOT_FOUND for a document never
 * queued; DOKUS_ERR_REFUSED when the transmission is final already. */

/* Before a submission: state submitting, attempts + 1, committed before
 * any byte leaves, so that a crash is followed by a status request. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_peppol_outbox_mark_submitting (DokusBook *book, const char *document_id,
                                                 int64_t now, DokusError *err);

/* The access point took it as @ap_message_id: state submitted, the last
 * error cleared; its delivery is asked again from @next_poll on. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_peppol_outbox_mark_submitted (DokusBook *book, const char *document_id,
                                                const char *ap_message_id, int64_t now,
                                                int64_t next_poll, DokusError *err);

/* Delivered to the receiver's access point: final; the document goes from
 * issued to sent, with an audit entry ("peppol_delivered", "document"),
 * all in one transaction. @ap_message_id (nullable) when not known yet. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_peppol_outbox_mark_delivered (DokusBook *book, const char *document_id,
                                                const char *ap_message_id, int64_t now,
                                                DokusError *err);

/* Rejected with @reason (non-empty: the access point's words): final,
 * with an audit entry ("peppol_rejected", "document"). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_peppol_outbox_mark_rejected (DokusBook *book, const char *document_id,
                                               const char *ap_message_id, /* nullable */
                                               const char *reason, int64_t now,
                                               DokusError *err);

/* An attempt failed with @message (kept as last_error); the state stays
 * as it is and the next attempt waits until @retry_at. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_peppol_outbox_mark_failed (DokusBook *book, const char *document_id,
                                             const char *message, int64_t now, int64_t retry_at,
                                             DokusError *err);

/* ---- incoming documents ----------------------------------------------------- */

typedef enum {
  DOKUS_PEPPOL_INBOX_CLAIMED = 1,  /* yours to import: then _imported or _failed */
  DOKUS_PEPPOL_INBOX_IMPORTED = 2, /* imported before (expense_id set): only acknowledge */
  DOKUS_PEPPOL_INBOX_BUSY = 3,     /* another process claimed it less than ten minutes ago */
} DokusPeppolInboxClaim;

#define DOKUS_PEPPOL_CLAIM_TEXT 33 /* 16 random bytes in hex, and the NUL */
#define DOKUS_PEPPOL_CLAIM_SECONDS 600

/* Claims the incoming document @ap_id (the access point's id, <= 127
 * bytes) for import at @now, in one transaction: *@result says what to do;
 * when CLAIMED, @claim (OUT) gets the token to pass on; when IMPORTED,
 * @expense_id (OUT) the expense it became. @sender_id and
 * @document_type_id are nullable, kept for the record. A failed import is
 * claimed again by the next fetch. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_peppol_inbox_claim (DokusBook *book, const char *ap_id,
                                      const char *sender_id,        /* nullable */
                                      const char *document_type_id, /* nullable */
                                      int64_t now,
                                      DokusPeppolInboxClaim *result,        /* OUT */
                                      char claim[DOKUS_PEPPOL_CLAIM_TEXT],  /* OUT */
                                      char expense_id[DOKUS_ID_TEXT],       /* OUT */
                                      DokusError *err);

/* Records that the claimed @ap_id became the expense @expense_id.
 * DOKUS_ERR_REFUSED when @claim is no longer the row's claim (it was taken
 * over after ten minutes): the other process records its own result. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_peppol_inbox_imported (DokusBook *book, const char *ap_id, const char *claim,
                                         const char *expense_id, int64_t now, DokusError *err);

/* Records that importing the claimed @ap_id failed with @message; the
 * claim is released. DOKUS_ERR_REFUSED as for _imported. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_peppol_inbox_failed (DokusBook *book, const char *ap_id, const char *claim,
                                       const char *message, int64_t now, DokusError *err);

/* Records that the access point acknowledged @ap_id. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_peppol_inbox_acked (DokusBook *book, const char *ap_id, int64_t now,
                                      DokusError *err);

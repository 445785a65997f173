/* dokus-audit.h
 *
 * The audit trail of a book: every change to financial data (create,
 * update, issue, credit, payment, purchase, settings, export) appends an
 * entry to the table audit_log: when, which device, what action on which
 * entity, and the values before and after (JSON). Entries are append-only
 * (triggers refuse UPDATE and DELETE), chained per device (each entry holds
 * the hash of the device's previous one) and signed with the device's
 * Ed25519 key. The first entry a book writes creates its device: a random
 * id and key pair in local_device (the secret key, never synced), the id,
 * name and public key in devices.
 *
 * An entry's hash is BLAKE2b-256 (crypto_generichash, no key, 32 bytes)
 * over these fields in this order: "dokus-audit-v1", prev_hash (32 bytes),
 * device_id, device_seq (8 bytes, big-endian), at, action, entity,
 * entity_id, before_json, after_json. Each field is one byte 0x00 when it
 * is SQL NULL, otherwise one byte 0x01, its length in bytes as 8 bytes
 * big-endian and the bytes (text as stored, UTF-8, no NUL), so that no two
 * different entries share an encoding and NULL differs from "". The
 * signature is crypto_sign_detached() of those 32 hash bytes.
 *
 * What verification can and cannot show, from the book alone:
 * - A changed, reordered, inserted or deleted entry inside a chain, a
 *   changed signature or public key, an entry of an unknown device: found.
 * - Removing the newest entries of a chain (truncating its tail) leaves a
 *   valid, shorter chain: it takes an outside anchor (the last hash the
 *   sync relay or an export saw) to notice.
 * - Whoever can open the book can read this device's secret key from
 *   local_device and so re-sign a rewritten chain of this device.
 *   Signatures bind entries to the device that wrote them for everyone
 *   else (other devices after sync, an auditor holding the public keys);
 *   against the book's own owner the chain proves only what an outside
 *   anchor confirms. Likewise a whole chain re-signed under a replaced
 *   public key verifies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-error.h"
#include "dokus-types.h"

/* The outcome of dokus_audit_verify(). */
typedef struct {
  int64_t entries;       /* entries walked */
  int64_t devices;       /* device chains walked (devices with at least one entry) */
  int64_t first_bad_seq; /* audit_log.seq of the first broken entry; 0 if none */
  char    problem[256];  /* "" if intact, else "entry 7 (device 3f2a0c1d…, #5): hash does not
                            match its content" */
} DokusAuditReport;

/* Records one audit entry in its own transaction (BEGIN IMMEDIATE ...
 * COMMIT), for callers outside a ledger transaction such as an export;
 * ledger operations record their entries inside their own transaction.
 * @action ("create", "update", "issue", "credit", "payment", "purchase",
 * "settings", "export") and @entity ("document", "client", ...) are
 * non-empty; @entity_id, @before_json and @after_json may be NULL, and
 * the JSON ones must otherwise be one valid JSON value each.
 *
 * The entry's time is the current UTC time, "2026-11-25T19:30:00Z"; the
 * environment variable DOKUS_NOW, when set, replaces it (same form, for
 * tests and reproducible demos). The first entry of a book creates this
 * device, named by the environment variable DOKUS_DEVICE_NAME or else
 * "this device".
 *
 * Returns DOKUS_ERR_INVALID (field "action", "entity", "before_json",
 * "after_json" or "DOKUS_NOW") for bad input, DOKUS_ERR_INTERNAL when
 * called while the book's connection is inside a transaction,
 * DOKUS_ERR_CORRUPT when this device's key or chain head is damaged, or
 * a store error; on error nothing is recorded. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_audit_record (DokusBook *book, const char *action, const char *entity,
                                const char *entity_id,   /* nullable */
                                const char *before_json, /* nullable */
                                const char *after_json,  /* nullable */
                                DokusError *err);        /* nullable */

/* Walks every device's chain in device_seq order and checks that the
 * sequence runs 1, 2, 3... without gaps, that each entry's prev_hash is
 * the previous entry's hash (32 zero bytes for the first), that its hash
 * matches its content, that its signature verifies with its device's
 * public key, and that the device is in devices. *@out is filled in every
 * case. Returns DOKUS_OK when every chain is intact (out->first_bad_seq
 * 0); DOKUS_ERR_CORRUPT when one is broken, with out->problem and the
 * error message naming the first broken entry (the one with the lowest
 * audit_log.seq among the chains' first breaks): its seq, its device and
 * device_seq, and what is wrong; or a store error. When every chain is
 * intact it also checks the links the derived balances read
 * (payment_links and credit_links, schema/book/0013, kept by triggers)
 * and returns DOKUS_ERR_CORRUPT, out->first_bad_seq 0 and out->problem
 * naming the first payment or credit note whose link is missing or wrong. See the top of
 * this file for what a book alone cannot show. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_audit_verify (DokusBook *book,
                                DokusAuditReport *out, /* OUT */
                                DokusError *err);      /* nullable */

/* The newest @limit entries (all of them when @limit is 0), newest first,
 * as a JSON array: [{"seq": 12, "device_id": "…", "at": "2026-11-25T19:30:00Z",
 * "action": "issue", "entity": "document", "entity_id": "…" or null,
 * "before": <the JSON value> or null, "after": <the JSON value> or null}].
 * *@out_json: (transfer full) free() it. Returns DOKUS_ERR_INVALID (field
 * "limit") for a negative @limit, DOKUS_ERR_CORRUPT when a stored value is
 * not valid JSON (the message names the entry), DOKUS_ERR_NOMEM, or a
 * store error; then *@out_json is NULL. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_audit_list_json (DokusBook *book, int64_t limit,
                                   char **out_json, /* OUT */
                                   DokusError *err);

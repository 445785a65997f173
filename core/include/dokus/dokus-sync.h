/* dokus-sync.h
 *
 * Book sync, the part inside libdokus: no network. Once sync is enabled
 * on a book, every local change (each audit entry) becomes one sealed,
 * signed envelope in the book's outbox, written in the change's own
 * transaction. Envelopes pulled from a relay are applied here with the
 * merge rules of docs/sync.md: field last-writer-wins by hybrid logical
 * clock for clients, profile, expenses and drafts; tombstones for deleted
 * drafts; frozen issue snapshots; insert-only facts for payments and
 * audit entries. Applying is exactly once and order-independent: an
 * envelope or op that cannot apply yet waits in the book and is retried
 * after each batch.
 *
 * A book without sync enabled behaves exactly as before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dokus-error.h"
#include "dokus-types.h"

/* a book or device id: a UUID in text form, with its NUL */
#define DOKUS_SYNC_ID_TEXT 37
#define DOKUS_SYNC_KEY_BYTES 32
#define DOKUS_SYNC_SIGN_PK_BYTES 32
#define DOKUS_SYNC_NONCE_BYTES 24
#define DOKUS_SYNC_SIG_BYTES 64
#define DOKUS_SYNC_DIGEST_BYTES 32

/* Unix time in milliseconds; @user as given to dokus_sync_set_clock(). */
typedef int64_t (*DokusSyncClock) (void *user);

/* One envelope as the relay stores it. ct is the ciphertext (padded JSON
 * plaintext sealed with XChaCha20-Poly1305 under the sync key of
 * key_epoch); sig the device's Ed25519 signature (see docs/sync.md). */
typedef struct {
  char           device_id[DOKUS_SYNC_ID_TEXT];
  int64_t        dev_seq;
  uint32_t       key_epoch;
  unsigned char  nonce[DOKUS_SYNC_NONCE_BYTES];
  unsigned char *ct;     /* owned by the array's owner */
  size_t         ct_len;
  unsigned char  sig[DOKUS_SYNC_SIG_BYTES];
  int64_t        server_seq; /* 0 if the relay has not acknowledged it */
} DokusSyncEnvelope;

typedef struct {
  size_t applied;    /* envelopes applied now (including earlier pending ones) */
  size_t duplicates; /* already applied: skipped */
  size_t waiting;    /* envelopes or ops now waiting in the book */
  size_t refused;    /* bad signature, unknown or revoked device, undecryptable */
} DokusSyncApplyStats;

/* Sets the clock the HLC reads on this open book (tests skew it); NULL
 * restores the system clock. The setting lasts while @book is open. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_set_clock (DokusBook *book, DokusSyncClock clock, void *user,
                                  DokusError *err);

/* Enables sync. @book_id NULL starts a new synced book: a new book id and
 * a random sync key of epoch 1. Otherwise the book joins @book_id with
 * @key of @key_epoch (as pairing delivers them). This device becomes a
 * member (role owner for a new book, device otherwise). Enabling twice
 * returns DOKUS_ERR_REFUSED. Writes an audit entry ("sync-enable"), which
 * is the device's first envelope. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_enable (DokusBook *book, const char *book_id, /* nullable */
                               const unsigned char *key,             /* nullable: 32 bytes */
                               uint32_t key_epoch, DokusError *err);

/* true if sync is enabled on @book. */
DOKUS_PUBLIC bool dokus_sync_is_enabled (DokusBook *book);

/* This device's identity. OUT parameters are caller buffers; any may be NULL.
 * DOKUS_ERR_NOT_FOUND if sync is off. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_get_identity (DokusBook *book,
                                     char book_id[DOKUS_SYNC_ID_TEXT],            /* OUT */
                                     char device_id[DOKUS_SYNC_ID_TEXT],          /* OUT */
                                     unsigned char sign_pk[DOKUS_SYNC_SIGN_PK_BYTES], /* OUT */
                                     DokusError *err);

/* The current sync key and its epoch, for pairing. @key is a secret: wipe
 * it with sodium_memzero() after use. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_export_key (DokusBook *book, uint32_t *key_epoch, /* OUT */
                                   unsigned char key[DOKUS_SYNC_KEY_BYTES], /* OUT */
                                   DokusError *err);

/* Adds (or updates the key of) a member whose envelopes this book
 * accepts. @role is "owner", "device" or "accountant". */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_member_add (DokusBook *book, const char *device_id,
                                   const unsigned char sign_pk[DOKUS_SYNC_SIGN_PK_BYTES],
                                   const char *role, DokusError *err);

/* The outbox envelopes not yet acknowledged, in dev_seq order, at most
 * @limit (0: all). *out (transfer full) is freed with
 * dokus_sync_envelopes_free(); *out is NULL when *n_out is 0. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_outbox_list (DokusBook *book, size_t limit,
                                    DokusSyncEnvelope **out, /* OUT */
                                    size_t *n_out,           /* OUT */
                                    DokusError *err);

/* Frees @envs and their ct buffers; NULL does nothing. */
DOKUS_PUBLIC void dokus_sync_envelopes_free (DokusSyncEnvelope *envs, size_t n);

/* Records the relay's acknowledgement of an outbox envelope. Acknowledging
 * twice with the same server_seq is fine; a different one is
 * DOKUS_ERR_CORRUPT. DOKUS_ERR_NOT_FOUND for an unknown dev_seq. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_outbox_ack (DokusBook *book, int64_t dev_seq, int64_t server_seq,
                                   DokusError *err);

/* Applies a batch of pulled envelopes (any order, duplicates allowed) in
 * one transaction, then retries what was waiting, and if @cursor >= 0
 * stores it as the relay cursor in the same transaction. Envelopes of
 * this device are recognised and skipped. A refused envelope is counted
 * in @stats and skipped, never an error. Errors are storage failures:
 * nothing of the batch is kept. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_apply (DokusBook *book, const DokusSyncEnvelope *envs, size_t n,
                              int64_t cursor,
                              DokusSyncApplyStats *stats, /* OUT, nullable */
                              DokusError *err);

/* The stored relay cursor (0 at first). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_get_cursor (DokusBook *book, int64_t *server_seq, /* OUT */
                                   DokusError *err);

/* How many envelopes or ops wait for a missing predecessor. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_pending_count (DokusBook *book, int64_t *count, /* OUT */
                                      DokusError *err);

/* The highest dev_seq of @device_id applied here (0 if none); for this
 * device, the highest dev_seq written. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_applied_get (DokusBook *book, const char *device_id,
                                    int64_t *max_dev_seq, /* OUT */
                                    DokusError *err);

/* BLAKE2b-256 over a canonical dump of the synced tables (profile,
 * clients, documents and their lines, adjustments and VAT, series,
 * payments, expenses and their lines, devices, the audit log without its
 * local sequence). Equal books give equal digests on every replica. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_digest (DokusBook *book,
                               unsigned char out[DOKUS_SYNC_DIGEST_BYTES], /* OUT */
                               DokusError *err);

/* Records the series lease as the relay granted it: @holder (nullable:
 * free) with fencing @epoch. While sync is on, issuing in a series needs
 * its lease held by this device (dokus_document_issue returns
 * DOKUS_ERR_REFUSED, field "series", otherwise). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_lease_set (DokusBook *book, const char *series, const char *holder,
                                  int64_t epoch, DokusError *err);

/* Signs @msg with this device's Ed25519 key (the key never leaves the
 * book): for the relay's sign-in challenge and push batch signatures.
 * DOKUS_ERR_NOT_FOUND if sync is off. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_sign (DokusBook *book, const unsigned char *msg, size_t len,
                             unsigned char sig[DOKUS_SYNC_SIG_BYTES], /* OUT */
                             DokusError *err);

/* The members this book accepts envelopes from, as a JSON array:
 * [{"device_id": "…", "role": "owner", "revoked": false, "this_device": true,
 *   "fingerprint": "<first 16 hex of BLAKE2b-256 of the key>",
 *   "applied": <highest dev_seq applied from it>}], ordered by device id.
 * *out_json: (transfer full) free() it. DOKUS_ERR_NOT_FOUND if sync is off. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_members_json (DokusBook *book, char **out_json, /* OUT */
                                     DokusError *err);

/* The relay's name for @series ("invoice/2026"): 64 lower-case hex
 * characters of BLAKE2b-256 keyed with the book's tag key (derived from
 * the sync key of epoch 1, which every member's keyring holds), so the
 * relay never sees series names. @hex has 65 bytes. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_series_tag (DokusBook *book, const char *series, char hex[65], /* OUT */
                                   DokusError *err);

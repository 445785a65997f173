/* dokus-sync.h
 *
 * Book sync, the part inside libdokus: no network. Once sync is enabled
 * on a book, every local change (each audit entry) becomes one sealed,
 * signed envelope in the book's outbox, written in the change's own
 * transaction. Envelopes pulled from a relay are applied here with the
 * merge rules of docs/sync.md: field last-writer-wins by hybrid logical
 * clock for clients, profile, expenses and drafts; tombstones for deleted
 * drafts; frozen issue snapshots; insert-only facts for payments and
 * audit entries; comments (dokus-comment.h) as insert-only facts in
 * envelopes of kind "comment", the only ones an accountant's device sends
 * and the only ones applied from it. Applying is exactly once and
 * order-independent: an envelope or op that cannot apply yet waits in the
 * book and is retried after each batch.
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
  char           kind[16];   /* outbox only: "comment" for an envelope of comment and
                              * resolve ops (the one kind the relay accepts from an
                              * accountant), else "change" or "" (docs/sync.md) */
} DokusSyncEnvelope;

typedef struct {
  size_t applied;    /* envelopes applied now (including earlier pending ones) */
  size_t duplicates; /* already applied: skipped */
  size_t waiting;    /* envelopes or ops now waiting in the book */
  size_t refused;    /* bad signature, unknown or revoked device, undecryptable, an
                      * accountant's envelope holding more than its comments; and
                      * single ops refused (a comment naming another author) */
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
 * local sequence, the Peppol state of documents without the local
 * bookkeeping of attempts, stored UBL hashes, receipts and kept logos by
 * SHA-256). Equal books give equal digests on every replica. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_digest (DokusBook *book,
                               unsigned char out[DOKUS_SYNC_DIGEST_BYTES], /* OUT */
                               DokusError *err);

/* The largest clock skew to the relay at which the book creates changes. */
#define DOKUS_SYNC_CLOCK_SKEW_LIMIT_MS (5 * 60 * 1000)

/* Records @skew_ms, the relay's time minus this device's clock as the
 * sync client last measured it. While it is beyond
 * DOKUS_SYNC_CLOCK_SKEW_LIMIT_MS either way, every change of the book
 * (clients, profile, documents, payments, purchases) returns
 * DOKUS_ERR_REFUSED, field "clock", with a message naming the skew;
 * applying pulled changes and recording the access point's answers go on.
 * Recording a skew within the limit lifts it. DOKUS_ERR_NOT_FOUND if sync
 * is off. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_clock_skew_record (DokusBook *book, int64_t skew_ms, DokusError *err);

/* The last recorded skew (0 if none) into *@skew_ms. DOKUS_ERR_NOT_FOUND
 * if sync is off. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_clock_skew_get (DokusBook *book, int64_t *skew_ms, /* OUT */
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

/* ---- pairing, revocation and key rotation (docs/sync.md) ----------------
 *
 * A keyring bundle carries every sync key of a book up to one epoch and
 * the signed member list, sealed to one member's X25519 key (derived from
 * its Ed25519 key, crypto_box_seal) and signed inside the box by the
 * owner that made it, so neither the relay nor anyone else can read it,
 * plant a key or add a member. Bundles go to a new device by pairing and
 * to every remaining member when the owner rotates the key. */

#define DOKUS_SYNC_BUNDLE_MAX 4096 /* bytes of a sealed bundle: the relay's limit */

/* This device's id and Ed25519 public key, creating the device key (with
 * an audit entry "device-key") when the book has none yet. Sync need not
 * be on: a device about to join asks for them. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_device_identity (DokusBook *book,
                                        char device_id[DOKUS_SYNC_ID_TEXT],           /* OUT */
                                        unsigned char sign_pk[DOKUS_SYNC_SIGN_PK_BYTES], /* OUT */
                                        DokusError *err);

/* The role of this device in its synced book ("owner", "device",
 * "accountant"), (transfer none: a static string); NULL if sync is off. */
DOKUS_PUBLIC const char *dokus_sync_role (DokusBook *book);

/* Owner only: the book's keyring (every epoch) and member list, sealed to
 * member @device_id whose Ed25519 key is @sign_pk. *out (transfer full,
 * free()) of *out_len <= DOKUS_SYNC_BUNDLE_MAX bytes. DOKUS_ERR_REFUSED
 * if this device is not the owner. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_bundle_seal (DokusBook *book, const char *device_id,
                                    const unsigned char sign_pk[DOKUS_SYNC_SIGN_PK_BYTES],
                                    unsigned char **out, size_t *out_len, /* OUT */
                                    DokusError *err);

/* Opens a bundle sealed to this device and signed by an owner of this
 * book; adds the keys it does not have yet, raises the epoch new
 * envelopes are sealed under, takes the members it names (a revocation
 * is never undone), then applies the envelopes that waited for a key or
 * a member. *added (nullable) counts the new keys. DOKUS_ERR_REFUSED when
 * it is not for this device and book or its signature does not verify. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_bundle_open (DokusBook *book, const unsigned char *sealed, size_t len,
                                    uint32_t *added, /* OUT, nullable */
                                    DokusError *err);

/* Turns sync on for a book that joins @book_id by pairing: @sealed is the
 * owner's bundle for this device, @owner_id/@owner_pk the owner that
 * signed it (as the pairing code authenticated them), @role this device's
 * role ("device" or "accountant"). The book must hold no ledger data yet.
 * A device's first envelope carries its audit entries; an accountant's
 * book sends nothing (it reads; local changes are refused). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_join (DokusBook *book, const char *book_id, const char *role,
                             const char *owner_id,
                             const unsigned char owner_pk[DOKUS_SYNC_SIGN_PK_BYTES],
                             const unsigned char *sealed, size_t len, DokusError *err);

/* Owner only: records a member fact in the book (audited) that travels to
 * every replica as a signed envelope: member @device_id with @sign_pk and
 * @role joins, or, with @revoked_after >= 0, is revoked: its envelopes up
 * to that dev_seq still apply, later ones are refused everywhere.
 * @sign_pk may be NULL for a revocation of a known member. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_member_record (DokusBook *book, const char *device_id,
                                      const unsigned char *sign_pk, /* nullable */
                                      const char *role, int64_t revoked_after,
                                      DokusError *err);

/* One sealed bundle per member (dokus_sync_rotate_prepare). */
typedef struct {
  char           device_id[DOKUS_SYNC_ID_TEXT];
  unsigned char *sealed; /* owned by the array */
  size_t         sealed_len;
} DokusSyncBundle;

/* Owner only: a new random sync key of epoch current + 1, with the whole
 * keyring sealed to every member not revoked, this device included. The
 * book itself does not change: after the relay stored the bundles, open
 * this device's own with dokus_sync_bundle_open() to start sealing under
 * the new epoch. *out (transfer full, dokus_sync_bundles_free()). */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_rotate_prepare (DokusBook *book, uint32_t *new_epoch, /* OUT */
                                       DokusSyncBundle **out, size_t *n_out, /* OUT */
                                       DokusError *err);

DOKUS_PUBLIC void dokus_sync_bundles_free (DokusSyncBundle *bundles, size_t n);

/* The epoch new envelopes are sealed under (0 if sync is off). */
DOKUS_PUBLIC uint32_t dokus_sync_key_epoch (DokusBook *book);

/* ---- own series --------------------------------------------------------
 *
 * A device without the lease of a book's default series ("invoice/2026")
 * numbers in its own series if the user enabled it: @letters "B" gives
 * series "invoice/2026/B" and "credit_note/2026/B" with numbers
 * "2026-B-0001" and "CN-2026-B-0001", continuous per series. The own
 * series are leased like any other (the relay's compare-and-set makes the
 * letters unique in the book): take their leases once, online, before
 * issuing offline (dokus-cli device series). NULL turns it off. 1 to 3
 * letters A-Z. */
DOKUS_PUBLIC DOKUS_WARN_UNUSED_RESULT
DokusStatus dokus_sync_own_series_set (DokusBook *book, const char *letters, /* nullable */
                                       DokusError *err);

/* The letters of this device's own series, or "" (@out has 4 bytes). */
DOKUS_PUBLIC void dokus_sync_own_series_get (DokusBook *book, char out[4]);

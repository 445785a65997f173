/* dokus-relay-envelope.h
 *
 * What the relay can check of a push without the book's keys. Each
 * envelope carries the device's Ed25519 signature over its binding (book,
 * device, dev_seq, key_epoch) and a hash of its nonce and ciphertext;
 * receiving devices verify it end to end. The whole push carries one more
 * signature, batch_sig, over the same bindings and every envelope's own
 * signature: the relay verifies that one, so a tampered, moved,
 * renumbered or swapped envelope, or one pushed with a stolen token but
 * without the device key, is refused with one verification per push
 * instead of one per envelope (docs/sync.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#define DOKUS_ENVELOPE_NONCE_BYTES 24
#define DOKUS_ENVELOPE_SIG_BYTES 64
#define DOKUS_ENVELOPE_SIG_DOMAIN "dokus-sig-1"
#define DOKUS_PUSH_SIG_DOMAIN "dokus-push-1"

/* Ids in signed messages are their 36-character lower-case UUID text, as
 * in the book (DESIGN.md) and on the wire. */
#define DOKUS_ID_TEXT_BYTES 36

/* An envelope's signed message: "dokus-sig-1" || book_id (36) ||
 * device_id (36) || dev_seq (8, big-endian) || key_epoch (4, big-endian)
 * || BLAKE2b-256(nonce || ct): 11 + 36 + 36 + 8 + 4 + 32 = 127 bytes. */
#define DOKUS_ENVELOPE_SIGNED_BYTES 127

void dokus_relay_envelope_signed_message (const uint8_t book_id[16], const uint8_t device_id[16],
                                          uint64_t dev_seq, uint32_t key_epoch,
                                          const uint8_t *nonce, const uint8_t *ct, size_t ct_len,
                                          uint8_t out[DOKUS_ENVELOPE_SIGNED_BYTES]);

/* The push's signed message: "dokus-push-1" || book_id (36) || device_id
 * (36) || BLAKE2b-256 over, for each envelope in order, its 127-byte
 * signed message followed by its 64-byte signature: 12 + 72 + 32 = 116
 * bytes. */
#define DOKUS_PUSH_SIGNED_BYTES 116

/* Writes @id as 36 characters of lower-case UUID text (no terminator). */
void dokus_relay_id_text (const uint8_t id[16], char out[DOKUS_ID_TEXT_BYTES]);

typedef struct {
  crypto_generichash_state st;
  uint8_t book_id[16];
  uint8_t device_id[16];
} DokusPushHash;

void dokus_relay_push_hash_init (DokusPushHash *h, const uint8_t book_id[16],
                                 const uint8_t device_id[16]);
void dokus_relay_push_hash_add (DokusPushHash *h, uint64_t dev_seq, uint32_t key_epoch,
                                const uint8_t *nonce, const uint8_t *ct, size_t ct_len,
                                const uint8_t sig[DOKUS_ENVELOPE_SIG_BYTES]);
void dokus_relay_push_hash_final (DokusPushHash *h, uint8_t out[DOKUS_PUSH_SIGNED_BYTES]);

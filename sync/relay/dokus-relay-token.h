/* dokus-relay-token.h
 *
 * Access tokens (stateless, HMAC-SHA256 under the relay's key file) and
 * refresh tokens (random, stored only as a BLAKE2b-256 hash). Several
 * relays sharing the key file accept each other's tokens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define DOKUS_RELAY_ID_BYTES 16
#define DOKUS_RELAY_KEY_BYTES 32
/* "dat1." book "." device "." family "." exp "." mac, with 16-byte ids in
 * hex, exp in decimal seconds and a 32-byte mac in hex. */
#define DOKUS_RELAY_ACCESS_TOKEN_MAX 192
/* "drt1." and 32 random bytes, base64url without padding. */
#define DOKUS_RELAY_REFRESH_TOKEN_MAX 64
#define DOKUS_RELAY_TOKEN_HASH_BYTES 32

typedef struct {
  uint8_t book_id[DOKUS_RELAY_ID_BYTES];
  uint8_t device_id[DOKUS_RELAY_ID_BYTES];
  uint8_t family_id[DOKUS_RELAY_ID_BYTES];
  int64_t expires; /* Unix seconds */
} DokusRelayClaims;

typedef enum {
  DOKUS_RELAY_TOKEN_OK = 0,
  DOKUS_RELAY_TOKEN_BAD = -1,     /* malformed or forged */
  DOKUS_RELAY_TOKEN_EXPIRED = -2,
} DokusRelayTokenStatus;

/* Reads the 32-byte key (raw, or 64 hex characters and optional
 * whitespace) from @path into @key. 0, or -1 with @msg filled. */
int dokus_relay_key_load (const char *path, uint8_t key[DOKUS_RELAY_KEY_BYTES], char *msg,
                          size_t msg_size);

/* Writes the access token for @claims into @out (a NUL-terminated string
 * of at most DOKUS_RELAY_ACCESS_TOKEN_MAX bytes). */
void dokus_relay_access_token_make (const uint8_t key[DOKUS_RELAY_KEY_BYTES],
                                    const DokusRelayClaims *claims,
                                    char out[DOKUS_RELAY_ACCESS_TOKEN_MAX]);

/* Checks @token's MAC (in constant time) and expiry against @now. */
DokusRelayTokenStatus dokus_relay_access_token_check (const uint8_t key[DOKUS_RELAY_KEY_BYTES],
                                                      const char *token, int64_t now,
                                                      DokusRelayClaims *out);

/* A new random refresh token in @out and its hash in @hash. */
void dokus_relay_refresh_token_make (char out[DOKUS_RELAY_REFRESH_TOKEN_MAX],
                                     uint8_t hash[DOKUS_RELAY_TOKEN_HASH_BYTES]);

/* The hash under which @token is stored; -1 if it is not shaped like one. */
int dokus_relay_refresh_token_hash (const char *token, uint8_t hash[DOKUS_RELAY_TOKEN_HASH_BYTES]);

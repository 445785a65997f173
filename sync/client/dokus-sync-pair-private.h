/* dokus-sync-pair-private.h
 *
 * What the pairing files share: the code (slot and secret), the key
 * derived from it, and messages sealed with that key
 * (dokus-sync-pair-code.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "dokus/dokus-sync-pair.h"

#define PAIR_SLOT_LEN 4
#define PAIR_SECRET_LEN 8
#define PAIR_KEY_BYTES 32

typedef struct {
  char slot[PAIR_SLOT_LEN + 1];
  char secret[PAIR_SECRET_LEN + 1];
} PairCode;

/* a new random code */
void dokus_sync_pair_code_new (PairCode *code);
/* "abcd-efgh jklm" and the like; false if not 12 base32 characters */
bool dokus_sync_pair_code_parse (const char *text, PairCode *out);
/* "ABCD-EFGH-JKLM" */
void dokus_sync_pair_code_format (const PairCode *code, char out[DOKUS_SYNC_PAIR_CODE_TEXT]);
/* Argon2id of the secret, salted with the slot */
DokusStatus dokus_sync_pair_key (const PairCode *code, unsigned char key[PAIR_KEY_BYTES],
                                 DokusError *err);
/* @msg sealed with @key (nonce || crypto_secretbox), as base64 text for
 * the slot (transfer full, free()) */
DokusStatus dokus_sync_pair_seal (const unsigned char key[PAIR_KEY_BYTES], const cJSON *msg,
                                  char **out, DokusError *err);
/* the message of slot body @b64 if it opens under @key and names @slot
 * and type @type (transfer full), else NULL */
cJSON *dokus_sync_pair_open (const unsigned char key[PAIR_KEY_BYTES], const char *b64,
                             const char *slot, const char *type);
/* 16 hex characters of BLAKE2b-256 of @pk */
void dokus_sync_pair_fingerprint_of (const unsigned char pk[32], char out[17]);

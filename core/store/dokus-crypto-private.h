/* dokus-crypto-private.h
 *
 * The cryptography of a book, in one place: page sealing with an AEAD, the
 * key-encryption keys made from a passphrase (Argon2id) or a recovery key
 * (BLAKE2b), and the recovery key's text form. Knows nothing of SQLite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "dokus/dokus-book.h"

#define DOKUS_KEY_BYTES 32
#define DOKUS_FILE_ID_BYTES 16
#define DOKUS_SALT_BYTES 16
#define DOKUS_RECOVERY_BYTES 16          /* 128 random bits */
#define DOKUS_RECOVERY_CHECK_BYTES 4
#define DOKUS_RECOVERY_TEXT_MAX 48       /* 32 symbols in 8 groups + dashes + NUL */
#define DOKUS_RESERVE_MAX 40

/* Which file of a database a page belongs to: each gets its own subkey, so
 * a page can never be moved from the WAL or a journal into the database. */
typedef enum {
  DOKUS_PAGE_MAIN = 1,
  DOKUS_PAGE_WAL = 2,
  DOKUS_PAGE_JOURNAL = 3,
} DokusPageKind;

/* A data key expanded for one kind of file. Lives in sodium_malloc memory. */
typedef struct {
  crypto_aead_aes256gcm_state aes; /* first: sodium_malloc keeps it 16-byte aligned */
  unsigned char               key[DOKUS_KEY_BYTES];
  DokusCipher                 cipher;
  unsigned char               pad[12];
} DokusPageKey;

/* Call once before anything else here; thread-safe, cheap after the first. */
bool dokus_crypto_init (void);

/* Bytes of nonce and tag at the end of each page: 40 for XChaCha20-Poly1305,
 * 28 for AES-256-GCM; 0 for an unknown cipher. */
size_t dokus_cipher_reserve (DokusCipher cipher);
bool dokus_cipher_available (DokusCipher cipher);
const char *dokus_cipher_name (DokusCipher cipher);

/* Derives the page key of @kind from the book's @data_key into a new
 * sodium_malloc'd DokusPageKey: (transfer full) dokus_page_key_free() it. */
DokusPageKey *dokus_page_key_new (const unsigned char data_key[DOKUS_KEY_BYTES],
                                  DokusCipher cipher, DokusPageKind kind);
void dokus_page_key_free (DokusPageKey *key);

/* Seals one page: encrypts in[0, page_size - reserve) into out, and writes a
 * fresh nonce and the tag into out's last reserve bytes. @ad binds the page
 * to its place (file id, page number, ...). in and out may be the same. */
void dokus_page_seal (const DokusPageKey *key, const unsigned char *in, unsigned char *out,
                      size_t page_size, const unsigned char *ad, size_t ad_len);

/* Opens a sealed page into out (in and out may be the same) and zeroes
 * out's reserved tail. false if the tag does not verify: damaged, tampered,
 * moved or sealed with another key. */
bool dokus_page_open (const DokusPageKey *key, const unsigned char *in, unsigned char *out,
                      size_t page_size, const unsigned char *ad, size_t ad_len);

/* Argon2id cost of a DokusKdfCost level. */
void dokus_kdf_cost_params (DokusKdfCost cost, uint32_t *opslimit, uint64_t *memlimit);

/* Key-encryption key from a passphrase; false if Argon2id fails (out of
 * memory, or cost parameters out of libsodium's range). */
bool dokus_kek_from_passphrase (unsigned char kek[DOKUS_KEY_BYTES], const char *passphrase,
                                const unsigned char salt[DOKUS_SALT_BYTES], uint32_t opslimit,
                                uint64_t memlimit);

/* Key-encryption key from the raw recovery key bytes. */
void dokus_kek_from_recovery (unsigned char kek[DOKUS_KEY_BYTES],
                              const unsigned char recovery[DOKUS_RECOVERY_BYTES],
                              const unsigned char salt[DOKUS_SALT_BYTES]);

/* Recovery key text: 32 symbols of Crockford base32 (128 random bits and a
 * 32-bit check) in groups of four, e.g. "7K2Q-...". @text must hold
 * DOKUS_RECOVERY_TEXT_MAX bytes. */
void dokus_recovery_encode (const unsigned char recovery[DOKUS_RECOVERY_BYTES], char *text);

/* Parses recovery key text (case, spaces and dashes ignored; I and L read
 * as 1, O as 0). Returns 0 on success, -1 for a wrong length or symbol,
 * -2 for a bad check (a typo). */
int dokus_recovery_decode (const char *text, unsigned char recovery[DOKUS_RECOVERY_BYTES]);

/* Parses 64 hex digits into a key; false on anything else. */
bool dokus_hex_key_decode (const char *hex, unsigned char key[DOKUS_KEY_BYTES]);

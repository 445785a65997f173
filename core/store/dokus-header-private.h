/* dokus-header-private.h
 *
 * The book file header: the first DOKUS_HEADER_BYTES of a book, before the
 * first SQLite page. Two identical copies, each with a checksum, so that a
 * torn write while the passphrase changes leaves one good copy. Holds the
 * magic, the format version, the cipher, the file id, the key slots (the
 * data key wrapped by the passphrase and by the recovery key) and a key
 * check (a MAC of the copy under the data key). docs/book-format.md has the
 * byte layout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "dokus-crypto-private.h"

#define DOKUS_HEADER_BYTES 4096u /* SQLite page 1 starts here */
#define DOKUS_HEADER_COPY_BYTES 2048u
#define DOKUS_FORMAT_VERSION 1

typedef enum {
  DOKUS_SLOT_NONE = 0,
  DOKUS_SLOT_PASSPHRASE = 1, /* Argon2id 1.3 */
  DOKUS_SLOT_RECOVERY = 2,   /* keyed BLAKE2b of the 128-bit recovery key */
} DokusSlotKind;

typedef struct {
  uint8_t       kind; /* DokusSlotKind */
  uint32_t      opslimit;
  uint64_t      memlimit;
  unsigned char salt[DOKUS_SALT_BYTES];
  unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
  unsigned char wrapped[DOKUS_KEY_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES];
} DokusKeySlot;

typedef struct {
  uint16_t      version;
  DokusCipher   cipher;
  uint8_t       reserve;  /* bytes at the end of each page for nonce and tag */
  uint32_t      sequence; /* grows by one at each header rewrite */
  unsigned char file_id[DOKUS_FILE_ID_BYTES];
  DokusKeySlot  slots[2]; /* [0] passphrase, [1] recovery */
  unsigned char key_check[32];
  unsigned      good_copies; /* bit 0: first copy verified, bit 1: second */
} DokusHeader;

typedef enum {
  DOKUS_HEADER_OK = 0,
  DOKUS_HEADER_NOT_A_BOOK,   /* no copy has the magic */
  DOKUS_HEADER_DAMAGED,      /* magic present, no copy passes its checksum */
  DOKUS_HEADER_TOO_NEW,      /* a newer format version */
  DOKUS_HEADER_BAD_CIPHER,   /* unknown cipher or one this CPU lacks */
} DokusHeaderParse;

/* Starts a header for a new book: random file id, @cipher, no slots. */
void dokus_header_init (DokusHeader *h, DokusCipher cipher);

/* Parses the DOKUS_HEADER_BYTES at @raw, keeping the good copy with the
 * higher sequence. Checks only what needs no key. */
DokusHeaderParse dokus_header_parse (DokusHeader *h, const unsigned char *raw);

/* Writes both copies for @data_key into @raw (DOKUS_HEADER_BYTES). */
void dokus_header_serialize (const DokusHeader *h, const unsigned char data_key[DOKUS_KEY_BYTES],
                             unsigned char *raw);

/* true if @data_key is the book's key and the chosen copy is authentic. */
bool dokus_header_check_key (const DokusHeader *h, const unsigned char data_key[DOKUS_KEY_BYTES]);

/* Wraps @data_key with the passphrase (new salt, Argon2id at @cost) into
 * slot 0. false if Argon2id fails (memory). */
bool dokus_header_set_passphrase (DokusHeader *h, const unsigned char data_key[DOKUS_KEY_BYTES],
                                  const char *passphrase, DokusKdfCost cost);

/* Wraps @data_key with the recovery key into slot 1. */
void dokus_header_set_recovery (DokusHeader *h, const unsigned char data_key[DOKUS_KEY_BYTES],
                                const unsigned char recovery[DOKUS_RECOVERY_BYTES]);

/* Unwraps the data key with the passphrase / recovery key. false if the
 * slot is empty or the secret is wrong (and then @data_key is zeroed). */
bool dokus_header_unwrap_passphrase (const DokusHeader *h, const char *passphrase,
                                     unsigned char data_key[DOKUS_KEY_BYTES]);
bool dokus_header_unwrap_recovery (const DokusHeader *h,
                                   const unsigned char recovery[DOKUS_RECOVERY_BYTES],
                                   unsigned char data_key[DOKUS_KEY_BYTES]);

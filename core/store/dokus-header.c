/* dokus-header.c
 *
 * Reading and writing the book file header (see dokus-header-private.h and
 * docs/book-format.md). Pure functions over byte buffers: the VFS does the
 * file I/O.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <string.h>

#include "dokus-header-private.h"

/* Byte offsets within one copy. */
#define OFF_MAGIC 0
#define OFF_VERSION 16
#define OFF_CIPHER 18
#define OFF_RESERVE 19
#define OFF_SEQUENCE 20
#define OFF_FILE_ID 24
#define OFF_SLOTS 48
#define SLOT_BYTES 128
#define OFF_KEY_CHECK (DOKUS_HEADER_COPY_BYTES - 64)
#define OFF_CHECKSUM (DOKUS_HEADER_COPY_BYTES - 32)

static const unsigned char magic[16] = "Dokus book\0\0\0\0\0";
static const unsigned char slot_ad[] = "dokus key slot v1";
static const char mac_context[8] = { 'd', 'o', 'k', 'u', 's', 'h', 'd', 'r' };

static void
put_u16 (unsigned char *p, uint16_t v)
{
  p[0] = (unsigned char) v;
  p[1] = (unsigned char) (v >> 8);
}

static void
put_u32 (unsigned char *p, uint32_t v)
{
  for (int i = 0; i < 4; i++)
    p[i] = (unsigned char) (v >> (8 * i));
}

static void
put_u64 (unsigned char *p, uint64_t v)
{
  for (int i = 0; i < 8; i++)
    p[i] = (unsigned char) (v >> (8 * i));
}

static uint16_t
get_u16 (const unsigned char *p)
{
  return (uint16_t) (p[0] | (p[1] << 8));
}

static uint32_t
get_u32 (const unsigned char *p)
{
  uint32_t v = 0;
  for (int i = 3; i >= 0; i--)
    v = (v << 8) | p[i];
  return v;
}

static uint64_t
get_u64 (const unsigned char *p)
{
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--)
    v = (v << 8) | p[i];
  return v;
}

void
dokus_header_init (DokusHeader *h, DokusCipher cipher)
{
  memset (h, 0, sizeof *h);
  h->version = DOKUS_FORMAT_VERSION;
  h->cipher = cipher;
  h->reserve = (uint8_t) dokus_cipher_reserve (cipher);
  randombytes_buf (h->file_id, sizeof h->file_id);
}

static void
encode_copy (const DokusHeader *h, unsigned char *c)
{
  memset (c, 0, DOKUS_HEADER_COPY_BYTES);
  memcpy (c + OFF_MAGIC, magic, sizeof magic);
  put_u16 (c + OFF_VERSION, h->version);
  c[OFF_CIPHER] = (unsigned char) h->cipher;
  c[OFF_RESERVE] = h->reserve;
  put_u32 (c + OFF_SEQUENCE, h->sequence);
  memcpy (c + OFF_FILE_ID, h->file_id, DOKUS_FILE_ID_BYTES);
  for (int i = 0; i < 2; i++)
    {
      const DokusKeySlot *s = &h->slots[i];
      unsigned char *p = c + OFF_SLOTS + i * SLOT_BYTES;
      p[0] = s->kind;
      put_u32 (p + 4, s->opslimit);
      put_u64 (p + 8, s->memlimit);
      memcpy (p + 16, s->salt, sizeof s->salt);
      memcpy (p + 32, s->nonce, sizeof s->nonce);
      memcpy (p + 56, s->wrapped, sizeof s->wrapped);
    }
}

static void
compute_key_check (const unsigned char *copy, const unsigned char data_key[DOKUS_KEY_BYTES],
                   unsigned char out[32])
{
  unsigned char mac_key[32];

  crypto_kdf_derive_from_key (mac_key, sizeof mac_key, 1, mac_context, data_key);
  crypto_generichash (out, 32, copy, OFF_KEY_CHECK, mac_key, sizeof mac_key);
  sodium_memzero (mac_key, sizeof mac_key);
}

void
dokus_header_serialize (const DokusHeader *h, const unsigned char data_key[DOKUS_KEY_BYTES],
                        unsigned char *raw)
{
  unsigned char *c = raw;

  encode_copy (h, c);
  compute_key_check (c, data_key, c + OFF_KEY_CHECK);
  crypto_generichash (c + OFF_CHECKSUM, 32, c, OFF_CHECKSUM, NULL, 0);
  memcpy (raw + DOKUS_HEADER_COPY_BYTES, c, DOKUS_HEADER_COPY_BYTES);
}

static bool
decode_copy (DokusHeader *h, const unsigned char *c, DokusHeaderParse *why)
{
  unsigned char sum[32];

  if (memcmp (c + OFF_MAGIC, magic, sizeof magic) != 0)
    {
      *why = DOKUS_HEADER_NOT_A_BOOK;
      return false;
    }
  crypto_generichash (sum, sizeof sum, c, OFF_CHECKSUM, NULL, 0);
  if (sodium_memcmp (sum, c + OFF_CHECKSUM, sizeof sum) != 0)
    {
      *why = DOKUS_HEADER_DAMAGED;
      return false;
    }
  memset (h, 0, sizeof *h);
  h->version = get_u16 (c + OFF_VERSION);
  if (h->version > DOKUS_FORMAT_VERSION || h->version == 0)
    {
      *why = DOKUS_HEADER_TOO_NEW;
      return false;
    }
  h->cipher = (DokusCipher) c[OFF_CIPHER];
  h->reserve = c[OFF_RESERVE];
  if (!dokus_cipher_available (h->cipher) || h->reserve != dokus_cipher_reserve (h->cipher))
    {
      *why = DOKUS_HEADER_BAD_CIPHER;
      return false;
    }
  h->sequence = get_u32 (c + OFF_SEQUENCE);
  memcpy (h->file_id, c + OFF_FILE_ID, DOKUS_FILE_ID_BYTES);
  for (int i = 0; i < 2; i++)
    {
      DokusKeySlot *s = &h->slots[i];
      const unsigned char *p = c + OFF_SLOTS + i * SLOT_BYTES;
      s->kind = p[0];
      s->opslimit = get_u32 (p + 4);
      s->memlimit = get_u64 (p + 8);
      memcpy (s->salt, p + 16, sizeof s->salt);
      memcpy (s->nonce, p + 32, sizeof s->nonce);
      memcpy (s->wrapped, p + 56, sizeof s->wrapped);
    }
  memcpy (h->key_check, c + OFF_KEY_CHECK, sizeof h->key_check);
  return true;
}

DokusHeaderParse
dokus_header_parse (DokusHeader *h, const unsigned char *raw)
{
  DokusHeader copies[2];
  DokusHeaderParse why[2] = { DOKUS_HEADER_OK, DOKUS_HEADER_OK };
  bool good[2];

  for (int i = 0; i < 2; i++)
    good[i] = decode_copy (&copies[i], raw + i * DOKUS_HEADER_COPY_BYTES, &why[i]);
  if (!good[0] && !good[1])
    {
      if (why[0] == DOKUS_HEADER_NOT_A_BOOK && why[1] == DOKUS_HEADER_NOT_A_BOOK)
        return DOKUS_HEADER_NOT_A_BOOK;
      for (int i = 0; i < 2; i++)
        if (why[i] == DOKUS_HEADER_TOO_NEW || why[i] == DOKUS_HEADER_BAD_CIPHER)
          return why[i];
      return DOKUS_HEADER_DAMAGED;
    }
  if (good[0] && (!good[1] || copies[0].sequence >= copies[1].sequence))
    *h = copies[0];
  else
    *h = copies[1];
  h->good_copies = (good[0] ? 1u : 0u) | (good[1] ? 2u : 0u);
  /* both good but different (a crash between the two copies' writes): the
   * newer wins and the older counts as bad, so that it gets rewritten */
  if (h->good_copies == 3 && copies[0].sequence != copies[1].sequence)
    h->good_copies = copies[0].sequence > copies[1].sequence ? 1u : 2u;
  return DOKUS_HEADER_OK;
}

bool
dokus_header_check_key (const DokusHeader *h, const unsigned char data_key[DOKUS_KEY_BYTES])
{
  unsigned char copy[DOKUS_HEADER_COPY_BYTES];
  unsigned char check[32];
  bool ok;

  encode_copy (h, copy);
  compute_key_check (copy, data_key, check);
  ok = sodium_memcmp (check, h->key_check, sizeof check) == 0;
  sodium_memzero (check, sizeof check);
  return ok;
}

static void
wrap_key (DokusKeySlot *s, const unsigned char kek[DOKUS_KEY_BYTES],
          const unsigned char data_key[DOKUS_KEY_BYTES])
{
  unsigned char ad[sizeof slot_ad];

  memcpy (ad, slot_ad, sizeof slot_ad);
  ad[sizeof slot_ad - 1] = s->kind; /* the slot's kind is bound to its content */
  randombytes_buf (s->nonce, sizeof s->nonce);
  crypto_aead_xchacha20poly1305_ietf_encrypt (s->wrapped, NULL, data_key, DOKUS_KEY_BYTES, ad,
                                              sizeof ad, NULL, s->nonce, kek);
}

static bool
unwrap_key (const DokusKeySlot *s, const unsigned char kek[DOKUS_KEY_BYTES],
            unsigned char data_key[DOKUS_KEY_BYTES])
{
  unsigned char ad[sizeof slot_ad];

  memcpy (ad, slot_ad, sizeof slot_ad);
  ad[sizeof slot_ad - 1] = s->kind;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (data_key, NULL, NULL, s->wrapped,
                                                  sizeof s->wrapped, ad, sizeof ad, s->nonce, kek)
      != 0)
    {
      sodium_memzero (data_key, DOKUS_KEY_BYTES);
      return false;
    }
  return true;
}

bool
dokus_header_set_passphrase (DokusHeader *h, const unsigned char data_key[DOKUS_KEY_BYTES],
                             const char *passphrase, DokusKdfCost cost)
{
  DokusKeySlot *s = &h->slots[0];
  unsigned char kek[DOKUS_KEY_BYTES];
  uint32_t ops;
  uint64_t mem;
  bool ok;

  dokus_kdf_cost_params (cost, &ops, &mem);
  s->kind = DOKUS_SLOT_PASSPHRASE;
  s->opslimit = ops;
  s->memlimit = mem;
  randombytes_buf (s->salt, sizeof s->salt);
  ok = dokus_kek_from_passphrase (kek, passphrase, s->salt, ops, mem);
  if (ok)
    wrap_key (s, kek, data_key);
  sodium_memzero (kek, sizeof kek);
  return ok;
}

void
dokus_header_set_recovery (DokusHeader *h, const unsigned char data_key[DOKUS_KEY_BYTES],
                           const unsigned char recovery[DOKUS_RECOVERY_BYTES])
{
  DokusKeySlot *s = &h->slots[1];
  unsigned char kek[DOKUS_KEY_BYTES];

  s->kind = DOKUS_SLOT_RECOVERY;
  s->opslimit = 0;
  s->memlimit = 0;
  randombytes_buf (s->salt, sizeof s->salt);
  dokus_kek_from_recovery (kek, recovery, s->salt);
  wrap_key (s, kek, data_key);
  sodium_memzero (kek, sizeof kek);
}

bool
dokus_header_unwrap_passphrase (const DokusHeader *h, const char *passphrase,
                                unsigned char data_key[DOKUS_KEY_BYTES])
{
  const DokusKeySlot *s = &h->slots[0];
  unsigned char kek[DOKUS_KEY_BYTES];
  bool ok;

  sodium_memzero (data_key, DOKUS_KEY_BYTES);
  if (s->kind != DOKUS_SLOT_PASSPHRASE)
    return false;
  ok = dokus_kek_from_passphrase (kek, passphrase, s->salt, s->opslimit, s->memlimit)
       && unwrap_key (s, kek, data_key);
  sodium_memzero (kek, sizeof kek);
  return ok;
}

bool
dokus_header_unwrap_recovery (const DokusHeader *h,
                              const unsigned char recovery[DOKUS_RECOVERY_BYTES],
                              unsigned char data_key[DOKUS_KEY_BYTES])
{
  const DokusKeySlot *s = &h->slots[1];
  unsigned char kek[DOKUS_KEY_BYTES];
  bool ok;

  sodium_memzero (data_key, DOKUS_KEY_BYTES);
  if (s->kind != DOKUS_SLOT_RECOVERY)
    return false;
  dokus_kek_from_recovery (kek, recovery, s->salt);
  ok = unwrap_key (s, kek, data_key);
  sodium_memzero (kek, sizeof kek);
  return ok;
}

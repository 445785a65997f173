/* dokus-crypto.c
 *
 * Page sealing, key-encryption keys and the recovery key's text form.
 * See dokus-crypto-private.h and docs/book-format.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <ctype.h>
#include <string.h>

#include "dokus-crypto-private.h"
#include "dokus/dokus-platform.h"

#define XCHACHA_NONCE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES /* 24 */
#define AEAD_TAG 16
#define GCM_NONCE crypto_aead_aes256gcm_NPUBBYTES                  /* 12 */

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* Page nonces come from the OS 4 KiB at a time: libsodium 1.0.18 makes one
 * getrandom() system call per randombytes_buf(), as much as a tenth of a
 * page seal. Per thread, and refilled in a forked child, so that no two
 * processes ever hand out the same bytes. */
#define NONCE_POOL 4096
static _Thread_local struct {
  unsigned char bytes[NONCE_POOL];
  size_t        used;
  long          pid;
} nonce_pool = { .used = NONCE_POOL };

static void
nonce_bytes (unsigned char *out, size_t n)
{
  long pid = dokus_platform_process_id ();

  if (nonce_pool.used + n > NONCE_POOL || nonce_pool.pid != pid)
    {
      randombytes_buf (nonce_pool.bytes, NONCE_POOL);
      nonce_pool.used = 0;
      nonce_pool.pid = pid;
    }
  memcpy (out, nonce_pool.bytes + nonce_pool.used, n);
  sodium_memzero (nonce_pool.bytes + nonce_pool.used, n); /* never twice */
  nonce_pool.used += n;
}

bool
dokus_crypto_init (void)
{
  return sodium_init () >= 0;
}

size_t
dokus_cipher_reserve (DokusCipher cipher)
{
  switch (cipher)
    {
    case DOKUS_CIPHER_XCHACHA20POLY1305: return XCHACHA_NONCE + AEAD_TAG;
    case DOKUS_CIPHER_AES256GCM: return GCM_NONCE + AEAD_TAG;
    }
  return 0;
}

bool
dokus_cipher_available (DokusCipher cipher)
{
  switch (cipher)
    {
    case DOKUS_CIPHER_XCHACHA20POLY1305: return true;
    case DOKUS_CIPHER_AES256GCM: return crypto_aead_aes256gcm_is_available () == 1;
    }
  return false;
}

const char *
dokus_cipher_name (DokusCipher cipher)
{
  switch (cipher)
    {
    case DOKUS_CIPHER_XCHACHA20POLY1305: return "xchacha20poly1305";
    case DOKUS_CIPHER_AES256GCM: return "aes256gcm";
    }
  return "unknown";
}

DokusPageKey *
dokus_page_key_new (const unsigned char data_key[DOKUS_KEY_BYTES], DokusCipher cipher,
                    DokusPageKind kind)
{
  DokusPageKey *key;

  assert (sizeof (DokusPageKey) % 16 == 0);
  if (!dokus_cipher_available (cipher))
    return NULL;
  key = sodium_malloc (sizeof *key);
  if (key == NULL)
    return NULL;
  memset (key, 0, sizeof *key);
  key->cipher = cipher;
  /* a subkey per kind of file: "dokuspg1" is the KDF context (8 bytes) */
  crypto_kdf_derive_from_key (key->key, sizeof key->key, (uint64_t) kind, "dokuspg1", data_key);
  if (cipher == DOKUS_CIPHER_AES256GCM)
    crypto_aead_aes256gcm_beforenm (&key->aes, key->key);
  return key;
}

void
dokus_page_key_free (DokusPageKey *key)
{
  if (key != NULL)
    sodium_free (key); /* sodium_free wipes */
}

void
dokus_page_seal (const DokusPageKey *key, const unsigned char *in, unsigned char *out,
                 size_t page_size, const unsigned char *ad, size_t ad_len)
{
  size_t reserve = dokus_cipher_reserve (key->cipher);
  size_t len = page_size - reserve;
  unsigned char *nonce = out + len;

  assert (reserve > 0 && page_size > reserve);
  if (key->cipher == DOKUS_CIPHER_AES256GCM)
    {
      /* 96-bit nonces: 64 random bits after a 32-bit digest of the place
       * (@ad holds the page number), so that two writes collide only when
       * the same page draws the same 64 bits (NIST SP 800-38D 8.2.2). */
      uint32_t place = 2166136261u;
      for (size_t i = 0; i < ad_len; i++)
        place = (place ^ ad[i]) * 16777619u;
      memcpy (nonce, &place, 4);
      nonce_bytes (nonce + 4, GCM_NONCE - 4);
      crypto_aead_aes256gcm_encrypt_detached_afternm (out, nonce + GCM_NONCE, NULL, in, len, ad,
                                                      ad_len, NULL, nonce, &key->aes);
    }
  else
    {
      nonce_bytes (nonce, XCHACHA_NONCE);
      crypto_aead_xchacha20poly1305_ietf_encrypt_detached (out, nonce + XCHACHA_NONCE, NULL, in,
                                                           len, ad, ad_len, NULL, nonce, key->key);
    }
}

bool
dokus_page_open (const DokusPageKey *key, const unsigned char *in, unsigned char *out,
                 size_t page_size, const unsigned char *ad, size_t ad_len)
{
  size_t reserve = dokus_cipher_reserve (key->cipher);
  size_t len = page_size - reserve;
  unsigned char tail[DOKUS_RESERVE_MAX];
  int rc;

  assert (reserve > 0 && page_size > reserve);
  memcpy (tail, in + len, reserve); /* in may be out */
  if (key->cipher == DOKUS_CIPHER_AES256GCM)
    rc = crypto_aead_aes256gcm_decrypt_detached_afternm (out, NULL, in, len, tail + GCM_NONCE, ad,
                                                         ad_len, tail, &key->aes);
  else
    rc = crypto_aead_xchacha20poly1305_ietf_decrypt_detached (out, NULL, in, len,
                                                              tail + XCHACHA_NONCE, ad, ad_len,
                                                              tail, key->key);
  /* SQLite sees zeroed reserved bytes, as on a page it made itself */
  memset (out + len, 0, reserve);
  return rc == 0;
}

void
dokus_kdf_cost_params (DokusKdfCost cost, uint32_t *opslimit, uint64_t *memlimit)
{
  if (cost == DOKUS_KDF_MINIMUM)
    {
      *opslimit = crypto_pwhash_OPSLIMIT_MIN;
      *memlimit = crypto_pwhash_MEMLIMIT_MIN;
      return;
    }
  /* libsodium's "moderate" level, 3 passes over 256 MiB: 0.5 s on one core
   * of the reference machine (docs/book-format.md), within the 0.3-1 s an
   * unlock may take, and costly for a guesser. */
  *opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
  *memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
}

bool
dokus_kek_from_passphrase (unsigned char kek[DOKUS_KEY_BYTES], const char *passphrase,
                           const unsigned char salt[DOKUS_SALT_BYTES], uint32_t opslimit,
                           uint64_t memlimit)
{
  if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > 64 || memlimit < crypto_pwhash_MEMLIMIT_MIN
      || memlimit > (uint64_t) 4 * 1024 * 1024 * 1024)
    return false; /* header values out of a sane range: refuse, do not allocate */
  return crypto_pwhash (kek, DOKUS_KEY_BYTES, passphrase, strlen (passphrase), salt, opslimit,
                        (size_t) memlimit, crypto_pwhash_ALG_ARGON2ID13)
         == 0;
}

void
dokus_kek_from_recovery (unsigned char kek[DOKUS_KEY_BYTES],
                         const unsigned char recovery[DOKUS_RECOVERY_BYTES],
                         const unsigned char salt[DOKUS_SALT_BYTES])
{
  /* 128 uniformly random bits need no slow KDF: a keyed BLAKE2b suffices */
  static const char label[] = "dokus recovery key v1";
  crypto_generichash_state st;

  crypto_generichash_init (&st, recovery, DOKUS_RECOVERY_BYTES, DOKUS_KEY_BYTES);
  crypto_generichash_update (&st, (const unsigned char *) label, sizeof label - 1);
  crypto_generichash_update (&st, salt, DOKUS_SALT_BYTES);
  crypto_generichash_final (&st, kek, DOKUS_KEY_BYTES);
  sodium_memzero (&st, sizeof st);
}

static void
recovery_check (const unsigned char recovery[DOKUS_RECOVERY_BYTES],
                unsigned char check[DOKUS_RECOVERY_CHECK_BYTES])
{
  crypto_generichash (check, DOKUS_RECOVERY_CHECK_BYTES, recovery, DOKUS_RECOVERY_BYTES, NULL, 0);
}

void
dokus_recovery_encode (const unsigned char recovery[DOKUS_RECOVERY_BYTES], char *text)
{
  unsigned char raw[DOKUS_RECOVERY_BYTES + DOKUS_RECOVERY_CHECK_BYTES]; /* 20 bytes = 32 symbols */
  size_t out = 0;

  memcpy (raw, recovery, DOKUS_RECOVERY_BYTES);
  recovery_check (recovery, raw + DOKUS_RECOVERY_BYTES);
  for (size_t sym = 0; sym < 32; sym++)
    {
      size_t bit = sym * 5;
      unsigned v = ((unsigned) raw[bit / 8] << 8) | (bit / 8 + 1 < sizeof raw ? raw[bit / 8 + 1] : 0);
      v = (v >> (11 - bit % 8)) & 31;
      if (sym > 0 && sym % 4 == 0)
        text[out++] = '-';
      text[out++] = crockford[v];
    }
  text[out] = '\0';
  sodium_memzero (raw, sizeof raw);
}

static int
crockford_value (int c)
{
  c = toupper (c);
  if (c == 'I' || c == 'L')
    c = '1';
  if (c == 'O')
    c = '0';
  for (int i = 0; i < 32; i++)
    if (crockford[i] == c)
      return i;
  return -1;
}

int
dokus_recovery_decode (const char *text, unsigned char recovery[DOKUS_RECOVERY_BYTES])
{
  unsigned char raw[DOKUS_RECOVERY_BYTES + DOKUS_RECOVERY_CHECK_BYTES] = { 0 };
  unsigned char check[DOKUS_RECOVERY_CHECK_BYTES];
  size_t sym = 0;
  int status = 0;

  for (const char *p = text; *p; p++)
    {
      int v;
      if (*p == '-' || *p == ' ' || *p == '\t')
        continue;
      v = crockford_value ((unsigned char) *p);
      if (v < 0 || sym >= 32)
        {
          status = -1;
          goto out;
        }
      for (int b = 4; b >= 0; b--)
        {
          size_t bit = sym * 5 + (size_t) (4 - b);
          if (v & (1 << b))
            raw[bit / 8] |= (unsigned char) (0x80 >> (bit % 8));
        }
      sym++;
    }
  if (sym != 32)
    {
      status = -1;
      goto out;
    }
  recovery_check (raw, check);
  if (sodium_memcmp (check, raw + DOKUS_RECOVERY_BYTES, sizeof check) != 0)
    {
      status = -2;
      goto out;
    }
  memcpy (recovery, raw, DOKUS_RECOVERY_BYTES);
out:
  sodium_memzero (raw, sizeof raw);
  return status;
}

bool
dokus_hex_key_decode (const char *hex, unsigned char key[DOKUS_KEY_BYTES])
{
  size_t bin_len = 0;

  if (hex == NULL || strlen (hex) != 2 * DOKUS_KEY_BYTES)
    return false;
  if (sodium_hex2bin (key, DOKUS_KEY_BYTES, hex, 2 * DOKUS_KEY_BYTES, NULL, &bin_len, NULL) != 0
      || bin_len != DOKUS_KEY_BYTES)
    {
      sodium_memzero (key, DOKUS_KEY_BYTES);
      return false;
    }
  return true;
}

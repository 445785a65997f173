/* dokus-relay-envelope.c
 *
 * The envelope and push bindings, byte for byte as in
 * docs/sync-protocol.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-relay-envelope.h"

#include <string.h>

#include <sodium.h>

void
dokus_relay_id_text (const uint8_t id[16], char out[DOKUS_ID_TEXT_BYTES])
{
  static const char digits[] = "0123456789abcdef";
  size_t k = 0;
  for (int i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[k++] = '-';
      out[k++] = digits[id[i] >> 4];
      out[k++] = digits[id[i] & 15];
    }
}

void
dokus_relay_envelope_signed_message (const uint8_t book_id[16], const uint8_t device_id[16],
                                     uint64_t dev_seq, uint32_t key_epoch, const uint8_t *nonce,
                                     const uint8_t *ct, size_t ct_len,
                                     uint8_t out[DOKUS_ENVELOPE_SIGNED_BYTES])
{
  crypto_generichash_state st;
  uint8_t *p = out;

  memcpy (p, DOKUS_ENVELOPE_SIG_DOMAIN, 11);
  p += 11;
  dokus_relay_id_text (book_id, (char *) p);
  p += DOKUS_ID_TEXT_BYTES;
  dokus_relay_id_text (device_id, (char *) p);
  p += DOKUS_ID_TEXT_BYTES;
  for (int i = 7; i >= 0; i--)
    *p++ = (uint8_t) (dev_seq >> (i * 8));
  for (int i = 3; i >= 0; i--)
    *p++ = (uint8_t) (key_epoch >> (i * 8));
  crypto_generichash_init (&st, NULL, 0, 32);
  crypto_generichash_update (&st, nonce, DOKUS_ENVELOPE_NONCE_BYTES);
  crypto_generichash_update (&st, ct, ct_len);
  crypto_generichash_final (&st, p, 32);
}

void
dokus_relay_push_hash_init (DokusPushHash *h, const uint8_t book_id[16],
                            const uint8_t device_id[16])
{
  memcpy (h->book_id, book_id, 16);
  memcpy (h->device_id, device_id, 16);
  crypto_generichash_init (&h->st, NULL, 0, 32);
}

void
dokus_relay_push_hash_add (DokusPushHash *h, uint64_t dev_seq, uint32_t key_epoch,
                           const uint8_t *nonce, const uint8_t *ct, size_t ct_len,
                           const uint8_t sig[DOKUS_ENVELOPE_SIG_BYTES])
{
  uint8_t m[DOKUS_ENVELOPE_SIGNED_BYTES];
  dokus_relay_envelope_signed_message (h->book_id, h->device_id, dev_seq, key_epoch, nonce, ct,
                                       ct_len, m);
  crypto_generichash_update (&h->st, m, sizeof m);
  crypto_generichash_update (&h->st, sig, DOKUS_ENVELOPE_SIG_BYTES);
}

void
dokus_relay_push_hash_final (DokusPushHash *h, uint8_t out[DOKUS_PUSH_SIGNED_BYTES])
{
  memcpy (out, DOKUS_PUSH_SIG_DOMAIN, 12);
  dokus_relay_id_text (h->book_id, (char *) out + 12);
  dokus_relay_id_text (h->device_id, (char *) out + 12 + DOKUS_ID_TEXT_BYTES);
  crypto_generichash_final (&h->st, out + 12 + 2 * DOKUS_ID_TEXT_BYTES, 32);
}

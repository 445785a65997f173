/* dokus-relay-token.c
 *
 * Token formats. An access token names its book, device and refresh
 * family and carries its expiry; the relay recomputes the HMAC instead of
 * storing it. Every request still checks in PostgreSQL that the member is
 * not revoked and the family not revoked (dokus-relay-http.c), so a
 * reused refresh token or a revocation takes effect at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-relay-token.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

int
dokus_relay_key_load (const char *path, uint8_t key[DOKUS_RELAY_KEY_BYTES], char *msg,
                      size_t msg_size)
{
  unsigned char buf[200];
  size_t n, bin_len = 0;
  FILE *f = fopen (path, "rb");

  if (f == NULL)
    {
      snprintf (msg, msg_size, "cannot read the key file %s", path);
      return -1;
    }
  n = fread (buf, 1, sizeof buf, f);
  fclose (f);
  if (n == DOKUS_RELAY_KEY_BYTES)
    {
      memcpy (key, buf, DOKUS_RELAY_KEY_BYTES);
      sodium_memzero (buf, sizeof buf);
      return 0;
    }
  if (n < sizeof buf
      && sodium_hex2bin (key, DOKUS_RELAY_KEY_BYTES, (const char *) buf, n, " \t\r\n", &bin_len,
                         NULL)
           == 0
      && bin_len == DOKUS_RELAY_KEY_BYTES)
    {
      sodium_memzero (buf, sizeof buf);
      return 0;
    }
  sodium_memzero (buf, sizeof buf);
  sodium_memzero (key, DOKUS_RELAY_KEY_BYTES);
  snprintf (msg, msg_size,
            "the key file %s must hold 32 bytes, raw or as 64 hex characters "
            "(e.g. head -c 32 /dev/urandom > FILE)",
            path);
  return -1;
}

static void
mac_hex (const uint8_t key[DOKUS_RELAY_KEY_BYTES], const char *text, size_t len,
         char out[crypto_auth_hmacsha256_BYTES * 2 + 1])
{
  uint8_t mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256 (mac, (const unsigned char *) text, len, key);
  sodium_bin2hex (out, crypto_auth_hmacsha256_BYTES * 2 + 1, mac, sizeof mac);
}

void
dokus_relay_access_token_make (const uint8_t key[DOKUS_RELAY_KEY_BYTES],
                               const DokusRelayClaims *c, char out[DOKUS_RELAY_ACCESS_TOKEN_MAX])
{
  char book[33], dev[33], fam[33], mac[crypto_auth_hmacsha256_BYTES * 2 + 1];
  int len;

  sodium_bin2hex (book, sizeof book, c->book_id, DOKUS_RELAY_ID_BYTES);
  sodium_bin2hex (dev, sizeof dev, c->device_id, DOKUS_RELAY_ID_BYTES);
  sodium_bin2hex (fam, sizeof fam, c->family_id, DOKUS_RELAY_ID_BYTES);
  len = snprintf (out, DOKUS_RELAY_ACCESS_TOKEN_MAX, "dat1.%s.%s.%s.%" PRId64, book, dev, fam,
                  c->expires);
  mac_hex (key, out, (size_t) len, mac);
  snprintf (out + len, DOKUS_RELAY_ACCESS_TOKEN_MAX - (size_t) len, ".%s", mac);
}

static int
parse_id (const char *hex, uint8_t out[DOKUS_RELAY_ID_BYTES])
{
  size_t bin_len = 0;
  return sodium_hex2bin (out, DOKUS_RELAY_ID_BYTES, hex, 32, NULL, &bin_len, NULL) == 0
             && bin_len == DOKUS_RELAY_ID_BYTES
           ? 0
           : -1;
}

DokusRelayTokenStatus
dokus_relay_access_token_check (const uint8_t key[DOKUS_RELAY_KEY_BYTES], const char *token,
                                int64_t now, DokusRelayClaims *out)
{
  size_t len = strlen (token);
  const char *dot;
  char expect[crypto_auth_hmacsha256_BYTES * 2 + 1];
  char *end;
  long long exp;

  /* dat1. (5) + 3 ids with dots (99) + exp (1..19) + . + mac (64) */
  if (len < 5 + 99 + 1 + 1 + 64 || len >= DOKUS_RELAY_ACCESS_TOKEN_MAX
      || strncmp (token, "dat1.", 5) != 0)
    return DOKUS_RELAY_TOKEN_BAD;
  dot = token + len - 65;
  if (*dot != '.')
    return DOKUS_RELAY_TOKEN_BAD;
  mac_hex (key, token, (size_t) (dot - token), expect);
  if (sodium_memcmp (expect, dot + 1, 64) != 0)
    return DOKUS_RELAY_TOKEN_BAD;
  if (token[37] != '.' || token[70] != '.' || token[103] != '.'
      || parse_id (token + 5, out->book_id) != 0 || parse_id (token + 38, out->device_id) != 0
      || parse_id (token + 71, out->family_id) != 0)
    return DOKUS_RELAY_TOKEN_BAD;
  exp = strtoll (token + 104, &end, 10);
  if (end != dot)
    return DOKUS_RELAY_TOKEN_BAD;
  out->expires = exp;
  return exp <= now ? DOKUS_RELAY_TOKEN_EXPIRED : DOKUS_RELAY_TOKEN_OK;
}

void
dokus_relay_refresh_token_make (char out[DOKUS_RELAY_REFRESH_TOKEN_MAX],
                                uint8_t hash[DOKUS_RELAY_TOKEN_HASH_BYTES])
{
  uint8_t raw[32];
  randombytes_buf (raw, sizeof raw);
  memcpy (out, "drt1.", 5);
  sodium_bin2base64 (out + 5, DOKUS_RELAY_REFRESH_TOKEN_MAX - 5, raw, sizeof raw,
                     sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (raw, sizeof raw);
  dokus_relay_refresh_token_hash (out, hash);
}

int
dokus_relay_refresh_token_hash (const char *token, uint8_t hash[DOKUS_RELAY_TOKEN_HASH_BYTES])
{
  size_t len = strlen (token);
  if (len < 10 || len >= DOKUS_RELAY_REFRESH_TOKEN_MAX || strncmp (token, "drt1.", 5) != 0)
    return -1;
  crypto_generichash (hash, DOKUS_RELAY_TOKEN_HASH_BYTES, (const unsigned char *) token, len,
                      NULL, 0);
  return 0;
}

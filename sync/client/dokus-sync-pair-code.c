/* dokus-sync-pair-code.c
 *
 * The pairing code and what follows from it: 12 base32 characters
 * (A-Z, 2-7), the first 4 a relay slot, the other 8 a 40-bit secret;
 * pair_key = Argon2id(secret, salt = BLAKE2b-128("dokus-pair-1" || slot))
 * with libsodium's interactive limits, so trying the 2^40 secrets against
 * a captured message takes far longer than the code's 10 minutes.
 * Messages are JSON objects naming their type and slot, sealed with
 * crypto_secretbox under pair_key (random nonce in front).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-sync-pair-private.h"

static const char base32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void
dokus_sync_pair_code_new (PairCode *code)
{
  for (int i = 0; i < PAIR_SLOT_LEN; i++)
    code->slot[i] = base32[randombytes_uniform (32)];
  code->slot[PAIR_SLOT_LEN] = '\0';
  for (int i = 0; i < PAIR_SECRET_LEN; i++)
    code->secret[i] = base32[randombytes_uniform (32)];
  code->secret[PAIR_SECRET_LEN] = '\0';
}

bool
dokus_sync_pair_code_parse (const char *text, PairCode *out)
{
  char all[PAIR_SLOT_LEN + PAIR_SECRET_LEN];
  size_t n = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = (char) toupper ((unsigned char) *p);
      if (c == '-' || c == ' ')
        continue;
      if (strchr (base32, c) == NULL || c == '\0' || n == sizeof all)
        return false;
      all[n++] = c;
    }
  if (n != sizeof all)
    return false;
  memcpy (out->slot, all, PAIR_SLOT_LEN);
  out->slot[PAIR_SLOT_LEN] = '\0';
  memcpy (out->secret, all + PAIR_SLOT_LEN, PAIR_SECRET_LEN);
  out->secret[PAIR_SECRET_LEN] = '\0';
  sodium_memzero (all, sizeof all);
  return true;
}

bool
dokus_sync_pair_code_valid (const char *code)
{
  PairCode c;
  bool ok = dokus_sync_pair_code_parse (code, &c);
  sodium_memzero (&c, sizeof c);
  return ok;
}

void
dokus_sync_pair_code_format (const PairCode *code, char out[DOKUS_SYNC_PAIR_CODE_TEXT])
{
  snprintf (out, DOKUS_SYNC_PAIR_CODE_TEXT, "%s-%.4s-%.4s", code->slot, code->secret,
            code->secret + 4);
}

DokusStatus
dokus_sync_pair_key (const PairCode *code, unsigned char key[PAIR_KEY_BYTES], DokusError *err)
{
  unsigned char salt[crypto_pwhash_SALTBYTES];
  crypto_generichash_state h;

  crypto_generichash_init (&h, NULL, 0, sizeof salt);
  crypto_generichash_update (&h, (const unsigned char *) "dokus-pair-1", 12);
  crypto_generichash_update (&h, (const unsigned char *) code->slot, PAIR_SLOT_LEN);
  crypto_generichash_final (&h, salt, sizeof salt);
  if (crypto_pwhash (key, PAIR_KEY_BYTES, code->secret, PAIR_SECRET_LEN, salt,
                     crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                     crypto_pwhash_ALG_ARGON2ID13)
      != 0)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory deriving the pairing key");
  return DOKUS_OK;
}

DokusStatus
dokus_sync_pair_seal (const unsigned char key[PAIR_KEY_BYTES], const cJSON *msg, char **out,
                      DokusError *err)
{
  char *text = cJSON_PrintUnformatted (msg);
  size_t len = text ? strlen (text) : 0;
  size_t box_len = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
  unsigned char *box = text ? malloc (box_len) : NULL;
  size_t b64_len = sodium_base64_encoded_len (box_len, sodium_base64_VARIANT_ORIGINAL);

  *out = box ? malloc (b64_len) : NULL;
  if (*out == NULL)
    {
      free (box);
      free (text);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  randombytes_buf (box, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy (box + crypto_secretbox_NONCEBYTES, (const unsigned char *) text, len,
                         box, key);
  sodium_bin2base64 (*out, b64_len, box, box_len, sodium_base64_VARIANT_ORIGINAL);
  sodium_memzero (text, len);
  free (text);
  free (box);
  return DOKUS_OK;
}

cJSON *
dokus_sync_pair_open (const unsigned char key[PAIR_KEY_BYTES], const char *b64, const char *slot,
                      const char *type)
{
  size_t n = strlen (b64), len = 0;
  unsigned char *box = malloc (n + 1);
  char *text = NULL;
  cJSON *msg = NULL;
  const cJSON *t, *s;

  if (box == NULL
      || sodium_base642bin (box, n + 1, b64, n, NULL, &len, NULL, sodium_base64_VARIANT_ORIGINAL)
           != 0
      || len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES
      || (text = malloc (len + 1)) == NULL)
    goto out;
  if (crypto_secretbox_open_easy ((unsigned char *) text, box + crypto_secretbox_NONCEBYTES,
                                  len - crypto_secretbox_NONCEBYTES, box, key)
      != 0)
    goto out;
  text[len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES] = '\0';
  msg = cJSON_Parse (text);
  t = cJSON_GetObjectItemCaseSensitive (msg, "t");
  s = cJSON_GetObjectItemCaseSensitive (msg, "slot");
  /* a message is bound to its slot and direction */
  if (!cJSON_IsString (t) || strcmp (t->valuestring, type) != 0 || !cJSON_IsString (s)
      || strcmp (s->valuestring, slot) != 0)
    {
      cJSON_Delete (msg);
      msg = NULL;
    }
out:
  if (text != NULL)
    sodium_memzero (text, len);
  free (text);
  free (box);
  return msg;
}

void
dokus_sync_pair_fingerprint_of (const unsigned char pk[32], char out[17])
{
  unsigned char h[32];
  crypto_generichash (h, sizeof h, pk, 32, NULL, 0);
  sodium_bin2hex (out, 17, h, 8);
}

/* dokus-sync-wire.c
 *
 * The relay client's wire helpers: base64 members, ids and big-endian
 * integers inside signed messages, the envelope binding, and envelopes
 * in the pull format (docs/sync-protocol.md), which snapshots reuse.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-sync-client-private.h"

bool
dokus_sync_wire_add_b64 (cJSON *o, const char *key, const unsigned char *bin, size_t len)
{
  size_t cap = sodium_base64_encoded_len (len, sodium_base64_VARIANT_ORIGINAL);
  char *s = malloc (cap);
  bool ok;

  if (s == NULL)
    return false;
  sodium_bin2base64 (s, cap, bin, len, sodium_base64_VARIANT_ORIGINAL);
  ok = cJSON_AddStringToObject (o, key, s) != NULL;
  free (s);
  return ok;
}

bool
dokus_sync_wire_get_b64 (const cJSON *o, const char *key, unsigned char **out, size_t *len)
{
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (o, key);
  size_t n;

  *out = NULL;
  if (!cJSON_IsString (m))
    return false;
  n = strlen (m->valuestring);
  *out = malloc (n + 1);
  if (*out == NULL
      || sodium_base642bin (*out, n + 1, m->valuestring, n, NULL, len, NULL,
                            sodium_base64_VARIANT_ORIGINAL) != 0)
    {
      free (*out);
      *out = NULL;
      return false;
    }
  return true;
}

void
dokus_sync_wire_put_id (unsigned char *p, const char *id)
{
  memset (p, 0, SYNC_ID_LEN);
  memcpy (p, id, strnlen (id, SYNC_ID_LEN));
}

void
dokus_sync_wire_put_be (unsigned char *p, uint64_t v, int bytes)
{
  for (int i = 0; i < bytes; i++)
    p[i] = (unsigned char) (v >> (8 * (bytes - 1 - i)));
}

void
dokus_sync_wire_binding (unsigned char out[SYNC_BINDING_LEN], const char *book_id,
                         const DokusSyncEnvelope *e)
{
  crypto_generichash_state h;

  memcpy (out, "dokus-sig-1", 11);
  dokus_sync_wire_put_id (out + 11, book_id);
  dokus_sync_wire_put_id (out + 11 + SYNC_ID_LEN, e->device_id);
  dokus_sync_wire_put_be (out + 11 + 2 * SYNC_ID_LEN, (uint64_t) e->dev_seq, 8);
  dokus_sync_wire_put_be (out + 11 + 2 * SYNC_ID_LEN + 8, e->key_epoch, 4);
  crypto_generichash_init (&h, NULL, 0, 32);
  crypto_generichash_update (&h, e->nonce, sizeof e->nonce);
  crypto_generichash_update (&h, e->ct, e->ct_len);
  crypto_generichash_final (&h, out + 11 + 2 * SYNC_ID_LEN + 12, 32);
}

int64_t
dokus_sync_wire_int (const cJSON *o, const char *key, int64_t dflt)
{
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (o, key);
  return cJSON_IsNumber (m) ? (int64_t) m->valuedouble : dflt;
}

/* One pulled envelope into @e; false when malformed. */
static bool
parse_envelope (const cJSON *item, DokusSyncEnvelope *e)
{
  const cJSON *dev = cJSON_GetObjectItemCaseSensitive (item, "device_id");
  unsigned char *nonce = NULL, *sig = NULL;
  size_t nl = 0, sl = 0;
  bool ok = cJSON_IsString (dev) && strlen (dev->valuestring) == SYNC_ID_LEN
            && dokus_sync_wire_int (item, "dev_seq", 0) > 0
            && dokus_sync_wire_int (item, "server_seq", 0) > 0
            && dokus_sync_wire_get_b64 (item, "nonce", &nonce, &nl) && nl == sizeof e->nonce
            && dokus_sync_wire_get_b64 (item, "sig", &sig, &sl) && sl == sizeof e->sig
            && dokus_sync_wire_get_b64 (item, "ct", &e->ct, &e->ct_len);

  if (ok)
    {
      memcpy (e->device_id, dev->valuestring, SYNC_ID_LEN + 1);
      memcpy (e->nonce, nonce, nl);
      memcpy (e->sig, sig, sl);
      e->dev_seq = dokus_sync_wire_int (item, "dev_seq", 0);
      e->key_epoch = (uint32_t) dokus_sync_wire_int (item, "key_epoch", 0);
      e->server_seq = dokus_sync_wire_int (item, "server_seq", 0);
    }
  free (nonce);
  free (sig);
  return ok;
}

DokusStatus
dokus_sync_wire_parse_envelopes (const cJSON *list, const char *what, DokusSyncEnvelope **out,
                                 size_t *n, DokusError *err)
{
  const cJSON *item;
  DokusSyncEnvelope *envs;
  size_t count = 0;

  *out = NULL;
  *n = 0;
  if (!cJSON_IsArray (list))
    return dokus_error_set (err, DOKUS_ERR_IO, what, "the relay's answer has no %s list", what);
  if (cJSON_GetArraySize (list) == 0)
    return DOKUS_OK;
  envs = calloc ((size_t) cJSON_GetArraySize (list), sizeof *envs);
  if (envs == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  cJSON_ArrayForEach (item, list)
    {
      if (!parse_envelope (item, &envs[count]))
        {
          dokus_sync_envelopes_free (envs, count + 1);
          return dokus_error_set (err, DOKUS_ERR_IO, what, "%s[%lu] is malformed", what,
                                  (unsigned long) count);
        }
      count++;
    }
  *out = envs;
  *n = count;
  return DOKUS_OK;
}

cJSON *
dokus_sync_wire_envelope_json (const DokusSyncEnvelope *e)
{
  cJSON *o = cJSON_CreateObject ();

  if (o == NULL || cJSON_AddNumberToObject (o, "server_seq", (double) e->server_seq) == NULL
      || cJSON_AddStringToObject (o, "device_id", e->device_id) == NULL
      || cJSON_AddNumberToObject (o, "dev_seq", (double) e->dev_seq) == NULL
      || cJSON_AddNumberToObject (o, "key_epoch", e->key_epoch) == NULL
      || !dokus_sync_wire_add_b64 (o, "nonce", e->nonce, sizeof e->nonce)
      || !dokus_sync_wire_add_b64 (o, "ct", e->ct, e->ct_len)
      || !dokus_sync_wire_add_b64 (o, "sig", e->sig, sizeof e->sig))
    {
      cJSON_Delete (o);
      return NULL;
    }
  return o;
}

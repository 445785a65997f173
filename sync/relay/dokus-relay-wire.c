/* dokus-relay-wire.c
 *
 * JSON value readers and writers shared by the handlers; every refusal
 * names the field, e.g. "envelopes[3].nonce".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-relay-wire.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

bool
dokus_relay_parse_id (const char *text, uint8_t out[16])
{
  char hex[33];
  size_t k = 0, len = 0;
  if (text == NULL || strlen (text) != 36)
    return false;
  for (size_t i = 0; i < 36; i++)
    {
      char c = text[i];
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (c != '-')
            return false;
          continue;
        }
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
        return false;
      hex[k++] = c;
    }
  hex[32] = '\0';
  return sodium_hex2bin (out, 16, hex, 32, NULL, &len, NULL) == 0 && len == 16;
}

void
dokus_relay_format_id (const uint8_t id[16], char out[37])
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
  out[k] = '\0';
}

bool
dokus_relay_wire_id (DokusRelayRequest *req, const cJSON *obj, const char *name,
                     const char *field, uint8_t out[16])
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (obj, name);
  if (!cJSON_IsString (v) || !dokus_relay_parse_id (v->valuestring, out))
    {
      dokus_relay_reply_error (req, 400, "invalid", field, NULL,
                               "%s must be an id in lower-case UUID text form (8-4-4-4-12 hex digits)", field);
      return false;
    }
  return true;
}

/* Standard base64 with padding, strict (canonical, no whitespace). Our
 * own table decoder: libsodium's is constant-time and was the relay's
 * largest cost on push; ciphertexts and public keys need no constant
 * time. */
static int8_t b64_table[256];
static pthread_once_t b64_once = PTHREAD_ONCE_INIT;

static void
make_b64_table (void)
{
  static const char alphabet[]
    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  memset (b64_table, -1, sizeof b64_table);
  for (int i = 0; i < 64; i++)
    b64_table[(unsigned char) alphabet[i]] = (int8_t) i;
}

static bool
decode_b64 (const char *text, uint8_t *out, size_t cap, size_t *out_len)
{
  const int8_t *table = b64_table;
  size_t len = strlen (text), n = 0;

  pthread_once (&b64_once, make_b64_table);
  if (len % 4 != 0)
    return false;
  for (size_t i = 0; i < len; i += 4)
    {
      int a = table[(unsigned char) text[i]], b = table[(unsigned char) text[i + 1]];
      int c = table[(unsigned char) text[i + 2]], d = table[(unsigned char) text[i + 3]];
      bool last = i + 4 == len;
      if (a < 0 || b < 0)
        return false;
      if (last && text[i + 2] == '=' && text[i + 3] == '=')
        {
          if ((b & 15) != 0 || n + 1 > cap)
            return false;
          out[n++] = (uint8_t) (a << 2 | b >> 4);
          break;
        }
      if (c < 0)
        return false;
      if (last && text[i + 3] == '=')
        {
          if ((c & 3) != 0 || n + 2 > cap)
            return false;
          out[n++] = (uint8_t) (a << 2 | b >> 4);
          out[n++] = (uint8_t) ((b & 15) << 4 | c >> 2);
          break;
        }
      if (d < 0 || n + 3 > cap)
        return false;
      out[n++] = (uint8_t) (a << 2 | b >> 4);
      out[n++] = (uint8_t) ((b & 15) << 4 | c >> 2);
      out[n++] = (uint8_t) ((c & 3) << 6 | d);
    }
  *out_len = n;
  return true;
}

bool
dokus_relay_wire_key (DokusRelayRequest *req, const cJSON *obj, const char *name,
                      const char *field, uint8_t out[32])
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (obj, name);
  size_t len = 0;
  if (!cJSON_IsString (v) || strlen (v->valuestring) != 44
      || !decode_b64 (v->valuestring, out, 32, &len) || len != 32)
    {
      dokus_relay_reply_error (req, 400, "invalid", field, NULL,
                               "%s must be a 32-byte key in base64", field);
      return false;
    }
  return true;
}

bool
dokus_relay_wire_bytes (DokusRelayRequest *req, const cJSON *obj, const char *name,
                        const char *field, size_t len, size_t max, uint8_t **out,
                        size_t *out_len)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (obj, name);
  size_t cap = len ? len : max;
  size_t text_len;
  uint8_t *buf;

  *out = NULL;
  *out_len = 0;
  if (!cJSON_IsString (v))
    {
      dokus_relay_reply_error (req, 400, "invalid", field, NULL, "%s must be a base64 string",
                               field);
      return false;
    }
  text_len = strlen (v->valuestring);
  if (text_len / 4 * 3 > cap + 3)
    {
      if (len)
        dokus_relay_reply_error (req, 400, "invalid", field, NULL, "%s must be %lu bytes", field,
                                 (unsigned long) len);
      else
        dokus_relay_reply_error (req, 413, "too_large", field, NULL,
                                 "%s is larger than %lu bytes", field, (unsigned long) max);
      return false;
    }
  buf = malloc (cap + 1);
  if (buf == NULL)
    {
      dokus_relay_reply_error (req, 500, "internal", field, NULL, "out of memory");
      return false;
    }
  if (!decode_b64 (v->valuestring, buf, cap, out_len) || (len && *out_len != len)
      || (!len && *out_len == 0))
    {
      free (buf);
      if (len)
        dokus_relay_reply_error (req, 400, "invalid", field, NULL,
                                 "%s must be %lu bytes in base64", field, (unsigned long) len);
      else
        dokus_relay_reply_error (req, 400, "invalid", field, NULL,
                                 "%s must be non-empty base64", field);
      return false;
    }
  *out = buf;
  return true;
}

bool
dokus_relay_wire_int (DokusRelayRequest *req, const cJSON *obj, const char *name,
                      const char *field, long long min, long long max, long long *out)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (obj, name);
  if (!cJSON_IsNumber (v) || v->valuedouble != floor (v->valuedouble)
      || v->valuedouble < (double) min || v->valuedouble > (double) max)
    {
      dokus_relay_reply_error (req, 400, "invalid", field, NULL,
                               "%s must be an integer from %lld to %lld", field, min, max);
      return false;
    }
  *out = (long long) v->valuedouble;
  return true;
}

bool
dokus_relay_json_add_b64 (cJSON *obj, const char *name, const void *data, size_t len)
{
  size_t cap = sodium_base64_ENCODED_LEN (len, sodium_base64_VARIANT_ORIGINAL);
  char *text = malloc (cap);
  cJSON *s;
  if (text == NULL)
    return false;
  sodium_bin2base64 (text, cap, data, len, sodium_base64_VARIANT_ORIGINAL);
  s = cJSON_CreateString (text);
  free (text);
  return s && cJSON_AddItemToObject (obj, name, s);
}

bool
dokus_relay_json_add_id (cJSON *obj, const char *name, const uint8_t id[16])
{
  char hex[37];
  dokus_relay_format_id (id, hex);
  return cJSON_AddStringToObject (obj, name, hex) != NULL;
}

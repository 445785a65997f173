/* dokus-id.c
 *
 * Record ids and timestamps (see dokus-id-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-id-private.h"
#include "dokus/dokus-platform.h"

/* @b as a UUID of @version with the RFC 4122 variant, in text form. */
static void
uuid_format (unsigned char b[16], unsigned version, char out[DOKUS_UUID_TEXT])
{
  static const char hex[] = "0123456789abcdef";
  size_t o = 0;

  b[6] = (unsigned char) ((b[6] & 0x0f) | (version << 4));
  b[8] = (unsigned char) ((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
  for (size_t i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[o++] = '-';
      out[o++] = hex[b[i] >> 4];
      out[o++] = hex[b[i] & 15];
    }
  out[o] = '\0';
}

void
dokus_uuid_new (char out[DOKUS_UUID_TEXT])
{
  unsigned char b[16];

  randombytes_buf (b, sizeof b);
  uuid_format (b, 4, out);
}

void
dokus_uuid_from_seed (const char *seed, char out[DOKUS_UUID_TEXT])
{
  unsigned char b[16];

  crypto_generichash (b, sizeof b, (const unsigned char *) seed, strlen (seed), NULL, 0);
  uuid_format (b, 8, out);
}

int
dokus_uuid_is_valid (const char *text)
{
  if (text == NULL || strlen (text) != 36)
    return 0;
  for (size_t i = 0; i < 36; i++)
    {
      char c = text[i];
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (c != '-')
            return 0;
        }
      else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
        return 0;
    }
  return 1;
}

void
dokus_timestamp_now (char out[DOKUS_TIMESTAMP_TEXT])
{
  const char *fixed = getenv ("DOKUS_NOW");
  int y = 1970, mo = 1, d = 1, h = 0, mi = 0, sec = 0;
  char buf[80];

  if (fixed != NULL && strlen (fixed) == DOKUS_TIMESTAMP_TEXT - 1)
    {
      memcpy (out, fixed, DOKUS_TIMESTAMP_TEXT);
      return;
    }
  dokus_platform_utc_now (&y, &mo, &d, &h, &mi, &sec);
  snprintf (buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, sec);
  memcpy (out, buf, DOKUS_TIMESTAMP_TEXT - 1);
  out[DOKUS_TIMESTAMP_TEXT - 1] = '\0';
}

/* check-relay-units.c
 *
 * Suite "relay", units: the parts of dokus-relay that need no server.
 * Access tokens (made, checked, expired, forged, another key), refresh
 * token hashes, the token key file, per-key rate limits with their
 * Retry-After, the settings (defaults, environment, flags, the loopback
 * rule) and the envelope and push bindings, byte for byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <sodium.h>

#include "dokus-relay-config.h"
#include "dokus-relay-envelope.h"
#include "dokus-relay-ratelimit.h"
#include "dokus-relay-token.h"

static DokusRelayClaims
sample_claims (int64_t expires)
{
  DokusRelayClaims c;
  memset (c.book_id, 0x11, 16);
  memset (c.device_id, 0x22, 16);
  memset (c.family_id, 0x33, 16);
  c.expires = expires;
  return c;
}

START_TEST (test_relay_access_token_round_trip)
{
  uint8_t key[32];
  char token[DOKUS_RELAY_ACCESS_TOKEN_MAX];
  DokusRelayClaims in = sample_claims (2000000000), out;

  memset (key, 7, sizeof key);
  dokus_relay_access_token_make (key, &in, token);
  ck_assert (strncmp (token, "dat1.11111111111111111111111111111111.2222", 42) == 0);
  ck_assert_int_eq (dokus_relay_access_token_check (key, token, 1999999999, &out),
                    DOKUS_RELAY_TOKEN_OK);
  ck_assert (memcmp (out.book_id, in.book_id, 16) == 0);
  ck_assert (memcmp (out.device_id, in.device_id, 16) == 0);
  ck_assert (memcmp (out.family_id, in.family_id, 16) == 0);
  ck_assert_int_eq (out.expires, 2000000000);
  /* at and after the expiry second: expired */
  ck_assert_int_eq (dokus_relay_access_token_check (key, token, 2000000000, &out),
                    DOKUS_RELAY_TOKEN_EXPIRED);
}
END_TEST

START_TEST (test_relay_access_token_refuses_forgeries)
{
  uint8_t key[32], other[32];
  char token[DOKUS_RELAY_ACCESS_TOKEN_MAX], bad[DOKUS_RELAY_ACCESS_TOKEN_MAX];
  DokusRelayClaims in = sample_claims (2000000000), out;
  size_t len;

  memset (key, 7, sizeof key);
  memset (other, 8, sizeof other);
  dokus_relay_access_token_make (key, &in, token);
  len = strlen (token);
  /* another key */
  ck_assert_int_eq (dokus_relay_access_token_check (other, token, 0, &out),
                    DOKUS_RELAY_TOKEN_BAD);
  /* one changed character anywhere: the device, the expiry, the mac */
  for (size_t i = 5; i < len; i++)
    {
      if (token[i] == '.')
        continue;
      memcpy (bad, token, len + 1);
      bad[i] = bad[i] == '1' ? '2' : '1';
      ck_assert_msg (dokus_relay_access_token_check (key, bad, 0, &out) == DOKUS_RELAY_TOKEN_BAD,
                     "a change at %lu was accepted", (unsigned long) i);
    }
  /* truncated, empty, another version */
  memcpy (bad, token, len + 1);
  bad[len - 1] = '\0';
  ck_assert_int_eq (dokus_relay_access_token_check (key, bad, 0, &out), DOKUS_RELAY_TOKEN_BAD);
  ck_assert_int_eq (dokus_relay_access_token_check (key, "", 0, &out), DOKUS_RELAY_TOKEN_BAD);
  memcpy (bad, token, len + 1);
  bad[3] = '2';
  ck_assert_int_eq (dokus_relay_access_token_check (key, bad, 0, &out), DOKUS_RELAY_TOKEN_BAD);
}
END_TEST

START_TEST (test_relay_refresh_token_hash)
{
  char t1[DOKUS_RELAY_REFRESH_TOKEN_MAX], t2[DOKUS_RELAY_REFRESH_TOKEN_MAX];
  uint8_t h1[32], h2[32], again[32];

  dokus_relay_refresh_token_make (t1, h1);
  dokus_relay_refresh_token_make (t2, h2);
  ck_assert (strncmp (t1, "drt1.", 5) == 0);
  ck_assert_uint_eq (strlen (t1), 5 + 43); /* 32 bytes, base64url without padding */
  ck_assert_str_ne (t1, t2);
  ck_assert (memcmp (h1, h2, 32) != 0);
  ck_assert_int_eq (dokus_relay_refresh_token_hash (t1, again), 0);
  ck_assert (memcmp (h1, again, 32) == 0);
  ck_assert_int_eq (dokus_relay_refresh_token_hash ("dat1.x", again), -1);
  ck_assert_int_eq (dokus_relay_refresh_token_hash ("drt1.", again), -1);
}
END_TEST

START_TEST (test_relay_key_file_forms)
{
  char path[] = "/tmp/dokus-relay-key.XXXXXX", msg[256];
  uint8_t key[32], raw[32];
  int fd = mkstemp (path);
  FILE *f;

  ck_assert_int_ge (fd, 0);
  close (fd);
  for (int i = 0; i < 32; i++)
    raw[i] = (uint8_t) (i * 7 + 1);
  f = fopen (path, "wb");
  fwrite (raw, 1, 32, f);
  fclose (f);
  ck_assert_int_eq (dokus_relay_key_load (path, key, msg, sizeof msg), 0);
  ck_assert (memcmp (key, raw, 32) == 0);
  /* 64 hex characters and a newline */
  f = fopen (path, "w");
  fputs ("01080f161d242b323940474e555c636a71787f868d949ba2a9b0b7bec5ccd3da\n", f);
  fclose (f);
  ck_assert_int_eq (dokus_relay_key_load (path, key, msg, sizeof msg), 0);
  ck_assert (memcmp (key, raw, 32) == 0);
  /* too short */
  f = fopen (path, "w");
  fputs ("0108", f);
  fclose (f);
  ck_assert_int_eq (dokus_relay_key_load (path, key, msg, sizeof msg), -1);
  ck_assert (strstr (msg, "32 bytes") != NULL);
  unlink (path);
  ck_assert_int_eq (dokus_relay_key_load (path, key, msg, sizeof msg), -1);
}
END_TEST

START_TEST (test_relay_rate_limit_bursts_then_refuses)
{
  DokusRelayRateLimit *rl = dokus_relay_ratelimit_new (5);
  unsigned retry = 0;
  int allowed = 0;

  /* 5 per second: a burst of 10 passes, the 11th waits about 0.2 s -> 1 s */
  for (int i = 0; i < 10; i++)
    allowed += dokus_relay_ratelimit_take (rl, "device-a", &retry);
  ck_assert_int_eq (allowed, 10);
  ck_assert (!dokus_relay_ratelimit_take (rl, "device-a", &retry));
  ck_assert_uint_eq (retry, 1);
  /* another key has its own bucket */
  ck_assert (dokus_relay_ratelimit_take (rl, "device-b", &retry));
  /* after 0.3 s one token is back (5/s) */
  usleep (300000);
  ck_assert (dokus_relay_ratelimit_take (rl, "device-a", &retry));
  dokus_relay_ratelimit_free (rl);
  /* 0: off */
  rl = dokus_relay_ratelimit_new (0);
  for (int i = 0; i < 1000; i++)
    ck_assert (dokus_relay_ratelimit_take (rl, "x", &retry));
  dokus_relay_ratelimit_free (rl);
}
END_TEST

START_TEST (test_relay_config_sources_and_rules)
{
  DokusRelayConfig cfg;
  char msg[300];
  char *ok[] = { "dokus-relay", "--database-url", "dbname=x", "--key-file=/k", "--threads", "3",
                 NULL };
  char *v6[] = { "dokus-relay", "--listen", "[::1]:0", "--database-url", "d", "--key-file", "k",
                 NULL };
  char *wide[] = { "dokus-relay", "--listen", "0.0.0.0:443", "--database-url", "d", "--key-file",
                   "k", NULL };
  char *behind[] = { "dokus-relay", "--listen", "0.0.0.0:8080", "--insecure-http",
                     "--database-url", "d", "--key-file", "k", NULL };
  char *bad_port[] = { "dokus-relay", "--listen", "127.0.0.1:70000", NULL };
  char *unknown[] = { "dokus-relay", "--frobnicate", NULL };

  unsetenv ("DOKUS_RELAY_DATABASE_URL");
  unsetenv ("DOKUS_RELAY_KEY_FILE");
  setenv ("DOKUS_RELAY_POOL_SIZE", "5", 1);
  setenv ("DOKUS_RELAY_THREADS", "9", 1);
  ck_assert_int_eq (dokus_relay_config_parse (&cfg, 6, ok, msg, sizeof msg), 0);
  ck_assert_str_eq (cfg.listen_host, "127.0.0.1");
  ck_assert_uint_eq (cfg.port, 8443);
  ck_assert_str_eq (cfg.database_url, "dbname=x");
  ck_assert_str_eq (cfg.key_file, "/k");
  ck_assert_uint_eq (cfg.threads, 3);   /* the flag wins over the environment */
  ck_assert_uint_eq (cfg.pool_size, 5); /* from the environment */
  ck_assert_uint_eq (cfg.access_ttl, 900);
  ck_assert_uint_eq (cfg.max_batch, 500);
  dokus_relay_config_clear (&cfg);
  unsetenv ("DOKUS_RELAY_POOL_SIZE");
  unsetenv ("DOKUS_RELAY_THREADS");

  ck_assert_int_eq (dokus_relay_config_parse (&cfg, 7, v6, msg, sizeof msg), 0);
  ck_assert_str_eq (cfg.listen_host, "::1");
  ck_assert_uint_eq (cfg.port, 0);
  dokus_relay_config_clear (&cfg);

  ck_assert_int_eq (dokus_relay_config_parse (&cfg, 7, wide, msg, sizeof msg), 2);
  ck_assert (strstr (msg, "plain HTTP") != NULL);
  dokus_relay_config_clear (&cfg);
  ck_assert_int_eq (dokus_relay_config_parse (&cfg, 8, behind, msg, sizeof msg), 0);
  dokus_relay_config_clear (&cfg);
  ck_assert_int_eq (dokus_relay_config_parse (&cfg, 3, bad_port, msg, sizeof msg), 2);
  ck_assert (strstr (msg, "port") != NULL);
  dokus_relay_config_clear (&cfg);
  ck_assert_int_eq (dokus_relay_config_parse (&cfg, 2, unknown, msg, sizeof msg), 2);
  ck_assert (strstr (msg, "--frobnicate") != NULL);
  dokus_relay_config_clear (&cfg);
  ck_assert (dokus_relay_config_is_loopback ("127.0.0.1"));
  ck_assert (dokus_relay_config_is_loopback ("::1"));
  ck_assert (!dokus_relay_config_is_loopback ("10.0.0.1"));
}
END_TEST

START_TEST (test_relay_envelope_binding_bytes)
{
  uint8_t book[16], dev[16], nonce[24], ct[3] = { 1, 2, 3 }, m[DOKUS_ENVELOPE_SIGNED_BYTES];
  uint8_t hash[32];
  char text[DOKUS_ID_TEXT_BYTES + 1];

  for (int i = 0; i < 16; i++)
    book[i] = (uint8_t) i, dev[i] = (uint8_t) (0xf0 + i);
  memset (nonce, 0xaa, sizeof nonce);
  dokus_relay_id_text (book, text);
  text[DOKUS_ID_TEXT_BYTES] = '\0';
  ck_assert_str_eq (text, "00010203-0405-0607-0809-0a0b0c0d0e0f");
  dokus_relay_envelope_signed_message (book, dev, 0x0102030405060708ULL, 0x0a0b0c0dU, nonce, ct,
                                       sizeof ct, m);
  ck_assert (memcmp (m, "dokus-sig-1", 11) == 0);
  ck_assert (memcmp (m + 11, "00010203-0405-0607-0809-0a0b0c0d0e0f", 36) == 0);
  ck_assert (memcmp (m + 47, "f0f1f2f3-f4f5-f6f7-f8f9-fafbfcfdfeff", 36) == 0);
  /* dev_seq and key_epoch big-endian */
  ck_assert (memcmp (m + 83, "\x01\x02\x03\x04\x05\x06\x07\x08\x0a\x0b\x0c\x0d", 12) == 0);
  /* BLAKE2b-256 (nonce || ct), computed here independently */
  {
    uint8_t joined[27];
    memcpy (joined, nonce, 24);
    memcpy (joined + 24, ct, 3);
    crypto_generichash (hash, 32, joined, sizeof joined, NULL, 0);
  }
  ck_assert (memcmp (m + 95, hash, 32) == 0);

  /* the push message: domain, ids, BLAKE2b-256 of (m || sig) for one envelope */
  {
    DokusPushHash h;
    uint8_t sig[64], pm[DOKUS_PUSH_SIGNED_BYTES], joined[DOKUS_ENVELOPE_SIGNED_BYTES + 64];
    memset (sig, 0x55, sizeof sig);
    dokus_relay_push_hash_init (&h, book, dev);
    dokus_relay_push_hash_add (&h, 0x0102030405060708ULL, 0x0a0b0c0dU, nonce, ct, sizeof ct, sig);
    dokus_relay_push_hash_final (&h, pm);
    ck_assert (memcmp (pm, "dokus-push-1", 12) == 0);
    ck_assert (memcmp (pm + 12, m + 11, 72) == 0);
    memcpy (joined, m, sizeof m);
    memcpy (joined + sizeof m, sig, 64);
    crypto_generichash (hash, 32, joined, sizeof joined, NULL, 0);
    ck_assert (memcmp (pm + 84, hash, 32) == 0);
  }
}
END_TEST

static Suite *
relay_units_suite (void)
{
  Suite *s = suite_create ("relay-units");
  TCase *tc = tcase_create ("units");
  tcase_add_test (tc, test_relay_access_token_round_trip);
  tcase_add_test (tc, test_relay_access_token_refuses_forgeries);
  tcase_add_test (tc, test_relay_refresh_token_hash);
  tcase_add_test (tc, test_relay_key_file_forms);
  tcase_add_test (tc, test_relay_rate_limit_bursts_then_refuses);
  tcase_add_test (tc, test_relay_config_sources_and_rules);
  tcase_add_test (tc, test_relay_envelope_binding_bytes);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr;
  int failed;

  if (sodium_init () < 0)
    return 1;
  sr = srunner_create (relay_units_suite ());
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}

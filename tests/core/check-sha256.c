/* check-sha256.c
 *
 * Suite "sha256": core/platform/dokus-sha256.c, the SHA-256 of the export
 * hashes. The digests of FIPS 180-4's examples (NIST's published values,
 * written here by hand), and agreement with libsodium's crypto_hash_sha256
 * for every length 0..1100 and many ways of splitting the input between
 * update() calls. Each runs twice: on the path the CPU picks (the SHA
 * extensions where it has them) and forced onto the portable one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../../core/platform/dokus-sha256-private.h"
#include "dokus-test-helpers.h"

#define MAX_LEN 1100

/* _i of the loop tests: 0 the CPU's choice, 1 forced portable */
static void
pick_path (int i)
{
  ck_assert (sodium_init () >= 0);
  dokus_sha256_force_portable (i == 1);
  if (i == 1)
    ck_assert (!dokus_sha256_accelerated ());
}

static void
hex_of (const unsigned char d[DOKUS_SHA256_BYTES], char out[2 * DOKUS_SHA256_BYTES + 1])
{
  sodium_bin2hex (out, 2 * DOKUS_SHA256_BYTES + 1, d, DOKUS_SHA256_BYTES);
}

static void
assert_oneshot_hex (const void *data, size_t len, const char *expected)
{
  unsigned char d[DOKUS_SHA256_BYTES];
  char hex[2 * DOKUS_SHA256_BYTES + 1];

  dokus_sha256_hash (d, data, len);
  hex_of (d, hex);
  ck_assert_str_eq (hex, expected);
}

/* A fixed input that is not periodic in 64 bytes. */
static unsigned char *
make_input (size_t len)
{
  unsigned char *p = malloc (len);
  uint32_t x = 0x12345678;

  ck_assert_ptr_nonnull (p);
  for (size_t i = 0; i < len; i++)
    {
      x = x * 1103515245u + 12345u;
      p[i] = (unsigned char) (x >> 23);
    }
  return p;
}

/* FIPS 180-4 / NIST CSRC examples: SHA-256 of "abc", of the 448-bit
 * two-block message, of the 896-bit message and of the empty string. */
START_TEST (test_sha256_gives_the_nist_digests)
{
  pick_path (_i);
  assert_oneshot_hex ("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  assert_oneshot_hex ("abc", 3,
                      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert_oneshot_hex ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
                      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  assert_oneshot_hex ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                      "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                      112, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}
END_TEST

/* One million times 'a', fed 1000 bytes at a time and in one piece. */
START_TEST (test_sha256_hashes_a_million_a)
{
  const char *expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
  char *a = malloc (1000000);
  unsigned char d[DOKUS_SHA256_BYTES];
  char hex[2 * DOKUS_SHA256_BYTES + 1];
  DokusSha256 s;

  pick_path (_i);
  ck_assert_ptr_nonnull (a);
  memset (a, 'a', 1000000);
  dokus_sha256_init (&s);
  for (int i = 0; i < 1000; i++)
    dokus_sha256_update (&s, a + 1000 * i, 1000);
  dokus_sha256_final (&s, d);
  hex_of (d, hex);
  ck_assert_str_eq (hex, expected);
  assert_oneshot_hex (a, 1000000, expected);
  free (a);
}
END_TEST

/* Every length 0..1100, one-shot, against libsodium. */
START_TEST (test_sha256_agrees_with_libsodium_at_every_length)
{
  unsigned char *in = make_input (MAX_LEN);
  unsigned char mine[DOKUS_SHA256_BYTES], ref[crypto_hash_sha256_BYTES];

  pick_path (_i);
  for (size_t len = 0; len <= MAX_LEN; len++)
    {
      dokus_sha256_hash (mine, in, len);
      crypto_hash_sha256 (ref, in, len);
      ck_assert_msg (memcmp (mine, ref, sizeof ref) == 0, "length %lu differs",
                     (unsigned long) len);
    }
  free (in);
}
END_TEST

static void
assert_split_agrees (const unsigned char *in, size_t len, size_t a, size_t b)
{
  unsigned char mine[DOKUS_SHA256_BYTES], ref[crypto_hash_sha256_BYTES];
  DokusSha256 s;

  crypto_hash_sha256 (ref, in, len);
  dokus_sha256_init (&s);
  dokus_sha256_update (&s, in, a);
  dokus_sha256_update (&s, in + a, b - a);
  dokus_sha256_update (&s, in + b, len - b);
  dokus_sha256_final (&s, mine);
  ck_assert_msg (memcmp (mine, ref, sizeof ref) == 0, "length %lu split at %lu and %lu differs",
                 (unsigned long) len, (unsigned long) a, (unsigned long) b);
}

/* update() in three pieces: for every length, cuts around the block
 * boundaries and the middle; for lengths up to 200 and for 1100, every
 * single cut; and one byte at a time. */
START_TEST (test_sha256_agrees_with_libsodium_split_anywhere)
{
  static const size_t cuts[] = { 0, 1, 2, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 500 };
  size_t n_cuts = sizeof cuts / sizeof cuts[0];
  unsigned char *in = make_input (MAX_LEN);

  pick_path (_i);
  for (size_t len = 0; len <= MAX_LEN; len++)
    {
      for (size_t i = 0; i < n_cuts; i++)
        for (size_t j = i; j < n_cuts; j++)
          if (cuts[j] <= len)
            assert_split_agrees (in, len, cuts[i], cuts[j]);
      assert_split_agrees (in, len, len / 3, len / 2);
      assert_split_agrees (in, len, len / 2, len);
      if (len <= 200 || len == MAX_LEN)
        for (size_t a = 0; a <= len; a++)
          assert_split_agrees (in, len, a, a);
    }
  {
    unsigned char mine[DOKUS_SHA256_BYTES], ref[crypto_hash_sha256_BYTES];
    DokusSha256 s;

    dokus_sha256_init (&s);
    for (size_t i = 0; i < MAX_LEN; i++)
      dokus_sha256_update (&s, in + i, 1);
    dokus_sha256_final (&s, mine);
    crypto_hash_sha256 (ref, in, MAX_LEN);
    ck_assert (memcmp (mine, ref, sizeof ref) == 0);
  }
  free (in);
}
END_TEST

/* Where Linux says the CPU has the SHA extensions (this project's
 * machines do), the hashes run on them; the test hook turns them off. */
START_TEST (test_sha256_uses_the_sha_extensions_where_the_cpu_has_them)
{
  FILE *f = fopen ("/proc/cpuinfo", "r");
  char line[4096];
  bool listed = false, has = false, accelerated;

  ck_assert (sodium_init () >= 0);
  dokus_sha256_force_portable (false);
  accelerated = dokus_sha256_accelerated ();
  while (f != NULL && !listed && fgets (line, sizeof line, f) != NULL)
    if (strncmp (line, "flags", 5) == 0)
      {
        listed = true;
        has = strstr (line, " sha_ni") != NULL;
      }
  if (f != NULL)
    fclose (f);
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  if (listed) /* else not Linux: nothing to compare with */
    ck_assert_int_eq (accelerated, has);
#else
  ck_assert (!accelerated);
#endif
  dokus_sha256_force_portable (true);
  ck_assert (!dokus_sha256_accelerated ());
  dokus_sha256_force_portable (false);
  ck_assert_int_eq (dokus_sha256_accelerated (), accelerated);
}
END_TEST

static Suite *
sha256_suite (void)
{
  Suite *s = suite_create ("sha256");
  TCase *vectors = tcase_create ("vectors");
  TCase *agreement = tcase_create ("agreement");
  TCase *dispatch = tcase_create ("dispatch");

  tcase_add_loop_test (vectors, test_sha256_gives_the_nist_digests, 0, 2);
  tcase_add_loop_test (vectors, test_sha256_hashes_a_million_a, 0, 2);
  tcase_add_loop_test (agreement, test_sha256_agrees_with_libsodium_at_every_length, 0, 2);
  tcase_add_loop_test (agreement, test_sha256_agrees_with_libsodium_split_anywhere, 0, 2);
  tcase_add_test (dispatch, test_sha256_uses_the_sha_extensions_where_the_cpu_has_them);
  suite_add_tcase (s, vectors);
  suite_add_tcase (s, agreement);
  suite_add_tcase (s, dispatch);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (sha256_suite ());
}

/* check-base64-in.c
 *
 * Suite "base64-in": dokus_base64_decode (core/peppol/dokus-base64-in.c,
 * compiled in: its symbol is hidden in libdokus) against libsodium's
 * decoder, the judge, on random data of every length up to 300 bytes and
 * of 3 MB, with line breaks every 76 characters, white space anywhere, no
 * white space at all, and a bad character at every position of a text
 * (its SSE2 path takes 16 characters at a time, its AVX2 path 32: each
 * position in and around a block must be found). Worked cases by hand too. libsodium
 * 1.0.18 takes bytes from 0x80 up for characters of the alphabet; ours
 * refuses them, which test_a_bad_character_anywhere checks alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <sodium.h>

#include "dokus-base64-in-private.h"

/* @data[0..@n) in base64 with a newline after every @line characters (0:
 * none) and, if @spaces, a space or tab before about one character in
 * seven (transfer full). */
static char *
encode (const unsigned char *data, size_t n, size_t line, bool spaces, size_t *out_len)
{
  size_t plain_len = sodium_base64_encoded_len (n, sodium_base64_VARIANT_ORIGINAL);
  char *plain = malloc (plain_len), *text = malloc (plain_len * 3 + 1);
  size_t k = 0;

  ck_assert (plain != NULL && text != NULL);
  sodium_bin2base64 (plain, plain_len, data, n, sodium_base64_VARIANT_ORIGINAL);
  for (size_t i = 0; plain[i] != '\0'; i++)
    {
      if (spaces && randombytes_uniform (7) == 0)
        text[k++] = randombytes_uniform (2) ? ' ' : '\t';
      text[k++] = plain[i];
      if (line != 0 && (i + 1) % line == 0)
        text[k++] = '\n';
    }
  text[k] = '\0';
  free (plain);
  *out_len = k;
  return text;
}

/* Decodes @text both ways and compares verdicts and bytes. */
static void
agree (const char *text, size_t len)
{
  size_t max = DOKUS_BASE64_DECODED_MAX (len), ours_len = 0, theirs_len = 0;
  unsigned char *ours = malloc (max + 1), *theirs = malloc (max + 1);
  const char *end = NULL, *their_end = NULL;
  bool ok, their_ok;

  ck_assert (ours != NULL && theirs != NULL);
  ok = dokus_base64_decode (text, len, ours, &ours_len, &end);
  their_ok = sodium_base642bin (theirs, max, text, len, " \t\r\n", &theirs_len, &their_end,
                                sodium_base64_VARIANT_ORIGINAL)
             == 0
             && their_end == text + len;
  ck_assert_msg (ok == their_ok, "verdicts differ on %lu characters: ours %d", (unsigned long) len,
                 ok);
  if (ok)
    {
      ck_assert_uint_eq (ours_len, theirs_len);
      ck_assert (memcmp (ours, theirs, ours_len) == 0);
    }
  free (ours);
  free (theirs);
}

START_TEST (test_worked_examples)
{
  unsigned char out[16];
  size_t n = 0;
  const char *end = NULL;

  /* "Man" is TWFu; "Ma" TWE=; "M" TQ== (RFC 4648, section 4's idea) */
  ck_assert (dokus_base64_decode ("TWFu", 4, out, &n, &end) && n == 3 && memcmp (out, "Man", 3) == 0);
  ck_assert (dokus_base64_decode ("TWE=", 4, out, &n, &end) && n == 2 && memcmp (out, "Ma", 2) == 0);
  ck_assert (dokus_base64_decode ("TQ==", 4, out, &n, &end) && n == 1 && out[0] == 'M');
  ck_assert (dokus_base64_decode (" T W\r\nF u\t", 10, out, &n, &end) && n == 3);
  ck_assert (dokus_base64_decode ("", 0, out, &n, &end) && n == 0);
  /* 16 characters, one SSE2 block: "AAAA" is three zero bytes, "////"
   * three 0xff, "+++" 0xfb 0xef 0xbe */
  ck_assert (dokus_base64_decode ("AAAA////++++0123", 16, out, &n, &end) && n == 12);
  ck_assert (out[0] == 0 && out[2] == 0 && out[3] == 0xff && out[5] == 0xff);
  ck_assert (out[6] == 0xfb && out[7] == 0xef && out[8] == 0xbe);
  /* "0123": 52, 53, 54, 55 -> 110100 110101 110110 110111 -> d3 5d b7 */
  ck_assert (out[9] == 0xd3 && out[10] == 0x5d && out[11] == 0xb7);
  /* refused: a group cut short, a stray character, data after padding,
   * stray bits before padding */
  ck_assert (!dokus_base64_decode ("TWF", 3, out, &n, &end));
  ck_assert (!dokus_base64_decode ("TW-u", 4, out, &n, &end) && end[0] == '-');
  ck_assert (!dokus_base64_decode ("TQ==TWFu", 8, out, &n, &end));
  ck_assert (!dokus_base64_decode ("TR==", 4, out, &n, &end));
  ck_assert (!dokus_base64_decode ("AAAAAAAAAAAAAAA\x80", 16, out, &n, &end) && end[0] == '\x80');
}
END_TEST

START_TEST (test_random_lengths_and_layouts)
{
  unsigned char data[300];

  for (size_t n = 0; n <= sizeof data; n++)
    for (int layout = 0; layout < 3; layout++)
      {
        size_t len;
        char *text;
        randombytes_buf (data, n);
        text = encode (data, n, layout == 1 ? 76 : 0, layout == 2, &len);
        agree (text, len);
        free (text);
      }
}
END_TEST

START_TEST (test_a_bad_character_anywhere)
{
  static const char bad[] = { '-', '_', '*', '.', '\x80', '\xff', '\0', '=' };
  unsigned char data[60];
  size_t len;
  char *text;

  randombytes_buf (data, sizeof data);
  text = encode (data, sizeof data, 0, false, &len); /* 80 characters */
  for (size_t at = 0; at < len; at++)
    for (size_t b = 0; b < sizeof bad; b++)
      {
        char kept = text[at];
        unsigned char out[64];
        size_t n;
        const char *end = NULL;

        text[at] = bad[b];
        /* libsodium 1.0.18 decodes bytes from 0x80 up as if they were
         * characters of the alphabet: no judge for those */
        if ((unsigned char) bad[b] < 0x80)
          agree (text, len);
        if (bad[b] != '=')
          {
            ck_assert (!dokus_base64_decode (text, len, out, &n, &end));
            ck_assert_ptr_eq (end, text + at);
          }
        text[at] = kept;
      }
  free (text);
}
END_TEST

START_TEST (test_a_bad_character_in_a_long_run)
{
  /* 600 characters: long enough for the 32-at-a-time path */
  static const char bad[] = { '-', '\x80' };
  unsigned char data[450], out[460];
  size_t len, n;
  const char *end = NULL;
  char *text;

  randombytes_buf (data, sizeof data);
  text = encode (data, sizeof data, 0, false, &len);
  ck_assert_uint_eq (len, 600);
  agree (text, len);
  for (size_t at = 0; at < len; at++)
    for (size_t b = 0; b < sizeof bad; b++)
      {
        char kept = text[at];
        text[at] = bad[b];
        ck_assert (!dokus_base64_decode (text, len, out, &n, &end));
        ck_assert_ptr_eq (end, text + at);
        /* what came before it is decoded as it should be */
        ck_assert (memcmp (out, data, at / 4 * 3) == 0);
        text[at] = kept;
      }
  free (text);
}
END_TEST

/* Every byte value in the middle of a long run (the 32-at-a-time path,
 * whose tables tell the digits by their nibbles): the 64 digits decode as
 * their values, white space is skipped, and every other byte is refused
 * at its offset. */
START_TEST (test_every_byte_in_a_long_run)
{
  static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  unsigned char data[450], out[460];
  size_t len, n;
  char *text;

  randombytes_buf (data, sizeof data);
  text = encode (data, sizeof data, 0, false, &len);
  ck_assert_uint_eq (len, 600);
  for (unsigned b = 0; b < 256; b++)
    for (size_t at = 300; at < 340; at += 13)
      {
        char kept = text[at];
        const char *end = NULL, *digit = b != 0 ? strchr (digits, (int) b) : NULL;
        bool ok;

        text[at] = (char) b;
        ok = dokus_base64_decode (text, len, out, &n, &end);
        if (digit != NULL)
          {
            /* one 6-bit value changed: the rest decodes as before */
            ck_assert_msg (ok, "digit 0x%02x refused", b);
            ck_assert_uint_eq (n, sizeof data);
            ck_assert (memcmp (out, data, at / 4 * 3) == 0);
            agree (text, len);
          }
        else if (b == ' ' || b == '\t' || b == '\n' || b == '\r')
          {
            /* skipped: the text is then one character short of whole groups */
            ck_assert_msg (!ok, "0x%02x: a group left incomplete is refused", b);
          }
        else if (b != '=')
          {
            ck_assert_msg (!ok, "byte 0x%02x taken for a digit", b);
            ck_assert_ptr_eq (end, text + at);
          }
        text[at] = kept;
      }
  free (text);
}
END_TEST

START_TEST (test_three_megabytes)
{
  size_t n = 3 * 1024 * 1024 + 1, len;
  unsigned char *data = malloc (n);
  char *text;

  ck_assert (data != NULL);
  randombytes_buf (data, n);
  text = encode (data, n, 76, false, &len);
  agree (text, len);
  free (text);
  text = encode (data, n, 0, false, &len);
  agree (text, len);
  free (text);
  free (data);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("base64-in");
  TCase *tc = tcase_create ("decode");
  SRunner *sr;
  int failed;

  if (sodium_init () < 0)
    {
      fprintf (stderr, "check-base64-in: libsodium did not start\n");
      return EXIT_FAILURE;
    }
  tcase_add_test (tc, test_worked_examples);
  tcase_add_test (tc, test_random_lengths_and_layouts);
  tcase_add_test (tc, test_a_bad_character_anywhere);
  tcase_add_test (tc, test_a_bad_character_in_a_long_run);
  tcase_add_test (tc, test_every_byte_in_a_long_run);
  tcase_add_test (tc, test_three_megabytes);
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  sr = srunner_create (s);
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

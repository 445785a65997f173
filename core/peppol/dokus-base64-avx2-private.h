/* dokus-base64-avx2-private.h
 *
 * Base64 digits (RFC 4648: A-Z a-z 0-9 + /) told from everything else and
 * turned into their values, 32 bytes at a time with AVX2, by two 16-entry
 * tables indexed by each byte's nibbles (VPSHUFB looks them up for every
 * byte at once). Shared by the attachments' decoder (dokus-base64-in.c)
 * and the validator's check of binary objects
 * (validate/dokus-validate-structure.c), which used two copies of five
 * range compares a block.
 *
 * Telling digits apart: the high nibble puts a byte in one of five
 * classes, a bit each: 0x2_ (1), 0x3_ (2), 0x4_ and 0x6_ (4), 0x5_ and
 * 0x7_ (8), anything else (0x10, bytes from 0x80 up included). The low
 * nibble's table holds the classes in which that low nibble is NOT a
 * digit: 0x_0 is one only in 0x30, 0x50 and 0x70 ('0', 'P', 'p'); 0x_1
 * to 0x_9 in 0x3_ to 0x7_; 0x_A in 0x4_ to 0x7_ ('J', 'Z', 'j', 'z');
 * 0x_B in 0x2_ ('+'), 0x4_ and 0x6_; 0x_C to 0x_E in 0x4_ and 0x6_ only;
 * 0x_F in 0x2_ ('/'), 0x4_ and 0x6_. A byte is a digit when its two
 * look-ups share no bit.
 *
 * Values: each class range has one offset (value = byte + offset): 'A'
 * to 'Z' -65, 'a' to 'z' -71, '0' to '9' +4, '+' +19, '/' +16; indexed
 * by the high nibble, '/' moved one down (high nibble + (byte == '/'),
 * true being -1) so that it does not share '+''s.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define DOKUS_HAVE_BASE64_AVX2 1

#define DOKUS_B64_TARGET __attribute__ ((target ("avx2")))

/* The high nibble of each byte of @c. */
DOKUS_B64_TARGET static inline __m256i
dokus_b64_high_nibbles (__m256i c)
{
  return _mm256_and_si256 (_mm256_srli_epi32 (c, 4), _mm256_set1_epi8 (0x0f));
}

/* Non-zero bytes where @c (its high nibbles @hi) holds no base64 digit. */
DOKUS_B64_TARGET static inline __m256i
dokus_b64_errors (__m256i c, __m256i hi)
{
  const __m256i by_low = _mm256_setr_epi8 (
    0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1a, 0x1b, 0x1b, 0x1b, 0x1a,
    0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1a, 0x1b, 0x1b, 0x1b, 0x1a);
  const __m256i by_high = _mm256_setr_epi8 (
    0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
    0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10);
  const __m256i low = _mm256_and_si256 (c, _mm256_set1_epi8 (0x0f));

  return _mm256_and_si256 (_mm256_shuffle_epi8 (by_low, low), _mm256_shuffle_epi8 (by_high, hi));
}

/* true when the 32 bytes at @p are all base64 digits. */
DOKUS_B64_TARGET static inline bool
dokus_b64_all_digits (const unsigned char *p)
{
  const __m256i c = _mm256_loadu_si256 ((const __m256i *) p);
  const __m256i e = dokus_b64_errors (c, dokus_b64_high_nibbles (c));
  return _mm256_testz_si256 (e, e) != 0;
}

/* The values (0..63) of the digits @c, whose high nibbles are @hi. */
DOKUS_B64_TARGET static inline __m256i
dokus_b64_values (__m256i c, __m256i hi)
{
  const __m256i offsets
    = _mm256_setr_epi8 (0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0,
                        0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
  const __m256i slash = _mm256_cmpeq_epi8 (c, _mm256_set1_epi8 ('/'));

  return _mm256_add_epi8 (c, _mm256_shuffle_epi8 (offsets, _mm256_add_epi8 (hi, slash)));
}

#else
#define DOKUS_HAVE_BASE64_AVX2 0
#endif

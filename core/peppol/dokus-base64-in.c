/* dokus-base64-in.c
 *
 * Decoding the base64 of embedded attachments in received documents. A
 * Peppol document may carry megabytes of it (the official examples hold a
 * 3.2 MB invoice), all of which the reader decodes into the purchase's
 * receipts. Table driven, 16 characters at a time with SSE2 while they
 * are all in the alphabet (between line breaks), and 32 at a time with
 * AVX2 where the processor has it, from the start of a long text;
 * libsodium's decoder is constant-time, which a public attachment does
 * not need, and ten times slower.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>

#include "dokus-base64-in-private.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "dokus-base64-avx2-private.h"
#define HAVE_AVX2_DECODE DOKUS_HAVE_BASE64_AVX2

/* The value of each character of the RFC 4648 alphabet, -1 for the rest. */
static const signed char value_of[256] = {
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 62, -1, -1, -1, 63,
  52, 53, 54, 55, 56, 57, 58, 59, 60, 61, -1, -1, -1, -1, -1, -1,
  -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
  15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -1, -1, -1, -1, -1,
  -1, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
  41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};

static bool
is_space (unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

#ifdef __SSE2__
/* The 16 characters at @in, when all are in the alphabet: their 12 bytes
 * into @out; false, nothing written, when one is not. */
static inline bool
decode16 (const char *in, unsigned char *out)
{
  const __m128i c = _mm_loadu_si128 ((const __m128i *) in);
  /* signed compares: bytes from 0x80 up are negative and in no range */
  const __m128i upper = _mm_and_si128 (_mm_cmpgt_epi8 (c, _mm_set1_epi8 ('A' - 1)),
                                       _mm_cmplt_epi8 (c, _mm_set1_epi8 ('Z' + 1)));
  const __m128i lower = _mm_and_si128 (_mm_cmpgt_epi8 (c, _mm_set1_epi8 ('a' - 1)),
                                       _mm_cmplt_epi8 (c, _mm_set1_epi8 ('z' + 1)));
  const __m128i digit = _mm_and_si128 (_mm_cmpgt_epi8 (c, _mm_set1_epi8 ('0' - 1)),
                                       _mm_cmplt_epi8 (c, _mm_set1_epi8 ('9' + 1)));
  const __m128i plus = _mm_cmpeq_epi8 (c, _mm_set1_epi8 ('+'));
  const __m128i slash = _mm_cmpeq_epi8 (c, _mm_set1_epi8 ('/'));
  __m128i offset, v, pairs, quads;
  uint32_t w[4];

  if (_mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (upper, lower),
                                       _mm_or_si128 (digit, _mm_or_si128 (plus, slash))))
      != 0xFFFF)
    return false;
  /* each character plus its range's offset: 'A' is 0, 'a' 26, '0' 52,
   * '+' 62, '/' 63 */
  offset = _mm_or_si128 (
    _mm_or_si128 (_mm_and_si128 (upper, _mm_set1_epi8 (-'A')),
                  _mm_and_si128 (lower, _mm_set1_epi8 (26 - 'a'))),
    _mm_or_si128 (_mm_and_si128 (digit, _mm_set1_epi8 (52 - '0')),
                  _mm_or_si128 (_mm_and_si128 (plus, _mm_set1_epi8 (62 - '+')),
                                _mm_and_si128 (slash, _mm_set1_epi8 (63 - '/')))));
  v = _mm_add_epi8 (c, offset);
  /* two characters a 16-bit lane (the first in its low byte): 12 bits,
   * the first character's six on top */
  pairs = _mm_or_si128 (_mm_slli_epi16 (_mm_and_si128 (v, _mm_set1_epi16 (0x00ff)), 6),
                        _mm_srli_epi16 (v, 8));
  /* two pairs a 32-bit lane: 24 bits, three bytes of output */
  quads = _mm_or_si128 (_mm_slli_epi32 (_mm_and_si128 (pairs, _mm_set1_epi32 (0xffff)), 12),
                        _mm_srli_epi32 (pairs, 16));
  _mm_storeu_si128 ((__m128i *) w, quads);
  for (int k = 0; k < 4; k++)
    {
      out[3 * k] = (unsigned char) (w[k] >> 16);
      out[3 * k + 1] = (unsigned char) (w[k] >> 8);
      out[3 * k + 2] = (unsigned char) w[k];
    }
  return true;
}
#endif

#if HAVE_AVX2_DECODE
/* 32 characters a step while 32 are left and all are in the alphabet:
 * their 24 bytes into @out. Returns how many characters it took (a
 * multiple of 32); *@written the bytes. The digits and their values by
 * the nibble tables of dokus-base64-avx2-private.h; the bits are joined
 * by multiply-adds and put in order by a byte shuffle. */
DOKUS_B64_TARGET static size_t
decode32_avx2 (const char *in, size_t len, unsigned char *out, size_t *written)
{
  /* per 128-bit half: the three bytes of each 32-bit lane, high byte
   * first, packed in its first 12 bytes */
  const __m256i order = _mm256_setr_epi8 (2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,
                                          2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
  /* the two halves' 12 bytes side by side: 32-bit lanes 0-2 and 4-6 */
  const __m256i halves = _mm256_setr_epi32 (0, 1, 2, 4, 5, 6, 3, 7);
  size_t i = 0, n = 0;

  for (; len - i >= 32; i += 32, n += 24)
    {
      const __m256i c = _mm256_loadu_si256 ((const __m256i *) (in + i));
      const __m256i hi = dokus_b64_high_nibbles (c), errors = dokus_b64_errors (c, hi);
      __m256i v, bytes;

      if (!_mm256_testz_si256 (errors, errors))
        break;
      v = dokus_b64_values (c, hi);
      /* two characters a 16-bit lane: first × 64 + second (12 bits) */
      v = _mm256_maddubs_epi16 (v, _mm256_set1_epi16 (0x0140));
      /* two of those a 32-bit lane: first × 4096 + second (24 bits) */
      v = _mm256_madd_epi16 (v, _mm256_set1_epi32 (0x00011000));
      bytes = _mm256_permutevar8x32_epi32 (_mm256_shuffle_epi8 (v, order), halves);
      _mm_storeu_si128 ((__m128i *) (out + n), _mm256_castsi256_si128 (bytes));
      _mm_storel_epi64 ((__m128i *) (out + n + 16), _mm256_extracti128_si256 (bytes, 1));
    }
  *written = n;
  return i;
}
#endif

bool
dokus_base64_decode (const char *in, size_t len, unsigned char *out, size_t *out_len,
                     const char **end)
{
  uint32_t acc = 0;
  size_t n = 0, bits = 0, pad = 0, i = 0;

#if HAVE_AVX2_DECODE
  /* an attachment without line breaks: most of it 32 characters a step */
  if (len >= 256 && __builtin_cpu_supports ("avx2"))
    i = decode32_avx2 (in, len, out, &n);
#endif
  for (; i < len; i++)
    {
      unsigned char c;
      int v;

#ifdef __SSE2__
      /* whole runs of 16 in the alphabet, at a group boundary */
      while (bits == 0 && pad == 0 && i + 16 <= len && decode16 (in + i, out + n))
        {
          i += 16;
          n += 12;
        }
#endif
      /* four characters at a time while they are all in the alphabet
       * (between line breaks), one at a time around the rest */
      while (bits == 0 && pad == 0 && i + 4 <= len)
        {
          int a = value_of[(unsigned char) in[i]], b = value_of[(unsigned char) in[i + 1]];
          int d2 = value_of[(unsigned char) in[i + 2]], d3 = value_of[(unsigned char) in[i + 3]];
          uint32_t group;
          if ((a | b | d2 | d3) < 0)
            break;
          group = (uint32_t) a << 18 | (uint32_t) b << 12 | (uint32_t) d2 << 6 | (uint32_t) d3;
          out[n++] = (unsigned char) (group >> 16);
          out[n++] = (unsigned char) (group >> 8);
          out[n++] = (unsigned char) group;
          i += 4;
        }
      if (i >= len)
        break;
      c = (unsigned char) in[i];
      v = value_of[c];
      if (is_space (c))
        continue;
      if (c == '=')
        {
          pad++;
          continue;
        }
      if (v < 0 || pad > 0)
        break;
      acc = (acc << 6) | (uint32_t) v;
      bits += 6;
      if (bits >= 8)
        {
          bits -= 8;
          out[n++] = (unsigned char) (acc >> bits);
          acc &= (1u << bits) - 1;
        }
    }
  *end = in + i;
  *out_len = n;
  if (i < len)
    return false;
  /* whole groups of four: 0, 1 or 2 '=' and no stray bits */
  return acc == 0
         && ((pad == 0 && bits == 0) || (pad == 1 && bits == 2) || (pad == 2 && bits == 4));
}

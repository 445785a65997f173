/* dokus-sha256.c
 *
 * dokus-sha256-private.h: SHA-256 on the x86 SHA extensions where the CPU
 * has them, libsodium's portable code elsewhere. The compression function
 * follows FIPS 180-4 section 6.2.2 with the instructions Intel documents:
 * SHA256RNDS2 does two rounds on the state split in two registers,
 * {A,B,E,F} and {C,D,G,H} (most significant dword first), taking W[t] + K[t]
 * of its two rounds from the low half of a third register; SHA256MSG1 and
 * SHA256MSG2 compute the message schedule W[16..63] four words at a time,
 * the first adding sigma0 (W[t-15]) to W[t-16], the second sigma1 (W[t-2])
 * once W[t-7] has been added in between.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdatomic.h>
#include <string.h>

#include "dokus-sha256-private.h"

_Static_assert (DOKUS_SHA256_BYTES == crypto_hash_sha256_BYTES, "SHA-256 digest size");

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#else
#define HAVE_SHA_NI 0
#endif

enum { PATH_UNKNOWN, PATH_SODIUM, PATH_SHA_NI };

/* asked of the CPU once: PATH_* */
static atomic_int cpu_path;
static atomic_bool forced_portable;

#if HAVE_SHA_NI

/* FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of
 * the cube roots of the first 64 primes. */
static const uint32_t K[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* section 5.3.3: the first 32 bits of the fractional parts of the square
 * roots of the first 8 primes */
static const uint32_t H0[8] = {
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

/* CPUID leaf 1 ECX: SSSE3 (pshufb, palignr) and SSE4.1 (pblendw); leaf 7
 * subleaf 0 EBX: the SHA extensions */
#define CPUID1_ECX_SSSE3  (1u << 9)
#define CPUID1_ECX_SSE4_1 (1u << 19)
#define CPUID7_EBX_SHA    (1u << 29)

static bool
cpu_has_sha_ni (void)
{
  unsigned a, b, c, d;

  if (!__get_cpuid (1, &a, &b, &c, &d))
    return false;
  if ((c & CPUID1_ECX_SSSE3) == 0 || (c & CPUID1_ECX_SSE4_1) == 0)
    return false;
  /* __get_cpuid_count checks that leaf 7 exists */
  if (!__get_cpuid_count (7, 0, &a, &b, &c, &d))
    return false;
  return (b & CPUID7_EBX_SHA) != 0;
}

#define TARGET_SHA_NI __attribute__ ((target ("sha,sse4.1,ssse3")))

/* Four rounds from @w, the next four words of the schedule, and @k, their
 * constants. The state lives in two registers: *@abef = {A,B,E,F} and
 * *@cdgh = {C,D,G,H}, most significant dword first. After two rounds the
 * new C,D,G,H are the old A,B,E,F, so the two registers swap roles
 * between the halves. */
TARGET_SHA_NI static inline void
four_rounds (__m128i *abef, __m128i *cdgh, __m128i w, const uint32_t *k)
{
  __m128i wk = _mm_add_epi32 (w, _mm_loadu_si128 ((const __m128i *) k));

  *cdgh = _mm_sha256rnds2_epu32 (*cdgh, *abef, wk); /* now {A,B,E,F} */
  wk = _mm_shuffle_epi32 (wk, 0x0e);                /* words 2, 3 down */
  *abef = _mm_sha256rnds2_epu32 (*abef, *cdgh, wk);
}

/* Words 4i..4i+3 of the schedule from the sixteen before them, kept in
 * @m (m[i & 3] holds words 4i-16.., m[(i + 3) & 3] words 4i-4..), into
 * m[i & 3]: W[t] = sigma1 (W[t-2]) + W[t-7] + sigma0 (W[t-15]) + W[t-16]. */
TARGET_SHA_NI static inline void
next_words (__m128i m[4], int i)
{
  __m128i t = _mm_sha256msg1_epu32 (m[i & 3], m[(i + 1) & 3]);

  /* W[t-7] for t = 4i..4i+3: words 4i-7..4i-4, across two registers */
  t = _mm_add_epi32 (t, _mm_alignr_epi8 (m[(i + 3) & 3], m[(i + 2) & 3], 4));
  m[i & 3] = _mm_sha256msg2_epu32 (t, m[(i + 3) & 3]);
}

/* FIPS 180-4 section 6.2.2 on @blocks 64-byte blocks of @p into @h. */
TARGET_SHA_NI static void
compress_ni (uint32_t h[8], const unsigned char *p, size_t blocks)
{
  /* the message is big-endian: byte-reverse each dword */
  const __m128i swap = _mm_set_epi8 (12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
  __m128i abcd = _mm_loadu_si128 ((const __m128i *) h);     /* dwords 0..3: A B C D */
  __m128i efgh = _mm_loadu_si128 ((const __m128i *) (h + 4)); /* E F G H */
  __m128i badc = _mm_shuffle_epi32 (abcd, 0xb1);
  __m128i hgfe = _mm_shuffle_epi32 (efgh, 0x1b);
  /* dwords 0..3 F E B A, and H G D C: {A,B,E,F} and {C,D,G,H} */
  __m128i abef = _mm_alignr_epi8 (badc, hgfe, 8);
  __m128i cdgh = _mm_blend_epi16 (hgfe, badc, 0xf0);

  for (; blocks > 0; blocks--, p += 64)
    {
      __m128i abef_in = abef, cdgh_in = cdgh;
      __m128i m[4] = {
        _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) p), swap),
        _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (p + 16)), swap),
        _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (p + 32)), swap),
        _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (p + 48)), swap),
      };
      four_rounds (&abef, &cdgh, m[0], K);
      four_rounds (&abef, &cdgh, m[1], K + 4);
      four_rounds (&abef, &cdgh, m[2], K + 8);
      four_rounds (&abef, &cdgh, m[3], K + 12);
#pragma GCC unroll 12
      for (int i = 4; i < 16; i++)
        {
          next_words (m, i);
          four_rounds (&abef, &cdgh, m[i & 3], K + 4 * i);
        }
      abef = _mm_add_epi32 (abef, abef_in);
      cdgh = _mm_add_epi32 (cdgh, cdgh_in);
    }

  /* back to A B C D, E F G H */
  {
    __m128i abef_rev = _mm_shuffle_epi32 (abef, 0x1b); /* dwords A B E F */
    __m128i ghcd = _mm_shuffle_epi32 (cdgh, 0xb1);     /* dwords G H C D */
    _mm_storeu_si128 ((__m128i *) h, _mm_blend_epi16 (abef_rev, ghcd, 0xf0));
    _mm_storeu_si128 ((__m128i *) (h + 4), _mm_alignr_epi8 (ghcd, abef_rev, 8));
  }
}

static void
store_be32 (unsigned char *p, uint32_t v)
{
  p[0] = (unsigned char) (v >> 24);
  p[1] = (unsigned char) (v >> 16);
  p[2] = (unsigned char) (v >> 8);
  p[3] = (unsigned char) v;
}

static void
init_ni (DokusSha256 *s)
{
  memcpy (s->u.ni.h, H0, sizeof H0);
  s->u.ni.bytes = 0;
}

static void
update_ni (DokusSha256 *s, const unsigned char *p, size_t len)
{
  size_t used = (size_t) (s->u.ni.bytes % 64);

  s->u.ni.bytes += len;
  if (used > 0)
    {
      size_t take = len < 64 - used ? len : 64 - used;
      memcpy (s->u.ni.buf + used, p, take);
      p += take;
      len -= take;
      if (used + take < 64)
        return;
      compress_ni (s->u.ni.h, s->u.ni.buf, 1);
    }
  if (len >= 64)
    compress_ni (s->u.ni.h, p, len / 64);
  memcpy (s->u.ni.buf, p + len / 64 * 64, len % 64);
}

/* section 5.1.1: a 1 bit, zeros, then the length in bits as 64 bits
 * big-endian, to a whole number of blocks */
static void
final_ni (DokusSha256 *s, unsigned char out[DOKUS_SHA256_BYTES])
{
  uint64_t bits = s->u.ni.bytes * 8;
  size_t used = (size_t) (s->u.ni.bytes % 64);
  unsigned char *buf = s->u.ni.buf;

  buf[used++] = 0x80;
  if (used > 56)
    {
      memset (buf + used, 0, 64 - used);
      compress_ni (s->u.ni.h, buf, 1);
      used = 0;
    }
  memset (buf + used, 0, 56 - used);
  store_be32 (buf + 56, (uint32_t) (bits >> 32));
  store_be32 (buf + 60, (uint32_t) bits);
  compress_ni (s->u.ni.h, buf, 1);
  for (int i = 0; i < 8; i++)
    store_be32 (out + 4 * i, s->u.ni.h[i]);
}

#endif /* HAVE_SHA_NI */

static bool
use_sha_ni (void)
{
  int path;

  if (atomic_load_explicit (&forced_portable, memory_order_relaxed))
    return false;
  path = atomic_load_explicit (&cpu_path, memory_order_relaxed);
  if (path == PATH_UNKNOWN)
    {
      /* racing threads ask the CPU twice and store the same answer */
#if HAVE_SHA_NI
      path = cpu_has_sha_ni () ? PATH_SHA_NI : PATH_SODIUM;
#else
      path = PATH_SODIUM;
#endif
      atomic_store_explicit (&cpu_path, path, memory_order_relaxed);
    }
  return path == PATH_SHA_NI;
}

bool
dokus_sha256_accelerated (void)
{
  return use_sha_ni ();
}

void
dokus_sha256_force_portable (bool on)
{
  atomic_store_explicit (&forced_portable, on, memory_order_relaxed);
}

void
dokus_sha256_init (DokusSha256 *s)
{
  s->native = use_sha_ni ();
#if HAVE_SHA_NI
  if (s->native)
    {
      init_ni (s);
      return;
    }
#endif
  crypto_hash_sha256_init (&s->u.sodium);
}

void
dokus_sha256_update (DokusSha256 *s, const void *data, size_t len)
{
  if (len == 0)
    return;
#if HAVE_SHA_NI
  if (s->native)
    {
      update_ni (s, data, len);
      return;
    }
#endif
  crypto_hash_sha256_update (&s->u.sodium, data, (unsigned long long) len);
}

void
dokus_sha256_final (DokusSha256 *s, unsigned char out[DOKUS_SHA256_BYTES])
{
#if HAVE_SHA_NI
  if (s->native)
    {
      final_ni (s, out);
      return;
    }
#endif
  crypto_hash_sha256_final (&s->u.sodium, out);
}

void
dokus_sha256_hash (unsigned char out[DOKUS_SHA256_BYTES], const void *data, size_t len)
{
  DokusSha256 s;

  dokus_sha256_init (&s);
  dokus_sha256_update (&s, data, len);
  dokus_sha256_final (&s, out);
}

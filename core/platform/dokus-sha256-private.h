/* dokus-sha256-private.h
 *
 * SHA-256 (FIPS 180-4) for the hashes of the export path (the UBL's
 * writer-decided bytes, docs/peppol.md "Hashes and writer versions"):
 * streaming and one-shot. On x86-64 built with GCC or clang, when the CPU
 * has the SHA extensions (and SSSE3, SSE4.1; asked once, CPUID), the
 * compression function runs on them; everywhere else libsodium's
 * crypto_hash_sha256_* does the work. Both give the same digests
 * (tests/core/check-sha256.c). Not constant-time: for public data only
 * (it hashes documents, never keys).
 *
 * The functions are exported from libdokus (not installed) so that the
 * tests reach them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "dokus/dokus-types.h"

#define DOKUS_SHA256_BYTES 32

/* A hash in progress: dokus_sha256_init() it, then update, then final.
 * Which engine runs it is fixed at init. */
typedef struct {
  bool native; /* the SHA extensions (u.ni), else libsodium (u.sodium) */
  union {
    crypto_hash_sha256_state sodium;
    struct {
      uint32_t      h[8];     /* A..H */
      uint64_t      bytes;    /* hashed so far */
      unsigned char buf[64];  /* bytes % 64 of them, waiting for a block */
    } ni;
  } u;
} DokusSha256;

DOKUS_PUBLIC void dokus_sha256_init (DokusSha256 *s);

/* Adds @len bytes of @data (NULL allowed when @len is 0). */
DOKUS_PUBLIC void dokus_sha256_update (DokusSha256 *s, const void *data, size_t len);

/* The digest of everything added into @out; @s must be initialised
 * again before another use. */
DOKUS_PUBLIC void dokus_sha256_final (DokusSha256 *s, unsigned char out[DOKUS_SHA256_BYTES]);

/* One-shot: the digest of @len bytes of @data into @out. */
DOKUS_PUBLIC void dokus_sha256_hash (unsigned char out[DOKUS_SHA256_BYTES], const void *data,
                                     size_t len);

/* true when hashes started now run on the SHA extensions. */
DOKUS_PUBLIC bool dokus_sha256_accelerated (void);

/* For the tests: @on makes hashes started from now on use libsodium even
 * where the SHA extensions exist; false goes back to the CPU check. */
DOKUS_PUBLIC void dokus_sha256_force_portable (bool on);

/* dokus-base64-in-private.h
 *
 * Decoding the base64 of a received document's embedded attachments
 * (cbc:EmbeddedDocumentBinaryObject), which can be megabytes of text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* The room dokus_base64_decode() needs for @len characters of input. */
#define DOKUS_BASE64_DECODED_MAX(len) ((len) / 4 * 3 + 3)

/* Base64 (RFC 4648 alphabet, padding required, white space (space, tab,
 * CR, LF) anywhere ignored) of @in[0..@len) into @out (caller-owned,
 * DOKUS_BASE64_DECODED_MAX (@len) bytes). On success true with the
 * decoded size in *@out_len; false when the text is not base64, with
 * *@end at the first offending character (or at the end when the last
 * group is incomplete or has stray bits). */
bool dokus_base64_decode (const char *in, size_t len, unsigned char *out, size_t *out_len,
                          const char **end);

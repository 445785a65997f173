/* dokus-profile-private.h
 *
 * The logos of the profile as issued documents froze them
 * (dokus-profile-logo.c): the JSON of the profile carries the SHA-256 of
 * its logo (logo_sha256), which issue freezes into the document's seller;
 * the bytes are found again by that hash, also after the logo changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>

#include <sqlite3.h>

#include "dokus/dokus-error.h"

/* Room for a SHA-256 in hex, NUL included. */
#define DOKUS_LOGO_SHA256_TEXT 65

/* The SHA-256 (hex) of the profile's current logo into @out; "" when
 * there is none (or no profile). */
DokusStatus dokus_profile_logo_sha256 (sqlite3 *db, char out[DOKUS_LOGO_SHA256_TEXT],
                                       DokusError *err);

/* The logo whose SHA-256 is @sha256_hex: the current one, or one kept in
 * profile_logos when it was replaced. *@out (transfer full, free()) and
 * *@out_len; *@out NULL (and DOKUS_OK) when the book has no such logo (a
 * book that synced the document but not the logo). */
DokusStatus dokus_profile_logo_find (sqlite3 *db, const char *sha256_hex, unsigned char **out,
                                     size_t *out_len, DokusError *err);

/* dokus-id-private.h
 *
 * Record ids (random UUID v4 text, so that devices never clash) and
 * timestamps (UTC, ISO 8601 to the second).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define DOKUS_UUID_TEXT 37
#define DOKUS_TIMESTAMP_TEXT 21

/* A new random UUID, "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx". */
void dokus_uuid_new (char out[DOKUS_UUID_TEXT]);

/* A name-based UUID (version 8 over BLAKE2b-128 of @seed): the same @seed
 * gives the same id on every device, so two devices recording the same
 * thing before they sync make one record (docs/sync.md). */
void dokus_uuid_from_seed (const char *seed, char out[DOKUS_UUID_TEXT]);

/* true if @text has the UUID text form (any version, lower case). */
int dokus_uuid_is_valid (const char *text);

/* The current UTC time "2026-11-25T19:30:00Z"; the environment variable
 * DOKUS_NOW (same form) overrides it, for tests and reproducible demos. */
void dokus_timestamp_now (char out[DOKUS_TIMESTAMP_TEXT]);

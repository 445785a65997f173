/* dokus-relay-wire.h
 *
 * Reading and writing the protocol's JSON values: ids as lower-case UUID
 * text (36 characters; 16 bytes in the database), binary as standard base64, integers as JSON numbers within
 * 0..2^53. Readers answer 400 naming the field on a bad value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "dokus-relay-server.h"

#define DOKUS_RELAY_MAX_SAFE_INT 9007199254740992LL /* 2^53 */

/* Each returns true, or false after answering 400 for @field (the name
 * given in the message and the "field" member). */
bool dokus_relay_wire_id (DokusRelayRequest *req, const cJSON *obj, const char *name,
                          const char *field, uint8_t out[16]);
bool dokus_relay_wire_key (DokusRelayRequest *req, const cJSON *obj, const char *name,
                           const char *field, uint8_t out[32]);
/* Base64 of exactly @len bytes (len > 0) or of 1..@max bytes (len == 0):
 * *@out (transfer full: free()) and *@out_len. */
bool dokus_relay_wire_bytes (DokusRelayRequest *req, const cJSON *obj, const char *name,
                             const char *field, size_t len, size_t max, uint8_t **out,
                             size_t *out_len);
bool dokus_relay_wire_int (DokusRelayRequest *req, const cJSON *obj, const char *name,
                           const char *field, long long min, long long max, long long *out);

/* Parses an id in lower-case UUID text form ("7c5106b0-2f94-3074-2229-
 * c21da4b94d04", 36 characters; any 16 bytes, no version check); false
 * if it is not one. */
bool dokus_relay_parse_id (const char *text, uint8_t out[16]);
/* Writes @id in that form into @out (37 bytes). */
void dokus_relay_format_id (const uint8_t id[16], char out[37]);

/* Adds @data as a base64 string member. false on OOM. */
bool dokus_relay_json_add_b64 (cJSON *obj, const char *name, const void *data, size_t len);
bool dokus_relay_json_add_id (cJSON *obj, const char *name, const uint8_t id[16]);

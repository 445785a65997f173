/* dokus-json-input-private.h
 *
 * Strict reading of the ledger's JSON input (docs/formats.md): unknown
 * fields are refused, types are checked, amounts, quantities and rates are
 * decimal strings with a maximum number of decimals, and every error names
 * its field as a path ("lines[2].quantity").
 *
 * Every getter takes the object, its path ("" at the top), the key and
 * whether the field is required; an absent or null optional field leaves
 * *present false (where there is one) and the output untouched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "dokus/dokus-date.h"
#include "dokus/dokus-error.h"
#include "dokus/dokus-money.h"

#define DOKUS_FIELD_TEXT 64

/* "@path.@key", or "@key" at the top, into @out. */
void dokus_json_field (char out[DOKUS_FIELD_TEXT], const char *path, const char *key);

/* Parses @text as one JSON object; DOKUS_ERR_INVALID otherwise. *@out is
 * (transfer full) cJSON_Delete() it. */
DokusStatus dokus_json_parse_object (const char *text, const char *what, cJSON **out,
                                     DokusError *err);

/* Refuses a member of @obj whose name is not in @allowed (NULL-terminated). */
DokusStatus dokus_json_check_fields (const cJSON *obj, const char *path,
                                     const char *const *allowed, DokusError *err);

/* A string of at most @max_len bytes; a required one must not be empty.
 * *@out: (transfer none) valid while @obj is, or NULL when absent. */
DokusStatus dokus_json_get_string (const cJSON *obj, const char *path, const char *key,
                                   bool required, size_t max_len, const char **out,
                                   DokusError *err);

/* A string that must be one of @choices (NULL-terminated). */
DokusStatus dokus_json_get_choice (const cJSON *obj, const char *path, const char *key,
                                   bool required, const char *const *choices, const char **out,
                                   DokusError *err);

DokusStatus dokus_json_get_decimal (const cJSON *obj, const char *path, const char *key,
                                    bool required, unsigned max_scale, DokusDecimal *out,
                                    bool *present, DokusError *err);

DokusStatus dokus_json_get_cents (const cJSON *obj, const char *path, const char *key,
                                  bool required, DokusCents *out, bool *present, DokusError *err);

DokusStatus dokus_json_get_int (const cJSON *obj, const char *path, const char *key,
                                bool required, long long min, long long max, long long *out,
                                bool *present, DokusError *err);

DokusStatus dokus_json_get_date (const cJSON *obj, const char *path, const char *key,
                                 bool required, DokusDate *out, bool *present, DokusError *err);

DokusStatus dokus_json_get_bool (const cJSON *obj, const char *path, const char *key,
                                 bool required, bool *out, bool *present, DokusError *err);

/* An object or array member (NULL when absent or null); DOKUS_ERR_INVALID
 * if present with another type. */
DokusStatus dokus_json_get_object (const cJSON *obj, const char *path, const char *key,
                                   bool required, const cJSON **out, DokusError *err);
DokusStatus dokus_json_get_array (const cJSON *obj, const char *path, const char *key,
                                  bool required, const cJSON **out, DokusError *err);

/* Output helpers: add @cents as "1234.50", @d as its shortest text. */
void dokus_json_add_cents (cJSON *obj, const char *key, DokusCents cents);
void dokus_json_add_decimal (cJSON *obj, const char *key, DokusDecimal d);
/* Adds a string, or null for NULL. */
void dokus_json_add_string_or_null (cJSON *obj, const char *key, const char *value);

/* Prints @json (transfer full, free()) and deletes it; NOMEM on failure. */
DokusStatus dokus_json_print_take (cJSON *json, char **out, DokusError *err);

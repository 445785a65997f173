/* dokus-gui-json.h
 *
 * Small readers for the JSON libdokus returns (docs/formats.md), so that
 * views say j_str (row, "number") instead of walking cJSON by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

/* The string member @key of @object, or @fallback when it is absent, null
 * or not a string. (transfer none): valid while @object is. */
const char *dokus_json_str (const cJSON *object, const char *key, const char *fallback);

/* The string at the dotted path @path ("revenue.quarter") of @object, or
 * @fallback. (transfer none). */
const char *dokus_json_path_str (const cJSON *object, const char *path, const char *fallback);

/* The integer member @key, or @fallback. */
gint64 dokus_json_int (const cJSON *object, const char *key, gint64 fallback);

/* The boolean member @key, or FALSE. */
gboolean dokus_json_bool (const cJSON *object, const char *key);

/* Parses @json and frees it (libdokus output is malloc()ed): (transfer
 * full) cJSON_Delete() the result; NULL if @json is NULL or not JSON. */
cJSON *dokus_json_take (char *json);

G_END_DECLS

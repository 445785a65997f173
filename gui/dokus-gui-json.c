/* dokus-gui-json.c
 *
 * Readers for libdokus's JSON output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "dokus-gui-json.h"

const char *
dokus_json_str (const cJSON *object, const char *key, const char *fallback)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (object, key);

  return cJSON_IsString (v) && v->valuestring ? v->valuestring : fallback;
}

const char *
dokus_json_path_str (const cJSON *object, const char *path, const char *fallback)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  const cJSON *o = object;

  for (guint i = 0; parts[i] != NULL && o != NULL; i++)
    {
      if (parts[i + 1] == NULL)
        return dokus_json_str (o, parts[i], fallback);
      o = cJSON_GetObjectItemCaseSensitive (o, parts[i]);
    }
  return fallback;
}

gint64
dokus_json_int (const cJSON *object, const char *key, gint64 fallback)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (object, key);

  return cJSON_IsNumber (v) ? (gint64) v->valuedouble : fallback;
}

gboolean
dokus_json_bool (const cJSON *object, const char *key)
{
  return cJSON_IsTrue (cJSON_GetObjectItemCaseSensitive (object, key));
}

cJSON *
dokus_json_take (char *json)
{
  cJSON *o;

  if (json == NULL)
    return NULL;
  o = cJSON_Parse (json);
  free (json);
  return o;
}

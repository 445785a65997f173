/* dokus-json-input.c
 *
 * Strict JSON input for the ledger (see dokus-json-input-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-json-input-private.h"

void
dokus_json_field (char out[DOKUS_FIELD_TEXT], const char *path, const char *key)
{
  if (path == NULL || path[0] == '\0')
    snprintf (out, DOKUS_FIELD_TEXT, "%s", key);
  else
    snprintf (out, DOKUS_FIELD_TEXT, "%s.%s", path, key);
}

DokusStatus
dokus_json_parse_object (const char *text, const char *what, cJSON **out, DokusError *err)
{
  const char *end = NULL;
  cJSON *json;

  *out = NULL;
  if (text == NULL)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "", "no %s given", what);
  json = cJSON_ParseWithOpts (text, &end, 1);
  if (json == NULL)
    {
      size_t at = end ? (size_t) (end - text) : 0;
      return dokus_error_set (err, DOKUS_ERR_INVALID, "",
                              "the %s is not valid JSON (near byte %u)", what, (unsigned) at);
    }
  if (!cJSON_IsObject (json))
    {
      cJSON_Delete (json);
      return dokus_error_set (err, DOKUS_ERR_INVALID, "", "the %s must be a JSON object", what);
    }
  *out = json;
  return DOKUS_OK;
}

DokusStatus
dokus_json_check_fields (const cJSON *obj, const char *path, const char *const *allowed,
                         DokusError *err)
{
  const cJSON *m;

  cJSON_ArrayForEach (m, obj)
    {
      bool known = false;
      for (size_t i = 0; allowed[i] && !known; i++)
        known = m->string && strcmp (m->string, allowed[i]) == 0;
      if (!known)
        {
          char field[DOKUS_FIELD_TEXT];
          dokus_json_field (field, path, m->string ? m->string : "?");
          return dokus_error_set (err, DOKUS_ERR_INVALID, field, "unknown field '%s'",
                                  m->string ? m->string : "?");
        }
    }
  return DOKUS_OK;
}

/* The member @key, NULL if absent or JSON null; a missing required field is
 * an error. */
static DokusStatus
member (const cJSON *obj, const char *path, const char *key, bool required, const cJSON **out,
        DokusError *err)
{
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (obj, key);

  *out = NULL;
  if (m == NULL || cJSON_IsNull (m))
    {
      if (required)
        {
          char field[DOKUS_FIELD_TEXT];
          dokus_json_field (field, path, key);
          return dokus_error_set (err, DOKUS_ERR_INVALID, field, "%s is required", field);
        }
      return DOKUS_OK;
    }
  *out = m;
  return DOKUS_OK;
}

static DokusStatus
string_member (const cJSON *obj, const char *path, const char *key, bool required,
               const char **out, DokusError *err)
{
  const cJSON *m;
  DokusStatus st = member (obj, path, key, required, &m, err);
  char field[DOKUS_FIELD_TEXT];

  *out = NULL;
  if (st != DOKUS_OK || m == NULL)
    return st;
  dokus_json_field (field, path, key);
  if (!cJSON_IsString (m))
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "%s must be a string (amounts too: \"12.50\")", field);
  *out = m->valuestring;
  return DOKUS_OK;
}

DokusStatus
dokus_json_get_string (const cJSON *obj, const char *path, const char *key, bool required,
                       size_t max_len, const char **out, DokusError *err)
{
  char field[DOKUS_FIELD_TEXT];
  const char *s;
  DokusStatus st = string_member (obj, path, key, required, &s, err);

  if (st != DOKUS_OK)
    return st;
  dokus_json_field (field, path, key);
  if (s != NULL && required && s[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, field, "%s must not be empty", field);
  if (s != NULL && strlen (s) > max_len)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field, "%s is longer than %u bytes", field,
                            (unsigned) max_len);
  if (s != NULL && !required && s[0] == '\0')
    s = NULL; /* an empty optional string is an absent one */
  *out = s;
  return DOKUS_OK;
}

DokusStatus
dokus_json_get_choice (const cJSON *obj, const char *path, const char *key, bool required,
                       const char *const *choices, const char **out, DokusError *err)
{
  char field[DOKUS_FIELD_TEXT], list[160] = "";
  const char *s;
  DokusStatus st = dokus_json_get_string (obj, path, key, required, 64, &s, err);

  if (st != DOKUS_OK || s == NULL)
    return st;
  for (size_t i = 0; choices[i]; i++)
    {
      if (strcmp (s, choices[i]) == 0)
        {
          *out = choices[i];
          return DOKUS_OK;
        }
      snprintf (list + strlen (list), sizeof list - strlen (list), "%s%s", i ? ", " : "",
                choices[i]);
    }
  dokus_json_field (field, path, key);
  return dokus_error_set (err, DOKUS_ERR_INVALID, field, "%s must be one of %s, not '%s'", field,
                          list, s);
}

/* The text of a string member to be parsed, with its field path; *@s is
 * NULL (and *@present false) when the member is absent. */
static DokusStatus
text_to_parse (const cJSON *obj, const char *path, const char *key, bool required,
               bool *present, char field[DOKUS_FIELD_TEXT], const char **s, DokusError *err)
{
  DokusStatus st = string_member (obj, path, key, required, s, err);

  if (present)
    *present = false;
  dokus_json_field (field, path, key);
  return st;
}

static DokusStatus
parsed (DokusStatus st, bool *present)
{
  if (st == DOKUS_OK && present)
    *present = true;
  return st;
}

DokusStatus
dokus_json_get_decimal (const cJSON *obj, const char *path, const char *key, bool required,
                        unsigned max_scale, DokusDecimal *out, bool *present, DokusError *err)
{
  char field[DOKUS_FIELD_TEXT];
  const char *s = NULL;
  DokusStatus st = text_to_parse (obj, path, key, required, present, field, &s, err);

  if (st != DOKUS_OK || s == NULL)
    return st;
  return parsed (dokus_decimal_parse (s, max_scale, field, out, err), present);
}

DokusStatus
dokus_json_get_cents (const cJSON *obj, const char *path, const char *key, bool required,
                      DokusCents *out, bool *present, DokusError *err)
{
  char field[DOKUS_FIELD_TEXT];
  const char *s = NULL;
  DokusStatus st = text_to_parse (obj, path, key, required, present, field, &s, err);

  if (st != DOKUS_OK || s == NULL)
    return st;
  return parsed (dokus_cents_parse (s, field, out, err), present);
}

DokusStatus
dokus_json_get_int (const cJSON *obj, const char *path, const char *key, bool required,
                    long long min, long long max, long long *out, bool *present, DokusError *err)
{
  char field[DOKUS_FIELD_TEXT];
  const cJSON *m;
  DokusStatus st = member (obj, path, key, required, &m, err);
  long long v;

  if (present)
    *present = false;
  if (st != DOKUS_OK || m == NULL)
    return st;
  dokus_json_field (field, path, key);
  /* cJSON keeps numbers as double; accept only exact small integers */
  if (!cJSON_IsNumber (m) || m->valueint < min || m->valueint > max
      || (long long) m->valueint != (long long) m->valuedouble || m->valuedouble != (double) m->valueint)
    return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                            "%s must be a whole number from %lld to %lld", field, min, max);
  v = m->valueint;
  *out = v;
  if (present)
    *present = true;
  return DOKUS_OK;
}

DokusStatus
dokus_json_get_date (const cJSON *obj, const char *path, const char *key, bool required,
                     DokusDate *out, bool *present, DokusError *err)
{
  char field[DOKUS_FIELD_TEXT];
  const char *s = NULL;
  DokusStatus st = text_to_parse (obj, path, key, required, present, field, &s, err);

  if (st != DOKUS_OK || s == NULL)
    return st;
  return parsed (dokus_date_parse (s, field, out, err), present);
}

DokusStatus
dokus_json_get_bool (const cJSON *obj, const char *path, const char *key, bool required,
                     bool *out, bool *present, DokusError *err)
{
  char field[DOKUS_FIELD_TEXT];
  const cJSON *m;
  DokusStatus st = member (obj, path, key, required, &m, err);

  if (present)
    *present = false;
  if (st != DOKUS_OK || m == NULL)
    return st;
  dokus_json_field (field, path, key);
  if (!cJSON_IsBool (m))
    return dokus_error_set (err, DOKUS_ERR_INVALID, field, "%s must be true or false", field);
  *out = cJSON_IsTrue (m);
  if (present)
    *present = true;
  return DOKUS_OK;
}

DokusStatus
dokus_json_get_object (const cJSON *obj, const char *path, const char *key, bool required,
                       const cJSON **out, DokusError *err)
{
  char field[DOKUS_FIELD_TEXT];
  DokusStatus st = member (obj, path, key, required, out, err);

  if (st != DOKUS_OK || *out == NULL)
    return st;
  dokus_json_field (field, path, key);
  if (!cJSON_IsObject (*out))
    return dokus_error_set (err, DOKUS_ERR_INVALID, field, "%s must be an object", field);
  return DOKUS_OK;
}

DokusStatus
dokus_json_get_array (const cJSON *obj, const char *path, const char *key, bool required,
                      const cJSON **out, DokusError *err)
{
  char field[DOKUS_FIELD_TEXT];
  DokusStatus st = member (obj, path, key, required, out, err);

  if (st != DOKUS_OK || *out == NULL)
    return st;
  dokus_json_field (field, path, key);
  if (!cJSON_IsArray (*out))
    return dokus_error_set (err, DOKUS_ERR_INVALID, field, "%s must be an array", field);
  return DOKUS_OK;
}

void
dokus_json_add_cents (cJSON *obj, const char *key, DokusCents cents)
{
  char buf[DOKUS_MONEY_TEXT];
  cJSON_AddStringToObject (obj, key, dokus_cents_format (cents, buf));
}

void
dokus_json_add_decimal (cJSON *obj, const char *key, DokusDecimal d)
{
  char buf[DOKUS_MONEY_TEXT];
  cJSON_AddStringToObject (obj, key, dokus_decimal_format (d, buf));
}

void
dokus_json_add_string_or_null (cJSON *obj, const char *key, const char *value)
{
  if (value != NULL)
    cJSON_AddStringToObject (obj, key, value);
  else
    cJSON_AddNullToObject (obj, key);
}

DokusStatus
dokus_json_print_take (cJSON *json, char **out, DokusError *err)
{
  *out = json ? cJSON_PrintUnformatted (json) : NULL;
  cJSON_Delete (json);
  if (*out == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  return DOKUS_OK;
}

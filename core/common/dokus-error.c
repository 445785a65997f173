/* dokus-error.c
 *
 * Filling DokusError values. No allocation and no global state on the
 * error path: the caller owns the DokusError.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dokus/dokus-error.h"

DokusStatus
dokus_error_set (DokusError *err, DokusStatus code, const char *field, const char *format, ...)
{
  va_list ap;

  if (err == NULL)
    return code;
  err->code = code;
  snprintf (err->field, sizeof err->field, "%s", field ? field : "");
  va_start (ap, format);
  vsnprintf (err->message, sizeof err->message, format, ap);
  va_end (ap);
  return code;
}

void
dokus_error_clear (DokusError *err)
{
  if (err == NULL)
    return;
  memset (err, 0, sizeof *err);
}

const char *
dokus_status_name (DokusStatus code)
{
  switch (code)
    {
    case DOKUS_OK: return "ok";
    case DOKUS_ERR_INVALID: return "invalid";
    case DOKUS_ERR_REFUSED: return "refused";
    case DOKUS_ERR_NOT_FOUND: return "not_found";
    case DOKUS_ERR_BAD_PASSPHRASE: return "bad_passphrase";
    case DOKUS_ERR_CORRUPT: return "corrupt";
    case DOKUS_ERR_IO: return "io";
    case DOKUS_ERR_NOMEM: return "nomem";
    case DOKUS_ERR_INTERNAL: return "internal";
    }
  return "unknown";
}

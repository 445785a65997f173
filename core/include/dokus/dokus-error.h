/* dokus-error.h
 *
 * Errors are values: every fallible function returns a DokusStatus and
 * fills an optional, caller-owned DokusError with the code, the field the
 * error is about and an English diagnostic. Libraries never print or exit.
 * UIs translate by code; the message is for logs and the CLI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-types.h"

typedef enum {
  DOKUS_OK = 0,
  DOKUS_ERR_INVALID = -1,        /* bad input; field names it */
  DOKUS_ERR_REFUSED = -2,        /* a rule says no (file exists, book too new, ...) */
  DOKUS_ERR_NOT_FOUND = -3,
  DOKUS_ERR_BAD_PASSPHRASE = -4, /* wrong passphrase or recovery key; nothing was changed */
  DOKUS_ERR_CORRUPT = -5,        /* damaged or tampered data; message names the page or record */
  DOKUS_ERR_IO = -6,
  DOKUS_ERR_NOMEM = -7,
  DOKUS_ERR_INTERNAL = -8,       /* a bug in Dokus or SQLite misuse; message says where */
} DokusStatus;

struct DokusError {
  DokusStatus code;
  char        field[64];         /* "passphrase", "lines[2].vat_rate", or "" */
  char        message[256];      /* English diagnostic; UIs translate by code */
};

/* Fills @err (if not NULL) with @code, @field (NULL means "") and the
 * printf-style message, truncating what does not fit. Returns @code, so
 * that `return dokus_error_set (err, DOKUS_ERR_INVALID, "iban", "...");`
 * reads naturally. */
DOKUS_PUBLIC DokusStatus dokus_error_set (DokusError *err, DokusStatus code, const char *field,
                                          const char *format, ...)
#if defined(__GNUC__)
  __attribute__ ((format (printf, 4, 5)))
#endif
  ;

/* Resets @err (if not NULL) to DOKUS_OK with empty field and message. */
DOKUS_PUBLIC void dokus_error_clear (DokusError *err);

/* A stable, lower-case name for @code ("invalid", "refused", "not_found",
 * "bad_passphrase", "corrupt", "io", "nomem", "internal"; "ok").
 * (transfer none): a static string. */
DOKUS_PUBLIC const char *dokus_status_name (DokusStatus code);

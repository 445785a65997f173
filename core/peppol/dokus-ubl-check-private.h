/* dokus-ubl-check-private.h
 *
 * The gate every UBL document passes before it leaves the book (export,
 * Peppol queue, send): the native validator with every rule set, and the
 * first fatal finding as the error. docs/peppol.md, "Writer".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>

#include "dokus/dokus-error.h"

/* DOKUS_OK when the UBL document @xml (@len bytes) of document @number
 * has no fatal finding. Otherwise DOKUS_ERR_REFUSED, field "ubl", the
 * message naming @number and the first fatal rule id, its location and
 * its message ("2026-0001 fails Peppol validation: PEPPOL-EN16931-CL008 at
 * /Invoice/...: ..."); or the validator's own error (DOKUS_ERR_INVALID,
 * DOKUS_ERR_NOMEM) when it cannot run. Without the validator in the build,
 * DOKUS_OK. */
DokusStatus dokus_ubl_check (const char *xml, size_t len, const char *number, DokusError *err);

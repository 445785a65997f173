/* dokus-audit-private.h
 *
 * Appending audit entries from inside core: ledger code records its
 * entry in the same transaction as the change it describes, so that the
 * change and its entry are committed, or rolled back, together.
 * The entry format and hash are described in dokus/dokus-audit.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus-sqlite-private.h"
#include "dokus/dokus-audit.h"

/* Appends one entry to the audit log of the book open on @db, as
 * dokus_audit_record() describes (arguments, DOKUS_NOW,
 * DOKUS_DEVICE_NAME, the device created by the first entry), but inside
 * the caller's transaction: the caller has run BEGIN (IMMEDIATE, since
 * it writes) and COMMITs or ROLLBACKs afterwards; this function never
 * begins or ends a transaction, and calling it outside one is a bug
 * (assert). On error the caller rolls back: the entry and a device it
 * created may have been written partly. */
DokusStatus dokus_audit_append (sqlite3 *db, const char *action, const char *entity,
                                const char *entity_id,   /* nullable */
                                const char *before_json, /* nullable */
                                const char *after_json,  /* nullable */
                                DokusError *err);        /* nullable */

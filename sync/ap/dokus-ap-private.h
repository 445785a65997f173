/* dokus-ap-private.h
 *
 * What the access point client's files share inside libdokus-sync: the
 * clock, the retry wait, and the one call into the UBL import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dokus/dokus-ap.h"

/* @options->now when set, else the clock (Unix seconds). */
int64_t dokus_ap_now (const DokusApSendOptions *options);

/* max_attempts of @policy (nullable) with its default. */
unsigned dokus_ap_retry_attempts (const DokusApRetryPolicy *policy);

/* Waits before retry number @retry (1 for the first) under @policy. */
void dokus_ap_retry_wait (const DokusApRetryPolicy *policy, unsigned retry);

/* Records the received UBL @xml (@len bytes) as an expense: @expense_id
 * (OUT). When the ledger holds that document already (same supplier and
 * number), @expense_id gets that expense and *@existing is true. The only
 * call into dokus-ubl-read.h, kept in dokus-ap-import.c. */
DokusStatus dokus_ap_import_ubl (DokusBook *book, const char *xml, size_t len,
                                 char expense_id[DOKUS_ID_TEXT], bool *existing,
                                 DokusError *err);

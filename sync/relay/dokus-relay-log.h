/* dokus-relay-log.h
 *
 * One JSON line per request on stderr (journald keeps it), and the
 * relay's own events. Never a token, a key or a ciphertext.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdint.h>

#include "dokus-relay-server.h"

/* The request line: time, request id, method, route, status, error code,
 * duration, sizes, client address, book and device ids when known. */
void dokus_relay_log_request (const DokusRelayRequest *req, const char *route, int64_t micros);

/* {"ts","level","event","message"}; @level "info", "warn" or "error". */
void dokus_relay_log_event (const char *level, const char *event, const char *message);

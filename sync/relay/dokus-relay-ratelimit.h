/* dokus-relay-ratelimit.h
 *
 * Token buckets per device and per client address. The buckets live in
 * each relay process: with N processes behind a balancer, a client can
 * reach N times the rate (documented in docs/relay.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

typedef struct DokusRelayRateLimit DokusRelayRateLimit;

/* @per_second requests per second per key, bursts of twice that; 0 turns
 * the limit off. (transfer full: dokus_relay_ratelimit_free()) */
DokusRelayRateLimit *dokus_relay_ratelimit_new (unsigned per_second);
void dokus_relay_ratelimit_free (DokusRelayRateLimit *rl);

/* Takes one request from @key's bucket: true if allowed; else false and
 * *@retry_after the whole seconds until one is. Thread-safe. */
bool dokus_relay_ratelimit_take (DokusRelayRateLimit *rl, const char *key,
                                 unsigned *retry_after);

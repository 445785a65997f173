/* dokus-relay-metrics.h
 *
 * Prometheus counters of one relay process: requests by route and status,
 * errors by code, a latency histogram by route, envelopes stored; the
 * pool and the waiting pulls are read when /metrics is scraped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define DOKUS_RELAY_MAX_ROUTES 40

/* Names the route with index @route (its label); call once per route at
 * start-up. @name is (transfer none), a static string. */
void dokus_relay_metrics_name_route (unsigned route, const char *name);

/* Records one answered request. @error_code is NULL for a success. */
void dokus_relay_metrics_request (unsigned route, unsigned status, const char *error_code,
                                  int64_t micros);
void dokus_relay_metrics_envelopes (unsigned long count);

/* The exposition text (transfer full: free()); gauges from the args. */
char *dokus_relay_metrics_render (unsigned pool_in_use, unsigned pool_size, unsigned waiting);

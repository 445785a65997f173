/* dokus-relay-metrics.c
 *
 * Lock-free counters (C11 atomics), rendered in the Prometheus text format
 * 0.0.4. Latency buckets are in seconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-relay-metrics.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int64_t bucket_us[] = { 1000,   5000,    10000,   25000,    50000,   100000,
                                     250000, 500000,  1000000, 2500000, 10000000, 30000000 };
#define N_BUCKETS (sizeof bucket_us / sizeof bucket_us[0])

static const char *const error_codes[] = {
  "invalid",       "malformed",   "bad_signature", "unauthorized", "token_expired",
  "forbidden",     "not_found",   "conflict",      "dev_seq_conflict", "gone",
  "too_large",     "rate_limited", "unavailable",  "internal",     "method_not_allowed",
  "refresh_reused", "lease_conflict", "revoked",
};
#define N_CODES (sizeof error_codes / sizeof error_codes[0])

static const char *route_names[DOKUS_RELAY_MAX_ROUTES];
static atomic_ulong requests[DOKUS_RELAY_MAX_ROUTES][6]; /* by status / 100 */
static atomic_ulong latency[DOKUS_RELAY_MAX_ROUTES][N_BUCKETS + 1];
static atomic_ullong latency_sum_us[DOKUS_RELAY_MAX_ROUTES];
static atomic_ulong errors[N_CODES + 1];
static atomic_ulong envelopes;

void
dokus_relay_metrics_name_route (unsigned route, const char *name)
{
  if (route < DOKUS_RELAY_MAX_ROUTES)
    route_names[route] = name;
}

void
dokus_relay_metrics_request (unsigned route, unsigned status, const char *error_code,
                             int64_t micros)
{
  unsigned b = 0;
  if (route >= DOKUS_RELAY_MAX_ROUTES)
    return;
  atomic_fetch_add (&requests[route][status / 100 < 6 ? status / 100 : 0], 1);
  while (b < N_BUCKETS && micros > bucket_us[b])
    b++;
  atomic_fetch_add (&latency[route][b], 1);
  atomic_fetch_add (&latency_sum_us[route], (unsigned long long) (micros > 0 ? micros : 0));
  if (error_code)
    {
      size_t i = 0;
      while (i < N_CODES && strcmp (error_codes[i], error_code) != 0)
        i++;
      atomic_fetch_add (&errors[i], 1);
    }
}

void
dokus_relay_metrics_envelopes (unsigned long count)
{
  atomic_fetch_add (&envelopes, count);
}

typedef struct {
  char *buf;
  size_t len, cap;
} Text;

#if defined(__GNUC__)
__attribute__ ((format (printf, 2, 3)))
#endif
static void
add (Text *t, const char *fmt, ...)
{
  va_list ap;
  int n;
  for (;;)
    {
      va_start (ap, fmt);
      n = vsnprintf (t->buf ? t->buf + t->len : NULL, t->buf ? t->cap - t->len : 0, fmt, ap);
      va_end (ap);
      if (n < 0)
        return;
      if (t->buf && t->len + (size_t) n < t->cap)
        {
          t->len += (size_t) n;
          return;
        }
      size_t cap = (t->cap ? t->cap * 2 : 8192) + (size_t) n;
      char *nb = realloc (t->buf, cap);
      if (nb == NULL)
        return;
      t->buf = nb;
      t->cap = cap;
    }
}

char *
dokus_relay_metrics_render (unsigned pool_in_use, unsigned pool_size, unsigned waiting)
{
  static const char *const classes[] = { "other", "1xx", "2xx", "3xx", "4xx", "5xx" };
  Text t = { 0 };

  add (&t, "# HELP dokus_relay_requests_total HTTP requests answered, by route and status "
           "class.\n# TYPE dokus_relay_requests_total counter\n");
  for (unsigned r = 0; r < DOKUS_RELAY_MAX_ROUTES; r++)
    for (unsigned c = 0; route_names[r] && c < 6; c++)
      {
        unsigned long v = atomic_load (&requests[r][c]);
        if (v)
          add (&t, "dokus_relay_requests_total{route=\"%s\",status=\"%s\"} %lu\n",
               route_names[r], classes[c], v);
      }
  add (&t, "# HELP dokus_relay_errors_total Error answers by error code.\n"
           "# TYPE dokus_relay_errors_total counter\n");
  for (size_t i = 0; i < N_CODES; i++)
    add (&t, "dokus_relay_errors_total{code=\"%s\"} %lu\n", error_codes[i],
         atomic_load (&errors[i]));
  add (&t, "# HELP dokus_relay_request_duration_seconds Time from request to answer "
           "(long-poll waits included).\n"
           "# TYPE dokus_relay_request_duration_seconds histogram\n");
  for (unsigned r = 0; r < DOKUS_RELAY_MAX_ROUTES; r++)
    {
      unsigned long cum = 0;
      if (route_names[r] == NULL)
        continue;
      for (unsigned b = 0; b < N_BUCKETS; b++)
        {
          cum += atomic_load (&latency[r][b]);
          add (&t, "dokus_relay_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %lu\n",
               route_names[r], (double) bucket_us[b] / 1e6, cum);
        }
      cum += atomic_load (&latency[r][N_BUCKETS]);
      add (&t, "dokus_relay_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %lu\n",
           route_names[r], cum);
      add (&t, "dokus_relay_request_duration_seconds_sum{route=\"%s\"} %.6f\n", route_names[r],
           (double) atomic_load (&latency_sum_us[r]) / 1e6);
      add (&t, "dokus_relay_request_duration_seconds_count{route=\"%s\"} %lu\n", route_names[r],
           cum);
    }
  add (&t, "# HELP dokus_relay_envelopes_stored_total Envelopes newly stored by pushes.\n"
           "# TYPE dokus_relay_envelopes_stored_total counter\n"
           "dokus_relay_envelopes_stored_total %lu\n",
       atomic_load (&envelopes));
  add (&t, "# HELP dokus_relay_db_pool_in_use PostgreSQL connections in use.\n"
           "# TYPE dokus_relay_db_pool_in_use gauge\ndokus_relay_db_pool_in_use %u\n"
           "# HELP dokus_relay_db_pool_size PostgreSQL connections in the pool.\n"
           "# TYPE dokus_relay_db_pool_size gauge\ndokus_relay_db_pool_size %u\n"
           "# HELP dokus_relay_pulls_waiting Long-poll pulls waiting for a change.\n"
           "# TYPE dokus_relay_pulls_waiting gauge\ndokus_relay_pulls_waiting %u\n",
       pool_in_use, pool_size, waiting);
  return t.buf;
}

/* dokus-ap-retry.c
 *
 * Exponential back-off with "full jitter" (a uniform wait between zero and
 * the exponential bound) for access point calls: many clients that failed
 * together do not retry together. The randomness is libsodium's; the wait
 * itself can be replaced by the caller, so tests run without sleeping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <time.h>

#include <sodium.h>

#include "dokus-ap-private.h"

#if defined(_WIN32)
#include <windows.h>
#endif

#define DEFAULT_ATTEMPTS 5u
#define DEFAULT_BASE_MS 500u
#define DEFAULT_CAP_MS 30000u

unsigned
dokus_ap_retry_attempts (const DokusApRetryPolicy *policy)
{
  return policy && policy->max_attempts ? policy->max_attempts : DEFAULT_ATTEMPTS;
}

unsigned
dokus_ap_retry_delay_ms (const DokusApRetryPolicy *policy, unsigned retry)
{
  unsigned base = policy && policy->base_delay_ms ? policy->base_delay_ms : DEFAULT_BASE_MS;
  unsigned cap = policy && policy->max_delay_ms ? policy->max_delay_ms : DEFAULT_CAP_MS;
  unsigned bound = base;

  /* base * 2^(retry-1), saturating at the cap */
  for (unsigned i = 1; i < retry && bound < cap; i++)
    bound = bound > cap / 2 ? cap : bound * 2;
  if (bound > cap)
    bound = cap;
  return bound == UINT32_MAX ? randombytes_random () : randombytes_uniform (bound + 1);
}

static void
real_sleep_ms (unsigned ms)
{
#if defined(_WIN32)
  Sleep (ms);
#else
  struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long) (ms % 1000) * 1000000L };
  while (nanosleep (&ts, &ts) != 0)
    ;
#endif
}

void
dokus_ap_retry_wait (const DokusApRetryPolicy *policy, unsigned retry)
{
  unsigned ms = dokus_ap_retry_delay_ms (policy, retry);

  if (policy != NULL && policy->sleep_ms != NULL)
    policy->sleep_ms (ms, policy->sleep_data);
  else
    real_sleep_ms (ms);
}

int64_t
dokus_ap_now (const DokusApSendOptions *options)
{
  if (options != NULL && options->now != 0)
    return options->now;
  return (int64_t) time (NULL);
}

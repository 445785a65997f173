/* dokus-relay-ratelimit.c
 *
 * Fixed-size open-addressing table of buckets (key, milli-tokens, last
 * refill). A full neighbourhood evicts its idlest bucket, so memory is
 * bounded whatever the number of clients.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-relay-ratelimit.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-relay-notify.h"

#define SLOTS 16384
#define PROBE 8
#define KEY_MAX 48

typedef struct {
  char key[KEY_MAX];
  int64_t milli;   /* tokens x 1000 */
  int64_t last_ms;
} Bucket;

struct DokusRelayRateLimit {
  pthread_mutex_t lock;
  unsigned rate;
  Bucket *slots;
};

DokusRelayRateLimit *
dokus_relay_ratelimit_new (unsigned per_second)
{
  DokusRelayRateLimit *rl = calloc (1, sizeof *rl);
  if (rl == NULL)
    return NULL;
  rl->rate = per_second;
  rl->slots = per_second ? calloc (SLOTS, sizeof *rl->slots) : NULL;
  if (per_second && rl->slots == NULL)
    {
      free (rl);
      return NULL;
    }
  pthread_mutex_init (&rl->lock, NULL);
  return rl;
}

void
dokus_relay_ratelimit_free (DokusRelayRateLimit *rl)
{
  if (rl == NULL)
    return;
  pthread_mutex_destroy (&rl->lock);
  free (rl->slots);
  free (rl);
}

static uint32_t
hash_key (const char *s)
{
  uint32_t h = 2166136261u; /* FNV-1a */
  for (; *s; s++)
    h = (h ^ (uint8_t) *s) * 16777619u;
  return h;
}

bool
dokus_relay_ratelimit_take (DokusRelayRateLimit *rl, const char *key, unsigned *retry_after)
{
  int64_t now = dokus_relay_now_ms ();
  int64_t burst = (int64_t) rl->rate * 2 * 1000;
  uint32_t h;
  Bucket *b = NULL, *idlest = NULL;
  bool ok;

  *retry_after = 0;
  if (rl->rate == 0)
    return true;
  h = hash_key (key);
  pthread_mutex_lock (&rl->lock);
  for (unsigned i = 0; i < PROBE && b == NULL; i++)
    {
      Bucket *c = &rl->slots[(h + i) % SLOTS];
      if (strncmp (c->key, key, KEY_MAX) == 0)
        b = c;
      else if (idlest == NULL || c->last_ms < idlest->last_ms)
        idlest = c;
    }
  if (b == NULL)
    {
      b = idlest;
      strncpy (b->key, key, KEY_MAX - 1);
      b->key[KEY_MAX - 1] = '\0';
      b->milli = burst;
      b->last_ms = now;
    }
  b->milli += (now - b->last_ms) * (int64_t) rl->rate;
  if (b->milli > burst)
    b->milli = burst;
  b->last_ms = now;
  ok = b->milli >= 1000;
  if (ok)
    b->milli -= 1000;
  else
    {
      int64_t wait_ms = (1000 - b->milli + rl->rate - 1) / rl->rate;
      *retry_after = (unsigned) ((wait_ms + 999) / 1000);
      if (*retry_after == 0)
        *retry_after = 1;
    }
  pthread_mutex_unlock (&rl->lock);
  return ok;
}

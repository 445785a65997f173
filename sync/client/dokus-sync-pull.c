/* dokus-sync-pull.c
 *
 * Pull: the envelopes after the book's cursor, applied one batch per
 * SQLite transaction (dokus_sync_apply, which stores the cursor in the
 * same transaction, so a crash or a lost answer only repeats work that
 * applying twice leaves unchanged). The first pull may long-poll. A 410
 * (the cursor is below the relay's snapshot floor) loads the newest
 * snapshot, then pulls on. Each answer's server_time_ms gives the clock
 * check of SYNC.md; at the head, device_heads is compared with what this
 * book applied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "dokus-sync-client-private.h"

#define PULL_LIMIT 500

/* devices whose envelopes up to the relay's head this book has not all applied */
static DokusStatus
count_lagging (DokusBook *book, const cJSON *heads, int64_t *lagging, DokusError *err)
{
  const cJSON *h;

  *lagging = 0;
  cJSON_ArrayForEach (h, heads)
    {
      int64_t applied = 0;
      DokusStatus st;
      if (!cJSON_IsNumber (h) || h->string == NULL)
        continue;
      st = dokus_sync_applied_get (book, h->string, &applied, err);
      if (st != DOKUS_OK)
        return st;
      if (applied < (int64_t) h->valuedouble)
        (*lagging)++;
    }
  return DOKUS_OK;
}

static DokusStatus
pull_once (DokusSyncClient *c, DokusBook *book, const char *book_id, unsigned wait_s,
           DokusSyncRunStats *stats, bool *more, DokusError *err)
{
  int64_t after = 0, sent_ms, server_ms;
  SyncReply reply = { 0 };
  DokusSyncEnvelope *envs = NULL;
  size_t n = 0;
  char path[192];
  DokusStatus st = dokus_sync_get_cursor (book, &after, err);

  *more = false;
  if (st != DOKUS_OK)
    return st;
  snprintf (path, sizeof path, "/v1/books/%s/pull?after=%" PRId64 "&limit=%d&wait=%u", book_id,
            after, PULL_LIMIT, wait_s);
  sent_ms = dokus_sync_wall_ms (c);
  st = dokus_sync_http (c, book, "GET", path, NULL, NULL, 0, wait_s, &reply, err);
  if (st == DOKUS_ERR_REFUSED && reply.http == 410)
    {
      dokus_sync_reply_clear (&reply);
      if (stats->snapshots > 0)
        return dokus_error_set (err, DOKUS_ERR_REFUSED, "snapshot",
                                "the relay's newest snapshot ends below its own floor: ask the "
                                "book's owner to sync and upload a new one");
      st = dokus_sync_snapshot_load (c, book, book_id, stats, err);
      *more = st == DOKUS_OK;
      return st;
    }
  if (st == DOKUS_OK)
    st = dokus_sync_wire_parse_envelopes (cJSON_GetObjectItemCaseSensitive (reply.json,
                                                                            "envelopes"),
                                          "envelopes", &envs, &n, err);
  server_ms = dokus_sync_wire_int (reply.json, "server_time_ms", 0);
  if (st == DOKUS_OK && server_ms > 0 && wait_s == 0)
    {
      /* against the middle of the request; a long-poll's wait says nothing */
      int64_t now = dokus_sync_wall_ms (c);
      stats->clock_skew_ms = server_ms - (sent_ms + (now - sent_ms) / 2);
      /* kept in the book, so that libdokus itself refuses local changes
         while this clock is more than 5 minutes off (SYNC.md) */
      st = dokus_sync_clock_skew_record (book, stats->clock_skew_ms, err);
    }
  if (st == DOKUS_OK && n > 0)
    {
      DokusSyncApplyStats as = { 0 };
      st = dokus_sync_apply (book, envs, n, envs[n - 1].server_seq, &as, err);
      stats->pulled += (int64_t) n;
      stats->applied += (int64_t) as.applied;
      *more = true;
    }
  if (st == DOKUS_OK)
    stats->head_seq = dokus_sync_wire_int (reply.json, "head_seq", stats->head_seq);
  if (st == DOKUS_OK && n == 0)
    st = count_lagging (book, cJSON_GetObjectItemCaseSensitive (reply.json, "device_heads"),
                        &stats->lagging, err);
  dokus_sync_envelopes_free (envs, n);
  dokus_sync_reply_clear (&reply);
  return st;
}

DokusStatus
dokus_sync_pull_all (DokusSyncClient *c, DokusBook *book, const char *book_id, unsigned wait_s,
                     DokusSyncProgress progress, void *user, DokusSyncRunStats *stats,
                     DokusError *err)
{
  DokusStatus st = DOKUS_OK;
  bool more = true;

  /* a first quick pull (clock check, whatever is there), then the wait */
  for (bool first = true; st == DOKUS_OK && more; first = false)
    {
      st = pull_once (c, book, book_id, 0, stats, &more, err);
      if (st == DOKUS_OK && !more && first && wait_s > 0)
        st = pull_once (c, book, book_id, wait_s, stats, &more, err);
      if (progress != NULL && st == DOKUS_OK)
        progress ("pull", stats->pulled, stats->head_seq, user);
    }
  if (st == DOKUS_OK)
    st = dokus_sync_pending_count (book, &stats->waiting, err);
  return st;
}

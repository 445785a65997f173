/* dokus-sync-lease.c
 *
 * Series leases at the relay (docs/sync.md, "Leases"): take a free lease
 * after catching up with its last holder, release it after pushing
 * everything. The relay's compare-and-set decides; a retried POST whose
 * first answer was lost finds the lease already as asked and counts as
 * done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "dokus-sync-client-private.h"

typedef struct {
  char holder[DOKUS_SYNC_ID_TEXT]; /* "" when free */
  int64_t epoch, release_seq;
} Lease;

static void
read_lease (const cJSON *l, Lease *out)
{
  const cJSON *h = cJSON_GetObjectItemCaseSensitive (l, "holder");

  memset (out, 0, sizeof *out);
  if (cJSON_IsString (h))
    snprintf (out->holder, sizeof out->holder, "%s", h->valuestring);
  out->epoch = dokus_sync_wire_int (l, "epoch", 0);
  out->release_seq = dokus_sync_wire_int (l, "release_seq", 0);
}

/* GET (@post NULL) or compare-and-set the lease of @tag. */
static DokusStatus
lease_call (DokusSyncClient *c, DokusBook *book, const char *book_id, const char *tag,
            const cJSON *post, Lease *out, DokusError *err)
{
  char path[256];
  SyncReply reply = { 0 };
  DokusStatus st;

  snprintf (path, sizeof path, "/v1/books/%s/lease/%s", book_id, tag);
  st = dokus_sync_http (c, book, post ? "POST" : "GET", path, post, NULL, 0, 0, &reply, err);
  read_lease (reply.http == 409 ? cJSON_GetObjectItemCaseSensitive (reply.json, "current")
                                : reply.json,
              out);
  if (reply.http == 409)
    {
      const cJSON *want = cJSON_GetObjectItemCaseSensitive (post, "holder");
      bool as_asked = out->epoch == dokus_sync_wire_int (post, "expect_epoch", -2) + 1
                      && (cJSON_IsString (want) ? strcmp (want->valuestring, out->holder) == 0
                                                : out->holder[0] == '\0')
                      && c->retries > 0;
      st = as_asked ? DOKUS_OK
                    : dokus_error_set (err, DOKUS_ERR_REFUSED, "lease",
                                       "the lease moved meanwhile: %s holds it now (epoch %" PRId64
                                       ")",
                                       out->holder[0] ? out->holder : "nobody", out->epoch);
    }
  dokus_sync_reply_clear (&reply);
  return st;
}

/* Syncs @book, then reads the lease of @series: @book_id, @self and @tag
 * filled for the caller's compare-and-set. */
static DokusStatus
lease_read_after_sync (DokusSyncClient *c, DokusBook *book, const char *series,
                       char book_id[DOKUS_SYNC_ID_TEXT], char self[DOKUS_SYNC_ID_TEXT],
                       char tag[65], Lease *lease, DokusError *err)
{
  DokusStatus st = dokus_sync_client_run (c, book, NULL, NULL, NULL, err);
  DokusSyncEnvelope *left = NULL;
  size_t n_left = 0;

  /* a release needs everything acknowledged; a take does too (its own
   * numbers must be at the relay before the lease moves again) */
  if (st == DOKUS_OK)
    st = dokus_sync_outbox_list (book, 1, &left, &n_left, err);
  dokus_sync_envelopes_free (left, n_left);
  if (st == DOKUS_OK && n_left > 0)
    st = dokus_error_set (err, DOKUS_ERR_IO, "lease",
                          "not every change reached the relay: sync again");
  if (st == DOKUS_OK)
    st = dokus_sync_get_identity (book, book_id, self, NULL, err);
  if (st == DOKUS_OK)
    st = dokus_sync_series_tag (book, series, tag, err);
  if (st == DOKUS_OK)
    st = lease_call (c, book, book_id, tag, NULL, lease, err);
  return st;
}

/* Compare-and-sets the lease of @series from epoch @expect to @holder
 * (nullable: free) with @release_seq, then records what the relay
 * granted in @book. */
static DokusStatus
lease_move (DokusSyncClient *c, DokusBook *book, const char *book_id, const char *tag,
            const char *series, int64_t expect, const char *holder, int64_t release_seq,
            DokusError *err)
{
  cJSON *post = cJSON_CreateObject ();
  Lease lease;
  DokusStatus st;

  if (post == NULL || !cJSON_AddNumberToObject (post, "expect_epoch", (double) expect)
      || !(holder ? cJSON_AddStringToObject (post, "holder", holder)
                  : cJSON_AddNullToObject (post, "holder"))
      || !cJSON_AddNumberToObject (post, "release_seq", (double) release_seq))
    {
      cJSON_Delete (post);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  c->retries = 0;
  st = lease_call (c, book, book_id, tag, post, &lease, err);
  cJSON_Delete (post);
  if (st == DOKUS_OK)
    st = dokus_sync_lease_set (book, series, holder, lease.epoch, err);
  return st;
}

DokusStatus
dokus_sync_client_lease_take (DokusSyncClient *c, DokusBook *book, const char *series,
                              DokusError *err)
{
  char book_id[DOKUS_SYNC_ID_TEXT], self[DOKUS_SYNC_ID_TEXT], tag[65];
  int64_t cursor = 0, waiting = 0;
  Lease lease;
  DokusStatus st;

  assert (c != NULL && book != NULL && series != NULL);
  st = lease_read_after_sync (c, book, series, book_id, self, tag, &lease, err);
  if (st != DOKUS_OK)
    return st;
  if (strcmp (lease.holder, self) == 0)
    return dokus_sync_lease_set (book, series, self, lease.epoch, err);
  if (lease.holder[0] != '\0')
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "lease",
                            "device %s holds the lease of %s: it must release it (online and "
                            "caught up) first",
                            lease.holder, series);
  /* caught up through the release, nothing of it waiting */
  st = dokus_sync_get_cursor (book, &cursor, err);
  if (st == DOKUS_OK)
    st = dokus_sync_pending_count (book, &waiting, err);
  if (st != DOKUS_OK)
    return st;
  if (cursor < lease.release_seq || waiting > 0)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "lease",
                            "this book is not caught up with the last holder of %s yet "
                            "(at %" PRId64 " of %" PRId64 ", %" PRId64 " waiting): sync again",
                            series, cursor, lease.release_seq, waiting);
  return lease_move (c, book, book_id, tag, series, lease.epoch, self, lease.release_seq, err);
}

DokusStatus
dokus_sync_client_lease_release (DokusSyncClient *c, DokusBook *book, const char *series,
                                 DokusError *err)
{
  char book_id[DOKUS_SYNC_ID_TEXT], self[DOKUS_SYNC_ID_TEXT], tag[65];
  int64_t cursor = 0;
  Lease lease;
  DokusStatus st;

  assert (c != NULL && book != NULL && series != NULL);
  st = lease_read_after_sync (c, book, series, book_id, self, tag, &lease, err);
  if (st != DOKUS_OK)
    return st;
  if (strcmp (lease.holder, self) != 0)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "lease",
                            "this device does not hold the lease of %s", series);
  /* everything this device wrote is acknowledged: the relay's head at the
   * last sync is at or past its last envelope */
  st = dokus_sync_get_cursor (book, &cursor, err);
  if (st != DOKUS_OK)
    return st;
  return lease_move (c, book, book_id, tag, series, lease.epoch, NULL, cursor, err);
}

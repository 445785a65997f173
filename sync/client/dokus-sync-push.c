/* dokus-sync-push.c
 *
 * Push: the book's unacknowledged outbox envelopes, in batches of 100
 * with the device's batch signature, the same bytes on every retry. The
 * relay acks a (device, dev_seq) it holds already with its first
 * server_seq (or null when compacted away), so a retry after a lost
 * answer records the same acknowledgement: nothing is stored twice.
 * dev_seq_gap and dev_seq_conflict mean the relay and this book disagree
 * about what this device sent (a book or a relay restored from an older
 * copy): reported, never papered over (docs/sync.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "dokus-sync-client-private.h"

#define PUSH_BATCH 100

/* {device_id, envelopes, batch_sig} for @envs (transfer full) */
static DokusStatus
push_body (DokusBook *book, const char *book_id, const char *device_id,
           const DokusSyncEnvelope *envs, size_t n, cJSON **out, DokusError *err)
{
  unsigned char msg[12 + 2 * SYNC_ID_LEN + 32], b[SYNC_BINDING_LEN], sig[64];
  crypto_generichash_state h;
  cJSON *body = cJSON_CreateObject (), *list = cJSON_AddArrayToObject (body, "envelopes");
  DokusStatus st = DOKUS_OK;

  *out = NULL;
  if (list == NULL || !cJSON_AddStringToObject (body, "device_id", device_id))
    st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  crypto_generichash_init (&h, NULL, 0, 32);
  for (size_t i = 0; st == DOKUS_OK && i < n; i++)
    {
      cJSON *e = cJSON_CreateObject ();
      if (e == NULL || !cJSON_AddItemToArray (list, e)
          || !cJSON_AddNumberToObject (e, "dev_seq", (double) envs[i].dev_seq)
          || !cJSON_AddNumberToObject (e, "key_epoch", envs[i].key_epoch)
          || !dokus_sync_wire_add_b64 (e, "nonce", envs[i].nonce, sizeof envs[i].nonce)
          || !dokus_sync_wire_add_b64 (e, "ct", envs[i].ct, envs[i].ct_len)
          || !dokus_sync_wire_add_b64 (e, "sig", envs[i].sig, sizeof envs[i].sig)
          /* the one kind an accountant may push; "change" is the default */
          || (strcmp (envs[i].kind, "comment") == 0
              && !cJSON_AddStringToObject (e, "kind", "comment")))
        st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      dokus_sync_wire_binding (b, book_id, &envs[i]);
      crypto_generichash_update (&h, b, sizeof b);
      crypto_generichash_update (&h, envs[i].sig, sizeof envs[i].sig);
    }
  memcpy (msg, "dokus-push-1", 12);
  dokus_sync_wire_put_id (msg + 12, book_id);
  dokus_sync_wire_put_id (msg + 12 + SYNC_ID_LEN, device_id);
  crypto_generichash_final (&h, msg + 12 + 2 * SYNC_ID_LEN, 32);
  if (st == DOKUS_OK)
    st = dokus_sync_sign (book, msg, sizeof msg, sig, err);
  if (st == DOKUS_OK && !dokus_sync_wire_add_b64 (body, "batch_sig", sig, sizeof sig))
    st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  if (st == DOKUS_OK)
    *out = body;
  else
    cJSON_Delete (body);
  return st;
}

/* a refusal that says what to do */
static DokusStatus
explain_refusal (const SyncReply *r, int64_t first, DokusError *err)
{
  if (strcmp (r->code, "dev_seq_gap") == 0)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "dev_seq",
                            "the relay expects this device's change %" PRId64 " but the "
                            "oldest one not yet delivered is %" PRId64 ": the relay lost changes "
                            "it had acknowledged (restored from a backup?); pair this book again "
                            "as a new device",
                            dokus_sync_wire_int (r->json, "next_dev_seq", 0), first);
  if (strcmp (r->code, "dev_seq_conflict") == 0)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "dev_seq",
                            "the relay holds other content under this device's change %" PRId64
                            " (this book was restored from an older copy or copied to another "
                            "computer): pair it again as a new device",
                            dokus_sync_wire_int (r->json, "dev_seq", first));
  return DOKUS_OK;
}

static DokusStatus
push_batch (DokusSyncClient *c, DokusBook *book, const char *book_id, const char *device_id,
            const DokusSyncEnvelope *envs, size_t n, int64_t *acked, DokusError *err)
{
  cJSON *body = NULL;
  SyncReply reply = { 0 };
  const cJSON *ack;
  char path[128];
  DokusStatus st = push_body (book, book_id, device_id, envs, n, &body, err);

  snprintf (path, sizeof path, "/v1/books/%s/push", book_id);
  if (st == DOKUS_OK)
    st = dokus_sync_http (c, book, "POST", path, body, NULL, 0, 0, &reply, err);
  if (st == DOKUS_ERR_REFUSED && reply.http == 409)
    {
      DokusStatus why = explain_refusal (&reply, envs[0].dev_seq, err);
      st = why != DOKUS_OK ? why : st;
    }
  const cJSON *acks = st == DOKUS_OK ? cJSON_GetObjectItemCaseSensitive (reply.json, "acks") : NULL;
  if (st == DOKUS_OK && cJSON_GetArraySize (acks) != (int) n)
    st = dokus_error_set (err, DOKUS_ERR_IO, "acks", "the relay acknowledged %d of %lu changes",
                          cJSON_GetArraySize (acks), (unsigned long) n);
  cJSON_ArrayForEach (ack, acks)
    {
      int64_t d = dokus_sync_wire_int (ack, "dev_seq", -1);
      if (st != DOKUS_OK || d < 0)
        break;
      /* null: compacted away, acknowledged long ago, its number gone */
      st = dokus_sync_outbox_ack (book, d, dokus_sync_wire_int (ack, "server_seq", 0), err);
      if (st == DOKUS_OK)
        (*acked)++;
    }
  cJSON_Delete (body);
  dokus_sync_reply_clear (&reply);
  return st;
}

DokusStatus
dokus_sync_push_all (DokusSyncClient *c, DokusBook *book, const char *book_id,
                     const char *device_id, DokusSyncProgress progress, void *user,
                     DokusSyncRunStats *stats, DokusError *err)
{
  DokusStatus st = DOKUS_OK;

  for (;;)
    {
      DokusSyncEnvelope *envs = NULL;
      size_t n = 0;
      st = dokus_sync_outbox_list (book, PUSH_BATCH, &envs, &n, err);
      if (st == DOKUS_OK && n > 0)
        st = push_batch (c, book, book_id, device_id, envs, n, &stats->pushed, err);
      dokus_sync_envelopes_free (envs, n);
      if (progress != NULL && st == DOKUS_OK)
        progress ("push", stats->pushed, -1, user);
      if (st != DOKUS_OK || n == 0)
        return st;
    }
}

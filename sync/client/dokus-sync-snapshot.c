/* dokus-sync-snapshot.c
 *
 * Snapshots for devices whose cursor the relay compacted away (410).
 * Departure from SYNC.md (docs/sync.md): a snapshot is not a dump of the
 * synced tables but the envelopes themselves up to upto_seq, each still
 * sealed and signed by its own device, so a device loading it verifies
 * and applies them exactly like pulled ones (dokus_sync_apply: exactly
 * once, any order), and the relay still learns nothing. The list is
 * JSON in pull format inside one crypto_secretstream_xchacha20poly1305
 * stream: 24-byte header, then chunks of at most 64 KiB, each prefixed
 * with its sealed length (u32 big-endian), the last tagged FINAL. The
 * key is BLAKE2b-256 keyed with the sync key over "dokus-snap-1" ‖
 * book_id; every chunk binds "dokus-snap-1" ‖ book_id ‖ u64 upto_seq ‖
 * u32 key_epoch, so the relay cannot move a snapshot to another number.
 * Each new snapshot starts from the previous one, so history survives
 * compaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-sync-client-private.h"

#define CHUNK 65536
#define AD_LEN (12 + SYNC_ID_LEN + 8 + 4)

typedef struct {
  unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  unsigned char ad[AD_LEN];
} SnapKey;

static DokusStatus
snap_key (DokusBook *book, const char *book_id, int64_t upto, uint32_t want_epoch,
          SnapKey *k, DokusError *err)
{
  unsigned char sync_key[DOKUS_SYNC_KEY_BYTES], msg[12 + SYNC_ID_LEN];
  uint32_t epoch = 0;
  DokusStatus st = dokus_sync_export_key (book, &epoch, sync_key, err);

  if (st == DOKUS_OK && want_epoch != 0 && want_epoch != epoch)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "snapshot",
                          "the relay's snapshot is sealed under key epoch %u, this book holds "
                          "epoch %u",
                          want_epoch, epoch);
  if (st == DOKUS_OK)
    {
      memcpy (msg, "dokus-snap-1", 12);
      dokus_sync_wire_put_id (msg + 12, book_id);
      crypto_generichash (k->key, sizeof k->key, msg, sizeof msg, sync_key, sizeof sync_key);
      memcpy (k->ad, msg, sizeof msg);
      dokus_sync_wire_put_be (k->ad + sizeof msg, (uint64_t) upto, 8);
      dokus_sync_wire_put_be (k->ad + sizeof msg + 8, epoch, 4);
    }
  sodium_memzero (sync_key, sizeof sync_key);
  return st;
}

/* Seals @text; *out (transfer full, free()) of *out_len. */
static DokusStatus
seal (const SnapKey *k, const char *text, size_t len, unsigned char **out, size_t *out_len,
      DokusError *err)
{
  crypto_secretstream_xchacha20poly1305_state s;
  size_t chunks = len / CHUNK + 1;
  size_t cap = crypto_secretstream_xchacha20poly1305_HEADERBYTES
               + len + chunks * (4 + crypto_secretstream_xchacha20poly1305_ABYTES);
  unsigned char *buf = malloc (cap), *p;

  if (buf == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  crypto_secretstream_xchacha20poly1305_init_push (&s, buf, k->key);
  p = buf + crypto_secretstream_xchacha20poly1305_HEADERBYTES;
  for (size_t off = 0, i = 0; i < chunks; i++, off += CHUNK)
    {
      size_t n = len - off < CHUNK ? len - off : CHUNK;
      unsigned long long clen = 0;
      crypto_secretstream_xchacha20poly1305_push (
        &s, p + 4, &clen, (const unsigned char *) text + off, n, k->ad, sizeof k->ad,
        i + 1 == chunks ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
      dokus_sync_wire_put_be (p, clen, 4);
      p += 4 + clen;
    }
  *out = buf;
  *out_len = (size_t) (p - buf);
  return DOKUS_OK;
}

/* Opens a sealed snapshot; *text (transfer full, NUL-terminated). */
static DokusStatus
open_sealed (const SnapKey *k, const unsigned char *in, size_t len, char **text,
             DokusError *err)
{
  crypto_secretstream_xchacha20poly1305_state s;
  unsigned char *out = malloc (len + 1), tag = 0;
  size_t off = crypto_secretstream_xchacha20poly1305_HEADERBYTES, used = 0;

  *text = NULL;
  if (out == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  if (len < off || crypto_secretstream_xchacha20poly1305_init_pull (&s, in, k->key) != 0)
    goto bad;
  while (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
    {
      unsigned long long n = 0;
      size_t clen;
      if (len - off < 4)
        goto bad;
      clen = (size_t) in[off] << 24 | (size_t) in[off + 1] << 16 | (size_t) in[off + 2] << 8
             | in[off + 3];
      off += 4;
      if (clen > len - off
          || crypto_secretstream_xchacha20poly1305_pull (&s, out + used, &n, &tag, in + off, clen,
                                                         k->ad, sizeof k->ad)
               != 0)
        goto bad;
      off += clen;
      used += (size_t) n;
    }
  if (off != len)
    goto bad;
  out[used] = '\0';
  *text = (char *) out;
  return DOKUS_OK;
bad:
  free (out);
  return dokus_error_set (err, DOKUS_ERR_CORRUPT, "snapshot",
                          "the relay's snapshot does not open with this book's key (damaged, "
                          "moved or not ours)");
}

/* GET the newest snapshot, opened: *list (transfer full) its envelopes,
 * *upto its number; *list NULL and *upto 0 when there is none. */
static DokusStatus
snapshot_get (DokusSyncClient *c, DokusBook *book, const char *book_id, cJSON **list,
              int64_t *upto, DokusError *err)
{
  SyncReply reply = { 0 };
  SnapKey k;
  char path[128], *text = NULL;
  cJSON *doc = NULL;
  DokusStatus st;

  *list = NULL;
  *upto = 0;
  snprintf (path, sizeof path, "/v1/books/%s/snapshot", book_id);
  st = dokus_sync_http (c, book, "GET", path, NULL, NULL, 0, 0, &reply, err);
  if (st == DOKUS_ERR_NOT_FOUND)
    {
      dokus_sync_reply_clear (&reply);
      return DOKUS_ERR_NOT_FOUND;
    }
  if (st == DOKUS_OK)
    {
      *upto = strtoll (reply.upto_seq, NULL, 10);
      st = snap_key (book, book_id, *upto, (uint32_t) strtoul (reply.key_epoch, NULL, 10), &k,
                     err);
    }
  if (st == DOKUS_OK)
    st = open_sealed (&k, reply.body, reply.len, &text, err);
  sodium_memzero (&k, sizeof k);
  if (st == DOKUS_OK && ((doc = cJSON_Parse (text)) == NULL
                         || dokus_sync_wire_int (doc, "upto_seq", -1) != *upto
                         || !cJSON_IsString (cJSON_GetObjectItemCaseSensitive (doc, "book_id"))
                         || strcmp (cJSON_GetObjectItemCaseSensitive (doc, "book_id")->valuestring,
                                    book_id)
                              != 0
                         || !cJSON_IsArray (cJSON_GetObjectItemCaseSensitive (doc, "envelopes"))))
    st = dokus_error_set (err, DOKUS_ERR_CORRUPT, "snapshot", "the snapshot's contents are not "
                                                              "a snapshot of this book");
  if (st == DOKUS_OK)
    *list = cJSON_DetachItemFromObjectCaseSensitive (doc, "envelopes");
  cJSON_Delete (doc);
  if (text != NULL)
    sodium_memzero (text, strlen (text));
  free (text);
  dokus_sync_reply_clear (&reply);
  return st;
}

DokusStatus
dokus_sync_snapshot_load (DokusSyncClient *c, DokusBook *book, const char *book_id,
                          DokusSyncRunStats *stats, DokusError *err)
{
  cJSON *list = NULL;
  DokusSyncEnvelope *envs = NULL;
  DokusSyncApplyStats as = { 0 };
  int64_t upto = 0;
  size_t n = 0;
  DokusStatus st = snapshot_get (c, book, book_id, &list, &upto, err);

  if (st == DOKUS_ERR_NOT_FOUND)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "snapshot",
                            "the relay compacted the changes this book still needs and holds no "
                            "snapshot to start from; ask the book's owner to sync");
  if (st == DOKUS_OK)
    st = dokus_sync_wire_parse_envelopes (list, "snapshot", &envs, &n, err);
  if (st == DOKUS_OK)
    st = dokus_sync_apply (book, envs, n, upto, &as, err);
  if (st == DOKUS_OK)
    {
      stats->snapshots++;
      stats->pulled += (int64_t) n;
      stats->applied += (int64_t) as.applied;
    }
  dokus_sync_envelopes_free (envs, n);
  cJSON_Delete (list);
  return st;
}

/* Appends the envelopes after @after up to @upto to @list. */
static DokusStatus
collect_after (DokusSyncClient *c, DokusBook *book, const char *book_id, int64_t after,
               int64_t upto, cJSON *list, DokusError *err)
{
  DokusStatus st = DOKUS_OK;

  while (st == DOKUS_OK && after < upto)
    {
      SyncReply reply = { 0 };
      const cJSON *e, *envs;
      char path[192];
      snprintf (path, sizeof path, "/v1/books/%s/pull?after=%" PRId64 "&limit=1000", book_id,
                after);
      st = dokus_sync_http (c, book, "GET", path, NULL, NULL, 0, 0, &reply, err);
      envs = st == DOKUS_OK ? cJSON_GetObjectItemCaseSensitive (reply.json, "envelopes") : NULL;
      if (st == DOKUS_OK && cJSON_GetArraySize (envs) == 0)
        st = dokus_error_set (err, DOKUS_ERR_IO, "snapshot",
                              "the relay has no changes after %" PRId64 " up to %" PRId64, after,
                              upto);
      cJSON_ArrayForEach (e, envs)
        {
          int64_t seq = dokus_sync_wire_int (e, "server_seq", 0);
          if (seq <= after || seq > upto)
            {
              after = upto;
              break;
            }
          after = seq;
          cJSON_AddItemToArray (list, cJSON_Duplicate (e, true));
        }
      dokus_sync_reply_clear (&reply);
    }
  return st;
}

DokusStatus
dokus_sync_client_snapshot_put (DokusSyncClient *c, DokusBook *book, int64_t *upto_seq,
                                DokusError *err)
{
  char book_id[DOKUS_SYNC_ID_TEXT], path[192], *text = NULL;
  cJSON *list = NULL, *doc = NULL;
  unsigned char *sealed = NULL;
  size_t sealed_len = 0;
  int64_t cursor = 0, prev = 0;
  uint32_t epoch = 0;
  unsigned char unused[DOKUS_SYNC_KEY_BYTES];
  SyncReply reply = { 0 };
  SnapKey k;
  DokusStatus st = dokus_sync_get_identity (book, book_id, NULL, NULL, err);

  if (st == DOKUS_OK)
    st = dokus_sync_get_cursor (book, &cursor, err);
  if (st == DOKUS_OK)
    st = dokus_sync_export_key (book, &epoch, unused, err);
  sodium_memzero (unused, sizeof unused);
  if (st == DOKUS_OK && cursor == 0)
    st = dokus_error_set (err, DOKUS_ERR_INVALID, "snapshot",
                          "nothing to snapshot yet: sync this book first");
  if (st == DOKUS_OK)
    {
      st = snapshot_get (c, book, book_id, &list, &prev, err);
      if (st == DOKUS_ERR_NOT_FOUND)
        st = DOKUS_OK;
    }
  if (st == DOKUS_OK && list == NULL && (list = cJSON_CreateArray ()) == NULL)
    st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  if (st == DOKUS_OK && prev >= cursor)
    goto out; /* the relay has this one (or a newer one) already */
  if (st == DOKUS_OK)
    st = collect_after (c, book, book_id, prev, cursor, list, err);
  if (st == DOKUS_OK)
    {
      doc = cJSON_CreateObject ();
      cJSON_AddNumberToObject (doc, "v", 1);
      cJSON_AddStringToObject (doc, "book_id", book_id);
      cJSON_AddNumberToObject (doc, "upto_seq", (double) cursor);
      cJSON_AddItemToObject (doc, "envelopes", list);
      list = NULL;
      if ((text = cJSON_PrintUnformatted (doc)) == NULL)
        st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  if (st == DOKUS_OK)
    st = snap_key (book, book_id, cursor, 0, &k, err);
  if (st == DOKUS_OK)
    st = seal (&k, text, strlen (text), &sealed, &sealed_len, err);
  sodium_memzero (&k, sizeof k);
  if (st == DOKUS_OK)
    {
      snprintf (path, sizeof path, "/v1/books/%s/snapshot?upto=%" PRId64 "&key_epoch=%u",
                book_id, cursor, epoch);
      st = dokus_sync_http (c, book, "PUT", path, NULL, sealed, sealed_len, 0, &reply, err);
    }
out:
  if (st == DOKUS_OK && upto_seq != NULL)
    *upto_seq = prev >= cursor ? prev : cursor;
  dokus_sync_reply_clear (&reply);
  cJSON_Delete (list);
  cJSON_Delete (doc);
  free (text);
  free (sealed);
  return st;
}

/* dokus-sync-client-private.h
 *
 * What the files of the relay client share: the client's state, the
 * transport with its retries (dokus-sync-transport.c), the tokens
 * (dokus-sync-auth.c), wire helpers (dokus-sync-wire.c), pull and push
 * (dokus-sync-pull.c, dokus-sync-push.c) and snapshots
 * (dokus-sync-snapshot.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "dokus/dokus-sync-client.h"

#define SYNC_ID_LEN 36 /* a UUID's text, inside signed messages */
#define SYNC_BINDING_LEN (11 + SYNC_ID_LEN + SYNC_ID_LEN + 8 + 4 + 32)
#define SYNC_TOKEN_MAX 1024

struct DokusSyncClient {
  char *url;
  char *ca_file;
  DokusSyncClientOptions options;
  volatile sig_atomic_t cancelled;
  /* the tokens and whom they are for; wiped on free */
  char book_id[DOKUS_SYNC_ID_TEXT];
  char device_id[DOKUS_SYNC_ID_TEXT];
  char access[SYNC_TOKEN_MAX];
  char refresh[SYNC_TOKEN_MAX];
  int64_t access_until_ms;  /* monotonic clock */
  int64_t access_ttl_ms;
  int64_t refresh_until_ms; /* monotonic clock */
  /* counters of the running call (DokusSyncRunStats) */
  int64_t retries, sign_ins, refreshes;
};

/* An answer of the relay. */
typedef struct {
  long http;             /* 0 when none came */
  cJSON *json;           /* the body parsed, or NULL */
  unsigned char *body;   /* the raw body (binary answers), NUL-terminated */
  size_t len;
  char code[48];         /* errors[0].code of an error answer, or "" */
  char upto_seq[24];     /* X-Dokus-Upto-Seq (snapshots) */
  char key_epoch[16];    /* X-Dokus-Key-Epoch (snapshots) */
} SyncReply;

void dokus_sync_reply_clear (SyncReply *r);

/* One request to the relay, repeated on transient failures as the
 * header says. @book non-NULL: authenticated for @book's device (tokens
 * obtained or refreshed first; a 401 refreshes or signs in again once).
 * @json_body or (@raw, @raw_len, application/octet-stream) nullable.
 * @wait_s extends the timeout for a long-poll. An answer >= 400 fills
 * @err (its code in @reply->code) and returns its status; @reply is
 * filled either way (dokus_sync_reply_clear). */
DokusStatus dokus_sync_http (DokusSyncClient *c, DokusBook *book, const char *method,
                             const char *path, const cJSON *json_body, const void *raw,
                             size_t raw_len, unsigned wait_s, SyncReply *reply, DokusError *err);

/* Makes sure @c holds a fresh access token for @book's device:
 * reuse, refresh, or sign in by challenge. */
DokusStatus dokus_sync_auth_ensure (DokusSyncClient *c, DokusBook *book, DokusError *err);
/* Forgets the access token (the relay refused it); the refresh token stays. */
void dokus_sync_auth_drop_access (DokusSyncClient *c);
/* Forgets both tokens, wiping them. */
void dokus_sync_auth_forget (DokusSyncClient *c);

/* Monotonic milliseconds. */
int64_t dokus_sync_monotonic_ms (void);
/* The wall clock of @c's options, Unix ms. */
int64_t dokus_sync_wall_ms (const DokusSyncClient *c);

/* ---- wire helpers ---- */

/* Adds base64 of @bin to @o under @key; false on OOM. */
bool dokus_sync_wire_add_b64 (cJSON *o, const char *key, const unsigned char *bin, size_t len);
/* Decodes the base64 member @key; *out (transfer full, free()). */
bool dokus_sync_wire_get_b64 (const cJSON *o, const char *key, unsigned char **out, size_t *len);
/* An id as the fixed 36 bytes of signed messages. */
void dokus_sync_wire_put_id (unsigned char *p, const char *id);
/* @v big-endian in @bytes bytes. */
void dokus_sync_wire_put_be (unsigned char *p, uint64_t v, int bytes);
/* The envelope binding B of docs/sync-protocol.md. */
void dokus_sync_wire_binding (unsigned char out[SYNC_BINDING_LEN], const char *book_id,
                              const DokusSyncEnvelope *e);
/* Parses a JSON array of envelopes in pull format; *out (transfer full,
 * dokus_sync_envelopes_free) of *n. DOKUS_ERR_IO naming @what when malformed. */
DokusStatus dokus_sync_wire_parse_envelopes (const cJSON *list, const char *what,
                                             DokusSyncEnvelope **out, size_t *n,
                                             DokusError *err);
/* An envelope in pull format (transfer full) or NULL on OOM. */
cJSON *dokus_sync_wire_envelope_json (const DokusSyncEnvelope *e);
/* A JSON integer member, or @dflt. */
int64_t dokus_sync_wire_int (const cJSON *o, const char *key, int64_t dflt);

/* ---- push, pull, snapshots ---- */

/* Pushes every unacknowledged outbox envelope. */
DokusStatus dokus_sync_push_all (DokusSyncClient *c, DokusBook *book, const char *book_id,
                                 const char *device_id, DokusSyncProgress progress, void *user,
                                 DokusSyncRunStats *stats, DokusError *err);
/* Pulls and applies until the head; the first pull waits up to @wait_s. */
DokusStatus dokus_sync_pull_all (DokusSyncClient *c, DokusBook *book, const char *book_id,
                                 unsigned wait_s, DokusSyncProgress progress, void *user,
                                 DokusSyncRunStats *stats, DokusError *err);
/* Loads the relay's newest snapshot into @book (after a 410). */
DokusStatus dokus_sync_snapshot_load (DokusSyncClient *c, DokusBook *book, const char *book_id,
                                      DokusSyncRunStats *stats, DokusError *err);

/* relay-harness.h
 *
 * Test and benchmark fixtures for dokus-relay: a throw-away PostgreSQL in
 * a temp dir (unix socket there, a free port on 127.0.0.1), real
 * dokus-relay processes, an HTTP client (libcurl) and a device that signs
 * in, seals and signs envelopes like the real client will.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <check.h>
#include <cjson/cJSON.h>

/* ---- PostgreSQL ---- */

typedef struct {
  char dir[256];      /* temp dir: data/, socket, logs, key file */
  char bindir[256];
  unsigned port;
  char url[512];      /* conninfo of the dokus_relay database */
  bool as_root;       /* commands run through runuser -u postgres */
} RelayPg;

/* The PostgreSQL server binaries' directory, or NULL when not installed
 * (the caller then exits 77: skipped). (transfer none) */
const char *relay_pg_bindir (void);

/* Starts a new cluster with @extra_conf ("-c fsync=off ..." or ""), creates
 * the dokus_relay database. NULL (with a message on stderr) on failure. */
RelayPg *relay_pg_start (const char *extra_conf);
/* pg_ctl stop -m fast (as a crash would not) and start again. */
bool relay_pg_stop_server (RelayPg *pg);
bool relay_pg_start_server (RelayPg *pg);
/* Stops the server and removes the directory. */
void relay_pg_free (RelayPg *pg);

/* A test program's main: starts a PostgreSQL (fsync off) into *@pg, runs
 * @s, stops it (*@pg NULL again). Returns the exit code: 77 (skipped)
 * without the PostgreSQL server binaries, 1 when PostgreSQL does not
 * start or a test failed. */
int relay_pg_run_suite (Suite *s, RelayPg **pg);
/* The same with @extra_conf for relay_pg_start() (NULL: PostgreSQL's
 * defaults, fsync on). */
int relay_pg_run_suite_with_conf (Suite *s, RelayPg **pg, const char *extra_conf);

/* pg_dump of the dokus_relay database (plain SQL text, transfer full). */
char *relay_pg_dump (RelayPg *pg, size_t *len);
/* Runs @sql (no result needed); false on error. */
bool relay_pg_exec (RelayPg *pg, const char *sql);
/* The first column of the first row as an integer; -1 on error. */
long long relay_pg_query_int (RelayPg *pg, const char *sql);

/* ---- relay processes ---- */

typedef struct {
  pid_t pid;
  unsigned port;
  char base[64];     /* "http://127.0.0.1:PORT" */
  char log[700];
  char port_file[700];
} RelayProc;

/* Starts DOKUS_RELAY_BIN against @pg with @args (NULL-terminated, may be
 * NULL) added, the env var DOKUS_RELAY_TEST_FAULT set to @fault if not
 * NULL, and waits until it listens. The key file is @pg->dir/relay.key
 * unless @args gives one. NULL on failure (the log is printed). */
RelayProc *relay_proc_start (RelayPg *pg, const char *fault, const char *const *args);
/* The same in two steps: start the process, then wait until it listens
 * (NULL, the process killed and its log printed, if it does not). Spawn
 * from the main thread: the child dies with the thread that forked it. */
RelayProc *relay_proc_spawn (RelayPg *pg, const char *fault, const char *const *args);
RelayProc *relay_proc_wait_ready (RelayProc *p);
/* SIGTERM and wait (the exit status is returned; -1 if killed). */
int relay_proc_stop (RelayProc *p);
/* SIGKILL and wait. */
void relay_proc_kill (RelayProc *p);
/* Waits for an exited process (after a fault); true if it is gone. */
bool relay_proc_wait_exit (RelayProc *p, unsigned timeout_ms);
void relay_proc_free (RelayProc *p);

/* ---- HTTP ---- */

typedef struct {
  long status;        /* 0: no answer (connection reset, refused) */
  char *body;         /* NUL-terminated */
  size_t len;
  char retry_after[16];
  char request_id[40];
  char hsts[96];
  char nosniff[32];
  char upto_seq[24];
} RelayResp;

/* One request; @token (nullable) goes as Bearer, @body (nullable) with
 * @ctype. @cainfo (nullable) for https. */
RelayResp relay_http (const char *method, const char *url, const char *token, const char *ctype,
                      const void *body, size_t len);
RelayResp relay_http_tls (const char *method, const char *url, const char *cainfo);
void relay_resp_clear (RelayResp *r);
/* The body parsed (transfer full: cJSON_Delete), NULL if not JSON. */
cJSON *relay_resp_json (const RelayResp *r);
/* errors[0].code of an error body, or "" (transfer none, static buffer). */
const char *relay_resp_error_code (const RelayResp *r);

/* ---- devices ---- */

typedef struct {
  char base[64];
  uint8_t book_id[16];
  char book_hex[37];        /* UUID text, as on the wire */
  char book_raw[33];        /* 32 hex digits, as bytea in SQL and dumps */
  uint8_t device_id[16];
  char device_hex[37];
  char device_raw[33];
  uint8_t sign_pk[32], sign_sk[64];
  uint8_t box_pk[32], box_sk[32];
  uint8_t sync_key[32];     /* the book's sync key (shared by its devices) */
  char access[256];
  char refresh[80];
  long long next_dev_seq;
} RelayDevice;

/* A device of @book_id (random keys) talking to @base; @sync_key is the
 * book's key (copied). */
void relay_device_init (RelayDevice *d, const char *base, const uint8_t book_id[16],
                        const uint8_t sync_key[32]);
/* Creates the book on the relay with @d as owner; @book_box_pk is the
 * book's inbox key. Returns the HTTP status. */
long relay_book_create (RelayDevice *owner, const uint8_t book_box_pk[32]);
/* Signs in (challenge, token): 200 on success, the tokens kept in @d. */
long relay_device_login (RelayDevice *d);
/* The owner adds @d as @role. Returns the HTTP status. */
long relay_member_add (RelayDevice *owner, const RelayDevice *d, const char *role);

/* An envelope {dev_seq, key_epoch, nonce, ct, sig} of @plaintext, padded,
 * sealed under d->sync_key with the binding as associated data and
 * signed by @d (transfer full). */
cJSON *relay_envelope_new (const RelayDevice *d, long long dev_seq, unsigned key_epoch,
                           const char *plaintext);
/* Opens a pulled envelope (from device @from_device); the plaintext
 * (transfer full, free()) or NULL. */
char *relay_envelope_open (const RelayDevice *d, const cJSON *env);

/* {device_id, envelopes, batch_sig} as text (transfer full), batch_sig
 * made with d's key over the envelopes as given. */
char *relay_push_body (const RelayDevice *d, cJSON *envelopes_taken);
/* The same, batch_sig made with @sign_sk (another key: a token thief). */
char *relay_push_body_signed (const RelayDevice *d, cJSON *envelopes_taken,
                              const uint8_t sign_sk[64]);
/* POST push with @body_text. */
RelayResp relay_push_text (const RelayDevice *d, const char *body_text);
/* Pushes @n envelopes of plaintext "@prefix #k", from d->next_dev_seq on;
 * advances next_dev_seq on 200. */
RelayResp relay_push_n (RelayDevice *d, int n, const char *prefix);
/* GET pull?after=&wait=. */
RelayResp relay_pull (const RelayDevice *d, long long after, unsigned wait);

/* A 16-byte random id. */
void relay_random_id (uint8_t id[16]);
/* true if @hay (len bytes) contains the NUL-terminated @needle. */
bool relay_mem_contains (const char *hay, size_t len, const char *needle);

/* A new book (random id and sync key) on @base with @owner as owner,
 * signed in; the book's inbox key pair in @box_pk/@box_sk (nullable).
 * true on success. */
bool relay_book_new (const char *base, RelayDevice *owner, uint8_t box_pk[32],
                     uint8_t box_sk[32]);
/* A new member @d of @owner's book with @role, signed in. */
bool relay_member_new (RelayDevice *owner, RelayDevice *d, const char *role);

/* sync-fixture.h
 *
 * Fixtures of the relay client tests (check-sync-client.c,
 * check-sync-faults.c): a small TCP proxy between the client and a relay
 * that can drop, delay and cut connections, and a sync group of two real
 * encrypted books registered at a relay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

#include <check.h>
#include <dokus/dokus-sync-client.h>

#include "relay-harness.h"

/* ---- the proxy ---- */

typedef struct SyncProxy SyncProxy;

/* Listens on 127.0.0.1 (a free port) and forwards each connection to
 * 127.0.0.1:@upstream_port. NULL on failure. */
SyncProxy *sync_proxy_start (unsigned upstream_port);
/* "http://127.0.0.1:PORT" of the proxy (transfer none). */
const char *sync_proxy_url (const SyncProxy *p);
/* New connections go to @upstream_port from now on. */
void sync_proxy_set_upstream (SyncProxy *p, unsigned upstream_port);
/* Faults for new connections (0: off): every @drop_every-th connection is
 * reset at once; every @cut_every-th one forwards the request and resets
 * the client when the reply starts (the relay did the work, the answer is
 * lost); each one waits @delay_ms before it connects upstream. */
void sync_proxy_set_faults (SyncProxy *p, unsigned drop_every, unsigned cut_every,
                            unsigned delay_ms);
/* Connections dropped or cut so far. */
unsigned sync_proxy_faults_done (const SyncProxy *p);
/* Stops listening and waits for open connections to end. */
void sync_proxy_stop (SyncProxy *p);

/* ---- a sync group of two books ---- */

typedef struct {
  char *dir;
  char *path_a, *path_b;       /* a: the owner; b: a second device */
  DokusBook *a, *b;
  DokusSyncClient *ca, *cb;    /* clients of @url */
  char book_id[DOKUS_SYNC_ID_TEXT];
  char dev_a[DOKUS_SYNC_ID_TEXT], dev_b[DOKUS_SYNC_ID_TEXT];
} SyncGroup;

/* Two books (passphrase "pw") in a new temp dir, a registered at the relay
 * at @url as owner, b joined with a's key and added as a member; each
 * accepts the other's envelopes. Fails the test on error. */
void sync_group_init (SyncGroup *g, const char *url);
void sync_group_clear (SyncGroup *g);
/* Adds @n clients named "@prefix N" to @book. */
void sync_group_add_clients (DokusBook *book, const char *prefix, int n);
/* Fails the test unless both books have equal state digests. */
void sync_group_assert_converged (SyncGroup *g);
/* A fast retry policy for tests: @max_attempts, delays of ~@max_delay_ms at most. */
void sync_group_fast_retries (DokusSyncClient *c, unsigned max_attempts, unsigned max_delay_ms);

/* A test program's main: starts a PostgreSQL (fsync off) into *@pg, runs
 * @s, stops it. Returns the exit code: 77 (skipped) without the
 * PostgreSQL server binaries. */
int sync_fixture_run_suite (Suite *s, RelayPg **pg);

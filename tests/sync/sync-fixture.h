/* sync-fixture.h
 *
 * Fixtures of the relay client tests (check-sync-client.c,
 * check-sync-faults.c): a small TCP proxy between the client and a relay
 * that can drop, delay and cut connections, and a sync group of two real
 * encrypted books registered at a relay; and for the tests that drive
 * dokus-cli (check-sync-pair.c, check-sync-comments.c), a shell runner and
 * the pairing code `device pair` prints.
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

/* ---- an owner's book ---- */

/* A new book at @path (passphrase "pw"): sync on, registered at @c's
 * relay as owner, with a profile, a client and invoice 2026-0001 (2 x
 * 50.00 at 21 %: net 100.00, VAT 21.00, 121.00 payable) issued under the
 * lease "invoice/2026" and pushed. Fails the test on error. */
DokusBook *sync_owner_book_create (DokusSyncClient *c, const char *path);

/* ---- dokus-cli from a test ---- */

/* Runs the command @fmt... (at most 4 KiB once formatted) through the
 * shell; its exit status, or -1 when it did not exit. */
int sync_shell (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));
/* The code `dokus-cli device pair` printed ("Pairing code: XXXX-…") into
 * the file @path, waiting up to 20 s for it; (transfer full) free() it,
 * NULL when none came. */
char *sync_pairing_code_from (const char *path);

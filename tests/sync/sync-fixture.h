/* sync-fixture.h
 *
 * Fixtures of the relay client tests (check-sync-client.c,
 * check-sync-faults.c): a small TCP proxy between the client and a relay
 * that can drop, delay and cut connections, and a sync group of two real
 * encrypted books registered at a relay; an invoice issued in one call
 * (check-sync-pair.c, check-sync-lease-revoke.c); and for the tests that
 * drive dokus-cli (check-sync-pair.c, check-sync-comments.c,
 * check-sync-client.c, check-sync-peppol-interrupt.c), a shell runner, the
 * pairing code `device pair` prints, a spawned dokus-cli and its JSON
 * summary; and the relay per test and main() of the relay-backed suites.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include <cjson/cJSON.h>

#include <check.h>
#include <dokus/dokus-sync-client.h>

#include "relay-harness.h"

/* ---- a relay per test, a suite of relay tests ---- */

/* A dokus-relay on @pg with default options; fails the test when it does
 * not start. (transfer full): sync_relay_stop() it. */
RelayProc *sync_relay_start (RelayPg *pg);
/* Stops and frees @relay; NULL does nothing. */
void sync_relay_stop (RelayProc *relay);

typedef struct {
  const char *suite, *tcase;   /* names: one suite of one TCase */
  const char *today;           /* DOKUS_TODAY, "YYYY-MM-DD" */
  int timeout_s;               /* the TCase's */
  SFun setup, teardown;        /* a checked fixture; both NULL: none */
} SyncSuiteSpec;

/* Sets DOKUS_TODAY, builds @spec's suite with @tests (NULL-terminated, in
 * order) and runs it through relay_pg_run_suite() with @pg; its exit code
 * (77 when the PostgreSQL server binaries are missing). */
int sync_suite_run (const SyncSuiteSpec *spec, const TTest *const *tests, RelayPg **pg);

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

/* ---- an invoice ---- */

/* Creates and issues a draft of one line "Work", 1 x @price at 21 % VAT,
 * for @book's first client by name; @res as dokus_document_issue fills it.
 * The status of the step that failed (@err filled), else DOKUS_OK; fails
 * the test when the book has no client. */
DokusStatus sync_issue_one (DokusBook *book, const char *price, DokusIssueResult *res,
                            DokusError *err);

/* "number=cents ..." of @book's issued invoices (tax-inclusive cents) in
 * series order, space-separated (transfer full): free() it. */
char *sync_issued_numbers (DokusBook *book);

/* ---- dokus-cli from a test ---- */

/* Runs the command @fmt... (at most 4 KiB once formatted) through the
 * shell; its exit status, or -1 when it did not exit. */
int sync_shell (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));
/* The code `dokus-cli device pair` printed ("Pairing code: XXXX-…") into
 * the file @path, waiting up to 20 s for it; (transfer full) free() it,
 * NULL when none came. */
char *sync_pairing_code_from (const char *path);
/* Starts $DOKUS_CLI with @argv (NULL-terminated, after the program name;
 * 30 at most), DOKUS_PASSPHRASE=pw and stdout to the file @out (created or
 * truncated); its pid. Fails the test when DOKUS_CLI is not set. */
pid_t sync_cli_spawn (const char *out, const char *const *argv);
/* Waits for @pid: its exit status, 128 + N when signal N ended it. */
int sync_cli_wait (pid_t pid);
/* The JSON summary dokus-cli printed into @path (transfer full:
 * cJSON_Delete it); fails the test when it is not JSON. */
cJSON *sync_cli_json (const char *path);

/* ---- the relay's tables ---- */

/* The 32 hex digits of UUID text @uuid (dashes dropped), as PostgreSQL's
 * bytea takes them. */
void sync_uuid_hex (const char *uuid, char hex[33]);

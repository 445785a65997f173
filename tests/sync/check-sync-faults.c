/* check-sync-faults.c
 *
 * Suite "sync", faults: the relay client against real dokus-relay
 * processes and a real PostgreSQL (started here, in a temp dir), through
 * a TCP proxy that resets, cuts and delays connections. The relay killed
 * (SIGKILL) between its database commit and its answer, PostgreSQL
 * restarted in the middle of a sync, connections dropped and answers
 * lost: each sync finishes by itself (retries with back-off), nothing is
 * lost, nothing is stored or applied twice, and both books end with equal
 * state digests. Skipped (77) without the PostgreSQL server binaries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "dokus-test-helpers.h"
#include "relay-harness.h"
#include "sync-fixture.h"

static RelayPg *pg;

typedef struct {
  DokusSyncClient *client;
  DokusBook *book;
  DokusSyncRunStats stats;
  DokusStatus st;
  DokusError err;
} Run;

static void *
run_thread (void *data)
{
  Run *r = data;
  r->st = dokus_sync_client_run (r->client, r->book, NULL, NULL, &r->stats, &r->err);
  return NULL;
}

static void
run_ok (DokusSyncClient *c, DokusBook *book, DokusSyncRunStats *stats, const char *what)
{
  DokusError err = { 0 };
  DokusStatus st = dokus_sync_client_run (c, book, NULL, NULL, stats, &err);
  ck_assert_msg (st == DOKUS_OK, "%s: %s (%s)", what, err.message, err.field);
}

static long long
book_query (const SyncGroup *g, const char *what)
{
  char sql[300];
  snprintf (sql, sizeof sql, "SELECT %s WHERE book_id = decode(replace('%s', '-', ''), 'hex')",
            what, g->book_id);
  return relay_pg_query_int (pg, sql);
}

/* the highest dev_seq @book wrote (its own device) */
static int64_t
written (DokusBook *book, const char *device)
{
  int64_t n = 0;
  DokusError err = { 0 };
  ck_assert_int_eq (dokus_sync_applied_get (book, device, &n, &err), DOKUS_OK);
  return n;
}

/* Every envelope each device wrote is stored once at the relay, numbered
 * without a gap. */
static void
assert_stored_once (const SyncGroup *g)
{
  long long total = written (g->a, g->dev_a) + written (g->b, g->dev_b);
  ck_assert_int_eq (book_query (g, "count(*) FROM envelope"), total);
  ck_assert_int_eq (book_query (g, "last_seq FROM book"), total);
  ck_assert_int_eq (book_query (g, "count(DISTINCT server_seq) FROM envelope"), total);
}

START_TEST (test_sync_resumes_after_the_relay_is_killed_after_commit)
{
  RelayProc *dying = relay_proc_start (pg, "kill-after-commit", NULL), *fresh;
  SyncProxy *proxy;
  SyncGroup g;
  DokusSyncRunStats stats;
  Run run = { 0 };
  pthread_t t;

  ck_assert_ptr_nonnull (dying);
  proxy = sync_proxy_start (dying->port);
  ck_assert_ptr_nonnull (proxy);
  sync_group_init (&g, sync_proxy_url (proxy));
  sync_group_add_clients (g.a, "Klant", 5);
  sync_group_fast_retries (g.ca, 60, 200);

  /* a pushes: the relay commits and dies before it answers; a retries
   * while the relay is down, then reaches a new relay behind the proxy */
  run = (Run){ .client = g.ca, .book = g.a };
  pthread_create (&t, NULL, run_thread, &run);
  ck_assert (relay_proc_wait_exit (dying, 10000));
  fresh = relay_proc_start (pg, NULL, NULL); /* from the main thread (PDEATHSIG) */
  ck_assert_ptr_nonnull (fresh);
  sync_proxy_set_upstream (proxy, fresh->port);
  pthread_join (t, NULL);
  ck_assert_msg (run.st == DOKUS_OK, "sync a: %s", run.err.message);
  ck_assert_int_gt (run.stats.retries, 0);
  /* enable + 5 clients, acknowledged with the numbers of the first commit */
  ck_assert_int_eq (run.stats.pushed, 6);
  ck_assert_int_eq (book_query (&g, "last_seq FROM book"), 6);

  run_ok (g.cb, g.b, &stats, "sync b");
  ck_assert_int_eq (stats.applied, 6);
  run_ok (g.ca, g.a, &stats, "sync a again");
  ck_assert_int_eq (stats.pushed, 0);
  assert_stored_once (&g);
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (g.b),
                                          "SELECT count(*) FROM clients"), 5);
  sync_group_assert_converged (&g);

  sync_group_clear (&g);
  sync_proxy_stop (proxy);
  relay_proc_stop (fresh);
  relay_proc_free (fresh);
  relay_proc_free (dying);
}
END_TEST

START_TEST (test_sync_resumes_after_postgresql_restarts_mid_sync)
{
  RelayProc *relay = relay_proc_start (pg, NULL, NULL);
  SyncProxy *proxy;
  SyncGroup g;
  DokusSyncRunStats stats;
  Run run;
  pthread_t t;

  ck_assert_ptr_nonnull (relay);
  proxy = sync_proxy_start (relay->port);
  ck_assert_ptr_nonnull (proxy);
  sync_group_init (&g, sync_proxy_url (proxy));
  sync_group_add_clients (g.a, "Klant", 250); /* three pushes of up to 100 */
  sync_group_fast_retries (g.ca, 60, 300);
  /* each request waits 300 ms in the proxy: the sync takes a few seconds */
  sync_proxy_set_faults (proxy, 0, 0, 300);

  run = (Run){ .client = g.ca, .book = g.a };
  pthread_create (&t, NULL, run_thread, &run);
  usleep (400000);
  ck_assert (relay_pg_stop_server (pg));
  usleep (1500000);
  ck_assert (relay_pg_start_server (pg));
  pthread_join (t, NULL);
  ck_assert_msg (run.st == DOKUS_OK, "sync a: %s", run.err.message);
  /* the relay answered 503 while PostgreSQL was away: the client waited */
  ck_assert_int_gt (run.stats.retries, 0);
  ck_assert_int_eq (run.stats.pushed, 251);
  sync_proxy_set_faults (proxy, 0, 0, 0);
  ck_assert_int_eq (book_query (&g, "last_seq FROM book"), 251);

  run_ok (g.cb, g.b, &stats, "sync b");
  ck_assert_int_eq (stats.applied, 251);
  assert_stored_once (&g);
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (g.b),
                                          "SELECT count(*) FROM clients"), 250);
  run_ok (g.ca, g.a, &stats, "a pulls b's");
  sync_group_assert_converged (&g);

  sync_group_clear (&g);
  sync_proxy_stop (proxy);
  ck_assert_int_eq (relay_proc_stop (relay), 0);
  relay_proc_free (relay);
}
END_TEST

START_TEST (test_sync_survives_dropped_cut_and_delayed_connections)
{
  RelayProc *relay = relay_proc_start (pg, NULL, NULL);
  SyncProxy *proxy;
  SyncGroup g;
  DokusSyncRunStats stats;
  DokusAuditReport report;
  DokusError err = { 0 };

  ck_assert_ptr_nonnull (relay);
  proxy = sync_proxy_start (relay->port);
  ck_assert_ptr_nonnull (proxy);
  sync_group_init (&g, sync_proxy_url (proxy));
  sync_group_fast_retries (g.ca, 40, 100);
  sync_group_fast_retries (g.cb, 40, 100);
  /* every 3rd connection reset, every 4th answer lost after the relay
   * did the work (pushes included), 20 ms of delay on each */
  sync_proxy_set_faults (proxy, 3, 4, 20);

  for (int round = 0; round < 4; round++)
    {
      sync_group_add_clients (g.a, round % 2 ? "Klant" : "Client", 40);
      sync_group_add_clients (g.b, "Cliente", 15);
      run_ok (g.ca, g.a, &stats, "sync a");
      run_ok (g.cb, g.b, &stats, "sync b");
    }
  run_ok (g.ca, g.a, &stats, "sync a last");
  ck_assert_int_gt (sync_proxy_faults_done (proxy), 5);
  sync_proxy_set_faults (proxy, 0, 0, 0);
  assert_stored_once (&g);
  /* 4 × 40 + 4 × 15 clients on both, each once */
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (g.a),
                                          "SELECT count(*) FROM clients"), 220);
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (g.b),
                                          "SELECT count(*) FROM clients"), 220);
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (g.b),
                                          "SELECT count(*) FROM sync_pending"), 0);
  sync_group_assert_converged (&g);
  ck_assert_msg (dokus_audit_verify (g.b, &report, &err) == DOKUS_OK, "audit: %s", err.message);

  sync_group_clear (&g);
  sync_proxy_stop (proxy);
  ck_assert_int_eq (relay_proc_stop (relay), 0);
  relay_proc_free (relay);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sync-faults");
  TCase *tc = tcase_create ("faults");

  tcase_add_test (tc, test_sync_resumes_after_the_relay_is_killed_after_commit);
  tcase_add_test (tc, test_sync_resumes_after_postgresql_restarts_mid_sync);
  tcase_add_test (tc, test_sync_survives_dropped_cut_and_delayed_connections);
  tcase_set_timeout (tc, 180);
  suite_add_tcase (s, tc);
  return relay_pg_run_suite (s, &pg);
}

/* check-sync-client.c
 *
 * Suite "sync", the relay client's behaviour against real dokus-relay
 * processes and a real PostgreSQL (started here, in a temp dir): tokens
 * reused, refreshed before they expire and replaced by a new sign-in when
 * their family dies; rate limits (429 + Retry-After) waited out; a clear
 * error after the retry bound; the clock check; a long-poll woken by
 * another device's push; bootstrapping from a snapshot after the relay
 * compacted; and dokus-cli sync: --watch until Ctrl-C, and Peppol
 * documents sent and an incoming invoice imported once for two books of
 * one sync group (with the test access point). Skipped (77) without the
 * PostgreSQL server binaries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <dokus/dokus-ap.h>
#include <sodium.h>

#include "dokus-test-helpers.h"
#include "relay-harness.h"
#include "sync-fixture.h"
#include "testap-process.h"

#define AP_TOKEN "test-token-sync-7a2e"

static RelayPg *pg;

static void
ok (DokusStatus st, const DokusError *err, const char *what)
{
  ck_assert_msg (st == DOKUS_OK, "%s: %s (%s)", what, err->message, err->field);
}

static DokusSyncRunStats
run_ok (DokusSyncClient *c, DokusBook *book, const char *what)
{
  DokusSyncRunStats stats;
  DokusError err = { 0 };
  ok (dokus_sync_client_run (c, book, NULL, NULL, &stats, &err), &err, what);
  return stats;
}

/* SELECT @what WHERE book_id = @book_id (UUID text) */
static long long
pg_int (const char *what, const char *book_id)
{
  char sql[400];
  char hex[33];

  sync_uuid_hex (book_id, hex);
  snprintf (sql, sizeof sql, "SELECT %s WHERE book_id = '\\x%s'::bytea", what, hex);
  return relay_pg_query_int (pg, sql);
}

static double
now_s (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

START_TEST (test_client_reuses_refreshes_and_signs_in_again)
{
  const char *args[] = { "--access-ttl", "3", NULL };
  RelayProc *relay = relay_proc_start (pg, NULL, args);
  SyncGroup g;
  DokusSyncRunStats s;
  const char *families = "count(*) FROM token_family";

  ck_assert_ptr_nonnull (relay);
  sync_group_init (&g, relay->base);
  /* the owner signed in once to add b; its tokens are still fresh */
  s = run_ok (g.ca, g.a, "first");
  ck_assert_int_eq (s.sign_ins, 0);
  ck_assert_int_eq (s.refreshes, 0);
  ck_assert_int_eq (pg_int (families, g.book_id), 1);

  /* past the access token's life (3 s, renewed 0.6 s early): one refresh,
   * no new sign-in, the same family */
  sleep (3);
  sync_group_add_clients (g.a, "Klant", 1);
  s = run_ok (g.ca, g.a, "after expiry");
  ck_assert_int_eq (s.refreshes, 1);
  ck_assert_int_eq (s.sign_ins, 0);
  ck_assert_int_eq (s.pushed, 1);
  ck_assert_int_eq (pg_int (families, g.book_id), 1);

  /* the family dies at the relay (as after a reused refresh token): the
   * fresh access token is refused (401), the refresh too, and the client
   * signs in again by challenge: a second family */
  ck_assert (relay_pg_exec (pg, "UPDATE token_family SET revoked_at = now()"));
  sync_group_add_clients (g.a, "Klant", 1);
  s = run_ok (g.ca, g.a, "after revocation of the family");
  ck_assert_int_eq (s.sign_ins, 1);
  ck_assert_int_eq (s.pushed, 1);
  ck_assert_int_eq (pg_int (families, g.book_id), 2);

  /* b joins in and everything converges */
  run_ok (g.cb, g.b, "b");
  run_ok (g.ca, g.a, "a");
  sync_group_assert_converged (&g);
  sync_group_clear (&g);
  relay_proc_stop (relay);
  relay_proc_free (relay);
}
END_TEST

START_TEST (test_client_waits_out_rate_limits)
{
  const char *args[] = { "--rate-device", "1", NULL };
  RelayProc *relay = relay_proc_start (pg, NULL, args);
  SyncGroup g;
  DokusSyncRunStats s;

  ck_assert_ptr_nonnull (relay);
  sync_group_init (&g, relay->base);
  sync_group_add_clients (g.a, "Klant", 450); /* five pushes, then pulls: over 1/s */
  s = run_ok (g.ca, g.a, "a under a rate limit");
  ck_assert_int_eq (s.pushed, 451);
  ck_assert_int_gt (s.retries, 0); /* 429s came, and were waited out */
  s = run_ok (g.cb, g.b, "b under a rate limit");
  ck_assert_int_eq (s.applied, 451);
  run_ok (g.ca, g.a, "a pulls b's");
  sync_group_assert_converged (&g);
  sync_group_clear (&g);
  relay_proc_stop (relay);
  relay_proc_free (relay);
}
END_TEST

START_TEST (test_client_gives_up_after_its_bound)
{
  RelayProc *relay = relay_proc_start (pg, NULL, NULL);
  SyncProxy *proxy;
  SyncGroup g;
  DokusError err = { 0 };
  DokusStatus st;
  double t0;

  ck_assert_ptr_nonnull (relay);
  proxy = sync_proxy_start (relay->port);
  sync_group_init (&g, sync_proxy_url (proxy));
  /* every connection reset: 4 attempts, then a clear error */
  sync_proxy_set_faults (proxy, 1, 0, 0);
  sync_group_fast_retries (g.cb, 4, 100);
  t0 = now_s ();
  st = dokus_sync_client_run (g.cb, g.b, NULL, NULL, NULL, &err);
  ck_assert_int_eq (st, DOKUS_ERR_IO);
  ck_assert_str_eq (err.field, "relay");
  ck_assert_msg (strstr (err.message, "after 4 attempts") != NULL, "%s", err.message);
  ck_assert_double_lt (now_s () - t0, 5.0);
  ck_assert_uint_eq (sync_proxy_faults_done (proxy), 4);
  /* no token in the message */
  ck_assert (strstr (err.message, "dat1.") == NULL && strstr (err.message, "drt1.") == NULL);

  /* healed: the same client goes on */
  sync_proxy_set_faults (proxy, 0, 0, 0);
  run_ok (g.cb, g.b, "healed");
  run_ok (g.ca, g.a, "a");
  run_ok (g.cb, g.b, "b again");
  sync_group_assert_converged (&g);
  sync_group_clear (&g);
  sync_proxy_stop (proxy);
  relay_proc_stop (relay);
  relay_proc_free (relay);
}
END_TEST

static int64_t
ten_minutes_ahead (void *user)
{
  struct timespec ts;
  (void) user;
  clock_gettime (CLOCK_REALTIME, &ts);
  return (int64_t) ts.tv_sec * 1000 + 10 * 60 * 1000;
}

START_TEST (test_client_reports_clock_skew)
{
  RelayProc *relay = relay_proc_start (pg, NULL, NULL);
  DokusSyncClientOptions skewed = { .clock = ten_minutes_ahead };
  SyncGroup g;
  DokusSyncRunStats s;

  ck_assert_ptr_nonnull (relay);
  sync_group_init (&g, relay->base);
  s = run_ok (g.ca, g.a, "true clock");
  ck_assert (dokus_sync_client_clock_ok (&s));
  ck_assert_int_lt (llabs (s.clock_skew_ms), 5000);
  /* our clock 10 minutes ahead: the relay's is 10 minutes behind; syncing
   * (applying) goes on, creating must not */
  dokus_sync_client_set_options (g.cb, &skewed);
  s = run_ok (g.cb, g.b, "skewed clock");
  ck_assert (!dokus_sync_client_clock_ok (&s));
  ck_assert_int_lt (s.clock_skew_ms, -9 * 60 * 1000);
  ck_assert_int_gt (s.clock_skew_ms, -11 * 60 * 1000);
  ck_assert_int_eq (s.applied, 1);
  sync_group_clear (&g);
  relay_proc_stop (relay);
  relay_proc_free (relay);
}
END_TEST

typedef struct {
  DokusSyncClient *client;
  DokusBook *book;
  DokusSyncRunStats stats;
  DokusStatus st;
  DokusError err;
  double took;
} Waiting;

static void *
wait_thread (void *data)
{
  Waiting *w = data;
  double t0 = now_s ();
  w->st = dokus_sync_client_run_wait (w->client, w->book, 20, NULL, NULL, &w->stats, &w->err);
  w->took = now_s () - t0;
  return NULL;
}

START_TEST (test_client_long_poll_wakes_on_a_push)
{
  RelayProc *relay = relay_proc_start (pg, NULL, NULL);
  SyncGroup g;
  Waiting w;
  pthread_t t;

  ck_assert_ptr_nonnull (relay);
  sync_group_init (&g, relay->base);
  run_ok (g.ca, g.a, "a");
  run_ok (g.cb, g.b, "b");
  run_ok (g.ca, g.a, "a");
  /* b waits (up to 20 s); a pushes one change after half a second */
  w = (Waiting){ .client = g.cb, .book = g.b };
  pthread_create (&t, NULL, wait_thread, &w);
  usleep (500000);
  sync_group_add_clients (g.a, "Klant", 1);
  run_ok (g.ca, g.a, "a pushes");
  pthread_join (t, NULL);
  ck_assert_msg (w.st == DOKUS_OK, "%s", w.err.message);
  ck_assert_int_eq (w.stats.pulled, 1);
  ck_assert_double_lt (w.took, 10.0);

  /* cancelled while waiting: returns at once */
  w = (Waiting){ .client = g.cb, .book = g.b };
  pthread_create (&t, NULL, wait_thread, &w);
  usleep (500000);
  dokus_sync_client_cancel (g.cb);
  pthread_join (t, NULL);
  ck_assert_int_eq (w.st, DOKUS_ERR_IO);
  ck_assert_str_eq (w.err.field, "cancelled");
  ck_assert_double_lt (w.took, 3.0);
  sync_group_assert_converged (&g);
  sync_group_clear (&g);
  relay_proc_stop (relay);
  relay_proc_free (relay);
}
END_TEST

START_TEST (test_client_bootstraps_from_a_snapshot_after_compaction)
{
  RelayProc *relay = relay_proc_start (pg, NULL, NULL);
  SyncGroup g;
  DokusSyncRunStats s;
  DokusError err = { 0 };
  int64_t first = 0, second = 0;
  const char *floor_sql = "snapshot_floor FROM book";

  ck_assert_ptr_nonnull (relay);
  sync_group_init (&g, relay->base);
  ck_assert_int_eq (dokus_sync_client_snapshot_put (g.ca, g.a, NULL, &err), DOKUS_ERR_INVALID);
  sync_group_add_clients (g.a, "Klant", 5);
  run_ok (g.ca, g.a, "a");
  ok (dokus_sync_client_snapshot_put (g.ca, g.a, &first, &err), &err, "snapshot 1");
  ck_assert_int_eq (first, 6);
  /* that snapshot ages past --compact-after-days (90) */
  ck_assert (relay_pg_exec (pg, "UPDATE snapshot SET received_at = now() - interval '100 days'"));
  sync_group_add_clients (g.a, "Client", 3);
  run_ok (g.ca, g.a, "a again");
  ok (dokus_sync_client_snapshot_put (g.ca, g.a, &second, &err), &err, "snapshot 2");
  ck_assert_int_eq (second, 9);
  /* the relay compacted up to the first snapshot */
  ck_assert_int_eq (pg_int (floor_sql, g.book_id), 6);
  ck_assert_int_eq (pg_int ("count(*) FROM envelope",
                            g.book_id), 3);

  /* b never pulled: 410, the newest snapshot (which holds the first), then on */
  s = run_ok (g.cb, g.b, "b bootstraps");
  ck_assert_int_eq (s.snapshots, 1);
  ck_assert_int_eq (s.applied, 9);
  ck_assert_int_eq (s.waiting, 0);
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (g.b),
                                          "SELECT count(*) FROM clients"), 8);
  run_ok (g.ca, g.a, "a pulls b's");
  sync_group_assert_converged (&g);
  /* a retried snapshot of the same point is not uploaded twice */
  ok (dokus_sync_client_snapshot_put (g.ca, g.a, &second, &err), &err, "snapshot 3");
  sync_group_clear (&g);
  relay_proc_stop (relay);
  relay_proc_free (relay);
}
END_TEST

START_TEST (test_client_refuses_a_restored_copy_of_a_book)
{
  RelayProc *relay = relay_proc_start (pg, NULL, NULL);
  SyncGroup g;
  DokusBook *copy = NULL;
  DokusError err = { 0 };
  char *copy_path;
  unsigned char *bytes;
  size_t len = 0;

  ck_assert_ptr_nonnull (relay);
  sync_group_init (&g, relay->base);
  run_ok (g.cb, g.b, "b");
  /* b's file copied aside (a backup), then b goes on and syncs */
  dokus_book_close (g.b);
  bytes = dokus_test_read_file (g.path_b, &len);
  ck_assert_ptr_nonnull (bytes);
  copy_path = dokus_test_path (g.dir, "b-backup.dokus");
  ck_assert (dokus_test_write_file (copy_path, bytes, len));
  free (bytes);
  ok (dokus_book_open (g.path_b, "pw", &g.b, &err), &err, "reopen b");
  sync_group_add_clients (g.b, "Klant", 1);
  run_ok (g.cb, g.b, "b pushes its change 2");
  /* the restored backup writes another change 2 and pushes it */
  ok (dokus_book_open (copy_path, "pw", &copy, &err), &err, "open the copy");
  sync_group_add_clients (copy, "Client", 1);
  ck_assert_int_eq (dokus_sync_client_run (g.cb, copy, NULL, NULL, NULL, &err),
                    DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "dev_seq");
  ck_assert_msg (strstr (err.message, "pair it again as a new device") != NULL, "%s",
                 err.message);
  /* nothing of it stored: the relay holds b's enable and its one client */
  ck_assert_int_eq (pg_int ("count(*) FROM envelope", g.book_id), 2);
  dokus_book_close (copy);
  free (copy_path);
  sync_group_clear (&g);
  relay_proc_stop (relay);
  relay_proc_free (relay);
}
END_TEST

/* ---- dokus-cli sync ---- */

static long long
member_int (const cJSON *o, const char *path1, const char *path2)
{
  const cJSON *m = cJSON_GetObjectItem (o, path1);
  if (path2 != NULL)
    m = cJSON_GetObjectItem (m, path2);
  ck_assert_msg (cJSON_IsNumber (m), "%s%s%s is not a number", path1, path2 ? "." : "",
                 path2 ? path2 : "");
  return (long long) m->valuedouble;
}

START_TEST (test_cli_watch_syncs_until_interrupted)
{
  RelayProc *relay = relay_proc_start (pg, NULL, NULL);
  SyncGroup g;
  char *out;
  pid_t pid;
  cJSON *j;
  double deadline;

  ck_assert_ptr_nonnull (relay);
  sync_group_init (&g, relay->base);
  out = dokus_test_path (g.dir, "watch.json");
  run_ok (g.ca, g.a, "a");
  dokus_book_close (g.b);
  g.b = NULL;
  {
    const char *argv[] = { "sync", g.path_b, "--relay", relay->base, "--watch", "--json", NULL };
    pid = sync_cli_spawn (out, argv);
  }
  /* the watcher pulls a's later changes as they come */
  sleep (2);
  sync_group_add_clients (g.a, "Klant", 2);
  run_ok (g.ca, g.a, "a pushes");
  deadline = now_s () + 20;
  while (now_s () < deadline
         && pg_int ("count(*) FROM envelope", g.book_id)
              < 4)
    usleep (100000);
  /* b's enable envelope reached the relay: the watcher pushed; give it a
   * moment to apply a's two */
  usleep (1500000);
  ck_assert_int_eq (kill (pid, SIGINT), 0);
  ck_assert_int_eq (sync_cli_wait (pid), 0);
  j = sync_cli_json (out);
  ck_assert_int_ge (member_int (j, "rounds", NULL), 2);
  ck_assert_int_eq (member_int (j, "pushed", NULL), 1);
  ck_assert_int_eq (member_int (j, "pulled", NULL), 4); /* a's enable, two clients, b's own */
  cJSON_Delete (j);
  {
    DokusError err = { 0 };
    ok (dokus_book_open (g.path_b, "pw", &g.b, &err), &err, "reopen b");
  }
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (g.b),
                                          "SELECT count(*) FROM clients"), 2);
  run_ok (g.ca, g.a, "a pulls b's");
  sync_group_assert_converged (&g);
  free (out);
  sync_group_clear (&g);
  relay_proc_stop (relay);
  relay_proc_free (relay);
}
END_TEST

/* printf into a static buffer, every ' turned into " */
static const char *
js (const char *fmt, ...)
{
  static char ring[4][2048];
  static unsigned next;
  char *buf = ring[next++ % 4];
  va_list args;

  va_start (args, fmt);
  vsnprintf (buf, sizeof ring[0], fmt, args);
  va_end (args);
  for (char *p = buf; *p; p++)
    if (*p == '\'')
      *p = '"';
  return buf;
}

/* A profile and a Belgian company client (Peppol id 0208:...); the
 * client's id in @client. */
static void
fill_book (DokusBook *b, const char *name, const char *enterprise, const char *client_json,
           char client[DOKUS_ID_TEXT])
{
  DokusError err = { 0 };
  ok (dokus_profile_set (b,
                         js ("{'name': '%s', 'enterprise_number': '%s', 'iban': "
                             "'BE68539007547034', 'bic': 'GEBABEBB', 'email': "
                             "'facturen@example.be', 'address': {'street': 'Veldstraat 1', "
                             "'postal_code': '9000', 'city': 'Gent', 'country': 'BE'}}",
                             name, enterprise),
                         &err),
      &err, "profile");
  ok (dokus_client_add (b, client_json, client, &err), &err, "client");
}

/* Issues 2 × 50.00 at 21 % (net 100.00, VAT 21.00, 121.00) to @client. */
static void
issue (DokusBook *b, const char *client, char number[DOKUS_NUMBER_TEXT])
{
  char id[DOKUS_ID_TEXT];
  DokusIssueResult res;
  DokusError err = { 0 };

  ok (dokus_invoice_create (b,
                            js ("{'client': '%s', 'lines': [{'description': 'Drukwerk', "
                                "'quantity': '2', 'unit_price': '50.00', 'vat_rate': '21'}]}",
                                client),
                            id, &err),
      &err, "draft");
  ok (dokus_document_issue (b, id, &res, &err), &err, "issue");
  memcpy (number, res.number, DOKUS_NUMBER_TEXT);
}

START_TEST (test_cli_sync_sends_peppol_and_imports_once_for_two_books)
{
  RelayProc *relay = relay_proc_start (pg, NULL, NULL);
  SyncGroup g;
  TestAp ap = { 0 };
  char client[DOKUS_ID_TEXT], number[DOKUS_NUMBER_TEXT], *out, *sup_path;
  DokusBook *supplier;
  DokusError err = { 0 };
  char *xml = NULL;
  size_t len = 0;
  cJSON *j;

  ck_assert_ptr_nonnull (relay);
  if (getenv ("DOKUS_TESTAP") == NULL)
    {
      printf ("the test access point is not built: Peppol through dokus-cli sync not tested\n");
      relay_proc_stop (relay);
      relay_proc_free (relay);
      return;
    }
  setenv ("DOKUS_TODAY", "2026-03-02", 1);
  sync_group_init (&g, relay->base);
  out = dokus_test_path (g.dir, "sync.json");
  testap_start (&ap, AP_TOKEN, NULL, NULL);
  /* a issues an invoice to a Belgian company and queues it for Peppol */
  fill_book (g.a, "Studio Maes", "0203.201.340",
             js ("{'name': 'Atelier Lumière SRL', 'vat_number': 'BE0417497106', 'address': "
                 "{'street': 'Rue Haute 48', 'postal_code': '1000', 'city': 'Brussel', "
                 "'country': 'BE'}}"),
             client);
  ok (dokus_sync_client_lease_take (g.ca, g.a, "invoice/2026", &err), &err, "lease");
  issue (g.a, client, number);
  ok (dokus_peppol_outbox_queue (g.a, number, (int64_t) time (NULL), NULL, &err), &err,
      "queue");
  /* a supplier's invoice to us waits at the access point */
  sup_path = dokus_test_path (g.dir, "supplier.dokus");
  supplier = dokus_test_book_create (sup_path, "pw", NULL);
  fill_book (supplier, "Drukkerij Peeters BV", "0417.497.106",
             js ("{'name': 'Studio Maes', 'vat_number': 'BE0203201340', 'address': "
                 "{'street': 'Veldstraat 1', 'postal_code': '9000', 'city': 'Gent', "
                 "'country': 'BE'}}"),
             client);
  issue (supplier, client, number);
  ok (dokus_ubl_export (supplier, number, &xml, &len, &err), &err, "export");
  cJSON_Delete (testap_control (&ap, "incoming", xml, len, "X-Peppol-Sender: 9925:BE0417497106"));
  free (xml);
  dokus_book_close (supplier);
  dokus_book_close (g.a);
  dokus_book_close (g.b);
  g.a = g.b = NULL;

  setenv ("DOKUS_AP_TOKEN", AP_TOKEN, 1);
  {
    const char *argv[] = { "sync", g.path_a, "--relay", relay->base, "--ap-url", ap.url,
                           "--json", NULL };
    ck_assert_int_eq (sync_cli_wait (sync_cli_spawn (out, argv)), 0);
  }
  j = sync_cli_json (out);
  ck_assert (cJSON_IsTrue (cJSON_GetObjectItem (cJSON_GetObjectItem (j, "peppol"),
                                                "configured")));
  ck_assert_int_eq (member_int (j, "peppol", "delivered") + member_int (j, "peppol", "waiting"),
                    1);
  ck_assert_int_eq (member_int (j, "peppol", "rejected"), 0);
  ck_assert_int_eq (member_int (j, "peppol", "imported"), 1);
  cJSON_Delete (j);
  ck_assert_int_eq (testap_stat (&ap, "incoming_acked"), 1);
  /* b: the expense arrives by sync; the access point has nothing more */
  {
    const char *argv[] = { "sync", g.path_b, "--relay", relay->base, "--ap-url", ap.url,
                           "--json", NULL };
    ck_assert_int_eq (sync_cli_wait (sync_cli_spawn (out, argv)), 0);
  }
  j = sync_cli_json (out);
  ck_assert_int_eq (member_int (j, "peppol", "imported"), 0);
  cJSON_Delete (j);
  /* and a picks up nothing new either; both hold the one expense */
  {
    const char *argv[] = { "sync", g.path_a, "--relay", relay->base, "--ap-url", ap.url,
                           "--json", NULL };
    ck_assert_int_eq (sync_cli_wait (sync_cli_spawn (out, argv)), 0);
  }
  /* b pulls what a's last sync pushed: the document's Peppol state */
  {
    const char *argv[] = { "sync", g.path_b, "--relay", relay->base, "--json", NULL };
    ck_assert_int_eq (sync_cli_wait (sync_cli_spawn (out, argv)), 0);
  }
  unsetenv ("DOKUS_AP_TOKEN");
  ok (dokus_book_open (g.path_a, "pw", &g.a, &err), &err, "reopen a");
  ok (dokus_book_open (g.path_b, "pw", &g.b, &err), &err, "reopen b");
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (g.a),
                                          "SELECT count(*) FROM expenses"), 1);
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (g.b),
                                          "SELECT count(*) FROM expenses"), 1);
  {
    /* the same expense (one id) on both, the document 'sent' on both (the
     * Peppol state is synced as a fact), and equal state digests */
    const char *q = "SELECT group_concat (id) FROM expenses";
    char *ea = dokus_test_query_text (dokus_book_get_db (g.a), q);
    char *eb = dokus_test_query_text (dokus_book_get_db (g.b), q);
    char *sa = dokus_test_query_text (dokus_book_get_db (g.a), "SELECT state FROM documents");
    char *sb = dokus_test_query_text (dokus_book_get_db (g.b), "SELECT state FROM documents");
    ck_assert_str_eq (ea, eb);
    ck_assert_str_eq (sa, "sent");
    ck_assert_str_eq (sb, "sent");
    free (ea);
    free (eb);
    free (sa);
    free (sb);
  }
  sync_group_assert_converged (&g);
  testap_stop (&ap);
  free (sup_path);
  free (out);
  sync_group_clear (&g);
  relay_proc_stop (relay);
  relay_proc_free (relay);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sync-client");
  TCase *tc = tcase_create ("client"), *cli = tcase_create ("cli");

  tcase_add_test (tc, test_client_reuses_refreshes_and_signs_in_again);
  tcase_add_test (tc, test_client_waits_out_rate_limits);
  tcase_add_test (tc, test_client_gives_up_after_its_bound);
  tcase_add_test (tc, test_client_reports_clock_skew);
  tcase_add_test (tc, test_client_long_poll_wakes_on_a_push);
  tcase_add_test (tc, test_client_bootstraps_from_a_snapshot_after_compaction);
  tcase_add_test (tc, test_client_refuses_a_restored_copy_of_a_book);
  tcase_add_test (cli, test_cli_watch_syncs_until_interrupted);
  tcase_add_test (cli, test_cli_sync_sends_peppol_and_imports_once_for_two_books);
  tcase_set_timeout (tc, 120);
  tcase_set_timeout (cli, 120);
  suite_add_tcase (s, tc);
  suite_add_tcase (s, cli);
  return relay_pg_run_suite (s, &pg);
}

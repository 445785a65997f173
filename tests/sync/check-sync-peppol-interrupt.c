/* check-sync-peppol-interrupt.c
 *
 * Ctrl-C during the Peppol step of `dokus-cli sync`, against a real
 * dokus-relay and PostgreSQL and a real dokus-testap told to answer
 * slowly (all on 127.0.0.1, started here): three invoices wait to go out;
 * SIGINT once the first reached the access point stops the command after
 * that document (exit 130, the JSON summary says one sent and two left),
 * the two others are still queued and untried in the book; the next sync
 * sends them, each document reaching the access point exactly once.
 * Skipped (77) when the PostgreSQL server binaries are missing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dokus-test-helpers.h"
#include "relay-harness.h"
#include "sync-fixture.h"
#include "testap-process.h"
#include <dokus/dokus-peppol-outbox.h>

#define AP_TOKEN "test-token-interrupt-41c9"

static RelayPg *pg;

static void
ok (DokusStatus st, const DokusError *err, const char *what)
{
  ck_assert_msg (st == DOKUS_OK, "%s: %s (%s)", what, err->message, err->field);
}

/* Runs `dokus-cli sync @book --relay @relay --ap-url @ap --json`, stdout
 * to @out; returns the pid. */
static pid_t
spawn_sync (const char *out, const char *book, const char *relay, const char *ap)
{
  const char *argv[] = { "sync", book, "--relay", relay, "--ap-url", ap, "--json", NULL };
  return sync_cli_spawn (out, argv);
}

/* The "peppol" object's @key of the JSON summary in @path. */
static long long
peppol_int (const char *path, const char *key)
{
  cJSON *j = sync_cli_json (path);
  const cJSON *v = cJSON_GetObjectItem (cJSON_GetObjectItem (j, "peppol"), key);
  long long n;

  ck_assert_msg (cJSON_IsNumber (v) || cJSON_IsBool (v), "peppol.%s missing", key);
  n = cJSON_IsBool (v) ? cJSON_IsTrue (v) : (long long) v->valuedouble;
  cJSON_Delete (j);
  return n;
}

/* A profile, a Belgian company client (Peppol id 0208:0417497106) and
 * @n invoices of 2 x 50.00 at 21 % (121.00) queued for Peppol. */
static void
queue_invoices (DokusBook *b, DokusSyncClient *c, int n)
{
  char client[DOKUS_ID_TEXT], draft[DOKUS_ID_TEXT], json[512];
  DokusIssueResult res;
  DokusError err = { 0 };

  ok (dokus_profile_set (b, "{\"name\": \"Studio Maes\", \"enterprise_number\": \"0203.201.340\","
                            " \"iban\": \"BE68539007547034\", \"address\": {\"street\":"
                            " \"Veldstraat 1\", \"postal_code\": \"9000\", \"city\": \"Gent\","
                            " \"country\": \"BE\"}}", &err),
      &err, "profile");
  ok (dokus_client_add (b, "{\"name\": \"Atelier Lumière SRL\", \"vat_number\": \"BE0417497106\","
                           " \"address\": {\"street\": \"Rue Haute 48\", \"postal_code\": \"1000\","
                           " \"city\": \"Brussel\", \"country\": \"BE\"}}", client, &err),
      &err, "client");
  ok (dokus_sync_client_lease_take (c, b, "invoice/2026", &err), &err, "lease");
  snprintf (json, sizeof json,
            "{\"client\": \"%s\", \"lines\": [{\"description\": \"Drukwerk\", \"quantity\": \"2\","
            " \"unit_price\": \"50.00\", \"vat_rate\": \"21\"}]}", client);
  for (int i = 0; i < n; i++)
    {
      ok (dokus_invoice_create (b, json, draft, &err), &err, "draft");
      ok (dokus_document_issue (b, draft, &res, &err), &err, "issue");
      ok (dokus_peppol_outbox_queue (b, res.number, (int64_t) time (NULL), NULL, &err), &err,
          "queue");
    }
}

static long long
book_int (const char *path, const char *sql)
{
  DokusBook *b = NULL;
  DokusError err = { 0 };
  long long n;

  ok (dokus_book_open (path, "pw", &b, &err), &err, "open");
  n = dokus_test_query_int (dokus_book_get_db (b), sql);
  dokus_book_close (b);
  return n;
}

START_TEST (test_ctrl_c_stops_between_peppol_documents)
{
  RelayProc *relay = sync_relay_start (pg);
  SyncGroup g;
  TestAp ap = { 0 };
  char *out;
  pid_t pid;
  struct timespec poll_wait = { .tv_sec = 0, .tv_nsec = 50 * 1000000L };
  int waited = 0;
  const char *delay_slow = "{\"count\": 1000, \"ms\": 1500}";
  const char *delay_off = "{\"count\": 0, \"ms\": 0}";

  sync_group_init (&g, relay->base);
  out = dokus_test_path (g.dir, "sync.json");
  queue_invoices (g.a, g.ca, 3);
  dokus_book_close (g.a);
  g.a = NULL;
  testap_start (&ap, AP_TOKEN, NULL, NULL);
  /* every access point request waits 1.5 s: after the first submission
   * arrives, its status request still takes that long */
  cJSON_Delete (testap_control (&ap, "delay", delay_slow, strlen (delay_slow), NULL));
  setenv ("DOKUS_AP_TOKEN", AP_TOKEN, 1);
  setenv ("DOKUS_PASSPHRASE", "pw", 1);

  pid = spawn_sync (out, g.path_a, relay->base, ap.url);
  while (testap_stat (&ap, "stored") < 1 && waited++ < 600)
    nanosleep (&poll_wait, NULL);
  ck_assert_int_eq (testap_stat (&ap, "stored"), 1);
  ck_assert_int_eq (kill (pid, SIGINT), 0);
  ck_assert_int_eq (sync_cli_wait (pid), 130);
  /* the first went out; the others were never tried */
  ck_assert_int_eq (peppol_int (out, "interrupted"), 1);
  ck_assert_int_eq (peppol_int (out, "left"), 2);
  ck_assert_int_eq (peppol_int (out, "delivered") + peppol_int (out, "waiting"), 1);
  ck_assert_int_eq (testap_stat (&ap, "submissions"), 1);
  ck_assert_int_eq (book_int (g.path_a, "SELECT count(*) FROM peppol_transmissions"
                                        " WHERE state IN ('submitted', 'delivered')"),
                    1);
  ck_assert_int_eq (book_int (g.path_a, "SELECT count(*) FROM peppol_transmissions"
                                        " WHERE state = 'queued' AND attempts = 0"
                                        " AND last_error IS NULL"),
                    2);

  /* the next sync sends the two left, and nothing twice */
  cJSON_Delete (testap_control (&ap, "delay", delay_off, strlen (delay_off), NULL));
  ck_assert_int_eq (sync_cli_wait (spawn_sync (out, g.path_a, relay->base, ap.url)), 0);
  ck_assert_int_eq (peppol_int (out, "interrupted"), 0);
  ck_assert_int_eq (peppol_int (out, "left"), 0);
  ck_assert_int_eq (testap_stat (&ap, "submissions"), 3);
  ck_assert_int_eq (testap_stat (&ap, "stored"), 3);
  ck_assert_int_eq (book_int (g.path_a, "SELECT count(*) FROM peppol_transmissions"
                                        " WHERE state IN ('submitted', 'delivered')"
                                        " AND attempts = 1"),
                    3);
  ck_assert_int_eq (sync_cli_wait (spawn_sync (out, g.path_a, relay->base, ap.url)), 0);
  ck_assert_int_eq (testap_stat (&ap, "submissions"), 3);

  testap_stop (&ap);
  free (out);
  sync_group_clear (&g);
  sync_relay_stop (relay);
}
END_TEST

int
main (void)
{
  static const SyncSuiteSpec spec = {
    .suite = "sync-peppol-interrupt", .tcase = "interrupt", .today = "2026-03-02", .timeout_s = 180,
  };
  const TTest *const tests[] = {
    test_ctrl_c_stops_between_peppol_documents,
    NULL,
  };

  return sync_suite_run (&spec, tests, &pg);
}

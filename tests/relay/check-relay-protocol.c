/* check-relay-protocol.c
 *
 * Suite "relay", protocol: what a client relies on, against a real
 * PostgreSQL and real dokus-relay processes. Push and pull round-trip
 * (decrypted by another device), long-poll wake-up, dev_seq rules,
 * series leases (compare-and-set), snapshots and the 410 floor, the
 * sealed inbox, pairing slots, /healthz and /metrics, two relay processes
 * on one database, GDPR erasure, and a database dump free of plaintext.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <check.h>
#include <sodium.h>

#include "relay-harness.h"

static RelayPg *pg;
static RelayProc *relay;

static void
setup (void)
{
  ck_assert (sodium_init () >= 0);
  relay = relay_proc_start (pg, NULL, NULL);
  ck_assert_msg (relay != NULL, "dokus-relay did not start");
}

static void
teardown (void)
{
  ck_assert_int_eq (relay_proc_stop (relay), 0);
  relay_proc_free (relay);
  relay = NULL;
}

static double
now_s (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static long long
json_int (const cJSON *o, const char *name)
{
  const cJSON *v = cJSON_GetObjectItem (o, name);
  ck_assert_msg (cJSON_IsNumber (v), "%s is not a number", name);
  return (long long) v->valuedouble;
}

START_TEST (test_relay_push_then_pull_on_another_device)
{
  RelayDevice a, b;
  RelayResp r;
  cJSON *j, *envs, *heads;

  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  ck_assert (relay_member_new (&a, &b, "device"));
  r = relay_push_n (&a, 3, "client Freelance BV");
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  /* first push of the book: server_seq 1, 2, 3; next dev_seq 4 */
  ck_assert_int_eq (json_int (cJSON_GetArrayItem (cJSON_GetObjectItem (j, "acks"), 0),
                              "server_seq"), 1);
  ck_assert_int_eq (json_int (cJSON_GetArrayItem (cJSON_GetObjectItem (j, "acks"), 2),
                              "server_seq"), 3);
  ck_assert_int_eq (json_int (j, "next_dev_seq"), 4);
  ck_assert_int_eq (json_int (j, "head_seq"), 3);
  cJSON_Delete (j);
  relay_resp_clear (&r);

  r = relay_pull (&b, 1, 0);
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  envs = cJSON_GetObjectItem (j, "envelopes");
  ck_assert_int_eq (cJSON_GetArraySize (envs), 2); /* after 1: seqs 2 and 3 */
  ck_assert_int_eq (json_int (cJSON_GetArrayItem (envs, 0), "server_seq"), 2);
  {
    char *pt = relay_envelope_open (&b, cJSON_GetArrayItem (envs, 1));
    ck_assert_ptr_nonnull (pt);
    ck_assert_str_eq (pt, "client Freelance BV #3");
    free (pt);
  }
  ck_assert_int_eq (json_int (j, "head_seq"), 3);
  heads = cJSON_GetObjectItem (j, "device_heads");
  ck_assert_int_eq (json_int (heads, a.device_hex), 3);
  ck_assert_int_eq (json_int (heads, b.device_hex), 0);
  cJSON_Delete (j);
  relay_resp_clear (&r);
}
END_TEST

START_TEST (test_relay_dev_seq_gap_names_next)
{
  RelayDevice a;
  RelayResp r;
  cJSON *arr = cJSON_CreateArray (), *j;
  char *body;

  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  r = relay_push_n (&a, 2, "x");
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  /* dev_seq 5 after 2: 409 dev_seq_gap, next_dev_seq 3 */
  cJSON_AddItemToArray (arr, relay_envelope_new (&a, 5, 1, "late"));
  body = relay_push_body (&a, arr);
  r = relay_push_text (&a, body);
  ck_assert_int_eq (r.status, 409);
  ck_assert_str_eq (relay_resp_error_code (&r), "dev_seq_gap");
  j = relay_resp_json (&r);
  ck_assert_int_eq (json_int (j, "next_dev_seq"), 3);
  cJSON_Delete (j);
  relay_resp_clear (&r);
  free (body);
}
END_TEST

typedef struct {
  RelayDevice *dev;
  int delay_ms;
  double pushed_at;
  long status;
} DelayedPush;

static void *
delayed_push (void *data)
{
  DelayedPush *p = data;
  RelayResp r;
  usleep ((useconds_t) p->delay_ms * 1000);
  p->pushed_at = now_s ();
  r = relay_push_n (p->dev, 1, "wake up");
  p->status = r.status;
  relay_resp_clear (&r);
  return NULL;
}

START_TEST (test_relay_long_poll_wakes_on_push)
{
  RelayDevice a, b;
  RelayResp r;
  pthread_t t;
  DelayedPush dp;
  double start, end;
  cJSON *j;

  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  ck_assert (relay_member_new (&a, &b, "device"));
  dp = (DelayedPush){ &a, 400, 0, 0 };
  start = now_s ();
  pthread_create (&t, NULL, delayed_push, &dp);
  r = relay_pull (&b, 0, 20);
  end = now_s ();
  pthread_join (t, NULL);
  ck_assert_int_eq (dp.status, 200);
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (j, "envelopes")), 1);
  cJSON_Delete (j);
  relay_resp_clear (&r);
  /* it waited for the push (~0.4 s), and came back well before wait=20 */
  ck_assert_msg (end - start >= 0.35, "the pull did not wait (%.3f s)", end - start);
  ck_assert_msg (end - dp.pushed_at < 1.0, "woke %.3f s after the push", end - dp.pushed_at);

  /* nothing new: an empty answer after the wait */
  start = now_s ();
  r = relay_pull (&b, 1, 1);
  end = now_s ();
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (j, "envelopes")), 0);
  cJSON_Delete (j);
  relay_resp_clear (&r);
  ck_assert_msg (end - start >= 0.9 && end - start < 3.0, "waited %.3f s for wait=1",
                 end - start);
}
END_TEST

static RelayResp
lease_post (RelayDevice *d, const char *tag, long long expect, const char *holder,
            long long release_seq)
{
  char url[300], body[300];
  snprintf (url, sizeof url, "%s/v1/books/%s/lease/%s", d->base, d->book_hex, tag);
  if (holder)
    snprintf (body, sizeof body, "{\"expect_epoch\":%lld,\"holder\":\"%s\",\"release_seq\":%lld}",
              expect, holder, release_seq);
  else
    snprintf (body, sizeof body, "{\"expect_epoch\":%lld,\"holder\":null,\"release_seq\":%lld}",
              expect, release_seq);
  return relay_http ("POST", url, d->access, "application/json", body, strlen (body));
}

START_TEST (test_relay_lease_compare_and_set)
{
  RelayDevice a, b;
  RelayResp r;
  cJSON *j;
  const char *tag = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
  char url[300];

  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  ck_assert (relay_member_new (&a, &b, "device"));
  /* a free lease: epoch 0, no holder */
  snprintf (url, sizeof url, "%s/v1/books/%s/lease/%s", a.base, a.book_hex, tag);
  r = relay_http ("GET", url, b.access, NULL, NULL, 0);
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  ck_assert_int_eq (json_int (j, "epoch"), 0);
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (j, "holder")));
  cJSON_Delete (j);
  relay_resp_clear (&r);
  /* a takes it: 0 -> 1 */
  r = lease_post (&a, tag, 0, a.device_hex, 0);
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  ck_assert_int_eq (json_int (j, "epoch"), 1);
  ck_assert_str_eq (cJSON_GetObjectItem (j, "holder")->valuestring, a.device_hex);
  cJSON_Delete (j);
  relay_resp_clear (&r);
  /* b races with the old epoch: 409 naming the holder */
  r = lease_post (&b, tag, 0, b.device_hex, 0);
  ck_assert_int_eq (r.status, 409);
  ck_assert_str_eq (relay_resp_error_code (&r), "lease_conflict");
  j = relay_resp_json (&r);
  ck_assert_str_eq (
    cJSON_GetObjectItem (cJSON_GetObjectItem (j, "current"), "holder")->valuestring,
    a.device_hex);
  cJSON_Delete (j);
  relay_resp_clear (&r);
  /* a releases at server_seq 7: 1 -> 2, free; b acquires: 2 -> 3 */
  r = lease_post (&a, tag, 1, NULL, 7);
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  r = lease_post (&b, tag, 2, b.device_hex, 7);
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  ck_assert_int_eq (json_int (j, "epoch"), 3);
  ck_assert_int_eq (json_int (j, "release_seq"), 7);
  cJSON_Delete (j);
  relay_resp_clear (&r);
}
END_TEST

START_TEST (test_relay_snapshot_round_trip_and_floor)
{
  RelayDevice a, b;
  RelayResp r;
  char url[300];
  const char blob[] = "\x01\x02opaque snapshot bytes\x00\xff";
  char sql[300];
  cJSON *j;

  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  ck_assert (relay_member_new (&a, &b, "device"));
  r = relay_push_n (&a, 4, "s");
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  /* beyond the head: refused */
  snprintf (url, sizeof url, "%s/v1/books/%s/snapshot?upto=9&key_epoch=1", a.base, a.book_hex);
  r = relay_http ("PUT", url, a.access, "application/octet-stream", blob, sizeof blob);
  ck_assert_int_eq (r.status, 400);
  relay_resp_clear (&r);
  /* a device (not the owner) may not upload */
  snprintf (url, sizeof url, "%s/v1/books/%s/snapshot?upto=3&key_epoch=1", a.base, a.book_hex);
  r = relay_http ("PUT", url, b.access, "application/octet-stream", blob, sizeof blob);
  ck_assert_int_eq (r.status, 403);
  relay_resp_clear (&r);
  r = relay_http ("PUT", url, a.access, "application/octet-stream", blob, sizeof blob);
  ck_assert_int_eq (r.status, 201);
  relay_resp_clear (&r);
  snprintf (url, sizeof url, "%s/v1/books/%s/snapshot", a.base, a.book_hex);
  r = relay_http ("GET", url, b.access, NULL, NULL, 0);
  ck_assert_int_eq (r.status, 200);
  ck_assert_uint_eq (r.len, sizeof blob);
  ck_assert (memcmp (r.body, blob, sizeof blob) == 0);
  ck_assert_str_eq (r.upto_seq, "3");
  relay_resp_clear (&r);
  /* a compacted book (floor raised to 3): pulling after 1 is 410 gone */
  snprintf (sql, sizeof sql,
            "UPDATE book SET snapshot_floor = 3 WHERE book_id = '\\x%s'::bytea", a.book_raw);
  ck_assert (relay_pg_exec (pg, sql));
  r = relay_pull (&b, 1, 0);
  ck_assert_int_eq (r.status, 410);
  j = relay_resp_json (&r);
  ck_assert_int_eq (json_int (j, "snapshot_floor"), 3);
  cJSON_Delete (j);
  relay_resp_clear (&r);
  r = relay_pull (&b, 3, 0);
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
}
END_TEST

START_TEST (test_relay_inbox_seals_events_to_the_book)
{
  RelayDevice a;
  uint8_t box_pk[32], box_sk[32];
  RelayResp r;
  cJSON *j, *item;
  char url[400];
  const char *event = "{\"ap_event\":\"delivered\",\"doc\":\"INV-2026-0042\"}";
  uint8_t sealed[512], opened[512];
  size_t sealed_len = 0;

  ck_assert (relay_book_new (relay->base, &a, box_pk, box_sk));
  snprintf (url, sizeof url, "%s/v1/books/%s/inbox/hook", a.base, a.book_hex);
  r = relay_http ("POST", url, a.access, "application/json", "{}", 2);
  ck_assert_int_eq (r.status, 201);
  j = relay_resp_json (&r);
  snprintf (url, sizeof url, "%s%s", a.base, cJSON_GetObjectItem (j, "hook_path")->valuestring);
  cJSON_Delete (j);
  relay_resp_clear (&r);
  r = relay_http ("POST", url, NULL, "application/json", event, strlen (event));
  ck_assert_int_eq (r.status, 202);
  relay_resp_clear (&r);
  /* a wrong secret: 404, nothing stored */
  url[strlen (url) - 1] = url[strlen (url) - 1] == '0' ? '1' : '0';
  r = relay_http ("POST", url, NULL, "application/json", event, strlen (event));
  ck_assert_int_eq (r.status, 404);
  relay_resp_clear (&r);

  snprintf (url, sizeof url, "%s/v1/books/%s/inbox?after=0", a.base, a.book_hex);
  r = relay_http ("GET", url, a.access, NULL, NULL, 0);
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (j, "items")), 1);
  item = cJSON_GetArrayItem (cJSON_GetObjectItem (j, "items"), 0);
  ck_assert (sodium_base642bin (sealed, sizeof sealed,
                                cJSON_GetObjectItem (item, "sealed")->valuestring,
                                strlen (cJSON_GetObjectItem (item, "sealed")->valuestring), NULL,
                                &sealed_len, NULL, sodium_base64_VARIANT_ORIGINAL)
             == 0);
  ck_assert_uint_eq (sealed_len, strlen (event) + crypto_box_SEALBYTES);
  ck_assert_int_eq (crypto_box_seal_open (opened, sealed, sealed_len, box_pk, box_sk), 0);
  ck_assert (memcmp (opened, event, strlen (event)) == 0);
  cJSON_Delete (j);
  relay_resp_clear (&r);

  snprintf (url, sizeof url, "%s/v1/books/%s/inbox/ack", a.base, a.book_hex);
  r = relay_http ("POST", url, a.access, "application/json", "{\"upto\":1}", 10);
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  snprintf (url, sizeof url, "%s/v1/books/%s/inbox?after=0", a.base, a.book_hex);
  r = relay_http ("GET", url, a.access, NULL, NULL, 0);
  j = relay_resp_json (&r);
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (j, "items")), 0);
  cJSON_Delete (j);
  relay_resp_clear (&r);
}
END_TEST

START_TEST (test_relay_pairing_slot)
{
  RelayResp r;
  char url[200];
  cJSON *j;

  snprintf (url, sizeof url, "%s/v1/pair/K7QZ", relay->base);
  r = relay_http ("POST", url, NULL, "application/json", "{\"body\":\"aGVsbG8=\"}",
                  strlen ("{\"body\":\"aGVsbG8=\"}"));
  ck_assert_int_eq (r.status, 201);
  relay_resp_clear (&r);
  r = relay_http ("GET", url, NULL, NULL, NULL, 0);
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  ck_assert_str_eq (cJSON_GetObjectItem (cJSON_GetArrayItem (cJSON_GetObjectItem (j, "messages"),
                                                             0),
                                         "body")->valuestring,
                    "aGVsbG8=");
  cJSON_Delete (j);
  relay_resp_clear (&r);
  r = relay_http ("DELETE", url, NULL, NULL, NULL, 0);
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  r = relay_http ("GET", url, NULL, NULL, NULL, 0);
  ck_assert (strstr (r.body, "\"messages\":[]") != NULL);
  relay_resp_clear (&r);
  /* not base32: 404 */
  snprintf (url, sizeof url, "%s/v1/pair/k1", relay->base);
  r = relay_http ("GET", url, NULL, NULL, NULL, 0);
  ck_assert_int_eq (r.status, 404);
  relay_resp_clear (&r);
}
END_TEST

START_TEST (test_relay_health_and_metrics)
{
  RelayDevice a;
  RelayResp r;
  char url[200];

  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  r = relay_push_n (&a, 2, "m");
  relay_resp_clear (&r);
  snprintf (url, sizeof url, "%s/healthz", relay->base);
  r = relay_http ("GET", url, NULL, NULL, NULL, 0);
  ck_assert_int_eq (r.status, 200);
  ck_assert (strstr (r.body, "\"ok\"") != NULL);
  ck_assert_str_eq (r.hsts, "max-age=63072000; includeSubDomains");
  ck_assert_str_eq (r.nosniff, "nosniff");
  relay_resp_clear (&r);
  snprintf (url, sizeof url, "%s/metrics", relay->base);
  r = relay_http ("GET", url, NULL, NULL, NULL, 0);
  ck_assert_int_eq (r.status, 200);
  ck_assert (strstr (r.body, "dokus_relay_requests_total{route=\"/v1/books/*/push\","
                             "status=\"2xx\"} 1\n")
             != NULL);
  ck_assert (strstr (r.body, "dokus_relay_envelopes_stored_total 2\n") != NULL);
  ck_assert (strstr (r.body, "dokus_relay_request_duration_seconds_bucket{route=\"/healthz\","
                             "le=\"+Inf\"} 1\n")
             != NULL);
  ck_assert (strstr (r.body, "dokus_relay_db_pool_size 4\n") != NULL);
  relay_resp_clear (&r);
}
END_TEST

typedef struct {
  RelayDevice *dev;
  int batches;
  int ok;
} PushLoop;

static void *
push_loop (void *data)
{
  PushLoop *p = data;
  for (int i = 0; i < p->batches; i++)
    {
      RelayResp r = relay_push_n (p->dev, 5, "two relays");
      if (r.status == 200)
        p->ok++;
      relay_resp_clear (&r);
    }
  return NULL;
}

START_TEST (test_relay_two_processes_one_database)
{
  RelayProc *second = relay_proc_start (pg, NULL, NULL);
  RelayDevice a, b;
  RelayResp r;
  pthread_t ta, tb;
  PushLoop pa, pb;
  DelayedPush dp;
  double start, end;
  char sql[300];
  cJSON *j;

  ck_assert_ptr_nonnull (second);
  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  ck_assert (relay_member_new (&a, &b, "device"));
  /* b talks to the second relay (tokens are valid on both: one key file) */
  snprintf (b.base, sizeof b.base, "%s", second->base);

  /* a long-poll on relay 2 is woken by a push through relay 1 */
  dp = (DelayedPush){ &a, 300, 0, 0 };
  start = now_s ();
  pthread_create (&ta, NULL, delayed_push, &dp);
  r = relay_pull (&b, 0, 20);
  end = now_s ();
  pthread_join (ta, NULL);
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (j, "envelopes")), 1);
  cJSON_Delete (j);
  relay_resp_clear (&r);
  ck_assert_msg (end - start >= 0.25, "the pull on relay 2 did not wait");
  ck_assert_msg (end - dp.pushed_at < 1.0, "relay 2 woke %.3f s after the push",
                 end - dp.pushed_at);

  /* both push at once through both relays: 1 + 2 x 20 x 5 = 201 envelopes,
   * server_seq 1..201 without gap or duplicate */
  pa = (PushLoop){ &a, 20, 0 };
  pb = (PushLoop){ &b, 20, 0 };
  pthread_create (&ta, NULL, push_loop, &pa);
  pthread_create (&tb, NULL, push_loop, &pb);
  pthread_join (ta, NULL);
  pthread_join (tb, NULL);
  ck_assert_int_eq (pa.ok, 20);
  ck_assert_int_eq (pb.ok, 20);
  snprintf (sql, sizeof sql,
            "SELECT count(*) * 1000000 + count(DISTINCT server_seq) * 1000 + max(server_seq) - "
            "min(server_seq) + 1 FROM envelope WHERE book_id = '\\x%s'::bytea",
            a.book_raw);
  /* count 201, distinct 201, span 201 */
  ck_assert_int_eq (relay_pg_query_int (pg, sql), 201LL * 1000000 + 201 * 1000 + 201);
  snprintf (sql, sizeof sql, "SELECT last_seq FROM book WHERE book_id = '\\x%s'::bytea",
            a.book_raw);
  ck_assert_int_eq (relay_pg_query_int (pg, sql), 201);
  ck_assert_int_eq (relay_proc_stop (second), 0);
  relay_proc_free (second);
}
END_TEST

START_TEST (test_relay_dump_holds_no_plaintext)
{
  RelayDevice a, b;
  uint8_t box_pk[32], box_sk[32];
  RelayResp r;
  char url[400], *dump;
  size_t len = 0;
  const char *markers[] = { "Freelance BV", "INV-2026-0042", "1234.50", "BE0417497106",
                            "Cloudly Ltd" };
  cJSON *arr = cJSON_CreateArray (), *j;
  char *body;

  ck_assert (relay_book_new (relay->base, &a, box_pk, box_sk));
  ck_assert (relay_member_new (&a, &b, "device"));
  cJSON_AddItemToArray (arr, relay_envelope_new (&a, 1, 1,
                                                 "{\"e\":\"client\",\"f\":\"name\","
                                                 "\"val\":\"Freelance BV\",\"vat\":"
                                                 "\"BE0417497106\"}"));
  cJSON_AddItemToArray (arr, relay_envelope_new (&a, 2, 1,
                                                 "{\"issue\":{\"number\":\"INV-2026-0042\","
                                                 "\"total\":\"1234.50\"}}"));
  cJSON_AddItemToArray (arr, relay_envelope_new (&a, 3, 1,
                                                 "{\"e\":\"expense\",\"supplier\":"
                                                 "\"Cloudly Ltd\"}"));
  body = relay_push_body (&a, arr);
  r = relay_push_text (&a, body);
  free (body);
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  /* an inbox event naming the invoice, sealed on arrival */
  snprintf (url, sizeof url, "%s/v1/books/%s/inbox/hook", a.base, a.book_hex);
  r = relay_http ("POST", url, a.access, "application/json", "{}", 2);
  j = relay_resp_json (&r);
  snprintf (url, sizeof url, "%s%s", a.base, cJSON_GetObjectItem (j, "hook_path")->valuestring);
  cJSON_Delete (j);
  relay_resp_clear (&r);
  r = relay_http ("POST", url, NULL, "text/plain", "INV-2026-0042 delivered to Cloudly Ltd", 38);
  ck_assert_int_eq (r.status, 202);
  relay_resp_clear (&r);

  dump = relay_pg_dump (pg, &len);
  ck_assert_ptr_nonnull (dump);
  /* control: the dump does contain this book (as bytea hex) */
  ck_assert_msg (relay_mem_contains (dump, len, a.book_raw), "the dump lacks the book id");
  for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++)
    ck_assert_msg (!relay_mem_contains (dump, len, markers[i]), "the dump contains \"%s\"",
                   markers[i]);
  free (dump);
}
END_TEST

START_TEST (test_relay_erase_removes_every_trace)
{
  RelayDevice a, b, other;
  RelayResp r;
  char url[300], *dump;
  size_t len = 0;

  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  ck_assert (relay_member_new (&a, &b, "device"));
  ck_assert (relay_book_new (relay->base, &other, NULL, NULL));
  r = relay_push_n (&a, 5, "to erase");
  relay_resp_clear (&r);
  r = relay_push_n (&other, 2, "to keep");
  relay_resp_clear (&r);
  snprintf (url, sizeof url, "%s/v1/books/%s/snapshot?upto=5&key_epoch=1", a.base, a.book_hex);
  r = relay_http ("PUT", url, a.access, "application/octet-stream", "snap", 4);
  ck_assert_int_eq (r.status, 201);
  relay_resp_clear (&r);
  {
    const char *tag = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    char body[200];
    snprintf (url, sizeof url, "%s/v1/books/%s/lease/%s", a.base, a.book_hex, tag);
    snprintf (body, sizeof body, "{\"expect_epoch\":0,\"holder\":\"%s\",\"release_seq\":0}",
              a.device_hex);
    r = relay_http ("POST", url, a.access, "application/json", body, strlen (body));
    ck_assert_int_eq (r.status, 200);
    relay_resp_clear (&r);
  }
  /* a device may not erase; the owner may */
  snprintf (url, sizeof url, "%s/v1/books/%s", a.base, a.book_hex);
  r = relay_http ("DELETE", url, b.access, NULL, NULL, 0);
  ck_assert_int_eq (r.status, 403);
  relay_resp_clear (&r);
  r = relay_http ("DELETE", url, a.access, NULL, NULL, 0);
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  /* its tokens no longer work */
  r = relay_pull (&a, 0, 0);
  ck_assert_int_eq (r.status, 401);
  relay_resp_clear (&r);

  dump = relay_pg_dump (pg, &len);
  ck_assert_ptr_nonnull (dump);
  ck_assert_msg (!relay_mem_contains (dump, len, a.book_raw), "the erased book id remains");
  ck_assert_msg (!relay_mem_contains (dump, len, a.device_raw), "the owner's device id remains");
  ck_assert_msg (!relay_mem_contains (dump, len, b.device_raw), "a member's device id remains");
  ck_assert_msg (relay_mem_contains (dump, len, other.book_raw), "the other book was erased");
  free (dump);
  r = relay_pull (&other, 0, 0);
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
}
END_TEST

START_TEST (test_relay_migrations_once_with_concurrent_starts)
{
  char url[400];
  const char *args[] = { "--database-url", url, NULL };
  RelayProc *procs[3];
  ck_assert (relay_pg_exec (pg, "DROP DATABASE IF EXISTS concurrent_start"));
  ck_assert (relay_pg_exec (pg, "CREATE DATABASE concurrent_start"));
  snprintf (url, sizeof url, "host=%s port=%u user=postgres dbname=concurrent_start", pg->dir,
            pg->port);
  /* three relays start at once against an empty database */
  for (int i = 0; i < 3; i++)
    procs[i] = relay_proc_spawn (pg, NULL, args);
  for (int i = 0; i < 3; i++)
    {
      char health[200];
      RelayResp r;
      procs[i] = relay_proc_wait_ready (procs[i]);
      ck_assert_ptr_nonnull (procs[i]);
      snprintf (health, sizeof health, "%s/healthz", procs[i]->base);
      r = relay_http ("GET", health, NULL, NULL, NULL, 0);
      ck_assert_int_eq (r.status, 200);
      relay_resp_clear (&r);
    }
  {
    /* each migration recorded once */
    RelayPg other = *pg;
    snprintf (other.url, sizeof other.url, "%s", url);
    ck_assert_int_eq (relay_pg_query_int (&other, "SELECT count(*) FROM relay_schema"), 1);
    ck_assert_int_eq (relay_pg_query_int (&other, "SELECT max(version) FROM relay_schema"), 1);
  }
  for (int i = 0; i < 3; i++)
    {
      ck_assert_int_eq (relay_proc_stop (procs[i]), 0);
      relay_proc_free (procs[i]);
    }
}
END_TEST

START_TEST (test_relay_logs_one_line_per_request_without_secrets)
{
  RelayDevice a;
  RelayResp r;
  char request_id[40], *log, *line, *save = NULL;
  size_t len = 0;
  int lines = 0;
  bool found = false;
  cJSON *arr = cJSON_CreateArray ();
  char *body, ct_prefix[24];

  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  cJSON_AddItemToArray (arr, relay_envelope_new (&a, 1, 1, "logged?"));
  snprintf (ct_prefix, sizeof ct_prefix, "%.20s",
            cJSON_GetObjectItem (cJSON_GetArrayItem (arr, 0), "ct")->valuestring);
  body = relay_push_body (&a, arr);
  r = relay_push_text (&a, body);
  ck_assert_int_eq (r.status, 200);
  snprintf (request_id, sizeof request_id, "%s", r.request_id);
  relay_resp_clear (&r);
  free (body);
  ck_assert_int_eq (relay_proc_stop (relay), 0);

  {
    FILE *f = fopen (relay->log, "rb");
    ck_assert_ptr_nonnull (f);
    fseek (f, 0, SEEK_END);
    len = (size_t) ftell (f);
    fseek (f, 0, SEEK_SET);
    log = calloc (1, len + 1);
    ck_assert_uint_eq (fread (log, 1, len, f), len);
    fclose (f);
  }
  ck_assert_msg (!relay_mem_contains (log, len, a.access), "the log holds an access token");
  ck_assert_msg (!relay_mem_contains (log, len, a.refresh), "the log holds a refresh token");
  ck_assert_msg (!relay_mem_contains (log, len, ct_prefix), "the log holds ciphertext");
  for (line = strtok_r (log, "\n", &save); line; line = strtok_r (NULL, "\n", &save))
    {
      cJSON *j = cJSON_Parse (line);
      const cJSON *rid;
      ck_assert_msg (j != NULL, "not a JSON line: %s", line);
      rid = cJSON_GetObjectItem (j, "request_id");
      if (cJSON_IsString (rid))
        {
          lines++;
          if (strcmp (rid->valuestring, request_id) == 0)
            {
              found = true;
              ck_assert_str_eq (cJSON_GetObjectItem (j, "route")->valuestring,
                                "/v1/books/*/push");
              ck_assert_int_eq ((int) cJSON_GetObjectItem (j, "status")->valuedouble, 200);
              ck_assert_str_eq (cJSON_GetObjectItem (j, "book")->valuestring, a.book_hex);
            }
        }
      cJSON_Delete (j);
    }
  /* create, challenge, token, push */
  ck_assert_int_eq (lines, 4);
  ck_assert (found);
  free (log);
  /* teardown stops it again: start a fresh one */
  relay_proc_free (relay);
  relay = relay_proc_start (pg, NULL, NULL);
  ck_assert_ptr_nonnull (relay);
}
END_TEST

START_TEST (test_relay_members_and_key_bundles)
{
  RelayDevice a, b;
  RelayResp r;
  char url[300], body[600];
  cJSON *j, *members;
  uint8_t sealed[40];
  char sealed_b64[80];
  int seen = 0;

  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  ck_assert (relay_member_new (&a, &b, "accountant"));
  /* the same device id twice: 409 */
  ck_assert_int_eq (relay_member_add (&a, &b, "device"), 409);
  snprintf (url, sizeof url, "%s/v1/books/%s/members", a.base, a.book_hex);
  r = relay_http ("GET", url, b.access, NULL, NULL, 0);
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  members = cJSON_GetObjectItem (j, "members");
  ck_assert_int_eq (cJSON_GetArraySize (members), 2);
  for (int i = 0; i < 2; i++)
    {
      const cJSON *m = cJSON_GetArrayItem (members, i);
      const char *dev = cJSON_GetObjectItem (m, "device_id")->valuestring;
      const char *role = cJSON_GetObjectItem (m, "role")->valuestring;
      if (strcmp (dev, a.device_hex) == 0)
        {
          ck_assert_str_eq (role, "owner");
          seen++;
        }
      if (strcmp (dev, b.device_hex) == 0)
        {
          ck_assert_str_eq (role, "accountant");
          seen++;
        }
    }
  ck_assert_int_eq (seen, 2);
  cJSON_Delete (j);
  relay_resp_clear (&r);

  /* the owner seals epoch 2's keyring to b; the book moves to epoch 2 */
  randombytes_buf (sealed, sizeof sealed);
  sodium_bin2base64 (sealed_b64, sizeof sealed_b64, sealed, sizeof sealed,
                     sodium_base64_VARIANT_ORIGINAL);
  snprintf (url, sizeof url, "%s/v1/books/%s/key_bundles", a.base, a.book_hex);
  snprintf (body, sizeof body, "{\"key_epoch\":2,\"bundles\":[{\"device_id\":\"%s\","
                               "\"sealed\":\"%s\"}]}",
            b.device_hex, sealed_b64);
  r = relay_http ("PUT", url, b.access, "application/json", body, strlen (body));
  ck_assert_int_eq (r.status, 403); /* not the owner */
  relay_resp_clear (&r);
  r = relay_http ("PUT", url, a.access, "application/json", body, strlen (body));
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  r = relay_http ("GET", url, b.access, NULL, NULL, 0);
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (j, "bundles")), 1);
  ck_assert_str_eq (cJSON_GetObjectItem (cJSON_GetArrayItem (cJSON_GetObjectItem (j, "bundles"),
                                                             0),
                                         "sealed")->valuestring,
                    sealed_b64);
  cJSON_Delete (j);
  relay_resp_clear (&r);
  /* a's own bundles: none */
  r = relay_http ("GET", url, a.access, NULL, NULL, 0);
  ck_assert (strstr (r.body, "\"bundles\":[]") != NULL);
  relay_resp_clear (&r);
  snprintf (url, sizeof url, "%s/v1/books/%s", a.base, a.book_hex);
  r = relay_http ("GET", url, b.access, NULL, NULL, 0);
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  ck_assert_int_eq (json_int (j, "key_epoch"), 2);
  ck_assert_int_eq (json_int (j, "last_seq"), 0);
  ck_assert_str_eq (cJSON_GetObjectItem (j, "role")->valuestring, "accountant");
  cJSON_Delete (j);
  relay_resp_clear (&r);
  /* envelopes of epoch 2 are accepted now */
  {
    cJSON *arr = cJSON_CreateArray ();
    char *push;
    cJSON_AddItemToArray (arr, relay_envelope_new (&a, 1, 2, "after the rotation"));
    push = relay_push_body (&a, arr);
    r = relay_push_text (&a, push);
    ck_assert_int_eq (r.status, 200);
    relay_resp_clear (&r);
    free (push);
  }
}
END_TEST

START_TEST (test_relay_compaction_after_an_old_snapshot)
{
  RelayDevice a, b;
  RelayResp r;
  char url[300], sql[300], *first_batch;
  cJSON *arr, *j;

  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  ck_assert (relay_member_new (&a, &b, "device"));
  arr = cJSON_CreateArray ();
  for (int i = 1; i <= 3; i++)
    cJSON_AddItemToArray (arr, relay_envelope_new (&a, i, 1, "old"));
  first_batch = relay_push_body (&a, arr);
  r = relay_push_text (&a, first_batch);
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  a.next_dev_seq = 4;
  r = relay_push_n (&a, 2, "new");
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  /* a snapshot at 3, uploaded 91 days ago (backdated here) */
  snprintf (url, sizeof url, "%s/v1/books/%s/snapshot?upto=3&key_epoch=1", a.base, a.book_hex);
  r = relay_http ("PUT", url, a.access, "application/octet-stream", "old snapshot", 12);
  ck_assert_int_eq (r.status, 201);
  ck_assert (strstr (r.body, "\"snapshot_floor\":0") != NULL); /* too young to compact */
  relay_resp_clear (&r);
  snprintf (sql, sizeof sql,
            "UPDATE snapshot SET received_at = now() - interval '91 days' "
            "WHERE book_id = '\\x%s'::bytea",
            a.book_raw);
  ck_assert (relay_pg_exec (pg, sql));
  /* the next upload compacts: floor 3, envelopes 1..3 gone, 4..5 kept */
  snprintf (url, sizeof url, "%s/v1/books/%s/snapshot?upto=5&key_epoch=1", a.base, a.book_hex);
  r = relay_http ("PUT", url, a.access, "application/octet-stream", "new snapshot", 12);
  ck_assert_int_eq (r.status, 201);
  ck_assert_msg (strstr (r.body, "\"snapshot_floor\":3") != NULL, "%s", r.body);
  relay_resp_clear (&r);
  snprintf (sql, sizeof sql, "SELECT count(*) FROM envelope WHERE book_id = '\\x%s'::bytea",
            a.book_raw);
  ck_assert_int_eq (relay_pg_query_int (pg, sql), 2);
  r = relay_pull (&b, 0, 0);
  ck_assert_int_eq (r.status, 410);
  relay_resp_clear (&r);
  r = relay_pull (&b, 3, 0);
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (j, "envelopes")), 2);
  cJSON_Delete (j);
  relay_resp_clear (&r);
  /* a late retry of the compacted batch is still acked, without numbers */
  r = relay_push_text (&a, first_batch);
  ck_assert_int_eq (r.status, 200);
  ck_assert (strstr (r.body, "{\"dev_seq\":1,\"server_seq\":null}") != NULL);
  ck_assert (strstr (r.body, "\"next_dev_seq\":6") != NULL);
  relay_resp_clear (&r);
  free (first_batch);
}
END_TEST

static Suite *
relay_protocol_suite (void)
{
  Suite *s = suite_create ("relay-protocol");
  TCase *tc = tcase_create ("protocol");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_relay_push_then_pull_on_another_device);
  tcase_add_test (tc, test_relay_dev_seq_gap_names_next);
  tcase_add_test (tc, test_relay_long_poll_wakes_on_push);
  tcase_add_test (tc, test_relay_lease_compare_and_set);
  tcase_add_test (tc, test_relay_snapshot_round_trip_and_floor);
  tcase_add_test (tc, test_relay_inbox_seals_events_to_the_book);
  tcase_add_test (tc, test_relay_pairing_slot);
  tcase_add_test (tc, test_relay_health_and_metrics);
  tcase_add_test (tc, test_relay_two_processes_one_database);
  tcase_add_test (tc, test_relay_dump_holds_no_plaintext);
  tcase_add_test (tc, test_relay_erase_removes_every_trace);
  tcase_add_test (tc, test_relay_members_and_key_bundles);
  tcase_add_test (tc, test_relay_compaction_after_an_old_snapshot);
  tcase_add_test (tc, test_relay_migrations_once_with_concurrent_starts);
  tcase_add_test (tc, test_relay_logs_one_line_per_request_without_secrets);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return relay_pg_run_suite (relay_protocol_suite (), &pg);
}

/* check-relay-faults.c
 *
 * Suite "relay", faults: the relay killed (SIGKILL) between the database
 * commit and its answer, then the client's retry through a fresh relay
 * is idempotent (same server_seq, nothing applied twice); PostgreSQL
 * restarted under a running relay, which then recovers by itself (pool
 * and LISTEN connection reconnect), pushes and long-polls included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <check.h>
#include <sodium.h>

#include "relay-harness.h"

static RelayPg *pg;

static long long
json_int (const cJSON *o, const char *name)
{
  const cJSON *v = cJSON_GetObjectItem (o, name);
  ck_assert_msg (cJSON_IsNumber (v), "%s is not a number", name);
  return (long long) v->valuedouble;
}

static double
now_s (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

START_TEST (test_relay_killed_after_commit_retry_is_idempotent)
{
  RelayProc *dying = relay_proc_start (pg, "kill-after-commit", NULL), *fresh;
  RelayDevice a, b;
  RelayResp r;
  cJSON *arr, *j, *envs;
  char *body, sql[200];

  ck_assert_ptr_nonnull (dying);
  ck_assert (relay_book_new (dying->base, &a, NULL, NULL));
  arr = cJSON_CreateArray ();
  for (int i = 1; i <= 3; i++)
    cJSON_AddItemToArray (arr, relay_envelope_new (&a, i, 1, "before the crash"));
  body = relay_push_body (&a, arr);
  /* the relay commits, then dies before answering: no HTTP status */
  r = relay_push_text (&a, body);
  ck_assert_int_eq (r.status, 0);
  relay_resp_clear (&r);
  ck_assert (relay_proc_wait_exit (dying, 5000));
  snprintf (sql, sizeof sql, "SELECT last_seq FROM book WHERE book_id = '\\x%s'::bytea",
            a.book_raw);
  ck_assert_int_eq (relay_pg_query_int (pg, sql), 3); /* it was committed */

  /* the client retries the same bytes through another relay */
  fresh = relay_proc_start (pg, NULL, NULL);
  ck_assert_ptr_nonnull (fresh);
  snprintf (a.base, sizeof a.base, "%s", fresh->base);
  r = relay_push_text (&a, body);
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  /* the same server_seq 1..3 as committed before the crash */
  for (int i = 0; i < 3; i++)
    ck_assert_int_eq (json_int (cJSON_GetArrayItem (cJSON_GetObjectItem (j, "acks"), i),
                                "server_seq"),
                      i + 1);
  ck_assert_int_eq (json_int (j, "next_dev_seq"), 4);
  cJSON_Delete (j);
  relay_resp_clear (&r);
  free (body);
  ck_assert_int_eq (relay_pg_query_int (pg, sql), 3);

  /* another device pulls each envelope exactly once */
  ck_assert (relay_member_new (&a, &b, "device"));
  r = relay_pull (&b, 0, 0);
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  envs = cJSON_GetObjectItem (j, "envelopes");
  ck_assert_int_eq (cJSON_GetArraySize (envs), 3);
  ck_assert_int_eq (json_int (j, "head_seq"), 3);
  cJSON_Delete (j);
  relay_resp_clear (&r);
  relay_proc_stop (fresh);
  relay_proc_free (fresh);
  relay_proc_free (dying);
}
END_TEST

typedef struct {
  RelayDevice *dev;
  long status;
  int envelopes;
  double done_at;
} Pull;

static void *
pull_thread (void *data)
{
  Pull *p = data;
  RelayResp r = relay_pull (p->dev, 0, 25);
  cJSON *j = relay_resp_json (&r);
  p->status = r.status;
  p->envelopes = cJSON_GetArraySize (cJSON_GetObjectItem (j, "envelopes"));
  p->done_at = now_s ();
  cJSON_Delete (j);
  relay_resp_clear (&r);
  return NULL;
}

START_TEST (test_relay_recovers_after_postgresql_restart)
{
  RelayProc *relay = relay_proc_start (pg, NULL, NULL);
  RelayDevice a, b;
  RelayResp r;
  Pull waiting;
  pthread_t t;
  double deadline;
  long status = 0;
  int attempts = 0;
  char sql[200];

  ck_assert_ptr_nonnull (relay);
  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  ck_assert (relay_member_new (&a, &b, "device"));
  r = relay_push_n (&a, 2, "before");
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);

  /* b waits (long-poll) after 2 while PostgreSQL goes away */
  waiting = (Pull){ &b, 0, 0, 0 };
  pthread_create (&t, NULL, pull_thread, &waiting);
  usleep (300000);
  ck_assert (relay_pg_stop_server (pg));
  /* while it is down: 503 with Retry-After, never a crash */
  r = relay_push_n (&a, 1, "while down");
  ck_assert_int_eq (r.status, 503);
  ck_assert_str_eq (r.retry_after, "1");
  relay_resp_clear (&r);
  ck_assert (relay_pg_start_server (pg));

  /* the client retries with back-off until the relay has reconnected */
  deadline = now_s () + 20;
  while (now_s () < deadline)
    {
      r = relay_push_n (&a, 1, "after the restart");
      status = r.status;
      relay_resp_clear (&r);
      attempts++;
      if (status == 200)
        break;
      usleep (200000);
    }
  ck_assert_msg (status == 200, "the relay did not recover (%d attempts, last %ld)", attempts,
                 status);
  pthread_join (t, NULL);
  /* the waiting pull came back (woken after the LISTEN reconnect, or by the push) */
  ck_assert_int_eq (waiting.status, 200);
  snprintf (sql, sizeof sql, "SELECT last_seq FROM book WHERE book_id = '\\x%s'::bytea",
            a.book_raw);
  ck_assert_int_eq (relay_pg_query_int (pg, sql), 3);
  /* and long-polls work again after the restart */
  r = relay_pull (&b, 2, 0);
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  ck_assert_int_eq (relay_proc_stop (relay), 0);
  relay_proc_free (relay);
}
END_TEST

static Suite *
relay_faults_suite (void)
{
  Suite *s = suite_create ("relay-faults");
  TCase *tc = tcase_create ("faults");
  tcase_set_timeout (tc, 90);
  tcase_add_test (tc, test_relay_killed_after_commit_retry_is_idempotent);
  tcase_add_test (tc, test_relay_recovers_after_postgresql_restart);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  /* PostgreSQL with its own settings (fsync on): this suite restarts it under a relay */
  return relay_pg_run_suite_with_conf (relay_faults_suite (), &pg, NULL);
}

/* check-sync-lease-revoke.c
 *
 * A series lease held by a lost device, through a real dokus-relay and
 * PostgreSQL (started here, in a temp dir, on 127.0.0.1): the laptop b
 * holds the invoice lease, issues one number that syncs and one that never
 * does, and is revoked by the owner a; the revocation frees b's leases in
 * the same transaction (and no other device's), a takes the lease and
 * numbers on after the last number it knows, b is refused, and the book's
 * numbering is continuous. Skipped (77) when the PostgreSQL server
 * binaries are missing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-test-helpers.h"
#include "relay-harness.h"
#include "sync-fixture.h"
#include <dokus/dokus-sync-client.h>
#include <dokus/dokus-sync-pair.h>

static RelayPg *pg;
static RelayProc *relay;

static void
ok (DokusStatus st, const DokusError *err, const char *what)
{
  ck_assert_msg (st == DOKUS_OK, "%s: %s (%s)", what, err->message, err->field);
}

static void
sync_ok (DokusSyncClient *c, DokusBook *book, const char *what)
{
  DokusError err = { 0 };
  ok (dokus_sync_client_run (c, book, NULL, NULL, NULL, &err), &err, what);
}

START_TEST (test_revoke_frees_the_lease_of_a_lost_device)
{
  SyncGroup g;
  DokusError err = { 0 };
  DokusIssueResult res;
  uint32_t epoch = 0;
  char *numbers, sql[512], dev_b_hex[33];

  sync_group_init (&g, relay->base);
  ok (dokus_profile_set (g.a, "{\"name\": \"Studio Maes\", \"enterprise_number\": \"0203.201.340\","
                              " \"address\": {\"city\": \"Gent\", \"country\": \"BE\"}}", &err),
      &err, "profile");
  sync_group_add_clients (g.a, "Client", 1);
  sync_ok (g.ca, g.a, "sync a");
  sync_ok (g.cb, g.b, "sync b");
  sync_uuid_hex (g.dev_b, dev_b_hex);

  /* the laptop b numbers in the default series; the owner a holds the
   * credit-note lease, which b's revocation must leave alone */
  ok (dokus_sync_client_lease_take (g.cb, g.b, "invoice/2026", &err), &err, "lease to b");
  ok (dokus_sync_client_lease_take (g.ca, g.a, "credit_note/2026", &err), &err, "a's lease");
  ok (sync_issue_one (g.b, "100.00", &res, &err), &err, "b first");
  ck_assert_str_eq (res.number, "2026-0001");
  sync_ok (g.cb, g.b, "sync b's first");
  /* issued offline and never synced: the laptop is stolen with it */
  ok (sync_issue_one (g.b, "200.00", &res, &err), &err, "b second");
  ck_assert_str_eq (res.number, "2026-0002");

  /* while b holds the lease nobody else numbers in the series */
  ck_assert_int_eq (dokus_sync_client_lease_take (g.ca, g.a, "invoice/2026", &err),
                    DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "lease");
  ck_assert_int_eq (sync_issue_one (g.a, "300.00", &res, &err), DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "series");
  ck_assert_int_eq (relay_pg_query_int (pg, "SELECT count(*) FROM lease WHERE holder IS NOT NULL"),
                    2);

  /* revocation frees b's lease at the relay, a's stays with a */
  ok (dokus_sync_client_revoke (g.ca, g.a, g.dev_b, &epoch, &err), &err, "revoke b");
  ck_assert_int_eq (epoch, 2);
  ck_assert_int_eq (relay_pg_query_int (pg, "SELECT count(*) FROM lease WHERE holder IS NULL"),
                    1);
  ck_assert_int_eq (relay_pg_query_int (pg, "SELECT count(*) FROM lease WHERE holder IS NOT NULL"
                                            " AND epoch = 1"),
                    1);
  /* the freed lease moved to a new epoch (taken 1, freed 2) and its
   * release_seq is the book's head at the revocation: past b's envelopes,
   * before the member fact the owner pushed afterwards */
  snprintf (sql, sizeof sql,
            "SELECT count(*) FROM lease l WHERE l.holder IS NULL AND l.epoch = 2"
            " AND l.release_seq < (SELECT last_seq FROM book b WHERE b.book_id = l.book_id)"
            " AND l.release_seq >= (SELECT max(server_seq) FROM envelope e"
            "   WHERE e.book_id = l.book_id AND e.device_id = decode('%s', 'hex'))",
            dev_b_hex);
  ck_assert_int_eq (relay_pg_query_int (pg, sql), 1);

  /* a takes the lease and numbers on after the last number it knows */
  ok (dokus_sync_client_lease_take (g.ca, g.a, "invoice/2026", &err), &err, "lease to a");
  ok (sync_issue_one (g.a, "300.00", &res, &err), &err, "a next");
  ck_assert_str_eq (res.number, "2026-0002");
  sync_ok (g.ca, g.a, "sync a's number");

  /* b is refused: its offline 2026-0002 never reaches the book */
  ck_assert_int_eq (dokus_sync_client_run (g.cb, g.b, NULL, NULL, NULL, &err), DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "revoked");
  ck_assert_int_ne (dokus_sync_client_lease_take (g.cb, g.b, "invoice/2026", &err), DOKUS_OK);

  /* continuous: 1 x 100.00 + 21 % = 121.00; 1 x 300.00 + 21 % = 363.00 */
  sync_ok (g.ca, g.a, "sync a again");
  numbers = sync_issued_numbers (g.a);
  ck_assert_str_eq (numbers, "2026-0001=12100 2026-0002=36300");
  free (numbers);
  ck_assert_int_eq (relay_pg_query_int (pg, "SELECT count(*) FROM lease WHERE holder IS NULL"),
                    0);
  sync_group_clear (&g);
}
END_TEST

static void
setup (void)
{
  relay = sync_relay_start (pg);
}

static void
teardown (void)
{
  sync_relay_stop (relay);
}

int
main (void)
{
  static const SyncSuiteSpec spec = {
    .suite = "sync-lease-revoke", .tcase = "lease", .today = "2026-06-15", .timeout_s = 180,
    .setup = setup, .teardown = teardown,
  };
  const TTest *const tests[] = {
    test_revoke_frees_the_lease_of_a_lost_device,
    NULL,
  };

  return sync_suite_run (&spec, tests, &pg);
}

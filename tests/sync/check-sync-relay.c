/* check-sync-relay.c
 *
 * Two books syncing through a real dokus-relay and PostgreSQL (both
 * started here, in a temp dir, on 127.0.0.1): the owner registers the
 * book, adds the second device, both push and pull with
 * libdokus-sync's relay client, and end with the same state digest,
 * the invoice issued on the first numbered the same on the second.
 * Skipped (77) when the PostgreSQL server binaries are missing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-test-helpers.h"
#include "relay-harness.h"
#include <dokus/dokus-sync-client.h>

static RelayPg *pg;

static void
ok (DokusStatus st, const DokusError *err, const char *what)
{
  ck_assert_msg (st == DOKUS_OK, "%s: %s (%s)", what, err->message, err->field);
}

START_TEST (test_sync_two_books_through_the_relay)
{
  RelayProc *relay = relay_proc_start (pg, NULL, NULL);
  char *dir = dokus_test_tmpdir_new ();
  char *pa = dokus_test_path (dir, "a.dokus"), *pb = dokus_test_path (dir, "b.dokus");
  DokusBook *a = dokus_test_book_create (pa, "pw", NULL);
  DokusBook *b = dokus_test_book_create (pb, "pw", NULL);
  DokusSyncClient *ca = NULL, *cb = NULL;
  DokusSyncRunStats stats;
  DokusError err = { 0 };
  char book_id[DOKUS_SYNC_ID_TEXT], dev_a[DOKUS_SYNC_ID_TEXT], dev_b[DOKUS_SYNC_ID_TEXT];
  char client[DOKUS_ID_TEXT], draft[DOKUS_ID_TEXT];
  unsigned char pk_a[32], pk_b[32], key[32], da[32], db[32];
  uint32_t epoch = 0;
  DokusIssueResult res;
  char *number;

  ck_assert_msg (relay != NULL, "dokus-relay did not start");
  ok (dokus_sync_client_new (relay->base, NULL, &ca, &err), &err, "client a");
  ok (dokus_sync_client_new (relay->base, NULL, &cb, &err), &err, "client b");
  /* the owner's book, registered */
  ok (dokus_sync_enable (a, NULL, NULL, 0, &err), &err, "enable");
  ok (dokus_sync_client_register (ca, a, &err), &err, "register");
  ok (dokus_sync_get_identity (a, book_id, dev_a, pk_a, &err), &err, "identity a");
  ok (dokus_sync_export_key (a, &epoch, key, &err), &err, "key");
  /* the second device joins (what pairing delivers) */
  ok (dokus_sync_enable (b, book_id, key, epoch, &err), &err, "join");
  sodium_memzero (key, sizeof key);
  ok (dokus_sync_get_identity (b, NULL, dev_b, pk_b, &err), &err, "identity b");
  ok (dokus_sync_client_add_member (ca, a, dev_b, pk_b, "device", &err), &err, "member b");
  ok (dokus_sync_member_add (b, dev_a, pk_a, "owner", &err), &err, "member a");

  ok (dokus_profile_set (a, "{\"name\": \"Studio Maes\", \"enterprise_number\": \"0203.201.340\","
                            " \"address\": {\"city\": \"Gent\", \"country\": \"BE\"}}", &err),
      &err, "profile");
  ok (dokus_client_add (a, "{\"name\": \"Lumière SRL\", \"vat_number\": \"BE0417497106\","
                           " \"address\": {\"city\": \"Liège\", \"country\": \"BE\"}}",
                        client, &err),
      &err, "client");
  {
    char json[512];
    snprintf (json, sizeof json,
              "{\"client\": \"%s\", \"lines\": [{\"description\": \"Design\", \"quantity\": \"2\","
              " \"unit_price\": \"50.00\", \"vat_rate\": \"21\"}]}", client);
    ok (dokus_invoice_create (a, json, draft, &err), &err, "draft");
  }
  /* without the lease, a synced book does not number */
  ck_assert_int_eq (dokus_document_issue (a, draft, &res, &err), DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "series");
  ok (dokus_sync_client_lease_take (ca, a, "invoice/2026", &err), &err, "lease to a");
  ok (dokus_document_issue (a, draft, &res, &err), &err, "issue");
  ck_assert_str_eq (res.number, "2026-0001");
  ok (dokus_payment_add (a, "2026-0001", "121.00", "2026-06-15", NULL, NULL, &err), &err, "pay");

  /* a: push; b: push its enable, pull everything; a: pull b's */
  ok (dokus_sync_client_run (ca, a, NULL, NULL, &stats, &err), &err, "sync a");
  /* issue, payment: enable, profile, client and draft went when a took the lease */
  ck_assert_int_eq (stats.pushed, 2);
  ok (dokus_sync_client_run (cb, b, NULL, NULL, &stats, &err), &err, "sync b");
  ck_assert_int_eq (stats.pushed, 1);
  ck_assert_int_eq (stats.pulled, 7); /* a's six and its own, skipped */
  ck_assert_int_eq (stats.head_seq, 7);
  ok (dokus_sync_client_run (ca, a, NULL, NULL, &stats, &err), &err, "sync a again");
  ck_assert_int_eq (stats.pushed, 0);

  /* the lease moves: b cannot take it while a holds it; a releases, b takes it */
  ck_assert_int_eq (dokus_sync_client_lease_take (cb, b, "invoice/2026", &err), DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "lease");
  ok (dokus_sync_client_lease_release (ca, a, "invoice/2026", &err), &err, "release by a");
  ok (dokus_sync_client_lease_take (cb, b, "invoice/2026", &err), &err, "lease to b");
  ck_assert_int_eq (dokus_document_issue (a, draft, &res, &err), DOKUS_ERR_REFUSED);
  {
    char json[512], second[DOKUS_ID_TEXT];
    snprintf (json, sizeof json,
              "{\"client\": \"%s\", \"lines\": [{\"description\": \"Print\", \"quantity\": \"1\","
              " \"unit_price\": \"10.00\", \"vat_rate\": \"21\"}]}", client);
    ok (dokus_invoice_create (b, json, second, &err), &err, "draft on b");
    ok (dokus_document_issue (b, second, &res, &err), &err, "issue on b");
    ck_assert_str_eq (res.number, "2026-0002");
  }
  ok (dokus_sync_client_run (cb, b, NULL, NULL, &stats, &err), &err, "sync b");
  ok (dokus_sync_client_run (ca, a, NULL, NULL, &stats, &err), &err, "sync a");
  number = dokus_test_query_text (dokus_book_get_db (a),
                                  "SELECT group_concat (number, ' ') FROM"
                                  " (SELECT number FROM documents WHERE state = 'issued'"
                                  " ORDER BY series_number)");
  ck_assert_str_eq (number, "2026-0001 2026-0002");
  free (number);

  number = dokus_test_query_text (dokus_book_get_db (b),
                                  "SELECT number || ' ' || tax_inclusive_amount FROM documents"
                                  " WHERE state = 'issued' AND series_number = 1");
  /* 2 × 50.00 = 100.00 net, 21 % = 21.00 VAT: 121.00 = 12100 cents */
  ck_assert_str_eq (number, "2026-0001 12100");
  free (number);
  ck_assert_int_eq (dokus_test_query_int (dokus_book_get_db (b),
                                          "SELECT sum (amount) FROM payments"), 12100);
  ok (dokus_sync_digest (a, da, &err), &err, "digest a");
  ok (dokus_sync_digest (b, db, &err), &err, "digest b");
  ck_assert_mem_eq (da, db, sizeof da);
  {
    DokusAuditReport report;
    ok (dokus_audit_verify (b, &report, &err), &err, "audit b");
  }

  /* the same through dokus-cli: a change on b, then `dokus-cli sync` on both */
  ok (dokus_client_update (b, client, "{\"name\": \"Lumière SA\", \"vat_number\": "
                                      "\"BE0417497106\", \"address\": {\"city\": \"Liège\","
                                      " \"country\": \"BE\"}}", &err),
      &err, "rename on b");
  dokus_book_close (a);
  dokus_book_close (b);
  a = b = NULL;
  if (getenv ("DOKUS_CLI") != NULL)
    {
      char cmd[2048];
      setenv ("DOKUS_PASSPHRASE", "pw", 1);
      snprintf (cmd, sizeof cmd, "'%s' sync '%s' --relay '%s' --quiet >/dev/null",
                getenv ("DOKUS_CLI"), pb, relay->base);
      ck_assert_int_eq (system (cmd), 0);
      snprintf (cmd, sizeof cmd, "'%s' sync '%s' --relay '%s' --quiet >/dev/null",
                getenv ("DOKUS_CLI"), pa, relay->base);
      ck_assert_int_eq (system (cmd), 0);
      ok (dokus_book_open (pa, "pw", &a, &err), &err, "reopen a");
      ok (dokus_book_open (pb, "pw", &b, &err), &err, "reopen b");
      number = dokus_test_query_text (dokus_book_get_db (a), "SELECT group_concat (name)"
                                                             " FROM clients");
      ck_assert_str_eq (number, "Lumière SA");
      free (number);
      ok (dokus_sync_digest (a, da, &err), &err, "digest a");
      ok (dokus_sync_digest (b, db, &err), &err, "digest b");
      ck_assert_mem_eq (da, db, sizeof da);
      /* the lease back to a through the command line */
      dokus_book_close (a);
      dokus_book_close (b);
      a = b = NULL;
      snprintf (cmd, sizeof cmd, "'%s' sync '%s' --relay '%s' --quiet --release-lease"
                " invoice/2026 >/dev/null", getenv ("DOKUS_CLI"), pb, relay->base);
      ck_assert_int_eq (system (cmd), 0);
      snprintf (cmd, sizeof cmd, "'%s' sync '%s' --relay '%s' --quiet --take-lease"
                " invoice/2026 >/dev/null", getenv ("DOKUS_CLI"), pa, relay->base);
      ck_assert_int_eq (system (cmd), 0);
      ok (dokus_book_open (pa, "pw", &a, &err), &err, "reopen a");
      ok (dokus_book_open (pb, "pw", &b, &err), &err, "reopen b");
      {
        char json[512], third[DOKUS_ID_TEXT];
        snprintf (json, sizeof json,
                  "{\"client\": \"%s\", \"lines\": [{\"description\": \"Ink\", \"quantity\":"
                  " \"1\", \"unit_price\": \"5.00\", \"vat_rate\": \"21\"}]}", client);
        ok (dokus_invoice_create (a, json, third, &err), &err, "draft on a");
        ok (dokus_document_issue (a, third, &res, &err), &err, "issue on a again");
      }
      ck_assert_str_eq (res.number, "2026-0003");
      /* both devices listed, b's changes applied up to its last */
      snprintf (cmd, sizeof cmd, "'%s' device list '%s' --json | grep -q '\"device_id\":\"%s\"'",
                getenv ("DOKUS_CLI"), pa, dev_b);
      ck_assert_int_eq (system (cmd), 0);
      /* a book that never synced is refused with a hint */
      snprintf (cmd, sizeof cmd, "'%s' sync '%s' --relay '%s' --quiet 2>/dev/null >&2",
                getenv ("DOKUS_CLI"), "/nonexistent/book.dokus", relay->base);
      ck_assert_int_ne (system (cmd), 0);
    }

  dokus_sync_client_free (ca);
  dokus_sync_client_free (cb);
  dokus_book_close (a);
  dokus_book_close (b);
  free (pa);
  free (pb);
  dokus_test_tmpdir_free (dir);
  relay_proc_stop (relay);
  relay_proc_free (relay);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sync-relay");
  TCase *tc = tcase_create ("relay");

  setenv ("DOKUS_TODAY", "2026-06-15", 1);
  tcase_add_test (tc, test_sync_two_books_through_the_relay);
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  return relay_pg_run_suite (s, &pg);
}

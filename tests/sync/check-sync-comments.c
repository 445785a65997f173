/* check-sync-comments.c
 *
 * An accountant's comments end to end through a real dokus-relay and
 * PostgreSQL (started here, in a temp dir, on 127.0.0.1): an accountant
 * paired by `dokus-cli device pair --role accountant` comments on an
 * invoice while the relay is down, syncs; the owner sees the comment after
 * its sync and resolves it; the accountant sees it resolved; the owner's
 * and the accountant's state digests are equal. The accountant still
 * cannot push anything else: the relay answers 403 to an envelope of
 * kind "change" from it (a tampered copy of its book), and a hand-forged
 * envelope of kind "comment" that carries a payment is stored by the
 * relay but refused by the owner's replica, whose stream from the
 * accountant goes on (its next comment applies). The relay's database
 * dump holds no comment text. Skipped (77) without the PostgreSQL server
 * binaries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <sodium.h>

#include "dokus-test-helpers.h"
#include "relay-harness.h"
#include "sync-fixture.h"
#include <dokus/dokus-sync-client.h>

#define FIRST_TEXT "COMMENT-MARKER-7f3a: is de btw van 21 % juist op 2026-0001?"
#define SECOND_TEXT "COMMENT-MARKER-9c1d: graag het contract erbij"

static RelayPg *pg;
static RelayProc *relay;
static char *dir;

static void
ok (DokusStatus st, const DokusError *err, const char *what)
{
  ck_assert_msg (st == DOKUS_OK, "%s: %s (%s)", what, err->message, err->field);
}

static long long
count (DokusBook *b, const char *sql)
{
  return dokus_test_query_int (dokus_book_get_db (b), sql);
}

static DokusBook *
open_book (const char *path)
{
  DokusBook *b = NULL;
  DokusError err = { 0 };
  ok (dokus_book_open (path, "pw", &b, &err), &err, path);
  return b;
}

static void
sync_book (DokusBook *b)
{
  DokusSyncClient *c = NULL;
  DokusError err = { 0 };

  ok (dokus_sync_client_new (relay->base, NULL, &c, &err), &err, "client");
  ok (dokus_sync_client_run (c, b, NULL, NULL, NULL, &err), &err, "sync");
  dokus_sync_client_free (c);
}

/* The owner's book at @path (sync-fixture.h: synced, registered, with a
 * profile, a client and invoice 2026-0001, 2 x 50.00 at 21 %: 121.00
 * payable, pushed); closed again for dokus-cli. */
static void
make_owner (const char *path)
{
  DokusSyncClient *c = NULL;
  DokusError err = { 0 };

  ok (dokus_sync_client_new (relay->base, NULL, &c, &err), &err, "client");
  dokus_book_close (sync_owner_book_create (c, path));
  dokus_sync_client_free (c);
}

/* Pairs a new book at @acc with the owner's at @owner as an accountant,
 * both sides through dokus-cli. */
static void
pair_accountant (const char *cli, const char *owner, const char *acc)
{
  char *out = dokus_test_path (dir, "pair.out"), *code;

  ck_assert_int_eq (sync_shell ("'%s' device pair '%s' --relay '%s' --role accountant --yes"
                                " --timeout 60 >'%s' 2>&1 &", cli, owner, relay->base, out),
                    0);
  code = sync_pairing_code_from (out);
  ck_assert_msg (code != NULL, "no pairing code printed");
  ck_assert_int_eq (sync_shell ("'%s' device join '%s' --relay '%s' --code '%s' --name Boekhouder"
                                " >/dev/null", cli, acc, relay->base, code),
                    0);
  for (int i = 0; i < 100 && !dokus_test_file_contains (out, "Paired "); i++)
    usleep (100 * 1000);
  ck_assert (dokus_test_file_contains (out, "as accountant"));
  free (code);
  free (out);
}

static void
assert_same_digest (DokusBook *a, DokusBook *b)
{
  unsigned char da[DOKUS_SYNC_DIGEST_BYTES], db[DOKUS_SYNC_DIGEST_BYTES];
  DokusError err = { 0 };
  ok (dokus_sync_digest (a, da, &err), &err, "digest a");
  ok (dokus_sync_digest (b, db, &err), &err, "digest b");
  ck_assert_mem_eq (da, db, sizeof da);
}

/* the "comments" of `dokus-cli comment list @book @args --json` */
static cJSON *
cli_list (const char *cli, const char *book, const char *args)
{
  char *out = dokus_test_path (dir, "list.json");
  size_t len = 0;
  unsigned char *text;
  cJSON *o;

  ck_assert_int_eq (sync_shell ("'%s' comment list '%s' %s --json >'%s'", cli, book, args, out),
                    0);
  text = dokus_test_read_file (out, &len);
  ck_assert_ptr_nonnull (text);
  text[len] = '\0';
  o = cJSON_Parse ((const char *) text);
  ck_assert_ptr_nonnull (o);
  free (text);
  free (out);
  return o;
}

START_TEST (test_accountant_comments_owner_resolves_through_the_relay)
{
  const char *cli = getenv ("DOKUS_CLI");
  char *pa = dokus_test_path (dir, "owner.dokus"), *pd = dokus_test_path (dir, "acc.dokus");
  char *comment_id = NULL, acc_id[DOKUS_SYNC_ID_TEXT];
  DokusBook *a, *d;
  DokusError err = { 0 };
  cJSON *o;

  if (cli == NULL)
    {
      printf ("SKIP: DOKUS_CLI not set\n");
      return;
    }
  setenv ("DOKUS_PASSPHRASE", "pw", 1);
  setenv ("DOKUS_KDF", "minimum", 1);
  make_owner (pa);
  pair_accountant (cli, pa, pd);
  ck_assert_int_eq (sync_shell ("'%s' sync '%s' --relay '%s' --quiet >/dev/null",
                                cli, pd, relay->base),
                    0);

  /* offline: the relay is down while the accountant comments */
  sync_relay_stop (relay);
  relay = NULL;
  ck_assert_int_eq (sync_shell ("'%s' comment add '%s' 2026-0001 '%s' >/dev/null",
                                cli, pd, FIRST_TEXT),
                    0);
  relay = sync_relay_start (pg);
  ck_assert_int_eq (sync_shell ("'%s' sync '%s' --relay '%s' --quiet >/dev/null",
                                cli, pd, relay->base),
                    0);

  /* the owner sees it after its sync, written by the accountant */
  a = open_book (pa);
  sync_book (a);
  {
    char *json = NULL;
    const cJSON *c;
    ok (dokus_comment_list (a, "2026-0001", true, &json, &err), &err, "owner's list");
    o = cJSON_Parse (json);
    free (json);
    ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (o, "comments")), 1);
    c = cJSON_GetArrayItem (cJSON_GetObjectItem (o, "comments"), 0);
    ck_assert_str_eq (cJSON_GetObjectItem (c, "text")->valuestring, FIRST_TEXT);
    ck_assert_str_eq (cJSON_GetObjectItem (cJSON_GetObjectItem (c, "author"), "role")->valuestring,
                      "accountant");
    comment_id = strdup (cJSON_GetObjectItem (c, "id")->valuestring);
    cJSON_Delete (o);
  }
  /* and resolves it */
  ok (dokus_comment_resolve (a, comment_id, &err), &err, "resolve");
  sync_book (a);
  dokus_book_close (a);

  /* the accountant sees it resolved */
  ck_assert_int_eq (sync_shell ("'%s' sync '%s' --relay '%s' --quiet >/dev/null",
                                cli, pd, relay->base),
                    0);
  o = cli_list (cli, pd, "--open");
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (o, "comments")), 0);
  cJSON_Delete (o);
  o = cli_list (cli, pd, "2026-0001");
  ck_assert (cJSON_IsObject (
    cJSON_GetObjectItem (cJSON_GetArrayItem (cJSON_GetObjectItem (o, "comments"), 0), "resolved")));
  cJSON_Delete (o);
  a = open_book (pa);
  d = open_book (pd);
  assert_same_digest (a, d);
  dokus_book_close (a);

  /* a copy of the accountant's book that calls itself a device: its
   * change (kind "change") is refused by the relay, 403 */
  {
    char *pc = dokus_test_path (dir, "acc-copy.dokus"), sql[160], client[DOKUS_ID_TEXT];
    DokusSyncClient *c = NULL;
    DokusBook *copy;

    ok (dokus_sync_get_identity (d, NULL, acc_id, NULL, &err), &err, "identity");
    ok (dokus_book_backup (d, pc, &err), &err, "copy");
    copy = open_book (pc);
    snprintf (sql, sizeof sql, "UPDATE sync_member SET role = 'device' WHERE device_id = '%s'",
              acc_id);
    dokus_test_exec (dokus_book_get_db (copy), sql);
    ok (dokus_client_add (copy, "{\"name\": \"Vervalst BV\", \"address\": {\"city\": \"Gent\","
                                " \"country\": \"BE\"}}", client, &err),
        &err, "client on the copy");
    ok (dokus_sync_client_new (relay->base, NULL, &c, &err), &err, "client");
    ck_assert_int_eq (dokus_sync_client_run (c, copy, NULL, NULL, NULL, &err), DOKUS_ERR_REFUSED);
    ck_assert_msg (strstr (err.message, "403") != NULL && strstr (err.message, "comments") != NULL,
                   "%s", err.message);
    dokus_sync_client_free (c);
    dokus_book_close (copy);
    free (pc);
  }

  /* a hand-forged envelope of kind "comment" carrying a payment, signed by
   * the accountant's key, then a genuine comment: the relay stores both
   * (it cannot see inside), the owner refuses the first whole and applies
   * the second */
  {
    char sql[160], id[DOKUS_ID_TEXT], *json = NULL;
    snprintf (sql, sizeof sql, "UPDATE sync_member SET role = 'device' WHERE device_id = '%s'",
              acc_id);
    dokus_test_exec (dokus_book_get_db (d), sql);
    ok (dokus_payment_add (d, "2026-0001", "121.00", "2026-06-15", NULL, &json, &err), &err,
        "forged payment");
    free (json);
    dokus_test_exec (dokus_book_get_db (d), "UPDATE sync_outbox SET kind = 'comment'");
    snprintf (sql, sizeof sql,
              "UPDATE sync_member SET role = 'accountant' WHERE device_id = '%s'", acc_id);
    dokus_test_exec (dokus_book_get_db (d), sql);
    ok (dokus_comment_add (d, "2026-0001", SECOND_TEXT, id, &err), &err, "second comment");
    sync_book (d);
    ck_assert_int_eq (count (d, "SELECT count(*) FROM sync_outbox WHERE server_seq IS NULL"), 0);
  }
  a = open_book (pa);
  sync_book (a);
  ck_assert_int_eq (count (a, "SELECT count(*) FROM payments"), 0);
  ck_assert_int_eq (count (a, "SELECT count(*) FROM comments"), 2);
  ck_assert_int_eq (count (a, "SELECT count(*) FROM sync_pending"), 0);
  {
    char sql[160];
    snprintf (sql, sizeof sql, "SELECT max_dev_seq FROM sync_applied WHERE device_id = '%s'",
              acc_id);
    ck_assert_int_eq (count (a, sql), count (d, "SELECT max(dev_seq) FROM sync_outbox"));
  }
  dokus_book_close (a);
  dokus_book_close (d);

  /* the relay holds ciphertext only: no comment text in its database */
  {
    size_t len = 0;
    char *dump = relay_pg_dump (pg, &len);
    ck_assert_ptr_nonnull (dump);
    ck_assert_msg (relay_mem_contains (dump, len, "envelope"), "not a dump of the relay");
    ck_assert_msg (!relay_mem_contains (dump, len, "COMMENT-MARKER"), "comment text in the dump");
    ck_assert_msg (!relay_mem_contains (dump, len, "contract"), "comment text in the dump");
    free (dump);
  }
  free (comment_id);
  free (pa);
  free (pd);
}
END_TEST

static void
setup (void)
{
  relay = sync_relay_start (pg);
  dir = dokus_test_tmpdir_new ();
}

static void
teardown (void)
{
  dokus_test_tmpdir_free (dir);
  sync_relay_stop (relay);
}

int
main (void)
{
  static const SyncSuiteSpec spec = {
    .suite = "sync-comments", .tcase = "comments", .today = "2026-06-15", .timeout_s = 180,
    .setup = setup, .teardown = teardown,
  };
  const TTest *const tests[] = {
    test_accountant_comments_owner_resolves_through_the_relay,
    NULL,
  };

  return sync_suite_run (&spec, tests, &pg);
}

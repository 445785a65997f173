/* check-sync-pair.c
 *
 * Pairing, revocation with key rotation and the accountant role through a
 * real dokus-relay and PostgreSQL (started here, in a temp dir, on
 * 127.0.0.1): a device joins by code and ends with the owner's digest; a
 * third device's member fact reaches the second; wrong codes, forged
 * requests and a bundle signed by someone else are refused; a revoked
 * device is refused by the relay and cannot read what is written after
 * the rotation, while the others pick up the new key at their next sync;
 * an accountant paired through dokus-cli reads and cannot change; a device
 * without the lease numbers in its own series. Skipped
 * (77) when the PostgreSQL server binaries are missing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include "dokus-test-helpers.h"
#include "relay-harness.h"
#include "sync-fixture.h"
#include <dokus/dokus-sync-client.h>
#include <dokus/dokus-sync-pair.h>

static RelayPg *pg;
static RelayProc *relay;
static char *dir;

static void
ok (DokusStatus st, const DokusError *err, const char *what)
{
  ck_assert_msg (st == DOKUS_OK, "%s: %s (%s)", what, err->message, err->field);
}

static DokusSyncClient *
client_new (void)
{
  DokusSyncClient *c = NULL;
  DokusError err = { 0 };
  ok (dokus_sync_client_new (relay->base, NULL, &c, &err), &err, "client");
  return c;
}

static DokusBook *
book_new (const char *name)
{
  char *path = dokus_test_path (dir, name);
  DokusBook *b = dokus_test_book_create (path, "pw", NULL);
  free (path);
  return b;
}

/* The owner's book (sync-fixture.h): synced, registered, with a profile, a
 * client and invoice 2026-0001 (2 x 50.00 + 21 % VAT = 121.00). */
static DokusBook *
owner_book (DokusSyncClient *c)
{
  char *path = dokus_test_path (dir, "owner.dokus");
  DokusBook *a = sync_owner_book_create (c, path);

  free (path);
  return a;
}

typedef struct {
  DokusSyncClient *client;
  DokusBook *book;
  DokusSyncPairing *pairing;
  unsigned timeout_s;
  DokusStatus st;
  DokusError err;
  char device_id[DOKUS_SYNC_ID_TEXT];
  char fingerprint[17];
} Owner;

static bool
accept_cb (const DokusSyncPairRequest *r, void *user)
{
  Owner *o = user;
  snprintf (o->fingerprint, sizeof o->fingerprint, "%s", r->fingerprint);
  return true;
}

static void *
owner_wait (void *data)
{
  Owner *o = data;
  o->st = dokus_sync_pair_wait (o->client, o->book, o->pairing, o->timeout_s, accept_cb, o, NULL,
                                NULL, o->device_id, &o->err);
  return NULL;
}

/* Pairs @joiner with @owner's book as @role, the owner waiting in a thread. */
static void
pair (DokusSyncClient *oc, DokusBook *owner, DokusSyncClient *jc, DokusBook *joiner,
      const char *role, const char *name)
{
  Owner o = { .client = oc, .book = owner, .timeout_s = 60 };
  char code[DOKUS_SYNC_PAIR_CODE_TEXT], fp[17], self[DOKUS_SYNC_ID_TEXT];
  DokusError err = { 0 };
  pthread_t t;

  ok (dokus_sync_pair_offer (oc, owner, role, &o.pairing, code, &err), &err, "offer");
  ck_assert_int_eq (strlen (code), 14);
  ck_assert (code[4] == '-' && code[9] == '-');
  ck_assert_int_eq (pthread_create (&t, NULL, owner_wait, &o), 0);
  ok (dokus_sync_pair_fingerprint (joiner, fp, &err), &err, "fingerprint");
  ok (dokus_sync_pair_join (jc, joiner, code, name, 60, NULL, NULL, &err), &err, "join");
  pthread_join (t, NULL);
  ok (o.st, &o.err, "owner side");
  dokus_sync_pairing_free (o.pairing);
  /* what the owner was shown is the joiner's own key */
  ck_assert_str_eq (o.fingerprint, fp);
  ok (dokus_sync_get_identity (joiner, NULL, self, NULL, &err), &err, "identity");
  ck_assert_str_eq (o.device_id, self);
  ck_assert_str_eq (dokus_sync_role (joiner), role);
}

static void
assert_same_digest (DokusBook *a, DokusBook *b)
{
  unsigned char da[32], db[32];
  DokusError err = { 0 };
  ok (dokus_sync_digest (a, da, &err), &err, "digest a");
  ok (dokus_sync_digest (b, db, &err), &err, "digest b");
  ck_assert_mem_eq (da, db, sizeof da);
}

static long long
count (DokusBook *b, const char *sql)
{
  return dokus_test_query_int (dokus_book_get_db (b), sql);
}

START_TEST (test_pair_device_joins_and_converges)
{
  DokusSyncClient *ca = client_new (), *cb = client_new (), *cc = client_new ();
  DokusBook *a = owner_book (ca), *b = book_new ("b.dokus"), *c = book_new ("c.dokus");
  DokusError err = { 0 };
  DokusAuditReport report;
  char client[DOKUS_ID_TEXT];
  int64_t waiting = -1;
  char *number;

  pair (ca, a, cb, b, "device", "laptop");
  /* the whole history arrived: the issued invoice, the same state */
  number = dokus_test_query_text (dokus_book_get_db (b),
                                  "SELECT number || ' ' || tax_inclusive_amount FROM documents"
                                  " WHERE state = 'issued'");
  ck_assert_str_eq (number, "2026-0001 12100");
  free (number);
  ok (dokus_sync_pending_count (b, &waiting, &err), &err, "pending");
  ck_assert_int_eq (waiting, 0);
  ok (dokus_sync_client_run (ca, a, NULL, NULL, NULL, &err), &err, "owner pulls b's first");
  assert_same_digest (a, b);
  ok (dokus_audit_verify (b, &report, &err), &err, "audit b");
  ok (dokus_audit_verify (a, &report, &err), &err, "audit a");

  /* a third device: b learns it from the owner's signed member fact */
  pair (ca, a, cc, c, "device", "desktop");
  ok (dokus_client_add (c, "{\"name\": \"Atelier Zuid\", \"address\": {\"city\": \"Gent\","
                           " \"country\": \"BE\"}}", client, &err),
      &err, "client on c");
  ok (dokus_sync_client_run (cc, c, NULL, NULL, NULL, &err), &err, "sync c");
  ok (dokus_sync_client_run (cb, b, NULL, NULL, NULL, &err), &err, "sync b");
  ok (dokus_sync_client_run (ca, a, NULL, NULL, NULL, &err), &err, "sync a");
  ok (dokus_sync_client_run (cc, c, NULL, NULL, NULL, &err), &err, "sync c again");
  ck_assert_int_eq (count (b, "SELECT count(*) FROM clients WHERE name = 'Atelier Zuid'"), 1);
  ck_assert_int_eq (count (b, "SELECT count(*) FROM sync_member WHERE role = 'device'"), 2);
  ok (dokus_sync_pending_count (b, &waiting, &err), &err, "pending b");
  ck_assert_int_eq (waiting, 0);
  assert_same_digest (a, b);
  assert_same_digest (a, c);

  dokus_book_close (a);
  dokus_book_close (b);
  dokus_book_close (c);
  dokus_sync_client_free (ca);
  dokus_sync_client_free (cb);
  dokus_sync_client_free (cc);
}
END_TEST

/* Posts a body that is no sealed message of this code to @code's slot. */
static void
post_garbage (const char *code, int i)
{
  char url[256], body[128];
  RelayResp r;
  snprintf (url, sizeof url, "%s/v1/pair/%.4s", relay->base, code);
  snprintf (body, sizeof body, "{\"body\":\"%s\"}",
            i % 2 ? "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" : "bm90IGEgYm94");
  r = relay_http ("POST", url, NULL, "application/json", body, strlen (body));
  ck_assert_int_eq (r.status, 201);
  relay_resp_clear (&r);
}

START_TEST (test_pair_refuses_wrong_codes_and_forgeries)
{
  DokusSyncClient *ca = client_new (), *cb = client_new (), *cx = client_new ();
  DokusBook *a = owner_book (ca), *b = book_new ("b2.dokus"), *x = book_new ("x.dokus");
  DokusBook *y = book_new ("y.dokus");
  Owner o = { .client = ca, .book = a, .timeout_s = 60 };
  char code[DOKUS_SYNC_PAIR_CODE_TEXT], wrong[DOKUS_SYNC_PAIR_CODE_TEXT];
  char book_id[DOKUS_SYNC_ID_TEXT], owner_id[DOKUS_SYNC_ID_TEXT], dev_y[DOKUS_SYNC_ID_TEXT];
  unsigned char owner_pk[32], pk_y[32], *forged = NULL;
  size_t forged_len = 0;
  DokusError err = { 0 };
  pthread_t t;

  /* a mistyped secret: the offer does not open, nothing is posted */
  ok (dokus_sync_pair_offer (ca, a, "device", &o.pairing, code, &err), &err, "offer");
  memcpy (wrong, code, sizeof wrong);
  wrong[13] = wrong[13] == 'A' ? 'B' : 'A';
  ck_assert_int_eq (dokus_sync_pair_join (cb, b, wrong, "laptop", 5, NULL, NULL, &err),
                    DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "code");
  ck_assert (!dokus_sync_is_enabled (b));
  ck_assert_int_eq (dokus_sync_pair_join (cb, b, "ABCD-EFGH", "laptop", 5, NULL, NULL, &err),
                    DOKUS_ERR_INVALID);
  /* five requests that do not open under the code close the slot */
  ck_assert_int_eq (pthread_create (&t, NULL, owner_wait, &o), 0);
  for (int i = 0; i < 5; i++)
    post_garbage (code, i);
  pthread_join (t, NULL);
  ck_assert_int_eq (o.st, DOKUS_ERR_REFUSED);
  ck_assert_str_eq (o.err.field, "code");
  dokus_sync_pairing_free (o.pairing);
  /* the slot is closed: the real device finds nothing */
  ck_assert_int_eq (dokus_sync_pair_join (cb, b, code, "laptop", 5, NULL, NULL, &err),
                    DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "code");
  /* nobody comes: the wait ends and closes the code */
  o = (Owner){ .client = ca, .book = a, .timeout_s = 2 };
  ok (dokus_sync_pair_offer (ca, a, "device", &o.pairing, code, &err), &err, "offer 2");
  owner_wait (&o);
  ck_assert_int_eq (o.st, DOKUS_ERR_IO);
  ck_assert_str_eq (o.err.field, "timeout");
  dokus_sync_pairing_free (o.pairing);
  /* only the owner pairs */
  pair (ca, a, cb, b, "device", "laptop");
  ck_assert_int_eq (dokus_sync_pair_offer (cb, b, "device", &o.pairing, code, &err),
                    DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "role");

  /* a keyring signed by another book's owner (what a relay could plant)
   * does not make y join a's book, nor does a's keyring sealed to b */
  ok (dokus_sync_enable (x, NULL, NULL, 0, &err), &err, "x's own book");
  ok (dokus_sync_get_identity (a, book_id, owner_id, owner_pk, &err), &err, "a");
  ok (dokus_sync_device_identity (y, dev_y, pk_y, &err), &err, "y's key");
  ok (dokus_sync_bundle_seal (x, dev_y, pk_y, &forged, &forged_len, &err), &err, "forge");
  ck_assert_int_eq (dokus_sync_join (y, book_id, "device", owner_id, owner_pk, forged, forged_len,
                                     &err),
                    DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "bundle");
  free (forged);
  {
    char dev_b[DOKUS_SYNC_ID_TEXT];
    unsigned char pk_b[32];
    ok (dokus_sync_get_identity (b, NULL, dev_b, pk_b, &err), &err, "b");
    ok (dokus_sync_bundle_seal (a, dev_b, pk_b, &forged, &forged_len, &err), &err, "for b");
    ck_assert_int_eq (dokus_sync_join (y, book_id, "device", owner_id, owner_pk, forged,
                                       forged_len, &err),
                      DOKUS_ERR_REFUSED);
    free (forged);
  }
  ck_assert (!dokus_sync_is_enabled (y));

  /* an accountant's envelope never changes a book, even signed */
  {
    DokusSyncEnvelope *envs = NULL;
    DokusSyncApplyStats stats;
    char id[DOKUS_ID_TEXT];
    size_t n = 0;
    ok (dokus_client_add (a, "{\"name\": \"Via Boekhouder BV\", \"address\": {\"city\":"
                             " \"Gent\", \"country\": \"BE\"}}", id, &err),
        &err, "client on a");
    ok (dokus_sync_outbox_list (a, 0, &envs, &n, &err), &err, "a's outbox");
    ck_assert_uint_eq (n, 1);
    ok (dokus_sync_member_add (b, owner_id, owner_pk, "accountant", &err), &err, "as accountant");
    ok (dokus_sync_apply (b, envs, n, -1, &stats, &err), &err, "apply on b");
    ck_assert_uint_eq (stats.refused, 1);
    ck_assert_int_eq (count (b, "SELECT count(*) FROM clients WHERE name = 'Via Boekhouder BV'"),
                      0);
    dokus_sync_envelopes_free (envs, n);
  }

  dokus_book_close (a);
  dokus_book_close (b);
  dokus_book_close (x);
  dokus_book_close (y);
  dokus_sync_client_free (ca);
  dokus_sync_client_free (cb);
  dokus_sync_client_free (cx);
}
END_TEST

START_TEST (test_revoke_rotates_the_key)
{
  DokusSyncClient *ca = client_new (), *cb = client_new (), *cc = client_new ();
  DokusBook *a = owner_book (ca), *b = book_new ("b3.dokus"), *c = book_new ("c3.dokus");
  char dev_c[DOKUS_SYNC_ID_TEXT], client[DOKUS_ID_TEXT];
  DokusSyncEnvelope *envs = NULL, *late = NULL;
  size_t n = 0, n_late = 0;
  DokusSyncApplyStats stats;
  DokusError err = { 0 };
  uint32_t epoch = 0;
  int64_t waiting = -1;

  pair (ca, a, cb, b, "device", "laptop");
  pair (ca, a, cc, c, "device", "old phone");
  ok (dokus_sync_get_identity (c, NULL, dev_c, NULL, &err), &err, "c");
  /* c's change before the revocation reaches everybody */
  ok (dokus_client_add (c, "{\"name\": \"Voor Intrekking BV\", \"address\": {\"city\": \"Gent\","
                           " \"country\": \"BE\"}}", client, &err),
      &err, "client on c");
  ok (dokus_sync_client_run (cc, c, NULL, NULL, NULL, &err), &err, "sync c");

  /* only the owner revokes */
  ck_assert_int_eq (dokus_sync_client_revoke (cb, b, dev_c, NULL, &err), DOKUS_ERR_REFUSED);
  ok (dokus_sync_client_revoke (ca, a, dev_c, &epoch, &err), &err, "revoke c");
  ck_assert_uint_eq (epoch, 2);
  ck_assert_uint_eq (dokus_sync_key_epoch (a), 2);
  ck_assert_int_eq (count (a, "SELECT revoked FROM sync_member WHERE role = 'device'"
                              " AND revoked_after IS NOT NULL"), 1);

  /* the relay refuses c from now on, and the client says why */
  ck_assert_int_eq (dokus_sync_client_run (cc, c, NULL, NULL, NULL, &err), DOKUS_ERR_REFUSED);
  ck_assert_msg (strstr (err.message, "revoked") != NULL, "%s", err.message);
  /* c's change after the revocation: refused by the others (past its cut-off) */
  ok (dokus_client_add (c, "{\"name\": \"Na Intrekking BV\", \"address\": {\"city\": \"Gent\","
                           " \"country\": \"BE\"}}", client, &err),
      &err, "late client on c");
  ok (dokus_sync_outbox_list (c, 0, &late, &n_late, &err), &err, "c's outbox");
  ck_assert_uint_eq (n_late, 1);

  /* a writes after the rotation: sealed under epoch 2 */
  ok (dokus_client_add (a, "{\"name\": \"Na Rotatie NV\", \"address\": {\"city\": \"Antwerpen\","
                           " \"country\": \"BE\"}}", client, &err),
      &err, "client on a");
  ok (dokus_sync_outbox_list (a, 0, &envs, &n, &err), &err, "a's outbox");
  ck_assert_uint_eq (n, 1);
  ck_assert_uint_eq (envs[0].key_epoch, 2);
  ok (dokus_sync_client_run (ca, a, NULL, NULL, NULL, &err), &err, "sync a");

  /* b picks the new key up at its next sync and reads it; its own new
   * changes are sealed under epoch 2 */
  ck_assert_uint_eq (dokus_sync_key_epoch (b), 1);
  ok (dokus_sync_client_run (cb, b, NULL, NULL, NULL, &err), &err, "sync b");
  ck_assert_uint_eq (dokus_sync_key_epoch (b), 2);
  ck_assert_int_eq (count (b, "SELECT count(*) FROM clients WHERE name IN"
                              " ('Na Rotatie NV', 'Voor Intrekking BV')"), 2);
  ok (dokus_sync_pending_count (b, &waiting, &err), &err, "pending b");
  ck_assert_int_eq (waiting, 0);
  assert_same_digest (a, b);

  /* c still holds the old key and cannot read what a wrote after */
  ck_assert_uint_eq (dokus_sync_key_epoch (c), 1);
  ok (dokus_sync_apply (c, envs, n, -1, &stats, &err), &err, "apply on c");
  ck_assert_uint_eq (stats.applied, 0);
  ck_assert_int_eq (count (c, "SELECT count(*) FROM clients WHERE name = 'Na Rotatie NV'"), 0);
  /* and b refuses what c wrote after its cut-off, even if it got there */
  ok (dokus_sync_apply (b, late, n_late, -1, &stats, &err), &err, "late c on b");
  ck_assert_uint_eq (stats.refused, 1);
  ck_assert_int_eq (count (b, "SELECT count(*) FROM clients WHERE name = 'Na Intrekking BV'"), 0);

  dokus_sync_envelopes_free (envs, n);
  dokus_sync_envelopes_free (late, n_late);
  dokus_book_close (a);
  dokus_book_close (b);
  dokus_book_close (c);
  dokus_sync_client_free (ca);
  dokus_sync_client_free (cb);
  dokus_sync_client_free (cc);
}
END_TEST

START_TEST (test_accountant_paired_by_cli_reads_only)
{
  const char *cli = getenv ("DOKUS_CLI");
  DokusSyncClient *ca = client_new ();
  DokusBook *a = owner_book (ca), *d;
  char *pa = dokus_test_path (dir, "owner.dokus"), *pd = dokus_test_path (dir, "acc.dokus");
  char *out = dokus_test_path (dir, "pair.out"), *code, client[DOKUS_ID_TEXT];
  DokusError err = { 0 };

  if (cli == NULL)
    {
      printf ("SKIP: DOKUS_CLI not set\n");
      return;
    }
  dokus_book_close (a);
  setenv ("DOKUS_PASSPHRASE", "pw", 1);
  setenv ("DOKUS_KDF", "minimum", 1);
  /* a non-owner or a bad role is refused before any code is shown */
  ck_assert_int_ne (sync_shell ("'%s' device pair '%s' --relay '%s' --role boss --yes"
                                " >/dev/null 2>&1",
                                cli, pa, relay->base),
                    0);
  ck_assert_int_eq (sync_shell ("'%s' device pair '%s' --relay '%s' --role accountant --yes"
                                " --timeout 60 >'%s' 2>&1 &", cli, pa, relay->base, out),
                    0);
  code = sync_pairing_code_from (out);
  ck_assert_msg (code != NULL, "no pairing code printed");
  ck_assert_int_eq (sync_shell ("'%s' device join '%s' --relay '%s' --code '%s' --name Boekhouder"
                                " >/dev/null", cli, pd, relay->base, code),
                    0);
  free (code);
  /* the owner's command ends once the accountant has the key */
  for (int i = 0; i < 100 && !dokus_test_file_contains (out, "Paired "); i++)
    usleep (100 * 1000);
  ck_assert (dokus_test_file_contains (out, "as accountant"));

  ok (dokus_book_open (pd, "pw", &d, &err), &err, "open the accountant's book");
  ck_assert_str_eq (dokus_sync_role (d), "accountant");
  /* it reads the books */
  ck_assert_int_eq (count (d, "SELECT tax_inclusive_amount FROM documents"
                              " WHERE number = '2026-0001'"), 12100);
  /* and cannot change them: refused with the reason, nothing queued */
  ck_assert_int_eq (dokus_client_add (d, "{\"name\": \"Nope BV\", \"address\": {\"city\":"
                                         " \"Gent\", \"country\": \"BE\"}}", client, &err),
                    DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "role");
  ck_assert_msg (strstr (err.message, "accountant") != NULL, "%s", err.message);
  ck_assert_int_eq (count (d, "SELECT count(*) FROM sync_outbox"), 0);
  ck_assert_int_eq (count (d, "SELECT count(*) FROM clients WHERE name = 'Nope BV'"), 0);
  dokus_book_close (d);

  /* dokus-cli device revoke takes the accountant out again; the owner's
   * `device list` shows it revoked */
  {
    char dev_d[DOKUS_SYNC_ID_TEXT];
    ok (dokus_book_open (pd, "pw", &d, &err), &err, "reopen");
    ok (dokus_sync_get_identity (d, NULL, dev_d, NULL, &err), &err, "identity d");
    dokus_book_close (d);
    ck_assert_int_eq (sync_shell ("'%s' device revoke '%s' %s --relay '%s' >/dev/null",
                                  cli, pa, dev_d, relay->base),
                      0);
    ck_assert_int_eq (sync_shell ("'%s' device list '%s' --json | grep -q '\"revoked\":true'",
                                  cli, pa),
                      0);
    ck_assert_int_ne (sync_shell ("'%s' sync '%s' --relay '%s' --quiet 2>/dev/null >&2",
                                  cli, pd, relay->base),
                      0);
  }
  dokus_sync_client_free (ca);
  free (pa);
  free (pd);
  free (out);
}
END_TEST

START_TEST (test_own_series_numbers_without_the_lease)
{
  const char *cli = getenv ("DOKUS_CLI");
  DokusSyncClient *ca = client_new (), *cb = client_new (), *cc = client_new ();
  DokusBook *a = owner_book (ca), *b = book_new ("b5.dokus"), *c = book_new ("c5.dokus");
  char *pb = dokus_test_path (dir, "b5.dokus"), *numbers;
  char letters[4];
  DokusIssueResult res;
  DokusError err = { 0 };

  pair (ca, a, cb, b, "device", "laptop");
  pair (ca, a, cc, c, "device", "desktop");
  /* b has no lease and no own series: it does not number */
  ck_assert_int_eq (sync_issue_one (b, "10.00", &res, &err), DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "series");
  ck_assert_int_eq (dokus_sync_own_series_set (b, "b1", &err), DOKUS_ERR_INVALID);
  /* dokus-cli device series takes the own series' leases at the relay */
  if (cli != NULL)
    {
      dokus_book_close (b);
      setenv ("DOKUS_PASSPHRASE", "pw", 1);
      ck_assert_int_eq (sync_shell ("'%s' device series '%s' B --relay '%s' >/dev/null",
                                    cli, pb, relay->base),
                        0);
      ok (dokus_book_open (pb, "pw", &b, &err), &err, "reopen b");
    }
  else
    {
      ok (dokus_sync_own_series_set (b, "B", &err), &err, "own series");
      ok (dokus_sync_client_lease_take (cb, b, "invoice/2026/B", &err), &err, "own lease");
    }
  dokus_sync_own_series_get (b, letters);
  ck_assert_str_eq (letters, "B");
  /* nobody else numbers in b's series */
  ck_assert_int_eq (dokus_sync_client_lease_take (cc, c, "invoice/2026/B", &err),
                    DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "lease");

  /* offline, both number: a in the default series, b in its own */
  ok (sync_issue_one (b, "10.00", &res, &err), &err, "b first");
  ck_assert_str_eq (res.number, "2026-B-0001");
  ok (sync_issue_one (b, "20.00", &res, &err), &err, "b second");
  ck_assert_str_eq (res.number, "2026-B-0002");
  ok (sync_issue_one (a, "30.00", &res, &err), &err, "a");
  ck_assert_str_eq (res.number, "2026-0002");

  ok (dokus_sync_client_run (cb, b, NULL, NULL, NULL, &err), &err, "sync b");
  ok (dokus_sync_client_run (ca, a, NULL, NULL, NULL, &err), &err, "sync a");
  ok (dokus_sync_client_run (cb, b, NULL, NULL, NULL, &err), &err, "sync b again");
  ok (dokus_sync_client_run (cc, c, NULL, NULL, NULL, &err), &err, "sync c");
  numbers = sync_issued_numbers (c);
  /* 1 x 10.00 + 21 % = 12.10; 20.00 -> 24.20; 30.00 -> 36.30; 2 x 50.00 -> 121.00 */
  ck_assert_str_eq (numbers, "2026-0001=12100 2026-0002=3630 2026-B-0001=1210 2026-B-0002=2420");
  free (numbers);
  assert_same_digest (a, b);
  assert_same_digest (a, c);

  /* with the default lease, b numbers there again */
  ok (dokus_sync_client_lease_release (ca, a, "invoice/2026", &err), &err, "release by a");
  ok (dokus_sync_client_lease_take (cb, b, "invoice/2026", &err), &err, "lease to b");
  ok (sync_issue_one (b, "40.00", &res, &err), &err, "b default");
  ck_assert_str_eq (res.number, "2026-0003");

  free (pb);
  dokus_book_close (a);
  dokus_book_close (b);
  dokus_book_close (c);
  dokus_sync_client_free (ca);
  dokus_sync_client_free (cb);
  dokus_sync_client_free (cc);
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
    .suite = "sync-pair", .tcase = "pair", .today = "2026-06-15", .timeout_s = 180,
    .setup = setup, .teardown = teardown,
  };
  const TTest *const tests[] = {
    test_pair_device_joins_and_converges,
    test_pair_refuses_wrong_codes_and_forgeries,
    test_revoke_rotates_the_key,
    test_accountant_paired_by_cli_reads_only,
    test_own_series_numbers_without_the_lease,
    NULL,
  };

  return sync_suite_run (&spec, tests, &pg);
}

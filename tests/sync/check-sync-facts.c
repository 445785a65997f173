/* check-sync-facts.c
 *
 * What book sync carries besides edits, issues and payments: a
 * document's Peppol state (its transmission, its sent mark and its stored
 * UBL hashes) as insert-only, forward-only facts, and files (receipts,
 * kept logos) in parts that fit the relay's envelope limit; one incoming
 * invoice imported on both devices; the clock check in the book. Two books exchange their
 * outboxes directly (the relay only moves the bytes; check-sync-relay
 * covers that) and must end with the same state digest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-test-helpers.h"
#include <dokus/dokus-sync.h>

#define SERIES "invoice/2026"
#define NOW 1781517600 /* 2026-06-15T10:00:00Z */

typedef struct {
  DokusBook    *book;
  char         *path;
  char          device[DOKUS_SYNC_ID_TEXT];
  unsigned char pk[DOKUS_SYNC_SIGN_PK_BYTES];
} Device;

static char *dir;
static Device dev[2];
static int64_t server_seq;

/* printf into one of a ring of buffers, every ' turned into " */
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

static void
expect_ok (DokusStatus st, const DokusError *err, const char *what)
{
  ck_assert_msg (st == DOKUS_OK, "%s: %s (%s)", what, err->message, err->field);
}

static sqlite3 *
db_of (int i)
{
  return dokus_book_get_db (dev[i].book);
}

/* what @sql gives on device @i (free() it) */
static char *
text_on (int i, const char *sql)
{
  return dokus_test_query_text (db_of (i), sql);
}

static long long
int_on (int i, const char *sql)
{
  return dokus_test_query_int (db_of (i), sql);
}

static long long
outbox_size (int i)
{
  return int_on (i, "SELECT count(*) FROM sync_outbox");
}

/* everything in @from's outbox applied on @to, then acknowledged */
static void
deliver (int from, int to)
{
  DokusSyncEnvelope *envs = NULL;
  DokusSyncApplyStats stats = { 0 };
  DokusError err = { 0 };
  size_t n = 0;

  expect_ok (dokus_sync_outbox_list (dev[from].book, 0, &envs, &n, &err), &err, "outbox");
  expect_ok (dokus_sync_apply (dev[to].book, envs, n, -1, &stats, &err), &err, "apply");
  ck_assert_msg (stats.refused == 0, "%zu envelopes refused", stats.refused);
  for (size_t k = 0; k < n; k++)
    expect_ok (dokus_sync_outbox_ack (dev[from].book, envs[k].dev_seq, ++server_seq, &err), &err,
               "ack");
  dokus_sync_envelopes_free (envs, n);
}

static void
exchange (void)
{
  deliver (0, 1);
  deliver (1, 0);
  deliver (0, 1);
}

static bool
same_digest (void)
{
  unsigned char a[DOKUS_SYNC_DIGEST_BYTES], b[DOKUS_SYNC_DIGEST_BYTES];
  DokusError err = { 0 };

  expect_ok (dokus_sync_digest (dev[0].book, a, &err), &err, "digest");
  expect_ok (dokus_sync_digest (dev[1].book, b, &err), &err, "digest");
  return memcmp (a, b, sizeof a) == 0;
}

/* Two paired devices of one book: a profile and a Belgian company client
 * with a Peppol address (0208:0417497106), the invoice series leased to
 * the first. */
static void
setup (void)
{
  DokusError err = { 0 };
  unsigned char key[DOKUS_SYNC_KEY_BYTES];
  char book_id[DOKUS_SYNC_ID_TEXT], client[DOKUS_ID_TEXT];
  uint32_t epoch = 0;

  dir = dokus_test_tmpdir_new ();
  server_seq = 0;
  for (int i = 0; i < 2; i++)
    {
      dev[i].path = dokus_test_path (dir, i == 0 ? "a.dokus" : "b.dokus");
      dev[i].book = dokus_test_book_create (dev[i].path, "pw", NULL);
      if (i == 0)
        {
          expect_ok (dokus_sync_enable (dev[i].book, NULL, NULL, 0, &err), &err, "enable");
          expect_ok (dokus_sync_export_key (dev[i].book, &epoch, key, &err), &err, "key");
        }
      else
        expect_ok (dokus_sync_enable (dev[i].book, book_id, key, epoch, &err), &err, "join");
      expect_ok (dokus_sync_get_identity (dev[i].book, i == 0 ? book_id : NULL, dev[i].device,
                                          dev[i].pk, &err),
                 &err, "identity");
    }
  sodium_memzero (key, sizeof key);
  expect_ok (dokus_sync_member_add (dev[0].book, dev[1].device, dev[1].pk, "device", &err), &err,
             "member");
  expect_ok (dokus_sync_member_add (dev[1].book, dev[0].device, dev[0].pk, "device", &err), &err,
             "member");
  expect_ok (dokus_profile_set (dev[0].book,
                                js ("{'name': 'Studio Maes', 'enterprise_number': '0203.201.340',"
                                    " 'iban': 'BE68539007547034', 'bic': 'GEBABEBB',"
                                    " 'email': 'facturen@example.be', 'address': {'street':"
                                    " 'Veldstraat 1', 'postal_code': '9000', 'city': 'Gent',"
                                    " 'country': 'BE'}}"),
                                &err),
             &err, "profile");
  expect_ok (dokus_client_add (dev[0].book,
                               js ("{'name': 'Atelier Lumière SRL', 'vat_number': 'BE0417497106',"
                                   " 'address': {'street': 'Rue Haute 48', 'postal_code': '1000',"
                                   " 'city': 'Brussel', 'country': 'BE'}}"),
                               client, &err),
             &err, "client");
  expect_ok (dokus_sync_lease_set (dev[0].book, SERIES, dev[0].device, 1, &err), &err, "lease");
  exchange ();
}

static void
teardown (void)
{
  for (int i = 0; i < 2; i++)
    {
      dokus_book_close (dev[i].book);
      free (dev[i].path);
    }
  dokus_test_tmpdir_free (dir);
}

/* Issues 2 × 50.00 at 21 % on the first device (net 100.00, VAT 21.00,
 * payable 121.00) and delivers it to the second; its id in @id. */
static void
issue_invoice (char id[DOKUS_ID_TEXT])
{
  DokusIssueResult res;
  DokusError err = { 0 };
  char *client = text_on (0, "SELECT id FROM clients");

  expect_ok (dokus_invoice_create (dev[0].book,
                                   js ("{'client': '%s', 'lines': [{'description': 'Drukwerk',"
                                       " 'quantity': '2', 'unit_price': '50.00',"
                                       " 'vat_rate': '21'}]}",
                                       client),
                                   id, &err),
             &err, "create");
  free (client);
  expect_ok (dokus_document_issue (dev[0].book, id, &res, &err), &err, "issue");
  exchange ();
  ck_assert_int_eq (int_on (1, js ("SELECT tax_inclusive_amount FROM documents WHERE id = '%s'",
                                   id)),
                    12100);
}

static DokusPeppolState
state_on (int i, const char *id)
{
  DokusPeppolTransmission t;
  DokusError err = { 0 };
  expect_ok (dokus_peppol_outbox_get (dev[i].book, id, &t, &err), &err, "get");
  return t.state;
}

START_TEST (test_sync_carries_peppol_delivery)
{
  DokusPeppolTransmission t;
  DokusPeppolTransmission *due = NULL;
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];
  char *hash_a, *hash_b, *doc_state;
  size_t n_due = 9;

  issue_invoice (id);
  ck_assert (same_digest ());

  /* queued on A: B knows it is queued, and the UBL's stored hash */
  expect_ok (dokus_peppol_outbox_queue (dev[0].book, id, NOW, NULL, &err), &err, "queue");
  exchange ();
  ck_assert_int_eq (state_on (1, id), DOKUS_PEPPOL_QUEUED);
  hash_a = text_on (0, js ("SELECT sha256 FROM document_exports WHERE document_id = '%s'", id));
  hash_b = text_on (1, js ("SELECT sha256 FROM document_exports WHERE document_id = '%s'", id));
  ck_assert_str_eq (hash_a, hash_b);
  free (hash_a);
  free (hash_b);
  ck_assert (same_digest ());

  /* submitted on A (no audit entry): the digest sees the difference */
  expect_ok (dokus_peppol_outbox_mark_submitting (dev[0].book, id, NOW + 1, &err), &err,
             "submitting");
  expect_ok (dokus_peppol_outbox_mark_submitted (dev[0].book, id, "ap-msg-7", NOW + 2, NOW + 60,
                                                 &err),
             &err, "submitted");
  ck_assert (!same_digest ());
  exchange ();
  ck_assert (same_digest ());
  ck_assert_int_eq (state_on (1, id), DOKUS_PEPPOL_SUBMITTED);

  /* delivered on A: sent on B too, and B has nothing left to send */
  expect_ok (dokus_peppol_outbox_mark_delivered (dev[0].book, id, "ap-msg-7", NOW + 120, &err),
             &err, "delivered");
  ck_assert (!same_digest ());
  exchange ();
  ck_assert (same_digest ());
  ck_assert_int_eq (state_on (1, id), DOKUS_PEPPOL_DELIVERED);
  doc_state = text_on (1, js ("SELECT state FROM documents WHERE id = '%s'", id));
  ck_assert_str_eq (doc_state, "sent");
  free (doc_state);
  expect_ok (dokus_peppol_outbox_pending (dev[1].book, NOW + 3600, true, &due, &n_due, &err),
             &err, "pending");
  ck_assert_uint_eq (n_due, 0);
  free (due);
  /* queueing it again on B is the delivered transmission, not a new send */
  expect_ok (dokus_peppol_outbox_queue (dev[1].book, id, NOW + 200, &t, &err), &err, "requeue");
  ck_assert_int_eq (t.state, DOKUS_PEPPOL_DELIVERED);
  ck_assert_str_eq (t.ap_message_id, "ap-msg-7");
}
END_TEST

/* B queues and fails to reach the access point while A delivers: a failed
 * attempt sends nothing, B's older state never overwrites A's final one,
 * and both end delivered with one digest. */
START_TEST (test_sync_peppol_state_only_moves_forward)
{
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];
  long long before;

  issue_invoice (id);
  expect_ok (dokus_peppol_outbox_queue (dev[1].book, id, NOW, NULL, &err), &err, "queue on B");
  expect_ok (dokus_peppol_outbox_mark_submitting (dev[1].book, id, NOW + 1, &err), &err,
             "submitting on B");
  before = outbox_size (1);
  expect_ok (dokus_peppol_outbox_mark_failed (dev[1].book, id, "connection refused", NOW + 2,
                                              NOW + 300, &err),
             &err, "failed on B");
  ck_assert_int_eq (outbox_size (1), before); /* local bookkeeping only */

  expect_ok (dokus_peppol_outbox_queue (dev[0].book, id, NOW, NULL, &err), &err, "queue on A");
  expect_ok (dokus_peppol_outbox_mark_submitting (dev[0].book, id, NOW + 5, &err), &err,
             "submitting on A");
  expect_ok (dokus_peppol_outbox_mark_submitted (dev[0].book, id, "ap-msg-9", NOW + 6, NOW + 60,
                                                 &err),
             &err, "submitted on A");
  expect_ok (dokus_peppol_outbox_mark_delivered (dev[0].book, id, "ap-msg-9", NOW + 90, &err),
             &err, "delivered on A");
  /* B's older envelopes reach A first, then A's reach B */
  deliver (1, 0);
  ck_assert_int_eq (state_on (0, id), DOKUS_PEPPOL_DELIVERED);
  deliver (0, 1);
  deliver (1, 0);
  ck_assert_int_eq (state_on (1, id), DOKUS_PEPPOL_DELIVERED);
  ck_assert_int_eq (int_on (1, js ("SELECT count(*) FROM peppol_transmissions"
                                   " WHERE document_id = '%s' AND ap_message_id = 'ap-msg-9'"
                                   " AND last_error IS NULL", id)),
                    1);
  ck_assert_int_eq (int_on (0, "SELECT count(*) FROM document_exports"),
                    int_on (1, "SELECT count(*) FROM document_exports"));
  ck_assert (same_digest ());
}
END_TEST

/* Queueing writes the transmission row and its "peppol" envelope in one
 * transaction: a failure injected between the two (a trigger refusing the
 * envelope once the row exists) leaves neither, nor a used dev_seq, also
 * inside a caller's transaction (a savepoint, the caller's work kept);
 * queueing again afterwards sends it, and B applies it without a gap. */
START_TEST (test_sync_peppol_queue_and_capture_are_one_transaction)
{
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];
  long long before;

  issue_invoice (id);
  before = outbox_size (0);
  ck_assert_int_eq (sqlite3_exec (db_of (0),
                                  "CREATE TEMP TRIGGER fail_peppol_capture BEFORE INSERT"
                                  " ON sync_outbox WHEN EXISTS (SELECT 1 FROM"
                                  " peppol_transmissions) BEGIN"
                                  " SELECT RAISE (ABORT, 'injected capture failure'); END",
                                  NULL, NULL, NULL),
                    SQLITE_OK);
  ck_assert_int_ne (dokus_peppol_outbox_queue (dev[0].book, id, NOW, NULL, &err), DOKUS_OK);
  ck_assert_msg (strstr (err.message, "injected capture failure") != NULL, "%s", err.message);
  ck_assert_int_eq (int_on (0, "SELECT count(*) FROM peppol_transmissions"), 0);
  ck_assert_int_eq (int_on (0, "SELECT count(*) FROM sync_field WHERE entity = 'peppol'"), 0);
  ck_assert_int_eq (outbox_size (0), before + 1); /* the first export's hash and audit entry */
  ck_assert_int_eq (int_on (0, "SELECT next_dev_seq FROM sync_self"),
                    int_on (0, "SELECT max (dev_seq) + 1 FROM sync_outbox"));
  ck_assert_int_eq (int_on (0, "SELECT count(*) FROM documents WHERE state = 'issued'"), 1);

  /* the export's envelope is not held back by anything the failure left */
  exchange ();
  ck_assert (same_digest ());

  /* inside a caller's transaction (the export is stored: queueing opens
   * none of its own) the failure undoes only the queueing, not the
   * caller's earlier work */
  ck_assert_int_eq (sqlite3_exec (db_of (0), "BEGIN IMMEDIATE; CREATE TEMP TABLE callers_work"
                                  " (x INTEGER); INSERT INTO callers_work VALUES (1)",
                                  NULL, NULL, NULL),
                    SQLITE_OK);
  ck_assert_int_ne (dokus_peppol_outbox_queue (dev[0].book, id, NOW, NULL, &err), DOKUS_OK);
  ck_assert_msg (strstr (err.message, "injected capture failure") != NULL, "%s", err.message);
  ck_assert (!sqlite3_get_autocommit (db_of (0)));
  ck_assert_int_eq (int_on (0, "SELECT count(*) FROM callers_work"), 1);
  ck_assert_int_eq (int_on (0, "SELECT count(*) FROM peppol_transmissions"), 0);
  ck_assert_int_eq (sqlite3_exec (db_of (0), "COMMIT", NULL, NULL, NULL), SQLITE_OK);
  ck_assert_int_eq (int_on (0, "SELECT count(*) FROM peppol_transmissions"), 0);

  ck_assert_int_eq (sqlite3_exec (db_of (0), "DROP TRIGGER fail_peppol_capture", NULL, NULL,
                                  NULL),
                    SQLITE_OK);
  before = outbox_size (0);
  expect_ok (dokus_peppol_outbox_queue (dev[0].book, id, NOW, NULL, &err), &err, "queue");
  ck_assert_int_eq (outbox_size (0), before + 1);
  ck_assert_int_eq (int_on (0, "SELECT count(*) FROM peppol_transmissions"), 1);
  ck_assert (!same_digest ());
  exchange ();
  ck_assert_int_eq (state_on (1, id), DOKUS_PEPPOL_QUEUED);
  ck_assert_int_eq (int_on (1, "SELECT count(*) FROM sync_pending"), 0);
  ck_assert (same_digest ());
}
END_TEST

/* A rejection travels with the access point's reason, and a Peppol state
 * arriving before its issued document waits for it. */
START_TEST (test_sync_peppol_rejection_waits_for_its_document)
{
  DokusSyncEnvelope *envs = NULL;
  DokusSyncApplyStats stats = { 0 };
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT], *reason;
  size_t n = 0, first_new;
  DokusIssueResult res;
  char *client = text_on (0, "SELECT id FROM clients");

  expect_ok (dokus_invoice_create (dev[0].book,
                                   js ("{'client': '%s', 'lines': [{'description': 'Drukwerk',"
                                       " 'quantity': '1', 'unit_price': '80.00',"
                                       " 'vat_rate': '21'}]}",
                                       client),
                                   id, &err),
             &err, "create");
  free (client);
  expect_ok (dokus_sync_outbox_list (dev[0].book, 0, &envs, &n, &err), &err, "outbox");
  first_new = n;
  dokus_sync_envelopes_free (envs, n);
  expect_ok (dokus_document_issue (dev[0].book, id, &res, &err), &err, "issue");
  expect_ok (dokus_peppol_outbox_queue (dev[0].book, id, NOW, NULL, &err), &err, "queue");
  expect_ok (dokus_peppol_outbox_mark_rejected (dev[0].book, id, "ap-msg-3",
                                                "BR-CO-26: seller identifier missing", NOW + 30,
                                                &err),
             &err, "rejected");
  /* everything after the draft, newest first: the Peppol state waits */
  expect_ok (dokus_sync_outbox_list (dev[0].book, 0, &envs, &n, &err), &err, "outbox");
  ck_assert_uint_gt (n, first_new);
  for (size_t k = n; k-- > first_new;)
    expect_ok (dokus_sync_apply (dev[1].book, &envs[k], 1, -1, &stats, &err), &err, "apply");
  dokus_sync_envelopes_free (envs, n);
  deliver (0, 1);
  ck_assert_int_eq (state_on (1, id), DOKUS_PEPPOL_REJECTED);
  reason = text_on (1, js ("SELECT reason FROM peppol_transmissions WHERE document_id = '%s'",
                           id));
  ck_assert_str_eq (reason, "BR-CO-26: seller identifier missing");
  free (reason);
  ck_assert_int_eq (int_on (1, "SELECT count(*) FROM sync_pending"), 0);
  deliver (1, 0);
  ck_assert (same_digest ());
}
END_TEST


/* a file of @len bytes that no other test makes: a PDF header and a
 * counter pattern */
static unsigned char *
make_file (size_t len, unsigned salt)
{
  unsigned char *b = malloc (len);
  ck_assert (b != NULL);
  for (size_t k = 0; k < len; k++)
    b[k] = (unsigned char) ((k * 31u + salt) >> 3);
  memcpy (b, "%PDF-1.7\n", 9);
  return b;
}

/* every outbox envelope of device @i fits the relay's default 1 MiB
 * ciphertext limit (docs/relay.md, --max-ciphertext) */
static void
assert_envelopes_fit (int i)
{
  DokusSyncEnvelope *envs = NULL;
  DokusError err = { 0 };
  size_t n = 0;

  expect_ok (dokus_sync_outbox_list (dev[i].book, 0, &envs, &n, &err), &err, "outbox");
  for (size_t k = 0; k < n; k++)
    ck_assert_msg (envs[k].ct_len <= (size_t) 1 << 20, "envelope %zu has %zu bytes", k,
                   envs[k].ct_len);
  dokus_sync_envelopes_free (envs, n);
}

/* the receipt bytes of @attachment on both devices are the same */
static void
assert_same_content (const char *attachment)
{
  const char *sql = js ("SELECT hex (content) FROM attachments WHERE id = '%s'", attachment);
  char *a = text_on (0, sql), *b = text_on (1, sql);
  ck_assert_uint_eq (strlen (a), strlen (b));
  ck_assert (strcmp (a, b) == 0);
  free (a);
  free (b);
}

START_TEST (test_sync_carries_receipts_in_parts)
{
  DokusError err = { 0 };
  /* 20 MiB would pass too; 700 KiB already needs three parts of 256 KiB */
  size_t big_len = 700 * 1024;
  unsigned char *big = make_file (big_len, 1), *small = make_file (4000, 2);
  DokusAttachmentInput in = { .filename = "factuur-1001.pdf", .data = big, .len = big_len };
  DokusAttachmentInput later = { .filename = "scan.pdf", .data = small, .len = 4000 };
  char expense[DOKUS_ID_TEXT], *first, *second;

  expect_ok (dokus_expense_add (dev[0].book,
                                "{\"date\":\"2026-03-02\",\"supplier\":{\"name\":"
                                "\"Cloudly Ltd\",\"vat_number\":\"IE6388047V\","
                                "\"country\":\"IE\"},\"number\":\"INV-1001\","
                                "\"category\":\"software\",\"kind\":\"services\","
                                "\"vat_treatment\":\"eu_services\",\"lines\":"
                                "[{\"base\":\"100.00\",\"vat_rate\":\"21\"}]}",
                                &in, 1, expense, &err),
             &err, "expense");
  assert_envelopes_fit (0);
  ck_assert (!same_digest ());
  exchange ();
  first = text_on (0, js ("SELECT id FROM attachments WHERE owner_id = '%s'", expense));
  assert_same_content (first);
  ck_assert (same_digest ());
  ck_assert_int_eq (int_on (1, "SELECT count(*) FROM sync_blob_parts"), 0);

  /* a receipt added later, on the other device */
  expect_ok (dokus_expense_add_receipt (dev[1].book, expense, &later, NULL, &err), &err,
             "add receipt");
  exchange ();
  ck_assert_int_eq (int_on (0, js ("SELECT count(*) FROM attachments WHERE owner_id = '%s'",
                                   expense)),
                    2);
  second = text_on (0, js ("SELECT id FROM attachments WHERE owner_id = '%s'"
                           " AND filename = 'scan.pdf'", expense));
  assert_same_content (second);
  ck_assert (same_digest ());
  free (first);
  free (second);
  free (big);
  free (small);
}
END_TEST

/* A receipt whose parts arrive out of order, and its row before its last
 * part: the row waits, then takes the bytes. */
START_TEST (test_sync_receipt_waits_for_all_parts)
{
  DokusSyncEnvelope *envs = NULL;
  DokusSyncApplyStats stats = { 0 };
  DokusError err = { 0 };
  size_t len = 600 * 1024, n = 0, before;
  unsigned char *bytes = make_file (len, 5);
  DokusAttachmentInput in = { .filename = "bon.pdf", .data = bytes, .len = len };
  char expense[DOKUS_ID_TEXT];

  expect_ok (dokus_sync_outbox_list (dev[0].book, 0, &envs, &n, &err), &err, "outbox");
  before = n;
  dokus_sync_envelopes_free (envs, n);
  expect_ok (dokus_expense_add (dev[0].book,
                                "{\"date\":\"2026-03-04\",\"supplier\":{\"name\":"
                                "\"Papier Peeters\",\"country\":\"BE\"},"
                                "\"number\":\"B-77\",\"category\":\"office\","
                                "\"kind\":\"goods\",\"vat_treatment\":\"domestic\","
                                /* 40.00 at 21 %: VAT 8.40 */
                                "\"lines\":[{\"base\":\"40.00\",\"vat_rate\":\"21\","
                                "\"vat_amount\":\"8.40\"}]}",
                                &in, 1, expense, &err),
             &err, "expense");
  expect_ok (dokus_sync_outbox_list (dev[0].book, 0, &envs, &n, &err), &err, "outbox");
  ck_assert_uint_eq (n - before, 4); /* three parts, then the purchase */
  /* the purchase and its receipt row first, then the parts backwards */
  for (size_t k = n; k-- > before;)
    {
      expect_ok (dokus_sync_apply (dev[1].book, &envs[k], 1, -1, &stats, &err), &err, "apply");
      if (k > before)
        ck_assert_int_eq (int_on (1, js ("SELECT count(*) FROM attachments"
                                         " WHERE owner_id = '%s'", expense)),
                          0);
    }
  dokus_sync_envelopes_free (envs, n);
  ck_assert_int_eq (int_on (1, js ("SELECT length (content) FROM attachments"
                                   " WHERE owner_id = '%s'", expense)),
                    (long long) len);
  ck_assert_int_eq (int_on (1, "SELECT count(*) FROM sync_blob_parts"), 0);
  deliver (0, 1);
  deliver (1, 0);
  ck_assert (same_digest ());
  free (bytes);
}
END_TEST

/* the smallest PNG header dokus accepts as a logo, then @salt */
static void
make_png (unsigned char *b, size_t len, unsigned salt)
{
  static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  for (size_t k = 0; k < len; k++)
    b[k] = (unsigned char) (k * 7u + salt);
  memcpy (b, png, sizeof png);
}

START_TEST (test_sync_carries_logos)
{
  DokusError err = { 0 };
  /* the current logo of DOKUS_LOGO_MAX bytes: as hex in one envelope it
   * alone would pass the relay's 1 MiB limit */
  size_t big_len = DOKUS_LOGO_MAX;
  unsigned char old_logo[3000], *new_logo = malloc (big_len);
  const char *kept = "SELECT group_concat (sha256 || ':' || length (data)) FROM"
                     " (SELECT * FROM profile_logos ORDER BY sha256)";
  const char *current = "SELECT hex (logo) FROM profile";
  char *a, *b;

  ck_assert (new_logo != NULL);
  make_png (old_logo, sizeof old_logo, 1);
  make_png (new_logo, big_len, 2);
  expect_ok (dokus_profile_set_logo (dev[0].book, old_logo, sizeof old_logo, &err), &err,
             "logo");
  /* replacing it keeps the old one for documents issued with it */
  expect_ok (dokus_profile_set_logo (dev[0].book, new_logo, big_len, &err), &err, "new logo");
  ck_assert_int_eq (int_on (0, "SELECT count(*) FROM profile_logos"), 1);
  assert_envelopes_fit (0);
  exchange ();
  a = text_on (0, kept);
  b = text_on (1, kept);
  ck_assert_str_eq (a, b);
  free (a);
  free (b);
  a = text_on (0, current);
  b = text_on (1, current);
  ck_assert_uint_eq (strlen (b), 2 * big_len);
  ck_assert (strcmp (a, b) == 0);
  free (a);
  free (b);
  ck_assert (same_digest ());
  free (new_logo);
}
END_TEST

/* The UBL of an invoice of 3 × 25.00 at 21 % (net 75.00, VAT 15.75,
 * payable 90.75) from a supplier (another book) to Studio Maes: an
 * incoming Peppol invoice. *@len its length; free() it. */
static char *
supplier_invoice (size_t *len)
{
  DokusError err = { 0 };
  char *path = dokus_test_path (dir, "supplier.dokus"), *xml = NULL;
  DokusBook *s = dokus_test_book_create (path, "pw", NULL);
  char client[DOKUS_ID_TEXT], id[DOKUS_ID_TEXT];
  DokusIssueResult res;

  expect_ok (dokus_profile_set (s,
                                js ("{'name': 'Drukkerij Peeters BV', 'enterprise_number':"
                                    " '0417.497.106', 'iban': 'BE68539007547034', 'address':"
                                    " {'street': 'Kaai 3', 'postal_code': '2000', 'city':"
                                    " 'Antwerpen', 'country': 'BE'}}"),
                                &err),
             &err, "supplier profile");
  expect_ok (dokus_client_add (s,
                               js ("{'name': 'Studio Maes', 'vat_number': 'BE0203201340',"
                                   " 'address': {'street': 'Veldstraat 1', 'postal_code': '9000',"
                                   " 'city': 'Gent', 'country': 'BE'}}"),
                               client, &err),
             &err, "supplier client");
  expect_ok (dokus_invoice_create (s,
                                   js ("{'client': '%s', 'lines': [{'description': 'Flyers',"
                                       " 'quantity': '3', 'unit_price': '25.00',"
                                       " 'vat_rate': '21'}]}",
                                       client),
                                   id, &err),
             &err, "supplier invoice");
  expect_ok (dokus_document_issue (s, id, &res, &err), &err, "supplier issue");
  expect_ok (dokus_ubl_export (s, id, &xml, len, &err), &err, "supplier export");
  dokus_book_close (s);
  free (path);
  return xml;
}

/* Both devices import the same incoming invoice before they sync: one
 * purchase, with one copy of each receipt, on both after. */
START_TEST (test_sync_merges_one_invoice_imported_twice)
{
  DokusError err = { 0 };
  char ids[2][DOKUS_ID_TEXT];
  size_t len = 0;
  char *xml = supplier_invoice (&len);

  for (int i = 0; i < 2; i++)
    expect_ok (dokus_ubl_import (dev[i].book, xml, len, ids[i], NULL, &err), &err, "import");
  ck_assert_str_eq (ids[0], ids[1]);
  exchange ();
  deliver (1, 0);
  for (int i = 0; i < 2; i++)
    {
      ck_assert_int_eq (int_on (i, "SELECT count(*) FROM expenses"), 1);
      ck_assert_int_eq (int_on (i, js ("SELECT count(*) FROM attachments WHERE owner_id = '%s'",
                                       ids[0])),
                        int_on (0, js ("SELECT count(*) FROM attachments WHERE owner_id = '%s'",
                                       ids[0])));
      /* 75.00 net, 15.75 VAT */
      ck_assert_int_eq (int_on (i, "SELECT sum (base) FROM expense_lines"), 7500);
      ck_assert_int_eq (int_on (i, "SELECT sum (vat_amount) FROM expense_lines"), 1575);
      ck_assert_int_eq (int_on (i, "SELECT count(*) FROM sync_pending"), 0);
    }
  ck_assert_int_ge (int_on (1, "SELECT count(*) FROM attachments"), 1);
  ck_assert (same_digest ());
  free (xml);
}
END_TEST

/* The clock check in the book: with a recorded skew over 5 minutes no
 * change is made, whoever asks, while pulled changes still apply. */
START_TEST (test_sync_refuses_changes_with_a_wrong_clock)
{
  DokusError err = { 0 };
  char client[DOKUS_ID_TEXT];
  int64_t skew = 0;
  const char *json = js ("{'name': 'Maes & Co', 'address': {'city': 'Gent', 'country': 'BE'}}");
  long long clients = int_on (1, "SELECT count(*) FROM clients");

  /* 6 min 30 s: the relay's clock is ahead of this one */
  expect_ok (dokus_sync_clock_skew_record (dev[1].book, 390000, &err), &err, "skew");
  expect_ok (dokus_sync_clock_skew_get (dev[1].book, &skew, &err), &err, "skew get");
  ck_assert_int_eq (skew, 390000);
  ck_assert_int_eq (dokus_client_add (dev[1].book, json, client, &err), DOKUS_ERR_REFUSED);
  ck_assert_str_eq (err.field, "clock");
  ck_assert_msg (strstr (err.message, "6 minutes behind") != NULL, "%s", err.message);
  ck_assert_int_eq (int_on (1, "SELECT count(*) FROM clients"), clients);
  /* exactly 5 minutes ahead is still fine; pulled changes apply meanwhile */
  expect_ok (dokus_client_add (dev[0].book, json, client, &err), &err, "client on A");
  deliver (0, 1);
  ck_assert_int_eq (int_on (1, "SELECT count(*) FROM clients"), clients + 1);
  expect_ok (dokus_sync_clock_skew_record (dev[1].book, -300000, &err), &err, "skew");
  expect_ok (dokus_client_update (dev[1].book, client, json, &err), &err, "edit within 5 min");
  expect_ok (dokus_sync_clock_skew_record (dev[1].book, -300001, &err), &err, "skew");
  ck_assert_int_eq (dokus_client_update (dev[1].book, client, json, &err), DOKUS_ERR_REFUSED);
  ck_assert_msg (strstr (err.message, "5 minutes ahead of") != NULL, "%s", err.message);
  expect_ok (dokus_sync_clock_skew_record (dev[1].book, 1200, &err), &err, "skew");
  exchange ();
  ck_assert (same_digest ());
}
END_TEST

static Suite *
facts_suite (void)
{
  Suite *s = suite_create ("sync-facts");
  TCase *peppol = tcase_create ("peppol");
  TCase *files = tcase_create ("files");
  TCase *clock = tcase_create ("clock");

  tcase_add_checked_fixture (peppol, setup, teardown);
  tcase_add_test (peppol, test_sync_carries_peppol_delivery);
  tcase_add_test (peppol, test_sync_peppol_state_only_moves_forward);
  tcase_add_test (peppol, test_sync_peppol_rejection_waits_for_its_document);
  tcase_add_test (peppol, test_sync_peppol_queue_and_capture_are_one_transaction);
  suite_add_tcase (s, peppol);
  tcase_add_checked_fixture (files, setup, teardown);
  tcase_add_test (files, test_sync_carries_receipts_in_parts);
  tcase_add_test (files, test_sync_receipt_waits_for_all_parts);
  tcase_add_test (files, test_sync_carries_logos);
  tcase_add_test (files, test_sync_merges_one_invoice_imported_twice);
  suite_add_tcase (s, files);
  tcase_add_checked_fixture (clock, setup, teardown);
  tcase_add_test (clock, test_sync_refuses_changes_with_a_wrong_clock);
  suite_add_tcase (s, clock);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (facts_suite ());
  int failed;

  setenv ("DOKUS_TODAY", "2026-06-15", 1);
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

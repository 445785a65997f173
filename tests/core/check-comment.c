/* check-comment.c
 *
 * Suite "comment": comments on documents and purchases (dokus-comment.h).
 * TCase "local": add, list and resolve on one book; refusals name their
 * field (unknown document, empty, blank, too long, not UTF-8, a control
 * character, resolving twice); comments change no amount, number or
 * audit entry. TCase "sync": an owner, a second device and an accountant
 * joined by a keyring bundle exchange their outboxes directly (the relay
 * only moves bytes; tests/sync/check-sync-comments.c goes through one):
 * the accountant comments and nothing else, the owner resolves, a forged
 * accountant envelope carrying a payment is refused whole without
 * stalling its stream, two resolutions made apart converge on the
 * earliest, and every replica ends with the same state digest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sodium.h>

#include "dokus-test-helpers.h"
#include <dokus/dokus-sync.h>

#define PROFILE "{\"name\":\"Freelance BV\",\"enterprise_number\":\"0417497106\"}"
#define CLIENT                                                                             \
  "{\"name\":\"Atelier Lumiere SRL\",\"vat_number\":\"BE0417497106\",\"address\":"         \
  "{\"city\":\"Brussel\",\"country\":\"BE\"}}"
#define SAAS                                                                               \
  "{\"date\":\"2026-03-02\",\"supplier\":{\"name\":\"Cloudly Ltd\",\"vat_number\":\"IE6388047V\"," \
  "\"country\":\"IE\"},\"number\":\"INV-1001\",\"category\":\"software\",\"kind\":\"services\"," \
  "\"vat_treatment\":\"eu_services\",\"lines\":[{\"base\":\"100.00\",\"vat_rate\":\"21\"}]}"

static char *dir;

static void
ok (DokusStatus st, const DokusError *err, const char *what)
{
  ck_assert_msg (st == DOKUS_OK, "%s: %s (%s)", what, err->message, err->field);
}

static void
refused_with (DokusStatus st, DokusStatus want, const DokusError *err, const char *field)
{
  ck_assert_msg (st == want, "wanted %s, got %s: %s", dokus_status_name (want),
                 dokus_status_name (st), err->message);
  ck_assert_str_eq (err->field, field);
}

static long long
count (DokusBook *b, const char *sql)
{
  return dokus_test_query_int (dokus_book_get_db (b), sql);
}

/* a book with a profile, a client, invoice 2026-0001 (2 × 50.00 at 21 %:
 * net 100.00, VAT 21.00, 121.00 payable) and a draft; ids in @issued,
 * @draft */
static void
fill_book (DokusBook *b, char issued[DOKUS_ID_TEXT], char draft[DOKUS_ID_TEXT])
{
  DokusError err = { 0 };
  DokusIssueResult res;
  char client[DOKUS_ID_TEXT], json[512];

  ok (dokus_profile_set (b, PROFILE, &err), &err, "profile");
  ok (dokus_client_add (b, CLIENT, client, &err), &err, "client");
  snprintf (json, sizeof json,
            "{\"client\":\"%s\",\"issue_date\":\"2026-03-02\",\"lines\":[{\"description\":"
            "\"Advies\",\"quantity\":\"2\",\"unit_price\":\"50\",\"vat_rate\":\"21\"}]}",
            client);
  ok (dokus_invoice_create (b, json, issued, &err), &err, "invoice");
  ok (dokus_document_issue (b, issued, &res, &err), &err, "issue");
  ck_assert_str_eq (res.number, "2026-0001");
  ok (dokus_invoice_create (b, json, draft, &err), &err, "draft");
}

/* the comments of dokus_comment_list as parsed JSON (cJSON_Delete it) */
static cJSON *
list (DokusBook *b, const char *subject, bool open_only)
{
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *o;

  ok (dokus_comment_list (b, subject, open_only, &json, &err), &err, "list");
  o = cJSON_Parse (json);
  free (json);
  ck_assert (o != NULL);
  return o;
}

static int
n_listed (DokusBook *b, const char *subject, bool open_only)
{
  cJSON *o = list (b, subject, open_only);
  int n = cJSON_GetArraySize (cJSON_GetObjectItem (o, "comments"));
  cJSON_Delete (o);
  return n;
}

static const char *
str_at (const cJSON *o, const char *a, const char *b)
{
  const cJSON *x = cJSON_GetObjectItem (o, a);
  if (b != NULL)
    x = cJSON_GetObjectItem (x, b);
  return cJSON_IsString (x) ? x->valuestring : NULL;
}

/* ---- local ----------------------------------------------------------------------- */

static DokusBook *book;
static char *book_path;

static void
local_setup (void)
{
  ck_assert (sodium_init () >= 0);
  setenv ("DOKUS_NOW", "2026-11-25T19:30:00Z", 1);
  book = dokus_test_book_new (&dir, &book_path);
}

static void
local_teardown (void)
{
  dokus_test_book_free (&book, &book_path, &dir);
  unsetenv ("DOKUS_NOW");
}

START_TEST (test_comment_on_invoice_draft_and_purchase)
{
  char issued[DOKUS_ID_TEXT], draft[DOKUS_ID_TEXT], expense[DOKUS_ID_TEXT];
  char c1[DOKUS_ID_TEXT], c2[DOKUS_ID_TEXT], c3[DOKUS_ID_TEXT];
  DokusError err = { 0 };
  long long audit;
  cJSON *o, *c;

  fill_book (book, issued, draft);
  ok (dokus_expense_add (book, SAAS, NULL, 0, expense, &err), &err, "expense");
  audit = count (book, "SELECT count(*) FROM audit_log");

  ok (dokus_comment_add (book, "2026-0001", "Btw 21 % klopt? Stuur het contract.", c1, &err),
      &err, "on the number");
  ok (dokus_comment_add (book, draft, "Prijs per uur of forfait?", c2, &err), &err, "draft id");
  ok (dokus_comment_add (book, expense, "Factuur Cloudly: BTW verlegd, 21,00 in rooster 55.", c3,
                         &err),
      &err, "purchase");
  ck_assert_uint_eq (strlen (c1), 36);
  ck_assert_str_ne (c1, c2);

  o = list (book, "2026-0001", false);
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (o, "comments")), 1);
  c = cJSON_GetArrayItem (cJSON_GetObjectItem (o, "comments"), 0);
  ck_assert_str_eq (str_at (c, "id", NULL), c1);
  ck_assert_str_eq (str_at (c, "text", NULL), "Btw 21 % klopt? Stuur het contract.");
  ck_assert_str_eq (str_at (c, "subject", "kind"), "document");
  ck_assert_str_eq (str_at (c, "subject", "id"), issued);
  ck_assert_str_eq (str_at (c, "subject", "type"), "invoice");
  ck_assert_str_eq (str_at (c, "subject", "number"), "2026-0001");
  ck_assert_str_eq (str_at (c, "author", "role"), "owner");
  ck_assert_str_eq (str_at (c, "created_at", NULL), "2026-11-25T19:30:00Z");
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (c, "resolved")));
  cJSON_Delete (o);

  o = list (book, expense, false);
  c = cJSON_GetArrayItem (cJSON_GetObjectItem (o, "comments"), 0);
  ck_assert_str_eq (str_at (c, "subject", "type"), "purchase");
  ck_assert_str_eq (str_at (c, "subject", "number"), "INV-1001");
  cJSON_Delete (o);
  o = list (book, draft, false);
  c = cJSON_GetArrayItem (cJSON_GetObjectItem (o, "comments"), 0);
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (cJSON_GetObjectItem (c, "subject"), "number")));
  cJSON_Delete (o);
  ck_assert_int_eq (n_listed (book, NULL, false), 3);

  /* no accounting record: no audit entry, the invoice as issued, the
   * chain still verifies */
  ck_assert_int_eq (count (book, "SELECT count(*) FROM audit_log"), audit);
  ck_assert_int_eq (count (book, "SELECT tax_inclusive_amount FROM documents"
                                 " WHERE number = '2026-0001'"), 12100);
  {
    DokusAuditReport report;
    ok (dokus_audit_verify (book, &report, &err), &err, "verify");
    ck_assert_int_eq (report.first_bad_seq, 0);
  }
}
END_TEST

START_TEST (test_comment_refusals_name_the_field)
{
  char issued[DOKUS_ID_TEXT], draft[DOKUS_ID_TEXT], id[DOKUS_ID_TEXT];
  char *text = malloc (2 * 2001 + 1);
  DokusError err = { 0 };

  fill_book (book, issued, draft);
  refused_with (dokus_comment_add (book, "2026-0099", "Waar?", id, &err), DOKUS_ERR_NOT_FOUND,
                &err, "subject");
  ck_assert_str_eq (id, "");
  refused_with (dokus_comment_add (book, "2026-0001", "", id, &err), DOKUS_ERR_INVALID, &err,
                "text");
  refused_with (dokus_comment_add (book, "2026-0001", " \n\t ", id, &err), DOKUS_ERR_INVALID,
                &err, "text");
  refused_with (dokus_comment_add (book, "2026-0001", "caf\xe9", id, &err), DOKUS_ERR_INVALID,
                &err, "text");
  /* an overlong encoding of '/' and a UTF-16 surrogate are not UTF-8 */
  refused_with (dokus_comment_add (book, "2026-0001", "a\xc0\xafz", id, &err), DOKUS_ERR_INVALID,
                &err, "text");
  refused_with (dokus_comment_add (book, "2026-0001", "\xed\xa0\x80", id, &err),
                DOKUS_ERR_INVALID, &err, "text");
  refused_with (dokus_comment_add (book, "2026-0001", "bel\a", id, &err), DOKUS_ERR_INVALID,
                &err, "text");
  /* 2001 × "é" (2 bytes each) is one character too many; 2000 fit */
  for (int i = 0; i < 2001; i++)
    memcpy (text + 2 * i, "\xc3\xa9", 2);
  text[2 * 2001] = '\0';
  refused_with (dokus_comment_add (book, "2026-0001", text, id, &err), DOKUS_ERR_INVALID, &err,
                "text");
  ck_assert_msg (strstr (err.message, "2001") != NULL, "%s", err.message);
  text[2 * 2000] = '\0';
  ok (dokus_comment_add (book, "2026-0001", text, id, &err), &err, "2000 characters");
  free (text);
  ck_assert_int_eq (count (book, "SELECT count(*) FROM comments"), 1);

  ok (dokus_comment_resolve (book, id, &err), &err, "resolve");
  refused_with (dokus_comment_resolve (book, id, &err), DOKUS_ERR_REFUSED, &err, "id");
  ck_assert_msg (strstr (err.message, "2026-11-25T19:30:00Z") != NULL, "%s", err.message);
  refused_with (dokus_comment_resolve (book, "00000000-0000-4000-8000-000000000000", &err),
                DOKUS_ERR_NOT_FOUND, &err, "id");
  refused_with (dokus_comment_list (book, "2026-0099", false, &text, &err), DOKUS_ERR_NOT_FOUND,
                &err, "subject");
}
END_TEST

START_TEST (test_comment_resolve_and_open_list)
{
  char issued[DOKUS_ID_TEXT], draft[DOKUS_ID_TEXT], a[DOKUS_ID_TEXT], b[DOKUS_ID_TEXT];
  DokusError err = { 0 };
  cJSON *o, *c;
  char *json = NULL;

  fill_book (book, issued, draft);
  ok (dokus_comment_add (book, "2026-0001", "Eerste", a, &err), &err, "a");
  ok (dokus_comment_add (book, draft, "Tweede", b, &err), &err, "b");
  ck_assert_int_eq (n_listed (book, NULL, true), 2);
  ok (dokus_comment_resolve (book, a, &err), &err, "resolve a");
  ck_assert_int_eq (n_listed (book, NULL, true), 1);
  ck_assert_int_eq (n_listed (book, NULL, false), 2);
  ck_assert_int_eq (n_listed (book, "2026-0001", true), 0);
  ck_assert_int_eq (n_listed (book, draft, true), 1);
  ok (dokus_comment_show (book, a, &json, &err), &err, "show");
  c = cJSON_Parse (json);
  o = cJSON_GetObjectItem (c, "resolved");
  ck_assert_str_eq (str_at (o, "at", NULL), "2026-11-25T19:30:00Z");
  ck_assert_uint_eq (strlen (str_at (o, "by", NULL)), 36);
  cJSON_Delete (c);
  free (json);
  /* a deleted draft leaves its comment, shown without its document */
  ok (dokus_document_delete_draft (book, draft, &err), &err, "delete the draft");
  o = list (book, NULL, true);
  c = cJSON_GetArrayItem (cJSON_GetObjectItem (o, "comments"), 0);
  ck_assert_str_eq (str_at (c, "id", NULL), b);
  ck_assert (cJSON_IsFalse (cJSON_GetObjectItem (cJSON_GetObjectItem (c, "subject"), "present")));
  cJSON_Delete (o);
}
END_TEST

/* ---- sync ------------------------------------------------------------------------ */

enum { OWNER, DEVICE, ACCOUNTANT, N_DEV };

typedef struct {
  DokusBook    *book;
  char         *path;
  char          id[DOKUS_SYNC_ID_TEXT];
  unsigned char pk[DOKUS_SYNC_SIGN_PK_BYTES];
} Replica;

static Replica rep[N_DEV];
static int64_t server_seq;
static char issued_id[DOKUS_ID_TEXT], draft_id[DOKUS_ID_TEXT];

/* the unacknowledged outbox of @from (dokus_sync_envelopes_free it) */
static DokusSyncEnvelope *
outbox (int from, size_t *n)
{
  DokusSyncEnvelope *envs = NULL;
  DokusError err = { 0 };
  ok (dokus_sync_outbox_list (rep[from].book, 0, &envs, n, &err), &err, "outbox");
  return envs;
}

static void
ack_all (int from, DokusSyncEnvelope *envs, size_t n)
{
  DokusError err = { 0 };
  for (size_t k = 0; k < n; k++)
    if (envs[k].server_seq == 0)
      {
        ok (dokus_sync_outbox_ack (rep[from].book, envs[k].dev_seq, ++server_seq, &err), &err,
            "ack");
        envs[k].server_seq = server_seq;
      }
}

/* @from's outbox applied on every other replica (reversed if @reverse),
 * then acknowledged; the envelopes refused by @to_count in *@refused */
static void
deliver_to (int from, int to, bool reverse, size_t *refused)
{
  size_t n = 0;
  DokusSyncEnvelope *envs = outbox (from, &n);
  DokusSyncApplyStats stats = { 0 };
  DokusError err = { 0 };

  if (reverse)
    for (size_t k = 0; k < n / 2; k++)
      {
        DokusSyncEnvelope t = envs[k];
        envs[k] = envs[n - 1 - k];
        envs[n - 1 - k] = t;
      }
  ok (dokus_sync_apply (rep[to].book, envs, n, -1, &stats, &err), &err, "apply");
  if (refused != NULL)
    *refused = stats.refused;
  else
    ck_assert_msg (stats.refused == 0, "%zu envelopes refused", stats.refused);
  dokus_sync_envelopes_free (envs, n);
}

static void
deliver_all (int from)
{
  size_t n = 0;
  DokusSyncEnvelope *envs;

  for (int to = 0; to < N_DEV; to++)
    if (to != from)
      deliver_to (from, to, false, NULL);
  envs = outbox (from, &n);
  ack_all (from, envs, n);
  dokus_sync_envelopes_free (envs, n);
}

static void
exchange (void)
{
  for (int round = 0; round < 2; round++)
    for (int i = 0; i < N_DEV; i++)
      deliver_all (i);
}

static void
same_digests (void)
{
  unsigned char d[N_DEV][DOKUS_SYNC_DIGEST_BYTES];
  DokusError err = { 0 };

  for (int i = 0; i < N_DEV; i++)
    ok (dokus_sync_digest (rep[i].book, d[i], &err), &err, "digest");
  ck_assert_msg (memcmp (d[OWNER], d[DEVICE], sizeof d[0]) == 0, "owner and device differ");
  ck_assert_msg (memcmp (d[OWNER], d[ACCOUNTANT], sizeof d[0]) == 0,
                 "owner and accountant differ");
}

/* an owner with a filled book; a device and an accountant joined by the
 * owner's signed member facts and keyring bundles, as pairing does */
static void
sync_setup (void)
{
  DokusError err = { 0 };
  char book_id[DOKUS_SYNC_ID_TEXT];
  static const char *const names[N_DEV] = { "owner.dokus", "device.dokus", "acc.dokus" };

  ck_assert (sodium_init () >= 0);
  dir = dokus_test_tmpdir_new ();
  server_seq = 0;
  for (int i = 0; i < N_DEV; i++)
    {
      rep[i].path = dokus_test_path (dir, names[i]);
      rep[i].book = dokus_test_book_create (rep[i].path, "pw", NULL);
    }
  ok (dokus_sync_enable (rep[OWNER].book, NULL, NULL, 0, &err), &err, "enable");
  ok (dokus_sync_get_identity (rep[OWNER].book, book_id, rep[OWNER].id, rep[OWNER].pk, &err),
      &err, "owner identity");
  ok (dokus_sync_lease_set (rep[OWNER].book, "invoice/2026", rep[OWNER].id, 1, &err), &err,
      "lease");
  fill_book (rep[OWNER].book, issued_id, draft_id);
  for (int i = DEVICE; i < N_DEV; i++)
    {
      const char *role = i == ACCOUNTANT ? "accountant" : "device";
      unsigned char *bundle = NULL;
      size_t len = 0;

      ok (dokus_sync_device_identity (rep[i].book, rep[i].id, rep[i].pk, &err), &err, "identity");
      ok (dokus_sync_member_record (rep[OWNER].book, rep[i].id, rep[i].pk, role, -1, &err), &err,
          "member fact");
      ok (dokus_sync_bundle_seal (rep[OWNER].book, rep[i].id, rep[i].pk, &bundle, &len, &err),
          &err, "bundle");
      ok (dokus_sync_join (rep[i].book, book_id, role, rep[OWNER].id, rep[OWNER].pk, bundle, len,
                           &err),
          &err, "join");
      free (bundle);
    }
  exchange ();
  ck_assert_str_eq (dokus_sync_role (rep[ACCOUNTANT].book), "accountant");
  ck_assert_int_eq (count (rep[ACCOUNTANT].book, "SELECT tax_inclusive_amount FROM documents"
                                                 " WHERE number = '2026-0001'"), 12100);
}

static void
sync_teardown (void)
{
  for (int i = 0; i < N_DEV; i++)
    {
      dokus_book_close (rep[i].book);
      free (rep[i].path);
    }
  dokus_test_tmpdir_free (dir);
}

/* count() on replica @i of the SQL @fmt with its arguments */
static long long count_on (int i, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));

static long long
count_on (int i, const char *fmt, ...)
{
  char sql[256];
  va_list args;

  va_start (args, fmt);
  vsnprintf (sql, sizeof sql, fmt, args);
  va_end (args);
  return count (rep[i].book, sql);
}

START_TEST (test_accountant_comments_owner_resolves)
{
  DokusError err = { 0 };
  char c[DOKUS_ID_TEXT], client[DOKUS_ID_TEXT], *json = NULL;
  DokusBook *acc = rep[ACCOUNTANT].book;
  size_t n = 0;
  DokusSyncEnvelope *envs;
  cJSON *o;

  /* the accountant comments, offline: one envelope of kind "comment" */
  ok (dokus_comment_add (acc, "2026-0001", "Klopt de btw? Ik zie geen contract.", c, &err), &err,
      "comment");
  envs = outbox (ACCOUNTANT, &n);
  ck_assert_uint_eq (n, 1);
  ck_assert_str_eq (envs[0].kind, "comment");
  dokus_sync_envelopes_free (envs, n);
  /* and changes nothing else: refused with the role, nothing queued;
   * nor does it resolve (the freelancer does) */
  refused_with (dokus_client_add (acc, CLIENT, client, &err), DOKUS_ERR_REFUSED, &err, "role");
  refused_with (dokus_comment_resolve (acc, c, &err), DOKUS_ERR_REFUSED, &err, "role");
  refused_with (dokus_payment_add (acc, "2026-0001", "121.00", "2026-03-10", NULL, &json, &err),
                DOKUS_ERR_REFUSED, &err, "role");
  envs = outbox (ACCOUNTANT, &n);
  ck_assert_uint_eq (n, 1);
  dokus_sync_envelopes_free (envs, n);

  exchange ();
  o = list (rep[OWNER].book, "2026-0001", true);
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (o, "comments")), 1);
  {
    const cJSON *x = cJSON_GetArrayItem (cJSON_GetObjectItem (o, "comments"), 0);
    ck_assert_str_eq (str_at (x, "text", NULL), "Klopt de btw? Ik zie geen contract.");
    ck_assert_str_eq (str_at (x, "author", "role"), "accountant");
    ck_assert_str_eq (str_at (x, "author", "device"), rep[ACCOUNTANT].id);
  }
  cJSON_Delete (o);
  ck_assert_int_eq (n_listed (rep[DEVICE].book, NULL, true), 1);
  same_digests ();

  /* the owner resolves; the accountant sees it resolved */
  ok (dokus_comment_resolve (rep[OWNER].book, c, &err), &err, "resolve");
  exchange ();
  ck_assert_int_eq (n_listed (acc, NULL, true), 0);
  ck_assert_int_eq (count_on (ACCOUNTANT, "SELECT count(*) FROM comments WHERE id = '%s'"
                                          " AND resolved_by IS NOT NULL", c), 1);
  ck_assert_int_eq (count_on (ACCOUNTANT, "SELECT count(*) FROM comments WHERE resolved_by = '%s'",
                              rep[OWNER].id), 1);
  same_digests ();
  /* no accounting record moved anywhere */
  ck_assert_int_eq (count (rep[OWNER].book, "SELECT count(*) FROM payments"), 0);
  ck_assert_int_eq (count (rep[OWNER].book, "SELECT tax_inclusive_amount FROM documents"
                                            " WHERE number = '2026-0001'"), 12100);
}
END_TEST

START_TEST (test_forged_accountant_envelope_is_refused_and_the_stream_goes_on)
{
  DokusError err = { 0 };
  DokusBook *acc = rep[ACCOUNTANT].book;
  sqlite3 *adb = dokus_book_get_db (acc);
  char c1[DOKUS_ID_TEXT], c2[DOKUS_ID_TEXT], self_sql[160], *json = NULL;
  size_t refused = 0;

  ok (dokus_comment_add (acc, "2026-0001", "Eerste opmerking", c1, &err), &err, "c1");
  /* a tampered accountant's book: it calls itself a device for a moment,
   * records a payment, labels the envelope "comment" and becomes an
   * accountant again. Its signature is genuine. */
  snprintf (self_sql, sizeof self_sql,
            "UPDATE sync_member SET role = 'device' WHERE device_id = '%s'", rep[ACCOUNTANT].id);
  dokus_test_exec (adb, self_sql);
  ok (dokus_payment_add (acc, "2026-0001", "121.00", "2026-03-10", NULL, &json, &err), &err,
      "forged payment");
  free (json);
  dokus_test_exec (adb, "UPDATE sync_outbox SET kind = 'comment'");
  snprintf (self_sql, sizeof self_sql,
            "UPDATE sync_member SET role = 'accountant' WHERE device_id = '%s'",
            rep[ACCOUNTANT].id);
  dokus_test_exec (adb, self_sql);
  ok (dokus_comment_add (acc, draft_id, "Tweede opmerking", c2, &err), &err, "c2");
  ck_assert_int_eq (count (acc, "SELECT count(*) FROM sync_outbox"), 3);

  /* newest first: the second comment waits for the forged envelope,
   * which is refused whole; the stream goes on and both comments apply */
  deliver_to (ACCOUNTANT, OWNER, true, &refused);
  ck_assert_uint_eq (refused, 1);
  ck_assert_int_eq (count (rep[OWNER].book, "SELECT count(*) FROM payments"), 0);
  ck_assert_int_eq (count (rep[OWNER].book, "SELECT count(*) FROM sync_pending"), 0);
  ck_assert_int_eq (count_on (OWNER, "SELECT count(*) FROM comments WHERE id = '%s'", c1), 1);
  ck_assert_int_eq (count_on (OWNER, "SELECT count(*) FROM comments WHERE id = '%s'", c2), 1);
  ck_assert_int_eq (count_on (OWNER, "SELECT max_dev_seq FROM sync_applied WHERE device_id = '%s'",
                              rep[ACCOUNTANT].id),
                    count (acc, "SELECT max(dev_seq) FROM sync_outbox"));
  /* delivering it all again changes nothing (exactly once) */
  deliver_to (ACCOUNTANT, OWNER, false, &refused);
  ck_assert_uint_eq (refused, 0);
  ck_assert_int_eq (count (rep[OWNER].book, "SELECT count(*) FROM comments"), 2);
}
END_TEST

START_TEST (test_comment_op_only_from_its_author_and_role)
{
  DokusError err = { 0 };
  DokusBook *dev = rep[DEVICE].book;
  char c1[DOKUS_ID_TEXT], c2[DOKUS_ID_TEXT], c3[DOKUS_ID_TEXT], sql[512];
  size_t refused = 0;

  /* a tampered device's book rewrites its comment rows as they are
   * written (so the sealed ops carry it): first as if the accountant
   * wrote it, then as if it were the accountant's role; both ops are
   * refused by the owner, and its next, honest comment still applies */
  snprintf (sql, sizeof sql,
            "CREATE TEMP TRIGGER forge AFTER INSERT ON comments BEGIN"
            " UPDATE comments SET author_id = '%s', author_role = 'accountant'"
            " WHERE id = NEW.id; END",
            rep[ACCOUNTANT].id);
  dokus_test_exec (dokus_book_get_db (dev), sql);
  ok (dokus_comment_add (dev, "2026-0001", "Namens de boekhouder", c1, &err), &err, "forged 1");
  dokus_test_exec (dokus_book_get_db (dev), "DROP TRIGGER forge");
  dokus_test_exec (dokus_book_get_db (dev),
                   "CREATE TEMP TRIGGER forge AFTER INSERT ON comments BEGIN"
                   " UPDATE comments SET author_role = 'owner' WHERE id = NEW.id; END");
  ok (dokus_comment_add (dev, "2026-0001", "Als eigenaar", c2, &err), &err, "forged 2");
  dokus_test_exec (dokus_book_get_db (dev), "DROP TRIGGER forge");
  ok (dokus_comment_add (dev, "2026-0001", "Eerlijk", c3, &err), &err, "honest");

  deliver_to (DEVICE, OWNER, false, &refused);
  ck_assert_uint_eq (refused, 2);
  ck_assert_int_eq (count_on (OWNER, "SELECT count(*) FROM comments WHERE id = '%s'", c1), 0);
  ck_assert_int_eq (count_on (OWNER, "SELECT count(*) FROM comments WHERE id = '%s'", c2), 0);
  ck_assert_int_eq (count_on (OWNER, "SELECT count(*) FROM comments WHERE id = '%s'"
                                     " AND author_role = 'device'", c3), 1);
  ck_assert_int_eq (count (rep[OWNER].book, "SELECT count(*) FROM sync_pending"), 0);
}
END_TEST

START_TEST (test_two_resolutions_converge_on_the_earliest)
{
  DokusError err = { 0 };
  char c[DOKUS_ID_TEXT];
  long long hlc_owner, hlc_device, want;
  char *winner, *on[N_DEV];
  bool owner_first;

  ok (dokus_comment_add (rep[ACCOUNTANT].book, "2026-0001", "Graag nakijken", c, &err), &err,
      "comment");
  exchange ();
  /* both resolve it before they sync */
  ok (dokus_comment_resolve (rep[OWNER].book, c, &err), &err, "owner resolves");
  ok (dokus_comment_resolve (rep[DEVICE].book, c, &err), &err, "device resolves");
  hlc_owner = count (rep[OWNER].book, "SELECT resolved_hlc FROM comments");
  hlc_device = count (rep[DEVICE].book, "SELECT resolved_hlc FROM comments");
  ck_assert (hlc_owner > 0 && hlc_device > 0);
  /* the smaller (hlc, device) wins; one clock second may give equal HLCs */
  owner_first = hlc_owner < hlc_device
                || (hlc_owner == hlc_device && strcmp (rep[OWNER].id, rep[DEVICE].id) < 0);
  want = owner_first ? hlc_owner : hlc_device;
  winner = owner_first ? rep[OWNER].id : rep[DEVICE].id;
  /* the later one reaches the accountant first, then the earlier one */
  if (owner_first)
    {
      deliver_all (DEVICE);
      deliver_all (OWNER);
    }
  else
    {
      deliver_all (OWNER);
      deliver_all (DEVICE);
    }
  exchange ();
  for (int i = 0; i < N_DEV; i++)
    {
      on[i] = dokus_test_query_text (dokus_book_get_db (rep[i].book),
                                     "SELECT resolved_by FROM comments");
      ck_assert_str_eq (on[i], winner);
      ck_assert_int_eq (count (rep[i].book, "SELECT resolved_hlc FROM comments"), want);
      free (on[i]);
    }
  same_digests ();
}
END_TEST

static Suite *
comment_suite (void)
{
  Suite *s = suite_create ("comment");
  TCase *tc = tcase_create ("local");

  tcase_add_checked_fixture (tc, local_setup, local_teardown);
  tcase_add_test (tc, test_comment_on_invoice_draft_and_purchase);
  tcase_add_test (tc, test_comment_refusals_name_the_field);
  tcase_add_test (tc, test_comment_resolve_and_open_list);
  suite_add_tcase (s, tc);

  tc = tcase_create ("sync");
  tcase_add_checked_fixture (tc, sync_setup, sync_teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_accountant_comments_owner_resolves);
  tcase_add_test (tc, test_forged_accountant_envelope_is_refused_and_the_stream_goes_on);
  tcase_add_test (tc, test_comment_op_only_from_its_author_and_role);
  tcase_add_test (tc, test_two_resolutions_converge_on_the_earliest);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (comment_suite ());
}

/* check-ap.c
 *
 * Suite "ap": the Peppol access point client of libdokus-sync (dokus-ap.h)
 * against a real dokus-testap process on 127.0.0.1, and the book's side
 * (dokus-peppol-outbox.h): sending to a delivery receipt, a rejection with
 * the access point's reason, retries with back-off (an injected sleep that
 * counts), a crash between the access point storing a document and our
 * reading its reply (asked about, never submitted twice), incoming
 * invoices imported exactly once (two fetches, two processes), TLS and
 * token configuration errors, timeouts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <curl/curl.h>
#include <libxml/parser.h>
#include <sodium.h>

#include <dokus/dokus-ap.h>
#include <dokus/dokus-ubl-read.h>

#include "dokus-test-helpers.h"
#include "testap-process.h"

#define TOKEN "test-token-5f1c"
/* 2027-01-15T08:00:00Z (date -u -d @1800000000) */
#define NOW 1800000000

static char *dir, *book_path;
static DokusBook *book;
static sqlite3 *db;
static TestAp ap;
static DokusApProvider *http;
static char client_id[DOKUS_ID_TEXT];

static DokusApProvider *
provider_new (const char *url, const char *token, long timeout_ms)
{
  DokusApHttpOptions o = { .base_url = url, .token = token, .timeout_ms = timeout_ms };
  DokusApProvider *p = NULL;
  DokusError err = { 0 };
  DokusStatus st = dokus_ap_http_new (&o, &p, &err);

  ck_assert_msg (st == DOKUS_OK, "provider: %s (%s)", err.message, err.field);
  return p;
}

/* A profile (Studio Maes, Gent), and a Belgian company client with a VAT
 * number: its Peppol address is 0208:0417497106 (its enterprise number). */
static void
fill_book (DokusBook *b, const char *profile_name, const char *enterprise, const char *client)
{
  DokusError err = { 0 };
  DokusStatus st = dokus_profile_set (
    b,
    dokus_test_js ("{'name': '%s', 'enterprise_number': '%s', 'iban': 'BE68539007547034', 'bic': "
        "'GEBABEBB', 'email': 'facturen@example.be', 'address': {'street': 'Veldstraat 1', "
        "'postal_code': '9000', 'city': 'Gent', 'country': 'BE'}}",
        profile_name, enterprise),
    &err);
  ck_assert_msg (st == DOKUS_OK, "profile: %s (%s)", err.message, err.field);
  st = dokus_client_add (b, client, client_id, &err);
  ck_assert_msg (st == DOKUS_OK, "client: %s (%s)", err.message, err.field);
}

/* Issues an invoice of 2 × 50.00 at 21 % to the book's client: net
 * 100.00, VAT 21.00, payable 121.00. Returns its number (static). */
static const char *
issue_invoice (DokusBook *b)
{
  static char number[DOKUS_NUMBER_TEXT];
  char id[DOKUS_ID_TEXT];
  DokusIssueResult res;
  DokusError err = { 0 };
  DokusStatus st = dokus_invoice_create (
    b,
    dokus_test_js ("{'client': '%s', 'lines': [{'description': 'Drukwerk', 'quantity': '2', "
        "'unit_price': '50.00', 'vat_rate': '21'}]}",
        client_id),
    id, &err);

  ck_assert_msg (st == DOKUS_OK, "create: %s (%s)", err.message, err.field);
  st = dokus_document_issue (b, id, &res, &err);
  ck_assert_msg (st == DOKUS_OK, "issue: %s (%s)", err.message, err.field);
  memcpy (number, res.number, sizeof number);
  return number;
}

static void
setup (void)
{
  dir = dokus_test_tmpdir_new ();
  setenv ("DOKUS_TODAY", "2026-03-02", 1);
  book_path = dokus_test_path (dir, "book.dokus");
  book = dokus_test_book_create (book_path, "pw", NULL);
  db = dokus_book_get_db (book);
  fill_book (book, "Studio Maes", "0203.201.340",
             dokus_test_js ("{'name': 'Atelier Lumière SRL', 'vat_number': 'BE0417497106',"
                            " 'address': {'street': 'Rue Haute 48', 'postal_code': '1000',"
                            " 'city': 'Brussel', 'country': 'BE'}}"));
  testap_start (&ap, TOKEN, NULL, NULL);
  http = provider_new (ap.url, TOKEN, 0);
}

static void
teardown (void)
{
  dokus_ap_provider_free (http);
  http = NULL;
  testap_stop (&ap);
  dokus_book_close (book);
  book = NULL;
  free (book_path);
  dokus_test_tmpdir_free (dir);
  dir = NULL;
}

/* ---- an injected sleep, and a progress log ---------------------------------- */

static unsigned sleeps;
static unsigned slept_ms[16];

static void
count_sleep (unsigned ms, void *data)
{
  (void) data;
  if (sleeps < 16)
    slept_ms[sleeps] = ms;
  sleeps++;
}

static char last_message[512];
static DokusPeppolState last_state;

static void
remember (const DokusApEvent *ev, void *data)
{
  (void) data;
  last_state = ev->state;
  snprintf (last_message, sizeof last_message, "%s", ev->message ? ev->message : "");
}

static DokusApRetryPolicy quick = { .max_attempts = 5, .base_delay_ms = 100,
                                    .max_delay_ms = 1000, .sleep_ms = count_sleep };

static DokusApSendSummary
send_all (DokusBook *b, DokusApProvider *p, unsigned max_attempts, bool ignore_schedule,
          DokusStatus want)
{
  DokusApRetryPolicy policy = quick;
  DokusApSendOptions o = { .retry = &policy, .progress = remember, .now = NOW,
                           .ignore_schedule = ignore_schedule };
  DokusApSendSummary sum = { 0 };
  DokusError err = { 0 };
  DokusStatus st;

  policy.max_attempts = max_attempts;
  st = dokus_ap_send_pending (b, p, &o, &sum, &err);
  ck_assert_msg (st == want, "send: %s (%s)", err.message, err.field);
  return sum;
}

static DokusPeppolTransmission
queue (const char *number)
{
  DokusPeppolTransmission t;
  DokusError err = { 0 };
  DokusStatus st = dokus_peppol_outbox_queue (book, number, NOW, &t, &err);

  ck_assert_msg (st == DOKUS_OK, "queue: %s (%s)", err.message, err.field);
  return t;
}

static DokusPeppolTransmission
get (const char *number)
{
  DokusPeppolTransmission t;
  DokusError err = { 0 };
  DokusStatus st = dokus_peppol_outbox_get (book, number, &t, &err);

  ck_assert_msg (st == DOKUS_OK, "get: %s (%s)", err.message, err.field);
  return t;
}

/* ---- sending ---------------------------------------------------------------- */

START_TEST (test_ap_send_gets_delivery_receipt)
{
  const char *number = issue_invoice (book);
  DokusPeppolTransmission t = queue (number);
  DokusApSendSummary sum;
  char *state;

  ck_assert_int_eq (t.state, DOKUS_PEPPOL_QUEUED);
  /* the Belgian buyer's enterprise number under scheme 0208 */
  ck_assert_str_eq (t.receiver_id, "0208:0417497106");
  ck_assert_str_eq (t.document_type_id, DOKUS_PEPPOL_DOCTYPE_INVOICE);
  ck_assert_str_eq (t.next_attempt_at, "2027-01-15T08:00:00Z");
  /* queueing again changes nothing */
  ck_assert_str_eq (queue (number).queued_at, t.queued_at);

  sum = send_all (book, http, 5, false, DOKUS_OK);
  ck_assert_uint_eq (sum.delivered, 1);
  ck_assert_uint_eq (sum.failed + sum.rejected + sum.waiting, 0);
  t = get (number);
  ck_assert_int_eq (t.state, DOKUS_PEPPOL_DELIVERED);
  ck_assert_str_eq (t.ap_message_id, "msg-000001");
  ck_assert_int_eq (t.attempts, 1);
  ck_assert_str_eq (t.finished_at, "2027-01-15T08:00:00Z");
  ck_assert_int_eq (last_state, DOKUS_PEPPOL_DELIVERED);
  /* the invoice went from issued to sent, with an audit entry */
  state = dokus_test_query_text (
    db, dokus_test_js ("SELECT state FROM documents WHERE number = '%s'", number));
  ck_assert_str_eq (state, "sent");
  free (state);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM audit_log WHERE action = "
                                              "'peppol_delivered'"),
                    1);
  ck_assert_int_eq (testap_stat (&ap, "stored"), 1);
  ck_assert_int_eq (testap_stat (&ap, "submissions"), 1);

  /* nothing is pending any more: a second run asks nothing */
  sum = send_all (book, http, 5, true, DOKUS_OK);
  ck_assert_uint_eq (sum.delivered + sum.failed + sum.rejected + sum.waiting, 0);
  ck_assert_int_eq (testap_stat (&ap, "submissions"), 1);
}
END_TEST

START_TEST (test_ap_rejection_keeps_the_reason)
{
  const char *number = issue_invoice (book);
  DokusPeppolTransmission t = queue (number);
  const char *reason = "Receiver 9925:BE0417497106 is not registered in the Peppol SML";
  DokusApSendSummary sum;
  cJSON *o;

  o = testap_control (&ap, "reject", dokus_test_js ("{'document_id': '%s', 'reason': '%s'}",
                                         t.document_id, reason),
                      strlen (dokus_test_js ("{'document_id': '%s', 'reason': '%s'}", t.document_id,
                                  reason)),
                      NULL);
  cJSON_Delete (o);
  sum = send_all (book, http, 5, false, DOKUS_OK);
  ck_assert_uint_eq (sum.rejected, 1);
  ck_assert_uint_eq (sum.delivered, 0);
  t = get (number);
  ck_assert_int_eq (t.state, DOKUS_PEPPOL_REJECTED);
  ck_assert_str_eq (t.reason, reason);
  ck_assert_int_eq (last_state, DOKUS_PEPPOL_REJECTED);
  ck_assert_str_eq (last_message, reason);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM documents WHERE state = "
                                              "'sent'"),
                    0);
  /* final: the book refuses any further step, and queueing it again says why */
  {
    DokusError err = { 0 };
    ck_assert_int_eq (dokus_peppol_outbox_mark_delivered (book, t.document_id, NULL, NOW, &err),
                      DOKUS_ERR_REFUSED);
    ck_assert_int_eq (dokus_peppol_outbox_queue (book, number, NOW, NULL, &err),
                      DOKUS_ERR_REFUSED);
    ck_assert_msg (strstr (err.message, reason) != NULL, "%s", err.message);
  }
}
END_TEST

START_TEST (test_ap_invalid_document_refused_with_validator_reason)
{
  /* a document the access point's validation refuses at once (HTTP 422):
   * the provider gives the access point's own words */
  DokusApSubmission sub = { .document_id = "7f1d8a52-0000-4000-8000-000000000001",
                            .receiver_id = "9925:BE0417497106",
                            .document_type_id = DOKUS_PEPPOL_DOCTYPE_INVOICE,
                            .process_id = DOKUS_PEPPOL_PROCESS_ID,
                            .ubl = "<Invoice>not UBL</Invoice>",
                            .ubl_len = strlen ("<Invoice>not UBL</Invoice>") };
  DokusApStatus s;
  DokusError err = { 0 };

  ck_assert_int_eq (http->submit (http, &sub, &s, &err), DOKUS_ERR_REFUSED);
  ck_assert_msg (strstr (err.message, "not a valid document") != NULL
                   || strstr (err.message, "well-formed") != NULL,
                 "message: %s", err.message);
  ck_assert_int_eq (testap_stat (&ap, "stored"), 0);
}
END_TEST

START_TEST (test_ap_retries_after_two_503)
{
  const char *number = issue_invoice (book);
  DokusApSendSummary sum;
  cJSON *o;

  queue (number);
  o = testap_control (&ap, "fail", "{\"count\": 2, \"status\": 503}",
                      strlen ("{\"count\": 2, \"status\": 503}"), NULL);
  cJSON_Delete (o);
  sleeps = 0;
  sum = send_all (book, http, 5, false, DOKUS_OK);
  ck_assert_uint_eq (sum.delivered, 1);
  /* POST 503, wait, status 503, wait, status 404, POST 202, status delivered */
  ck_assert_uint_eq (sleeps, 2);
  /* full jitter: at most 100 ms, then at most 200 ms */
  ck_assert_uint_le (slept_ms[0], 100);
  ck_assert_uint_le (slept_ms[1], 200);
  ck_assert_int_eq (testap_stat (&ap, "stored"), 1);
  ck_assert_int_eq (testap_stat (&ap, "submissions"), 2);
  ck_assert_int_eq (get (number).state, DOKUS_PEPPOL_DELIVERED);
}
END_TEST

START_TEST (test_ap_retry_delay_is_capped_full_jitter)
{
  DokusApRetryPolicy p = { .base_delay_ms = 100, .max_delay_ms = 1000 };
  unsigned max_seen = 0;

  /* bounds 100, 200, 400, 800, then the cap 1000 */
  for (int i = 0; i < 200; i++)
    {
      unsigned d = dokus_ap_retry_delay_ms (&p, 1);
      ck_assert_uint_le (d, 100);
      ck_assert_uint_le (dokus_ap_retry_delay_ms (&p, 3), 400);
      d = dokus_ap_retry_delay_ms (&p, 30);
      ck_assert_uint_le (d, 1000);
      if (d > max_seen)
        max_seen = d;
    }
  /* 200 uniform draws in [0, 1000] all below 500: odds 2^-200 */
  ck_assert_uint_gt (max_seen, 500);
}
END_TEST

START_TEST (test_ap_gives_up_and_schedules_back_off)
{
  const char *number = issue_invoice (book);
  DokusPeppolTransmission t;
  DokusApSendSummary sum;
  cJSON *o;
  long requests;

  queue (number);
  o = testap_control (&ap, "fail", "{\"count\": 100, \"status\": 500}",
                      strlen ("{\"count\": 100, \"status\": 500}"), NULL);
  cJSON_Delete (o);
  sum = send_all (book, http, 3, false, DOKUS_OK);
  ck_assert_uint_eq (sum.failed, 1);
  t = get (number);
  ck_assert_int_eq (t.state, DOKUS_PEPPOL_SUBMITTING);
  ck_assert_int_eq (t.attempts, 1);
  ck_assert_msg (strstr (t.last_error, "HTTP 500") != NULL, "last_error: %s", t.last_error);
  /* one failed submission: the next run waits a minute, 08:00:00 + 60 s */
  ck_assert_str_eq (t.next_attempt_at, "2027-01-15T08:01:00Z");
  /* not due yet: a run at the same time asks nothing */
  requests = testap_stat (&ap, "requests");
  sum = send_all (book, http, 3, false, DOKUS_OK);
  ck_assert_uint_eq (sum.failed + sum.delivered, 0);
  ck_assert_int_eq (testap_stat (&ap, "requests"), requests);
}
END_TEST

START_TEST (test_ap_crash_after_store_asks_before_resending)
{
  const char *number = issue_invoice (book);
  DokusPeppolTransmission t;
  DokusApSendSummary sum;
  DokusError err = { 0 };
  cJSON *o;

  queue (number);
  /* the access point stores the document, then the connection drops before
   * its reply: to us, a crash between its commit and our reading it */
  o = testap_control (&ap, "drop", "{\"count\": 1}", strlen ("{\"count\": 1}"), NULL);
  cJSON_Delete (o);
  sum = send_all (book, http, 1, false, DOKUS_OK);
  ck_assert_uint_eq (sum.failed, 1);
  t = get (number);
  ck_assert_int_eq (t.state, DOKUS_PEPPOL_SUBMITTING);
  ck_assert_str_ne (t.last_error, "");
  ck_assert_int_eq (testap_stat (&ap, "stored"), 1);

  /* a new process: the book reopened, a new provider */
  dokus_book_close (book);
  ck_assert_int_eq (dokus_book_open (book_path, "pw", &book, &err), DOKUS_OK);
  db = dokus_book_get_db (book);
  dokus_ap_provider_free (http);
  http = provider_new (ap.url, TOKEN, 0);
  sum = send_all (book, http, 5, true, DOKUS_OK);
  ck_assert_uint_eq (sum.delivered, 1);
  t = get (number);
  ck_assert_int_eq (t.state, DOKUS_PEPPOL_DELIVERED);
  ck_assert_str_eq (t.ap_message_id, "msg-000001");
  ck_assert_int_eq (t.attempts, 1);
  /* the access point received exactly one submission */
  ck_assert_int_eq (testap_stat (&ap, "submissions"), 1);
  ck_assert_int_eq (testap_stat (&ap, "stored"), 1);
  ck_assert_int_ge (testap_stat (&ap, "status_requests"), 1);
}
END_TEST

START_TEST (test_ap_waits_for_receipt_when_held)
{
  const char *number = issue_invoice (book);
  DokusApSendSummary sum;
  DokusPeppolTransmission t;
  cJSON *o;

  queue (number);
  o = testap_control (&ap, "hold", "{\"on\": true}", strlen ("{\"on\": true}"), NULL);
  cJSON_Delete (o);
  sum = send_all (book, http, 5, false, DOKUS_OK);
  ck_assert_uint_eq (sum.waiting, 1);
  t = get (number);
  ck_assert_int_eq (t.state, DOKUS_PEPPOL_SUBMITTED);
  /* asked again after the default minute */
  ck_assert_str_eq (t.next_attempt_at, "2027-01-15T08:01:00Z");
  o = testap_control (&ap, "hold", "{\"on\": false}", strlen ("{\"on\": false}"), NULL);
  cJSON_Delete (o);
  sum = send_all (book, http, 5, true, DOKUS_OK);
  ck_assert_uint_eq (sum.delivered, 1);
  ck_assert_int_eq (testap_stat (&ap, "submissions"), 1);
}
END_TEST

START_TEST (test_ap_refuses_a_draft_and_an_unknown_number)
{
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];
  DokusStatus st = dokus_invoice_create (
    book,
    dokus_test_js ("{'client': '%s', 'lines': [{'description': 'x', 'quantity': '1', 'unit_price': "
        "'1.00', 'vat_rate': '21'}]}",
        client_id),
    id, &err);

  ck_assert_int_eq (st, DOKUS_OK);
  ck_assert_int_eq (dokus_peppol_outbox_queue (book, id, NOW, NULL, &err), DOKUS_ERR_REFUSED);
  ck_assert_int_eq (dokus_peppol_outbox_queue (book, "NOPE-1", NOW, NULL, &err),
                    DOKUS_ERR_NOT_FOUND);
}
END_TEST

/* ---- configuration ---------------------------------------------------------- */

START_TEST (test_ap_missing_ca_file_is_a_clear_error)
{
  DokusApHttpOptions o = { .base_url = "https://ap.example.com", .token = TOKEN,
                           .ca_file = "/nonexistent/dokus-ca.pem" };
  DokusApProvider *p = NULL;
  DokusError err = { 0 };

  ck_assert_int_eq (dokus_ap_http_new (&o, &p, &err), DOKUS_ERR_INVALID);
  ck_assert_ptr_null (p);
  ck_assert_str_eq (err.field, "ca_file");
  ck_assert_msg (strstr (err.message, "/nonexistent/dokus-ca.pem") != NULL, "%s", err.message);
}
END_TEST

START_TEST (test_ap_refuses_plain_http_to_another_host)
{
  DokusApHttpOptions o = { .base_url = "http://ap.example.com", .token = TOKEN };
  DokusApProvider *p = NULL;
  DokusError err = { 0 };

  ck_assert_int_eq (dokus_ap_http_new (&o, &p, &err), DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "base_url");
  o.base_url = "https://ap.example.com";
  o.token = "";
  ck_assert_int_eq (dokus_ap_http_new (&o, &p, &err), DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "token");
}
END_TEST

START_TEST (test_ap_tls_to_a_plain_server_fails_clearly)
{
  char url[96];
  DokusApProvider *p;
  DokusApStatus s;
  DokusError err = { 0 };

  /* TLS verification is on: a TLS handshake with a plain HTTP server fails */
  snprintf (url, sizeof url, "https://127.0.0.1:%d", ap.port);
  p = provider_new (url, TOKEN, 5000);
  ck_assert_int_eq (p->status (p, "x", &s, &err), DOKUS_ERR_IO);
  ck_assert_str_ne (err.message, "");
  ck_assert_msg (strstr (err.message, TOKEN) == NULL, "the token leaked: %s", err.message);
  dokus_ap_provider_free (p);
}
END_TEST

START_TEST (test_ap_wrong_token_stops_the_run)
{
  const char *number = issue_invoice (book);
  DokusApProvider *p = provider_new (ap.url, "wrong-token", 0);
  DokusApSendSummary sum;

  queue (number);
  sum = send_all (book, p, 5, false, DOKUS_ERR_INVALID);
  ck_assert_uint_eq (sum.failed, 1);
  ck_assert_msg (strstr (get (number).last_error, "token") != NULL, "%s",
                 get (number).last_error);
  ck_assert_msg (strstr (get (number).last_error, "wrong-token") == NULL, "token leaked");
  ck_assert_int_eq (testap_stat (&ap, "stored"), 0);
  dokus_ap_provider_free (p);
}
END_TEST

START_TEST (test_ap_timeout_is_transient)
{
  DokusApProvider *p = provider_new (ap.url, TOKEN, 300);
  DokusApStatus s;
  DokusError err = { 0 };
  cJSON *o = testap_control (&ap, "delay", "{\"count\": 1, \"ms\": 2000}",
                             strlen ("{\"count\": 1, \"ms\": 2000}"), NULL);

  cJSON_Delete (o);
  ck_assert_int_eq (p->status (p, "x", &s, &err), DOKUS_ERR_IO);
  ck_assert_msg (strstr (err.message, "in time") != NULL, "%s", err.message);
  /* the next request is not delayed: an unknown document */
  ck_assert_int_eq (p->status (p, "x", &s, &err), DOKUS_ERR_NOT_FOUND);
  dokus_ap_provider_free (p);
}
END_TEST

/* ---- incoming --------------------------------------------------------------- */

/* A supplier's invoice to us, made by our own writer in a second book:
 * Drukkerij Peeters (BE0417497106) bills 2 × 50.00 at 21 %. Injected into
 * the access point; returns its id there. */
static void
inject_supplier_invoice (char *number_out, size_t size)
{
  char *path = dokus_test_path (dir, "supplier.dokus");
  DokusBook *supplier = dokus_test_book_create (path, "pw", NULL);
  char *xml = NULL;
  size_t len = 0;
  DokusError err = { 0 };
  const char *number;
  cJSON *o;

  fill_book (supplier, "Drukkerij Peeters BV", "0417.497.106",
             dokus_test_js ("{'name': 'Studio Maes', 'vat_number': 'BE0203201340', 'address': "
                 "{'street': 'Veldstraat 1', 'postal_code': '9000', 'city': 'Gent', "
                 "'country': 'BE'}}"));
  number = issue_invoice (supplier);
  snprintf (number_out, size, "%s", number);
  ck_assert_int_eq (dokus_ubl_export (supplier, number, &xml, &len, &err), DOKUS_OK);
  o = testap_control (&ap, "incoming", xml, len, "X-Peppol-Sender: 9925:BE0417497106");
  cJSON_Delete (o);
  free (xml);
  dokus_book_close (supplier);
  free (path);
}

static DokusApFetchSummary
fetch_all (DokusBook *b, DokusApProvider *p, unsigned max_attempts)
{
  DokusApRetryPolicy policy = quick;
  DokusApSendOptions o = { .retry = &policy, .progress = remember, .now = NOW };
  DokusApFetchSummary sum = { 0 };
  DokusError err = { 0 };
  DokusStatus st;

  policy.max_attempts = max_attempts;
  st = dokus_ap_fetch_incoming (b, p, &o, &sum, &err);
  ck_assert_msg (st == DOKUS_OK, "fetch: %s (%s)", err.message, err.field);
  return sum;
}

static long long
count_expenses (sqlite3 *d)
{
  return dokus_test_query_int (d, "SELECT count(*) FROM expenses");
}

START_TEST (test_ap_incoming_imported_once_over_two_fetches)
{
  char number[DOKUS_NUMBER_TEXT];
  DokusApFetchSummary sum;
  char *json = NULL;
  DokusError err = { 0 };
  cJSON *list, *e;

  inject_supplier_invoice (number, sizeof number);
  sum = fetch_all (book, http, 5);
  ck_assert_uint_eq (sum.imported, 1);
  ck_assert_uint_eq (sum.failed, 0);
  ck_assert_int_eq (count_expenses (db), 1);
  ck_assert_int_eq (testap_stat (&ap, "incoming_acked"), 1);
  /* 2 × 50.00 = 100.00, VAT 21 % = 21.00, paid 121.00 */
  ck_assert_int_eq (dokus_expense_list (book, NULL, NULL, &json, &err), DOKUS_OK);
  list = cJSON_Parse (json);
  e = cJSON_GetArrayItem (cJSON_GetObjectItem (list, "expenses"), 0);
  ck_assert_str_eq (cJSON_GetObjectItem (cJSON_GetObjectItem (e, "supplier"), "name")->valuestring,
                    "Drukkerij Peeters BV");
  ck_assert_str_eq (cJSON_GetObjectItem (e, "number")->valuestring, number);
  ck_assert_str_eq (cJSON_GetObjectItem (e, "base_amount")->valuestring, "100.00");
  ck_assert_str_eq (cJSON_GetObjectItem (e, "vat_amount")->valuestring, "21.00");
  ck_assert_str_eq (cJSON_GetObjectItem (e, "total_amount")->valuestring, "121.00");
  cJSON_Delete (list);
  free (json);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM peppol_incoming WHERE "
                                              "state = 'imported' AND acked = 1 AND "
                                              "expense_id IS NOT NULL"),
                    1);

  /* a second fetch adds nothing */
  sum = fetch_all (book, http, 5);
  ck_assert_uint_eq (sum.imported + sum.duplicates + sum.failed, 0);
  ck_assert_int_eq (count_expenses (db), 1);
  ck_assert_int_eq (testap_stat (&ap, "fetches"), 1);
}
END_TEST

START_TEST (test_ap_incoming_unacked_is_not_imported_twice)
{
  char number[DOKUS_NUMBER_TEXT];
  DokusApFetchSummary sum;
  DokusBook *second = NULL;
  DokusApProvider *p2;
  DokusError err = { 0 };
  cJSON *o;

  inject_supplier_invoice (number, sizeof number);
  /* the first device imports it but cannot acknowledge it */
  o = testap_control (&ap, "fail", "{\"count\": 2, \"status\": 503, \"match\": \"/ack\"}",
                      strlen ("{\"count\": 2, \"status\": 503, \"match\": \"/ack\"}"), NULL);
  cJSON_Delete (o);
  sum = fetch_all (book, http, 2);
  ck_assert_uint_eq (sum.imported, 1);
  ck_assert_int_eq (testap_stat (&ap, "incoming_acked"), 0);
  ck_assert_int_eq (count_expenses (db), 1);

  /* a second fetcher on the same book (another process, another device's
   * copy later) sees it still listed: it only acknowledges it */
  ck_assert_int_eq (dokus_book_open (book_path, "pw", &second, &err), DOKUS_OK);
  p2 = provider_new (ap.url, TOKEN, 0);
  sum = fetch_all (second, p2, 5);
  ck_assert_uint_eq (sum.imported, 0);
  ck_assert_uint_eq (sum.duplicates, 1);
  ck_assert_int_eq (count_expenses (dokus_book_get_db (second)), 1);
  ck_assert_int_eq (testap_stat (&ap, "incoming_acked"), 1);
  ck_assert_int_eq (testap_stat (&ap, "fetches"), 1);
  dokus_ap_provider_free (p2);
  dokus_book_close (second);
}
END_TEST

START_TEST (test_ap_incoming_two_processes_at_once_give_one_expense)
{
  char number[DOKUS_NUMBER_TEXT];
  pid_t kids[2];
  int imported = 0, failed = 0;

  inject_supplier_invoice (number, sizeof number);
  /* the access point answers slowly, so that both processes list the
   * document before either imports it */
  {
    cJSON *o = testap_control (&ap, "delay", "{\"count\": 2, \"ms\": 300}",
                               strlen ("{\"count\": 2, \"ms\": 300}"), NULL);
    cJSON_Delete (o);
  }
  for (int i = 0; i < 2; i++)
    {
      kids[i] = fork ();
      ck_assert_int_ge (kids[i], 0);
      if (kids[i] == 0)
        {
          DokusBook *b = NULL;
          DokusApProvider *p = NULL;
          DokusApHttpOptions ho = { .base_url = ap.url, .token = TOKEN };
          DokusApSendOptions so = { .retry = &quick, .now = NOW };
          DokusApFetchSummary sum = { 0 };
          DokusError err = { 0 };
          int ok = dokus_book_open (book_path, "pw", &b, &err) == DOKUS_OK
                   && dokus_ap_http_new (&ho, &p, &err) == DOKUS_OK
                   && dokus_ap_fetch_incoming (b, p, &so, &sum, &err) == DOKUS_OK;
          if (!ok)
            fprintf (stderr, "child %d: %s\n", i, err.message);
          dokus_ap_provider_free (p);
          dokus_book_close (b);
          /* 1: an error; else 16 + 4 × imported + failed (each 0..3) */
          _exit (ok && sum.imported < 4 && sum.failed < 4
                   ? (int) (16 + 4 * sum.imported + sum.failed)
                   : 1);
        }
    }
  for (int i = 0; i < 2; i++)
    {
      int status = 0;
      ck_assert_int_eq (waitpid (kids[i], &status, 0), kids[i]);
      ck_assert_msg (WIFEXITED (status) && WEXITSTATUS (status) >= 16, "child %d failed", i);
      imported += (WEXITSTATUS (status) - 16) / 4;
      failed += (WEXITSTATUS (status) - 16) % 4;
    }
  /* one imported it; the other found it claimed (busy) or imported: no
   * second import was even tried (it would fail as a duplicate) */
  ck_assert_int_eq (imported, 1);
  ck_assert_int_eq (failed, 0);
  ck_assert_int_eq (count_expenses (db), 1);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM peppol_incoming"), 1);
}
END_TEST

START_TEST (test_ap_incoming_recorded_by_hand_is_linked)
{
  char number[DOKUS_NUMBER_TEXT], by_hand[DOKUS_ID_TEXT], *xml, *linked;
  size_t len = 0;
  DokusApFetchSummary sum;
  DokusError err = { 0 };

  /* the user imported the supplier's UBL (sent by e-mail) before it came
   * through Peppol */
  inject_supplier_invoice (number, sizeof number);
  xml = (char *) testap_fetch_xml (&ap, TOKEN, "in-000001", &len);
  ck_assert_int_eq (dokus_ubl_import (book, xml, len, by_hand, NULL, &err), DOKUS_OK);
  free (xml);
  sum = fetch_all (book, http, 5);
  ck_assert_uint_eq (sum.imported, 0);
  ck_assert_uint_eq (sum.duplicates, 1);
  ck_assert_uint_eq (sum.failed, 0);
  ck_assert_int_eq (count_expenses (db), 1);
  ck_assert_int_eq (testap_stat (&ap, "incoming_acked"), 1);
  linked = dokus_test_query_text (db, "SELECT expense_id FROM peppol_incoming WHERE "
                                      "state = 'imported'");
  ck_assert_str_eq (linked, by_hand);
  free (linked);
}
END_TEST

START_TEST (test_ap_inbox_claim_is_taken_over_after_ten_minutes)
{
  char first[DOKUS_PEPPOL_CLAIM_TEXT], second[DOKUS_PEPPOL_CLAIM_TEXT], expense[DOKUS_ID_TEXT];
  DokusPeppolInboxClaim what;
  DokusError err = { 0 };

  ck_assert_int_eq (dokus_peppol_inbox_claim (book, "in-9", NULL, NULL, NOW, &what, first,
                                              expense, &err),
                    DOKUS_OK);
  ck_assert_int_eq (what, DOKUS_PEPPOL_INBOX_CLAIMED);
  /* 599 s later the holder may still be working */
  ck_assert_int_eq (dokus_peppol_inbox_claim (book, "in-9", NULL, NULL, NOW + 599, &what, second,
                                              expense, &err),
                    DOKUS_OK);
  ck_assert_int_eq (what, DOKUS_PEPPOL_INBOX_BUSY);
  /* 600 s: it crashed; the claim is taken over, and the old holder's word
   * no longer counts */
  ck_assert_int_eq (dokus_peppol_inbox_claim (book, "in-9", NULL, NULL, NOW + 600, &what, second,
                                              expense, &err),
                    DOKUS_OK);
  ck_assert_int_eq (what, DOKUS_PEPPOL_INBOX_CLAIMED);
  ck_assert_str_ne (first, second);
  ck_assert_int_eq (dokus_peppol_inbox_failed (book, "in-9", first, "late", NOW + 601, &err),
                    DOKUS_ERR_REFUSED);
  ck_assert_int_eq (dokus_peppol_inbox_failed (book, "in-9", second, "no such file", NOW + 601,
                                               &err),
                    DOKUS_OK);
  /* a failed one is claimed again at once */
  ck_assert_int_eq (dokus_peppol_inbox_claim (book, "in-9", NULL, NULL, NOW + 602, &what, first,
                                              expense, &err),
                    DOKUS_OK);
  ck_assert_int_eq (what, DOKUS_PEPPOL_INBOX_CLAIMED);
}
END_TEST

START_TEST (test_ap_incoming_garbage_stays_at_the_access_point)
{
  DokusApFetchSummary sum;
  const char *junk = "<Invoice xmlns=\"urn:example\">no</Invoice>";
  cJSON *o = testap_control (&ap, "incoming", junk, strlen (junk), NULL);
  char *error;

  cJSON_Delete (o);
  sum = fetch_all (book, http, 5);
  ck_assert_uint_eq (sum.failed, 1);
  ck_assert_uint_eq (sum.imported, 0);
  ck_assert_int_eq (testap_stat (&ap, "incoming_acked"), 0);
  ck_assert_int_eq (count_expenses (db), 0);
  error = dokus_test_query_text (db, "SELECT error FROM peppol_incoming WHERE state = 'failed'");
  ck_assert_str_ne (error, "");
  ck_assert_str_eq (last_message, error);
  free (error);
  /* tried again by the next fetch, still failing, still not acknowledged */
  sum = fetch_all (book, http, 5);
  ck_assert_uint_eq (sum.failed, 1);
  ck_assert_int_eq (testap_stat (&ap, "incoming_acked"), 0);
}
END_TEST

/* ---- TLS -------------------------------------------------------------------- */

static char *cert_path, *key_path;

/* A self-signed certificate for 127.0.0.1 (and no host name), made with
 * $DOKUS_OPENSSL, and the test access point speaking HTTPS with it. */
static void
setup_tls (void)
{
  char *cmd = NULL;

  setup ();
  testap_stop (&ap);
  dokus_ap_provider_free (http);
  http = NULL;
  cert_path = dokus_test_path (dir, "cert.pem");
  key_path = dokus_test_path (dir, "key.pem");
  ck_assert_int_gt (asprintf (&cmd,
                              "'%s' req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
                              "-nodes -keyout '%s' -out '%s' -days 2 -subj /CN=127.0.0.1 "
                              "-addext subjectAltName=IP:127.0.0.1 2>/dev/null",
                              getenv ("DOKUS_OPENSSL"), key_path, cert_path),
                    0);
  ck_assert_msg (system (cmd) == 0, "openssl could not make a certificate");
  free (cmd);
  testap_start (&ap, TOKEN, cert_path, key_path);
}

static void
teardown_tls (void)
{
  free (cert_path);
  free (key_path);
  teardown ();
}

static DokusApProvider *
tls_provider (const char *url, const char *ca_file, DokusError *err, DokusStatus want)
{
  DokusApHttpOptions o = { .base_url = url, .token = TOKEN, .ca_file = ca_file };
  DokusApProvider *p = NULL;

  ck_assert_int_eq (dokus_ap_http_new (&o, &p, err), want);
  return p;
}

START_TEST (test_ap_tls_with_our_ca_file_delivers)
{
  const char *number = issue_invoice (book);
  DokusError err = { 0 };

  queue (number);
  http = tls_provider (ap.url, cert_path, &err, DOKUS_OK);
  ck_assert_uint_eq (send_all (book, http, 5, false, DOKUS_OK).delivered, 1);
  ck_assert_int_eq (get (number).state, DOKUS_PEPPOL_DELIVERED);
}
END_TEST

START_TEST (test_ap_tls_refuses_an_untrusted_certificate)
{
  const char *number = issue_invoice (book);
  DokusPeppolTransmission t;
  DokusError err = { 0 };

  /* the system's CAs do not know our self-signed certificate: not retried */
  queue (number);
  http = tls_provider (ap.url, NULL, &err, DOKUS_OK);
  sleeps = 0;
  ck_assert_uint_eq (send_all (book, http, 5, false, DOKUS_OK).failed, 1);
  ck_assert_uint_eq (sleeps, 0);
  t = get (number);
  ck_assert_msg (strstr (t.last_error, "not trusted") != NULL, "%s", t.last_error);
  ck_assert_int_eq (testap_stat (&ap, "stored"), 0);
}
END_TEST

START_TEST (test_ap_tls_checks_the_host_name)
{
  char url[96];
  DokusApStatus s;
  DokusError err = { 0 };

  /* trusted certificate, wrong name: it is for 127.0.0.1, not localhost */
  snprintf (url, sizeof url, "https://localhost:%d", ap.port);
  http = tls_provider (url, cert_path, &err, DOKUS_OK);
  ck_assert_int_eq (http->status (http, "x", &s, &err), DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "ca_file");
  ck_assert_msg (strstr (err.message, "localhost") != NULL, "%s", err.message);
}
END_TEST

START_TEST (test_ap_tls_unusable_ca_file_is_named)
{
  char *bad = dokus_test_path (dir, "not-a-ca.pem");
  DokusApStatus s;
  DokusError err = { 0 };

  ck_assert (dokus_test_write_file (bad, (const unsigned char *) "not a certificate\n", 18));
  http = tls_provider (ap.url, bad, &err, DOKUS_OK);
  ck_assert_int_eq (http->status (http, "x", &s, &err), DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "ca_file");
  ck_assert_msg (strstr (err.message, "not-a-ca.pem") != NULL, "%s", err.message);
  free (bad);
}
END_TEST

static Suite *
ap_suite (void)
{
  Suite *s = suite_create ("ap");
  TCase *send = tcase_create ("send");
  TCase *config = tcase_create ("config");
  TCase *incoming = tcase_create ("incoming");

  tcase_add_checked_fixture (send, setup, teardown);
  tcase_set_timeout (send, 60);
  tcase_add_test (send, test_ap_send_gets_delivery_receipt);
  tcase_add_test (send, test_ap_rejection_keeps_the_reason);
  tcase_add_test (send, test_ap_invalid_document_refused_with_validator_reason);
  tcase_add_test (send, test_ap_retries_after_two_503);
  tcase_add_test (send, test_ap_retry_delay_is_capped_full_jitter);
  tcase_add_test (send, test_ap_gives_up_and_schedules_back_off);
  tcase_add_test (send, test_ap_crash_after_store_asks_before_resending);
  tcase_add_test (send, test_ap_waits_for_receipt_when_held);
  tcase_add_test (send, test_ap_refuses_a_draft_and_an_unknown_number);
  suite_add_tcase (s, send);

  tcase_add_checked_fixture (config, setup, teardown);
  tcase_set_timeout (config, 60);
  tcase_add_test (config, test_ap_missing_ca_file_is_a_clear_error);
  tcase_add_test (config, test_ap_refuses_plain_http_to_another_host);
  tcase_add_test (config, test_ap_tls_to_a_plain_server_fails_clearly);
  tcase_add_test (config, test_ap_wrong_token_stops_the_run);
  tcase_add_test (config, test_ap_timeout_is_transient);
  suite_add_tcase (s, config);

  tcase_add_checked_fixture (incoming, setup, teardown);
  tcase_set_timeout (incoming, 60);
  tcase_add_test (incoming, test_ap_incoming_imported_once_over_two_fetches);
  tcase_add_test (incoming, test_ap_incoming_unacked_is_not_imported_twice);
  tcase_add_test (incoming, test_ap_incoming_two_processes_at_once_give_one_expense);
  tcase_add_test (incoming, test_ap_incoming_recorded_by_hand_is_linked);
  tcase_add_test (incoming, test_ap_inbox_claim_is_taken_over_after_ten_minutes);
  tcase_add_test (incoming, test_ap_incoming_garbage_stays_at_the_access_point);
  suite_add_tcase (s, incoming);

  /* needs openssl to make a certificate: meson sets DOKUS_OPENSSL when it has one */
  if (getenv ("DOKUS_OPENSSL") != NULL)
    {
      TCase *tls = tcase_create ("tls");
      tcase_add_checked_fixture (tls, setup_tls, teardown_tls);
      tcase_set_timeout (tls, 60);
      tcase_add_test (tls, test_ap_tls_with_our_ca_file_delivers);
      tcase_add_test (tls, test_ap_tls_refuses_an_untrusted_certificate);
      tcase_add_test (tls, test_ap_tls_checks_the_host_name);
      tcase_add_test (tls, test_ap_tls_unusable_ca_file_is_named);
      suite_add_tcase (s, tls);
    }
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (ap_suite ());
  int failed;

  if (sodium_init () < 0 || curl_global_init (CURL_GLOBAL_DEFAULT) != CURLE_OK)
    return 1;
  xmlInitParser ();
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  xmlCleanupParser ();
  curl_global_cleanup ();
  return failed == 0 ? 0 : 1;
}

/* check-relay-security.c
 *
 * Suite "relay", security: every refusal with its status and error code,
 * and nothing stored. Cross-book access, expired and forged tokens,
 * refresh-token reuse revoking the family, tampered, moved, swapped and
 * replayed envelopes, roles, revocation, oversized and malformed
 * requests, rate limits with Retry-After, the error format with the
 * request id, plain HTTP refused off loopback, and TLS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>
#include <sodium.h>

#include "dokus-relay-envelope.h"
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

static long long
stored_envelopes (const RelayDevice *d)
{
  char sql[200];
  snprintf (sql, sizeof sql, "SELECT count(*) FROM envelope WHERE book_id = '\\x%s'::bytea",
            d->book_raw);
  return relay_pg_query_int (pg, sql);
}

static void
expect_refusal (RelayResp r, long status, const char *code)
{
  ck_assert_msg (r.status == status, "status %ld, expected %ld: %s", r.status, status, r.body);
  ck_assert_str_eq (relay_resp_error_code (&r), code);
  relay_resp_clear (&r);
}

START_TEST (test_relay_refuses_cross_book_access)
{
  RelayDevice a, b;
  RelayDevice a_on_b;
  RelayResp r;
  char url[300];

  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  ck_assert (relay_book_new (relay->base, &b, NULL, NULL));
  r = relay_push_n (&b, 2, "book b");
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);

  /* a's token on b's book: pull, push, snapshot, members, erase */
  a_on_b = a;
  memcpy (a_on_b.book_id, b.book_id, 16);
  memcpy (a_on_b.book_hex, b.book_hex, sizeof b.book_hex);
  expect_refusal (relay_pull (&a_on_b, 0, 0), 403, "forbidden");
  {
    /* a's envelopes, correctly signed for a's book, sent to b's path */
    RelayDevice tmp = a;
    cJSON *arr = cJSON_CreateArray ();
    char *body;
    cJSON_AddItemToArray (arr, relay_envelope_new (&tmp, 1, 1, "planted"));
    body = relay_push_body (&a, arr);
    expect_refusal (relay_push_text (&a_on_b, body), 403, "forbidden");
    free (body);
  }
  snprintf (url, sizeof url, "%s/v1/books/%s/snapshot", b.base, b.book_hex);
  expect_refusal (relay_http ("GET", url, a.access, NULL, NULL, 0), 403, "forbidden");
  snprintf (url, sizeof url, "%s/v1/books/%s/members", b.base, b.book_hex);
  expect_refusal (relay_http ("GET", url, a.access, NULL, NULL, 0), 403, "forbidden");
  snprintf (url, sizeof url, "%s/v1/books/%s", b.base, b.book_hex);
  expect_refusal (relay_http ("DELETE", url, a.access, NULL, NULL, 0), 403, "forbidden");
  /* a's device signing in to b: no member there */
  {
    RelayDevice intruder = a;
    memcpy (intruder.book_id, b.book_id, 16);
    memcpy (intruder.book_hex, b.book_hex, sizeof b.book_hex);
    ck_assert_int_eq (relay_device_login (&intruder), 401);
  }
  ck_assert_int_eq (stored_envelopes (&a), 0);
  ck_assert_int_eq (stored_envelopes (&b), 2);
  ck_assert_int_eq (relay_pg_query_int (pg, "SELECT count(*) FROM book WHERE book_id IS NOT NULL "
                                            "AND last_seq > 2"),
                    0);
}
END_TEST

START_TEST (test_relay_refuses_forged_and_foreign_tokens)
{
  RelayDevice a, forged;
  RelayProc *other;
  const char *args[] = { "--key-file", NULL, NULL };
  char key_path[700];
  FILE *f;
  size_t len;

  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  /* a flipped character in the MAC */
  forged = a;
  len = strlen (forged.access);
  forged.access[len - 1] = forged.access[len - 1] == 'a' ? 'b' : 'a';
  expect_refusal (relay_pull (&forged, 0, 0), 401, "unauthorized");
  /* a changed expiry, same MAC */
  forged = a;
  {
    char *exp = forged.access + 104;
    *exp = *exp == '9' ? '8' : (char) (*exp + 1);
  }
  expect_refusal (relay_pull (&forged, 0, 0), 401, "unauthorized");
  /* no token, a garbage token */
  forged = a;
  forged.access[0] = '\0';
  {
    char url[300];
    snprintf (url, sizeof url, "%s/v1/books/%s/pull", a.base, a.book_hex);
    expect_refusal (relay_http ("GET", url, NULL, NULL, NULL, 0), 401, "unauthorized");
    expect_refusal (relay_http ("GET", url, "dat1.garbage", NULL, NULL, 0), 401, "unauthorized");
  }
  /* a token from a relay with another key */
  snprintf (key_path, sizeof key_path, "%s/other.key", pg->dir);
  f = fopen (key_path, "w");
  fputs ("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n", f);
  fclose (f);
  args[1] = key_path;
  other = relay_proc_start (pg, NULL, args);
  ck_assert_ptr_nonnull (other);
  forged = a;
  snprintf (forged.base, sizeof forged.base, "%s", other->base);
  ck_assert_int_eq (relay_device_login (&forged), 200); /* signed by the other key */
  snprintf (forged.base, sizeof forged.base, "%s", relay->base);
  expect_refusal (relay_pull (&forged, 0, 0), 401, "unauthorized");
  relay_proc_stop (other);
  relay_proc_free (other);
}
END_TEST

START_TEST (test_relay_refuses_expired_token)
{
  RelayProc *short_lived;
  const char *args[] = { "--access-ttl", "1", NULL };
  RelayDevice a;
  RelayResp r;

  short_lived = relay_proc_start (pg, NULL, args);
  ck_assert_ptr_nonnull (short_lived);
  ck_assert (relay_book_new (short_lived->base, &a, NULL, NULL));
  r = relay_pull (&a, 0, 0);
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  sleep (2);
  expect_refusal (relay_pull (&a, 0, 0), 401, "token_expired");
  relay_proc_stop (short_lived);
  relay_proc_free (short_lived);
}
END_TEST

static RelayResp
refresh (const RelayDevice *d, const char *token)
{
  char url[200], body[200];
  snprintf (url, sizeof url, "%s/v1/auth/refresh", d->base);
  snprintf (body, sizeof body, "{\"refresh_token\":\"%s\"}", token);
  return relay_http ("POST", url, NULL, "application/json", body, strlen (body));
}

START_TEST (test_relay_refresh_reuse_revokes_the_family)
{
  RelayDevice a, again;
  RelayResp r;
  cJSON *j;
  char first[80], second[80], second_access[256];

  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  snprintf (first, sizeof first, "%s", a.refresh);
  r = refresh (&a, first);
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  snprintf (second, sizeof second, "%s", cJSON_GetObjectItem (j, "refresh_token")->valuestring);
  snprintf (second_access, sizeof second_access, "%s",
            cJSON_GetObjectItem (j, "access_token")->valuestring);
  cJSON_Delete (j);
  relay_resp_clear (&r);
  ck_assert_str_ne (first, second);
  /* the rotated tokens work */
  snprintf (a.access, sizeof a.access, "%s", second_access);
  r = relay_pull (&a, 0, 0);
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  /* the first refresh token again: reuse, the family is revoked */
  expect_refusal (refresh (&a, first), 401, "refresh_reused");
  expect_refusal (refresh (&a, second), 401, "unauthorized");
  expect_refusal (relay_pull (&a, 0, 0), 401, "unauthorized");
  /* a fresh sign-in starts a new family */
  again = a;
  ck_assert_int_eq (relay_device_login (&again), 200);
  r = relay_pull (&again, 0, 0);
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  /* an unknown refresh token */
  expect_refusal (refresh (&a, "drt1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), 401,
                  "unauthorized");
}
END_TEST

START_TEST (test_relay_refuses_bad_sign_in)
{
  RelayDevice a, stranger;
  char url[200], body[400];
  RelayResp r;
  cJSON *j;
  uint8_t challenge[32], m[12 + 36 + 36 + 32], sig[64];
  char sig_b64[100], ch_b64[60];
  size_t len = 0;

  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  /* a device key that is not the member's signs the challenge */
  stranger = a;
  crypto_sign_keypair (stranger.sign_pk, stranger.sign_sk);
  ck_assert_int_eq (relay_device_login (&stranger), 401);
  /* a challenge is single use */
  snprintf (url, sizeof url, "%s/v1/auth/challenge", a.base);
  snprintf (body, sizeof body, "{\"book_id\":\"%s\",\"device_id\":\"%s\"}", a.book_hex,
            a.device_hex);
  r = relay_http ("POST", url, NULL, "application/json", body, strlen (body));
  j = relay_resp_json (&r);
  sodium_base642bin (challenge, 32, cJSON_GetObjectItem (j, "challenge")->valuestring, 44, NULL,
                     &len, NULL, sodium_base64_VARIANT_ORIGINAL);
  cJSON_Delete (j);
  relay_resp_clear (&r);
  memcpy (m, "dokus-auth-1", 12);
  dokus_relay_id_text (a.book_id, (char *) m + 12);
  dokus_relay_id_text (a.device_id, (char *) m + 48);
  memcpy (m + 84, challenge, 32);
  crypto_sign_detached (sig, NULL, m, sizeof m, a.sign_sk);
  sodium_bin2base64 (sig_b64, sizeof sig_b64, sig, 64, sodium_base64_VARIANT_ORIGINAL);
  sodium_bin2base64 (ch_b64, sizeof ch_b64, challenge, 32, sodium_base64_VARIANT_ORIGINAL);
  snprintf (url, sizeof url, "%s/v1/auth/token", a.base);
  snprintf (body, sizeof body,
            "{\"book_id\":\"%s\",\"device_id\":\"%s\",\"challenge\":\"%s\",\"sig\":\"%s\"}",
            a.book_hex, a.device_hex, ch_b64, sig_b64);
  r = relay_http ("POST", url, NULL, "application/json", body, strlen (body));
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  expect_refusal (relay_http ("POST", url, NULL, "application/json", body, strlen (body)), 401,
                  "unauthorized");
}
END_TEST

/* @body_text changed after signing (no new batch_sig), transfer full. */
static char *
edit_body (const char *body_text, const char *field, const char *new_text, int new_number,
           bool flip_char)
{
  cJSON *root = cJSON_Parse (body_text), *env0, *v;
  char *out;
  env0 = cJSON_GetArrayItem (cJSON_GetObjectItem (root, "envelopes"), 0);
  if (strcmp (field, "device_id") == 0 || strcmp (field, "batch_sig") == 0)
    v = cJSON_GetObjectItem (root, field);
  else
    v = cJSON_GetObjectItem (env0, field);
  ck_assert_ptr_nonnull (v);
  if (flip_char)
    v->valuestring[10] = v->valuestring[10] == 'A' ? 'B' : 'A';
  else if (new_text && strcmp (new_text, "-") == 0)
    cJSON_DeleteItemFromObject (root, field);
  else if (new_text)
    cJSON_SetValuestring (v, new_text);
  else
    cJSON_SetNumberValue (v, new_number);
  out = cJSON_PrintUnformatted (root);
  cJSON_Delete (root);
  return out;
}

static char *
signed_body (RelayDevice *d, long long dev_seq, unsigned epoch, const char *pt)
{
  cJSON *arr = cJSON_CreateArray ();
  cJSON_AddItemToArray (arr, relay_envelope_new (d, dev_seq, epoch, pt));
  return relay_push_body (d, arr);
}

START_TEST (test_relay_refuses_tampered_moved_and_swapped_envelopes)
{
  RelayDevice a, b, other;
  char *body, *bad;
  uint8_t thief_pk[32], thief_sk[64];

  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  ck_assert (relay_member_new (&a, &b, "device"));
  ck_assert (relay_book_new (relay->base, &other, NULL, NULL));
  body = signed_body (&a, 1, 1, "genuine");

  /* a flipped ciphertext, nonce or envelope signature character */
  bad = edit_body (body, "ct", NULL, 0, true);
  expect_refusal (relay_push_text (&a, bad), 400, "bad_signature");
  free (bad);
  bad = edit_body (body, "nonce", NULL, 0, true);
  expect_refusal (relay_push_text (&a, bad), 400, "bad_signature");
  free (bad);
  bad = edit_body (body, "sig", NULL, 0, true);
  expect_refusal (relay_push_text (&a, bad), 400, "bad_signature");
  free (bad);
  /* renumbered (dev_seq 1 sent as 2), or another key epoch */
  bad = edit_body (body, "dev_seq", NULL, 2, false);
  expect_refusal (relay_push_text (&a, bad), 400, "bad_signature");
  free (bad);
  bad = edit_body (body, "key_epoch", NULL, 0, false);
  expect_refusal (relay_push_text (&a, bad), 400, "bad_signature");
  free (bad);
  /* no batch_sig, a flipped batch_sig */
  bad = edit_body (body, "batch_sig", "-", 0, false);
  expect_refusal (relay_push_text (&a, bad), 400, "invalid");
  free (bad);
  bad = edit_body (body, "batch_sig", NULL, 0, true);
  expect_refusal (relay_push_text (&a, bad), 400, "bad_signature");
  free (bad);

  /* swapped: a's push sent with b's token (403), or relabelled as b's */
  expect_refusal (relay_push_text (&b, body), 403, "forbidden");
  bad = edit_body (body, "device_id", b.device_hex, 0, false);
  expect_refusal (relay_push_text (&b, bad), 400, "bad_signature");
  free (bad);
  free (body);

  /* moved: the other book's genuine push, replayed into a's book */
  body = signed_body (&other, 1, 1, "from the other book");
  bad = edit_body (body, "device_id", a.device_hex, 0, false);
  expect_refusal (relay_push_text (&a, bad), 400, "bad_signature");
  free (bad);
  free (body);

  /* a stolen access token without the device key */
  crypto_sign_keypair (thief_pk, thief_sk);
  {
    cJSON *arr = cJSON_CreateArray ();
    RelayDevice thief = a;
    memcpy (thief.sign_sk, thief_sk, 64);
    cJSON_AddItemToArray (arr, relay_envelope_new (&thief, 1, 1, "planted"));
    body = relay_push_body_signed (&a, arr, thief_sk);
    expect_refusal (relay_push_text (&a, body), 400, "bad_signature");
    free (body);
  }

  /* a key epoch newer than the book's (1), correctly signed */
  body = signed_body (&a, 1, 2, "future epoch");
  expect_refusal (relay_push_text (&a, body), 400, "invalid");
  free (body);

  ck_assert_int_eq (stored_envelopes (&a), 0);
  ck_assert_int_eq (stored_envelopes (&other), 0);
}
END_TEST

START_TEST (test_relay_replayed_envelope_is_stored_once)
{
  RelayDevice a;
  cJSON *arr, *j;
  char *body, *changed;
  RelayResp r;

  ck_assert (relay_book_new (relay->base, &a, NULL, NULL));
  arr = cJSON_CreateArray ();
  cJSON_AddItemToArray (arr, relay_envelope_new (&a, 1, 1, "first"));
  cJSON_AddItemToArray (arr, relay_envelope_new (&a, 2, 1, "second"));
  body = relay_push_body (&a, arr);
  r = relay_push_text (&a, body);
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  /* the same bytes again: the same acks, nothing new */
  r = relay_push_text (&a, body);
  ck_assert_int_eq (r.status, 200);
  j = relay_resp_json (&r);
  ck_assert_int_eq ((int) cJSON_GetObjectItem (cJSON_GetArrayItem (cJSON_GetObjectItem (j, "acks"),
                                                                   1),
                                               "server_seq")->valuedouble,
                    2);
  ck_assert_int_eq ((int) cJSON_GetObjectItem (j, "head_seq")->valuedouble, 2);
  cJSON_Delete (j);
  relay_resp_clear (&r);
  ck_assert_int_eq (stored_envelopes (&a), 2);
  /* the same dev_seq with other (validly signed) content: 409 */
  arr = cJSON_CreateArray ();
  cJSON_AddItemToArray (arr, relay_envelope_new (&a, 2, 1, "second, rewritten"));
  changed = relay_push_body (&a, arr);
  expect_refusal (relay_push_text (&a, changed), 409, "dev_seq_conflict");
  ck_assert_int_eq (stored_envelopes (&a), 2);
  free (changed);
  free (body);
}
END_TEST

START_TEST (test_relay_roles_and_revocation)
{
  RelayDevice owner, dev, accountant;
  RelayResp r;
  char url[300], body[300];

  ck_assert (relay_book_new (relay->base, &owner, NULL, NULL));
  ck_assert (relay_member_new (&owner, &dev, "device"));
  ck_assert (relay_member_new (&owner, &accountant, "accountant"));
  /* the accountant reads; it may not push changes, upload snapshots, move
   * leases, add members, read the inbox or erase */
  r = relay_pull (&accountant, 0, 0);
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  expect_refusal (relay_push_n (&accountant, 1, "change"), 403, "forbidden");
  snprintf (url, sizeof url, "%s/v1/books/%s/snapshot?upto=1&key_epoch=1", owner.base,
            owner.book_hex);
  expect_refusal (relay_http ("PUT", url, accountant.access, "application/octet-stream", "x", 1),
                  403, "forbidden");
  snprintf (url, sizeof url, "%s/v1/books/%s/lease/%s", owner.base, owner.book_hex,
            "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
  snprintf (body, sizeof body, "{\"expect_epoch\":0,\"holder\":\"%s\",\"release_seq\":0}",
            accountant.device_hex);
  expect_refusal (relay_http ("POST", url, accountant.access, "application/json", body,
                              strlen (body)),
                  403, "forbidden");
  snprintf (url, sizeof url, "%s/v1/books/%s/inbox", owner.base, owner.book_hex);
  expect_refusal (relay_http ("GET", url, accountant.access, NULL, NULL, 0), 403, "forbidden");
  ck_assert_int_eq (relay_member_add (&accountant, &dev, "device"), 403);
  ck_assert_int_eq (relay_member_add (&dev, &accountant, "device"), 403);
  snprintf (url, sizeof url, "%s/v1/books/%s", owner.base, owner.book_hex);
  expect_refusal (relay_http ("DELETE", url, accountant.access, NULL, NULL, 0), 403, "forbidden");

  /* the owner revokes the device: its token, refresh and sign-in stop */
  snprintf (url, sizeof url, "%s/v1/books/%s/members/%s/revoke", owner.base, owner.book_hex,
            dev.device_hex);
  expect_refusal (relay_http ("POST", url, dev.access, "application/json", "{}", 2), 403,
                  "forbidden");
  r = relay_http ("POST", url, owner.access, "application/json", "{}", 2);
  ck_assert_int_eq (r.status, 200);
  relay_resp_clear (&r);
  expect_refusal (relay_push_n (&dev, 1, "after revocation"), 401, "revoked");
  expect_refusal (relay_pull (&dev, 0, 0), 401, "revoked");
  ck_assert_int_eq (relay_device_login (&dev), 401);
  /* neither the accountant's nor the revoked device's push was stored */
  ck_assert_int_eq (stored_envelopes (&owner), 0);
}
END_TEST

START_TEST (test_relay_refuses_oversized_and_malformed)
{
  RelayProc *small;
  const char *args[] = { "--max-body", "65536", "--max-batch", "10", "--max-ciphertext", "2048",
                         NULL };
  RelayDevice a;
  RelayResp r;
  char url[300];
  char *big;
  cJSON *arr;
  char *body;

  small = relay_proc_start (pg, NULL, args);
  ck_assert_ptr_nonnull (small);
  ck_assert (relay_book_new (small->base, &a, NULL, NULL));
  snprintf (url, sizeof url, "%s/v1/books/%s/push", a.base, a.book_hex);
  /* a body over --max-body */
  big = malloc (70000);
  memset (big, ' ', 70000);
  big[0] = '{';
  big[69999] = '}';
  expect_refusal (relay_http ("POST", url, a.access, "application/json", big, 70000), 413,
                  "too_large");
  free (big);
  /* over --max-batch */
  arr = cJSON_CreateArray ();
  for (int i = 1; i <= 11; i++)
    cJSON_AddItemToArray (arr, relay_envelope_new (&a, i, 1, "x"));
  body = relay_push_body (&a, arr);
  expect_refusal (relay_push_text (&a, body), 413, "too_large");
  free (body);
  /* a ciphertext over --max-ciphertext */
  {
    char pt[4000];
    memset (pt, 'x', sizeof pt - 1);
    pt[sizeof pt - 1] = '\0';
    arr = cJSON_CreateArray ();
    cJSON_AddItemToArray (arr, relay_envelope_new (&a, 1, 1, pt));
    body = relay_push_body (&a, arr);
    expect_refusal (relay_push_text (&a, body), 413, "too_large");
    free (body);
  }
  /* not JSON; JSON but not an object; a wrong nonce length; a bad id */
  expect_refusal (relay_http ("POST", url, a.access, "application/json", "{\"device_id\":", 13),
                  400, "malformed");
  expect_refusal (relay_http ("POST", url, a.access, "application/json", "[1,2]", 5), 400,
                  "malformed");
  arr = cJSON_CreateArray ();
  {
    cJSON *e = relay_envelope_new (&a, 1, 1, "short nonce");
    cJSON_ReplaceItemInObject (e, "nonce", cJSON_CreateString ("AAAA"));
    cJSON_AddItemToArray (arr, e);
  }
  body = relay_push_body (&a, arr);
  r = relay_push_text (&a, body);
  ck_assert_int_eq (r.status, 400);
  {
    cJSON *j = relay_resp_json (&r);
    const cJSON *err = cJSON_GetArrayItem (cJSON_GetObjectItem (j, "errors"), 0);
    ck_assert_str_eq (cJSON_GetObjectItem (err, "field")->valuestring, "envelopes[0].nonce");
    ck_assert_str_eq (cJSON_GetObjectItem (err, "code")->valuestring, "invalid");
    ck_assert (strstr (cJSON_GetObjectItem (err, "message")->valuestring, "24 bytes") != NULL);
    /* meta.request_id is the X-Request-Id header */
    ck_assert_str_eq (cJSON_GetObjectItem (cJSON_GetObjectItem (j, "meta"), "request_id")
                        ->valuestring,
                      r.request_id);
    ck_assert_uint_eq (strlen (r.request_id), 32);
    cJSON_Delete (j);
  }
  ck_assert_str_eq (r.hsts, "max-age=63072000; includeSubDomains");
  relay_resp_clear (&r);
  free (body);
  snprintf (url, sizeof url, "%s/v1/books/NOT-AN-ID/pull", a.base);
  expect_refusal (relay_http ("GET", url, a.access, NULL, NULL, 0), 404, "not_found");
  snprintf (url, sizeof url, "%s/v1/books/%s/pull?after=-1", a.base, a.book_hex);
  expect_refusal (relay_http ("GET", url, a.access, NULL, NULL, 0), 400, "invalid");
  snprintf (url, sizeof url, "%s/v1/books/%s/push", a.base, a.book_hex);
  expect_refusal (relay_http ("GET", url, a.access, NULL, NULL, 0), 405, "method_not_allowed");
  snprintf (url, sizeof url, "%s/v1/nothing", a.base);
  expect_refusal (relay_http ("GET", url, NULL, NULL, NULL, 0), 404, "not_found");
  ck_assert_int_eq (stored_envelopes (&a), 0);
  relay_proc_stop (small);
  relay_proc_free (small);
}
END_TEST

START_TEST (test_relay_rate_limits_with_retry_after)
{
  RelayProc *strict;
  const char *args[] = { "--rate-device", "2", "--rate-address", "1000", NULL };
  RelayDevice a;
  int limited = 0, ok = 0;
  char retry[16] = "";

  strict = relay_proc_start (pg, NULL, args);
  ck_assert_ptr_nonnull (strict);
  ck_assert (relay_book_new (strict->base, &a, NULL, NULL));
  /* 2 per second, bursts of 4: of 12 quick pulls at least 6 are refused */
  for (int i = 0; i < 12; i++)
    {
      RelayResp r = relay_pull (&a, 0, 0);
      if (r.status == 429)
        {
          limited++;
          snprintf (retry, sizeof retry, "%s", r.retry_after);
          ck_assert_str_eq (relay_resp_error_code (&r), "rate_limited");
        }
      else if (r.status == 200)
        ok++;
      relay_resp_clear (&r);
    }
  ck_assert_msg (limited >= 6 && ok >= 4, "limited %d, ok %d", limited, ok);
  ck_assert_str_eq (retry, "1");
  relay_proc_stop (strict);
  relay_proc_free (strict);

  /* per address, before any token check */
  {
    const char *args2[] = { "--rate-address", "1", NULL };
    char url[200];
    int refused = 0;
    strict = relay_proc_start (pg, NULL, args2);
    ck_assert_ptr_nonnull (strict);
    snprintf (url, sizeof url, "%s/healthz", strict->base);
    for (int i = 0; i < 6; i++)
      {
        RelayResp r = relay_http ("GET", url, NULL, NULL, NULL, 0);
        refused += r.status == 429 && r.retry_after[0] != '\0';
        relay_resp_clear (&r);
      }
    ck_assert_int_ge (refused, 3);
    relay_proc_stop (strict);
    relay_proc_free (strict);
  }
}
END_TEST

static int
run_relay_expecting_exit (const char *const *argv, char *out, size_t out_size)
{
  int pipefd[2], status;
  pid_t pid;
  ssize_t n;
  ck_assert_int_eq (pipe (pipefd), 0);
  pid = fork ();
  if (pid == 0)
    {
      dup2 (pipefd[1], 2);
      dup2 (pipefd[1], 1);
      close (pipefd[0]);
      execv (argv[0], (char *const *) argv);
      _exit (127);
    }
  close (pipefd[1]);
  n = read (pipefd[0], out, out_size - 1);
  out[n > 0 ? n : 0] = '\0';
  close (pipefd[0]);
  waitpid (pid, &status, 0);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

START_TEST (test_relay_plain_http_only_on_loopback)
{
  char key_path[700], out[2048];
  const char *bin = getenv ("DOKUS_RELAY_BIN");
  snprintf (key_path, sizeof key_path, "%s/relay.key", pg->dir);
  {
    const char *argv[] = { bin, "--listen", "0.0.0.0:0", "--database-url", pg->url,
                           "--key-file", key_path, NULL };
    ck_assert_int_eq (run_relay_expecting_exit (argv, out, sizeof out), 2);
    ck_assert_msg (strstr (out, "plain HTTP") != NULL, "%s", out);
  }
  {
    const char *argv[] = { bin, "--help", NULL };
    ck_assert_int_eq (run_relay_expecting_exit (argv, out, sizeof out), 0);
    ck_assert (strstr (out, "--database-url") != NULL);
  }
  {
    const char *argv[] = { bin, "--listen", "127.0.0.1:0", "--database-url", pg->url, NULL };
    ck_assert_int_eq (run_relay_expecting_exit (argv, out, sizeof out), 2);
    ck_assert (strstr (out, "--key-file") != NULL);
  }
}
END_TEST

START_TEST (test_relay_serves_tls)
{
  char cert[700], key[700], cmd[2400], url[200];
  const char *args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
  RelayProc *tls;
  RelayResp r;

  if (system ("command -v openssl >/dev/null 2>&1") != 0)
    {
      printf ("openssl not installed: TLS test not run\n");
      return;
    }
  snprintf (cert, sizeof cert, "%s/cert.pem", pg->dir);
  snprintf (key, sizeof key, "%s/key.pem", pg->dir);
  snprintf (cmd, sizeof cmd,
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
            "-subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 -keyout %s -out %s "
            ">/dev/null 2>&1",
            key, cert);
  ck_assert_int_eq (system (cmd), 0);
  tls = relay_proc_start (pg, NULL, args);
  ck_assert_ptr_nonnull (tls);
  snprintf (url, sizeof url, "https://127.0.0.1:%u/healthz", tls->port);
  r = relay_http_tls ("GET", url, cert);
  ck_assert_int_eq (r.status, 200);
  ck_assert_str_eq (r.hsts, "max-age=63072000; includeSubDomains");
  relay_resp_clear (&r);
  /* plain HTTP to the TLS port gets no HTTP answer */
  snprintf (url, sizeof url, "http://127.0.0.1:%u/healthz", tls->port);
  r = relay_http ("GET", url, NULL, NULL, NULL, 0);
  ck_assert_int_ne (r.status, 200);
  relay_resp_clear (&r);
  relay_proc_stop (tls);
  relay_proc_free (tls);
}
END_TEST

static Suite *
relay_security_suite (void)
{
  Suite *s = suite_create ("relay-security");
  TCase *tc = tcase_create ("security");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_relay_refuses_cross_book_access);
  tcase_add_test (tc, test_relay_refuses_forged_and_foreign_tokens);
  tcase_add_test (tc, test_relay_refuses_expired_token);
  tcase_add_test (tc, test_relay_refresh_reuse_revokes_the_family);
  tcase_add_test (tc, test_relay_refuses_bad_sign_in);
  tcase_add_test (tc, test_relay_refuses_tampered_moved_and_swapped_envelopes);
  tcase_add_test (tc, test_relay_replayed_envelope_is_stored_once);
  tcase_add_test (tc, test_relay_roles_and_revocation);
  tcase_add_test (tc, test_relay_refuses_oversized_and_malformed);
  tcase_add_test (tc, test_relay_rate_limits_with_retry_after);
  tcase_add_test (tc, test_relay_plain_http_only_on_loopback);
  tcase_add_test (tc, test_relay_serves_tls);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return relay_pg_run_suite (relay_security_suite (), &pg);
}

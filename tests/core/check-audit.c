/* check-audit.c
 *
 * Suite "audit": the audit trail of a book. Entries are recorded through
 * the public API and then attacked the way someone holding the passphrase
 * would with the sqlite3 shell (drop the append-only triggers, change,
 * delete, re-hash); dokus_audit_verify() must name the first broken entry.
 * The entry hash is recomputed here by a separate implementation of the
 * encoding documented in dokus-audit.h, which pins that format.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sodium.h>

#include "dokus-test-helpers.h"

#define NOW "2026-11-25T19:30:00Z"

static char *dir;

static void
setup (void)
{
  ck_assert (sodium_init () >= 0);
  dir = dokus_test_tmpdir_new ();
  setenv ("DOKUS_NOW", NOW, 1);
  unsetenv ("DOKUS_DEVICE_NAME");
}

static void
teardown (void)
{
  dokus_test_tmpdir_free (dir);
  dir = NULL;
}

static DokusBook *
new_book (void)
{
  char *path = dokus_test_path (dir, "a.dokus");
  DokusBook *book = dokus_test_book_create (path, "pw", NULL);
  free (path);
  return book;
}

static void
record_ok (DokusBook *book, const char *action, const char *entity, const char *id,
           const char *before, const char *after)
{
  DokusError err = { 0 };
  DokusStatus st = dokus_audit_record (book, action, entity, id, before, after, &err);
  ck_assert_msg (st == DOKUS_OK, "record %s %s: %s", action, entity, err.message);
}

/* Records @n entries: "update" of client c<i>, before {"n":i-1}, after {"n":i}. */
static void
record_n (DokusBook *book, int n)
{
  for (int i = 1; i <= n; i++)
    {
      char id[16], before[32], after[32];
      snprintf (id, sizeof id, "c%d", i);
      snprintf (before, sizeof before, "{\"n\":%d}", i - 1);
      snprintf (after, sizeof after, "{\"n\":%d}", i);
      record_ok (book, "update", "client", id, before, after);
    }
}

static void
verify_ok (DokusBook *book, int64_t entries, int64_t devices)
{
  DokusAuditReport r;
  DokusError err = { 0 };
  DokusStatus st = dokus_audit_verify (book, &r, &err);

  ck_assert_msg (st == DOKUS_OK, "verify: %s", err.message);
  ck_assert_int_eq (r.entries, entries);
  ck_assert_int_eq (r.devices, devices);
  ck_assert_int_eq (r.first_bad_seq, 0);
  ck_assert_str_eq (r.problem, "");
}

/* Verification must fail at entry @seq with a problem ending in @why. */
static void
verify_broken (DokusBook *book, int64_t seq, const char *why)
{
  sqlite3 *db = dokus_book_get_db (book);
  DokusAuditReport r;
  DokusError err = { 0 };
  DokusStatus st = dokus_audit_verify (book, &r, &err);
  char *sql = sqlite3_mprintf ("SELECT 'entry ' || seq || ' (device ' || substr(device_id, 1, 8) "
                               "|| '\xe2\x80\xa6, #' || device_seq || '): ' FROM audit_log "
                               "WHERE seq = %lld", (long long) seq);
  char *head = dokus_test_query_text (db, sql);
  char expected[256];

  snprintf (expected, sizeof expected, "%s%s", head, why);
  ck_assert_int_eq (st, DOKUS_ERR_CORRUPT);
  ck_assert_int_eq (err.code, DOKUS_ERR_CORRUPT);
  ck_assert_int_eq (r.first_bad_seq, seq);
  ck_assert_str_eq (r.problem, expected);
  ck_assert_msg (strstr (err.message, expected) != NULL, "message: %s", err.message);
  sqlite3_free (sql);
  free (head);
}

/* Runs @sql (one statement, ?1 = @blob) on @db. */
static void
exec_blob (sqlite3 *db, const char *sql, const void *blob, int len)
{
  sqlite3_stmt *stmt = NULL;

  ck_assert_msg (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql,
                 sqlite3_errmsg (db));
  ck_assert_int_eq (sqlite3_bind_blob (stmt, 1, blob, len, SQLITE_TRANSIENT), SQLITE_OK);
  ck_assert_msg (sqlite3_step (stmt) == SQLITE_DONE, "%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
}

/* The first column of @sql's first row, which must be a blob of @len bytes. */
static void
query_blob (sqlite3 *db, const char *sql, void *out, int len)
{
  sqlite3_stmt *stmt = NULL;

  ck_assert_msg (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql,
                 sqlite3_errmsg (db));
  ck_assert_msg (sqlite3_step (stmt) == SQLITE_ROW, "%s: no row", sql);
  ck_assert_int_eq (sqlite3_column_bytes (stmt, 0), len);
  memcpy (out, sqlite3_column_blob (stmt, 0), (size_t) len);
  sqlite3_finalize (stmt);
}

/* The encoding of dokus-audit.h, written out independently: each field is
 * 0x00 (NULL) or 0x01, 8-byte big-endian length, bytes. */
static size_t
put_field (unsigned char *buf, size_t o, const void *data, size_t len)
{
  if (data == NULL)
    {
      buf[o++] = 0;
      return o;
    }
  buf[o++] = 1;
  for (int shift = 56; shift >= 0; shift -= 8)
    buf[o++] = (unsigned char) ((uint64_t) len >> shift);
  memcpy (buf + o, data, len);
  return o + len;
}

/* BLAKE2b-256 of entry @seq as stored (content columns and prev_hash). */
static void
entry_hash (sqlite3 *db, long long seq, unsigned char out[32])
{
  unsigned char buf[4096];
  unsigned char seq_be[8];
  sqlite3_stmt *stmt = NULL;
  size_t o = 0;

  ck_assert_int_eq (sqlite3_prepare_v2 (db, "SELECT prev_hash, device_id, device_seq, at, action, "
                                            "entity, entity_id, before_json, after_json "
                                            "FROM audit_log WHERE seq = ?1", -1, &stmt, NULL),
                    SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, seq);
  ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
  o = put_field (buf, o, "dokus-audit-v1", 14);
  o = put_field (buf, o, sqlite3_column_blob (stmt, 0), 32);
  o = put_field (buf, o, sqlite3_column_text (stmt, 1), (size_t) sqlite3_column_bytes (stmt, 1));
  for (int i = 0; i < 8; i++)
    seq_be[i] = (unsigned char) ((uint64_t) sqlite3_column_int64 (stmt, 2) >> (56 - 8 * i));
  o = put_field (buf, o, seq_be, 8);
  for (int col = 3; col <= 8; col++)
    {
      const unsigned char *t = sqlite3_column_text (stmt, col); /* NULL for SQL NULL */
      o = put_field (buf, o, t, (size_t) sqlite3_column_bytes (stmt, col));
    }
  ck_assert_uint_lt (o, sizeof buf);
  sqlite3_finalize (stmt);
  crypto_generichash (out, 32, buf, o, NULL, 0);
}

static void
drop_triggers (sqlite3 *db)
{
  /* what an attacker with the passphrase does in the sqlite3 shell */
  dokus_test_exec (db, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete");
}

START_TEST (test_audit_records_a_signed_chain)
{
  DokusBook *book = new_book ();
  sqlite3 *db = dokus_book_get_db (book);
  unsigned char pk[32], sk[64], derived[32], prev[32], hash[32], stored[32], sig[64];
  static const unsigned char zero[32] = { 0 };
  char sql[128];

  verify_ok (book, 0, 0);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM local_device"), 0);
  record_ok (book, "create", "client", "c1", NULL, "{\"name\":\"Acme\"}");
  record_ok (book, "update", "client", "c1", "{\"name\":\"Acme\"}", "{\"name\":\"Acme NV\"}");
  record_ok (book, "export", "book", NULL, NULL, NULL);
  verify_ok (book, 3, 1);

  /* one device, id a UUID v4, its public key derived from the secret key */
  char *id = dokus_test_query_text (db, "SELECT device_id FROM local_device");
  ck_assert_int_eq (strlen (id), 36);
  ck_assert_int_eq (id[14], '4');
  ck_assert (strchr ("89ab", id[19]) != NULL);
  char *name = dokus_test_query_text (db, "SELECT name FROM devices");
  ck_assert_str_eq (name, "this device");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM devices"), 1);
  query_blob (db, "SELECT secret_key FROM local_device", sk, 64);
  query_blob (db, "SELECT public_key FROM devices", pk, 32);
  crypto_sign_ed25519_sk_to_pk (derived, sk);
  ck_assert (memcmp (derived, pk, 32) == 0);

  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM audit_log WHERE device_id = "
                                              "(SELECT device_id FROM local_device)"), 3);
  char *seqs = dokus_test_query_text (db, "SELECT group_concat(device_seq, ',') "
                                          "FROM (SELECT device_seq FROM audit_log ORDER BY seq)");
  ck_assert_str_eq (seqs, "1,2,3");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM audit_log "
                                              "WHERE at = '" NOW "'"),
                    3);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT entity_id IS NULL AND before_json IS NULL "
                                              "AND after_json IS NULL "
                                              "FROM audit_log WHERE seq = 3"),
                    1);

  /* each entry links to the previous hash, its hash is the documented
   * encoding, and its signature is Ed25519 over that hash */
  memcpy (prev, zero, 32);
  for (int seq = 1; seq <= 3; seq++)
    {
      unsigned char link[32];
      snprintf (sql, sizeof sql, "SELECT prev_hash FROM audit_log WHERE seq = %d", seq);
      query_blob (db, sql, link, 32);
      ck_assert_msg (memcmp (link, prev, 32) == 0, "entry %d: prev_hash", seq);
      snprintf (sql, sizeof sql, "SELECT hash FROM audit_log WHERE seq = %d", seq);
      query_blob (db, sql, stored, 32);
      entry_hash (db, seq, hash);
      ck_assert_msg (memcmp (hash, stored, 32) == 0, "entry %d: hash", seq);
      snprintf (sql, sizeof sql, "SELECT signature FROM audit_log WHERE seq = %d", seq);
      query_blob (db, sql, sig, 64);
      ck_assert_int_eq (crypto_sign_verify_detached (sig, hash, 32, pk), 0);
      memcpy (prev, hash, 32);
    }
  sodium_memzero (sk, sizeof sk);
  dokus_book_close (book);
  free (seqs);
  free (id);
  free (name);
}
END_TEST

START_TEST (test_audit_time_and_device_name_from_environment)
{
  DokusBook *book = new_book ();
  sqlite3 *db = dokus_book_get_db (book);
  DokusError err = { 0 };

  setenv ("DOKUS_NOW", "2026-11-25 19:30", 1);
  ck_assert_int_eq (dokus_audit_record (book, "create", "client", "c1", NULL, NULL, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "DOKUS_NOW");
  /* nothing recorded, not even the device */
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM audit_log"), 0);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM local_device"), 0);

  unsetenv ("DOKUS_NOW");
  setenv ("DOKUS_DEVICE_NAME", "Werkplek", 1);
  record_ok (book, "create", "client", "c1", NULL, NULL);
  /* the real clock, UTC, to the second */
  char *at = dokus_test_query_text (db, "SELECT at FROM audit_log");
  ck_assert_int_eq (strlen (at), 20);
  ck_assert_int_eq (at[10], 'T');
  ck_assert_int_eq (at[19], 'Z');
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT abs(unixepoch(at) - unixepoch('now')) < 120 "
                                              "FROM audit_log"),
                    1);
  char *name = dokus_test_query_text (db, "SELECT name FROM devices");
  ck_assert_str_eq (name, "Werkplek");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT created_at = (SELECT at FROM audit_log) "
                                              "FROM devices"),
                    1);
  verify_ok (book, 1, 1);
  dokus_book_close (book);
  free (at);
  free (name);
}
END_TEST

START_TEST (test_audit_refuses_bad_input)
{
  DokusBook *book = new_book ();
  sqlite3 *db = dokus_book_get_db (book);
  DokusError err = { 0 };

  ck_assert_int_eq (dokus_audit_record (book, "", "client", NULL, NULL, NULL, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "action");
  ck_assert_int_eq (dokus_audit_record (book, "create", "", NULL, NULL, NULL, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "entity");
  ck_assert_int_eq (dokus_audit_record (book, "create", "client", "c1", "{\"a\":", NULL, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "before_json");
  ck_assert_int_eq (dokus_audit_record (book, "create", "client", "c1", NULL, "1 2", &err),
                    DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "after_json");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM audit_log"), 0);

  /* its own transaction: refused inside the caller's, which stays open */
  dokus_test_exec (db, "BEGIN");
  ck_assert_int_eq (dokus_audit_record (book, "create", "client", "c1", NULL, NULL, &err),
                    DOKUS_ERR_INTERNAL);
  ck_assert_int_eq (sqlite3_get_autocommit (db), 0);
  dokus_test_exec (db, "ROLLBACK");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM audit_log"), 0);
  record_ok (book, "create", "client", "c1", "null", "[1, 2]"); /* any JSON value */
  verify_ok (book, 1, 1);
  dokus_book_close (book);
}
END_TEST

START_TEST (test_audit_chain_continues_after_reopen)
{
  char *path = dokus_test_path (dir, "a.dokus");
  DokusBook *book = dokus_test_book_create (path, "pw", NULL);
  DokusError err = { 0 };
  unsigned char h2[32], link[32];

  record_n (book, 2);
  char *id = dokus_test_query_text (dokus_book_get_db (book), "SELECT device_id FROM local_device");
  query_blob (dokus_book_get_db (book), "SELECT hash FROM audit_log WHERE seq = 2", h2, 32);
  dokus_book_close (book);

  book = NULL;
  ck_assert_int_eq (dokus_book_open (path, "pw", &book, &err), DOKUS_OK);
  sqlite3 *db = dokus_book_get_db (book);
  record_ok (book, "payment", "document", "d1", NULL, "{\"amount\":\"121.00\"}");
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT device_seq FROM audit_log WHERE seq = 3"), 3);
  char *id3 = dokus_test_query_text (db, "SELECT device_id FROM audit_log WHERE seq = 3");
  ck_assert_str_eq (id3, id);
  query_blob (db, "SELECT prev_hash FROM audit_log WHERE seq = 3", link, 32);
  ck_assert (memcmp (link, h2, 32) == 0);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM devices"), 1);
  verify_ok (book, 3, 1);
  dokus_book_close (book);
  free (id);
  free (id3);
  free (path);
}
END_TEST

START_TEST (test_audit_two_devices_chain_independently)
{
  DokusBook *book = new_book ();
  sqlite3 *db = dokus_book_get_db (book);
  unsigned char sk_a[64];

  record_n (book, 2); /* device A: seq 1, 2 */
  char *a = dokus_test_query_text (db, "SELECT device_id FROM local_device");
  query_blob (db, "SELECT secret_key FROM local_device", sk_a, 64);

  /* the same book on a second device: it has its own local_device */
  dokus_test_exec (db, "DELETE FROM local_device");
  setenv ("DOKUS_DEVICE_NAME", "Phone", 1);
  record_n (book, 2); /* device B: seq 3, 4 */
  char *b = dokus_test_query_text (db, "SELECT device_id FROM local_device");
  ck_assert_str_ne (a, b);

  /* back on device A */
  dokus_test_exec (db, "DELETE FROM local_device");
  char *sql = sqlite3_mprintf ("INSERT INTO local_device VALUES (1, '%q', ?1)", a);
  exec_blob (db, sql, sk_a, 64);
  sqlite3_free (sql);
  sodium_memzero (sk_a, sizeof sk_a);
  record_ok (book, "issue", "document", "d1", NULL, NULL); /* A: seq 5 */

  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM devices"), 2);
  char *b_name = dokus_test_query_text (db, "SELECT name FROM devices WHERE id = "
                                            "(SELECT device_id FROM audit_log WHERE seq = 3)");
  ck_assert_str_eq (b_name, "Phone");
  char *owners = dokus_test_query_text (db, "SELECT group_concat(device_id || '#' || device_seq, "
                                            "' ') FROM (SELECT * FROM audit_log ORDER BY seq)");
  char expected[256];
  snprintf (expected, sizeof expected, "%s#1 %s#2 %s#1 %s#2 %s#3", a, a, b, b, a);
  ck_assert_str_eq (owners, expected);
  verify_ok (book, 5, 2);

  /* break both chains, the later-walked chain (by device id) at the lower
   * seq: verify names the lowest seq, not the first chain it walks */
  drop_triggers (db);
  bool a_first = strcmp (a, b) < 0;
  dokus_test_exec (db, a_first ? "UPDATE audit_log SET at = '2020-01-01T00:00:00Z' "
                                 "WHERE seq IN (3, 5)"
                               : "UPDATE audit_log SET at = '2020-01-01T00:00:00Z' "
                                 "WHERE seq IN (1, 4)");
  verify_broken (book, a_first ? 3 : 1, "hash does not match its content");
  dokus_book_close (book);
  free (a);
  free (b);
  free (b_name);
  free (owners);
}
END_TEST

START_TEST (test_audit_triggers_refuse_update_and_delete)
{
  DokusBook *book = new_book ();
  sqlite3 *db = dokus_book_get_db (book);
  char *msg = NULL;
  int rc;

  record_n (book, 2);
  rc = sqlite3_exec (db, "UPDATE audit_log SET after_json = '{\"n\":9}' WHERE seq = 1", NULL, NULL,
                     &msg);
  ck_assert_int_eq (rc & 0xff, SQLITE_CONSTRAINT);
  ck_assert_str_eq (msg, "the audit log is append-only");
  sqlite3_free (msg);
  msg = NULL;
  rc = sqlite3_exec (db, "DELETE FROM audit_log WHERE seq = 2", NULL, NULL, &msg);
  ck_assert_int_eq (rc & 0xff, SQLITE_CONSTRAINT);
  ck_assert_str_eq (msg, "the audit log is append-only");
  sqlite3_free (msg);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM audit_log WHERE after_json = "
                                              "'{\"n\":1}' OR seq = 2"),
                    2);
  verify_ok (book, 2, 1);
  dokus_book_close (book);
}
END_TEST

START_TEST (test_audit_detects_changed_content)
{
  DokusBook *book = new_book ();
  sqlite3 *db = dokus_book_get_db (book);

  record_n (book, 4);
  drop_triggers (db);
  dokus_test_exec (db, "UPDATE audit_log SET after_json = '{\"n\":300}' WHERE seq = 3");
  verify_broken (book, 3, "hash does not match its content");
  dokus_book_close (book);
}
END_TEST

START_TEST (test_audit_null_differs_from_empty_and_fields_are_delimited)
{
  DokusBook *book = new_book ();
  sqlite3 *db = dokus_book_get_db (book);

  record_ok (book, "export", "book", "", NULL, NULL);
  record_ok (book, "ab", "c", "x", NULL, NULL);
  drop_triggers (db);
  dokus_test_exec (db, "UPDATE audit_log SET entity_id = NULL WHERE seq = 1");
  verify_broken (book, 1, "hash does not match its content");
  dokus_test_exec (db, "UPDATE audit_log SET entity_id = '' WHERE seq = 1");
  verify_ok (book, 2, 1);
  /* the same bytes split differently between two fields */
  dokus_test_exec (db, "UPDATE audit_log SET action = 'a', entity = 'bc' WHERE seq = 2");
  verify_broken (book, 2, "hash does not match its content");
  dokus_book_close (book);
}
END_TEST

START_TEST (test_audit_detects_deleted_middle_entry)
{
  DokusBook *book = new_book ();
  sqlite3 *db = dokus_book_get_db (book);

  record_n (book, 5);
  drop_triggers (db);
  dokus_test_exec (db, "DELETE FROM audit_log WHERE seq = 3");
  verify_broken (book, 4, "follows #2: entries are missing");
  dokus_book_close (book);
}
END_TEST

START_TEST (test_audit_detects_deleted_first_entry)
{
  DokusBook *book = new_book ();
  sqlite3 *db = dokus_book_get_db (book);

  record_n (book, 3);
  drop_triggers (db);
  dokus_test_exec (db, "DELETE FROM audit_log WHERE seq = 1");
  verify_broken (book, 2, "the chain starts at #2, not #1: entries are missing");
  dokus_book_close (book);
}
END_TEST

START_TEST (test_audit_detects_relinked_entry)
{
  DokusBook *book = new_book ();
  sqlite3 *db = dokus_book_get_db (book);
  static const unsigned char zero[32] = { 0 };

  record_n (book, 3);
  drop_triggers (db);
  exec_blob (db, "UPDATE audit_log SET prev_hash = ?1 WHERE seq = 2", zero, 32);
  verify_broken (book, 2, "does not link to the previous entry (prev_hash differs)");
  dokus_book_close (book);
}
END_TEST

START_TEST (test_audit_detects_changed_signature)
{
  DokusBook *book = new_book ();
  sqlite3 *db = dokus_book_get_db (book);
  unsigned char sig[64];

  record_n (book, 3);
  drop_triggers (db);
  query_blob (db, "SELECT signature FROM audit_log WHERE seq = 2", sig, 64);
  sig[17] ^= 0x01;
  exec_blob (db, "UPDATE audit_log SET signature = ?1 WHERE seq = 2", sig, 64);
  verify_broken (book, 2, "signature does not verify with its device's public key");
  dokus_book_close (book);
}
END_TEST

START_TEST (test_audit_detects_swapped_public_key)
{
  DokusBook *book = new_book ();
  sqlite3 *db = dokus_book_get_db (book);
  unsigned char pk[32], sk[64];

  record_n (book, 2);
  crypto_sign_keypair (pk, sk);
  exec_blob (db, "UPDATE devices SET public_key = ?1", pk, 32);
  verify_broken (book, 1, "signature does not verify with its device's public key");
  /* and the device no longer writes entries that could not verify */
  DokusError err = { 0 };
  ck_assert_int_eq (dokus_audit_record (book, "create", "client", NULL, NULL, NULL, &err),
                    DOKUS_ERR_CORRUPT);
  ck_assert_int_eq (dokus_test_query_int (db, "SELECT count(*) FROM audit_log"), 2);
  dokus_book_close (book);
}
END_TEST

START_TEST (test_audit_detects_rehashed_entry_without_the_key)
{
  DokusBook *book = new_book ();
  sqlite3 *db = dokus_book_get_db (book);
  unsigned char h[32];

  record_n (book, 4);
  drop_triggers (db);
  /* change entry 2 and rebuild the hash chain from there on: every hash
   * and link is consistent again, but the signatures cannot be redone */
  dokus_test_exec (db, "UPDATE audit_log SET after_json = '{\"n\":200}' WHERE seq = 2");
  for (int seq = 2; seq <= 4; seq++)
    {
      char sql[96];
      if (seq > 2)
        {
          snprintf (sql, sizeof sql, "UPDATE audit_log SET prev_hash = ?1 WHERE seq = %d", seq);
          exec_blob (db, sql, h, 32);
        }
      entry_hash (db, seq, h);
      snprintf (sql, sizeof sql, "UPDATE audit_log SET hash = ?1 WHERE seq = %d", seq);
      exec_blob (db, sql, h, 32);
    }
  verify_broken (book, 2, "signature does not verify with its device's public key");
  dokus_book_close (book);
}
END_TEST

START_TEST (test_audit_detects_unknown_device)
{
  DokusBook *book = new_book ();
  sqlite3 *db = dokus_book_get_db (book);
  char *msg = NULL;

  record_n (book, 2);
  /* the foreign key keeps the device while entries refer to it ... */
  ck_assert_int_eq (sqlite3_exec (db, "DELETE FROM devices", NULL, NULL, &msg) & 0xff,
                    SQLITE_CONSTRAINT);
  sqlite3_free (msg);
  /* ... unless it is switched off */
  dokus_test_exec (db, "PRAGMA foreign_keys = OFF; DELETE FROM devices");
  verify_broken (book, 1, "its device is not among the book's devices");
  dokus_book_close (book);
}
END_TEST

START_TEST (test_audit_truncated_tail_needs_an_outside_anchor)
{
  DokusBook *book = new_book ();
  sqlite3 *db = dokus_book_get_db (book);

  /* the documented limit: dropping the newest entries leaves a valid chain */
  record_n (book, 3);
  drop_triggers (db);
  dokus_test_exec (db, "DELETE FROM audit_log WHERE seq = 3");
  verify_ok (book, 2, 1);
  dokus_book_close (book);
}
END_TEST

START_TEST (test_audit_list_newest_first)
{
  DokusBook *book = new_book ();
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *arr, *e;

  record_ok (book, "create", "client", "c1", NULL, "{\"name\":\"Acme\"}");
  setenv ("DOKUS_NOW", "2026-11-26T08:00:00Z", 1);
  record_ok (book, "update", "client", "c1", "{\"name\":\"Acme\"}", "{\"name\":\"Acme NV\"}");
  record_ok (book, "export", "book", NULL, "[1,\"x\"]", NULL);

  ck_assert_int_eq (dokus_audit_list_json (book, 2, &json, &err), DOKUS_OK);
  arr = cJSON_Parse (json);
  ck_assert_ptr_nonnull (arr);
  ck_assert_int_eq (cJSON_GetArraySize (arr), 2);
  e = cJSON_GetArrayItem (arr, 0);
  ck_assert_int_eq (cJSON_GetObjectItem (e, "seq")->valueint, 3);
  ck_assert_str_eq (cJSON_GetObjectItem (e, "action")->valuestring, "export");
  ck_assert_str_eq (cJSON_GetObjectItem (e, "entity")->valuestring, "book");
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (e, "entity_id")));
  ck_assert (cJSON_IsArray (cJSON_GetObjectItem (e, "before")));
  ck_assert_str_eq (cJSON_GetArrayItem (cJSON_GetObjectItem (e, "before"), 1)->valuestring, "x");
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (e, "after")));
  ck_assert_str_eq (cJSON_GetObjectItem (e, "at")->valuestring, "2026-11-26T08:00:00Z");
  char *id = dokus_test_query_text (dokus_book_get_db (book), "SELECT device_id FROM local_device");
  ck_assert_str_eq (cJSON_GetObjectItem (e, "device_id")->valuestring, id);
  e = cJSON_GetArrayItem (arr, 1);
  ck_assert_int_eq (cJSON_GetObjectItem (e, "seq")->valueint, 2);
  ck_assert_str_eq (cJSON_GetObjectItem (e, "entity_id")->valuestring, "c1");
  ck_assert_str_eq (cJSON_GetObjectItem (cJSON_GetObjectItem (e, "after"), "name")->valuestring,
                    "Acme NV");
  cJSON_Delete (arr);
  free (json);

  ck_assert_int_eq (dokus_audit_list_json (book, 0, &json, &err), DOKUS_OK); /* 0: all */
  arr = cJSON_Parse (json);
  ck_assert_int_eq (cJSON_GetArraySize (arr), 3);
  ck_assert_str_eq (cJSON_GetObjectItem (cJSON_GetArrayItem (arr, 2), "at")->valuestring, NOW);
  cJSON_Delete (arr);
  free (json);

  json = (char *) "not touched";
  ck_assert_int_eq (dokus_audit_list_json (book, -1, &json, &err), DOKUS_ERR_INVALID);
  ck_assert_str_eq (err.field, "limit");
  ck_assert_ptr_null (json);
  dokus_book_close (book);
  free (id);
}
END_TEST

START_TEST (test_audit_list_of_empty_log_and_damaged_json)
{
  DokusBook *book = new_book ();
  DokusError err = { 0 };
  char *json = NULL;

  ck_assert_int_eq (dokus_audit_list_json (book, 10, &json, &err), DOKUS_OK);
  ck_assert_str_eq (json, "[]");
  free (json);
  record_n (book, 2);
  drop_triggers (dokus_book_get_db (book));
  dokus_test_exec (dokus_book_get_db (book),
                   "UPDATE audit_log SET before_json = '{' WHERE seq = 1");
  ck_assert_int_eq (dokus_audit_list_json (book, 0, &json, &err), DOKUS_ERR_CORRUPT);
  ck_assert_ptr_null (json);
  ck_assert_str_eq (err.message, "audit log: entry 1: before is not valid JSON");
  dokus_book_close (book);
}
END_TEST

static Suite *
audit_suite (void)
{
  Suite *s = suite_create ("audit");
  TCase *chain = tcase_create ("chain");
  TCase *tamper = tcase_create ("tamper");
  TCase *list = tcase_create ("list");

  tcase_add_checked_fixture (chain, setup, teardown);
  tcase_add_checked_fixture (tamper, setup, teardown);
  tcase_add_checked_fixture (list, setup, teardown);
  tcase_add_test (chain, test_audit_records_a_signed_chain);
  tcase_add_test (chain, test_audit_time_and_device_name_from_environment);
  tcase_add_test (chain, test_audit_refuses_bad_input);
  tcase_add_test (chain, test_audit_chain_continues_after_reopen);
  tcase_add_test (chain, test_audit_two_devices_chain_independently);
  tcase_add_test (tamper, test_audit_triggers_refuse_update_and_delete);
  tcase_add_test (tamper, test_audit_detects_changed_content);
  tcase_add_test (tamper, test_audit_null_differs_from_empty_and_fields_are_delimited);
  tcase_add_test (tamper, test_audit_detects_deleted_middle_entry);
  tcase_add_test (tamper, test_audit_detects_deleted_first_entry);
  tcase_add_test (tamper, test_audit_detects_relinked_entry);
  tcase_add_test (tamper, test_audit_detects_changed_signature);
  tcase_add_test (tamper, test_audit_detects_swapped_public_key);
  tcase_add_test (tamper, test_audit_detects_rehashed_entry_without_the_key);
  tcase_add_test (tamper, test_audit_detects_unknown_device);
  tcase_add_test (tamper, test_audit_truncated_tail_needs_an_outside_anchor);
  tcase_add_test (list, test_audit_list_newest_first);
  tcase_add_test (list, test_audit_list_of_empty_log_and_damaged_json);
  suite_add_tcase (s, chain);
  suite_add_tcase (s, tamper);
  suite_add_tcase (s, list);
  return s;
}

int
main (void)
{
  return dokus_test_run_suite (audit_suite ());
}

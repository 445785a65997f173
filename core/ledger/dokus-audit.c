/* dokus-audit.c
 *
 * The audit trail: appending hash-chained, Ed25519-signed entries to
 * audit_log (creating this book's device and key on the first one),
 * verifying every device's chain, and listing the newest entries as JSON.
 * The entry encoding is specified in dokus/dokus-audit.h; encode_entry()
 * is its only implementation, shared by append and verify.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <sodium.h>

#include "dokus-audit-private.h"
#include "dokus-balance-links-private.h"
#include "dokus-sync-private.h"
#include "dokus-book-private.h"

#define AUDIT_HASH_BYTES 32
#define AUDIT_DOMAIN     "dokus-audit-v1"
#define UUID_TEXT_LEN    36
#define TIME_TEXT_LEN    20 /* "2026-11-25T19:30:00Z" */

/* A text field as stored: NULL text is SQL NULL. */
typedef struct {
  const char *text;
  size_t      len;
} Field;

/* The hashed content of one entry. */
typedef struct {
  const unsigned char *prev_hash; /* AUDIT_HASH_BYTES */
  Field                device_id;
  int64_t              device_seq;
  Field                at;
  Field                action;
  Field                entity;
  Field                entity_id;
  Field                before_json;
  Field                after_json;
} Entry;

static Field
field_of (const char *text)
{
  return (Field){ text, text ? strlen (text) : 0 };
}

static Field
field_of_column (sqlite3_stmt *stmt, int col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return (Field){ NULL, 0 };
  /* text before bytes: sqlite3_column_bytes() then measures the UTF-8 form */
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  return (Field){ text ? text : "", (size_t) sqlite3_column_bytes (stmt, col) };
}

static void
put_u64 (unsigned char out[8], uint64_t v)
{
  for (int i = 7; i >= 0; i--)
    {
      out[i] = (unsigned char) (v & 0xff);
      v >>= 8;
    }
}

/* One field of the encoding: 0x00 for NULL, else 0x01, length, bytes. */
static void
hash_field (crypto_generichash_state *st, const void *data, size_t len, bool is_null)
{
  unsigned char tag = is_null ? 0x00 : 0x01;
  unsigned char len_be[8];

  crypto_generichash_update (st, &tag, 1);
  if (is_null)
    return;
  put_u64 (len_be, (uint64_t) len);
  crypto_generichash_update (st, len_be, sizeof len_be);
  if (len > 0)
    crypto_generichash_update (st, data, len);
}

static void
hash_text (crypto_generichash_state *st, Field f)
{
  hash_field (st, f.text, f.len, f.text == NULL);
}

/* BLAKE2b-256 of the canonical encoding of @e (dokus-audit.h). */
static void
encode_entry (const Entry *e, unsigned char out[AUDIT_HASH_BYTES])
{
  crypto_generichash_state st;
  unsigned char seq_be[8];

  put_u64 (seq_be, (uint64_t) e->device_seq);
  crypto_generichash_init (&st, NULL, 0, AUDIT_HASH_BYTES);
  hash_field (&st, AUDIT_DOMAIN, strlen (AUDIT_DOMAIN), false);
  hash_field (&st, e->prev_hash, AUDIT_HASH_BYTES, false);
  hash_text (&st, e->device_id);
  hash_field (&st, seq_be, sizeof seq_be, false);
  hash_text (&st, e->at);
  hash_text (&st, e->action);
  hash_text (&st, e->entity);
  hash_text (&st, e->entity_id);
  hash_text (&st, e->before_json);
  hash_text (&st, e->after_json);
  crypto_generichash_final (&st, out, AUDIT_HASH_BYTES);
}

/* A random UUID, version 4, lower-case text form. */
static void
generate_uuid (char out[UUID_TEXT_LEN + 1])
{
  static const char hex[] = "0123456789abcdef";
  unsigned char b[16];
  size_t o = 0;

  randombytes_buf (b, sizeof b);
  b[6] = (unsigned char) ((b[6] & 0x0f) | 0x40); /* version 4 */
  b[8] = (unsigned char) ((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
  for (size_t i = 0; i < sizeof b; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[o++] = '-';
      out[o++] = hex[b[i] >> 4];
      out[o++] = hex[b[i] & 15];
    }
  out[o] = '\0';
}

/* true for "YYYY-MM-DDTHH:MM:SSZ" (digits where digits belong). */
static bool
is_iso_utc_time (const char *s)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";

  if (strlen (s) != TIME_TEXT_LEN)
    return false;
  for (size_t i = 0; i < TIME_TEXT_LEN; i++)
    {
      if (pattern[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != pattern[i])
        return false;
    }
  return true;
}

/* The entry time: DOKUS_NOW if set, else SQLite's clock (portable, UTC). */
static DokusStatus
current_time (sqlite3 *db, char out[TIME_TEXT_LEN + 1], DokusError *err)
{
  const char *env = getenv ("DOKUS_NOW");
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (env != NULL)
    {
      if (!is_iso_utc_time (env))
        return dokus_error_set (err, DOKUS_ERR_INVALID, "DOKUS_NOW",
                                "DOKUS_NOW must look like 2026-11-25T19:30:00Z");
      memcpy (out, env, TIME_TEXT_LEN + 1);
      return DOKUS_OK;
    }
  rc = sqlite3_prepare_v2 (db, "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      DokusStatus status = dokus_book_sqlite_error (db, rc, "reading the clock", err);
      sqlite3_finalize (stmt);
      return status;
    }
  snprintf (out, TIME_TEXT_LEN + 1, "%s", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return DOKUS_OK;
}

/* Runs one prepared-once statement to completion with no result rows. */
static int
step_done (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Creates this book's device: key pair, id, local_device and devices rows. */
static DokusStatus
create_local_device (sqlite3 *db, const char *at, char device_id[UUID_TEXT_LEN + 1],
                     unsigned char sk[crypto_sign_SECRETKEYBYTES], DokusError *err)
{
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  const char *name = getenv ("DOKUS_DEVICE_NAME");
  sqlite3_stmt *stmt = NULL;
  DokusStatus status = DOKUS_OK;
  int rc;

  if (name == NULL || name[0] == '\0')
    name = "this device";
  crypto_sign_keypair (pk, sk);
  generate_uuid (device_id);

  /* SQLITE_STATIC: no copy of the secret key outside the page cache */
  rc = sqlite3_prepare_v2 (db, "INSERT INTO local_device (id, device_id, secret_key) "
                               "VALUES (1, ?1, ?2)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_blob (stmt, 2, sk, crypto_sign_SECRETKEYBYTES, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = step_done (stmt);
  if (rc != SQLITE_OK)
    {
      status = dokus_book_sqlite_error (db, rc, "creating this device", err);
      goto out;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO devices (id, name, public_key, created_at) "
                               "VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_blob (stmt, 3, pk, sizeof pk, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 4, at, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    rc = step_done (stmt);
  if (rc != SQLITE_OK)
    status = dokus_book_sqlite_error (db, rc, "registering this device", err);

out:
  sqlite3_finalize (stmt);
  return status;
}

/* This book's device id and secret key, creating them on first use.
 * Checks that the key belongs to the device's registered public key, so
 * that append never writes an entry that verify would refuse. */
static DokusStatus
load_local_device (sqlite3 *db, const char *at, char device_id[UUID_TEXT_LEN + 1],
                   unsigned char sk[crypto_sign_SECRETKEYBYTES], DokusError *err)
{
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  sqlite3_stmt *stmt = NULL;
  DokusStatus status = DOKUS_OK;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT device_id, secret_key FROM local_device WHERE id = 1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_finalize (stmt);
      return create_local_device (db, at, device_id, sk, err);
    }
  if (rc != SQLITE_ROW)
    {
      status = dokus_book_sqlite_error (db, rc, "reading this device", err);
      goto out;
    }
  const char *id = (const char *) sqlite3_column_text (stmt, 0);
  if (id == NULL || sqlite3_column_bytes (stmt, 0) != UUID_TEXT_LEN
      || sqlite3_column_bytes (stmt, 1) != crypto_sign_SECRETKEYBYTES)
    {
      status = dokus_error_set (err, DOKUS_ERR_CORRUPT, "",
                                "local_device: this device's id or key is damaged");
      goto out;
    }
  memcpy (device_id, id, UUID_TEXT_LEN + 1);
  memcpy (sk, sqlite3_column_blob (stmt, 1), crypto_sign_SECRETKEYBYTES);
  sqlite3_finalize (stmt);
  stmt = NULL;

  rc = sqlite3_prepare_v2 (db, "SELECT public_key FROM devices WHERE id = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      status = dokus_error_set (err, DOKUS_ERR_CORRUPT, "",
                                "devices: this device (%s) is missing", device_id);
      goto out;
    }
  if (rc != SQLITE_ROW)
    {
      status = dokus_book_sqlite_error (db, rc, "reading this device", err);
      goto out;
    }
  crypto_sign_ed25519_sk_to_pk (pk, sk);
  if (sqlite3_column_bytes (stmt, 0) != crypto_sign_PUBLICKEYBYTES
      || sodium_memcmp (sqlite3_column_blob (stmt, 0), pk, sizeof pk) != 0)
    status = dokus_error_set (err, DOKUS_ERR_CORRUPT, "",
                              "devices: the public key of this device (%s) does not match "
                              "its secret key", device_id);

out:
  sqlite3_finalize (stmt);
  if (status != DOKUS_OK)
    sodium_memzero (sk, crypto_sign_SECRETKEYBYTES);
  return status;
}

/* The head of @device_id's chain: next device_seq and the hash to link. */
static DokusStatus
load_chain_head (sqlite3 *db, const char *device_id, int64_t *next_seq,
                 unsigned char prev_hash[AUDIT_HASH_BYTES], DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  DokusStatus status = DOKUS_OK;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT device_seq, hash FROM audit_log WHERE device_id = ?1 "
                               "ORDER BY device_seq DESC LIMIT 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      *next_seq = 1;
      memset (prev_hash, 0, AUDIT_HASH_BYTES);
    }
  else if (rc != SQLITE_ROW)
    status = dokus_book_sqlite_error (db, rc, "reading the audit chain", err);
  else if (sqlite3_column_bytes (stmt, 1) != AUDIT_HASH_BYTES
           || sqlite3_column_int64 (stmt, 0) < 1)
    status = dokus_error_set (err, DOKUS_ERR_CORRUPT, "",
                              "audit_log: the newest entry of this device is damaged "
                              "(run audit verify)");
  else
    {
      *next_seq = sqlite3_column_int64 (stmt, 0) + 1;
      memcpy (prev_hash, sqlite3_column_blob (stmt, 1), AUDIT_HASH_BYTES);
    }
  sqlite3_finalize (stmt);
  return status;
}

/* true if @json is NULL or exactly one JSON value. */
static bool
is_json_or_null (const char *json)
{
  cJSON *v;

  if (json == NULL)
    return true;
  v = cJSON_ParseWithOpts (json, NULL, true);
  cJSON_Delete (v);
  return v != NULL;
}

DokusStatus
dokus_audit_append (sqlite3 *db, const char *action, const char *entity, const char *entity_id,
                    const char *before_json, const char *after_json, DokusError *err)
{
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  unsigned char prev_hash[AUDIT_HASH_BYTES];
  unsigned char hash[AUDIT_HASH_BYTES];
  unsigned char sig[crypto_sign_BYTES];
  char device_id[UUID_TEXT_LEN + 1];
  char at[TIME_TEXT_LEN + 1];
  sqlite3_stmt *stmt = NULL;
  DokusStatus status;
  int64_t seq = 0;
  Entry e;
  int rc;

  assert (db != NULL);
  assert (action != NULL && entity != NULL);
  assert (!sqlite3_get_autocommit (db)); /* the caller's transaction, see the header */

  if (action[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, "action", "the audit action is empty");
  if (entity[0] == '\0')
    return dokus_error_set (err, DOKUS_ERR_INVALID, "entity", "the audit entity is empty");
  if (!is_json_or_null (before_json))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "before_json", "not a JSON value");
  if (!is_json_or_null (after_json))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "after_json", "not a JSON value");
  status = current_time (db, at, err);
  if (status != DOKUS_OK)
    return status;
  status = load_local_device (db, at, device_id, sk, err);
  if (status != DOKUS_OK)
    return status;
  status = load_chain_head (db, device_id, &seq, prev_hash, err);
  if (status != DOKUS_OK)
    goto out;

  e = (Entry){
    .prev_hash = prev_hash,
    .device_id = field_of (device_id),
    .device_seq = seq,
    .at = field_of (at),
    .action = field_of (action),
    .entity = field_of (entity),
    .entity_id = field_of (entity_id),
    .before_json = field_of (before_json),
    .after_json = field_of (after_json),
  };
  encode_entry (&e, hash);
  crypto_sign_detached (sig, NULL, hash, sizeof hash, sk);

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO audit_log (device_id, device_seq, at, action, entity, "
                           "entity_id, before_json, after_json, prev_hash, hash, signature) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 2, seq);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 3, at, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 5, entity, -1, SQLITE_STATIC);
  /* a NULL pointer binds SQL NULL */
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 6, entity_id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 7, before_json, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 8, after_json, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_blob (stmt, 9, prev_hash, sizeof prev_hash, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_blob (stmt, 10, hash, sizeof hash, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_blob (stmt, 11, sig, sizeof sig, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = step_done (stmt);
  if (rc != SQLITE_OK)
    status = dokus_book_sqlite_error (db, rc, "appending to the audit log", err);
  else /* the change, sealed for sync in this same transaction (when sync is on) */
    status = dokus_sync_capture (db, sqlite3_last_insert_rowid (db), action, entity, entity_id,
                                 err);

out:
  sqlite3_finalize (stmt);
  sodium_memzero (sk, sizeof sk);
  return status;
}

DokusStatus
dokus_audit_record (DokusBook *book, const char *action, const char *entity,
                    const char *entity_id, const char *before_json, const char *after_json,
                    DokusError *err)
{
  sqlite3 *db;
  DokusStatus status;
  int rc;

  assert (book != NULL);
  assert (action != NULL && entity != NULL);
  db = dokus_book_get_db (book);
  if (!sqlite3_get_autocommit (db))
    return dokus_error_set (err, DOKUS_ERR_INTERNAL, "",
                            "dokus_audit_record called inside an open transaction");
  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "starting the audit transaction", err);
  status = dokus_audit_append (db, action, entity, entity_id, before_json, after_json, err);
  if (status == DOKUS_OK)
    {
      rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        status = dokus_book_sqlite_error (db, rc, "committing the audit entry", err);
    }
  if (status != DOKUS_OK && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return status;
}

/* What is wrong with one entry of a chain, or NULL if nothing; @expected is
 * the device_seq it should have and @prev the previous entry's hash. */
static const char *
check_entry (sqlite3_stmt *stmt, int64_t expected, const unsigned char prev[AUDIT_HASH_BYTES],
             char *buf, size_t size)
{
  unsigned char hash[AUDIT_HASH_BYTES];
  int64_t device_seq = sqlite3_column_int64 (stmt, 2);

  if (sqlite3_column_type (stmt, 12) == SQLITE_NULL)
    return "its device is not among the book's devices";
  if (device_seq != expected)
    {
      if (expected == 1)
        snprintf (buf, size, "the chain starts at #%lld, not #1: entries are missing",
                  (long long) device_seq);
      else if (device_seq > expected)
        snprintf (buf, size, "follows #%lld: entries are missing", (long long) (expected - 1));
      else
        snprintf (buf, size, "follows #%lld: its number is out of sequence",
                  (long long) (expected - 1));
      return buf;
    }
  if (sqlite3_column_bytes (stmt, 9) != AUDIT_HASH_BYTES
      || memcmp (sqlite3_column_blob (stmt, 9), prev, AUDIT_HASH_BYTES) != 0)
    return expected == 1 ? "the first entry of its chain does not start from a zero hash"
                         : "does not link to the previous entry (prev_hash differs)";
  /* the column order of verify_sql matches Entry */
  Entry e = {
    .prev_hash = prev,
    .device_id = field_of_column (stmt, 1),
    .device_seq = device_seq,
    .at = field_of_column (stmt, 3),
    .action = field_of_column (stmt, 4),
    .entity = field_of_column (stmt, 5),
    .entity_id = field_of_column (stmt, 6),
    .before_json = field_of_column (stmt, 7),
    .after_json = field_of_column (stmt, 8),
  };
  encode_entry (&e, hash);
  if (sqlite3_column_bytes (stmt, 10) != AUDIT_HASH_BYTES
      || memcmp (sqlite3_column_blob (stmt, 10), hash, AUDIT_HASH_BYTES) != 0)
    return "hash does not match its content";
  if (sqlite3_column_bytes (stmt, 12) != crypto_sign_PUBLICKEYBYTES)
    return "its device's public key is damaged";
  if (sqlite3_column_bytes (stmt, 11) != crypto_sign_BYTES
      || crypto_sign_verify_detached (sqlite3_column_blob (stmt, 11), hash, sizeof hash,
                                      sqlite3_column_blob (stmt, 12)) != 0)
    return "signature does not verify with its device's public key";
  return NULL;
}

DokusStatus
dokus_audit_verify (DokusBook *book, DokusAuditReport *out, DokusError *err)
{
  /* the LEFT JOIN keeps entries whose device is missing (foreign keys off) */
  static const char verify_sql[] =
    "SELECT a.seq, a.device_id, a.device_seq, a.at, a.action, a.entity, a.entity_id, "
    "a.before_json, a.after_json, a.prev_hash, a.hash, a.signature, d.public_key "
    "FROM audit_log AS a LEFT JOIN devices AS d ON d.id = a.device_id "
    "ORDER BY a.device_id, a.device_seq, a.seq";
  unsigned char prev[AUDIT_HASH_BYTES] = { 0 };
  char *chain = NULL; /* the device of the chain being walked, sqlite3_mprintf */
  char why_buf[128];
  bool chain_broken = false;
  int64_t expected = 1;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  assert (book != NULL);
  assert (out != NULL);
  memset (out, 0, sizeof *out);
  db = dokus_book_get_db (book);
  rc = sqlite3_prepare_v2 (db, verify_sql, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *device = (const char *) sqlite3_column_text (stmt, 1);
      int64_t seq = sqlite3_column_int64 (stmt, 0);
      const char *why;

      rc = SQLITE_OK;
      out->entries++;
      if (device == NULL)
        device = "";
      if (chain == NULL || strcmp (device, chain) != 0)
        {
          sqlite3_free (chain);
          chain = sqlite3_mprintf ("%s", device);
          if (chain == NULL)
            {
              rc = SQLITE_NOMEM;
              break;
            }
          out->devices++;
          memset (prev, 0, sizeof prev);
          expected = 1;
          chain_broken = false;
        }
      if (chain_broken)
        continue;
      why = check_entry (stmt, expected, prev, why_buf, sizeof why_buf);
      if (why != NULL)
        {
          chain_broken = true;
          if (out->first_bad_seq == 0 || seq < out->first_bad_seq)
            {
              out->first_bad_seq = seq;
              snprintf (out->problem, sizeof out->problem,
                        "entry %lld (device %.8s\u2026, #%lld): %s", (long long) seq, device,
                        (long long) sqlite3_column_int64 (stmt, 2), why);
            }
          continue;
        }
      expected++;
      memcpy (prev, sqlite3_column_blob (stmt, 10), AUDIT_HASH_BYTES);
    }
  sqlite3_finalize (stmt);
  sqlite3_free (chain);
  if (rc != SQLITE_DONE)
    {
      DokusStatus status = dokus_book_sqlite_error (db, rc, "reading the audit log", err);
      out->first_bad_seq = 0;
      out->problem[0] = '\0';
      return status;
    }
  if (out->first_bad_seq != 0)
    return dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "audit log: %s", out->problem);
  /* and the links the balances are derived from (0013) */
  {
    DokusStatus status = dokus_balance_links_check (db, out->problem, sizeof out->problem, err);
    if (status != DOKUS_OK)
      return status;
  }
  if (out->problem[0] != '\0')
    return dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "%s", out->problem);
  return DOKUS_OK;
}

/* @text parsed as JSON into @obj under @key, or null for NULL. */
static DokusStatus
add_json (cJSON *obj, const char *key, const char *text, int64_t seq, DokusError *err)
{
  cJSON *v;

  if (text == NULL)
    v = cJSON_CreateNull ();
  else
    {
      v = cJSON_ParseWithOpts (text, NULL, true);
      if (v == NULL)
        return dokus_error_set (err, DOKUS_ERR_CORRUPT, "",
                                "audit log: entry %lld: %s is not valid JSON", (long long) seq,
                                key);
    }
  if (v == NULL || !cJSON_AddItemToObject (obj, key, v))
    {
      cJSON_Delete (v);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  return DOKUS_OK;
}

static bool
add_text_or_null (cJSON *obj, const char *key, const char *text)
{
  return text ? cJSON_AddStringToObject (obj, key, text) != NULL
              : cJSON_AddNullToObject (obj, key) != NULL;
}

DokusStatus
dokus_audit_list_json (DokusBook *book, int64_t limit, char **out_json, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  DokusStatus status = DOKUS_OK;
  cJSON *array = NULL;
  sqlite3 *db;
  int rc;

  assert (book != NULL);
  assert (out_json != NULL);
  *out_json = NULL;
  if (limit < 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "limit", "the limit is negative");
  db = dokus_book_get_db (book);
  array = cJSON_CreateArray ();
  if (array == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");

  rc = sqlite3_prepare_v2 (db, "SELECT seq, device_id, at, action, entity, entity_id, "
                               "before_json, after_json FROM audit_log "
                               "ORDER BY seq DESC LIMIT ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 1, limit == 0 ? -1 : limit); /* -1: no limit */
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int64_t seq = sqlite3_column_int64 (stmt, 0);
      cJSON *item = cJSON_CreateObject ();

      rc = SQLITE_OK;
      if (item == NULL || !cJSON_AddItemToArray (array, item))
        {
          cJSON_Delete (item);
          status = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
          goto out;
        }
      if (cJSON_AddNumberToObject (item, "seq", (double) seq) == NULL
          || !add_text_or_null (item, "device_id", (const char *) sqlite3_column_text (stmt, 1))
          || !add_text_or_null (item, "at", (const char *) sqlite3_column_text (stmt, 2))
          || !add_text_or_null (item, "action", (const char *) sqlite3_column_text (stmt, 3))
          || !add_text_or_null (item, "entity", (const char *) sqlite3_column_text (stmt, 4))
          || !add_text_or_null (item, "entity_id", (const char *) sqlite3_column_text (stmt, 5)))
        {
          status = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
          goto out;
        }
      status = add_json (item, "before", (const char *) sqlite3_column_text (stmt, 6), seq, err);
      if (status == DOKUS_OK)
        status = add_json (item, "after", (const char *) sqlite3_column_text (stmt, 7), seq, err);
      if (status != DOKUS_OK)
        goto out;
    }
  if (rc != SQLITE_DONE)
    {
      status = dokus_book_sqlite_error (db, rc, "reading the audit log", err);
      goto out;
    }
  *out_json = cJSON_PrintUnformatted (array);
  if (*out_json == NULL)
    status = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");

out:
  sqlite3_finalize (stmt);
  cJSON_Delete (array);
  return status;
}

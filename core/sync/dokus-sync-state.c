/* dokus-sync-state.c
 *
 * Turning sync on, the member list, the outbox as the relay client sees
 * it, the cursor, series leases, and the test clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-audit-private.h"
#include "dokus-book-private.h"
#include "dokus-id-private.h"
#include "dokus-sync-private.h"

typedef struct {
  DokusSyncClock clock;
  void *user;
} Clock;

static void
clock_func (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  Clock *c = sqlite3_user_data (ctx);
  (void) argc;
  (void) argv;
  sqlite3_result_int64 (ctx, c->clock (c->user));
}

DokusStatus
dokus_sync_set_clock (DokusBook *book, DokusSyncClock clock, void *user, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  Clock *c = NULL;
  int rc;

  if (clock != NULL)
    {
      c = malloc (sizeof *c);
      if (c == NULL)
        return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      *c = (Clock){ clock, user };
    }
  /* SQLite calls free on c when the function is replaced or the book closes */
  rc = sqlite3_create_function_v2 (db, DOKUS_SYNC_CLOCK_FUNCTION, 0, SQLITE_UTF8, c,
                                   c ? clock_func : NULL, NULL, NULL, c ? free : NULL);
  if (rc != SQLITE_OK)
    return dokus_book_sqlite_error (db, rc, "setting the sync clock", err);
  return DOKUS_OK;
}

bool
dokus_sync_is_enabled (DokusBook *book)
{
  return dokus_sync_self (dokus_book_get_db (book), NULL, NULL);
}

static DokusStatus
exec_bind (sqlite3 *db, const char *sql, const char *t1, const char *t2, int64_t i3,
           const void *blob, int blob_len, const char *what, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      if (t1 != NULL)
        sqlite3_bind_text (stmt, 1, t1, -1, SQLITE_STATIC);
      if (t2 != NULL)
        sqlite3_bind_text (stmt, 2, t2, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, i3);
      if (blob != NULL)
        sqlite3_bind_blob (stmt, 4, blob, blob_len, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK ? DOKUS_OK : dokus_book_sqlite_error (db, rc, what, err);
}

/* this device's id and public key, from the audit device */
static DokusStatus
local_identity (sqlite3 *db, char device_id[DOKUS_SYNC_ID_TEXT], unsigned char pk[32],
                DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT device_id, secret_key FROM local_device WHERE id = 1",
                               -1, &stmt, NULL);
  DokusStatus st = DOKUS_OK;

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 1) == crypto_sign_SECRETKEYBYTES)
    {
      snprintf (device_id, DOKUS_SYNC_ID_TEXT, "%s", sqlite3_column_text (stmt, 0));
      crypto_sign_ed25519_sk_to_pk (pk, sqlite3_column_blob (stmt, 1));
    }
  else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    st = dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "local_device: this device has no key");
  else
    st = dokus_book_sqlite_error (db, rc, "reading this device", err);
  sqlite3_finalize (stmt);
  return st;
}

DokusStatus
dokus_sync_enable (DokusBook *book, const char *book_id, const unsigned char *key,
                   uint32_t key_epoch, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char id[DOKUS_UUID_TEXT], device_id[DOKUS_SYNC_ID_TEXT];
  unsigned char k[32], pk[32];
  DokusStatus st;

  assert (book != NULL);
  if ((book_id == NULL) != (key == NULL))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "key",
                            "a book id and its key are given together");
  if (book_id != NULL && (!dokus_uuid_is_valid (book_id) || key_epoch == 0))
    return dokus_error_set (err, DOKUS_ERR_INVALID, book_id ? "key_epoch" : "book_id",
                            "not a book id and key epoch");
  if (dokus_sync_self (db, NULL, NULL))
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "", "sync is already enabled on this book");
  if (book_id == NULL)
    {
      dokus_uuid_new (id);
      randombytes_buf (k, sizeof k);
      key_epoch = 1;
    }
  else
    {
      snprintf (id, sizeof id, "%s", book_id);
      memcpy (k, key, sizeof k);
    }
  st = dokus_sync_exec (db, "BEGIN IMMEDIATE", "enabling sync", err);
  if (st != DOKUS_OK)
    goto out;
  /* the entry makes the audit device if the book has none yet; sync is
   * still off, so it is captured below with everything else */
  st = dokus_audit_append (db, "sync-enable", "book", id, NULL, NULL, err);
  if (st == DOKUS_OK)
    st = local_identity (db, device_id, pk, err);
  if (st == DOKUS_OK)
    st = exec_bind (db, "INSERT INTO sync_self (id, book_id, device_id, key_epoch)"
                        " VALUES (1, ?1, ?2, ?3)", id, device_id, key_epoch, NULL, 0,
                    "enabling sync", err);
  if (st == DOKUS_OK)
    st = exec_bind (db, "INSERT INTO sync_keyring (key_epoch, sync_key) VALUES (?3, ?4)", NULL,
                    NULL, key_epoch, k, sizeof k, "saving the sync key", err);
  if (st == DOKUS_OK)
    st = exec_bind (db, "INSERT OR REPLACE INTO sync_member (device_id, sign_pk, role)"
                        " VALUES (?1, ?4, ?2)", device_id, book_id ? "device" : "owner", 0, pk,
                    sizeof pk, "adding this device as a member", err);
  if (st == DOKUS_OK)
    st = exec_bind (db, "INSERT OR IGNORE INTO sync_cursor (id) VALUES (1)", NULL, NULL, 0, NULL,
                    0, "saving the sync cursor", err);
  /* everything the book already holds travels in the first envelope */
  if (st == DOKUS_OK)
    st = dokus_sync_capture (db, 0, "sync-enable", "book", NULL, err);
  if (st == DOKUS_OK)
    st = dokus_sync_exec (db, "COMMIT", "enabling sync", err);
  if (st != DOKUS_OK && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
out:
  sodium_memzero (k, sizeof k);
  return st;
}

DokusStatus
dokus_sync_get_identity (DokusBook *book, char book_id[DOKUS_SYNC_ID_TEXT],
                         char device_id[DOKUS_SYNC_ID_TEXT],
                         unsigned char sign_pk[DOKUS_SYNC_SIGN_PK_BYTES], DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char dev[DOKUS_SYNC_ID_TEXT];
  unsigned char pk[32];
  DokusStatus st;

  if (!dokus_sync_self (db, book_id, device_id))
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "", "sync is not enabled on this book");
  st = local_identity (db, dev, pk, err);
  if (st == DOKUS_OK && sign_pk != NULL)
    memcpy (sign_pk, pk, sizeof pk);
  return st;
}

DokusStatus
dokus_sync_export_key (DokusBook *book, uint32_t *key_epoch, unsigned char key[32],
                       DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  int rc = sqlite3_prepare_v2 (db, "SELECT k.key_epoch, k.sync_key FROM sync_keyring k"
                                   " JOIN sync_self s ON s.key_epoch = k.key_epoch", -1, &stmt,
                               NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 1) == 32)
    {
      *key_epoch = (uint32_t) sqlite3_column_int64 (stmt, 0);
      memcpy (key, sqlite3_column_blob (stmt, 1), 32);
    }
  else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    st = dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "", "sync is not enabled on this book");
  else
    st = dokus_book_sqlite_error (db, rc, "reading the sync key", err);
  sqlite3_finalize (stmt);
  return st;
}

DokusStatus
dokus_sync_member_add (DokusBook *book, const char *device_id, const unsigned char sign_pk[32],
                       const char *role, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);

  assert (device_id != NULL && sign_pk != NULL && role != NULL);
  if (!dokus_uuid_is_valid (device_id))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "device_id", "not a device id: %s",
                            device_id);
  if (strcmp (role, "owner") != 0 && strcmp (role, "device") != 0
      && strcmp (role, "accountant") != 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "role",
                            "a role is owner, device or accountant, not %s", role);
  return exec_bind (db, "INSERT INTO sync_member (device_id, sign_pk, role) VALUES (?1, ?4, ?2)"
                        " ON CONFLICT (device_id) DO UPDATE SET sign_pk = excluded.sign_pk,"
                        " role = excluded.role",
                    device_id, role, 0, sign_pk, 32, "adding a sync member", err);
}

void
dokus_sync_envelopes_free (DokusSyncEnvelope *envs, size_t n)
{
  if (envs == NULL)
    return;
  for (size_t i = 0; i < n; i++)
    free (envs[i].ct);
  free (envs);
}

DokusStatus
dokus_sync_outbox_list (DokusBook *book, size_t limit, DokusSyncEnvelope **out, size_t *n_out,
                        DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char self[DOKUS_SYNC_ID_TEXT];
  DokusSyncEnvelope *envs = NULL;
  size_t n = 0, cap = 0;
  sqlite3_stmt *stmt = NULL;
  int rc;

  *out = NULL;
  *n_out = 0;
  if (!dokus_sync_self (db, NULL, self))
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "", "sync is not enabled on this book");
  rc = sqlite3_prepare_v2 (db, "SELECT dev_seq, key_epoch, nonce, ct, sig, kind FROM sync_outbox"
                               " WHERE server_seq IS NULL ORDER BY dev_seq LIMIT ?1", -1, &stmt,
                           NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 1, limit == 0 ? INT64_MAX : (int64_t) limit);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DokusSyncEnvelope *e;
      rc = SQLITE_OK;
      if (n == cap)
        {
          DokusSyncEnvelope *bigger = realloc (envs, (cap ? 2 * cap : 8) * sizeof *envs);
          if (bigger == NULL)
            {
              rc = SQLITE_NOMEM;
              break;
            }
          envs = bigger;
          cap = cap ? 2 * cap : 8;
        }
      e = &envs[n];
      memset (e, 0, sizeof *e);
      snprintf (e->device_id, sizeof e->device_id, "%s", self);
      e->dev_seq = sqlite3_column_int64 (stmt, 0);
      e->key_epoch = (uint32_t) sqlite3_column_int64 (stmt, 1);
      e->ct_len = (size_t) sqlite3_column_bytes (stmt, 3);
      e->ct = malloc (e->ct_len ? e->ct_len : 1);
      if (e->ct == NULL || sqlite3_column_bytes (stmt, 2) != DOKUS_SYNC_NONCE_BYTES
          || sqlite3_column_bytes (stmt, 4) != DOKUS_SYNC_SIG_BYTES)
        {
          free (e->ct);
          rc = e->ct == NULL ? SQLITE_NOMEM : SQLITE_CORRUPT;
          break;
        }
      n++;
      memcpy (e->ct, sqlite3_column_blob (stmt, 3), e->ct_len);
      memcpy (e->nonce, sqlite3_column_blob (stmt, 2), DOKUS_SYNC_NONCE_BYTES);
      memcpy (e->sig, sqlite3_column_blob (stmt, 4), DOKUS_SYNC_SIG_BYTES);
      snprintf (e->kind, sizeof e->kind, "%s", (const char *) sqlite3_column_text (stmt, 5));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dokus_sync_envelopes_free (envs, n);
      return dokus_book_sqlite_error (db, rc, "reading the sync outbox", err);
    }
  *out = envs;
  *n_out = n;
  return DOKUS_OK;
}

DokusStatus
dokus_sync_outbox_ack (DokusBook *book, int64_t dev_seq, int64_t server_seq, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  int rc = sqlite3_prepare_v2 (db, "SELECT server_seq FROM sync_outbox WHERE dev_seq = ?1", -1,
                               &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, dev_seq);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_DONE)
    st = dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "dev_seq", "no envelope %" PRId64
                          " in the outbox", dev_seq);
  else if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL
           && sqlite3_column_int64 (stmt, 0) != server_seq)
    st = dokus_error_set (err, DOKUS_ERR_CORRUPT, "server_seq",
                          "envelope %" PRId64 " was acknowledged as %" PRId64 ", now as %" PRId64,
                          dev_seq, (int64_t) sqlite3_column_int64 (stmt, 0), server_seq);
  else if (rc != SQLITE_ROW)
    st = dokus_book_sqlite_error (db, rc, "reading the sync outbox", err);
  sqlite3_finalize (stmt);
  if (st != DOKUS_OK)
    return st;
  stmt = NULL;
  rc = sqlite3_prepare_v2 (db, "UPDATE sync_outbox SET server_seq = ?2 WHERE dev_seq = ?1", -1,
                           &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, dev_seq);
      sqlite3_bind_int64 (stmt, 2, server_seq);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK ? DOKUS_OK : dokus_book_sqlite_error (db, rc, "acknowledging", err);
}

static DokusStatus
query_int (sqlite3 *db, const char *sql, const char *arg, int64_t *out, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  *out = 0;
  if (rc == SQLITE_OK && arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return dokus_book_sqlite_error (db, rc, "reading the sync state", err);
  return DOKUS_OK;
}

DokusStatus
dokus_sync_get_cursor (DokusBook *book, int64_t *server_seq, DokusError *err)
{
  return query_int (dokus_book_get_db (book), "SELECT server_seq FROM sync_cursor WHERE id = 1",
                    NULL, server_seq, err);
}

DokusStatus
dokus_sync_pending_count (DokusBook *book, int64_t *count, DokusError *err)
{
  return query_int (dokus_book_get_db (book), "SELECT count(*) FROM sync_pending", NULL, count,
                    err);
}

DokusStatus
dokus_sync_applied_get (DokusBook *book, const char *device_id, int64_t *max_dev_seq,
                        DokusError *err)
{
  return query_int (dokus_book_get_db (book),
                    "SELECT CASE WHEN ?1 = (SELECT device_id FROM sync_self)"
                    " THEN (SELECT next_dev_seq - 1 FROM sync_self)"
                    " ELSE (SELECT max_dev_seq FROM sync_applied WHERE device_id = ?1) END",
                    device_id, max_dev_seq, err);
}

DokusStatus
dokus_sync_lease_set (DokusBook *book, const char *series, const char *holder, int64_t epoch,
                      DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);

  assert (series != NULL);
  return exec_bind (db, "INSERT INTO series_lease (series, holder, epoch) VALUES (?1, ?2, ?3)"
                        " ON CONFLICT (series) DO UPDATE SET holder = excluded.holder,"
                        " epoch = excluded.epoch",
                    series, holder, epoch, NULL, 0, "recording the series lease", err);
}

DokusStatus
dokus_sync_lease_check (sqlite3 *db, const char *series_id, DokusError *err)
{
  char self[DOKUS_SYNC_ID_TEXT];
  sqlite3_stmt *stmt = NULL;
  bool held = false;
  int rc;

  if (!dokus_sync_self (db, NULL, self))
    return DOKUS_OK; /* a book without sync numbers alone */
  rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM series_lease WHERE series = ?1 AND holder = ?2",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, series_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, self, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      held = rc == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return dokus_book_sqlite_error (db, rc, "reading the series lease", err);
  if (!held)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "series",
                            "this device does not hold the lease of series %s: take it over "
                            "(online) before issuing in it",
                            series_id);
  return DOKUS_OK;
}

DokusStatus
dokus_sync_sign (DokusBook *book, const unsigned char *msg, size_t len,
                 unsigned char sig[DOKUS_SYNC_SIG_BYTES], DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  DokusStatus st;

  assert (msg != NULL || len == 0);
  if (!dokus_sync_self (db, NULL, NULL))
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "", "sync is not enabled on this book");
  st = dokus_sync_load_sign_key (db, sk, err);
  if (st == DOKUS_OK)
    crypto_sign_detached (sig, NULL, msg, len, sk);
  sodium_memzero (sk, sizeof sk);
  return st;
}

DokusStatus
dokus_sync_members_json (DokusBook *book, char **out_json, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char self[DOKUS_SYNC_ID_TEXT];
  sqlite3_stmt *stmt = NULL;
  cJSON *list;
  int rc;

  *out_json = NULL;
  if (!dokus_sync_self (db, NULL, self))
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "", "sync is not enabled on this book");
  list = cJSON_CreateArray ();
  rc = list ? sqlite3_prepare_v2 (db, "SELECT m.device_id, m.role, m.revoked, m.sign_pk,"
                                      " CASE WHEN m.device_id = s.device_id THEN s.next_dev_seq - 1"
                                      " ELSE coalesce (a.max_dev_seq, 0) END"
                                      " FROM sync_member m JOIN sync_self s"
                                      " LEFT JOIN sync_applied a ON a.device_id = m.device_id"
                                      " ORDER BY m.device_id", -1, &stmt, NULL)
            : SQLITE_NOMEM;
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      cJSON *m = cJSON_CreateObject ();
      unsigned char h[32];
      char hex[65];
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      rc = SQLITE_OK;
      crypto_generichash (h, sizeof h, sqlite3_column_blob (stmt, 3),
                          (size_t) sqlite3_column_bytes (stmt, 3), NULL, 0);
      sodium_bin2hex (hex, sizeof hex, h, 8);
      cJSON_AddStringToObject (m, "device_id", id ? id : "");
      cJSON_AddStringToObject (m, "role", (const char *) sqlite3_column_text (stmt, 1));
      cJSON_AddBoolToObject (m, "revoked", sqlite3_column_int (stmt, 2) != 0);
      cJSON_AddBoolToObject (m, "this_device", id != NULL && strcmp (id, self) == 0);
      cJSON_AddStringToObject (m, "fingerprint", hex);
      cJSON_AddNumberToObject (m, "applied", (double) sqlite3_column_int64 (stmt, 4));
      cJSON_AddItemToArray (list, m);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cJSON_Delete (list);
      return dokus_book_sqlite_error (db, rc, "listing the sync members", err);
    }
  *out_json = cJSON_PrintUnformatted (list);
  cJSON_Delete (list);
  if (*out_json == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  return DOKUS_OK;
}

DokusStatus
dokus_sync_series_tag (DokusBook *book, const char *series, char hex[65], DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  unsigned char key[32], tag_key[32], tag[32];
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  int rc;

  assert (series != NULL && hex != NULL);
  rc = sqlite3_prepare_v2 (db, "SELECT sync_key FROM sync_keyring ORDER BY key_epoch LIMIT 1", -1,
                           &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == 32)
    memcpy (key, sqlite3_column_blob (stmt, 0), 32);
  else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    st = dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "", "sync is not enabled on this book");
  else
    st = dokus_book_sqlite_error (db, rc, "reading the sync keyring", err);
  sqlite3_finalize (stmt);
  if (st != DOKUS_OK)
    return st;
  crypto_generichash (tag_key, sizeof tag_key, (const unsigned char *) "dokus-tag-1", 11, key,
                      sizeof key);
  crypto_generichash (tag, sizeof tag, (const unsigned char *) series, strlen (series), tag_key,
                      sizeof tag_key);
  sodium_bin2hex (hex, 65, tag, sizeof tag);
  sodium_memzero (key, sizeof key);
  sodium_memzero (tag_key, sizeof tag_key);
  return DOKUS_OK;
}

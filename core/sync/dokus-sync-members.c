/* dokus-sync-members.c
 *
 * Members as facts: the owner records a member joining or being revoked
 * (an audit entry, captured as a "member" op in a signed envelope), and
 * every replica takes member ops only from an owner. A revocation carries
 * a cut-off, the revoked device's last dev_seq the relay took: envelopes
 * up to it still apply everywhere, later ones are refused. Also this
 * device's identity and role.
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

static bool
role_ok (const char *role)
{
  return role != NULL
         && (strcmp (role, "owner") == 0 || strcmp (role, "device") == 0
             || strcmp (role, "accountant") == 0);
}

static const char *
member_role (sqlite3 *db, const char *device_id, bool *revoked)
{
  sqlite3_stmt *stmt = NULL;
  const char *role = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT role, revoked FROM sync_member WHERE device_id = ?1", -1,
                          &stmt, NULL) == SQLITE_OK
      && sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_STATIC) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *r = (const char *) sqlite3_column_text (stmt, 0);
      role = r == NULL                        ? NULL
             : strcmp (r, "owner") == 0      ? "owner"
             : strcmp (r, "accountant") == 0 ? "accountant"
                                             : "device";
      if (revoked != NULL)
        *revoked = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_finalize (stmt);
  return role;
}

const char *
dokus_sync_member_role_of (sqlite3 *db, const char *device)
{
  return member_role (db, device, NULL);
}

bool
dokus_sync_is_owner (sqlite3 *db, const char *device_id)
{
  bool revoked = true;
  const char *role = member_role (db, device_id, &revoked);
  return role != NULL && strcmp (role, "owner") == 0 && !revoked;
}

const char *
dokus_sync_role (DokusBook *book)
{
  sqlite3 *db = dokus_book_get_db (book);
  char self[DOKUS_SYNC_ID_TEXT];

  if (!dokus_sync_self (db, NULL, self))
    return NULL;
  return member_role (db, self, NULL);
}

uint32_t
dokus_sync_key_epoch (DokusBook *book)
{
  sqlite3_stmt *stmt = NULL;
  uint32_t epoch = 0;

  if (sqlite3_prepare_v2 (dokus_book_get_db (book), "SELECT key_epoch FROM sync_self", -1, &stmt,
                          NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    epoch = (uint32_t) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return epoch;
}

DokusStatus
dokus_sync_device_identity (DokusBook *book, char device_id[DOKUS_SYNC_ID_TEXT],
                            unsigned char sign_pk[DOKUS_SYNC_SIGN_PK_BYTES], DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  bool have = false;
  int rc;

  assert (book != NULL && device_id != NULL && sign_pk != NULL);
  for (int attempt = 0; st == DOKUS_OK && !have && attempt < 2; attempt++)
    {
      rc = sqlite3_prepare_v2 (db, "SELECT device_id, secret_key FROM local_device WHERE id = 1",
                               -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 1) == crypto_sign_SECRETKEYBYTES)
        {
          snprintf (device_id, DOKUS_SYNC_ID_TEXT, "%s", sqlite3_column_text (stmt, 0));
          crypto_sign_ed25519_sk_to_pk (sign_pk, sqlite3_column_blob (stmt, 1));
          have = true;
        }
      else if (rc != SQLITE_DONE)
        st = rc == SQLITE_ROW ? dokus_error_set (err, DOKUS_ERR_CORRUPT, "",
                                                 "local_device: this device's key is damaged")
                              : dokus_book_sqlite_error (db, rc, "reading this device", err);
      sqlite3_finalize (stmt);
      stmt = NULL;
      if (st == DOKUS_OK && !have && attempt == 0)
        {
          /* the first audit entry makes the device and its key */
          st = dokus_sync_exec (db, "BEGIN IMMEDIATE", "making this device's key", err);
          if (st == DOKUS_OK)
            st = dokus_audit_append (db, "device-key", "book", NULL, NULL, NULL, err);
          if (st == DOKUS_OK)
            st = dokus_sync_exec (db, "COMMIT", "making this device's key", err);
          if (st != DOKUS_OK && !sqlite3_get_autocommit (db))
            sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
        }
    }
  if (st == DOKUS_OK && !have)
    st = dokus_error_set (err, DOKUS_ERR_INTERNAL, "", "this device's key was not made");
  return st;
}

int
dokus_sync_member_merge (sqlite3 *db, const DokusSyncMemberInfo *m)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (
    db,
    "INSERT INTO sync_member (device_id, sign_pk, role, revoked, revoked_after)"
    " VALUES (?1, ?2, ?3, ?4 >= 0, CASE WHEN ?4 >= 0 THEN ?4 END)"
    " ON CONFLICT (device_id) DO UPDATE SET"
    " revoked = revoked OR excluded.revoked,"
    " revoked_after = CASE WHEN revoked = 1 THEN revoked_after ELSE excluded.revoked_after END",
    -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, m->device_id, -1, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 2, m->sign_pk, 32, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, m->role, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, m->revoked_after);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* the member row of @device_id; false if unknown */
static bool
member_load (sqlite3 *db, const char *device_id, DokusSyncMemberInfo *m)
{
  sqlite3_stmt *stmt = NULL;
  bool found = false;

  if (sqlite3_prepare_v2 (db, "SELECT sign_pk, role, revoked, revoked_after FROM sync_member"
                              " WHERE device_id = ?1", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_STATIC) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == 32)
    {
      snprintf (m->device_id, sizeof m->device_id, "%s", device_id);
      memcpy (m->sign_pk, sqlite3_column_blob (stmt, 0), 32);
      snprintf (m->role, sizeof m->role, "%s", sqlite3_column_text (stmt, 1));
      m->revoked_after = sqlite3_column_int (stmt, 2) == 0 ? -1 : sqlite3_column_int64 (stmt, 3);
      found = true;
    }
  sqlite3_finalize (stmt);
  return found;
}

DokusStatus
dokus_sync_member_record (DokusBook *book, const char *device_id, const unsigned char *sign_pk,
                          const char *role, int64_t revoked_after, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char self[DOKUS_SYNC_ID_TEXT], after[160];
  DokusSyncMemberInfo m = { 0 };
  DokusStatus st;
  int rc;

  assert (book != NULL && device_id != NULL);
  if (!dokus_sync_self (db, NULL, self))
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "", "sync is not enabled on this book");
  if (!dokus_sync_is_owner (db, self))
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "role",
                            "only the book's owner device adds or revokes members");
  if (!dokus_uuid_is_valid (device_id))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "device_id", "not a device id: %s",
                            device_id);
  if (strcmp (device_id, self) == 0)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "device_id",
                            "the owner cannot add or revoke itself");
  if (!member_load (db, device_id, &m))
    {
      if (sign_pk == NULL || revoked_after >= 0)
        return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "device_id",
                                "%s is not a member of this book", device_id);
      snprintf (m.device_id, sizeof m.device_id, "%s", device_id);
      memcpy (m.sign_pk, sign_pk, 32);
    }
  else if (sign_pk != NULL && memcmp (m.sign_pk, sign_pk, 32) != 0)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "sign_pk",
                            "%s is a member with another key (device ids are never reused)",
                            device_id);
  if (role != NULL)
    {
      if (!role_ok (role) || strcmp (role, "owner") == 0)
        return dokus_error_set (err, DOKUS_ERR_INVALID, "role",
                                "a paired member is a device or an accountant, not %s", role);
      snprintf (m.role, sizeof m.role, "%s", role);
    }
  else if (m.role[0] == '\0')
    snprintf (m.role, sizeof m.role, "device");
  m.revoked_after = revoked_after < 0 ? -1 : revoked_after;
  snprintf (after, sizeof after, "{\"role\": \"%s\", \"revoked_after\": %" PRId64 "}", m.role,
            m.revoked_after);

  st = dokus_sync_exec (db, "BEGIN IMMEDIATE", "recording a member", err);
  if (st != DOKUS_OK)
    return st;
  rc = dokus_sync_member_merge (db, &m);
  if (rc != SQLITE_OK)
    st = dokus_book_sqlite_error (db, rc, "recording a member", err);
  /* the audit entry is captured with a "member" op: one signed envelope */
  if (st == DOKUS_OK)
    st = dokus_audit_append (db, revoked_after >= 0 ? "member-revoke" : "member-add",
                             "sync_member", device_id, NULL, after, err);
  if (st == DOKUS_OK)
    st = dokus_sync_exec (db, "COMMIT", "recording a member", err);
  if (st != DOKUS_OK && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return st;
}

DokusStatus
dokus_sync_member_op (sqlite3 *db, const char *device_id, cJSON *ops, DokusError *err)
{
  DokusSyncMemberInfo m;
  char pk[65];
  cJSON *op;

  if (!member_load (db, device_id, &m))
    return dokus_error_set (err, DOKUS_ERR_INTERNAL, "", "member %s is missing", device_id);
  op = cJSON_CreateObject ();
  if (op == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  sodium_bin2hex (pk, sizeof pk, m.sign_pk, 32);
  cJSON_AddStringToObject (op, "k", "member");
  cJSON_AddStringToObject (op, "id", m.device_id);
  cJSON_AddStringToObject (op, "pk", pk);
  cJSON_AddStringToObject (op, "role", m.role);
  cJSON_AddNumberToObject (op, "revoked_after", (double) m.revoked_after);
  cJSON_AddItemToArray (ops, op);
  return DOKUS_OK;
}

int
dokus_sync_member_apply (sqlite3 *db, const cJSON *op, const char *device, bool *applied)
{
  const cJSON *id = cJSON_GetObjectItemCaseSensitive (op, "id");
  const cJSON *pk = cJSON_GetObjectItemCaseSensitive (op, "pk");
  const cJSON *role = cJSON_GetObjectItemCaseSensitive (op, "role");
  const cJSON *after = cJSON_GetObjectItemCaseSensitive (op, "revoked_after");
  DokusSyncMemberInfo m = { 0 };
  size_t got = 0;

  *applied = false;
  /* only an owner says who is a member */
  if (!dokus_sync_is_owner (db, device) || !cJSON_IsString (id)
      || !dokus_uuid_is_valid (id->valuestring) || !cJSON_IsString (pk)
      || sodium_hex2bin (m.sign_pk, 32, pk->valuestring, strlen (pk->valuestring), NULL, &got,
                         NULL)
           != 0
      || got != 32 || !cJSON_IsString (role) || !role_ok (role->valuestring)
      || strcmp (role->valuestring, "owner") == 0 || !cJSON_IsNumber (after))
    return SQLITE_OK;
  snprintf (m.device_id, sizeof m.device_id, "%s", id->valuestring);
  snprintf (m.role, sizeof m.role, "%s", role->valuestring);
  m.revoked_after = after->valuedouble < 0 ? -1 : (int64_t) after->valuedouble;
  *applied = true;
  return dokus_sync_member_merge (db, &m);
}

/* dokus-sync-keys.c
 *
 * The sync keyring over time: sealing it to a member (pairing), opening
 * a bundle the owner sealed to this device (pairing, key rotation),
 * joining a book from one, and preparing a rotation (a new key, epoch + 1,
 * sealed to every member not revoked). Bundle format: dokus-sync-bundle.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-audit-private.h"
#include "dokus-book-private.h"
#include "dokus-id-private.h"
#include "dokus-sync-private.h"

static DokusStatus
owner_self (sqlite3 *db, char book_id[DOKUS_SYNC_ID_TEXT], char self[DOKUS_SYNC_ID_TEXT],
            DokusError *err)
{
  if (!dokus_sync_self (db, book_id, self))
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "", "sync is not enabled on this book");
  if (!dokus_sync_is_owner (db, self))
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "role",
                            "only the book's owner device hands out its keys");
  return DOKUS_OK;
}

DokusStatus
dokus_sync_bundle_seal (DokusBook *book, const char *device_id,
                        const unsigned char sign_pk[DOKUS_SYNC_SIGN_PK_BYTES], unsigned char **out,
                        size_t *out_len, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char book_id[DOKUS_SYNC_ID_TEXT], self[DOKUS_SYNC_ID_TEXT];
  DokusSyncKeyring ring;
  DokusStatus st;

  assert (book != NULL && device_id != NULL && sign_pk != NULL && out != NULL);
  *out = NULL;
  *out_len = 0;
  st = owner_self (db, book_id, self, err);
  if (st == DOKUS_OK)
    st = dokus_sync_keyring_load (db, &ring, err);
  if (st != DOKUS_OK)
    return st;
  st = dokus_sync_bundle_build (book, book_id, self, &ring, device_id, sign_pk, out, out_len,
                                err);
  dokus_sync_keyring_free (&ring);
  return st;
}

void
dokus_sync_bundles_free (DokusSyncBundle *bundles, size_t n)
{
  if (bundles == NULL)
    return;
  for (size_t i = 0; i < n; i++)
    free (bundles[i].sealed);
  free (bundles);
}

DokusStatus
dokus_sync_rotate_prepare (DokusBook *book, uint32_t *new_epoch, DokusSyncBundle **out,
                           size_t *n_out, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char book_id[DOKUS_SYNC_ID_TEXT], self[DOKUS_SYNC_ID_TEXT];
  DokusSyncKeyring ring, grown;
  DokusSyncBundle *bundles = NULL;
  size_t n = 0;
  DokusStatus st;

  assert (book != NULL && new_epoch != NULL && out != NULL && n_out != NULL);
  *out = NULL;
  *n_out = 0;
  st = owner_self (db, book_id, self, err);
  if (st == DOKUS_OK)
    st = dokus_sync_keyring_load (db, &ring, err);
  if (st != DOKUS_OK)
    return st;
  if (ring.n_keys >= DOKUS_SYNC_MAX_EPOCHS)
    {
      dokus_sync_keyring_free (&ring);
      return dokus_error_set (err, DOKUS_ERR_REFUSED, "key_epoch",
                              "this book has had %d sync keys, the most a keyring holds",
                              DOKUS_SYNC_MAX_EPOCHS);
    }
  /* the loaded ring has room for DOKUS_SYNC_MAX_EPOCHS keys */
  grown = ring;
  grown.keys[grown.n_keys].epoch = ring.current + 1;
  randombytes_buf (grown.keys[grown.n_keys].key, DOKUS_SYNC_KEY_BYTES);
  grown.n_keys++;
  grown.current = ring.current + 1;
  bundles = calloc (ring.n_members ? ring.n_members : 1, sizeof *bundles);
  if (bundles == NULL)
    st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  for (size_t i = 0; st == DOKUS_OK && i < ring.n_members; i++)
    {
      const DokusSyncMemberInfo *m = &ring.members[i];
      if (m->revoked_after >= 0)
        continue;
      snprintf (bundles[n].device_id, sizeof bundles[n].device_id, "%s", m->device_id);
      st = dokus_sync_bundle_build (book, book_id, self, &grown, m->device_id, m->sign_pk,
                                    &bundles[n].sealed, &bundles[n].sealed_len, err);
      if (st == DOKUS_OK)
        n++;
    }
  *new_epoch = grown.current;
  /* grown shares ring's buffers: the new key is wiped with them */
  dokus_sync_keyring_free (&ring);
  if (st != DOKUS_OK)
    {
      dokus_sync_bundles_free (bundles, n);
      return st;
    }
  *out = bundles;
  *n_out = n;
  return DOKUS_OK;
}

/* keys, members and the epoch of a verified bundle, in the caller's
 * transaction; *added counts new keys */
static DokusStatus
store_ring (sqlite3 *db, const DokusSyncKeyring *ring, uint32_t *added, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO sync_keyring (key_epoch, sync_key)"
                                   " VALUES (?1, ?2)", -1, &stmt, NULL);

  *added = 0;
  for (size_t i = 0; rc == SQLITE_OK && i < ring->n_keys; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, ring->keys[i].epoch);
      sqlite3_bind_blob (stmt, 2, ring->keys[i].key, DOKUS_SYNC_KEY_BYTES, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
      if (rc == SQLITE_OK)
        *added += (uint32_t) sqlite3_changes (db);
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  for (size_t i = 0; rc == SQLITE_OK && i < ring->n_members; i++)
    rc = dokus_sync_member_merge (db, &ring->members[i]);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "UPDATE sync_self SET key_epoch = max (key_epoch, ?1)", -1,
                             &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, ring->current);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK ? DOKUS_OK : dokus_book_sqlite_error (db, rc, "storing sync keys", err);
}

/* Opens @sealed for this device and checks what it says: for @book_id,
 * to this device, signed by @owner_id with @owner_pk (NULL: an owner
 * among this book's members). */
static DokusStatus
open_checked (sqlite3 *db, const char *book_id, const char *self, const char *owner_id,
              const unsigned char *owner_pk, const unsigned char *sealed, size_t len,
              DokusSyncKeyring *ring, DokusError *err)
{
  char bid[DOKUS_SYNC_ID_TEXT], to[DOKUS_SYNC_ID_TEXT], signer[DOKUS_SYNC_ID_TEXT];
  unsigned char pk[32], *plain = NULL;
  const unsigned char *sig = NULL;
  size_t signed_len = 0;
  DokusStatus st;
  bool ok;

  st = dokus_sync_bundle_parse (db, sealed, len, ring, bid, to, signer, &sig, &plain,
                                &signed_len, err);
  if (st != DOKUS_OK)
    return st;
  if (owner_pk != NULL)
    {
      ok = strcmp (signer, owner_id) == 0;
      memcpy (pk, owner_pk, 32);
    }
  else
    {
      sqlite3_stmt *stmt = NULL;
      ok = dokus_sync_is_owner (db, signer)
           && sqlite3_prepare_v2 (db, "SELECT sign_pk FROM sync_member WHERE device_id = ?1", -1,
                                  &stmt, NULL)
                == SQLITE_OK
           && sqlite3_bind_text (stmt, 1, signer, -1, SQLITE_STATIC) == SQLITE_OK
           && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == 32;
      if (ok)
        memcpy (pk, sqlite3_column_blob (stmt, 0), 32);
      sqlite3_finalize (stmt);
    }
  ok = ok && crypto_sign_verify_detached (sig, plain, signed_len, pk) == 0;
  sodium_free (plain);
  if (!ok)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "bundle",
                          "the keyring bundle is not signed by this book's owner");
  else if (strcmp (bid, book_id) != 0 || strcmp (to, self) != 0)
    st = dokus_error_set (err, DOKUS_ERR_REFUSED, "bundle",
                          "the keyring bundle is for another book or device");
  if (st != DOKUS_OK)
    dokus_sync_keyring_free (ring);
  return st;
}

DokusStatus
dokus_sync_bundle_open (DokusBook *book, const unsigned char *sealed, size_t len,
                        uint32_t *added, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char book_id[DOKUS_SYNC_ID_TEXT], self[DOKUS_SYNC_ID_TEXT];
  DokusSyncApplyStats stats = { 0 };
  DokusSyncKeyring ring;
  uint32_t n_new = 0;
  DokusStatus st;

  assert (book != NULL && sealed != NULL);
  if (added != NULL)
    *added = 0;
  if (!dokus_sync_self (db, book_id, self))
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "", "sync is not enabled on this book");
  st = open_checked (db, book_id, self, NULL, NULL, sealed, len, &ring, err);
  if (st != DOKUS_OK)
    return st;
  st = dokus_sync_exec (db, "BEGIN IMMEDIATE", "storing sync keys", err);
  if (st == DOKUS_OK)
    st = store_ring (db, &ring, &n_new, err);
  /* envelopes that waited for this key or member */
  if (st == DOKUS_OK)
    st = dokus_sync_retry_pending (db, &stats, err);
  if (st == DOKUS_OK)
    st = dokus_sync_exec (db, "COMMIT", "storing sync keys", err);
  if (st != DOKUS_OK && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  dokus_sync_keyring_free (&ring);
  if (st == DOKUS_OK && added != NULL)
    *added = n_new;
  return st;
}

static DokusStatus
check_empty (sqlite3 *db, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM clients)"
                                   " + (SELECT count(*) FROM documents)"
                                   " + (SELECT count(*) FROM expenses)"
                                   " + (SELECT count(*) FROM payments)"
                                   " + (SELECT count(*) FROM profile)", -1, &stmt, NULL);
  int64_t n = -1;

  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (n < 0)
    return dokus_book_sqlite_error (db, sqlite3_errcode (db), "reading the book", err);
  if (n > 0)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "book",
                            "a book that joins another by pairing must be new and empty");
  return DOKUS_OK;
}

DokusStatus
dokus_sync_join (DokusBook *book, const char *book_id, const char *role, const char *owner_id,
                 const unsigned char owner_pk[DOKUS_SYNC_SIGN_PK_BYTES],
                 const unsigned char *sealed, size_t len, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char self[DOKUS_SYNC_ID_TEXT];
  unsigned char self_pk[32];
  DokusSyncKeyring ring;
  DokusSyncMemberInfo me = { 0 }, owner = { 0 };
  sqlite3_stmt *stmt = NULL;
  uint32_t added = 0;
  DokusStatus st;
  int rc;

  assert (book != NULL && book_id != NULL && role != NULL && owner_id != NULL);
  assert (owner_pk != NULL && sealed != NULL);
  if (strcmp (role, "device") != 0 && strcmp (role, "accountant") != 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "role",
                            "a paired member is a device or an accountant, not %s", role);
  if (!dokus_uuid_is_valid (book_id) || !dokus_uuid_is_valid (owner_id))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "book_id", "not a book and owner id");
  if (dokus_sync_self (db, NULL, NULL))
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "", "sync is already enabled on this book");
  st = check_empty (db, err);
  if (st == DOKUS_OK)
    st = dokus_sync_device_identity (book, self, self_pk, err);
  if (st == DOKUS_OK)
    st = open_checked (db, book_id, self, owner_id, owner_pk, sealed, len, &ring, err);
  if (st != DOKUS_OK)
    return st;
  snprintf (owner.device_id, sizeof owner.device_id, "%s", owner_id);
  memcpy (owner.sign_pk, owner_pk, 32);
  snprintf (owner.role, sizeof owner.role, "owner");
  owner.revoked_after = -1;
  snprintf (me.device_id, sizeof me.device_id, "%s", self);
  memcpy (me.sign_pk, self_pk, 32);
  snprintf (me.role, sizeof me.role, "%s", role);
  me.revoked_after = -1;

  st = dokus_sync_exec (db, "BEGIN IMMEDIATE", "joining the book", err);
  if (st != DOKUS_OK)
    goto out;
  rc = sqlite3_prepare_v2 (db, "INSERT INTO sync_self (id, book_id, device_id, key_epoch)"
                               " VALUES (1, ?1, ?2, ?3)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, book_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, self, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, ring.current);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_OK)
    rc = dokus_sync_member_merge (db, &owner);
  if (rc == SQLITE_OK)
    rc = dokus_sync_member_merge (db, &me);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "INSERT OR IGNORE INTO sync_cursor (id) VALUES (1)", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    st = dokus_book_sqlite_error (db, rc, "joining the book", err);
  if (st == DOKUS_OK)
    st = store_ring (db, &ring, &added, err);
  /* a device's audit chain so far (its key) travels in its first
   * envelope; an accountant sends nothing */
  if (st == DOKUS_OK && strcmp (role, "device") == 0)
    st = dokus_sync_capture (db, -1, "sync-join", "book", NULL, err);
  if (st == DOKUS_OK)
    st = dokus_sync_exec (db, "COMMIT", "joining the book", err);
  if (st != DOKUS_OK && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
out:
  dokus_sync_keyring_free (&ring);
  return st;
}

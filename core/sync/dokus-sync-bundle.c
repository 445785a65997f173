/* dokus-sync-bundle.c
 *
 * Keyring bundles: the book's sync keys and its member list, for one
 * member, signed by the owner and sealed to the member's X25519 key.
 * Plaintext, fixed-width fields, integers big-endian:
 *   "dokus-keys-1" (12) || book_id (36) || recipient device_id (36)
 *   || u32 current epoch || u32 n_keys || n_keys x (u32 epoch || key 32)
 *   || u32 n_members || n_members x (device_id 36 || sign_pk 32 || role 1
 *      ('o' owner, 'd' device, 'a' accountant) || u64 revoked_after + 1, 0: not revoked)
 *   || signer device_id (36) || Ed25519 signature (64) over all before.
 * Sealed with crypto_box_seal to the X25519 key derived from the
 * recipient's Ed25519 key; the signature inside the box means the relay
 * can neither read the keys nor plant its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-book-private.h"
#include "dokus-sync-private.h"

#define ID_LEN 36
#define MAGIC "dokus-keys-1"
#define MAGIC_LEN 12
#define KEY_ITEM (4 + DOKUS_SYNC_KEY_BYTES)
#define MEMBER_ITEM (ID_LEN + 32 + 1 + 8)
#define PLAIN_MAX (DOKUS_SYNC_BUNDLE_MAX - crypto_box_SEALBYTES)

static void
put_be (unsigned char *p, uint64_t v, int bytes)
{
  for (int i = 0; i < bytes; i++)
    p[i] = (unsigned char) (v >> (8 * (bytes - 1 - i)));
}

static uint64_t
get_be (const unsigned char *p, int bytes)
{
  uint64_t v = 0;
  for (int i = 0; i < bytes; i++)
    v = (v << 8) | p[i];
  return v;
}

static void
put_id (unsigned char *p, const char *id)
{
  memset (p, 0, ID_LEN);
  memcpy (p, id, strnlen (id, ID_LEN));
}

static void
get_id (char out[DOKUS_SYNC_ID_TEXT], const unsigned char *p)
{
  memcpy (out, p, ID_LEN);
  out[ID_LEN] = '\0';
}

void
dokus_sync_keyring_free (DokusSyncKeyring *ring)
{
  if (ring == NULL)
    return;
  sodium_free (ring->keys);
  free (ring->members);
  memset (ring, 0, sizeof *ring);
}

/* the keyring and members of @db; keys in guarded memory */
DokusStatus
dokus_sync_keyring_load (sqlite3 *db, DokusSyncKeyring *ring, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  memset (ring, 0, sizeof *ring);
  ring->keys = sodium_malloc (DOKUS_SYNC_MAX_EPOCHS * sizeof *ring->keys);
  ring->members = calloc (DOKUS_SYNC_MAX_MEMBERS, sizeof *ring->members);
  if (ring->keys == NULL || ring->members == NULL)
    {
      dokus_sync_keyring_free (ring);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  rc = sqlite3_prepare_v2 (db, "SELECT key_epoch, sync_key FROM sync_keyring ORDER BY key_epoch",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      rc = SQLITE_OK;
      if (ring->n_keys == DOKUS_SYNC_MAX_EPOCHS || sqlite3_column_bytes (stmt, 1) != 32)
        {
          rc = SQLITE_CORRUPT;
          break;
        }
      ring->keys[ring->n_keys].epoch = (uint32_t) sqlite3_column_int64 (stmt, 0);
      memcpy (ring->keys[ring->n_keys].key, sqlite3_column_blob (stmt, 1), 32);
      ring->n_keys++;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc == SQLITE_DONE)
    rc = sqlite3_prepare_v2 (db, "SELECT device_id, sign_pk, role, revoked, revoked_after"
                                 " FROM sync_member ORDER BY device_id", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DokusSyncMemberInfo *m = &ring->members[ring->n_members];
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      rc = SQLITE_OK;
      if (ring->n_members == DOKUS_SYNC_MAX_MEMBERS || id == NULL || strlen (id) != ID_LEN
          || sqlite3_column_bytes (stmt, 1) != 32)
        {
          rc = SQLITE_CORRUPT;
          break;
        }
      snprintf (m->device_id, sizeof m->device_id, "%s", id);
      memcpy (m->sign_pk, sqlite3_column_blob (stmt, 1), 32);
      snprintf (m->role, sizeof m->role, "%s", sqlite3_column_text (stmt, 2));
      m->revoked_after = sqlite3_column_int (stmt, 3) == 0 ? -1
                         : sqlite3_column_type (stmt, 4) == SQLITE_NULL
                           ? 0
                           : sqlite3_column_int64 (stmt, 4);
      ring->n_members++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dokus_sync_keyring_free (ring);
      return dokus_book_sqlite_error (db, rc, "reading the sync keyring", err);
    }
  for (size_t i = 0; i < ring->n_keys; i++)
    if (ring->keys[i].epoch > ring->current)
      ring->current = ring->keys[i].epoch;
  return DOKUS_OK;
}

static char
role_letter (const char *role)
{
  return strcmp (role, "owner") == 0 ? 'o' : strcmp (role, "accountant") == 0 ? 'a' : 'd';
}

static const char *
role_of_letter (unsigned char c)
{
  return c == 'o' ? "owner" : c == 'a' ? "accountant" : c == 'd' ? "device" : NULL;
}

DokusStatus
dokus_sync_bundle_build (DokusBook *book, const char *book_id, const char *signer_id,
                         const DokusSyncKeyring *ring, const char *recipient_id,
                         const unsigned char recipient_pk[32], unsigned char **out,
                         size_t *out_len, DokusError *err)
{
  size_t plain_len = MAGIC_LEN + 2 * ID_LEN + 4 + 4 + ring->n_keys * KEY_ITEM + 4
                     + ring->n_members * MEMBER_ITEM + ID_LEN + crypto_sign_BYTES;
  unsigned char box_pk[crypto_box_PUBLICKEYBYTES], *plain, *p, *sealed;
  DokusStatus st;

  *out = NULL;
  *out_len = 0;
  if (plain_len > PLAIN_MAX)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "keyring",
                            "the keyring (%lu epochs, %lu members) is over the %d bytes a bundle "
                            "may have",
                            (unsigned long) ring->n_keys, (unsigned long) ring->n_members,
                            DOKUS_SYNC_BUNDLE_MAX);
  if (crypto_sign_ed25519_pk_to_curve25519 (box_pk, recipient_pk) != 0)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "sign_pk",
                            "the key of %s is not an Ed25519 public key", recipient_id);
  plain = sodium_malloc (plain_len);
  sealed = malloc (plain_len + crypto_box_SEALBYTES);
  if (plain == NULL || sealed == NULL)
    {
      sodium_free (plain);
      free (sealed);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  p = plain;
  memcpy (p, MAGIC, MAGIC_LEN);
  p += MAGIC_LEN;
  put_id (p, book_id);
  p += ID_LEN;
  put_id (p, recipient_id);
  p += ID_LEN;
  put_be (p, ring->current, 4);
  put_be (p + 4, ring->n_keys, 4);
  p += 8;
  for (size_t i = 0; i < ring->n_keys; i++, p += KEY_ITEM)
    {
      put_be (p, ring->keys[i].epoch, 4);
      memcpy (p + 4, ring->keys[i].key, DOKUS_SYNC_KEY_BYTES);
    }
  put_be (p, ring->n_members, 4);
  p += 4;
  for (size_t i = 0; i < ring->n_members; i++, p += MEMBER_ITEM)
    {
      const DokusSyncMemberInfo *m = &ring->members[i];
      put_id (p, m->device_id);
      memcpy (p + ID_LEN, m->sign_pk, 32);
      p[ID_LEN + 32] = (unsigned char) role_letter (m->role);
      put_be (p + ID_LEN + 33, (uint64_t) (m->revoked_after + 1), 8);
    }
  put_id (p, signer_id);
  p += ID_LEN;
  st = dokus_sync_sign (book, plain, (size_t) (p - plain), p, err);
  if (st == DOKUS_OK)
    {
      crypto_box_seal (sealed, plain, plain_len, box_pk);
      *out = sealed;
      *out_len = plain_len + crypto_box_SEALBYTES;
      sealed = NULL;
    }
  sodium_free (plain);
  free (sealed);
  return st;
}

DokusStatus
dokus_sync_bundle_parse (sqlite3 *db, const unsigned char *sealed, size_t len,
                         DokusSyncKeyring *ring, char book_id[DOKUS_SYNC_ID_TEXT],
                         char recipient[DOKUS_SYNC_ID_TEXT], char signer[DOKUS_SYNC_ID_TEXT],
                         const unsigned char **sig_out, unsigned char **plain_out,
                         size_t *signed_len, DokusError *err)
{
  unsigned char sk[crypto_sign_SECRETKEYBYTES], box_sk[32], box_pk[32];
  unsigned char *plain = NULL;
  const unsigned char *p, *end;
  size_t plain_len;
  DokusStatus st;
  int rc;

  memset (ring, 0, sizeof *ring);
  *plain_out = NULL;
  if (len <= crypto_box_SEALBYTES || len > DOKUS_SYNC_BUNDLE_MAX)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "bundle", "a keyring bundle of %lu bytes",
                            (unsigned long) len);
  st = dokus_sync_load_sign_key (db, sk, err);
  if (st != DOKUS_OK)
    return st;
  crypto_sign_ed25519_sk_to_curve25519 (box_sk, sk);
  crypto_scalarmult_base (box_pk, box_sk);
  sodium_memzero (sk, sizeof sk);
  plain_len = len - crypto_box_SEALBYTES;
  plain = sodium_malloc (plain_len);
  if (plain == NULL)
    {
      sodium_memzero (box_sk, sizeof box_sk);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  rc = crypto_box_seal_open (plain, sealed, len, box_pk, box_sk);
  sodium_memzero (box_sk, sizeof box_sk);
  if (rc != 0)
    {
      sodium_free (plain);
      return dokus_error_set (err, DOKUS_ERR_REFUSED, "bundle",
                              "the keyring bundle is not sealed to this device");
    }
  p = plain;
  end = plain + plain_len;
#define NEED(n)                                                                                    \
  do                                                                                               \
    if ((size_t) (end - p) < (size_t) (n))                                                         \
      goto malformed;                                                                              \
  while (0)
  NEED (MAGIC_LEN + 2 * ID_LEN + 8);
  if (memcmp (p, MAGIC, MAGIC_LEN) != 0)
    goto malformed;
  p += MAGIC_LEN;
  get_id (book_id, p);
  get_id (recipient, p + ID_LEN);
  p += 2 * ID_LEN;
  ring->current = (uint32_t) get_be (p, 4);
  ring->n_keys = (size_t) get_be (p + 4, 4);
  p += 8;
  if (ring->n_keys == 0 || ring->n_keys > DOKUS_SYNC_MAX_EPOCHS)
    goto malformed;
  NEED (ring->n_keys * KEY_ITEM + 4);
  ring->keys = sodium_malloc (ring->n_keys * sizeof *ring->keys);
  if (ring->keys == NULL)
    goto nomem;
  for (size_t i = 0; i < ring->n_keys; i++, p += KEY_ITEM)
    {
      ring->keys[i].epoch = (uint32_t) get_be (p, 4);
      memcpy (ring->keys[i].key, p + 4, DOKUS_SYNC_KEY_BYTES);
      if (ring->keys[i].epoch == 0 || ring->keys[i].epoch > ring->current)
        goto malformed;
    }
  ring->n_members = (size_t) get_be (p, 4);
  p += 4;
  if (ring->n_members > DOKUS_SYNC_MAX_MEMBERS)
    goto malformed;
  NEED (ring->n_members * MEMBER_ITEM + ID_LEN + crypto_sign_BYTES);
  ring->members = calloc (ring->n_members + 1, sizeof *ring->members);
  if (ring->members == NULL)
    goto nomem;
  for (size_t i = 0; i < ring->n_members; i++, p += MEMBER_ITEM)
    {
      DokusSyncMemberInfo *m = &ring->members[i];
      const char *role = role_of_letter (p[ID_LEN + 32]);
      get_id (m->device_id, p);
      memcpy (m->sign_pk, p + ID_LEN, 32);
      if (role == NULL)
        goto malformed;
      snprintf (m->role, sizeof m->role, "%s", role);
      m->revoked_after = (int64_t) get_be (p + ID_LEN + 33, 8) - 1;
    }
  get_id (signer, p);
  p += ID_LEN;
  if ((size_t) (end - p) != crypto_sign_BYTES)
    goto malformed;
#undef NEED
  *sig_out = p;
  *signed_len = (size_t) (p - plain);
  *plain_out = plain;
  return DOKUS_OK;

malformed:
  dokus_sync_keyring_free (ring);
  sodium_free (plain);
  return dokus_error_set (err, DOKUS_ERR_REFUSED, "bundle", "the keyring bundle is malformed");
nomem:
  dokus_sync_keyring_free (ring);
  sodium_free (plain);
  return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
}

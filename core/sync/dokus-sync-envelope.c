/* dokus-sync-envelope.c
 *
 * Sealing an envelope at commit and opening a pulled one. The plaintext
 * is padded to a multiple of 256 bytes (sodium_pad), sealed with
 * XChaCha20-Poly1305-IETF under the sync key of its epoch with associated
 * data "dokus-env-1" || book_id || device_id || dev_seq || key_epoch (ids
 * as 36-character text, numbers big-endian), so an envelope moved to
 * another book, device or place fails to open; then signed with the
 * device's Ed25519 key (the one that signs its audit chain) over
 * "dokus-sig-1" || book_id || device_id || dev_seq || key_epoch ||
 * BLAKE2b-256(nonce || ct).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-book-private.h"
#include "dokus-sync-private.h"

#define PAD_BLOCK 256
#define ID_LEN 36
#define HEADER_LEN (11 + ID_LEN + ID_LEN + 8 + 4)

static void
put_header (unsigned char out[HEADER_LEN], const char *tag, const char *book_id,
            const char *device_id, int64_t dev_seq, uint32_t epoch)
{
  unsigned char *p = out;

  memcpy (p, tag, 11);
  p += 11;
  memset (p, 0, 2 * ID_LEN);
  memcpy (p, book_id, strnlen (book_id, ID_LEN));
  p += ID_LEN;
  memcpy (p, device_id, strnlen (device_id, ID_LEN));
  p += ID_LEN;
  for (int i = 7; i >= 0; i--)
    *p++ = (unsigned char) ((uint64_t) dev_seq >> (8 * i));
  for (int i = 3; i >= 0; i--)
    *p++ = (unsigned char) (epoch >> (8 * i));
}

static void
sig_message (unsigned char msg[HEADER_LEN + 32], const char *book_id, const char *device_id,
             int64_t dev_seq, uint32_t epoch, const unsigned char *nonce, const unsigned char *ct,
             size_t ct_len)
{
  crypto_generichash_state h;

  put_header (msg, "dokus-sig-1", book_id, device_id, dev_seq, epoch);
  crypto_generichash_init (&h, NULL, 0, 32);
  crypto_generichash_update (&h, nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  crypto_generichash_update (&h, ct, ct_len);
  crypto_generichash_final (&h, msg + HEADER_LEN, 32);
}

/* the sync key of @epoch, or of the current epoch if *epoch is 0 */
static DokusStatus
load_key (sqlite3 *db, uint32_t *epoch, unsigned char key[32], DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT key_epoch, sync_key FROM sync_keyring WHERE key_epoch = "
                               "CASE WHEN ?1 = 0 THEN (SELECT key_epoch FROM sync_self) ELSE ?1 END",
                               -1, &stmt, NULL);
  DokusStatus st = DOKUS_OK;

  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 1, *epoch);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 1) == 32)
    {
      *epoch = (uint32_t) sqlite3_column_int64 (stmt, 0);
      memcpy (key, sqlite3_column_blob (stmt, 1), 32);
    }
  else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    st = dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "key_epoch",
                          "no sync key of epoch %lu in this book", (unsigned long) *epoch);
  else
    st = dokus_book_sqlite_error (db, rc, "reading the sync keyring", err);
  sqlite3_finalize (stmt);
  return st;
}

DokusStatus
dokus_sync_load_sign_key (sqlite3 *db, unsigned char *sk, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT secret_key FROM local_device WHERE id = 1", -1, &stmt,
                               NULL);
  DokusStatus st = DOKUS_OK;

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == crypto_sign_SECRETKEYBYTES)
    memcpy (sk, sqlite3_column_blob (stmt, 0), crypto_sign_SECRETKEYBYTES);
  else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    st = dokus_error_set (err, DOKUS_ERR_CORRUPT, "", "local_device: no signing key");
  else
    st = dokus_book_sqlite_error (db, rc, "reading the device key", err);
  sqlite3_finalize (stmt);
  return st;
}

DokusStatus
dokus_sync_seal (sqlite3 *db, const char *plaintext, int64_t dev_seq, const char *kind,
                 DokusError *err)
{
  unsigned char key[32], sk[crypto_sign_SECRETKEYBYTES];
  unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
  unsigned char ad[HEADER_LEN], msg[HEADER_LEN + 32], sig[crypto_sign_BYTES];
  char book_id[DOKUS_SYNC_ID_TEXT], device_id[DOKUS_SYNC_ID_TEXT];
  size_t len = strlen (plaintext), padded_len = 0;
  unsigned char *padded = NULL, *ct = NULL;
  unsigned long long ct_len = 0;
  sqlite3_stmt *stmt = NULL;
  uint32_t epoch = 0;
  DokusStatus st;
  int rc;

  if (!dokus_sync_self (db, book_id, device_id))
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "", "sync is not enabled on this book");
  st = load_key (db, &epoch, key, err);
  if (st == DOKUS_OK)
    st = dokus_sync_load_sign_key (db, sk, err);
  if (st != DOKUS_OK)
    goto out;
  padded = malloc (len + PAD_BLOCK);
  ct = malloc (len + PAD_BLOCK + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  if (padded == NULL || ct == NULL)
    {
      st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      goto out;
    }
  memcpy (padded, plaintext, len);
  sodium_pad (&padded_len, padded, len, PAD_BLOCK, len + PAD_BLOCK);
  randombytes_buf (nonce, sizeof nonce);
  put_header (ad, "dokus-env-1", book_id, device_id, dev_seq, epoch);
  crypto_aead_xchacha20poly1305_ietf_encrypt (ct, &ct_len, padded, padded_len, ad, sizeof ad,
                                              NULL, nonce, key);
  sig_message (msg, book_id, device_id, dev_seq, epoch, nonce, ct, (size_t) ct_len);
  crypto_sign_detached (sig, NULL, msg, sizeof msg, sk);

  rc = sqlite3_prepare_v2 (db, "INSERT INTO sync_outbox (dev_seq, key_epoch, nonce, ct, sig, kind)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, dev_seq);
      sqlite3_bind_int64 (stmt, 2, epoch);
      sqlite3_bind_blob (stmt, 3, nonce, sizeof nonce, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 4, ct, (int) ct_len, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 5, sig, sizeof sig, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, kind, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    st = dokus_book_sqlite_error (db, rc, "writing the sync outbox", err);

out:
  if (padded != NULL)
    sodium_memzero (padded, len + PAD_BLOCK);
  free (padded);
  free (ct);
  sodium_memzero (key, sizeof key);
  sodium_memzero (sk, sizeof sk);
  return st;
}

DokusStatus
dokus_sync_open (sqlite3 *db, const DokusSyncEnvelope *env, char **plaintext, DokusError *err)
{
  unsigned char key[32], ad[HEADER_LEN], msg[HEADER_LEN + 32];
  char book_id[DOKUS_SYNC_ID_TEXT], self[DOKUS_SYNC_ID_TEXT];
  unsigned char *pt = NULL;
  unsigned long long pt_len = 0;
  size_t unpadded = 0;
  sqlite3_stmt *stmt = NULL;
  uint32_t epoch = env->key_epoch;
  DokusStatus st = DOKUS_OK;
  int rc, ok = 0;
  bool unknown = false;

  *plaintext = NULL;
  if (!dokus_sync_self (db, book_id, self))
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "", "sync is not enabled on this book");
  /* the signature first, against the member list: an unknown member
   * (its member fact not applied yet) waits; a revoked one's envelopes
   * after its cut-off are refused */
  rc = sqlite3_prepare_v2 (db, "SELECT sign_pk, revoked = 0 OR ?2 <= coalesce (revoked_after, 0)"
                               " FROM sync_member WHERE device_id = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, env->device_id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 2, env->dev_seq);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    unknown = true;
  /* an accountant's envelopes open too: apply accepts from it only
   * comments it wrote itself (dokus-sync-comments.c) */
  else if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == crypto_sign_PUBLICKEYBYTES
           && sqlite3_column_int (stmt, 1) != 0)
    {
      sig_message (msg, book_id, env->device_id, env->dev_seq, env->key_epoch, env->nonce, env->ct,
                   env->ct_len);
      ok = crypto_sign_verify_detached (env->sig, msg, sizeof msg, sqlite3_column_blob (stmt, 0))
           == 0;
    }
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "reading the sync members", err);
  sqlite3_finalize (stmt);
  if (st != DOKUS_OK)
    return st;
  if (unknown)
    return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "device_id",
                            "envelope %lld of device %s: not a member yet",
                            (long long) env->dev_seq, env->device_id);
  if (!ok)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "sig",
                            "envelope %lld of device %s: not signed by a current member",
                            (long long) env->dev_seq, env->device_id);
  if (epoch == 0)
    return dokus_error_set (err, DOKUS_ERR_REFUSED, "key_epoch", "key epoch 0 is not valid");
  /* a key this book does not have (yet): the envelope waits for it */
  st = load_key (db, &epoch, key, err);
  if (st != DOKUS_OK)
    return st;
  pt = malloc (env->ct_len + 1);
  if (pt == NULL)
    {
      sodium_memzero (key, sizeof key);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  put_header (ad, "dokus-env-1", book_id, env->device_id, env->dev_seq, env->key_epoch);
  if (env->ct_len < crypto_aead_xchacha20poly1305_ietf_ABYTES
      || crypto_aead_xchacha20poly1305_ietf_decrypt (pt, &pt_len, NULL, env->ct, env->ct_len, ad,
                                                     sizeof ad, env->nonce, key) != 0
      || sodium_unpad (&unpadded, pt, (size_t) pt_len, PAD_BLOCK) != 0)
    {
      free (pt);
      sodium_memzero (key, sizeof key);
      return dokus_error_set (err, DOKUS_ERR_REFUSED, "ct",
                              "envelope %lld of device %s does not decrypt",
                              (long long) env->dev_seq, env->device_id);
    }
  sodium_memzero (key, sizeof key);
  pt[unpadded] = '\0';
  *plaintext = (char *) pt;
  return DOKUS_OK;
}

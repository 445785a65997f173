/* dokus-profile-logo.c
 *
 * The company logo printed on PDF invoices: a PNG or JPEG image of at most
 * DOKUS_LOGO_MAX bytes, kept in the encrypted book (profile.logo). Setting
 * or removing it is audited with the image's SHA-256 (not its bytes).
 * Issue freezes that hash in the document's seller (logo_sha256), and the
 * logo being replaced is kept in profile_logos (schema/book/0008), so the
 * PDF of an issued document shows the logo it was issued with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dokus-audit-private.h"
#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-profile-private.h"
#include "dokus/dokus-ledger.h"

static const char *
sniff (const unsigned char *data, size_t len)
{
  static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (len >= sizeof png && memcmp (data, png, sizeof png) == 0)
    return "image/png";
  if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  return NULL;
}

static void
hash_hex (const unsigned char *data, size_t len, char out[DOKUS_LOGO_SHA256_TEXT])
{
  unsigned char hash[crypto_hash_sha256_BYTES];

  crypto_hash_sha256 (hash, data, len);
  sodium_bin2hex (out, DOKUS_LOGO_SHA256_TEXT, hash, sizeof hash);
}

/* {"logo_sha256": "…"} or {"logo_sha256": null} */
static char *
logo_json (const unsigned char *data, size_t len)
{
  char hex[DOKUS_LOGO_SHA256_TEXT];
  char *out = malloc (96);

  if (out == NULL)
    return NULL;
  if (data == NULL)
    {
      snprintf (out, 96, "{\"logo_sha256\":null}");
      return out;
    }
  hash_hex (data, len, hex);
  snprintf (out, 96, "{\"logo_sha256\":\"%s\"}", hex);
  return out;
}

/* Reads the current logo (*@out NULL when none; transfer full). */
static DokusStatus
read_logo (sqlite3 *db, unsigned char **out, size_t *len, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "SELECT logo FROM profile WHERE id = 1", -1, &stmt, NULL);

  *out = NULL;
  *len = 0;
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_finalize (stmt);
      return dokus_error_set (err, DOKUS_ERR_NOT_FOUND, "profile",
                              "the book has no profile yet: set it first (dokus-cli init)");
    }
  if (rc == SQLITE_ROW)
    {
      int n = sqlite3_column_bytes (stmt, 0);
      const void *blob = sqlite3_column_blob (stmt, 0);
      if (blob != NULL && n > 0)
        {
          *out = malloc ((size_t) n);
          if (*out == NULL)
            {
              sqlite3_finalize (stmt);
              return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
            }
          memcpy (*out, blob, (size_t) n);
          *len = (size_t) n;
        }
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK ? DOKUS_OK : dokus_book_sqlite_error (db, rc, "reading the logo", err);
}

/* Keeps the logo @data, which documents issued until now may show, in
 * profile_logos by its hash (once). */
static DokusStatus
keep_logo (sqlite3 *db, const unsigned char *data, size_t len, DokusError *err)
{
  char hex[DOKUS_LOGO_SHA256_TEXT];
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "INSERT INTO profile_logos (sha256, data) VALUES (?1, ?2)"
                               " ON CONFLICT (sha256) DO NOTHING",
                               -1, &stmt, NULL);

  hash_hex (data, len, hex);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, hex, -1, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 2, data, (int) len, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK ? DOKUS_OK : dokus_book_sqlite_error (db, rc, "keeping the old logo", err);
}

DokusStatus
dokus_profile_set_logo (DokusBook *book, const unsigned char *data, size_t len, DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  unsigned char *old = NULL;
  size_t old_len = 0;
  char *before = NULL, *after = NULL;
  sqlite3_stmt *stmt = NULL;
  DokusStatus st;
  int rc;

  if (data != NULL && len > DOKUS_LOGO_MAX)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "logo",
                            "the logo has %lu bytes; at most %lu are kept (scale it down)",
                            (unsigned long) len, (unsigned long) DOKUS_LOGO_MAX);
  if (data != NULL && sniff (data, len) == NULL)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "logo", "the logo is a PNG or JPEG image");
  st = dokus_ledger_begin (db, err);
  if (st != DOKUS_OK)
    return st;
  st = read_logo (db, &old, &old_len, err);
  if (st == DOKUS_OK)
    {
      before = logo_json (old, old_len);
      after = logo_json (data, len);
      if (before == NULL || after == NULL)
        st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
    }
  if (st == DOKUS_OK && old != NULL)
    st = keep_logo (db, old, old_len, err);
  if (st == DOKUS_OK)
    {
      rc = sqlite3_prepare_v2 (db, "UPDATE profile SET logo = ?1 WHERE id = 1", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          if (data != NULL)
            sqlite3_bind_blob (stmt, 1, data, (int) len, SQLITE_STATIC);
          rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_OK)
        st = dokus_book_sqlite_error (db, rc, "saving the logo", err);
    }
  if (st == DOKUS_OK)
    st = dokus_audit_append (db, "update", "profile", NULL, before, after, err);
  if (st == DOKUS_OK)
    st = dokus_ledger_commit (db, err);
  else
    dokus_ledger_rollback (db);
  free (old);
  free (before);
  free (after);
  return st;
}

DokusStatus
dokus_profile_get_logo (DokusBook *book, unsigned char **out_data, size_t *out_len,
                        const char **out_mime, DokusError *err)
{
  DokusStatus st = read_logo (dokus_book_get_db (book), out_data, out_len, err);

  if (out_mime != NULL)
    *out_mime = st == DOKUS_OK && *out_data ? sniff (*out_data, *out_len) : NULL;
  return st;
}

/* read_logo(), none (DOKUS_OK, *@out NULL) without a profile. */
static DokusStatus
read_current_logo (sqlite3 *db, unsigned char **out, size_t *len, DokusError *err)
{
  DokusError mine = { 0 };
  DokusStatus st = read_logo (db, out, len, &mine);

  if (st == DOKUS_ERR_NOT_FOUND)
    return DOKUS_OK;
  if (st != DOKUS_OK && err != NULL)
    *err = mine;
  return st;
}

DokusStatus
dokus_profile_logo_sha256 (sqlite3 *db, char out[DOKUS_LOGO_SHA256_TEXT], DokusError *err)
{
  unsigned char *data = NULL;
  size_t len = 0;
  DokusStatus st = read_current_logo (db, &data, &len, err);

  out[0] = '\0';
  if (st == DOKUS_OK && data != NULL)
    hash_hex (data, len, out);
  free (data);
  return st;
}

DokusStatus
dokus_profile_logo_find (sqlite3 *db, const char *sha256_hex, unsigned char **out,
                         size_t *out_len, DokusError *err)
{
  char hex[DOKUS_LOGO_SHA256_TEXT];
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  int rc = sqlite3_prepare_v2 (db, "SELECT data FROM profile_logos WHERE sha256 = ?1", -1,
                               &stmt, NULL);

  *out = NULL;
  *out_len = 0;
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, sha256_hex, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    {
      size_t n = (size_t) sqlite3_column_bytes (stmt, 0);
      if ((*out = malloc (n ? n : 1)) == NULL)
        st = dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      else
        {
          memcpy (*out, sqlite3_column_blob (stmt, 0), n);
          *out_len = n;
        }
    }
  else if (rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "reading a kept logo", err);
  sqlite3_finalize (stmt);
  if (st != DOKUS_OK || *out != NULL)
    return st;
  /* not replaced since: the current logo, if it is that one */
  st = read_current_logo (db, out, out_len, err);
  if (st == DOKUS_OK && *out != NULL)
    {
      hash_hex (*out, *out_len, hex);
      if (strcmp (hex, sha256_hex) != 0)
        {
          free (*out);
          *out = NULL;
          *out_len = 0;
        }
    }
  return st;
}

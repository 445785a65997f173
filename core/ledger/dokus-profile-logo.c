/* dokus-profile-logo.c
 *
 * The company logo printed on PDF invoices: a PNG or JPEG image of at most
 * DOKUS_LOGO_MAX bytes, kept in the encrypted book (profile.logo). Setting
 * or removing it is audited with the image's SHA-256 (not its bytes).
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

/* {"logo_sha256": "…"} or {"logo_sha256": null} */
static char *
logo_json (const unsigned char *data, size_t len)
{
  unsigned char hash[crypto_hash_sha256_BYTES];
  char hex[2 * sizeof hash + 1];
  char *out = malloc (96);

  if (out == NULL)
    return NULL;
  if (data == NULL)
    {
      snprintf (out, 96, "{\"logo_sha256\":null}");
      return out;
    }
  crypto_hash_sha256 (hash, data, len);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
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

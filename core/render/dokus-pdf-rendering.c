/* dokus-pdf-rendering.c
 *
 * The PDF of an issued document, drawn once per language and renderer
 * version and kept in the book (document_renderings, schema/book/0008):
 * the document is frozen, so its PDF is too, and drawing it (two cairo
 * passes, about 15 ms) is most of what a UBL export used to cost. Also
 * where the logo frozen at issue (seller.logo_sha256) is found again.
 * docs/pdf.md, "Renderings".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-pdf-private.h"
#include "dokus-profile-private.h"
#include "dokus-render-private.h"
#include "dokus-stmt-cache-private.h"

/* The kept rendering, if any, into @out (out->stored): a copy, or lent
 * from the statement's row when @lend. */
static DokusStatus
read_stored (sqlite3 *db, const char *document_id, const char *language, bool lend,
             DokusPdfRendering *out, DokusError *err)
{
  static unsigned char empty[1];
  sqlite3_stmt *stmt = NULL;
  DokusStatus st = DOKUS_OK;
  int rc = dokus_stmt_cache_prepare (db,
                                     "SELECT pages, data FROM document_renderings"
                                     " WHERE document_id = ?1 AND format = 'pdf' AND language = ?2"
                                     " AND renderer_version = ?3",
                                     &stmt);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, document_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, language, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, DOKUS_PDF_RENDERER_VERSION);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    {
      const void *blob = sqlite3_column_blob (stmt, 1);
      size_t n = (size_t) sqlite3_column_bytes (stmt, 1);
      out->len = n;
      out->pages = sqlite3_column_int (stmt, 0);
      out->stored = out->complete = true;
      if (lend)
        {
          out->pdf = blob != NULL ? (unsigned char *) blob : empty;
          out->lent = stmt;
          out->lent_db = db;
          return DOKUS_OK;
        }
      if ((out->pdf = malloc (n ? n : 1)) == NULL)
        st = dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
      else if (n > 0)
        memcpy (out->pdf, blob, n);
    }
  else if (rc != SQLITE_DONE)
    st = dokus_book_sqlite_error (db, rc, "reading a stored PDF", err);
  dokus_stmt_cache_release (db, stmt);
  return st;
}

static DokusStatus
rendering_get (sqlite3 *db, const char *document_id, const cJSON *doc, const char *language,
               bool lend, DokusPdfRendering *out, DokusError *err)
{
  cJSON *own = NULL;
  const char *logo_hash;
  unsigned char *logo = NULL;
  size_t logo_len = 0;
  DokusStatus st;

  assert (db != NULL && document_id != NULL && out != NULL);
  memset (out, 0, sizeof *out);
  st = read_stored (db, document_id, language, lend, out, err);
  if (st != DOKUS_OK || out->stored)
    return st;
  if (doc == NULL)
    {
      if ((st = dokus_document_to_json (db, document_id, false, &own, err)) != DOKUS_OK)
        return st;
      doc = own;
    }
  logo_hash = dokus_render_str (cJSON_GetObjectItemCaseSensitive (doc, "seller"), "logo_sha256");
  if (logo_hash != NULL)
    st = dokus_profile_logo_find (db, logo_hash, &logo, &logo_len, err);
  if (st == DOKUS_OK)
    {
      /* a book that got the document but not its logo (sync) draws it
       * without, and does not keep that */
      out->complete = logo_hash == NULL || logo != NULL;
      st = dokus_pdf_render_json (doc, language, logo, logo_len, &out->pdf, &out->len,
                                  &out->pages, err);
    }
  free (logo);
  cJSON_Delete (own);
  return st;
}

DokusStatus
dokus_pdf_rendering_get (sqlite3 *db, const char *document_id, const cJSON *doc,
                         const char *language, DokusPdfRendering *out, DokusError *err)
{
  return rendering_get (db, document_id, doc, language, false, out, err);
}

DokusStatus
dokus_pdf_rendering_get_lent (sqlite3 *db, const char *document_id, const cJSON *doc,
                              const char *language, DokusPdfRendering *out, DokusError *err)
{
  return rendering_get (db, document_id, doc, language, true, out, err);
}

void
dokus_pdf_rendering_end_loan (DokusPdfRendering *r)
{
  if (r == NULL || r->lent == NULL)
    return;
  dokus_stmt_cache_release (r->lent_db, r->lent);
  r->lent = NULL;
  r->lent_db = NULL;
  r->pdf = NULL;
}

DokusStatus
dokus_pdf_rendering_store (sqlite3 *db, const char *document_id, const char *language,
                           const DokusPdfRendering *r, DokusError *err)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  assert (db != NULL && document_id != NULL && r != NULL);
  if (r->stored || !r->complete || r->pdf == NULL)
    return DOKUS_OK;
  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO document_renderings (document_id, format, language,"
                           " renderer_version, pages, data) VALUES (?1, 'pdf', ?2, ?3, ?4, ?5)"
                           " ON CONFLICT DO NOTHING",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, document_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, language, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, DOKUS_PDF_RENDERER_VERSION);
      sqlite3_bind_int (stmt, 4, r->pages);
      sqlite3_bind_blob64 (stmt, 5, r->pdf, r->len, SQLITE_STATIC);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK ? DOKUS_OK : dokus_book_sqlite_error (db, rc, "storing the PDF", err);
}

void
dokus_pdf_rendering_clear (DokusPdfRendering *r)
{
  if (r == NULL)
    return;
  if (r->lent != NULL)
    dokus_pdf_rendering_end_loan (r);
  else
    free (r->pdf);
  memset (r, 0, sizeof *r);
}

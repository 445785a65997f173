/* dokus-pdf-private.h
 *
 * The PDF of a frozen document from its JSON, for core code that already
 * holds it (the UBL writer embeds the PDF), and the renderings kept in the
 * book (document_renderings, schema/book/0008). No cairo types here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "dokus/dokus-error.h"

/* The version of what the renderer draws: a rendering kept in the book is
 * used only by the same version. Bump it whenever the layout, the wording
 * or anything else changes the bytes of an existing document's PDF.
 * 1: the cache (0008), the seller's legal form and register, the logo. */
#define DOKUS_PDF_RENDERER_VERSION 1

/* The PDF of @doc (dokus_document_show's JSON of an issued document) in
 * @language ("nl", "fr", "de", "en"; asserted), with the PNG or JPEG
 * @logo (@logo_len bytes; nullable: none) top left; a logo that cannot be
 * read is left out. *@out_pdf (transfer full, free()), *@out_len,
 * *@out_pages (nullable). Same input, same bytes. */
DokusStatus dokus_pdf_render_json (const cJSON *doc, const char *language,
                                   const unsigned char *logo, size_t logo_len,
                                   unsigned char **out_pdf, size_t *out_len, int *out_pages,
                                   DokusError *err);

/* A PDF of a document, drawn or read back from the book. */
typedef struct {
  unsigned char *pdf; /* (owned), or lent (below) */
  size_t len;
  int pages;
  bool stored;   /* read from document_renderings: nothing to store */
  bool complete; /* false when the frozen logo was not found (drawn without): not to store */
  /* dokus_pdf_rendering_get_lent(): the statement whose row @pdf points
   * into, on @lent_db (NULL: @pdf is owned) */
  sqlite3_stmt *lent;
  sqlite3 *lent_db;
} DokusPdfRendering;

/* The PDF of the issued document @document_id, whose JSON is @doc
 * (nullable: read here when the PDF has to be drawn), in @language: the
 * one kept in document_renderings by this renderer version, or else drawn
 * now, with the logo frozen in the document's
 * seller (seller.logo_sha256, looked up in the book). Writes nothing:
 * dokus_pdf_rendering_store() keeps a new one. dokus_pdf_rendering_clear()
 * @out (set on every return). */
DokusStatus dokus_pdf_rendering_get (sqlite3 *db, const char *document_id, const cJSON *doc,
                                     const char *language, DokusPdfRendering *out,
                                     DokusError *err);

/* dokus_pdf_rendering_get(), but a PDF kept in the book is lent straight
 * from its row, without a copy (tens of kilobytes at every export): read
 * @out->pdf before the caller's read transaction ends or anything else
 * runs on @db, then dokus_pdf_rendering_end_loan() or
 * dokus_pdf_rendering_clear(). A PDF drawn now is owned as with
 * dokus_pdf_rendering_get(). */
DokusStatus dokus_pdf_rendering_get_lent (sqlite3 *db, const char *document_id, const cJSON *doc,
                                          const char *language, DokusPdfRendering *out,
                                          DokusError *err);

/* Gives a lent PDF back to the book (out->pdf NULL after, the other
 * fields kept); an owned one is kept. */
void dokus_pdf_rendering_end_loan (DokusPdfRendering *r);

/* Keeps @r (from dokus_pdf_rendering_get() for @document_id and
 * @language) in document_renderings, unless it was read from there or is
 * not complete; a row already there (another process drew it) is kept.
 * Runs in the caller's transaction, if any. */
DokusStatus dokus_pdf_rendering_store (sqlite3 *db, const char *document_id,
                                       const char *language, const DokusPdfRendering *r,
                                       DokusError *err);

/* Frees what @r holds and zeroes it; NULL does nothing. */
void dokus_pdf_rendering_clear (DokusPdfRendering *r);

/* dokus-pdf.c
 *
 * dokus_pdf_export(): an issued document's JSON, drawn twice on a cairo
 * PDF surface (once to count the pages for "Page x/y", once for real) and
 * collected in memory. Deterministic bytes: cairo would write the clock
 * into /CreationDate and /ModDate, so both are set to the issue date;
 * its font subset tags and object numbers depend only on what is drawn
 * (checked by tests/render: two renderings, in two processes, compared
 * byte for byte). dokus_pdf_export() keeps what it draws in the book
 * (dokus-pdf-rendering.c), so a document is drawn once per language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "dokus-book-private.h"
#include "dokus-document-private.h"
#include "dokus-pdf-layout-private.h"
#include "dokus-pdf-private.h"
#include "dokus-render-private.h"
#include "dokus/dokus-pdf.h"

typedef struct {
  unsigned char *data; /* NULL when only counting */
  size_t len, cap;
  bool keep, failed;
} Sink;

static cairo_status_t
write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  Sink *s = closure;

  if (!s->keep)
    return CAIRO_STATUS_SUCCESS;
  if (s->len + length > s->cap)
    {
      size_t cap = s->cap ? s->cap : 65536;
      unsigned char *grown;
      while (cap < s->len + length)
        cap *= 2;
      if ((grown = realloc (s->data, cap)) == NULL)
        {
          s->failed = true;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      s->data = grown;
      s->cap = cap;
    }
  memcpy (s->data + s->len, data, length);
  s->len += length;
  return CAIRO_STATUS_SUCCESS;
}

typedef struct {
  const unsigned char *data;
  size_t len, at;
} PngSource;

static cairo_status_t
read_png_cb (void *closure, unsigned char *data, unsigned int length)
{
  PngSource *src = closure;

  if (length > src->len - src->at)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, src->data + src->at, length);
  src->at += length;
  return CAIRO_STATUS_SUCCESS;
}

/* The width and height of the JPEG @data, from its start-of-frame
 * segment; false when there is none before the first scan. */
static bool
find_jpeg_size (const unsigned char *d, size_t len, int *width, int *height)
{
  size_t i = 2;

  if (len < 4 || d[0] != 0xff || d[1] != 0xd8)
    return false;
  while (i + 4 <= len && d[i] == 0xff)
    {
      unsigned char marker = d[i + 1];
      size_t seg;
      if (marker == 0xff) /* fill byte */
        {
          i++;
          continue;
        }
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd8)) /* no length */
        {
          i += 2;
          continue;
        }
      if (marker == 0xda || marker == 0xd9) /* the scan, or the end */
        return false;
      seg = (size_t) d[i + 2] << 8 | d[i + 3];
      if (seg < 2 || seg > len - i - 2)
        return false;
      /* SOF0..SOF15 but DHT (C4), JPG (C8) and DAC (CC): precision,
       * height, width */
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (seg < 7)
            return false;
          *height = d[i + 5] << 8 | d[i + 6];
          *width = d[i + 7] << 8 | d[i + 8];
          return *width > 0 && *height > 0;
        }
      i += 2 + seg;
    }
  return false;
}

/* The logo @data (PNG or JPEG) as a cairo surface to paint (transfer
 * full), or NULL when it cannot be drawn (then it is left out). A PNG is
 * decoded by cairo; a JPEG is not decoded at all: an image surface of its
 * size carries the JPEG file as mime data, which cairo's PDF surface
 * embeds as it is (DCTDecode). @data must outlive the surface. */
static cairo_surface_t *
new_logo_surface (const unsigned char *data, size_t len)
{
  static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  cairo_surface_t *s = NULL;
  int width = 0, height = 0;

  if (len >= sizeof png && memcmp (data, png, sizeof png) == 0)
    {
      PngSource src = { data, len, 0 };
      s = cairo_image_surface_create_from_png_stream (read_png_cb, &src);
    }
  /* at most 16 M pixels: the blank surface is allocated */
  else if (find_jpeg_size (data, len, &width, &height) && (long) width * height <= 16L << 20)
    {
      s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      if (cairo_surface_status (s) == CAIRO_STATUS_SUCCESS)
        cairo_surface_set_mime_data (s, CAIRO_MIME_TYPE_JPEG, data, len, NULL, NULL);
    }
  if (s != NULL && cairo_surface_status (s) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (s);
      s = NULL;
    }
  return s;
}

/* One pass: draws @doc on a new PDF surface writing to @sink. */
static DokusStatus
render_pass (const cJSON *doc, const char *language, cairo_surface_t *logo, int pages_total,
             Sink *sink, int *pages, DokusError *err)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (
    write_cb, sink, DOKUS_PDF_PAGE_WIDTH, DOKUS_PDF_PAGE_HEIGHT);
  const char *issue = dokus_render_str (doc, "issue_date");
  const cJSON *seller = cJSON_GetObjectItemCaseSensitive (doc, "seller");
  const char *type = dokus_render_str (doc, "type");
  char date[32], title[160];
  DokusStatus st;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "cairo cannot make a PDF surface");
    }
  /* the issue date, not the clock: the same document gives the same bytes */
  snprintf (date, sizeof date, "%sT00:00:00Z", issue ? issue : "2000-01-01");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
  snprintf (title, sizeof title, "%s %s",
            dokus_render_label (type && strcmp (type, "credit_note") == 0
                                  ? DOKUS_LABEL_CREDIT_NOTE
                                  : DOKUS_LABEL_INVOICE,
                                language),
            dokus_render_str (doc, "number") ? dokus_render_str (doc, "number") : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (dokus_render_str (seller, "name") != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                    dokus_render_str (seller, "name"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Dokus");
  st = dokus_pdf_layout_draw (surface, doc, language, logo, pages_total, pages, err);
  cairo_surface_finish (surface);
  if (st == DOKUS_OK && sink->failed)
    st = dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory writing the PDF");
  else if (st == DOKUS_OK && cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    st = dokus_error_set (err, DOKUS_ERR_INTERNAL, NULL, "cairo: %s",
                          cairo_status_to_string (cairo_surface_status (surface)));
  cairo_surface_destroy (surface);
  return st;
}

DokusStatus
dokus_pdf_render_json (const cJSON *doc, const char *language, const unsigned char *logo,
                       size_t logo_len, unsigned char **out_pdf, size_t *out_len, int *out_pages,
                       DokusError *err)
{
  Sink counting = { 0 }, sink = { .keep = true };
  cairo_surface_t *logo_surface = NULL;
  int pages = 0, again = 0;
  DokusStatus st;

  assert (doc != NULL && dokus_render_language_is_valid (language));
  assert (out_pdf != NULL && out_len != NULL);
  *out_pdf = NULL;
  *out_len = 0;
  if (logo != NULL)
    logo_surface = new_logo_surface (logo, logo_len);
  st = render_pass (doc, language, logo_surface, 0, &counting, &pages, err);
  if (st == DOKUS_OK)
    st = render_pass (doc, language, logo_surface, pages, &sink, &again, err);
  cairo_surface_destroy (logo_surface);
  if (st == DOKUS_OK && again != pages)
    st = dokus_error_set (err, DOKUS_ERR_INTERNAL, NULL,
                          "the PDF layout gave %d pages, then %d", pages, again);
  if (st != DOKUS_OK)
    {
      free (sink.data);
      return st;
    }
  *out_pdf = sink.data;
  *out_len = sink.len;
  if (out_pages != NULL)
    *out_pages = pages;
  return DOKUS_OK;
}

DokusStatus
dokus_pdf_export_with_pages (DokusBook *book, const char *id_or_number, const char *language,
                             unsigned char **out_pdf, size_t *out_len, int *out_pages,
                             DokusError *err)
{
  sqlite3 *db = dokus_book_get_db (book);
  char id[DOKUS_ID_TEXT];
  const char *number, *status;
  cJSON *doc = NULL;
  DokusPdfRendering r = { 0 };
  DokusStatus st;

  assert (book != NULL && id_or_number != NULL && out_pdf != NULL && out_len != NULL);
  *out_pdf = NULL;
  *out_len = 0;
  if (out_pages != NULL)
    *out_pages = 0;
  if (language != NULL && !dokus_render_language_is_valid (language))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "language",
                            "the language must be nl, fr, de or en, not '%s'", language);
  st = dokus_doc_resolve (db, id_or_number, id, err);
  /* the frozen document without the derived balance, which the PDF does
   * not show ("status" is then the stored state: draft, issued or sent) */
  if (st == DOKUS_OK)
    st = dokus_document_to_json (db, id, false, &doc, err);
  if (st != DOKUS_OK)
    goto out;
  number = dokus_render_str (doc, "number");
  status = dokus_render_str (doc, "status");
  if (number == NULL || status == NULL || strcmp (status, "draft") == 0)
    {
      st = dokus_error_set (err, DOKUS_ERR_REFUSED, "document",
                            "a draft has no number: issue it first");
      goto out;
    }
  if (language == NULL)
    {
      language = dokus_render_str (doc, "language");
      if (!dokus_render_language_is_valid (language))
        language = "en";
    }
  st = dokus_pdf_rendering_get (db, id, doc, language, &r, err);
  /* a cache: a book another process is writing to (busy) still gives
   * the PDF, which is kept next time */
  if (st == DOKUS_OK)
    (void) dokus_pdf_rendering_store (db, id, language, &r, NULL);
  if (st == DOKUS_OK)
    {
      *out_pdf = r.pdf;
      *out_len = r.len;
      if (out_pages != NULL)
        *out_pages = r.pages;
      r.pdf = NULL;
    }
  dokus_pdf_rendering_clear (&r);
out:
  cJSON_Delete (doc);
  return st;
}

DokusStatus
dokus_pdf_export (DokusBook *book, const char *id_or_number, const char *language,
                  unsigned char **out_pdf, size_t *out_len, DokusError *err)
{
  return dokus_pdf_export_with_pages (book, id_or_number, language, out_pdf, out_len, NULL, err);
}

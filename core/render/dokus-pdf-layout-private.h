/* dokus-pdf-layout-private.h
 *
 * Drawing a document's pages (dokus-pdf-layout.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <cjson/cJSON.h>

#include "dokus/dokus-error.h"

/* A4 in points */
#define DOKUS_PDF_PAGE_WIDTH 595.28
#define DOKUS_PDF_PAGE_HEIGHT 841.89

/* Draws the frozen document @doc (dokus_document_show's JSON) in
 * @language on @surface, a PDF surface of A4 pages, with the image
 * @logo (nullable) top left of the first page, ending every page
 * with cairo_show_page(). @pages_total is printed in "Page x/y"; 0 in a
 * first pass that only counts. *@out_pages: the pages drawn.
 * DOKUS_ERR_INTERNAL when cairo fails, DOKUS_ERR_INVALID when the
 * payment QR code cannot be made from the document's data. */
DokusStatus dokus_pdf_layout_draw (cairo_surface_t *surface, const cJSON *doc,
                                   const char *language, cairo_surface_t *logo, int pages_total,
                                   int *out_pages, DokusError *err);

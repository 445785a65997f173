/* dokus-pdf-private.h
 *
 * The PDF of a frozen document from its JSON, for core code that already
 * holds it (the UBL writer embeds the PDF). No cairo types here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>

#include <cjson/cJSON.h>

#include "dokus/dokus-error.h"

/* The PDF of @doc (dokus_document_show's JSON of an issued document) in
 * @language ("nl", "fr", "de", "en"; asserted). *@out_pdf (transfer full,
 * free()), *@out_len, *@out_pages (nullable). Same input, same bytes. */
DokusStatus dokus_pdf_render_json (const cJSON *doc, const char *language,
                                   unsigned char **out_pdf, size_t *out_len, int *out_pages,
                                   DokusError *err);

/* dokus-invoice-model.h
 *
 * A GListModel of DokusInvoiceItem over the whole document list of a
 * book, fetched lazily a page at a time with dokus_document_query(): the
 * model knows the number of matching documents from the first page and
 * reads any other page only when a row of it is asked for, so a list of
 * 100 000 invoices costs a few pages of memory. Pages are kept in a small
 * cache (dropped when the query changes or the ledger does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dokus-invoice-item.h"
#include "dokus-session.h"

G_BEGIN_DECLS

#define DOKUS_INVOICE_MODEL_PAGE 100

#define DOKUS_TYPE_INVOICE_MODEL (dokus_invoice_model_get_type ())
G_DECLARE_FINAL_TYPE (DokusInvoiceModel, dokus_invoice_model, DOKUS, INVOICE_MODEL, GObject)

DokusInvoiceModel *dokus_invoice_model_new (void);

/* @session: nullable; the model is empty without one. */
void dokus_invoice_model_set_session (DokusInvoiceModel *self, DokusSession *session);

/* Sets the query (every string nullable, copied; see DokusDocumentQuery)
 * and reloads. */
void dokus_invoice_model_set_query (DokusInvoiceModel *self, const char *status, const char *from,
                                    const char *to, const char *search, const char *sort,
                                    gboolean descending);

/* Drops the cache and reads the count again (emits items-changed). */
void dokus_invoice_model_reload (DokusInvoiceModel *self);

/* How many pages were read from the book since the model was made. */
guint dokus_invoice_model_get_pages_fetched (DokusInvoiceModel *self);

/* The last error (translated), or NULL. (transfer none) */
const char *dokus_invoice_model_get_error (DokusInvoiceModel *self);

G_END_DECLS

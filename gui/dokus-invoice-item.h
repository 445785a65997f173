/* dokus-invoice-item.h
 *
 * One row of the document list (an invoice or credit note), as
 * dokus_document_query() gives it: display strings made once, when the
 * page is fetched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cjson/cJSON.h>
#include <glib-object.h>

G_BEGIN_DECLS

#define DOKUS_TYPE_INVOICE_ITEM (dokus_invoice_item_get_type ())
G_DECLARE_FINAL_TYPE (DokusInvoiceItem, dokus_invoice_item, DOKUS, INVOICE_ITEM, GObject)

/* From a row of dokus_document_query()'s "invoices" (not kept). */
DokusInvoiceItem *dokus_invoice_item_new_from_json (const cJSON *row);

/* (transfer none) each */
const char *dokus_invoice_item_get_id (DokusInvoiceItem *self);
const char *dokus_invoice_item_get_number (DokusInvoiceItem *self);  /* "Draft" for a draft */
const char *dokus_invoice_item_get_date (DokusInvoiceItem *self);    /* issue date, formatted */
const char *dokus_invoice_item_get_due (DokusInvoiceItem *self);     /* due date, formatted */
const char *dokus_invoice_item_get_client (DokusInvoiceItem *self);
const char *dokus_invoice_item_get_status (DokusInvoiceItem *self);  /* translated */
const char *dokus_invoice_item_get_total (DokusInvoiceItem *self);   /* formatted money */
const char *dokus_invoice_item_get_open (DokusInvoiceItem *self);    /* formatted money */
gboolean    dokus_invoice_item_get_overdue (DokusInvoiceItem *self);
gboolean    dokus_invoice_item_is_credit_note (DokusInvoiceItem *self);

/* The translated name of a derived status ("partially_paid"). */
const char *dokus_invoice_status_label (const char *status);

G_END_DECLS

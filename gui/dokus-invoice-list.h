/* dokus-invoice-list.h
 *
 * The invoices view: a GtkColumnView over DokusInvoiceModel, with search,
 * status and period filters and sortable columns (the ledger sorts; the
 * view only says by what). Signal "open-document" (const char *id): a row
 * was activated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dokus-invoice-model.h"
#include "dokus-session.h"

G_BEGIN_DECLS

#define DOKUS_TYPE_INVOICE_LIST (dokus_invoice_list_get_type ())
G_DECLARE_FINAL_TYPE (DokusInvoiceList, dokus_invoice_list, DOKUS, INVOICE_LIST, AdwBin)

void dokus_invoice_list_set_session (DokusInvoiceList *self, DokusSession *session);

/* (transfer none): the model behind the view. */
DokusInvoiceModel *dokus_invoice_list_get_model (DokusInvoiceList *self);

void dokus_invoice_list_focus_search (DokusInvoiceList *self);

G_END_DECLS

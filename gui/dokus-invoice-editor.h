/* dokus-invoice-editor.h
 *
 * The invoice editor: a new or draft invoice with its client, issue and
 * due dates, references, note and lines (with discounts), live totals per
 * VAT rate (dokus_totals_compute) with the draft's allowances and
 * charges, and inline messages; saving and issuing. An issued document opens read-only
 * with its status, open amount and Peppol state, and the actions on it:
 * record a payment, credit note, export PDF and UBL, send via Peppol.
 * While a long job holds the book (a sync), the actions that write are
 * paused with a notice (dokus-write-pause.h) and the form stays editable;
 * an editor opened meanwhile reads the book when the session is idle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dokus-session.h"

G_BEGIN_DECLS

#define DOKUS_TYPE_INVOICE_EDITOR (dokus_invoice_editor_get_type ())
G_DECLARE_FINAL_TYPE (DokusInvoiceEditor, dokus_invoice_editor, DOKUS, INVOICE_EDITOR, AdwWindow)

/* @document_id: nullable, a new invoice. */
GtkWidget *dokus_invoice_editor_new (GtkWindow *parent, DokusSession *session,
                                     const char *document_id);

/* The number of lines in the editor. */
guint dokus_invoice_editor_get_n_lines (DokusInvoiceEditor *self);

/* The widget named @name ("description", "quantity", "unit_price",
 * "vat", "net", "remove") of line @index (from 0), or NULL; for tests
 * and accessibility checks. (transfer none) */
GtkWidget *dokus_invoice_editor_get_line_widget (DokusInvoiceEditor *self, guint index,
                                                 const char *name);

/* Writes the issued document as PDF (@pdf) or UBL XML into @file now, on
 * this thread; FALSE with @error otherwise. */
gboolean dokus_invoice_editor_export_to (DokusInvoiceEditor *self, GFile *file, gboolean pdf,
                                         GError **error);

/* The same, as the export buttons do once a file is chosen: the document
 * is rendered on the session's worker and written with GIO's async write,
 * with a toast when it starts and when it is written (or the error under
 * the totals); the main loop keeps running meanwhile. */
void dokus_invoice_editor_export_to_async (DokusInvoiceEditor *self, GFile *file, gboolean pdf);

/* (transfer none, nullable): the document's id once saved. */
const char *dokus_invoice_editor_get_document_id (DokusInvoiceEditor *self);

/* The text of the totals (one line per row, label and amount separated by
 * a tab) and of the message, as shown. (transfer full) */
char *dokus_invoice_editor_dup_totals_text (DokusInvoiceEditor *self);
char *dokus_invoice_editor_dup_message (DokusInvoiceEditor *self);

G_END_DECLS

/* dokus-expense-dialog.h
 *
 * Recording a purchase by hand with its receipts, added with a file
 * chooser or dropped on the dialog. What a purchase means for VAT and
 * the profit and loss is libdokus's (dokus-expense.h); the form only
 * reads what the bill says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dokus-session.h"

G_BEGIN_DECLS

#define DOKUS_TYPE_EXPENSE_DIALOG (dokus_expense_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DokusExpenseDialog, dokus_expense_dialog, DOKUS, EXPENSE_DIALOG, AdwWindow)

GtkWidget *dokus_expense_dialog_new (GtkWindow *parent, DokusSession *session);

/* Adds @file as a receipt (as a drop does). */
void dokus_expense_dialog_add_receipt (DokusExpenseDialog *self, GFile *file);

/* How many receipts are attached. */
guint dokus_expense_dialog_get_n_receipts (DokusExpenseDialog *self);

G_END_DECLS

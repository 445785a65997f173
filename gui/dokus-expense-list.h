/* dokus-expense-list.h
 *
 * The expenses view: the recorded purchases (newest first) and the import
 * of received UBL invoices, by file chooser or by dropping files on the
 * view; many files import on a worker with a progress bar and a Cancel
 * button, one transaction each (a cancelled import keeps what was done).
 * Receipts scanned later are added to a recorded purchase by dropping
 * them on its row or with its "Add Receipts…" button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dokus-session.h"

G_BEGIN_DECLS

#define DOKUS_TYPE_EXPENSE_LIST (dokus_expense_list_get_type ())
G_DECLARE_FINAL_TYPE (DokusExpenseList, dokus_expense_list, DOKUS, EXPENSE_LIST, AdwBin)

void dokus_expense_list_set_session (DokusExpenseList *self, DokusSession *session);

/* Imports @files (GFile) as a drop does. */
void dokus_expense_list_import (DokusExpenseList *self, GList *files);

/* Adds @files (GFile) as receipts of the recorded purchase @expense_id,
 * as dropping them on its row or its "Add Receipts…" button does: on the
 * worker, each file on its own; the message under the buttons says how
 * many were added and why any was refused. */
void dokus_expense_list_add_receipts (DokusExpenseList *self, const char *expense_id,
                                      GList *files);

/* Opens the new-expense dialog with @receipts (GFile, nullable) attached.
 * Signal "dialog-opened" (GtkWindow *dialog) tells which. */
void dokus_expense_list_new_expense (DokusExpenseList *self, GList *receipts);

G_END_DECLS

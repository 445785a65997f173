/* dokus-window.h
 *
 * The main window: the unlock page until a book is open, then the views
 * of the book (overview, invoices, clients, expenses, reports, settings)
 * with the sync status in the header bar. One window shows one book.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dokus-session.h"

G_BEGIN_DECLS

#define DOKUS_TYPE_WINDOW (dokus_window_get_type ())
G_DECLARE_FINAL_TYPE (DokusWindow, dokus_window, DOKUS, WINDOW, AdwApplicationWindow)

DokusWindow *dokus_window_new (GtkApplication *app);

/* Asks for the passphrase of the book at @path. */
void dokus_window_open_book (DokusWindow *self, const char *path);

/* Shows the views of @session's book (as unlocking does); a non-NULL
 * @recovery_key starts the first-run assistant. */
void dokus_window_show_session (DokusWindow *self, DokusSession *session,
                                const char *recovery_key);

/* (transfer none, nullable): the open book. */
DokusSession *dokus_window_get_session (DokusWindow *self);

/* Shows the view named @name: "dashboard", "invoices", "clients",
 * "expenses", "reports" or "settings". */
void dokus_window_show_view (DokusWindow *self, const char *name);

/* (transfer none): the view @name of views[] ("dashboard", "invoices",
 * "clients", "expenses", "reports", "settings"), built now if it was
 * not shown yet (views are built the first time they are shown). */
GtkWidget *dokus_window_get_view (DokusWindow *self, const char *name);

/* (transfer none): the assistant or editor the window opened last, for
 * tests: the setup dialog, an invoice editor or a client dialog. */
GtkWindow *dokus_window_get_last_dialog (DokusWindow *self);

/* Opens a new invoice editor (as Ctrl+N does). */
void dokus_window_new_invoice (DokusWindow *self);

/* Closes the book and returns to the unlock page. */
void dokus_window_lock (DokusWindow *self);

G_END_DECLS

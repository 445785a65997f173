/* dokus-gui-test-util.h
 *
 * Driving the desktop application from a test: start GTK and libadwaita,
 * find a widget of a template by its id, type into it, click it, and run
 * the main loop until something is true.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dokus-session.h"

/* gtk_init, adw_init, libsodium, the application's resources. */
void dokus_gui_test_init (void);

/* Runs the main loop until nothing is pending. */
void dokus_gui_test_iterate (void);

/* Runs the main loop until @done (@data) is TRUE or @timeout_ms passed;
 * returns the last value of @done. */
gboolean dokus_gui_test_wait (gboolean (*done) (gpointer data), gpointer data, guint timeout_ms);

/* The template child @id of @widget, whose template is that of @type;
 * fails the test when there is none. (transfer none) */
GtkWidget *dokus_gui_test_child (gpointer widget, GType type, const char *id);

/* Types @text into the editable (an entry or an entry row), as a user does. */
void dokus_gui_test_type (GtkWidget *editable, const char *text);

/* Clicks @button (it must be sensitive and visible: a test fails otherwise). */
void dokus_gui_test_click (GtkWidget *button);

/* Starts a job on @session's worker that holds the book until the test
 * sets *@release (g_atomic_int_set): the session is busy, as during a sync. */
void dokus_gui_test_hold_book (DokusSession *session, gint *release);

/* Runs the main loop until @session is idle or @timeout_ms passed; TRUE
 * when it is idle. */
gboolean dokus_gui_test_wait_idle (DokusSession *session, guint timeout_ms);

/* The main() of a gui test: today is 2026-11-25 (DOKUS_TODAY), GTK is
 * started (dokus_gui_test_init), and @suite's tests run in this process
 * (GTK lives here: no fork per test). Takes @suite; returns the exit
 * status. */
struct Suite; /* check.h */
int dokus_gui_test_run (struct Suite *suite);

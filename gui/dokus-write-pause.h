/* dokus-write-pause.h
 *
 * A dialog's controls that write to the book, paused while a long job
 * holds it (dokus_session_is_busy(): a sync waiting on the relay, a big
 * export or import). Taking the book's lock then would stop the main loop
 * until the job ends, so the controls are insensitive and a notice says
 * why; on the session's "idle" they work again. Only the controls pause:
 * what the user typed stays in the form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dokus-session.h"

G_BEGIN_DECLS

/* Makes @widget insensitive while @session is busy (now, and on every
 * "busy" until "idle"), for as long as @owner lives. @notice (nullable)
 * is shown while paused, its text set to dokus_write_pause_reason().
 * Call it once per widget; the widget's sensitivity is the pause's alone. */
void dokus_write_pause_add (GtkWidget *owner, DokusSession *session, GtkWidget *widget,
                            GtkLabel *notice);

/* For a control whose sensitivity also depends on the form (a Save
 * button enabled once the form is valid): calls @refresh (@owner) now and
 * on every "busy" and "idle" for as long as @owner lives; @refresh sets the
 * control insensitive while dokus_session_is_busy(). @notice as above. */
void dokus_write_pause_follow (GtkWidget *owner, DokusSession *session,
                               void (*refresh) (GtkWidget *owner), GtkLabel *notice);

/* For the write itself (a click or shortcut already queued): TRUE, with
 * the reason put in @message (nullable), when @session is busy and the
 * write must not take the book now. */
gboolean dokus_write_pause_refuses (DokusSession *session, GtkLabel *message);

/* (transfer none): "Saving is paused while Dokus syncs…", translated. */
const char *dokus_write_pause_reason (void);

G_END_DECLS

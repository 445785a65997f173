/* dokus-view-reload.h
 *
 * The one way a view follows its book: when the session says the book
 * changed ("changed"), the view reads it again at once if it is shown,
 * else the next time it is mapped, so hidden pages cost nothing. While a
 * long job holds the book (dokus_session_is_busy(): a sync waiting on the
 * relay) the view keeps what it shows and reads the book when the
 * session is idle again: the main loop never waits for the book's lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dokus-session.h"

G_BEGIN_DECLS

/* Reads the book into @view (its session may be NULL: then it empties). */
typedef void (*DokusViewReloadFunc) (GtkWidget *view);

/* Sets *@slot (the view's own session field) to @session (nullable),
 * moving the "changed" handler from the old session to the new one, and
 * reloads @view now if it is shown, else when it is mapped (at once
 * without a session). @reload must be the same function on every call for
 * one view. */
void dokus_view_set_session (GtkWidget *view, DokusSession **slot, DokusSession *session,
                             DokusViewReloadFunc reload);

/* Reloads @view now if it is shown and the book is not busy, else the
 * next time it is mapped or the session is idle. */
void dokus_view_reload_when_shown (GtkWidget *view);

G_END_DECLS

/* dokus-comments-view.h
 *
 * The "Comments" section (a preferences group) of a document's page: the comments on one
 * invoice or credit note (dokus_comment_list), each with its author's
 * role, its date, its text and whether it is resolved or open; a
 * "Resolve" button per open comment on an owner's or device's book
 * (dokus_comment_resolve); an entry and "Add Comment" button
 * (dokus_comment_add) on an accountant's book and on any synced book (a
 * book without sync has nobody to read a comment: it only shows and
 * resolves those it holds). The section hides itself when there is
 * nothing to show and the book cannot add.
 *
 * The book is read when the subject is set and on the session's
 * "changed", never while a long job holds it (dokus_session_is_busy(): a
 * sync waiting on the relay): then the view keeps what it shows and reads
 * on "idle", so the main loop never waits for the book's lock. Resolving
 * and adding are paused the same way (dokus-write-pause.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dokus-session.h"

G_BEGIN_DECLS

#define DOKUS_TYPE_COMMENTS_VIEW (dokus_comments_view_get_type ())
G_DECLARE_FINAL_TYPE (DokusCommentsView, dokus_comments_view, DOKUS, COMMENTS_VIEW,
                      AdwPreferencesGroup)

GtkWidget *dokus_comments_view_new (void);

/* Shows the comments on the document @document_id (nullable: none, the
 * view hides) of @session's book (nullable), reading the book now or,
 * while it is busy, on "idle". @pause_notice (nullable) is shown while
 * writing is paused (dokus_write_pause_follow). */
void dokus_comments_view_set_subject (DokusCommentsView *self, DokusSession *session,
                                      const char *document_id, GtkLabel *pause_notice);

/* TRUE while a read waits for the book (busy) after the subject was set
 * or the book changed. */
gboolean dokus_comments_view_is_pending (DokusCommentsView *self);

/* The number of comments shown. */
guint dokus_comments_view_get_n_comments (DokusCommentsView *self);

/* For tests and accessibility checks, (transfer none), NULL when there
 * is none: comment @index's (from 0, oldest first) "meta" label (role,
 * date, open or resolved), "text" label or "resolve" button (open
 * comments on a book that may resolve); with @index ignored, the "entry"
 * row and "add" button (a book that may add) and the "message" label. */
GtkWidget *dokus_comments_view_get_widget (DokusCommentsView *self, guint index,
                                           const char *name);

G_END_DECLS

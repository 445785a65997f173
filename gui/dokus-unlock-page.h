/* dokus-unlock-page.h
 *
 * The first thing a window shows: recent books, opening or creating a
 * book, the passphrase (a wrong one says so and offers the recovery key),
 * and recovery. Signal "unlocked" (DokusSession *session, const char
 * *recovery_key): a book is open; @recovery_key is non-NULL only for a
 * book just created, to be shown once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DOKUS_TYPE_UNLOCK_PAGE (dokus_unlock_page_get_type ())
G_DECLARE_FINAL_TYPE (DokusUnlockPage, dokus_unlock_page, DOKUS, UNLOCK_PAGE, AdwBin)

GtkWidget *dokus_unlock_page_new (void);

/* Shows the passphrase prompt for the book at @path (as the file chooser
 * or a recent book does). */
void dokus_unlock_page_ask_passphrase (DokusUnlockPage *self, const char *path);

/* Shows the new-book form for @path (as the save dialog does). */
void dokus_unlock_page_ask_new_book (DokusUnlockPage *self, const char *path);

/* Back to the start: recent books, open, new. */
void dokus_unlock_page_reset (DokusUnlockPage *self);

/* Unlocks the book of the prompt with @passphrase, as if typed. */
void dokus_unlock_page_unlock_with (DokusUnlockPage *self, const char *passphrase);

/* Adds @path at the top of the recent books (GSettings "recent-books"). */
void dokus_unlock_page_remember (const char *path);

G_END_DECLS

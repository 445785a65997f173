/* dokus-settings-page.h
 *
 * The settings view: the business profile (and numbering prefix), the
 * colour scheme (kept in GSettings), changing the passphrase (on a
 * worker: the KDF takes a moment) and the sync and Peppol status.
 * Signal "dialog-opened" (GtkWindow *dialog).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dokus-session.h"

G_BEGIN_DECLS

#define DOKUS_TYPE_SETTINGS_PAGE (dokus_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (DokusSettingsPage, dokus_settings_page, DOKUS, SETTINGS_PAGE, AdwBin)

void dokus_settings_page_set_session (DokusSettingsPage *self, DokusSession *session);

/* Applies the colour scheme stored in GSettings ("color-scheme"). */
void dokus_settings_apply_color_scheme (void);

G_END_DECLS

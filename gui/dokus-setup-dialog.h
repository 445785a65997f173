/* dokus-setup-dialog.h
 *
 * The first-run assistant of a new book: the recovery key, shown once,
 * then the company profile with live validation of the enterprise number
 * and IBAN. Without a recovery key it is the profile editor, filled from
 * the book. Signal "saved": the profile was stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dokus-session.h"

G_BEGIN_DECLS

#define DOKUS_TYPE_SETUP_DIALOG (dokus_setup_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DokusSetupDialog, dokus_setup_dialog, DOKUS, SETUP_DIALOG, AdwWindow)

/* @recovery_key (nullable) is copied into locked memory and wiped when
 * the dialog goes. */
GtkWidget *dokus_setup_dialog_new (GtkWindow *parent, DokusSession *session,
                                   const char *recovery_key);

G_END_DECLS

/* dokus-client-dialog.h
 *
 * Adding a client: name, VAT number (checked as typed), address, e-mail
 * and the client's invoice language, which is independent of the
 * language of the application. Signal "added" (const char *id).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dokus-session.h"

G_BEGIN_DECLS

#define DOKUS_TYPE_CLIENT_DIALOG (dokus_client_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DokusClientDialog, dokus_client_dialog, DOKUS, CLIENT_DIALOG, AdwWindow)

GtkWidget *dokus_client_dialog_new (GtkWindow *parent, DokusSession *session);

G_END_DECLS

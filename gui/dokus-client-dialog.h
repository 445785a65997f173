/* dokus-client-dialog.h
 *
 * Adding a client: name, VAT number (checked as typed), address, e-mail
 * and the client's invoice language, which is independent of the
 * language of the application; or editing one. Signal "added" (const char *id).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include <cjson/cJSON.h>

#include "dokus-session.h"

G_BEGIN_DECLS

#define DOKUS_TYPE_CLIENT_DIALOG (dokus_client_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DokusClientDialog, dokus_client_dialog, DOKUS, CLIENT_DIALOG, AdwWindow)

GtkWidget *dokus_client_dialog_new (GtkWindow *parent, DokusSession *session);

/* Turns the dialog into the editor of the client @id, filled from @client
 * (an entry of dokus_client_list's "clients"); saving replaces the client
 * with dokus_client_update() (issued documents keep it as it was). */
void dokus_client_dialog_edit (DokusClientDialog *self, const char *id, const cJSON *client);

G_END_DECLS

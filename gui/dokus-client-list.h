/* dokus-client-list.h
 *
 * The clients view: search (dokus_client_search) and adding a client.
 * Signal "dialog-opened" (GtkWindow *dialog): the add dialog was shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dokus-session.h"

G_BEGIN_DECLS

#define DOKUS_TYPE_CLIENT_LIST (dokus_client_list_get_type ())
G_DECLARE_FINAL_TYPE (DokusClientList, dokus_client_list, DOKUS, CLIENT_LIST, AdwBin)

void dokus_client_list_set_session (DokusClientList *self, DokusSession *session);

/* Opens the new-client dialog (as the Add button does). */
void dokus_client_list_add_client (DokusClientList *self);

/* How many clients are shown. */
guint dokus_client_list_get_n_shown (DokusClientList *self);

G_END_DECLS

/* dokus-gui-error.h
 *
 * The one bridge from libdokus's DokusError to GLib's GError, which GTK
 * and GTask expect: domain DOKUS_ERROR, code the DokusStatus, message
 * translated by code with the field named ("Invalid value in
 * lines[2].quantity: ..."). The English diagnostic of libdokus follows
 * after the translated summary, for the user to quote in a bug report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include <dokus/dokus.h>

G_BEGIN_DECLS

#define DOKUS_ERROR (dokus_error_quark ())
GQuark dokus_error_quark (void);

/* Sets *@error (if @error is not NULL) from @err and returns FALSE, or
 * returns TRUE without touching @error when @err->code is DOKUS_OK. */
gboolean dokus_gui_error_propagate (GError **error, const DokusError *err);

/* A short translated sentence for @code ("The passphrase is wrong."),
 * (transfer none). */
const char *dokus_gui_error_summary (DokusStatus code);

G_END_DECLS

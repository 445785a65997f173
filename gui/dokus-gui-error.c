/* dokus-gui-error.c
 *
 * GError from DokusError: the only place where libdokus's error values
 * become GLib errors (STYLE.md, "Errors"), translated by code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "dokus-gui-error.h"

G_DEFINE_QUARK (dokus-error-quark, dokus_error)

const char *
dokus_gui_error_summary (DokusStatus code)
{
  switch (code)
    {
    case DOKUS_OK:
      return _("No error.");
    case DOKUS_ERR_INVALID:
      return _("A value is not valid.");
    case DOKUS_ERR_REFUSED:
      return _("This is not allowed.");
    case DOKUS_ERR_NOT_FOUND:
      return _("It was not found.");
    case DOKUS_ERR_BAD_PASSPHRASE:
      return _("The passphrase is wrong.");
    case DOKUS_ERR_CORRUPT:
      return _("The book is damaged.");
    case DOKUS_ERR_IO:
      return _("A file could not be read or written.");
    case DOKUS_ERR_NOMEM:
      return _("Out of memory.");
    case DOKUS_ERR_INTERNAL:
    default:
      return _("An internal error occurred.");
    }
}

gboolean
dokus_gui_error_propagate (GError **error, const DokusError *err)
{
  g_return_val_if_fail (err != NULL, FALSE);
  if (err->code == DOKUS_OK)
    return TRUE;
  if (err->field[0] != '\0')
    /* TRANSLATORS: %1$s a sentence such as "A value is not valid.", %2$s the field
     * ("lines[2].quantity"), %3$s the English detail */
    g_set_error (error, DOKUS_ERROR, err->code, _("%1$s (%2$s: %3$s)"),
                 dokus_gui_error_summary (err->code), err->field, err->message);
  else
    g_set_error (error, DOKUS_ERROR, err->code, _("%1$s (%2$s)"),
                 dokus_gui_error_summary (err->code), err->message);
  return FALSE;
}

/* dokus-render-qr.c
 *
 * A QR code as vector squares: libqrencode gives the modules, cairo fills
 * one rectangle per horizontal run of dark modules (fewer seams between
 * neighbours than one square each, and a smaller PDF). Deterministic:
 * the encoder picks its mask by rule, and nothing here depends on the
 * clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <errno.h>

#include <qrencode.h>

#include "dokus-render-qr-private.h"

#define QUIET_ZONE 4 /* modules of white around the code (ISO/IEC 18004) */

DokusStatus
dokus_render_qr (cairo_t *cr, const char *payload, int max_version, double x, double y,
                 double size, const char *field, DokusError *err)
{
  QRcode *qr;
  double module;

  assert (cr != NULL && payload != NULL);
  errno = 0;
  qr = QRcode_encodeString8bit (payload, 0, QR_ECLEVEL_M);
  if (qr == NULL)
    return errno == ENOMEM ? dokus_error_set (err, DOKUS_ERR_NOMEM, field, "out of memory")
                           : dokus_error_set (err, DOKUS_ERR_INVALID, field,
                                              "the QR code's text is too long");
  if (qr->version > max_version)
    {
      int version = qr->version;
      QRcode_free (qr);
      return dokus_error_set (err, DOKUS_ERR_INVALID, field,
                              "the QR code needs version %d, more than %d", version, max_version);
    }
  module = size / (qr->width + 2 * QUIET_ZONE);
  cairo_save (cr);
  cairo_new_path (cr);
  for (int row = 0; row < qr->width; row++)
    for (int col = 0; col < qr->width;)
      {
        int run = 0;
        /* bit 0 of each byte: a dark module */
        while (col + run < qr->width && (qr->data[row * qr->width + col + run] & 1))
          run++;
        if (run > 0)
          cairo_rectangle (cr, x + (QUIET_ZONE + col) * module, y + (QUIET_ZONE + row) * module,
                           run * module, module);
        col += run > 0 ? run : 1;
      }
  cairo_fill (cr);
  cairo_restore (cr);
  QRcode_free (qr);
  return DOKUS_OK;
}

/* dokus-render-qr-private.h
 *
 * Drawing a QR code with cairo (dokus-render-qr.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "dokus/dokus-error.h"

/* Draws @payload (UTF-8, 8-bit mode) as a QR code of error correction
 * level M and at most version @max_version, as filled vector squares in
 * the current source colour, its quiet zone (4 modules) included in the
 * @size × @size square at @x, @y. DOKUS_ERR_INVALID (field @field) when
 * the payload needs a larger version, DOKUS_ERR_NOMEM. */
DokusStatus dokus_render_qr (cairo_t *cr, const char *payload, int max_version, double x,
                             double y, double size, const char *field, DokusError *err);

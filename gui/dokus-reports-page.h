/* dokus-reports-page.h
 *
 * The reports view: the VAT return grids of a period, the profit and loss
 * and the annual client listing of a year (libdokus computes them all),
 * and the export of the whole book for an accountant, on a worker with a
 * progress bar and a Cancel button (a cancelled export leaves nothing).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dokus-session.h"

G_BEGIN_DECLS

#define DOKUS_TYPE_REPORTS_PAGE (dokus_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (DokusReportsPage, dokus_reports_page, DOKUS, REPORTS_PAGE, AdwBin)

void dokus_reports_page_set_session (DokusReportsPage *self, DokusSession *session);

/* Exports the book into the new directory @dir, as the Export button
 * does after the folder is chosen. */
void dokus_reports_page_export_to (DokusReportsPage *self, const char *dir);

/* TRUE while an export started by dokus_reports_page_export_to() runs. */
gboolean dokus_reports_page_is_exporting (DokusReportsPage *self);

/* Cancels the running export (as its Cancel button does): it stops
 * between two steps and removes what it wrote. Nothing when none runs. */
void dokus_reports_page_cancel_export (DokusReportsPage *self);

G_END_DECLS

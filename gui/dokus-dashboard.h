/* dokus-dashboard.h
 *
 * The overview: revenue of this quarter and year, outstanding and overdue
 * amounts, the VAT estimate of the running period, revenue by month and
 * the recent activity, from dokus_report_dashboard(). Reloads when the
 * session says the ledger changed. Given a book while not shown yet (the
 * window opening on it), it reads the figures after its first frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dokus-session.h"

G_BEGIN_DECLS

#define DOKUS_TYPE_DASHBOARD (dokus_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (DokusDashboard, dokus_dashboard, DOKUS, DASHBOARD, AdwBin)

/* @session: nullable (no book). */
void dokus_dashboard_set_session (DokusDashboard *self, DokusSession *session);

/* Reads the figures again. */
void dokus_dashboard_reload (DokusDashboard *self);

/* TRUE from a reload asked for until its figures are shown (for tests). */
gboolean dokus_dashboard_is_loading (DokusDashboard *self);

G_END_DECLS

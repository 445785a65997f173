/* dokus-revenue-chart.h
 *
 * A small bar chart of the revenue of each month of a year, drawn with
 * cairo: one bar per month, the month's short name under it, the largest
 * figure above the tallest bar. Colours follow the style (dark mode too).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include <dokus/dokus.h>

G_BEGIN_DECLS

#define DOKUS_TYPE_REVENUE_CHART (dokus_revenue_chart_get_type ())
G_DECLARE_FINAL_TYPE (DokusRevenueChart, dokus_revenue_chart, DOKUS, REVENUE_CHART, GtkWidget)

GtkWidget *dokus_revenue_chart_new (void);

/* @months[0..11]: January to December, in cents (negative shows as 0). */
void dokus_revenue_chart_set_months (DokusRevenueChart *self, const DokusCents months[12]);

G_END_DECLS

/* dokus-revenue-chart.c
 *
 * The revenue bar chart of the overview. Bar heights are the only place
 * amounts become fractions, and only for drawing: proportions of pixels,
 * never money.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "dokus-format.h"
#include "dokus-revenue-chart.h"

struct _DokusRevenueChart {
  GtkWidget  parent_instance;
  DokusCents months[12];
};

G_DEFINE_FINAL_TYPE (DokusRevenueChart, dokus_revenue_chart, GTK_TYPE_WIDGET)

static void
dokus_revenue_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  DokusRevenueChart *self = DOKUS_REVENUE_CHART (widget);
  DokusFormatStyle style = dokus_format_style_get_default ();
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  DokusCents max = 0;
  GdkRGBA fg, accent = { 0.21, 0.52, 0.89, 1.0 };
  cairo_t *cr;
  PangoLayout *layout;
  double slot, label_h = 18, top = 20;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    accent = (GdkRGBA) { 0.47, 0.68, 0.93, 1.0 };
  for (int i = 0; i < 12; i++)
    max = MAX (max, self->months[i]);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  layout = gtk_widget_create_pango_layout (widget, NULL);
  slot = w / 12.0;
  for (int i = 0; i < 12; i++)
    {
      DokusCents v = MAX (self->months[i], 0);
      /* the share of the tallest bar, in pixels: drawing only */
      double bar = max > 0 ? (h - label_h - top) * ((double) v / (double) max) : 0;
      int tw, th;

      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_rectangle (cr, i * slot + slot * 0.15, h - label_h - bar, slot * 0.7, bar);
      cairo_fill (cr);
      pango_layout_set_text (layout, dokus_format_month_abbrev (style, i + 1), -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, i * slot + (slot - tw) / 2, h - th);
      pango_cairo_show_layout (cr, layout);
    }
  if (max > 0)
    {
      g_autofree char *text = dokus_format_money (style, max);
      int tw, th;
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, MAX (0, w - tw), 0);
      pango_cairo_show_layout (cr, layout);
    }
  g_object_unref (layout);
  cairo_destroy (cr);
}

static void
dokus_revenue_chart_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                             int *minimum, int *natural, int *min_baseline, int *nat_baseline)
{
  (void) widget;
  (void) for_size;
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 140;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 180;
  *min_baseline = *nat_baseline = -1;
}

static void
dokus_revenue_chart_class_init (DokusRevenueChartClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  wc->snapshot = dokus_revenue_chart_snapshot;
  wc->measure = dokus_revenue_chart_measure;
  gtk_widget_class_set_accessible_role (wc, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dokus_revenue_chart_init (DokusRevenueChart *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Revenue by month"), -1);
}

GtkWidget *
dokus_revenue_chart_new (void)
{
  return g_object_new (DOKUS_TYPE_REVENUE_CHART, NULL);
}

void
dokus_revenue_chart_set_months (DokusRevenueChart *self, const DokusCents months[12])
{
  memcpy (self->months, months, sizeof self->months);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

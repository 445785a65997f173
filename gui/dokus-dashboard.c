/* dokus-dashboard.c
 *
 * The overview page. All figures come from dokus_report_dashboard();
 * this file only formats them in the user's locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdlib.h>

#include "dokus-dashboard.h"
#include "dokus-format.h"
#include "dokus-gui-config.h"
#include "dokus-gui-json.h"
#include "dokus-revenue-chart.h"

struct _DokusDashboard {
  AdwBin             parent_instance;
  GtkLabel          *quarter_caption, *quarter_label;
  GtkLabel          *year_caption, *year_label;
  GtkLabel          *outstanding_caption, *outstanding_label;
  GtkLabel          *overdue_caption, *overdue_label;
  GtkLabel          *vat_caption, *vat_label;
  GtkLabel          *chart_title;
  DokusRevenueChart *chart;
  GtkListBox        *recent_list;
  DokusSession      *session;
  gulong             changed_id;
  guint              generation; /* drops the answers of reloads overtaken by another */
  guint              loaded;     /* the generation whose answer is shown */
  gboolean           after_paint; /* the first reload waits for the first frame */
};

G_DEFINE_FINAL_TYPE (DokusDashboard, dokus_dashboard, ADW_TYPE_BIN)

/* A translated line for an audit entry; (transfer none). */
static const char *
describe_action (const char *action, const char *entity)
{
  static const struct {
    const char *action, *entity, *text;
  } known[] = {
    { "create", "invoice", N_("Invoice drafted") },
    { "create", "credit_note", N_("Credit note drafted") },
    { "update", "invoice", N_("Draft changed") },
    { "delete", "invoice", N_("Draft deleted") },
    { "issue", "document", N_("Document issued") },
    { "issue", "invoice", N_("Invoice issued") },
    { "issue", "credit_note", N_("Credit note issued") },
    { "create", "payment", N_("Payment recorded") },
    { "refund", "payment", N_("Refund recorded") },
    { "create", "client", N_("Client added") },
    { "update", "client", N_("Client changed") },
    { "archive", "client", N_("Client archived") },
    { "create", "expense", N_("Expense recorded") },
    { "create", "profile", N_("Business profile set up") },
    { "update", "profile", N_("Business profile changed") },
    { "export", "book", N_("Book exported") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (known[i].action, action) == 0
        && (g_strcmp0 (known[i].entity, entity) == 0))
      return _(known[i].text);
  return NULL;
}

static void
set_money (GtkLabel *label, const char *amount)
{
  g_autofree char *text = dokus_format_money_text (dokus_format_style_get_default (), amount);

  gtk_label_set_text (label, text);
}

static void
clear_recent (DokusDashboard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
}

static void
fill (DokusDashboard *self, const cJSON *d)
{
  DokusFormatStyle style = dokus_format_style_get_default ();
  const cJSON *months = cJSON_GetObjectItemCaseSensitive (d, "revenue_by_month");
  const cJSON *recent = cJSON_GetObjectItemCaseSensitive (d, "recent");
  const cJSON *vat = cJSON_GetObjectItemCaseSensitive (d, "vat");
  const cJSON *item;
  DokusCents per_month[12] = { 0 };
  g_autofree char *text = NULL;
  int i = 0;

  text = g_strdup_printf (_("Revenue %s"), dokus_json_path_str (d, "revenue.quarter_label", ""));
  gtk_label_set_text (self->quarter_caption, text);
  g_clear_pointer (&text, g_free);
  set_money (self->quarter_label, dokus_json_path_str (d, "revenue.quarter", NULL));
  text = g_strdup_printf (_("Revenue %s"), dokus_json_path_str (d, "revenue.year_label", ""));
  gtk_label_set_text (self->year_caption, text);
  g_clear_pointer (&text, g_free);
  set_money (self->year_label, dokus_json_path_str (d, "revenue.year", NULL));

  text = g_strdup_printf (ngettext ("Outstanding (%d invoice)", "Outstanding (%d invoices)",
                                    (unsigned long) dokus_json_int (d, "outstanding_count", 0)),
                          (int) dokus_json_int (d, "outstanding_count", 0));
  gtk_label_set_text (self->outstanding_caption, text);
  g_clear_pointer (&text, g_free);
  set_money (self->outstanding_label, dokus_json_str (d, "outstanding", NULL));
  text = g_strdup_printf (ngettext ("Overdue (%d invoice)", "Overdue (%d invoices)",
                                    (unsigned long) dokus_json_int (d, "overdue_count", 0)),
                          (int) dokus_json_int (d, "overdue_count", 0));
  gtk_label_set_text (self->overdue_caption, text);
  g_clear_pointer (&text, g_free);
  set_money (self->overdue_label, dokus_json_str (d, "overdue", NULL));
  if (g_strcmp0 (dokus_json_str (vat, "return", ""), "none") == 0)
    {
      gtk_label_set_text (self->vat_caption, _("VAT: small business exemption"));
      gtk_label_set_text (self->vat_label, "—");
    }
  else
    {
      g_clear_pointer (&text, g_free);
      text = g_strdup_printf (_("VAT due %s (estimate)"), dokus_json_str (vat, "period", ""));
      gtk_label_set_text (self->vat_caption, text);
      set_money (self->vat_label, dokus_json_str (vat, "due_estimate", NULL));
    }
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf (_("Revenue by Month, %s"),
                          dokus_json_path_str (d, "revenue.year_label", ""));
  gtk_label_set_text (self->chart_title, text);

  cJSON_ArrayForEach (item, months)
    {
      DokusCents c = 0;
      if (i < 12 && dokus_cents_parse (dokus_json_str (item, "revenue", "0"), NULL, &c, NULL)
                      == DOKUS_OK)
        per_month[i] = c;
      i++;
    }
  dokus_revenue_chart_set_months (self->chart, per_month);

  clear_recent (self);
  cJSON_ArrayForEach (item, recent)
    {
      GtkWidget *row = adw_action_row_new ();
      const char *action = dokus_json_str (item, "action", "");
      const char *entity = dokus_json_str (item, "entity", "");
      const char *described = describe_action (action, entity);
      g_autofree char *fallback = g_strdup_printf ("%s %s", action, entity);
      g_autofree char *day = g_strndup (dokus_json_str (item, "at", ""), 10);
      g_autofree char *when = dokus_format_date_text (style, day);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), described ? described : fallback);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      gtk_list_box_append (self->recent_list, row);
    }
  if (cJSON_GetArraySize (recent) == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing yet"));
      gtk_list_box_append (self->recent_list, row);
    }
}

typedef struct {
  DokusDashboard *self;
  guint           generation;
} Reload;

static gpointer
dashboard_work (DokusBook *book, gpointer data, GCancellable *cancellable, DokusError *err)
{
  char *json = NULL;

  (void) data;
  (void) cancellable;
  if (dokus_report_dashboard (book, &json, err) != DOKUS_OK)
    return NULL;
  return json;
}

static void
reloaded_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Reload *r = data;
  DokusDashboard *self = r->self;
  g_autoptr (GError) error = NULL;
  char *json = dokus_session_run_finish (DOKUS_SESSION (source), result, &error);
  g_autoptr (cJSON) d = NULL;

  if (r->generation == self->generation)
    {
      self->loaded = r->generation;
      if (json == NULL || (d = dokus_json_take (json)) == NULL)
        {
          /* no profile yet: the first-run assistant is open */
          clear_recent (self);
          gtk_label_set_text (self->quarter_caption, _("Set up your business profile first."));
        }
      else
        fill (self, d);
    }
  else
    free (json);
  g_object_unref (self);
  g_free (r);
}

static void
first_paint_cb (GdkFrameClock *clock, DokusDashboard *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, self);
  self->after_paint = FALSE;
  dokus_dashboard_reload (self);
}

static void
dokus_dashboard_map (GtkWidget *widget)
{
  DokusDashboard *self = DOKUS_DASHBOARD (widget);
  GdkFrameClock *clock;

  GTK_WIDGET_CLASS (dokus_dashboard_parent_class)->map (widget);
  clock = gtk_widget_get_frame_clock (widget);
  if (self->after_paint && clock != NULL
      && g_signal_handler_find (clock, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                first_paint_cb, self) == 0)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_paint_cb), self, 0);
}

gboolean
dokus_dashboard_is_loading (DokusDashboard *self)
{
  return self->session != NULL && (self->after_paint || self->loaded != self->generation);
}

void
dokus_dashboard_reload (DokusDashboard *self)
{
  Reload *r;

  if (self->session == NULL || self->after_paint)
    return;
  /* on the worker: the first frame does not wait for the figures */
  r = g_new0 (Reload, 1);
  r->self = g_object_ref (self);
  r->generation = ++self->generation;
  dokus_session_run_async (self->session, dashboard_work, NULL, NULL, free, NULL, reloaded_cb, r);
}

static void
session_changed_cb (DokusSession *session, DokusDashboard *self)
{
  (void) session;
  dokus_dashboard_reload (self);
}

void
dokus_dashboard_set_session (DokusDashboard *self, DokusSession *session)
{
  if (self->session)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_set_object (&self->session, session);
  if (session)
    {
      self->changed_id = g_signal_connect (session, "changed", G_CALLBACK (session_changed_cb),
                                           self);
      /* not shown yet (the window opens on it): the figures are read once the first frame
       * is painted, so that the worker's queries do not compete with it for the CPU */
      self->after_paint = !gtk_widget_get_mapped (GTK_WIDGET (self));
      dokus_dashboard_reload (self);
    }
}

static void
dokus_dashboard_dispose (GObject *object)
{
  dokus_dashboard_set_session (DOKUS_DASHBOARD (object), NULL);
  G_OBJECT_CLASS (dokus_dashboard_parent_class)->dispose (object);
}

static void
dokus_dashboard_class_init (DokusDashboardClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dokus_dashboard_dispose;
  wc->map = dokus_dashboard_map;
  g_type_ensure (DOKUS_TYPE_REVENUE_CHART);
  gtk_widget_class_set_template_from_resource (wc, RESOURCE_PATH "/dokus-dashboard.ui");
  gtk_widget_class_bind_template_child (wc, DokusDashboard, quarter_caption);
  gtk_widget_class_bind_template_child (wc, DokusDashboard, quarter_label);
  gtk_widget_class_bind_template_child (wc, DokusDashboard, year_caption);
  gtk_widget_class_bind_template_child (wc, DokusDashboard, year_label);
  gtk_widget_class_bind_template_child (wc, DokusDashboard, outstanding_caption);
  gtk_widget_class_bind_template_child (wc, DokusDashboard, outstanding_label);
  gtk_widget_class_bind_template_child (wc, DokusDashboard, overdue_caption);
  gtk_widget_class_bind_template_child (wc, DokusDashboard, overdue_label);
  gtk_widget_class_bind_template_child (wc, DokusDashboard, vat_caption);
  gtk_widget_class_bind_template_child (wc, DokusDashboard, vat_label);
  gtk_widget_class_bind_template_child (wc, DokusDashboard, chart_title);
  gtk_widget_class_bind_template_child (wc, DokusDashboard, chart);
  gtk_widget_class_bind_template_child (wc, DokusDashboard, recent_list);
}

static void
dokus_dashboard_init (DokusDashboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* dokus-reports-page.c
 *
 * The reports view. Figures are libdokus's (dokus_vat_return,
 * dokus_report_pnl, dokus_client_listing), formatted here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-format.h"
#include "dokus-gui-config.h"
#include "dokus-gui-error.h"
#include "dokus-gui-json.h"
#include "dokus-reports-page.h"
#include "dokus-view-reload.h"
#include "dokus-write-pause.h"

#define N_PERIODS 8
#define N_YEARS 5

struct _DokusReportsPage {
  AdwBin        parent_instance;
  GtkDropDown  *period_dropdown;
  GtkDropDown  *year_dropdown;
  GtkListBox   *vat_list;
  GtkListBox   *pnl_list;
  GtkListBox   *listing_list;
  GtkWidget    *export_button;
  GtkSpinner   *export_spinner;
  GtkLabel     *export_label;
  GtkWidget    *export_cancel_button;
  GtkProgressBar *export_progress;
  struct ExportJob *export_job; /* the export running, or NULL */
  guint         export_timer;
  DokusSession *session;
  char          periods[N_PERIODS][16];
  int           years[N_YEARS];
  gboolean      filling;
};

G_DEFINE_FINAL_TYPE (DokusReportsPage, dokus_reports_page, ADW_TYPE_BIN)

static void
clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_row (GtkListBox *list, const char *title, const char *subtitle, const char *amount)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (amount)
    {
      g_autofree char *money = dokus_format_money_text (dokus_format_style_get_default (), amount);
      GtkWidget *label = gtk_label_new (money);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "amount");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  gtk_list_box_append (list, row);
}

static void
show_error (GtkListBox *list, DokusStatus st, const DokusError *err)
{
  g_autoptr (GError) error = NULL;

  if (st == DOKUS_ERR_REFUSED)
    add_row (list, _("Set up your business profile first."), NULL, NULL);
  else
    {
      dokus_gui_error_propagate (&error, err);
      add_row (list, error->message, NULL, NULL);
    }
}

static void
load_vat (DokusReportsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->period_dropdown);
  char *json = NULL;
  DokusError err = { 0 };
  DokusBook *book;
  DokusStatus st;
  g_autoptr (cJSON) o = NULL;
  const cJSON *grid;

  clear (self->vat_list);
  if (self->session == NULL || i >= N_PERIODS)
    return;
  book = dokus_session_lock (self->session);
  st = book ? dokus_vat_return (book, self->periods[i], &json, &err) : DOKUS_ERR_REFUSED;
  dokus_session_unlock (self->session);
  if (st != DOKUS_OK || (o = dokus_json_take (json)) == NULL)
    {
      show_error (self->vat_list, st, &err);
      return;
    }
  if (g_strcmp0 (dokus_json_str (o, "return", ""), "none") == 0)
    {
      add_row (self->vat_list, _("No periodic VAT return: small business exemption"), NULL,
               NULL);
      return;
    }
  {
    g_autofree char *due = dokus_format_date_text (dokus_format_style_get_default (),
                                                   dokus_json_str (o, "due_date", NULL));
    add_row (self->vat_list, _("File and pay by"), due, NULL);
  }
  cJSON_ArrayForEach (grid, cJSON_GetObjectItemCaseSensitive (o, "grids"))
    {
      g_autofree char *title = g_strdup_printf (_("Grid %s"), grid->string);
      const char *what = g_strcmp0 (grid->string, "71") == 0   ? _("VAT to pay")
                         : g_strcmp0 (grid->string, "72") == 0 ? _("VAT to recover")
                                                               : NULL;
      add_row (self->vat_list, title, what, cJSON_IsString (grid) ? grid->valuestring : NULL);
    }
}

static void
load_year (DokusReportsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->year_dropdown);
  char *json = NULL, *listing = NULL;
  DokusError err = { 0 }, listing_err = { 0 };
  DokusBook *book;
  DokusStatus st, listing_st;
  g_autoptr (cJSON) o = NULL;
  g_autoptr (cJSON) l = NULL;
  const cJSON *e;

  clear (self->pnl_list);
  clear (self->listing_list);
  if (self->session == NULL || i >= N_YEARS)
    return;
  book = dokus_session_lock (self->session);
  st = book ? dokus_report_pnl (book, self->years[i], &json, &err) : DOKUS_ERR_REFUSED;
  listing_st = book ? dokus_client_listing (book, self->years[i], &listing, &listing_err)
                    : DOKUS_ERR_REFUSED;
  dokus_session_unlock (self->session);
  if (st != DOKUS_OK || (o = dokus_json_take (json)) == NULL)
    show_error (self->pnl_list, st, &err);
  else
    {
      add_row (self->pnl_list, _("Invoiced"), NULL, dokus_json_path_str (o, "income.invoiced", NULL));
      add_row (self->pnl_list, _("Credited"), NULL, dokus_json_path_str (o, "income.credited", NULL));
      add_row (self->pnl_list, _("Net income"), NULL, dokus_json_path_str (o, "income.net", NULL));
      cJSON_ArrayForEach (e, cJSON_GetObjectItemCaseSensitive (o, "expenses"))
        add_row (self->pnl_list, dokus_json_str (e, "category", ""), _("Expenses"),
                 dokus_json_str (e, "amount", NULL));
      add_row (self->pnl_list, _("Expenses"), NULL, dokus_json_str (o, "expenses_total", NULL));
      add_row (self->pnl_list, _("Investments (not in the result)"), NULL,
               dokus_json_str (o, "investments_total", NULL));
      add_row (self->pnl_list, _("Result"), NULL, dokus_json_str (o, "result", NULL));
    }
  if (listing_st != DOKUS_OK || (l = dokus_json_take (listing)) == NULL)
    show_error (self->listing_list, listing_st, &listing_err);
  else
    {
      int shown = 0, all = cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (l, "clients"));
      cJSON_ArrayForEach (e, cJSON_GetObjectItemCaseSensitive (l, "clients"))
        {
          /* a glance: the full listing is in its Intervat XML and the export */
          if (shown++ == 100)
            break;
          add_row (self->listing_list, dokus_json_str (e, "name", ""),
                   dokus_json_str (e, "vat_number", ""), dokus_json_str (e, "turnover", NULL));
        }
      if (all > 100)
        {
          g_autofree char *more = g_strdup_printf (ngettext ("and %d more client",
                                                             "and %d more clients",
                                                             (unsigned long) (all - 100)),
                                                   all - 100);
          add_row (self->listing_list, more, NULL, NULL);
        }
      if (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (l, "clients")) == 0)
        add_row (self->listing_list, _("No Belgian VAT-registered clients this year"), NULL, NULL);
    }
}

/* A period or year chosen while a long job holds the book is read when
 * the session is idle again (dokus-view-reload.h): the main loop never
 * waits for the job. */
static gboolean
book_busy (DokusReportsPage *self)
{
  if (self->session == NULL || !dokus_session_is_busy (self->session))
    return FALSE;
  dokus_view_reload_when_shown (GTK_WIDGET (self));
  return TRUE;
}

static void
period_changed_cb (DokusReportsPage *self)
{
  if (!self->filling && !book_busy (self))
    load_vat (self);
}

static void
year_changed_cb (DokusReportsPage *self)
{
  if (!self->filling && !book_busy (self))
    load_year (self);
}

static void
fill_choices (DokusReportsPage *self)
{
  DokusDate today = dokus_date_today ();
  g_autoptr (GtkStringList) periods = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) years = gtk_string_list_new (NULL);
  char *json = NULL;
  gboolean monthly = FALSE;
  DokusBook *book = self->session ? dokus_session_lock (self->session) : NULL;

  if (book && dokus_profile_get (book, &json, NULL) == DOKUS_OK)
    {
      g_autoptr (cJSON) p = dokus_json_take (json);
      monthly = g_strcmp0 (dokus_json_str (p, "vat_period", ""), "month") == 0;
    }
  if (self->session)
    dokus_session_unlock (self->session);
  for (int i = 0; i < N_PERIODS; i++)
    {
      int y = today.year, m = today.month;
      if (monthly)
        {
          m -= i;
          while (m < 1)
            {
              m += 12;
              y--;
            }
          g_snprintf (self->periods[i], sizeof self->periods[i], "%04d-%02d", y, m);
        }
      else
        {
          int q = (m - 1) / 3 + 1 - i;
          while (q < 1)
            {
              q += 4;
              y--;
            }
          g_snprintf (self->periods[i], sizeof self->periods[i], "%04d-Q%d", y, q);
        }
      gtk_string_list_append (periods, self->periods[i]);
    }
  for (int i = 0; i < N_YEARS; i++)
    {
      char text[8];
      self->years[i] = today.year - i;
      g_snprintf (text, sizeof text, "%d", self->years[i]);
      gtk_string_list_append (years, text);
    }
  {
    guint period = gtk_drop_down_get_selected (self->period_dropdown);
    guint year = gtk_drop_down_get_selected (self->year_dropdown);
    self->filling = TRUE;
    gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (periods));
    gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (years));
    /* keep what the user chose when the book changes */
    if (period < N_PERIODS)
      gtk_drop_down_set_selected (self->period_dropdown, period);
    if (year < N_YEARS)
      gtk_drop_down_set_selected (self->year_dropdown, year);
    self->filling = FALSE;
  }
}

static void fill_choices (DokusReportsPage *self);

static void
reload (DokusReportsPage *self)
{
  fill_choices (self);
  load_vat (self);
  load_year (self);
}

static void
reload_view (GtkWidget *view)
{
  reload (DOKUS_REPORTS_PAGE (view));
}

void
dokus_reports_page_set_session (DokusReportsPage *self, DokusSession *session)
{
  dokus_view_set_session (GTK_WIDGET (self), &self->session, session, reload_view);
}

/* ---- Intervat XML ---------------------------------------------------------------------- */

typedef struct {
  DokusReportsPage *self;
  gboolean          listing;
  char              period[16];
  int               year;
} XmlJob;

static void
xml_response_cb (GtkNativeDialog *dialog, int response, gpointer data)
{
  g_autofree XmlJob *job = data;
  DokusReportsPage *self = job->self;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  DokusError err = { 0 };
  char *xml = NULL;
  DokusBook *book;
  DokusStatus st;

  if (response == GTK_RESPONSE_ACCEPT && self->session
      && !dokus_write_pause_refuses (self->session, self->export_label))
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      book = dokus_session_lock (self->session);
      if (book == NULL)
        st = dokus_error_set (&err, DOKUS_ERR_REFUSED, "", "the book is closed");
      else if (job->listing)
        st = dokus_client_listing_xml (book, job->year, &xml, &err);
      else
        st = dokus_vat_return_xml (book, job->period, &xml, &err);
      dokus_session_unlock (self->session);
      if (st != DOKUS_OK)
        dokus_gui_error_propagate (&error, &err);
      else
        g_file_replace_contents (file, xml, strlen (xml), NULL, FALSE,
                                 G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error);
      free (xml);
      if (error)
        gtk_label_set_text (self->export_label, error->message);
      else
        {
          g_autofree char *path = g_file_get_path (file);
          g_autofree char *text = g_strdup_printf (_("Exported to %s"), path);
          gtk_label_set_text (self->export_label, text);
        }
    }
  g_object_unref (self);
  g_object_unref (dialog);
}

static void
start_xml_export (DokusReportsPage *self, gboolean listing)
{
  XmlJob *job = g_new0 (XmlJob, 1);
  guint p = gtk_drop_down_get_selected (self->period_dropdown);
  guint y = gtk_drop_down_get_selected (self->year_dropdown);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (self->session == NULL || p >= N_PERIODS || y >= N_YEARS
      || dokus_write_pause_refuses (self->session, self->export_label))
    {
      g_free (job);
      return;
    }
  job->self = g_object_ref (self);
  job->listing = listing;
  g_strlcpy (job->period, self->periods[p], sizeof job->period);
  job->year = self->years[y];
  name = listing ? g_strdup_printf ("client-listing-%d.xml", job->year)
                 : g_strdup_printf ("vat-return-%s.xml", job->period);
  dialog = gtk_file_chooser_native_new (_("Export for Intervat"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (xml_response_cb), job);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
vat_xml_clicked_cb (DokusReportsPage *self)
{
  start_xml_export (self, FALSE);
}

static void
listing_xml_clicked_cb (DokusReportsPage *self)
{
  start_xml_export (self, TRUE);
}

/* ---- export ---------------------------------------------------------------------------- */

/* An export on the worker thread: the worker writes how far it got, the
 * main loop reads it for the progress bar (atomics: no lock), and the
 * Cancel button cancels it between two steps. Shared by both, hence
 * reference counted (g_atomic_rc_box). */
typedef struct ExportJob {
  char         *dir;
  GCancellable *cancellable;
  gint          done, total;
} ExportJob;

static void
export_job_clear (gpointer data)
{
  ExportJob *job = data;

  g_free (job->dir);
  g_clear_object (&job->cancellable);
}

static void
export_job_release (gpointer job)
{
  g_atomic_rc_box_release_full (job, export_job_clear);
}

/* On the worker thread, between two steps of the export. */
static bool
export_progress_cb (unsigned long done, unsigned long total, void *data)
{
  ExportJob *job = data;

  g_atomic_int_set (&job->total, (gint) MIN (total, (unsigned long) G_MAXINT));
  g_atomic_int_set (&job->done, (gint) MIN (done, (unsigned long) G_MAXINT));
  return !g_cancellable_is_cancelled (job->cancellable);
}

static gpointer
export_work (DokusBook *book, gpointer data, GCancellable *cancellable, DokusError *err)
{
  ExportJob *job = data;

  (void) cancellable; /* job->cancellable, read by export_progress_cb */
  if (dokus_export_with_progress (book, job->dir, export_progress_cb, job, err) != DOKUS_OK)
    return NULL;
  return g_strdup (job->dir);
}

static gboolean
export_progress_tick_cb (gpointer data)
{
  DokusReportsPage *self = data;
  gint done = g_atomic_int_get (&self->export_job->done);
  gint total = g_atomic_int_get (&self->export_job->total);

  if (total > 0)
    {
      g_autofree char *text = g_strdup_printf (_("%d of %d"), done, total);
      gtk_progress_bar_set_fraction (self->export_progress, (double) done / total);
      gtk_progress_bar_set_text (self->export_progress, text);
    }
  return G_SOURCE_CONTINUE;
}

static void
export_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (DokusReportsPage) self = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = dokus_session_run_finish (DOKUS_SESSION (source), result, &error);
  g_autofree char *text = NULL;
  gboolean cancelled = g_cancellable_is_cancelled (self->export_job->cancellable);

  g_clear_handle_id (&self->export_timer, g_source_remove);
  g_clear_pointer (&self->export_job, export_job_release);
  gtk_spinner_set_spinning (self->export_spinner, FALSE);
  gtk_widget_set_sensitive (self->export_button, TRUE);
  gtk_widget_set_visible (self->export_cancel_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->export_progress), FALSE);
  if (dir)
    text = g_strdup_printf (_("Exported to %s"), dir);
  else if (cancelled)
    text = g_strdup (_("Export cancelled: nothing was written."));
  else
    text = g_strdup (error->message);
  gtk_label_set_text (self->export_label, text);
  if (dir)
    dokus_session_notify_changed (DOKUS_SESSION (source));
}

void
dokus_reports_page_export_to (DokusReportsPage *self, const char *dir)
{
  ExportJob *job;

  if (self->session == NULL || self->export_job != NULL)
    return;
  job = g_atomic_rc_box_new0 (ExportJob);
  job->dir = g_strdup (dir);
  job->cancellable = g_cancellable_new ();
  self->export_job = g_atomic_rc_box_acquire (job);
  gtk_spinner_set_spinning (self->export_spinner, TRUE);
  gtk_widget_set_sensitive (self->export_button, FALSE);
  gtk_widget_set_visible (self->export_cancel_button, TRUE);
  gtk_progress_bar_set_fraction (self->export_progress, 0.0);
  gtk_progress_bar_set_text (self->export_progress, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->export_progress), TRUE);
  gtk_label_set_text (self->export_label, _("Exporting…"));
  self->export_timer = g_timeout_add (100, export_progress_tick_cb, self);
  dokus_session_run_async (self->session, export_work, job, export_job_release, g_free, NULL,
                           export_done_cb, g_object_ref (self));
}

gboolean
dokus_reports_page_is_exporting (DokusReportsPage *self)
{
  return self->export_job != NULL;
}

void
dokus_reports_page_cancel_export (DokusReportsPage *self)
{
  if (self->export_job != NULL)
    {
      g_cancellable_cancel (self->export_job->cancellable);
      gtk_label_set_text (self->export_label, _("Cancelling…"));
    }
}

static void
export_cancel_clicked_cb (DokusReportsPage *self)
{
  dokus_reports_page_cancel_export (self);
}

static void
export_response_cb (GtkNativeDialog *dialog, int response, DokusReportsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      if (path)
        dokus_reports_page_export_to (self, path);
    }
  g_object_unref (dialog);
}

static void
export_clicked_cb (DokusReportsPage *self)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (
    _("Export Book"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
    GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));

  /* TRANSLATORS: the default name of the export folder */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Dokus export"));
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
dokus_reports_page_dispose (GObject *object)
{
  DokusReportsPage *self = DOKUS_REPORTS_PAGE (object);

  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  /* a running export holds a reference to the page until it ends */
  g_clear_handle_id (&self->export_timer, g_source_remove);
  G_OBJECT_CLASS (dokus_reports_page_parent_class)->dispose (object);
}

static void
dokus_reports_page_class_init (DokusReportsPageClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dokus_reports_page_dispose;
  gtk_widget_class_set_template_from_resource (wc, RESOURCE_PATH "/dokus-reports-page.ui");
  gtk_widget_class_bind_template_child (wc, DokusReportsPage, period_dropdown);
  gtk_widget_class_bind_template_child (wc, DokusReportsPage, year_dropdown);
  gtk_widget_class_bind_template_child (wc, DokusReportsPage, vat_list);
  gtk_widget_class_bind_template_child (wc, DokusReportsPage, pnl_list);
  gtk_widget_class_bind_template_child (wc, DokusReportsPage, listing_list);
  gtk_widget_class_bind_template_child (wc, DokusReportsPage, export_button);
  gtk_widget_class_bind_template_child (wc, DokusReportsPage, export_spinner);
  gtk_widget_class_bind_template_child (wc, DokusReportsPage, export_label);
  gtk_widget_class_bind_template_child (wc, DokusReportsPage, export_cancel_button);
  gtk_widget_class_bind_template_child (wc, DokusReportsPage, export_progress);
  gtk_widget_class_bind_template_callback (wc, period_changed_cb);
  gtk_widget_class_bind_template_callback (wc, year_changed_cb);
  gtk_widget_class_bind_template_callback (wc, export_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, export_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, vat_xml_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, listing_xml_clicked_cb);
}

static void
dokus_reports_page_init (DokusReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

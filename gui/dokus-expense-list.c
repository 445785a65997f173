/* dokus-expense-list.c
 *
 * The expenses view, the UBL import and receipts added to a recorded
 * purchase. Both take files one at a time on a worker
 * (dokus_session_run_async), one transaction each; the import reports
 * progress to the main loop with g_idle_add and checks the cancellable
 * between files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdlib.h>

#include "dokus-expense-dialog.h"
#include "dokus-expense-list.h"
#include "dokus-format.h"
#include "dokus-gui-config.h"
#include "dokus-gui-error.h"
#include "dokus-gui-json.h"
#include "dokus-view-reload.h"

struct _DokusExpenseList {
  AdwBin          parent_instance;
  GtkLabel       *summary_label;
  GtkWidget      *import_button;
  GtkRevealer    *progress_revealer;
  GtkProgressBar *progress_bar;
  GtkLabel       *message_label;
  GtkListBox     *list;
  DokusSession   *session;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (DokusExpenseList, dokus_expense_list, ADW_TYPE_BIN)

enum { DIALOG_OPENED, N_SIGNALS };
static guint signals[N_SIGNALS];

void
dokus_expense_list_new_expense (DokusExpenseList *self, GList *receipts)
{
  GtkWidget *dialog;

  if (self->session == NULL)
    return;
  dialog = dokus_expense_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                     self->session);
  for (GList *l = receipts; l; l = l->next)
    dokus_expense_dialog_add_receipt (DOKUS_EXPENSE_DIALOG (dialog), l->data);
  g_signal_emit (self, signals[DIALOG_OPENED], 0, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_clicked_cb (DokusExpenseList *self)
{
  dokus_expense_list_new_expense (self, NULL);
}

/* ---- files, one at a time on the worker ------------------------------------------------- */

/* What is done with one file's bytes, on the worker with the book locked;
 * each file is its own transaction, so one refused file keeps the others. */
typedef DokusStatus (*FileOp) (DokusBook *book, const char *expense_id, const char *name,
                               const char *bytes, gsize len, DokusError *err);

/* Files taken one at a time: e-invoices imported, or receipts added to
 * the purchase @expense_id. */
typedef struct {
  GPtrArray        *files;      /* GFile */
  DokusExpenseList *self;       /* ref */
  FileOp            op;
  char             *expense_id; /* nullable */
  gboolean          progress;   /* report each file to the progress bar */
  guint             done, succeeded;
  GString          *problems;   /* "name: why" per refused file */
} FilesJob;

typedef struct {
  DokusExpenseList *self;
  guint             done, total;
} Progress;

static gboolean
progress_idle (gpointer data)
{
  Progress *p = data;
  g_autofree char *text = g_strdup_printf (_("%u of %u files"), p->done, p->total);

  gtk_progress_bar_set_fraction (p->self->progress_bar,
                                 p->total ? (double) p->done / (double) p->total : 1.0);
  gtk_progress_bar_set_text (p->self->progress_bar, text);
  g_object_unref (p->self);
  g_free (p);
  return G_SOURCE_REMOVE;
}

static void
files_job_free (gpointer data)
{
  FilesJob *job = data;

  g_ptr_array_unref (job->files);
  g_object_unref (job->self);
  g_free (job->expense_id);
  g_string_free (job->problems, TRUE);
  g_free (job);
}

static FilesJob *
files_job_new (DokusExpenseList *self, GList *files, FileOp op, const char *expense_id)
{
  FilesJob *job = g_new0 (FilesJob, 1);

  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  job->self = g_object_ref (self);
  job->op = op;
  job->expense_id = g_strdup (expense_id);
  job->problems = g_string_new (NULL);
  for (GList *l = files; l; l = l->next)
    g_ptr_array_add (job->files, g_object_ref (l->data));
  return job;
}

/* On the worker, with the book locked. Returns the job itself as the
 * result (its counts and problems), never NULL. */
static gpointer
files_work (DokusBook *book, gpointer data, GCancellable *cancellable, DokusError *err)
{
  FilesJob *job = data;

  (void) err;
  for (guint i = 0; i < job->files->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      GFile *file = g_ptr_array_index (job->files, i);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *bytes = NULL;
      gsize len = 0;
      DokusError e = { 0 };

      if (!g_file_load_contents (file, cancellable, &bytes, &len, NULL, NULL))
        g_string_append_printf (job->problems, "%s: %s\n", name, _("cannot be read"));
      else if (job->op (book, job->expense_id, name, bytes, len, &e) != DOKUS_OK)
        {
          g_autoptr (GError) error = NULL;
          dokus_gui_error_propagate (&error, &e);
          g_string_append_printf (job->problems, "%s: %s\n", name, error->message);
        }
      else
        job->succeeded++;
      job->done++;
      if (job->progress)
        {
          Progress *p = g_new0 (Progress, 1);
          p->self = g_object_ref (job->self);
          p->done = job->done;
          p->total = job->files->len;
          g_idle_add (progress_idle, p);
        }
    }
  return job;
}

/* Shows @text, then the problems of @job (nullable), under the buttons. */
static void
show_files_outcome (DokusExpenseList *self, char *text, FilesJob *job)
{
  g_autofree char *shown = job && job->problems->len > 0
                             ? g_strconcat (text, "\n", job->problems->str, NULL)
                             : g_strdup (text);

  gtk_label_set_text (self->message_label, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
  g_free (text);
}

/* ---- receipts added to a recorded purchase ------------------------------------------------ */

static DokusStatus
add_receipt_op (DokusBook *book, const char *expense_id, const char *name, const char *bytes,
                gsize len, DokusError *err)
{
  DokusAttachmentInput in = { name, (const unsigned char *) bytes, len };

  return dokus_expense_add_receipt (book, expense_id, &in, NULL, err);
}

static void
receipts_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (DokusExpenseList) self = data;
  g_autoptr (GError) error = NULL;
  FilesJob *job = dokus_session_run_finish (DOKUS_SESSION (source), result, &error);

  show_files_outcome (self,
                      job ? g_strdup_printf (ngettext ("%u receipt added.", "%u receipts added.",
                                                       job->succeeded),
                                             job->succeeded)
                          : g_strdup (error->message),
                      job);
  if (job)
    files_job_free (job);
  dokus_session_notify_changed (DOKUS_SESSION (source));
}

void
dokus_expense_list_add_receipts (DokusExpenseList *self, const char *expense_id, GList *files)
{
  if (self->session == NULL || files == NULL || expense_id == NULL)
    return;
  dokus_session_run_async (self->session, files_work,
                           files_job_new (self, files, add_receipt_op, expense_id), NULL,
                           files_job_free, NULL, receipts_done_cb, g_object_ref (self));
}

static void
receipt_response_cb (GtkNativeDialog *dialog, int response, gpointer data)
{
  g_autoptr (DokusExpenseList) self = data;
  const char *id = g_object_get_data (G_OBJECT (dialog), "expense-id");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) model = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      GList *files = NULL;
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        files = g_list_append (files, g_list_model_get_item (model, i));
      dokus_expense_list_add_receipts (self, id, files);
      g_list_free_full (files, g_object_unref);
    }
  g_object_unref (dialog);
}

static void
add_receipt_clicked_cb (GtkButton *button, DokusExpenseList *self)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (
    _("Add Receipts"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
    GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));

  g_object_set_data_full (G_OBJECT (dialog), "expense-id",
                          g_strdup (g_object_get_data (G_OBJECT (button), "expense-id")), g_free);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (receipt_response_cb), g_object_ref (self));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Files dropped on a purchase's row are its receipts (a drop anywhere else
 * makes a new purchase or imports e-invoices). */
static gboolean
row_drop_cb (GtkDropTarget *target, const GValue *value, double x, double y,
             DokusExpenseList *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  GSList *files;
  GList *list = NULL;

  (void) x;
  (void) y;
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l; l = l->next)
    list = g_list_append (list, l->data);
  dokus_expense_list_add_receipts (self, g_object_get_data (G_OBJECT (row), "expense-id"), list);
  g_list_free (list);
  g_slist_free (files);
  return TRUE;
}

/* An "Add Receipts…" button and a drop target on the row of purchase @id. */
static void
add_receipt_controls (DokusExpenseList *self, GtkWidget *row, const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("mail-attachment-symbolic");
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_object_set_data_full (G_OBJECT (row), "expense-id", g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (button), "expense-id", g_strdup (id), g_free);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Add Receipts…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add Receipts…"), -1);
  g_signal_connect (button, "clicked", G_CALLBACK (add_receipt_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_signal_connect (target, "drop", G_CALLBACK (row_drop_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
}

static void
reload (DokusExpenseList *self)
{
  DokusFormatStyle style = dokus_format_style_get_default ();
  char *json = NULL;
  DokusBook *book;
  DokusStatus st = DOKUS_ERR_REFUSED;
  g_autoptr (cJSON) o = NULL;
  const cJSON *e, *all;
  GtkWidget *child;
  int n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  gtk_label_set_text (self->summary_label, "");
  if (self->session == NULL)
    return;
  book = dokus_session_lock (self->session);
  if (book)
    st = dokus_expense_list (book, NULL, NULL, &json, NULL);
  dokus_session_unlock (self->session);
  if (st != DOKUS_OK || (o = dokus_json_take (json)) == NULL)
    return;
  all = cJSON_GetObjectItemCaseSensitive (o, "expenses");
  n = cJSON_GetArraySize (all);
  {
    g_autofree char *summary = g_strdup_printf (ngettext ("%d purchase", "%d purchases", n), n);
    gtk_label_set_text (self->summary_label, summary);
  }
  /* newest first, at most 200 rows: the list is for a glance, reports sum them all */
  for (int i = n - 1; i >= 0 && i >= n - 200; i--)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *date = NULL, *total = NULL, *subtitle = NULL;
      int receipts;

      e = cJSON_GetArrayItem (all, i);
      date = dokus_format_date_text (style, dokus_json_str (e, "date", NULL));
      total = dokus_format_money_text (style, dokus_json_str (e, "total_amount", NULL));
      receipts = cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (e, "receipts"));
      subtitle = g_strdup_printf (ngettext ("%s · %s · %d receipt", "%s · %s · %d receipts",
                                            (unsigned long) receipts),
                                  date, dokus_json_str (e, "category", ""), receipts);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     dokus_json_path_str (e, "supplier.name", ""));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (total));
      add_receipt_controls (self, row, dokus_json_str (e, "id", ""));
      gtk_list_box_append (self->list, row);
    }
}

static void
reload_view (GtkWidget *view)
{
  reload (DOKUS_EXPENSE_LIST (view));
}

void
dokus_expense_list_set_session (DokusExpenseList *self, DokusSession *session)
{
  dokus_view_set_session (GTK_WIDGET (self), &self->session, session, reload_view);
}

/* ---- import ------------------------------------------------------------------------------ */

static DokusStatus
import_op (DokusBook *book, const char *expense_id, const char *name, const char *bytes,
           gsize len, DokusError *err)
{
  char id[DOKUS_ID_TEXT];

  (void) expense_id;
  (void) name;
  return dokus_ubl_import (book, bytes, len, id, NULL, err);
}

static void
import_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (DokusExpenseList) self = data;
  g_autoptr (GError) error = NULL;
  FilesJob *job = dokus_session_run_finish (DOKUS_SESSION (source), result, &error);

  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_set_sensitive (self->import_button, TRUE);
  g_clear_object (&self->cancellable);
  show_files_outcome (self,
                      job ? g_strdup_printf (ngettext ("%u invoice imported.",
                                                       "%u invoices imported.", job->succeeded),
                                             job->succeeded)
                      : g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                          ? g_strdup (_("Import cancelled."))
                          : g_strdup (error->message),
                      job);
  if (job)
    files_job_free (job);
  dokus_session_notify_changed (DOKUS_SESSION (source));
}

void
dokus_expense_list_import (DokusExpenseList *self, GList *files)
{
  FilesJob *job;

  if (self->session == NULL || files == NULL || self->cancellable != NULL)
    return;
  job = files_job_new (self, files, import_op, NULL);
  job->progress = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, "");
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_set_sensitive (self->import_button, FALSE);
  dokus_session_run_async (self->session, files_work, job, NULL, files_job_free,
                           self->cancellable, import_done_cb, g_object_ref (self));
}

static void
cancel_clicked_cb (DokusExpenseList *self)
{
  g_cancellable_cancel (self->cancellable);
}

static void
import_response_cb (GtkNativeDialog *dialog, int response, DokusExpenseList *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      GList *list = NULL;
      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_list_prepend (list, g_list_model_get_item (files, i - 1));
      dokus_expense_list_import (self, list);
      g_list_free_full (list, g_object_unref);
    }
  g_object_unref (dialog);
}

static void
import_clicked_cb (DokusExpenseList *self)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (
    _("Import UBL Invoices"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
    GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("UBL invoices (XML)"));
  gtk_file_filter_add_suffix (filter, "xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, DokusExpenseList *self)
{
  (void) target;
  (void) x;
  (void) y;
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  {
    /* XML: received e-invoices, imported; anything else: receipts of a new expense */
    GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));
    GList *xml = NULL, *other = NULL;
    for (GSList *l = files; l; l = l->next)
      {
        g_autofree char *name = g_file_get_basename (l->data);
        g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;
        if (lower && g_str_has_suffix (lower, ".xml"))
          xml = g_list_append (xml, l->data);
        else
          other = g_list_append (other, l->data);
      }
    if (xml)
      dokus_expense_list_import (self, xml);
    if (other)
      dokus_expense_list_new_expense (self, other);
    g_list_free (xml);
    g_list_free (other);
    g_slist_free (files);
  }
  return TRUE;
}

static void
dokus_expense_list_dispose (GObject *object)
{
  DokusExpenseList *self = DOKUS_EXPENSE_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  dokus_expense_list_set_session (self, NULL);
  G_OBJECT_CLASS (dokus_expense_list_parent_class)->dispose (object);
}

static void
dokus_expense_list_class_init (DokusExpenseListClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dokus_expense_list_dispose;
  signals[DIALOG_OPENED] = g_signal_new ("dialog-opened", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         GTK_TYPE_WINDOW);
  gtk_widget_class_set_template_from_resource (wc, RESOURCE_PATH "/dokus-expense-list.ui");
  gtk_widget_class_bind_template_child (wc, DokusExpenseList, summary_label);
  gtk_widget_class_bind_template_child (wc, DokusExpenseList, import_button);
  gtk_widget_class_bind_template_child (wc, DokusExpenseList, progress_revealer);
  gtk_widget_class_bind_template_child (wc, DokusExpenseList, progress_bar);
  gtk_widget_class_bind_template_child (wc, DokusExpenseList, message_label);
  gtk_widget_class_bind_template_child (wc, DokusExpenseList, list);
  gtk_widget_class_bind_template_callback (wc, import_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, new_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, cancel_clicked_cb);
}

static void
dokus_expense_list_init (DokusExpenseList *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

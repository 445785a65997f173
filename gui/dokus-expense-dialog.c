/* dokus-expense-dialog.c
 *
 * The new-expense form. Receipts are read when added (refused above
 * DOKUS_ATTACHMENT_MAX_BYTES) and handed to dokus_expense_add() with the
 * purchase, in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "dokus-expense-dialog.h"
#include "dokus-format.h"
#include "dokus-gui-config.h"
#include "dokus-gui-error.h"
#include "dokus-gui-json.h"
#include "dokus-write-pause.h"

static const char *const kinds[] = { "services", "goods", "investment" };
static const char *const treatments[] = { "domestic", "eu_services", "eu_goods", "none" };

struct _DokusExpenseDialog {
  AdwWindow     parent_instance;
  GtkEditable  *supplier_row, *supplier_vat_row, *supplier_country_row, *number_row;
  GtkEditable  *date_row, *category_row, *base_row, *rate_row, *vat_row;
  AdwComboRow  *kind_row, *treatment_row;
  GtkListBox   *receipts_list;
  GtkLabel     *message_label;
  GtkLabel     *pause_label;
  GtkWidget    *save_button;
  DokusSession *session;
  GPtrArray    *names;  /* char *, file names */
  GPtrArray    *datas;  /* GBytes */
};

G_DEFINE_FINAL_TYPE (DokusExpenseDialog, dokus_expense_dialog, ADW_TYPE_WINDOW)

static void
set_message (DokusExpenseDialog *self, const char *text)
{
  gtk_label_set_text (self->message_label, text ? text : "");
}

void
dokus_expense_dialog_add_receipt (DokusExpenseDialog *self, GFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_autofree char *name = g_file_get_basename (file);
  GtkWidget *row;

  if (bytes == NULL)
    {
      set_message (self, error->message);
      return;
    }
  if (g_bytes_get_size (bytes) == 0 || g_bytes_get_size (bytes) > DOKUS_ATTACHMENT_MAX_BYTES)
    {
      g_autofree char *text = g_strdup_printf (_("%s is empty or larger than 20 MiB."), name);
      set_message (self, text);
      return;
    }
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_append (self->receipts_list, row);
  g_ptr_array_add (self->names, g_steal_pointer (&name));
  g_ptr_array_add (self->datas, g_steal_pointer (&bytes));
  set_message (self, NULL);
}

guint
dokus_expense_dialog_get_n_receipts (DokusExpenseDialog *self)
{
  return self->names->len;
}

static void
chooser_response_cb (GtkNativeDialog *dialog, int response, DokusExpenseDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr (GFile) f = g_list_model_get_item (files, i);
          dokus_expense_dialog_add_receipt (self, f);
        }
    }
  g_object_unref (dialog);
}

static void
add_receipt_clicked_cb (DokusExpenseDialog *self)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (
    _("Add Receipt"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, DokusExpenseDialog *self)
{
  (void) target;
  (void) x;
  (void) y;
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  for (GSList *l = gdk_file_list_get_files (g_value_get_boxed (value)); l; l = l->next)
    dokus_expense_dialog_add_receipt (self, l->data);
  return TRUE;
}

/* Reads a typed number into @out; FALSE with the message naming @what. */
static gboolean
read_number (DokusExpenseDialog *self, GtkEditable *row, const char *what, char *out, gsize size)
{
  if (dokus_format_parse_number (dokus_format_style_get_default (), gtk_editable_get_text (row),
                                 out, size))
    return TRUE;
  {
    g_autofree char *text = g_strdup_printf (_("%s is not a number."), what);
    set_message (self, text);
  }
  return FALSE;
}

static void
save_clicked_cb (DokusExpenseDialog *self)
{
  g_autoptr (cJSON) o = cJSON_CreateObject ();
  g_autofree char *json = NULL;
  g_autofree DokusAttachmentInput *receipts = g_new0 (DokusAttachmentInput,
                                                      MAX (self->names->len, 1));
  guint treatment = adw_combo_row_get_selected (self->treatment_row);
  guint kind = adw_combo_row_get_selected (self->kind_row);
  char date[DOKUS_DATE_TEXT], base[DOKUS_MONEY_TEXT], rate[DOKUS_MONEY_TEXT],
    vat[DOKUS_MONEY_TEXT], id[DOKUS_ID_TEXT];
  cJSON *supplier, *lines, *line;
  DokusError err = { 0 };
  DokusBook *book;
  DokusStatus st;
  const char *vat_number = gtk_editable_get_text (self->supplier_vat_row);
  const char *number = gtk_editable_get_text (self->number_row);
  g_autofree char *country = g_ascii_strup (gtk_editable_get_text (self->supplier_country_row),
                                            -1);

  if (dokus_write_pause_refuses (self->session, self->message_label))
    return;
  if (gtk_editable_get_text (self->supplier_row)[0] == '\0')
    {
      set_message (self, _("Type the supplier's name."));
      return;
    }
  if (!dokus_format_parse_date (gtk_editable_get_text (self->date_row), date))
    {
      set_message (self, _("The date is not a date (day/month/year)."));
      return;
    }
  if (!read_number (self, self->base_row, _("The amount"), base, sizeof base)
      || !read_number (self, self->rate_row, _("The VAT rate"), rate, sizeof rate))
    return;
  if (treatment == 0 && !read_number (self, self->vat_row, _("The VAT"), vat, sizeof vat))
    return;
  cJSON_AddStringToObject (o, "date", date);
  supplier = cJSON_AddObjectToObject (o, "supplier");
  cJSON_AddStringToObject (supplier, "name", gtk_editable_get_text (self->supplier_row));
  if (vat_number[0])
    cJSON_AddStringToObject (supplier, "vat_number", vat_number);
  cJSON_AddStringToObject (supplier, "country", country);
  if (number[0])
    cJSON_AddStringToObject (o, "number", number);
  cJSON_AddStringToObject (o, "category", gtk_editable_get_text (self->category_row));
  cJSON_AddStringToObject (o, "kind", kinds[MIN (kind, G_N_ELEMENTS (kinds) - 1)]);
  cJSON_AddStringToObject (o, "vat_treatment",
                           treatments[MIN (treatment, G_N_ELEMENTS (treatments) - 1)]);
  lines = cJSON_AddArrayToObject (o, "lines");
  line = cJSON_CreateObject ();
  cJSON_AddStringToObject (line, "base", base);
  cJSON_AddStringToObject (line, "vat_rate", rate);
  if (treatment == 0)
    cJSON_AddStringToObject (line, "vat_amount", vat);
  cJSON_AddItemToArray (lines, line);
  json = cJSON_PrintUnformatted (o);
  for (guint i = 0; i < self->names->len; i++)
    {
      gsize len;
      receipts[i].filename = g_ptr_array_index (self->names, i);
      receipts[i].data = g_bytes_get_data (g_ptr_array_index (self->datas, i), &len);
      receipts[i].len = len;
    }
  book = dokus_session_lock (self->session);
  st = book ? dokus_expense_add (book, json, receipts, self->names->len, id, &err)
            : dokus_error_set (&err, DOKUS_ERR_REFUSED, "", "the book is closed");
  dokus_session_unlock (self->session);
  if (st != DOKUS_OK)
    {
      g_autoptr (GError) error = NULL;
      dokus_gui_error_propagate (&error, &err);
      set_message (self, error->message);
      return;
    }
  dokus_session_notify_changed (self->session);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
dokus_expense_dialog_dispose (GObject *object)
{
  g_clear_object (&DOKUS_EXPENSE_DIALOG (object)->session);
  G_OBJECT_CLASS (dokus_expense_dialog_parent_class)->dispose (object);
}

static void
dokus_expense_dialog_finalize (GObject *object)
{
  DokusExpenseDialog *self = DOKUS_EXPENSE_DIALOG (object);

  g_ptr_array_unref (self->names);
  g_ptr_array_unref (self->datas);
  G_OBJECT_CLASS (dokus_expense_dialog_parent_class)->finalize (object);
}

static void
dokus_expense_dialog_class_init (DokusExpenseDialogClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dokus_expense_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = dokus_expense_dialog_finalize;
  gtk_widget_class_set_template_from_resource (wc, RESOURCE_PATH "/dokus-expense-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (wc, DokusExpenseDialog, name)
  BIND (supplier_row);
  BIND (supplier_vat_row);
  BIND (supplier_country_row);
  BIND (number_row);
  BIND (date_row);
  BIND (category_row);
  BIND (base_row);
  BIND (rate_row);
  BIND (vat_row);
  BIND (kind_row);
  BIND (treatment_row);
  BIND (receipts_list);
  BIND (message_label);
  BIND (pause_label);
  BIND (save_button);
#undef BIND
  gtk_widget_class_bind_template_callback (wc, save_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, add_receipt_clicked_cb);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dokus_expense_dialog_init (DokusExpenseDialog *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  char today[DOKUS_DATE_TEXT];
  g_autofree char *shown = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->datas = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  shown = dokus_format_date_text (dokus_format_style_get_default (),
                                  dokus_date_format (dokus_date_today (), today));
  gtk_editable_set_text (self->date_row, shown);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

GtkWidget *
dokus_expense_dialog_new (GtkWindow *parent, DokusSession *session)
{
  DokusExpenseDialog *self = g_object_new (DOKUS_TYPE_EXPENSE_DIALOG, "transient-for", parent,
                                           NULL);

  self->session = g_object_ref (session);
  /* what is typed stays while a sync holds the book; only Save waits */
  dokus_write_pause_add (GTK_WIDGET (self), session, self->save_button, self->pause_label);
  return GTK_WIDGET (self);
}

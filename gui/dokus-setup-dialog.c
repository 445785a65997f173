/* dokus-setup-dialog.c
 *
 * Recovery key and company profile. Validation is libdokus's own
 * (dokus-ident.h) run on every keystroke: the messages name what is
 * expected, and "Save" stays off until the required fields are right;
 * dokus_profile_set() checks everything again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "dokus-gui-config.h"
#include "dokus-gui-error.h"
#include "dokus-gui-json.h"
#include "dokus-setup-dialog.h"
#include "dokus-write-pause.h"

static const char *const languages[] = { "nl", "fr", "de", "en" };

struct _DokusSetupDialog {
  AdwWindow     parent_instance;
  GtkStack     *stack;
  GtkWidget    *recovery_done_button;
  AdwHeaderBar *header_bar;
  GtkLabel     *recovery_key_label;
  GtkEditable  *name_row;
  GtkEditable  *enterprise_row;
  GtkEditable  *iban_row;
  GtkEditable  *email_row;
  GtkEditable  *street_row;
  GtkEditable  *postal_code_row;
  GtkEditable  *city_row;
  GtkEditable  *prefix_row;
  AdwComboRow  *regime_row;
  AdwComboRow  *period_row;
  AdwComboRow  *language_row;
  GtkLabel     *message_label;
  GtkLabel     *pause_label;
  GtkWidget    *save_button;
  DokusSession *session;
  gboolean      unread; /* opened while a long job held the book: read on "idle" */
};

G_DEFINE_FINAL_TYPE (DokusSetupDialog, dokus_setup_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
mark (GtkEditable *row, gboolean bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Checks every field; fills the message with the first problem. */
static gboolean
validate (DokusSetupDialog *self)
{
  const char *name = gtk_editable_get_text (self->name_row);
  const char *ent = gtk_editable_get_text (self->enterprise_row);
  const char *iban = gtk_editable_get_text (self->iban_row);
  char ent_out[DOKUS_ENTERPRISE_TEXT], iban_out[DOKUS_IBAN_TEXT];
  const char *message = NULL;
  gboolean ent_bad = ent[0] != '\0'
                     && dokus_enterprise_number_normalize (ent, NULL, ent_out, NULL) != DOKUS_OK;
  gboolean iban_bad = iban[0] != '\0'
                      && dokus_iban_normalize (iban, NULL, iban_out, NULL) != DOKUS_OK;

  mark (self->enterprise_row, ent_bad);
  mark (self->iban_row, iban_bad);
  if (ent_bad)
    message = _("The enterprise number is not valid: 10 digits starting with 0 or 1, such as "
                "0417.497.106; the last two are check digits.");
  else if (iban_bad)
    message = _("The IBAN is not valid: check the country code, the length and each digit.");
  else if (name[0] == '\0')
    message = _("Type the legal name of your business.");
  else if (ent[0] == '\0')
    message = _("Type your enterprise number (KBO/BCE).");
  gtk_label_set_text (self->message_label, message ? message : "");
  /* paused, not refused, while a long job holds the book (dokus-write-pause.h) */
  gtk_widget_set_sensitive (self->save_button, message == NULL && !self->unread
                                                 && !dokus_write_pause_refuses (self->session,
                                                                                NULL));
  return message == NULL;
}

static void
field_changed_cb (DokusSetupDialog *self)
{
  validate (self);
}

static void
add_text (cJSON *o, const char *key, GtkEditable *row)
{
  const char *text = gtk_editable_get_text (row);

  if (text[0] != '\0')
    cJSON_AddStringToObject (o, key, text);
}

static void
save_clicked_cb (DokusSetupDialog *self)
{
  g_autoptr (cJSON) o = cJSON_CreateObject ();
  cJSON *address;
  g_autofree char *json = NULL;
  DokusError err = { 0 };
  g_autoptr (GError) error = NULL;
  DokusBook *book;
  DokusStatus st;

  if (!validate (self) || dokus_write_pause_refuses (self->session, self->message_label))
    return;
  add_text (o, "name", self->name_row);
  add_text (o, "enterprise_number", self->enterprise_row);
  add_text (o, "iban", self->iban_row);
  add_text (o, "email", self->email_row);
  add_text (o, "invoice_prefix", self->prefix_row);
  cJSON_AddStringToObject (o, "vat_regime",
                           adw_combo_row_get_selected (self->regime_row) == 1 ? "franchise"
                                                                              : "standard");
  cJSON_AddStringToObject (o, "vat_period",
                           adw_combo_row_get_selected (self->period_row) == 1 ? "month"
                                                                              : "quarter");
  cJSON_AddStringToObject (o, "language",
                           languages[MIN (adw_combo_row_get_selected (self->language_row), 3u)]);
  if (gtk_editable_get_text (self->street_row)[0] || gtk_editable_get_text (self->city_row)[0]
      || gtk_editable_get_text (self->postal_code_row)[0])
    {
      address = cJSON_AddObjectToObject (o, "address");
      add_text (address, "street", self->street_row);
      add_text (address, "postal_code", self->postal_code_row);
      add_text (address, "city", self->city_row);
      cJSON_AddStringToObject (address, "country", "BE");
    }
  json = cJSON_PrintUnformatted (o);
  book = dokus_session_lock (self->session);
  st = book ? dokus_profile_set (book, json, &err)
            : dokus_error_set (&err, DOKUS_ERR_REFUSED, "", "the book is closed");
  dokus_session_unlock (self->session);
  if (st != DOKUS_OK)
    {
      dokus_gui_error_propagate (&error, &err);
      gtk_label_set_text (self->message_label, error->message);
      return;
    }
  dokus_session_notify_changed (self->session);
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
recovery_done_clicked_cb (DokusSetupDialog *self)
{
  gtk_label_set_text (self->recovery_key_label, "");
  gtk_stack_set_visible_child_name (self->stack, "profile");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static guint
index_of_language (const char *lang)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i], lang) == 0)
      return i;
  return 0;
}

static void
fill_from_book (DokusSetupDialog *self)
{
  char *json = NULL;
  DokusBook *book;
  DokusStatus st;
  g_autoptr (cJSON) p = NULL;

  /* the form stays closed until the profile is read: nothing typed is overwritten */
  self->unread = dokus_session_is_busy (self->session);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), !self->unread);
  if (self->unread)
    return;
  book = dokus_session_lock (self->session);
  st = book ? dokus_profile_get (book, &json, NULL) : DOKUS_ERR_REFUSED;
  dokus_session_unlock (self->session);
  if (st != DOKUS_OK)
    return;
  p = dokus_json_take (json);
  gtk_editable_set_text (self->name_row, dokus_json_str (p, "name", ""));
  gtk_editable_set_text (self->enterprise_row, dokus_json_str (p, "enterprise_number", ""));
  gtk_editable_set_text (self->iban_row, dokus_json_str (p, "iban", ""));
  gtk_editable_set_text (self->email_row, dokus_json_str (p, "email", ""));
  gtk_editable_set_text (self->prefix_row, dokus_json_str (p, "invoice_prefix", ""));
  gtk_editable_set_text (self->street_row, dokus_json_path_str (p, "address.street", ""));
  gtk_editable_set_text (self->postal_code_row,
                         dokus_json_path_str (p, "address.postal_code", ""));
  gtk_editable_set_text (self->city_row, dokus_json_path_str (p, "address.city", ""));
  adw_combo_row_set_selected (self->regime_row,
                              g_strcmp0 (dokus_json_str (p, "vat_regime", ""), "franchise") == 0);
  adw_combo_row_set_selected (self->period_row,
                              g_strcmp0 (dokus_json_str (p, "vat_period", ""), "month") == 0);
  adw_combo_row_set_selected (self->language_row,
                              index_of_language (dokus_json_str (p, "language", "nl")));
}

static void
dokus_setup_dialog_dispose (GObject *object)
{
  DokusSetupDialog *self = DOKUS_SETUP_DIALOG (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (dokus_setup_dialog_parent_class)->dispose (object);
}

static void
dokus_setup_dialog_class_init (DokusSetupDialogClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dokus_setup_dialog_dispose;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (wc, RESOURCE_PATH "/dokus-setup-dialog.ui");
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, recovery_done_button);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, stack);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, header_bar);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, recovery_key_label);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, name_row);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, enterprise_row);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, iban_row);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, email_row);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, street_row);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, postal_code_row);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, city_row);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, prefix_row);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, regime_row);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, period_row);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, language_row);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, message_label);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, pause_label);
  gtk_widget_class_bind_template_child (wc, DokusSetupDialog, save_button);
  gtk_widget_class_bind_template_callback (wc, save_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, recovery_done_clicked_cb);
}

static void
dokus_setup_dialog_init (DokusSetupDialog *self)
{
  GtkEditable *rows[7];

  gtk_widget_init_template (GTK_WIDGET (self));
  rows[0] = self->name_row;
  rows[1] = self->enterprise_row;
  rows[2] = self->iban_row;
  rows[3] = self->email_row;
  rows[4] = self->street_row;
  rows[5] = self->postal_code_row;
  rows[6] = self->city_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_swapped (rows[i], "changed", G_CALLBACK (field_changed_cb), self);
}

static void
pause_changed_cb (GtkWidget *owner)
{
  DokusSetupDialog *self = DOKUS_SETUP_DIALOG (owner);

  if (self->unread)
    fill_from_book (self);
  validate (self);
}

GtkWidget *
dokus_setup_dialog_new (GtkWindow *parent, DokusSession *session, const char *recovery_key)
{
  DokusSetupDialog *self = g_object_new (DOKUS_TYPE_SETUP_DIALOG, "transient-for", parent, NULL);

  self->session = g_object_ref (session);
  if (recovery_key != NULL)
    {
      gtk_label_set_text (self->recovery_key_label, recovery_key);
      gtk_stack_set_visible_child_name (self->stack, "recovery");
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Business Profile"));
      adw_header_bar_set_show_end_title_buttons (self->header_bar, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "profile");
      fill_from_book (self);
    }
  dokus_write_pause_follow (GTK_WIDGET (self), session, pause_changed_cb, self->pause_label);
  return GTK_WIDGET (self);
}

/* dokus-client-dialog.c
 *
 * The new-client form. The VAT number is checked on every keystroke with
 * dokus_vat_number_normalize(); dokus_client_add() checks everything
 * again (the VAT country must be the address country, ...).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "dokus-client-dialog.h"
#include "dokus-gui-config.h"
#include "dokus-gui-error.h"
#include "dokus-gui-json.h"
#include "dokus-write-pause.h"

static const char *const countries[] = { "BE", "NL", "FR", "DE", "LU" };
static const char *const languages[] = { NULL, "nl", "fr", "de", "en" };

struct _DokusClientDialog {
  AdwWindow     parent_instance;
  GtkEditable  *name_row, *vat_row, *email_row, *street_row, *postal_code_row, *city_row;
  GtkEditable  *country_code_row;
  AdwComboRow  *country_row, *language_row;
  GtkLabel     *message_label;
  GtkLabel     *pause_label;
  GtkWidget    *save_button;
  DokusSession *session;
  char         *client_id; /* editing this client, or NULL */
};

G_DEFINE_FINAL_TYPE (DokusClientDialog, dokus_client_dialog, ADW_TYPE_WINDOW)

enum { ADDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
country_code (DokusClientDialog *self)
{
  guint i = adw_combo_row_get_selected (self->country_row);

  return i < G_N_ELEMENTS (countries) ? countries[i]
                                      : gtk_editable_get_text (self->country_code_row);
}

static gboolean
validate (DokusClientDialog *self)
{
  const char *vat = gtk_editable_get_text (self->vat_row);
  char out[DOKUS_VAT_TEXT];
  const char *message = NULL;
  gboolean vat_bad = vat[0] != '\0'
                     && dokus_vat_number_normalize (vat, NULL, out, NULL) != DOKUS_OK;

  gtk_widget_set_visible (GTK_WIDGET (self->country_code_row),
                          adw_combo_row_get_selected (self->country_row)
                            >= G_N_ELEMENTS (countries));
  if (vat_bad)
    gtk_widget_add_css_class (GTK_WIDGET (self->vat_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->vat_row), "error");
  if (vat_bad)
    message = _("The VAT number is not valid: it starts with the country code (BE, NL, FR, "
                "...) and its check digits must match.");
  else if (gtk_editable_get_text (self->name_row)[0] == '\0')
    message = _("Type the client's name.");
  else if (strlen (country_code (self)) != 2)
    message = _("Type the two-letter country code, such as ES or IT.");
  gtk_label_set_text (self->message_label, message ? message : "");
  /* paused, not refused, while a long job holds the book (dokus-write-pause.h) */
  gtk_widget_set_sensitive (self->save_button, message == NULL
                                                 && !dokus_write_pause_refuses (self->session,
                                                                                NULL));
  return message == NULL;
}

static void
changed_cb (DokusClientDialog *self)
{
  validate (self);
}

static void
pause_changed_cb (GtkWidget *owner)
{
  validate (DOKUS_CLIENT_DIALOG (owner));
}

static void
add_text (cJSON *o, const char *key, GtkEditable *row)
{
  const char *text = gtk_editable_get_text (row);

  if (text[0] != '\0')
    cJSON_AddStringToObject (o, key, text);
}

static void
save_clicked_cb (DokusClientDialog *self)
{
  g_autoptr (cJSON) o = cJSON_CreateObject ();
  g_autofree char *json = NULL;
  g_autofree char *country = g_ascii_strup (country_code (self), -1);
  char id[DOKUS_ID_TEXT];
  DokusError err = { 0 };
  DokusBook *book;
  DokusStatus st;
  cJSON *address;
  guint lang = adw_combo_row_get_selected (self->language_row);

  if (!validate (self) || dokus_write_pause_refuses (self->session, self->message_label))
    return;
  add_text (o, "name", self->name_row);
  add_text (o, "vat_number", self->vat_row);
  add_text (o, "email", self->email_row);
  if (lang < G_N_ELEMENTS (languages) && languages[lang])
    cJSON_AddStringToObject (o, "language", languages[lang]);
  address = cJSON_AddObjectToObject (o, "address");
  add_text (address, "street", self->street_row);
  add_text (address, "postal_code", self->postal_code_row);
  add_text (address, "city", self->city_row);
  cJSON_AddStringToObject (address, "country", country);
  json = cJSON_PrintUnformatted (o);
  book = dokus_session_lock (self->session);
  if (book == NULL)
    st = dokus_error_set (&err, DOKUS_ERR_REFUSED, "", "the book is closed");
  else if (self->client_id)
    {
      st = dokus_client_update (book, self->client_id, json, &err);
      g_strlcpy (id, self->client_id, sizeof id);
    }
  else
    st = dokus_client_add (book, json, id, &err);
  dokus_session_unlock (self->session);
  if (st != DOKUS_OK)
    {
      g_autoptr (GError) error = NULL;
      dokus_gui_error_propagate (&error, &err);
      gtk_label_set_text (self->message_label, error->message);
      return;
    }
  dokus_session_notify_changed (self->session);
  g_signal_emit (self, signals[ADDED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
dokus_client_dialog_edit (DokusClientDialog *self, const char *id, const cJSON *client)
{
  const char *country = dokus_json_path_str (client, "address.country", "BE");
  const char *lang = dokus_json_str (client, "language", NULL);
  guint i;

  g_free (self->client_id);
  self->client_id = g_strdup (id);
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Client"));
  gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));
  gtk_editable_set_text (self->name_row, dokus_json_str (client, "name", ""));
  gtk_editable_set_text (self->vat_row, dokus_json_str (client, "vat_number", ""));
  gtk_editable_set_text (self->email_row, dokus_json_str (client, "email", ""));
  gtk_editable_set_text (self->street_row, dokus_json_path_str (client, "address.street", ""));
  gtk_editable_set_text (self->postal_code_row,
                         dokus_json_path_str (client, "address.postal_code", ""));
  gtk_editable_set_text (self->city_row, dokus_json_path_str (client, "address.city", ""));
  for (i = 0; i < G_N_ELEMENTS (countries) && g_strcmp0 (countries[i], country) != 0; i++)
    ;
  adw_combo_row_set_selected (self->country_row, i);
  if (i == G_N_ELEMENTS (countries))
    gtk_editable_set_text (self->country_code_row, country);
  for (i = 1; i < G_N_ELEMENTS (languages) && g_strcmp0 (languages[i], lang) != 0; i++)
    ;
  adw_combo_row_set_selected (self->language_row, i < G_N_ELEMENTS (languages) ? i : 0);
  validate (self);
}

static void
dokus_client_dialog_dispose (GObject *object)
{
  g_clear_pointer (&DOKUS_CLIENT_DIALOG (object)->client_id, g_free);
  g_clear_object (&DOKUS_CLIENT_DIALOG (object)->session);
  G_OBJECT_CLASS (dokus_client_dialog_parent_class)->dispose (object);
}

static void
dokus_client_dialog_class_init (DokusClientDialogClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dokus_client_dialog_dispose;
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_template_from_resource (wc, RESOURCE_PATH "/dokus-client-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (wc, DokusClientDialog, name)
  BIND (name_row);
  BIND (vat_row);
  BIND (email_row);
  BIND (street_row);
  BIND (postal_code_row);
  BIND (city_row);
  BIND (country_code_row);
  BIND (country_row);
  BIND (language_row);
  BIND (message_label);
  BIND (pause_label);
  BIND (save_button);
#undef BIND
  gtk_widget_class_bind_template_callback (wc, save_clicked_cb);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dokus_client_dialog_init (DokusClientDialog *self)
{
  GtkEditable *rows[] = { self->name_row, self->vat_row, self->country_code_row };

  gtk_widget_init_template (GTK_WIDGET (self));
  rows[0] = self->name_row;
  rows[1] = self->vat_row;
  rows[2] = self->country_code_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_swapped (rows[i], "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->country_row, "notify::selected", G_CALLBACK (changed_cb), self);
  validate (self);
}

GtkWidget *
dokus_client_dialog_new (GtkWindow *parent, DokusSession *session)
{
  DokusClientDialog *self = g_object_new (DOKUS_TYPE_CLIENT_DIALOG, "transient-for", parent,
                                          NULL);

  self->session = g_object_ref (session);
  dokus_write_pause_follow (GTK_WIDGET (self), session, pause_changed_cb, self->pause_label);
  return GTK_WIDGET (self);
}

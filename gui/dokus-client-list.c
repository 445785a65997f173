/* dokus-client-list.c
 *
 * The clients view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdlib.h>

#include "dokus-client-dialog.h"
#include "dokus-client-list.h"
#include "dokus-gui-config.h"
#include "dokus-gui-json.h"
#include "dokus-view-reload.h"

struct _DokusClientList {
  AdwBin        parent_instance;
  GtkEditable  *search_entry;
  GtkListBox   *list;
  DokusSession *session;
  guint         n_shown;
};

G_DEFINE_FINAL_TYPE (DokusClientList, dokus_client_list, ADW_TYPE_BIN)

enum { DIALOG_OPENED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
language_name (const char *code)
{
  if (g_strcmp0 (code, "nl") == 0)
    return _("Dutch");
  if (g_strcmp0 (code, "fr") == 0)
    return _("French");
  if (g_strcmp0 (code, "de") == 0)
    return _("German");
  if (g_strcmp0 (code, "en") == 0)
    return _("English");
  return code ? code : "";
}

static void
reload (DokusClientList *self)
{
  char *json = NULL;
  DokusBook *book;
  DokusStatus st = DOKUS_ERR_REFUSED;
  g_autoptr (cJSON) o = NULL;
  const cJSON *c;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_shown = 0;
  if (self->session == NULL)
    return;
  book = dokus_session_lock (self->session);
  if (book)
    st = dokus_client_search (book, gtk_editable_get_text (self->search_entry), 200, &json, NULL);
  dokus_session_unlock (self->session);
  if (st != DOKUS_OK || (o = dokus_json_take (json)) == NULL)
    return;
  cJSON_ArrayForEach (c, cJSON_GetObjectItemCaseSensitive (o, "clients"))
    {
      GtkWidget *row = adw_action_row_new ();
      const char *vat = dokus_json_str (c, "vat_number", NULL);
      /* TRANSLATORS: client details: VAT number or "Private person", city, invoice language */
      g_autofree char *subtitle = g_strdup_printf (
        _("%s · %s · invoices in %s"), vat ? vat : _("Private person"),
        dokus_json_path_str (c, "address.city", ""), language_name (dokus_json_str (c, "language",
                                                                                  NULL)));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dokus_json_str (c, "name", ""));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (!dokus_json_bool (c, "archived"))
        {
          /* activating the row edits the client */
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_object_set_data_full (G_OBJECT (row), "client", cJSON_PrintUnformatted (c), free);
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (dokus_json_bool (c, "archived"))
        gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->list, row);
      self->n_shown++;
    }
  if (self->n_shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No clients"));
      gtk_list_box_append (self->list, row);
    }
}

static void
search_changed_cb (DokusClientList *self)
{
  reload (self);
}

void
dokus_client_list_add_client (DokusClientList *self)
{
  GtkWidget *dialog;

  if (self->session == NULL)
    return;
  dialog = dokus_client_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                    self->session);
  g_signal_emit (self, signals[DIALOG_OPENED], 0, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_activated_cb (GtkListBox *list, GtkListBoxRow *row, DokusClientList *self)
{
  const char *json = g_object_get_data (G_OBJECT (row), "client");
  g_autoptr (cJSON) c = json ? cJSON_Parse (json) : NULL;
  GtkWidget *dialog;

  (void) list;
  if (c == NULL || self->session == NULL)
    return;
  dialog = dokus_client_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                    self->session);
  dokus_client_dialog_edit (DOKUS_CLIENT_DIALOG (dialog), dokus_json_str (c, "id", ""), c);
  g_signal_emit (self, signals[DIALOG_OPENED], 0, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_clicked_cb (DokusClientList *self)
{
  dokus_client_list_add_client (self);
}

guint
dokus_client_list_get_n_shown (DokusClientList *self)
{
  return self->n_shown;
}

static void
reload_view (GtkWidget *view)
{
  reload (DOKUS_CLIENT_LIST (view));
}

void
dokus_client_list_set_session (DokusClientList *self, DokusSession *session)
{
  dokus_view_set_session (GTK_WIDGET (self), &self->session, session, reload_view);
}

static void
dokus_client_list_dispose (GObject *object)
{
  dokus_client_list_set_session (DOKUS_CLIENT_LIST (object), NULL);
  G_OBJECT_CLASS (dokus_client_list_parent_class)->dispose (object);
}

static void
dokus_client_list_class_init (DokusClientListClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dokus_client_list_dispose;
  signals[DIALOG_OPENED] = g_signal_new ("dialog-opened", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         GTK_TYPE_WINDOW);
  gtk_widget_class_set_template_from_resource (wc, RESOURCE_PATH "/dokus-client-list.ui");
  gtk_widget_class_bind_template_child (wc, DokusClientList, search_entry);
  gtk_widget_class_bind_template_child (wc, DokusClientList, list);
  gtk_widget_class_bind_template_callback (wc, search_changed_cb);
  gtk_widget_class_bind_template_callback (wc, add_clicked_cb);
}

static void
dokus_client_list_init (DokusClientList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
}

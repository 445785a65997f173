/* dokus-unlock-page.c
 *
 * Choosing, unlocking, creating and recovering a book. The KDF runs on a
 * worker (dokus-session.c), so the window stays responsive and shows a
 * spinner meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "dokus-gui-config.h"
#include "dokus-gui-error.h"
#include "dokus-session.h"
#include "dokus-unlock-page.h"

#define RECENT_MAX 8

struct _DokusUnlockPage {
  AdwBin        parent_instance;
  GtkStack     *stack;
  GtkWidget    *recover_button;
  GtkWidget    *recover_confirm_button;
  GtkWidget    *recent_group;
  GtkListBox   *recent_list;
  GtkLabel     *book_label;
  GtkEditable  *passphrase_entry;
  GtkLabel     *error_label;
  GtkWidget    *unlock_button;
  GtkSpinner   *spinner;
  GtkRevealer  *recover_revealer;
  GtkEditable  *recovery_key_entry;
  GtkEditable  *new_passphrase_entry;
  GtkLabel     *create_path_label;
  GtkEditable  *create_passphrase_entry;
  GtkEditable  *create_confirm_entry;
  GtkLabel     *create_error_label;
  GtkWidget    *create_button;
  GtkSpinner   *create_spinner;
  char         *path;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (DokusUnlockPage, dokus_unlock_page, ADW_TYPE_BIN)

enum { UNLOCKED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GSettings *
settings_new (void)
{
  return g_settings_new (APP_ID);
}

void
dokus_unlock_page_remember (const char *path)
{
  g_autoptr (GSettings) settings = settings_new ();
  g_auto (GStrv) old = g_settings_get_strv (settings, "recent-books");
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_auto (GStrv) recent = NULL;
  guint n = 1;

  g_strv_builder_add (b, path);
  for (guint i = 0; old[i] != NULL && n < RECENT_MAX; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (b, old[i]);
        n++;
      }
  recent = g_strv_builder_end (b);
  g_settings_set_strv (settings, "recent-books", (const char *const *) recent);
}

static void
set_busy (DokusUnlockPage *self, gboolean busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_spinner_set_spinning (self->create_spinner, busy);
  gtk_widget_set_sensitive (self->unlock_button, !busy);
  gtk_widget_set_sensitive (self->create_button, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_entry), !busy);
}

static void
show_error (GtkLabel *label, const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static void
recent_activated_cb (GtkListBox *list, GtkListBoxRow *row, DokusUnlockPage *self)
{
  (void) list;
  dokus_unlock_page_ask_passphrase (self, g_object_get_data (G_OBJECT (row), "path"));
}

static void
fill_recent (DokusUnlockPage *self)
{
  g_autoptr (GSettings) settings = settings_new ();
  g_auto (GStrv) recent = g_settings_get_strv (settings, "recent-books");
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (recent[i]);
      g_autofree char *dir = g_path_get_dirname (recent[i]);
      GtkWidget *row;

      if (!g_file_test (recent[i], G_FILE_TEST_EXISTS))
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), base);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dir);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (recent[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }
  gtk_widget_set_visible (self->recent_group, shown > 0);
}

void
dokus_unlock_page_reset (DokusUnlockPage *self)
{
  g_return_if_fail (DOKUS_IS_UNLOCK_PAGE (self));
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  gtk_editable_set_text (self->passphrase_entry, "");
  gtk_editable_set_text (self->create_passphrase_entry, "");
  gtk_editable_set_text (self->create_confirm_entry, "");
  gtk_editable_set_text (self->recovery_key_entry, "");
  gtk_editable_set_text (self->new_passphrase_entry, "");
  show_error (self->error_label, NULL);
  show_error (self->create_error_label, NULL);
  gtk_revealer_set_reveal_child (self->recover_revealer, FALSE);
  fill_recent (self);
  gtk_stack_set_visible_child_name (self->stack, "start");
}

void
dokus_unlock_page_ask_passphrase (DokusUnlockPage *self, const char *path)
{
  g_return_if_fail (DOKUS_IS_UNLOCK_PAGE (self) && path != NULL);
  dokus_unlock_page_reset (self);
  g_free (self->path);
  self->path = g_strdup (path);
  gtk_label_set_text (self->book_label, path);
  gtk_stack_set_visible_child_name (self->stack, "unlock");
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
}

void
dokus_unlock_page_ask_new_book (DokusUnlockPage *self, const char *path)
{
  g_return_if_fail (DOKUS_IS_UNLOCK_PAGE (self) && path != NULL);
  dokus_unlock_page_reset (self);
  g_free (self->path);
  self->path = g_strdup (path);
  gtk_label_set_text (self->create_path_label, path);
  gtk_stack_set_visible_child_name (self->stack, "create");
  gtk_widget_grab_focus (GTK_WIDGET (self->create_passphrase_entry));
}

/* ---- unlocking ---------------------------------------------------------------------------- */

static void
opened_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (DokusUnlockPage) self = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (DokusSession) session = dokus_session_open_finish (result, &error);

  (void) source;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (session == NULL)
    {
      if (g_error_matches (error, DOKUS_ERROR, DOKUS_ERR_BAD_PASSPHRASE))
        show_error (self->error_label,
                    _("The passphrase is wrong. Check it and try again, or use your "
                      "recovery key."));
      else
        show_error (self->error_label, error->message);
      gtk_editable_select_region (self->passphrase_entry, 0, -1);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
      return;
    }
  dokus_unlock_page_remember (dokus_session_get_path (session));
  gtk_editable_set_text (self->passphrase_entry, "");
  g_signal_emit (self, signals[UNLOCKED], 0, session, NULL);
}

void
dokus_unlock_page_unlock_with (DokusUnlockPage *self, const char *passphrase)
{
  g_return_if_fail (DOKUS_IS_UNLOCK_PAGE (self));
  if (self->path == NULL)
    return;
  if (passphrase == NULL || passphrase[0] == '\0')
    {
      show_error (self->error_label, _("Type the book's passphrase."));
      return;
    }
  show_error (self->error_label, NULL);
  set_busy (self, TRUE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  dokus_session_open_async (self->path, passphrase, self->cancellable, opened_cb,
                            g_object_ref (self));
}

static void
unlock_clicked_cb (DokusUnlockPage *self)
{
  dokus_unlock_page_unlock_with (self, gtk_editable_get_text (self->passphrase_entry));
}

static void
recover_clicked_cb (DokusUnlockPage *self)
{
  gtk_revealer_set_reveal_child (self->recover_revealer,
                                 !gtk_revealer_get_reveal_child (self->recover_revealer));
}

static void
recovered_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (DokusUnlockPage) self = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (DokusSession) session = dokus_session_recover_finish (result, &error);

  (void) source;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (session == NULL)
    {
      if (g_error_matches (error, DOKUS_ERROR, DOKUS_ERR_BAD_PASSPHRASE))
        show_error (self->error_label, _("This recovery key does not open this book."));
      else if (g_error_matches (error, DOKUS_ERROR, DOKUS_ERR_INVALID))
        show_error (self->error_label,
                    _("The recovery key has a typing error: check each group."));
      else
        show_error (self->error_label, error->message);
      return;
    }
  dokus_unlock_page_remember (dokus_session_get_path (session));
  g_signal_emit (self, signals[UNLOCKED], 0, session, NULL);
}

static void
recover_confirm_clicked_cb (DokusUnlockPage *self)
{
  const char *key = gtk_editable_get_text (self->recovery_key_entry);
  const char *pass = gtk_editable_get_text (self->new_passphrase_entry);

  if (self->path == NULL)
    return;
  if (key[0] == '\0' || pass[0] == '\0')
    {
      show_error (self->error_label, _("Type the recovery key and a new passphrase."));
      return;
    }
  show_error (self->error_label, NULL);
  set_busy (self, TRUE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  dokus_session_recover_async (self->path, key, pass, self->cancellable, recovered_cb,
                               g_object_ref (self));
}

/* ---- creating ---------------------------------------------------------------------------- */

static void
created_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (DokusUnlockPage) self = data;
  g_autoptr (GError) error = NULL;
  char *recovery = NULL;
  g_autoptr (DokusSession) session = dokus_session_create_finish (result, &recovery, &error);

  (void) source;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (session == NULL)
    {
      if (g_error_matches (error, DOKUS_ERROR, DOKUS_ERR_REFUSED))
        show_error (self->create_error_label, _("A file with this name exists already."));
      else
        show_error (self->create_error_label, error->message);
      return;
    }
  dokus_unlock_page_remember (dokus_session_get_path (session));
  gtk_editable_set_text (self->create_passphrase_entry, "");
  gtk_editable_set_text (self->create_confirm_entry, "");
  g_signal_emit (self, signals[UNLOCKED], 0, session, recovery);
  dokus_secret_free (recovery);
}

static void
create_clicked_cb (DokusUnlockPage *self)
{
  const char *pass = gtk_editable_get_text (self->create_passphrase_entry);
  const char *again = gtk_editable_get_text (self->create_confirm_entry);

  if (self->path == NULL)
    return;
  if (g_utf8_strlen (pass, -1) < 8)
    {
      show_error (self->create_error_label,
                  _("Use a passphrase of at least 8 characters; several words are best."));
      return;
    }
  if (g_strcmp0 (pass, again) != 0)
    {
      show_error (self->create_error_label, _("The two passphrases differ."));
      return;
    }
  show_error (self->create_error_label, NULL);
  set_busy (self, TRUE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  dokus_session_create_async (self->path, pass, self->cancellable, created_cb,
                              g_object_ref (self));
}

/* ---- choosing a file --------------------------------------------------------------------- */

static void
add_book_filter (GtkFileChooser *chooser)
{
  g_autoptr (GtkFileFilter) books = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (books, _("Dokus books"));
  gtk_file_filter_add_mime_type (books, "application/x-dokus-book");
  gtk_file_filter_add_suffix (books, "dokus");
  gtk_file_chooser_add_filter (chooser, books);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
}

static void
open_response_cb (GtkNativeDialog *dialog, int response, DokusUnlockPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      if (path)
        dokus_unlock_page_ask_passphrase (self, path);
    }
  g_object_unref (dialog);
}

static void
open_clicked_cb (DokusUnlockPage *self)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (
    _("Open Book"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
    GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));

  add_book_filter (GTK_FILE_CHOOSER (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
new_response_cb (GtkNativeDialog *dialog, int response, DokusUnlockPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      if (path && !g_str_has_suffix (path, ".dokus"))
        {
          char *with_suffix = g_strconcat (path, ".dokus", NULL);
          g_free (path);
          path = with_suffix;
        }
      if (path)
        dokus_unlock_page_ask_new_book (self, path);
    }
  g_object_unref (dialog);
}

static void
new_clicked_cb (DokusUnlockPage *self)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (
    _("New Book"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
    GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"), _("_Cancel"));

  /* TRANSLATORS: the default file name of a new book; keep the .dokus */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("My business.dokus"));
  g_signal_connect (dialog, "response", G_CALLBACK (new_response_cb), self);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
back_clicked_cb (DokusUnlockPage *self)
{
  dokus_unlock_page_reset (self);
}

/* ---- type ------------------------------------------------------------------------------ */

static void
dokus_unlock_page_dispose (GObject *object)
{
  DokusUnlockPage *self = DOKUS_UNLOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->path, g_free);
  G_OBJECT_CLASS (dokus_unlock_page_parent_class)->dispose (object);
}

static void
dokus_unlock_page_class_init (DokusUnlockPageClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dokus_unlock_page_dispose;
  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, DOKUS_TYPE_SESSION,
                                    /* static scope: the recovery key is not copied */
                                    G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  gtk_widget_class_set_template_from_resource (wc, RESOURCE_PATH "/dokus-unlock-page.ui");
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, recover_confirm_button);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, recover_button);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, stack);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, recent_group);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, recent_list);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, book_label);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, passphrase_entry);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, error_label);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, unlock_button);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, spinner);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, recover_revealer);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, recovery_key_entry);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, new_passphrase_entry);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, create_path_label);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, create_passphrase_entry);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, create_confirm_entry);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, create_error_label);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, create_button);
  gtk_widget_class_bind_template_child (wc, DokusUnlockPage, create_spinner);
  gtk_widget_class_bind_template_callback (wc, open_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, new_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, unlock_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, back_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, recover_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, recover_confirm_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, create_clicked_cb);
}

static void
dokus_unlock_page_init (DokusUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->recent_list, "row-activated", G_CALLBACK (recent_activated_cb), self);
  fill_recent (self);
}

GtkWidget *
dokus_unlock_page_new (void)
{
  return g_object_new (DOKUS_TYPE_UNLOCK_PAGE, NULL);
}

/* dokus-settings-page.c
 *
 * The settings view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "dokus-gui-config.h"
#include "dokus-gui-error.h"
#include "dokus-settings-page.h"
#include "dokus-setup-dialog.h"
#include "dokus-sync-status.h"
#include "dokus-view-reload.h"

static const char *const schemes[] = { "default", "light", "dark" };

struct _DokusSettingsPage {
  AdwBin        parent_instance;
  AdwComboRow  *style_row;
  GtkEditable  *old_row, *new_row, *confirm_row;
  GtkLabel     *passphrase_label;
  GtkSpinner   *passphrase_spinner;
  GtkWidget    *passphrase_button;
  AdwPreferencesGroup *sync_group;
  GtkEditable  *relay_row;
  AdwActionRow *ap_row, *devices_row;
  DokusSession *session;
  GSettings    *settings;
};

G_DEFINE_FINAL_TYPE (DokusSettingsPage, dokus_settings_page, ADW_TYPE_BIN)

enum { DIALOG_OPENED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GSettings *
settings_or_null (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID,
                                                                                 TRUE)
                                              : NULL;

  return schema ? g_settings_new (APP_ID) : NULL;
}

void
dokus_settings_apply_color_scheme (void)
{
  g_autoptr (GSettings) settings = settings_or_null ();
  g_autofree char *scheme = settings ? g_settings_get_string (settings, "color-scheme") : NULL;
  AdwColorScheme s = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    s = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    s = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), s);
}

static void
style_changed_cb (DokusSettingsPage *self)
{
  guint i = adw_combo_row_get_selected (self->style_row);

  if (self->settings == NULL || i >= G_N_ELEMENTS (schemes))
    return;
  g_settings_set_string (self->settings, "color-scheme", schemes[i]);
  dokus_settings_apply_color_scheme ();
}

static void
profile_clicked_cb (DokusSettingsPage *self)
{
  GtkWidget *dialog;

  if (self->session == NULL)
    return;
  dialog = dokus_setup_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   self->session, NULL);
  g_signal_emit (self, signals[DIALOG_OPENED], 0, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- passphrase ------------------------------------------------------------------------- */

typedef struct {
  char *old_pass, *new_pass; /* sodium_malloc */
} PassJob;

static char *
secret_dup (const char *s)
{
  size_t n = strlen (s) + 1;
  char *copy = sodium_malloc (n);

  if (copy)
    memcpy (copy, s, n);
  return copy;
}

static void
pass_job_free (gpointer data)
{
  PassJob *job = data;

  if (job->old_pass)
    sodium_free (job->old_pass);
  if (job->new_pass)
    sodium_free (job->new_pass);
  g_free (job);
}

static gpointer
change_work (DokusBook *book, gpointer data, GCancellable *cancellable, DokusError *err)
{
  PassJob *job = data;

  (void) cancellable;
  if (job->old_pass == NULL || job->new_pass == NULL)
    {
      dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
      return NULL;
    }
  if (dokus_book_change_passphrase (book, job->old_pass, job->new_pass, err) != DOKUS_OK)
    return NULL;
  return GINT_TO_POINTER (1);
}

static void
changed_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (DokusSettingsPage) self = data;
  g_autoptr (GError) error = NULL;
  gpointer ok = dokus_session_run_finish (DOKUS_SESSION (source), result, &error);

  gtk_spinner_set_spinning (self->passphrase_spinner, FALSE);
  gtk_widget_set_sensitive (self->passphrase_button, TRUE);
  if (ok)
    {
      gtk_editable_set_text (self->old_row, "");
      gtk_editable_set_text (self->new_row, "");
      gtk_editable_set_text (self->confirm_row, "");
      gtk_label_set_text (self->passphrase_label, _("The passphrase was changed."));
    }
  else if (g_error_matches (error, DOKUS_ERROR, DOKUS_ERR_BAD_PASSPHRASE))
    gtk_label_set_text (self->passphrase_label, _("The current passphrase is wrong."));
  else
    gtk_label_set_text (self->passphrase_label, error->message);
}

static void
passphrase_clicked_cb (DokusSettingsPage *self)
{
  const char *new_pass = gtk_editable_get_text (self->new_row);
  PassJob *job;

  if (self->session == NULL)
    return;
  if (g_utf8_strlen (new_pass, -1) < 8)
    {
      gtk_label_set_text (self->passphrase_label,
                          _("Use a passphrase of at least 8 characters; several words are best."));
      return;
    }
  if (g_strcmp0 (new_pass, gtk_editable_get_text (self->confirm_row)) != 0)
    {
      gtk_label_set_text (self->passphrase_label, _("The two passphrases differ."));
      return;
    }
  job = g_new0 (PassJob, 1);
  job->old_pass = secret_dup (gtk_editable_get_text (self->old_row));
  job->new_pass = secret_dup (new_pass);
  gtk_label_set_text (self->passphrase_label, "");
  gtk_spinner_set_spinning (self->passphrase_spinner, TRUE);
  gtk_widget_set_sensitive (self->passphrase_button, FALSE);
  dokus_session_run_async (self->session, change_work, job, pass_job_free, NULL, NULL,
                           changed_done_cb, g_object_ref (self));
}

/* ---- sync and Peppol ----------------------------------------------------------------------- */

/* The sync and access point rows, from the book (dokus_sync_facts_read)
 * and the settings. */
static void
load_sync (DokusSettingsPage *self)
{
  DokusSyncFacts facts;
  const char *ap = g_getenv ("DOKUS_AP_URL");
  g_autofree char *url = dokus_sync_relay_url ();
  g_autofree char *devices = NULL;

  dokus_sync_facts_read (self->session, &facts);
  if (!facts.enabled)
    devices = g_strdup (_("Only this computer: sync is off for this book"));
  else
    devices = g_strdup_printf (ngettext ("%u device shares this book",
                                         "%u devices share this book", facts.n_devices),
                               facts.n_devices);
  adw_action_row_set_subtitle (self->devices_row, devices);
  adw_action_row_set_subtitle (self->ap_row, ap && ap[0] ? ap : _("Not set up"));
  adw_preferences_group_set_description (
    self->sync_group, facts.enabled && url ? _("This book syncs through the relay below.")
                      : facts.enabled      ? _("This book syncs once a relay address is set.")
                                           : _("Everything works offline on this computer."));
  dokus_sync_facts_clear (&facts);
}

static void
reload_view (GtkWidget *view)
{
  DokusSettingsPage *self = DOKUS_SETTINGS_PAGE (view);

  gtk_label_set_text (self->passphrase_label, "");
  load_sync (self);
}

void
dokus_settings_page_set_session (DokusSettingsPage *self, DokusSession *session)
{
  dokus_view_set_session (GTK_WIDGET (self), &self->session, session, reload_view);
}

static void
dokus_settings_page_dispose (GObject *object)
{
  DokusSettingsPage *self = DOKUS_SETTINGS_PAGE (object);

  if (self->session)
    dokus_settings_page_set_session (self, NULL);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (dokus_settings_page_parent_class)->dispose (object);
}

static void
dokus_settings_page_class_init (DokusSettingsPageClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dokus_settings_page_dispose;
  signals[DIALOG_OPENED] = g_signal_new ("dialog-opened", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         GTK_TYPE_WINDOW);
  gtk_widget_class_set_template_from_resource (wc, RESOURCE_PATH "/dokus-settings-page.ui");
  gtk_widget_class_bind_template_child (wc, DokusSettingsPage, style_row);
  gtk_widget_class_bind_template_child (wc, DokusSettingsPage, old_row);
  gtk_widget_class_bind_template_child (wc, DokusSettingsPage, new_row);
  gtk_widget_class_bind_template_child (wc, DokusSettingsPage, confirm_row);
  gtk_widget_class_bind_template_child (wc, DokusSettingsPage, passphrase_label);
  gtk_widget_class_bind_template_child (wc, DokusSettingsPage, passphrase_spinner);
  gtk_widget_class_bind_template_child (wc, DokusSettingsPage, passphrase_button);
  gtk_widget_class_bind_template_child (wc, DokusSettingsPage, sync_group);
  gtk_widget_class_bind_template_child (wc, DokusSettingsPage, relay_row);
  gtk_widget_class_bind_template_child (wc, DokusSettingsPage, ap_row);
  gtk_widget_class_bind_template_child (wc, DokusSettingsPage, devices_row);
  gtk_widget_class_bind_template_callback (wc, profile_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, passphrase_clicked_cb);
}

static void
dokus_settings_page_init (DokusSettingsPage *self)
{
  g_autofree char *scheme = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = settings_or_null ();
  if (self->settings)
    {
      scheme = g_settings_get_string (self->settings, "color-scheme");
      for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
        if (g_strcmp0 (scheme, schemes[i]) == 0)
          adw_combo_row_set_selected (self->style_row, i);
    }
  g_signal_connect_swapped (self->style_row, "notify::selected", G_CALLBACK (style_changed_cb),
                            self);
  if (self->settings)
    g_settings_bind (self->settings, "sync-relay-url", self->relay_row, "text",
                     G_SETTINGS_BIND_DEFAULT);
  load_sync (self);
}

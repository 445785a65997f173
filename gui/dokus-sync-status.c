/* dokus-sync-status.c
 *
 * The header bar's sync indicator (dokus-sync-status.h): reads the book's
 * sync facts whenever the session says it changed, and runs one sync
 * with libdokus-sync's client on the session's worker when asked; the
 * outcome of the last run (when, offline, failed, cancelled and why) is
 * kept for as long as the window lives. While a job holds the book the
 * facts read before it are shown (the main loop never waits for the
 * book), and read again when the session is idle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include <dokus/dokus-sync-client.h>

#include "dokus-gui-config.h"
#include "dokus-gui-error.h"
#include "dokus-gui-json.h"
#include "dokus-sync-status.h"

struct _DokusSyncStatus {
  AdwBin        parent_instance;
  GtkMenuButton *button;
  GtkLabel     *title_label;
  GtkLabel     *details_label;
  GtkWidget    *sync_button;
  GtkWidget    *cancel_button;
  DokusSession *session;
  DokusSyncFacts facts;      /* as last read: kept while a job holds the book */
  DokusSyncClient *client;   /* the running sync's (owned by its job), or NULL */
  gboolean      cancelled;   /* the last run was cancelled */
  GDateTime    *last_sync;   /* the last run that succeeded, or NULL */
  char         *last_error;  /* the message of the last run, if it failed */
  gboolean      offline;     /* ... because the relay could not be reached */
  gboolean      syncing;
};

G_DEFINE_FINAL_TYPE (DokusSyncStatus, dokus_sync_status, ADW_TYPE_BIN)

/* ---- facts ------------------------------------------------------------------------------ */

static guint
count_members (DokusBook *book)
{
  char *json = NULL;
  g_autoptr (cJSON) members = NULL;
  const cJSON *m;
  guint n = 0;

  if (dokus_sync_members_json (book, &json, NULL) != DOKUS_OK)
    return 0;
  members = dokus_json_take (json);
  cJSON_ArrayForEach (m, members)
    n += !dokus_json_bool (m, "revoked");
  return n;
}

void
dokus_sync_facts_read (DokusSession *session, DokusSyncFacts *facts)
{
  DokusBook *book = session ? dokus_session_lock (session) : NULL;
  DokusSyncEnvelope *envs = NULL;
  size_t n = 0;
  int64_t waiting = 0;

  memset (facts, 0, sizeof *facts);
  if (book != NULL && dokus_sync_is_enabled (book))
    {
      facts->enabled = TRUE;
      facts->role = g_strdup (dokus_sync_role (book));
      if (dokus_sync_outbox_list (book, 0, &envs, &n, NULL) == DOKUS_OK)
        facts->to_send = (gint64) n;
      dokus_sync_envelopes_free (envs, n);
      if (dokus_sync_pending_count (book, &waiting, NULL) == DOKUS_OK)
        facts->waiting = waiting;
      facts->n_devices = count_members (book);
    }
  if (session != NULL)
    dokus_session_unlock (session);
}

void
dokus_sync_facts_clear (DokusSyncFacts *facts)
{
  g_clear_pointer (&facts->role, g_free);
}

char *
dokus_sync_relay_url (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID,
                                                                                 TRUE)
                                              : NULL;
  g_autofree char *url = NULL;

  if (schema != NULL && g_settings_schema_has_key (schema, "sync-relay-url"))
    {
      g_autoptr (GSettings) settings = g_settings_new (APP_ID);
      url = g_settings_get_string (settings, "sync-relay-url");
    }
  if (url != NULL && url[0] != '\0')
    return g_steal_pointer (&url);
  return g_getenv ("DOKUS_RELAY_URL") && g_getenv ("DOKUS_RELAY_URL")[0]
           ? g_strdup (g_getenv ("DOKUS_RELAY_URL"))
           : NULL;
}

/* ---- showing ------------------------------------------------------------------------------ */

static void
show (DokusSyncStatus *self, const char *icon, const char *title, const char *details)
{
  gtk_menu_button_set_icon_name (self->button, icon);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->details_label, details);
}

/* Reads the facts again unless a job holds the book: then the main loop
 * must not wait for it, and the facts read before it are shown. */
static void
read_facts (DokusSyncStatus *self)
{
  if (self->session != NULL && dokus_session_is_busy (self->session))
    return;
  dokus_sync_facts_clear (&self->facts);
  dokus_sync_facts_read (self->session, &self->facts);
}

static void
refresh (DokusSyncStatus *self)
{
  DokusSyncFacts facts;
  g_autofree char *url = dokus_sync_relay_url ();
  g_autofree char *title = NULL;
  g_autofree char *details = NULL;
  g_autofree char *queue = NULL;
  const char *icon = "emblem-ok-symbolic";

  read_facts (self);
  facts = self->facts;
  gtk_widget_set_sensitive (self->sync_button,
                            facts.enabled && url != NULL && !self->syncing);
  gtk_widget_set_visible (self->cancel_button, self->syncing);
  if (!facts.enabled)
    {
      show (self, "network-offline-symbolic", _("Sync not set up"),
            _("This book is not synchronised with other devices."));
      return;
    }
  queue = facts.to_send == 0
            ? g_strdup (_("Nothing waits to be sent."))
            : g_strdup_printf (ngettext ("%d change waits to be sent.",
                                         "%d changes wait to be sent.",
                                         (unsigned long) facts.to_send),
                               (int) facts.to_send);
  if (self->syncing)
    {
      icon = "emblem-synchronizing-symbolic";
      title = g_strdup (_("Syncing…"));
      details = g_strdup (queue);
    }
  else if (url == NULL)
    {
      icon = "network-offline-symbolic";
      title = g_strdup (_("No sync relay set"));
      details = g_strdup_printf ("%s %s", _("Set the relay's address in Settings."), queue);
    }
  else if (self->cancelled)
    {
      icon = "network-offline-symbolic";
      title = g_strdup (_("Sync cancelled"));
      details = g_strdup (queue);
    }
  else if (self->last_error != NULL)
    {
      icon = "network-error-symbolic";
      title = g_strdup (self->offline ? _("Offline") : _("Sync failed"));
      details = self->offline ? g_strdup_printf ("%s %s", _("The relay could not be reached."),
                                                 queue)
                              : g_strdup_printf ("%s %s", self->last_error, queue);
    }
  else if (self->last_sync != NULL)
    {
      g_autofree char *time = g_date_time_format (self->last_sync, "%H:%M");
      /* TRANSLATORS: %s is a time of day, 14:05 */
      title = g_strdup_printf (_("Synced at %s"), time);
      details = g_strdup (queue);
      if (facts.to_send > 0)
        icon = "emblem-synchronizing-symbolic";
    }
  else
    {
      icon = "emblem-synchronizing-symbolic";
      title = g_strdup (_("Not synced yet"));
      details = g_strdup (queue);
    }
  show (self, icon, title, details);
}

/* ---- syncing ------------------------------------------------------------------------------ */

/* On the worker, with the book locked; @data is the client (the job's:
 * freed with it), which the main thread may only cancel. */
static gpointer
sync_work (DokusBook *book, gpointer data, GCancellable *cancellable, DokusError *err)
{
  (void) cancellable;
  if (dokus_sync_client_run (data, book, NULL, NULL, NULL, err) != DOKUS_OK)
    return NULL;
  return g_date_time_new_now_local ();
}

static void
sync_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (DokusSyncStatus) self = data;
  g_autoptr (GError) error = NULL;
  GDateTime *when = dokus_session_run_finish (DOKUS_SESSION (source), result, &error);

  self->syncing = FALSE;
  self->cancelled = self->client != NULL && dokus_sync_client_cancelled (self->client);
  self->client = NULL;
  g_clear_pointer (&self->last_error, g_free);
  self->offline = FALSE;
  if (when != NULL)
    {
      g_clear_pointer (&self->last_sync, g_date_time_unref);
      self->last_sync = when;
      /* pulled changes are the book's too: every view reads them */
      dokus_session_notify_changed (DOKUS_SESSION (source));
    }
  else if (!self->cancelled)
    {
      self->last_error = g_strdup (error->message);
      self->offline = g_error_matches (error, DOKUS_ERROR, DOKUS_ERR_IO);
    }
  refresh (self);
}

void
dokus_sync_status_sync_now (DokusSyncStatus *self)
{
  g_autofree char *url = dokus_sync_relay_url ();
  /* a person is waiting: a few quick tries, not the background policy */
  DokusSyncClientOptions options = { .max_attempts = 2, .base_delay_ms = 200,
                                     .max_delay_ms = 1000, .timeout_s = 20 };
  DokusError err = { 0 };

  if (self->session == NULL || url == NULL || self->syncing)
    return;
  if (dokus_sync_client_new (url, NULL, &self->client, &err) != DOKUS_OK)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (err.message);
      self->offline = FALSE;
      self->cancelled = FALSE;
      refresh (self);
      return;
    }
  dokus_sync_client_set_options (self->client, &options);
  self->syncing = TRUE;
  refresh (self);
  dokus_session_run_async (self->session, sync_work, self->client,
                           (GDestroyNotify) dokus_sync_client_free,
                           (GDestroyNotify) g_date_time_unref, NULL, sync_done_cb,
                           g_object_ref (self));
}

void
dokus_sync_status_cancel (DokusSyncStatus *self)
{
  if (self->syncing && self->client != NULL)
    dokus_sync_client_cancel (self->client);
}

static void
cancel_clicked_cb (DokusSyncStatus *self)
{
  dokus_sync_status_cancel (self);
}

static void
sync_clicked_cb (DokusSyncStatus *self)
{
  dokus_sync_status_sync_now (self);
}

gboolean
dokus_sync_status_is_syncing (DokusSyncStatus *self)
{
  return self->syncing;
}

const char *
dokus_sync_status_get_title (DokusSyncStatus *self)
{
  return gtk_label_get_text (self->title_label);
}

const char *
dokus_sync_status_get_details (DokusSyncStatus *self)
{
  return gtk_label_get_text (self->details_label);
}

static void
session_changed_cb (DokusSession *session, DokusSyncStatus *self)
{
  (void) session;
  refresh (self);
}

void
dokus_sync_status_set_session (DokusSyncStatus *self, DokusSession *session)
{
  if (self->session)
    g_signal_handlers_disconnect_by_func (self->session, session_changed_cb, self);
  g_set_object (&self->session, session);
  g_clear_pointer (&self->last_sync, g_date_time_unref);
  g_clear_pointer (&self->last_error, g_free);
  self->cancelled = FALSE;
  if (session)
    {
      g_signal_connect (session, "changed", G_CALLBACK (session_changed_cb), self);
      g_signal_connect (session, "idle", G_CALLBACK (session_changed_cb), self);
    }
  refresh (self);
}

static void
dokus_sync_status_dispose (GObject *object)
{
  DokusSyncStatus *self = DOKUS_SYNC_STATUS (object);

  dokus_sync_status_set_session (self, NULL);
  G_OBJECT_CLASS (dokus_sync_status_parent_class)->dispose (object);
}

static void
dokus_sync_status_finalize (GObject *object)
{
  DokusSyncStatus *self = DOKUS_SYNC_STATUS (object);

  g_clear_pointer (&self->last_sync, g_date_time_unref);
  g_free (self->last_error);
  dokus_sync_facts_clear (&self->facts);
  G_OBJECT_CLASS (dokus_sync_status_parent_class)->finalize (object);
}

static void
dokus_sync_status_class_init (DokusSyncStatusClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dokus_sync_status_dispose;
  G_OBJECT_CLASS (klass)->finalize = dokus_sync_status_finalize;
  gtk_widget_class_set_template_from_resource (wc, RESOURCE_PATH "/dokus-sync-status.ui");
  gtk_widget_class_bind_template_child (wc, DokusSyncStatus, button);
  gtk_widget_class_bind_template_child (wc, DokusSyncStatus, title_label);
  gtk_widget_class_bind_template_child (wc, DokusSyncStatus, details_label);
  gtk_widget_class_bind_template_child (wc, DokusSyncStatus, sync_button);
  gtk_widget_class_bind_template_child (wc, DokusSyncStatus, cancel_button);
  gtk_widget_class_bind_template_callback (wc, sync_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, cancel_clicked_cb);
}

static void
dokus_sync_status_init (DokusSyncStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  refresh (self);
}

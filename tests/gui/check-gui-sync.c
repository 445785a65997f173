/* check-gui-sync.c
 *
 * Suite "gui": the header bar's sync indicator reads the book: a book
 * without sync says so; a synced book without a relay says what to set
 * and how many changes wait; Sync Now against a relay that does not
 * answer (a closed port on 127.0.0.1) ends as "Offline" without blocking
 * the main loop, and the changes still wait. Against a slow relay (a
 * listener in the test that accepts and never answers) the sync holds the
 * book, yet the main loop keeps running: a view told the book changed
 * keeps what it shows and switching views works, then Cancel ends the
 * sync at once and the view reads the book again. An invoice editor
 * opened during such a sync keeps the main loop running too: Save and
 * Issue are paused with a notice saying why, what is typed stays, and
 * once the sync is cancelled they work again and the draft is saved with
 * what was typed; the client, purchase and business profile dialogs
 * likewise pause Save (the profile's form waits to be read). The
 * settings page shows
 * the book's devices and the relay address kept in the settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <check.h>
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-client-dialog.h"
#include "dokus-client-list.h"
#include "dokus-expense-dialog.h"
#include "dokus-gui-test-util.h"
#include "dokus-invoice-editor.h"
#include "dokus-settings-page.h"
#include "dokus-setup-dialog.h"
#include "dokus-sync-status.h"
#include "dokus-test-helpers.h"

static char            *dir;
static DokusSession    *session;
static GtkWindow       *window;
static DokusSyncStatus *status;

static void
open_book (gboolean synced)
{
  char *path = dokus_test_path (dir, "sync.dokus");
  DokusBook *book = dokus_test_book_create (path, "pw", NULL);
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];

  ck_assert_msg (dokus_profile_set (book, "{\"name\":\"Freelance BV\","
                                          "\"enterprise_number\":\"0417497106\"}", &err)
                   == DOKUS_OK, "%s", err.message);
  if (synced)
    ck_assert_msg (dokus_sync_enable (book, NULL, NULL, 0, &err) == DOKUS_OK, "%s", err.message);
  ck_assert_msg (dokus_client_add (book, "{\"name\":\"Jan Peeters\",\"address\":"
                                         "{\"city\":\"Leuven\",\"country\":\"BE\"}}", id, &err)
                   == DOKUS_OK, "%s", err.message);
  session = dokus_session_new_take (book, path);
  free (path);
  dokus_sync_status_set_session (status, session);
  dokus_gui_test_iterate ();
}

/* The envelopes waiting in the book's outbox, as libdokus counts them. */
static size_t
outbox_size (void)
{
  DokusSyncEnvelope *envs = NULL;
  size_t n = 0;
  DokusError err = { 0 };

  ck_assert_int_eq (dokus_sync_outbox_list (dokus_session_lock (session), 0, &envs, &n, &err),
                    DOKUS_OK);
  dokus_session_unlock (session);
  dokus_sync_envelopes_free (envs, n);
  return n;
}

static void
setup (void)
{
  g_autoptr (GSettings) settings = g_settings_new ("be.dokus.Dokus");

  g_settings_reset (settings, "sync-relay-url");
  g_unsetenv ("DOKUS_RELAY_URL");
  dir = dokus_test_tmpdir_new ();
  status = g_object_new (DOKUS_TYPE_SYNC_STATUS, NULL);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (window, GTK_WIDGET (status));
  gtk_window_present (window);
}

static void
teardown (void)
{
  gtk_window_destroy (window);
  dokus_gui_test_iterate ();
  if (session)
    dokus_session_close (session);
  g_clear_object (&session);
  dokus_test_tmpdir_free (dir);
}

static gboolean
sync_ended (gpointer data)
{
  return !dokus_sync_status_is_syncing (data);
}

START_TEST (test_gui_sync_off)
{
  open_book (FALSE);
  ck_assert_str_eq (dokus_sync_status_get_title (status), "Sync not set up");
  ck_assert_str_eq (dokus_sync_status_get_details (status),
                    "This book is not synchronised with other devices.");
}
END_TEST

START_TEST (test_gui_sync_without_relay_counts_what_waits)
{
  g_autofree char *want = NULL;
  size_t n;

  open_book (TRUE);
  n = outbox_size ();
  ck_assert_uint_ge (n, 1); /* the client at least */
  want = g_strdup_printf ("Set the relay's address in Settings. %d change%s to be sent.",
                          (int) n, n == 1 ? " waits" : "s wait");
  ck_assert_str_eq (dokus_sync_status_get_title (status), "No sync relay set");
  ck_assert_str_eq (dokus_sync_status_get_details (status), want);
}
END_TEST

START_TEST (test_gui_sync_now_offline)
{
  g_autoptr (GSettings) settings = g_settings_new ("be.dokus.Dokus");
  g_autofree char *want = NULL;
  size_t n;

  /* port 9 (discard) is closed on the test machine: nothing answers */
  g_settings_set_string (settings, "sync-relay-url", "http://127.0.0.1:9");
  open_book (TRUE);
  n = outbox_size ();
  ck_assert_str_eq (dokus_sync_status_get_title (status), "Not synced yet");
  dokus_sync_status_sync_now (status);
  ck_assert (dokus_sync_status_is_syncing (status));
  ck_assert_str_eq (dokus_sync_status_get_title (status), "Syncing…");
  ck_assert_msg (dokus_gui_test_wait (sync_ended, status, 60000), "the sync did not end");
  ck_assert_str_eq (dokus_sync_status_get_title (status), "Offline");
  want = g_strdup_printf ("The relay could not be reached. %d change%s to be sent.", (int) n,
                          n == 1 ? " waits" : "s wait");
  ck_assert_str_eq (dokus_sync_status_get_details (status), want);
  ck_assert_uint_eq (outbox_size (), n);
  g_settings_reset (settings, "sync-relay-url");
}
END_TEST

/* A relay that accepts connections on 127.0.0.1 and never answers: the
 * accepted sockets are kept open until the test ends. */
typedef struct {
  GSocket   *listener;
  GSource   *source;
  GPtrArray *accepted;
  guint16    port;
} SlowRelay;

static gboolean
slow_relay_accept_cb (GSocket *socket, GIOCondition condition, gpointer data)
{
  SlowRelay *relay = data;
  GSocket *conn = g_socket_accept (socket, NULL, NULL);

  (void) condition;
  if (conn != NULL)
    g_ptr_array_add (relay->accepted, conn);
  return G_SOURCE_CONTINUE;
}

static void
slow_relay_start (SlowRelay *relay)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  relay->accepted = g_ptr_array_new_with_free_func (g_object_unref);
  relay->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);
  ck_assert_msg (relay->listener != NULL, "%s", error ? error->message : "");
  ck_assert_msg (g_socket_bind (relay->listener, any, TRUE, &error), "%s", error->message);
  ck_assert_msg (g_socket_listen (relay->listener, &error), "%s", error->message);
  g_socket_set_blocking (relay->listener, FALSE);
  bound = g_socket_get_local_address (relay->listener, &error);
  ck_assert_msg (bound != NULL, "%s", error ? error->message : "");
  relay->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  relay->source = g_socket_create_source (relay->listener, G_IO_IN, NULL);
  g_source_set_callback (relay->source, G_SOURCE_FUNC (slow_relay_accept_cb), relay, NULL);
  g_source_attach (relay->source, NULL);
}

static void
slow_relay_stop (SlowRelay *relay)
{
  g_source_destroy (relay->source);
  g_source_unref (relay->source);
  g_socket_close (relay->listener, NULL);
  g_object_unref (relay->listener);
  g_ptr_array_unref (relay->accepted);
}

static gboolean
relay_has_connection (gpointer data)
{
  return ((SlowRelay *) data)->accepted->len > 0;
}

/* Starts @relay and makes it the relay Sync Now uses. */
static void
slow_relay_use (SlowRelay *relay)
{
  g_autoptr (GSettings) settings = g_settings_new ("be.dokus.Dokus");
  g_autofree char *url = NULL;

  slow_relay_start (relay);
  url = g_strdup_printf ("http://127.0.0.1:%u", (unsigned) relay->port);
  g_settings_set_string (settings, "sync-relay-url", url);
}

/* Sync Now, until the sync holds the book and waits on @relay. */
static void
sync_until_relay_waits (SlowRelay *relay)
{
  dokus_sync_status_sync_now (status);
  ck_assert_msg (dokus_gui_test_wait (relay_has_connection, relay, 30000),
                 "the sync never reached the relay");
  ck_assert (dokus_sync_status_is_syncing (status));
  ck_assert (dokus_session_is_busy (session));
}

/* Cancel: the sync ends at once and the session is idle again. */
static void
cancel_sync (void)
{
  gint64 t0 = g_get_monotonic_time ();

  dokus_sync_status_cancel (status);
  ck_assert_msg (dokus_gui_test_wait (sync_ended, status, 5000), "Cancel did not end the sync");
  ck_assert_int_lt (g_get_monotonic_time () - t0, 5 * G_USEC_PER_SEC);
  dokus_gui_test_iterate ();
  ck_assert (!dokus_session_is_busy (session));
  ck_assert_str_eq (dokus_sync_status_get_title (status), "Sync cancelled");
}

static void
slow_relay_forget (SlowRelay *relay)
{
  g_autoptr (GSettings) settings = g_settings_new ("be.dokus.Dokus");

  g_settings_reset (settings, "sync-relay-url");
  slow_relay_stop (relay);
}

static gboolean
count_tick (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

START_TEST (test_gui_sync_slow_relay_keeps_ui_running_and_cancels)
{
  SlowRelay relay = { 0 };
  GtkStack *stack = GTK_STACK (gtk_stack_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  DokusClientList *clients = g_object_new (DOKUS_TYPE_CLIENT_LIST, NULL);
  guint ticks = 0, tick_id;
  gint64 t0;

  slow_relay_use (&relay);
  /* the status and two views, the clients one hidden */
  g_object_ref (status);
  gtk_window_set_child (window, NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (status));
  g_object_unref (status);
  gtk_stack_add_named (stack, gtk_label_new ("home"), "home");
  gtk_stack_add_named (stack, GTK_WIDGET (clients), "clients");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (stack));
  gtk_window_set_child (window, box);
  open_book (TRUE);
  dokus_client_list_set_session (clients, session);
  dokus_gui_test_iterate ();
  ck_assert_uint_eq (dokus_client_list_get_n_shown (clients), 0); /* never shown yet */

  sync_until_relay_waits (&relay);

  /* the book "changed" and the hidden view is shown while the sync holds the book: neither
   * waits for it (the relay's 20 s timeout would show here) */
  t0 = g_get_monotonic_time ();
  tick_id = g_timeout_add (20, count_tick, &ticks);
  dokus_session_notify_changed (session);
  gtk_stack_set_visible_child_name (stack, "clients");
  ck_assert_msg (!dokus_gui_test_wait (sync_ended, status, 500), "the sync ended by itself");
  ck_assert_str_eq (gtk_stack_get_visible_child_name (stack), "clients");
  ck_assert (gtk_widget_get_mapped (GTK_WIDGET (clients)));
  gtk_stack_set_visible_child_name (stack, "home");
  dokus_gui_test_iterate ();
  gtk_stack_set_visible_child_name (stack, "clients");
  dokus_gui_test_iterate ();
  ck_assert_msg (g_get_monotonic_time () - t0 < 3 * G_USEC_PER_SEC, "the main loop waited");
  ck_assert_uint_ge (ticks, 10);
  ck_assert (dokus_sync_status_is_syncing (status));
  ck_assert_str_eq (dokus_sync_status_get_title (status), "Syncing…");
  ck_assert_uint_eq (dokus_client_list_get_n_shown (clients), 0); /* put off, not blocked */

  /* Cancel ends the transfer at once; the view then reads the book */
  cancel_sync ();
  ck_assert_uint_eq (dokus_client_list_get_n_shown (clients), 1);
  g_source_remove (tick_id);
  slow_relay_forget (&relay);
}
END_TEST

static const char pause_text[] = "Saving is paused while Dokus syncs. What you type is kept; "
                                  "you can save again once the sync ends.";

static GtkWidget *
editor_part (DokusInvoiceEditor *editor, const char *id)
{
  return dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR, id);
}

START_TEST (test_gui_sync_slow_relay_pauses_editor_saving)
{
  SlowRelay relay = { 0 };
  DokusInvoiceEditor *editor;
  GtkWidget *save, *issue;
  GtkLabel *pause;
  guint ticks = 0, tick_id;
  gint64 t0;
  char *json = NULL;
  DokusError err = { 0 };
  g_autofree char *message = NULL;
  cJSON *doc;
  const cJSON *line;

  slow_relay_use (&relay);
  open_book (TRUE);
  sync_until_relay_waits (&relay);

  /* a new invoice opened while the sync holds the book: nothing waits for the book (the
   * relay's 20 s timeout would show here) */
  t0 = g_get_monotonic_time ();
  tick_id = g_timeout_add (20, count_tick, &ticks);
  editor = DOKUS_INVOICE_EDITOR (dokus_invoice_editor_new (window, session, NULL));
  gtk_window_present (GTK_WINDOW (editor));
  dokus_gui_test_iterate ();
  save = editor_part (editor, "save_button");
  issue = editor_part (editor, "issue_button");
  pause = GTK_LABEL (editor_part (editor, "pause_label"));
  ck_assert (gtk_widget_get_visible (save) && !gtk_widget_is_sensitive (save));
  ck_assert (gtk_widget_get_visible (issue) && !gtk_widget_is_sensitive (issue));
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (pause)));
  ck_assert_str_eq (gtk_label_get_text (pause), pause_text);
  /* the form can be typed meanwhile */
  dokus_gui_test_type (dokus_invoice_editor_get_line_widget (editor, 0, "description"),
                       "Workshop");
  dokus_gui_test_type (dokus_invoice_editor_get_line_widget (editor, 0, "quantity"), "2");
  dokus_gui_test_type (dokus_invoice_editor_get_line_widget (editor, 0, "unit_price"), "150");
  /* a click already queued (or Ctrl+S) neither waits for the book nor saves */
  g_signal_emit_by_name (issue, "clicked");
  dokus_gui_test_iterate ();
  message = dokus_invoice_editor_dup_message (editor);
  ck_assert_str_eq (message, gtk_label_get_text (pause));
  ck_assert_ptr_null (dokus_invoice_editor_get_document_id (editor));
  ck_assert_msg (!dokus_gui_test_wait (sync_ended, status, 500), "the sync ended by itself");
  ck_assert_msg (g_get_monotonic_time () - t0 < 3 * G_USEC_PER_SEC, "the main loop waited");
  ck_assert_uint_ge (ticks, 10);
  ck_assert (dokus_sync_status_is_syncing (status));
  ck_assert (!gtk_widget_is_sensitive (save));

  /* the sync cancelled, the editor reads the book (its client) and saves what was typed */
  cancel_sync ();
  g_source_remove (tick_id);
  ck_assert (gtk_widget_is_sensitive (save));
  ck_assert (gtk_widget_is_sensitive (issue));
  ck_assert (!gtk_widget_get_visible (GTK_WIDGET (pause)));
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (dokus_invoice_editor_get_line_widget (
                      editor, 0, "description"))), "Workshop");
  dokus_gui_test_click (save);
  g_free (message);
  message = dokus_invoice_editor_dup_message (editor);
  ck_assert_str_eq (message, "");
  ck_assert_ptr_nonnull (dokus_invoice_editor_get_document_id (editor));
  ck_assert_msg (dokus_document_show (dokus_session_lock (session),
                                      dokus_invoice_editor_get_document_id (editor), &json, &err)
                   == DOKUS_OK, "%s", err.message);
  dokus_session_unlock (session);
  doc = cJSON_Parse (json);
  free (json);
  ck_assert_ptr_nonnull (doc);
  ck_assert_str_eq (cJSON_GetObjectItem (doc, "status")->valuestring, "draft");
  ck_assert_str_eq (cJSON_GetObjectItem (cJSON_GetObjectItem (doc, "client"), "name")
                      ->valuestring, "Jan Peeters");
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (doc, "lines")), 1);
  line = cJSON_GetArrayItem (cJSON_GetObjectItem (doc, "lines"), 0);
  ck_assert_str_eq (cJSON_GetObjectItem (line, "description")->valuestring, "Workshop");
  /* 2 × 150.00 = 300.00 net */
  ck_assert_str_eq (cJSON_GetObjectItem (line, "line_extension_amount")->valuestring,
                    "300.00");
  cJSON_Delete (doc);
  gtk_window_destroy (GTK_WINDOW (editor));
  slow_relay_forget (&relay);
}
END_TEST

/* @dialog's Save is paused (insensitive, the notice shown) or not. */
static void
check_paused (gpointer dialog, GType type, gboolean paused)
{
  GtkWidget *save = dokus_gui_test_child (dialog, type, "save_button");
  GtkWidget *notice = dokus_gui_test_child (dialog, type, "pause_label");

  ck_assert_int_eq (gtk_widget_is_sensitive (save), !paused);
  ck_assert_int_eq (gtk_widget_get_visible (notice), paused);
  if (paused)
    ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (notice)), pause_text);
}

START_TEST (test_gui_sync_slow_relay_pauses_dialogs)
{
  SlowRelay relay = { 0 };
  GtkWidget *client, *expense, *profile;
  gint64 t0;

  slow_relay_use (&relay);
  open_book (TRUE);
  /* a dialog open before the sync pauses when it starts */
  client = dokus_client_dialog_new (window, session);
  gtk_window_present (GTK_WINDOW (client));
  dokus_gui_test_type (dokus_gui_test_child (client, DOKUS_TYPE_CLIENT_DIALOG, "name_row"),
                       "Atelier Noord");
  check_paused (client, DOKUS_TYPE_CLIENT_DIALOG, FALSE);
  sync_until_relay_waits (&relay);
  check_paused (client, DOKUS_TYPE_CLIENT_DIALOG, TRUE);

  /* others opened during it neither wait for the book nor save */
  t0 = g_get_monotonic_time ();
  expense = dokus_expense_dialog_new (window, session);
  gtk_window_present (GTK_WINDOW (expense));
  profile = dokus_setup_dialog_new (window, session, NULL);
  gtk_window_present (GTK_WINDOW (profile));
  dokus_gui_test_iterate ();
  ck_assert_msg (g_get_monotonic_time () - t0 < 3 * G_USEC_PER_SEC, "the main loop waited");
  check_paused (expense, DOKUS_TYPE_EXPENSE_DIALOG, TRUE);
  check_paused (profile, DOKUS_TYPE_SETUP_DIALOG, TRUE);
  /* the profile is not read yet: its form waits, so nothing typed would be overwritten */
  ck_assert (!gtk_widget_is_sensitive (dokus_gui_test_child (profile, DOKUS_TYPE_SETUP_DIALOG,
                                                             "name_row")));
  dokus_gui_test_type (dokus_gui_test_child (expense, DOKUS_TYPE_EXPENSE_DIALOG, "supplier_row"),
                       "Proximus");
  ck_assert (dokus_sync_status_is_syncing (status));

  cancel_sync ();
  check_paused (client, DOKUS_TYPE_CLIENT_DIALOG, FALSE);
  check_paused (expense, DOKUS_TYPE_EXPENSE_DIALOG, FALSE);
  check_paused (profile, DOKUS_TYPE_SETUP_DIALOG, FALSE);
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (dokus_gui_test_child (
                      client, DOKUS_TYPE_CLIENT_DIALOG, "name_row"))), "Atelier Noord");
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (dokus_gui_test_child (
                      expense, DOKUS_TYPE_EXPENSE_DIALOG, "supplier_row"))), "Proximus");
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (dokus_gui_test_child (
                      profile, DOKUS_TYPE_SETUP_DIALOG, "name_row"))), "Freelance BV");
  /* the client is saved: the list of clients in the book has it */
  dokus_gui_test_click (dokus_gui_test_child (client, DOKUS_TYPE_CLIENT_DIALOG, "save_button"));
  {
    char *json = NULL;
    DokusError err = { 0 };

    ck_assert_msg (dokus_client_list (dokus_session_lock (session), false, &json, &err)
                     == DOKUS_OK, "%s", err.message);
    dokus_session_unlock (session);
    ck_assert_msg (strstr (json, "\"Atelier Noord\"") != NULL, "%s", json);
    free (json);
  }
  gtk_window_destroy (GTK_WINDOW (expense));
  gtk_window_destroy (GTK_WINDOW (profile));
  slow_relay_forget (&relay);
}
END_TEST

START_TEST (test_gui_settings_show_sync_facts)
{
  GtkWindow *page_window = GTK_WINDOW (gtk_window_new ());
  DokusSettingsPage *page = g_object_new (DOKUS_TYPE_SETTINGS_PAGE, NULL);
  g_autoptr (GSettings) settings = g_settings_new ("be.dokus.Dokus");

  open_book (TRUE);
  gtk_window_set_child (page_window, GTK_WIDGET (page));
  dokus_settings_page_set_session (page, session);
  gtk_window_present (page_window);
  dokus_gui_test_iterate ();
  ck_assert_str_eq (adw_action_row_get_subtitle (ADW_ACTION_ROW (dokus_gui_test_child (
                      page, DOKUS_TYPE_SETTINGS_PAGE, "devices_row"))),
                    "1 device shares this book");
  ck_assert_str_eq (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (
                      dokus_gui_test_child (page, DOKUS_TYPE_SETTINGS_PAGE, "sync_group"))),
                    "This book syncs once a relay address is set.");
  /* the address typed is the setting the header bar's Sync Now uses */
  dokus_gui_test_type (dokus_gui_test_child (page, DOKUS_TYPE_SETTINGS_PAGE, "relay_row"),
                       "https://relay.example");
  {
    g_autofree char *url = g_settings_get_string (settings, "sync-relay-url");
    g_autofree char *used = dokus_sync_relay_url ();
    ck_assert_str_eq (url, "https://relay.example");
    ck_assert_str_eq (used, "https://relay.example");
  }
  g_settings_reset (settings, "sync-relay-url");
  gtk_window_destroy (page_window);
}
END_TEST

static Suite *
sync_suite (void)
{
  Suite *s = suite_create ("gui-sync");
  TCase *tc = tcase_create ("status");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_gui_sync_off);
  tcase_add_test (tc, test_gui_sync_without_relay_counts_what_waits);
  tcase_add_test (tc, test_gui_sync_now_offline);
  tcase_add_test (tc, test_gui_sync_slow_relay_keeps_ui_running_and_cancels);
  tcase_add_test (tc, test_gui_sync_slow_relay_pauses_editor_saving);
  tcase_add_test (tc, test_gui_sync_slow_relay_pauses_dialogs);
  tcase_add_test (tc, test_gui_settings_show_sync_facts);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return dokus_gui_test_run (sync_suite ());
}

/* check-gui-sync.c
 *
 * Suite "gui": the header bar's sync indicator reads the book: a book
 * without sync says so; a synced book without a relay says what to set
 * and how many changes wait; Sync Now against a relay that does not
 * answer (a closed port on 127.0.0.1) ends as "Offline" without blocking
 * the main loop, and the changes still wait. The settings page shows the
 * book's devices and the relay address kept in the settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-gui-test-util.h"
#include "dokus-settings-page.h"
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
  tcase_add_test (tc, test_gui_settings_show_sync_facts);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return dokus_gui_test_run (sync_suite ());
}

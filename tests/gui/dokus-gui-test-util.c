/* dokus-gui-test-util.c
 *
 * Helpers to drive the desktop application from Check tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <check.h>
#include <stdlib.h>
#include <sodium.h>

#include "dokus-application.h"
#include "dokus-gui-test-util.h"

void
dokus_gui_test_init (void)
{
  dokus_application_init_globals ();
  gtk_init ();
  adw_init ();
  /* the style sheet and icons, as AdwApplication would add them */
  dokus_application_load_style ();
}

void
dokus_gui_test_iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

gboolean
dokus_gui_test_wait (gboolean (*done) (gpointer data), gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data) && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  dokus_gui_test_iterate ();
  return done (data);
}

GtkWidget *
dokus_gui_test_child (gpointer widget, GType type, const char *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, id);

  ck_assert_msg (child != NULL, "no template child '%s'", id);
  return GTK_WIDGET (child);
}

void
dokus_gui_test_type (GtkWidget *editable, const char *text)
{
  ck_assert_msg (gtk_widget_is_sensitive (editable), "typing into an insensitive widget");
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  dokus_gui_test_iterate ();
}

void
dokus_gui_test_click (GtkWidget *button)
{
  ck_assert_msg (gtk_widget_get_visible (button), "clicking a hidden button");
  ck_assert_msg (gtk_widget_is_sensitive (button), "clicking an insensitive button");
  g_signal_emit_by_name (button, "clicked");
  dokus_gui_test_iterate ();
}

static gpointer
hold_book (DokusBook *book, gpointer data, GCancellable *cancellable, DokusError *err)
{
  (void) book, (void) cancellable, (void) err;
  while (!g_atomic_int_get ((gint *) data))
    g_usleep (1000);
  return g_strdup ("done");
}

void
dokus_gui_test_hold_book (DokusSession *session, gint *release)
{
  dokus_session_run_async (session, hold_book, release, NULL, g_free, NULL, NULL, NULL);
}

static gboolean
session_idle (gpointer session)
{
  return !dokus_session_is_busy (session);
}

gboolean
dokus_gui_test_wait_idle (DokusSession *session, guint timeout_ms)
{
  return dokus_gui_test_wait (session_idle, session, timeout_ms);
}

int
dokus_gui_test_run (Suite *suite)
{
  SRunner *sr;
  int failed;

  g_setenv ("DOKUS_TODAY", "2026-11-25", TRUE);
  dokus_gui_test_init ();
  sr = srunner_create (suite);
  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

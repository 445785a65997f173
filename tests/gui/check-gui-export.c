/* check-gui-export.c
 *
 * Suite "gui": the book export of the reports page runs on the session's
 * worker thread with a progress bar and a Cancel button, and the main
 * loop keeps running meanwhile. A cancelled export leaves nothing behind
 * and says so; a whole one fills the folder and fills the bar.
 * (tests/core/check-export-progress cancels at every kind of step.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-gui-test-util.h"
#include "dokus-reports-page.h"
#include "dokus-session.h"
#include "dokus-test-helpers.h"

static char             *dir;
static DokusSession     *session;
static GtkWindow        *window;
static DokusReportsPage *page;

static void
setup (void)
{
  char *path;
  DokusBook *book;
  DokusError err = { 0 };

  dir = dokus_test_tmpdir_new ();
  path = dokus_test_path (dir, "export.dokus");
  book = dokus_test_book_create (path, "pw", NULL);
  ck_assert_msg (dokus_profile_set (book, "{\"name\":\"Freelance BV\","
                                          "\"enterprise_number\":\"0417497106\"}", &err)
                   == DOKUS_OK, "%s", err.message);
  session = dokus_session_new_take (book, path);
  free (path);
  page = g_object_new (DOKUS_TYPE_REPORTS_PAGE, NULL);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (window, GTK_WIDGET (page));
  dokus_reports_page_set_session (page, session);
  gtk_window_present (window);
  dokus_gui_test_iterate ();
}

static void
teardown (void)
{
  gtk_window_destroy (window);
  dokus_gui_test_iterate ();
  dokus_session_close (session);
  g_clear_object (&session);
  dokus_test_tmpdir_free (dir);
}

static gboolean
export_ended (gpointer data)
{
  return !dokus_reports_page_is_exporting (data);
}

static GtkWidget *
child (const char *id)
{
  return dokus_gui_test_child (page, DOKUS_TYPE_REPORTS_PAGE, id);
}

START_TEST (test_gui_export_cancelled_leaves_nothing)
{
  char *out = dokus_test_path (dir, "Dokus export");
  DokusBook *book;

  /* the worker waits for the book while this thread holds it: the
   * export is running (queued) when Cancel is pressed */
  book = dokus_session_lock (session);
  ck_assert_ptr_nonnull (book);
  dokus_reports_page_export_to (page, out);
  ck_assert (dokus_reports_page_is_exporting (page));
  ck_assert (gtk_widget_get_visible (child ("export_cancel_button")));
  ck_assert (gtk_widget_get_visible (child ("export_progress")));
  ck_assert (!gtk_widget_is_sensitive (child ("export_button")));
  dokus_gui_test_click (child ("export_cancel_button"));
  dokus_session_unlock (session);
  ck_assert_msg (dokus_gui_test_wait (export_ended, page, 20000), "the export did not end");
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (child ("export_label"))),
                    "Export cancelled: nothing was written.");
  ck_assert (!dokus_platform_path_exists (out));
  ck_assert (!gtk_widget_get_visible (child ("export_cancel_button")));
  ck_assert (gtk_widget_is_sensitive (child ("export_button")));
  free (out);
}
END_TEST

START_TEST (test_gui_export_whole)
{
  char *out = dokus_test_path (dir, "Dokus export");
  char *readme = dokus_test_path (out, "README.txt");
  g_autofree char *want = g_strdup_printf ("Exported to %s", out);

  dokus_reports_page_export_to (page, out);
  ck_assert_msg (dokus_gui_test_wait (export_ended, page, 20000), "the export did not end");
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (child ("export_label"))), want);
  ck_assert (dokus_platform_path_exists (readme));
  ck_assert (!gtk_widget_get_visible (child ("export_progress")));
  free (readme);
  free (out);
}
END_TEST

static Suite *
export_suite (void)
{
  Suite *s = suite_create ("gui-export");
  TCase *tc = tcase_create ("export");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_gui_export_cancelled_leaves_nothing);
  tcase_add_test (tc, test_gui_export_whole);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return dokus_gui_test_run (export_suite ());
}

/* check-gui-receipts.c
 *
 * Suite "gui": receipts added to a recorded purchase from the expenses
 * view (as a drop on its row or its "Add Receipts…" button does) reach the
 * book on the worker; a file the book already holds for that purchase is
 * refused with its name, the others are added. The import of received
 * e-invoices, which shares the worker code, names a file that is not UBL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-expense-list.h"
#include "dokus-gui-test-util.h"
#include "dokus-test-helpers.h"

static gboolean
message_shown (gpointer label)
{
  return gtk_widget_get_visible (label) && gtk_label_get_text (label)[0] != '\0';
}

static int
n_receipts (DokusSession *session, const char *id)
{
  char *json = NULL;
  cJSON *o;
  int n;

  ck_assert_int_eq (dokus_expense_show (dokus_session_lock (session), id, &json, NULL), DOKUS_OK);
  dokus_session_unlock (session);
  o = cJSON_Parse (json);
  free (json);
  n = cJSON_GetArraySize (cJSON_GetObjectItem (o, "receipts"));
  cJSON_Delete (o);
  return n;
}

START_TEST (test_gui_receipts_added_to_a_recorded_purchase)
{
  static const unsigned char pdf[] = "%PDF-1.4 the bill";
  char *dir = dokus_test_tmpdir_new ();
  char *path = dokus_test_path (dir, "receipts.dokus");
  char *again = dokus_test_path (dir, "bill-again.pdf");
  char *scan = dokus_test_path (dir, "scan.png");
  DokusBook *book = dokus_test_book_create (path, "pw", NULL);
  DokusAttachmentInput first = { "bill.pdf", pdf, sizeof pdf - 1 };
  DokusError err = { 0 };
  char id[DOKUS_ID_TEXT];
  DokusSession *session;
  GtkWindow *window;
  DokusExpenseList *list;
  GtkWidget *message;
  GList *files = NULL;

  ck_assert_int_eq (dokus_profile_set (book, "{\"name\":\"Freelance BV\","
                                             "\"enterprise_number\":\"0417497106\"}", &err),
                    DOKUS_OK);
  ck_assert_msg (dokus_expense_add (book,
                                    "{\"date\":\"2026-11-02\",\"supplier\":{\"name\":"
                                    "\"Telenet BV\",\"country\":\"BE\"},\"category\":\"telecom\","
                                    "\"kind\":\"services\",\"vat_treatment\":\"domestic\","
                                    "\"lines\":[{\"base\":\"50.00\",\"vat_rate\":\"21\","
                                    "\"vat_amount\":\"10.50\"}]}",
                                    &first, 1, id, &err) == DOKUS_OK, "%s", err.message);
  session = dokus_session_new_take (book, path);
  ck_assert (dokus_test_write_file (again, pdf, sizeof pdf - 1)); /* the same bytes */
  ck_assert (dokus_test_write_file (scan, (const unsigned char *) "\x89PNG\r\n\x1a\n scan", 13));

  list = g_object_new (DOKUS_TYPE_EXPENSE_LIST, NULL);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (window, GTK_WIDGET (list));
  dokus_expense_list_set_session (list, session);
  gtk_window_present (window);
  dokus_gui_test_iterate ();
  message = dokus_gui_test_child (list, DOKUS_TYPE_EXPENSE_LIST, "message_label");
  gtk_label_set_text (GTK_LABEL (message), "");

  files = g_list_append (files, g_file_new_for_path (scan));
  files = g_list_append (files, g_file_new_for_path (again));
  dokus_expense_list_add_receipts (list, id, files);
  g_list_free_full (files, g_object_unref);
  ck_assert_msg (dokus_gui_test_wait (message_shown, message, 20000), "no message");
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (message)),
                    "1 receipt added.\n"
                    "bill-again.pdf: This is not allowed. (receipt: the purchase already has "
                    "this receipt (as 'bill.pdf'))\n");
  ck_assert_int_eq (n_receipts (session, id), 2);

  /* the import of e-invoices goes the same way: a file that is not UBL is named */
  {
    char *bad = dokus_test_path (dir, "bad.xml");
    GList *xml = g_list_append (NULL, g_file_new_for_path (bad));
    const char *text;

    ck_assert (dokus_test_write_file (bad, (const unsigned char *) "<x/>", 4));
    gtk_label_set_text (GTK_LABEL (message), "");
    dokus_expense_list_import (list, xml);
    ck_assert_msg (dokus_gui_test_wait (message_shown, message, 20000), "no message");
    text = gtk_label_get_text (GTK_LABEL (message));
    ck_assert_msg (g_str_has_prefix (text, "0 invoices imported.\nbad.xml: "), "%s", text);
    g_list_free_full (xml, g_object_unref);
    free (bad);
  }

  gtk_window_destroy (window);
  dokus_gui_test_iterate ();
  dokus_session_close (session);
  g_object_unref (session);
  free (again);
  free (scan);
  free (path);
  dokus_test_tmpdir_free (dir);
}
END_TEST

static Suite *
receipts_suite (void)
{
  Suite *s = suite_create ("gui-receipts");
  TCase *tc = tcase_create ("receipts");

  tcase_add_test (tc, test_gui_receipts_added_to_a_recorded_purchase);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return dokus_gui_test_run (receipts_suite ());
}

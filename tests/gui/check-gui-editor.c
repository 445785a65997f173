/* check-gui-editor.c
 *
 * Suite "gui": a draft saved by the ledger, reopened in the invoice
 * editor and saved again through its widgets, comes back exactly as it
 * was: issue and due dates, payment terms, references, note, delivery,
 * lines with unit, discount, exemption reason and a VAT category the
 * menu does not offer, allowances and charges. The editor shows what it
 * can (dates, references, discounts, totals with the allowances and
 * charges) and keeps the rest. An issued invoice's PDF and UBL are
 * written off the main loop. A saved draft is deleted after its
 * confirmation dialog (not after Cancel, nor while a job holds the
 * book); issued documents and unsaved invoices have no Delete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-gui-test-util.h"
#include "dokus-invoice-editor.h"
#include "dokus-invoice-model.h"
#include "dokus-session.h"
#include "dokus-test-helpers.h"

static char         *dir;
static DokusSession *session;
static char          client_id[DOKUS_ID_TEXT];

/* Single quotes stand for double quotes, so that JSON reads in C. */
static char *
js (const char *text)
{
  char *s = g_strdup (text);

  g_strdelimit (s, "'", '"');
  return s;
}

static void
setup (void)
{
  char *path;
  DokusBook *book;
  DokusError err = { 0 };
  g_autofree char *profile = js ("{'name': 'Studio Maes', 'enterprise_number': '0203.201.340', "
                                 "'address': {'street': 'Veldstraat 1', 'postal_code': '9000', "
                                 "'city': 'Gent', 'country': 'BE'}}");
  g_autofree char *client = js ("{'name': 'Atelier Lumière SRL', 'vat_number': 'BE0417497106', "
                                "'address': {'street': 'Rue Haute 48', 'postal_code': '1000', "
                                "'city': 'Brussel', 'country': 'BE'}}");

  dir = dokus_test_tmpdir_new ();
  path = dokus_test_path (dir, "drafts.dokus");
  book = dokus_test_book_create (path, "pw", NULL);
  ck_assert_msg (dokus_profile_set (book, profile, &err) == DOKUS_OK, "%s", err.message);
  ck_assert_msg (dokus_client_add (book, client, client_id, &err) == DOKUS_OK, "%s",
                 err.message);
  session = dokus_session_new_take (book, path);
  free (path);
}

static void
teardown (void)
{
  dokus_session_close (session);
  g_clear_object (&session);
  dokus_gui_test_iterate ();
  dokus_test_tmpdir_free (dir);
}

static void
create_draft (const char *json_sq, char id[DOKUS_ID_TEXT])
{
  GString *json = g_string_new (json_sq);
  g_autofree char *full = NULL;
  DokusError err = { 0 };
  DokusStatus st;

  g_string_replace (json, "'", "\"", 0);
  g_string_replace (json, "%s", client_id, 0);
  full = g_string_free (json, FALSE);
  st = dokus_invoice_create (dokus_session_lock (session), full, id, &err);

  dokus_session_unlock (session);
  ck_assert_msg (st == DOKUS_OK, "draft: %s (%s)", err.message, err.field);
}

/* (transfer full) the document @id as the ledger shows it. */
static cJSON *
show (const char *id)
{
  char *json = NULL;
  DokusError err = { 0 };
  DokusStatus st = dokus_document_show (dokus_session_lock (session), id, &json, &err);
  cJSON *doc;

  dokus_session_unlock (session);
  ck_assert_msg (st == DOKUS_OK, "show: %s", err.message);
  doc = cJSON_Parse (json);
  free (json);
  ck_assert_ptr_nonnull (doc);
  return doc;
}

static const char *
str (const cJSON *o, const char *key)
{
  const cJSON *m = cJSON_GetObjectItemCaseSensitive (o, key);

  return cJSON_IsString (m) ? m->valuestring : NULL;
}

static const char *
row_text (DokusInvoiceEditor *editor, const char *id)
{
  return gtk_editable_get_text (GTK_EDITABLE (dokus_gui_test_child (editor,
                                                                    DOKUS_TYPE_INVOICE_EDITOR,
                                                                    id)));
}

static DokusInvoiceEditor *
open_editor (const char *id)
{
  DokusInvoiceEditor *editor = DOKUS_INVOICE_EDITOR (dokus_invoice_editor_new (NULL, session, id));

  gtk_window_present (GTK_WINDOW (editor));
  dokus_gui_test_iterate ();
  return editor;
}

static void
save (DokusInvoiceEditor *editor)
{
  g_autofree char *message = NULL;

  dokus_gui_test_click (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR, "save_button"));
  message = dokus_invoice_editor_dup_message (editor);
  ck_assert_str_eq (message, "");
}

#define FULL_DRAFT                                                                                \
  "{'client': '%s', 'issue_date': '2026-11-20', 'due_date': '2026-12-20', "                   \
  "'buyer_reference': 'PO-7781', 'order_reference': 'ORD-42', 'note': 'Thank you', "          \
  "'delivery': {'date': '2026-11-18', 'country': 'BE'}, 'lines': ["                            \
  "{'description': 'Design work', 'quantity': '10', 'unit': 'HUR', 'unit_price': '80', "        \
  "'discount_percent': '10', 'vat_category': 'S', 'vat_rate': '21'}, "                         \
  "{'description': 'Training', 'quantity': '1', 'unit_price': '200', 'vat_category': 'E', "    \
  "'exemption_reason': 'VATEX-EU-132-1C'}, "                                                    \
  "{'description': 'Printed books', 'quantity': '2', 'unit_price': '15', "                      \
  "'vat_category': 'Z'}], "                                                                     \
  "'allowances': [{'reason': 'Loyalty', 'amount': '50.00', 'vat_category': 'S', "               \
  "'vat_rate': '21'}], "                                                                         \
  "'charges': [{'reason': 'Travel', 'amount': '30.00', 'vat_category': 'S', 'vat_rate': '21'}]}"

START_TEST (test_editor_keeps_every_field_of_a_draft)
{
  char id[DOKUS_ID_TEXT];
  g_autoptr (GtkWidget) keep = NULL;
  DokusInvoiceEditor *editor;
  g_autofree char *totals = NULL;
  cJSON *before, *after;
  char *a, *b;

  create_draft (FULL_DRAFT, id);
  before = show (id);
  editor = open_editor (id);
  keep = g_object_ref_sink (GTK_WIDGET (editor));

  /* what the form shows */
  ck_assert_str_eq (row_text (editor, "issue_date_row"), "20/11/2026");
  ck_assert_str_eq (row_text (editor, "due_date_row"), "20/12/2026");
  ck_assert_str_eq (row_text (editor, "buyer_reference_row"), "PO-7781");
  ck_assert_str_eq (row_text (editor, "order_reference_row"), "ORD-42");
  ck_assert_str_eq (row_text (editor, "note_row"), "Thank you");
  ck_assert_uint_eq (dokus_invoice_editor_get_n_lines (editor), 3);
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (
                      dokus_invoice_editor_get_line_widget (editor, 0, "discount"))), "10");
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (
                      dokus_invoice_editor_get_line_widget (editor, 1, "discount"))), "");
  /* 10 h × 80.00 = 800.00 − 10 % = 720.00 (S 21); 200.00 (E); 2 × 15.00 = 30.00 (Z);
   * lines 950.00; S 21: 720.00 − 50.00 + 30.00 = 700.00, VAT 147.00;
   * excl. 950.00 − 50.00 + 30.00 = 930.00; total 930.00 + 147.00 = 1077.00 */
  totals = dokus_invoice_editor_dup_totals_text (editor);
  ck_assert_str_eq (totals, "Lines\t€950.00\n"
                            "Allowances\t-€50.00\n"
                            "Charges\t€30.00\n"
                            "Total excluding VAT\t€930.00\n"
                            "VAT 21 % on €700.00\t€147.00\n"
                            "VAT 0 % on €30.00\t€0.00\n"
                            "Exempt, on €200.00\t€0.00\n"
                            "Total\t€1,077.00\n");

  /* saved untouched: the ledger holds exactly what it held */
  save (editor);
  after = show (id);
  a = cJSON_Print (before);
  b = cJSON_Print (after);
  ck_assert_str_eq (b, a);
  free (a);
  free (b);
  cJSON_Delete (after);

  /* one field changed: only that one changes */
  dokus_gui_test_type (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR, "note_row"),
                       "Thank you again");
  save (editor);
  after = show (id);
  ck_assert_str_eq (str (after, "note"), "Thank you again");
  cJSON_ReplaceItemInObjectCaseSensitive (after, "note", cJSON_CreateString ("Thank you"));
  ck_assert (cJSON_Compare (before, after, TRUE));
  cJSON_Delete (after);
  cJSON_Delete (before);
  gtk_window_destroy (GTK_WINDOW (editor));
}
END_TEST

START_TEST (test_editor_keeps_payment_terms_until_a_due_date_is_typed)
{
  char id[DOKUS_ID_TEXT];
  g_autoptr (GtkWidget) keep = NULL;
  DokusInvoiceEditor *editor;
  cJSON *doc;

  create_draft ("{'client': '%s', 'payment_terms_days': 45, 'lines': [{'description': 'Audit', "
                "'quantity': '1', 'unit_price': '100', 'vat_rate': '21'}]}", id);
  editor = open_editor (id);
  keep = g_object_ref_sink (GTK_WIDGET (editor));
  /* no date typed: issued on the day it is issued */
  ck_assert_str_eq (row_text (editor, "issue_date_row"), "");
  ck_assert_str_eq (row_text (editor, "due_date_row"), "");
  save (editor);
  doc = show (id);
  ck_assert_int_eq (cJSON_GetObjectItem (doc, "payment_terms_days")->valueint, 45);
  ck_assert (cJSON_IsNull (cJSON_GetObjectItem (doc, "issue_date")));
  cJSON_Delete (doc);

  /* a due date typed replaces the terms (the ledger takes one or the other) */
  dokus_gui_test_type (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR,
                                             "issue_date_row"), "01/12/2026");
  dokus_gui_test_type (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR, "due_date_row"),
                       "31/12/2026");
  save (editor);
  doc = show (id);
  ck_assert_str_eq (str (doc, "issue_date"), "2026-12-01");
  ck_assert_str_eq (str (doc, "due_date"), "2026-12-31");
  ck_assert_ptr_null (cJSON_GetObjectItem (doc, "payment_terms_days"));
  cJSON_Delete (doc);

  /* and reopening shows both dates: the bug was an empty issue date here */
  gtk_window_destroy (GTK_WINDOW (editor));
  g_clear_object (&keep);
  editor = open_editor (id);
  keep = g_object_ref_sink (GTK_WIDGET (editor));
  ck_assert_str_eq (row_text (editor, "issue_date_row"), "01/12/2026");
  ck_assert_str_eq (row_text (editor, "due_date_row"), "31/12/2026");
  gtk_window_destroy (GTK_WINDOW (editor));
}
END_TEST

START_TEST (test_editor_refuses_a_bad_due_date_and_discount)
{
  char id[DOKUS_ID_TEXT];
  g_autoptr (GtkWidget) keep = NULL;
  DokusInvoiceEditor *editor;
  g_autofree char *message = NULL;

  create_draft ("{'client': '%s', 'lines': [{'description': 'Audit', 'quantity': '1', "
                "'unit_price': '100', 'vat_rate': '21'}]}", id);
  editor = open_editor (id);
  keep = g_object_ref_sink (GTK_WIDGET (editor));
  dokus_gui_test_type (dokus_invoice_editor_get_line_widget (editor, 0, "discount"), "ten");
  message = dokus_invoice_editor_dup_message (editor);
  ck_assert_str_eq (message, "Line 1: the discount is not a percentage with at most 2 decimals.");
  dokus_gui_test_type (dokus_invoice_editor_get_line_widget (editor, 0, "discount"), "25");
  dokus_gui_test_type (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR, "due_date_row"),
                       "31/02/2026");
  dokus_gui_test_click (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR, "save_button"));
  g_free (message);
  message = dokus_invoice_editor_dup_message (editor);
  ck_assert_str_eq (message, "The due date is not a date (day/month/year).");
  gtk_window_destroy (GTK_WINDOW (editor));
}
END_TEST

typedef struct {
  const char *path, *magic;
} Written;

static gboolean
file_written (gpointer data)
{
  const Written *w = data;

  return dokus_platform_path_exists (w->path) && dokus_test_file_contains (w->path, w->magic);
}

START_TEST (test_editor_exports_off_the_main_loop)
{
  char id[DOKUS_ID_TEXT];
  g_autoptr (GtkWidget) keep = NULL;
  DokusInvoiceEditor *editor;
  DokusIssueResult issued = { 0 };
  DokusError err = { 0 };
  char *pdf = dokus_test_path (dir, "out.pdf");
  char *xml = dokus_test_path (dir, "out.xml");
  Written want_pdf = { pdf, "%PDF-" }, want_xml = { xml, "<cbc:ID>2026-0001</cbc:ID>" };

  create_draft ("{'client': '%s', 'lines': [{'description': 'Audit', 'quantity': '1', "
                "'unit_price': '100', 'vat_rate': '21'}]}", id);
  ck_assert_msg (dokus_document_issue (dokus_session_lock (session), id, &issued, &err) == DOKUS_OK,
                 "%s", err.message);
  dokus_session_unlock (session);
  editor = open_editor (id);
  keep = g_object_ref_sink (GTK_WIDGET (editor));
  {
    g_autoptr (GFile) f = g_file_new_for_path (pdf);
    g_autoptr (GFile) g = g_file_new_for_path (xml);
    dokus_invoice_editor_export_to_async (editor, f, TRUE);
    dokus_invoice_editor_export_to_async (editor, g, FALSE);
  }
  /* nothing is written before the main loop runs: the work is on the worker */
  ck_assert (!dokus_platform_path_exists (pdf));
  ck_assert_msg (dokus_gui_test_wait (file_written, &want_pdf, 20000), "no PDF");
  ck_assert_msg (dokus_gui_test_wait (file_written, &want_xml, 20000), "no UBL");
  gtk_window_destroy (GTK_WINDOW (editor));
  free (pdf);
  free (xml);
}
END_TEST

/* ---- deleting a draft -------------------------------------------------------------------- */

#define SMALL_DRAFT                                                                               \
  "{'client': '%s', 'lines': [{'description': 'Audit', 'quantity': '1', 'unit_price': '100', "   \
  "'vat_rate': '21'}]}"

/* the confirmation dialog shown over @editor, or NULL */
static AdwMessageDialog *
find_message_dialog (DokusInvoiceEditor *editor)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w))
          && gtk_window_get_transient_for (GTK_WINDOW (w)) == GTK_WINDOW (editor))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

/* the button under @w labelled @label, or NULL */
static GtkWidget *
find_button (GtkWidget *w, const char *label)
{
  if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), label) == 0)
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);
      if (found)
        return found;
    }
  return NULL;
}

/* Clicks Delete Draft… and the dialog's button @label, as a user does. */
static void
delete_and_answer (DokusInvoiceEditor *editor, const char *label)
{
  AdwMessageDialog *dialog;

  dokus_gui_test_click (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR, "delete_button"));
  dialog = find_message_dialog (editor);
  ck_assert_msg (dialog != NULL, "no confirmation dialog");
  ck_assert_str_eq (adw_message_dialog_get_heading (dialog), "Delete This Draft?");
  ck_assert_int_eq (adw_message_dialog_get_response_appearance (dialog, "delete"),
                    ADW_RESPONSE_DESTRUCTIVE);
  ck_assert_str_eq (adw_message_dialog_get_default_response (dialog), "cancel");
  ck_assert_str_eq (adw_message_dialog_get_response_label (dialog, "delete"), "_Delete");
  dokus_gui_test_click (find_button (GTK_WIDGET (dialog), label));
}

static DokusStatus
show_status (const char *id)
{
  char *json = NULL;
  DokusStatus st = dokus_document_show (dokus_session_lock (session), id, &json, NULL);

  dokus_session_unlock (session);
  free (json);
  return st;
}

static gboolean
delete_offered (DokusInvoiceEditor *editor)
{
  return gtk_widget_is_visible (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR,
                                                      "delete_button"));
}

START_TEST (test_editor_deletes_a_draft_after_confirming)
{
  char id[DOKUS_ID_TEXT];
  g_autoptr (GtkWidget) keep = NULL;
  g_autoptr (DokusInvoiceModel) list = dokus_invoice_model_new ();
  DokusInvoiceEditor *editor;

  create_draft (SMALL_DRAFT, id);
  dokus_invoice_model_set_session (list, session);
  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (list)), 1);
  editor = open_editor (id);
  keep = g_object_ref_sink (GTK_WIDGET (editor));
  ck_assert (delete_offered (editor));

  delete_and_answer (editor, "_Delete");
  ck_assert_int_eq (show_status (id), DOKUS_ERR_NOT_FOUND);
  /* the list read the book again, and the editor of the deleted draft closed */
  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (list)), 0);
  ck_assert (!gtk_widget_get_visible (GTK_WIDGET (editor)));
  ck_assert_ptr_null (find_message_dialog (editor));
  dokus_invoice_model_set_session (list, NULL);
}
END_TEST

START_TEST (test_editor_keeps_a_draft_when_delete_is_cancelled)
{
  char id[DOKUS_ID_TEXT];
  g_autoptr (GtkWidget) keep = NULL;
  g_autofree char *message = NULL;
  DokusInvoiceEditor *editor;

  create_draft (SMALL_DRAFT, id);
  editor = open_editor (id);
  keep = g_object_ref_sink (GTK_WIDGET (editor));
  delete_and_answer (editor, "_Cancel");
  ck_assert_int_eq (show_status (id), DOKUS_OK);
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (editor)));
  ck_assert_ptr_null (find_message_dialog (editor));
  message = dokus_invoice_editor_dup_message (editor);
  ck_assert_str_eq (message, "");
  gtk_window_destroy (GTK_WINDOW (editor));
}
END_TEST

START_TEST (test_editor_offers_delete_for_saved_drafts_only)
{
  char id[DOKUS_ID_TEXT];
  g_autoptr (GtkWidget) keep_new = NULL;
  g_autoptr (GtkWidget) keep_issued = NULL;
  DokusInvoiceEditor *editor;
  DokusIssueResult issued = { 0 };
  DokusError err = { 0 };

  /* a new invoice: nothing to delete until it is saved */
  editor = open_editor (NULL);
  keep_new = g_object_ref_sink (GTK_WIDGET (editor));
  ck_assert (!delete_offered (editor));
  dokus_gui_test_type (dokus_invoice_editor_get_line_widget (editor, 0, "description"), "Audit");
  dokus_gui_test_type (dokus_invoice_editor_get_line_widget (editor, 0, "quantity"), "1");
  dokus_gui_test_type (dokus_invoice_editor_get_line_widget (editor, 0, "unit_price"), "100");
  save (editor);
  ck_assert (delete_offered (editor));
  gtk_window_destroy (GTK_WINDOW (editor));

  /* an issued invoice is never deleted: it has no such action */
  create_draft (SMALL_DRAFT, id);
  ck_assert_msg (dokus_document_issue (dokus_session_lock (session), id, &issued, &err) == DOKUS_OK,
                 "%s", err.message);
  dokus_session_unlock (session);
  editor = open_editor (id);
  keep_issued = g_object_ref_sink (GTK_WIDGET (editor));
  ck_assert (!delete_offered (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
}
END_TEST

START_TEST (test_editor_pauses_delete_while_the_book_is_held)
{
  char id[DOKUS_ID_TEXT];
  g_autoptr (GtkWidget) keep = NULL;
  g_autofree char *message = NULL;
  DokusInvoiceEditor *editor;
  GtkWidget *button;
  gint release = 0;

  create_draft (SMALL_DRAFT, id);
  editor = open_editor (id);
  keep = g_object_ref_sink (GTK_WIDGET (editor));
  button = dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR, "delete_button");
  /* the dialog is open when a sync takes the book: confirming then deletes nothing */
  dokus_gui_test_click (button);
  dokus_gui_test_hold_book (session, &release);
  dokus_gui_test_iterate ();
  ck_assert (dokus_session_is_busy (session));
  ck_assert (!gtk_widget_is_sensitive (button));
  dokus_gui_test_click (find_button (GTK_WIDGET (find_message_dialog (editor)), "_Delete"));
  message = dokus_invoice_editor_dup_message (editor);
  ck_assert_msg (strstr (message, "paused") != NULL, "%s", message);
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_atomic_int_set (&release, 1);
  ck_assert (dokus_gui_test_wait_idle (session, 10000));
  ck_assert_int_eq (show_status (id), DOKUS_OK);
  ck_assert (gtk_widget_is_sensitive (button));
  gtk_window_destroy (GTK_WINDOW (editor));
}
END_TEST

static Suite *
editor_suite (void)
{
  Suite *s = suite_create ("gui-editor");
  TCase *drafts = tcase_create ("drafts");
  TCase *delete = tcase_create ("delete");

  tcase_add_checked_fixture (drafts, setup, teardown);
  tcase_add_test (drafts, test_editor_keeps_every_field_of_a_draft);
  tcase_add_test (drafts, test_editor_keeps_payment_terms_until_a_due_date_is_typed);
  tcase_add_test (drafts, test_editor_refuses_a_bad_due_date_and_discount);
  tcase_add_test (drafts, test_editor_exports_off_the_main_loop);
  suite_add_tcase (s, drafts);
  tcase_add_checked_fixture (delete, setup, teardown);
  tcase_add_test (delete, test_editor_deletes_a_draft_after_confirming);
  tcase_add_test (delete, test_editor_keeps_a_draft_when_delete_is_cancelled);
  tcase_add_test (delete, test_editor_offers_delete_for_saved_drafts_only);
  tcase_add_test (delete, test_editor_pauses_delete_while_the_book_is_held);
  suite_add_tcase (s, delete);
  return s;
}

int
main (void)
{
  return dokus_gui_test_run (editor_suite ());
}

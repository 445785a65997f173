/* check-gui.c
 *
 * Suite "gui": the desktop application driven through its widgets under
 * Xvfb, then the book checked with libdokus. A user creates a book, reads
 * the recovery key, fills the profile (the live validation refuses a bad
 * enterprise number), adds a client, writes an invoice (live totals per
 * VAT rate, an inline message for a bad quantity), issues it, records a
 * payment; a wrong passphrase is refused with a clear message and the
 * recovery key opens the book with a new passphrase.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-client-dialog.h"
#include "dokus-client-list.h"
#include "dokus-expense-dialog.h"
#include "dokus-expense-list.h"
#include "dokus-gui-test-util.h"
#include "dokus-invoice-editor.h"
#include "dokus-setup-dialog.h"
#include "dokus-test-helpers.h"
#include "dokus-unlock-page.h"
#include "dokus-window.h"

static gboolean
has_session (gpointer window)
{
  return dokus_window_get_session (window) != NULL;
}

static gboolean
dialog_is_gone (gpointer pointer)
{
  return *(GtkWindow **) pointer == NULL;
}

static gboolean
label_is_shown (gpointer label)
{
  return gtk_widget_get_visible (label) && gtk_label_get_text (label)[0] != '\0';
}

static gboolean
has_last_dialog (gpointer window)
{
  return dokus_window_get_last_dialog (window) != NULL;
}

static DokusWindow *
new_window (void)
{
  DokusWindow *w = dokus_window_new (NULL);

  gtk_window_present (GTK_WINDOW (w));
  dokus_gui_test_iterate ();
  return w;
}

/* Clicks @button of @dialog and waits for the dialog to close. */
static void
click_and_wait_closed (GtkWindow *dialog, GtkWidget *button)
{
  GtkWindow *watch = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &watch);
  dokus_gui_test_click (button);
  ck_assert_msg (dokus_gui_test_wait (dialog_is_gone, &watch, 10000), "the dialog stayed open");
}

static char *
editor_totals (DokusInvoiceEditor *editor)
{
  dokus_gui_test_iterate ();
  return dokus_invoice_editor_dup_totals_text (editor);
}

START_TEST (test_gui_creates_book_and_issues_invoice)
{
  char *dir = dokus_test_tmpdir_new ();
  char *path = dokus_test_path (dir, "shop.dokus");
  DokusWindow *window = new_window ();
  GtkWidget *unlock = dokus_gui_test_child (window, DOKUS_TYPE_WINDOW, "unlock_page");
  GtkWindow *setup, *client_dialog;
  DokusInvoiceEditor *editor;
  GtkWidget *w;
  g_autofree char *totals = NULL, *message = NULL;
  DokusBook *book = NULL;
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *list, *doc, *clients;

  /* create the book */
  dokus_unlock_page_ask_new_book (DOKUS_UNLOCK_PAGE (unlock), path);
  dokus_gui_test_type (dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE,
                                             "create_passphrase_entry"), "short");
  dokus_gui_test_type (dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE,
                                             "create_confirm_entry"), "short");
  dokus_gui_test_click (dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE, "create_button"));
  w = dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE, "create_error_label");
  ck_assert (label_is_shown (w));
  ck_assert (!dokus_platform_path_exists (path)); /* too short: nothing made */
  dokus_gui_test_type (dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE,
                                             "create_passphrase_entry"), "correct horse battery");
  dokus_gui_test_type (dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE,
                                             "create_confirm_entry"), "correct horse battery");
  dokus_gui_test_click (dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE, "create_button"));
  ck_assert_msg (dokus_gui_test_wait (has_session, window, 20000), "the book was not created");
  ck_assert (dokus_platform_path_exists (path));

  /* the assistant: the recovery key, once */
  setup = dokus_window_get_last_dialog (window);
  ck_assert (DOKUS_IS_SETUP_DIALOG (setup));
  w = dokus_gui_test_child (setup, DOKUS_TYPE_SETUP_DIALOG, "recovery_key_label");
  ck_assert_int_ge (strlen (gtk_label_get_text (GTK_LABEL (w))), 20);
  dokus_gui_test_click (dokus_gui_test_child (setup, DOKUS_TYPE_SETUP_DIALOG,
                                              "recovery_done_button"));
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (w)), ""); /* not kept on screen */

  /* the profile, with live validation */
  dokus_gui_test_type (dokus_gui_test_child (setup, DOKUS_TYPE_SETUP_DIALOG, "name_row"),
                       "Studio Peeters BV");
  dokus_gui_test_type (dokus_gui_test_child (setup, DOKUS_TYPE_SETUP_DIALOG, "enterprise_row"),
                       "0417.497.107"); /* the check digits are 06 */
  w = dokus_gui_test_child (setup, DOKUS_TYPE_SETUP_DIALOG, "save_button");
  ck_assert (!gtk_widget_is_sensitive (w));
  ck_assert (gtk_widget_has_css_class (dokus_gui_test_child (setup, DOKUS_TYPE_SETUP_DIALOG,
                                                             "enterprise_row"), "error"));
  ck_assert_ptr_nonnull (strstr (gtk_label_get_text (GTK_LABEL (dokus_gui_test_child (
                                   setup, DOKUS_TYPE_SETUP_DIALOG, "message_label"))),
                                 "enterprise number"));
  dokus_gui_test_type (dokus_gui_test_child (setup, DOKUS_TYPE_SETUP_DIALOG, "enterprise_row"),
                       "0417.497.106");
  dokus_gui_test_type (dokus_gui_test_child (setup, DOKUS_TYPE_SETUP_DIALOG, "iban_row"),
                       "BE68 5390 0754 7035"); /* one digit off */
  ck_assert (!gtk_widget_is_sensitive (w));
  dokus_gui_test_type (dokus_gui_test_child (setup, DOKUS_TYPE_SETUP_DIALOG, "iban_row"),
                       "BE68 5390 0754 7034");
  dokus_gui_test_type (dokus_gui_test_child (setup, DOKUS_TYPE_SETUP_DIALOG, "city_row"),
                       "Leuven");
  ck_assert (gtk_widget_is_sensitive (w));
  click_and_wait_closed (setup, w);

  /* a client, invoiced in French */
  dokus_window_show_view (window, "clients");
  dokus_client_list_add_client (DOKUS_CLIENT_LIST (
    dokus_window_get_view (window, "clients")));
  client_dialog = dokus_window_get_last_dialog (window);
  ck_assert (DOKUS_IS_CLIENT_DIALOG (client_dialog));
  dokus_gui_test_type (dokus_gui_test_child (client_dialog, DOKUS_TYPE_CLIENT_DIALOG, "name_row"),
                       "Atelier Lumière SRL");
  dokus_gui_test_type (dokus_gui_test_child (client_dialog, DOKUS_TYPE_CLIENT_DIALOG, "vat_row"),
                       "BE 0203.201.340");
  dokus_gui_test_type (dokus_gui_test_child (client_dialog, DOKUS_TYPE_CLIENT_DIALOG,
                                             "street_row"), "Rue Haute 48");
  dokus_gui_test_type (dokus_gui_test_child (client_dialog, DOKUS_TYPE_CLIENT_DIALOG,
                                             "postal_code_row"), "1000");
  dokus_gui_test_type (dokus_gui_test_child (client_dialog, DOKUS_TYPE_CLIENT_DIALOG, "city_row"),
                       "Bruxelles");
  adw_combo_row_set_selected (ADW_COMBO_ROW (dokus_gui_test_child (
                                client_dialog, DOKUS_TYPE_CLIENT_DIALOG, "language_row")),
                              2 /* French */);
  click_and_wait_closed (client_dialog, dokus_gui_test_child (client_dialog,
                                                             DOKUS_TYPE_CLIENT_DIALOG,
                                                             "save_button"));
  ck_assert_uint_eq (dokus_client_list_get_n_shown (DOKUS_CLIENT_LIST (
                       dokus_window_get_view (window, "clients"))), 1);

  /* activating the client's row edits it */
  {
    GtkWidget *client_view = dokus_window_get_view (window, "clients");
    GtkListBox *rows = GTK_LIST_BOX (dokus_gui_test_child (client_view, DOKUS_TYPE_CLIENT_LIST,
                                                           "list"));
    g_signal_emit_by_name (rows, "row-activated", gtk_list_box_get_row_at_index (rows, 0));
    client_dialog = dokus_window_get_last_dialog (window);
    ck_assert (DOKUS_IS_CLIENT_DIALOG (client_dialog));
    ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (dokus_gui_test_child (
                        client_dialog, DOKUS_TYPE_CLIENT_DIALOG, "name_row"))),
                      "Atelier Lumière SRL");
    dokus_gui_test_type (dokus_gui_test_child (client_dialog, DOKUS_TYPE_CLIENT_DIALOG,
                                               "email_row"), "compta@lumiere.example");
    click_and_wait_closed (client_dialog, dokus_gui_test_child (client_dialog,
                                                               DOKUS_TYPE_CLIENT_DIALOG,
                                                               "save_button"));
  }

  /* an expense with a receipt, dropped on the expenses view */
  {
    char *receipt = dokus_test_path (dir, "phone-bill.pdf");
    GFile *file = g_file_new_for_path (receipt);
    GList *files = g_list_append (NULL, file);
    GtkWindow *expense;

    ck_assert (dokus_test_write_file (receipt, (const unsigned char *) "%PDF-1.4 bill", 13));
    dokus_window_show_view (window, "expenses");
    dokus_expense_list_new_expense (DOKUS_EXPENSE_LIST (
      dokus_window_get_view (window, "expenses")), files);
    expense = dokus_window_get_last_dialog (window);
    ck_assert (DOKUS_IS_EXPENSE_DIALOG (expense));
    ck_assert_uint_eq (dokus_expense_dialog_get_n_receipts (DOKUS_EXPENSE_DIALOG (expense)), 1);
    dokus_gui_test_type (dokus_gui_test_child (expense, DOKUS_TYPE_EXPENSE_DIALOG,
                                               "supplier_row"), "Telenet BV");
    dokus_gui_test_type (dokus_gui_test_child (expense, DOKUS_TYPE_EXPENSE_DIALOG, "date_row"),
                         "02/11/2026");
    dokus_gui_test_type (dokus_gui_test_child (expense, DOKUS_TYPE_EXPENSE_DIALOG,
                                               "category_row"), "telecom");
    dokus_gui_test_type (dokus_gui_test_child (expense, DOKUS_TYPE_EXPENSE_DIALOG, "base_row"),
                         "50.00");
    dokus_gui_test_type (dokus_gui_test_child (expense, DOKUS_TYPE_EXPENSE_DIALOG, "vat_row"),
                         "10.50");
    click_and_wait_closed (expense, dokus_gui_test_child (expense, DOKUS_TYPE_EXPENSE_DIALOG,
                                                          "save_button"));
    g_list_free (files);
    g_object_unref (file);
    free (receipt);
  }

  /* the invoice: live totals per VAT rate, inline messages */
  dokus_window_new_invoice (window);
  ck_assert (dokus_gui_test_wait (has_last_dialog, window, 1000));
  editor = DOKUS_INVOICE_EDITOR (dokus_window_get_last_dialog (window));
  ck_assert_uint_eq (dokus_invoice_editor_get_n_lines (editor), 1);
  dokus_gui_test_type (dokus_invoice_editor_get_line_widget (editor, 0, "description"),
                       "Website design");
  dokus_gui_test_type (dokus_invoice_editor_get_line_widget (editor, 0, "quantity"), "abc");
  dokus_gui_test_type (dokus_invoice_editor_get_line_widget (editor, 0, "unit_price"), "80");
  message = dokus_invoice_editor_dup_message (editor);
  ck_assert_str_eq (message, "Line 1: the quantity is not a number with at most 4 decimals.");
  ck_assert (gtk_widget_has_css_class (dokus_invoice_editor_get_line_widget (editor, 0,
                                                                             "quantity"),
                                       "error"));
  dokus_gui_test_type (dokus_invoice_editor_get_line_widget (editor, 0, "quantity"), "12.5");
  /* 12.5 × 80.00 = 1000.00; VAT 21 % = 210.00; total 1210.00 */
  totals = editor_totals (editor);
  ck_assert_str_eq (totals, "Total excluding VAT\t€1,000.00\n"
                            "VAT 21 % on €1,000.00\t€210.00\n"
                            "Total\t€1,210.00\n");
  dokus_gui_test_click (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR,
                                              "add_line_button"));
  dokus_gui_test_type (dokus_invoice_editor_get_line_widget (editor, 1, "description"),
                       "Hosting, one month");
  dokus_gui_test_type (dokus_invoice_editor_get_line_widget (editor, 1, "quantity"), "1");
  dokus_gui_test_type (dokus_invoice_editor_get_line_widget (editor, 1, "unit_price"), "19.99");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dokus_invoice_editor_get_line_widget (editor, 1,
                                                                                   "vat")),
                              2 /* 6 % */);
  g_free (totals);
  /* 19.99 at 6 %: 1.1994 -> 1.20; excl. 1000.00 + 19.99 = 1019.99;
   * total 1019.99 + 210.00 + 1.20 = 1231.19 */
  totals = editor_totals (editor);
  ck_assert_str_eq (totals, "Total excluding VAT\t€1,019.99\n"
                            "VAT 21 % on €1,000.00\t€210.00\n"
                            "VAT 6 % on €19.99\t€1.20\n"
                            "Total\t€1,231.19\n");
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (dokus_invoice_editor_get_line_widget (
                      editor, 1, "net"))), "€19.99");
  dokus_gui_test_click (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR, "issue_button"));
  g_free (message);
  message = dokus_invoice_editor_dup_message (editor);
  ck_assert_str_eq (message, "");
  ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (editor)), "Invoice 2026-0001");
  ck_assert (!gtk_widget_get_visible (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR,
                                                            "issue_button")));

  /* a payment of part of it, typed in the form */
  dokus_gui_test_click (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR,
                                              "payment_button"));
  dokus_gui_test_type (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR,
                                             "payment_amount_row"), "1,000.00");
  dokus_gui_test_type (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR,
                                             "payment_date_row"), "30/11/2026");
  dokus_gui_test_click (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR,
                                              "payment_confirm_button"));
  /* 1231.19 - 1000.00 = 231.19 open */
  ck_assert_str_eq (adw_action_row_get_subtitle (ADW_ACTION_ROW (dokus_gui_test_child (
                      editor, DOKUS_TYPE_INVOICE_EDITOR, "open_row"))), "€231.19");
  /* PDF and UBL of the issued invoice, as the export buttons write them */
  {
    char *pdf_path = dokus_test_path (dir, "invoice.pdf");
    char *xml_path = dokus_test_path (dir, "invoice.xml");
    g_autoptr (GFile) pdf = g_file_new_for_path (pdf_path);
    g_autoptr (GFile) xml = g_file_new_for_path (xml_path);
    g_autoptr (GError) error = NULL;

    ck_assert_msg (dokus_invoice_editor_export_to (editor, pdf, TRUE, &error), "PDF: %s",
                   error ? error->message : "");
    ck_assert_msg (dokus_invoice_editor_export_to (editor, xml, FALSE, &error), "UBL: %s",
                   error ? error->message : "");
    ck_assert (dokus_test_file_contains (pdf_path, "%PDF-"));
    ck_assert (dokus_test_file_contains (xml_path, "<cbc:ID>2026-0001</cbc:ID>"));
    free (pdf_path);
    free (xml_path);
  }

  /* sent via Peppol: queued until the next sync, and the editor says so */
  dokus_gui_test_click (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR, "peppol_button"));
  g_free (message);
  message = dokus_invoice_editor_dup_message (editor);
  ck_assert_str_eq (message, "");
  ck_assert_str_eq (adw_action_row_get_subtitle (ADW_ACTION_ROW (dokus_gui_test_child (
                      editor, DOKUS_TYPE_INVOICE_EDITOR, "peppol_row"))), "Waiting to be sent");
  ck_assert (!gtk_widget_get_visible (dokus_gui_test_child (editor, DOKUS_TYPE_INVOICE_EDITOR,
                                                            "peppol_button")));

  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
  dokus_gui_test_iterate ();

  /* the ledger, read with libdokus */
  ck_assert_int_eq (dokus_book_open (path, "correct horse battery", &book, &err), DOKUS_OK);
  ck_assert_int_eq (dokus_document_list (book, NULL, NULL, NULL, &json, &err), DOKUS_OK);
  list = cJSON_Parse (json);
  free (json);
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (list, "invoices")), 1);
  doc = cJSON_GetArrayItem (cJSON_GetObjectItem (list, "invoices"), 0);
  ck_assert_str_eq (cJSON_GetObjectItem (doc, "number")->valuestring, "2026-0001");
  ck_assert_str_eq (cJSON_GetObjectItem (doc, "status")->valuestring, "partially_paid");
  ck_assert_str_eq (cJSON_GetObjectItem (doc, "tax_inclusive_amount")->valuestring, "1231.19");
  ck_assert_str_eq (cJSON_GetObjectItem (doc, "open_amount")->valuestring, "231.19");
  ck_assert_str_eq (cJSON_GetObjectItem (cJSON_GetObjectItem (doc, "client"), "name")->valuestring,
                    "Atelier Lumière SRL");
  cJSON_Delete (list);
  ck_assert_int_eq (dokus_document_show (book, "2026-0001", &json, &err), DOKUS_OK);
  doc = cJSON_Parse (json);
  free (json);
  ck_assert_str_eq (cJSON_GetObjectItem (doc, "language")->valuestring, "fr");
  ck_assert_str_eq (cJSON_GetObjectItem (doc, "issue_date")->valuestring, "2026-11-25");
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (doc, "lines")), 2);
  ck_assert_str_eq (cJSON_GetObjectItem (cJSON_GetArrayItem (cJSON_GetObjectItem (doc, "lines"),
                                                             0), "quantity")->valuestring,
                    "12.5");
  cJSON_Delete (doc);
  ck_assert_int_eq (dokus_profile_get (book, &json, &err), DOKUS_OK);
  doc = cJSON_Parse (json);
  free (json);
  ck_assert_str_eq (cJSON_GetObjectItem (doc, "name")->valuestring, "Studio Peeters BV");
  ck_assert_str_eq (cJSON_GetObjectItem (doc, "enterprise_number")->valuestring, "0417497106");
  ck_assert_str_eq (cJSON_GetObjectItem (doc, "iban")->valuestring, "BE68539007547034");
  cJSON_Delete (doc);
  ck_assert_int_eq (dokus_client_list (book, false, &json, &err), DOKUS_OK);
  clients = cJSON_Parse (json);
  free (json);
  doc = cJSON_GetArrayItem (cJSON_GetObjectItem (clients, "clients"), 0);
  ck_assert_str_eq (cJSON_GetObjectItem (doc, "vat_number")->valuestring, "BE0203201340");
  ck_assert_str_eq (cJSON_GetObjectItem (doc, "language")->valuestring, "fr");
  ck_assert_str_eq (cJSON_GetObjectItem (doc, "email")->valuestring, "compta@lumiere.example");
  ck_assert_int_eq (cJSON_GetArraySize (cJSON_GetObjectItem (clients, "clients")), 1);
  cJSON_Delete (clients);
  ck_assert_int_eq (dokus_expense_list (book, NULL, NULL, &json, &err), DOKUS_OK);
  list = cJSON_Parse (json);
  free (json);
  doc = cJSON_GetArrayItem (cJSON_GetObjectItem (list, "expenses"), 0);
  ck_assert_ptr_nonnull (doc);
  /* 50.00 + 10.50 VAT on the bill = 60.50 paid to the supplier */
  ck_assert_str_eq (cJSON_GetObjectItem (doc, "total_amount")->valuestring, "60.50");
  ck_assert_str_eq (cJSON_GetObjectItem (doc, "date")->valuestring, "2026-11-02");
  ck_assert_str_eq (cJSON_GetObjectItem (cJSON_GetArrayItem (cJSON_GetObjectItem (doc, "receipts"),
                                                             0), "filename")->valuestring,
                    "phone-bill.pdf");
  cJSON_Delete (list);
  {
    DokusPeppolTransmission tx;
    ck_assert_int_eq (dokus_peppol_outbox_get (book, "2026-0001", &tx, &err), DOKUS_OK);
    ck_assert_int_eq (tx.state, DOKUS_PEPPOL_QUEUED);
  }
  dokus_book_close (book);
  free (path);
  dokus_test_tmpdir_free (dir);
}
END_TEST

START_TEST (test_gui_wrong_passphrase_then_recovery)
{
  char *dir = dokus_test_tmpdir_new ();
  char *path = dokus_test_path (dir, "locked.dokus");
  char *recovery = NULL;
  DokusBook *book = dokus_test_book_create (path, "the right one", &recovery);
  DokusWindow *window = new_window ();
  GtkWidget *unlock = dokus_gui_test_child (window, DOKUS_TYPE_WINDOW, "unlock_page");
  GtkWidget *error_label = dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE, "error_label");
  DokusError err = { 0 };

  dokus_book_close (book);
  book = NULL;
  dokus_window_open_book (window, path);
  dokus_gui_test_type (dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE, "passphrase_entry"),
                       "the wrong one");
  dokus_gui_test_click (dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE, "unlock_button"));
  ck_assert_msg (dokus_gui_test_wait (label_is_shown, error_label, 20000), "no message shown");
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (error_label)),
                    "The passphrase is wrong. Check it and try again, or use your recovery key.");
  ck_assert_ptr_null (dokus_window_get_session (window));
  ck_assert (gtk_widget_get_visible (dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE,
                                                           "recover_button")));

  /* a recovery key with a typo is told apart from a wrong one */
  dokus_gui_test_click (dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE, "recover_button"));
  {
    g_autofree char *typo = g_strdup (recovery);
    typo[0] = typo[0] == 'A' ? 'B' : 'A';
    dokus_gui_test_type (dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE,
                                               "recovery_key_entry"), typo);
  }
  dokus_gui_test_type (dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE,
                                             "new_passphrase_entry"), "a brand new one");
  gtk_label_set_text (GTK_LABEL (error_label), "");
  dokus_gui_test_click (dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE,
                                              "recover_confirm_button"));
  ck_assert (dokus_gui_test_wait (label_is_shown, error_label, 20000));
  ck_assert_ptr_null (dokus_window_get_session (window));

  dokus_gui_test_type (dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE,
                                             "recovery_key_entry"), recovery);
  dokus_gui_test_click (dokus_gui_test_child (unlock, DOKUS_TYPE_UNLOCK_PAGE,
                                              "recover_confirm_button"));
  ck_assert_msg (dokus_gui_test_wait (has_session, window, 20000), "recovery did not open it");
  /* the book is now first among the recent books of the start page */
  {
    g_autoptr (GSettings) settings = g_settings_new ("be.dokus.Dokus");
    g_auto (GStrv) recent = g_settings_get_strv (settings, "recent-books");
    ck_assert_ptr_nonnull (recent[0]);
    ck_assert_str_eq (recent[0], path);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  dokus_gui_test_iterate ();

  /* the new passphrase opens it, the old one no longer does */
  ck_assert_int_eq (dokus_book_open (path, "the right one", &book, &err),
                    DOKUS_ERR_BAD_PASSPHRASE);
  ck_assert_int_eq (dokus_book_open (path, "a brand new one", &book, &err), DOKUS_OK);
  dokus_book_close (book);
  dokus_secret_free (recovery);
  free (path);
  dokus_test_tmpdir_free (dir);
}
END_TEST

static Suite *
gui_suite (void)
{
  Suite *s = suite_create ("gui");
  TCase *smoke = tcase_create ("smoke");
  TCase *unlock = tcase_create ("unlock");

  tcase_add_test (smoke, test_gui_creates_book_and_issues_invoice);
  tcase_add_test (unlock, test_gui_wrong_passphrase_then_recovery);
  suite_add_tcase (s, smoke);
  suite_add_tcase (s, unlock);
  return s;
}

int
main (void)
{
  return dokus_gui_test_run (gui_suite ());
}

/* check-gui-large.c
 *
 * Suite "gui", case "large": the invoices view on a book of 20 000
 * invoices made by dokus-bench-ledger (its path is the first argument).
 * The model reports every matching document without reading them, a far
 * row is fetched on demand, scrolling to the end of the list works and
 * reads only the pages it shows, and sorting by a column header sends the
 * order to the ledger.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-dashboard.h"
#include "dokus-gui-test-util.h"
#include "dokus-invoice-list.h"
#include "dokus-test-helpers.h"
#include "dokus-unlock-page.h"
#include "dokus-window.h"

#define INVOICES 20000

static const char *generator;

/* The overview has read its figures (on the worker, after the first frame) and no job holds
 * the book. */
static gboolean
book_idle (gpointer window)
{
  return !dokus_dashboard_is_loading (DOKUS_DASHBOARD (dokus_window_get_view (window,
                                                                               "dashboard")))
         && !dokus_session_is_busy (dokus_window_get_session (window));
}

static gboolean
has_session (gpointer window)
{
  return dokus_window_get_session (window) != NULL;
}

static guint all_rows;

static gboolean
laid_out (gpointer adj)
{
  return gtk_adjustment_get_upper (adj) > 0;
}

static gboolean
narrowed (gpointer model)
{
  guint n = g_list_model_get_n_items (model);
  return n >= 1 && n < all_rows;
}

/* The total and the first row's id of a query, from libdokus itself. */
static gint64
ledger_total (DokusBook *book, const char *sort, gboolean descending, char first[64])
{
  DokusDocumentQuery q = { .sort = sort, .descending = descending, .limit = 1 };
  DokusError err = { 0 };
  char *json = NULL;
  cJSON *o, *row;
  gint64 total;

  ck_assert_int_eq (dokus_document_query (book, &q, &json, &err), DOKUS_OK);
  o = cJSON_Parse (json);
  free (json);
  total = (gint64) cJSON_GetObjectItem (o, "total")->valuedouble;
  row = cJSON_GetArrayItem (cJSON_GetObjectItem (o, "invoices"), 0);
  g_strlcpy (first, cJSON_GetObjectItem (row, "id")->valuestring, 64);
  cJSON_Delete (o);
  return total;
}

START_TEST (test_gui_list_scrolls_a_large_book)
{
  char *dir = dokus_test_tmpdir_new ();
  char *path = dokus_test_path (dir, "large.dokus");
  g_autofree char *cmd = g_strdup_printf ("'%s' --book '%s' --invoices %d --clients 300 "
                                          "--purchases 0 --years 3 --today 2026-11-20 "
                                          "--repeat 1 --only none > '%s/gen.log' 2>&1",
                                          generator, path, INVOICES, dir);
  DokusWindow *window;
  GtkWidget *unlock, *list, *view, *scrolled;
  DokusInvoiceModel *model;
  DokusBook *book = NULL;
  DokusError err = { 0 };
  GtkAdjustment *adj;
  GListModel *columns;
  char first_id[64], last_id[64], searched[64];
  gint64 total;
  guint n, pages_before;
  gint64 t0;

  ck_assert_msg (system (cmd) == 0, "dokus-bench-ledger failed: see %s/gen.log", dir);
  ck_assert_int_eq (dokus_book_open (path, "bench", &book, &err), DOKUS_OK);
  total = ledger_total (book, NULL, FALSE, searched);
  ck_assert_int_ge (total, INVOICES);
  ledger_total (book, "number", FALSE, first_id);
  ledger_total (book, "number", TRUE, last_id);
  dokus_book_close (book);

  window = dokus_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  unlock = dokus_gui_test_child (window, DOKUS_TYPE_WINDOW, "unlock_page");
  dokus_window_open_book (window, path);
  dokus_unlock_page_unlock_with (DOKUS_UNLOCK_PAGE (unlock), "bench");
  ck_assert (dokus_gui_test_wait (has_session, window, 30000));
  dokus_window_show_view (window, "invoices");
  /* the overview's figures are read on the worker: the list reads the book once they are in */
  ck_assert (dokus_gui_test_wait (book_idle, window, 30000));
  dokus_gui_test_iterate ();

  list = dokus_window_get_view (window, "invoices");
  model = dokus_invoice_list_get_model (DOKUS_INVOICE_LIST (list));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  ck_assert_int_eq ((gint64) n, total);
  /* the count came with the first page; the rows shown need a page or two, not all of them */
  ck_assert_uint_le (dokus_invoice_model_get_pages_fetched (model), 4);

  /* a far row, fetched on demand */
  {
    g_autoptr (DokusInvoiceItem) far = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
    g_autoptr (DokusInvoiceItem) beyond = g_list_model_get_item (G_LIST_MODEL (model), n);
    ck_assert_ptr_nonnull (far);
    ck_assert_ptr_null (beyond);
    ck_assert_str_ne (dokus_invoice_item_get_id (far), "");
  }

  /* scroll to the end and back: rows are made for what is shown */
  scrolled = dokus_gui_test_child (list, DOKUS_TYPE_INVOICE_LIST, "scrolled");
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  dokus_gui_test_wait (laid_out, adj, 10000); /* the first frame allocates the list */
  ck_assert_msg (gtk_adjustment_get_upper (adj) > 10 * gtk_adjustment_get_page_size (adj),
                 "the list is not scrollable: upper %g, page %g", gtk_adjustment_get_upper (adj),
                 gtk_adjustment_get_page_size (adj));
  pages_before = dokus_invoice_model_get_pages_fetched (model);
  t0 = g_get_monotonic_time ();
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  dokus_gui_test_iterate ();
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) / 2);
  dokus_gui_test_iterate ();
  ck_assert_uint_le (dokus_invoice_model_get_pages_fetched (model) - pages_before, 8);
  ck_assert_msg (g_get_monotonic_time () - t0 < 5 * G_USEC_PER_SEC, "scrolling took %.1f s",
                 (double) (g_get_monotonic_time () - t0) / G_USEC_PER_SEC);

  /* sort by number through the column header: the ledger's first and last numbers */
  view = dokus_gui_test_child (list, DOKUS_TYPE_INVOICE_LIST, "column_view");
  columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  {
    g_autoptr (GtkColumnViewColumn) number_col = g_list_model_get_item (columns, 0);
    g_autoptr (DokusInvoiceItem) first = NULL;
    g_autoptr (DokusInvoiceItem) last = NULL;

    gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), number_col, GTK_SORT_ASCENDING);
    dokus_gui_test_iterate ();
    first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    ck_assert_str_eq (dokus_invoice_item_get_id (first), first_id);
    gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), number_col, GTK_SORT_DESCENDING);
    dokus_gui_test_iterate ();
    last = g_list_model_get_item (G_LIST_MODEL (model), 0);
    ck_assert_str_eq (dokus_invoice_item_get_id (last), last_id);
    g_strlcpy (searched, dokus_invoice_item_get_number (last), sizeof searched);
  }

  /* a search for the last number narrows the list to that document */
  dokus_gui_test_type (dokus_gui_test_child (list, DOKUS_TYPE_INVOICE_LIST, "search_entry"),
                       searched);
  /* the search entry waits a moment before it says the text changed */
  all_rows = n;
  ck_assert (dokus_gui_test_wait (narrowed, model, 5000));
  {
    gboolean found = FALSE;
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)) && !found; i++)
      {
        g_autoptr (DokusInvoiceItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
        found = g_strcmp0 (dokus_invoice_item_get_id (item), last_id) == 0;
      }
    ck_assert_msg (found, "the search for %s did not find it", searched);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  dokus_gui_test_iterate ();
  free (path);
  dokus_test_tmpdir_free (dir);
}
END_TEST

int
main (int argc, char **argv)
{
  Suite *s = suite_create ("gui");
  TCase *tc = tcase_create ("large");
  SRunner *sr;
  int failed;

  if (argc < 2)
    {
      fprintf (stderr, "usage: check-gui-large PATH/TO/dokus-bench-ledger\n");
      return 2;
    }
  generator = argv[1];
  dokus_gui_test_init ();
  tcase_add_test (tc, test_gui_list_scrolls_a_large_book);
  tcase_set_timeout (tc, 600);
  suite_add_tcase (s, tc);
  sr = srunner_create (s);
  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

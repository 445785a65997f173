/* dokus-screenshots.c
 *
 * dokus-screenshots BOOK PASSPHRASE OUTDIR PREFIX: opens BOOK in the
 * desktop application and writes a PNG of each main view (unlock screen,
 * overview, invoices, an invoice in the editor, clients, expenses,
 * reports, settings, and the overview in a narrow window) as
 * OUTDIR/PREFIX-VIEW.png, taken with ImageMagick's `import -window root`
 * in the Xvfb display it runs in. Used by screenshots.sh, once per
 * language (LANGUAGE=xx).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include "dokus-application.h"
#include "dokus-gui-config.h"
#include "dokus-invoice-editor.h"
#include "dokus-invoice-item.h"
#include "dokus-invoice-list.h"
#include "dokus-unlock-page.h"
#include "dokus-window.h"

static const char *outdir, *prefix;

static gboolean
has_session (DokusWindow *window)
{
  return dokus_window_get_session (window) != NULL;
}

/* Lets the window settle (layout, a few frames), then shoots the screen. */
static void
shoot (const char *name)
{
  gint64 end = g_get_monotonic_time () + 700 * 1000;
  g_autofree char *path = g_strdup_printf ("%s/%s-%s.png", outdir, prefix, name);
  g_autofree char *cmd = g_strdup_printf ("import -window root '%s'", path);
  g_autoptr (GError) error = NULL;
  int status = 0;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  if (!g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error) || status != 0)
    {
      fprintf (stderr, "dokus-screenshots: %s failed: %s\n", cmd,
               error ? error->message : "exit status");
      exit (1);
    }
  printf ("%s\n", path);
}

int
main (int argc, char **argv)
{
  DokusWindow *window;
  GtkWidget *unlock, *list;
  GtkWindow *editor;
  gint64 end;

  if (argc < 5)
    {
      fprintf (stderr, "usage: dokus-screenshots BOOK PASSPHRASE OUTDIR PREFIX\n");
      return 2;
    }
  outdir = argv[3];
  prefix = argv[4];
  dokus_application_init_globals ();
  gtk_init ();
  adw_init ();
  dokus_application_load_style ();
  window = dokus_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  dokus_window_open_book (window, argv[1]);
  shoot ("unlock");

  unlock = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), DOKUS_TYPE_WINDOW,
                                                      "unlock_page"));
  dokus_unlock_page_unlock_with (DOKUS_UNLOCK_PAGE (unlock), argv[2]);
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!has_session (window) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  if (!has_session (window))
    {
      fprintf (stderr, "dokus-screenshots: the book did not open\n");
      return 1;
    }
  shoot ("overview");
  dokus_window_show_view (window, "invoices");
  shoot ("invoices");

  list = dokus_window_get_view (window, "invoices");
  {
    GListModel *model = G_LIST_MODEL (dokus_invoice_list_get_model (DOKUS_INVOICE_LIST (list)));
    g_autoptr (DokusInvoiceItem) item = g_list_model_get_n_items (model) > 1
                                          ? g_list_model_get_item (model, 1)
                                          : NULL;
    if (item)
      {
        editor = GTK_WINDOW (dokus_invoice_editor_new (GTK_WINDOW (window),
                                                       dokus_window_get_session (window),
                                                       dokus_invoice_item_get_id (item)));
        gtk_window_set_default_size (editor, 760, 780);
        gtk_window_present (editor);
        shoot ("invoice");
        gtk_window_destroy (editor);
      }
  }
  dokus_window_new_invoice (window);
  editor = dokus_window_get_last_dialog (window);
  gtk_window_set_default_size (editor, 760, 780);
  shoot ("new-invoice");
  gtk_window_destroy (editor);

  dokus_window_show_view (window, "clients");
  shoot ("clients");
  dokus_window_show_view (window, "expenses");
  shoot ("expenses");
  dokus_window_show_view (window, "reports");
  shoot ("reports");
  dokus_window_show_view (window, "settings");
  shoot ("settings");
  {
    /* the shortcuts window (Ctrl+?), as GtkApplication loads it from gtk/help-overlay.ui */
    g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH
                                                                    "/gtk/help-overlay.ui");
    GtkWindow *help = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

    gtk_window_set_transient_for (help, GTK_WINDOW (window));
    gtk_window_present (help);
    shoot ("shortcuts");
    gtk_window_destroy (help);
  }

  /* the narrowest window the layout supports: 360 px, a phone's width */
  dokus_window_show_view (window, "dashboard");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 760);
  shoot ("narrow");
  dokus_window_show_view (window, "invoices");
  shoot ("narrow-invoices");
  dokus_window_show_view (window, "settings");
  shoot ("narrow-settings");
  dokus_window_new_invoice (window);
  editor = dokus_window_get_last_dialog (window);
  gtk_window_set_default_size (editor, 360, 760);
  shoot ("narrow-new-invoice");
  gtk_window_destroy (editor);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

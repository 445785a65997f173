/* dokus-application.c
 *
 * AdwApplication subclass: windows, command line, about, shortcuts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>
#include <sodium.h>

#include "dokus-application.h"
#include "dokus-gui-resources.h"
#include "dokus-settings-page.h"
#include "dokus-format.h"
#include "dokus-gui-config.h"
#include "dokus-unlock-page.h"
#include "dokus-window.h"

struct _DokusApplication {
  AdwApplication parent_instance;
  char          *pending_book; /* --book, opened by activate */
};

G_DEFINE_FINAL_TYPE (DokusApplication, dokus_application, ADW_TYPE_APPLICATION)

void
dokus_application_init_globals (void)
{
  const char *localedir = g_getenv ("DOKUS_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  dokus_format_style_set_default (dokus_format_style_from_environment ());
  /* referencing the resource keeps its object file, and the constructor that registers it,
   * in the link: nothing else names it */
  (void) dokus_gui_get_resource ();
}

void
dokus_application_load_style (void)
{
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();
  GdkDisplay *display = gdk_display_get_default ();

  gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display),
                                    RESOURCE_PATH "/icons");
}

static void
unlock_from_environment (DokusWindow *window)
{
  const char *pass = g_getenv ("DOKUS_PASSPHRASE");
  GtkWidget *page;

  if (pass == NULL || pass[0] == '\0')
    return;
  page = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), DOKUS_TYPE_WINDOW,
                                                    "unlock_page"));
  dokus_unlock_page_unlock_with (DOKUS_UNLOCK_PAGE (page), pass);
}

static void
dokus_application_activate (GApplication *app)
{
  DokusApplication *self = DOKUS_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (self->pending_book != NULL)
    {
      g_autofree char *path = g_steal_pointer (&self->pending_book);
      DokusWindow *w = dokus_window_new (GTK_APPLICATION (app));
      dokus_window_open_book (w, path);
      gtk_window_present (GTK_WINDOW (w));
      unlock_from_environment (w);
      return;
    }
  if (window == NULL)
    window = GTK_WINDOW (dokus_window_new (GTK_APPLICATION (app)));
  gtk_window_present (window);
}

static void
dokus_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  (void) hint;
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      DokusWindow *window;

      if (path == NULL)
        continue;
      window = dokus_window_new (GTK_APPLICATION (app));
      dokus_window_open_book (window, path);
      gtk_window_present (GTK_WINDOW (window));
      unlock_from_environment (window);
    }
}

static int
dokus_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  g_autofree char *book = NULL;

  if (g_variant_dict_lookup (options, "book", "^ay", &book))
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (book);
      GError *error = NULL;

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          g_error_free (error);
          return 1;
        }
      if (g_application_get_is_remote (app))
        {
          /* another instance runs: it opens the book, this one is done */
          g_application_open (app, &file, 1, "");
          return 0;
        }
      /* this is the instance: activate opens the book once the main loop runs */
      DOKUS_APPLICATION (app)->pending_book = g_file_get_path (file);
      return -1;
    }
  return -1;
}

static void
about_action (GSimpleAction *action, GVariant *param, gpointer app)
{
  const char *developers[] = { "The Dokus developers", NULL };

  (void) action;
  (void) param;
  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (app)),
                         "application-name", _("Dokus"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* TRANSLATORS: your name(s), one per line */
                         "translator-credits", _("translator-credits"),
                         "comments", _("Accounting and Peppol e-invoicing for Belgian freelancers"),
                         NULL);
}

static void
new_window_action (GSimpleAction *action, GVariant *param, gpointer app)
{
  (void) action;
  (void) param;
  gtk_window_present (GTK_WINDOW (dokus_window_new (GTK_APPLICATION (app))));
}

static void
quit_action (GSimpleAction *action, GVariant *param, gpointer app)
{
  (void) action;
  (void) param;
  g_application_quit (G_APPLICATION (app));
}

static void
dokus_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { .name = "about", .activate = about_action },
    { .name = "new-window", .activate = new_window_action },
    { .name = "quit", .activate = quit_action },
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *new_window_accels[] = { "<Control><Shift>n", NULL };
  const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (dokus_application_parent_class)->startup (app);
  dokus_settings_apply_color_scheme ();
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window",
                                         new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
}

static void
dokus_application_finalize (GObject *object)
{
  g_free (DOKUS_APPLICATION (object)->pending_book);
  G_OBJECT_CLASS (dokus_application_parent_class)->finalize (object);
}

static void
dokus_application_class_init (DokusApplicationClass *klass)
{
  GApplicationClass *ac = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = dokus_application_finalize;
  ac->activate = dokus_application_activate;
  ac->open = dokus_application_open;
  ac->startup = dokus_application_startup;
  ac->handle_local_options = dokus_application_handle_local_options;
}

static void
dokus_application_init (DokusApplication *self)
{
  const GOptionEntry options[] = {
    { "book", 'b', 0, G_OPTION_ARG_FILENAME, NULL, N_("Open this book"), N_("FILE") },
    { NULL },
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

DokusApplication *
dokus_application_new (void)
{
  return g_object_new (DOKUS_TYPE_APPLICATION, "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PATH, NULL);
}

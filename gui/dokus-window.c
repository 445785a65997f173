/* dokus-window.c
 *
 * The main window. Keeps its size in GSettings, switches from the unlock
 * page to the views, hands the session to each view, and owns the
 * window actions (new invoice, lock, views by Alt+1..6). Only the
 * overview is in the window's template: the other views are built the
 * first time they are shown (or asked for), so the first frame costs
 * one view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "dokus-client-list.h"
#include "dokus-dashboard.h"
#include "dokus-expense-list.h"
#include "dokus-gui-config.h"
#include "dokus-invoice-editor.h"
#include "dokus-invoice-list.h"
#include "dokus-reports-page.h"
#include "dokus-settings-page.h"
#include "dokus-setup-dialog.h"
#include "dokus-sync-status.h"
#include "dokus-unlock-page.h"
#include "dokus-window.h"

struct _DokusWindow {
  AdwApplicationWindow parent_instance;
  GtkStack            *main_stack;
  DokusUnlockPage     *unlock_page;
  AdwViewStack        *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  DokusSyncStatus     *sync_status;
  DokusDashboard      *dashboard;
  AdwBin              *bins[6];  /* the pages of the views after the overview ([0] unused) */
  GtkWidget           *built[6]; /* those views once built, else NULL ([0] unused) */
  DokusSession        *session;
  GtkWindow           *last_dialog;
  GSettings           *settings;
};

G_DEFINE_FINAL_TYPE (DokusWindow, dokus_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *const views[] = { "dashboard", "invoices", "clients",
                                     "expenses",  "reports",  "settings" };

static void
set_last_dialog (DokusWindow *self, GtkWindow *dialog)
{
  g_set_weak_pointer (&self->last_dialog, dialog);
}

GtkWindow *
dokus_window_get_last_dialog (DokusWindow *self)
{
  return self->last_dialog;
}

static void open_document_cb (DokusInvoiceList *list, const char *id, DokusWindow *self);
static void dialog_opened_cb (GtkWidget *page, GtkWindow *dialog, DokusWindow *self);

static void
view_set_session (GtkWidget *view, DokusSession *session)
{
  if (DOKUS_IS_INVOICE_LIST (view))
    dokus_invoice_list_set_session (DOKUS_INVOICE_LIST (view), session);
  else if (DOKUS_IS_CLIENT_LIST (view))
    dokus_client_list_set_session (DOKUS_CLIENT_LIST (view), session);
  else if (DOKUS_IS_EXPENSE_LIST (view))
    dokus_expense_list_set_session (DOKUS_EXPENSE_LIST (view), session);
  else if (DOKUS_IS_REPORTS_PAGE (view))
    dokus_reports_page_set_session (DOKUS_REPORTS_PAGE (view), session);
  else if (DOKUS_IS_SETTINGS_PAGE (view))
    dokus_settings_page_set_session (DOKUS_SETTINGS_PAGE (view), session);
}

/* Builds view @i (1..5 of views[]) into its page, given the window's book. */
static GtkWidget *
build_view (DokusWindow *self, guint i)
{
  static GType (*const types[]) (void) = { NULL,
                                           dokus_invoice_list_get_type,
                                           dokus_client_list_get_type,
                                           dokus_expense_list_get_type,
                                           dokus_reports_page_get_type,
                                           dokus_settings_page_get_type };
  GtkWidget *view;

  if (self->built[i] != NULL)
    return self->built[i];
  view = g_object_new (types[i](), NULL);
  if (DOKUS_IS_INVOICE_LIST (view))
    g_signal_connect (view, "open-document", G_CALLBACK (open_document_cb), self);
  else if (g_signal_lookup ("dialog-opened", G_OBJECT_TYPE (view)) != 0)
    g_signal_connect (view, "dialog-opened", G_CALLBACK (dialog_opened_cb), self);
  adw_bin_set_child (self->bins[i], view);
  self->built[i] = view;
  if (self->session != NULL)
    view_set_session (view, self->session);
  return view;
}

static guint
view_index (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (views); i++)
    if (g_str_equal (name, views[i]))
      return i;
  return G_N_ELEMENTS (views);
}

GtkWidget *
dokus_window_get_view (DokusWindow *self, const char *name)
{
  guint i = view_index (name);

  g_return_val_if_fail (i < G_N_ELEMENTS (views), NULL);
  return i == 0 ? GTK_WIDGET (self->dashboard) : build_view (self, i);
}

static void
visible_view_cb (AdwViewStack *stack, GParamSpec *pspec, DokusWindow *self)
{
  guint i = view_index (adw_view_stack_get_visible_child_name (stack));

  (void) pspec;
  if (i > 0 && i < G_N_ELEMENTS (views))
    build_view (self, i);
}

static void
set_session (DokusWindow *self, DokusSession *session)
{
  g_set_object (&self->session, session);
  dokus_dashboard_set_session (self->dashboard, session);
  for (guint i = 1; i < G_N_ELEMENTS (views); i++)
    if (self->built[i] != NULL)
      view_set_session (self->built[i], session);
  dokus_sync_status_set_session (self->sync_status, session);
}

void
dokus_window_show_session (DokusWindow *self, DokusSession *session, const char *recovery_key)
{
  g_autofree char *base = NULL;

  g_return_if_fail (DOKUS_IS_WINDOW (self) && DOKUS_IS_SESSION (session));
  set_session (self, session);
  base = g_path_get_basename (dokus_session_get_path (session));
  adw_view_switcher_title_set_subtitle (self->switcher_title, base);
  gtk_stack_set_visible_child_name (self->main_stack, "book");
  adw_view_stack_set_visible_child_name (self->view_stack, "dashboard");
  if (recovery_key != NULL)
    {
      GtkWidget *dialog = dokus_setup_dialog_new (GTK_WINDOW (self), session, recovery_key);
      set_last_dialog (self, GTK_WINDOW (dialog));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
unlocked_cb (DokusUnlockPage *page, DokusSession *session, const char *recovery_key,
             DokusWindow *self)
{
  (void) page;
  dokus_window_show_session (self, session, recovery_key);
}

DokusSession *
dokus_window_get_session (DokusWindow *self)
{
  return self->session;
}

void
dokus_window_open_book (DokusWindow *self, const char *path)
{
  dokus_window_lock (self);
  dokus_unlock_page_ask_passphrase (self->unlock_page, path);
}

void
dokus_window_lock (DokusWindow *self)
{
  if (self->session)
    dokus_session_close (self->session);
  set_session (self, NULL);
  dokus_unlock_page_reset (self->unlock_page);
  gtk_stack_set_visible_child_name (self->main_stack, "unlock");
}

void
dokus_window_show_view (DokusWindow *self, const char *name)
{
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
dokus_window_new_invoice (DokusWindow *self)
{
  GtkWidget *editor;

  if (self->session == NULL)
    return;
  editor = dokus_invoice_editor_new (GTK_WINDOW (self), self->session, NULL);
  set_last_dialog (self, GTK_WINDOW (editor));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
open_document_cb (DokusInvoiceList *list, const char *id, DokusWindow *self)
{
  GtkWidget *editor;

  (void) list;
  editor = dokus_invoice_editor_new (GTK_WINDOW (self), self->session, id);
  set_last_dialog (self, GTK_WINDOW (editor));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
dialog_opened_cb (GtkWidget *page, GtkWindow *dialog, DokusWindow *self)
{
  (void) page;
  set_last_dialog (self, dialog);
}

static void
new_invoice_action (GtkWidget *widget, const char *name, GVariant *param)
{
  (void) name;
  (void) param;
  dokus_window_new_invoice (DOKUS_WINDOW (widget));
}

static void
lock_action (GtkWidget *widget, const char *name, GVariant *param)
{
  (void) name;
  (void) param;
  dokus_window_lock (DOKUS_WINDOW (widget));
}

static void
view_action (GtkWidget *widget, const char *name, GVariant *param)
{
  DokusWindow *self = DOKUS_WINDOW (widget);

  (void) name;
  if (self->session != NULL)
    dokus_window_show_view (self, g_variant_get_string (param, NULL));
}

static void
search_action (GtkWidget *widget, const char *name, GVariant *param)
{
  DokusWindow *self = DOKUS_WINDOW (widget);

  (void) name;
  (void) param;
  if (self->session == NULL)
    return;
  dokus_window_show_view (self, "invoices");
  dokus_invoice_list_focus_search (DOKUS_INVOICE_LIST (dokus_window_get_view (self,
                                                                              "invoices")));
}

static void
dokus_window_dispose (GObject *object)
{
  DokusWindow *self = DOKUS_WINDOW (object);

  if (self->settings)
    {
      int w, h;
      gtk_window_get_default_size (GTK_WINDOW (self), &w, &h);
      g_settings_set_int (self->settings, "window-width", w);
      g_settings_set_int (self->settings, "window-height", h);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (GTK_WINDOW (self)));
    }
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->last_dialog);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (dokus_window_parent_class)->dispose (object);
}

static void
dokus_window_class_init (DokusWindowClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dokus_window_dispose;
  g_type_ensure (DOKUS_TYPE_UNLOCK_PAGE);
  g_type_ensure (DOKUS_TYPE_DASHBOARD);
  g_type_ensure (DOKUS_TYPE_SYNC_STATUS);
  gtk_widget_class_set_template_from_resource (wc, RESOURCE_PATH "/dokus-window.ui");
  gtk_widget_class_bind_template_child (wc, DokusWindow, main_stack);
  gtk_widget_class_bind_template_child (wc, DokusWindow, unlock_page);
  gtk_widget_class_bind_template_child (wc, DokusWindow, view_stack);
  gtk_widget_class_bind_template_child (wc, DokusWindow, switcher_title);
  gtk_widget_class_bind_template_child (wc, DokusWindow, sync_status);
  gtk_widget_class_bind_template_child (wc, DokusWindow, dashboard);
  for (guint i = 1; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *bin = g_strdup_printf ("%s_bin", views[i]);
      gtk_widget_class_bind_template_child_full (wc, bin, FALSE,
                                                 (gssize) (G_STRUCT_OFFSET (DokusWindow, bins)
                                                           + i * sizeof (AdwBin *)));
    }

  gtk_widget_class_install_action (wc, "win.new-invoice", NULL, new_invoice_action);
  gtk_widget_class_install_action (wc, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (wc, "win.view", "s", view_action);
  gtk_widget_class_install_action (wc, "win.search", NULL, search_action);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-invoice", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_widget_class_add_binding_action (wc, GDK_KEY_1 + i, GDK_ALT_MASK, "win.view", "s",
                                         views[i]);
}

static void
dokus_window_init (DokusWindow *self)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  if (source && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  g_signal_connect (self->unlock_page, "unlocked", G_CALLBACK (unlocked_cb), self);
  g_signal_connect (self->view_stack, "notify::visible-child-name",
                    G_CALLBACK (visible_view_cb), self);
}

DokusWindow *
dokus_window_new (GtkApplication *app)
{
  return g_object_new (DOKUS_TYPE_WINDOW, "application", app, NULL);
}

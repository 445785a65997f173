/* dokus-view-reload.c
 *
 * A view's reload function and whether the book changed while the view
 * was hidden, kept on the view as object data, with the "map" and
 * session "changed" and "idle" handlers that use them
 * (dokus-view-reload.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-view-reload.h"

#define VIEW_RELOAD_KEY "dokus-view-reload"

typedef struct {
  DokusViewReloadFunc reload;
  DokusSession      **slot;  /* the view's session field */
  gboolean            dirty; /* the book changed while the view was hidden or busy */
} ViewReload;

/* A long job holds the book: reading it now would wait for the job. */
static gboolean
book_busy (ViewReload *r)
{
  return *r->slot != NULL && dokus_session_is_busy (*r->slot);
}

static void
run_reload (GtkWidget *view, ViewReload *r)
{
  r->dirty = FALSE;
  r->reload (view);
}

void
dokus_view_reload_when_shown (GtkWidget *view)
{
  ViewReload *r = g_object_get_data (G_OBJECT (view), VIEW_RELOAD_KEY);

  g_return_if_fail (r != NULL);
  if (gtk_widget_get_mapped (view) && !book_busy (r))
    run_reload (view, r);
  else
    r->dirty = TRUE;
}

static void
view_mapped_cb (GtkWidget *view, ViewReload *r)
{
  if (r->dirty && !book_busy (r))
    run_reload (view, r);
}

static void
session_idle_cb (DokusSession *session, GtkWidget *view)
{
  ViewReload *r = g_object_get_data (G_OBJECT (view), VIEW_RELOAD_KEY);

  (void) session;
  if (r->dirty)
    dokus_view_reload_when_shown (view);
}

static void
session_changed_cb (DokusSession *session, GtkWidget *view)
{
  (void) session;
  dokus_view_reload_when_shown (view);
}

void
dokus_view_set_session (GtkWidget *view, DokusSession **slot, DokusSession *session,
                        DokusViewReloadFunc reload)
{
  ViewReload *r = g_object_get_data (G_OBJECT (view), VIEW_RELOAD_KEY);

  if (r == NULL)
    {
      r = g_new0 (ViewReload, 1);
      r->reload = reload;
      r->slot = slot;
      g_object_set_data_full (G_OBJECT (view), VIEW_RELOAD_KEY, r, g_free);
      g_signal_connect (view, "map", G_CALLBACK (view_mapped_cb), r);
    }
  g_return_if_fail (r->reload == reload && r->slot == slot);
  if (*slot)
    {
      g_signal_handlers_disconnect_by_func (*slot, session_changed_cb, view);
      g_signal_handlers_disconnect_by_func (*slot, session_idle_cb, view);
    }
  g_set_object (slot, session);
  if (session)
    {
      g_signal_connect (session, "changed", G_CALLBACK (session_changed_cb), view);
      g_signal_connect (session, "idle", G_CALLBACK (session_idle_cb), view);
      dokus_view_reload_when_shown (view);
    }
  else
    run_reload (view, r);
}

/* dokus-write-pause.c
 *
 * The widgets paused while the session is busy, kept on their owner as
 * object data, with the session's "busy" and "idle" handlers that set
 * them (dokus-write-pause.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "dokus-write-pause.h"

#define WRITE_PAUSE_KEY "dokus-write-pause"

typedef struct {
  DokusSession *session;  /* ref */
  GPtrArray    *widgets;  /* GtkWidget refs */
  GtkLabel     *notice;   /* ref, nullable */
  GtkWidget    *owner;    /* not a ref: the pause lives on it */
  void        (*refresh) (GtkWidget *owner); /* nullable */
  gulong        busy_id;
  gulong        idle_id;
} WritePause;

const char *
dokus_write_pause_reason (void)
{
  return _("Saving is paused while Dokus syncs. What you type is kept; you can save again "
           "once the sync ends.");
}

gboolean
dokus_write_pause_refuses (DokusSession *session, GtkLabel *message)
{
  if (session == NULL || !dokus_session_is_busy (session))
    return FALSE;
  if (message)
    gtk_label_set_text (message, dokus_write_pause_reason ());
  return TRUE;
}

static void
apply (WritePause *p, gboolean paused)
{
  for (guint i = 0; i < p->widgets->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (p->widgets, i), !paused);
  if (p->notice)
    gtk_widget_set_visible (GTK_WIDGET (p->notice), paused);
  if (p->refresh)
    p->refresh (p->owner);
}

static void
session_busy_cb (DokusSession *session, WritePause *p)
{
  (void) session;
  apply (p, TRUE);
}

static void
session_idle_cb (DokusSession *session, WritePause *p)
{
  (void) session;
  apply (p, FALSE);
}

static void
write_pause_free (gpointer data)
{
  WritePause *p = data;

  g_signal_handler_disconnect (p->session, p->busy_id);
  g_signal_handler_disconnect (p->session, p->idle_id);
  g_object_unref (p->session);
  g_ptr_array_unref (p->widgets);
  g_clear_object (&p->notice);
  g_free (p);
}

/* A destroyed owner may outlive its widgets (a job still holds it): the
 * pause ends with the widgets. */
static void
owner_destroyed_cb (GtkWidget *owner, gpointer data)
{
  (void) data;
  g_object_set_data (G_OBJECT (owner), WRITE_PAUSE_KEY, NULL);
}

/* The pause kept on @owner for @session, made on first use. */
static WritePause *
write_pause_get (GtkWidget *owner, DokusSession *session, GtkLabel *notice)
{
  WritePause *p = g_object_get_data (G_OBJECT (owner), WRITE_PAUSE_KEY);

  if (p != NULL && p->session != session)
    {
      /* a new book for the same owner: the old session's handlers go */
      g_object_set_data (G_OBJECT (owner), WRITE_PAUSE_KEY, NULL);
      p = NULL;
    }
  if (p == NULL)
    {
      p = g_new0 (WritePause, 1);
      p->session = g_object_ref (session);
      p->owner = owner;
      p->widgets = g_ptr_array_new_with_free_func (g_object_unref);
      p->busy_id = g_signal_connect (session, "busy", G_CALLBACK (session_busy_cb), p);
      p->idle_id = g_signal_connect (session, "idle", G_CALLBACK (session_idle_cb), p);
      g_object_set_data_full (G_OBJECT (owner), WRITE_PAUSE_KEY, p, write_pause_free);
      if (g_signal_handler_find (owner, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, owner_destroyed_cb,
                                 NULL) == 0)
        g_signal_connect (owner, "destroy", G_CALLBACK (owner_destroyed_cb), NULL);
    }
  if (notice != NULL && p->notice == NULL)
    {
      p->notice = g_object_ref (notice);
      gtk_label_set_text (notice, dokus_write_pause_reason ());
    }
  return p;
}

void
dokus_write_pause_add (GtkWidget *owner, DokusSession *session, GtkWidget *widget,
                       GtkLabel *notice)
{
  WritePause *p;

  g_return_if_fail (DOKUS_IS_SESSION (session) && GTK_IS_WIDGET (widget));
  p = write_pause_get (owner, session, notice);
  g_ptr_array_add (p->widgets, g_object_ref (widget));
  apply (p, dokus_session_is_busy (session));
}

void
dokus_write_pause_follow (GtkWidget *owner, DokusSession *session,
                          void (*refresh) (GtkWidget *owner), GtkLabel *notice)
{
  WritePause *p;

  g_return_if_fail (DOKUS_IS_SESSION (session) && refresh != NULL);
  p = write_pause_get (owner, session, notice);
  p->refresh = refresh;
  apply (p, dokus_session_is_busy (session));
}

/* dokus-comments-view.c
 *
 * The comments on one document, built in code (a group of rows that
 * changes with every read): reading them and the book's sync role,
 * showing them, resolving and adding (dokus-comments-view.h). The rules
 * (who may add or resolve, what a comment may hold) live in libdokus:
 * this file only hides what the role cannot do and shows the library's
 * refusals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdlib.h>

#include "dokus-comments-view.h"
#include "dokus-format.h"
#include "dokus-gui-error.h"
#include "dokus-gui-json.h"
#include "dokus-write-pause.h"

struct _DokusCommentsView {
  AdwPreferencesGroup parent_instance;
  GtkListBox   *list;       /* one row per comment, oldest first */
  GtkWidget    *entry_list; /* holds entry */
  AdwEntryRow  *entry;
  GtkWidget    *add_button;
  GtkLabel     *message;
  DokusSession *session;
  char         *subject;    /* the document's id */
  guint         n_comments;
  gboolean      can_add;
  gboolean      can_resolve;
  gboolean      pending;    /* a read waits for the book (busy) */
};

G_DEFINE_FINAL_TYPE (DokusCommentsView, dokus_comments_view, ADW_TYPE_PREFERENCES_GROUP)

static void
set_message (DokusCommentsView *self, const char *text)
{
  gtk_label_set_text (self->message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL && text[0] != '\0');
}

/* TRUE when @st is an error, then shown as the message (@err made a GError) */
static gboolean
show_failure (DokusCommentsView *self, DokusStatus st, const DokusError *err)
{
  g_autoptr (GError) error = NULL;

  if (st == DOKUS_OK)
    return FALSE;
  dokus_gui_error_propagate (&error, err);
  set_message (self, error->message);
  return TRUE;
}

/* ---- showing ------------------------------------------------------------------------------ */

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "accountant") == 0)
    return _("Accountant");
  if (g_strcmp0 (role, "device") == 0)
    return _("Device");
  return _("Owner");
}

/* "26/11/2026 10:30" in the user's style and time zone, from the UTC
 * time @utc ("2026-11-26T09:30:00Z"); @utc itself when it is not one. */
static char *
local_time_text (const char *utc)
{
  g_autoptr (GDateTime) t = utc ? g_date_time_new_from_iso8601 (utc, NULL) : NULL;
  g_autoptr (GDateTime) local = t ? g_date_time_to_local (t) : NULL;
  g_autofree char *iso = NULL, *date = NULL, *time = NULL;

  if (local == NULL)
    return g_strdup (utc ? utc : "");
  iso = g_date_time_format (local, "%Y-%m-%d");
  time = g_date_time_format (local, "%H:%M");
  date = dokus_format_date_text (dokus_format_style_get_default (), iso);
  return g_strdup_printf ("%s %s", date, time);
}

/* Resolve buttons are rebuilt with the rows: the pause sets them from here. */
static void
refresh_writers (GtkWidget *owner)
{
  DokusCommentsView *self = DOKUS_COMMENTS_VIEW (owner);
  gboolean busy = self->session != NULL && dokus_session_is_busy (self->session);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    {
      GtkWidget *resolve = g_object_get_data (G_OBJECT (row), "resolve");
      if (resolve)
        gtk_widget_set_sensitive (resolve, !busy);
    }
  gtk_widget_set_sensitive (self->add_button,
                            !busy && gtk_editable_get_text (GTK_EDITABLE (self->entry))[0] != '\0');
}

static void resolve_clicked_cb (GtkButton *button, DokusCommentsView *self);

static GtkWidget *
comment_row (DokusCommentsView *self, const cJSON *c)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *meta, *text;
  gboolean resolved = cJSON_IsObject (cJSON_GetObjectItemCaseSensitive (c, "resolved"));
  g_autofree char *when = local_time_text (dokus_json_str (c, "created_at", NULL));
  g_autofree char *meta_text = NULL;

  meta_text = g_strdup_printf ("%s · %s · %s",
                               role_label (dokus_json_path_str (c, "author.role", "owner")),
                               when, resolved ? _("Resolved") : _("Open"));
  meta = gtk_label_new (meta_text);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  text = gtk_label_new (dokus_json_str (c, "text", ""));
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  if (resolved)
    gtk_widget_add_css_class (text, "dim-label");
  gtk_box_append (GTK_BOX (texts), meta);
  gtk_box_append (GTK_BOX (texts), text);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "meta", meta);
  g_object_set_data (G_OBJECT (row), "text", text);
  if (!resolved && self->can_resolve)
    {
      GtkWidget *resolve = gtk_button_new_with_mnemonic (_("_Resolve"));

      gtk_widget_set_valign (resolve, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (resolve, _("Mark this comment as dealt with"));
      g_object_set_data_full (G_OBJECT (resolve), "comment-id",
                              g_strdup (dokus_json_str (c, "id", "")), g_free);
      g_signal_connect (resolve, "clicked", G_CALLBACK (resolve_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), resolve);
      g_object_set_data (G_OBJECT (row), "resolve", resolve);
    }
  return row;
}

static void
clear_rows (DokusCommentsView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_comments = 0;
}

static void
show_state (DokusCommentsView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->n_comments > 0);
  gtk_widget_set_visible (self->entry_list, self->can_add);
  gtk_widget_set_visible (self->add_button, self->can_add);
  gtk_widget_set_visible (GTK_WIDGET (self), self->n_comments > 0 || self->can_add
                                               || gtk_widget_get_visible (GTK_WIDGET (self->message)));
  refresh_writers (GTK_WIDGET (self));
}

/* Reads the comments and the role now; the book must not be busy. */
static void
read_comments (DokusCommentsView *self)
{
  char *json = NULL;
  const char *role = NULL;
  DokusError err = { 0 };
  DokusBook *book = dokus_session_lock (self->session);
  DokusStatus st = book ? dokus_comment_list (book, self->subject, false, &json, &err)
                        : DOKUS_ERR_REFUSED;
  g_autoptr (cJSON) o = NULL;
  const cJSON *c;

  if (book)
    role = dokus_sync_role (book);
  dokus_session_unlock (self->session);
  clear_rows (self);
  /* an accountant comments and never resolves; a book with sync off has nobody to tell */
  self->can_resolve = g_strcmp0 (role, "accountant") != 0;
  self->can_add = st == DOKUS_OK && role != NULL;
  if (st == DOKUS_OK && (o = dokus_json_take (json)) != NULL)
    cJSON_ArrayForEach (c, cJSON_GetObjectItemCaseSensitive (o, "comments"))
      {
        gtk_list_box_append (self->list, comment_row (self, c));
        self->n_comments++;
      }
  else if (st != DOKUS_ERR_NOT_FOUND && book != NULL)
    {
      /* a deleted draft (not found) simply has no comments to show */
      set_message (self, _("The comments could not be read."));
      self->can_add = FALSE;
    }
  show_state (self);
}

/* Reads now, or on "idle" while a long job holds the book. */
static void
reload (DokusCommentsView *self)
{
  if (self->session == NULL || self->subject == NULL)
    {
      self->pending = FALSE;
      clear_rows (self);
      self->can_add = FALSE;
      show_state (self);
      return;
    }
  self->pending = dokus_session_is_busy (self->session);
  if (!self->pending)
    read_comments (self);
}

static void
session_changed_cb (DokusCommentsView *self)
{
  reload (self);
}

static void
session_idle_cb (DokusCommentsView *self)
{
  if (self->pending)
    reload (self);
}

/* ---- writing ------------------------------------------------------------------------------ */

/* After a write: the other views (and this one, through "changed") read again. */
static void
written (DokusCommentsView *self)
{
  set_message (self, NULL);
  dokus_session_notify_changed (self->session);
}

/* The book, locked, for a write; NULL (unlocked, the reason shown) while a
 * long job holds it or once it is closed. */
static DokusBook *
lock_for_writing (DokusCommentsView *self)
{
  DokusBook *book;

  if (dokus_write_pause_refuses (self->session, self->message))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->message), TRUE);
      return NULL;
    }
  if ((book = dokus_session_lock (self->session)) == NULL)
    dokus_session_unlock (self->session);
  return book;
}

static void
resolve_clicked_cb (GtkButton *button, DokusCommentsView *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "comment-id");
  DokusError err = { 0 };
  DokusBook *book;
  DokusStatus st;

  if ((book = lock_for_writing (self)) == NULL)
    return;
  st = dokus_comment_resolve (book, id, &err);
  dokus_session_unlock (self->session);
  if (!show_failure (self, st, &err))
    written (self);
}

static void
add_clicked_cb (DokusCommentsView *self)
{
  char id[DOKUS_ID_TEXT];
  DokusError err = { 0 };
  DokusBook *book;
  DokusStatus st;

  if ((book = lock_for_writing (self)) == NULL)
    return;
  st = dokus_comment_add (book, self->subject, gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                          id, &err);
  dokus_session_unlock (self->session);
  if (show_failure (self, st, &err))
    return; /* what was typed stays */
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  written (self);
}

static void
entry_changed_cb (DokusCommentsView *self)
{
  refresh_writers (GTK_WIDGET (self));
}

/* ---- public -------------------------------------------------------------------------------- */

void
dokus_comments_view_set_subject (DokusCommentsView *self, DokusSession *session,
                                 const char *document_id, GtkLabel *pause_notice)
{
  g_return_if_fail (DOKUS_IS_COMMENTS_VIEW (self));
  if (self->session != session)
    {
      if (self->session)
        g_signal_handlers_disconnect_by_data (self->session, self);
      g_set_object (&self->session, session);
      if (session)
        {
          g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (session, "idle", G_CALLBACK (session_idle_cb), self,
                                   G_CONNECT_SWAPPED);
          dokus_write_pause_follow (GTK_WIDGET (self), session, refresh_writers, pause_notice);
        }
    }
  if (g_strcmp0 (self->subject, document_id) != 0)
    {
      g_free (self->subject);
      self->subject = g_strdup (document_id);
      gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
      set_message (self, NULL);
    }
  reload (self);
}

gboolean
dokus_comments_view_is_pending (DokusCommentsView *self)
{
  return self->pending;
}

guint
dokus_comments_view_get_n_comments (DokusCommentsView *self)
{
  return self->n_comments;
}

GtkWidget *
dokus_comments_view_get_widget (DokusCommentsView *self, guint index, const char *name)
{
  GtkListBoxRow *row;

  if (g_strcmp0 (name, "entry") == 0)
    return self->can_add ? GTK_WIDGET (self->entry) : NULL;
  if (g_strcmp0 (name, "add") == 0)
    return self->can_add ? self->add_button : NULL;
  if (g_strcmp0 (name, "message") == 0)
    return GTK_WIDGET (self->message);
  row = gtk_list_box_get_row_at_index (self->list, (int) index);
  return row ? g_object_get_data (G_OBJECT (row), name) : NULL;
}

static void
dokus_comments_view_dispose (GObject *object)
{
  DokusCommentsView *self = DOKUS_COMMENTS_VIEW (object);

  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (dokus_comments_view_parent_class)->dispose (object);
}

static void
dokus_comments_view_finalize (GObject *object)
{
  g_free (DOKUS_COMMENTS_VIEW (object)->subject);
  G_OBJECT_CLASS (dokus_comments_view_parent_class)->finalize (object);
}

static void
dokus_comments_view_class_init (DokusCommentsViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dokus_comments_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = dokus_comments_view_finalize;
}

static void
dokus_comments_view_init (DokusCommentsView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Comments"));
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Comments"), -1);
  self->entry_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->entry_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->entry_list, "boxed-list");
  self->entry = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->entry), _("Add a comment"));
  gtk_list_box_append (GTK_LIST_BOX (self->entry_list), GTK_WIDGET (self->entry));
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (entry_changed_cb), self);
  self->add_button = gtk_button_new_with_mnemonic (_("Add _Comment"));
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_END);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  self->message = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                                NULL);
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_xalign (self->message, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), self->entry_list);
  gtk_box_append (GTK_BOX (box), self->add_button);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), box);
  show_state (self);
}

GtkWidget *
dokus_comments_view_new (void)
{
  return g_object_new (DOKUS_TYPE_COMMENTS_VIEW, NULL);
}

/* dokus-invoice-model.c
 *
 * The lazy document list model. Each page is one dokus_document_query()
 * (LIMIT/OFFSET over the ledger's sorted index), a few milliseconds even
 * on a 100 000-invoice book, so pages are read on the main thread while
 * scrolling; a row of a page not read yet costs one such query. While a
 * long job holds the book (dokus_session_is_busy()) no page is read: the
 * model keeps its rows (a row of a page not read yet is NULL) and reloads
 * when the session is idle, so the main loop never waits for the lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>

#include "dokus-gui-error.h"
#include "dokus-gui-json.h"
#include "dokus-invoice-model.h"

#define CACHE_PAGES 64

struct _DokusInvoiceModel {
  GObject       parent_instance;
  DokusSession *session;
  char         *status, *from, *to, *search, *sort;
  gboolean      descending;
  guint         n_items;
  GHashTable   *pages; /* page number -> GPtrArray of DokusInvoiceItem */
  guint         pages_fetched;
  char         *error;
  gboolean      stale; /* a reload or page was put off while the book was busy */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DokusInvoiceModel, dokus_invoice_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Reads page @page; stores it and returns the total count through
 * @total. NULL on error (self->error set). */
static GPtrArray *
fetch_page (DokusInvoiceModel *self, guint page, guint *total)
{
  DokusDocumentQuery q = { 0 };
  DokusError err = { 0 };
  char *json = NULL;
  DokusBook *book;
  DokusStatus st;
  g_autoptr (cJSON) o = NULL;
  const cJSON *row;
  GPtrArray *items;

  if (self->session == NULL)
    return NULL;
  if (dokus_session_is_busy (self->session))
    {
      self->stale = TRUE;
      return NULL;
    }
  q.status = self->status;
  q.from = self->from;
  q.to = self->to;
  q.search = self->search;
  q.sort = self->sort;
  q.descending = self->descending;
  q.limit = DOKUS_INVOICE_MODEL_PAGE;
  q.offset = (int64_t) page * DOKUS_INVOICE_MODEL_PAGE;
  book = dokus_session_lock (self->session);
  st = book ? dokus_document_query (book, &q, &json, &err)
            : dokus_error_set (&err, DOKUS_ERR_REFUSED, "", "the book is closed");
  dokus_session_unlock (self->session);
  g_clear_pointer (&self->error, g_free);
  if (st != DOKUS_OK || (o = dokus_json_take (json)) == NULL)
    {
      g_autoptr (GError) error = NULL;
      if (st == DOKUS_OK)
        dokus_error_set (&err, DOKUS_ERR_INTERNAL, "", "unreadable list");
      dokus_gui_error_propagate (&error, &err);
      self->error = g_strdup (error->message);
      return NULL;
    }
  self->pages_fetched++;
  if (total)
    *total = (guint) MIN (dokus_json_int (o, "total", 0), (gint64) G_MAXUINT);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  cJSON_ArrayForEach (row, cJSON_GetObjectItemCaseSensitive (o, "invoices"))
    g_ptr_array_add (items, dokus_invoice_item_new_from_json (row));
  if (g_hash_table_size (self->pages) >= CACHE_PAGES)
    g_hash_table_remove_all (self->pages);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  return items;
}

static GType
get_item_type (GListModel *model)
{
  (void) model;
  return DOKUS_TYPE_INVOICE_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return DOKUS_INVOICE_MODEL (model)->n_items;
}

static gpointer
get_item (GListModel *model, guint position)
{
  DokusInvoiceModel *self = DOKUS_INVOICE_MODEL (model);
  guint page = position / DOKUS_INVOICE_MODEL_PAGE;
  guint index = position % DOKUS_INVOICE_MODEL_PAGE;
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;
  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    items = fetch_page (self, page, NULL);
  if (items == NULL || index >= items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (items, index));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

void
dokus_invoice_model_reload (DokusInvoiceModel *self)
{
  guint old = self->n_items, total = 0;

  if (self->session != NULL && dokus_session_is_busy (self->session))
    {
      self->stale = TRUE; /* keep the rows shown until "idle" */
      return;
    }
  self->stale = FALSE;
  g_hash_table_remove_all (self->pages);
  if (self->session == NULL || fetch_page (self, 0, &total) == NULL)
    total = 0;
  /* removed, then added, in two signals: a list view given both at once looks for each old
   * row among all the new ones to reuse its widget, reading every row of the book */
  self->n_items = 0;
  if (old > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
  self->n_items = total;
  if (total > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, total);
}

static void
session_changed_cb (DokusSession *session, DokusInvoiceModel *self)
{
  (void) session;
  dokus_invoice_model_reload (self);
}

static void
session_idle_cb (DokusSession *session, DokusInvoiceModel *self)
{
  (void) session;
  if (self->stale)
    dokus_invoice_model_reload (self);
}

void
dokus_invoice_model_set_session (DokusInvoiceModel *self, DokusSession *session)
{
  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session)
    {
      g_signal_connect (session, "changed", G_CALLBACK (session_changed_cb), self);
      g_signal_connect (session, "idle", G_CALLBACK (session_idle_cb), self);
    }
  dokus_invoice_model_reload (self);
}

static char *
dup_or_null (const char *s)
{
  return s && s[0] ? g_strdup (s) : NULL;
}

void
dokus_invoice_model_set_query (DokusInvoiceModel *self, const char *status, const char *from,
                               const char *to, const char *search, const char *sort,
                               gboolean descending)
{
  g_free (self->status);
  g_free (self->from);
  g_free (self->to);
  g_free (self->search);
  g_free (self->sort);
  self->status = dup_or_null (status);
  self->from = dup_or_null (from);
  self->to = dup_or_null (to);
  self->search = dup_or_null (search);
  self->sort = dup_or_null (sort);
  self->descending = descending;
  dokus_invoice_model_reload (self);
}

guint
dokus_invoice_model_get_pages_fetched (DokusInvoiceModel *self)
{
  return self->pages_fetched;
}

const char *
dokus_invoice_model_get_error (DokusInvoiceModel *self)
{
  return self->error;
}

static void
dokus_invoice_model_dispose (GObject *object)
{
  DokusInvoiceModel *self = DOKUS_INVOICE_MODEL (object);

  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (dokus_invoice_model_parent_class)->dispose (object);
}

static void
dokus_invoice_model_finalize (GObject *object)
{
  DokusInvoiceModel *self = DOKUS_INVOICE_MODEL (object);

  g_hash_table_destroy (self->pages);
  g_free (self->status);
  g_free (self->from);
  g_free (self->to);
  g_free (self->search);
  g_free (self->sort);
  g_free (self->error);
  G_OBJECT_CLASS (dokus_invoice_model_parent_class)->finalize (object);
}

static void
dokus_invoice_model_class_init (DokusInvoiceModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dokus_invoice_model_dispose;
  G_OBJECT_CLASS (klass)->finalize = dokus_invoice_model_finalize;
}

static void
dokus_invoice_model_init (DokusInvoiceModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->descending = TRUE; /* newest first until a column is chosen */
}

DokusInvoiceModel *
dokus_invoice_model_new (void)
{
  return g_object_new (DOKUS_TYPE_INVOICE_MODEL, NULL);
}

/* dokus-invoice-list.c
 *
 * The invoices view. Sorting: each sortable column has a sorter that only
 * says which column it is; when the user clicks a header, the view's
 * sorter is asked to compare two probe objects, which tells the primary
 * column and its direction (GTK 4.8 has no getter for them), and the
 * query is sent to the ledger with that order. The model is never sorted
 * in memory: it may hold 100 000 rows it has not read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "dokus-gui-config.h"
#include "dokus-invoice-list.h"

struct _DokusInvoiceList {
  AdwBin             parent_instance;
  GtkEditable       *search_entry;
  GtkDropDown       *status_dropdown;
  GtkDropDown       *period_dropdown;
  GtkLabel          *count_label;
  GtkLabel          *error_label;
  GtkColumnView     *column_view;
  GtkWidget         *scrolled;
  DokusInvoiceModel *model;
  GtkNoSelection    *selection;
  GObject           *probe_a, *probe_b;
  DokusSession      *pending;   /* set on the model when the view is first shown */
  gboolean           has_pending;
};

G_DEFINE_FINAL_TYPE (DokusInvoiceList, dokus_invoice_list, ADW_TYPE_BIN)

enum { OPEN_DOCUMENT, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *const status_keys[] = { NULL,   "draft", "issued",   "sent",
                                           "partially_paid", "paid", "credited", "overdue" };

typedef const char *(*ItemText) (DokusInvoiceItem *item);

typedef struct {
  const char *title;
  const char *sort_key; /* DokusDocumentQuery.sort, or NULL: not sortable */
  ItemText    text;
  gboolean    numeric;
  gboolean    expand;
} Column;

static const char *probe_key; /* set by a column sorter during the probe */

static int
probe_compare (gconstpointer a, gconstpointer b, gpointer key)
{
  (void) a;
  (void) b;
  probe_key = key;
  return GTK_ORDERING_SMALLER;
}

static void
update_count (DokusInvoiceList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = g_strdup_printf (ngettext ("%u document", "%u documents", n), n);
  const char *error = dokus_invoice_model_get_error (self->model);

  gtk_label_set_text (self->count_label, text);
  gtk_label_set_text (self->error_label, error ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
period_bounds (guint choice, char from[DOKUS_DATE_TEXT], char to[DOKUS_DATE_TEXT])
{
  DokusDate today = dokus_date_today ();
  DokusPeriod p;

  from[0] = to[0] = '\0';
  switch (choice)
    {
    case 1:
      p = dokus_period_of_date (today, false);
      break;
    case 2:
      p = dokus_period_of_date (today, true);
      break;
    case 3:
      p = dokus_period_year (today.year);
      break;
    case 4:
      p = dokus_period_year (today.year - 1);
      break;
    default:
      return;
    }
  dokus_date_format (p.from, from);
  dokus_date_format (p.to, to);
}

static void
apply_query (DokusInvoiceList *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  char from[DOKUS_DATE_TEXT], to[DOKUS_DATE_TEXT];
  const char *sort = NULL;
  gboolean descending = FALSE;

  probe_key = NULL;
  switch (gtk_sorter_compare (sorter, self->probe_a, self->probe_b))
    {
    case GTK_ORDERING_SMALLER:
      sort = probe_key;
      break;
    case GTK_ORDERING_LARGER:
      sort = probe_key;
      descending = TRUE;
      break;
    default:
      break;
    }
  if (sort == NULL)
    descending = TRUE; /* no column chosen: newest first */
  period_bounds (gtk_drop_down_get_selected (self->period_dropdown), from, to);
  dokus_invoice_model_set_query (self->model,
                                 status < G_N_ELEMENTS (status_keys) ? status_keys[status] : NULL,
                                 from, to, gtk_editable_get_text (self->search_entry), sort,
                                 descending);
}

static void
filters_changed_cb (DokusInvoiceList *self)
{
  /* while the template is being built or taken apart */
  if (self->model == NULL || self->status_dropdown == NULL || self->period_dropdown == NULL
      || self->search_entry == NULL)
    return;
  apply_query (self);
}

static void
sorter_changed_cb (GtkSorter *sorter, GtkSorterChange change, DokusInvoiceList *self)
{
  (void) sorter;
  (void) change;
  filters_changed_cb (self);
}

static void
items_changed_cb (GListModel *model, guint pos, guint removed, guint added,
                  DokusInvoiceList *self)
{
  (void) model;
  (void) pos;
  (void) removed;
  (void) added;
  update_count (self);
}

static void
row_activated_cb (DokusInvoiceList *self, guint position)
{
  g_autoptr (DokusInvoiceItem) item = g_list_model_get_item (G_LIST_MODEL (self->model),
                                                             position);

  if (item)
    g_signal_emit (self, signals[OPEN_DOCUMENT], 0, dokus_invoice_item_get_id (item));
}

/* ---- columns -------------------------------------------------------------------------- */

static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *li, gpointer data)
{
  const Column *c = data;
  GtkWidget *label = gtk_label_new (NULL);

  (void) factory;
  gtk_label_set_xalign (GTK_LABEL (label), c->numeric ? 1.0f : 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (c->numeric)
    gtk_widget_add_css_class (label, "amount");
  gtk_list_item_set_child (li, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory, GtkListItem *li, gpointer data)
{
  const Column *c = data;
  DokusInvoiceItem *item = gtk_list_item_get_item (li);
  GtkWidget *label = gtk_list_item_get_child (li);

  (void) factory;
  gtk_label_set_text (GTK_LABEL (label), item ? c->text (item) : "");
  if (item && dokus_invoice_item_get_overdue (item) && c->text == dokus_invoice_item_get_status)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static void
add_columns (DokusInvoiceList *self)
{
  static const Column columns[] = {
    { N_("Number"), "number", dokus_invoice_item_get_number, FALSE, FALSE },
    { N_("Date"), "issue_date", dokus_invoice_item_get_date, FALSE, FALSE },
    { N_("Client"), "client", dokus_invoice_item_get_client, FALSE, TRUE },
    { N_("Status"), NULL, dokus_invoice_item_get_status, FALSE, FALSE },
    { N_("Due"), "due_date", dokus_invoice_item_get_due, FALSE, FALSE },
    { N_("Total"), "total", dokus_invoice_item_get_total, TRUE, FALSE },
    { N_("Open"), NULL, dokus_invoice_item_get_open, TRUE, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *col;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), (gpointer) &columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), (gpointer) &columns[i]);
      col = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_resizable (col, TRUE);
      gtk_column_view_column_set_expand (col, columns[i].expand);
      if (columns[i].sort_key)
        {
          GtkSorter *s = GTK_SORTER (gtk_custom_sorter_new (probe_compare,
                                                            (gpointer) columns[i].sort_key,
                                                            NULL));
          gtk_column_view_column_set_sorter (col, s);
          g_object_unref (s);
        }
      gtk_column_view_append_column (self->column_view, col);
      g_object_unref (col);
    }
}

/* ---- public --------------------------------------------------------------------------- */

void
dokus_invoice_list_set_session (DokusInvoiceList *self, DokusSession *session)
{
  /* the list reads the book when it is shown, not while another view makes the first frame */
  if (session != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_set_object (&self->pending, session);
      self->has_pending = TRUE;
      return;
    }
  g_clear_object (&self->pending);
  self->has_pending = FALSE;
  dokus_invoice_model_set_session (self->model, session);
  update_count (self);
}

static void
map_cb (DokusInvoiceList *self)
{
  if (self->has_pending)
    {
      g_autoptr (DokusSession) session = g_steal_pointer (&self->pending);
      dokus_invoice_list_set_session (self, session);
    }
}

DokusInvoiceModel *
dokus_invoice_list_get_model (DokusInvoiceList *self)
{
  return self->model;
}

void
dokus_invoice_list_focus_search (DokusInvoiceList *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
dokus_invoice_list_dispose (GObject *object)
{
  DokusInvoiceList *self = DOKUS_INVOICE_LIST (object);

  /* the columns go with the template, and each change of the sorter would query again */
  if (self->column_view)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  if (self->model)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      dokus_invoice_model_set_session (self->model, NULL);
    }
  g_clear_object (&self->pending);
  G_OBJECT_CLASS (dokus_invoice_list_parent_class)->dispose (object);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
}

static void
dokus_invoice_list_class_init (DokusInvoiceListClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dokus_invoice_list_dispose;
  signals[OPEN_DOCUMENT] = g_signal_new ("open-document", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         G_TYPE_STRING);
  gtk_widget_class_set_template_from_resource (wc, RESOURCE_PATH "/dokus-invoice-list.ui");
  gtk_widget_class_bind_template_child (wc, DokusInvoiceList, scrolled);
  gtk_widget_class_bind_template_child (wc, DokusInvoiceList, search_entry);
  gtk_widget_class_bind_template_child (wc, DokusInvoiceList, status_dropdown);
  gtk_widget_class_bind_template_child (wc, DokusInvoiceList, period_dropdown);
  gtk_widget_class_bind_template_child (wc, DokusInvoiceList, count_label);
  gtk_widget_class_bind_template_child (wc, DokusInvoiceList, error_label);
  gtk_widget_class_bind_template_child (wc, DokusInvoiceList, column_view);
  gtk_widget_class_bind_template_callback (wc, filters_changed_cb);
  gtk_widget_class_bind_template_callback (wc, row_activated_cb);
}

static void
dokus_invoice_list_init (DokusInvoiceList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  self->model = dokus_invoice_model_new ();
  /* no selection model that keeps a selected item: GtkSingleSelection looks for it among
   * every added row when the model changes, which reads all 100 000 of them */
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_columns (self);
  g_signal_connect (gtk_column_view_get_sorter (self->column_view), "changed",
                    G_CALLBACK (sorter_changed_cb), self);
  g_signal_connect (self->model, "items-changed", G_CALLBACK (items_changed_cb), self);
  g_signal_connect_swapped (self, "map", G_CALLBACK (map_cb), self);
  update_count (self);
}

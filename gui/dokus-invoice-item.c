/* dokus-invoice-item.c
 *
 * A row of the document list with its display strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "dokus-format.h"
#include "dokus-gui-json.h"
#include "dokus-invoice-item.h"

struct _DokusInvoiceItem {
  GObject  parent_instance;
  char    *id, *number, *date, *due, *client, *status, *total, *open;
  gboolean overdue, credit_note;
};

G_DEFINE_FINAL_TYPE (DokusInvoiceItem, dokus_invoice_item, G_TYPE_OBJECT)

const char *
dokus_invoice_status_label (const char *status)
{
  if (g_strcmp0 (status, "draft") == 0)
    return _("Draft");
  if (g_strcmp0 (status, "issued") == 0)
    return _("Issued");
  if (g_strcmp0 (status, "sent") == 0)
    return _("Sent");
  if (g_strcmp0 (status, "partially_paid") == 0)
    return _("Partly paid");
  if (g_strcmp0 (status, "paid") == 0)
    return _("Paid");
  if (g_strcmp0 (status, "credited") == 0)
    return _("Credited");
  if (g_strcmp0 (status, "overdue") == 0)
    return _("Overdue");
  return status ? status : "";
}

static void
dokus_invoice_item_finalize (GObject *object)
{
  DokusInvoiceItem *self = DOKUS_INVOICE_ITEM (object);

  g_free (self->id);
  g_free (self->number);
  g_free (self->date);
  g_free (self->due);
  g_free (self->client);
  g_free (self->status);
  g_free (self->total);
  g_free (self->open);
  G_OBJECT_CLASS (dokus_invoice_item_parent_class)->finalize (object);
}

static void
dokus_invoice_item_class_init (DokusInvoiceItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dokus_invoice_item_finalize;
}

static void
dokus_invoice_item_init (DokusInvoiceItem *self)
{
  (void) self;
}

DokusInvoiceItem *
dokus_invoice_item_new_from_json (const cJSON *row)
{
  DokusInvoiceItem *self = g_object_new (DOKUS_TYPE_INVOICE_ITEM, NULL);
  DokusFormatStyle style = dokus_format_style_get_default ();
  const char *number = dokus_json_str (row, "number", NULL);
  const char *status = dokus_json_str (row, "status", "");

  self->id = g_strdup (dokus_json_str (row, "id", ""));
  self->credit_note = g_strcmp0 (dokus_json_str (row, "type", ""), "credit_note") == 0;
  self->overdue = dokus_json_bool (row, "overdue");
  self->number = g_strdup (number ? number : _("Draft"));
  self->date = dokus_format_date_text (style, dokus_json_str (row, "issue_date", NULL));
  self->due = dokus_format_date_text (style, dokus_json_str (row, "due_date", NULL));
  self->client = g_strdup (dokus_json_path_str (row, "client.name", ""));
  if (self->overdue)
    /* TRANSLATORS: a status, then "overdue": "Partly paid, overdue" */
    self->status = g_strdup_printf (_("%s, overdue"), dokus_invoice_status_label (status));
  else if (self->credit_note)
    self->status = g_strdup_printf (_("Credit note, %s"), dokus_invoice_status_label (status));
  else
    self->status = g_strdup (dokus_invoice_status_label (status));
  self->total = dokus_format_money_text (style, dokus_json_str (row, "tax_inclusive_amount", NULL));
  self->open = dokus_format_money_text (style, dokus_json_str (row, "open_amount", NULL));
  return self;
}

#define GETTER(field)                                                                         \
  const char *dokus_invoice_item_get_##field (DokusInvoiceItem *self)                         \
  {                                                                                           \
    return self->field;                                                                       \
  }
GETTER (id)
GETTER (number)
GETTER (date)
GETTER (due)
GETTER (client)
GETTER (status)
GETTER (total)
GETTER (open)
#undef GETTER

gboolean
dokus_invoice_item_get_overdue (DokusInvoiceItem *self)
{
  return self->overdue;
}

gboolean
dokus_invoice_item_is_credit_note (DokusInvoiceItem *self)
{
  return self->credit_note;
}

/* dokus-invoice-editor.c
 *
 * The invoice editor. What is typed is read in the user's locale
 * (dokus-format.h) into the ledger's decimal strings; the totals are
 * libdokus's (dokus_totals_compute), recomputed on every keystroke; the
 * ledger checks everything again when the draft is saved or issued and
 * its error, naming the field, is shown under the totals.
 *
 * A draft is saved whole (dokus_invoice_update replaces every field), so
 * whatever it holds that the form does not show (payment terms, delivery,
 * allowances and charges, a line's unit, exemption reason or a VAT
 * category the menu does not offer) is kept from the loaded document and
 * written back unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include <dokus/dokus-pdf.h>

#include "dokus-comments-view.h"
#include "dokus-format.h"
#include "dokus-gui-config.h"
#include "dokus-gui-error.h"
#include "dokus-gui-json.h"
#include "dokus-invoice-editor.h"
#include "dokus-invoice-item.h"
#include "dokus-write-pause.h"

typedef struct {
  const char *label;    /* translatable */
  const char *category; /* UNCL5305 */
  const char *rate;
} VatChoice;

static const VatChoice vat_choices[] = {
  { N_("21 %"), "S", "21" },
  { N_("12 %"), "S", "12" },
  { N_("6 %"), "S", "6" },
  { N_("Exempt"), "E", "0" },
  { N_("Reverse charge"), "AE", "0" },
};

struct _DokusInvoiceEditor {
  AdwWindow      parent_instance;
  GtkWidget     *issue_button;
  GtkWidget     *save_button;
  AdwToastOverlay *toasts;
  GtkWidget     *status_group;
  AdwActionRow  *status_row;
  AdwActionRow  *open_row;
  AdwActionRow  *peppol_row;
  GtkWidget     *actions_group;
  GtkWidget     *payment_button;
  GtkWidget     *credit_button;
  GtkWidget     *pdf_button;
  GtkWidget     *peppol_button;
  GtkWidget     *ubl_button;
  GtkWidget     *payment_group;
  GtkEditable   *payment_amount_row;
  GtkEditable   *payment_date_row;
  GtkEditable   *payment_reference_row;
  GtkWidget     *payment_confirm_button;
  AdwComboRow   *client_row;
  GtkEditable   *issue_date_row;
  GtkEditable   *due_date_row;
  GtkEditable   *buyer_reference_row;
  GtkEditable   *order_reference_row;
  GtkEditable   *note_row;
  GtkWidget     *lines_group;
  GtkWidget     *add_line_button;
  GtkListBox    *lines_box;
  GtkGrid       *totals_grid;
  GtkLabel      *message_label;
  GtkLabel      *pause_label;
  GtkWidget     *delete_group;
  GtkWidget     *delete_button;
  DokusCommentsView *comments_view;
  DokusSession  *session;
  GPtrArray     *client_ids;
  char          *document_id;
  char          *number;
  cJSON         *kept;      /* what a draft holds that the form does not show: payment terms,
                             * delivery, allowances, charges (INVOICE JSON), saved back as is */
  gboolean       read_only;
  gboolean       franchise;
  gboolean       loaded;    /* the clients (and document) were read: not while busy */
};

G_DEFINE_FINAL_TYPE (DokusInvoiceEditor, dokus_invoice_editor, ADW_TYPE_WINDOW)

static void recompute (DokusInvoiceEditor *self);

static void
set_message (DokusInvoiceEditor *self, const char *text)
{
  gtk_label_set_text (self->message_label, text ? text : "");
}

/* TRUE when @st is an error, then shown as the message (@err made a GError) */
static gboolean
show_failure (DokusInvoiceEditor *self, DokusStatus st, const DokusError *err)
{
  g_autoptr (GError) error = NULL;

  if (st == DOKUS_OK)
    return FALSE;
  dokus_gui_error_propagate (&error, err);
  set_message (self, error->message);
  return TRUE;
}

static void
toast (DokusInvoiceEditor *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

/* ---- lines ------------------------------------------------------------------------------ */

static GtkWidget *
line_part (GtkWidget *row, const char *name)
{
  return g_object_get_data (G_OBJECT (row), name);
}

static void
remove_line_clicked_cb (GtkButton *button, DokusInvoiceEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  gtk_widget_grab_focus (self->add_line_button);
  gtk_list_box_remove (self->lines_box, row);
  recompute (self);
}

static GtkWidget *
entry_with (const char *name, const char *placeholder, int width, GtkWidget *row,
            DokusInvoiceEditor *self)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_name (entry, name);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder, -1);
  if (width > 0)
    gtk_editable_set_width_chars (GTK_EDITABLE (entry), width);
  g_object_set_data (G_OBJECT (row), name, entry);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (recompute), self);
  return entry;
}

static GtkWidget *
add_line (DokusInvoiceEditor *self)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *numbers = gtk_flow_box_new ();
  GtkWidget *vat, *net, *remove;
  g_autoptr (GtkStringList) vat_model = gtk_string_list_new (NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), entry_with ("description", _("Description"), 0, row, self));
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (numbers), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (numbers), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (numbers), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (numbers), 6);
  gtk_flow_box_append (GTK_FLOW_BOX (numbers), entry_with ("quantity", _("Quantity"), 7, row,
                                                           self));
  gtk_flow_box_append (GTK_FLOW_BOX (numbers), entry_with ("unit_price", _("Unit price"), 9,
                                                           row, self));
  /* xgettext:no-c-format */
  gtk_flow_box_append (GTK_FLOW_BOX (numbers), entry_with ("discount", _("Discount %"), 5, row,
                                                           self));
  for (gsize i = 0; i < G_N_ELEMENTS (vat_choices); i++)
    gtk_string_list_append (vat_model, _(vat_choices[i].label));
  vat = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (vat_model)), NULL);
  gtk_widget_set_name (vat, "vat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (vat), GTK_ACCESSIBLE_PROPERTY_LABEL, _("VAT"),
                                  -1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (vat), self->franchise ? 3 : 0);
  g_object_set_data (G_OBJECT (row), "vat", vat);
  g_signal_connect_swapped (vat, "notify::selected", G_CALLBACK (recompute), self);
  gtk_flow_box_append (GTK_FLOW_BOX (numbers), vat);
  net = gtk_label_new ("");
  gtk_widget_set_name (net, "net");
  gtk_label_set_xalign (GTK_LABEL (net), 1.0f);
  gtk_widget_set_hexpand (net, TRUE);
  gtk_widget_add_css_class (net, "amount");
  g_object_set_data (G_OBJECT (row), "net", net);
  gtk_flow_box_append (GTK_FLOW_BOX (numbers), net);
  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_name (remove, "remove");
  gtk_widget_set_tooltip_text (remove, _("Remove Line"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Line"), -1);
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data (G_OBJECT (row), "remove", remove);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_line_clicked_cb), self);
  gtk_flow_box_append (GTK_FLOW_BOX (numbers), remove);
  gtk_box_append (GTK_BOX (box), numbers);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (self->lines_box, row);
  return row;
}

static void
add_line_clicked_cb (DokusInvoiceEditor *self)
{
  GtkWidget *row = add_line (self);

  gtk_widget_grab_focus (line_part (row, "description"));
  recompute (self);
}

guint
dokus_invoice_editor_get_n_lines (DokusInvoiceEditor *self)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box)); c;
       c = gtk_widget_get_next_sibling (c))
    n += GTK_IS_LIST_BOX_ROW (c);
  return n;
}

GtkWidget *
dokus_invoice_editor_get_line_widget (DokusInvoiceEditor *self, guint index, const char *name)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->lines_box, (int) index);

  return row ? line_part (GTK_WIDGET (row), name) : NULL;
}

/* ---- reading the form ------------------------------------------------------------------- */

/* A line's VAT category and rate: the menu's choice, or the one the
 * loaded line had when the menu does not offer it (its last item). */
static void
line_vat (GtkWidget *row, const char **category, const char **rate)
{
  guint vat = gtk_drop_down_get_selected (GTK_DROP_DOWN (line_part (row, "vat")));

  if (vat < G_N_ELEMENTS (vat_choices))
    {
      *category = vat_choices[vat].category;
      *rate = vat_choices[vat].rate;
      return;
    }
  *category = g_object_get_data (G_OBJECT (row), "kept_category");
  *rate = g_object_get_data (G_OBJECT (row), "kept_rate");
  if (*category == NULL || *rate == NULL)
    {
      *category = vat_choices[0].category;
      *rate = vat_choices[0].rate;
    }
}

/* Parses the number typed in @entry (empty: *@out stays "") into @out
 * and @value; FALSE, with the entry marked, when it is not one. */
static gboolean
read_number (GtkWidget *entry, unsigned max_scale, char out[DOKUS_MONEY_TEXT],
             DokusDecimal *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  out[0] = '\0';
  if (dokus_format_parse_number (dokus_format_style_get_default (), text, out,
                                 DOKUS_MONEY_TEXT)
      && dokus_decimal_parse (out, max_scale, NULL, value, NULL) == DOKUS_OK)
    return TRUE;
  gtk_widget_add_css_class (entry, "error");
  return FALSE;
}

/* Reads line @i into @line (for the totals) and @json (for the ledger).
 * Returns FALSE with @message set for a field that is not a number;
 * *@empty for a line with nothing typed. */
static gboolean
read_line (GtkWidget *row, guint i, DokusTotalsLine *line, cJSON *json, gboolean *empty,
           char **message)
{
  const char *desc = gtk_editable_get_text (GTK_EDITABLE (line_part (row, "description")));
  GtkWidget *qty_e = line_part (row, "quantity"), *price_e = line_part (row, "unit_price");
  GtkWidget *disc_e = line_part (row, "discount");
  const char *disc = gtk_editable_get_text (GTK_EDITABLE (disc_e));
  const char *unit = g_object_get_data (G_OBJECT (row), "unit");
  const char *exemption = g_object_get_data (G_OBJECT (row), "exemption_reason");
  const char *exemption_category = g_object_get_data (G_OBJECT (row), "exemption_category");
  char q[DOKUS_MONEY_TEXT], p[DOKUS_MONEY_TEXT], d[DOKUS_MONEY_TEXT] = "";
  const char *category, *rate;

  *empty = desc[0] == '\0' && gtk_editable_get_text (GTK_EDITABLE (qty_e))[0] == '\0'
           && gtk_editable_get_text (GTK_EDITABLE (price_e))[0] == '\0' && disc[0] == '\0';
  gtk_widget_remove_css_class (qty_e, "error");
  gtk_widget_remove_css_class (price_e, "error");
  gtk_widget_remove_css_class (disc_e, "error");
  if (*empty)
    return TRUE;
  memset (line, 0, sizeof *line);
  if (!read_number (qty_e, 4, q, &line->quantity))
    *message = g_strdup_printf (_("Line %u: the quantity is not a number with at most 4 "
                                  "decimals."), i + 1);
  else if (!read_number (price_e, 4, p, &line->unit_price))
    *message = g_strdup_printf (_("Line %u: the unit price is not a number with at most 4 "
                                  "decimals."), i + 1);
  else if (disc[0] != '\0' && !read_number (disc_e, 2, d, &line->discount_percent))
    *message = g_strdup_printf (_("Line %u: the discount is not a percentage with at most 2 "
                                  "decimals."), i + 1);
  else if (desc[0] == '\0')
    *message = g_strdup_printf (_("Line %u: describe what you invoice."), i + 1);
  if (*message != NULL)
    return FALSE;
  line_vat (row, &category, &rate);
  g_strlcpy (line->vat_category, category, sizeof line->vat_category);
  if (dokus_decimal_parse (rate, 2, NULL, &line->vat_rate, NULL) != DOKUS_OK)
    return FALSE;
  cJSON_AddStringToObject (json, "description", desc);
  cJSON_AddStringToObject (json, "quantity", q);
  if (unit != NULL)
    cJSON_AddStringToObject (json, "unit", unit);
  cJSON_AddStringToObject (json, "unit_price", p);
  if (d[0] != '\0')
    cJSON_AddStringToObject (json, "discount_percent", d);
  cJSON_AddStringToObject (json, "vat_category", category);
  cJSON_AddStringToObject (json, "vat_rate", rate);
  /* a VATEX code belongs to its category: dropped when the category changes */
  if (exemption != NULL && g_strcmp0 (exemption_category, category) == 0)
    cJSON_AddStringToObject (json, "exemption_reason", exemption);
  return TRUE;
}

/* The kept allowances and charges of the draft as totals adjustments
 * (transfer full: g_free); *@n their number. */
static DokusTotalsAdjustment *
read_adjustments (DokusInvoiceEditor *self, gsize *n)
{
  const cJSON *allowances = cJSON_GetObjectItemCaseSensitive (self->kept, "allowances");
  const cJSON *charges = cJSON_GetObjectItemCaseSensitive (self->kept, "charges");
  gsize total = (gsize) (cJSON_GetArraySize (allowances) + cJSON_GetArraySize (charges));
  DokusTotalsAdjustment *out = g_new0 (DokusTotalsAdjustment, MAX (total, 1));
  const cJSON *a;

  *n = 0;
  for (int kind = 0; kind < 2; kind++)
    cJSON_ArrayForEach (a, (kind == 0 ? allowances : charges))
      {
        DokusTotalsAdjustment *adj = &out[*n];
        const char *category = dokus_json_str (a, "vat_category", "S");

        adj->is_charge = kind == 1;
        g_strlcpy (adj->vat_category, category, sizeof adj->vat_category);
        if (dokus_cents_parse (dokus_json_str (a, "amount", ""), NULL, &adj->amount, NULL)
              == DOKUS_OK
            && dokus_decimal_parse (dokus_json_str (a, "vat_rate", "0"), 2, NULL, &adj->vat_rate,
                                    NULL) == DOKUS_OK)
          (*n)++;
      }
  return out;
}

static void
add_total_row (DokusInvoiceEditor *self, int row, const char *label, DokusCents amount,
               gboolean strong)
{
  g_autofree char *money = dokus_format_money (dokus_format_style_get_default (), amount);
  GtkWidget *l = gtk_label_new (label), *a = gtk_label_new (money);

  gtk_label_set_xalign (GTK_LABEL (l), 1.0f);
  gtk_label_set_xalign (GTK_LABEL (a), 1.0f);
  gtk_label_set_selectable (GTK_LABEL (a), TRUE);
  if (strong)
    {
      gtk_widget_add_css_class (l, "heading");
      gtk_widget_add_css_class (a, "heading");
    }
  gtk_grid_attach (self->totals_grid, l, 0, row, 1, 1);
  gtk_grid_attach (self->totals_grid, a, 1, row, 1, 1);
}

static char *
group_label (const DokusVatGroup *g)
{
  char rate[DOKUS_MONEY_TEXT];
  g_autofree char *shown = NULL;
  g_autofree char *base = dokus_format_money (dokus_format_style_get_default (),
                                              g->taxable_amount);

  if (strcmp (g->category, "E") == 0)
    return g_strdup_printf (_("Exempt, on %s"), base);
  if (strcmp (g->category, "AE") == 0)
    return g_strdup_printf (_("Reverse charge, on %s"), base);
  shown = dokus_format_decimal_text (dokus_format_style_get_default (),
                                     dokus_decimal_format (g->rate, rate));
  /* TRANSLATORS: "VAT 21 % on 1.000,00 €" */
  return g_strdup_printf (_("VAT %s %% on %s"), shown, base);
}

/* Adds the date typed in @row to @json as @key (nothing when empty);
 * FALSE when it is not a date. */
static gboolean
read_date (GtkEditable *row, cJSON *json, const char *key)
{
  const char *text = gtk_editable_get_text (row);
  char iso[DOKUS_DATE_TEXT];

  if (text[0] == '\0')
    return TRUE;
  if (!dokus_format_parse_date (text, iso))
    return FALSE;
  cJSON_AddStringToObject (json, key, iso);
  return TRUE;
}

static void
read_text (GtkEditable *row, cJSON *json, const char *key)
{
  const char *text = gtk_editable_get_text (row);

  if (text[0] != '\0')
    cJSON_AddStringToObject (json, key, text);
}

/* Adds the document's fields but the client and lines to @json: the
 * form's, then the kept ones. (transfer full) a message, or NULL. */
static char *
read_header (DokusInvoiceEditor *self, cJSON *json)
{
  const cJSON *kept;

  if (!read_date (self->issue_date_row, json, "issue_date"))
    return g_strdup (_("The issue date is not a date (day/month/year)."));
  if (!read_date (self->due_date_row, json, "due_date"))
    return g_strdup (_("The due date is not a date (day/month/year)."));
  read_text (self->buyer_reference_row, json, "buyer_reference");
  read_text (self->order_reference_row, json, "order_reference");
  read_text (self->note_row, json, "note");
  cJSON_ArrayForEach (kept, self->kept)
    /* a typed due date replaces the payment terms: the ledger takes one of them */
    if (strcmp (kept->string, "payment_terms_days") != 0
        || !cJSON_HasObjectItem (json, "due_date"))
      cJSON_AddItemToObject (json, kept->string, cJSON_Duplicate (kept, TRUE));
  return NULL;
}

/* Reads the whole form into @json (nullable); fills the totals. FALSE
 * when something must be fixed first (the message says what). */
static gboolean
read_form (DokusInvoiceEditor *self, cJSON *json)
{
  guint n = dokus_invoice_editor_get_n_lines (self), used = 0, client;
  g_autofree DokusTotalsLine *lines = g_new0 (DokusTotalsLine, MAX (n, 1));
  g_autofree DokusCents *nets = g_new0 (DokusCents, MAX (n, 1));
  g_autofree char *message = NULL;
  g_autoptr (cJSON) json_lines = cJSON_CreateArray ();
  DokusTotals totals;
  DokusError err = { 0 };
  g_autofree GtkWidget **used_rows = g_new0 (GtkWidget *, MAX (n, 1));
  gsize n_adjustments = 0;
  g_autofree DokusTotalsAdjustment *adjustments = read_adjustments (self, &n_adjustments);
  GtkWidget *child;
  int grid_row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->totals_grid))) != NULL)
    gtk_grid_remove (self->totals_grid, child);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->lines_box, (int) i));
      cJSON *jl = cJSON_CreateObject ();
      gboolean empty = FALSE;
      char *line_message = NULL;

      gtk_label_set_text (GTK_LABEL (line_part (row, "net")), "");
      if (!read_line (row, i, &lines[used], jl, &empty, &line_message) || empty)
        {
          if (message == NULL)
            message = line_message;
          else
            g_free (line_message);
          cJSON_Delete (jl);
          continue;
        }
      cJSON_AddItemToArray (json_lines, jl);
      used_rows[used++] = row;
    }
  if (used > 0
      && dokus_totals_compute (lines, used, adjustments, n_adjustments, nets, &totals, &err)
           != DOKUS_OK)
    {
      g_autoptr (GError) error = NULL;
      dokus_gui_error_propagate (&error, &err);
      if (message == NULL)
        message = g_strdup (error->message);
      used = 0;
    }
  if (used > 0)
    {
      for (guint k = 0; k < used; k++)
        {
          g_autofree char *net = dokus_format_money (dokus_format_style_get_default (), nets[k]);
          gtk_label_set_text (GTK_LABEL (line_part (used_rows[k], "net")), net);
        }
      if (totals.allowance_total_amount != 0 || totals.charge_total_amount != 0)
        {
          add_total_row (self, grid_row++, _("Lines"), totals.line_extension_amount, FALSE);
          if (totals.allowance_total_amount != 0)
            add_total_row (self, grid_row++, _("Allowances"), -totals.allowance_total_amount,
                           FALSE);
          if (totals.charge_total_amount != 0)
            add_total_row (self, grid_row++, _("Charges"), totals.charge_total_amount, FALSE);
        }
      add_total_row (self, grid_row++, _("Total excluding VAT"), totals.tax_exclusive_amount,
                     FALSE);
      for (size_t g = 0; g < totals.n_groups; g++)
        {
          g_autofree char *label = group_label (&totals.groups[g]);
          add_total_row (self, grid_row++, label, totals.groups[g].tax_amount, FALSE);
        }
      add_total_row (self, grid_row++, _("Total"), totals.tax_inclusive_amount, TRUE);
    }
  client = adw_combo_row_get_selected (self->client_row);
  if (message == NULL && (client == GTK_INVALID_LIST_POSITION || client >= self->client_ids->len))
    message = g_strdup (_("Choose a client; add one in Clients first."));
  /* said when saving, not while the form is still empty */
  if (message == NULL && used == 0 && json != NULL)
    message = g_strdup (_("Add a line with a description, a quantity and a unit price."));
  if (message == NULL && json != NULL)
    {
      cJSON_AddStringToObject (json, "client", g_ptr_array_index (self->client_ids, client));
      message = read_header (self, json);
      cJSON_AddItemToObject (json, "lines", g_steal_pointer (&json_lines));
    }
  set_message (self, message);
  return message == NULL;
}

static void
recompute (DokusInvoiceEditor *self)
{
  if (self->client_ids == NULL || self->read_only)
    return;
  read_form (self, NULL);
}

/* ---- saving and issuing ------------------------------------------------------------------- */

/* A long job holds the book (a sync waiting on the relay): writing now
 * would stop the main loop until it ends. The buttons are paused
 * (dokus-write-pause.h); this catches a shortcut or a click already queued. */
static gboolean
book_paused (DokusInvoiceEditor *self)
{
  return dokus_write_pause_refuses (self->session, self->message_label);
}

static void load_document (DokusInvoiceEditor *self);

/* Creates or updates the draft; TRUE when the ledger took it. */
static gboolean
save_draft (DokusInvoiceEditor *self)
{
  g_autoptr (cJSON) json = cJSON_CreateObject ();
  g_autofree char *text = NULL;
  char id[DOKUS_ID_TEXT] = "";
  DokusError err = { 0 };
  DokusBook *book;
  DokusStatus st;

  if (book_paused (self) || !read_form (self, json))
    return FALSE;
  text = cJSON_PrintUnformatted (json);
  book = dokus_session_lock (self->session);
  if (book == NULL)
    st = dokus_error_set (&err, DOKUS_ERR_REFUSED, "", "the book is closed");
  else if (self->document_id)
    st = dokus_invoice_update (book, self->document_id, text, &err);
  else
    st = dokus_invoice_create (book, text, id, &err);
  dokus_session_unlock (self->session);
  if (st != DOKUS_OK)
    {
      g_autoptr (GError) error = NULL;
      dokus_gui_error_propagate (&error, &err);
      set_message (self, error->message);
      return FALSE;
    }
  if (self->document_id == NULL)
    self->document_id = g_strdup (id);
  gtk_widget_set_visible (self->delete_group, TRUE); /* a saved draft can be deleted */
  dokus_session_notify_changed (self->session);
  return TRUE;
}

static void
save_clicked_cb (DokusInvoiceEditor *self)
{
  if (save_draft (self))
    {
      toast (self, _("Draft saved"));
      gtk_window_set_title (GTK_WINDOW (self), _("Draft Invoice"));
    }
}

static gboolean
save_shortcut_cb (GtkWidget *widget, GVariant *args, gpointer data)
{
  DokusInvoiceEditor *self = DOKUS_INVOICE_EDITOR (widget);

  (void) args;
  (void) data;
  if (gtk_widget_get_visible (self->save_button) && gtk_widget_is_sensitive (self->save_button))
    save_clicked_cb (self);
  return TRUE;
}

static void
issue_clicked_cb (DokusInvoiceEditor *self)
{
  DokusIssueResult result = { 0 };
  DokusError err = { 0 };
  DokusBook *book;
  DokusStatus st;

  if (book_paused (self) || (!self->read_only && !save_draft (self)))
    return;
  book = dokus_session_lock (self->session);
  st = book ? dokus_document_issue (book, self->document_id, &result, &err)
            : dokus_error_set (&err, DOKUS_ERR_REFUSED, "", "the book is closed");
  dokus_session_unlock (self->session);
  if (show_failure (self, st, &err))
    return;
  dokus_session_notify_changed (self->session);
  load_document (self);
  {
    g_autofree char *text = g_strdup_printf (_("Issued as %s"), result.number);
    toast (self, text);
  }
  if (result.franchise_warning)
    /* xgettext:no-c-format */
    set_message (self, _("Your turnover this year passed 80 % of the small business "
                         "exemption limit."));
}

/* ---- deleting a draft ---------------------------------------------------------------------- */

static void
delete_response_cb (DokusInvoiceEditor *self, const char *response)
{
  DokusError err = { 0 };
  DokusBook *book;
  DokusStatus st;

  /* a sync may have taken the book while the dialog was open */
  if (g_strcmp0 (response, "delete") != 0 || self->document_id == NULL || book_paused (self))
    return;
  book = dokus_session_lock (self->session);
  st = book ? dokus_document_delete_draft (book, self->document_id, &err)
            : dokus_error_set (&err, DOKUS_ERR_REFUSED, "", "the book is closed");
  dokus_session_unlock (self->session);
  if (show_failure (self, st, &err))
    return;
  dokus_session_notify_changed (self->session);
  gtk_window_close (GTK_WINDOW (self));
}

static void
delete_clicked_cb (DokusInvoiceEditor *self)
{
  AdwMessageDialog *dialog;

  if (self->document_id == NULL || book_paused (self))
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Delete This Draft?"),
                                                       _("The draft and its lines are removed "
                                                         "from the book. It has no number yet, "
                                                         "so the series keeps no gap. This "
                                                         "cannot be undone.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- issued documents -------------------------------------------------------------------- */

static void
payment_clicked_cb (DokusInvoiceEditor *self)
{
  gtk_widget_set_visible (self->payment_group, !gtk_widget_get_visible (self->payment_group));
}

static void
payment_confirm_clicked_cb (DokusInvoiceEditor *self)
{
  char amount[DOKUS_MONEY_TEXT], date[DOKUS_DATE_TEXT];
  const char *ref = gtk_editable_get_text (self->payment_reference_row);
  DokusError err = { 0 };
  DokusBook *book;
  DokusStatus st;

  if (book_paused (self))
    return;
  if (!dokus_format_parse_number (dokus_format_style_get_default (),
                                  gtk_editable_get_text (self->payment_amount_row), amount,
                                  sizeof amount))
    {
      set_message (self, _("The amount is not a number."));
      return;
    }
  if (!dokus_format_parse_date (gtk_editable_get_text (self->payment_date_row), date))
    {
      set_message (self, _("The payment date is not a date (day/month/year)."));
      return;
    }
  book = dokus_session_lock (self->session);
  st = book ? dokus_payment_add (book, self->document_id, amount, date, ref[0] ? ref : NULL,
                                 NULL, &err)
            : dokus_error_set (&err, DOKUS_ERR_REFUSED, "", "the book is closed");
  dokus_session_unlock (self->session);
  if (st != DOKUS_OK)
    {
      g_autoptr (GError) error = NULL;
      dokus_gui_error_propagate (&error, &err);
      set_message (self, error->message);
      return;
    }
  set_message (self, NULL);
  gtk_widget_set_visible (self->payment_group, FALSE);
  dokus_session_notify_changed (self->session);
  load_document (self);
  toast (self, _("Payment recorded"));
}

static void
credit_clicked_cb (DokusInvoiceEditor *self)
{
  char id[DOKUS_ID_TEXT];
  DokusError err = { 0 };
  DokusBook *book;
  DokusStatus st;
  GtkWidget *editor;

  if (book_paused (self))
    return;
  book = dokus_session_lock (self->session);
  st = book ? dokus_invoice_credit (book, self->document_id, NULL, id, &err)
            : dokus_error_set (&err, DOKUS_ERR_REFUSED, "", "the book is closed");
  dokus_session_unlock (self->session);
  if (st != DOKUS_OK)
    {
      g_autoptr (GError) error = NULL;
      dokus_gui_error_propagate (&error, &err);
      set_message (self, error->message);
      return;
    }
  dokus_session_notify_changed (self->session);
  editor = dokus_invoice_editor_new (gtk_window_get_transient_for (GTK_WINDOW (self)),
                                     self->session, id);
  gtk_window_present (GTK_WINDOW (editor));
}

/* The issued document @id as PDF (@pdf) or UBL XML: (transfer full) the
 * bytes, or NULL with @err filled. */
static GBytes *
render_document (DokusBook *book, const char *id, gboolean pdf, DokusError *err)
{
  unsigned char *bytes = NULL;
  char *xml = NULL;
  size_t len = 0;
  DokusStatus st;

  if (pdf)
    st = dokus_pdf_export (book, id, NULL, &bytes, &len, err);
  else
    {
      st = dokus_ubl_export (book, id, &xml, &len, err);
      bytes = (unsigned char *) xml;
    }
  if (st != DOKUS_OK)
    return NULL;
  /* libdokus allocates with malloc(): handed to GBytes with free() */
  return g_bytes_new_with_free_func (bytes, len, free, bytes);
}

gboolean
dokus_invoice_editor_export_to (DokusInvoiceEditor *self, GFile *file, gboolean pdf,
                                GError **error)
{
  DokusError err = { 0 };
  DokusBook *book = dokus_session_lock (self->session);
  g_autoptr (GBytes) bytes = NULL;

  if (book == NULL)
    dokus_error_set (&err, DOKUS_ERR_REFUSED, "", "the book is closed");
  else
    bytes = render_document (book, self->document_id, pdf, &err);
  dokus_session_unlock (self->session);
  if (bytes == NULL)
    return dokus_gui_error_propagate (error, &err);
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL,
                                  error);
}

/* An export chosen with the file chooser: rendered on the session's
 * worker, written with GIO's async write, a toast at each end; the
 * editor stays usable meanwhile. */
typedef struct {
  DokusInvoiceEditor *self; /* ref */
  GFile              *file;
  char               *id;
  gboolean            pdf;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->self);
  g_clear_object (&job->file);
  g_free (job->id);
  g_free (job);
}

static gpointer
export_work (DokusBook *book, gpointer data, GCancellable *cancellable, DokusError *err)
{
  ExportJob *job = data;

  (void) cancellable;
  return render_document (book, job->id, job->pdf, err);
}

static void
export_written_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  ExportJob *job = data;
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    set_message (job->self, error->message);
  else
    toast (job->self, job->pdf ? _("PDF exported") : _("UBL exported"));
  export_job_free (job);
}

static void
export_rendered_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  ExportJob *job = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = dokus_session_run_finish (DOKUS_SESSION (source), result, &error);

  if (bytes == NULL)
    {
      set_message (job->self, error->message);
      export_job_free (job);
      return;
    }
  g_file_replace_contents_bytes_async (job->file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                       export_written_cb, job);
}

void
dokus_invoice_editor_export_to_async (DokusInvoiceEditor *self, GFile *file, gboolean pdf)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->self = g_object_ref (self);
  job->file = g_object_ref (file);
  job->id = g_strdup (self->document_id);
  job->pdf = pdf;
  toast (self, pdf ? _("Exporting PDF…") : _("Exporting UBL…"));
  dokus_session_run_async (self->session, export_work, job, NULL, (GDestroyNotify) g_bytes_unref,
                           NULL, export_rendered_cb, job);
}

static void
export_response_cb (GtkNativeDialog *dialog, int response, gpointer data)
{
  DokusInvoiceEditor *self = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      dokus_invoice_editor_export_to_async (self, file,
                                            GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog),
                                                                                "pdf")));
    }
  g_object_unref (self);
  g_object_unref (dialog);
}

static void
start_export (DokusInvoiceEditor *self, gboolean pdf)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (
    pdf ? _("Export PDF") : _("Export UBL"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
    _("_Export"), _("_Cancel"));
  g_autofree char *name = g_strdup_printf ("%s.%s", self->number ? self->number : "invoice",
                                           pdf ? "pdf" : "xml");

  g_strdelimit (name, "/\\", '_');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "pdf", GINT_TO_POINTER (pdf));
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
peppol_clicked_cb (DokusInvoiceEditor *self)
{
  DokusError err = { 0 };
  DokusBook *book;
  DokusStatus st;

  if (book_paused (self))
    return;
  book = dokus_session_lock (self->session);
  st = book ? dokus_peppol_outbox_queue (book, self->document_id,
                                         g_get_real_time () / G_USEC_PER_SEC, NULL, &err)
            : dokus_error_set (&err, DOKUS_ERR_REFUSED, "", "the book is closed");
  dokus_session_unlock (self->session);
  if (st != DOKUS_OK)
    {
      g_autoptr (GError) error = NULL;
      dokus_gui_error_propagate (&error, &err);
      set_message (self, error->message);
      return;
    }
  dokus_session_notify_changed (self->session);
  load_document (self);
  toast (self, _("Queued for Peppol"));
}

static void
pdf_clicked_cb (DokusInvoiceEditor *self)
{
  start_export (self, TRUE);
}

static void
ubl_clicked_cb (DokusInvoiceEditor *self)
{
  start_export (self, FALSE);
}

/* ---- loading ------------------------------------------------------------------------------ */

static void
load_clients (DokusInvoiceEditor *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  char *json = NULL, *profile = NULL;
  DokusBook *book = dokus_session_lock (self->session);
  DokusStatus st = book ? dokus_client_list (book, false, &json, NULL) : DOKUS_ERR_REFUSED;
  g_autoptr (cJSON) o = NULL;
  g_autoptr (cJSON) p = NULL;
  const cJSON *c;

  if (book && dokus_profile_get (book, &profile, NULL) == DOKUS_OK)
    p = dokus_json_take (profile);
  dokus_session_unlock (self->session);
  self->franchise = g_strcmp0 (dokus_json_str (p, "vat_regime", ""), "franchise") == 0;
  g_ptr_array_set_size (self->client_ids, 0);
  if (st == DOKUS_OK && (o = dokus_json_take (json)) != NULL)
    cJSON_ArrayForEach (c, cJSON_GetObjectItemCaseSensitive (o, "clients"))
      {
        gtk_string_list_append (names, dokus_json_str (c, "name", ""));
        g_ptr_array_add (self->client_ids, g_strdup (dokus_json_str (c, "id", "")));
      }
  adw_combo_row_set_model (self->client_row, G_LIST_MODEL (names));
}

/* The menu item of @category and @rate, or -1 when the menu has none. */
static int
vat_choice_of (const char *category, const char *rate)
{
  for (guint i = 0; i < G_N_ELEMENTS (vat_choices); i++)
    if (g_strcmp0 (vat_choices[i].category, category) == 0
        && (strcmp (category, "S") != 0 || g_strcmp0 (vat_choices[i].rate, rate) == 0))
      return (int) i;
  return -1;
}

static void
set_row_text (GtkWidget *row, const char *key, const char *value)
{
  g_object_set_data_full (G_OBJECT (row), key, g_strdup (value), g_free);
}

/* Fills a new line @row with the document line @line. */
static void
load_line (GtkWidget *row, const cJSON *line)
{
  DokusFormatStyle style = dokus_format_style_get_default ();
  const char *category = dokus_json_str (line, "vat_category", "S");
  const char *rate = dokus_json_str (line, "vat_rate", "0");
  const char *discount = dokus_json_str (line, "discount_percent", NULL);
  GtkDropDown *vat = GTK_DROP_DOWN (line_part (row, "vat"));
  int choice = vat_choice_of (category, rate);
  g_autofree char *q = dokus_format_decimal_text (style, dokus_json_str (line, "quantity", ""));
  g_autofree char *p = dokus_format_decimal_text (style, dokus_json_str (line, "unit_price", ""));
  DokusDecimal d = { 0, 0 };

  gtk_editable_set_text (GTK_EDITABLE (line_part (row, "description")),
                         dokus_json_str (line, "description", ""));
  gtk_editable_set_text (GTK_EDITABLE (line_part (row, "quantity")), q);
  gtk_editable_set_text (GTK_EDITABLE (line_part (row, "unit_price")), p);
  if (discount != NULL && dokus_decimal_parse (discount, 2, NULL, &d, NULL) == DOKUS_OK
      && d.units != 0)
    {
      g_autofree char *text = dokus_format_decimal_text (style, discount);
      gtk_editable_set_text (GTK_EDITABLE (line_part (row, "discount")), text);
    }
  set_row_text (row, "unit", dokus_json_str (line, "unit", NULL));
  set_row_text (row, "exemption_reason", dokus_json_str (line, "exemption_reason", NULL));
  set_row_text (row, "exemption_category", category);
  if (choice < 0)
    {
      /* a category the menu does not offer (K, Z, G, O...): kept as its last item */
      GtkStringList *model = GTK_STRING_LIST (gtk_drop_down_get_model (vat));
      g_autofree char *label = g_strdup_printf ("%s %s %%", category, rate);

      gtk_string_list_append (model, label);
      set_row_text (row, "kept_category", category);
      set_row_text (row, "kept_rate", rate);
      choice = (int) G_N_ELEMENTS (vat_choices);
    }
  gtk_drop_down_set_selected (vat, (guint) choice);
}

/* A copy of @object without its null members. (transfer full) */
static cJSON *
dup_without_nulls (const cJSON *object)
{
  cJSON *copy = cJSON_CreateObject ();
  const cJSON *m;

  cJSON_ArrayForEach (m, object)
    if (!cJSON_IsNull (m))
      cJSON_AddItemToObject (copy, m->string, cJSON_Duplicate (m, TRUE));
  return copy;
}

/* Keeps what draft @d holds that the form does not show, in INVOICE JSON. */
static void
keep_hidden_fields (DokusInvoiceEditor *self, const cJSON *d)
{
  const cJSON *terms = cJSON_GetObjectItemCaseSensitive (d, "payment_terms_days");
  const cJSON *delivery = cJSON_GetObjectItemCaseSensitive (d, "delivery");
  static const char *const lists[] = { "allowances", "charges" };

  g_clear_pointer (&self->kept, cJSON_Delete);
  self->kept = cJSON_CreateObject ();
  if (cJSON_IsNumber (terms))
    cJSON_AddNumberToObject (self->kept, "payment_terms_days", terms->valuedouble);
  if (cJSON_IsObject (delivery))
    cJSON_AddItemToObject (self->kept, "delivery", dup_without_nulls (delivery));
  for (gsize k = 0; k < G_N_ELEMENTS (lists); k++)
    {
      const cJSON *items = cJSON_GetObjectItemCaseSensitive (d, lists[k]), *item;
      cJSON *copy;

      if (cJSON_GetArraySize (items) == 0)
        continue;
      copy = cJSON_AddArrayToObject (self->kept, lists[k]);
      cJSON_ArrayForEach (item, items)
        cJSON_AddItemToArray (copy, dup_without_nulls (item));
    }
}

/* Shows the date @key of @d in @row; "" when @d has none. */
static void
load_date (GtkEditable *row, const cJSON *d, const char *key)
{
  const char *iso = dokus_json_str (d, key, NULL);
  g_autofree char *text = iso ? dokus_format_date_text (dokus_format_style_get_default (), iso)
                              : g_strdup ("");

  gtk_editable_set_text (row, text);
}

static void
set_read_only (DokusInvoiceEditor *self, gboolean read_only, gboolean draft)
{
  self->read_only = read_only;
  gtk_widget_set_sensitive (GTK_WIDGET (self->client_row), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->issue_date_row), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->due_date_row), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->buyer_reference_row), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->order_reference_row), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_row), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->lines_box), !read_only);
  gtk_widget_set_visible (self->add_line_button, !read_only);
  gtk_widget_set_visible (self->save_button, !read_only);
  gtk_widget_set_visible (self->issue_button, draft);
  gtk_widget_set_visible (self->status_group, !draft);
  gtk_widget_set_visible (self->actions_group, !draft);
  gtk_widget_set_visible (self->delete_group, draft && self->document_id != NULL);
}

static void
load_document (DokusInvoiceEditor *self)
{
  DokusFormatStyle style = dokus_format_style_get_default ();
  char *json = NULL;
  DokusError err = { 0 };
  DokusPeppolTransmission tx;
  DokusStatus peppol_st = DOKUS_ERR_NOT_FOUND;
  DokusBook *book = dokus_session_lock (self->session);
  DokusStatus st = book ? dokus_document_show (book, self->document_id, &json, &err)
                        : DOKUS_ERR_REFUSED;
  g_autoptr (cJSON) d = NULL;
  const cJSON *line;
  const char *status, *number, *client_id;
  gboolean draft, credit_note, open;
  GtkWidget *child;
  g_autofree char *open_text = NULL;

  if (st == DOKUS_OK)
    peppol_st = dokus_peppol_outbox_get (book, self->document_id, &tx, NULL);
  dokus_session_unlock (self->session);
  if (st != DOKUS_OK || (d = dokus_json_take (json)) == NULL)
    {
      set_message (self, _("This document could not be read."));
      return;
    }
  dokus_comments_view_set_subject (self->comments_view, self->session, self->document_id,
                                   self->pause_label);
  status = dokus_json_str (d, "status", "draft");
  number = dokus_json_str (d, "number", NULL);
  draft = g_strcmp0 (status, "draft") == 0;
  credit_note = g_strcmp0 (dokus_json_str (d, "type", ""), "credit_note") == 0;
  g_free (self->number);
  self->number = g_strdup (number);
  if (number)
    {
      g_autofree char *title = g_strdup_printf (credit_note ? _("Credit Note %s")
                                                            : _("Invoice %s"), number);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), credit_note ? _("Draft Credit Note")
                                                         : _("Draft Invoice"));
  client_id = dokus_json_path_str (d, "client.id", "");
  for (guint i = 0; i < self->client_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->client_ids, i), client_id) == 0)
      adw_combo_row_set_selected (self->client_row, i);
  /* a draft without a date is issued on the day it is issued: the row stays empty */
  load_date (self->issue_date_row, d, "issue_date");
  load_date (self->due_date_row, d, "due_date");
  gtk_editable_set_text (self->buyer_reference_row, dokus_json_str (d, "buyer_reference", ""));
  gtk_editable_set_text (self->order_reference_row, dokus_json_str (d, "order_reference", ""));
  gtk_editable_set_text (self->note_row, dokus_json_str (d, "note", ""));
  keep_hidden_fields (self, d);
  self->read_only = TRUE; /* no recomputing while the lines are filled */
  gtk_window_set_focus (GTK_WINDOW (self), NULL); /* a focused line is about to go */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box))) != NULL)
    gtk_list_box_remove (self->lines_box, child);
  cJSON_ArrayForEach (line, cJSON_GetObjectItemCaseSensitive (d, "lines"))
    load_line (add_line (self), line);
  /* drafts of invoices are edited; credit note drafts only issued; issued ones only read */
  set_read_only (self, !draft || credit_note, draft);
  self->read_only = FALSE;
  read_form (self, NULL);
  self->read_only = !draft || credit_note;

  open_text = dokus_format_money_text (style, dokus_json_str (d, "open_amount", NULL));
  adw_action_row_set_subtitle (self->status_row,
                               dokus_invoice_status_label (dokus_json_bool (d, "overdue")
                                                             ? "overdue"
                                                             : status));
  adw_action_row_set_subtitle (self->open_row, open_text);
  if (peppol_st == DOKUS_OK)
    {
      const char *state = dokus_peppol_state_name (tx.state);
      adw_action_row_set_subtitle (self->peppol_row,
                                   tx.state == DOKUS_PEPPOL_DELIVERED ? _("Delivered")
                                   : tx.state == DOKUS_PEPPOL_REJECTED ? _("Rejected")
                                   : tx.state == DOKUS_PEPPOL_QUEUED   ? _("Waiting to be sent")
                                                                       : state);
    }
  else
    adw_action_row_set_subtitle (self->peppol_row, _("Not sent via Peppol"));
  gtk_widget_set_visible (self->peppol_button, !draft && peppol_st != DOKUS_OK);
  open = g_strcmp0 (dokus_json_str (d, "open_amount", "0.00"), "0.00") != 0;
  gtk_widget_set_visible (self->payment_button, !draft && open);
  gtk_widget_set_visible (self->credit_button, !draft && !credit_note
                                                 && g_strcmp0 (status, "credited") != 0);
  if (open)
    {
      g_autofree char *amount = dokus_format_decimal_text (style,
                                                           dokus_json_str (d, "open_amount", ""));
      char today[DOKUS_DATE_TEXT];
      g_autofree char *today_text = dokus_format_date_text (style,
                                                            dokus_date_format (dokus_date_today (),
                                                                               today));
      gtk_editable_set_text (self->payment_amount_row, amount);
      gtk_editable_set_text (self->payment_date_row, today_text);
    }
}

/* Reads the clients and the document, once: opened while a long job held
 * the book, the editor does it on "idle". */
static void
load_book (DokusInvoiceEditor *self)
{
  self->loaded = TRUE;
  load_clients (self);
  if (self->document_id)
    load_document (self);
  else
    recompute (self);
}

static void
session_idle_cb (DokusInvoiceEditor *self)
{
  if (!self->loaded)
    load_book (self);
}

/* ---- public -------------------------------------------------------------------------------- */

const char *
dokus_invoice_editor_get_document_id (DokusInvoiceEditor *self)
{
  return self->document_id;
}

char *
dokus_invoice_editor_dup_totals_text (DokusInvoiceEditor *self)
{
  GString *s = g_string_new (NULL);

  for (int r = 0;; r++)
    {
      GtkWidget *l = gtk_grid_get_child_at (self->totals_grid, 0, r);
      GtkWidget *a = gtk_grid_get_child_at (self->totals_grid, 1, r);
      if (l == NULL || a == NULL)
        break;
      g_string_append_printf (s, "%s\t%s\n", gtk_label_get_text (GTK_LABEL (l)),
                              gtk_label_get_text (GTK_LABEL (a)));
    }
  return g_string_free (s, FALSE);
}

char *
dokus_invoice_editor_dup_message (DokusInvoiceEditor *self)
{
  return g_strdup (gtk_label_get_text (self->message_label));
}

static void
dokus_invoice_editor_dispose (GObject *object)
{
  DokusInvoiceEditor *self = DOKUS_INVOICE_EDITOR (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (dokus_invoice_editor_parent_class)->dispose (object);
}

static void
dokus_invoice_editor_finalize (GObject *object)
{
  DokusInvoiceEditor *self = DOKUS_INVOICE_EDITOR (object);

  g_ptr_array_unref (self->client_ids);
  g_free (self->document_id);
  g_free (self->number);
  g_clear_pointer (&self->kept, cJSON_Delete);
  G_OBJECT_CLASS (dokus_invoice_editor_parent_class)->finalize (object);
}

static void
dokus_invoice_editor_class_init (DokusInvoiceEditorClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = dokus_invoice_editor_dispose;
  G_OBJECT_CLASS (klass)->finalize = dokus_invoice_editor_finalize;
  g_type_ensure (DOKUS_TYPE_COMMENTS_VIEW);
  gtk_widget_class_set_template_from_resource (wc, RESOURCE_PATH "/dokus-invoice-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (wc, DokusInvoiceEditor, name)
  BIND (issue_button);
  BIND (save_button);
  BIND (toasts);
  BIND (status_group);
  BIND (status_row);
  BIND (open_row);
  BIND (peppol_row);
  BIND (actions_group);
  BIND (payment_button);
  BIND (credit_button);
  BIND (pdf_button);
  BIND (peppol_button);
  BIND (ubl_button);
  BIND (payment_group);
  BIND (payment_amount_row);
  BIND (payment_date_row);
  BIND (payment_reference_row);
  BIND (payment_confirm_button);
  BIND (client_row);
  BIND (issue_date_row);
  BIND (due_date_row);
  BIND (buyer_reference_row);
  BIND (order_reference_row);
  BIND (note_row);
  BIND (lines_group);
  BIND (add_line_button);
  BIND (lines_box);
  BIND (totals_grid);
  BIND (message_label);
  BIND (pause_label);
  BIND (delete_group);
  BIND (delete_button);
  BIND (comments_view);
#undef BIND
  gtk_widget_class_bind_template_callback (wc, issue_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, save_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, payment_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, payment_confirm_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, credit_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, pdf_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, peppol_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, ubl_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, add_line_clicked_cb);
  gtk_widget_class_bind_template_callback (wc, delete_clicked_cb);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (wc, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut_cb, NULL);
}

static void
dokus_invoice_editor_init (DokusInvoiceEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->client_ids = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
dokus_invoice_editor_new (GtkWindow *parent, DokusSession *session, const char *document_id)
{
  DokusInvoiceEditor *self = g_object_new (DOKUS_TYPE_INVOICE_EDITOR, "transient-for", parent,
                                           NULL);

  GtkWidget *writers[] = { self->save_button, self->issue_button, self->payment_button,
                           self->payment_confirm_button, self->credit_button,
                           self->peppol_button, self->delete_button };

  self->session = g_object_ref (session);
  self->document_id = g_strdup (document_id);
  for (gsize i = 0; i < G_N_ELEMENTS (writers); i++)
    dokus_write_pause_add (GTK_WIDGET (self), session, writers[i], self->pause_label);
  g_signal_connect_swapped (self->client_row, "notify::selected", G_CALLBACK (recompute), self);
  g_signal_connect_object (session, "idle", G_CALLBACK (session_idle_cb), self,
                           G_CONNECT_SWAPPED);
  if (document_id == NULL)
    add_line (self);
  if (dokus_session_is_busy (session))
    {
      /* the book is read once the job ends: a draft's form stays closed till then, a new
       * invoice can be typed (its clients arrive with the book) */
      if (document_id)
        set_read_only (self, TRUE, TRUE);
      else
        recompute (self);
    }
  else
    load_book (self);
  return GTK_WIDGET (self);
}

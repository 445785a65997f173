/* dokus-pdf-layout.c
 *
 * The pages of an invoice or credit note, drawn with cairo and Pango from
 * the frozen document JSON: the seller and the document block, the
 * customer, the lines (descriptions wrap, and a long one continues on the
 * next page), the VAT breakdown and the totals, the legal mentions, the
 * payment block with its EPC QR code, and on every page a footer with
 * "Page x/y". A page that continues the lines repeats a short header and
 * the table's heading. The seller's logo, frozen at issue, is top left.
 * What a Belgian invoice must carry, and where this layout prints it:
 * docs/pdf.md.
 *
 * Text is set by Pango with whatever fontconfig gives for "DejaVu Sans"
 * (Debian's default sans), so nothing is embedded in the repository. The
 * layout is computed twice by the caller (a counting pass, then the real
 * one); everything here is a function of its inputs only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "dokus-pdf-layout-private.h"
#include "dokus-render-private.h"
#include "dokus-render-qr-private.h"

#define MARGIN 48.0
#define CONTENT_WIDTH (DOKUS_PDF_PAGE_WIDTH - 2 * MARGIN)
#define FOOTER_TOP (DOKUS_PDF_PAGE_HEIGHT - 52.0)
#define BODY_BOTTOM (FOOTER_TOP - 10.0)
#define RIGHT_COLUMN (MARGIN + 250.0)
#define RIGHT_WIDTH (CONTENT_WIDTH - 250.0)
#define LEFT_WIDTH 240.0
#define TOTALS_WIDTH 230.0
#define QR_SIZE 104.0
#define LOGO_MAX_WIDTH 160.0
#define LOGO_MAX_HEIGHT 56.0

#define QR_MAX_VERSION 13 /* EPC069-12 */
#define FONT "DejaVu Sans, Sans"

/* the columns of the lines table: x from MARGIN, width */
#define COL_DESC_X 0.0
#define COL_DESC_W 206.0
#define COL_QTY_X 210.0
#define COL_QTY_W 68.0
#define COL_PRICE_X 282.0
#define COL_PRICE_W 80.0
#define COL_VAT_X 364.0
#define COL_VAT_W 40.0
#define COL_NET_X 404.0
#define COL_NET_W (CONTENT_WIDTH - COL_NET_X)

typedef enum { REGULAR, BOLD, SMALL, SMALL_BOLD, TITLE, SELLER } Style;

typedef struct {
  cairo_t *cr;
  const cJSON *doc;
  const char *lang;
  bool credit_note;
  int page;        /* the page being drawn, from 1 */
  int pages_total; /* 0 in the counting pass */
  double y;        /* where the next block starts */
  PangoFontDescription *fonts[SELLER + 1];
  cairo_surface_t *logo; /* nullable */
} Layout;

static const char *
str (const cJSON *o, const char *key)
{
  return dokus_render_str (o, key);
}

static const cJSON *
obj (const cJSON *o, const char *key)
{
  return cJSON_GetObjectItemCaseSensitive (o, key);
}

static const char *
label (const Layout *l, DokusLabel which)
{
  return dokus_render_label (which, l->lang);
}

static PangoLayout *
new_text (Layout *l, const char *text, Style style, double width, PangoAlignment align)
{
  PangoLayout *pl = pango_cairo_create_layout (l->cr);
  pango_layout_set_font_description (pl, l->fonts[style]);
  if (width > 0)
    {
      pango_layout_set_width (pl, pango_units_from_double (width));
      pango_layout_set_wrap (pl, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (pl, align);
  pango_layout_set_text (pl, text ? text : "", -1);
  return pl;
}

static double
layout_height (PangoLayout *pl)
{
  int w, h;
  pango_layout_get_size (pl, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
set_grey (Layout *l, double level)
{
  cairo_set_source_rgb (l->cr, level, level, level);
}

/* Draws @text at @x, @y in @width (0: no wrapping) when @draw; returns
 * its height. */
static double
text_at (Layout *l, bool draw, double x, double y, double width, const char *text, Style style,
         PangoAlignment align)
{
  PangoLayout *pl = new_text (l, text, style, width, align);
  double h = layout_height (pl);

  if (draw)
    {
      cairo_move_to (l->cr, x, y);
      pango_cairo_show_layout (l->cr, pl);
    }
  g_object_unref (pl);
  return h;
}

/* The width of @text on one line. */
static double
text_width (Layout *l, const char *text, Style style)
{
  PangoLayout *pl = new_text (l, text, style, 0, PANGO_ALIGN_LEFT);
  int w, h;
  pango_layout_get_size (pl, &w, &h);
  g_object_unref (pl);
  return (double) w / PANGO_SCALE;
}

/* The widest of @n labels, plus a gap, at most @max. */
static double
labels_width (Layout *l, const DokusLabel *labels_, size_t n, double max)
{
  double w = 0;
  for (size_t i = 0; i < n; i++)
    {
      double wi = text_width (l, dokus_render_label (labels_[i], l->lang), REGULAR);
      if (wi > w)
        w = wi;
    }
  w += 10;
  return w < max ? w : max;
}

static void
hline (Layout *l, double x, double y, double width, double grey)
{
  cairo_save (l->cr);
  set_grey (l, grey);
  cairo_set_line_width (l->cr, 0.5);
  cairo_move_to (l->cr, x, y);
  cairo_line_to (l->cr, x + width, y);
  cairo_stroke (l->cr);
  cairo_restore (l->cr);
}

/* "0417497106" -> "0417.497.106" (the usual print form of a KBO/BCE number) */
static const char *
enterprise_text (const char *number, char buf[16])
{
  if (number == NULL || strlen (number) != 10 || strspn (number, "0123456789") != 10)
    return number;
  snprintf (buf, 16, "%.4s.%.3s.%.3s", number, number + 4, number + 7);
  return buf;
}

/* An IBAN in groups of four, as it is printed. */
static const char *
iban_text (const char *iban, char buf[48])
{
  size_t n = 0;
  for (size_t i = 0; iban[i] != '\0' && n + 2 < 48; i++)
    {
      if (i > 0 && i % 4 == 0)
        buf[n++] = ' ';
      buf[n++] = iban[i];
    }
  buf[n] = '\0';
  return buf;
}

/* ---- the parties ------------------------------------------------------------------------- */

/* The lines of a party's block, one string each: name, address, VAT and
 * enterprise numbers, e-mail. Returns the number of lines. */
static size_t
party_lines (const Layout *l, const cJSON *p, bool seller, const char *home_country,
             char lines[10][256])
{
  const cJSON *addr = obj (p, "address");
  const char *name = str (p, "name"), *trading = seller ? str (p, "trading_name") : NULL;
  const char *street = str (addr, "street"), *postal = str (addr, "postal_code");
  const char *city = str (addr, "city"), *country = str (addr, "country");
  char kbo[16];
  size_t n = 0;

  if (country == NULL)
    country = str (p, "country");
  if (trading != NULL && name != NULL && strcmp (trading, name) != 0)
    snprintf (lines[n++], 256, "%s", name); /* the legal name under the trading name */
  if (street != NULL)
    snprintf (lines[n++], 256, "%s", street);
  if (postal != NULL || city != NULL)
    snprintf (lines[n++], 256, "%s%s%s", postal ? postal : "", postal && city ? " " : "",
              city ? city : "");
  if (country != NULL && (home_country == NULL || strcmp (country, home_country) != 0))
    snprintf (lines[n++], 256, "%s", dokus_render_country (country, l->lang));
  if (str (p, "vat_number") != NULL)
    snprintf (lines[n++], 256, "%s %s", label (l, DOKUS_LABEL_VAT_NUMBER), str (p, "vat_number"));
  /* the seller's legal form, and its register after the enterprise
   * number: art. III.25 WER/CDE */
  if (seller && str (p, "legal_form") != NULL)
    snprintf (lines[n++], 256, "%s %s", label (l, DOKUS_LABEL_LEGAL_FORM), str (p, "legal_form"));
  if (str (p, "enterprise_number") != NULL)
    snprintf (lines[n++], 256, "%s %s%s%s", label (l, DOKUS_LABEL_ENTERPRISE_NUMBER),
              enterprise_text (str (p, "enterprise_number"), kbo),
              seller && str (p, "register") ? " " : "",
              seller && str (p, "register") ? str (p, "register") : "");
  if (str (p, "email") != NULL)
    snprintf (lines[n++], 256, "%s %s", label (l, DOKUS_LABEL_EMAIL), str (p, "email"));
  return n;
}

/* The logo top left, scaled to fit LOGO_MAX_WIDTH × LOGO_MAX_HEIGHT
 * (never enlarged); returns the y below it. */
static double
draw_logo (Layout *l, double y)
{
  double w, h, scale;

  if (l->logo == NULL)
    return y;
  w = cairo_image_surface_get_width (l->logo);
  h = cairo_image_surface_get_height (l->logo);
  if (w <= 0 || h <= 0)
    return y;
  scale = LOGO_MAX_WIDTH / w < LOGO_MAX_HEIGHT / h ? LOGO_MAX_WIDTH / w : LOGO_MAX_HEIGHT / h;
  if (scale > 1)
    scale = 1;
  cairo_save (l->cr);
  cairo_translate (l->cr, MARGIN, y);
  cairo_scale (l->cr, scale, scale);
  cairo_set_source_surface (l->cr, l->logo, 0, 0);
  cairo_paint (l->cr);
  cairo_restore (l->cr);
  return y + h * scale + 8;
}

static double
draw_seller (Layout *l, double y)
{
  const cJSON *seller = obj (l->doc, "seller");
  const char *name = str (seller, "trading_name") ? str (seller, "trading_name")
                                                  : str (seller, "name");
  char lines[10][256];
  size_t n = party_lines (l, seller, true, NULL, lines);

  y = draw_logo (l, y);
  cairo_set_source_rgb (l->cr, 0.11, 0.23, 0.42);
  y += text_at (l, true, MARGIN, y, LEFT_WIDTH, name, SELLER, PANGO_ALIGN_LEFT) + 4;
  set_grey (l, 0.15);
  for (size_t i = 0; i < n; i++)
    y += text_at (l, true, MARGIN, y, LEFT_WIDTH, lines[i], REGULAR, PANGO_ALIGN_LEFT);
  return y;
}

static double
draw_buyer (Layout *l, double y)
{
  const cJSON *buyer = obj (l->doc, "buyer");
  const char *home = str (obj (obj (l->doc, "seller"), "address"), "country");
  char lines[10][256];
  size_t n = party_lines (l, buyer, false, home ? home : "BE", lines);
  double top = y;

  set_grey (l, 0.45);
  y += text_at (l, true, RIGHT_COLUMN + 10, y + 8, RIGHT_WIDTH - 20,
                label (l, DOKUS_LABEL_CUSTOMER), SMALL, PANGO_ALIGN_LEFT) + 10;
  set_grey (l, 0.1);
  y += text_at (l, true, RIGHT_COLUMN + 10, y, RIGHT_WIDTH - 20, str (buyer, "name"), BOLD,
                PANGO_ALIGN_LEFT);
  for (size_t i = 0; i < n; i++)
    y += text_at (l, true, RIGHT_COLUMN + 10, y, RIGHT_WIDTH - 20, lines[i], REGULAR,
                  PANGO_ALIGN_LEFT);
  y += 8;
  cairo_save (l->cr);
  set_grey (l, 0.75);
  cairo_set_line_width (l->cr, 0.6);
  cairo_rectangle (l->cr, RIGHT_COLUMN, top, RIGHT_WIDTH, y - top);
  cairo_stroke (l->cr);
  cairo_restore (l->cr);
  return y;
}

/* ---- the document block ------------------------------------------------------------------ */

static double
key_value (Layout *l, double y, double kw, const char *key, const char *value)
{
  double h;
  set_grey (l, 0.4);
  h = text_at (l, true, RIGHT_COLUMN, y, kw, key, REGULAR, PANGO_ALIGN_LEFT);
  set_grey (l, 0.1);
  {
    double h2 = text_at (l, true, RIGHT_COLUMN + kw, y, RIGHT_WIDTH - kw, value, REGULAR,
                         PANGO_ALIGN_LEFT);
    if (h2 > h)
      h = h2;
  }
  return h;
}

static double
draw_document_block (Layout *l, double y)
{
  const cJSON *delivery = obj (l->doc, "delivery"), *billing = obj (l->doc, "billing_reference");
  static const DokusLabel keys[] = {
    DOKUS_LABEL_NUMBER,           DOKUS_LABEL_ISSUE_DATE,       DOKUS_LABEL_DUE_DATE,
    DOKUS_LABEL_DELIVERY_DATE,    DOKUS_LABEL_DELIVERY_COUNTRY, DOKUS_LABEL_CREDITED_INVOICE,
    DOKUS_LABEL_BUYER_REFERENCE,  DOKUS_LABEL_ORDER_REFERENCE,
  };
  double kw = labels_width (l, keys, sizeof keys / sizeof keys[0], 130);
  char d[DOKUS_PDF_DATE_TEXT], ref[160];

  cairo_set_source_rgb (l->cr, 0.11, 0.23, 0.42);
  y += text_at (l, true, RIGHT_COLUMN, y, RIGHT_WIDTH,
                label (l, l->credit_note ? DOKUS_LABEL_CREDIT_NOTE : DOKUS_LABEL_INVOICE), TITLE,
                PANGO_ALIGN_LEFT) + 6;
  y += key_value (l, y, kw, label (l, DOKUS_LABEL_NUMBER), str (l->doc, "number"));
  y += key_value (l, y, kw, label (l, DOKUS_LABEL_ISSUE_DATE),
                  dokus_render_date (str (l->doc, "issue_date"), l->lang, d));
  if (!l->credit_note && str (l->doc, "due_date") != NULL)
    y += key_value (l, y, kw, label (l, DOKUS_LABEL_DUE_DATE),
                    dokus_render_date (str (l->doc, "due_date"), l->lang, d));
  if (str (delivery, "date") != NULL)
    y += key_value (l, y, kw, label (l, DOKUS_LABEL_DELIVERY_DATE),
                    dokus_render_date (str (delivery, "date"), l->lang, d));
  if (str (delivery, "country") != NULL)
    y += key_value (l, y, kw, label (l, DOKUS_LABEL_DELIVERY_COUNTRY),
                    dokus_render_country (str (delivery, "country"), l->lang));
  if (l->credit_note && str (billing, "number") != NULL)
    {
      snprintf (ref, sizeof ref, "%s (%s)", str (billing, "number"),
                dokus_render_date (str (billing, "issue_date"), l->lang, d));
      y += key_value (l, y, kw, label (l, DOKUS_LABEL_CREDITED_INVOICE), ref);
    }
  if (str (l->doc, "buyer_reference") != NULL)
    y += key_value (l, y, kw, label (l, DOKUS_LABEL_BUYER_REFERENCE), str (l->doc, "buyer_reference"));
  if (str (l->doc, "order_reference") != NULL)
    y += key_value (l, y, kw, label (l, DOKUS_LABEL_ORDER_REFERENCE), str (l->doc, "order_reference"));
  return y;
}

/* ---- pages ------------------------------------------------------------------------------- */

static void
draw_footer (Layout *l)
{
  const cJSON *seller = obj (l->doc, "seller");
  char left[512], right[64], iban[48];

  hline (l, MARGIN, FOOTER_TOP, CONTENT_WIDTH, 0.75);
  snprintf (left, sizeof left, "%s · %s %s%s%s", str (seller, "name") ? str (seller, "name") : "",
            label (l, DOKUS_LABEL_VAT_NUMBER),
            str (seller, "vat_number") ? str (seller, "vat_number") : "",
            str (seller, "iban") ? " · IBAN " : "",
            str (seller, "iban") ? iban_text (str (seller, "iban"), iban) : "");
  if (l->pages_total > 0)
    snprintf (right, sizeof right, "%s %d/%d", label (l, DOKUS_LABEL_PAGE), l->page,
              l->pages_total);
  else
    snprintf (right, sizeof right, "%s %d", label (l, DOKUS_LABEL_PAGE), l->page);
  set_grey (l, 0.4);
  text_at (l, true, MARGIN, FOOTER_TOP + 6, CONTENT_WIDTH - 90, left, SMALL, PANGO_ALIGN_LEFT);
  text_at (l, true, MARGIN + CONTENT_WIDTH - 90, FOOTER_TOP + 6, 90, right, SMALL,
           PANGO_ALIGN_RIGHT);
}

/* The lines table's heading; a label too long for its column wraps and
 * the heading grows with it. */
static double
draw_table_heading (Layout *l, double y)
{
  const struct {
    DokusLabel label;
    double x, w;
    PangoAlignment align;
  } cols[] = {
    { DOKUS_LABEL_DESCRIPTION, COL_DESC_X + 4, COL_DESC_W - 4, PANGO_ALIGN_LEFT },
    { DOKUS_LABEL_QUANTITY, COL_QTY_X, COL_QTY_W, PANGO_ALIGN_RIGHT },
    { DOKUS_LABEL_UNIT_PRICE, COL_PRICE_X, COL_PRICE_W, PANGO_ALIGN_RIGHT },
    { DOKUS_LABEL_VAT, COL_VAT_X, COL_VAT_W, PANGO_ALIGN_RIGHT },
    { DOKUS_LABEL_NET, COL_NET_X, COL_NET_W - 4, PANGO_ALIGN_RIGHT },
  };
  double h = 0;

  for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
    {
      double hi = text_at (l, false, 0, 0, cols[i].w, label (l, cols[i].label), SMALL_BOLD,
                           cols[i].align);
      if (hi > h)
        h = hi;
    }
  cairo_save (l->cr);
  set_grey (l, 0.93);
  cairo_rectangle (l->cr, MARGIN, y, CONTENT_WIDTH, h + 8);
  cairo_fill (l->cr);
  cairo_restore (l->cr);
  set_grey (l, 0.2);
  for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
    text_at (l, true, MARGIN + cols[i].x, y + 4, cols[i].w, label (l, cols[i].label), SMALL_BOLD,
             cols[i].align);
  return y + h + 12;
}

/* Ends the page and starts the next with the short header; with
 * @table, the lines table's heading too. */
static void
next_page (Layout *l, bool table)
{
  char title[160];

  draw_footer (l);
  cairo_show_page (l->cr);
  l->page++;
  l->y = MARGIN;
  snprintf (title, sizeof title, "%s %s",
            label (l, l->credit_note ? DOKUS_LABEL_CREDIT_NOTE : DOKUS_LABEL_INVOICE),
            str (l->doc, "number") ? str (l->doc, "number") : "");
  cairo_set_source_rgb (l->cr, 0.11, 0.23, 0.42);
  text_at (l, true, MARGIN, l->y, 280,
           str (obj (l->doc, "seller"), "trading_name")
             ? str (obj (l->doc, "seller"), "trading_name")
             : str (obj (l->doc, "seller"), "name"),
           BOLD, PANGO_ALIGN_LEFT);
  l->y += text_at (l, true, RIGHT_COLUMN, l->y, RIGHT_WIDTH, title, BOLD, PANGO_ALIGN_RIGHT) + 14;
  if (table)
    l->y = draw_table_heading (l, l->y);
}

/* Room for @height more points on this page, or a new page. */
static void
ensure_room (Layout *l, double height, bool table)
{
  if (l->y + height > BODY_BOTTOM)
    next_page (l, table);
}

/* ---- the lines --------------------------------------------------------------------------- */

/* The VAT column of a line or adjustment: its rate for S and Z, else its
 * category's code (the mentions say why). */
static const char *
vat_column (const Layout *l, const char *category, const char *rate, char buf[DOKUS_PDF_MONEY_TEXT])
{
  if (category == NULL || strcmp (category, "S") == 0 || strcmp (category, "Z") == 0)
    return dokus_render_percent (rate ? rate : "0", l->lang, buf);
  return category;
}

/* One row: the description flowing line by line (a row that fits on a
 * page is kept whole), the figures on its first line. */
static void
draw_row (Layout *l, const char *description, const char *detail, const char *qty,
          const char *price, const char *vat, const char *net)
{
  PangoLayout *pl = new_text (l, description, REGULAR, COL_DESC_W - 4, PANGO_ALIGN_LEFT);
  PangoLayout *dl = detail ? new_text (l, detail, SMALL, COL_DESC_W - 4, PANGO_ALIGN_LEFT) : NULL;
  double height = layout_height (pl) + (dl ? layout_height (dl) : 0) + 5;
  PangoLayoutIter *it;
  double shift;
  bool first = true;

  if (height <= BODY_BOTTOM - (MARGIN + 40))
    ensure_room (l, height, true);
  it = pango_layout_get_iter (pl);
  shift = l->y + 2;
  do
    {
      PangoRectangle r;
      double top, line_h;
      pango_layout_iter_get_line_extents (it, NULL, &r);
      top = (double) r.y / PANGO_SCALE;
      line_h = (double) r.height / PANGO_SCALE;
      if (shift + top + line_h > BODY_BOTTOM)
        {
          next_page (l, true);
          shift = l->y + 2 - top;
        }
      if (first)
        {
          double fy = shift + top;
          set_grey (l, 0.1);
          text_at (l, true, MARGIN + COL_QTY_X, fy, COL_QTY_W, qty, REGULAR, PANGO_ALIGN_RIGHT);
          text_at (l, true, MARGIN + COL_PRICE_X, fy, COL_PRICE_W, price, REGULAR,
                   PANGO_ALIGN_RIGHT);
          text_at (l, true, MARGIN + COL_VAT_X, fy, COL_VAT_W, vat, REGULAR, PANGO_ALIGN_RIGHT);
          text_at (l, true, MARGIN + COL_NET_X, fy, COL_NET_W - 4, net, REGULAR,
                   PANGO_ALIGN_RIGHT);
          first = false;
        }
      set_grey (l, 0.1);
      cairo_move_to (l->cr, MARGIN + COL_DESC_X + 4 + (double) r.x / PANGO_SCALE,
                     shift + (double) pango_layout_iter_get_baseline (it) / PANGO_SCALE);
      pango_cairo_show_layout_line (l->cr, pango_layout_iter_get_line_readonly (it));
      l->y = shift + top + line_h;
    }
  while (pango_layout_iter_next_line (it));
  pango_layout_iter_free (it);
  if (dl != NULL)
    {
      if (l->y + layout_height (dl) > BODY_BOTTOM)
        next_page (l, true);
      set_grey (l, 0.4);
      cairo_move_to (l->cr, MARGIN + COL_DESC_X + 4, l->y);
      pango_cairo_show_layout (l->cr, dl);
      l->y += layout_height (dl);
      g_object_unref (dl);
    }
  g_object_unref (pl);
  l->y += 2;
  hline (l, MARGIN, l->y, CONTENT_WIDTH, 0.88);
  l->y += 1;
}

static void
draw_lines (Layout *l)
{
  const cJSON *line, *a;
  char q[DOKUS_PDF_MONEY_TEXT], qty[96], price[DOKUS_PDF_MONEY_TEXT], vat[DOKUS_PDF_MONEY_TEXT];
  char net[DOKUS_PDF_MONEY_TEXT], pct[DOKUS_PDF_MONEY_TEXT], detail[128], minus[80];

  l->y = draw_table_heading (l, l->y);
  cJSON_ArrayForEach (line, obj (l->doc, "lines"))
    {
      const char *unit = dokus_render_unit (str (line, "unit"), l->lang);
      const char *discount = str (line, "discount_percent");
      snprintf (qty, sizeof qty, "%s%s%s", dokus_render_decimal (str (line, "quantity"), l->lang, q),
                unit[0] ? " " : "", unit);
      if (discount != NULL)
        snprintf (detail, sizeof detail, "%s %s", label (l, DOKUS_LABEL_DISCOUNT),
                  dokus_render_percent (discount, l->lang, pct));
      draw_row (l, str (line, "description"), discount ? detail : NULL, qty,
                dokus_render_price (str (line, "unit_price"), l->lang, price),
                vat_column (l, str (line, "vat_category"), str (line, "vat_rate"), vat),
                dokus_render_amount (str (line, "line_extension_amount"), l->lang, net));
    }
  cJSON_ArrayForEach (a, obj (l->doc, "allowances"))
    {
      snprintf (detail, sizeof detail, "%s", label (l, DOKUS_LABEL_ALLOWANCE));
      snprintf (minus, sizeof minus, "-%s", dokus_render_amount (str (a, "amount"), l->lang, net));
      draw_row (l, str (a, "reason"), detail, "", "",
                vat_column (l, str (a, "vat_category"), str (a, "vat_rate"), vat), minus);
    }
  cJSON_ArrayForEach (a, obj (l->doc, "charges"))
    {
      snprintf (detail, sizeof detail, "%s", label (l, DOKUS_LABEL_CHARGE));
      draw_row (l, str (a, "reason"), detail, "", "",
                vat_column (l, str (a, "vat_category"), str (a, "vat_rate"), vat),
                dokus_render_amount (str (a, "amount"), l->lang, net));
    }
}

/* ---- VAT breakdown and totals ------------------------------------------------------------ */

static double
vat_breakdown (Layout *l, bool draw, double y)
{
  const cJSON *v;
  const double x = MARGIN, w = 250;
  char a[DOKUS_PDF_MONEY_TEXT], b[DOKUS_PDF_MONEY_TEXT], r[DOKUS_PDF_MONEY_TEXT], rate[80];

  set_grey (l, 0.1);
  y += text_at (l, draw, x, y, w, label (l, DOKUS_LABEL_VAT_SUMMARY), SMALL_BOLD,
                PANGO_ALIGN_LEFT) + 3;
  set_grey (l, 0.4);
  {
    double h1 = text_at (l, draw, x, y, 50, label (l, DOKUS_LABEL_VAT_RATE), SMALL,
                         PANGO_ALIGN_LEFT);
    double h2 = text_at (l, draw, x + 50, y, 110, label (l, DOKUS_LABEL_TAXABLE_AMOUNT), SMALL,
                         PANGO_ALIGN_RIGHT);
    double h3 = text_at (l, draw, x + 160, y, 90, label (l, DOKUS_LABEL_VAT_AMOUNT), SMALL,
                         PANGO_ALIGN_RIGHT);
    y += (h1 > h2 ? (h1 > h3 ? h1 : h3) : (h2 > h3 ? h2 : h3)) + 2;
  }
  if (draw)
    hline (l, x, y, w, 0.75);
  y += 2;
  set_grey (l, 0.1);
  cJSON_ArrayForEach (v, obj (l->doc, "vat_breakdown"))
    {
      const char *category = str (v, "category");
      if (category != NULL && strcmp (category, "S") != 0)
        snprintf (rate, sizeof rate, "%s (%s)", dokus_render_percent (str (v, "rate"), l->lang, r),
                  category);
      else
        snprintf (rate, sizeof rate, "%s", dokus_render_percent (str (v, "rate"), l->lang, r));
      text_at (l, draw, x, y, 60, rate, REGULAR, PANGO_ALIGN_LEFT);
      text_at (l, draw, x + 50, y, 110, dokus_render_amount (str (v, "taxable_amount"), l->lang, a),
               REGULAR, PANGO_ALIGN_RIGHT);
      y += text_at (l, draw, x + 160, y, 90, dokus_render_amount (str (v, "tax_amount"), l->lang, b),
                    REGULAR, PANGO_ALIGN_RIGHT);
    }
  return y;
}

static double
total_row (Layout *l, bool draw, double y, const char *key, const char *amount, Style style)
{
  const double x = MARGIN + CONTENT_WIDTH - TOTALS_WIDTH;
  char buf[DOKUS_PDF_MONEY_TEXT];
  double hk, hv;
  set_grey (l, style == REGULAR ? 0.3 : 0.05);
  hk = text_at (l, draw, x, y, TOTALS_WIDTH - 80, key, style, PANGO_ALIGN_LEFT);
  hv = text_at (l, draw, x + TOTALS_WIDTH - 90, y, 86, dokus_render_amount (amount, l->lang, buf),
                style, PANGO_ALIGN_RIGHT);
  return (hk > hv ? hk : hv) + 2;
}

static bool
is_zero_amount (const char *amount)
{
  return amount == NULL || strcmp (amount, "0.00") == 0;
}

static double
totals (Layout *l, bool draw, double y)
{
  const cJSON *t = obj (l->doc, "totals");
  const char *allowances = str (t, "allowance_total_amount"), *charges = str (t, "charge_total_amount");

  if (!is_zero_amount (allowances) || !is_zero_amount (charges))
    {
      y += total_row (l, draw, y, label (l, DOKUS_LABEL_TOTAL_LINES),
                      str (t, "line_extension_amount"), REGULAR);
      if (!is_zero_amount (allowances))
        y += total_row (l, draw, y, label (l, DOKUS_LABEL_ALLOWANCE), allowances, REGULAR);
      if (!is_zero_amount (charges))
        y += total_row (l, draw, y, label (l, DOKUS_LABEL_CHARGE), charges, REGULAR);
    }
  y += total_row (l, draw, y, label (l, DOKUS_LABEL_TOTAL_EXCL_VAT),
                  str (t, "tax_exclusive_amount"), REGULAR);
  y += total_row (l, draw, y, label (l, DOKUS_LABEL_TOTAL_VAT), str (t, "tax_amount"), REGULAR);
  if (draw)
    hline (l, MARGIN + CONTENT_WIDTH - TOTALS_WIDTH, y + 1, TOTALS_WIDTH, 0.5);
  y += 4;
  y += total_row (l, draw, y, label (l, DOKUS_LABEL_TOTAL_INCL_VAT),
                  str (t, "tax_inclusive_amount"), BOLD);
  if (l->credit_note)
    y += total_row (l, draw, y, label (l, DOKUS_LABEL_CREDIT_TOTAL), str (t, "payable_amount"),
                    BOLD);
  else
    y += total_row (l, draw, y, label (l, DOKUS_LABEL_AMOUNT_DUE), str (t, "payable_amount"),
                    BOLD);
  return y;
}

static void
draw_summary (Layout *l)
{
  double h1 = vat_breakdown (l, false, 0), h2 = totals (l, false, 0);
  double top;

  ensure_room (l, (h1 > h2 ? h1 : h2) + 14, false);
  top = l->y + 12;
  h1 = vat_breakdown (l, true, top);
  h2 = totals (l, true, top);
  l->y = (h1 > h2 ? h1 : h2) + 12;
}

/* ---- mentions and payment ---------------------------------------------------------------- */

static void
draw_paragraph (Layout *l, const char *text, Style style, double grey)
{
  double h = text_at (l, false, MARGIN, 0, CONTENT_WIDTH, text, style, PANGO_ALIGN_LEFT);
  ensure_room (l, h, false);
  set_grey (l, grey);
  l->y += text_at (l, true, MARGIN, l->y, CONTENT_WIDTH, text, style, PANGO_ALIGN_LEFT) + 3;
}

static DokusStatus
draw_mentions (Layout *l, DokusError *err)
{
  cJSON *mentions = dokus_pdf_mentions (l->doc, l->lang);
  const cJSON *m;

  if (mentions == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, NULL, "out of memory");
  if (cJSON_GetArraySize (mentions) > 0 || str (l->doc, "note") != NULL)
    {
      ensure_room (l, 30, false);
      set_grey (l, 0.1);
      l->y += text_at (l, true, MARGIN, l->y, CONTENT_WIDTH, label (l, DOKUS_LABEL_MENTIONS),
                       SMALL_BOLD, PANGO_ALIGN_LEFT) + 2;
    }
  cJSON_ArrayForEach (m, mentions)
    if (cJSON_IsString (m))
      draw_paragraph (l, m->valuestring, SMALL, 0.15);
  cJSON_Delete (mentions);
  if (str (l->doc, "note") != NULL)
    draw_paragraph (l, str (l->doc, "note"), SMALL, 0.3);
  l->y += 8;
  return DOKUS_OK;
}

/* The payment block: account, structured communication, due date and
 * amount, with the EPC QR code when there is an amount to pay to an
 * account. A credit note says how it is settled instead. */
static DokusStatus
draw_payment (Layout *l, DokusError *err)
{
  const cJSON *seller = obj (l->doc, "seller");
  const char *iban = str (seller, "iban"), *bic = str (seller, "bic");
  const char *communication = str (l->doc, "structured_communication");
  const char *payable = str (obj (l->doc, "totals"), "payable_amount");
  char payload[DOKUS_EPC_PAYLOAD_TEXT], ib[48], d[DOKUS_PDF_DATE_TEXT], money[DOKUS_PDF_MONEY_TEXT];
  char rows[5][2][160];
  size_t n = 0;
  DokusCents amount = 0;
  bool qr;
  static const DokusLabel keys[] = { DOKUS_LABEL_STRUCTURED_COMMUNICATION, DOKUS_LABEL_PAY_BY,
                                     DOKUS_LABEL_AMOUNT_DUE };
  double h = 0, top, y, kw;
  DokusStatus st;

  if (l->credit_note)
    {
      draw_paragraph (l, label (l, DOKUS_LABEL_CREDIT_SETTLEMENT), REGULAR, 0.1);
      return DOKUS_OK;
    }
  if (payable == NULL || dokus_cents_parse (payable, "payable_amount", &amount, err) != DOKUS_OK)
    return dokus_error_set (err, DOKUS_ERR_INVALID, "totals.payable_amount",
                            "the document has no payable amount");
  qr = iban != NULL && amount > 0;
  if (qr)
    {
      /* the name on the account: the legal name (AT-21) */
      st = dokus_pdf_epc_payload (str (seller, "name"), iban, bic, amount, communication, payload,
                                  err);
      if (st != DOKUS_OK)
        return st;
    }
  if (iban != NULL)
    {
      snprintf (rows[n][0], 160, "IBAN");
      snprintf (rows[n++][1], 160, "%s", iban_text (iban, ib));
    }
  if (bic != NULL)
    {
      snprintf (rows[n][0], 160, "BIC");
      snprintf (rows[n++][1], 160, "%s", bic);
    }
  if (communication != NULL)
    {
      snprintf (rows[n][0], 160, "%s", label (l, DOKUS_LABEL_STRUCTURED_COMMUNICATION));
      snprintf (rows[n++][1], 160, "%s", communication);
    }
  if (str (l->doc, "due_date") != NULL)
    {
      snprintf (rows[n][0], 160, "%s", label (l, DOKUS_LABEL_PAY_BY));
      snprintf (rows[n++][1], 160, "%s", dokus_render_date (str (l->doc, "due_date"), l->lang, d));
    }
  snprintf (rows[n][0], 160, "%s", label (l, DOKUS_LABEL_AMOUNT_DUE));
  snprintf (rows[n++][1], 160, "%s", dokus_render_amount (payable, l->lang, money));

  kw = labels_width (l, keys, sizeof keys / sizeof keys[0], 190);
  h = 22;
  for (size_t i = 0; i < n; i++)
    h += text_at (l, false, 0, 0, kw, rows[i][0], REGULAR, PANGO_ALIGN_LEFT) + 2;
  if (qr && h < QR_SIZE + 22)
    h = QR_SIZE + 22;
  h += 10;
  ensure_room (l, h, false);
  top = l->y;
  cairo_save (l->cr);
  cairo_set_source_rgb (l->cr, 0.95, 0.96, 0.98);
  cairo_rectangle (l->cr, MARGIN, top, CONTENT_WIDTH, h);
  cairo_fill (l->cr);
  cairo_restore (l->cr);
  cairo_set_source_rgb (l->cr, 0.11, 0.23, 0.42);
  y = top + 8;
  y += text_at (l, true, MARGIN + 10, y, 200, label (l, DOKUS_LABEL_PAYMENT), BOLD,
                PANGO_ALIGN_LEFT) + 4;
  for (size_t i = 0; i < n; i++)
    {
      Style style = i + 1 == n || strcmp (rows[i][0], label (l, DOKUS_LABEL_STRUCTURED_COMMUNICATION)) == 0
                      ? BOLD
                      : REGULAR;
      double hk, hv;
      set_grey (l, 0.4);
      hk = text_at (l, true, MARGIN + 10, y, kw, rows[i][0], REGULAR, PANGO_ALIGN_LEFT);
      set_grey (l, 0.05);
      hv = text_at (l, true, MARGIN + 10 + kw, y, 200, rows[i][1], style, PANGO_ALIGN_LEFT);
      y += (hk > hv ? hk : hv) + 2;
    }
  if (qr)
    {
      double qx = MARGIN + CONTENT_WIDTH - QR_SIZE - 10;
      cairo_set_source_rgb (l->cr, 1, 1, 1);
      cairo_rectangle (l->cr, qx, top + 6, QR_SIZE, QR_SIZE);
      cairo_fill (l->cr);
      cairo_set_source_rgb (l->cr, 0, 0, 0);
      st = dokus_render_qr (l->cr, payload, QR_MAX_VERSION, qx, top + 6, QR_SIZE, "seller", err);
      if (st != DOKUS_OK)
        return st;
      set_grey (l, 0.3);
      text_at (l, true, qx - 20, top + 8 + QR_SIZE, QR_SIZE + 30,
               label (l, DOKUS_LABEL_SCAN_TO_PAY), SMALL, PANGO_ALIGN_CENTER);
    }
  l->y = top + h + 8;
  return DOKUS_OK;
}

/* ---- the document ------------------------------------------------------------------------ */

static void
make_fonts (Layout *l)
{
  static const struct {
    Style style;
    PangoWeight weight;
    double size;
  } table[] = {
    { REGULAR, PANGO_WEIGHT_NORMAL, 9 },  { BOLD, PANGO_WEIGHT_BOLD, 9 },
    { SMALL, PANGO_WEIGHT_NORMAL, 7.5 },  { SMALL_BOLD, PANGO_WEIGHT_BOLD, 7.5 },
    { TITLE, PANGO_WEIGHT_BOLD, 20 },     { SELLER, PANGO_WEIGHT_BOLD, 14 },
  };
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    {
      PangoFontDescription *f = pango_font_description_from_string (FONT);
      pango_font_description_set_weight (f, table[i].weight);
      pango_font_description_set_size (f, (gint) (table[i].size * PANGO_SCALE));
      l->fonts[table[i].style] = f;
    }
}

DokusStatus
dokus_pdf_layout_draw (cairo_surface_t *surface, const cJSON *doc, const char *language,
                       cairo_surface_t *logo, int pages_total, int *out_pages, DokusError *err)
{
  Layout l = { 0 };
  const char *type = dokus_render_str (doc, "type");
  DokusStatus st = DOKUS_OK;
  double left, right;

  assert (surface != NULL && doc != NULL && language != NULL && out_pages != NULL);
  *out_pages = 0;
  l.cr = cairo_create (surface);
  l.doc = doc;
  l.lang = language;
  l.credit_note = type != NULL && strcmp (type, "credit_note") == 0;
  l.page = 1;
  l.pages_total = pages_total;
  l.logo = logo;
  make_fonts (&l);

  left = draw_seller (&l, MARGIN);
  right = draw_document_block (&l, MARGIN);
  l.y = (left > right ? left : right) + 18;
  l.y = draw_buyer (&l, l.y) + 22;
  draw_lines (&l);
  draw_summary (&l);
  st = draw_mentions (&l, err);
  if (st == DOKUS_OK)
    st = draw_payment (&l, err);
  if (st == DOKUS_OK)
    {
      draw_footer (&l);
      cairo_show_page (l.cr);
      if (cairo_status (l.cr) != CAIRO_STATUS_SUCCESS)
        st = dokus_error_set (err, DOKUS_ERR_INTERNAL, NULL, "cairo: %s",
                              cairo_status_to_string (cairo_status (l.cr)));
    }
  *out_pages = l.page;
  for (size_t i = 0; i < sizeof l.fonts / sizeof l.fonts[0]; i++)
    pango_font_description_free (l.fonts[i]);
  cairo_destroy (l.cr);
  return st;
}

/* dokus-ubl-read.c
 *
 * The UBL 2.1 reader of Peppol BIS Billing 3.0: walks the tree of a
 * received invoice or credit note (parsed under the limits of
 * dokus-ubl-read-xml.c) and copies what a purchase needs into a
 * DokusPurchaseDoc. Elements are matched by namespace and local name,
 * never by prefix, and the tree is walked directly (no XPath) so that
 * reading stays in the tens of microseconds. Amounts, quantities and
 * rates are xs:decimal, read exactly into DokusDecimal; every error names
 * the element's path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "dokus-base64-in-private.h"
#include "dokus-ubl-read-private.h"
#include "dokus-xml-in-private.h"

#define NS_CAC "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
#define NS_CBC "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
#define NS_INVOICE "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
#define NS_CREDIT_NOTE "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
#define PATH_MAX_TEXT 192
#define ARENA_BLOCK_BYTES 16384

/* ---- arena ---------------------------------------------------------------- */

struct UblArenaBlock {
  UblArenaBlock *next;
  size_t         used, cap;
  max_align_t    data[];
};

/* @n bytes from @doc's arena, not zeroed, or NULL when memory runs out. */
static void *
arena_alloc_raw (DokusPurchaseDoc *doc, size_t n)
{
  UblArenaBlock *b = doc->arena;
  size_t align = sizeof (max_align_t);

  if (n > SIZE_MAX - align)
    return NULL;
  n = (n + align - 1) / align * align;
  if (n == 0)
    n = align;
  if (b == NULL || b->cap - b->used < n)
    {
      size_t cap = n > ARENA_BLOCK_BYTES ? n : ARENA_BLOCK_BYTES;
      b = malloc (sizeof *b + cap);
      if (b == NULL)
        return NULL;
      b->cap = cap;
      b->used = 0;
      b->next = doc->arena;
      doc->arena = b;
    }
  void *p = (char *) b->data + b->used;
  b->used += n;
  return p;
}

/* @n zeroed bytes from @doc's arena, or NULL when memory runs out. */
static void *
arena_alloc (DokusPurchaseDoc *doc, size_t n)
{
  void *p = arena_alloc_raw (doc, n);

  if (p != NULL)
    memset (p, 0, n);
  return p;
}

void
dokus_purchase_doc_free (DokusPurchaseDoc *doc)
{
  UblArenaBlock *b, *next;

  if (doc == NULL)
    return;
  for (b = doc->arena; b != NULL; b = next)
    {
      next = b->next;
      free (b);
    }
  free (doc);
}

/* ---- the walk ------------------------------------------------------------- */

typedef struct {
  DokusPurchaseDoc *doc;
  DokusError       *err;
  DokusStatus       st; /* the first error; the walk stops adding after it */
} Reader;

static bool
failed (const Reader *r)
{
  return r->st != DOKUS_OK;
}

static void
fail_nomem (Reader *r)
{
  if (!failed (r))
    r->st = dokus_error_set (r->err, DOKUS_ERR_NOMEM, "", "out of memory");
}

/* "@parent/@name", @parent nullable, cut to fit; @out may be @parent. */
static void
join_path (char out[PATH_MAX_TEXT], const char *parent, const char *name)
{
  char tmp[PATH_MAX_TEXT];
  size_t n = 0, m;

  if (parent != NULL && parent[0] != '\0')
    {
      n = strlen (parent);
      if (n > PATH_MAX_TEXT - 2)
        n = PATH_MAX_TEXT - 2;
      memcpy (tmp, parent, n);
      tmp[n++] = '/';
    }
  m = strlen (name);
  if (m > PATH_MAX_TEXT - 1 - n)
    m = PATH_MAX_TEXT - 1 - n;
  memcpy (tmp + n, name, m);
  tmp[n + m] = '\0';
  memcpy (out, tmp, n + m + 1);
}

static void
fail_at (Reader *r, const char *parent, const char *name, const char *what, const char *text)
{
  char path[PATH_MAX_TEXT];

  if (failed (r))
    return;
  join_path (path, parent, name);
  if (text != NULL)
    r->st = dokus_error_set (r->err, DOKUS_ERR_INVALID, path, "%s: %s: '%.60s'", path, what, text);
  else
    r->st = dokus_error_set (r->err, DOKUS_ERR_INVALID, path, "%s: %s", path, what);
}

/* true if @n is the element @qname ("cbc:ID", "cac:Party"). */
static bool
is_element (xmlNodePtr n, const char *qname)
{
  const char *ns = qname[1] == 'b' ? NS_CBC : NS_CAC;

  assert (qname[3] == ':');
  /* the first letter inline: most siblings differ there, and strcmp is a call */
  return n->type == XML_ELEMENT_NODE && n->ns != NULL && n->name[0] == (xmlChar) qname[4]
         && strcmp ((const char *) n->name, qname + 4) == 0
         && strcmp ((const char *) n->ns->href, ns) == 0;
}

/* The first child element @qname of @parent (nullable), or NULL. */
static xmlNodePtr
child (xmlNodePtr parent, const char *qname)
{
  if (parent == NULL)
    return NULL;
  for (xmlNodePtr n = parent->children; n != NULL; n = n->next)
    if (is_element (n, qname))
      return n;
  return NULL;
}

/* The next sibling element @qname after @n, or NULL. */
static xmlNodePtr
next_sibling (xmlNodePtr n, const char *qname)
{
  for (n = n->next; n != NULL; n = n->next)
    if (is_element (n, qname))
      return n;
  return NULL;
}

static size_t
count_children (xmlNodePtr parent, const char *qname)
{
  size_t count = 0;

  for (xmlNodePtr n = parent ? parent->children : NULL; n != NULL; n = n->next)
    if (is_element (n, qname))
      count++;
  return count;
}

static bool
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A copy in the arena of @s[0..@n), leading and trailing white space
 * dropped; NULL when nothing is left (or on OOM, with r->st set). */
static const char *
arena_strndup_trimmed (Reader *r, const char *s, size_t n)
{
  char *copy;

  while (n > 0 && is_space (*s))
    s++, n--;
  while (n > 0 && is_space (s[n - 1]))
    n--;
  if (n == 0)
    return NULL;
  copy = arena_alloc_raw (r->doc, n + 1); /* every byte written below */
  if (copy == NULL)
    {
      fail_nomem (r);
      return NULL;
    }
  memcpy (copy, s, n);
  copy[n] = '\0';
  return copy;
}

/* The text of element @n (its direct text children; nullable), trimmed;
 * NULL when empty. */
static const char *
text_of (Reader *r, xmlNodePtr n)
{
  size_t total = 0;
  char *buf;
  const char *out;

  if (n == NULL || failed (r))
    return NULL;
  /* the common case: one text node, copied once */
  if (n->children != NULL && n->children->next == NULL && n->children->type == XML_TEXT_NODE)
    {
      const char *t = (const char *) n->children->content;
      return t ? arena_strndup_trimmed (r, t, strlen (t)) : NULL;
    }
  for (xmlNodePtr c = n->children; c != NULL; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
      total += strlen ((const char *) c->content);
  if (total == 0)
    return NULL;
  buf = malloc (total + 1);
  if (buf == NULL)
    {
      fail_nomem (r);
      return NULL;
    }
  total = 0;
  for (xmlNodePtr c = n->children; c != NULL; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
      {
        size_t m = strlen ((const char *) c->content);
        memcpy (buf + total, c->content, m);
        total += m;
      }
  out = arena_strndup_trimmed (r, buf, total);
  free (buf);
  return out;
}

/* The text of element @n as text_of() gives it, but lent, without a copy,
 * when it is one text node (an attachment's megabytes of base64): *@out
 * and *@len point into the node, trimmed, not NUL-terminated. Otherwise
 * (several text nodes) text_of()'s copy. false when empty (or on OOM,
 * with r->st set). */
static bool
text_span (Reader *r, xmlNodePtr n, const char **out, size_t *len)
{
  const char *t;
  size_t m;

  *out = NULL;
  *len = 0;
  if (n == NULL || failed (r))
    return false;
  if (n->children == NULL || n->children->next != NULL || n->children->type != XML_TEXT_NODE)
    {
      *out = text_of (r, n);
      *len = *out != NULL ? strlen (*out) : 0;
      return *out != NULL;
    }
  if ((t = (const char *) n->children->content) == NULL)
    return false;
  m = strlen (t);
  while (m > 0 && is_space (*t))
    t++, m--;
  while (m > 0 && is_space (t[m - 1]))
    m--;
  *out = t;
  *len = m;
  return m > 0;
}

/* The text of child @qname of @parent, or NULL. */
static const char *
get_text (Reader *r, xmlNodePtr parent, const char *qname)
{
  return text_of (r, child (parent, qname));
}

/* The text of the child at @path ("cac:Country/cbc:IdentificationCode")
 * below @parent, at most four steps. */
static const char *
get_text_at (Reader *r, xmlNodePtr parent, const char *path)
{
  char step[64];
  const char *p = path;
  xmlNodePtr n = parent;

  while (n != NULL && *p)
    {
      size_t len = strcspn (p, "/");
      assert (len < sizeof step);
      memcpy (step, p, len);
      step[len] = '\0';
      n = child (n, step);
      p += len;
      if (*p == '/')
        p++;
    }
  return n != NULL ? text_of (r, n) : NULL;
}

static const char *
get_attr (Reader *r, xmlNodePtr n, const char *name)
{
  xmlAttrPtr a;

  if (n == NULL || failed (r))
    return NULL;
  for (a = n->properties; a != NULL; a = a->next)
    if (a->ns == NULL && strcmp ((const char *) a->name, name) == 0)
      {
        const xmlNode *t = a->children;
        if (t != NULL && t->next == NULL && t->content != NULL)
          return arena_strndup_trimmed (r, (const char *) t->content,
                                        strlen ((const char *) t->content));
        return NULL;
      }
  return NULL;
}

/* xs:decimal exactly: an optional sign, digits, an optional '.' and
 * digits ("12", "-0.5", "+1.", ".25"); below 10^15 in units and at most
 * DOKUS_DECIMAL_MAX_SCALE decimals once trailing zeros beyond it are
 * dropped. */
static bool
parse_xs_decimal (const char *s, DokusDecimal *out)
{
  int64_t units = 0;
  unsigned scale = 0, digits = 0, pending_zeros = 0;
  bool negative = false, dot = false;

  if (*s == '+' || *s == '-')
    negative = *s++ == '-';
  for (; *s; s++)
    {
      if (*s == '.' && !dot)
        {
          dot = true;
          continue;
        }
      if (*s < '0' || *s > '9')
        return false;
      digits++;
      if (dot && *s == '0')
        {
          /* trailing zeros count only if a non-zero digit follows or the
           * scale stays within bounds */
          pending_zeros++;
          continue;
        }
      for (; pending_zeros > 0; pending_zeros--)
        {
          if (scale >= DOKUS_DECIMAL_MAX_SCALE || units >= 100000000000000LL)
            return false;
          units *= 10;
          scale++;
        }
      if (units >= 100000000000000LL)
        return false;
      units = units * 10 + (*s - '0');
      if (dot)
        {
          if (scale >= DOKUS_DECIMAL_MAX_SCALE)
            return false;
          scale++;
        }
    }
  if (digits == 0)
    return false;
  /* keep trailing zeros as written where they fit ("1234.50" has 2) */
  for (; pending_zeros > 0 && scale < DOKUS_DECIMAL_MAX_SCALE && units < 100000000000000LL;
       pending_zeros--)
    {
      units *= 10;
      scale++;
    }
  out->units = negative ? -units : units;
  out->scale = (uint8_t) scale;
  return true;
}

/* Child @qname of @parent as an amount with its currencyID. */
static void
read_amount (Reader *r, xmlNodePtr parent, const char *ppath, const char *qname, UblAmount *out)
{
  xmlNodePtr n = child (parent, qname);
  const char *t;

  if (n == NULL || failed (r))
    return;
  t = text_of (r, n);
  if (t == NULL || !parse_xs_decimal (t, &out->value))
    {
      fail_at (r, ppath, qname, "not an amount", t ? t : "");
      return;
    }
  out->present = true;
  out->currency = get_attr (r, n, "currencyID");
}

static void
read_quantity (Reader *r, xmlNodePtr parent, const char *ppath, const char *qname,
               UblQuantity *out)
{
  xmlNodePtr n = child (parent, qname);
  const char *t;

  if (n == NULL || failed (r))
    return;
  t = text_of (r, n);
  if (t == NULL || !parse_xs_decimal (t, &out->value))
    {
      fail_at (r, ppath, qname, "not a quantity", t ? t : "");
      return;
    }
  out->present = true;
  out->unit = get_attr (r, n, "unitCode");
}

static void
read_decimal (Reader *r, xmlNodePtr parent, const char *ppath, const char *qname,
              DokusDecimal *out, bool *present)
{
  xmlNodePtr n = child (parent, qname);
  const char *t;

  if (n == NULL || failed (r))
    return;
  t = text_of (r, n);
  if (t == NULL || !parse_xs_decimal (t, out))
    {
      fail_at (r, ppath, qname, "not a number", t ? t : "");
      return;
    }
  *present = true;
}

static void
read_date (Reader *r, xmlNodePtr parent, const char *ppath, const char *qname, UblDate *out)
{
  xmlNodePtr n = child (parent, qname);
  const char *t;

  if (n == NULL || failed (r))
    return;
  t = text_of (r, n);
  if (t == NULL || dokus_date_parse (t, NULL, &out->value, NULL) != DOKUS_OK)
    {
      fail_at (r, ppath, qname, "not a date", t ? t : "");
      return;
    }
  out->present = true;
}

/* Room for @n elements of @size in the arena, NULL (r->st set) on OOM or
 * when @n is 0. */
static void *
alloc_array (Reader *r, size_t n, size_t size)
{
  void *p;

  if (n == 0 || failed (r))
    return NULL;
  if (n > SIZE_MAX / size)
    {
      fail_nomem (r);
      return NULL;
    }
  p = arena_alloc (r->doc, n * size);
  if (p == NULL)
    fail_nomem (r);
  return p;
}

/* ---- parts ---------------------------------------------------------------- */

/* TaxCategory / ClassifiedTaxCategory @n. */
static void
read_tax_category (Reader *r, xmlNodePtr n, const char *path, UblTaxCategory *out)
{
  if (n == NULL)
    return;
  out->category = get_text (r, n, "cbc:ID");
  read_decimal (r, n, path, "cbc:Percent", &out->rate, &out->has_rate);
  out->exemption_reason = get_text (r, n, "cbc:TaxExemptionReason");
  out->exemption_code = get_text (r, n, "cbc:TaxExemptionReasonCode");
}

static void
read_party (Reader *r, xmlNodePtr n, const char *path, UblParty *p)
{
  xmlNodePtr id, addr, legal, contact;

  (void) path; /* nothing below can fail: party fields are text */
  if (n == NULL)
    return;
  p->present = true;
  id = child (n, "cbc:EndpointID");
  p->endpoint_id = text_of (r, id);
  p->endpoint_scheme = get_attr (r, id, "schemeID");
  id = child (child (n, "cac:PartyIdentification"), "cbc:ID");
  p->party_id = text_of (r, id);
  p->party_id_scheme = get_attr (r, id, "schemeID");
  p->name = get_text_at (r, n, "cac:PartyName/cbc:Name");
  addr = child (n, "cac:PostalAddress");
  p->street = get_text (r, addr, "cbc:StreetName");
  p->additional_street = get_text (r, addr, "cbc:AdditionalStreetName");
  p->city = get_text (r, addr, "cbc:CityName");
  p->postal_zone = get_text (r, addr, "cbc:PostalZone");
  p->subdivision = get_text (r, addr, "cbc:CountrySubentity");
  p->country = get_text_at (r, addr, "cac:Country/cbc:IdentificationCode");
  for (xmlNodePtr t = child (n, "cac:PartyTaxScheme"); t != NULL;
       t = next_sibling (t, "cac:PartyTaxScheme"))
    {
      const char *scheme = get_text_at (r, t, "cac:TaxScheme/cbc:ID");
      const char *value = get_text (r, t, "cbc:CompanyID");
      if (scheme != NULL && strcmp (scheme, "VAT") == 0)
        {
          if (p->vat_id == NULL)
            p->vat_id = value;
        }
      else if (p->tax_id == NULL)
        p->tax_id = value;
    }
  legal = child (n, "cac:PartyLegalEntity");
  p->legal_name = get_text (r, legal, "cbc:RegistrationName");
  id = child (legal, "cbc:CompanyID");
  p->company_id = text_of (r, id);
  p->company_id_scheme = get_attr (r, id, "schemeID");
  if (p->name == NULL)
    p->name = p->legal_name;
  contact = child (n, "cac:Contact");
  p->contact_name = get_text (r, contact, "cbc:Name");
  p->contact_phone = get_text (r, contact, "cbc:Telephone");
  p->contact_email = get_text (r, contact, "cbc:ElectronicMail");
}

/* AllowanceCharge @n at @path. */
static void
read_allowance (Reader *r, xmlNodePtr n, const char *path, UblAllowanceCharge *a)
{
  const char *ind = get_text (r, n, "cbc:ChargeIndicator");

  if (ind == NULL || (strcmp (ind, "true") != 0 && strcmp (ind, "false") != 0
                      && strcmp (ind, "1") != 0 && strcmp (ind, "0") != 0))
    {
      fail_at (r, path, "cbc:ChargeIndicator", "not true or false", ind ? ind : "");
      return;
    }
  a->charge = strcmp (ind, "true") == 0 || strcmp (ind, "1") == 0;
  a->reason_code = get_text (r, n, "cbc:AllowanceChargeReasonCode");
  a->reason = get_text (r, n, "cbc:AllowanceChargeReason");
  read_decimal (r, n, path, "cbc:MultiplierFactorNumeric", &a->percent, &a->has_percent);
  read_amount (r, n, path, "cbc:Amount", &a->amount);
  read_amount (r, n, path, "cbc:BaseAmount", &a->base);
  read_tax_category (r, child (n, "cac:TaxCategory"), path, &a->vat);
}

/* Every AllowanceCharge child of @parent into *@out / *@n_out. */
static void
read_allowances (Reader *r, xmlNodePtr parent, const char *ppath, UblAllowanceCharge **out,
                 size_t *n_out)
{
  size_t n = count_children (parent, "cac:AllowanceCharge"), i = 0;
  char path[PATH_MAX_TEXT], step[48];

  *out = alloc_array (r, n, sizeof **out);
  if (*out == NULL)
    return;
  *n_out = n;
  for (xmlNodePtr a = child (parent, "cac:AllowanceCharge"); a && !failed (r);
       a = next_sibling (a, "cac:AllowanceCharge"), i++)
    {
      snprintf (step, sizeof step, "cac:AllowanceCharge[%lu]", (unsigned long) i + 1);
      join_path (path, ppath, step);
      read_allowance (r, a, path, &(*out)[i]);
    }
}

static void
read_line (Reader *r, xmlNodePtr n, const char *path, UblLine *l)
{
  xmlNodePtr item, price, period, id;
  char ipath[PATH_MAX_TEXT];

  l->id = get_text (r, n, "cbc:ID");
  l->note = get_text (r, n, "cbc:Note");
  read_quantity (r, n, path,
                 r->doc->credit_note ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity",
                 &l->quantity);
  read_amount (r, n, path, "cbc:LineExtensionAmount", &l->net);
  l->accounting_cost = get_text (r, n, "cbc:AccountingCost");
  l->order_line_reference = get_text_at (r, n, "cac:OrderLineReference/cbc:LineID");
  period = child (n, "cac:InvoicePeriod");
  join_path (ipath, path, "cac:InvoicePeriod");
  read_date (r, period, ipath, "cbc:StartDate", &l->period_start);
  read_date (r, period, ipath, "cbc:EndDate", &l->period_end);
  read_allowances (r, n, path, &l->allowances, &l->n_allowances);

  item = child (n, "cac:Item");
  join_path (ipath, path, "cac:Item");
  l->item_name = get_text (r, item, "cbc:Name");
  l->item_description = get_text (r, item, "cbc:Description");
  l->sellers_id = get_text_at (r, item, "cac:SellersItemIdentification/cbc:ID");
  l->buyers_id = get_text_at (r, item, "cac:BuyersItemIdentification/cbc:ID");
  id = child (child (item, "cac:StandardItemIdentification"), "cbc:ID");
  l->standard_id = text_of (r, id);
  l->standard_id_scheme = get_attr (r, id, "schemeID");
  l->origin_country = get_text_at (r, item, "cac:OriginCountry/cbc:IdentificationCode");
  join_path (ipath, ipath, "cac:ClassifiedTaxCategory");
  read_tax_category (r, child (item, "cac:ClassifiedTaxCategory"), ipath, &l->vat);

  price = child (n, "cac:Price");
  join_path (ipath, path, "cac:Price");
  read_amount (r, price, ipath, "cbc:PriceAmount", &l->price);
  read_quantity (r, price, ipath, "cbc:BaseQuantity", &l->base_quantity);
  if (child (price, "cac:AllowanceCharge") != NULL)
    {
      xmlNodePtr ac = child (price, "cac:AllowanceCharge");
      join_path (ipath, ipath, "cac:AllowanceCharge");
      read_amount (r, ac, ipath, "cbc:Amount", &l->price_discount);
      read_amount (r, ac, ipath, "cbc:BaseAmount", &l->price_gross);
    }
}

static void
read_lines (Reader *r, xmlNodePtr root)
{
  const char *qname = r->doc->credit_note ? "cac:CreditNoteLine" : "cac:InvoiceLine";
  size_t n = count_children (root, qname), i = 0;
  char path[PATH_MAX_TEXT];

  r->doc->lines = alloc_array (r, n, sizeof *r->doc->lines);
  if (r->doc->lines == NULL)
    return;
  r->doc->n_lines = n;
  for (xmlNodePtr l = child (root, qname); l && !failed (r); l = next_sibling (l, qname), i++)
    {
      snprintf (path, sizeof path, "%s[%lu]", qname, (unsigned long) i + 1);
      read_line (r, l, path, &r->doc->lines[i]);
    }
}

/* The VAT breakdown comes from the TaxTotal in the document currency (the
 * one with subtotals); a second TaxTotal gives BT-111 in the tax currency. */
static void
read_tax_totals (Reader *r, xmlNodePtr root)
{
  DokusPurchaseDoc *doc = r->doc;
  xmlNodePtr with_rows = NULL;
  size_t i = 0;

  for (xmlNodePtr t = child (root, "cac:TaxTotal"); t && !failed (r);
       t = next_sibling (t, "cac:TaxTotal"))
    {
      UblAmount a = { 0 };
      read_amount (r, t, "cac:TaxTotal", "cbc:TaxAmount", &a);
      if (child (t, "cac:TaxSubtotal") != NULL && with_rows == NULL)
        {
          with_rows = t;
          doc->vat_total = a;
        }
      else if (!doc->vat_total_accounting.present && a.present && a.currency != NULL
               && doc->tax_currency != NULL && strcmp (a.currency, doc->tax_currency) == 0
               && (doc->currency == NULL || strcmp (a.currency, doc->currency) != 0))
        doc->vat_total_accounting = a;
      else if (!doc->vat_total.present)
        doc->vat_total = a;
    }
  if (with_rows == NULL || failed (r))
    return;
  doc->n_vat_rows = count_children (with_rows, "cac:TaxSubtotal");
  doc->vat_rows = alloc_array (r, doc->n_vat_rows, sizeof *doc->vat_rows);
  if (doc->vat_rows == NULL)
    {
      doc->n_vat_rows = 0;
      return;
    }
  for (xmlNodePtr s = child (with_rows, "cac:TaxSubtotal"); s && !failed (r);
       s = next_sibling (s, "cac:TaxSubtotal"), i++)
    {
      char path[PATH_MAX_TEXT], cpath[PATH_MAX_TEXT];
      UblVatRow *row = &doc->vat_rows[i];
      snprintf (path, sizeof path, "cac:TaxTotal/cac:TaxSubtotal[%lu]", (unsigned long) i + 1);
      read_amount (r, s, path, "cbc:TaxableAmount", &row->taxable);
      read_amount (r, s, path, "cbc:TaxAmount", &row->tax);
      join_path (cpath, path, "cac:TaxCategory");
      read_tax_category (r, child (s, "cac:TaxCategory"), cpath, &row->vat);
    }
}

static void
read_totals (Reader *r, xmlNodePtr root)
{
  DokusPurchaseDoc *doc = r->doc;
  xmlNodePtr t = child (root, "cac:LegalMonetaryTotal");
  const char *p = "cac:LegalMonetaryTotal";

  read_amount (r, t, p, "cbc:LineExtensionAmount", &doc->line_extension);
  read_amount (r, t, p, "cbc:TaxExclusiveAmount", &doc->tax_exclusive);
  read_amount (r, t, p, "cbc:TaxInclusiveAmount", &doc->tax_inclusive);
  read_amount (r, t, p, "cbc:AllowanceTotalAmount", &doc->allowance_total);
  read_amount (r, t, p, "cbc:ChargeTotalAmount", &doc->charge_total);
  read_amount (r, t, p, "cbc:PrepaidAmount", &doc->prepaid);
  read_amount (r, t, p, "cbc:PayableRoundingAmount", &doc->rounding);
  read_amount (r, t, p, "cbc:PayableAmount", &doc->payable);
}

static void
read_payment_means (Reader *r, xmlNodePtr root)
{
  DokusPurchaseDoc *doc = r->doc;
  size_t n = count_children (root, "cac:PaymentMeans"), i = 0;

  doc->payment_means = alloc_array (r, n, sizeof *doc->payment_means);
  if (doc->payment_means == NULL)
    return;
  doc->n_payment_means = n;
  for (xmlNodePtr m = child (root, "cac:PaymentMeans"); m && !failed (r);
       m = next_sibling (m, "cac:PaymentMeans"), i++)
    {
      UblPaymentMeans *pm = &doc->payment_means[i];
      xmlNodePtr code = child (m, "cbc:PaymentMeansCode"), acct;
      pm->code = text_of (r, code);
      pm->name = get_attr (r, code, "name");
      pm->payment_id = get_text (r, m, "cbc:PaymentID");
      acct = child (m, "cac:PayeeFinancialAccount");
      pm->iban = get_text (r, acct, "cbc:ID");
      pm->account_name = get_text (r, acct, "cbc:Name");
      pm->bic = get_text_at (r, acct, "cac:FinancialInstitutionBranch/cbc:ID");
      pm->card = get_text_at (r, m, "cac:CardAccount/cbc:PrimaryAccountNumberID");
      pm->mandate_id = get_text_at (r, m, "cac:PaymentMandate/cbc:ID");
      pm->debited_account
        = get_text_at (r, m, "cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID");
    }
}

/* Embedded attachments are base64 (RFC 4648, padded; white space between
 * characters allowed); links are kept as text and never followed. */
static void
read_attachment (Reader *r, xmlNodePtr n, const char *path, UblAttachment *a)
{
  xmlNodePtr att = child (n, "cac:Attachment");
  xmlNodePtr bin = child (att, "cbc:EmbeddedDocumentBinaryObject");

  a->id = get_text (r, n, "cbc:ID");
  a->description = get_text (r, n, "cbc:DocumentDescription");
  a->uri = get_text_at (r, att, "cac:ExternalReference/cbc:URI");
  if (bin != NULL && !failed (r))
    {
      char bpath[PATH_MAX_TEXT];
      const char *b64 = NULL, *end = NULL;
      size_t b64_len = 0, max, len = 0;
      unsigned char *data;

      /* decoded straight from the tree: no copy of the text */
      text_span (r, bin, &b64, &b64_len);
      join_path (bpath, path, "cac:Attachment");
      a->filename = get_attr (r, bin, "filename");
      a->mime_type = get_attr (r, bin, "mimeCode");
      if (b64 == NULL || failed (r))
        return; /* an empty object: listed without content */
      max = DOKUS_BASE64_DECODED_MAX (b64_len);
      data = arena_alloc_raw (r->doc, max);
      if (data == NULL)
        {
          fail_nomem (r);
          return;
        }
      if (!dokus_base64_decode (b64, b64_len, data, &len, &end))
        {
          char what[64];
          snprintf (what, sizeof what, "not base64 (at character %lu)",
                    (unsigned long) (end - b64));
          fail_at (r, bpath, "cbc:EmbeddedDocumentBinaryObject", what, NULL);
          return;
        }
      a->data = data;
      a->len = len;
    }
}

static void
read_document_references (Reader *r, xmlNodePtr root)
{
  DokusPurchaseDoc *doc = r->doc;
  size_t n = count_children (root, "cac:AdditionalDocumentReference"), i = 0;

  if (n > DOKUS_UBL_MAX_ATTACHMENTS)
    {
      char what[80];
      snprintf (what, sizeof what, "%lu attachments: more than the %d accepted",
                (unsigned long) n, DOKUS_UBL_MAX_ATTACHMENTS);
      fail_at (r, NULL, "cac:AdditionalDocumentReference", what, NULL);
      return;
    }
  doc->attachments = alloc_array (r, n, sizeof *doc->attachments);
  if (doc->attachments == NULL)
    return;
  doc->n_attachments = n;
  for (xmlNodePtr d = child (root, "cac:AdditionalDocumentReference"); d && !failed (r);
       d = next_sibling (d, "cac:AdditionalDocumentReference"), i++)
    {
      char path[PATH_MAX_TEXT];
      snprintf (path, sizeof path, "cac:AdditionalDocumentReference[%lu]",
                (unsigned long) i + 1);
      read_attachment (r, d, path, &doc->attachments[i]);
    }
}

static void
read_billing_references (Reader *r, xmlNodePtr root)
{
  DokusPurchaseDoc *doc = r->doc;
  size_t n = count_children (root, "cac:BillingReference"), i = 0;

  doc->billing_refs = alloc_array (r, n, sizeof *doc->billing_refs);
  if (doc->billing_refs == NULL)
    return;
  doc->n_billing_refs = n;
  for (xmlNodePtr b = child (root, "cac:BillingReference"); b && !failed (r);
       b = next_sibling (b, "cac:BillingReference"), i++)
    {
      char path[PATH_MAX_TEXT];
      xmlNodePtr ref = child (b, "cac:InvoiceDocumentReference");
      snprintf (path, sizeof path, "cac:BillingReference[%lu]/cac:InvoiceDocumentReference",
                (unsigned long) i + 1);
      doc->billing_refs[i].number = get_text (r, ref, "cbc:ID");
      read_date (r, ref, path, "cbc:IssueDate", &doc->billing_refs[i].issue_date);
    }
}

static void
read_notes (Reader *r, xmlNodePtr root)
{
  DokusPurchaseDoc *doc = r->doc;
  size_t n = count_children (root, "cbc:Note"), i = 0;

  doc->notes = alloc_array (r, n, sizeof *doc->notes);
  if (doc->notes == NULL)
    return;
  for (xmlNodePtr t = child (root, "cbc:Note"); t && !failed (r); t = next_sibling (t, "cbc:Note"))
    {
      const char *s = text_of (r, t);
      if (s != NULL)
        doc->notes[i++] = s;
    }
  doc->n_notes = i;
}

static void
read_header (Reader *r, xmlNodePtr root)
{
  DokusPurchaseDoc *doc = r->doc;
  xmlNodePtr period, delivery, payee;

  doc->customization_id = get_text (r, root, "cbc:CustomizationID");
  doc->profile_id = get_text (r, root, "cbc:ProfileID");
  doc->number = get_text (r, root, "cbc:ID");
  if (doc->number == NULL)
    fail_at (r, NULL, "cbc:ID", "missing: the document number (BT-1) is required", NULL);
  if (child (root, "cbc:IssueDate") == NULL)
    fail_at (r, NULL, "cbc:IssueDate", "missing: the issue date (BT-2) is required", NULL);
  read_date (r, root, NULL, "cbc:IssueDate", &doc->issue_date);
  read_date (r, root, NULL, "cbc:DueDate", &doc->due_date);
  read_date (r, root, NULL, "cbc:TaxPointDate", &doc->tax_point_date);
  doc->type_code
    = get_text (r, root, doc->credit_note ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode");
  doc->currency = get_text (r, root, "cbc:DocumentCurrencyCode");
  if (doc->currency == NULL)
    fail_at (r, NULL, "cbc:DocumentCurrencyCode", "missing: the currency (BT-5) is required",
             NULL);
  doc->tax_currency = get_text (r, root, "cbc:TaxCurrencyCode");
  doc->accounting_cost = get_text (r, root, "cbc:AccountingCost");
  doc->buyer_reference = get_text (r, root, "cbc:BuyerReference");
  read_notes (r, root);
  period = child (root, "cac:InvoicePeriod");
  if (period != NULL)
    {
      doc->has_period = true;
      read_date (r, period, "cac:InvoicePeriod", "cbc:StartDate", &doc->period_start);
      read_date (r, period, "cac:InvoicePeriod", "cbc:EndDate", &doc->period_end);
    }
  doc->order_reference = get_text_at (r, root, "cac:OrderReference/cbc:ID");
  doc->sales_order_reference = get_text_at (r, root, "cac:OrderReference/cbc:SalesOrderID");
  read_billing_references (r, root);
  doc->despatch_reference = get_text_at (r, root, "cac:DespatchDocumentReference/cbc:ID");
  doc->receiving_reference = get_text_at (r, root, "cac:ReceiptDocumentReference/cbc:ID");
  doc->originator_reference = get_text_at (r, root, "cac:OriginatorDocumentReference/cbc:ID");
  doc->contract_reference = get_text_at (r, root, "cac:ContractDocumentReference/cbc:ID");
  doc->project_reference = get_text_at (r, root, "cac:ProjectReference/cbc:ID");
  read_document_references (r, root);
  read_party (r, child (child (root, "cac:AccountingSupplierParty"), "cac:Party"),
              "cac:AccountingSupplierParty", &doc->supplier);
  read_party (r, child (child (root, "cac:AccountingCustomerParty"), "cac:Party"),
              "cac:AccountingCustomerParty", &doc->buyer);
  payee = child (root, "cac:PayeeParty");
  doc->payee_name = get_text_at (r, payee, "cac:PartyName/cbc:Name");
  doc->payee_party_id = get_text_at (r, payee, "cac:PartyIdentification/cbc:ID");
  doc->payee_company_id = get_text_at (r, payee, "cac:PartyLegalEntity/cbc:CompanyID");
  delivery = child (root, "cac:Delivery");
  if (delivery != NULL)
    {
      doc->has_delivery = true;
      read_date (r, delivery, "cac:Delivery", "cbc:ActualDeliveryDate", &doc->delivery_date);
      doc->delivery_location = get_text_at (r, delivery, "cac:DeliveryLocation/cbc:ID");
      doc->delivery_country = get_text_at (
        r, delivery, "cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode");
    }
  read_payment_means (r, root);
  doc->payment_terms = get_text_at (r, root, "cac:PaymentTerms/cbc:Note");
}

DokusStatus
dokus_ubl_read_tree (void *xdoc, DokusPurchaseDoc **out, DokusError *err)
{
  xmlNodePtr root = xmlDocGetRootElement (xdoc);
  Reader r = { .err = err };

  assert (xdoc != NULL && out != NULL);
  *out = NULL;
  if (root == NULL || root->ns == NULL
      || !((strcmp ((const char *) root->name, "Invoice") == 0
            && strcmp ((const char *) root->ns->href, NS_INVOICE) == 0)
           || (strcmp ((const char *) root->name, "CreditNote") == 0
               && strcmp ((const char *) root->ns->href, NS_CREDIT_NOTE) == 0)))
    return dokus_error_set (err, DOKUS_ERR_INVALID, "root",
                            "%s: not a UBL invoice or credit note (the root must be Invoice"
                            " in " NS_INVOICE " or CreditNote in " NS_CREDIT_NOTE ")",
                            root ? (const char *) root->name : "(no root element)");
  r.doc = calloc (1, sizeof *r.doc);
  if (r.doc == NULL)
    return dokus_error_set (err, DOKUS_ERR_NOMEM, "", "out of memory");
  r.doc->credit_note = strcmp ((const char *) root->name, "CreditNote") == 0;

  read_header (&r, root);
  read_allowances (&r, root, NULL, &r.doc->allowances, &r.doc->n_allowances);
  read_tax_totals (&r, root);
  read_totals (&r, root);
  read_lines (&r, root);
  if (failed (&r))
    {
      dokus_purchase_doc_free (r.doc);
      return r.st;
    }
  *out = r.doc;
  return DOKUS_OK;
}

DokusStatus
dokus_ubl_read (const char *xml, size_t len, DokusPurchaseDoc **out, DokusError *err)
{
  void *parsed = NULL;
  DokusStatus st;

  assert (out != NULL);
  *out = NULL;
  st = dokus_ubl_parse_xml (xml, len, &parsed, NULL, err);
  if (st != DOKUS_OK)
    return st;
  st = dokus_ubl_read_tree (parsed, out, err);
  dokus_xml_doc_free (parsed);
  return st;
}

size_t
dokus_purchase_doc_get_n_attachments (const DokusPurchaseDoc *doc)
{
  assert (doc != NULL);
  return doc->n_attachments;
}

void
dokus_purchase_doc_get_attachment (const DokusPurchaseDoc *doc, size_t i, const char **filename,
                                   const char **mime_type, const unsigned char **data,
                                   size_t *len)
{
  assert (doc != NULL && i < doc->n_attachments);
  if (filename)
    *filename = doc->attachments[i].filename;
  if (mime_type)
    *mime_type = doc->attachments[i].mime_type;
  if (data)
    *data = doc->attachments[i].data;
  if (len)
    *len = doc->attachments[i].len;
}

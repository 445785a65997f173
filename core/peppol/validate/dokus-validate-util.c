/* dokus-validate-util.c
 *
 * Helpers shared by the Peppol, national, UBL syntax and code-list rule
 * families: see dokus-validate-util-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "dokus-validate-util-private.h"

/* ---- walking ------------------------------------------------------------- */

void
dv_walk (DokusValCtx *v, const xmlNode *top, DvElementFn fn, void *data)
{
  const xmlNode *n;

  if (top == NULL)
    return;
  n = top->children;
  while (n != NULL && n != top)
    {
      if (n->type == XML_ELEMENT_NODE)
        {
          fn (v, n, data);
          if (n->children != NULL)
            {
              n = n->children;
              continue;
            }
        }
      while (n != top && n->next == NULL)
        n = n->parent;
      if (n == top)
        break;
      n = n->next;
    }
}

bool
dv_is_cbc_one_of (const xmlNode *n, const char *const *names)
{
  bool named = false;
  const char *prefix;
  if (n == NULL || n->type != XML_ELEMENT_NODE)
    return false;
  /* the namespace first (one byte through the index), then the local
   * name: most elements fail on its first byte */
  prefix = dokus_val_prefix (n);
  if (prefix == NULL || prefix[1] != 'b')
    return false;
  for (; *names && !named; names++)
    named = n->name[0] == (xmlChar) (*names)[0] && strcmp ((const char *) n->name, *names) == 0;
  return named;
}

/* ---- code lists ---------------------------------------------------------- */

static int
compare_code (const void *key, const void *elem)
{
  return strcmp ((const char *) key, *(const char *const *) elem);
}

bool
dv_code_in (const DvCodeList *list, const char *code)
{
  if (code == NULL)
    return false;
  return bsearch (code, list->codes, list->n, sizeof list->codes[0], compare_code) != NULL;
}

bool
dv_code_list_sorted (const DvCodeList *list)
{
  for (size_t i = 1; i < list->n; i++)
    if (strcmp (list->codes[i - 1], list->codes[i]) >= 0)
      return false;
  return true;
}

/* ---- lexical tests -------------------------------------------------------- */

bool
dv_all_digits (const char *s, size_t n)
{
  size_t i = 0;

  if (s == NULL)
    return false;
  for (; s[i]; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return n == 0 ? i > 0 : i == n;
}

static bool
is_xml_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool
dv_castable_integer (const char *s)
{
  size_t digits = 0;

  if (s == NULL)
    return false;
  while (is_xml_space (*s))
    s++;
  if (*s == '+' || *s == '-')
    s++;
  while (*s >= '0' && *s <= '9')
    s++, digits++;
  while (is_xml_space (*s))
    s++;
  return digits > 0 && *s == '\0';
}

bool
dv_is_date (const char *s)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int y, m, d, max;

  if (s == NULL || strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return false;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
      return false;
  y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  m = (s[5] - '0') * 10 + (s[6] - '0');
  d = (s[8] - '0') * 10 + (s[9] - '0');
  if (y == 0 || m < 1 || m > 12 || d < 1)
    return false;
  max = days[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    max = 29;
  return d <= max;
}

bool
dv_is_number (const char *s)
{
  size_t digits = 0;

  if (s == NULL)
    return false;
  while (is_xml_space (*s))
    s++;
  if (*s == '-')
    s++;
  while (*s >= '0' && *s <= '9')
    s++, digits++;
  if (*s == '.')
    {
      s++;
      while (*s >= '0' && *s <= '9')
        s++, digits++;
    }
  while (is_xml_space (*s))
    s++;
  return digits > 0 && *s == '\0';
}

char *
dv_upper (DokusValCtx *v, const char *s)
{
  size_t n;
  char *u;

  if (s == NULL)
    return NULL;
  n = strlen (s);
  u = dokus_val_alloc (v, n + 1);
  if (u == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++)
    u[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char) (s[i] - 'a' + 'A') : s[i];
  u[n] = '\0';
  return u;
}

const char *
dv_norm_string (DokusValCtx *v, const char *s)
{
  size_t n, o = 0;
  char *out;
  bool space = false;

  if (s == NULL)
    return "";
  n = strlen (s);
  out = dokus_val_alloc (v, n + 1);
  if (out == NULL)
    return "";
  for (size_t i = 0; i < n; i++)
    {
      if (is_xml_space (s[i]))
        {
          space = o > 0;
          continue;
        }
      if (space)
        out[o++] = ' ';
      space = false;
      out[o++] = s[i];
    }
  out[o] = '\0';
  return out;
}

int
dv_strcmp0 (const char *a, const char *b)
{
  return strcmp (a ? a : "", b ? b : "");
}

/* ---- parties -------------------------------------------------------------- */

#define SELLER "cac:AccountingSupplierParty/cac:Party"
#define BUYER "cac:AccountingCustomerParty/cac:Party"

/* The countries of the parties, computed once per document: the national
 * rules ask for them again and again. NULL: not yet computed. */
typedef struct {
  const char *seller_address, *buyer_address, *supplier, *customer;
} Countries;

static const char COUNTRIES_KEY;

/* The cached value of @slot of the document's Countries, computed by
 * @compute on the first call (not cached when out of memory). */
static const char *
country_memo (DokusValCtx *v, size_t slot, const char *(*compute) (DokusValCtx *v))
{
  bool fresh;
  Countries *c = dokus_val_cache (v, &COUNTRIES_KEY, sizeof *c, &fresh);
  const char **field;
  if (c == NULL)
    return compute (v);
  field = slot == 0 ? &c->seller_address : slot == 1 ? &c->buyer_address
          : slot == 2 ? &c->supplier : &c->customer;
  if (*field == NULL)
    *field = compute (v);
  return *field;
}

static const char *
address_country (DokusValCtx *v, const char *party_path)
{
  const xmlNode *party = dokus_val_first (dokus_val_root (v), party_path);
  const char *c = dokus_val_norm_at (v, party, "cac:PostalAddress/cac:Country/cbc:IdentificationCode");
  const char *u = dv_upper (v, c);
  return u ? u : "";
}

static const char *
compute_seller_address_country (DokusValCtx *v)
{
  return address_country (v, SELLER);
}

static const char *
compute_buyer_address_country (DokusValCtx *v)
{
  return address_country (v, BUYER);
}

const char *
dv_seller_address_country (DokusValCtx *v)
{
  return country_memo (v, 0, compute_seller_address_country);
}

const char *
dv_buyer_address_country (DokusValCtx *v)
{
  return country_memo (v, 1, compute_buyer_address_country);
}

/* substring(cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/cbc:CompanyID, 1, 2) of
 * @party (the first such scheme), upper-cased and trimmed; NULL when empty. */
static const char *
vat_prefix (DokusValCtx *v, const xmlNode *party)
{
  for (const xmlNode *p = dokus_val_child (party, "cac:PartyTaxScheme"); p;
       p = dokus_val_next (p, "cac:PartyTaxScheme"))
    {
      bool vat = false;
      for (const xmlNode *s = dokus_val_child (p, "cac:TaxScheme"); s && !vat;
           s = dokus_val_next (s, "cac:TaxScheme"))
        for (const xmlNode *id = dokus_val_child (s, "cbc:ID"); id && !vat;
             id = dokus_val_next (id, "cbc:ID"))
          vat = dv_strcmp0 (dokus_val_text (v, id), "VAT") == 0;
      if (!vat)
        continue;
      const char *id = dokus_val_text_at (v, p, "cbc:CompanyID");
      if (id == NULL || id[0] == '\0')
        return NULL;
      char two[3] = { id[0], id[1], '\0' };
      /* normalize-space of the two characters */
      char *u = dv_upper (v, two);
      if (u == NULL)
        return NULL;
      char *start = u;
      while (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r')
        start++;
      size_t len = strlen (start);
      while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t' || start[len - 1] == '\n'
                         || start[len - 1] == '\r'))
        start[--len] = '\0';
      return start;
    }
  return NULL;
}

static const char *
compute_supplier_country (DokusValCtx *v)
{
  const xmlNode *root = dokus_val_root (v);
  const char *c = vat_prefix (v, dokus_val_first (root, SELLER));
  if (c == NULL)
    c = vat_prefix (v, dokus_val_child (root, "cac:TaxRepresentativeParty"));
  if (c == NULL && dokus_val_exists (root, SELLER "/cac:PostalAddress/cac:Country/cbc:IdentificationCode"))
    c = dv_seller_address_country (v);
  return c ? c : "XX";
}

static const char *
compute_customer_country (DokusValCtx *v)
{
  const xmlNode *root = dokus_val_root (v);
  const char *c = vat_prefix (v, dokus_val_first (root, BUYER));
  if (c == NULL && dokus_val_exists (root, BUYER "/cac:PostalAddress/cac:Country/cbc:IdentificationCode"))
    c = dv_buyer_address_country (v);
  return c ? c : "XX";
}

const char *
dv_supplier_country (DokusValCtx *v)
{
  return country_memo (v, 2, compute_supplier_country);
}

const char *
dv_customer_country (DokusValCtx *v)
{
  return country_memo (v, 3, compute_customer_country);
}

bool
dv_both_de (DokusValCtx *v)
{
  return strcmp (dv_seller_address_country (v), "DE") == 0
         && strcmp (dv_buyer_address_country (v), "DE") == 0;
}

/* ---- rule groups -------------------------------------------------------------- */

void
dv_group_hit (DokusValCtx *v, DvGroupState *s, unsigned index, const xmlNode *at)
{
  if (s == NULL)
    return;
  if (s->n == s->cap)
    {
      size_t cap = s->cap ? s->cap * 2 : 32;
      DvGroupHit *hits = dokus_val_alloc (v, cap * sizeof *hits);
      if (hits == NULL)
        {
          s->oom = true;
          return;
        }
      if (s->n)
        memcpy (hits, s->hits, s->n * sizeof *hits);
      s->hits = hits;
      s->cap = cap;
    }
  s->hits[s->n].node = at;
  s->hits[s->n].rule = index;
  s->n++;
  s->first = NULL; /* a hit after the walk (none so far): back to scanning them all */
}

void
dv_group_hit_once (DokusValCtx *v, DvGroupState *s, unsigned index)
{
  if (s == NULL)
    return;
  if (s->once == NULL)
    {
      s->once = dokus_val_alloc (v, s->n_rules ? s->n_rules : 1);
      if (s->once == NULL)
        {
          s->oom = true;
          return;
        }
    }
  if (index >= s->n_rules || s->once[index])
    return;
  s->once[index] = 1;
  dv_group_hit (v, s, index, NULL);
}

typedef struct {
  const DvGroup *group;
  DvGroupState  *state;
} GroupWalk;

/* Sorts the hits of @s by rule, each rule's in the order they were found
 * (a counting sort), so that each rule reads its own hits instead of all
 * of them. On OOM the hits stay as they are and s->first NULL. */
static void
sort_hits_by_rule (DokusValCtx *v, DvGroupState *s)
{
  uint32_t *first, *at;
  DvGroupHit *sorted;

  if (s->n == 0 || s->n >= UINT32_MAX || s->n_rules >= UINT32_MAX)
    return;
  first = dokus_val_alloc (v, (s->n_rules + 1) * sizeof *first);
  at = dokus_val_alloc (v, s->n_rules * sizeof *at);
  sorted = dokus_val_alloc (v, s->n * sizeof *sorted);
  if (first == NULL || at == NULL || sorted == NULL)
    return;
  for (size_t i = 0; i < s->n; i++)
    if (s->hits[i].rule >= s->n_rules)
      return; /* never: visits hit their own group's rules */
  memset (first, 0, (s->n_rules + 1) * sizeof *first);
  for (size_t i = 0; i < s->n; i++)
    first[s->hits[i].rule + 1]++;
  for (size_t r = 0; r < s->n_rules; r++)
    {
      first[r + 1] += first[r];
      at[r] = first[r];
    }
  for (size_t i = 0; i < s->n; i++)
    sorted[at[s->hits[i].rule]++] = s->hits[i];
  s->hits = sorted;
  s->cap = s->n;
  s->first = first;
}

static const DvGroup *const every_group[] = {
  &dv_group_codelists, &dv_group_peppol_common, &dv_group_peppol_walk,
  &dv_group_ubl_cr,    &dv_group_unused_attrs,  &dv_group_sr_dt_walk,
};

#define N_GROUPS (sizeof every_group / sizeof every_group[0])

typedef struct {
  GroupWalk walks[N_GROUPS];
  size_t    n;
} GroupsWalk;

static void
visit_groups (DokusValCtx *v, const xmlNode *n, void *data)
{
  GroupsWalk *w = data;
  for (size_t i = 0; i < w->n; i++)
    w->walks[i].group->visit (v, n, w->walks[i].state);
}

/* Adds group @g with state @s to @w (marked walked). */
static void
add_group_walk (GroupsWalk *w, const DvGroup *g, DvGroupState *s)
{
  s->walked = true;
  s->n_rules = g->n_rules;
  w->walks[w->n].group = g;
  w->walks[w->n].state = s;
  w->n++;
}

/* The group's walk, run by the first of its rules that runs on a document
 * (with every rule set running: the walk of every group not walked yet, at
 * once). Out of line, so that the other rules (most of them find nothing)
 * cost a few instructions each. */
static DOKUS_VAL_NOINLINE void
walk_group (DokusValCtx *v, DvGroupState *s, const DvGroup *g)
{
  GroupsWalk w = { .n = 0 };
  const xmlNode *root = dokus_val_root (v);

  add_group_walk (&w, g, s);
  if (dokus_val_walks_together (v))
    for (size_t i = 0; i < N_GROUPS; i++)
      {
        DvGroupState *other;
        if (every_group[i] == g || (other = every_group[i]->state (v)) == NULL || other->walked)
          continue;
        add_group_walk (&w, every_group[i], other);
      }
  if (root != NULL)
    for (size_t i = 0; i < w.n; i++)
      w.walks[i].group->visit (v, root, w.walks[i].state);
  dv_walk (v, root, visit_groups, &w);
  for (size_t i = 0; i < w.n; i++)
    sort_hits_by_rule (v, w.walks[i].state);
}

/* The index of @rule in @g (n_rules: not there). */
static DOKUS_VAL_NOINLINE size_t
find_group_rule (const DvGroup *g, const char *rule)
{
  for (size_t i = 0; i < g->n_rules; i++)
    if (dv_same_rule (g->rules[i], rule))
      return i;
  return g->n_rules;
}

/* Reports the hits of rule @index of @s as @rule. */
static DOKUS_VAL_NOINLINE void
report_group_hits (DokusValCtx *v, const DvGroupState *s, const char *rule, size_t index)
{
  if (s->first != NULL)
    for (size_t i = s->first[index]; i < s->first[index + 1]; i++)
      dokus_val_report (v, rule, s->hits[i].node);
  else
    for (size_t i = 0; i < s->n; i++)
      if (s->hits[i].rule == index)
        dokus_val_report (v, rule, s->hits[i].node);
}

void
dv_group_check (DokusValCtx *v, const char *rule, const DvGroup *g)
{
  DvGroupState *s = g->state (v);
  if (!dv_group_skip (s, g, rule))
    dv_group_check_state (v, s, rule, g);
}

void
dv_group_check_state (DokusValCtx *v, DvGroupState *s, const char *rule, const DvGroup *g)
{
  size_t index;

  if (s == NULL)
    return; /* out of memory: the engine reports it */
  /* families run their rules in table order: try the expected one first */
  index = s->next;
  if (index >= g->n_rules || !dv_same_rule (g->rules[index], rule))
    {
      index = find_group_rule (g, rule);
      if (index == g->n_rules)
        return;
    }
  if (!s->walked)
    walk_group (v, s, g);
  /* after the walk the hits are sorted by rule: most rules have none */
  if (s->n != 0 && (s->first == NULL || s->first[index] != s->first[index + 1]))
    report_group_hits (v, s, rule, index);
  s->next = index + 1;
}

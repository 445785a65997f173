/* dokus-validate-report.c
 *
 * The validation report: findings with rule id, flag, an XPath-like
 * location and a message; the public accessors and the JSON rendering.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dokus-validate-ctx-private.h"

#define LOCATION_MAX 1024

static const char *
prefix_of_href (const xmlNode *n)
{
  const char *href = n->ns && n->ns->href ? (const char *) n->ns->href : "";
  if (strstr (href, "CommonBasicComponents-2"))
    return "cbc:";
  if (strstr (href, "CommonAggregateComponents-2"))
    return "cac:";
  if (strstr (href, "CommonExtensionComponents-2"))
    return "ext:";
  if (strstr (href, ":Invoice-2") || strstr (href, ":CreditNote-2") || *href == '\0')
    return "";
  return n->ns->prefix ? "*:" : "";
}

/* prefix_of_href () of @n, remembered for the last two namespaces (a
 * location's elements share two or three) */
static const char *
prefix_of (DokusValCtx *v, const xmlNode *n)
{
  const char *p;
  if (n->ns == NULL)
    return prefix_of_href (n);
  if (n->ns == v->loc_ns[0])
    return v->loc_prefix[0];
  if (n->ns == v->loc_ns[1])
    return v->loc_prefix[1];
  p = prefix_of_href (n);
  v->loc_ns[1] = v->loc_ns[0];
  v->loc_prefix[1] = v->loc_prefix[0];
  v->loc_ns[0] = n->ns;
  v->loc_prefix[0] = p;
  return p;
}

/* snprintf (@dst, @room, "%s%s...", @parts[0], ...) of @n parts without the
 * format machinery (a tenth of a finding's cost): as much as fits, always
 * terminated; the length the whole would have. */
static size_t
append_parts (char *dst, size_t room, const char *const *parts, size_t n)
{
  size_t total = 0;
  for (size_t k = 0; k < n; k++)
    {
      size_t l = strlen (parts[k]);
      if (room > 0 && total < room - 1)
        memcpy (dst + total, parts[k], l < room - 1 - total ? l : room - 1 - total);
      total += l;
    }
  if (room > 0)
    dst[total < room - 1 ? total : room - 1] = '\0';
  return total;
}

static bool
same_name (const xmlNode *a, const xmlNode *b)
{
  if (a->type != XML_ELEMENT_NODE || strcmp ((const char *) a->name, (const char *) b->name) != 0)
    return false;
  if (a->ns == b->ns)
    return true;
  return a->ns && b->ns && strcmp ((const char *) a->ns->href, (const char *) b->ns->href) == 0;
}

/* "[k]" when @n has same-named siblings (k counts from 1), else "". Walks
 * back to count and forward only to the first same-named sibling, so a
 * document with many lines stays linear in the findings it lists. */
static void
index_of (DokusValCtx *v, const xmlNode *n, char *buf, size_t size)
{
  size_t before = 1;
  bool others = false;
  const DokusValNodeRec *rn = n->_private, *rm;
  const xmlNode *memo = v->loc_node;
  buf[0] = '\0';
  if (n->parent == NULL || n->parent->type != XML_ELEMENT_NODE)
    return;
  rm = memo ? memo->_private : NULL;
  if (memo && memo->parent == n->parent && rn && rm && rm->order <= rn->order
      && same_name (memo, n))
    {
      /* findings come in document order: count on from the last same-named one */
      before = v->loc_index;
      for (const xmlNode *s = memo; s != n; s = s->next)
        if (s->next && same_name (s->next, n))
          before++;
    }
  else
    for (const xmlNode *s = n->prev; s; s = s->prev)
      if (same_name (s, n))
        before++;
  v->loc_node = n;
  v->loc_index = before;
  others = before > 1;
  for (const xmlNode *s = n->next; s && !others; s = s->next)
    others = same_name (s, n);
  if (others)
    snprintf (buf, size, "[%lu]", (unsigned long) before);
}

static char *
location_of (DokusValCtx *v, const xmlNode *at)
{
  const xmlNode *chain[64];
  size_t depth = 0;
  char buf[LOCATION_MAX];
  size_t len = 0;
  const xmlNode *attr = NULL;

  if (at == NULL)
    at = v->root;
  if (at->type == XML_ATTRIBUTE_NODE)
    {
      attr = at;
      at = at->parent;
    }
  for (const xmlNode *n = at; n && n->type == XML_ELEMENT_NODE && depth < 64; n = n->parent)
    chain[depth++] = n;
  buf[0] = '\0';
  while (depth > 0)
    {
      const xmlNode *n = chain[--depth];
      char idx[32];
      const char *parts[4];
      size_t w;
      index_of (v, n, idx, sizeof idx);
      parts[0] = "/";
      parts[1] = prefix_of (v, n);
      parts[2] = (const char *) n->name;
      parts[3] = idx;
      w = append_parts (buf + len, sizeof buf - len, parts, 4);
      if (w >= sizeof buf - len)
        break;
      len += w;
    }
  if (attr && len < sizeof buf)
    {
      const char *parts[2] = { "/@", (const char *) attr->name };
      append_parts (buf + len, sizeof buf - len, parts, 2);
    }
  return strdup (buf);
}

void
dokus_val_add_finding (DokusValCtx *v, const char *rule, const char *flag, const xmlNode *at,
                       const char *message)
{
  DokusUblReport *r = v->report;
  DokusValFinding *f;

  if (r->n >= DOKUS_UBL_VALIDATE_MAX_FINDINGS)
    {
      /* a hostile document could make millions: count them, list the first ones */
      r->n_dropped++;
      if (strcmp (flag, "fatal") == 0)
        r->n_fatal++;
      return;
    }
  if (r->n == r->cap)
    {
      size_t cap = r->cap ? r->cap * 2 : 16;
      DokusValFinding *grown = realloc (r->findings, cap * sizeof *grown);
      if (grown == NULL)
        {
          r->oom = true;
          return;
        }
      r->findings = grown;
      r->cap = cap;
    }
  f = &r->findings[r->n];
  f->rule = rule;
  f->flag = flag;
  f->location = location_of (v, at);
  f->message = strdup (message);
  if (f->location == NULL || f->message == NULL)
    {
      free (f->location);
      free (f->message);
      r->oom = true;
      return;
    }
  r->n++;
  if (strcmp (flag, "fatal") == 0)
    r->n_fatal++;
}

void
dokus_val_report (DokusValCtx *v, const char *rule, const xmlNode *at)
{
  const DokusValRuleMeta *m = dokus_val_rule_meta (rule);
  char generic[160];

  assert (v != NULL && rule != NULL);
  if (m == NULL)
    {
      /* a family binds an id the tables do not list: tests/validate catches it */
      dokus_val_add_finding (v, rule, "fatal", at, "rule missing from the rule tables");
      return;
    }
  if (m->message[0] == '\0')
    {
      snprintf (generic, sizeof generic, "rule %s is not met (%s)", m->id,
                m->context[0] ? m->context : "see the Peppol BIS rules");
      dokus_val_add_finding (v, m->id, m->flag, at, generic);
      return;
    }
  dokus_val_add_finding (v, m->id, m->flag, at, m->message);
}

void
dokus_val_report_msg (DokusValCtx *v, const char *rule, const xmlNode *at, const char *format,
                      ...)
{
  const DokusValRuleMeta *m = dokus_val_rule_meta (rule);
  char msg[512];
  va_list ap;

  va_start (ap, format);
  vsnprintf (msg, sizeof msg, format, ap);
  va_end (ap);
  if (m == NULL)
    dokus_val_add_finding (v, rule, "fatal", at, msg);
  else
    dokus_val_add_finding (v, m->id, m->flag, at, msg);
}

bool
dokus_ubl_report_valid (const DokusUblReport *report)
{
  assert (report != NULL);
  return report->n_fatal == 0;
}

const char *
dokus_ubl_report_doctype (const DokusUblReport *report)
{
  assert (report != NULL);
  return report->doctype;
}

size_t
dokus_ubl_report_count (const DokusUblReport *report)
{
  assert (report != NULL);
  return report->n;
}

size_t
dokus_ubl_report_fatal_count (const DokusUblReport *report)
{
  assert (report != NULL);
  return report->n_fatal;
}

const char *
dokus_ubl_report_rule (const DokusUblReport *report, size_t i)
{
  assert (report != NULL && i < report->n);
  return report->findings[i].rule;
}

const char *
dokus_ubl_report_flag (const DokusUblReport *report, size_t i)
{
  assert (report != NULL && i < report->n);
  return report->findings[i].flag;
}

const char *
dokus_ubl_report_location (const DokusUblReport *report, size_t i)
{
  assert (report != NULL && i < report->n);
  return report->findings[i].location;
}

const char *
dokus_ubl_report_message (const DokusUblReport *report, size_t i)
{
  assert (report != NULL && i < report->n);
  return report->findings[i].message;
}

char *
dokus_ubl_report_to_json (const DokusUblReport *report, const char *file)
{
  cJSON *o = cJSON_CreateObject (), *list;
  char *text = NULL;

  assert (report != NULL);
  if (o == NULL)
    return NULL;
  if (file && !cJSON_AddStringToObject (o, "file", file))
    goto out;
  if (!cJSON_AddBoolToObject (o, "valid", report->n_fatal == 0)
      || !cJSON_AddStringToObject (o, "doctype", report->doctype)
      || (list = cJSON_AddArrayToObject (o, "findings")) == NULL)
    goto out;
  if (report->n_dropped > 0
      && !cJSON_AddNumberToObject (o, "findings_not_listed", (double) report->n_dropped))
    goto out;
  for (size_t i = 0; i < report->n; i++)
    {
      const DokusValFinding *f = &report->findings[i];
      cJSON *e = cJSON_CreateObject ();
      if (e == NULL)
        goto out;
      cJSON_AddItemToArray (list, e);
      if (!cJSON_AddStringToObject (e, "rule", f->rule)
          || !cJSON_AddStringToObject (e, "flag", f->flag)
          || !cJSON_AddStringToObject (e, "location", f->location)
          || !cJSON_AddStringToObject (e, "message", f->message))
        goto out;
    }
  text = cJSON_PrintUnformatted (o);
out:
  cJSON_Delete (o);
  return text;
}

void
dokus_ubl_report_free (DokusUblReport *report)
{
  if (report == NULL)
    return;
  for (size_t i = 0; i < report->n; i++)
    {
      free (report->findings[i].location);
      free (report->findings[i].message);
    }
  free (report->findings);
  free (report);
}

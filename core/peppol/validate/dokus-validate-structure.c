/* dokus-validate-structure.c
 *
 * The structure check: the document against the UBL 2.1 schema, written as
 * data in dokus-validate-ubl21.c. Element order, cardinality, unknown
 * elements and attributes, required attributes (currencyID, unitCode of a
 * measure, mimeCode), and the lexical form of decimals, dates, times,
 * booleans and base64 values. Findings carry our own rule id "UBL-XSD"
 * and say what was expected. The content of ext:UBLExtensions is not
 * checked (the schema lets it hold anything).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
/* a 32-byte step for long base64 runs, on x86-64 CPUs that have AVX2 */
#include "../dokus-base64-avx2-private.h"
#define HAVE_AVX2_BASE64 DOKUS_HAVE_BASE64_AVX2

#include "dokus-validate-names-private.h"
#include "dokus-validate-private.h"
#include "dokus-validate-ubl21-private.h"

#define RULE "UBL-XSD"
#define NS_XSI "http://www.w3.org/2001/XMLSchema-instance"

static const char *
qname_of (const xmlNode *n, char *buf, size_t size)
{
  const char *href = n->ns && n->ns->href ? (const char *) n->ns->href : "";
  const char *p = "";
  if (strstr (href, "CommonBasicComponents-2"))
    p = "cbc:";
  else if (strstr (href, "CommonAggregateComponents-2"))
    p = "cac:";
  else if (strstr (href, "CommonExtensionComponents-2"))
    p = "ext:";
  else if (*href && !strstr (href, ":Invoice-2") && !strstr (href, ":CreditNote-2"))
    p = "{other namespace}:";
  snprintf (buf, size, "%s%s", p, (const char *) n->name);
  return buf;
}

static bool
is_ws (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* @s with surrounding whitespace skipped: [*b, *e) */
static void
trim (const char *s, const char **b, const char **e)
{
  const char *end = s + strlen (s);
  while (is_ws (*s))
    s++;
  while (end > s && is_ws (end[-1]))
    end--;
  *b = s;
  *e = end;
}

static bool
digits (const char *p, const char *e, int n)
{
  if (e - p < n)
    return false;
  for (int i = 0; i < n; i++)
    if (p[i] < '0' || p[i] > '9')
      return false;
  return true;
}

static int
num (const char *p, int n)
{
  int v = 0;
  for (int i = 0; i < n; i++)
    v = v * 10 + (p[i] - '0');
  return v;
}

/* "", "Z", "+hh:mm" or "-hh:mm" */
static bool
timezone_ok (const char *p, const char *e)
{
  if (p == e)
    return true;
  if (e - p == 1 && *p == 'Z')
    return true;
  return e - p == 6 && (*p == '+' || *p == '-') && digits (p + 1, e, 2) && p[3] == ':'
         && digits (p + 4, e, 2) && num (p + 1, 2) <= 14 && num (p + 4, 2) <= 59;
}

static bool
date_ok (const char *s)
{
  static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  const char *p, *e;
  int y, m, d, ylen = 0;

  trim (s, &p, &e);
  if (p < e && *p == '-')
    p++;
  while (p + ylen < e && p[ylen] >= '0' && p[ylen] <= '9')
    ylen++;
  if (ylen < 4 || (ylen > 4 && *p == '0'))
    return false;
  y = ylen == 4 ? num (p, 4) : 2000; /* leap-year test only needs the low digits */
  if (ylen > 4)
    y = num (p + ylen - 4, 4);
  p += ylen;
  if (e - p < 6 || p[0] != '-' || !digits (p + 1, e, 2) || p[3] != '-' || !digits (p + 4, e, 2))
    return false;
  m = num (p + 1, 2);
  d = num (p + 4, 2);
  if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
    return false;
  if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return false;
  return timezone_ok (p + 6, e);
}

static bool
time_ok (const char *s)
{
  const char *p, *e;
  trim (s, &p, &e);
  if (!digits (p, e, 2) || e - p < 8 || p[2] != ':' || !digits (p + 3, e, 2) || p[5] != ':'
      || !digits (p + 6, e, 2))
    return false;
  if (num (p, 2) > 24 || num (p + 3, 2) > 59 || num (p + 6, 2) > 59)
    return false;
  p += 8;
  if (p < e && *p == '.')
    {
      const char *f = ++p;
      while (p < e && *p >= '0' && *p <= '9')
        p++;
      if (p == f)
        return false;
    }
  return timezone_ok (p, e);
}

static bool
decimal_ok (const char *s)
{
  const char *p, *e;
  bool any = false;
  trim (s, &p, &e);
  if (p < e && (*p == '+' || *p == '-'))
    p++;
  while (p < e && *p >= '0' && *p <= '9')
    p++, any = true;
  if (p < e && *p == '.')
    for (p++; p < e && *p >= '0' && *p <= '9'; p++)
      any = true;
  return any && p == e;
}

static bool
boolean_ok (const char *s)
{
  const char *p, *e;
  size_t n;
  trim (s, &p, &e);
  n = (size_t) (e - p);
  return (n == 4 && memcmp (p, "true", 4) == 0) || (n == 5 && memcmp (p, "false", 5) == 0)
         || (n == 1 && (*p == '0' || *p == '1'));
}

#ifdef __SSE2__
/* 0xff in each lane of the 16 bytes at @p that is a base64 digit
 * (A-Z a-z 0-9 + /), else 0: signed compares, so bytes >= 0x80 fall
 * outside every range */
static __m128i
digit_lanes (const unsigned char *p)
{
  __m128i x = _mm_loadu_si128 ((const __m128i *) p);
  /* 'A'..'Z' and 'a'..'z' both land on 'a'..'z' with bit 5 set; '@', '['
   * and the others next to them do not */
  __m128i lower = _mm_or_si128 (x, _mm_set1_epi8 (0x20));
  __m128i alpha = _mm_and_si128 (_mm_cmpgt_epi8 (lower, _mm_set1_epi8 ('a' - 1)),
                                 _mm_cmpgt_epi8 (_mm_set1_epi8 ('z' + 1), lower));
  /* '/' is 0x2f, right below '0'..'9' */
  __m128i slash_digit = _mm_and_si128 (_mm_cmpgt_epi8 (x, _mm_set1_epi8 ('/' - 1)),
                                       _mm_cmpgt_epi8 (_mm_set1_epi8 ('9' + 1), x));
  __m128i plus = _mm_cmpeq_epi8 (x, _mm_set1_epi8 ('+'));
  return _mm_or_si128 (_mm_or_si128 (alpha, slash_digit), plus);
}

/* How many of the bytes from @p to @end are a run of base64 digits, in
 * whole blocks of 16: 64 a step, then 16 (the block holding anything
 * else is left to the caller). */
static size_t
skip_digit_blocks (const unsigned char *p, const unsigned char *end)
{
  const unsigned char *start = p;

  while (end - p >= 64
         && _mm_movemask_epi8 (_mm_and_si128 (_mm_and_si128 (digit_lanes (p), digit_lanes (p + 16)),
                                              _mm_and_si128 (digit_lanes (p + 32),
                                                             digit_lanes (p + 48))))
              == 0xffff)
    p += 64;
  while (end - p >= 16 && _mm_movemask_epi8 (digit_lanes (p)) == 0xffff)
    p += 16;
  return (size_t) (p - start);
}
#endif

#if HAVE_AVX2_BASE64
/* skip_digit_blocks() 128 bytes a step, then 32: for the long runs of an
 * embedded document (most of the bytes of an export); the digits told by
 * the nibble tables of dokus-base64-avx2-private.h */
DOKUS_B64_TARGET static size_t
skip_digit_blocks_avx2 (const unsigned char *p, const unsigned char *end)
{
  const unsigned char *start = p;
  while (end - p >= 128)
    {
      __m256i c0 = _mm256_loadu_si256 ((const __m256i *) p);
      __m256i c1 = _mm256_loadu_si256 ((const __m256i *) (p + 32));
      __m256i c2 = _mm256_loadu_si256 ((const __m256i *) (p + 64));
      __m256i c3 = _mm256_loadu_si256 ((const __m256i *) (p + 96));
      __m256i e = _mm256_or_si256 (
        _mm256_or_si256 (dokus_b64_errors (c0, dokus_b64_high_nibbles (c0)),
                         dokus_b64_errors (c1, dokus_b64_high_nibbles (c1))),
        _mm256_or_si256 (dokus_b64_errors (c2, dokus_b64_high_nibbles (c2)),
                         dokus_b64_errors (c3, dokus_b64_high_nibbles (c3))));
      if (!_mm256_testz_si256 (e, e))
        break;
      p += 128;
    }
  while (end - p >= 32 && dokus_b64_all_digits (p))
    p += 32;
  return (size_t) (p - start);
}
#endif

static bool
base64_ok (const char *s)
{
  /* each byte's class, one look-up a character (an embedded PDF is tens of
   * thousands of them): 0 not base64, B64 a digit, WS whitespace, PAD '=' */
  enum { B64 = 1, WS, PAD };
#define R8(c) [c] = B64, [c + 1] = B64, [c + 2] = B64, [c + 3] = B64, [c + 4] = B64, \
              [c + 5] = B64, [c + 6] = B64, [c + 7] = B64
  static const unsigned char class[256] = {
    R8 ('A'), R8 ('I'), R8 ('Q'), ['Y'] = B64, ['Z'] = B64,
    R8 ('a'), R8 ('i'), R8 ('q'), ['y'] = B64, ['z'] = B64,
    R8 ('0'), ['8'] = B64, ['9'] = B64, ['+'] = B64, ['/'] = B64,
    [' '] = WS, ['\t'] = WS, ['\n'] = WS, ['\r'] = WS, ['='] = PAD,
  };
#undef R8
  const unsigned char *p = (const unsigned char *) s;
  size_t n = 0, pad = 0;
#ifdef __SSE2__
  /* the NUL: blocks never read past it */
  const unsigned char *end = p + strlen (s);
#endif

  for (;; p++)
    {
#ifdef __SSE2__
      /* the common run, 16 digits and more a step; the block with
       * anything else (whitespace, '=', an error, the end) goes to the
       * loop below */
      {
        size_t run;
#if HAVE_AVX2_BASE64
        /* (only for long runs: the CPU check is not free) */
        if (end - p >= 256 && __builtin_cpu_supports ("avx2"))
          {
            run = skip_digit_blocks_avx2 (p, end);
            p += run;
            n += run;
          }
#endif
        run = skip_digit_blocks (p, end);
        p += run;
        n += run;
      }
#endif
      /* the common run: digits only */
      while (class[*p] == B64)
        {
          p++;
          n++;
        }
      switch (class[*p])
        {
        case WS: continue;
        case PAD:
          pad++;
          n++;
          while (class[p[1]] == PAD || class[p[1]] == WS)
            {
              p++;
              if (class[*p] == PAD)
                {
                  pad++;
                  n++;
                }
            }
          if (p[1] != '\0')
            return false; /* a digit after padding */
          continue;
        default: /* 0: not base64, or the end */
          if (*p != '\0')
            return false;
          return n % 4 == 0 && pad <= 2;
        }
    }
}

static bool
value_ok (DokusValValueKind kind, const char *text)
{
  switch (kind)
    {
    case DOKUS_VAL_VALUE_STRING: return true;
    case DOKUS_VAL_VALUE_DECIMAL: return decimal_ok (text);
    case DOKUS_VAL_VALUE_DATE: return date_ok (text);
    case DOKUS_VAL_VALUE_TIME: return time_ok (text);
    case DOKUS_VAL_VALUE_BOOLEAN: return boolean_ok (text);
    case DOKUS_VAL_VALUE_BASE64: return base64_ok (text);
    }
  return false;
}

static const char *
kind_name (DokusValValueKind kind)
{
  switch (kind)
    {
    case DOKUS_VAL_VALUE_STRING: return "a string";
    case DOKUS_VAL_VALUE_DECIMAL: return "a decimal number";
    case DOKUS_VAL_VALUE_DATE: return "a date (YYYY-MM-DD)";
    case DOKUS_VAL_VALUE_TIME: return "a time (hh:mm:ss)";
    case DOKUS_VAL_VALUE_BOOLEAN: return "true or false";
    case DOKUS_VAL_VALUE_BASE64: return "base64 data";
    }
  return "?";
}

/* Is @name one of the comma-separated names of @spec ('!' prefixes ignored)? */
static bool
attr_allowed (const char *spec, const char *name)
{
  size_t len = strlen (name);
  const char *p = spec;
  while (*p)
    {
      const char *end = strchr (p, ',');
      size_t n;
      if (*p == '!')
        p++;
      n = end ? (size_t) (end - p) : strlen (p);
      if (n == len && memcmp (p, name, len) == 0)
        return true;
      if (!end)
        break;
      p = end + 1;
    }
  return false;
}

static bool
has_attr (const xmlNode *n, const char *name, size_t len)
{
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (a->ns == NULL && strlen ((const char *) a->name) == len
        && memcmp (a->name, name, len) == 0)
      return true;
  return false;
}

/* Reports unknown attributes of @n (xsi:* are always allowed) and
 * missing required ones of @spec. */
/* @requires_any: @spec has an entry starting with '!' (known per value
 * type: spec_requires()) */
static void
check_attributes (DokusValCtx *v, const xmlNode *n, const char *spec, bool requires_any)
{
  char q[96];
  /* most elements: no attribute, none required */
  if (n->properties == NULL && !requires_any)
    return;
  for (const xmlAttr *a = n->properties; a; a = a->next)
    {
      if (a->ns && a->ns->href && strcmp ((const char *) a->ns->href, NS_XSI) == 0)
        continue;
      if (a->ns == NULL && attr_allowed (spec, (const char *) a->name))
        continue;
      dokus_val_report_msg (v, RULE, (const xmlNode *) a, "%s: attribute %s is not allowed",
                            qname_of (n, q, sizeof q), (const char *) a->name);
    }
  /* the required ones: entries that start with '!' (most specs have none) */
  if (!requires_any)
    return;
  for (const char *p = strchr (spec, '!'); p; p = strchr (p + 1, '!'))
    {
      const char *end;
      size_t len;
      if (p != spec && p[-1] != ',')
        continue;
      end = strchr (p, ',');
      len = end ? (size_t) (end - p) : strlen (p);
      if (!has_attr (n, p + 1, len - 1))
        dokus_val_report_msg (v, RULE, n, "%s: required attribute %.*s is missing",
                              qname_of (n, q, sizeof q), (int) (len - 1), p + 1);
    }
}

/* Does the attribute spec of value type @t require an attribute ("!")?
 * Asked for every value element: remembered per type, 0 not yet asked,
 * 1 no, 2 yes (every thread computes the same: relaxed atomics). */
#define MAX_SIMPLE_TYPES 64
static _Atomic unsigned char spec_required[MAX_SIMPLE_TYPES];

static bool
spec_requires (const DokusValSimpleType *t)
{
  size_t i = (size_t) (t - dokus_val_ubl21_simple);
  unsigned char known;
  if (i >= MAX_SIMPLE_TYPES)
    return strchr (t->attrs, '!') != NULL;
  known = atomic_load_explicit (&spec_required[i], memory_order_relaxed);
  if (known == 0)
    {
      known = strchr (t->attrs, '!') != NULL ? 2 : 1;
      atomic_store_explicit (&spec_required[i], known, memory_order_relaxed);
    }
  return known == 2;
}

static void
check_basic (DokusValCtx *v, const xmlNode *n, const DokusValSimpleType *t)
{
  char q[96];
  const char *text;

  check_attributes (v, n, t->attrs, spec_requires (t));
  for (const xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      {
        char cq[96];
        dokus_val_report_msg (v, RULE, c, "%s: element %s is not allowed inside a value",
                              qname_of (n, q, sizeof q), qname_of (c, cq, sizeof cq));
        return;
      }
  text = dokus_val_text (v, n);
  if (!value_ok (t->value, text))
    dokus_val_report_msg (v, RULE, n, "%s: '%.40s' is not %s", qname_of (n, q, sizeof q), text,
                          kind_name (t->value));
}

static void check_aggregate (DokusValCtx *v, const xmlNode *n, unsigned type, unsigned depth);

static void
check_child (DokusValCtx *v, const xmlNode *c, const DokusValElement *e, unsigned depth)
{
  switch (e->kind)
    {
    case DOKUS_VAL_ELEM_BASIC:
      check_basic (v, c, &dokus_val_ubl21_simple[e->type]);
      break;
    case DOKUS_VAL_ELEM_AGGREGATE:
      check_aggregate (v, c, e->type, depth + 1);
      break;
    case DOKUS_VAL_ELEM_ANY:
      break;
    }
}

static void
report_missing (DokusValCtx *v, const xmlNode *n, const DokusValElement *e, const xmlNode *before)
{
  char q[96], bq[96];
  if (before)
    dokus_val_report_msg (v, RULE, before, "%s: missing required element %s before %s",
                          qname_of (n, q, sizeof q), e->qname, qname_of (before, bq, sizeof bq));
  else
    dokus_val_report_msg (v, RULE, n, "%s: missing required element %s",
                          qname_of (n, q, sizeof q), e->qname);
}

/* The first of @seq[@from..@to) (whose keys are @keys) that element @c
 * is, or @to. */
static inline unsigned
find_in_sequence (const xmlNode *c, const DokusValElement *seq, const uint16_t *keys,
                  unsigned from, unsigned to)
{
  uint16_t key = keys != NULL ? dokus_val_node_key (c) : 0;
  unsigned j;
  if (key != 0)
    {
      /* the index numbers every element's name: compare numbers (a name
       * UBL does not have has number 0 and is in no sequence) */
      for (j = from; j < to; j++)
        if (keys[j] == key)
          break;
      return j;
    }
  for (j = from; j < to; j++)
    if (seq[j].qname[4] == (char) c->name[0] && dokus_val_is (c, seq[j].qname))
      break;
  return j;
}

static void
check_aggregate (DokusValCtx *v, const xmlNode *n, unsigned type, unsigned depth)
{
  const DokusValComplexType *t = &dokus_val_ubl21_types[type];
  const DokusValElement *seq = &dokus_val_ubl21_elements[t->first];
  const uint16_t *keys = dokus_val_element_keys ();
  unsigned pos = 0, count = 0;
  char q[96], cq[96];

  if (keys != NULL)
    keys += t->first;
  check_attributes (v, n, "", false);
  for (const xmlNode *c = n->children; c; c = c->next)
    {
      unsigned j;

      if (c->type == XML_TEXT_NODE)
        {
          const char *s = c->content ? (const char *) c->content : "";
          while (is_ws (*s))
            s++;
          if (*s)
            dokus_val_report_msg (v, RULE, n, "%s: text '%.30s' is not allowed here",
                                  qname_of (n, q, sizeof q), s);
          continue;
        }
      if (c->type != XML_ELEMENT_NODE)
        continue;
      j = find_in_sequence (c, seq, keys, pos, t->count);
      if (j == t->count)
        {
          bool earlier = find_in_sequence (c, seq, keys, 0, pos) != pos;
          if (earlier)
            dokus_val_report_msg (v, RULE, c, "%s: element %s is out of order (it must come "
                                  "before %s)", qname_of (n, q, sizeof q),
                                  qname_of (c, cq, sizeof cq), seq[pos].qname);
          else
            dokus_val_report_msg (v, RULE, c, "%s: element %s is not allowed here",
                                  qname_of (n, q, sizeof q), qname_of (c, cq, sizeof cq));
          continue;
        }
      if (j != pos)
        {
          for (unsigned k = pos; k < j; k++)
            if (seq[k].min > (k == pos ? count : 0))
              report_missing (v, n, &seq[k], c);
          pos = j;
          count = 0;
        }
      count++;
      if (seq[pos].max != 0 && count > seq[pos].max)
        dokus_val_report_msg (v, RULE, c, "%s: element %s may occur at most %u time%s",
                              qname_of (n, q, sizeof q), seq[pos].qname, seq[pos].max,
                              seq[pos].max == 1 ? "" : "s");
      check_child (v, c, &seq[pos], depth);
    }
  for (unsigned k = pos; k < t->count; k++)
    if (seq[k].min > (k == pos ? count : 0))
      report_missing (v, n, &seq[k], NULL);
}

static void
check_structure (DokusValCtx *v, const char *rule)
{
  (void) rule;
  check_aggregate (v, dokus_val_root (v),
                   dokus_val_is_credit_note (v) ? dokus_val_ubl21_credit_note
                                                : dokus_val_ubl21_invoice, 0);
}

void
dokus_val_check_structure (DokusValCtx *v)
{
  check_structure (v, RULE);
}

static const DokusValRule structure_rules[] = {
  { RULE, check_structure },
};

DOKUS_VAL_FAMILY (dokus_val_family_structure, "UBL-XSD", structure_rules);

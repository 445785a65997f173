/* dokus-xml-in.c
 *
 * Our own XML reader for UBL (dokus-xml-in-private.h): one pass over the
 * bytes, no copies but the text that ends in the tree, the nodes in one
 * arena. libxml2's parse and tree were 0.70 M of the 1.68 M instructions
 * a received document cost (docs/peppol.md, "Reader"). A qualified name
 * is scanned, hashed and split once per document and spelling; after
 * that the name that came next last time is tried first (read_qname()),
 * indents between tags are skipped without a text chunk, and long texts
 * (an embedded PDF's base64) are scanned 32 bytes at a time with AVX2.
 *
 * What libxml2's NOBLANKS drops is decided as libxml2 decides it
 * (parser.c, areBlanks() and xmlParseCharData() of 2.9): character data
 * comes in chunks (a run between markup and references, cut at each CR LF
 * and, once a byte outside printable ASCII, tab and LF is met, into
 * pieces of 300 bytes); a chunk of blanks is dropped when the element
 * holds no text yet, the chunk is followed by '<' or CR, it is not the
 * whole content of an empty element ("<a> </a>" keeps its blank), the
 * element's first child is not a text and no earlier chunk of the element
 * that began with a blank was kept, and no xml:space="preserve" is in
 * force.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "dokus-xml-in-private.h"

#include <libxml/parserInternals.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_AVX2_SCAN 1
#else
#define HAVE_AVX2_SCAN 0
#endif

#define DEFAULT_MAX_DEPTH 256u
#define MAX_NAME_LEN      50000u /* libxml2's XML_MAX_NAME_LENGTH */
#define BLANK_CHUNK       300u   /* libxml2's XML_PARSER_BIG_BUFFER_SIZE */
#define MAX_BINDINGS      256u   /* namespace declarations in scope */
#define XML_NS_HREF       "http://www.w3.org/XML/1998/namespace"
#define XMLNS_NS_HREF     "http://www.w3.org/2000/xmlns/"

static const char in_doc_marker = 'D';

/* ---- arena ---------------------------------------------------------------- */

typedef struct Chunk {
  struct Chunk *next;
  size_t        used, cap;
  max_align_t   data[];
} Chunk;

/* A qualified name split: the interned prefix (NULL: none) and local
 * name, where the prefix's ':' is (0: none), whether the prefix is "xml",
 * and whether the name is no qualified name at all. */
typedef struct {
  const xmlChar *prefix, *local;
  size_t         colon;
  bool           xml, bad;
} QName;

/* A qualified name as written, split; in the arena, so that the pointer
 * stays while the table grows. */
typedef struct QEntry {
  const char    *name; /* the spelling, interned */
  size_t         len;
  QName          q;
  /* guesses, from the last time: the element that began after this
   * element, and the attribute that came after this element's name or
   * after this attribute */
  struct QEntry *next, *attr;
} QEntry;

typedef struct {
  const xmlChar *name;
  uint32_t       len; /* names are at most MAX_NAME_LEN bytes */
  uint32_t       hash;
  QEntry        *q; /* in the table of qualified names */
} NameSlot;

/* Open addressing, half full at most; the hash seeded per document, so
 * that no document can be made of names that all collide. */
typedef struct {
  NameSlot *slots; /* one block: cap slots, then cap tags */
  uint8_t  *tags;  /* 0: the slot is empty (not zeroed), else tag_of() its hash */
  size_t    n, cap; /* cap: a power of two */
  uint64_t  seed;
} NameTable;

/* The document as handed out: the xmlDoc first, so that the pointer is
 * both. */
typedef struct {
  xmlDoc    doc;
  Chunk    *chunks;
  size_t    next_chunk;
  NameTable names;  /* element, attribute, prefix and PI names */
  NameTable qnames; /* element and attribute names as written, split */
  xmlNs    *xml_ns;
} InDoc;

/* arena_alloc() when the current chunk is full: a new one. */
static void *
arena_alloc_chunk (InDoc *d, size_t size)
{
  size_t cap = d->next_chunk;
  Chunk *c;
  if (cap < size)
    cap = size;
  c = malloc (sizeof *c + cap);
  if (c == NULL)
    return NULL;
  c->cap = cap;
  c->used = size;
  c->next = d->chunks;
  d->chunks = c;
  if (d->next_chunk < ((size_t) 1 << 22))
    d->next_chunk *= 2;
  return c->data;
}

/* @size bytes of the arena (8-aligned), not zeroed; NULL when out of
 * memory. Inline: a node or a string a few times an element. */
static inline void *
arena_alloc (InDoc *d, size_t size)
{
  Chunk *c = d->chunks;
  size = (size + 7) & ~(size_t) 7;
  if (c == NULL || c->cap - c->used < size)
    return arena_alloc_chunk (d, size);
  c->used += size;
  return (char *) c->data + c->used - size;
}

static xmlNode *
arena_node (InDoc *d)
{
  xmlNode *n = arena_alloc (d, sizeof *n);
  if (n != NULL)
    *n = (xmlNode) { 0 };
  return n;
}

static xmlNs *
arena_ns (InDoc *d)
{
  xmlNs *ns = arena_alloc (d, sizeof *ns);
  if (ns != NULL)
    *ns = (xmlNs) { 0 };
  return ns;
}

static xmlChar *
arena_strndup (InDoc *d, const char *s, size_t len)
{
  xmlChar *p = arena_alloc (d, len + 1);
  if (p != NULL)
    {
      memcpy (p, s, len);
      p[len] = '\0';
    }
  return p;
}

/* ---- names ---------------------------------------------------------------- */

static uint64_t
load64 (const char *s)
{
  uint64_t w;
  memcpy (&w, s, 8);
  return w;
}

static uint64_t
load32 (const char *s)
{
  uint32_t w;
  memcpy (&w, s, 4);
  return w;
}

/* memcmp (a, b, n) == 0 for the short names of tags, without a call: a
 * word at a time, the tail with an overlapping load. */
static bool
same_bytes (const char *a, const char *b, size_t n)
{
  size_t i = 0;
  if (n >= 8)
    {
      for (; i + 8 < n; i += 8)
        if (load64 (a + i) != load64 (b + i))
          return false;
      return load64 (a + n - 8) == load64 (b + n - 8);
    }
  if (n >= 4)
    return load32 (a) == load32 (b) && load32 (a + n - 4) == load32 (b + n - 4);
  for (; i < n; i++)
    if (a[i] != b[i])
      return false;
  return true;
}

/* A word at a time; the tail with overlapping loads, no byte loop. */
static uint32_t
hash_bytes (uint64_t seed, const char *s, size_t len)
{
  const uint64_t k = 0x9E3779B97F4A7C15u;
  uint64_t h = seed ^ (len * k), w;
  size_t i = 0;
  for (; i + 8 < len; i += 8)
    {
      h = (h ^ load64 (s + i)) * k;
      h ^= h >> 29;
    }
  if (len >= 8)
    w = load64 (s + len - 8);
  else if (len >= 4)
    w = load32 (s) | (load32 (s + len - 4) << 32);
  else if (len > 0)
    w = (uint64_t) (unsigned char) s[0] | ((uint64_t) (unsigned char) s[len / 2] << 8)
        | ((uint64_t) (unsigned char) s[len - 1] << 16);
  else
    w = 0;
  h = (h ^ w) * k;
  h ^= h >> 29;
  return (uint32_t) (h ^ (h >> 32));
}

static uint8_t
tag_of (uint32_t h)
{
  return (uint8_t) (h >> 24) | 1;
}

/* The slot of the @len bytes at @s (hash @h) in @t, or the empty one where
 * they would go: the tags probed first, one byte a slot. */
static size_t
name_slot (const NameTable *t, const char *s, size_t len, uint32_t h)
{
  size_t mask = t->cap - 1;
  uint8_t tag = tag_of (h);
  for (size_t i = h & mask;; i = (i + 1) & mask)
    {
      const NameSlot *slot = &t->slots[i];
      if (t->tags[i] == 0
          || (t->tags[i] == tag && slot->hash == h && (size_t) slot->len == len
              && same_bytes ((const char *) slot->name, s, len)))
        return i;
    }
}

/* Only the tags are zeroed: 256 bytes, not 6 KiB, for a document's table. */
static bool
names_grow (NameTable *t)
{
  size_t cap = t->cap ? t->cap * 2 : 256, old_cap = t->cap;
  NameSlot *old = t->slots, *fresh = malloc (cap * (sizeof *fresh + 1));
  uint8_t *old_tags = t->tags;
  if (fresh == NULL)
    return false;
  t->slots = fresh;
  t->tags = (uint8_t *) (fresh + cap);
  memset (t->tags, 0, cap);
  t->cap = cap;
  for (size_t i = 0; i < old_cap; i++)
    if (old_tags[i] != 0)
      {
        size_t j = name_slot (t, (const char *) old[i].name, old[i].len, old[i].hash);
        t->slots[j] = old[i];
        t->tags[j] = old_tags[i];
      }
  free (old);
  return true;
}

/* The slot of the @len bytes at @s in @t, filled with an arena copy of
 * them when new (*@fresh then true); NULL when out of memory. */
static NameSlot *
name_find (InDoc *d, NameTable *t, const char *s, size_t len, bool *fresh)
{
  uint32_t h = hash_bytes (t->seed, s, len);
  NameSlot *slot;
  size_t i;
  if (2 * (t->n + 1) > t->cap && !names_grow (t))
    return NULL;
  i = name_slot (t, s, len, h);
  slot = &t->slots[i];
  *fresh = t->tags[i] == 0;
  if (*fresh)
    {
      if ((slot->name = arena_strndup (d, s, len)) == NULL)
        return NULL;
      slot->len = (uint32_t) len;
      slot->hash = h;
      slot->q = NULL;
      t->tags[i] = tag_of (h);
      t->n++;
    }
  return slot;
}

/* The interned copy of the @len bytes at @s; NULL when out of memory. */
static const xmlChar *
intern (InDoc *d, const char *s, size_t len)
{
  bool fresh;
  NameSlot *slot = name_find (d, &d->names, s, len, &fresh);
  return slot ? slot->name : NULL;
}

bool
dokus_xml_in_owns (const xmlDoc *doc)
{
  return doc != NULL && doc->psvi == (void *) &in_doc_marker;
}

const xmlChar *
dokus_xml_name_exists (const xmlDoc *doc, const char *name, size_t len)
{
  const InDoc *d = (const InDoc *) doc;
  size_t i;
  if (doc == NULL)
    return NULL;
  if (!dokus_xml_in_owns (doc))
    return doc->dict ? xmlDictExists (doc->dict, (const xmlChar *) name, (int) len) : NULL;
  if (d->names.cap == 0)
    return NULL;
  i = name_slot (&d->names, name, len, hash_bytes (d->names.seed, name, len));
  return d->names.tags[i] != 0 ? d->names.slots[i].name : NULL;
}

static void
in_doc_free (InDoc *d)
{
  for (Chunk *c = d->chunks, *next; c; c = next)
    {
      next = c->next;
      free (c);
    }
  free (d->names.slots);
  free (d->qnames.slots);
  free (d);
}

void
dokus_xml_doc_free (xmlDoc *doc)
{
  if (doc == NULL)
    return;
  if (dokus_xml_in_owns (doc))
    in_doc_free ((InDoc *) doc);
  else
    xmlFreeDoc (doc);
}

/* ---- the parser's state ---------------------------------------------------- */

typedef struct {
  const xmlChar *prefix; /* interned; NULL: the default namespace */
  xmlNs         *ns;     /* NULL: no namespace (xmlns="") */
} Binding;

typedef struct {
  xmlNode    *node;
  const char *qname; /* in the input, for the end tag */
  size_t      qlen;
  size_t      n_bindings; /* bindings in scope before this element's own */
  signed char space;      /* libxml2's: -1 default, -2 text seen, 0 default, 1 preserve */
} Open;

typedef struct {
  const char     *name;
  const QName    *q; /* its split (qname_find()) */
  size_t          len, colon; /* colon: offset of the prefix's ':', 0 if none */
  const char *value;      /* decoded, in the parser's value buffer at vstart */
  size_t      vstart, vlen;
} RawAttr;

typedef struct {
  InDoc                  *d;
  const char             *start, *p, *end;
  const DokusXmlInLimits *limits;
  DokusXmlInError        *e;
  DokusXmlInResult        result;
  unsigned long           n_elements;
  Open                   *open;
  size_t                  n_open, open_cap;
  Binding                *bindings;
  size_t                  n_bindings, bindings_cap;
  char                   *text; /* the pending text of the innermost element */
  size_t                  text_len, text_cap;
  bool                    text_open; /* a text node is the element's last child */
  const char             *direct;    /* the pending text still in the input: */
  size_t                  direct_len; /* a chunk as written, before any other */
  char                   *vals;      /* attribute values of the tag being read */
  size_t                  vals_len, vals_cap;
  RawAttr                *attrs;
  size_t                  n_attrs, attrs_cap;
  QEntry                 *last_element; /* the name of the last start tag read */
  const xmlChar          *last_prefix;  /* the prefix interned last, and its length */
  size_t                  last_prefix_len;
} Parser;

static int
line_at (const Parser *P, const char *at)
{
  int line = 1;
  for (const char *s = P->start; s < at && s < P->end; s++)
    line += *s == '\n';
  return line;
}

static DokusXmlInResult
fail_at (Parser *P, DokusXmlInResult r, const char *at, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));

static DokusXmlInResult
fail_at (Parser *P, DokusXmlInResult r, const char *at, const char *fmt, ...)
{
  if (P->result != DOKUS_XML_IN_OK)
    return P->result;
  P->result = r;
  if (P->e != NULL)
    {
      va_list ap;
      P->e->line = line_at (P, at);
      P->e->element[0] = '\0';
      if (P->n_open > 0)
        {
          const Open *o = &P->open[P->n_open - 1];
          snprintf (P->e->element, sizeof P->e->element, "%.*s",
                    (int) (o->qlen < sizeof P->e->element ? o->qlen : sizeof P->e->element - 1),
                    o->qname);
        }
      va_start (ap, fmt);
      vsnprintf (P->e->message, sizeof P->e->message, fmt, ap);
      va_end (ap);
    }
  return r;
}

#define FAIL(...)  fail_at (P, DOKUS_XML_IN_NOT_WELL_FORMED, P->p, __VA_ARGS__)
#define NOMEM()    fail_at (P, DOKUS_XML_IN_NOMEM, P->p, "out of memory")

static bool
grow (void **buf, size_t *cap, size_t need, size_t size)
{
  size_t c = *cap ? *cap : 16;
  void *fresh;
  if (need <= *cap)
    return true;
  while (c < need)
    c *= 2;
  fresh = realloc (*buf, c * size);
  if (fresh == NULL)
    return false;
  *buf = fresh;
  *cap = c;
  return true;
}

/* ---- characters ------------------------------------------------------------ */

static bool
is_blank (unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The code point of the UTF-8 sequence at @s (before @end) and its length
 * in *@n; -1 for a byte sequence that is not UTF-8 (overlong, surrogate,
 * above U+10FFFF, cut short). */
static long
utf8_decode (const unsigned char *s, const unsigned char *end, int *n)
{
  unsigned char c = s[0];
  long cp;
  int len;
  if (c < 0x80)
    {
      *n = 1;
      return c;
    }
  if (c >= 0xC2 && c <= 0xDF)
    len = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF)
    len = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4)
    len = 4, cp = c & 0x07;
  else
    return -1;
  if (end - s < len)
    return -1;
  for (int i = 1; i < len; i++)
    {
      if ((s[i] & 0xC0) != 0x80)
        return -1;
      cp = (cp << 6) | (s[i] & 0x3F);
    }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))
      || (cp >= 0xD800 && cp <= 0xDFFF))
    return -1;
  *n = len;
  return cp;
}

/* XML 1.0's Char. */
static bool
is_xml_char (long c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
         || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* XML 1.0 (fifth edition)'s NameStartChar and NameChar. */
static bool
is_name_start (long c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
         || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF)
         || (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF)
         || (c >= 0x200C && c <= 0x200D) || (c >= 0x2070 && c <= 0x218F)
         || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF)
         || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD)
         || (c >= 0x10000 && c <= 0xEFFFF);
}

static bool
is_name_char (long c)
{
  return is_name_start (c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7
         || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

/* 1: ASCII name character, 2: and name start character, 0: none */
static const unsigned char ascii_name[128] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 0, 0, 0, 0, 0,
  0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 2,
  0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
};

/* How many bytes from @s on (before @end) are ASCII name characters:
 * letters, digits, ':', '.', '-', '_'; 16 compared at once. */
static size_t
ascii_name_run (const unsigned char *s, const unsigned char *end)
{
  const unsigned char *q = s;
#ifdef __SSE2__
  while (end - q >= 16)
    {
      __m128i x = _mm_loadu_si128 ((const __m128i *) q);
      /* a letter of either case is 'a'..'z' once 0x20 is set; bytes from
       * 0x80 on are negative, below every bound */
      __m128i lower = _mm_or_si128 (x, _mm_set1_epi8 (0x20));
      __m128i letter = _mm_and_si128 (_mm_cmpgt_epi8 (lower, _mm_set1_epi8 ('a' - 1)),
                                      _mm_cmplt_epi8 (lower, _mm_set1_epi8 ('z' + 1)));
      /* '0'..'9' and ':' are 0x30..0x3A */
      __m128i digit = _mm_and_si128 (_mm_cmpgt_epi8 (x, _mm_set1_epi8 ('0' - 1)),
                                     _mm_cmplt_epi8 (x, _mm_set1_epi8 (':' + 1)));
      __m128i punct = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (x, _mm_set1_epi8 ('.')),
                                                  _mm_cmpeq_epi8 (x, _mm_set1_epi8 ('-'))),
                                    _mm_cmpeq_epi8 (x, _mm_set1_epi8 ('_')));
      unsigned stop = (unsigned) _mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (letter, digit),
                                                                  punct))
                      ^ 0xFFFFu;
      if (stop != 0)
        return (size_t) (q - s) + (size_t) __builtin_ctz (stop);
      q += 16;
    }
#endif
  while (q < end && *q < 0x80 && ascii_name[*q] != 0)
    q++;
  return (size_t) (q - s);
}

/* Reads a Name at P->p into *@name and *@len; false (and the parser failed)
 * when none is there. */
static bool
read_name (Parser *P, const char **name, size_t *len, const char *what)
{
  const unsigned char *s = (const unsigned char *) P->p, *end = (const unsigned char *) P->end;
  const unsigned char *q = s;

  /* the usual name: ASCII */
  if (q < end && *q < 0x80 && ascii_name[*q] == 2)
    q += 1 + ascii_name_run (q + 1, end);
  while (q < end)
    {
      unsigned char k = *q < 0x80 ? ascii_name[*q] : 3;
      if (k == 1 && q != s)
        q++;
      else if (k == 2)
        q++;
      else if (k == 3)
        {
          int n;
          long c = utf8_decode (q, end, &n);
          if (c < 0)
            {
              FAIL ("%s: the bytes are not UTF-8", what);
              return false;
            }
          if (q == s ? !is_name_start (c) : !is_name_char (c))
            break;
          q += n;
        }
      else
        break;
    }
  if (q == s)
    {
      if (q >= end)
        FAIL ("%s: the document ends where a name is expected", what);
      else
        FAIL ("%s: a name is expected", what);
      return false;
    }
  if ((size_t) (q - s) > MAX_NAME_LEN)
    {
      FAIL ("%s: a name longer than %u bytes", what, MAX_NAME_LEN);
      return false;
    }
  *name = (const char *) s;
  *len = (size_t) (q - s);
  P->p = (const char *) q;
  return true;
}

/* Where the prefix of the QName @name ends (the offset of its ':'), 0
 * when it has none: libxml2 splits at the first ':' when a name start
 * character follows it ("a:b:c" is a:"b:c"; "a:1", ":a" and "a:" have no
 * prefix). */
static size_t
prefix_colon (const char *name, size_t len)
{
  const char *colon = memchr (name, ':', len);
  size_t at;
  long c;
  int n;
  if (colon == NULL || colon == name)
    return 0;
  at = (size_t) (colon - name);
  if (at + 1 >= len)
    return 0;
  if ((unsigned char) colon[1] < 0x80)
    return colon[1] != ':' && ascii_name[(unsigned char) colon[1]] == 2 ? at : 0;
  c = utf8_decode ((const unsigned char *) colon + 1, (const unsigned char *) name + len, &n);
  return c >= 0 && c != ':' && is_name_start (c) ? at : 0;
}

/* libxml2 reads "p:l:" and then a Name: after a prefix, a second ':'
 * must be followed by a name start character or end the name ("a:b:c"
 * and "a:b:" are names, "a:b:0" is not). @colon: prefix_colon(). */
static bool
qname_ok (const char *name, size_t len, size_t colon)
{
  const char *second;
  long c;
  int n;
  if (colon == 0)
    return true;
  second = memchr (name + colon + 1, ':', len - colon - 1);
  if (second == NULL || second + 1 == name + len)
    return true;
  c = utf8_decode ((const unsigned char *) second + 1, (const unsigned char *) name + len, &n);
  return c >= 0 && is_name_start (c);
}

/* The entry of the qualified name @name (@len bytes), split once per
 * document and spelling; NULL when out of memory (the parser failed). A
 * name that is no qualified name (q.bad) is the caller's to refuse. */
static QEntry *
qname_find (Parser *P, const char *name, size_t len)
{
  bool fresh;
  NameSlot *slot = name_find (P->d, &P->d->qnames, name, len, &fresh);
  QEntry *e;
  if (slot == NULL)
    {
      NOMEM ();
      return NULL;
    }
  if (fresh)
    {
      QName *q;
      if ((slot->q = e = arena_alloc (P->d, sizeof *e)) == NULL)
        {
          NOMEM ();
          return NULL;
        }
      e->name = (const char *) slot->name;
      e->len = len;
      e->next = e->attr = NULL;
      q = &e->q;
      q->colon = prefix_colon (name, len);
      q->bad = !qname_ok (name, len, q->colon);
      q->xml = q->colon == 3 && memcmp (name, "xml", 3) == 0;
      /* a document uses a few prefixes: the last one is kept */
      if (q->colon && P->last_prefix != NULL && P->last_prefix_len == q->colon
          && memcmp (P->last_prefix, name, q->colon) == 0)
        q->prefix = P->last_prefix;
      else if ((q->prefix = q->colon ? intern (P->d, name, q->colon) : NULL) != NULL)
        {
          P->last_prefix = q->prefix;
          P->last_prefix_len = q->colon;
        }
      q->local = q->colon ? intern (P->d, name + q->colon + 1, len - q->colon - 1)
                          : intern (P->d, name, len);
      if (q->colon && q->prefix == NULL)
        q->local = NULL;
    }
  e = slot->q;
  if (e == NULL || e->q.local == NULL)
    {
      NOMEM ();
      return NULL;
    }
  return e;
}

/* P->p is at the name of @e, which ends there: the bytes of a name read
 * before, so already checked, then a byte no name goes on with. */
static bool
at_entry (const Parser *P, const QEntry *e)
{
  return (size_t) (P->end - P->p) > e->len && same_bytes (P->p, e->name, e->len)
         && (unsigned char) P->p[e->len] < 0x80 && ascii_name[(unsigned char) P->p[e->len]] == 0;
}

/* Reads a qualified name at P->p (@what: "element" or "attribute"): its
 * bytes in the input at *@name, its entry in *@out; false when it is none
 * (the parser failed). UBL's names come in the same order again and again
 * (each line, party, subtotal): the guess *@guess (NULL: none), the name
 * that came there last time, is tried first, without scanning or hashing,
 * and is updated. */
static bool
read_qname (Parser *P, QEntry **guess, const char **name, QEntry **out, const char *what)
{
  QEntry *e = guess ? *guess : NULL;
  size_t len;

  *name = P->p;
  if (e != NULL && at_entry (P, e))
    P->p += e->len;
  else
    {
      if (!read_name (P, name, &len, what) || (e = qname_find (P, *name, len)) == NULL)
        return false;
      if (guess != NULL)
        *guess = e;
    }
  if (e->q.bad)
    {
      FAIL ("%.*s is not a qualified name", (int) (e->len < 60 ? e->len : 60), e->name);
      return false;
    }
  *out = e;
  return true;
}

static bool
at_n (const Parser *P, const char *s, size_t n)
{
  return (size_t) (P->end - P->p) >= n && memcmp (P->p, s, n) == 0;
}

/* P->p is at the string literal @lit */
#define at(P, lit) at_n ((P), "" lit, sizeof (lit) - 1)

static inline void
skip_blanks (Parser *P)
{
  while (P->p < P->end && is_blank ((unsigned char) *P->p))
    P->p++;
}

/* ---- text ------------------------------------------------------------------ */

/* Room for @n more bytes of pending text (and a buffer, even for none:
 * never a NULL pointer to copy from). */
static bool
text_grow (Parser *P, size_t n)
{
  return (P->text != NULL && P->text_len + n <= P->text_cap)
         || grow ((void **) &P->text, &P->text_cap, P->text_len + n + 1, 1);
}

/* The pending text held as a span of the input, into the buffer. */
static bool
text_materialize (Parser *P)
{
  if (P->direct == NULL)
    return true;
  if (!text_grow (P, P->direct_len))
    return false;
  memcpy (P->text + P->text_len, P->direct, P->direct_len);
  P->text_len += P->direct_len;
  P->direct = NULL;
  return true;
}

static bool
text_put (Parser *P, const char *s, size_t n)
{
  if (!text_materialize (P) || !text_grow (P, n))
    return false;
  memcpy (P->text + P->text_len, s, n);
  P->text_len += n;
  return true;
}

static void
append_child (xmlNode *parent, xmlNode *c)
{
  c->parent = parent;
  c->prev = parent->last;
  if (parent->last)
    parent->last->next = c;
  else
    parent->children = c;
  parent->last = c;
}

/* Ends the pending text of the innermost element: its text node. */
static bool
text_flush (Parser *P)
{
  xmlNode *t;
  if (!P->text_open || P->n_open == 0)
    return true;
  P->text_open = false;
  if ((t = arena_node (P->d)) == NULL)
    return false;
  /* one copy of a text written plainly, straight from the input */
  if (P->direct != NULL && P->text_len == 0)
    t->content = arena_strndup (P->d, P->direct, P->direct_len);
  else if (text_materialize (P) && text_grow (P, 0))
    t->content = arena_strndup (P->d, P->text, P->text_len);
  if (t->content == NULL)
    return false;
  P->direct = NULL;
  P->text_len = 0;
  t->type = XML_TEXT_NODE;
  t->name = xmlStringText;
  t->doc = &P->d->doc;
  append_child (P->open[P->n_open - 1].node, t);
  return true;
}

/* true when the @n bytes at @c are all blanks; an indent (a line end,
 * then spaces) compared 8 bytes at once. */
static bool
all_blank (const char *c, size_t n)
{
  size_t i = 0;
  while (i < n && c[i] == '\n')
    i++;
  for (; i + 8 <= n; i += 8)
    if (load64 (c + i) != 0x2020202020202020u)
      break;
  for (; i < n; i++)
    if (!is_blank ((unsigned char) c[i]))
      return false;
  return true;
}

/* libxml2's decision for a chunk of character data, the @n > 0 bytes at
 * @c: true when it is dropped as blanks (areBlanks()). @r is the byte
 * libxml2 looks at then (RAW), @next the one after it. A chunk kept
 * marks the element as holding text when it came from libxml2's slow
 * path (@complex) or begins with a blank. */
static bool
chunk_dropped (Parser *P, const char *c, size_t n, unsigned char r, unsigned char next,
               bool complex)
{
  Open *o = &P->open[P->n_open - 1];
  bool drop = false;

  if (!P->text_open && o->space != 1 && o->space != -2 && (r == '<' || r == '\r'))
    {
      const xmlNode *first = o->node->children;
      drop = all_blank (c, n);
      if (drop && first == NULL && r == '<' && next == '/')
        drop = false;
      if (drop && first != NULL && first->type == XML_TEXT_NODE)
        drop = false;
    }
  if (drop)
    return true;
  P->text_open = true;
  if ((complex || is_blank ((unsigned char) c[0])) && o->space == -1)
    o->space = -2;
  return false;
}

/* The fast path's chunk @c (@n bytes, no CR in it) into the pending text
 * unless dropped. */
static bool
fast_chunk (Parser *P, const char *c, size_t n, unsigned char r, unsigned char next)
{
  if (n == 0 || chunk_dropped (P, c, n, r, next, false))
    return true;
  if (P->direct == NULL && P->text_len == 0)
    {
      P->direct = c;
      P->direct_len = n;
      return true;
    }
  return text_put (P, c, n);
}

/* The slow path's chunk, the pending text from @from on: dropped or kept. */
static void
slow_chunk (Parser *P, size_t from, unsigned char r, unsigned char next)
{
  if (P->text_len > from && chunk_dropped (P, P->text + from, P->text_len - from, r, next, true))
    P->text_len = from;
}

#if HAVE_AVX2_SCAN
/* scan_plain()'s test 32 bytes a step while 32 are left; where it stopped
 * (a hit, or fewer than 32 bytes left). For long texts: an embedded
 * document's base64 is most of the bytes of an export. */
__attribute__ ((target ("avx2"))) static const char *
scan_plain_avx2 (const char *s, const char *end)
{
  const __m256i lt = _mm256_set1_epi8 ('<'), amp = _mm256_set1_epi8 ('&'),
                rb = _mm256_set1_epi8 (']'), low = _mm256_set1_epi8 (0x20),
                tab = _mm256_set1_epi8 ('\t'), lf = _mm256_set1_epi8 ('\n');
  for (; end - s >= 32; s += 32)
    {
      __m256i x = _mm256_loadu_si256 ((const __m256i *) s);
      __m256i ctl = _mm256_andnot_si256 (
          _mm256_or_si256 (_mm256_cmpeq_epi8 (x, tab), _mm256_cmpeq_epi8 (x, lf)),
          _mm256_cmpgt_epi8 (low, x));
      __m256i hit = _mm256_or_si256 (
          _mm256_or_si256 (_mm256_cmpeq_epi8 (x, lt), _mm256_cmpeq_epi8 (x, amp)),
          _mm256_or_si256 (_mm256_cmpeq_epi8 (x, rb), ctl));
      unsigned mask = (unsigned) _mm256_movemask_epi8 (hit);
      if (mask != 0)
        return s + __builtin_ctz (mask);
    }
  return s;
}
#endif

/* The first byte at or after @s (before @end) that is not printable
 * ASCII, tab or LF, or is '<', '&' or ']'. */
static const char *
scan_plain (const char *s, const char *end)
{
#ifdef __SSE2__
  const __m128i lt = _mm_set1_epi8 ('<'), amp = _mm_set1_epi8 ('&'), rb = _mm_set1_epi8 (']'),
                low = _mm_set1_epi8 (0x20), tab = _mm_set1_epi8 ('\t'), lf = _mm_set1_epi8 ('\n');
  bool first = true;
  while (end - s >= 16)
    {
      __m128i x = _mm_loadu_si128 ((const __m128i *) s);
      /* bytes below 0x20 and from 0x80 on are both "less than" 0x20 signed */
      __m128i ctl = _mm_andnot_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (x, tab), _mm_cmpeq_epi8 (x, lf)),
                                      _mm_cmplt_epi8 (x, low));
      __m128i hit = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (x, lt), _mm_cmpeq_epi8 (x, amp)),
                                  _mm_or_si128 (_mm_cmpeq_epi8 (x, rb), ctl));
      int mask = _mm_movemask_epi8 (hit);
      if (mask != 0)
        return s + __builtin_ctz ((unsigned) mask);
      s += 16;
#if HAVE_AVX2_SCAN
      /* most runs end in their first 16 bytes; a longer one goes on 32 at once */
      if (first && end - s >= 256 && __builtin_cpu_supports ("avx2"))
        s = scan_plain_avx2 (s, end);
      first = false;
#endif
    }
  (void) first;
#endif
  while (s < end)
    {
      unsigned char c = (unsigned char) *s;
      if ((c < 0x20 && c != '\t' && c != '\n') || c >= 0x80 || c == '<' || c == '&' || c == ']')
        return s;
      s++;
    }
  return s;
}

/* Character data at P->p up to the next '<' or '&' (or the end), as
 * libxml2's xmlParseCharData() cuts it into chunks. */
static bool
char_data (Parser *P)
{
  const char *s = P->p, *end = P->end, *chunk = s;
  size_t from;

  /* the fast path: printable ASCII, tab and LF; CR LF ends a chunk */
  for (;;)
    {
      unsigned char c;
      s = scan_plain (s, end);
      if (s >= end || *s == '<' || *s == '&')
        {
          P->p = s;
          return fast_chunk (P, chunk, (size_t) (s - chunk), s < end ? (unsigned char) *s : 0,
                             s + 1 < end ? (unsigned char) s[1] : 0)
                 || (NOMEM () && false);
        }
      c = (unsigned char) *s;
      if (c == ']')
        {
          if (end - s >= 3 && s[1] == ']' && s[2] == '>')
            {
              P->p = s;
              FAIL ("']]>' is not allowed in text");
              return false;
            }
          s++;
          continue;
        }
      if (c == '\r' && s + 1 < end && s[1] == '\n')
        {
          if (!fast_chunk (P, chunk, (size_t) (s - chunk), '\r', '\n'))
            return NOMEM () && false;
          chunk = ++s; /* the LF begins the next chunk */
          continue;
        }
      break; /* another byte: the slow path from here */
    }
  if (!fast_chunk (P, chunk, (size_t) (s - chunk), (unsigned char) *s,
                   s + 1 < end ? (unsigned char) s[1] : 0))
    return NOMEM () && false;

  /* the slow path: any character, in chunks of 300 bytes */
  if (!text_materialize (P))
    return NOMEM () && false;
  from = P->text_len;
  while (s < end && *s != '<' && *s != '&')
    {
      const unsigned char *u = (const unsigned char *) s;
      unsigned char raw = *u;
      int n;
      long c;
      if (raw == '\r')
        {
          n = s + 1 < end && s[1] == '\n' ? 2 : 1;
          raw = n == 2 ? '\n' : '\r';
          if (!text_put (P, "\n", 1))
            return NOMEM () && false;
          s += n - 1; /* at the byte libxml2 looks at */
        }
      else
        {
          c = utf8_decode (u, (const unsigned char *) end, &n);
          if (c < 0 || !is_xml_char (c))
            {
              P->p = s;
              if (c < 0)
                FAIL ("the text holds bytes that are not UTF-8");
              else
                FAIL ("the text holds the character U+%04lX, which XML does not allow", c);
              return false;
            }
          if (c == ']' && end - s >= 3 && s[1] == ']' && s[2] == '>')
            {
              P->p = s;
              FAIL ("']]>' is not allowed in text");
              return false;
            }
          if (!text_put (P, s, (size_t) n))
            return NOMEM () && false;
          s += n - 1;
        }
      if (P->text_len - from >= BLANK_CHUNK)
        {
          slow_chunk (P, from, raw, s + 1 < end ? (unsigned char) s[1] : 0);
          from = P->text_len;
        }
      s++;
    }
  slow_chunk (P, from, s < end ? (unsigned char) *s : 0, s + 1 < end ? (unsigned char) s[1] : 0);
  P->p = s;
  return true;
}

/* A character or entity reference at P->p ('&') decoded into @out (up to
 * 4 bytes) and its length in *@n. */
static bool
reference (Parser *P, char out[4], size_t *n)
{
  const char *s = P->p + 1, *end = P->end;
  if (s < end && *s == '#')
    {
      unsigned long v = 0;
      bool hex = s + 1 < end && s[1] == 'x';
      const char *digits = s + (hex ? 2 : 1), *q = digits;
      for (; q < end && *q != ';'; q++)
        {
          int d = *q >= '0' && *q <= '9'                ? *q - '0'
                  : hex && *q >= 'a' && *q <= 'f'       ? *q - 'a' + 10
                  : hex && *q >= 'A' && *q <= 'F'       ? *q - 'A' + 10
                                                        : -1;
          if (d < 0)
            break;
          v = v * (hex ? 16 : 10) + (unsigned long) d;
          if (v > 0x110000)
            v = 0x110000;
        }
      if (q == digits || q >= end || *q != ';')
        {
          FAIL ("a character reference must be &#digits; or &#xhex;");
          return false;
        }
      if (!is_xml_char ((long) v))
        {
          FAIL ("the character reference &#%.*s; is not an XML character", (int) (q - s - 1),
                s + 1);
          return false;
        }
      if (v < 0x80)
        out[0] = (char) v, *n = 1;
      else if (v < 0x800)
        out[0] = (char) (0xC0 | (v >> 6)), out[1] = (char) (0x80 | (v & 0x3F)), *n = 2;
      else if (v < 0x10000)
        out[0] = (char) (0xE0 | (v >> 12)), out[1] = (char) (0x80 | ((v >> 6) & 0x3F)),
        out[2] = (char) (0x80 | (v & 0x3F)), *n = 3;
      else
        out[0] = (char) (0xF0 | (v >> 18)), out[1] = (char) (0x80 | ((v >> 12) & 0x3F)),
        out[2] = (char) (0x80 | ((v >> 6) & 0x3F)), out[3] = (char) (0x80 | (v & 0x3F)), *n = 4;
      P->p = q + 1;
      return true;
    }
  else
    {
      static const struct { const char *name; char c; } predefined[] = {
        { "lt", '<' }, { "gt", '>' }, { "amp", '&' }, { "apos", '\'' }, { "quot", '"' },
      };
      const char *name;
      size_t len;
      P->p = s;
      if (!read_name (P, &name, &len, "entity reference"))
        return false;
      if (P->p >= end || *P->p != ';')
        {
          FAIL ("the entity reference &%.*s has no ';'", (int) (len < 40 ? len : 40), name);
          return false;
        }
      for (size_t i = 0; i < sizeof predefined / sizeof *predefined; i++)
        if (strlen (predefined[i].name) == len && memcmp (predefined[i].name, name, len) == 0)
          {
            out[0] = predefined[i].c;
            *n = 1;
            P->p++;
            return true;
          }
      FAIL ("the entity &%.*s; is not defined (only &lt; &gt; &amp; &apos; &quot; are)",
            (int) (len < 40 ? len : 40), name);
      return false;
    }
}

/* ---- comments, processing instructions, CDATA ------------------------------ */

/* Copies the characters of @s..@e into @out (room for e - s bytes), CR
 * LF and CR as LF, their length in *@len; false at a byte that is not an
 * XML character (@what names the construct). */
static bool
copy_chars (Parser *P, const char *s, const char *e, char *out, size_t *len, const char *what)
{
  size_t n = 0;
  while (s < e)
    {
      const char *q = scan_plain (s, e);
      int k;
      long c;
      memcpy (out + n, s, (size_t) (q - s));
      n += (size_t) (q - s);
      if ((s = q) >= e)
        break;
      c = utf8_decode ((const unsigned char *) s, (const unsigned char *) e, &k);
      if (c < 0 || !is_xml_char (c))
        {
          P->p = s;
          FAIL ("%s holds %s", what,
                c < 0 ? "bytes that are not UTF-8" : "a character XML does not allow");
          return false;
        }
      if (c == '\r')
        {
          out[n++] = '\n';
          s += s + 1 < e && s[1] == '\n' ? 2 : 1;
          continue;
        }
      memcpy (out + n, s, (size_t) k);
      n += (size_t) k;
      s += k;
    }
  *len = n;
  return true;
}

/* copy_chars() into a NUL-terminated string of the arena in *@dst */
static bool
checked_chars (Parser *P, const char *s, const char *e, char **dst, const char *what)
{
  size_t len;
  char *out = arena_alloc (P->d, (size_t) (e - s) + 1);
  if (out == NULL)
    return NOMEM () && false;
  if (!copy_chars (P, s, e, out, &len, what))
    return false;
  out[len] = '\0';
  *dst = out;
  return true;
}

static const char *
find (const char *s, const char *end, const char *needle)
{
  size_t n = strlen (needle);
  while ((size_t) (end - s) >= n)
    {
      const char *q = memchr (s, needle[0], (size_t) (end - s) - n + 1);
      if (q == NULL)
        return NULL;
      if (memcmp (q, needle, n) == 0)
        return q;
      s = q + 1;
    }
  return NULL;
}

static xmlNode *
new_node (Parser *P, xmlElementType type, const xmlChar *name, xmlChar *content)
{
  xmlNode *n = arena_node (P->d);
  if (n == NULL)
    {
      NOMEM ();
      return NULL;
    }
  n->type = type;
  n->name = name;
  n->content = content;
  n->doc = &P->d->doc;
  return n;
}

static void
attach (Parser *P, xmlNode *n)
{
  if (P->n_open > 0)
    append_child (P->open[P->n_open - 1].node, n);
  else
    append_child ((xmlNode *) &P->d->doc, n);
}

/* "<!--" at P->p */
static bool
comment (Parser *P)
{
  const char *body = P->p + 4, *close = find (body, P->end, "--");
  char *content;
  xmlNode *n;
  if (close == NULL)
    {
      FAIL ("a comment is not closed with '-->'");
      return false;
    }
  if (close + 2 >= P->end || close[2] != '>')
    {
      P->p = close;
      FAIL ("'--' is not allowed inside a comment");
      return false;
    }
  if (!checked_chars (P, body, close, &content, "a comment"))
    return false;
  if (P->n_open > 0 && !text_flush (P))
    return NOMEM () && false;
  if ((n = new_node (P, XML_COMMENT_NODE, xmlStringComment, (xmlChar *) content)) == NULL)
    return false;
  attach (P, n);
  P->p = close + 3;
  return true;
}

/* "<?" at P->p */
static bool
processing_instruction (Parser *P)
{
  const char *target, *close, *data;
  size_t len;
  char *content = NULL;
  const xmlChar *name;
  xmlNode *n;

  P->p += 2;
  if (!read_name (P, &target, &len, "processing instruction"))
    return false;
  if (len == 3 && (target[0] | 0x20) == 'x' && (target[1] | 0x20) == 'm'
      && (target[2] | 0x20) == 'l')
    {
      P->p = target;
      FAIL ("the XML declaration is only allowed at the very start of the document");
      return false;
    }
  if (at (P, "?>"))
    close = P->p;
  else
    {
      if (P->p >= P->end || !is_blank ((unsigned char) *P->p))
        {
          FAIL ("processing instruction %.*s: a space must follow its target",
                (int) (len < 40 ? len : 40), target);
          return false;
        }
      skip_blanks (P);
      data = P->p;
      if ((close = find (data, P->end, "?>")) == NULL)
        {
          FAIL ("a processing instruction is not closed with '?>'");
          return false;
        }
      if (!checked_chars (P, data, close, &content, "a processing instruction"))
        return false;
    }
  if ((name = intern (P->d, target, len)) == NULL)
    return NOMEM () && false;
  if (P->n_open > 0 && !text_flush (P))
    return NOMEM () && false;
  if ((n = new_node (P, XML_PI_NODE, name, (xmlChar *) content)) == NULL)
    return false;
  attach (P, n);
  P->p = close + 2;
  return true;
}

/* "<![CDATA[" at P->p: its characters join the pending text */
static bool
cdata (Parser *P)
{
  const char *body = P->p + 9, *close = find (body, P->end, "]]>");
  size_t n;
  if (close == NULL)
    {
      FAIL ("a CDATA section is not closed with ']]>'");
      return false;
    }
  if (!text_materialize (P) || !text_grow (P, (size_t) (close - body)))
    return NOMEM () && false;
  if (!copy_chars (P, body, close, P->text + P->text_len, &n, "a CDATA section"))
    return false;
  P->text_len += n;
  P->text_open = true;
  P->p = close + 3;
  return true;
}

/* ---- elements ---------------------------------------------------------------- */

/* An attribute value at P->p (a quote), decoded and normalised into the
 * parser's value buffer. */
static bool
att_value (Parser *P, size_t *vstart, size_t *vlen)
{
  char quote;
  const char *s;
  if (P->p >= P->end || (*P->p != '"' && *P->p != '\''))
    {
      FAIL ("an attribute value must be quoted");
      return false;
    }
  quote = *P->p++;
  *vstart = P->vals_len;
  s = P->p;
  for (;;)
    {
      const char *q = s;
      while (q < P->end && *q != quote && (unsigned char) *q >= 0x20 && (unsigned char) *q < 0x80
             && *q != '<' && *q != '&')
        q++;
      if (!grow ((void **) &P->vals, &P->vals_cap, P->vals_len + (size_t) (q - s) + 4, 1))
        return NOMEM () && false;
      memcpy (P->vals + P->vals_len, s, (size_t) (q - s));
      P->vals_len += (size_t) (q - s);
      s = q;
      if (s >= P->end)
        {
          P->p = s;
          FAIL ("an attribute value is not closed");
          return false;
        }
      if (*s == quote)
        break;
      if (*s == '<')
        {
          P->p = s;
          FAIL ("'<' is not allowed in an attribute value");
          return false;
        }
      if (*s == '&')
        {
          char out[4];
          size_t n;
          P->p = s;
          if (!reference (P, out, &n))
            return false;
          memcpy (P->vals + P->vals_len, out, n);
          P->vals_len += n;
          s = P->p;
          continue;
        }
      if (*s == '\t' || *s == '\n' || *s == '\r')
        {
          P->vals[P->vals_len++] = ' ';
          s += *s == '\r' && s + 1 < P->end && s[1] == '\n' ? 2 : 1;
          continue;
        }
      {
        int n;
        long c = utf8_decode ((const unsigned char *) s, (const unsigned char *) P->end, &n);
        if (c < 0 || !is_xml_char (c))
          {
            P->p = s;
            FAIL ("an attribute value holds %s",
                  c < 0 ? "bytes that are not UTF-8" : "a character XML does not allow");
            return false;
          }
        memcpy (P->vals + P->vals_len, s, (size_t) n);
        P->vals_len += (size_t) n;
        s += n;
      }
    }
  *vlen = P->vals_len - *vstart;
  P->p = s + 1;
  return true;
}

static xmlNs *
lookup_ns (const Parser *P, const xmlChar *prefix, bool *bound)
{
  for (size_t i = P->n_bindings; i-- > 0;)
    if (P->bindings[i].prefix == prefix)
      {
        *bound = true;
        return P->bindings[i].ns;
      }
  *bound = false;
  return NULL;
}

static bool
bind (Parser *P, xmlNode *el, const xmlChar *prefix, const char *href, size_t len)
{
  xmlNs *ns, *last;
  /* each look-up scans the declarations in scope, as libxml2's does: a
   * bound keeps a hostile document linear (UBL declares a dozen) */
  if (P->n_bindings >= MAX_BINDINGS)
    {
      FAIL ("more than %u namespace declarations in scope", MAX_BINDINGS);
      return false;
    }
  ns = arena_ns (P->d);
  if (ns == NULL || (ns->href = arena_strndup (P->d, href, len)) == NULL)
    return NOMEM () && false;
  ns->type = XML_NAMESPACE_DECL;
  ns->prefix = prefix;
  ns->context = &P->d->doc;
  for (last = el->nsDef; last && last->next; last = last->next)
    ;
  if (last)
    last->next = ns;
  else
    el->nsDef = ns;
  if (!grow ((void **) &P->bindings, &P->bindings_cap, P->n_bindings + 1, sizeof *P->bindings))
    return NOMEM () && false;
  P->bindings[P->n_bindings].prefix = prefix;
  /* xmlns="" takes the default namespace away */
  P->bindings[P->n_bindings].ns = prefix == NULL && len == 0 ? NULL : ns;
  P->n_bindings++;
  return true;
}

static xmlNs *
xml_ns (Parser *P)
{
  InDoc *d = P->d;
  if (d->xml_ns == NULL)
    {
      xmlNs *ns = arena_ns (d);
      if (ns == NULL || (ns->prefix = intern (d, "xml", 3)) == NULL)
        return NULL;
      ns->type = XML_NAMESPACE_DECL;
      ns->href = (const xmlChar *) XML_NS_HREF;
      ns->context = &d->doc;
      d->xml_ns = ns;
      d->doc.oldNs = ns;
    }
  return d->xml_ns;
}

static bool
is_named_n (const char *s, size_t len, const char *lit, size_t n)
{
  return n == len && memcmp (s, lit, len) == 0;
}

/* @s (@len bytes) is the string literal @lit */
#define is_named(s, len, lit) is_named_n ((s), (len), "" lit, sizeof (lit) - 1)

/* @s (@len bytes) is @lit but for the case of ASCII letters */
static bool
ascii_case_eq (const char *s, size_t len, const char *lit)
{
  if (strlen (lit) != len)
    return false;
  for (size_t i = 0; i < len; i++)
    {
      char a = s[i] >= 'A' && s[i] <= 'Z' ? (char) (s[i] + 32) : s[i];
      char b = lit[i] >= 'A' && lit[i] <= 'Z' ? (char) (lit[i] + 32) : lit[i];
      if (a != b)
        return false;
    }
  return true;
}

/* The namespace declarations among the tag's attributes, in order. */
static bool
declare_namespaces (Parser *P, xmlNode *el, Open *o)
{
  for (size_t i = 0; i < P->n_attrs; i++)
    {
      RawAttr *a = &P->attrs[i];
      const char *v = P->vals + a->vstart;
      const xmlChar *prefix = NULL;
      /* libxml2 ignores these with a namespace error, not a fatal one: the
       * xml and xmlns namespaces bound to anything but their own prefix */
      if (is_named (v, a->vlen, XMLNS_NS_HREF))
        continue;
      if (is_named (a->name, a->len, "xmlns"))
        {
          if (is_named (v, a->vlen, XML_NS_HREF))
            continue;
          prefix = NULL;
        }
      else if (a->colon == 5 && memcmp (a->name, "xmlns", 5) == 0)
        {
          const char *local = a->name + 6;
          size_t llen = a->len - 6;
          /* libxml2 ignores these with a namespace error, not a fatal one */
          if (a->vlen == 0 || is_named (local, llen, "xmlns")
              || (is_named (local, llen, "xml") != is_named (v, a->vlen, XML_NS_HREF)))
            continue;
          if (is_named (local, llen, "xml"))
            continue;
          if ((prefix = intern (P->d, local, llen)) == NULL)
            return NOMEM () && false;
        }
      else
        continue;
      /* the same prefix declared twice on one element */
      for (size_t j = o->n_bindings; j < P->n_bindings; j++)
        if (P->bindings[j].prefix == prefix)
          {
            FAIL ("the namespace prefix %s is declared twice on one element",
                  prefix ? (const char *) prefix : "(default)");
            return false;
          }
      if (!bind (P, el, prefix, v, a->vlen))
        return false;
    }
  return true;
}

typedef struct {
  const xmlChar *prefix, *local;
} AttrKey;

/* The attributes of one tag seen so far, to refuse a duplicate (same
 * prefix and name, as libxml2): a scan for the usual few, a hash set of
 * the interned pointers beyond (a tag of 100 000 attributes costs no
 * more than its bytes). */
typedef struct {
  AttrKey  small[32];
  AttrKey *set;
  size_t   n, cap; /* set: cap a power of two, NULL slots empty */
} AttrSeen;

static size_t
attr_hash (const xmlChar *prefix, const xmlChar *local, size_t mask)
{
  uint64_t h = ((uint64_t) (uintptr_t) prefix * 0x9E3779B97F4A7C15u)
               ^ ((uint64_t) (uintptr_t) local * 0xC2B2AE3D27D4EB4Fu);
  return (size_t) (h ^ (h >> 29)) & mask;
}

/* Adds (@prefix, @local) to @seen; 1 when added, 0 when already there,
 * -1 when out of memory. @n_total: the tag's attribute count. */
static int
attr_seen_add (AttrSeen *seen, const xmlChar *prefix, const xmlChar *local, size_t n_total)
{
  if (n_total <= 32)
    {
      for (size_t j = 0; j < seen->n; j++)
        if (seen->small[j].local == local && seen->small[j].prefix == prefix)
          return 0;
      seen->small[seen->n].prefix = prefix;
      seen->small[seen->n++].local = local;
      return 1;
    }
  if (seen->set == NULL)
    {
      seen->cap = 64;
      while (seen->cap < 2 * n_total)
        seen->cap *= 2;
      if ((seen->set = calloc (seen->cap, sizeof *seen->set)) == NULL)
        return -1;
    }
  for (size_t i = attr_hash (prefix, local, seen->cap - 1);; i = (i + 1) & (seen->cap - 1))
    {
      AttrKey *slot = &seen->set[i];
      if (slot->local == NULL)
        {
          slot->prefix = prefix;
          slot->local = local;
          seen->n++;
          return 1;
        }
      if (slot->local == local && slot->prefix == prefix)
        return 0;
    }
}

/* The tag's other attributes, resolved, in order; a duplicate
 * (same prefix and name) is fatal, as in libxml2. */
static bool
add_attributes (Parser *P, xmlNode *el)
{
  xmlAttr *last = NULL;
  AttrSeen seen;
  bool ok = true;

  if (P->n_attrs == 0)
    return true;
  /* small[] is filled before it is read: not zeroed (512 bytes a tag) */
  seen.set = NULL;
  seen.n = seen.cap = 0;

  for (size_t i = 0; i < P->n_attrs && ok; i++)
    {
      RawAttr *a = &P->attrs[i];
      const xmlChar *prefix = NULL, *local;
      xmlAttr *attr;
      xmlNode *t;
      xmlNs *ns = NULL;
      bool bound;

      int added;

      prefix = a->q->prefix;
      local = a->q->local;
      /* a duplicate, namespace declarations included (same prefix and name) */
      if ((added = attr_seen_add (&seen, prefix, local, P->n_attrs)) <= 0)
        {
          if (added < 0)
            NOMEM ();
          else
            FAIL ("the attribute %.*s appears twice", (int) (a->len < 60 ? a->len : 60), a->name);
          ok = false;
          break;
        }
      if (is_named (a->name, a->len, "xmlns") || (a->colon == 5 && memcmp (a->name, "xmlns", 5) == 0))
        continue;
      if (prefix != NULL)
        {
          if (a->colon == 3 && memcmp (a->name, "xml", 3) == 0)
            {
              if ((ns = xml_ns (P)) == NULL)
                {
                  ok = NOMEM () && false;
                  break;
                }
            }
          else if ((ns = lookup_ns (P, prefix, &bound)) == NULL
                   && (local = intern (P->d, a->name, a->len)) == NULL)
            {
              /* an unbound prefix: the whole name, no namespace, as libxml2 */
              ok = NOMEM () && false;
              break;
            }
        }
      if ((attr = arena_alloc (P->d, sizeof *attr)) == NULL
          || (t = arena_node (P->d)) == NULL
          || (t->content = arena_strndup (P->d, P->vals + a->vstart, a->vlen)) == NULL)
        {
          ok = NOMEM () && false;
          break;
        }
      *attr = (xmlAttr) { 0 };
      attr->type = XML_ATTRIBUTE_NODE;
      attr->name = local;
      attr->ns = ns;
      attr->doc = &P->d->doc;
      attr->parent = el;
      t->type = XML_TEXT_NODE;
      t->name = xmlStringText;
      t->doc = &P->d->doc;
      t->parent = (xmlNode *) attr;
      attr->children = attr->last = t;
      attr->prev = last;
      if (last)
        last->next = attr;
      else
        el->properties = attr;
      last = attr;
      /* xml:space sets how blanks are kept, as libxml2 does */
      if (ns == P->d->xml_ns && ns != NULL && strcmp ((const char *) local, "space") == 0)
        {
          Open *o = &P->open[P->n_open - 1];
          if (is_named (P->vals + a->vstart, a->vlen, "default"))
            o->space = 0;
          else if (is_named (P->vals + a->vstart, a->vlen, "preserve"))
            o->space = 1;
        }
    }
  free (seen.set);
  return ok;
}

/* A start tag at P->p ('<' and a name start character). */
static bool
start_tag (Parser *P)
{
  const char *qname;
  size_t qlen;
  xmlNode *el;
  Open *o, *parent;
  QEntry *e, *prev_attr;
  QName q;
  bool empty = false, bound;

  P->p++;
  if (!read_qname (P, P->last_element ? &P->last_element->next : NULL, &qname, &e, "element"))
    return false;
  P->last_element = prev_attr = e;
  q = e->q;
  qlen = e->len;
  if (P->n_open + 1 > (P->limits ? P->limits->max_depth : DEFAULT_MAX_DEPTH))
    {
      if (P->e != NULL)
        snprintf (P->e->element, sizeof P->e->element, "%.*s",
                  (int) (qlen < sizeof P->e->element ? qlen : sizeof P->e->element - 1), qname);
      P->result = DOKUS_XML_IN_TOO_DEEP;
      if (P->e != NULL)
        {
          P->e->line = line_at (P, qname);
          snprintf (P->e->message, sizeof P->e->message, "elements nest deeper than %u levels",
                    P->limits ? P->limits->max_depth : DEFAULT_MAX_DEPTH);
        }
      return false;
    }
  if (P->limits && P->limits->max_elements && ++P->n_elements > P->limits->max_elements)
    return fail_at (P, DOKUS_XML_IN_TOO_MANY, qname, "more than %lu elements",
                    P->limits->max_elements)
           && false;

  /* the attributes, raw */
  P->n_attrs = 0;
  P->vals_len = 0;
  for (;;)
    {
      const char *before = P->p;
      RawAttr *a;
      skip_blanks (P);
      if (P->p >= P->end)
        {
          FAIL ("the start tag of %.*s is not closed", (int) (qlen < 60 ? qlen : 60), qname);
          return false;
        }
      if (*P->p == '>')
        {
          P->p++;
          break;
        }
      if (*P->p == '/')
        {
          if (P->p + 1 >= P->end || P->p[1] != '>')
            {
              FAIL ("'/' in a start tag must be followed by '>'");
              return false;
            }
          P->p += 2;
          empty = true;
          break;
        }
      if (P->p == before)
        {
          FAIL ("attributes must be separated by white space");
          return false;
        }
      if (!grow ((void **) &P->attrs, &P->attrs_cap, P->n_attrs + 1, sizeof *P->attrs))
        return NOMEM () && false;
      a = &P->attrs[P->n_attrs];
      if (!read_qname (P, &prev_attr->attr, &a->name, &e, "attribute"))
        return false;
      prev_attr = e;
      a->q = &e->q;
      a->len = e->len;
      a->colon = e->q.colon;
      skip_blanks (P);
      if (P->p >= P->end || *P->p != '=')
        {
          FAIL ("the attribute %.*s has no '=' and value", (int) (a->len < 60 ? a->len : 60),
                a->name);
          return false;
        }
      P->p++;
      skip_blanks (P);
      if (!att_value (P, &a->vstart, &a->vlen))
        return false;
      P->n_attrs++;
    }

  if (!text_flush (P))
    return NOMEM () && false;
  if ((el = new_node (P, XML_ELEMENT_NODE, NULL, NULL)) == NULL)
    return false;
  if (!grow ((void **) &P->open, &P->open_cap, P->n_open + 1, sizeof *P->open))
    return NOMEM () && false;
  parent = P->n_open ? &P->open[P->n_open - 1] : NULL;
  o = &P->open[P->n_open++];
  o->node = el;
  o->qname = qname;
  o->qlen = qlen;
  o->n_bindings = P->n_bindings;
  o->space = parent == NULL || parent->space == -2 ? -1 : parent->space;

  if (!declare_namespaces (P, el, o))
    return false;
  {
    const xmlChar *prefix = q.prefix, *local = q.local;
    xmlNs *ns;
    /* the xml prefix is bound to the XML namespace everywhere */
    if (q.xml)
      {
        ns = xml_ns (P);
        bound = true;
        if (ns == NULL)
          return NOMEM () && false;
      }
    else
      ns = lookup_ns (P, prefix, &bound);
    /* an unbound prefix: the whole name, no namespace, as libxml2 */
    el->name = prefix != NULL && !bound ? intern (P->d, qname, qlen) : local;
    if (el->name == NULL)
      return NOMEM () && false;
    /* the name's length + 1 in the free "extra" field, for the validator's
     * name compares (0: not known) */
    {
      size_t nlen = el->name == local ? (q.colon ? qlen - q.colon - 1 : qlen) : qlen;
      el->extra = nlen < 0xFFFF ? (unsigned short) (nlen + 1) : 0;
    }
    el->ns = ns;
  }
  if (!add_attributes (P, el))
    return false;
  if (P->n_open > 1)
    append_child (P->open[P->n_open - 2].node, el);
  else
    append_child ((xmlNode *) &P->d->doc, el);
  if (empty)
    {
      P->n_bindings = o->n_bindings;
      P->n_open--;
    }
  return true;
}

/* "</" at P->p */
static bool
end_tag (Parser *P)
{
  Open *o = &P->open[P->n_open - 1];
  const char *name;
  size_t len;

  P->p += 2;
  /* the usual case: the start tag's name, then a byte no name goes on with */
  if ((size_t) (P->end - P->p) > o->qlen && same_bytes (P->p, o->qname, o->qlen)
      && (unsigned char) P->p[o->qlen] < 0x80 && ascii_name[(unsigned char) P->p[o->qlen]] == 0)
    {
      name = P->p;
      len = o->qlen;
      P->p += len; /* not at the end: a byte follows the name */
    }
  else
    {
      if (!read_name (P, &name, &len, "end tag"))
        return false;
      if (P->p >= P->end)
        {
          FAIL ("the document ends inside the end tag of %.*s",
                (int) (o->qlen < 60 ? o->qlen : 60), o->qname);
          return false;
        }
      if (len != o->qlen || memcmp (name, o->qname, len) != 0)
        {
          P->p = name;
          FAIL ("the end tag </%.*s> does not match the start tag <%.*s>",
                (int) (len < 60 ? len : 60), name, (int) (o->qlen < 60 ? o->qlen : 60), o->qname);
          return false;
        }
    }
  if (*P->p != '>')
    skip_blanks (P);
  if (P->p >= P->end || *P->p != '>')
    {
      FAIL ("the end tag </%.*s> is not closed with '>'", (int) (len < 60 ? len : 60), name);
      return false;
    }
  P->p++;
  if (!text_flush (P))
    return NOMEM () && false;
  P->n_bindings = o->n_bindings;
  P->n_open--;
  return true;
}

/* The blanks between two tags (an indent) at P->p skipped, when
 * char_data() would drop them as one chunk: what chunk_dropped() decides
 * for blanks followed by '<', without the scan, the chunk and the call.
 * false (nothing done) for anything else: a CR, text, a kept indent. */
static bool
skip_dropped_blanks (Parser *P)
{
  const Open *o = &P->open[P->n_open - 1];
  const xmlNode *first = o->node->children;
  const char *q = P->p;

  if (P->text_open || o->space == 1 || o->space == -2
      || (first != NULL && first->type == XML_TEXT_NODE))
    return false;
  while (q < P->end && *q == '\n')
    q++;
  while (P->end - q >= 8 && load64 (q) == 0x2020202020202020u)
    q += 8;
  while (q < P->end && (*q == ' ' || *q == '\n' || *q == '\t'))
    q++;
  /* "<a> </a>" keeps its blank */
  if (q >= P->end || *q != '<' || (first == NULL && q + 1 < P->end && q[1] == '/'))
    return false;
  P->p = q;
  return true;
}

/* The content of the root element, up to its end tag. */
static bool
content (Parser *P)
{
  while (P->n_open > 0)
    {
      if (P->p >= P->end)
        {
          FAIL ("the document ends before the end tag of %.*s",
                (int) (P->open[P->n_open - 1].qlen < 60 ? P->open[P->n_open - 1].qlen : 60),
                P->open[P->n_open - 1].qname);
          return false;
        }
      if ((*P->p == '\n' || *P->p == ' ') && skip_dropped_blanks (P))
        continue;
      if (*P->p == '<')
        {
          char c = P->p + 1 < P->end ? P->p[1] : '\0';
          bool ok;
          if (c == '/')
            ok = end_tag (P);
          else if (c == '?')
            ok = processing_instruction (P);
          else if (c != '!')
            ok = start_tag (P);
          else if (at (P, "<!--"))
            ok = comment (P);
          else if (at (P, "<![CDATA["))
            ok = cdata (P);
          else
            ok = FAIL ("'<!' must begin a comment or a CDATA section here") && false;
          if (!ok)
            return false;
        }
      else if (*P->p == '&')
        {
          char out[4];
          size_t n;
          if (!reference (P, out, &n))
            return false;
          if (!text_put (P, out, n))
            return NOMEM () && false;
          P->text_open = true;
        }
      else if (!char_data (P))
        return false;
    }
  return true;
}

/* ---- the document --------------------------------------------------------- */

/* The XML declaration at P->p ("<?xml" and a blank); false when refused,
 * or with P->result DOKUS_XML_IN_UNSUPPORTED for another encoding. */
static bool
xml_declaration (Parser *P)
{
  const char *name;
  size_t len;
  bool seen_version = false, seen_encoding = false, seen_standalone = false;

  P->p += 5;
  for (;;)
    {
      const char *before = P->p, *v;
      size_t vs, vl;
      skip_blanks (P);
      if (at (P, "?>"))
        {
          P->p += 2;
          break;
        }
      if (P->p == before)
        {
          FAIL ("XML declaration: a blank is needed here");
          return false;
        }
      if (!read_name (P, &name, &len, "XML declaration"))
        return false;
      skip_blanks (P);
      if (P->p >= P->end || *P->p != '=')
        {
          FAIL ("XML declaration: '=' expected");
          return false;
        }
      P->p++;
      skip_blanks (P);
      P->vals_len = 0;
      if (!att_value (P, &vs, &vl))
        return false;
      v = P->vals + vs;
      if (is_named (name, len, "version") && !seen_version && !seen_encoding && !seen_standalone)
        {
          bool ok = vl >= 3 && v[0] == '1' && v[1] == '.';
          for (size_t i = 2; i < vl && ok; i++)
            ok = v[i] >= '0' && v[i] <= '9';
          if (!ok)
            {
              FAIL ("XML declaration: version %.*s is not supported", (int) (vl < 20 ? vl : 20), v);
              return false;
            }
          seen_version = true;
        }
      else if (is_named (name, len, "encoding") && seen_version && !seen_encoding
               && !seen_standalone)
        {
          if (!ascii_case_eq (v, vl, "UTF-8") && !ascii_case_eq (v, vl, "UTF8"))
            {
              fail_at (P, DOKUS_XML_IN_UNSUPPORTED, v, "the document is in %.*s, not UTF-8",
                       (int) (vl < 40 ? vl : 40), v);
              return false;
            }
          seen_encoding = true;
        }
      else if (is_named (name, len, "standalone") && seen_version && !seen_standalone)
        {
          if (!is_named (v, vl, "yes") && !is_named (v, vl, "no"))
            {
              FAIL ("XML declaration: standalone must be 'yes' or 'no'");
              return false;
            }
          seen_standalone = true;
        }
      else
        {
          FAIL ("XML declaration: %s", seen_version ? "unexpected pseudo-attribute"
                                                    : "the version must come first");
          return false;
        }
    }
  if (!seen_version)
    {
      FAIL ("XML declaration: the version is missing");
      return false;
    }
  return true;
}

/* Comments, processing instructions and blanks before or after the root;
 * stops at anything else. */
static bool
misc (Parser *P)
{
  for (;;)
    {
      skip_blanks (P);
      if (at (P, "<!--"))
        {
          if (!comment (P))
            return false;
        }
      else if (at (P, "<?"))
        {
          if (!processing_instruction (P))
            return false;
        }
      else
        return true;
    }
}

static void
parser_clear (Parser *P)
{
  free (P->open);
  free (P->bindings);
  free (P->text);
  free (P->vals);
  free (P->attrs);
}

static bool
parse_document (Parser *P)
{
  const unsigned char *u = (const unsigned char *) P->p;
  size_t len = (size_t) (P->end - P->p);

  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    P->p += 3;
  else if (len >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE)
                        || (u[0] == 0 && u[1] != 0) || (u[0] != 0 && u[1] == 0)))
    {
      /* UTF-16 (with or without its byte order mark) or UCS-4 */
      fail_at (P, DOKUS_XML_IN_UNSUPPORTED, P->p, "the document is in UTF-16 or UCS-4, not UTF-8");
      return false;
    }
  else if (len >= 4 && u[0] == 0x4C && u[1] == 0x6F && u[2] == 0xA7 && u[3] == 0x94)
    {
      fail_at (P, DOKUS_XML_IN_UNSUPPORTED, P->p, "the document is in EBCDIC, not UTF-8");
      return false;
    }
  if (at (P, "<?xml") && P->p + 5 < P->end && is_blank ((unsigned char) P->p[5])
      && !xml_declaration (P))
    return false;
  if (!misc (P))
    return false;
  if (at (P, "<!DOCTYPE"))
    return fail_at (P, DOKUS_XML_IN_DOCTYPE, P->p, "a DOCTYPE is not allowed") && false;
  if (P->p >= P->end)
    {
      FAIL ("the document has no root element");
      return false;
    }
  if (*P->p != '<' || P->p + 1 >= P->end || P->p[1] == '!' || P->p[1] == '/')
    {
      FAIL ("the root element's start tag is expected here");
      return false;
    }
  if (!start_tag (P) || !content (P) || !misc (P))
    return false;
  if (P->p < P->end)
    {
      FAIL ("extra content after the root element");
      return false;
    }
  return true;
}

DokusXmlInResult
dokus_xml_in_parse (const char *xml, size_t len, const DokusXmlInLimits *limits, xmlDoc **out,
                    DokusXmlInError *e)
{
  Parser P = { 0 };
  InDoc *d;

  *out = NULL;
  if (e != NULL)
    memset (e, 0, sizeof *e);
  if ((d = calloc (1, sizeof *d)) == NULL)
    return DOKUS_XML_IN_NOMEM;
  /* a tree takes several times its bytes (an element and its text are
   * 240 bytes of nodes): one chunk usually holds it */
  d->next_chunk = len < ((size_t) 1 << 20) ? 6 * len + 8192 : ((size_t) 6 << 20);
  d->doc.type = XML_DOCUMENT_NODE;
  d->doc.doc = &d->doc;
  d->doc.version = (const xmlChar *) "1.0";
  d->doc.charset = XML_CHAR_ENCODING_UTF8;
  d->doc.compression = -1;
  d->doc.standalone = -1;
  d->doc.properties = XML_DOC_WELLFORMED | XML_DOC_NSVALID;
  d->doc.psvi = (void *) &in_doc_marker;
  /* not secret, but not known before the run: the arena's address */
  d->names.seed = ((uint64_t) (uintptr_t) d * 0x9E3779B97F4A7C15u) ^ (uint64_t) len;
  d->qnames.seed = d->names.seed ^ 0x5851F42D4C957F2Du;
  P.d = d;
  P.start = P.p = xml;
  P.end = xml + len;
  P.limits = limits;
  P.e = e;
  if (xml == NULL || len == 0)
    {
      P.p = P.end = P.start = "";
      fail_at (&P, DOKUS_XML_IN_NOT_WELL_FORMED, P.p, "the document is empty");
    }
  else
    parse_document (&P);
  parser_clear (&P);
  if (P.result != DOKUS_XML_IN_OK)
    {
      in_doc_free (d);
      return P.result;
    }
  *out = &d->doc;
  return DOKUS_XML_IN_OK;
}

/* dokus-xml-out.c
 *
 * The UBL writer's streaming XML output (dokus-xml-out-private.h): the
 * bytes libxml2's serialiser gives for the same tree, written directly.
 * A start tag stays open until the element gets a text or a child (then
 * ">") or ends ("/>"), which is how libxml2 tells an empty element. Text
 * is copied in runs between the bytes that need escaping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "dokus-xml-out-private.h"

#define XML_DECLARATION "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

/* Bytes escaped in text (1) and in attribute values (2), as libxml2's
 * xmlEscapeContent and xmlBufAttrSerializeTxtContent do. */
static const unsigned char escape_class[256] = {
  ['\t'] = 2, ['\n'] = 2, ['\r'] = 3, ['"'] = 2, ['&'] = 3, ['<'] = 3, ['>'] = 3,
};

/* Makes room for @more bytes and a NUL; false (and @x failed) when out
 * of memory. */
static bool
grow (DokusXmlOut *x, size_t more)
{
  size_t cap;
  char *data;

  if (x->failed)
    return false;
  if (x->len + more + 1 <= x->cap)
    return true;
  cap = x->cap * 2 > x->len + more + 1 ? x->cap * 2 : x->len + more + 1;
  if ((data = realloc (x->data, cap)) == NULL)
    {
      x->failed = true;
      return false;
    }
  x->data = data;
  x->cap = cap;
  return true;
}

/* Where @more bytes go, room made for them; NULL when out of memory.
 * The caller writes them and moves x->len past them (done()): one check
 * a tag instead of one a piece. */
static char *
room (DokusXmlOut *x, size_t more)
{
  if (x->failed || (x->len + more + 1 > x->cap && !grow (x, more)))
    return NULL;
  return x->data + x->len;
}

static void
done (DokusXmlOut *x, const char *end)
{
  x->len = (size_t) (end - x->data);
}

static char *
copy (char *w, const char *s, size_t n)
{
  memcpy (w, s, n);
  return w + n;
}

static void
put (DokusXmlOut *x, const char *s, size_t n)
{
  char *w = room (x, n);
  if (w != NULL)
    done (x, copy (w, s, n));
}

/* @s escaped for @class (1 text, 2 attribute value). */
static void
put_escaped (DokusXmlOut *x, const char *s, unsigned char class)
{
  const unsigned char *p = (const unsigned char *) s, *run = p;

  for (;; p++)
    {
      if (*p != '\0' && (escape_class[*p] & class) == 0)
        continue;
      put (x, (const char *) run, (size_t) (p - run));
      switch (*p)
        {
        case '\0': return;
        case '&': put (x, "&amp;", 5); break;
        case '<': put (x, "&lt;", 4); break;
        case '>': put (x, "&gt;", 4); break;
        case '"': put (x, "&quot;", 6); break;
        case '\t': put (x, "&#9;", 4); break;
        case '\n': put (x, "&#10;", 5); break;
        case '\r': put (x, "&#13;", 5); break;
        }
      run = p + 1;
    }
}

/* Two spaces a level; libxml2 stops indenting deeper than 30 levels,
 * beyond DOKUS_XML_OUT_MAX_DEPTH. */
static char *
copy_indent (char *w, unsigned level)
{
#define SPACES_8 "        "
  static const char spaces[] = SPACES_8 SPACES_8 SPACES_8 SPACES_8;
  _Static_assert (sizeof spaces > 2 * DOKUS_XML_OUT_MAX_DEPTH, "indent for every level");
  return copy (w, spaces, 2 * level);
}

/* The qualified name of the open element @i. */
static char *
copy_name (char *w, const DokusXmlOut *x, unsigned i)
{
  if (x->open[i].prefix != NULL)
    {
      w = copy (w, x->open[i].prefix, x->open[i].prefix_len);
      *w++ = ':';
    }
  return copy (w, x->open[i].name, x->open[i].name_len);
}

static size_t
name_bytes (const DokusXmlOut *x, unsigned i)
{
  return (x->open[i].prefix != NULL ? x->open[i].prefix_len + 1 : 0) + x->open[i].name_len;
}

/* Ends the start tag still open, before a text. */
static void
close_start_tag (DokusXmlOut *x)
{
  if (x->in_tag)
    put (x, ">", 1);
  x->in_tag = false;
}

bool
dokus_xml_out_init (DokusXmlOut *x, size_t cap)
{
  memset (x, 0, sizeof *x);
  if ((x->data = malloc (cap + 1)) == NULL)
    {
      x->failed = true;
      return false;
    }
  x->cap = cap + 1;
  put (x, XML_DECLARATION, sizeof XML_DECLARATION - 1);
  return !x->failed;
}

void
dokus_xml_out_start (DokusXmlOut *x, const char *prefix, const char *name)
{
  unsigned d = x->depth;
  char *w;

  assert (d < DOKUS_XML_OUT_MAX_DEPTH && !x->in_text);
  x->open[d].prefix = prefix;
  x->open[d].prefix_len = prefix != NULL ? strlen (prefix) : 0;
  x->open[d].name = name;
  x->open[d].name_len = strlen (name);
  /* ">\n" closing the parent's start tag, the indent, '<' and the name */
  if ((w = room (x, 2 + 2 * d + 1 + name_bytes (x, d))) != NULL)
    {
      if (x->in_tag)
        {
          *w++ = '>';
          *w++ = '\n';
        }
      w = copy_indent (w, d);
      *w++ = '<';
      done (x, copy_name (w, x, d));
    }
  x->depth++;
  x->in_tag = true;
}

void
dokus_xml_out_attr (DokusXmlOut *x, const char *name, const char *value)
{
  size_t n = strlen (name);
  char *w;

  assert (x->in_tag);
  if ((w = room (x, n + 3)) != NULL)
    {
      *w++ = ' ';
      w = copy (w, name, n);
      *w++ = '=';
      *w++ = '"';
      done (x, w);
    }
  put_escaped (x, value, 2);
  put (x, "\"", 1);
}

void
dokus_xml_out_text (DokusXmlOut *x, const char *text)
{
  assert (x->depth > 0 && x->in_tag);
  close_start_tag (x);
  put_escaped (x, text, 1);
  x->in_text = true;
}

char *
dokus_xml_out_reserve_text (DokusXmlOut *x, size_t len, size_t *offset)
{
  char *at;

  assert (x->depth > 0 && x->in_tag);
  close_start_tag (x);
  x->in_text = true;
  if (!grow (x, len))
    return NULL;
  at = x->data + x->len;
  *offset = x->len;
  x->len += len;
  return at;
}

void
dokus_xml_out_end (DokusXmlOut *x)
{
  unsigned d;
  char *w;

  assert (x->depth > 0);
  d = --x->depth;
  if (x->in_tag)
    put (x, "/>\n", 3);
  else if ((w = room (x, (x->in_text ? 0 : 2 * d) + 2 + name_bytes (x, d) + 2)) != NULL)
    {
      if (!x->in_text)
        w = copy_indent (w, d);
      *w++ = '<';
      *w++ = '/';
      w = copy_name (w, x, d);
      *w++ = '>';
      *w++ = '\n';
      done (x, w);
    }
  x->in_tag = false;
  x->in_text = false;
}

char *
dokus_xml_out_finish (DokusXmlOut *x, size_t *len)
{
  char *data;

  while (x->depth > 0)
    dokus_xml_out_end (x);
  if (x->failed || !grow (x, 0))
    {
      dokus_xml_out_clear (x);
      return NULL;
    }
  x->data[x->len] = '\0';
  data = x->data;
  *len = x->len;
  memset (x, 0, sizeof *x);
  return data;
}

void
dokus_xml_out_clear (DokusXmlOut *x)
{
  if (x == NULL)
    return;
  free (x->data);
  memset (x, 0, sizeof *x);
}

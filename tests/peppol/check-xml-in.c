/* check-xml-in.c
 *
 * Suite "xml-in": our XML reader (core/peppol/dokus-xml-in.c) against
 * libxml2 parsing the same bytes as the product does (xml-in-dump.h): the
 * same verdict and, when both accept, the same tree (one canonical dump
 * compared as text) on every official example and rule test of
 * ../shared/peppol, the fuzzing corpora (tests/fuzz/corpus,
 * tests/fuzz/corpus-xml-in), every prefix of four documents, and a table
 * of hand-written edge cases with their verdicts written by hand; then
 * the limits (depth, element count, DOCTYPE, error lines) and
 * dokus_xml_name_exists().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dokus-test-helpers.h"
#include "xml-in-dump.h"

/* ---- files ------------------------------------------------------------------ */

typedef struct {
  char **paths;
  size_t n, cap;
} PathList;

static void
path_list_add (PathList *l, const char *path)
{
  if (l->n == l->cap)
    {
      l->cap = l->cap ? l->cap * 2 : 256;
      l->paths = realloc (l->paths, l->cap * sizeof *l->paths);
      ck_assert (l->paths != NULL);
    }
  l->paths[l->n] = strdup (path);
  ck_assert (l->paths[l->n] != NULL);
  l->n++;
}

static void
path_list_free (PathList *l)
{
  for (size_t i = 0; i < l->n; i++)
    free (l->paths[i]);
  free (l->paths);
  *l = (PathList) { 0 };
}

static bool
ends_with_xml (const char *name)
{
  size_t n = strlen (name);
  return n > 4 && strcasecmp (name + n - 4, ".xml") == 0;
}

/* Every file under @dir (recursively), or only the .xml ones. */
static void
collect_files (PathList *l, const char *dir, bool only_xml)
{
  DIR *d = opendir (dir);
  struct dirent *e;

  ck_assert_msg (d != NULL, "cannot open %s", dir);
  while ((e = readdir (d)) != NULL)
    {
      char path[4096];
      struct stat st;
      if (e->d_name[0] == '.' || strcmp (e->d_name, "README.md") == 0)
        continue;
      snprintf (path, sizeof path, "%s/%s", dir, e->d_name);
      ck_assert_msg (stat (path, &st) == 0, "cannot stat %s", path);
      if (S_ISDIR (st.st_mode))
        collect_files (l, path, only_xml);
      else if (S_ISREG (st.st_mode) && (!only_xml || ends_with_xml (e->d_name)))
        path_list_add (l, path);
    }
  closedir (d);
}

/* "SOURCE_ROOT/@rel", checked to exist with a clear message. */
static const char *
source_path (const char *rel)
{
  static char path[4][4096];
  static int next;
  char *p = path[next++ % 4];

  snprintf (p, sizeof path[0], "%s/%s", dokus_test_source_root (), rel);
  ck_assert_msg (access (p, R_OK) == 0,
                 "%s is missing (../shared/peppol is read at run time, never copied into the"
                 " tree; DOKUS_SOURCE_ROOT=%s)",
                 p, dokus_test_source_root ());
  return p;
}

/* Compares both parsers on every file of @l; fails listing every
 * disagreement (file and first difference). */
static void
diff_files (const PathList *l, const char *what)
{
  size_t failed = 0, skipped = 0, other_encoding = 0, used = 0;
  char *report = calloc (1, 16384);

  ck_assert (report != NULL);
  ck_assert_msg (l->n > 0, "no file in %s", what);
  for (size_t i = 0; i < l->n; i++)
    {
      size_t len = 0;
      unsigned char *xml = dokus_test_read_file (l->paths[i], &len);
      char why[1024];
      XmlInDiff d;

      ck_assert_msg (xml != NULL, "cannot read %s", l->paths[i]);
      if (xml_in_declares_other_encoding ((const char *) xml, len))
        other_encoding++;
      d = xml_in_diff ((const char *) xml, len, &xml_in_product_limits, why, sizeof why);
      if (d == XML_IN_UNSUPPORTED && !xml_in_declares_other_encoding ((const char *) xml, len))
        {
          snprintf (why, sizeof why, "ours: UNSUPPORTED, yet it declares no other encoding");
          d = XML_IN_DISAGREE;
        }
      if (d == XML_IN_UNSUPPORTED)
        skipped++;
      else if (d == XML_IN_LIBXML2_QUIRK)
        fprintf (stderr, "xml-in: %s: a quirk of libxml2 (NUL byte, '&' in a namespace)\n",
                 l->paths[i]);
      else if (d == XML_IN_DISAGREE)
        {
          failed++;
          fprintf (stderr, "xml-in: %s: %s\n", l->paths[i], why);
          if (used < 15000)
            used += (size_t) snprintf (report + used, 16384 - used, "\n%s: %.600s", l->paths[i],
                                       why);
        }
      free (xml);
    }
  fprintf (stderr, "xml-in: %s: %lu files, %lu skipped as another encoding (%lu declare one),"
                   " %lu disagreements\n",
           what, (unsigned long) l->n, (unsigned long) skipped, (unsigned long) other_encoding,
           (unsigned long) failed);
  ck_assert_msg (skipped <= other_encoding, "more skipped than declaring another encoding");
  ck_assert_msg (failed == 0, "%s: %lu of %lu files disagree:%s", what, (unsigned long) failed,
                 (unsigned long) l->n, report);
  free (report);
}

START_TEST (test_official_examples_and_rule_tests)
{
  PathList l = { 0 };

  collect_files (&l, source_path ("../shared/peppol/examples"), true);
  ck_assert_msg (l.n >= 70, "only %lu examples", (unsigned long) l.n);
  collect_files (&l, source_path ("../shared/peppol/rule-tests"), true);
  diff_files (&l, "../shared/peppol examples and rule tests");
  path_list_free (&l);
}
END_TEST

START_TEST (test_fuzz_corpora)
{
  PathList l = { 0 };

  collect_files (&l, source_path ("tests/fuzz/corpus"), false);
  collect_files (&l, source_path ("tests/fuzz/corpus-xml-in"), false);
  diff_files (&l, "tests/fuzz/corpus and corpus-xml-in");
  path_list_free (&l);
}
END_TEST

/* ---- truncation ------------------------------------------------------------ */

static const char handwritten[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<!-- head - ish -->\n"
  "<Invoice xmlns=\"urn:x\" xmlns:cbc=\"urn:cbc\">\r\n"
  "  <cbc:Note>a &amp; b &#233; &#x20AC; &lt;&gt;&quot;&apos; <![CDATA[<raw> ]]]]>"
  "<![CDATA[]]> tail</cbc:Note>\n"
  "  <cbc:ID schemeID='0208' cbc:x=\"v&#9;w\r\nz\">\xc3\xa9\r\n</cbc:ID><!-- c -->\n"
  "  <?pi data ?>\n"
  "  <x:u xmlns:x=\"urn:y\" x:a=\"1\"/><e>  </e>\n"
  "</Invoice>\n"
  "<!-- trail -->\n";

/* Every prefix of @xml, lengths 0 to @len: same verdict, equal trees. */
static void
diff_prefixes (const char *xml, size_t len, const char *what)
{
  size_t accepted = 0;

  for (size_t n = 0; n <= len; n++)
    {
      char why[1024];
      XmlInDiff d = xml_in_diff (xml, n, &xml_in_product_limits, why, sizeof why);
      xmlDoc *doc = NULL;
      ck_assert_msg (d == XML_IN_AGREE, "%s cut at %lu of %lu bytes (...\"%.40s\"): %s", what,
                     (unsigned long) n, (unsigned long) len, xml + (n > 40 ? n - 40 : 0), why);
      if (xml_in_ref_parse (xml, n, &xml_in_product_limits, &doc, NULL) == DOKUS_XML_IN_OK)
        accepted++;
      xmlFreeDoc (doc);
    }
  /* whole, or cut in the trailing whitespace and comments only */
  ck_assert_msg (accepted >= 1 && accepted < 64, "%s: %lu prefixes accepted", what,
                 (unsigned long) accepted);
}

static void
diff_file_prefixes (const char *rel)
{
  size_t len = 0;
  unsigned char *xml = dokus_test_read_file (source_path (rel), &len);

  ck_assert_msg (xml != NULL, "cannot read %s", rel);
  diff_prefixes ((const char *) xml, len, rel);
  free (xml);
}

START_TEST (test_truncation_small_example)
{
  diff_file_prefixes ("../shared/peppol/examples/en16931-testfiles/Invoice-Min_content_with_VAT.xml");
}
END_TEST

START_TEST (test_truncation_crlf_example)
{
  const char *rel = "../shared/peppol/rule-tests/peppol/unit-UBL-DK/DK_Validation_DKR002.xml";
  ck_assert_msg (dokus_test_file_contains (source_path (rel), "\r\n"), "%s has no CRLF", rel);
  diff_file_prefixes (rel);
}
END_TEST

START_TEST (test_truncation_greek_crlf_example)
{
  diff_file_prefixes ("../shared/peppol/examples/peppol-national/GR/GR-base-example-correct.xml");
}
END_TEST

START_TEST (test_truncation_handwritten)
{
  diff_prefixes (handwritten, sizeof handwritten - 1, "the hand-written document");
}
END_TEST

/* ---- hand-written edge cases ------------------------------------------------ */

typedef struct {
  const char *name;
  const char *xml;
  size_t      len;
  bool        well_formed; /* written by hand */
  bool        libxml2_quirk; /* libxml2 off the spec: NUL taken for the end (the opposite
                              verdict), or '&' in a namespace name kept as "&#38;" */
} EdgeCase;

#define WF(name, xml) { name, xml, sizeof xml - 1, true, false }
#define NWF(name, xml) { name, xml, sizeof xml - 1, false, false }
#define NWF_QUIRK(name, xml) { name, xml, sizeof xml - 1, false, true }
#define WF_QUIRK(name, xml) { name, xml, sizeof xml - 1, true, true }

static const EdgeCase edge_cases[] = {
  /* references */
  WF ("five predefined entities", "<a>&lt;&gt;&amp;&apos;&quot;</a>"),
  WF ("predefined entities in an attribute", "<a b=\"&lt;&gt;&amp;&apos;&quot;\"/>"),
  WF ("decimal character references", "<a>&#65;&#233;&#128512;&#9;</a>"),
  WF ("hex character references", "<a>&#x41;&#xE9;&#x1F600;&#x00000042;</a>"),
  NWF ("uppercase X in a hex reference", "<a>&#X41;</a>"),
  NWF ("character reference past U+10FFFF", "<a>&#x110000;</a>"),
  NWF ("character reference &#0;", "<a>&#0;</a>"),
  NWF ("character reference &#1;", "<a>&#1;</a>"),
  NWF ("character reference to a surrogate", "<a>&#xD800;</a>"),
  NWF ("character reference &#xFFFE;", "<a>&#xFFFE;</a>"),
  NWF ("character reference &#0; in an attribute", "<a b=\"&#0;\"/>"),
  NWF ("character reference without digits", "<a>&#;</a>"),
  NWF ("hex reference without digits", "<a>&#x;</a>"),
  NWF ("character reference without ';'", "<a>&#65</a>"),
  NWF ("character reference with a letter", "<a>&#6a;</a>"),
  WF ("character references with leading zeros", "<a>&#0000065;&#x00000041;</a>"),
  NWF ("character reference overflowing", "<a>&#99999999999999999999;</a>"),
  NWF ("hex character reference overflowing", "<a>&#xFFFFFFFFFFFFFFFF41;</a>"),
  NWF ("surrogate pair as two references", "<a>&#xD83D;&#xDE00;</a>"),
  NWF ("undefined entity", "<a>&nbsp;</a>"),
  NWF ("undefined entity in an attribute", "<a b=\"&nbsp;\"/>"),
  NWF ("'&' alone", "<a>&</a>"),
  NWF ("'&' between words", "<a>x & y</a>"),
  NWF ("'&' alone in an attribute", "<a b=\"&\"/>"),
  NWF ("entity without ';'", "<a>&amp</a>"),
  /* attributes */
  NWF ("'<' in an attribute value", "<a b=\"<\"/>"),
  WF ("'>' in an attribute value", "<a b=\">\"/>"),
  WF ("'>' in text", "<a>></a>"),
  WF ("tab, LF, CR, CRLF in an attribute value", "<a b=\"x\ty\nz\r\nw\rv\"/>"),
  WF ("&#10; &#9; &#13; kept in an attribute value", "<a b=\"x&#10;y&#9;z&#13;\"/>"),
  WF ("spaces kept in an attribute value", "<a b=\"  x  y  \"/>"),
  WF ("empty attribute value", "<a b=\"\"/>"),
  NWF ("duplicate attribute", "<a b=\"1\" b=\"2\"/>"),
  NWF ("duplicate xmlns:p", "<a xmlns:p=\"u\" xmlns:p=\"v\"/>"),
  NWF ("duplicate xmlns", "<a xmlns=\"u\" xmlns=\"v\"/>"),
  WF ("same expanded attribute name by two prefixes (a namespace error only)",
      "<a xmlns:p=\"u\" xmlns:q=\"u\" p:b=\"1\" q:b=\"2\"/>"),
  NWF ("unquoted attribute value", "<a b=1/>"),
  NWF ("attribute without a value", "<a b/>"),
  NWF ("no whitespace between attributes", "<a b=\"1\"c=\"2\"/>"),
  NWF ("mismatched quotes", "<a b=\"1'/>"),
  WF ("single-quoted values", "<a b='1' c='\"' d=\"'\"/>"),
  WF ("whitespace around '='", "<a b = \"1\"\n\tc\r\n=\r\n'2' />"),
  NWF ("unterminated attribute value", "<a b=\"1/>"),
  /* CDATA */
  WF ("CDATA with ']]' and ']>' inside", "<a><![CDATA[x]]y]>z]]]></a>"),
  WF ("CDATA next to text and references",
      "<a>t<![CDATA[<c>&amp;]]>&amp;u&#65;<![CDATA[v]]></a>"),
  WF ("empty CDATA", "<a><![CDATA[]]></a>"),
  WF ("CDATA of blanks between elements", "<a><b/><![CDATA[  ]]><c/></a>"),
  NWF ("unterminated CDATA", "<a><![CDATA[x</a>"),
  NWF ("CDATA before the root", "<![CDATA[x]]><a/>"),
  NWF ("lowercase cdata", "<a><![cdata[x]]></a>"),
  NWF ("']]>' in text", "<a>]]></a>"),
  WF ("']]' and ']>' in text", "<a>]] ]></a>"),
  WF ("']]>' in an attribute", "<a b=\"]]>\"/>"),
  /* comments */
  WF ("comment in an element", "<a><!-- x --></a>"),
  WF ("comments around the root", "<!-- before --><a/><!-- after -->"),
  WF ("empty comment", "<a><!----></a>"),
  WF ("comment with '-' inside", "<a><!-- a - b -><- --></a>"),
  NWF ("comment with '--' inside", "<a><!-- a -- b --></a>"),
  NWF ("comment ending '--->'", "<a><!-- a ---></a>"),
  NWF ("unterminated comment", "<a><!--x-></a>"),
  NWF ("'<!-' is not a comment", "<a><!- x --></a>"),
  /* processing instructions */
  WF ("PI in an element", "<a><?pi data?></a>"),
  WF ("PI without data before the root", "<?pi?><a/>"),
  WF ("PI with '?' and '>' in its data", "<a><?pi a?b>c ?></a>"),
  NWF ("PI target 'xml' later in the document", "<a><?xml version=\"1.0\"?></a>"),
  NWF ("PI target 'xml' after the root", "<a/><?xml version=\"1.0\"?>"),
  NWF ("PI target 'XmL'", "<a><?XmL x?></a>"),
  WF ("PI target starting with 'xml'", "<a><?xml-stylesheet href=\"x\"?></a>"),
  WF ("PI target with a colon (a namespace error only)", "<a><?p:q x?></a>"),
  NWF ("PI without a target", "<a><? x?></a>"),
  NWF ("PI target and data not apart", "<a><?pi\"x\"?></a>"),
  NWF ("unterminated PI", "<a><?pi x</a>"),
  /* XML declaration */
  WF ("declaration 1.0", "<?xml version=\"1.0\"?><a/>"),
  WF ("declaration 1.1", "<?xml version=\"1.1\"?><a/>"),
  NWF ("declaration 2.0", "<?xml version=\"2.0\"?><a/>"),
  WF ("declaration in single quotes", "<?xml version='1.0' encoding='UTF-8'?><a/>"),
  WF ("encoding utf-8", "<?xml version=\"1.0\" encoding=\"utf-8\"?><a/>"),
  WF ("encoding UTF-8 standalone yes",
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><a/>"),
  WF ("standalone no", "<?xml version=\"1.0\" standalone=\"no\" ?>\n<a/>"),
  NWF ("standalone maybe", "<?xml version=\"1.0\" standalone=\"maybe\"?><a/>"),
  NWF ("declaration without a version", "<?xml encoding=\"UTF-8\"?><a/>"),
  NWF ("declaration with standalone before encoding",
       "<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?><a/>"),
  NWF ("declaration without a blank before encoding",
       "<?xml version=\"1.0\"encoding=\"UTF-8\"?><a/>"),
  NWF ("declaration not at the start", " <?xml version=\"1.0\"?><a/>"),
  NWF ("declaration after a comment", "<!-- c --><?xml version=\"1.0\"?><a/>"),
  NWF ("two declarations", "<?xml version=\"1.0\"?><?xml version=\"1.0\"?><a/>"),
  NWF ("unterminated declaration", "<?xml version=\"1.0\"<a/>"),
  /* byte order mark, line ends */
  WF ("UTF-8 BOM", "\xef\xbb\xbf<a/>"),
  WF ("UTF-8 BOM and declaration", "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>"),
  NWF ("two UTF-8 BOMs", "\xef\xbb\xbf\xef\xbb\xbf<a/>"),
  WF ("CRLF in text", "<a>x\r\ny</a>"),
  WF ("lone CR in text", "<a>x\ry\r</a>"),
  WF ("CRLF between elements", "<a>\r\n<b/>\r\n</a>\r\n"),
  WF ("lone CR between elements", "<a>\r<b/>\r</a>\r"),
  WF ("CRLF and CR in a comment, a PI and CDATA",
      "<a><!--x\r\ny\rz--><?p x\r\ny\rz?><![CDATA[x\r\ny\rz\r]]></a>"),
  WF ("CR then CRLF", "<a>x\r\r\ny</a>"),
  /* whitespace */
  WF ("whitespace-only leaf kept", "<a>  </a>"),
  WF ("newline-only leaf kept", "<a><b>\n</b></a>"),
  WF ("whitespace between elements dropped", "<a> <b/>\n\t<c/> </a>"),
  WF ("whitespace after a text sibling kept", "<a>x<b/>  <c/></a>"),
  WF ("whitespace after a mixed run kept", "<a><b/> x<c/>  <d/></a>"),
  WF ("whitespace around a comment", "<a> <!--c--> <b/> </a>"),
  WF ("whitespace after the last element", "<a><b/>  </a>"),
  WF ("whitespace before text", "<a> <b/>x</a>"),
  WF ("space by a character reference", "<a>&#32;<b/>&#x20;</a>"),
  WF ("blanks around an entity reference", "<a> &amp; <b/> </a>"),
  WF ("blanks before a comment and a PI only", "<a> <!--c--> <?p?> </a>"),
  WF ("blanks after a comment", "<a><!--c--> </a>"),
  WF ("CRLF-only leaf kept", "<a>\r\n</a>"),
  WF ("&#13; kept in text", "<a>x&#13;y&#13;&#10;z&#xD;</a>"),
  WF ("blanks after a character reference kept", "<a>&#32;  <b/>  </a>"),
  WF ("blanks after CDATA kept", "<a><![CDATA[x]]>  <b/></a>"),
  WF ("text after a child, then blanks", "<a><b/>x<c/> </a>"),
  WF ("blanks in a leaf after a comment", "<a><b><!--c--> </b></a>"),
  WF ("xml:space preserve", "<a xml:space=\"preserve\"> <b/> </a>"),
  WF ("xml:space preserve inherited", "<a xml:space=\"preserve\"><b> <c/> </b></a>"),
  WF ("xml:space default", "<a xml:space=\"default\"> <b/> </a>"),
  WF ("xml:space preserve then default",
      "<a xml:space=\"preserve\"><b xml:space=\"default\"> <c/> </b> <d/></a>"),
  /* namespaces */
  WF ("default namespace", "<a xmlns=\"urn:u\"><b/></a>"),
  WF ("prefixed namespace", "<p:a xmlns:p=\"urn:u\"><p:b/><b/></p:a>"),
  WF ("default namespace redeclared on a child", "<a xmlns=\"u\"><b xmlns=\"v\"><c/></b><d/></a>"),
  WF ("default namespace undeclared", "<a xmlns=\"u\"><b xmlns=\"\"><c/></b></a>"),
  WF ("same prefix rebound", "<p:a xmlns:p=\"u\"><p:b xmlns:p=\"v\"><p:c/></p:b><p:d/></p:a>"),
  WF ("unbound prefix on an element", "<p:a><p:b/></p:a>"),
  WF ("unbound prefix on an attribute", "<a p:b=\"1\"/>"),
  WF ("xmlns:p=\"\"", "<a xmlns:p=\"\"/>"),
  WF_QUIRK ("'&' in a namespace name (libxml2 keeps it as &#38;)",
            "<a xmlns=\"u&amp;v\" xmlns:p=\"w&#38;x\"><p:b/></a>"),
  /* fuzz-xml-in, 2026-11-26: the judge unescaped "&#38;" everywhere in libxml2's dump, and
   * looked for it in its explanation, which a long namespace name cuts short */
  WF_QUIRK ("'&' in a namespace name and &#38; kept in a PI and a comment",
            "<a xmlns:p=\"u&#38;v\"><?pi x&#38;y?><!--c&#38;--><p:b/></a>"),
  WF ("xml:lang", "<a xml:lang=\"nl\" xml:id=\"x\"/>"),
  WF ("the xml prefix on an element", "<xml:e><xml:f xml:g=\"1\"/></xml:e>"),
  WF ("the xml prefix declared", "<a xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"/>"),
  WF ("the xml prefix bound elsewhere (a namespace error only)", "<a xmlns:xml=\"urn:u\"/>"),
  WF ("xmlns:xmlns (a namespace error only)", "<a xmlns:xmlns=\"urn:u\"/>"),
  WF ("the xmlns prefix on an element (a namespace error only)", "<xmlns:a/>"),
  WF ("the XML namespace as the default (a namespace error only)",
      "<a xmlns=\"http://www.w3.org/XML/1998/namespace\"><b/></a>"),
  WF ("the xmlns namespace bound to a prefix (a namespace error only)",
      "<a xmlns:p=\"http://www.w3.org/2000/xmlns/\"/>"),
  WF ("the xmlns namespace as the default (a namespace error only)",
      "<a xmlns=\"http://www.w3.org/2000/xmlns/\"><b/></a>"),
  WF ("the XML namespace bound to another prefix (a namespace error only)",
      "<p:a xmlns:p=\"http://www.w3.org/XML/1998/namespace\"/>"),
  WF ("two unbound prefixes on the same local name", "<a p:b=\"1\" q:b=\"2\"/>"),
  WF ("two prefixes of one namespace on an element and attributes",
      "<p:a xmlns:p=\"u\" p:b=\"1\" xmlns:q=\"u\" q:c=\"2\"><q:d p:e=\"3\"/></p:a>"),
  WF ("prefixed attribute with a namespace", "<a xmlns:p=\"u\" p:b=\"1\" b=\"2\"/>"),
  WF ("default namespace not on attributes", "<a xmlns=\"u\" b=\"1\"/>"),
  WF ("declaration after its use on the element", "<p:a p:b=\"1\" xmlns:p=\"u\"/>"),
  WF ("two colons in a name (a namespace error only)", "<a:b:c/>"),
  WF ("name starting with a colon (a namespace error only)", "<:a/>"),
  NWF ("second colon then a digit in an element name", "<x:c:0/>"),
  NWF ("second colon then a digit in an attribute name", "<a x:c:0=\"1\"/>"),
  WF ("second colon then a letter in an attribute name", "<a x:c:d=\"1\"/>"),
  WF ("name ending with a colon (a namespace error only)", "<a:/>"),
  WF ("unbound prefix on an empty attribute", "<I m:a=\"\"/>"),
  NWF ("end tag with another prefix of the same namespace",
       "<p:a xmlns:p=\"u\" xmlns:q=\"u\"></q:a>"),
  /* tags */
  NWF ("mismatched end tag", "<a></b>"),
  NWF ("mismatched nested end tags", "<a><b></a></b>"),
  WF ("end tag with whitespace before '>'", "<a><b></b \r\n\t></a >"),
  WF ("start tag with whitespace before '>'", "<a ><b\n/></a>"),
  NWF ("whitespace after '<'", "< a/>"),
  NWF ("whitespace inside '/>'", "<a/ >"),
  NWF ("whitespace after '</'", "<a></ a>"),
  NWF ("unclosed root", "<a>"),
  NWF ("unclosed child", "<a><b></a>"),
  NWF ("end tag alone", "</a>"),
  NWF ("end tag with an attribute", "<a></a b=\"1\">"),
  /* the document */
  NWF ("a second root", "<a/><b/>"),
  NWF ("text after the root", "<a/>x"),
  NWF ("reference after the root", "<a/>&amp;"),
  WF ("whitespace after the root", "<a/> \r\n\t"),
  NWF ("text before the root", "x<a/>"),
  NWF ("empty input", ""),
  NWF ("only whitespace", "  \n\t "),
  NWF ("only a comment", "<!-- c -->"),
  NWF ("only a declaration", "<?xml version=\"1.0\"?>"),
  NWF ("only a PI", "<?pi x?>"),
  WF ("comment and PI after the root", "<a/><!--c--><?p?>\n"),
  /* bytes */
  NWF ("lone continuation byte", "<a>\x80</a>"),
  NWF ("truncated two-byte sequence", "<a>\xc3</a>"),
  NWF ("truncated three-byte sequence", "<a>\xe2\x82</a>"),
  NWF ("overlong C0 AF", "<a>\xc0\xaf</a>"),
  NWF ("overlong three-byte", "<a>\xe0\x80\xaf</a>"),
  NWF ("surrogate ED A0 80", "<a>\xed\xa0\x80</a>"),
  NWF ("F4 90: past U+10FFFF", "<a>\xf4\x90\x80\x80</a>"),
  NWF ("F5 lead byte", "<a>\xf5\x80\x80\x80</a>"),
  NWF ("F8 lead byte", "<a>\xf8\x88\x80\x80\x80</a>"),
  NWF ("FF byte", "<a>\xff</a>"),
  NWF ("U+FFFE as UTF-8", "<a>\xef\xbf\xbe</a>"),
  NWF ("U+FFFF as UTF-8", "<a>\xef\xbf\xbf</a>"),
  NWF ("invalid UTF-8 in an attribute", "<a b=\"\x80\"/>"),
  NWF ("invalid UTF-8 in a comment", "<a><!--\xc3--></a>"),
  NWF ("invalid UTF-8 in a name", "<a\xc3/>"),
  NWF ("invalid UTF-8 in CDATA", "<a><![CDATA[\xed\xa0\x80]]></a>"),
  NWF ("invalid UTF-8 in a PI", "<a><?p \xff?></a>"),
  WF ("valid non-ASCII text", "<a>\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xc2\x80\x7f</a>"),
  NWF ("control character 0x01", "<a>\x01</a>"),
  NWF ("control character 0x0B", "<a>\x0b</a>"),
  NWF ("control character 0x1F in an attribute", "<a b=\"\x1f\"/>"),
  NWF ("control character in a comment", "<a><!--\x0c--></a>"),
  NWF ("NUL byte in text", "<a>\0</a>"),
  /* libxml2 takes a NUL byte for the end of its input: "<a/>" NUL "junk" passes there */
  NWF_QUIRK ("NUL byte after the root", "<a/>\0"),
  NWF_QUIRK ("NUL byte and text after the root", "<a/>\0junk<"),
  NWF ("NUL byte in an attribute", "<a b=\"\0\"/>"),
  /* names */
  WF ("non-ASCII element name", "<\xc3\xa9/>"),
  WF ("non-ASCII attribute name", "<a \xc3\xa9=\"1\"/>"),
  WF ("euro sign starts a name", "<\xe2\x82\xac/>"),
  WF ("middle dot inside a name", "<a\xc2\xb7" "b/>"),
  NWF ("middle dot starts a name", "<\xc2\xb7" "a/>"),
  NWF ("multiplication sign in a name", "<a\xc3\x97/>"),
  WF ("combining mark inside a name", "<a\xcc\x80/>"),
  NWF ("combining mark starts a name", "<\xcc\x80" "a/>"),
  WF ("digits, '-', '.', '_' inside names", "<a-1.b_c d-2.e_f=\"1\"/>"),
  NWF ("name starting with a digit", "<1a/>"),
  NWF ("name starting with '-'", "<-a/>"),
  NWF ("name starting with '.'", "<.a/>"),
  NWF ("attribute name starting with a digit", "<a 1b=\"x\"/>"),
  /* names guessed from the order seen before (the guess must end where the name does) */
  WF ("guessed names: a longer name, a non-ASCII one, then the guess",
      "<r xmlns:c=\"u\"><c:a/><c:b/><c:a/><c:bb/><c:a/><c:b\xc3\xa9/><c:a/><c:b/><c:a/></r>"),
  WF ("guessed names: another prefix, no prefix",
      "<r xmlns:c=\"u\" xmlns:d=\"v\"><c:a/><c:b/><c:a/><d:b/><c:a/><b/><c:a/><c:b/></r>"),
  WF ("guessed attributes: the same, a longer one, another order",
      "<r><a x=\"1\" y=\"2\"/><a x=\"1\" y=\"2\"/><a x=\"1\" yy=\"2\"/><a y=\"1\" x=\"2\"/></r>"),
  NWF ("duplicate attribute where the names are guessed",
       "<r><a x=\"1\" y=\"2\"/><a x=\"1\" y=\"2\"/><a x=\"1\" x=\"2\"/></r>"),
  NWF ("duplicate guessed attribute, same prefix",
       "<r xmlns:p=\"u\"><a p:x=\"1\" p:y=\"2\"/><a p:x=\"1\" p:x=\"2\"/></r>"),
  NWF ("end tag one byte longer than a guessed name", "<r><ab></ab><ab></abc></r>"),
  NWF ("end tag shorter than its start tag", "<r><abc></ab></r>"),
  /* indents skipped without a chunk, or kept */
  WF ("indents of spaces dropped", "<a>\n  <b/>\n  <c>\n    <d/>\n  </c>\n</a>"),
  WF ("indent of more than 8 spaces and tabs",
      "<a>\n                    \t  <b/>\n\n\n                 </a>"),
  WF ("indent before the end tag of an empty element kept", "<a>\n  </a>"),
  WF ("indent after a text kept", "<a>x\n  <b/>\n  <c/></a>"),
  WF ("indent then text", "<a>\n  x<b/></a>"),
  WF ("indent with a CR", "<a>\n \r <b/>\n\r\n<c/></a>"),
  WF ("indent under xml:space preserve", "<a xml:space=\"preserve\">\n  <b/>\n</a>"),
  WF ("indent at the end of the input", "<a>\n  </a>\n  "),
  NWF ("indent and no end tag", "<a>\n    "),
};

START_TEST (test_edge_case)
{
  const EdgeCase *c = &edge_cases[_i];
  xmlDoc *doc = NULL;
  DokusXmlInError e = { 0 };
  DokusXmlInResult ref = xml_in_ref_parse (c->xml, c->len, NULL, &doc, NULL);
  DokusXmlInResult ours;
  char why[1024];

  xmlFreeDoc (doc);
  doc = NULL;
  ours = dokus_xml_in_parse (c->xml, c->len, NULL, &doc, &e);
  dokus_xml_doc_free (doc);
  ck_assert_msg ((ref == DOKUS_XML_IN_OK) == (c->well_formed || c->libxml2_quirk),
                 "\"%s\": libxml2 says %s, the table %s%s", c->name, xml_in_result_name (ref),
                 c->well_formed ? "well-formed" : "not well-formed",
                 c->libxml2_quirk ? " (a quirk of libxml2)" : "");
  ck_assert_msg ((ours == DOKUS_XML_IN_OK) == c->well_formed,
                 "\"%s\": ours says %s (line %d: %s), the table %s", c->name,
                 xml_in_result_name (ours), e.line, e.message,
                 c->well_formed ? "well-formed" : "not well-formed");
  ck_assert_msg (c->well_formed || ours == DOKUS_XML_IN_NOT_WELL_FORMED,
                 "\"%s\": ours says %s, not NOT_WELL_FORMED", c->name, xml_in_result_name (ours));
  ck_assert_msg (xml_in_diff (c->xml, c->len, NULL, why, sizeof why)
                   == (c->libxml2_quirk ? XML_IN_LIBXML2_QUIRK : XML_IN_AGREE),
                 "\"%s\": %s", c->name, why);
}
END_TEST

/* @n bytes of @unit repeated (transfer full) */
static char *
repeat (const char *unit, size_t n)
{
  size_t u = strlen (unit);
  char *s = malloc (n + 1);

  ck_assert (s != NULL);
  for (size_t i = 0; i < n; i++)
    s[i] = unit[i % u];
  s[n] = '\0';
  return s;
}

static void
expect_agreement (const char *xml, bool well_formed, const char *what)
{
  xmlDoc *doc = NULL;
  DokusXmlInError e = { 0 };
  DokusXmlInResult ours = dokus_xml_in_parse (xml, strlen (xml), NULL, &doc, &e);
  char why[1024];

  dokus_xml_doc_free (doc);
  ck_assert_msg ((ours == DOKUS_XML_IN_OK) == well_formed, "%s: ours says %s (line %d: %s)", what,
                 xml_in_result_name (ours), e.line, e.message);
  ck_assert_msg (xml_in_diff (xml, strlen (xml), NULL, why, sizeof why) == XML_IN_AGREE, "%s: %s",
                 what, why);
}

START_TEST (test_long_names_and_values)
{
  char *name = repeat ("abcdefghij", 20000), *value = repeat ("v &amp; w ", 1000000);
  size_t cap = 3 * 1000000;
  char *xml = malloc (cap);

  ck_assert (xml != NULL);
  snprintf (xml, cap, "<%s %s=\"%s\">%s</%s>", name, name, value, value, name);
  expect_agreement (xml, true, "20000-byte names and 1 MB values");
  free (name);
  /* libxml2 refuses names longer than 50000 bytes without XML_PARSE_HUGE */
  name = repeat ("n", 50001);
  snprintf (xml, cap, "<%s/>", name);
  expect_agreement (xml, false, "a 50001-byte element name");
  snprintf (xml, cap, "<a %s=\"1\"/>", name);
  expect_agreement (xml, false, "a 50001-byte attribute name");
  free (name);
  free (value);
  free (xml);
}
END_TEST

/* libxml2 reads character data in chunks of 300 bytes and decides
 * NOBLANKS per chunk: long blank runs (and line ends and references
 * across chunks) must come out as libxml2's do */
/* libxml2's "&#38;" in a namespace name found as the quirk it is even
 * when the name is longer than the explanation of a difference */
START_TEST (test_long_namespace_name_with_amp)
{
  char *pad = repeat ("x", 3000);
  char xml[4096], why[1024];

  snprintf (xml, sizeof xml, "<a xmlns:p=\"urn:%s&#38;y\"><p:b/></a>", pad);
  ck_assert_int_eq (xml_in_diff (xml, strlen (xml), NULL, why, sizeof why), XML_IN_LIBXML2_QUIRK);
  free (pad);
}
END_TEST

START_TEST (test_long_blank_runs)
{
  char *blanks = repeat (" \n\t \r\n", 1000);
  size_t cap = 8192;
  char *xml = malloc (cap);

  ck_assert (xml != NULL);
  snprintf (xml, cap, "<a>%s</a>", blanks);
  expect_agreement (xml, true, "a leaf of 1000 blanks");
  snprintf (xml, cap, "<a><b/>%s<c/>%s</a>", blanks, blanks);
  expect_agreement (xml, true, "1000 blanks between elements");
  snprintf (xml, cap, "<a>x<b/>%s<c/></a>", blanks);
  expect_agreement (xml, true, "1000 blanks after a text sibling");
  snprintf (xml, cap, "<a xml:space='preserve'><b/>%s<c/></a>", blanks);
  expect_agreement (xml, true, "1000 blanks under xml:space preserve");
  snprintf (xml, cap, "<a>%sx</a>", blanks);
  expect_agreement (xml, true, "1000 blanks then text");
  snprintf (xml, cap, "<a>%s<!--c-->%s</a>", blanks, blanks);
  expect_agreement (xml, true, "1000 blanks around a comment");
  free (blanks);
  /* line ends and references across libxml2's chunks, in text and values */
  blanks = repeat ("x\r\ny\rz &amp;&#10;\t", 18 * 80); /* whole units */
  snprintf (xml, cap, "<a b=\"%s\">%s</a>", blanks, blanks);
  expect_agreement (xml, true, "1440 bytes of line ends and references");
  free (blanks);
  free (xml);
}
END_TEST

/* More names than a document's tables start with (256 slots, half
 * full): each interned once, found by dokus_xml_name_exists(), the tree
 * as libxml2's. */
START_TEST (test_many_names)
{
  size_t cap = 64 * 1024, len = 0;
  char *xml = malloc (cap);
  xmlDoc *doc = NULL;
  const xmlNode *n;
  int i = 0;

  ck_assert (xml != NULL);
  len += (size_t) snprintf (xml + len, cap - len, "<r xmlns:p='u'>");
  for (int k = 0; k < 700; k++)
    len += (size_t) snprintf (xml + len, cap - len, "<p:e%d a%d='%d'/>", k, k % 300, k);
  for (int k = 0; k < 700; k++) /* the same names again, in another order */
    len += (size_t) snprintf (xml + len, cap - len, "<p:e%d/>", (k * 7) % 700);
  snprintf (xml + len, cap - len, "</r>");
  expect_agreement (xml, true, "700 element names, 300 attribute names");
  ck_assert_int_eq (dokus_xml_in_parse (xml, strlen (xml), NULL, &doc, NULL), DOKUS_XML_IN_OK);
  for (n = xmlDocGetRootElement (doc)->children; n != NULL; n = n->next, i++)
    {
      char name[16];
      int k = i < 700 ? i : ((i - 700) * 7) % 700;
      snprintf (name, sizeof name, "e%d", k);
      ck_assert_str_eq ((const char *) n->name, name);
      ck_assert_ptr_eq (dokus_xml_name_exists (doc, name, strlen (name)), n->name);
      ck_assert_uint_eq (n->extra, strlen (name) + 1);
      if (i < 700)
        {
          snprintf (name, sizeof name, "a%d", k % 300);
          ck_assert_ptr_eq (dokus_xml_name_exists (doc, name, strlen (name)),
                            n->properties->name);
        }
    }
  ck_assert_int_eq (i, 1400);
  ck_assert_ptr_null (dokus_xml_name_exists (doc, "e700", 4));
  ck_assert_ptr_null (dokus_xml_name_exists (doc, "a300", 4));
  dokus_xml_doc_free (doc);
  free (xml);
}
END_TEST

START_TEST (test_hundreds_of_attributes)
{
  size_t cap = 64 * 1000, used = 0;
  char *xml = malloc (cap);

  ck_assert (xml != NULL);
  used += (size_t) snprintf (xml + used, cap - used, "<a xmlns:p=\"urn:p\"");
  for (int i = 0; i < 700; i++)
    used += (size_t) snprintf (xml + used, cap - used, " %sa%d=\"%d\"", i % 3 ? "" : "p:", i, i);
  snprintf (xml + used, cap - used, "><b/></a>");
  expect_agreement (xml, true, "700 attributes");
  /* the duplicate at the end of 700 is found */
  snprintf (xml + used, cap - used, " a1=\"x\"/>");
  expect_agreement (xml, false, "700 attributes and a duplicate of the second");
  free (xml);
}
END_TEST

/* 400 000 attributes on one tag, then the same with a duplicate of the
 * first at the end: found, in time linear in the tag (the test's own
 * timeout would stop a quadratic check). Ours only: libxml2's own check
 * is quadratic. */
START_TEST (test_many_attributes_stay_linear)
{
  const int n = 400000;
  size_t cap = (size_t) n * 24 + 64, used = 0;
  char *xml = malloc (cap);
  DokusXmlInError e;
  xmlDoc *doc = NULL;

  ck_assert (xml != NULL);
  used += (size_t) snprintf (xml + used, cap - used, "<a");
  for (int i = 0; i < n; i++)
    used += (size_t) snprintf (xml + used, cap - used, " a%d=\"\"", i);
  snprintf (xml + used, cap - used, "/>");
  ck_assert_int_eq (dokus_xml_in_parse (xml, strlen (xml), NULL, &doc, &e), DOKUS_XML_IN_OK);
  dokus_xml_doc_free (doc);
  snprintf (xml + used, cap - used, " a0=\"x\"/>");
  ck_assert_int_eq (dokus_xml_in_parse (xml, strlen (xml), NULL, &doc, &e),
                    DOKUS_XML_IN_NOT_WELL_FORMED);
  ck_assert_ptr_null (doc);
  ck_assert_msg (strstr (e.message, "a0 appears twice") != NULL, "%s", e.message);
  free (xml);
}
END_TEST

/* 256 namespace declarations in scope are read; the 257th is refused by
 * name (each look-up scans those in scope: the bound keeps a hostile
 * document linear). */
START_TEST (test_namespace_declarations_bounded)
{
  size_t cap = 300 * 32 + 64, used = 0;
  char *xml = malloc (cap);
  DokusXmlInError e;
  xmlDoc *doc = NULL;

  ck_assert (xml != NULL);
  used += (size_t) snprintf (xml + used, cap - used, "<a");
  for (int i = 0; i < 256; i++)
    used += (size_t) snprintf (xml + used, cap - used, " xmlns:p%d=\"urn:%d\"", i, i);
  snprintf (xml + used, cap - used, "><p7:b/></a>");
  ck_assert_int_eq (dokus_xml_in_parse (xml, strlen (xml), NULL, &doc, &e), DOKUS_XML_IN_OK);
  ck_assert_str_eq ((const char *) xmlDocGetRootElement (doc)->children->ns->href, "urn:7");
  dokus_xml_doc_free (doc);
  doc = NULL;
  snprintf (xml + used, cap - used, " xmlns:q=\"urn:q\"/>");
  ck_assert_int_eq (dokus_xml_in_parse (xml, strlen (xml), NULL, &doc, &e),
                    DOKUS_XML_IN_NOT_WELL_FORMED);
  ck_assert_msg (strstr (e.message, "more than 256 namespace declarations") != NULL, "%s",
                 e.message);
  free (xml);
}
END_TEST

/* ---- limits ---------------------------------------------------------------- */

/* "<d1><d2>...<dN/>...</d2></d1>" with @prefix before every name */
static char *
nested (unsigned depth, const char *prefix)
{
  size_t cap = depth * 40 + 64, used = 0;
  char *xml = malloc (cap);

  ck_assert (xml != NULL);
  for (unsigned i = 1; i <= depth; i++)
    used += (size_t) snprintf (xml + used, cap - used, "<%sd%u%s>", prefix, i,
                               i == 1 && prefix[0] ? " xmlns:p=\"urn:p\"" : "");
  for (unsigned i = depth; i >= 1; i--)
    used += (size_t) snprintf (xml + used, cap - used, "</%sd%u>", prefix, i);
  return xml;
}

static DokusXmlInResult
parse_with (const char *xml, const DokusXmlInLimits *limits, DokusXmlInError *e)
{
  xmlDoc *doc = (xmlDoc *) e; /* must come back NULL on failure */
  DokusXmlInResult r = dokus_xml_in_parse (xml, strlen (xml), limits, &doc, e);

  if (r == DOKUS_XML_IN_OK)
    {
      ck_assert (doc != NULL && dokus_xml_in_owns (doc));
      dokus_xml_doc_free (doc);
    }
  else
    ck_assert_msg (doc == NULL, "%s with a document", xml_in_result_name (r));
  return r;
}

START_TEST (test_depth_limit)
{
  const DokusXmlInLimits limits = { 12, 0 };
  DokusXmlInError e = { 0 };
  char *xml = nested (12, "");
  char why[1024];

  ck_assert_int_eq (parse_with (xml, &limits, &e), DOKUS_XML_IN_OK);
  ck_assert_msg (xml_in_diff (xml, strlen (xml), &limits, why, sizeof why) == XML_IN_AGREE, "%s",
                 why);
  free (xml);
  xml = nested (13, "");
  ck_assert_int_eq (parse_with (xml, &limits, &e), DOKUS_XML_IN_TOO_DEEP);
  ck_assert_str_eq (e.element, "d13");
  ck_assert_msg (e.message[0] != '\0', "no message");
  free (xml);
  xml = nested (13, "p:");
  ck_assert_int_eq (parse_with (xml, &limits, &e), DOKUS_XML_IN_TOO_DEEP);
  ck_assert_str_eq (e.element, "p:d13");
  free (xml);
  /* NULL limits: depth 256 */
  xml = nested (256, "");
  ck_assert_int_eq (parse_with (xml, NULL, &e), DOKUS_XML_IN_OK);
  free (xml);
  xml = nested (257, "");
  ck_assert_int_eq (parse_with (xml, NULL, &e), DOKUS_XML_IN_TOO_DEEP);
  ck_assert_str_eq (e.element, "d257");
  free (xml);
  /* the product's limit, as libxml2's guard counts it */
  xml = nested (xml_in_product_limits.max_depth + 1, "");
  ck_assert_int_eq (xml_in_ref_parse (xml, strlen (xml), &xml_in_product_limits, &(xmlDoc *) { 0 },
                                      NULL),
                    DOKUS_XML_IN_TOO_DEEP);
  ck_assert_int_eq (parse_with (xml, &xml_in_product_limits, &e), DOKUS_XML_IN_TOO_DEEP);
  free (xml);
}
END_TEST

/* a root and @children empty children */
static char *
flat (unsigned children)
{
  size_t cap = children * 8 + 32, used = 0;
  char *xml = malloc (cap);

  ck_assert (xml != NULL);
  used += (size_t) snprintf (xml, cap, "<r>");
  for (unsigned i = 0; i < children; i++)
    used += (size_t) snprintf (xml + used, cap - used, "<c/>");
  snprintf (xml + used, cap - used, "</r>");
  return xml;
}

START_TEST (test_element_limit)
{
  const DokusXmlInLimits limits = { 256, 10 };
  DokusXmlInError e = { 0 };
  char *xml = flat (9);

  ck_assert_int_eq (parse_with (xml, &limits, &e), DOKUS_XML_IN_OK);
  free (xml);
  xml = flat (10);
  ck_assert_int_eq (parse_with (xml, &limits, &e), DOKUS_XML_IN_TOO_MANY);
  ck_assert_msg (e.message[0] != '\0', "no message");
  ck_assert_int_eq (xml_in_ref_parse (xml, strlen (xml), &limits, &(xmlDoc *) { 0 }, NULL),
                    DOKUS_XML_IN_TOO_MANY);
  free (xml);
  /* 0: no limit */
  xml = flat (100000);
  ck_assert_int_eq (parse_with (xml, &(DokusXmlInLimits) { 256, 0 }, &e), DOKUS_XML_IN_OK);
  free (xml);
}
END_TEST

START_TEST (test_doctype_refused)
{
  static const char *const doctypes[] = {
    "<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>",
    "<!DOCTYPE a [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><a>&lol2;</a>",
    "<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a/>",
    "<!DOCTYPE a PUBLIC \"-//x//y\" \"http://example.com/a.dtd\"><a/>",
    "<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE a><a/>",
    "\xef\xbb\xbf<!DOCTYPE a [\n]>\n<a/>",
  };

  for (size_t i = 0; i < sizeof doctypes / sizeof *doctypes; i++)
    {
      DokusXmlInError e = { 0 };
      char why[1024];
      ck_assert_msg (parse_with (doctypes[i], NULL, &e) == DOKUS_XML_IN_DOCTYPE,
                     "not refused as a DOCTYPE: %s", doctypes[i]);
      ck_assert_msg (e.message[0] != '\0', "no message for %s", doctypes[i]);
      ck_assert_msg (xml_in_diff (doctypes[i], strlen (doctypes[i]), NULL, why, sizeof why)
                       == XML_IN_AGREE,
                     "%s: %s", doctypes[i], why);
    }
}
END_TEST

START_TEST (test_error_lines)
{
  static const char *const line3[] = {
    "<a>\n<b>\n</c>\n</a>\n",
    "<a>\r\n<b/>\r\n&bad;</a>",
    "<?xml version=\"1.0\"?>\n<a\n  b=\"1\" b=\"2\"/>",
    "<a>\n<!-- x -->\n<b>\x80</b></a>",
    "<a>\n\n\x01</a>",
    "<a\nb='1'\nc=\"<\"/>",
    "<a>\n<b/>\n</a><c/>",
  };

  for (size_t i = 0; i < sizeof line3 / sizeof *line3; i++)
    {
      DokusXmlInError e = { 0 };
      ck_assert_msg (parse_with (line3[i], NULL, &e) == DOKUS_XML_IN_NOT_WELL_FORMED,
                     "accepted: %s", line3[i]);
      ck_assert_msg (e.line == 3, "line %d, not 3 (%s) for: %s", e.line, e.message, line3[i]);
    }
}
END_TEST

START_TEST (test_unsupported_encodings)
{
  static const char *const others[] = {
    "\xfe\xff\0<\0a\0/\0>",
    "\xff\xfe<\0a\0/\0>\0",
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\xe9</a>",
    "\xef\xbb\xbf<?xml version='1.0' encoding='windows-1252'?><a/>",
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>",
  };
  static const size_t lens[] = { 10, 10, 0, 0, 0 };

  for (size_t i = 0; i < sizeof others / sizeof *others; i++)
    {
      size_t len = lens[i] ? lens[i] : strlen (others[i]);
      DokusXmlInError e = { 0 };
      xmlDoc *doc = (xmlDoc *) &e;
      ck_assert_msg (xml_in_declares_other_encoding (others[i], len), "case %lu", (unsigned long) i);
      ck_assert_int_eq (dokus_xml_in_parse (others[i], len, NULL, &doc, &e),
                        DOKUS_XML_IN_UNSUPPORTED);
      ck_assert_ptr_null (doc);
      /* the header: "@e is filled on any result but DOKUS_XML_IN_OK" */
      ck_assert_msg (e.message[0] != '\0', "UNSUPPORTED without a message (case %lu)",
                     (unsigned long) i);
    }
}
END_TEST

/* ---- interned names --------------------------------------------------------- */

START_TEST (test_name_exists)
{
  char *longname = repeat ("LongElementName", 100), *longattr = repeat ("attr", 18);
  char xml[4096], query[2048];
  xmlDoc *doc = NULL;
  const xmlChar *id, *lp;
  int ids = 0, longs = 0;

  snprintf (xml, sizeof xml,
            "<Invoice xmlns='urn:i' xmlns:cbc='urn:c'><cbc:ID a='1'>1</cbc:ID>"
            "<x><cbc:ID/><ID %s='2'/></x><%s %s='3'/><%s a='4'/></Invoice>",
            longattr, longname, longattr, longname);
  ck_assert_int_eq (dokus_xml_in_parse (xml, strlen (xml), NULL, &doc, NULL), DOKUS_XML_IN_OK);
  id = dokus_xml_name_exists (doc, "ID", 2);
  ck_assert_ptr_nonnull (id);
  ck_assert_str_eq ((const char *) id, "ID");
  /* not NUL-terminated */
  ck_assert_ptr_eq (dokus_xml_name_exists (doc, "IDX", 2), id);
  lp = dokus_xml_name_exists (doc, longname, strlen (longname));
  ck_assert_ptr_nonnull (lp);
  ck_assert_uint_gt (strlen (longname), 64);
  for (const xmlNode *n = xmlDocGetRootElement (doc); n != NULL;)
    {
      if (n->type == XML_ELEMENT_NODE && strcmp ((const char *) n->name, "ID") == 0)
        {
          ck_assert_ptr_eq (n->name, id);
          ids++;
        }
      if (n->type == XML_ELEMENT_NODE && strcmp ((const char *) n->name, longname) == 0)
        {
          ck_assert_ptr_eq (n->name, lp);
          longs++;
        }
      for (const xmlAttr *a = n->type == XML_ELEMENT_NODE ? n->properties : NULL; a; a = a->next)
        ck_assert_ptr_eq (dokus_xml_name_exists (doc, (const char *) a->name,
                                                 strlen ((const char *) a->name)),
                          a->name);
      if (n->children != NULL)
        n = n->children;
      else
        {
          while (n != NULL && n->next == NULL)
            n = n->parent != NULL && n->parent->type == XML_ELEMENT_NODE ? n->parent : NULL;
          if (n != NULL)
            n = n->next;
        }
    }
  ck_assert_int_eq (ids, 3);
  ck_assert_int_eq (longs, 2);
  ck_assert_ptr_nonnull (dokus_xml_name_exists (doc, longattr, strlen (longattr)));
  ck_assert_ptr_null (dokus_xml_name_exists (doc, "Nope", 4));
  ck_assert_ptr_null (dokus_xml_name_exists (doc, "I", 1));
  ck_assert_ptr_null (dokus_xml_name_exists (doc, "cbc:ID", 6));
  /* a long name one byte short or long is another name */
  snprintf (query, sizeof query, "%sX", longname);
  ck_assert_ptr_null (dokus_xml_name_exists (doc, query, strlen (query)));
  ck_assert_ptr_null (dokus_xml_name_exists (doc, longname, strlen (longname) - 1));
  dokus_xml_doc_free (doc);
  free (longname);
  free (longattr);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("xml-in");
  TCase *files = tcase_create ("files"), *cases = tcase_create ("cases");
  TCase *limits = tcase_create ("limits");

  xmlInitParser ();
  tcase_set_timeout (files, 600);
  tcase_add_test (files, test_official_examples_and_rule_tests);
  tcase_add_test (files, test_fuzz_corpora);
  tcase_add_test (files, test_truncation_small_example);
  tcase_add_test (files, test_truncation_crlf_example);
  tcase_add_test (files, test_truncation_greek_crlf_example);
  tcase_add_test (files, test_truncation_handwritten);
  suite_add_tcase (s, files);
  tcase_set_timeout (cases, 120);
  tcase_add_loop_test (cases, test_edge_case, 0, (int) (sizeof edge_cases / sizeof *edge_cases));
  tcase_add_test (cases, test_long_names_and_values);
  tcase_add_test (cases, test_hundreds_of_attributes);
  tcase_add_test (cases, test_long_blank_runs);
  tcase_add_test (cases, test_long_namespace_name_with_amp);
  suite_add_tcase (s, cases);
  tcase_set_timeout (limits, 120);
  tcase_add_test (limits, test_depth_limit);
  {
    /* a quadratic duplicate check would take minutes here, a linear one well
     * under a second (ASan included) */
    TCase *linear = tcase_create ("linear");
    tcase_set_timeout (linear, 30);
    tcase_add_test (linear, test_many_attributes_stay_linear);
    suite_add_tcase (s, linear);
  }
  tcase_add_test (limits, test_namespace_declarations_bounded);
  tcase_add_test (limits, test_element_limit);
  tcase_add_test (limits, test_doctype_refused);
  tcase_add_test (limits, test_unsupported_encodings);
  tcase_add_test (limits, test_error_lines);
  tcase_add_test (limits, test_name_exists);
  tcase_add_test (limits, test_many_names);
  suite_add_tcase (s, limits);
  return dokus_test_run_suite (s);
}

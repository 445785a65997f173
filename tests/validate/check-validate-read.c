/* check-validate-read.c
 *
 * dokus_ubl_read_validated() parses once for the reader and the
 * validator: it must say exactly what dokus_ubl_read() and
 * dokus_ubl_validate() say each on their own (the same document JSON,
 * the same findings in the same order, the same error), on every
 * official example, every document of the official rule tests and every
 * file of the fuzz corpus (hostile input included). The official
 * material is read at run time from ../shared/peppol.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "dokus-test-helpers.h"

typedef struct {
  int documents, read, refused;
} Tally;

/* What one way of reading said: the document's JSON and the report's, or
 * the error. */
typedef struct {
  DokusStatus st;
  DokusError  err;
  char       *doc_json, *report_json;
} Verdict;

static void
verdict_clear (Verdict *v)
{
  free (v->doc_json);
  free (v->report_json);
}

static void
take_doc (Verdict *v, DokusPurchaseDoc *doc)
{
  DokusError err = { 0 };
  ck_assert_int_eq (dokus_purchase_doc_to_json (doc, &v->doc_json, &err), DOKUS_OK);
  dokus_purchase_doc_free (doc);
}

static void
take_report (Verdict *v, DokusUblReport *report)
{
  v->report_json = dokus_ubl_report_to_json (report, NULL);
  ck_assert_ptr_nonnull (v->report_json);
  dokus_ubl_report_free (report);
}

static void
compare_ways (const char *name, const char *xml, size_t len, Tally *t)
{
  Verdict apart = { 0 }, together = { 0 };
  DokusPurchaseDoc *doc = NULL;
  DokusUblReport *report = NULL;

  apart.st = dokus_ubl_read (xml, len, &doc, &apart.err);
  if (apart.st == DOKUS_OK)
    {
      DokusError verr = { 0 };
      take_doc (&apart, doc);
      /* a document the reader takes, the validator's own parse takes too */
      ck_assert_msg (dokus_ubl_validate (xml, len, &report, &verr) == DOKUS_OK, "%s: %s", name,
                     verr.message);
      take_report (&apart, report);
    }
  doc = NULL;
  report = NULL;
  together.st = dokus_ubl_read_validated (xml, len, &doc, &report, &together.err);
  ck_assert_msg (together.st == apart.st, "%s: status %d, apart %d", name, together.st, apart.st);
  t->documents++;
  if (apart.st == DOKUS_OK)
    {
      ck_assert_ptr_nonnull (doc);
      ck_assert_ptr_nonnull (report);
      take_doc (&together, doc);
      take_report (&together, report);
      ck_assert_msg (strcmp (apart.doc_json, together.doc_json) == 0, "%s: the documents differ",
                     name);
      ck_assert_msg (strcmp (apart.report_json, together.report_json) == 0,
                     "%s: the findings differ:\n%s\n%s", name, apart.report_json,
                     together.report_json);
      t->read++;
    }
  else
    {
      ck_assert_ptr_null (doc);
      ck_assert_ptr_null (report);
      ck_assert_str_eq (together.err.field, apart.err.field);
      ck_assert_str_eq (together.err.message, apart.err.message);
      t->refused++;
    }
  verdict_clear (&apart);
  verdict_clear (&together);
}

/* Every <test> document of the vefa test set @path, serialized as the
 * official rule tests are (check-validate-official.c). */
static void
compare_test_set (const char *path, Tally *t)
{
  xmlDoc *set = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  xmlNode *root = set ? xmlDocGetRootElement (set) : NULL;

  ck_assert_msg (root != NULL, "cannot parse %s", path);
  for (xmlNode *test = root->children; test; test = test->next)
    for (xmlNode *c = test->type == XML_ELEMENT_NODE ? test->children : NULL; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE
          && (strcmp ((const char *) c->name, "Invoice") == 0
              || strcmp ((const char *) c->name, "CreditNote") == 0))
        {
          xmlDoc *doc = xmlNewDoc (BAD_CAST "1.0");
          xmlChar *buf = NULL;
          int len = 0;
          xmlDocSetRootElement (doc, xmlDocCopyNode (c, doc, 1));
          xmlDocDumpMemoryEnc (doc, &buf, &len, "UTF-8");
          ck_assert_ptr_nonnull (buf);
          compare_ways (path, (const char *) buf, (size_t) len, t);
          xmlFree (buf);
          xmlFreeDoc (doc);
        }
  xmlFreeDoc (set);
}

/* Every .xml file below @dir: a test set when @test_sets, else a document. */
static void
compare_dir (const char *dir, bool test_sets, Tally *t)
{
  DIR *d = opendir (dir);
  struct dirent *e;

  ck_assert_msg (d != NULL, "missing %s: the official Peppol test material is needed", dir);
  while ((e = readdir (d)) != NULL)
    {
      char path[4096];
      struct stat sb;
      size_t l = strlen (e->d_name);
      snprintf (path, sizeof path, "%s/%.255s", dir, e->d_name);
      if (e->d_name[0] == '.' || stat (path, &sb) != 0)
        continue;
      if (S_ISDIR (sb.st_mode))
        compare_dir (path, test_sets, t);
      else if (l > 4 && strcasecmp (e->d_name + l - 4, ".xml") == 0 && test_sets)
        compare_test_set (path, t);
      else if (l > 4 && strcasecmp (e->d_name + l - 4, ".xml") == 0)
        {
          size_t len;
          unsigned char *xml = dokus_test_read_file (path, &len);
          ck_assert_msg (xml != NULL, "cannot read %s", path);
          compare_ways (path, (const char *) xml, len, t);
          free (xml);
        }
    }
  closedir (d);
}

/* Compares both ways on everything below @below (relative to the source
 * root); the tally. */
static Tally
compare_below (const char *below, bool test_sets)
{
  char dir[4096];
  Tally t = { 0 };
  snprintf (dir, sizeof dir, "%s/%s", dokus_test_source_root (), below);
  compare_dir (dir, test_sets, &t);
  printf ("%s: %d documents compared, %d read, %d refused\n", below, t.documents, t.read,
          t.refused);
  return t;
}

START_TEST (test_read_validated_matches_apart_on_examples)
{
  Tally t = compare_below ("../shared/peppol/examples", false);
  /* 76 official examples at the time of writing, every one a UBL document */
  ck_assert_int_ge (t.documents, 70);
  ck_assert_int_eq (t.refused, 0);
}
END_TEST

START_TEST (test_read_validated_matches_apart_on_rule_tests)
{
  /* most rule-test documents are fragments the reader refuses (no
   * cbc:IssueDate...): then the errors must be the same */
  Tally t = compare_below ("../shared/peppol/rule-tests", true);
  ck_assert_int_ge (t.documents, 1000);
  ck_assert_int_gt (t.read, 100);
}
END_TEST

START_TEST (test_read_validated_matches_apart_on_hostile_corpus)
{
  Tally t = compare_below ("tests/fuzz/corpus", false);
  /* the corpus holds both kinds: documents read and hostile ones refused */
  ck_assert_int_gt (t.read, 0);
  ck_assert_int_gt (t.refused, 0);
}
END_TEST

START_TEST (test_read_validated_refuses_doctype_like_the_reader)
{
  static const char xml[] = "<?xml version=\"1.0\"?><!DOCTYPE Invoice [<!ENTITY a \"aaaa\">]>"
                            "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:"
                            "Invoice-2\"><cbc:ID>&a;</cbc:ID></Invoice>";
  DokusPurchaseDoc *doc = (DokusPurchaseDoc *) 1;
  DokusUblReport *report = (DokusUblReport *) 1;
  DokusError err = { 0 };

  ck_assert_int_eq (dokus_ubl_read_validated (xml, sizeof xml - 1, &doc, &report, &err),
                    DOKUS_ERR_INVALID);
  ck_assert_ptr_null (doc);
  ck_assert_ptr_null (report);
  ck_assert_str_eq (err.field, "DOCTYPE");
}
END_TEST

static Suite *
read_validated_suite (void)
{
  Suite *s = suite_create ("validate");
  TCase *tc = tcase_create ("read-validated");
  tcase_set_timeout (tc, 600);
  tcase_add_test (tc, test_read_validated_matches_apart_on_examples);
  tcase_add_test (tc, test_read_validated_matches_apart_on_rule_tests);
  tcase_add_test (tc, test_read_validated_matches_apart_on_hostile_corpus);
  tcase_add_test (tc, test_read_validated_refuses_doctype_like_the_reader);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (read_validated_suite ());
  int failed;
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
